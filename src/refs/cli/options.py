"""Option decorators shared by commands, so a flag means the same thing everywhere.

Why: ``--config``, ``--format``, ``--output`` and the ``--select``/``--ignore`` family
appear on several commands; declaring them once keeps names, help texts and parsing
(comma-separated and repeatable code lists) identical, which sqlite-utils' single
3.8k-line ``cli.py`` shows is otherwise lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from refs.errors import ParseError, UsageError, WriteError
from refs.io.files import atomic_write, same_file
from refs.io.formats import Format, format_for, formats
from refs.model.diagnostic import Severity
from refs.model.library import Library
from refs.text.keys import shown_keys

__all__ = ["codes", "config_option", "emit", "format_option", "input_format",
           "output_option", "refuse_dropped_aliases", "refuse_lossy_rewrite",
           "refuse_overwrite", "refuse_reencoding", "report_load_problems",
           "selection_options"]

F = TypeVar("F", bound=Callable[..., Any])


def codes(values: Sequence[str] | None) -> list[str] | None:
    """Repeatable, comma-separated code options flattened: ``("E3,W", "D")`` -> [E3, W, D].

    None when the option was not given, so configuration values are kept.
    """
    if not values:
        return None
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def config_option(func: F) -> F:
    """``--config FILE``: settings from this file instead of the nearest one."""
    return click.option(
        "--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Read settings from this refs.toml/pyproject.toml instead of the nearest one.",
    )(func)


def format_option(choices: Sequence[str], default: str = "text") -> Callable[[F], F]:
    """``--format NAME`` among ``choices``."""
    return click.option(
        "--format", "output_format", type=click.Choice(list(choices)), default=default,
        show_default=True, help="Output format.",
    )


def output_option(func: F) -> F:
    """``--output FILE``: write the report to FILE (atomically) instead of stdout."""
    return click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
        help="Write the report to this file instead of standard output.",
    )(func)


def selection_options(func: F) -> F:
    """``--select``, ``--extend-select`` and ``--ignore``: rule codes or prefixes."""
    for name, text in reversed([
        ("--select", "Only these rule codes/prefixes (comma-separated; replaces config)."),
        ("--extend-select", "Add these codes/prefixes to the selection (e.g. K501)."),
        ("--ignore", "Skip these codes/prefixes (comma-separated; replaces config)."),
    ]):
        func = click.option(name, multiple=True, metavar="CODES", help=text)(func)
    return func


def read_stdin_bytes() -> bytes:
    """All of stdin as bytes, for the readers to decode as they decode a file.

    Through ``click.open_file("-", "rb")``, which is click's binary stdin and what the
    test runner feeds: ``click.get_binary_stream`` is deprecated from Click 8.2 on (a
    DeprecationWarning a fresh install turned into an internal error).
    """
    with click.open_file("-", "rb") as stream:
        data = stream.read()
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def emit(text: str, output: Path | None) -> None:
    """Print ``text`` to stdout, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)


def input_format(path: Path, command: str) -> Format:
    """The format of input file ``path`` by its suffix, or an error a CLI user can act on.

    The library's hint (name the format with ``format=``) has no CLI counterpart: files are
    read by suffix, and these commands read no standard input. So ``-`` is a UsageError
    and an unknown suffix a ParseError, each with a hint to give the file a known suffix.
    """
    known = ", ".join(s for f in formats() for s in f.suffixes)
    if str(path) == "-":
        raise UsageError(
            f"refs {command} reads files, not standard input ('-')",
            hint=f"save the input to a file with a known suffix ({known}) and pass that file",
        )
    try:
        return format_for(path)
    except ParseError as exc:
        raise ParseError(
            exc.message, path=exc.path,
            hint=f"refs tells a file's format by its suffix: rename or copy it to one "
                 f"ending in {known}",
        ) from None


def report_load_problems(library: Library, path: Path) -> None:
    """Print what loading ``path`` found (E101 unreadable blocks, E103 bad bytes, ...) on stderr.

    One line each, ``file:line: CODE message``, so a block that did not load is never
    passed over in silence by a command that goes on with the rest of the file.
    """
    for d in library.diagnostics:
        where = d.location.path or str(path)
        click.echo(f"{where}:{d.location.line}: {d.code} {d.message}", err=True)


def refuse_overwrite(output: Path | None, inputs: Iterable[Path], option: str) -> None:
    """UsageError when ``output`` is one of the ``inputs``: a report must not replace a library.

    ``refs check lib.bib -o lib.bib`` or ``refs export lib.bib --to ris -o lib.bib`` would
    otherwise swap the user's bibliography for a report or another format.
    """
    if output is None:
        return
    for path in inputs:
        if str(path) == "-":
            continue
        if same_file(output, path):
            raise UsageError(
                f"{option} {output} is also an input file; writing there would replace it",
                path=str(output),
                hint=f"give {option} a different file name",
            )


def refuse_lossy_rewrite(library: Library, path: Path, format_name: str) -> None:
    """WriteError before rewriting ``path`` when parts of it could not be read.

    A .bib file keeps its unparsable blocks verbatim, but RIS and CSL-JSON are written
    from the records read, so rewriting such a file would silently drop the rest.
    """
    if format_name == "bibtex":
        return
    unread = [d for d in library.diagnostics if d.severity is Severity.ERROR]
    if not unread:
        return
    line = unread[0].location.line if unread[0].location else None
    raise WriteError(
        f"{len(unread)} part(s) of this {format_name} file could not be read, and rewriting "
        "it would drop them; nothing was written",
        path=str(path), line=line,
        hint=f"fix those lines first (`refs check {path}` lists them), or convert the file "
             "with `refs export --to bibtex` and work on the .bib",
    )


def refuse_reencoding(library: Library, path: Path) -> None:
    """WriteError before rewriting ``path`` when it was not valid UTF-8 (E103 on load).

    Such lines were decoded as a guess (Windows-1252/Latin-1) and every writer writes
    UTF-8, so rewriting the file would re-encode entries nobody touched -- they would no
    longer be byte-identical -- and writing it back in the guessed encoding could put new
    text in the wrong one (a cp1251 or KOI8-R file reads as cp1252 too). As ``refs fmt``
    does, leave the choice of encoding to a person.
    """
    bad = [d for d in library.diagnostics if d.code == "E103"]
    if not bad:
        return
    line = bad[0].location.line if bad[0].location else None
    raise WriteError(
        "this file is not valid UTF-8, and writing it would re-encode every entry as "
        "UTF-8; nothing was written",
        path=str(path), line=line,
        hint=f"re-save {path} as UTF-8 (your editor's 'Save as' encoding, or "
             f"`iconv -f windows-1252 -t utf-8`), then run the command again",
    )


def refuse_dropped_aliases(removed: list[str], path: Path, fmt: Format, allowed: bool) -> None:
    """WriteError before a merge is written in a format with no place for old keys.

    A merge keeps every old key as an alias so that manuscripts citing it still resolve;
    CSL-JSON and RIS have no field for that, so writing the merge there would silently
    break those citations. ``allowed`` is the user's explicit ``--drop-aliases``.
    """
    if not removed or fmt.keeps_aliases or allowed:
        return
    raise WriteError(
        f"{fmt.name} has no place for the old keys a merge keeps as aliases "
        f"({shown_keys(removed)}); "
        "citations of them would stop resolving; nothing was written",
        path=str(path),
        hint=f"merge in BibTeX (`refs export {path} --to bibtex -o library.bib`, then "
             "`refs dedupe library.bib --apply`), or pass --drop-aliases to merge anyway",
    )
