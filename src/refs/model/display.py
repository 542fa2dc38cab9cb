"""One way to show a field's value to a person (merge reports, enrich conflicts).

Why here: dedupe and enrich both report field values and used to format them with two
private copies that disagreed on page ranges; the model layer is the one both may import.
Page ranges use an en dash on purpose: these strings are read by people, not re-parsed.
"""

from __future__ import annotations

from typing import Any

from refs.model.reference import DateParts, Name, PageRange

__all__ = ["display"]


def display(value: Any) -> str:
    """A field value as one line of text: names as "Given Family", dates as ISO, lists
    joined with "; ", page ranges with an en dash.

    >>> display(PageRange(first="3", last="9"))
    '3–9'
    >>> display([Name(family="Clarke", given="Michael"), Name(literal="UN")])
    'Michael Clarke; UN'
    """
    if isinstance(value, list):
        return "; ".join(display(v) for v in value)
    if isinstance(value, Name):
        return value.display()
    if isinstance(value, DateParts):
        return value.iso()
    if isinstance(value, PageRange):
        return f"{value.first}–{value.last}" if value.last else value.first
    return str(value)
