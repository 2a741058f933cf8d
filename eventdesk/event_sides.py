"""Who the sides of an event candidate are, beyond what its trigger's parse gives.

Judgments `eventdesk.event_candidates` makes on a candidate's actors: a target who is a civilian or a
former fighter, the crowd that riots, rivals of one kind fighting each other, the other subject of a
clash, who moves in after a withdrawal, a force named by its country ('its warplanes'), the side whose
vehicle ran over a mine, the other party of an agreement.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from eventdesk.actor_tables import actor_table, words_of
from eventdesk.actors import Actor, ActorContext, ActorMention, normalise_actor, people_militia
from eventdesk.event_triggers import Lexicon, event_lexicon, matching_triggers

ARMED = frozenset({"state", "police", "rebel", "militia", "unidentified", "external"})


_FORMER = frozenset({"former", "ex", "ex-", "retired", "demobilised", "demobilized", "onetime", "one-time"})


def former_target(trigger: Token) -> bool:
    """'opened fire on a former opposition fighter': a target who has left the armed side."""
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}] + [
        o for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"on", "at"} for o in p.children]
    return any(c.lower_ in _FORMER for o in objects for c in o.children if c.dep_ in {"amod", "compound", "advmod"})


def civilian_target(trigger: Token) -> bool:
    """'gunmen attacked several villages': a place where civilians are, named as the target."""
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "pobj"}] + [
        o for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"on", "at"} for o in p.children]
    return any(_civilian_place(o) for o in objects)


_BLAST_PREPS = frozenset({"on", "at", "into", "in", "inside", "near"})


def blast_on_civilians(trigger: Token) -> bool:
    """'a rocket hit a house', 'hurled a grenade into a crowded bar', 'detonated a vest in a tea shop': an
    explosion at a place where civilians are, whose victims, named or not, are civilians."""
    verb = trigger.head if trigger.dep_ in {"dobj", "nsubj", "nsubjpass"} and trigger.pos_ == "NOUN" else trigger
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [o for c in objects for o in c.conjuncts]
    places = [o for p in (c for v in (verb, *objects) for c in v.children) if p.dep_ == "prep"
              and p.lower_ in _BLAST_PREPS for o in p.children if o.dep_ == "pobj"]
    return any(_civilian_place(o) for o in (*objects, *places))


def _civilian_place(token: Token) -> bool:
    """'a market', 'herders', 'the Lala displacement site': a target where civilians are."""
    context = event_lexicon().context
    if token.lower_ in context["civilian_target"] or token.lemma_.lower() in context["civilian_target"]:
        return True
    return any(c.dep_ in {"compound", "amod"} and c.lower_ in context["civilian_site"] for c in token.children)


_SEQUENCE_MARKS = frozenset({"after", "as", "when", "once", "following"})


def mover_after_withdrawal(trigger: Token, mentions: Sequence[ActorMention], withdrawn: Actor | None) -> Actor | None:
    """'GNA forces entered Tarhuna after Haftar's forces withdrew': the armed side that moves in after the
    withdrawal the trigger tells (it takes the town; the side that withdrew lost it), if one is named."""
    clause = trigger
    for _ in range(3):  # "after Russian forces completed their withdrawal": up through the clause's verb
        if clause.dep_ == "advcl" and any(c.lower_ in _SEQUENCE_MARKS for c in clause.children) \
                or clause.dep_ == "pcomp" and clause.head.lower_ in _SEQUENCE_MARKS:
            break
        clause = clause.head
    else:
        return None
    main = clause.head.head if clause.dep_ == "pcomp" else clause.head
    subject = next((c for c in main.children if c.dep_ == "nsubj"), None)
    mover = next((m.actor for m in mentions if subject is not None and m.start <= subject.i < m.end), None)
    return mover if mover is not None and mover.kind in ARMED and mover != withdrawn else None


def possessed_force(trigger: Token, context: ActorContext) -> Actor | None:
    """'Russia's defence ministry said its warplanes had struck ...': 'its' is the country named
    before it, whose military acted."""
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subject is None or not any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in subject.children):
        return None
    owner = next((t for t in reversed(trigger.doc[trigger.sent.start:subject.i])
                  if t.ent_type_ in {"GPE", "NORP"}), None)
    if owner is None:
        return None
    force = normalise_actor(f"{owner.text} military", context=context)
    return force if force is not None and force.kind == "state" else None


# Unnamed groups of one kind fight each other: ACLED codes both sides with the same name
SAME_KIND_SIDES = frozenset({"militia", "unidentified"})
_RIVALRY = frozenset({"rival", "feuding", "warring", "opposing", "two", "both", "competing"})


def fought_each_other(trigger: Token, mentions: Sequence[ActorMention], other: Actor | None) -> bool:
    """'two rival clan militias clashed', 'warriors from two rival clans fought': a plural subject of rivals
    fights itself, unless the clause names the other side ('clashed with police')."""
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subject is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        subject = trigger.head  # "warriors from two rival clans fought ...", misread as 'clans (that were) fought'
    if subject is None or subject.tag_ != "NNS" or not any(
            t.lower_ in _RIVALRY for t in subject.subtree if t.i < trigger.i):
        return False
    opposed = {t.i for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"with", "against"}
               for t in p.subtree}
    opposed |= {t.i for c in trigger.children if c.dep_ == "dobj" for t in c.subtree}
    return not any(m.head in opposed and m.actor == other for m in mentions)


def _acts_on_something(verb: Token) -> bool:
    """An active verb with an object, its own or a conjoined verb's ('lynched and set fire to a man')."""
    if verb.pos_ != "VERB" or any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return False
    return any(c.dep_ in {"dobj", "prep"} for v in (verb, *verb.conjuncts) for c in v.children)


# Unarmed people who form mobs; armed herders or farmers who raid villages are communal militias.
_CROWDS = frozenset({"resident", "villager", "youth", "student", "local", "people", "worshipper",
                     "trader", "community", "supporter", "neighbour", "neighbor",
                     "passer", "passerby", "motorist", "vendor", "inhabitant", "citizen", "parishioner"})


_GROUP_NOUNS = frozenset({"group", "band", "bunch"})


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the people of 'a group of students' it names."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in _GROUP_NOUNS:
        members = [o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                   if o.dep_ == "pobj"]
        return members[0] if members else subject
    return subject


def crowd_subject(trigger: Token) -> bool:
    """'BNP activists clashed with police': the trigger's subject is a plural unarmed crowd."""
    subject = _subject_of(trigger)
    return subject is not None and subject.tag_ == "NNS" and \
        subject.lemma_.lower() in _CROWDS | {"activist", "protester", "demonstrator"} and \
        not any(c.lower_ == "armed" for c in subject.children)


def crowd_of_civilians(actor: Actor | None, trigger: Token) -> bool:
    """A plural civilian subject ('residents', 'youths'), not one person."""
    verb = trigger.head if trigger.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in trigger.children) \
        else trigger  # "students lynched and set fire to ...": the first verb's subject
    if not _acts_on_something(verb):
        return False  # "26 people were killed and 42 others injured": victims, not a crowd
    subject = _subject_of(verb)  # "a group of students beat a man to death": the students
    return actor is not None and actor.kind == "civilian" and subject is not None and subject.tag_ == "NNS" \
        and subject.lemma_.lower() in _CROWDS and not any(c.lower_ == "armed" for c in subject.children)


def vehicle_side(device: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """The side whose vehicle ran into a device: the first state or civilian actor before it."""
    before = [m.actor for m in mentions if m.end <= device.i and m.actor.kind in {"state", "police", "civilian"}]
    return before[0] if before else None


def fellow_side(party: Actor | None, trigger: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """Another armed actor named before a clash verb, beside its first side."""
    if party is None:
        return None
    others = [m.actor for m in mentions if m.end <= trigger.i and m.actor != party and m.actor.kind in ARMED]
    return others[0] if others else None


ONE_SIDED_CLASH = frozenset({"ambush", "repel", "repulse", "counterattack"})  # the target need not fight


def fighting_people(side: Actor, mentions: Sequence[ActorMention]) -> Actor | None:
    """The ethnic militia of the people named in a civilian side that fights a clash, if one is named."""
    ethnic = actor_table().ethnic
    for mention in (m for m in mentions if m.actor == side):
        people = next((w for w in words_of(mention.text) if w in ethnic), "")
        if people:
            return people_militia(people, side.country)
    return None


def conjoined_opponent(trigger: Token, mentions: Sequence[ActorMention], side: Actor | None,
                       allies: Sequence[Actor]) -> tuple[Actor, bool] | None:
    """The other subject of a clash verb with no opponent of its own, and whether it is named first: 'X and
    Y fought', 'RSF and army units exchanged artillery fire' (not 'X and Y clashed with Z', nor a state's
    auxiliary named beside it)."""
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    opposed = {t.i for c in trigger.children if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in {
        "with", "against"} for t in c.subtree}
    if any(m.head in opposed for m in mentions):
        return None
    # "RSF and army units": the first subject hangs on the second's head noun
    named = [c for c in subject.children if c.dep_ in {"nmod", "compound"} and c.conjuncts]
    for token in (*subject.conjuncts, *named, *(c for n in named for c in n.conjuncts)):
        other = next((m for m in mentions if m.start <= token.i < m.end), None)
        if other is not None and other.actor.kind in ARMED and other.actor != side and other.actor not in allies:
            own = next((m for m in mentions if m.start <= subject.i < m.end), None)
            return other.actor, own is not None and other.start < own.start
    return None


def taken_from(trigger: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """'recaptured Tal Afar from IS': the armed side a place was taken from (the 'from' may hang on the place)."""
    holders = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
    objects = [o for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "from"
               for o in p.children if o.dep_ == "pobj"]
    return next((m.actor for o in objects for m in mentions if m.start <= o.i < m.end and m.actor.kind in ARMED), None)


def withdrawn_side(trigger: Token, mentions: Sequence[ActorMention], lexicon: Lexicon) -> Actor | None:
    """'Taliban fighters took control of Kandahar after government forces withdrew': the armed side whose
    withdrawal a clause of the capture tells is the side that lost the place."""
    for clause in trigger.children:
        if not (clause.dep_ == "advcl" and any(c.lower_ in _SEQUENCE_MARKS for c in clause.children)):
            continue
        for token in clause.subtree:
            if not any(e.sub == "Non-violent transfer of territory" for e in matching_triggers(token, lexicon)):
                continue
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "poss"}), None)
            side = next((m.actor for m in mentions if subject is not None and m.start <= subject.i < m.end), None)
            if side is not None and side.kind in ARMED:
                return side
    return None


def partner(party: Actor | None, mentions: Sequence[ActorMention]) -> Actor | None:
    """The other side of an agreement: 'Russia and Turkey signed', 'the Houthis and the government agreed'."""
    if party is None:
        return None
    others = [m.actor for m in mentions if m.actor != party and m.actor.kind in ARMED | {"government"}]
    return others[0] if others else None
