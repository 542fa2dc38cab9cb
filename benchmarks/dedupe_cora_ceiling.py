"""How precise can any matcher be on Cora's labels? A ceiling, measured.

Run: ``python benchmarks/dedupe_cora_ceiling.py [--data PATH] [--recall 0.95]``

Issue 4 asks for pairwise precision >= 0.99 at recall >= 0.95 on Cora. This script asks
what the best conceivable matcher could score against these labels, so that the figure
``benchmarks/dedupe_cora.py`` prints can be read against it rather than against 1.0.

The oracle knows every gold label, with one restriction that every content-based
matcher shares: records that carry the same content cannot be told apart, so each group
of records with an identical content key (an *atom*) lands in one cluster. Atoms whose
records all have one label go to that label's cluster. An atom whose records carry
several labels either joins the cluster of its majority label or stays apart; every one
of the 2^k combinations is scored and the most precise one reaching the recall target
is reported. (Joining a minority label's cluster or pairing mixed atoms with each other
only adds false pairs.)

Three keys, from what a bibliographic matcher compares to what only the string's
typography tells apart:

* ``content``  -- author name words (initials dropped), year, title, venue (journal or
  booktitle), first volume number, first page: the fields refs.match compares;
* ``+ other fields`` -- the above plus type, institution, publisher, address and date text;
* ``every field as written`` -- all twelve columns after case and punctuation folding
  (also tells ``Pazzani M. and Kibler D.`` from ``Pazzani, M., & Kibler, D.``).

Baseline for the ratio, measured in the same run: the same oracle on exact raw rows
(records identical to the byte are the only thing it may not split).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "cora" / "cora.csv"
COLUMNS = ("author", "year", "title", "type", "institution", "journal", "volume", "pages",
           "address", "date", "booktitle", "publisher")

Row = dict[str, str]
Key = Callable[[Row], tuple[str, ...]]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"<[^>]*>", " ", text)  # Cora's stray '<volume>' tags
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _first_number(text: str) -> str:
    m = re.search(r"\d+", text)
    return m.group(0) if m else ""


def content_key(row: Row) -> tuple[str, ...]:
    """The fields a bibliographic matcher compares, folded."""
    words = sorted(w for w in _fold(row["author"]).split()
                   if len(w) > 1 and w not in {"and", "et", "al"})
    year = re.sub(r"\D", "", row["year"] or row["date"])[:4]
    return (" ".join(words), year, _fold(row["title"]),
            _fold(row["journal"] or row["booktitle"]), _first_number(row["volume"]),
            _first_number(row["pages"]))


def fuller_key(row: Row) -> tuple[str, ...]:
    return content_key(row) + tuple(_fold(row[c]) for c in
                                    ("type", "institution", "publisher", "address", "date"))


def written_key(row: Row) -> tuple[str, ...]:
    return tuple(_fold(row[c]) for c in COLUMNS)


def raw_key(row: Row) -> tuple[str, ...]:
    return tuple(row[c] for c in COLUMNS)


KEYS: dict[str, Key] = {"content": content_key, "+ other fields": fuller_key,
                        "every field as written": written_key}


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def ceiling(rows: list[Row], key: Key, recall: float) -> dict[str, float]:
    """The label oracle's best pairwise precision at ``recall`` (and what it costs)."""
    atoms: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for row in rows:
        atoms[key(row)].append(row["label"])
    gold = sum(_pairs(n) for n in Counter(r["label"] for r in rows).values())
    pure: Counter[str] = Counter()
    mixed: list[tuple[str, Counter[str]]] = []
    for labels in atoms.values():
        counts = Counter(labels)
        if len(counts) == 1:
            pure[labels[0]] += len(labels)
        else:
            mixed.append((counts.most_common(1)[0][0], counts))
    touched = {m for m, _ in mixed}
    fixed_tp = sum(_pairs(n) for lab, n in pure.items() if lab not in touched)
    best: tuple[float, float] | None = None
    # every mixed atom either joins its majority label's cluster or stays apart
    for choice in itertools.product((False, True), repeat=len(mixed)):
        tp, fp = fixed_tp, 0
        clusters: dict[str, Counter[str]] = {lab: Counter({lab: pure[lab]}) for lab in touched}
        for join, (major, counts) in zip(choice, mixed, strict=True):
            if join:
                clusters[major].update(counts)
            else:
                same = sum(_pairs(n) for n in counts.values())
                tp, fp = tp + same, fp + _pairs(sum(counts.values())) - same
        for counts in clusters.values():
            same = sum(_pairs(n) for n in counts.values())
            tp, fp = tp + same, fp + _pairs(sum(counts.values())) - same
        p, r = tp / (tp + fp), tp / gold
        if r >= recall and (best is None or p > best[0]):
            best = (p, r)
    forced = sum(_pairs(sum(c.values())) - sum(_pairs(n) for n in c.values())
                 for _, c in mixed)
    return {"atoms": len(atoms), "mixed": len(mixed), "forced_fp": forced,
            "precision": best[0] if best else 0.0, "recall": best[1] if best else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--recall", type=float, default=0.95, help="recall the oracle must reach")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"Cora not found at {args.data}", file=sys.stderr)
        return 2
    with args.data.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    print(f"Cora: {len(rows)} records; label oracle that cannot split identical content, "
          f"recall >= {args.recall}")
    base = ceiling(rows, raw_key, args.recall)
    print(f"{'baseline: identical raw rows':<32} atoms {base['atoms']:>4}, mixed "
          f"{base['mixed']:>2}, forced false pairs {base['forced_fp']:>4} | best "
          f"P={base['precision']:.4f} at R={base['recall']:.4f}")
    for name, key in KEYS.items():
        c = ceiling(rows, key, args.recall)
        print(f"{'key: ' + name:<32} atoms {c['atoms']:>4}, mixed {c['mixed']:>2}, forced "
              f"false pairs {c['forced_fp']:>4} | best P={c['precision']:.4f} at "
              f"R={c['recall']:.4f} | ratio to baseline "
              f"{c['precision'] / base['precision']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
