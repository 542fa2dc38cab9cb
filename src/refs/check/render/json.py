"""Machine format: a JSON list of finding objects (stable keys, for scripts and dashboards)."""

from __future__ import annotations

import json as _json
from typing import Any

from refs.check.registry import get_rule
from refs.model.diagnostic import Diagnostic

__all__ = ["as_dict", "render"]


def as_dict(diag: Diagnostic) -> dict[str, Any]:
    """One finding as a flat JSON object."""
    loc = diag.location
    registered = get_rule(diag.code)
    return {
        "code": diag.code,
        "name": diag.name,
        "severity": diag.severity.value,
        "message": diag.message,
        "path": loc.path,
        "line": loc.line,
        "col": loc.col,
        "end_line": loc.end_line,
        "end_col": loc.end_col,
        "key": diag.key,
        "hint": diag.hint,
        "fingerprint": diag.fingerprint(),
        "url": registered.help_uri if registered else None,
    }


def render(diagnostics: list[Diagnostic]) -> str:
    """The findings as a pretty-printed JSON array."""
    return _json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
