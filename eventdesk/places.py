"""Places: recognise every place an article names and tie it to GeoNames.

Recognition takes the entity pass's GPE/LOC/FAC spans, place names the model
labelled otherwise (never PERSON), and capitalised words the gazetteer knows
well. A demonym ("Syrian troops") is evidence of the article's country, not a
place. Resolution (eventdesk/places_resolve.py) chooses an entry for each name
in the context of the whole article; this module turns the choices into Places.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from eventdesk.actor_tables import actor_table, words_of
from eventdesk.gazetteer import (
    Entry, Gazetteer, load_gazetteer, name_rules, normalise_name, us_state_code,
)
from eventdesk.model import Extraction, Mention, Place
from eventdesk.places_cues import article_countries, object_of_event_verb, person_apposition
from eventdesk.places_resolve import (
    STRONG_POPULATION, Resolution, Toponym, _is_short_caps, demonym_country, is_city_quarter, is_region_adjective,
    is_facility, resolve_toponyms,
)
from eventdesk.settings import Options

__all__ = ["Resolution", "Toponym", "demonym_country", "geocode_places", "is_facility", "is_region_adjective",
           "recognise_toponyms", "resolve_toponyms", "to_place", "toponym_at"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NEVER_PLACE_LABELS = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                                "ORDINAL", "CARDINAL", "LAW", "LANGUAGE"})
# Words after a name that make it a division; "region" and "state" are too loose here.
_TRAILING_ADMIN_WORDS = frozenset({"province", "governorate", "county", "parish", "district", "oblast",
                                   "prefecture", "provinces", "governorates", "lga", "territory"})


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
    listed = bool(parent) and _LIST_AFTER_PARENT.match(text, text.find(parent, end) + len(parent)) is not None
    return Toponym(start, end, text[start:end], name, sentence, level, direction, near, parent, listed=listed)


_PARENT = re.compile(r",\s*((?:[A-Z][a-z]*\.\s?){1,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")
# the name after the comma goes on as a list: "Berlin, France and Italy", "Berlin, France, Italy and Spain"
_LIST_AFTER_PARENT = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?[A-Z]"
                                r"|,\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*,?\s+(?:and|or)\s")


def _parent_after(text: str, end: int) -> str:
    """The state or country named right after a place: ", Louisiana", ", La."."""
    match = _PARENT.match(text, end)
    return match.group(1).strip() if match else ""


def recognise_toponyms(doc: Doc, draft: Extraction, gazetteer: Gazetteer) -> list[Toponym]:
    """Place names in one article, from entity spans and capitalised words."""
    text = draft.article.text
    surnames = _surnames(text, draft.mentions)
    countries = cache(lambda: article_countries(text, draft.mentions, gazetteer))
    towns = {(m.start, m.end) for m in draft.mentions if m.text not in surnames and (
        _town_read_as_person(text, m, gazetteer, surnames) or object_of_event_verb(doc, m, gazetteer, countries))}
    people = [(m.start, m.end) for m in draft.mentions
              if m.label == "PERSON" and (m.start, m.end) not in towns]
    found: dict[tuple[int, int], Toponym] = {}
    for mention in draft.mentions:
        if _is_adjective(doc, mention):
            continue  # "Palmyra's Roman theatre": a style or origin, not the town of Roman, Romania
        if _names_an_armed_group(text, mention, gazetteer):
            continue  # "Fano militiamen": the Amhara militia, not Fano in Italy
        if not _mention_is_place(mention, gazetteer) and (mention.start, mention.end) not in towns:
            for toponym in _embedded_places(text, mention, gazetteer, surnames):
                found[(toponym.start, toponym.end)] = toponym
            continue
        for start, end in _split_at_comma(text, mention.start, _linked_end(text, mention.end, gazetteer)):
            toponym = toponym_at(text, start, end, sentence=mention.sentence)
            if toponym and _keeps(toponym, gazetteer, surnames):
                found[(toponym.start, toponym.end)] = toponym
    covered = [(m.start, m.end) for m in draft.mentions] + list(found)
    for toponym in _capitalised_names(doc, draft, gazetteer, covered):
        found.setdefault((toponym.start, toponym.end), toponym)
    # "Mostafa, a 34-year-old driver, was killed": a person, whatever town has the name
    places = [(m.start, m.end) for m in draft.mentions if m.label in {"GPE", "LOC"}]
    kept = [t for t in found.values() if not _inside(t, people) and not _named_as_person(text, t, places, gazetteer)]
    bracketed = bracketed_toponyms(draft, gazetteer)
    spans = [(t.start, t.end) for t in bracketed]
    kept = [t for t in kept if not any(s < t.end and t.start < e for s, e in spans)]
    return sorted(_joined_divisions(kept, text, gazetteer) + bracketed, key=lambda t: t.start)


def _joined_divisions(toponyms: list[Toponym], text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """A town and the part after its comma that together name a division ("Bogota, D.C." is
    Colombia's capital district, not a Bogota in Washington): the town lies in that division,
    and the part names it."""
    joined: dict[int, tuple[str, str]] = {}  # start of the part after the comma -> (division, town)
    result = []
    for toponym in toponyms:
        name = f"{toponym.name}, {toponym.parent}"
        at = text.find(toponym.parent, toponym.end) if toponym.parent else -1
        if at >= 0 and _is_division(name, gazetteer):
            joined[at] = (name, toponym.name)
            toponym = dataclasses.replace(toponym, parent=name)
        result.append(toponym)
    return [dataclasses.replace(t, name=joined[t.start][0], level="area", child=joined[t.start][1])
            if t.start in joined else t for t in result]


# "Kagara (Niger)", "Ras al Ain (Al Hasakeh)", "Kunduz city (Kunduz)", "Djibo (Soum, Sahel)":
# ACLED-style notes name the town coded, its region in brackets. The model often tags such a
# town as a person or an organisation, or swallows the bracket into it.
_LINK = r"(?:al|el|ez|es|as|ad|ar|an|ash|ed|de|da|do|dos|das|di|del|du|la|le)"  # "Mocimboa da Praia"
_NAME = rf"[A-Z][\w'\u2019.-]*(?:[ -](?:{_LINK}[ -])?[A-Z][\w'\u2019-]*){{0,3}}"
# "Jenin refugee camp (West Bank)", "Kanbalu township (Sagaing)", "Maru LGA (Zamfara)", "Bannu cantonment
# (Khyber Pakhtunkhwa)": the kind of place, or of the division or site named by the town
_KIND = (r"(?: (?:city|town|village|area|district|sub-district|(?:refugee |displacement )?camp|township|"
         r"municipality|county|territory|zone|commune|LGA|local government area|cantonment))?")
# "(northern Shan State)": a direction before the bracketed region names a part of it
_BRACKET_DIRECTION = r"(?:(?P<direction>(?:north|south)?(?:east|west)?(?:ern)?|north|south|central) )?"
_LOCATIVE = re.compile(r"\b(?:in|near|outside|around|into|(?:(?:north|south|east|west)(?:east|west)?|"
                       r"outskirts|centre|center|edge|heart) of)\s+$")
PERSON_TOWN_POPULATION = 10_000  # a name after 'in' is a place if a town this large has it
# a bracketed division may hold "and" ("Jammu and Kashmir", "Bosnia and Herzegovina"); the town before it
# may not ("Anka and Bukkuyum (Zamfara)" is two towns)
_AREA_NAME = rf"[A-Z][\w'\u2019.-]*(?:[ -](?:(?:{_LINK}|and)[ -])?[A-Z][\w'\u2019-]*){{0,3}}"
_BRACKETED = re.compile(rf"\b({_NAME}){_KIND} \({_BRACKET_DIRECTION}({_AREA_NAME}(?:, {_AREA_NAME})?)\)")


_LINKED = re.compile(rf"[ -]{_LINK}[ -][A-Z][\w'\u2019-]*")


def _linked_end(text: str, end: int, gazetteer: Gazetteer) -> int:
    """The end of a name the model cut at its article: "Deir" of "Deir ez Zor"."""
    match = _LINKED.match(text, end)
    if match is None:
        return end
    start = text.rfind(" ", 0, end) + 1
    whole = any(e.tier == 0 for e in gazetteer.candidates(text[start:match.end()]))
    return match.end() if whole else end


def _is_area(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is a known country, division or region (the bracket of 'Town (Region)')."""
    return any(e.tier <= 2 and (e.feature_class in {"A", "L"} or e.is_country) for e in gazetteer.candidates(name))


_DIVISION_TITLE = re.compile(r" (?:State|Region|Province|Governorate)$")
_PART_OF_AREA = re.compile(r"-(?:North|South|East|West|Central|Northeast|Northwest|Southeast|Southwest)$")


def _whole_area(name: str, gazetteer: Gazetteer) -> str:
    """The division a part of one belongs to: "Shan-North" is in Shan; but "South-West" is
    a division of its own (Cameroon's), not a part of "South"."""
    whole = _PART_OF_AREA.sub("", name)
    if whole != name and _is_division(name, gazetteer):
        return name
    # "Rakhine State", "Sagaing Region": a division the gazetteer knows without its title
    bare = _DIVISION_TITLE.sub("", whole)
    return bare if bare != whole and not _is_area(whole, gazetteer) and _is_division(bare, gazetteer) else whole


def _is_division(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is closely a division's: "Bogota, D.C." (a loose match will not do)."""
    return any(e.tier <= 1 and e.feature_class == "A" for e in gazetteer.candidates(name))


def _town_and_region(town: str, areas: Sequence[str], start: int, draft: Extraction, gazetteer: Gazetteer) -> bool:
    """Whether 'Town (Bracket)' names a town and its region: a known area in the bracket, or a
    known town before a name the model calls a place ("Mosul (Ninewa)"; not "Beijing (AsiaNews)")
    or before a town of the same country."""
    if not town or _is_short_caps(town) or any(a.isupper() for a in areas):
        return False  # "WHO (...)", "Ohio (AP)"
    if all(_is_area(_whole_area(a, gazetteer), gazetteer) for a in areas):
        return True
    if len(areas) == 2 and any(e.tier == 0 and e.feature_code == "ADM1"
                               for e in gazetteer.candidates(_whole_area(areas[1], gazetteer))):
        return True  # "Laiza (Waingmaw, Kachin)": town, district, state, as ACLED and wires write them
    towns = {e.country_code for e in gazetteer.candidates(town) if e.tier <= 2 and e.feature_class in {"A", "P"}}
    placed = any(m.start == start and m.label in PLACE_LABELS for m in draft.mentions)
    # ACLED's spelling of a region may be known only as its capital ("Idleb", "Al Hasakeh")
    capitals = {e.country_code for e in gazetteer.candidates(areas[-1]) if e.tier <= 1 and e.feature_class == "P"}
    # one known division of the town's country will do: "Lashio (Lashio, Shan-North)"
    divisions = {e.country_code for a in areas for e in gazetteer.candidates(_whole_area(a, gazetteer))
                 if e.tier <= 1 and e.feature_code in {"ADM1", "ADM2"}}
    return bool(towns) and (placed or bool(towns & (capitals | divisions)))


def bracketed_toponyms(draft: Extraction, gazetteer: Gazetteer) -> list[Toponym]:
    """Towns named with their region in brackets, and the regions, each area holding its town."""
    text = draft.article.text
    found: list[Toponym] = []
    for match in _BRACKETED.finditer(text):
        # "(Bogota, D.C.)" is one division's name, not a district and its region
        bracket = match.group(3)
        town, areas = match.group(1), [bracket] if _is_division(bracket, gazetteer) else bracket.split(", ")
        town = town.removesuffix(" LGA")  # the capitals run on into the abbreviation: "Maru LGA (Zamfara)"
        start = match.start(1)
        while town.split(" ", 1)[0].lower() in STOP_WORDS:  # "In Mosul (Ninewa)", "He (Wilson)"
            head, _, town = town.partition(" ")
            start += len(head) + 1
        if not _town_and_region(town, areas, match.start(3), draft, gazetteer):
            continue
        sentence = draft.sentence_at(match.start())
        index = sentence.index if sentence else 0
        end = text.rindex(" (", start, match.start(3))  # "Jenin refugee camp" is the place coded, named by its town
        # the first division the gazetteer knows holds the town: "Kawlin (Kawlin, Sagaing)" lies in Sagaing
        wholes = [_whole_area(area, gazetteer) for area in areas]
        parent = next((area for area in wholes if _is_division(area, gazetteer)), wholes[0])
        if _is_neighbour_country(town, wholes, gazetteer) or demonym_country(town):
            # "near the border with Rwanda and Burundi (South Kivu)", "into Ethiopian territory (Tigray)":
            # the region stands alone
            town = ""
        else:
            found.append(Toponym(start, end, text[start:end], town, index, parent=parent, bracketed=True))
        first = _first_of_two(text, start, parent, draft, gazetteer) if town else None
        if first is None and town and text[match.end(1):end].strip().casefold() in _DIVISION_KINDS:
            first = _town_before_division(text, start, draft, gazetteer)
        if first is not None:  # "Anka and Bukkuyum (Zamfara)": the bracket holds both towns
            found.append(Toponym(first[0], first[1], text[first[0]:first[1]], text[first[0]:first[1]], index,
                                 parent=parent, bracketed=True))
        offset = match.start(3)
        direction = match.group("direction") or ""
        direction = direction if direction in name_rules()["directions"] else ""
        for area in areas:
            found.append(Toponym(offset, offset + len(area), area, _whole_area(area, gazetteer), index, level="area",
                                 direction=direction, child=town))
            offset += len(area) + 2
    return found


# kinds of division a town is named with before its region: "Dembi Dolo, Kellem Wollega zone (Oromia)"
_DIVISION_KINDS = frozenset({"zone", "district", "sub-district", "county", "territory", "municipality", "commune",
                             "lga", "local government area", "township"})
_TOWN_BEFORE_COMMA = re.compile(rf"\b({_NAME})(?: (?:town|city|village))?, $")


def _named(match: re.Match[str]) -> tuple[str, int] | None:
    """A matched name without the sentence's opening words before it ("In", "Between"), and where it
    starts; None when nothing or only an acronym is left."""
    name, first = match.group(1), match.start(1)
    while name.split(" ", 1)[0].lower() in STOP_WORDS:
        head, _, name = name.partition(" ")
        first += len(head) + 1
    return None if not name or _is_short_caps(name) else (name, first)


def _town_before_division(text: str, start: int, draft: Extraction,
                          gazetteer: Gazetteer) -> tuple[int, int] | None:
    """The span of the town in "Dembi Dolo, Kellem Wollega zone (Oromia)" or "Kobo town, North Wollo
    zone (Amhara)", as ACLED and local reports name a town with its zone, district or county: a name
    the model calls a place or the gazetteer knows closely as a town."""
    match = _TOWN_BEFORE_COMMA.search(text, max(0, start - 60), start)
    if match is None:
        return None
    trimmed = _named(match)  # "In Dembi Dolo, ..."
    if trimmed is None:
        return None
    name, first = trimmed
    labels = {m.label for m in draft.mentions if m.start <= first < m.end}
    if labels & NEVER_PLACE_LABELS:
        return None  # "On Monday, West Wollega zone (Oromia)": a date is no town (Mondai, Brazil)
    placed = PLACE_LABELS & labels
    known = any(e.tier <= 1 and e.feature_class == "P" for e in gazetteer.candidates(name))
    return (first, first + len(name)) if placed or known else None


def _is_neighbour_country(name: str, areas: Sequence[str], gazetteer: Gazetteer) -> bool:
    """Whether the name before a bracket is a country other than the bracketed region's, named as a
    neighbour ("the border with Burundi (South Kivu)"), not a town in it ("Djibouti (Djibouti)" is one)."""
    entries = [e for e in gazetteer.candidates(name) if e.tier == 0]
    if not any(e.is_country for e in entries):
        return False
    homes = {a.country_code for area in areas for a in gazetteer.candidates(area)
             if a.tier <= 1 and (a.feature_class == "A" or a.is_country)}
    return bool(homes) and not any(e.country_code in homes for e in entries if e.feature_class == "P" or e.is_country)


_FIRST_TOWN = re.compile(rf"\b({_NAME}) and $")


def _first_of_two(text: str, start: int, parent: str, draft: Extraction,
                  gazetteer: Gazetteer) -> tuple[int, int] | None:
    """The span of the first town of "Anka and Bukkuyum (Zamfara)" or "the road between Damboa and
    Maiduguri (Borno)", which the bracket's region holds too: a name the model calls a place or the
    gazetteer knows closely as a town or division, and none the gazetteer knows only outside the
    region ("Lawrence and Hamilton Township (Mercer County)"); a bracketed town is no region
    ("Fans of Arsenal and Chelsea (London)")."""
    before = max(0, start - 60)
    match = _FIRST_TOWN.search(text, before, start)
    if match is None or not _is_area(parent, gazetteer):
        return None
    trimmed = _named(match)  # "Between Anka and ..."
    if trimmed is None:
        return None
    name, first = trimmed
    placed = any(m.start == first and m.label in PLACE_LABELS for m in draft.mentions)
    entries = [e for e in gazetteer.candidates(name) if e.tier <= 1 and e.feature_class in {"P", "A"}]
    # a name the model calls a place stays the region's, unresolved if none lies there ("Boni and Douentza
    # (Mopti)", not Bonn), unless the bracket is a county's name that many states share: the town would pick it
    county = any(e.tier <= 1 and e.feature_code == "ADM2" for e in gazetteer.candidates(parent))
    if entries and (county or not placed) and not any(_lies_in(e, parent, gazetteer) for e in entries):
        return None
    return (first, first + len(name)) if placed or entries else None


def _lies_in(entry: Entry, area: str, gazetteer: Gazetteer) -> bool:
    """Whether an entry may lie in an area of that name: in its country, and in its county where the
    area is a county (a province's codes may be stale, as ACLED's spellings of regions are)."""
    for whole in gazetteer.candidates(area):
        if whole.tier > 1 or whole.country_code != entry.country_code:
            continue
        county = whole.feature_code == "ADM2"
        if not county or (whole.admin1, whole.admin2) == (entry.admin1, entry.admin2):
            return True
    return False


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


def _town_read_as_person(text: str, mention: Mention, gazetteer: Gazetteer, surnames: set[str]) -> bool:
    """A town the model took for a person's name, or a region it took for a people's, where the
    words say it is a place: 'a house in Kiryat Shmona', 'in the north of Alibori'; never a
    surname of someone the report names, nor a demonym ('in Syrian hands')."""
    if mention.label not in {"PERSON", "NORP"} or mention.text in surnames or not _LOCATIVE.search(
            text[max(0, mention.start - 24):mention.start]):
        return False
    if mention.label == "NORP" and (demonym_country(mention.text) or is_region_adjective(mention.text)):
        return False  # "in Syrian hands": a people's word, not a place
    return any(e.tier == 0 and ((e.feature_class == "P" and e.population >= PERSON_TOWN_POPULATION)
                                or (mention.label == "NORP" and e.feature_code == "ADM1"))
               for e in gazetteer.candidates(mention.text))


@lru_cache(maxsize=1)
def _group_aliases() -> frozenset[tuple[str, ...]]:
    """Every alias of every group in the actor table, in any country."""
    return frozenset(alias for group in actor_table().groups for alias in group.aliases)


_NEXT_WORDS = re.compile(r"[ -]([A-Za-z]+)(?:[ -]([A-Za-z]+))?")


def _names_an_armed_group(text: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    """A town's name that heads a group's name in the actor table ("Fano militiamen", "Wagner
    fighters"), or is one that the model did not call a place ("Fano said"): the group, not the town.
    A name after 'in' is still a place ("fighting in Fano"), and so is a country's, a division's or a
    region's ("Sinaloa cartel", "Kachin Independence Army" are there too)."""
    if _LOCATIVE.search(text[max(0, mention.start - 24):mention.start]):
        return False
    words = tuple(words_of(mention.text))
    after = _NEXT_WORDS.match(text, mention.end)
    following = tuple(w.casefold() for w in after.groups() if w) if after else ()
    aliases = _group_aliases()
    heads = any(words + following[:size] in aliases for size in range(1, len(following) + 1))
    if not heads and not (words in aliases and mention.model_label not in PLACE_LABELS):
        return False
    entries = [e for e in gazetteer.candidates(mention.text) if e.tier == 0]
    # "the Sudan Liberation Army" is no town's name: the country in it stays a place
    return bool(entries) and all(e.feature_class == "P" and not e.is_country for e in entries)


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


def _is_adjective(doc: Doc, mention: Mention) -> bool:
    """A one-word mention the parser reads as an adjective modifying a noun ('Roman theatre')."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].tag_ == "JJ" and span[0].dep_ == "amod"


def _named_as_person(text: str, toponym: Toponym, places: list[tuple[int, int]], gazetteer: Gazetteer) -> bool:
    """Whether an apposition makes a name a person's: an age always ("Gunmen attacked Jordan, a 30-year-old
    farmer"); a person's role unless the name stands as a place whatever role it is given."""
    kind = person_apposition(text, toponym.end)
    return kind == "age" or (kind == "role" and not _stands_as_place(toponym, places, gazetteer))


def _stands_as_place(toponym: Toponym, places: list[tuple[int, int]], gazetteer: Gazetteer) -> bool:
    """Whether a name is a place whatever role its apposition gives: a country ("Poland, a neighbour of
    Ukraine"), or a city the model called a place."""
    best = gazetteer.candidates(toponym.name)[:1]
    return any(e.is_country or (e.population >= STRONG_POPULATION and _inside(toponym, places)) for e in best)


def _inside(toponym: Toponym, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= toponym.start and toponym.end <= end for start, end in spans)


def _mention_is_place(mention: Mention, gazetteer: Gazetteer) -> bool:
    if demonym_country(mention.text) or is_region_adjective(mention.text):
        return False  # "Syrian" gives country context, not a place
    if mention.label in PLACE_LABELS:
        return True
    if mention.label in NEVER_PLACE_LABELS or mention.label == "NORP":
        return False
    if mention.text.isupper() and " " not in mention.text.strip():
        # an acronym the model calls an organisation is one ("SANA", the news agency, is not
        # Sanaa), unless it is a country's ("UAE", "DRC")
        return any(e.tier == 0 and e.is_country for e in gazetteer.candidates(mention.text))
    return _well_known(mention.text, gazetteer) or _known_division(mention.text.split(), gazetteer)


def _known_division(words: list[str], gazetteer: Gazetteer) -> bool:
    """Whether words name a division by a place the gazetteer knows and an admin word
    ("Kauru LGA", "Hsipaw township"), which the model often calls an organisation or misses."""
    named = name_rules()["admin_words"]["named_divisions"]
    if len(words) < 2 or words[-1].casefold() not in named or not words[0][:1].isupper():
        return False
    return any(e.tier == 0 and e.feature_class in {"A", "P"} for e in gazetteer.candidates(" ".join(words[:-1])))


def _missed_division(name: str, word: str, start: int, draft: Extraction, gazetteer: Gazetteer) -> bool:
    """Whether a capitalised word the model missed and an admin word name a division: "in Hsipaw
    township", "Kauru district" (a division of that name), or a town the model calls a place elsewhere
    in the article; not "The Police district commander" (Police, Poland) nor "a safe Liberal district"."""
    if not _known_division([name, word], gazetteer):
        return False
    if _LOCATIVE.search(draft.article.text[max(0, start - 24):start]):
        return True
    if any(m.text == name and m.label in PLACE_LABELS for m in draft.mentions):
        return True
    return any(e.tier == 0 and (e.feature_class == "A" or e.population >= STRONG_POPULATION)
               for e in gazetteer.candidates(name))


def _well_known(name: str, gazetteer: Gazetteer, *, strict: bool = False) -> bool:
    """Whether a name is exactly a country, first-level division or large town
    (with `strict`, under its main name: "Act" is not the ACT)."""
    for entry in gazetteer.candidates(name):
        # a city's quarter is no well-known place of its own, however many live there
        if entry.tier == 0 and (entry.is_country or entry.feature_code in {"ADM1", "CONT"}
                                or entry.population >= STRONG_POPULATION and not is_city_quarter(entry)):
            if not strict or normalise_name(entry.name) == normalise_name(name):
                return True
    return False


def _keeps(toponym: Toponym, gazetteer: Gazetteer, surnames: frozenset[str] | set[str] = frozenset()) -> bool:
    """Filters: a short all-caps word only for a country or a state ("UK", "S.C.", "B.C.",
    not "IS"); a person's surname ("Obama" after "Barack Obama") only when it is a well-known place."""
    if _is_short_caps(toponym.name.replace(".", "")):
        if "." in toponym.name and us_state_code(toponym.name):
            return True
        dotted = "." in toponym.name  # a province's abbreviation is written with stops
        return any(e.tier == 0 and (e.is_country or (dotted and e.feature_code == "ADM1"))
                   for e in gazetteer.candidates(toponym.name))
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
            after = re.match(r"\s+([A-Za-z-]+)", draft.article.text[end:end + 24])
            named = _well_known(name, gazetteer, strict=True) or (
                after is not None and _missed_division(name, after.group(1), start, draft, gazetteer))
            if not overlaps and not demonym_country(name) and named:
                sentence = draft.sentence_at(start)
                toponym = toponym_at(draft.article.text, start, end,
                                     sentence=sentence.index if sentence else 0)
                if toponym and _keeps(toponym, gazetteer):
                    yield toponym
        run = []


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
        precision=precision, score=round(resolution.score, 3), inferred=resolution.nearby)


def geocode_places(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """Recognise and resolve the places of one article."""
    gazetteer = load_gazetteer(options)
    toponyms = recognise_toponyms(doc, draft, gazetteer)
    resolutions = resolve_toponyms(toponyms, gazetteer, draft.article.text)
    places = [to_place(draft.article.id, t, r, gazetteer) for t, r in zip(toponyms, resolutions, strict=True)]
    return dataclasses.replace(draft, places=tuple(places))
