"""Static checks as tests, so the README's one test command (and .ci/run) runs them too."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    return subprocess.run([tool, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600, check=False)


def test_mypy_passes() -> None:
    """`mypy src/refs` (config in pyproject's [tool.mypy]) reports no errors."""
    if not (REPO / "src" / "refs").is_dir():  # pragma: no cover - installed without sources
        pytest.skip("no source tree")
    result = _run("mypy", "src/refs")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers_hold() -> None:
    """`lint-imports` keeps the layer contract (lower layers never import higher ones)."""
    result = _run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr



def test_ruff_passes() -> None:
    """`ruff check` (rules in pyproject's [tool.ruff]) is clean on everything committed:
    the linter is in the test extra, so it runs where the tests run."""
    result = _run("ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr
