"""``refs rule CODE``: a rule's documentation at the terminal; ``--all`` lists every rule."""

from __future__ import annotations

import json

import click

from refs.check.registry import all_rules, get_rule
from refs.errors import UsageError

__all__ = ["rule"]


@click.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule: code, name, summary.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output format.")
def rule(code: str | None, show_all: bool, output_format: str) -> int:
    """Explain rule CODE, or list all rules with --all.

    CODE is a rule code or name: `refs rule E203`, `refs rule invalid-doi`.
    """
    if show_all or code is None:
        if code is None and not show_all:
            raise UsageError("give a rule code or --all", hint="e.g. `refs rule E203`")
        rules = all_rules()
        if output_format == "json":
            click.echo(json.dumps([_as_dict(r) for r in rules], indent=2))
        else:
            for r in rules:
                flag = " [opt-in]" if r.opt_in else ""
                click.echo(f"{r.code}  {r.name:<24} {r.severity.value:<8} {r.summary}{flag}")
        return 0
    found = get_rule(code) or next((r for r in all_rules() if r.name == code.lower()), None)
    if found is None:
        raise UsageError(f"no rule {code.upper()}", hint="`refs rule --all` lists the rules")
    if output_format == "json":
        click.echo(json.dumps(_as_dict(found), indent=2))
    else:
        click.echo(found.docs(), nl=False)
    return 0


def _as_dict(r: object) -> dict[str, object]:
    from refs.check.registry import Rule

    assert isinstance(r, Rule)
    return {"code": r.code, "name": r.name, "severity": r.severity.value, "opt_in": r.opt_in,
            "summary": r.summary, "what": r.what, "why": r.why, "example": r.example,
            "fix": r.fix, "url": r.help_uri}
