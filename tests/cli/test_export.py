"""`refs export --to bibtex|csl-json|ris|markdown`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs.cli.main import cli

BIB = "@article{a2001t,\n  author = {Doe, Jane},\n  title = {A Title},\n  year = {2001},\n" \
      "  journal = {Journal}\n}\n"


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    """A one-entry library."""
    p = tmp_path / "lib.bib"
    p.write_text(BIB, encoding="utf-8")
    return p


def test_to_csl_json(runner: CliRunner, bib: Path) -> None:
    """CSL-JSON export is a JSON list with the CSL variables."""
    result = runner.invoke(cli, ["export", str(bib), "--to", "csl-json"])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert items[0]["id"] == "a2001t" and items[0]["container-title"] == "Journal"


def test_to_ris(runner: CliRunner, bib: Path) -> None:
    """RIS export has a TY..ER record."""
    result = runner.invoke(cli, ["export", str(bib), "--to", "ris"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("TY  - JOUR\nID  - a2001t\nAU  - Doe, Jane\n")


def test_to_ris_names_what_it_cannot_hold(runner: CliRunner, tmp_path: Path) -> None:
    """RIS has no tag for a report's number or a book's page count: the export runs, and
    says which entry loses which field instead of dropping them silently."""
    src = tmp_path / "lib.bib"
    src.write_text("@report{r,\n  title = {T},\n  author = {Doe, Jane},\n  number = {15},\n"
                   "  institution = {I},\n  year = {2014}\n}\n"
                   "@book{b,\n  title = {U},\n  author = {Roe, Ann},\n  publisher = {P},\n"
                   "  year = {2001}\n}\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", str(src), "--to", "ris"])
    assert result.exit_code == 0, result.stderr
    assert "r: RIS has no place for number; not written" in result.stderr
    assert "b: RIS" not in result.stderr
    assert "1 of 2 entries lose fields RIS cannot hold" in result.stderr
    assert result.stdout.count("ER  - ") == 2


def test_to_markdown_file(runner: CliRunner, bib: Path, tmp_path: Path) -> None:
    """-o writes the Markdown list to a file."""
    out = tmp_path / "refs.md"
    result = runner.invoke(cli, ["export", str(bib), "--to", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == "- Doe, Jane. 2001. “A Title.” *Journal*.\n"


def test_from_ris_to_bibtex(runner: CliRunner, tmp_path: Path) -> None:
    """Any readable format exports to BibTeX."""
    src = tmp_path / "a.ris"
    src.write_text("TY  - BOOK\nAU  - Walt, Stephen\nTI  - Taming\nPY  - 2005\nER  -\n",
                   encoding="utf-8")
    result = runner.invoke(cli, ["export", str(src), "--to", "bibtex"])
    assert result.exit_code == 0, result.stderr
    assert "@book{walt2005taming," in result.stdout


def test_csl_json_to_bibtex_uses_biblatex_names_and_comes_back(runner: CliRunner,
                                                               tmp_path: Path) -> None:
    """CSL variables refs has no field for go out as BibLaTeX fields (venue, origdate), not
    as csl:<name>, and exporting that .bib to CSL-JSON gives the same variables back."""
    item = {"id": "k", "type": "paper-conference", "title": "T", "event-place": "Almaty",
            "original-date": {"date-parts": [[1998]]}, "archive_location": "Box 3"}
    src = tmp_path / "a.json"
    src.write_text(json.dumps([item]), encoding="utf-8")
    bib = tmp_path / "a.bib"
    result = runner.invoke(cli, ["export", str(src), "--to", "bibtex", "-o", str(bib)])
    assert result.exit_code == 0, result.stderr
    text = bib.read_text(encoding="utf-8")
    assert "venue = {Almaty}" in text and "origdate = {1998}" in text, text
    assert "csl:archive_location = {Box 3}" in text and "csl:event-place" not in text
    result = runner.invoke(cli, ["export", str(bib), "--to", "csl-json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [item]


def test_csl_json_series_number_survives_export_to_bibtex_and_back(runner: CliRunner,
                                                                 tmp_path: Path) -> None:
    """collection-number was lost on `refs export --to bibtex`: a book's goes into
    BibLaTeX's number (next to series), an article's (whose number is the issue) into
    csl:collection-number, and exporting the .bib to CSL-JSON gives both items back."""
    items = [{"id": "b", "type": "book", "title": "T", "collection-title": "S",
              "collection-number": "12"},
             {"id": "a", "type": "article-journal", "title": "T", "issue": "3",
              "collection-number": "7"}]
    src = tmp_path / "a.json"
    src.write_text(json.dumps(items), encoding="utf-8")
    bib = tmp_path / "a.bib"
    result = runner.invoke(cli, ["export", str(src), "--to", "bibtex", "-o", str(bib)])
    assert result.exit_code == 0, result.stderr
    text = bib.read_text(encoding="utf-8")
    assert "series = {S},\n  number = {12}" in text, text
    assert "number = {3},\n  csl:collection-number = {7}" in text, text
    result = runner.invoke(cli, ["export", str(bib), "--to", "csl-json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == items


def test_unknown_target_is_a_usage_error(runner: CliRunner, bib: Path) -> None:
    """--to must be one of the offered formats."""
    result = runner.invoke(cli, ["export", str(bib), "--to", "docx"])
    assert result.exit_code == 2


def test_output_onto_the_input_is_refused(runner: CliRunner, bib: Path) -> None:
    """`refs export lib.bib --to ris -o lib.bib` would replace the library by RIS: exit 2."""
    from fakes.cli import refs

    run = refs(runner, "export", str(bib), "--to", "ris", "-o", str(bib))
    assert run.code == 2
    assert "also an input file" in run.stderr and "hint: " in run.stderr
    assert bib.read_text(encoding="utf-8") == BIB


@pytest.mark.parametrize("command", [["export", "--to", "ris"], ["dedupe"], ["enrich",
                                                                             "--offline"]])
def test_stdin_or_unknown_suffix_hint_says_what_a_user_can_do(runner: CliRunner,
                                                              tmp_path: Path,
                                                              command: list[str]) -> None:
    """'pass the format explicitly' named an option the CLI does not have: '-' and an
    unknown suffix now get a hint to give the file a known suffix (exit 2)."""
    from fakes.cli import refs

    odd = tmp_path / "lib.bibx"
    odd.write_text(BIB, encoding="utf-8")
    name = command[0]
    run = refs(runner, name, "-", *command[1:], input=BIB)
    assert run.code == 2, run.stderr
    assert f"error: refs {name} reads files, not standard input" in run.stderr
    assert "hint: save the input to a file with a known suffix (.bib" in run.stderr
    run = refs(runner, name, str(odd), *command[1:])
    assert run.code == 2, run.stderr
    assert f"error: {odd}: cannot tell the format of a .bibx file" in run.stderr
    assert "hint: refs tells a file's format by its suffix: rename or copy it" in run.stderr
    assert "explicitly" not in run.stderr


@pytest.mark.parametrize(("target", "name", "better"), [
    ("csl-json", "x.ris", "x.json"), ("bibtex", "x.json", "x.bib"),
    ("ris", "x.BIB", "x.ris"), ("markdown", "x.json", "x.md")])
def test_output_suffix_of_another_format_is_refused(runner: CliRunner, bib: Path,
                                                    tmp_path: Path, target: str, name: str,
                                                    better: str) -> None:
    """--to csl-json -o x.ris wrote JSON into a .ris file, which refs (and Zotero) would
    then read as RIS: exit 2 with a hint naming the right suffix; nothing is written."""
    from fakes.cli import refs

    out = tmp_path / name
    run = refs(runner, "export", str(bib), "--to", target, "-o", str(out))
    assert run.code == 2, run.stderr
    assert f"error: {out}: --to {target} writes {target}, but {name} is named as a" in run.stderr
    assert f"hint: name the output {better}" in run.stderr
    assert not out.exists()


@pytest.mark.parametrize(("target", "name"), [
    ("csl-json", "x.json"), ("markdown", "x.md"), ("markdown", "x.txt"), ("ris", "x.out"),
    ("bibtex", "x")])
def test_output_with_its_own_or_an_unknown_suffix_is_written(runner: CliRunner, bib: Path,
                                                             tmp_path: Path, target: str,
                                                             name: str) -> None:
    """The target's own suffix, a Markdown list as .txt and unknown suffixes are fine."""
    from fakes.cli import refs

    out = tmp_path / name
    run = refs(runner, "export", str(bib), "--to", target, "-o", str(out))
    assert run.code == 0, run.stderr
    assert out.read_text(encoding="utf-8")


def test_csl_json_with_unbalanced_braces_exports_to_a_bib_that_loads(runner: CliRunner,
                                                                    tmp_path: Path) -> None:
    """An archive with an unbalanced brace and a medium ending in a backslash went into
    csl:<name> as they were: the .bib lost that entry and the next. Now both come back."""
    items = [{"id": "k", "type": "book", "title": "T", "archive": "Fond {5", "medium": "C:\\"},
             {"id": "z", "type": "book", "title": "Z"}]
    src = tmp_path / "a.json"
    src.write_text(json.dumps(items), encoding="utf-8")
    bib = tmp_path / "a.bib"
    result = runner.invoke(cli, ["export", str(src), "--to", "bibtex", "-o", str(bib)])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(cli, ["export", str(bib), "--to", "csl-json"])
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert json.loads(result.stdout) == items


def test_key_bibtex_cannot_hold_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """A CSL-JSON id with a comma made an entry that lost its fields: exit 2, nothing
    written, and the message names the key."""
    from fakes.cli import refs

    src = tmp_path / "a.json"
    src.write_text(json.dumps([{"id": "smith, 2020", "type": "book", "title": "T"}]),
                   encoding="utf-8")
    out = tmp_path / "a.bib"
    run = refs(runner, "export", str(src), "--to", "bibtex", "-o", str(out))
    assert run.code == 2, run.stderr
    assert "'smith, 2020' cannot be written as a BibTeX key" in run.stderr
    assert "hint: " in run.stderr and not out.exists()


def test_csl_json_season_exports_to_bibtex_and_comes_back(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    """The reported crash: an item issued in summer 2015 ({"date-parts": [[2015, 14]]})
    made `refs export --to bibtex` print "internal error: IndexError". The season is now
    biblatex's date = {2015-22}, a month that is no month (0) is written as it is for
    `refs check` to report, and the .bib exports back to the same season."""
    items = [{"id": "s", "type": "book", "title": "T", "issued": {"date-parts": [[2015, 14]]}},
             {"id": "z", "type": "book", "title": "Z", "issued": {"date-parts": [[2015, 0]]}}]
    src = tmp_path / "a.json"
    src.write_text(json.dumps(items), encoding="utf-8")
    result = runner.invoke(cli, ["export", str(src), "--to", "bibtex"])
    assert result.exit_code == 0 and "internal error" not in result.stderr, result.stderr
    assert "date = {2015-22}" in result.stdout and "month = {0}" in result.stdout
    assert "month = dec" not in result.stdout, result.stdout
    bib = tmp_path / "a.bib"
    result = runner.invoke(cli, ["export", str(src), "--to", "bibtex", "-o", str(bib)])
    assert result.exit_code == 0, result.stderr
    from fakes.cli import refs

    check = refs(runner, "check", str(bib), "--select", "E304,E305")
    assert check.code == 1, check.stdout
    assert [line.split(": ", 1)[1] for line in check.stdout.splitlines() if "E30" in line] \
        == ["E305 [invalid-month] month '0' is not a month"], check.stdout
    result = runner.invoke(cli, ["export", str(bib), "--to", "csl-json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0] == items[0]


def test_ris_id_bibtex_cannot_hold_does_not_block_the_file(runner: CliRunner,
                                                             tmp_path: Path) -> None:
    """An RIS ID 'a,b c' made export refuse every entry (exit 2). The record is written
    under a key of its own with the ID kept as a field, the others as they are, and
    stderr says where the ID is and what became of it."""
    from fakes.cli import refs

    src = tmp_path / "a.ris"
    src.write_text("TY  - BOOK\nAU  - Doe, J\nTI  - Title\nPY  - 2005\nID  - a,b c\nER  - \n"
                   "TY  - BOOK\nID  - ok1\nTI  - Other\nER  - \n", encoding="utf-8")
    run = refs(runner, "export", str(src), "--to", "bibtex")
    assert run.code == 0, run.stderr
    assert "@book{doe2005title," in run.stdout and "@book{ok1," in run.stdout
    assert "ris:ID = {a,b c}" in run.stdout
    assert f"{src}:5: E104 ID 'a,b c' cannot be a BibTeX key" in run.stderr


def test_bib_field_that_is_no_ris_tag_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """A .bib field ris:Z was written as an untagged line and read back glued onto the
    value before it; export now exits 2, names the entry and the field, and writes nothing."""
    from fakes.cli import refs

    src = tmp_path / "a.bib"
    src.write_text("@book{k,\n  title = {T},\n  note = {before},\n  ris:Z = {short}\n}\n",
                   encoding="utf-8")
    out = tmp_path / "a.ris"
    run = refs(runner, "export", str(src), "--to", "ris", "-o", str(out))
    assert run.code == 2, run.stderr
    assert "k: extra field 'ris:Z' cannot be written as an RIS tag" in run.stderr
    assert "hint: " in run.stderr and not out.exists()


def test_ris_and_bib_extras_survive_csl_json(runner: CliRunner, tmp_path: Path) -> None:
    """RIS -> CSL-JSON -> RIS gives the tags refs has no field for back (ZZ, M3, an EBOOK
    TY), and .bib -> CSL-JSON -> .bib the fields (mrnumber, ris:zz); both were dropped."""
    from fakes.cli import refs

    src = tmp_path / "a.ris"
    src.write_text("TY  - EBOOK\nID  - doe2005\nAU  - Doe, Jane\nTI  - T\nPY  - 2005\n"
                   "ZZ  - vendor\nM3  - thing\nER  - \n", encoding="utf-8")
    mid = tmp_path / "a.json"
    assert refs(runner, "export", str(src), "--to", "csl-json", "-o", str(mid)).code == 0
    again = refs(runner, "export", str(mid), "--to", "ris")
    assert again.code == 0, again.stderr
    assert again.stdout == src.read_text(encoding="utf-8").replace("ER  - \n", "ER  - \n\n")
    bib = tmp_path / "b.bib"
    bib.write_text("@article{doe2005,\n  title = {T},\n  mrnumber = {123},\n"
                   "  ris:zz = {lower}\n}\n", encoding="utf-8")
    mid = tmp_path / "b.json"
    assert refs(runner, "export", str(bib), "--to", "csl-json", "-o", str(mid)).code == 0
    back = refs(runner, "export", str(mid), "--to", "bibtex")
    assert back.code == 0, back.stderr
    assert "mrnumber = {123}" in back.stdout and "ris:zz = {lower}" in back.stdout
