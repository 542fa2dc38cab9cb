"""SARIF 2.1.0 (OASIS), the format GitHub code scanning ingests.

One run, ``tool.driver`` listing the rules that produced results (id, name, short and
full description, ``helpUri`` to the rule's anchor in docs/rules.md, default level),
and one result per finding with a region (1-based line and column, as SARIF's
default ``columnKind`` of UTF-16 code units is close enough for BibTeX's mostly-ASCII
lines) and ``partialFingerprints`` so code scanning tracks a finding across commits.
Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from refs.__about__ import __version__
from refs.check.registry import DOCS_URL, get_rule
from refs.model.diagnostic import Diagnostic, Severity

__all__ = ["SARIF_SCHEMA", "artifact_uri", "render", "to_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(diag: Diagnostic) -> dict[str, Any]:
    registered = get_rule(diag.code)
    if registered is None:
        return {"id": diag.code, "name": diag.name,
                "shortDescription": {"text": diag.name},
                "helpUri": f"{DOCS_URL}#{diag.code.lower()}",
                "defaultConfiguration": {"level": _LEVEL[diag.severity]}}
    return {
        "id": registered.code,
        "name": registered.name,
        "shortDescription": {"text": registered.summary},
        "fullDescription": {"text": registered.what or registered.summary},
        "helpUri": registered.help_uri,
        "help": {"text": registered.fix or registered.summary, "markdown": registered.docs()},
        "defaultConfiguration": {"level": _LEVEL[registered.severity]},
    }


def artifact_uri(path: str | None) -> str:
    """A SARIF ``uri``: relative paths percent-encoded as they are (code scanning resolves
    them against the repository root), absolute paths as ``file://`` URIs.

    >>> artifact_uri("refs lib/a.bib"), artifact_uri("/tmp/a.bib")
    ('refs%20lib/a.bib', 'file:///tmp/a.bib')
    """
    if not path:
        return "unknown"
    p = PurePath(path)
    if p.is_absolute():
        return Path(path).as_uri()
    return quote(p.as_posix())


def to_sarif(diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """The SARIF log as a dict."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    for diag in diagnostics:
        if diag.code not in index:
            index[diag.code] = len(rules)
            rules.append(_rule_descriptor(diag))
        loc = diag.location
        region: dict[str, int] = {"startLine": max(loc.line, 1), "startColumn": max(loc.col, 1)}
        if loc.end_line is not None:
            region["endLine"] = loc.end_line
        if loc.end_col is not None:
            region["endColumn"] = loc.end_col
        text = diag.message + (f" (hint: {diag.hint})" if diag.hint else "")
        results.append({
            "ruleId": diag.code,
            "ruleIndex": index[diag.code],
            "level": _LEVEL[diag.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(loc.path)},
                "region": region,
            }}],
            "partialFingerprints": {"refsFingerprint/v1": diag.fingerprint()},
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "refs",
                "version": __version__,
                "informationUri": DOCS_URL,
                "rules": rules,
            }},
            "results": results,
        }],
    }


def render(diagnostics: list[Diagnostic]) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(to_sarif(diagnostics), indent=2, ensure_ascii=False) + "\n"
