"""find_duplicates: seed clusters, the chaining guard, and no-duplicate libraries."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.config import DedupeSettings, Settings
from refs.dedupe import find_duplicates, merge
from refs.match.similarity import compare
from refs.model.library import Library
from refs.model.reference import DateParts, Name, Reference

WORDS = [
    "river", "desert", "steppe", "empire", "treaty", "energy", "pipeline", "border", "market",
    "security", "migration", "nuclear", "oil", "uranium", "grain", "railway", "language",
    "identity", "nation", "state", "alliance", "frontier", "caravan", "silk", "horde",
    "khanate", "reform", "union", "customs",
]
FAMILIES = [
    "Abbas", "Bekova", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ivanova",
    "Jones", "Kim", "Lopez", "Muller", "Novak", "Olsen", "Petrov", "Quinn", "Rossi", "Sato",
]


def test_seed_clusters(seeds: dict[str, Reference]) -> None:
    """The seed library has exactly the Laumulin and Zabortseva-2016 clusters."""
    clusters = find_duplicates(Library(entries=list(seeds.values())))
    assert sorted(sorted(c.keys) for c in clusters) == [
        ["laumulin2008journal", "laumulin2008works"],
        ["zabortseva2016routledge", "zabortseva2016works"],
    ]
    for c in clusters:
        assert c.matches and all(m.result.decision == "same" for m in c.matches)


def test_settings_object_or_dedupe_settings(seeds: dict[str, Reference]) -> None:
    """find_duplicates accepts Settings or DedupeSettings; an impossible threshold finds none."""
    lib = Library(entries=list(seeds.values()))
    assert len(find_duplicates(lib, Settings())) == 2
    assert find_duplicates(lib, DedupeSettings(threshold=1.0)) == []


def test_chaining_guard_splits_unrelated_works() -> None:
    """A vague record linking two different works does not merge those two works."""
    def ref(key: str, title: str, **kw: object) -> Reference:
        return Reference(id=key, type="book", title=title,
                         author=[Name(family="Gill", given="Graeme")], **kw)  # type: ignore[arg-type]

    a = ref("a", "The dynamics of democratization: elites and civil society",
            issued=DateParts(year=2000), publisher="Macmillan")
    b = ref("b", "The dynamics of democratization: transition in Russia",
            issued=DateParts(year=2009), publisher="Routledge")
    vague = ref("v", "The dynamics of democratization")
    cfg = DedupeSettings(threshold=0.7)
    assert compare(a, vague, settings=cfg).decision == "same"
    assert compare(vague, b, settings=cfg).decision == "same"
    clusters = find_duplicates(Library(entries=[a, vague, b]), cfg)
    assert clusters  # the vague record still joins one of them
    for c in clusters:
        assert not {"a", "b"} <= set(c.keys)


def _distinct_library() -> st.SearchStrategy[list[Reference]]:
    entry = st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=4, max_size=7, unique=True),
        st.sampled_from(FAMILIES),
        st.integers(1950, 2024),
    )
    return st.lists(entry, min_size=0, max_size=12, unique_by=(lambda e: e[1])).map(
        lambda es: [
            Reference(id=f"k{i}", type="article-journal", title=" ".join(words).capitalize(),
                      author=[Name(family=fam, given="A.")], issued=DateParts(year=year))
            for i, (words, fam, year) in enumerate(es)
        ]
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_distinct_library())
def test_library_without_duplicates_is_unchanged(entries: list[Reference]) -> None:
    """Distinct works by distinct authors: no cluster, and applying the plan changes nothing."""
    lib = Library(entries=entries)
    assert find_duplicates(lib) == []
    plan = merge(lib)
    assert len(plan) == 0
    after = plan.apply(lib)
    assert [e.model_dump() for e in after.entries] == [e.model_dump() for e in entries]


def test_known_matches_pairs_new_records_with_the_library() -> None:
    """Each incoming record that is a work already in the library maps to that record;
    new works and pairs inside either side are not reported."""
    from refs.dedupe import known_matches
    from refs.model.reference import DateParts, Name, Reference

    def ref(key: str, title: str, family: str, year: int) -> Reference:
        return Reference(id=key, type="book", title=title, author=[Name(family=family)],
                         issued=DateParts(year=year))

    library = [ref("a", "The New Russian Foreign Policy", "Mandelbaum", 1998),
               ref("b", "Kazakhstan and Russia: Relations in Transition", "Laumulin", 2008)]
    incoming = [ref("x", "A Different Book Entirely About Ships", "Mandelbaum", 1998),
                ref("y", "The new Russian foreign policy", "Mandelbaum", 1998),
                ref("z", "The New Russian Foreign Policy", "Mandelbaum", 1998)]
    found = known_matches(library, incoming)
    assert sorted(found) == [1, 2]
    assert {found[1].key_a, found[2].key_a} == {"a"} and found[1].i == 0
    assert found[2].key_b == "z" and found[2].result.decision == "same"
    assert known_matches([], incoming) == {} and known_matches(library, []) == {}
