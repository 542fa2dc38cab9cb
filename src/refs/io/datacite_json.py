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


def _name(creator: dict[str, Any]) -> Name | None:
    orcid = None
    for ident in creator.get("nameIdentifiers") or []:
        scheme = str(ident.get("nameIdentifierScheme", "")) if isinstance(ident, dict) else ""
        if scheme.upper() == "ORCID":
            orcid = str(ident.get("nameIdentifier", "")).rsplit("/", 1)[-1] or None
    family = creator.get("familyName")
    if creator.get("nameType") != "Organizational" and family:
        return Name(family=str(family).strip(), given=(creator.get("givenName") or None),
                    orcid=orcid)
    name = creator.get("name")
    return Name(literal=str(name).strip(), orcid=orcid) if name else None


def _date(attrs: dict[str, Any]) -> DateParts | None:
    year = attrs.get("publicationYear")
    for entry in attrs.get("dates") or []:
        if isinstance(entry, dict) and entry.get("dateType") == "Issued":
            parsed = parse_date(str(entry.get("date", ""))[:10])
            if parsed is not None and parsed.year is not None and (
                    year is None or str(parsed.year) == str(year)):
                return parsed
    try:
        return DateParts(year=int(year)) if year else None
    except (TypeError, ValueError):
        return None


def from_datacite(document: dict[str, Any], *, key: str | None = None) -> Reference:
    """A DataCite ``/dois/{doi}`` response (or its ``data.attributes``) as a Reference."""
    attrs = document.get("data", {}).get("attributes", document) if "data" in document \
        else document
    types = attrs.get("types") or {}
    csl_type = types.get("citeproc") or RESOURCE_TYPES.get(
        str(types.get("resourceTypeGeneral")), "document")
    titles = [t for t in attrs.get("titles") or [] if isinstance(t, dict) and t.get("title")]
    main = next((t["title"] for t in titles if not t.get("titleType")), None)
    subtitle = next((t["title"] for t in titles if t.get("titleType") == "Subtitle"), None)
    title = f"{main}: {subtitle}" if main and subtitle else main
    publisher = attrs.get("publisher")
    if isinstance(publisher, dict):
        publisher = publisher.get("name")
    container = attrs.get("container") or {}
    doi = attrs.get("doi")
    data: dict[str, Any] = {
        "id": key or doi or "datacite",
        "type": csl_type,
        "title": title,
        "author": [n for n in (_name(c) for c in attrs.get("creators") or []
                               if isinstance(c, dict)) if n is not None],
        "issued": _date(attrs),
        "container_title": container.get("title") if isinstance(container, dict) else None,
        "volume": container.get("volume") if isinstance(container, dict) else None,
        "publisher": publisher,
        "doi": str(doi).lower() if doi else None,
        "url": attrs.get("url"),
        "language": attrs.get("language"),
        "extra": {"datacite-type": str(types.get("resourceTypeGeneral") or "")},
    }
    if attrs.get("version"):
        data["extra"]["version"] = str(attrs["version"])
    return Reference.model_validate({k: v for k, v in data.items() if v not in (None, [], "")})
