"""Remote JSON is untrusted input: the Crossref, DataCite and CSL readers never crash on it."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.io.crossref_json import from_message, updates
from refs.io.csljson import from_csl
from refs.io.datacite_json import from_datacite
from refs.model.reference import Reference

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["date-parts", "family", "given", "name", "ORCID",
                                       "type", "DOI", "value", "title", "titleType",
                                       "familyName", "nameType", "raw", "literal"]),
                      children, max_size=4),
    max_leaves=12,
)

_CROSSREF_KEYS = ["DOI", "title", "subtitle", "type", "author", "editor", "issued",
                  "published-print", "published-online", "container-title", "page",
                  "article-number", "volume", "issue", "ISSN", "issn-type", "ISBN",
                  "isbn-type", "abstract", "publisher", "updated-by", "update-to",
                  "institution", "URL", "language", "edition-number", "short-title"]
_CSL_KEYS = ["id", "type", "title", "author", "issued", "page", "ISBN", "ISSN", "volume",
             "container-title", "keyword", "DOI", "accessed", "editor", "note"]
_DC_KEYS = ["doi", "types", "titles", "creators", "publisher", "container",
            "publicationYear", "dates", "url", "version", "language"]


def _message(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys), _json, max_size=8)


@settings(max_examples=60, deadline=None)
@given(_message(_CROSSREF_KEYS))
def test_crossref_reader_never_crashes(message: dict[str, Any]) -> None:
    """Any shape of Crossref message gives a Reference and a list of updates."""
    assert isinstance(from_message(message, key="k"), Reference)
    assert isinstance(updates(message), list)


@settings(max_examples=60, deadline=None)
@given(_message(_CSL_KEYS))
def test_csl_reader_never_crashes(item: dict[str, Any]) -> None:
    """Any shape of CSL-JSON item gives a Reference."""
    assert isinstance(from_csl(item, key="k"), Reference)


@settings(max_examples=60, deadline=None)
@given(_message(_DC_KEYS))
def test_datacite_reader_never_crashes(attrs: dict[str, Any]) -> None:
    """Any shape of DataCite attributes gives a Reference."""
    assert isinstance(from_datacite({"data": {"attributes": attrs}}, key="k"), Reference)
