"""Places: choose a GeoNames entry for each toponym of an article.

Resolution ranks each name's candidates by population and kind, the article's
country focus, the divisions it names ("Palmyra ... Homs province"), an
explicit parent ("Alexandria, La."), and distance to the other places, with
one sense per name per article. A name the gazetteer lacks, or knows only as a
far-away village, is placed near the place the article is about (precision 2,
a low score).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eventdesk.gazetteer import (
    Entry, Gazetteer, demonyms, name_rules, normalise_name, region_adjectives, skeleton_keys, spelling_keys,
    us_state_code,
)

# A division's population is the sum of its towns', so divisions get no bonus of their own.
_KIND_BONUS = {"PCLI": 2.5, "PCLD": 1.5, "PCLS": 2.0, "PCLF": 1.5, "TERR": 1.0,
               "ADM1": 0.0, "ADM2": -0.3, "PPLC": 1.5}
_QUARTER_PENALTY = 1.0  # a city's quarter ranks below a town of the same name near it
_REGION_BONUS = 3.0  # continents, seas and regions (feature class L and the like)
_FOCUS_WEIGHT = 4.0
_ADMIN1_BONUS = 1.5  # for lying in a division the article names
# A town matched only by one of its alternate names (often a former name) is a weaker match.
_OTHER_NAME_PENALTY = 1.5
# ... unless it is a transliteration of the name and this many times as large as the namesakes.
_OUTGROWS = 10
# A loose (skeleton) match is trusted only for large places or in the article's countries.
_LOOSE_MATCH_POPULATION = 50_000
# An article with this share of its country evidence in one country keeps loose matches at home.
_ONE_COUNTRY_SHARE = 0.6
# A site's name that holds a town's ("Delhi High Court") is placed there when the town is this large.
_WELL_KNOWN_POPULATION = 100_000
# A village this far from the article's town, or a loosely matched town, stands for a local name.
_FAR_KM = 300.0
_NEAR_KM = 150.0
_VILLAGE_POPULATION = 20_000
# A town this close to the point of the region it is bracketed with lies in it, whatever its
# stale division code (a first-level division of the Sahel is some 300 km across).
STALE_DIVISION_KM = 200.0
# A city quarter lies this close to the town it is part of (its index cut is 12 km from the centre).
QUARTER_KM = 20.0
MAJOR_TOWN_POPULATION = 1_000_000
# A name the model did not call a place counts when it is this well known (places.py).
STRONG_POPULATION = 100_000
# The score of a place put near the article's town for want of an entry of its own.
ANCHOR_SCORE = 0.1
_WORD = re.compile(r"[A-Za-z][\w'\u2019.-]*")


@dataclass(frozen=True)
class Toponym:
    """A place name in a text, with what the words around it say."""

    start: int
    end: int
    text: str
    name: str  # what to look up: "Homs" in "Homs province"
    sentence: int = 0
    level: str = ""  # "first" or "second" when an admin word names the kind of area
    direction: str = ""  # "northeastern" in "northeastern Syria"
    near: bool = False  # "near Palmyra"
    parent: str = ""  # "Louisiana" in "Alexandria, Louisiana"
    child: str = ""  # "Kagara" for the "Niger" of "Kagara (Niger)": the area holds it
    bracketed: bool = False  # "Kagara" in "Kagara (Niger)": the parent is firm
    listed: bool = False  # the parent begins a list ("Berlin, France and Italy"): maybe not the town's


@dataclass(frozen=True)
class Resolution:
    """The entry chosen for a toponym, with its score (0..1)."""

    entry: Entry | None
    score: float = 0.0
    nearby: bool = False  # a site the gazetteer lacks, placed at the article's main town

def _is_short_caps(text: str) -> bool:
    return len(text) <= 3 and text.isupper()


def demonym_country(name: str) -> str:
    """The country code of a demonym, singular or plural ("Russians" -> "RU"), or ''."""
    key = normalise_name(name)
    return demonyms().get(key) or (demonyms().get(key[:-1], "") if key.endswith("s") else "")


def demonym_votes(text: str) -> Counter[str]:
    """One vote for each country whose people a capitalised word of the text names ("Israeli forces")."""
    votes: Counter[str] = Counter()
    for word in set(_WORD.findall(text)):
        country = demonym_country(word)
        if country and word[0].isupper():
            votes[country] += 1
    return votes


def _lookup(name: str, gazetteer: Gazetteer) -> list[Entry]:
    """Entries for a name; failing that, for the longest part of it that is a place
    ("Colorado" in "Colorado State University", "Manila" in "Manila Cathedral")."""
    region = region_adjectives().get(normalise_name(name))
    found = list(gazetteer.candidates(region or name))
    words = name.split()
    if found or len(words) == 1:
        return found
    return _part_of_name(words, gazetteer, facility=is_facility(name))


def _part_of_name(words: list[str], gazetteer: Gazetteer, *, facility: bool) -> list[Entry]:
    """The places a longer name opens with or holds, as weaker (tier 1) matches. In the name
    of a site only a well-known place counts ("Delhi High Court"; not Temple, Texas in
    "Temple of Bel"), and none in a street's: else the site is put at the article's town."""
    rules = name_rules()["facilities"]
    if facility and normalise_name(words[-1]) in rules["streets"]:
        return []
    skip, heads = set(rules["generic_parts"]), set(rules["heads"])
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            part = " ".join(words[first:first + size])
            key = normalise_name(part)
            if (not part[:1].isupper() or key in skip or (len(key) < 3 and not _is_short_caps(part))
                    or (facility and heads & set(key.split()))):
                continue
            country = "" if facility else demonym_country(part)  # a "French Hotel" may be anywhere
            if country and country in gazetteer.countries:
                return [dataclasses.replace(gazetteer.countries[country], tier=1)]
            exact = [e for e in gazetteer.candidates(region_adjectives().get(key) or part) if e.tier == 0
                     and (not _is_short_caps(part) or e.is_country)
                     and (not facility or _is_well_known_entry(e))]
            if exact:
                return [dataclasses.replace(e, tier=1) for e in exact]
    return []


def _is_well_known_entry(entry: Entry) -> bool:
    """A country, a first-level division, a capital or a large town."""
    return (entry.is_country or entry.feature_code in {"ADM1", "PPLC", "CONT", "AIRP"}
            or (entry.feature_class == "P" and entry.population >= _WELL_KNOWN_POPULATION))


def is_facility(name: str) -> bool:
    """Whether a name is a street, building or site: "Royal Street", "Temple of Bel"."""
    words = normalise_name(name).split()
    heads = name_rules()["facilities"]["heads"]
    return len(words) > 1 and (words[-1] in heads or (words[0] in heads and words[1] == "of"))


def is_region_adjective(name: str) -> bool:
    """Whether a word is the adjective of a region, not its name ("European", "Kurdish";
    not "Mediterranean", which is both)."""
    key = normalise_name(name)
    region = region_adjectives().get(key)
    return region is not None and normalise_name(region) != key


def _candidates(toponym: Toponym, gazetteer: Gazetteer, focus: dict[str, float]) -> list[Entry]:
    """Candidates for a toponym, narrowed by its admin word and its parent."""
    # "Kurdish" names Kurdistan, though as a demonym it counts for Iraq's focus
    country = "" if is_region_adjective(toponym.name) else demonym_country(toponym.name)
    if country and country in gazetteer.countries:
        return [gazetteer.countries[country]]
    state = us_state_code(toponym.name)
    if state and ("US", state) in gazetteer.admin1:
        return [gazetteer.admin1[("US", state)]]
    found = _lookup(toponym.name, gazetteer)
    exact = [e for e in found if e.tier == 0]
    close = exact or [e for e in found if e.tier == 1]
    if toponym.level == "area" and toponym.child:
        # "Kumba (Southwest)": the region holding the town may be spelled apart ('South-West') while a
        # namesake abroad has the exact spelling (an Emirati sector once called Southwest)
        close = [e for e in found if e.tier <= 1]
    found = close or found
    if not exact:  # loose and partial matches only for large places or in the article's countries
        found = [e for e in found if _loose_match_stands(e, focus)]
    if toponym.level == "area":
        found = _bracket_area(found, toponym, gazetteer, focus)
    elif toponym.level:
        code = "ADM1" if toponym.level == "first" else "ADM2"
        found = [e for e in found if e.feature_code == code] or found
    if toponym.bracketed:  # "Zaporizhzhia (Zaporizhia)": the town, not its namesake region
        found = [e for e in found if e.feature_class == "P"] or found
    return _in_parent(found, toponym, gazetteer) if toponym.parent else found


def _in_parent(found: list[Entry], toponym: Toponym, gazetteer: Gazetteer) -> list[Entry]:
    """The candidates that lie in the toponym's parent ("Alexandria, La.", "Palma (Cabo Delgado)")."""
    own_name = bool(spelling_keys(toponym.parent) & spelling_keys(toponym.name))
    inside = [e for e in found if _within_parent(e, toponym.parent, gazetteer, bracketed=toponym.bracketed,
                                                 own_name=own_name)
              or toponym.bracketed and any(_capital_region(a, e) for a in gazetteer.candidates(toponym.parent))]
    asked = spelling_keys(toponym.name)
    if not toponym.bracketed and not any(asked & spelling_keys(e.name) for e in inside):
        inside = []  # "Washington, New York and Chicago" is a list, not Watervliet (once Washington), N.Y.
    if not inside and not toponym.bracketed and not toponym.listed \
            and _beyond_named_country(found, toponym.parent, gazetteer):
        return []  # "Moura, Mali": no Moura in Mali, and Moura in Portugal is not it
    if inside or not toponym.bracketed:
        return inside or found
    # a town outside the known region it is bracketed with is a namesake: "Palma (Cabo Delgado)"
    # is not Palma de Mallorca; with an unknown region only an exact name stands ("Dioungani (Mopti)")
    areas = [a for a in gazetteer.candidates(toponym.parent) if _is_bracket_area(a)]
    exact = [e for e in found if e.tier == 0]
    # no known region at all; or a generic one ("Northern", "South") named in several countries,
    # none of them the town's; or a capital or city of millions, which no region makes a namesake
    if not areas or (len({a.country_code for a in areas}) > 1
                     and not {a.country_code for a in areas} & {e.country_code for e in exact}):
        return exact
    # (by its own name, or in the region's country: "Mambasa (Ituri)", a Congolese territory, is not
    # Mombasa in Kenya, which GeoNames also calls Mambasa)
    major = [e for e in exact if _is_major_town(e) and (
        _same_name(e.name, toponym.name) or e.country_code in {a.country_code for a in areas})]
    if major:
        return major
    # divisions are redrawn and towns' codes go stale ("Bocaranga (Lim-Pende)", a prefecture since
    # 2020): an exact namesake in the region's country, close to it, is still the town meant
    return [e for e in found if e.tier == 0 and not e.is_country and any(
        a.country_code == e.country_code and not a.is_country and _distance_km(a, e) <= STALE_DIVISION_KM
        for a in areas)]


def _beyond_named_country(found: list[Entry], parent: str, gazetteer: Gazetteer) -> bool:
    """Whether the name after a town's comma is a country that none of the town's candidates lies in
    or near: a town disputed or just over a border stays ("Laayoune, Morocco"), and so does one in any
    country of that name ("Goma, Congo", "Juba, Sudan" before 2011)."""
    named = [a for a in gazetteer.candidates(parent) if a.tier == 0 and a.is_country]
    if not named or not all(e.feature_class in {"P", "A"} and not e.is_country for e in found):
        return False  # a region or country before it is one of a list ("the Middle East, Italy and ...")
    if any(_is_major_town(e) for e in found):
        return False  # "Khartoum, Egypt": a capital beside a country is one of a list, not a namesake
    word = f" {normalise_name(parent)} "
    countries = named + [country for name, country in _country_names(gazetteer) if word in name]
    return not any(_km_from_box(e, country) <= _FAR_KM for e in found for country in countries)


@lru_cache(maxsize=4)
def _country_names(gazetteer: Gazetteer) -> tuple[tuple[str, Entry], ...]:
    """Each country of the gazetteer with its name normalised, spaced for whole-word tests: ' south sudan '."""
    return tuple((f" {normalise_name(c.name)} ", c) for c in gazetteer.countries.values())


def _km_from_box(entry: Entry, area: Entry) -> float:
    """How far an entry lies outside an area's bounding box (0 inside it, or where the area has none)."""
    if area.south is None or area.north is None or area.west is None or area.east is None:
        return 0.0
    lat, lon = min(max(entry.latitude, area.south), area.north), min(max(entry.longitude, area.west), area.east)
    return _km(entry.latitude, entry.longitude, lat, lon)


def is_city_quarter(entry: Entry) -> bool:
    """Whether an entry is a section of a city (GeoNames' PPLX: Kharkiv's districts, Calgary's
    neighbourhoods). The regions table's own sections (Capitol Hill, the Green Zone; negative ids)
    are seats of power named on their own, not quarters."""
    return entry.feature_code == "PPLX" and entry.geonameid > 0


def _quarter_of_a_named_town(quarter: Entry, key: str, context: _Context) -> bool:
    """Whether the article names the town a quarter lies in ("the Saltivskyi district of Kharkiv"):
    a quarter elsewhere is a namesake ("Centre City, San Diego" is not Calgary's)."""
    return any(other.feature_class == "P" and not is_city_quarter(other) and name != key
               and _distance_km(quarter, other) <= QUARTER_KM for name, other in context.winners.items())


def _is_major_town(entry: Entry) -> bool:
    """A capital or a city of millions: what a bracket names it by cannot make it a namesake."""
    return entry.tier == 0 and (entry.feature_code == "PPLC" or entry.population >= MAJOR_TOWN_POPULATION)


def _capital_region(area: Entry, town: Entry) -> bool:
    """Whether a bracket's region may hold a capital or a city of millions though their codes differ:
    a first-level division of its country, since capital districts are carved out of the province
    they are coded with ("Buenos Aires (Buenos Aires)"); no namesake town abroad outranks the city."""
    return _is_major_town(town) and area.tier == 0 and area.feature_code == "ADM1" \
        and area.country_code == town.country_code


def _is_bracket_area(entry: Entry) -> bool:
    """Whether an entry can be the region in "Town (Region)": a division or country, spelled loosely."""
    return entry.tier <= 2 and (entry.is_country or entry.feature_code in {"ADM1", "ADM2"})


def _bracket_area(found: list[Entry], toponym: Toponym, gazetteer: Gazetteer,
                  focus: dict[str, float]) -> list[Entry]:
    """The areas a bracketed region can be: those holding its town, else those in the town's countries,
    else the one division of that exact name (the region is surer than a town, which is often a
    namesake abroad: "Palma (Cabo Delgado)")."""
    named = found
    found = [e for e in found if e.feature_class in {"A", "L"} or e.is_country] or found
    towns = [c for c in gazetteer.candidates(toponym.child) if c.tier <= 1]
    held = list(dict.fromkeys(e for e in found for c in towns if _holds(e, c) or _capital_region(e, c)))
    # an area in none of the town's countries is a homonym ("Capital Territory" of the Solomons)
    shared = [e for e in found if not towns or e.country_code in {c.country_code for c in towns}]
    if not held and not shared and any(_is_major_town(c) and _same_name(c.name, toponym.child) for c in towns):
        return []  # "Caracas (Capital District)": a division of that name abroad is not it
    exact = [e for e in found if e.tier == 0 and e.feature_code in {"ADM1", "ADM2"}]
    # a region named by its town, in the towns' country, where the division of that name lies abroad:
    # "Rafah and Khan Younis (Gaza)" is the strip, not Gaza province in Mozambique
    home = [e for e in named if e.tier == 0 and e.feature_class == "P" and e.country_code in
            {c.country_code for c in towns} and focus.get(e.country_code, 0.0) >= 0.2]
    if not held and not shared and home:
        return home
    # a district known only by its seat, in a country the article names ("a Kosovo patrol near
    # Banjska (Mitrovice)", the town a namesake abroad): the seat
    seat = [e for e in found if e.tier == 0 and e.feature_class == "P" and focus.get(e.country_code, 0.0) >= 0.2]
    for areas in (exact, seat):
        if areas and len({e.country_code for e in areas}) == 1:
            return held or shared or areas
    return held or shared


def _loose_match_stands(entry: Entry, focus: dict[str, float]) -> bool:
    """Whether a loose or partial match may stand: in one of the article's countries, or a large
    place in a country the article does not plainly keep out of ("North" beside Myanmar's towns
    is no Nord in France)."""
    share = focus.get(entry.country_code, 0.0)
    one_country = max(focus.values(), default=0.0) >= _ONE_COUNTRY_SHARE
    if share >= 0.2 or entry.is_country or entry.precision == 7 or (entry.feature_code == "ADM1" and entry.tier == 1):
        return True  # countries, regions and states held in a name are named abroad ("Arizona State University")
    return entry.population >= _LOOSE_MATCH_POPULATION and not (one_country and share == 0.0)


def _holds(area: Entry, entry: Entry) -> bool:
    """Whether an area (country, first- or second-level division) holds an entry."""
    if area.geonameid == entry.geonameid or area.country_code != entry.country_code:
        return False
    if area.is_country:
        return True
    if area.feature_code == "ADM1":
        return area.admin1 == entry.admin1
    return area.feature_code == "ADM2" and (area.admin1, area.admin2) == (entry.admin1, entry.admin2)


def _within_parent(entry: Entry, parent: str, gazetteer: Gazetteer, *, bracketed: bool = False,
                   own_name: bool = False) -> bool:
    """Whether an entry lies in the parent named with it; `own_name`: the parent is the town's own name,
    a region named by its town ("Jenin (Jenin)")."""
    state = us_state_code(parent)
    if state:
        return entry.country_code == "US" and entry.admin1 == state
    for area in gazetteer.candidates(parent):
        # a bracketed region is surely a division: a looser spelling of one will do ("Salah al-Din")
        if area.tier > 0 and not (bracketed and _is_bracket_area(area)):
            continue
        if bracketed and area.feature_code == "ADM2" and (area.country_code, area.admin1) == (
                entry.country_code, entry.admin1):
            return True  # "Djibo (Soum, Sahel)": towns' second-level codes are often missing or stale
        if area.is_country and area.country_code == entry.country_code and not entry.is_country:
            return True
        if bracketed and area.tier == 0 and area.feature_class == "P" and area.geonameid != entry.geonameid \
                and (area.country_code, area.admin1) == (entry.country_code, entry.admin1) and not own_name:
            # "Sudzha (Kursk)": the region is named by its capital, the gazetteer knows only the town; in
            # "Hebron (Hebron)" a namesake in the same state (Pennsylvania has two Hebrons) is no region
            return True
        if area.feature_code == "ADM1" and (area.country_code, area.admin1) == (
                entry.country_code, entry.admin1) and entry.geonameid != area.geonameid:
            return True
    if len(parent) == 2 and parent.isupper():  # postal code: "Alexandria, LA"
        return entry.country_code == "US" and entry.admin1 == parent
    return False


def _distance_km(a: Entry, b: Entry) -> float:
    return _km(a.latitude, a.longitude, b.latitude, b.longitude)


def _km(*degrees: float) -> float:
    """Great-circle distance between two points given as latitude, longitude, latitude, longitude."""
    lat1, lon1, lat2, lon2 = map(math.radians, degrees)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class _Context:
    """What the article as a whole says about where it is."""

    focus: dict[str, float]  # country code -> share of the country evidence
    winners: dict[str, Entry]  # name key -> first-pass choice
    admin1: Counter[tuple[str, str]]  # divisions the article names


def _prior(entry: Entry, same_name: Sequence[Entry]) -> float:
    """Score from the entry alone: population, kind and how well the name matched."""
    score = math.log10(entry.population + 1000) + _KIND_BONUS.get(entry.feature_code, 0.0)
    score += _REGION_BONUS if entry.precision == 7 else 0.0
    score -= 1.5 * entry.tier + (_QUARTER_PENALTY if is_city_quarter(entry) else 0.0)
    if entry.feature_class == "A" and not entry.is_country:
        # A division that shares its name with a town in it ("Homs") means the town.
        if any(e.feature_class == "P" and e.country_code == entry.country_code
               and e.admin1 == entry.admin1 and e.population * 20 > entry.population
               for e in same_name):
            score -= 2.0
        # A state named like its country's capital ("Washington") means the capital.
        if any(e.feature_code == "PPLC" and e.country_code == entry.country_code and e.tier == entry.tier
               for e in same_name):
            score -= 2.0
    return score


def _same_name(name: str, query: str) -> bool:
    """Whether a town's main name is the name looked up, up to spelling ("St." for "Saint")
    and a longer form ("New York City", "Augusta-Richmond County")."""
    plain, asked = normalise_name(name), normalise_name(query)
    return (bool(spelling_keys(name) & spelling_keys(query))
            or plain.startswith(f"{asked} ") or asked.startswith(f"{plain} "))


def _outgrows_namesakes(entry: Entry, same_name: Sequence[Entry], query: str) -> bool:
    """Whether a town known under a transliteration of the name ("Janin" for "Jenin") is far
    larger than every town with that very name: then the well-known town is meant."""
    if skeleton_keys(entry.name) != skeleton_keys(query):
        return False
    namesakes = [e.population for e in same_name if e.feature_class == "P" and _same_name(e.name, query)]
    return all(entry.population >= _OUTGROWS * population for population in namesakes)


def _score(entry: Entry, same_name: Sequence[Entry], key: str, context: _Context,
           toponym: Toponym) -> float:
    score = _prior(entry, same_name) if not toponym.level else math.log10(entry.population + 1000)
    if entry.feature_code == "ADM2" and not toponym.level and len(entry.name.split()) > len(toponym.name.split()):
        score -= 1.5  # "Lancaster" alone is the town more often than Lancaster County
    if (entry.feature_class == "P" and entry.tier == 0 and not _same_name(entry.name, toponym.name)
            and not _outgrows_namesakes(entry, same_name, toponym.name)):
        score -= _OTHER_NAME_PENALTY  # "Riverdale" is an old name of Glendale, a town of its own elsewhere
    score += _FOCUS_WEIGHT * context.focus.get(entry.country_code, 0.0)
    if not entry.is_country and context.admin1.get((entry.country_code, entry.admin1)):
        score += _ADMIN1_BONUS
    return score + _closeness(entry, key, context)


def _closeness(entry: Entry, key: str, context: _Context) -> float:
    """Bonus for lying near the article's other places, or inside its countries."""
    nearest = None
    inside_country = False
    for name, other in context.winners.items():
        if name == key or other.precision > 6:
            continue
        if other.is_country:
            inside_country |= (other.country_code != entry.country_code and _in_box(entry, other))
        elif other.precision <= 4:
            distance = _distance_km(entry, other)
            nearest = distance if nearest is None else min(nearest, distance)
    bonus = 1.0 if inside_country else 0.0
    return bonus + (2.0 * math.exp(-nearest / 150.0) if nearest is not None else 0.0)


def _in_box(entry: Entry, area: Entry) -> bool:
    """Whether an entry lies in an area's bounding box (plus half a degree)."""
    if area.south is None or area.north is None or area.west is None or area.east is None:
        return False
    return (area.south - 0.5 <= entry.latitude <= area.north + 0.5
            and area.west - 0.5 <= entry.longitude <= area.east + 0.5)


def _focus(groups: dict[str, list[Entry]], text: str) -> dict[str, float]:
    """Country shares of the evidence: country names, demonyms, unambiguous places."""
    votes = demonym_votes(text)
    for entries in groups.values():
        best = [e for e in entries if e.tier == 0 and not is_city_quarter(e)]  # a quarter votes for no country
        codes = {e.country_code for e in best if e.country_code}
        if len(codes) == 1:
            votes[codes.pop()] += 2 if best[0].is_country or best[0].feature_code == "ADM1" else 1
    total = sum(votes.values())
    return {code: n / total for code, n in votes.items()} if total else {}


def _group_key(toponym: Toponym) -> str:
    return f"{normalise_name(toponym.name)}|{toponym.level}"


def resolve_toponyms(toponyms: Sequence[Toponym], gazetteer: Gazetteer, text: str) -> list[Resolution]:
    """Choose an entry for each toponym, one sense per name per article."""
    groups: dict[str, list[Entry]] = {}
    by_group: dict[str, Toponym] = {}
    for toponym in toponyms:
        key = _group_key(toponym)
        if key not in groups or (toponym.parent and not by_group[key].parent):
            groups[key] = _candidates(toponym, gazetteer, {})
            by_group[key] = toponym
    focus = _focus(groups, text)
    groups = {key: _candidates(by_group[key], gazetteer, focus) for key in groups}
    context = _Context(focus, {}, Counter())
    for _ in range(2):  # the second pass sees the first pass's choices
        chosen = {key: _choose(entries, key, context, by_group[key]) for key, entries in groups.items()}
        winners = {key: r.entry for key, r in chosen.items() if r.entry is not None}
        context = _Context(context.focus, winners, Counter(
            (e.country_code, e.admin1) for e in winners.values() if e.feature_code == "ADM1"))
    return _anchor_unknown(toponyms, [chosen[_group_key(t)] for t in toponyms], focus)


def _anchor_unknown(toponyms: Sequence[Toponym], resolutions: list[Resolution],
                    focus: dict[str, float]) -> list[Resolution]:
    """Place the names the gazetteer lacks, or knows only far away as villages, near the
    place the article is about: streets, districts, buildings and local rivers lie there."""
    town = _main_town(toponyms, resolutions, focus)
    country = None if town else _main_country(resolutions, focus)
    areas = {normalise_name(t.name): r.entry for t, r in zip(toponyms, resolutions, strict=True)
             if r.entry is not None and r.entry.feature_class == "A" and not r.nearby}
    return [_anchored(t, r, town=town, country=country,
                      area=areas.get(normalise_name(t.parent)) if t.parent else None)
            for t, r in zip(toponyms, resolutions, strict=True)]


def _anchored(toponym: Toponym, resolution: Resolution, *, town: Entry | None, country: Entry | None,
              area: Entry | None) -> Resolution:
    """A toponym's resolution, or the place that most likely holds it: the area named as its
    parent ("Quillback Yard, Illinois"), else the article's main town, else its main country."""
    entry = resolution.entry
    if toponym.bracketed or toponym.level == "area":
        return resolution  # an unknown "Dioungani (Mopti)" stays so: events code its bracketed region
    if entry is None:
        holder = area or town or country
    elif town is not None and (_far_village(entry, town) or (
            # "University of Alberta" in an article about Edmonton is at Edmonton
            is_facility(toponym.name) and entry.precision >= 4 and _holds(entry, town))):
        holder = town
    else:
        return resolution
    return resolution if holder is None else Resolution(holder, ANCHOR_SCORE, nearby=True)


def _main_country(resolutions: Sequence[Resolution], focus: dict[str, float]) -> Entry | None:
    """The country the article names that has most of its country evidence, if it has most."""
    countries = [r.entry for r in resolutions if r.entry is not None and r.entry.is_country]
    best = max(countries, key=lambda e: focus.get(e.country_code, 0.0), default=None)
    return best if best is not None and focus.get(best.country_code, 0.0) >= 0.5 else None


def _is_anchor(entry: Entry | None, focus: dict[str, float]) -> bool:
    """Whether an entry can hold the article's unknown places: an exactly named town or
    division in one of the article's main countries."""
    top = max(focus.values(), default=0.0)
    return (entry is not None and entry.precision <= 4 and entry.tier == 0
            and focus.get(entry.country_code, 0.0) >= top / 2)


def _main_town(toponyms: Sequence[Toponym], resolutions: Sequence[Resolution],
               focus: dict[str, float]) -> Entry | None:
    """The town (else division) the article is about: named most often, and backed by the
    other places it names (a division holding it, towns near it), where its unknown sites are."""
    counts: Counter[int] = Counter()
    entries: dict[int, Entry] = {}
    for resolution in resolutions:
        entry = resolution.entry
        if entry is not None and _is_anchor(entry, focus):
            counts[entry.geonameid] += 1
            entries[entry.geonameid] = entry
    if not entries:
        return None
    others = {r.entry.geonameid: r.entry for r in resolutions
              if r.entry is not None and not r.nearby and r.entry.precision <= 4}
    towns = [e for e in entries.values() if e.feature_class == "P"] or list(entries.values())
    return max(towns, key=lambda e: counts[e.geonameid] + _support(e, others.values()))


def _support(entry: Entry, others: Iterable[Entry]) -> int:
    """How many of the article's other places back a town: divisions that hold it, towns near it."""
    return sum(1 for other in others if other.geonameid != entry.geonameid and (
        _holds(other, entry) if other.feature_class == "A"
        else other.precision <= 3 and _distance_km(entry, other) <= _NEAR_KM))


def _far_village(entry: Entry, anchor: Entry) -> bool:
    """Whether a name's entry is a small place far from where the article is: then it is
    more likely a local name the gazetteer lacks."""
    if entry.feature_class == "A" or entry.precision > 3 or _distance_km(entry, anchor) < _FAR_KM:
        return False
    if anchor.feature_class != "P" and _holds(anchor, entry):
        return False  # a village in the division the article is about
    return (entry.population < _VILLAGE_POPULATION or entry.tier > 1
            or (entry.tier > 0 and entry.population < STRONG_POPULATION))


def _choose(entries: Sequence[Entry], key: str, context: _Context, toponym: Toponym) -> Resolution:
    # a city's quarter stands where the article names its city, or the region bracketed with it holds it
    entries = [e for e in entries if not is_city_quarter(e) or toponym.bracketed
               or _quarter_of_a_named_town(e, key, context)]
    if not entries:
        return Resolution(None)
    scores = [_score(e, entries, key, context, toponym) for e in entries]
    best = max(range(len(entries)), key=scores.__getitem__)
    top = scores[best]
    total = sum(math.exp(s - top) for s in scores)
    return Resolution(entries[best], 1.0 / total)
