"""What enrichment found, per entry: data the CLI renders and scripts inspect.

Statuses (one per entry):

* ``updated``    -- fields were filled (or overwritten on request) from the source;
* ``unchanged``  -- the source had nothing to add (conflicts may still be reported);
* ``not-found``  -- the DOI does not resolve at any registration agency (rule R601);
* ``mismatch``   -- the DOI resolves to a record the matcher says is a different work;
* ``no-match``   -- a search found no candidate the matcher accepts (the best one is
  reported with the reason it was rejected);
* ``offline``    -- offline, and the answer is not in the cache;
* ``failed``     -- the service failed for this entry (message says how);
* ``skipped``    -- not asked for (``only="doi-missing"`` and the entry has a DOI).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from refs.io.crossref_json import Update
from refs.model.library import Library

__all__ = ["Conflict", "EnrichReport", "EntryResult", "FieldChange", "Status"]

Status = Literal["updated", "unchanged", "not-found", "mismatch", "no-match", "offline",
                 "failed", "skipped"]

#: statuses that are problems worth a non-zero exit (the CLI documents this)
PROBLEMS: frozenset[str] = frozenset({"not-found", "mismatch", "failed", "offline"})


@dataclass(frozen=True)
class FieldChange:
    """A field filled or overwritten: old value (None when it was empty) and new value."""

    field: str
    old: str | None
    new: str


@dataclass(frozen=True)
class Conflict:
    """A field where the library and the source disagree; left as the user wrote it."""

    field: str
    here: str
    there: str


@dataclass
class EntryResult:
    """The outcome for one entry."""

    key: str
    status: Status
    doi: str | None = None
    #: which service answered (``crossref``, ``datacite``, ``doi.org``)
    source: str | None = None
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    #: retractions, corrections and new versions of the work
    updates: list[Update] = field(default_factory=list)
    #: for no-match / mismatch: the best candidate and why it was not accepted
    candidate: str | None = None
    reason: str | None = None
    #: a one-line message for failed / offline / not-found entries
    message: str | None = None
    #: the matcher's score for the accepted or best candidate
    score: float | None = None
    line: int | None = None

    @property
    def retracted(self) -> bool:
        """True when the source says the work was retracted."""
        return any(u.kind == "retraction" and u.direction == "updated-by" for u in self.updates)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``refs enrich --format json``)."""
        data = asdict(self)
        data["updates"] = [u.model_dump(mode="json") for u in self.updates]
        return data


@dataclass
class EnrichReport:
    """Every entry's result, the enriched library, and what it cost in requests."""

    results: list[EntryResult]
    library: Library
    requests: int = 0
    cache_hits: int = 0

    def counts(self) -> dict[str, int]:
        """How many entries ended in each status."""
        out: dict[str, int] = {}
        for r in self.results:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    @property
    def changed(self) -> list[EntryResult]:
        """Entries whose fields changed."""
        return [r for r in self.results if r.changes]

    @property
    def has_problems(self) -> bool:
        """True when an entry failed, did not resolve, mismatched, conflicts or was updated."""
        return any(r.status in PROBLEMS or r.conflicts or r.updates for r in self.results)

    def get(self, key: str) -> EntryResult | None:
        """The result for entry ``key``."""
        return next((r for r in self.results if r.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of the whole report."""
        return {"counts": self.counts(), "requests": self.requests,
                "cache_hits": self.cache_hits, "entries": [r.to_dict() for r in self.results]}
