"""Entries coming into a library from another file: what ``refs import`` reads.

Why a module of its own, below the CLI: turning an input into entries ready to append
is library work -- pick the reader by suffix (free text for ``.txt``/``.md`` and any
suffix no format claims, since a pasted list is often saved as ``.bib.txt`` or
``.refs``), decode bytes as a file would be decoded (NUL bytes refused, Latin-1 lines
reported as E103), parse free text with :func:`~refs.io.freetext.parse_many`, key every
entry uniquely against the keys a library already holds (:func:`~refs.io.rekey.rekey`)
and put all the problems in one list in line order. A script importing a reference list
wants exactly what ``refs import`` does, so both call :func:`load` / :func:`loads`.

>>> got = loads(b"Doe, Jane. 2005. Steppe Politics. Almaty: KazISS.\\n", taken={"doe2005steppe"})
>>> [ref.id for ref, _ in got.entries], got.diagnostics
(['doe2005steppea'], [])
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from refs.errors import ParseError
from refs.io import formats
from refs.io.files import decode_bytes, read_text
from refs.io.freetext import ParsedReference, parse_many
from refs.io.rekey import rekey
from refs.model.diagnostic import Diagnostic, Severity
from refs.model.library import Library
from refs.model.reference import Reference
from refs.text.keys import DEFAULT_PATTERN

__all__ = ["TEXT_FORMATS", "Incoming", "load", "loads", "sniff"]

#: formats read as free text (everything else goes through the format registry)
TEXT_FORMATS = ("text", "markdown")

#: what the first non-blank text of a structured file looks like, by format: a JSON
#: array or object (CSL-JSON), an RIS tag line, a BibTeX ``@type{`` or ``@string(``
_LOOKS_LIKE = (
    ("csl-json", re.compile(r"\ufeff?\s*[\[{]\s*[\]{\"]")),
    ("ris", re.compile(r"\ufeff?\s*(?:\d+\.\s*)?TY  - ")),
    ("bibtex", re.compile(r"\ufeff?(?:\s*%[^\n]*\n)*\s*@[A-Za-z]+\s*[{(]")),
)


def sniff(text: str) -> str:
    """The format ``text`` is written in, judged by how it begins (``"text"`` if no other).

    For input whose name says nothing (stdin, ``refs-export.txt`` saved from a browser, a
    suffix no format claims): Zotero's "Copy as CSL JSON" piped in, or an RIS export saved
    with the wrong suffix, would otherwise be read as a reference list and lost line by
    line. A free-text list never begins with ``[{``, ``TY  -`` or ``@article{``.
    """
    head = text[:2000]
    for name, pattern in _LOOKS_LIKE:
        if pattern.match(head):
            return name
    return "text"


class Incoming(NamedTuple):
    """One input's entries and its problems (a pair, so ``entries, diags = load(...)``).

    Each entry comes with its free-text parse (per-field confidence, unread leftovers), so
    a report can name the fields to check; entries of structured formats (CSL-JSON, RIS,
    BibTeX) have ``None`` there.
    """

    entries: list[tuple[Reference, ParsedReference | None]]
    diagnostics: list[Diagnostic]

    def unread(self) -> list[Diagnostic]:
        """The errors that cost a whole string or record: those outside every entry read.

        An error inside an entry's lines (an unreadable ``issued``, a record without
        ``ER``) is a problem of an entry that was imported; one elsewhere (a string
        that is no reference, an item that is no JSON object) means something was not
        imported, and ``refs import`` must count the two apart.
        """
        spans = [(ref.span.path, ref.span.line, ref.span.end_line or ref.span.line)
                 for ref, _ in self.entries if ref.span is not None]
        return [d for d in self.diagnostics if d.severity is Severity.ERROR
                and not any(path == d.location.path and first <= d.location.line <= last
                            for path, first, last in spans)]


def loads(data: str | bytes, *, path: str | None = None, style: str = "auto",
          key_format: str = DEFAULT_PATTERN, taken: set[str] | None = None) -> Incoming:
    """Entries of a free-text reference list (stdin, a pasted block), keyed uniquely.

    Text that begins like CSL-JSON, RIS or BibTeX (:func:`sniff`) is read as that
    format instead. ``bytes`` are decoded as :func:`~refs.io.files.read_text` decodes a file (a
    :class:`~refs.errors.ParseError` for binary data; E103 for Latin-1 lines); ``path``
    names the input in diagnostics and spans (``"<stdin>"``). Keys follow
    ``key_format`` and avoid ``taken``, which is updated with the new keys so that
    several inputs can be keyed against each other and against the target library.
    """
    decoding: list[Diagnostic] = []
    text = data
    if isinstance(text, bytes):
        text, decoding = decode_bytes(text, path=path)
    keys = set() if taken is None else taken
    structured = sniff(text)
    if structured != "text":
        library = formats.format_for(path or "-", structured).loads(text, path=path)
        return _rekeyed(library, path, key_format, keys, decoding)
    parsed, problems = parse_many(text, style=style, path=path, key_pattern=key_format,
                                  taken=keys)
    keys.update(p.reference.id for _, p in parsed)
    return Incoming([(p.reference, p) for _, p in parsed], decoding + problems)


def load(path: str | os.PathLike[str], *, style: str = "auto",
         key_format: str = DEFAULT_PATTERN, taken: set[str] | None = None) -> Incoming:
    """Entries of one file, its reader chosen by suffix, keyed uniquely against ``taken``.

    Free text (``.txt``, ``.md``, and any suffix no format claims) goes through
    :func:`loads`, which reads it as CSL-JSON, RIS or BibTeX after all if it begins
    like one (:func:`sniff`); CSL-JSON, RIS and BibTeX through :func:`refs.io.formats.load`, then
    :func:`~refs.io.rekey.rekey` replaces keys refs does not take (an E104 each, the
    old key kept) and keys ``taken`` already holds. ``taken`` is updated as in
    :func:`loads`.
    """
    name = str(path)
    keys = set() if taken is None else taken
    try:
        fmt_name = formats.format_for(path).name
    except ParseError:  # unknown suffix: a pasted list saved as .bib.txt, .refs, ...
        fmt_name = "text"
    if fmt_name in TEXT_FORMATS:
        text, decoding = read_text(path)
        got = loads(text, path=name, style=style, key_format=key_format, taken=keys)
        return Incoming(got.entries, decoding + got.diagnostics)
    return _rekeyed(formats.load(path), name, key_format, keys, [])


def _rekeyed(library: Library, path: str | None, key_format: str, taken: set[str],
             decoding: list[Diagnostic]) -> Incoming:
    """A structured library's entries, keys replaced where refs does not take them."""
    replaced = rekey(library.entries, library.format, path, key_format, taken)
    diags = sorted([*library.diagnostics, *replaced], key=lambda d: d.location.line)
    return Incoming([(ref, None) for ref in library.entries], decoding + diags)
