"""CSL variables kept as ``csl:<name>`` go into a .bib under their BibLaTeX names (venue,
origdate...) and come back as the same ``csl:`` values (refs.io.bibtex_csl)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from refs.io import bibtex, csljson
from refs.io.bibtex_csl import from_field
from refs.io.bibtex_map import (
    CSL_EXTRA_FIELDS,
    CSL_PREFIX,
    FIELD_TO_ATTR,
    PUBLISHER_FIELDS,
    WRITE_FIELDS,
)
from refs.model.library import Library
from refs.model.reference import Reference

#: a book chapter as Zotero exports it (CSL-JSON, date-parts as text, Better BibTeX key)
ZOTERO_ITEM: dict[str, Any] = {
    "id": "http://zotero.org/users/1/items/ABCD1234",
    "citation-key": "laumulin2008kazakhstan",
    "type": "paper-conference",
    "title": "Kazakhstan and Russia",
    "author": [{"family": "Laumulin", "given": "Murat"}],
    "container-author": [{"family": "Shaken", "given": "Mukhtar"}],
    "container-title": "Proceedings of the Almaty Forum",
    "container-title-short": "Almaty Forum",
    "event-title": "Almaty Forum on Central Asia",
    "event-place": "Almaty & Astana",
    "event-date": {"date-parts": [["2007", 9, 12], ["2007", 9, 14]]},
    "original-date": {"date-parts": [["1998", "5"]]},
    "original-title": "Kazakhstan i Rossiia",
    "original-publisher": "KISI",
    "original-publisher-place": "Almaty",
    "issued": {"date-parts": [["2008"]]},
    "number-of-pages": "320",
    "number-of-volumes": "2",
    "chapter-number": "4",
    "version": "2nd draft",
    "status": "in press",
    "annote": "Cited for the 2005 treaty.",
    "call-number": "DK 68.7 .R9",
    "archive": "Kazakh State Archive",
    "archive_location": "Fond 5, opis 1",
    "medium": "Print",
}


def _load_csl(item: dict[str, Any]) -> Reference:
    return csljson.loads(json.dumps([item])).entries[0]


def test_zotero_item_gets_biblatex_field_names() -> None:
    """A Zotero item's CSL-only variables are written as BibLaTeX fields, not csl:<name>."""
    out = bibtex.dumps(Library(entries=[_load_csl(ZOTERO_ITEM)]))
    for field in (
        "venue = {Almaty \\& Astana}",
        "eventdate = {2007-09-12/2007-09-14}",
        "origdate = {1998-05}",
        "origtitle = {Kazakhstan i Rossiia}",
        "origpublisher = {KISI}",
        "origlocation = {Almaty}",
        "bookauthor = {Shaken, Mukhtar}",
        "shortjournal = {Almaty Forum}",
        "volumes = {2}",
        "chapter = {4}",
        "version = {2nd draft}",
        "pubstate = {inpress}",
        "annotation = {Cited for the 2005 treaty.}",
        "library = {DK 68.7 .R9}",
        "pagetotal = {320}",
        "eventtitle = {Almaty Forum on Central Asia}",
    ):
        assert field in out, (field, out)
    for var in ("event-place", "event-date", "original-date", "original-title", "status",
                "container-author", "number-of-volumes", "annote", "call-number"):
        assert f"csl:{var}" not in out, out


def test_reading_back_gives_the_same_reference_and_csl_json() -> None:
    """.bib read back: the same extra, and CSL-JSON written again has the original variables."""
    ref = _load_csl(ZOTERO_ITEM)
    again = bibtex.loads(bibtex.dumps(Library(entries=[ref])))
    assert again.diagnostics == []
    back = again.entries[0]
    assert back.extra == ref.extra
    assert back.content() == ref.model_copy(update={"bibtex_type": back.bibtex_type}).content()
    assert csljson.to_csl(back) == csljson.to_csl(ref)
    item = csljson.to_csl(back)
    for var in ("event-place", "original-title", "status", "version", "call-number"):
        assert item[var] == ZOTERO_ITEM[var]
    assert item["original-date"] == {"date-parts": [[1998, 5]]}
    assert item["container-author"] == ZOTERO_ITEM["container-author"]


def test_variables_without_an_equivalent_keep_their_csl_name() -> None:
    """archive, archive_location, medium, CSL 1.0.1's event: no BibLaTeX field means the same."""
    item = {**ZOTERO_ITEM, "event": "Almaty Forum"}
    out = bibtex.dumps(Library(entries=[_load_csl(item)]))
    for field in ("csl:archive = {Kazakh State Archive}", "csl:archive_location = {Fond 5, opis 1}",
                  "csl:medium = {Print}", "csl:event = {Almaty Forum}"):
        assert field in out, out
    assert "howpublished" not in out
    assert bibtex.loads(out).entries[0].extra == _load_csl(item).extra


@pytest.mark.parametrize(("var", "value"), [
    ("original-date", {"literal": "c. 1900"}),           # not date-parts
    ("original-date", {"date-parts": [[1900]], "circa": True}),
    ("event-date", {"date-parts": [[2001, 13]]}),         # no 13th month
    ("event-date", {"date-parts": [[-44, 3, 15]]}),       # BCE: ISO's -0043, refs reads none
    ("event-place", "Almaty\nAstana"),                    # BibTeX folds the line break
    ("event-place", "[online]"),                          # CSL-JSON would decode it as JSON
    ("status", "inpress"),                                # reads back as "in press"
    ("container-author", [{"family": "Shaken", "ORCID": "0000-0002-1825-0097"}]),
    ("container-author", "Shaken"),                       # not a list of names
])
def test_value_the_field_cannot_hold_keeps_the_csl_name(var: str, value: Any) -> None:
    """A value that would read back as something else is written verbatim as csl:<name>."""
    ref = _load_csl({"id": "k", "type": "book", var: value})
    out = bibtex.dumps(Library(entries=[ref]))
    assert f"csl:{var} = " in out and CSL_EXTRA_FIELDS[var][0] + " = " not in out, out
    assert bibtex.loads(out).entries[0].extra == ref.extra


def test_existing_field_of_that_name_is_not_clobbered() -> None:
    """A venue the entry already has stays; the CSL event-place then keeps its csl: name."""
    ref = Reference(id="k", type="paper-conference",
                    extra={"venue": "Hall A", "csl:event-place": "Almaty"})
    out = bibtex.dumps(Library(entries=[ref]))
    assert "venue = {Hall A}" in out and "csl:event-place = {Almaty}" in out, out
    assert bibtex.loads(out).entries[0].extra == ref.extra


def test_edited_entry_does_not_get_a_second_venue() -> None:
    """An edited entry whose own venue field is not the CSL event-place appends csl:event-place."""
    lib = bibtex.loads("@inproceedings{k,\n  venue = {Hall A},\n  csl:event-place = {Almaty}\n}\n")
    assert lib.entries[0].extra == {"venue": "Hall A", "csl:event-place": "Almaty"}
    lib.entries[0].extra = {"venue": "Hall B", "csl:event-place": "Astana"}
    out = bibtex.dumps(lib)
    assert out == "@inproceedings{k,\n  venue = {Hall B},\n  csl:event-place = {Astana}\n}\n"


def test_handwritten_biblatex_fields_read_as_csl_variables() -> None:
    """venue, origdate, pubstate... of a .bib read as the CSL variables; the file is untouched."""
    text = ('@inproceedings{k,\n  title = {T},\n  venue = {M{\\"u}nchen},\n  origdate = {1900},\n'
            "  pubstate = {forthcoming},\n  bookauthor = {M{\\\"u}ller, Jan and {WHO}},\n"
            "  origdate2 = {x}\n}\n")
    lib = bibtex.loads(text)
    assert lib.entries[0].extra == {
        "csl:event-place": "München",
        "csl:original-date": '{"date-parts": [[1900]]}',
        "csl:status": "forthcoming",
        "csl:container-author": '[{"family": "Müller", "given": "Jan"}, {"literal": "WHO"}]',
        "origdate2": "x",
    }
    assert bibtex.dumps(lib) == text
    item = csljson.to_csl(lib.entries[0])
    assert item["event-place"] == "München" and item["original-date"] == {"date-parts": [[1900]]}


def test_field_that_is_not_the_variable_stays_under_its_name() -> None:
    """origdate that is no ISO date, or a second spelling of a csl: key, is kept as written."""
    lib = bibtex.loads("@book{k, origdate = {circa 1900}, csl:event-place = {A}, venue = {B}}")
    assert lib.entries[0].extra == {"origdate": "circa 1900", "csl:event-place": "A",
                                    "venue": "B"}


def test_edit_rewrites_the_biblatex_field_in_place() -> None:
    """Editing a CSL variable read from venue rewrites venue (escaped), keeping its place."""
    lib = bibtex.loads("@inproceedings{k,\n  Venue = {Almaty},\n  title = {T}\n}\n")
    lib.entries[0].extra["csl:event-place"] = "Almaty & Astana"
    assert bibtex.dumps(lib) == \
        "@inproceedings{k,\n  Venue = {Almaty \\& Astana},\n  title = {T}\n}\n"


def test_edit_to_a_value_the_field_cannot_hold_moves_it_to_csl_name() -> None:
    """An origdate edited to a CSL literal date is not lost: it moves to csl:original-date."""
    lib = bibtex.loads("@book{k,\n  origdate = {1900},\n  title = {T}\n}\n")
    lib.entries[0].extra["csl:original-date"] = '{"literal": "c. 1900"}'
    out = bibtex.dumps(lib)
    assert "origdate" not in out and 'csl:original-date = {{"literal": "c. 1900"}}' in out, out
    assert bibtex.loads(out).entries[0].extra == lib.entries[0].extra


def test_latex_output_encodes_mapped_text() -> None:
    """With latex=True non-ASCII in a mapped field is written as LaTeX and reads back."""
    ref = _load_csl({"id": "k", "type": "book", "event-place": "München"})
    out = bibtex.dumps(Library(entries=[ref]), latex=True)
    assert 'venue = {M{\\"u}nchen}' in out, out
    assert bibtex.loads(out).entries[0].extra == ref.extra


def test_table_targets_are_fields_refs_keeps_in_extra() -> None:
    """Every BibLaTeX name in the table is distinct and not read into a Reference attribute,
    so a written field comes back as the csl: variable and nothing else."""
    names = [field for field, _ in CSL_EXTRA_FIELDS.values()]
    assert len(set(names)) == len(names)
    model = set(FIELD_TO_ATTR) | set(WRITE_FIELDS.values()) | set(PUBLISHER_FIELDS)
    assert model.isdisjoint(names) and "number" not in names and "entrysubtype" not in names
    assert csljson.EXTRA_PREFIX == CSL_PREFIX


# -- properties ---------------------------------------------------------------------------

_TEXT_VARS = [v for v, (_, kind) in CSL_EXTRA_FIELDS.items() if kind in ("text", "pubstate")]
_text = st.text(alphabet="abcXYZ äöüßøŠ–—'\"`,.;:=@()[]&%$#_~^\\{}0123456789\n", max_size=20)
_date_part = st.lists(st.integers(0, 12), min_size=1, max_size=3).map(
    lambda p: [1000 + p[0] * 83, *p[1:]])
_date = st.one_of(
    st.lists(_date_part, min_size=1, max_size=2).map(lambda ps: {"date-parts": ps}),
    st.builds(lambda s: {"literal": s}, _text),
)
_name = st.fixed_dictionaries({}, optional={
    "family": st.text(alphabet="abcXYZ äö-'", min_size=1, max_size=8),
    "given": st.text(alphabet="abcXYZ .", min_size=1, max_size=6),
    "literal": st.text(alphabet="abcXYZ &", min_size=1, max_size=8),
})
_extra_item = st.one_of(
    st.tuples(st.sampled_from(_TEXT_VARS), st.one_of(_text, st.sampled_from(["in press"]))),
    st.tuples(st.sampled_from(["event-date", "original-date"]), _date),
    st.tuples(st.just("container-author"), st.lists(_name, max_size=3)),
    st.tuples(st.sampled_from(["archive", "medium"]), _text),
)


def _verbatim_safe(value: str) -> bool:
    """Whether BibTeX can hold ``value`` verbatim in braces: balanced braces, none of them
    escaped (what a hand-written field can hold)."""
    depth = 0
    for i, c in enumerate(value):
        if c in "{}" and i and value[i - 1] == "\\":
            return False
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0 and not value.endswith("\\")


@settings(max_examples=150, deadline=None)
@given(st.lists(_extra_item, max_size=6, unique_by=lambda kv: kv[0]))
def test_any_csl_extra_round_trips_through_bibtex(items: list[tuple[str, Any]]) -> None:
    """Any csl: values written to a fresh .bib read back as exactly the same extra, also
    those BibTeX cannot hold as they are (unbalanced braces, a trailing backslash: once
    a known limit of the csl:<name> fallback, which wrote an entry that did not parse)."""
    ref = _load_csl({"id": "k", "type": "book", **dict(items)})
    out = bibtex.dumps(Library(entries=[ref]))
    again = bibtex.loads(out)
    assert again.diagnostics == [] and again.entries[0].extra == ref.extra, out
    assert csljson.to_csl(again.entries[0]) == csljson.to_csl(ref)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([f for f, _ in CSL_EXTRA_FIELDS.values()]),
       st.text(alphabet='abcXYZ äö{}\\"&~-/0123456789 ,', max_size=16))
def test_any_handwritten_field_reads_back_the_same_after_a_fresh_write(field: str,
                                                                       raw: str) -> None:
    """A BibLaTeX field read as a CSL variable and written fresh reads back the same."""
    assume(_verbatim_safe(raw))
    lib = bibtex.loads(f"@book{{k, {field} = {{{raw}}}}}\n")
    assume(lib.diagnostics == [])
    ref = lib.entries[0]
    again = bibtex.loads(bibtex.dumps(Library(entries=[ref.model_copy()])))
    assert again.entries[0].extra == ref.extra
    found = from_field(field, raw)
    if found is not None:
        assert ref.extra.get(CSL_PREFIX + found[0]) == found[1]


def test_docs_table_lists_every_pair() -> None:
    """docs/commands/import.md shows each CSL variable with the BibLaTeX field it gets."""
    page = Path(__file__).resolve().parents[2] / "docs" / "commands" / "import.md"
    rows = {line.split("|")[1].strip(" `"): line.split("|")[2].strip(" `")
            for line in page.read_text(encoding="utf-8").splitlines()
            if line.startswith("| `") and line.count("|") == 4}
    assert {v: f for v, (f, _) in CSL_EXTRA_FIELDS.items()}.items() <= rows.items()
