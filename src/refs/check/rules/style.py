"""W3xx: style warnings -- things that are valid but print badly."""

from __future__ import annotations

from collections.abc import Iterator

from refs.check.context import CheckContext
from refs.check.registry import rule
from refs.model.diagnostic import Diagnostic, Severity
from refs.text.titles import is_all_caps


@rule(code="W301", name="all-caps-title", severity=Severity.WARNING)
def all_caps_title(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The title is written in capitals throughout.

    ## What it does
    Reports a ``title`` whose words (two or more, of two letters or more) are all
    upper-case. Words in braces (``{NATO}``) are the author's deliberate case and
    are ignored, so titles with acronyms among normal words are fine.

    ## Why
    An all-caps title usually comes from a library catalogue or a PDF. Styles that
    recase titles cannot recover the right capitals, so it is printed shouting.

    ## Example
    ```bibtex
    title = {RUSSIA AND KAZAKHSTAN: A CHANGING RELATIONSHIP},
    ```

    ## Fix
    Retype the title in its proper case and, in a .bib file, protect acronyms with
    braces (``{NATO}``); ``refs.text.titles.sentence_case`` can give a starting point.
    """
    for record in ctx.records():
        for value, f in record.values_of("title"):
            if is_all_caps(value):
                yield ctx.diagnostic(
                    "W301", f"title is in all capitals: '{value[:60]}'", record=record,
                    field=f, subject=value,
                    hint="retype it in title or sentence case" + (
                        "; brace acronyms like {NATO}" if ctx.bibtex else ""))
