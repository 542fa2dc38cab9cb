"""Markdown export: a readable list that the free-text importer reads back."""

from __future__ import annotations

from pathlib import Path

from refs.io import formats, markdown
from refs.io.freetext import load, loads
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference

DATA = Path(__file__).parent.parent / "data" / "freetext"


def test_article_line() -> None:
    """An article renders Chicago author-date with the journal in italics."""
    ref = Reference(id="k", type="article-journal", title="Regionalism",
                    author=[Name(family="Allison", given="Roy")], issued=DateParts(year=2004),
                    container_title="International Affairs", volume="80", issue="3",
                    page=PageRange(first="463", last="483"))
    assert markdown.format_entry(ref) == (
        "Allison, Roy. 2004. “Regionalism.” *International Affairs* 80(3): 463–483.")


def test_book_title_in_italics_and_names_joined() -> None:
    """A book's title is italic; three authors are joined Chicago-style."""
    ref = Reference(id="k", type="book", title="The Foreign Policy of Russia",
                    author=[Name(family="Donaldson", given="Robert"),
                            Name(family="Nogee", given="Joseph"),
                            Name(family="Nadkarni", given="Vidya")],
                    issued=DateParts(year=2014), publisher="Routledge", publisher_place="New York")
    assert markdown.format_entry(ref) == (
        "Donaldson, Robert, Joseph Nogee, and Vidya Nadkarni. 2014. *The Foreign Policy of "
        "Russia*. New York: Routledge.")


def test_series_number_follows_the_series() -> None:
    """A book's number in its series (collection-number, and BibLaTeX's number of a @book,
    which refs now reads as that) is printed after the series, as a report's number is."""
    book = Reference(id="k", type="book", title="T", collection_title="Central Asia Studies",
                     collection_number="12")
    report = Reference(id="r", type="report", title="T", collection_title="Research Paper",
                       number="54")
    assert "Central Asia Studies 12." in markdown.format_entry(book)
    assert "Research Paper 54." in markdown.format_entry(report)


def test_export_reimports_the_seed_list() -> None:
    """Every Works Cited entry survives export to Markdown and re-import, but the two whose
    series number / proceedings line a Chicago list cannot carry unambiguously."""
    lib = load(DATA / "works_cited.txt")
    again = loads(markdown.dumps(lib))
    assert again.keys() == lib.keys()
    back = {r.id: r for r in again.entries}
    changed = {a.id for a in lib.entries if a.id in back and a.content() != back[a.id].content()}
    assert changed <= {"nopens2014impact", "zabortseva2011transformation"}


def test_registered_as_markdown_writer() -> None:
    """--to markdown and .md files use this writer."""
    assert formats.format_for("x.md").dumps is markdown.dumps
    assert formats.format_for("x", "markdown").dumps is markdown.dumps
    assert markdown.dumps(Library()) == ""


def test_date_whose_month_is_not_a_month_shows_its_year() -> None:
    """A month refs keeps but that names no calendar month (a CSL season, 13-16 or 21-24, or
    an RIS DA such as 2015/13/40, which check reports as E305) gives the year, not a crash."""
    for month, day in ((14, 3), (13, 40), (24, 1), (0, 5), (99, 99)):
        ref = Reference(id="k", type="book", title="T",
                        issued=DateParts(year=2015, month=month, day=day))
        assert markdown.format_entry(ref) == "2015. *T*."
    ref = Reference(id="k", type="book", title="T", issued=DateParts(year=2015, month=2, day=3))
    assert markdown.format_entry(ref) == "3 February 2015. *T*."


def test_season_shows_as_a_month_does() -> None:
    """The list gives a date without a day as its year (2015-05 is "2015."), so a season
    (CSL 13-16 or 21-24) is "2015." too, not "Summer 2015.": a month would be dropped alike."""
    shown = {month: markdown.format_entry(Reference(
        id="k", type="book", title="T", issued=DateParts(year=2015, month=month)))
        for month in (5, 14, 22, 16, 24)}
    assert set(shown.values()) == {"2015. *T*."}, shown


def test_line_breaks_in_values_keep_one_entry_per_line() -> None:
    """A value with line breaks (CSL-JSON abstracts and titles may hold them) would split
    the list item, and a break before '- ' would make a second item; whitespace runs are one
    space instead, so the list still has one line per entry."""
    ref = Reference(id="k", type="book", title="Part one\n- part two", publisher="P\r\nQ",
                    author=[Name(family="Doe", given="Jane")], issued=DateParts(year=2015))
    assert markdown.dumps(Library(entries=[ref])) == (
        "- Doe, Jane. 2015. *Part one - part two*. P Q.\n")


def test_no_date_is_one_period_not_two() -> None:
    """A reference without a date shows "n.d." once: the date's own period ends it, as the
    period of a literal date ("Spring 2004.") or of "n.d." given as a literal does."""
    ref = Reference(id="k", type="book", title="T", author=[Name(family="Doe", given="J.")])
    assert markdown.format_entry(ref) == "Doe, J. n.d. *T*."
    for literal in ("n.d.", "forthcoming."):
        ref = Reference(id="k", type="book", title="T", issued=DateParts(literal=literal))
        assert markdown.format_entry(ref) == f"{literal} *T*."


def test_values_ending_in_a_stop_get_no_second_period() -> None:
    """A value that already ends in '.', '?' or '!' (an abbreviated journal, "et al.", a
    publisher "Inc.", a series "Ser.", a title ending in "?" or "...") gets no second period."""
    ref = Reference(id="k", type="article-journal", title="Why now?",
                    author=[Name(family="Doe", given="J."), Name(literal="et al.")],
                    issued=DateParts(year=2015), container_title="Proc. Natl. Acad. Sci.")
    assert markdown.format_entry(ref) == (
        "Doe, J. and et al. 2015. “Why now?” *Proc. Natl. Acad. Sci.*")
    book = Reference(id="k", type="book", title="Wait...", issued=DateParts(year=2015),
                     collection_title="Studies Ser.", publisher="Brill Inc.",
                     publisher_place="Leiden")
    assert markdown.format_entry(book) == (
        "2015. *Wait...* Studies Ser. Leiden: Brill Inc.")
    shouted = Reference(id="k", type="chapter", title="Stop!", container_title="Go!")
    assert markdown.format_entry(shouted) == "n.d. “Stop!” In *Go!*"


def test_institution_without_a_date_reads_back() -> None:
    """A one-word institution without a date ("Rosoboronexport. n.d. “Title.” <URL>.", as
    Chicago author-date prints it) reads back through the free-text importer."""
    ref = Reference(id="k", type="webpage", title="Cooperation With Kazakhstan",
                    author=[Name(literal="Rosoboronexport")], url="http://roe.ru/x/")
    again = loads(markdown.dumps(Library(entries=[ref])))
    assert [r.title for r in again.entries] == ["Cooperation With Kazakhstan"]


def test_and_others_is_shown_as_et_al() -> None:
    """BibTeX's ``and others`` ends the name list as "et al.", not as a person."""
    ref = Reference(id="a", type="article-journal", title="T", container_title="J",
                    author=[Name(family="Smith", given="J."), Name(literal="others")],
                    issued=DateParts(year=2001))
    assert markdown.format_entry(ref).startswith("Smith, J., et al. 2001.")
