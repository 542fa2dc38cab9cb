"""Canonical layout for BibTeX files: what ``refs fmt`` writes.

Why it works on raw blocks and not on :class:`~refs.model.reference.Reference`: a
formatter must never change what an entry *says*, only how it is laid out. Rendering
References would re-encode LaTeX, re-split names and drop anything the model does not
hold. So this module takes the BibTeX engineer's :class:`~refs.io.bibtex.RawBlock`\\ s
(from :func:`refs.io.bibtex.document`) and moves their raw field values around
verbatim; the only change to a value is its delimiters (``"..."`` becomes ``{...}``
when that is provably safe).

The canonical layout (each point configurable in ``[tool.refs.fmt]``, see
:class:`refs.config.FmtSettings`, or :class:`Layout` here):

- entry type and field names in lower case; ``@article(key, ...)`` becomes braces;
- one field per line, indented (two spaces by default), ``name = value``, optionally
  with the ``=`` signs aligned, and a trailing comma after the last field;
- fields in a fixed order (:data:`DEFAULT_FIELD_ORDER` or ``field-order``); fields the
  order does not name follow in their original order;
- ``"..."`` values become ``{...}``; bare numbers, macro names and ``#``
  concatenations stay as written;
- one blank line between blocks; a comment directly above an entry (no blank line
  between them, like ``% refs: ignore E203``) stays directly above it and moves with it
  when sorting;
- comments, ``@string``, ``@preamble`` and blocks that failed to parse are copied
  verbatim (trailing whitespace trimmed);
- optionally entries sorted by key (case-insensitive, stable); then every block that is
  not an entry and not attached to one (``@string``, ``@preamble``, detached comments,
  failed blocks) goes first, in its original order, so macros stay defined before use;
- the file ends with exactly one newline; CRLF files stay CRLF.

The result is idempotent (formatting twice equals formatting once) and re-parses to
the same References; ``tests/io/test_bibtex_fmt.py`` checks both with hypothesis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from refs.io.bibtex import RawBlock, RawField, document, loads
from refs.io.bibtex_map import FIELD_TO_ATTR, PUBLISHER_FIELDS

__all__ = ["DEFAULT_FIELD_ORDER", "Layout", "LayoutOptions", "format_block", "format_blocks",
           "format_text", "order_fields", "to_braces"]

#: the field order used when ``[tool.refs.fmt] field-order`` is empty: who, what, where
#: published, when, which part, by whom, then identifiers -- the order most style guides
#: and reference managers (JabRef's "save order", bibtex-tidy's default) present them in
DEFAULT_FIELD_ORDER: tuple[str, ...] = (
    "entrysubtype",
    "author", "editor", "translator",
    "title", "subtitle", "titleaddon", "shorttitle",
    "journaltitle", "journal", "booktitle", "maintitle", "eventtitle", "eventdate",
    "series", "edition",
    "year", "date", "month",
    "volume", "number", "issue", "pages", "pagetotal",
    "type", "institution", "organization", "school",
    "publisher", "location", "address", "howpublished",
    "isbn", "issn", "doi", "eprint", "eprinttype", "url", "urldate",
)  # fmt: skip


class LayoutOptions(Protocol):
    """What the layout depends on; :class:`refs.config.FmtSettings` has exactly these.

    A protocol rather than an import because ``config`` and ``io`` are sibling layers.
    """

    @property
    def indent(self) -> str: ...
    @property
    def sort(self) -> bool: ...
    @property
    def align(self) -> bool: ...
    @property
    def trailing_comma(self) -> bool: ...
    @property
    def field_order(self) -> list[str]: ...
    @property
    def lowercase_types(self) -> bool: ...


@dataclass(frozen=True)
class Layout:
    """The default layout (the same defaults as ``[tool.refs.fmt]``)."""

    indent: str = "  "
    sort: bool = False
    align: bool = False
    trailing_comma: bool = True
    field_order: list[str] = field(default_factory=list)
    lowercase_types: bool = True


def format_text(text: str, settings: LayoutOptions | None = None, *,
                path: str | None = None) -> str:
    """``text`` (a whole .bib file) in canonical layout.

    >>> print(format_text('@ARTICLE{k, Title="A", YEAR=2001}'), end="")
    @article{k,
      title = {A},
      year = 2001,
    }
    """
    library = loads(text, path=path)
    return format_blocks(document(library).blocks, text, settings)


def format_blocks(blocks: Sequence[RawBlock], text: str,
                  settings: LayoutOptions | None = None) -> str:
    """The canonical file for ``blocks`` parsed from ``text`` (the text gives the gaps)."""
    settings = settings or Layout()
    newline = "\r\n" if "\r\n" in text else "\n"
    units = _units(blocks, text)
    if settings.sort:
        loose = [u for u in units if u.entry is None and not u.failed]
        failed = [u for u in units if u.entry is None and u.failed]
        entries = [u for u in units if u.entry is not None]
        entries.sort(key=lambda u: (u.entry.key or "").casefold())  # type: ignore[union-attr]
        units = loose + entries + failed
    chunks = []
    for unit in units:
        parts = list(unit.head)
        if unit.entry is not None:
            parts.append(format_block(unit.entry, settings))
        chunks.append("\n".join(p for p in parts if p))
    out = "\n\n".join(c for c in chunks if c)
    out = out + "\n" if out else ""
    out = out.replace("\r\n", "\n")
    return out.replace("\n", newline) if newline != "\n" else out


@dataclass
class _Unit:
    """One movable piece of the file: an entry with the text glued above it.

    ``head`` holds non-entry text already in its final form (comments trimmed, failed
    regions verbatim). ``failed`` marks a region that did not parse: sorting puts those
    last, because an unclosed block swallows whatever follows it.
    """

    head: list[str] = field(default_factory=list)
    entry: RawBlock | None = None
    failed: bool = False


def _units(blocks: Sequence[RawBlock], text: str) -> list[_Unit]:
    """Group blocks: comments with no blank line before an entry belong to that entry.

    A run of comments glued to each other but not to an entry stays one unit, so the
    run is not pulled apart by blank lines. A failed block and the comments after it
    are copied as one verbatim region with their original gaps: how the parser
    recovers from a broken block depends on the exact text that follows it.
    """
    units: list[_Unit] = []
    pending: list[str] = []
    failed = False
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "entry":
            units.append(_Unit(head=pending, entry=block, failed=failed))
            pending, failed = [], False
            i += 1
            continue
        last = i
        if block.kind == "failed":
            while last + 1 < len(blocks) and blocks[last + 1].kind == "comment":
                last += 1
            pending.append(text[block.start:blocks[last].end].rstrip())
            failed = True
        else:
            pending.append(_verbatim(block))
        nxt = blocks[last + 1] if last + 1 < len(blocks) else None
        glued = (blocks[last].kind in ("comment", "failed") and nxt is not None
                 and nxt.kind in ("entry", "comment")
                 and not _blank_between(text, blocks[last], nxt))
        if not glued:
            units.append(_Unit(head=pending, failed=failed))
            pending, failed = [], False
        i = last + 1
    if pending:  # pragma: no cover - the last block is never glued
        units.append(_Unit(head=pending, failed=failed))
    return units


def _blank_between(text: str, block: RawBlock, nxt: RawBlock) -> bool:
    """True when a blank line separates the end of ``block`` from the start of ``nxt``."""
    body = block.raw.rstrip()
    trailing = block.raw[len(body):]
    gap = trailing + text[block.end:nxt.start] + _leading_ws(nxt.raw)
    return gap.count("\n") >= 2


def _leading_ws(raw: str) -> str:
    return raw[: len(raw) - len(raw.lstrip())]


def _verbatim(block: RawBlock) -> str:
    """A non-entry block as written, without surrounding blank lines or trailing spaces.

    Runs of blank lines inside free-standing comment text shrink to one, like the gaps
    between blocks; ``@comment{...}`` bodies are left exactly as written.
    """
    lines = block.raw.replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    text = "\n".join(line.rstrip() for line in lines).rstrip()
    if block.kind == "comment" and not text.startswith("@"):
        text = _BLANK_RUN.sub("\n\n", text)
    return text


_BLANK_RUN = re.compile(r"\n{3,}")


def format_block(block: RawBlock, settings: LayoutOptions | None = None) -> str:
    """One parsed entry in canonical layout (anything else comes back verbatim)."""
    settings = settings or Layout()
    if block.kind != "entry" or block.entry_type is None:
        return _verbatim(block)
    written = re.match(r"\s*@\s*(\w+)", block.raw)  # the parser lower-cases entry_type
    entry_type = written.group(1) if written else block.entry_type
    entry_type = entry_type.lower() if settings.lowercase_types else entry_type
    fields = order_fields(block.fields, settings.field_order or DEFAULT_FIELD_ORDER)
    names = [f.name.lower() if settings.lowercase_types else f.name for f in fields]
    width = max((len(n) for n in names), default=0) if settings.align else 0
    lines = [f"@{entry_type}{{{block.key or ''},"]
    for i, (name, fld) in enumerate(zip(names, fields, strict=True)):
        comma = "," if settings.trailing_comma or i < len(fields) - 1 else ""
        lines.append(f"{settings.indent}{name.ljust(width)} = {to_braces(fld.value)}{comma}")
    lines.append("}")
    return "\n".join(lines)


def order_fields(fields: Iterable[RawField], order: Sequence[str]) -> list[RawField]:
    """Fields named in ``order`` first (in that order), the rest in their original order.

    The sort is stable, so a field written twice keeps both copies in their original
    relative order (the duplicate-field rule reports them; fmt does not pick a winner).
    Fields that feed the same model attribute (``journal``/``journaltitle``/``booktitle``,
    ``year``/``date``/``month``, ``number``/``issue``, ``address``/``location``...) share
    the rank of the first of them in ``order``: the reader lets the first one written
    win, so moving them past each other would change what the entry means.
    """
    fields = list(fields)
    rank = {name.lower(): i for i, name in enumerate(order)}
    last = len(rank)
    group_rank: dict[str, int] = {}
    for fld in fields:
        group = _slot(fld.name)
        group_rank[group] = min(group_rank.get(group, last), rank.get(fld.name.lower(), last))
    return sorted(fields, key=lambda f: group_rank[_slot(f.name)])


def _slot(name: str) -> str:
    """The model attribute a BibTeX field feeds (its own name when it feeds none)."""
    name = name.lower()
    if name in PUBLISHER_FIELDS:
        return "publisher"
    if name == "number":
        return "issue"
    return FIELD_TO_ATTR.get(name, name)


def to_braces(value: str) -> str:
    """A raw field value with ``"..."`` delimiters turned into ``{...}`` where safe.

    Bare numbers, macro names and ``#`` concatenations are left as written; so is a
    quoted value whose braces do not balance (BibTeX would reject it either way, and
    the parser's diagnostic is more useful than a guess).

    >>> to_braces('"Quoted {Title}"')
    '{Quoted {Title}}'
    >>> to_braces('{Already}'), to_braces('2001'), to_braces('jan # " 1"')
    ('{Already}', '2001', 'jan # " 1"')
    """
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        inner = value[1:-1]
        if _single_quoted(inner) and _balanced(inner):
            return "{" + inner + "}"
    return value


def _single_quoted(inner: str) -> bool:
    """True when no ``"`` closes the string early (i.e. none at brace depth 0)."""
    depth = 0
    for ch in inner:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            return False
    return True


def _balanced(inner: str) -> bool:
    depth = 0
    for ch in inner:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
