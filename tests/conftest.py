"""Shared fixtures: a clean environment for every test and a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No REFS_* variable leaks in from the developer's shell; caches go to tmp_path."""
    import os

    for var in list(os.environ):
        if var.startswith("REFS_"):
            monkeypatch.delenv(var)
    monkeypatch.setenv("REFS_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    yield


@pytest.fixture
def runner() -> CliRunner:
    """A Click runner that keeps stderr apart (click >= 8.2 always does)."""
    return CliRunner()


@pytest.fixture
def data_dir() -> Path:
    """tests/data: small inputs and seed excerpts copied from shared/seeds."""
    return DATA
