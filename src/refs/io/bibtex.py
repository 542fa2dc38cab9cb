"""Lossless BibTeX/BibLaTeX I/O: load into References, write back byte-identical.

Reading uses bibtexparser v2's splitter only (none of its middlewares: string
resolution, enclosing removal and LaTeX decoding are done here, once, with the fast
decoders of ``refs.text``). Every block keeps its exact character span in the source,
so that :func:`dumps` can splice untouched entries, comments, ``@string`` and
``@preamble`` blocks, failed blocks and all whitespace between them back unchanged,
and re-render only what was edited (see :mod:`refs.io.bibtex_write`). bibtexparser's
own writer would reformat every entry (STYLE.md, "things to avoid").

A block that cannot be parsed becomes a Diagnostic E101 (parse-error) with the line
and a plain-words reason; the rest of the file still loads.

>>> lib = loads('@article{k, author = {M{\\\\"u}ller, Jan}, title = {The {DNA} -- Story}}')
>>> lib.entries[0].author[0].family, lib.entries[0].title
('Müller', 'The DNA – Story')
>>> dumps(lib) == '@article{k, author = {M{\\\\"u}ller, Jan}, title = {The {DNA} -- Story}}'
True
"""

from __future__ import annotations

import gc
import logging
import os
from dataclasses import dataclass, field
from typing import Literal

from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ExplicitComment,
    ImplicitComment,
    ParsingFailedBlock,
    Preamble,
    String,
)
from bibtexparser.model import Field as BpField
from bibtexparser.splitter import Splitter

from refs.io.bibtex_errors import field_errors, parse_error, plain_reason
from refs.io.bibtex_values import build_reference, default_strings, expand, is_malformed
from refs.io.files import atomic_write, read_text
from refs.io.trusted import snapshot, trusted
from refs.model.diagnostic import Diagnostic
from refs.model.library import Library
from refs.model.reference import Reference, SourceSpan

__all__ = ["BibDocument", "RawBlock", "RawField", "document", "dump", "dumps", "load", "loads"]

# bibtexparser logs every failed block as a warning; refs reports them as Diagnostics
# instead. A NullHandler keeps Python's last-resort handler from printing them, while
# applications that configure logging still receive the records.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

BlockKind = Literal["entry", "string", "preamble", "comment", "failed"]


@dataclass(frozen=True, slots=True)
class RawField:
    """One field as written: name in its original case, value with its delimiters."""

    name: str
    value: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class RawBlock:
    """One top-level block of a .bib file with its exact place in the decoded text.

    ``start``/``end`` are character offsets (end exclusive), ``line``/``end_line``
    1-based. ``fields`` is empty except for entries; ``error`` is set for failed
    blocks only.
    """

    kind: BlockKind
    entry_type: str | None
    key: str | None
    raw: str
    start: int
    end: int
    line: int
    end_line: int
    fields: tuple[RawField, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BibDocument:
    """The blocks of a .bib file in file order (what ``refs check`` and ``refs fmt`` walk)."""

    blocks: list[RawBlock]
    text: str
    path: str | None = None


@dataclass(slots=True)
class BlockState:
    """Reader state for one block: where it is and, for entries, what it became."""

    kind: BlockKind
    start: int
    end: int
    line: int
    key: str | None = None
    entry_type: str | None = None
    fields: list[BpField] = field(default_factory=list)
    error: str | None = None
    ref: Reference | None = None
    owners: dict[str, str] | None = None
    #: a private copy of the entry as loaded, for keys that occur more than once
    snapshot: Reference | None = None


@dataclass(slots=True)
class BibState:
    """What :func:`dumps` needs to write a loaded library back losslessly."""

    text: str
    blocks: list[BlockState]
    path: str | None = None
    #: the file started with a UTF-8 byte order mark; writing puts it back
    bom: bool = False


def load(path: str | os.PathLike[str]) -> Library:
    """Load a .bib file (UTF-8, with a fallback for Latin-1 lines reported as E103)."""
    text, diagnostics = read_text(path)
    library = loads(text, path=str(path))
    library.diagnostics[:0] = diagnostics
    state = state_of(library)
    if state is not None:
        with open(path, "rb") as handle:
            state.bom = handle.read(3) == b"\xef\xbb\xbf"
    return library


def loads(text: str, *, path: str | None = None) -> Library:
    """Parse BibTeX text into a :class:`~refs.model.library.Library` that can be written back.

    Never raises for bad entries: each failed block is a Diagnostic E101. Entries with
    duplicate keys or duplicate fields load (the first field wins, as in BibTeX);
    ``refs check`` reports those.
    """
    # Loading allocates millions of small acyclic objects; each generation-2 garbage
    # collection would walk all of them again, which makes big files superlinear
    # (measured: ~25% of load time at 10,000 entries). Nothing here creates cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _loads(text, path)
    finally:
        if enabled:
            gc.enable()


def _loads(text: str, path: str | None) -> Library:
    parsed = Splitter(bibstr=text).split()
    strings = default_strings()
    blocks: list[BlockState] = []
    entries: list[Reference] = []
    diagnostics: list[Diagnostic] = []
    seen: set[str] = set()
    duplicated: set[str] = set()
    cursor = 0
    for block in parsed.blocks:
        raw = block.raw or ""
        start = text.find(raw, cursor)
        if start < 0:  # pragma: no cover - the splitter's raw is always a slice of text
            continue
        end = start + len(raw)
        cursor = end
        line = (block.start_line or 0) + 1
        inner = block.ignore_error_block if isinstance(block, ParsingFailedBlock) else None
        if isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)) and inner:
            block = inner
        if isinstance(block, Entry):
            state = BlockState("entry", start, end, line, block.key, block.entry_type)
            state.fields = block.fields
            values = []
            bad = []
            for f in block.fields:
                value = f.value
                values.append((f.key, expand(value, strings)))
                if value[:1] == "{" and "}" in value[1:-1] and is_malformed(value):
                    bad.append(f)
            span = trusted(
                SourceSpan,
                {"path": path, "line": line, "end_line": line + raw.count("\n"),
                 "start": start, "end": end},
            )  # fmt: skip
            ref, state.owners = build_reference(block.key, block.entry_type, values, span)
            state.ref = ref
            if bad:
                diagnostics.extend(field_errors(block.key, bad, path))
            if block.key in seen:
                duplicated.add(block.key)
            seen.add(block.key)
            entries.append(ref)
        elif isinstance(block, String):
            state = BlockState("string", start, end, line, block.key)
            strings[block.key.lower()] = expand(block.value, strings)
        elif isinstance(block, Preamble):
            state = BlockState("preamble", start, end, line)
        elif isinstance(block, (ExplicitComment, ImplicitComment)):
            state = BlockState("comment", start, end, line)
        else:
            reason = plain_reason(block, raw, line)
            state = BlockState("failed", start, end, line, error=reason)
            diagnostics.append(parse_error(raw, reason, path, line))
        blocks.append(state)
    for state in blocks:  # Library remembers one original per key: keep our own for duplicates
        if state.key in duplicated and state.ref is not None:
            state.snapshot = snapshot(state.ref)
    library = Library(entries=entries, path=path, source=text, format="bibtex")
    library.diagnostics = diagnostics
    library._state = BibState(text=text, blocks=blocks, path=path)
    # What Library.remember_original() does, minus pydantic's generic deepcopy, which
    # costs ~0.3 ms per entry (more than parsing it); see snapshot() for why it is safe.
    library._original = {e.id: snapshot(e) for e in entries}
    return library



def state_of(library: Library) -> BibState | None:
    """The reader state of a library loaded by :func:`loads`, or None."""
    state = library._state
    return state if isinstance(state, BibState) else None


def document(library: Library) -> BibDocument:
    """The raw blocks of a library as read (libraries built in memory are rendered first)."""
    state = state_of(library)
    if state is None:
        state = state_of(loads(dumps(library), path=library.path))
        assert state is not None
    text = state.text
    out: list[RawBlock] = []
    for b in state.blocks:
        raw = text[b.start : b.end]
        fields: tuple[RawField, ...] = ()
        if b.kind == "entry":
            fields = tuple(
                RawField(f.key, f.value, *_line_col(text, b.start + ns, b.line, b.start))
                for f, (ns, _vs, _ve) in zip(b.fields, locate_fields(raw, b.fields), strict=True)
            )
        out.append(
            RawBlock(
                kind=b.kind,
                entry_type=b.entry_type,
                key=b.key,
                raw=raw,
                start=b.start,
                end=b.end,
                line=b.line,
                end_line=b.line + raw.count("\n"),
                fields=fields,
                error=b.error,
            )
        )
    return BibDocument(blocks=out, text=text, path=state.path)


def _line_col(text: str, pos: int, block_line: int, block_start: int) -> tuple[int, int]:
    line = block_line + text.count("\n", block_start, pos)
    return line, pos - text.rfind("\n", 0, pos)


def header_key_span(raw: str) -> tuple[int, int]:
    """Offsets of the citation key in a raw entry (between the opening delimiter and ``,``)."""
    opening = min(i for i in (raw.find("{"), raw.find("(")) if i >= 0)
    comma = raw.find(",", opening)
    close = len(raw) - 1
    end = comma if comma >= 0 else close
    return opening + 1, end


def locate_fields(raw: str, fields: list[BpField]) -> list[tuple[int, int, int]]:
    """For each field of an entry: offsets of its name, value start and value end in ``raw``."""
    _, pos = header_key_span(raw)
    out: list[tuple[int, int, int]] = []
    for f in fields:
        ns = raw.find(f.key, pos)
        eq = raw.find("=", ns + len(f.key))
        vs = raw.find(f.value, eq + 1) if f.value else eq + 1
        ve = vs + len(f.value)
        out.append((ns, vs, ve))
        pos = ve
    return out


def dumps(library: Library, *, latex: bool = False) -> str:
    """BibTeX text for ``library``: untouched blocks byte-identical, edits re-rendered.

    With ``latex=True`` non-ASCII characters of *re-rendered* values are written as
    LaTeX (``{\\"u}``); untouched entries always stay exactly as they were.
    """
    from refs.io.bibtex_write import write_library

    return write_library(library, state_of(library), latex=latex)


def dump(library: Library, path: str | os.PathLike[str], *, latex: bool = False) -> None:
    """Write ``library`` to ``path`` atomically (see :func:`dumps`)."""
    atomic_write(path, dumps(library, latex=latex))
