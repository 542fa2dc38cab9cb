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
- a comment on the line of an entry's closing brace (``}  % note``) stays on that line,
  after the entry's new closing brace;
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

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from refs.io.bibtex import RawBlock, document, loads
from refs.io.bibtex_fmt_entry import (
    DEFAULT_FIELD_ORDER,
    Layout,
    LayoutOptions,
    format_block,
    order_fields,
    to_braces,
    verbatim,
)

__all__ = ["DEFAULT_FIELD_ORDER", "Layout", "LayoutOptions", "format_block", "format_blocks",
           "format_text", "order_fields", "to_braces"]


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
            entry = format_block(unit.entry, settings)
            parts.append(entry + " " + unit.tail if unit.tail else entry)
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
    #: a comment written after the entry's closing brace on the same line (``}  % note``)
    tail: str = ""


def _units(blocks: Sequence[RawBlock], text: str) -> list[_Unit]:
    """Group blocks: comments with no blank line before an entry belong to that entry.

    A run of comments glued to each other but not to an entry stays one unit, so the
    run is not pulled apart by blank lines. A failed block and the comments after it
    are copied as one verbatim region with their original gaps: how the parser
    recovers from a broken block depends on the exact text that follows it.
    """
    blocks = list(blocks)
    units: list[_Unit] = []
    pending: list[str] = []
    failed = False
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "entry":
            unit = _Unit(head=pending, entry=block, failed=failed)
            units.append(unit)
            pending, failed = [], False
            i += 1
            if i < len(blocks) and _inline_comment(text, block, blocks[i]):
                unit.tail, rest = _split_first_line(blocks[i])
                if rest is None:
                    i += 1
                else:
                    blocks[i] = rest
            continue
        last = i
        if block.kind == "failed":
            while last + 1 < len(blocks) and blocks[last + 1].kind == "comment":
                last += 1
            pending.append(text[block.start:blocks[last].end].rstrip())
            failed = True
        else:
            pending.append(verbatim(block))
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


def _inline_comment(text: str, entry: RawBlock, nxt: RawBlock) -> bool:
    """True when free comment text starts on the line where ``entry`` closes."""
    if nxt.kind != "comment" or nxt.raw.lstrip().startswith("@"):
        return False
    gap = entry.raw[len(entry.raw.rstrip()):] + text[entry.end:nxt.start] + _leading_ws(nxt.raw)
    return "\n" not in gap


def _split_first_line(block: RawBlock) -> tuple[str, RawBlock | None]:
    """A comment's first line (trimmed) and the block left after it (None if nothing)."""
    body = block.raw.lstrip(" \t")
    first, _, rest = body.partition("\n")
    if not rest.strip():
        return first.rstrip(), None
    start = block.end - len(rest)
    return first.rstrip(), replace(block, raw=rest, start=start, line=block.line + 1)


def _blank_between(text: str, block: RawBlock, nxt: RawBlock) -> bool:
    """True when a blank line separates the end of ``block`` from the start of ``nxt``."""
    body = block.raw.rstrip()
    trailing = block.raw[len(body):]
    gap = trailing + text[block.end:nxt.start] + _leading_ws(nxt.raw)
    return gap.count("\n") >= 2


def _leading_ws(raw: str) -> str:
    return raw[: len(raw) - len(raw.lstrip())]
