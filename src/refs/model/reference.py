"""The one in-memory shape of a work: :class:`Reference` and its value types.

Fields follow CSL-JSON variables (https://docs.citationstyles.org/en/stable/specification.html
#appendix-iv-variables) because CSL-JSON is what Zotero, pandoc, citeproc and Crossref
already speak; the BibTeX/RIS/Crossref readers in ``refs.io`` map onto it. Attribute
names are snake_case and the CSL spelling is the pydantic alias (``container_title`` <->
``container-title``, ``doi`` <-> ``DOI``), so ``model_dump(by_alias=True)`` is CSL-JSON.

Validators here check shape only; normalisation (DOI case, LaTeX, name splitting) lives
in ``refs.text`` and is applied by the readers, which keeps this module importable
everywhere and the normalisers testable on their own.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DateParts", "Name", "PageRange", "Reference", "SourceSpan"]

#: CSL item types refs produces (CSL 1.0.2 appendix III). Readers may keep others verbatim.
CSL_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "chapter",
        "dataset",
        "document",
        "entry-encyclopedia",
        "legislation",
        "manuscript",
        "paper-conference",
        "patent",
        "personal_communication",
        "post",
        "post-weblog",
        "report",
        "review",
        "software",
        "speech",
        "standard",
        "thesis",
        "webpage",
    }
)


class Name(BaseModel):
    """A personal or institutional name, in CSL's parts.

    ``literal`` holds a name that must never be split (``Radio Free Europe/Radio
    Liberty``); ``particle`` is CSL's non-dropping particle (``van``, ``de la``).
    """

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    family: str | None = None
    given: str | None = None
    particle: str | None = Field(default=None, alias="non-dropping-particle")
    dropping_particle: str | None = Field(default=None, alias="dropping-particle")
    suffix: str | None = None
    literal: str | None = None
    orcid: str | None = Field(default=None, alias="ORCID")

    @property
    def is_institution(self) -> bool:
        """True for a name kept whole (an organisation, a committee, a ministry)."""
        return self.literal is not None and self.family is None

    def display(self) -> str:
        """The name in natural order, for messages and reports."""
        if self.literal is not None:
            return self.literal
        parts = [self.given, self.dropping_particle, self.particle, self.family]
        text = " ".join(p for p in parts if p)
        return f"{text}, {self.suffix}" if self.suffix else text


class DateParts(BaseModel, frozen=True):
    """A date as CSL date-parts, possibly partial (year only, year-month), or a literal."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    circa: bool = False
    #: a date refs could not split into parts, kept as written ("Spring 2004", "n.d.")
    literal: str | None = None

    @property
    def season(self) -> int | None:
        """1-4 (spring, summer, autumn, winter) when the month names a season, else None.

        CSL-JSON writes a season as month 13-16 (citeproc-js) or 21-24 (EDTF, biblatex);
        refs's readers give 13-16 for a season spelled in another format's own way.
        """
        if self.month is not None and (13 <= self.month <= 16 or 21 <= self.month <= 24):
            return (self.month - 1) % 4 + 1
        return None

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or the literal)."""
        if self.year is None:
            return self.literal or ""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out


class PageRange(BaseModel, frozen=True):
    """Pages as first and last, strings because pages can be ``xii`` or ``e1003``."""

    first: str
    last: str | None = None

    def __str__(self) -> str:
        return f"{self.first}–{self.last}" if self.last else self.first


class SourceSpan(BaseModel, frozen=True):
    """Where a record came from: the file and its 1-based lines, for messages and round trips."""

    path: str | None = None
    line: int
    end_line: int
    #: the line the key is written on when it is not ``line`` (an RIS record's ``ID``)
    key_line: int | None = None
    #: character offsets of the raw block in the decoded source text (end exclusive)
    start: int | None = None
    end: int | None = None


#: bumped whenever any Reference's ``id`` or ``ids`` is assigned, so a Library's key index
#: knows an entry may have been re-keyed (see :class:`refs.model.library.Library`)
KEY_EPOCH = [0]


class Reference(BaseModel):
    """One work: the single shape every reader produces and every feature consumes.

    ``id`` is the citation key. ``ids`` are former keys kept as aliases after a merge,
    so that manuscripts citing them still resolve. ``extra`` holds every input field
    refs has no variable for, verbatim (BibTeX field name -> raw value), so nothing is
    lost. ``bibtex_type`` remembers the BibTeX entry type the record was read from,
    where there was one, because CSL types are coarser (``@online`` and ``@misc`` can
    both become ``webpage``/``document``).
    """

    model_config = ConfigDict(populate_by_name=True, validate_assignment=True)

    def __setattr__(self, name: str, value: object) -> None:
        if name in ("id", "ids"):
            KEY_EPOCH[0] += 1
        super().__setattr__(name, value)

    id: str
    type: str = "document"
    bibtex_type: str | None = None
    ids: list[str] = Field(default_factory=list)

    title: str | None = None
    title_short: str | None = Field(default=None, alias="title-short")
    author: list[Name] = Field(default_factory=list)
    editor: list[Name] = Field(default_factory=list)
    translator: list[Name] = Field(default_factory=list)
    issued: DateParts | None = None
    accessed: DateParts | None = None

    container_title: str | None = Field(default=None, alias="container-title")
    collection_title: str | None = Field(default=None, alias="collection-title")
    collection_number: str | None = Field(default=None, alias="collection-number")
    event_title: str | None = Field(default=None, alias="event-title")
    volume: str | None = None
    issue: str | None = None
    number: str | None = None
    page: PageRange | None = None
    number_of_pages: str | None = Field(default=None, alias="number-of-pages")
    edition: str | None = None
    publisher: str | None = None
    publisher_place: str | None = Field(default=None, alias="publisher-place")
    genre: str | None = None

    doi: str | None = Field(default=None, alias="DOI")
    isbn: list[str] = Field(default_factory=list, alias="ISBN")
    issn: list[str] = Field(default_factory=list, alias="ISSN")
    url: str | None = Field(default=None, alias="URL")

    abstract: str | None = None
    keyword: list[str] = Field(default_factory=list)
    language: str | None = None
    note: str | None = None

    extra: dict[str, str] = Field(default_factory=dict)
    span: SourceSpan | None = Field(default=None, exclude=True)
    #: CSL variables a CSL-JSON file gave as JSON numbers (``"volume": 12``), which refs
    #: holds as text: the CSL-JSON writer gives them back as numbers while their text is
    #: still a number's. Not content (``12`` and ``"12"`` are the same volume), never dumped.
    csl_numbers: frozenset[str] = Field(default_factory=frozenset, exclude=True)

    @property
    def key(self) -> str:
        """The citation key (CSL calls it ``id``)."""
        return self.id

    @property
    def year(self) -> int | None:
        """The year of issue, the field most comparisons start from."""
        return self.issued.year if self.issued else None

    def all_keys(self) -> list[str]:
        """The key and every alias, in that order."""
        return [self.id, *self.ids]

    def content(self) -> dict[str, object]:
        """The fields that describe the work, without key, aliases or where it was read.

        Two records with equal content describe the work identically; the writers use
        this to tell an untouched entry from an edited one.
        """
        return self.model_dump(exclude={"id", "ids", "span"}, exclude_defaults=True)
