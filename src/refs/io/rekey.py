"""Keys for entries coming into a library from another file (``refs import``).

Why a module of its own: an incoming key may be one refs will not take (a Zotero item
URI, a bare number, ``Smith:2015``) or one the library already has. The first is replaced
and the old key kept where its format writes it back, with an E104 warning that says so;
the second is replaced with a fresh key from the key pattern (the library keeps its own).
The CLI only reports what this returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.reference import Reference
from refs.text.keys import make_key

__all__ = ["INCOMING_KEY", "rekey"]

#: what refs accepts as an incoming key; Zotero's item URIs and bare numbers are replaced
INCOMING_KEY = re.compile(r"[A-Za-z][^\s,{}()#%~\\\"'=/:]*")


def rekey(entries: Iterable[Reference], fmt: str | None, path: str, key_format: str,
          taken: set[str]) -> list[Diagnostic]:
    """Give every entry a key refs takes and ``taken`` does not hold (``taken`` is
    updated); an E104 for each key replaced because refs does not take it."""
    replaced: list[Diagnostic] = []
    for ref in entries:
        if not INCOMING_KEY.fullmatch(ref.id):
            old = ref.id
            ref.id = make_key(ref, key_format, taken)
            replaced.append(_keep_replaced_key(ref, old, fmt, path))
        elif ref.id in taken:
            ref.id = make_key(ref, key_format, taken)
        taken.add(ref.id)
    return replaced


def _keep_replaced_key(ref: Reference, old: str, fmt: str | None, path: str) -> Diagnostic:
    """Keep the key ``ref`` was read with where its format writes it back, and say so.

    As the RIS reader does with an ID BibTeX cannot hold (E104, ``ris:ID``): an RIS ``ID``
    is kept as ``ris:ID`` (``--to ris`` writes it as the ID), a CSL-JSON ``id`` as
    ``csl:id`` (``--to csl-json`` writes it as the id and the new key as ``citation-key``;
    a ``citation-key`` that is not taken, when Zotero's ``id`` is there already, as
    ``csl:citation-key``), and a key of any other format (a .bib key) as an alias in
    ``ids``, so that citations of it still resolve.
    """
    extra = dict(ref.extra)
    if fmt == "ris":
        extra.setdefault("ris:ID", old)
        kept = "ris:ID"
    elif fmt == "csl-json":
        kept = "csl:citation-key" if "csl:id" in extra else "csl:id"
        extra[kept] = old
    else:
        ref.ids = [*ref.ids, old] if old not in ref.ids else ref.ids
        kept = "an alias (ids)"
    ref.extra = extra
    line = ref.span.key_line or ref.span.line if ref.span is not None else 1
    return Diagnostic(
        code="E104", name="coerced-value", severity=Severity.WARNING,
        message=f"key {old!r} is not taken as a key; the entry is keyed {ref.id!r} and the "
                f"key is kept as {kept}",
        location=Location(path=path, line=line or 1), key=ref.id,
        hint="a key starts with a letter and holds no spaces, commas, braces, quotes, "
             "backslashes, '=', '#', '%', '~', '/', ':' or parentheses; cite the entry as its "
             "new key")
