"""Free-text references (Chicago, APA, MLA, Harvard) -> :class:`Reference` + confidence.

Public surface: :func:`parse_reference` (one string), :func:`split_references` (a block
or file -> strings) and :func:`loads`/:func:`load` (a whole text file -> :class:`Library`,
the ``text`` format of ``refs.io.formats``). Strings the parser cannot make sense of are
never dropped: they become ``E101`` diagnostics with their line. Text that is no
reference and was never meant as one -- a short note (``Ibid., 6``), a paragraph of
running text, a heading, a manuscript's body before its ``Works Cited`` heading -- is ``I101``
(info): reported with its line, not imported, and not an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from refs.io.freetext.parser import LOW_CONFIDENCE, ParsedReference, is_prose, parse_reference
from refs.io.freetext.split import first_heading, split_references, split_with_lines
from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.library import Library
from refs.model.reference import Name, SourceSpan
from refs.text.keys import DEFAULT_PATTERN, make_key

__all__ = ["LOW_CONFIDENCE", "NOT_A_REFERENCE", "ParsedReference", "load", "loads", "parse_all",
           "parse_many", "parse_reference", "split_references", "split_with_lines"]

#: below this many strings one process is faster than starting workers
PARALLEL_FROM = 2000

#: diagnostic code for a string that gave no usable reference
UNPARSEABLE = "E101"

#: diagnostic code for text that is no reference and is not meant as one (info)
NOT_A_REFERENCE = "I101"

#: a note that only repeats the one before it
_IBID = re.compile(r"^\s*(?:ibid|id\.|op\.\s*cit|loc\.\s*cit)\b", re.I)
#: a line of a few words with no number and none of a reference's separators: a section
#: heading or a web page's link text ("Related Services", "View all", "Cite This Work")
_SHORT_LINE = re.compile(r"^[^\d,;.()\[\]]{1,60}$")


def _parse_chunk(args: tuple[list[str], str]) -> list[ParsedReference]:
    strings, style = args
    return [parse_reference(s, style=style) for s in strings]


def parse_all(strings: Sequence[str], *, style: str = "auto", workers: int | None = None
              ) -> list[ParsedReference]:
    """Parse many strings, in order; large inputs are spread over the CPU's cores.

    Why: the CRF costs about a millisecond per string, so a 10,000-string list takes
    seconds; worker processes (``workers``, default: every core) divide that.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(strings) < PARALLEL_FROM:
        return _parse_chunk((list(strings), style))
    size = -(-len(strings) // (workers * 4))
    chunks = [(list(strings[i:i + size]), style) for i in range(0, len(strings), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [p for part in pool.map(_parse_chunk, chunks) for p in part]


def parse_many(
    text: str, *, style: str = "auto", path: str | None = None,
    key_pattern: str = DEFAULT_PATTERN, taken: Collection[str] = (),
) -> tuple[list[tuple[int, ParsedReference]], list[Diagnostic]]:
    """Parse every reference in ``text``: keyed (line, parse) pairs and the failures."""
    keys = set(taken)
    parsed: list[tuple[int, ParsedReference]] = []
    problems: list[Diagnostic] = []
    found = split_with_lines(text)
    results = parse_all([s for _, s in found], style=style)
    body, skip = _body(text, found, results, path)
    if body is not None:
        problems.append(body)
    previous: list[Name] = []
    for i, ((line, string), p) in enumerate(zip(found, results, strict=True)):
        if i < skip:
            continue
        if p.repeats_authors and previous:
            # "———." repeats the authors of the entry above it (Chicago 13.72, MLA)
            p.reference = p.reference.model_copy(update={"author": [*previous,
                                                                   *p.reference.author]})
            p.confidence["author"] = 0.9
        elif p.reference.author:
            previous = list(p.reference.author)
        if not p.ok:
            problems.append(_not_read(string, p, Location(path=path, line=line)))
            continue
        key = make_key(p.reference, key_pattern, keys)
        keys.add(key)
        p.reference.id = key
        p.reference.span = SourceSpan(path=path, line=line, end_line=line)
        parsed.append((line, p))
    return parsed, problems


def _not_read(string: str, p: ParsedReference, where: Location) -> Diagnostic:
    """E101 for a string that should have been a reference; I101 for a short note, a
    paragraph of running text or a heading, which are not meant as references."""
    quoted = repr(string[:80])
    if p.is_short_form or _IBID.match(string):
        return _aside(f"short note, not a full reference: {quoted}", where,
                      "a short note points back to a full reference (an earlier note or the "
                      "bibliography), so it adds nothing to import")
    if is_prose(string):
        return _aside(f"a paragraph of running text, not a reference: {quoted}", where,
                      "nothing to do, unless a reference is hidden in it: then put that "
                      "reference on a line of its own")
    if _SHORT_LINE.match(string) and len(string.split()) <= 6:
        return _aside(f"a heading or a line of a web page, not a reference: {quoted}", where,
                      "nothing to do; a reference has more than a few words (who, what, "
                      "when, where)")
    return Diagnostic(
        code=UNPARSEABLE, name="parse-error", severity=Severity.ERROR,
        message=f"could not read a reference from {quoted}", location=where,
        hint="check the string is a full reference (author, year, title), or remove it")


def _aside(message: str, where: Location, hint: str) -> Diagnostic:
    """An I101 finding: text set aside as no reference, reported but not an error."""
    return Diagnostic(code=NOT_A_REFERENCE, name="not-a-reference", severity=Severity.INFO,
                      message=message, location=where, hint=hint)


def _body(text: str, found: Sequence[tuple[int, str]], results: Sequence[ParsedReference],
          path: str | None) -> tuple[Diagnostic | None, int]:
    """The manuscript's own text before its first reference heading, as one I101 finding,
    and how many of ``found`` it covers ((None, 0) when there is none).

    Why: ``refs import paper.txt`` of a whole paper would otherwise report each of its
    paragraphs and section headings as a reference it could not read. The text before
    the heading counts as the body only when at least two thirds of it reads as no
    reference, so a list that merely has a heading further down (``Further reading``)
    is still imported whole.
    """
    heading = first_heading(text)
    if heading is None:
        return None, 0
    before = sum(1 for line, _ in found if line < heading[0])
    failed = sum(1 for p in results[:before] if not p.ok)
    if not before or 3 * failed < 2 * before:
        return None, 0
    first, last = found[0][0], found[before - 1][0]
    lines = f"line {first}" if first == last else f"lines {first}-{last}"
    return _aside(f"{before} paragraph{'s' * (before != 1)} before the '{heading[1]}' heading "
                  f"({lines}) read as the document's own text, not as references; not "
                  "imported", Location(path=path, line=first),
                  "to import references from that part, import it as a file of its own"), before


def loads(text: str, *, path: str | None = None, style: str = "auto") -> Library:
    """A text file of references -> :class:`Library` (problems in ``diagnostics``)."""
    parsed, problems = parse_many(text, style=style, path=path)
    return Library(entries=[p.reference for _, p in parsed], path=path, source=text,
                   format="text", diagnostics=problems)


def load(path: str | Path, *, style: str = "auto") -> Library:
    """Read a text/markdown file of references (see :func:`loads`)."""
    from refs.io.files import read_text

    text, diags = read_text(path)
    lib = loads(text, path=str(path), style=style)
    lib.diagnostics[:0] = diags
    return lib


def _register() -> None:
    """``text`` (reference lists in .txt/.md, written back as a Markdown list)."""
    from refs.io import formats, markdown

    def _loads(text: str, *, path: str | None = None) -> Library:
        return loads(text, path=path)

    formats.register("text", (".txt", ".md"), _loads, markdown.dumps)
    formats.register("markdown", (".markdown",), _loads, markdown.dumps)


_register()
