"""Mapping tables between BibTeX/BibLaTeX and the CSL-shaped model, as documented data.

Sources: the BibLaTeX manual (v3.x, §2.1 entry types, §2.2 fields, §2.3 aliases:
``journal`` = ``journaltitle``, ``address`` = ``location``, ``school`` =
``institution``), the BibTeX manual (Patashnik, *BibTeXing*, §4, standard entry
types and fields), and CSL 1.0.2 appendices III (types) and IV (variables). Zotero
and pandoc (citeproc's ``bibtex`` reader) use essentially the same tables, so a
library round-trips through them without surprises.

Kept apart from :mod:`refs.io.bibtex` so that the tables can be read (and reviewed)
without the parser around them.
"""

from __future__ import annotations

__all__ = [
    "ARTICLE_TYPES",
    "CSL_EXTRA_FIELDS",
    "CSL_NUMBER_FIELDS",
    "CSL_PREFIX",
    "CSL_TO_ENTRY",
    "ENTRY_TO_CSL",
    "EXTRA_FIELD_TO_CSL",
    "FIELD_TO_ATTR",
    "FOREIGN_PREFIXES",
    "LIST_ATTRS",
    "MONTHS",
    "MONTH_MACROS",
    "NAME_ATTRS",
    "PUBLISHER_FIELDS",
    "PUBSTATE_KEYS",
    "SERIES_TYPES",
    "SUBTYPES",
    "WRITE_FIELDS",
    "number_attr",
]

#: BibTeX/BibLaTeX entry type (lower case) -> CSL item type. Unknown types -> "document".
ENTRY_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "periodical": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
    "manual": "report",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "standard": "standard",
    "legislation": "legislation",
    "legal": "legislation",
    "jurisdiction": "legal_case",
    "letter": "personal_communication",
    "review": "review",
    "suppperiodical": "article-journal",
}

#: CSL type -> BibTeX type for records that were not read from BibTeX (no bibtex_type).
#: BibLaTeX types are used where BibTeX has none (online, report, thesis, dataset).
CSL_TO_ENTRY: dict[str, str] = {
    "article-journal": "article",
    "article": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "book": "book",
    "chapter": "incollection",
    "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference",
    "paper-conference": "inproceedings",
    "report": "report",
    "thesis": "thesis",
    "webpage": "online",
    "post": "online",
    "post-weblog": "online",
    "document": "misc",
    "manuscript": "unpublished",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "standard": "standard",
    "legislation": "legislation",
    "bill": "legislation",
    "personal_communication": "letter",
    "speech": "misc",
}

#: BibLaTeX ``@article`` + ``entrysubtype`` -> CSL type (BibLaTeX manual §2.1.1, "article")
SUBTYPES: dict[str, str] = {"newspaper": "article-newspaper", "magazine": "article-magazine"}

#: entry types whose ``number`` is the journal issue (CSL ``issue``), not a report number
ARTICLE_TYPES: frozenset[str] = frozenset({"article", "periodical", "suppperiodical"})

#: entry types whose ``number`` is the work's number in its series (CSL
#: ``collection-number``, next to ``series`` = ``collection-title``): biblatex manual §2.2.2
#: ``number`` ("the volume/number of a book in a series"), BibTeX's "number of a work in a
#: series"; pandoc's citeproc reader (``Text.Pandoc.Citeproc.BibTeX``) uses this list.
#: Other types' ``number`` is the item's own number (CSL ``number``: a report number).
SERIES_TYPES: frozenset[str] = frozenset({
    "book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
    "reference", "mvreference", "bookinbook", "inbook", "incollection", "inproceedings",
    "conference", "inreference", "suppbook", "suppcollection",
})  # fmt: skip


def number_attr(entry_type: str) -> str:
    """The Reference attribute an entry type's ``number`` field holds: ``issue`` for
    articles, ``collection_number`` for books and their parts, else ``number``."""
    etype = entry_type.lower()
    if etype in ARTICLE_TYPES:
        return "issue"
    return "collection_number" if etype in SERIES_TYPES else "number"


#: the CSL number variables an entry's ``number`` field cannot hold when its type gives
#: ``number`` to another one (an article's series number, a book's own number): written
#: as ``csl:<variable>`` and read back into the attribute (field -> attribute). An issue
#: that is not the entry's ``number`` goes into BibLaTeX's own ``issue`` field.
CSL_NUMBER_FIELDS: dict[str, str] = {
    "csl:number": "number",
    "csl:collection-number": "collection_number",
}

#: BibTeX field (lower case) -> Reference attribute. ``number`` is decided by entry type,
#: ``year``/``month``/``date`` all feed ``issued``, and the publisher-like fields are
#: handled by :data:`PUBLISHER_FIELDS`. Fields not listed go to ``extra`` verbatim.
FIELD_TO_ATTR: dict[str, str] = {
    "title": "title",
    "shorttitle": "title_short",
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "journal": "container_title",
    "journaltitle": "container_title",
    "booktitle": "container_title",
    "maintitle": "container_title",
    "series": "collection_title",
    "eventtitle": "event_title",
    "address": "publisher_place",
    "location": "publisher_place",
    "year": "issued",
    "month": "issued",
    "date": "issued",
    "urldate": "accessed",
    "volume": "volume",
    "issue": "issue",
    "pages": "page",
    "pagetotal": "number_of_pages",
    "edition": "edition",
    "type": "genre",
    "doi": "doi",
    "isbn": "isbn",
    "issn": "issn",
    "url": "url",
    "abstract": "abstract",
    "keywords": "keyword",
    "language": "language",
    "note": "note",
    "ids": "ids",
}

#: fields naming who published the work, in order of preference for ``publisher``;
#: the first present wins, the others stay in ``extra`` so nothing is lost
PUBLISHER_FIELDS: tuple[str, ...] = ("publisher", "institution", "school", "organization")

#: attributes holding name lists (BibTeX ``and``-separated)
NAME_ATTRS: frozenset[str] = frozenset({"author", "editor", "translator"})
#: attributes holding lists of strings (comma/semicolon separated in BibTeX)
LIST_ATTRS: frozenset[str] = frozenset({"isbn", "issn", "keyword", "ids"})

#: the month macros BibTeX predefines (``month = jan``), expanded as BibTeX does
#: (plain.bst: ``MACRO {jan} {"January"}``); month fields then map them to numbers
MONTH_MACROS: dict[str, str] = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
    "jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October",
    "nov": "November", "dec": "December",
}  # fmt: skip

#: month spellings seen in month fields -> month number (English names and abbreviations)
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "jan."),
            ("feb", "february", "feb."),
            ("mar", "march", "mar."),
            ("apr", "april", "apr."),
            ("may",),
            ("jun", "june", "jun."),
            ("jul", "july", "jul."),
            ("aug", "august", "aug."),
            ("sep", "sept", "september", "sep.", "sept."),
            ("oct", "october", "oct."),
            ("nov", "november", "nov."),
            ("dec", "december", "dec."),
        ],
        start=1,
    )
    for name in names
}

#: Reference attribute -> BibTeX field written for it when the entry has no such field
#: yet (BibTeX names where BibTeX has one, so classic BibTeX styles keep working). Of
#: ``issue``, ``number`` and ``collection_number`` only the one :func:`number_attr` names
#: for the entry type gets ``number``; the others go to ``issue`` / ``csl:<variable>``.
WRITE_FIELDS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "title": "title",
    "title_short": "shorttitle",
    "container_title": "journal",
    "collection_title": "series",
    "event_title": "eventtitle",
    "publisher": "publisher",
    "publisher_place": "address",
    "issued": "year",
    "accessed": "urldate",
    "volume": "volume",
    "issue": "number",
    "number": "number",
    "collection_number": "number",
    "page": "pages",
    "number_of_pages": "pagetotal",
    "edition": "edition",
    "genre": "type",
    "doi": "doi",
    "isbn": "isbn",
    "issn": "issn",
    "url": "url",
    "abstract": "abstract",
    "keyword": "keywords",
    "language": "language",
    "note": "note",
    "ids": "ids",
}

#: container field by entry type for new entries (``journal`` for articles only)
CONTAINER_FIELD_BY_TYPE: dict[str, str] = {
    "article": "journal",
    "periodical": "journal",
    "incollection": "booktitle",
    "inbook": "booktitle",
    "inproceedings": "booktitle",
    "conference": "booktitle",
    "inreference": "booktitle",
    "book": "maintitle",
}

#: prefix of the ``extra`` keys that hold CSL variables refs has no attribute for (the
#: same as :data:`refs.io.csljson.EXTRA_PREFIX`, repeated so this table imports nothing)
CSL_PREFIX = "csl:"

#: prefixes of the ``extra`` keys that hold another format's text, not BibTeX: CSL-JSON's
#: ``csl:<variable>`` and RIS's ``ris:<TAG>``. Their fields are written as the text is,
#: but with ``\``, ``{``, ``}`` (and an ``@`` starting a line) escaped where BibTeX could
#: not hold it so (:func:`refs.text.latex.escape_verbatim`), and the reader undoes those
#: escapes, so that any value reads back exactly. Other unknown fields hold raw BibTeX.
FOREIGN_PREFIXES: tuple[str, ...] = (CSL_PREFIX, "ris:")

#: CSL variable kept in ``extra`` as ``csl:<variable>`` -> the BibLaTeX field written for
#: it, and how the value is spelled there: ``text`` (LaTeX-escaped text), ``date`` (CSL
#: ``date-parts`` <-> ISO 8601 ``YYYY-MM-DD``, a range as ``start/end``), ``names``
#: (CSL name objects <-> ``and``-separated BibTeX names) or ``pubstate`` (text; the
#: phrases biblatex has a localisation key for are written as that key, see
#: :data:`PUBSTATE_KEYS`).
#:
#: Only exact equivalents are listed. Field names: the biblatex manual (3.x, §2.2.2 data
#: fields). Each pair is how pandoc's citeproc reader (``Text.Pandoc.Citeproc.BibTeX``)
#: reads the field, and citeproc-lua (``tools/bib-csl-mapping.md``) and
#: biblatex-csl-converter (``src/const.ts``) map it the same way where they map it at all
#: (citeproc-lua reads ``annotation`` as ``note``; pandoc and BibTeX's own ``annote``
#: make it CSL's ``annote``). Better BibTeX writes Zotero's fields to the same names
#: (venue, eventdate, origdate, pagetotal, volumes, version, pubstate).
#:
#: The writer uses the BibLaTeX name only when reading the field back gives exactly the
#: same ``csl:`` value, else it writes ``csl:<variable>`` verbatim, and the reader maps
#: each field back: a CSL-JSON -> BibTeX -> CSL-JSON trip loses nothing.
#:
#: Not listed, so kept as ``csl:<variable>``: ``archive``, ``archive_location``,
#: ``archive-place`` (BibLaTeX has no archive fields; ``eprinttype`` names e-print services
#: only), ``medium`` (pandoc reads ``howpublished`` as the publisher,
#: biblatex-csl-converter as the medium: no agreed meaning), ``event`` (CSL 1.0.1's name for
#: ``event-title``; ``eventtitle`` reads back as the ``event_title`` attribute),
#: ``section``, ``dimensions``, ``references``, ``PMID``/``PMCID`` (BibLaTeX needs two
#: fields, ``eprint`` + ``eprinttype``), ``language`` -> ``langid`` (babel names, not
#: BCP 47 tags), and variables with a Reference attribute (``abstract``, ``keyword``,
#: ``accessed``, ``number-of-pages``, ``ISBN``...): those are in ``extra`` only when their
#: value was malformed, and their BibLaTeX fields read back into the attribute.
CSL_EXTRA_FIELDS: dict[str, tuple[str, str]] = {
    "event-place": ("venue", "text"),
    "event-date": ("eventdate", "date"),
    "original-date": ("origdate", "date"),
    "original-title": ("origtitle", "text"),
    "original-publisher": ("origpublisher", "text"),
    "original-publisher-place": ("origlocation", "text"),
    "container-author": ("bookauthor", "names"),
    "container-title-short": ("shortjournal", "text"),
    "chapter-number": ("chapter", "text"),
    "number-of-volumes": ("volumes", "text"),
    "version": ("version", "text"),
    "status": ("pubstate", "pubstate"),
    "annote": ("annotation", "text"),
    "call-number": ("library", "text"),
}

#: BibLaTeX field (lower case) -> the CSL variable it is read into (``csl:<variable>``)
EXTRA_FIELD_TO_CSL: dict[str, str] = {field: var for var, (field, _) in CSL_EXTRA_FIELDS.items()}

#: CSL ``status`` phrase -> the biblatex ``pubstate`` key (a bibstring, printed localised);
#: keys from the biblatex manual's ``pubstate`` entry (``prepublished``: plk/biblatex#32),
#: phrases as biblatex-csl-converter's ``pubstateOptions`` pairs them
PUBSTATE_KEYS: dict[str, str] = {
    "in preparation": "inpreparation",
    "submitted": "submitted",
    "forthcoming": "forthcoming",
    "in press": "inpress",
    "prepublished": "prepublished",
}
