"""Docs follow the code: every command has help and a page, every rule is in docs/rules.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakes.cli import refs
from refs.check.docgen import rules_markdown
from refs.check.registry import all_rules
from refs.cli.main import COMMANDS, cli

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help(runner: CliRunner, name: str) -> None:
    """`refs NAME --help` works and says more than the usage line."""
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) > 3


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_page(name: str) -> None:
    """Each command has docs/commands/<name>.md that names the command."""
    page = DOCS / "commands" / f"{name}.md"
    assert page.is_file(), f"missing {page.relative_to(DOCS.parent)}"
    assert f"refs {name}" in page.read_text(encoding="utf-8")


def test_every_rule_code_is_documented() -> None:
    """Every registered rule has an anchor in docs/rules.md."""
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for r in all_rules():
        assert f'<a id="{r.anchor}"></a>{r.code} {r.name}' in text, r.code


def test_rules_page_is_not_stale() -> None:
    """docs/rules.md equals what the registry generates (run scripts/gen_rules_doc.py)."""
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_configuration_page_names_every_setting() -> None:
    """docs/configuration.md mentions every key of Settings and its sub-tables."""
    from refs.config import Settings

    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        if field.exclude:
            continue
        key = field.alias or name
        sub = field.annotation
        if not (isinstance(sub, type) and hasattr(sub, "model_fields")):
            assert f"`{key}`" in text, key
        else:
            assert f"`[tool.refs.{key}]`" in text, key
            for sub_name, sub_field in sub.model_fields.items():
                assert f"`{sub_field.alias or sub_name}`" in text, f"{key}.{sub_name}"


def _cli_reference_script():  # type: ignore[no-untyped-def]
    import importlib.util

    path = DOCS.parent / "scripts" / "gen_cli_reference.py"
    spec = importlib.util.spec_from_file_location("gen_cli_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_not_stale() -> None:
    """docs/cli-reference.md equals every command's --help (run scripts/gen_cli_reference.py)."""
    text = (DOCS / "cli-reference.md").read_text(encoding="utf-8")
    assert text == _cli_reference_script().reference_markdown(), (
        "stale: run python scripts/gen_cli_reference.py")
    for name in COMMANDS:
        assert f"## refs {name}\n" in text


def test_readme_example_is_what_refs_prints(runner: CliRunner, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """README's `refs check broken.bib` block is the real output on tests/data/readme."""
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```console\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "$ refs check broken.bib"
    shutil.copy(DOCS.parent / "tests" / "data" / "readme" / "broken.bib", tmp_path)
    monkeypatch.chdir(tmp_path)
    run = refs(runner, "check", "broken.bib")
    assert run.code == 1
    assert (run.stdout + run.stderr).splitlines() == block[1:]
