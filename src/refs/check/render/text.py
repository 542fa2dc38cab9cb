"""Human/grep format: ``file:line:col: CODE [name] message``, a hint line, a summary.

One finding per line in the shape compilers and linters use, so editors and
``grep`` can jump to it; the hint (what to do) goes on an indented line below.
"""

from __future__ import annotations

from collections import Counter

from refs.model.diagnostic import Diagnostic

__all__ = ["format_line", "render", "summary"]


def format_line(diag: Diagnostic) -> str:
    """The one-line form of a finding."""
    loc = diag.location
    return f"{loc.path or '-'}:{loc.line}:{loc.col}: {diag.code} [{diag.name}] {diag.message}"


def summary(diagnostics: list[Diagnostic]) -> str:
    """``Found 3 problems (2 errors, 1 warning).`` or ``All checks passed.``"""
    if not diagnostics:
        return "All checks passed."
    by = Counter(d.severity.value for d in diagnostics)
    parts = [f"{n} {sev}{'' if n == 1 else 's'}" for sev, n in sorted(by.items())]
    n = len(diagnostics)
    return f"Found {n} problem{'' if n == 1 else 's'} ({', '.join(parts)})."


def render(diagnostics: list[Diagnostic]) -> str:
    """Every finding, then the summary line."""
    lines = []
    for diag in diagnostics:
        lines.append(format_line(diag))
        if diag.hint:
            lines.append(f"    hint: {diag.hint}")
    lines.append(summary(diagnostics))
    return "\n".join(lines) + "\n"
