"""Free-text references (Chicago, APA, MLA, Harvard) -> :class:`Reference` + confidence.

Public surface: :func:`parse_reference` (one string), :func:`split_references` (a block
or file -> strings) and :func:`loads`/:func:`load` (a whole text file -> :class:`Library`,
the ``text`` format of ``refs.io.formats``). Strings the parser cannot make sense of are
never dropped: they become ``E102`` diagnostics with their line.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from refs.io.freetext.parser import LOW_CONFIDENCE, ParsedReference, parse_reference
from refs.io.freetext.split import split_references, split_with_lines
from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.library import Library
from refs.model.reference import Name, SourceSpan
from refs.text.keys import DEFAULT_PATTERN, make_key

__all__ = ["LOW_CONFIDENCE", "ParsedReference", "load", "loads", "parse_all", "parse_many",
           "parse_reference", "split_references", "split_with_lines"]

#: below this many strings one process is faster than starting workers
PARALLEL_FROM = 2000

#: diagnostic code for a string that gave no usable reference
UNPARSEABLE = "E101"


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
    previous: list[Name] = []
    for (line, string), p in zip(found, results, strict=True):
        if p.repeats_authors and previous:
            # "———." repeats the authors of the entry above it (Chicago 13.72, MLA)
            p.reference = p.reference.model_copy(update={"author": [*previous,
                                                                   *p.reference.author]})
            p.confidence["author"] = 0.9
        elif p.reference.author:
            previous = list(p.reference.author)
        if not p.ok:
            problems.append(Diagnostic(
                code=UNPARSEABLE, name="parse-error", severity=Severity.ERROR,
                message=(f"short note, not a full reference: {string[:80]!r}" if p.is_short_form
                         else f"could not read a reference from {string[:80]!r}"),
                location=Location(path=path, line=line),
                hint="check the string is a full reference (author, year, title); short "
                     "notes such as 'Ibid.' or 'Author, Title, 12.' are not references"))
            continue
        key = make_key(p.reference, key_pattern, keys)
        keys.add(key)
        p.reference.id = key
        p.reference.span = SourceSpan(path=path, line=line, end_line=line)
        parsed.append((line, p))
    return parsed, problems


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
