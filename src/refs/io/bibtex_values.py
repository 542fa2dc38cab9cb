"""BibTeX field values -> model values: @string expansion, ``#`` concatenation, decoding.

bibtexparser's splitter hands over each value as written (``{...}``, ``"..."``, a
number, a macro name, or pieces joined by ``#``). This module turns those into text
(:func:`expand`) and the text into Reference attributes (:func:`build_reference`),
using the tables of :mod:`refs.io.bibtex_map`. It is the hot path of loading, so it
avoids per-call regex compiles and leans on the caches in ``refs.text``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refs.io.bibtex_csl import ISSUED, from_field, range_issued, season_day
from refs.io.bibtex_map import (
    CSL_NUMBER_FIELDS,
    CSL_PREFIX,
    ENTRY_TO_CSL,
    EXTRA_FIELD_TO_CSL,
    FIELD_TO_ATTR,
    FOREIGN_PREFIXES,
    LIST_ATTRS,
    MONTH_MACROS,
    MONTHS,
    NAME_ATTRS,
    PUBLISHER_FIELDS,
    SUBTYPES,
    number_attr,
)
from refs.io.trusted import trusted
from refs.model.reference import DateParts, Reference, SourceSpan
from refs.text.latex import braces_balanced, latex_to_unicode, unescape_verbatim
from refs.text.names import parse_bibtex_names
from refs.text.pages import parse_pages

__all__ = [
    "build_reference",
    "default_strings",
    "expand",
    "holds_verbatim",
    "is_malformed",
]


_SIMPLE_MACRO = re.compile(r"[^\s{}\"#,=]+")
_LIST_SEP = re.compile(r"\s*[,;]\s*")
_YEAR = re.compile(r"^\s*(\d{1,4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(~|\?|%)?(?:\s*/.*)?\s*$")
_WS = re.compile(r"\s+")


def default_strings() -> dict[str, str]:
    """The macros BibTeX predefines: the months (``jan`` expands to ``January``)."""
    return dict(MONTH_MACROS)


def expand(value: str, strings: dict[str, str]) -> str:
    """A raw field value without its delimiters, with @string macros and ``#`` resolved.

    LaTeX inside stays as written (decoding is per field, in :func:`build_reference`).
    Unknown macros are kept as their name, as BibTeX prints them with a warning.
    """
    if not value:
        return ""
    first = value[0]
    if "#" not in value or (first == "{" and _single_group(value)):
        if first == "{" or first == '"':
            return value[1:-1]
        if value.isdigit():
            return value
        return strings.get(value.lower(), value)
    return "".join(_piece(p, strings) for p in _split_concat(value))


_ESCAPED_BRACE = re.compile(r"\\[{}]")


def _single_group(value: str) -> bool:
    """True when ``value`` (``{...}``) is one brace group: its first ``{`` closes at the end."""
    return value[-1:] == "}" and braces_balanced(_ESCAPED_BRACE.sub("", value[1:-1]))


#: a line of a value that a parser takes for the start of a new block (``@book{``, ``@misc(``)
_BLOCK_START = re.compile(r"\n\s*@\w*[ \t]*[{(]")


def holds_verbatim(text: str) -> bool:
    """True when ``{text}`` is read back (by bibtexparser's splitter and :func:`expand`) as
    exactly ``text``: its braces balance (``\\{`` and ``\\}`` are not braces to the
    splitter), it does not end in a backslash (that would escape the closing brace), and
    no line of it starts a new block. A value read from a file always does; text from
    elsewhere may not, and the writer then escapes it.

    >>> holds_verbatim("R&D {Archive} # 50%"), holds_verbatim("a{b"), holds_verbatim("C:\\\\")
    (True, False, False)
    """
    if text.endswith("\\") or not braces_balanced(_ESCAPED_BRACE.sub("", text)):
        return False
    return "@" not in text or _BLOCK_START.search(text) is None


def is_malformed(value: str) -> bool:
    """True for a braced value whose first group closes before its end (``{A} year={1}``).

    bibtexparser accepts that as one value; it nearly always means a missing comma.
    Concatenations (``{A} # macro``) are fine when each braced piece is one group.
    """
    if not value or value[0] != "{" or _single_group(value):
        return False
    pieces = [p.strip() for p in _split_concat(value)] if "#" in value else [value]
    if len(pieces) < 2:
        return True
    return any(p[:1] == "{" and not _single_group(p) for p in pieces)


def _piece(piece: str, strings: dict[str, str]) -> str:
    piece = piece.strip()
    if piece[:1] in ("{", '"'):
        return piece[1:-1]
    return piece if piece.isdigit() else strings.get(piece.lower(), piece)


def _split_concat(value: str) -> list[str]:
    """Split at ``#`` outside braces and quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    last = 0
    prev = ""
    for i, c in enumerate(value):
        escaped = prev == "\\"  # bibtexparser's rule too: \{ and \} are not braces
        prev = c
        if escaped:
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0:
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(value[last:i])
            last = i + 1
    parts.append(value[last:])
    return [p for p in parts if p.strip()]


@lru_cache(maxsize=4096)
def _date(year: str | None, month: str | None, date: str | None) -> DateParts | None:
    """The date of an entry's ``date`` (ISO 8601 / EDTF: its start, for a range) or else
    ``year`` and ``month``.

    EDTF's qualifiers ``~`` (approximate), ``?`` (uncertain) and ``%`` (both) are each
    CSL's one qualifier, ``circa``; the writer keeps a ``?`` or ``%`` in the .bib
    (see :func:`refs.io.bibtex_write._qualifier`).
    """
    if date:
        m = _ISO.match(date)
        if m is None:
            return DateParts(literal=date.strip())
        number = int(m.group(2)) if m.group(2) else None
        if number is not None and 21 <= number <= 24 and not m.group(3):
            number -= 8  # an EDTF season (2015-22, summer) is CSL's 13-16, as refs holds it
        return DateParts(
            year=int(m.group(1)),
            month=number,
            day=int(m.group(3)) if m.group(3) else None,
            circa=bool(m.group(4)),
        )
    if year is None:
        return None
    ym = _YEAR.match(year)
    if ym is None:
        return DateParts(literal=latex_to_unicode(year))
    month_number = _month(month) if month else None
    return DateParts(year=int(ym.group(1)), month=month_number)


_range = lru_cache(maxsize=1024)(range_issued)


def _month(text: str) -> int | None:
    """The month number of a ``month`` field, or None when the date cannot hold it.

    1-12 and the month names; also a number that is neither a month nor a season
    (``0``, ``17``, ``99``), as the writers spell the month the check reports (E305) in
    every format. Not 13-16 or 21-24, which the model holds as seasons (a .bib month of
    13 is no spring), nor other text: :func:`build_reference` keeps those verbatim.
    """
    text = text.strip().lower()
    if text.isdigit():
        n = int(text)
        if 1 <= n <= 12:
            return n
        seasonal = 13 <= n <= 16 or 21 <= n <= 24
        return n if str(n) == text and not seasonal else None
    return MONTHS.get(text)


def _holds_month(issued: DateParts | None, month: str) -> bool:
    """Whether ``issued`` already says what the ``month`` field does (or it says nothing)."""
    if not month.strip():
        return True
    number = _month(month)
    return number is not None and issued is not None and issued.month == number


_TEXT, _NAMES, _LIST, _KEYWORDS, _PAGE, _ACCESSED, _IDENT = range(7)
_YEAR_CODE, _MONTH_CODE, _DATE_CODE = 10, 11, 12
_CODES = {"page": _PAGE, "accessed": _ACCESSED, "doi": _IDENT, "url": _IDENT, "keyword": _KEYWORDS}
#: lower-case field name -> (attribute, conversion), precomputed from FIELD_TO_ATTR
_KINDS: dict[str, tuple[str, int]] = {
    name: (
        attr,
        {"year": _YEAR_CODE, "month": _MONTH_CODE, "date": _DATE_CODE}[name]
        if attr == "issued"
        else _NAMES
        if attr in NAME_ATTRS
        else _CODES.get(attr, _LIST if attr in LIST_ATTRS else _TEXT),
    )
    for name, attr in FIELD_TO_ATTR.items()
}
_PUBLISHER_SET = frozenset(PUBLISHER_FIELDS)

#: page ranges repeat little, but the cache makes repeated loads of one file cheap
_pages = lru_cache(maxsize=16384)(parse_pages)


def build_reference(
    key: str, entry_type: str, fields: list[tuple[str, str]], span: SourceSpan | None = None
) -> tuple[Reference, dict[str, str]]:
    """A Reference from expanded ``(name, value)`` pairs, plus who owns each field.

    The owner map (lower-case field name -> attribute, or ``extra:<name>``) is what
    the writer uses to re-render only the fields whose attribute was edited. When
    two fields feed one attribute (``journal`` and ``journaltitle``) the first wins
    and the other is kept in ``extra``.
    """
    etype = entry_type.lower()
    data: dict[str, object] = {}
    extra: dict[str, str] = {}
    owners: dict[str, str] = {}
    publishers: dict[str, str] = {}
    csl_fields: list[str] = []  # BibLaTeX fields that may hold a CSL variable (``venue``)
    year = month = date = month_name = None
    kinds = _KINDS
    for raw_name, value in fields:
        name = raw_name.lower()
        if name in owners:  # a duplicate field: BibTeX keeps the first
            continue
        kind = kinds.get(name)
        if kind is None:
            if name == "number":
                kind = (number_attr(etype), _TEXT)
            elif name in CSL_NUMBER_FIELDS:
                # a number the entry's `number` cannot hold, written by refs as CSL text;
                # JSON there is a CSL value of the wrong type, kept verbatim in extra
                value = unescape_verbatim(value)
                owner = CSL_NUMBER_FIELDS[name]
                if owner in data or value[:1] in ("[", "{"):
                    extra[raw_name] = value
                    owners[name] = "extra:" + raw_name
                else:
                    owners[name] = owner
                    if value:
                        data[owner] = value
                continue
            elif name in _PUBLISHER_SET:
                publishers[name] = raw_name
                owners[name] = "publisher?"
                continue
            else:
                if name.startswith(FOREIGN_PREFIXES):  # CSL-JSON/RIS text, escaped if need be
                    value = unescape_verbatim(value)
                extra[raw_name] = value
                owners[name] = "extra:" + raw_name
                if name in EXTRA_FIELD_TO_CSL:
                    csl_fields.append(raw_name)
                continue
        owner, code = kind
        if code >= _YEAR_CODE:
            if code == _YEAR_CODE:
                year = value
            elif code == _MONTH_CODE:
                month, month_name = value, raw_name
                extra[raw_name] = value  # in its place, unless the date holds it (below)
            else:
                date = value
            owners[name] = owner
            continue
        if owner in data:
            extra[raw_name] = value
            owners[name] = "extra:" + raw_name
            continue
        owners[name] = owner
        if code == _TEXT:
            text = latex_to_unicode(value)
            if text:
                data[owner] = text
        elif code == _NAMES:
            data[owner] = parse_bibtex_names(value)
        elif code == _LIST:
            data[owner] = [s for s in _LIST_SEP.split(value.strip()) if s]
        elif code == _KEYWORDS:
            data[owner] = [latex_to_unicode(s) for s in _LIST_SEP.split(value.strip()) if s]
        elif code == _PAGE:
            data[owner] = _pages(value)
        elif code == _ACCESSED:
            data[owner] = _date(None, None, value)
        else:  # doi, url: identifiers, never LaTeX-decoded
            text = _WS.sub("", value) if owner == "doi" else value.strip()
            if text:
                data[owner] = text
    if publishers:  # the most specific publisher-like field wins, the rest stay extra
        chosen = next(f for f in PUBLISHER_FIELDS if f in publishers)
        for name, raw_name in publishers.items():
            value = next(v for n, v in fields if n == raw_name)
            if name == chosen:
                text = latex_to_unicode(value)
                if text:
                    data["publisher"] = text
                owners[name] = "publisher"
            else:
                extra[raw_name] = value
                owners[name] = "extra:" + raw_name
    if csl_fields:
        extra = _csl_extras(extra, csl_fields, owners)
    issued = _date(year, month, date)
    if issued is not None:
        data["issued"] = issued
        kept = next((v for k, v in extra.items() if k.lower() == ISSUED), None)
        if date and "/" in date and (whole := _range(date)) is not None:
            # a range: its start is issued, the whole kept as CSL-JSON's reader keeps one
            # (unless the entry has a csl:issued field of its own)
            if kept is None:
                extra[ISSUED] = whole
        elif kept is not None and (full := season_day(kept, issued)) is not None:
            data["issued"] = issued = full  # the season's day, which `date` cannot hold
    if month_name is not None and month is not None:
        # a month the date does not hold (13, Spring, Jan/Feb, one with no year or against
        # `date`) stays verbatim in extra, where every writer finds it
        if _holds_month(issued, month):
            del extra[month_name]
        else:
            owners[month_name.lower()] = "extra:" + month_name
    if extra:
        data["extra"] = extra
    csl_type = ENTRY_TO_CSL.get(etype, "document")
    if csl_type == "article-journal" and "entrysubtype" in owners:
        csl_type = SUBTYPES.get(extra.get("entrysubtype", "").strip().lower(), csl_type)
    data["id"] = key
    data["type"] = csl_type
    data["bibtex_type"] = entry_type
    if span is not None:
        data["span"] = span
    return trusted(Reference, data), owners


def _csl_extras(extra: dict[str, str], names: list[str], owners: dict[str, str]) -> dict[str, str]:
    """``extra`` with BibLaTeX fields that hold a CSL variable kept as ``csl:<variable>``
    (``venue`` -> ``csl:event-place``), in place, so that CSL-JSON gets them back.

    A field stays under its own name when its value is not that variable's (``origdate``
    that is no ISO date) or when the entry already has that ``csl:`` key (an older refs
    export wrote ``csl:event-place`` itself): nothing is merged or overwritten.
    """
    taken = {k.lower() for k in extra}
    renamed: dict[str, str] = {}
    for raw_name in names:
        found = from_field(raw_name, extra[raw_name])
        if found is None:
            continue
        key = CSL_PREFIX + found[0]
        if key.lower() in taken:
            continue
        taken.add(key.lower())
        renamed[raw_name] = key
        owners[raw_name.lower()] = "extra:" + key
        extra[raw_name] = found[1]
    if not renamed:
        return extra
    return {renamed.get(k, k): v for k, v in extra.items()}
