"""Events in ACLED's sense: type, sub-type, actors, place, date and fatalities.

Triggers come from a lexicon shipped as data (`data/events_en.toml`); the
dependency parse gives each trigger its actors (`eventdesk.actors.roles_of`),
drops what did not happen (negated, modal, future, purpose clauses) and keeps
reported speech. Dates come from the times stage, places from the places
stage and fatalities from the figures: per counted group the most
conservative figure, groups added. Repeated mentions of one event in an
article merge into one `Event` carrying all its sentences.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventdesk import times
from eventdesk.actors import Actor, ActorContext, ActorMention, Roles, article_context, find_actors, roles_of
from eventdesk.model import Event, Extraction, Figure, Place, TimeExpr
from eventdesk.settings import Options

_SUMMARY_CHARS = 240
_TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
_ABSORB_BEFORE, _ABSORB_AFTER = 3, 1
_TRAILING_FIGURE_TOKENS = 15
_HEADLINE_CAPS = 0.6
_ARMED = frozenset({"state", "police", "rebel", "militia", "unidentified", "external"})
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
_TERRITORY_SUBS = ("Government regains territory", "Non-state actor overtakes territory")


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
               ("air", "place_object", "property_object", "weapon_object")}
    context |= {f"modality_{k}": frozenset(v) for k, v in data["modality"].items()}
    context["backing"] = frozenset(data["backing"]["lemmas"])
    context["stop"] = frozenset(data["stop"]["words"])
    context["unreal"] = frozenset(data["unreal"]["adjectives"])
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


@dataclass
class Candidate:
    """An event found at one trigger, before merging."""

    type: str
    sub: str
    role: str
    sentence: int
    trigger: Token
    confidence: float
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc1: list[Actor] = field(default_factory=list)
    assoc2: list[Actor] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    absorbable: bool = False  # "12 fighters were killed": fatalities of another event
    time: TimeExpr | None = None
    date_source: str = "none"
    strong_date: bool = False
    place_index: int | None = None
    hints: frozenset[str] = frozenset()
    air: bool = False  # the sentence names aircraft or air strikes
    place_near: bool = False  # the place is inside the trigger's own phrase (firm enough to keep events apart)  # sub-types named in the sentence, even unreal ones


def _context_lemmas(token: Token) -> set[str]:
    """Lemmas a phrase's other words may come from: children (and a conjoined verb's) and the next words."""
    doc = token.doc
    near = [t for t in doc[token.i + 1:min(len(doc), token.i + 4)] if t.pos_ != "DET"]
    words = {c.lemma_.lower() for c in token.children} | {t.lemma_.lower() for t in near}
    words |= {g.lemma_.lower() for c in token.children if c.dep_ == "conj" for g in c.children
              if g.dep_ in {"dobj", "prt"}}  # "found and destroyed a cache"
    return words | {c.lemma_.lower() for child in token.children for c in child.children if child.dep_ == "prep"}


def lemma_of(token: Token, lexicon: Lexicon) -> str:
    """A token's lemma, mended where the lemmatiser slips ('raped' -> 'rap', 'retook')."""
    lower = token.lower_
    if lower in lexicon.irregular:
        return lexicon.irregular[lower]
    return token.lemma_.lower()


def _match(token: Token, lexicon: Lexicon) -> tuple[Trigger, ...]:
    """The lexicon entries a token triggers, phrases before single words."""
    lemma = lemma_of(token, lexicon)
    lower = token.lower_
    if lower in lexicon.context["stop"] or token.ent_type_ in {"DATE", "TIME"}:
        return ()
    found: list[Trigger] = []
    heads = lexicon.by_first.get(lemma, ()) + (lexicon.by_first.get(lower, ()) if lower != lemma else ())
    if heads:
        around = _context_lemmas(token)
        for phrase in heads:
            if set(phrase[1:]) <= around:
                found.extend(lexicon.phrases[phrase])
    tails = lexicon.by_last.get(lemma, ()) + (lexicon.by_last.get(lower, ()) if lower != lemma else ())
    if tails and token.i > 0 and token.doc[token.i - 1].pos_ not in {"VERB", "AUX"}:
        previous = token.doc[token.i - 1].lemma_.lower()
        for phrase in tails:
            if phrase[0] == previous:
                found.extend(lexicon.phrases[phrase])
    found.extend(lexicon.lemmas.get(lemma, ()) or lexicon.lemmas.get(lower, ()))
    return tuple(found)


def _context_ok(trigger: Trigger, token: Token, sent: Span, lexicon: Lexicon) -> bool:
    """Words that trigger only in context: 'bomb' by aircraft, 'capture' of a place, ..."""
    for need in trigger.needs:
        if need == "verb":
            if token.pos_ != "VERB":
                return False
            continue
        if need == "air":
            if not any(t.lower_ in lexicon.context["air"] for t in sent):
                return False
            continue
        words = lexicon.context[f"{need}_object"]
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "pobj", "prep", "poss"}]
        objects += [g for c in objects if c.dep_ == "prep" for g in c.children]
        objects += [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children]  # "occupied parts of the city"
        objects += [t for o in objects for t in o.conjuncts]
        if not any(o.lower_ in words or o.lemma_.lower() in words or o.ent_type_ in {"FAC", "GPE", "LOC"}
                   and need in {"place", "property"} for o in objects):
            return False
    return True


def factual(token: Token, sent: Span) -> bool:
    """Whether a trigger reports something that happened (not negated, modal, future or purpose)."""
    context = event_lexicon().context
    if sent.text.rstrip().endswith("?"):
        return False
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in context["modality_negations"] and child.dep_ in {"det", "neg"}:
            return False
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in context["modality_auxiliaries"]:
            return False
        if child.dep_ == "mark" and child.lower_ in {"if", "unless"}:
            return False
    if _under_unreal_noun(token, context["modality_nouns"]):
        return False
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in context["unreal"] for c in token.children):
        return False
    head = token.head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ in {"xcomp", "ccomp", "advcl", "acl", "relcl", "dobj", "pobj"} and head is not token:
        governing = head.head if token.dep_ == "pobj" else head
        if governing.lemma_.lower() in context["modality_heads"]:
            return False
        if infinitive and governing.lemma_.lower() not in context["modality_aspectual"]:
            return False
        if any(c.dep_ == "neg" for c in governing.children) and token.dep_ in {"xcomp", "dobj"}:
            return False
    return True


def _object_of_strategic(token: Token, lexicon: Lexicon) -> bool:
    """'dismantled hundreds of bombs': the bombs are what was disrupted, not an explosion."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if token.dep_ == "compound":  # "destroyed 3 car bombs": the trigger word is the compound's first part
        token = token.head
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    head = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        head = head.head if head.dep_ in {"dobj", "nsubjpass"} else head
    if token.dep_ == "dobj" and head.pos_ == "VERB" and _match(head, lexicon):
        return True  # "targeted a campaign rally": the rally is the target, not an event of its own
    return token.dep_ in {"dobj", "pobj", "conj"} and any(
        t.type == "Strategic developments" for t in _match(head, lexicon)) and head is not token


_EVENT_NOUNS = frozenset({"attack", "attacks", "explosion", "blast", "strike", "strikes", "raid", "assault",
                          "incident", "operation", "campaign", "bombing", "explosions", "blasts", "raids"})


def _non_actor_subject(token: Token, lexicon: Lexicon) -> bool:
    """A verb whose subject is a thing that is neither an actor nor a weapon ('the storm', 'the fire')."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None and token.dep_ == "conj":  # "the hurricane killed 12 and destroyed homes"
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return False
    lemma = subject.lemma_.lower()
    weapons = lexicon.context["weapon_object"] | lexicon.context["air"] | _EVENT_NOUNS
    return lemma not in weapons and subject.lower_ not in weapons and not _match(subject, lexicon)


def _modifier_only(token: Token) -> bool:
    """'protest leaders': a trigger word modifying another noun names no event, unless that noun is one."""
    return token.dep_ in {"compound", "amod"} and token.pos_ in {"NOUN", "PROPN", "ADJ"} \
        and token.head.lower_ not in _EVENT_NOUNS and token.head.pos_ == "NOUN"


def _is_support(token: Token, lexicon: Lexicon) -> bool:
    """'backed by Russian airstrikes': a noun naming someone's support is not an event of its own."""
    if token.pos_ in {"VERB", "AUX"}:
        return False
    current = token
    for _ in range(6):  # "backed by militias loyal to X on the ground and Russian strikes from above"
        if current.head is current or (current is not token and _match(current, lexicon) and current.pos_ == "VERB"):
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


def parse_is_sound(sent: Span) -> bool:
    """Sentences the parser cannot read (mostly symbols, very long runs) yield no event."""
    words = [t for t in sent if not t.is_space]
    alpha = sum(1 for t in words if t.is_alpha)
    return len(words) >= 3 and alpha / len(words) >= 0.5 and len(words) <= 150


def _headline_like(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) >= _HEADLINE_CAPS


def _actor_kind(actor: Actor | None) -> str:
    return actor.kind if actor is not None else ""


def _resolve_sub(candidate: Candidate, sent: Span, lexicon: Lexicon) -> bool:
    """Choose the sub-type the actors imply; False when the trigger cannot be typed."""
    role, kind1, kind2 = candidate.role, _actor_kind(candidate.actor1), _actor_kind(candidate.actor2)
    if role == "territory":
        if kind1 in {"state", "police"}:
            candidate.sub = "Government regains territory"
        elif kind1 in _ARMED or (not kind1 and _has_subject(candidate.trigger)):
            # a taker the table does not know ("STC-affiliated forces") is not the state
            candidate.sub = "Non-state actor overtakes territory"
        else:
            return False
    elif role in {"violence", "attack"}:
        _resolve_violence(candidate, sent, lexicon)
    elif role == "protest":
        _resolve_protest(candidate, sent, lexicon)
    return True


def _has_subject(trigger: Token) -> bool:
    subject = next((c for c in trigger.children if c.dep_ in {"nsubj", "agent"}), None)
    return subject is not None and subject.lower_ not in {"it", "they", "which", "that", "who"}


def _resolve_violence(candidate: Candidate, sent: Span | None = None, lexicon: Lexicon | None = None) -> None:
    """Attack or clash by the sides: civilians attacked, armed men fought, aircraft struck."""
    kind1, kind2 = _actor_kind(candidate.actor1), _actor_kind(candidate.actor2)
    agent_text = candidate.actor1.name if candidate.actor1 else ""
    if candidate.air and kind1 in {"state", "external", ""} and "Military" in agent_text:
        candidate.type, candidate.sub = "Explosions/Remote violence", "Air/drone strike"
    elif kind1 == "rioter":
        candidate.type, candidate.sub = "Riots", "Mob violence"
    elif kind2 in _ARMED:
        candidate.type, candidate.sub = "Battles", "Armed clash"
    elif kind2 in {"civilian", "protester", ""} and (kind2 or candidate.role == "violence"):
        candidate.type, candidate.sub = "Violence against civilians", "Attack"
        if kind2 == "protester":
            candidate.type, candidate.sub = "Protests", "Excessive force against protesters"
    else:
        candidate.type, candidate.sub = "Battles", "Armed clash"


@dataclass(frozen=True)
class _Clause:
    """A run of tokens iterable like a span, for phrase tests over one clause."""

    tokens: list[Token]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.tokens)


def _has_phrase(sent: Span, phrases: Sequence[tuple[str, ...]]) -> bool:
    lemmas = [t.lemma_.lower() for t in sent if t.pos_ != "DET"]
    lowers = [t.lower_ for t in sent if t.pos_ != "DET"]
    for phrase in phrases:
        n = len(phrase)
        for words in (lemmas, lowers):
            if any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1)):
                return True
    return False


def _own_clause(trigger: Token, sent: Span) -> list[Token]:
    """The sentence without the clauses set at another time that do not hold the trigger."""
    skipped: set[int] = set()
    for token in sent:
        if token.dep_ in {"advcl", "relcl", "ccomp", "pcomp"} and _other_time(token):
            inside = {t.i for t in token.subtree}
            if trigger.i not in inside:
                skipped |= inside
    return [t for t in sent if t.i not in skipped]


def _resolve_protest(candidate: Candidate, sent: Span, lexicon: Lexicon) -> None:
    """Protests become intervention, excessive force or riots by what else the sentence says."""
    if candidate.type == "Riots":
        return
    sent = _Clause(_own_clause(candidate.trigger, sent))  # type: ignore[assignment]
    if _has_phrase(sent, lexicon.protest["excessive"]):
        candidate.sub = "Excessive force against protesters"
    elif _has_phrase(sent, lexicon.protest["violent"]) and not _has_phrase(sent, (("peacefully",),)):
        candidate.type, candidate.sub = "Riots", "Violent demonstration"
    elif _has_phrase(sent, lexicon.protest["intervention"]):
        candidate.sub = "Protest with intervention"


def _previous_actor(mentions: Sequence[ActorMention]) -> Actor | None:
    """The actor a pronoun in the next sentence most likely means: the first armed one."""
    armed = [m.actor for m in mentions if m.actor.kind in _ARMED]
    return armed[0] if armed else None


def _sentence_candidates(sent: Span, index: int, mentions: Sequence[ActorMention], previous: Actor | None,
                         context: ActorContext) -> list[Candidate]:
    """Every factual trigger of a sentence, with its actors, folded into one candidate per occurrence."""
    if not parse_is_sound(sent):
        return []
    scale = 0.6 if _headline_like(sent) else 1.0
    found = [c for token in sent if token.pos_ in _TRIGGER_POS
             if (c := _candidate_at(token, sent, index, mentions, previous, context, scale)) is not None]
    crowd = _crowd_candidate(sent, index, mentions, found, scale)
    return _absorb_within_sentence(found + ([crowd] if crowd else []))


def _candidate_at(token: Token, sent: Span, index: int, mentions: Sequence[ActorMention],
                  previous: Actor | None, context: ActorContext, scale: float) -> Candidate | None:
    """The event a trigger word signals, or None when it is no trigger, unreal or untypable."""
    lexicon = event_lexicon()
    entries = [e for e in _match(token, lexicon) if _context_ok(e, token, sent, lexicon)]
    if not entries or not factual(token, sent) or _is_support(token, lexicon):
        return None
    if _object_of_strategic(token, lexicon) or _claimed_object(token):
        return None
    # "fired mortars at a base": the weapon names the event more precisely than "fire at"
    entry = min(entries, key=lambda e: e.type != "Explosions/Remote violence")
    if entry.type != "Explosions/Remote violence" and _modifier_only(token):
        return None  # weapons modify weapons ("chlorine gas", "mortar shells"); "protest leaders" is no protest
    roles = roles_of(token, mentions, backing=lexicon.context["backing"], previous=previous, context=context)
    candidate = Candidate(entry.type, entry.sub, entry.role, index, token, entry.weight * scale,
                          roles.agent, roles.patient, [b for b in roles.backers if b.kind in _ARMED],
                          sentences={index}, air=any(t.lower_ in lexicon.context["air"] for t in sent))
    if roles.agent is None and roles.patient is None:
        if entry.role in {"violence", "attack", "territory"}:
            return None  # a bare "killing" or "capture" cannot be typed without its sides
        candidate.confidence *= 0.7
    if _actor_kind(candidate.actor1) == "civilian" and entry.role != "protest" \
            and entry.type not in {"Protests", "Riots"}:
        # victims and bystanders do not bomb, raid or kill: the civilian is the target
        candidate.actor2, candidate.actor1 = candidate.actor2 or candidate.actor1, None
    if candidate.actor1 is None and _non_actor_subject(token, lexicon):
        candidate.confidence *= 0.5  # "the hurricane destroyed homes": something did it, but no one
    candidate.absorbable = entry.role == "violence" and candidate.actor1 is None
    if candidate.absorbable:
        candidate.hints = _hints(sent, lexicon)
    if not _resolve_sub(candidate, sent, lexicon):
        return None
    guessed = (roles.agent is not None) + (roles.patient is not None) - roles.parsed
    candidate.confidence = min(1.0, candidate.confidence + 0.1 * roles.parsed + 0.05 * guessed)
    return candidate


def _hints(sent: Span, lexicon: Lexicon) -> frozenset[str]:
    """Sub-types any word of the sentence names, factual or not ('the operation to recapture')."""
    subs = {t.sub for token in sent if token.pos_ in _TRIGGER_POS for t in _match(token, lexicon)
            if t.role != "violence"}
    if "Government regains territory" in subs:
        subs.add("Non-state actor overtakes territory")
    return frozenset(subs)


def _crowd_candidate(sent: Span, index: int, mentions: Sequence[ActorMention], found: list[Candidate],
                     scale: float) -> Candidate | None:
    """'police used tear gas against protesters': protesters named make a protest without a protest verb."""
    if any(c.type in {"Protests", "Riots"} for c in found):
        return None
    crowd = next((m for m in mentions if m.actor.kind in {"protester", "rioter"}), None)
    if crowd is None or not factual(sent.doc[crowd.head].head, sent):
        return None
    riot = crowd.actor.kind == "rioter"
    candidate = Candidate("Riots" if riot else "Protests", "Violent demonstration" if riot else "Peaceful protest",
                          "protest", index, sent.doc[crowd.head], 0.55 * scale, crowd.actor,
                          sentences={index})
    forces = [m.actor for m in mentions if m.actor.kind in {"state", "police"}]
    candidate.actor2 = forces[0] if forces else None
    _resolve_protest(candidate, sent, event_lexicon())
    return candidate


_EXPLOSION_RANK = {"Suicide bomb": 0, "Chemical weapon": 1, "Air/drone strike": 2,
                   "Shelling/artillery/missile attack": 3, "Grenade": 4, "Remote explosive/landmine/IED": 5}


def _absorber(candidate: Candidate) -> int:
    """How strongly a candidate absorbs the others of its sentence (lower first; 9 never)."""
    if candidate.type == "Explosions/Remote violence":
        return _EXPLOSION_RANK.get(candidate.sub, 5)
    if candidate.type in {"Protests", "Riots"}:
        return 6
    return 7 if candidate.role != "violence" else 9


_OTHER_TIME = frozenset({"after", "before", "since", "until", "ago"})


def _other_time(token: Token) -> bool:
    """'..., a week after security forces killed dozens': a clause set at another time."""
    return any(c.dep_ in {"mark", "advmod", "prep"} and c.lower_ in _OTHER_TIME for c in token.children)


def _absorbs(main: Candidate, other: Candidate) -> bool:
    """Whether `other` is part of `main` ('a suicide bomber ... killing 8', 'police arrested protesters')."""
    if _other_time(other.trigger) or _other_time(main.trigger):
        return False
    if other.role == "violence":
        return main.type != "Strategic developments"  # "killed 25 militants and destroyed 3 car bombs"
    if main.type == "Explosions/Remote violence":
        return other.type == "Explosions/Remote violence" or other.role == "attack" or (
            other.sub == "Looting/property destruction" and other.trigger.lemma_ == "blow")
    if main.type in {"Protests", "Riots"}:
        return other.sub in {"Arrests", "Armed clash", "Looting/property destruction"} or other.role == "attack"
    return False


def _absorb_within_sentence(found: list[Candidate]) -> list[Candidate]:
    """'clashed ..., killing 3', 'a suicide bomber ... killing 8': one event per occurrence in a sentence."""
    ranked = sorted(found, key=_absorber)
    kept: list[Candidate] = []
    for candidate in ranked:
        main = next((k for k in kept if _absorbs(k, candidate)), None)
        if main is not None:
            _fold(main, candidate)
        else:
            kept.append(candidate)
    return _dedupe(sorted(kept, key=lambda c: c.trigger.i))


def _dedupe(found: list[Candidate]) -> list[Candidate]:
    """One candidate per (type, sub-type) in a sentence: the most confident."""
    best: dict[tuple[str, str], Candidate] = {}
    for candidate in found:
        key = (candidate.type, candidate.sub)
        if key not in best or candidate.confidence > best[key].confidence:
            if key in best:
                _fold(candidate, best[key])
            best[key] = candidate
        else:
            _fold(best[key], candidate)
    return list(best.values())


def _fold(into: Candidate, other: Candidate) -> None:
    """Merge `other` into `into`: sentences, missing actors, backers, the better date and place."""
    into.sentences |= other.sentences | {other.sentence}
    if into.actor1 is None:
        into.actor1 = other.actor1
    if into.actor2 is None and other.actor2 not in (None, into.actor1):
        into.actor2 = other.actor2
        if into.role in {"violence", "attack"} and into.type in {"Battles", "Violence against civilians"}:
            _resolve_violence(into)  # "attacked a market, killing 6 people": the victims decide
    for backer in other.assoc1:
        if backer not in into.assoc1:
            into.assoc1.append(backer)
    if other.strong_date and not into.strong_date:
        into.time, into.date_source, into.strong_date = other.time, other.date_source, True
    if into.place_index is None:
        into.place_index = other.place_index
    into.confidence = max(into.confidence, other.confidence)


def _date_of(extraction: Extraction, doc: Doc, candidate: Candidate) -> None:
    """Date a candidate with the times stage (event_date), when it is there."""
    finder = getattr(times, "event_date", None)
    if finder is None:
        return
    try:
        time, source = finder(extraction, sentence=candidate.sentence, trigger_start=candidate.trigger.idx, doc=doc)
    except TypeError:
        time, source = finder(extraction, sentence=candidate.sentence, trigger_start=candidate.trigger.idx)
    if time is not None and time.sentence == candidate.sentence and _belongs_elsewhere(doc, time, candidate):
        rest = dataclasses.replace(extraction, times=tuple(t for t in extraction.times if t != time))
        time, source = finder(rest, sentence=candidate.sentence, trigger_start=candidate.trigger.idx, doc=doc)
    candidate.time, candidate.date_source = time, source
    candidate.strong_date = time is not None and (
        source == "governing" or (source == "nearest" and time.sentence == candidate.sentence))


def _is_clause(token: Token) -> bool:
    """A verb, or a word the tagger called a noun that still heads a clause ('was overrun')."""
    return token.pos_ == "VERB" or any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in token.children)


def _belongs_elsewhere(doc: Doc, time: TimeExpr, candidate: Candidate) -> bool:
    """'regained Palmyra, which was overrun in May': the date hangs from another trigger's clause."""
    token = doc.char_span(time.start, time.end, alignment_mode="expand")
    if token is None:
        return False
    lexicon = event_lexicon()
    low, high = sorted((candidate.trigger.i, token.root.i))
    if any(_is_clause(t) and _match(t, lexicon) for t in doc[low + 1:high]):
        return True  # another event's verb stands between this trigger and the date
    current = token.root
    for _ in range(8):
        if current.i == candidate.trigger.i:
            return False
        if current is not candidate.trigger and _is_clause(current) and _match(current, lexicon) \
                and current.dep_ in {"relcl", "advcl", "acl", "ccomp", "conj"}:
            return True
        if current.head is current:
            return False
        current = current.head
    return False


def _place_of(places: Sequence[Place], sentences: set[int], trigger_start: int, text: str) -> int | None:
    """The most specific resolved place in the event's sentences, nearest the trigger."""
    best: tuple[tuple[int, int], int] | None = None
    for index, place in enumerate(places):
        if place.sentence not in sentences or not place.resolved:
            continue
        # "Ogossagou (Mopti)": the bracketed region qualifies the town before it
        bracketed = 3 if place.start > 0 and text[:place.start].rstrip().endswith("(") else 0
        key = (place.precision + bracketed if place.precision else 9, abs(place.start - trigger_start))
        if best is None or key < best[0]:
            best = (key, index)
    return best[1] if best else None


def _sides(candidate: Candidate) -> set[str]:
    return {a.name for a in (candidate.actor1, candidate.actor2) if a is not None}


def _actors_compatible(a: Candidate, b: Candidate) -> bool:
    """No contradiction between the sides: a differing first actor that is not the other's second.

    Civilians named as victims do not tell events apart (many events have them).
    """
    def side(actor: Actor | None) -> str:
        """A side's key for comparison."""
        if actor is not None and actor.kind in {"protester", "rioter"}:
            return "crowd"  # the same crowd is called protesters in one sentence, rioters in the next
        return actor.name if actor is not None and actor.kind != "civilian" else ""
    a1, a2, b1, b2 = side(a.actor1), side(a.actor2), side(b.actor1), side(b.actor2)
    if a1 and b1 and a1 != b1 and a1 != b2 and b1 != a2:
        return False
    return not (a2 and b2 and a2 != b2 and a2 != b1 and b2 != a1)


def _dates_compatible(a: Candidate, b: Candidate) -> bool:
    if not (a.strong_date and b.strong_date and a.time and b.time):
        return True
    if None in (a.time.first, a.time.last, b.time.first, b.time.last):
        return a.time.value == b.time.value
    return a.time.first <= b.time.last and b.time.first <= a.time.last  # type: ignore[operator]


def _places_compatible(a: Candidate, b: Candidate, places: Sequence[Place]) -> bool:
    """Same place, or one place inside the other's wider area (a town and its province or country)."""
    if a.place_index is None or b.place_index is None or not (a.place_near and b.place_near):
        return True
    first, second = places[a.place_index], places[b.place_index]
    if first.geonameid == second.geonameid:
        return True
    wide, narrow = sorted((first, second), key=lambda p: -p.precision)
    if wide.precision >= 6:
        return wide.country_code == narrow.country_code
    return wide.precision >= 3 and wide.admin1 == narrow.admin1 and wide.country_code == narrow.country_code


def _same_event(a: Candidate, b: Candidate, places: Sequence[Place]) -> bool:
    same_kind = (a.type, a.sub) == (b.type, b.sub) or (
        a.type == b.type == "Battles" and "Armed clash" in {a.sub, b.sub}
        and {a.sub, b.sub} & set(_TERRITORY_SUBS))
    return same_kind and _actors_compatible(a, b) and _dates_compatible(a, b) and _places_compatible(a, b, places)


def _fold_followers(candidates: list[Candidate]) -> list[Candidate]:
    """'... clashed with police. 2 rioters were shot dead by police.': a killing right after joins it."""
    kept: list[Candidate] = []
    for candidate in (c for c in candidates if not c.absorbable):
        before = [k for k in kept if 0 < candidate.sentence - k.sentence <= 1
                  and k.type in _VIOLENT_TYPES | {"Protests"}]
        if candidate.role == "violence" and before and (_sides(candidate) & _sides(before[-1]) or _crowd(candidate)):
            _fold(before[-1], candidate)
        else:
            kept.append(candidate)
    return kept


def _absorb(merged: list[Candidate], absorbable: list[Candidate]) -> list[Candidate]:
    """A killing with no agent ('12 fighters were killed') joins the event it names or shares a side with."""
    for candidate in absorbable:
        near = [k for k in merged if -_ABSORB_AFTER <= candidate.sentence - k.sentence <= _ABSORB_BEFORE]
        sharing = [k for k in merged if _sides(candidate) & _sides(k) and k.type in _VIOLENT_TYPES] or near
        hinted = [k for k in sharing if k.sub in candidate.hints]  # "killed in the operation to recapture X"
        if sharing:
            _fold(max(hinted or sharing, key=lambda k: (k.confidence, -abs(k.sentence - candidate.sentence))),
                  candidate)
        else:
            candidate.confidence *= 0.8
            merged.append(candidate)
    return sorted(merged, key=lambda c: (c.sentence, c.trigger.i))


def _crowd(candidate: Candidate) -> bool:
    return any(a is not None and a.kind in {"protester", "rioter"} for a in (candidate.actor1, candidate.actor2))


def merge_candidates(candidates: list[Candidate], places: Sequence[Place]) -> list[Candidate]:
    """One candidate per real occurrence: repeated mentions fold together, then bare killings join them."""
    merged: list[Candidate] = []
    for candidate in _fold_followers(candidates):
        match = next((m for m in merged if _same_event(m, candidate, places)), None)
        if match is None:
            merged.append(candidate)
            continue
        if candidate.sub in _TERRITORY_SUBS and match.sub == "Armed clash":
            _fold(candidate, match)  # the fight for a town is part of its capture
            merged[merged.index(match)] = candidate
            match = candidate
        else:
            _fold(match, candidate)
        match.confidence = min(0.95, match.confidence + 0.05)
    return _absorb(merged, [c for c in candidates if c.absorbable])


def _figure_event(figure: Figure, events: Sequence[Candidate]) -> int | None:
    """The event a figure belongs to: one holding its sentence, the nearest trigger first."""
    holding = [(i, e) for i, e in enumerate(events) if figure.sentence in e.sentences | {e.sentence}]
    if not holding:
        return None
    return min(holding, key=lambda p: (p[1].sentence != figure.sentence, p[1].type not in _VIOLENT_TYPES,
                                       abs(p[1].trigger.idx - figure.start)))[0]


def assign_figures(figures: Sequence[Figure], events: Sequence[Candidate], doc: Doc) -> tuple[Figure, ...]:
    """Set each figure's event_index; a short trailing sentence ('3 fatalities.') joins the event before."""
    sentences = list(doc.sents)
    out: list[Figure] = []
    for figure in figures:
        index = _figure_event(figure, events)
        if index is None and figure.kind == "killed":
            short = len(sentences[figure.sentence]) <= _TRAILING_FIGURE_TOKENS
            before = [i for i, e in enumerate(events) if 0 < figure.sentence - max(e.sentences) <= 1]
            if short and before:
                index = before[-1]
                events[index].sentences.add(figure.sentence)
        out.append(dataclasses.replace(figure, event_index=index))
    return tuple(out)


def _group(figure: Figure) -> str:
    """Whom a killed figure counts, as a key: the actor, else the counted noun, else '' (everyone)."""
    if figure.counts_actor:
        return figure.counts_actor
    words = figure.counts.lower().split()
    if not words or words[-1] in {"people", "persons", "person", "fatalities", "fatality", "dead", "deaths",
                                  "death", "bodies", "body", "killed", "lives"}:
        return ""
    return words[-1].rstrip("s")


def fatalities_of(figures: Sequence[Figure], *, event_type: str = "Battles", sub_type: str = "") -> int:
    """ACLED's count: the most conservative figure per counted group, groups added, 0 when none."""
    if event_type not in _VIOLENT_TYPES and sub_type != "Excessive force against protesters":
        return 0
    per_sentence: dict[tuple[str, int], float] = {}
    for figure in figures:
        if figure.kind != "killed" or figure.low is None or figure.qualifier == "including":
            continue
        key = (_group(figure), figure.sentence)  # "a woman and her 3 children": one sentence adds up
        per_sentence[key] = per_sentence.get(key, 0.0) + figure.low
    lows: dict[str, float] = {}
    for (group, _), value in per_sentence.items():  # two reports of one group: the lower one
        lows[group] = min(lows.get(group, value), value)
    specific = sum(v for k, v in lows.items() if k)
    return int(round(max(specific, lows.get("", 0.0))))


_CLAIMABLE = frozenset({"attack", "responsibility", "bombing", "killing", "assault", "blast", "explosion", "ambush",
                        "abduction", "kidnapping", "raid", "operation", "strike"})


def _claimed_object(token: Token) -> bool:
    """'IS claimed the attack': the attack is the one already told, not a new event."""
    head = token.head.head if token.dep_ == "pobj" else token.head
    return token.dep_ in {"dobj", "pobj"} and head.lemma_.lower() == "claim"


def _claimer(sent: Span, mentions: Sequence[ActorMention]) -> Actor | None:
    """The armed group said to be behind an attack: 'IS claimed the attack', 'Boko Haram is suspected'."""
    armed = [m for m in mentions if m.actor.kind in {"rebel", "militia", "external", "state"}]
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in {"claim", "suspect", "blame"}:
            continue
        if lemma == "claim" and not any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMABLE for c in token.children):
            continue
        before = [m for m in armed if m.end <= token.i] if lemma != "blame" else armed
        if before:
            return before[-1].actor if lemma != "blame" else before[0].actor
    return None


def _apply_claimers(merged: Sequence[Candidate], claimers: dict[int, Actor]) -> None:
    """A claimed attack takes the claimer as its first actor, the target moving to the second."""
    for sentence, actor in claimers.items():
        targets = [c for c in merged if sentence - 2 <= c.sentence <= sentence and c.type in _VIOLENT_TYPES]
        if not targets:
            continue
        target = max(targets, key=lambda c: c.sentence)
        if target.actor1 is not None and target.actor1.kind in {"rebel", "militia", "external"}:
            continue
        if target.actor1 is not None and target.actor2 is None and target.actor1 != actor:
            target.actor2 = target.actor1
        target.actor1 = actor
        target.sentences.add(sentence)


def _finalise_sides(candidate: Candidate, context: ActorContext) -> None:
    """Protests are by protesters, riots by rioters; a force that intervened is the second actor."""
    country = context.country
    if candidate.type == "Violence against civilians" and candidate.actor2 is None:
        # violence against civilians has civilians on the receiving end, named or not
        candidate.actor2 = Actor(f"Civilians ({country})" if country else "Civilians", "civilian", country)
    if candidate.type not in {"Protests", "Riots"}:
        return
    crowd_kind = "protester" if candidate.type == "Protests" else "rioter"
    label = "Protesters" if crowd_kind == "protester" else "Rioters"
    crowd = Actor(f"{label} ({country})" if country else label, crowd_kind, country)
    forces = [a for a in (candidate.actor1, candidate.actor2) if a is not None and a.kind in {"state", "police"}]
    victims = [a for a in (candidate.actor1, candidate.actor2) if a is not None and a.kind == "civilian"]
    candidate.actor1 = crowd
    if candidate.sub == "Mob violence":
        candidate.actor2 = victims[0] if victims else candidate.actor2
    elif forces:
        candidate.actor2 = forces[0]
    elif candidate.actor2 is not None and candidate.actor2.kind in {"protester", "rioter", "civilian"}:
        candidate.actor2 = None


def _article_backers(doc: Doc, all_mentions: Sequence[Sequence[ActorMention]],
                     quiet: set[int]) -> list[Actor]:
    """Supporters named anywhere ('it took the backing of Russian airstrikes and Hezbollah').

    In a sentence with no event of its own (`quiet`), every armed actor after
    a backing word is a supporter: the parse of such lists is often wrong.
    """
    backing = event_lexicon().context["backing"]
    found: list[Actor] = []
    for index, (sent, mentions) in enumerate(zip(doc.sents, all_mentions, strict=True)):
        cue = next((t.i for t in sent if t.lemma_.lower() in backing and t.lower_ != "help"), None)
        if index in quiet and cue is not None:
            found.extend(m.actor for m in mentions if m.start > cue and m.actor.kind in _ARMED
                         and m.actor not in found)
            continue
        for mention in mentions:
            current = doc[mention.head]
            for _ in range(6):
                if current.lemma_.lower() in backing or current.lower_ in backing:
                    if mention.actor.kind in _ARMED and mention.actor not in found:
                        found.append(mention.actor)
                    break
                if current.head is current:
                    break
                current = current.head
    return found


def _add_backers(candidate: Candidate, backers: Sequence[Actor], context: ActorContext) -> None:
    """Backers of the government side join a state actor1 of the article's country."""
    actor1 = candidate.actor1
    own = actor1 is not None and actor1.kind == "state" and actor1.country == context.country
    for backer in (b for b in backers if own):
        if backer not in (candidate.actor1, candidate.actor2) and backer not in candidate.assoc1:
            candidate.assoc1.append(backer)


def _assoc(actors: Sequence[Actor], exclude: Sequence[Actor | None]) -> str:
    names = [a.name for a in actors if a not in exclude]
    return "; ".join(dict.fromkeys(names))


def _event(extraction: Extraction, index: int, candidate: Candidate, figures: Sequence[Figure],
           sentences: Sequence[Span]) -> Event:
    time = candidate.time
    date: dt.date | None = None
    if time is not None:
        date = time.last if candidate.date_source == "dateline" else time.first
    own = [f for f in figures if f.event_index == index]
    summary = " ".join(sentences[candidate.sentence].text.split())[:_SUMMARY_CHARS]
    return Event(
        article_id=extraction.article.id, index=index, event_type=candidate.type,
        sub_event_type=candidate.sub, sentences=tuple(sorted(candidate.sentences | {candidate.sentence})),
        trigger_start=candidate.trigger.idx, trigger_end=candidate.trigger.idx + len(candidate.trigger.text),
        actor1=candidate.actor1.name if candidate.actor1 else "",
        assoc_actor_1=_assoc(candidate.assoc1, (candidate.actor1, candidate.actor2)),
        actor2=candidate.actor2.name if candidate.actor2 else "",
        assoc_actor_2=_assoc(candidate.assoc2, (candidate.actor1, candidate.actor2)),
        place_index=candidate.place_index, time_index=_time_index(extraction, time), date=date,
        date_precision=time.precision if time is not None else "unknown",
        date_source=candidate.date_source if time is not None else "none",
        fatalities=fatalities_of(own, event_type=candidate.type, sub_type=candidate.sub), confidence=round(candidate.confidence, 3), summary=summary,
    )


def _time_index(extraction: Extraction, time: TimeExpr | None) -> int | None:
    if time is None:
        return None
    for index, known in enumerate(extraction.times):
        if known == time:
            return index
    return None


def _locate(candidate: Candidate, draft: Extraction) -> None:
    """The candidate's place in its own sentence; firm when inside the trigger's phrase."""
    candidate.place_index = _place_of(draft.places, {candidate.sentence}, candidate.trigger.idx,
                                      draft.article.text)
    if candidate.place_index is not None:
        place, trigger = draft.places[candidate.place_index], candidate.trigger
        candidate.place_near = trigger.left_edge.idx <= place.start < trigger.right_edge.idx + 1
        candidate.confidence = min(1.0, candidate.confidence + 0.05)


def _candidates(doc: Doc, draft: Extraction, context: ActorContext,
                all_mentions: Sequence[Sequence[ActorMention]]) -> list[Candidate]:
    """Dated and placed candidates of every sentence, pronouns read against the sentence before."""
    candidates: list[Candidate] = []
    previous: Actor | None = None
    for index, sent in enumerate(doc.sents):
        for candidate in _sentence_candidates(sent, index, all_mentions[index], previous, context):
            _date_of(draft, doc, candidate)
            _locate(candidate, draft)
            candidates.append(candidate)
        previous = _previous_actor(all_mentions[index]) or previous
    return candidates


def extract_events(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """ACLED-style events of one article, with actors, place, date, fatalities and confidence."""
    del options
    context = article_context(doc, draft)
    sentences = list(doc.sents)
    all_mentions = [find_actors(sent, context=context) for sent in sentences]
    candidates = _candidates(doc, draft, context, all_mentions)
    merged = merge_candidates(candidates, draft.places)
    _apply_claimers(merged, {i: a for i, sent in enumerate(sentences)
                             if (a := _claimer(sent, all_mentions[i])) is not None})
    quiet = set(range(len(sentences))) - {c.sentence for c in candidates}
    backers = _article_backers(doc, all_mentions, quiet)
    for candidate in merged:
        _add_backers(candidate, backers, context)
        _finalise_sides(candidate, context)
        if candidate.place_index is None:
            candidate.place_index = _place_of(draft.places, candidate.sentences, candidate.trigger.idx,
                                              draft.article.text)
    figures = assign_figures(draft.figures, merged, doc)
    events = tuple(_event(draft, i, c, figures, sentences) for i, c in enumerate(merged))
    return dataclasses.replace(draft, events=events, figures=figures)
