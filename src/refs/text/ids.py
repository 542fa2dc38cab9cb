"""Identifiers of works: DOI, ISBN, ISSN and arXiv -- normalise and validate.

Why here: readers normalise identifiers on load, ``refs check`` validates them and the
matcher compares them; one implementation keeps those three in agreement. Everything is
pure and cheap (no network): a checksum says a number *could* exist, not that it does.

DOIs: the DOI Handbook (https://www.doi.org/the-identifier/resources/handbook/2_numbering)
allows any printable Unicode in the suffix and says DOIs are case-insensitive, so
:func:`normalize_doi` lower-cases. Crossref recommends matching
``/^10.\\d{4,9}/[-._;()/:A-Z0-9]+$/i``
(https://www.crossref.org/blog/dois-and-matching-regular-expressions/), which covers
~99.3% of Crossref DOIs; :func:`is_valid_doi` accepts that pattern and, unless
``strict``, also the looser modern rule ``10.<registrant>/<suffix>`` with no whitespace.
"""

from __future__ import annotations

import re

__all__ = [
    "CROSSREF_DOI_RE",
    "is_valid_arxiv",
    "is_valid_doi",
    "is_valid_isbn",
    "is_valid_issn",
    "normalize_arxiv",
    "normalize_doi",
    "normalize_isbn",
    "normalize_issn",
]

#: Crossref's recommended DOI pattern (case-insensitive), see the module docstring.
CROSSREF_DOI_RE = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.IGNORECASE)
#: The DOI syntax itself: directory 10, a dotted numeric registrant, a non-empty suffix.
_LOOSE_DOI_RE = re.compile(r"^10\.\d+(?:\.\d+)*/\S+$")
_DOI_PREFIXES = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|dx\.doi\.org/|doi:\s*|info:doi/)", re.IGNORECASE
)
_ISBN_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]")


def normalize_doi(s: str | None) -> str | None:
    """The bare, lower-cased DOI in ``s``, or None when ``s`` holds no DOI-like text.

    Strips resolver URLs, ``doi:`` prefixes and surrounding whitespace; percent-encoded
    slashes from URLs are decoded. It does not validate: use :func:`is_valid_doi`.

    >>> normalize_doi("https://doi.org/10.1080/09668136.2016.1153882")
    '10.1080/09668136.2016.1153882'
    >>> normalize_doi("  DOI: 10.1000/ABC ")
    '10.1000/abc'
    >>> normalize_doi("http://dx.doi.org/10.1000%2Fxyz")
    '10.1000/xyz'
    >>> normalize_doi("   ") is None
    True
    """
    if s is None:
        return None
    text = s.strip()
    previous = None
    while previous != text:  # "doi: https://doi.org/..." happens in the wild
        previous = text
        text = _DOI_PREFIXES.sub("", text).strip()
    if text.lower().startswith(("http://", "https://")):
        return None
    text = text.replace("%2F", "/").replace("%2f", "/")
    return text.lower() or None


def is_valid_doi(s: str | None, *, strict: bool = False) -> bool:
    """True when ``s`` (after :func:`normalize_doi`) is a syntactically valid DOI.

    ``strict`` demands Crossref's recommended pattern; otherwise any
    ``10.<digits[.digits]>/<suffix without whitespace>`` passes.

    >>> is_valid_doi("10.1080/09668136.2016.1153882")
    True
    >>> is_valid_doi("https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0")
    True
    >>> is_valid_doi("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", strict=True)
    False
    >>> is_valid_doi("10.1080/ with space")
    False
    >>> is_valid_doi("11.1080/x")
    False
    """
    doi = normalize_doi(s)
    if doi is None:
        return False
    if CROSSREF_DOI_RE.match(doi):
        return True
    return not strict and bool(_LOOSE_DOI_RE.match(doi))


def normalize_isbn(s: str | None) -> str | None:
    """``s`` without separators and with an upper-case check ``X``; None if not ISBN-shaped.

    Accepts an ``ISBN``/``ISBN-13:`` label. Shape only (10 or 13 characters, digits with
    an optional final X for ISBN-10); the checksum is :func:`is_valid_isbn`'s job.

    >>> normalize_isbn("ISBN 978-0-306-40615-7")
    '9780306406157'
    >>> normalize_isbn("0-8044-2957-x")
    '080442957X'
    >>> normalize_isbn("12345") is None
    True
    """
    if s is None:
        return None
    text = re.sub(r"^\s*ISBN(?:-1[03])?:?\s*", "", s.strip(), flags=re.IGNORECASE)
    text = _ISBN_SEPARATORS.sub("", text).upper()
    if re.fullmatch(r"\d{9}[\dX]|\d{13}", text):
        return text
    return None


def _isbn10_ok(digits: str) -> bool:
    total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
    return total % 11 == 0


def _isbn13_ok(digits: str) -> bool:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
    return total % 10 == 0 and digits[:3] in {"978", "979"}


def is_valid_isbn(s: str | None) -> bool:
    """True when ``s`` is an ISBN-10 or ISBN-13 whose check digit is right.

    ISBN-10: weights 10..1, sum divisible by 11 (X = 10). ISBN-13: weights 1,3,1,3...,
    sum divisible by 10, and the EAN prefix 978 or 979 (ISO 2108).

    >>> is_valid_isbn("978-0-306-40615-7")
    True
    >>> is_valid_isbn("978-0-306-40615-8")
    False
    >>> is_valid_isbn("0-8044-2957-X")
    True
    >>> is_valid_isbn("not an isbn")
    False
    """
    digits = normalize_isbn(s)
    if digits is None:
        return False
    return _isbn10_ok(digits) if len(digits) == 10 else _isbn13_ok(digits)


def normalize_issn(s: str | None) -> str | None:
    """``s`` as ``NNNN-NNNC`` (upper-case X), or None when it is not ISSN-shaped.

    >>> normalize_issn("issn 0317 8471")
    '0317-8471'
    >>> normalize_issn("1234") is None
    True
    """
    if s is None:
        return None
    text = re.sub(r"^\s*(?:e-?)?ISSN:?\s*", "", s.strip(), flags=re.IGNORECASE)
    text = _ISBN_SEPARATORS.sub("", text).upper()
    if not re.fullmatch(r"\d{7}[\dX]", text):
        return None
    return f"{text[:4]}-{text[4:]}"


def is_valid_issn(s: str | None) -> bool:
    """True when ``s`` is an ISSN whose check digit is right (ISO 3297: weights 8..2, mod 11).

    >>> is_valid_issn("0317-8471")
    True
    >>> is_valid_issn("0966-8136")
    True
    >>> is_valid_issn("0317-8472")
    False
    """
    text = normalize_issn(s)
    if text is None:
        return False
    digits = text.replace("-", "")
    total = sum(int(c) * (8 - i) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


#: new-style arXiv ids (2007-04 onwards): YYMM.NNNN or YYMM.NNNNN, optional version
_ARXIV_NEW = re.compile(r"^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})(v\d+)?$")
#: old-style ids: archive(.subject class)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136
_ARXIV_OLD = re.compile(r"^[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{2}(0[1-9]|1[0-2])\d{3}(v\d+)?$")


def normalize_arxiv(s: str | None) -> str | None:
    """The bare arXiv identifier in ``s`` (``arXiv:``/abs URL stripped), or None.

    >>> normalize_arxiv("arXiv:2101.00001v2")
    '2101.00001v2'
    >>> normalize_arxiv("https://arxiv.org/abs/hep-th/9901001")
    'hep-th/9901001'
    """
    if s is None:
        return None
    text = re.sub(r"^(?:https?://arxiv\.org/(?:abs|pdf)/|arxiv:)", "", s.strip(),
                  flags=re.IGNORECASE)
    text = re.sub(r"\.pdf$", "", text)
    return text or None


def is_valid_arxiv(s: str | None) -> bool:
    """True for a well-formed arXiv identifier, new style (``2101.00001``) or old style.

    >>> is_valid_arxiv("arXiv:0706.0001")
    True
    >>> is_valid_arxiv("math.GT/0309136")
    True
    >>> is_valid_arxiv("2113.00001")
    False
    """
    text = normalize_arxiv(s)
    if text is None:
        return False
    m = _ARXIV_NEW.match(text)
    if m:
        # four-digit sequence numbers until 1412, five from 1501 (arXiv identifier docs)
        return (len(m.group(3)) == 4) == (int(m.group(1) + m.group(2)) < 1501)
    return bool(_ARXIV_OLD.match(text))
