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
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz import fuzz

from refs.config import DedupeSettings
from refs.match.normalize import STOPWORDS, Features, Person, features
from refs.model.reference import Reference

__all__ = ["UNSURE_FLOOR", "Evidence", "MatchResult", "compare", "compare_features",
           "surely_different"]

Verdict = Literal["agree", "conflict", "missing", "veto"]
Decision = Literal["same", "different", "unsure"]

#: below this score a pair is "different"; between it and the threshold, "unsure"
UNSURE_FLOOR = 0.5
#: log-odds that two records picked for comparison are the same work, before evidence
PRIOR = -3.0
#: the score a veto caps a pair at (well below any sensible threshold)
VETO_CAP = 0.02


class Evidence(NamedTuple):
    """What one field says about the pair: verdict, why (for people) and its weight.

    A NamedTuple (immutable, cheap to build: a dozen per compared pair).
    """

    field: str
    verdict: Verdict
    detail: str
    weight: float = 0.0

    def __str__(self) -> str:
        sign = f" ({self.weight:+.1f})" if self.weight else ""
        return f"{self.field}: {self.verdict}: {self.detail}{sign}"


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The matcher's answer: a score in 0..1, a decision and the evidence behind it."""

    score: float
    decision: Decision
    evidence: tuple[Evidence, ...]

    @property
    def vetoes(self) -> list[Evidence]:
        """Evidence that rules the pair out whatever the other fields say."""
        return [e for e in self.evidence if e.verdict == "veto"]

    @property
    def conflicts(self) -> list[Evidence]:
        """Fields whose values disagree (not counting vetoes)."""
        return [e for e in self.evidence if e.verdict == "conflict"]

    def explain(self) -> str:
        """One line per evidence item, for reports and ``--format text``."""
        head = f"{self.decision} (score {self.score:.3f})"
        return "\n".join([head, *(f"  {e}" for e in self.evidence)])


def _sim(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


def _title(a: Features, b: Features) -> Evidence:
    if not a.title or not b.title:
        return Evidence("title", "missing", "no title on one side")
    if a.title == b.title:
        sim, how = 1.0, "identical after folding"
    else:
        sim, how = _sim(a.title, b.title), "similar"
        short, long_ = sorted((a.title, b.title), key=len)
        n_short = len(short.split())
        if n_short >= 4 and long_.startswith(short + " "):
            sim, how = max(sim, 0.95), "one is a truncation or lacks the subtitle"
        elif n_short >= 4 and f" {short} " in f" {long_} ":
            sim, how = max(sim, 0.93), "one title contains the other (extra words around it)"
        elif a.main_title == b.main_title and len(a.main_title.split()) >= 3:
            sim, how = max(sim, 0.85), "same main title, subtitles differ"
        elif (a.main_title == b.title or b.main_title == a.title) and n_short >= 2:
            sim, how = max(sim, 0.95), "same main title, subtitle missing on one side"
    informative = [w for w in a.title_words if w not in STOPWORDS]
    strong = 5.0 if len(informative) >= 3 else 2.5
    detail = f"{how} ({sim:.2f})"
    if sim >= 0.97:
        return Evidence("title", "agree", detail, strong)
    if sim >= 0.92:
        return Evidence("title", "agree", detail, strong - 1.0)
    if sim >= 0.85:
        return Evidence("title", "agree", detail, 1.5)
    if sim >= 0.75:
        return Evidence("title", "conflict", f"titles only partly alike ({sim:.2f})", -1.5)
    return Evidence("title", "conflict", f"titles differ ({sim:.2f})", -6.0)


def _same_person(p: Person, q: Person) -> bool:
    if p.family == q.family:
        return True
    if len(p.family) >= 4 and len(q.family) >= 4 and _sim(p.family, q.family) >= 0.85:
        return True  # transliteration / typo: Zabortseva ~ Zabortzeva
    # a name whose parts were swapped ("Murat Laumulin" read as family "Murat")
    return bool(p.tokens & q.tokens) and (p.family in q.tokens or q.family in p.tokens)


def _authors(a: tuple[Person, ...], b: tuple[Person, ...], field: str) -> Evidence:
    if not a or not b:
        return Evidence(field, "missing", "no names on one side")
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    matched = 0
    initial_clash: list[str] = []
    used: set[int] = set()
    for p in short:
        for j, q in enumerate(long_):
            if j not in used and _same_person(p, q):
                used.add(j)
                matched += 1
                if (p is short[0] and p.initials and q.initials
                        and p.initials[0] != q.initials[0]
                        and not (p.transliterated or q.transliterated)):
                    initial_clash.append(p.family)  # first author only: parsers garble the rest
                break
    first = _same_person(a[0], b[0]) or (
        len(a) > 1 and len(b) > 1 and _same_person(a[0], b[1]) and _same_person(a[1], b[0])
    )
    if matched == 0:
        words_a = set().union(*(p.tokens for p in a))
        words_b = set().union(*(p.tokens for p in b))
        if not words_a & words_b:
            return Evidence(field, "veto", "no name in common: a different work by others")
        return Evidence(field, "conflict", "no family name in common", -4.0)
    frac = matched / len(short)
    detail = f"{matched} of {len(short)} names match"
    if initial_clash:
        return Evidence(
            field, "conflict", f"{detail}, but given initials differ for {initial_clash[0]}",
            -3.0,
        )
    if first and frac >= 0.5:
        weight = 3.0 if frac == 1.0 else 2.0
        if len(a) != len(b):
            detail += f" (lists of {len(a)} and {len(b)}: et al. or omission)"
        return Evidence(field, "agree", detail, weight)
    return Evidence(field, "conflict", f"{detail}; first author differs", -1.5)


def _year(a: Features, b: Features) -> Evidence:
    if a.year is None or b.year is None:
        return Evidence("year", "missing", "no year on one side")
    gap = abs(a.year - b.year)
    if gap == 0:
        return Evidence("year", "agree", str(a.year), 1.0)
    if gap == 1:
        return Evidence("year", "agree", f"{a.year} vs {b.year}: online-first or reprint?", 0.2)
    return Evidence("year", "conflict", f"{a.year} vs {b.year}", -2.5 if gap < 4 else -4.0)


def _abbreviates(short: list[str], long_: list[str]) -> bool:
    """Every word of ``short`` starts a word of ``long_``, in order (J. Pol. Sci.)."""
    i = 0
    for w in short:
        while i < len(long_) and not long_[i].startswith(w):
            i += 1
        if i == len(long_):
            return False
        i += 1
    return True


def _container(a: Features, b: Features) -> Evidence:
    if not a.container or not b.container:
        return Evidence("container-title", "missing", "no container on one side")
    sim = _sim(a.container, b.container)
    wa = [w for w in a.container.split() if w not in STOPWORDS]
    wb = [w for w in b.container.split() if w not in STOPWORDS]
    if wa and wb and (_abbreviates(wa, wb) or _abbreviates(wb, wa)):
        sim = max(sim, 0.9)
    if sim >= 0.85:
        how = "identical" if sim == 1.0 else f"alike ({sim:.2f}: spelling or abbreviation)"
        return Evidence("container-title", "agree", how, 1.0)
    if sim >= 0.6:
        return Evidence("container-title", "agree", f"partly alike ({sim:.2f})", 0.0)
    return Evidence("container-title", "conflict", f"differ ({sim:.2f})", -1.0)


def _equal_field(name: str, x: str, y: str, agree: float, conflict: float) -> Evidence:
    if not x or not y:
        return Evidence(name, "missing", "absent on one side")
    if x == y:
        return Evidence(name, "agree", x, agree)
    return Evidence(name, "conflict", f"{x} vs {y}", conflict)


def _vetoes(a: Features, b: Features, settings: DedupeSettings) -> list[Evidence]:
    out: list[Evidence] = []
    kinds = {a.kind, b.kind}
    if a.is_erratum != b.is_erratum:
        out.append(Evidence("type", "veto", "one is an erratum/correction of the other"))
    if a.is_review != b.is_review:
        out.append(Evidence("type", "veto", "one is a review of the other"))
    if kinds == {"book", "chapter"}:
        out.append(Evidence("type", "veto", "a book and a chapter of it"))
    elif a.kind != b.kind and a.title and (
        (a.container and _sim(a.container, b.title) >= 0.9)
        or (b.container and _sim(b.container, a.title) >= 0.9)
    ):
        out.append(Evidence("type", "veto", "one is contained in the other"))
    if kinds == {"conference", "article"}:
        out.append(
            Evidence("type", "veto", "a conference paper and a journal article (later version)")
        )
    elif len(kinds) == 2 and kinds & {"report", "thesis"} and kinds & {"conference", "article",
                                                                       "book"}:
        out.append(Evidence("type", "veto", "a report or thesis and its published version"))
    if a.title_volume and b.title_volume and a.title_volume != b.title_volume:
        out.append(Evidence("volume", "veto", f"volume {a.title_volume} vs {b.title_volume}"))
    elif (
        a.kind == b.kind == "book" and a.volume and b.volume and a.volume != b.volume
    ):
        detail = f"two volumes of one work ({a.volume} vs {b.volume})"
        out.append(Evidence("volume", "veto", detail))
    if a.edition and b.edition and a.edition != b.edition and not settings.merge_editions:
        out.append(Evidence("edition", "veto", f"edition {a.edition} vs {b.edition}"))
    return out


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
    title = _title(a, b)
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
    evidence.append(_title(a, b))
    authors = _authors(a.authors, b.authors, "author")
    if authors.verdict == "missing" and (a.editors or b.editors):
        authors = _authors(a.authors or a.editors, b.authors or b.editors, "author/editor")
    evidence.append(authors)
    evidence.append(_year(a, b))
    evidence.append(_container(a, b))
    evidence.append(_equal_field("volume", a.volume, b.volume, 0.5, -1.5))
    evidence.append(_equal_field("issue", a.issue, b.issue, 0.3, -0.5))
    evidence.append(_equal_field("page", a.page_first, b.page_first, 1.5, -2.0))
    if a.page_first and a.page_first == b.page_first:
        evidence.append(_equal_field("page-end", a.page_last, b.page_last, 0.3, -0.3))
    if a.publisher and b.publisher:
        sim = _sim(a.publisher, b.publisher)
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
    vetoes = _vetoes(a, b, settings)
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
