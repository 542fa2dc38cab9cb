"""``refs cache info|clear``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from refs.cli.main import cli
from refs.net.cache import ResponseCache


def test_info_and_clear(runner: CliRunner, tmp_path: Path) -> None:
    """info shows the file and entry count; clear empties it."""
    db = tmp_path / "c.sqlite"
    store = ResponseCache(db)
    store.put("GET", "https://x/1", None, 200, [], b"{}")
    store.put("GET", "https://x/2", None, 404, [], b"Resource not found.")
    store.close()
    result = runner.invoke(cli, ["cache", "info", "--cache", str(db)])
    assert result.exit_code == 0
    assert str(db) in result.output and "entries: 2 (1 not-found answers)" in result.output
    data = json.loads(runner.invoke(cli, ["cache", "info", "--cache", str(db), "--format",
                                          "json"]).output)
    assert data["entries"] == 2
    result = runner.invoke(cli, ["cache", "clear", "--cache", str(db)])
    assert "deleted 2" in result.output
    assert ResponseCache(db).info().entries == 0


def test_default_location_comes_from_refs_cache(runner: CliRunner, tmp_path: Path) -> None:
    """Without --cache, REFS_CACHE (set by the test environment) is used."""
    result = runner.invoke(cli, ["cache", "info"])
    assert str(tmp_path / "cache.sqlite") in result.output


def test_clear_older_than_keeps_recent_answers(runner: CliRunner, tmp_path: Path) -> None:
    """--older-than DAYS deletes only old answers."""
    db = tmp_path / "c.sqlite"
    store = ResponseCache(db)
    store.put("GET", "https://x/old", None, 200, [], b"{}", fetched_at=0.0)
    store.put("GET", "https://x/new", None, 200, [], b"{}")
    store.close()
    result = runner.invoke(cli, ["cache", "clear", "--older-than", "1", "--cache", str(db)])
    assert "deleted 1" in result.output
    assert ResponseCache(db).get("GET", "https://x/new") is not None


def test_clear_refuses_a_file_that_is_not_a_cache(runner: CliRunner, tmp_path: Path) -> None:
    """`refs cache clear --cache empty.bib` made the .bib an SQLite database: now exit 2,
    the path and a hint, and the file is left as it was."""
    from fakes.cli import refs

    for name, content in (("empty.bib", b""), ("library.bib", b"@misc{a, title = {x}}\n")):
        path = tmp_path / name
        path.write_bytes(content)
        for command in ("clear", "info"):
            run = refs(runner, "cache", command, "--cache", str(path))
            assert run.code == 2, run.stderr
            assert f"error: {path}: cannot use the response cache" in run.stderr
            assert "hint: point --cache" in run.stderr
            assert path.read_bytes() == content
