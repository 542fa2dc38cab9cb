"""CSL-JSON items that give one variable twice (refs.io.csljson): reported, not dropped.

``json.loads`` keeps the last of two equal names without a word, so an item with two
``title``s (a hand edit, a merge gone wrong) lost one of them silently. The loader now
reports each as E202 (duplicate-field, as for a field given twice in a .bib entry) at
the line of the second, and still reads the last, as JavaScript's ``JSON.parse`` does.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import refs
from refs.io.csljson import loads

TEXT = """[
  {"id": "a", "type": "book",
   "title": "First",
   "issued": {"date-parts": [[2001]]},
   "title": "Second"},
  {"id": "b", "type": "book", "title": "B",
   "author": [{"family": "Doe", "family": "Roe", "given": "J."}]}
]
"""


def test_variable_given_twice_is_e202_at_its_line() -> None:
    """The second title is reported at its line, naming the first; the last value is read."""
    lib = loads(TEXT, path="x.json")
    assert lib.entries[0].title == "Second"
    found = [(d.code, d.name, d.severity.value, d.key, d.location.line, d.message)
             for d in lib.diagnostics]
    assert found[0] == ("E202", "duplicate-field", "error", "a", 5,
                        "title is given twice (first on line 3); the last value was read")
    assert lib.diagnostics[0].hint and lib.diagnostics[0].subject == "a:title"


def test_name_given_twice_inside_a_value_is_reported_at_the_variable() -> None:
    """A name object with two families is reported at the line of its variable."""
    lib = loads(TEXT, path="x.json")
    assert [(d.key, d.location.line, d.message) for d in lib.diagnostics[1:]] == [
        ("b", 7, "author has 'family' twice in one object; the last value was read")]
    assert lib.entries[1].author[0].family == "Roe"


def test_single_item_document_and_clean_files() -> None:
    """A lone item (doi.org's answer) is checked too; files without duplicates get none."""
    one = '{"id": "a", "type": "book",\n "title": "A", "title": "B"}'
    assert [(d.code, d.location.line) for d in loads(one).diagnostics] == [("E202", 2)]
    assert loads('[{"id": "a", "type": "book", "title": "A"}]').diagnostics == []


def test_refs_check_and_export_show_it(tmp_path: Path) -> None:
    """refs check lists the finding (exit 1); refs export prints it on stderr and goes on."""
    src = tmp_path / "lib.json"
    src.write_text(TEXT, encoding="utf-8")
    assert ("E202", 5) in [(d.code, d.location.line) for d in refs.check(refs.load(src))]
    from fakes.cli import refs as run

    runner = CliRunner()
    result = run(runner, "check", str(src), "--select", "E202")
    assert result.code == 1 and f"{src}:5:4: E202 " in result.stdout, result.stdout
    result = run(runner, "export", str(src), "--to", "csl-json")
    assert result.code == 0
    assert f"{src}:5: E202 title is given twice" in result.stderr
    assert json.loads(result.stdout)[0]["title"] == "Second"
