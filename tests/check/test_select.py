"""Selection by code prefix, per-file ignores and in-file suppression comments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.check.select import Selection, parse_suppressions
from refs.config import CheckSettings
from refs.model.diagnostic import Diagnostic, Location


def sel(**kw: object) -> Selection:
    return Selection.from_settings(CheckSettings.model_validate(kw))


@pytest.mark.parametrize(
    ("config", "code", "expected"),
    [
        ({}, "E301", True),
        ({"ignore": ["E3"]}, "E301", False),
        ({"ignore": ["E3"]}, "E201", True),
        ({"select": ["E"], "ignore": ["E3"]}, "E302", False),
        ({"select": ["E302"], "ignore": ["E3"]}, "E302", True),
        ({"select": ["E3"], "ignore": ["E3"]}, "E302", False),
        ({"select": ["W"]}, "E101", False),
        ({"select": ["W"], "extend-select": ["E1"]}, "E101", True),
        ({"select": ["ALL"], "ignore": ["w301"]}, "W301", False),
    ],
)
def test_longest_prefix_wins(config: dict[str, object], code: str, expected: bool) -> None:
    """The longest matching prefix decides; on a tie ignore wins."""
    assert sel(**config).enabled(code) is expected


def test_opt_in_needs_explicit_prefix() -> None:
    """Opt-in rules do not run under the implicit select-everything."""
    assert not sel().enabled("K501", opt_in=True)
    assert not sel(select=["ALL"]).enabled("K501", opt_in=True)
    assert sel(select=["K"]).enabled("K501", opt_in=True)
    assert sel(**{"extend-select": ["K501"]}).enabled("K501", opt_in=True)


def test_per_file_ignores_match_glob_and_name() -> None:
    """per-file-ignores globs match the path or the file name."""
    s = sel(**{"per-file-ignores": {"legacy/*.bib": ["E3"], "old.bib": ["W"]}})
    assert not s.enabled("E301", "legacy/a.bib")
    assert s.enabled("E301", "new/a.bib")
    assert not s.enabled("W301", "x/old.bib")


def test_explain_mentions_decision() -> None:
    """explain() says on or off and why."""
    assert sel(ignore=["E3"]).explain("E301").startswith("off: ignored")
    assert sel().explain("E301").startswith("on")


@settings(max_examples=60)
@given(st.sampled_from(["E", "E3", "E30", "E301", "W", "D", ""]),
       st.sampled_from(["E", "E3", "E30", "E301", "W", "D"]))
def test_ignore_of_same_prefix_always_wins(selected: str, ignored: str) -> None:
    """Whenever the ignore prefix is at least as long as the select prefix, E301 is off."""
    s = sel(select=[selected], ignore=[ignored])
    sel_len = len(selected) if "E301".startswith(selected) else -1
    ign_len = len(ignored) if "E301".startswith(ignored) else -1
    assert s.enabled("E301") is (sel_len > ign_len)


SOURCE = """\
% a comment
% refs: ignore E203, W3
@misc{a, title = {X}}

% refs: ignore E301

@misc{b, title = {Y}}
% refs: ignore-file D401
@misc{c,
  title = {Z},
}
"""


def diag(code: str, line: int) -> Diagnostic:
    return Diagnostic(code=code, name="n", message="m", location=Location(line=line))


def test_ignore_comment_directly_above_entry() -> None:
    """An ignore comment in the comment run right above an entry covers that entry only."""
    sup = parse_suppressions(SOURCE, [(3, 3), (7, 7), (9, 11)])
    assert sup.suppresses(diag("E203", 3))
    assert sup.suppresses(diag("W301", 3))
    assert not sup.suppresses(diag("E301", 3))
    assert not sup.suppresses(diag("E203", 7))


def test_blank_line_breaks_the_attachment() -> None:
    """A directive separated from the entry by a blank line does not apply."""
    sup = parse_suppressions(SOURCE, [(3, 3), (7, 7), (9, 11)])
    assert not sup.suppresses(diag("E301", 7))


def test_ignore_file_applies_everywhere() -> None:
    """ignore-file silences the code on every line."""
    sup = parse_suppressions(SOURCE, [(3, 3), (7, 7), (9, 11)])
    assert sup.suppresses(diag("D401", 1)) and sup.suppresses(diag("D401", 10))
    assert sup.suppresses(diag("E203", 3)) and not sup.suppresses(diag("E203", 10))


@settings(max_examples=60)
@given(
    st.lists(st.sampled_from(["E1", "E203", "W301", "D", "K501", "E30"]), min_size=1,
             max_size=3, unique=True),
    st.sampled_from(["E101", "E203", "E301", "W301", "D401", "K501"]),
    st.sampled_from([", ", ",", " "]),
)
def test_directive_suppresses_exactly_its_prefixes(
    listed: list[str], code: str, sep: str
) -> None:
    """An ignore directive silences a code at the entry iff one listed prefix matches it."""
    source = f"% refs: ignore {sep.join(listed)}\n@misc{{a,\n  title = {{X}},\n}}\n"
    sup = parse_suppressions(source, [(2, 4)])
    expected = any(code.startswith(p) for p in listed)
    assert sup.suppresses(diag(code, 3)) is expected
    assert not sup.suppresses(diag(code, 5))
