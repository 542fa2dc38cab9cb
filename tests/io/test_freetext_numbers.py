"""The volume run read into year, volume, issue and pages (refs.io.freetext.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refs import parse_reference
from refs.io.freetext.numbers import Numbers, read_volume


@pytest.mark.parametrize(("text", "expected"), [
    ("1953;171(4356):737-8.", Numbers("1953", "171", "4356", "737", "8")),
    ("2012;30(15):", Numbers("2012", "30", "15", None, None)),
    ("2002;11: 368–77", Numbers("2002", "11", None, "368", "77")),
    ("2000;(3):218-226.", Numbers("2000", None, "3", "218", "226")),
    ("2014 Mar;111(2):e12.", Numbers("2014", "111", "2", "e12", None)),
    ("40(2):", Numbers(None, "40", "2", None, None)),
    ("vol. 30,", Numbers(None, "30", None, None, None)),
    ("no. 4", Numbers(None, "4", "4", None, None)),  # as the tagger's reader always did
    ("", Numbers(None, None, None, None, None)),
])
def test_volume_runs(text: str, expected: Numbers) -> None:
    """Vancouver's date;volume(issue):pages in one token, and the shapes read before."""
    assert read_volume(text) == expected


@given(st.integers(1500, 2099), st.integers(1, 999), st.integers(1, 99),
       st.integers(1, 9999), st.integers(1, 9999))
def test_any_vancouver_run_reads_back(year: int, vol: int, issue: int, first: int,
                                      last: int) -> None:
    """Whatever the numbers, each comes back in its own field."""
    got = read_volume(f"{year};{vol}({issue}):{first}-{last}.")
    assert got == Numbers(str(year), str(vol), str(issue), str(first), str(last))


@given(st.text())
def test_never_raises(text: str) -> None:
    """Any text at all is read, at worst into nothing."""
    assert isinstance(read_volume(text), Numbers)


def test_a_vancouver_reference_keeps_its_year_volume_and_pages() -> None:
    """Read as volume 1953 with no year and no pages, before."""
    ref = parse_reference("Watson JD, Crick FH. Molecular structure of nucleic acids; a "
                          "structure for deoxyribose nucleic acid. Nature. "
                          "1953;171(4356):737-8.").reference
    assert (ref.year, ref.volume, ref.issue) == (1953, "171", "4356")
    assert ref.page is not None and (ref.page.first, ref.page.last) == ("737", "8")
    assert ref.container_title == "Nature"
