"""Author lists in free text: every joining form, inverted or natural order, institutions.

Reference lists join names with ``,``, ``and``, ``&``, ``;`` and end them with ``et al.``;
the first name is usually inverted (``Donaldson, Robert and Joseph Nogee``) while notes
use natural order (``Robert Donaldson, Joseph Nogee, and Vidya Nadkarni``) and APA
inverts all (``LAUMULIN, M., & SHAKEN, M.``). An organisation (``Russian Ministry of
Foreign Affairs``, ``Radio Free Europe/Radio Liberty``) is one literal name and must
never be split into given/family.
"""

from __future__ import annotations

import re

from refs.io.freetext.roles import BRACKETED_EDITOR, EDITOR, TRANSLATOR
from refs.model.reference import Name

__all__ = ["looks_like_institution", "looks_like_person", "parse_names", "spell_initials",
           "strip_role_words"]

_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "des",
              "la", "le", "dos", "das", "ter", "ten", "bin", "al", "el"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
#: words that mark an organisation rather than a person
_ORG_WORDS = re.compile(
    r"\b(?:Ministry|Parliament|Government|Embassy|Department|University|Institute|Center|Centre"
    r"|Council|Committee|Commission|Agency|Association|Organi[sz]ation|Bank|Office|Bureau"
    r"|Foundation|Society|Press|Radio|News|Company|Corporation|Inc|Ltd|Group|Federation"
    r"|Republic|Union|Nations|Board|Service|Court|Senate|Congress|Assembly|Administration"
    r"|Programme|Program|Forum|Network|Project|Team|Consortium|Fund|World|National|International)\b"
)
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*){1,4}$|^(?:[A-Z]\.\s?)+[A-Z]?$")
_NAME_WORD = re.compile(r"^(?:[A-Z\u00C0-\u024F\u0400-\u04FF][\w'’\-.]*|[a-z]{1,4})$")
#: "Deschamps E" / "Nulsen P.E.J." -- family then initials, one person per comma chunk
_VANCOUVER = re.compile(r"^[A-Z][\w'’\-]+\s+(?:[A-Z]\.?){1,4}$")
_ETAL = re.compile(r",?\s*\b(?:et\.?\s*al\.?|and others|et alii)\.?", re.I)
_SEP = re.compile(r"\s*(?:[,;]?\s+(?:and|&|und|et|y)\s+|\s*&\s*|;\s*)\s*", re.I)


def _titlecase(word: str) -> str:
    """``LAUMULIN`` -> ``Laumulin``; mixed-case words are left as written."""
    if not (word.isupper() and len(word.replace(".", "")) > 1):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())


def is_initials(text: str) -> bool:
    """``M.``, ``W. E.``, ``J.-P.``, ``JC`` -- the given part of an APA/Vancouver name."""
    t = text.strip()
    return bool(t) and (bool(_INITIALS.match(t)) or (t.isupper() and len(t) <= 3 and t.isalpha()))


_RUN_OF_INITIALS = re.compile(r"[A-Z](?:-?[A-Z]){0,3}\.?")


def spell_initials(given: str) -> str:
    """Vancouver's run of initials as BibTeX and CSL spell them: ``FH.`` -> ``F. H.``.

    Why: NLM style writes ``Crick FH`` (the full stop after the last name ends the author
    list), but ``FH`` as a given name is one name to BibTeX and CSL, so a style that
    abbreviates it prints ``F.`` and one that spells names out prints ``FH``. Other
    givens (``M.``, ``W. E.``, ``Jd``) are left as written.

    >>> spell_initials("FH."), spell_initials("J-P"), spell_initials("W. E.")
    ('F. H.', 'J.-P.', 'W. E.')
    """
    if not _RUN_OF_INITIALS.fullmatch(given):
        return given
    return re.sub(r"([A-Z])(?=[A-Z])", r"\1. ", given.rstrip(".")).replace("-", ".-") + "."


def looks_like_institution(text: str) -> bool:
    """True for an organisation name: org words, lower-case joining words, a slash."""
    t = text.strip()
    words = t.split()
    if _ORG_WORDS.search(t) or "/" in t:
        return True
    lowers = [w for w in words if w.islower()]
    if lowers and any(w in {"of", "for", "to", "the", "on", "and"} for w in lowers):
        return True
    return len(words) > 4


def looks_like_person(text: str) -> bool:
    """True for 1-4 capitalised words/initials (``Vidya Nadkarni``, ``W. E. Haefeli``)."""
    words = text.strip().split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    return all(_NAME_WORD.match(w) for w in words) and not looks_like_institution(text)


def _natural(text: str) -> Name:
    """``Vidya Nadkarni`` / ``Ludwig van Beethoven`` / ``Haefeli W E`` (Vancouver)."""
    words = [w for w in text.split() if w]
    suffix = None
    if len(words) > 1 and words[-1].lower().strip(",") in _SUFFIXES:
        suffix = words.pop().strip(",")
    if len(words) == 1:
        return Name(family=_titlecase(words[0]), suffix=suffix)
    if len(words) >= 2 and is_initials(" ".join(words[1:])) and not is_initials(words[0]):
        # Vancouver "Roughton F", "Haefeli WE"
        return Name(family=_titlecase(words[0]), given=spell_initials(" ".join(words[1:])),
                    suffix=suffix)
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    particle = " ".join(words[i:-1]) if i < len(words) - 1 else None
    given = " ".join(_titlecase(w) for w in words[:i]) if particle else \
        " ".join(_titlecase(w) for w in words[:-1])
    family = words[-1]
    return Name(family=_titlecase(family), given=given or None, particle=particle,
                suffix=suffix)


def _inverted(family: str, given: str) -> Name:
    fam_words = family.split()
    particle = None
    if len(fam_words) > 1 and fam_words[0] in _PARTICLES:
        particle = " ".join(w for w in fam_words[:-1])
        family = fam_words[-1]
    suffix = None
    g = given.split()
    if g and g[-1].lower() in _SUFFIXES:
        suffix = g.pop()
    return Name(family=_titlecase(family), given=" ".join(_titlecase(w) for w in g) or None,
                particle=particle, suffix=suffix)


#: an editor's role left after the names: "(eds.)", "(Hrsg.)", "(coord.)", a final ", Eds."
#: The final "Ed." is a role here in either case, unlike ``roles.EDITOR_AFTER_COMMA``:
#: IEEE writes "E. Neuhold, Ed.", and names reach this with the segment already cut
_EDITOR_MARK = re.compile(rf"\s*\((?:{BRACKETED_EDITOR})\.?\)\.?|,?\s+\b[Ee]ds?\.$")


def parse_names(text: str, *, inverted_first: bool = True) -> tuple[list[Name], bool]:
    """Names in ``text`` and whether the list ended in *et al.*

    ``inverted_first`` says the first name is ``Family, Given`` (bibliography styles);
    notes pass False. A list that reads as one organisation becomes one literal name.
    """
    text = text.strip().strip(",;").strip()
    text = _EDITOR_MARK.sub("", text)
    etal = bool(_ETAL.search(text))
    text = _ETAL.sub("", text).replace("…", ",").replace("...", ",").strip(" ,")
    if re.search(r"[a-z\u00E0-\u024F\u0430-\u044F]{2}\.$", text):
        text = text[:-1]  # the full stop that ends the author segment, not an initial's
    if not text:
        return [], etal
    if "," not in text and inverted_first and len(text.split()) == 1:
        # a bibliography inverts a person's name, so one bare word is an organisation
        return [Name(literal=text)], etal
    if "," not in text and all(looks_like_person(g) for g in _SEP.split(text) if g.strip()):
        return [_natural(g.strip()) for g in _SEP.split(text) if g.strip()], etal
    if "," not in text and (looks_like_institution(text)
                            or (inverted_first and len(text.split()) == 1)):
        return [Name(literal=text.rstrip("."))], etal
    groups = [g.strip(" ,") for g in _SEP.split(text) if g and g.strip(" ,")]
    names: list[Name] = []
    for gi, group in enumerate(groups):
        chunks = [c.strip() for c in group.split(",") if c.strip()]
        i = 0
        while i < len(chunks):
            chunk = chunks[i]
            nxt = chunks[i + 1] if i + 1 < len(chunks) else None
            first = gi == 0 and i == 0
            pair = nxt is not None and _is_family_chunk(chunk) and not _VANCOUVER.match(chunk) \
                and not _VANCOUVER.match(nxt) and (
                is_initials(nxt)
                or (inverted_first and first and looks_like_person(nxt)
                    and len(nxt.split()) <= 3 and nxt.lower().strip(".") not in _SUFFIXES)
            )
            if pair and nxt is not None:
                name = _inverted(chunk, nxt)
                i += 2
                if i < len(chunks) and chunks[i].lower() in _SUFFIXES:
                    name = name.model_copy(update={"suffix": chunks[i]})
                    i += 1
                names.append(name)
            elif chunk.lower() in _SUFFIXES and names:
                names[-1] = names[-1].model_copy(update={"suffix": chunk})
                i += 1
            else:
                if looks_like_institution(chunk) and not looks_like_person(chunk):
                    names.append(Name(literal=chunk))
                else:
                    names.append(_natural(chunk))
                i += 1
    return names, etal


def _is_family_chunk(chunk: str) -> bool:
    """A chunk that can be the family part of ``Family, Given`` (not ``M. Rusinkiewicz``)."""
    words = chunk.split()
    initial = re.fullmatch(r"[A-Z]\.?(?:-[A-Z]\.?)?", words[0]) if words else None
    return 1 <= len(words) <= 3 and not initial and not any(
        c.isdigit() for c in chunk)


#: a repeated-author mark standing where the names go: three em dashes (Chicago 13.72),
#: three hyphens (MLA), underscores in older lists -- the previous entry's authors
REPEATED_AUTHORS = re.compile(r"^(?:[—–‒―]{2,}|—|-{2,}|_{2,})\s*[.,]?$")

#: a word that says what a person did to the work: edited, translated, herausgegeben
_ROLE = rf"(?:{EDITOR}|{TRANSLATOR})(?:\.|\b)"
_ROLE_WORDS = re.compile(
    rf"^\s*(?:In:?|in)\s+|\(?\b{_ROLE}(?:\s*(?:and|&|,)\s*{_ROLE})*(?:\s+by\b)?\)?,?")
_BRACKETS = re.compile(r"[()\[\]]")
_STRAY_END = re.compile(r"(?:\s*[,;:]|\s+\.)+\s*$")


def strip_role_words(text: str) -> str:
    """An editor or translator segment without its role words ("In", "edited by", "Hrsg.",
    "ed. and trans.", "Edited and translated by"), so that only names are left.

    Shared by the parser and the accuracy benchmark's reading of gold segments: with
    different lists the two sides disagree on strings where both hold the same names.

    >>> strip_role_words("Edited and translated by Donald Nicholson-Smith.").strip()
    'Donald Nicholson-Smith.'
    >>> strip_role_words("Douglas W. Stott (ed. and trans.)").strip()
    'Douglas W. Stott'
    >>> strip_role_words("Trask, Ann").strip()
    'Trask, Ann'
    >>> strip_role_words("(R. Chellappa, ed.),").strip(), strip_role_words("Smith, J. (ed.).")
    ('R. Chellappa', 'Smith, J.')

    The brackets around a segment and the punctuation the role word stood between go
    too: left in, they became a given name "(R." or a family name ".".
    """
    text = _BRACKETS.sub(" ", _ROLE_WORDS.sub(" ", text))
    return _STRAY_END.sub("", text)
