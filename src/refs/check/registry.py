"""Rules as data: a stable code, a kebab-case name, a severity and a documented function.

Why a registry: the CLI (``refs rule CODE``), the renderers (SARIF rule metadata,
help URIs), the selection logic and the generated ``docs/rules.md`` all need the same
facts about a rule, so they are read from one place -- the ``@rule`` decorator -- rather
than repeated (ruff's ``#[violation]`` + docstring idiom). A rule's docstring carries
the sections *What it does*, *Why*, *Example* and *Fix*, written as ``## What it does``
headings; they become the documentation.

Rule families live in ``refs/check/rules/<family>.py`` and are imported by
:func:`discover`, so adding a module there is all it takes to add rules. Codes are
stable forever: a retired code is never reused.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refs.model.diagnostic import Diagnostic, Severity

if TYPE_CHECKING:
    from refs.check.context import CheckContext

__all__ = ["DOCS_URL", "Rule", "RuleFunc", "all_rules", "discover", "get_rule", "rule"]

#: where the generated rule table lives; each code has an anchor (``#e301``)
DOCS_URL = "https://github.com/refs-project/refs/blob/main/docs/rules.md"

RuleFunc = Callable[["CheckContext"], Iterable[Diagnostic]]

_CODE_RE = re.compile(r"^[A-Z]\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_SECTION_RE = re.compile(r"^#+\s*(what it does|why|example|fix)\b.*$", re.IGNORECASE)

_RULES: dict[str, Rule] = {}
_DISCOVERED = False


@dataclass(frozen=True)
class Rule:
    """Everything known about one rule; the function is what produces its findings."""

    code: str
    name: str
    severity: Severity
    summary: str
    func: RuleFunc = field(repr=False, compare=False)
    what: str = ""
    why: str = ""
    example: str = ""
    fix: str = ""
    #: opt-in rules run only when selected explicitly (or configured, see the rule)
    opt_in: bool = False
    #: the module that defines it, for ``refs rule`` and the docs
    module: str = ""

    @property
    def anchor(self) -> str:
        """The anchor of the rule's row in docs/rules.md."""
        return self.code.lower()

    @property
    def help_uri(self) -> str:
        """A link to the rule's documentation (SARIF ``helpUri``)."""
        return f"{DOCS_URL}#{self.anchor}"

    def docs(self) -> str:
        """The rule's documentation as Markdown, as ``refs rule CODE`` prints it."""
        head = f"# {self.code} {self.name} ({self.severity.value})"
        if self.opt_in:
            head += " [opt-in]"
        parts = [head, "", self.summary]
        for title, body in (("What it does", self.what), ("Why", self.why),
                            ("Example", self.example), ("Fix", self.fix)):
            if body:
                parts += ["", f"## {title}", body]
        return "\n".join(parts) + "\n"


def _parse_docstring(doc: str) -> dict[str, str]:
    """Split a rule docstring into summary and its ``## Section`` bodies (dedented)."""
    import inspect

    text = inspect.cleandoc(doc)
    lines = text.splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines[1:]:
        m = _SECTION_RE.match(line.strip())
        if m:
            current = m.group(1).lower().split()[0]  # "what", "why", "example", "fix"
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {"summary": summary, **{k: "\n".join(v).strip() for k, v in sections.items()}}


def rule(
    *, code: str, name: str, severity: Severity | str = Severity.ERROR, opt_in: bool = False
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under ``code``; the docstring becomes its documentation.

    The function takes a :class:`~refs.check.context.CheckContext` and yields
    Diagnostics, usually made with ``ctx.diagnostic(code, message, ...)``, which fills
    name, severity and location from the registry and the raw BibTeX.
    """
    if not _CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must be a letter and three digits")
    if not _NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")

    def decorate(func: RuleFunc) -> RuleFunc:
        doc = _parse_docstring(func.__doc__ or "")
        missing = [s for s in ("what", "why", "example", "fix") if not doc.get(s)]
        if not doc["summary"] or missing:
            raise ValueError(f"rule {code} docstring lacks: {', '.join(missing) or 'summary'}")
        existing = _RULES.get(code)
        if existing is not None and (existing.module, existing.func.__qualname__) != (
            func.__module__, func.__qualname__
        ):
            raise ValueError(f"rule code {code} is already used by {existing.module}")
        _RULES[code] = Rule(
            code=code, name=name, severity=Severity(severity), summary=doc["summary"],
            func=func, what=doc["what"], why=doc["why"], example=doc["example"],
            fix=doc["fix"], opt_in=opt_in, module=func.__module__,
        )
        return func

    return decorate


def discover() -> None:
    """Import every module of ``refs.check.rules`` once so their ``@rule``\\ s register."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    package = importlib.import_module("refs.check.rules")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")
    _DISCOVERED = True


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    discover()
    return [_RULES[c] for c in sorted(_RULES)]


def get_rule(code: str) -> Rule | None:
    """The rule with ``code`` (case-insensitive), or None."""
    discover()
    return _RULES.get(code.upper())
