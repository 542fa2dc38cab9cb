"""Clusters of records that are one work: blocking, matching, then guarded linkage.

Why a guard: "A matches B" and "B matches C" does not make A and C one work -- a
record with a truncated title or no year can look like two different works at once,
and plain transitive closure (single linkage) would chain them into one cluster and
merge unrelated references. So a connected component of "same" pairs is only the
starting point: it is grown from a *core* (its best-connected member) along "same"
links, and a record joins only if the matcher, asked directly about it and the members
already in, never says "different" (no veto, every score at least
:data:`~refs.match.similarity.UNSURE_FLOOR`): complete linkage on the "different"
relation. Records left out form their own clusters the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from refs.config import DedupeSettings, Settings
from refs.match.blocking import candidate_pairs
from refs.match.normalize import Features, features
from refs.match.similarity import (
    UNSURE_FLOOR,
    MatchResult,
    compare_features,
    surely_different,
)
from refs.model.library import Library
from refs.model.reference import Reference

__all__ = ["Cluster", "Comparer", "PairMatch", "dedupe_settings", "find_duplicates",
           "known_matches", "link", "scored_pairs"]


@dataclass(frozen=True, slots=True)
class PairMatch:
    """One compared pair: positions in the library, keys and the matcher's answer."""

    i: int
    j: int
    key_a: str
    key_b: str
    result: MatchResult


@dataclass(frozen=True, slots=True)
class Cluster:
    """Records judged to be one work, with the pair evidence that linked them."""

    #: positions of the members in the library, ascending
    indices: tuple[int, ...]
    members: tuple[Reference, ...]
    #: position of the member every other member was checked against
    core: int
    matches: tuple[PairMatch, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """Member citation keys in library order."""
        return tuple(m.id for m in self.members)

    def __len__(self) -> int:
        return len(self.members)


def dedupe_settings(settings: Settings | DedupeSettings | None) -> DedupeSettings:
    """The dedupe part of whatever settings object the caller has."""
    if settings is None:
        return DedupeSettings()
    return settings.dedupe if isinstance(settings, Settings) else settings


def scored_pairs(
    library: Library | Sequence[Reference],
    settings: Settings | DedupeSettings | None = None,
    *,
    feats: Sequence[Features] | None = None,
    doi_aliases: Mapping[str, str] | None = None,
    keep: Callable[[int, int], bool] | None = None,
) -> list[PairMatch]:
    """Candidate pairs from blocking with their match results, in position order.

    Pairs whose titles alone rule them out (:func:`~refs.match.similarity.surely_different`)
    are left out: they would all be "different". ``doi_aliases`` maps a DOI to the
    canonical DOI it stands for (see :func:`~refs.match.similarity.compare`). ``keep``
    (positions ``i < j``) picks the pairs worth scoring before any is compared.
    """
    cfg = dedupe_settings(settings)
    entries = list(library)
    feats = feats if feats is not None else [features(e) for e in entries]
    out = []
    for i, j in sorted(candidate_pairs(feats)):
        if keep is not None and not keep(i, j):
            continue
        if surely_different(feats[i], feats[j]):
            continue  # titles differ outright: "different" whatever else agrees
        result = compare_features(feats[i], feats[j], settings=cfg, doi_aliases=doi_aliases)
        out.append(PairMatch(i, j, entries[i].id, entries[j].id, result))
    return out


def _components(nodes: set[int], edges: dict[int, set[int]]) -> list[list[int]]:
    seen: set[int] = set()
    out = []
    for start in sorted(nodes):
        if start in seen:
            continue
        stack, comp = [start], []
        seen.add(start)
        while stack:
            n = stack.pop()
            comp.append(n)
            for m in edges[n]:
                if m in nodes and m not in seen:
                    seen.add(m)
                    stack.append(m)
        out.append(sorted(comp))
    return out


#: a candidate member is checked against at most this many members already accepted
GUARD_SAMPLE = 64


def _sample(accepted: list[int]) -> list[int]:
    """The core plus an even spread of accepted members (all of them in small clusters)."""
    if len(accepted) <= GUARD_SAMPLE:
        return accepted
    step = len(accepted) / GUARD_SAMPLE
    return [accepted[0], *(accepted[int(k * step)] for k in range(1, GUARD_SAMPLE))]


Comparer = Callable[[Features, Features], MatchResult]


def _score(x: int, m: int, feats: Sequence[Features], cmp: Comparer,
           known: dict[tuple[int, int], MatchResult]) -> float:
    pair = (x, m) if x < m else (m, x)
    if pair not in known:
        known[pair] = cmp(feats[pair[0]], feats[pair[1]])
    return known[pair].score


def _split(
    comp: list[int],
    edges: dict[int, set[int]],
    feats: Sequence[Features],
    cmp: Comparer,
    known: dict[tuple[int, int], MatchResult],
) -> list[tuple[int, list[int]]]:
    """Split a component into (core, members) groups with no "different" pair inside.

    Members join through "same" links, starting from the best-connected record; each
    candidate is checked against the members already in (all of them, or a sample of
    :data:`GUARD_SAMPLE` in very large clusters) and stays out if any says "different".
    """
    groups: list[tuple[int, list[int]]] = []
    remaining = set(comp)
    core = max(sorted(remaining), key=lambda n: len(edges[n] & remaining))
    accepted, frontier = [core], [core]
    while frontier:
        n = frontier.pop()
        for m in sorted(edges[n] & remaining):
            if m in accepted:
                continue
            if all(_score(x, m, feats, cmp, known) >= UNSURE_FLOOR for x in _sample(accepted)):
                accepted.append(m)
                frontier.append(m)
    remaining -= set(accepted)
    if len(accepted) > 1:
        groups.append((core, sorted(accepted)))
    for sub in _components(remaining, edges):
        if len(sub) > 1:
            groups.extend(_split(sub, edges, feats, cmp, known))
    return groups


def link(
    entries: Sequence[Reference],
    feats: Sequence[Features],
    pairs: Sequence[PairMatch],
    cmp: Comparer,
) -> list[Cluster]:
    """Guarded clusters from scored pairs; ``cmp`` answers the guard's extra questions.

    Split from :func:`find_duplicates` so that an evaluation can supply its own scores
    (the Cora cross-validation scores each pair with a model that never saw it).
    """
    edges: dict[int, set[int]] = defaultdict(set)
    known: dict[tuple[int, int], MatchResult] = {}
    for p in pairs:
        known[(p.i, p.j)] = p.result
        if p.result.decision == "same":
            edges[p.i].add(p.j)
            edges[p.j].add(p.i)
    clusters = []
    for comp in _components(set(edges), edges):
        groups = [(comp[0], comp)] if len(comp) == 2 else _split(comp, edges, feats, cmp, known)
        for core, members in groups:
            links = tuple(
                PairMatch(a, b, entries[a].id, entries[b].id, known[(a, b)])
                for a in members for b in members
                if a < b and (a, b) in known and known[(a, b)].decision == "same"
            )
            clusters.append(
                Cluster(tuple(members), tuple(entries[m] for m in members), core, links)
            )
    clusters.sort(key=lambda c: c.indices[0])
    return clusters


def find_duplicates(
    library: Library | Sequence[Reference],
    settings: Settings | DedupeSettings | None = None,
    *,
    doi_aliases: Mapping[str, str] | None = None,
) -> list[Cluster]:
    """Clusters of two or more records that are the same work, in library order.

    A library without duplicates gives ``[]``. ``settings.threshold`` is the score a pair
    needs to link two records (see :func:`refs.match.similarity.compare`);
    ``doi_aliases`` maps a DOI to the canonical DOI of the same work, so that two
    records carrying the two DOIs are not vetoed.
    """
    cfg = dedupe_settings(settings)
    entries = list(library)
    feats = [features(e) for e in entries]
    pairs = scored_pairs(entries, cfg, feats=feats, doi_aliases=doi_aliases)
    cmp: Comparer = partial(compare_features, settings=cfg, doi_aliases=doi_aliases)
    return link(entries, feats, pairs, cmp)


def known_matches(
    existing: Sequence[Reference],
    incoming: Sequence[Reference],
    settings: Settings | DedupeSettings | None = None,
) -> dict[int, PairMatch]:
    """For each ``incoming`` record that is a work already in ``existing``: its position
    in ``incoming`` -> the best-scoring "same" pair (``i`` indexes ``existing``, ``j``
    ``incoming``).

    Why not :func:`find_duplicates` on the union: importing asks "is this one already
    there?", not "which records form clusters"; pairs within ``incoming`` or within
    ``existing`` are not this question's business, and the same blocking and matcher
    answer it, so an import and a later ``refs dedupe`` agree.
    """
    cfg = dedupe_settings(settings)
    entries = [*existing, *incoming]
    n = len(existing)
    best: dict[int, PairMatch] = {}
    # only library-to-incoming pairs are scored: the library's own pairs are not asked about
    for p in scored_pairs(entries, cfg, keep=lambda i, j: i < n <= j):
        if p.result.decision != "same":
            continue
        j = p.j - n
        if j not in best or p.result.score > best[j].result.score:
            best[j] = PairMatch(p.i, j, p.key_a, p.key_b, p.result)
    return best
