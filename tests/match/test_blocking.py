"""Blocking keys: duplicates share a key, unrelated records rarely do, big blocks stay linear."""

from __future__ import annotations

from refs.match.blocking import MAX_BLOCK, WINDOW, blocking_keys, candidate_pairs
from refs.match.normalize import features
from refs.model.reference import DateParts, Name, Reference


def _ref(key: str, title: str, family: str = "Smith", year: int | None = 2000,
         **kw: object) -> Reference:
    return Reference(id=key, title=title, author=[Name(family=family, given="J.")],
                     issued=DateParts(year=year) if year else None, **kw)  # type: ignore[arg-type]


def test_seed_duplicates_share_a_key(seeds: dict[str, Reference]) -> None:
    """Both seed duplicate pairs are candidate pairs."""
    entries = list(seeds.values())
    pairs = candidate_pairs([features(e) for e in entries])
    keys = {(entries[i].id, entries[j].id) for i, j in pairs}
    keys |= {(b, a) for a, b in keys}
    assert ("laumulin2008works", "laumulin2008journal") in keys
    assert ("zabortseva2016works", "zabortseva2016routledge") in keys


def test_typo_in_first_title_word_still_blocks_together() -> None:
    """A typo at the start of a title leaves the title-suffix and author-year keys."""
    a = _ref("a", "Learning decision trees from noisy examples")
    b = _ref("b", "Leanring decision trees from noisy examples", family="Smyth", year=None)
    assert candidate_pairs([features(a), features(b)]) == {(0, 1)}


def test_doi_and_isbn_keys() -> None:
    """Records sharing only a DOI or an ISBN become candidates."""
    a = Reference(id="a", doi="10.1/X")
    b = Reference(id="b", doi="https://doi.org/10.1/x")
    assert "doi:10.1/x" in blocking_keys(features(a))
    assert candidate_pairs([features(a), features(b)]) == {(0, 1)}
    c = Reference(id="c", isbn=["0-306-40615-2"])
    d = Reference(id="d", isbn=["978-0-306-40615-7"])
    assert candidate_pairs([features(c), features(d)]) == {(0, 1)}


def test_unrelated_records_are_not_paired() -> None:
    """Different titles by different authors in different years share no key."""
    a = _ref("a", "Learning decision trees from noisy examples")
    b = _ref("b", "Kazakhstan and Russia relations", family="Laumulin", year=2008)
    assert candidate_pairs([features(a), features(b)]) == set()


def test_oversized_block_is_windowed() -> None:
    """A block far larger than MAX_BLOCK yields about n*WINDOW pairs, not n²/2."""
    n = MAX_BLOCK * 5
    refs = [_ref(f"k{i}", f"Introduction part {i:04d} about things", year=2000)
            for i in range(n)]
    pairs = candidate_pairs([features(r) for r in refs])
    assert len(pairs) <= 3 * n * WINDOW
    assert len(pairs) < n * (n - 1) // 2
