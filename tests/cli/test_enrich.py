"""``refs enrich`` end to end through the error boundary, against the loopback fake."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakes.cli import refs
from fakes.crossref import FakeCrossref

BIB = """% my library
@article{sadasivan2012,
  title = {Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia
           in the Basal Ganglia of Mice},
  doi = {10.1371/journal.pone.0033693},
  volume = {9},
}

@misc{untouched,
  title = {Nothing to find here at all},
  note = {kept byte for byte},
}
"""



@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeCrossref]:
    """The fake with recorded works; REFS_* URLs point at it; cwd is a temp project."""
    with FakeCrossref() as server:
        server.load_recorded()
        monkeypatch.setenv("REFS_CROSSREF_URL", f"{server.url}/crossref")
        monkeypatch.setenv("REFS_DOI_URL", f"{server.url}/doiorg")
        monkeypatch.setenv("REFS_DATACITE_URL", f"{server.url}/datacite")
        monkeypatch.setenv("REFS_MAILTO", "cli@example.org")
        monkeypatch.chdir(tmp_path)
        yield server


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    """A small library: one entry with a DOI and a volume conflict, one untouched."""
    path = tmp_path / "library.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_dry_run_shows_a_diff_and_writes_nothing(runner: CliRunner, fake: FakeCrossref,
                                                 bib: Path) -> None:
    """The default previews a unified diff, reports the conflict, exits 1, leaves the file."""
    result = refs(runner, "enrich", str(bib))
    assert result.code == 1, result.stderr
    assert "+++ " in result.stdout and "Sadasivan" in result.stdout
    assert "conflict in volume: here '9', at Crossref '7'" in result.stdout
    assert "correction" in result.stdout
    assert bib.read_text(encoding="utf-8") == BIB


def test_apply_writes_atomically_and_keeps_untouched_entries(runner: CliRunner,
                                                             fake: FakeCrossref,
                                                             bib: Path) -> None:
    """--apply fills the gaps; the untouched entry and the comment survive byte for byte."""
    result = refs(runner, "enrich", "--apply", str(bib))
    assert result.code == 1
    text = bib.read_text(encoding="utf-8")
    assert "Sadasivan" in text and "volume = {9}" in text
    assert "% my library" in text
    assert BIB[BIB.index("@misc"):] in text
    assert not list(bib.parent.glob("*.tmp"))


def test_second_run_makes_no_requests(runner: CliRunner, fake: FakeCrossref,
                                      bib: Path) -> None:
    """Everything is cached: a second run sends nothing to the server."""
    refs(runner, "enrich", str(bib))
    sent = len(fake.requests())
    result = refs(runner, "enrich", str(bib))
    assert len(fake.requests()) == sent
    assert "0 requests" in result.stdout


def test_json_report(runner: CliRunner, fake: FakeCrossref, bib: Path) -> None:
    """--format json gives per-entry results, conflicts and counts."""
    result = refs(runner, "enrich", "--format", "json", str(bib))
    data = json.loads(result.stdout)
    entry = data["files"][0]["entries"][0]
    assert entry["key"] == "sadasivan2012" and entry["status"] == "updated"
    assert entry["conflicts"][0]["field"] == "volume"
    assert data["files"][0]["changed"] is True


def test_offline_miss_is_reported_per_entry(runner: CliRunner, fake: FakeCrossref,
                                            bib: Path) -> None:
    """--offline with an empty cache: a clear line per entry it could not answer, exit 1."""
    result = refs(runner, "enrich", "--offline", str(bib))
    assert result.code == 1
    assert "sadasivan2012: offline: offline, and not in the cache" in result.stdout
    assert fake.requests() == []


def test_failure_writes_nothing(runner: CliRunner, fake: FakeCrossref, bib: Path) -> None:
    """A service that keeps failing: a per-entry message, and --apply leaves the file alone."""
    (bib.parent / "refs.toml").write_text("[net]\nmax-retries = 1\n", encoding="utf-8")
    fake.fail("503", "/works/", times=50)
    result = refs(runner, "enrich", "--apply", str(bib))
    assert "failed: Crossref work 10.1371/journal.pone.0033693: service error (HTTP 503)" \
        in result.stdout
    assert bib.read_text(encoding="utf-8") == BIB
    assert "Traceback" not in result.stderr


def test_deeply_nested_answer_is_a_per_entry_failure(runner: CliRunner, fake: FakeCrossref,
                                                     bib: Path) -> None:
    """A 200 body of 100k nested arrays is that entry's failure, not an internal error."""
    (bib.parent / "refs.toml").write_text("[net]\nmax-retries = 0\n", encoding="utf-8")
    fake.fail("nested", "/works/", times=5)
    result = refs(runner, "enrich", "--apply", str(bib))
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "failed: Crossref work 10.1371/journal.pone.0033693:" in result.stdout
    assert "nested too deeply" in result.stdout
    assert bib.read_text(encoding="utf-8") == BIB


def test_missing_file_exits_2(runner: CliRunner, fake: FakeCrossref, tmp_path: Path) -> None:
    """A file that does not exist is 'could not run': exit 2 and a message, no requests."""
    result = refs(runner, "enrich", str(tmp_path / "nope.bib"))
    assert result.code == 2 and "error:" in result.stderr
    assert fake.requests() == []


def test_overwrite_option(runner: CliRunner, fake: FakeCrossref, bib: Path) -> None:
    """--overwrite volume lets Crossref's volume replace the user's."""
    refs(runner, "enrich", "--apply", "--overwrite", "volume", str(bib))
    assert "volume = {7}" in bib.read_text(encoding="utf-8")


def test_cache_option_and_quiet(runner: CliRunner, fake: FakeCrossref, bib: Path,
                                tmp_path: Path) -> None:
    """--cache chooses the file (refs cache info sees it); --quiet drops the summary line."""
    db = tmp_path / "chosen.sqlite"
    result = refs(runner, "enrich", "--quiet", "--cache", str(db), str(bib))
    assert db.is_file()
    assert "entries:" not in result.stdout and "conflict in volume" in result.stdout
    info = refs(runner, "cache", "info", "--cache", str(db))
    assert "entries: 2" in info.stdout


def test_only_doi_missing(runner: CliRunner, fake: FakeCrossref, bib: Path) -> None:
    """--only doi-missing searches for entries without a DOI and leaves DOI entries alone."""
    result = refs(runner, "enrich", "--only", "DOI-missing", str(bib))
    assert result.code == 0
    assert all("/works/" not in h.path or "10.1371" not in h.path for h in fake.requests())
    assert "1 skipped" in result.stdout


def test_stopping_on_errors_writes_nothing(runner: CliRunner, fake: FakeCrossref,
                                           tmp_path: Path) -> None:
    """When most requests fail refs stops (exit 2, a clear message) and --apply writes nothing."""
    (tmp_path / "refs.toml").write_text("[net]\nmax-retries = 0\n", encoding="utf-8")
    entries = [f"@article{{e{i},\n  title = {{T {i}}},\n  doi = {{10.5555/e{i}}},\n}}\n"
               for i in range(30)]
    entries.append("@article{ok,\n  doi = {10.1038/srep16696},\n}\n")
    path = tmp_path / "many.bib"
    path.write_text("\n".join(entries), encoding="utf-8")
    before = path.read_bytes()
    fake.fail("500", "/works/10.5555", times=100)
    result = refs(runner, "enrich", "--apply", str(path))
    assert result.code == 2
    assert "error: stopped:" in result.stderr and "requests failed" in result.stderr
    assert path.read_bytes() == before


def test_progress_bar_only_on_a_terminal(runner: CliRunner, fake: FakeCrossref, bib: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal gets a progress bar on stderr; --quiet or a pipe gets none."""
    import refs.cli.enrich as command

    assert "enrich" not in refs(runner, "enrich", str(bib)).stderr
    monkeypatch.setattr(command, "_interactive", lambda: True)
    assert f"enrich {bib}" in refs(runner, "enrich", str(bib)).stderr
    assert refs(runner, "enrich", "--quiet", str(bib)).stderr == ""


RIS_WITH_JUNK = (
    "TY  - JOUR\n"
    "TI  - Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia"
    " in the Basal Ganglia of Mice\n"
    "DO  - 10.1371/journal.pone.0033693\n"
    "ER  - \n"
    "\n"
    "this line is not RIS\n"
)


def test_apply_leaves_a_file_it_did_not_change_alone(runner: CliRunner, fake: FakeCrossref,
                                                     tmp_path: Path) -> None:
    """Nothing filled: --apply must not rewrite a RIS file (which dropped its unread lines)."""
    path = tmp_path / "refs.ris"
    text = "TY  - GEN\nID  - anon\nPY  - notayear\nER  - \n\ngarbage line\n"
    path.write_text(text, encoding="utf-8")
    result = refs(runner, "enrich", "--offline", "--apply", str(path))
    assert result.code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == text
    assert "wrote" not in result.stdout


def test_apply_refuses_to_drop_lines_it_could_not_read(runner: CliRunner, fake: FakeCrossref,
                                                       tmp_path: Path) -> None:
    """A RIS rewrite keeps only the records it read: with unread lines, exit 2, write nothing."""
    path = tmp_path / "refs.ris"
    path.write_text(RIS_WITH_JUNK, encoding="utf-8")
    result = refs(runner, "enrich", "--apply", str(path))
    assert result.code == 2
    assert f"error: {path}:6: " in result.stderr and "hint: " in result.stderr
    assert path.read_text(encoding="utf-8") == RIS_WITH_JUNK


def test_apply_refuses_a_file_that_is_not_utf8(runner: CliRunner, fake: FakeCrossref,
                                             tmp_path: Path) -> None:
    """A Latin-1 .bib would be rewritten as UTF-8 with its untouched entries re-encoded:
    --apply refuses (exit 2, file, line, hint) and writes nothing; the preview still works."""
    path = tmp_path / "library.bib"
    text = BIB.replace("kept byte for byte", "gard\xe9 tel quel")
    path.write_bytes(text.encode("latin-1"))
    line = text.splitlines().index("  note = {gard\xe9 tel quel},") + 1
    result = refs(runner, "enrich", "--apply", str(path))
    assert result.code == 2, result.stderr
    assert f"error: {path}:{line}: this file is not valid UTF-8" in result.stderr
    assert "hint: re-save" in result.stderr
    assert path.read_bytes() == text.encode("latin-1")
    assert refs(runner, "enrich", str(path)).code == 1


def test_load_problems_are_reported_on_stderr(runner: CliRunner, fake: FakeCrossref,
                                              tmp_path: Path) -> None:
    """A block that does not parse is named (file:line: E101) like refs export does,
    before any request; the exit code keeps its meaning."""
    path = tmp_path / "library.bib"
    text = BIB + "\n@article{broken\n  title = {x},\n}\n"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("@article{broken") + 1
    result = refs(runner, "enrich", str(path))
    assert result.code == 1, result.stderr
    assert f"{path}:{line}: E101 " in result.stderr
