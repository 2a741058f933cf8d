"""An event candidate's type and sub-type from its sides and its sentence: an attack or a clash by whom it
struck ('police shot dead 3 men after officers came under fire' is a clash), a protest met by force or turned
violent, territory taken by the state or by others; and which side of a protest is the force that met it.

`eventdesk.event_candidates` makes the candidates and asks these once their sides are known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from eventdesk.actors import Actor, ActorMention
from eventdesk.event_phrases import has_phrase, own_clause
from eventdesk.event_sides import ARMED, civilian_target, crowd_subject, former_target
from eventdesk.event_triggers import Lexicon, event_lexicon
from eventdesk.figures_kinds import ARMED_PERSONS

if TYPE_CHECKING:
    from eventdesk.event_candidates import Candidate


def actor_kind(actor: Actor | None) -> str:
    return actor.kind if actor is not None else ""


def resolve_sub(candidate: Candidate, sent: Span, lexicon: Lexicon) -> bool:
    """Choose the sub-type the actors imply; False when the trigger cannot be typed."""
    role, kind1 = candidate.role, actor_kind(candidate.actor1)
    if role == "territory":
        if actor_kind(candidate.actor2) == "civilian":
            candidate.actor2 = None  # towns are taken from armed sides; a 'civilian' here is a misread name
        if kind1 in FORCES:
            candidate.sub = "Government regains territory"
        elif kind1 in ARMED or (not kind1 and _has_subject(candidate.trigger)):
            # a taker the table does not know ("STC-affiliated forces") is not the state
            candidate.sub = "Non-state actor overtakes territory"
        else:
            return False
    elif role in {"violence", "attack"}:
        resolve_violence(candidate, sent, lexicon)
    elif role == "protest":
        resolve_protest(candidate, sent, lexicon)
    return True


def _has_subject(trigger: Token) -> bool:
    subject = next((c for c in trigger.children if c.dep_ in {"nsubj", "agent"}), None)
    return subject is not None and subject.lower_ not in {"it", "they", "which", "that", "who"}


def resolve_violence(candidate: Candidate, sent: Span | None = None, lexicon: Lexicon | None = None) -> None:
    """Attack or clash by the sides: civilians attacked, armed men fought, aircraft struck."""
    kind1, kind2 = actor_kind(candidate.actor1), actor_kind(candidate.actor2)
    agent_text = candidate.actor1.name if candidate.actor1 else ""
    if candidate.air and kind1 in {"state", "external", ""} and "Military" in agent_text:
        candidate.type, candidate.sub = "Explosions/Remote violence", "Air/drone strike"
    elif kind1 == "rioter":
        candidate.type, candidate.sub = "Riots", "Mob violence"
    elif kind1 in {"state", "police"} and kind2 in {"civilian", ""} and _fired_upon(candidate.trigger):
        candidate.type, candidate.sub = "Battles", "Armed clash"  # "shot dead 3 men after coming under fire"
        candidate.actor2 = None  # those who fired first are no civilians, whoever they were
    elif kind2 in ARMED and former_target(candidate.trigger):
        candidate.type, candidate.sub = "Violence against civilians", "Attack"  # "a former rebel": unarmed now
    elif kind2 in ARMED and not (kind2 == "militia" and civilian_target(candidate.trigger)):
        candidate.type, candidate.sub = "Battles", "Armed clash"  # ("attacked Fulani herders": civilians)
    elif kind2 in {"civilian", "protester", "", "militia"} and (kind2 or candidate.role == "violence"
                                                     or civilian_target(candidate.trigger)):
        candidate.type, candidate.sub = "Violence against civilians", "Attack"
        if kind2 == "protester":  # tear gas is intervention; live fire or deaths are excessive force
            lethal = has_phrase(candidate.trigger.sent, event_lexicon().protest["excessive"])
            candidate.type = "Protests"
            candidate.sub = "Excessive force against protesters" if lethal else "Protest with intervention"
    else:
        candidate.type, candidate.sub = "Battles", "Armed clash"


def _fired_upon(trigger: Token) -> bool:
    """'police said they shot dead 3 men ... after officers came under fire': the force fired upon first. The
    one that came under fire or returned it is the force (its men, a unit, a pronoun, or no subject told), not
    'the village came under attack'; and victims named as civilians ('shot dead 4 civilians') fought no one."""
    lexicon = event_lexicon()
    context, phrases = lexicon.context, lexicon.protest["fired_upon"]
    victims = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    if any(v.lemma_.lower() in context["fired_upon_civilians"] for v in victims):
        return False
    sent = trigger.sent
    return any(has_phrase(sent.doc[verb.i:min(verb.i + 5, sent.end)], phrases) and _force_subject(verb, context)
               for verb in sent if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in {"come", "return"})


def _force_subject(verb: Token, context: dict[str, frozenset[str]]) -> bool:
    """The subject of 'came under fire' or 'returned fire' is a force: its men, a unit, or a pronoun for it."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    forces = context["fired_upon_forces"]
    return not subjects or any(s.pos_ == "PRON" or s.lemma_.lower() in forces | ARMED_PERSONS
                               or s.lower_ in forces for s in subjects)


def resolve_protest(candidate: Candidate, sent: Span, lexicon: Lexicon) -> None:
    """Protests become intervention, excessive force or riots by what else the sentence says."""
    if candidate.type == "Riots":
        return
    clause = own_clause(candidate.trigger, sent, grievances=True)
    blows = _crowd_blows(clause, lexicon)
    # demonstrators who turn violent riot, whatever the police do next; force is excessive
    # only against a peaceful crowd
    if (blows or has_phrase(clause, lexicon.protest["violent"])) and not has_phrase(clause, (("peacefully",),)):
        candidate.type, candidate.sub = "Riots", "Violent demonstration"
    elif has_phrase(clause, lexicon.protest["excessive"]):
        candidate.sub = "Excessive force against protesters"
    elif has_phrase([t for t in clause if not _disperses_itself(t)], lexicon.protest["intervention"]):
        candidate.sub = "Protest with intervention"


FORCES = frozenset({"state", "police"})
_MET_BY_FORCE = frozenset({"Protest with intervention", "Excessive force against protesters", "Violent demonstration"})


def force_faces_the_crowd(candidate: Candidate, sent: Span, mentions: Sequence[ActorMention]) -> None:
    """A protest's crowd is its first side and the force that met it the second: 'police fired tear gas to
    disperse the march' (the force as the trigger's subject), 'police used tear gas to disperse
    demonstrators who protested ...' (the force elsewhere in the sentence, not in what it is about)."""
    if actor_kind(candidate.actor1) in FORCES:
        crowd = candidate.actor2 if actor_kind(candidate.actor2) in {"protester", "rioter", "civilian"} else None
        candidate.actor1, candidate.actor2 = crowd, candidate.actor1
    own = {t.i for t in own_clause(candidate.trigger, sent, grievances=True)}
    if actor_kind(candidate.actor2) in FORCES and not any(
            m.head in own and m.actor == candidate.actor2 for m in mentions):
        candidate.actor2 = None  # "marched against the police killing of a teenager": what it is about
    if candidate.sub not in _MET_BY_FORCE or actor_kind(candidate.actor2) in FORCES:
        return
    force = next((m.actor for m in mentions if m.head in own and m.actor.kind in FORCES), None)
    if force is not None:
        candidate.actor2 = force


def _crowd_blows(clause: Sequence[Token], lexicon: Lexicon) -> list[Token]:
    """'protesters marching against fuel prices beat a passer-by': a word of police intervention ('beat',
    'detain') that the crowd itself does to someone is the crowd's violence, no intervention."""
    words = {p[0] for p in lexicon.protest["intervention"] if len(p) == 1}
    return [t for t in clause if t.pos_ == "VERB" and t.lemma_.lower() in words and crowd_subject(t)
            and any(c.dep_ == "dobj" for c in t.children)]


def _disperses_itself(token: Token) -> bool:
    """'the crowd dispersed within minutes': a crowd leaving of its own accord, no one intervening."""
    return token.lemma_.lower() == "disperse" and token.pos_ == "VERB" and not any(
        c.dep_ in {"dobj", "auxpass", "nsubjpass", "agent"} for c in token.children)
