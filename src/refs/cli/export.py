"""``refs export``: write a library as BibTeX, CSL-JSON, RIS or a Markdown reference list.

Why through the format registry: every reader and writer registers itself in
``refs.io.formats``, so export knows every format the library knows, and a new format
needs no change here. Output goes to stdout or, with ``-o``, atomically to a file.
"""

from __future__ import annotations

from pathlib import Path

import click

from refs.cli.options import (
    config_option,
    input_format,
    refuse_overwrite,
    report_load_problems,
)
from refs.config import load_settings
from refs.errors import RefsError, UsageError
from refs.io import formats, ris
from refs.io.files import atomic_write
from refs.model.library import Library

__all__ = ["export"]

#: the formats ``--to`` offers (names in the registry)
TARGETS = ("bibtex", "csl-json", "ris", "markdown")
#: formats whose files may hold each other's text: a Markdown list saved as .txt reads back
_SAME_KIND = {"markdown": {"markdown", "text"}}


@click.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "target", type=click.Choice(TARGETS), required=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@config_option
def export(file: Path | None, target: str, output: Path | None, config: Path | None) -> int:
    """Export FILE (default: the configured library) to another format.

    FILE may be .bib, .json (CSL-JSON), .ris or a free-text list (.txt/.md).
    """
    settings = load_settings(config)
    path = file or settings.resolve(settings.library)
    input_format(path, "export")
    refuse_overwrite(output, [path], "--output")
    _refuse_other_suffix(output, target)
    library = formats.load(path)
    report_load_problems(library, path)
    writer = formats.format_for(path, target).dumps
    assert writer is not None  # every TARGETS format has a writer
    text = writer(library)
    if target == "ris":
        _report_unheld(library)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)
        click.echo(f"wrote {len(library)} entries to {output}", err=True)
    return 0


def _report_unheld(library: Library) -> None:
    """Name, on stderr, each entry's fields RIS has no place for: the export still runs
    (RIS is what the user asked for), but nothing is dropped without a word."""
    losing = [(ref.id, lost) for ref in library.entries if (lost := ris.unheld(ref))]
    for key, lost in losing:
        click.echo(f"{key}: RIS has no place for {', '.join(lost)}; not written", err=True)
    if losing:
        click.echo(f"{len(losing)} of {len(library)} entries lose fields RIS cannot hold "
                   "(listed above); BibTeX and CSL-JSON keep them", err=True)


def _refuse_other_suffix(output: Path | None, target: str) -> None:
    """UsageError when ``-o`` names a file another format claims (``--to csl-json -o x.ris``).

    refs tells formats by suffix, so such a file would later be read (by refs, Zotero, an
    editor) as the wrong format. Unknown suffixes are the user's choice and are allowed.
    """
    if output is None:
        return
    try:
        claimed = formats.format_for(output).name
    except RefsError:
        return
    if claimed in _SAME_KIND.get(target, {target}):
        return
    suffix = ".md" if target == "markdown" else formats.format_for(output, target).suffixes[0]
    raise UsageError(
        f"--to {target} writes {target}, but {output.name} is named as a {claimed} file",
        path=str(output),
        hint=f"name the output {output.with_suffix(suffix).name}"
             + (f", or pass --to {claimed}" if claimed in TARGETS else ""),
    )
