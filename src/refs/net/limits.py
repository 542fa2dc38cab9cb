"""Pacing state for one pool of one host: a rate window plus a resizable concurrency gate.

Crossref limits single-record and list requests separately (``x-api-pool`` is
``polite-single`` / ``polite-array`` since mid-2026) and announces the numbers in every
response (``x-rate-limit-limit``, ``x-rate-limit-interval``, ``x-concurrency-limit``).
A :class:`Pool` enforces both and can be resized while requests are in flight.

The rate part is a sliding window over request *start* times: at most ``limit`` starts
in any ``interval``. That is a token bucket whose capacity equals its refill per
interval, made strict: a plain bucket allows ``2 * limit`` starts straddling a refill,
which a server counting per interval would see as a violation. ``margin`` stretches the
interval a little so that network jitter between our clock and the server's cannot
push two windows' worth of arrivals into one of the server's windows.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["Limits", "Pool", "parse_interval"]

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}


def parse_interval(text: str) -> float | None:
    """``"1s"`` -> 1.0, ``"60s"`` -> 60.0, ``"3000"`` -> 3000.0 (seconds); None if unreadable."""
    m = _INTERVAL.match(text or "")
    if not m:
        return None
    value = float(m.group(1)) * _UNIT[m.group(2)]
    return value if value > 0 else None


@dataclass(frozen=True)
class Limits:
    """``rate`` requests per ``interval`` seconds, at most ``concurrency`` in flight."""

    rate: int
    interval: float = 1.0
    concurrency: int = 1


class Pool:
    """The limiter of one (host, pool kind): thread-safe, resizable at run time."""

    def __init__(self, limits: Limits, *, margin: float = 0.02,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._limits = limits
        self._margin = margin
        self._clock = clock
        self._sleep = sleep
        self._cond = threading.Condition()
        self._starts: deque[float] = deque()
        self._in_flight = 0
        #: the pool name the server reported (``polite-single``), for ``refs cache info``
        self.announced: str | None = None
        #: how many requests this pool let through (benchmarks and tests read it)
        self.count = 0

    @property
    def limits(self) -> Limits:
        """The limits in force now."""
        return self._limits

    def update(self, limits: Limits) -> None:
        """Adopt new limits; waiting threads re-check at once (a smaller gate drains first)."""
        with self._cond:
            if limits != self._limits:
                self._limits = limits
                self._cond.notify_all()

    def _acquire(self) -> None:
        with self._cond:
            while self._in_flight >= self._limits.concurrency:
                self._cond.wait()
            self._in_flight += 1
        try:
            self._wait_for_rate()
        except BaseException:
            self._release()
            raise

    def _wait_for_rate(self) -> None:
        while True:
            with self._cond:
                limits = self._limits
                window = limits.interval * (1.0 + self._margin)
                now = self._clock()
                while self._starts and now - self._starts[0] >= window:
                    self._starts.popleft()
                if len(self._starts) < limits.rate:
                    self._starts.append(now)
                    self.count += 1
                    return
                delay = window - (now - self._starts[0])
            self._sleep(max(delay, 0.0005))

    def _release(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify_all()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one concurrency slot and one rate token for the duration of a request."""
        self._acquire()
        try:
            yield
        finally:
            self._release()
