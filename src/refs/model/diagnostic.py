"""Findings as data: what ``refs check`` and the loaders report instead of raising.

A :class:`Diagnostic` is a problem in the user's data, not a failure of refs. Its
:meth:`Diagnostic.fingerprint` ignores line numbers and formatting so that a baseline
of known findings survives reformatting and reordering of the file.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel

__all__ = ["Diagnostic", "Location", "Severity"]


class Severity(StrEnum):
    """How bad a finding is; every finding fails ``refs check`` unless ignored."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Location(BaseModel, frozen=True):
    """1-based line and column of a finding, ends inclusive where known."""

    path: str | None = None
    line: int = 1
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None


class Diagnostic(BaseModel, frozen=True):
    """One finding: a stable rule code, where it is, what is wrong and what to do."""

    code: str
    name: str
    severity: Severity = Severity.ERROR
    message: str
    location: Location = Location()
    key: str | None = None
    hint: str | None = None
    #: the offending value or another detail that identifies the finding without a line
    subject: str | None = None

    def fingerprint(self) -> str:
        """A hash of what the finding is about, stable across reformatting and moves.

        It covers the code, the file name, the entry key and the subject (or message),
        never the line or column.
        """
        path = (self.location.path or "").replace("\\", "/")
        basis = "\x1f".join(
            [self.code, path, self.key or "", self.subject or self.message]
        )
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
