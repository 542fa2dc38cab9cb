"""The ``refs`` group and THE error boundary.

Every command module registers itself in :data:`COMMANDS`; the group loads a command
only when it is invoked, so ``refs --help`` stays fast. :func:`main` is the only place
that turns exceptions into exit codes: a :class:`~refs.errors.RefsError` becomes
``error: path:line: message`` plus ``hint: ...`` and exit 2; anything else becomes
"internal error, please report" and exit 2, with the traceback only under ``--debug``.
Findings exit 1 (the commands decide), success 0 -- ruff's scheme.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Any

import click

from refs.__about__ import __version__
from refs.errors import RefsError

#: command name -> "module:attribute" of its click.Command, loaded lazily
COMMANDS: dict[str, str] = {
    "cache": "refs.cli.cache:cache",
    "check": "refs.cli.check:check",
    "dedupe": "refs.cli.dedupe:dedupe",
    "enrich": "refs.cli.enrich:enrich",
    "export": "refs.cli.export:export",
    "fmt": "refs.cli.fmt:fmt",
    "import": "refs.cli.import_:import_",
    "rule": "refs.cli.rule:rule",
}

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented lazy pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):  # pragma: no cover - programming error
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refs")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """refs keeps a bibliography honest: check, format, deduplicate and enrich it."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def report_error(err: RefsError) -> None:
    """Print a RefsError the way every command does: ``error: where: what`` + ``hint:``."""
    where = err.where()
    click.echo(f"error: {where}: {err.message}" if where else f"error: {err.message}", err=True)
    if err.hint:
        click.echo(f"hint: {err.hint}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with the one error boundary; never lets a traceback reach the user."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        rv: Any = cli.main(args=argv, prog_name="refs", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except RefsError as exc:
        report_error(exc)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:  # pragma: no cover - `refs check | head`
        sys.exit(EXIT_OK)
    except Exception as exc:  # the boundary: anything unexpected is our bug, not the user's
        if debug:
            traceback.print_exc()
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("hint: this is a bug in refs; please report it (run with --debug for details)",
                   err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(rv if isinstance(rv, int) else EXIT_OK)
