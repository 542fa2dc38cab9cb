"""A rule that raises must not abort the check: the other rules run, the crash is a finding."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakes.cli import refs
from refs.check import registry
from refs.check.context import CheckContext
from refs.check.runner import is_crash, run
from refs.io.bibtex import loads
from refs.model.diagnostic import Diagnostic, Severity

BIB = "@book{doe2001,\n  title = {A Book Without Author},\n  year = {20x1},\n}\n"


def _free_code() -> str:
    used = {r.code for r in registry.all_rules()}
    return next(f"W{n}" for n in range(399, 300, -1) if f"W{n}" not in used)


@pytest.fixture
def crashing() -> Iterator[str]:
    """Register, for this test only, a warning rule that raises after yielding once."""
    code = _free_code()

    def exploding(ctx: CheckContext) -> Iterator[Diagnostic]:
        """Raise on purpose.

        ## What it does
        Crashes.
        ## Why
        To test isolation.
        ## Example
        Any file.
        ## Fix
        None.
        """
        yield ctx.diagnostic(code, "a finding made before the crash")
        raise ValueError("boom on purpose\nsecond line not shown")

    registry.rule(code=code, name="test-exploding", severity=Severity.WARNING)(exploding)
    try:
        yield code
    finally:
        registry._RULES.pop(code, None)


def test_other_rules_still_run(crashing: str) -> None:
    """Every finding of the run without the crashing rule is still there, plus one crash."""
    rule = registry._RULES.pop(crashing)  # unregistered for the run to compare with
    baseline = run(loads(BIB, path="x.bib"))
    registry._RULES[crashing] = rule
    found = run(loads(BIB, path="x.bib"))
    assert baseline and set(baseline) <= set(found)
    crashes = [d for d in found if is_crash(d)]
    assert len(crashes) == 1 and not [d for d in found if d.code == crashing
                                      and not is_crash(d)]  # partial output dropped
    crash = crashes[0]
    assert crash.code == crashing and crash.severity == Severity.ERROR
    assert "ValueError: boom on purpose" in crash.message and "second line" not in crash.message
    assert crash.hint is not None and "bug" in crash.hint
    assert crash.location.path == "x.bib"


def test_cli_exits_2_and_reports_the_crash(runner: CliRunner, crashing: str,
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """refs check prints the crash like a finding, keeps the others and exits 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "library.bib").write_text(BIB, encoding="utf-8")
    result = refs(runner, "check", "--format", "json")
    assert result.code == 2, result.stderr
    codes = [d["code"] for d in json.loads(result.stdout)]
    assert crashing in codes and len(codes) > 1
    assert refs(runner, "check", "--exit-zero").code == 2  # incomplete is not "clean"
    assert refs(runner, "check", "--ignore", crashing).code == 1


def test_write_baseline_with_a_crash_exits_2(crashing: str, runner: CliRunner,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    """--write-baseline writes what the rules found, but a crashed rule is never baselined
    and never a green run: it is shown and the exit code is 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lib.bib").write_text(BIB, encoding="utf-8")
    result = refs(runner, "check", "--write-baseline", "base.json", "lib.bib")
    assert result.code == 2
    assert "boom on purpose" in result.stderr
    assert (tmp_path / "base.json").exists()
    assert "boom" not in (tmp_path / "base.json").read_text(encoding="utf-8")
