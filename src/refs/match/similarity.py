"""THE matcher: "are these two References the same work, and how sure are we?"

Used by deduplication, by enrichment (accepting a DOI found by search) and by claim
mapping (resolving a note to a library entry), so it returns its reasons, not just a
number: one :class:`Evidence` per field with a verdict (agree / conflict / missing /
veto), a human-readable detail and the weight it added.

How the score is made (Fellegi-Sunter in spirit, a logistic regression in practice): every
field names the situation it is in -- a *feature* such as ``title:exact``,
``author:initials-clash``, ``volume:one-side`` or ``venue:one-side`` -- and adds that
feature's log-odds weight to an intercept; the sum goes through a logistic curve to give
a score in 0..1. The weights are *learned* by ``scripts/train_matcher.py`` (logistic
regression, L2-regularised, on labelled Cora citation pairs plus synthetic perturbed
duplicates) and stored in :mod:`refs.match.weights`; features training saw too rarely
keep the hand-set weight of :data:`refs.match.fields.HAND_WEIGHTS`. Every Evidence
carries its feature and the weight it added, so a score can always be explained.

What is *not* learned is knowledge: a *veto* says two records are different works
however alike they look (a book and a chapter of it, an erratum, a review, two volumes,
two editions, different DOIs, a conference paper and its journal version) and caps the
score; an equal DOI decides "same" outright. A record without a title is never "same"
as another on author and year alone: without a shared DOI or ISBN its score is capped
at :data:`UNTITLED_CAP` ("unsure" at most).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from refs.config import DedupeSettings
from refs.match import fields, weights
from refs.match.evidence import Decision, Evidence, MatchResult
from refs.match.normalize import Features, features
from refs.model.reference import Reference

__all__ = ["DEFAULT_WEIGHTS", "UNSURE_FLOOR", "Evidence", "MatchResult", "MatcherWeights",
           "compare", "compare_features", "surely_different"]

#: below this score a pair is "different"; between it and the threshold, "unsure"
UNSURE_FLOOR = 0.5
#: the score a veto caps a pair at (well below any sensible threshold)
VETO_CAP = 0.02
#: the most a pair without a title on one side can score (no DOI or ISBN in common):
#: author and year alone cannot tell which of an author's works a record means
UNTITLED_CAP = UNSURE_FLOOR
#: fields whose weights can only be outweighed by an identifier, not by other fields
_IDENTIFIERS = {"title", "DOI", "ISBN"}


@dataclass(frozen=True, slots=True)
class MatcherWeights:
    """A weight table: log-odds intercept plus one weight per feature name.

    ``max_other`` (derived) is the most the non-title, non-identifier evidence can add;
    :func:`surely_different` needs it.
    """

    intercept: float
    table: Mapping[str, float]
    max_other: float

    @classmethod
    def of(cls, intercept: float, table: Mapping[str, float]) -> MatcherWeights:
        """Weights from an intercept and a feature table (missing features weigh 0)."""
        best: dict[str, float] = {}
        for name, value in table.items():
            group = name.split(":")[0]
            if group not in _IDENTIFIERS:
                best[group] = max(best.get(group, 0.0), value)
        return cls(intercept, dict(table), sum(best.values()))


#: the shipped weights (fitted by scripts/train_matcher.py, see refs.match.weights)
DEFAULT_WEIGHTS = MatcherWeights.of(weights.INTERCEPT, weights.WEIGHTS)


def surely_different(a: Features, b: Features, w: MatcherWeights = DEFAULT_WEIGHTS) -> bool:
    """True when the titles alone make "different" certain, whatever else agrees.

    A cheap pre-check for bulk use (blocking yields many pairs that merely share an
    author and a year): with titles that differ outright and no DOI or ISBN pair that
    could outweigh them, the score stays below UNSURE_FLOOR even if every other field
    takes its best weight, so the full comparison can be skipped.
    """
    if (a.doi and b.doi) or (a.isbns and b.isbns) or not a.title or not b.title:
        return False
    title = fields.title(a, b, w.table)
    return _logistic(w.intercept + title.weight + w.max_other) < UNSURE_FLOOR


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def compare_features(
    a: Features,
    b: Features,
    *,
    settings: DedupeSettings | None = None,
    doi_aliases: Mapping[str, str] | None = None,
    weights: MatcherWeights | None = None,
) -> MatchResult:
    """:func:`compare` on pre-folded :class:`Features` (what dedupe calls in bulk)."""
    settings = settings or DedupeSettings()
    model = weights or DEFAULT_WEIGHTS
    w = model.table
    evidence: list[Evidence] = []
    if a.doi and b.doi:
        aliases = doi_aliases or {}
        da, db = aliases.get(a.doi, a.doi), aliases.get(b.doi, b.doi)
        if da == db:
            evidence.append(Evidence("DOI", "agree", f"same DOI {a.doi}", 20.0, "DOI:agree"))
        else:
            evidence.append(Evidence("DOI", "veto", f"different DOIs {a.doi} vs {b.doi}"))
    else:
        evidence.append(Evidence("DOI", "missing", "no DOI on one side"))
    evidence.append(fields.title(a, b, w))
    authors = fields.authors(a.authors, b.authors, "author", w)
    if authors.verdict == "missing" and (a.editors or b.editors):
        authors = fields.authors(a.authors or a.editors, b.authors or b.editors,
                                 "author/editor", w)
    evidence.append(authors)
    evidence.append(fields.year(a, b, w))
    evidence.append(fields.container(a, b, w))
    evidence.append(fields.equal_field("volume", a.volume, b.volume, w))
    evidence.append(fields.equal_field("issue", a.issue, b.issue, w))
    evidence.append(fields.equal_field("page", a.page_first, b.page_first, w))
    if a.page_first and a.page_first == b.page_first and a.page_last and b.page_last:
        evidence.append(fields.equal_field("page-end", a.page_last, b.page_last, w))
    evidence.append(fields.publisher(a, b, w))
    evidence.append(fields.venue(a, b, w))
    evidence.append(fields.kinds(a, b, w))
    evidence.extend(fields.identifiers(a, b, w))
    evidence.extend(fields.vetoes(a, b, settings, w))
    score = _logistic(model.intercept + sum(e.weight for e in evidence))
    same_doi = evidence[0].verdict == "agree"
    untitled = evidence[1].verdict == "missing" and not any(
        e.field == "ISBN" and e.verdict == "agree" for e in evidence)
    if same_doi:
        score = 1.0
    elif any(e.verdict == "veto" for e in evidence):
        score = min(score, VETO_CAP)
    elif untitled:
        score = min(score, UNTITLED_CAP)
    decision: Decision
    if score >= settings.threshold and not (untitled and not same_doi):
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
