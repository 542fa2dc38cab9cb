"""enrich(): DOI lookups, confident-match-only search, conflicts, updates, failures, cache."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from fakes.crossref import FakeCrossref, crossref_message, request_pool, settings_for
from fakes.wire import GrantClock, RecordingTransport
from refs.config import Settings
from refs.enrich.engine import bibliographic, enrich
from refs.enrich.report import EnrichReport
from refs.errors import TooManyErrors
from refs.model.library import Library
from refs.model.reference import DateParts, Name, Reference
from refs.net.client import make_client
from refs.net.transport import ErrorBreaker

PONE = "10.1371/journal.pone.0033693"
PONE_TITLE = ("Methylphenidate exposure induces dopamine neuron loss and activation of "
              "microglia in the basal ganglia of mice")
SREP_TITLE = ("Single-molecule FRET studies on alpha-synuclein oligomerization of "
              "Parkinson's disease genetically related mutants")
RETRACTED = "10.5555/retracted.1"


@pytest.fixture
def fake() -> Iterator[FakeCrossref]:
    """Recorded works plus a retracted seed-like work."""
    with FakeCrossref() as server:
        server.load_recorded()
        server.add_work(crossref_message(
            RETRACTED, "Kazakhstan's multi-vector foreign policy in transition",
            authors=[("Clarke", "Michael")], year=2015, container="Asia Policy",
            updated_by=[{"DOI": "10.5555/notice.1", "type": "retraction",
                         "source": "retraction-watch", "record-id": 1,
                         "label": "Retraction", "updated": {"date-parts": [[2016, 1, 1]]}}]))
        yield server


def run(fake: FakeCrossref, tmp_path: Path, entries: list[Reference], **kw: object
        ) -> EnrichReport:
    settings: Settings = settings_for(fake, cache=str(tmp_path / "c.sqlite"))
    return enrich(Library(entries=entries), settings=settings, **kw)  # type: ignore[arg-type]


def test_doi_entry_gets_its_gaps_filled(fake: FakeCrossref, tmp_path: Path) -> None:
    """Missing fields come from Crossref; what the user wrote stays; a correction is flagged."""
    entry = Reference(id="pone", doi=PONE, title=PONE_TITLE, volume="7")
    report = run(fake, tmp_path, [entry])
    result = report.results[0]
    assert result.status == "updated" and result.source == "crossref"
    filled = {c.field for c in result.changes}
    assert {"author", "issued", "container_title", "page"} <= filled
    assert "title" not in filled and "volume" not in filled
    new = report.library.entries[0]
    assert new.container_title == "PLoS ONE" and new.author[0].family == "Sadasivan"
    assert [u.kind for u in result.updates] == ["correction"]
    assert entry.container_title is None  # the input library is not modified


def test_conflicts_are_reported_not_applied(fake: FakeCrossref, tmp_path: Path) -> None:
    """A different value here is a conflict (here vs there) and is kept; --overwrite applies it."""
    entry = Reference(id="pone", doi=PONE, title=PONE_TITLE, volume="9",
                      container_title="PLoS Biology")
    result = run(fake, tmp_path, [entry]).results[0]
    conflicts = {c.field: (c.here, c.there) for c in result.conflicts}
    assert conflicts["volume"] == ("9", "7")
    assert conflicts["container_title"] == ("PLoS Biology", "PLoS ONE")
    report = run(fake, tmp_path, [entry], overwrite={"volume"})
    assert report.library.entries[0].volume == "7"
    assert report.library.entries[0].container_title == "PLoS Biology"
    assert [c.field for c in report.results[0].conflicts] == ["container_title"]


def test_search_accepts_only_a_confident_match(fake: FakeCrossref, tmp_path: Path) -> None:
    """Without a DOI, the search candidate is accepted because the matcher says 'same'."""
    entry = Reference(id="srep", title=SREP_TITLE, author=[Name(family="Tosatto", given="L.")],
                      issued=DateParts(year=2015))
    result = run(fake, tmp_path, [entry]).results[0]
    assert result.status == "updated"
    assert result.doi == "10.1038/srep16696"
    assert any(c.field == "doi" for c in result.changes)
    assert "query.bibliographic" in fake.requests("list")[0].query


def test_a_candidate_with_another_number_in_its_title_is_no_match(fake: FakeCrossref,
                                                                   tmp_path: Path) -> None:
    """"Bulk work number 4" (2004) is not "Bulk work number 5" (2005): its DOI used to be
    accepted (titles 0.94 alike, year +-1), giving the entry another work's DOI."""
    fake.add_work(crossref_message("10.5555/bulk.4", "Bulk work number 4",
                                   authors=[("Author", "A.")], year=2004))
    entry = Reference(id="s5", title="Bulk work number 5", author=[Name(family="Author")],
                      issued=DateParts(year=2005))
    report = run(fake, tmp_path, [entry])
    result = report.results[0]
    assert result.status == "no-match" and report.library.entries[0].doi is None
    assert result.reason and "differ in a word: '5' vs '4'" in result.reason


def test_a_lookalike_candidate_is_rejected_with_reasons(fake: FakeCrossref,
                                                        tmp_path: Path) -> None:
    """Same words, other work (year and authors differ): no DOI is added, the reason is given."""
    entry = Reference(id="other", title=SREP_TITLE, author=[Name(family="Zabortseva")],
                      issued=DateParts(year=1970), container_title="Nature")
    report = run(fake, tmp_path, [entry])
    result = report.results[0]
    assert result.status == "no-match"
    assert result.candidate and "10.1038/srep16696" in result.candidate
    assert result.reason and "no confident match" in result.reason
    assert report.library.entries[0].doi is None


def test_unresolvable_doi_and_retraction(fake: FakeCrossref, tmp_path: Path) -> None:
    """A DOI unknown everywhere is not-found; a retracted work says so."""
    report = run(fake, tmp_path, [
        Reference(id="bad", doi="10.5555/does-not-exist", title="Nothing"),
        Reference(id="ret", doi=RETRACTED, title="Kazakhstan's multi-vector foreign policy "
                  "in transition", author=[Name(family="Clarke")]),
    ])
    bad, ret = report.results
    assert bad.status == "not-found" and "does not resolve" in (bad.message or "")
    assert ret.retracted and ret.updates[0].source == "retraction-watch"
    assert report.has_problems


def test_doi_of_another_work_is_a_mismatch(fake: FakeCrossref, tmp_path: Path) -> None:
    """A DOI that resolves to a clearly different work fills nothing."""
    entry = Reference(id="x", doi="10.1038/srep16696", title="The structure of ordinary water",
                      issued=DateParts(year=1970), author=[Name(family="Frank")])
    report = run(fake, tmp_path, [entry])
    assert report.results[0].status == "mismatch"
    assert report.library.entries[0] == entry


def test_datacite_doi_falls_back_through_the_agency(fake: FakeCrossref, tmp_path: Path) -> None:
    """Crossref 404 -> doi.org says DataCite -> the DataCite record fills the entry."""
    result = run(fake, tmp_path, [Reference(id="arxiv", doi="10.48550/arXiv.2311.16162")]
                 ).results[0]
    assert (result.status, result.source) == ("updated", "datacite")
    assert any(c.field == "title" for c in result.changes)


def test_per_entry_failure_is_a_message_not_an_exception(fake: FakeCrossref,
                                                         tmp_path: Path) -> None:
    """One DOI whose lookups keep failing is 'failed' with a message; the others succeed."""
    fake.fail("503", "srep16696", times=10)
    report = run(fake, tmp_path, [Reference(id="a", doi="10.1038/srep16696"),
                                  Reference(id="b", doi=PONE)])
    a, b = report.results
    assert a.status == "failed" and "HTTP 503" in (a.message or "")
    assert b.status == "updated"


def test_second_run_is_answered_from_the_cache(fake: FakeCrossref, tmp_path: Path) -> None:
    """Running again makes zero requests and gives the same results."""
    entries = [Reference(id="a", doi=PONE), Reference(id="b", title=SREP_TITLE)]
    first = run(fake, tmp_path, entries)
    sent = len(fake.requests())
    second = run(fake, tmp_path, entries)
    assert len(fake.requests()) == sent and second.requests == 0
    assert second.cache_hits >= 2
    assert [r.status for r in second.results] == [r.status for r in first.results]


def test_offline_reports_what_it_could_not_answer(fake: FakeCrossref, tmp_path: Path) -> None:
    """Offline, cached entries are answered and the others are 'offline' with a message."""
    run(fake, tmp_path, [Reference(id="a", doi=PONE)])
    settings = settings_for(fake, cache=str(tmp_path / "c.sqlite"))
    report = enrich(Library(entries=[Reference(id="a", doi=PONE),
                                     Reference(id="b", doi="10.1038/srep16696")]),
                    settings=settings, offline=True)
    a, b = report.results
    assert a.status == "updated"
    assert b.status == "offline" and "offline" in (b.message or "")
    assert report.requests == 0


def test_only_doi_missing_skips_entries_with_a_doi(fake: FakeCrossref, tmp_path: Path) -> None:
    """--only doi-missing sends no DOI lookups."""
    report = run(fake, tmp_path, [Reference(id="a", doi=PONE)], only="doi-missing")
    assert report.results[0].status == "skipped"
    assert fake.requests() == []


def test_many_entries_stay_within_the_announced_limits(fake: FakeCrossref,
                                                       tmp_path: Path) -> None:
    """A library of 24 DOIs and 6 searches never exceeds the pools' concurrency or rate.

    The client is judged where it hands requests to the network (:mod:`fakes.wire`),
    against the limits the fake announces, per pool as the *server* classifies requests:

    * never more requests of a pool on the wire than ``x-concurrency-limit``;
    * never more requests let through than ``x-rate-limit-limit`` in any
      ``x-rate-limit-interval`` window, the full interval with no slack, timed at the
      moment the limiter granted each (a :class:`~fakes.wire.GrantClock`), not when the
      thread got round to sending it: on a busy 2-core machine a thread paused between
      the two can bunch honest sends into one window.

    On the server side only the concurrency meter is kept, exactly: the server counts a
    request from its arrival until before it answers, a span inside the client's own (so
    it can only see fewer in flight), unless the client gave up on a request the server
    is still working on, hence a generous timeout here. Its rate meter (``single-rate``,
    ``list-rate``) is not asserted: it times *arrivals*, and on a loaded 2-core machine
    the delay from send to arrival varies by more than its 50 ms jitter allowance,
    bunching an honest client's requests (seen: 11 arrivals in 0.95 s from sends 1.02 s
    apart). A rate check on arrivals with slack for that delay would only restate the
    client-side check, since arrivals are sends plus the delay. That the two sides saw the
    same number of requests per pool is checked, so none escaped the client-side meter.
    """
    dois = [fake.add_work(crossref_message(f"10.5555/bulk.{i}", f"Bulk work number {i}",
                                           authors=[("Author", "A.")], year=2000 + i))
            for i in range(24)]
    entries = [Reference(id=f"d{i}", doi=d) for i, d in enumerate(dois)]
    entries += [Reference(id=f"s{i}", title=f"Bulk work number {i}", author=[
        Name(family="Author")], issued=DateParts(year=2000 + i)) for i in range(6)]
    clock = GrantClock()  # the moment each request was let through, not when it was sent
    wire = RecordingTransport(request_pool, clock=clock)
    settings = settings_for(fake, cache=str(tmp_path / "c.sqlite"), timeout=30.0)
    with make_client(settings, wire=wire, clock=clock) as http:
        report = enrich(Library(entries=entries), settings=settings, http=http)
    assert report.counts().get("updated", 0) == 30
    # every request the server saw went through the client-side meter, pool for pool
    assert Counter(s.pool for s in wire.sent()) == Counter(h.pool for h in fake.requests())
    for pool in ("single", "list"):
        announced = fake.pools[pool].limits
        assert len(wire.sent(pool)) > announced.rate  # enough requests for the rate to bind
        assert wire.max_in_flight(pool) <= announced.concurrency, pool
        assert wire.most_granted_in_any_window(pool, announced.interval) <= announced.rate, \
            pool
        assert all(s.granted is not None and s.granted <= s.start for s in wire.sent(pool))
        assert fake.violations()[f"{pool}-concurrency"] == 0
        assert fake.max_in_flight(pool) <= announced.concurrency


def test_breaker_stops_the_run(fake: FakeCrossref, tmp_path: Path) -> None:
    """When nearly every request fails, enrich raises TooManyErrors instead of going on."""
    fake.fail("500", "/works/", times=500)
    settings = settings_for(fake, cache=str(tmp_path / "c.sqlite"), max_retries=1)
    http = make_client(settings, backoff=0.001,
                       breaker=ErrorBreaker(threshold=0.5, window=10, minimum=5))
    entries = [Reference(id=f"e{i}", doi=f"10.5555/x{i}") for i in range(20)]
    with pytest.raises(TooManyErrors):
        enrich(Library(entries=entries), settings=settings, http=http)
    http.close()
    assert len(fake.requests()) < 40


def test_bibliographic_string() -> None:
    """The query holds title, up to three family names, the year and the container."""
    ref = Reference(id="k", title="T", author=[Name(family=f"F{i}") for i in range(5)],
                    issued=DateParts(year=2015), container_title="J")
    assert bibliographic(ref) == "T F0 F1 F2 2015 J"


def test_other_agencies_fall_back_to_content_negotiation(fake: FakeCrossref,
                                                         tmp_path: Path) -> None:
    """A mEDRA DOI (unknown to Crossref and DataCite) is read by doi.org content negotiation."""
    fake.csl["10.5555/medra.1"] = {"type": "article-journal", "title": "Registered at mEDRA",
                                   "author": [{"family": "Rossi", "given": "Anna"}],
                                   "issued": {"date-parts": [[2019]]}, "DOI": "10.5555/medra.1"}
    result = run(fake, tmp_path, [Reference(id="m", doi="10.5555/medra.1")]).results[0]
    assert (result.status, result.source) == ("updated", "doi.org")
    assert {"title", "author", "issued"} <= {c.field for c in result.changes}
    assert any(h.path == "/doiorg/10.5555/medra.1" for h in fake.requests())
    assert any(h.path == "/doiorg/cn/10.5555/medra.1" for h in fake.requests())
    sent = len(fake.requests())
    again = run(fake, tmp_path, [Reference(id="m", doi="10.5555/medra.1")])
    assert again.results[0].status == "updated"
    assert len(fake.requests()) == sent  # the redirect is cached too


def test_public_api_enrich_is_the_function(fake: FakeCrossref, tmp_path: Path) -> None:
    """`refs.enrich(library, ...)` is the function (not the module) and returns a report."""
    import refs

    settings = settings_for(fake, cache=str(tmp_path / "c.sqlite"))
    report = refs.enrich(refs.Library(entries=[refs.Reference(id="a", doi=PONE)]),
                         settings=settings)
    assert isinstance(report, refs.EnrichReport)
    assert report.results[0].status == "updated"


def test_default_settings_come_from_the_environment(fake: FakeCrossref, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Without settings, REFS_CROSSREF_URL / REFS_MAILTO / REFS_CACHE are honoured."""
    monkeypatch.setenv("REFS_CROSSREF_URL", f"{fake.url}/crossref")
    monkeypatch.setenv("REFS_MAILTO", "env@example.org")
    monkeypatch.chdir(tmp_path)
    report = enrich(Library(entries=[Reference(id="a", doi=PONE)]))
    assert report.results[0].status == "updated"
    assert "mailto:env@example.org" in fake.requests()[0].user_agent
    assert (tmp_path / "cache.sqlite").is_file()


def test_relevant_updates_dedupe_and_notices() -> None:
    """Self-references drop, repeated Retraction Watch verdicts count once, notices are kept."""
    from refs.enrich.engine import relevant_updates
    from refs.io.crossref_json import updates

    message = {"DOI": "10.5555/w", "updated-by": [
        {"DOI": "10.5555/n", "type": "retraction", "source": "retraction-watch"},
        {"DOI": "10.5555/n", "type": "retraction", "source": "retraction-watch"},
        {"DOI": "10.5555/w", "type": "new_version", "source": "publisher"},
    ], "update-to": [{"DOI": "10.5555/other", "type": "correction"}]}
    kept = relevant_updates(updates(message), "10.5555/w")
    assert [(u.direction, u.kind, u.doi) for u in kept] == [
        ("updated-by", "retraction", "10.5555/n"), ("update-to", "correction", "10.5555/other")]
