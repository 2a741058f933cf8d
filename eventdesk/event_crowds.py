"""A crowd that turns on the police: a demonstration turned violent, or a mob.

ACLED codes a demonstrating crowd's attack on the police a Violent demonstration and
the same attack by a crowd with no demonstration told Mob violence. The demonstration
must be the crowd's own: the attack told 'during' or 'amid' it, the protest word in the
attackers' own phrase, or a protest told in the sentence just before at a place that
can be the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from eventdesk.event_candidates import Candidate
from eventdesk.event_merge import places_compatible
from eventdesk.event_triggers import protest_word
from eventdesk.model import Place

_DURING = frozenset({"during", "amid", "amidst", "at"})


def demonstrating_crowd(candidate: Candidate, merged: Sequence[Candidate], places: Sequence[Place]) -> None:
    """'a crowd attacked police officers during a protest against power cuts', 'Residents took to the
    streets over the killing. The crowd attacked police officers': a demonstrating crowd that turns on the
    police riots (Violent demonstration); the protest told just before is the riot it became. 'villagers
    attacked officers who had come to break up a protest the week before' and a mob in another town than
    the march told before stay mobs."""
    if candidate.sub != "Mob violence" or candidate.actor2 is None or candidate.actor2.kind not in {"police", "state"}:
        return
    before = [c for c in merged if c.type == "Protests" and c.sentence == candidate.sentence - 1
              and places_compatible(c, candidate, places, near_only=False)]
    if not (_during_protest(candidate.trigger) or _protesters_act(candidate.trigger) or before):
        return
    candidate.sub = "Violent demonstration"
    for protest in before:
        protest.confidence = min(protest.confidence, candidate.confidence - 0.05)


def _during_protest(trigger: Token) -> bool:
    """'attacked police during a protest', 'amid demonstrations', 'at a rally': the act told inside a protest."""
    for node in (trigger, *(c for c in trigger.conjuncts if c.i < trigger.i)):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in _DURING and any(
                    o.dep_ == "pobj" and protest_word(o) for o in prep.children):
                return True
    return False


def _protesters_act(trigger: Token) -> bool:
    """'youths protesting the arrest attacked officers', 'demonstrators stoned police': the protest word in
    the attackers' own phrase (the verb's subject, or that of the verb it is conjoined to)."""
    verb = trigger
    while not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) and verb.dep_ == "conj" \
            and verb.head is not verb:
        verb = verb.head
    return any(protest_word(t) for s in verb.children if s.dep_ == "nsubj" for t in s.subtree)
