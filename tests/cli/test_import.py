"""`refs import`: report, --into (atomic append), --dry-run, formats, and the done-when check
against library.bib."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from refs.cli.main import cli
from refs.io import bibtex

DATA = Path(__file__).parent.parent / "data"
REPO = Path(__file__).parent.parent.parent
WORKS = DATA / "freetext" / "works_cited.txt"


def test_prints_bibtex_and_reports_each_entry(runner: CliRunner, tmp_path: Path) -> None:
    """Without --into the BibTeX goes to stdout and the report (with lines) to stderr."""
    result = runner.invoke(cli, ["import", str(WORKS)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("@") == 43
    assert f"{WORKS}:3: ahrari2011great  [book]" in result.stderr
    assert "43 imported, 0 could not be read" in result.stderr


def _import_text(runner: CliRunner, src: Path, text: str) -> Result:
    """``refs import src`` of ``text``; the result carries the command's return value."""
    src.write_text(text, encoding="utf-8")
    return runner.invoke(cli, ["import", str(src)], standalone_mode=False)


def test_unreadable_strings_are_listed_with_line(runner: CliRunner, tmp_path: Path) -> None:
    """A string that is no reference is reported with its line and makes exit 1; short
    notes are listed as I101 and do not fail the run."""
    src = tmp_path / "notes.txt"
    result = _import_text(runner, src, "[1] Michael Mandelbaum, The New Russian Foreign Policy "
                          "(New York: Council on Foreign Relation Books, 1998), 4-6.\n"
                          "[2] Ibid., 6\n[3] Clarke, “Kazakhstan’s Multi-vector Policy,” 2015.\n"
                          "[4] 1995 Decree President Russian Fed\n")
    assert result.return_value == 1
    assert f"{src}:2: I101 short note" in result.stderr
    assert f"{src}:3: I101 short note" in result.stderr
    assert f"{src}:4: E101 could not read" in result.stderr
    assert "1 imported, 1 could not be read, 2 skipped as not references (I101)" in result.stderr
    assert "Traceback" not in result.stderr


def test_short_notes_alone_do_not_fail_the_import(runner: CliRunner, tmp_path: Path) -> None:
    """A footnote list of full and short notes imports with exit 0: nothing was lost."""
    src = tmp_path / "notes.txt"
    result = _import_text(runner, src, "[1] Michael Mandelbaum, The New Russian Foreign Policy "
                          "(New York: Council on Foreign Relation Books, 1998), 4-6.\n"
                          "[2] Ibid., 6\n")
    assert result.return_value == 0, result.stderr
    assert "1 imported, 0 could not be read, 1 skipped as not a reference (I101)" in result.stderr


def test_errors_in_imported_records_are_not_counted_as_unread(runner: CliRunner,
                                                               tmp_path: Path) -> None:
    """A CSL item with an unreadable date is imported (and its error listed); an item that
    is no object is not: the summary counts the two apart, and both make exit 1."""
    src = tmp_path / "items.json"
    result = _import_text(runner, src, '[\n {"id": "a1", "type": "book", "title": "X",\n'
                          '  "issued": {"date-parts": [["bad"]]}},\n 42,\n'
                          ' {"id": "b2", "type": "book", "title": "Y"}\n]\n')
    assert result.return_value == 1
    assert f"{src}:3: E101 issued" in result.stderr
    assert f"{src}:4: E101 item 2 is a number" in result.stderr
    assert "2 imported, 1 could not be read, 1 error in imported entries" in result.stderr


def test_into_appends_atomically_and_keeps_existing_bytes(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    """--into appends new entries with unique keys; the existing entry is byte-identical."""
    lib = tmp_path / "library.bib"
    existing = "@book{mandelbaum1998new,\n  title = {Kept   as  is},\n  year = 1998\n}\n"
    lib.write_text(existing, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(WORKS), "--into", str(lib)])
    assert result.exit_code == 0, result.stderr
    text = lib.read_text(encoding="utf-8")
    assert text.startswith(existing)
    keys = bibtex.loads(text).keys()
    assert len(keys) == 44 == len(set(keys))
    assert "mandelbaum1998newa" in keys
    assert not list(tmp_path.glob("*.tmp*"))


def test_dry_run_writes_nothing_and_shows_diff(runner: CliRunner, tmp_path: Path) -> None:
    """--dry-run prints the diff that would be applied and leaves the file alone."""
    lib = tmp_path / "library.bib"
    lib.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(WORKS), "--into", str(lib), "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert lib.read_text(encoding="utf-8") == ""
    assert "+@book{ahrari2011great," in result.stdout
    assert "dry run" in result.stderr


def test_style_option_and_low_confidence_report(runner: CliRunner, tmp_path: Path) -> None:
    """--style is accepted; guessed fields are named in the report."""
    src = tmp_path / "mla.txt"
    src.write_text("Mandelbaum, Michael. The New Russian Foreign Policy. New York: Council on "
                   "Foreign Relations Books, 1998.\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "--style", "mla", str(src)])
    assert result.exit_code == 0, result.stderr
    assert "check: title" in result.stderr


def test_imports_ris_and_csl_json(runner: CliRunner, tmp_path: Path) -> None:
    """RIS and CSL-JSON inputs go through their readers, keys made unique across files."""
    ris = tmp_path / "a.ris"
    ris.write_text("TY  - BOOK\nAU  - Walt, Stephen\nTI  - Taming American Power\nPY  - 2005\n"
                   "ER  -\n", encoding="utf-8")
    csl = tmp_path / "b.json"
    csl.write_text(json.dumps([{"id": "x", "type": "book", "title": "Taming American Power",
                                "author": [{"family": "Walt", "given": "Stephen"}],
                                "issued": {"date-parts": [[2005]]}}]), encoding="utf-8")
    out = tmp_path / "out.bib"
    result = runner.invoke(cli, ["import", str(ris), str(csl), "--into", str(out)])
    assert result.exit_code == 0, result.stderr
    assert bibtex.load(out).keys() == ["walt2005taming", "x"]


def test_key_format_setting_is_used(runner: CliRunner, tmp_path: Path) -> None:
    """key-format from refs.toml shapes the generated keys."""
    cfg = tmp_path / "refs.toml"
    cfg.write_text('key-format = "{authors}-{year}"\n', encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("Charap, Samuel and Jeremy Shapiro. 2014. “A New European Security Order.” "
                   "Foundation for Strategy Research n15.\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--config", str(cfg)])
    assert result.exit_code == 0, result.stderr
    assert "@article{charapshapiro-2014," in result.stdout


def test_zotero_csl_json_keys(runner: CliRunner, tmp_path: Path) -> None:
    """Zotero's citation-key becomes the key; a URI id is replaced by a generated key."""
    csl = tmp_path / "zotero.json"
    csl.write_text(json.dumps([
        {"id": "http://zotero.org/users/1/items/AB", "citation-key": "walt2005",
         "type": "book", "title": "Taming American Power"},
        {"id": "http://zotero.org/users/1/items/CD", "type": "book", "title": "Uneasy Alliance",
         "author": [{"family": "Alexandrov", "given": "Mikhail"}],
         "issued": {"date-parts": [["1999"]]}}]), encoding="utf-8")
    out = tmp_path / "out.bib"
    result = runner.invoke(cli, ["import", str(csl), "--into", str(out)])
    assert result.exit_code == 0, result.stderr
    assert bibtex.load(out).keys() == ["walt2005", "alexandrov1999uneasy"]


def test_keys_bibtex_and_biber_take_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    """A CSL-JSON id or RIS ID with ':' or '/' (JabRef's and Better BibTeX's Smith:2008, a
    DOI-based key, one starting with a digit) is the entry's key, as BibTeX and biber take
    it: --into keeps it, with no E104 and nothing kept beside it."""
    csl = tmp_path / "a.json"
    csl.write_text(json.dumps([
        {"id": "Smith:2008", "type": "book", "title": "Steppe Politics",
         "author": [{"family": "Smith", "given": "Jane"}], "issued": {"date-parts": [[2008]]}},
        {"id": "doi:10.1000/x", "type": "book", "title": "Uneasy Alliance"}]), encoding="utf-8")
    ris = tmp_path / "b.ris"
    ris.write_text("TY  - BOOK\nID  - Walt:2005/taming\nTI  - Taming American Power\n"
                   "ER  -\n\nTY  - BOOK\nID  - 2008smith\nTI  - Steppe\nER  -\n",
                   encoding="utf-8")
    out = tmp_path / "out.bib"
    result = runner.invoke(cli, ["import", str(csl), str(ris), "--into", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "E104" not in result.stderr
    lib = bibtex.load(out)
    assert lib.keys() == ["Smith:2008", "doi:10.1000/x", "Walt:2005/taming", "2008smith"]
    assert all(not e.ids and not e.extra for e in lib.entries)


def test_keys_of_a_key_format_with_colons_survive_a_round_trip(runner: CliRunner,
                                                                tmp_path: Path) -> None:
    """key-format "{author}:{year}" makes keys with ':'; importing refs's own export of
    them (CSL-JSON, RIS) into another library keeps those keys instead of replacing them."""
    cfg = tmp_path / "refs.toml"
    cfg.write_text('key-format = "{author}:{year}/{title}"\n', encoding="utf-8")
    src = tmp_path / "a.json"
    src.write_text(json.dumps([{"id": "http://zotero.org/users/1/items/CD", "type": "book",
                                "title": "Uneasy Alliance", "issued": {"date-parts": [[1999]]},
                                "author": [{"family": "Alexandrov", "given": "Mikhail"}]}]),
                   encoding="utf-8")
    first = tmp_path / "first.bib"
    result = runner.invoke(cli, ["import", str(src), "--into", str(first), "--config", str(cfg)])
    assert result.exit_code == 0, result.stderr
    assert bibtex.load(first).keys() == ["alexandrov:1999/uneasy"]
    for to, suffix in (("csl-json", ".json"), ("ris", ".ris")):
        exported = tmp_path / f"out{suffix}"
        assert runner.invoke(cli, ["export", str(first), "--to", to, "-o",
                                   str(exported)]).exit_code == 0
        again = tmp_path / f"again-{to}.bib"
        result = runner.invoke(cli, ["import", str(exported), "--into", str(again)])
        assert result.exit_code == 0, result.stderr
        assert "E104" not in result.stderr
        assert bibtex.load(again).keys() == ["alexandrov:1999/uneasy"]


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """A file that does not exist exits 2 with a message, through the real entry point."""
    proc = subprocess.run([sys.executable, "-m", "refs", "import", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "nope.txt" in proc.stderr and "Traceback" not in proc.stderr


#: fields where the import of 001's Works Cited differs from library.bib, and why (the
#: table in docs/commands/import.md); any other difference fails this test
EXPLAINED: dict[str, set[str]] = {
    # library.bib normalises year ranges to en dashes; the import keeps the string's hyphen
    "alexandrov1999uneasy": {"title"}, "duncan2004westernism": {"title"},
    "pacer2016russian": {"title"},
    "burkitbai2014defining": {"title"},
    # the import reads The ASAN Forum (an online journal) as a newspaper
    "clarke2015kazakhstan": {"type"}, "weitz2015russia": {"type"},
    # library.bib takes the footnote's reading ("C. Asian") over the list's typo
    "dzyubenko2012china": {"title"},
    # "Foundation for Strategy Research n15": library.bib knows it is a report series
    "charap2014new": {"type", "container_title", "issue", "number", "publisher", "genre"},
    # series kept as collection-title by the import; library.bib splits institution/type
    "dragneva2017eurasian": {"collection_title", "genre"},
    "nopens2014impact": {"collection_title", "publisher", "genre"},
    # library.bib merges 003 (the publisher's page) into 001's entry
    "laumulin2008kazakhstan": {"url", "volume", "issued", "page", "abstract",
                               "container_title"},
    "zabortseva2016russia": {"title", "author", "number_of_pages", "edition", "abstract"},
    "papava2017eurasian": {"title"},
    "zabortseva2011transformation": {"event_title"},
}


def test_done_when_matches_library_bib(runner: CliRunner, tmp_path: Path) -> None:
    """Importing 001's Works Cited gives library.bib's keys, and every field agrees except
    the differences explained in EXPLAINED (and docs/commands/import.md)."""
    if not (REPO / "library.bib").exists():  # pragma: no cover - library.bib not written yet
        return
    out = tmp_path / "imported.bib"
    result = runner.invoke(cli, ["import", str(WORKS), "--into", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    gold = bibtex.load(REPO / "library.bib")
    ignore = {"bibtex_type", "note", "extra"}
    differences: dict[str, set[str]] = {}
    for entry in bibtex.load(out).entries:
        other = gold.get(entry.id)
        assert other is not None, f"{entry.id} is not in library.bib"
        a, b = entry.content(), other.content()
        fields = {k for k in set(a) | set(b) if a.get(k) != b.get(k)} - ignore
        if fields:
            differences[entry.id] = fields
    unexplained = {k: v - EXPLAINED.get(k, set()) for k, v in differences.items()}
    assert {k: v for k, v in unexplained.items() if v} == {}


def test_done_when_refs_check_accepts_import(runner: CliRunner, tmp_path: Path) -> None:
    """refs check finds nothing in the import but the two gaps the strings really have."""
    shutil.copy(WORKS, tmp_path / "w.txt")
    out = tmp_path / "imported.bib"
    runner.invoke(cli, ["import", str(tmp_path / "w.txt"), "--into", str(out), "-q"])
    result = runner.invoke(cli, ["check", str(out)], standalone_mode=False)
    assert result.exception is None and result.return_value in (0, 1), result.output
    findings = [ln for ln in result.stdout.splitlines() if ": " in ln and ln[:1] != " "
                and ".bib:" in ln]
    # Nopens names no publisher/institution; Rosoboronexport's page has no date
    assert all(("nopens2014impact" in ln or "rosoboronexportndcooperation" in ln)
               for ln in findings), result.stdout


def test_into_a_file_that_is_not_bibtex_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """--into a .json library would be read as BibTeX and BibTeX appended to the JSON: exit 2."""
    from fakes.cli import refs

    src = tmp_path / "one.txt"
    src.write_text("Smith, J. (2020). Title here. Journal of X, 1(2), 3-4.\n", encoding="utf-8")
    into = tmp_path / "library.json"
    into.write_text("[]\n", encoding="utf-8")
    run = refs(runner, "import", str(src), "--into", str(into))
    assert run.code == 2
    assert f"error: {into}: " in run.stderr and "hint: " in run.stderr
    assert into.read_text(encoding="utf-8") == "[]\n"


def test_stdin_latin1_is_decoded_like_a_file(runner: CliRunner) -> None:
    """Latin-1 on stdin: read as Windows-1252 with an E103 warning (it crashed the tagger)."""
    from fakes.cli import refs

    data = "Müller, J. (2020). Über alles. Journal of Things, 3(2), 1-10.\n".encode("latin-1")
    run = refs(runner, "import", "-", input=data)
    assert run.code == 0, run.stderr
    assert "<stdin>:1: E103" in run.stderr
    assert "author = {Müller, J.}" in run.stdout


def test_stdin_csl_json_is_read_as_csl_json(runner: CliRunner) -> None:
    """Zotero's "Copy as CSL JSON" piped in: one entry, not a list of unreadable lines."""
    from fakes.cli import refs

    data = (b'[{"id": "doe2005", "type": "book", "title": "Steppe Politics",'
            b' "author": [{"family": "Doe", "given": "Jane"}],'
            b' "issued": {"date-parts": [[2005]]}}]\n')
    run = refs(runner, "import", "-", input=data)
    assert run.code == 0, run.stderr
    assert "@book{doe2005," in run.stdout and "title = {Steppe Politics}" in run.stdout
    assert "1 imported, 0 could not be read" in run.stderr


def test_stdin_binary_exits_2(runner: CliRunner) -> None:
    """A binary file piped in is 'could not run' with the line of the first NUL, no traceback."""
    from fakes.cli import refs

    run = refs(runner, "import", "-", input=b"\x7fELF\x02\x01\n\x00\x00\xff")
    assert run.code == 2
    assert "error: <stdin>:2: not a text file" in run.stderr
    assert "internal error" not in run.stderr


def test_into_refuses_a_library_that_is_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    """A Latin-1 library would be rewritten as UTF-8 (untouched entries no longer
    byte-identical): --into and its --dry-run refuse with exit 2, file, line and hint."""
    from fakes.cli import refs

    lib = tmp_path / "library.bib"
    existing = "@book{muller1998,\n  author = {M\xfcller, J\xfcrgen},\n  year = 1998\n}\n"
    lib.write_bytes(existing.encode("latin-1"))
    for extra in ([], ["--dry-run"]):
        result = refs(runner, "import", str(WORKS), "--into", str(lib), *extra)
        assert result.code == 2, result.stderr
        assert f"error: {lib}:2: this file is not valid UTF-8" in result.stderr
        assert "hint: re-save" in result.stderr and "UTF-8" in result.stderr
        assert "Traceback" not in result.stderr and "+++" not in result.stdout
        assert lib.read_bytes() == existing.encode("latin-1")


def test_reimport_adds_nothing_and_names_the_existing_keys(runner: CliRunner,
                                                           tmp_path: Path) -> None:
    """Importing the same list into a library twice leaves the library as the first run
    wrote it: each entry is reported with the key it already has there."""
    lib = tmp_path / "library.bib"
    assert runner.invoke(cli, ["import", str(WORKS), "--into", str(lib), "-q"]).exit_code == 0
    first = lib.read_bytes()
    result = runner.invoke(cli, ["import", str(WORKS), "--into", str(lib), "-q"])
    assert result.exit_code == 0, result.stderr
    assert lib.read_bytes() == first
    assert "0 imported, 43 already in" in result.stderr
    assert f"{WORKS}:3: ahrari2011greata is already in {lib} as ahrari2011great" \
        in result.stderr
    # a dry run says the same and shows an empty diff
    dry = runner.invoke(cli, ["import", str(WORKS), "--into", str(lib), "--dry-run", "-q"])
    assert "would add 0 entries" in dry.stderr and "+@" not in dry.stdout


def test_keep_duplicates_adds_them_with_unique_keys(runner: CliRunner, tmp_path: Path) -> None:
    """--keep-duplicates is the old behaviour: every entry is appended, keys suffixed."""
    lib = tmp_path / "library.bib"
    runner.invoke(cli, ["import", str(WORKS), "--into", str(lib), "-q"])
    result = runner.invoke(cli, ["import", str(WORKS), "--into", str(lib), "-q",
                                 "--keep-duplicates"])
    assert result.exit_code == 0, result.stderr
    keys = bibtex.load(lib).keys()
    assert len(keys) == 86 == len(set(keys)) and "ahrari2011greata" in keys


def test_only_new_works_are_added(runner: CliRunner, tmp_path: Path) -> None:
    """A list with one work the library lacks adds that one; a different work by the
    same author in the same year is not mistaken for a known one."""
    lib = tmp_path / "library.bib"
    lib.write_text("@book{mandelbaum1998new,\n  author = {Mandelbaum, Michael},\n"
                   "  title = {The New Russian Foreign Policy},\n"
                   "  publisher = {Council on Foreign Relation Books},\n  year = 1998\n}\n",
                   encoding="utf-8")
    src = tmp_path / "list.txt"
    src.write_text("Mandelbaum, Michael. The New Russian Foreign Policy. New York: Council on "
                   "Foreign Relation Books, 1998.\n\nMandelbaum, Michael. The Dawn of Peace in "
                   "Europe. New York: Twentieth Century Fund Press, 1998.\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--into", str(lib), "-q"])
    assert result.exit_code == 0, result.stderr
    assert "1 imported, 1 already in" in result.stderr
    assert bibtex.load(lib).keys() == ["mandelbaum1998new", "mandelbaum1998dawn"]


def test_replaced_key_is_reported_and_kept(runner: CliRunner, tmp_path: Path) -> None:
    """A key import does not take (a Zotero item URI, a number, a key biber refuses) is
    replaced, and the old one is kept where its format writes it back, as the RIS reader
    keeps an ID BibTeX cannot hold: CSL-JSON's as csl:id (written back as the id, the new key
    as citation-key), RIS's as ris:ID (written back as the ID), a .bib key as an alias in
    ids (the old key still resolves). Each is an E104 warning at the record's line."""
    csl = tmp_path / "z.json"
    csl.write_text(json.dumps([
        {"id": "http://zotero.org/users/1/items/CD", "type": "book", "title": "Uneasy Alliance",
         "author": [{"family": "Alexandrov", "given": "Mikhail"}],
         "issued": {"date-parts": [["1999"]]}}], indent=2), encoding="utf-8")
    ris = tmp_path / "a.ris"
    ris.write_text("TY  - BOOK\nID  - 42\nAU  - Walt, Stephen\nTI  - Taming American Power\n"
                   "PY  - 2005\nER  -\n", encoding="utf-8")
    bib = tmp_path / "b.bib"
    bib.write_text("@book{Smith(2015),\n  author = {Smith, Jane},\n  title = {Steppe},\n"
                   "  year = {2015}\n}\n", encoding="utf-8")
    out = tmp_path / "out.bib"
    result = runner.invoke(cli, ["import", str(csl), str(ris), str(bib), "--into", str(out)])
    assert result.exit_code == 0, result.stderr
    lib = bibtex.load(out)
    assert lib.keys() == ["alexandrov1999uneasy", "walt2005taming", "smith2015steppe"]
    first, second, third = lib.entries
    assert first.extra["csl:id"] == "http://zotero.org/users/1/items/CD"
    assert second.extra["ris:ID"] == "42"
    assert third.ids == ["Smith(2015)"]
    assert (f"{csl}:2: E104 key 'http://zotero.org/users/1/items/CD' is not taken as a key; "
            "the entry is keyed 'alexandrov1999uneasy' and the key is kept as csl:id"
            in result.stderr)
    assert f"{ris}:2: E104 key '42' is not taken as a key" in result.stderr
    assert f"{bib}:1: E104 key 'Smith(2015)' is not taken as a key" in result.stderr
    assert "kept as an alias (ids)" in result.stderr
    back = json.loads(runner.invoke(cli, ["export", str(out), "--to", "csl-json"]).stdout)
    assert (back[0]["id"], back[0]["citation-key"]) == (
        "http://zotero.org/users/1/items/CD", "alexandrov1999uneasy")
    assert "ID  - 42\n" in runner.invoke(cli, ["export", str(out), "--to", "ris"]).stdout
