"""Run `refs` through ``main()`` in-process, so tests see the real error boundary.

``CliRunner.invoke(cli, ...)`` bypasses :func:`refs.cli.main.main`, where exit codes
and error messages are decided; this helper goes through it and captures the output.
"""

from __future__ import annotations

from dataclasses import dataclass

from click.testing import CliRunner

from refs.cli.main import main


@dataclass
class Run:
    """What one `refs` invocation produced."""

    code: int
    stdout: str
    stderr: str


def refs(runner: CliRunner, *args: str, input: bytes | str | None = None) -> Run:
    """Run `refs ARGS` through main() (the real boundary and exit codes), capturing output.

    ``input`` is what the command reads on standard input (bytes are given as they are).
    """
    with runner.isolation(input=input) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        return Run(code, out.getvalue().decode(), err.getvalue().decode())
