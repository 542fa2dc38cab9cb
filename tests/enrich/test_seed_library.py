"""The seed library against the loopback fake: seed works are found, nothing else is claimed."""

from __future__ import annotations

from pathlib import Path

from fakes.crossref import FakeCrossref, PoolLimits, crossref_message, settings_for
from refs.enrich.engine import enrich
from refs.io.bibtex import load

LIBRARY = Path(__file__).resolve().parents[2] / "library.bib"

#: seed works as Crossref would describe them, under Crossref's test prefix 10.5555
#: (synthetic DOIs: the seeds give none). Laumulin & Shaken carry the volume the journal's
#: own site gives (49), which the seed library records as 9 -- a conflict to report.
SEED_WORKS = {
    "zabortseva2016russia": crossref_message(
        "10.5555/seed.zabortseva2016", "Russia's Relations with Kazakhstan",
        authors=[("Zabortseva", "Yelena Nikolayevna")], year=2016, kind="monograph",
        publisher="Routledge") | {"subtitle": ["Rethinking Ex-Soviet Transitions in the "
                                               "Emerging World System"],
                                  "ISBN": ["9781138925045"]},
    "laumulin2008kazakhstan": crossref_message(
        "10.5555/seed.laumulin2008", "Kazakhstan and Russia: Relations as Part of Russia's "
        "Foreign Policy Strategy", authors=[("Laumulin", "Murat"), ("Shaken", "Mukhtar")],
        year=2008, container="Central Asia and the Caucasus", volume="49", issue="1",
        page="112-124"),
    "clarke2015kazakhstan": crossref_message(
        "10.5555/seed.clarke2015", "Kazakhstan's Multi-vector Foreign Policy: Diminishing "
        "Returns in an Era of Great Power 'Pivots'?", authors=[("Clarke", "Michael")],
        year=2015, container="The ASAN Forum"),
}


def test_seed_library_enriches_only_what_it_should(tmp_path: Path) -> None:
    """Seed works get their DOI; a volume disagreement is a conflict; no other entry is claimed."""
    library = load(LIBRARY)
    with FakeCrossref(listing=PoolLimits(60, 1.0, 3, "polite-array"),
                      single=PoolLimits(60, 1.0, 3, "polite-single")) as fake:
        fake.load_recorded()
        for message in SEED_WORKS.values():
            fake.add_work(message)
        report = enrich(library, settings=settings_for(fake, cache=str(tmp_path / "c.sqlite")))
    by_key = {r.key: r for r in report.results}
    for key, message in SEED_WORKS.items():
        assert by_key[key].status == "updated", (key, by_key[key].reason)
        assert by_key[key].doi == message["DOI"]
    assert ("volume", "9", "49") in {(c.field, c.here, c.there)
                                    for c in by_key["laumulin2008kazakhstan"].conflicts}
    claimed = {r.key for r in report.results if r.doi and r.status == "updated"}
    assert claimed == set(SEED_WORKS)
    zabortseva = report.library.get("zabortseva2016russia")
    assert zabortseva is not None and zabortseva.isbn == ["9781138925045"]
    assert zabortseva.publisher == "Routledge"  # the user's value, unchanged
