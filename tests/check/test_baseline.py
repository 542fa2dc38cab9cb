"""Baselines: written from findings, read back, and hiding exactly the known findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.check.baseline import Baseline
from refs.errors import ConfigError
from refs.model.diagnostic import Diagnostic, Location


def diag(code: str, key: str, line: int, path: str, subject: str = "s") -> Diagnostic:
    return Diagnostic(code=code, name="n", message=f"msg {line}", key=key, subject=subject,
                      location=Location(path=path, line=line, col=3))


def test_round_trip_hides_known_findings(tmp_path: Path) -> None:
    """Findings written to a baseline are filtered out after reading it back."""
    lib = str(tmp_path / "lib.bib")
    found = [diag("E301", "a", 3, lib), diag("E203", "b", 9, lib)]
    text = Baseline(root=tmp_path).dumps(found)
    (tmp_path / "baseline.json").write_text(text)
    base = Baseline.read(tmp_path / "baseline.json")
    assert base.filter(found) == []
    new = diag("E302", "a", 4, lib)
    assert base.filter([*found, new]) == [new]


def test_survives_moves_and_path_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """Line changes and a different spelling of the same path keep the fingerprint."""
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    base = Baseline.from_diagnostics([diag("E301", "a", 3, "lib.bib")], root=tmp_path)
    moved = diag("E301", "a", 40, "sub/../lib.bib")
    assert base.filter([moved]) == []


def test_counts_hide_only_as_many(tmp_path: Path) -> None:
    """Two identical findings baselined do not hide a third."""
    found = [diag("E201", "k", n, "lib.bib") for n in (1, 2, 3)]
    base = Baseline.from_diagnostics(found[:2], root=tmp_path)
    assert base.filter(found) == [found[2]]


def test_file_is_reviewable_json(tmp_path: Path) -> None:
    """The file says version, fingerprint, count, code, key and path."""
    data = json.loads(Baseline(root=tmp_path).dumps([diag("E301", "a", 3, "lib.bib")] * 2))
    assert data["version"] == 1
    (row,) = data["findings"]
    assert row["count"] == 2 and row["code"] == "E301" and row["key"] == "a"


@pytest.mark.parametrize("content", ["not json", '{"version": 99, "findings": []}', "[]"])
def test_bad_baseline_is_config_error(tmp_path: Path, content: str) -> None:
    """A malformed baseline is a could-not-run error with a hint."""
    p = tmp_path / "b.json"
    p.write_text(content)
    with pytest.raises(ConfigError) as info:
        Baseline.read(p)
    assert info.value.hint and "write-baseline" in info.value.hint


def test_missing_baseline_is_config_error(tmp_path: Path) -> None:
    """A missing baseline file is reported, not treated as empty."""
    with pytest.raises(ConfigError, match="not found"):
        Baseline.read(tmp_path / "nope.json")
