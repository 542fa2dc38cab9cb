"""Rule details the fixtures do not pin down: model-only libraries, page ranges, escapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.check.context import CheckContext, unwrap
from refs.check.rules.structure import required_fields
from refs.check.rules.values import page_problem
from refs.check.runner import run
from refs.config import Settings
from refs.io.bibtex import loads
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference


def codes(text: str, **check: object) -> list[str]:
    library = loads(text, path="t.bib")
    return [d.code for d in run(library, Settings.model_validate({"check": check}))]


class TestUnwrap:
    @pytest.mark.parametrize(("raw", "inner"), [("{a {b}}", "a {b}"), ('"x"', "x"),
                                                ("jan", "jan"), (" {} ", "")])
    def test_examples(self, raw: str, inner: str) -> None:
        """Outer braces or quotes go; macros stay."""
        assert unwrap(raw) == inner

    @settings(max_examples=50)
    @given(st.text(alphabet="abc {}", max_size=20))
    def test_braced_round_trip(self, text: str) -> None:
        """Wrapping a value in braces and unwrapping gives it back."""
        assert unwrap("{" + text.strip() + "}") == text.strip()


class TestPages:
    @pytest.mark.parametrize("ok", ["12", "12--34", "123--45", "xii--xiv", "e1003--e1010",
                                    "S12", "1, 3--5, 9", "12-34", "12–34", "77ff."])
    def test_good(self, ok: str) -> None:
        """Pages, ranges (abbreviated too), roman numerals and lists pass."""
        assert page_problem(ok) is None

    @pytest.mark.parametrize("bad", ["34--12", "1--2--3", "pp. 12", "12--", ",", "abc"])
    def test_bad(self, bad: str) -> None:
        """Reversed ranges, open ends and words are reported."""
        assert page_problem(bad) is not None

    @settings(max_examples=80)
    @given(st.integers(1, 99999), st.integers(0, 99999))
    def test_ranges_reversed_only_when_end_smaller_with_same_digits(self, a: int, d: int
                                                                    ) -> None:
        """first--first+d is fine; a same-width end below first is reversed."""
        assert page_problem(f"{a}--{a + d}") is None
        b = a - 1 - d % a if a > 1 else None
        if b is not None and b > 0 and len(str(b)) == len(str(a)):
            assert page_problem(f"{a}--{b}") is not None


class TestRequired:
    def test_bibtex_aliases_use_biblatex_requirements(self) -> None:
        """@techreport is checked as @report, @phdthesis as @thesis; unknown types not at all."""
        assert required_fields("techreport") == required_fields("report")
        assert required_fields("PhdThesis") == required_fields("thesis")
        assert required_fields("whatever") == ()


class TestModelOnlyLibraries:
    def test_rules_run_without_raw_blocks(self) -> None:
        """A library from CSL-JSON (no BibTeX) still gets value and duplicate checks."""
        common = {"type": "article-journal", "bibtex_type": "article",
                  "author": [Name(family="Doe", given="J.")],
                  "container_title": "J", "issued": DateParts(year=2001)}
        library = Library(entries=[
            Reference(id="a", title="Same", doi="10.1000/x", **common),
            Reference(id="b", title="Other", doi="10.1000/X", isbn=["123"],
                      page=PageRange(first="20", last="10"), **common),
        ], path="lib.json", format="csl-json")
        found = {(d.code, d.key) for d in run(library)}
        assert ("D401", "b") in found and ("E302", "b") in found and ("E306", "b") in found

    def test_csl_types_get_biblatex_requirements(self) -> None:
        """A CSL webpage without a URL lacks what @online requires."""
        library = Library(entries=[Reference(id="w", type="webpage", title="T",
                                             author=[Name(literal="RFE/RL")],
                                             issued=DateParts(year=2015))], format="csl-json")
        assert [(d.code, d.subject) for d in run(library)] == [("E203", "url")]

    def test_records_pair_blocks_and_references(self) -> None:
        """Each raw entry block is paired with the Reference parsed from it."""
        library = loads("@misc{a, title={A}}\n@misc{a, title={B}}\n", path="t.bib")
        records = list(CheckContext.from_library(library).records())
        assert [r.ref.title if r.ref else None for r in records] == ["A", "B"]


class TestEdgeCases:
    def test_clean_entry_has_no_findings(self) -> None:
        """A complete, well-formed entry produces nothing."""
        assert codes("@article{doe2001, author={Doe, J.}, title={T}, journal={J},"
                     " year={2001}, doi={10.1000/x}, pages={1--2}, month=jan}") == []

    def test_month_macro_and_braced_name(self) -> None:
        """Month macros and English names are months; a season is not."""
        base = "@book{k, author={A}, title={T}, year={2001}, month=%s}"
        assert codes(base % "dec") == []
        assert codes(base % "{December}") == []
        assert codes(base % "{Winter}") == ["E305"]

    def test_date_months_and_days_are_in_range(self) -> None:
        """biblatex's date takes months 01-12 (with a day 01-31) and EDTF's seasons 21-24;
        2015-14 (CSL's summer, but no EDTF date) or 2015-02-40 is not a date."""
        base = "@book{k, author={A}, title={T}, publisher={P}, date={%s}}"
        for good in ("2015", "2015-05", "2015-05-31", "2015-22", "2014/2015-03", "2015~"):
            assert codes(base % good) == [], good
        for bad in ("2015-14", "2015-00", "2015-99", "2015-02-40", "2015-22-03", "2015-13/2016"):
            assert codes(base % bad) == ["E304"], bad

    def test_crossref_parent_supplies_fields(self) -> None:
        """An @inproceedings inherits booktitle (from the title) and date via crossref."""
        text = ("@inproceedings{p, author={A}, title={Paper}, crossref={conf}}\n"
                "@proceedings{conf, title={Conference}, year={2001}}\n")
        assert codes(text) == []
        assert codes(text.replace("crossref={conf}", "crossref={other}")) == ["E203", "E203"]

    def test_macros_and_concatenations_are_not_validated(self) -> None:
        """A url or year written as a macro is not judged by the macro's name."""
        text = ('@string{site = "https://example.org"}\n'
                "@online{k, author={A}, title={T}, year=yr, url=site # {/x}}\n")
        assert codes(text) == []

    def test_ignore_comment_for_failed_block(self) -> None:
        """A suppression above a block that does not parse silences its E101."""
        text = "% refs: ignore E1\n@book{k\n  title = {T},\n}\n"
        assert codes(text) == []

    def test_escaped_brace_is_not_a_problem(self) -> None:
        """A literal \\} inside a value is neither unbalanced nor a missing comma."""
        assert codes("@book{k, author={A}, title={Closing \\} here}, year={2001}}") == []


def test_month_kept_from_a_bib_is_reported_in_csl_json() -> None:
    """A .bib month refs could not read (``month = {13}``) goes to CSL-JSON as the custom
    ``bibtex:month``; checking that CSL-JSON still reports it, naming where it is."""
    import json

    from refs.io import csljson

    item = {"id": "k", "type": "book", "title": "T", "author": [{"family": "Doe"}],
            "publisher": "P", "issued": {"date-parts": [[2015]]},
            "custom": {"bibtex:month": "13"}}
    found = [d for d in run(csljson.loads(json.dumps([item]), path="x.json"))
             if d.code == "E305"]
    assert [(d.message, d.subject) for d in found] == [
        ("custom bibtex:month '13' is not a month", "13")]
