"""Building pydantic models from data refs produced itself, without re-validating it.

Loading 10,000 BibTeX entries must cost little more than parsing them (issue 2), and
pydantic's validation, its ``model_construct`` and its deepcopy each cost more per
entry than the parse. The readers build values of the right types themselves, so they
may skip validation; tests compare the results with validated constructions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from refs.model.reference import Reference

__all__ = ["snapshot", "trusted"]

M = TypeVar("M", bound=BaseModel)


def _defaults(cls: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Callable[[], Any]]]:
    static: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            factories[name] = info.default_factory  # type: ignore[assignment]
        elif not info.is_required():
            static[name] = info.default
    return static, factories


_DEFAULTS: dict[type[BaseModel], tuple[dict[str, Any], dict[str, Callable[[], Any]]]] = {}


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """Build a pydantic model from values this module produced and typed itself.

    This is what ``model_construct`` is for, but pydantic 2.13's ``model_construct``
    inspects every default factory's signature on every call (~3 ms per Reference, 200x
    a validated construction). Filling ``__dict__`` directly costs ~2 µs. Only for
    trusted values: callers guarantee the types (tests compare the result with a
    validated construction); assignment validation still applies afterwards.
    """
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = _defaults(cls)
    static, factories = defaults
    data = dict(static)
    for name, factory in factories.items():
        if name not in values:
            data[name] = factory()
    data.update(values)
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", data)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


#: the mutable containers of a Reference; every other value is a str, None or a frozen model
_CONTAINERS = ("ids", "author", "editor", "translator", "isbn", "issn", "keyword")


def snapshot(ref: Reference) -> Reference:
    """A copy of ``ref`` that later in-place edits of ``ref`` cannot reach.

    Equivalent to ``model_copy(deep=True)`` for Reference because its only mutable
    parts are the top-level lists and the ``extra`` dict (names, dates and pages are
    frozen models, the rest strings), so copying those containers is enough; pydantic's
    generic deepcopy costs ~0.3 ms per entry, more than parsing it.
    """
    data = dict(ref.__dict__)
    for name in _CONTAINERS:
        data[name] = list(data[name])
    data["extra"] = dict(data["extra"])
    obj = Reference.__new__(Reference)
    object.__setattr__(obj, "__dict__", data)
    object.__setattr__(obj, "__pydantic_fields_set__", set(ref.model_fields_set))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj
