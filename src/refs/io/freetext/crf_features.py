"""Token features for the CRF segmenter (after AnyStyle's, which are after ParsCit's).

A reference string is split at whitespace (punctuation stays on its token, as in
AnyStyle's data); each token is described by its shape, its punctuation, dictionary
hits (months, ``pp.``, ``eds``, ``In``, publisher words) and its relative position,
together with the same for its neighbours. Why a CRF over tokens: field boundaries in a
reference depend on the whole sequence (a title ends where the container begins), which
a linear-chain CRF models directly and cheaply.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["sequence_features", "tokenize"]

from refs.io.freetext.crf_lexicon import (
    EDITION,
    GENRE,
    JOURNAL,
    MONTHS,
    NOTE,
    PLACES,
    PUBLISHER,
    STATE_CODES,
    TRANSLATOR,
)

#: editor words as the CRF sees them (lower-cased tokens). Not built from ``roles`` on
#: purpose: the shipped model was trained on this feature, so changing it means retraining
_EDS = {"ed", "eds", "editor", "editors", "edited", "hrsg", "hg", "dir", "coord"}
_VOL = {"vol", "volume", "bd", "vols", "no", "nr", "issue", "iss", "n", "num", "number"}
_PAGES = {"pp", "p", "pages", "s", "pgs"}
_OPEN = "“\"‘'«„‚"
_CLOSE = ("”", "\"", "’", "'", "»", "“")


def tokenize(text: str) -> list[str]:
    """Whitespace tokens (AnyStyle's unit)."""
    return text.split()


#: ASCII letters to X/x; every Unicode decimal digit to d (what ``\d`` matched)
_SHAPE = str.maketrans({**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyz"}})
_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"(.)\1+")


def _shape(word: str) -> str:
    """``Smith,`` -> ``Xxx,`` (runs of one character cut to two).

    A translation table and precompiled patterns, not four ``re.sub`` calls on
    pattern strings: a new word costs this on every cache miss.
    """
    return _RUN.sub(r"\1\1", _DIGIT.sub("d", word.translate(_SHAPE)))


_INITIAL = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*,?")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b")
_RANGE = re.compile(r"\d\s*[-–—]+\s*\d")
_PAREN = re.compile(r"\(\d+\)")
_URL = re.compile(r"(?:https?://|www\.|doi:|10\.\d{4})", re.I)


@lru_cache(maxsize=65536)
def _token(word: str) -> dict[str, str | float | bool]:
    core = word.strip("“”\"‘’'()[]{}.,;:!?«»„")
    low = core.lower()
    f: dict[str, str | float | bool] = {
        "w": low[:20],
        "shape": _shape(word)[:8],
        "pre3": low[:3], "suf3": low[-3:],
        "last": word[-1:] if not word[-1:].isalnum() else "a",
        "first": word[:1] if not word[:1].isalnum() else ("A" if word[:1].isupper() else "a"),
        "cap": core[:1].isupper(),
        "allcaps": core.isupper() and len(core) > 1,
        "initial": bool(_INITIAL.fullmatch(word)),
        "year": bool(_YEAR.search(word)),
        "num": core.isdigit(),
        "hasdigit": any(c.isdigit() for c in word),
        "range": bool(_RANGE.search(word)),
        "paren": bool(_PAREN.search(word)),
        "month": low.rstrip(".") in MONTHS,
        "pub": low in PUBLISHER,
        "eds": low.rstrip(".") in _EDS,
        "journal": low in JOURNAL,
        "vol": low in _VOL,
        "pages": low in _PAGES and word.endswith("."),
        "loc": low in PLACES or core in STATE_CODES,
        "edition": low.rstrip(".") in EDITION,
        "genre": low.rstrip(".") in GENRE,
        "note": low in NOTE,
        "trans": low.rstrip(".") in TRANSLATOR,
        "in": low == "in" or low == "in:",
        "and": low in {"and", "&", "und", "et"},
        "url": bool(_URL.match(word)),
        "quote_open": word[:1] in _OPEN,
        "quote_close": word.rstrip(",.;:").endswith(_CLOSE),
    }
    return f


def _attrs(feats: dict[str, str | float | bool]) -> list[str]:
    """crfsuite attribute strings: ``key:value`` for strings, ``key`` for true flags.

    Equivalent to handing crfsuite the dict (it spells ``{"w": "x"}`` as ``w:x`` and a
    false flag weighs 0) but about four times faster to tag, since no zero-valued
    attributes cross into C++.
    """
    out = []
    for k, v in feats.items():
        if v is True:
            out.append(k)
        elif v is False:  # most flags: skip them before any isinstance test
            continue
        elif isinstance(v, str):
            out.append(f"{k}:{v}")
        elif isinstance(v, float):
            out.append(k)
    return out


#: what a token tells its immediate neighbours, and (fewer) its neighbours two away:
#: the far context matters less and every attribute costs tagging time
_NEIGHBOUR_KEYS = {
    1: ("w", "shape", "last", "cap", "year", "initial", "eds", "in", "num", "month", "pub",
        "vol", "quote_open", "quote_close", "first", "loc", "journal", "edition", "genre"),
    2: ("w", "last", "year", "initial", "quote_open", "quote_close"),
}


_POS = tuple(f"pos:{k}" for k in range(10))
_SENTENCE = tuple(f"sentence:{k}" for k in range(6))
_SINCE = tuple(f"since:{k}" for k in range(5))
_EDGE = {-2: ("-2:edge",), -1: ("-1:edge",), 1: ("1:edge",), 2: ("2:edge",)}


class _Word(NamedTuple):
    """Everything about one token that does not depend on where it stands (cached)."""

    own: tuple[str, ...]
    #: what it tells the tokens two before, one before, one after and two after it
    before2: tuple[str, ...]
    before1: tuple[str, ...]
    after1: tuple[str, ...]
    after2: tuple[str, ...]
    w: str
    quote_open: bool
    quote_close: bool
    opens: bool
    closes: bool
    year: bool
    ends: bool


def _told(g: dict[str, str | float | bool], off: int) -> tuple[str, ...]:
    """``g``'s neighbour keys as attributes seen from ``off`` (``-1:w:smith``), as
    :func:`_attrs` spells them, without building the intermediate dict."""
    out = []
    for k in _NEIGHBOUR_KEYS[abs(off)]:
        v = g[k]
        if v is True or (v is not False and isinstance(v, float)):
            out.append(f"{off}:{k}")
        elif isinstance(v, str):
            out.append(f"{off}:{k}:{v}")
    return tuple(out)


@lru_cache(maxsize=65536)
def _word(tok: str) -> _Word:
    g = _token(tok)
    own = (*_attrs(g), "bias", f"len:{min(len(tok), 8)}", *(("lower",) if tok[:1].islower()
                                                              else ()))
    # a full stop that ends a unit (not an initial's, not an abbreviation's)
    ends = tok.endswith((".", "?", "!", ".”", ".\"", "?”")) and not g["initial"] \
        and len(tok.strip(".”\"")) > 2
    # the token two places after this one sees it at offset -2, and so on
    return _Word(own, _told(g, 2), _told(g, 1), _told(g, -1), _told(g, -2), str(g["w"]),
                 bool(g["quote_open"]), bool(g["quote_close"]), "(" in tok, ")" in tok,
                 bool(g["year"]), ends)


def sequence_features(tokens: list[str]) -> list[list[str]]:
    """Features of every token, with its neighbours' (-2..+2) and its position.

    Per-token work is cached by word (:func:`_word`); the loop adds only what depends
    on the position, which keeps feature extraction well under the tagger's cost.
    """
    words = [_word(t) for t in tokens]
    n = len(tokens)
    out: list[list[str]] = []
    seen_year = seen_quote_close = in_quote = in_paren = False
    sentence = since = 0
    for i, f in enumerate(words):
        if f.quote_open:
            in_quote = True
        if f.opens:
            in_paren = True
        # "sentence" is which full-stop-delimited unit of the string the token is in and
        # "since" how far in: reference styles put fields in a fixed order of such units
        attrs = [*f.own, _POS[10 * i // n], _SENTENCE[sentence if sentence < 5 else 5],
                 _SINCE[since if since < 4 else 4]]
        if seen_year:
            attrs.append("after_year")
        if seen_quote_close:
            attrs.append("after_quote")
        if in_quote:
            attrs.append("in_quote")
        if in_paren:
            attrs.append("in_paren")
        if i:
            attrs.append(f"bigram:{words[i - 1].w}|{f.w}")
        attrs.extend(words[i - 2].after2 if i >= 2 else _EDGE[-2])
        attrs.extend(words[i - 1].after1 if i >= 1 else _EDGE[-1])
        attrs.extend(words[i + 1].before1 if i + 1 < n else _EDGE[1])
        attrs.extend(words[i + 2].before2 if i + 2 < n else _EDGE[2])
        seen_year = seen_year or f.year
        seen_quote_close = seen_quote_close or f.quote_close
        if f.quote_close:
            in_quote = False
        if f.closes:
            in_paren = False
        if f.ends:
            sentence, since = sentence + 1, 0
        else:
            since += 1
        out.append(attrs)
    return out
