"""Places: recognise every place an article names and tie it to GeoNames.

Recognition takes the entity pass's GPE/LOC/FAC spans, place names the model
labelled otherwise (never PERSON), and capitalised words the gazetteer knows
well. A demonym ("Syrian troops") is evidence of the article's country, not a
place. Resolution ranks each name's candidates by population and kind, the
article's country focus, the divisions it names ("Palmyra ... Homs province"),
an explicit parent ("Alexandria, La."), and distance to the other places,
with one sense per name per article.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from eventdesk.gazetteer import (
    Entry, Gazetteer, demonyms, load_gazetteer, name_rules, normalise_name, region_adjectives,
    us_state_code,
)
from eventdesk.model import Extraction, Mention, Place
from eventdesk.settings import Options

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NEVER_PLACE_LABELS = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                                "ORDINAL", "CARDINAL", "LAW", "LANGUAGE"})
# A name the model did not call a place counts when it is this well known.
STRONG_POPULATION = 100_000
# A division's population is the sum of its towns', so divisions get no bonus of their own.
_KIND_BONUS = {"PCLI": 2.5, "PCLD": 1.5, "PCLS": 2.0, "PCLF": 1.5, "TERR": 1.0,
               "ADM1": 0.0, "ADM2": -0.3, "PPLC": 1.5}
_REGION_BONUS = 3.0  # continents, seas and regions (feature class L and the like)
_FOCUS_WEIGHT = 4.0
# A loose (skeleton) match is trusted only for large places or in the article's countries.
_LOOSE_MATCH_POPULATION = 50_000
# Words after a name that make it a division; "region" and "state" are too loose here.
_TRAILING_ADMIN_WORDS = frozenset({"province", "governorate", "county", "parish", "district", "oblast",
                                   "prefecture", "provinces", "governorates"})
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


@dataclass(frozen=True)
class Resolution:
    """The entry chosen for a toponym, with its score (0..1)."""

    entry: Entry | None
    score: float = 0.0
    nearby: bool = False  # a site the gazetteer lacks, placed at the article's main town


# ---------------------------------------------------------------- recognition

def _admin_level(words: list[str]) -> str:
    kinds = name_rules()["admin_words"]
    last = words[-1].casefold() if words else ""
    return "first" if last in kinds["first"] else "second" if last in kinds["second"] else ""


def toponym_at(text: str, start: int, end: int, *, sentence: int = 0) -> Toponym | None:
    """A toponym for the span text[start:end], reading the words around it."""
    span = text[start:end]
    for article in ("the ", "The "):
        if span.startswith(article) and len(span) > len(article):
            start, span = start + len(article), span[len(article):]
    span = span.removesuffix("'s").removesuffix("\u2019s")
    end = start + len(span)
    words = span.split()
    if not words:
        return None
    directions = name_rules()["directions"]
    direction = ""
    if len(words) > 1 and words[0] in directions:  # "northern Syria", not "North Carolina"
        direction, words = words[0].casefold(), words[1:]
    level = _admin_level(words) if len(words) > 1 else ""
    name = " ".join(words[:-1] if level else words)
    after = re.match(r"\s+([A-Za-z-]+)", text[end:end + 24])
    if not level and after and after.group(1).casefold() in _TRAILING_ADMIN_WORDS:
        level = _admin_level([after.group(1)])  # "Homs province": the model tagged only "Homs"
        end += after.end()
    before = text[max(0, start - 24):start].casefold()
    match = re.search(r"([a-z-]+)\s+$", text[max(0, start - 24):start])
    if not direction and match and match.group(1) in directions:
        direction = match.group(1)
        start -= len(before) - match.start(1)
    near = any(before.rstrip().endswith(word) for word in name_rules()["nearness"]["words"])
    parent = _parent_after(text, end)
    return Toponym(start, end, text[start:end], name, sentence, level, direction, near, parent)


_PARENT = re.compile(r",\s*((?:[A-Z][a-z]*\.\s?){1,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def _parent_after(text: str, end: int) -> str:
    """The state or country named right after a place: ", Louisiana", ", La."."""
    match = _PARENT.match(text, end)
    return match.group(1).strip() if match else ""


def _is_short_caps(text: str) -> bool:
    return len(text) <= 3 and text.isupper()


def recognise_toponyms(doc: Doc, draft: Extraction, gazetteer: Gazetteer) -> list[Toponym]:
    """Place names in one article, from entity spans and capitalised words."""
    text = draft.article.text
    people = [(m.start, m.end) for m in draft.mentions if m.label == "PERSON"]
    surnames = _surnames(text, draft.mentions)
    found: dict[tuple[int, int], Toponym] = {}
    for mention in draft.mentions:
        if not _mention_is_place(mention, gazetteer):
            for toponym in _embedded_places(text, mention, gazetteer, surnames):
                found[(toponym.start, toponym.end)] = toponym
            continue
        for start, end in _split_at_comma(text, mention.start, mention.end):
            toponym = toponym_at(text, start, end, sentence=mention.sentence)
            if toponym and _keeps(toponym, gazetteer, surnames):
                found[(toponym.start, toponym.end)] = toponym
    covered = [(m.start, m.end) for m in draft.mentions] + list(found)
    for toponym in _capitalised_names(doc, draft, gazetteer, covered):
        found.setdefault((toponym.start, toponym.end), toponym)
    kept = [t for t in found.values() if not _inside(t, people)]
    bracketed = bracketed_toponyms(draft, gazetteer)
    spans = [(t.start, t.end) for t in bracketed]
    kept = [t for t in kept if not any(s < t.end and t.start < e for s, e in spans)]
    return sorted(kept + bracketed, key=lambda t: t.start)


# "Kagara (Niger)", "Ras al Ain (Al Hasakeh)", "Kunduz city (Kunduz)", "Djibo (Soum, Sahel)":
# ACLED-style notes name the town coded, its region in brackets. The model often tags such a
# town as a person or an organisation, or swallows the bracket into it.
_NAME = r"[A-Z][\w'\u2019-]*(?:[ -](?:(?:al|el|ez|es|as|ad|ar|an|ash|ed|de|du|la|le)[ -])?[A-Z][\w'\u2019-]*){0,3}"
_BRACKETED = re.compile(rf"\b({_NAME})(?: (?:city|town|village|area|district|camp))? \(({_NAME}(?:, {_NAME})?)\)")


def _is_area(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is a known country, division or region (the bracket of 'Town (Region)')."""
    return any(e.tier <= 2 and (e.feature_class in {"A", "L"} or e.is_country) for e in gazetteer.candidates(name))


def _town_and_region(town: str, areas: Sequence[str], start: int, draft: Extraction, gazetteer: Gazetteer) -> bool:
    """Whether 'Town (Bracket)' names a town and its region: a known area in the bracket, or a
    known town before a name the model calls a place ("Mosul (Ninewa)"; not "Beijing (AsiaNews)")
    or before a town of the same country."""
    if not town or _is_short_caps(town) or any(a.isupper() for a in areas):
        return False  # "WHO (...)", "Ohio (AP)"
    if all(_is_area(a, gazetteer) for a in areas):
        return True
    towns = {e.country_code for e in gazetteer.candidates(town) if e.tier <= 2 and e.feature_class in {"A", "P"}}
    placed = any(m.start == start and m.label in PLACE_LABELS for m in draft.mentions)
    # ACLED's spelling of a region may be known only as its capital ("Idleb", "Al Hasakeh")
    capitals = {e.country_code for e in gazetteer.candidates(areas[-1]) if e.tier <= 1 and e.feature_class == "P"}
    return bool(towns) and (placed or bool(towns & capitals))


def bracketed_toponyms(draft: Extraction, gazetteer: Gazetteer) -> list[Toponym]:
    """Towns named with their region in brackets, and the regions, each area holding its town."""
    text = draft.article.text
    found: list[Toponym] = []
    for match in _BRACKETED.finditer(text):
        town, areas = match.group(1), match.group(2).split(", ")
        start = match.start(1)
        while town.split(" ", 1)[0].lower() in STOP_WORDS:  # "In Mosul (Ninewa)", "He (Wilson)"
            head, _, town = town.partition(" ")
            start += len(head) + 1
        if not _town_and_region(town, areas, match.start(2), draft, gazetteer):
            continue
        sentence = draft.sentence_at(match.start())
        index = sentence.index if sentence else 0
        found.append(Toponym(start, match.end(1), town, town, index, parent=areas[0], bracketed=True))
        offset = match.start(2)
        for area in areas:
            found.append(Toponym(offset, offset + len(area), area, area, index, level="area", child=town))
            offset += len(area) + 2
    return found


def _surnames(text: str, mentions: Sequence[Mention]) -> set[str]:
    """Last names of the people an article names, in full or after a title."""
    names = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text}
    titles = "|".join(re.escape(t) for t in name_rules()["people"]["titles"])
    names.update(re.findall(rf"\b(?:{titles}) ([A-Z][a-z]+)\b", text))
    return names


def _split_at_comma(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"Charleston, S.C." is two places: the town and its state."""
    span = text[start:end]
    if ", " not in span:
        return [(start, end)]
    head, tail = span.split(", ", 1)
    return [(start, start + len(head)), (end - len(tail), end)]


_OF_PLACE = re.compile(r"\b(of|in|at) (?:the )?((?:[A-Z][\w.'-]*\s?){1,3})$")


def _embedded_places(text: str, mention: Mention, gazetteer: Gazetteer,
                     surnames: set[str]) -> list[Toponym]:
    """Well-known places that open an organisation's name or follow its "of"
    ("Minnesota Department of Transportation", "University of Texas"); not in a
    name whose last word is a person's ("Paris Hilton" beside "Nicky Hilton")."""
    if (mention.label in NEVER_PLACE_LABELS or "PERSON" in {mention.label, mention.model_label}
            or mention.label == "NORP" or " " not in mention.text
            or mention.text.split()[-1] in surnames):
        return []
    words = mention.text.split()
    spans = []
    for size in (3, 2, 1):
        prefix = " ".join(words[:size])
        if size < len(words) and _well_known(prefix, gazetteer) and not demonym_country(prefix):
            spans.append((mention.start, mention.start + len(prefix)))
            break
    match = _OF_PLACE.search(mention.text)
    # "University of Texas" needs a well-known place; "School in Lombard" names where it is.
    if match and (_well_known(match.group(2).strip(), gazetteer) if match.group(1) == "of"
                  else any(e.tier == 0 for e in gazetteer.candidates(match.group(2).strip()))):
        start = mention.start + match.start(2)
        spans.append((start, start + len(match.group(2).strip())))
    toponyms = [toponym_at(text, start, end, sentence=mention.sentence) for start, end in spans]
    return [t for t in toponyms if t is not None and not _is_short_caps(t.name.replace(".", ""))]


def _inside(toponym: Toponym, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= toponym.start and toponym.end <= end for start, end in spans)


def _mention_is_place(mention: Mention, gazetteer: Gazetteer) -> bool:
    adjective = normalise_name(mention.text)
    if demonym_country(mention.text) or (adjective in region_adjectives() and adjective.endswith(("an", "ern"))):
        return False  # "Syrian" gives country context, not a place
    if mention.label in PLACE_LABELS:
        return True
    if mention.label in NEVER_PLACE_LABELS or mention.label == "NORP":
        return False
    return _well_known(mention.text, gazetteer)


def _well_known(name: str, gazetteer: Gazetteer, *, strict: bool = False) -> bool:
    """Whether a name is exactly a country, first-level division or large town
    (with `strict`, under its main name: "Act" is not the ACT)."""
    for entry in gazetteer.candidates(name):
        if entry.tier == 0 and (entry.is_country or entry.feature_code in {"ADM1", "CONT"}
                                or entry.population >= STRONG_POPULATION):
            if not strict or normalise_name(entry.name) == normalise_name(name):
                return True
    return False


def _keeps(toponym: Toponym, gazetteer: Gazetteer, surnames: frozenset[str] | set[str] = frozenset()) -> bool:
    """Filters: a short all-caps word only for a country or a state ("UK", "S.C.", not "IS");
    a person's surname ("Obama" after "Barack Obama") only when it is a well-known place."""
    if _is_short_caps(toponym.name.replace(".", "")):
        if "." in toponym.name and us_state_code(toponym.name):
            return True
        return any(e.is_country and e.tier == 0 for e in gazetteer.candidates(toponym.name))
    if toponym.name in surnames and not _well_known(toponym.name, gazetteer, strict=True):
        return False
    return bool(toponym.name.strip())


def _capitalised_names(doc: Doc, draft: Extraction, gazetteer: Gazetteer,
                       covered: Sequence[tuple[int, int]]) -> Iterable[Toponym]:
    """Runs of capitalised words the model missed that name a well-known place."""
    taken = sorted(covered)
    run: list = []
    for token in [*doc, None]:
        if token is not None and token.is_title and not token.is_stop and token.is_alpha:
            run.append(token)
            continue
        if run and not (run[0].is_sent_start and len(run) == 1):
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            overlaps = any(s < end and start < e for s, e in taken)
            name = draft.article.text[start:end]
            if not overlaps and not demonym_country(name) and _well_known(name, gazetteer, strict=True):
                sentence = draft.sentence_at(start)
                toponym = toponym_at(draft.article.text, start, end,
                                     sentence=sentence.index if sentence else 0)
                if toponym and _keeps(toponym, gazetteer):
                    yield toponym
        run = []


# ---------------------------------------------------------------- resolution

def demonym_country(name: str) -> str:
    """The country code of a demonym, singular or plural ("Russians" -> "RU"), or ''."""
    key = normalise_name(name)
    return demonyms().get(key) or (demonyms().get(key[:-1], "") if key.endswith("s") else "")


def _lookup(name: str, gazetteer: Gazetteer) -> list[Entry]:
    """Entries for a name; failing that, for the longest part of it that is a place
    ("Colorado" in "Colorado State University", "Manila" in "Manila Cathedral")."""
    words = name.split()
    if len(words) > 1 and is_facility(name):
        return list(gazetteer.candidates(name))  # else placed at the article's main town
    generic = set(name_rules()["facilities"]["generic_parts"])
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            part = " ".join(words[first:first + size])
            if size < len(words) and (_is_short_caps(part) or not part[:1].isupper()
                                      or normalise_name(part) in generic):
                continue
            region = region_adjectives().get(normalise_name(part))
            country = demonym_country(part) if size < len(words) else ""
            if country and country in gazetteer.countries:
                return [gazetteer.countries[country]]
            found = list(gazetteer.candidates(region or part))
            if found and (size == len(words) or any(e.tier == 0 for e in found)):
                # A part of a name is a weaker match than the whole: tier 1 at best.
                return found if size == len(words) else [
                    dataclasses.replace(e, tier=1) for e in found if e.tier == 0]
    return []


def is_facility(name: str) -> bool:
    """Whether a name is a street, building or site: "Royal Street", "Temple of Bel"."""
    words = normalise_name(name).split()
    heads = name_rules()["facilities"]["heads"]
    return len(words) > 1 and (words[-1] in heads or (words[0] in heads and words[1] == "of"))


def _candidates(toponym: Toponym, gazetteer: Gazetteer, focus: dict[str, float]) -> list[Entry]:
    """Candidates for a toponym, narrowed by its admin word and its parent."""
    country = demonym_country(toponym.name)
    if country and country in gazetteer.countries:
        return [gazetteer.countries[country]]
    state = us_state_code(toponym.name)
    if state and ("US", state) in gazetteer.admin1:
        return [gazetteer.admin1[("US", state)]]
    found = _lookup(toponym.name, gazetteer)
    exact = [e for e in found if e.tier == 0]
    close = exact or [e for e in found if e.tier == 1]
    found = close or found
    if not exact:  # loose and partial matches only for large places or in the article's countries
        found = [e for e in found if e.population >= _LOOSE_MATCH_POPULATION
                 or focus.get(e.country_code, 0.0) >= 0.2]
    if toponym.level == "area":
        found = [e for e in found if e.feature_class in {"A", "L"} or e.is_country] or found
        towns = [c for c in gazetteer.candidates(toponym.child) if c.tier <= 1]
        held = [e for e in found for c in towns if _holds(e, c)]
        # an area in none of the town's countries is a homonym ("Capital Territory" of the Solomons)
        found = list(dict.fromkeys(held)) or [e for e in found if not towns or e.country_code in
                                              {c.country_code for c in towns}]
    elif toponym.level:
        code = "ADM1" if toponym.level == "first" else "ADM2"
        found = [e for e in found if e.feature_code == code] or found
    if toponym.parent:
        inside = [e for e in found if _within_parent(e, toponym.parent, gazetteer, bracketed=toponym.bracketed)]
        # outside its bracketed region, only an exact name stands ("Dioungani (Mopti)" is not Dongguan)
        found = inside or ([e for e in found if e.tier == 0] if toponym.bracketed else found)
    return found


def _holds(area: Entry, entry: Entry) -> bool:
    """Whether an area (country, first- or second-level division) holds an entry."""
    if area.geonameid == entry.geonameid or area.country_code != entry.country_code:
        return False
    if area.is_country:
        return True
    if area.feature_code == "ADM1":
        return area.admin1 == entry.admin1
    return area.feature_code == "ADM2" and (area.admin1, area.admin2) == (entry.admin1, entry.admin2)


def _within_parent(entry: Entry, parent: str, gazetteer: Gazetteer, *, bracketed: bool = False) -> bool:
    state = us_state_code(parent)
    if state:
        return entry.country_code == "US" and entry.admin1 == state
    for area in gazetteer.candidates(parent):
        # a bracketed region is surely a division: a looser spelling of one will do ("Salah al-Din")
        if area.tier > 1 or (area.tier == 1 and not (bracketed and area.feature_code in {"ADM1", "ADM2"})):
            continue
        if bracketed and area.feature_code == "ADM2" and _holds(area, entry):
            return True  # "Djibo (Soum, Sahel)"
        if area.is_country and area.country_code == entry.country_code and not entry.is_country:
            return True
        if area.feature_code == "ADM1" and (area.country_code, area.admin1) == (
                entry.country_code, entry.admin1) and entry.geonameid != area.geonameid:
            return True
    if len(parent) == 2 and parent.isupper():  # postal code: "Alexandria, LA"
        return entry.country_code == "US" and entry.admin1 == parent
    return False


def _distance_km(a: Entry, b: Entry) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
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
    score -= 1.5 * entry.tier
    if entry.feature_class == "A" and not entry.is_country:
        # A division that shares its name with a town in it ("Homs") means the town.
        if any(e.feature_class == "P" and e.country_code == entry.country_code
               and e.admin1 == entry.admin1 and e.population * 20 > entry.population
               for e in same_name):
            score -= 2.0
    return score


def _score(entry: Entry, same_name: Sequence[Entry], key: str, context: _Context,
           toponym: Toponym) -> float:
    score = _prior(entry, same_name) if not toponym.level else math.log10(entry.population + 1000)
    if entry.feature_code == "ADM2" and not toponym.level and len(entry.name.split()) > len(toponym.name.split()):
        score -= 1.5  # "Lancaster" alone is the town more often than Lancaster County
    score += _FOCUS_WEIGHT * context.focus.get(entry.country_code, 0.0)
    if not entry.is_country and context.admin1.get((entry.country_code, entry.admin1)):
        score += 1.5
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
    votes: Counter[str] = Counter()
    for word in set(_WORD.findall(text)):
        country = demonym_country(word)
        if country and word[0].isupper():
            votes[country] += 1
    for entries in groups.values():
        best = [e for e in entries if e.tier == 0]
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
    anchor = _main_town(toponyms, chosen, focus)
    return [chosen[_group_key(t)] if chosen[_group_key(t)].entry or anchor is None
            or not is_facility(t.name) else Resolution(anchor, 0.1, nearby=True) for t in toponyms]


def _main_town(toponyms: Sequence[Toponym], chosen: dict[str, Resolution],
               focus: dict[str, float]) -> Entry | None:
    """The town (else division) the article names most: where its unknown sites are."""
    counts: Counter[int] = Counter()
    entries: dict[int, Entry] = {}
    top = max(focus.values(), default=0.0)
    for toponym in toponyms:
        entry = chosen[_group_key(toponym)].entry
        if (entry is not None and entry.precision <= 4 and entry.tier == 0
                and focus.get(entry.country_code, 0.0) >= top / 2):
            counts[entry.geonameid] += 2 if entry.feature_class == "P" else 1
            entries[entry.geonameid] = entry
    return entries[counts.most_common(1)[0][0]] if counts else None


def _choose(entries: Sequence[Entry], key: str, context: _Context, toponym: Toponym) -> Resolution:
    if not entries:
        return Resolution(None)
    scores = [_score(e, entries, key, context, toponym) for e in entries]
    best = max(range(len(entries)), key=scores.__getitem__)
    top = scores[best]
    total = sum(math.exp(s - top) for s in scores)
    return Resolution(entries[best], 1.0 / total)


# ---------------------------------------------------------------- output

def _located(entry: Entry, toponym: Toponym) -> tuple[float, float, int]:
    """Coordinates and UCDP precision, moved into the named part of an area."""
    precision = entry.precision
    if toponym.direction and entry.precision >= 3 and entry.south is not None:
        share_lat, share_lon = name_rules()["directions"][toponym.direction]
        lat = entry.south + share_lat * (entry.north - entry.south)
        lon = entry.west + share_lon * (entry.east - entry.west)
        return lat, lon, 5 if entry.precision >= 4 else entry.precision
    if toponym.near and precision == 1:
        precision = 2
    return entry.latitude, entry.longitude, precision


def to_place(article_id: str, toponym: Toponym, resolution: Resolution, gazetteer: Gazetteer) -> Place:
    """The model's Place for a toponym and the entry chosen for it."""
    base = Place(article_id=article_id, start=toponym.start, end=toponym.end, text=toponym.text,
                 sentence=toponym.sentence)
    entry = resolution.entry
    if entry is None:
        return base
    lat, lon, precision = _located(entry, toponym)
    if resolution.nearby:
        precision = max(precision, 2)
    return dataclasses.replace(
        base, geonameid=entry.geonameid, name=entry.name, latitude=lat, longitude=lon,
        feature_class=entry.feature_class, feature_code=entry.feature_code,
        country_code=entry.country_code, country=gazetteer.country_name(entry.country_code),
        admin1=gazetteer.admin1_name(entry.country_code, entry.admin1) if not entry.is_country else "",
        admin2=gazetteer.admin2_name(entry.country_code, entry.admin1, entry.admin2),
        precision=precision, score=round(resolution.score, 3))


def geocode_places(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """Recognise and resolve the places of one article."""
    gazetteer = load_gazetteer(options)
    toponyms = recognise_toponyms(doc, draft, gazetteer)
    resolutions = resolve_toponyms(toponyms, gazetteer, draft.article.text)
    places = [to_place(draft.article.id, t, r, gazetteer) for t, r in zip(toponyms, resolutions, strict=True)]
    return dataclasses.replace(draft, places=tuple(places))
