"""``refs rule``: a rule's documentation, the list of rules, unknown codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from refs.check.registry import all_rules
from refs.cli.main import cli


def test_rule_prints_docs(runner: CliRunner) -> None:
    """`refs rule E203` prints the heading and the four sections."""
    result = runner.invoke(cli, ["rule", "e203"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# E203 missing-required-field (error)")
    for section in ("What it does", "Why", "Example", "Fix"):
        assert f"## {section}" in result.stdout


def test_rule_all_lists_every_rule(runner: CliRunner) -> None:
    """`refs rule --all` has one line per registered rule."""
    result = runner.invoke(cli, ["rule", "--all"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in all_rules()]


def test_rule_json(runner: CliRunner) -> None:
    """--format json gives the rule as data."""
    result = runner.invoke(cli, ["rule", "W301", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["name"] == "all-caps-title" and data["url"].endswith("#w301")


def test_unknown_rule_is_an_error(runner: CliRunner) -> None:
    """An unknown code raises the could-not-run error with a hint."""
    result = runner.invoke(cli, ["rule", "X999"], standalone_mode=False)
    assert result.exception is not None
    assert "no rule X999" in str(result.exception)


def test_rule_by_name(runner: CliRunner) -> None:
    """A rule can be looked up by its kebab-case name too."""
    result = runner.invoke(cli, ["rule", "invalid-doi"])
    assert result.stdout.startswith("# E301 invalid-doi")
