"""Style detection and the first cut: authors | date | title | tail.

Three shapes cover the styles refs reads:

* author-date (APA, Harvard, Chicago author-date): ``Authors (2008). Title.`` /
  ``Authors, 2008. Title.`` / ``Authors. 12 May 2014. “Title.”``;
* author-title (MLA, Chicago bibliography, IEEE): ``Authors. “Title.” Container ...``,
  with the date somewhere in the tail;
* note (Chicago full note): ``Given Family, Title (Place: Publisher, Year), 4-6.``
  with natural-order names and a trailing locator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.io.freetext.clean import MONTH, YEAR, find_date, split_sentences
from refs.io.freetext.names import is_initials, looks_like_institution, looks_like_person
from refs.io.freetext.roles import BRACKETED_EDITOR, EDITOR_AFTER_COMMA

__all__ = ["STYLES", "Segments", "natural_first", "segment"]

#: style names accepted by ``parse_reference(style=...)``
STYLES = ("auto", "apa", "chicago", "harvard", "mla")

_DATE = (rf"(?:\d{{1,2}}\s+{MONTH}\s+{YEAR}|{MONTH}\s+\d{{1,2}},?\s+{YEAR}"
         rf"|{YEAR}(?:,\s*{MONTH}(?:\s+\d{{1,2}})?)?|n\.\s?d\.|in press|forthcoming)")
_APA = re.compile(
    rf"^(?P<a>[^()“”\"]{{2,400}}?)[\s,]*\(\s*(?P<d>{_DATE})[a-z]?\s*\)\s*[.,:]?\s*", re.I)
#: Chicago author-date: "Author. 2008. Title" -- and "Author. n.d. Title", whose date
#: ends in its own full stop (so the stop after the date is optional when it does)
_AD = re.compile(rf"^(?P<a>[^()“”\"]{{2,400}}?)[.,]?\s+(?P<d>{_DATE})(?:[.,:]|(?<=\.))\s+",
                 re.I)
#: an edited book names its editors where the authors go: "Smith, J. (Ed.). (2001).",
#: "Comaroff, J. and J. L. Comaroff, eds. (1993)", "Smith, John, ed. 2001."
_EDITED = re.compile(
    rf"^(?P<a>[^()“”\"]{{2,300}}?)(?:,?\s*\((?:{BRACKETED_EDITOR})\.?\)\.?"
    rf"|,\s*(?:{EDITOR_AFTER_COMMA})\.)(?=\s)")
#: APA's role of the people of a film, podcast or talk: "Moore, M. (Writer/Director).",
#: "Smith, J. (Host)." -- they stay the authors; the role is not part of a name. Not in
#: ``roles`` on purpose: those words make no one an editor or translator
_ROLE_WORD = (r"(?:Writer|Director|Producer|Executive Producer|Host|Creator|Composer|Artist"
              r"|Photographer|Speaker|Presenter|Narrator|Performer|Interviewer|Interviewee)s?")
_ROLE = re.compile(
    rf"^(?P<a>[^()“”\"]{{2,300}}?)\s*\({_ROLE_WORD}(?:\s*(?:/|&|,|and)\s*{_ROLE_WORD})*\)"
    r"(?=[.,]?\s)")
_OPEN_Q = "“\"‘"
_CLOSE = {"“": "”", '"': '"', "‘": "’"}


@dataclass
class Segments:
    """The first cut of a reference string; ``shape`` says which of the three it was."""

    shape: str
    authors: str
    date: str | None
    title: str
    tail: str
    quoted: bool
    natural_names: bool
    #: the names are the editors of the work (an edited book), not its authors
    edited: bool = False


def _names_ok(text: str) -> bool:
    """The author segment of an author-date match must not be a sentence with a year in it."""
    if re.search(YEAR, text) or len(text) > 400:
        return False
    chunks = re.split(r",|\s(?:and|&)\s", text)
    if len(chunks) > 1 and any(len(c.split()) > 5 for c in chunks):
        return False
    # "Robert Donaldson, ..., The Foreign Policy (2014)": a title is not a name
    if len(chunks) > 1 and any(re.match(r"\s*(?:The|A|An)\s+[A-Z]", c) for c in chunks[1:]):
        return False
    return not re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]+\s+[a-z]+", text)


def _quoted(rest: str) -> tuple[str, str] | None:
    """``“Title,” Container`` -> (``Title``, ``Container``) when ``rest`` opens a quote."""
    if not rest or rest[0] not in _OPEN_Q:
        return None
    close = _CLOSE[rest[0]]
    end = rest.find(close, 1)
    if rest[0] == "‘":  # single quotes also serve as apostrophes; require a quote + punct
        m = re.search(r"[,.?!]?’(?=[\s,.]|$)", rest[1:])
        end = m.end() if m else -1
    if end < 0:
        return None
    return rest[1:end].strip(), rest[end + 1:]


def _split_title(rest: str, note: bool) -> tuple[str, str, bool]:
    rest = rest.strip().lstrip(".,:; ")
    q = _quoted(rest)
    if q:
        title, tail = q
        return title.rstrip(",.;: "), tail, True
    if note:
        m = re.search(r",?\s*\((?=[^()]*(?:\d{4}|:))", rest)
        if m:
            return rest[: m.start()].rstrip(",. "), rest[m.start():], False
    sentences = split_sentences(rest)
    if not sentences:
        return "", "", False
    title = sentences[0]
    tail = rest[len(title):] if rest.startswith(title) else " ".join(sentences[1:])
    # IEEE-ish "Title, Journal, vol. 1" keeps the title up to the comma before the container
    m = re.match(r"^(.{10,}?),\s+(?=(?:[A-Z][\w.]*\s?)+,?\s*(?:vol|no|pp)\.)", title)
    if m:
        return m.group(1), title[m.end():] + tail, False
    return title.rstrip(".,: "), tail, False


def natural_first(text: str) -> bool:
    """Does the string open with natural-order names (``Michael Mandelbaum, ...``)?"""
    head = re.split(r",|\s+(?:and|&)\s+", text, maxsplit=1)[0].strip()
    words = head.split()
    if len(words) < 2 or len(words) > 4:
        # an institution before a quote is written the same in notes and lists
        return False
    after = text[len(head):].lstrip(", ")
    nxt = re.split(r"[,.]", after, maxsplit=1)[0].strip()
    if looks_like_institution(head):
        return False
    if is_initials(words[0]) or (looks_like_person(head) and not is_initials(nxt)):
        # "Di Michele, Andrea." is inverted: one short given name then the segment ends
        inverted = (len(nxt.split()) == 1 and re.match(re.escape(nxt) + r"\s*\.", after)
                    and not re.fullmatch(r"[A-Z]\.", words[0]))
        return not inverted
    return False


def _take_natural_authors(text: str) -> tuple[str, str]:
    """Consume ``A B, C D, and E F`` (or an institution) up to the title."""
    q = min((text.find(c) for c in _OPEN_Q if c in text), default=-1)
    if q > 0 and text[:q].rstrip().endswith(","):
        return text[:q].rstrip(" ,"), text[q:]
    chunks = text.split(", ")
    taken = [chunks[0]]
    for chunk in chunks[1:]:
        c = re.sub(r"^(?:and|&)\s+", "", chunk)
        first = split_sentences(c)
        if len(first) > 1 and looks_like_person(first[0].rstrip(".")):
            # "and A. Sheth. Using tickets ..." -- the name list ends inside this chunk
            cut = chunk.index(first[0]) + len(first[0])
            taken.append(chunk[:cut])
            break
        joined = chunk.startswith(("and ", "& "))
        if (joined or " and " in ", ".join(chunks[len(taken):len(taken) + 2])) and \
                looks_like_person(c) and len(c.split()) <= 4:
            taken.append(chunk)
            if joined:
                break
        else:
            break
    authors = ", ".join(taken)
    return authors, text[len(authors):]


def segment(text: str, style: str = "auto") -> Segments:
    """Cut ``text`` into authors, date, title and tail by its (detected) shape."""
    m = _ROLE.match(text)
    if m and _names_ok(m.group("a")):
        text = m.group("a") + text[m.end():]
    m = _EDITED.match(text)
    if m and _names_ok(m.group("a")):
        seg = _segment(m.group("a") + text[m.end():], style)
        if seg.authors.strip(" .,") == m.group("a").strip(" .,"):
            seg.edited = True
            return seg
    return _segment(text, style)


def _segment(text: str, style: str) -> Segments:
    m = _APA.match(text) if style in ("auto", "apa", "harvard", "chicago") else None
    if m and _names_ok(m.group("a")):
        title, tail, quoted = _split_title(text[m.end():], False)
        return Segments("author-date", m.group("a"), m.group("d"), title, tail, quoted, False)
    m = _AD.match(text) if style != "mla" else None
    if m and _names_ok(m.group("a")):
        title, tail, quoted = _split_title(text[m.end():], False)
        return Segments("author-date", m.group("a"), m.group("d"), title, tail, quoted, False)
    if natural_first(text):
        authors, rest = _take_natural_authors(text)
        note = bool(re.search(r"\)\s*,\s*[\dxivl]+(?:\s*[-–]\s*\d+)?\.?\s*$|\(\s*[^()]*\d{4}\)",
                              rest))
        title, tail, quoted = _split_title(rest, True)
        return Segments("note" if note else "author-title", authors, None, title, tail,
                        quoted, True)
    q = min((text.find(c) for c in _OPEN_Q if c in text), default=-1)
    first = split_sentences(text)[0] if text else ""
    if 0 < q <= len(first):
        authors, rest = text[:q], text[q:]
    else:
        authors, rest = first, text[len(first):]
        chunks = authors.split(", ")
        long = [i for i, c in enumerate(chunks) if i > 0 and len(c.split()) > 5]
        if long:  # "Dwork, C., and Mitchell, J. C., On the sequential nature of ..., J. Logic"
            authors = ", ".join(chunks[: long[0]])
            rest = text[len(authors):]
    inst = looks_like_institution(authors.strip(" .,")) and "," not in authors
    note = inst and bool(re.search(r"\(\s*[^()]*\d{4}\s*\)", rest))
    title, tail, quoted = _split_title(rest, note)
    date = None
    if not tail.strip() and not quoted:
        dm = find_date(title)
        if dm is None:
            return Segments("author-title", authors, None, title, "", quoted, False)
    return Segments("note" if note else "author-title", authors, date, title, tail, quoted,
                    False)
