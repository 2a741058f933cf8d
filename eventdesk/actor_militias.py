"""A people's or a clan's armed men: ethnic, clan and communal militias in ACLED's naming style.

`ethnic_militia` reads a phrase ('Tiv militiamen', 'armed Murle youths') as a people's militia,
`communal_militia` one of clansmen or communal fighters; `peoples_after` and `clans_after` read the
peoples and clans named after armed men in a sentence ('gunmen from the Kusasi and Mamprusi
communities'). `eventdesk.actors` calls them as it reads each actor phrase.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventdesk.actor_kinds import Actor, with_country
from eventdesk.actor_spans import ORIGIN_LINKS
from eventdesk.actor_tables import actor_table, country_in, herders_of, words_of


_ARMED_PEOPLE = frozenset({"youths", "youth", "herders", "herdsmen", "men", "keepers"})
# Not "rebels", "jihadists" or "insurgents": a people's rebels are a rebel group, not its militia
_MILITIA_MEN = frozenset({"militia", "militias", "militiamen", "raiders", "gunmen", "fighters", "groups", "vigilantes",
                         "militants", "gunman", "attackers", "assailants"})


def ethnic_militia(words: Sequence[str], head: str, country: str, *, origin: Sequence[str] = ()) -> Actor | None:
    """'Tiv militiamen', 'Pokot raiders', 'armed Murle youths', 'militiamen from the Hema community': a
    people's armed men are its ethnic militia (`origin`: the words after 'from' or 'of')."""
    armed = (head == "militants" and words[-1] in _MILITIA_MEN) or (
        head == "civilians" and "armed" in words and words[-1] in _ARMED_PEOPLE)
    people = next((w for w in (*words, *origin) if w in actor_table().ethnic), "") if armed else ""
    people = people or herders_of(words, country)  # "armed herders attacked a village": Nigeria's Fulani militia
    return people_militia(people, country) if people else None


def people_militia(people: str, country: str) -> Actor:
    """A people's ethnic militia in ACLED's style: 'Kuki Ethnic Militia (India)'.

    The article's country comes first; the people's main country only when the article names none.
    """
    home = country or actor_table().ethnic[people]
    return Actor(with_country(f"{people.capitalize()} Ethnic Militia ({{country}})", home), "militia", home)


CLAN_ARMED = frozenset({"unidentified", "militia", "rebel"})  # armed men that 'of the X clan' names
_PEOPLE_NOUNS = frozenset({"community", "communities", "ethnic", "group", "groups", "people", "peoples",
                           "tribe", "tribes"})


def peoples_after(doc: Doc, link: int, limit: int) -> tuple[list[tuple[int, str]], int]:
    """'gunmen from the Kusasi and Mamprusi communities': the peoples that armed men come from, each
    with its token, and where the phrase ends (after 'communities'); none when no people follows."""
    if link >= limit or doc[link].lower_ not in ORIGIN_LINKS:
        return [], link
    j = link + 1 + (link + 1 < limit and doc[link + 1].lower_ == "the")
    found: list[tuple[int, str]] = []
    stop = link
    while j < limit:
        words = words_of(doc[j].text)
        if len(words) == 1 and words[0] in actor_table().ethnic:
            found.append((j, words[0]))
            stop = j = j + 1
        elif found and doc[j].lower_ in {"and", ","}:
            j += 1
        else:
            break
    while found and stop < limit and doc[stop].lower_ in _PEOPLE_NOUNS:
        stop += 1
    return found, stop


_SUBCLAN_WORDS = frozenset({"subclan", "subclans"})


def communal_militia(words: Sequence[str], originals: Sequence[str], country: str) -> Actor:
    """'warriors from two rival clans', 'Habar Gidir clansmen': ACLED's communal militia, or the named
    clan's own militia ('Habar Gidir Clan Militia (Somalia)')."""
    shown = [w.removesuffix("'s") for w in originals if w not in {"'s", "'"}]
    communal = actor_table().cues["communal"]
    at = next((i for i, w in enumerate(words) if (w,) in communal), 0)
    sub = words[at] in _SUBCLAN_WORDS or at > 0 and words[at - 1] == "sub"  # "a sub-clan militia"
    names: list[str] = []
    if len(shown) == len(words):
        j = at - 1 - (at > 0 and words[at - 1] == "sub")
        while j >= 0 and _is_clan_name(shown[j]):
            names.insert(0, shown[j])
            j -= 1
    if names and words[at] != "communal":
        return clan_militia(" ".join(names), country, sub=sub)
    if names:  # "Dozo communal militia": a place's or a community's own name
        return Actor(with_country(f"{' '.join(names)} Communal Militia ({{country}})", country), "militia", country)
    return Actor(with_country("Communal Militia ({country})", country), "militia", country)


def _is_clan_name(word: str) -> bool:
    """A capitalised word that can be part of a clan's name (not 'Rival', a country or a demonym)."""
    return word[:1].isupper() and word.casefold() not in actor_table().not_names \
        and not country_in([word.casefold()])


def clan_militia(clan: str, country: str, *, sub: bool = False) -> Actor:
    """A named clan's armed men in ACLED's style: 'Habar Gidir Clan Militia (Somalia)'."""
    kind = "Sub-Clan" if sub else "Clan"
    return Actor(with_country(f"{clan} {kind} Militia ({{country}})", country), "militia", country)


def clans_after(doc: Doc, link: int, limit: int) -> tuple[list[tuple[int, str]], int]:
    """'militiamen of the Habar Gidir and Majeerteen clans': the clans armed men belong to, each with its
    first token, and where the phrase ends; none unless a word for clans closes the run of names."""
    if link >= limit or doc[link].lower_ not in ORIGIN_LINKS:
        return [], link
    j = link + 1 + (link + 1 < limit and doc[link + 1].lower_ == "the")
    found: list[tuple[int, str]] = []
    current: list[Token] = []
    communal = actor_table().cues["communal"]
    while j < limit:
        token = doc[j]
        if token.is_alpha and _is_clan_name(token.text) and (token.lower_,) not in communal:
            current.append(token)
        elif token.text == "-" and current and j + 1 < limit and _is_clan_name(doc[j + 1].text):
            current.append(token)  # "Habar-Gidir"
        elif token.lower_ in {"and", ","} and current:
            found.append((current[0].i, doc[current[0].i:current[-1].i + 1].text))
            current = []
        elif (token.lower_,) in communal and current and token.lower_ != "communal":
            found.append((current[0].i, doc[current[0].i:current[-1].i + 1].text))
            return found, j + 1
        else:
            break
        j += 1
    return [], link
