"""Layer 5: find the records of a library that are one work, and merge them losslessly.

:func:`find_duplicates` gives clusters (blocking + :func:`refs.match.similarity.compare`
+ a guard against chaining); :func:`merge` gives a :class:`MergePlan` whose
:meth:`~MergePlan.apply` returns the merged library. Nothing here writes files.
"""

from __future__ import annotations

from refs.dedupe.cluster import Cluster, PairMatch, find_duplicates, known_matches, scored_pairs
from refs.dedupe.merge import FieldConflict, Merge, MergePlan, merge, merge_cluster

__all__ = [
    "Cluster",
    "FieldConflict",
    "Merge",
    "MergePlan",
    "PairMatch",
    "find_duplicates",
    "known_matches",
    "merge",
    "merge_cluster",
    "scored_pairs",
]
