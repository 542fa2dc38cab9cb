"""Atomic writes, diffs and tolerant decoding (refs.io.files)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.errors import ParseError, WriteError
from refs.io.files import atomic_write, decode_bytes, read_text, unified_diff


class TestAtomicWrite:
    def test_writes_new_file(self, tmp_path: Path) -> None:
        """A new file gets exactly the text, newlines untranslated."""
        target = tmp_path / "a.bib"
        atomic_write(target, "x\r\ny\n")
        assert target.read_bytes() == b"x\r\ny\n"

    def test_keeps_permission_bits(self, tmp_path: Path) -> None:
        """Replacing a file keeps its mode (a group-writable library stays so)."""
        target = tmp_path / "a.bib"
        target.write_text("old")
        os.chmod(target, 0o664)
        atomic_write(target, "new")
        assert stat.S_IMODE(target.stat().st_mode) == 0o664
        assert target.read_text() == "new"

    def test_no_temp_file_left(self, tmp_path: Path) -> None:
        """Only the target remains in the directory after a write."""
        atomic_write(tmp_path / "a.bib", "text")
        assert [p.name for p in tmp_path.iterdir()] == ["a.bib"]

    def test_failure_leaves_old_file_and_no_temp(self, tmp_path: Path) -> None:
        """A write into a missing directory raises WriteError with the path and a hint."""
        target = tmp_path / "missing" / "a.bib"
        with pytest.raises(WriteError) as info:
            atomic_write(target, "text")
        assert info.value.path == str(target)
        assert info.value.hint

    def test_symlink_is_followed(self, tmp_path: Path) -> None:
        """Writing through a symlink updates the real file and keeps the link."""
        real = tmp_path / "real.bib"
        real.write_text("old")
        link = tmp_path / "link.bib"
        link.symlink_to(real)
        atomic_write(link, "new")
        assert link.is_symlink() and real.read_text() == "new"

    def test_unencodable_text(self, tmp_path: Path) -> None:
        """Text that the encoding cannot hold is a WriteError and the old file stays."""
        target = tmp_path / "a.bib"
        target.write_text("old")
        with pytest.raises(WriteError):
            atomic_write(target, "Müller", encoding="ascii")
        assert target.read_text() == "old"
        assert len(list(tmp_path.iterdir())) == 1


class TestUnifiedDiff:
    def test_empty_when_equal(self) -> None:
        """No change gives an empty preview."""
        assert unified_diff("a\n", "a\n", "x.bib") == ""

    def test_shows_change(self) -> None:
        """A changed line appears as -/+ with the path in the header."""
        out = unified_diff("a\nb\n", "a\nc\n", "x.bib")
        assert "--- a/x.bib" in out and "-b\n" in out and "+c\n" in out

    def test_absolute_path_has_one_slash(self) -> None:
        """An absolute path gives git's a/tmp/x.bib header, not a//tmp/x.bib."""
        out = unified_diff("a\n", "b\n", "/tmp/x.bib")
        assert out.startswith("--- a/tmp/x.bib\n+++ b/tmp/x.bib\n")

    def test_missing_final_newline_marked(self) -> None:
        """A last line without newline is marked like diff does."""
        assert "No newline at end of file" in unified_diff("a", "b", "x.bib")


class TestReadText:
    def test_utf8_with_bom(self, tmp_path: Path) -> None:
        """A UTF-8 BOM is dropped and no diagnostic is raised."""
        p = tmp_path / "a.bib"
        p.write_bytes("\ufeffMüller\n".encode())
        assert read_text(p) == ("Müller\n", [])

    def test_latin1_line_reported(self, tmp_path: Path) -> None:
        """A Latin-1 line is decoded and reported with its line number."""
        p = tmp_path / "a.bib"
        p.write_bytes("ok\nM\u00fcller\n".encode("latin-1") + "Straße\n".encode())
        text, diags = read_text(p)
        assert text == "ok\nMüller\nStraße\n"
        assert [d.location.line for d in diags] == [2]
        assert diags[0].code == "E103" and "UTF-8" in (diags[0].hint or "")

    def test_many_bad_lines_capped(self) -> None:
        """Hundreds of bad lines give a capped list plus a summary."""
        text, diags = decode_bytes(b"\xe9\n" * 100, path="x")
        assert text == "é\n" * 100
        assert len(diags) == 21 and "80 more" in diags[-1].message

    def test_binary_garbage(self, tmp_path: Path) -> None:
        """NUL bytes mean not a text file: ParseError with the path."""
        p = tmp_path / "a.bib"
        p.write_bytes(b"%PDF\n\x00\x01\x02")
        with pytest.raises(ParseError, match="not a text file") as info:
            read_text(p)
        assert info.value.path == str(p) and info.value.line == 2

    def test_directory(self, tmp_path: Path) -> None:
        """A directory given as a file is a ParseError."""
        with pytest.raises(ParseError, match="directory"):
            read_text(tmp_path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a ParseError, not an OSError."""
        with pytest.raises(ParseError, match="not found"):
            read_text(tmp_path / "nope.bib")

    @settings(max_examples=50)
    @given(
        st.text(
            alphabet=st.characters(blacklist_characters="\x00\ufeff", blacklist_categories=("Cs",))
        )
    )
    def test_utf8_round_trip(self, text: str) -> None:
        """Any UTF-8 text without NUL decodes to itself with no diagnostics."""
        assert decode_bytes(text.encode("utf-8")) == (text, [])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named_not_called_binary(tmp_path: Path, encoding: str) -> None:
    """Notepad's 'Unicode' (UTF-16 with BOM) is text: say so and how to fix it."""
    path = tmp_path / "lib.bib"
    data = "@misc{a,\n}\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    with pytest.raises(ParseError) as info:
        read_text(path)
    assert "UTF-16" in info.value.message or "UTF-32" in info.value.message
    assert info.value.hint is not None and "UTF-8" in info.value.hint
