"""CrossrefClient: works by DOI, bibliographic search and registration agency.

Endpoints (shared/APIS.md §1.5): ``GET /works/{doi}`` (DOI percent-encoded),
``GET /works?query.bibliographic=...&rows=5`` (the only query Crossref recommends for
matching references; ``rows=5`` because refs validates candidates itself) and
``GET /works/{doi}/agency``. The base URL comes from settings (``REFS_CROSSREF_URL``)
so mirrors, proxies and the loopback test server can stand in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from refs.errors import Unavailable
from refs.io.crossref_json import Update, from_message, updates
from refs.model.reference import Reference
from refs.sources._http import encode_doi, get_json, mapped

__all__ = ["CrossrefClient", "WorkRecord", "work_url"]


def work_url(base_url: str, doi: str) -> str:
    """``{base}/works/{percent-encoded DOI}``: the request (and cache key) for a work."""
    return f"{base_url.rstrip('/')}/works/{encode_doi(doi)}"


@dataclass(frozen=True)
class WorkRecord:
    """A work as a Reference plus what a Reference cannot hold: updates and the raw message."""

    reference: Reference
    updates: list[Update] = field(default_factory=list)
    message: dict[str, Any] = field(default_factory=dict)
    #: the service's relevance score for search results (not comparable across queries)
    score: float | None = None


def _message(body: Any, what: str, url: str) -> Any:
    if not isinstance(body, dict) or "message" not in body:
        raise Unavailable(f"{what}: unexpected answer shape (no 'message')", url=url)
    return body["message"]


class CrossrefClient:
    """Typed access to api.crossref.org (or a mirror) through a refs HTTP client."""

    def __init__(self, client: httpx.Client, base_url: str = "https://api.crossref.org") -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

    def work_url(self, doi: str) -> str:
        """The URL of a work; ``refs check`` uses it to look the answer up in the cache."""
        return work_url(self.base_url, doi)

    def fetch(self, doi: str) -> WorkRecord:
        """The work with its ``updated-by``/``update-to`` records; NotFound for unknown DOIs."""
        url = self.work_url(doi)
        message = _message(get_json(self.client, url, what=f"Crossref work {doi}"),
                           f"Crossref work {doi}", url)
        if not isinstance(message, dict):
            raise Unavailable(f"Crossref work {doi}: 'message' is not an object", url=url)
        what = f"Crossref work {doi}"
        return WorkRecord(mapped(from_message, message, what=what, url=url),
                          mapped(updates, message, what=what, url=url), message)

    def work(self, doi: str) -> Reference:
        """The work with DOI ``doi`` as a Reference keyed by its DOI."""
        return self.fetch(doi).reference

    def search_records(self, bibliographic: str, *, rows: int = 5, author: str | None = None,
                       year: int | None = None) -> list[WorkRecord]:
        """Candidates for a reference string, best first by Crossref's (unvalidated) score."""
        params: dict[str, Any] = {"query.bibliographic": bibliographic, "rows": rows}
        if author:
            params["query.author"] = author
        if year:
            params["filter"] = f"from-pub-date:{year - 1},until-pub-date:{year + 1}"
        url = f"{self.base_url}/works"
        message = _message(get_json(self.client, url, params=params,
                                    what="Crossref search"), "Crossref search", url)
        items = message.get("items", []) if isinstance(message, dict) else []
        out: list[WorkRecord] = []
        for item in items:
            if isinstance(item, dict):
                score = item.get("score")
                out.append(WorkRecord(
                    mapped(from_message, item, what="Crossref search", url=url),
                    mapped(updates, item, what="Crossref search", url=url), item,
                    float(score) if isinstance(score, (int, float)) else None))
        return out

    def search(self, bibliographic: str, *, rows: int = 5, author: str | None = None,
               year: int | None = None) -> list[Reference]:
        """Candidate References for a reference string (validate them: see refs.match)."""
        return [r.reference for r in self.search_records(bibliographic, rows=rows,
                                                          author=author, year=year)]

    def agency(self, doi: str) -> str:
        """The registration agency id of a DOI (``crossref``, ``datacite``, ``medra``...)."""
        url = f"{self.work_url(doi)}/agency"
        message = _message(get_json(self.client, url, what=f"agency of {doi}"),
                           f"agency of {doi}", url)
        agency = message.get("agency", {}) if isinstance(message, dict) else {}
        return str(agency.get("id") or "unknown").lower()
