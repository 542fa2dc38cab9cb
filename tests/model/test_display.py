"""refs.model.display: the one way reports show a field value."""

from __future__ import annotations

import importlib

from refs.model.display import display
from refs.model.reference import DateParts, Name, PageRange


def test_page_range_uses_en_dash() -> None:
    """Reports are for people: a page range is written with an en dash, a single page alone."""
    assert display(PageRange(first="112", last="122")) == "112\u2013122"
    assert display(PageRange(first="e17")) == "e17"


def test_lists_names_and_dates() -> None:
    """Lists join with '; ', names show as written, dates as ISO."""
    names = [Name(family="Clarke", given="Michael"), Name(literal="Rosoboronexport")]
    assert display(names) == "; ".join(n.display() for n in names)
    assert display(DateParts(year=2015, month=3)) == DateParts(year=2015, month=3).iso()
    assert display(7) == "7"


def test_dedupe_and_enrich_share_it() -> None:
    """Both merge reports format values with this helper, so they cannot disagree again."""
    dedupe_merge = importlib.import_module("refs.dedupe.merge")
    enrich_merge = importlib.import_module("refs.enrich.merge")
    assert dedupe_merge._show is display and enrich_merge._show is display
