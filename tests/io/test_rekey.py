"""Keys of incoming entries (refs.io.rekey), as `refs import` gives them."""

from __future__ import annotations

from refs.io.rekey import rekey
from refs.model.reference import DateParts, Name, Reference


def _ref(key: str) -> Reference:
    return Reference(id=key, type="book", title="Steppe Politics", author=[Name(family="Doe")],
                     issued=DateParts(year=2005))


def test_a_key_refs_does_not_take_is_replaced_kept_and_reported() -> None:
    """A .bib key with ':' becomes a pattern key; the old one stays an alias (E104)."""
    ref = _ref("Doe:2005")
    taken: set[str] = set()
    found = rekey([ref], "bibtex", "in.bib", "{author}{year}{title}", taken)
    assert ref.id == "doe2005steppe" and ref.ids == ["Doe:2005"] and taken == {ref.id}
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
