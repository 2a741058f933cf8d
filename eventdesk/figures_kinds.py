"""What a figure counts: the kind of a number read from the words and the parse around it.

"12 were killed", "killing 12", "a death toll of 12", "12 embraced martyrdom", "Fatalities: 2
soldiers and a civilian": the verb, noun or toll phrase a number hangs from says whether it counts
the killed, wounded, captured, displaced, missing, arrested, strikes or things destroyed. Word
lists live in `data/numbers_kinds.toml`; `eventdesk.figures` finds the numbers and whom they count.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

_MAX_CLIMB = 4
QUANTITY_NOUNS = frozenset({"number", "amount", "total", "toll", "lot", "handful", "majority", "minority",
                            "part", "half", "third", "quarter", "rest", "remainder", "series", "wave"})
ARMED_PERSONS = frozenset({"soldier", "policeman", "officer", "fighter", "militant", "member", "commander",
                           "gunman", "guard", "bomber", "attacker", "assailant", "suspect", "insurgent", "rebel",
                           "jihadist", "ranger", "militiaman", "policewoman", "trooper", "guerrilla", "combatant",
                           "troop", "man", "serviceman", "personnel", "policemen", "men"})
_TOLL_NOUNS = frozenset({"toll", "figure", "tally", "total"})  # "bringing the total to 43"
_TOLL_WORDS = frozenset({"death", "casualty", "total", "overall", "final", "human"})  # "put the total toll at 14"
_TOLL_OBJECT_VERBS = frozenset({"raise", "bring", "revise", "update", "push", "take", "increase", "lift"})
_COLLECTIVE = frozenset({"family", "group", "household", "crew", "team", "band", "party"})


@dataclass(frozen=True)
class KindWords:
    """The word lists that tell what a figure counts."""

    verbs: dict[str, str]  # lemma (or 'verb particle') -> kind
    subject_verbs: dict[str, str]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    toll_verbs: frozenset[str]
    subset: frozenset[str]
    person_nouns: frozenset[str]  # one person each: an age can be theirs, one killed is one dead
    enemy: frozenset[str]
    the_dead: frozenset[str]
    divides: frozenset[str]  # "both sides of the border": a place's sides
    own_saying: frozenset[str]  # "the army said four of its men were killed": a side telling its losses


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {word: kind for kind, words in table.items() for word in words}


@lru_cache(maxsize=1)
def kind_words() -> KindWords:
    """Load the kind lexicon from data/numbers_kinds.toml."""
    text = resources.files("eventdesk.data").joinpath("numbers_kinds.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return KindWords(
        verbs=_invert(data["verbs"]), subject_verbs=_invert(data["subject_verbs"]),
        nouns=_invert(data["nouns"]), adjectives=_invert(data["adjectives"]),
        toll_verbs=frozenset(data["toll_verbs"]["verbs"]), subset=frozenset(data["subset"]["words"]),
        person_nouns=frozenset(data["person_nouns"]["words"] + data["person_nouns"]["titles"]),
        enemy=frozenset(data["enemy"]["words"]), the_dead=frozenset(data["the_dead"]["words"]),
        divides=frozenset(data["sides"]["divides"]), own_saying=frozenset(data["sides"]["own_saying"]),
    )


def verb_key(token: Token) -> str:
    """A verb's lemma with its particle or result word: 'carry out', 'shoot dead', 'kill'."""
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ == "dead" and token.pos_ == "VERB":
        return f"{token.lemma_.lower()} dead"  # "shot dead 2 teachers": the parse hangs 'dead' on the object
    for child in token.children:
        if child.dep_ == "prt" or (child.dep_ in {"acomp", "oprd", "advmod", "xcomp"} and child.lower_ == "dead"):
            return f"{token.lemma_.lower()} {child.lower_}"
        if child.dep_ == "prep" and child.lower_ == "to":
            end = next((g.lower_ for g in child.children if g.lower_ in _TO_ENDS), "")
            if end:  # "beaten to death", "3 terrorists were sent to hell"
                return f"{token.lemma_.lower()} to {end}"
        if child.dep_ == "dobj" and f"{token.lemma_.lower()} {child.lemma_.lower()}" in _idioms():
            return f"{token.lemma_.lower()} {child.lemma_.lower()}"  # "6 soldiers embraced martyrdom"
        if child.dep_ == "dobj" and any(g.lower_ == "dead" and g.i > child.i for g in child.children):
            return f"{token.lemma_.lower()} dead"  # "shot a taxi driver dead": the parse hangs 'dead' on him
    return token.lemma_.lower()


_TO_ENDS = frozenset({"death", "hell"})


@lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    """Verb-object idioms of the lexicon ('embrace martyrdom'), as 'lemma object' keys."""
    words = kind_words()
    return frozenset(k for k in (*words.verbs, *words.subject_verbs) if len(k.split()) == 2
                     and k.split()[1] not in {"dead", "out", "down", "up", "off"})


_ORDERING = frozenset({"order", "vow", "threaten", "plan", "promise", "pledge", "want", "urge", "call", "instruct"})


def verb_kind(token: Token) -> str:
    """The figure kind a verb counts in its object: 'kill' -> killed, '' when none."""
    if _alleged(token):
        return ""  # "lynched 3 men suspected of killing a rider": the rider's death is no toll of this event
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _ORDERING:
        return ""  # "ordered the army to neutralise 22 gangs": a killing ordered or vowed is none yet
    words = kind_words()
    key = verb_key(token)
    return words.verbs.get(key) or words.verbs.get(token.lemma_.lower(), "")


_ALLEGING = frozenset({"suspect", "accuse", "convict", "charge", "blame", "sentence", "jail", "arrest", "detain",
                       "try", "acquit", "indict"})


def _alleged(verb: Token) -> bool:
    """'suspected of killing', 'arrested for murdering': a crime alleged, told as the reason for something else."""
    prep = verb.head
    return verb.dep_ == "pcomp" and prep.lower_ in {"of", "for"} and prep.head.lemma_.lower() in _ALLEGING


def child_kind(token: Token) -> str:
    """A participle or adjective hanging from the counted noun: '12 soldiers killed'."""
    words = kind_words()
    for child in token.children:
        if child.dep_ in {"acl", "amod", "relcl", "oprd", "acomp", "advcl"} and child.i > token.i:
            kind = words.adjectives.get(child.lower_) or verb_kind(child)
            if kind:
                return kind
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in words.adjectives and nxt.dep_ != "amod":
        return words.adjectives[nxt.lower_]
    return ""


def _toll_kind(verb: Token) -> str:
    """'the death toll rose to 30': the subject of a toll verb names the count."""
    if verb.lemma_.lower() not in kind_words().toll_verbs:
        return ""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return noun_kind(child) or _of_kind(child) or next(
                (noun_kind(c) for c in child.children if c.dep_ == "compound" and noun_kind(c)), "")
    return ""  # ("death toll estimates range from 10 to 30": the compound names the count)


def _of_kind(token: Token) -> str:
    """'the number of dead rose to 19': what the quantity noun is a number of."""
    if token.lemma_.lower() not in QUANTITY_NOUNS | {"report", "estimate", "count"}:
        return ""
    return next((noun_kind(o) for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"), "")


def noun_kind(token: Token) -> str:
    """A noun that says what it counts: 'fatalities', 'sorties', 'death toll'."""
    nouns = kind_words().nouns
    compound = " ".join(t.lower_ for t in token.lefts if t.dep_ in {"compound", "amod"})
    if compound and f"{compound} {token.lower_}" in nouns:
        return nouns[f"{compound} {token.lower_}"]
    if token.lemma_.lower() == "loss" and _losing_side(token) and not _counts_things(token):
        return "killed"  # "estimated Houthi losses at about 20": a side's losses in a toll are its dead
    if token.lower_ in _TOLL_NOUNS:  # "put the toll at 5", "put the figure at around 30"
        if any(t.lemma_ in _TOLL_WORDS for t in token.lefts):
            return "killed"
        # "8 people were killed, while the military put the toll at 5", "police put the toll at 100, while
        # residents said 200 had died": the toll of the deaths told beside it
        dying = kind_words().subject_verbs if token.lower_ == "toll" else {}
        return "killed" if any(t.i != token.i and (verb_kind(t) == "killed" or dying.get(t.lemma_.lower()) == "killed"
                                                   or nouns.get(t.lower_) == "killed" and t.lower_ != "toll")
                               for t in _toll_scope(token)) else ""
    return nouns.get(token.lower_, "")


def _losing_side(noun: Token) -> list[Token]:
    """'Houthi losses', 'enemy losses': the side named before a noun of losses (none for 'economic losses')."""
    return [t for t in noun.lefts if t.dep_ in {"compound", "amod", "poss"}
            and (t.ent_type_ in {"NORP", "ORG"} or t.lemma_.lower() in kind_words().enemy)]


def _counts_things(losses: Token) -> bool:
    """'put Russian losses at 40 tanks': the value names what was lost, and it is no one."""
    values = [g for c in losses.head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(v.pos_ == "NOUN" and v.lemma_.lower() not in kind_words().person_nouns | ARMED_PERSONS
               for v in values)


def losses_counted(anchor: Token) -> str:
    """'estimated Houthi losses at about 20': whose losses a toll's value counts ('Houthi'), or ''."""
    if anchor.dep_ != "pobj" or anchor.head.lower_ != "at":
        return ""
    verb = anchor.head.head
    losses = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "loss"), None)
    return " ".join(t.text for t in _losing_side(losses)) if losses is not None else ""


def _toll_scope(toll: Token) -> Span:
    """Where the deaths a toll counts are told: its sentence, and for 'the toll' the one before as well
    ('..., killing 5 people. The Health Ministry later raised the toll to 7')."""
    sent = toll.sent
    if toll.lower_ != "toll" or sent.start == 0:
        return sent
    return toll.doc[toll.doc[sent.start - 1].sent.start:sent.end]


def head_kind(token: Token) -> str:
    """Walk up from the counted noun to the verb or noun that says what it counts."""
    words = kind_words()
    for _ in range(_MAX_CLIMB):
        dep, head = token.dep_, token.head
        if head is token:
            return ""
        if dep in {"nsubj", "nsubjpass"} and any(t.text == ";" for t in token.doc[token.i:head.i]):
            return ""  # "hundreds of insurgents ... entered X; 2 soldiers were killed": no subject across a ';'
        if dep == "appos" and labelled_toll(head):
            return "killed"  # "Fatalities: 2 soldiers and a civilian driver."
        if dep in {"conj", "appos"}:
            if dep == "conj" and head.pos_ == "VERB" and token.pos_ in {"NOUN", "NUM", "PROPN"}:
                return verb_kind(head)  # "killing a couple and their 3 children" with the list hung on the verb
            token = head
            continue
        if dep == "pobj" and head.lower_ in words.subset:
            if head.head.pos_ == "VERB":  # "killing 7 officers, among them 2 generals": the verb's count
                return verb_kind(head.head)
            token = head.head  # "12 people, including 4 children": the part counts what the whole counts
            continue
        if dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _COLLECTIVE | {"total"}:
            token = head.head  # "shot dead a family of five", "a total of 17 soldiers were killed"
            continue
        if dep == "pobj" and head.lower_ == "with" and head.head.lower_ in {"along", "together"}:
            verb = head.head.head  # "2 soldiers were killed, along with 5 militants": counted like the subject
            return verb_kind(verb) if verb.pos_ == "VERB" and is_passive_verb(verb) else ""
        if dep == "pobj":
            prep = head
            head = prep.head
            if head.pos_ in {"NOUN", "PROPN"} and prep.lower_ in {"of", "at"}:
                if head.lemma_.lower() == "loss" and prep.lower_ == "of" and token.lemma_.lower() in ARMED_PERSONS:
                    return "killed"  # "admitted the loss of 3 soldiers": its men lost are its dead
                return noun_kind(head)
            if head.pos_ in {"VERB", "AUX"} and prep.lower_ == "at":
                return _toll_kind(head) or _object_kind(head)  # "sources put the death toll at 9"
            if head.pos_ in {"VERB", "AUX"} and prep.lower_ == "to" and head.lemma_.lower() in _TOLL_OBJECT_VERBS:
                return _toll_kind(head) or _object_kind(head)  # "raising the death toll to 19"
            if head.pos_ in {"VERB", "AUX"}:
                return _toll_kind(head) or (verb_kind(head) if prep.lower_ == "by" else "")
            return ""
        if dep == "dobj" and shot_dead(head):
            return "killed"
        if head.pos_ not in {"VERB", "AUX"}:
            return ""
        if dep == "dobj" and head.lemma_.lower() == "lose" and (token.lemma_.lower() in ARMED_PERSONS or any(
                o.lower_ == "own" or o.lemma_.lower() in ARMED_PERSONS
                for p in token.children if p.lower_ == "of" for o in p.children)):
            return "killed"  # "the army admitted losing 2 soldiers", "lost 3 of their own", "2 of its members"
        if dep == "attr" and _elided(head):
            return verb_kind(head.head) if is_passive_verb(head.head) else ""
        if dep == "dobj" and head.dep_ == "conj" and head.head.pos_ == "VERB" \
                and verb_kind(head.head) in {"killed", "wounded"} \
                and not any(c.dep_ in {"dobj", "nsubjpass"} for c in head.head.children) \
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children):
            # "lynched and burned 3 suspected gang members": the harm done first; not "9 soldiers were
            # killed and the attackers carried off 2 trucks", where each verb has its own subject
            return verb_kind(head.head)
        if dep in {"dobj", "nsubjpass", "obj", "attr"}:
            toll = _toll_kind(head) if dep == "dobj" else ""  # "the number of dead reached 23"
            shared = _shared_passive_kind(head) if dep == "nsubjpass" else ""
            return verb_kind(head) or complement_kind(head) or (toll if toll == "killed" else "") or shared
        if dep == "nsubj" and head.lemma_.lower() == "lose" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in {"life", "lives"} for c in head.children):
            return "killed"  # "eleven civilians lost their lives"
        if dep == "nsubj" and head.lemma_.lower() == "be" and any(
                p.lower_ == "among" and any(noun_kind(o) == "killed" for o in p.children) for p in head.children):
            return "killed"  # "two officers were among the dead"
        if dep == "nsubj" and head.lemma_.lower() in {"do", "be"} and _elided(head, any_pos=True):
            main = head.head  # "12 soldiers died, as did several dozen terrorists": 'did' stands for 'died'
            return words.subject_verbs.get(main.lemma_.lower(), "") or (
                verb_kind(main) if is_passive_verb(main) else "")
        if dep in {"nsubj", "npadvmod"} and head.tag_ == "VBN" and head.dep_ == "conj" and is_passive_verb(head.head) \
                and not any(c.dep_ in {"aux", "auxpass"} for c in head.children):
            return verb_kind(head)  # "28 soldiers were killed and 40 attackers neutralised": 'were' elided
        if dep == "nsubj":
            # "two gunmen shot dead a bodyguard": 'dead' says what became of the object, not of the shooters
            complement = "" if any(c.dep_ == "dobj" for c in head.children) else complement_kind(head)
            return words.subject_verbs.get(verb_key(head), "") or words.subject_verbs.get(
                head.lemma_.lower(), "") or complement or _toll_kind(head) or _suffered_kind(head)
        return ""
    return ""


def _shared_passive_kind(verb: Token) -> str:
    """'9 civilians were caught in the crossfire and killed': a participle joined to the passive verb,
    with no subject of its own, says what happened to the same subject."""
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"):
        if not any(g.dep_ in {"nsubj", "nsubjpass"} for g in conj.children):
            return verb_kind(conj)
    return ""


def labelled_toll(token: Token) -> bool:
    """'Fatalities: 2 soldiers and a civilian': a noun of deaths heading the sentence, a colon after it."""
    return token.dep_ == "ROOT" and token.i + 1 < len(token.doc) and token.nbor(1).text == ":" \
        and noun_kind(token) == "killed"


def shot_dead(token: Token) -> bool:
    """'two men on a motorcycle shot dead a headman': the parser read 'shot' as a noun and 'dead' as the verb."""
    return token.lower_ == "dead" and token.pos_ != "VERB" and token.i > 0 and \
        token.nbor(-1).lower_ in {"shot", "gunned"} and any(c.dep_ == "dobj" for c in token.children)


def _object_kind(verb: Token) -> str:
    """'put the death toll at 9': the verb's object says what the number counts."""
    return next((noun_kind(c) for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} and noun_kind(c)), "")


def _suffered_kind(verb: Token) -> str:
    """'three others suffered injuries': what the subject suffered is what it counts."""
    if verb.lemma_.lower() not in {"suffer", "sustain", "receive"}:
        return ""
    return _object_kind(verb)


def _elided(aux: Token, *, any_pos: bool = False) -> bool:
    """'2 soldiers were killed, as were 3 attackers': 'were' stands for the verb before it."""
    return (any_pos or aux.pos_ == "AUX") and aux.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"as", "so"} for c in aux.children)


def is_passive_verb(verb: Token) -> bool:
    """A verb with a passive auxiliary: 'were killed'."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


_SUBJECT_RUN = frozenset({"CCONJ", "NUM", "NOUN", "PROPN", "ADJ", "AUX", "DET", "PART", "ADV"})


def linear_kind(anchor: Token, sent: Span) -> str:
    """'6 IS members and 4 soldiers were killed' when the parse breaks: the passive verb closing the run."""
    doc = sent.doc
    for token in doc[anchor.i + 1:min(anchor.i + 10, sent.end)]:
        if token.pos_ == "VERB":
            passive = doc[token.i - 1].lower_ in {"were", "was", "been", "be"}
            return (verb_kind(token) if passive else "") or kind_words().subject_verbs.get(token.lemma_.lower(), "")
        if token.pos_ not in _SUBJECT_RUN:
            return ""
    return ""


def complement_kind(verb: Token) -> str:
    """'left 5 dead', '12 were dead': the verb's complement names the count."""
    adjectives = kind_words().adjectives
    for child in verb.children:
        # after the verb: in "2 were killed; 3 others suffered injuries" 'killed' is parsed as a clause of 'suffered'
        if child.dep_ in {"acomp", "oprd", "ccomp", "xcomp", "advmod"} and child.lower_ in adjectives \
                and child.i > verb.i and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in child.children):
            return adjectives[child.lower_]  # not 'reported 3 militants killed and a soldier wounded': his own
    return ""
