"""Per-entry comparison keys: folding, names, pages, identifiers, kinds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.match.normalize import features, fold
from refs.model.reference import Name, PageRange, Reference


def test_fold_removes_case_latex_accents_and_script() -> None:
    """LaTeX accents, braces, case, punctuation and Cyrillic all fold to plain words."""
    assert fold(r"M{\"u}ller: {NATO} -- Заборцева!") == "muller nato zabortseva"
    assert fold("Kazakhstan’s Multi-Vector Policy.") == "kazakhstan s multi vector policy"
    assert fold("{K}azakhstan") == "kazakhstan"
    assert fold(None) == ""


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60))
def test_fold_is_idempotent_and_plain(s: str) -> None:
    """Folding twice changes nothing, and the result is lower-case ASCII words."""
    once = fold(s)
    assert fold(once) == once
    assert once == once.strip() and "  " not in once
    assert all(c.isascii() and (c.isalnum() or c == " ") for c in once)
    assert once == once.lower()


def test_title_main_part_and_volume() -> None:
    """The main title stops at the subtitle; 'Volume II' is read as volume 2."""
    f = features(Reference(id="a", title="A History of Central Asia: Volume II"))
    assert f.main_title == "a history of central asia"
    assert f.title_volume == "2"


def test_pages_expand_abbreviated_last_page() -> None:
    """'1123-45' means 1123 to 1145."""
    f = features(Reference(id="a", page=PageRange(first="1123", last="45")))
    assert (f.page_first, f.page_last) == ("1123", "1145")


def test_identifiers_normalised() -> None:
    """DOIs lose their resolver prefix and case; ISBN-10 becomes ISBN-13."""
    f = features(Reference(id="a", doi="https://doi.org/10.1000/ABC",
                           isbn=["0-306-40615-2"]))
    assert f.doi == "10.1000/abc"
    assert f.isbns == frozenset({"9780306406157"})
    assert features(Reference(id="b", doi="not a doi")).doi is None


def test_names_initials_and_kinds() -> None:
    """Names keep folded family and initials; BibTeX types decide the kind."""
    f = features(Reference(id="a", type="paper-conference", bibtex_type="inproceedings",
                           author=[Name(family="LAUMULIN", given="M."),
                                   Name(literal="World Bank")]))
    assert [(p.family, p.initials) for p in f.authors] == [("laumulin", "m"),
                                                           ("world bank", "")]
    assert f.kind == "conference"
    assert features(Reference(id="b", bibtex_type="incollection")).kind == "chapter"


def test_erratum_and_review_flags() -> None:
    """Errata and reviews are recognised from the title or the type."""
    assert features(Reference(id="a", title="Corrigendum to: Foo bar")).is_erratum
    assert features(Reference(id="b", title="Review of Foo bar")).is_review
    assert features(Reference(id="c", type="review-book", title="Foo")).is_review
    assert not features(Reference(id="d", title="A review of the literature on Foo")).is_review


def test_and_others_is_no_author() -> None:
    """BibTeX's ``and others`` (what the free-text parser reads "et al." as) says the list
    was cut short; matching it as a person named "others" made a cut list look different."""
    full = features(Reference(id="a", author=[Name(family="Smith", given="J.")]))
    cut = features(Reference(id="b", author=[Name(family="Smith", given="J."),
                                             Name(literal="others")]))
    assert cut.authors == full.authors
