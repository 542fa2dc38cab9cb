"""The format registry behind refs.load / refs.dump (refs.io.formats)."""

from __future__ import annotations

from pathlib import Path

import pytest

import refs
from refs.errors import ParseError, UsageError
from refs.io import formats
from refs.model.library import Library
from refs.model.reference import Reference


def test_load_and_dump_bib_by_suffix(tmp_path: Path) -> None:
    """A .bib path is read and written as BibTeX, losslessly."""
    path = tmp_path / "lib.bib"
    text = "% c\n@misc{a, title = {T}}\n"
    path.write_text(text)
    lib = refs.load(path)
    assert lib.format == "bibtex" and lib.keys() == ["a"]
    refs.dump(lib, path)
    assert path.read_text() == text


def test_unknown_suffix_is_clear(tmp_path: Path) -> None:
    """An unknown suffix is a ParseError that names the file and the known suffixes."""
    with pytest.raises(ParseError) as info:
        refs.load(tmp_path / "lib.docx")
    assert info.value.path and ".bib" in (info.value.hint or "")
    assert "format='bibtex'" in (info.value.hint or "")  # the argument that exists


def test_unknown_format_name() -> None:
    """An unknown explicit format name is a UsageError listing the known ones."""
    with pytest.raises(UsageError, match="unknown format"):
        formats.format_for("x.bib", "nope")


def test_explicit_format_wins(tmp_path: Path) -> None:
    """format= overrides the suffix."""
    path = tmp_path / "lib.txt"
    path.write_text("@misc{a, title = {T}}\n")
    assert refs.load(path, format="bibtex").keys() == ["a"]


def test_register_custom_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A registered format is found by suffix; read-only formats refuse to dump."""
    monkeypatch.setattr(formats, "_REGISTRY", dict(formats._REGISTRY))

    def loads(text: str, *, path: str | None = None) -> Library:
        return Library(entries=[Reference(id=line) for line in text.split()], path=path)

    formats.register("keys", [".KEYS"], loads)
    path = tmp_path / "a.keys"
    path.write_text("x y")
    assert refs.load(path).keys() == ["x", "y"]
    with pytest.raises(UsageError, match="not write"):
        refs.dump(Library(), path)
