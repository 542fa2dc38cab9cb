"""Markdown export: a formatted reference list (Chicago author-date, one item per entry).

Why hand-formatted rather than citeproc: the export is a readable list for notes, issues
and READMEs, not a publication-grade bibliography (``refs reading-list`` renders CSL
styles). The shape follows Chicago author-date so the list re-imports through the
free-text parser: ``Family, Given, and Given Family. Year. “Title.” *Container*
Vol(Issue): Pages. Place: Publisher. URL.``
"""

from __future__ import annotations

from pathlib import Path

from refs.io.bibtex_map import MONTH_MACROS
from refs.io.files import atomic_write
from refs.model.library import Library
from refs.model.reference import Name, Reference
from refs.text.names import OTHERS

__all__ = ["dump", "dumps", "format_entry"]

#: types whose title is a whole work (italic) rather than a part (quoted)
WHOLE_WORKS = frozenset({"book", "report", "thesis", "legislation", "software",
                         "dataset", "manuscript"})
#: month names in calendar order (BibTeX's jan ... dec macro table)
_MONTHS = tuple(MONTH_MACROS.values())


def _names(names: list[Name]) -> str:
    """Chicago's list of names; BibTeX's ``and others`` at the end is "et al."."""
    if names and names[-1] == OTHERS and len(names) > 1:
        return _names(names[:-1]) + ", et al."
    shown: list[str] = []
    for i, n in enumerate(names):
        if n.literal:
            shown.append(n.literal)
        elif i == 0:
            family = " ".join(p for p in (n.particle, n.family) if p)
            shown.append(", ".join(p for p in (family, n.given, n.suffix) if p))
        else:
            shown.append(n.display())
    if len(shown) <= 2:
        return " and ".join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def _date(ref: Reference) -> str:
    if ref.issued is None:
        return "n.d."
    issued = ref.issued
    # a full date only when the month is a calendar month: refs keeps CSL seasons (13-16,
    # 21-24) and the out-of-range months check reports (E305); those show their year
    if issued.day and issued.year and issued.month is not None and 1 <= issued.month <= 12:
        return f"{issued.day} {_MONTHS[issued.month - 1]} {issued.year}"
    return str(ref.issued.year) if ref.issued.year else (ref.issued.literal or "n.d.")


def _stop(text: str) -> str:
    """The period that ends a part, unless its text (inside ``*...*`` or ``“...”``) already
    ends in one, or in ``?`` / ``!``: "n.d.", "et al.", "Inc.", "Proc. Natl. Acad. Sci."."""
    return "" if text.rstrip().rstrip("*”").endswith((".", "?", "!", "…")) else "."


def format_entry(ref: Reference) -> str:
    """One entry as a Markdown line (no list marker)."""
    parts: list[str] = []
    who = _names(ref.author) or (_names(ref.editor) + (", ed." if ref.editor else ""))
    if who:
        parts.append(who + _stop(who))
    date = _date(ref)
    parts.append(date + _stop(date))
    if ref.title:
        whole = ref.type in WHOLE_WORKS
        # a title's own period becomes the list's; an ellipsis ("Wait...") stays as it is
        t = ref.title if ref.title.endswith("...") else ref.title.rstrip(".")
        stop = _stop(t)
        parts.append(f"*{t}*{stop}" if whole else f"“{t}{stop}”")
    container = ref.container_title or ""
    if container:
        seg = ("In " if ref.type in ("chapter", "paper-conference") else "") + f"*{container}*"
        if ref.volume:
            seg += f" {ref.volume}"
        if ref.issue:
            seg += f"({ref.issue})" if ref.volume else f", no. {ref.issue}"
        if ref.page:
            seg += f": {ref.page}" if (ref.volume or ref.issue) else f", {ref.page}"
        parts.append(seg + _stop(seg))
    elif ref.page:
        parts.append(f"{ref.page}.")
    if ref.collection_title:
        number = ref.collection_number or ref.number
        series = ref.collection_title + (f" {number}" if number else "")
        parts.append(series + _stop(series))
    if ref.publisher:
        who_published = (f"{ref.publisher_place}: {ref.publisher}" if ref.publisher_place
                         else ref.publisher)
        parts.append(who_published + _stop(who_published))
    if ref.doi:
        parts.append(f"https://doi.org/{ref.doi}.")
    elif ref.url:
        parts.append(f"<{ref.url}>.")
    # one line per entry: a line break inside a value would split the list item
    return " ".join(" ".join(parts).split())


def dumps(library: Library) -> str:
    """A Markdown bulleted list, entries sorted as in the library."""
    return "".join(f"- {format_entry(r)}\n" for r in library.entries)


def dump(library: Library, path: str | Path) -> None:
    """Write the list atomically."""
    atomic_write(path, dumps(library))
