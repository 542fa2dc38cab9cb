"""Merge plans: seed merges, survivor choice, aliases, apply, and the no-loss property."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.dedupe import find_duplicates, merge, merge_cluster
from refs.dedupe.merge import _show
from refs.model.library import Library
from refs.model.reference import DateParts, Name, PageRange, Reference

UNITED = {"isbn", "issn", "keyword"}


def _conflict(plan_conflicts: Any, field: str) -> dict[str, str]:
    found = [c for c in plan_conflicts if c.field == field]
    assert len(found) == 1, f"expected one conflict on {field}"
    return dict(found[0].values)


class TestSeeds:
    def test_laumulin_merge_lists_the_conflicts(self, seeds: dict[str, Reference]) -> None:
        """Volume 49 vs 9, pages 112–122 vs 112–124 and Caucuses vs CAUCASUS are all listed."""
        m = merge_cluster([seeds["laumulin2008works"], seeds["laumulin2008journal"]])
        assert _conflict(m.conflicts, "volume") == {"laumulin2008works": "49",
                                                    "laumulin2008journal": "9"}
        pages = _conflict(m.conflicts, "page")
        assert pages == {"laumulin2008works": "112\u2013122", "laumulin2008journal": "112\u2013124"}
        containers = _conflict(m.conflicts, "container-title")
        assert containers["laumulin2008works"] == "Central Asia and the Caucuses"
        assert containers["laumulin2008journal"] == "CENTRAL ASIA AND THE CAUCASUS"

    def test_laumulin_merge_prefers_full_names_and_normal_case(
        self, seeds: dict[str, Reference]
    ) -> None:
        """Full given names beat initials; a normally-cased title beats the SHOUTED one."""
        m = merge_cluster([seeds["laumulin2008journal"], seeds["laumulin2008works"]])
        assert [n.given for n in m.merged.author] == ["Murat", "Mukhtar"]
        assert m.merged.title is not None and not m.merged.title.isupper()
        assert m.merged.url == seeds["laumulin2008journal"].url  # a gap filled, not a conflict

    def test_old_keys_become_aliases(self, seeds: dict[str, Reference]) -> None:
        """The survivor keeps every other member's key (and its aliases) in ids."""
        works = seeds["zabortseva2016works"].model_copy(update={"ids": ["zab16"]})
        m = merge_cluster([works, seeds["zabortseva2016routledge"]])
        keys = {m.merged.id, *m.merged.ids}
        assert keys == {"zabortseva2016works", "zab16", "zabortseva2016routledge"}
        assert m.merged.id not in m.merged.ids

    def test_apply_replaces_each_cluster_by_its_survivor(self, seeds: dict[str, Reference]
                                                         ) -> None:
        """Applying the plan to the seed library leaves three entries; every key resolves."""
        lib = Library(entries=list(seeds.values()))
        plan = merge(lib)
        assert len(plan) == 2
        after = plan.apply(lib)
        assert len(after) == 3
        for key in seeds:
            assert after.get(key) is not None
        assert len(lib) == 5  # the input library is not modified

    def test_prefer_picks_the_survivor(self, seeds: dict[str, Reference]) -> None:
        """prefer= makes a chosen record the survivor (e.g. the one in library.bib)."""
        members = [seeds["laumulin2008works"], seeds["laumulin2008journal"]]
        m = merge_cluster(members, prefer=lambda r: r.id == "laumulin2008works")
        assert m.survivor == "laumulin2008works"
        assert m.removed == ("laumulin2008journal",)

    def test_type_specific_fields_are_not_grafted_across_kinds(self) -> None:
        """A report survivor does not take an article record's journal and issue."""
        report = Reference(id="r", type="report", title="A new European security order",
                           author=[Name(family="Charap", given="Samuel")],
                           issued=DateParts(year=2014), number="15", publisher="FRS")
        article = report.model_copy(update={
            "id": "a", "type": "article-journal", "number": None, "publisher": None,
            "container_title": "Foundation for Strategy Research", "issue": "15",
            "url": "https://example.org/r"})
        m = merge_cluster([report, article], prefer=lambda r: r.id == "r")
        assert m.merged.container_title is None and m.merged.issue is None
        assert m.merged.url == "https://example.org/r"  # type-neutral gaps are filled
        dropped = _conflict(m.conflicts, "container-title")
        assert dropped == {"a": "Foundation for Strategy Research"}

    def test_same_key_from_another_file_adds_no_alias(self, seeds: dict[str, Reference]
                                                      ) -> None:
        """An import record with the library record's own key is merged without a self-alias."""
        lib_rec = seeds["laumulin2008works"]
        imported = seeds["laumulin2008journal"].model_copy(update={"id": lib_rec.id})
        m = merge_cluster([lib_rec, imported], prefer=lambda r: r is lib_rec)
        assert m.removed == ()
        assert lib_rec.id not in m.merged.ids

    def test_merge_accepts_clusters(self, seeds: dict[str, Reference]) -> None:
        """merge() takes a library, one cluster, or a list of clusters."""
        clusters = find_duplicates(Library(entries=list(seeds.values())))
        assert len(merge(clusters[0])) == 1
        assert len(merge(clusters)) == 2


_names = st.lists(
    st.builds(Name, family=st.sampled_from(["Laumulin", "LAUMULIN", "Shaken"]),
              given=st.sampled_from([None, "M.", "Murat"])),
    max_size=3,
)
_reference = st.builds(
    Reference,
    id=st.just("x"),
    type=st.sampled_from(["document", "article-journal", "book"]),
    title=st.sampled_from([None, "Kazakhstan and Russia", "KAZAKHSTAN AND RUSSIA", "Other"]),
    author=_names,
    issued=st.sampled_from([None, DateParts(year=2008), DateParts(year=2008, month=2)]),
    container_title=st.sampled_from([None, "Central Asia and the Caucuses",
                                     "CENTRAL ASIA AND THE CAUCASUS"]),
    volume=st.sampled_from([None, "9", "49"]),
    page=st.sampled_from([None, PageRange(first="112"), PageRange(first="112", last="122"),
                          PageRange(first="112", last="124")]),
    isbn=st.lists(st.sampled_from(["9780306406157", "9781138648845"]), max_size=2,
                  unique=True),
    keyword=st.lists(st.sampled_from(["russia", "kazakhstan"]), max_size=2, unique=True),
    extra=st.dictionaries(st.sampled_from(["abstract2", "x-note"]),
                          st.sampled_from(["a", "b"]), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_reference, min_size=1, max_size=4))
def test_merge_never_drops_a_value_without_a_conflict(refs: list[Reference]) -> None:
    """Every member value is kept, united, or listed (with its source key) as a conflict."""
    members = [r.model_copy(update={"id": f"k{i}"}) for i, r in enumerate(refs)]
    m = merge_cluster(members)
    listed = {(c.field, key, value) for c in m.conflicts for key, value in c.values}
    for r in members:
        for field, info in Reference.model_fields.items():
            if field in {"id", "ids", "span", "extra"}:
                continue
            value = getattr(r, field)
            if value in (None, [], "", info.get_default(call_default_factory=True)):
                continue
            kept = getattr(m.merged, field)
            if field in UNITED:
                assert set(value) <= set(kept)
            elif value != kept:
                name = info.alias or field
                assert (name, r.id, _show(value)) in listed, (field, value)
        for name, value in r.extra.items():
            if value != m.merged.extra.get(name):
                assert (f"extra.{name}", r.id, value) in listed
        if r.id != m.survivor:
            assert r.id in m.merged.ids


def _article(key: str, journal: str, **more: Any) -> Reference:
    return Reference(id=key, type="article-journal", title="Steppe Politics",
                     container_title=journal, **more)


def test_a_spelled_out_journal_beats_its_abbreviation() -> None:
    """The DOI record wins the other fields, but not with 'Cent. Asian Surv.' against the
    name written out; the abbreviation is still listed as a conflict."""
    m = merge_cluster([_article("full", "Central Asian Survey"),
                       _article("doi", "Cent. Asian Surv.", doi="10.1080/0263493012")])
    assert m.merged.id == "doi" and m.merged.container_title == "Central Asian Survey"
    assert _conflict(m.conflicts, "container-title")["doi"] == "Cent. Asian Surv."
    jacs = merge_cluster([_article("a", "J. Am. Chem. Soc.", doi="10.1021/x"),
                          _article("b", "Journal of the American Chemical Society")])
    assert jacs.merged.container_title == "Journal of the American Chemical Society"


def test_a_longer_journal_name_is_not_taken_for_an_abbreviation() -> None:
    """'Nature' does not stand for 'Nature Reviews Genetics', nor 'Proc. Natl.' for a name
    with more words: word for word or not at all."""
    m = merge_cluster([_article("a", "Nature.", doi="10.1038/x"),
                       _article("b", "Nature Reviews Genetics")])
    assert m.merged.container_title == "Nature."
    m = merge_cluster([_article("a", "Proc. Natl.", doi="10.1073/x"),
                       _article("b", "Proceedings of the National Academy of Sciences")])
    assert m.merged.container_title == "Proc. Natl."
