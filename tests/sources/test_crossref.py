"""CrossrefClient, DoiOrgClient and DataciteClient against the loopback fake."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from fakes.crossref import DATA, FakeCrossref, crossref_message, settings_for
from refs.errors import NotFound, RemoteError, Unavailable
from refs.net.client import Http, make_client
from refs.sources._http import encode_doi
from refs.sources.crossref import CrossrefClient
from refs.sources.datacite import DataciteClient
from refs.sources.doiorg import DoiOrgClient

SICI = "10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2"


@pytest.fixture
def fake() -> Iterator[FakeCrossref]:
    """The fake serving every recorded response."""
    with FakeCrossref() as server:
        server.load_recorded()
        yield server


@pytest.fixture
def http(fake: FakeCrossref, tmp_path: Path) -> Iterator[Http]:
    """A refs client pointed at the fake, with a private cache."""
    with make_client(settings_for(fake, max_retries=0), cache=tmp_path / "c.sqlite",
                     backoff=0.01) as client:
        yield client


def test_work_maps_a_recorded_response(fake: FakeCrossref, http: Http) -> None:
    """A recorded Crossref work comes back as a Reference with its DOI as key."""
    ref = CrossrefClient(http.client, f"{fake.url}/crossref").work("10.1038/srep16696")
    assert ref.id == ref.doi == "10.1038/srep16696"
    assert ref.type == "article-journal"
    assert ref.container_title == "Scientific Reports"
    assert ref.author[0].family == "Tosatto"


def test_fetch_reports_updates(fake: FakeCrossref, http: Http) -> None:
    """updated-by (a correction) comes with the record."""
    record = CrossrefClient(http.client, f"{fake.url}/crossref").fetch(
        "10.1371/journal.pone.0033693")
    assert [u.kind for u in record.updates] == ["correction"]


def test_doi_is_percent_encoded_in_the_path(fake: FakeCrossref, http: Http) -> None:
    """A SICI DOI with ( ) [ ] : ; travels encoded and reaches the server intact."""
    fake.add_work(crossref_message(SICI, "Ecological dynamics"))
    client = CrossrefClient(http.client, f"{fake.url}/crossref")
    assert client.work_url(SICI).endswith(encode_doi(SICI))
    assert "%3B" in client.work_url(SICI) and "%5B" in client.work_url(SICI)
    assert client.work(SICI).title == "Ecological dynamics"
    assert fake.requests()[-1].path == f"/crossref/works/{SICI}"


def test_unknown_doi_is_not_found_from_a_plain_text_404(fake: FakeCrossref, http: Http) -> None:
    """Crossref's 404 body is plain text; it becomes NotFound, not a JSON error."""
    with pytest.raises(NotFound, match="not found"):
        CrossrefClient(http.client, f"{fake.url}/crossref").work("10.1371/notarealdoi")


def test_search_returns_candidates_with_scores(fake: FakeCrossref, http: Http) -> None:
    """query.bibliographic with rows is sent; items come back as records with scores."""
    client = CrossrefClient(http.client, f"{fake.url}/crossref")
    records = client.search_records("Methylphenidate dopamine neuron microglia", rows=2)
    assert records and records[0].reference.doi == "10.1371/journal.pone.0033693"
    assert records[0].score is not None
    assert "query.bibliographic=" in fake.requests()[-1].query
    assert "rows=2" in fake.requests()[-1].query
    assert client.search("zzzz qqqq") == []


def test_agency_endpoints(fake: FakeCrossref, http: Http) -> None:
    """Crossref's /agency and doi.org/ra/ both name the registration agency."""
    assert CrossrefClient(http.client, f"{fake.url}/crossref").agency(
        "10.1038/srep16696") == "crossref"
    doiorg = DoiOrgClient(http.client, f"{fake.url}/doiorg")
    assert doiorg.agency("10.48550/arxiv.2311.16162") == "datacite"
    with pytest.raises(NotFound, match="does not exist"):
        doiorg.agency("10.9999/nothing")


def test_content_negotiation_reads_csl_json(fake: FakeCrossref, http: Http) -> None:
    """doi.org CN answers CSL-JSON (recorded transform), read into a Reference."""
    item = json.loads((DATA / "cr-transform-csljson-10.1126_science.169.3946.635.json")
                      .read_text("utf-8"))
    fake.csl["10.1126/science.169.3946.635"] = item
    ref = DoiOrgClient(http.client, f"{fake.url}/doiorg").csl("10.1126/science.169.3946.635")
    assert ref.id == "10.1126/science.169.3946.635"
    assert ref.type == "article-journal"
    assert ref.title == "The Structure of Ordinary Water"
    with pytest.raises(NotFound):
        DoiOrgClient(http.client, f"{fake.url}/doiorg").csl("10.1126/foo")


def test_datacite_record(fake: FakeCrossref, http: Http) -> None:
    """DataCite /dois/{doi} gives the preprint with its creators; unknown DOIs are NotFound."""
    client = DataciteClient(http.client, f"{fake.url}/datacite")
    ref = client.work("10.48550/arxiv.2311.16162")
    assert ref.type == "article" and ref.publisher == "arXiv"
    assert ref.author[0].family == "Yin"
    with pytest.raises(NotFound):
        client.work("10.48550/none")


@pytest.mark.parametrize(("fault", "expected"), [
    ("truncated", "not valid JSON"),
    ("html", "not valid JSON (text/html"),
    ("500", "HTTP 500"),
    ("429", "HTTP 429"),
    ("nested", "nested too deeply"),
])
def test_broken_answers_give_clear_errors(fake: FakeCrossref, http: Http, fault: str,
                                          expected: str) -> None:
    """Truncated JSON, HTML pages, JSON nested past the recursion limit, 5xx and 429 become
    RemoteErrors that say what happened."""
    fake.fail(fault, "/works/")
    with pytest.raises(RemoteError, match=expected.replace("(", r"\(")) as info:
        CrossrefClient(http.client, f"{fake.url}/crossref").work("10.1038/srep16696")
    assert info.value.url and "srep16696" in info.value.url
    if fault != "429":
        assert isinstance(info.value, Unavailable)


@pytest.mark.parametrize("source", ["datacite", "doiorg"])
def test_deeply_nested_answers_of_other_services(fake: FakeCrossref, http: Http,
                                                 source: str) -> None:
    """DataCite and doi.org bodies nested past the recursion limit are Unavailable too."""
    doi = "10.48550/arxiv.2311.16162" if source == "datacite" else "10.1038/srep16696"
    fake.fail("nested", f"/{source}/")
    with pytest.raises(Unavailable, match="nested too deeply") as info:
        if source == "datacite":
            DataciteClient(http.client, f"{fake.url}/datacite").work(doi)
        else:
            DoiOrgClient(http.client, f"{fake.url}/doiorg").agency(doi)
    assert info.value.hint


@pytest.mark.parametrize("error", [ValueError, RecursionError])
def test_a_mapping_failure_is_one_clear_error(error: type[Exception]) -> None:
    """A reader that chokes on a changed format (or on a value nested just short of the
    parser's limit) becomes Unavailable, not a crash."""
    from refs.sources._http import mapped

    def choke(_body: object) -> None:
        raise error("no idea")

    with pytest.raises(Unavailable, match="unexpected answer shape"):
        mapped(choke, {}, what="Crossref work x", url="http://x")


def test_search_hints_are_optional_parameters(fake: FakeCrossref, http: Http) -> None:
    """author and year hints add query.author and a publication-date filter; default adds none."""
    client = CrossrefClient(http.client, f"{fake.url}/crossref")
    client.search("Methylphenidate dopamine", rows=3)
    assert "filter" not in fake.requests()[-1].query
    client.search("Methylphenidate dopamine", rows=3, author="Sadasivan", year=2012)
    query = fake.requests()[-1].query
    assert "query.author=Sadasivan" in query
    assert "from-pub-date%3A2011%2Cuntil-pub-date%3A2013" in query
