"""One block in canonical layout: field order, indentation, delimiters (``refs fmt``).

Split from :mod:`refs.io.bibtex_fmt` (which arranges the blocks of a whole file and
the text between them) because laying out one entry is a job of its own that needs
nothing of the file around it. See that module's docstring for the layout's rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from refs.io.bibtex import RawBlock, RawField
from refs.io.bibtex_map import FIELD_TO_ATTR, PUBLISHER_FIELDS
from refs.text.latex import braces_balanced

__all__ = ["DEFAULT_FIELD_ORDER", "Layout", "LayoutOptions", "format_block", "order_fields",
           "to_braces", "verbatim"]

#: the field order used when ``[tool.refs.fmt] field-order`` is empty: who, what, where
#: published, when, which part, by whom, then identifiers -- the order most style guides
#: and reference managers (JabRef's "save order", bibtex-tidy's default) present them in
DEFAULT_FIELD_ORDER: tuple[str, ...] = (
    "entrysubtype",
    "author", "editor", "translator",
    "title", "subtitle", "titleaddon", "shorttitle",
    "journaltitle", "journal", "booktitle", "maintitle", "eventtitle", "eventdate",
    "series", "edition",
    "year", "date", "month",
    "volume", "number", "issue", "pages", "pagetotal",
    "type", "institution", "organization", "school",
    "publisher", "location", "address", "howpublished",
    "isbn", "issn", "doi", "eprint", "eprinttype", "url", "urldate",
)  # fmt: skip


class LayoutOptions(Protocol):
    """What the layout depends on; :class:`refs.config.FmtSettings` has exactly these.

    A protocol rather than an import because ``config`` and ``io`` are sibling layers.
    """

    @property
    def indent(self) -> str: ...
    @property
    def sort(self) -> bool: ...
    @property
    def align(self) -> bool: ...
    @property
    def trailing_comma(self) -> bool: ...
    @property
    def field_order(self) -> list[str]: ...
    @property
    def lowercase_types(self) -> bool: ...


@dataclass(frozen=True)
class Layout:
    """The default layout (the same defaults as ``[tool.refs.fmt]``)."""

    indent: str = "  "
    sort: bool = False
    align: bool = False
    trailing_comma: bool = True
    field_order: list[str] = field(default_factory=list)
    lowercase_types: bool = True


_BLANK_RUN = re.compile(r"\n{3,}")


def format_block(block: RawBlock, settings: LayoutOptions | None = None) -> str:
    """One parsed entry in canonical layout (anything else comes back verbatim)."""
    settings = settings or Layout()
    if block.kind != "entry" or block.entry_type is None:
        return verbatim(block)
    written = re.match(r"\s*@\s*(\w+)", block.raw)  # the parser lower-cases entry_type
    entry_type = written.group(1) if written else block.entry_type
    entry_type = entry_type.lower() if settings.lowercase_types else entry_type
    fields = order_fields(block.fields, settings.field_order or DEFAULT_FIELD_ORDER)
    names = [f.name.lower() if settings.lowercase_types else f.name for f in fields]
    width = max((len(n) for n in names), default=0) if settings.align else 0
    lines = [f"@{entry_type}{{{block.key or ''},"]
    for i, (name, fld) in enumerate(zip(names, fields, strict=True)):
        comma = "," if settings.trailing_comma or i < len(fields) - 1 else ""
        lines.append(f"{settings.indent}{name.ljust(width)} = {to_braces(fld.value)}{comma}")
    lines.append("}")
    return "\n".join(lines)


def order_fields(fields: Iterable[RawField], order: Sequence[str]) -> list[RawField]:
    """Fields named in ``order`` first (in that order), the rest in their original order.

    The sort is stable, so a field written twice keeps both copies in their original
    relative order (the duplicate-field rule reports them; fmt does not pick a winner).
    Fields that feed the same model attribute (``journal``/``journaltitle``/``booktitle``,
    ``year``/``date``/``month``, ``number``/``issue``, ``address``/``location``...) share
    the rank of the first of them in ``order``: the reader lets the first one written
    win, so moving them past each other would change what the entry means.
    """
    fields = list(fields)
    rank = {name.lower(): i for i, name in enumerate(order)}
    last = len(rank)
    group_rank: dict[str, int] = {}
    for fld in fields:
        group = _slot(fld.name)
        group_rank[group] = min(group_rank.get(group, last), rank.get(fld.name.lower(), last))
    return sorted(fields, key=lambda f: group_rank[_slot(f.name)])


def _slot(name: str) -> str:
    """The model attribute a BibTeX field feeds (its own name when it feeds none)."""
    name = name.lower()
    if name in PUBLISHER_FIELDS:
        return "publisher"
    if name == "number":
        return "issue"
    return FIELD_TO_ATTR.get(name, name)


def to_braces(value: str) -> str:
    """A raw field value with ``"..."`` delimiters turned into ``{...}`` where safe.

    Bare numbers, macro names and ``#`` concatenations are left as written; so is a
    quoted value whose braces do not balance (BibTeX would reject it either way, and
    the parser's diagnostic is more useful than a guess).

    >>> to_braces('"Quoted {Title}"')
    '{Quoted {Title}}'
    >>> to_braces('{Already}'), to_braces('2001'), to_braces('jan # " 1"')
    ('{Already}', '2001', 'jan # " 1"')
    """
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        inner = value[1:-1]
        if _single_quoted(inner) and braces_balanced(inner):
            return "{" + inner + "}"
    return value


def _single_quoted(inner: str) -> bool:
    """True when no ``"`` closes the string early (i.e. none at brace depth 0)."""
    depth = 0
    for ch in inner:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            return False
    return True


def verbatim(block: RawBlock) -> str:
    """A non-entry block as written, without surrounding blank lines or trailing spaces.

    Runs of blank lines inside free-standing comment text shrink to one, like the gaps
    between blocks; ``@comment{...}`` bodies are left exactly as written.
    """
    lines = block.raw.replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    text = "\n".join(line.rstrip() for line in lines).rstrip()
    if block.kind == "comment" and not text.startswith("@"):
        text = _BLANK_RUN.sub("\n\n", text)
    return text
