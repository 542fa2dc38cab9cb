"""CSL variables kept in ``extra`` <-> their BibLaTeX fields (``venue``, ``origdate``...).

CSL-JSON and RIS readers keep the variables refs has no attribute for in
``Reference.extra`` as ``csl:<variable>`` (the value as text, JSON for dates and names).
Written to a .bib under that name they would be lossless but unidiomatic, and biblatex
would ignore them. :data:`~refs.io.bibtex_map.CSL_EXTRA_FIELDS` says which BibLaTeX
field holds each one; this module spells a value for that field and reads it back.

Both directions are exact or refuse: :func:`to_field` returns None unless
:func:`from_field` gives back the very same ``csl:`` value (the writer then keeps the
``csl:<variable>`` field, verbatim), and :func:`from_field` returns None for a field it
cannot read as the variable (the reader then keeps the field under its own name).

``csl:issued`` (a whole CSL ``issued`` that says more than :class:`DateParts`) is the
one kept variable whose BibLaTeX field is refs's own ``date``: a range is written as
``date = {2015/2016}`` (an open one, CSL's ``[[2015], [0]]``, as EDTF's ``2015/..``)
(:func:`issued_range`) and read back (:func:`range_issued`); a
season with a day, which no ``date`` holds, stays a ``csl:issued`` field beside the
season's ``date`` and is read back into it (:func:`season_day`).

>>> to_field("event-place", "Paris & Lyon")
'{Paris \\\\& Lyon}'
>>> from_field("venue", "Paris \\\\& Lyon")
('event-place', 'Paris & Lyon')
>>> to_field("original-date", '{"date-parts": [[1900, 5]]}')
'{1900-05}'
>>> from_field("origdate", "1900-05")
('original-date', '{"date-parts": [[1900, 5]]}')
>>> to_field("original-date", '{"literal": "c. 1900"}') is None
True
"""

from __future__ import annotations

import datetime
import json
import re
from functools import lru_cache
from typing import Any

from refs.io.bibtex_map import CSL_EXTRA_FIELDS, CSL_PREFIX, EXTRA_FIELD_TO_CSL, PUBSTATE_KEYS
from refs.model.reference import DateParts, Name, Reference
from refs.text.latex import escape_specials, latex_to_unicode, unicode_to_latex
from refs.text.names import format_bibtex_names, parse_bibtex_names

__all__ = [
    "field_name", "from_field", "issued_json", "issued_range", "kept_range", "range_issued",
    "season_day", "to_field",
]

_ISO_PART = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
_ISO = re.compile(rf"^{_ISO_PART}(?:/{_ISO_PART})?$")
#: the parts of a CSL name object a BibTeX name can hold
_NAME_KEYS = frozenset({"family", "given", "non-dropping-particle", "dropping-particle",
                        "suffix", "literal"})
_PUBSTATE_PHRASES = {key: phrase for phrase, key in PUBSTATE_KEYS.items()}


def field_name(extra_key: str) -> str | None:
    """The BibLaTeX field for the ``extra`` key ``csl:<variable>``, if it has one."""
    if not extra_key.startswith(CSL_PREFIX):
        return None
    entry = CSL_EXTRA_FIELDS.get(extra_key[len(CSL_PREFIX) :])
    return entry[0] if entry else None


def to_field(var: str, value: str, latex: bool = False) -> str | None:
    """The braced value of ``var``'s BibLaTeX field, or None when that field cannot hold
    ``value`` exactly (it would read back as something else)."""
    field, kind = CSL_EXTRA_FIELDS[var]
    if kind == "date":
        text = _date_to_iso(value)
    elif kind == "names":
        text = _names_to_bibtex(value)
    elif value[:1] in ("[", "{"):  # JSON, a value CSL-JSON would not give back as text
        text = None
    elif kind == "pubstate" and value in PUBSTATE_KEYS:
        text = PUBSTATE_KEYS[value]
    else:
        text = escape_specials(value)
    if text is None:
        return None
    if latex and kind != "date":
        text = unicode_to_latex(text)
    back = from_field(field, text)
    return "{" + text + "}" if back == (var, value) else None


def from_field(name: str, raw: str) -> tuple[str, str] | None:
    """``(variable, csl value)`` for a BibLaTeX field ``name`` with the expanded value
    ``raw`` (no delimiters), or None when it is not one of the mapped fields or its value
    is not that variable's (not an ISO date, not names, empty)."""
    var = EXTRA_FIELD_TO_CSL.get(name.lower())
    if var is None:
        return None
    kind = CSL_EXTRA_FIELDS[var][1]
    if kind == "date":
        value = _iso_to_date(raw.strip())
    elif kind == "names":
        value = _bibtex_to_names(raw)
    elif kind == "pubstate" and raw.strip() in _PUBSTATE_PHRASES:
        value = _PUBSTATE_PHRASES[raw.strip()]
    else:
        value = latex_to_unicode(raw)
        if value[:1] in ("[", "{"):  # CSL-JSON would write it out as JSON
            value = None
    return (var, value) if value else None


def _date_to_iso(value: str) -> str | None:
    """``{"date-parts": [[1900, 5]]}`` -> ``1900-05``; None for any other shape."""
    data = _json(value)
    if not isinstance(data, dict) or list(data) != ["date-parts"]:
        return None
    parts = data["date-parts"]
    if not isinstance(parts, list) or len(parts) not in (1, 2):
        return None
    out = []
    for part in parts:
        if not _valid_date(part):
            return None
        out.append("-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(part)))
    return "/".join(out)


def _valid_date(part: Any) -> bool:
    if not isinstance(part, list) or not 1 <= len(part) <= 3:
        return False
    if not all(type(n) is int for n in part):
        return False
    year, month, day = (*part, 1, 1)[:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _iso_to_date(text: str) -> str | None:
    """``1900-05`` (or ``1900/1901``) -> CSL date-parts as CSL-JSON's reader keeps them."""
    m = _ISO.match(text)
    parts = None if m is None else _date_parts(m.groups(), 3)
    if parts is None:
        return None
    return json.dumps({"date-parts": parts}, ensure_ascii=False, sort_keys=True)


def _date_parts(groups: tuple[str | None, ...], width: int,
                seasons: bool = False) -> list[list[int]] | None:
    """The CSL date-parts of a matched date or range: ``groups`` holds each end's year,
    month and day (``width`` groups an end, the rest a qualifier), an end that did not
    match is left out. None when a month or day is out of range; with ``seasons`` an
    EDTF season (21-24) is a month, written as CSL's 13-16, as refs holds it.

    One loop for :func:`_iso_to_date` and :func:`range_issued`, which read the same
    ``YYYY-MM-DD`` ends and must agree on what a valid one is."""
    parts = []
    for start in range(0, len(groups), width):
        part = [int(g) for g in groups[start : start + 3] if g is not None]
        if not part:
            continue
        if seasons and len(part) == 2 and 21 <= part[1] <= 24:
            part[1] -= 8
        elif not _valid_date(part):
            return None
        parts.append(part)
    return parts


#: one end of a biblatex date range: ISO 8601, an EDTF season (21-24), a qualifier
_RANGE_END = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?"
_RANGE = re.compile(rf"^\s*{_RANGE_END}\s*/\s*{_RANGE_END}\s*$")
#: a range with an open end: EDTF's (and biblatex's since ISO 8601-2) ``2015/..``, and
#: the ``2015/`` of older biblatex, which EDTF reads as an unknown end (CSL has one kind)
_OPEN_RANGE = re.compile(rf"^\s*{_RANGE_END}\s*/\s*(?:\.\.)?\s*$")
#: the end of an open range in CSL-JSON, as the CSL test suite (date_..RangeOpen) and
#: citeproc-js spell it: ``{"date-parts": [[2015], [0]]}`` prints "2015–"
OPEN_END: list[int] = [0]
#: the end of an open range as biblatex ``date`` writes it (EDTF, ISO 8601-2)
OPEN_DATE = ".."
#: the name CSL-JSON's reader (and this module) keeps a whole CSL ``issued`` under
ISSUED = CSL_PREFIX + "issued"


def range_issued(text: str) -> str | None:
    """The CSL ``issued`` of a biblatex date range (``2015/2016``, ``2015-05/2015-07``,
    ``1850~/1860~``), as CSL-JSON's reader keeps a range in ``csl:issued``; None for
    anything else (one date, an open start, a month or day out of range).

    EDTF's seasons (21-24) are CSL's 13-16, as the start of the date reads; the start's
    qualifier (``~``, ``?``, ``%``) is CSL's ``circa``, as it is for a single date. An
    open end (``2015/..``, or ``2015/`` as older biblatex writes it) is CSL's
    :data:`OPEN_END`, ``[0]``.

    >>> range_issued("2015-21/2015-22~")
    '{"date-parts": [[2015, 13], [2015, 14]]}'
    >>> range_issued("2015/..") == range_issued("2015/")
    True
    >>> range_issued("2015/..")
    '{"date-parts": [[2015], [0]]}'
    """
    m = _RANGE.match(text)
    open_end = m is None
    if m is None and (m := _OPEN_RANGE.match(text)) is None:
        return None
    groups = m.groups()
    parts = _date_parts(groups, 4, seasons=True)
    if parts is None:
        return None
    if open_end:
        parts.append(list(OPEN_END))
    data: dict[str, Any] = {"date-parts": parts}
    if groups[3]:
        data["circa"] = True
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def issued_range(value: str) -> tuple[str, DateParts] | None:
    """The biblatex ``date`` for a CSL ``issued`` range kept in ``csl:issued``, and the
    date it starts with, when :func:`range_issued` reads that ``date`` back as the same
    range (EDTF's seasons as CSL's); None otherwise (the writer keeps the ``csl:issued``
    field as it is). The writer uses it only while ``issued`` is that start.

    An open end -- :data:`OPEN_END` ``[0]``, or the ``[]``, ``[0, 0]`` and ``[0, 0, 0]``
    other producers write -- is biblatex's ``..`` (``2015/..``), which reads back as
    ``[0]``: one open end, the way the CSL test suite spells it.

    >>> issued_range('{"date-parts": [[2015], [2016]]}')[0]
    '2015/2016'
    >>> issued_range('{"date-parts": [[2015, 5], []]}')[0]
    '2015-05/..'
    """
    data = _json(value)
    if not isinstance(data, dict) or not set(data) <= {"date-parts", "circa"}:
        return None
    parts, circa = data.get("date-parts"), data.get("circa", False)
    if not isinstance(parts, list) or len(parts) != 2 or not isinstance(circa, bool):
        return None
    if _open_end(parts[1]):
        parts = [parts[0], list(OPEN_END)]
        data = {**data, "date-parts": parts}
    ends: list[str] = []
    for part in parts:
        if part == OPEN_END and ends:
            ends.append(OPEN_DATE)
            continue
        if not isinstance(part, list) or not 1 <= len(part) <= 3:
            return None
        if not all(type(n) is int and n >= 0 for n in part):
            return None
        season = len(part) == 2 and (13 <= part[1] <= 16 or 21 <= part[1] <= 24)
        month = (f"-{(part[1] - 1) % 4 + 21}" if season
                 else "".join(f"-{n:02d}" for n in part[1:]))
        ends.append(f"{part[0]:04d}{month}" + ("~" if circa else ""))
    text = "/".join(ends)
    if range_issued(text) != _seasons_as_csl(data):
        return None
    first = parts[0]
    return text, DateParts(year=first[0], month=first[1] if len(first) > 1 else None,
                           day=first[2] if len(first) > 2 else None, circa=circa)


#: a .bib render asks for an entry's range twice (the field list, then the value), and
#: each :func:`issued_range` parses the JSON and reads its own text back: one parse per
#: distinct ``csl:issued`` value, as the reader caches :func:`range_issued`
_cached_range = lru_cache(maxsize=1024)(issued_range)


def kept_range(ref: Reference) -> tuple[str, bool] | None:
    """For a CSL range kept in ``ref``'s ``csl:issued``: its biblatex ``date``
    (``2015/2016``) and whether it is current (it starts with ``issued``; else the date
    was edited since and the range is stale, as CSL-JSON's writer has it). None for no
    range, or one a ``date`` would not give back (that stays a ``csl:issued`` field).

    One reading for the writers that hold a range as text: the BibTeX ``date`` and
    RIS's DA."""
    value = ref.extra.get(ISSUED)
    found = _cached_range(value) if value is not None else None
    return None if found is None else (found[0], found[1] == ref.issued)


def _open_end(part: Any) -> bool:
    """Whether a CSL range's second date-parts list says "no end yet": ``[]`` or zeros
    (``[0]``, as the CSL test suite and citeproc-js have it, ``[0, 0]``, ``[0, 0, 0]``)."""
    return isinstance(part, list) and len(part) <= 3 and all(
        type(n) is int and n == 0 for n in part)


def issued_json(date: DateParts) -> str:
    """``date`` as the CSL date CSL-JSON's writer gives it, as ``csl:issued`` holds it."""
    parts = [p for p in (date.year, date.month, date.day) if p is not None]
    data: dict[str, Any] = {"date-parts": [parts]}
    if date.circa:
        data["circa"] = True
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def season_day(value: str, issued: DateParts | None) -> DateParts | None:
    """The season with a day that ``csl:issued`` holds (``[[2015, 14, 3]]``), when
    ``issued``, read from biblatex's ``date``, is that season without its day (``2015-22``:
    biblatex has no day beside a season); None otherwise.

    >>> season_day('{"date-parts": [[2015, 14, 3]]}', DateParts(year=2015, month=14))
    DateParts(year=2015, month=14, day=3, circa=False, literal=None)
    """
    data = _json(value)
    if issued is None or issued.season is None or issued.day is not None:
        return None
    if not isinstance(data, dict) or not set(data) <= {"date-parts", "circa"}:
        return None
    parts, circa = data.get("date-parts"), data.get("circa", False)
    if not (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list)
            and len(parts[0]) == 3 and all(type(n) is int for n in parts[0])
            and isinstance(circa, bool)):
        return None
    full = DateParts(year=parts[0][0], month=parts[0][1], day=parts[0][2], circa=circa)
    same = (full.year, full.season, full.circa) == (issued.year, issued.season, issued.circa)
    return full if same else None


def _seasons_as_csl(data: dict[str, Any]) -> str:
    """``data`` (a CSL date) as JSON, EDTF's seasons (21-24) spelled as CSL's 13-16."""
    parts = [[p[0], p[1] - 8, *p[2:]] if len(p) == 2 and 21 <= p[1] <= 24 else p
             for p in data["date-parts"]]
    return json.dumps({**data, "date-parts": parts}, ensure_ascii=False, sort_keys=True)


def _names_to_bibtex(value: str) -> str | None:
    """A CSL name list (JSON) as ``and``-separated BibTeX names; None for other shapes."""
    data = _json(value)
    if not isinstance(data, list) or not data:
        return None
    names = []
    for item in data:
        if not isinstance(item, dict) or not item or not set(item) <= _NAME_KEYS:
            return None
        if not all(isinstance(v, str) and v for v in item.values()):
            return None
        names.append(Name.model_validate(item))
    return format_bibtex_names(names)


def _bibtex_to_names(raw: str) -> str | None:
    names = parse_bibtex_names(raw)
    if not names:
        return None
    dumped = [n.model_dump(by_alias=True, exclude_none=True) for n in names]
    return json.dumps(dumped, ensure_ascii=False, sort_keys=True)


def _json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return None
