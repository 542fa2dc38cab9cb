"""One renderer per output format; each is ``render(diagnostics) -> str``.

:data:`RENDERERS` maps the ``--format`` names to them, so the CLI and library users
pick a format by name.
"""

from __future__ import annotations

from collections.abc import Callable

from refs.check.render import github, json, sarif, text
from refs.model.diagnostic import Diagnostic

__all__ = ["RENDERERS", "render"]

#: format name -> renderer
RENDERERS: dict[str, Callable[[list[Diagnostic]], str]] = {
    "github": github.render,
    "json": json.render,
    "sarif": sarif.render,
    "text": text.render,
}


def render(diagnostics: list[Diagnostic], format: str = "text") -> str:
    """The findings in ``format`` (one of :data:`RENDERERS`)."""
    return RENDERERS[format](diagnostics)
