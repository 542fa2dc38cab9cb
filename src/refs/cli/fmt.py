"""``refs fmt``: rewrite .bib files in the canonical layout of :mod:`refs.io.bibtex_fmt`.

Why the modes: a formatter people let loose on their only copy of a bibliography must
show before it writes (``--diff``), be usable as a CI gate (``--check``), compose with
editors and pipes (``--stdout``, ``-`` for stdin), and never leave a half-written file
(writes are atomic). A file that is not valid UTF-8 is left alone: re-encoding it is a
decision for a person, not a side effect of formatting. Blocks that do not parse are
kept verbatim, and the command says so.

Exit codes (ruff's scheme): 0 nothing to do or done; 1 ``--check``/``--diff`` found a
file that would change; 2 could not run (missing file, bad configuration, bad input).
"""

from __future__ import annotations

from pathlib import Path

import click

from refs.cli.options import read_stdin_bytes
from refs.config import Settings, load_settings
from refs.errors import RefsError, UsageError
from refs.io.bibtex import document, loads
from refs.io.bibtex_fmt import format_blocks
from refs.io.files import atomic_write, decode_bytes, read_text, unified_diff
from refs.io.formats import format_for
from refs.model.diagnostic import Diagnostic

__all__ = ["fmt"]

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; list the files that would change and exit 1 if any.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Write nothing; print a unified diff and exit 1 if anything would change.")
@click.option("--sort/--no-sort", default=None,
              help="Sort entries by key (default: [tool.refs.fmt] sort, else keep order).")
@click.option("--stdout", "to_stdout", is_flag=True,
              help="Print the formatted text instead of writing the files.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read settings from this file instead of the nearest refs.toml/pyproject.")
def fmt(files: tuple[Path, ...], check_only: bool, show_diff: bool, sort: bool | None,
        to_stdout: bool, config: Path | None) -> int:
    """Format .bib FILES canonically (default: the configured library).

    Field order, indentation, braces and trailing commas follow [tool.refs.fmt];
    values are never changed, only laid out. Use "-" to read stdin and print to stdout.
    """
    if to_stdout and (check_only or show_diff):
        given = "--check" if check_only else "--diff"
        raise UsageError(f"--stdout and {given} cannot be used together: --stdout prints the "
                         f"formatted text, {given} reports what would change",
                         hint=f"drop --stdout to check, or {given} to print the formatted text")
    settings = load_settings(config).merged(**{"fmt.sort": sort})
    paths = list(files) or [settings.resolve(settings.library)]
    changed: list[Path] = []
    errors = file_errors = 0
    for path in paths:
        try:
            old, new = _format_one(path, settings)
        except RefsError as exc:
            where = exc.where()
            click.echo(f"error: {where}: {exc.message}" if where else f"error: {exc.message}",
                       err=True)
            if exc.hint:
                click.echo(f"hint: {exc.hint}", err=True)
            errors += 1
            file_errors += str(path) != "-"
            continue
        if to_stdout or (str(path) == "-" and not (check_only or show_diff)):
            click.echo(new, nl=False)
            continue
        if new == old:
            continue
        changed.append(path)
        if show_diff:
            click.echo(unified_diff(old, new, str(path)), nl=False)
        elif check_only:
            click.echo(f"would reformat {path}")
        else:
            atomic_write(path, new)
    if not to_stdout:
        done = sum(1 for p in paths if str(p) != "-") - file_errors
        _summary(changed, done, write=not (check_only or show_diff))
    if errors:
        return EXIT_ERROR
    return EXIT_CHANGES if changed and (check_only or show_diff) else EXIT_OK


def _format_one(path: Path, settings: Settings) -> tuple[str, str]:
    """The file's text and its formatted text; RefsError when it must be left alone."""
    _require_bibtex(path)
    decode_problems: list[Diagnostic]
    name = "<stdin>" if str(path) == "-" else str(path)
    if str(path) == "-":  # stdin gets the file rules: no NUL bytes, Latin-1 left alone
        old, decode_problems = decode_bytes(read_stdin_bytes(), path=name)
    else:
        old, decode_problems = read_text(path)
    if decode_problems:
        first = decode_problems[0]
        line = first.location.line if first.location else None
        raise RefsError("not valid UTF-8; left unchanged", path=name, line=line,
                        hint="re-save the file as UTF-8, then run refs fmt again")
    library = loads(old, path=name)
    blocks = document(library).blocks
    for block in blocks:
        if block.kind == "failed":
            click.echo(f"warning: {name}:{block.line}: this block could not be parsed and "
                       "was kept as written", err=True)
    return old, format_blocks(blocks, old, settings.fmt)


def _require_bibtex(path: Path) -> None:
    """Refuse a file another format claims: formatting JSON or RIS as BibTeX would mangle it.

    Files with an unknown suffix (or none) are taken to be BibTeX.
    """
    if str(path) == "-":
        return
    try:
        claimed = format_for(path)
    except RefsError:
        return
    if claimed.name != "bibtex":
        raise UsageError(f"refs fmt formats BibTeX files; this is a {claimed.name} file",
                         path=str(path), hint="give refs fmt .bib files only")


def _summary(changed: list[Path], done: int, *, write: bool) -> None:
    """One line on stderr, like ruff format: what changed and what was already fine."""
    if done == 0:
        return
    verb = "reformatted" if write else "would be reformatted"
    left = done - len(changed)
    click.echo(f"{len(changed)} file{'s' * (len(changed) != 1)} {verb}, "
               f"{left} file{'s' * (left != 1)} left unchanged", err=True)
