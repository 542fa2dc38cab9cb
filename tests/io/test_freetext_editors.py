"""The book inside an editor segment (refs.io.freetext.editors)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refs.io.freetext.editors import book_in_editors


@pytest.mark.parametrize(("editor", "book", "names"), [
    ("in Markov Random Fields: Theory and Applications (R. Chellappa, ed.),",
     "Markov Random Fields: Theory and Applications", "R. Chellappa, ed."),
    ("in Optics East (M. F. Lipson, G. Barbastathis, and K. Asakawa, eds.),",
     "Optics East", "M. F. Lipson, G. Barbastathis, and K. Asakawa, eds."),
    ("In: A. D. Baxevanis, B. F. Ouellette (Hrsg.): Bioinformatics (2. Aufl.,",
     "Bioinformatics", "A. D. Baxevanis, B. F. Ouellette"),
    ("In: Boethius: His Life, Thought and Influence. Ed. Margaret Gibson.",
     "Boethius: His Life, Thought and Influence.", "Margaret Gibson."),
    ("In Steppe Empires of the East. Edited by Anna Smith.",
     "Steppe Empires of the East.", "Anna Smith."),
    ("in New Trends in Macroeconomics, Diebolt, C., and Kyrtsou, C., (eds.),",
     "New Trends in Macroeconomics", "Diebolt, C., and Kyrtsou, C."),
    ("In What Is an Animal? Tim Ingold, ed.", "What Is an Animal?", "Tim Ingold"),
    ("In: A Manual of Acarology, Krantz G.W and D.E. Walter Eds.,",
     "A Manual of Acarology", "Krantz G.W and D.E. Walter"),
])
def test_the_book_is_read_out_of_the_editors(editor: str, book: str, names: str) -> None:
    got = book_in_editors({"title": "A chapter", "editor": editor})
    assert (got["container-title"], got["editor"], got["title"]) == (book, names, "A chapter")


@pytest.mark.parametrize("segments", [
    {"editor": "In S. Keys (ed.)"},                       # names only
    {"editor": "In Smith, J. (Ed.),"},
    {"editor": "in Ruth Katz and Ruth HaCohen (eds.),"},
    {"editor": "Anna Smith (ed.), Steppe Empires"},       # no "In": an edited book
    {"editor": "In Steppe Empires (Ed.)", "journal": "J"},  # a container already read
    {"editor": "In Steppe Empires (World Bank, ed.)"},    # an institution, not people
    {"editor": "In Smith, J., Lee, K. (eds.)"},
])
def test_editor_segments_without_a_book_are_left_alone(segments: dict[str, str]) -> None:
    assert book_in_editors(segments) == segments


@given(st.text(alphabet=st.sampled_from(list("In: ()A.b,eds?Hrsg"))) | st.text())
def test_never_raises_and_never_invents_words(editor: str) -> None:
    """Whatever the segment, the result only splits it: every word comes from it."""
    got = book_in_editors({"editor": editor})
    if got != {"editor": editor}:
        assert set(got) == {"editor", "container-title"}
        words = set(editor.replace("(", " ").replace(")", " ").split())
        for part in (got["editor"], got["container-title"]):
            assert set(part.replace("(", " ").replace(")", " ").split()) <= words | {
                w.strip(",;:") for w in words}
