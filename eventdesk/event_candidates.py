"""Event candidates of one sentence: one per factual trigger, with its sides and sub-type.

A `Candidate` is an event found at one trigger word, before merging. The
actors a trigger's parse gives decide its type and sub-type (attack or clash,
government or non-state territory gain, protest with intervention or riot);
candidates of one sentence that tell one occurrence fold together ('clashed
..., killing 3'), and `fold` is the one way two candidates become one. The
judgments on a candidate's sides beyond the parse are `eventdesk.event_sides`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from eventdesk.actor_roles import roles_of
from eventdesk.actors import Actor, ActorContext, ActorMention, civilians_of
from eventdesk.event_devices import idle_device, object_of_strategic, ran_into
from eventdesk.event_sides import (
    ARMED, ONE_SIDED_CLASH, SAME_KIND_SIDES, blast_on_civilians, conjoined_opponent, crowd_of_civilians,
    crowd_subject, fellow_side, fighting_people, fought_each_other, mover_after_withdrawal, partner, possessed_force,
    taken_from, vehicle_side, withdrawn_side,
)
from eventdesk.event_phrases import (
    TRIGGER_POS, is_device_at, may_trigger, names_backing, other_time, sentence_hints, triggers_at,
)
from eventdesk.event_resolve import (
    FORCES, actor_kind, force_faces_the_crowd, resolve_protest, resolve_sub, resolve_violence,
)
from eventdesk.event_triggers import (
    Lexicon, Trigger, claimed_object, context_ok, defied, elided_passive, event_lexicon, factual, in_grievance,
    is_support, modifier_only, natural_cause, non_actor_subject, part_played_in,
)
from eventdesk.figures_kinds import verb_kind
from eventdesk.model import TimeExpr
from eventdesk.nlp import sentence_tokens

_HEADLINE_CAPS = 0.6


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
    in_campaign: bool = False  # "killed in the final week of the offensive": the article's main operation
    air: bool = False  # the sentence names aircraft or air strikes
    place_near: bool = False  # the place is inside the trigger's own phrase (firm enough to keep events apart)


def parse_is_sound(sent: Iterable[Token]) -> bool:
    """Sentences the parser cannot read (mostly symbols, very long runs) yield no event."""
    words = [t for t in sent if not t.is_space]
    alpha = sum(1 for t in words if t.is_alpha)
    return len(words) >= 3 and alpha / len(words) >= 0.5 and len(words) <= 150


def _headline_like(sent: Iterable[Token]) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) >= _HEADLINE_CAPS


def previous_actor(mentions: Sequence[ActorMention]) -> Actor | None:
    """The actor a pronoun in the next sentence most likely means: the first armed one."""
    armed = [m.actor for m in mentions if m.actor.kind in ARMED]
    return armed[0] if armed else None


def sentence_candidates(sent: Span, index: int, mentions: Sequence[ActorMention], previous: Actor | None,
                         context: ActorContext) -> list[Candidate]:
    """Every factual trigger of a sentence, with its actors, folded into one candidate per occurrence."""
    words = sentence_tokens(sent)
    if not parse_is_sound(words):
        return []
    scale = 0.6 if _headline_like(words) else 1.0
    aircraft = event_lexicon().context["air"]
    air = any(t.lower_ in aircraft for t in words)
    found = [c for token in words if token.pos_ in TRIGGER_POS and may_trigger(token)
             if (c := _candidate_at(token, sent, index, mentions, previous, context, scale, air=air)) is not None]
    crowd = _crowd_candidate(sent, index, mentions, found, scale)
    found = found + ([crowd] if crowd else [])
    if any(c.type in {"Protests", "Riots"} for c in found):
        found = [c for c in found if c.type in {"Protests", "Riots"} or not in_grievance(c.trigger)]
    return _absorb_within_sentence(found)


def _host_leads(candidate: Candidate, mentions: Sequence[ActorMention], context: ActorContext) -> None:
    """'killed by Russian and Syrian forces' in Syria: the host state's forces lead, the foreign ones
    they fight beside are associated."""
    foreign = candidate.actor1
    if foreign is None or foreign.kind != "state" or not context.country or foreign.country == context.country:
        return
    heads = {m.head for m in mentions if m.actor == foreign}
    host = next((m.actor for m in mentions if m.head in heads and m.actor.kind == "state"
                 and m.actor.country == context.country), None)
    if host is not None:
        candidate.actor1 = host
        candidate.assoc1 = [foreign] + [b for b in candidate.assoc1 if b not in (host, foreign)]


_CAMPAIGN_NOUNS = frozenset({"campaign", "offensive", "operation", "push", "drive", "assault", "battle", "fight"})


def _in_the_campaign(trigger: Token) -> bool:
    """'killed in the final week of the offensive', 'during the operation': the campaign already told."""
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"during", "in"}):
        nouns = [o for o in prep.children if o.dep_ == "pobj"]
        nouns += [g for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                  if g.dep_ == "pobj"]
        if any(n.lemma_.lower() in _CAMPAIGN_NOUNS and any(c.dep_ == "det" and c.lower_ == "the" for c in n.children)
               for n in nouns):
            return True
    return False


def _in_campaign_for_territory(trigger: Token) -> bool:
    """'killed ... during the campaign to retake the city': a killing told as part of a capture."""
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"during", "in"}):
        for noun in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in _CAMPAIGN_NOUNS):
            aims = [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
            aims += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"for", "of"} for g in c.children
                     if g.dep_ == "pcomp"]
            if any(t.role == "territory" and not t.needs for a in aims for t in triggers_at(a)):
                return True
    return False


_HARM_LEMMAS = frozenset({"kill", "wound", "injure", "die", "dead", "casualty", "victim", "hurt"})


def _demolition(entries: Sequence[Trigger], token: Token, sent: Span, lexicon: Lexicon) -> Trigger | None:
    """'blew up parts of the monuments': an armed group demolishing property with explosives, no one
    hurt, is property destruction (ACLED), not a bombing."""
    looting = next((e for e in entries if e.sub == "Looting/property destruction"), None)
    if looting is None or not any(e.type == "Explosions/Remote violence" for e in entries):
        return None
    if any(t.lemma_.lower() in _HARM_LEMMAS for t in sent):
        return None
    as_property = replace(looting, needs=frozenset({"property"}))
    return looting if context_ok(as_property, token, sent, lexicon) else None


_EXCHANGE_VERBS = frozenset({"exchange", "trade"})


def _exchanged_fire(token: Token) -> bool:
    """'exchanged mortar and machine-gun fire': weapons both sides fired are the clash's, not a shelling."""
    if token.pos_ != "NOUN":
        return False
    for step in (token, *list(token.ancestors)[:3]):
        if step.dep_ == "dobj":
            return step.head.lemma_.lower() in _EXCHANGE_VERBS
    return False


def _inside_a_name(token: Token, mentions: Sequence[ActorMention]) -> bool:
    """'the March 23 Movement', 'the Popular Resistance Front': a word of a group's proper name is no trigger."""
    return token.pos_ == "PROPN" and token.text[:1].isupper() and any(
        m.start <= token.i < m.end and token.i != m.head for m in mentions)


def _moves_troops(token: Token) -> bool:
    """'withdrew a major part of its forces': a force withdrawn from nowhere named, not a place left."""
    return token.lemma_.lower() == "withdraw" and any(c.dep_ == "dobj" for c in token.children) \
        and not any(c.dep_ == "prep" and c.lower_ in {"from", "out"} for c in token.children)


def _where_it_exploded(token: Token) -> bool:
    """'two grenades exploded at an M23 rally': the rally is where the blast happened, not a protest."""
    verb = token.head.head
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in {"at", "during", "on", "in"} \
        and any(t.type == "Explosions/Remote violence" for t in triggers_at(verb))


_BLOCKING = frozenset({"block", "blockade", "barricade"})


def _candidate_at(token: Token, sent: Span, index: int, mentions: Sequence[ActorMention],
                  previous: Actor | None, context: ActorContext, scale: float, *, air: bool) -> Candidate | None:
    """The event a trigger word signals, or None when it is no trigger, unreal or untypable."""
    lexicon = event_lexicon()
    entries = [e for e in triggers_at(token) if context_ok(e, token, sent, lexicon)]
    if not entries or not factual(token, sent) or names_backing(sent) and is_support(token, lexicon):
        return None
    device = is_device_at(token)  # the device tests below hold only for one
    if object_of_strategic(token, lexicon) or claimed_object(token) or _exchanged_fire(token) \
            or natural_cause(token, lexicon) \
            or device and idle_device(token, lexicon) or _inside_a_name(token, mentions):
        return None
    # "fired mortars at a base": the weapon names the event more precisely than "fire at"
    # "blew himself up" matches 'blow up' and 'blow himself': the bomber's own death names it a suicide bombing
    entry = min(entries, key=lambda e: (e.type != "Explosions/Remote violence", e.sub != "Suicide bomb"))
    entry = _demolition(entries, token, sent, lexicon) or entry
    if entry.type != "Explosions/Remote violence" and modifier_only(token):
        return None  # weapons modify weapons ("chlorine gas", "mortar shells"); "protest leaders" is no protest
    if entry.role == "protest" and (defied(token) or part_played_in(token) or _where_it_exploded(token)):
        return None  # "abducted teachers for defying their boycott of schools": a boycott imposed, none held
    roles = roles_of(token, mentions, backing=lexicon.context["backing"], previous=previous, context=context)
    candidate = Candidate(entry.type, entry.sub, entry.role, index, token, entry.weight * scale,
                          roles.agent, roles.patient, [b for b in roles.backers if b.kind in ARMED],
                          sentences={index}, air=air)
    if entry.role == "protest" and token.lemma_.lower() in _BLOCKING and actor_kind(candidate.actor1) in ARMED:
        return None  # "bandits blocked the highway and abducted 16 travellers": armed men's roadblock, no protest
    if elided_passive(token):  # "2 soldiers were killed and 12 assailants neutralised": those neutralised
        candidate.actor1, candidate.actor2 = None, candidate.actor2 or candidate.actor1
    if entry.type == "Explosions/Remote violence" and entry.sub != "Suicide bomb" and _from_aircraft(token, lexicon):
        candidate.sub = "Air/drone strike"  # "a drone fired a missile at a car": the craft names the sub-type
    elif entry.sub == "Remote explosive/landmine/IED" and _fired_bomb(token, lexicon):
        candidate.sub = "Shelling/artillery/missile attack"  # "bombs fired by M23 fell on a market"
    if candidate.actor1 is None and entry.type in {"Battles", "Explosions/Remote violence"}:
        candidate.actor1 = possessed_force(token, context)
    if entry.type == "Explosions/Remote violence" and candidate.actor2 is None and blast_on_civilians(token):
        candidate.actor2 = civilians_of(context.country)  # "a rocket hit a house": the people there
    if entry.sub != "Armed clash" or entry.role == "violence":  # those who fight each other are no allies
        _host_leads(candidate, mentions, context)
    if entry.sub == "Non-violent transfer of territory" and _moves_troops(token):
        candidate.sub = "Other"  # "Putin withdrew part of Russia's forces": a troop movement, no place given up
    if entry.sub == "Non-violent transfer of territory" and (
            mover := mover_after_withdrawal(token, mentions, candidate.actor1)) is not None:
        candidate.actor1, candidate.actor2 = mover, candidate.actor1
    if entry.sub == "Agreement" and candidate.actor2 is None:
        candidate.actor2 = partner(candidate.actor1, mentions)
    if entry.sub == "Armed clash" and candidate.actor1 is None and candidate.actor2 is not None:
        # "clashes between the army and PDF fighters": the first named side leads
        other = next((m.actor for m in mentions if m.actor != candidate.actor2 and m.actor.kind in ARMED), None)
        if other is not None:
            candidate.actor1, candidate.actor2 = candidate.actor2, other
    elif entry.sub == "Armed clash" and actor_kind(candidate.actor2) in {"", "civilian"}:
        # "Russian and Ukrainian forces fought", "SAF and RSF clashed": the sides are the subjects
        candidate.actor2 = fellow_side(candidate.actor1, token, mentions) or candidate.actor2
    if entry.sub == "Armed clash" and (
            other := conjoined_opponent(token, mentions, candidate.actor1, candidate.assoc1)) is not None:
        # "Fano militiamen and ENDF troops fought ... before the militia withdrew", "RSF and army units
        # exchanged artillery fire": the subjects are the sides, the one named first leading
        opponent, first = other
        candidate.actor1, candidate.actor2 = (opponent, candidate.actor1) if first else (candidate.actor1, opponent)
    if entry.sub == "Armed clash" and actor_kind(candidate.actor2) == "civilian" \
            and token.lemma_.lower() not in ONE_SIDED_CLASH:
        # "armed Murle youths clashed with Dinka Bor cattle keepers": a people's men who fight are its militia
        candidate.actor2 = fighting_people(candidate.actor2, mentions) or candidate.actor2
    if roles.agent is None and roles.patient is None:
        if entry.role in {"violence", "attack", "territory"}:
            return None  # a bare "killing" or "capture" cannot be typed without its sides
        candidate.confidence *= 0.7
    if entry.role in {"violence", "attack"} and crowd_of_civilians(candidate.actor1, token):
        # "villagers lynched a suspected thief": a crowd's violence is mob violence
        candidate.type, candidate.sub, candidate.role = "Riots", "Mob violence", ""
    elif entry.sub == "Armed clash" and crowd_subject(token):
        # "party activists clashed with police, throwing brickbats": an unarmed crowd fighting police riots
        candidate.type, candidate.sub, candidate.role = "Riots", "Violent demonstration", "protest"
    elif entry.sub == "Looting/property destruction" and (crowd_of_civilians(candidate.actor1, token) or actor_kind(
            candidate.actor1) in {"protester", "rioter"}):
        # "residents set fire to buses and blocked roads", "PTI supporters ... set parts of it on fire":
        # a crowd destroying property is a riot
        candidate.type, candidate.sub, candidate.role = "Riots", "Violent demonstration", "protest"
    if actor_kind(candidate.actor1) == "civilian" and entry.role != "protest" \
            and entry.type not in {"Protests", "Riots"}:
        # victims and bystanders do not bomb, raid or kill: the civilian is the target
        candidate.actor2, candidate.actor1 = candidate.actor2 or candidate.actor1, None
    rivals = candidate.actor1 if candidate.actor1 is not None else candidate.actor2  # the subject, misread or not
    if entry.sub == "Armed clash" and actor_kind(rivals) in SAME_KIND_SIDES \
            and fought_each_other(token, mentions, candidate.actor2):
        # "two rival clan militias clashed": both sides are clan militias
        candidate.actor1 = candidate.actor2 = rivals
    if candidate.actor1 is not None and candidate.actor1 == candidate.actor2 and not (
            entry.sub == "Armed clash" and actor_kind(candidate.actor1) in SAME_KIND_SIDES):
        candidate.actor1 = None  # "a roadside bomb hit an army vehicle": the target is no attacker of itself
    hit_device = device and ran_into(token, lexicon)
    if hit_device and actor_kind(candidate.actor1) not in {"rebel", "militia", "unidentified"}:
        # "an army vehicle struck an IED": the vehicle's side is the target; a planter, if named, stays
        candidate.actor2, candidate.actor1 = candidate.actor2 or candidate.actor1, None
    elif hit_device:  # "a truck ran over a landmine planted by ISWAP": the truck's side is hit
        candidate.actor2 = vehicle_side(token, mentions) or candidate.actor2
    if candidate.actor1 is None and non_actor_subject(token, lexicon):
        candidate.confidence *= 0.5  # "the hurricane destroyed homes": something did it, but no one
    if candidate.role == "found":
        candidate.actor1 = None  # "police later recovered 2 more bodies": who finds the dead did not kill them
    # "3 men were killed when gendarmes fired": deaths told after the event they belong to, if any
    candidate.absorbable = candidate.role in {"violence", "found"} and (candidate.actor1 is None or roles.by_occasion) \
        or entry.sub == "Armed clash" and candidate.actor1 is None and _toll_taken_in(token)
    if candidate.absorbable:
        candidate.hints = sentence_hints(sent)
        candidate.in_campaign = _in_the_campaign(token)
    if not resolve_sub(candidate, sent, lexicon):
        return None
    if candidate.role == "protest":
        force_faces_the_crowd(candidate, sent, mentions)
    if candidate.role == "territory" and candidate.actor2 is None:
        candidate.actor2 = taken_from(token, mentions) or withdrawn_side(token, mentions, lexicon)
    if candidate.sub == "Armed clash" and entry.role == "violence" and _in_campaign_for_territory(token):
        # "militants killed during the campaign to retake the city": the deaths are the capture's
        state = actor_kind(candidate.actor1) in FORCES
        candidate.sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    guessed = (roles.agent is not None) + (roles.patient is not None) - roles.parsed
    candidate.confidence = min(1.0, candidate.confidence + 0.1 * roles.parsed + 0.05 * guessed)
    return candidate


def _from_aircraft(token: Token, lexicon: Lexicon) -> bool:
    """Whether a munition or blast is launched by a drone or aircraft: its verb's subject or 'from' names one."""
    verb = token
    while verb.dep_ in {"dobj", "pobj", "prep", "compound", "nsubjpass"} and verb.head is not verb \
            and verb.pos_ != "VERB":
        verb = verb.head
    aircraft = lexicon.context["aircraft"]
    verbs = [verb, *(c for c in token.children if c.dep_ == "acl")]  # "a grenade dropped from a quadcopter"
    if token.dep_ in {"nsubj", "nsubjpass"}:
        verbs.append(token.head)
    for child in (c for v in verbs for c in v.children):
        if child.dep_ in {"nsubj", "agent"} and (child.lower_ in aircraft or any(
                g.dep_ == "pobj" and g.lower_ in aircraft for g in child.children)):
            return True  # "a drone dropped ...", "was dropped by a drone"
        if child.dep_ == "prep" and child.lower_ == "from" and any(t.lower_ in aircraft for t in child.subtree):
            return True  # "bombs dropped from a helicopter"
    return False


def _fired_bomb(token: Token, lexicon: Lexicon) -> bool:
    """'bombs fired by the rebels', 'lobbed a bomb at the camp': a bomb that is fired, not planted."""
    if token.pos_ != "NOUN" or token.lemma_.lower() != "bomb":
        return False
    verbs = [c for c in token.children if c.dep_ == "acl"] + ([token.head] if token.dep_ == "dobj" else [])
    return any(v.lemma_.lower() in lexicon.context["launched"] for v in verbs)


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
    forces = [m.actor for m in mentions if m.actor.kind in FORCES]
    candidate.actor2 = forces[0] if forces else None
    resolve_protest(candidate, sent, event_lexicon())
    return candidate


_EXPLOSION_RANK = {"Suicide bomb": 0, "Chemical weapon": 1, "Air/drone strike": 2,
                   "Shelling/artillery/missile attack": 3, "Grenade": 4, "Remote explosive/landmine/IED": 5}


def _needs(candidate: Candidate) -> frozenset[str]:
    return frozenset().union(*(t.needs for t in triggers_at(candidate.trigger) if t.sub == candidate.sub))


def _absorber(candidate: Candidate) -> float:
    """How strongly a candidate absorbs the others of its sentence (lower first; 9 never)."""
    if candidate.type == "Explosions/Remote violence":
        if candidate.role == "violence" or candidate.sub == "Air/drone strike" and "air" in _needs(candidate):
            return 3.5  # "a missile struck ... during a drone show": the named weapon beats an air cue nearby
        return _EXPLOSION_RANK.get(candidate.sub, 5)
    if candidate.role == "violence" and candidate.actor2 is not None:
        return 6.5  # a killing outranks the burning beside it ("set a car ablaze, burning its driver to death")
    if candidate.sub == "Mob violence" and actor_kind(candidate.actor2) == "civilian":
        # "youths looted shops and beat passers-by": a crowd that attacks people is a mob, not a riot;
        # one that attacks the police ("fired fireworks at police") still riots
        return 5.9
    if candidate.type in {"Protests", "Riots"} or candidate.role == "territory":
        return 6
    if candidate.sub == "Arrests":
        return 8  # "rounded up men and executed 9 of them": the killing by a named side holds the round-up
    if candidate.role == "violence" and candidate.actor1 is not None:
        return 7.5
    return 7 if candidate.role != "violence" else 9


def _absorbs(main: Candidate, other: Candidate) -> bool:
    """Whether `other` is part of `main` ('a suicide bomber ... killing 8', 'police arrested protesters')."""
    if main.role == "territory" and not other_time(other.trigger):
        # "attacked Palma ... and seized the town after days of fighting": the fight is part of the capture
        return other.role in {"attack", "violence"} or other.sub in {"Armed clash", "Non-violent transfer of territory"}
    if other_time(other.trigger) or other_time(main.trigger):
        return False
    if main.role == "violence" and main.actor2 is not None and main.type != "Explosions/Remote violence":
        return other.sub in {"Looting/property destruction", "Arrests"} or (  # "rounded up 12 men and executed 9"
            main.sub in {"Excessive force against protesters", "Mob violence"} and other.role == "violence")
    if main.role == "violence" and main.actor1 is not None and other.sub == "Arrests":
        return True
    if other.role == "violence":
        return main.type != "Strategic developments"  # "killed 25 militants and destroyed 3 car bombs"
    if main.type == "Explosions/Remote violence":
        return other.type == "Explosions/Remote violence" or other.role == "attack" or (
            other.sub == "Looting/property destruction" and other.trigger.lemma_ == "blow")
    if main.type in {"Protests", "Riots"}:
        if main.sub in {"Excessive force against protesters", "Mob violence"} and other.role == "violence":
            return True  # "fired live rounds at protesters, killing 66 people"
        if main.sub == "Mob violence" and other.type == "Riots":
            return True  # "students lynched and set fire to a classmate": one mob's act
        return other.sub in {"Arrests", "Armed clash", "Looting/property destruction",
                             "Abduction/forced disappearance"} or other.role == "attack"
    return False


_SHOOTING = frozenset({"shoot", "fire", "open", "gun", "spray"})


def _gunmen_with_bombs(found: list[Candidate]) -> list[Candidate]:
    """'gunmen shot at worshippers and set off explosives': the shooters' bombs are part of their attack."""
    shooting = next((c for c in found if c.role in {"attack", "violence"} and c.type != "Explosions/Remote violence"
                     and c.trigger.lemma_.lower() in _SHOOTING), None)
    if shooting is None:
        return found
    bombs = [c for c in found if c.sub == "Remote explosive/landmine/IED"]
    for bomb in bombs:
        fold(shooting, bomb)
    return [c for c in found if c not in bombs]


def _stormed_with_weapons(found: list[Candidate]) -> list[Candidate]:
    """'militants stormed a police post with rockets': the weapons men storm a place with are their means,
    folded into the assault (a fight on the ground), not a shelling of their own."""
    verbs = event_lexicon().context["assault_verbs"]
    assaults = [c for c in found if c.role == "attack" and c.trigger.lemma_.lower() in verbs]
    if not assaults:
        return found
    means = []
    for weapon in (c for c in found if c.type == "Explosions/Remote violence"):
        prep = next((a for a in (weapon.trigger, *weapon.trigger.ancestors) if a.dep_ == "prep"), None)
        if prep is None or prep.lower_ != "with":
            continue
        assault = next((a for a in assaults if prep.head.i == a.trigger.i
                        or prep.head.head.i == a.trigger.i and prep.head.dep_ == "dobj"), None)
        if assault is not None:
            fold(assault, weapon)
            means.append(id(weapon))
    return [c for c in found if id(c) not in means]


def _fights_that_kill(found: list[Candidate]) -> list[Candidate]:
    """'clashes between the army and RSF killed 10 civilians': the dead of a killing whose subject is a fight are
    the fight's toll, one battle, not an attack by the side named last. An ambush or a raid that killed is no
    fight of two sides: it is the killing itself ('an ambush by bandits on a bus killed 10 passengers': an
    attack on them)."""
    words = event_lexicon().context["fight_toll"]
    fights = {c.trigger.i: c for c in found if c.type == "Battles" and c.role == "" and c.trigger.dep_ == "nsubj"}
    if not fights:
        return found
    gone = []
    for killing in (c for c in found if c.role == "violence"):
        fight = next((fights[s.i] for s in killing.trigger.children if s.dep_ == "nsubj" and s.i in fights), None)
        if fight is None:
            continue
        if fight.trigger.lemma_.lower() in words or fight.trigger.lower_ in words or killing.type == "Battles":
            fold(fight, killing)  # (an ambush that killed soldiers is a battle either way)
            gone.append(id(killing))
        else:
            fold(killing, fight)
            killing.confidence = max(killing.confidence, fight.confidence)
            gone.append(id(fight))
    return [c for c in found if id(c) not in gone]


def _absorb_within_sentence(found: list[Candidate]) -> list[Candidate]:
    """'clashed ..., killing 3', 'a suicide bomber ... killing 8': one event per occurrence in a sentence."""
    ranked = sorted(_fights_that_kill(_stormed_with_weapons(_gunmen_with_bombs(found))), key=_absorber)
    kept: list[Candidate] = []
    for candidate in ranked:
        main = next((k for k in kept if _absorbs(k, candidate)), None)
        if main is not None:
            fold(main, candidate)
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
                fold(candidate, best[key])
            best[key] = candidate
        else:
            fold(best[key], candidate)
    return list(best.values())


def fold(into: Candidate, other: Candidate) -> None:
    """Merge `other` into `into`: sentences, missing actors, backers, the better date and place."""
    into.sentences |= other.sentences | {other.sentence}
    if into.actor1 is None and (other.actor1 != into.actor2 or into.actor2 is None):
        into.actor1 = other.actor1  # never the event's own target as its attacker
    if into.role == "territory" and other.sub == "Non-violent transfer of territory" and into.actor2 is None \
            and other.actor1 not in (None, into.actor1):
        into.actor2 = other.actor1  # "SAF troops withdrew and RSF fighters entered the city": who left lost it
    if into.actor2 is None and other.actor2 not in (None, into.actor1):
        into.actor2 = other.actor2
        if into.role in {"violence", "attack"} and into.type in {"Battles", "Violence against civilians"}:
            resolve_violence(into)  # "attacked a market, killing 6 people": the victims decide
    for backer in other.assoc1:
        if backer not in into.assoc1:
            into.assoc1.append(backer)
    if other.strong_date and not into.strong_date:
        into.time, into.date_source, into.strong_date = other.time, other.date_source, True
    if into.place_index is None:
        into.place_index = other.place_index
    into.confidence = max(into.confidence, other.confidence)


_TOLL_SETTINGS = frozenset({"in", "during", "amid"})


def _toll_taken_in(token: Token) -> bool:
    """'8 suspects killed in shootouts': a fight named only as where a toll was taken, told after the
    operation or attack it belongs to, whose toll it is."""
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in _TOLL_SETTINGS else None
    return verb is not None and verb.pos_ == "VERB" and verb_kind(verb) in {"killed", "wounded"}
