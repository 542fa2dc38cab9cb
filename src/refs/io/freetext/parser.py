"""One reference string -> :class:`ParsedReference` (a Reference plus per-field confidence).

Why confidence: a rule parser is sure of some things (a quoted title, a DOI) and guesses
others (is ``Diplomatic Courier`` a journal or a publisher?). ``refs import`` shows the
guesses so a person checks those and only those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from refs.io.freetext.clean import clean, extract_ids, parse_date_text, strip_punct
from refs.io.freetext.names import (
    REPEATED_AUTHORS,
    looks_like_institution,
    parse_names,
    strip_role_words,
)
from refs.io.freetext.segment import STYLES, Segments, segment
from refs.io.freetext.tail import Tail, parse_tail
from refs.model.reference import Name, Reference
from refs.text.ids import normalize_doi
from refs.text.names import OTHERS

__all__ = ["LOW_CONFIDENCE", "ParsedReference", "confident", "is_prose", "is_short_note",
           "parse_reference", "parse_rules"]

#: fields below this confidence are reported as "check this" by ``refs import``
LOW_CONFIDENCE = 0.75

_NUMBERING = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)](?=\s))\s*")
_REPORT = re.compile(r"\b(?:Paper|Papers|Brief|Report|Reports|Working|Series|Memo|Note|"
                     r"Discussion|Technical|Occasional)\b")
_PROCEEDINGS = re.compile(r"\b(?:Proc\.?|Proceedings|Conference|Symposium|Workshop|Congress)\b")
#: APA's description of a work's form in brackets after its title ("[Video]", "[Data
#: set]", "[Computer software]"; APA 7, 9.21): a kind of work, not part of the title
_MEDIUM = re.compile(
    r"(?:video|dvd|blu-ray|film|motion picture|audio(?: recording)?|(?:audio )?podcast"
    r"(?: episode)?|cd|data ?set|computer software|software|mobile app|computer program"
    r"|tweet|map|photograph|slides?|lecture notes|infographic|brochure|webinar"
    r"|television series(?: episode)?|tv series|(?:unpublished )?manuscript)\b", re.I)
#: a work's kind that makes it a report, in any case ("special report")
_REPORT_KIND = re.compile(r"\breport\b", re.I)
_THESIS = re.compile(r"\b(?:dissertation|thesis|Ph\.?\s?D|doctoral|master'?s)\b", re.I)


@dataclass
class ParsedReference:
    """A parsed string: the Reference, how sure each field is, and what was left over."""

    reference: Reference
    confidence: dict[str, float] = field(default_factory=dict)
    style: str = "auto"
    #: the page cited by a note (``..., 4-6.``), which is not part of the work
    locator: str | None = None
    #: text no field claimed; non-empty means "read this one yourself"
    leftover: list[str] = field(default_factory=list)
    source: str = ""
    #: the string opened with a repeated-author mark ("———." in Chicago, "---." in MLA):
    #: its authors are the previous entry's, which only the list around it knows
    #: (:func:`refs.io.freetext.parse_many` copies them)
    repeats_authors: bool = False

    def low_confidence(self, threshold: float = LOW_CONFIDENCE) -> list[str]:
        """Fields that a person should check, lowest confidence first."""
        return [f for f, c in sorted(self.confidence.items(), key=lambda kv: kv[1])
                if c < threshold]

    @property
    def ok(self) -> bool:
        """True when the string gave a title and who made it or where it appeared (an
        author, editor, container, publisher, series, URL or DOI)."""
        r = self.reference
        if not r.title or len(self.source) > 1000 or is_prose(self.source):
            return False
        names = r.author or r.editor  # an edited book's editors stand where authors go
        # a title and a date alone is what a document's headings look like ("2005-2012:
        # Intensified Cooperation"): a reference also says who made it or where it is
        if not (names or r.container_title or r.publisher or r.collection_title or r.url
                or r.doi):
            return False
        if not all(_plausible(n) for n in names):
            return False
        if any(_same(r.title, n.literal or n.family) for n in names):
            return False  # a line repeated ("Reference Copied to Clipboard." x 7), no work
        return not self.is_short_form

    @property
    def is_short_form(self) -> bool:
        """A short note (``Clarke, “Title,” 2015.``): family names only, nothing published.

        It points back to a full citation rather than describing a work, so importing it
        would create a duplicate with less information.
        """
        if is_short_note(self.source):
            return True
        r = self.reference
        bare = bool(r.author) and all(
            (n.family and not n.given) or (n.literal and " " not in n.literal) for n in r.author)
        published = r.container_title or r.publisher or r.url or r.doi or r.collection_title
        return bare and not published


#: Chicago's short note: family names, a short title, the page cited -- and nothing else
_SHORT_NOTE = re.compile(
    r"^\s*(?:\[\d{1,4}\]\s*)?[A-Z][\w'’\-]+(?:(?:,\s+|,?\s+and\s+|\s*&\s*)[A-Z][\w'’\-]+){0,3},"
    r"\s+(?:(?!\.\s|\bIn\s)[^,]){2,150}?,?\s+\d{1,5}(?:\s*[-–]\s*\d{1,5})?\.?\s*$")


def is_short_note(text: str) -> bool:
    """``Tsygankov, Russia’s Foreign Policy, 158-159.``, ``Donaldson, Nogee, and Nadkarni,
    Foreign Policy of Russia, 212.``: family names, a title and a page, no year.

    Why by shape: the parse of so short a string can be anything (the CRF read the
    first as no title, the second as a book in a journal), and importing it would add a
    thin copy of a work the list cites in full elsewhere.

    >>> is_short_note("Tsygankov, Russia’s Foreign Policy, 158-159.")
    True
    >>> is_short_note("Tsygankov, A. 2016. Russia’s Foreign Policy. Lanham: Rowman, 158.")
    False

    A chapter that cites its book short (``Dirlik, Arif. “Place.” In Prazniak and Dirlik,
    15–51.``, Chicago 14.112) is a full reference: the title part is one unit, no "In".
    """
    return bool(_SHORT_NOTE.match(text)) and not re.search(r"\b(?:1[5-9]|20)\d\d\b", text)


def is_prose(text: str) -> bool:
    """A paragraph of running text, not a reference: long, mostly lower-case words, and no
    year near the start (where every author-date style and most others put it).

    Why: ``refs import`` of a whole paper must not turn its paragraphs into entries.
    """
    if len(text) < 300 or re.search(r"\b(?:1[5-9]\d\d|20\d\d)\b", text[:150]):
        return False
    words = text.split()
    return sum(1 for w in words if w[:1].islower()) / len(words) > 0.55


def _plausible(name: Name) -> bool:
    """Prose read as a reference gives "names" no bibliography would print: too long,
    lower case, or cut off after a joining mark (``DMCA /`` of "DMCA / Removal Request",
    a web page's link text)."""
    whole = name.literal if name.literal is not None else name.family or ""
    if whole.rstrip()[-1:] in ("/", "&", "|", "+"):
        return False
    if name.literal is not None:
        return len(name.literal.split()) <= 12 and name.literal[:1].isupper()
    family = name.family or ""
    return 0 < len(family.split()) <= 3 and family[:1].isupper() and len(family) < 40


def _same(title: str | None, name: str | None) -> bool:
    """Whether a title is its author's name again, punctuation and case aside."""
    def bare(text: str | None) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text or "").lower().split())
    return bool(bare(title)) and bare(title) == bare(name)


def _infer_type(ref: Reference, tail: Tail, authors: list[Name], quoted: bool) -> str:
    medium = _MEDIUM.match(ref.genre or "")
    if medium:
        kind = medium.group(0).lower().replace(" ", "")
        if kind == "dataset":
            return "dataset"
        if kind in ("computersoftware", "software", "mobileapp", "computerprogram"):
            return "software"
        if kind.endswith("manuscript"):
            return "manuscript"
        return "webpage" if ref.url else "document"
    cont = ref.container_title or ""
    text = " ".join(filter(None, [ref.title, cont, ref.genre, *tail.leftover]))
    if _THESIS.search(ref.genre or "") or (_THESIS.search(text) and not cont):
        return "thesis"
    if tail.in_book or tail.proceedings:
        if tail.proceedings or _PROCEEDINGS.search(cont):
            return "paper-conference"
        return "chapter"
    if cont:
        if _REPORT.search(cont) and not ref.volume:
            return "report"
        if _PROCEEDINGS.search(cont):
            return "paper-conference"
        if ref.volume or ref.issue or ref.page:
            return "article-journal"
        if ref.publisher:
            return "chapter"
        dated = ref.issued is not None and ref.issued.day is not None
        return "article-newspaper" if (dated or ref.url) else "article-journal"
    if ref.publisher:
        report = _REPORT.search(ref.title or "") or _REPORT_KIND.search(ref.genre or "")
        return "report" if report else "book"
    if ref.url:
        return "webpage"
    if authors and authors[0].is_institution:
        return "document"
    # an unquoted (italic in print) title standing alone is a book's
    return "book" if ref.title and not quoted else "document"


def _fill_container(ref: dict[str, object], tail: Tail, typ: str) -> None:
    """A report's "container" is its series: ``Chatham House Research Paper`` (54); a data
    set's or a program's is who publishes it (``[Computer software]. Biostat.``)."""
    if typ in ("dataset", "software") and tail.container and not tail.publisher:
        ref["publisher"], ref["container_title"] = tail.container, None
    if typ == "report" and tail.container:
        ref["collection_title"] = tail.container
        ref["container_title"] = None
        if tail.issue and not tail.volume:
            ref["number"], ref["issue"] = tail.issue, None


def parse_reference(text: str, style: str = "auto", *, model: Path | None = None
                    ) -> ParsedReference:
    """Parse one reference string in Chicago, APA, MLA or Harvard style (or ``auto``).

    With ``style="auto"`` the rule parse is kept when it is confident (see
    :func:`confident`); otherwise the CRF (``model``, default: the shipped one) labels
    the string, when python-crfsuite and the model are available. A named style uses
    the rules alone, since the caller vouches for the shape.

    >>> p = parse_reference("Allison, Roy. 2004. “Regionalism.” Intl Affairs 80(3): 463-483.")
    >>> p.reference.container_title, p.reference.volume, p.reference.issue, str(p.reference.page)
    ('Intl Affairs', '80', '3', '463–483')
    """
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; use one of {', '.join(STYLES)}")
    from refs.io.freetext import crf

    path = model or crf.MODEL
    learnable = style == "auto" and (crf.available() or (model is not None and model.exists()))
    cut = _first_cut(text, style)
    if learnable and not _may_be_confident(cut[3]):
        return crf.parse(cut[0], path)  # the rules cannot claim this shape: skip them
    rules = _parse_cut(cut)
    if not learnable or confident(rules):
        return rules
    # measured on core.xml (dev folds): where the rules are not confident the CRF's parse
    # beats theirs field for field, even when it lacks a title (then it is reported as
    # unreadable rather than imported wrong)
    return crf.parse(rules.source, path)


def _may_be_confident(seg: Segments) -> bool:
    """Can :func:`confident` possibly accept a parse with this first cut? (A cheap test
    that lets ``parse_reference`` skip the rest of the rules for the CRF's strings.)"""
    # a quoted title, a note (its locator), or an author-date tail with a "Place:" in it
    return (seg.quoted or seg.shape == "note" or (seg.shape == "author-date" and ":" in seg.tail)
            or bool(_DESCRIBED.search(seg.title)))


#: a title closed by APA's bracketed description ("Title [Video]")
_DESCRIBED = re.compile(rf"\[(?:{_MEDIUM.pattern})[^\[\]]{{0,40}}\]\s*$", re.I)


#: a rule title that holds what follows a title in APA and Chicago -- "(2nd ed.)",
#: "(translated by ...", ", trans. ...", ", rev. ed.", ". Proc. of ...", a note's
#: ", in Book" -- has run on past its end (on core.xml's development folds the CRF read
#: those strings' titles better). Not built from ``roles``: it lists what follows a title
#: (an edition's "ed.", "rev.", "proc."), and a word added to it re-routes strings
#: between the rules and the CRF
_RUN_ON_TITLE = re.compile(
    r"\([^)]*$|(?:^|[,.(]\s*)(?:trans|transl|translated|rev|ed|edn|proc)\b\.?|\(\s*\d"
    r"|,\s+in\s+\S", re.I)


def confident(p: ParsedReference) -> bool:
    """Is the rule parse one of the shapes the rules were written for, read cleanly?

    Every part of the string claimed, no container/publisher holding digits or brackets,
    and either a quoted title or (author-date and note shapes) a ``Place: Publisher``
    or a note's locator -- the shapes the seed tests hold to every field.
    Otherwise the CRF decides (see :func:`parse_reference`).
    """
    if not p.ok or p.leftover:
        return False
    r = p.reference
    if r.title and _RUN_ON_TITLE.search(r.title):
        return False  # the title ran on into an edition, translator or proceedings unit
    for value in (r.container_title, r.publisher, r.publisher_place, r.collection_title):
        if value and re.search(r"[\d()<>\[\]]|,\s*(?:vol|no|pp?|chap)\b", value):
            return False  # a field that swallowed numbers or brackets: misread
    if (r.container_title and r.publisher and not (r.volume or r.issue or r.page)
            and r.type == "chapter" and not r.editor and p.style == "author-date"):
        # "Title. Subtitle. Place: Publisher." -- a book whose subtitle the rules took for a
        # container (no "In", no editors, no pages): which it is, the CRF judges better
        return False
    if p.confidence.get("title", 0) >= 0.95 and (
            p.style in ("author-date", "note") or any(n.literal for n in r.author)):
        return True  # IEEE/MLA-like "Author, “Title,” ..." tails are the CRF's
    if p.style not in ("author-date", "note"):
        return False
    # (an unquoted "Journal vol(issue): pages" tail is not enough: on core.xml's dev folds
    # the CRF read those better, and the seed tests pass without it)
    return p.confidence.get("publisher_place", 0) >= 0.9 or bool(p.locator)


def parse_rules(text: str, style: str = "auto") -> ParsedReference:
    """The rule parser alone (what ``parse_reference`` does before asking the CRF)."""
    return _parse_cut(_first_cut(text, style))


_Cut = tuple[str, str | None, str | None, Segments]


def _first_cut(text: str, style: str) -> _Cut:
    """Cleaned source, URL, DOI and the segmenter's first cut."""
    source = clean(text)
    body, url, doi = extract_ids(_NUMBERING.sub("", source))
    return source, url, doi, segment(body, style)


def _parse_cut(cut: _Cut) -> ParsedReference:
    source, url, doi, seg = cut
    note = seg.shape == "note"
    repeats = bool(REPEATED_AUTHORS.match(seg.authors.strip()))
    names, etal = ([], False) if repeats else parse_names(seg.authors,
                                                          inverted_first=not seg.natural_names)
    edited_by = names if seg.edited else []
    if seg.edited:
        names = []
    tail = parse_tail(seg.tail, note=note)
    conf: dict[str, float] = {}
    date = parse_date_text(seg.date) if seg.date else tail.date
    if date is None and seg.date is None:
        # a year written after the title ("“Russia-Kazakhstan” 2016.")
        date = parse_date_text(" ".join(tail.leftover)) if tail.leftover else None
        if date is not None:
            tail.leftover = [x for x in tail.leftover if not re.fullmatch(r"[\d\s]+", x)]
        else:
            date = parse_date_text(seg.tail)
    title = seg.title
    if tail.genre:
        tail.leftover.append(tail.genre)  # a kind of work the rules do not type: the CRF's job
    gm = re.search(r"\s*[(\[]([^()\[\]]{2,60})[)\]]\s*$", title)
    genre = None
    described = bool(gm and gm.group(0).strip()[0] == "[" and _MEDIUM.match(gm.group(1)))
    if gm and (described or _THESIS.search(gm.group(1)) or _REPORT.search(gm.group(1))
               or _REPORT_KIND.search(gm.group(1))):
        title, genre = title[: gm.start()], gm.group(1)
        if tail.container and not tail.publisher and _THESIS.search(genre):
            tail.publisher, tail.container = tail.container, None
    editors: list[Name] = list(edited_by)
    for e in tail.editors:
        editors += parse_names(strip_role_words(e).strip(" ,;:"), inverted_first=False)[0]
    translators: list[Name] = []
    for t in tail.translators:
        translators += parse_names(t, inverted_first=False)[0]
    fields: dict[str, object] = {
        "title": strip_punct(title) or None,
        "genre": genre,
        "author": names,
        "editor": editors,
        "translator": translators,
        "issued": date,
        "container_title": tail.container,
        "volume": tail.volume,
        "issue": tail.issue,
        "page": tail.page,
        "publisher": tail.publisher,
        "publisher_place": tail.place,
        "url": url,
        "doi": normalize_doi(doi) if doi else None,
        "event_title": tail.proceedings,
    }
    ref = Reference(id="tmp", **{k: v for k, v in fields.items() if v})
    typ = _infer_type(ref, tail, names, seg.quoted)
    _fill_container(fields, tail, typ)
    fields["type"] = typ
    if etal:  # BibTeX's "and others": biblatex and citeproc print it as "et al."
        if names:
            fields["author"] = [*names, OTHERS]
        elif editors:
            fields["editor"] = [*editors, OTHERS]
    ref = Reference(id="tmp", **{k: v for k, v in fields.items() if v})
    # a quoted title, or APA's "Title [Video]." -- the description in brackets closes it
    conf["title"] = 0.95 if seg.quoted or described else (
        0.8 if seg.shape != "author-title" else 0.7)
    for role, people in (("author", names), ("editor", edited_by)):
        if people:
            plausible = all(n.literal or (n.family and n.family[:1].isupper()) for n in people)
            conf[role] = 0.9 if plausible else 0.5
    if any(n.literal for n in names) and not looks_like_institution(seg.authors):
        conf["author"] = 0.6
    if date:
        conf["issued"] = 0.95 if seg.date else 0.8
    for name, value in (("container_title", ref.container_title),
                        ("collection_title", ref.collection_title)):
        if value:
            conf[name] = tail.conf.get("container", 0.7)
    for name in ("volume", "issue", "page", "number"):
        if getattr(ref, name):
            conf[name] = 0.9
    if ref.publisher:
        conf["publisher"] = tail.conf.get("publisher", 0.7)
    if ref.publisher_place:
        conf["publisher_place"] = tail.conf.get("place", 0.7)
    if ref.url:
        conf["url"] = 1.0
    if ref.doi:
        conf["doi"] = 1.0
    conf["type"] = 0.6 if tail.leftover else 0.8
    return ParsedReference(ref, conf, seg.shape, tail.locator, tail.leftover, source,
                           repeats_authors=repeats)
