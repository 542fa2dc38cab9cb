"""merge(): fill gaps, never overwrite unless asked, report real disagreements only."""

from __future__ import annotations

from refs.enrich.merge import merge
from refs.model.reference import DateParts, Name, PageRange, Reference

SOURCE = Reference(id="s", title="Kazakhstan and Russia: Relations as Part of Russia's "
                   "Foreign Policy Strategy", author=[Name(family="Laumulin", given="Murat"),
                                                      Name(family="Shaken", given="Mukhtar")],
                   issued=DateParts(year=2008, month=3), container_title="Central Asia and "
                   "the Caucasus", volume="49", issue="1", page=PageRange(first="7", last="19"),
                   doi="10.5555/laumulin", issn=["1404-6091"])


def test_fills_only_empty_fields() -> None:
    """Empty fields are filled and listed; present ones are untouched."""
    mine = Reference(id="m", title="Kazakhstan and Russia", volume="9")
    merged, changes, conflicts = merge(mine, SOURCE)
    assert merged.title == "Kazakhstan and Russia" and merged.volume == "9"
    assert merged.doi == "10.5555/laumulin" and merged.author == SOURCE.author
    assert {c.field for c in changes} >= {"author", "issued", "issue", "page", "doi", "issn"}
    assert all(c.old is None for c in changes)
    assert [(c.field, c.here, c.there) for c in conflicts] == [("volume", "9", "49")]


def test_folded_equal_values_are_not_conflicts() -> None:
    """Case, braces, a dropped subtitle, a year-only date and 'and others' are agreement."""
    mine = Reference(id="m", title="{Kazakhstan} and Russia: relations as part of Russia's "
                     "foreign policy strategy", author=[Name(family="Laumulin", given="M.")],
                     issued=DateParts(year=2008), container_title="CENTRAL ASIA AND THE "
                     "CAUCASUS", page=PageRange(first="7", last="19"),
                     doi="https://doi.org/10.5555/LAUMULIN", issn=["14046091"])
    _merged, _changes, conflicts = merge(mine, SOURCE)
    assert conflicts == []


def test_overwrite_replaces_named_fields_only() -> None:
    """Fields named in overwrite (either spelling) take the source's value; others conflict."""
    mine = Reference(id="m", volume="9", container_title="CA&C")
    merged, changes, conflicts = merge(mine, SOURCE, overwrite={"volume", "container-title"})
    assert merged.volume == "49" and merged.container_title == SOURCE.container_title
    assert {(c.field, c.old) for c in changes} >= {("volume", "9"), ("container_title", "CA&C")}
    assert conflicts == []


def test_nothing_to_add_returns_the_same_entry() -> None:
    """A complete entry comes back unchanged (same object), with no changes."""
    merged, changes, conflicts = merge(SOURCE, SOURCE)
    assert merged is SOURCE and changes == [] and conflicts == []
