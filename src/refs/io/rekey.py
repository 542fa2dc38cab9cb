"""Keys for entries coming into a library from another file (``refs import``).

Why a module of its own: an incoming key may be one refs will not take (one BibTeX,
biber or ``\\cite`` would choke on, ``a b``; a Zotero item URI or a bare record number,
which are ids, not keys) or one the library already has. The first is replaced
and the old key kept where its format writes it back, with an E104 warning that says so;
the second is replaced with a fresh key from the key pattern (the library keeps its own).
The CLI only reports what this returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refs.model.diagnostic import Diagnostic, Location, Severity
from refs.model.reference import Reference
from refs.text.keys import is_citation_key, make_key

__all__ = ["RECORD_ID", "rekey", "takes_key"]

#: ids other tools give a record that are no citation keys, though BibTeX could hold them:
#: an item URI (Zotero's CSL-JSON ``id``, ``http://zotero.org/users/1/items/AB``) and a
#: bare record number (an RIS ``ID`` from EndNote, ``"id": 5``)
RECORD_ID = re.compile(r"\d+|[A-Za-z][A-Za-z0-9+.-]*://\S*")


def takes_key(key: str) -> bool:
    """Whether an incoming entry keeps ``key``: one BibTeX, biber and ``\\cite`` take
    (:func:`~refs.text.keys.is_citation_key`: ``Smith:2008``, ``doi:10.1000/x`` and
    ``2008smith`` are kept) that is not a record's id (:data:`RECORD_ID`).

    >>> [takes_key(k) for k in ("Smith:2008", "doi:10.1000/x", "42", "http://x.org/1", "a b")]
    [True, True, False, False, False]
    """
    return is_citation_key(key) and not RECORD_ID.fullmatch(key)


def rekey(entries: Iterable[Reference], fmt: str | None, path: str | None, key_format: str,
          taken: set[str]) -> list[Diagnostic]:
    """Give every entry a key refs takes and ``taken`` does not hold (``taken`` is
    updated); an E104 for each key replaced because refs does not take it."""
    replaced: list[Diagnostic] = []
    for ref in entries:
        if not takes_key(ref.id):
            old = ref.id
            ref.id = make_key(ref, key_format, taken)
            replaced.append(_keep_replaced_key(ref, old, fmt, path))
        elif ref.id in taken:
            ref.id = make_key(ref, key_format, taken)
        taken.add(ref.id)
    return replaced


def _keep_replaced_key(ref: Reference, old: str, fmt: str | None, path: str | None
                       ) -> Diagnostic:
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
        hint="a key holds no spaces, commas, braces, quotes, parentheses, backslashes, "
             "'=', '#', '%' or '~', and is no item URI or bare number; cite the entry as "
             "its new key")
