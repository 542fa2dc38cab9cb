"""``enrich(library)``: look every entry up, accept only confident matches, fill gaps.

* With a DOI: fetch the work from Crossref; if Crossref does not know it, ask doi.org
  which agency registered it and fetch it from DataCite (or by doi.org content
  negotiation for other agencies). A DOI that no agency knows is ``not-found``. The
  record is then compared with the entry *without* the DOIs (an equal DOI would decide
  "same" by itself): if the matcher says "different", the DOI probably belongs to
  another work, so nothing is filled and the entry is reported as ``mismatch``.
* Without a DOI: search Crossref with ``query.bibliographic`` (title, authors, year,
  container) and accept a candidate ONLY when :func:`refs.match.similarity.compare`
  says "same" -- never on the service's score: a wrong DOI is worse than none.
  Otherwise ``no-match`` with the best candidate and why it was rejected.

Requests run in two thread pools, one per Crossref pool (single records, searches), so
that lookups and searches overlap; the transports pace each pool to its announced rate
and concurrency. At 100-300 ms per request, concurrency is what bounds throughput.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from typing import Any, Literal

from refs.config import Settings, load_settings
from refs.enrich.merge import merge
from refs.enrich.report import EnrichReport, EntryResult
from refs.errors import NotFound, RemoteError, TooManyErrors, Unavailable
from refs.io.crossref_json import Update
from refs.match.similarity import MatchResult, compare
from refs.model.library import Library
from refs.model.reference import Reference
from refs.net.client import Http, make_client
from refs.sources.crossref import CrossrefClient, WorkRecord
from refs.sources.datacite import DataciteClient
from refs.sources.doiorg import DoiOrgClient
from refs.text.ids import normalize_doi

__all__ = ["Enricher", "bibliographic", "enrich", "relevant_updates"]

Only = Literal["all", "doi-missing"]
#: how many rows of search results to validate (Crossref's advice when you rank yourself)
SEARCH_ROWS = 5
#: update kinds worth reporting about the work itself
REPORTED_UPDATES = frozenset({"retraction", "correction", "new-version", "expression-of-concern"})


def relevant_updates(updates: list[Update], own: str | None) -> list[Update]:
    """The updates worth a person's attention, each (direction, kind, DOI) once.

    ``updated-by``: the work was retracted, corrected or superseded. ``update-to``: the
    cited DOI is itself a notice (a retraction or correction of another work), which is
    rarely what an author means to cite. Self-references (PLOS lists a new version as
    updating itself) are dropped; Retraction Watch may repeat a verdict, kept once.
    """
    seen: set[tuple[str, str, str | None]] = set()
    out: list[Update] = []
    for u in updates:
        key = (u.direction, u.kind, u.doi)
        if u.kind in REPORTED_UPDATES and u.doi != own and key not in seen:
            seen.add(key)
            out.append(u)
    return out


def bibliographic(entry: Reference) -> str:
    """The reference as one string for ``query.bibliographic``: title, authors, year, container."""
    parts = [entry.title or ""]
    parts += [n.family or n.literal or "" for n in entry.author[:3]]
    if entry.year:
        parts.append(str(entry.year))
    if entry.container_title:
        parts.append(entry.container_title)
    return " ".join(p for p in parts if p).strip()


def _why(result: MatchResult) -> str:
    bad = result.vetoes or result.conflicts
    if bad:
        return "; ".join(str(e) for e in bad[:3])
    return f"not enough agreeing evidence (score {result.score:.2f})"


def _describe(ref: Reference) -> str:
    who = ref.author[0].family or ref.author[0].display() if ref.author else "?"
    return f"{who} ({ref.year or 'n.d.'}) {ref.title or '(untitled)'} [doi:{ref.doi}]"


class Enricher:
    """The per-entry logic, with its clients; one instance serves one run."""

    def __init__(self, http: Http, settings: Settings, *, overwrite: Collection[str] = ()) -> None:
        net = settings.net
        self.http = http
        self.settings = settings
        self.overwrite = overwrite
        self.crossref = CrossrefClient(http.client, net.crossref_url)
        self.doiorg = DoiOrgClient(http.client, net.doi_url)
        self.datacite = DataciteClient(http.client, net.datacite_url)

    def _resolve(self, doi: str) -> tuple[WorkRecord, str]:
        try:
            return self.crossref.fetch(doi), "crossref"
        except NotFound:
            agency = self.doiorg.agency(doi)  # NotFound here: no agency knows the DOI
        if agency == "crossref":
            raise NotFound(f"DOI {doi} is registered with Crossref but Crossref has no record")
        if agency == "datacite":
            return WorkRecord(self.datacite.work(doi)), "datacite"
        return WorkRecord(self.doiorg.csl(doi)), "doi.org"

    def _finish(self, entry: Reference, record: WorkRecord, source: str,
                result: EntryResult) -> tuple[EntryResult, Reference]:
        merged, changes, conflicts = merge(entry, record.reference, overwrite=self.overwrite)
        own = normalize_doi(record.reference.doi)
        result.source = source
        result.doi = own
        result.changes, result.conflicts = changes, conflicts
        result.updates = relevant_updates(record.updates, own)
        result.status = "updated" if changes else "unchanged"
        return result, merged

    def by_doi(self, entry: Reference, doi: str) -> tuple[EntryResult, Reference]:
        """Fetch the work behind ``doi``, check it is this work, fill gaps."""
        result = EntryResult(entry.id, "unchanged", doi=doi)
        record, source = self._resolve(doi)
        check = compare(entry.model_copy(update={"doi": None}),
                        record.reference.model_copy(update={"doi": None}))
        result.score = check.score
        if check.decision == "different" and entry.title:
            result.status = "mismatch"
            result.source = source
            result.candidate = _describe(record.reference)
            result.reason = f"the DOI resolves to a different work: {_why(check)}"
            return result, entry
        return self._finish(entry, record, source, result)

    def by_search(self, entry: Reference) -> tuple[EntryResult, Reference]:
        """Search by bibliographic string; accept only a candidate the matcher calls the same."""
        result = EntryResult(entry.id, "no-match")
        query = bibliographic(entry)
        if not entry.title or not query:
            result.reason = "no title to search for"
            return result, entry
        candidates = self.crossref.search_records(query, rows=SEARCH_ROWS)
        judged = [(compare(entry, c.reference), c) for c in candidates]
        same = [(m, c) for m, c in judged if m.decision == "same"]
        if same:
            match, record = max(same, key=lambda p: p[0].score)
            result.score = match.score
            return self._finish(entry, record, "crossref", result)
        if not judged:
            result.reason = "the search returned no candidates"
            return result, entry
        match, best = max(judged, key=lambda p: p[0].score)
        result.score = match.score
        result.candidate = _describe(best.reference)
        result.reason = f"no confident match ({match.decision}): {_why(match)}"
        return result, entry

    def run_one(self, entry: Reference, only: Only) -> tuple[EntryResult, Reference]:
        """One entry end to end; remote failures become the entry's status, not exceptions."""
        doi = normalize_doi(entry.doi) if entry.doi else None
        line = entry.span.line if entry.span else None
        try:
            if doi:
                if only == "doi-missing":
                    return EntryResult(entry.id, "skipped", doi=doi, line=line), entry
                result, new = self.by_doi(entry, doi)
            else:
                result, new = self.by_search(entry)
        except TooManyErrors:
            raise
        except NotFound as exc:
            result, new = EntryResult(entry.id, "not-found", doi=doi,
                                      message=f"DOI {doi} does not resolve: {exc.message}"), entry
        except Unavailable as exc:
            status: Any = "offline" if self.http.cache.offline else "failed"
            result, new = EntryResult(entry.id, status, doi=doi, message=exc.message), entry
        except RemoteError as exc:
            result, new = EntryResult(entry.id, "failed", doi=doi, message=exc.message), entry
        result.line = line
        return result, new


def enrich(library: Library, *, settings: Settings | None = None, only: Only = "all",
           overwrite: Collection[str] = (), offline: bool | None = None,
           cache: str | None = None, http: Http | None = None, workers: int = 6,
           progress: Callable[[EntryResult], None] | None = None) -> EnrichReport:
    """Look up every entry (or only those without a DOI), fill gaps, report the rest.

    ``settings`` default to the nearest configuration plus the ``REFS_*`` environment
    variables. Returns an :class:`EnrichReport` whose ``library`` is a copy with the
    filled fields; ``library`` itself is not modified. Raises
    :class:`~refs.errors.TooManyErrors` when the service fails so often that refs stops
    asking (Crossref's etiquette).
    """
    settings = settings or load_settings()  # [tool.refs] and REFS_* (mailto, URLs, cache)
    own = http is None
    http = http or make_client(settings, offline=offline, cache=cache)
    hits0, sent0 = http.cache.hits, http.requests_sent
    enricher = Enricher(http, settings, overwrite=overwrite)
    results: dict[int, tuple[EntryResult, Reference]] = {}
    try:
        with ThreadPoolExecutor(workers, "refs-doi") as singles, \
                ThreadPoolExecutor(workers, "refs-search") as searches:
            futures: dict[Future[tuple[EntryResult, Reference]], int] = {}
            for i, entry in enumerate(library.entries):
                pool = singles if entry.doi else searches
                futures[pool.submit(enricher.run_one, entry, only)] = i
            try:
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    if progress is not None:
                        progress(results[futures[future]][0])
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
    finally:
        if own:
            http.close()
    entries = [results[i][1] for i in range(len(library.entries))]
    new_library = library.model_copy(update={"entries": entries})
    return EnrichReport(results=[results[i][0] for i in range(len(library.entries))],
                        library=new_library, requests=http.requests_sent - sent0,
                        cache_hits=http.cache.hits - hits0)

