"""R601-R603 answer from the enrich cache only: findings after enrich, silence before."""

from __future__ import annotations

from pathlib import Path

from fakes.crossref import FakeCrossref, crossref_message, settings_for
from refs.check.runner import run
from refs.enrich.engine import enrich
from refs.io.bibtex import loads

BIB = """@article{corrected,
  title = {Methylphenidate Exposure Induces Dopamine Neuron Loss},
  doi = {10.1371/journal.pone.0033693},
}

@article{gone,
  title = {Missing},
  doi = {10.5555/no-such-doi},
}

@article{retracted,
  title = {Kazakhstan's multi-vector foreign policy in transition},
  author = {Clarke, Michael},
  doi = {10.5555/retracted.1},
}
"""


def test_findings_come_from_the_cache_only(tmp_path: Path) -> None:
    """Before enrich nothing is known; after it R601/R602/R603 fire without any request."""
    with FakeCrossref() as fake:
        fake.load_recorded()
        fake.add_work(crossref_message(
            "10.5555/retracted.1", "Kazakhstan's multi-vector foreign policy in transition",
            authors=[("Clarke", "Michael")], year=2015,
            updated_by=[{"DOI": "10.5555/notice", "type": "retraction",
                         "source": "retraction-watch"}]))
        settings = settings_for(fake, cache=str(tmp_path / "c.sqlite"))
        library = loads(BIB, path="refs.bib")
        select = settings.merged(**{"check.select": ["R6"]})
        assert run(library, select) == []
        enrich(library, settings=settings)
        sent = len(fake.requests())
        found = {(d.code, d.key, d.location.line) for d in run(library, select)}
        assert len(fake.requests()) == sent
    assert found == {("R603", "corrected", 3), ("R601", "gone", 8), ("R602", "retracted", 14)}
