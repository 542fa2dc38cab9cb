"""Keys of incoming entries (refs.io.rekey), as `refs import` gives them."""

from __future__ import annotations

import pytest

from refs.io.rekey import rekey, takes_key
from refs.model.reference import DateParts, Name, Reference


def _ref(key: str) -> Reference:
    return Reference(id=key, type="book", title="Steppe Politics", author=[Name(family="Doe")],
                     issued=DateParts(year=2005))


def test_a_key_refs_does_not_take_is_replaced_kept_and_reported() -> None:
    """A .bib key biber refuses becomes a pattern key; the old one stays an alias (E104)."""
    ref = _ref("Doe(2005)")
    taken: set[str] = set()
    found = rekey([ref], "bibtex", "in.bib", "{author}{year}{title}", taken)
    assert ref.id == "doe2005steppe" and ref.ids == ["Doe(2005)"] and taken == {ref.id}
    assert [(d.code, d.key, d.location.path) for d in found] == [
        ("E104", "doe2005steppe", "in.bib")]


def test_formats_keep_the_old_key_where_they_write_it_back() -> None:
    """RIS keeps it as ris:ID, CSL-JSON as csl:id; a taken key is renamed silently."""
    ris, csl, clash = _ref("a b"), _ref("5"), _ref("doe2005")
    taken = {"doe2005"}
    rekey([ris], "ris", "in.ris", "{author}{year}{title}", taken)
    rekey([csl], "csl-json", "in.json", "{author}{year}{title}", taken)
    assert rekey([clash], "bibtex", "in.bib", "{author}{year}", taken) == []
    assert ris.extra["ris:ID"] == "a b" and csl.extra["csl:id"] == "5"
    assert len({ris.id, csl.id, clash.id, "doe2005"}) == 4 and clash.ids == []


@pytest.mark.parametrize("key", ["Smith:2008", "doi:10.1000/x", "Doe/2005", "2008smith",
                                 "Müller2008", "x@y", "a.b-c_d+e;f!g?h<i>j[k]l*m&n|o^p`q$r"])
def test_keys_bibtex_and_biber_take_are_kept(key: str) -> None:
    """Every key BibTeX and biber take, ':' and '/' included, stays the entry's key."""
    ref = _ref(key)
    assert takes_key(key)
    assert rekey([ref], "csl-json", "in.json", "{author}{year}{title}", set()) == []
    assert ref.id == key and ref.extra == {}


@pytest.mark.parametrize("key", ["", "a b", "a\tb", "a,b", "a{b", "a}b", 'a"b', "a'b", "a#b",
                                 "a%b", "a=b", "a(b)", "a\\b", "a~b", "42",
                                 "http://zotero.org/users/1/items/AB", "file:///x"])
def test_keys_that_break_a_bib_or_are_record_ids_are_replaced(key: str) -> None:
    """What breaks a .bib, biber or \\cite is replaced, and so are the ids other tools give
    records (Zotero's item URIs, bare numbers), which are no citation keys."""
    assert not takes_key(key)
