"""E304-E306: field values that must have a shape -- year and date, month, page ranges."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from refs.check.context import CheckContext, Record
from refs.check.registry import rule
from refs.io.ris import season_of
from refs.model.diagnostic import Diagnostic, Severity

#: biblatex date field: ISO 8601-2 (EDTF level 0/1 subset): dates, ranges, open ranges
#: (a month is 01-12 and may take a day 01-31; 21-24 are EDTF's seasons, spring ... winter)
_DATE_PART = (r"-?\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-2[1-4])?"
              r"[?~%]?")
_DATE = re.compile(rf"^(?:{_DATE_PART})(?:/(?:{_DATE_PART}|\.\.)?)?$|^\.\./{_DATE_PART}$")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
#: one end of a page range: 123, xiv, e1003, S12, A-3 is not one (that is a range)
_PAGE = re.compile(r"^(?:[A-Za-z]{0,4}\.?\d+[A-Za-z]?|[ivxlcdmIVXLCDM]+|\d+(?:ff?\.?|\+))$")
_RANGE_SEP = re.compile(r"\s*(?:--|–|—|−|-)\s*")


def _latest_year() -> int:
    """Works may be dated next year (forthcoming issues), not later."""
    return datetime.date.today().year + 1


@rule(code="E304", name="invalid-year", severity=Severity.ERROR)
def invalid_year(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The year or date field is not a year / an ISO 8601 date, or lies in the future.

    ## What it does
    Checks that ``year`` is a number (normally four digits) no later than next year,
    and that ``date`` is an ISO 8601 date or range as biblatex reads it
    (``2015``, ``2015-05``, ``2015-05-22``, ``2014/2015``, ``2015/..``, and EDTF's
    seasons ``2015-21`` ... ``2015-24``); a month or day out of range (``2015-14``,
    ``2015-02-40``) is reported too. In CSL-JSON
    and RIS libraries the year of ``issued`` (RIS: ``PY``) is checked, and in RIS a
    ``PY``/``DA`` that is not a date at all (``forthcoming``, ``n.d.``) is reported too.
    A BibTeX entry whose ``year`` and ``date`` name different years is reported at the
    ``year``.

    ## Why
    biber cannot sort or label a work by a year like ``c. 2015`` or ``2015a`` and
    drops it with a warning; a typo such as ``2105`` goes unnoticed in the output.
    Given both ``year`` and ``date``, biblatex prints the date and BibTeX the year, and a
    conversion to CSL-JSON or RIS can keep only one of them: which year the reader sees
    then depends on the tool.

    ## Example
    ```bibtex
    year = {Spring 2015},
    date = {22/05/2015},
    ```

    ## Fix
    Write the year as digits (``2015``) and dates as ``YYYY-MM-DD``; put
    "forthcoming" in ``pubstate`` and approximations in ``note`` or ``date`` with ``~``.
    """
    latest = _latest_year()
    year = ctx.field_name("year")  # issued in CSL-JSON, PY in RIS
    for record in ctx.records():
        ref = record.ref
        if (ctx.vocabulary == "ris" and ref is not None and ref.issued is not None
                and ref.issued.year is None and ref.issued.literal):
            # RIS's PY/DA hold a year and a date (YYYY/MM/DD), nothing else: what the
            # reader could not read as one is kept as a literal, and is as wrong here as
            # a BibTeX year of "forthcoming" (CSL-JSON's literal dates are valid CSL)
            yield ctx.diagnostic(
                "E304", f"PY '{ref.issued.literal}' is not a year", record=record,
                subject=ref.issued.literal,
                hint="write PY as a four-digit year (2015) and put the rest in N1")
        for value, f in record.values_of("year"):
            text = value.strip()
            if not re.fullmatch(r"-?\d{1,4}", text):
                yield ctx.diagnostic("E304", f"{year} '{value}' is not a number", record=record,
                                     field=f, subject=value, hint="write the year as digits")
            elif int(text) > latest:
                yield ctx.diagnostic("E304", f"{year} '{value}' is in the future",
                                     record=record, field=f, subject=value,
                                     hint="check for a typo")
        if record.block is None:
            continue
        yield from _year_against_date(ctx, record)
        for value, f in record.values_of("date"):
            text = value.strip()
            if not _DATE.match(text):
                yield ctx.diagnostic(
                    "E304", f"date '{value}' is not an ISO 8601 date", record=record,
                    field=f, subject=value, hint="write dates as YYYY, YYYY-MM or YYYY-MM-DD")
            elif max(int(y) for y in re.findall(r"-?\d{4}", text)) > latest:
                yield ctx.diagnostic("E304", f"date '{value}' is in the future",
                                     record=record, field=f, subject=value,
                                     hint="check for a typo")


def _year_against_date(ctx: CheckContext, record: Record) -> Iterator[Diagnostic]:
    """``year = 2015`` beside ``date = 2016-03``: one of them is wrong."""
    dates = [value.strip() for value, _ in record.values_of("date") if _DATE.match(value.strip())]
    starts = {m.group(0) for d in dates if (m := re.match(r"-?\d{4}", d))}
    if len(starts) != 1:
        return  # no readable date (or several: E202 reports duplicate fields)
    start = starts.pop()
    for value, f in record.values_of("year"):
        year = value.strip()
        if re.fullmatch(r"-?\d{1,4}", year) and int(year) != int(start):
            yield ctx.diagnostic(
                "E304", f"year '{value}' contradicts date '{dates[0]}'", record=record,
                field=f, subject=value,
                hint="keep one: biblatex reads date, BibTeX year, and a conversion to "
                     "CSL-JSON or RIS keeps the date")


def _month_ok(value: str, raw: str) -> bool:
    text = value.strip().lower().rstrip(".")
    if re.fullmatch(r"0?[1-9]|1[0-2]", text):
        return True
    if raw.strip()[:1] not in "{\"" and text[:3] in [m[:3] for m in _MONTHS] and len(text) == 3:
        return True  # the jan..dec macros, written without braces
    return text in _MONTHS or (len(text) == 3 and text in [m[:3] for m in _MONTHS])


@rule(code="E305", name="invalid-month", severity=Severity.ERROR)
def invalid_month(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The month field is not a month.

    ## What it does
    Accepts ``1``-``12``, the BibTeX macros ``jan``...``dec`` and English month names;
    reports anything else (``13``, ``Spring``, ``Jan/Feb``). In CSL-JSON and RIS
    libraries the month of ``issued`` (RIS: ``DA``) is checked; in CSL-JSON a month of
    13-16 or 21-24 is a season (spring ... winter), as citeproc-js and EDTF read it,
    and is accepted, and a .bib month exported as ``custom``'s ``bibtex:month`` (refs
    keeps one the date cannot hold there) is checked too.

    ## Why
    biblatex needs an integer month (biber converts the macros and names) to sort
    and print dates; anything else is dropped with a warning.

    ## Example
    ```bibtex
    month = {Spring},
    ```

    ## Fix
    Write ``month = may`` (macro) or ``month = {5}``; for a season or a range use
    ``date`` with ISO 8601 (``2015-05/2015-06``) or ``note``.
    """
    # CSL-JSON and RIS have no month field and no jan ... dec macros: the month is a
    # part of issued's date-parts, or of RIS's DA (which refs's writer gives it)
    if ctx.vocabulary == "csl":
        name, hint = "issued month", "write the month as 1-12, issued's second date-part"
    elif ctx.vocabulary == "ris":
        name, hint = "DA month", "write DA as YYYY/MM/DD with a month 1-12, e.g. 2015/05/22"
    else:
        name, hint = "month", "use 1-12 or the macros jan ... dec"
    # the RIS source's lines, split once for the whole file, not once per season record
    lines = (ctx.library.source or "").splitlines() if ctx.vocabulary == "ris" else []
    for record in ctx.records():
        for value, f in record.values_of("month", macros=True):
            raw = f.value if f is not None else value
            if ctx.vocabulary == "csl" and _season(record):
                continue  # citeproc-js's 13-16 and EDTF's 21-24 (DateParts.season)
            if ctx.vocabulary == "ris" and _ris_season_word(lines, record):
                continue  # DA 2015///Summer: a season, its month part is empty
            if value.strip() and not _month_ok(value, raw):
                yield ctx.diagnostic(
                    "E305", f"{name} '{value}' is not a month", record=record, field=f,
                    subject=value, hint=hint)
        if ctx.vocabulary == "csl" and record.ref is not None:
            # a .bib month the date could not hold, carried in custom as bibtex:month
            for key, value in record.ref.extra.items():
                if key.lower() == "month" and value.strip() and not _month_ok(value, "{"):
                    yield ctx.diagnostic(
                        "E305", f"custom bibtex:{key} '{value}' is not a month",
                        record=record, subject=value,
                        hint="put the month into issued (1-12, its second date-part), or a "
                             "season (13-16), and delete bibtex:month")


def _season(record: Record) -> bool:
    """Whether the record's issued month names a season (CSL-JSON's 13-16 or 21-24)."""
    issued = record.ref.issued if record.ref is not None else None
    return issued is not None and issued.season is not None


_RIS_DATE_LINE = re.compile(r"^(?:PY|Y1|DA)  ?-(?: (.*))?$")


def _ris_season_word(lines: list[str], record: Record) -> bool:
    """Whether an RIS record's month (13-16) is a season its date names as RIS does, in
    the other part (``DA  - 2015///Summer``), which the reader gives as CSL's 13-16; a DA
    month of 13-16 (``2015/14``) is no month and is still reported. ``lines``: the
    file's lines."""
    span = record.ref.span if record.ref is not None else None
    if span is None or not _season(record):
        return False
    own = lines[span.line - 1 : span.end_line]
    return any(season_of(m.group(1) or "") is not None
               for m in map(_RIS_DATE_LINE.match, (line.strip() for line in own)) if m)


def page_problem(value: str) -> str | None:
    """Why a ``pages`` value is malformed, or None when it is fine.

    Abbreviated ranges (``123--45`` for 123-145) are fine; a range whose end is
    smaller than its start with as many digits (``145--123``) is reversed.
    """
    for part in (p.strip() for p in value.split(",")):
        if not part:
            return "it has an empty part"
        ends = _RANGE_SEP.split(part)
        if len(ends) > 2 or any(not e for e in ends):
            return f"'{part}' is not a page or a range of two pages"
        bad = [e for e in ends if not _PAGE.match(e)]
        if bad:
            return f"'{bad[0]}' is not a page number"
        if len(ends) == 2:
            a, b = (re.sub(r"^\D*", "", e) for e in ends)
            if a.isdigit() and b.isdigit() and len(b) >= len(a) and int(b) < int(a):
                return f"the range {part} is reversed"
    return None


@rule(code="E306", name="invalid-pages", severity=Severity.ERROR)
def invalid_pages(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The pages field is not a page, a page range or a list of them.

    ## What it does
    Checks each comma-separated part of ``pages``: a page (``12``, ``xiv``,
    ``e1003``) or a range of two (``12--34``, abbreviated ``123--45`` is fine), and
    reports reversed ranges (``145--123``) and non-numeric values (``pp. twelve``).
    In CSL-JSON libraries ``page`` is checked, in RIS ``SP`` and ``EP``.

    ## Why
    Styles compress and format page ranges; a reversed or garbled range is
    printed as is and sends readers to the wrong place.

    ## Example
    ```bibtex
    pages = {231--213},
    ```

    ## Fix
    Correct the numbers from the source; write ranges as ``first--last`` without
    ``pp.``; put article numbers in ``eid`` or ``number``. In CSL-JSON write
    ``"page": "first-last"``; in RIS put the first page in ``SP`` and the last in ``EP``.
    """
    for record in ctx.records():
        for value, f in record.values_of("pages"):
            if not value.strip():
                continue
            problem = page_problem(value)
            if problem:
                # CSL-JSON and RIS show the range with a single hyphen, as CSL does
                shown = f"'{value.replace('--', '-')}': {problem.replace('--', '-')}"
                if ctx.bibtex:
                    message = f"pages '{value}': {problem}"
                    hint = "write pages as first--last, e.g. 231--245"
                elif ctx.vocabulary == "ris":  # RIS writes the two ends in two tags
                    message = f"SP/EP {shown}"
                    hint = "write the first page in SP and the last in EP, e.g. 231 and 245"
                else:
                    message = f"page {shown}"
                    hint = "write page as first-last, e.g. 231-245"
                yield ctx.diagnostic("E306", message, record=record, field=f,
                                     subject=value, hint=hint)
