"""Writing BibTeX back: splice what is untouched, re-render only what was edited.

The file is rebuilt from the blocks recorded by the reader. An entry that still
equals what was loaded is copied as its exact raw text. An edited entry is patched
in place: only fields whose model attribute changed get a new value (keeping the
field's name, case, position and the entry's indentation), fields whose attribute
became empty are removed, and attributes that had no field are appended in the
entry's own style. Deleted entries disappear with the whitespace after them; new
entries are appended, separated like the rest of the file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

from refs.errors import WriteError
from refs.io.bibtex import BibState, BlockState, header_key_span, locate_fields
from refs.io.bibtex_csl import ISSUED, field_name, issued_json, kept_range, to_field
from refs.io.bibtex_map import (
    CONTAINER_FIELD_BY_TYPE,
    CSL_NUMBER_FIELDS,
    CSL_PREFIX,
    CSL_TO_ENTRY,
    FOREIGN_PREFIXES,
    LIST_ATTRS,
    MONTH_MACROS,
    NAME_ATTRS,
    SUBTYPES,
    WRITE_FIELDS,
    number_attr,
)
from refs.io.bibtex_values import holds_verbatim
from refs.model.library import Library
from refs.model.reference import DateParts, Reference
from refs.text.keys import holds_bibtex_field, holds_bibtex_key
from refs.text.latex import (
    escape_specials,
    escape_verbatim,
    protected_spans,
    reprotect,
    unescape_verbatim,
    unicode_to_latex,
)
from refs.text.names import format_bibtex_names
from refs.text.pages import format_pages

__all__ = ["Style", "render_entry", "write_library"]

_NUMBERS = frozenset({"issue", "number", "collection_number"})
#: jan ... dec, in calendar order (the macro table's)
_MONTH_MACROS = tuple(MONTH_MACROS)


@dataclass(frozen=True, slots=True)
class Style:
    """How a file lays out entries, so new and edited fields look like their neighbours."""

    indent: str = "  "
    equals: str = " = "
    #: column of ``=`` (after the indent) in files that align their values; 0: no alignment
    align: int = 0
    newline: str = "\n"
    separator: str = "\n\n"

    def field(self, name: str, value: str) -> str:
        """``name = value`` spaced like the file (aligned ``=`` if the file aligns them)."""
        if self.align:
            padded = name.ljust(self.align) if len(name) < self.align else name + " "
            return f"{self.indent}{padded}{self.equals.lstrip(' ')}{value}"
        return f"{self.indent}{name}{self.equals}{value}"


#: CSL type -> BibLaTeX ``entrysubtype`` of an ``@article`` (the inverse of SUBTYPES)
_SUBTYPE_OF: dict[str, str] = {csl: sub for sub, csl in SUBTYPES.items()}
#: number attribute -> the ``csl:<variable>`` field it goes to when ``number`` holds another
_CSL_NUMBER_FIELD: dict[str, str] = {attr: name for name, attr in CSL_NUMBER_FIELDS.items()}


def _number_field(attr: str, etype: str) -> str:
    """The field for ``issue``, ``number`` or ``collection_number`` in an entry of ``etype``:
    ``number`` for the one that field holds there (so that it reads back as the same
    attribute), BibLaTeX's ``issue`` for an issue, else ``csl:<variable>``."""
    if attr == number_attr(etype):
        return "number"
    return "issue" if attr == "issue" else _CSL_NUMBER_FIELD[attr]


def _changed(before: Reference, after: Reference, owner: str) -> bool:
    if owner.startswith("extra:"):
        name = owner[6:]
        return before.extra.get(name) != after.extra.get(name)
    if owner == "issued" and before.extra.get(ISSUED) != after.extra.get(ISSUED):
        return True  # a range's end (csl:issued) is written in the date
    return bool(getattr(before, owner) != getattr(after, owner))


def _text_value(text: str, spans: list[str], latex: bool) -> str:
    out = escape_specials(text)
    if spans:
        out = reprotect(out, [escape_specials(span) for span in spans])
    return "{" + (unicode_to_latex(out) if latex else out) + "}"


def _verbatim(text: str, foreign: bool = False) -> str:
    """``{text}`` for a field kept without LaTeX decoding, or, when BibTeX could not hold
    ``text`` so (an unbalanced brace, a trailing backslash, a line starting with ``@``),
    with those characters escaped (:func:`~refs.text.latex.escape_verbatim`): the entry
    always parses.

    ``foreign``: a ``csl:``/``ris:`` field, whose escapes the reader undoes; there text
    that merely looks escaped is escaped too, so that every value reads back exactly.
    Other fields hold raw BibTeX, read as it is: text from outside that BibTeX cannot
    hold reads back in its escaped spelling, which LaTeX prints as the same text.
    """
    if holds_verbatim(text) and not (foreign and unescape_verbatim(text) != text):
        return "{" + text + "}"
    return "{" + escape_verbatim(text) + "}"


_URL_UNSAFE = re.compile(r"[{}\\\s]")


def _url_value(text: str) -> str:
    """A DOI or URL as it is; one BibTeX could not hold so gets its braces, backslashes
    and whitespace percent-encoded (``%7B``), as a URL must have them anyway (RFC 3986),
    because biblatex reads these fields verbatim: a LaTeX escape would be printed."""
    if holds_verbatim(text):
        return "{" + text + "}"
    return "{" + _URL_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), text) + "}"


def _check_key(ref: Reference, parenthesized: bool = False) -> None:
    """Refuse a key that would not read back as itself (:func:`holds_bibtex_key`);
    ``parenthesized``: it goes into an entry written ``@book(...)``, which ``)`` ends."""
    if holds_bibtex_key(ref.id, parenthesized=parenthesized):
        return
    why = ("its entry is written @type(...), and ')' would end it" if holds_bibtex_key(ref.id)
           else "BibTeX keys hold no commas, braces, backslashes, '=', '\"', line breaks or "
                "'@(', nor leading or trailing spaces")
    raise WriteError(
        f"the key {ref.id!r} cannot be written as a BibTeX key ({why}); nothing was written",
        hint="rename the entry; refs import gives such records keys of their own",
    )


def _check_field(ref: Reference, name: str) -> None:
    if not holds_bibtex_field(name):
        raise WriteError(
            f"{ref.id}: {name!r} cannot be written as a BibTeX field name (field names hold "
            "no commas, braces, parentheses, backslashes, '=', '\"' or line breaks); nothing "
            "was written",
            hint=f"rename or remove {name!r} in the entry's extra fields (CSL variables are "
                 "kept as csl:<name>)",
        )


def field_value(ref: Reference, name: str, owner: str, old: str | None, latex: bool) -> str | None:
    """The value (with delimiters) to write for BibTeX field ``name`` fed by ``owner``."""
    if owner.startswith("extra:"):
        key = owner[6:]
        extra = ref.extra.get(key)
        if extra is None:
            return None
        if name.lower() != key.lower() and field_name(key) is not None:  # venue, origdate...
            return to_field(key[len(CSL_PREFIX) :], extra, latex)
        return _verbatim(extra, name.lower().startswith(FOREIGN_PREFIXES))
    if owner == "issued":
        return _date_field(ref, name, old)
    if owner == "type":  # only `entrysubtype` is fed by the CSL type
        subtype = _SUBTYPE_OF.get(ref.type)
        return None if subtype is None else "{" + subtype + "}"
    value = getattr(ref, owner)
    if value is None or value == [] or value == "":
        return None
    if owner in NAME_ATTRS:
        text = format_bibtex_names(value)
        return "{" + (unicode_to_latex(text) if latex else text) + "}"
    if owner == "keyword":
        return "{" + ", ".join(escape_specials(k) for k in value) + "}"
    if owner in LIST_ATTRS:  # identifiers and keys: written as they are
        return _verbatim(", ".join(value))
    if owner == "page":
        return _verbatim(format_pages(value))
    if owner == "accessed":
        return _verbatim(str(value.iso()))
    if owner in ("doi", "url"):
        return _url_value(str(value))
    if name.lower() in CSL_NUMBER_FIELDS:  # CSL text, as csl:<variable> fields hold it
        return _verbatim(str(value), foreign=True)
    spans = protected_spans(old[1:-1]) if old and old[:1] in "{\"" else []
    return _text_value(str(value), spans, latex)


def _season_date(issued: DateParts) -> str | None:
    """``2015-22`` for a season: EDTF's season (21-24), which biblatex reads in ``date``
    (setting ``yeardivision`` to the season) and :func:`_date` reads back. EDTF and
    biblatex have no day beside a season: a season's day (CSL ``[2015, 14, 3]``) goes
    into a ``csl:issued`` field with the whole date (:func:`_season_day`)."""
    if issued.season is None or issued.year is None:
        return None
    return f"{issued.year:04d}-{20 + issued.season}"


def _needs_date(issued: DateParts) -> bool:
    """Whether ``issued`` goes into biblatex's ``date`` rather than ``year`` + ``month``:
    a day, a season, or an approximate date (``circa``), which only ``date`` can say."""
    if issued.year is None:
        return False  # a literal: `year` holds it as written
    return issued.day is not None or issued.circa or _season_date(issued) is not None


def _season_day(ref: Reference) -> bool:
    """Whether ``ref``'s date is a season with a day, which ``date`` cannot hold, and no
    ``csl:issued`` of its own holds it: the writer adds that field (see
    :func:`refs.io.bibtex_csl.season_day`, which reads it back)."""
    issued = ref.issued
    return (issued is not None and issued.day is not None and _season_date(issued) is not None
            and not any(key.lower() == ISSUED for key in ref.extra))


def _kept_month(ref: Reference) -> bool:
    """Whether ``ref`` keeps a ``month`` field verbatim in ``extra`` (``{Jan/Feb}``, read
    from a .bib whose date could not hold it): that field is the entry's ``month``, so a
    month of the date goes into ``date`` (biblatex reads it first)."""
    return any(key.lower() == "month" for key in ref.extra)


#: the qualifier closing the first date of a biblatex ``date`` (``1723?``, ``1723%/1730%``)
_QUALIFIER = re.compile(r"^[{\"]?\s*\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?([~?%])")


def _qualifier(old: str | None) -> str:
    """The EDTF qualifier an approximate date is written with: ``~`` (approximate, which
    biblatex prints as "ca."), or the ``?`` (uncertain) or ``%`` (uncertain and
    approximate) the entry's ``date`` was written with (``old``, the raw field).

    CSL, and so refs's :class:`~refs.model.reference.DateParts`, has one qualifier,
    ``circa``: the reader takes each of ``~``, ``?`` and ``%`` for it (a doubtful date
    is printed "c. 1723" by a CSL style rather than as a certain one). The difference
    lives in the .bib: an untouched entry is copied as it is, and when an entry's date
    is edited and still circa, its ``?`` or ``%`` is kept (``1723?`` edited to May is
    ``1723-05?``), not turned into ``~``. Other formats have circa only (CSL-JSON's
    ``"circa": true``, RIS's ``circa``), so a ``?`` that goes through them comes back
    as ``~``.
    """
    m = _QUALIFIER.match(old) if old else None
    return m.group(1) if m else "~"


def _date_field(ref: Reference, name: str, old: str | None = None) -> str | None:
    """The value of ``name`` (``date``, ``year``, ``month`` or the ``csl:issued`` of a
    season's day) for ``ref``'s date; ``old`` is the field as the entry had it, whose
    qualifier an approximate date keeps (:func:`_qualifier`)."""
    issued = ref.issued
    if issued is None:
        return None
    if name == ISSUED:  # a season's day (see _season_day)
        return _verbatim(issued_json(issued), foreign=True) if _season_day(ref) else None
    if name == "date":
        kept = kept_range(ref)
        if kept is not None and kept[1]:
            return "{" + kept[0].replace("~", _qualifier(old)) + "}"
        text = escape_specials(_season_date(issued) or issued.iso())
        if issued.circa and issued.year is not None:
            # ISO 8601-2's approximate date: biblatex sets dateapproximate (or, for the
            # date's own ? and %, dateuncertain)
            text += _qualifier(old)
        return "{" + text + "}" if text else None
    if name == "month":
        if issued.month is None or _needs_date(issued):
            return None  # a season or an approximate month goes into `date`
        if 1 <= issued.month <= 12:
            return _MONTH_MACROS[issued.month - 1]
        return "{" + str(issued.month) + "}"  # kept as it is, for E305 to report
    if issued.year is None:
        return "{" + escape_specials(issued.literal) + "}" if issued.literal else None
    return "{" + str(issued.year) + "}"


def _wanted_fields(
    ref: Reference, etype: str, latex: bool = False, taken: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """(field name, owner) pairs a fresh rendering of ``ref`` writes, in canonical order.

    ``taken``: lower-case names of fields the entry already has (an edited entry).
    """
    out: list[tuple[str, str]] = []
    kept = kept_range(ref)
    for attr, name in WRITE_FIELDS.items():
        value = getattr(ref, attr)
        if value is None or value == [] or value == "":
            continue
        if attr in _NUMBERS:
            name = _number_field(attr, etype)
        elif attr == "container_title":
            name = CONTAINER_FIELD_BY_TYPE.get(etype, "booktitle")
        elif attr == "publisher":
            name = {"thesis": "school", "phdthesis": "school", "mastersthesis": "school"}.get(
                etype, "institution" if etype in ("report", "techreport") else "publisher"
            )
        if attr == "issued":
            assert isinstance(value, DateParts)
            if (_needs_date(value) or (value.month is not None and _kept_month(ref))
                    or (kept is not None and kept[1])):
                out.append(("date", "issued"))
                if _season_day(ref):
                    out.append((ISSUED, "issued"))
            else:
                out.append(("year", "issued"))
                if value.month is not None:
                    out.append(("month", "issued"))
            continue
        out.append((name, attr))
    used = {name.lower() for name, _ in out} | {key.lower() for key in ref.extra} | taken
    for key, value in ref.extra.items():
        if key == ISSUED and kept is not None:
            continue  # the range is the date (or, stale, dropped as CSL-JSON's writer does)
        out.append((_extra_field(key, value, used, latex), "extra:" + key))
    if etype.lower() == "article" and ref.type in _SUBTYPE_OF and "entrysubtype" not in ref.extra:
        # BibLaTeX has no @newspaper/@magazine: the subtype is what carries the CSL type
        out.append(("entrysubtype", "type"))
    return out


def _extra_field(key: str, value: str, used: set[str], latex: bool) -> str:
    """The field an ``extra`` value is written to: its BibLaTeX name for a CSL variable
    that has one (``csl:event-place`` -> ``venue``), when no other field of the entry has
    that name and the field reads back as exactly this value; else the key itself."""
    name = field_name(key)
    if name is None or name in used or to_field(key[len(CSL_PREFIX) :], value, latex) is None:
        return key
    used.add(name)
    return name


def _entry_type(ref: Reference) -> str:
    return ref.bibtex_type or CSL_TO_ENTRY.get(ref.type, "misc")


def render_entry(ref: Reference, style: Style, latex: bool = False) -> str:
    """A whole new entry in the file's style (no trailing newline)."""
    etype = _entry_type(ref)
    nl = style.newline
    _check_key(ref)
    lines = [f"@{etype}{{{ref.id},"]
    wanted = _wanted_fields(ref, etype, latex)
    for i, (name, owner) in enumerate(wanted):
        value = field_value(ref, name, owner, None, latex)
        if value is None:
            continue
        _check_field(ref, name)
        comma = "," if i < len(wanted) - 1 else ""
        lines.append(style.field(name, value) + comma)
    return nl.join(lines) + nl + "}"


def _render_edited(
    raw: str, block: BlockState, before: Reference, after: Reference, style: Style, latex: bool
) -> str:
    """Patch an edited entry in place: new values, removed fields, appended fields, header."""
    owners = block.owners or {}
    locs = locate_fields(raw, block.fields)
    key_start, key_end = header_key_span(raw)
    edits: list[tuple[int, int, str]] = []
    owned: set[str] = set()
    first_changed: dict[str, bool] = {}
    removed: list[int] = []
    for i, (f, (_ns, vs, ve)) in enumerate(zip(block.fields, locs, strict=True)):
        lname = f.key.lower()
        if lname in first_changed:  # a duplicate field: kept unless its attribute changed
            if first_changed[lname]:
                removed.append(i)  # else it would shadow the new value on the next read
            continue
        owner = owners.get(lname, "extra:" + f.key)
        first_changed[lname] = changed = _changed(before, after, owner)
        new = field_value(after, lname, owner, f.value, latex) if changed else None
        if new is not None:
            edits.append((vs, ve, new))
        elif changed:
            removed.append(i)
            if owner.startswith("extra:") and owner[6:] in after.extra:
                continue  # a value its BibLaTeX field cannot hold: appended as csl:<name>
        owned.add(owner)
    removals, kept = _removals(removed, locs, key_end, raw)
    edits.extend(removals)
    local = _field_style(raw, locs, block, style)
    etype = _entry_type(after)
    appended = []
    issued_fields = {f.key.lower() for f in block.fields if owners.get(f.key.lower()) == "issued"}
    taken = frozenset(f.key.lower() for f in block.fields)
    for name, owner in _wanted_fields(after, etype, latex, taken):
        if owner in owned and not (owner == "issued" and name not in issued_fields):
            continue
        if owner == "issued" and (not _changed(before, after, owner)
                                  or ("date" in issued_fields and name != ISSUED)):
            continue
        value = field_value(after, name, owner, None, latex)
        if value is not None:
            _check_field(after, name)
            appended.append(style.newline + local.field(name, value))
    if appended:
        at = locs[-1][2] if locs else key_end + 1
        text = ("," if locs and kept else "") + ",".join(appended)
        if not locs and raw[key_end : key_end + 1] != ",":
            text = "," + text + style.newline
            at = key_end
        edits.append((at, at, text))
    if after.id != block.key:
        _check_key(after, parenthesized=raw[:key_start].rstrip().endswith("("))
        old = raw[key_start:key_end]
        lead = old[: len(old) - len(old.lstrip())]
        trail = old[len(old.rstrip()) :]
        edits.append((key_start, key_end, lead + after.id + trail))
    if after.bibtex_type != before.bibtex_type or after.type != before.type:
        type_end = 1
        while type_end < len(raw) and (raw[type_end].isalnum() or raw[type_end] in "_-"):
            type_end += 1
        edits.append((1, type_end, etype))
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        raw = raw[:start] + text + raw[end:]
    return raw


def _removals(
    removed: list[int], locs: list[tuple[int, int, int]], key_end: int, raw: str
) -> tuple[list[tuple[int, int, str]], int]:
    """Deletion spans for removed fields: each up to the next field's name; a run of
    removed fields at the end goes back to the end of the last kept value instead, so
    that the commas left are still valid BibTeX. Also returns how many leading fields
    survive up to the last kept one (0: none, so an appended field needs no comma)."""
    gone = set(removed)
    n = len(locs)
    k = n
    while k > 0 and (k - 1) in gone:
        k -= 1
    spans = [(locs[i][0], locs[i + 1][0], "") for i in sorted(gone) if i < k]
    if k < n:
        start = locs[k - 1][2] if k else key_end + 1
        end = locs[n - 1][2]
        if k == 0:  # no field left: a trailing comma would follow the key's comma
            j = end
            while j < len(raw) and raw[j] in " \t\r\n":
                j += 1
            end = j + 1 if raw[j : j + 1] == "," else end
        spans.append((start, end, ""))
    return spans, k


def _field_style(
    raw: str, locs: list[tuple[int, int, int]], block: BlockState, style: Style
) -> Style:
    """The layout of an entry's first field (indent, ``=`` spacing, alignment)."""
    if not locs:
        return style
    ns, vs, _ = locs[0]
    line_start = raw.rfind("\n", 0, ns) + 1
    indent = raw[line_start:ns] if line_start else style.indent
    if indent.strip():
        indent = style.indent
    between = raw[ns + len(block.fields[0].key) : vs]
    if between.strip() != "=" or "\n" in between:
        return Style(indent, style.equals, 0, style.newline, style.separator)
    before_eq = between.split("=", 1)[0]
    align = len(block.fields[0].key) + len(before_eq) if len(before_eq) > 1 else 0
    equals = between if not align else " " + between.lstrip(" ")
    return Style(indent, equals, align, style.newline, style.separator)


def detect_style(state: BibState | None) -> Style:
    """The file's indentation, ``=`` spacing, line ending and separator between entries."""
    if state is None:
        return Style()
    text = state.text
    newline = "\r\n" if "\r\n" in text else "\n"
    entries = [b for b in state.blocks if b.kind == "entry"]
    gaps = Counter(
        text[a.end : b.start]
        for a, b in zip(state.blocks, state.blocks[1:], strict=False)
        if a.kind == "entry" and b.kind == "entry"
    )
    separator = gaps.most_common(1)[0][0] if gaps else newline * 2
    if separator.strip() or not separator:
        separator = newline * 2
    base = Style(newline=newline, separator=separator)
    for b in entries[:1]:
        raw = text[b.start : b.end]
        return _field_style(raw, locate_fields(raw, b.fields), b, base)
    return base


def write_library(library: Library, state: BibState | None, *, latex: bool = False) -> str:
    """The text for ``library``: see the module docstring for what is kept and what changes."""
    text = _write(library, state, latex)
    return "\ufeff" + text if state is not None and state.bom else text


def _write(library: Library, state: BibState | None, latex: bool) -> str:
    style = detect_style(state)
    if state is None:
        body = style.separator.join(render_entry(e, style, latex) for e in library.entries)
        return body + style.newline if body else ""
    text = state.text
    present = {id(e): e for e in library.entries}
    by_key: dict[str, list[Reference]] = {}
    for e in library.entries:
        by_key.setdefault(e.id, []).append(e)
    claimed: set[int] = set()
    loaded_ids = {id(b.ref) for b in state.blocks if b.ref is not None}
    out: list[str] = []
    pos = 0
    blocks = state.blocks
    matched = _match_blocks(blocks, present, by_key, claimed, loaded_ids)
    for i, b in enumerate(blocks):
        if b.kind != "entry":
            continue
        entry = matched.get(i)
        out.append(text[pos : b.start])
        raw = text[b.start : b.end]
        if entry is None:  # deleted: drop the block and the whitespace after it
            if i + 1 < len(blocks):
                pos = blocks[i + 1].start
            else:  # the last block: drop the whitespace before it, keep the file's ending
                out[-1] = ""
                pos = b.end
            continue
        before = b.snapshot or library.original(b.key or "")
        if before is not None and _same(before, entry) and entry.id == b.key:
            out.append(raw)
        else:
            assert b.ref is not None
            out.append(_render_edited(raw, b, before or b.ref, entry, style, latex))
        pos = b.end
    last_end = max(pos, blocks[-1].end) if blocks else pos
    out.append(text[pos:last_end])
    tail = text[last_end:]
    new = [render_entry(e, style, latex) for e in library.entries if id(e) not in claimed]
    head = "".join(out)
    if not new:
        return head + tail
    body = style.separator.join(new)
    if not head.strip():
        return head + body + (tail if tail.strip() else style.newline)
    return head + style.separator + body + (tail if tail else style.newline)


def _same(before: Reference, after: Reference) -> bool:
    """Library.is_untouched for a snapshot; equal attribute dicts answer it ~30x faster."""
    if before.__dict__ == after.__dict__:
        return True
    return before.ids == after.ids and before.content() == after.content()


def _match_blocks(
    blocks: list[BlockState],
    present: dict[int, Reference],
    by_key: dict[str, list[Reference]],
    claimed: set[int],
    loaded_ids: set[int],
) -> dict[int, Reference]:
    """The current entry of each loaded block (by block index; ``claimed`` is filled).

    Two passes, so that a merge's survivor stays in its own block: a block is first
    matched to the same object or to a replacement under its key, and only blocks left
    over are matched to an entry that keeps their key as an alias. Matching in one pass
    put the survivor in the block of the first merged-away member, which rewrote it
    from that member's text and lost what only the survivor's own text held (the braces
    of ``{Central Asia}``, its field order).
    """
    matched: dict[int, Reference] = {}
    for i, block in enumerate(blocks):
        if block.kind != "entry":
            continue
        if block.ref is not None and id(block.ref) in present and id(block.ref) not in claimed:
            matched[i] = block.ref
        else:
            matched_by_key = next((c for c in by_key.get(block.key or "", [])
                                   if id(c) not in claimed and id(c) not in loaded_ids), None)
            if matched_by_key is None:
                continue
            matched[i] = matched_by_key
        claimed.add(id(matched[i]))
    for i, block in enumerate(blocks):  # renamed, keeping the old key as an alias (a merge)
        if block.kind != "entry" or i in matched:
            continue
        for cand in present.values():
            if block.key in cand.ids and id(cand) not in claimed and id(cand) not in loaded_ids:
                matched[i] = cand
                claimed.add(id(cand))
                break
    return matched
