"""CSL-JSON <-> :class:`~refs.model.reference.Reference`.

CSL-JSON is the lingua franca of Zotero, pandoc, citeproc and doi.org content
negotiation, and :class:`Reference` already uses CSL variable names as pydantic
aliases, so most variables map one to one. What needs care is the handful of shapes
CSL allows in several spellings, which real producers do use:

* dates: ``{"date-parts": [[2015, 3, 1]]}``, ``{"raw": "2015"}``, ``{"literal": "n.d."}``,
  ranges (the start is read; the whole range, or a ``season``, is kept in ``extra`` and
  written back while the date is unedited), ``"circa"``;
* ``ISBN``/``ISSN``: a string, possibly several numbers separated by commas or spaces,
  or (Crossref's flavour) a list;
* ``container-title``/``title``: a string or (Crossref's flavour) a list of strings;
* ``page``: ``"317-335"``, ``"317–335"`` or ``"e1003"``;
* numbers (``volume``, ``issue``, ``edition``) given as JSON numbers.

Variables refs has no field for are kept in ``Reference.extra`` (``csl:<name>`` ->
value, JSON-encoded when it is not a string), so a CSL-JSON round trip loses nothing.
Fields of other formats refs has no variable for (RIS tags kept as ``ris:<TAG>``, .bib
fields) go into CSL's ``custom`` object as ``ris:<TAG>`` and ``bibtex:<name>`` and are read
back from it, so RIS -> CSL-JSON -> RIS and .bib -> CSL-JSON -> .bib keep them too.
Spec: https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html

A document is an array of items (what Zotero and pandoc write), or one item on its own
(what doi.org content negotiation sends); a lone object must carry a CSL ``type``, or it
is not taken for an item (a Crossref API envelope, a config file). Bad input is reported,
not guessed at: an array element that is not an object, and a variable whose value has the
wrong JSON type (``"title": {"a": 1}``, ``"author": "x"`` in a list of numbers), are
``E101`` diagnostics with the line of the element or variable, and the rest loads. A bad
value is not used for the field but kept verbatim in ``extra``, so it is written back;
a number where CSL wants text (``"id": 5``, ``"title": 1984``) is read as that text, with
an ``E104`` warning unless CSL allows a number there (``volume``, ``page``, ...).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from refs.errors import ParseError
from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.library import Library
from refs.model.reference import CSL_TYPES, DateParts, Name, PageRange, Reference, SourceSpan

__all__ = ["dump", "dumps", "from_csl", "load", "loads", "parse_date", "parse_pages", "to_csl"]

#: CSL date variables refs keeps as :class:`DateParts` (the others go to ``extra``)
_DATE_FIELDS = ("issued", "accessed")
#: the other CSL date variables: kept in ``extra``, their date-parts as numbers (see _numbered)
_EXTRA_DATES = frozenset({"available-date", "event-date", "original-date", "submitted"})
#: CSL name variables refs keeps
_NAME_FIELDS = ("author", "editor", "translator")
#: CSL variables that may arrive as a list of strings (Crossref) but are one string in refs
_STRING_OR_LIST = ("title", "container-title", "collection-title", "title-short",
                   "event-title", "publisher", "publisher-place")
#: prefix for variables kept verbatim in ``extra``
EXTRA_PREFIX = "csl:"
#: ``custom`` keys of the other formats' fields (see :func:`to_csl`): an RIS tag keeps its
#: ``ris:`` extra name, any other extra (a .bib field) is ``bibtex:<name>``
RIS_PREFIX = "ris:"
BIBTEX_PREFIX = "bibtex:"

#: CSL variables whose value may be a JSON number (the schema's "string or number")
_NUMBER_VARS = frozenset({
    "id", "volume", "issue", "number", "page", "edition", "version", "chapter-number",
    "collection-number", "number-of-pages", "number-of-volumes", "part-number",
    "supplement-number", "printing-number", "citation-number", "first-reference-note-number"})
#: the parts of a CSL name object refs keeps
_NAME_PARTS = ("family", "given", "non-dropping-particle", "dropping-particle", "suffix",
               "literal", "ORCID")

_PAGE_SPLIT = re.compile(r"\s*(?:--?|–|—)\s*")
_ID_SPLIT = re.compile(r"[,;\s]+")
_DECODER = json.JSONDecoder()
_DATE_PART = re.compile(r"-?[0-9]+")


class _Problems:
    """What :func:`from_csl` could not read as given: ``(variable, message, severity)``."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, Severity]] = []

    def bad(self, var: str, message: str) -> None:
        self.items.append((var, message, Severity.ERROR))

    def wrong_type(self, var: str, value: Any, expected: str, *, name: str = "") -> None:
        """``var`` holds a value of another JSON type than CSL gives it: not read.

        ``name`` is how the message names it, when not just ``var`` (``author 2 given``).
        """
        self.bad(var, f"{name or var} is {_kind(value)} ({_shown(value)}), not {expected}; "
                      "not read")

    def coerced(self, var: str, message: str) -> None:
        self.items.append((var, message, Severity.WARNING))


def _kind(value: Any) -> str:
    """The JSON type of ``value`` as a person would name it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_date(value: Any) -> DateParts | None:
    """A CSL date in any of its spellings as :class:`DateParts` (start of a range)."""
    if value is None:
        return None
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        text = str(value).strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
        if m:
            year, month, day = (int(g) if g else None for g in m.groups())
            return DateParts(year=year, month=month, day=day)
        return DateParts(literal=text) if text else None
    if not isinstance(value, dict):
        return None
    circa = bool(value.get("circa"))
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        nums = [_date_part(p) for p in parts[0][:3]]
        nums += [None] * (3 - len(nums))
        if nums[0] is not None:
            return DateParts(year=nums[0], month=nums[1], day=nums[2], circa=circa)
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            parsed = parse_date(value[key])
            if parsed is not None:
                return parsed.model_copy(update={"circa": circa})
    return None


def _date_part(value: Any) -> int | None:
    """A date-part as a number: an integer, a whole finite float (``2015.0``) or ASCII digits
    (``"03"``, as Zotero writes them); None for anything else (text, true/false, ``2015.5``,
    NaN and Infinity, which Python's json reads although JSON has no such numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and _DATE_PART.fullmatch(value.strip()):
        return int(value)
    return None


def _date_problem(var: str, value: Any) -> str | None:
    """Why the date-parts of ``value`` do not all read as numbers, or None when they do.

    :func:`parse_date` leaves such a month or day out; this says so, so that the date is
    reported and kept as written instead of losing a part without a word.
    """
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list)):
        return None
    for name, part in zip(("year", "month", "day"), parts[0][:3], strict=False):
        if _date_part(part) is None:
            return (f"{var} {name} is {_kind(part)} ({_shown(part)}), not a number; the "
                    f"{name} was not read")
    return None


def _more_than_parts(value: Any) -> bool:
    """Whether a CSL date says more than the :class:`DateParts` read from it: the end of a
    range, a fourth date-part, or a variable such as ``season``, so it is kept as written."""
    if not isinstance(value, dict):
        return False
    parts = value.get("date-parts")
    return bool(set(value) - {"date-parts", "circa", "raw", "literal"}) or (
        isinstance(parts, list) and (len(parts) > 1 or any(
            isinstance(p, list) and len(p) > 3 for p in parts)))


def _date_to_csl(date: DateParts) -> dict[str, Any]:
    if date.year is None:
        return {"literal": date.literal or ""}
    parts = [p for p in (date.year, date.month, date.day) if p is not None]
    if date.month is None:
        parts = [date.year]
    out: dict[str, Any] = {"date-parts": [parts]}
    if date.circa:
        out["circa"] = True
    return out


def parse_pages(value: Any) -> PageRange | None:
    """``"317-335"`` / ``"317–335"`` / ``"e1003"`` as a :class:`PageRange`."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    parts = _PAGE_SPLIT.split(text, maxsplit=1)
    first = parts[0].strip()
    last = parts[1].strip() if len(parts) > 1 and parts[1].strip() else None
    return PageRange(first=first, last=last)


def _one_string(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _id_list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        out.extend(p for p in _ID_SPLIT.split(str(item)) if p)
    return out


def _name(value: Any, problems: _Problems | None = None, where: str = "") -> Name | None:
    if isinstance(value, str):
        return Name(literal=value.strip()) if value.strip() else None
    if not isinstance(value, dict):
        if problems is not None and value is not None:
            problems.wrong_type(where, value, "a name object")
        return None
    data: dict[str, str] = {}
    for part in _NAME_PARTS:
        v = value.get(part)
        if isinstance(v, str):
            if v.strip():
                data[part] = v.strip()
        elif v is not None and problems is not None:
            problems.wrong_type(where, v, "text", name=f"{where} {part}")
    if not data:
        return None
    return Name.model_validate(data)


def _names(var: str, value: Any, problems: _Problems | None) -> list[Name]:
    if isinstance(value, (str, dict)):  # one name instead of a list of them: lenient
        value = [value]
    if not isinstance(value, list):
        if problems is not None:
            problems.wrong_type(var, value, "a list of names")
        return []
    names = (_name(v, problems, f"{var} {i}" if len(value) > 1 else var)
             for i, v in enumerate(value, start=1))
    return [n for n in names if n is not None]


def _text_value(var: str, value: Any, problems: _Problems | None) -> str | None:
    """A text variable: a string, a number (read as its text), or (Crossref) a list of them."""
    if isinstance(value, str):
        return value.strip() or None
    if _is_number(value):
        if problems is not None and var not in _NUMBER_VARS:
            problems.coerced(var, f"{var} is a number ({_shown(value)}), not text; read as "
                                  f"the text {str(value)!r}")
        return str(value)
    if isinstance(value, list) and var in _STRING_OR_LIST and all(
            isinstance(v, str) for v in value):
        return _one_string(value)
    if problems is not None:
        problems.wrong_type(var, value, "text")
    return None


def _strings(var: str, value: Any, problems: _Problems | None) -> list[str] | None:
    """A string, or a list of strings (numbers read as text); None (reported) otherwise."""
    items = value if isinstance(value, list) else [value]
    if all(isinstance(v, str) or _is_number(v) for v in items):
        return [str(v) for v in items]
    if problems is not None:
        problems.wrong_type(var, value, "text or a list of texts")
    return None


def from_csl(item: dict[str, Any], *, key: str | None = None,
             problems: _Problems | None = None) -> Reference:
    """One CSL-JSON item as a Reference; ``key`` overrides a missing or empty ``id``.

    A value of the wrong JSON type is not used for its field but kept verbatim in
    ``extra`` (so it is written back); :func:`loads` reports each as a diagnostic.
    """
    found = problems if problems is not None else _Problems()
    data: dict[str, Any] = {}
    extra: dict[str, str] = {}
    fields = {f.alias or name: name for name, f in Reference.model_fields.items()}
    #: names of Reference's own bookkeeping: never read as fields, but kept verbatim
    skip = {"ids", "extra", "span", "bibtex_type", "bibtex-type", "csl_numbers"}
    json_numbers: set[str] = set()  # variables given as JSON numbers (csl_numbers)
    for var, value in item.items():
        if var == "id" or value is None:
            continue
        if var in _NUMBER_VARS and _is_number(value):
            json_numbers.add(var)
        if var in skip:
            extra[EXTRA_PREFIX + var] = _verbatim(value)
            continue
        before = len(found.items)
        if var in _DATE_FIELDS:
            date = parse_date(value)
            if date is None and value not in ("", {}, []):
                found.bad(var, f"{var} is not a CSL date ({_shown(value)}); not read")
            elif date is not None and (problem := _date_problem(var, value)):
                found.bad(var, problem)
            elif date is not None and _more_than_parts(value):
                extra[EXTRA_PREFIX + var] = _verbatim(value)  # written back while unedited
            data[var] = date
        elif var in _NAME_FIELDS:
            data[var] = _names(var, value, found)
        elif var == "page":
            if isinstance(value, str) or _is_number(value):
                data["page"] = parse_pages(value)
            else:
                found.wrong_type(var, value, "text", name="page")
        elif var in ("ISBN", "ISSN"):
            numbers = _strings(var, value, found)
            if numbers is not None:
                data[var] = _id_list(numbers)
        elif var == "keyword":
            words = _strings(var, value, found)
            if words is not None:
                data[var] = _id_keywords(words if isinstance(value, list) else words[0])
        elif var == "type":
            if isinstance(value, str):
                data[var] = _csl_type(value)
            else:
                found.wrong_type(var, value, "text", name="type")
        elif var == "custom" and isinstance(value, dict):
            rest = _carried(value, extra)
            if rest:
                extra[EXTRA_PREFIX + var] = _verbatim(rest)
            continue
        elif var in _STRING_OR_LIST or (var in fields and fields[var] not in skip):
            text = _text_value(var, value, found)
            if text is not None:
                data[var] = text
        else:
            extra[EXTRA_PREFIX + var] = _verbatim(_numbered(value) if var in _EXTRA_DATES
                                                  else value)
            continue
        if any(sev is Severity.ERROR for _, _, sev in found.items[before:]):
            extra[EXTRA_PREFIX + var] = _verbatim(value)  # not understood: kept, not lost
    ident, source = _ident(item, found)
    data["id"] = ident or key or "item"
    if source in ("citation-key", "citationKey"):
        # the key came from Better BibTeX's citation-key: it is the key, not an extra
        # variable, and Zotero's own id (an item URI) is kept, so that it is written back
        extra.pop(EXTRA_PREFIX + source, None)
        zotero_id = item.get("id")
        if isinstance(zotero_id, str) or _is_number(zotero_id):
            zotero_id = str(zotero_id).strip()
            if zotero_id not in ("", data["id"]):
                extra[EXTRA_PREFIX + "id"] = zotero_id
    if extra:
        data["extra"] = extra
    if json_numbers:
        data["csl_numbers"] = frozenset(json_numbers)
    return Reference.model_validate(data)


def _numbered(date: Any) -> Any:
    """A CSL date whose date-parts are numbers written as text (``[["1900", "5"]]``, as
    Zotero and Mendeley send them) with those parts as numbers, the way ``issued`` is
    read, so that it is one spelling (and BibLaTeX's ``origdate`` can hold it); any
    other value as it is."""
    if not isinstance(date, dict) or list(date) != ["date-parts"]:
        return date
    parts = date["date-parts"]
    if not isinstance(parts, list) or not all(
        isinstance(p, list) and all(type(n) is int or _digits(n) for n in p) for p in parts):
        return date
    return {"date-parts": [[int(n) for n in p] for p in parts]}


def _digits(value: Any) -> bool:
    return isinstance(value, str) and value.isascii() and value.isdigit()


def _verbatim(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           sort_keys=True)


def _ident(item: dict[str, Any], problems: _Problems) -> tuple[str, str | None]:
    """The key, and the variable it was read from: Zotero's ``citation-key`` (Better
    BibTeX) wins over ``id``.

    Zotero puts a URI or a number in ``id``; pandoc's ``id`` is already the key.
    """
    for var in ("citation-key", "citationKey"):
        cited = item.get(var)
        if isinstance(cited, str) and cited.strip():
            return cited.strip(), var
        if cited is not None and not isinstance(cited, str):
            problems.wrong_type(var, cited, "text")
    ident = item.get("id")
    if isinstance(ident, str):
        return ident.strip(), "id"
    if _is_number(ident):
        problems.coerced("id", f"id is a number ({_shown(ident)}); read as the text "
                               f"{str(ident)!r}")
        return str(ident), "id"
    if ident is not None:
        problems.wrong_type("id", ident, "text")
    return "", None


def _csl_type(value: str) -> str:
    """A CSL type; Crossref's content negotiation sends its own names (``journal-article``)."""
    if value in CSL_TYPES:
        return value
    from refs.io.crossref_json import TYPES  # lazy: crossref_json builds on this module

    return TYPES.get(value, value)


def _id_keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in str(value).split(",") if p.strip()]


def _carried(custom: dict[str, Any], extra: dict[str, str]) -> dict[str, Any]:
    """Move the other formats' fields :func:`to_csl` put into ``custom`` into ``extra``
    (``ris:<TAG>`` as it is, ``bibtex:<name>`` as ``<name>``); the rest of ``custom``.

    Only text values, and no ``bibtex:`` name that is another prefix's (``bibtex:csl:x``)
    or an extra already there in any case: those, and every other key, stay ``custom``.
    """
    rest: dict[str, Any] = {}
    taken = {k.lower() for k in extra}
    for name, value in custom.items():
        key = name[len(BIBTEX_PREFIX):] if name.startswith(BIBTEX_PREFIX) else (
            name if name.startswith(RIS_PREFIX) and len(name) > len(RIS_PREFIX) else None)
        if (key and isinstance(value, str) and key.lower() not in taken
                and not (name.startswith(BIBTEX_PREFIX)
                         and key.lower().startswith((EXTRA_PREFIX, RIS_PREFIX)))):
            extra[key] = value
            taken.add(key.lower())
        else:
            rest[name] = value
    return rest


def to_csl(ref: Reference) -> dict[str, Any]:
    """A Reference as one CSL-JSON item (``extra`` ``csl:*`` variables restored, and the
    other formats' fields in ``custom``: ``ris:<TAG>`` as it is, any other as
    ``bibtex:<name>``)."""
    out: dict[str, Any] = {"id": ref.id, "type": ref.type}
    dumped = ref.model_dump(by_alias=True, exclude_defaults=True,
                            exclude={"id", "type", "ids", "extra", "span", "bibtex_type"})
    for var, value in dumped.items():
        if var in _DATE_FIELDS:
            out[var] = _date_to_csl(getattr(ref, var))
        elif var in _NAME_FIELDS:
            out[var] = [{k: v for k, v in n.items() if v is not None} for n in value]
        elif var == "page":
            out[var] = str(ref.page).replace("–", "-")
        elif var in ("ISBN", "ISSN", "keyword"):  # one text in CSL, comma-separated
            out[var] = ", ".join(value)
        else:
            out[var] = value
    for name, value in ref.extra.items():
        if name.startswith(EXTRA_PREFIX):
            var = name[len(EXTRA_PREFIX):]
            if var == "id":  # Zotero's item id; the key goes back as its citation-key
                out["citation-key"], out["id"] = ref.id, value
                continue
            try:
                restored = json.loads(value) if value[:1] in "[{" else value
            except json.JSONDecodeError:
                restored = value
            if var in _DATE_FIELDS and parse_date(restored) != getattr(ref, var.replace(
                    "-", "_")):
                continue  # the date was edited since it was read: its old spelling is stale
            out[var] = restored
    for var in ref.csl_numbers:  # given as JSON numbers: numbers again, if still one
        if isinstance(out.get(var), str) and (number := _number(out[var])) is not None:
            out[var] = number
    # RIS tags and .bib fields refs has no variable for: CSL's custom object is the
    # schema's place for key-value pairs (an item allows no other unknown keys), and
    # processors ignore it; from_csl reads them back as these extras
    carried = {(k if k.startswith(RIS_PREFIX) else BIBTEX_PREFIX + k): v
               for k, v in ref.extra.items() if not k.startswith(EXTRA_PREFIX)}
    if carried:
        custom = out.get("custom")
        if isinstance(custom, dict):
            out["custom"] = {**custom, **carried}
        else:  # a custom that is no object (not read as one) is kept beside them
            out["custom"] = carried if custom is None else {EXTRA_PREFIX + "custom": custom,
                                                            **carried}
    return out


def _number(text: str) -> int | float | None:
    """The JSON number whose text (as :func:`from_csl` reads it, ``str(value)``) is
    ``text``, or None when ``text`` is not one (``12a``, ``5-9``, ``012``)."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if _is_number(value) and str(value) == text else None


_ITEM_HINT = ('each element of a CSL-JSON array is an object like {"id": "smith2020", '
              '"type": "book", "title": "..."}')


def loads(text: str, *, path: str | None = None) -> Library:
    """A CSL-JSON document (an array of items, or one item with a ``type``) as a Library.

    Elements that are not objects and values of the wrong type are ``E101`` diagnostics
    in ``library.diagnostics`` (with their line), numbers read as text ``E104``
    warnings; the other items and fields still load.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno,
                         hint="CSL-JSON is a JSON array of items") from exc
    except RecursionError as exc:  # [[[[...]]]] past the interpreter's limit
        raise ParseError("not CSL-JSON: arrays or objects are nested too deeply", path=path,
                         line=1, hint="CSL-JSON is a JSON array of items") from exc
    if isinstance(data, dict):
        if not (isinstance(data.get("type"), str) and _is_type(data["type"])):
            raise ParseError(
                "not CSL-JSON: a single JSON object without a CSL \"type\" is not an item",
                path=path, line=1,
                hint="CSL-JSON is a JSON array of items (Zotero and pandoc write one); a single "
                     "item, as doi.org sends it, needs a \"type\" such as \"book\"")
        items: list[Any] = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise ParseError(f"not CSL-JSON: the document is {_kind(data)}, not an array of items",
                         path=path, line=1, hint="CSL-JSON is a JSON array of items")
    entries: list[Reference] = []
    found: list[tuple[int, str | None, str | None, str, Severity]] = []
    keys: dict[int, str] = {}
    # where each item stands, so that rule findings name its line (not 1:1); one pass
    # over the text, about as long as json.loads itself, which also finds the names an
    # object gives twice (json.loads keeps the last of them without a word)
    twice = _Duplicates()
    where = _offsets(text, twice)
    line, counted = 1, 0  # items come in text order: count newlines once, left to right
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            found.append((n, None, None, f"item {n} is {_kind(item)} ({_shown(item)}), not a "
                          "JSON object; skipped", Severity.ERROR))
            continue
        problems = _Problems()
        ref = from_csl(item, key=f"item{n}", problems=problems)
        if n <= len(where):
            start, _, end = where[n - 1]
            line += text.count("\n", counted, start)
            ref.span = SourceSpan(path=path, line=line,
                                  end_line=line + text.count("\n", start, end), start=start,
                                  end=end)
            counted = start
        entries.append(ref)
        keys[n] = ref.id
        found.extend((n, ref.id, var, message, sev) for var, message, sev in problems.items)
    diagnostics = _diagnostics(text, path, found, where)
    if twice.found:
        diagnostics = sorted(diagnostics + _duplicate_diagnostics(text, path, twice, keys),
                             key=lambda d: (d.location.line, d.location.col))
    library = Library(entries=entries, path=path, source=text, format="csl-json",
                      diagnostics=diagnostics)
    library.remember_original()
    return library


def _is_type(value: str) -> bool:
    from refs.io.crossref_json import TYPES  # lazy: crossref_json builds on this module

    return value in CSL_TYPES or value in TYPES


def _diagnostics(text: str, path: str | None,
                 found: list[tuple[int, str | None, str | None, str, Severity]],
                 where: list[tuple[int, dict[str, int], int]]) -> list[Diagnostic]:
    """E101/E104 findings at the line of the element (or of its variable) they are about."""
    out = []
    for n, key, var, message, severity in found:
        start, members, _ = where[n - 1] if n <= len(where) else (0, {}, 0)
        field = var.split(" ")[0] if var else None  # "author 2" is in "author"
        offset = members.get(field, start) if field else start
        line = text.count("\n", 0, offset) + 1
        col = offset - text.rfind("\n", 0, offset)
        hint = _ITEM_HINT if field is None else (
            f"write {field} as text (\"{field}\": \"...\") if that is what you meant"
            if severity is Severity.WARNING else _field_hint(field))
        code, name = ("E101", "parse-error") if severity is Severity.ERROR else (
            "E104", "coerced-value")
        out.append(Diagnostic(code=code, name=name, severity=severity,
                              message=message, location=Location(path=path, line=line, col=col),
                              key=key, hint=hint, subject=f"{key or n}:{var or 'item'}"))
    return sorted(out, key=lambda d: (d.location.line, d.location.col))


def _field_hint(var: str) -> str:
    if var in _NAME_FIELDS:
        return (f'{var} is a list of names like [{{"family": "Smith", "given": "Jane"}}]; the '
                "value was kept as written but not used")
    if var in _DATE_FIELDS:
        return (f'{var} is a date like {{"date-parts": [[2015, 3, 1]]}} (year, month, day as '
                "numbers); the value was kept as written, and only the parts that are numbers "
                "were used")
    return (f"CSL wants text here (e.g. \"{var}\": \"...\"); the value was kept as written but "
            "not used")


class _Duplicates:
    """The names JSON objects give twice, found while :func:`_offsets` walks the items:
    ``(item number, offset of the second, name, offset of the first, variable)`` where
    ``variable`` is None for an item's own variable, else the variable whose value holds
    an object with the name twice (both offsets are then that variable's)."""

    def __init__(self) -> None:
        self.found: list[tuple[int, int, str, int, str | None]] = []
        self.inner: list[str] = []
        self.decoder = json.JSONDecoder(object_pairs_hook=self._pairs)

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set[str] = set()
            for name, _ in pairs:
                if name in seen:
                    self.inner.append(name)
                seen.add(name)
        return obj


def _duplicate_diagnostics(text: str, path: str | None, twice: _Duplicates,
                           keys: dict[int, str]) -> list[Diagnostic]:
    """E202 for each name given twice, at the second (or at the variable holding it)."""
    out = []
    for n, offset, name, first, var in twice.found:
        line = text.count("\n", 0, offset) + 1
        col = offset - text.rfind("\n", 0, offset)
        key = keys.get(n)
        if var is None:
            message = (f"{name} is given twice (first on line {text.count(chr(10), 0, first) + 1})"
                       "; the last value was read")
            subject = f"{key or n}:{name}"
        else:
            message = f"{var} has {name!r} twice in one object; the last value was read"
            subject = f"{key or n}:{var} {name}"
        out.append(Diagnostic(
            code="E202", name="duplicate-field", severity=Severity.ERROR, message=message,
            location=Location(path=path, line=line, col=col), key=key, subject=subject,
            hint="keep one value and delete the other (JSON readers keep the last one, "
                 "so the first is ignored)"))
    return out


def _offsets(text: str, twice: _Duplicates | None = None
             ) -> list[tuple[int, dict[str, int], int]]:
    """Where each top-level item starts, where each of its variables does, and where it
    ends (offsets, end exclusive); names an item gives twice go into ``twice``.

    Only called for a document ``json.loads`` accepted, to place records and diagnostics;
    it gives up (an empty list: line 1) rather than fail on anything unexpected.
    """
    try:
        pos = _skip(text, 0)
        if text[pos] == "{":
            members, end = _members(text, pos, twice, 1)
            return [(pos, members, end)]
        out: list[tuple[int, dict[str, int], int]] = []
        pos = _skip(text, pos + 1)
        while text[pos] != "]":
            if text[pos] == "{":
                members, end = _members(text, pos, twice, len(out) + 1)
            else:
                members, end = {}, _DECODER.raw_decode(text, pos)[1]
            out.append((pos, members, end))
            pos = _skip(text, end)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return out
    except (ValueError, IndexError, RecursionError):
        return []


def _skip(text: str, pos: int) -> int:
    """The offset of the first non-whitespace character at or after ``pos``."""
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _members(text: str, pos: int, twice: _Duplicates | None = None, n: int = 0
             ) -> tuple[dict[str, int], int]:
    """The offsets of the names of the object at ``pos`` (the last of duplicates), and its
    end; names given twice, here or in an object inside a value, go into ``twice``."""
    out: dict[str, int] = {}
    decoder = _DECODER if twice is None else twice.decoder
    pos = _skip(text, pos + 1)
    while text[pos] != "}":
        name, end = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
        if twice is not None and name in out:
            twice.found.append((n, pos, name, out[name], None))
        out[name] = member = pos
        pos = _skip(text, end)  # at ':'
        pos = _skip(text, pos + 1)
        pos = _skip(text, decoder.raw_decode(text, pos)[1])
        if twice is not None and twice.inner:
            twice.found.extend((n, member, inner, member, name)
                               for inner in dict.fromkeys(twice.inner))
            twice.inner.clear()
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return out, pos + 1


def dumps(library: Library) -> str:
    """A Library as a CSL-JSON array (UTF-8 text, two-space indent, trailing newline)."""
    return json.dumps([to_csl(e) for e in library.entries], ensure_ascii=False, indent=2) + "\n"


def load(path: str | Path) -> Library:
    """Read a CSL-JSON file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}", path=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise ParseError("not UTF-8 text", path=str(p), hint="save the file as UTF-8") from exc
    return loads(text, path=str(p))


def dump(library: Library, path: str | Path) -> None:
    """Write a CSL-JSON file atomically (temp file + rename)."""
    import os
    import tempfile

    p = Path(path)
    fd, tmp = tempfile.mkstemp(dir=str(p.parent or "."), prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(dumps(library))
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _register() -> None:
    """Claim ``.json`` in the format registry (``refs.load("x.json")``, ``--to csl-json``)."""
    from refs.io import formats

    formats.register("csl-json", (".json", ".csljson"), loads, dumps)


_register()
