"""Blocking: which pairs are worth comparing, so deduplication never compares all pairs.

Why: comparing every pair of a 100k-entry library is 5·10⁹ comparisons; duplicates
almost always share *something* cheap to index. Each entry gets a handful of keys --
its DOI, its ISBNs, the first and last informative words of its title, its first
author's family name with the year or with the first title word -- and only entries
sharing a key become candidate pairs. Several independent keys mean a typo in one
field (title, author, year) still leaves another key in common.

A block can grow large for dull reasons (fifty "Introduction"s, a prolific author's
year). Such a block is not expanded to all its pairs: its members are sorted by title
and each is paired with its next :data:`WINDOW` neighbours (the sorted-neighbourhood
method), which keeps the cost linear while still linking near-identical titles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from refs.match.normalize import STOPWORDS, Features

__all__ = ["MAX_BLOCK", "WINDOW", "blocking_keys", "candidate_pairs"]

#: blocks larger than this are paired by sorted neighbourhood instead of all pairs
MAX_BLOCK = 40
#: neighbours each member of an oversized block is paired with
WINDOW = 8


def blocking_keys(f: Features) -> list[str]:
    """The index keys of one entry; two entries sharing any key get compared."""
    keys: list[str] = []
    if f.doi:
        keys.append(f"doi:{f.doi}")
    keys.extend(f"isbn:{i}" for i in sorted(f.isbns))
    words = [w for w in f.title_words if w not in STOPWORDS]
    if len(words) >= 2:
        keys.append("tp:" + " ".join(words[:3]))
        keys.append("ts:" + " ".join(words[-3:]))
    elif words:
        keys.append("tw:" + words[0])
    if f.authors:
        family = f.authors[0].family.replace(" ", "")
        if f.year is not None:
            keys.append(f"ay:{family}:{f.year}")
        if words:
            keys.append(f"at:{family}:{words[0]}")
    return keys


def _pairs_of_block(members: list[int], feats: Sequence[Features]) -> Iterable[tuple[int, int]]:
    if len(members) <= MAX_BLOCK:
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                yield (a, b) if a < b else (b, a)
        return
    ordered = sorted(members, key=lambda i: (feats[i].title, feats[i].key))
    for pos, a in enumerate(ordered):
        for b in ordered[pos + 1 : pos + 1 + WINDOW]:
            yield (a, b) if a < b else (b, a)


def candidate_pairs(feats: Sequence[Features]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of entries sharing at least one blocking key."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for key in blocking_keys(f):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > 1:
            pairs.update(_pairs_of_block(members, feats))
    return pairs
