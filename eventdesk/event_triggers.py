"""The event trigger lexicon and the word-level tests a trigger must pass.

`event_lexicon` loads `data/events_en.toml` (trigger words and phrases with
their ACLED type and sub-type, and the context word lists); `matching_triggers`
finds the entries a token signals (once per parse), `context_ok` checks the words some entries
need around them, and `factual` drops triggers that are negated, modal,
future or purpose clauses. The other tests drop trigger words that name no
event of their own (an object of a disruption, a claimed attack, a modifier,
someone's support, a subject that is not an actor).
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

from eventdesk.figures_kinds import ARMED_PERSONS, kind_words
from eventdesk.nlp import doc_cached


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: the ACLED type and sub-type a word signals."""

    type: str
    sub: str
    role: str
    weight: float
    needs: frozenset[str]  # words that only count with a place/air/property/weapon context


@dataclass(frozen=True)
class Lexicon:
    """The whole trigger lexicon and its context word lists."""

    lemmas: dict[str, tuple[Trigger, ...]]
    phrases: dict[tuple[str, ...], tuple[Trigger, ...]]
    context: dict[str, frozenset[str]]
    protest: dict[str, tuple[tuple[str, ...], ...]]
    irregular: dict[str, str]
    by_first: dict[str, tuple[tuple[str, ...], ...]] = dataclasses.field(default_factory=dict)
    by_last: dict[str, tuple[tuple[str, ...], ...]] = dataclasses.field(default_factory=dict)


def _trigger(entry: dict[str, Any], word: str) -> Trigger:
    needs = {key.removeprefix("needs_") for key, words in entry.items()
             if key.startswith("needs_") and word in words}
    return Trigger(entry["type"], entry["sub"], entry.get("role", ""), float(entry["weight"]), frozenset(needs))


_CONTEXT_FIELDS = {  # context name: (table, field) of events_en.toml
    "backing": ("backing", "lemmas"), "civilian_site": ("civilian_target", "civilian_site"),
    "aircraft": ("air", "aircraft"), "launched": ("launched", "words"),
    "natural_cause": ("natural_cause", "words"), "engaged_sides": ("engaged_sides", "words"),
    "fight_toll": ("fight_toll", "words"), "assault_verbs": ("ground_operation", "assault_verbs"),
    "natural_verbs": ("natural_cause", "verbs"), "natural_subjects": ("natural_cause", "subjects"),
    "natural_spread": ("natural_cause", "spread"), "spread_violence": ("natural_cause", "spread_violence"),
    "stop": ("stop", "words"), "no_territory": ("place_object", "no_territory"),
    "person_object": ("place_object", "person_object"), "protest_acts": ("protest_context", "acts"),
    "fired_upon_forces": ("protest_context", "fired_upon_forces"),
    "fired_upon_civilians": ("protest_context", "fired_upon_civilians"), "stop_nouns": ("stop", "nouns"),
    "unreal": ("unreal", "adjectives"), "idle_verbs": ("weapon_object", "idle_verbs"),
    "device_handling": ("weapon_object", "handling_nouns"), "pit_mine": ("weapon_object", "pit_mine"),
    "pit_disaster": ("weapon_object", "pit_disaster"),
}


@lru_cache(maxsize=1)
def event_lexicon() -> Lexicon:
    """Load data/events_en.toml."""
    data = tomllib.loads(resources.files("eventdesk.data").joinpath("events_en.toml").read_text("utf-8"))
    lemmas: dict[str, list[Trigger]] = {}
    phrases: dict[tuple[str, ...], list[Trigger]] = {}
    for entry in data["trigger"]:
        for word in entry["lemmas"]:
            lemmas.setdefault(word, []).append(_trigger(entry, word))
        for phrase in entry["phrases"]:
            phrases.setdefault(tuple(phrase.split()), []).append(_trigger(entry, phrase))
    context = {name: frozenset(data[name]["words"]) for name in
               ("air", "place_object", "property_object", "weapon_object", "civilian_target", "no_fight",
                "signed_message", "ground_operation", "counted_people")}
    context |= {f"modality_{k}": frozenset(v) for k, v in data["modality"].items()}
    context |= {name: frozenset(data[table][field]) for name, (table, field) in _CONTEXT_FIELDS.items()}
    context |= {f"follows_{k}": frozenset(v) for k, v in data["follows"].items()}
    # people carried off as captives, not weapons, cattle or goods: any person noun of the figures' tables
    words = kind_words()
    context["captive_object"] = context["person_object"] | words.person_nouns | ARMED_PERSONS | frozenset(
        f"{noun}s" for noun in words.person_nouns | ARMED_PERSONS)
    context["operation_agents"] = frozenset(data["operation"]["agents"]) | ARMED_PERSONS | frozenset(
        f"{noun}s" for noun in ARMED_PERSONS)
    context |= {f"operation_{k}": frozenset(data["operation"][k]) for k in ("military", "peaceful")}
    protest = {k: tuple(tuple(p.split()) for p in v) for k, v in data["protest_context"].items()}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
        if len(phrase) == 2:
            by_last.setdefault(phrase[1], []).append(phrase)
    return Lexicon({k: tuple(v) for k, v in lemmas.items()}, {k: tuple(v) for k, v in phrases.items()},
                   context, protest, dict(data["irregular"]["forms"]),
                   {k: tuple(v) for k, v in by_first.items()}, {k: tuple(v) for k, v in by_last.items()})


def _context_lemmas(token: Token) -> set[str]:
    """Lemmas a phrase's other words may come from: children (and a conjoined verb's) and the next words."""
    doc = token.doc
    near = [t for t in doc[token.i + 1:min(len(doc), token.i + 4)] if t.pos_ != "DET"]
    words = {c.lemma_.lower() for c in token.children} | {t.lemma_.lower() for t in near}
    words |= {g.lemma_.lower() for c in token.children if c.dep_ == "conj" for g in c.children
              if g.dep_ in {"dobj", "prt"}}  # "found and destroyed a cache"
    words |= {g.lemma_.lower() for c in token.children if c.dep_ == "dobj" for g in c.conjuncts}  # "mortar and fire"
    return words | {c.lemma_.lower() for child in token.children for c in child.children if child.dep_ == "prep"}


def lemma_of(token: Token, lexicon: Lexicon) -> str:
    """A token's lemma, mended where the lemmatiser slips ('raped' -> 'rap', 'retook')."""
    lower = token.lower_
    if lower in lexicon.irregular:
        return lexicon.irregular[lower]
    return token.lemma_.lower()


def _ground_operation(token: Token, lexicon: Lexicon) -> bool:
    """'launched a large raid on Jenin with drones and bulldozers': the verb's object is an operation on
    the ground, so the weapons it was done with ('launch ... drone') make it no strike of its own."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lexicon.context["ground_operation"] and not any(
        m.dep_ in {"amod", "compound"} and m.lower_ in lexicon.context["air"] for m in c.children)
        for c in token.children)


def matching_triggers(token: Token, lexicon: Lexicon) -> tuple[Trigger, ...]:
    """The lexicon entries a token triggers, phrases before single words; found once per parse for the
    package's lexicon (the events stage asks it of one word as a trigger, a device, a protest word, a clause)."""
    if lexicon is not event_lexicon():
        return _matching_triggers(token, lexicon)
    return doc_cached(token.doc, ("eventdesk.triggers", token.i), lambda: _matching_triggers(token, lexicon))


def _matching_triggers(token: Token, lexicon: Lexicon) -> tuple[Trigger, ...]:
    lemma = lemma_of(token, lexicon)
    lower = token.lower_
    if lower in lexicon.context["stop"] or token.ent_type_ in {"DATE", "TIME"}:
        return ()
    if token.pos_ == "NOUN" and lower in lexicon.context["stop_nouns"]:
        return ()
    found: list[Trigger] = []
    heads = lexicon.by_first.get(lemma, ()) + (lexicon.by_first.get(lower, ()) if lower != lemma else ())
    if heads:
        around = _context_lemmas(token)
        # "launched a raid with drones" makes no drone strike; "launched an operation" is the operation
        ground = lexicon.context["ground_operation"] if _ground_operation(token, lexicon) else None
        matched = [p for p in heads if set(p[1:]) <= around and (ground is None or p[-1] in ground)]
        longest = max((len(p) for p in matched), default=0)
        for phrase in matched:  # "took to the streets over the killing": no "take over"
            if len(phrase) == longest:
                found.extend(lexicon.phrases[phrase])
    tails = lexicon.by_last.get(lemma, ()) + (lexicon.by_last.get(lower, ()) if lower != lemma else ())
    if tails and token.i > 0 and token.doc[token.i - 1].pos_ not in {"VERB", "AUX"}:
        previous = token.doc[token.i - 1].lemma_.lower()
        for phrase in tails:
            if phrase[0] == previous:
                found.extend(lexicon.phrases[phrase])
    found.extend(lexicon.lemmas.get(lemma, ()) or lexicon.lemmas.get(lower, ()))
    return tuple(found)


def context_ok(trigger: Trigger, token: Token, sent: Span, lexicon: Lexicon) -> bool:
    """Words that trigger only in context: 'bomb' by aircraft, 'capture' of a place, ..."""
    for need in trigger.needs:
        if need == "verb":
            if token.pos_ != "VERB":
                return False
            continue
        if need == "modifier":  # a word that names a weapon only as the modifier of a noun
            if token.dep_ not in {"amod", "compound", "nmod"} or token.head.pos_ != "NOUN":
                return False
            continue
        if need == "explosive":  # "a gold mine collapsed", "trapped in a flooded mine": a pit, no weapon
            # the kind of mine only as its own modifier: "struck a mine near an artisanal gold mine" is a landmine
            if any(t.lemma_.lower() in lexicon.context["pit_mine"] or t.lower_ in lexicon.context["pit_mine"]
                   for t in token.children) or any(t.lemma_.lower() in lexicon.context["pit_disaster"] for t in sent):
                return False
            continue
        if need == "operation":
            if not _armed_operation(token, lexicon):
                return False
            continue
        if need == "sides":
            if not _armed_sides(token, lexicon):
                return False
            continue
        if need == "air":  # another word than the trigger itself: "went on strike" is no air strike
            dropped = any(c.dep_ in {"amod", "compound"} and c.lower_ in _DROPPED for c in token.children)
            if not dropped and not any(t.lower_ in lexicon.context["air"] for t in sent if t.i != token.i):
                return False  # ("guided bombs", "glide bombs" are dropped from aircraft)
            continue
        words = lexicon.context[f"{need}_object"]
        if need == "place" and any(c.dep_ == "dobj" and c.lemma_.lower() in lexicon.context["person_object"]
                                   for c in token.children):
            return False  # "seized 25 travellers from buses near the town": people taken, not the town
        objects = _objects(token)
        if need == "captive":
            if not any(_person(o, words) for o in objects):
                return False
            continue
        if not any(o.lower_ in words or o.lemma_.lower() in words or (o.ent_type_ in {"FAC", "GPE", "LOC"}
                   or coded_town(o)) and need in {"place", "property"} for o in objects):
            return False
    if trigger.role == "territory" and any(o.lemma_.lower() in lexicon.context["no_territory"]
                                           and o.pos_ == "NOUN" for o in _objects(token)):
        return False  # "police regained control of the wing": a building held, no territory changed hands
    if trigger.role == "territory" and _control_of_nothing_named(token) and any(
            t.lemma_.lower() in lexicon.context["no_territory"] and t.pos_ == "NOUN" for t in token.sent):
        return False  # "14 inmates died before police regained control", said of a prison: no territory
    return True


def _armed_sides(verb: Token, lexicon: Lexicon) -> bool:
    """'troops engaged militants', 'Mozambican and Rwandan troops engaged IS insurgents': armed men as subject
    and object, one of them at least an armed word, the other one too or a named group."""
    words = lexicon.context["engaged_sides"]

    def side(nouns: list[Token]) -> tuple[bool, bool]:  # (an armed word, a named group) among the nouns
        tokens = [t for n in nouns for t in (n, *n.conjuncts, *(c for c in n.children if c.dep_ == "compound"))]
        return (any(t.lemma_.lower() in words or t.lower_ in words for t in tokens),
                any(t.ent_type_ in {"ORG", "NORP"} or t.pos_ == "PROPN" for t in tokens))
    clause = verb.head if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children) else verb
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if clause.dep_ == "ccomp" and any(c.pos_ == "PRON" for c in subjects):  # "the army said it engaged ..."
        subjects = [c for c in clause.head.children if c.dep_ == "nsubj"]
    subject = side(subjects)
    if not subject[0] and not any(s.ent_type_ in {"ORG", "NORP"} for s in subjects) and _purpose(verb):
        return False  # "Mozambique engaged Rwandan troops to fight the insurgency": a country hired them
    # the parser may read 'IS insurgents' as a clause ('IS' a verb): its attribute is the object then
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        a for c in verb.children if c.dep_ == "ccomp" for a in c.children if a.dep_ == "attr"]
    object_ = side(objects)
    return subject[0] and any(object_) or object_[0] and subject[1]


def _control_of_nothing_named(token: Token) -> bool:
    """'police regained control': the phrase names no place it took ('control' and nothing of it)."""
    objects = _objects(token)
    return bool(objects) and all(o.lemma_.lower() == "control" and not any(
        c.dep_ == "prep" for c in o.children) for o in objects if o.dep_ != "prep") and not any(
        o.dep_ == "prep" for o in objects)


def _purpose(verb: Token) -> bool:
    """'engaged Rwandan troops to fight the insurgency': an infinitive of purpose hangs from the verb."""
    return any(c.dep_ in {"xcomp", "advcl"} and c.tag_ == "VB" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)


def _armed_operation(verb: Token, lexicon: Lexicon) -> bool:
    """'police launched an operation against a gang', 'troops carried out a military operation': an
    operation the verb takes as its object, run by armed men or the state, against a target or named
    military; not 'rescuers launched an operation to recover bodies', nor a clean-up or relief operation."""
    operation = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "operation"), None)
    if operation is None:
        return False  # "launched an investigation after an operation in which ...": no operation launched
    before = {t.lower_ for t in verb.doc[operation.left_edge.i:operation.i]}
    if before & lexicon.context["operation_peaceful"]:
        return False  # "a clean-up operation" ('clean', '-', 'up'), "a search and rescue operation"
    against = any(p.dep_ == "prep" and p.lower_ == "against" for p in (*operation.children, *verb.children))
    agents = lexicon.context["operation_agents"]
    armed = any(c.dep_ == "nsubj" and (c.lower_ in agents or c.lemma_.lower() in agents) for c in verb.children)
    return against or armed or bool(before & lexicon.context["operation_military"])


def _person(token: Token, words: frozenset[str]) -> bool:
    """A person or people: a person noun, a named person, 'two Chinese miners'."""
    return token.lower_ in words or token.lemma_.lower() in words or token.ent_type_ in {"PERSON", "NORP"} \
        or any(c.ent_type_ == "NORP" and c.dep_ in {"amod", "compound"} for c in token.children)


def _unreal_modifier(token: Token, lexicon: Lexicon) -> bool:
    """'sound grenades', 'tear gas shells': a modifier that makes a weapon word a crowd-control device."""
    unreal = lexicon.context["unreal"]
    return any(c.dep_ in {"amod", "compound"} and (c.lower_ in unreal or " ".join(
        t.lower_ for t in c.subtree) in unreal) for c in token.children)


def _objects(token: Token) -> list[Token]:
    """What a trigger acts on: its object, the noun of its preposition, 'parts of the city', conjuncts."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "pobj", "prep", "poss"}]
    objects += [g for c in objects if c.dep_ == "prep" for g in c.children]
    objects += [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children]  # "occupied parts of the city"
    return objects + [t for o in objects for t in o.conjuncts]


def coded_town(token: Token) -> bool:
    """ACLED's 'seized Lalibela (Amhara)': a name followed by its region is a place, whatever NER says."""
    return token.pos_ == "PROPN" and token.i + 1 < len(token.doc) and token.nbor(1).text == "("


_ATTEMPTS = frozenset({"try", "attempt"})
_DROPPED = frozenset({"guided", "glide", "gliding", "aerial"})


def protest_word(token: Token) -> bool:
    """Whether a token is a word for protesting ('march', 'rally', 'shutdown')."""
    return any(t.role == "protest" for t in matching_triggers(token, event_lexicon()))


def _is_question(sent: Span) -> bool:
    """Whether a sentence ends in a question mark (its text, trailing space aside, ends with '?')."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text.endswith("?")


_MUNITIONS = frozenset({"bullet", "round", "shell", "grenade", "canister", "cartridge", "pellet", "gas", "spray",
                        "cannon", "shot", "projectile"})


def factual(token: Token, sent: Span) -> bool:
    """Whether a trigger reports something that happened (not negated, modal, future or purpose)."""
    context = event_lexicon().context
    if _is_question(sent):
        return False
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in context["modality_negations"] and child.dep_ in {"det", "neg"}:
            return False
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in context["modality_auxiliaries"]:
            return False
        if child.dep_ == "mark" and child.lower_ in {"if", "unless"}:
            return False
    if _under_unreal_noun(token, context["modality_nouns"]) or _in_rejected_report(token, context):
        return False
    if _unreal_modifier(token, event_lexicon()) or token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and _unreal_modifier(c, event_lexicon()) and not protest_word(c)
            and (c.lemma_.lower() in _MUNITIONS or matching_triggers(c, event_lexicon()))
            for c in token.children):
        # "sound grenades", "police fired tear gas shells": crowd control, no shelling; but a munition only
        # ("shot dead 2 rubber tappers" shot people)
        return False
    if token.dep_ == "relcl" and token.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in token.children) \
            and token.head.i + 1 < len(token.doc) and token.head.nbor(1).text == ",":
        return False  # "the army, which was fighting rebels in the area": who the actor is, not an event
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "without":
        return False  # "withdrew without a fight", "took the town without firing a shot"
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "ahead":
        return False  # "police deployed ahead of a protest called for Monday": a protest still to come
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    between = token.doc[min(token.i, head.i) + 1:max(token.i, head.i)]
    if token.dep_ == "ccomp" and any(t.text == ";" for t in between):
        return True  # "soldiers killed 50 civilians; the government denied involvement": two statements
    if token.dep_ in {"xcomp", "ccomp", "advcl", "acl", "relcl", "dobj", "pobj"} and head is not token:
        governing = head.head if token.dep_ == "pobj" else head
        if governing.lemma_.lower() in _ATTEMPTS and protest_word(token):
            return True  # "farmers tried to march on Delhi": an attempted march is a protest, met or not
        if governing.lemma_.lower() in context["modality_heads"]:
            return False
        # "IS claimed to have killed 12 soldiers": a perfect infinitive reports a past act, not a purpose
        perfect = token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "have" for c in token.children)
        if infinitive and not perfect and governing.lemma_.lower() not in context["modality_aspectual"]:
            return False
        if any(c.dep_ == "neg" for c in governing.children) and token.dep_ in {"xcomp", "dobj"}:
            return False
    return True


_CAUSE_PREPOSITIONS = frozenset({"in", "by", "from"})


def natural_cause(token: Token, lexicon: Lexicon) -> bool:
    """'floods killed 40', '12 miners were killed in a landslide', 'a bus crash left 14 dead': a cause
    that is no one's act, so what it did is no event of political violence."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return False  # "killed in clashes amid the drought": the clash is the event, whatever the weather
    verb = token.head if token.dep_ in {"acomp", "oprd", "xcomp"} and token.head.pos_ in {"VERB", "AUX"} else token
    if verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head  # "floods swept through the town and killed 40": the subject they share
    causes = [c for c in verb.children if c.dep_ == "nsubj"]  # someone who killed during a storm is no storm
    if not causes:
        causes = [g for c in verb.children if c.dep_ in {"agent", "prep"} and c.lower_ in _CAUSE_PREPOSITIONS
                  for g in c.children if g.dep_ == "pobj"]
    if _natural_clause(verb, lexicon):
        return True
    return any(_is_cause(c, lexicon) for cause in causes for c in (cause, *cause.conjuncts))


def _is_cause(noun: Token, lexicon: Lexicon) -> bool:
    """'floods', 'a bus crash', 'a cholera outbreak', 'an Ebola outbreak': a word of a natural cause; a spread
    ('outbreak', 'epidemic') is a cause unless what spreads is violence ('an outbreak of violence')."""
    words = lexicon.context["natural_cause"]
    if noun.lemma_.lower() in lexicon.context["natural_spread"]:
        violence = lexicon.context["spread_violence"]
        return not any(t.lemma_.lower() in violence or t.lower_ in violence
                       for c in noun.children if c.dep_ == "compound" or c.lower_ == "of"
                       for t in (c, *c.children) if t.dep_ in {"compound", "pobj"})
    return noun.lemma_.lower() in words or noun.lower_ in words \
        or " ".join(t.lower_ for t in noun.subtree if t.dep_ == "compound" or t is noun) in words


def _natural_clause(verb: Token, lexicon: Lexicon) -> bool:
    """'a gold mine collapsed, killing 40 miners', '12 were killed when the bus crashed': the killing hangs
    from, or is told by, a clause of a cause's own verb whose subject is a cause or a thing that fails."""
    verbs, things = lexicon.context["natural_verbs"], lexicon.context["natural_subjects"]

    def natural(clause: Token) -> bool:  # not "rebels sank the ferry", "herdsmen swept through the villages"
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if not subjects and clause.dep_ == "acl":
            subjects = [clause.head]  # "A fire swept through the market": the parser hangs the verb on its noun
        return clause.lemma_.lower() in verbs and any(
            c.lemma_.lower() in things or _is_cause(c, lexicon) for c in subjects)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and natural(verb.head):
        return True
    return any(c.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ == "when" or m.dep_ == "mark"
                                         for m in c.children) and natural(c) for c in verb.children)


_EVENT_NOUNS = frozenset({"attack", "attacks", "explosion", "blast", "strike", "strikes", "raid", "assault",
                          "incident", "operation", "campaign", "bombing", "explosions", "blasts", "raids"})


def non_actor_subject(token: Token, lexicon: Lexicon) -> bool:
    """A verb whose subject is a thing that is neither an actor nor a weapon ('the storm', 'the fire')."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None and token.dep_ == "conj":  # "the hurricane killed 12 and destroyed homes"
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return False
    lemma = subject.lemma_.lower()
    weapons = lexicon.context["weapon_object"] | lexicon.context["air"] | _EVENT_NOUNS
    return lemma not in weapons and subject.lower_ not in weapons and not matching_triggers(subject, lexicon)


def modifier_only(token: Token) -> bool:
    """'protest leaders', 'the ousted government's forces': a trigger word modifying another noun names no
    event, unless that noun is one. A participle does so only in a possessor, which names whose men act ('an
    ambushed convoy' is the ambush)."""
    word = token.pos_ in {"NOUN", "PROPN", "ADJ"} or token.tag_ == "VBN" and token.head.dep_ == "poss"
    return token.dep_ in {"compound", "amod"} and word \
        and token.head.lower_ not in _EVENT_NOUNS and token.head.pos_ == "NOUN"


def is_support(token: Token, lexicon: Lexicon) -> bool:
    """'backed by Russian airstrikes': a noun naming someone's support is not an event of its own."""
    if token.pos_ in {"VERB", "AUX"}:
        return False
    current = token
    for _ in range(6):  # "backed by militias loyal to X on the ground and Russian strikes from above"
        if current.head is current or (current is not token and matching_triggers(current, lexicon)
                                       and current.pos_ == "VERB"):
            return False
        current = current.head
        if current.lemma_.lower() in lexicon.context["backing"]:
            return True
    return False


def _under_unreal_noun(token: Token, nouns: frozenset[str]) -> bool:
    """'on the verge of recapturing', 'a bid to retake': a noun above the trigger makes it unreal."""
    current = token
    for _ in range(3):
        if current.dep_ not in {"pcomp", "pobj", "prep", "acl", "xcomp"} or current.head is current:
            return False
        current = current.head
        if current.lemma_.lower() in nouns:
            return True
    return False


def _in_rejected_report(token: Token, context: dict[str, frozenset[str]]) -> bool:
    """'disputing official accounts of a fierce battle': the battle is what the speaker rejects."""
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    report = token.head.head
    return report.lemma_.lower() in context["modality_reports"] and report.dep_ in {"dobj", "nsubjpass"} \
        and report.head.lemma_.lower() in context["modality_rejecting"]


def claimed_object(token: Token) -> bool:
    """'IS claimed the attack': the attack is the one already told, not a new event."""
    head = token.head.head if token.dep_ == "pobj" else token.head
    return token.dep_ in {"dobj", "pobj"} and head.lemma_.lower() == "claim"


# Clauses in which a trigger word tells no event of the note, or tells it in the passive.
_GRIEVANCE_PREPS = frozenset({"against", "over", "about", "for"})
_GRIEVANCE_VERBS = frozenset({"demand", "call", "denounce", "condemn", "protest", "seek", "urge", "press", "decry"})


def grievance(token: Token) -> bool:
    """'against the arrest of a leader', 'to demand the release of detainees': what a protest is about."""
    if token.dep_ == "prep" and token.lower_ in _GRIEVANCE_PREPS:
        return True
    return token.dep_ in {"advcl", "xcomp", "acl", "pcomp"} and token.lemma_.lower() in _GRIEVANCE_VERBS


def in_grievance(token: Token) -> bool:
    """'demonstrators clashed over the handover of a headquarters': what a protest is about is no event."""
    return any(grievance(a) and a.dep_ == "prep" for a in token.ancestors)


_DEFYING = frozenset({"defy", "violate", "flout", "ignore", "disregard"})


def defied(token: Token) -> bool:
    """'for defying their lockdown and boycott of clinics': the object of defying, or one joined to it."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "dobj" and token.head.lemma_.lower() in _DEFYING


_PART_NOUNS = frozenset({"role", "involvement", "participation", "part"})


def part_played_in(token: Token) -> bool:
    """'arrested over his role in the June protests': a protest someone is held to account for, told as
    the reason for another act, is no event of the note."""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "in" \
        and token.head.head.lemma_.lower() in _PART_NOUNS


def elided_passive(token: Token) -> bool:
    """A participle joined to a passive verb, its 'were' left out: its subject suffered the act."""
    head = token.head
    return token.tag_ == "VBN" and token.dep_ == "conj" and head.tag_ == "VBN" \
        and any(c.dep_ == "auxpass" for c in head.children) \
        and not any(c.dep_ in {"aux", "auxpass"} for c in token.children) \
        and any(c.dep_ == "nsubj" for c in token.children)


_WHILE_MARKS = frozenset({"as", "while", "when"})


def scene_participle_host(token: Token) -> Token | None:
    """'missiles hit the centre as residents gathered for Mass, killing 35': a participle the parser hung
    on a clause that sets the scene ('as'/'while'/'when' people gathered) tells what the main clause did.

    Returns the main clause's verb, or None where the participle hangs elsewhere.
    """
    scene = token.head
    if token.tag_ != "VBG" or token.dep_ not in {"advcl", "conj"} or scene.i == token.i or scene.pos_ != "VERB":
        return None
    if scene.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in _WHILE_MARKS for c in scene.children):
        return None
    return scene.head
