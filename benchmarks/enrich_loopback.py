"""Enrichment throughput against a loopback Crossref with real latency and polite limits.

    python benchmarks/enrich_loopback.py            # 100 DOIs + 30 searches (the target)
    python benchmarks/enrich_loopback.py --quick    # 20 + 6, for a smoke run

The fake (tests/fakes/crossref.py) answers after 150 ms and announces Crossref's polite
limits: single records 10 req/s with 3 in flight, lists 3 req/s with 3 in flight. The
limits allow no less than max(100/10, 30/3) = 10 s (the pools are separate, so lookups
and searches may overlap): the wall time is reported as a ratio to that floor (target
<= 1.15) and to a one-request-at-a-time client through the same polite stack, measured
in the same run. A second run on the same cache must make zero requests in < 1 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the loopback fake lives with the tests

from fakes.crossref import FakeCrossref, PoolLimits, crossref_message, settings_for  # noqa: E402
from refs.enrich.engine import bibliographic, enrich  # noqa: E402
from refs.model.library import Library  # noqa: E402
from refs.model.reference import DateParts, Name, Reference  # noqa: E402
from refs.net.client import make_client  # noqa: E402
from refs.sources.crossref import CrossrefClient  # noqa: E402

#: distinct words so each search finds its own work first
WORDS = ("steppe caspian uranium pipeline customs union eurasian treaty border grain "  # noqa: SIM905 - prose reads better
         "railway astana moscow security oil gas migration language media energy "
         "nuclear space baikonur trade tariff labour diaspora orthodox islam army").split()


def _title(i: int) -> str:
    return " ".join(WORDS[(i * k + k * k) % len(WORDS)] for k in (1, 3, 5, 7, 11)) + f" {i}"


def build(fake: FakeCrossref, n_doi: int, n_search: int) -> Library:
    """Works on the fake, and a library citing them: DOIs for some, only text for others."""
    entries = []
    for i in range(n_doi + n_search):
        family = f"Author{i}"
        doi = fake.add_work(crossref_message(
            f"10.5555/bench.{i}", _title(i).capitalize(), authors=[(family, "A.")],
            year=1990 + i % 30, container="Central Asian Survey", volume=str(i % 40 + 1),
            page=f"{i}-{i + 20}"))
        if i < n_doi:
            entries.append(Reference(id=f"doi{i}", doi=doi))
        else:
            entries.append(Reference(id=f"text{i}", title=_title(i).capitalize(),
                                     author=[Name(family=family, given="A.")],
                                     issued=DateParts(year=1990 + i % 30)))
    return Library(entries=entries)


def sequential(fake: FakeCrossref, library: Library, cache: Path) -> float:
    """The baseline: the same requests one at a time through the same polite stack."""
    settings = settings_for(fake)
    start = time.perf_counter()
    with make_client(settings, cache=cache) as http:
        client = CrossrefClient(http.client, settings.net.crossref_url)
        for entry in library.entries:
            if entry.doi:
                client.fetch(entry.doi)
            else:
                client.search_records(bibliographic(entry), rows=5)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 DOIs + 6 searches")
    args = parser.parse_args()
    n_doi, n_search = (20, 6) if args.quick else (100, 30)
    floor = max(n_doi / 10, n_search / 3)
    with tempfile.TemporaryDirectory() as tmp, FakeCrossref(
            latency=0.150, single=PoolLimits(10, 1.0, 3, "polite-single"),
            listing=PoolLimits(3, 1.0, 3, "polite-array")) as fake:
        library = build(fake, n_doi, n_search)
        settings = settings_for(fake, cache=str(Path(tmp) / "cache.sqlite"))

        start = time.perf_counter()
        report = enrich(library, settings=settings)
        wall = time.perf_counter() - start
        first_requests = len(fake.requests())
        violations = fake.violations()
        peak = (fake.max_in_flight("single"), fake.max_in_flight("list"))

        start = time.perf_counter()
        again = enrich(library, settings=settings)
        second = time.perf_counter() - start
        second_requests = len(fake.requests()) - first_requests

        baseline = sequential(fake, library, Path(tmp) / "baseline.sqlite")

    print(f"entries: {n_doi} with DOI, {n_search} without; latency 150 ms; "
          "limits single 10/s c3, list 3/s c3")
    print(f"results: {report.counts()}")
    print(f"first run:  {wall:6.2f} s, {first_requests} requests, peak in flight "
          f"single {peak[0]} list {peak[1]}, violations {sum(violations.values())}")
    print(f"floor:      {floor:6.2f} s  -> ratio {wall / floor:.3f} (target <= 1.15)")
    print(f"sequential: {baseline:6.2f} s  -> refs is {baseline / wall:.2f}x faster")
    print(f"second run: {second:6.3f} s, {second_requests} requests, "
          f"{again.cache_hits} cache hits (target: 0 requests, < 1 s)")
    ok = wall / floor <= 1.15 and second_requests == 0 and second < 1.0 and not any(
        violations.values())
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
