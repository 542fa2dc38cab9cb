"""The SQLite response cache as a transport: hits, 404s, TTL, offline, thread safety."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fakes.crossref import FakeCrossref, crossref_message, settings_for
from refs.errors import NotFound, Unavailable
from refs.net.cache import ResponseCache
from refs.net.client import Http, make_client
from refs.sources._http import get_json

DOI = "10.5555/cache.1"


@pytest.fixture
def fake() -> Iterator[FakeCrossref]:
    """A fake with one work."""
    with FakeCrossref() as server:
        server.add_work(crossref_message(DOI, "Cached work", year=2001))
        yield server


def _http(fake: FakeCrossref, path: Path, **kw: object) -> Http:
    return make_client(settings_for(fake), cache=path, backoff=0.01, **kw)  # type: ignore[arg-type]


def _get(http: Http, fake: FakeCrossref, doi: str = DOI, accept: str | None = None) -> object:
    headers = {"Accept": accept} if accept else None
    return get_json(http.client, f"{fake.url}/crossref/works/{doi}", what="work", headers=headers)


def test_second_run_makes_zero_requests(fake: FakeCrossref, tmp_path: Path) -> None:
    """A fresh client on the same cache file answers without touching the server."""
    db = tmp_path / "c.sqlite"
    with _http(fake, db) as http:
        first = _get(http, fake)
    sent = len(fake.requests())
    with _http(fake, db) as http:
        assert _get(http, fake) == first
        assert http.cache.hits == 1 and http.requests_sent == 0
    assert len(fake.requests()) == sent == 1


def test_not_found_is_cached(fake: FakeCrossref, tmp_path: Path) -> None:
    """A 404 is remembered, so a missing DOI is not asked again."""
    with _http(fake, tmp_path / "c.sqlite") as http:
        for _ in range(2):
            with pytest.raises(NotFound):
                _get(http, fake, "10.5555/missing")
    assert len(fake.requests()) == 1


@pytest.mark.parametrize("fault", ["503", "truncated", "html", "nested"])
def test_failures_and_broken_bodies_are_not_cached(fake: FakeCrossref, tmp_path: Path,
                                                   fault: str) -> None:
    """5xx, truncated JSON, JSON nested past the recursion limit and HTML pages are never
    stored (they would be served forever)."""
    fake.fail(fault, "/works/", times=1)
    with _http(fake, tmp_path / "c.sqlite", offline=False) as http:
        http.retry.max_retries = 0
        with pytest.raises(Unavailable):
            _get(http, fake)
        assert _get(http, fake)["message"]["DOI"] == DOI  # type: ignore[index]


def test_offline_miss_says_it_is_offline(fake: FakeCrossref, tmp_path: Path) -> None:
    """Offline, a request that is not cached raises Unavailable naming offline mode."""
    with _http(fake, tmp_path / "c.sqlite", offline=True) as http, \
            pytest.raises(Unavailable, match="offline") as info:
        _get(http, fake)
    assert info.value.hint and "--offline" in info.value.hint
    assert fake.requests() == []


def test_ttl_refetches_online_but_offline_serves_stale(fake: FakeCrossref,
                                                      tmp_path: Path) -> None:
    """Expired entries are refetched online; offline they are still an answer."""
    db = tmp_path / "c.sqlite"
    store = ResponseCache(db)
    with _http(fake, db) as http:
        _get(http, fake)
    # age the entry by rewriting its fetch time
    entry = store.get("GET", f"{fake.url}/crossref/works/{DOI}")
    assert entry is not None
    store.put("GET", entry.url, None, entry.status, entry.headers, entry.body,
              fetched_at=time.time() - 10 * 86400)
    store.close()
    with _http(fake, db, offline=True) as http:
        http.cache.ttl = 86400.0
        _get(http, fake)
    assert len(fake.requests()) == 1
    with _http(fake, db) as http:
        http.cache.ttl = 86400.0
        _get(http, fake)
    assert len(fake.requests()) == 2


def test_accept_header_is_part_of_the_key(fake: FakeCrossref, tmp_path: Path) -> None:
    """The same URL asked with another Accept header is a different cache entry."""
    with _http(fake, tmp_path / "c.sqlite") as http:
        _get(http, fake)
        _get(http, fake, accept="application/json")
        _get(http, fake, accept="application/json")
    assert len(fake.requests()) == 2


def test_info_and_clear(fake: FakeCrossref, tmp_path: Path) -> None:
    """info() counts entries and 404s; clear() empties the store."""
    db = tmp_path / "c.sqlite"
    with _http(fake, db) as http:
        _get(http, fake)
        with pytest.raises(NotFound):
            _get(http, fake, "10.5555/none")
    store = ResponseCache(db)
    info = store.info()
    assert (info.entries, info.not_found) == (2, 1)
    assert info.size_bytes > 0 and info.oldest is not None
    assert store.clear() == 2
    assert store.info().entries == 0
    assert ResponseCache(tmp_path / "absent.sqlite").info().entries == 0


def test_concurrent_use_from_threads(tmp_path: Path) -> None:
    """Many threads reading and writing one cache lose nothing and raise nothing."""
    store = ResponseCache(tmp_path / "c.sqlite")

    def work(i: int) -> bytes:
        store.put("GET", f"https://x/{i}", None, 200, [("a", "b")], f"{i}".encode())
        got = store.get("GET", f"https://x/{i}")
        assert got is not None
        return got.body

    with ThreadPoolExecutor(8) as ex:
        bodies = list(ex.map(work, range(200)))
    assert bodies == [f"{i}".encode() for i in range(200)]
    assert store.info().entries == 200


def test_a_broken_cache_file_is_a_clear_error(tmp_path: Path) -> None:
    """A file that is not SQLite gives ConfigError with the path and what to do."""
    from refs.errors import ConfigError

    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database, just some text" * 100)
    with pytest.raises(ConfigError, match="cannot use the response cache") as info:
        ResponseCache(junk).info()
    assert info.value.path == str(junk) and info.value.hint


@pytest.mark.parametrize("content", [b"", b"@misc{a, title = {x}}\n"])
def test_a_file_that_is_not_a_cache_is_never_turned_into_one(tmp_path: Path,
                                                             content: bytes) -> None:
    """SQLite makes a database of an empty file: an existing non-cache file is refused
    with ConfigError (path, hint) and left exactly as it was, for reads and writes alike."""
    from refs.errors import ConfigError

    other = tmp_path / "library.bib"
    other.write_bytes(content)
    for use in (lambda c: c.info(), lambda c: c.clear(),
                lambda c: c.get("GET", "https://x/1"),
                lambda c: c.put("GET", "https://x/1", None, 200, [], b"{}")):
        with pytest.raises(ConfigError, match="not turn this one into a cache") as info:
            use(ResponseCache(other))
        assert info.value.path == str(other) and "--cache" in (info.value.hint or "")
        assert other.read_bytes() == content


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    """An SQLite file with tables but no `responses` (Zotero's, say) gets no refs table."""
    import sqlite3

    from refs.errors import ConfigError

    db = tmp_path / "zotero.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE items (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(ConfigError, match="another program"):
        ResponseCache(db).info()
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    assert tables == ["items"]


def _open_and_store(path: str) -> str:
    """One process's first use of a cache file (top-level: run in a worker process)."""
    try:
        ResponseCache(path).put("GET", "https://api.crossref.org/works/x", None, 200, [], b"{}")
    except Exception as exc:  # reported, so the test shows which error it was
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_creating_one_new_cache_at_once_all_succeed(tmp_path: Path) -> None:
    """Parallel jobs starting on a cache that does not exist yet: none is refused.

    SQLite leaves an empty file until its first commit, which a second process used to
    find and refuse as 'not a cache' (most rounds of this test failed before the cache
    was built under a temporary name and linked into place)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4) as pool:
        for round_ in range(8):
            path = str(tmp_path / f"r{round_}" / "cache.sqlite")
            assert list(pool.map(_open_and_store, [path] * 4)) == ["ok"] * 4
            assert ResponseCache(path).get("GET", "https://api.crossref.org/works/x")
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".new", ".new-wal"))]
