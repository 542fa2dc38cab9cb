"""Fill a library entry's gaps from a source record; never overwrite unless asked.

DESIGN: "Enrichment never overwrites a field the user wrote without being asked: it
fills gaps, and reports conflicts (value here vs. value at Crossref) for a person to
decide." Values are compared folded (case, accents, LaTeX braces, punctuation), so
``{IEEE} Trans.`` vs ``IEEE Trans`` is no conflict; a title that is the other's main
title without its subtitle is no conflict either (citations often drop subtitles).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from refs.enrich.report import Conflict, FieldChange
from refs.model.display import display
from refs.model.reference import DateParts, Name, PageRange, Reference
from refs.text.ids import normalize_doi
from refs.text.titles import fold_title

__all__ = ["FILLABLE", "merge"]

#: fields enrichment may fill, in report order. Not ``abstract`` (noise in a .bib), not
#: ``url`` (Crossref's is the DOI link again), not ``type`` (a user's entry type is a choice).
FILLABLE: tuple[str, ...] = ("title", "author", "editor", "issued", "container_title",
                             "volume", "issue", "page", "edition", "publisher",
                             "publisher_place", "doi", "isbn", "issn")


_show = display  # the one formatter shared with dedupe (refs.model.display)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _same_title(a: str, b: str) -> bool:
    fa, fb = fold_title(a), fold_title(b)
    return fa == fb or (min(len(fa), len(fb)) >= 12 and (fa.startswith(fb) or fb.startswith(fa)))


def _families(names: list[Name]) -> list[str]:
    return [fold_title(n.family or n.literal or "") for n in names]


def _same_names(a: list[Name], b: list[Name]) -> bool:
    fa, fb = _families(a), _families(b)
    # "and others": a user list that is a prefix of the source's is no conflict
    return fa == fb or (len(fa) < len(fb) and fb[: len(fa)] == fa and len(fa) >= 1)


def _same_date(a: DateParts, b: DateParts) -> bool:
    return a.year == b.year if a.year is not None and b.year is not None else a == b


def _same_pages(a: PageRange, b: PageRange) -> bool:
    return a.first.lstrip("0") == b.first.lstrip("0") and (
        a.last is None or b.last is None or a.last == b.last
        or b.last.endswith(a.last) or a.last.endswith(b.last))


def _ids(values: list[str]) -> set[str]:
    return {v.replace("-", "").replace(" ", "").upper() for v in values}


_SAME: dict[str, Callable[[Any, Any], bool]] = {
    "title": _same_title,
    "container_title": lambda a, b: fold_title(a) == fold_title(b),
    "publisher": lambda a, b: fold_title(a) == fold_title(b),
    "publisher_place": lambda a, b: fold_title(a) == fold_title(b),
    "author": _same_names,
    "editor": _same_names,
    "issued": _same_date,
    "page": _same_pages,
    "doi": lambda a, b: normalize_doi(a) == normalize_doi(b),
    "isbn": lambda a, b: bool(_ids(a) & _ids(b)),
    "issn": lambda a, b: bool(_ids(a) & _ids(b)),
}


def merge(entry: Reference, found: Reference, *, overwrite: Collection[str] = ()
          ) -> tuple[Reference, list[FieldChange], list[Conflict]]:
    """``entry`` with gaps filled from ``found``; the changes made and the conflicts seen.

    ``overwrite`` names fields (snake_case or CSL spelling) where the source's value
    replaces the user's when they differ; a conflict there becomes a change.
    """
    wanted = {f.replace("-", "_").lower() for f in overwrite}
    update: dict[str, Any] = {}
    changes: list[FieldChange] = []
    conflicts: list[Conflict] = []
    for name in FILLABLE:
        if name == "editor" and found.type == "article-journal":
            continue  # Crossref's article "editors" are handling editors, not cited ones
        mine, theirs = getattr(entry, name), getattr(found, name)
        if _empty(theirs):
            continue
        if _empty(mine):
            update[name] = theirs
            changes.append(FieldChange(name, None, _show(theirs)))
            continue
        same = _SAME.get(name, lambda a, b: str(a).strip() == str(b).strip())
        if same(mine, theirs):
            continue
        if name in wanted:
            update[name] = theirs
            changes.append(FieldChange(name, _show(mine), _show(theirs)))
        else:
            conflicts.append(Conflict(name, _show(mine), _show(theirs)))
    merged = entry.model_copy(update=update, deep=True) if update else entry
    return merged, changes, conflicts
