"""What a rule sees: the Library, its raw BibTeX blocks, the Settings, and helpers.

Why raw blocks as well as References: the model is normalised (DOIs lower-cased,
LaTeX decoded, duplicate fields collapsed), but a linter must report what the user
*wrote*, where they wrote it -- the field's own line and column. So for BibTeX input
the context pairs each Reference with its :class:`~refs.io.bibtex.RawBlock` (by source
line) and rules read raw field values from there; for other formats rules fall back to
the Reference and the entry's span.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from refs.check.registry import get_rule
from refs.config import Settings
from refs.model.diagnostic import Diagnostic, Location
from refs.model.library import Library
from refs.model.reference import Reference

__all__ = ["CheckContext", "Record", "is_literal", "unwrap"]


def unwrap(raw: str) -> str:
    """A raw BibTeX field value without its outer ``{...}`` or ``"..."`` delimiters.

    >>> unwrap('{Foo {Bar}}')
    'Foo {Bar}'
    >>> unwrap('"1999"')
    '1999'
    >>> unwrap('2001')
    '2001'
    """
    text = raw.strip()
    if len(text) >= 2 and (
        (text[0] == "{" and text[-1] == "}") or (text[0] == '"' and text[-1] == '"')
    ):
        return text[1:-1]
    return text


def is_literal(raw: str) -> bool:
    """True for a raw value that is its own text: ``{...}``, ``"..."`` or a number.

    >>> is_literal("{A}"), is_literal("2001"), is_literal("jan"), is_literal('"a" # b')
    (True, True, False, False)
    """
    text = raw.strip()
    if text.isdigit():
        return True
    if not text or text[0] not in "{\"":
        return False
    depth, quoted = 0, False
    for i, c in enumerate(text):
        if c == "\\":
            continue
        if c == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif c == "}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
        elif c == '"' and depth == 0:
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            return False
    return True


@dataclass
class Record:
    """One entry as a rule sees it: the Reference and, for BibTeX, its raw block."""

    ref: Reference | None
    block: Any | None = None  #: refs.io.bibtex.RawBlock (duck-typed to keep layers loose)

    @property
    def key(self) -> str | None:
        """The citation key as written."""
        if self.block is not None and getattr(self.block, "key", None):
            return str(self.block.key)
        return self.ref.id if self.ref is not None else None

    @property
    def entry_type(self) -> str:
        """The BibTeX entry type, lower-case (``article``), or the CSL type."""
        if self.block is not None and getattr(self.block, "entry_type", None):
            return str(self.block.entry_type).lower()
        if self.ref is not None:
            return (self.ref.bibtex_type or self.ref.type).lower()
        return ""

    @property
    def line(self) -> int:
        """The entry's first line (1 when unknown)."""
        if self.block is not None:
            return int(self.block.line)
        if self.ref is not None and self.ref.span is not None:
            return self.ref.span.line
        return 1

    @property
    def key_line(self) -> int:
        """The line the key is written on: the entry's first line, or an RIS ``ID``'s."""
        if self.block is None and self.ref is not None and self.ref.span is not None:
            return self.ref.span.key_line or self.ref.span.line
        return self.line

    def fields(self) -> list[Any]:
        """The raw fields in file order (empty for non-BibTeX records)."""
        return list(getattr(self.block, "fields", ()) or ())

    def raw_field(self, *names: str) -> Any | None:
        """The first raw field named any of ``names`` (case-insensitive), or None."""
        wanted = {n.lower() for n in names}
        for f in self.fields():
            if f.name.lower() in wanted:
                return f
        return None

    def value(self, *names: str) -> str | None:
        """The unwrapped raw value of the first field named any of ``names``."""
        f = self.raw_field(*names)
        return unwrap(f.value) if f is not None else None

    def values_of(self, name: str, *, macros: bool = False) -> list[tuple[str, Any | None]]:
        """(value, raw field or None) pairs for field ``name``: every raw field of that
        name (duplicates included) for BibTeX, else the model's value(s) as text.

        Values written as an @string macro or a ``#`` concatenation are left out unless
        ``macros`` (their text is not what the field says, so validating it would be
        wrong); the month rule asks for them because ``jan``...``dec`` are macros.
        """
        if self.block is not None:
            return [(unwrap(f.value), f) for f in self.fields()
                    if f.name.lower() == name and (macros or is_literal(f.value))]
        if self.ref is None:
            return []
        return [(v, None) for v in _model_values(self.ref, name)]

    def has(self, *names: str) -> bool:
        """True when any of ``names`` is present and not blank (raw, else in the model)."""
        if self.block is not None:
            return any((self.value(n) or "").strip() for n in names)
        return self.ref is not None and any(_model_has(self.ref, n) for n in names)


#: BibTeX/BibLaTeX field name -> Reference attribute, for records without raw blocks
_MODEL_FIELDS: dict[str, str] = {
    "author": "author", "editor": "editor", "title": "title", "journal": "container_title",
    "journaltitle": "container_title", "booktitle": "container_title", "year": "issued",
    "date": "issued", "url": "url", "doi": "doi", "isbn": "isbn", "issn": "issn",
    "publisher": "publisher", "institution": "publisher", "organization": "publisher",
    "school": "publisher", "pages": "page", "volume": "volume", "number": "number",
}


def _model_values(ref: Reference, name: str) -> list[str]:
    """Model values as text, so value rules also check CSL-JSON/RIS libraries."""
    attr = _MODEL_FIELDS.get(name)
    if name == "month":
        month = ref.issued.month if ref.issued else None
        return [str(month)] if month is not None else []
    if attr is None:
        extra = ref.extra.get(name)
        return [extra] if extra else []
    value = getattr(ref, attr)
    if value is None or value == []:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str)]
    if attr == "issued":
        return [str(value.year)] if value.year is not None else []
    if attr == "page":
        return [f"{value.first}--{value.last}" if value.last else value.first]
    return [value] if isinstance(value, str) else []


def csl_variable(name: str) -> str:
    """The CSL-JSON spelling of the BibTeX field ``name`` (``journaltitle`` ->
    ``container-title``, ``year`` -> ``issued``), for messages about records read from
    CSL-JSON or RIS, whose users never saw the BibTeX names; unknown names stay."""
    attr = _MODEL_FIELDS.get(name.lower())
    if attr is None:
        return name
    info = Reference.model_fields[attr]
    return info.alias or attr


#: Reference attribute -> the RIS tag refs's RIS writer (refs.io.ris) puts it in
_RIS_TAGS: dict[str, str] = {
    "author": "AU", "editor": "ED", "title": "TI", "container_title": "T2", "issued": "PY",
    "url": "UR", "doi": "DO", "isbn": "SN", "issn": "SN", "publisher": "PB", "page": "SP",
    "volume": "VL",
}


def _model_has(ref: Reference, name: str) -> bool:
    attr = _MODEL_FIELDS.get(name.lower())
    if attr is None:
        return bool(ref.extra.get(name.lower()))
    return bool(getattr(ref, attr))


@dataclass
class CheckContext:
    """The input of every rule; built once per file by :meth:`from_library`."""

    library: Library
    settings: Settings = field(default_factory=Settings)
    document: Any | None = None  #: refs.io.bibtex.BibDocument or None
    path: str | None = None
    _records: list[Record] | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_library(cls, library: Library, settings: Settings | None = None) -> CheckContext:
        """A context with the raw BibTeX document when the library came from BibTeX."""
        document = None
        if library.source is not None and library.format in (None, "bibtex"):
            from refs.io import bibtex  # lazily: other formats need no BibTeX parser

            document = bibtex.document(library)
        return cls(library=library, settings=settings or Settings(), document=document,
                   path=library.path)

    @property
    def bibtex(self) -> bool:
        """Is the library BibTeX (or built in memory)? Messages and hints use BibTeX's
        names and syntax (``journaltitle``, ``231--245``, ``{NATO}``) only then; CSL-JSON
        and RIS users get their own format's (:attr:`vocabulary`)."""
        return self.library.format in (None, "bibtex")

    @property
    def vocabulary(self) -> str:
        """Whose names messages use: ``"bibtex"``, ``"ris"`` (RIS tags) or ``"csl"``
        (CSL variables: CSL-JSON, and any other format read into the model)."""
        if self.bibtex:
            return "bibtex"
        return "ris" if self.library.format == "ris" else "csl"

    def field_name(self, name: str) -> str | None:
        """The BibTeX field ``name`` as this library's format spells it: itself for
        BibTeX, the CSL variable for CSL-JSON (``journal`` -> ``container-title``), the
        tag refs's RIS writer uses for RIS (``journal`` -> ``T2``, ``year`` -> ``PY``).
        None when the format has no place that refs reads it from (``eprint`` outside
        BibTeX, ``number`` in RIS): naming it would send the user to a field that
        cannot help."""
        if self.bibtex:
            return name
        attr = _MODEL_FIELDS.get(name.lower())
        if attr is None:
            return None
        if self.vocabulary == "ris":
            return _RIS_TAGS.get(attr)
        return csl_variable(name)

    def type_name(self, record: Record) -> str:
        """The entry's type as the file writes it: ``@article`` in BibTeX, the CSL
        ``type`` (``article-journal``) in CSL-JSON, the ``TY`` value refs's RIS writer
        gives that type (``JOUR``) in RIS."""
        if self.bibtex:
            return f"@{record.entry_type}"
        if self.vocabulary == "ris" and record.ref is not None:
            from refs.io.ris import ris_type

            return ris_type(record.ref)
        return record.entry_type

    def blocks(self, kind: str | None = None) -> list[Any]:
        """Raw blocks of the document (all, or of one ``kind``), in file order."""
        if self.document is None:
            return []
        return [b for b in self.document.blocks if kind is None or b.kind == kind]

    def records(self) -> Iterator[Record]:
        """Every entry in file order, Reference paired with its raw block by source line."""
        if self._records is None:
            entry_blocks = self.blocks("entry")
            if not entry_blocks:
                self._records = [Record(ref=ref) for ref in self.library.entries]
            else:
                by_line = {r.span.line: r for r in self.library.entries if r.span is not None}
                self._records = [Record(ref=by_line.get(b.line), block=b) for b in entry_blocks]
        return iter(self._records)

    def diagnostic(
        self,
        code: str,
        message: str,
        *,
        record: Record | None = None,
        field: Any | None = None,
        line: int | None = None,
        col: int | None = None,
        subject: str | None = None,
        hint: str | None = None,
        key: str | None = None,
    ) -> Diagnostic:
        """A finding of rule ``code``: name and severity from the registry, location from
        the raw ``field`` (its line and column), else ``line``/``col``, else the entry."""
        registered = get_rule(code)
        if registered is None:
            raise KeyError(f"no rule registered under {code}")
        if field is not None:
            line, col = int(field.line), int(field.col)
        elif line is None:
            line = record.line if record is not None else 1
        return Diagnostic(
            code=code, name=registered.name, severity=registered.severity, message=message,
            location=Location(path=self.path, line=line, col=col or 1),
            key=key if key is not None else (record.key if record is not None else None),
            hint=hint, subject=subject,
        )
