"""A baseline of known findings, so CI can adopt ``refs check`` on a messy library.

The file is JSON: ``{"version": 1, "findings": [{"fingerprint", "count", "code",
"key", "path", "message"}, ...]}``. Only ``fingerprint`` and ``count`` matter for
filtering; the rest is there so a person reviewing the baseline knows what it hides.
Fingerprints come from :meth:`Diagnostic.fingerprint` (code, file, key, offending
value -- never line or column), so reformatting or reordering the file keeps them.
Paths are made relative to the baseline's own directory first, so the same baseline
works whether refs is run as ``refs check lib.bib`` or ``refs check ./sub/../lib.bib``.
Counts let two identical findings be baselined without hiding a third.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from refs.errors import ConfigError
from refs.model.diagnostic import Diagnostic, Location

__all__ = ["BASELINE_VERSION", "Baseline"]

BASELINE_VERSION = 1


def _relative(diag: Diagnostic, root: Path) -> Diagnostic:
    path = diag.location.path
    if not path:
        return diag
    try:
        rel = os.path.relpath(Path(path).resolve(), root.resolve())
    except ValueError:  # another drive on Windows
        rel = path
    location = Location(**{**diag.location.model_dump(), "path": Path(rel).as_posix()})
    return diag.model_copy(update={"location": location})


class Baseline:
    """Known findings as fingerprint -> count, tied to the directory of the baseline file."""

    def __init__(self, counts: Counter[str] | None = None, root: Path | None = None) -> None:
        self.counts: Counter[str] = counts or Counter()
        self.root = root or Path.cwd()

    def fingerprint(self, diag: Diagnostic) -> str:
        """The finding's fingerprint with its path relative to the baseline's directory."""
        return _relative(diag, self.root).fingerprint()

    @classmethod
    def from_diagnostics(cls, diagnostics: list[Diagnostic], root: Path) -> Baseline:
        """A baseline that hides exactly these findings."""
        base = cls(root=root)
        base.counts = Counter(base.fingerprint(d) for d in diagnostics)
        return base

    @classmethod
    def read(cls, path: str | Path) -> Baseline:
        """Load a baseline file; a missing or malformed file is a ConfigError (exit 2)."""
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError("baseline file not found", path=str(p),
                              hint="create it with `refs check --write-baseline FILE`") from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read baseline: {exc}", path=str(p),
                              hint="regenerate it with `refs check --write-baseline FILE`"
                              ) from exc
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not (
            isinstance(data.get("findings"), list)
        ):
            raise ConfigError(f"not a refs baseline (version {BASELINE_VERSION})", path=str(p),
                              hint="regenerate it with `refs check --write-baseline FILE`")
        counts: Counter[str] = Counter()
        for item in data["findings"]:
            if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
                counts[item["fingerprint"]] += int(item.get("count", 1))
        return cls(counts, root=p.parent)

    def dumps(self, diagnostics: list[Diagnostic]) -> str:
        """The baseline for ``diagnostics`` as JSON text (sorted, stable across runs)."""
        rows: dict[str, dict[str, object]] = {}
        for diag in diagnostics:
            rel = _relative(diag, self.root)
            fp = rel.fingerprint()
            row = rows.setdefault(fp, {"fingerprint": fp, "count": 0, "code": diag.code,
                                       "key": diag.key, "path": rel.location.path,
                                       "message": diag.message})
            row["count"] = int(str(row["count"])) + 1
        findings = sorted(rows.values(), key=lambda r: (str(r["path"]), str(r["code"]),
                                                        str(r["key"]), str(r["fingerprint"])))
        return json.dumps({"version": BASELINE_VERSION, "findings": findings},
                          indent=2, ensure_ascii=False) + "\n"

    def filter(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The findings not in the baseline (each baselined fingerprint hides ``count``)."""
        remaining = Counter(self.counts)
        kept = []
        for diag in diagnostics:
            fp = self.fingerprint(diag)
            if remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                kept.append(diag)
        return kept
