"""The volume run read into year, volume, issue and pages (refs.io.freetext.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refs import parse_reference
from refs.io.freetext.names import spell_initials
from refs.io.freetext.numbers import Numbers, page_range, read_volume
from refs.model.reference import PageRange


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
    assert ref.page is not None and (ref.page.first, ref.page.last) == ("737", "738")
    assert ref.container_title == "Nature"
    assert [(n.family, n.given) for n in ref.author] == [("Watson", "J. D."), ("Crick", "F. H.")]


@pytest.mark.parametrize(("first", "last", "whole"), [
    ("737", "8", "738"), ("1234", "56", "1256"), ("358", "60", "360"),
    ("123", "12", "12"),      # 112 would go backwards: kept as written, E306 reports it
    ("12", "345", "345"), ("e12", "4", "4"), ("iv", "x", "x"),
])
def test_short_ranges_are_held_whole(first: str, last: str, whole: str) -> None:
    """Only an unambiguous short last page is written out."""
    assert page_range(first, last) == PageRange(first=first, last=whole)
    assert page_range(first, None) == PageRange(first=first)
    assert page_range(None, last) is None


@given(st.integers(1, 99999), st.integers(0, 99999))
def test_a_written_out_range_never_goes_backwards_from_a_short_one(first: int,
                                                                   last: int) -> None:
    """Whatever the numbers: a last page that got longer now follows the first."""
    got = page_range(str(first), str(last))
    assert got is not None and got.last is not None
    if got.last != str(last):
        assert int(got.last) > first and got.last.endswith(str(last))


def test_an_apa_article_with_a_short_range_keeps_all_its_pages() -> None:
    """Pages 1234-56 are pages 1234 to 1256, in APA as in Vancouver."""
    ref = parse_reference("Smith, J. (2001). A title of things. Journal of Bio, 12(3), "
                          "1234-56.").reference
    assert ref.page == PageRange(first="1234", last="1256")


@pytest.mark.parametrize(("given_name", "spelled"), [
    ("FH.", "F. H."), ("FH", "F. H."), ("JD", "J. D."), ("F", "F."), ("J-P", "J.-P."),
    ("W. E.", "W. E."), ("M.", "M."), ("Jd", "Jd"), ("Robert", "Robert"), ("ABCDE", "ABCDE"),
])
def test_vancouver_initials_are_spelled_as_initials(given_name: str, spelled: str) -> None:
    """``Crick FH.``: the run of initials becomes F. H.; anything else is left alone."""
    assert spell_initials(given_name) == spelled
