"""Citation keys: pattern, transliteration, uniqueness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.model.reference import DateParts, Name, Reference
from refs.text.keys import (
    ascii_slug,
    holds_bibtex_field,
    holds_bibtex_key,
    is_citation_key,
    make_key,
)


def _ref(**kw: object) -> Reference:
    return Reference(id="tmp", **kw)  # type: ignore[arg-type]


def test_default_pattern_family_year_first_significant_word() -> None:
    """The default key is family name + year + first significant title word."""
    r = _ref(author=[Name(family="Mandelbaum", given="Michael")],
             issued=DateParts(year=1998), title="The New Russian Foreign Policy")
    assert make_key(r) == "mandelbaum1998new"


def test_cyrillic_family_is_transliterated() -> None:
    """Cyrillic names become ASCII rather than disappearing."""
    r = _ref(author=[Name(family="Лаумулин")], issued=DateParts(year=2008), title="Казахстан")
    assert make_key(r) == "laumulin2008kazakhstan"


def test_institution_uses_first_significant_word() -> None:
    """An institutional author contributes its first significant word."""
    r = _ref(author=[Name(literal="The Russian Ministry of Foreign Affairs")],
             issued=DateParts(year=2000), title="Concept")
    assert make_key(r) == "russian2000concept"


def test_possessive_is_dropped_from_title_word() -> None:
    """"Russia’s Relations" gives 'russia', as library.bib's keys do."""
    r = _ref(author=[Name(family="Zabortseva")], issued=DateParts(year=2016),
             title="Russia’s Relations with Kazakhstan")
    assert make_key(r) == "zabortseva2016russia"


def test_missing_parts_have_placeholders() -> None:
    """No author gives 'anon', no year gives 'nd'."""
    assert make_key(_ref(title="Cooperation With Kazakhstan")) == "anonndcooperation"


def test_collisions_get_letter_suffixes() -> None:
    """Keys already taken get a, b, ... appended."""
    r = _ref(author=[Name(family="Zabortseva")], issued=DateParts(year=2016), title="Russia")
    taken = {"zabortseva2016russia", "zabortseva2016russiaa"}
    assert make_key(r, taken=taken) == "zabortseva2016russiab"


def test_authors_placeholder_and_et_al() -> None:
    """{authors} joins up to three families and abbreviates more with etal."""
    names = [Name(family=f) for f in ("Donaldson", "Nogee", "Nadkarni", "Other")]
    assert make_key(_ref(author=names[:3]), "{authors}{year}") == "donaldsonnogeenadkarnind"
    assert make_key(_ref(author=names), "{authors}") == "donaldsonetal"


def test_unknown_placeholder_is_an_error() -> None:
    """A typo in the pattern is reported, not silently ignored."""
    with pytest.raises(ValueError, match="unknown key placeholder"):
        make_key(_ref(), "{autor}{year}")


@settings(max_examples=60)
@given(st.text(max_size=30), st.text(max_size=60), st.integers(1000, 2100))
def test_keys_are_ascii_alnum(family: str, title: str, year: int) -> None:
    """Whatever the input, the key is ASCII letters and digits only."""
    r = _ref(author=[Name(family=family)], title=title, issued=DateParts(year=year))
    key = make_key(r)
    assert key.isascii() and key.isalnum()
    assert ascii_slug(key) == key


@given(st.text(min_size=1, max_size=12))
def test_a_citation_key_can_always_be_written(key: str) -> None:
    """Every key refs takes as a citation key is one the BibTeX writer holds, so a key
    `refs import` keeps never makes --into fail."""
    if is_citation_key(key):
        assert holds_bibtex_key(key)


@pytest.mark.parametrize("name", ["a,b", "a=b", "a{b", "a}b", 'a"b', "a\\b", "a\nb", " a", "a ",
                                  ""])
def test_keys_and_field_names_share_one_rule(name: str) -> None:
    """What ends a BibTeX name ends a key and a field name alike: one rule for both."""
    assert not holds_bibtex_key(name) and not holds_bibtex_field(name)


def test_keys_and_field_names_differ_only_in_parentheses() -> None:
    """A key may hold parentheses in a braced entry (not ')' in one written @book(...),
    nor '@name(' anywhere); a field name holds none (btparse and biber take none)."""
    assert holds_bibtex_key("smith(2008)") and not holds_bibtex_field("smith(2008)")
    assert not holds_bibtex_key("smith(2008)", parenthesized=True)
    assert holds_bibtex_key("a(b", parenthesized=True)
    assert not holds_bibtex_key("x@misc(y") and not holds_bibtex_field("x@misc(y")
    assert holds_bibtex_key("csl:event-place") and holds_bibtex_field("csl:event-place")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list('ab:-_(),={}"\\ @\n')), max_size=8))
def test_a_field_name_that_holds_is_a_key_that_holds(name: str) -> None:
    """The field-name rule is the key rule and more (parentheses), never less."""
    if holds_bibtex_field(name):
        assert holds_bibtex_key(name) and holds_bibtex_key(name, parenthesized=True)
