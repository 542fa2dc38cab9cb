"""``refs dedupe``: report by default, --apply writes atomically, --interactive asks."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs.cli.main import main
from refs.io.bibtex import load

SEEDS = Path(__file__).resolve().parent.parent / "data" / "dedupe" / "seeds.bib"
EXTRA = """
@misc{unrelated2001,
  author = {Quinn, Ada},
  title = {Grain markets of the steppe},
  year = {2001}
}
"""


@dataclass
class Run:
    """What one CLI run printed and returned."""

    code: int
    out: str
    err: str


def refs(args: list[str], input: str | None = None) -> Run:
    """Run ``refs ARGS`` through main(): the real error boundary and exit codes."""
    with CliRunner().isolation(input=input) as (out, err, _):
        try:
            main(args)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        return Run(code, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    """A copy of the seed records (two duplicate pairs and a separate 2011 paper)."""
    path = tmp_path / "library.bib"
    shutil.copy(SEEDS, path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    return path


def test_report_only_by_default(lib: Path) -> None:
    """Without --apply the clusters, evidence and conflicts are printed; nothing is written."""
    before = lib.read_bytes()
    r = refs(["dedupe", str(lib)])
    assert r.code == 1
    assert "laumulin2008works" in r.out and "laumulin2008journal" in r.out
    assert "volume: kept '9'" in r.out and "'49'" in r.out
    assert "112\u2013122" in r.out and "112\u2013124" in r.out
    assert "Central Asia and the Caucuses" in r.out
    assert "Found 2 clusters" in r.out
    assert "zabortseva2011works" not in r.out
    assert lib.read_bytes() == before


def test_no_duplicates_exits_0(tmp_path: Path) -> None:
    """A library without duplicates reports none and exits 0."""
    path = tmp_path / "one.bib"
    path.write_text(EXTRA, encoding="utf-8")
    r = refs(["dedupe", str(path)])
    assert (r.code, r.out.strip()) == (0, "No duplicates found.")


def test_apply_without_duplicates_writes_nothing(tmp_path: Path) -> None:
    """--apply on a library without duplicates leaves the file byte-identical."""
    path = tmp_path / "one.bib"
    path.write_bytes(SEEDS.read_bytes().split(b"@article{laumulin2008journal")[0])
    before = path.read_bytes()
    r = refs(["dedupe", "--apply", str(path)])
    assert r.code == 0, r.err
    assert path.read_bytes() == before


def test_apply_merges_and_keeps_aliases(lib: Path) -> None:
    """--apply writes three entries; old keys are aliases; untouched entries are byte-identical."""
    r = refs(["dedupe", "--apply", str(lib)])
    assert r.code == 0, r.err
    text = lib.read_text("utf-8")
    after = load(lib)
    assert len(after) == 4
    for key in ("laumulin2008works", "laumulin2008journal", "zabortseva2016works",
                "zabortseva2016routledge", "zabortseva2011works", "unrelated2001"):
        assert after.get(key) is not None, key
    untouched = SEEDS.read_text("utf-8")
    start = untouched.index("@inproceedings{zabortseva2011works")
    block = untouched[start: untouched.index("}\n", untouched.index("year = {2011}")) + 2]
    assert block in text
    assert EXTRA.strip() in text
    assert refs(["dedupe", str(lib)]).code == 0  # nothing left to merge


def test_json_report(lib: Path) -> None:
    """--format json gives clusters with pairs, evidence and conflicts."""
    r = refs(["dedupe", "--format", "json", str(lib)])
    data = json.loads(r.out)
    assert r.code == 1
    assert len(data["clusters"]) == 2
    first = data["clusters"][0]
    assert set(first["keys"]) == {"laumulin2008works", "laumulin2008journal"}
    assert {c["field"] for c in first["conflicts"]} >= {"volume", "page", "container-title"}
    assert first["pairs"][0]["evidence"]


def test_threshold_option(lib: Path) -> None:
    """--threshold 1.0 (nothing is that certain without a shared DOI) finds no cluster."""
    assert refs(["dedupe", "--threshold", "1.0", str(lib)]).code == 0


def test_interactive_merges_only_accepted(lib: Path) -> None:
    """--interactive asks per cluster; 'y' then 'n' merges only the first cluster."""
    r = refs(["dedupe", "--interactive", str(lib)], input="y\nn\n")
    assert r.code == 1  # one cluster left unmerged
    assert r.out.count("Merge cluster") == 2
    after = load(lib)
    assert len(after) == 5
    survivor = after.get("laumulin2008works")
    assert survivor is not None and survivor is after.get("laumulin2008journal")
    assert after.get("zabortseva2016works") is not after.get("zabortseva2016routledge")


def test_across_files_writes_only_the_first(lib: Path, tmp_path: Path) -> None:
    """An import checked against the library: the library keeps its key; the import is untouched."""
    imported = tmp_path / "import.bib"
    imported.write_text(
        "@article{LAUMULIN2008,\n  author = {LAUMULIN, M. and SHAKEN, M.},\n"
        "  title = {KAZAKHSTAN AND RUSSIA: RELATIONS AS PART OF RUSSIA'S FOREIGN POLICY "
        "STRATEGY},\n  journal = {CENTRAL ASIA AND THE CAUCASUS},\n  year = {2008},\n"
        "  volume = {9},\n  number = {1},\n  pages = {112--124},\n"
        "  doi = {10.1000/cac.2008.1169}\n}\n", encoding="utf-8")
    before = imported.read_bytes()
    report = refs(["dedupe", str(lib), str(imported)])
    assert report.code == 1 and "LAUMULIN2008" in report.out
    r = refs(["dedupe", "--apply", str(lib), str(imported)])
    assert r.code == 0, r.err
    assert imported.read_bytes() == before
    after = load(lib)
    merged = after.get("LAUMULIN2008")
    assert merged is not None and merged.id in {"laumulin2008works", "laumulin2008journal"}
    assert merged.doi == "10.1000/cac.2008.1169"


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    """A missing file exits 2 with a message and no traceback."""
    r = refs(["dedupe", str(tmp_path / "nope.bib")])
    assert r.code == 2
    assert "Traceback" not in r.err and "error:" in r.err


def test_merge_editions_flag(tmp_path: Path) -> None:
    """Two editions of a book are separate unless --merge-editions is given."""
    path = tmp_path / "eds.bib"
    book = ("@book{{{key},\n  author = {{Olcott, Martha Brill}},\n  title = {{Kazakhstan: "
            "Unfulfilled Promise}},\n  publisher = {{Carnegie Endowment}},\n  year = {{2010}},"
            "\n  edition = {{{ed}}}\n}}\n\n")
    path.write_text(book.format(key="olcott1", ed="1") + book.format(key="olcott2", ed="2"),
                    encoding="utf-8")
    assert refs(["dedupe", str(path)]).code == 0
    merged = refs(["dedupe", "--merge-editions", str(path)])
    assert merged.code == 1 and "olcott2" in merged.out


def test_doi_alias_option(tmp_path: Path) -> None:
    """Different DOIs veto a pair unless --doi-alias says one stands for the other."""
    path = tmp_path / "dois.bib"
    art = ("@article{{{key},\n  author = {{Clarke, Michael}},\n  title = {{Kazakhstan's "
           "Multi-vector Foreign Policy: Diminishing Returns}},\n  journal = {{The ASAN Forum}},"
           "\n  year = {{2015}},\n  doi = {{{doi}}}\n}}\n\n")
    path.write_text(art.format(key="c1", doi="10.1000/pre.1") +
                    art.format(key="c2", doi="10.1000/pub.1"), encoding="utf-8")
    assert refs(["dedupe", str(path)]).code == 0
    aliased = refs(["dedupe", "--doi-alias", "10.1000/PRE.1=https://doi.org/10.1000/pub.1",
                    str(path)])
    assert aliased.code == 1 and "c2" in aliased.out
    for wrong in ("nonsense", "x=y"):
        bad = refs(["dedupe", "--doi-alias", wrong, str(path)])
        assert bad.code == 2 and "--doi-alias" in bad.err


def test_apply_refuses_to_drop_unread_lines_of_a_ris_file(lib: Path, tmp_path: Path) -> None:
    """Writing RIS back keeps only the records read: a file with unread lines is left alone."""
    ris = tmp_path / "library.ris"
    r = refs(["export", str(lib), "--to", "ris", "-o", str(ris)])
    assert r.code == 0, r.err
    text = ris.read_text(encoding="utf-8") + "\nthis line is not RIS\n"
    ris.write_text(text, encoding="utf-8")
    r = refs(["dedupe", "--apply", str(ris)])
    assert r.code == 2
    assert f"error: {ris}:" in r.err and "hint: " in r.err
    assert ris.read_text(encoding="utf-8") == text


def test_threshold_nan_is_a_usage_error(lib: Path) -> None:
    """--threshold nan passed click's range check and silently matched nothing: exit 2."""
    r = refs(["dedupe", "--threshold", "nan", str(lib)])
    assert r.code == 2
    assert "error: " in r.err and "threshold" in r.err and "internal error" not in r.err


def test_apply_refuses_a_file_that_is_not_utf8(lib: Path) -> None:
    """A Latin-1 .bib would be rewritten as UTF-8, so the entries no merge touched would
    no longer be byte-identical: --apply and -i refuse (exit 2, file, line, hint)."""
    text = lib.read_text(encoding="utf-8") + "\n@misc{muller1999,\n  author = {M\xfcller, J.},\n" \
        "  title = {\xc9tudes sur la steppe},\n  year = {1999}\n}\n"
    lib.write_bytes(text.encode("latin-1"))
    before = lib.read_bytes()
    line = text.splitlines().index("  author = {M\xfcller, J.},") + 1
    for args, answers in ((["--apply"], None), (["-i"], "y\ny\n")):
        r = refs(["dedupe", *args, str(lib)], input=answers)
        assert r.code == 2, r.err
        assert f"error: {lib}:{line}: this file is not valid UTF-8" in r.err
        assert "hint: re-save" in r.err
        assert "Merge cluster" not in r.out  # refused before asking
        assert lib.read_bytes() == before
    assert refs(["dedupe", str(lib)]).code == 1  # the report still works


def test_load_problems_are_reported_on_stderr(lib: Path) -> None:
    """A block that does not parse is named (file:line: E101) like refs export does; the
    exit code still says whether duplicates were found, and JSON on stdout stays JSON."""
    text = lib.read_text(encoding="utf-8") + "\n@article{broken\n  title = {x},\n}\n"
    lib.write_text(text, encoding="utf-8")
    line = text.splitlines().index("@article{broken") + 1
    r = refs(["dedupe", str(lib)])
    assert r.code == 1
    assert f"{lib}:{line}: E101 " in r.err
    r = refs(["dedupe", "--format", "json", str(lib)])
    assert r.code == 1 and f"{lib}:{line}: E101 " in r.err
    assert json.loads(r.out)["clusters"]


@pytest.mark.parametrize(("suffix", "to"), [(".ris", "ris"), (".json", "csl-json")])
def test_apply_refuses_to_drop_aliases_in_a_format_without_them(
        lib: Path, tmp_path: Path, suffix: str, to: str) -> None:
    """RIS and CSL-JSON have no place for a merge's old keys: --apply stops (exit 2,
    file unchanged) instead of silently breaking citations of them."""
    other = tmp_path / f"library{suffix}"
    assert refs(["export", str(lib), "--to", to, "-o", str(other)]).code == 0
    before = other.read_bytes()
    r = refs(["dedupe", "--apply", str(other)])
    assert r.code == 2
    assert "no place for the old keys" in r.err and "--drop-aliases" in r.err
    assert other.read_bytes() == before


def test_interactive_refuses_before_asking_when_aliases_would_be_dropped(
        lib: Path, tmp_path: Path) -> None:
    ris = tmp_path / "library.ris"
    assert refs(["export", str(lib), "--to", "ris", "-o", str(ris)]).code == 0
    r = refs(["dedupe", "--interactive", str(ris)], input="y\ny\n")
    assert r.code == 2 and "Merge cluster" not in r.out


def test_drop_aliases_merges_anyway(lib: Path, tmp_path: Path) -> None:
    ris = tmp_path / "library.ris"
    assert refs(["export", str(lib), "--to", "ris", "-o", str(ris)]).code == 0
    records = ris.read_text(encoding="utf-8").count("ER  -")
    r = refs(["dedupe", "--apply", "--drop-aliases", str(ris)])
    assert r.code == 0, r.err
    assert ris.read_text(encoding="utf-8").count("ER  -") < records


def test_bibtex_keeps_aliases_without_the_flag(lib: Path) -> None:
    assert refs(["dedupe", "--apply", str(lib)]).code == 0
    assert "ids = {" in lib.read_text(encoding="utf-8")
