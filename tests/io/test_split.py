"""List splitting: one reference per line/paragraph/number, wrapped lines rejoined."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.io.freetext import split_references, split_with_lines
from refs.io.freetext.split import first_heading

A = "Allison, Roy. 2004. “Regionalism.” International Affairs 80(3): 463-483."
B = "Ahrari, Mohammed. 2011. The Great Powers Versus the Hegemon. New York: Palgrave."


def test_heading_is_skipped() -> None:
    """'Works Cited', 'References' and 'Bibliography' headings are not references."""
    for heading in ("Works Cited", "References", "Bibliography", "## References:"):
        assert split_references(f"{heading}\n\n{A}\n\n{B}\n") == [A, B]


def test_one_per_line_without_blank_lines() -> None:
    """A list with no blank lines splits at each line that reads as a new entry."""
    assert split_references(f"{A}\n{B}\n") == [A, B]


def test_wrapped_lines_are_rejoined() -> None:
    """A paragraph wrapped over lines is one reference; a broken hyphen is mended."""
    text = ("Allison, Roy. 2004. “Regionalism, Regional Struc-\ntures.” International\n"
            "   Affairs 80(3): 463-483.\n\n" + B)
    assert split_references(text) == [
        "Allison, Roy. 2004. “Regionalism, Regional Structures.” International Affairs "
        "80(3): 463-483.", B]


def test_numbered_lists() -> None:
    """'1.', '[2]' and '(3)' markers start entries and are removed."""
    text = f"1. {A}\n[2] {B}\n(3) {A}"
    assert split_references(text) == [A, B, A]


def test_footnote_with_two_works_is_split() -> None:
    """A footnote citing two works separated by ';' gives two strings."""
    text = ("[6] Russian Ministry of Foreign Affairs, “The Concept” (28 June 2000); Russian "
            "Ministry of Foreign Affairs, “Concept” (12 February 2013).")
    assert split_references(text) == [
        "Russian Ministry of Foreign Affairs, “The Concept” (28 June 2000)",
        "Russian Ministry of Foreign Affairs, “Concept” (12 February 2013)."]


def test_semicolon_inside_title_does_not_split() -> None:
    """A ';' inside quotes or parentheses belongs to the reference."""
    text = "[1] Doe, “War; Peace,” Journal (2001), 3."
    assert split_references(text) == ["Doe, “War; Peace,” Journal (2001), 3."]


def test_lines_are_reported() -> None:
    """Each string carries the 1-based line it starts on."""
    assert [n for n, _ in split_with_lines(f"References\n\n{A}\n\n{B}")] == [3, 5]


@settings(max_examples=50)
@given(st.lists(st.from_regex(r"[A-Z][a-z]{2,8}, [A-Z][a-z]{2,8}\. 20[0-2][0-9]\. [A-Z][a-z ]{5,30}"
                              r"\.", fullmatch=True), min_size=1, max_size=8))
def test_blank_separated_lists_keep_every_entry(entries: list[str]) -> None:
    """Entries separated by blank lines come back one for one, in order."""
    assert split_references("\n\n".join(entries)) == entries


def test_first_heading_is_found_with_its_line_and_words() -> None:
    """A Markdown heading or one with a colon gives its words; no heading gives None."""
    assert first_heading("Intro.\n\n## References:\n\nDoe, J. 2001. T.") == (3, "References")
    assert first_heading("Notes\n[1] Doe, J. 2001. T.") == (1, "Notes")
    assert first_heading("Doe, J. 2001. References and Notes. P.") is None
