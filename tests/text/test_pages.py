"""Page ranges (refs.text.pages): parsing, abbreviated ends, and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.model.reference import PageRange
from refs.text.pages import expand_last, format_pages, parse_pages


@pytest.mark.parametrize(
    ("raw", "first", "last"),
    [
        ("123--145", "123", "145"),
        ("123--45", "123", "145"),
        ("123-45", "123", "145"),
        ("123–45", "123", "145"),
        ("123 — 129", "123", "129"),
        ("1234--56", "1234", "1256"),
        ("xii-xv", "xii", "xv"),
        ("e1003", "e1003", None),
        ("S12--S19", "S12", "S19"),
        ("pp. 12-15", "12", "15"),
        ("123--", "123", None),
        ("{12--15}", "12", "15"),
    ],
)
def test_parse_examples(raw: str, first: str, last: str | None) -> None:
    """Common page spellings become first/last with unambiguous expansion."""
    assert parse_pages(raw) == PageRange(first=first, last=last)


def test_reversed_range_kept_as_written() -> None:
    """A range whose expansion would not exceed the start is not guessed at."""
    assert parse_pages("123--12") == PageRange(first="123", last="12")


def test_lists_kept_whole() -> None:
    """Several ranges are kept whole in ``first`` so nothing is lost."""
    assert parse_pages("12, 15--18") == PageRange(first="12, 15--18")


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_is_none(raw: str | None) -> None:
    """Empty page fields give no range."""
    assert parse_pages(raw) is None


def test_expand_last_only_when_shorter() -> None:
    """A last page at least as long as the first is never changed."""
    assert expand_last("12", "345") == "345"


@settings(max_examples=100)
@given(st.integers(1, 99999), st.integers(0, 99999))
def test_round_trip(first: int, extra: int) -> None:
    """format_pages then parse_pages gives the same range for any increasing pages."""
    pages = PageRange(first=str(first), last=str(first + extra + 1))
    assert parse_pages(format_pages(pages)) == pages
