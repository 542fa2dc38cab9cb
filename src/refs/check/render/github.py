"""GitHub Actions workflow commands: ``::error file=F,line=L,col=C,title=T::message``.

GitHub turns these lines into annotations on the pull request. Escaping follows
actions/toolkit's ``command.ts``: in the message (data) ``%``, ``\\r`` and ``\\n``
become ``%25``, ``%0D``, ``%0A``; in properties also ``:`` -> ``%3A`` and ``,`` -> ``%2C``,
because those delimit the properties. ``%`` is escaped first so escapes are not doubled.
"""

from __future__ import annotations

from refs.model.diagnostic import Diagnostic, Severity

__all__ = ["escape_data", "escape_property", "render"]

#: refs severity -> workflow command (GitHub has error, warning, notice)
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a message for a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title) for a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic]) -> str:
    """One workflow command per finding."""
    lines = []
    for diag in diagnostics:
        loc = diag.location
        props = [f"file={escape_property(loc.path or '')}", f"line={loc.line}"]
        if loc.end_line is not None and loc.end_line != loc.line:
            # GitHub drops col on annotations spanning lines (ruff's github emitter notes it)
            props.append(f"endLine={loc.end_line}")
        else:
            props.append(f"col={loc.col}")
        props.append(f"title={escape_property(f'refs {diag.code} {diag.name}')}")
        message = diag.message + (f"\nhint: {diag.hint}" if diag.hint else "")
        lines.append(f"::{_COMMAND[diag.severity]} {','.join(props)}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
