"""doi.org: the registration agency of a DOI, and content negotiation as a fallback.

``GET {doi_url}/ra/{doi}`` answers ``[{"DOI": "10.1045/...", "RA": "Crossref"}]`` (or
``"status": "DOI does not exist"``). Content negotiation (``Accept:
application/vnd.citationstyles.csl+json``) works for Crossref, DataCite and mEDRA DOIs
alike, so it is the fallback for agencies refs has no client for. doi.org redirects
Crossref DOIs to api.crossref.org, so those requests count against Crossref's pools
(shared/APIS.md §3).
"""

from __future__ import annotations

import httpx

from refs.errors import NotFound
from refs.io.csljson import from_csl
from refs.model.reference import Reference
from refs.sources._http import encode_doi, get_json, mapped

__all__ = ["CSL_JSON", "DoiOrgClient", "ra_url"]


def ra_url(base_url: str, doi: str) -> str:
    """``{base}/ra/{percent-encoded DOI}``: the registration-agency request for a DOI."""
    return f"{base_url.rstrip('/')}/ra/{encode_doi(doi)}"

#: the content-negotiation media type for CSL-JSON
CSL_JSON = "application/vnd.citationstyles.csl+json"


class DoiOrgClient:
    """Registration-agency lookups and CSL-JSON content negotiation at doi.org."""

    def __init__(self, client: httpx.Client, base_url: str = "https://doi.org") -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

    def agency(self, doi: str) -> str:
        """``crossref``, ``datacite``, ``medra``, ...; NotFound when the DOI does not exist."""
        url = ra_url(self.base_url, doi)
        body = get_json(self.client, url, what=f"registration agency of {doi}")
        first = body[0] if isinstance(body, list) and body else {}
        if not isinstance(first, dict) or not first.get("RA"):
            status = first.get("status") if isinstance(first, dict) else None
            raise NotFound(f"registration agency of {doi}: {status or 'unknown DOI'}", url=url)
        return str(first["RA"]).strip().lower()

    def csl(self, doi: str) -> Reference:
        """The work as CSL-JSON by content negotiation, keyed by its DOI."""
        url = f"{self.base_url}/{encode_doi(doi)}"
        item = get_json(self.client, url, what=f"doi.org metadata for {doi}",
                        headers={"Accept": CSL_JSON})
        if not isinstance(item, dict):
            raise NotFound(f"doi.org metadata for {doi}: not a CSL-JSON item", url=url)
        return mapped(from_csl, item, key=doi.lower(), what=f"doi.org metadata for {doi}",
                      url=url)
