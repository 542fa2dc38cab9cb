"""Field-by-field evidence for the matcher, and the vetoes: works that only look alike.

Each function compares one field of two pre-folded :class:`~refs.match.normalize.Features`,
names the situation it found -- a *feature* such as ``title:exact``, ``author:initials-clash``
or ``volume:one-side`` -- and returns :class:`~refs.match.evidence.Evidence` carrying that
feature's log-odds weight from the table it is given (the learned one in
:mod:`refs.match.weights`; :data:`HAND_WEIGHTS` for features training saw too rarely).
The feature names are the columns of the logistic regression in
``scripts/train_matcher.py``, so what is learned is exactly what a report shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from refs.config import DedupeSettings
from refs.match.evidence import Evidence
from refs.match.normalize import STOPWORDS, Features, Person

__all__ = ["HAND_INTERCEPT", "HAND_WEIGHTS", "Weights", "abbreviates", "authors",
           "changed_word", "container", "equal_field", "identifiers", "kinds", "publisher",
           "ratio", "same_person", "title", "venue", "vetoes", "year"]

Weights = Mapping[str, float]

#: log-odds that two records blocking proposes are one work, before any evidence: the
#: prior of a typical library, kept by training (see scripts/train_matcher.py)
HAND_INTERCEPT = -3.0
#: the weights set by hand from what each situation means (the matcher before training);
#: training keeps these for features it saw too rarely to estimate (ISBN, edition...)
HAND_WEIGHTS: dict[str, float] = {
    "title:exact": 5.0, "title:exact-short": 2.5, "title:near": 4.0, "title:near-short": 1.5,
    "title:truncated": 4.0, "title:contained": 4.0, "title:main-title": 1.5,
    "title:partial": 1.5, "title:weak": -1.5, "title:differ": -6.0,
    "author:all": 3.0, "author:most": 2.0, "author:initials-clash": -3.0,
    "author:first-differs": -1.5, "author:none": -4.0,
    "year:equal": 1.0, "year:off-by-one": 0.2, "year:near": -2.5, "year:far": -4.0,
    "container:alike": 1.0, "container:partial": 0.0, "container:differ": -1.0,
    "volume:agree": 0.5, "volume:conflict": -1.5, "issue:agree": 0.3, "issue:conflict": -0.5,
    "page:agree": 1.5, "page:conflict": -2.0, "page-end:agree": 0.3, "page-end:conflict": -0.3,
    "publisher:agree": 0.5, "publisher:conflict": -0.5, "ISBN:agree": 4.0,
    "ISBN:conflict": -2.0, "edition:agree": 0.5, "edition:conflict": -0.5,
    **{f"type:{pair}": -1.5 for pair in ("article|report", "conference|report", "book|report",
                                         "article|thesis", "conference|thesis", "book|thesis")},
}


def _ev(w: Weights, feature: str, field: str, verdict: str, detail: str) -> Evidence:
    return Evidence(field, verdict, detail, w.get(feature, 0.0), feature)  # type: ignore[arg-type]


def ratio(a: str, b: str) -> float:
    """rapidfuzz's normalised Indel similarity in 0..1 (1.0: identical)."""
    return fuzz.ratio(a, b) / 100.0


def _presence(w: Weights, name: str, field: str, x: object, y: object) -> Evidence:
    """The "missing" evidence of a field: absent on one side, or on both."""
    if x or y:
        return _ev(w, f"{name}:one-side", field, "missing", "absent on one side")
    return _ev(w, f"{name}:neither", field, "missing", "absent on both sides")


def title(a: Features, b: Features, w: Weights) -> Evidence:
    """Titles: equal after folding, truncated, subtitle missing, contained, or typo'd.

    Short titles (fewer than three informative words) get their own features: "Neural
    networks" agreeing says far less than a ten-word title agreeing.
    """
    if not a.title or not b.title:
        return _presence(w, "title", "title", a.title, b.title)
    informative = [x for x in a.title_words if x not in STOPWORDS]
    short = "-short" if len(informative) < 3 else ""
    if a.title == b.title:
        return _ev(w, "title:exact" + short, "title", "agree", "identical after folding")
    sim = ratio(a.title, b.title)
    band = _band(a, b, w, short, sim)
    # a word negated or a number changed makes alike titles another work's; titles that
    # already conflict stay as far apart as their band says
    if band.verdict == "agree" and (changed := changed_word(a.title, b.title)) is not None:
        return _ev(w, "title:weak", "title", "conflict",
                   f"titles differ in a word: {changed[0]!r} vs {changed[1]!r} ({sim:.2f})")
    return band


def _band(a: Features, b: Features, w: Weights, short: str, sim: float) -> Evidence:
    """The title evidence of two different folded titles, by how alike they are."""
    shorter, longer = sorted((a.title, b.title), key=len)
    n_short = len(shorter.split())
    if sim >= 0.92:
        return _ev(w, "title:near" + short, "title", "agree", f"nearly identical ({sim:.2f})")
    if n_short >= 4 and longer.startswith(shorter + " "):
        return _ev(w, "title:truncated", "title", "agree",
                   "one is a truncation or lacks the subtitle")
    if (a.main_title == b.title or b.main_title == a.title) and n_short >= 2:
        return _ev(w, "title:truncated", "title", "agree",
                   "same main title, subtitle missing on one side")
    if n_short >= 4 and f" {shorter} " in f" {longer} ":
        return _ev(w, "title:contained", "title", "agree",
                   "one title contains the other (extra words around it)")
    if a.main_title == b.main_title and len(a.main_title.split()) >= 3:
        return _ev(w, "title:main-title", "title", "agree", "same main title, subtitles differ")
    if sim >= 0.85:
        return _ev(w, "title:partial", "title", "agree", f"alike ({sim:.2f})")
    if sim >= 0.75:
        return _ev(w, "title:weak", "title", "conflict", f"titles only partly alike ({sim:.2f})")
    return _ev(w, "title:differ", "title", "conflict", f"titles differ ({sim:.2f})")


#: prefixes that turn a word into its opposite (agree / disagree, able / unable)
_NEGATIONS = ("dis", "un", "non", "in", "im", "ir", "il", "mis", "anti", "a")


def changed_word(a: str, b: str) -> tuple[str, str] | None:
    """The first word of one folded title that stands where the other has its negation
    (``agree`` / ``disagree``) or another number (``2`` / ``3``), or None.

    Why: such a change moves the character similarity little ("year and date disagree"
    / "year and date agree" is 0.93, as alike as most typos), yet it names another
    work. Other one-word changes are left to the similarity: in Cora most of them are
    citations misquoting one title (``the cascade correlation learning architecture``
    / ``... algorithm``), and typos, plurals and OCR slips are the same word.
    """
    wa, wb = a.split(), b.split()
    for op, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op != "replace" or i2 - i1 != j2 - j1:
            continue
        for x, y in zip(wa[i1:i2], wb[j1:j2], strict=True):
            if _opposite(x, y):
                return x, y
    return None


def _opposite(x: str, y: str) -> bool:
    if x.isdigit() and y.isdigit():
        return x != y
    short, long_ = sorted((x, y), key=len)
    return len(short) >= 3 and any(long_ == p + short for p in _NEGATIONS)


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


def authors(a: tuple[Person, ...], b: tuple[Person, ...], field: str, w: Weights) -> Evidence:
    """Name lists: how many match, whether the first author does, initials clash."""
    if not a or not b:
        return _presence(w, "author", field, a, b)
    n_short = min(len(a), len(b))
    # both directions, so that compare(a, b) == compare(b, a) even for equal lengths
    matched = max(_matches(a, b) if len(a) <= len(b) else 0,
                  _matches(b, a) if len(b) <= len(a) else 0)
    p, q = a[0], b[0]
    initial_clash = (same_person(p, q) and p.initials and q.initials
                     and p.initials[0] != q.initials[0]
                     and not (p.transliterated or q.transliterated))
    first = same_person(a[0], b[0]) or (
        len(a) > 1 and len(b) > 1 and same_person(a[0], b[1]) and same_person(a[1], b[0])
    )
    if matched == 0:
        words_a = set().union(*(p.tokens for p in a))
        words_b = set().union(*(p.tokens for p in b))
        if not words_a & words_b:
            return Evidence(field, "veto", "no name in common: a different work by others")
        return _ev(w, "author:none", field, "conflict", "no family name in common")
    frac = matched / n_short
    detail = f"{matched} of {n_short} names match"
    if initial_clash:  # first authors only: parsers garble the rest
        return _ev(w, "author:initials-clash", field, "conflict",
                   f"{detail}, but given initials differ for {p.family}")
    if first and frac >= 0.5:
        if len(a) != len(b):
            detail += f" (lists of {len(a)} and {len(b)}: et al. or omission)"
        return _ev(w, "author:all" if frac == 1.0 else "author:most", field, "agree", detail)
    return _ev(w, "author:first-differs", field, "conflict", f"{detail}; first author differs")


def year(a: Features, b: Features, w: Weights) -> Evidence:
    """Years: equal, one apart (online-first), or further apart."""
    if a.year is None or b.year is None:
        return _presence(w, "year", "year", a.year, b.year)
    gap = abs(a.year - b.year)
    if gap == 0:
        return _ev(w, "year:equal", "year", "agree", str(a.year))
    if gap == 1:
        return _ev(w, "year:off-by-one", "year", "agree",
                   f"{a.year} vs {b.year}: online-first or reprint?")
    return _ev(w, "year:near" if gap < 4 else "year:far", "year", "conflict",
               f"{a.year} vs {b.year}")


def abbreviates(short: list[str], long_: list[str]) -> bool:
    """Every word of ``short`` starts a word of ``long_``, in order (J. Pol. Sci.)."""
    i = 0
    for x in short:
        while i < len(long_) and not long_[i].startswith(x):
            i += 1
        if i == len(long_):
            return False
        i += 1
    return True


def container(a: Features, b: Features, w: Weights) -> Evidence:
    """Journal/book titles: alike, or one abbreviates the other."""
    if not a.container or not b.container:
        return _presence(w, "container", "container-title", a.container, b.container)
    sim = ratio(a.container, b.container)
    wa = [x for x in a.container.split() if x not in STOPWORDS]
    wb = [x for x in b.container.split() if x not in STOPWORDS]
    if wa and wb and (abbreviates(wa, wb) or abbreviates(wb, wa)):
        sim = max(sim, 0.9)
    if sim >= 0.85:
        how = "identical" if sim == 1.0 else f"alike ({sim:.2f}: spelling or abbreviation)"
        return _ev(w, "container:alike", "container-title", "agree", how)
    if sim >= 0.6:
        return _ev(w, "container:partial", "container-title", "agree", f"partly alike ({sim:.2f})")
    return _ev(w, "container:differ", "container-title", "conflict", f"differ ({sim:.2f})")


def equal_field(name: str, x: str, y: str, w: Weights) -> Evidence:
    """A field that either matches exactly (volume, issue, first page) or conflicts."""
    if not x or not y:
        return _presence(w, name, name, x, y)
    if x == y:
        return _ev(w, f"{name}:agree", name, "agree", x)
    return _ev(w, f"{name}:conflict", name, "conflict", f"{x} vs {y}")


def publisher(a: Features, b: Features, w: Weights) -> Evidence:
    """Publishers (or institutions): alike or not."""
    if not a.publisher or not b.publisher:
        return _presence(w, "publisher", "publisher", a.publisher, b.publisher)
    if ratio(a.publisher, b.publisher) >= 0.8:
        return _ev(w, "publisher:agree", "publisher", "agree", a.publisher)
    return _ev(w, "publisher:conflict", "publisher", "conflict",
               f"{a.publisher} vs {b.publisher}")


def venue(a: Features, b: Features, w: Weights) -> Evidence:
    """Where the work appeared (container, volume, pages) given by one side only.

    A citation that names no venue at all next to one with journal, volume and pages is
    often a different *version* -- the technical report beside the published paper of
    the same title and authors -- and sometimes just a terse citation; how much that
    weighs is learned from data, not assumed.
    """
    has_a = bool(a.container or a.volume or a.page_first)
    has_b = bool(b.container or b.volume or b.page_first)
    if has_a and has_b:
        return _ev(w, "venue:both", "venue", "agree", "both name where the work appeared")
    if has_a or has_b:
        return _ev(w, "venue:one-side", "venue", "missing",
                   "only one names where the work appeared (a report beside the paper?)")
    return _ev(w, "venue:neither", "venue", "missing", "neither names where the work appeared")


def kinds(a: Features, b: Features, w: Weights) -> Evidence:
    """The pair of kinds (article, conference, report...): equal, or which two differ."""
    if a.kind == b.kind:
        return _ev(w, "type:same", "type", "agree", a.kind)
    pair = "|".join(sorted((a.kind, b.kind)))
    return _ev(w, f"type:{pair}", "type", "conflict", f"{a.kind} vs {b.kind}")


def identifiers(a: Features, b: Features, w: Weights) -> list[Evidence]:
    """ISBNs (when both have some) and an equal edition."""
    out = []
    if a.isbns and b.isbns:
        out.append(_ev(w, "ISBN:agree", "ISBN", "agree", "an ISBN in common") if a.isbns & b.isbns
                   else _ev(w, "ISBN:conflict", "ISBN", "conflict", "no ISBN in common"))
    if a.edition and b.edition and a.edition == b.edition:
        out.append(_ev(w, "edition:agree", "edition", "agree", a.edition))
    return out


def vetoes(a: Features, b: Features, settings: DedupeSettings, w: Weights) -> list[Evidence]:
    """Reasons the two are different works however alike they look (and type conflicts)."""
    out: list[Evidence] = []
    kind_set = {a.kind, b.kind}
    if a.is_erratum != b.is_erratum:
        out.append(Evidence("type", "veto", "one is an erratum/correction of the other"))
    if a.is_review != b.is_review:
        out.append(Evidence("type", "veto", "one is a review of the other"))
    if kind_set == {"book", "chapter"}:
        out.append(Evidence("type", "veto", "a book and a chapter of it"))
    elif a.kind != b.kind and a.title and (
        (a.container and ratio(a.container, b.title) >= 0.9)
        or (b.container and ratio(b.container, a.title) >= 0.9)
    ):
        out.append(Evidence("type", "veto", "one is contained in the other"))
    if kind_set == {"conference", "article"}:
        out.append(
            Evidence("type", "veto", "a conference paper and a journal article (later version)")
        )
    elif (len(kind_set) == 2 and kind_set & {"report", "thesis"}
          and kind_set & {"conference", "article", "book"}
          and a.year is not None and b.year is not None and a.year != b.year):
        # a report and its published version usually differ in year; in the same year
        # the types are as likely to be a reader's guess (a report read as an article),
        # which :func:`kinds` weighs
        out.append(Evidence("type", "veto", "a report or thesis and its later version"))
    if a.title_volume and b.title_volume and a.title_volume != b.title_volume:
        out.append(Evidence("volume", "veto", f"volume {a.title_volume} vs {b.title_volume}"))
    elif (
        a.kind == b.kind == "book" and a.volume and b.volume and a.volume != b.volume
    ):
        detail = f"two volumes of one work ({a.volume} vs {b.volume})"
        out.append(Evidence("volume", "veto", detail))
    if a.edition and b.edition and a.edition != b.edition:
        if settings.merge_editions:
            out.append(_ev(w, "edition:conflict", "edition", "conflict",
                           f"{a.edition} vs {b.edition}"))
        else:
            out.append(Evidence("edition", "veto", f"edition {a.edition} vs {b.edition}"))
    return out
