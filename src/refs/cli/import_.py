"""``refs import``: free-text reference lists, CSL-JSON and RIS -> BibTeX entries.

Why it reports every entry: a rule parser guesses some fields, so the report names the
fields it is unsure of (per-field confidence below ``LOW_CONFIDENCE``) and a person
checks those. Strings it cannot read are listed with their line and make the exit code
1 -- never dropped silently; text not meant as a reference (short notes, a paper's own
paragraphs) is listed as I101 and does not fail the run. ``--into`` appends to a library
atomically (through ``refs.io.bibtex.dump``; existing entries stay byte-identical) with
keys unique in it, and skips the entries the matcher finds already there (the same
judgement as ``refs dedupe``; ``--keep-duplicates`` adds them anyway), so importing a list twice
does not double the library; ``--dry-run`` shows the diff instead of writing.

Exit codes: 0 all imported; 1 some strings could not be read; 2 could not run.
"""

from __future__ import annotations

from pathlib import Path

import click

from refs.cli.options import config_option, read_stdin_bytes, refuse_reencoding
from refs.config import load_settings
from refs.dedupe import known_matches
from refs.errors import RefsError, UsageError
from refs.io import bibtex, formats, incoming
from refs.io.files import unified_diff
from refs.io.freetext import LOW_CONFIDENCE, NOT_A_REFERENCE, ParsedReference
from refs.io.freetext.segment import STYLES
from refs.model.diagnostic import Diagnostic
from refs.model.library import Library
from refs.model.reference import Reference
from refs.text.names import OTHERS

__all__ = ["import_"]


def _read(path: Path, style: str, key_format: str, taken: set[str]) -> incoming.Incoming:
    """Entries of one input, keyed uniquely against ``taken`` (which is updated).

    ``-`` is stdin, read here as bytes (click's binary stdin) and decoded like a file.
    """
    if str(path) == "-":
        return incoming.loads(read_stdin_bytes(), path="<stdin>",
                              style=style, key_format=key_format, taken=taken)
    return incoming.load(path, style=style, key_format=key_format, taken=taken)


def _require_bibtex(into: Path) -> None:
    """--into appends BibTeX text: a file another format claims (.json, .ris) would be mangled.

    Files with an unknown suffix (or none) are taken to be BibTeX, as ``refs fmt`` does.
    """
    try:
        claimed = formats.format_for(into).name
    except RefsError:
        return
    if claimed != "bibtex":
        raise UsageError(f"--into appends to a BibTeX library; this is a {claimed} file",
                         path=str(into),
                         hint="give --into a .bib file (refs export converts the result)")


def _where(ref: Reference) -> str:
    """``file:line: `` of the string or record an entry came from ('' when unknown)."""
    return f"{ref.span.path}:{ref.span.line}: " if ref.span and ref.span.path else ""


def _describe(ref: Reference, parsed: ParsedReference | None) -> str:
    names = [n for n in ref.author if n != OTHERS]  # "and others" is no second author
    who = names[0].display() if names else "(no author)"
    if len(ref.author) > 1:
        who += " et al." if len(ref.author) > 2 or len(names) == 1 else \
            f" & {names[1].display()}"
    year = str(ref.year) if ref.year else "n.d."
    line = f"{ref.id}  [{ref.type}]  {who} ({year}) {ref.title or '(no title)'}"
    if parsed is not None:
        low = parsed.low_confidence(LOW_CONFIDENCE)
        if low:
            line += f"\n    check: {', '.join(low)}"
        if parsed.leftover:
            line += f"\n    unread: {' | '.join(parsed.leftover)}"
    return line


@click.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--style", type=click.Choice(list(STYLES)), default="auto", show_default=True,
              help="Citation style of free-text input (auto detects per string).")
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the entries to this .bib library (created if missing).")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--keep-duplicates", is_flag=True,
              help="With --into, also add entries that are already in the library.")
@click.option("--quiet", "-q", is_flag=True, help="Only report problems.")
@config_option
def import_(files: tuple[Path, ...], style: str, into: Path | None, dry_run: bool,
            keep_duplicates: bool, quiet: bool, config: Path | None) -> int:
    """Import references from FILES: free text (.txt/.md), CSL-JSON (.json) or RIS (.ris).

    Without --into the BibTeX is printed. Each entry is reported with the fields the
    parser is unsure of; strings that could not be read are listed with their line.
    """
    settings = load_settings(config)
    if into is not None:
        _require_bibtex(into)
    target = bibtex.load(into) if into is not None and into.exists() else \
        Library(path=str(into) if into else None, format="bibtex")
    taken = {k for e in target.entries for k in e.all_keys()}
    imported: list[tuple[Reference, ParsedReference | None]] = []
    problems: list[Diagnostic] = []
    unread = 0
    for path in files:
        got = _read(path, style, settings.key_format, taken)
        imported += got.entries
        problems += got.diagnostics
        unread += len(got.unread())
    for ref, parsed in imported:
        if not quiet:
            click.echo(f"{_where(ref)}{_describe(ref, parsed)}", err=into is None)
    for d in problems:
        loc = d.location
        where = f"{loc.path}:{loc.line}: " if loc.path else f"line {loc.line}: "
        click.echo(f"{where}{d.code} {d.message}", err=True)
    flawed = sum(1 for d in problems if d.severity.value == "error") - unread
    known = {} if into is None or keep_duplicates else known_matches(
        target.entries, [r for r, _ in imported], settings)
    for j, match in sorted(known.items()):
        ref = imported[j][0]
        click.echo(f"{_where(ref)}{ref.id} is already in {into} as {match.key_a} "
                   f"(match score {match.result.score:.2f}); not added "
                   "(--keep-duplicates adds it)", err=True)
    imported = [item for j, item in enumerate(imported) if j not in known]
    skipped = f", {len(known)} already in {into}" if known else ""
    flaws = f", {flawed} error{'s' * (flawed != 1)} in imported entries" if flawed else ""
    others = sum(1 for d in problems if d.code == NOT_A_REFERENCE)
    aside = (f", {others} skipped as not {'a reference' if others == 1 else 'references'}"
             " (I101)") if others else ""
    click.echo(f"{len(imported)} imported{skipped}, {unread} could not be read{flaws}{aside}",
               err=True)
    if into is None:
        click.echo(bibtex.dumps(Library(entries=[r for r, _ in imported], format="bibtex")),
                   nl=False)
        return 1 if unread or flawed else 0
    if imported:  # the preview too: --into could not write what it shows
        refuse_reencoding(target, into)
    old = target.source or ""
    target.entries.extend(r for r, _ in imported)
    new = bibtex.dumps(target)
    if dry_run:
        click.echo(unified_diff(old, new, str(into)), nl=False)
        click.echo(f"would add {len(imported)} entries to {into} (dry run)", err=True)
    elif imported:
        bibtex.dump(target, into)
        click.echo(f"added {len(imported)} entries to {into}", err=True)
    return 1 if unread or flawed else 0
