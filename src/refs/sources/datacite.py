"""DataCite: ``GET {datacite_url}/dois/{doi}`` for datasets, software, preprints (arXiv)."""

from __future__ import annotations

import httpx

from refs.errors import Unavailable
from refs.io.datacite_json import from_datacite
from refs.model.reference import Reference
from refs.sources._http import encode_doi, get_json, mapped

__all__ = ["DataciteClient"]


class DataciteClient:
    """Typed access to api.datacite.org (or a mirror)."""

    def __init__(self, client: httpx.Client, base_url: str = "https://api.datacite.org") -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

    def work(self, doi: str) -> Reference:
        """The DOI's record as a Reference keyed by the DOI; NotFound when unknown."""
        url = f"{self.base_url}/dois/{encode_doi(doi)}"
        body = get_json(self.client, url, what=f"DataCite record {doi}")
        if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
            raise Unavailable(f"DataCite record {doi}: unexpected answer shape", url=url)
        return mapped(from_datacite, body, key=doi.lower(), what=f"DataCite record {doi}",
                      url=url)
