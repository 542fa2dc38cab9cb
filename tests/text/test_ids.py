"""DOI / ISBN / ISSN / arXiv normalisation and checksums."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.text.ids import (
    is_valid_arxiv,
    is_valid_doi,
    is_valid_isbn,
    is_valid_issn,
    normalize_doi,
    normalize_isbn,
    normalize_issn,
)


def _isbn13_check(first12: str) -> str:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(first12))
    return str((10 - total % 10) % 10)


def _isbn10_check(first9: str) -> str:
    total = sum((10 - i) * int(c) for i, c in enumerate(first9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _issn_check(first7: str) -> str:
    total = sum(int(c) * (8 - i) for i, c in enumerate(first7))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


class TestDoi:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("10.1080/09668136.2016.1153882", "10.1080/09668136.2016.1153882"),
            ("https://doi.org/10.1080/ABC", "10.1080/abc"),
            ("http://dx.doi.org/10.1080/abc", "10.1080/abc"),
            ("doi:10.1080/abc", "10.1080/abc"),
            ("DOI: https://doi.org/10.1080/abc", "10.1080/abc"),
            ("", None),
            ("https://example.org/paper", None),
        ],
    )
    def test_normalize(self, raw: str, expected: str | None) -> None:
        """Resolver prefixes and labels are stripped, case folded, non-DOIs give None."""
        assert normalize_doi(raw) == expected

    @pytest.mark.parametrize(
        "bad", ["10.1080/", "10.1080/a b", "doi", "1080/abc", "10.abcd/x", None]
    )
    def test_invalid(self, bad: str | None) -> None:
        """Malformed DOIs are rejected."""
        assert not is_valid_doi(bad)

    def test_loose_versus_strict(self) -> None:
        """SICI-style DOIs pass the loose rule only."""
        doi = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
        assert is_valid_doi(doi)
        assert not is_valid_doi(doi, strict=True)
        assert is_valid_doi("10.108/abc") and not is_valid_doi("10.108/abc", strict=True)

    @settings(max_examples=50)
    @given(
        registrant=st.integers(min_value=1000, max_value=999999999),
        suffix=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._;()/:", min_size=1,
                       max_size=30),
    )
    def test_generated_crossref_dois_round_trip(self, registrant: int, suffix: str) -> None:
        """Any DOI in Crossref's pattern is valid strictly, also behind a resolver URL."""
        doi = f"10.{registrant}/{suffix}"
        assert is_valid_doi(doi, strict=True)
        assert normalize_doi(f"https://doi.org/{doi.upper()}") == doi

    @settings(max_examples=50)
    @given(st.text(max_size=40))
    def test_normalize_is_idempotent(self, text: str) -> None:
        """Normalising twice changes nothing."""
        once = normalize_doi(text)
        assert normalize_doi(once) == once


class TestIsbn:
    @pytest.mark.parametrize(
        "good", ["978-0-306-40615-7", "0-306-40615-2", "ISBN 0-8044-2957-X", "9791032305690"]
    )
    def test_valid(self, good: str) -> None:
        """Known-good ISBN-10 and ISBN-13 pass."""
        assert is_valid_isbn(good)

    @pytest.mark.parametrize(
        "bad", ["978-0-306-40615-8", "0-306-40615-3", "1234567890123", "12345", "", None]
    )
    def test_invalid(self, bad: str | None) -> None:
        """Wrong check digits, wrong prefixes and wrong lengths fail."""
        assert not is_valid_isbn(bad)

    def test_normalize(self) -> None:
        """Separators and labels are removed and x becomes X."""
        assert normalize_isbn("ISBN-10: 0 8044 2957 x") == "080442957X"

    @settings(max_examples=60)
    @given(st.lists(digits, min_size=9, max_size=9), st.sampled_from(["978", "979"]))
    def test_computed_check_digits_pass_and_others_fail(
        self, body: list[str], prefix: str
    ) -> None:
        """An ISBN with its computed check digit passes; every other digit fails."""
        first12 = prefix + "".join(body)
        right = _isbn13_check(first12)
        assert is_valid_isbn(first12 + right)
        for wrong in "0123456789":
            if wrong != right:
                assert not is_valid_isbn(first12 + wrong)
        first9 = "".join(body)
        assert is_valid_isbn(first9 + _isbn10_check(first9))


class TestIssn:
    @pytest.mark.parametrize("good", ["0317-8471", "0966-8136", "2049-3630", "0000-006X"])
    def test_valid(self, good: str) -> None:
        """Known-good ISSNs pass."""
        assert is_valid_issn(good)

    @pytest.mark.parametrize("bad", ["0317-8472", "031-8471", "abcd-efgh", None])
    def test_invalid(self, bad: str | None) -> None:
        """Wrong check digits and shapes fail."""
        assert not is_valid_issn(bad)

    def test_normalize(self) -> None:
        """The canonical form has a hyphen in the middle."""
        assert normalize_issn("ISSN 03178471") == "0317-8471"

    @settings(max_examples=60)
    @given(st.lists(digits, min_size=7, max_size=7))
    def test_computed_check_digit(self, body: list[str]) -> None:
        """An ISSN with its computed check character passes."""
        first7 = "".join(body)
        assert is_valid_issn(f"{first7[:4]}-{first7[4:]}{_issn_check(first7)}")


class TestArxiv:
    @pytest.mark.parametrize(
        ("text", "ok"),
        [("2101.00001", True), ("0706.0001v3", True), ("hep-th/9901001", True),
         ("1501.0001", False), ("0706.00001", False), ("2113.00001", False), ("", False)],
    )
    def test_shapes(self, text: str, ok: bool) -> None:
        """New-style ids follow the 4/5-digit switch of 2015; old-style ids have an archive."""
        assert is_valid_arxiv(text) is ok
