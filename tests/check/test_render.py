"""The four renderers on hand-made findings: shape, escaping, summary."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.check.render import RENDERERS, render
from refs.check.render.github import escape_data, escape_property
from refs.check.render.sarif import to_sarif
from refs.check.render.text import summary
from refs.model.diagnostic import Diagnostic, Location, Severity

FINDINGS = [
    Diagnostic(code="E301", name="invalid-doi", message="'10.1/ x' is not a valid DOI",
               location=Location(path="dir,x/lib:1.bib", line=3, col=5), key="a",
               hint="fix it"),
    Diagnostic(code="W301", name="all-caps-title", severity=Severity.WARNING,
               message="100% shouting\nline two", location=Location(path="lib.bib", line=9)),
]


def test_text_lines_and_summary() -> None:
    """Text is file:line:col: CODE [name] message, a hint line, and a summary."""
    out = render(FINDINGS, "text").splitlines()
    assert out[0] == "dir,x/lib:1.bib:3:5: E301 [invalid-doi] '10.1/ x' is not a valid DOI"
    assert out[1] == "    hint: fix it"
    assert out[-1] == "Found 2 problems (1 error, 1 warning)."


def test_text_clean_summary() -> None:
    """No findings: a single reassuring line."""
    assert render([], "text") == "All checks passed.\n"
    assert summary(FINDINGS[:1]) == "Found 1 problem (1 error)."


def test_json_is_list_of_objects() -> None:
    """JSON output is a list with the documented keys."""
    data = json.loads(render(FINDINGS, "json"))
    assert [d["code"] for d in data] == ["E301", "W301"]
    assert data[0]["line"] == 3 and data[0]["col"] == 5 and data[0]["key"] == "a"
    assert data[0]["url"].endswith("#e301")
    assert data[1]["severity"] == "warning"
    assert len(data[0]["fingerprint"]) == 16


def test_github_commands_escape_properties_and_data() -> None:
    """Properties escape : and , as well; messages escape % and newlines."""
    lines = render(FINDINGS, "github").splitlines()
    assert lines[0].startswith("::error file=dir%2Cx/lib%3A1.bib,line=3,col=5,title=refs E301 ")
    assert lines[0].endswith("::'10.1/ x' is not a valid DOI%0Ahint: fix it")
    assert lines[1].startswith("::warning file=lib.bib,line=9,col=1,")
    assert "::100%25 shouting%0Aline two" in lines[1]


@settings(max_examples=80)
@given(st.text(max_size=30))
def test_github_escapes_are_reversible(text: str) -> None:
    """Escaped text holds no raw delimiters and unescapes to the original."""
    prop = escape_property(text)
    assert not set("\r\n:,") & set(prop)
    back = (prop.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n")
            .replace("%0D", "\r").replace("%25", "%"))
    assert back == text
    assert "\n" not in escape_data(text)


def test_sarif_structure() -> None:
    """SARIF 2.1.0: one run, rules with helpUri, results pointing at their rule and region."""
    log = to_sarif(FINDINGS)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["E301", "W301"]
    assert rules[0]["helpUri"].endswith("rules.md#e301")
    assert rules[0]["defaultConfiguration"]["level"] == "error"
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "E301"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 5}
    assert run["results"][1]["level"] == "warning"
    assert json.loads(render(FINDINGS, "sarif")) == log


def test_every_format_registered() -> None:
    """The CLI's --format choices are exactly these renderers."""
    assert sorted(RENDERERS) == ["github", "json", "sarif", "text"]


def test_sarif_uris() -> None:
    """Relative paths stay relative (percent-encoded); absolute ones become file URIs."""
    from refs.check.render.sarif import artifact_uri

    assert artifact_uri("refs lib/a.bib") == "refs%20lib/a.bib"
    assert artifact_uri("/tmp/a.bib") == "file:///tmp/a.bib"
    assert artifact_uri(None) == "unknown"
