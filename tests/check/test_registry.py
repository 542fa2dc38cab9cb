"""The rule registry: every rule is documented data with a stable, unique code."""

from __future__ import annotations

import re

import pytest

from refs.check.registry import _parse_docstring, all_rules, get_rule, rule
from refs.model.diagnostic import Severity


def test_every_rule_has_all_sections() -> None:
    """Each registered rule has a summary and the four documentation sections."""
    rules = all_rules()
    assert len(rules) >= 16
    for r in rules:
        assert r.summary and r.what and r.why and r.example and r.fix, r.code


def test_codes_unique_and_names_kebab() -> None:
    """Codes and names are unique; names are kebab-case."""
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name) for r in rules)


def test_get_rule_is_case_insensitive() -> None:
    """`refs rule e301` finds E301."""
    found = get_rule("e301")
    assert found is not None and found.name == "invalid-doi"
    assert get_rule("X999") is None


def test_docs_render_sections() -> None:
    """Rule.docs() has a heading with code and name and each section title."""
    text = get_rule("E201").docs()  # type: ignore[union-attr]
    assert text.startswith("# E201 duplicate-key (error)")
    for title in ("## What it does", "## Why", "## Example", "## Fix"):
        assert title in text


def test_parse_docstring_splits_sections() -> None:
    """Section headings split the docstring; the first line is the summary."""
    doc = _parse_docstring("""Summary here.

    ## What it does
    Does a thing.

    ## Why is this bad?
    Because.

    ## Example
    x

    ## Fix
    y
    """)
    assert doc == {"summary": "Summary here.", "what": "Does a thing.", "why": "Because.",
                   "example": "x", "fix": "y"}


def test_rule_without_sections_is_rejected() -> None:
    """A rule must be documented before it can be registered."""
    with pytest.raises(ValueError, match="docstring"):
        @rule(code="Z999", name="undocumented")
        def undocumented(ctx):  # type: ignore[no-untyped-def]
            """Only a summary."""
            return []


def test_bad_code_and_name_rejected() -> None:
    """Codes are a letter and three digits; names are kebab-case."""
    with pytest.raises(ValueError, match="code"):
        rule(code="E1", name="x")
    with pytest.raises(ValueError, match="kebab"):
        rule(code="Z998", name="Not_Kebab")


def test_reusing_a_code_is_rejected() -> None:
    """A second function cannot take an existing code."""
    doc = "S.\n\n## What it does\na\n## Why\nb\n## Example\nc\n## Fix\nd\n"

    def other(ctx):  # type: ignore[no-untyped-def]
        return []

    other.__doc__ = doc
    with pytest.raises(ValueError, match="already used"):
        rule(code="E101", name="parse-error", severity=Severity.ERROR)(other)


def test_help_uri_points_at_anchor() -> None:
    """The help URI ends in the lower-case code anchor of docs/rules.md."""
    r = get_rule("W301")
    assert r is not None and r.help_uri.endswith("rules.md#w301")
