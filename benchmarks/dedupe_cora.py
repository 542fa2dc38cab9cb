"""Deduplication accuracy on Cora (1,879 labelled citations, 191 clusters).

Run: ``python benchmarks/dedupe_cora.py [--data PATH] [--thresholds 0.5,0.9,...] [--folds 5]``
(needs the ``train`` extra: ``pip install -e '.[train]'``)

Reads ``shared/data/cora/cora.csv`` (see its README: the ``label`` column is the
cluster), turns each row into a Reference (author strings through the free-text name
parser, ``journal`` -> article, ``booktitle`` -> conference paper, a "Technical
Report"/"thesis" type -> report/thesis), runs :func:`refs.dedupe.find_duplicates` and
prints pairwise and exact-cluster precision / recall / F1, for the default threshold
and a sweep of others, next to a baseline measured in the same run: records with an
identical folded title are one cluster.

The matcher's weights are learned (``scripts/train_matcher.py``) partly from Cora, so
the shipped weights are never scored here. The learned figures come from
cross-validation grouped by cluster label: records are split into folds by label; the
pairs of fold *i* are scored by a model trained only on pairs with no record in fold
*i*, and a pair joining folds *i* and *j* by a model trained without either fold, so no
pair is scored by a model that saw one of its records. Clustering then runs on the
whole graph of those out-of-fold scores (its guard asks the same fold-aware models).
The hand-set weights (the matcher before training) are shown for comparison.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from refs.config import DedupeSettings
from refs.dedupe.cluster import PairMatch, link
from refs.io.freetext.names import parse_names
from refs.match.blocking import candidate_pairs
from refs.match.fields import HAND_INTERCEPT, HAND_WEIGHTS
from refs.match.normalize import Features, features, fold
from refs.match.similarity import MatcherWeights, MatchResult, compare_features, surely_different
from refs.model.reference import DateParts, Name, PageRange, Reference

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "cora" / "cora.csv"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PAGES = re.compile(r"(\d+)\s*[-–]+\s*(\d+)")
_NUM = re.compile(r"\d+")


def _clean(s: str | None) -> str:
    return (s or "").strip().strip(",.;:").strip()


def _names(s: str) -> list[Name]:
    text = _clean(s)
    if not text:
        return []
    first = text.split(",")[0].strip()
    natural = " " in first and bool(re.fullmatch(r"[A-Z][a-z'-]+", first.split()[-1]))
    try:
        names, _ = parse_names(text, inverted_first=not natural)
    except Exception:  # a benchmark must not stop on one odd author string
        return [Name(literal=text)]
    return names


def to_reference(row: dict[str, str]) -> Reference:
    """One Cora row as a Reference (fields as a BibTeX importer would map them)."""
    year_m = _YEAR.search(row.get("year", "") + " " + row.get("date", ""))
    vol = _clean(row.get("volume"))
    vol_nums = _NUM.findall(vol)
    pages = _PAGES.search(row.get("pages", ""))
    kind = _clean(row.get("type")).lower()
    if row.get("journal", "").strip():
        typ, container = "article-journal", _clean(row["journal"])
    elif row.get("booktitle", "").strip():
        typ, container = "paper-conference", _clean(row["booktitle"])
    elif "thesis" in kind:
        typ, container = "thesis", None
    elif "report" in kind or "tech" in kind or "tr" in kind.split():
        typ, container = "report", None
    else:
        typ, container = "document", None
    return Reference(
        id=f"cora{row['id']}",
        type=typ,
        title=_clean(row.get("title")) or None,
        author=_names(row.get("author", "")),
        issued=DateParts(year=int(year_m.group(1))) if year_m else None,
        container_title=container or None,
        volume=vol_nums[0] if vol_nums else None,
        issue=vol_nums[1] if len(vol_nums) > 1 else None,
        page=PageRange(first=pages.group(1), last=pages.group(2)) if pages else None,
        publisher=_clean(row.get("publisher") or row.get("institution")) or None,
    )


def load(path: Path) -> tuple[list[Reference], list[str]]:
    """References and their gold cluster labels, in file order."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [to_reference(r) for r in rows], [r["label"] for r in rows]


def _pairs(groups: Iterable[list[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for g in groups:
        out.update(itertools.combinations(sorted(g), 2))
    return out


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pred_groups: list[list[int]], labels: list[str]) -> dict[str, float]:
    """Pairwise and exact-cluster precision/recall/F1 (singletons count as clusters)."""
    gold: dict[str, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        gold[lab].append(i)
    covered = {i for g in pred_groups for i in g}
    pred = [sorted(g) for g in pred_groups] + [[i] for i in range(len(labels))
                                               if i not in covered]
    gp, pp = _pairs(gold.values()), _pairs(pred)
    p, r, f = _prf(len(gp & pp), len(pp), len(gp))
    gold_sets = {tuple(sorted(g)) for g in gold.values()}
    pred_sets = {tuple(g) for g in pred}
    cp, cr, cf = _prf(len(gold_sets & pred_sets), len(pred_sets), len(gold_sets))
    return {"pair_p": p, "pair_r": r, "pair_f1": f, "clu_p": cp, "clu_r": cr, "clu_f1": cf,
            "pairs": len(pp), "clusters": len(pred_sets)}


def baseline(refs: list[Reference]) -> list[list[int]]:
    """Exact folded-title matching: the obvious method to beat."""
    by_title: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(refs):
        if r.title:
            by_title[fold(r.title)].append(i)
    return [g for g in by_title.values() if len(g) > 1]


def _false_positive_labels(groups: list[list[int]], labels: list[str], top: int = 5
                           ) -> list[str]:
    """Which pairs of gold labels the predicted clusters join, by number of pairs."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for g in groups:
        per: dict[str, int] = defaultdict(int)
        for i in g:
            per[labels[i]] += 1
        for a, b in itertools.combinations(sorted(per), 2):
            counts[(a, b)] += per[a] * per[b]
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    return [f"{a} + {b}: {n} pairs ({n / total:.0%} of false positives)"
            for (a, b), n in ranked]


def _row(name: str, s: dict[str, float], secs: float) -> str:
    return (f"{name:<22} pairwise P={s['pair_p']:.4f} R={s['pair_r']:.4f} "
            f"F1={s['pair_f1']:.4f} | cluster P={s['clu_p']:.4f} R={s['clu_r']:.4f} "
            f"F1={s['clu_f1']:.4f} | {secs:.2f}s")


Picker = Callable[[Features, Features], MatcherWeights]


def cluster_with(refs: list[Reference], feats: list[Features], pick: Picker,
                 cfg: DedupeSettings) -> list[list[int]]:
    """find_duplicates, with the weight table for each pair chosen by ``pick``."""
    def cmp(a: Features, b: Features) -> MatchResult:
        return compare_features(a, b, settings=cfg, weights=pick(a, b))

    pairs = []
    for i, j in sorted(candidate_pairs(feats)):
        if not surely_different(feats[i], feats[j], pick(feats[i], feats[j])):
            pairs.append(PairMatch(i, j, refs[i].id, refs[j].id, cmp(feats[i], feats[j])))
    return [list(c.indices) for c in link(refs, feats, pairs, cmp)]


def cv_models(feats: list[Features], labels: list[str], folds: int
              ) -> tuple[dict[str, int], dict[frozenset[int], MatcherWeights]]:
    """Fold of each record (grouped by label) and a model per fold and per fold pair."""
    import train_matcher as tm
    from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

    fold_of = [0] * len(feats)
    for k, (_, test) in enumerate(GroupKFold(n_splits=folds).split(feats, groups=labels)):
        for i in test:
            fold_of[i] = k
    rows = tm.labelled_pairs(feats, labels)
    sf, sl = tm.synthetic()
    synth = tm.labelled_pairs(sf, sl)
    models = {}
    for held in [frozenset({k}) for k in range(folds)] + [
            frozenset(p) for p in itertools.combinations(range(folds), 2)]:
        train = [r for r in rows if fold_of[r[0]] not in held and fold_of[r[1]] not in held]
        train += synth
        models[held] = tm.shipped(tm.fit([r[2] for r in train], [r[3] for r in train],
                              verdicts=tm.VERDICTS, sample_weight=[r[4] for r in train],
                              c=tm.DEFAULT_C))
    return {f.key: fold_of[i] for i, f in enumerate(feats)}, models


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--thresholds", default="0.5,0.7,0.9,0.95,0.99,0.995,0.999")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"Cora not found at {args.data}", file=sys.stderr)
        return 2
    refs, labels = load(args.data)
    feats = [features(r) for r in refs]
    gold_pairs = len(_pairs([[i for i, x in enumerate(labels) if x == lab]
                             for lab in set(labels)]))
    print(f"Cora: {len(refs)} records, {len(set(labels))} clusters, {gold_pairs} gold pairs")
    t0 = time.perf_counter()
    base = score(baseline(refs), labels)
    print(_row("baseline exact-title", base, time.perf_counter() - t0))
    default_th = DedupeSettings().threshold
    hand = MatcherWeights.of(HAND_INTERCEPT, HAND_WEIGHTS)
    t0 = time.perf_counter()
    groups = cluster_with(refs, feats, lambda a, b: hand, DedupeSettings())
    print(_row(f"hand weights {default_th}", score(groups, labels), time.perf_counter() - t0))
    t0 = time.perf_counter()
    fold_of, models = cv_models(feats, labels, args.folds)
    print(f"trained {len(models)} cross-validation models in {time.perf_counter() - t0:.1f}s")

    def pick(a: Features, b: Features) -> MatcherWeights:
        return models[frozenset({fold_of[a.key], fold_of[b.key]})]

    results = {}
    worst: dict[float, list[str]] = {}
    thresholds = [float(x) for x in args.thresholds.split(",")]
    for th in thresholds:
        t0 = time.perf_counter()
        groups = cluster_with(refs, feats, pick, DedupeSettings(threshold=th))
        secs = time.perf_counter() - t0
        results[th] = score(groups, labels)
        if th in (default_th, max(thresholds)):
            worst[th] = _false_positive_labels(groups, labels)
        mark = " (default)" if th == default_th else ""
        print(_row(f"learned CV {th}{mark}", results[th], secs))
    for th, lines in worst.items():
        print(f"largest sources of false-positive pairs, learned CV at threshold {th}:")
        for line in lines:
            print(f"  {line}")
    default = results.get(default_th)
    if default:
        f1_ratio = default["pair_f1"] / base["pair_f1"]
        print(f"ratio learned-CV/baseline at default: pairwise F1 x{f1_ratio:.2f}"
              f", pairwise recall x{default['pair_r'] / base['pair_r']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
