"""httpx transports that make refs a polite API client: pacing, retries, an error breaker.

The client stacks them as ``Cache(Retry(RateLimit(HTTPTransport())))`` (STYLE.md):
a cache hit never reaches the limiter; every attempt of a retry takes a rate token, so a
retry storm cannot exceed the announced limits; the limiter sits next to the wire and so
sees the ``x-rate-limit-*`` headers of every response.

Crossref's rules (shared/APIS.md §1): read ``x-rate-limit-limit``,
``x-rate-limit-interval``, ``x-concurrency-limit`` and ``x-api-pool`` from every
response; single-record and list requests are limited separately; before the first
response assume 10 req/s & 3 in flight for single records and 3 req/s & 3 for lists
with a ``mailto``, 5 req/s & 1 without; on timeouts, 429 and 5xx back off
exponentially; "if you have an overall error rate >= 10 %, please stop".
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Literal

import httpx

from refs.errors import TooManyErrors, Unavailable
from refs.net.limits import Limits, Pool, parse_interval

__all__ = [
    "ErrorBreaker",
    "Kind",
    "RateLimitTransport",
    "RetryTransport",
    "datacite_limits",
    "default_limits",
    "pool_kind",
]

Kind = Literal["single", "list"]

#: query parameters that make a request a list/search request (Crossref's "array" pool)
_LIST_PARAMS = ("query", "filter", "sample", "cursor", "rows", "offset", "facet")
#: headers that describe the bytes on the wire, wrong once the body has been decoded
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})
#: statuses worth retrying: rate limited, and server-side failures
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def pool_kind(request: httpx.Request) -> Kind:
    """``"list"`` for searches and listings (``/works?query...``), else ``"single"``."""
    path = request.url.path.rstrip("/")
    if any(k == p or k.startswith(p + ".") for k in request.url.params for p in _LIST_PARAMS):
        return "list"
    last = path.rsplit("/", 1)[-1]
    if last in {"works", "journals", "members", "funders", "prefixes", "types", "licenses"}:
        return "list"
    return "single"


def default_limits(polite: bool) -> dict[Kind, Limits]:
    """Limits to use before a host has announced any (APIS.md §0, observed July 2026)."""
    if polite:
        return {"single": Limits(10, 1.0, 3), "list": Limits(3, 1.0, 3)}
    return {"single": Limits(5, 1.0, 1), "list": Limits(5, 1.0, 1)}


def datacite_limits(polite: bool) -> Limits:
    """DataCite's documented limits, which it does not announce in headers: 1000 requests
    per 5 minutes per IP when identified (mailto), 500 otherwise; also what doi.org
    content negotiation allows (https://support.datacite.org/docs/rate-limit)."""
    return Limits(1000 if polite else 500, 300.0, 3 if polite else 1)


class RateLimitTransport(httpx.BaseTransport):
    """Paces requests per (host, pool kind) and adapts to the limits each response announces."""

    def __init__(self, inner: httpx.BaseTransport, *, polite: bool = True,
                 defaults: dict[Kind, Limits] | None = None, margin: float = 0.02,
                 hosts: dict[str, Limits] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """``clock`` is the pools' (see :class:`~refs.net.limits.Pool`): a test passes one
        that notes when each request was let through, to judge the pacing on the
        limiter's own decisions rather than on how soon a busy machine ran the thread."""
        self._inner = inner
        self._clock = clock
        self._defaults = defaults or default_limits(polite)
        #: documented limits of hosts that announce none (DataCite: 1000 per 5 minutes)
        self._hosts = dict(hosts or {})
        self._margin = margin
        self._pools: dict[tuple[str, Kind], Pool] = {}
        self._lock = threading.Lock()

    def pool(self, host: str, kind: Kind) -> Pool:
        """The limiter for ``host`` and ``kind`` (created with the defaults on first use)."""
        with self._lock:
            key = (host, kind)
            if key not in self._pools:
                limits = self._hosts.get(host, self._defaults[kind])
                self._pools[key] = Pool(limits, margin=self._margin, clock=self._clock)
            return self._pools[key]

    @property
    def pools(self) -> dict[tuple[str, Kind], Pool]:
        """Every pool seen so far, for reports and tests."""
        with self._lock:
            return dict(self._pools)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        kind = pool_kind(request)
        pool = self.pool(request.url.host, kind)
        with pool.slot():
            response = self._inner.handle_request(request)
            try:
                # Read the body while holding the slot: the server counts the request as
                # in flight until it has sent it, and responses here are small JSON.
                content = response.read()
            finally:
                response.close()
        self._adapt(request.url.host, kind, response.headers, response.status_code)
        # The body is decoded now, so the headers describing the wire encoding must go.
        headers = [(k, v) for k, v in response.headers.multi_items()
                   if k.lower() not in _WIRE_HEADERS]
        return httpx.Response(response.status_code, headers=headers, content=content,
                              request=request)

    def _adapt(self, host: str, kind: Kind, headers: httpx.Headers, status: int = 200) -> None:
        pool_name = headers.get("x-api-pool")
        if pool_name:
            if pool_name.endswith("-array") or pool_name.endswith("-list"):
                kind = "list"
            elif pool_name.endswith("-single"):
                kind = "single"
        pool = self.pool(host, kind)
        current = pool.limits
        rate, interval, concurrency = current.rate, current.interval, current.concurrency
        try:
            if headers.get("x-rate-limit-limit"):
                rate = max(1, int(float(headers["x-rate-limit-limit"])))
            if headers.get("x-rate-limit-interval"):
                interval = parse_interval(headers["x-rate-limit-interval"]) or interval
            if headers.get("x-concurrency-limit"):
                concurrency = max(1, int(float(headers["x-concurrency-limit"])))
        except ValueError:
            return  # an unreadable header: keep what we had rather than guess
        if status == 429 and not headers.get("x-concurrency-limit"):
            # "try again at a lower rate or with lower concurrency" (Crossref): a bare 429
            # halves the gate until a response announces the limits again
            concurrency = max(1, concurrency // 2)
        if pool_name:
            pool.announced = pool_name
        pool.update(Limits(rate, interval, concurrency))

    def close(self) -> None:
        self._inner.close()


class ErrorBreaker:
    """Trips when the recent error rate reaches ``threshold`` (Crossref: stop at >= 10 %).

    Counted as errors: timeouts, connection failures, 429 and 5xx. A 404 is an answer
    (the DOI does not exist), not an error: a library full of mistyped DOIs must not trip it.
    The rate is judged over the last ``window`` attempts once ``minimum`` were made, so a
    single early failure does not stop a run. The last failure is remembered and named
    when the breaker trips: "20 of 20 failed" alone cannot tell a user whose network is
    down from one whom the service is limiting, and the two need different actions.
    """

    def __init__(self, *, threshold: float = 0.10, window: int = 100, minimum: int = 20) -> None:
        self.threshold = threshold
        self._outcomes: deque[bool] = deque(maxlen=window)
        self._minimum = minimum
        self._lock = threading.Lock()
        self.tripped = False
        #: what the last failed attempt was (``HTTP 503``, ``cannot connect: ...``)
        self.last_failure = ""
        #: whether that failure was the network's (no answer at all) rather than the service's
        self.last_failure_was_network = False

    def record(self, error: bool, why: str = "", *, network: bool = False) -> None:
        """Count one attempt; trips the breaker when the error rate is too high."""
        with self._lock:
            self._outcomes.append(error)
            if error and why:
                self.last_failure, self.last_failure_was_network = why, network
            n = len(self._outcomes)
            if n >= self._minimum and sum(self._outcomes) / n >= self.threshold:
                self.tripped = True

    def check(self, url: str) -> None:
        """Raise :class:`TooManyErrors` if the breaker has tripped."""
        if self.tripped:
            with self._lock:
                errors, n = sum(self._outcomes), len(self._outcomes)
                last, network = self.last_failure, self.last_failure_was_network
            raise TooManyErrors(
                f"stopped: {errors} of the last {n} requests failed"
                + (f" (last: {last})" if last else ""), url=url,
                hint="check the network connection, then try again (--offline uses the "
                "cache only)" if network else
                "the service is failing or limiting us; try again later",
            )


class RetryTransport(httpx.BaseTransport):
    """Retries timeouts, connection errors, 429 and 5xx with capped exponential backoff.

    Waits ``backoff * 2**attempt`` seconds with full jitter, or what ``Retry-After``
    asks (seconds or an HTTP date), capped at ``max_wait``. After ``max_retries``
    retries the last response is returned (the caller maps its status) or, for
    transport failures, :class:`~refs.errors.Unavailable` is raised.
    """

    def __init__(self, inner: httpx.BaseTransport, *, max_retries: int = 4,
                 backoff: float = 0.5, max_wait: float = 60.0,
                 breaker: ErrorBreaker | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        self._inner = inner
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.breaker = breaker if breaker is not None else ErrorBreaker()
        self._sleep = sleep
        self._rng = rng or random.Random()
        #: total attempts made (retries included), for tests and reports
        self.attempts = 0
        self._count_lock = threading.Lock()

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        if response is not None:
            after = retry_after(response.headers.get("retry-after"))
            if after is not None:
                return min(after, self.max_wait)
        ceiling: float = min(self.backoff * 2.0 ** attempt, self.max_wait)
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        attempt = 0
        while True:
            self.breaker.check(url)
            with self._count_lock:
                self.attempts += 1
            try:
                response = self._inner.handle_request(request)
            except httpx.TransportError as exc:
                self.breaker.record(True, _failure(exc),
                                    network=not isinstance(exc, httpx.TimeoutException))
                if attempt >= self.max_retries:
                    what = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
                    raise Unavailable(
                        f"request {what} after {attempt + 1} attempts: {exc or type(exc).__name__}",
                        url=url, hint="check the network or try again later (--offline uses "
                        "the cache only)") from exc
                self._sleep(self._delay(attempt, None))
                attempt += 1
                continue
            failed = response.status_code in RETRY_STATUSES
            self.breaker.record(failed, f"HTTP {response.status_code}")
            if not failed or attempt >= self.max_retries:
                return response
            response.read()
            response.close()
            self._sleep(self._delay(attempt, response))
            attempt += 1

    def close(self) -> None:
        self._inner.close()


def _failure(exc: httpx.TransportError) -> str:
    """A transport failure in a few words: ``timed out``, ``cannot connect: [Errno -3] ...``."""
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    what = "cannot connect" if isinstance(exc, httpx.ConnectError) else type(exc).__name__
    return f"{what}: {exc}" if str(exc) else what


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
