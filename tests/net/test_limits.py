"""The per-pool limiter: a strict sliding rate window and a resizable concurrency gate."""

from __future__ import annotations

import threading
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.net.limits import Limits, Pool, parse_interval


class FakeClock:
    """A clock that only moves when someone sleeps, so rate tests are exact and instant."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_parse_interval_units() -> None:
    """Crossref's ``1s`` and the old docs' ``60s`` / bare seconds are understood."""
    assert parse_interval("1s") == 1.0
    assert parse_interval("60s") == 60.0
    assert parse_interval("3000") == 3000.0
    assert parse_interval("500ms") == 0.5
    assert parse_interval("soon") is None
    assert parse_interval("0s") is None


@settings(max_examples=40, deadline=None)
@given(rate=st.integers(1, 12), interval=st.sampled_from([0.5, 1.0, 2.0]),
       n=st.integers(1, 60), margin=st.sampled_from([0.0, 0.02]))
def test_no_window_ever_holds_more_than_the_rate(rate: int, interval: float, n: int,
                                                 margin: float) -> None:
    """For any limits, no interval-long window contains more than ``rate`` starts."""
    clock = FakeClock()
    pool = Pool(Limits(rate, interval, 1), margin=margin, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(n):
        with pool.slot():
            starts.append(clock.now)
    for i, t in enumerate(starts):
        in_window = [s for s in starts[i:] if s - t < interval - 1e-9]
        assert len(in_window) <= rate
    # and it is not needlessly slow: the k-th window opens as soon as allowed
    assert starts[-1] <= ((n - 1) // rate) * interval * (1 + margin) + n * 0.001


def test_concurrency_gate_holds_under_threads() -> None:
    """Eight threads through a gate of two never have more than two inside."""
    pool = Pool(Limits(1000, 1.0, 2))
    inside = 0
    peak = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal inside, peak
        for _ in range(5):
            with pool.slot():
                with lock:
                    inside += 1
                    peak = max(peak, inside)
                time.sleep(0.002)
                with lock:
                    inside -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == 2
    assert pool.count == 40


def test_update_shrinks_the_gate_for_waiting_threads() -> None:
    """After update() to concurrency 1, a second holder must wait for the first."""
    pool = Pool(Limits(1000, 1.0, 3))
    pool.update(Limits(1000, 1.0, 1))
    entered = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with pool.slot():
            entered.set()
            release.wait(2)

    t = threading.Thread(target=holder)
    t.start()
    entered.wait(2)
    second = threading.Event()

    def waiter() -> None:
        with pool.slot():
            second.set()

    w = threading.Thread(target=waiter)
    w.start()
    assert not second.wait(0.1)
    release.set()
    assert second.wait(2)
    t.join()
    w.join()
