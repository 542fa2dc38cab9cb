"""Writing edited libraries (refs.io.bibtex_write): in-place patches, deletes, new entries."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import refs
from refs.io import csljson
from refs.io.bibtex import dumps, loads
from refs.io.bibtex_values import holds_verbatim
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference
from refs.text.latex import escape_verbatim
from strategies import csl_date_parts

SOURCE = """% my library
@string{jes = "Journal of Eurasian Studies"}

@Article{zab2016,
  Author    = {Zabortseva, Yelena},
  Title     = {The {DNA} of Russia -- Kazakhstan relations},
  journal   = jes,
  year      = 2016,
  volume    = {7},
  pages     = {123--45},
}

@book{lau2008,
  author = {Laumulin, Murat},
  title = {Kazakhstan},
  year = {2008}
}
"""


def test_unchanged_field_kept_verbatim() -> None:
    """Editing one attribute re-renders that field only; the rest stays as written."""
    lib = loads(SOURCE)
    lib.entries[0].volume = "8"
    out = dumps(lib)
    assert out == SOURCE.replace("volume    = {7}", "volume    = {8}")


def test_title_edit_keeps_field_case_and_protection() -> None:
    """A new title keeps the field's name case and re-protects formerly protected words."""
    lib = loads(SOURCE)
    lib.entries[0].title = "The DNA of Russia & Kazakhstan"
    out = dumps(lib)
    assert "  Title     = {The {DNA} of Russia \\& Kazakhstan},\n" in out
    assert loads(out).entries[0].title == "The DNA of Russia & Kazakhstan"


def test_field_removed_when_attribute_cleared() -> None:
    """Clearing an attribute removes its field line and nothing else."""
    lib = loads(SOURCE)
    lib.entries[0].volume = None
    assert dumps(lib) == SOURCE.replace("  volume    = {7},\n", "")


def test_last_field_removed() -> None:
    """Removing the last field of an entry leaves valid BibTeX."""
    lib = loads(SOURCE)
    lib.entries[1].issued = None
    out = dumps(lib)
    assert "title = {Kazakhstan}\n}" in out
    assert loads(out).entries[1].issued is None and loads(out).diagnostics == []


def test_new_attribute_appended_in_entry_style() -> None:
    """A new attribute becomes a field in the entry's own indentation and alignment."""
    lib = loads(SOURCE)
    lib.entries[0].doi = "10.1016/j.euras.2016.03.002"
    out = dumps(lib)
    assert "  pages     = {123--45},\n  doi       = {10.1016/j.euras.2016.03.002},\n}" in out
    lib.entries[1].publisher = "KazISS"
    out = dumps(lib)
    assert "  year = {2008},\n  publisher = {KazISS}\n}" in out


def test_date_edit_rewrites_year_and_adds_month() -> None:
    """A changed date updates year and adds a month macro where there was none."""
    lib = loads(SOURCE)
    lib.entries[0].issued = DateParts(year=2017, month=3)
    out = dumps(lib)
    assert "  year      = {2017},\n" in out and "month     = mar" in out
    assert loads(out).entries[0].issued == DateParts(year=2017, month=3)


def test_names_and_pages_rendered() -> None:
    """Edited names and pages use BibTeX spelling (and / --)."""
    lib = loads(SOURCE)
    lib.entries[1].author = [Name(family="Laumulin", given="Murat"), Name(literal="KazISS")]
    lib.entries[1].page = PageRange(first="5", last="9")
    out = dumps(lib)
    assert "author = {Laumulin, Murat and {KazISS}}" in out and "pages = {5--9}" in out


def test_key_and_type_change() -> None:
    """Renaming the key or changing the type patches the header only."""
    lib = loads(SOURCE)
    lib.entries[1].id = "laumulin2008kazakhstan"
    lib.entries[1].type = "report"
    lib.entries[1].bibtex_type = "techreport"
    out = dumps(lib)
    assert "@techreport{laumulin2008kazakhstan,\n  author = {Laumulin, Murat}," in out


def test_replaced_object_matched_by_key() -> None:
    """An entry replaced by model_copy (same key) is written in place, not appended."""
    lib = loads(SOURCE)
    lib.entries[1] = lib.entries[1].model_copy(update={"edition": "2"})
    out = dumps(lib)
    assert out.index("edition") < out.index("}\n", out.index("@book"))
    assert out.count("@book") == 1


def test_renamed_with_alias_stays_in_place() -> None:
    """A merge that renames a key and keeps the old one in ids stays in place."""
    lib = loads(SOURCE)
    lib.entries[0] = lib.entries[0].model_copy(update={"id": "new", "ids": ["zab2016"]})
    out = dumps(lib)
    assert out.index("@Article{new,") < out.index("@book")
    assert "ids = {zab2016}" in out.replace("ids       =", "ids =")


def test_merge_survivor_stays_in_its_own_block() -> None:
    """A merge's survivor is written where it was, from its own text: the block of the
    member folded into it goes. It used to take the first member's block, rewritten from
    that member's text, which lost the survivor's ``{Central Asia}`` braces."""
    from refs.dedupe import merge_cluster

    source = ("@article{smith2001a,\n  author = {Smith, John},\n  title = {Steppe Politics in "
              "Central Asia},\n  year = {2001},\n  pages = {1--20}\n}\n\n"
              "@article{smith01,\n  author = {J. Smith},\n  title = {Steppe politics in "
              "{Central Asia}},\n  year = 2001,\n  doi = {10.1080/0263493012}\n}\n\n"
              "@book{other,\n  title = {Kept}\n}\n")
    lib = loads(source)
    done = merge_cluster(lib.entries[:2])
    assert done.merged.id == "smith01"
    lib.entries = [done.merged, lib.entries[2]]
    out = dumps(lib)
    assert out.startswith("@article{smith01,\n  author = {Smith, John},\n"
                          "  title = {Steppe politics in {Central Asia}},\n  year = 2001,\n"
                          "  doi = {10.1080/0263493012},\n")
    assert "smith2001a," not in out and "ids = {smith2001a}" in out
    assert out.endswith("@book{other,\n  title = {Kept}\n}\n")


def test_delete_entry_with_following_whitespace() -> None:
    """A deleted entry disappears with the blank lines after it."""
    lib = loads(SOURCE)
    del lib.entries[0]
    removed = SOURCE[SOURCE.index("@Article") : SOURCE.index("@book")]
    assert dumps(lib) == SOURCE.replace(removed, "")


def test_delete_last_entry_keeps_file_ending() -> None:
    """Deleting the last entry keeps a single final newline."""
    lib = loads(SOURCE)
    del lib.entries[1]
    out = dumps(lib)
    assert out.endswith("  pages     = {123--45},\n}\n")


def test_new_entry_appended_in_file_style() -> None:
    """New entries go at the end, separated and indented like the file."""
    lib = loads(SOURCE)
    lib.entries.append(
        Reference(id="new2020", type="webpage", title="Ministry page", url="http://x",
                  author=[Name(literal="Ministry of Foreign Affairs")],
                  issued=DateParts(year=2020))
    )  # fmt: skip
    out = dumps(lib)
    assert out.startswith(SOURCE)
    assert out[len(SOURCE) :] == (
        "\n@online{new2020,\n"
        "  author    = {{Ministry of Foreign Affairs}},\n"
        "  title     = {Ministry page},\n"
        "  year      = {2020},\n"
        "  url       = {http://x}\n"
        "}\n"
    )
    again = loads(out).entries[-1]
    assert (again.title, again.url, again.author) == (
        "Ministry page",
        "http://x",
        [Name(literal="Ministry of Foreign Affairs")],
    )


def test_library_built_in_memory() -> None:
    """A library never loaded from BibTeX is rendered whole and re-reads equal."""
    ref = Reference(
        id="x", type="chapter", title="Über {alles}", container_title="The Book",
        editor=[Name(family="Beethoven", given="L.", particle="van")],
        publisher="KazISS", publisher_place="Almaty", page=PageRange(first="1", last="9"),
        isbn=["978-3-16-148410-0"], keyword=["a", "b"], extra={"howpublished": "\\url{x}"},
    )  # fmt: skip
    out = dumps(Library(entries=[ref]))
    assert out.startswith("@incollection{x,\n  editor = {van Beethoven, L.},\n")
    back = loads(out).entries[0]
    assert back.content() == ref.model_copy(update={"bibtex_type": "incollection"}).content()


def test_latex_output_for_rendered_values_only() -> None:
    """latex=True encodes non-ASCII in re-rendered values; untouched text stays."""
    lib = loads("@misc{a, title = {Ü}}\n@misc{b, title = {Ö}}\n")
    lib.entries[1].title = "Šebek"
    assert dumps(lib, latex=True) == "@misc{a, title = {Ü}}\n@misc{b, title = {{\\v{S}}ebek}}\n"


def test_duplicate_keys_edit_second_only() -> None:
    """With duplicate keys, editing the second entry leaves the first byte-identical."""
    text = "@misc{a, title = {One}}\n@misc{a, title = {Two}}\n"
    lib = loads(text)
    lib.entries[1].title = "Deux"
    assert dumps(lib) == "@misc{a, title = {One}}\n@misc{a, title = {Deux}}\n"


def test_crlf_style_for_new_fields() -> None:
    """Fields added to a CRLF file use CRLF."""
    lib = loads("@misc{a,\r\n  title = {One}\r\n}\r\n")
    lib.entries[0].note = "n"
    assert dumps(lib) == "@misc{a,\r\n  title = {One},\r\n  note = {n}\r\n}\r\n"


def test_two_trailing_fields_removed() -> None:
    """Removing the last two fields leaves no dangling comma run or broken entry."""
    lib = loads("@misc{a,\n  title = {T},\n  note = {N},\n  volume = {3}\n}\n")
    lib.entries[0].note = None
    lib.entries[0].volume = None
    assert dumps(lib) == "@misc{a,\n  title = {T}\n}\n"


def test_cleared_attribute_removes_duplicate_fields() -> None:
    """A duplicate of a cleared field goes too; otherwise it would come back on reload."""
    lib = loads("@misc{a, title = {One}, title = {Two}, note = {n}}\n")
    lib.entries[0].title = None
    out = dumps(lib)
    assert "title" not in out and loads(out).entries[0].title is None


def test_entry_without_fields_gets_one() -> None:
    """Adding a field to ``@misc{key}`` gives a valid entry."""
    lib = loads("@misc{a}\n")
    lib.entries[0].note = "n"
    assert dumps(lib) == "@misc{a,\n  note = {n}\n}\n"


def test_escaped_braces_and_hash_round_trip() -> None:
    """Literal braces and # in a new value are escaped and read back as written."""
    lib = loads("@misc{a, title = {T}}\n")
    lib.entries[0].title = "} # {"
    again = loads(dumps(lib))
    assert again.entries[0].title == "} # {" and again.diagnostics == []


def test_replace_only_field() -> None:
    """Clearing the only field while adding another leaves no double comma."""
    lib = loads('@article{a,title="0"}\n')
    lib.entries[0].note = "0"
    lib.entries[0].title = None
    out = dumps(lib)
    assert ",," not in out and loads(out).diagnostics == []
    assert loads(out).entries[0].note == "0"


def test_issue_and_number_both_written() -> None:
    """A record with both an issue and a number gets two distinct fields."""
    ref = Reference(id="r", type="report", issue="3", number="TR-7", title="T")
    out = dumps(Library(entries=[ref]))
    assert "issue = {3}" in out and "number = {TR-7}" in out
    again = loads(out).entries[0]
    assert (again.issue, again.number) == ("3", "TR-7")


#: CSL items with a series number, of types whose BibLaTeX ``number`` means the series
#: number (books and their parts), the journal issue (articles) or the item's own number
#: (reports, documents): each must come back from a .bib exactly
_SERIES_ITEMS: list[dict[str, object]] = [
    {"id": "b", "type": "book", "title": "T", "collection-title": "Central Asia Studies",
     "collection-number": "12"},
    {"id": "b2", "type": "book", "title": "T", "collection-title": "S",
     "collection-number": "12", "number": "ISBN-less 7"},
    {"id": "c", "type": "chapter", "title": "T", "container-title": "B",
     "collection-title": "S", "collection-number": "4"},
    {"id": "p", "type": "paper-conference", "title": "T", "collection-title": "LNCS",
     "collection-number": "1234"},
    {"id": "a", "type": "article-journal", "title": "T", "container-title": "J",
     "issue": "3", "collection-title": "New Series", "collection-number": "7"},
    {"id": "a2", "type": "article-journal", "title": "T", "number": "e1003",
     "issue": "3"},
    {"id": "r", "type": "report", "title": "T", "number": "54",
     "collection-title": "Chatham House Research Paper", "collection-number": "2"},
    {"id": "d", "type": "document", "title": "T", "collection-number": "9 & 10"},
    {"id": "t", "type": "thesis", "title": "T", "collection-number": "3", "issue": "1"},
]


def _through_bib(item: Mapping[str, object], tmp_path: Path) -> tuple[Path, Path, Library]:
    """A CSL-JSON file of ``item``, written to .bib with refs.dump and read back: (the
    .json, the .bib, the library read from it), which must load without a finding."""
    src = tmp_path / "a.json"
    src.write_text(json.dumps([item]), encoding="utf-8")
    bib = tmp_path / "a.bib"
    refs.dump(refs.load(src), bib)
    again = refs.load(bib)
    assert again.diagnostics == []
    return src, bib, again


@pytest.mark.parametrize("item", _SERIES_ITEMS, ids=lambda item: str(item["id"]))
def test_collection_number_survives_csl_json_to_bib_and_back(item: dict[str, object],
                                                            tmp_path: Path) -> None:
    """collection-number was dropped on the way to .bib (no field was written for it): a
    CSL-JSON -> .bib -> CSL-JSON trip through refs.load/refs.dump now gives the item back,
    as do number and issue next to it."""
    src, bib, again = _through_bib(item, tmp_path)
    assert csljson.to_csl(again.entries[0]) == item, bib.read_text(encoding="utf-8")
    assert again.entries[0].content() == refs.load(src).entries[0].model_copy(
        update={"bibtex_type": again.entries[0].bibtex_type}).content()


@pytest.mark.parametrize(("csl_type", "fields"), [
    ("book", ("series = {S}", "number = {12}")),
    ("chapter", ("series = {S}", "number = {12}")),
    ("article-journal", ("number = {3}", "csl:collection-number = {12}")),
    ("report", ("number = {R-1}", "csl:collection-number = {12}")),
])
def test_series_number_goes_into_biblatex_number_where_it_means_that(
        csl_type: str, fields: tuple[str, ...]) -> None:
    """BibLaTeX's number of a book (or a part of one) is its number in the series, as
    biblatex and pandoc read it; an article's number is its issue and a report's its own
    number, so there the series number keeps its CSL name."""
    ref = Reference(id="k", type=csl_type, title="T", collection_title="S",
                    collection_number="12", issue="3" if csl_type == "article-journal" else None,
                    number="R-1" if csl_type == "report" else None)
    out = dumps(Library(entries=[ref]))
    for field in fields:
        assert field in out, out


def test_edited_book_gets_its_series_number() -> None:
    """A series number added to a loaded @book is appended as its number field."""
    lib = loads("@book{k,\n  title = {T},\n  series = {S}\n}\n")
    lib.entries[0].collection_number = "5"
    out = dumps(lib)
    assert out == "@book{k,\n  title = {T},\n  series = {S},\n  number = {5}\n}\n"
    assert loads(out).entries[0].collection_number == "5"


_text = st.text(alphabet="abcdefgh XYZ,.:;!?()äöüßøŠ&%#_$–—'0123456789", min_size=1, max_size=25)
_text = _text.map(lambda s: " ".join(s.split())).filter(bool)
_cap = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=1, max_size=8).map(str.title)
_name = st.one_of(
    st.builds(lambda f, g: Name(family=f, given=g), _cap, _cap),
    st.builds(lambda f: Name(literal=f + " Institute"), _cap),
)
_keyword = _text.map(lambda s: " ".join(s.replace(",", "").replace(";", "").split())).filter(bool)
_reference = st.builds(
    lambda key, typ, title, authors, year, month, pages, doi, kws, note: Reference(
        id=key, type=typ, title=title, author=authors,
        issued=DateParts(year=year, month=month), page=pages, doi=doi, keyword=kws, note=note,
    ),
    st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=12).map(lambda s: "k" + s),
    st.sampled_from(["article-journal", "book", "chapter", "report", "thesis", "webpage"]),
    _text,
    st.lists(_name, max_size=3),
    st.integers(1000, 2100),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.builds(lambda a, b: PageRange(first=str(a), last=str(a + b + 1)),
                                   st.integers(1, 999), st.integers(0, 99))),
    st.one_of(st.none(), st.integers(1000, 99999).map(lambda n: f"10.{n}/abc.{n}")),
    st.lists(_keyword, max_size=3),
    st.one_of(st.none(), _text),
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(_reference, max_size=4, unique_by=lambda r: r.id))
def test_new_entries_read_back_equal(refs: list[Reference]) -> None:
    """Any References rendered fresh read back with the same content."""
    out = dumps(Library(entries=refs))
    again = loads(out)
    assert again.diagnostics == []
    for before, after in zip(refs, again.entries, strict=True):
        expected = before.model_copy(update={"bibtex_type": after.bibtex_type}).content()
        assert after.content() == expected, out


def test_only_field_with_trailing_comma_removed() -> None:
    """Removing the only field of an entry with a trailing comma leaves valid BibTeX."""
    texts = ('@article{a,title="0",}\n', "@article{a,\n  title = {x},\n}\n", '@a{a,title="0"\n,}')
    for text in texts:
        lib = loads(text)
        lib.entries[0].title = None
        out = dumps(lib)
        assert ",," not in out and loads(out).diagnostics == [], out


@pytest.mark.parametrize(("csl", "subtype"), [("article-newspaper", "newspaper"),
                                              ("article-magazine", "magazine")])
def test_press_types_written_as_article_with_entrysubtype(csl: str, subtype: str) -> None:
    """BibLaTeX has no @newspaper: CSL press types go out as @article + entrysubtype and
    read back as the same CSL type."""
    ref = Reference(id="n", type=csl, title="T", container_title="Courier")
    out = dumps(Library(entries=[ref]))
    assert out.startswith("@article{n,") and f"entrysubtype = {{{subtype}}}" in out
    assert loads(out).entries[0].type == csl


def test_retyped_article_gains_entrysubtype() -> None:
    """An edited @article that becomes a newspaper article gets its entrysubtype appended."""
    lib = loads("@article{k, title = {T}}\n")
    lib.entries[0].type = "article-newspaper"
    out = dumps(lib)
    assert out.startswith("@article{k, title = {T},") and "entrysubtype = {newspaper}" in out
    assert loads(out).entries[0].type == "article-newspaper"


# -- values that did not come from the file -----------------------------------------------
# A CSL-JSON, RIS or Crossref record, an enrichment or an edit hands the writer text that
# was never BibTeX. Whatever it holds, the written entry must parse, and read back as the
# same value: an unbalanced brace or a trailing backslash once ended the entry early or
# never closed it, and the reader then lost the entry and everything after it.

_NASTY = ["a{b", "}{", "c\\", "x } y {", "{", "}", "\\", "\\{", "\\}", "\\textbackslash{}",
          "{@}", "a\n@book{x,", "a\n  @misc(x", "50% off # @here \"q\" = ,", "tab\there",
          '{"literal": "a{b"}', "line\nbreak", "\\\\", "a\\}b{", "~--''``"]


@pytest.mark.parametrize("value", _NASTY)
@pytest.mark.parametrize("key", ["csl:archive", "csl:archive_location", "ris:M3",
                                 "csl:event-place", "csl:original-date"])
def test_refs_namespaced_extra_reads_back_exactly(key: str, value: str) -> None:
    """csl:<name> and ris:<TAG> values (CSL-JSON / RIS text refs has no field for) read back
    as exactly the same string, next to an ordinary field, whatever characters they hold."""
    ref = Reference(id="k", type="book", title="T", extra={key: value, "csl:medium": "Print"})
    out = dumps(Library(entries=[ref]))
    again = loads(out)
    assert again.diagnostics == [] and len(again.entries) == 1, out
    assert again.entries[0].extra == ref.extra and again.entries[0].title == "T", out


def test_csl_json_item_with_braces_survives_bibtex(tmp_path: Path) -> None:
    """The reported case: a CSL-JSON item whose archive has an unbalanced brace and whose
    medium ends in a backslash, exported to .bib through refs.dump, comes back whole."""
    item = {"id": "k", "type": "book", "title": "T", "archive": "Fond {5", "medium": "C:\\",
            "archive_location": "box }{ 3"}
    src = tmp_path / "a.json"
    src.write_text(json.dumps([item, {"id": "z", "type": "book", "title": "Z"}]),
                   encoding="utf-8")
    bib = tmp_path / "a.bib"
    refs.dump(refs.load(src), bib)
    again = refs.load(bib)
    assert again.diagnostics == [], bib.read_text(encoding="utf-8")
    assert [csljson.to_csl(e) for e in again.entries] == [item, {"id": "z", "type": "book",
                                                                 "title": "Z"}]


def test_plain_extra_values_stay_as_written() -> None:
    """csl:/ris: values BibTeX can hold as they are are written as they are (what refs
    always wrote), so existing exports and their diffs do not change."""
    ref = Reference(id="k", extra={"csl:archive": 'R&D {Archive} # 50% "x"',
                                   "ris:M3": "a\nb", "howpublished": "\\url{x}"})
    out = dumps(Library(entries=[ref]))
    assert 'csl:archive = {R&D {Archive} # 50% "x"}' in out
    assert "ris:M3 = {a\nb}" in out and "howpublished = {\\url{x}}" in out


@pytest.mark.parametrize("value", _NASTY)
def test_other_unknown_field_set_from_outside_still_parses(value: str) -> None:
    """An unknown BibTeX field holds its raw value; one set from outside (an API edit, a
    Crossref/DataCite extra) that BibTeX cannot hold as written gets its braces, backslashes
    and line-initial @ escaped as LaTeX spells them: the entry parses and prints the same."""
    ref = Reference(id="k", title="T", extra={"howpublished": value})
    out = dumps(Library(entries=[ref]))
    again = loads(out)
    assert again.diagnostics == [] and len(again.entries) == 1, out
    assert again.entries[0].title == "T"
    back = again.entries[0].extra["howpublished"]
    assert back == (value if holds_verbatim(value) else escape_verbatim(value)), out


@pytest.mark.parametrize("value", _NASTY)
def test_identifiers_from_outside_still_parse(value: str) -> None:
    """DOI, URL, ISBN, ids and pages are written as they are; one BibTeX cannot hold that
    way no longer breaks the entry (URL and DOI characters are percent-encoded)."""
    ref = Reference(id="k", title="T", doi="10.1/" + value, url="http://x/" + value,
                    isbn=["978" + value], ids=["old" + value.replace(",", "")],
                    page=PageRange(first="1" + value, last="2"))
    out = dumps(Library(entries=[ref]))
    again = loads(out)
    assert again.diagnostics == [] and len(again.entries) == 1, out
    assert again.entries[0].title == "T", out


#: any text (assigned characters: noncharacters are the LaTeX decoder's placeholders), with
#: BibTeX's structural characters drawn often
_any_char = st.one_of(st.characters(exclude_categories=("Cs", "Cn")),
                      st.sampled_from('{}\\@\n (,="#%~'))
_any_text = st.text(_any_char, max_size=30)
_extra_key = st.sampled_from(["csl:archive", "csl:note-x", "ris:M3", "csl:event-place",
                              "csl:container-author", "ris:N2"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_extra_key, _any_text, max_size=4), _any_text)
def test_any_text_in_a_csl_or_ris_extra_reads_back(extra: dict[str, str], title: str) -> None:
    """Property: any text in csl:/ris: extras, written to a fresh .bib, reads back as the
    same strings, and the entry and the one after it both load."""
    ref = Reference(id="k", title=title or None, extra=extra)
    out = dumps(Library(entries=[ref, Reference(id="z", title="Z")]))
    again = loads(out)
    assert again.diagnostics == [] and [e.id for e in again.entries] == ["k", "z"], out
    assert again.entries[0].extra == extra, out
    assert again.entries[1].title == "Z"


#: text as a BibTeX field holds it: BibTeX folds whitespace, so runs of it are one space
_field_text = _any_text.map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=300, deadline=None)
@given(_field_text, _field_text, st.sampled_from([False, True]))
def test_any_text_in_title_and_note_reads_back(title: str, note: str, latex: bool) -> None:
    """Property: any title and note (whitespace as BibTeX folds it) read back the same,
    with UTF-8 output and with latex=True."""
    ref = Reference(id="k", title=title, note=note)
    out = dumps(Library(entries=[ref, Reference(id="z", title="Z")]), latex=latex)
    again = loads(out)
    assert again.diagnostics == [] and [e.id for e in again.entries] == ["k", "z"], out
    assert (again.entries[0].title, again.entries[0].note) == (title, note), out


@settings(max_examples=200, deadline=None)
@given(st.text(_any_char, min_size=1, max_size=12))
def test_any_key_is_written_back_or_refused(key: str) -> None:
    """A key from outside (a CSL-JSON id) that BibTeX cannot hold (a comma, a brace, an
    equals sign, a quote, surrounding space) is refused with WriteError, naming it; any
    other key reads back as itself. It used to cut the entry and lose its fields."""
    from refs.errors import WriteError

    lib = Library(entries=[Reference(id=key, title="T"), Reference(id="z", title="Z")])
    try:
        out = dumps(lib)
    except WriteError as exc:
        assert repr(key) in str(exc)
        return
    again = loads(out)
    assert again.diagnostics == [] and [e.id for e in again.entries] == [key, "z"], out
    assert again.entries[0].title == "T"


@pytest.mark.parametrize("value", _NASTY)
def test_ordinary_text_fields_with_any_characters_parse(value: str) -> None:
    """title, note, abstract, publisher and a literal date are LaTeX-escaped; a line that
    starts with @ (an abstract's paragraph) no longer opens a new block in the middle of
    the entry. They read back as the text, its whitespace folded as BibTeX folds it."""
    ref = Reference(id="k", title=value, note=value, abstract=value, publisher=value,
                    issued=DateParts(literal=value), keyword=[value.replace(",", "")],
                    author=[Name(family=value, given="A"), Name(literal=value)])
    out = dumps(Library(entries=[ref, Reference(id="z", title="Z")]))
    again = loads(out)
    assert again.diagnostics == [] and [e.id for e in again.entries] == ["k", "z"], out
    folded = " ".join(value.split())
    back = again.entries[0]
    assert (back.title, back.note, back.abstract, back.publisher) == (folded,) * 4, out


def test_csl_variable_that_cannot_be_a_field_name_is_refused() -> None:
    """A CSL-JSON variable whose name BibTeX cannot hold ("a=b") would have cut the entry;
    writing is refused with WriteError naming the entry and the variable."""
    from refs.errors import WriteError

    ref = csljson.loads(json.dumps([{"id": "k", "type": "book", "a=b": "x"}])).entries[0]
    with pytest.raises(WriteError, match=r"k: 'csl:a=b' cannot be written as a BibTeX field"):
        dumps(Library(entries=[ref]))


def test_renamed_key_that_bibtex_cannot_hold_is_refused() -> None:
    """Renaming a loaded entry to a key with a comma is refused, not written half-parsed."""
    from refs.errors import WriteError

    lib = loads("@book{k,\n  title = {T}\n}\n")
    lib.entries[0].id = "smith, 2020"
    with pytest.raises(WriteError, match="'smith, 2020' cannot be written as a BibTeX key"):
        dumps(lib)


@pytest.mark.parametrize("key", ["a)b", "smith(2008)"])
def test_key_with_a_closing_parenthesis_is_refused_in_a_parenthesized_entry(key: str) -> None:
    """Re-keying an entry written @book(...) to 'a)b' wrote '@book(a)b, ...)', which reads
    back as the key 'a' with no fields; in a braced entry the key is fine."""
    from refs.errors import WriteError

    lib = loads("@book(k,\n  title = {T}\n)\n")
    lib.entries[0].id = key
    with pytest.raises(WriteError, match=r"written @type\(\.\.\.\), and '\)' would end it"):
        dumps(lib)
    lib = loads("@book{k,\n  title = {T}\n}\n")
    lib.entries[0].id = key
    assert [(e.id, e.title) for e in loads(dumps(lib)).entries] == [(key, "T")]
    lib = loads("@book(k,\n  title = {T}\n)\n")
    lib.entries[0].id = "a(b"
    assert [(e.id, e.title) for e in loads(dumps(lib)).entries] == [("a(b", "T")]


# -- seasons and months outside the calendar ----------------------------------------------
# CSL-JSON may give issued a month of 13-16 (a season, as citeproc-js reads it) or 21-24
# (EDTF's seasons), and a month the check reports (0, 17, 99). The writer indexed jan..dec
# with it: a season crashed every export (IndexError), month 0 was dropped and -1 became nov.

_SEASONS = [(13, 21), (14, 22), (15, 23), (16, 24), (21, 21), (22, 22), (23, 23), (24, 24)]


@pytest.mark.parametrize(("month", "edtf"), _SEASONS)
def test_season_is_written_as_a_biblatex_date_and_reads_back_as_the_csl_season(
        month: int, edtf: int) -> None:
    """A season without a day is biblatex's EDTF season date (``date = {2015-22}``, biblatex
    sets yeardivision to summer), not year + month; it reads back as CSL's spelling of the
    same season (13-16), so a CSL 13-16 comes back as it was."""
    ref = Reference(id="k", type="book", title="T", issued=DateParts(year=2015, month=month))
    out = dumps(Library(entries=[ref]))
    assert f"date = {{2015-{edtf}}}" in out and "month" not in out and "year" not in out, out
    again = loads(out)
    assert again.diagnostics == []
    assert again.entries[0].issued == DateParts(year=2015, month=edtf - 8)


@pytest.mark.parametrize("month", [0, 17, 20, 25, 99, -1, 1000])
def test_month_outside_the_calendar_is_written_as_it_is(month: int) -> None:
    """A month that is neither a calendar month nor a season is kept as written, never
    turned into another month: ``month = {0}``, which the check reports (E305)."""
    from refs.check.runner import run

    ref = Reference(id="k", type="book", title="T", author=[Name(family="Doe")],
                    publisher="P", issued=DateParts(year=2015, month=month))
    out = dumps(Library(entries=[ref]))
    assert f"year = {{2015}},\n  month = {{{month}}}" in out, out
    again = loads(out)
    assert again.diagnostics == [] and again.entries[0].year == 2015
    assert [d.subject for d in run(again) if d.code == "E305"] == [str(month)]


@pytest.mark.parametrize("month", [1, 5, 12])
def test_calendar_month_is_still_a_macro(month: int) -> None:
    ref = Reference(id="k", type="book", title="T", issued=DateParts(year=2015, month=month))
    out = dumps(Library(entries=[ref]))
    assert "month = " + ("jan", "may", "dec")[(1, 5, 12).index(month)] + "\n" in out, out


def test_edited_entry_gets_a_season_or_an_odd_month_and_reads_it_back() -> None:
    """An entry read from a file whose date becomes a season gets ``date`` (its month
    field goes: biblatex would print it); one whose month becomes 0 gets ``month = {0}``;
    a ``date`` field becomes the season date."""
    lib = loads("@book{a,\n  title = {T},\n  year = {2015},\n  month = may\n}\n\n"
                "@book{b,\n  title = {T},\n  date = {2015-05}\n}\n\n"
                "@book{c,\n  title = {T},\n  year = {2015},\n  month = may\n}\n")
    lib.entries[0].issued = DateParts(year=2015, month=14)
    lib.entries[1].issued = DateParts(year=2015, month=23)
    lib.entries[2].issued = DateParts(year=2015, month=0)
    out = dumps(lib)
    assert "@book{a,\n  title = {T},\n  year = {2015},\n  date = {2015-22}\n}" in out, out
    assert "@book{b,\n  title = {T},\n  date = {2015-23}\n}" in out, out
    assert "@book{c,\n  title = {T},\n  year = {2015},\n  month = {0}\n}" in out, out
    again = loads(out)
    assert [e.issued.month for e in again.entries if e.issued] == [14, 15, 0]  # was None


@pytest.mark.parametrize("month", [13, 14, 15, 16, 21, 24])
def test_csl_json_season_survives_bib_and_back(month: int, tmp_path: Path) -> None:
    """The reported crash: a CSL-JSON item dated 2015, summer. Through .bib and back it
    keeps its season, spelled as citeproc-js does (13-16): a 13-16 comes back unchanged."""
    item = {"id": "k", "type": "book", "title": "T",
            "issued": {"date-parts": [[2015, month]]}}
    _, _, again = _through_bib(item, tmp_path)
    season = month - 8 if month > 20 else month
    assert csljson.to_csl(again.entries[0])["issued"] == {"date-parts": [[2015, season]]}


# -- circa: approximate dates -----------------------------------------------------------
# CSL's circa was read (from CSL-JSON and from a biblatex date 1850~) but written as a bare
# year = {1850}: the date lost its "approximately".

_CIRCA = [(DateParts(year=1850, circa=True), "1850~"),
          (DateParts(year=1850, month=5, circa=True), "1850-05~"),
          (DateParts(year=1850, month=5, day=2, circa=True), "1850-05-02~"),
          (DateParts(year=2015, month=14, circa=True), "2015-22~")]


@pytest.mark.parametrize(("issued", "date"), _CIRCA)
def test_circa_is_a_biblatex_approximate_date(issued: DateParts, date: str) -> None:
    """An approximate date is biblatex's ISO 8601-2 ``date = {1850~}`` (biblatex sets
    ``dateapproximate``), and reads back as circa; the check finds nothing wrong with it."""
    from refs.check.runner import run

    ref = Reference(id="k", type="book", title="T", author=[Name(family="Doe")],
                    publisher="P", issued=issued)
    out = dumps(Library(entries=[ref]))
    assert f"date = {{{date}}}" in out and "year" not in out and "month" not in out, out
    again = loads(out)
    assert again.entries[0].issued == issued
    assert [d.code for d in run(again) if d.code in ("E304", "E305")] == []


def test_csl_json_circa_survives_bib_and_back(tmp_path: Path) -> None:
    item = {"id": "k", "type": "book", "title": "T",
            "issued": {"date-parts": [[1850]], "circa": True}}
    _, bib, again = _through_bib(item, tmp_path)
    assert "date = {1850~}" in bib.read_text(encoding="utf-8")
    assert csljson.to_csl(again.entries[0])["issued"] == item["issued"]


def test_edited_entry_that_becomes_approximate_gets_a_date() -> None:
    lib = loads("@book{a,\n  title = {T},\n  year = {1850}\n}\n")
    lib.entries[0].issued = DateParts(year=1850, circa=True)
    out = dumps(lib)
    assert "date = {1850~}" in out, out
    assert loads(out).entries[0].issued == DateParts(year=1850, circa=True)


# -- EDTF's uncertain (?) and uncertain-and-approximate (%) dates -----------------------------
# All three qualifiers read as CSL's circa (its only one); an edited date was written with
# ~, turning biblatex's "1723?" (dateuncertain) into "ca. 1723" (dateapproximate).


@pytest.mark.parametrize("qualifier", ["~", "?", "%"])
def test_qualifier_reads_as_circa_and_stays_as_written(qualifier: str) -> None:
    text = f"@book{{k,\n  title = {{T}},\n  date = {{1723{qualifier}}}\n}}\n"
    lib = loads(text)
    assert lib.entries[0].issued == DateParts(year=1723, circa=True)
    assert csljson.to_csl(lib.entries[0])["issued"] == {"date-parts": [[1723]], "circa": True}
    assert dumps(lib) == text
    lib.entries[0].title = "U"
    assert dumps(lib) == text.replace("{T}", "{U}")


@pytest.mark.parametrize("qualifier", ["~", "?", "%"])
def test_edited_approximate_date_keeps_its_qualifier(qualifier: str) -> None:
    """A new date that is still circa keeps the entry's own qualifier; one that is no
    longer circa has none."""
    lib = loads(f"@book{{k,\n  title = {{T}},\n  date = {{1723{qualifier}}}\n}}\n")
    lib.entries[0].issued = DateParts(year=1724, month=5, circa=True)
    out = dumps(lib)
    assert f"date = {{1724-05{qualifier}}}" in out, out
    assert loads(out).entries[0].issued == DateParts(year=1724, month=5, circa=True)
    lib.entries[0].issued = DateParts(year=1724)
    assert "date = {1724}" in dumps(lib)


def test_edited_uncertain_range_keeps_its_qualifier() -> None:
    lib = loads("@book{k,\n  title = {T},\n  date = {1723?/1730?}\n}\n")
    lib.entries[0].extra["csl:issued"] = '{"circa": true, "date-parts": [[1723], [1731]]}'
    assert "date = {1723?/1731?}" in dumps(lib)


def test_new_approximate_date_is_written_with_tilde() -> None:
    """Without a date of its own to follow (a new entry, one from CSL-JSON, which has
    only circa), an approximate date is ~."""
    lib = loads("@book{k,\n  title = {T},\n  year = {1723}\n}\n")
    lib.entries[0].issued = DateParts(year=1723, circa=True)
    assert "date = {1723~}" in dumps(lib)


# -- date ranges --------------------------------------------------------------------------
# A CSL-JSON range (issued with two date-parts) became year = {2015} plus a csl:issued
# field holding the JSON, and a biblatex range date = {2015/2016} lost its end on the way
# to CSL-JSON.

_RANGES = [({"date-parts": [[2015], [2016]]}, "2015/2016"),
           ({"date-parts": [[2015, 5], [2015, 7]]}, "2015-05/2015-07"),
           ({"date-parts": [[2015, 5, 1], [2015, 5, 3]]}, "2015-05-01/2015-05-03"),
           ({"date-parts": [[2015, 13], [2015, 14]]}, "2015-21/2015-22"),
           ({"date-parts": [[1850], [1860]], "circa": True}, "1850~/1860~")]
#: open-ended ranges (see "open-ended ranges" below)
_OPEN = [({"date-parts": [[2015], [0]]}, "2015/.."),
         ({"date-parts": [[2015, 5, 3], [0]]}, "2015-05-03/.."),
         ({"date-parts": [[2015, 14], [0]]}, "2015-22/.."),
         ({"date-parts": [[1850], [0]], "circa": True}, "1850~/..")]


@pytest.mark.parametrize(("issued", "date"), _RANGES + _OPEN)
def test_csl_json_date_range_is_a_biblatex_date_range(issued: dict[str, object], date: str,
                                                      tmp_path: Path) -> None:
    """The range is biblatex's ``date = {2015/2016}`` and reads back as the same range;
    CSL's open end (``[0]``, as the CSL test suite and citeproc-js spell it: "2015–") is
    EDTF's ``..`` (``date = {2015/..}``)."""
    from refs.check.runner import run

    item = {"id": "k", "type": "book", "title": "T", "author": [{"family": "Doe"}],
            "publisher": "P", "issued": issued}
    _, bib, again = _through_bib(item, tmp_path)
    text = bib.read_text(encoding="utf-8")
    assert f"date = {{{date}}}" in text and "csl:issued" not in text and "year" not in text
    assert csljson.to_csl(again.entries[0])["issued"] == issued
    assert [d.code for d in run(again) if d.code in ("E304", "E305")] == []


@pytest.mark.parametrize(("issued", "date"), _RANGES)
def test_biblatex_date_range_exports_to_csl_json_as_the_range(issued: dict[str, object],
                                                              date: str) -> None:
    ref = loads(f"@book{{k, title = {{T}}, date = {{{date}}}}}").entries[0]
    assert csljson.to_csl(ref)["issued"] == issued


def test_range_of_edtf_seasons_reads_back_as_csl_seasons(tmp_path: Path) -> None:
    """EDTF's seasons (21-24) come back as CSL's 13-16, as a single season does."""
    item = {"id": "k", "type": "book", "title": "T",
            "issued": {"date-parts": [[2015, 21], [2015, 22]]}}
    _, bib, again = _through_bib(item, tmp_path)
    assert "date = {2015-21/2015-22}" in bib.read_text(encoding="utf-8")
    assert csljson.to_csl(again.entries[0])["issued"] == {"date-parts": [[2015, 13], [2015, 14]]}


@pytest.mark.parametrize("issued", [
    {"date-parts": [[2015], [2016]], "season": 1},
    {"date-parts": [[2015], [2016], [2017]]},
    {"date-parts": [[2015, 2, 30], [2016]]},
])
def test_range_biblatex_cannot_hold_exactly_stays_csl_issued(issued: dict[str, object],
                                                              tmp_path: Path) -> None:
    """A range that would not read back as the same CSL date keeps its csl:issued field."""
    item = {"id": "k", "type": "book", "title": "T", "issued": issued}
    _, bib, again = _through_bib(item, tmp_path)
    assert "csl:issued = " in bib.read_text(encoding="utf-8")
    assert csljson.to_csl(again.entries[0])["issued"] == issued


def test_edited_entry_keeps_or_drops_its_range() -> None:
    """An edit elsewhere leaves the range as written; a new start date replaces it (the
    end read with the old one is stale, as CSL-JSON's writer has it)."""
    text = "@book{k,\n  title = {T},\n  date = {2015/2016}\n}\n"
    lib = loads(text)
    lib.entries[0].title = "U"
    assert dumps(lib) == text.replace("{T}", "{U}")
    lib.entries[0].issued = DateParts(year=2017)
    out = dumps(lib)
    assert "@book{k,\n  title = {U},\n  date = {2017}\n}" in out, out
    lib = loads(text)
    lib.entries[0].extra["csl:issued"] = '{"date-parts": [[2015], [2018]]}'
    assert "date = {2015/2018}" in dumps(lib)


# -- open-ended ranges --------------------------------------------------------------------
# biblatex's date = {2015/..} (or {2015/}) read as 2015 and went to CSL-JSON as 2015: the
# openness survived only in the untouched .bib; CSL-JSON's [[2015], [0]] became
# year = {2015} plus a csl:issued field biblatex ignores. (The CSL-JSON -> .bib -> CSL-JSON
# cases are _OPEN, in the date-range test above.)



@pytest.mark.parametrize("written", ["2015/..", "2015/", "2015 / ..", "2015/ "])
def test_biblatex_open_range_exports_to_csl_json_as_open(written: str) -> None:
    """EDTF's ``2015/..`` and older biblatex's ``2015/`` are CSL's open end; the entry,
    untouched, is written back byte for byte, and edited elsewhere keeps its date."""
    text = f"@book{{k,\n  title = {{T}},\n  date = {{{written}}}\n}}\n"
    lib = loads(text)
    assert lib.entries[0].issued == DateParts(year=2015)
    assert csljson.to_csl(lib.entries[0])["issued"] == {"date-parts": [[2015], [0]]}
    assert dumps(lib) == text
    lib.entries[0].title = "U"
    assert dumps(lib) == text.replace("{T}", "{U}")


@pytest.mark.parametrize("end", [[], [0, 0], [0, 0, 0]])
def test_other_spellings_of_an_open_end_are_one_open_end(end: list[int],
                                                         tmp_path: Path) -> None:
    """``[]`` (which the CSL schema forbids, but producers write) and zeros are the open
    end too: ``2015/..``, read back as CSL's ``[0]``."""
    item = {"id": "k", "type": "book", "title": "T", "issued": {"date-parts": [[2015], end]}}
    _, bib, again = _through_bib(item, tmp_path)
    assert "date = {2015/..}" in bib.read_text(encoding="utf-8")
    assert csljson.to_csl(again.entries[0])["issued"] == {"date-parts": [[2015], [0]]}


def test_edited_start_drops_the_open_end() -> None:
    """A new start date replaces the open range, as it does a closed one."""
    lib = loads("@book{k,\n  title = {T},\n  date = {2015/..}\n}\n")
    lib.entries[0].issued = DateParts(year=2017)
    assert "date = {2017}" in dumps(lib)
    assert csljson.to_csl(lib.entries[0])["issued"] == {"date-parts": [[2017]]}


_ends = csl_date_parts


@settings(max_examples=150, deadline=None)
@given(start=_ends, end=st.one_of(st.just([0]), _ends), circa=st.booleans())
def test_ranges_open_or_closed_survive_bibtex_and_csl_json(start: list[int], end: list[int],
                                                           circa: bool) -> None:
    """Any range CSL-JSON holds (open or closed, seasons, circa) goes to a .bib ``date``
    and back to the same CSL date, and that .bib, read and written untouched, is the
    same text."""
    issued: dict[str, object] = {"date-parts": [start, end]}
    if circa:
        issued["circa"] = True
    item = {"id": "k", "type": "book", "title": "T", "issued": issued}
    bib = dumps(csljson.loads(json.dumps([item])))
    assert "csl:issued" not in bib and "date = {" in bib, bib
    again = loads(bib)
    assert dumps(again) == bib
    assert csljson.to_csl(again.entries[0])["issued"] == issued


# -- a season with a day ------------------------------------------------------------------
# CSL date-parts [2015, 14, 3] (summer, day 3) became date = {2015-14-03}: no ISO 8601 /
# EDTF date (biblatex rejects it, E304), and it read back as month 14 only by accident.


@pytest.mark.parametrize("issued", [{"date-parts": [[2015, 14, 3]]},
                                    {"date-parts": [[2015, 22, 3]]},
                                    {"date-parts": [[2015, 14, 3]], "circa": True}])
def test_season_with_a_day_is_a_season_date_and_keeps_its_day(issued: dict[str, object],
                                                               tmp_path: Path) -> None:
    """The date is the season biblatex reads (``date = {2015-22}``); the day, which no
    biblatex date holds beside a season, is kept with the whole CSL date in csl:issued,
    and reading the .bib gives the same date back."""
    from refs.check.runner import run

    item = {"id": "k", "type": "book", "title": "T", "author": [{"family": "Doe"}],
            "publisher": "P", "issued": issued}
    _, bib, again = _through_bib(item, tmp_path)
    text = bib.read_text(encoding="utf-8")
    circa = "~" if issued.get("circa") else ""
    assert f"date = {{2015-22{circa}}}" in text and "-03" not in text.split("csl:")[0], text
    assert again.entries[0].issued == csljson.parse_date(issued)
    assert csljson.to_csl(again.entries[0])["issued"] == issued
    assert [d.code for d in run(again) if d.code in ("E304", "E305")] == []


def test_edited_entry_that_gets_a_season_with_a_day_keeps_the_day() -> None:
    lib = loads("@book{k,\n  title = {T},\n  date = {2015-05}\n}\n")
    lib.entries[0].issued = DateParts(year=2015, month=14, day=3)
    out = dumps(lib)
    assert ("@book{k,\n  title = {T},\n  date = {2015-22},\n"
            '  csl:issued = {{"date-parts": [[2015, 14, 3]]}}\n}') in out, out
    assert loads(out).entries[0].issued == DateParts(year=2015, month=14, day=3)


def test_csl_issued_field_that_no_longer_fits_the_date_is_not_read_into_it() -> None:
    """A csl:issued whose season is not the date's (the date was edited by hand) is only
    kept, not taken for the date."""
    ref = loads('@book{k, date = {2016-22}, csl:issued = {{"date-parts": [[2015, 14, 3]]}}}'
                ).entries[0]
    assert ref.issued == DateParts(year=2016, month=14)
