"""Parse problems in plain words: bibtexparser's abort reasons rewritten as Diagnostics.

A person fixing a .bib file needs the line, what is wrong in their terms ("a `}` is
missing") and what to do, not the parser's state machine ("Was still looking for
field-value closing"). Every problem here is E101 (parse-error); the rest of the file
still loads.
"""

from __future__ import annotations

from bibtexparser.model import Field as BpField

from refs.model.diagnostic import Diagnostic, Location, Severity

__all__ = ["field_errors", "parse_error", "plain_reason"]


def plain_reason(block: object, raw: str, line: int) -> str:
    """bibtexparser's abort reason, rewritten for people who are not parser authors."""
    error = getattr(block, "error", None)
    message = str(getattr(error, "abort_reason", None) or error or "")
    if "end of file" in message:
        return "the block is never closed: a `}` is missing before the end of the file"
    if "Unexpected block start" in message:
        new_line = line + raw.count("\n") + 1
        return f"a new block starts on line {new_line} before this one is closed (missing `}}`?)"
    if "comma after entry key" in message:
        return "expected a comma after the citation key"
    if "Expected equals sign" in message:
        return "an @string needs the form `@string{name = {value}}`"
    if "Expected a `=`" in message:
        return "a field has no `=` between its name and value"
    if "after a closed entry field value" in message:
        return "two fields are not separated by a comma"
    return message or "this block could not be parsed"


def field_errors(key: str, fields: list[BpField], path: str | None) -> list[Diagnostic]:
    """Values like ``{A} year={1}``: loaded as written, but almost surely a missing comma."""
    return [
        Diagnostic(
            code="E101",
            name="parse-error",
            severity=Severity.ERROR,
            message=f"field `{f.key}` has text after its closing brace (missing comma?)",
            location=Location(path=path, line=f.start_line + 1),
            key=key,
            hint="put a comma after the closing brace of the value",
            subject=f"{f.key}: {f.value[:60]}",
        )
        for f in fields
    ]


def parse_error(raw: str, reason: str, path: str | None, line: int) -> Diagnostic:
    head = raw.split("{", 1)[0].split("(", 1)[0].strip() or raw[:20]
    return Diagnostic(
        code="E101",
        name="parse-error",
        severity=Severity.ERROR,
        message=f"cannot parse {head} block: {reason}",
        location=Location(path=path, line=line, col=1, end_line=line + raw.count("\n")),
        hint="check the braces, quotes and commas of this block; the rest of the file was loaded",
        subject=raw[:80],
    )
