"""``make_client(settings)``: the one way refs builds an HTTP client.

The stack is ``Cache(Retry(RateLimit(HTTPTransport())))`` (order explained in
STYLE.md and :mod:`refs.net.transport`), with timeouts on every phase and a User-Agent
that names refs, its version and a contact address, which is what puts refs in
Crossref's polite pool ("Include your email address in the mailto parameter or agent
header", shared/APIS.md §1.1).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
from platformdirs import user_cache_dir

from refs.__about__ import __version__
from refs.net.cache import CacheTransport, ResponseCache
from refs.net.transport import (
    ErrorBreaker,
    RateLimitTransport,
    RetryTransport,
    datacite_limits,
)

__all__ = ["HOMEPAGE", "Http", "NetConfig", "cache_path", "default_cache_path", "make_client",
           "user_agent"]


class NetConfig(Protocol):
    """What the client reads from ``refs.config.NetSettings`` (net may not import config:
    they are sibling layers, so the settings are taken by shape)."""

    mailto: str | None
    cache: str | None
    cache_ttl_days: float
    timeout: float
    max_retries: int
    offline: bool


def _host(url: str | None) -> str | None:
    return httpx.URL(url).host or None if url else None


def _net(settings: Any) -> NetConfig:
    return getattr(settings, "net", settings)  # type: ignore[no-any-return]

#: the project's home, named in the User-Agent as Crossref's etiquette asks
HOMEPAGE = "https://github.com/refs-dev/refs"


def user_agent(mailto: str | None) -> str:
    """``refs/0.1.0 (https://github.com/refs-dev/refs; mailto:you@example.org)``."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"refs/{__version__} ({HOMEPAGE}{contact})"


def default_cache_path() -> Path:
    """The platform cache directory's ``http.sqlite`` (e.g. ``~/.cache/refs/http.sqlite``)."""
    return Path(user_cache_dir("refs", appauthor=False)) / "http.sqlite"


def cache_path(settings: Any, override: str | Path | None = None) -> Path:
    """Where the cache lives: ``override`` > settings/REFS_CACHE > the platform default.

    ``settings`` is a ``Settings`` (relative paths resolve against its root) or its ``net``.
    """
    net = _net(settings)
    if override is not None:
        return Path(override).expanduser()
    if net.cache:
        resolve = getattr(settings, "resolve", None)
        return Path(resolve(net.cache)) if resolve else Path(net.cache).expanduser()
    return default_cache_path()


@dataclass
class Http:
    """An httpx client plus handles on its transports (for counters and pool state)."""

    client: httpx.Client
    cache: CacheTransport
    retry: RetryTransport
    limiter: RateLimitTransport

    @property
    def requests_sent(self) -> int:
        """Attempts that went to the network (retries included)."""
        return self.retry.attempts

    def close(self) -> None:
        """Close the client, its connections and the cache file."""
        self.client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_client(settings: Any, *,
                offline: bool | None = None, cache: str | Path | None = None,
                backoff: float = 0.5, max_wait: float = 60.0,
                breaker: ErrorBreaker | None = None,
                wire: httpx.BaseTransport | None = None,
                clock: Callable[[], float] = time.monotonic) -> Http:
    """An httpx client with cache, retries, pacing, timeouts and a polite User-Agent.

    ``settings`` is a ``refs.config.Settings`` or its ``NetSettings``.
    ``offline`` and ``cache`` override the settings (CLI flags win). ``wire`` replaces
    the innermost ``HTTPTransport`` (tests use it to count or fake the network), and
    ``clock`` the rate limiter's clock (tests use it to see when each request was let
    through).
    """
    net = _net(settings)
    timeout = httpx.Timeout(net.timeout)
    inner = wire if wire is not None else httpx.HTTPTransport(retries=0)
    polite = bool(net.mailto)
    crossref = _host(getattr(net, "crossref_url", None))
    hosts = {host: datacite_limits(polite) for host in (
        _host(getattr(net, "datacite_url", None)), _host(getattr(net, "doi_url", None)))
        if host and host != crossref}  # Crossref announces its own; never override them
    limiter = RateLimitTransport(inner, polite=polite, hosts=hosts, clock=clock)
    retry = RetryTransport(limiter, max_retries=net.max_retries, backoff=backoff,
                           max_wait=max_wait, breaker=breaker)
    store = ResponseCache(cache_path(settings, cache))
    cached = CacheTransport(retry, store, ttl=net.cache_ttl_days * 86400.0,
                            offline=net.offline if offline is None else offline)
    client = httpx.Client(transport=cached, timeout=timeout, follow_redirects=True,
                          headers={"User-Agent": user_agent(net.mailto)})
    return Http(client=client, cache=cached, retry=retry, limiter=limiter)
