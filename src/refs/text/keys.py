"""Citation keys from a pattern: ``{author}{year}{title}`` -> ``laumulin2008kazakhstan``.

Why a pattern: keys are what manuscripts cite, so they must be predictable (a person
can guess the key of a work they know) and stable (the same record always gives the
same key). Keys are ASCII because LaTeX, pandoc and most editors choke on anything
else; names are transliterated with :mod:`anyascii` (which covers Cyrillic, Greek and
CJK, unlike plain accent stripping), then reduced to ``[a-z0-9]``.

Placeholders (unknown ones are an error, so a typo in ``key-format`` never goes unnoticed):

``{author}``
    family name of the first author (or editor); an institution gives its first
    significant word (``Russian Ministry of Foreign Affairs`` -> ``russian``);
    ``anon`` when there is no name.
``{authors}``
    family names of up to three authors joined; more than three gives the first plus
    ``etal``.
``{year}``
    four-digit year, ``nd`` when unknown.
``{title}``
    first significant word of the title (articles and short function words skipped,
    a possessive ``'s`` dropped: ``Russia's Relations`` -> ``russia``).
``{shorttitle}``
    first three significant words of the title.

Uniqueness: when a key is in ``taken`` the suffixes ``a``, ``b``, ... ``z``, ``aa``
... are tried in turn, like BibDesk and Better BibTeX do.

>>> from refs.model.reference import DateParts, Name, Reference
>>> r = Reference(id="x", title="Kazakhstan and Russia", issued=DateParts(year=2008),
...               author=[Name(family="Laumulin", given="Murat")])
>>> make_key(r)
'laumulin2008kazakhstan'
>>> make_key(r, taken={"laumulin2008kazakhstan"})
'laumulin2008kazakhstana'
>>> ascii_slug("Заборцева")
'zabortseva'
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Sequence

from anyascii import anyascii

from refs.model.reference import Name, Reference

__all__ = ["BAD_BIBTEX_FIELD", "BAD_BIBTEX_KEY", "DEFAULT_PATTERN", "ascii_slug",
           "holds_bibtex_field", "holds_bibtex_key", "is_citation_key", "make_key",
           "shown_keys", "significant_words"]

#: the default pattern; ``Settings.key_format`` overrides it
DEFAULT_PATTERN = "{author}{year}{title}"

#: words skipped when picking "significant" title/institution words (English, plus the
#: articles of the languages most common in bibliographies)
STOPWORDS: frozenset[str] = frozenset(
    """a an the of on in at to for from and or but with by as is are be into onto upon
    about after over under between via vs versus its it this that these those
    der die das ein eine und le la les un une des du et el los las y il lo gli""".split()  # noqa: SIM905 - a word list reads better as prose
)

_FIELDS = frozenset({"author", "authors", "year", "title", "shorttitle"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only: the alphabet of a safe citation key.

    >>> ascii_slug("Simão-Ló")
    'simaolo'
    """
    return _NON_ALNUM.sub("", anyascii(text).lower())


def significant_words(text: str) -> list[str]:
    """Slugged words of ``text`` without stopwords (LaTeX braces and punctuation dropped).

    >>> significant_words("The New Russian Foreign Policy")
    ['new', 'russian', 'foreign', 'policy']
    """
    text = re.sub(r"['’]s\b", "", text)  # possessive: "Russia's Relations" -> russia
    words = (ascii_slug(w) for w in re.split(r"[\s\-–—/:]+", text))
    return [w for w in words if w and w not in STOPWORDS]


def _name_part(name: Name) -> str:
    if name.family:
        return ascii_slug(" ".join(p for p in (name.particle, name.family) if p))
    if name.literal:
        words = significant_words(name.literal)
        return words[0] if words else ""
    return ascii_slug(name.given or "")


def _names(ref: Reference) -> list[Name]:
    return ref.author or ref.editor


def _values(ref: Reference) -> dict[str, str]:
    names = [p for p in (_name_part(n) for n in _names(ref)) if p]
    title = significant_words(ref.title or "")
    authors = "".join(names) if len(names) <= 3 else names[0] + "etal"
    return {
        "author": names[0] if names else "anon",
        "authors": authors or "anon",
        "year": str(ref.year) if ref.year is not None else "nd",
        "title": title[0] if title else "",
        "shorttitle": "".join(title[:3]),
    }


def _check_pattern(pattern: str) -> None:
    for _, field, spec, conversion in string.Formatter().parse(pattern):
        if field is not None and field not in _FIELDS:
            allowed = ", ".join("{" + f + "}" for f in sorted(_FIELDS))
            raise ValueError(f"unknown key placeholder {{{field}}}; use {allowed}")
        if spec or conversion:  # {author:>999999999} would build a gigabyte-long key
            raise ValueError(f"key placeholders take no format spec or conversion: "
                             f"{{{field}{'!' + conversion if conversion else ''}"
                             f"{':' + spec if spec else ''}}}")


def _suffixes() -> list[str]:
    letters = string.ascii_lowercase
    return list(letters) + [a + b for a in letters for b in letters]


#: what no BibTeX name -- an entry's key or a field's name -- may hold to be read back as
#: itself: the comma, ``=``, braces and quote that end a name, a backslash (it escapes
#: the next of those), a line break, and the whitespace the parser strips at either end.
#: Keys and field names differ only around parentheses (:data:`BAD_BIBTEX_KEY`,
#: :data:`BAD_BIBTEX_FIELD`).
_BAD_NAME = r'[,={}"\\\n\r]|^\s|\s$'
#: what a BibTeX key must not hold: :data:`_BAD_NAME`, and ``@name(``, where a block
#: starts; other parentheses are fine in an entry written ``@book{...}`` (as refs writes
#: new ones), but ``)`` ends one written ``@book(...)`` (see :func:`holds_bibtex_key`)
BAD_BIBTEX_KEY = re.compile(rf"{_BAD_NAME}|@\w*[ \t]*\(")
#: what a BibTeX field name must not hold: :data:`_BAD_NAME`, and any parenthesis
#: (btparse and biber take none in a field name, and ``)`` ends an entry written
#: ``@book(...)``), which also rules out ``@name(``
BAD_BIBTEX_FIELD = re.compile(rf"{_BAD_NAME}|[()]")


def holds_bibtex_key(key: str, *, parenthesized: bool = False) -> bool:
    """Can ``key`` be written as a BibTeX key and read back as itself? ``parenthesized``:
    in an entry delimited by parentheses (``@book(key, ...)``), where ``)`` ends it.

    >>> holds_bibtex_key("laumulin2008kazakhstan"), holds_bibtex_key("a,b c")
    (True, False)
    >>> holds_bibtex_key("smith(2008)"), holds_bibtex_key("smith(2008)", parenthesized=True)
    (True, False)
    """
    return bool(key) and not BAD_BIBTEX_KEY.search(key) and not (parenthesized and ")" in key)


def holds_bibtex_field(name: str) -> bool:
    """Can ``name`` be written as a BibTeX field name and read back as itself?

    >>> holds_bibtex_field("csl:event-place"), holds_bibtex_field("a(b)"), holds_bibtex_field("")
    (True, False, False)
    """
    return bool(name) and not BAD_BIBTEX_FIELD.search(name)


#: what a citation key must not hold to be cited: whitespace, the comma and braces that end
#: a key in a .bib (BibTeX), quotes, ``#``, ``%``, ``=`` and parentheses (biber refuses
#: them), and the backslash and ``~`` that LaTeX's ``\cite`` expands; stricter than
#: :data:`BAD_BIBTEX_KEY`, so a key this rule takes can always be written
BAD_CITATION_KEY = re.compile(r"[\s,{}\"'#%=()\\~]")


def is_citation_key(key: str) -> bool:
    """Is ``key`` a key BibTeX, biber and ``\\cite`` all take?

    Why not only letters and digits: JabRef and Better BibTeX make keys such as
    ``Smith:2008``, and a DOI-based ``doi:10.1000/x`` or ``2008smith`` is as good a key to
    them; refs takes every key they take, and refuses only what breaks a .bib or a cite.

    >>> [is_citation_key(k) for k in ("Smith:2008", "doi:10.1000/x", "2008smith", "a b", "")]
    [True, True, True, False, False]
    """
    return bool(key) and not BAD_CITATION_KEY.search(key)


def make_key(
    reference: Reference, pattern: str = DEFAULT_PATTERN, taken: Collection[str] = frozenset()
) -> str:
    """A citation key for ``reference`` from ``pattern``, not in ``taken``.

    Raises ``ValueError`` for an unknown placeholder. The caller adds the result to its
    set of taken keys when it keeps the entry.
    """
    _check_pattern(pattern)
    base = pattern.format(**_values(reference)) or "ref"
    if base not in taken:
        return base
    for suffix in _suffixes():
        if base + suffix not in taken:
            return base + suffix
    n = 1  # pragma: no cover - more than 702 works with one key
    while f"{base}{n}" in taken:  # pragma: no cover
        n += 1
    return f"{base}{n}"  # pragma: no cover


def shown_keys(keys: Sequence[str], limit: int = 5) -> str:
    """``a, b, c`` -- the first ``limit`` keys and how many more, for one-line messages."""
    more = f" and {len(keys) - limit} more" if len(keys) > limit else ""
    return ", ".join(keys[:limit]) + more
