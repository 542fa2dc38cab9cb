"""E1xx: the file itself -- blocks that do not parse, braces that do not balance, bad bytes;
I101, text of a reference list that is not meant as a reference.

E101, E103 and E104 are found by the loaders (``refs.io.bibtex``, ``refs.io.ris``,
``refs.io.csljson``), which report them in
``library.diagnostics`` while still loading the rest of the file (including values
like ``{A}\n  title = {B}`` that swallowed the next field for want of a comma); they are registered
here so that they can be documented, selected and ignored like every other rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from refs.check.context import CheckContext
from refs.check.registry import rule
from refs.model.diagnostic import Diagnostic, Severity


@rule(code="E101", name="parse-error", severity=Severity.ERROR)
def parse_error(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A part of the file could not be parsed: a BibTeX block, an RIS line, a CSL-JSON item,
    a string of a reference list.

    ## What it does
    Reports each block the BibTeX loader had to skip (a missing key, an ``@``
    followed by garbage, a block never closed) and each field value that swallowed
    the next field because a comma is missing. Reported by the loader; the rest of the
    file is still loaded and checked. In RIS files: a line that is not a tag, a tag or
    ``ER`` outside a record, a record without ``ER``, a name tag (``AU``, ``ED``...) with
    no name in it (``AU  - ,``; skipped, the other names load). In CSL-JSON files: an array element
    that is not an object (skipped), and a variable whose value has the wrong JSON type
    (``"title": {"a": 1}``; not used, but kept as written so that it is written back).
    In a free-text reference list read by ``refs import``: a string from which no
    reference could be read (short notes and running text are I101, not errors).

    ## Why
    BibTeX and biber skip such an entry (or everything up to the next ``@``) with a
    warning that is easy to miss, and the citation silently becomes "??".

    ## Example
    ```bibtex
    @article{smith2020,
      title = {A title}
      year = {2020},
    }
    ```

    ## Fix
    Correct the syntax at the reported line: in a .bib file add the missing comma,
    brace or key; in an RIS file the missing ``TY`` or ``ER`` line, the ``TAG  -``
    prefix or the name; in a CSL-JSON file the item or value the hint names; in a
    reference list, complete the string (author, year, title) or remove it.
    """
    return iter(())  # the loader reports these (refs.io.bibtex), see the module docstring


@rule(code="I101", name="not-a-reference", severity=Severity.INFO)
def not_a_reference(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Text in a reference list that is not a reference and is not meant as one.

    ## What it does
    Reported by the free-text reader (``refs import notes.txt``) for a short note that
    points back to a full reference (``Ibid., 6``, ``Clarke, “Kazakhstan’s
    Multi-vector Policy,” 2015.``), a paragraph of running text, a heading or a web
    page's link text (a few words with no number and no punctuation: ``Related
    Services``), and -- as one finding
    for all of it -- a manuscript's own text before its first reference heading
    (``Works Cited``, ``References``, ``Bibliography``, ``Notes``...), when at least two
    thirds of that text reads as no reference. None of it is imported. Unlike E101 it
    is not an error: ``refs import`` still exits 0 when nothing else went wrong.

    ## Why
    Footnote lists are full of short notes and a whole paper is mostly prose; reporting
    each of them as a reference that could not be read would bury the strings that
    really are broken, and importing them would create entries with less information
    than the full reference they repeat.

    ## Example
    ```text
    [1] Michael Mandelbaum, The New Russian Foreign Policy (New York: Council on
        Foreign Relation Books, 1998), 4-6.
    [2] Ibid., 6
    ```

    ## Fix
    Nothing, usually. If a reference is hidden in the reported text (a discursive
    footnote), put it on a line of its own; to import references from a part of the
    file before its heading, import that part as a file of its own.
    """
    return iter(())  # the free-text reader reports these (refs.io.freetext)


#: a closing delimiter, a line break and ``name =``: two fields with no comma between them
_SWALLOWED = re.compile(r"[}\"]\s*\n\s*(?P<name>[A-Za-z][\w-]*)\s*=\s*[{\"\w]")


def swallowed_field(value: str) -> re.Match[str] | None:
    """Where a raw value has swallowed the next field (missing comma), or None."""
    return _SWALLOWED.search(value)


@rule(code="E103", name="invalid-encoding", severity=Severity.WARNING)
def invalid_encoding(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The file is not valid UTF-8.

    ## What it does
    Reports the first line holding bytes that are not UTF-8. Reported by the loader,
    which falls back to Latin-1 for that file so that the rest can still be checked.

    ## Why
    biber and modern LaTeX read .bib files as UTF-8; other bytes become garbage
    characters or a fatal error, and tools disagree on how to read them.

    ## Example
    A file saved as Latin-1, where ``M\\xfcller`` is the single byte 0xFC.

    ## Fix
    Re-save the file as UTF-8 (``iconv -f latin1 -t utf-8``) and check the reported line.
    """
    return iter(())


@rule(code="E104", name="coerced-value", severity=Severity.WARNING)
def coerced_value(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A value was read as something else than written: a CSL-JSON number as text, an RIS ID.

    ## What it does
    Reports a variable such as ``id`` or ``title`` given as a JSON number (``"id": 5``);
    refs reads it as the text (key ``5``), which loses nothing. Numbers in variables CSL
    allows them in (``volume``, ``issue``, ``page``, ``edition``, ...) are not reported.
    Reported by the CSL-JSON loader. In RIS files: an ``ID`` that cannot be a BibTeX key
    (``a,b c``); the record gets a generated key and the ID is kept as ``ris:ID`` (written
    back to RIS as the ``ID``, to a .bib as a ``ris:ID`` field).

    ## Why
    A number where text belongs is often an export bug or a hand edit gone wrong (a
    database row number instead of the citation key), and a key like ``5`` is easy to
    cite by mistake. A key with a comma or a space cannot be cited from LaTeX, and would
    stop every entry of the file from being written as BibTeX.

    ## Example
    ```json
    [{"id": 5, "type": "book", "title": 1984}]
    ```

    ## Fix
    Write the value as text (``"id": "orwell1949"``), or fix the exporter that wrote it;
    give an RIS record an ``ID`` without commas and spaces, or cite it by its new key.
    """
    return iter(())


def _brace_problem(text: str) -> int | None:
    """Offset of the first brace that has no partner in ``text``, or None when balanced."""
    if "{" not in text and "}" not in text:  # the common case, without a Python-level loop
        return None
    stack: list[int] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2  # \{ and \} are literal braces
            continue
        if c == "{":
            stack.append(i)
        elif c == "}":
            if not stack:
                return i
            stack.pop()
        i += 1
    return stack[0] if stack else None


@rule(code="E102", name="unbalanced-braces", severity=Severity.ERROR)
def unbalanced_braces(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A field value or an entry has an opening brace without its closing one (or vice versa).

    ## What it does
    Checks every field value, and every block that failed to parse, for ``{`` and ``}``
    that do not pair up (``\\{`` and ``\\}`` are literal braces and do not count).

    ## Why
    One missing brace makes BibTeX swallow the following fields -- often the following
    entries -- into a single value; the damage shows up far from the cause.

    ## Example
    ```bibtex
    @book{doe2001,
      title = {The {Caspian Question},
    }
    ```

    ## Fix
    Add the missing brace (or remove the extra one) at the reported position.
    """
    for record in ctx.records():
        for f in record.fields():
            raw = f.value.strip()
            inner = raw[1:-1] if raw.startswith("{") and raw.endswith("}") else raw
            if swallowed_field(f.value) is None and _brace_problem(inner) is not None:
                yield ctx.diagnostic(
                    "E102", f"unbalanced braces in field '{f.name}'", record=record, field=f,
                    subject=f.name, hint="every { needs a matching } inside the value")
    blocks = ctx.blocks()
    source = ctx.library.source or ""
    for n, block in enumerate(blocks):
        before = blocks[n - 1] if n else None
        if block.kind == "failed":
            # the parser may stop early and leave the rest of the block as "comment" text
            rest = "".join(b.raw for b in _following_comments(blocks, n + 1))
            if _brace_problem(block.raw + rest) is not None:
                yield from _failed_block(ctx, block)
        elif (block.kind == "comment" and before is not None and before.kind == "entry"
              and "\n" not in source[before.end:block.start]
              and not block.raw.lstrip().startswith(("%", "@"))
              and _brace_problem(block.raw) is not None):
            yield ctx.diagnostic(
                "E102", f"an extra '}}' ended entry '{before.key}' early; the text after it "
                "is ignored", line=before.end_line, col=1, key=before.key,
                subject=block.raw.strip()[:40],
                hint="remove the extra } on this line (or escape it as \\})")


def _following_comments(blocks: list[Any], start: int) -> list[Any]:
    out = []
    for block in blocks[start:]:
        if block.kind != "comment" or block.raw.lstrip().startswith(("%", "@")):
            break
        out.append(block)
    return out


def _failed_block(ctx: CheckContext, block: object) -> Iterator[Diagnostic]:
    """E102 for a block that did not parse: the first field line whose braces do not pair."""
    raw: str = getattr(block, "raw", "")
    first_line: int = getattr(block, "line", 1)
    offset = _brace_problem(raw)
    if offset is None:
        return
    pos = 0
    for n, text in enumerate(raw.split("\n")):
        problem = _brace_problem(text)
        if n > 0 and problem is not None and re.match(r"\s*[A-Za-z][\w-]*\s*=", text):
            offset = pos + problem
            break
        pos += len(text) + 1
    line = first_line + raw.count("\n", 0, offset)
    col = offset - (raw.rfind("\n", 0, offset) + 1) + 1
    if line == first_line:
        col += _line_start_col(ctx, block)
    what = "opening" if raw[offset] == "{" else "closing"
    yield ctx.diagnostic(
        "E102", f"{what} brace without a partner; the block could not be parsed",
        line=line, col=col, key=getattr(block, "key", None) or None,
        subject=raw[:40], hint="every { needs a matching }")


def _line_start_col(ctx: CheckContext, block: object) -> int:
    """Column offset of the block's first character on its first line (0-based)."""
    source = ctx.library.source or ""
    start = getattr(block, "start", None)
    if start is None:
        return 0
    return int(start) - (source.rfind("\n", 0, int(start)) + 1)
