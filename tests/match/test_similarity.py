"""The matcher: seed cases, each "not a duplicate" rule, thresholds and evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.config import DedupeSettings
from refs.match.normalize import features
from refs.match.similarity import MatchResult, compare, surely_different
from refs.model.reference import DateParts, Name, PageRange, Reference


def _ev(result: MatchResult, field: str) -> str:
    return next(e.verdict for e in result.evidence if e.field == field)


def _article(key: str = "a", **kw: object) -> Reference:
    base: dict[str, object] = {
        "id": key,
        "type": "article-journal",
        "title": "Multivariate versus univariate decision trees in practice",
        "author": [Name(family="Brodley", given="Carla"), Name(family="Utgoff", given="Paul")],
        "issued": DateParts(year=1992),
        "container_title": "Machine Learning",
        "volume": "19",
        "page": PageRange(first="45", last="77"),
    }
    base.update(kw)
    return Reference(**base)  # type: ignore[arg-type]


class TestSeeds:
    def test_laumulin_records_are_one_work_with_conflicts(self, seeds: dict[str, Reference]
                                                          ) -> None:
        """Works Cited and journal-page records of Laumulin & Shaken 2008 match, conflicts shown."""
        r = compare(seeds["laumulin2008works"], seeds["laumulin2008journal"])
        assert r.decision == "same"
        assert _ev(r, "author") == "agree"  # LAUMULIN, M. = Laumulin, Murat
        assert _ev(r, "container-title") == "agree"  # Caucuses ~ CAUCASUS
        conflicts = {e.field: e.detail for e in r.conflicts}
        assert "49" in conflicts["volume"] and "9" in conflicts["volume"]
        assert "122" in conflicts["page-end"] and "124" in conflicts["page-end"]

    def test_zabortseva_book_records_match(self, seeds: dict[str, Reference]) -> None:
        """The Works Cited and Routledge records of the 2016 book are one work."""
        r = compare(seeds["zabortseva2016works"], seeds["zabortseva2016routledge"])
        assert r.decision == "same"

    def test_zabortseva_conference_paper_is_different(self, seeds: dict[str, Reference]) -> None:
        """The 2011 conference paper is not the 2016 book, though the author is the same."""
        for book in ("zabortseva2016works", "zabortseva2016routledge"):
            assert compare(seeds["zabortseva2011works"], seeds[book]).decision == "different"

    def test_compare_is_symmetric(self, seeds: dict[str, Reference]) -> None:
        """compare(a, b) and compare(b, a) give the same score and decision."""
        keys = list(seeds)
        for a in keys:
            for b in keys:
                x, y = compare(seeds[a], seeds[b]), compare(seeds[b], seeds[a])
                assert (x.score, x.decision) == (y.score, y.decision)


class TestTolerances:
    def test_case_accents_latex_and_punctuation(self) -> None:
        """Titles differing only in case, LaTeX braces, accents and punctuation agree."""
        a = _article(title="{M}ultivariate versus univariate decision trees in practice.")
        b = _article("b", title="MULTIVARIATE VERSUS UNIVARIATE DECISION TREES IN PRÁCTICE")
        assert _ev(compare(a, b), "title") == "agree"

    def test_subtitle_missing_and_truncation(self) -> None:
        """A title without its subtitle, or cut short, still agrees."""
        a = _article(title="Multivariate decision trees: a study of accuracy and size")
        assert compare(a, _article("b", title="Multivariate decision trees")).decision == "same"
        b = _article("c", title="Multivariate decision trees: a study of")
        assert compare(a, b).decision == "same"

    def test_title_with_extra_words_around_it(self) -> None:
        """A title with leftovers of a sloppy parse around it ("(1992) ... (TR 92-8)") agrees."""
        b = _article("b", title="Brodley (1992) Multivariate versus univariate decision trees "
                                "in practice, Technical Report COINS 92-8, UMass")
        assert _ev(compare(_article(), b), "title") == "agree"

    def test_typo_in_title(self) -> None:
        """A one-letter typo does not stop a match."""
        b = _article("b", title="Multivariate versus univariate decison trees in practice")
        assert compare(_article(), b).decision == "same"

    def test_initials_and_transliteration(self) -> None:
        """Initials match full given names; transliteration variants of a family match."""
        b = _article("b", author=[Name(family="BRODLEY", given="C. E."),
                                  Name(family="Utgof", given="P.")])
        assert _ev(compare(_article(), b), "author") == "agree"
        z1 = Reference(id="z1", author=[Name(family="Заборцева", given="Елена")])
        z2 = Reference(id="z2", author=[Name(family="Zabortseva", given="Yelena")])
        assert _ev(compare(z1, z2), "author") == "agree"

    def test_different_initial_is_a_conflict(self) -> None:
        """Same family name with a different first initial counts against the pair."""
        b = _article("b", author=[Name(family="Brodley", given="Xavier"),
                                  Name(family="Utgoff", given="Paul")])
        assert _ev(compare(_article(), b), "author") == "conflict"

    def test_year_off_by_one_is_tolerated(self) -> None:
        """Online-first years (±1) do not count as a conflict; ±3 does."""
        assert _ev(compare(_article(), _article("b", issued=DateParts(year=1993))), "year") == (
            "agree")
        assert _ev(compare(_article(), _article("b", issued=DateParts(year=1995))), "year") == (
            "conflict")

    def test_journal_abbreviation(self) -> None:
        """An abbreviated journal name agrees with the full one."""
        a = _article(container_title="Journal of Artificial Intelligence Research")
        b = _article("b", container_title="J. Artif. Intell. Res.")
        assert _ev(compare(a, b), "container-title") == "agree"


class TestIdentifiers:
    def test_equal_doi_decides(self) -> None:
        """An equal DOI makes the pair the same whatever else differs."""
        a = _article(doi="10.1000/X1")
        b = Reference(id="b", title="Something else entirely", doi="https://doi.org/10.1000/x1")
        r = compare(a, b)
        assert (r.decision, r.score) == ("same", 1.0)

    def test_different_dois_veto(self) -> None:
        """Two different DOIs rule the pair out, unless one is a known alias."""
        a, b = _article(doi="10.1000/x1"), _article("b", doi="10.1000/x2")
        assert compare(a, b).decision == "different"
        assert compare(a, b).vetoes
        aliased = compare(a, b, doi_aliases={"10.1000/x2": "10.1000/x1"})
        assert aliased.decision == "same"


class TestNotDuplicates:
    def test_book_and_its_chapter(self) -> None:
        """A book and a chapter of it are different works."""
        book = Reference(id="b", type="book", title="Decision trees in practice",
                         author=[Name(family="Brodley", given="C.")],
                         issued=DateParts(year=1992), publisher="Kluwer")
        chapter = book.model_copy(update={"id": "c", "type": "chapter",
                                          "container_title": "Decision trees in practice"})
        assert compare(book, chapter).decision == "different"

    def test_review_of_a_book(self) -> None:
        """A review of a book is not the book."""
        book = Reference(id="b", type="book", title="Decision trees in practice",
                         author=[Name(family="Brodley", given="C.")], issued=DateParts(year=1992))
        review = book.model_copy(update={"id": "r", "type": "review-book"})
        assert compare(book, review).decision == "different"

    def test_erratum(self) -> None:
        """An erratum is not the article it corrects."""
        err = _article("e", title="Erratum: Multivariate versus univariate decision trees in "
                                  "practice")
        assert compare(_article(), err).decision == "different"

    def test_conference_paper_and_journal_version(self) -> None:
        """A conference paper and its later journal version stay apart."""
        conf = _article("c", type="paper-conference", container_title="Proceedings of ICML",
                        issued=DateParts(year=1991))
        assert compare(_article(), conf).decision == "different"

    def test_two_volumes_of_a_series(self) -> None:
        """Volume I and Volume II of a multi-volume work are different works."""
        v1 = Reference(id="v1", type="book", title="A History of Central Asia, Volume I",
                       author=[Name(family="Soucek", given="S.")], issued=DateParts(year=2000))
        v2 = v1.model_copy(update={"id": "v2", "title": "A History of Central Asia, Volume II"})
        assert compare(v1, v2).decision == "different"
        v3 = v1.model_copy(update={"id": "v3", "title": "A History of Central Asia",
                                   "volume": "1"})
        v4 = v3.model_copy(update={"id": "v4", "volume": "2"})
        assert compare(v3, v4).decision == "different"

    @pytest.mark.parametrize(("merge_editions", "expected"), [(False, "different"),
                                                              (True, "same")])
    def test_two_editions_configurable(self, merge_editions: bool, expected: str) -> None:
        """Two editions are different works unless merge-editions is set."""
        e1 = Reference(id="e1", type="book", title="Decision trees in practice and theory",
                       author=[Name(family="Brodley", given="C.")], issued=DateParts(year=1992),
                       edition="1", publisher="Kluwer")
        e2 = e1.model_copy(update={"id": "e2", "edition": "2nd"})
        cfg = DedupeSettings(merge_editions=merge_editions)
        assert compare(e1, e2, settings=cfg).decision == expected

    def test_same_title_different_authors(self) -> None:
        """The same title by different people is a different work."""
        b = _article("b", author=[Name(family="Quinlan", given="Ross")])
        r = compare(_article(), b)
        assert r.decision == "different"


class TestThreshold:
    def test_threshold_moves_the_decision(self) -> None:
        """A middling pair is "same" at a low threshold and not at a high one."""
        a = _article(container_title=None, volume=None, page=None, issued=None)
        b = _article("b", container_title=None, volume=None, page=None, issued=None,
                     author=[Name(family="Brodley", given="C.")])
        score = compare(a, b).score
        assert 0 < score < 1
        low = compare(a, b, settings=DedupeSettings(threshold=score - 0.001))
        high = compare(a, b, settings=DedupeSettings(threshold=min(score + 0.001, 1.0)))
        assert low.decision == "same"
        assert high.decision != "same"

    def test_explain_lists_every_field(self) -> None:
        """explain() names the decision and one line per evidence item."""
        r = compare(_article(), _article("b"))
        text = r.explain()
        assert text.startswith("same")
        assert len(text.splitlines()) == 1 + len(r.evidence)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Multivariate decision trees", "Grain markets of the steppe",
                        "Kazakhstan and Russia relations", "Erratum: decision trees"]),
       st.sampled_from(["Multivariate decision trees", "Learning from noisy examples",
                        "Russia and Kazakhstan", "Decision trees"]),
       st.booleans(), st.sampled_from([None, "10.1/a"]))
def test_surely_different_agrees_with_compare(t1: str, t2: str, same_rest: bool,
                                              doi: str | None) -> None:
    """Whenever the quick title check says "surely different", compare says "different"."""
    a = _article(title=t1, doi=doi)
    b = _article("b", title=t2) if same_rest else Reference(id="b", title=t2)
    if surely_different(features(a), features(b)):
        assert compare(a, b).decision == "different"


def test_surely_different_skips_only_clear_cases() -> None:
    """Unrelated titles are surely different; a typo or a shared DOI never is."""
    a = _article()
    assert surely_different(features(a), features(_article("b", title="Grain markets")))
    typo = _article("c", title="Multivariate versus univariate decison trees in practice")
    assert not surely_different(features(a), features(typo))
    with_doi = features(_article(doi="10.1/x")), features(_article("d", title="Other",
                                                                   doi="10.1/x"))
    assert not surely_different(*with_doi)


def test_report_and_article_same_year_is_only_a_conflict() -> None:
    """A report read as an article (same year) still matches; a later article does not."""
    report = Reference(id="r", type="report", title="A new European security order: the "
                       "Ukraine crisis and the missing bargain",
                       author=[Name(family="Charap", given="Samuel")],
                       issued=DateParts(year=2014), number="15")
    article = report.model_copy(update={"id": "a", "type": "article-journal"})
    assert compare(report, article).decision == "same"
    later = article.model_copy(update={"issued": DateParts(year=2016)})
    assert compare(report, later).decision == "different"


def _bare(key: str, title: str) -> Reference:
    return Reference(id=key, type="article-journal", title=title, issued=DateParts(year=2020),
                     author=[Name(family="Doe", given="Jane")])


@pytest.mark.parametrize(("one", "other"), [
    ("Year and date disagree", "Year and date agree"),
    ("Unable to comply: sanctions in Central Asia", "Able to comply: sanctions in Central Asia"),
    ("Kazakhstan's foreign policy after 2014", "Kazakhstan's foreign policy after 2015"),
])
def test_a_title_with_a_word_negated_or_another_number_is_another_work(one: str,
                                                                      other: str) -> None:
    """Character similarity calls these nearly identical (0.93+); they name other works."""
    r = compare(_bare("a", one), _bare("b", other))
    assert _ev(r, "title") == "conflict" and r.decision != "same"
    assert "differ in a word" in next(e.detail for e in r.evidence if e.field == "title")


def test_a_changed_number_never_softens_titles_that_differ() -> None:
    """The changed-word conflict refines titles that look alike; two unrelated titles
    that both end in a year stay 'differ' (they were 'weak', -1.5 instead of -6.0, and
    scored 0.40 instead of 0.01)."""
    r = compare(_bare("a", "Foreign policy of Kazakhstan 2014"),
                _bare("b", "Annual grain harvest report 2015"))
    assert next(e.feature for e in r.evidence if e.field == "title") == "title:differ"
    assert r.decision == "different"


@pytest.mark.parametrize(("one", "other"), [
    ("Year and date disagree", "Year and date disagre"),               # a typo
    ("The cascade correlation learning architecture",                  # a misquote
     "The cascade correlation learning algorithm"),
    ("An incremental method for finding multivariate splits",          # an inflection
     "An incremental method for find multivariate splits"),
])
def test_typos_misquotes_and_inflections_are_not_taken_for_another_work(one: str,
                                                                        other: str) -> None:
    """Only negations and numbers count as a changed word: Cora cites one work with these."""
    r = compare(_bare("a", one), _bare("b", other))
    assert "differ in a word" not in next(e.detail for e in r.evidence if e.field == "title")


_pool_names = st.lists(st.builds(Name, family=st.sampled_from(["Aha", "Kibler", "Albert",
                                                               "KIBLER", "Ahaa"]),
                                 given=st.sampled_from([None, "D.", "David", "M. K."])),
                       max_size=4)
_pool_refs = st.builds(
    Reference, id=st.just("x"),
    type=st.sampled_from(["article-journal", "paper-conference", "book", "report"]),
    title=st.sampled_from([None, "Instance-based learning algorithms",
                           "Instance based learning algorithms: a study",
                           "Noise-tolerant instance-based learning algorithms"]),
    author=_pool_names,
    issued=st.sampled_from([None, DateParts(year=1991), DateParts(year=1992)]),
    volume=st.sampled_from([None, "6", "8"]),
    doi=st.sampled_from([None, "10.1/a", "10.1/b"]),
)


@settings(max_examples=80, deadline=None)
@given(_pool_refs, _pool_refs)
def test_compare_is_symmetric_and_bounded(a: Reference, b: Reference) -> None:
    """compare(a, b) and compare(b, a) agree, and the score lies in 0..1."""
    b = b.model_copy(update={"id": "y"})
    x, y = compare(a, b), compare(b, a)
    assert (x.score, x.decision) == (y.score, y.decision)
    assert 0.0 <= x.score <= 1.0
