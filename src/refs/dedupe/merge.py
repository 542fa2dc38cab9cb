"""Merge plans: one survivor per cluster that loses nothing and hides no disagreement.

Rules a merge keeps, because a wrong merge destroys a user's reference:

* Every field gets the value of the most trusted member that has one (trust = has a
  DOI, then has more fields filled, then comes first in the library), except that a
  SHOUTED value gives way to the same words written normally (``CENTRAL ASIA...`` vs
  ``Central Asia...``), a name list with full given names beats initials, and a
  journal, series or event name spelled out beats its abbreviation (``Central Asian
  Survey`` over ``Cent. Asian Surv.``).
* Every distinct value that was not chosen is listed in a :class:`FieldConflict`
  together with the chosen one and the key of the record each came from -- nothing
  is dropped silently.
* List fields (ISBN, ISSN, keywords) are united, not chosen between.
* Every member's key and aliases become aliases (``ids``) of the survivor, so that
  manuscripts citing any old key still resolve.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from refs.config import DedupeSettings, Settings
from refs.dedupe.cluster import Cluster, find_duplicates
from refs.match.fields import abbreviates
from refs.match.normalize import STOPWORDS, fold, kind_of
from refs.model.display import display
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference

__all__ = ["FieldConflict", "Merge", "MergePlan", "merge", "merge_cluster"]

#: fields that identify a record rather than describe the work
_NOT_MERGED = frozenset({"id", "ids", "span", "extra"})
#: list fields whose values are united rather than chosen between
_UNITED = frozenset({"isbn", "issn", "keyword"})
#: fields whose meaning depends on the entry type: a journal's name is not a report's
#: series, an article's issue is not a report's number, so they are only carried over
#: between records of the same kind (values of other kinds are listed as conflicts)
_TYPE_SPECIFIC = frozenset({"container_title", "collection_title", "collection_number",
                            "event_title", "volume", "issue", "number", "page", "edition",
                            "genre"})


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A field whose members disagree: the value kept and each member's value, by key.

    ``field`` is the CSL variable name (``container-title``, ``DOI``), like the
    matcher's evidence, or ``extra.NAME`` for fields refs keeps verbatim.
    """

    field: str
    chosen: str
    values: tuple[tuple[str, str], ...]
    #: why nothing or an unexpected value was kept, when that needs saying
    reason: str = ""

    def __str__(self) -> str:
        shown = "; ".join(f"{v!r} ({k})" for k, v in self.values)
        why = f" ({self.reason})" if self.reason else ""
        return f"{self.field}: kept {self.chosen!r}{why}; values: {shown}"


@dataclass(frozen=True, slots=True)
class Merge:
    """The merge of one cluster: which key survives, the merged record and what disagreed."""

    survivor: str
    merged: Reference
    #: the member records, most trusted first
    members: tuple[Reference, ...]
    conflicts: tuple[FieldConflict, ...]
    cluster: Cluster | None = None

    @property
    def removed(self) -> tuple[str, ...]:
        """Keys that disappear into the survivor and become its aliases.

        A member from another file with the survivor's own key is merged too but adds
        no alias, so its key is not listed.
        """
        return tuple(dict.fromkeys(m.id for m in self.members[1:] if m.id != self.survivor))


@dataclass(frozen=True, slots=True)
class MergePlan:
    """All merges for a library; :meth:`apply` turns it into the merged library."""

    merges: tuple[Merge, ...]

    def __len__(self) -> int:
        return len(self.merges)

    def apply(self, library: Library) -> Library:
        """A copy of ``library`` with each cluster replaced by its survivor, in place.

        Entries are matched by identity first (the same objects ``find_duplicates``
        saw), so clusters across files whose keys collide are still handled.
        """
        replace: dict[int, Reference] = {}
        drop: set[int] = set()
        for m in self.merges:
            replace[id(m.members[0])] = m.merged
            drop.update(id(x) for x in m.members[1:])
        entries = []
        for e in library.entries:
            if id(e) in drop:
                continue
            entries.append(replace.get(id(e), e))
        out = library.model_copy()
        out.entries = entries
        return out


def _csl(field: str) -> str:
    """The CSL variable name of a Reference attribute (``container-title``), as the
    matcher's evidence names fields; ``extra.NAME`` stays as it is."""
    info = Reference.model_fields.get(field)
    return (info.alias or field) if info is not None else field


def _filled(ref: Reference) -> int:
    return len(ref.content())


def _trust_order(members: Sequence[Reference], prefer: Callable[[Reference], bool] | None
                 ) -> list[Reference]:
    def rank(pos_ref: tuple[int, Reference]) -> tuple[int, int, int, int]:
        pos, ref = pos_ref
        preferred = 1 if prefer is not None and prefer(ref) else 0
        return (-preferred, -int(bool(ref.doi)), -_filled(ref), pos)

    return [r for _, r in sorted(enumerate(members), key=rank)]


_show = display  # the one formatter shared with enrich (refs.model.display)


def _shouting(value: Any) -> bool:
    text = _show(value)
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _names_richness(names: list[Name]) -> tuple[int, int]:
    given = sum(len((n.given or "").replace(".", "").replace(" ", "")) for n in names)
    return (len(names), given)


def _parts(d: DateParts) -> int:
    return sum(x is not None for x in (d.year, d.month, d.day))


#: names that bibliographies abbreviate (ISO 4 journal abbreviations and the like)
_ABBREVIATED = frozenset({"container_title", "collection_title", "event_title"})


def _spells_out(full: str, short: str) -> bool:
    """Whether ``full`` is ``short`` with its abbreviated words written out: word for word
    (small words aside), so that ``Nature`` does not stand for ``Nature Reviews Genetics``."""
    if "." not in short:
        return False
    long_words = [w for w in fold(full).split() if w not in STOPWORDS]
    short_words = [w for w in fold(short).split() if w not in STOPWORDS]
    return (len(long_words) == len(short_words) and long_words != short_words
            and abbreviates(short_words, long_words))


def _choose(field: str, candidates: list[tuple[str, Any]]) -> Any:
    """The value to keep among (source key, value) pairs ordered by trust."""
    best = candidates[0][1]
    if field in {"author", "editor", "translator"}:
        richest = max(candidates, key=lambda kv: (_names_richness(kv[1]), not _shouting(kv[1])))
        if _names_richness(richest[1]) > _names_richness(best):
            best = richest[1]
    if _shouting(best):
        for _, v in candidates:
            if not _shouting(v) and fold(_show(v)) == fold(_show(best)):
                return v
    if field == "title" and isinstance(best, str) and ":" not in best:
        for _, v in candidates:  # the same words with the subtitle marked are more complete
            if ":" in v and not _shouting(v) and fold(v) == fold(best):
                return v
    if field in _ABBREVIATED and isinstance(best, str):
        for _, v in candidates:
            if isinstance(v, str) and not _shouting(v) and _spells_out(v, best):
                return v
    if isinstance(best, PageRange) and best.last is None:
        for _, v in candidates:
            if isinstance(v, PageRange) and v.first == best.first and v.last:
                return v
    if isinstance(best, DateParts):
        for _, v in candidates:
            if isinstance(v, DateParts) and v.year == best.year and _parts(v) > _parts(best):
                return v
    return best


def _merge_value(field: str, candidates: list[tuple[str, Any]],
                 conflicts: list[FieldConflict]) -> Any:
    distinct: list[tuple[str, Any]] = []
    for key, value in candidates:
        if all(value != v for _, v in distinct):
            distinct.append((key, value))
    chosen = _choose(field, candidates)
    if len(distinct) > 1:
        conflicts.append(
            FieldConflict(_csl(field), _show(chosen),
                          tuple((k, _show(v)) for k, v in candidates))
        )
    return chosen


def merge_cluster(
    members: Sequence[Reference] | Cluster,
    *,
    prefer: Callable[[Reference], bool] | None = None,
) -> Merge:
    """Merge one cluster (see module docstring); ``prefer`` picks the survivor's side."""
    cluster = members if isinstance(members, Cluster) else None
    refs = list(members.members if isinstance(members, Cluster) else members)
    ordered = _trust_order(refs, prefer)
    survivor = ordered[0]
    data: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    kind = kind_of(survivor)
    # by identity, not key: records from two files may share a key
    foreign = {id(r) for r in ordered[1:] if kind_of(r) != kind}
    for field in Reference.model_fields:
        if field in _NOT_MERGED:
            continue
        default = Reference.model_fields[field].get_default(call_default_factory=True)
        candidates = [
            (r.id, getattr(r, field)) for r in ordered
            if getattr(r, field) not in (None, [], "", default)
        ]
        if not candidates:
            continue
        if field in _UNITED:
            united: list[str] = []
            for _, values in candidates:
                united.extend(v for v in values if v not in united)
            data[field] = united
        elif field in _TYPE_SPECIFIC and foreign:
            own = [(r.id, getattr(r, field)) for r in ordered
                   if id(r) not in foreign and getattr(r, field) not in (None, "")]
            if own:
                other = [(r.id, getattr(r, field)) for r in ordered
                         if id(r) in foreign and getattr(r, field) not in (None, "")]
                data[field] = _merge_value(field, own + other, conflicts)
            else:  # only records of another kind have it: do not graft it on
                conflicts.append(FieldConflict(
                    _csl(field), "", tuple((k, _show(v)) for k, v in candidates),
                    reason=f"only in records of another kind than {kind}"))
        else:
            data[field] = _merge_value(field, candidates, conflicts)
    extra: dict[str, str] = {}
    for name in dict.fromkeys(k for r in ordered for k in r.extra):
        candidates = [(r.id, r.extra[name]) for r in ordered if r.extra.get(name)]
        if candidates:
            extra[name] = _merge_value(f"extra.{name}", candidates, conflicts)
    aliases: list[str] = []
    for r in ordered:
        for k in r.all_keys():
            if k != survivor.id and k not in aliases:
                aliases.append(k)
    merged = survivor.model_copy(
        update={**data, "extra": extra, "ids": aliases}, deep=True
    )
    return Merge(survivor.id, merged, tuple(ordered), tuple(conflicts), cluster)


def merge(
    target: Library | Cluster | Sequence[Cluster],
    settings: Settings | DedupeSettings | None = None,
    *,
    prefer: Callable[[Reference], bool] | None = None,
) -> MergePlan:
    """The merge plan for a library (its duplicates are found first) or given clusters.

    Nothing is written: call :meth:`MergePlan.apply` for the merged library and write
    it with ``refs.io.bibtex.dump`` (atomic; untouched entries stay byte-identical).
    """
    if isinstance(target, Library):
        clusters: Sequence[Cluster] = find_duplicates(target, settings)
    elif isinstance(target, Cluster):
        clusters = [target]
    else:
        clusters = target
    return MergePlan(tuple(merge_cluster(c, prefer=prefer) for c in clusters))
