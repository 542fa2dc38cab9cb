"""RIS <-> :class:`~refs.model.reference.Reference`.

RIS is what databases (Web of Science, Scopus, JSTOR, EndNote, Zotero) export: one tag
per line, ``TAG  - value``, records from ``TY`` to ``ER``. Tags follow the RIS spec as
Zotero reads it (https://en.wikipedia.org/wiki/RIS_(file_format)); synonyms real exports
use (``T1``/``TI``, ``JO``/``JF``/``T2``, ``Y1``/``PY``/``DA``, ``A1``/``AU``) are read,
and the writer uses the common spellings. Tags refs has no field for are kept in
``extra`` as ``ris:TAG`` so nothing is lost; so is a ``TY`` the record's CSL type would
not give back (``EBOOK``, ``XYZ``: ``ris:TY``), and an ``ID`` that cannot be a BibTeX key
(``ris:ID``; the record is keyed as one without ``ID``, an ``E104`` warning). A record
missing ``ER``, an ``ER`` or other tag with no record open, a name tag with no name in it
or a line that is not a tag is an ``E101`` diagnostic with its line, and the rest of the
file still loads.

Dates: ``PY``, ``Y1`` and ``DA`` are ``YYYY/MM/DD/other``. A season in the other part
(``2015///Summer``) is CSL's season, its day, if it has one, in the day part with the
month left empty (``2015//03/Summer``: no RIS reader takes a season's 14 for a month), a
closing ``circa`` (``1850///circa``) CSL's circa, for which RIS has no tag; any other text
there (``2015/05/02/Originally published 1990``) is kept, with its date, as ``ris:DA`` and
written back in ``DA``. RIS has no range either: ``PY`` and ``DA`` are the start, and the
whole range (``csl:issued``) is the other part as biblatex's ``date`` spells it in EDTF
(``DA  - 2015///2015/2016``, ``2015/05/01/2015-05-01/2015-05-03``, open ``2015///2015/..``),
which refs reads back as the range and other readers keep as text of the date; a ``PY``
that is a range of years (``1990-1995``, as catalogues write it) is that range.

Line breaks: a line that is not a tag continues the value before it. One that starts
with six spaces (:data:`INDENT`, the width of ``AB  - ``) continues it after a line break,
its text kept as it is; any other is a long value wrapped as the spec allows and is
joined with a space. The writer puts each further line of a value on such an indented
line, so any value reads back as itself (line breaks as LF, the whole value stripped of
surrounding whitespace) and no line of it can be read as a tag or end the record.

"et al.": RIS has no tag or convention for a list of names cut short; its name lines
are people. BibTeX's ``and others`` (:data:`~refs.text.names.OTHERS` ending ``author`` or
``editor``) is therefore not written as an ``AU``/``ED`` line, which Zotero and EndNote
would import as a person named "others": the list ends with the last name known. Reading,
a last ``AU``/``A1`` (or ``ED``/``A2``/``A3``) line that says only ``et al.``, ``et al``,
``others`` or ``and others``, as catalogues (and refs before this rule) write it, is
that ``and others``, not a person; a name with a comma is a name (the writer spells a
family name ``Others`` as ``Others,``).
"""

from __future__ import annotations

import re
from pathlib import Path

from refs.errors import WriteError
from refs.io.bibtex_csl import ISSUED, issued_range, kept_range, range_issued
from refs.io.files import atomic_write, read_text
from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference, SourceSpan
from refs.text.keys import holds_bibtex_key, make_key
from refs.text.names import OTHERS

__all__ = ["INDENT", "dump", "dumps", "load", "loads", "ris_type", "unheld"]

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
#: what an RIS tag is
_TAG = re.compile(r"[A-Z][A-Z0-9]")
#: a line starting with this continues the value before it after a line break
INDENT = " " * 6
#: what ends a line in an RIS file (not str.splitlines's others: \x0c, \x85, \u2028...
#: are text inside a value, and RIS lines end in CR LF)
_BREAK = re.compile(r"\r\n|\r|\n")
_TITLE = ("TI", "T1")
_CONTAINER = ("T2", "JO", "JF", "JA", "J2", "BT")
_AUTHOR = ("AU", "A1")
_EDITOR = ("ED", "A2", "A3")
_DATE = ("PY", "Y1", "DA")
#: the tags the reader takes for fields (or record structure), not kept as ``ris:TAG``
READ_TAGS = frozenset({
    "TY", "ER", "ID", *_TITLE, *_CONTAINER, *_AUTHOR, *_EDITOR, *_DATE, "Y2", "VL", "IS",
    "CP", "SP", "EP", "PB", "CY", "PP", "DO", "UR", "SN", "KW", "AB", "N2", "N1", "LA",
    "ET", "T3"})


def _name(value: str) -> Name | None:
    """``Last, First, Suffix`` (or a name kept whole); None when there is no name in it.

    A value without a comma is a name kept whole (a literal: ``Radio Free Europe``); one
    that ends in a comma and doubles its commas is one too, with the commas it holds
    (``Ministry of Foreign Affairs,, Russia,``, as :func:`_name_value` writes it). Else the
    last part's leading lower-case words are the particle (``van Beethoven``, as BibTeX
    reads ``von Last``) and the first part's trailing ones the dropping particle
    (``Jean de``, as CSL inverts ``Jean de La Fontaine``).
    """
    text = value.strip()
    if text.endswith(",") and ",," in text:
        literal = text[:-1].replace(",,", ",").strip()
        return Name(literal=literal) if literal.strip(", ") else None
    parts = [p.strip() for p in text.split(",")]
    if not any(parts):
        return None
    if len(parts) == 1:
        return Name(literal=parts[0])
    last = parts[0].split()
    von = 0  # the particle: the lower-case words leading a last name of several words
    while von < len(last) - 1 and _lower(last[von]):
        von += 1
    first = parts[1].split()
    keep = len(first)  # the dropping particle: lower-case words ending the first name
    while keep > 1 and _lower(first[keep - 1]):
        keep -= 1
    suffix = ", ".join(p for p in parts[2:] if p) or None
    return Name(family=" ".join(last[von:]) or None, particle=" ".join(last[:von]) or None,
                given=" ".join(first[:keep]) or None,
                dropping_particle=" ".join(first[keep:]) or None, suffix=suffix)


#: a name tag's value that is no person but "and others" (see the module docstring)
_ET_AL = re.compile(r"(?:et\.?\s*al\.?|(?:and\s+)?others)", re.IGNORECASE)


def _et_al(names: list[Name]) -> list[Name]:
    """``names`` with a last "name" that says "et al." (``AU  - et al.``) as BibTeX's
    ``and others`` (:data:`~refs.text.names.OTHERS`), which is what it means."""
    last = names[-1] if names else None
    if last is not None and last.literal is not None and _ET_AL.fullmatch(last.literal):
        return [*names[:-1], OTHERS]
    return names


def _lower(word: str) -> bool:
    """A particle's word: its first letter is lower case (``van``, ``de``, ``d'``)."""
    letter = next((c for c in word if c.isalpha()), "")
    return letter.islower()


def ris_type(ref: Reference) -> str:
    """The ``TY`` for ``ref``: the one it was read with (``ris:TY``, kept when its CSL
    type does not give it back) while the type is unchanged, else its CSL type's."""
    kept = ref.extra.get("ris:TY")
    if kept is not None and RIS_TO_CSL.get(kept, "document") == ref.type:
        return kept
    return CSL_TO_RIS.get(ref.type, "GEN")


#: the seasons as RIS writes them in the other part of a date (``2015///Summer``)
SEASONS = ("Spring", "Summer", "Autumn", "Winter")
_SEASON_WORDS = {**{w.lower(): i for i, w in enumerate(SEASONS, start=1)}, "fall": 3}
#: the day part of a season's date: empty, or the day CSL gives the season (``[2015, 14, 3]``)
_SEASON_DAY = re.compile(r"\d{0,2}")


def season_of(value: str) -> int | None:
    """The season (1-4) an RIS date names in its other part, ``YYYY///Summer`` (its month
    left empty, its day empty or the season's day, ``2015//03/Summer``; ``circa`` may
    follow), or None: RIS has no month for a season, CSL's 13-16 is none."""
    parts = value.split("/", 3)
    if len(parts) != 4 or parts[1].strip() or not _SEASON_DAY.fullmatch(parts[2].strip()):
        return None
    return _SEASON_WORDS.get(_circa(parts[3].strip())[0].lower())


def other_part(value: str) -> str:
    """The other part of an RIS date, ``YYYY/MM/DD/other`` (all after the third slash,
    stripped; it may hold slashes of its own), or ``""`` when there is none."""
    parts = value.split("/", 3)
    return parts[3].strip() if len(parts) == 4 else ""


#: the word that ends an approximate date's other part (RIS has no tag for CSL's circa)
CIRCA = "circa"
_CIRCA_WORD = re.compile(rf"(?:^|\s+){CIRCA}$", re.IGNORECASE)


def _circa(other: str) -> tuple[str, bool]:
    """An other part without its closing ``circa``, and whether it had one."""
    m = _CIRCA_WORD.search(other)
    return (other[: m.start()].strip(), True) if m else (other, False)


#: a month or day of an RIS date: one or two digits, then a separator or the end (the
#: "20" of ``PY  - 2015-2016`` is no month)
_PART = r"(\d{1,2}(?!\d))"


def _date(value: str) -> DateParts | None:
    m = re.match(rf"^(\d{{4}})(?:[/-]{_PART}?(?:[/-]{_PART}?)?)?", value.strip())
    if not m:
        return DateParts(literal=value.strip()) if value.strip() else None
    year, month, day = (int(g) if g else None for g in m.groups())
    season = season_of(value.strip()) if month is None else None
    if season is not None:
        month = 12 + season  # CSL's spelling of a season, as refs holds it
    return DateParts(year=year, month=month, day=day if month is not None else None,
                     circa=_circa(other_part(value))[1])


def _kept_other(value: str) -> bool:
    """Whether a date tag's value has an other part refs has no place for but ``ris:DA``
    (text that is not a season nor ``circa`` nor a range: ``2015/05/02/Originally
    published 1990``)."""
    return (bool(_circa(other_part(value))[0]) and season_of(value.strip()) is None
            and _range_of(value) is None)


#: a range of years as catalogues write it in PY (``1990-1995``, ``1990/1995``)
_YEARS = re.compile(r"\s*(\d{4})\s*[-/\u2013]\s*(\d{4})\s*")


def _range_of(value: str) -> tuple[str, DateParts] | None:
    """The range a date tag's other part holds as biblatex's ``date`` spells it (EDTF:
    ``2015///2015/2016``, ``2015/05/01/2015-05-01/2015-05-03``, ``2015///2015/..``,
    ``1850///1850~/1860~ circa``), as refs writes a range RIS has no place for, or a
    whole value that is a range of years (``PY  - 1990-1995``): the range as
    ``csl:issued`` holds it, and its start. None when there is none, or it does not
    start with the date before it (then the other part is text, kept as ``ris:DA``).
    """
    if (years := _YEARS.fullmatch(value)) and years[1] <= years[2]:
        whole = range_issued(f"{years[1]}/{years[2]}")  # a catalogue's PY  - 1990-1995
        return (whole, DateParts(year=int(years[1]))) if whole is not None else None
    other = _circa(other_part(value))[0]
    whole = range_issued(other) if "/" in other else None
    found = issued_range(whole) if whole is not None else None
    date = _date(value)  # the parts before the range (circa: the other part ends in it)
    if whole is None or found is None or date is None:
        return None
    start = found[1]
    if (date.year != start.year or date.month not in (None, start.month)
            or date.day not in (None, start.day) or (date.circa and not start.circa)):
        return None
    return whole, start


def _da(r: Reference) -> str | None:
    """DA for ``r`` when its date says more than PY's year: ``YYYY/MM/DD``, a season in the
    other part (``2015///Summer``), a month that is no month kept as it is (``2015/00``),
    an approximate date as ``circa`` closing the other part (``1850///circa``), the other
    part read with it (``ris:DA``): the DA as read while the date is unedited, else after
    the new parts (``2016///Originally published 1990``), and a .bib month the date could
    not hold, kept as the extra ``month`` (``2015///Jan/Feb``), which RIS has no tag
    for. A season takes the place of those two; its day, if it has one, goes in the day
    part, the month part left empty (``2015//03/Spring``), so that no reader takes CSL's
    13-16 for a month, as ``2015/13/03`` would have it read. A range (``csl:issued``, while
    it starts with the date) is the other part in EDTF, before any other words
    (``2015///2015/2016``, ``1850///1850~/1860~ circa``), a season in it, not as a word."""
    date, kept = r.issued, r.extra.get("ris:DA")
    if date is None or date.year is None:
        return None
    other = _circa(other_part(kept))[0] if kept is not None else ""
    found = kept_range(r)  # a range, while it starts with the date
    span = found[0] if found is not None and found[1] else None
    if other and span is None and _date(kept or "") == date:
        return kept
    season = date.season is not None
    month_text = next((v.strip() for k, v in r.extra.items() if k.lower() == "month"), "")
    if span is not None:  # the range says the season, if it starts with one
        words = [w for w in (span, other, month_text) if w]
    elif season and date.season:
        words = [SEASONS[date.season - 1]]
    else:
        words = [w for w in (other, month_text) if w]
    if date.circa:
        words.append(CIRCA)
    if not words:
        return None if date.month is None else date.iso().replace("-", "/")
    month = f"{date.month:02d}" if date.month is not None and not season else ""
    day = f"{date.day:02d}" if date.day is not None and (month or season) else ""
    return f"{date.year:04d}/{month}/{day}/{' '.join(words)}"


def _more_precise(new: DateParts | None, old: DateParts | None) -> bool:
    """Whether a later date tag's ``new`` date says more than ``old``, read before it: a
    month where there was none (PY 2015, DA 2015/05/02), or the same date made approximate
    (PY 1850, DA 1850///circa)."""
    if old is None or new is None:
        return old is None
    if new.month is not None and old.month is None:
        return True
    return (new.circa and not old.circa and new.year == old.year
            and old.month in (None, new.month) and old.day in (None, new.day))


def _record(tags: list[tuple[str, str, int]], span: SourceSpan,
            diags: list[Diagnostic]) -> Reference:
    f: dict[str, object] = {"author": [], "editor": [], "keyword": [], "isbn": [], "issn": []}
    extra: dict[str, str] = {}
    sp = ep = None
    for tag, raw, no in tags:
        value = raw.strip()
        if tag == "TY":
            f["type"] = RIS_TO_CSL.get(value, "document")
            if CSL_TO_RIS.get(str(f["type"]), "GEN") != value:
                extra["ris:TY"] = value  # EBOOK, XYZ: the CSL type would not give it back
        elif tag in _AUTHOR + _EDITOR:
            name = _name(value)
            if name is None:
                diags.append(_problem(span.path, no, f"{tag} line holds no name "
                                      f"({'only ' + repr(value) if value else 'empty'}); skipped",
                                      hint=f"write a name ('{tag}  - Family, Given') or "
                                           "delete the line"))
            else:
                f["author" if tag in _AUTHOR else "editor"].append(name)  # type: ignore[attr-defined]
        elif tag in _TITLE:
            f.setdefault("title", value)
        elif tag in _CONTAINER:
            f.setdefault("container_title", value)
        elif tag in _DATE:
            # PY is often year-only while DA has the full date: keep the most precise
            new, old = _date(value), f.get("issued")
            if (rng := _range_of(value)) is not None:  # a range, as refs writes one
                extra.setdefault(ISSUED, rng[0])
                f["issued"] = new = rng[1]
            if _kept_other(value):  # its other part: kept with the date, written back in DA
                extra.setdefault("ris:DA", value)
            if _more_precise(new, old):  # type: ignore[arg-type]
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
                span = span.model_copy(update={"key_line": no})
                if holds_bibtex_key(value):
                    f["id"] = value
                else:  # keyed as a record without ID; loads() reports it
                    extra["ris:ID"] = value
        else:
            extra[f"ris:{tag}"] = (extra[f"ris:{tag}"] + "\n" + value) if f"ris:{tag}" in extra \
                else value
    f["author"], f["editor"] = _et_al(f["author"]), _et_al(f["editor"])  # type: ignore[arg-type]
    if sp:
        if "-" in sp and not ep:
            sp, ep = (p.strip() for p in sp.split("-", 1))
        f["page"] = PageRange(first=sp, last=ep or None)
    f.setdefault("id", "")
    f["extra"] = extra
    f["span"] = span
    return Reference(**f)


def loads(text: str, *, path: str | None = None) -> Library:
    """Parse RIS text; records get keys from the default pattern unless they carry ``ID``.

    An ``ID`` is the record's key as written, also when an earlier record has the same
    one: ``refs check`` reports that as E201 (duplicate-key), with both ``ID`` lines, as
    for a .bib file. An ``ID`` BibTeX cannot hold as a key (``a,b c``) would block
    ``refs export --to bibtex`` for the whole file: the record is keyed as one without
    ``ID``, the ``ID`` is kept as ``ris:ID`` (and written back as the ``ID``), and an
    E104 warning says so at its line. Generated keys are unique and clear of every
    ``ID`` in the file.
    """
    entries: list[Reference] = []
    unkeyed: list[Reference] = []  # records without an ID, keyed once all IDs are known
    diags: list[Diagnostic] = []
    tags: list[tuple[str, str, int]] = []
    start = 0

    def close(end: int) -> None:
        ref = _record(tags, SourceSpan(path=path, line=start, end_line=end), diags)
        entries.append(ref)
        if not ref.id:
            unkeyed.append(ref)

    lines = _BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()  # the break that ends the last line starts no line
    for no, raw in enumerate(lines, start=1):
        if raw.startswith(INDENT) and tags:  # the value goes on after a line break
            tag, value, at = tags[-1]
            tags[-1] = (tag, f"{value}\n{raw[len(INDENT):]}", at)
            continue
        raw = raw.lstrip("\ufeff")
        line = raw.rstrip()
        if not line:
            continue
        m = _LINE.match(line)
        if not m:
            if tags:  # a long value wrapped onto the next line
                tag, value, at = tags[-1]
                tags[-1] = (tag, f"{value.rstrip()} {line.strip()}", at)
                continue
            diags.append(_problem(path, no, f"not an RIS tag line: {line[:60]!r}"))
            continue
        # the value as written up to the line's end: its own trailing spaces are kept
        # while an indented line may follow, and stripped once the value is complete
        tag, value = m.group(1), raw[m.start(2):] if m.group(2) is not None else ""
        if tag == "TY":
            if tags:
                diags.append(_problem(path, start, "record has no ER line; closed at next TY"))
                close(no - 1)
            tags, start = [(tag, value, no)], no
        elif tag == "ER":
            if tags:
                close(no)
            else:
                diags.append(_problem(path, no, "ER line outside a record (no TY before it)"))
            tags = []
        elif not tags:
            diags.append(_problem(path, no, f"{tag} line outside a record (no TY before it)"))
        else:
            tags.append((tag, value, no))
    if tags:
        diags.append(_problem(path, start, "last record has no ER line"))
        close(len(lines))
    taken = {ref.id for ref in entries if ref.id} | {
        ref.extra["ris:ID"] for ref in entries if "ris:ID" in ref.extra}
    for ref in unkeyed:
        ref.id = make_key(ref, taken=taken)
        taken.add(ref.id)
        if "ris:ID" in ref.extra:
            diags.append(_unusable_id(ref, path))
    diags.sort(key=lambda d: d.location.line)
    return Library(entries=entries, path=path, source=text, format="ris", diagnostics=diags)


def _problem(path: str | None, line: int, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code="E101", name="parse-error", severity=Severity.ERROR, message=message,
                      location=Location(path=path, line=line),
                      hint=hint or "RIS lines look like 'TY  - JOUR'; each record ends with "
                                   "'ER  - '")


def _unusable_id(ref: Reference, path: str | None) -> Diagnostic:
    ident = ref.extra["ris:ID"]
    line = ref.span.key_line if ref.span is not None and ref.span.key_line else 1
    return Diagnostic(
        code="E104", name="coerced-value", severity=Severity.WARNING,
        message=f"ID {ident!r} cannot be a BibTeX key; the record is keyed {ref.id!r} and "
                "the ID is kept as ris:ID",
        location=Location(path=path, line=line), key=ref.id,
        hint="write an ID without commas, spaces, braces, quotes, backslashes or '=' "
             "(or cite the record as its new key)")


def _name_value(n: Name) -> str:
    """A name as AU writes it, so that :func:`_name` reads it back as it is.

    ``Last, First, Suffix`` (RIS spec), a family name alone with its comma (``Doe,``: the
    spec's form, and EndNote's for a name not to be split; without it, it would read back
    as a literal), particles where CSL puts them in inverted names (``van Beethoven,
    Ludwig``, ``La Fontaine, Jean de``). A literal is written whole; its commas, which
    would split it, are doubled and it ends in a comma (``Ministry of Foreign Affairs,,
    Russia,``), the way EndNote asks for a corporate name holding a comma to be typed.
    """
    if n.literal:
        return n.literal.replace(",", ",,") + "," if "," in n.literal else n.literal
    family = " ".join(p for p in (n.particle, n.family) if p)
    given = " ".join(p for p in (n.given, n.dropping_particle) if p)
    if n.suffix:  # the given name keeps its place, also when there is none
        return f"{family}, {given}, {n.suffix}"
    if not family:
        return f", {given}"
    return f"{family}, {given}" if given else f"{family},"


def _tag_lines(tag: str, value: str) -> list[str]:
    """``TAG  - value``, each further line of ``value`` on an :data:`INDENT` line."""
    first, *more = _BREAK.split(value)
    return [f"{tag}  - {first}", *(INDENT + line for line in more)]


def _lines(r: Reference) -> list[str]:
    out = [("TY", ris_type(r)), ("ID", r.extra.get("ris:ID", r.id))]
    # a name with nothing in it is not written: it would read back as no name (E101);
    # nor is "and others" ending the list: RIS has no et al., and no reader should take
    # it for a person (see the module docstring)
    out += [(t, v) for t, names in (("AU", r.author), ("ED", r.editor))
            for n in (names[:-1] if names and names[-1] == OTHERS else names)
            if (v := _name_value(n)).strip(", ")]
    simple = (("TI", r.title), ("T2", r.container_title), ("T3", r.collection_title),
              ("PY", str(r.issued.year) if r.issued and r.issued.year else None),
              ("DA", _da(r)),
              ("VL", r.volume), ("IS", r.issue), ("SP", r.page.first if r.page else None),
              ("EP", r.page.last if r.page else None), ("PB", r.publisher),
              ("CY", r.publisher_place), ("ET", r.edition), ("DO", r.doi), ("UR", r.url),
              ("AB", r.abstract), ("N1", r.note), ("LA", r.language))
    out += [(t, v) for t, v in simple if v]
    out += [("SN", v) for v in [*r.isbn, *r.issn]]
    out += [("KW", k) for k in r.keyword]
    # blank values are not written: they read back as no value (an ID: a key of its own)
    lines = [line for t, v in out if v and v.strip() for line in _tag_lines(t, v)]
    # extra tags as the reader keeps them: a tag given n times is n lines of one value
    tags: dict[str, str] = {}
    for k, v in r.extra.items():
        if k.startswith("ris:") and k not in ("ris:TY", "ris:ID", "ris:DA"):
            tag = _extra_tag(r, k, tags)
            lines += [f"{tag}  - {part}" for part in _BREAK.split(v)]
    return [*lines, "ER  - "]


def _extra_tag(r: Reference, key: str, taken: dict[str, str]) -> str:
    """The tag the extra field ``key`` (``ris:<TAG>``) is written as; ``taken`` maps the
    tags given so far to their fields.

    Upper case (``ris:zz`` from a .bib, whose field names ignore case, is ``ZZ``). A name
    that is no tag (``ris:Z``) would be an untagged line, read back as the end of the value
    before it; a tag the reader takes for a field (``TI``; ``ER`` ends the record) or two
    fields for one tag would not read back as these fields either: WriteError, nothing is
    written, rather than a neighbouring value corrupted.
    """
    name = key[len("ris:"):]
    tag = name.upper()
    if not _TAG.fullmatch(tag):
        why = (f"{name!r} is not an RIS tag (two characters: a capital letter, then a "
               "capital letter or a digit)")
    elif tag in READ_TAGS:
        why = f"refs reads {tag} as a field of its own, so it would not read back as {key}"
    elif tag in taken:
        raise WriteError(
            f"{r.id}: extra fields {key!r} and {taken[tag]!r} are both the RIS tag {tag}; "
            "they would read back as one field; nothing was written",
            hint="keep one of them, or rename the other to a tag of its own (ris:ZZ)")
    else:
        taken[tag] = key
        return tag
    raise WriteError(f"{r.id}: extra field {key!r} cannot be written as an RIS tag: {why}; "
                     "nothing was written",
                     hint=f"rename {key!r} to a tag RIS has and refs keeps as it is (ris:ZZ, "
                          "ris:M1, ...), or remove it")


def unheld(r: Reference) -> list[str]:
    """The fields of ``r`` that its RIS record does not give back, by name (CSL's names,
    extra fields by their own, a trailing ``and others`` as ``author et al.``); [] when
    none.

    Why a round trip rather than a list of tags: what RIS keeps is decided in many
    places (a range in DA's other part, a .bib month that no date holds, seasons), and
    only reading the record back says exactly what it lost, so ``refs export --to ris``
    can name it instead of dropping it silently. The BibTeX entry type's own spelling
    (``bibtex_type``) is not counted: the record's type stands for it.
    """
    back = loads("\n".join(_lines(r)) + "\n").entries
    if not back:
        return ["everything"]
    old, new = r.content(), back[0].content()
    lost: list[str] = []
    for name in sorted(set(old) | set(new)):
        if name == "bibtex_type" or old.get(name) == new.get(name):
            continue
        if name == "extra":
            was, got = r.extra, back[0].extra
            lost += [k for k in was if was[k] != got.get(k)]
        elif name in ("author", "editor") and getattr(r, name)[-1:] == [OTHERS] and \
                getattr(r, name)[:-1] == getattr(back[0], name):
            lost.append(f"{name} et al.")
        else:
            lost.append(Reference.model_fields[name].alias or name)  # CSL's name for it
    return lost


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
