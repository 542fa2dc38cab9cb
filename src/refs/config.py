"""Settings from ``[tool.refs]`` in pyproject.toml or from ``refs.toml``; CLI flags win.

Precedence, lowest first: built-in defaults < ``pyproject.toml`` ``[tool.refs]`` <
``refs.toml`` (top level, or its ``[tool.refs]`` table) < environment (``REFS_*`` for
the service URLs, mailto and cache) < command-line options, merged by the caller with
:meth:`Settings.merged`. The nearest directory holding either file, walking up from the
working directory, is the project root; relative paths in the file are relative to it.
Unknown keys are errors (``extra="forbid"``): a typo must not silently do nothing.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from refs.errors import ConfigError
from refs.model.reference import Reference
from refs.text.keys import make_key

__all__ = ["CheckSettings", "DedupeSettings", "FmtSettings", "NetSettings", "Settings",
           "find_config", "load_settings"]

_STRICT = ConfigDict(extra="forbid", populate_by_name=True)


class CheckSettings(BaseModel):
    """``[tool.refs.check]``: which rules run and which findings are known."""

    model_config = _STRICT

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    baseline: str | None = None
    #: citation-key pattern for the opt-in key-pattern rule (a regular expression)
    key_pattern: str | None = Field(default=None, alias="key-pattern")

    @field_validator("key_pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from None
        return value


class FmtSettings(BaseModel):
    """``[tool.refs.fmt]``: the canonical layout ``refs fmt`` writes."""

    model_config = _STRICT

    indent: str = "  "
    sort: bool = False
    align: bool = False
    trailing_comma: bool = Field(default=True, alias="trailing-comma")
    field_order: list[str] = Field(default_factory=list, alias="field-order")
    lowercase_types: bool = Field(default=True, alias="lowercase-types")


class DedupeSettings(BaseModel):
    """``[tool.refs.dedupe]``: how sure the matcher must be before calling two records one."""

    model_config = _STRICT

    threshold: float = Field(default=0.9, ge=0.0, le=1.0, allow_inf_nan=False)
    merge_editions: bool = Field(default=False, alias="merge-editions")


class NetSettings(BaseModel):
    """``[tool.refs.net]``: where the metadata services are and how politely to ask."""

    model_config = _STRICT

    mailto: str | None = None
    crossref_url: str = Field(default="https://api.crossref.org", alias="crossref-url")
    doi_url: str = Field(default="https://doi.org", alias="doi-url")
    datacite_url: str = Field(default="https://api.datacite.org", alias="datacite-url")
    openalex_url: str = Field(default="https://api.openalex.org", alias="openalex-url")
    cache: str | None = None
    cache_ttl_days: float = Field(default=30.0, ge=0.0, allow_inf_nan=False,
                                  alias="cache-ttl-days")
    timeout: float = Field(default=20.0, gt=0.0, allow_inf_nan=False)
    max_retries: int = Field(default=4, ge=0, alias="max-retries")
    offline: bool = False


class Settings(BaseModel):
    """Everything configurable, with defaults that work without any file."""

    model_config = _STRICT

    library: str = "library.bib"
    key_format: str = Field(default="{author}{year}{title}", alias="key-format")
    check: CheckSettings = Field(default_factory=CheckSettings)
    fmt: FmtSettings = Field(default_factory=FmtSettings)
    dedupe: DedupeSettings = Field(default_factory=DedupeSettings)
    net: NetSettings = Field(default_factory=NetSettings)
    #: directory the configuration was found in (paths are relative to it)
    root: str = Field(default=".", exclude=True)
    #: file the configuration came from, for messages
    source: str | None = Field(default=None, exclude=True)

    @field_validator("key_format")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        make_key(Reference(id="x", type="book"), value)  # ValueError names the problem
        return value

    def merged(self, **overrides: Any) -> Settings:
        """A copy with dotted overrides (``{"check.select": [...]}``) whose value is not None."""
        data = self.model_dump(by_alias=False)
        for dotted, value in overrides.items():
            if value is None:
                continue
            target = data
            *parents, leaf = dotted.replace("-", "_").split(".")
            for part in parents:
                target = target[part]
            target[leaf] = value
        try:
            new = Settings.model_validate(data)
        except ValidationError as exc:  # a command-line value the file would not accept
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"{where}: {first['msg']}",
                              hint="check the command-line options (see refs COMMAND --help)"
                              ) from exc
        new.root, new.source = self.root, self.source
        return new

    def resolve(self, path: str) -> Path:
        """A configured path made absolute against the configuration's directory."""
        p = Path(path).expanduser()
        return p if p.is_absolute() else Path(self.root) / p


#: environment variables that override [tool.refs.net] keys
ENV_VARS: dict[str, str] = {
    "REFS_CROSSREF_URL": "crossref_url",
    "REFS_DOI_URL": "doi_url",
    "REFS_DATACITE_URL": "datacite_url",
    "REFS_OPENALEX_URL": "openalex_url",
    "REFS_MAILTO": "mailto",
    "REFS_CACHE": "cache",
}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``refs.toml``, or ``pyproject.toml`` with a ``[tool.refs]`` table."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        candidate = folder / "refs.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tool" in _read_toml(pyproject) and "refs" in _read_toml(
            pyproject
        )["tool"]:
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"not valid TOML: {exc}", path=str(path), hint="fix the TOML syntax"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid TOML: byte {exc.start} is not UTF-8", path=str(path),
                          hint="TOML files are UTF-8: re-save the file as UTF-8") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from exc


def load_settings(config: str | Path | None = None, *, start: Path | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Settings from ``config`` (or the nearest configuration file) and the environment."""
    path = Path(config) if config else find_config(start)
    table: dict[str, Any] = {}
    if path is not None:
        if not path.is_file():
            raise ConfigError("configuration file not found", path=str(path))
        data = _read_toml(path)
        if path.name == "pyproject.toml" or "tool" in data:
            table = data.get("tool", {}).get("refs", {})
        else:
            table = data
    env = os.environ if environ is None else environ
    net = dict(table.get("net", {}))
    for var, key in ENV_VARS.items():
        if env.get(var):
            net.pop(key.replace("_", "-"), None)
            net[key] = env[var]
    if net:
        table = {**table, "net": net}
    try:
        settings = Settings.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"[tool.refs] {where}: {first['msg']}",
            path=str(path) if path else None,
            hint="see docs/configuration.md for the keys refs understands",
        ) from exc
    if path is not None:
        settings.root = str(path.parent)
        settings.source = str(path)
    return settings
