"""RIS <-> :class:`~refs.model.reference.Reference`.

RIS is what databases (Web of Science, Scopus, JSTOR, EndNote, Zotero) export: one tag
per line, ``TAG  - value``, records from ``TY`` to ``ER``. Tags follow the RIS spec as
Zotero reads it (https://en.wikipedia.org/wiki/RIS_(file_format)); synonyms real exports
use (``T1``/``TI``, ``JO``/``JF``/``T2``, ``Y1``/``PY``/``DA``, ``A1``/``AU``) are read,
and the writer uses the common spellings. Tags refs has no field for are kept in
``extra`` as ``ris:TAG`` so nothing is lost; a record missing ``ER``, an ``ER`` or other
tag with no record open, or a line that is not a tag is an ``E101`` diagnostic with its
line, and the rest of the file still loads.
"""

from __future__ import annotations

import re
from pathlib import Path

from refs.io.files import atomic_write, read_text
from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference, SourceSpan
from refs.text.keys import make_key

__all__ = ["dump", "dumps", "load", "loads"]

#: RIS type -> CSL type (reading)
RIS_TO_CSL: dict[str, str] = {
    "JOUR": "article-journal", "EJOUR": "article-journal", "MGZN": "article-magazine",
    "NEWS": "article-newspaper", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
    "CHAP": "chapter", "ECHAP": "chapter", "CONF": "paper-conference",
    "CPAPER": "paper-conference", "RPRT": "report", "THES": "thesis", "ELEC": "webpage",
    "WEB": "webpage", "BLOG": "post-weblog", "GOVDOC": "document", "STAT": "legislation",
    "BILL": "bill", "PAT": "patent", "DATA": "dataset", "COMP": "software", "GEN": "document",
    "MANSCPT": "manuscript", "UNPB": "manuscript", "ENCYC": "entry-encyclopedia",
}
#: CSL type -> RIS type (writing)
CSL_TO_RIS: dict[str, str] = {v: k for k, v in reversed(list(RIS_TO_CSL.items()))}
CSL_TO_RIS.update({"article-journal": "JOUR", "book": "BOOK", "chapter": "CHAP",
                   "document": "GEN", "webpage": "ELEC", "paper-conference": "CONF"})

_LINE = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*))?$")
_TITLE = ("TI", "T1")
_CONTAINER = ("T2", "JO", "JF", "JA", "J2", "BT")
_AUTHOR = ("AU", "A1")
_EDITOR = ("ED", "A2", "A3")
_DATE = ("PY", "Y1", "DA")


def _name(value: str) -> Name:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 1:
        return Name(literal=parts[0])
    suffix = parts[2] if len(parts) > 2 and parts[2] else None
    return Name(family=parts[0], given=parts[1] or None, suffix=suffix)


#: the seasons as RIS writes them in the other part of a date (``2015///Summer``)
SEASONS = ("Spring", "Summer", "Autumn", "Winter")
_SEASON_WORDS = {**{w.lower(): i for i, w in enumerate(SEASONS, start=1)}, "fall": 3}


def season_of(value: str) -> int | None:
    """The season (1-4) an RIS date names in its other part, ``YYYY///Summer`` (its month
    and day left empty), or None: RIS has no month for a season, CSL's 13-16 is none."""
    parts = value.split("/")
    if len(parts) != 4 or parts[1].strip() or parts[2].strip():
        return None
    return _SEASON_WORDS.get(parts[3].strip().lower())


def _date(value: str) -> DateParts | None:
    m = re.match(r"^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?", value.strip())
    if not m:
        return DateParts(literal=value.strip()) if value.strip() else None
    year, month, day = (int(g) if g else None for g in m.groups())
    season = season_of(value.strip()) if month is None else None
    if season is not None:
        month = 12 + season  # CSL's spelling of a season, as refs holds it
    return DateParts(year=year, month=month, day=day if month is not None else None)


def _da(date: DateParts | None) -> str | None:
    """DA for ``date`` when it says more than PY's year: ``YYYY/MM/DD``, a season in the
    other part (``2015///Summer``), a month that is no month kept as it is (``2015/00``)."""
    if date is None or date.year is None or date.month is None:
        return None
    if date.season is not None and date.day is None:
        return f"{date.year:04d}///{SEASONS[date.season - 1]}"
    return date.iso().replace("-", "/")


def _record(tags: list[tuple[str, str]], key: str, span: SourceSpan) -> Reference:
    f: dict[str, object] = {"author": [], "editor": [], "keyword": [], "isbn": [], "issn": []}
    extra: dict[str, str] = {}
    sp = ep = None
    for tag, value in tags:
        if tag == "TY":
            f["type"] = RIS_TO_CSL.get(value, "document")
        elif tag in _TITLE:
            f.setdefault("title", value)
        elif tag in _CONTAINER:
            f.setdefault("container_title", value)
        elif tag in _AUTHOR:
            f["author"].append(_name(value))  # type: ignore[attr-defined]
        elif tag in _EDITOR:
            f["editor"].append(_name(value))  # type: ignore[attr-defined]
        elif tag in _DATE:
            # PY is often year-only while DA has the full date: keep the most precise
            new, old = _date(value), f.get("issued")
            if old is None or (new is not None and new.month is not None
                               and old.month is None):  # type: ignore[attr-defined]
                f["issued"] = new
        elif tag == "Y2":
            f["accessed"] = _date(value)
        elif tag == "VL":
            f["volume"] = value
        elif tag in ("IS", "CP"):
            f["issue"] = value
        elif tag == "SP":
            sp = value
        elif tag == "EP":
            ep = value
        elif tag == "PB":
            f["publisher"] = value
        elif tag in ("CY", "PP"):
            f["publisher_place"] = value
        elif tag == "DO":
            f["doi"] = value
        elif tag == "UR":
            f.setdefault("url", value)
        elif tag == "SN":
            kind = "isbn" if len(re.sub(r"[^\dX]", "", value)) in (10, 13) else "issn"
            f[kind].append(value)  # type: ignore[attr-defined]
        elif tag == "KW":
            f["keyword"].append(value)  # type: ignore[attr-defined]
        elif tag in ("AB", "N2"):
            f["abstract"] = value
        elif tag == "N1":
            f["note"] = value
        elif tag == "LA":
            f["language"] = value
        elif tag == "ET":
            f["edition"] = value
        elif tag == "T3":
            f["collection_title"] = value
        elif tag == "ID":
            if value:  # an empty ID is no key: the record gets one of its own
                f["id"] = value
        else:
            extra[f"ris:{tag}"] = (extra[f"ris:{tag}"] + "\n" + value) if f"ris:{tag}" in extra \
                else value
    if sp:
        if "-" in sp and not ep:
            sp, ep = (p.strip() for p in sp.split("-", 1))
        f["page"] = PageRange(first=sp, last=ep or None)
    f.setdefault("id", key)
    f["extra"] = extra
    f["span"] = span
    return Reference(**f)


def loads(text: str, *, path: str | None = None) -> Library:
    """Parse RIS text; records get keys from the default pattern unless they carry ``ID``.

    An ``ID`` is the record's key as written, also when an earlier record has the same
    one: ``refs check`` reports that as E201 (duplicate-key), with both lines, as for a
    .bib file. Generated keys are unique and clear of every ``ID`` in the file.
    """
    entries: list[Reference] = []
    unkeyed: list[Reference] = []  # records without an ID, keyed once all IDs are known
    diags: list[Diagnostic] = []
    tags: list[tuple[str, str]] = []
    start = 0

    def close(end: int) -> None:
        ref = _record(tags, "", SourceSpan(path=path, line=start, end_line=end))
        entries.append(ref)
        if not ref.id:
            unkeyed.append(ref)

    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip().lstrip("\ufeff")
        if not line:
            continue
        m = _LINE.match(line)
        if not m:
            if tags:  # a continuation line of a long value
                tag, value = tags[-1]
                tags[-1] = (tag, f"{value} {line.strip()}")
                continue
            diags.append(_problem(path, no, f"not an RIS tag line: {line[:60]!r}"))
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if tags:
                diags.append(_problem(path, start, "record has no ER line; closed at next TY"))
                close(no - 1)
            tags, start = [(tag, value)], no
        elif tag == "ER":
            if tags:
                close(no)
            else:
                diags.append(_problem(path, no, "ER line outside a record (no TY before it)"))
            tags = []
        elif not tags:
            diags.append(_problem(path, no, f"{tag} line outside a record (no TY before it)"))
        else:
            tags.append((tag, value))
    if tags:
        diags.append(_problem(path, start, "last record has no ER line"))
        close(len(text.splitlines()))
    taken = {ref.id for ref in entries if ref.id}
    for ref in unkeyed:
        ref.id = make_key(ref, taken=taken)
        taken.add(ref.id)
    return Library(entries=entries, path=path, source=text, format="ris", diagnostics=diags)


def _problem(path: str | None, line: int, message: str) -> Diagnostic:
    return Diagnostic(code="E101", name="parse-error", severity=Severity.ERROR, message=message,
                      location=Location(path=path, line=line),
                      hint="RIS lines look like 'TY  - JOUR'; each record ends with 'ER  - '")


def _name_value(n: Name) -> str:
    if n.literal:
        return n.literal
    family = " ".join(p for p in (n.particle, n.family) if p)
    return ", ".join(p for p in (family, n.given, n.suffix) if p)


def _lines(r: Reference) -> list[str]:
    ty = CSL_TO_RIS.get(r.type, "GEN")
    out = [("TY", ty), ("ID", r.id)]
    out += [("AU", _name_value(n)) for n in r.author]
    out += [("ED", _name_value(n)) for n in r.editor]
    simple = (("TI", r.title), ("T2", r.container_title), ("T3", r.collection_title),
              ("PY", str(r.issued.year) if r.issued and r.issued.year else None),
              ("DA", _da(r.issued)),
              ("VL", r.volume), ("IS", r.issue), ("SP", r.page.first if r.page else None),
              ("EP", r.page.last if r.page else None), ("PB", r.publisher),
              ("CY", r.publisher_place), ("ET", r.edition), ("DO", r.doi), ("UR", r.url),
              ("AB", r.abstract), ("N1", r.note), ("LA", r.language))
    out += [(t, v) for t, v in simple if v]
    out += [("SN", v) for v in [*r.isbn, *r.issn]]
    out += [("KW", k) for k in r.keyword]
    out += [(k[4:], v) for k, v in r.extra.items() if k.startswith("ris:")]
    return [f"{t}  - {v}" for t, v in out] + ["ER  - "]


def dumps(library: Library) -> str:
    """RIS text for every entry (the key is written as ``ID``)."""
    return "".join("\n".join(_lines(r)) + "\n\n" for r in library.entries)


def load(path: str | Path) -> Library:
    """Read an RIS file (see :func:`loads`)."""
    text, diags = read_text(path)
    lib = loads(text, path=str(path))
    lib.diagnostics[:0] = diags
    return lib


def dump(library: Library, path: str | Path) -> None:
    """Write ``library`` as RIS, atomically."""
    atomic_write(path, dumps(library))


def _register() -> None:
    from refs.io import formats

    formats.register("ris", (".ris",), loads, dumps)


_register()
