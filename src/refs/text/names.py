r"""BibTeX name lists <-> structured names, following BibTeX's own rules.

BibTeX (Patashnik, *BibTeXing*, §4; Markey, *Tame the BeaST*, §11) splits an
``author`` field at the word ``and`` outside braces, and each name into First, von,
Last and Jr parts in one of three forms: ``First von Last``, ``von Last, First`` and
``von Last, Jr, First``. The von part is the run of words starting with a lower-case
letter; a name wrapped in braces (``{Radio Free Europe/Radio Liberty}``) is never
split, which is how institutions are written. The parts map onto CSL's ``given``,
``non-dropping-particle``, ``family``, ``suffix`` and ``literal``.

>>> [n.display() for n in parse_bibtex_names(r"Laumulin, Murat and Shaken, Aziz")]
['Murat Laumulin', 'Aziz Shaken']
>>> parse_bibtex_names(r"Ludwig van Beethoven")[0].particle
'van'
>>> format_bibtex_name(parse_bibtex_names(r"{Radio Free Europe/Radio Liberty}")[0])
'{Radio Free Europe/Radio Liberty}'
"""

from __future__ import annotations

import re
from functools import lru_cache

from refs.model.reference import Name
from refs.text.latex import escape_specials, latex_to_unicode

__all__ = ["OTHERS", "format_bibtex_name", "format_bibtex_names", "parse_bibtex_names"]

#: BibTeX's ``and others``: the list is truncated, styles print "et al."
OTHERS = Name(literal="others")


_PLAIN_SEP = re.compile(r"[\s~]+")
#: accents spelled as one-letter control words (\\v{s}); their argument decides the case
_LETTER_ACCENTS = frozenset("uvHcdbrkt")


_PIECES = re.compile(r"[^\s~{}\\]+|\\.?|[{}]|[\s~]+")


def _split_words(s: str) -> list[str]:
    """Words at brace depth 0, split at whitespace and ``~`` (braces stay inside words)."""
    if "{" not in s and "\\" not in s:
        return _PLAIN_SEP.split(s.strip(" \t\r\n~")) if s.strip(" \t\r\n~") else []
    words: list[str] = []
    buf: list[str] = []
    depth = 0
    for piece in _PIECES.findall(s):
        c = piece[0]
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and (c.isspace() or c == "~"):
            if buf:
                words.append("".join(buf))
                buf = []
            continue
        buf.append(piece)
    if buf:
        words.append("".join(buf))
    return words


def _split_top(s: str, sep: str) -> list[str]:
    """Split ``s`` at ``sep`` characters outside braces."""
    parts: list[str] = []
    depth = 0
    last = 0
    for i, c in enumerate(s):
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        elif c == sep and depth == 0:
            parts.append(s[last:i])
            last = i + 1
    parts.append(s[last:])
    return parts


def _is_lower(word: str) -> bool:
    """BibTeX's von test: the first letter at brace depth 0 is lower case.

    A special character ``{\\"u}`` counts by its letter; other brace groups are skipped.
    """
    depth = 0
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if c == "{":
            if depth == 0 and word.startswith("{\\", i):
                j = i + 2
                while j < n and word[j].isalpha():
                    j += 1
                macro = word[i + 2 : j]
                if macro and macro not in _LETTER_ACCENTS:  # {\ss}, {\O}: the macro decides
                    return macro[0].islower()
                k = j if macro else i + 3  # {\"u}, {\v{s}}: the accented letter decides
                while k < n and not word[k].isalpha():
                    k += 1
                return k < n and word[k].islower()
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and c.isalpha():
            return c.islower()
        elif depth == 0 and c == "\\":
            return False
        i += 1
    return False


def _text(words: list[str]) -> str | None:
    return (latex_to_unicode(" ".join(words)) or None) if words else None


@lru_cache(maxsize=65536)
def _parse_one(raw: str) -> Name:
    s = raw.strip()
    if s.lower() == "others":
        return OTHERS
    if s.startswith("{") and s.endswith("}") and _group_spans_all(s):
        return Name(literal=latex_to_unicode(s[1:-1]))
    parts = [p.strip() for p in _split_top(s, ",")]
    first: list[str]
    von: list[str] = []
    jr: list[str] = []
    if len(parts) == 1:
        words = _split_words(parts[0])
        if len(words) == 1:
            return Name(family=_text(words))
        lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w)]
        if lower:
            first = words[: lower[0]]
            von = words[lower[0] : lower[-1] + 1]
            last = words[lower[-1] + 1 :]
        else:
            first, last = words[:-1], words[-1:]
    else:
        words = _split_words(parts[0])
        lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w)]
        if lower and lower[0] == 0:
            von, last = words[: lower[-1] + 1], words[lower[-1] + 1 :]
        else:
            last = words
        if len(parts) == 2:
            first = _split_words(parts[1])
        else:
            jr = _split_words(parts[1])
            first = _split_words(", ".join(parts[2:]))
    if not last and not von:
        return Name(literal=latex_to_unicode(s)) if s else Name(literal="")
    return Name(family=_text(last), given=_text(first), particle=_text(von), suffix=_text(jr))


def _group_spans_all(s: str) -> bool:
    """True when the brace opening ``s`` closes at its very end (``{A B}``, not ``{A} {B}``)."""
    depth = 0
    for i, c in enumerate(s):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i == len(s) - 1
    return False


_AND = re.compile(r"(\s+and\s+)", re.IGNORECASE)


def _split_and(s: str) -> list[str]:
    """Split a name list at `` and `` outside braces (keeping braced ``and`` as written)."""
    parts = _AND.split(s)
    if "{" not in s:
        return parts[::2]
    names: list[str] = []
    current = parts[0]
    for sep, part in zip(parts[1::2], parts[2::2], strict=True):
        if current.count("{") > current.count("}"):  # the separator is inside braces
            current += sep + part
        else:
            names.append(current)
            current = part
    names.append(current)
    return names


@lru_cache(maxsize=65536)
def _parse_cached(s: str) -> tuple[Name, ...]:
    return tuple(_parse_one(chunk.strip()) for chunk in _split_and(s) if chunk.strip())


def parse_bibtex_names(s: str) -> list[Name]:
    """Split a BibTeX name list into :class:`~refs.model.reference.Name` parts, decoded.

    >>> n = parse_bibtex_names(r"de la Fontaine, Jr., Jean and M{\\"u}ller, J.-P. and others")
    >>> (n[0].particle, n[0].family, n[0].suffix, n[0].given)
    ('de la', 'Fontaine', 'Jr.', 'Jean')
    >>> (n[1].family, n[1].given, n[2] == OTHERS)
    ('Müller', 'J.-P.', True)
    """
    return list(_parse_cached(s))


def _protect_family(family: str) -> str:
    """Brace a family name whose words BibTeX would otherwise split or read as von."""
    words = family.split()
    if len(words) > 1 and any(w[:1].islower() for w in words):
        return "{" + family + "}"
    return family


def format_bibtex_name(name: Name) -> str:
    """One name in BibTeX's ``von Last, Jr, First`` form (Unicode kept, specials escaped).

    >>> format_bibtex_name(Name(family="Beethoven", given="Ludwig", particle="van"))
    'van Beethoven, Ludwig'
    >>> format_bibtex_name(Name(family="King", given="Martin Luther", suffix="Jr."))
    'King, Jr., Martin Luther'
    """
    if name == OTHERS:
        return "others"
    if name.literal is not None and name.family is None:
        return "{" + escape_specials(name.literal) + "}"
    family = _protect_family(escape_specials(name.family or ""))
    head = " ".join(p for p in (name.dropping_particle, name.particle) if p)
    last = f"{escape_specials(head)} {family}" if head else family
    given = escape_specials(name.given) if name.given else None
    if name.suffix:
        return f"{last}, {escape_specials(name.suffix)}, {given or ''}".rstrip(", ")
    if given:
        return f"{last}, {given}"
    # "Ivanov Petrov" alone would read as given + family; "Ivanov Petrov," cannot
    return f"{last}," if " " in last else last


def format_bibtex_names(names: list[Name]) -> str:
    """A whole ``author``/``editor`` value: names joined with `` and ``."""
    return " and ".join(format_bibtex_name(n) for n in names)
