"""``refs check`` end to end through the one error boundary: output, flags, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakes.cli import refs

FIXTURES = Path(__file__).resolve().parent.parent / "check" / "fixtures"
CLEAN = """@book{doe2001,
  author = {Doe, Jane},
  title = {A Clean Book},
  year = {2001},
}
"""



@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory as the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copy(FIXTURES / name, target)
    return target


def test_clean_library_exits_0(runner: CliRunner, project: Path) -> None:
    """The configured library (library.bib by default) is checked; clean means exit 0."""
    (project / "library.bib").write_text(CLEAN, encoding="utf-8")
    result = refs(runner, "check")
    assert result.code == 0
    assert result.stdout == "All checks passed.\n"


def test_findings_exit_1_with_linter_lines(runner: CliRunner, project: Path) -> None:
    """Findings print as file:line:col: CODE [name] message and exit 1."""
    copy("E301_0.bib", project)
    result = refs(runner, "check", "E301_0.bib")
    assert result.code == 1
    assert result.stdout.startswith("E301_0.bib:14:3: E301 [invalid-doi] ")
    assert result.stdout.endswith("Found 2 problems (2 errors).\n")


def test_missing_library_exits_2_with_hint(runner: CliRunner, project: Path) -> None:
    """No library.bib: a clear error with a hint, exit 2, no traceback."""
    result = refs(runner, "check")
    assert result.code == 2
    assert "library.bib does not exist" in result.stderr
    assert "hint:" in result.stderr and "Traceback" not in result.stderr


def test_missing_file_argument_exits_2(runner: CliRunner, project: Path) -> None:
    """A FILE that does not exist is a usage error (exit 2)."""
    result = refs(runner, "check", "nope.bib")
    assert result.code == 2
    assert "nope.bib" in result.stderr


def test_bad_config_exits_2(runner: CliRunner, project: Path) -> None:
    """An unknown key in [tool.refs] is reported with the file, exit 2."""
    (project / "library.bib").write_text(CLEAN, encoding="utf-8")
    (project / "refs.toml").write_text("[check]\nselct = ['E']\n", encoding="utf-8")
    result = refs(runner, "check")
    assert result.code == 2
    assert "refs.toml" in result.stderr and "selct" in result.stderr


def test_exit_zero(runner: CliRunner, project: Path) -> None:
    """--exit-zero reports findings but exits 0."""
    copy("E301_0.bib", project)
    result = refs(runner, "check", "--exit-zero", "E301_0.bib")
    assert result.code == 0 and "E301" in result.stdout


def test_select_and_ignore_flags(runner: CliRunner, project: Path) -> None:
    """--ignore drops a prefix; --select keeps only what it names."""
    copy("E203_0.bib", project)
    assert refs(runner, "check", "--ignore", "E2", "E203_0.bib").code == 0
    result = refs(runner, "check", "--select", "E3,W", "E203_0.bib")
    assert result.code == 0
    result = refs(runner, "check", "--select", "E203", "E203_0.bib")
    assert result.code == 1 and "E203" in result.stdout


def test_config_selection_and_cli_override(runner: CliRunner, project: Path) -> None:
    """[tool.refs.check] ignore applies; a CLI --ignore replaces it."""
    copy("E301_0.bib", project)
    (project / "pyproject.toml").write_text(
        '[tool.refs]\nlibrary = "E301_0.bib"\n[tool.refs.check]\nignore = ["E301"]\n',
        encoding="utf-8")
    assert refs(runner, "check").code == 0
    assert refs(runner, "check", "--ignore", "W").code == 1


def test_opt_in_rule_via_extend_select_or_key_pattern(runner: CliRunner, project: Path
                                                      ) -> None:
    """K501 runs with --extend-select K501, or when key-pattern is configured."""
    copy("K501_0.bib", project)
    assert refs(runner, "check", "K501_0.bib").code == 0
    assert refs(runner, "check", "--extend-select", "K501", "K501_0.bib").code == 1
    (project / "refs.toml").write_text('[check]\nkey-pattern = "[A-Z].*"\n', encoding="utf-8")
    result = refs(runner, "check", "K501_0.bib")
    assert result.code == 1 and "'zabortseva2016russia'" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_formats(runner: CliRunner, project: Path, fmt: str) -> None:
    """Each --format prints its format and keeps the exit code."""
    copy("E302_0.bib", project)
    result = refs(runner, "check", "--format", fmt, "E302_0.bib")
    assert result.code == 1
    if fmt == "github":
        assert result.stdout.startswith("::error file=E302_0.bib,line=12,col=3,")
    else:
        data = json.loads(result.stdout)
        assert data if fmt == "json" else data["runs"][0]["results"]


def test_output_file(runner: CliRunner, project: Path) -> None:
    """--output writes the report to a file and nothing to stdout."""
    copy("E302_0.bib", project)
    result = refs(runner, "check", "--format", "sarif", "-o", "out.sarif", "E302_0.bib")
    assert result.code == 1 and result.stdout == ""
    assert "Found 2 problems" in result.stderr and "out.sarif" in result.stderr
    assert json.loads((project / "out.sarif").read_text())["version"] == "2.1.0"


def test_baseline_round_trip(runner: CliRunner, project: Path) -> None:
    """--write-baseline records findings (exit 0); --baseline hides them, new ones remain."""
    lib = copy("E302_0.bib", project)
    assert refs(runner, "check", "--write-baseline", "base.json", "E302_0.bib").code == 0
    assert refs(runner, "check", "--baseline", "base.json", "E302_0.bib").code == 0
    lib.write_text(lib.read_text().replace("0-8044-2957-X", "0-8044-2957-1"))
    result = refs(runner, "check", "--baseline", "base.json", "E302_0.bib")
    assert result.code == 1
    assert result.stdout.count(": E302 [") == 1 and "0-8044-2957-1" in result.stdout


def test_baseline_survives_reformatting(runner: CliRunner, project: Path) -> None:
    """Moving entries and re-indenting does not resurrect baselined findings."""
    lib = copy("E302_0.bib", project)
    refs(runner, "check", "--write-baseline", "base.json", "E302_0.bib")
    entries = lib.read_text().split("\n\n")
    lib.write_text("\n\n\n".join(reversed(entries)).replace("  ", "    "))
    assert refs(runner, "check", "--baseline", "base.json", "E302_0.bib").code == 0


def test_baseline_from_config(runner: CliRunner, project: Path) -> None:
    """[tool.refs.check] baseline is used without the flag; a missing one is exit 2."""
    copy("E302_0.bib", project)
    (project / "refs.toml").write_text('library = "E302_0.bib"\n[check]\nbaseline = "b.json"\n',
                                       encoding="utf-8")
    assert refs(runner, "check").code == 2
    refs(runner, "check", "--write-baseline", "b.json")
    assert refs(runner, "check").code == 0


def test_statistics(runner: CliRunner, project: Path) -> None:
    """--statistics counts findings per rule."""
    copy("E302_0.bib", project)
    result = refs(runner, "check", "--statistics", "E302_0.bib")
    assert result.stdout.split() == ["2", "E302", "invalid-isbn"]


def test_statistics_as_json(runner: CliRunner, project: Path) -> None:
    """--statistics --format json gives the counts as JSON objects, not the text table."""
    copy("E302_0.bib", project)
    result = refs(runner, "check", "--statistics", "--format", "json", "E302_0.bib")
    assert result.code == 1
    assert json.loads(result.stdout) == [{"code": "E302", "name": "invalid-isbn", "count": 2}]


@pytest.mark.parametrize("output_format", ["github", "sarif"])
def test_statistics_in_other_formats_is_a_usage_error(runner: CliRunner, project: Path,
                                                      output_format: str) -> None:
    """Counts are not annotations or SARIF results: exit 2 with a hint, nothing printed."""
    copy("E302_0.bib", project)
    result = refs(runner, "check", "--statistics", "--format", output_format, "E302_0.bib")
    assert result.code == 2 and result.stdout == ""
    assert f"error: --statistics cannot be written as --format {output_format}" in result.stderr
    assert "hint:" in result.stderr


def test_csl_json_with_a_bad_item_is_checked(runner: CliRunner, project: Path) -> None:
    """A non-object element and a number id are findings with their lines; the rest loads."""
    (project / "lib.json").write_text(
        '[\n  {"id": "a", "type": "book", "title": "A", "DOI": "10.1000 /x"},\n  42,\n'
        '  {"id": 5, "type": "webpage", "title": "B"}\n]\n', encoding="utf-8")
    result = refs(runner, "check", "--format", "json", "lib.json")
    assert result.code == 1, result.stderr
    found = {(d["code"], d["line"], d["severity"]) for d in json.loads(result.stdout)}
    assert {("E101", 3, "error"), ("E104", 4, "warning")} <= found
    assert any(code == "E301" for code, _, _ in found)  # the good item was still checked


def test_ignore_comment_in_file(runner: CliRunner, project: Path) -> None:
    """A `% refs: ignore CODE` comment above an entry silences it there only."""
    text = (FIXTURES / "E302_0.bib").read_text()
    text = text.replace("@book{b2001", "% refs: ignore E302\n@book{b2001")
    (project / "lib.bib").write_text(text)
    result = refs(runner, "check", "lib.bib")
    assert result.stdout.count(": E302 [") == 1 and "'12345'" in result.stdout


def test_several_files_and_garbage(runner: CliRunner, project: Path) -> None:
    """Binary garbage and an empty file are checked without a traceback."""
    (project / "empty.bib").write_text("")
    (project / "junk.bib").write_bytes(b"\x00\xff\xfe@@@{{{\x89PNG\r\n" * 20)
    copy("E302_0.bib", project)
    result = refs(runner, "check", "empty.bib", "junk.bib", "E302_0.bib")
    assert result.code in (1, 2) and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def test_paths_are_spelled_one_way(runner: CliRunner, project: Path) -> None:
    """With a config file, loader and rule findings both use the path relative to the cwd."""
    (project / "refs.toml").write_text('library = "library.bib"\n', encoding="utf-8")
    (project / "library.bib").write_text("@book{k\n  title={x},\n}\n@book{b, title={y}}\n")
    result = refs(runner, "check")
    paths = {line.split(":")[0] for line in result.stdout.splitlines() if ": E" in line}
    assert paths == {"library.bib"}


def test_unknown_code_in_selection_exits_2(runner: CliRunner, project: Path) -> None:
    """A typo in --select/--ignore is an error, not a silent no-op."""
    (project / "library.bib").write_text(CLEAN, encoding="utf-8")
    result = refs(runner, "check", "--ignore", "E3O1")
    assert result.code == 2
    assert "unknown rule code or prefix 'E3O1'" in result.stderr
    assert "refs rule --all" in result.stderr


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_report_never_replaces_the_checked_library(runner: CliRunner, project: Path,
                                                   option: str) -> None:
    """`refs check lib.bib -o lib.bib` would swap the library for its report: exit 2 instead."""
    lib = project / "lib.bib"
    lib.write_text(CLEAN + "@misc{x,\n}\n", encoding="utf-8")
    before = lib.read_bytes()
    run = refs(runner, "check", "lib.bib", option, str(project / "lib.bib"))
    assert run.code == 2
    assert "error: " in run.stderr and "also an input file" in run.stderr
    assert "hint: " in run.stderr
    assert lib.read_bytes() == before


def test_invalid_key_pattern_is_a_config_error_not_a_rule_crash(runner: CliRunner,
                                                                project: Path) -> None:
    """A key-pattern that is no regex: exit 2 naming the file and key, not 'a bug in refs'."""
    (project / "library.bib").write_text(CLEAN, encoding="utf-8")
    (project / "refs.toml").write_text('[check]\nkey-pattern = "[a-z"\n', encoding="utf-8")
    run = refs(runner, "check")
    assert run.code == 2
    assert "refs.toml: [tool.refs] check.key-pattern" in run.stderr
    assert "bug in refs" not in run.stderr + run.stdout


def test_write_baseline_with_statistics_counts_what_was_written(runner: CliRunner,
                                                               project: Path) -> None:
    """--statistics with --write-baseline prints the per-rule counts of the baseline
    (it used to be ignored without a word)."""
    copy("E302_0.bib", project)
    result = refs(runner, "check", "--write-baseline", "b.json", "--statistics", "E302_0.bib")
    assert result.code == 0
    assert "E302" in result.stdout
    plain = refs(runner, "check", "--statistics", "E302_0.bib")
    assert result.stdout == plain.stdout


def test_help_names_every_format_and_how_json_and_ris_are_silenced(runner: CliRunner) -> None:
    """`refs check` reads .json and .ris too, which cannot hold a `% refs: ignore` comment."""
    text = " ".join(refs(runner, "check", "--help").stdout.split())
    assert "(.bib, CSL-JSON .json, .ris)" in text
    assert "(a .json or .ris file: per-file-ignores in [tool.refs.check])" in text
