"""A loopback Crossref (+ doi.org + DataCite) on a real HTTP server, with misbehaviour knobs.

Tests and ``benchmarks/enrich_loopback.py`` point refs at it through the configurable
base URLs (``{url}/crossref``, ``{url}/doiorg``, ``{url}/datacite``). It serves the
recorded responses copied into ``tests/data/crossref/`` and works added by tests,
announces Crossref's rate-limit headers per pool (single vs list), and measures what a
polite client must respect: the most requests in flight per pool and every arrival
time, so a test can assert "never more in flight than announced, never faster than the
rate". Faults are scripted per request: 429 with/without Retry-After and with/without a
body, 500/503, a response slower than the client's timeout, truncated JSON, an HTML
error page, and a plain-text 404 (what Crossref really sends for unknown DOIs).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

DATA = Path(__file__).resolve().parent.parent / "data" / "crossref"

#: scripted faults a test can queue (see :meth:`FakeCrossref.fail`)
FAULTS = ("429", "429-retry-after", "429-html", "500", "503", "slow", "truncated", "html", "404",
          "nested")
#: how deep the "nested" fault nests its arrays: far past the interpreter's recursion limit
NESTED_DEPTH = 100_000


class _QuietHandler(WSGIRequestHandler):
    """No access log on stderr: tests and benchmarks make thousands of requests."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


@dataclass
class PoolLimits:
    """What the fake announces and measures against for one pool."""

    rate: int
    interval: float = 1.0
    concurrency: int = 3
    name: str = "polite-single"


@dataclass
class Hit:
    """One request the fake received."""

    path: str
    query: str
    pool: str
    start: float
    end: float = 0.0
    status: int = 0
    user_agent: str = ""


@dataclass
class _PoolState:
    limits: PoolLimits
    in_flight: int = 0
    max_in_flight: int = 0
    arrivals: deque[float] = field(default_factory=deque)
    rate_violations: int = 0
    concurrency_violations: int = 0


def pool_of(path: str, params: Iterable[str]) -> str:
    """The pool the fake counts a request in: ``"list"`` for searches, else ``"single"``.

    One rule for both sides: the server meters by it, and client-side recorders
    (:mod:`fakes.wire`) use it too, so both judge a request against the same announced
    limits whichever pool refs itself thought it belonged to.
    """
    if path.startswith("/crossref/works") and (
            path.rstrip("/") == "/crossref/works" or any(
                k.startswith(("query", "filter", "rows")) for k in params)):
        return "list"
    return "single"


def request_pool(request: httpx.Request) -> str:
    """:func:`pool_of` for a request as the client sends it."""
    return pool_of(request.url.path, request.url.params.keys())


def _words(text: str) -> set[str]:
    """The words a search ranks by; numbers count whatever their length, as in Crossref
    (it ranked "Bulk work number 4" level with "... 5" for a query of the latter)."""
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 or w.isdigit()}


class FakeCrossref:
    """The fake service. Use as a context manager; ``url`` is its base address."""

    def __init__(self, *, latency: float = 0.0, single: PoolLimits | None = None,
                 listing: PoolLimits | None = None, enforce: bool = False,
                 slow_seconds: float = 1.0, jitter: float = 0.05) -> None:
        self.latency = latency
        #: arrival-time slack when judging the rate: on a loaded 2-core machine a request
        #: can reach the server tens of ms after the client started it, bunching arrivals
        self.jitter = jitter
        self.enforce = enforce
        self.slow_seconds = slow_seconds
        self.works: dict[str, dict[str, Any]] = {}
        self.datacite: dict[str, dict[str, Any]] = {}
        self.csl: dict[str, dict[str, Any]] = {}
        self.hits: list[Hit] = []
        self._script: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self.pools = {
            "single": _PoolState(single or PoolLimits(10, 1.0, 3, "polite-single")),
            "list": _PoolState(listing or PoolLimits(3, 1.0, 3, "polite-array")),
        }
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True,
                                   request_handler=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    # -- data ---------------------------------------------------------------------------
    def add_work(self, message: dict[str, Any]) -> str:
        """Serve a Crossref work ``message`` at ``/works/{DOI}``; returns the DOI."""
        doi = str(message["DOI"]).lower()
        self.works[doi] = message
        return doi

    def load_recorded(self) -> list[str]:
        """Serve every recorded ``cr-work-*.json`` and ``dc-doi-*.json``; returns the DOIs."""
        dois = []
        for path in sorted(DATA.glob("cr-work-*.json")):
            dois.append(self.add_work(json.loads(path.read_text("utf-8"))["message"]))
        for path in sorted(DATA.glob("dc-doi-*.json")):
            body = json.loads(path.read_text("utf-8"))
            self.datacite[body["data"]["id"].lower()] = body
        return dois

    def fail(self, fault: str, path_contains: str = "", times: int = 1) -> None:
        """Answer the next ``times`` requests whose path contains ``path_contains`` with a fault."""
        assert fault in FAULTS, fault
        with self._lock:
            self._script.extend([(path_contains, fault)] * times)

    # -- measurements -------------------------------------------------------------------
    def requests(self, pool: str | None = None) -> list[Hit]:
        """Requests received so far (optionally of one pool)."""
        with self._lock:
            return [h for h in self.hits if pool is None or h.pool == pool]

    def max_in_flight(self, pool: str) -> int:
        """The most requests of ``pool`` that were ever in flight at once."""
        return self.pools[pool].max_in_flight

    def violations(self) -> dict[str, int]:
        """Rate and concurrency violations seen per pool (0 for a polite client)."""
        return {f"{k}-{what}": getattr(s, f"{what}_violations")
                for k, s in self.pools.items() for what in ("rate", "concurrency")}

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> FakeCrossref:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- the WSGI app -----------------------------------------------------------------------
    def _next_fault(self, path: str) -> str | None:
        with self._lock:
            for i, (needle, fault) in enumerate(self._script):
                if needle in path:
                    del self._script[i]
                    return fault
        return None

    def _enter(self, pool: str, now: float) -> bool:
        """Count the arrival; False when it breaks the announced limits."""
        with self._lock:
            state = self.pools[pool]
            limits = state.limits
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
            ok = True
            if state.in_flight > limits.concurrency:
                state.concurrency_violations += 1
                ok = False
            # sliding window, less the scheduling jitter between client start and arrival
            while state.arrivals and now - state.arrivals[0] >= limits.interval - self.jitter:
                state.arrivals.popleft()
            state.arrivals.append(now)
            if len(state.arrivals) > limits.rate:
                state.rate_violations += 1
                ok = False
            return ok

    def _leave(self, pool: str) -> None:
        with self._lock:
            self.pools[pool].in_flight -= 1

    def _headers(self, pool: str) -> dict[str, str]:
        limits = self.pools[pool].limits
        return {"x-api-pool": limits.name, "x-rate-limit-limit": str(limits.rate),
                "x-rate-limit-interval": f"{limits.interval:g}s",
                "x-concurrency-limit": str(limits.concurrency)}

    def _app(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        path = unquote(environ.get("RAW_URI", request.path).split("?", 1)[0])
        pool = pool_of(path, request.args)
        hit = Hit(path, request.query_string.decode(), pool, time.monotonic(),
                  user_agent=request.headers.get("User-Agent", ""))
        with self._lock:
            self.hits.append(hit)
        polite = self._enter(pool, hit.start)
        try:
            if self.latency:
                time.sleep(self.latency)
            fault = self._next_fault(path)
            if fault is None and self.enforce and not polite:
                fault = "429"
            response = self._fault(fault) if fault else self._route(path, request)
            if fault not in ("429", "429-html"):  # Crossref's 429s came without limit headers
                for k, v in self._headers(pool).items():
                    response.headers.setdefault(k, v)
        finally:
            self._leave(pool)
        hit.end, hit.status = time.monotonic(), response.status_code
        return response(environ, start_response)

    def _fault(self, fault: str) -> Response:
        if fault == "429":
            return Response(b"", status=429)
        if fault == "429-retry-after":
            return Response(b"", status=429, headers={"Retry-After": "0"})
        if fault == "429-html":
            return Response(b"<html><body><h1>429 Too Many Requests</h1>You have sent too many "
                            b"requests in a given amount of time.</body></html>", status=429,
                            content_type="text/html")
        if fault in ("500", "503"):
            return Response(b"Internal error", status=int(fault), content_type="text/plain")
        if fault == "slow":
            time.sleep(self.slow_seconds)
            return Response(b'{"status":"ok"}', content_type="application/json")
        if fault == "truncated":
            return Response(b'{"status":"ok","message-type":"work","message":{"DOI":"10.',
                            content_type="application/json")
        if fault == "nested":  # valid JSON, 200 kB of [[[[...]]]] (a hostile or broken proxy)
            return Response(b"[" * NESTED_DEPTH + b"]" * NESTED_DEPTH,
                            content_type="application/json")
        if fault == "html":
            return Response(b"<html><body>Bad gateway</body></html>", status=200,
                            content_type="text/html")
        return Response(b"Resource not found.", status=404, content_type="text/plain")

    def _route(self, path: str, request: Request) -> Response:
        if path.startswith("/crossref/works"):
            rest = path[len("/crossref/works"):].strip("/")
            if not rest:
                return self._search(request)
            if rest.endswith("/agency"):
                doi = rest[: -len("/agency")].lower()
                agency = "crossref" if doi in self.works else (
                    "datacite" if doi in self.datacite else None)
                if agency is None:
                    return Response(b"Resource not found.", status=404, content_type="text/plain")
                return _json({"status": "ok", "message-type": "work-agency", "message": {
                    "DOI": doi, "agency": {"id": agency, "label": agency.title()}}})
            message = self.works.get(rest.lower())
            if message is None:
                return Response(b"Resource not found.", status=404, content_type="text/plain")
            return _json({"status": "ok", "message-type": "work", "message-version": "1.0.0",
                          "message": message})
        if path.startswith("/datacite/dois/"):
            body = self.datacite.get(path[len("/datacite/dois/"):].lower())
            if body is None:
                return _json({"errors": [{"status": "404", "title": "The resource you are "
                                          "looking for doesn't exist."}]}, status=404)
            return _json(body)
        if path.startswith("/doiorg/ra/"):
            doi = path[len("/doiorg/ra/"):].lower()
            ra = ("Crossref" if doi in self.works else "DataCite" if doi in self.datacite
                  else "mEDRA" if doi in self.csl else None)
            return _json([{"DOI": doi, "RA": ra}] if ra else [{"DOI": doi,
                                                                  "status": "DOI does not exist"}])
        if path.startswith("/doiorg/cn/"):  # where doi.org redirects (the agency's API)
            item = self.csl.get(path[len("/doiorg/cn/"):].lower())
            return _json(item) if item else Response(b"Resource not found.", status=404)
        if path.startswith("/doiorg/"):
            doi = path[len("/doiorg/"):].lower()
            if doi in self.csl:
                return Response(b"", status=302, headers={
                    "Location": f"{self.url}/doiorg/cn/{quote(doi, safe='')}"})
            return Response((DATA / "doiorg-404-10.1126_foo.html").read_bytes(), status=404,
                            content_type="text/html")
        return Response(b"Resource not found.", status=404, content_type="text/plain")

    def _search(self, request: Request) -> Response:
        query = request.args.get("query.bibliographic", "")
        rows = int(request.args.get("rows", "20"))
        wanted = _words(query)
        scored = []
        for message in self.works.values():
            text = " ".join([*(message.get("title") or []), *(message.get("container-title") or []),
                             *(a.get("family", "") for a in message.get("author") or [])])
            overlap = len(wanted & _words(text))
            if overlap:
                scored.append((overlap * 2.5, message))
        scored.sort(key=lambda p: -p[0])
        items = [{**m, "score": s} for s, m in scored[:rows]]
        return _json({"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                      "message": {"items-per-page": rows, "query": {"search-terms": None,
                                                                    "start-index": 0},
                                  "total-results": len(scored), "items": items}})


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body).replace("/", "\\/"), status=status,
                    content_type="application/json")


def crossref_message(doi: str, title: str, *, authors: list[tuple[str, str]] | None = None,
                     year: int | None = None, container: str | None = None,
                     kind: str = "journal-article", volume: str | None = None,
                     issue: str | None = None, page: str | None = None,
                     publisher: str | None = None,
                     updated_by: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A Crossref work ``message`` in the real shape (lists for titles, date-parts, ...)."""
    message: dict[str, Any] = {
        "DOI": doi, "type": kind, "title": [title], "prefix": doi.split("/", 1)[0],
        "author": [{"given": g, "family": f, "sequence": "additional", "affiliation": []}
                   for f, g in (authors or [])],
        "URL": f"https://doi.org/{doi}", "source": "Crossref",
    }
    if year:
        message["issued"] = {"date-parts": [[year]]}
        message["published-print"] = {"date-parts": [[year]]}
    if container:
        message["container-title"] = [container]
    for key, value in (("volume", volume), ("issue", issue), ("page", page),
                       ("publisher", publisher)):
        if value:
            message[key] = value
    if updated_by:
        message["updated-by"] = updated_by
    return message


def settings_for(fake: FakeCrossref, *, mailto: str | None = "tests@example.org",
                 timeout: float = 2.0, max_retries: int = 2, cache: str | None = None) -> Any:
    """refs Settings pointing every service at ``fake``."""
    from refs.config import NetSettings, Settings

    net = NetSettings(mailto=mailto, crossref_url=f"{fake.url}/crossref",
                      doi_url=f"{fake.url}/doiorg", datacite_url=f"{fake.url}/datacite",
                      timeout=timeout, max_retries=max_retries, cache=cache)
    return Settings(net=net)
