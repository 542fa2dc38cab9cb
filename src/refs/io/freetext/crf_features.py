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

_EDS = {"ed", "eds", "editor", "editors", "edited", "hrsg", "hg", "dir", "coord"}
_VOL = {"vol", "volume", "bd", "vols", "no", "nr", "issue", "iss", "n", "num", "number"}
_PAGES = {"pp", "p", "pages", "s", "pgs"}
_OPEN = "“\"‘'«„‚"
_CLOSE = ("”", "\"", "’", "'", "»", "“")


def tokenize(text: str) -> list[str]:
    """Whitespace tokens (AnyStyle's unit)."""
    return text.split()


def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


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
        "initial": bool(re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.)*,?", word)),
        "year": bool(re.search(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b", word)),
        "num": core.isdigit(),
        "hasdigit": any(c.isdigit() for c in word),
        "range": bool(re.search(r"\d\s*[-–—]+\s*\d", word)),
        "paren": bool(re.search(r"\(\d+\)", word)),
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
        "url": bool(re.match(r"(?:https?://|www\.|doi:|10\.\d{4})", word, re.I)),
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
        if v is True or isinstance(v, float):
            out.append(k)
        elif isinstance(v, str):
            out.append(f"{k}:{v}")
    return out


#: what a token tells its immediate neighbours, and (fewer) its neighbours two away:
#: the far context matters less and every attribute costs tagging time
_NEIGHBOUR_KEYS = {
    1: ("w", "shape", "last", "cap", "year", "initial", "eds", "in", "num", "month", "pub",
        "vol", "quote_open", "quote_close", "first", "loc", "journal", "edition", "genre"),
    2: ("w", "last", "year", "initial", "quote_open", "quote_close"),
}


@lru_cache(maxsize=65536)
def _own(word: str) -> tuple[str, ...]:
    return tuple(_attrs(_token(word)))


@lru_cache(maxsize=131072)
def _neighbour(word: str, off: int) -> tuple[str, ...]:
    g = _token(word)
    return tuple(_attrs({f"{off}:{k}": g[k] for k in _NEIGHBOUR_KEYS[abs(off)]}))


def sequence_features(tokens: list[str]) -> list[list[str]]:
    """Features of every token, with its neighbours' (-2..+2) and its position."""
    base = [_token(t) for t in tokens]
    n = len(tokens)
    out: list[list[str]] = []
    seen_year = seen_quote_close = in_quote = in_paren = False
    sentence = since = 0
    for i, f in enumerate(base):
        tok = tokens[i]
        if f["quote_open"]:
            in_quote = True
        if "(" in tok:
            in_paren = True
        # positional attributes, spelt as _attrs would spell them; "sentence" is which
        # full-stop-delimited unit of the string the token is in and "since" how far in:
        # reference styles put fields in a fixed order of such units
        attrs = [*_own(tok), "bias", f"pos:{min(9, 10 * i // max(1, n))}",
                 f"sentence:{min(sentence, 5)}", f"since:{min(since, 4)}",
                 f"len:{min(len(tok), 8)}"]
        if seen_year:
            attrs.append("after_year")
        if seen_quote_close:
            attrs.append("after_quote")
        if in_quote:
            attrs.append("in_quote")
        if in_paren:
            attrs.append("in_paren")
        if tok[:1].islower():
            attrs.append("lower")
        if i:
            attrs.append(f"bigram:{base[i - 1]['w']}|{f['w']}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                attrs.extend(_neighbour(tokens[j], off))
            else:
                attrs.append(f"{off}:edge")
        seen_year = seen_year or bool(f["year"])
        seen_quote_close = seen_quote_close or bool(f["quote_close"])
        if f["quote_close"]:
            in_quote = False
        if ")" in tok:
            in_paren = False
        ends = tok.endswith((".", "?", "!", ".”", ".\"", "?”")) and not f["initial"] \
            and len(tok.strip(".”\"")) > 2
        sentence, since = (sentence + 1, 0) if ends else (sentence, since + 1)
        out.append(attrs)
    return out
