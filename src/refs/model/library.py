"""A bibliography: ordered References plus what is needed to write it back losslessly.

``Library`` is the unit every feature takes and returns. Besides the entries it keeps
the text it was read from (``source``) and, per entry, the parsed state at load time,
so that a writer can tell untouched entries (spliced back byte-for-byte) from edited
ones. Problems found while loading (bad blocks, bad bytes) travel with it as
``diagnostics`` because one bad entry must not stop the rest of the file from loading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, SupportsIndex

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from refs.model.diagnostic import Diagnostic
from refs.model.reference import KEY_EPOCH, Reference

__all__ = ["Library"]


class _Entries(list[Reference]):
    """The entry list, counting its own mutations so the key index knows when to rebuild.

    Why a list subclass: ``library.entries`` is public and edited in place all over the
    code base (append, del, slice assignment); a version counter keeps that API and lets
    ``Library.get`` stay O(1) without rescanning to check the index is current.
    """

    version = 0

    def _bump(self) -> None:
        self.version += 1

    def append(self, item: Reference) -> None:
        self._bump()
        super().append(item)

    def extend(self, items: Iterable[Reference]) -> None:
        self._bump()
        super().extend(items)

    def insert(self, index: SupportsIndex, item: Reference) -> None:
        self._bump()
        super().insert(index, item)

    def pop(self, index: SupportsIndex = -1) -> Reference:
        self._bump()
        return super().pop(index)

    def remove(self, item: Reference) -> None:
        self._bump()
        super().remove(item)

    def clear(self) -> None:
        self._bump()
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._bump()
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        self._bump()
        super().reverse()

    def __setitem__(self, index: Any, value: Any) -> None:
        self._bump()
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        self._bump()
        super().__delitem__(index)


class Library(BaseModel):
    """Ordered entries with a key index that also resolves aliases (``ids``).

    ``get`` and ``in`` are dict lookups: the index is rebuilt lazily, only after the entry
    list was mutated (it is an :class:`_Entries`, counting its edits) or some Reference's
    ``id``/``ids`` was assigned (``KEY_EPOCH``). Not seen: editing an ``ids`` list in place
    (``entry.ids.append(...)``); assign a new list instead, as the merge code does.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    entries: list[Reference] = Field(default_factory=list)
    path: str | None = None
    #: the decoded text the library was read from; None for libraries built in memory
    source: str | None = None
    #: the input format ("bibtex", "csl-json", "ris", "text")
    format: str | None = None
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    #: reader-specific state the matching writer needs (e.g. BibTeX blocks and spans)
    _original: dict[str, Reference] = PrivateAttr(default_factory=dict)
    _state: object | None = PrivateAttr(default=None)
    #: key -> position (keys first, then aliases) and what it was built from
    _index: dict[str, int] = PrivateAttr(default_factory=dict)
    _aliases: dict[str, int] = PrivateAttr(default_factory=dict)
    _index_of: tuple[object, int, int] | None = PrivateAttr(default=None)

    @field_validator("entries", mode="after")
    @classmethod
    def _counted(cls, entries: list[Reference]) -> list[Reference]:
        return entries if isinstance(entries, _Entries) else _Entries(entries)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "entries":  # `library.entries = [...]` / `+= [...]` keep the index honest
            value = value if isinstance(value, _Entries) else _Entries(value)
            value.version += 1
        super().__setattr__(name, value)

    def _current_index(self) -> tuple[dict[str, int], dict[str, int]]:
        """The key index, rebuilt only when the entry list or some key changed since."""
        entries = self.entries
        version = entries.version if isinstance(entries, _Entries) else -1
        stamp = (entries, version, KEY_EPOCH[0])
        old = self._index_of
        if version < 0 or old is None or old[0] is not entries or old[1:] != stamp[1:]:
            primary: dict[str, int] = {}
            aliases: dict[str, int] = {}
            for pos, entry in enumerate(entries):
                primary.setdefault(entry.id, pos)
                for alias in entry.ids:
                    aliases.setdefault(alias, pos)
            self._index, self._aliases, self._index_of = primary, aliases, stamp
        return self._index, self._aliases

    def __iter__(self) -> Iterator[Reference]:  # type: ignore[override]
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get(self, key: str) -> Reference | None:
        """The entry whose key or alias is ``key`` (aliases keep old citations working)."""
        primary, aliases = self._current_index()
        pos = primary.get(key)
        if pos is None:
            pos = aliases.get(key)
        return None if pos is None else self.entries[pos]

    def keys(self) -> list[str]:
        """Citation keys in file order."""
        return [e.id for e in self.entries]

    def remember_original(self) -> None:
        """Snapshot every entry as loaded, so writers can detect edits later."""
        self._original = {e.id: e.model_copy(deep=True) for e in self.entries}

    def original(self, key: str) -> Reference | None:
        """The entry as it was when loaded, or None for entries added since."""
        return self._original.get(key)

    def is_untouched(self, entry: Reference) -> bool:
        """True when ``entry`` still equals what was loaded under its key."""
        before = self._original.get(entry.id)
        return (
            before is not None
            and before.content() == entry.content()
            and before.ids == entry.ids
        )
