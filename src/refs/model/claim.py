"""Claims of a manuscript and the library entries cited for them (claim mapping).

Kept in the model so that the manuscript reader (io) and the claims feature share one
shape; the feature itself is not built yet.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from refs.model.reference import SourceSpan

__all__ = ["Citation", "Claim"]


class Citation(BaseModel, frozen=True):
    """One citation inside a note: the text as written and the keys it resolved to."""

    text: str
    keys: tuple[str, ...] = ()
    locator: str | None = None


class Claim(BaseModel):
    """A sentence of a manuscript and the citations that support it."""

    text: str
    note: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    span: SourceSpan | None = None
