"""The format registry behind refs.load / refs.dump (refs.io.formats)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import refs
from refs.errors import ParseError, UsageError, WriteError
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


def test_dump_refuses_to_drop_aliases_silently(tmp_path: Path) -> None:
    """Old keys kept by a merge have no place in RIS or CSL-JSON: dump says so, and
    writes only when told to drop them; BibTeX keeps them."""
    lib = Library(entries=[Reference(id="a", ids=["old"], title="T")])
    for name in ("x.ris", "x.json"):
        with pytest.raises(WriteError, match="a") as info:
            refs.dump(lib, tmp_path / name)
        assert "drop_aliases=True" in (info.value.hint or "")
        assert not (tmp_path / name).exists()
        refs.dump(lib, tmp_path / name, drop_aliases=True)
        assert (tmp_path / name).exists()
    refs.dump(lib, tmp_path / "x.bib")
    assert "old" in (tmp_path / "x.bib").read_text()


def test_dump_refuses_to_reencode_a_latin1_source_in_place(tmp_path: Path) -> None:
    """A Windows-1252 library written back over itself would change every byte outside
    ASCII; another file (a conversion) or reencode=True is the caller's choice."""
    path = tmp_path / "lib.bib"
    raw = "@misc{a, title = {Caf\xe9}}\n".encode("cp1252")
    path.write_bytes(raw)
    lib = refs.load(path)
    assert any(d.code == "E103" for d in lib.diagnostics)
    with pytest.raises(WriteError, match="not valid UTF-8"):
        refs.dump(lib, path)
    assert path.read_bytes() == raw
    refs.dump(lib, tmp_path / "copy.bib")
    assert "Café" in (tmp_path / "copy.bib").read_text(encoding="utf-8")
    refs.dump(lib, path, reencode=True)
    assert path.read_text(encoding="utf-8") == "@misc{a, title = {Café}}\n"


def test_dump_sees_a_hard_link_to_the_source_as_the_source(tmp_path: Path) -> None:
    """Another name for the same Latin-1 file is still that file: refused too."""
    path = tmp_path / "lib.bib"
    path.write_bytes("@misc{a, title = {Caf\xe9}}\n".encode("cp1252"))
    link = tmp_path / "other-name.bib"
    os.link(path, link)
    with pytest.raises(WriteError, match="not valid UTF-8"):
        refs.dump(refs.load(path), link)
