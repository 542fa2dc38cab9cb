"""Every output format on one file holding every class of problem, against goldens.

Update after a deliberate change with ``UPDATE_SNAPSHOTS=1 python -m pytest tests/check``
and review the diff of ``golden/every_problem.*``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from refs.__about__ import __version__
from refs.check.render import render
from refs.check.runner import run
from refs.io.bibtex import load

GOLDEN = Path(__file__).parent / "golden"
SOURCE = GOLDEN / "every_problem.bib"
EXPECTED_CODES = {"E101", "E102", "E201", "E202", "E203", "E301", "E302", "E303", "E304",
                  "E305", "E306", "E307", "W301", "D401"}


@pytest.fixture(scope="module")
def findings():  # type: ignore[no-untyped-def]
    library = load(SOURCE)
    library.path = SOURCE.name
    library.diagnostics = [
        d.model_copy(update={"location": d.location.model_copy(update={"path": SOURCE.name})})
        for d in library.diagnostics
    ]
    return run(library)


def test_every_class_is_reported(findings) -> None:  # type: ignore[no-untyped-def]
    """The file triggers every default rule that can fire on UTF-8 input."""
    assert {d.code for d in findings} >= EXPECTED_CODES


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_format_matches_golden(findings, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Each renderer's output for the file equals its reviewed golden."""
    actual = render(findings, fmt).replace(f'"version": "{__version__}"', '"version": "X"')
    golden = GOLDEN / f"every_problem.{fmt}"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_lines_point_at_fields(findings) -> None:  # type: ignore[no-untyped-def]
    """Field-level findings carry the field's own line and column."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    for diag in findings:
        if diag.code in {"E301", "E302", "E303", "E304", "E305", "E306", "E307", "E202"}:
            text = lines[diag.location.line - 1]
            assert text[diag.location.col - 1:].split(" ")[0].isalpha(), (diag, text)


def test_sarif_and_json_parse(findings) -> None:  # type: ignore[no-untyped-def]
    """Machine formats are valid JSON with one result per finding."""
    assert len(json.loads(render(findings, "json"))) == len(findings)
    sarif = json.loads(render(findings, "sarif"))
    assert len(sarif["runs"][0]["results"]) == len(findings)
