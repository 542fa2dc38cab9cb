"""Every rule fixture against its expected-output snapshot (ruff's F401_0.py idiom).

``fixtures/<CODE>_<n>.bib`` (or ``.json`` for a finding only the CSL-JSON reader makes,
read by the reader its suffix names) is checked with every default rule plus ``<CODE>`` (so
opt-in rules run too, and false positives of other rules show up in the snapshot);
the text rendering must equal ``fixtures/<CODE>_<n>.txt``. To accept new output after
a deliberate change, run ``UPDATE_SNAPSHOTS=1 python -m pytest tests/check`` and review
the diff of the .txt files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refs.check.registry import all_rules
from refs.check.render import render
from refs.check.runner import run
from refs.config import Settings
from refs.io.formats import load

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted([*FIXTURES.glob("*.bib"), *FIXTURES.glob("*.json")])


def check_fixture(path: Path) -> str:
    """The text report for one fixture, with the path relative to the fixtures folder."""
    code = path.stem.split("_")[0]
    library = load(path)
    library.path = path.name
    for i, diag in enumerate(library.diagnostics):
        location = diag.location.model_copy(update={"path": path.name})
        library.diagnostics[i] = diag.model_copy(update={"location": location})
    settings = Settings.model_validate({"check": {"extend-select": [code]}})
    return render(run(library, settings), "text")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_matches_snapshot(path: Path) -> None:
    """The rule's findings on its fixture equal the reviewed snapshot."""
    actual = check_fixture(path)
    expected_path = path.with_suffix(".txt")
    if os.environ.get("UPDATE_SNAPSHOTS") or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
        if not os.environ.get("UPDATE_SNAPSHOTS"):
            pytest.fail(f"snapshot {expected_path.name} was missing; written, please review")
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_reports_its_own_rule(path: Path) -> None:
    """Each fixture triggers the rule it is named after (a fixture that does not is useless)."""
    code = path.stem.split("_")[0]
    assert f": {code} [" in check_fixture(path)


def test_every_rule_has_a_fixture() -> None:
    """No rule goes without a fixture."""
    covered = {p.stem.split("_")[0] for p in CASES}
    missing = [r.code for r in all_rules() if r.code not in covered
               and r.module.startswith("refs.check.rules.") and r.code[0] in "EWDK"
               and r.module.rsplit(".", 1)[1] not in {"possible_duplicates", "remote"}]
    assert missing == []
