"""R601-R603: what the DOI registries said about an entry, read from the enrich cache.

``refs check`` never touches the network (it runs in CI, offline, and must be fast and
deterministic), so these rules answer from the response cache that ``refs enrich``
fills (``REFS_CACHE`` / ``[tool.refs.net] cache`` / the platform cache directory). An
entry whose DOI was never looked up yields nothing; run ``refs enrich`` (its dry run is
enough) to refresh what these rules know.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from refs.check.context import CheckContext, Record
from refs.check.registry import rule
from refs.io.crossref_json import Update, updates
from refs.model.diagnostic import Diagnostic, Severity
from refs.net.cache import ResponseCache
from refs.net.client import cache_path
from refs.sources.crossref import work_url
from refs.sources.doiorg import ra_url
from refs.text.ids import normalize_doi

#: update kinds reported by R603 (R602 reports retractions)
_UPDATE_KINDS = ("correction", "new-version", "expression-of-concern")


def _store(ctx: CheckContext) -> ResponseCache | None:
    path = cache_path(ctx.settings)
    return ResponseCache(path) if path.is_file() else None


def _dois(ctx: CheckContext) -> Iterator[tuple[Record, str, Any]]:
    for record in ctx.records():
        for value, f in record.values_of("doi"):
            doi = normalize_doi(value.replace("{", "").replace("}", ""))
            if doi:
                yield record, doi, f


def _updates(store: ResponseCache, ctx: CheckContext, doi: str) -> list[Update]:
    cached = store.get("GET", work_url(ctx.settings.net.crossref_url, doi))
    if cached is None or cached.status != 200:
        return []
    try:
        message = json.loads(cached.body)["message"]
    except (ValueError, KeyError, TypeError):
        return []
    return [u for u in updates(message) if u.direction == "updated-by" and u.doi != doi]


@rule(code="R601", name="doi-not-found", severity=Severity.ERROR)
def doi_not_found(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The DOI does not resolve: no registration agency knows it.

    ## What it does
    Reports a DOI for which the last ``refs enrich`` run got "not found" from Crossref
    and "DOI does not exist" from doi.org's registration-agency lookup (from the cache;
    ``refs check`` makes no requests).

    ## Why
    A DOI that does not resolve is a dead link in every formatted reference, and
    usually a typo that also hides the real DOI.

    ## Example
    ```bibtex
    doi = {10.1080/09668136.2016.115388},
    ```

    ## Fix
    Copy the DOI again from the publisher's page, or delete it and let ``refs enrich``
    search for the work.
    """
    store = _store(ctx)
    if store is None:
        return
    net = ctx.settings.net
    for record, doi, f in _dois(ctx):
        work = store.get("GET", work_url(net.crossref_url, doi))
        if work is None or work.status not in (404, 410):
            continue
        ra = store.get("GET", ra_url(net.doi_url, doi))
        try:
            answer = json.loads(ra.body) if ra is not None and ra.status == 200 else None
        except ValueError:
            answer = None
        if isinstance(answer, list) and answer and isinstance(answer[0], dict) \
                and not answer[0].get("RA"):
            yield ctx.diagnostic("R601", f"DOI {doi} does not resolve at any registration "
                                 "agency", record=record, field=f, subject=doi,
                                 hint="check the DOI for typos; refs enrich can search for it")
    store.close()


@rule(code="R602", name="retracted", severity=Severity.ERROR)
def retracted(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The cited work has been retracted.

    ## What it does
    Reports entries whose Crossref record (cached by ``refs enrich``) has an
    ``updated-by`` entry of type retraction, from the publisher (Crossmark) or from
    Retraction Watch.

    ## Why
    Citing a retracted work as if it stood is a scholarly error readers and reviewers
    will catch; it must at least be cited as retracted.

    ## Example
    A record with ``"updated-by": [{"type": "retraction", "source": "retraction-watch"}]``.

    ## Fix
    Remove the citation, or cite the retraction notice alongside it and say so in the text.
    """
    store = _store(ctx)
    if store is None:
        return
    for record, doi, f in _dois(ctx):
        for u in _updates(store, ctx, doi):
            if u.kind == "retraction":
                by = f" (source: {u.source})" if u.source else ""
                yield ctx.diagnostic("R602", f"{doi} has been retracted{by}", record=record,
                                     field=f, subject=f"{doi} {u.doi}",
                                     hint=f"see the notice doi:{u.doi}" if u.doi else None)
                break
    store.close()


@rule(code="R603", name="updated-or-corrected", severity=Severity.WARNING)
def updated_or_corrected(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The cited work has a correction, a new version or an expression of concern.

    ## What it does
    Reports entries whose cached Crossref record has an ``updated-by`` entry of type
    correction (erratum, corrigendum), new_version or expression_of_concern.

    ## Why
    Readers should be sent to the corrected or current version, and a claim may rest on
    the part that was corrected.

    ## Example
    10.1371/journal.pone.0033693 is ``updated-by`` a correction (10.1371/annotation/...).

    ## Fix
    Check the notice; cite the new version or the correction as well, or add a note.
    Add the finding to the baseline once handled.
    """
    store = _store(ctx)
    if store is None:
        return
    for record, doi, f in _dois(ctx):
        for u in _updates(store, ctx, doi):
            if u.kind in _UPDATE_KINDS:
                yield ctx.diagnostic("R603", f"{doi} has a {u.kind.replace('-', ' ')}"
                                     + (f": doi:{u.doi}" if u.doi else ""), record=record,
                                     field=f, subject=f"{doi} {u.kind} {u.doi}")
    store.close()
