"""Exceptions that mean "refs could not run": never used for findings.

Findings about a bibliography are data (:class:`refs.model.diagnostic.Diagnostic`);
an exception means the job itself could not be done -- an unreadable file, a bad
configuration, a remote service that failed in online mode. Every exception carries
what a person needs to act: the ``path`` and ``line`` where known, and a ``hint``.
This module imports nothing from refs, so every layer can raise these without
import loops (structlog factors its exceptions out for the same reason).

The tree::

    RefsError
    ├── ParseError          a file could not be read as the format it claims to be
    ├── ConfigError         [tool.refs] / refs.toml / a CLI option is invalid
    ├── WriteError          an output file could not be written (nothing was changed)
    ├── UsageError          a library call with arguments that cannot work together
    └── RemoteError         a remote metadata service failed
        ├── NotFound        the service says the record does not exist (404)
        ├── RateLimited     the service kept answering 429 after the retries allowed
        ├── Unavailable     timeouts, 5xx, broken responses, or an offline cache miss
        └── TooManyErrors   the error rate passed the limit, so refs stopped asking
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "NotFound",
    "ParseError",
    "RateLimited",
    "RefsError",
    "RemoteError",
    "TooManyErrors",
    "Unavailable",
    "UsageError",
    "WriteError",
]


class RefsError(Exception):
    """Base of every error refs raises on purpose; the CLI turns it into exit code 2."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def where(self) -> str:
        """``path:line`` (or just ``path``), or an empty string when neither is known."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class ParseError(RefsError):
    """A whole file could not be parsed (single bad entries are Diagnostics instead)."""


class ConfigError(RefsError):
    """Configuration from a file, the environment or the command line is invalid."""


class WriteError(RefsError):
    """Writing an output failed; atomic writes guarantee the old file is untouched."""


class UsageError(RefsError):
    """A caller combined arguments that cannot work together."""


class RemoteError(RefsError):
    """A remote metadata service could not answer."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, path=path, line=line, hint=hint)
        self.url = url
        self.status = status


class NotFound(RemoteError):
    """The service answered that the record does not exist."""


class RateLimited(RemoteError):
    """The service kept refusing with 429 after every retry allowed."""


class Unavailable(RemoteError):
    """Timeouts, server errors, unreadable responses, or a cache miss while offline."""


class TooManyErrors(RemoteError):
    """So many requests failed that refs stopped, as Crossref asks clients to do."""
