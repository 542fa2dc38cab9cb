"""LaTeX <-> Unicode (refs.text.latex): examples, protection, and round-trip properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.text.latex import (
    braces_balanced,
    escape_specials,
    escape_verbatim,
    latex_to_unicode,
    protected_spans,
    reprotect,
    unescape_verbatim,
    unicode_to_latex,
)


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r'M{\"u}ller', "Müller"),
        (r'M\"uller', "Müller"),
        (r'{\"{u}}', "ü"),
        (r"\'e", "é"),
        (r"\'{\i}", "í"),
        (r"\v{s}", "š"),
        (r"\v s", "š"),
        (r"{\v{S}}ebek", "Šebek"),
        (r"\c{c}", "ç"),
        (r"\k{a}", "ą"),
        (r"\H{o}", "ő"),
        (r"{\o}", "ø"),
        (r"{\O}", "Ø"),
        (r"\ss", "ß"),
        (r"Stra\ss e", "Straße"),
        (r"{\aa}", "å"),
        (r"\L{}\'od\'z", "Łódź"),
        (r"R\&D", "R&D"),
        (r"50\%", "50%"),
        (r"\$5", "$5"),
        (r"a\_b", "a_b"),
        ("1990--2000", "1990–2000"),
        ("yes---no", "yes—no"),
        ("a~b", "a\u00a0b"),
        (r"\textit{Nature}", "Nature"),
        (r"\emph{very} good", "very good"),
        (r"{\em Big} data", "Big data"),
        (r"\textbf{\textit{x}}", "x"),
        ("{DNA} of {Kazakhstan}", "DNA of Kazakhstan"),
        (r"$\alpha$-helix", "α-helix"),
        (r"$x^2$", "x^2"),
        ("``quoted''", "“quoted”"),
        ("two\n    lines", "two lines"),
        ("plain", "plain"),
    ],
)
def test_decode_examples(latex: str, text: str) -> None:
    """Each common LaTeX spelling decodes to the expected Unicode."""
    assert latex_to_unicode(latex) == text


def test_unknown_math_kept() -> None:
    """Math with macros we cannot render stays as written, dollars included."""
    assert latex_to_unicode(r"the $\mathcal{O}(n)$ bound") == r"the $\mathcal{O}(n)$ bound"


def test_unknown_macro_falls_back_to_pylatexenc() -> None:
    """A macro outside the tables is still decoded (via pylatexenc), not left raw."""
    assert latex_to_unicode(r"\textsuperscript{th} x") == "th x"


def test_protected_spans() -> None:
    """Brace groups protect case; accent groups and macro arguments do not."""
    assert protected_spans(r'The {DNA} of \textit{x} {\"U}ber {{RNA} World}') == [
        "DNA",
        "RNA World",
    ]


def test_reprotect_only_whole_words() -> None:
    """Re-protection wraps whole occurrences, not parts of longer words."""
    assert reprotect("DNA and DNAse", ["DNA"]) == "{DNA} and DNAse"


def test_escape_specials() -> None:
    """Characters special to TeX are escaped; a literal backslash is spelled out."""
    assert escape_specials(r"R&D 5% and \& ok") == r"R\&D 5\% and \textbackslash{}\& ok"


@settings(max_examples=150)
@given(st.text(alphabet="ab -'`~\\&%$#_{}^\"", max_size=20))
def test_escape_then_decode_is_identity(text: str) -> None:
    """Any plain text escaped for BibTeX decodes back to itself (modulo spacing)."""
    assert latex_to_unicode(escape_specials(text)) == " ".join(text.split())


def test_unicode_to_latex_examples() -> None:
    """Accented and special letters become braced LaTeX groups."""
    assert unicode_to_latex("Müller Šebek ø í") == r'M{\"u}ller {\v{S}}ebek {\o} {\'\i}'


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ACCENTED = "áàâäãāéèêëēíìîïóòôöõőúùûüűçčšžřńłøæœåßÁÉÖÜŠŽØÅÆŁ"
_word = st.text(alphabet=_LETTERS + _ACCENTED + ".,:;!?()/", min_size=1, max_size=10)


@settings(max_examples=150)
@given(st.lists(_word, min_size=1, max_size=8), st.sampled_from([" ", " – ", " — "]))
def test_round_trip_unicode_latex(words: list[str], sep: str) -> None:
    """Encoding any such text to LaTeX and decoding it back gives the same text."""
    text = sep.join(words)
    assert latex_to_unicode(unicode_to_latex(text)) == text


@settings(max_examples=100)
@given(st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=8), min_size=1, max_size=6))
def test_round_trip_protection(words: list[str]) -> None:
    """Protecting some words, decoding, and re-protecting restores the original."""
    protected = [f"{{{w}}}" if i % 2 else w for i, w in enumerate(words)]
    latex = " ".join(protected)
    spans = protected_spans(latex)
    assert reprotect(latex_to_unicode(latex), spans).replace("{{", "{").replace("}}", "}") == (
        latex
    ) or set(spans) & set(words[::2])


@pytest.mark.parametrize(("text", "expected"), [
    ("", True), ("{a}", True), ("{a}{b{c}}", True), ("}{", False), ("{a", False),
    ("a}", False), ("{" * 50_000 + "}" * 50_000, True),
])
def test_braces_balanced(text: str, expected: bool) -> None:
    assert braces_balanced(text) is expected


@given(st.text(alphabet="{}a", max_size=30))
def test_braces_balanced_agrees_with_removing_pairs(text: str) -> None:
    """The one-pass check equals the obvious definition: strip innermost '{...}' groups
    until none is left, and nothing but plain text may remain."""
    reduced = text
    while True:
        shorter = re.sub(r"\{[^{}]*\}", "", reduced)
        if shorter == reduced:
            break
        reduced = shorter
    assert braces_balanced(text) is ("{" not in reduced and "}" not in reduced)


@settings(max_examples=300)
@given(st.text(st.one_of(st.characters(codec="utf-8"), st.sampled_from("{}\\@\n ")),
               max_size=30))
def test_escape_verbatim_round_trips_and_balances(text: str) -> None:
    """escape_verbatim's output is always balanced, never ends in a backslash and has no
    line starting with @, and unescape_verbatim gives back exactly the text."""
    out = escape_verbatim(text)
    assert unescape_verbatim(out) == text
    assert braces_balanced(re.sub(r"\\[{}]", "", out)) and not out.endswith("\\")
    assert re.search(r"\n\s*@", out) is None


@pytest.mark.parametrize("text", ["\ue000", "\ue001 {x}", "a\ue002b", "MUFI \ue8b7 {}"])
def test_private_use_characters_survive(text: str) -> None:
    """The decoder's placeholders were private-use characters, which humanities data does
    use (MUFI): such text came back as braces or a tilde. Plain or LaTeX-encoded, it now
    reads back as itself."""
    assert latex_to_unicode(escape_specials(text)) == text
    assert latex_to_unicode(unicode_to_latex(escape_specials(text))) == text
