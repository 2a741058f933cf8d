"""The actor alias table and the country table, loaded from data, and their look-ups.

`actor_table` loads `data/actors_<language>.toml` (named groups with their
aliases and acronyms, head nouns and cue words) and `data/actors_countries.toml`
(each country's ISO code, demonyms, leaders and government eras). The look-ups
answer from them: the named group a phrase mentions, the country a phrase
names, a country's era and ISO alpha-3 code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

WORD = re.compile(r"[A-Za-z0-9']+")
_MAX_ALIAS_WORDS = 7


@dataclass(frozen=True)
class Country:
    """A country the table knows."""

    name: str
    iso3: str
    demonyms: tuple[str, ...]
    leaders: tuple[str, ...]
    eras: tuple[tuple[int, int, str], ...]
    open_era: str
    the: bool = False  # named with "the" in actor names


@dataclass(frozen=True)
class Group:
    """A named group and its aliases."""

    name: str
    inter: int
    aliases: tuple[tuple[str, ...], ...]
    acronyms: frozenset[str]
    state_of: str = ""  # a national force's own name ("SNA", "FARDC"): that country's state forces
    state_since: int = 0  # the group is that state's forces from this year on (the Taliban, 2022-)


@dataclass(frozen=True)
class ActorTable:
    """The whole alias table."""

    groups: tuple[Group, ...]
    heads: dict[str, frozenset[tuple[str, ...]]]
    cues: dict[str, frozenset[tuple[str, ...]]]
    countries: dict[str, Country]
    country_words: dict[tuple[str, ...], str]  # demonym / name / leader -> country


def words_of(text: str) -> list[str]:
    """Lower-case words of a phrase, hyphens read as spaces and possessives dropped."""
    text = text.replace("\u2019", "'").replace("-", " ")
    return [w.removesuffix("'s").casefold() for w in WORD.findall(text) if w not in {"'s", "'"}]


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("eventdesk.data").joinpath(name).read_text("utf-8"))


def _tuples(values: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(words_of(v)) for v in values)


def _countries(data: dict[str, Any]) -> dict[str, Country]:
    return {
        name: Country(name, entry["iso3"], tuple(entry["demonyms"]), tuple(entry["leaders"]),
                      tuple((int(a), int(b), str(c)) for a, b, c in entry["eras"]), entry["open_era"],
                      bool(entry.get("the", False)))
        for name, entry in data.items()
    }


@lru_cache(maxsize=2)
def actor_table(language: str = "en") -> ActorTable:
    """Load the alias table and the country table."""
    data = _load(f"actors_{language}.toml")
    groups = tuple(
        Group(g["name"], int(g["inter"]), tuple(sorted(_tuples(g["aliases"]), key=len, reverse=True)),
              frozenset(g.get("acronyms", ())), str(g.get("state_of", "")), int(g.get("state_since", 0)))
        for g in data["group"]
    )
    countries = _countries(_load("actors_countries.toml"))
    country_words: dict[tuple[str, ...], str] = {}
    for country in countries.values():
        for word in (country.name, *country.demonyms, *country.leaders):
            country_words[tuple(words_of(word))] = country.name
    return ActorTable(
        groups=groups,
        heads={k: _tuples(v) for k, v in data["heads"].items()},
        cues={k: _tuples(v) for k, v in data["cues"].items()},
        countries=countries,
        country_words=country_words,
    )


def era_label(country: str, year: int | None) -> str:
    """ACLED's government era for a country and year ('2000-'), or ''."""
    entry = actor_table().countries.get(country)
    if entry is None:
        return ""
    for first, last, label in entry.eras:
        if year is not None and first <= year < last:
            return label
    return entry.open_era


def country_in(words: Sequence[str]) -> str:
    """The country a phrase names by demonym, name or leader, or ''."""
    table = actor_table()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            country = table.country_words.get(tuple(words[i:i + size]))
            if country:
                return country
    return ""


@lru_cache(maxsize=1)
def alias_index() -> tuple[dict[tuple[str, ...], Group], dict[str, Group]]:
    """Every alias and every acronym of the table, each to its group (the first group wins)."""
    aliases: dict[tuple[str, ...], Group] = {}
    acronyms: dict[str, Group] = {}
    for group in actor_table().groups:
        for alias in group.aliases:
            aliases.setdefault(alias, group)
        for acronym in group.acronyms:
            acronyms.setdefault(acronym, group)
    return aliases, acronyms


def named_group(words: Sequence[str], originals: Sequence[str]) -> Group | None:
    """The named group a phrase mentions (longest alias wins), if any."""
    aliases, acronyms = alias_index()
    found: list[Group] = []
    for size in range(min(_MAX_ALIAS_WORDS, len(words)), 0, -1):
        for i in range(len(words) - size, -1, -1):  # "al-Qaida-linked al-Shabab fighters": the name nearest the head
            group = aliases.get(tuple(words[i:i + size]))
            if group is not None:
                found.append(group)
    found.extend(acronyms[w] for w in originals if w in acronyms)
    # "Taliban gunmen", "BLA gunmen": a named group outranks the generic armed men it sends
    return next((g for g in found if not g.name.startswith("Unidentified")), found[0] if found else None)


@lru_cache(maxsize=1)
def aliases_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], Group], ...]]:
    """The aliases by their first word, longest first, with their groups."""
    aliases, _ = alias_index()
    index: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
    for alias, group in aliases.items():
        index.setdefault(alias[0], []).append((alias, group))
    return {w: tuple(sorted(v, key=lambda a: -len(a[0]))) for w, v in index.items()}


@lru_cache(maxsize=1)
def actor_table_acronyms() -> frozenset[str]:
    """Every case-sensitive acronym of the table."""
    return frozenset().union(*(g.acronyms for g in actor_table().groups))


_COUNTRY_SYNONYMS = {"Syrian Arab Republic": "Syria", "Russian Federation": "Russia",
                     "Democratic Republic of the Congo": "Democratic Republic of Congo",
                     "Palestinian Territory": "Palestine", "Myanmar [Burma]": "Myanmar"}


def table_name(country: str) -> str:
    """The country table's name for a gazetteer's country name ('Syrian Arab Republic' -> 'Syria')."""
    return _COUNTRY_SYNONYMS.get(country, country)


def iso3_of(country: str) -> str:
    """The ISO alpha-3 code of a known country, or ''."""
    entry = actor_table().countries.get(table_name(country))
    return entry.iso3 if entry else ""
