"""A bibliography: ordered References plus what is needed to write it back losslessly.

``Library`` is the unit every feature takes and returns. Besides the entries it keeps
the text it was read from (``source``) and, per entry, the parsed state at load time,
so that a writer can tell untouched entries (spliced back byte-for-byte) from edited
ones. Problems found while loading (bad blocks, bad bytes) travel with it as
``diagnostics`` because one bad entry must not stop the rest of the file from loading.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from refs.model.diagnostic import Diagnostic
from refs.model.reference import Reference

__all__ = ["Library"]


class Library(BaseModel):
    """Ordered entries with a key index that also resolves aliases (``ids``)."""

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

    def __iter__(self) -> Iterator[Reference]:  # type: ignore[override]
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get(self, key: str) -> Reference | None:
        """The entry whose key or alias is ``key`` (aliases keep old citations working)."""
        for entry in self.entries:
            if entry.id == key:
                return entry
        for entry in self.entries:
            if key in entry.ids:
                return entry
        return None

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
