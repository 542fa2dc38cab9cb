"""``refs enrich``: fill gaps from Crossref/DataCite/doi.org, preview as a diff, apply atomically.

Why preview by default: enrichment edits a user's bibliography from a remote source;
DESIGN asks every command to show before it writes. ``--apply`` writes each file
atomically, and only when the whole run completed: if refs had to stop (the service
failing too often, a file that does not load), nothing is written. Entries that failed
one by one are left as they were and reported, one line each.

Exit codes: 0 nothing needing a person (gaps filled or nothing to do, "no confident
match" included: most books are not in Crossref); 1 something needs a person -- a
conflict between the file and the source, a DOI that does not resolve or resolves to
another work, a retracted/corrected/superseded work, an entry that failed or could not
be answered offline; 2 could not run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from refs.cli.options import (
    input_format,
    refuse_lossy_rewrite,
    refuse_reencoding,
    report_load_problems,
)
from refs.config import Settings, load_settings
from refs.enrich.engine import enrich as run_enrich
from refs.enrich.report import EnrichReport, EntryResult
from refs.io.files import atomic_write, unified_diff
from refs.io.formats import load as load_library
from refs.net.client import make_client

__all__ = ["enrich", "render_text"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_SOURCE = {"crossref": "Crossref", "datacite": "DataCite", "doi.org": "doi.org"}


def _lines(path: str, r: EntryResult) -> list[str]:
    where = f"{path}:{r.line}" if r.line else path
    head = f"{where}: {r.key}"
    source = _SOURCE.get(r.source or "", r.source or "the source")
    out: list[str] = []
    if r.status == "updated":
        filled = ", ".join(c.field for c in r.changes)
        out.append(f"{head}: filled {filled} from {source}" + (f" (doi:{r.doi})" if r.doi else ""))
    elif r.status in ("not-found", "failed", "offline"):
        out.append(f"{head}: {r.status}: {r.message}")
    elif r.status == "mismatch":
        out.append(f"{head}: mismatch: {r.reason}; {source} has: {r.candidate}")
    elif r.status == "no-match":
        best = f"; best candidate: {r.candidate}" if r.candidate else ""
        out.append(f"{head}: no confident match: {r.reason}{best}")
    for c in r.conflicts:
        out.append(f"{head}: conflict in {c.field}: here {c.here!r}, at {source} {c.there!r}")
    for u in r.updates:
        by = f" by {u.source}" if u.source else ""
        if u.direction == "update-to":
            out.append(f"{head}: {u.kind} notice: this DOI is a {u.label or u.kind} notice "
                       f"for doi:{u.doi}{by}, not the work itself")
            continue
        notice = f" (notice doi:{u.doi})" if u.doi else ""
        out.append(f"{head}: {u.kind}: the work has a {u.label or u.kind}{notice}{by}")
    return out


def render_text(path: str, report: EnrichReport, *, quiet: bool = False) -> str:
    """The human report: one line per finding, then a summary."""
    lines = [line for r in report.results for line in _lines(path, r)]
    if not quiet:
        counts = report.counts()
        parts = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        lines.append(f"{path}: {len(report.results)} entries: {parts} "
                     f"({report.requests} requests, {report.cache_hits} answered from cache)")
    return "\n".join(lines) + ("\n" if lines else "")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run/--apply", "dry_run", default=True,
              help="Preview a diff (default) or write the changes atomically.")
@click.option("--offline", is_flag=True, default=None,
              help="Answer from the cache only; report entries it cannot answer.")
@click.option("--only", type=click.Choice(["doi-missing", "all"], case_sensitive=False),
              default="all",
              show_default=True, help="Look up every entry, or only search for those "
              "without a DOI.")
@click.option("--overwrite", "overwrite", multiple=True, metavar="FIELD",
              help="Let the source replace this field when it differs (repeatable, "
              "comma-separated).")
@click.option("--cache", "cache", type=click.Path(dir_okay=False, path_type=Path),
              help="The response cache file (default: REFS_CACHE or the platform cache dir).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Report format.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary lines.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read settings from this file instead of the nearest refs.toml/pyproject.")
def enrich(files: tuple[Path, ...], dry_run: bool, offline: bool | None, only: str,
           overwrite: tuple[str, ...], cache: Path | None, output_format: str, quiet: bool,
           config: Path | None) -> int:
    """Fill missing fields of FILES from Crossref, DataCite and doi.org (default: the library).

    Entries with a DOI are looked up; entries without one are searched for, and a
    candidate is accepted only when refs' matcher says it is the same work. Fields you
    wrote are never changed unless named with --overwrite; disagreements are reported.
    Set a contact address (REFS_MAILTO or [tool.refs.net] mailto) to use Crossref's
    polite pool.

    Exit status: 0 nothing needs a person; 1 conflicts, unresolved or mismatched DOIs,
    retracted/corrected works, or entries that failed; 2 could not run.
    """
    settings = load_settings(config).merged(**{"net.offline": offline})
    paths = list(files) or [settings.resolve(settings.library)]
    fields = [f.strip() for v in overwrite for f in v.split(",") if f.strip()]
    format_of = {path: input_format(path, "enrich") for path in paths}  # before any read
    loaded = [(path, load_library(path)) for path in paths]  # a bad file stops before any request
    library_of = dict(loaded)
    for path, library in loaded:
        report_load_problems(library, path)
    results: list[tuple[Path, Any, EnrichReport, str, str]] = []
    with make_client(settings, cache=cache) as http:
        for path, library in loaded:
            report = _run(library, path, settings, http, only, fields, quiet)
            fmt = format_of[path]
            old = library.source if library.source is not None else path.read_text("utf-8")
            # nothing filled: keep the file as it is (a RIS/JSON rewrite is not byte-exact)
            new = fmt.dumps(report.library) if fmt.dumps is not None and report.changed \
                else old
            results.append((path, fmt, report, old, new))
    for path, _fmt, report, old, new in results:
        if output_format == "text":
            if dry_run and new != old:
                click.echo(unified_diff(old, new, str(path)), nl=False)
            click.echo(render_text(str(path), report, quiet=quiet), nl=False)
    if output_format == "json":
        click.echo(json.dumps({"files": [
            {"path": str(p), "changed": n != o, **r.to_dict()} for p, _f, r, o, n in results
        ]}, indent=2, ensure_ascii=False))
    if not dry_run:
        for path, fmt, _report, old, new in results:  # check every file before writing any
            if new != old:
                refuse_lossy_rewrite(library_of[path], path, fmt.name)
                refuse_reencoding(library_of[path], path)
        for path, _fmt, _report, old, new in results:
            if new != old:
                atomic_write(path, new)
                if not quiet and output_format == "text":
                    click.echo(f"wrote {path}")
    return EXIT_FINDINGS if any(r.has_problems for _p, _f, r, _o, _n in results) else EXIT_OK


def _interactive() -> bool:
    """True when stderr is a terminal: the progress bar is for people, not for logs."""
    return sys.stderr.isatty()


def _run(library: Any, path: Path, settings: Settings, http: Any, only: str,
         fields: list[str], quiet: bool) -> EnrichReport:
    show = not quiet and _interactive() and len(library) > 0
    if not show:
        return run_enrich(library, settings=settings, http=http, only=only,  # type: ignore[arg-type]
                          overwrite=fields)
    with click.progressbar(length=len(library), label=f"enrich {path}", file=sys.stderr) as bar:
        return run_enrich(library, settings=settings, http=http, only=only,  # type: ignore[arg-type]
                          overwrite=fields, progress=lambda _r: bar.update(1))

