"""A recording wire for ``make_client(wire=...)``: what the client sent, when, and how many
requests it had open at once.

Why not only the fake server's meters (:meth:`FakeCrossref.violations`): the server stamps
a request when it *arrives*, after the kernel, werkzeug's accept loop and a new handler
thread have run. On a loaded machine that delay varies by tens of milliseconds from one
request to the next, so the arrivals of an honest client bunch up and look faster than the
announced rate. This transport sits where the limiter hands a request to the network (the
innermost transport, inside the limiter's slot) and stamps it with ``time.monotonic``, the
limiter's own clock, so a test judges the client on what the client controls.

A request counts as in flight from the moment it is handed to the network until its
response body is closed (or the attempt fails): the span in which a server could still be
working on it.

Even that stamp comes a moment after the limiter let the request through, and on a busy
two-core machine the thread can be descheduled in between for longer than the limiter's
2 % margin (10 ms on a 0.5 s interval), which bunches honest sends into one window. So
the rate is judged on the limiter's own decisions: give ``make_client(clock=...)`` a
:class:`GrantClock` and this transport the same clock, and each :class:`Sent` carries the
moment the limiter granted it (the last reading of the limiter's clock in the thread
that sends it; the limiter reads the clock last when it grants).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import httpx

__all__ = ["GrantClock", "RecordingTransport", "Sent", "most_in_any_window"]


@dataclass(frozen=True)
class Sent:
    """One request as the client put it on the wire."""

    pool: str
    url: str
    #: ``time.monotonic()`` when the request was handed to the network
    start: float
    #: requests of the same pool on the wire at that moment, this one included
    in_flight: int
    #: the limiter's clock when it let this request through (with a :class:`GrantClock`)
    granted: float | None = None


class GrantClock:
    """``time.monotonic`` that remembers, per thread, the last time it was read.

    The limiter reads its clock to decide, and reads it last when it lets a request
    through, in the thread that then sends it: that reading is the grant.
    """

    def __init__(self) -> None:
        self._last = threading.local()

    def __call__(self) -> float:
        now = time.monotonic()
        self._last.value = now
        return now

    def last(self) -> float | None:
        """This thread's last reading (None if it never read the clock)."""
        return getattr(self._last, "value", None)


def most_in_any_window(times: Sequence[float], interval: float) -> int:
    """The most of ``times`` that fall in any half-open window ``[t, t + interval)``.

    The same sliding window the fake server and Crossref count over: a client that
    respects "``rate`` per ``interval``" never gets more than ``rate`` here.

    >>> most_in_any_window([0.0, 0.5, 1.0], 1.0)  # 1.0 is already outside [0.0, 1.0)
    2
    >>> most_in_any_window([0.0, 0.5, 0.99], 1.0)
    3
    >>> most_in_any_window([], 1.0)
    0
    """
    ordered = sorted(times)
    most, first = 0, 0
    for last, t in enumerate(ordered):
        while t - ordered[first] >= interval:
            first += 1
        most = max(most, last - first + 1)
    return most


class _ClosingStream(httpx.SyncByteStream):
    """The response body, calling ``on_close`` once when it is closed (the request ends)."""

    def __init__(self, inner: httpx.SyncByteStream, on_close: Callable[[], None]) -> None:
        self._inner = inner
        self._on_close: Callable[[], None] | None = on_close

    def __iter__(self) -> Iterator[bytes]:
        yield from self._inner

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            done, self._on_close = self._on_close, None
            if done is not None:
                done()


class RecordingTransport(httpx.BaseTransport):
    """Passes requests to ``inner`` (a real ``HTTPTransport`` by default) and records each.

    ``classify`` names a request's pool. Tests pass the *server's* rule
    (:func:`fakes.crossref.request_pool`), not refs' own ``pool_kind``: a client that put
    searches in the wrong pool must show up as too many searches, not be judged by its
    own mistake.
    """

    def __init__(self, classify: Callable[[httpx.Request], str],
                 inner: httpx.BaseTransport | None = None,
                 clock: GrantClock | None = None) -> None:
        self._classify = classify
        self._clock = clock
        self._inner = inner if inner is not None else httpx.HTTPTransport(retries=0)
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        self._sent: list[Sent] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        pool = self._classify(request)
        with self._lock:
            self._open[pool] += 1
            granted = self._clock.last() if self._clock is not None else None
            self._sent.append(Sent(pool, str(request.url), time.monotonic(), self._open[pool],
                                   granted))
        try:
            response = self._inner.handle_request(request)
        except BaseException:
            self._finish(pool)
            raise
        assert isinstance(response.stream, httpx.SyncByteStream)
        return httpx.Response(response.status_code, headers=response.headers,
                              stream=_ClosingStream(response.stream, lambda: self._finish(pool)),
                              extensions=response.extensions, request=request)

    def _finish(self, pool: str) -> None:
        with self._lock:
            self._open[pool] -= 1

    def close(self) -> None:
        self._inner.close()

    # -- measurements -------------------------------------------------------------------
    def sent(self, pool: str | None = None) -> list[Sent]:
        """Every request handed to the network so far (optionally of one pool)."""
        with self._lock:
            return [s for s in self._sent if pool is None or s.pool == pool]

    def max_in_flight(self, pool: str) -> int:
        """The most requests of ``pool`` the client ever had on the wire at once."""
        return max((s.in_flight for s in self.sent(pool)), default=0)

    def most_in_any_window(self, pool: str, interval: float) -> int:
        """The most requests of ``pool`` the client sent within any ``interval`` seconds."""
        return most_in_any_window([s.start for s in self.sent(pool)], interval)

    def most_granted_in_any_window(self, pool: str, interval: float) -> int:
        """The most requests of ``pool`` the limiter let through within any ``interval``
        seconds (needs a :class:`GrantClock`)."""
        grants = [s.granted for s in self.sent(pool)]
        assert all(g is not None for g in grants), "give the limiter and the wire a GrantClock"
        return most_in_any_window([g for g in grants if g is not None], interval)
