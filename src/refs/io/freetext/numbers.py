"""The text a reference gives as its volume, read into volume, issue and pages -- and a
year, when it is Vancouver's ``2012;30(15):1750-4``.

Why a module of its own: the tagger labels whitespace tokens, and Vancouver (ICMJE,
NLM: most of medicine) writes year, volume, issue and pages as one token, so the whole
run comes back as one field. Reading ``1953;171(4356):737-8`` as volume 1953 lost the
year, the real volume and the pages. The benchmark reads core.xml's gold volume
segments (``1994;2(4):``) with this same function, so the parser and the scorer agree
on what such a segment holds.

>>> read_volume("1953;171(4356):737-8.")
Numbers(year='1953', volume='171', issue='4356', first='737', last='8')
>>> read_volume("40(2):")
Numbers(year=None, volume='40', issue='2', first=None, last=None)

A range written short (``737-8``, ``1234-56``: Vancouver, Chicago 9.61) is held whole
(:func:`page_range`), as a BibTeX ``pages`` field and CSL's ``page`` expect.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from refs.model.reference import PageRange
from refs.text.pages import expand_last

__all__ = ["Numbers", "page_range", "read_volume"]

#: ``2012;`` / ``2012 Mar;`` / ``2012 Mar 3;`` before the volume (NLM's date;volume)
_YEAR_FIRST = re.compile(
    r"^\D*?((?:1[5-9]|20)\d\d)[a-z]?(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?)?\s*;\s*(?=[\d(:])")
_VOLUME = re.compile(r"\D*?(\d+)")
_ISSUE = re.compile(r"\((\w[\w/-]*)\)|(?:no|nr|issue)\.?\s*(\d+)", re.I)
#: ``:737-8`` after the volume and issue, in the same token
_PAGES = re.compile(r":\s*([A-Za-z]?\d+[A-Za-z]?)(?:\s*[-–—]+\s*([A-Za-z]?\d+[A-Za-z]?))?")


class Numbers(NamedTuple):
    """What a volume run holds; ``None`` where it does not say."""

    year: str | None
    volume: str | None
    issue: str | None
    first: str | None
    last: str | None


def read_volume(text: str) -> Numbers:
    """Volume, issue and any pages after a colon; the year when the run starts with one
    followed by ``;`` (a run without it reads as before: its first number is the volume)."""
    year = None
    lead = _YEAR_FIRST.match(text)
    if lead:
        year, text = lead.group(1), text[lead.end():]
    vol = re.match(r"(\d+)", text) if lead else _VOLUME.match(text)
    iss = _ISSUE.search(text)
    pages = _PAGES.search(text)
    return Numbers(year, vol.group(1) if vol else None,
                   (iss.group(1) or iss.group(2)) if iss else None,
                   pages.group(1) if pages else None, pages.group(2) if pages else None)


def page_range(first: str | None, last: str | None) -> PageRange | None:
    """The pages a string gives, its last page written out: ``737``, ``8`` -> 737-738.

    Why: a style compresses ranges when it prints them; a stored ``737--8`` would be
    printed as written by styles that do not, and compared as page 8 by everything else.
    """
    if not first:
        return None
    return PageRange(first=first, last=expand_last(first, last) if last else None)
