"""The public API is one sorted, complete list (the httpx idiom)."""

from __future__ import annotations

import refs


def test_all_is_sorted() -> None:
    """__all__ is sorted so additions are easy to review."""
    assert refs.__all__ == sorted(refs.__all__)


def test_all_matches_public_names() -> None:
    """Every public name of the package is in __all__ and every __all__ name exists."""
    public = {
        name
        for name in vars(refs)
        if not name.startswith("_") and not isinstance(getattr(refs, name), type(refs))
    }
    public.discard("annotations")
    assert set(refs.__all__) - {"__version__"} == public
    for name in refs.__all__:
        assert hasattr(refs, name), name
