"""BibTeX names (refs.text.names): BibTeX's three forms, literals, and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.model.reference import Name
from refs.text.names import OTHERS, format_bibtex_name, format_bibtex_names, parse_bibtex_names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Zabortseva, Yelena", Name(family="Zabortseva", given="Yelena")),
        ("Yelena Zabortseva", Name(family="Zabortseva", given="Yelena")),
        ("Ludwig van Beethoven", Name(family="Beethoven", given="Ludwig", particle="van")),
        ("van Beethoven, Ludwig", Name(family="Beethoven", given="Ludwig", particle="van")),
        ("Jean de la Fontaine", Name(family="Fontaine", given="Jean", particle="de la")),
        (
            "King, Jr., Martin Luther",
            Name(family="King", given="Martin Luther", suffix="Jr."),
        ),
        ("Plato", Name(family="Plato")),
        (r'M{\"u}ller, J{\"o}rg', Name(family="Müller", given="Jörg")),
        (r"{\v{S}}ebek, Jan", Name(family="Šebek", given="Jan")),
        ("Garc{\\'\\i}a M{\\'a}rquez, Gabriel", Name(family="García Márquez", given="Gabriel")),
        ("Ivan {Ivanov Petrov}", Name(family="Ivanov Petrov", given="Ivan")),
        ("J.~R.~R. Tolkien", Name(family="Tolkien", given="J. R. R.")),
        (
            "{Radio Free Europe/Radio Liberty}",
            Name(literal="Radio Free Europe/Radio Liberty"),
        ),
        ("{Barnes and Noble, Inc.}", Name(literal="Barnes and Noble, Inc.")),
    ],
)
def test_parse_one(raw: str, name: Name) -> None:
    """Each BibTeX name form splits into the expected CSL parts."""
    assert parse_bibtex_names(raw) == [name]


def test_and_only_at_depth_zero() -> None:
    """``and`` inside braces does not split; ``AND`` outside does."""
    names = parse_bibtex_names("{Barnes and Noble} AND Smith, J. and Doe, A.")
    assert [n.display() for n in names] == ["Barnes and Noble", "J. Smith", "A. Doe"]


def test_others_marker() -> None:
    """``and others`` becomes the et-al marker and is written back as ``others``."""
    names = parse_bibtex_names("Clarke, Michael and others")
    assert names[-1] == OTHERS
    assert format_bibtex_names(names) == "Clarke, Michael and others"


def test_special_character_decides_von() -> None:
    """A lower-case accented word ({\\"u}ber) is a von part, an upper-case one is not."""
    assert parse_bibtex_names(r'Hans {\"u}ber Alles')[0].particle == "über"
    assert parse_bibtex_names(r'Hans {\"U}ber Alles')[0].family == "Alles"
    assert parse_bibtex_names(r'Hans {\"U}ber Alles')[0].given == "Hans Über"


def test_format_protects_lowercase_family() -> None:
    """A family name with a lower-case word is braced so it is not read as von."""
    assert format_bibtex_name(Name(family="dos Santos", given="Ana")) == "{dos Santos}, Ana"


def test_empty_field() -> None:
    """An empty author field gives no names."""
    assert parse_bibtex_names("  ") == []


_upper = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=1)
_lower = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéš", min_size=1, max_size=8)
_cap = st.builds(lambda a, b: a + b, _upper, _lower)
_family = st.lists(_cap, min_size=1, max_size=2).map(" ".join)
_given = st.one_of(st.none(), st.lists(_cap, min_size=1, max_size=3).map(" ".join))
_particle = st.one_of(st.none(), st.sampled_from(["van", "de la", "von", "da"]))
_suffix = st.one_of(st.none(), st.sampled_from(["Jr.", "III"]))
_person = st.builds(
    lambda f, g, p, s: Name(family=f, given=g, particle=p, suffix=s if g else None),
    _family,
    _given,
    _particle,
    _suffix,
)
_institution = st.builds(lambda w: Name(literal=w + " and Co"), _family)


@settings(max_examples=150)
@given(st.lists(st.one_of(_person, _institution), min_size=1, max_size=5))
def test_round_trip(names: list[Name]) -> None:
    """Formatting any list of names and parsing it back gives the same names."""
    assert parse_bibtex_names(format_bibtex_names(names)) == names
