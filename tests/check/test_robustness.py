"""refs check on arbitrary input: never crashes, always sorted, suppressions always honoured."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.check.runner import run, sort_key
from refs.io.bibtex import loads

FIELDS = ["author", "title", "year", "date", "month", "pages", "doi", "isbn", "issn", "url",
          "journal", "booktitle", "editor"]
VALUES = st.text(alphabet="abcXYZ019 -./:{}\\\"%,=@#", max_size=25)


@st.composite
def entries(draw: st.DrawFn) -> str:
    """A BibTeX entry of a random type with random (often broken) fields."""
    etype = draw(st.sampled_from(["article", "book", "online", "misc", "report", "weird"]))
    key = draw(st.sampled_from(["a", "b", "A", "k2001x", ""]))
    fields = draw(st.lists(st.tuples(st.sampled_from(FIELDS), VALUES), max_size=6))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{etype}{{{key},\n{body}\n}}\n"


@st.composite
def files(draw: st.DrawFn) -> str:
    """Several entries, some with a suppression comment or garbage in between."""
    parts = []
    for text in draw(st.lists(entries(), max_size=5)):
        if draw(st.booleans()):
            parts.append("% refs: ignore E2\n")
        parts.append(text)
        if draw(st.integers(0, 9)) == 0:
            parts.append(draw(st.text(alphabet="@{}%= x\n", max_size=15)))
    return "\n".join(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_any_input_gives_sorted_findings(text: str) -> None:
    """Whatever the text, check returns findings in stable order and never raises."""
    found = run(loads(text, path="x.bib"))
    assert [sort_key(d) for d in found] == sorted(sort_key(d) for d in found)
    assert all(d.location.line >= 1 and d.location.col >= 1 for d in found)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries(), min_size=1, max_size=4))
def test_ignore_file_silences_everything(texts: list[str]) -> None:
    """`% refs: ignore-file E, W, D, K` leaves no finding of those families from the rules."""
    text = "% refs: ignore-file E, W, D, K\n" + "\n".join(texts)
    assert run(loads(text, path="x.bib")) == []
