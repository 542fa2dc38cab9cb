"""What follows the title: container, volume(issue): pages, place: publisher, series, editors.

The tail is read sentence by sentence (full stops after initials do not count) and each
sentence is claimed by the first shape it fits. The shapes come from the style guides
(Chicago 14.x/15.x, APA 7 ch. 10, MLA 9, Harvard), not from any one list: ``49(1):
112-122``, ``9(1), 112-124``, ``vol. 9, no. 1, pp. 112-124``, ``n15``, ``(54)``,
``Place: Publisher``, ``In Book, edited by X, 33-100``, ``In X (Ed.), Book (pp. 1-9)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refs.io.freetext.clean import MONTH, YEAR, parse_date_text, split_sentences, strip_punct
from refs.io.freetext.numbers import page_range
from refs.io.freetext.roles import BRACKETED_EDITOR, TRANSLATOR
from refs.model.reference import DateParts, PageRange

__all__ = ["Tail", "parse_tail", "split_place_publisher"]

_DASH = r"\s*(?:-{1,3}|–|—|‐|‑)\s*"
_PAGE = r"[A-Za-z]?\d+[A-Za-z]?"
#: vol(issue): pages / vol(issue), pages / vol(issue)
_VIP = re.compile(
    rf"\b(?P<v>\d+)\s*\((?P<i>[^()]{{1,15}})\)\s*(?:[:,.]\s*(?:pp?\.\s*)?(?P<p1>{_PAGE})"
    rf"(?:{_DASH}(?P<p2>{_PAGE}))?)?")
_VOL = re.compile(r"\b(?:[Vv]ol(?:ume)?|VOL|Bd|[Tt]ome)\.?\s*(?P<v>\d+|[IVXLC]+\b)")
_NO = re.compile(r"\b(?:no|nos|nr|issue|iss|num|number|n°|№)\.?\s*(?P<i>\d+(?:[-–/]\d+)?)", re.I)
_PP = re.compile(rf"\b(?:pp?|pages|S)\.?\s*(?P<p1>{_PAGE})(?:{_DASH}(?P<p2>{_PAGE}))?")
_VP = re.compile(rf"\b(?P<v>\d+)\s*[:,]\s*(?P<p1>{_PAGE}){_DASH}(?P<p2>{_PAGE})\b")
_NUM_N = re.compile(r"(?<!\w)n(?P<i>\d+)\b")
_PAREN_NUM = re.compile(r"\((?P<i>\d{1,4})\)\s*$")
_RANGE_END = re.compile(
    rf"(?:^|,\s*|\s)(?:pp?\.\s*)?(?P<p1>{_PAGE}){_DASH}(?P<p2>{_PAGE})\s*\)?\.?$")
_PLACE = r"[A-Z][\w.'’\-]*(?:\s(?:[A-Z][\w.'’\-]*|upon|am|on|sur|de|del))*"
_PLACE_PUB = re.compile(
    rf"^(?P<place>{_PLACE}(?:,\s*{_PLACE})?(?:\s*(?:&|and)\s*{_PLACE})?)\s*:\s*(?P<pub>[^:]+?)"
    rf"(?:,\s*(?P<date>(?:\d{{1,2}}\s+\w+\s+)?{YEAR}))?\s*\.?$")
_PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Books|Verlag|Editions?|Éditions|Company|Co\.|Inc\.?|Ltd|Routledge"
    r"|Wiley|Springer|Elsevier|Macmillan|Norton|Sage|Blackwell|Palgrave|Penguin|Harper\w*"
    r"|UP|Academic|Brill|Reidel|Kluwer|Pergamon|Dekker|Freeman|McGraw|Addison|Prentice|Wesley)\b")
_EDS_APA = re.compile(rf"^(?P<eds>.+?)\s*\((?:{BRACKETED_EDITOR})\.?\)\s*,?\s*")
#: Chicago's "edited by X", "ed. X", "hrsg. v. X" after a book title. Stricter than
#: ``roles.EDITOR`` on purpose ("edited" only with "by", "ed" only with its full stop):
#: this is searched for anywhere in the tail, where a bare "edited" can be a title's word
_EDS_CHI = re.compile(
    r",?\s*\b(?:edited by|ed\. by|eds?\.|hrsg\. v\.)\s+(?P<eds>[^.(]+?)(?=,\s*\d|[.(]|$)", re.I)
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")
_PAREN_RANGE = re.compile(rf"\s*\((?:pp?\.\s*)?(?P<p1>{_PAGE}){_DASH}(?P<p2>{_PAGE})\)")
_MONTH_NAME = rf"{MONTH}|Spring|Summer|Autumn|Fall|Winter"
#: a newspaper's or magazine's "May(26)" / "400 (12 August)": a day and month, not an issue
_DAY_MONTH = re.compile(
    rf"^\s*(?:\d{{1,2}}\s+(?:{_MONTH_NAME})|(?:{_MONTH_NAME})(?:\s+\d{{1,2}})?)\s*$", re.I)
_BEFORE_MONTH = re.compile(rf"\s*\b(?:{_MONTH_NAME})\s*$", re.I)
#: "Trans. Christine Richardson." -- a translator's sentence
_TRANSLATED = re.compile(rf"^(?:{TRANSLATOR})\.?(?:\s+by)?\s+(?P<names>\S.*)$")
#: Harvard's "In: C. D. Darlington & K. R. Lewis, eds. Book title": names (initials and
#: family, either order) before the role word, the book after it -- unlike Chicago's
#: "In Book title, ed. Name", where the names follow "ed." (and ``_EDS_CHI`` reads them)
_INITIALS = r"(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)"
_FAMILY = r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?"
_HARVARD_NAME = rf"(?:{_INITIALS}\s*{_FAMILY}|{_FAMILY},\s*{_INITIALS})"
_EDS_HARVARD = re.compile(
    rf"^(?P<eds>{_HARVARD_NAME}(?:(?:[,;]\s*|\s+)(?:(?:&|and)\s+)?{_HARVARD_NAME})*)"
    rf",?\s+\(?(?:{BRACKETED_EDITOR})\.?\)?,?\s+(?=\S)")


@dataclass
class Tail:
    """Fields found after the title, each with the confidence of how it was found."""

    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: PageRange | None = None
    publisher: str | None = None
    place: str | None = None
    date: DateParts | None = None
    editors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    in_book: bool = False
    proceedings: str | None = None
    genre: str | None = None
    locator: str | None = None
    leftover: list[str] = field(default_factory=list)
    conf: dict[str, float] = field(default_factory=dict)


def _pages(p1: str | None, p2: str | None) -> PageRange | None:
    return page_range(p1, p2 or None)


def split_place_publisher(text: str) -> tuple[str, str, str | None] | None:
    """``Ithaca, New York: Cornell University Press, 2002`` -> (place, publisher, date)."""
    m = _PLACE_PUB.match(text.strip())
    if not m or len(m.group("place").split()) > 6:
        return None
    return m.group("place"), strip_punct(m.group("pub")), m.group("date")


def _numbers(tail: Tail, sentence: str) -> str | None:
    """Claim volume/issue/pages in ``sentence``; return the text before them (container)."""
    for rx in (_VIP, _VP):
        m = rx.search(sentence)
        if m:
            g = m.groupdict()
            issue = strip_punct(g.get("i")) or None
            tail.volume = g.get("v")
            tail.issue = None if issue and _DAY_MONTH.match(issue) else issue
            if g.get("p1") and not g.get("p2") and re.fullmatch(YEAR, g["p1"]):
                g["p1"] = None  # "23(6), 1993.": the year, not a page
            tail.page = _pages(g.get("p1"), g.get("p2")) or tail.page
            rest = sentence[m.end():]
            pm = _PP.search(rest)
            if tail.page is None and pm:
                tail.page = _pages(pm.group("p1"), pm.group("p2"))
            return sentence[: m.start()]
    pr = _PAREN_RANGE.search(sentence)
    if pr:  # APA's chapter pages, "Book, vol. 1 (839–878)."
        tail.page = _pages(pr.group("p1"), pr.group("p2"))
        sentence = sentence[: pr.start()] + sentence[pr.end():]
    hits = [m for m in (_VOL.search(sentence), _NO.search(sentence), _PP.search(sentence)) if m]
    if hits:
        for m in hits:
            g = m.groupdict()
            tail.volume = g.get("v") or tail.volume
            tail.issue = g.get("i") or tail.issue
            if g.get("p1"):
                tail.page = _pages(g["p1"], g.get("p2"))
        return sentence[: min(m.start() for m in hits)]
    if pr:
        return sentence
    for rx in (_NUM_N, _PAREN_NUM):
        m = rx.search(sentence)
        if m and m.start() > 0:
            month = _BEFORE_MONTH.search(sentence, 0, m.start())
            if rx is _PAREN_NUM and month:  # "Business Insider May(26)": the day of a date
                return sentence[: month.start()]
            tail.issue = m.group("i")
            return sentence[: m.start()]
    m = _RANGE_END.search(sentence)
    if m:
        tail.page = _pages(m.group("p1"), m.group("p2"))
        return sentence[: m.start()]
    return None


def _paren(tail: Tail, text: str) -> str:
    """Notes put place, publisher and date in parentheses: ``(New York: Routledge, 2016)``."""
    for m in reversed(list(_PAREN.finditer(text))):
        inner = m.group("inner").strip()
        pp = split_place_publisher(inner)
        date = parse_date_text(inner)
        if pp or (date and re.fullmatch(rf"[\w\s,.]*{YEAR}", inner)):
            if pp:
                tail.place, tail.publisher = pp[0], pp[1]
                tail.conf.update(publisher=0.9, place=0.9)
                date = parse_date_text(pp[2]) if pp[2] else None
            tail.date = date or tail.date
            after = text[m.end():]
            loc = re.match(r"\s*,\s*([\dxivlc]+(?:\s*[-–]\s*\d+)?)\s*\.?\s*$", after)
            if loc:
                tail.locator = loc.group(1).replace(" ", "")
                after = ""
            return (text[: m.start()] + " " + after).strip()
    return text


def parse_tail(text: str, *, note: bool = False) -> Tail:
    """Read the fields after the title (``note`` for full-note form with a locator)."""
    tail = Tail()
    text = text.strip().lstrip(",.;: ")
    m = re.match(r"^[Ii]n:?\s+", text)
    if m:
        tail.in_book = True
        text = text[m.end():]
        em = _EDS_APA.match(text) or _EDS_HARVARD.match(text)
        if em and len(em.group("eds")) < 200:
            tail.editors = [em.group("eds")]
            text = text[em.end():]
    em = _EDS_CHI.search(text)
    if em:
        tail.editors = [em.group("eds")]
        text = (text[: em.start()] + text[em.end():]).strip()
    if note:
        text = _paren(tail, text)
        loc = re.search(r",\s*(\d+(?:\s*[-–]\s*\d+)?)\s*\.?\s*$", text)
        if loc and tail.date is not None:
            tail.locator = loc.group(1)
            text = text[: loc.start()]
    for sentence in split_sentences(text):
        _claim(tail, sentence.strip())
    return tail


def _claim(tail: Tail, sentence: str) -> None:
    s = strip_punct(sentence)
    if not s:
        return
    if re.search(r"\b(?:thesis|dissertation|Tech(?:nical)?\.? Rep(?:ort)?|manuscript|mimeo"
                 r"(?:graph(?:ed)?)?|typescript|unpublished)\b", s, re.I) and tail.genre is None:
        # "Ph.D. thesis", "NASA, Tech. Rep.", "Unpublished manuscript" -- a kind of work,
        # not a container
        tail.genre = s
        return
    tm = _TRANSLATED.match(s)
    if tm:
        tail.translators.append(tm.group("names"))
        return
    pp = split_place_publisher(s)
    # in a chapter the first sentence is the book's title, even when it has a colon
    book_title_first = tail.in_book and tail.container is None
    if pp and tail.publisher is None and not book_title_first and (
            tail.container is not None or tail.in_book or not re.search(r"\d", pp[1])):
        tail.place, tail.publisher = pp[0], pp[1]
        tail.conf.update(publisher=0.9, place=0.9)
        if pp[2]:
            tail.date = parse_date_text(pp[2])
        return
    if re.fullmatch(rf"(?:pp?\.\s*)?{_PAGE}{_DASH}{_PAGE}", s) and tail.page is None:
        rm = re.findall(_PAGE, s)
        tail.page = _pages(rm[0], rm[1])
        return
    date = parse_date_text(s)
    if date and re.fullmatch(rf"\(?[\w\s,.]{{0,20}}{YEAR}\)?", s):
        tail.date = tail.date or date
        return
    if re.match(r"^Proceedings\b", s) and tail.container is not None:
        tail.proceedings = s
        return
    if tail.container is None and tail.volume is None:
        before = _numbers(tail, s)
        if before is not None:
            cont = strip_punct(re.sub(rf",?\s*\(?{YEAR}\)?\s*,?\s*$", "", before.strip()))
            tail.container = cont or None
            tail.conf["container"] = 0.85
            return
        if ((_PUBLISHER_WORDS.search(s) and not tail.in_book) or tail.container is not None) \
                and tail.publisher is None:
            tail.publisher = s
            tail.conf["publisher"] = 0.6
            return
        tail.container = s
        tail.conf["container"] = 0.7 if tail.in_book else 0.6
        return
    if tail.publisher is None and (_PUBLISHER_WORDS.search(s) or not re.search(r"\d", s)):
        tail.publisher = re.sub(rf",?\s*{YEAR}$", "", s).strip(" ,")
        tail.conf["publisher"] = 0.6
        if tail.date is None:
            tail.date = parse_date_text(s)
        return
    if tail.page is None and _numbers(tail, s) is not None:
        return
    tail.leftover.append(s)
