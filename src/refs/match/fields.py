"""Field-by-field evidence for the matcher, and the vetoes: works that only look alike.

Each function compares one field of two pre-folded :class:`~refs.match.normalize.Features`
and returns :class:`~refs.match.evidence.Evidence` with a log-odds weight (see
:mod:`refs.match.similarity` for how the weights add up and why they are what they are).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from refs.config import DedupeSettings
from refs.match.evidence import Evidence
from refs.match.normalize import STOPWORDS, Features, Person

__all__ = ["abbreviates", "authors", "container", "equal_field", "ratio", "same_person",
           "title", "vetoes", "year"]


def ratio(a: str, b: str) -> float:
    """rapidfuzz's normalised Indel similarity in 0..1 (1.0: identical)."""
    return fuzz.ratio(a, b) / 100.0


def title(a: Features, b: Features) -> Evidence:
    """Titles: equal after folding, truncated, subtitle missing, contained, or typo'd."""
    if not a.title or not b.title:
        return Evidence("title", "missing", "no title on one side")
    if a.title == b.title:
        sim, how = 1.0, "identical after folding"
    else:
        sim, how = ratio(a.title, b.title), "similar"
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


def same_person(p: Person, q: Person) -> bool:
    """One person? Equal or near-equal family names, or parts swapped by a parser."""
    if p.family == q.family:
        return True
    if len(p.family) >= 4 and len(q.family) >= 4 and ratio(p.family, q.family) >= 0.85:
        return True  # transliteration / typo: Zabortseva ~ Zabortzeva
    # a name whose parts were swapped ("Murat Laumulin" read as family "Murat")
    return bool(p.tokens & q.tokens) and (p.family in q.tokens or q.family in p.tokens)


def _matches(short: tuple[Person, ...], long_: tuple[Person, ...]) -> int:
    """How many of ``short`` find a distinct partner in ``long_`` (greedy, in order)."""
    matched, used = 0, set()
    for p in short:
        for j, q in enumerate(long_):
            if j not in used and same_person(p, q):
                used.add(j)
                matched += 1
                break
    return matched


def authors(a: tuple[Person, ...], b: tuple[Person, ...], field: str) -> Evidence:
    """Name lists: how many match, whether the first author does, initials clash."""
    if not a or not b:
        return Evidence(field, "missing", "no names on one side")
    n_short = min(len(a), len(b))
    # both directions, so that compare(a, b) == compare(b, a) even for equal lengths
    matched = max(_matches(a, b) if len(a) <= len(b) else 0,
                  _matches(b, a) if len(b) <= len(a) else 0)
    initial_clash: list[str] = []
    p, q = a[0], b[0]
    if (same_person(p, q) and p.initials and q.initials and p.initials[0] != q.initials[0]
            and not (p.transliterated or q.transliterated)):
        initial_clash.append(p.family)  # first authors only: parsers garble the rest
    first = same_person(a[0], b[0]) or (
        len(a) > 1 and len(b) > 1 and same_person(a[0], b[1]) and same_person(a[1], b[0])
    )
    if matched == 0:
        words_a = set().union(*(p.tokens for p in a))
        words_b = set().union(*(p.tokens for p in b))
        if not words_a & words_b:
            return Evidence(field, "veto", "no name in common: a different work by others")
        return Evidence(field, "conflict", "no family name in common", -4.0)
    frac = matched / n_short
    detail = f"{matched} of {n_short} names match"
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


def year(a: Features, b: Features) -> Evidence:
    """Years: equal, one apart (online-first), or further apart."""
    if a.year is None or b.year is None:
        return Evidence("year", "missing", "no year on one side")
    gap = abs(a.year - b.year)
    if gap == 0:
        return Evidence("year", "agree", str(a.year), 1.0)
    if gap == 1:
        return Evidence("year", "agree", f"{a.year} vs {b.year}: online-first or reprint?", 0.2)
    return Evidence("year", "conflict", f"{a.year} vs {b.year}", -2.5 if gap < 4 else -4.0)


def abbreviates(short: list[str], long_: list[str]) -> bool:
    """Every word of ``short`` starts a word of ``long_``, in order (J. Pol. Sci.)."""
    i = 0
    for w in short:
        while i < len(long_) and not long_[i].startswith(w):
            i += 1
        if i == len(long_):
            return False
        i += 1
    return True


def container(a: Features, b: Features) -> Evidence:
    """Journal/book titles: alike, or one abbreviates the other."""
    if not a.container or not b.container:
        return Evidence("container-title", "missing", "no container on one side")
    sim = ratio(a.container, b.container)
    wa = [w for w in a.container.split() if w not in STOPWORDS]
    wb = [w for w in b.container.split() if w not in STOPWORDS]
    if wa and wb and (abbreviates(wa, wb) or abbreviates(wb, wa)):
        sim = max(sim, 0.9)
    if sim >= 0.85:
        how = "identical" if sim == 1.0 else f"alike ({sim:.2f}: spelling or abbreviation)"
        return Evidence("container-title", "agree", how, 1.0)
    if sim >= 0.6:
        return Evidence("container-title", "agree", f"partly alike ({sim:.2f})", 0.0)
    return Evidence("container-title", "conflict", f"differ ({sim:.2f})", -1.0)


def equal_field(name: str, x: str, y: str, agree: float, conflict: float) -> Evidence:
    """A field that either matches exactly (volume, issue, first page) or conflicts."""
    if not x or not y:
        return Evidence(name, "missing", "absent on one side")
    if x == y:
        return Evidence(name, "agree", x, agree)
    return Evidence(name, "conflict", f"{x} vs {y}", conflict)


def vetoes(a: Features, b: Features, settings: DedupeSettings) -> list[Evidence]:
    """Reasons the two are different works however alike they look (and type conflicts)."""
    out: list[Evidence] = []
    kinds = {a.kind, b.kind}
    if a.is_erratum != b.is_erratum:
        out.append(Evidence("type", "veto", "one is an erratum/correction of the other"))
    if a.is_review != b.is_review:
        out.append(Evidence("type", "veto", "one is a review of the other"))
    if kinds == {"book", "chapter"}:
        out.append(Evidence("type", "veto", "a book and a chapter of it"))
    elif a.kind != b.kind and a.title and (
        (a.container and ratio(a.container, b.title) >= 0.9)
        or (b.container and ratio(b.container, a.title) >= 0.9)
    ):
        out.append(Evidence("type", "veto", "one is contained in the other"))
    if kinds == {"conference", "article"}:
        out.append(
            Evidence("type", "veto", "a conference paper and a journal article (later version)")
        )
    elif len(kinds) == 2 and kinds & {"report", "thesis"} and kinds & {"conference", "article",
                                                                       "book"}:
        # a report and its published version usually differ in year; in the same year
        # the types are as likely to be a reader's guess (a report read as an article)
        if a.year is not None and b.year is not None and a.year != b.year:
            out.append(Evidence("type", "veto", "a report or thesis and its later version"))
        else:
            out.append(Evidence("type", "conflict", f"{a.kind} vs {b.kind}", -1.5))
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
