"""make_client: User-Agent, polite or public pacing, and where the cache lives."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.config import NetSettings, Settings, load_settings
from refs.net.client import cache_path, default_cache_path, make_client, user_agent
from refs.net.limits import Limits


def test_user_agent_with_and_without_mailto() -> None:
    """The UA names refs, its version, the project URL and (if given) the contact address."""
    assert user_agent("me@example.org").endswith("; mailto:me@example.org)")
    assert "mailto" not in user_agent(None)
    assert user_agent(None).startswith("refs/")


def test_mailto_from_environment_reaches_the_client(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    """REFS_MAILTO puts the address in the User-Agent and selects the polite defaults."""
    monkeypatch.setenv("REFS_MAILTO", "env@example.org")
    settings = load_settings(start=tmp_path)
    with make_client(settings) as http:
        assert "mailto:env@example.org" in http.client.headers["user-agent"]
        assert http.limiter.pool("h", "single").limits == Limits(10, 1.0, 3)


def test_without_mailto_the_public_limits_apply(tmp_path: Path) -> None:
    """No contact address: 5 req/s and one request in flight until told otherwise."""
    with make_client(Settings(), cache=tmp_path / "c.sqlite") as http:
        assert http.limiter.pool("h", "list").limits == Limits(5, 1.0, 1)


def test_cache_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--cache beats settings/REFS_CACHE, which beat the platform cache directory."""
    monkeypatch.delenv("REFS_CACHE")
    assert cache_path(Settings()) == default_cache_path()
    assert cache_path(Settings(net=NetSettings(cache="/tmp/a.sqlite"))) == Path("/tmp/a.sqlite")
    assert cache_path(Settings(net=NetSettings(cache="/tmp/a.sqlite")), "b.sqlite") == Path(
        "b.sqlite")
    monkeypatch.setenv("REFS_CACHE", str(tmp_path / "env.sqlite"))
    assert cache_path(load_settings(start=tmp_path)) == tmp_path / "env.sqlite"


def test_datacite_and_doiorg_get_their_documented_limits(tmp_path: Path) -> None:
    """Hosts that announce nothing start from DataCite's 1000 per 5 minutes (500 anonymous)."""
    with make_client(Settings(net=NetSettings(mailto="m@example.org")),
                     cache=tmp_path / "c.sqlite") as http:
        assert http.limiter.pool("api.datacite.org", "single").limits == Limits(1000, 300.0, 3)
        assert http.limiter.pool("doi.org", "single").limits.rate == 1000
        assert http.limiter.pool("api.crossref.org", "single").limits == Limits(10, 1.0, 3)
    with make_client(Settings(), cache=tmp_path / "c.sqlite") as http:
        assert http.limiter.pool("api.datacite.org", "list").limits == Limits(500, 300.0, 1)
