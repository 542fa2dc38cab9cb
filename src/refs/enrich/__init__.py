"""Enrichment: fill a library's gaps from Crossref / DataCite / doi.org, safely.

Only confident matches are accepted (:mod:`refs.match`), user fields are never
overwritten unless asked, and every conflict, unresolved DOI and retraction is
reported. See :func:`refs.enrich.engine.enrich`.
"""

from __future__ import annotations

from refs.enrich.engine import Enricher, enrich
from refs.enrich.report import Conflict, EnrichReport, EntryResult, FieldChange

__all__ = ["Conflict", "EnrichReport", "Enricher", "EntryResult", "FieldChange", "enrich"]
