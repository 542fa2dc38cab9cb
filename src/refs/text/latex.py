"""LaTeX <-> Unicode for titles and names, fast enough to run on every field of a big file.

BibTeX files spell ``Müller`` as ``M{\\"u}ller``, dashes as ``--`` and protect
capitals with braces (``{DNA}``). The model holds plain Unicode, so every reader
decodes; the writers re-encode only when asked (the default output stays UTF-8).

Why not just pylatexenc? It builds a node tree per string, which costs ~18x the
whole BibTeX parse on a 10,000-entry file (issue 2). The common path here is one
compiled regular expression with a dispatch table plus an LRU cache (names repeat a
lot); only strings with macros this module does not know go to pylatexenc.

>>> latex_to_unicode(r'M{\\"u}ller and \\v{S}ebek -- {DNA} of {\\o}l \\& co.')
'Müller and Šebek – DNA of øl & co.'
>>> protected_spans(r'The {DNA} of {Kazakhstan} and M{\\"u}ller')
['DNA', 'Kazakhstan']
>>> unicode_to_latex('Šebek – Müller')
'{\\\\v{S}}ebek -- M{\\\\"u}ller'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "braces_balanced",
    "escape_specials",
    "escape_verbatim",
    "latex_to_unicode",
    "protected_spans",
    "reprotect",
    "unescape_verbatim",
    "unicode_to_latex",
]

#: accent control symbols/words -> Unicode combining marks (LaTeX2e "Accents", lshort §2.4.8)
ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "d": "\u0323",
    "b": "\u0331",
    "r": "\u030a",
    "k": "\u0328",
    "t": "\u0361",
}

#: argument-less macros -> text (special letters, dashes, quotes, logos)
SYMBOLS: dict[str, str] = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "guillemotleft": "«", "guillemotright": "»",
    "textregistered": "®", "textcopyright": "©", "texttrademark": "™", "S": "§", "P": "¶",
    "textdegree": "°", "euro": "€", "textsterling": "£", "pounds": "£",
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "slash": "/", "textbackslash": "\\",
    "textasciitilde": "~", "textunderscore": "_", "relax": "", "noopsort": "",
}  # fmt: skip

#: macros whose argument is kept as plain text (font and box commands)
TEXT_MACROS: frozenset[str] = frozenset(
    {
        "textit", "emph", "textbf", "textsc", "texttt", "textrm", "textsf", "textup", "textsl",
        "textmd", "textnormal", "mbox", "text", "url", "hbox", "uppercase", "MakeUppercase",
    }
)
#: font declarations inside a group (``{\\em word}``) that only change the look
DECLARATIONS: frozenset[str] = frozenset(
    {
        "em", "it", "bf", "sc", "rm", "sf", "tt", "sl", "up", "md", "itshape", "bfseries",
        "scshape", "upshape", "normalfont",
    }
)
#: Greek letters and a few operators, so simple ``$\\alpha$`` math reads well
MATH: dict[str, str] = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "times": "×", "pm": "±",
    "leq": "≤", "geq": "≥", "le": "≤", "ge": "≥", "neq": "≠", "infty": "∞", "cdot": "·",
    "to": "→", "rightarrow": "→", "approx": "≈", "sim": "∼",
}  # fmt: skip

_BASE = r"(?:\\[ij](?![A-Za-z])|[A-Za-z])"
#: pass 1: everything that starts with a backslash, and math. The lookahead lets the
#: regex engine skip ordinary characters without trying every alternative (2x faster).
_MACRO = re.compile(
    r"(?=[\\$])(?:"
    r"\\(?P<acc>['`^\"~=.])\s*(?:\{\s*(?P<b1>" + _BASE + r")?\s*\}|(?P<b2>" + _BASE + r"))"
    r"|\\(?P<lacc>[uvHcdbrkt])(?:\s*\{\s*(?P<b3>" + _BASE + r")?\s*\}|\s+(?P<b4>" + _BASE + r"))"
    r"|\\(?P<word>[A-Za-z]+)\s*"
    r"|\\(?P<esc>[&%$#_{}\\ ,;!\-/@])"
    r"|(?P<math>\$[^$]*\$)"
    r")"
)
#: escaped braces survive pass 2 (which drops markup braces) as Unicode noncharacters,
#: which text never holds (private-use ones did: MUFI characters in humanities data)
_LBRACE, _RBRACE, _TILDE = "\ufdd0", "\ufdd1", "\ufdd2"
#: pass 2, at C speed: drop markup braces, ``~`` is a no-break space, placeholders back
_PASS2 = str.maketrans(
    {"{": None, "}": None, "~": "\u00a0", _LBRACE: "{", _RBRACE: "}", _TILDE: "~"}
)
_WS = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")
SYMBOLS["textasciitilde"] = _TILDE  # a literal ~, not the tie pass 2 turns into a space

#: does the string need decoding at all? (most fields don't)
_NEEDS = re.compile(r"[\\{}~$\t\r\n]|--|``|''|  ")
_ESCAPED = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": _LBRACE, "}": _RBRACE}
_ESCAPED.update({"\\": " ", " ": " ", ",": "\u2009", ";": " ", "!": "", "-": "", "/": ""})
_ESCAPED["@"] = ""


class _Unknown(Exception):
    """A macro this module does not know: fall back to pylatexenc for the whole string."""


def _base(char: str) -> str:
    return "i" if char == "\\i" else "j" if char == "\\j" else char


def _replace(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if kind in ("acc", "b1", "b2", "lacc", "b3", "b4"):
        mark = ACCENTS[m.group("acc") or m.group("lacc")]
        base = m.group("b1") or m.group("b2") or m.group("b3") or m.group("b4")
        if base is None:  # an accent on nothing, e.g. \'{}: the mark alone
            return unicodedata.normalize("NFC", "\u00a0" + mark)[-1:]
        return unicodedata.normalize("NFC", _base(base) + mark)
    if kind == "word":
        name = m.group("word")
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in TEXT_MACROS or name in DECLARATIONS:
            return ""
        raise _Unknown(name)
    if kind == "esc":
        return _ESCAPED[m.group("esc")]
    return _math(m.group("math"))


_MATH_MACRO = re.compile(r"\\([A-Za-z]+)")


def _math(src: str) -> str:
    """``$\\alpha$-helix`` -> ``α-helix``; math we cannot render is kept as written."""
    inner = src[1:-1]
    out = _MATH_MACRO.sub(lambda m: MATH.get(m.group(1), m.group(0)), inner)
    if "\\" in out:  # kept as written, braces included
        return src.replace("{", _LBRACE).replace("}", _RBRACE).replace("~", _TILDE)
    return out


@lru_cache(maxsize=65536)
def braces_balanced(text: str) -> bool:
    """True when every ``{`` in ``text`` is closed and no ``}`` closes more than was open.

    One pass, on purpose: deeply nested input must not cost depth x length (a 200 kB
    title of nested groups once made ``refs check`` run for minutes).
    """
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def latex_to_unicode(s: str) -> str:
    """Decode LaTeX markup to plain Unicode text (what the model holds).

    Accents, special letters, escaped specials, dashes, ``~``, quotes and font macros
    are decoded; protective braces are dropped (see :func:`protected_spans` to keep
    track of them); whitespace runs, including line breaks inside a field, become one
    space.

    >>> latex_to_unicode(r'{\\"{U}}ber \\emph{die} Stra{\\ss}e~1---2')
    'Über die Straße\\xa01—2'
    >>> latex_to_unicode(r"$\\beta$-Decay in {\\'E}cole \\c{c}a")
    'β-Decay in École ça'
    >>> latex_to_unicode("plain text")
    'plain text'
    """
    if _NEEDS.search(s) is None:
        return s.strip(" ")
    out = s
    if "\\" in out or "$" in out:
        try:
            out = _MACRO.sub(_replace, out)
        except _Unknown:
            return _fallback(s).strip(" ")
    if "--" in out:
        out = out.replace("---", "—").replace("--", "–")
    if "``" in out or "''" in out:
        out = out.replace("``", "“").replace("''", "”")
    out = out.translate(_PASS2)
    if "  " in out or "\n" in out or "\t" in out or "\r" in out:
        out = _WS.sub(" ", out)
    return out.strip(" ")


def _fallback(s: str) -> str:
    """Rare macros: let pylatexenc decide (slow, hence only here)."""
    from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

    text = LatexNodes2Text(math_mode="verbatim", keep_comments=False).latex_to_text(s)
    return re.sub(r"[ \t\r\n]+", " ", str(text))


def protected_spans(s: str) -> list[str]:
    """Decoded text of the brace groups that protect case, in order (``{DNA}`` -> ``DNA``).

    A group right after a macro (``\\textit{x}``, ``\\v{s}``) or starting with a
    backslash (``{\\"u}``, a BibTeX "special character") is not a protection.

    >>> protected_spans(r'{The} \\textbf{bold} {\\"U}ber {{RNA} World}')
    ['The', 'RNA World']
    """
    spans: list[str] = []
    depth = 0
    start = 0
    special = False
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            j = i + 1
            while j < n and s[j].isalpha():
                j += 1
            j = max(j, i + 2)
            if depth == 0 and j < n and s[j] == "{":
                j = _group_end(s, j)  # a macro argument, not a protection
            i = j
            continue
        if c == "{":
            if depth == 0:
                start = i + 1
                special = s.startswith("\\", i + 1)
            depth += 1
        elif c == "}" and depth > 0:
            depth -= 1
            if depth == 0 and not special:
                spans.append(latex_to_unicode(s[start:i]))
        i += 1
    return [span for span in spans if span]


def _group_end(s: str, i: int) -> int:
    """Index just after the brace group opening at ``s[i]`` (or the end of ``s``)."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def reprotect(text: str, spans: list[str]) -> str:
    """Wrap each occurrence of a formerly protected span in braces again.

    >>> reprotect("The DNA of Kazakhstan", ["DNA", "Kazakhstan"])
    'The {DNA} of {Kazakhstan}'
    """
    for span in sorted(set(spans), key=len, reverse=True):
        pattern = re.compile(r"(?<![\w{\\])" + re.escape(span) + r"(?![\w}])")
        text = pattern.sub(lambda m: "{" + m.group(0) + "}", text)
    return text


#: characters with a meaning in (Bib)TeX, escaped when writing plain text into a field
#: what plain text must not contain inside a BibTeX value, and what to write instead:
#: TeX specials, and the ligatures the decoder turns into dashes, quotes and spaces
_SPECIALS = re.compile(r"[\\&%$#_{}~]|-(?=-)|'(?=')|`(?=`)")
_SPECIAL_OUT = {"\\": "\\textbackslash{}", "~": "\\textasciitilde{}"}
_SPECIAL_OUT.update({c: "\\" + c for c in "&%$#_{}"})
_SPECIAL_OUT.update({c: c + "{}" for c in "-'`"})
#: an ``@`` that starts a line (after blanks): BibTeX parsers take ``@name{`` / ``@name(``
#: there for the start of a new block, even inside a value, so it is written ``{@}``
_LINE_AT = re.compile(r"(\n\s*)@")


def escape_specials(text: str) -> str:
    """Spell plain text (from the model) so that it reads back as exactly that text.

    Escapes ``\\ & % $ # _ { } ~`` and breaks the ligatures ``--``, ``''`` and
    `````` `` that :func:`latex_to_unicode` would turn into dashes and quotes. Braces
    in the model are literal characters (markup braces were dropped on reading);
    :func:`reprotect` adds protection afterwards. An ``@`` that starts a line is
    braced (``{@}``), so that it cannot be read as the start of a new entry.

    >>> escape_specials("R&D at 5% _now_ -- ''ok''")
    "R\\\\&D at 5\\\\% \\\\_now\\\\_ -{}- '{}'ok'{}'"
    >>> latex_to_unicode(escape_specials("a -- b ~ c {d}")) == "a -- b ~ c {d}"
    True
    """
    return _escape(text, _SPECIALS)


_STRUCTURAL = re.compile(r"[\\{}]")
_UNESCAPE = re.compile(r"\\textbackslash\{\}|\\[{}]|\{@\}")
_UNESCAPED = {"\\textbackslash{}": "\\", "\\{": "{", "\\}": "}", "{@}": "@"}


def escape_verbatim(text: str) -> str:
    r"""Spell text for a field kept without LaTeX decoding, escaping only what BibTeX's
    syntax needs: ``\``, ``{`` and ``}`` as :func:`escape_specials` spells them
    (``\textbackslash{}``, ``\{``, ``\}``) and a line-initial ``@`` as ``{@}``.

    The result always fits in a braced value (balanced, no trailing backslash, no line
    that starts a block), prints as the same text in LaTeX, and
    :func:`unescape_verbatim` gives back exactly ``text``.

    >>> print(escape_verbatim("C:\\ {draft"))
    C:\textbackslash{} \{draft
    >>> unescape_verbatim(escape_verbatim("a}{b\\\n@book(x")) == "a}{b\\\n@book(x"
    True
    """
    return _escape(text, _STRUCTURAL)


def _escape(text: str, specials: re.Pattern[str]) -> str:
    """Spell each match of ``specials`` as LaTeX does, and brace a line-initial ``@``
    (which BibTeX would read as the start of a new entry)."""
    if specials.search(text) is not None:
        text = specials.sub(lambda m: _SPECIAL_OUT[m.group(0)], text)
    if "@" in text and "\n" in text:
        text = _LINE_AT.sub(r"\1{@}", text)
    return text


def unescape_verbatim(text: str) -> str:
    r"""The inverse of :func:`escape_verbatim`: ``\textbackslash{}``, ``\{``, ``\}`` and
    ``{@}`` back to ``\``, ``{``, ``}`` and ``@``; everything else as it is.

    >>> print(unescape_verbatim(r"Fond \{5 \textbackslash{} {@}"))
    Fond {5 \ @
    """
    if "\\" not in text and "{@}" not in text:
        return text
    return _UNESCAPE.sub(lambda m: _UNESCAPED[m.group(0)], text)


_REVERSE_SYMBOLS = {v: "\\" + k for k, v in SYMBOLS.items() if len(v) == 1 and not v.isascii()}
_REVERSE_SYMBOLS.update({"–": "--", "—": "---", "\u00a0": "~", "ı": "\\i", "…": "\\ldots"})
_REVERSE_ACCENTS = {v: k for k, v in ACCENTS.items()}


@lru_cache(maxsize=16384)
def unicode_to_latex(s: str) -> str:
    """Encode non-ASCII characters as LaTeX (for files that must stay ASCII).

    Accented letters become ``{\\'e}``-style groups, special letters ``{\\o}``;
    characters with no LaTeX spelling are kept as they are.

    >>> unicode_to_latex("Ø, ı, ☃")
    '{\\\\O}, {\\\\i}, ☃'
    """
    if s.isascii():
        return s
    out: list[str] = []
    for ch in s:
        if ch.isascii():
            out.append(ch)
            continue
        rev = _REVERSE_SYMBOLS.get(ch)
        if rev is not None:
            out.append(rev if not rev.startswith("\\") else "{" + rev + "}")
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        if len(marks) == 1 and base.isascii() and marks in _REVERSE_ACCENTS:
            acc = _REVERSE_ACCENTS[marks]
            base = "\\i" if base == "i" and acc in "'`^\"~=." else base
            out.append(f"{{\\{acc}{{{base}}}}}" if acc.isalpha() else f"{{\\{acc}{base}}}")
        else:
            out.append(ch)
    return "".join(out)
