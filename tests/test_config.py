"""``refs.config``: values that cannot work are ConfigErrors at load time, with file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.config import load_settings
from refs.errors import ConfigError


@pytest.mark.parametrize(("toml", "key"), [
    ('[check]\nkey-pattern = "[a-z"\n', "check.key-pattern"),
    ("[dedupe]\nthreshold = 5\n", "dedupe.threshold"),
    ("[dedupe]\nthreshold = nan\n", "dedupe.threshold"),
    ("[net]\ntimeout = -1\n", "net.timeout"),
    ("[net]\ntimeout = 0\n", "net.timeout"),
    ("[net]\ntimeout = inf\n", "net.timeout"),
    ("[net]\nmax-retries = -3\n", "net.max-retries"),
    ("[net]\ncache-ttl-days = nan\n", "net.cache-ttl-days"),
    ('key-format = "{nope}"\n', "key-format"),
    ('key-format = "{author"\n', "key-format"),
    ('key-format = "{author:>99999999999}"\n', "key-format"),
])
def test_values_that_cannot_work_are_config_errors(tmp_path: Path, toml: str, key: str) -> None:
    """Each bad value names the file and the key, and says what to do."""
    path = tmp_path / "refs.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert info.value.path == str(path)
    assert key in info.value.message and info.value.hint


def test_a_config_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    """TOML is UTF-8: other bytes are a ConfigError, not an internal UnicodeDecodeError."""
    path = tmp_path / "refs.toml"
    path.write_bytes(b'library = "M\xfcller.bib"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert info.value.path == str(path) and info.value.hint
