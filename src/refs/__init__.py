"""refs: keep a bibliography honest -- parse, check, format, deduplicate and enrich references.

This module is the public API: everything a script or notebook needs, re-exported from
the module that defines it. Internal code never imports ``refs`` itself (that would drag
every layer in); it imports from the defining module.
"""

from __future__ import annotations

from refs.__about__ import __version__
from refs.check.runner import check
from refs.config import Settings, load_settings
from refs.dedupe import Cluster, MergePlan, find_duplicates, known_matches, merge
from refs.enrich.engine import enrich
from refs.enrich.report import EnrichReport
from refs.errors import (
    ConfigError,
    NotFound,
    ParseError,
    RateLimited,
    RefsError,
    RemoteError,
    TooManyErrors,
    Unavailable,
    UsageError,
    WriteError,
)
from refs.io.formats import dump, load
from refs.io.freetext import ParsedReference, parse_reference, split_references
from refs.io.incoming import Incoming
from refs.io.incoming import load as load_incoming
from refs.io.incoming import loads as loads_incoming
from refs.match.similarity import MatchResult, compare
from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference
from refs.sources.crossref import CrossrefClient

__all__ = [
    "Cluster",
    "ConfigError",
    "CrossrefClient",
    "DateParts",
    "Diagnostic",
    "EnrichReport",
    "Incoming",
    "Library",
    "Location",
    "MatchResult",
    "MergePlan",
    "Name",
    "NotFound",
    "PageRange",
    "ParseError",
    "ParsedReference",
    "RateLimited",
    "Reference",
    "RefsError",
    "RemoteError",
    "Settings",
    "Severity",
    "TooManyErrors",
    "Unavailable",
    "UsageError",
    "WriteError",
    "__version__",
    "check",
    "compare",
    "dump",
    "enrich",
    "find_duplicates",
    "known_matches",
    "load",
    "load_incoming",
    "load_settings",
    "loads_incoming",
    "merge",
    "parse_reference",
    "split_references",
]
