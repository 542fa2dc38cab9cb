"""D402: two entries that are probably one work, judged by the dedupe matcher.

Exact duplicates (same DOI, or same folded title, authors and year) are D401's; this
rule reports the rest of what :func:`refs.dedupe.scored_pairs` finds -- pairs the
matcher calls "same" or "unsure" -- with the score and the fields that disagree, so a
person can decide (``refs dedupe`` merges them).
"""

from __future__ import annotations

from collections.abc import Iterator

from refs.check.context import CheckContext, Record
from refs.check.registry import rule
from refs.check.rules.duplicates import identity_keys
from refs.dedupe import PairMatch, scored_pairs
from refs.model.diagnostic import Diagnostic, Severity


@rule(code="D402", name="possible-duplicate", severity=Severity.WARNING)
def possible_duplicate(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two entries are probably the same work, though their metadata differ.

    ## What it does
    Runs the deduplication matcher (the one ``refs dedupe`` uses) over the library:
    candidate pairs from blocking keys, then a field-by-field comparison tolerant of
    case, accents, LaTeX, subtitles, initials, journal abbreviations and typos. Reports
    each later entry of a pair whose decision is "same" or "unsure" once, against its
    likeliest earlier twin, with the score and the fields that conflict. Pairs that
    are exact duplicates are left to D401; pairs the matcher knows are different
    works (a book and its chapter, two editions, a review, an erratum) are not
    reported.

    ## Why
    Records of one work imported from different sources rarely agree letter for
    letter (``Central Asia and the Caucuses 49(1)`` vs ``CENTRAL ASIA AND THE
    CAUCASUS 9(1)``), so exact comparison misses them and the work ends up cited
    under two keys with two sets of errors.

    ## Example
    ```bibtex
    @article{laumulin2008, author = {Laumulin, Murat and Shaken, Mukhtar},
      title = {Kazakhstan and Russia: ...}, journal = {Central Asia and the Caucuses},
      volume = {49}, pages = {112--122}, year = {2008}}
    @article{LAUMULIN2008, author = {LAUMULIN, M. and SHAKEN, M.},
      title = {KAZAKHSTAN AND RUSSIA: ...}, journal = {CENTRAL ASIA AND THE CAUCASUS},
      volume = {9}, pages = {112--124}, year = {2008}}
    ```

    ## Fix
    Run ``refs dedupe FILE`` to see the evidence and conflicts, then
    ``refs dedupe --apply`` (or ``--interactive``) to merge; old keys stay as
    aliases in ``ids``. If they are different works, make the metadata say so
    (edition, volume, entry type).
    """
    records = [r for r in ctx.records() if r.ref is not None]
    refs = [r.ref for r in records if r.ref is not None]
    best: dict[int, PairMatch] = {}  # one finding per entry: its likeliest earlier twin
    for pair in scored_pairs(refs, ctx.settings):
        if pair.result.decision == "different" or pair.key_a == pair.key_b:
            continue
        if set(identity_keys(refs[pair.i])) & set(identity_keys(refs[pair.j])):
            continue  # an exact duplicate: D401 reports it
        if pair.j not in best or pair.result.score > best[pair.j].result.score:
            best[pair.j] = pair
    for j in sorted(best):
        pair = best[j]
        first: Record = records[pair.i]
        conflicts = ", ".join(f"{e.field} {e.detail}" for e in pair.result.conflicts)
        detail = f"; conflicts: {conflicts}" if conflicts else ""
        yield ctx.diagnostic(
            "D402",
            f"probably the same work as '{pair.key_a}' (line {first.line}), "
            f"{pair.result.decision}, score {pair.result.score:.3f}{detail}",
            record=records[j],
            subject=pair.key_a,
            hint="review with `refs dedupe`; merge with `refs dedupe --apply`",
        )
