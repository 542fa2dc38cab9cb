"""Learned weights: every evidence item carries its feature and weight; the table is sane."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.match import weights
from refs.match.fields import HAND_INTERCEPT, HAND_WEIGHTS
from refs.match.normalize import features
from refs.match.similarity import (
    DEFAULT_WEIGHTS,
    UNTITLED_CAP,
    MatcherWeights,
    compare,
    compare_features,
)
from refs.model.reference import DateParts, Name, PageRange, Reference

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"

_refs = st.builds(
    Reference,
    id=st.sampled_from(["a", "b"]),
    type=st.sampled_from(["article-journal", "paper-conference", "report", "thesis", "document"]),
    title=st.sampled_from([None, "Instance-based learning algorithms",
                           "Instance based learning algorithms: a survey",
                           "INSTANCE-BASED LEARNING", "Grain markets of the steppe"]),
    author=st.lists(st.builds(Name, family=st.sampled_from(["Aha", "Kibler", "Albert"]),
                              given=st.sampled_from([None, "D.", "M. K.", "Dennis"])),
                    max_size=3),
    issued=st.one_of(st.none(), st.builds(DateParts, year=st.integers(1988, 1994))),
    container_title=st.sampled_from([None, "Machine Learning", "Mach. Learn.", "AI Journal"]),
    volume=st.sampled_from([None, "6", "7"]),
    page=st.sampled_from([None, PageRange(first="37", last="66"), PageRange(first="37")]),
    publisher=st.sampled_from([None, "Kluwer", "Morgan Kaufmann"]),
)


@settings(max_examples=80, deadline=None)
@given(_refs, _refs)
def test_each_weight_has_the_sign_of_its_verdict(a: Reference, b: Reference) -> None:
    """Agreement never lowers the score, a conflict never raises it; weights come from the table."""
    for e in compare(a, b).evidence:
        if e.verdict == "agree":
            assert e.weight >= 0
        elif e.verdict in {"conflict", "missing"}:
            assert e.weight <= 0
        if e.feature and e.feature != "DOI:agree":
            assert e.weight == DEFAULT_WEIGHTS.table.get(e.feature, 0.0)


def test_shipped_table_covers_the_hand_features() -> None:
    """Every feature with a hand-set weight has a shipped weight, and the prior intercept ships."""
    assert set(HAND_WEIGHTS) <= set(weights.WEIGHTS)
    assert weights.INTERCEPT == HAND_INTERCEPT


def test_weight_table_decides_the_score() -> None:
    """Another table gives another score, and the score is the logistic of the weights."""
    a = Reference(id="a", title="Instance-based learning algorithms",
                  author=[Name(family="Aha", given="D.")], issued=DateParts(year=1991))
    b = a.model_copy(update={"id": "b"})
    doubled = MatcherWeights.of(-3.0, {k: 2 * v for k, v in DEFAULT_WEIGHTS.table.items()})
    base = compare_features(features(a), features(b))
    more = compare_features(features(a), features(b), weights=doubled)
    assert more.score > base.score
    logit = DEFAULT_WEIGHTS.intercept + sum(e.weight for e in base.evidence)
    assert base.score == pytest.approx(1 / (1 + 2.718281828459045 ** -logit), abs=1e-4)


def test_untitled_record_is_never_same_on_author_and_year() -> None:
    """No title on one side: at most 'unsure', however well authors and year agree."""
    a = Reference(id="a", author=[Name(family="Utgoff", given="P. E.")],
                  issued=DateParts(year=1986), publisher="Kluwer")
    b = a.model_copy(update={"id": "b", "title": "Machine learning of inductive bias"})
    for x, y in [(a, b), (a, a.model_copy(update={"id": "c"}))]:
        r = compare(x, y)
        assert r.decision != "same" and r.score <= UNTITLED_CAP


def test_untitled_records_with_one_isbn_still_match() -> None:
    """An ISBN in common identifies the work even without a title."""
    a = Reference(id="a", type="book", isbn=["978-0-19-100000-1"],
                  author=[Name(family="Utgoff", given="P. E.")], issued=DateParts(year=1986))
    assert compare(a, a.model_copy(update={"id": "b"})).score > UNTITLED_CAP


@pytest.fixture(scope="module")
def tm():  # type: ignore[no-untyped-def]
    """scripts/train_matcher.py as a module (needs the 'train' extra: scipy).

    A module-level fixture: pytest 9 deprecates class-scoped fixtures written as
    instance methods (PytestRemovedIn10Warning, an error under our warning filter).
    """
    pytest.importorskip("scipy")
    sys.path.insert(0, str(SCRIPTS))
    try:
        import train_matcher
    finally:
        sys.path.remove(str(SCRIPTS))
    return train_matcher


class TestTraining:

    def test_fit_learns_a_telling_feature_and_keeps_the_prior_elsewhere(self, tm) -> None:  # type: ignore[no-untyped-def]
        """A feature that separates the classes moves; one seen too rarely keeps its hand weight."""
        rows = [["title:exact", "page:agree"]] * 200 + [["title:exact"]] * 200
        rows += [["edition:agree"]] * 3
        y = [1] * 200 + [0] * 200 + [1] * 3
        w = tm.fit(rows, y, c=1.0, verdicts={"title:exact": "agree", "page:agree": "agree",
                                              "edition:agree": "agree"})
        assert w.table["page:agree"] > HAND_WEIGHTS["page:agree"] + 1.0
        assert w.table["edition:agree"] == HAND_WEIGHTS["edition:agree"]

    def test_fit_respects_the_sign_of_agreement(self, tm) -> None:  # type: ignore[no-untyped-def]
        """Data that 'prefers' a negative weight for an agreement gets 0, not a negative weight."""
        rows = [["volume:agree"]] * 100 + [[]] * 100
        y = [0] * 100 + [1] * 100
        w = tm.fit(rows, y, c=10.0, verdicts={"volume:agree": "agree"})
        assert w.table["volume:agree"] == 0.0

    def test_shipped_keeps_the_prior_intercept(self, tm) -> None:  # type: ignore[no-untyped-def]
        """The fitted intercept (a data set's base rate) is replaced by the prior."""
        w = tm.shipped(MatcherWeights.of(-9.0, {"title:exact": 4.0}))
        assert w.intercept == HAND_INTERCEPT and w.table["title:exact"] == 4.0

    def test_rendered_module_round_trips(self, tm) -> None:  # type: ignore[no-untyped-def]
        """The generated weights module evaluates to the same table."""
        w = MatcherWeights.of(-3.0, {"title:exact": 4.5, "type:article|report": -1.25})
        namespace: dict[str, object] = {}
        exec(tm.render(w, "test"), namespace)
        assert namespace["INTERCEPT"] == -3.0
        assert namespace["WEIGHTS"] == dict(w.table)
