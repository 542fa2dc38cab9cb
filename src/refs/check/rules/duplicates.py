"""D401: the same work entered twice -- same DOI, or same title, authors and year.

This rule looks for *exact* duplicates only, which need no judgement; near
duplicates (different editions, typos in titles) are the matcher's job and are
reported as D402 possible-duplicate by ``rules/possible_duplicates.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

from refs.check.context import CheckContext, Record
from refs.check.registry import rule
from refs.model.diagnostic import Diagnostic, Severity
from refs.model.reference import Reference
from refs.text.ids import normalize_doi
from refs.text.titles import fold_title


def _authors(ref: Reference) -> tuple[str, ...]:
    names = ref.author or ref.editor
    return tuple(fold_title(n.family or n.literal or "") for n in names)


def identity_keys(ref: Reference) -> list[tuple[str, str]]:
    """(kind, key) pairs under which two records are the same work."""
    keys = []
    doi = normalize_doi(ref.doi)
    if doi:
        keys.append(("DOI", doi))
    if not ref.title or ref.year is None:
        return keys
    title = fold_title(ref.title)
    authors = _authors(ref)
    if title and authors:
        keys.append(("title, authors and year", f"{title}|{'/'.join(authors)}|{ref.year}"))
    return keys


@rule(code="D401", name="duplicate-work", severity=Severity.WARNING)
def duplicate_work(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two entries describe the same work (same DOI, or same title, authors and year).

    ## What it does
    Compares entries by normalised DOI, and by title folded for case, accents,
    LaTeX and punctuation together with the authors' family names (editors when
    there are no authors) and the year. Reports every later entry that matches an
    earlier one. Entries with different keys are the point: same keys are E201.

    ## Why
    Two keys for one work split its citations: the bibliography lists it twice, and
    edits made to one copy never reach the other.

    ## Example
    ```bibtex
    @book{zabortseva2016russia, title = {Russia's Relations with Kazakhstan}, ...}
    @book{zabortseva2016rus, title = {Russia’s relations with Kazakhstan.}, ...}
    ```

    ## Fix
    Merge the two entries (``refs dedupe`` keeps the old key as an alias in
    ``ids``), or, if they really are different works, make their metadata say so.
    """
    seen: dict[tuple[str, str], Record] = {}
    for record in ctx.records():
        if record.ref is None:
            continue
        for kind, key in identity_keys(record.ref):
            first = seen.get((kind, key))
            if first is None:
                seen[(kind, key)] = record
                continue
            if first.key == record.key:
                break  # the same key twice is E201's finding
            yield ctx.diagnostic(
                "D401", f"same {kind} as '{first.key}' (line {first.line})", record=record,
                subject=first.key, hint="merge the two entries, e.g. with `refs dedupe`")
            break
