"""One entry point for every file format: pick a reader or writer by suffix.

``refs.load("library.bib")`` and ``refs.dump(library, "out.json")`` are
:func:`load` and :func:`dump`. Each format module registers its ``loads``/``dumps``
pair here with :func:`register` (BibTeX is registered below; CSL-JSON, RIS and free
text are registered by their own modules), so adding a format never touches callers.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from refs.errors import ParseError, UsageError, WriteError
from refs.io import bibtex
from refs.io.files import atomic_write, read_text, same_file
from refs.model.library import Library
from refs.text.keys import shown_keys

__all__ = ["Format", "dump", "format_for", "formats", "load", "register"]

Loads = Callable[..., Library]
Dumps = Callable[[Library], str]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered file format: its name, the suffixes it claims, its reader and writer."""

    name: str
    suffixes: tuple[str, ...]
    loads: Loads
    dumps: Dumps | None = None
    #: whether the format has a place for a merged entry's old keys (BibLaTeX's ``ids``);
    #: CSL-JSON and RIS do not, so a merge written in them cannot keep its aliases
    keeps_aliases: bool = False


_REGISTRY: dict[str, Format] = {}
#: format modules that register themselves when imported; imported on first lookup so
#: that ``refs.load`` knows every format without this module importing them eagerly
PLUGINS: tuple[str, ...] = ("refs.io.csljson", "refs.io.ris", "refs.io.freetext")
_plugins_loaded = False


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for module in PLUGINS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a format not written yet
            if exc.name != module:
                raise


def register(
    name: str, suffixes: tuple[str, ...] | list[str], loads: Loads, dumps: Dumps | None = None,
    *, keeps_aliases: bool = False,
) -> None:
    """Register (or replace) a format. ``loads(text, *, path=None) -> Library``.

    ``dumps`` may be None for read-only formats (free-text reference lists).
    """
    _REGISTRY[name] = Format(name, tuple(s.lower() for s in suffixes), loads, dumps,
                             keeps_aliases)


def formats() -> list[Format]:
    """Every registered format, in registration order."""
    _load_plugins()
    return list(_REGISTRY.values())


def format_for(path: str | os.PathLike[str], format: str | None = None) -> Format:
    """The format named ``format``, or the one claiming ``path``'s suffix."""
    _load_plugins()
    if format is not None:
        try:
            return _REGISTRY[format]
        except KeyError:
            known = ", ".join(sorted(_REGISTRY))
            raise UsageError(
                f"unknown format {format!r}", hint=f"use one of: {known}"
            ) from None
    suffix = Path(path).suffix.lower()
    for fmt in _REGISTRY.values():
        if suffix in fmt.suffixes:
            return fmt
    claimed = ", ".join(s for f in _REGISTRY.values() for s in f.suffixes)
    raise ParseError(
        f"cannot tell the format of a {suffix or 'suffix-less'} file",
        path=str(path),
        hint=f"use a known suffix ({claimed}) or name the format: "
             f"format='bibtex' (or {', '.join(repr(n) for n in _REGISTRY if n != 'bibtex')})",
    )


def load(path: str | os.PathLike[str], format: str | None = None) -> Library:
    """Read a bibliography file, choosing the reader by suffix (or ``format``)."""
    fmt = format_for(path, format)
    if fmt.name == "bibtex":
        return bibtex.load(path)
    text, diagnostics = read_text(path)
    library = fmt.loads(text, path=str(path))
    library.diagnostics[:0] = diagnostics
    return library


def dump(library: Library, path: str | os.PathLike[str], format: str | None = None, *,
         drop_aliases: bool = False, reencode: bool = False) -> None:
    """Write a library atomically, choosing the writer by suffix (or ``format``).

    Two writes would lose something without a word, so they raise :class:`WriteError`
    unless asked for: writing entries that carry old keys (``ids``, kept by a merge) in a
    format with no place for them (CSL-JSON, RIS) -- pass ``drop_aliases=True`` -- and
    writing a library read from a file that was not valid UTF-8 (E103) back over that
    file, which would re-encode every entry nobody touched -- pass ``reencode=True``.
    """
    fmt = format_for(path, format)
    if fmt.dumps is None:
        raise UsageError(
            f"refs can read {fmt.name} but not write it",
            path=str(path),
            hint="write .bib or another writable format instead",
        )
    if not drop_aliases and not fmt.keeps_aliases:
        keyed = [r.id for r in library.entries if r.ids]
        if keyed:
            raise WriteError(
                f"{fmt.name} has no place for the old keys (aliases) of {shown_keys(keyed)}; "
                "nothing was written",
                path=str(path),
                hint="write BibTeX (.bib) to keep them, or pass drop_aliases=True",
            )
    rewrites_source = library.path is not None and same_file(library.path, path)
    if not reencode and rewrites_source and any(d.code == "E103" for d in library.diagnostics):
        raise WriteError(
            "this library was read from a file that is not valid UTF-8, and writing it "
            "back would re-encode every entry as UTF-8; nothing was written",
            path=str(path),
            hint="write another file, or pass reencode=True to rewrite it as UTF-8",
        )
    atomic_write(path, fmt.dumps(library))


register("bibtex", (".bib", ".bibtex", ".biblatex"), bibtex.loads, bibtex.dumps,
         keeps_aliases=True)
