"""Lexical helpers for free-text references: normalising, identifiers, dates, sentences.

Why a separate module: every style parser needs the same small pieces (pull the URL
out before the periods in it confuse sentence splitting, recognise ``12 May 2014``,
split at full stops that are not initials), and keeping them here keeps the style
logic readable.
"""

from __future__ import annotations

import re

from refs.model.reference import DateParts

__all__ = ["MONTH", "MONTHS", "YEAR", "clean", "extract_ids", "find_date", "find_ids",
           "parse_date_text", "split_sentences", "strip_punct"]

#: month names and abbreviations (English) -> number
MONTHS: dict[str, int] = {}
_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
for _i, _m in enumerate(_NAMES, start=1):
    MONTHS[_m] = _i
    MONTHS[_m[:3]] = _i
    MONTHS[_m[:4]] = _i
MONTHS["sept"] = 9

#: a month name or its abbreviation ("May", "Sept.", "December")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: a plausible publication year (1500-2099), optionally with a disambiguation letter
YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})\s*,?\s+({YEAR})\b")
_DATE_MDY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({YEAR})\b")
_DATE_MY = re.compile(rf"\b({MONTH})\s+({YEAR})\b")
_DATE_YMD = re.compile(rf"\b({YEAR}),?\s+({MONTH})\s+(\d{{1,2}})\b")
_YEAR_RE = re.compile(rf"(?<![\d/.-])({YEAR})(?![\d/])")

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"”]+", re.I)
_DOI = re.compile(r"(?:\bdoi:?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s\"<>”]+)", re.I)
_SPACES = re.compile(r"\s+")
_QUOTES = {"``": "“", "''": "”", "„": "“", "«": "“", "»": "”"}

#: an initial or a common abbreviation; a full stop after one of these ends no sentence
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Z]\.)+[A-Z]|\b(?:ed|eds|Ed|Eds|vol|Vol|no|No|pp|p|Jr|Sr|St|Dr|Mr|Mrs"
    r"|Co|Inc|Ltd|Univ|Dept|trans|Trans|transl|Transl|tr|Tr|rev|repr|vs|cf|ch|Ch|ser|n\.d|Proc|Int|Intl"
    r"|Natl|Conf|Symp|J|Am|Soc|Rev|Res|Sci|Ann|Acad)\.?)$"
)


def clean(text: str) -> str:
    """Whitespace folded, ligatures and TeX-ish quotes mapped, PDF hyphen breaks joined."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\u00ad", "")
    for old, new in _QUOTES.items():
        text = text.replace(old, new)
    # Markdown: *emphasis*, _emphasis_ and <autolinks> (refs export --to markdown)
    text = re.sub(r"(?<!\w)[*_]{1,2}(?=\S)(.+?)(?<=\S)[*_]{1,2}(?!\w)", r"\1", text)
    text = re.sub(r"<((?:https?://|www\.)[^>\s]+)>", r"\1", text)
    return _SPACES.sub(" ", text).strip()


def strip_punct(text: str | None) -> str:
    """Trailing and leading separators removed (``"Journal of X, "`` -> ``Journal of X``)."""
    if not text:
        return ""
    text = text.strip(" ,;:.(")
    # a closing paren/quote with no opener in the text is debris
    if text.endswith(")") and "(" not in text:
        text = text[:-1].rstrip(" ,;:.")
    return text


def find_ids(text: str) -> tuple[str | None, str | None]:
    """(url, doi) in ``text`` without rewriting it."""
    d = _DOI.search(text) if "10." in text else None
    doi = d.group(1).rstrip(".,;)") if d else None
    rest = text[: d.start()] + " " + text[d.end():] if d else text
    u = _URL.search(rest) if ("http" in rest or "www." in rest) else None
    return (u.group(0).rstrip(".,;)") if u else None), doi


def extract_ids(text: str) -> tuple[str, str | None, str | None]:
    """Remove the DOI and URL from ``text``: (rest, url, doi). They hold full stops and
    colons that would otherwise be read as field separators."""
    doi = None
    m = _DOI.search(text)
    if m:
        doi = m.group(1).rstrip(".,;)")
        text = text[: m.start()] + " " + text[m.end():]
    url = None
    m = _URL.search(text)
    if m:
        url = m.group(0).rstrip(".,;)")
        text = text[: m.start()] + " " + text[m.end():]
    text = re.sub(r"\b(?:Retrieved|Available|Accessed)(?: from| at| on)?\s*:?\s*\.?$", "",
                  text.strip(), flags=re.I)
    text = re.sub(r"\s*\[?\b(?:Online|Web)\]?\.?\s*$", "", text.strip(), flags=re.I)
    return clean(text), url, doi


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date_text(text: str) -> DateParts | None:
    """The first date in ``text``: day-month-year, month-day-year, month-year or year.

    >>> parse_date_text("12 May 2014").iso()
    '2014-05-12'
    >>> parse_date_text("(2008)").year
    2008
    """
    for rx, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy"), (_DATE_YMD, "ymd")):
        m = rx.search(text)
        if m:
            parts = dict(zip(order, m.groups(), strict=True))
            month = _month(parts["m"])
            if month:
                return DateParts(year=int(parts["y"][:4]), month=month, day=int(parts["d"]))
    m = _DATE_MY.search(text)
    if m and _month(m.group(1)):
        return DateParts(year=int(m.group(2)[:4]), month=_month(m.group(1)))
    m = _YEAR_RE.search(text)
    if m:
        return DateParts(year=int(m.group(1)[:4]))
    return None


def find_date(text: str) -> re.Match[str] | None:
    """The span of the first full date (with day/month where given) or year in ``text``."""
    best: re.Match[str] | None = None
    for rx in (_DATE_DMY, _DATE_MDY, _DATE_YMD, _DATE_MY, _YEAR_RE):
        m = rx.search(text)
        if m and (best is None or m.start() < best.start()
                  or (m.start() == best.start() and m.end() > best.end())):
            best = m
    return best


def split_sentences(text: str) -> list[str]:
    """Split at ``. ``/``? ``/``! `` that end a sentence -- not after initials or ``vol.``.

    >>> split_sentences("New York: W.W. Norton and Company. 1-25.")
    ['New York: W.W. Norton and Company.', '1-25.']
    """
    out: list[str] = []
    start = 0
    depth = 0
    quoted = False
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "“":
            quoted = True
        elif ch == "”":
            quoted = False
        elif ch in ".?!" and depth == 0 and not quoted and text[i + 1: i + 2] == " ":
            # only the last few characters can be an abbreviation; searching the whole
            # head each time made this quadratic (pos/endpos keep \b honest)
            if ch == "." and _ABBREV.search(text, max(start, i - 14), i):
                continue
            out.append(text[start: i + 1].strip())
            start = i + 2
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]
