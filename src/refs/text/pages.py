"""Page ranges: ``123--45`` -> 123–145, article numbers, roman numerals.

BibTeX writes ranges with ``--``, people also type ``-``, ``–`` or ``—``, and print
abbreviated ends (``123--45`` means 123 to 145, Chicago 16 §9.61). Pages are kept as
strings because ``xii``, ``e1003`` and ``S12`` are real pages. The abbreviated end is
expanded only when that is unambiguous (the expansion is larger than the start);
``123--12`` stays as written so that ``refs check`` can report a reversed range.

>>> str(parse_pages("123--45"))
'123–145'
>>> format_pages(parse_pages("xii-xv"))
'xii--xv'
>>> parse_pages("e1003")
PageRange(first='e1003', last=None)
"""

from __future__ import annotations

import re

from refs.model.reference import PageRange

__all__ = ["expand_last", "format_pages", "parse_pages"]

_PREFIX = re.compile(r"^\s*(?:pp?\.|pages?)\s*", re.IGNORECASE)
#: one range separator: hyphen(s), en/em dash, minus sign, hyphen-like characters
_SEP = re.compile(r"\s*(?:-{1,3}|[\u2010-\u2015\u2212]|\\textendash\s*(?:\{\})?)\s*")


def expand_last(first: str, last: str) -> str:
    """The full last page for an abbreviated one (``123``, ``45`` -> ``145``), if unambiguous.

    >>> expand_last("1234", "56"), expand_last("123", "12"), expand_last("12", "345")
    ('1256', '12', '345')
    """
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        full = first[: len(first) - len(last)] + last
        if int(full) > int(first):
            return full
    return last


def parse_pages(s: str | None) -> PageRange | None:
    """Parse a page field into a :class:`~refs.model.reference.PageRange` (None if empty).

    Anything that is not one range (``12, 15--18``, ``passim``) is kept whole in
    ``first`` so that nothing is lost.

    >>> parse_pages("pp. 12 – 15")
    PageRange(first='12', last='15')
    >>> parse_pages("12, 15--18").first
    '12, 15--18'
    >>> parse_pages("  ") is None
    True
    """
    if s is None:
        return None
    text = _PREFIX.sub("", s).strip().strip("{}").strip()
    if not text:
        return None
    parts = _SEP.split(text)
    if len(parts) == 2 and all(parts) and " " not in parts[0] and "," not in text:
        first, last = parts
        return PageRange(first=first, last=expand_last(first, last))
    if len(parts) == 2 and parts[0] and not parts[1]:  # "123-" or "123--"
        return PageRange(first=parts[0])
    return PageRange(first=text)


def format_pages(pages: PageRange) -> str:
    """BibTeX spelling of a range: ``first--last``.

    >>> format_pages(PageRange(first="5", last="9"))
    '5--9'
    """
    return f"{pages.first}--{pages.last}" if pages.last else pages.first
