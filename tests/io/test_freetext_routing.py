"""Routing between the rules and the CRF (refs.io.freetext.parser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.io.freetext import split_references
from refs.io.freetext.parser import (
    _first_cut,
    _may_be_confident,
    confident,
    parse_reference,
    parse_rules,
)

DATA = Path(__file__).parent.parent / "data" / "freetext"
SEEDS = [s for f in sorted(DATA.glob("*.txt"))
         for s in split_references(f.read_text(encoding="utf-8"))]
WORDS = st.sampled_from(["Smith,", "J.", "(2001).", "2001.", "“Title", "words.”", "Title",
                         "of", "Things.", "New", "York:", "Press,", "Journal", "12(3):",
                         "45-67.", "In", "eds.", "pp.", "London", "Books", "9-10.", "and"])


@pytest.mark.parametrize("text", SEEDS)
def test_shortcut_never_skips_a_confident_seed(text: str) -> None:
    """The cheap first-cut test lets through every seed string the rules are sure of."""
    if confident(parse_rules(text)):
        assert _may_be_confident(_first_cut(text, "auto")[3])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=3, max_size=18).map(" ".join))
def test_shortcut_is_sound(text: str) -> None:
    """Skipping the rules never skips a parse that confident() would have kept."""
    if not _may_be_confident(_first_cut(text, "auto")[3]):
        assert not confident(parse_rules(text))


def test_unquoted_journal_tail_goes_to_the_crf() -> None:
    """A bare 'Journal vol(issue): pages' tail is the CRF's, not the rules'."""
    p = parse_reference("Smith, J. 2001. Things of interest. Journal of Things 12(3): 45-67.")
    assert p.style == "crf"
    assert p.reference.container_title == "Journal of Things"
