"""Which of an article's events is the note's own, and which are told beside it.

An act an 'after' clause tells, an event dated to a later day, a reply ('Thailand responded with air
strikes'), the arrests or measures told after a violent event or a protest ('Police arrested 5
suspects', 'before a curfew was imposed') and looting told beside a fight stay below the event the
note is about.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from eventdesk.event_candidates import Candidate
from eventdesk.event_merge import VIOLENT_TYPES, background
from eventdesk.event_triggers import event_lexicon

_CROWD_NOUNS = frozenset({"protester", "demonstrator", "marcher", "participant", "striker", "them"})
_BARE_COUNTS = frozenset({"dozens", "scores", "hundreds", "several", "many", "some", "others"})


def arrests_of_the_crowd(candidate: Candidate) -> bool:
    """'Police detained more than 40 of them': an arrest of the crowd just told is how it was met,
    not an event that keeps the sentence from telling the intervention."""
    if candidate.sub != "Arrests":
        return False
    objects = [c for c in candidate.trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    # "detained dozens", "arrested 23", "detained 107 people": a bare count, no one named, is of the crowd
    return any(o.pos_ == "NUM" or o.lower_ in _BARE_COUNTS or _counted_people(o) for o in objects) or any(
        t.lemma_.lower() in _CROWD_NOUNS for t in candidate.trigger.subtree if t.i > candidate.trigger.i)


def _counted_people(noun: Token) -> bool:
    """'107 people', 'some 40 persons': a count of people that names no one."""
    people = event_lexicon().context["counted_people"]
    return noun.lemma_.lower() in people and any(c.dep_ == "nummod" for c in noun.children)


def _demote_background(merged: Sequence[Candidate]) -> None:
    """The act an 'after' clause tells stays below the events the note is about."""
    told = [c for c in merged if not background(c.trigger)]
    for candidate in (c for c in merged if c not in told):
        if told:
            candidate.confidence = min(candidate.confidence, min(c.confidence for c in told) - 0.05)


_RESPONDING = frozenset({"respond", "retaliate", "reply", "answer"})


def _demote_responses(merged: Sequence[Candidate]) -> None:
    """'...; Thailand responded with air strikes': the reply told after an event stays below it."""
    for candidate in merged:
        if not any(a.lemma_.lower() in _RESPONDING and a.pos_ == "VERB" for a in candidate.trigger.ancestors):
            continue
        earlier = [c for c in merged if (c.sentence, c.trigger.i) < (candidate.sentence, candidate.trigger.i)
                   and c.type in VIOLENT_TYPES]
        if earlier:
            candidate.confidence = min(candidate.confidence, min(c.confidence for c in earlier) - 0.05)


def _demote_later_days(merged: Sequence[Candidate]) -> None:
    """'... 9 marchers died; a soldier was beaten to death by a crowd the following day': an event the
    note dates to a later day than the one it opens with is told beside it, not the note's event."""
    first = min(merged, key=lambda c: (c.sentence, c.trigger.i), default=None)
    if first is None or first.time is None or first.time.first is None:
        return
    for candidate in merged:
        time = candidate.time
        if candidate.strong_date and time is not None and time.first is not None and time.first > first.time.first \
                and time.sentence == candidate.sentence and candidate.sentence > first.sentence:
            candidate.confidence = min(candidate.confidence, first.confidence - 0.05)


def _follow_up_arrests(merged: Sequence[Candidate]) -> None:
    """'... beat him to death. Police arrested 5 suspects.', '2 traders were killed ... before a curfew
    was imposed': arrests and other measures (curfews, troops sent) told after a violent event or a
    protest are its aftermath; so is an arrest told after a bomb defused ('police defused a car bomb
    and arrested the driver'); the event the article tells first stays the main one."""
    for candidate in (c for c in merged if c.sub in {"Arrests", "Other"}):
        earlier = [c for c in merged if c.sentence < candidate.sentence
                   and (c.type in VIOLENT_TYPES or c.type == "Protests")
                   or candidate.sub == "Arrests" and c.sub == "Disrupted weapons use"
                   and (c.sentence, c.trigger.i) < (candidate.sentence, candidate.trigger.i)]
        if earlier:
            candidate.confidence = min(candidate.confidence, min(c.confidence for c in earlier) - 0.05)


def _looting_beside_a_fight(merged: Sequence[Candidate]) -> None:
    """'insurgents entered the town and looted shops before fighting the troops': property taken or
    destroyed beside violence told in the same sentence is part of that violence, which ACLED codes."""
    for candidate in (c for c in merged if c.sub == "Looting/property destruction"):
        beside = [c for c in merged if c.sentence == candidate.sentence and c.type in VIOLENT_TYPES]
        if beside:
            candidate.confidence = min(candidate.confidence, max(c.confidence for c in beside) - 0.05)
        for fight in beside:
            _looters_fight(candidate, fight)


def _looters_fight(looting: Candidate, fight: Candidate) -> None:
    """'looted shops before fighting the troops': a fight with no subject of its own, told under the
    looting, is the looters' own, so they are its first side."""
    trigger = fight.trigger
    if looting.actor1 is None or fight.actor2 != looting.actor1 or any(c.dep_ == "nsubj" for c in trigger.children):
        return
    if looting.trigger.i in {a.i for a in trigger.ancestors}:
        fight.actor1, fight.actor2 = fight.actor2, fight.actor1


def rank_events(merged: Sequence[Candidate]) -> None:
    """Lower the confidence of the events told beside the note's own, so that it stays the main one."""
    _demote_background(merged)
    _demote_later_days(merged)
    _demote_responses(merged)
    _follow_up_arrests(merged)
    _looting_beside_a_fight(merged)
