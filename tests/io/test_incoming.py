"""Entries coming into a library (refs.io.incoming): reader by suffix, decoding, keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.errors import ParseError
from refs.io.incoming import Incoming, load, loads, sniff

STRING = "Doe, Jane. 2005. Steppe Politics. Almaty: KazISS.\n"


def test_free_text_is_parsed_and_keyed_apart_from_taken() -> None:
    """A string becomes an entry with its parse; its key avoids ``taken``, which grows."""
    taken = {"doe2005steppe"}
    entries, diags = loads(STRING, path="<stdin>", taken=taken)
    (ref, parsed), = entries
    assert diags == [] and parsed is not None and parsed.reference is ref
    assert ref.id == "doe2005steppea" and taken == {"doe2005steppe", "doe2005steppea"}
    assert ref.span is not None and (ref.span.path, ref.span.line) == ("<stdin>", 1)


def test_bytes_are_decoded_like_a_file() -> None:
    """Latin-1 bytes read with an E103 warning first; binary bytes are a ParseError."""
    got = loads("Müller, J. (2020). Über alles. Journal of Things, 3(2), 1-10.\n"
                .encode("latin-1"), path="<stdin>")
    assert [d.code for d in got.diagnostics] == ["E103"]
    assert got.entries[0][0].author[0].family == "Müller"
    with pytest.raises(ParseError, match="not a text file") as err:
        loads(b"\x7fELF\x02\x01\n\x00\x00\xff", path="<stdin>")
    assert err.value.line == 2


def test_unreadable_strings_are_diagnostics_with_their_line() -> None:
    """A string that is no reference is an E101 (parse-error) at its line, and no entry."""
    got = loads(STRING + "\n1995 Decree President Russian Fed\n", path="notes.txt")
    assert len(got.entries) == 1
    assert [(d.code, d.location.path, d.location.line) for d in got.diagnostics] == [
        ("E101", "notes.txt", 3)]
    assert got.unread() == got.diagnostics


def test_short_notes_are_reported_as_not_references_not_as_errors() -> None:
    """'Ibid., 6' and 'Author, Title, 12.' point back to a full reference: I101 (info) at
    their line, not imported, and not counted as unread."""
    got = loads(STRING + "\nIbid., 6\n\nClarke, “Kazakhstan’s Multi-vector Policy,” 2015.\n",
                path="notes.txt")
    assert len(got.entries) == 1
    assert [(d.code, d.severity.value, d.location.line) for d in got.diagnostics] == [
        ("I101", "info", 3), ("I101", "info", 5)]
    assert all("short note" in d.message for d in got.diagnostics)
    assert got.unread() == []


@pytest.mark.parametrize("note", [
    "Tsygankov, Russia’s Foreign Policy, 158-159.",      # read as no title at all
    "Donaldson, Nogee, and Nadkarni, Foreign Policy of Russia, 212.",  # read as a book
])
def test_short_notes_are_known_by_their_shape_whatever_the_parse(note: str) -> None:
    """Names, a short title and a page: I101, and no thin entry imported."""
    got = loads(f"{STRING}\n{note}\n", path="notes.txt")
    assert len(got.entries) == 1
    assert [(d.code, d.location.line) for d in got.diagnostics] == [("I101", 3)]


def test_a_chapter_citing_its_book_short_is_still_imported() -> None:
    """Chicago 14.112: ``In Prazniak and Dirlik, 15–51.`` names the book by its editors;
    the chapter itself is a full reference."""
    got = loads("Dirlik, Arif. “Place-Based Imagination: Globalism and the Politics of "
                "Place.” In Prazniak and Dirlik, 15–51.\n", path="notes.txt")
    assert len(got.entries) == 1 and got.diagnostics == []


_PROSE = ("Since the dissolution of the Soviet Union, Russia and Kazakhstan have been seen to "
          "maintain a special relationship, and the question asked here is how that came to be "
          "so and whether it will hold now that the region is changing in ways that were not "
          "foreseen by either of the two governments when they first signed their treaties.")


def test_a_manuscripts_text_before_its_heading_is_one_finding() -> None:
    """A whole paper: its paragraphs and section titles before 'Works Cited' are one I101
    naming their lines, and the list after the heading is imported."""
    text = (f"Russia and Kazakhstan\n\n{_PROSE}\n\nEarly Years\n\n{_PROSE}\n\n"
            f"Works Cited\n\n{STRING}\nRoe, Sam. 2010. Caspian Oil. London: Verso.\n")
    got = loads(text, path="paper.txt")
    assert [ref.title for ref, _ in got.entries] == ["Steppe Politics", "Caspian Oil"]
    (body,) = got.diagnostics
    assert (body.code, body.severity.value, body.location.line) == ("I101", "info", 1)
    assert "4 paragraphs before the 'Works Cited' heading (lines 1-7)" in body.message
    assert got.unread() == []


def test_references_before_a_later_heading_are_still_imported() -> None:
    """A list with a heading further down ('Further reading') is no manuscript: the
    references above the heading are imported, not taken for body text."""
    text = (f"{STRING}\nRoe, Sam. 2010. Caspian Oil. London: Verso.\n\nFurther reading\n\n"
            "Poe, Al. 2012. Steppe Roads. Oxford: OUP.\n")
    got = loads(text, path="list.txt")
    assert len(got.entries) == 3 and got.diagnostics == []


@pytest.mark.parametrize("line", ["Related Services", "View all", "Cite This Work",
                                  "DMCA / Removal Request"])
def test_a_heading_or_a_web_pages_link_text_is_not_an_error(line: str) -> None:
    """A few words with no number and no separators: I101; a short line with a year or
    punctuation may be a broken reference, and stays E101."""
    got = loads(f"{STRING}\n{line}\n\n1995 Decree President Russian Fed\n", path="list.txt")
    assert [(d.code, d.location.line) for d in got.diagnostics] == [("I101", 3), ("E101", 5)]


def test_a_paragraph_of_running_text_in_the_list_is_not_an_error() -> None:
    """Running text after the heading (a discursive note) is I101, not E101."""
    got = loads(f"References\n\n{STRING}\n{_PROSE}\n", path="list.txt")
    assert len(got.entries) == 1
    assert [(d.code, d.location.line) for d in got.diagnostics] == [("I101", 5)]
    assert "running text" in got.diagnostics[0].message


def test_import_diagnostics_use_the_codes_of_the_rule_table() -> None:
    """Every code import reports means what `refs rule CODE` says it means (E102 once
    named an unreadable string here and unbalanced braces in the rule table)."""
    from refs.check.registry import discover, get_rule

    discover()
    got = loads(STRING + "\nIbid., 6\n\nDoe, J. 2005. T. P.\n", path="notes.txt",
                taken={"doe2005t"}, key_format="{author}{year}{title}")
    assert got.diagnostics
    for d in got.diagnostics:
        known = get_rule(d.code)
        assert known is not None and (known.name, known.severity) == (d.name, d.severity)


def test_unread_counts_only_errors_outside_the_entries_read(tmp_path: Path) -> None:
    """An error inside a record's lines is that record's problem; a skipped item is unread;
    a warning is neither."""
    src = tmp_path / "items.json"
    src.write_text('[\n {"id": 7, "type": "book", "title": "X",\n'
                   '  "issued": {"date-parts": [["bad"]]}},\n "text",\n'
                   ' {"id": "b2", "type": "book", "title": "Y"}\n]\n', encoding="utf-8")
    got = load(src)
    assert [ref.title for ref, _ in got.entries] == ["X", "Y"]
    assert {(d.code, d.location.line) for d in got.diagnostics if d.code == "E101"} == {
        ("E101", 3), ("E101", 4)}
    assert [(d.code, d.location.line) for d in got.unread()] == [("E101", 4)]


@pytest.mark.parametrize("name", ["list.txt", "list.md", "list.refs", "list.bib.txt"])
def test_text_and_unknown_suffixes_are_free_text(tmp_path: Path, name: str) -> None:
    """.txt, .md and any suffix no format claims are read as a reference list."""
    path = tmp_path / name
    path.write_text(STRING, encoding="utf-8")
    entries, _ = load(path, key_format="{author}{year}")
    assert [(ref.id, parsed is not None) for ref, parsed in entries] == [("doe2005", True)]
    assert entries[0][0].span is not None and entries[0][0].span.path == str(path)


RIS = "TY  - BOOK\nAU  - Doe, Jane\nTI  - Steppe Politics\nPY  - 2005\nER  - \n"
CSL = '[\n  {"id": "doe", "type": "book", "title": "Steppe Politics"}\n]\n'
BIB = "% exported\n@book{doe2005,\n  title = {Steppe Politics}\n}\n"


@pytest.mark.parametrize(("text", "expected"), [
    (CSL, "csl-json"), ('\ufeff{"id": "x", "type": "book"}', "csl-json"), ("[]", "csl-json"),
    (RIS, "ris"), ("1.\nTY  - JOUR\n", "ris"), (BIB, "bibtex"), ("@string(j = {J})", "bibtex"),
    (STRING, "text"), ("[1] Doe, J. 2005. Steppe Politics.", "text"),
    ("@Doe on Twitter, 2005.", "text"), ("{Doe} 2005, Steppe Politics.", "text"), ("", "text"),
])
def test_sniff_tells_structured_files_from_reference_lists(text: str, expected: str) -> None:
    """A structured file is told by how it begins; a numbered or odd list stays free text."""
    assert sniff(text) == expected


@pytest.mark.parametrize(("name", "text"), [("export.txt", RIS), ("items.refs", CSL),
                                            ("lib.bib.txt", BIB)])
def test_structured_text_under_another_name_is_read_as_what_it_is(
        tmp_path: Path, name: str, text: str) -> None:
    """An RIS export saved as .txt (or CSL-JSON under a suffix no format claims) is read
    as RIS, not as a reference list whose every line is unreadable."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    got = load(path)
    assert [(ref.title, parsed) for ref, parsed in got.entries] == [("Steppe Politics", None)]
    assert got.unread() == []


def test_piped_csl_json_is_read_as_csl_json() -> None:
    """Zotero's "Copy as CSL JSON" piped into ``refs import -``: bytes, no name."""
    got = loads(CSL.encode(), path="<stdin>", taken={"doe"})
    (ref, parsed), = got.entries
    assert parsed is None and ref.title == "Steppe Politics" and ref.id != "doe"


def test_structured_formats_are_rekeyed_without_a_parse(tmp_path: Path) -> None:
    """A CSL-JSON item keyed by a Zotero URI gets a pattern key and an E104; a taken key
    is replaced silently; neither carries a free-text parse."""
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps([
        {"id": "http://zotero.org/users/1/items/AB", "type": "book", "title": "Steppe Politics",
         "author": [{"family": "Doe"}], "issued": {"date-parts": [[2005]]}},
        {"id": "walt2005", "type": "book", "title": "Taming American Power",
         "author": [{"family": "Walt"}], "issued": {"date-parts": [[2005]]}}]),
        encoding="utf-8")
    taken = {"walt2005"}
    got = load(path, key_format="{author}{year}", taken=taken)
    assert isinstance(got, Incoming)
    assert [(ref.id, parsed) for ref, parsed in got.entries] == [
        ("doe2005", None), ("walt2005a", None)]
    assert [(d.code, d.key, d.location.path) for d in got.diagnostics] == [
        ("E104", "doe2005", str(path))]
    assert got.entries[0][0].extra["csl:id"] == "http://zotero.org/users/1/items/AB"
    assert taken == {"walt2005", "doe2005", "walt2005a"}


def test_several_inputs_are_keyed_against_each_other(tmp_path: Path) -> None:
    """The same work read twice, sharing ``taken``, gets two different keys."""
    path = tmp_path / "a.txt"
    path.write_text(STRING, encoding="utf-8")
    taken: set[str] = set()
    first, second = (load(path, taken=taken).entries[0][0].id for _ in range(2))
    assert first != second and taken == {first, second}


def test_a_numeric_csl_id_is_reported_once_as_text_then_as_a_replaced_key(
        tmp_path: Path) -> None:
    """The loader used to say "read as the key '5'" and the rekeying, next line, that '5'
    is not taken as a key: one of the two was always wrong."""
    path = tmp_path / "items.json"
    path.write_text('[{"id": 5, "type": "book", "title": "Five", "author": [{"family": '
                    '"Doe"}], "issued": {"date-parts": [[2001]]}}]', encoding="utf-8")
    got = load(path, key_format="{author}{year}")
    assert [ref.id for ref, _ in got.entries] == ["doe2001"]
    messages = [d.message for d in got.diagnostics]
    assert messages[0] == "id is a number (5); read as the text '5'"
    assert "not taken as a key" in messages[1] and len(messages) == 2
