"""Who did what to whom: an event trigger's agent, patient and backers, read from the parse.

`roles_of` takes a trigger token ("killed", "strike", "retook") and the actor mentions that
`eventdesk.actors.find_actors` found in its sentence, and returns the `Roles` the dependency
parse gives them (subject and object, 'by' and 'against' phrases, a noun's possessor), then
word order for what the parse leaves open. A pronoun takes the previous sentence's actor or the
speaker of the report it stands in; whoever 'said' it is a source, not a side; an actor named
as a supporter ('backed by Russian airstrikes') is a backer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventdesk.actor_tables import auxiliary_names, country_in, words_of
from eventdesk.actors import Actor, ActorContext, ActorMention, civilians_of, normalise_actor, state_actor
from eventdesk.figures_kinds import verb_kind
from eventdesk.nlp import doc_cached, sentence_bounds, sentence_tokens


@dataclass(frozen=True)
class Roles:
    """Who did it (agent), to whom (patient) and who backed the agent, for one trigger."""

    agent: Actor | None = None
    patient: Actor | None = None
    backers: tuple[Actor, ...] = ()
    parsed: int = 0  # roles read from the parse (the rest from word order)
    # the agent is the subject of a clause telling how it happened ('was killed when gunmen attacked'):
    # the act may be another event's outcome, told after it
    by_occasion: bool = False


_AGENT_DEPS = frozenset({"nsubj", "csubj"})


_PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "obj", "attr"})


_PATIENT_PREPS = frozenset({"with", "against", "on", "at", "targeting", "upon", "between", "into", "of"})


_PRONOUNS = frozenset({"they", "it", "he", "she", "them", "him", "her", "its", "their"})


_NOUN_AGENT_DEPS = frozenset({"poss", "amod", "compound", "nmod"})


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _verb_roles(trigger: Token) -> tuple[list[Token], list[Token]]:
    agents: list[Token] = []
    patients: list[Token] = []
    for child in trigger.children:
        if child.dep_ == "csubj" and child.tag_ == "VBG":  # "soldiers searching for X shot ...": the soldiers
            agents.extend([c for c in child.children if c.dep_ == "nsubj"] or [child])
        elif child.dep_ in _AGENT_DEPS:
            agents.append(child)
        elif child.dep_ in _PATIENT_DEPS:
            patients.append(child)
        elif child.dep_ == "agent":
            agents.extend(_pobjs(child))
        elif child.dep_ == "prep" and child.lower_ == "to" and trigger.lemma_ == "fall":
            agents.extend(_pobjs(child))
        elif child.dep_ == "prep" and child.lower_ in _PATIENT_PREPS - {"of"}:
            patients.extend(_pobjs(child))
    head = trigger.head
    if not agents and trigger.dep_ in {"conj", "xcomp", "advcl"} and head.pos_ in {"VERB", "AUX"}:
        agents = [c for c in head.children if c.dep_ in _AGENT_DEPS]
        # "gunmen blocked a highway, checked papers and shot dead 23 men": up a chain of joined verbs
        # and from a participle's clause to the verb it hangs from: "police foiled a plot, seizing a belt and
        # arresting 3 suspects" (the police arrested)
        while not agents and (head.dep_ == "conj" or head.dep_ == "advcl" and head.tag_ == "VBG") \
                and head.head.pos_ in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
            agents = [c for c in head.children if c.dep_ in _AGENT_DEPS]
    if not patients and trigger.dep_ in {"xcomp", "oprd"}:  # "12 fighters were reported killed"
        patients = [c for c in head.children if c.dep_ == "nsubjpass"]
    if reduced_passive(trigger):  # "2 soldiers killed.": the soldiers are whom it was done to
        agents, patients = [], patients + agents
    return agents, patients


def reduced_passive(verb: Token) -> bool:
    """'2 soldiers killed, 3 injured.', '4 FC personnel killed': a note's verbless toll, a passive with its
    'were' left out; the parser reads the counted people as the verb's subject, a count no one kills with."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBN"} or any(
            c.dep_ in {"aux", "auxpass", "dobj", "obj", "ccomp", "xcomp"} for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return len(subjects) == 1 and any(c.dep_ == "nummod" for c in subjects[0].children) \
        and verb_kind(verb) in _DONE_TO_PEOPLE  # "30 people gathered" did it themselves


_DONE_TO_PEOPLE = frozenset({"killed", "wounded", "captured", "arrested"})


_OCCASION_MARKS = frozenset({"when", "as", "after", "while"})


def _agents_of_the_occasion(trigger: Token) -> list[Token]:
    """'a farmer was killed when gunmen attacked his village': a passive with no 'by' takes its agent
    from the clause that tells how it happened."""
    for clause in trigger.children:
        if clause.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in _OCCASION_MARKS
                                          for m in clause.children):
            return [c for c in clause.children if c.dep_ in _AGENT_DEPS]
    return []


def _noun_roles(trigger: Token) -> tuple[list[Token], list[Token]]:
    agents = [c for c in trigger.children if c.dep_ in _NOUN_AGENT_DEPS]
    for clause in (c for c in trigger.children if c.dep_ in {"acl", "relcl"}):  # "an IED planted by militants"
        agents.extend(p for a in clause.children if a.dep_ == "agent" for p in _pobjs(a))
        agents.extend(c for c in clause.children if c.dep_ == "nsubj" and clause.dep_ == "relcl")  # "a strike it carried out"
    patients: list[Token] = []
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            agents.extend(_pobjs(child))
        elif child.dep_ == "prep" and child.lower_ in _PATIENT_PREPS:
            patients.extend(_pobjs(child))
    head = trigger.head
    if trigger.dep_ in {"dobj", "pobj"} and head.pos_ in {"VERB", "AUX", "ADP"}:
        verb = head.head if trigger.dep_ == "pobj" else head
        agents.extend(c for c in verb.children if c.dep_ in _AGENT_DEPS)
    if trigger.dep_ == "nsubj" and not any(c.dep_ == "neg" for c in head.children):
        # "the accord does not include ISIS": what a negated verb takes is no side of the event
        patients.extend(c for c in head.children if c.dep_ in _PATIENT_DEPS)
        # "fighting broke out between the 444 Brigade and the Radaa force": the sides hang on the verb
        patients.extend(p for c in head.children if c.dep_ == "prep" and c.lower_ in {"between", "against"}
                        for p in _pobjs(c))
    return agents, patients


def _negated_argument(token: Token, trigger: Token) -> bool:
    """'the accord does not include ISIS': the argument of another, negated verb is no side by word order."""
    verb = token.head
    return verb is not trigger and token.dep_ in {"dobj", "nsubj", "attr"} and verb.pos_ in {"VERB", "AUX"} \
        and any(c.dep_ == "neg" for c in verb.children)


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.n_rights or token.dep_ == "conj":  # conjuncts hang to the right of the first one
            out.extend(token.conjuncts)
    return out


def _mention_of(token: Token, mentions: Sequence[ActorMention]) -> ActorMention | None:
    for mention in mentions:
        if mention.start <= token.i < mention.end or mention.head == token.i:
            return mention
    for child in token.children:  # "the city's defenders": look one level down
        if child.dep_ in {"compound", "poss", "appos"}:
            for mention in mentions:
                if mention.start <= child.i < mention.end:
                    return mention
    # "a joint team of the police and the BSF", "members of the JNIM": the body they belong to, the first named
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and token.pos_ == "NOUN":
            for obj in _pobjs(child):
                for mention in mentions:
                    if mention.start <= obj.i < mention.end or mention.head == obj.i:
                        return mention
    return None


def _is_backer(mention: ActorMention, trigger: Token, backing: frozenset[str]) -> bool:
    """'backed by Russian airstrikes', 'with the backing of Hezbollah': a supporter, not a side."""
    for index, backs in _head_chain(trigger.doc, mention.head, backing):
        if index == trigger.i:
            return False
        if backs:
            return True
    return False


def _head_chain(doc: Doc, start: int, backing: frozenset[str]) -> list[tuple[int, bool]]:
    """A token and up to four heads above it, each with whether it is a backing word; cached on the
    doc, since every trigger of the sentence asks it of every actor mention."""
    def chain() -> list[tuple[int, bool]]:
        found = []
        current = doc[start]
        for _ in range(5):
            found.append((current.i, current.lemma_.lower() in backing or current.lower_ in backing))
            head = current.head  # a new Token each time: compare positions, not objects
            if head.i == current.i:
                break  # the root: nothing above it
            current = head
        return found
    return doc_cached(doc, ("eventdesk.head_chain", start, backing), chain)


_ATTACK_NOUNS = frozenset({"attack", "assault", "raid", "ambush", "offensive", "incursion", "onslaught", "operation",
                           "clash", "gunfight", "firefight", "shootout", "encounter", "fighting", "battle"})


def _the_attack(token: Token) -> bool:
    """'the attack', 'this raid': an attack told before, whose attackers the previous sentence named."""
    return token.lemma_.lower() in _ATTACK_NOUNS and not any(c.dep_ in _NOUN_AGENT_DEPS for c in token.children) \
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)


def _actor_for(tokens: Sequence[Token], mentions: Sequence[ActorMention], excluded: set[int],
               previous: Actor | None, context: ActorContext, *, patient: bool = False) -> Actor | None:
    """The first role token that names an actor (pronouns take the previous sentence's actor)."""
    for token in _with_conjuncts(tokens):
        mention = _mention_of(token, mentions)
        if mention is not None and mention.start not in excluded:
            excluded.add(mention.start)
            return mention.actor
        if (token.lower_ in _PRONOUNS or _the_attack(token)) and previous is not None:
            return previous  # "The attack claimed the lives of 6 traders": the attackers just named
        if context.is_person(token):
            leader = country_in(words_of(token.text))
            if leader:  # "Putin withdrew ...": a leader acts through his state's forces
                return state_actor(leader, year=context.year)
            if patient:
                return civilians_of(context.country)
    return None


def _state_leads(agent: Actor | None, tokens: Sequence[Token], mentions: Sequence[ActorMention],
                 excluded: set[int], *, together: bool = False) -> tuple[Actor | None, list[Actor]]:
    """'Wagner fighters and Russian troops assaulted ...', 'FAMa and Wagner forces took Kidal': a state's
    forces lead the side; the auxiliaries named with them are their associates, not a side of their own.
    Acting together on a target (`together`: 'police and BCL activists opened fire on students'), a
    militia named with the state's forces is their associate too."""
    auxiliary = auxiliary_names()
    if agent is None or not any(m.actor.name in auxiliary or together and m.actor.kind == "militia" for m in mentions):
        return agent, []  # no ally among all the sentence's mentions: no need to read the side from the parse
    heads = _with_conjuncts(tokens)
    heads += _with_conjuncts([c for t in tokens for c in t.children if c.dep_ in {"nmod", "compound"}])
    side = list(dict.fromkeys(m for m in (_mention_of(t, mentions) for t in heads) if m is not None))
    if agent not in [m.actor for m in side]:
        return agent, []
    state = next((m.actor for m in side if m.actor.kind in {"state", "police"}), None)
    allies = [m for m in side if m.actor.name in auxiliary or together and m.actor.kind == "militia"]
    if state is None or not allies:
        return agent, []
    excluded.update(m.start for m in side)
    return state, list(dict.fromkeys(m.actor for m in allies))


# 'fought on the outskirts of', 'clashed on the road to': where it happened, not whom it was done to
_WHERE_NOT_WHOM = frozenset({"outskirts", "edge", "edges", "road", "roads", "highway", "border", "front", "frontline",
                             "side", "sides", "bank", "banks", "hill", "hills", "island", "street", "streets",
                             "way", "periphery", "fringes", "shore", "shores", "coast", "ground", "line", "lines"})


def _has_target(trigger: Token) -> bool:
    """'opened fire on students', 'attacked the camp': the act has a target beside its subjects."""
    return any(c.i > trigger.i and (c.dep_ == "dobj" and c.lower_ != "fire" or c.dep_ == "prep" and c.lower_ in {
        "on", "at", "against", "upon"} and not any(o.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "FAC"}
                                                   or o.lower_ in _WHERE_NOT_WHOM for o in c.children))
        for c in trigger.children)


_SPEECH = frozenset({"say", "tell", "report", "claim", "add", "state", "announce", "confirm", "accuse",
                     "allege", "estimate", "describe", "note", "deny", "insist", "warn"})


def _is_speaker(token: Token) -> bool:
    """The subject of 'said' is the source of a report, not a side of the event it reports."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in _SPEECH


def _speaker(trigger: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """'the Syrian army announced it had retaken ...', 'X said an air strike it carried out killed ...':
    a pronoun in a report is its speaker."""
    clause = trigger if trigger.dep_ == "ccomp" else trigger.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SPEECH and clause is not trigger:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    mention = _mention_of(subject, mentions) if subject is not None else None
    return mention.actor if mention is not None else None


_OTHER_TIME_MARKS = frozenset({"after", "before", "since", "until", "once"})


def _other_time_clauses(trigger: Token) -> Callable[[int], bool]:
    """Whether a token's actors word order must not make sides of the trigger: a clause set at another time
    ('looted the health centre after government troops left the town'), or, for a trigger inside such a
    clause ('fighting broke out between X and Y after the killing of a militia leader'), all outside it."""
    start, end = sentence_bounds(trigger.doc, trigger.i)
    marks = _time_marks(trigger.doc, start, end)
    if not marks:
        return _nowhere  # most sentences set no clause at another time: no test to make
    for inside, marked in marks:
        if trigger.i in inside:
            return lambda i: start <= i < end and i not in inside
    elsewhen = [inside for inside, marked in marks if marked]
    return lambda i: any(i in inside for inside in elsewhen)


def _nowhere(i: int) -> bool:
    return False


def _time_marks(doc: Doc, start: int, end: int) -> list[tuple[tuple[int, ...], bool]]:
    """The token positions of each of the sentence's clauses set at another time ('after government troops
    left', marked True) and of its prepositions of time ('after the killing'), cached on the doc: every
    trigger asks again."""
    def marks() -> list[tuple[tuple[int, ...], bool]]:
        found = []
        for token in sentence_tokens(doc[start:end]):
            marked = token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OTHER_TIME_MARKS
                                                   for c in token.children)
            if marked or token.dep_ == "prep" and token.lower_ in _OTHER_TIME_MARKS:
                found.append((tuple(t.i for t in token.subtree), marked))  # ints: nothing for the gc to trace
        return found
    return doc_cached(doc, ("eventdesk.time_marks", start, end), marks)


def _agent_of_another(token: Token, trigger: Token) -> bool:
    """'bombed a village held by the Arakan Army': who holds the place is the agent of 'held', no side
    of the bombing that word order would make it."""
    if token.dep_ != "pobj" or token.head.dep_ != "agent":
        return False
    verb = token.head.head
    return verb.i != trigger.i and verb not in trigger.conjuncts and verb.dep_ in {"acl", "relcl"}


def _unnamed_accomplices(mention: ActorMention, trigger: Token, agent: Actor | None) -> bool:
    """'an Al Shabaab suicide bomber blew himself up as gunmen opened fire on diners': unnamed armed men
    who act in a clause of a named group's attack are its own men, not whom it attacked."""
    token = trigger.doc[mention.head]
    return agent is not None and agent.kind == "rebel" and mention.actor.kind == "unidentified" \
        and token.dep_ == "nsubj" and token.head.i != trigger.i and token.head.dep_ in {"advcl", "conj"}


def is_passive(verb: Token) -> bool:
    """'was killed', 'were reported killed', 'a man killed by gunmen'."""
    if any(c.dep_ in {"auxpass", "nsubjpass", "agent"} for c in verb.children) or reduced_passive(verb):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in {"xcomp", "oprd", "acl"} and not any(
        c.dep_ in {"nsubj", "dobj"} for c in verb.children)


_STATE_KINDS = frozenset({"state", "police"})
# 'fought them', 'repelled them': a fight told as the answer to an attack named before
_RESPONSES = frozenset({"fight", "repel", "repulse", "engage", "battle", "counter", "resist"})


def _the_others(patients: Sequence[Token], agent: Actor | None, previous: Actor | None) -> bool:
    """'Gunmen stormed the hotel. Security forces fought them through the night': 'them' done to by the
    other side is the armed actor named before (not when the same side acts on 'them', its victims)."""
    return previous is not None and agent is not None and previous != agent \
        and (agent.kind in _STATE_KINDS) != (previous.kind in _STATE_KINDS) \
        and any(t.lower_ == "them" for t in patients)


def roles_of(trigger: Token, mentions: Sequence[ActorMention], *, backing: frozenset[str],
             previous: Actor | None = None, context: ActorContext = ActorContext()) -> Roles:
    """Agent, patient and backers of a trigger, from the parse, then from word order."""
    backers = [m for m in mentions if _is_backer(m, trigger, backing)]
    excluded = {m.start for m in backers}
    sides = [m for m in mentions if m.start not in excluded]
    anchor = trigger
    while anchor.dep_ == "compound" and anchor.head.pos_ in {"NOUN", "PROPN"} and anchor.head.i != anchor.i:
        anchor = anchor.head  # "a US drone strike targeted ...": the roles hang from "strike"
    verbal = anchor.pos_ in {"VERB", "AUX"} or any(
        c.dep_ in {"nsubj", "nsubjpass", "auxpass", "aux", "agent"} for c in anchor.children)
    agents, patients = _verb_roles(anchor) if verbal else _noun_roles(anchor)
    agent = _actor_for(agents, sides, excluded, _speaker(trigger, sides) or previous, context)
    by_occasion = False
    if agent is None and verbal and is_passive(anchor):
        agent = _actor_for(_agents_of_the_occasion(anchor), sides, excluded, None, context)
        by_occasion = agent is not None
    if agent is None and not verbal and _the_attack(anchor) and previous is not None:
        agent = previous  # "... engaged Maoist cadres. The gunfight left 7 dead": the side that engaged
    agent, allies = _state_leads(agent, agents, sides, excluded, together=_has_target(anchor))
    # "a mob of students stoned a classmate": the trigger's own phrase acts, it is not its own target
    own = next((m for m in sides if m.start <= anchor.i < m.end and m.start not in excluded), None)
    passive = is_passive(trigger)
    if own is not None and agent is None and not passive:
        agent = own.actor
        excluded.add(own.start)
    patient = _actor_for(patients, [m for m in sides if m is not own], excluded, None, context, patient=True)
    if patient is None and _the_others(patients, agent, previous):
        patient = previous
        if anchor.lemma_.lower() in _RESPONSES:  # the attackers named before began the fight
            agent, patient = patient, agent
    parsed = (agent is not None) + (patient is not None)
    elsewhen = _other_time_clauses(trigger)
    rest = [m for m in sides if m.start not in excluded and not elsewhen(m.head)
            and not _is_speaker(trigger.doc[m.head]) and not _negated_argument(trigger.doc[m.head], trigger)]
    if agent is None and not passive:
        before = [m for m in rest if m.end <= trigger.i]
        after = [m for m in rest if m.start > trigger.i]
        if before:
            agent = before[-1].actor
            rest = [m for m in rest if m is not before[-1]]
        elif patient is None and len(after) >= 2 and after[0].actor != after[1].actor:
            # "fighting between regime forces and IS" (not "at an army checkpoint, killing 4 soldiers")
            agent = after[0].actor
            rest = after[1:]
    if patient is None:
        after = [m for m in rest if m.start > trigger.i and m.actor != agent
                 and not _unnamed_accomplices(m, trigger, agent)]
        # "bombed a village held by the Arakan Army, killing 6 villagers": who holds the place is the
        # target only when no other actor follows ("attacked a base held by Somali troops")
        after.sort(key=lambda m: _agent_of_another(trigger.doc[m.head], trigger))
        before = [m for m in rest if m.end <= trigger.i and m.actor != agent]
        patient = after[0].actor if after else (before[-1].actor if passive and before else None)
    agent, patient = _default_gang_apart(agent, patient, sides, (agents, patients), trigger, context)
    return Roles(agent, patient, tuple(dict.fromkeys([*allies, *(m.actor for m in backers)])), parsed,
                 by_occasion)


def _default_gang_apart(agent: Actor | None, patient: Actor | None, sides: Sequence[ActorMention],
                        parsed: tuple[Sequence[Token], Sequence[Token]], trigger: Token,
                        context: ActorContext) -> tuple[Actor | None, Actor | None]:
    """'suspected gang members shot dead a member of the Gulf Cartel': the gang a note names most is not
    also the side its unnamed 'gang members' fight; those men are an unidentified gang, on the side the parse
    gives them (`parsed`: the trigger's agent and patient tokens): 'was shot dead by gang members' acts."""
    if agent is None or agent != patient or agent.name != context.gang_default:
        return agent, patient
    unnamed = replace(context, gang_default="")
    defaulted = [m for m in sides if m.actor == agent and normalise_actor(m.text, context=unnamed) != agent]
    if not defaulted or len(defaulted) == len([m for m in sides if m.actor == agent]):
        return agent, patient
    gang = normalise_actor(defaulted[0].text, context=unnamed)
    return (gang, patient) if _acts(defaulted[0], parsed, trigger) else (agent, gang)


def _acts(mention: ActorMention, parsed: tuple[Sequence[Token], Sequence[Token]], trigger: Token) -> bool:
    """Whether a mention is the trigger's agent: one of the parse's agents, not one of its patients, else
    (no parse) the mention before an active verb or after a passive one."""
    agents, patients = parsed
    if any(_mention_of(t, [mention]) is not None for t in _with_conjuncts(agents)):
        return True
    if any(_mention_of(t, [mention]) is not None for t in _with_conjuncts(patients)):
        return False
    return (mention.end <= trigger.i) != is_passive(trigger)
