"""Role words (refs.io.freetext.roles): every pattern built from them knows every word."""

from __future__ import annotations

import pytest

from refs.io.freetext.names import parse_names, strip_role_words
from refs.io.freetext.segment import segment
from refs.io.freetext.tail import parse_tail
from refs.model.reference import Name

#: each spelling of roles.BRACKETED_EDITOR
BRACKETED = ["Ed", "ed", "Eds", "eds", "Hrsg", "hrsg", "Dir", "dir", "Dirs", "dirs",
             "Coord", "coord", "Coords", "coords"]


@pytest.mark.parametrize("word", BRACKETED)
def test_an_edited_books_editors_stand_where_the_authors_go(word: str) -> None:
    """The segmenter reads 'Smith, J. (Ed.).' (any bracketed role) as the book's editors."""
    seg = segment(f"Smith, J. ({word}.). (2001). A book. London: Routledge.")
    assert seg.edited and seg.authors.strip(" .,") == "Smith, J"


@pytest.mark.parametrize("word", BRACKETED)
def test_a_chapters_editors_follow_in(word: str) -> None:
    """The tail reader takes 'In J. Smith (Ed.), Book' apart into editors and book."""
    tail = parse_tail(f"In J. Smith ({word}.), Book (pp. 1-9). London: Routledge.")
    assert tail.editors == ["J. Smith"] and tail.container == "Book"


@pytest.mark.parametrize("word", BRACKETED)
def test_the_role_is_no_part_of_a_name(word: str) -> None:
    """parse_names drops a bracketed role left after the names (it became a family name)."""
    assert parse_names(f"Binstock, R. H., & George, L. K. ({word}.).")[0] == [
        Name(family="Binstock", given="R. H."), Name(family="George", given="L. K.")]


def test_a_capitalised_ed_after_a_comma_is_a_given_name() -> None:
    """'Smith, Ed. 2001.' is Ed Smith's book: after a comma only lower case is a role."""
    assert not segment("Smith, Ed. 2001. A Book. London: Routledge.").edited


@pytest.mark.parametrize("words", ["Trans.", "Translated by", "Trans. by", "trans.",
                                   "translated by"])
def test_a_translators_sentence_names_the_translators(words: str) -> None:
    """A tail sentence opened by a translator word gives its names as translators."""
    tail = parse_tail(f"{words} Donald Nicholson-Smith. Oxford: Blackwell.")
    assert tail.translators == ["Donald Nicholson-Smith"]


@pytest.mark.parametrize("words", ["ed.", "eds.", "Edited by", "Hrsg.", "trans.", "transl.",
                                   "Translated by", "tr.", "Ed. and trans.",
                                   "Edited and translated by"])
def test_strip_role_words_leaves_the_names(words: str) -> None:
    """An editor or translator segment keeps only its names, whatever role word opens it."""
    assert strip_role_words(f"{words} Donald Nicholson-Smith").strip() == "Donald Nicholson-Smith"
