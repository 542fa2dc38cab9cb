"""E1xx: the file itself -- blocks that do not parse, braces that do not balance, bad bytes.

E101 and E103 are found by the loader (``refs.io.bibtex``), which reports them in
``library.diagnostics`` while still loading the rest of the file; they are registered
here so that they can be documented, selected and ignored like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from refs.check.context import CheckContext
from refs.check.registry import rule
from refs.model.diagnostic import Diagnostic, Severity


@rule(code="E101", name="parse-error", severity=Severity.ERROR)
def parse_error(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A block of the file could not be parsed as a BibTeX entry.

    ## What it does
    Reports each block the BibTeX loader had to skip: a missing comma between fields,
    a missing key, an ``@`` followed by garbage. Reported by the loader; the rest of the
    file is still loaded and checked.

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
    Correct the syntax at the reported line: add the missing comma, brace or key.
    """
    return iter(())


@rule(code="E103", name="invalid-encoding", severity=Severity.ERROR)
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


def _brace_problem(text: str) -> int | None:
    """Offset of the first brace that has no partner in ``text``, or None when balanced."""
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
            if _brace_problem(inner) is not None:
                yield ctx.diagnostic(
                    "E102", f"unbalanced braces in field '{f.name}'", record=record, field=f,
                    subject=f.name, hint="every { needs a matching } inside the value")
    for block in ctx.blocks("failed"):
        offset = _brace_problem(block.raw)
        if offset is None:
            continue
        line = block.line + block.raw.count("\n", 0, offset)
        col = offset - (block.raw.rfind("\n", 0, offset) + 1) + 1
        if line == block.line:
            col += _line_start_col(ctx, block)
        what = "opening" if block.raw[offset] == "{" else "closing"
        yield ctx.diagnostic(
            "E102", f"{what} brace without a partner in a block that could not be parsed",
            line=line, col=col, key=getattr(block, "key", None) or None,
            subject=block.raw[:40], hint="every { needs a matching }")


def _line_start_col(ctx: CheckContext, block: object) -> int:
    """Column offset of the block's first character on its first line (0-based)."""
    source = ctx.library.source or ""
    start = getattr(block, "start", None)
    if start is None:
        return 0
    return int(start) - (source.rfind("\n", 0, int(start)) + 1)
