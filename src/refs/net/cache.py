"""An on-disk HTTP response cache (stdlib ``sqlite3``), used as an httpx transport.

Why hand-written (STYLE.md): refs wants "offline answers from the cache alone", which
RFC 9111 caches refuse for stale entries, and hishel's API has churned. Why a transport:
a hit then never reaches the limiter or the network, and every source client gets
caching without knowing about it.

* Key: method + URL + the ``Accept`` header (doi.org content negotiation answers the
  same URL differently per ``Accept``). Query parameters are part of the URL.
* Stored: status, headers, body, fetch time. Cached statuses: 200 and 404/410, so a
  missing DOI is not asked again; never 429/5xx (they say nothing about the record).
* TTL: entries older than ``ttl`` seconds are refetched online; offline they are still
  served (an old answer beats none when you asked for no network).
* Offline: a miss raises :class:`~refs.errors.Unavailable` saying so.
* Thread-safe: one connection guarded by a lock (the enrich thread pool shares it);
  WAL mode so ``refs check`` in another process can read while enrich writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from refs.errors import ConfigError, Unavailable

__all__ = ["CACHEABLE", "CacheInfo", "CacheTransport", "CachedResponse", "ResponseCache",
           "cache_key"]

#: statuses worth remembering: a record, the service's word that it does not exist, or
#: a redirect (doi.org content negotiation answers 302 to the agency's API: without it a
#: second run would still ask doi.org)
CACHEABLE = frozenset({200, 301, 302, 303, 307, 308, 404, 410})
#: response header refs adds to answers served from the cache
HIT_HEADER = "x-refs-cache"

#: the first bytes of every SQLite 3 database file
_SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    fetched_at REAL NOT NULL
)
"""


def cache_key(method: str, url: str, accept: str | None = None) -> str:
    """The cache key of a request: a hash of method, full URL and Accept header."""
    basis = "\n".join([method.upper(), url, accept or ""])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedResponse:
    """One stored response."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: float


@dataclass(frozen=True)
class CacheInfo:
    """What ``refs cache info`` shows."""

    path: str
    entries: int
    size_bytes: int
    oldest: float | None
    newest: float | None
    not_found: int


def _initialise(conn: sqlite3.Connection) -> None:
    """WAL journal (readers do not block the writer) and the responses table."""
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(_SCHEMA)
    conn.commit()


class ResponseCache:
    """The SQLite store itself; usable without httpx (``refs check`` reads it directly)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            # a file this process did not just make must prove it is a refs cache
            existed = self.path.exists() or not self._create()
            if existed:
                self._require_sqlite()
            try:
                conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30.0)
                if existed:
                    tables = {row[0] for row in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table'")}
                    if tables and "responses" not in tables:
                        conn.close()
                        raise self._not_a_cache(
                            "the file is an SQLite database of another program")
                _initialise(conn)  # idempotent; makes the table where there is none yet
            except (OSError, sqlite3.Error) as exc:
                raise ConfigError(f"cannot use the response cache: {exc}", path=str(self.path),
                                  hint="if it is a refs cache, delete it (refs makes a new "
                                  "one); otherwise choose another file with --cache, "
                                  "REFS_CACHE or [tool.refs.net] cache") from exc
            self._conn = conn
        return self._conn

    def _create(self) -> bool:
        """Make a new, complete cache at ``self.path``; False if another process made one
        first.

        Why not let SQLite create it: ``sqlite3.connect`` leaves an empty file until its
        first commit, and a second refs process starting in that moment (parallel CI
        jobs, two ``refs enrich`` at once) would find an empty file it must refuse (see
        :meth:`_require_sqlite`). So the database is built under a temporary name beside
        the target and hard-linked into place, which fails if the name exists: the path
        is never seen half made. Where hard links are not supported, SQLite creates it
        in place as before.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".new",
                                            dir=self.path.parent)
        except OSError as exc:
            raise ConfigError(f"cannot create the response cache: {exc.strerror}",
                              path=str(self.path),
                              hint="choose a writable place with --cache, REFS_CACHE or "
                                   "[tool.refs.net] cache") from exc
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()  # SQLite must create the file itself (mkstemp only reserved a name)
            conn = sqlite3.connect(str(tmp))
            _initialise(conn)
            conn.close()
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                return False
            except OSError:  # no hard links here (some network or FAT file systems)
                return True
            return True
        except sqlite3.Error as exc:
            raise ConfigError(f"cannot create the response cache: {exc}", path=str(self.path),
                              hint="choose another file with --cache, REFS_CACHE or "
                                   "[tool.refs.net] cache") from exc
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-wal"),
                             tmp.with_name(tmp.name + "-shm")):
                leftover.unlink(missing_ok=True)

    def _require_sqlite(self) -> None:
        """ConfigError for an existing file that is not an SQLite database.

        SQLite happily turns an empty file into a database and refs would then add its
        table, so ``--cache library.bib`` (or an empty ``notes.txt``) must be refused
        before connecting: a response cache is only ever opened over a cache.
        """
        try:
            with self.path.open("rb") as handle:
                header = handle.read(len(_SQLITE_HEADER))
        except IsADirectoryError:
            raise self._not_a_cache("it is a directory") from None
        except OSError as exc:
            raise ConfigError(f"cannot use the response cache: {exc.strerror}",
                              path=str(self.path),
                              hint="check the file's permissions, or choose another file "
                              "with --cache, REFS_CACHE or [tool.refs.net] cache") from exc
        if header != _SQLITE_HEADER:
            raise self._not_a_cache(
                "the file is empty" if not header else "the file is not an SQLite database")

    def _not_a_cache(self, what: str) -> ConfigError:
        return ConfigError(
            f"cannot use the response cache: {what}; refs opens only its own cache files "
            "and will not turn this one into a cache",
            path=str(self.path),
            hint="point --cache, REFS_CACHE or [tool.refs.net] cache at a new file name "
                 "(refs creates it) or an existing refs cache",
        )

    def get(self, method: str, url: str, accept: str | None = None) -> CachedResponse | None:
        """The stored response for a request, or None."""
        if not self.path.exists() and self._conn is None:
            return None
        with self._lock:
            row = self._connect().execute(
                "SELECT url, status, headers, body, fetched_at FROM responses WHERE key = ?",
                (cache_key(method, url, accept),),
            ).fetchone()
        if row is None:
            return None
        headers = [(str(k), str(v)) for k, v in json.loads(row[2])]
        return CachedResponse(row[0], int(row[1]), headers, bytes(row[3]), float(row[4]))

    def put(self, method: str, url: str, accept: str | None, status: int,
            headers: list[tuple[str, str]], body: bytes, fetched_at: float | None = None) -> None:
        """Store (or replace) one response."""
        with self._lock:
            conn = self._connect()
            conn.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                (cache_key(method, url, accept), method.upper(), url, status,
                 json.dumps(headers), body, time.time() if fetched_at is None else fetched_at),
            )
            conn.commit()

    def info(self) -> CacheInfo:
        """Entry count, size on disk and fetch-time range."""
        if not self.path.exists():
            return CacheInfo(str(self.path), 0, 0, None, None, 0)
        with self._lock:
            n, oldest, newest, missing = self._connect().execute(
                "SELECT COUNT(*), MIN(fetched_at), MAX(fetched_at), "
                "SUM(CASE WHEN status IN (404, 410) THEN 1 ELSE 0 END) FROM responses"
            ).fetchone()
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*")
                   if p.is_file())
        return CacheInfo(str(self.path), int(n), size, oldest, newest, int(missing or 0))

    def clear(self, *, older_than: float | None = None) -> int:
        """Delete every entry (or those fetched more than ``older_than`` seconds ago)."""
        if not self.path.exists():
            return 0
        with self._lock:
            conn = self._connect()
            if older_than is None:
                cur = conn.execute("DELETE FROM responses")
            else:
                cur = conn.execute("DELETE FROM responses WHERE fetched_at < ?",
                                   (time.time() - older_than,))
            conn.commit()
            conn.execute("VACUUM")
            return int(cur.rowcount)

    def close(self) -> None:
        """Close the connection (the cache reopens it on the next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _complete(response: httpx.Response, body: bytes, accept: str | None) -> bool:
    """False for a JSON answer that does not parse (cut off mid-transfer, or nested past the
    recursion limit: no service sends that as a record), or an HTML page nobody asked for
    (proxies and gateways answer errors with HTML and status 200)."""
    kind = response.headers.get("content-type", "")
    if kind.startswith("text/html") and "html" not in (accept or ""):
        return False
    if "json" not in kind:
        return True
    try:
        json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return False
    return True


class CacheTransport(httpx.BaseTransport):
    """Answers GETs from :class:`ResponseCache`; otherwise asks ``inner`` and stores the answer."""

    def __init__(self, inner: httpx.BaseTransport, cache: ResponseCache, *,
                 ttl: float | None = 30 * 86400.0, offline: bool = False) -> None:
        self._inner = inner
        self.cache = cache
        self.ttl = ttl
        self.offline = offline
        self._lock = threading.Lock()
        #: hits and network requests of this transport, for reports and tests
        self.hits = 0
        self.misses = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        method = request.method
        accept = request.headers.get("accept")
        if accept == "*/*":  # httpx's default: the same as not asking for a type
            accept = None
        if method in ("GET", "HEAD"):
            stored = self.cache.get("GET", url, accept)
            fresh = stored is not None and (
                self.ttl is None or time.time() - stored.fetched_at <= self.ttl)
            if stored is not None and (fresh or self.offline):
                with self._lock:
                    self.hits += 1
                headers = [*stored.headers, (HIT_HEADER, "hit")]
                return httpx.Response(stored.status, headers=headers, content=stored.body,
                                      request=request)
        if self.offline:
            raise Unavailable(f"offline, and not in the cache: {url}", url=url,
                              hint="run once without --offline to fetch it")
        with self._lock:
            self.misses += 1
        response = self._inner.handle_request(request)
        if method == "GET" and response.status_code in CACHEABLE:
            body = response.read()
            if response.status_code == 200 and not _complete(response, body, accept):
                return response  # a truncated answer must not be served forever
            headers = [(k, v) for k, v in response.headers.multi_items()
                       if k.lower() not in ("content-encoding", "content-length",
                                            "transfer-encoding", "connection")]
            self.cache.put("GET", url, accept, response.status_code, headers, body)
        return response

    def close(self) -> None:
        self._inner.close()
        self.cache.close()
