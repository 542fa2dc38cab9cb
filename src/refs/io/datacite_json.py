"""DataCite REST API JSON (``/dois/{doi}``, JSON:API) -> :class:`~refs.model.reference.Reference`.

DataCite registers DOIs for datasets, software and preprints (arXiv's 10.48550), which
Crossref answers with 404. Shape: ``{"data": {"attributes": {doi, creators, titles,
publisher, container, publicationYear, types: {citeproc, resourceTypeGeneral, ...},
dates, relatedIdentifiers, url, ...}}}`` (https://support.datacite.org/docs/api-get-doi,
recorded examples in ``tests/data/crossref/dc-doi-*.json``).

* type: ``types.citeproc`` is already a CSL type and wins; otherwise
  :data:`RESOURCE_TYPES` maps ``resourceTypeGeneral``;
* creators: ``nameType: Organizational`` (or no family name) becomes a literal name;
  ORCIDs come from ``nameIdentifiers``;
* the date is ``publicationYear`` refined by an ``Issued`` date when it has the same year;
* ``publisher`` was a string before schema 4.5 and is ``{"name": ...}`` since.
"""

from __future__ import annotations

from typing import Any

from refs.io.csljson import parse_date
from refs.model.reference import DateParts, Name, Reference

__all__ = ["RESOURCE_TYPES", "from_datacite"]

#: DataCite resourceTypeGeneral -> CSL type (schema 4.5 vocabulary)
RESOURCE_TYPES: dict[str, str] = {
    "Audiovisual": "motion_picture",
    "Book": "book",
    "BookChapter": "chapter",
    "ConferencePaper": "paper-conference",
    "ConferenceProceeding": "book",
    "Dataset": "dataset",
    "Dissertation": "thesis",
    "Journal": "periodical",
    "JournalArticle": "article-journal",
    "Preprint": "article",
    "Report": "report",
    "Software": "software",
    "Standard": "standard",
    "Text": "document",
}


def _text(value: Any) -> str | None:
    """A string or number as stripped text; lists, objects and booleans are None."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _name(creator: dict[str, Any]) -> Name | None:
    orcid = None
    for ident in _list(creator.get("nameIdentifiers")):
        ident = _dict(ident)
        if (_text(ident.get("nameIdentifierScheme")) or "").upper() == "ORCID":
            orcid = (_text(ident.get("nameIdentifier")) or "").rsplit("/", 1)[-1] or None
    family = _text(creator.get("familyName"))
    if creator.get("nameType") != "Organizational" and family:
        return Name(family=family, given=_text(creator.get("givenName")), orcid=orcid)
    name = _text(creator.get("name"))
    return Name(literal=name, orcid=orcid) if name else None


def _date(attrs: dict[str, Any]) -> DateParts | None:
    year = _text(attrs.get("publicationYear"))
    for entry in _list(attrs.get("dates")):
        if isinstance(entry, dict) and entry.get("dateType") == "Issued":
            parsed = parse_date((_text(entry.get("date")) or "")[:10])
            if parsed is not None and parsed.year is not None and (
                    year is None or str(parsed.year) == year):
                return parsed
    try:
        return DateParts(year=int(year)) if year else None
    except (TypeError, ValueError):
        return None


def from_datacite(document: dict[str, Any], *, key: str | None = None) -> Reference:
    """A DataCite ``/dois/{doi}`` response (or its ``data.attributes``) as a Reference."""
    attrs = _dict(_dict(document.get("data")).get("attributes")) if "data" in document \
        else document
    types = _dict(attrs.get("types"))
    general = _text(types.get("resourceTypeGeneral"))
    csl_type = _text(types.get("citeproc")) or RESOURCE_TYPES.get(general or "", "document")
    titles = [t for t in _list(attrs.get("titles")) if isinstance(t, dict)
              and _text(t.get("title"))]
    main = next((_text(t["title"]) for t in titles if not t.get("titleType")), None)
    subtitle = next((_text(t["title"]) for t in titles if t.get("titleType") == "Subtitle"),
                    None)
    title = f"{main}: {subtitle}" if main and subtitle else main
    publisher = attrs.get("publisher")
    publisher = _text(_dict(publisher).get("name") if isinstance(publisher, dict) else publisher)
    container = _dict(attrs.get("container"))
    doi = _text(attrs.get("doi"))
    data: dict[str, Any] = {
        "id": key or doi or "datacite",
        "type": csl_type,
        "title": title,
        "author": [n for n in (_name(c) for c in _list(attrs.get("creators"))
                               if isinstance(c, dict)) if n is not None],
        "issued": _date(attrs),
        "container_title": _text(container.get("title")),
        "volume": _text(container.get("volume")),
        "publisher": publisher,
        "doi": doi.lower() if doi else None,
        "url": _text(attrs.get("url")),
        "language": _text(attrs.get("language")),
        "extra": {"datacite-type": general or ""},
    }
    if _text(attrs.get("version")):
        data["extra"]["version"] = _text(attrs["version"])
    return Reference.model_validate({k: v for k, v in data.items() if v not in (None, [], "")})
