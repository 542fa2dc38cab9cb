"""library.bib holds every work the seeds cite, once, with fields from the seeds only.

The expectations are computed from the seed texts in tests/data/seeds/ (unedited copies
of shared/seeds), not typed in, so a seed-driven edit of library.bib is checked the same
way a hand edit is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refs.io.bibtex import document, load
from refs.model.library import Library
from refs.model.reference import Name, Reference
from refs.text.keys import ascii_slug, significant_words

REPO = Path(__file__).resolve().parent.parent
LIBRARY = REPO / "library.bib"
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_POSSESSIVE = re.compile(r"[’']s\b", re.IGNORECASE)


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def library() -> Library:
    """library.bib loaded once for the module."""
    return load(LIBRARY)


def works_cited() -> list[tuple[str, int | None, str]]:
    """(author, year, line) for each item of seed 001's Works Cited list."""
    text = _seed("001")
    section = text.split("\nWorks Cited\n", 1)[1].split("\n[1]", 1)[0]
    items = []
    for line in (raw.strip() for raw in section.splitlines()):
        if not line:
            continue
        comma, stop = line.find(","), line.find(". ")
        # "Family, Given. Year." for people; "Institution Name. Date." for institutions
        end = comma if 0 <= comma < stop else stop
        author = line[:end].strip()
        # the year stands before the quoted title (articles) or is the first one (books)
        rest = line[end:]
        year = _YEAR.search(rest.split("“", 1)[0]) or _YEAR.search(rest)
        items.append((author, int(year.group(1)) if year else None, line))
    return items


def _first_name(ref: Reference) -> Name | None:
    names = ref.author or ref.editor
    return names[0] if names else None


def _author_text(ref: Reference) -> str:
    name = _first_name(ref)
    if name is None:
        return ""
    return name.literal or name.family or ""


def expected_key(ref: Reference) -> str:
    """The documented {author}{year}{title} key of ``ref`` (see library.bib's header)."""
    name = _first_name(ref)
    if name is None:
        author = "anon"
    elif name.family:
        author = ascii_slug(name.family)
    else:
        author = significant_words(name.literal or "")[0]
    year = str(ref.year) if ref.year is not None else "nd"
    source = ref.title or ref.abstract or ref.note or ""
    words = significant_words(_POSSESSIVE.sub("", source))
    return f"{author}{year}{words[0] if words else ''}"


def test_loads_without_diagnostics(library: Library) -> None:
    """library.bib parses completely: no parse, encoding or structure diagnostics."""
    assert len(library) > 0
    assert library.diagnostics == []


def test_every_works_cited_item_has_exactly_one_entry(library: Library) -> None:
    """Each Works Cited item of seed 001 matches one entry by first author and year."""
    items = works_cited()
    assert len(items) >= 40, "the Works Cited list of seed 001 was not found"
    for author, year, line in items:
        matches = [
            r for r in library
            if _author_text(r).casefold() == author.casefold() and r.year == year
        ]
        assert len(matches) == 1, f"{len(matches)} entries for: {line}"


def test_no_doi_anywhere(library: Library) -> None:
    """No seed gives a DOI, so no entry may carry one (none may be invented)."""
    seeds = "".join(_seed(p) for p in ("000", "001", "002", "003", "004"))
    assert not re.search(r"\b10\.\d{4,9}/", seeds)  # the premise: the seeds give no DOI
    for ref in library:
        assert ref.doi is None, ref.id
        assert not any(k.lower() == "doi" for k in ref.extra), ref.id


def test_keys_follow_the_documented_pattern(library: Library) -> None:
    """Every key is {author}{year}{title} (plus a/b on a collision) and keys are unique."""
    keys = library.keys()
    assert len(keys) == len(set(keys))
    for ref in library:
        base = expected_key(ref)
        assert re.fullmatch(re.escape(base) + r"[a-z]?", ref.id), (ref.id, base)
        assert re.fullmatch(r"[a-z]+(\d{4}|nd)[a-z]+", ref.id), ref.id


def test_gaps_are_visible(library: Library) -> None:
    """An entry lacking author, title or date says so in its note and suppresses E203."""
    blocks = document(library).blocks
    for i, block in enumerate(blocks):
        if block.kind != "entry":
            continue
        ref = library.get(block.key or "")
        assert ref is not None
        if (ref.author or ref.editor) and ref.title and ref.issued:
            continue
        assert ref.note and re.search(r"not (named|given)|gives no", ref.note), ref.id
        before = blocks[i - 1] if i else None
        assert before is not None and before.kind == "comment", ref.id
        assert re.search(r"%\s*refs:\s*ignore\s+E203\s*$", before.raw.rstrip()), ref.id


def test_publisher_pages_win_over_the_dissertation(library: Library) -> None:
    """Laumulin & Shaken 2008 takes volume, issue and pages from the journal's own page."""
    cite = _seed("003").split("How to Cite", 1)[1]
    volume, issue, first, last = re.search(r"(\d+)\((\d+)\), (\d+)-(\d+)", cite).groups()
    (ref,) = [r for r in library if _author_text(r) == "Laumulin"]
    assert (ref.volume, ref.issue or ref.number) == (volume, issue)
    assert ref.page is not None and (ref.page.first, ref.page.last) == (first, last)
    assert ref.note and "Caucuses" in ref.note  # the rejected spelling is recorded


def test_seed_002_book_is_merged_with_its_works_cited_item(library: Library) -> None:
    """Zabortseva 2016 is one entry, with Routledge's page count; 2011 is another work."""
    pages = re.search(r"(\d+) Pages", _seed("002")).group(1)
    zab = [r for r in library if _author_text(r) == "Zabortseva"]
    assert sorted(r.year or 0 for r in zab) == [2011, 2016]
    (book,) = [r for r in zab if r.year == 2016]
    assert book.extra.get("pagetotal", book.number_of_pages) in (pages, "{" + pages + "}")


def test_abstract_only_seeds_are_recorded(library: Library) -> None:
    """Seeds 000 and 004 (abstracts without author or title) each have one entry."""
    for prefix in ("000", "004"):
        first_sentence = _seed(prefix).split("\n")[2].split(".")[0]
        hits = [r for r in library if r.abstract and r.abstract.startswith(first_sentence)]
        assert len(hits) == 1, prefix
        assert not hits[0].author and not hits[0].title


def test_refs_check_finds_nothing(library: Library) -> None:
    """``refs check`` has no finding on library.bib, the opt-in key-pattern rule included."""
    from refs.check.runner import run
    from refs.config import Settings

    settings = Settings().merged(**{"check.extend_select": ["K501"]})
    assert [f"{d.code} {d.key}: {d.message}" for d in run(library, settings)] == []


def test_suppressions_hide_only_missing_source_fields(library: Library) -> None:
    """Without its suppression comments, library.bib fails only E203 on the gap entries."""
    from refs.check.runner import run
    from refs.io.bibtex import loads

    text = LIBRARY.read_text(encoding="utf-8").replace("% refs: ignore E203\n", "")
    findings = run(loads(text, path="library.bib"))
    gap_keys = {r.id for r in library if not ((r.author or r.editor) and r.title and r.issued)}
    assert {d.code for d in findings} == {"E203"}
    assert {d.key for d in findings} == gap_keys


def test_library_is_in_canonical_layout() -> None:
    """library.bib is already what ``refs fmt`` writes (so ``refs fmt --check`` passes)."""
    from refs.io.bibtex_fmt import format_text

    text = LIBRARY.read_text(encoding="utf-8")
    assert format_text(text) == text


#: values library.bib states that no seed spells out, each with the reason (kept in the
#: entry's note too); anything else must appear in a seed
NOT_VERBATIM: dict[str, str] = {
    "president of the russian federation": "expands note 18's “President Russian Fed”",
}


def _norm(text: str) -> str:
    """Text folded for 'does a seed say this': quotes, dashes, whitespace and case."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    return " ".join(text.translate(table).split()).casefold()


def test_fields_come_from_the_seeds(library: Library) -> None:
    """Every title, name, journal, publisher, place, URL, abstract, page range and
    volume(issue) in library.bib is written in some seed (nothing was invented)."""
    corpus = _norm(" ".join(_seed(p) for p in ("000", "001", "002", "003", "004")))
    for ref in library:
        said: list[str] = [
            v for v in (ref.title, ref.container_title, ref.publisher, ref.publisher_place,
                        ref.url, ref.abstract, ref.event_title) if v
        ]
        for name in (*ref.author, *ref.editor):
            said += [p for p in (name.family, name.literal) if p]
        if ref.page is not None:
            said.append(f"{ref.page.first}-{ref.page.last}" if ref.page.last else ref.page.first)
        if ref.volume and (ref.issue or ref.number):
            said.append(f"{ref.volume}({ref.issue or ref.number})")
        for value in said:
            if _norm(value) in NOT_VERBATIM:
                assert ref.note and "President Russian Fed" in ref.note, ref.id
                continue
            assert _norm(value) in corpus, (ref.id, value)
