"""Crossref REST API ``message`` (a work) -> :class:`~refs.model.reference.Reference`.

The mapping is module data (:data:`TYPES`, :data:`DATE_PREFERENCE`, :data:`UPDATE_KINDS`)
so that it can be read, documented and tested on its own. Source of truth for the shape:
https://github.com/CrossRef/rest-api-doc/blob/master/api_format.md and the recorded
responses in ``tests/data/crossref/``. Things the mapping deliberately does:

* titles, container titles and publishers arrive as lists; the first non-empty one wins,
  and a ``subtitle`` is joined with ": " (Crossref splits them, citations do not);
* the issue date prefers ``published-print`` over ``published-online`` over ``issued``
  because printed citations use the print date (``issued`` is the earliest of them);
* authors keep ORCID (``http://orcid.org/...``) and institutional authors (``name``) become
  ``literal`` names, never split;
* ISSN/ISBN keep their types (print/electronic) in ``extra`` for writers that need them;
* ``page`` ``"317-335"`` becomes a PageRange; ``article-number`` fills ``page`` when
  there is no page range (e-journals cite by article number);
* abstracts are JATS XML (``<jats:p>``); tags are stripped and whitespace folded;
* ``updated-by`` / ``update-to`` (Crossmark and Retraction Watch) are returned by
  :func:`updates` as :class:`Update` records, because a Reference has no field for them.
"""

from __future__ import annotations

import html
import re
from typing import Any, Literal

from pydantic import BaseModel

from refs.io.csljson import parse_date, parse_pages
from refs.model.reference import DateParts, Name, Reference

__all__ = ["DATE_PREFERENCE", "TYPES", "UPDATE_KINDS", "Update", "from_message",
           "strip_jats", "updates"]

#: Crossref ``type`` -> CSL type (https://api.crossref.org/types lists Crossref's types)
TYPES: dict[str, str] = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-series": "book",
    "book-set": "book",
    "book-track": "chapter",
    "proceedings-article": "paper-conference",
    "proceedings": "book",
    "dissertation": "thesis",
    "report": "report",
    "report-series": "report",
    "report-component": "report",
    "dataset": "dataset",
    "database": "dataset",
    "posted-content": "article",
    "peer-review": "review",
    "reference-entry": "entry-encyclopedia",
    "standard": "standard",
    "journal": "periodical",
    "journal-issue": "periodical",
    "journal-volume": "periodical",
    "component": "document",
    "grant": "document",
    "other": "document",
}

#: Crossref date fields, most preferred first, for ``issued``
DATE_PREFERENCE: tuple[str, ...] = ("published-print", "published-online", "issued",
                                    "published", "posted", "created")

#: ``updated-by``/``update-to`` ``type`` values that refs reports, and how it names them
UPDATE_KINDS: dict[str, str] = {
    "retraction": "retraction",
    "retracted": "retraction",
    "withdrawal": "retraction",
    "removal": "retraction",
    "partial_retraction": "retraction",
    "correction": "correction",
    "corrigendum": "correction",
    "erratum": "correction",
    "addendum": "correction",
    "clarification": "correction",
    "expression_of_concern": "expression-of-concern",
    "new_version": "new-version",
    "new_edition": "new-version",
}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


class Update(BaseModel, frozen=True):
    """One Crossmark / Retraction Watch update between this work and another DOI.

    ``direction`` is ``"updated-by"`` when another DOI (the notice) updates this work,
    ``"update-to"`` when this work is itself the notice for ``doi``.
    """

    direction: Literal["updated-by", "update-to"]
    kind: str
    raw_type: str
    doi: str | None = None
    source: str | None = None
    label: str | None = None
    date: DateParts | None = None
    record_id: str | None = None


def strip_jats(text: str) -> str:
    """An abstract without JATS/HTML tags, entities decoded and whitespace folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def _scalar(value: Any) -> str | None:
    """A string or number as stripped text; anything else (lists, objects, booleans) None."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


def _first(value: Any) -> str | None:
    """The first non-empty text of a value that Crossref sends as a list (or as a scalar)."""
    if isinstance(value, list):
        return next((t for t in (_scalar(v) for v in value) if t), None)
    return _scalar(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(person: dict[str, Any]) -> Name | None:
    raw = person.get("ORCID")
    orcid = (raw.rsplit("/", 1)[-1] or None) if isinstance(raw, str) else None
    family = _scalar(person.get("family"))
    if family:
        return Name(family=family, given=_scalar(person.get("given")),
                    suffix=_scalar(person.get("suffix")), orcid=orcid)
    literal = _scalar(person.get("name")) or _scalar(person.get("literal"))
    return Name(literal=literal, orcid=orcid) if literal else None


def _names(value: Any) -> list[Name]:
    if not isinstance(value, list):
        return []
    return [n for n in (_name(p) for p in value if isinstance(p, dict)) if n is not None]


def _date(message: dict[str, Any]) -> DateParts | None:
    for field in DATE_PREFERENCE:
        if isinstance(message.get(field), dict):
            parsed = parse_date(message[field])
            if parsed is not None and parsed.year is not None:
                return parsed
    return None


def _typed(message: dict[str, Any], field: str) -> tuple[list[str], str | None]:
    values = [t for t in (_scalar(v) for v in _list(message.get(field))) if t]
    typed = _list(message.get(f"{field.lower()}-type"))
    kinds = [f"{_scalar(t.get('type'))}:{_scalar(t.get('value'))}" for t in typed
             if isinstance(t, dict)]
    return values, (", ".join(kinds) if kinds else None)


def from_message(message: dict[str, Any], *, key: str | None = None) -> Reference:
    """One Crossref work ``message`` as a Reference keyed ``key`` (default: the DOI)."""
    doi = _first(message.get("DOI"))
    title = _first(message.get("title"))
    subtitle = _first(message.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    crossref_type = _scalar(message.get("type")) or "other"
    page = parse_pages(_scalar(message.get("page")))
    if page is None:
        page = parse_pages(_scalar(message.get("article-number")))
    issn, issn_types = _typed(message, "ISSN")
    isbn, isbn_types = _typed(message, "ISBN")
    extra: dict[str, str] = {"crossref-type": crossref_type}
    if issn_types:
        extra["issn-type"] = issn_types
    if isbn_types:
        extra["isbn-type"] = isbn_types
    abstract = message.get("abstract")
    container = _first(message.get("container-title"))
    publisher = _first(message.get("publisher"))
    data: dict[str, Any] = {
        "id": key or doi or "crossref",
        "type": TYPES.get(crossref_type, "document"),
        "title": title,
        "title_short": _first(message.get("short-title")),
        "author": _names(message.get("author")),
        "editor": _names(message.get("editor")),
        "translator": _names(message.get("translator")),
        "issued": _date(message),
        "container_title": container,
        "volume": _first(message.get("volume")),
        "issue": _first(message.get("issue")),
        "page": page,
        "edition": _first(message.get("edition-number")),
        "publisher": publisher,
        "publisher_place": _first(message.get("publisher-location")),
        "doi": doi.lower() if doi else None,
        "isbn": isbn,
        "issn": issn,
        "url": _first(message.get("URL")),
        "abstract": strip_jats(abstract) if isinstance(abstract, str) else None,
        "language": _first(message.get("language")),
        "extra": extra,
    }
    if crossref_type == "dissertation":
        inst = _list(message.get("institution"))
        if inst and isinstance(inst[0], dict):
            data["publisher"] = data["publisher"] or _first(inst[0].get("name"))
    return Reference.model_validate({k: v for k, v in data.items() if v not in (None, [])})


def _update(entry: dict[str, Any], direction: Literal["updated-by", "update-to"]) -> Update:
    raw_type = _scalar(entry.get("type")) or ""
    doi = _scalar(entry.get("DOI"))
    return Update(
        direction=direction,
        kind=UPDATE_KINDS.get(raw_type.lower(), raw_type.lower() or "update"),
        raw_type=raw_type,
        doi=doi.lower() if doi else None,
        source=_scalar(entry.get("source")),
        label=_scalar(entry.get("label")),
        date=parse_date(entry.get("updated")),
        record_id=_scalar(entry.get("record-id")),
    )


def updates(message: dict[str, Any]) -> list[Update]:
    """Every ``updated-by`` and ``update-to`` entry of a work, in that order."""
    out: list[Update] = []
    for direction in ("updated-by", "update-to"):
        for entry in _list(message.get(direction)):
            if isinstance(entry, dict):
                out.append(_update(entry, direction))
    return out
