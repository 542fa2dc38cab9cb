"""Crossref work message -> Reference: the mapping tables against recorded responses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.io.crossref_json import TYPES, from_message, strip_jats, updates

DATA = Path(__file__).resolve().parent.parent / "data" / "crossref"


def _message(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((DATA / name).read_text("utf-8"))["message"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "csl_type"), [
    ("cr-work-10.1038_srep16696.json", "article-journal"),
    ("cr-work-10.1109_icdcsw.2003.1203662.json", "paper-conference"),
    ("cr-work-book-10.1017_9781108348843.json", "book"),
    ("cr-work-bookchapter-10.1007_978-3-662-46370-3_13.json", "chapter"),
    ("cr-work-dissertation-10.14264_uql.2020.791.json", "thesis"),
])
def test_types_follow_the_table(name: str, csl_type: str) -> None:
    """Crossref types become CSL types through TYPES; the Crossref type is kept in extra."""
    message = _message(name)
    ref = from_message(message)
    assert ref.type == csl_type == TYPES[message["type"]]
    assert ref.extra["crossref-type"] == message["type"]


def test_print_date_is_preferred() -> None:
    """published-print wins over published-online and issued."""
    message = _message("cr-work-10.1016_j.neurobiolaging.2010.03.024.json")
    ref = from_message(message)
    assert ref.issued is not None
    assert [ref.issued.year, ref.issued.month] == message["published-print"]["date-parts"][0][:2]


def test_article_number_fills_page_when_there_is_no_range() -> None:
    """Sci Rep has no page range; its article number is the page."""
    ref = from_message(_message("cr-work-10.1038_srep16696.json"))
    assert ref.page is not None and ref.page.first == "16696"


def test_pages_isbn_and_issn_types() -> None:
    """page ranges split; ISBNs and ISSNs keep their print/electronic types in extra."""
    chapter = from_message(_message("cr-work-bookchapter-10.1007_978-3-662-46370-3_13.json"))
    assert (chapter.page.first, chapter.page.last) == ("155", "158")  # type: ignore[union-attr]
    assert "9783662463697" in chapter.isbn
    assert "print:" in chapter.extra["isbn-type"]
    journal = from_message(_message("cr-work-weird-10.1111_(issn)1442-9993.json"))
    assert set(journal.issn) == {"1442-9985", "1442-9993"}


def test_orcid_and_institutional_authors() -> None:
    """ORCID URLs become bare ids; an author with only ``name`` is an unsplit literal."""
    message = {"DOI": "10.5555/x", "type": "report", "title": ["T"], "author": [
        {"given": "Ann", "family": "Lee", "ORCID": "http://orcid.org/0000-0002-1825-0097"},
        {"name": "Radio Free Europe/Radio Liberty", "sequence": "additional"}]}
    ref = from_message(message)
    assert ref.author[0].orcid == "0000-0002-1825-0097"
    assert ref.author[1].literal == "Radio Free Europe/Radio Liberty"
    assert ref.author[1].is_institution


def test_subtitle_is_joined_and_abstract_stripped() -> None:
    """Crossref's split title/subtitle is joined; JATS tags leave the abstract."""
    abstract = "<jats:p>First &amp; <jats:italic>second</jats:italic></jats:p>"
    ref = from_message({"DOI": "10.5555/y", "type": "journal-article", "title": ["Main"],
                        "subtitle": ["A Subtitle"], "abstract": abstract})
    assert ref.title == "Main: A Subtitle"
    assert ref.abstract == "First & second"
    assert strip_jats("<p>a</p>\n<p>b</p>") == "a b"


def test_updates_in_both_directions() -> None:
    """updated-by and update-to become Update records with kind, source and date."""
    corrected = updates(_message("cr-work-10.1371_journal.pone.0033693.json"))
    assert [(u.direction, u.kind, u.source) for u in corrected] == [
        ("updated-by", "correction", "publisher")]
    assert corrected[0].date is not None and corrected[0].date.year == 2012
    both = updates(_message("cr-work-updateto-10.1371_journal.ppat.1008184.json"))
    assert {u.direction for u in both} == {"updated-by", "update-to"}
    assert {u.kind for u in both} == {"new-version"}


def test_retraction_watch_entry() -> None:
    """A Retraction Watch retraction (shape from Crossref's tutorial) keeps its record id."""
    message = {"DOI": "10.5555/r", "type": "journal-article", "title": ["R"],
               "updated-by": [{"DOI": "10.5555/notice", "type": "retraction",
                               "source": "retraction-watch", "record-id": 24708,
                               "label": "Retraction",
                               "updated": {"date-parts": [[2010, 2, 2]]}}]}
    (update,) = updates(message)
    assert (update.kind, update.source, update.record_id) == (
        "retraction", "retraction-watch", "24708")


def test_sparse_and_old_records_do_not_fail() -> None:
    """Every recorded work maps, even a 1943 record and a journal-level DOI."""
    for path in sorted(DATA.glob("cr-work-*.json")):
        ref = from_message(json.loads(path.read_text("utf-8"))["message"])
        assert ref.doi and ref.id == ref.doi
