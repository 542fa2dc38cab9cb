"""Titles: fold them for comparison, spot SHOUTED titles, and change their case.

Why: duplicate detection and citation matching must see ``{Kazakhstan's} Multi-Vector
Policy`` and ``Kazakhstan’s multi-vector policy.`` as one title, while ``refs check``
must tell an all-caps title (a copy-paste from a catalogue) from one that merely holds
acronyms (``NATO and the CSTO``). Brace-protected words (BibTeX's ``{NATO}``) are the
user's explicit "keep this case" and are never counted as shouting or re-cased.

Only a light LaTeX pass lives here (accent macros, braces); full LaTeX -> Unicode
conversion is :mod:`refs.text.latex`'s job, applied by the readers before titles reach
the model.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["SMALL_WORDS", "fold_title", "is_all_caps", "sentence_case", "title_case"]

#: letters that NFKD does not decompose into base + mark, folded by hand
_SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
     "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d"}
)
#: LaTeX letter macros (\o, \ss, \ae...) and accent macros (\" \' \v{} ...)
_LATEX_LETTERS = re.compile(r"\\(o|O|l|L|ss|ae|AE|oe|OE|aa|AA|i|j)(?![A-Za-z])\s*")
_LATEX_ACCENTS = re.compile(r"\\[\"'`^~=.]|\\[uvHcdbkrt](?![A-Za-z])\s*")
_LATEX_OTHER = re.compile(r"\\[A-Za-z]+\*?\s*")
_NON_WORD = re.compile(r"[\W_]+")

#: short function words kept lower-case inside a title-cased title (Chicago 8.159, AP-ish)
SMALL_WORDS: frozenset[str] = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "en", "for", "from", "if", "in", "into",
     "nor", "of", "on", "onto", "or", "over", "per", "so", "than", "the", "to", "up", "upon",
     "via", "vs", "with", "yet"]
)


def _latex_lite(s: str) -> str:
    letters = {"o": "o", "O": "O", "l": "l", "L": "L", "ss": "ss", "ae": "ae", "AE": "AE",
               "oe": "oe", "OE": "OE", "aa": "a", "AA": "A", "i": "i", "j": "j"}
    s = _LATEX_LETTERS.sub(lambda m: letters[m.group(1)], s)
    s = _LATEX_ACCENTS.sub("", s)
    s = _LATEX_OTHER.sub(" ", s)
    return s.replace("{", "").replace("}", "")


def fold_title(s: str) -> str:
    r"""``s`` reduced to lower-case ASCII-ish words separated by single spaces.

    Folds case, accents (NFKD), LaTeX accent macros and braces, punctuation and
    whitespace; ``--`` and dashes become separators. Non-Latin scripts stay as they
    are (lower-cased), so Cyrillic titles still compare.

    >>> fold_title('{Kazakhstan} Multi-Vector  Policy: A \\"{U}berblick')
    'kazakhstan multi vector policy a uberblick'
    >>> fold_title("Kazakhstan’s multi-vector policy.")
    'kazakhstan s multi vector policy'
    >>> fold_title("Россия и Казахстан")
    'россия и казахстан'
    """
    text = _latex_lite(s).translate(_SPECIAL_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(_SPECIAL_LETTERS)
    return _NON_WORD.sub(" ", text).strip()


def _unprotected(s: str) -> str:
    """``s`` without brace-protected groups (innermost first) and LaTeX macros."""
    # one pass with a stack (nested braces cost depth x length with repeated re.sub):
    # a closed group becomes one space in its parent; an unclosed one stays as written
    stack: list[list[str]] = [[]]
    for char in s:
        if char == "{":
            stack.append(["{"])
        elif char == "}" and len(stack) > 1:
            stack.pop()
            stack[-1].append(" ")
        else:
            stack[-1].append(char)
    while len(stack) > 1:
        top = stack.pop()
        stack[-1].extend(top)
    return _LATEX_OTHER.sub(" ", "".join(stack[0]))


def is_all_caps(s: str) -> bool:
    """True when the title is SHOUTED: its unprotected words are all upper-case.

    Brace-protected groups are ignored, and at least two words of two or more
    letters must remain, so a lone acronym (``NATO``) or a title with acronyms
    among lower-case words is not all caps.

    >>> is_all_caps("RUSSIA AND KAZAKHSTAN: A HISTORY")
    True
    >>> is_all_caps("NATO and the CSTO in Central Asia")
    False
    >>> is_all_caps("{NATO} {CSTO}")
    False
    >>> is_all_caps("NATO")
    False
    """
    words = [w for w in re.findall(r"[^\W\d_]+", _unprotected(s)) if len(w) >= 2]
    if len(words) < 2:
        return False
    return all(w.isupper() for w in words)


_TOKEN = re.compile(r"(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[^\s{}]+|\s+|[{}])")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    # NATO, CSTO, iPhone, McDonald: any upper-case letter after the first is deliberate
    return any(c.isupper() for c in letters[1:])


def sentence_case(s: str) -> str:
    """``s`` in sentence case: first word and the word after ``:``/``.``/``?``/``!`` capitalised.

    Acronyms and mixed-case words (``NATO``, ``iPhone``) and brace-protected groups
    are kept. An all-caps title is lower-cased word by word first (its acronyms cannot
    be told apart, so protect them with braces).

    >>> sentence_case("Russia And Kazakhstan: The NATO Factor")
    'Russia and kazakhstan: The NATO factor'
    >>> sentence_case("THE {USSR} AND AFTER")
    'The {USSR} and after'
    """
    shouting = is_all_caps(s)
    out: list[str] = []
    capitalise_next = True
    for token in _TOKEN.findall(s):
        if token.isspace() or token.startswith("{"):
            out.append(token)
            if token.startswith("{") and token.strip("{}").strip():
                capitalise_next = False
            continue
        word = token if (_is_acronym(token) and not shouting) else token.lower()
        if capitalise_next and any(c.isalpha() for c in word):
            word = _capitalise(word)
            capitalise_next = False
        out.append(word)
        if word.endswith((":", ".", "?", "!")):
            capitalise_next = True
    return "".join(out)


def title_case(s: str) -> str:
    """``s`` in title case: major words capitalised, :data:`SMALL_WORDS` lower-case.

    The first and last words and the first word after a colon are always capitalised;
    acronyms, mixed-case words and brace-protected groups are kept; hyphenated parts
    are capitalised each.

    >>> title_case("the politics of multi-vector foreign policy: a view from astana")
    'The Politics of Multi-Vector Foreign Policy: A View from Astana'
    >>> title_case("{iPhone} use in the EU")
    '{iPhone} Use in the EU'
    """
    tokens = _TOKEN.findall(s)
    word_positions = [i for i, t in enumerate(tokens) if not t.isspace()]
    out = list(tokens)
    force = True
    for n, i in enumerate(word_positions):
        token = tokens[i]
        if token.startswith("{") or token in "{}":
            force = False
            continue
        last = n == len(word_positions) - 1
        bare = token.strip(".,;:!?\"'()[]").lower()
        if _is_acronym(token):
            word = token
        elif bare in SMALL_WORDS and not force and not last:
            word = token.lower()
        else:
            word = "-".join(_capitalise(part.lower()) for part in token.split("-"))
        out[i] = word
        force = token.endswith((":", ".", "?", "!"))
    return "".join(out)


def _capitalise(word: str) -> str:
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1:]
    return word
