"""The CRF's features (refs.io.freetext.crf_features) as tagging hands them to crfsuite."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.io.freetext import crf, split_references
from refs.io.freetext.crf_features import KnownAttributes, sequence_features, tokenize

DATA = Path(__file__).parent.parent / "data" / "freetext"
SEEDS = [s for f in sorted(DATA.glob("*.txt"))
         for s in split_references(f.read_text(encoding="utf-8"))]
#: the seeds' own tokens, plus words no model has seen, recombined in any order
WORDS = st.sampled_from(sorted({t for s in SEEDS for t in tokenize(s)} | {"Zyxwv", "Qqq:"}))

needs_model = pytest.mark.skipif(not crf.available(), reason="python-crfsuite or model missing")


def _tagged(tokens: list[str], known: KnownAttributes | None) -> tuple[list[str], list[float]]:
    tagger = crf._tagger(str(crf.MODEL))
    labels = list(tagger.tag(sequence_features(tokens, known)))
    return labels, [round(tagger.marginal(lab, i), 9) for i, lab in enumerate(labels)]


def test_known_attributes_are_a_subset_in_the_same_order() -> None:
    """Cutting features to a vocabulary only drops attributes, never reorders or adds."""
    tokens = tokenize("Smith, J. (2001). A Title of Things. New York: Press, 45-67.")
    full = sequence_features(tokens)
    vocab = frozenset(a for attrs in full for a in attrs[::2])
    cut = sequence_features(tokens, KnownAttributes(vocab))
    for whole, part in zip(full, cut, strict=True):
        assert part == [a for a in whole if a in vocab]


@needs_model
@pytest.mark.parametrize("text", SEEDS[:40])
def test_dropping_unknown_attributes_changes_no_label(text: str) -> None:
    """Labels and marginals are those of the full feature set (seed strings)."""
    tokens = tokenize(text)
    assert _tagged(tokens, crf._known(str(crf.MODEL))) == _tagged(tokens, None)


@needs_model
@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=20))
def test_dropping_unknown_attributes_changes_no_label_on_any_string(words: list[str]) -> None:
    """The same on arbitrary token sequences, unknown words included."""
    assert _tagged(words, crf._known(str(crf.MODEL))) == _tagged(words, None)


def test_word_cache_is_bounded() -> None:
    """The per-vocabulary word cache starts over instead of growing without bound."""
    known = KnownAttributes(frozenset({"bias"}), size=3)
    for tok in ("a", "b", "c", "d", "e"):
        assert known.word(tok).own == ("bias",)
    assert len(known._words) <= 3
