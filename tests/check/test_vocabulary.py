"""Findings on CSL-JSON and RIS libraries speak the file's own vocabulary.

A rule names fields as BibTeX does (``journal``, ``year``, ``pages``); a user whose
library is CSL-JSON wrote ``container-title``, ``issued`` and ``page``, and one whose
library is RIS wrote ``T2``, ``PY`` and ``SP``/``EP``. Messages and hints name what the
user can find and edit in the file, while the findings' subjects stay as they were, so
baselines written before keep matching.
"""

from __future__ import annotations

import json
from typing import Any

from refs.check.context import _MODEL_FIELDS, _RIS_TAGS, CheckContext
from refs.check.runner import run
from refs.io import csljson, ris
from refs.model.diagnostic import Diagnostic
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference


def json_library(*items: dict[str, Any]) -> Library:
    return csljson.loads(json.dumps(list(items), indent=1), path="lib.json")


def ris_library(*records: str) -> Library:
    return ris.loads("\n\n".join(records) + "\n", path="lib.ris")


def findings(library: Library, code: str) -> list[Diagnostic]:
    return [d for d in run(library) if d.code == code]


class TestFieldName:
    def test_each_format_spells_a_bibtex_field_its_own_way(self) -> None:
        """journal is journal in BibTeX, container-title in CSL-JSON, T2 in RIS."""
        spelled = {fmt: CheckContext(library=Library(format=fmt)).field_name("journal")
                   for fmt in ("bibtex", "csl-json", "ris")}
        assert spelled == {"bibtex": "journal", "csl-json": "container-title", "ris": "T2"}

    def test_fields_a_format_has_no_place_for_are_none(self) -> None:
        """eprint has no CSL variable or RIS tag refs reads; RIS has no tag for number."""
        csl = CheckContext(library=Library(format="csl-json"))
        ris_ctx = CheckContext(library=Library(format="ris"))
        assert csl.field_name("eprint") is None and ris_ctx.field_name("eprint") is None
        assert ris_ctx.field_name("number") is None and csl.field_name("number") == "number"

    def test_ris_tags_are_the_ones_the_writer_uses(self) -> None:
        """Every tag named for a model field is the tag refs's RIS writer puts it in."""
        ref = Reference(id="k", type="book", title="T", author=[Name(family="A")],
                        editor=[Name(family="E")], container_title="C",
                        issued=DateParts(year=2001), url="https://x.org/a", doi="10.1/x",
                        isbn=["9780415829062"], issn=["0966-8136"], publisher="P",
                        page=PageRange(first="1", last="2"), volume="3")
        lines = ris.dumps(Library(entries=[ref])).splitlines()
        shown = {"author": "A,", "editor": "E,", "issued": "2001", "isbn": "9780415829062",
                 "issn": "0966-8136", "page": "1"}
        for attr in set(_MODEL_FIELDS.values()) & set(_RIS_TAGS):
            value = shown.get(attr, getattr(ref, attr))
            assert f"{_RIS_TAGS[attr]}  - {value}" in lines, attr


class TestE203:
    def test_ris_names_the_missing_tags(self) -> None:
        """A JOUR record without AU, T2 and PY is told to add those tags."""
        found = findings(ris_library("TY  - JOUR\nID  - d\nTI  - Only\nER  - "), "E203")
        assert sorted(d.message.split(" lacks ")[1] for d in found) == ["AU", "PY", "T2"]
        assert all(d.hint and d.hint.startswith(f"add {d.message.split(' lacks ')[1]} (")
                   for d in found)
        assert sorted(d.subject or "" for d in found) == ["author", "date", "journaltitle"]

    def test_no_alternative_the_format_cannot_hold(self) -> None:
        """A CSL webpage without URL is not told about eprint, which CSL has no variable
        for (an "eprint" variable would not satisfy the rule either)."""
        found = findings(json_library({"id": "w", "type": "webpage", "title": "T",
                                       "author": [{"literal": "RFE/RL"}],
                                       "issued": {"date-parts": [[2015]]}}), "E203")
        assert [(d.message, d.subject) for d in found] == [
            ("webpage 'w' lacks URL or DOI", "url")]

    def test_entry_type_as_the_file_writes_it(self) -> None:
        """The type is named without BibTeX's @: CSL-JSON's type, RIS's TY value."""
        record = "TY  - JOUR\nID  - d\nTI  - T\nAU  - A\nPY  - 2001\nER  - "
        assert [d.message for d in findings(ris_library(record), "E203")] == [
            "JOUR 'd' lacks T2"]
        item = {"id": "d", "type": "article-journal", "title": "T",
                "author": [{"family": "A"}], "issued": {"date-parts": [[2001]]}}
        assert [d.message for d in findings(json_library(item), "E203")] == [
            "article-journal 'd' lacks container-title"]

    def test_bibtex_unchanged(self) -> None:
        """A .bib entry still names the BibLaTeX fields and their BibTeX spellings."""
        from refs.io.bibtex import loads

        library = loads("@online{w, author={A}, title={T}, year={2015}}\n", path="t.bib")
        assert [d.message for d in findings(library, "E203")] == [
            "@online 'w' lacks url or doi or eprint"]


class TestE304:
    def test_future_year_names_the_field_it_came_from(self) -> None:
        """CSL-JSON has no year variable (issued holds it), RIS writes it in PY."""
        item = {"id": "a", "type": "book", "title": "T", "author": [{"family": "A"}],
                "issued": {"date-parts": [[2105]]}}
        record = "TY  - BOOK\nID  - a\nAU  - A\nTI  - T\nPY  - 2105\nER  - "
        json_found = findings(json_library(item), "E304")
        ris_found = findings(ris_library(record), "E304")
        assert [d.message for d in json_found] == ["issued '2105' is in the future"]
        assert [d.message for d in ris_found] == ["PY '2105' is in the future"]
        assert [d.subject for d in json_found + ris_found] == ["2105", "2105"]


class TestE304Literal:
    def test_ris_year_that_is_not_a_date(self) -> None:
        """RIS's PY is a year: "forthcoming" there is reported, as year = {forthcoming} is
        in a .bib file; a CSL-JSON literal date is valid CSL and is not."""
        record = "TY  - BOOK\nID  - a\nAU  - A\nTI  - T\nPY  - forthcoming\nPB  - P\nER  - "
        found = findings(ris_library(record), "E304")
        assert [(d.message, d.subject) for d in found] == [
            ("PY 'forthcoming' is not a year", "forthcoming")]
        assert found[0].location.line == 1 and "N1" in (found[0].hint or "")
        item = {"id": "a", "type": "book", "title": "T", "author": [{"family": "A"}],
                "publisher": "P", "issued": {"literal": "forthcoming"}}
        assert findings(json_library(item), "E304") == []


class TestE305:
    def test_bad_month_names_where_the_month_is_written(self) -> None:
        """The month is a part of issued (CSL-JSON) or of DA (RIS); neither has BibTeX's
        jan ... dec macros, so the hint does not offer them."""
        item = {"id": "a", "type": "book", "title": "T", "author": [{"family": "A"}],
                "issued": {"date-parts": [[2015, 19]]}}
        record = "TY  - BOOK\nID  - a\nAU  - A\nTI  - T\nPY  - 2015\nDA  - 2015/19/01\nER  - "
        json_found = findings(json_library(item), "E305")
        ris_found = findings(ris_library(record), "E305")
        assert [d.message for d in json_found] == ["issued month '19' is not a month"]
        assert [d.message for d in ris_found] == ["DA month '19' is not a month"]
        for d in json_found + ris_found:
            assert d.subject == "19" and "macro" not in (d.hint or "")

    def test_csl_seasons_are_months(self) -> None:
        """CSL-JSON writes a season as month 13-16 (citeproc-js) or 21-24 (EDTF): not an
        error there, but still one in RIS's DA and a .bib month field."""
        from refs.io.bibtex import loads

        for month in (13, 16, 21, 24):
            item = {"id": "a", "type": "book", "title": "T", "author": [{"family": "A"}],
                    "issued": {"date-parts": [[2015, month]]}}
            assert findings(json_library(item), "E305") == []
        for month in (0, 17, 20, 25):
            item["issued"] = {"date-parts": [[2015, month]]}
            assert len(findings(json_library(item), "E305")) == 1, month
        record = "TY  - BOOK\nID  - a\nAU  - A\nTI  - T\nPY  - 2015\nDA  - 2015/14\nER  - "
        assert len(findings(ris_library(record), "E305")) == 1
        bib = loads("@book{a, author={A}, title={T}, year={2015}, month={14}}\n")
        assert len(findings(bib, "E305")) == 1


class TestE306:
    def test_ris_names_its_two_page_tags(self) -> None:
        """RIS has no page range field: the first page is SP, the last EP."""
        record = "TY  - BOOK\nID  - a\nAU  - A\nTI  - T\nPY  - 2001\nSP  - 20\nEP  - 10\nER  - "
        found = findings(ris_library(record), "E306")
        assert [(d.message, d.hint, d.subject) for d in found] == [(
            "SP/EP '20-10': the range 20-10 is reversed",
            "write the first page in SP and the last in EP, e.g. 231 and 245", "20--10")]

    def test_bibtex_and_csl_unchanged(self) -> None:
        """A .bib file keeps BibTeX's --, CSL-JSON its page variable and single hyphen."""
        from refs.io.bibtex import loads

        library = loads("@book{a, author={A}, title={T}, year={2001}, pages={A-3--2}}\n",
                        path="t.bib")
        assert [d.message for d in findings(library, "E306")] == [
            "pages 'A-3--2': 'A-3--2' is not a page or a range of two pages"]
        item = {"id": "a", "type": "book", "title": "T", "author": [{"family": "A"}],
                "issued": {"date-parts": [[2001]]}, "page": "20-10"}
        assert [d.message for d in findings(json_library(item), "E306")] == [
            "page '20-10': the range 20-10 is reversed"]


class TestRuleDocs:
    def test_e203_docs_give_a_way_to_silence_json_and_ris(self) -> None:
        """The documented fix does not stop at a comment CSL-JSON and RIS cannot hold."""
        from refs.check.registry import get_rule

        rule = get_rule("E203")
        assert rule is not None and "per-file-ignores" in rule.fix
        assert "``T2``" in rule.what and "``container-title``" in rule.what

    def test_w301_docs_keep_braces_to_bibtex(self) -> None:
        """Brace protection is BibTeX syntax; in JSON or RIS the braces would be text."""
        from refs.check.registry import get_rule

        rule = get_rule("W301")
        assert rule is not None and "in a .bib file, protect acronyms with" in rule.fix

    def test_rules_page_says_how_json_and_ris_are_silenced(self) -> None:
        """The rules page's header does not offer JSON/RIS users only a comment."""
        from refs.check.docgen import HEADER

        assert "per-file-ignores" in HEADER and "`T2`" in HEADER

    def test_e101_docs_fix_every_format_it_covers(self) -> None:
        """E101 is found in RIS and CSL-JSON files too; its fix is not only BibTeX's."""
        from refs.check.registry import get_rule

        rule = get_rule("E101")
        assert rule is not None and "``ER``" in rule.fix and "CSL-JSON" in rule.fix
