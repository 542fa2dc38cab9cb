"""Fit the matcher's weights by logistic regression and write ``src/refs/match/weights.py``.

Run (needs the ``train`` extra)::

    pip install -e '.[train]'
    python scripts/train_matcher.py            # fit on all of Cora + synthetic, write weights
    python scripts/train_matcher.py --dry-run  # print the table, write nothing

What is learned: every comparison names the situation of each field -- a *feature* such
as ``title:exact``, ``author:initials-clash``, ``volume:conflict``, ``venue:one-side``,
``type:conference|report`` (see :mod:`refs.match.fields`). Each pair of records sharing a
blocking key becomes a row of 0/1 features; its label is whether the two are one work.
A logistic regression gives one log-odds weight per feature, which is exactly the
additive score :mod:`refs.match.similarity` computes, so every weight stays visible in
the evidence of a match. It is fitted with a Gaussian prior centred on the hand-set
weights (``HAND_WEIGHTS``; variance ``--c``), each work counted once (pair weight
1 / cluster sizes), and signs fixed by meaning (agreement never counts against a match).
The learned intercept (Cora's base rate) is *not* shipped: see :func:`shipped`.

Not learned: situations that mean "no information" (``...:one-side``, ``...:neither``,
``type:same``; but ``venue:one-side`` is learned) weigh 0; vetoed pairs, equal-DOI
pairs and pairs with a title missing are decided by rules and left out of the rows.
Features seen in fewer than ``MIN_SUPPORT`` pairs keep their hand-set weight.

Data: Cora (CS citations, labelled clusters; ``shared/data/cora``) plus synthetic
perturbed duplicates from ``benchmarks/dedupe_scale.py`` (other fields, other noise:
typos, initials, dropped fields, abbreviated journals, year +/-1) so that the weights
do not only fit Cora. The Cora figures in docs/benchmarks.md come from the grouped
cross-validation in ``benchmarks/dedupe_cora.py``, never from these shipped weights.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from refs.match.blocking import blocking_keys  # noqa: E402
from refs.match.fields import HAND_INTERCEPT, HAND_WEIGHTS  # noqa: E402
from refs.match.normalize import Features, features  # noqa: E402
from refs.match.similarity import MatcherWeights, compare_features  # noqa: E402
from refs.model.reference import Reference  # noqa: E402

OUT = ROOT / "src" / "refs" / "match" / "weights.py"
#: weights every feature 0: comparing with it only collects the feature names
_NAMES_ONLY = MatcherWeights.of(0.0, {})
#: the prior's variance around the hand weights (smaller = stay closer to them)
DEFAULT_C = 0.03
MIN_SUPPORT = 30
SYNTHETIC_SIZE = 4000
SYNTHETIC_SEED = 20261122
#: how pair weights fall with cluster size: 1.0 makes every cluster count once, 0.0
#: makes every pair count once (then Cora's few 200-record clusters decide everything)
SIZE_POWER = 1.0


def is_reference_level(name: str) -> bool:
    """Features that mean "nothing known": weight 0 by definition, not a column.

    A field absent on one side or both (``volume:one-side``, ``year:neither``) says
    nothing about the pair in a real library: sparse entries are the norm, and
    enrichment compares a sparse entry with a complete record. Only ``venue:one-side``
    (no container, volume or pages at all on one side, the signature of a report
    beside its published paper) is learned.
    """
    if name == "venue:one-side":
        return False
    return name.endswith((":neither", ":one-side")) or name == "type:same"


#: each feature's verdict as seen in training (for the sign constraints of :func:`fit`)
VERDICTS: dict[str, str] = {}


def pair_row(a: Features, b: Features) -> list[str] | None:
    """The feature names of one pair, or None when a rule decides it (veto, same DOI,
    no title)."""
    r = compare_features(a, b, weights=_NAMES_ONLY)
    if (any(e.verdict == "veto" for e in r.evidence) or r.evidence[0].verdict == "agree"
            or r.evidence[1].verdict == "missing"):
        return None
    out = []
    for e in r.evidence:
        if e.feature and not is_reference_level(e.feature):
            VERDICTS[e.feature] = e.verdict
            out.append(e.feature)
    return out


def block_pairs(feats: Sequence[Features]) -> set[tuple[int, int]]:
    """Every pair sharing a blocking key, big blocks included (no sorted neighbourhood).

    Clustering scores all pairs inside a group of linked records, not only the pairs
    blocking proposed, so training sees that wider population.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for key in blocking_keys(f):
            blocks[key].append(i)
    return {(a, b) for m in blocks.values() for a, b in itertools.combinations(m, 2)}


Row = tuple[int, int, list[str], int, float]


def labelled_pairs(feats: Sequence[Features], labels: Sequence[str]) -> list[Row]:
    """Pairs sharing a blocking key that knowledge does not decide: (i, j, features,
    same work?, training weight).

    The weight is 1 / (size of i's cluster x size of j's cluster) ** :data:`SIZE_POWER`.
    Cora holds a few clusters of 150-250 citations and many of 1-10; unweighted, the
    pairs inside and between the giant ones are most of the data and the weights would
    describe those few works. Weighting makes each work count about equally, closer to
    a real library, where duplicates come in twos and threes.
    """
    size = Counter(labels)
    out = []
    for i, j in sorted(block_pairs(feats)):
        row = pair_row(feats[i], feats[j])
        if row is not None:
            weight = 1.0 / (size[labels[i]] * size[labels[j]]) ** SIZE_POWER
            out.append((i, j, row, int(labels[i] == labels[j]), weight))
    return out




def synthetic() -> tuple[list[Features], list[str]]:
    """Synthetic works with perturbed duplicates, labelled by their original."""
    from dedupe_scale import build

    entries, gold = build(SYNTHETIC_SIZE, SYNTHETIC_SEED)
    labels = [f"s{i}" for i in range(len(entries))]
    for orig, dup in gold:
        labels[dup] = labels[orig]
    refs = [e for e in entries if isinstance(e, Reference)]
    return [features(r) for r in refs], labels


def cora(path: Path | None = None) -> tuple[list[Reference], list[str]]:
    """Cora's records and gold labels (see benchmarks/dedupe_cora.py)."""
    from dedupe_cora import DEFAULT_DATA, load

    return load(path or DEFAULT_DATA)


def sign_of(name: str, verdict: str) -> tuple[float | None, float | None]:
    """Bounds for a feature's weight: agreement never counts against a match, conflict
    or absence never for it.

    Keeps every learned weight readable in a report: a quirk of the data (same issue
    number correlated with some other field) cannot teach "same issue: less likely the
    same work".
    """
    return (0.0, None) if verdict == "agree" else (None, 0.0)


def fit(rows: Sequence[list[str]], y: Sequence[int], *, c: float = DEFAULT_C,
        min_support: int = MIN_SUPPORT, verdicts: dict[str, str] | None = None,
        sample_weight: Sequence[float] | None = None) -> MatcherWeights:
    """Logistic regression on 0/1 feature rows -> an intercept and a weight per feature.

    Regularised towards the hand-set weights (a Gaussian prior centred on
    :data:`~refs.match.fields.HAND_WEIGHTS`, variance ``c``), so a weight moves only as
    far as the data pushes it and what Cora cannot tell (conflicting page ends are
    common in real libraries, rare among Cora's parsed citations) keeps its meaning.
    ``sample_weight`` is not renormalised: its sum is the amount of evidence (about one
    unit per work, see :func:`labelled_pairs`) set against the prior. Sign-constrained
    by each feature's verdict (:func:`sign_of`); solved with L-BFGS-B (scipy), which
    takes bounds and a non-zero prior mean, neither of which scikit-learn's
    LogisticRegression offers.
    """
    import numpy as np
    from scipy.optimize import minimize  # type: ignore[import-untyped]
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    verdicts = verdicts or {}
    names = sorted({n for row in rows for n in row})
    col = {n: k for k, n in enumerate(names)}
    indptr, indices = [0], list[int]()
    for row in rows:
        indices.extend(col[n] for n in set(row))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(names)))
    target = np.asarray(y, dtype=float)
    sw = np.ones(len(rows)) if sample_weight is None else np.asarray(sample_weight, float)
    prior = np.asarray([HAND_WEIGHTS.get(n, 0.0) for n in names])

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        nll = float(np.sum(sw * (np.logaddexp(0.0, z) - target * z)))
        err = sw * (1.0 / (1.0 + np.exp(-z)) - target)
        grad = np.concatenate([x.T @ err + (w - prior) / c, [err.sum()]])
        return nll + float((w - prior) @ (w - prior)) / (2 * c), grad

    bounds = [sign_of(n, verdicts.get(n, "conflict")) for n in names] + [(None, None)]
    start = np.concatenate([np.clip(prior, [b[0] if b[0] is not None else -np.inf
                                            for b in bounds[:-1]],
                                    [b[1] if b[1] is not None else np.inf
                                     for b in bounds[:-1]]), [0.0]])
    res = minimize(loss, start, jac=True, method="L-BFGS-B",
                   bounds=bounds, options={"maxiter": 5000})
    support = np.asarray(x.sum(axis=0)).ravel()
    table = dict(HAND_WEIGHTS)
    for n, k in col.items():
        if support[k] >= min_support:
            table[n] = round(float(res.x[k]), 3)
    return MatcherWeights.of(round(float(res.x[-1]), 3), table)


def shipped(w: MatcherWeights) -> MatcherWeights:
    """The learned feature weights with the prior intercept :data:`HAND_INTERCEPT`.

    The fitted intercept is the base rate of duplicates among the training pairs:
    Cora's is very low (a few authors with dozens of similar titles each, every work
    counted once), far below a typical library's, and with it a bare title match
    would count as "different" (enrichment could no longer confirm a DOI from a title).
    So the learned *relative* weights ship with the prior intercept; for a Cora-like
    collection raise ``threshold`` instead (docs/benchmarks.md shows the sweep). The
    Cora cross-validation applies the same replacement, so it measures what ships.
    """
    return MatcherWeights.of(HAND_INTERCEPT, w.table)


def render(w: MatcherWeights, note: str) -> str:
    """The generated module's source."""
    lines = [
        '"""The matcher\'s learned weights. GENERATED by scripts/train_matcher.py: do not edit.',
        "",
        "Regenerate with ``pip install -e '.[train]' && python scripts/train_matcher.py``.",
        f"{note}",
        "Each weight is the log-odds a feature adds (see refs.match.fields for the names);",
        "features seen too rarely in training keep refs.match.fields.HAND_WEIGHTS.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"INTERCEPT = {w.intercept!r}",
        "WEIGHTS: dict[str, float] = {",
        *(f"    {k!r}: {v!r}," for k, v in sorted(w.table.items())),
        "}",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cora", type=Path, default=None)
    ap.add_argument("--c", type=float, default=DEFAULT_C)
    ap.add_argument("--no-synthetic", action="store_true")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    refs, labels = cora(args.cora)
    rows = labelled_pairs([features(r) for r in refs], labels)
    if not args.no_synthetic:
        sf, sl = synthetic()
        rows += labelled_pairs(sf, sl)
    pos = sum(r[3] for r in rows)
    w = fit([r[2] for r in rows], [r[3] for r in rows], c=args.c, verdicts=VERDICTS,
            sample_weight=[r[4] for r in rows])
    print(f"{len(rows)} training pairs ({pos} same work), fitted intercept "
          f"{w.intercept:+.3f} (shipped: {HAND_INTERCEPT:+.1f})")
    fitted, w = w.intercept, shipped(w)
    for k, v in sorted(w.table.items(), key=lambda kv: kv[1]):
        print(f"  {k:<28} {v:+.3f}")
    if args.dry_run:
        return 0
    note = (f"Fitted {datetime.date.today()} on {len(rows)} pairs ({pos} same work) from Cora"
            f"{'' if args.no_synthetic else ' + synthetic'}, C={args.c}, SIZE_POWER={SIZE_POWER}"
            f";\nfitted intercept {fitted:+.3f}, shipped with the prior {HAND_INTERCEPT:+.1f}"
            " (see shipped()).")
    OUT.write_text(render(w, note), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
