"""RIS reader and writer: tags, synonyms, broken records, round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs import check
from refs.io import formats, ris
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference
from refs.text.names import OTHERS
from strategies import csl_date_parts

RECORD = """TY  - JOUR
AU  - Laumulin, Murat
A1  - Shaken, Mukhtar
T1  - Kazakhstan and Russia
JF  - Central Asia and the Caucasus
Y1  - 2008/02/29/
VL  - 9
IS  - 1
SP  - 112
EP  - 124
DO  - 10.1000/xyz
UR  - https://ca-c.org/x
KW  - Russia
ZZ  - vendor field
ER  -
"""


def test_reads_fields_and_synonyms() -> None:
    """AU/A1, T1, JF, Y1 and the page pair map onto the Reference."""
    r = ris.loads(RECORD).entries[0]
    assert r.type == "article-journal"
    assert [n.family for n in r.author] == ["Laumulin", "Shaken"]
    assert (r.title, r.container_title) == ("Kazakhstan and Russia",
                                            "Central Asia and the Caucasus")
    assert r.issued == DateParts(year=2008, month=2, day=29)
    assert (r.volume, r.issue, r.page) == ("9", "1", PageRange(first="112", last="124"))
    assert (r.doi, r.url, r.keyword) == ("10.1000/xyz", "https://ca-c.org/x", ["Russia"])
    assert r.extra == {"ris:ZZ": "vendor field"}
    assert r.id == "laumulin2008kazakhstan"


def test_broken_records_are_diagnostics_not_exceptions() -> None:
    """A stray line and a missing ER are E101 with lines; the records still load."""
    text = "garbage\n" + RECORD.replace("ER  -\n", "") + RECORD
    lib = ris.loads(text, path="x.ris")
    assert len(lib) == 2
    assert [(d.code, d.location.line) for d in lib.diagnostics] == [("E101", 1), ("E101", 2)]


def test_keys_are_unique() -> None:
    """Two records with the same author/year/title get distinct keys."""
    assert ris.loads(RECORD + RECORD).keys() == ["laumulin2008kazakhstan",
                                                  "laumulin2008kazakhstana"]


def test_registered_for_ris_suffix() -> None:
    """refs.load picks the RIS reader for .ris files."""
    assert formats.format_for("x.ris").name == "ris"


def test_round_trip_keeps_content() -> None:
    """dumps then loads gives the same content and keys."""
    lib = ris.loads(RECORD)
    again = ris.loads(ris.dumps(lib))
    assert again.keys() == lib.keys()
    assert again.entries[0].content() == lib.entries[0].content()


_text = st.from_regex(r"[A-Za-z][A-Za-z ,.:'-]{0,40}[A-Za-z]", fullmatch=True)


@settings(max_examples=40)
@given(title=_text, family=st.from_regex(r"[A-Z][a-z]{1,12}", fullmatch=True),
       given_name=st.from_regex(r"[A-Z][a-z]{1,12}", fullmatch=True),
       year=st.integers(1500, 2100), container=_text,
       typ=st.sampled_from(["article-journal", "book", "chapter", "report", "webpage"]))
def test_round_trip_property(title: str, family: str, given_name: str, year: int,
                             container: str, typ: str) -> None:
    """Any simple record survives RIS dumps/loads unchanged."""
    ref = Reference(id="k", type=typ, title=title, container_title=container,
                    author=[Name(family=family, given=given_name)],
                    issued=DateParts(year=year))
    back = ris.loads(ris.dumps(Library(entries=[ref]))).entries[0]
    assert back.content() == ref.content() and back.id == "k"


def test_lone_er_line_is_a_diagnostic() -> None:
    """An ER line with no record open (a doubled ER, or ER before any TY) is E101 at its line."""
    text = "ER  - \n" + RECORD + "ER  - \n"
    lib = ris.loads(text, path="x.ris")
    assert len(lib) == 1
    assert [(d.code, d.location.line) for d in lib.diagnostics] == [
        ("E101", 1), ("E101", RECORD.count("\n") + 2)]
    assert all("ER line outside a record" in d.message for d in lib.diagnostics)


def test_duplicate_ids_are_kept_so_that_e201_reports_them() -> None:
    """Two records carrying the same ID were silently re-keyed (the second became
    'dupa'), so E201 duplicate-key never fired on RIS and a citation of 'dup' meant one of
    them without a word. The IDs are kept as written, and refs check reports the second
    with both lines; generated keys stay clear of every ID the file carries."""
    from refs import check

    text = ("TY  - BOOK\nID  - dup\nTI  - One\nER  -\n\n"
            "TY  - BOOK\nAU  - Walt, Stephen\nTI  - Taming\nPY  - 2005\nER  -\n\n"
            "TY  - BOOK\nID  - dup\nTI  - Two\nER  -\n\n"
            "TY  - BOOK\nID  - walt2005taming\nTI  - Three\nER  -\n")
    lib = ris.loads(text, path="x.ris")
    assert lib.keys() == ["dup", "walt2005taminga", "dup", "walt2005taming"]
    found = [(d.code, d.key, d.location.line, d.message) for d in check(lib)
             if d.code == "E201"]
    assert found == [("E201", "dup", 13, "key 'dup' is already used on line 2")]


def _dated(month: int, day: int | None = None) -> Reference:
    return Reference(id="k", type="book", title="T", author=[Name(family="Doe")],
                     publisher="P", issued=DateParts(year=2015, month=month, day=day))


@pytest.mark.parametrize(("month", "word"), [(13, "Spring"), (14, "Summer"), (15, "Autumn"),
                                             (16, "Winter"), (21, "Spring"), (22, "Summer"),
                                             (23, "Autumn"), (24, "Winter")])
def test_season_goes_into_the_other_part_of_da_and_reads_back(month: int, word: str) -> None:
    """RIS's DA is YYYY/MM/DD/other: a season (CSL 13-16 or 21-24) is not its month (DA
    2015/14 is E305) but its other part, 2015///Summer; that reads back as CSL's season."""
    out = ris.dumps(Library(entries=[_dated(month)]))
    assert f"PY  - 2015\nDA  - 2015///{word}\n" in out, out
    back = ris.loads(out).entries[0]
    assert back.issued == DateParts(year=2015, month=(month - 1) % 4 + 13)
    assert [d.code for d in check(ris.loads(out, path="x.ris")) if d.code == "E305"] == []


@pytest.mark.parametrize(("month", "circa", "da"), [
    (14, False, "2015//03/Summer"), (22, False, "2015//03/Summer"),
    (13, True, "2015//03/Spring circa"), (24, True, "2015//03/Winter circa")])
def test_season_with_a_day_keeps_the_month_empty_and_reads_back(month: int, circa: bool,
                                                                da: str) -> None:
    """A season with a day (CSL [2015, 14, 3]) was written DA 2015/14/03, which RIS readers
    (Zotero's among them) take for month 14; the day now goes in the day part with the
    month empty, the season in the other part, and all of it reads back (no E305)."""
    ref = _dated(month).model_copy(update={"issued": DateParts(
        year=2015, month=month, day=3, circa=circa)})
    out = ris.dumps(Library(entries=[ref]))
    assert f"PY  - 2015\nDA  - {da}\n" in out, out
    back = ris.loads(out, path="x.ris")
    assert back.entries[0].issued == DateParts(year=2015, month=(month - 1) % 4 + 13, day=3,
                                               circa=circa)
    assert "ris:DA" not in back.entries[0].extra
    assert [d.code for d in check(back) if d.code == "E305"] == []
    assert ris.dumps(back) == out


@pytest.mark.parametrize(("da", "issued"), [
    ("2015//3/Autumn", DateParts(year=2015, month=15, day=3)),
    ("2015//03/", DateParts(year=2015)),  # a day with no month nor season: no date of it
    ("2015//03/Summer School", DateParts(year=2015))])
def test_a_day_beside_no_month_is_read_only_with_a_season(da: str, issued: DateParts) -> None:
    """The day part counts beside an empty month only when the other part is a season."""
    back = ris.loads(f"TY  - BOOK\nTI  - T\nPY  - 2015\nDA  - {da}\nER  -\n").entries[0]
    assert back.issued == issued


@pytest.mark.parametrize("text", ["2015///summer", "2015///Fall ", "2015/ / /Winter",
                                  "2015///Summer School"])
def test_da_other_part_naming_a_season_is_the_season(text: str) -> None:
    """The other part is read as a season when it is one word naming one (any case, Fall
    for autumn); other text there ("Summer School") is not a season."""
    season = None if "School" in text else 14 if "ummer" in text else 15 if "Fall" in text \
        else 16
    back = ris.loads(f"TY  - BOOK\nTI  - T\nPY  - 2015\nDA  - {text}\nER  -\n").entries[0]
    assert back.issued == DateParts(year=2015, month=season)


@pytest.mark.parametrize("month", [0, 17, 99])
def test_month_outside_the_calendar_is_kept_in_da(month: int) -> None:
    """Month 0 was dropped (no DA was written for it, nor read back from PY 2015 + DA
    2015/00); a month that is no month is kept as it is, for E305 to report."""
    out = ris.dumps(Library(entries=[_dated(month)]))
    assert f"DA  - 2015/{month:02d}\n" in out, out
    lib = ris.loads(out, path="x.ris")
    assert lib.entries[0].issued == DateParts(year=2015, month=month)
    assert [d.subject for d in check(lib) if d.code == "E305"] == [str(month)]


@pytest.mark.parametrize("value", ["", " ", ",", " , ", ",,", ", ,"])
@pytest.mark.parametrize("tag", ["AU", "A1", "ED", "A2", "A3"])
def test_empty_name_is_reported_and_skipped(tag: str, value: str) -> None:
    """'AU  - ' or 'AU  - ,' became a name with nothing in it (Name(literal='') or
    Name(family='')), which BibTeX export wrote as 'author = {{} and Doe, J}' and Markdown
    as ' and .'. A name tag with no name once commas and spaces are gone is an E101 at
    its line, and the record's other names still load."""
    text = f"TY  - BOOK\nTI  - T\n{tag}  - {value}\n{tag}  - Doe, J\nER  - \n"
    lib = ris.loads(text, path="x.ris")
    ref = lib.entries[0]
    names = ref.author if tag in ("AU", "A1") else ref.editor
    assert names == [Name(family="Doe", given="J")]
    assert [(d.code, d.location.line) for d in lib.diagnostics] == [("E101", 3)]
    assert f"{tag} line holds no name" in lib.diagnostics[0].message


def test_empty_name_does_not_reach_bibtex_or_markdown() -> None:
    """The fuzzed record of the report: export gives Doe alone."""
    from refs.io import bibtex, markdown

    lib = ris.loads("TY  - BOOK\nTI  - T\nAU  -  \nAU  - ,\nAU  - Doe, J\nER  - \n")
    assert "author = {Doe, J}" in bibtex.dumps(lib)
    assert " and " not in markdown.dumps(lib)


def test_name_with_an_empty_part_has_no_empty_family() -> None:
    """', J' has a given name but no family: family is None, not ''."""
    ref = ris.loads("TY  - BOOK\nTI  - T\nAU  - , J\nER  - \n").entries[0]
    assert ref.author == [Name(given="J")]


_INJECTION = "one\nAU  - Evil, E\nER  - \nTY  - JOUR\nTI  - injected"


def test_line_breaks_cannot_inject_tags_or_records() -> None:
    """An abstract holding 'AU  - ...' and 'ER  - ' on lines of its own was written as
    those lines, and read back as an author and a second record."""
    ref = Reference(id="k", type="book", title="T", abstract=_INJECTION, note="a\nER  - \nb")
    out = ris.dumps(Library(entries=[ref]))
    lib = ris.loads(out)
    assert len(lib) == 1 and lib.diagnostics == []
    back = lib.entries[0]
    assert back.author == [] and back.abstract == _INJECTION and back.note == "a\nER  - \nb"
    tags = [line[:2] for line in out.splitlines() if line and not line.startswith(" ")]
    assert tags == ["TY", "ID", "TI", "AB", "N1", "ER"]


def test_paragraphs_of_an_abstract_come_back() -> None:
    """Line breaks, blank lines between paragraphs and CRLF/CR all read back as line
    breaks (CR LF and CR as LF); before, the lines were merged with spaces."""
    text = "First paragraph.\n\nSecond, with  two spaces,\r\nthen CRLF\rand CR."
    ref = Reference(id="k", type="book", title="T", abstract=text)
    back = ris.loads(ris.dumps(Library(entries=[ref]))).entries[0]
    assert back.abstract == "First paragraph.\n\nSecond, with  two spaces,\nthen CRLF\nand CR."


def test_continuation_lines_of_other_writers_still_join_with_a_space() -> None:
    """The spec lets a long value go on at the start of the next line: still one value."""
    ref = ris.loads("TY  - JOUR\nTI  - Blood-brain barrier breach following\n"
                    "cortical contusion in the rat\nER  - \n").entries[0]
    assert ref.title == "Blood-brain barrier breach following cortical contusion in the rat"


def _normal(text: str) -> str | None:
    """What RIS keeps of a value: line breaks as LF, no surrounding whitespace."""
    import re

    return re.sub(r"\r\n?", "\n", text).strip() or None


@settings(max_examples=200)
@given(abstract=st.text(), note=st.text(), title=st.text())
def test_any_text_reads_back_as_itself_in_one_record(abstract: str, note: str,
                                                     title: str) -> None:
    """Any text in AB, N1 and TI comes back the same (line breaks as LF, surrounding
    whitespace dropped, blank values not written) and never makes another tag or record."""
    ref = Reference(id="k", type="book", title=title, abstract=abstract, note=note)
    lib = ris.loads(ris.dumps(Library(entries=[ref])))
    assert len(lib) == 1 and lib.diagnostics == []
    back = lib.entries[0]
    assert (back.abstract, back.note, back.title) == (_normal(abstract), _normal(note),
                                                      _normal(title))
    assert back.author == [] and back.extra == {} and back.id == "k"


@pytest.mark.parametrize(("ty", "csl"), [("XYZ", "document"), ("EBOOK", "book"),
                                         ("EJOUR", "article-journal"), ("UNPB", "manuscript"),
                                         ("CPAPER", "paper-conference"), ("GEN", "document"),
                                         ("JOUR", "article-journal")])
def test_type_is_written_back_as_read(ty: str, csl: str) -> None:
    """TY XYZ was written back as GEN and EBOOK as BOOK: a TY the CSL type does not give
    back is kept (extra ris:TY) and written back; one it gives back is not kept twice."""
    lib = ris.loads(f"TY  - {ty}\nTI  - T\nER  - \n")
    ref = lib.entries[0]
    assert ref.type == csl
    assert ref.extra == ({} if ris.CSL_TO_RIS[csl] == ty else {"ris:TY": ty})
    out = ris.dumps(lib)
    assert out.startswith(f"TY  - {ty}\n") and out.count("TY  - ") == 1
    assert ris.loads(out).entries[0].content() == ref.content()


def test_kept_type_gives_way_to_an_edited_one() -> None:
    """ris:TY is what the record said while its type is unchanged; after an edit (book
    -> chapter) the new type's TY is written, not the stale EBOOK."""
    lib = ris.loads("TY  - EBOOK\nTI  - T\nER  - \n")
    lib.entries[0].type = "chapter"
    assert ris.dumps(lib).startswith("TY  - CHAP\n")


def test_id_bibtex_cannot_hold_is_reported_and_kept() -> None:
    """An ID such as 'a,b c' made `refs export --to bibtex` refuse the whole file. The
    record gets a key of its own (as one without ID), the ID is reported at its line
    (E104) and kept as ris:ID, so RIS gets it back as ID and BibTeX keeps it as a field."""
    from refs.io import bibtex

    text = ("TY  - BOOK\nAU  - Doe, J\nTI  - Title\nPY  - 2005\nID  - a,b c\nER  - \n\n"
            "TY  - BOOK\nID  - ok1\nTI  - Other\nER  - \n")
    lib = ris.loads(text, path="x.ris")
    assert lib.keys() == ["doe2005title", "ok1"]
    assert lib.entries[0].extra == {"ris:ID": "a,b c"}
    assert [(d.code, d.location.line, d.message) for d in lib.diagnostics] == [
        ("E104", 5, "ID 'a,b c' cannot be a BibTeX key; the record is keyed "
                    "'doe2005title' and the ID is kept as ris:ID")]
    out = ris.dumps(lib)
    assert "ID  - a,b c\n" in out and "doe2005title" not in out
    again = ris.loads(out)
    assert again.keys() == lib.keys() and again.entries[0].content() == lib.entries[0].content()
    bib = bibtex.loads(bibtex.dumps(lib))
    assert bib.keys() == ["doe2005title", "ok1"]
    assert ris.dumps(bib).count("ID  - a,b c\n") == 1


def test_duplicate_id_is_reported_at_its_id_line() -> None:
    """E201 pointed at the record's TY line; the key is written on the ID line."""
    text = "TY  - BOOK\nTI  - One\nID  - dup\nER  -\n\nTY  - BOOK\nTI  - Two\nID  - dup\nER  -\n"
    found = [(d.code, d.location.line, d.message) for d in check(ris.loads(text, path="x.ris"))
             if d.code == "E201"]
    assert found == [("E201", 8, "key 'dup' is already used on line 3")]


@pytest.mark.parametrize("name, written", [
    (Name(family="Doe"), "Doe,"),
    (Name(family="Doe", given="Jane"), "Doe, Jane"),
    (Name(family="King", given="Martin Luther", suffix="Jr."), "King, Martin Luther, Jr."),
    (Name(family="Doe", suffix="Jr."), "Doe, , Jr."),
    (Name(family="Beethoven", given="Ludwig", particle="van"), "van Beethoven, Ludwig"),
    (Name(family="La Fontaine", given="Jean", dropping_particle="de"), "La Fontaine, Jean de"),
    (Name(family="Fontaine", given="Jean", particle="de la"), "de la Fontaine, Jean"),
    (Name(literal="Radio Free Europe"), "Radio Free Europe"),
    (Name(literal="Ministry of Foreign Affairs, Russia"), "Ministry of Foreign Affairs,, Russia,"),
    (Name(literal="A,, B"), "A,,,, B,"),
])
def test_names_read_back_as_written(name: Name, written: str) -> None:
    """AU is 'Last, First, Suffix' (RIS spec): a family name alone keeps its comma ('Doe,'),
    a particle leads the last part and a dropping particle ends the first (as CSL inverts
    them), and a literal is written whole; one holding a comma doubles it and ends in one
    (EndNote's way of typing such a corporate name), so it is not split into family/given."""
    ref = Reference(id="k", type="book", title="T", author=[name])
    text = ris.dumps(Library(entries=[ref]))
    assert f"AU  - {written}\n" in text
    assert ris.loads(text).entries[0].author == [name]


def test_other_writers_names_keep_their_reading() -> None:
    """Names as databases write them read as before: 'Phillips,A.J.,Sr.', no particle split
    of a one-word last name, a lower-case given name is a given name."""
    rec = ("TY  - BOOK\nAU  - Phillips,A.J.,Sr.\nAU  - Phillips,,Sr.\nAU  - d'Alembert, Jean\n"
           "AU  - hooks, bell\nAU  - Smith, J. de\nER  - \n")
    assert ris.loads(rec).entries[0].author == [
        Name(family="Phillips", given="A.J.", suffix="Sr."),
        Name(family="Phillips", suffix="Sr."),
        Name(family="d'Alembert", given="Jean"),
        Name(family="hooks", given="bell"),
        Name(family="Smith", given="J.", dropping_particle="de")]


def test_extra_tag_in_lower_case_is_written_as_its_tag() -> None:
    """'ris:zz' (a .bib field; BibTeX field names ignore case) is the tag ZZ: it was
    written as 'zz  - lower', which is no tag line, and read back glued onto the value
    before it (the note became 'before lower')."""
    ref = Reference(id="k", type="book", title="T", note="before",
                    extra={"ris:zz": "lower", "ris:M1": "m"})
    back = ris.loads(ris.dumps(Library(entries=[ref]))).entries[0]
    assert back.note == "before"
    assert back.extra == {"ris:ZZ": "lower", "ris:M1": "m"}


@pytest.mark.parametrize("field, why", [
    ("ris:Z", "'Z' is not an RIS tag"), ("ris:Z-1", "'Z-1' is not an RIS tag"),
    ("ris:", "'' is not an RIS tag"), ("ris:1A", "'1A' is not an RIS tag"),
    ("ris:TI", "refs reads TI as a field"), ("ris:er", "refs reads ER as a field"),
    ("ris:au", "refs reads AU as a field")])
def test_extra_that_is_no_tag_is_refused_not_glued_on(field: str, why: str) -> None:
    """An extra field whose name is no RIS tag, or a tag the reader takes for a field of
    its own (ER would even end the record), cannot be written so that it reads back: the
    write is refused, naming the entry and the field, instead of corrupting a value."""
    from refs.errors import WriteError

    ref = Reference(id="k", type="book", title="T", note="before", extra={field: "x"})
    with pytest.raises(WriteError) as caught:
        ris.dumps(Library(entries=[ref]))
    assert f"k: extra field {field!r} cannot be written as an RIS tag" in str(caught.value)
    assert why in str(caught.value)
    assert caught.value.hint is not None and "ris:ZZ" in caught.value.hint


def test_two_extras_for_one_tag_are_refused() -> None:
    """'ris:zz' and 'ris:ZZ' would both be ZZ lines and read back as one value."""
    from refs.errors import WriteError

    ref = Reference(id="k", type="book", title="T", extra={"ris:ZZ": "a", "ris:zz": "b"})
    with pytest.raises(WriteError, match="'ris:zz' and 'ris:ZZ' are both the RIS tag ZZ"):
        ris.dumps(Library(entries=[ref]))


def test_read_tags_are_the_ones_the_reader_takes_for_fields() -> None:
    """READ_TAGS, which the writer refuses for extra fields, is what the reader does not
    keep as ris:TAG; any other tag it keeps."""
    for tag in sorted(ris.READ_TAGS - {"TY", "ER"}):
        ref = ris.loads(f"TY  - BOOK\n{tag}  - 2001\nER  - \n").entries[0]
        assert f"ris:{tag}" not in ref.extra, tag
    for tag in ("ZZ", "M1", "M3", "C1", "L1", "A4", "N3"):
        ref = ris.loads(f"TY  - BOOK\n{tag}  - 2001\nER  - \n").entries[0]
        assert ref.extra == {f"ris:{tag}": "2001"}, tag


# -- the other part of a date (YYYY/MM/DD/other) -----------------------------------------
# The reader took the year, month and day of DA and dropped the rest unless it named a
# season: "2015/05/02/Originally published 1990" came back as 2015/05/02.


@pytest.mark.parametrize("da", ["2015/05/02/Originally published 1990", "2015///Summer School",
                                "2015///Jan/Feb", "2015/05//Summer"])
def test_da_other_part_that_is_no_season_is_kept_and_written_back(da: str) -> None:
    """An other part that is not a season is kept with its date as ``ris:DA`` and written
    back as that DA, through CSL-JSON and .bib too."""
    from refs.io import bibtex, csljson

    lib = ris.loads(f"TY  - BOOK\nID  - k\nTI  - T\nPY  - 2015\nDA  - {da}\nER  - \n")
    assert lib.entries[0].extra == {"ris:DA": da}
    assert f"PY  - 2015\nDA  - {da}\n" in ris.dumps(lib)
    via_json = csljson.loads(csljson.dumps(lib))
    via_bib = bibtex.loads(bibtex.dumps(Library(entries=list(lib.entries))))
    for again in (via_json, via_bib):
        assert again.entries[0].issued == lib.entries[0].issued
        assert f"DA  - {da}\n" in ris.dumps(again)


def test_da_other_part_in_py_or_y1_is_kept_too() -> None:
    """PY and Y1 (the older spec's date tags) have the same YYYY/MM/DD/other shape."""
    for tag in ("PY", "Y1"):
        ref = ris.loads(f"TY  - BOOK\nTI  - T\n{tag}  - 1990/03//reprint\nER  - \n").entries[0]
        assert ref.issued == DateParts(year=1990, month=3)
        assert ref.extra == {"ris:DA": "1990/03//reprint"}
        assert "PY  - 1990\nDA  - 1990/03//reprint\n" in ris.dumps(Library(entries=[ref]))


def test_edited_date_keeps_the_other_part() -> None:
    """A date changed after reading is written as its new parts, the other part after them."""
    lib = ris.loads("TY  - BOOK\nTI  - T\nDA  - 2015/05/02/Originally published 1990\nER  - \n")
    lib.entries[0].issued = DateParts(year=2016)
    assert "PY  - 2016\nDA  - 2016///Originally published 1990\n" in ris.dumps(lib)
    lib.entries[0].issued = None
    assert "DA  -" not in ris.dumps(lib)


@pytest.mark.parametrize("da", ["2015/05/02/", "2015///Summer", "2015/05/02"])
def test_da_without_other_text_keeps_nothing_extra(da: str) -> None:
    ref = ris.loads(f"TY  - BOOK\nTI  - T\nDA  - {da}\nER  - \n").entries[0]
    assert ref.extra == {}


@pytest.mark.parametrize(("issued", "da"), [
    (DateParts(year=1850, circa=True), "1850///circa"),
    (DateParts(year=1850, month=5, circa=True), "1850/05//circa"),
    (DateParts(year=1850, month=5, day=2, circa=True), "1850/05/02/circa"),
    (DateParts(year=2015, month=14, circa=True), "2015///Summer circa"),
])
def test_circa_goes_into_the_other_part_of_da_and_reads_back(issued: DateParts, da: str) -> None:
    """RIS has no tag for an approximate date (CSL's circa), which was dropped: it is the
    word ``circa`` at the end of DA's other part, read back as circa."""
    ref = Reference(id="k", type="book", title="T", issued=issued)
    out = ris.dumps(Library(entries=[ref]))
    assert f"PY  - {issued.year}\nDA  - {da}\n" in out, out
    back = ris.loads(out, path="x.ris")
    assert back.entries[0].issued == issued and back.entries[0].extra == {}
    assert [d.code for d in check(back) if d.code in ("E304", "E305")] == []


def test_circa_and_kept_other_part_read_back_together() -> None:
    lib = ris.loads("TY  - BOOK\nTI  - T\nDA  - 1850///reprint circa\nER  - \n")
    assert lib.entries[0].issued == DateParts(year=1850, circa=True)
    assert "DA  - 1850///reprint circa\n" in ris.dumps(lib)
    lib.entries[0].issued = DateParts(year=1851, circa=True)
    assert "DA  - 1851///reprint circa\n" in ris.dumps(lib)


def test_and_others_is_no_author_line() -> None:
    """BibTeX's 'and others' was written 'AU  - others', which Zotero and EndNote import as
    a person named "others". RIS has no et al.: the list ends with the last name known."""
    from refs.io import bibtex

    lib = bibtex.loads("@book{k, author = {Doe, John and others}, editor = {others},\n"
                       "  title = {T}, year = {2015}}\n")
    text = ris.dumps(lib)
    assert "others" not in text and "et al" not in text
    assert "AU  - Doe, John\n" in text and "ED  - " not in text
    back = ris.loads(text).entries[0]
    assert back.author == [Name(family="Doe", given="John")] and back.editor == []


@pytest.mark.parametrize("spelling", ["et al.", "et al", "Et Al.", "others", "and others",
                                      "et. al."])
def test_et_al_line_is_and_others_not_a_person(spelling: str) -> None:
    """A last AU/ED line saying only "et al." (catalogues write one; refs wrote 'others')
    is BibTeX's 'and others', not a person: it reaches a .bib as 'and others'."""
    from refs.io import bibtex

    rec = (f"TY  - BOOK\nID  - k\nAU  - Doe, John\nA1  - {spelling}\nED  - Roe, Ann\n"
           f"ED  - {spelling}\nTI  - T\nER  - \n")
    r = ris.loads(rec).entries[0]
    assert r.author == [Name(family="Doe", given="John"), OTHERS]
    assert r.editor == [Name(family="Roe", given="Ann"), OTHERS]
    bib = bibtex.dumps(Library(entries=[r]))
    assert "{Doe, John and others}" in bib and "{Roe, Ann and others}" in bib


def test_names_that_only_look_like_et_al_stay_names() -> None:
    """A family name 'Others' (written 'Others,'), and 'others' before the last name, are
    names as written, and are written back so."""
    rec = "TY  - BOOK\nAU  - others\nAU  - Doe, John\nED  - Others,\nTI  - T\nER  - \n"
    r = ris.loads(rec).entries[0]
    assert r.author == [Name(literal="others"), Name(family="Doe", given="John")]
    assert r.editor == [Name(family="Others")]
    text = ris.dumps(Library(entries=[r]))
    assert "AU  - others\nAU  - Doe, John\nED  - Others,\n" in text
    assert ris.loads(text).entries[0].content() == r.content()


# -- date ranges: RIS has none; refs wrote the start and dropped the end without a word --

_RIS_RANGES = [("2015/2016", "PY  - 2015\nDA  - 2015///2015/2016\n"),
               ("2015-05-01/2015-05-03", "DA  - 2015/05/01/2015-05-01/2015-05-03\n"),
               ("2015-21/2015-22", "DA  - 2015///2015-21/2015-22\n"),
               ("1850~/1860~", "PY  - 1850\nDA  - 1850///1850~/1860~ circa\n"),
               ("2015/..", "DA  - 2015///2015/..\n"),
               ("2015-05/", "DA  - 2015/05//2015-05/..\n")]


@pytest.mark.parametrize(("date", "lines"), _RIS_RANGES)
def test_range_is_the_start_and_the_whole_in_da(date: str, lines: str) -> None:
    """PY/DA hold the start; the whole range is DA's other part as biblatex's date spells
    it (EDTF), which other readers keep as text and refs reads back as the range, so
    .bib -> RIS -> .bib and RIS -> RIS keep it."""
    from refs.io import bibtex, csljson

    lib = bibtex.loads(f"@book{{k, title = {{T}}, date = {{{date}}}}}\n")
    text = ris.dumps(lib)
    assert lines in text, text
    back = ris.loads(text)
    assert back.diagnostics == [] and "ris:DA" not in back.entries[0].extra
    assert back.entries[0].issued == lib.entries[0].issued
    assert csljson.to_csl(back.entries[0])["issued"] == csljson.to_csl(lib.entries[0])["issued"]
    assert ris.dumps(back) == text
    canonical = date.replace("-05/", "-05/..") if date.endswith("/") else date
    assert f"date = {{{canonical}}}" in bibtex.dumps(back)


def test_stale_range_is_not_written() -> None:
    """A range whose start was edited since it was read is stale (as in the other
    writers): DA is the new date alone."""
    from refs.io import bibtex

    lib = bibtex.loads("@book{k, title = {T}, date = {2015-05-01/2015-05-03}}\n")
    lib.entries[0].issued = DateParts(year=2016, month=2, day=1)
    text = ris.dumps(lib)
    assert "DA  - 2016/02/01\n" in text and "2015" not in text


@pytest.mark.parametrize("value", ["1990///1991/1995", "1990/05//1990-06/1990-07",
                                   "1990///1990/1995 circa", "1990///1990-2-3/1995"])
def test_other_part_that_is_no_range_of_this_date_stays_text(value: str) -> None:
    """A range that does not start with the date before it (or is no EDTF) is text of the
    date, kept as ris:DA and written back, not read as a range."""
    r = ris.loads(f"TY  - BOOK\nDA  - {value}\nER  - \n").entries[0]
    assert "csl:issued" not in r.extra and r.extra["ris:DA"] == value
    assert f"DA  - {value}\n" in ris.dumps(Library(entries=[r]))


@pytest.mark.parametrize("value", ["1990-1995", "1990/1995", "1990 \u2013 1995"])
def test_py_range_of_years_is_a_range(value: str) -> None:
    """A catalogue's PY  - 1990-1995 read as 1990 with month 20 (the end's first digits);
    it is the range 1990 to 1995."""
    from refs.io import csljson

    r = ris.loads(f"TY  - BOOK\nPY  - {value}\nER  - \n").entries[0]
    assert r.issued == DateParts(year=1990)
    assert csljson.to_csl(r)["issued"] == {"date-parts": [[1990], [1995]]}


@pytest.mark.parametrize(("value", "issued"), [
    ("2015-05-2016", DateParts(year=2015, month=5)),
    ("2016-2015", DateParts(year=2016)),
    ("2015/5/2/", DateParts(year=2015, month=5, day=2))])
def test_digits_of_a_longer_number_are_no_month_or_day(value: str, issued: DateParts) -> None:
    r = ris.loads(f"TY  - BOOK\nPY  - {value}\nER  - \n").entries[0]
    assert r.issued == issued


_date_parts = csl_date_parts


@settings(max_examples=150, deadline=None)
@given(start=_date_parts, end=st.one_of(st.just([0]), _date_parts), circa=st.booleans())
def test_ranges_survive_ris(start: list[int], end: list[int], circa: bool) -> None:
    """Any range CSL-JSON holds (open or closed, seasons, circa) goes to RIS and back to
    the same CSL date, and RIS -> RIS gives the same text."""
    import json

    from refs.io import csljson

    issued: dict[str, object] = {"date-parts": [start, end]}
    if circa:
        issued["circa"] = True
    lib = csljson.loads(json.dumps([{"id": "k", "type": "book", "title": "T",
                                     "issued": issued}]))
    text = ris.dumps(lib)
    back = ris.loads(text)
    assert csljson.to_csl(back.entries[0])["issued"] == issued, text
    assert ris.dumps(back) == text


def test_unheld_names_what_an_ris_record_does_not_give_back() -> None:
    """The fields RIS has no place for, by CSL's names and the extras' own; none for a
    record RIS holds whole."""
    whole = Reference(id="a", type="book", title="T", author=[Name(family="Doe")],
                      issued=DateParts(year=2001), publisher="P")
    assert ris.unheld(whole) == []
    lossy = whole.model_copy(update={
        "number_of_pages": "300", "genre": "Research paper",
        "author": [Name(family="Doe"), OTHERS], "extra": {"entrysubtype": "newspaper"}})
    assert ris.unheld(lossy) == ["author et al.", "entrysubtype", "genre", "number-of-pages"]
