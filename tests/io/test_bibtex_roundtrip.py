"""Lossless round trips (refs.io.bibtex): golden files and generated libraries, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.io.bibtex import dump, dumps, load, loads
from refs.model.reference import Reference

GOLDEN = Path(__file__).parent / "golden"
FILES = sorted(GOLDEN.glob("*.bib"))


def test_goldens_exist() -> None:
    """The golden corpus is there (an empty glob would make the next test vacuous)."""
    assert len(FILES) >= 4


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_golden_round_trip(path: Path) -> None:
    """Loading and writing a golden file without edits gives the same bytes."""
    text = path.read_bytes().decode("utf-8")
    assert dumps(loads(text, path=str(path))) == text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_golden_round_trip_crlf(path: Path) -> None:
    """The same holds with Windows line endings."""
    text = path.read_bytes().decode("utf-8").replace("\n", "\r\n")
    assert dumps(loads(text)) == text


def test_dump_is_byte_identical_on_disk(tmp_path: Path) -> None:
    """load + dump of an untouched file rewrites exactly the same bytes (CRLF, BOM-less)."""
    source = (GOLDEN / "comments_strings.bib").read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "lib.bib"
    path.write_bytes(source)
    dump(load(path), path)
    assert path.read_bytes() == source


def test_bom_kept_on_disk(tmp_path: Path) -> None:
    """A file with a UTF-8 BOM keeps it when written back (and spans ignore it)."""
    path = tmp_path / "lib.bib"
    source = "\ufeff@misc{a, title = {Ü}}\n".encode()
    path.write_bytes(source)
    lib = load(path)
    assert lib.entries[0].span is not None and lib.entries[0].span.start == 0
    dump(lib, path)
    assert path.read_bytes() == source


# --- generated libraries -------------------------------------------------------------

_ws = st.text(alphabet=" \t\n", max_size=3)
_sep = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n\n\n", " \n", "\n\t\n"])
_ident = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_:-", min_size=1, max_size=10)
_ident = _ident.filter(lambda s: s[0].isalpha())
_plain = st.text(
    alphabet="abcdefghij KLMNOP,.;:!?-–'0123456789äöüßø\\\"&", min_size=0, max_size=20
).map(lambda s: s.replace("\\", "\\\\ "))  # "\\{" is escaped for bibtexparser, not TeX


@st.composite
def _braced(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_plain, _plain.map(lambda s: "{" + s + "}")), max_size=4))
    return "{" + "".join(parts) + "}"


_quoted = _plain.map(lambda s: '"' + s.replace('"', "") + '"')
_number = st.integers(0, 3000).map(str)
_value = st.one_of(
    _braced(),
    _quoted,
    _number,
    st.sampled_from(["jan", "dec", "mymacro", "undefined"]),
    st.tuples(_quoted, _braced()).map(lambda t: f"{t[0]} # {t[1]}"),
    st.tuples(_braced(), st.sampled_from(["jan", "mymacro"])).map(lambda t: f"{t[0]} # {t[1]}"),
)
_fname = st.sampled_from(
    ["author", "title", "journal", "year", "month", "pages", "doi", "note", "Title", "keywords",
     "howpublished", "date", "number", "booktitle", "publisher", "address", "x-custom"]
)  # fmt: skip


@st.composite
def _entry(draw: st.DrawFn) -> str:
    etype = draw(st.sampled_from(["article", "Book", "misc", "INPROCEEDINGS", "online"]))
    fields = draw(st.lists(st.tuples(_fname, _value), max_size=6))
    body = ",".join(
        f"{draw(_ws)}{name}{draw(_ws)}={draw(_ws)}{value}{draw(_ws)}" for name, value in fields
    )
    trailing = draw(st.sampled_from(["", ",", ",\n"]))
    open_, close = draw(st.sampled_from([("{", "}"), ("(", ")")]))
    return f"@{etype}{open_}{draw(_ident)},{body}{trailing if fields else ''}{close}"


_comment = st.one_of(
    st.text(alphabet="abc xyz%!.", min_size=1, max_size=20).map(lambda s: "% " + s),
    _braced().map(lambda s: "@comment" + s),
)
_string = st.tuples(_ident, _braced()).map(lambda t: f"@string{{{t[0]} = {t[1]}}}")
_preamble = _quoted.map(lambda s: "@preamble{" + s + "}")
_block = st.one_of(_entry(), _entry(), _entry(), _comment, _string, _preamble)


@st.composite
def library_text(draw: st.DrawFn) -> str:
    """A BibTeX file: mixed blocks with arbitrary (but BibTeX-legal) spacing."""
    blocks = draw(st.lists(_block, max_size=6))
    out = draw(st.sampled_from(["", "\n", "% header\n"]))
    for block in blocks:
        out += block + draw(_sep)
    return out + draw(st.sampled_from(["", "\n", "   "]))


_settings = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(library_text())
def test_generated_round_trip(text: str) -> None:
    """For any generated library, dumps(loads(text)) is byte-identical, with no E101."""
    lib = loads(text)
    assert dumps(lib) == text
    assert not any(d.code == "E101" and d.key for d in lib.diagnostics)


@_settings
@given(library_text(), st.data())
def test_edit_changes_only_that_entry(text: str, data: st.DataObject) -> None:
    """Editing one entry leaves every byte outside that entry's span unchanged."""
    lib = loads(text)
    if not lib.entries:
        return
    index = data.draw(st.integers(0, len(lib.entries) - 1))
    entry = lib.entries[index]
    assert entry.span is not None and entry.span.start is not None and entry.span.end is not None
    entry.title = "A new title with {braces} & 50% — done"
    out = dumps(lib)
    start, end = entry.span.start, entry.span.end
    assert out[:start] == text[:start]
    assert out.endswith(text[end:])
    assert loads(out).entries[index].title == "A new title with {braces} & 50% — done"


@_settings
@given(library_text())
def test_reload_gives_same_references(text: str) -> None:
    """Writing and reading again gives References equal to the first load."""
    first = loads(text)
    second = loads(dumps(first))
    assert [e.content() for e in second.entries] == [e.content() for e in first.entries]


_safe_text = st.text(alphabet="abcdefgh XYZ,.:äöü&%#_{}0123456789", min_size=1, max_size=20).map(
    lambda s: " ".join(s.split())
).filter(bool)
_edit = st.one_of(
    st.tuples(st.just("title"), _safe_text),
    st.tuples(st.just("note"), _safe_text),
    st.tuples(st.just("volume"), st.one_of(st.none(), st.integers(1, 99).map(str))),
    st.tuples(st.just("title"), st.none()),
    st.tuples(st.just("delete"), st.none()),
    st.tuples(st.just("append"), _safe_text),
)


@_settings
@given(library_text(), st.lists(st.tuples(st.integers(0, 10), _edit), max_size=4))
def test_edits_survive_a_reload(text: str, edits: list[tuple[int, tuple[str, str | None]]]) -> None:
    """After any mix of edits, deletes and appends, writing and reading gives those entries."""
    lib = loads(text)
    for n, (what, value) in edits:
        if what == "append":
            lib.entries.append(Reference(id=f"new{n}", type="book", title=value))
            continue
        if not lib.entries:
            continue
        i = n % len(lib.entries)
        if what == "delete":
            del lib.entries[i]
        else:
            setattr(lib.entries[i], what, value)
    again = loads(dumps(lib))
    assert again.diagnostics == lib.diagnostics or len(again.diagnostics) <= len(lib.diagnostics)
    assert [e.id for e in again.entries] == [e.id for e in lib.entries]
    for before, after in zip(lib.entries, again.entries, strict=True):
        for attr in ("title", "note", "volume"):
            assert getattr(after, attr) == getattr(before, attr), (attr, dumps(lib))


def test_project_library_round_trip() -> None:
    """The project's own library.bib (real BibLaTeX, Unicode, notes) round-trips exactly."""
    path = Path(__file__).resolve().parents[2] / "library.bib"
    if not path.exists():
        pytest.skip("library.bib not written yet")
    text = path.read_bytes().decode("utf-8")
    lib = loads(text, path=str(path))
    assert len(lib.entries) > 0
    assert dumps(lib) == text
