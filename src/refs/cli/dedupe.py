"""``refs dedupe``: find records that are one work, show why, and merge them on request.

Why report-first: a wrong merge destroys a user's reference, so by default the
command only prints each cluster with the matcher's evidence and the merge it would
make -- which record survives, which keys become aliases, and every field on which the
records disagree, with both values and where they came from. ``--apply`` writes the
merged library atomically (untouched entries stay byte-identical); ``--interactive``
asks per cluster and writes only what was accepted.

With several FILES (an import checked against ``library.bib``) all records are
matched together, but only the first file is ever written: clusters that touch it
are merged into it, keeping its record's key; clusters lying wholly in the other
files are reported and left alone.

Exit codes: 0 no duplicates (or all merged); 1 duplicates reported or left unmerged;
2 could not run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from refs.cli.options import (
    input_format,
    refuse_dropped_aliases,
    refuse_lossy_rewrite,
    refuse_reencoding,
    report_load_problems,
)
from refs.config import load_settings
from refs.dedupe import Cluster, Merge, find_duplicates, merge_cluster
from refs.dedupe.merge import MergePlan
from refs.errors import UsageError
from refs.io.formats import dump, load
from refs.model.reference import Reference
from refs.text.ids import normalize_doi

__all__ = ["dedupe"]

EXIT_OK, EXIT_FOUND = 0, 1
#: pair evidence shown per cluster in text output (big clusters have many pairs)
MAX_PAIRS_SHOWN = 3


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--threshold", type=click.FloatRange(0.0, 1.0),
              help="Score from which two records are one work (default: [tool.refs.dedupe] "
                   "threshold, else 0.9).")
@click.option("--merge-editions/--no-merge-editions", default=None,
              help="Treat two editions of a book as one work (default: configuration).")
@click.option("--doi-alias", "doi_alias", multiple=True, metavar="DOI=CANONICAL",
              help="Treat DOI as another name of CANONICAL (e.g. a preprint's DOI and the "
                   "published one); repeatable.")
@click.option("--apply", "apply_", is_flag=True,
              help="Merge every cluster and write the first file (atomically).")
@click.option("--interactive", "-i", is_flag=True,
              help="Ask for each cluster whether to merge it; write the accepted merges.")
@click.option("--drop-aliases", is_flag=True,
              help="Merge in a CSL-JSON or RIS file even though it cannot keep the old keys "
                   "as aliases (citations of them stop resolving).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Report format.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read settings from this file instead of the nearest refs.toml/pyproject.")
def dedupe(files: tuple[Path, ...], threshold: float | None, merge_editions: bool | None,
           doi_alias: tuple[str, ...], apply_: bool, interactive: bool, drop_aliases: bool,
           output_format: str, config: Path | None) -> int:
    """Find duplicate records in FILES (default: the configured library) and merge them.

    Without --apply or --interactive nothing is written: each cluster is shown with
    the evidence that linked it and the conflicts a merge would record. Old keys are
    kept as aliases (ids) of the surviving entry, so citations to them still resolve.
    """
    settings = load_settings(config).merged(
        **{"dedupe.threshold": threshold, "dedupe.merge_editions": merge_editions}
    )
    if interactive and output_format == "json":
        raise UsageError("--interactive asks questions as text", hint="drop --format json")
    paths = list(files) or [settings.resolve(settings.library)]
    fmt, *_ = [input_format(p, "dedupe") for p in paths]  # every file's, before any is read
    libraries = [load(p) for p in paths]
    for p, lib in zip(paths, libraries, strict=True):
        report_load_problems(lib, p)
    pool: list[Reference] = [e for lib in libraries for e in lib.entries]
    origin = {id(e): str(p) for p, lib in zip(paths, libraries, strict=True) for e in lib}
    target = libraries[0]
    in_target = {id(e) for e in target.entries}
    clusters = find_duplicates(pool, settings, doi_aliases=_aliases(doi_alias))
    merges = [merge_cluster(c, prefer=lambda r: id(r) in in_target) for c in clusters]
    writable = [m for m in merges if id(m.members[0]) in in_target]

    if output_format == "json":
        click.echo(json.dumps(_json(paths, merges, origin, apply_), indent=2, ensure_ascii=False))
    elif not interactive:
        _print_report(merges, origin)
    if interactive:
        if writable:  # before asking: accepted merges could not be written
            refuse_reencoding(target, paths[0])
            refuse_dropped_aliases(_removed(writable), paths[0], fmt, drop_aliases)
        accepted = _ask(merges, writable, origin)
    elif apply_:
        accepted = writable
    else:
        return EXIT_FOUND if clusters else EXIT_OK
    if accepted:
        refuse_lossy_rewrite(target, paths[0], fmt.name)
        refuse_reencoding(target, paths[0])
        refuse_dropped_aliases(_removed(accepted), paths[0], fmt, drop_aliases)
        merged = MergePlan(tuple(accepted)).apply(target)
        # both checks were made above, with the CLI's own wording
        dump(merged, paths[0], drop_aliases=True, reencode=True)
        removed = sum(len(m.members) - 1 for m in accepted)
        click.echo(f"merged {len(accepted)} cluster{'s' * (len(accepted) != 1)} "
                   f"({removed} entr{'ies' if removed != 1 else 'y'} folded into survivors) "
                   f"in {paths[0]}", err=True)
    left = len(merges) - len(accepted)
    if left:
        click.echo(f"{left} cluster{'s' * (left != 1)} not merged", err=True)
    return EXIT_FOUND if left else EXIT_OK


def _removed(merges: list[Merge]) -> list[str]:
    """The keys these merges fold into survivors (they would become aliases)."""
    return [key for m in merges for key in m.removed]


def _aliases(pairs: tuple[str, ...]) -> dict[str, str]:
    """``--doi-alias A=B`` values as a normalised alias -> canonical mapping."""
    out: dict[str, str] = {}
    for pair in pairs:
        alias, sep, canonical = pair.partition("=")
        a, c = normalize_doi(alias), normalize_doi(canonical)
        if not sep or not a or not c or not (a.startswith("10.") and c.startswith("10.")):
            raise UsageError(f"--doi-alias {pair!r} is not DOI=CANONICAL",
                             hint="e.g. --doi-alias 10.48550/arxiv.1234=10.1000/journal.5")
        out[a] = c
    return out


def _where(ref: Reference, origin: dict[int, str]) -> str:
    path = origin.get(id(ref), "")
    return f"{path}:{ref.span.line}" if ref.span is not None else path


def _cluster_text(n: int, m: Merge, origin: dict[int, str]) -> list[str]:
    cluster = m.cluster
    out = [f"cluster {n}: {len(m.members)} records"]
    members = cluster.members if cluster is not None else m.members
    width = max(len(r.id) for r in members)
    out.extend(f"  {r.id:<{width}}  {_where(r, origin)}" for r in members)
    pairs = list(cluster.matches) if cluster is not None else []
    for p in pairs[:MAX_PAIRS_SHOWN]:
        out.append(f"  match {p.key_a} ~ {p.key_b}: {p.result.decision} "
                   f"(score {p.result.score:.3f})")
        out.extend(f"    {e}" for e in p.result.evidence if e.verdict != "missing")
    if len(pairs) > MAX_PAIRS_SHOWN:
        out.append(f"  ... and {len(pairs) - MAX_PAIRS_SHOWN} more linking pairs")
    aliases = ", ".join(m.removed)
    out.append(f"  merge into {m.survivor} (kept as aliases: {aliases})" if aliases
               else f"  merge into {m.survivor} (same key: no alias needed)")
    if m.conflicts:
        out.append("  conflicts:")
        for c in m.conflicts:
            values = "; ".join(f"{k}: {v!r}" for k, v in c.values)
            why = f" ({c.reason})" if c.reason else ""
            out.append(f"    {c.field}: kept {c.chosen!r}{why} -- {values}")
    return out


def _print_report(merges: list[Merge], origin: dict[int, str]) -> None:
    for n, m in enumerate(merges, 1):
        click.echo("\n".join(_cluster_text(n, m, origin)))
        click.echo()
    total = len(merges)
    click.echo(f"Found {total} cluster{'s' * (total != 1)} of duplicates."
               if total else "No duplicates found.")


def _ask(merges: list[Merge], writable: list[Merge], origin: dict[int, str]) -> list[Merge]:
    accepted = []
    ok = {id(m) for m in writable}
    for n, m in enumerate(merges, 1):
        click.echo("\n".join(_cluster_text(n, m, origin)))
        if id(m) not in ok:
            click.echo("  (only in other files: not merged here)")
            continue
        if click.confirm(f"Merge cluster {n} into {m.survivor}?", default=False):
            accepted.append(m)
    return accepted


def _json(paths: list[Path], merges: list[Merge], origin: dict[int, str],
          applied: bool) -> dict[str, Any]:
    def cluster(m: Merge) -> dict[str, Any]:
        c: Cluster | None = m.cluster
        return {
            "keys": [r.id for r in (c.members if c else m.members)],
            "locations": [_where(r, origin) for r in (c.members if c else m.members)],
            "survivor": m.survivor,
            "aliases": list(m.removed),
            "pairs": [
                {"a": p.key_a, "b": p.key_b, "score": p.result.score,
                 "decision": p.result.decision,
                 "evidence": [{"field": e.field, "verdict": e.verdict, "detail": e.detail,
                               "weight": e.weight} for e in p.result.evidence]}
                for p in (c.matches if c else ())
            ],
            "conflicts": [
                {"field": x.field, "chosen": x.chosen, "reason": x.reason,
                 "values": [{"key": k, "value": v} for k, v in x.values]}
                for x in m.conflicts
            ],
            "merged": m.merged.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        }

    return {"files": [str(p) for p in paths], "applied": applied,
            "clusters": [cluster(m) for m in merges]}

