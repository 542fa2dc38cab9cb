"""K5xx: citation keys (opt-in: key conventions are a team's choice, not an error)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refs.check.context import CheckContext
from refs.check.registry import rule
from refs.errors import ConfigError
from refs.model.diagnostic import Diagnostic, Severity

#: refs' own key convention ({author}{year}{title}, lower-case ASCII, optional a/b suffix)
DEFAULT_KEY_PATTERN = r"[a-z]+(?:\d{4}|nd)[a-z0-9]*"


@rule(code="K501", name="key-pattern", severity=Severity.WARNING, opt_in=True)
def key_pattern(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The citation key does not follow the project's key pattern.

    ## What it does
    Matches every key against the regular expression in ``[tool.refs.check]
    key-pattern`` (the whole key must match). Without that setting the pattern is
    refs' default ``[a-z]+(?:\\d{4}|nd)[a-z0-9]*`` (``zabortseva2016russia``). The
    rule runs only when ``key-pattern`` is set or K501 is selected explicitly.

    ## Why
    Predictable keys let co-authors cite without looking them up and make duplicates
    visible; a shared pattern also stops keys like ``Smith:2020:ab`` creeping in.

    ## Example
    ```bibtex
    @book{Zabortseva-Russia, ...}
    ```

    ## Fix
    Rename the key to follow the pattern (update citations) or change the pattern.
    """
    pattern_text = ctx.settings.check.key_pattern or DEFAULT_KEY_PATTERN
    try:
        pattern = re.compile(pattern_text)
    except re.error as exc:
        raise ConfigError(f"[tool.refs.check] key-pattern is not a valid regex: {exc}",
                          path=ctx.settings.source,
                          hint="write a Python regular expression") from exc
    for record in ctx.records():
        key = record.key
        if key and not pattern.fullmatch(key):
            yield ctx.diagnostic(
                "K501", f"key '{key}' does not match the pattern {pattern_text}",
                record=record, subject=key, hint="rename the key (and its citations)")
