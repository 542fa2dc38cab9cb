"""Run the enabled rules over a library: ``run(library, settings) -> list[Diagnostic]``.

The order of work is: the loader's own diagnostics (E101 parse-error, E103
invalid-encoding...) plus every enabled rule's findings; the file path is filled in;
selection (``select``/``ignore``/per-file) and in-file ``% refs: ignore`` comments
drop findings; the rest is sorted by (path, line, col, code) so output is stable.
Baselines are applied by the caller (:mod:`refs.check.baseline`), because a baseline
is about a run, not a library.

A rule that raises is a bug in refs, not a finding about the file: it must not cost the
user the other rules' findings. The runner catches it, lets every other rule run, and
reports the crash as an error diagnostic under the rule's code (:func:`is_crash` tells it
apart) that selection, suppressions and baselines never hide; ``refs check`` then exits 2
because the check is incomplete.
"""

from __future__ import annotations

from refs.check.context import CheckContext
from refs.check.registry import Rule, all_rules, get_rule
from refs.check.select import Selection, Suppressions, parse_suppressions
from refs.config import Settings
from refs.errors import ConfigError
from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.library import Library

__all__ = ["check", "enabled_rules", "is_crash", "run", "sort_key", "validate_selection"]

#: ``Diagnostic.subject`` of a rule-crash report (so a CLI can tell "incomplete" from "found")
CRASH_SUBJECT = "internal-error"


def sort_key(diag: Diagnostic) -> tuple[str, int, int, str, str]:
    """The stable output order: file, line, column, code, message."""
    loc = diag.location
    return (loc.path or "", loc.line, loc.col, diag.code, diag.message)


def _forced(rule: Rule, settings: Settings) -> bool:
    """Opt-in rules that configuration switches on without a select (K501 + key-pattern)."""
    return rule.code == "K501" and bool(settings.check.key_pattern)


def enabled_rules(settings: Settings, path: str | None = None) -> list[Rule]:
    """The rules that run for ``path`` under ``settings``."""
    selection = Selection.from_settings(settings.check)
    out = []
    for r in all_rules():
        if selection.enabled(r.code, path, opt_in=r.opt_in and not _forced(r, settings)):
            out.append(r)
    return out


def is_crash(diag: Diagnostic) -> bool:
    """True for the report of a rule that raised (the check is incomplete)."""
    return diag.subject == CRASH_SUBJECT


def _crash(rule: Rule, exc: Exception) -> Diagnostic:
    """The diagnostic that stands in for the findings of a rule that raised."""
    lines = str(exc).strip().splitlines()
    detail = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return Diagnostic(
        code=rule.code, name=rule.name, severity=Severity.ERROR, subject=CRASH_SUBJECT,
        message=f"rule {rule.code} ({rule.name}) crashed and was skipped: {detail}",
        hint="this is a bug in refs, not in your file: please report it with the entry "
             "that triggers it; the other rules ran, `--ignore "
             f"{rule.code}` skips this one meanwhile",
    )


def _suppressions(ctx: CheckContext) -> Suppressions:
    source = ctx.library.source
    if not source:
        return Suppressions()
    spans = [(int(b.line), int(b.end_line)) for b in ctx.blocks() if b.kind in (
        "entry", "failed", "string", "preamble")]
    if not spans:
        spans = [(r.span.line, r.span.end_line) for r in ctx.library.entries if r.span]
    return parse_suppressions(source, spans)


def validate_selection(settings: Settings) -> None:
    """Raise ConfigError for a select/ignore entry that names no rule (a typo would
    otherwise silently select or ignore nothing)."""
    check = settings.check
    codes = [r.code for r in all_rules()]
    given = [*check.select, *check.ignore, *check.extend_select,
             *(c for cs in check.per_file_ignores.values() for c in cs)]
    for prefix in given:
        p = prefix.strip().upper()
        if p in ("", "ALL") or any(code.startswith(p) for code in codes):
            continue
        raise ConfigError(
            f"unknown rule code or prefix {prefix!r} in check selection",
            path=settings.source, hint="`refs rule --all` lists the rule codes")


def run(library: Library, settings: Settings | None = None) -> list[Diagnostic]:
    """Every finding about ``library`` that the settings keep, in stable order.

    Raises :class:`~refs.errors.ConfigError` when the selection names an unknown code.
    """
    settings = settings or Settings()
    validate_selection(settings)
    ctx = CheckContext.from_library(library, settings)
    path = library.path
    selection = Selection.from_settings(settings.check)
    found: list[Diagnostic] = list(library.diagnostics)
    crashes: list[Diagnostic] = []
    for r in enabled_rules(settings, path):
        try:
            found.extend(list(r.func(ctx)))  # list(): rules are generators that raise late
        except Exception as exc:  # any bug in one rule: see the module docstring
            crashes.append(_crash(r, exc))
    suppressions = _suppressions(ctx)
    kept: list[Diagnostic] = []
    for diag in found:
        registered = get_rule(diag.code)
        if registered is not None and (diag.name, diag.severity) != (
            registered.name, registered.severity
        ):  # the registry is the one source of names and severities
            diag = diag.model_copy(update={"name": registered.name,
                                           "severity": registered.severity})
        if diag.location.path is None and path is not None:
            location = Location(**{**diag.location.model_dump(), "path": path})
            diag = diag.model_copy(update={"location": location})
        if not selection.enabled(diag.code, path, opt_in=False):
            continue
        if suppressions.suppresses(diag):
            continue
        kept.append(diag)
    for diag in crashes:
        location = Location(path=path) if path is not None else Location()
        kept.append(diag.model_copy(update={"location": location}))
    return sorted(kept, key=sort_key)


def check(library: Library, settings: Settings | None = None) -> list[Diagnostic]:
    """The library form of ``refs check``: every finding about ``library``, sorted.

    ``refs.check(refs.load("library.bib"))`` returns Diagnostics and never prints or
    raises for findings; baselines are applied by :class:`refs.check.baseline.Baseline`.
    """
    return run(library, settings)
