"""THE matcher: "are these two References the same work, and how sure are we?"

Used by deduplication, by enrichment (accepting a DOI found by search) and by claim
mapping (resolving a note to a library entry), so it returns its reasons, not just a
number: one :class:`Evidence` per field with a verdict (agree / conflict / missing /
veto), a human-readable detail and the weight it added.

How the score is made (Fellegi-Sunter in spirit, hand-set weights): every field adds a
log-odds weight -- positive when it agrees, negative when it conflicts, nothing when it
is missing on either side -- to a prior that says "two random records are probably
different"; the sum goes through a logistic curve to give a score in 0..1. Weights are
set by what each field *means*, not fitted to a test set: an identical long title is
strong evidence, a different volume only weak (sources disagree about volumes all the
time: Laumulin & Shaken appear as 49(1) and as 9(1)). A *veto* is knowledge that two
records are different works however alike they look (a book and a chapter of it, an
erratum, a review, two volumes, two editions, different DOIs); it caps the score. An
equal DOI decides "same" outright.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from refs.config import DedupeSettings
from refs.match import fields
from refs.match.evidence import Decision, Evidence, MatchResult
from refs.match.normalize import Features, features
from refs.model.reference import Reference

__all__ = ["UNSURE_FLOOR", "Evidence", "MatchResult", "compare", "compare_features",
           "surely_different"]

#: below this score a pair is "different"; between it and the threshold, "unsure"
UNSURE_FLOOR = 0.5
#: log-odds that two records picked for comparison are the same work, before evidence
PRIOR = -3.0
#: the score a veto caps a pair at (well below any sensible threshold)
VETO_CAP = 0.02


#: the most the non-title evidence can add (author, year, container, volume, issue,
#: pages, publisher, edition) -- without DOI or ISBN, which can add more
_MAX_OTHER = 3.0 + 1.0 + 1.0 + 0.5 + 0.3 + 1.5 + 0.3 + 0.5 + 0.5


def surely_different(a: Features, b: Features) -> bool:
    """True when the titles alone make "different" certain, whatever else agrees.

    A cheap pre-check for bulk use (blocking yields many pairs that merely share an
    author and a year): with titles that differ outright (weight -6) and no DOI or
    ISBN pair that could outweigh them, the score stays below UNSURE_FLOOR even if
    every other field agrees, so the full comparison can be skipped.
    """
    if (a.doi and b.doi) or (a.isbns and b.isbns) or not a.title or not b.title:
        return False
    title = fields.title(a, b)
    return _logistic(PRIOR + title.weight + _MAX_OTHER) < UNSURE_FLOOR


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def compare_features(
    a: Features,
    b: Features,
    *,
    settings: DedupeSettings | None = None,
    doi_aliases: Mapping[str, str] | None = None,
) -> MatchResult:
    """:func:`compare` on pre-folded :class:`Features` (what dedupe calls in bulk)."""
    settings = settings or DedupeSettings()
    evidence: list[Evidence] = []
    if a.doi and b.doi:
        aliases = doi_aliases or {}
        da, db = aliases.get(a.doi, a.doi), aliases.get(b.doi, b.doi)
        if da == db:
            evidence.append(Evidence("DOI", "agree", f"same DOI {a.doi}", 20.0))
        else:
            evidence.append(Evidence("DOI", "veto", f"different DOIs {a.doi} vs {b.doi}"))
    else:
        evidence.append(Evidence("DOI", "missing", "no DOI on one side"))
    evidence.append(fields.title(a, b))
    authors = fields.authors(a.authors, b.authors, "author")
    if authors.verdict == "missing" and (a.editors or b.editors):
        authors = fields.authors(a.authors or a.editors, b.authors or b.editors, "author/editor")
    evidence.append(authors)
    evidence.append(fields.year(a, b))
    evidence.append(fields.container(a, b))
    evidence.append(fields.equal_field("volume", a.volume, b.volume, 0.5, -1.5))
    evidence.append(fields.equal_field("issue", a.issue, b.issue, 0.3, -0.5))
    evidence.append(fields.equal_field("page", a.page_first, b.page_first, 1.5, -2.0))
    if a.page_first and a.page_first == b.page_first:
        evidence.append(fields.equal_field("page-end", a.page_last, b.page_last, 0.3, -0.3))
    if a.publisher and b.publisher:
        sim = fields.ratio(a.publisher, b.publisher)
        evidence.append(
            Evidence("publisher", "agree", a.publisher, 0.5) if sim >= 0.8
            else Evidence("publisher", "conflict", f"{a.publisher} vs {b.publisher}", -0.5)
        )
    if a.isbns and b.isbns:
        evidence.append(
            Evidence("ISBN", "agree", "an ISBN in common", 4.0) if a.isbns & b.isbns
            else Evidence("ISBN", "conflict", "no ISBN in common", -2.0)
        )
    if a.edition and b.edition and a.edition == b.edition:
        evidence.append(Evidence("edition", "agree", a.edition, 0.5))
    vetoes = fields.vetoes(a, b, settings)
    if settings.merge_editions and a.edition and b.edition and a.edition != b.edition:
        evidence.append(Evidence("edition", "conflict", f"{a.edition} vs {b.edition}", -0.5))
    evidence.extend(vetoes)
    same_doi = evidence[0].verdict == "agree"
    score = _logistic(PRIOR + sum(e.weight for e in evidence))
    if same_doi:
        score = 1.0
    elif any(e.verdict == "veto" for e in evidence):
        score = min(score, VETO_CAP)
    decision: Decision
    if score >= settings.threshold:
        decision = "same"
    elif score < UNSURE_FLOOR:
        decision = "different"
    else:
        decision = "unsure"
    return MatchResult(round(score, 4), decision, tuple(evidence))


def compare(
    a: Reference,
    b: Reference,
    *,
    settings: DedupeSettings | None = None,
    doi_aliases: Mapping[str, str] | None = None,
) -> MatchResult:
    """Are ``a`` and ``b`` the same work? A score, a decision and per-field evidence.

    ``settings.threshold`` is the score from which the decision is "same";
    ``settings.merge_editions`` lets two editions of a book count as one work.
    ``doi_aliases`` maps a DOI to the canonical DOI it is an alias of, so that two
    different DOIs of one work do not veto the pair.
    """
    return compare_features(
        features(a), features(b), settings=settings, doi_aliases=doi_aliases
    )
