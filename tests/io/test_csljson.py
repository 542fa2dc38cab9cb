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


BAD_ITEMS = """[
  {"id": "good", "type": "book", "title": "Good"},
  42,
  {"id": 5, "type": "book",
   "title": {"a": 1},
   "author": [{"family": "Ok"}, 7],
   "volume": 3},
  "stray"
]
"""


def test_a_non_object_item_is_reported_and_the_rest_loads() -> None:
    """An array element that is not an object is E101 at its line; the others load."""
    lib = loads(BAD_ITEMS, path="x.json")
    assert lib.keys() == ["good", "5"]
    skipped = [d for d in lib.diagnostics if "not a JSON object" in d.message]
    assert [(d.code, d.location.path, d.location.line) for d in skipped] == [
        ("E101", "x.json", 3), ("E101", "x.json", 8)]
    assert "item 2 is a number (42)" in skipped[0].message and skipped[0].hint


def test_wrong_types_are_reported_per_field_and_not_used() -> None:
    """A dict title and a number among names are E101 at their line, not text like "{'a': 1}"."""
    lib = loads(BAD_ITEMS, path="x.json")
    ref = lib.get("5")
    assert ref is not None
    assert ref.title is None
    assert [n.family for n in ref.author] == ["Ok"]
    assert ref.volume == "3"  # CSL allows numbers there: no finding
    found = {(d.code, d.location.line, d.severity.value, d.key) for d in lib.diagnostics
             if "not a JSON object" not in d.message}
    assert found == {("E104", 4, "warning", "5"), ("E101", 5, "error", "5"),
                     ("E101", 6, "error", "5")}
    title = next(d for d in lib.diagnostics if d.location.line == 5)
    assert title.message == 'title is an object ({"a": 1}), not text; not read'
    assert title.hint and title.location.col == 4


def test_an_int_id_is_the_key_with_a_warning() -> None:
    """"id": 5 is read as key '5' (lossless), with an E104 warning saying so."""
    lib = loads('[{"id": 5, "type": "book"}]', path="x.json")
    assert lib.keys() == ["5"]
    assert [(d.code, d.message) for d in lib.diagnostics] == [
        ("E104", "id is a number (5); read as the text '5'")]


def test_bad_values_are_kept_and_written_back() -> None:
    """A value refs could not read is not lost: a CSL-JSON round trip restores it."""
    back = json.loads(dumps(loads(BAD_ITEMS)))
    assert back[1]["title"] == {"a": 1}
    assert back[1]["author"] == [{"family": "Ok"}, 7]


@pytest.mark.parametrize("item", [
    {"id": "k", "type": "book", "title": True},
    {"id": "k", "type": 3},
    {"id": "k", "type": "book", "issued": {"date-parts": "2015"}},
    {"id": "k", "type": "book", "page": {"first": 1}},
    {"id": "k", "type": "book", "ISBN": {"x": 1}},
    {"id": "k", "type": "book", "keyword": [1, {"a": 1}]},
    {"id": "k", "type": "book", "author": 5},
    {"id": "k", "type": "book", "editor": [{"family": 5}]},
    {"id": ["k"], "type": "book"},
    {"id": "k", "type": "book", "citation-key": 7},
])
def test_each_wrong_type_is_one_error(item: dict[str, object]) -> None:
    """Every kind of variable reports a value of the wrong JSON type as one E101."""
    lib = loads(json.dumps([item]), path="x.json")
    assert [(d.code, d.severity.value) for d in lib.diagnostics] == [("E101", "error")]
    assert len(lib) == 1


def test_well_typed_items_give_no_findings() -> None:
    """Strings, numbers where CSL allows them, Crossref's lists: no diagnostics."""
    item = {"id": "k", "type": "journal-article", "title": ["T"], "container-title": ["J", "J."],
            "volume": 9, "issue": "1", "page": 112, "ISSN": ["0036-8075"], "ISBN": "978",
            "author": [{"family": "A", "given": "B"}, {"literal": "WHO"}],
            "issued": {"date-parts": [[2008]]}, "keyword": "a, b", "custom": {"x": 1}}
    assert loads(json.dumps([item])).diagnostics == []
    assert loads((DATA / "cr-transform-csljson-10.1126_science.169.3946.635.json")
                 .read_text()).diagnostics == []


def test_a_single_object_is_one_item_only_with_a_csl_type() -> None:
    """doi.org sends one item (with a type); {"id": "a"} or an API envelope is not CSL-JSON."""
    assert loads('{"id": "a", "type": "book", "title": "T"}').keys() == ["a"]
    for text in ('{"id": "a"}', '{"status": "ok", "message": {"DOI": "10.1/x"}}',
                 '{"type": "module"}', '"text"', "5", "null"):
        with pytest.raises(ParseError, match="not CSL-JSON") as info:
            loads(text, path="x.json")
        assert info.value.line == 1 and info.value.hint


def test_items_carry_their_lines() -> None:
    """Each item knows the lines it spans, so rule findings on a .json file name the
    item's line instead of 1:1; a one-line array and a single object work too."""
    text = ('[\n  {"id": "a", "type": "book", "title": "A"},\n  {\n    "id": "b",\n'
            '    "type": "book"\n  },\n  {"id": "c", "type": "book"}\n]\n')
    lib = loads(text, path="x.json")
    spans = [(r.span.line, r.span.end_line) for r in lib.entries if r.span]
    assert spans == [(2, 2), (3, 6), (7, 7)]
    first = lib.entries[0].span
    assert first and text[first.start:first.end] == '{"id": "a", "type": "book", "title": "A"}'
    assert [r.span.line for r in loads('[{"id": "a"}, {"id": "b"}]').entries if r.span] == [1, 1]
    assert loads('\n\n{"id": "a", "type": "book"}').entries[0].span.line == 3  # type: ignore[union-attr]


def test_check_names_the_line_of_a_json_item(tmp_path: Path) -> None:
    """refs check on CSL-JSON: the finding is at the item's line."""
    from refs.check.runner import run
    from refs.io.formats import load

    path = tmp_path / "lib.json"
    path.write_text('[\n  {"id": "a", "type": "book", "title": "A", "author": [{"family": '
                    '"X"}], "issued": {"date-parts": [[2000]]}},\n  {"id": "b", "type": "book",'
                    ' "title": "B", "author": [{"family": "Y"}], "issued": {"date-parts": '
                    '[[2001]]}, "DOI": "nonsense"}\n]\n', encoding="utf-8")
    found = [d for d in run(load(path)) if d.code == "E301"]
    assert [(d.key, d.location.line) for d in found] == [("b", 3)]


def test_zotero_citation_key_and_item_id_round_trip() -> None:
    """Better BibTeX's citation-key is the key (not also an extra variable), and Zotero's
    item URI in id is kept and written back beside it."""
    item = {"id": "http://zotero.org/users/1/items/ABC", "citation-key": "smith2020",
            "type": "book", "title": "T"}
    ref = from_csl(item)
    assert ref.id == "smith2020"
    assert ref.extra == {"csl:id": "http://zotero.org/users/1/items/ABC"}
    out = to_csl(ref)
    assert (out["id"], out["citation-key"]) == (item["id"], "smith2020")
    # pandoc's shape (id is the key) gains nothing
    assert from_csl({"id": "smith2020", "citation-key": "smith2020", "type": "book"}).extra == {}


def test_variables_named_like_refs_bookkeeping_are_kept() -> None:
    """'extra' and 'ids' in a CSL item are not refs' own fields, but they are not dropped:
    they are kept verbatim and written back."""
    item = {"id": "a", "type": "book", "extra": "PMID: 123", "ids": ["x", "y"]}
    ref = from_csl(item)
    assert ref.ids == [] and ref.extra == {"csl:extra": "PMID: 123", "csl:ids": '["x", "y"]'}
    out = to_csl(ref)
    assert (out["extra"], out["ids"]) == ("PMID: 123", ["x", "y"])


def test_other_dates_kept_with_numeric_date_parts() -> None:
    """original-date and event-date (kept in extra) get their text date-parts as numbers,
    as issued does, so Zotero's ["1998", "5"] and [1998, 5] are one value; other shapes
    of those dates are kept as they are."""
    ref = from_csl({"id": "a", "type": "book",
                    "original-date": {"date-parts": [["1998", "5"]]},
                    "event-date": {"date-parts": [["2007", 9], [2007, "10"]]},
                    "submitted": {"date-parts": [["spring"]]},
                    "available-date": {"raw": "2001-02"}})
    assert ref.extra == {"csl:original-date": '{"date-parts": [[1998, 5]]}',
                         "csl:event-date": '{"date-parts": [[2007, 9], [2007, 10]]}',
                         "csl:submitted": '{"date-parts": [["spring"]]}',
                         "csl:available-date": '{"raw": "2001-02"}'}
    assert to_csl(ref)["original-date"] == {"date-parts": [[1998, 5]]}


def test_check_hint_on_json_names_a_way_to_silence_that_exists(tmp_path: Path) -> None:
    """A .json file cannot hold a '% refs: ignore' comment: the hint names the
    per-file-ignores setting instead (a .bib file keeps the comment hint)."""
    from refs.check.runner import run
    from refs.io.formats import load

    path = tmp_path / "lib.json"
    path.write_text('[{"id": "a", "type": "book", "title": "A"}]', encoding="utf-8")
    hints = {d.hint for d in run(load(path)) if d.code == "E203"}
    assert hints and all('per-file-ignores = { "lib.json" = ["E203"] }' in (h or "")
                         for h in hints)
    bib = tmp_path / "lib.bib"
    bib.write_text("@book{a, title = {A}}\n", encoding="utf-8")
    assert all("% refs: ignore E203" in (d.hint or "")
               for d in run(load(bib)) if d.code == "E203")


def test_check_on_json_speaks_csl_names(tmp_path: Path) -> None:
    """Missing fields of a CSL-JSON item are named as CSL names them (container-title,
    issued), not as BibLaTeX does (journaltitle or journal, date or year)."""
    from refs.check.runner import run
    from refs.io.formats import load

    path = tmp_path / "lib.json"
    path.write_text('[{"id": "b", "type": "article-journal", "title": "B", '
                    '"author": [{"family": "Y"}]}]', encoding="utf-8")
    messages = sorted(d.message for d in run(load(path)) if d.code == "E203")
    assert messages == ["article-journal 'b' lacks container-title",
                        "article-journal 'b' lacks issued"]


def test_check_hints_on_json_use_csl_syntax(tmp_path: Path) -> None:
    """Page ranges are shown and suggested with CSL's single hyphen, and the all-caps
    hint does not suggest BibTeX braces."""
    from refs.check.runner import run
    from refs.io.formats import load

    path = tmp_path / "lib.json"
    path.write_text('[{"id": "a", "type": "article-journal", "title": "ALL CAPS TITLE HERE",'
                    ' "author": [{"family": "Y"}], "issued": {"date-parts": [[2000]]}, '
                    '"container-title": "J", "page": "20-10"}]', encoding="utf-8")
    found = {d.code: d for d in run(load(path))}
    assert found["E306"].message == "page '20-10': the range 20-10 is reversed"
    assert found["E306"].hint == "write page as first-last, e.g. 231-245"
    assert found["W301"].hint == "retype it in title or sentence case"


@pytest.mark.parametrize("parts", [
    "[[Infinity]]", "[[-Infinity]]", "[[NaN]]", "[[1e400]]", "[[2015.5]]", "[[true]]",
    '[["x"]]', '[["\u0661\u0669\u0669\u0669"]]'])
def test_a_year_that_is_not_a_number_is_reported_not_a_crash(parts: str) -> None:
    """A date-part year JSON gives as infinity, NaN, a fraction, true/false or text that is
    not digits is no year: issued is E101 at its line (it used to raise OverflowError for
    Infinity and 1e400), the value is kept and written back, and the other items load."""
    text = ('[{"id": "a", "type": "book"},\n'
            f' {{"id": "b", "type": "book",\n  "issued": {{"date-parts": {parts}}}}}]')
    lib = loads(text, path="x.json")
    assert lib.keys() == ["a", "b"]
    assert lib.entries[1].issued is None
    assert [(d.code, d.location.line) for d in lib.diagnostics] == [("E101", 3)]
    assert "issued" in lib.diagnostics[0].message and lib.diagnostics[0].hint
    assert _as_json(json.loads(dumps(lib))[1]["issued"]) == _as_json({"date-parts": parts})


@pytest.mark.parametrize(("parts", "which"), [
    ("[[2015, Infinity]]", "month"), ("[[2015, 1e400]]", "month"), ('[[2015, "spring"]]', "month"),
    ("[[2015, true]]", "month"), ("[[2015, 3, 1.5]]", "day"), ("[[2015, 3, NaN]]", "day")])
def test_a_month_or_day_that_is_not_a_number_is_reported(parts: str, which: str) -> None:
    """A month or day that is not a number is one E101 naming it (not silently dropped, and
    true is not month 1); the year is still read and the date is written back as it was."""
    lib = loads(f'[{{"id": "b", "type": "book", "issued": {{"date-parts": {parts}}}}}]',
                path="x.json")
    assert lib.entries[0].issued is not None and lib.entries[0].issued.year == 2015
    assert [d.code for d in lib.diagnostics] == ["E101"]
    assert f"issued {which} is " in lib.diagnostics[0].message
    assert _as_json(json.loads(dumps(lib))[0]["issued"]) == _as_json({"date-parts": parts})


def _as_json(value: object) -> str:
    """``value`` as JSON text, date-parts given as JSON text parsed (NaN equals NaN here)."""
    if isinstance(value, dict) and isinstance(value.get("date-parts"), str):
        value = {"date-parts": json.loads(value["date-parts"])}
    return json.dumps(value)


def test_parse_date_never_raises_on_odd_numbers() -> None:
    """parse_date (public) gives None for a year it cannot read, never OverflowError."""
    assert parse_date({"date-parts": [[float("inf")]]}) is None
    assert parse_date({"date-parts": [[2015, float("nan")]]}) == DateParts(year=2015)
    assert parse_date({"date-parts": [[2015.0, "03"]]}) == DateParts(year=2015, month=3)


@pytest.mark.parametrize("date", [
    {"date-parts": [[2001, 1], [2002, 2]]}, {"date-parts": [[2015]], "season": 1},
    {"date-parts": [[2015, 3, 1, 9]]}])
def test_a_range_or_season_is_written_back_whole(date: dict[str, object]) -> None:
    """refs reads a range's start (and no season), but a CSL-JSON round trip gave back only
    that start, losing the end of the range and the season; now the date is written as it was."""
    item = {"id": "k", "type": "book", "issued": date}
    lib = loads(json.dumps([item]))
    assert lib.diagnostics == []
    assert lib.entries[0].issued is not None and lib.entries[0].issued.year in (2001, 2015)
    assert json.loads(dumps(lib)) == [item]


def test_an_edited_date_is_written_not_the_range_it_replaced() -> None:
    """Once issued is changed (by a person, or enrich), the range read from the file is stale:
    the new date is written, not the old spelling."""
    lib = loads('[{"id": "k", "type": "book", "issued": {"date-parts": [[2001], [2002]]}}]')
    lib.entries[0].issued = DateParts(year=1999)
    assert json.loads(dumps(lib))[0]["issued"] == {"date-parts": [[1999]]}
    lib = loads('[{"id": "k", "type": "book", "issued": {"date-parts": "2015"}}]')
    lib.entries[0].issued = DateParts(year=2015)
    assert json.loads(dumps(lib))[0]["issued"] == {"date-parts": [[2015]]}


def test_keyword_is_written_as_csl_text() -> None:
    """CSL's keyword is one text (comma-separated), not a list: it is written that way."""
    for keyword in ("a, b", ["a", "b"]):
        lib = loads(json.dumps([{"id": "k", "type": "book", "keyword": keyword}]))
        assert json.loads(dumps(lib))[0]["keyword"] == "a, b"


def test_extras_of_other_formats_travel_in_custom() -> None:
    """RIS tags (ris:ZZ, a kept TY or ID) and .bib fields refs has no variable for
    (mrnumber) were dropped by to_csl, which restored csl:* extras only. They go into CSL's
    custom object (the schema's place for key-value pairs; items allow no other unknown
    keys), RIS tags as they are, .bib fields as bibtex:<name>, and read back as the extras
    they were; keys of custom refs did not write stay custom, written back as they were."""
    ref = Reference(id="k", type="book", title="T", extra={
        "ris:ZZ": "vendor\nagain", "ris:TY": "EBOOK", "ris:ID": "a,b c", "mrnumber": "123",
        "MRclass": "{12}", "csl:archive": "A"})
    item = to_csl(ref)
    assert item["custom"] == {"ris:ZZ": "vendor\nagain", "ris:TY": "EBOOK", "ris:ID": "a,b c",
                              "bibtex:mrnumber": "123", "bibtex:MRclass": "{12}"}
    assert item["archive"] == "A"
    back = from_csl(item)
    assert back.extra == ref.extra
    foreign = {"id": "k", "type": "book", "custom": {"short_id": "xyz", "n": [1],
                                                     "bibtex:csl:x": "no", "ris:Q": 5}}
    kept = from_csl(foreign)
    assert json.loads(kept.extra["csl:custom"]) == foreign["custom"]
    assert to_csl(kept)["custom"] == foreign["custom"]
    both = kept.model_copy(update={"extra": {**kept.extra, "ris:ZZ": "v"}})
    assert to_csl(both)["custom"] == {**foreign["custom"], "ris:ZZ": "v"}
    assert from_csl(to_csl(both)).extra == both.extra


# -- numbers stay numbers -----------------------------------------------------------------
# "volume": 12 was read as the text "12" (Reference holds text) and written back as "12":
# a CSL-JSON round trip changed the file's types.


def test_json_numbers_are_written_back_as_numbers() -> None:
    """Variables given as JSON numbers (kept as fields or in extra) come back as numbers,
    those given as text as text; the Reference's text is the same either way."""
    items = [{"id": "a", "type": "article-journal", "title": "T", "volume": 12, "issue": "3",
              "page": 5, "edition": 2.5, "number-of-pages": 300, "chapter-number": 7,
              "version": "4"}]
    lib = loads(json.dumps(items))
    ref = lib.entries[0]
    assert (ref.volume, ref.page, ref.edition) == ("12", PageRange(first="5"), "2.5")
    assert ref.content() == from_csl({**items[0], "volume": "12", "page": "5"}).content()
    assert json.loads(dumps(lib)) == items


def test_number_edited_into_text_is_written_as_text() -> None:
    lib = loads(json.dumps([{"id": "a", "type": "book", "volume": 12, "page": 5}]))
    lib.entries[0].volume = "12a"
    lib.entries[0].page = PageRange(first="5", last="9")
    assert json.loads(dumps(lib))[0] == {"id": "a", "type": "book", "volume": "12a",
                                         "page": "5-9"}
    lib.entries[0].volume = "13"
    assert json.loads(dumps(lib))[0]["volume"] == 13
