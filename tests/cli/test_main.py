"""The error boundary and exit codes of the `refs` group."""

from __future__ import annotations

import subprocess
import sys

from refs.cli.main import COMMANDS, cli


def test_help_lists_every_command(runner) -> None:  # type: ignore[no-untyped-def]
    """`refs --help` names every registered command."""
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_unknown_command_exits_2() -> None:
    """An unknown command is a usage error: exit 2, message, no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "refs", "no-such-command"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "No such command" in proc.stderr


def test_version() -> None:
    """`refs --version` prints the package version."""
    proc = subprocess.run([sys.executable, "-m", "refs", "--version"], capture_output=True,
                          text=True)
    assert proc.returncode == 0
    assert "refs" in proc.stdout
