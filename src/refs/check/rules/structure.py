"""E2xx: the shape of entries -- keys used twice, fields given twice, required fields missing.

The required fields follow the BibLaTeX data model (biblatex manual, section 2.1.1,
"Regular Types"), accepting the BibTeX spelling wherever biber maps one onto the
other (``journal`` = ``journaltitle``, ``year`` = ``date``, ``school`` =
``institution``, ``address`` = ``location``), and BibTeX's own types
(``techreport``, ``phdthesis``, ``conference``...) as the biblatex types biber turns
them into. One deliberate relaxation: ``book`` accepts an editor instead of an author,
as BibTeX's own @book does (biblatex would want ``collection`` for an edited volume).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from refs.check.context import CheckContext, Record, csl_variable
from refs.check.registry import rule
from refs.model.diagnostic import Diagnostic, Severity

#: a requirement is a tuple of alternatives; any one present satisfies it
Requirement = tuple[str, ...]

_AUTHOR: Requirement = ("author",)
_AUTHOR_OR_EDITOR: Requirement = ("author", "editor")
_TITLE: Requirement = ("title",)
_DATE: Requirement = ("date", "year")
_JOURNAL: Requirement = ("journaltitle", "journal")
_BOOKTITLE: Requirement = ("booktitle",)
_INSTITUTION: Requirement = ("institution", "school")

#: entry type -> required fields, from the biblatex manual 2.1.1 (BibTeX names accepted)
REQUIRED: dict[str, tuple[Requirement, ...]] = {
    "article": (_AUTHOR, _TITLE, _JOURNAL, _DATE),
    "book": (_AUTHOR_OR_EDITOR, _TITLE, _DATE),  # BibTeX's @book: author or editor
    "mvbook": (_AUTHOR_OR_EDITOR, _TITLE, _DATE),
    "inbook": (_AUTHOR, _TITLE, _BOOKTITLE, _DATE),
    "bookinbook": (_AUTHOR, _TITLE, _DATE),
    "suppbook": (_AUTHOR, _TITLE, _BOOKTITLE, _DATE),
    "booklet": (_AUTHOR_OR_EDITOR, _TITLE, _DATE),
    "collection": (("editor",), _TITLE, _DATE),
    "mvcollection": (("editor",), _TITLE, _DATE),
    "incollection": (_AUTHOR, _TITLE, _BOOKTITLE, _DATE),
    "suppcollection": (_AUTHOR, _TITLE, _BOOKTITLE, _DATE),
    "dataset": (_AUTHOR_OR_EDITOR, _TITLE, _DATE),
    "manual": (_AUTHOR_OR_EDITOR, _TITLE, _DATE),
    "misc": (_AUTHOR_OR_EDITOR, _TITLE, _DATE),
    "online": (_AUTHOR_OR_EDITOR, _TITLE, _DATE, ("url", "doi", "eprint")),
    "patent": (_AUTHOR, _TITLE, ("number",), _DATE),
    "periodical": (("editor",), _TITLE, _DATE),
    "proceedings": (_TITLE, _DATE),
    "mvproceedings": (_TITLE, _DATE),
    "inproceedings": (_AUTHOR, _TITLE, _BOOKTITLE, _DATE),
    "reference": (("editor",), _TITLE, _DATE),
    "inreference": (_AUTHOR, _TITLE, _BOOKTITLE, _DATE),
    "report": (_AUTHOR, _TITLE, _INSTITUTION, _DATE),
    "software": (_AUTHOR_OR_EDITOR, _TITLE, _DATE),
    "thesis": (_AUTHOR, _TITLE, _INSTITUTION, _DATE),
    "unpublished": (_AUTHOR, _TITLE, _DATE),
}
#: BibTeX types and biblatex aliases -> the type whose requirements apply (biber's mapping)
ALIASES: dict[str, str] = {
    "conference": "inproceedings", "electronic": "online", "www": "online",
    "mastersthesis": "thesis", "phdthesis": "thesis", "techreport": "report",
    # CSL types, for libraries read from CSL-JSON or RIS (no BibTeX type to go by)
    "article-journal": "article", "article-magazine": "article",
    "article-newspaper": "article", "chapter": "incollection",
    "paper-conference": "inproceedings", "webpage": "online", "post-weblog": "online",
    "post": "online", "manuscript": "unpublished",
}


def required_fields(entry_type: str) -> tuple[Requirement, ...]:
    """The requirements for ``entry_type`` (empty for types refs does not know)."""
    t = entry_type.lower()
    return REQUIRED.get(ALIASES.get(t, t), ())


def _inherited(parent: Record | None, requirement: Requirement) -> bool:
    """True when a ``crossref``/``xdata`` parent supplies the field (biber's inheritance:
    the parent's ``title`` becomes the child's ``booktitle``)."""
    if parent is None:
        return False
    return parent.has(*requirement) or ("booktitle" in requirement and parent.has("title"))


@rule(code="E201", name="duplicate-key", severity=Severity.ERROR)
def duplicate_key(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two entries share one citation key.

    ## What it does
    Reports every entry whose key was already used by an earlier entry of the file,
    also when the two keys differ only in letter case (biber folds case when it
    matches citations, and hyperref anchors collide).

    ## Why
    ``\\cite{key}`` can only mean one of them: BibTeX takes the first and biber warns
    and drops the second, so the document cites a different work than intended.

    ## Example
    ```bibtex
    @book{clarke2015, title = {Kazakhstan's Multi-vector Policy}, ...}
    @article{clarke2015, title = {Another work}, ...}
    ```

    ## Fix
    Give one of the entries a new key (and update the citations), or merge the two
    entries if they are the same work (``refs dedupe``).
    """
    seen: dict[str, tuple[str, int]] = {}
    for record in ctx.records():
        key = record.key
        if not key:
            continue
        first = seen.get(key.casefold())
        if first is None:
            seen[key.casefold()] = (key, record.key_line)
            continue
        how = "" if first[0] == key else f" as '{first[0]}' (case differs)"
        yield ctx.diagnostic(
            "E201", f"key '{key}' is already used{how} on line {first[1]}", record=record,
            line=record.key_line, subject=key,
            hint="rename this entry's key or merge the two entries")


@rule(code="E202", name="duplicate-field", severity=Severity.ERROR)
def duplicate_field(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An entry gives the same field twice.

    ## What it does
    Reports the second (and later) occurrence of a field name within one entry,
    compared case-insensitively. In CSL-JSON files the loader reports a variable an
    item gives twice (and a name given twice inside one of its values, such as two
    ``family`` in one author), at the second.

    ## Why
    BibTeX keeps the first value and biber the last (with a warning), so what gets
    printed depends on the tool; one of the two values is silently ignored. JSON
    readers (refs, JavaScript's ``JSON.parse``) keep the last one without a word.

    ## Example
    ```bibtex
    @article{smith2020,
      year = {2019},
      year = {2020},
    }
    ```

    ## Fix
    Keep the right value and delete the other occurrence.
    """
    for record in ctx.records():
        seen: dict[str, int] = {}
        for f in record.fields():
            name = f.name.lower()
            if name in seen:
                yield ctx.diagnostic(
                    "E202", f"field '{f.name}' is given again (first on line {seen[name]})",
                    record=record, field=f, subject=name,
                    hint="keep one value and delete the other")
            else:
                seen[name] = int(f.line)


@rule(code="E203", name="missing-required-field", severity=Severity.ERROR)
def missing_required_field(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An entry lacks a field its type requires in the BibLaTeX data model.

    ## What it does
    Checks each entry against the required fields of its type (biblatex manual,
    section 2.1.1): e.g. ``article`` needs author, title, journaltitle (or journal)
    and date (or year); ``book`` author or editor, title and date; ``online``
    author or editor, title, date or year, and a url (or doi/eprint). BibTeX names
    and types are accepted (``journal``, ``year``, ``school``, ``techreport``,
    ``phdthesis``). Fields inherited through ``crossref``/``xdata`` count (a parent's
    title stands for the child's booktitle). Unknown entry types are not checked.
    CSL-JSON and RIS records are checked by the biblatex type of their CSL type
    (``article-journal`` as ``article``), and findings name the fields as the file
    does: CSL variables (``container-title``, ``issued``) or RIS tags (``T2``, ``PY``).

    ## Why
    Styles print incomplete references ("n.d.", a missing journal) or fail to sort
    them, and readers cannot find the work.

    ## Example
    ```bibtex
    @article{smith2020,
      author = {Smith, Jane},
      title = {A title},
      year = {2020},
    }
    ```

    ## Fix
    Add the missing field. When the source genuinely lacks it (an anonymous report),
    say so in ``note`` and silence the rule for that entry with a
    ``% refs: ignore E203`` comment on the line directly above it. CSL-JSON and RIS
    files cannot hold that comment: silence the rule for the file with
    ``per-file-ignores`` under ``[tool.refs.check]`` (the finding's hint shows how).
    """
    by_key = {r.key.casefold(): r for r in ctx.records() if r.key}
    # a comment can silence one entry of a .bib file; CSL-JSON and RIS have no comments
    name = Path(ctx.path).name if ctx.path else "FILE"
    silence = ("% refs: ignore E203" if ctx.bibtex else
               f'per-file-ignores = {{ "{name}" = ["E203"] }} under [tool.refs.check]')
    for record in ctx.records():
        parent_key = record.value("crossref") or record.value("xdata")
        parent = by_key.get(parent_key.strip().casefold()) if parent_key else None
        for requirement in required_fields(record.entry_type):
            if not record.has(*requirement) and not _inherited(parent, requirement):
                # CSL-JSON and RIS users know container-title / T2, not journaltitle
                spelled = tuple(dict.fromkeys(
                    s for s in (ctx.field_name(n) for n in requirement) if s
                )) or (csl_variable(requirement[0]),)
                names = " or ".join(spelled)
                yield ctx.diagnostic(
                    "E203", f"{ctx.type_name(record)} '{record.key}' lacks {names}",
                    record=record, subject=requirement[0],
                    hint=f"add {spelled[0]} (or silence with {silence})")
