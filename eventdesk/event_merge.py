"""Merging event candidates across an article.

Repeated mentions of one occurrence (same kind, compatible sides, dates and
places) fold into one candidate, and a killing with no agent ('12 fighters
were killed') joins the event it belongs to. `event_figures.assign_figures`
then gives each figure its event; `event_tolls.fatalities_of` counts each
event's dead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from eventdesk.actors import Actor
from eventdesk.event_candidates import Candidate, fold
from eventdesk.event_phrases import has_phrase
from eventdesk.event_tolls import VIOLENT_TYPES
from eventdesk.event_triggers import coded_town, event_lexicon, scene_participle_host
from eventdesk.model import Place, TimeExpr
from eventdesk.times_lexicon import lexicon as time_lexicon

_ABSORB_BEFORE, _ABSORB_AFTER = 3, 1
_TERRITORY_SUBS = ("Government regains territory", "Non-state actor overtakes territory")


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
    if a.time and b.time and not (a.strong_date and b.strong_date):
        return not _period_apart(a.time, b.time)
    if not (a.strong_date and b.strong_date and a.time and b.time):
        return True
    if None in (a.time.first, a.time.last, b.time.first, b.time.last):
        return a.time.value == b.time.value
    return a.time.first <= b.time.last and b.time.first <= a.time.last  # type: ignore[operator]


_PERIOD_DAYS = 28


def _period_apart(a: TimeExpr, b: TimeExpr) -> bool:
    """'died in the fighting since January' beside a capture dated this week: a month told as
    a period does not hold a day outside it, even when one of the two dates is only inferred."""
    if None in (a.first, a.last, b.first, b.last):
        return False
    spans = sorted(((t.last - t.first).days for t in (a, b)))  # type: ignore[operator]
    if spans[1] < _PERIOD_DAYS or spans[0] > 7:
        return False
    return a.last < b.first or b.last < a.first  # type: ignore[operator]


def places_compatible(a: Candidate, b: Candidate, places: Sequence[Place], *, near_only: bool = True) -> bool:
    """Same place, or one place inside the other's wider area (a town and its province or country); with
    `near_only`, only places inside the triggers' own phrases can tell two events apart."""
    if a.place_index is None or b.place_index is None or near_only and not (a.place_near and b.place_near):
        return True
    first, second = places[a.place_index], places[b.place_index]
    if first.geonameid == second.geonameid:
        return True
    wide, narrow = sorted((first, second), key=lambda p: -p.precision)
    if wide.precision >= 6:
        return wide.country_code == narrow.country_code
    return wide.precision >= 3 and wide.admin1 == narrow.admin1 and wide.country_code == narrow.country_code


_BOMBS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
_RAID = frozenset({"Abduction/forced disappearance", "Attack"})


def _same_event(a: Candidate, b: Candidate, places: Sequence[Place]) -> bool:
    same_kind = (a.type, a.sub) == (b.type, b.sub) or (
        a.type == b.type == "Battles" and "Armed clash" in {a.sub, b.sub}
        and {a.sub, b.sub} & set(_TERRITORY_SUBS)) or {a.sub, b.sub} == _BOMBS or (  # "an explosion ... a suicide bomber"
        {a.sub, b.sub} == _RAID and a.sentence == b.sentence) or (  # "abducted 40 villagers and shot dead 2": one raid
        a.type == b.type and a.type in {"Riots", "Protests"} and a.sentence == b.sentence
        and {a.sub, b.sub} <= {"Violent demonstration", "Mob violence", *_FORCE_ORDER}) or (  # one crowd's day
        _turns_violent(a, b) or _turns_violent(b, a))
    return same_kind and _actors_compatible(a, b) and _dates_compatible(a, b) and places_compatible(a, b, places)


def _turns_violent(protest: Candidate, riot: Candidate) -> bool:
    """'youths protesting the killing of a student blocked roads and burned a police post': the
    protest told and the crowd's violence in the same sentence are one riot."""
    return protest.type == "Protests" and protest.sub in _FORCE_ORDER and protest.sentence == riot.sentence \
        and (riot.type, riot.sub) == ("Riots", "Violent demonstration") and _by_the_protesters(protest, riot)


def _by_the_protesters(protest: Candidate, riot: Candidate) -> bool:
    """The riot's doers are the protest's crowd: the protest word is the violent verb's own clause
    ('marched and smashed windows') or inside its subject ('youths protesting ... burned a post'), not
    'a separate group of youths burned tyres' beside a rally."""
    wanted = protest.trigger.i
    for verb in _joined_verbs(riot.trigger):
        if verb.i == wanted:
            return True
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return any(t.i == wanted for s in subjects for t in s.subtree)
    return False


def _joined_verbs(verb: Token) -> Iterator[Token]:
    """A verb, then the verbs it is joined to by 'and', up the list ('marched and smashed windows'), to
    find the subject they share."""
    for _ in range(_CONJ_CLIMB):
        yield verb
        if verb.dep_ != "conj":
            return
        verb = verb.head


_CONJ_CLIMB = 4


def _fold_followers(candidates: list[Candidate], places: Sequence[Place]) -> list[Candidate]:
    """'... clashed with police. 2 rioters were shot dead by police.': a killing right after joins it, unless
    its own phrase places it elsewhere ('gunmen killed 5 villagers in Kaura. Another 3 people were shot dead by
    gunmen in Maru': two attacks, not 8 dead in one)."""
    kept: list[Candidate] = []
    opening = next((c.time.first for c in sorted(candidates, key=lambda c: c.sentence)
                    if c.time is not None and c.time.first is not None), None)
    bare = {c.sentence for c in candidates if c.absorbable} - {c.sentence for c in candidates if not c.absorbable}
    for candidate in (c for c in candidates if not c.absorbable):
        before = [k for k in kept if k.sentence < candidate.sentence <= _reach(k, candidate, bare) + 1
                  and k.type in VIOLENT_TYPES | {"Protests"} and not _told_apart(candidate, k)
                  and places_compatible(k, candidate, places)]
        turned = bool(before) and _crowd_turns_violent(before[-1], candidate)
        if before and _restated_aim(candidate, before[-1]):
            candidate.actor2 = None  # whom the attacker says it aimed at is its claim, not the victims told
            fold(before[-1], candidate)
        elif before and not _later_day(before[-1], candidate, opening) and (
                candidate.role == "violence" and (_sides(candidate) & _sides(before[-1]) or _crowd(candidate))
                or _anaphoric(candidate) or _escalates(before[-1], candidate, turned=turned)):
            _upgrade_protest(before[-1], candidate, turned=turned)
            if _replies(candidate):
                candidate.actor2 = None  # the reply's victims are the event's own attackers, never its target
            fold(before[-1], candidate)
        else:
            kept.append(candidate)
    return kept


def _reach(event: Candidate, follower: Candidate, bare: set[int]) -> int:
    """The last sentence an event tells for a follower: its own; for a fight 'that followed', also those after
    it that tell only bare killings, which will join it ('... ambushed an army patrol. 2 soldiers were killed.
    Troops killed 4 of them in a firefight that followed': the firefight follows the ambush). Any other follower
    past a bare toll is told on its own ('2 soldiers were killed. Gunmen killed 3 soldiers at a checkpoint')."""
    if not (follower.trigger.pos_ == "NOUN" and _ensuing(follower.trigger)):
        return event.sentence
    last = max(event.sentences | {event.sentence})
    while last + 1 in bare:
        last += 1
    return last


def _later_day(before: Candidate, follower: Candidate, opening: dt.date | None) -> bool:
    """'... 17 civilians died; a police officer was burned to death by a crowd the following night':
    a follower dated in its own sentence to another day than the event before (or the note's first
    day) is another event."""
    then = follower.time
    if not follower.strong_date or then is None or then.first is None or then.sentence != follower.sentence:
        return False
    if follower.actor1 is None or not any(c.dep_ in {"agent", "nsubj"} for c in follower.trigger.children):
        return False  # "one of the injured died the next day": a death of the event told, not a new act
    first = before.time.first if before.time is not None and before.time.first is not None else opening
    return first is not None and first != then.first


def _restated_aim(candidate: Candidate, before: Candidate) -> bool:
    """'a drone struck a gathering ... the army said it had targeted terrorists': the attacker's
    word on whom its strike aimed at restates the strike just told."""
    trigger = candidate.trigger
    return trigger.lemma_.lower() == "target" and _claimant_fits(candidate, before) \
        and any(a.lemma_.lower() in event_lexicon().context["follows_saying"] for a in list(trigger.ancestors)[:3])


_STATE_STRIKES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def _claimant_fits(candidate: Candidate, before: Candidate) -> bool:
    """Whether who says it targeted can be the attacker told: the same or none, or one naming an unnamed
    attacker ('a car bomb went off ...; Al Shabaab said it targeted officials'), where a state force names
    only a strike from afar ('police said they targeted Al Shabaab hideouts' after a bombing is their own act)."""
    claimant = candidate.actor1
    if claimant in (None, before.actor1):
        return True
    return before.actor1 is None and (claimant.kind not in {"state", "police"} or before.sub in _STATE_STRIKES)


_FORCE_ORDER = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")


def _escalates(protest: Candidate, follower: Candidate, *, turned: bool) -> bool:
    """'... marched through the town. Police fired tear gas to break up the march.': the same protest, met;
    or its crowd `turned` violent (_crowd_turns_violent)."""
    if protest.type != "Protests" or protest.sub not in _FORCE_ORDER:
        return False
    return follower.type == "Protests" and follower.sub in _FORCE_ORDER or _fires_on_crowd(follower) or turned


def _crowd_turns_violent(protest: Candidate, follower: Candidate) -> bool:
    """'traders staged a sit-in ... When police came to disperse the sit-in, the traders threw stones at them':
    the crowd just told, named again ('the traders', 'the protesters', 'they') in no other place, riots: the
    protest became a violent demonstration. 'teachers protested in Abuja. In Kaduna, the youths burned tyres'
    names another crowd elsewhere."""
    if (follower.type, follower.sub) != ("Riots", "Violent demonstration") \
            or follower.actor1 is not None and follower.actor1.kind not in _UNARMED \
            or _names_another_place(protest, follower):
        return False
    context = event_lexicon().context
    crowd = _crowd_words(protest.trigger) | context["follows_protest_crowds"]
    for verb in _joined_verbs(follower.trigger):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and verb.dep_ == "relcl" and subjects[0].lower_ == "who":
            subjects = [verb.head]  # "police came to disperse the protesters, who pelted them with stones"
        if subjects:
            return any(s.lower_ in context["follows_back_pronouns"] or s.pos_ == "NOUN" and _definite(s)
                       and s.lemma_.lower() in crowd for s in subjects)
    return False


def _crowd_words(trigger: Token) -> set[str]:
    """The lemmas of the subject that protested: of the protest word's own clause or the clauses above it
    ('traders staged a sit-in', 'residents blocked the highway to protest')."""
    for verb in (trigger, *list(trigger.ancestors)[:_CONJ_CLIMB]):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return {t.lemma_.lower() for s in subjects for t in (s, *s.conjuncts)}
    return set()


def _names_another_place(protest: Candidate, follower: Candidate) -> bool:
    """The follower's sentence names a place that the protest's sentence does not ('In Kaduna, ...')."""
    told = {e.text.lower() for e in protest.trigger.sent.ents if e.label_ in _PLACE_LABELS}
    return any(e.label_ in _PLACE_LABELS and e.text.lower() not in told for e in follower.trigger.sent.ents)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _fires_on_crowd(follower: Candidate) -> bool:
    """'Security forces opened fire on the crowd': lethal force on the protest just told, the crowd
    doing nothing violent itself."""
    if follower.role not in {"attack", "violence", "protest"} or not (follower.actor2 is None or _crowd(follower)):
        return False
    lexicon, sent = event_lexicon(), follower.trigger.sent
    return has_phrase(sent, lexicon.protest["excessive"]) and not has_phrase(sent, lexicon.protest["violent"])


def _upgrade_protest(protest: Candidate, follower: Candidate, *, turned: bool) -> None:
    """A protest told first and the force used on it next: the protest takes the harder sub-type; a riot
    if its crowd `turned` violent."""
    if protest.type != "Protests" or protest.sub not in _FORCE_ORDER:
        return
    if turned:
        protest.type, protest.sub = follower.type, follower.sub
        return
    sub = follower.sub if follower.type == "Protests" and follower.sub in _FORCE_ORDER else (
        "Excessive force against protesters" if follower.role == "violence" and _crowd(follower)
        or _fires_on_crowd(follower) else protest.sub)
    protest.sub = max(protest.sub, sub, key=_FORCE_ORDER.index)


def _anaphoric(candidate: Candidate) -> bool:
    """'7 soldiers were killed in the fighting': 'the fighting' is the event just told, not a new one."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB":  # "The army said it repelled the assault": the assault just told
        return any(c.dep_ == "dobj" and (c.lemma_.lower() in _EVENT_NOUNS and _definite(c) or _the_attackers(c))
                   for c in trigger.children)
    # "killed in the attack", "a count that excludes the bomber": the one just told
    return trigger.pos_ == "NOUN" and (trigger.dep_ == "pobj" or trigger.dep_ == "dobj"
                                       and trigger.lemma_.lower() in _EVENT_PERSONS) and _definite(trigger) \
        or trigger.pos_ == "NOUN" and _ensuing(trigger)


def _ensuing(noun: Token) -> bool:
    """'in a firefight that followed', 'in the ensuing gunfight': a fight that grew out of the event just told."""
    ensuing = event_lexicon().context["follows_ensuing"]
    return any(c.dep_ in {"amod", "relcl"} and (c.lemma_.lower() in ensuing or c.lower_ in ensuing)
               for c in noun.children)


_EVENT_PERSONS = frozenset({"bomber", "attacker", "assailant", "gunman"})


def _replies(candidate: Candidate) -> bool:
    """'Soldiers who came to their aid killed 8 of the assailants': a killing of the attackers just told."""
    return candidate.trigger.pos_ == "VERB" and any(c.dep_ == "dobj" and _the_attackers(c)
                                                    for c in candidate.trigger.children)


def _the_attackers(obj: Token) -> bool:
    """'Soldiers who came to their aid killed 7 of the assailants', 'troops killed the attackers': those
    the event just told calls its attackers, killed in the reply to it, are its own toll."""
    persons = [obj] + [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj"]
    return any(t.lemma_.lower() in _EVENT_PERSONS and t.tag_ == "NNS" and _definite(t) for t in persons)


_EVENT_NOUNS = frozenset({"attack", "assault", "raid", "offensive", "ambush", "incursion", "onslaught"})
# "in a separate attack", "in similar raids last year", "in such attacks": another event, or many, not this one.
_OTHER_EVENT_MARKS = frozenset({"separate", "similar", "such", "another", "earlier", "previous", "unrelated"})
_OTHER_EVENT_NOUNS = _EVENT_NOUNS | {"incident", "killing", "clash", "bombing", "strike", "violence", "massacre"}


def another_event(sent: Span) -> bool:
    """Whether a sentence tells of another event than the one before it ('In a separate attack in Agatu,
    9 villagers were killed', 'More than 200 have died in such attacks in recent months', 'Elsewhere, 3 people
    were shot dead')."""
    return any(t.lower_ in _OTHER_EVENT_MARKS and t.dep_ in {"amod", "det", "predet"}
               and t.head.lemma_.lower() in _OTHER_EVENT_NOUNS or t.lower_ == "elsewhere" and t.dep_ == "advmod"
               and t.head.dep_ == "ROOT" for t in sent)


WEEKDAYS = frozenset(time_lexicon().weekdays)  # the time stage's weekday names, "Sunday" and "Sun."
_MANY_MARKS = frozenset({"similar", "such", "repeated", "recurrent"})


def _tally_of_many(trigger: Token) -> bool:
    """A killing told as a tally of many events, not one: a present perfect counted 'since' a start ('more
    than 200 people have been killed since January 1') or a series ('one of a series of similar attacks in
    which 9 villagers were killed', 'have died in such attacks')."""
    verb = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in {"VERB", "AUX"}), trigger)
    since = [t for t in verb.subtree if t.lower_ == "since"]
    recent = WEEKDAYS | {"yesterday", "dawn", "morning", "night", "evening"}  # "since Sunday": one fight's days
    if since and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and not any(
            t.lower_ in recent for word in since for t in word.subtree):
        return True
    return any(t.lower_ in _MANY_MARKS and t.dep_ == "amod" and t.head.tag_ == "NNS"
               and t.head.lemma_.lower() in _OTHER_EVENT_NOUNS or t.lower_ == "series" for t in trigger.sent)


def _told_apart(killing: Candidate, event: Candidate) -> bool:
    """A killing told as another event than one in an earlier sentence ('In a separate attack, 9 villagers
    were killed') or dated by its own words before it began ('Last month, 40 villagers were killed')."""
    if killing.sentence != event.sentence and another_event(killing.trigger.sent):
        return True
    own, other = killing.time, event.time
    return bool(killing.strong_date and event.strong_date and own and other and own.last and other.first
                and own.last < other.first)


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"} for c in noun.children)


def _absorb(merged: list[Candidate], absorbable: list[Candidate]) -> list[Candidate]:
    """A killing with no agent ('12 fighters were killed') joins the event it names or shares a side with,
    unless it is told as another ('In a separate attack, 9 villagers were killed') or dated before it."""
    for candidate in absorbable:
        if any(memorial_of(t) for t in (candidate.trigger, *candidate.trigger.ancestors)):
            continue  # "a minute of silence in memory of the 15 people killed": no death of this event
        near = [k for k in merged if -_ABSORB_AFTER <= candidate.sentence - k.sentence <= _ABSORB_BEFORE
                and not background(k.trigger)]  # "bodies dumped amid fighting": not the fighting's dead
        sharing = [k for k in merged if _sides(candidate) & _sides(k) and k.type in VIOLENT_TYPES
                   and not background(k.trigger)] or _told_before(near, candidate)
        just_told = [k for k in near if k.sentence == candidate.sentence - 1 and k.type in VIOLENT_TYPES]
        if just_told and all(k.sentence > candidate.sentence for k in sharing):
            sharing = just_told  # "X shelled the town. A woman was killed. The same day, drones hit Y": X's dead
        sharing = [k for k in sharing if not _told_apart(candidate, k)]
        hinted = [k for k in sharing if k.sub in candidate.hints]  # "killed in the operation to recapture X"
        if candidate.in_campaign and not hinted and sharing:  # "in the offensive": the article's main one
            hinted = [max(sharing, key=lambda k: (k.confidence, -k.sentence))]
        if sharing:
            fold(max(hinted or sharing, key=lambda k: (k.confidence, -abs(k.sentence - candidate.sentence))),
                  candidate)
        elif merged and _tally_of_many(candidate.trigger):
            continue  # "200 have been killed since January 1" beside the attack told: a tally, no event of its own
        else:
            candidate.confidence *= 0.8
            merged.append(candidate)
    return sorted(merged, key=lambda c: (c.sentence, c.trigger.i))


def _told_before(near: list[Candidate], toll: Candidate) -> list[Candidate]:
    """The events near a bare toll that it may join, those told before it if any: a toll follows its event
    ('police fired tear gas at protesters in Nairobi. 2 protesters were killed. In Mombasa, police shot dead 3
    protesters': Nairobi's dead), and joins the next sentence's only when it leads the report."""
    return [k for k in near if k.sentence <= toll.sentence] or near


def _crowd(candidate: Candidate) -> bool:
    return any(a is not None and a.kind in {"protester", "rioter"} for a in (candidate.actor1, candidate.actor2))


_FIGHT_LEMMAS = frozenset({"fight", "clash", "battle", "skirmish"})


def _fight_weapon(candidate: Candidate, candidates: Sequence[Candidate]) -> Candidate | None:
    """'gangs fought with firearms and explosives': a weapon the fighters used is the clash's, no bombing.

    Returns the clash of the same sentence that the weapon belongs to, or None.
    """
    trigger = candidate.trigger
    if candidate.type != "Explosions/Remote violence" or trigger.pos_ != "NOUN":
        return None
    prep = next((a for a in list(trigger.ancestors)[:3] if a.dep_ == "prep" and a.lower_ == "with"), None)
    if prep is None or prep.head.lemma_.lower() not in _FIGHT_LEMMAS:
        return None
    return next((c for c in candidates if c.trigger.i == prep.head.i and c.type == "Battles"), None)


def _drop_fight_weapons(candidates: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for candidate in candidates:
        clash = _fight_weapon(candidate, candidates)
        if clash is None:
            kept.append(candidate)
        else:
            candidate.actor2 = None  # the weapon's target is the clash's other side, not a new one
            fold(clash, candidate)
    return kept


_STORM_LEMMAS = frozenset({"storm", "overrun", "invade", "raid", "attack"})


def _stormed_place(candidate: Candidate) -> bool:
    """'gangs stormed Mirebalais (Centre)': an assault whose object is a town or another place."""
    if candidate.role != "attack" or candidate.trigger.lemma_.lower() not in _STORM_LEMMAS:
        return False
    places = event_lexicon().context["place_object"]
    return any(c.dep_ == "dobj" and (c.ent_type_ in {"GPE", "LOC"} or coded_town(c)
                                     or c.lemma_.lower() in places) for c in candidate.trigger.children)


def _storms_taking_ground(candidates: list[Candidate]) -> list[Candidate]:
    """'gangs stormed Mirebalais ... after police withdrew from a gunfight': an assault on a place that
    the other side left, told in one sentence, took the place (ACLED's territory sub-types)."""
    kept: list[Candidate] = []
    for candidate in candidates:
        stormer = None if candidate.sub != "Non-violent transfer of territory" or candidate.actor1 is None else next(
            (k for k in candidates if k.sentence == candidate.sentence and _stormed_place(k)
             and k.actor1 is not None and k.actor1 != candidate.actor1), None)
        if stormer is None:
            kept.append(candidate)
            continue
        state = stormer.actor1.kind in {"state", "police"}  # type: ignore[union-attr]
        stormer.type, stormer.role = "Battles", "territory"
        stormer.sub = "Government regains territory" if state else "Non-state actor overtakes territory"
        stormer.actor2 = candidate.actor1
        fold(stormer, candidate)
    return kept


_UNARMED = frozenset({"civilian", "protester", "rioter"})


def _unarmed(actor: Actor | None) -> bool:
    return actor is None or actor.kind in _UNARMED


def _crowd_side(candidate: Candidate) -> bool:
    """Whether people who are no armed group do the fighting: a crowd named ('protesters'), or a subject
    the actor table does not know ('garment workers clashed'); not a side left untold ('9 soldiers
    were killed in an attack')."""
    if candidate.actor1 is not None:
        return candidate.actor1.kind in _UNARMED
    verb = candidate.trigger.head if candidate.trigger.dep_ == "conj" else candidate.trigger
    return any(c.dep_ == "nsubj" for c in (*candidate.trigger.children, *verb.children))


def _crowd_fights(candidates: list[Candidate]) -> list[Candidate]:
    """'garment workers vandalised factories and clashed with police': people who are no armed group
    fighting the police while smashing things riot (Violent demonstration), and what they smashed is
    part of the riot."""
    if not any(c.type == "Battles" for c in candidates):
        return candidates
    violent = tuple(p for p in event_lexicon().protest["violent"] if "clash" not in p)
    riots = {c.sentence for c in candidates if (c.type, c.sub) == ("Battles", "Armed clash") and _crowd_side(c)
             and c.actor2 is not None and c.actor2.kind in {"police", "state"}
             and has_phrase(c.trigger.sent, violent)}
    for candidate in candidates:
        fight = (candidate.type, candidate.sub) == ("Battles", "Armed clash")
        smash = candidate.sub == "Looting/property destruction" and _unarmed(candidate.actor1)
        if candidate.sentence in riots and (fight and _crowd_side(candidate) or smash):
            candidate.type, candidate.sub, candidate.role = "Riots", "Violent demonstration", "protest"
    return candidates


def _scene_participles(candidates: list[Candidate]) -> list[Candidate]:
    """'missiles hit the centre as residents gathered, killing 35 and wounding 110': the killing and
    wounding are the strike's, though the parser hung them on the gathering."""
    kept: list[Candidate] = []
    for candidate in candidates:
        host = scene_participle_host(candidate.trigger)
        scene = candidate.trigger.head.i
        main = None if host is None or any(k.trigger.i == scene for k in candidates) else next(
            (k for k in candidates if k is not candidate and k.sentence == candidate.sentence
             and k.type in VIOLENT_TYPES and host.i in {k.trigger.i, k.trigger.head.i}), None)
        if main is None:
            kept.append(candidate)
        else:
            candidate.actor1 = None  # the scene's people are not the killers
            fold(main, candidate)
    return kept


def merge_candidates(candidates: list[Candidate], places: Sequence[Place]) -> list[Candidate]:
    """One candidate per real occurrence: repeated mentions fold together, then bare killings join them."""
    merged: list[Candidate] = []
    candidates = _crowd_fights(_storms_taking_ground(_drop_fight_weapons(_scene_participles(candidates))))
    for candidate in _fold_followers(candidates, places):
        match = next((m for m in merged if _same_event(m, candidate, places) and not _told_apart(candidate, m)), None)
        if match is None:
            merged.append(candidate)
            continue
        if candidate.sub in _TERRITORY_SUBS and match.sub == "Armed clash" or _turns_violent(match, candidate):
            fold(candidate, match)  # the fight for a town is part of its capture; a protest, of its riot
            merged[merged.index(match)] = candidate
            match = candidate
        else:
            fold(match, candidate)
        if {match.sub, candidate.sub} == _BOMBS:
            match.sub = "Suicide bomb"  # the blast told first, its bomber after: a suicide bombing
        if match.type == "Riots" and "Violent demonstration" in {match.sub, candidate.sub}:
            match.sub = "Violent demonstration"  # a crowd's acts in one sentence: one riot, its hardest kind
        if match.type == "Protests" and {match.sub, candidate.sub} <= set(_FORCE_ORDER):
            match.sub = max(match.sub, candidate.sub, key=_FORCE_ORDER.index)  # "fired on demonstrators marching"
        if {match.sub, candidate.sub} == _RAID:
            match.sub = "Abduction/forced disappearance"  # "stormed a school and abducted 27 students"
        match.confidence = min(0.95, match.confidence + 0.05)
    return _absorb(_withdrawals_join_captures(merged, places), [c for c in candidates if c.absorbable])


_WITHDRAWAL_DAYS = 3


def _days_close(a: Candidate, b: Candidate) -> bool:
    """Dates at most a few days apart (a withdrawal the night before the troops walked in)."""
    if not (a.time and b.time and a.time.first and b.time.first):
        return True
    return abs((a.time.first - b.time.first).days) <= _WITHDRAWAL_DAYS


def _withdrawals_join_captures(merged: list[Candidate], places: Sequence[Place]) -> list[Candidate]:
    """'IS pulled out during the night before troops entered': the loser's withdrawal from a town the
    article says was captured is how that capture happened, not another event."""
    kept: list[Candidate] = []
    for candidate in merged:
        capture = next((k for k in merged if k.sub in _TERRITORY_SUBS and k is not candidate
                        and candidate.actor1 is not None and k.actor2 == candidate.actor1
                        and _days_close(k, candidate) and places_compatible(k, candidate, places)), None)
        if candidate.sub == "Non-violent transfer of territory" and capture is not None:
            fold(capture, candidate)
        else:
            kept.append(candidate)
    return kept


_BACKGROUND_MARKS = frozenset({"after", "since", "following", "amid"})
_MEMORIALS = frozenset({"memory", "commemoration", "honour", "honor", "anniversary", "remembrance"})


def background(trigger: Token) -> bool:
    """'youths set cars on fire, a day after an officer shot dead a driver', 'bodies dumped amid
    fighting between factions': an act told in an 'after'/'since'/'amid' clause is what led to the
    event or surrounds it, told as its background; so is a death told 'in memory of'."""
    if trigger.pos_ == "NOUN" and _definite(trigger):
        return False  # "bodies were recovered after the encounter": the event just told, not another
    return any(any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in node.children)
               or node.dep_ in {"pcomp", "pobj"} and node.head.lower_ in _BACKGROUND_MARKS
               or memorial_of(node) for node in (trigger, *trigger.ancestors))


def memorial_of(node: Token) -> bool:
    """'in memory of the 15 people killed', 'on the anniversary of the massacre': whom a gathering remembers."""
    return node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in _MEMORIALS
