"""CSL-JSON <-> :class:`~refs.model.reference.Reference`.

CSL-JSON is the lingua franca of Zotero, pandoc, citeproc and doi.org content
negotiation, and :class:`Reference` already uses CSL variable names as pydantic
aliases, so most variables map one to one. What needs care is the handful of shapes
CSL allows in several spellings, which real producers do use:

* dates: ``{"date-parts": [[2015, 3, 1]]}``, ``{"raw": "2015"}``, ``{"literal": "n.d."}``,
  ranges (only the start is kept), ``"circa"``;
* ``ISBN``/``ISSN``: a string, possibly several numbers separated by commas or spaces,
  or (Crossref's flavour) a list;
* ``container-title``/``title``: a string or (Crossref's flavour) a list of strings;
* ``page``: ``"317-335"``, ``"317–335"`` or ``"e1003"``;
* numbers (``volume``, ``issue``, ``edition``) given as JSON numbers.

Variables refs has no field for are kept in ``Reference.extra`` (``csl:<name>`` ->
value, JSON-encoded when it is not a string), so a CSL-JSON round trip loses nothing.
Spec: https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from refs.errors import ParseError
from refs.model.library import Library
from refs.model.reference import CSL_TYPES, DateParts, Name, PageRange, Reference

__all__ = ["dump", "dumps", "from_csl", "load", "loads", "parse_date", "parse_pages", "to_csl"]

#: CSL date variables refs keeps as :class:`DateParts` (the others go to ``extra``)
_DATE_FIELDS = ("issued", "accessed")
#: CSL name variables refs keeps
_NAME_FIELDS = ("author", "editor", "translator")
#: CSL variables that may arrive as a list of strings (Crossref) but are one string in refs
_STRING_OR_LIST = ("title", "container-title", "collection-title", "title-short",
                   "event-title", "publisher", "publisher-place")
#: prefix for variables kept verbatim in ``extra``
EXTRA_PREFIX = "csl:"

_PAGE_SPLIT = re.compile(r"\s*(?:--?|–|—)\s*")
_ID_SPLIT = re.compile(r"[,;\s]+")


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
        nums: list[int | None] = []
        for p in parts[0][:3]:
            try:
                nums.append(int(p))
            except (TypeError, ValueError):
                nums.append(None)
        nums += [None] * (3 - len(nums))
        if nums[0] is not None:
            return DateParts(year=nums[0], month=nums[1], day=nums[2], circa=circa)
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            parsed = parse_date(value[key])
            if parsed is not None:
                return parsed.model_copy(update={"circa": circa})
    return None


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


def _name(value: Any) -> Name | None:
    if isinstance(value, str):
        return Name(literal=value.strip()) if value.strip() else None
    if not isinstance(value, dict):
        return None
    fields = {k: v for k, v in value.items() if isinstance(v, str) and v.strip()}
    known = {"family", "given", "non-dropping-particle", "dropping-particle", "suffix",
             "literal", "ORCID"}
    data = {k: v.strip() for k, v in fields.items() if k in known}
    if not data:
        return None
    return Name.model_validate(data)


def from_csl(item: dict[str, Any], *, key: str | None = None) -> Reference:
    """One CSL-JSON item as a Reference; ``key`` overrides a missing or empty ``id``."""
    data: dict[str, Any] = {}
    extra: dict[str, str] = {}
    fields = {f.alias or name: name for name, f in Reference.model_fields.items()}
    skip = {"id", "ids", "extra", "span", "bibtex_type", "bibtex-type"}
    for var, value in item.items():
        if var in skip or value is None:
            continue
        if var in _DATE_FIELDS:
            data[var] = parse_date(value)
        elif var in _NAME_FIELDS:
            names = [n for n in (_name(v) for v in (value if isinstance(value, list) else [value]))
                     if n is not None]
            data[var] = names
        elif var == "page":
            data["page"] = parse_pages(value)
        elif var in ("ISBN", "ISSN"):
            data[var] = _id_list(value)
        elif var == "keyword":
            data[var] = _id_keywords(value)
        elif var == "type":
            data[var] = _csl_type(str(value))
        elif var in _STRING_OR_LIST or (var in fields and fields[var] not in skip
                                        and isinstance(value, (str, int, float, list))
                                        and not isinstance(value, bool)):
            text = _one_string(value)
            if text is not None:
                data[var] = text
        else:
            extra[EXTRA_PREFIX + var] = value if isinstance(value, str) else json.dumps(
                value, ensure_ascii=False, sort_keys=True)
    ident = item.get("id")
    ident_text = str(ident).strip() if ident is not None else ""
    # Zotero (with Better BibTeX) puts the citation key in "citation-key" and a URI or a
    # number in "id"; pandoc's id is already the key
    cited = item.get("citation-key") or item.get("citationKey")
    if isinstance(cited, str) and cited.strip():
        ident_text = cited.strip()
    data["id"] = ident_text or key or "item"
    if extra:
        data["extra"] = extra
    return Reference.model_validate(data)


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


def to_csl(ref: Reference) -> dict[str, Any]:
    """A Reference as one CSL-JSON item (``extra`` ``csl:*`` variables restored)."""
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
        elif var in ("ISBN", "ISSN"):
            out[var] = ", ".join(value)
        else:
            out[var] = value
    for name, value in ref.extra.items():
        if name.startswith(EXTRA_PREFIX):
            var = name[len(EXTRA_PREFIX):]
            try:
                out[var] = json.loads(value) if value[:1] in "[{" else value
            except json.JSONDecodeError:
                out[var] = value
    return out


def loads(text: str, *, path: str | None = None) -> Library:
    """A CSL-JSON document (an array of items, or one item) as a Library."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno,
                         hint="CSL-JSON is a JSON array of items") from exc
    except RecursionError as exc:  # [[[[...]]]] past the interpreter's limit
        raise ParseError("not CSL-JSON: arrays or objects are nested too deeply", path=path,
                         line=1, hint="CSL-JSON is a JSON array of items") from exc
    items = data if isinstance(data, list) else [data]
    entries: list[Reference] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ParseError(f"item {n} is not a JSON object", path=path,
                             hint="CSL-JSON is a JSON array of objects")
        entries.append(from_csl(item, key=f"item{n}"))
    library = Library(entries=entries, path=path, source=text, format="csl-json")
    library.remember_original()
    return library


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
