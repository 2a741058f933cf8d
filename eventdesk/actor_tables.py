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
from collections import Counter
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
    open_unit: str = ""  # the government ACLED names after the open era ("Presidential Leadership Council")
    # the armed group ACLED codes a report's unnamed militants as, where one group wages the insurgency
    # (Al Shabaab in Somalia), from this year on (`insurgents_since`; 0: always)
    insurgents: str = ""
    insurgents_since: int = 0
    gangs: bool = False  # unnamed gunmen are ACLED's 'Unidentified Gang' here (Ecuador, Honduras)
    herders: str = ""  # the people whose armed herders ACLED codes as its militia here (Fulani in Nigeria)
    # the branch ACLED codes a report's 'security forces' as here when they make arrests (police in Egypt, where
    # they are the interior ministry's); empty: the report leaves it open
    security_forces: str = ""


@dataclass(frozen=True)
class Group:
    """A named group and its aliases."""

    name: str
    inter: int
    aliases: tuple[tuple[str, ...], ...]
    acronyms: frozenset[str]
    state_of: str = ""  # a national force's own name ("SNA", "FARDC"): that country's state forces
    state_since: int = 0  # the group is that state's forces from this year on (the Taliban, 2022-)
    role: str = ""  # a national agency's branch ("police" for the CTD); empty: the phrase's head decides
    countries: frozenset[str] = frozenset()  # where the aliases hold ("Maoists" in India); empty: anywhere
    unit: str = ""  # the branch ACLED writes after a state force's era ("Central Reserve Police Force")
    # fights beside a state's forces (Wagner Group): named with them, ACLED codes it as their associate
    auxiliary: bool = False
    era: str = ""  # the era ACLED writes for a de facto state force, not the government's ("2017-" for the Houthis)
    # the branch's own name by the country the article is about ("Islamic State Khorasan Province (ISKP)")
    branches: tuple[tuple[str, str], ...] = ()
    # where a "{country}" name takes the country; elsewhere the plain name ("Islamic State" in Iran); empty: anywhere
    named_in: frozenset[str] = frozenset()
    gang: bool = False  # a criminal gang or cartel: the one a note's unnamed "gang members" belong to
    # the group is `state_of`'s forces only before this year (Puntland's, until its break with Mogadishu); 0: no end
    state_until: int = 0
    # a branch named only from a year on, and the name before it: (branch, since, earlier name)
    branch_eras: tuple[tuple[str, int, str], ...] = ()
    # the first-level divisions where the aliases hold (the state that raised Zamfara's guards); empty: anywhere
    regions: frozenset[str] = frozenset()

    def fits(self, country: str) -> bool:
        """Whether the group's aliases hold in an article about this country."""
        return not self.countries or country in self.countries

    def holds_in(self, regions: frozenset[str], words: Sequence[str]) -> bool:
        """Whether the group's aliases hold in an article placed in `regions` (first-level divisions), or
        in a phrase (`words`) that names one of the group's own ('Zamfara community protection guards')."""
        return not self.regions or not self.regions.isdisjoint(regions) or any(
            set(word_tuple(region)) <= set(words) for region in self.regions)

    def is_state_force(self, year: int | None) -> bool:
        """Whether the group is its state's forces in `year` (the Taliban from 2022, Puntland's before
        2024); a year untold keeps a bounded group's own name."""
        if not self.state_of:
            return False
        if self.state_until:
            return year is not None and year < self.state_until
        return (year or 0) >= self.state_since


@dataclass(frozen=True)
class ActorTable:
    """The whole alias table."""

    groups: tuple[Group, ...]
    heads: dict[str, frozenset[tuple[str, ...]]]
    cues: dict[str, frozenset[tuple[str, ...]]]
    ethnic: dict[str, str]  # a people whose armed men ACLED codes as "<People> Ethnic Militia" -> its main country
    name_ends: frozenset[str]  # last words of a group's proper name ("Army", "Front", "Province")
    armed_ends: frozenset[str]  # those that end an armed group's name ("Army", not "Council")
    not_names: frozenset[str]  # capitalised at a sentence's start, not in a name ("Suspected", "Two")
    countries: dict[str, Country]
    country_words: dict[tuple[str, ...], str]  # demonym / name / leader -> country
    crowds: dict[str, frozenset[str]]  # crowd words, the occasions that make one civilians, its riot verbs


def words_of(text: str) -> list[str]:
    """Lower-case words of a phrase, hyphens read as spaces and possessives ('s, s') dropped."""
    return list(word_tuple(text))


@lru_cache(maxsize=1 << 16)
def word_tuple(text: str) -> tuple[str, ...]:
    """`words_of` as a shared tuple, read once per text: one token's text recurs across sentences and stages."""
    text = text.replace("\u2019", "'").replace("-", " ")
    # a plural's possessive keeps only its word ("the Houthis' naval forces": "houthis"), as does a quoted one
    words = (w.removesuffix("'s").strip("'").casefold() for w in WORD.findall(text))
    return tuple(w for w in words if w)


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("eventdesk.data").joinpath(name).read_text("utf-8"))


def _tuples(values: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(words_of(v)) for v in values)


def _countries(data: dict[str, Any]) -> dict[str, Country]:
    return {
        name: Country(name, entry["iso3"], tuple(entry["demonyms"]), tuple(entry["leaders"]),
                      tuple((int(a), int(b), str(c)) for a, b, c in entry["eras"]), entry["open_era"],
                      bool(entry.get("the", False)), str(entry.get("open_unit", "")),
                      str(entry.get("insurgents", "")), int(entry.get("insurgents_since", 0)),
                      bool(entry.get("gangs", False)), str(entry.get("herders", "")),
                      str(entry.get("security_forces", "")))
        for name, entry in data.items()
    }


@lru_cache(maxsize=2)
def actor_table(language: str = "en") -> ActorTable:
    """Load the alias table and the country table."""
    data = _load(f"actors_{language}.toml")
    groups = tuple(
        Group(g["name"], int(g["inter"]), tuple(sorted(_tuples(g["aliases"]), key=len, reverse=True)),
              frozenset(g.get("acronyms", ())), str(g.get("state_of", "")), int(g.get("state_since", 0)),
              str(g.get("role", "")), frozenset(g.get("countries", ())), str(g.get("unit", "")),
              bool(g.get("auxiliary", False)), str(g.get("era", "")),
              tuple(sorted(g.get("branches", {}).items())), frozenset(g.get("named_in", ())),
              bool(g.get("gang", False)), int(g.get("state_until", 0)),
              tuple((branch, int(since), str(before)) for branch, (since, before) in g.get("branch_eras", {}).items()),
              frozenset(g.get("regions", ())))
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
        ethnic={w.casefold(): country for country, peoples in data["names"]["ethnic"].items() for w in peoples},
        name_ends=frozenset(w.casefold() for w in data["names"]["group_ends"]),
        armed_ends=frozenset(w.casefold() for w in data["names"]["armed_group_ends"]),
        not_names=frozenset(w.casefold() for w in data["names"]["not_name_words"]),
        countries=countries,
        country_words=country_words,
        crowds={k: frozenset(w.casefold() for w in v) for k, v in data["crowds"].items()},
    )


def group_name(group: Group, country: str, year: int | None = None) -> str:
    """A group's ACLED name in an article about `country` in `year`: its branch there, else its template filled.

    'Islamic State' is 'Islamic State (Syria)' in Syria, 'Islamic State Khorasan Province (ISKP)' in
    Afghanistan and plain 'Islamic State' in Iran, where ACLED names no branch after the country; al-Qaeda
    in Mali is JNIM from 2017, AQIM before (a year untold: the latest branch).
    """
    branch = dict(group.branches).get(country)
    if branch:
        since, earlier = next(((s, e) for b, s, e in group.branch_eras if b == branch), (0, ""))
        return earlier if year is not None and year < since else branch
    if "{country}" not in group.name:
        return group.name
    if country and (not group.named_in or country in group.named_in):
        return group.name.replace("{country}", country)
    return group.name.replace(" ({country})", "")


def era_label(country: str, year: int | None) -> str:
    """ACLED's government era for a country and year ('2000-'), or ''."""
    entry = actor_table().countries.get(country)
    if entry is None:
        return ""
    for first, last, label in entry.eras:
        if year is not None and first <= year < last:
            return label
    return entry.open_era


def country_insurgents(country: str, year: int | None) -> str:
    """The group a country's unnamed militants are coded as in that year ('Al Shabaab' in Somalia), or ''."""
    entry = actor_table().countries.get(country)
    if entry is None or not entry.insurgents or (year or 0) < entry.insurgents_since:
        return ""
    return entry.insurgents


def gangs_kill_in(country: str) -> bool:
    """Whether a country's unnamed gunmen are coded as gangs (Ecuador, Honduras: the table's 'gangs')."""
    entry = actor_table().countries.get(country)
    return entry is not None and entry.gangs


def policing_branch(country: str) -> str:
    """The branch a country's unnamed 'security forces' are when they police (make arrests): the table's
    'security_forces' (police in Egypt), else '' (the branch stays open)."""
    entry = actor_table().countries.get(country)
    return entry.security_forces if entry is not None else ""


def herders_of(words: Sequence[str], country: str) -> str:
    """The people whose militia armed herders are in a country ('armed herders', 'suspected herdsmen' in
    Nigeria: 'fulani'), or '' (herders alone are no attackers)."""
    entry = actor_table().countries.get(country)
    armed_herders = bool(words) and words[-1] in {"herders", "herdsmen"} and bool({"armed", "suspected"} & set(words))
    if entry is None or not armed_herders:
        return ""
    return entry.herders.casefold()


def article_country(texts: Iterable[str], *, place_countries: Iterable[str] = ()) -> str:
    """The article's main country: geocoded places first, then country words in the text."""
    from_places = Counter(c for c in place_countries if c)
    if from_places:
        return table_name(from_places.most_common(1)[0][0])
    votes: Counter[str] = Counter()
    peoples: Counter[str] = Counter()  # "Pokot raiders attacked Turkana herders": a people's home country
    for text in texts:
        words = words_of(text)
        peoples.update(actor_table().ethnic[w] for w in words if w in actor_table().ethnic)
        for i in range(len(words)):
            for size in (3, 2, 1):
                country = actor_table().country_words.get(tuple(words[i:i + size]))
                if country:
                    votes[country] += 1
                    break
    votes = votes or peoples
    return votes.most_common(1)[0][0] if votes else ""


# A link after which the words say whom armed men serve ("gunmen affiliated with the government")
SERVING_LINKS = frozenset({"loyal", "allied", "affiliated", "aligned", "linked", "belonging"})


SERVED_GOVERNMENT = frozenset({"government"})
SERVED_QUALIFIERS = frozenset({"new", "interim", "transitional", "ruling"})


def serves_the_state(words: Sequence[str]) -> bool:
    """'gunmen affiliated with the government', 'armed men from factions allied with the new government':
    armed men a phrase ties to the government in power are its forces. Only the government itself counts
    (ACLED leaves 'gunmen loyal to the new authorities' unidentified): a 'regime' is a fallen or enemy
    one, and 'linked to the kidnapping of a state lawmaker' or 'belonging to a private security company'
    tie them to no government at all."""
    link = next((i for i, w in enumerate(words) if w in SERVING_LINKS), len(words))
    served = list(words[link + 1:link + 5])
    for skipped in ({"to", "with"}, {"the", "a", "an", "its", "their"}, SERVED_QUALIFIERS):
        if served and served[0] in skipped:
            served.pop(0)
    return bool(served) and served[0] in SERVED_GOVERNMENT and not has_cue(words, "deposed")


def has_cue(words: Sequence[str], cue: str) -> bool:
    """Whether a phrase holds one of the table's cue phrases of a kind."""
    return _cued(tuple(words), cue)


@lru_cache(maxsize=1 << 14)
def _cued(words: tuple[str, ...], cue: str) -> bool:
    # normalise_actor asks several kinds of every phrase, and the same phrases recur sentence after sentence
    return any(words[i:i + len(c)] == c for c in actor_table().cues[cue] for i in range(len(words) - len(c) + 1))


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
def group_regions() -> frozenset[str]:
    """Every first-level division some group's aliases hold in only (Zamfara's guards): the only regions
    that change what a phrase names."""
    return frozenset().union(*(group.regions for group in actor_table().groups))


@lru_cache(maxsize=1)
def auxiliary_names() -> frozenset[str]:
    """Names of the groups that fight beside a state's forces and are coded as their associates."""
    return frozenset(group.name for group in actor_table().groups if group.auxiliary)


@lru_cache(maxsize=512)  # one per country (some 250)
def alias_index(country: str = "") -> tuple[dict[tuple[str, ...], Group], dict[str, Group]]:
    """Every alias and every acronym of the table, each to its group: a group bound to the article's country
    wins over one that holds anywhere, whatever their order in the table ('al-Shabaab' is IS's branch in
    Mozambique, 'SNA' the Syrian National Army in Syria), and otherwise the first group wins."""
    aliases: dict[tuple[str, ...], Group] = {}
    acronyms: dict[str, Group] = {}
    for group in sorted(actor_table().groups, key=lambda g: not g.countries):  # stable: table order within each
        if not group.fits(country):
            continue
        for alias in group.aliases:
            aliases.setdefault(alias, group)
        for acronym in group.acronyms:
            acronyms.setdefault(acronym, group)
    return aliases, acronyms


def named_group(words: Sequence[str], originals: Sequence[str], *, country: str = "") -> Group | None:
    """The named group a phrase mentions (longest alias wins), if any.

    An alias inside a longer proper name ("National Liberation Army" in "Karen National Liberation
    Army") names no known group: the longer name is an unknown group of its own.
    """
    aliases, acronyms = alias_index(country)
    shown = _aligned(words, originals)
    found: list[Group] = []
    longer: list[Group] = []
    backers: list[Group] = []  # "al-Qaeda-linked JNIM", "IS-affiliated ADF": named only as the group's patron
    for size in range(min(_MAX_ALIAS_WORDS, len(words)), 0, -1):
        for i in range(len(words) - size, -1, -1):  # "al-Qaida-linked al-Shabab fighters": the name nearest the head
            group = aliases.get(tuple(words[i:i + size]))
            if group is None:  # alias_index holds only the groups that fit the country
                continue
            if shown and inside_longer_name(shown, i, i + size):
                longer.append(Group(_proper_name(shown, i, i + size), 2, (), frozenset()))
            elif i + size < len(words) and words[i + size] in _PATRON_LINKS:
                backers.append(group)
            else:
                found.append(group)
    for i, word in enumerate(originals):
        if word in acronyms:
            patron = i + 1 < len(originals) and originals[i + 1].casefold() in _PATRON_LINKS
            (backers if patron else found).append(acronyms[word])
    found.extend(longer)
    found.extend(backers)
    if not found and (unknown := unknown_group(shown)) is not None:
        found.append(unknown)
    # "Taliban gunmen", "BLA gunmen": a named group outranks the generic armed men it sends
    return next((g for g in found if not g.name.startswith("Unidentified")), found[0] if found else None)


# A name before one of these words modifies the group after it: "the al-Qaeda-linked JNIM" is JNIM.
_PATRON_LINKS = frozenset({"linked", "affiliated", "allied", "aligned", "backed", "inspired", "sponsored"})

_GENERIC_NAME_WORDS = frozenset({
    "national", "armed", "special", "air", "republican", "presidential", "border", "forces", "force", "army",
    "guard", "military", "joint", "task", "government", "regime", "security", "state", "federal", "police",
    "defence", "defense", "self", "popular", "people's", "peoples", "coalition", "militia", "group", "local",
    "regional", "royal", "revolutionary", "islamic", "liberation", "front", "movement", "council", "union"})


def unknown_group(shown: Sequence[str]) -> Group | None:
    """A group the table does not know, named by its own proper name ('Arakan Rohingya Salvation Army').

    The name runs over capitalised words to a word that ends groups' names; a name of generic words
    ("National Army", "Armed Forces") or with a country in it is a state's force, not a group.
    """
    ends = actor_table().armed_ends
    last = next((j for j in range(len(shown) - 1, 0, -1) if shown[j].casefold() in ends
                 and shown[j][:1].isupper()), None)
    if last is None:
        return None
    start = last
    while start > 0 and (shown[start - 1][:1].isupper() or shown[start - 1] in _NAME_JOINERS):
        start -= 1
    while start < last and shown[start] in _NAME_JOINERS | {"The"}:
        start += 1
    name = shown[start:last + 1]
    capitals = [w for w in name if w[:1].isupper()]
    if len(capitals) < 3 or not all(_is_name_word(w) or w in _NAME_JOINERS for w in name):
        return None
    if all(w.casefold() in _GENERIC_NAME_WORDS for w in capitals):
        return None
    return Group(" ".join(name), 2, (), frozenset())


def _aligned(words: Sequence[str], originals: Sequence[str]) -> list[str]:
    """The phrase's words as written, one for each of `words` (empty when they do not line up)."""
    shown = [w.removesuffix("'s") for w in originals if w not in {"'s", "'"}]
    return shown if len(shown) == len(words) else []


_NAME_JOINERS = frozenset({"of", "for", "the", "and", "de", "del", "al", "el"})
def _is_name_word(word: str) -> bool:
    """A capitalised word that can open a group's proper name (not a country, a leader or 'Suspected')."""
    if not word[:1].isupper() or word.casefold() in actor_table().not_names:
        return False
    return (word.casefold(),) not in actor_table().country_words


def inside_longer_name(shown: Sequence[str], start: int, end: int) -> bool:
    """Whether the alias at shown[start:end] is the tail or head of a longer proper name."""
    if start > 0 and _is_name_word(shown[start - 1]) and shown[start][:1].isupper():
        return True
    after = shown[end] if end < len(shown) else ""
    return after[:1].isupper() and after.casefold() in actor_table().name_ends


def _proper_name(shown: Sequence[str], start: int, end: int) -> str:
    """The whole proper name around an alias found inside it ('Karen National Liberation Army')."""
    while start > 0 and (_is_name_word(shown[start - 1]) or shown[start - 1] in _NAME_JOINERS
                         and start > 1 and _is_name_word(shown[start - 2])):
        start -= 1
    ends = actor_table().name_ends
    last = next((j for j in range(len(shown) - 1, end - 1, -1)
                 if shown[j].casefold() in ends and all(w[:1].isupper() or w in _NAME_JOINERS
                                                        for w in shown[end:j + 1])), end - 1)
    return " ".join(shown[start:last + 1])


@lru_cache(maxsize=512)  # one per country: a corpus spans many, and a thrashing cache rebuilds per article
def aliases_by_first_word(country: str = "") -> dict[str, tuple[tuple[tuple[str, ...], Group], ...]]:
    """The aliases that hold in the article's country by their first word, longest first, with their groups."""
    aliases, _ = alias_index(country)
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
