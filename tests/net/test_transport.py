"""Pacing, retries and the error breaker, against the loopback fake Crossref."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from fakes.crossref import FakeCrossref, PoolLimits, crossref_message, request_pool, settings_for
from fakes.wire import GrantClock, RecordingTransport
from refs.errors import RemoteError, TooManyErrors, Unavailable
from refs.net.client import Http, make_client
from refs.net.limits import Limits
from refs.net.transport import (
    ErrorBreaker,
    RetryTransport,
    default_limits,
    pool_kind,
    retry_after,
)
from refs.sources._http import get_json

DOI = "10.5555/test.1"


@pytest.fixture
def fake() -> Iterator[FakeCrossref]:
    """A fake with one work, fast limits and a little latency."""
    with FakeCrossref(latency=0.02, single=PoolLimits(20, 0.5, 2, "polite-single"),
                      listing=PoolLimits(4, 0.5, 2, "polite-array")) as server:
        server.add_work(crossref_message(DOI, "A test work", year=2020))
        yield server


def _http(fake: FakeCrossref, tmp_path: Path, **kw: object) -> Http:
    return make_client(settings_for(fake, max_retries=int(kw.pop("max_retries", 2)),  # type: ignore[call-overload]
                                    timeout=float(kw.pop("timeout", 2.0))),  # type: ignore[arg-type]
                       cache=tmp_path / "c.sqlite", backoff=0.01, **kw)  # type: ignore[arg-type]


def _work(http: Http, fake: FakeCrossref, doi: str = DOI) -> object:
    return get_json(http.client, f"{fake.url}/crossref/works/{doi}", what="work")


def test_pool_kind_tells_lists_from_single_records() -> None:
    """Searches and listings use the list pool; DOI lookups the single-record pool."""
    assert pool_kind(httpx.Request("GET", "https://x/works?query.bibliographic=a")) == "list"
    assert pool_kind(httpx.Request("GET", "https://x/works")) == "list"
    assert pool_kind(httpx.Request("GET", "https://x/works/10.1%2Fa")) == "single"
    assert pool_kind(httpx.Request("GET", "https://x/works/10.1%2Fa/agency")) == "single"


def test_defaults_before_any_response() -> None:
    """Polite defaults 10/s & 3 (single), 3/s & 3 (list); without mailto 5/s & 1."""
    assert default_limits(True) == {"single": Limits(10, 1.0, 3), "list": Limits(3, 1.0, 3)}
    assert default_limits(False)["single"] == Limits(5, 1.0, 1)
    assert default_limits(False)["list"].concurrency == 1


def _assert_within_announced_limits(fake: FakeCrossref, wire: RecordingTransport,
                                    pool: str, sent: int) -> None:
    """The client kept to what the fake announces for ``pool``, judged where it sends.

    :mod:`fakes.wire` records each request where the limiter hands it to the network, with
    the moment the limiter granted it (a :class:`~fakes.wire.GrantClock` shared by both),
    and requests are put in pools by the server's rule. Then, with no slack: never more
    than ``x-concurrency-limit`` on the wire, never more than ``x-rate-limit-limit``
    grants in any full ``x-rate-limit-interval``, and every request sent after its grant.
    The rate is judged on grants, not on the wire's own stamps: those come a moment later,
    and a busy two-core machine can deschedule a thread in between for longer than the
    limiter's 2 % margin (10 ms here), bunching honest sends -- the scheduler's doing, not
    the client's. For the same reason the fake's rate meter, which times *arrivals* over
    the interval less 50 ms, is not asserted (seen: 21 arrivals in its 0.45 s from a
    client this check passes); its concurrency meter is, exactly (the server's in-flight
    span lies inside the client's), and both sides must have seen the same requests, so
    none bypassed the client-side meter.
    """
    announced = fake.pools[pool].limits
    assert Counter(s.pool for s in wire.sent()) == Counter(h.pool for h in fake.requests()) \
        == {pool: sent}
    assert sent > announced.rate  # enough requests for the rate to bind
    assert wire.max_in_flight(pool) <= announced.concurrency
    assert wire.most_granted_in_any_window(pool, announced.interval) <= announced.rate
    assert all(s.granted is not None and s.granted <= s.start for s in wire.sent(pool))
    assert fake.violations()[f"{pool}-concurrency"] == 0
    assert fake.max_in_flight(pool) <= announced.concurrency


def test_announced_limits_are_adopted_and_never_exceeded(fake: FakeCrossref,
                                                         tmp_path: Path) -> None:
    """After one response the client paces to the announced 20/0.5s and 2 in flight."""
    clock = GrantClock()
    wire = RecordingTransport(request_pool, clock=clock)
    with _http(fake, tmp_path, wire=wire, clock=clock, timeout=30.0) as http:
        _work(http, fake)
        pool = http.limiter.pool("127.0.0.1", "single")
        assert pool.limits == Limits(20, 0.5, 2)
        assert pool.announced == "polite-single"
        dois = [fake.add_work(crossref_message(f"10.5555/t{i}", f"Work {i}")) for i in range(30)]
        with ThreadPoolExecutor(8) as ex:
            list(ex.map(lambda d: _work(http, fake, d), dois))
    _assert_within_announced_limits(fake, wire, "single", 31)


def test_list_rate_is_paced_separately(fake: FakeCrossref, tmp_path: Path) -> None:
    """Searches at the list pool's 4 per 0.5 s never break its window."""
    clock = GrantClock()
    wire = RecordingTransport(request_pool, clock=clock)
    with _http(fake, tmp_path, wire=wire, clock=clock, timeout=30.0) as http, \
            ThreadPoolExecutor(6) as ex:
        get_json(http.client, f"{fake.url}/crossref/works", params={"query.bibliographic": "x"},
                 what="search")  # the defaults (3 in flight) hold until the first answer
        list(ex.map(lambda i: get_json(http.client, f"{fake.url}/crossref/works",
                                       params={"query.bibliographic": f"test {i}"},
                                       what="search"), range(12)))
    _assert_within_announced_limits(fake, wire, "list", 13)


def test_lower_concurrency_announced_mid_run_is_obeyed(tmp_path: Path) -> None:
    """A server announcing concurrency 1 gets one request at a time after its first answer."""
    with FakeCrossref(latency=0.02, single=PoolLimits(100, 1.0, 1, "public")) as fake:
        dois = [fake.add_work(crossref_message(f"10.5555/c{i}", f"W {i}")) for i in range(10)]
        with _http(fake, tmp_path) as http:
            _work(http, fake, dois[0])
            with ThreadPoolExecutor(5) as ex:
                list(ex.map(lambda d: _work(http, fake, d), dois[1:]))
        assert fake.max_in_flight("single") == 1


@pytest.mark.parametrize("fault", ["429", "429-retry-after", "429-html", "500", "503"])
def test_transient_failures_are_retried(fake: FakeCrossref, tmp_path: Path, fault: str) -> None:
    """429 (with or without Retry-After or body), 500 and 503 are retried, then succeed."""
    fake.fail(fault, "/works/", times=2)
    with _http(fake, tmp_path) as http:
        body = _work(http, fake)
        assert http.requests_sent == 3
        assert http.limiter.pool("127.0.0.1", "single").count == 3  # each retry took a token
    assert body["message"]["DOI"] == DOI  # type: ignore[index]


def test_retries_are_bounded(fake: FakeCrossref, tmp_path: Path) -> None:
    """A server that keeps failing gets max_retries + 1 attempts, then a clear error."""
    fake.fail("503", "/works/", times=10)
    with _http(fake, tmp_path, max_retries=2) as http, pytest.raises(Unavailable) as info:
        _work(http, fake)
    assert len(fake.requests()) == 3
    assert "HTTP 503" in info.value.message


def test_timeouts_are_retried_then_reported(tmp_path: Path) -> None:
    """A response slower than the timeout is retried; if it stays slow, Unavailable says so.

    The slow answer takes three times the timeout, and a normal one gets the whole 0.5 s
    (with two retries): a busy machine can take a while to answer, never 1.5 s for 0.5 s.
    """
    with FakeCrossref(slow_seconds=1.5) as fake:
        fake.add_work(crossref_message(DOI, "Slow"))
        fake.fail("slow", "/works/", times=1)
        with _http(fake, tmp_path, timeout=0.5) as http:
            assert _work(http, fake)["message"]["DOI"] == DOI  # type: ignore[index]
            assert http.requests_sent >= 2  # the slow answer timed out and was retried
        other = fake.add_work(crossref_message("10.5555/slow.2", "Slower"))
        fake.fail("slow", "/works/", times=3)
        with _http(fake, tmp_path, timeout=0.5, max_retries=1) as http, \
                pytest.raises(Unavailable, match="timed out after 2 attempts"):
            _work(http, fake, other)


def test_breaker_stops_asking_when_most_requests_fail(fake: FakeCrossref,
                                                      tmp_path: Path) -> None:
    """With a high error rate refs raises TooManyErrors and sends nothing more."""
    fake.fail("500", "/works/", times=100)
    breaker = ErrorBreaker(threshold=0.5, window=10, minimum=4)
    with _http(fake, tmp_path, max_retries=1, breaker=breaker) as http:
        with pytest.raises((Unavailable, TooManyErrors)):
            _work(http, fake)
        with pytest.raises(TooManyErrors):
            for _ in range(5):
                try:
                    _work(http, fake, "10.5555/other")
                except Unavailable:
                    continue
        sent = len(fake.requests())
        with pytest.raises(TooManyErrors):
            _work(http, fake)
        assert len(fake.requests()) == sent


def test_breaker_ignores_not_found() -> None:
    """404s are answers, not errors: a library of bad DOIs does not trip the breaker."""
    breaker = ErrorBreaker(minimum=5)
    for _ in range(50):
        breaker.record(False)
    breaker.check("u")
    for _ in range(20):
        breaker.record(True)
    with pytest.raises(TooManyErrors, match="of the last"):
        breaker.check("u")


def test_breaker_names_the_last_failure_and_tells_network_from_service() -> None:
    """A user offline is told to check the network; one being limited, to wait."""
    breaker = ErrorBreaker(minimum=3)
    for _ in range(3):
        breaker.record(True, "HTTP 503")
    with pytest.raises(TooManyErrors, match=r"\(last: HTTP 503\)") as limited:
        breaker.check("u")
    assert "limiting us" in (limited.value.hint or "")
    offline = ErrorBreaker(minimum=3)
    for _ in range(3):
        offline.record(True, "cannot connect: [Errno -3] name resolution", network=True)
    with pytest.raises(TooManyErrors, match="last: cannot connect") as down:
        offline.check("u")
    assert "check the network" in (down.value.hint or "")


def test_connection_failures_trip_the_breaker_with_their_cause() -> None:
    """Through the retrying transport: a refused connection (a real socket on 127.0.0.1
    that nobody listens on any more) is named when it stops."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    transport = RetryTransport(httpx.HTTPTransport(), max_retries=1, sleep=lambda _: None,
                               breaker=ErrorBreaker(minimum=4))
    request = httpx.Request("GET", f"http://127.0.0.1:{port}/works/10.5555/x")
    with pytest.raises(Unavailable):
        transport.handle_request(request)
    with pytest.raises(Unavailable):
        transport.handle_request(request)
    with pytest.raises(TooManyErrors, match=r"last: cannot connect: \[Errno 111\]") as info:
        transport.handle_request(request)
    assert "check the network" in (info.value.hint or "")


def test_retry_after_header_forms() -> None:
    """Retry-After as seconds or an HTTP date; garbage is ignored."""
    assert retry_after("3") == 3.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None


def test_user_agent_names_refs_and_mailto(fake: FakeCrossref, tmp_path: Path) -> None:
    """Requests carry refs/<version> with the project URL and mailto (the polite pool)."""
    with _http(fake, tmp_path) as http:
        _work(http, fake)
    agent = fake.requests()[0].user_agent
    assert agent.startswith("refs/")
    assert "mailto:tests@example.org" in agent


def test_the_fake_catches_an_impolite_client() -> None:
    """Without refs' transports, a burst breaks the announced limits and the fake counts it.

    The limits (5 per minute, 2 in flight) and the latency (0.3 s a request) are chosen so
    that the burst breaks them however slowly a busy machine runs it: 16 requests cannot
    spread over a minute, and 8 threads each holding a request for 0.3 s cannot keep to 2.
    """
    with FakeCrossref(latency=0.3, single=PoolLimits(5, 60.0, 2, "polite-single")) as fake:
        dois = [fake.add_work(crossref_message(f"10.5555/rude{i}", f"W {i}")) for i in range(16)]
        with httpx.Client(timeout=30.0) as client, ThreadPoolExecutor(8) as ex:
            list(ex.map(lambda d: client.get(f"{fake.url}/crossref/works/{d}"), dois))
        assert fake.violations()["single-rate"] > 0
        assert fake.max_in_flight("single") > 2


def test_bare_429_halves_concurrency_until_limits_are_announced(fake: FakeCrossref,
                                                                tmp_path: Path) -> None:
    """A 429 without limit headers halves the gate; the next normal answer restores it."""
    with _http(fake, tmp_path) as http:
        pool = http.limiter.pool("127.0.0.1", "single")
        fake.fail("429", "/works/", times=1)
        http.retry.max_retries = 0
        with pytest.raises(RemoteError, match="429"):
            _work(http, fake)
        assert pool.limits.concurrency == 1
        _work(http, fake)
        assert pool.limits.concurrency == 2
