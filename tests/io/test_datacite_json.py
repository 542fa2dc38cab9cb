"""DataCite JSON -> Reference."""

from __future__ import annotations

import json
from pathlib import Path

from refs.io.datacite_json import from_datacite

DATA = Path(__file__).resolve().parent.parent / "data" / "crossref"


def test_dataset_record() -> None:
    """A Dryad dataset: CSL type from types.citeproc, creators, issued date, publisher."""
    body = json.loads((DATA / "dc-doi-10.5061_dryad.8515.json").read_text("utf-8"))
    ref = from_datacite(body)
    assert ref.type == "dataset"
    assert ref.doi == "10.5061/dryad.8515"
    assert ref.author[0].family == "Ollomo"
    assert ref.issued is not None and ref.issued.year == 2011
    assert ref.publisher == "Dryad"


def test_organisations_orcid_and_publisher_object() -> None:
    """Organisational creators stay whole; ORCIDs are bare; publisher may be an object."""
    attrs = {"doi": "10.5555/D", "types": {"resourceTypeGeneral": "Software"},
             "titles": [{"title": "Tool"}, {"title": "A sub", "titleType": "Subtitle"}],
             "creators": [{"name": "CERN", "nameType": "Organizational"},
                          {"name": "Lee, Ann", "givenName": "Ann", "familyName": "Lee",
                           "nameIdentifiers": [{"nameIdentifier":
                                                "https://orcid.org/0000-0002-1825-0097",
                                                "nameIdentifierScheme": "ORCID"}]}],
             "publisher": {"name": "Zenodo"}, "publicationYear": "2020"}
    ref = from_datacite({"data": {"attributes": attrs}})
    assert ref.type == "software"
    assert ref.title == "Tool: A sub"
    assert ref.author[0].literal == "CERN"
    assert ref.author[1].orcid == "0000-0002-1825-0097"
    assert ref.publisher == "Zenodo" and ref.doi == "10.5555/d"
