"""Training and cross-validating the free-text CRF (refs.io.freetext.crf)."""

from __future__ import annotations

import pytest

from refs.io.freetext import crf

pytest.importorskip("pycrfsuite")

Labelled = tuple[str, list[tuple[str, str]]]


def _item(n: int) -> Labelled:
    segs = [("author", f"Author{n}, A."), ("date", f"({1990 + n})."),
            ("title", f"Title number {n} of things."), ("journal", f"Journal{n % 3}"),
            ("volume", f"{n}({n % 4 + 1}),"), ("pages", f"{n}-{n + 9}.")]
    return " ".join(t for _, t in segs), segs


DATA = [_item(n) for n in range(12)]
EXTRA = [_item(n) for n in range(100, 106)]


def test_cross_validation_scores_every_string_once_and_never_the_extra() -> None:
    """Each scored string gets a parse; extra training strings are never scored."""
    cv = crf.cross_validate(DATA, folds=3, extra=EXTRA)
    assert set(cv) == {raw for raw, _ in DATA}
    crf_ref, hybrid = cv[DATA[0][0]]
    assert crf_ref.title and hybrid.title


def test_parallel_folds_give_the_same_parses() -> None:
    """workers=2 trains folds in two processes; the parses are those of one process."""
    one = crf.cross_validate(DATA, folds=2, extra=EXTRA)
    two = crf.cross_validate(DATA, folds=2, extra=EXTRA, workers=2)
    assert {k: (a.model_dump(), b.model_dump()) for k, (a, b) in one.items()} == \
        {k: (a.model_dump(), b.model_dump()) for k, (a, b) in two.items()}
