"""Comparison keys for one Reference, computed once and reused for every pair.

Why a separate step: deduplicating 100k entries compares each entry with dozens of
candidates, so folding titles, transliterating names and parsing pages per *pair* would
dominate the run. :func:`features` does that work once per entry and returns a frozen
:class:`Features` that :mod:`refs.match.similarity` and :mod:`refs.match.blocking` read.

Folding is deliberately lossy: case, accents, LaTeX, punctuation and scripts (anyascii
transliterates Cyrillic ``Заборцева`` to ``Zabortseva``) disappear, because the question
here is "could these be the same work?", never "how should it be written?".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii

from refs.model.reference import Name, Reference
from refs.text.ids import normalize_doi
from refs.text.titles import fold_title

__all__ = ["STOPWORDS", "Features", "Person", "features", "fold", "kind_of"]

_LATEX_ACCENT = re.compile(r"\\[\"'`^~=.uvHcdbkrt]\s*\{?\s*([A-Za-z])\}?")
_LATEX_CMD = re.compile(r"\\[A-Za-z]+\*?")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d+")
#: words too common to identify a title (used for blocking keys and short-title checks)
STOPWORDS: frozenset[str] = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
     "to", "with", "via", "its", "is", "are", "be", "using", "toward", "towards"}
)
#: a subtitle starts after one of these separators
_SUBTITLE = re.compile(r"\s*(?::|\?|!|\s[-–—]{1,2}\s|\.\s)\s*")
#: "Volume II", "Vol. 3", "Part 2" at the end of a title: the volume of a multi-volume work
_TITLE_VOLUME = re.compile(
    r"\b(?:vol(?:ume)?|part|book|band|tome)\.?\s+([0-9]+|[ivxlc]+)\b", re.IGNORECASE
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ERRATUM = re.compile(
    r"\b(erratum|errata|corrigendum|corrigenda|correction to|retraction|retracted|"
    r"addendum|author correction|publisher correction)\b"
)
#: a book review ("Review of ...", "Book review: ..."); "A review of the literature" is not
_REVIEW = re.compile(r"^(review of|book review|reviewed work)\b|\bbook review\b")
_ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}


@lru_cache(maxsize=1 << 16)
def _fold_cached(s: str) -> str:
    s = _LATEX_ACCENT.sub(r"\1", s)
    s = _LATEX_CMD.sub(" ", s).replace("{", "").replace("}", "")  # M{\"u}ller -> Muller
    s = anyascii(s).lower()
    return _NON_ALNUM.sub(" ", s).strip()


def fold(s: str | None) -> str:
    """Lower-case ASCII words separated by single spaces; LaTeX and punctuation removed.

    >>> fold("{NATO}: Caucasus -- Заборцева")
    'nato caucasus zabortseva'
    """
    if not s:
        return ""
    if s.isascii() and "\\" not in s and "{" not in s:  # the common case: no LaTeX, no script
        return _NON_ALNUM.sub(" ", s.lower()).strip()
    return _fold_cached(s)


def _doi(s: str) -> str | None:
    doi = normalize_doi(s)
    return doi if doi and doi.startswith("10.") and "/" in doi else None


def _title_fold(s: str | None) -> str:
    """:func:`refs.text.titles.fold_title`, then transliterated (it keeps Cyrillic as is)."""
    if not s:
        return ""
    if s.isascii() and "\\" not in s and "{" not in s:  # fold_title's result, faster
        return _NON_ALNUM.sub(" ", s.lower()).strip()
    folded = fold_title(s)
    return folded if folded.isascii() else fold(folded)


def _roman(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s.lower()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _number(s: str | None) -> str:
    """The first run of digits (``"Vol. 49"`` -> ``"49"``), a roman numeral, or ''."""
    if not s:
        return ""
    m = _DIGITS.search(s)
    if m:
        return m.group(0).lstrip("0") or "0"
    word = fold(s)
    if word in _ORDINALS:
        return _ORDINALS[word]
    first = word.split(" ")[0] if word else ""
    value = _roman(first) if first else None
    return str(value) if value else word


class Person(NamedTuple):
    """One name reduced for comparison: folded family words and the given initials."""

    family: str
    initials: str
    #: every folded word of the name, for matching names whose parts were swapped
    tokens: frozenset[str]
    #: written in another script: initials are unreliable (Елена -> Elena or Yelena)
    transliterated: bool = False


def _person(name: Name) -> Person | None:
    return _person_of(name.family, name.given, name.particle, name.literal)


@lru_cache(maxsize=1 << 16)
def _person_of(family_: str | None, given_: str | None, particle: str | None,
               literal: str | None) -> Person | None:
    """A folded name, cached: libraries repeat the same authors many times. BibTeX's
    ``and others`` (a literal "others") is no person: it says the list was cut short."""
    if literal == "others" and not family_:
        return None
    if literal and not family_:
        fam = fold(literal)
        return Person(fam, "", frozenset(fam.split())) if fam else None
    family = fold(" ".join(p for p in (particle, family_) if p))
    given = fold(given_)
    if not family and not given:
        return None
    if not family:  # a single-word name parsed as given only
        family, given = given, ""
    initials = "".join(w[0] for w in given.split() if w)
    raw_given = given_ or ""
    translit = not raw_given.isascii() and any(ord(c) > 0x24F for c in raw_given)
    tokens = frozenset(family.split()) | frozenset(given.split())
    return Person(family, initials, tokens, translit)


class Features(NamedTuple):
    """Everything the matcher compares, pre-folded (see module docstring).

    A NamedTuple rather than a frozen dataclass: one is built per entry, and tuple
    construction is several times cheaper, which shows at 100k entries.
    """

    key: str
    kind: str
    title: str
    #: the title before its first subtitle separator, folded
    main_title: str
    title_words: tuple[str, ...]
    title_volume: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    year: int | None
    container: str
    volume: str
    issue: str
    page_first: str
    page_last: str
    edition: str
    publisher: str
    doi: str | None
    isbns: frozenset[str]
    is_erratum: bool
    is_review: bool


#: CSL types grouped into what matters for "same work?"
_KIND = {
    "article-journal": "article", "article": "article", "article-magazine": "article",
    "article-newspaper": "article", "paper-conference": "conference", "chapter": "chapter",
    "entry-encyclopedia": "chapter", "book": "book", "thesis": "thesis", "report": "report",
    "review": "review", "review-book": "review", "webpage": "web", "post": "web",
    "post-weblog": "web",
}


def kind_of(ref: Reference) -> str:
    """The coarse kind that matters for "same work?" (article, book, chapter, report...)."""
    bt = (ref.bibtex_type or "").lower()
    if bt in {"inproceedings", "conference"}:
        return "conference"
    if bt in {"incollection", "inbook"}:
        return "chapter"
    if bt in {"book", "mvbook"}:
        return "book"
    return _KIND.get(ref.type, "other")


def _isbn(s: str) -> str:
    digits = re.sub(r"[^0-9Xx]", "", s).upper()
    if len(digits) == 10:  # ISBN-10 -> ISBN-13, so the two spellings of one book agree
        core = "978" + digits[:9]
        check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(core)) % 10)
        return core + str(check % 10)
    return digits


def features(ref: Reference) -> Features:
    """Fold ``ref`` once into what :func:`refs.match.similarity.compare_features` reads."""
    title = _title_fold(ref.title)
    parts = _SUBTITLE.split(ref.title or "", maxsplit=1)
    main = _title_fold(parts[0]) if len(parts) > 1 else title
    vol_match = _TITLE_VOLUME.search(ref.title or "")
    title_volume = _number(vol_match.group(1)) if vol_match else ""
    page_first = page_last = ""
    if ref.page is not None:
        page_first = fold(ref.page.first)
        page_last = fold(ref.page.last) if ref.page.last else ""
        if page_last and page_first.isdigit() and page_last.isdigit() and len(page_last) < len(
            page_first
        ):  # "1123-45" means 1123-1145
            page_last = page_first[: len(page_first) - len(page_last)] + page_last
    return Features(
        key=ref.id,
        kind=kind_of(ref),
        title=title,
        main_title=main,
        title_words=tuple(title.split()),
        title_volume=title_volume,
        authors=tuple(p for p in map(_person, ref.author) if p),
        editors=tuple(p for p in map(_person, ref.editor) if p),
        year=ref.year,
        container=fold(ref.container_title),
        volume=_number(ref.volume),
        issue=_number(ref.issue or ref.number) if (ref.issue or ref.number) else "",
        page_first=page_first,
        page_last=page_last,
        edition=_number(ref.edition) if ref.edition else "",
        publisher=fold(ref.publisher),
        doi=_doi(ref.doi) if ref.doi else None,
        isbns=frozenset(i for i in map(_isbn, ref.isbn) if i),
        is_erratum=bool(_ERRATUM.search(title)),
        is_review=ref.type in {"review", "review-book"}
        or bool(_REVIEW.search(title))
        or bool((ref.genre or ref.note) and "review" in fold(f"{ref.genre} {ref.note}").split()),
    )
