"""Which findings to keep: select/ignore by code prefix, per-file ignores, in-file comments.

Semantics (flake8's ``startswith`` prefixes, ruff's "most specific wins"):

* A code is enabled when the longest matching prefix among ``select`` +
  ``extend-select`` is longer than the longest matching prefix in ``ignore``; on a tie,
  ``ignore`` wins. An empty ``select`` means every default rule (prefix ``""``);
  ``ALL`` is an alias for ``""``.
* Opt-in rules (K501) run only when a non-empty prefix in ``select``/``extend-select``
  names them -- never through the implicit "everything".
* ``per-file-ignores`` maps a glob (matched against the path as given and its file
  name) to more codes to ignore for that file.
* In the file: ``% refs: ignore CODE[, CODE...]`` on the comment line(s) directly above
  an entry silences those codes (prefixes too) for that entry only;
  ``% refs: ignore-file CODE[, ...]`` anywhere silences them for the whole file.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from refs.config import CheckSettings
from refs.model.diagnostic import Diagnostic

__all__ = ["Selection", "Suppressions", "parse_suppressions"]

_DIRECTIVE = re.compile(
    r"^\s*%+\s*refs:\s*(ignore-file|ignore)\s+([A-Za-z0-9, ]+?)\s*(?:#.*)?$", re.IGNORECASE
)


def _norm(prefixes: Iterable[str]) -> list[str]:
    out = []
    for p in prefixes:
        p = p.strip().upper()
        out.append("" if p == "ALL" else p)
    return out


def _longest(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix of ``code`` in ``prefixes`` (-1 when none matches)."""
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Selection:
    """The enabled-or-not decision for codes, from settings plus CLI flags."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_settings(cls, check: CheckSettings) -> Selection:
        """The selection ``[tool.refs.check]`` describes."""
        return cls(
            select=tuple(_norm(check.select)),
            ignore=tuple(_norm(check.ignore)),
            extend_select=tuple(_norm(check.extend_select)),
            per_file_ignores=tuple(
                (glob, tuple(_norm(codes))) for glob, codes in check.per_file_ignores.items()
            ),
        )

    def _ignores_for(self, path: str | None) -> list[str]:
        extra: list[str] = []
        if path:
            name = PurePath(path).name
            posix = PurePath(path).as_posix()
            for glob, codes in self.per_file_ignores:
                if fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(name, glob):
                    extra.extend(codes)
        return [*self.ignore, *extra]

    def explain(self, code: str, path: str | None = None, *, opt_in: bool = False) -> str:
        """Why ``code`` is on or off, e.g. ``"ignored by 'E3' (longer than select 'E')"``."""
        code = code.upper()
        chosen = [*(self.select or ("",)), *self.extend_select]
        if opt_in:
            chosen = [p for p in chosen if p]
        sel = _longest(code, chosen)
        ign = _longest(code, self._ignores_for(path))
        if sel < 0:
            return "off: opt-in rule, not selected" if opt_in else "off: not selected"
        if ign >= sel:
            return f"off: ignored by a prefix of length {ign} (select matched {sel})"
        return f"on: selected by a prefix of length {sel}"

    def enabled(self, code: str, path: str | None = None, *, opt_in: bool = False) -> bool:
        """True when findings of ``code`` are kept for ``path``."""
        return self.explain(code, path, opt_in=opt_in).startswith("on")


@dataclass
class Suppressions:
    """In-file ``% refs: ignore`` directives: per line range and for the whole file."""

    file_codes: list[str] = field(default_factory=list)
    #: (first line, last line, codes) of entries with an ignore comment above them
    ranges: list[tuple[int, int, list[str]]] = field(default_factory=list)

    def suppresses(self, diag: Diagnostic) -> bool:
        """True when a directive covers this finding's code at its line."""
        code = diag.code.upper()
        if any(code.startswith(p) for p in self.file_codes):
            return True
        line = diag.location.line
        return any(
            first <= line <= last and any(code.startswith(p) for p in codes)
            for first, last, codes in self.ranges
        )


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in re.split(r"[,\s]+", text) if c.strip()]


def parse_suppressions(source: str, entries: Iterable[tuple[int, int]]) -> Suppressions:
    """Directives in ``source`` for the entries spanning the given (first, last) lines.

    An ``ignore`` directive applies to an entry when it sits in the run of ``%``
    comment lines that ends on the line directly above the entry's first line.
    """
    lines = source.splitlines()
    result = Suppressions()
    for text in lines:
        m = _DIRECTIVE.match(text)
        if m and m.group(1).lower() == "ignore-file":
            result.file_codes.extend(_codes(m.group(2)))
    for first, last in entries:
        codes: list[str] = []
        n = first - 2  # 0-based index of the line above the entry
        while n >= 0 and lines[n].lstrip().startswith("%"):
            m = _DIRECTIVE.match(lines[n])
            if m and m.group(1).lower() == "ignore":
                codes.extend(_codes(m.group(2)))
            n -= 1
        if codes:
            result.ranges.append((first, last, codes))
    return result
