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

__all__ = ["sequence_features", "tokenize"]

_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec", "january", "february", "march", "april", "june", "july", "august",
           "september", "october", "november", "december"}
_PUB = {"press", "publishers", "publisher", "publishing", "verlag", "books", "university",
        "univ", "co", "inc", "ltd", "company", "academic", "wiley", "springer", "elsevier",
        "routledge", "macmillan", "sage", "blackwell", "editions", "éditions", "edizioni"}
_EDS = {"ed", "eds", "editor", "editors", "edited", "hrsg", "hg", "dir", "coord"}
_JOURNAL = {"journal", "j", "review", "rev", "proceedings", "proc", "transactions", "trans",
            "annals", "bulletin", "quarterly", "letters", "magazine", "studies", "research"}
_VOL = {"vol", "volume", "bd", "vols", "no", "nr", "issue", "iss", "n", "num", "number"}
_PAGES = {"pp", "p", "pages", "s", "pgs"}
_LOC = {"new", "york", "london", "oxford", "cambridge", "paris", "berlin", "boston",
        "chicago", "amsterdam", "washington", "princeton", "tokyo", "ny", "ma", "ca",
        "usa", "uk", "berkeley", "leiden", "heidelberg", "dordrecht", "toronto", "basel"}


def tokenize(text: str) -> list[str]:
    """Whitespace tokens (AnyStyle's unit)."""
    return text.split()


def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


def _token(word: str) -> dict[str, str | float | bool]:
    core = word.strip("“”\"‘’'()[]{}.,;:!?")
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
        "month": low.rstrip(".") in _MONTHS,
        "pub": low in _PUB,
        "eds": low.rstrip(".") in _EDS,
        "journal": low in _JOURNAL,
        "vol": low in _VOL,
        "pages": low in _PAGES and word.endswith("."),
        "loc": low in _LOC,
        "in": low == "in" or low == "in:",
        "and": low in {"and", "&", "und", "et"},
        "url": bool(re.match(r"(?:https?://|www\.|doi:|10\.\d{4})", word, re.I)),
        "quote_open": word[:1] in "“\"‘'",
        "quote_close": bool(re.search(r"[”\"’'][,.]?$", word)),
    }
    return f


def sequence_features(tokens: list[str]) -> list[dict[str, str | float | bool]]:
    """Features of every token, with its neighbours' (-2..+2) and its position."""
    base = [_token(t) for t in tokens]
    n = len(tokens)
    out = []
    seen_year = False
    seen_quote_close = False
    in_quote = in_paren = False
    sentence = since = 0
    for i, f in enumerate(base):
        tok = tokens[i]
        if f["quote_open"]:
            in_quote = True
        if "(" in tok:
            in_paren = True
        feats: dict[str, str | float | bool] = {"bias": 1.0, **f,
                                                "pos": f"{min(9, int(10 * i / max(1, n)))}"}
        feats["after_year"] = seen_year
        feats["after_quote"] = seen_quote_close
        feats["in_quote"] = in_quote
        feats["in_paren"] = in_paren
        # which full-stop-delimited unit of the string this token is in, and how far in:
        # reference styles put fields in a fixed order of such units
        feats["sentence"] = str(min(sentence, 5))
        feats["since"] = str(min(since, 4))
        feats["lower"] = tok[:1].islower()
        feats["len"] = str(min(len(tok), 8))
        if i:
            feats["bigram"] = f"{base[i - 1]['w']}|{f['w']}"
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                g = base[j]
                for k in ("w", "shape", "last", "cap", "year", "initial", "eds", "in", "num",
                          "month", "pub", "vol", "quote_open", "quote_close", "first"):
                    feats[f"{off}:{k}"] = g[k]
            else:
                feats[f"{off}:edge"] = True
        seen_year = seen_year or bool(f["year"])
        seen_quote_close = seen_quote_close or bool(f["quote_close"])
        if f["quote_close"]:
            in_quote = False
        if ")" in tok:
            in_paren = False
        ends = tok.endswith((".", "?", "!", ".”", ".\"", "?”")) and not f["initial"] \
            and len(tok.strip(".”\"")) > 2
        sentence, since = (sentence + 1, 0) if ends else (sentence, since + 1)
        out.append(feats)
    return out
