"""``refs cache info|clear``: see and empty the HTTP response cache ``refs enrich`` keeps.

The cache is one SQLite file (platform cache directory by default, ``REFS_CACHE`` or
``[tool.refs.net] cache`` to choose); ``clear --older-than DAYS`` keeps recent answers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from refs.config import load_settings
from refs.net.cache import ResponseCache
from refs.net.client import cache_path

__all__ = ["cache"]


def _when(ts: float | None) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M UTC") if ts else "-"


def _store(path: Path | None, config: Path | None) -> ResponseCache:
    return ResponseCache(cache_path(load_settings(config), path))


@click.group()
def cache() -> None:
    """Inspect or empty the response cache used by refs enrich and refs check."""


@cache.command()
@click.option("--cache", "path", type=click.Path(dir_okay=False, path_type=Path),
              help="The cache file (default: REFS_CACHE or the platform cache dir).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output format.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read settings from this file instead of the nearest refs.toml/pyproject.")
def info(path: Path | None, output_format: str, config: Path | None) -> int:
    """Where the cache is, how many answers it holds and how old they are."""
    store = _store(path, config)
    data = store.info()
    store.close()
    if output_format == "json":
        click.echo(json.dumps(data.__dict__, indent=2))
        return 0
    click.echo(f"cache: {data.path}")
    click.echo(f"entries: {data.entries} ({data.not_found} not-found answers)")
    click.echo(f"size: {data.size_bytes / 1024:.1f} KiB")
    click.echo(f"fetched: {_when(data.oldest)} .. {_when(data.newest)}")
    return 0


@cache.command()
@click.option("--cache", "path", type=click.Path(dir_okay=False, path_type=Path),
              help="The cache file (default: REFS_CACHE or the platform cache dir).")
@click.option("--older-than", type=click.FloatRange(min=0), metavar="DAYS",
              help="Only delete answers fetched more than DAYS days ago.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read settings from this file instead of the nearest refs.toml/pyproject.")
def clear(path: Path | None, older_than: float | None, config: Path | None) -> int:
    """Delete cached answers (all, or those older than --older-than DAYS)."""
    store = _store(path, config)
    n = store.clear(older_than=older_than * 86400 if older_than is not None else None)
    store.close()
    click.echo(f"deleted {n} cached answers from {store.path}")
    return 0
