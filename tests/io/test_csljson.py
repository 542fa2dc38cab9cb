"""CSL-JSON <-> Reference: spellings real producers use, and a lossless round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.errors import ParseError
from refs.io.csljson import dumps, from_csl, loads, parse_date, parse_pages, to_csl
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference

DATA = Path(__file__).resolve().parent.parent / "data" / "crossref"


def test_crossref_content_negotiation_item() -> None:
    """The recorded doi.org CSL-JSON (Crossref flavour: lists, its own type names) loads."""
    lib = loads((DATA / "cr-transform-csljson-10.1126_science.169.3946.635.json").read_text())
    ref = lib.entries[0]
    assert ref.type == "article-journal"
    assert ref.container_title == "Science"
    assert ref.issued == DateParts(year=1970, month=8, day=14)
    assert ref.page == PageRange(first="635", last="641")
    assert ref.issn == ["0036-8075", "1095-9203"]


@pytest.mark.parametrize(("value", "expected"), [
    ({"date-parts": [[2015, 3]]}, DateParts(year=2015, month=3)),
    ({"date-parts": [["2015"]]}, DateParts(year=2015)),
    ({"raw": "2004-05-06"}, DateParts(year=2004, month=5, day=6)),
    ({"literal": "Spring 2004"}, DateParts(literal="Spring 2004")),
    ({"date-parts": [[1999]], "circa": True}, DateParts(year=1999, circa=True)),
    ({"date-parts": [[2001, 1], [2002, 2]]}, DateParts(year=2001, month=1)),
    ("2010", DateParts(year=2010)),
    ({}, None),
])
def test_date_spellings(value: object, expected: DateParts | None) -> None:
    """date-parts, raw, literal, circa, ranges (start kept) and bare strings."""
    assert parse_date(value) == expected


def test_pages_and_identifiers() -> None:
    """Page ranges with any dash; ISBN strings with several numbers become lists."""
    assert parse_pages("317–335") == PageRange(first="317", last="335")
    assert parse_pages("e1003") == PageRange(first="e1003")
    ref = from_csl({"id": "x", "ISBN": "9780415 9781315, 123", "volume": 18})
    assert ref.isbn == ["9780415", "9781315", "123"]
    assert ref.volume == "18"


def test_unknown_variables_survive_a_round_trip() -> None:
    """Variables refs has no field for are kept in extra and written back."""
    item = {"id": "k", "type": "book", "title": "T", "archive": "Box 3",
            "custom": {"a": [1, 2]}}
    back = to_csl(from_csl(item))
    assert back["archive"] == "Box 3"
    assert back["custom"] == {"a": [1, 2]}


def test_not_json_is_a_parse_error() -> None:
    """Bad JSON raises ParseError with the line and a hint."""
    with pytest.raises(ParseError) as info:
        loads("[{\n,]", path="x.json")
    assert info.value.line == 2 and info.value.path == "x.json"


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=20).map(str.strip).filter(bool)
_names = st.lists(st.builds(Name, family=_text, given=st.none() | _text), max_size=3)
_refs = st.builds(
    Reference, id=st.from_regex(r"[a-z]{1,8}[0-9]{0,4}", fullmatch=True),
    type=st.sampled_from(["book", "article-journal", "chapter"]), title=st.none() | _text,
    author=_names,
    issued=st.none() | st.builds(DateParts, year=st.integers(1000, 2100),
                                 month=st.none() | st.integers(1, 12)),
    page=st.none() | st.builds(PageRange, first=st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True),
                               last=st.none() | st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True)),
    volume=st.none() | st.from_regex(r"[0-9]{1,3}", fullmatch=True),
    isbn=st.lists(st.from_regex(r"97[89][0-9]{10}", fullmatch=True), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_refs, max_size=4))
def test_round_trip_keeps_every_field(refs: list[Reference]) -> None:
    """dumps then loads gives back the same content for every entry."""
    text = dumps(Library(entries=refs))
    json.loads(text)
    back = loads(text)
    assert [r.content() for r in back.entries] == [r.content() for r in refs]
    assert [r.id for r in back.entries] == [r.id for r in refs]


def test_deeply_nested_json_is_a_parse_error() -> None:
    """JSON nested past Python's recursion limit is bad input, not an internal RecursionError."""
    with pytest.raises(ParseError) as info:
        loads("[" * 100_000 + "]" * 100_000, path="deep.json")
    assert info.value.path == "deep.json" and info.value.line == 1
    assert "nested too deeply" in info.value.message and info.value.hint
