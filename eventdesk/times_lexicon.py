"""The times stage's word lists, loaded once from eventdesk/data/times_lexicon.toml."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Lexicon:
    """Names, numbers and cue words, with the regular-expression alternations built from them."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    numbers: dict[str, float]
    vague_numbers: dict[str, str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, bool]]
    modifiers: dict[str, str]
    positions: dict[str, str]
    fixed: dict[str, tuple[str, str]]
    holidays: dict[str, list[Any]]
    not_times: frozenset[str]
    bare_day_parts: frozenset[str]
    judged_day_words: frozenset[str]
    leading_words: tuple[str, ...]
    kept_modifiers: frozenset[str]
    weak_windows: frozenset[str]
    time_words: frozenset[str]
    money_words: frozenset[str]
    generic_after_today: frozenset[str]
    holiday_things: frozenset[str]
    town_quarter_words: frozenset[str]
    title_words: frozenset[str]
    scan: tuple[str, ...]
    named_day_prefixes: tuple[str, ...]
    future_modals: frozenset[str]
    past_aux: frozenset[str]
    future_path: frozenset[str]
    weak_future_path: frozenset[str]
    movement_participles: frozenset[str]
    deadline_verbs: frozenset[str]
    deadline_preps: frozenset[str]
    future_governors: frozenset[str]
    present_not_future: frozenset[str]
    speech_verbs: frozenset[str]
    market_open_verbs: tuple[str, ...]
    market_words: tuple[str, ...]
    event_verbs: dict[str, frozenset[str]]

    def alternation(self, table: str) -> str:
        """A regex alternation of one table's keys, longest first, as whole words."""
        keys = sorted(getattr(self, table), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(key) for key in keys) + ")"


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    return dict(data[name])


def _time_words(data: dict[str, Any]) -> frozenset[str]:
    """Every single word that marks a time: names, units, parts of day, holiday and fixed words, and the list."""
    words = set(data["spans"]["time_words"])
    for table in ("months", "weekdays", "seasons", "day_parts", "units", "holidays", "fixed"):
        for key in data[table]:
            words.update(key.split())
    # Function words and name parts of the phrases ("new" of "new year", "good" of "good friday") mark no time.
    return frozenset(words - {"a", "an", "the", "of", "new", "good", "at", "to", "in", "as", "so", "far"})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, parsed once per process."""
    text = resources.files("eventdesk.data").joinpath("times_lexicon.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Lexicon(
        months=_table(data, "months"),
        weekdays=_table(data, "weekdays"),
        seasons=_table(data, "seasons"),
        day_parts=_table(data, "day_parts"),
        numbers={key: float(value) for key, value in data["numbers"].items()},
        vague_numbers=_table(data, "vague_numbers"),
        ordinals=_table(data, "ordinals"),
        units={key: (value[0], bool(value[1])) for key, value in data["units"].items()},
        modifiers=_table(data, "modifiers"),
        positions=_table(data, "positions"),
        fixed={key: (value[0], value[1]) for key, value in data["fixed"].items()},
        holidays=_table(data, "holidays"),
        not_times=frozenset(data["spans"]["not_times"]),
        bare_day_parts=frozenset(data["spans"]["bare_day_parts"]),
        judged_day_words=frozenset(data["spans"]["judged_day_words"]),
        leading_words=tuple(data["spans"]["leading_words"]),
        kept_modifiers=frozenset(data["spans"]["kept_modifiers"]),
        weak_windows=frozenset(data["spans"]["weak_windows"]),
        time_words=_time_words(data),
        money_words=frozenset(data["spans"]["money_words"]),
        generic_after_today=frozenset(data["spans"]["generic_after_today"]),
        holiday_things=frozenset(data["spans"]["holiday_things"]),
        town_quarter_words=frozenset(data["spans"]["town_quarter_words"]),
        title_words=frozenset(data["spans"]["title_words"]),
        scan=tuple(data["scan"]["words"]),
        named_day_prefixes=tuple(data["scan"]["named_day_prefixes"]),
        future_modals=frozenset(data["direction"]["future_modals"]),
        past_aux=frozenset(data["direction"]["past_aux"]),
        future_path=frozenset(data["direction"]["future_path"]),
        weak_future_path=frozenset(data["direction"]["weak_future_path"]),
        movement_participles=frozenset(data["direction"]["movement_participles"]),
        deadline_verbs=frozenset(data["direction"]["deadline_verbs"]),
        deadline_preps=frozenset(data["direction"]["deadline_preps"]),
        future_governors=frozenset(data["direction"]["future_governors"]),
        present_not_future=frozenset(data["direction"]["present_not_future"]),
        speech_verbs=frozenset(data["direction"]["speech_verbs"]),
        market_open_verbs=tuple(data["direction"]["market_open_verbs"]),
        market_words=tuple(data["direction"]["market_words"]),
        event_verbs={noun: frozenset(verbs) for noun, verbs in data["event_verbs"].items()},
    )


@lru_cache(maxsize=1)
def spelled_days() -> dict[str, int]:
    """Days of the month as ordinal words, as clean() leaves them: "eighth", "twenty first", "thirty first"."""
    ordinals = {word: n for word, n in lexicon().ordinals.items() if 0 < n <= 31 and word.isalpha()}
    units = {word: n for word, n in ordinals.items() if n < 10}
    compounds = {f"{tens} {word}": base + n for tens, base in (("twenty", 20), ("thirty", 30))
                 for word, n in units.items() if base + n <= 31}
    return ordinals | compounds


def spelled_day_alternation(skip: Collection[str] = ()) -> str:
    """The days of spelled_days() but `skip` as a regex alternation, longest first, a compound's space
    matching a hyphen too ("twenty[- ]first")."""
    days = (word.replace(" ", "[- ]") for word in spelled_days() if word not in skip)
    return "|".join(sorted(days, key=len, reverse=True))
