"""Library's key index: lookups equal a linear scan after any sequence of edits."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.model.library import Library
from refs.model.reference import Reference

KEYS = st.sampled_from(["a", "b", "c", "d", "e"])


def scan(lib: Library, key: str) -> Reference | None:
    """The old O(n) definition of get: first key match, else first alias match."""
    for entry in lib.entries:
        if entry.id == key:
            return entry
    for entry in lib.entries:
        if key in entry.ids:
            return entry
    return None


OPS = st.one_of(
    st.tuples(st.just("append"), KEYS, st.lists(KEYS, max_size=2)),
    st.tuples(st.just("insert"), KEYS, st.lists(KEYS, max_size=2)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("rekey"), st.integers(0, 9), KEYS),
    st.tuples(st.just("alias"), st.integers(0, 9), st.lists(KEYS, max_size=2)),
    st.tuples(st.just("replace"), st.integers(0, 9), KEYS),
    st.tuples(st.just("reassign"),),
    st.tuples(st.just("reverse"),),
    st.tuples(st.just("iadd"), KEYS),
)


def apply(lib: Library, op: tuple[object, ...]) -> None:
    """One edit of the kinds the features make to a library."""
    kind, *rest = op
    args: list[Any] = list(rest)
    n = len(lib.entries)
    if kind == "iadd":
        lib.entries += [Reference(id=str(args[0]))]
    elif kind in ("append", "insert"):
        ref = Reference(id=str(args[0]), ids=list(args[1]))
        if kind == "append":
            lib.entries.append(ref)
        else:
            lib.entries.insert(0, ref)
    elif n == 0:
        return
    elif kind == "delete":
        del lib.entries[int(args[0]) % n]
    elif kind == "rekey":
        lib.entries[int(args[0]) % n].id = str(args[1])
    elif kind == "alias":
        lib.entries[int(args[0]) % n].ids = list(args[1])
    elif kind == "replace":
        lib.entries[int(args[0]) % n] = Reference(id=str(args[1]))
    elif kind == "reassign":
        lib.entries = list(reversed(lib.entries))
    elif kind == "reverse":
        lib.entries.reverse()


@settings(max_examples=150, deadline=None)
@given(st.lists(OPS, max_size=12), st.lists(KEYS, min_size=1, max_size=5))
def test_index_equals_scan_after_edits(ops: list[tuple[object, ...]], probes: list[str]) -> None:
    """After random adds, removals, re-keys, alias changes and replacements, get == scan."""
    lib = Library(entries=[Reference(id="a"), Reference(id="b", ids=["c"])])
    for op in ops:
        lib.get("a")  # build the index between edits, so staleness would show
        apply(lib, op)
        for key in probes:
            assert lib.get(key) is scan(lib, key)
            assert (key in lib) == (scan(lib, key) is not None)


def test_copy_has_its_own_index() -> None:
    """A deep copy answers for its own entries, and editing it leaves the original alone."""
    lib = Library(entries=[Reference(id="a")])
    assert lib.get("a") is not None
    copy = lib.model_copy(deep=True)
    copy.entries[0].id = "z"
    assert copy.get("z") is copy.entries[0] and copy.get("a") is None
    assert lib.get("a") is lib.entries[0]
