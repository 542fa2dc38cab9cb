"""``refs check``: lint bibliographies, like a compiler reports errors.

Exit codes (ruff's scheme): 0 no findings (or ``--exit-zero``), 1 findings, 2 could
not run -- a missing file, a bad configuration or baseline; those raise
:class:`~refs.errors.RefsError` and the boundary in :mod:`refs.cli.main` reports them.
A rule that crashes is reported as a finding under its code and also gives 2 (the check
is incomplete), after the other rules have run.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import click

from refs.check.baseline import Baseline
from refs.check.registry import get_rule
from refs.check.render import RENDERERS, render
from refs.check.render.text import summary
from refs.check.runner import is_crash, run, sort_key
from refs.cli.options import (
    codes,
    config_option,
    emit,
    format_option,
    output_option,
    refuse_overwrite,
    selection_options,
)
from refs.config import Settings, load_settings
from refs.errors import ConfigError, UsageError
from refs.io.files import atomic_write
from refs.io.formats import load
from refs.model.diagnostic import Diagnostic
from refs.model.library import Library

__all__ = ["check"]


def _display(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, as given otherwise."""
    if path.is_absolute() and Path.cwd() in path.parents:
        return os.path.relpath(path)
    return str(path)


def _settings(config: Path | None, select: tuple[str, ...], extend_select: tuple[str, ...],
              ignore: tuple[str, ...]) -> Settings:
    settings = load_settings(config)
    extend = codes(extend_select)
    return settings.merged(**{
        "check.select": codes(select),
        "check.ignore": codes(ignore),
        "check.extend_select": [*settings.check.extend_select, *extend] if extend else None,
    })


def _files(files: tuple[Path, ...], settings: Settings) -> list[Path]:
    if files:
        return list(files)
    default = settings.resolve(settings.library)
    if not default.is_file():
        where = f" (from {settings.source})" if settings.source else ""
        raise ConfigError(
            f"no library to check: {_display(default)} does not exist{where}",
            hint="pass the .bib files to check, or set `library = \"...\"` in [tool.refs]",
        )
    return [default]


def _load(path: Path) -> Library:
    """Load ``path`` with the reader its suffix names (``refs.io.formats``)."""
    return load(path)


#: --format values --statistics can be written in (counts are not annotations or SARIF results)
STATISTICS_FORMATS = ("text", "json")


def _statistics(diagnostics: list[Diagnostic], output_format: str = "text") -> str:
    """Findings per rule, most frequent first: aligned lines, or (json) a list of objects."""
    counts = Counter(d.code for d in diagnostics)
    names = {d.code: d.name for d in diagnostics}
    rows = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        r = get_rule(code)
        rows.append((code, r.name if r else names[code], n))
    if output_format == "json":
        return json.dumps([{"code": c, "name": name, "count": n} for c, name, n in rows],
                          indent=2, ensure_ascii=False) + "\n"
    lines = [f"{n:5d}  {code}  {name}" for code, name, n in rows]
    return "\n".join(lines) + ("\n" if lines else "")


@click.command()
@click.argument("files", nargs=-1,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option(sorted(RENDERERS))
@selection_options
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Hide the findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record every current finding in this baseline file and exit 0.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True,
              help="Count findings per rule instead of listing them (text or json).")
@output_option
@config_option
def check(files: tuple[Path, ...], output_format: str, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], baseline: Path | None,
          write_baseline: Path | None, exit_zero: bool, statistics: bool,
          output: Path | None, config: Path | None) -> int:
    """Check FILES (.bib, CSL-JSON .json, .ris) for problems (default: the configured
    library, library.bib).

    Prints one line per finding, `file:line:col: CODE [name] message`, then a
    summary. Exit status: 0 clean, 1 findings, 2 could not run. Silence one entry
    of a .bib file with a `% refs: ignore CODE` comment directly above it (a .json
    or .ris file: per-file-ignores in [tool.refs.check]); `refs rule CODE`
    explains a rule.
    """
    if statistics and output_format not in STATISTICS_FORMATS:
        raise UsageError(f"--statistics cannot be written as --format {output_format}",
                         hint="use --statistics with --format text or json, or drop "
                              "--statistics to get the findings")
    settings = _settings(config, select, extend_select, ignore)
    found: list[Diagnostic] = []
    inputs = _files(files, settings)
    refuse_overwrite(output, inputs, "--output")
    refuse_overwrite(write_baseline, inputs, "--write-baseline")
    for path in inputs:
        library = _load(Path(_display(path)))  # one spelling of the path in every finding
        found.extend(run(library, settings))
    found.sort(key=sort_key)
    crashed = [d for d in found if is_crash(d)]  # a rule raised: no baseline hides that
    found = [d for d in found if not is_crash(d)]
    if write_baseline is not None:
        atomic_write(write_baseline,
                     Baseline(root=write_baseline.resolve().parent).dumps(found))
        click.echo(f"wrote {len(found)} finding(s) to baseline {write_baseline}", err=True)
        if statistics:  # what went into the baseline, counted per rule
            emit(_statistics(found, output_format), output)
        if crashed:  # never in a baseline, never a green run: the check is incomplete
            click.echo(render(crashed, "text"), err=True)
            return 2
        return 0
    baseline_path = baseline or (settings.resolve(settings.check.baseline)
                                 if settings.check.baseline else None)
    if baseline_path is not None:
        before = len(found)
        found = Baseline.read(baseline_path).filter(found)
        hidden = before - len(found)
        if hidden and output_format == "text":
            click.echo(f"{hidden} known finding(s) hidden by baseline {baseline_path}", err=True)
    found = sorted(found + crashed, key=sort_key)
    text = _statistics(found, output_format) if statistics else render(found, output_format)
    emit(text, output)
    if output is not None:  # the report went to a file: still say how it went
        click.echo(f"{summary(found)} Report written to {output}.", err=True)
    if crashed:
        return 2  # the check is incomplete: a rule crashed (reported among the findings)
    return 0 if exit_zero or not found else 1
