"""``refs fmt``: writes in place, or checks, diffs and prints without writing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs.cli.main import main

MESSY = "@ARTICLE{b2, TITLE=\"B\", author={X}}\n\n\n@misc{a1,title={A}}"
CANONICAL = ("@article{b2,\n  author = {X},\n  title = {B},\n}\n\n"
             "@misc{a1,\n  title = {A},\n}\n")


@dataclass
class Run:
    """What one CLI run printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


class Refs:
    """Runs ``refs ARGS`` through main(), the real error boundary and exit codes."""

    def __init__(self, runner: Refs) -> None:
        self.runner = runner

    def run(self, args: list[str], input: str | None = None) -> Run:
        with self.runner.isolation(input=input) as (out, err, _):
            try:
                main(args)
                code = 0
            except SystemExit as exc:
                code = int(exc.code or 0)
            return Run(code, out.getvalue().decode(), err.getvalue().decode())



@pytest.fixture
def runner() -> Refs:
    """The CLI, run the way a user runs it."""
    return Refs(CliRunner())


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A small non-canonical .bib file in a temporary directory."""
    path = tmp_path / "lib.bib"
    path.write_text(MESSY, encoding="utf-8")
    return path


def test_writes_in_place(runner: Refs, messy: Path) -> None:
    """Without flags the file is rewritten canonically and the change is reported."""
    result = runner.run(["fmt", str(messy)])
    assert result.exit_code == 0, result.stderr
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert "1 file reformatted" in result.stderr


def test_second_run_changes_nothing(runner: Refs, messy: Path) -> None:
    """A formatted file passes --check."""
    runner.run(["fmt", str(messy)])
    result = runner.run(["fmt", "--check", str(messy)])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_check_lists_files_and_exits_1(runner: Refs, messy: Path) -> None:
    """--check writes nothing, names the file and exits 1."""
    result = runner.run(["fmt", "--check", str(messy)])
    assert result.exit_code == 1
    assert f"would reformat {messy}" in result.stdout
    assert messy.read_text(encoding="utf-8") == MESSY


def test_diff_prints_and_writes_nothing(runner: Refs, messy: Path) -> None:
    """--diff prints a unified diff of the change and leaves the file alone."""
    result = runner.run(["fmt", "--diff", str(messy)])
    assert result.exit_code == 1
    assert result.stdout.startswith("---")
    assert "+  title = {B}," in result.stdout
    assert messy.read_text(encoding="utf-8") == MESSY


def test_diff_headers_of_an_absolute_path(runner: Refs, messy: Path) -> None:
    """An absolute path gives git's ``a/<path>`` headers, without a doubled slash."""
    result = runner.run(["fmt", "--diff", str(messy.resolve())])
    name = str(messy.resolve()).lstrip("/")
    assert result.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n")
    assert "a//" not in result.stdout


def test_stdout_prints_formatted_text(runner: Refs, messy: Path) -> None:
    """--stdout prints the result and writes nothing."""
    result = runner.run(["fmt", "--stdout", str(messy)])
    assert result.exit_code == 0
    assert result.stdout == CANONICAL
    assert messy.read_text(encoding="utf-8") == MESSY


def test_sort_flag(runner: Refs, messy: Path) -> None:
    """--sort orders entries by key."""
    result = runner.run(["fmt", "--sort", "--stdout", str(messy)])
    assert result.stdout.index("{a1,") < result.stdout.index("{b2,")


def test_sort_from_config_and_no_sort_wins(runner: Refs, messy: Path,
                                           tmp_path: Path) -> None:
    """[tool.refs.fmt] sort applies by default; --no-sort overrides it."""
    config = tmp_path / "refs.toml"
    config.write_text("[fmt]\nsort = true\nindent = \"    \"\n", encoding="utf-8")
    sorted_out = runner.run(["fmt", "--config", str(config), "--stdout", str(messy)])
    assert sorted_out.stdout.index("{a1,") < sorted_out.stdout.index("{b2,")
    assert "\n    title = {A}," in sorted_out.stdout
    kept = runner.run(["fmt", "--config", str(config), "--no-sort", "--stdout",
                               str(messy)])
    assert kept.stdout.index("{b2,") < kept.stdout.index("{a1,")


def test_stdin_dash(runner: Refs) -> None:
    """``-`` reads stdin and prints the formatted text."""
    result = runner.run(["fmt", "-"], input=MESSY)
    assert result.exit_code == 0
    assert result.stdout == CANONICAL


def test_default_is_configured_library(runner: Refs, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without FILES, fmt formats the configured library (default library.bib)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.toml").write_text('library = "refs.bib"\n', encoding="utf-8")
    (tmp_path / "refs.bib").write_text(MESSY, encoding="utf-8")
    result = runner.run(["fmt"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "refs.bib").read_text(encoding="utf-8") == CANONICAL


def test_missing_file_is_an_error(runner: Refs, tmp_path: Path) -> None:
    """A missing file exits 2 with the path and a hint, no traceback."""
    result = runner.run(["fmt", str(tmp_path / "nope.bib")])
    assert result.exit_code == 2
    assert "nope.bib" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_utf8_left_alone(runner: Refs, tmp_path: Path) -> None:
    """A file that is not valid UTF-8 is not rewritten; exit 2 says which line."""
    path = tmp_path / "latin.bib"
    data = b"@misc{k,\n title = {Caf\xe9}}\n"
    path.write_bytes(data)
    result = runner.run(["fmt", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2" in result.stderr and "UTF-8" in result.stderr
    assert path.read_bytes() == data


def test_failed_block_warned_and_kept(runner: Refs, tmp_path: Path) -> None:
    """A block that does not parse is kept as written, with a warning naming its line."""
    path = tmp_path / "bad.bib"
    path.write_text("@misc{ok,TITLE={A}}\n\n@misc{bad, title = {x}\n", encoding="utf-8")
    result = runner.run(["fmt", str(path)])
    assert result.exit_code == 0
    assert f"{path}:3" in result.stderr
    assert "@misc{bad, title = {x}" in path.read_text(encoding="utf-8")


def test_one_bad_file_does_not_stop_the_others(runner: Refs, messy: Path,
                                               tmp_path: Path) -> None:
    """Each file is formatted on its own; a missing one only changes the exit code."""
    result = runner.run(["fmt", str(tmp_path / "missing.bib"), str(messy)])
    assert result.exit_code == 2
    assert messy.read_text(encoding="utf-8") == CANONICAL


def test_stdin_with_check(runner: Refs) -> None:
    """``-`` with --check prints no text, names stdin and exits 1 when it would change."""
    result = runner.run(["fmt", "--check", "-"], input=MESSY)
    assert result.exit_code == 1
    assert result.stdout == "would reformat -\n"


def test_other_formats_refused(runner: Refs, tmp_path: Path) -> None:
    """A file another reader claims (CSL-JSON) is not rewritten as if it were BibTeX."""
    path = tmp_path / "refs.json"
    data = '[\n  {"id": "a", "type": "book", "title": "T"}\n]\n\n'
    path.write_text(data, encoding="utf-8")
    result = runner.run(["fmt", str(path)])
    assert result.exit_code == 2
    assert "BibTeX" in result.stderr
    assert path.read_text(encoding="utf-8") == data


@pytest.mark.parametrize(("data", "message"), [
    (b"@misc{a,\n  title = {x\x00y},\n}\n", "error: <stdin>:2: not a text file"),
    ("@misc{a,\n  title = {M\u00fcller},\n}\n".encode("latin-1"),
     "error: <stdin>:2: not valid UTF-8; left unchanged"),
])
def test_stdin_is_decoded_like_a_file(tmp_path: Path, data: bytes, message: str) -> None:
    """``-`` gets the file rules: NUL bytes and Latin-1 are refused (exit 2), not mangled."""
    from fakes.cli import refs

    run = refs(CliRunner(), "fmt", "-", input=data)
    assert run.code == 2
    assert message in run.stderr and "hint: " in run.stderr
    assert run.stdout == "" and "-1 files" not in run.stderr


@pytest.mark.parametrize("flag", ["--check", "--diff"])
def test_stdout_with_check_or_diff_is_a_usage_error(runner: Refs, messy: Path,
                                                    flag: str) -> None:
    """--stdout with --check/--diff would silently drop one of them: exit 2, nothing written."""
    result = runner.run(["fmt", "--stdout", flag, str(messy)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"error: --stdout and {flag} cannot be used together" in result.stderr
    assert "hint:" in result.stderr
    assert messy.read_text(encoding="utf-8") == MESSY
