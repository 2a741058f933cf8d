"""Actors in ACLED's naming style, from an alias table shipped as data.

`normalise_actor` turns a phrase ("Assad's forces", "IS militants",
"government-allied troops") into an ACLED-style name (`Military Forces of
Syria (2000-)`, `Islamic State (Syria)`); `find_actors` finds every actor
phrase in a parsed sentence. Country and era come from the phrase itself (a
demonym, a country or a leader) or from the article's context.

The alias and country tables and their look-ups live in
`eventdesk.actor_tables`; `words_of`, `named_group`, `era_label`,
`article_country` and `iso3_of` are re-exported here. Where a phrase starts and ends in the parse
is `eventdesk.actor_spans`'s. `Actor` and its kinds are `eventdesk.actor_kinds`'s (`Actor` is
re-exported here), and peoples' and clans' militias `eventdesk.actor_militias`'s. Which actor is
the agent, patient or backer of an event trigger is read in `eventdesk.actor_roles`.
"""

from __future__ import annotations

import re

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventdesk.actor_kinds import Actor, group_kind, with_country
from eventdesk.actor_militias import (
    CLAN_ARMED, clan_militia, clans_after, communal_militia, ethnic_militia, people_militia, peoples_after,
)
from eventdesk.actor_spans import (
    BELIEVED, ORDINAL, ORIGIN_LINKS, RIGHT_LINKS, believed_end, is_head, left_edge, named_spans,
    one_head_word, right_edge,
)
from eventdesk.actor_tables import (
    SERVING_LINKS, WORD, Group, actor_table, country_in, country_insurgents, era_label, gangs_kill_in, group_name,
    group_regions, has_cue, named_group, serves_the_state, word_tuple, words_of,
)
# re-exported: acled.py and the tests import them from here
from eventdesk.actor_tables import article_country as article_country, iso3_of as iso3_of
from eventdesk.model import Extraction
from eventdesk.nlp import doc_cached, sentence_tokens, tokens_text


@dataclass(frozen=True)
class ActorContext:
    """What the article tells about unnamed sides: its country, year and main armed group."""

    country: str = ""
    year: int | None = None
    armed_default: str = ""  # the dominant named non-state armed actor, if any
    gang_default: str = ""  # the gang or cartel the article names most, whose men its "gang members" are
    persons: frozenset[int] = frozenset()  # character offsets of tokens in PERSON mentions
    regions: frozenset[str] = frozenset()  # the first-level divisions of the article's places

    def is_person(self, token: Token) -> bool:
        """Whether a token is part of a person's name (the entity pass's settled label)."""
        if self.persons:
            return token.idx in self.persons
        return token.ent_type_ == "PERSON"


@dataclass(frozen=True)
class ActorMention:
    """An actor phrase in a document: token span, head token and the actor."""

    start: int
    end: int
    head: int
    text: str
    actor: Actor


@lru_cache(maxsize=1 << 10)  # one per country, year and branch: asked of every state force named
def state_actor(country: str, *, role: str = "military", year: int | None = None, unit: str = "",
                era: str = "") -> Actor:
    """The state force of a country in ACLED's style: 'Military Forces of Syria (2000-)'.

    A named branch follows the era as ACLED writes it: 'Police Forces of India (2014-) Central
    Reserve Police Force'; a de facto force has an era of its own ('Military Forces of Yemen (2017-) Houthi').
    Its ministers are the 'Government of Afghanistan (2021-)', unarmed (kind 'civilian').
    """
    prefix = {"police": "Police Forces", "government": "Government"}.get(role, "Military Forces")
    kind = {"police": "police", "government": "civilian"}.get(role, "state")
    if not country:
        return Actor(prefix, kind, "")
    entry = actor_table().countries.get(country)
    if not era and not unit and entry is not None and entry.open_unit and era_label(country, year) == entry.open_era:
        unit = entry.open_unit  # "Military Forces of Yemen (2022-) Presidential Leadership Council"
    era = era or era_label(country, year)
    place = f"the {country}" if entry is not None and entry.the else country  # "of the United States"
    name = f"{prefix} of {place} ({era})" if era else f"{prefix} of {place}"
    name = f"{name} {unit}" if unit else name
    return Actor(name, kind, country)


def _head_kind(words: Sequence[str]) -> str:
    """Which head list the phrase ends in: military, police, militants, civilians, ..."""
    return _tail_kind(tuple(words[-3:]))


@lru_cache(maxsize=1 << 12)
def _tail_kind(words: tuple[str, ...]) -> str:
    table = actor_table()
    for size in (3, 2, 1):
        tail = tuple(words[-size:])
        for kind in ("police", "military", "militants", "protesters", "rioters", "civilians", "government"):
            if len(words) >= size and tail in table.heads[kind]:
                return kind
    return ""


def _from_group(group: Group, country: str, year: int | None) -> Actor:
    return Actor(group_name(group, country, year), group_kind(group), country)


def generic_militants(words: Sequence[str], country: str, context: ActorContext) -> Actor:
    """Armed men a phrase names by no group: unidentified, the country's rebels, or the article's main
    armed group (or the group that wages the country's insurgency)."""
    if has_cue(words, "unidentified"):
        return Actor(with_country("Unidentified Armed Group ({country})", country), "unidentified", country)
    if has_cue(words, "rebel") and not context.armed_default:
        return Actor(with_country("Opposition Rebels ({country})", country), "rebel", country)
    if context.armed_default:
        return Actor(context.armed_default, "rebel", country)
    return Actor(with_country("Unidentified Armed Group ({country})", country), "unidentified", country)


_ALWAYS_STATE = frozenset({("troops",), ("soldiers",), ("soldier",), ("army",), ("military",),
                           ("armed", "forces"), ("security", "forces"), ("gendarmes",), ("gendarmerie",),
                           ("air", "force"), ("navy",), ("paratroopers",), ("special", "forces"),
                           ("paramilitaries",)})  # rangers are a state cue in actors_en.toml


_TAKEN_FOR = re.compile(r"\b(?:believed|thought|suspected|presumed) to be (.+)$", re.IGNORECASE)
_IN_UNIFORM = re.compile(r"\bin (.+?) (?:uniforms?|fatigues)\b", re.IGNORECASE)


def normalise_actor(phrase: str, *, context: ActorContext = ActorContext()) -> Actor | None:
    """The ACLED-style actor a phrase names, or None when it names none."""
    # the whole context but its persons, which no phrase reading asks: a field added later keys the cache too;
    # of its regions only those some group's aliases hold in, so other articles share the cache
    return _normalised(phrase, replace(context, persons=frozenset(), regions=context.regions & group_regions()))


@lru_cache(maxsize=1 << 13)
def _normalised(phrase: str, context: ActorContext) -> Actor | None:
    # once per phrase and what the article tells of unnamed sides: the same phrases ('security forces',
    # 'gunmen') recur sentence after sentence, article after article
    if phrase.rstrip().endswith(("-", "\u2013")):
        return None  # "a checkpoint of the UAE-[backed STC]": cut before the name its country only modifies
    dressed = _IN_UNIFORM.search(phrase)
    if dressed is not None:  # "men in police uniform", "men in Burkinabe army uniforms": that force's men
        force = normalise_actor(dressed.group(1), context=context)
        if force is not None and force.kind in {"state", "police"}:
            return force
    taken_for = _TAKEN_FOR.search(phrase)
    if taken_for is not None:  # "gunmen suspected to be Tiv militiamen": the men of the group named
        named = normalise_actor(taken_for.group(1), context=context)
        if named is not None and named.kind in {"rebel", "militia", "state", "police", "external"}:
            return named
    words, originals, named_country, group = _read_phrase(phrase, context.country)
    if not words:
        return None
    if group is not None and not group.holds_in(context.regions, words):
        group = None  # 'community protection guards' in Katsina are not Zamfara's: the words alone tell
    country = named_country or context.country
    if group is not None and group.is_state_force(context.year):
        head = _head_kind(words)  # "SNA troops", "FARDC", "the Taliban" once they govern, "CTD personnel"
        role = group.role or (head if head in {"police", "government"} else "military")
        return state_actor(group.state_of, role=role, year=context.year, unit=group.unit, era=group.era)
    if group is not None and group.name.startswith("Unidentified") and (
            people := ethnic_militia(words, "militants", country)) is not None:
        return people  # "Druze gunmen", "Tiv attackers": the people's militia, not unidentified men
    if group is not None and group.name.startswith("Unidentified") and serves_the_state(words):
        return state_actor(country, year=context.year)  # "gunmen affiliated with the government"
    if group is not None and group.name.startswith("Unidentified") and (
            has_cue(words, "gang") or gangs_kill_in(country)):
        # "gunmen of a local gang", "armed men believed to belong to a criminal gang", gunmen in Ecuador
        return _unnamed_gang(words, country, context)
    if group is not None:
        return _from_group(group, country, context.year)
    link = next((i for i, w in enumerate(words) if i and _is_link(words, i)), len(words))
    head = _head_kind(words[:link]) or _head_kind(words)
    if head in {"police", "military", "militants"} and has_cue(words, "deposed"):
        # "gunmen loyal to the former regime", "remnants of the ousted government's forces"
        return Actor(with_country("Unidentified Armed Group ({country})", country), "unidentified", country)
    head = _head_kind(words[:link])
    if head in {"police", "military", "militants", "government"} and has_cue(words[:link], "former") \
            or head == "government" and has_cue(words, "church"):  # "a Presbyterian minister": a cleric
        return civilians_of(country)  # "a former soldier", "an ex-combatant": no longer in any force
    if head in {"police", "government"}:  # "the refugees minister": the government's own
        return state_actor(country, role=head, year=context.year)
    if head == "military":
        cued = has_cue(words, "state") or _is_unit(words)
        state = named_country or cued or any(tuple(words[:link][-len(h):]) == h for h in _ALWAYS_STATE)
        tail = tuple(words[link - 1:link])
        if tail in actor_table().heads["civilians"] and not cued:
            return _people("civilians", country)  # "Chinese engineers" at a dam: a trade, not a corps
        if state:
            if not _names_no_branch(words[:link]):
                return state_actor(country, year=context.year)
            # the act tells the branch: those who arrest are police where the country says so (events' sides)
            force = state_actor(country, year=context.year)
            return Actor(force.name, force.kind, force.country, unspecified_branch=True)
        return None
    origin = words[link + 1:] if link < len(words) and words[link] in ORIGIN_LINKS else []
    if head == "militants" and words[link - 1] == "group" and any(
            _head_kind(origin[:i + 1]) == "civilians" for i in range(min(3, len(origin)))):
        return _people("civilians", country)  # "a group of journalists" is the journalists
    people = ethnic_militia(words[:link], head, country, origin=origin)
    if people is not None:
        return people
    if head == "militants" and has_cue(words, "communal"):
        return communal_militia(words, originals, country)
    if head == "militants":
        if has_cue(words, "gang"):  # "gang members", "suspected gangsters": ACLED's unnamed gangs
            return _unnamed_gang(words, country, context)
        if words[link - 1].startswith("militia") and not has_cue(words, "rebel"):
            home = context.country or country  # "Iran-backed militias" fight in the article's country
            return Actor(with_country("Pro-Government Militia ({country})", home), "militia", home)
        if has_cue(words, "state"):
            return state_actor(country, year=context.year)
        return generic_militants(words, country, context)
    return _people(head, country)


@lru_cache(maxsize=1 << 13)
def _read_phrase(phrase: str, country: str) -> tuple[tuple[str, ...], tuple[str, ...], str, Group | None]:
    """A phrase's words (as read and as written), the country it names and the group it names in an article
    about `country`: what `normalise_actor` reads of a phrase before the article's year and main groups
    count, asked of the same phrases ('security forces', 'gunmen') article after article."""
    words = word_tuple(phrase)
    originals = tuple(WORD.findall(phrase.replace("-", " ")))
    if not words:
        return words, originals, "", None
    named_country = country_in(words)
    return words, originals, named_country, named_group(words, originals, country=country or named_country)


def _unnamed_gang(words: Sequence[str], country: str, context: ActorContext) -> Actor:
    """'gang members' in a note naming Comando Vermelho are its men (not 'a rival faction'); else unnamed."""
    if context.gang_default and has_cue(words, "gang") and not {"rival", "another", "other"} & set(words):
        return Actor(context.gang_default, "militia", country)
    return Actor(with_country("Unidentified Gang ({country})", country), "unidentified", country)


_BRANCHLESS = frozenset({"security", "forces", "force", "personnel", "government", "state", "the", "regime"})


def _names_no_branch(words: Sequence[str]) -> bool:
    """'security forces', 'government security personnel': no word says army or police."""
    return "security" in words and all(w in _BRANCHLESS or (w,) in actor_table().country_words for w in words)


def _is_unit(words: Sequence[str]) -> bool:
    """'the 3rd Infantry Division', 'troops of the 41st Mechanised Brigade': a numbered unit is the state's."""
    units = actor_table().heads["military"]
    return any(ORDINAL.match(w) for w in words) and any((w,) in units for w in words)


def _is_link(words: Sequence[str], i: int) -> bool:
    """'forces loyal to', 'troops of', 'a drone believed to be Turkish': where a phrase's head ends."""
    if words[i] in {"loyal", "of", "from"}:
        return True
    if words[i] in BELIEVED and tuple(words[i + 1:i + 3]) in {("to", "be"), ("to", "belong")}:
        return True
    return words[i] in RIGHT_LINKS and i + 1 < len(words) and words[i + 1] in {"to", "with"}


def _people(head: str, country: str) -> Actor | None:
    templates = {"civilians": ("Civilians ({country})", "civilian"),
                 "protesters": ("Protesters ({country})", "protester"),
                 "rioters": ("Rioters ({country})", "rioter")}
    if head not in templates:
        return None
    template, kind = templates[head]
    return Actor(with_country(template, country), kind, country)


def civilians_of(country: str) -> Actor:
    """A country's civilians in ACLED's style: 'Civilians (Mali)', plain 'Civilians' when it is unknown."""
    return Actor(with_country("Civilians ({country})", country), "civilian", country)


def named_groups_in(doc: Doc, country: str) -> list[Group]:
    """Every named group an article mentions, in order (for its main armed group), sentence by
    sentence, so that `find_actors` later reuses each sentence's names."""
    return [group for sent in doc.sents for _, _, group in _named_spans_of(sent, country)]


def _named_spans_of(span: Span, country: str) -> list[tuple[int, int, Group]]:
    """`named_spans` of a span, cached on its doc (the events and figures stages read each sentence)."""
    return doc_cached(span.doc, ("eventdesk.named_spans", span.start, span.end, country),
                      lambda: named_spans(sentence_tokens(span), span.start, country))


def find_actors(span: Span, *, context: ActorContext = ActorContext()) -> list[ActorMention]:
    """Every actor phrase in a sentence, left to right, without overlaps."""
    doc = span.doc
    tokens = sentence_tokens(span)
    named = _named_spans_of(span, context.country)
    mentions: list[ActorMention] = []
    covered: set[int] = set()
    for token in [t for t in tokens if one_head_word(t.text)]:  # is_head's first test, before its parse tests
        if token.i in covered or not is_head(token):
            continue
        start = left_edge(doc, token.i, span.start)
        end = right_edge(doc, token.i, span.end)
        # "Pyu Saw Htee militiamen", with 'Saw' parsed as a verb: a group's name the phrase cuts into is whole
        start = next((s for s, e, _ in named if s < start < e <= end), start)
        text = tokens_text(tokens[start - span.start:end - span.start])
        actor = normalise_actor(text, context=context)
        if actor is None and start - 2 >= span.start and doc[start - 1].lower_ in {"and", "or"}:
            # "Russian cruise and ballistic missiles": the first conjunct's country holds for the whole
            start = left_edge(doc, start - 1, span.start)
            text = tokens_text(tokens[start - span.start:end - span.start])
            actor = normalise_actor(text, context=context)
        if actor is None:
            continue
        if actor.kind == "rioter" and _at_an_occasion(token, words_of(doc[start:token.i + 1].text)):
            actor = civilians_of(actor.country)
        peoples, stop = peoples_after(doc, token.i + 1, span.end) if actor.kind in {"unidentified", "militia"} \
            else ([], end)
        if peoples and actor.kind == "militia" and actor != people_militia(peoples[0][1], actor.country):
            peoples = []  # a named militia from a place of that people is still that militia
        if peoples:  # "armed men from the Hema and Lendu communities": each people's militia
            actor, end, text = people_militia(peoples[0][1], context.country), max(end, stop), doc[start:stop].text
        clans, stop = clans_after(doc, token.i + 1, span.end) if not peoples and actor.kind in CLAN_ARMED \
            else ([], end)
        if clans:  # "militiamen of the Habar Gidir and Majeerteen clans": each clan's militia
            actor, end, text = clan_militia(clans[0][1], context.country), max(end, stop), doc[start:stop].text
        # "Karen National Liberation Army (KNLA) troops": the longer phrase replaces the name inside it
        mentions = [m for m in mentions if not start <= m.start < m.end <= end]
        mentions.append(ActorMention(start, end, token.i, text, actor))
        covered.update(range(start, end))
        mentions.extend(_conjoined_states(doc, start, span.start, token, actor, context))
        mentions.extend(_other_peoples(doc, peoples, token.i, context))
        mentions.extend(ActorMention(i, i + 1, token.i, clan, clan_militia(clan, context.country))
                        for i, clan in clans[1:])
    mentions.extend(_country_actors(tokens, covered, context))
    for start, end, group in named:
        if not group.holds_in(context.regions, words_of(doc[start:end].text)):
            continue
        peoples, stop = peoples_after(doc, end, span.end) if group.name.startswith("Unidentified") else ([], end)
        clans, clan_stop = clans_after(doc, end, span.end) if group.name.startswith("Unidentified") and not peoples \
            else ([], end)
        if peoples and not covered & set(range(start, stop)):  # "gunmen from the Kusasi and Mamprusi communities"
            text = doc[start:stop].text
            mentions.append(ActorMention(start, stop, end - 1, text, people_militia(peoples[0][1], context.country)))
            mentions.extend(_other_peoples(doc, peoples, end - 1, context))
        elif clans and not covered & set(range(start, clan_stop)):  # "gunmen of the Habar Gidir clan"
            mentions.extend(ActorMention(i if n else start, clan_stop if not n else i + 1, end - 1,
                                         doc[start:clan_stop].text if not n else clan, clan_militia(clan, context.country))
                            for n, (i, clan) in enumerate(clans))
        elif not covered & set(range(start, end)):
            if group.name.startswith("Unidentified") and start - 1 >= span.start and start - 1 not in covered \
                    and words_of(doc[start - 1].text) and words_of(doc[start - 1].text)[-1] in actor_table().ethnic:
                start -= 1  # "Druze gunmen": the people's word before the armed men
            if group.name.startswith("Unidentified") and (taken_for := believed_end(doc, end, span.end)) > end:
                # "gunmen suspected to be Fulani militia": the phrase reads on to the group named
                mentions = [m for m in mentions if not start <= m.start < m.end <= taken_for]
                end = taken_for
            elif group.name.startswith("Unidentified") and (served := _served_end(doc, start, end, span.end)) > end:
                # "gunmen from factions allied with the new government": the phrase reads on to whom they serve
                mentions = [m for m in mentions if not start <= m.start < m.end <= served]
                end = served
            text = tokens_text(tokens[start - span.start:end - span.start])
            actor = normalise_actor(text, context=context)
            if actor is None or actor.kind == "unidentified" and not group.name.startswith("Unidentified"):
                # "gunmen of the Sinaloa [and Jalisco cartels]": the span's group, which the words alone lack
                actor = _from_group(group, country_in(words_of(text)) or context.country, context.year)
            mentions.append(ActorMention(start, end, end - 1, text, actor))
    return sorted(mentions, key=lambda m: m.start)


def _served_end(doc: Doc, start: int, end: int, limit: int) -> int:
    """The end of 'affiliated with the government' after armed men tied to the government in power; else `end`."""
    stop = end
    while stop < min(limit, end + 9) and not doc[stop].is_punct and doc[stop].lower_ not in {"and", "or"} \
            and (doc[stop].pos_ != "VERB" or doc[stop].lower_ in SERVING_LINKS):
        stop += 1
    return stop if serves_the_state(words_of(doc[start:stop].text)) else end


def _at_an_occasion(head: Token, words: Sequence[str]) -> bool:
    """'a crowd gathered for a funeral', 'a crowd at the market': people at an occasion, not a mob,
    unless the crowd itself riots ('a crowd at the funeral stoned the police')."""
    crowds = actor_table().crowds
    if words[-1] not in crowds["words"] or len(words) > 1 and tuple(words[-2:]) in actor_table().heads["rioters"]:
        return False  # "an angry crowd" is a mob wherever it stands
    verb = head.head if head.dep_ in {"nsubj", "nsubjpass"} else None
    # its own verbs: a relative clause, the verb it is subject of, or (misparsed as the root) a verb joined to it
    deeds = [*(c for c in head.children if c.dep_ == "relcl" or c.dep_ == "conj" and c.pos_ == "VERB"),
             *([verb, *verb.conjuncts] if verb else [])]
    if any(_lemma(d) in crowds["riot_verbs"] for d in deeds):
        return False
    around = [t for t in head.subtree if t.i != head.i]
    if verb is not None and _lemma(verb) in crowds["gathering_verbs"]:  # "a crowd had gathered at the market"
        around += [t for c in verb.children if c.dep_ in {"prep", "dobj", "advcl", "xcomp"} for t in c.subtree]
    return any(_lemma(t) in crowds["occasions"] or t.lower_ in crowds["occasions"] for t in around)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _country_actors(tokens: Sequence[Token], covered: set[int], context: ActorContext) -> list[ActorMention]:
    """'Russia began launching airstrikes': a country as a subject acts through its forces."""
    found: list[ActorMention] = []
    for token in tokens:
        # "Russia and Turkey signed": a country conjoined to a subject is a subject too
        if token.pos_ != "PROPN" or token.i in covered:
            continue
        subject = token.dep_ == "nsubj" or (token.dep_ == "conj" and token.head.dep_ == "nsubj")
        if not subject and not (token.dep_ == "pobj" and token.head.lower_ == "by"):
            continue
        country = actor_table().country_words.get(tuple(words_of(token.text)))
        if country and token.lower_ == country.lower():
            found.append(ActorMention(token.i, token.i + 1, token.i, token.text,
                                      state_actor(country, year=context.year)))
    return found


def _conjoined_states(doc: Doc, start: int, floor: int, head: Token, actor: Actor,
                      context: ActorContext) -> list[ActorMention]:
    """'Syrian and Russian strikes', 'Meitei and Kuki militias': the first word names a second actor."""
    if start - 2 < floor or doc[start - 1].lower_ != "and":
        return []
    people = words_of(doc[start - 2].text)
    if actor.name.startswith(tuple(p.capitalize() for p in actor_table().ethnic)) and len(people) == 1 \
            and people[0] in actor_table().ethnic:  # "Meitei and Kuki armed groups"
        return [ActorMention(start - 2, start - 1, head.i, doc[start - 2].text, people_militia(people[0], actor.country))]
    if actor.kind not in {"state", "police"}:
        return []
    country = country_in(people)
    if not country or country == actor.country:
        return []
    role = "police" if actor.kind == "police" else "military"
    other = state_actor(country, role=role, year=context.year)
    return [ActorMention(start - 2, start - 1, head.i, doc[start - 2].text, other)]


def _other_peoples(doc: Doc, peoples: Sequence[tuple[int, str]], head: int,
                   context: ActorContext) -> list[ActorMention]:
    """'gunmen from the Kusasi and Mamprusi communities': each further people has its own militia."""
    return [ActorMention(i, i + 1, head, doc[i].text, people_militia(people, context.country))
            for i, people in peoples[1:]]


def article_context(doc: Doc, extraction: Extraction) -> ActorContext:
    """The article's country (places first), year and dominant named armed group (cached on the doc)."""
    key = ("eventdesk.actor_context", extraction.article.id, len(extraction.places), len(extraction.mentions))
    return doc_cached(doc, key, lambda: _article_context(doc, extraction))


_MODIFIER_SUFFIXES = ("-led", "-backed", "-based", "-allied", "-funded", "-supported", "-trained", "\u2013led")


def _is_modifier_use(text: str, end: int) -> bool:
    """'US-led coalition', 'Iran-backed militias': a country named as a backer is not where it happens."""
    return text[end:end + 10].lower().startswith(_MODIFIER_SUFFIXES)


_CODED_TOWN = re.compile(r"(?: (?:city|town|village|area|district|camp|territory|township|county|commune|municipality|sub-district))? \(")


def is_coded_town(text: str, end: int) -> bool:
    """Whether the place ending at `end` is the town of ACLED's 'Town (Region)'."""
    return _CODED_TOWN.match(text, end) is not None


def _article_context(doc: Doc, extraction: Extraction) -> ActorContext:
    text = extraction.article.text
    places = [place.country for place in extraction.places if place.resolved and place.country
              and not _is_modifier_use(text, place.end)]
    # the coded town's country outweighs a stray homonym ("Faizabad in Islamabad (...)")
    places += [place.country for place in extraction.places if place.resolved and place.country
               and is_coded_town(text, place.end)]
    country = article_country((sent.text for sent in doc.sents), place_countries=places)
    year = extraction.article.published.year if extraction.article.published else None
    named = named_groups_in(doc, country)
    groups = Counter(group for group in named
                     if (group.inter in {2, 4} and "{country}" in group.name or group.inter == 2)
                     and not group.is_state_force(year))  # "Taliban police" in 2024
    armed = group_name(groups.most_common(1)[0][0], country, year) if groups else ""
    armed = armed or country_insurgents(country, year)
    gangs = Counter(group for group in named if group.gang).most_common(1)
    persons = frozenset(t.idx for m in extraction.mentions if m.label == "PERSON"
                        for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ())
    # the event's own divisions: a coded town's ('Funtua (Katsina)') when there is one, not a town the men fled to
    divided = [place for place in extraction.places if place.resolved and place.admin1]
    coded = [place for place in divided if is_coded_town(text, place.end)]
    regions = frozenset(place.admin1 for place in coded or divided)
    return ActorContext(country=country, year=year, armed_default=armed,
                        gang_default=group_name(gangs[0][0], country, year) if gangs else "", persons=persons,
                        regions=regions)
