"""Whose fighters a figure counts: every warring side's ('20 combatants from both sides'), or the side that
says it lost them ('the army said it lost 5 soldiers').

The words of places with two sides and of a side's own report live in `data/numbers_kinds.toml` ([sides]);
`eventdesk.figures` reads the figures these help to tell.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventdesk.figures_kinds import ARMED_PERSONS, kind_words

_SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
_ALL_SIDES = frozenset({"both", "either", "two", "all"})
# What a count of every side's fighters says it counts, after its noun ("combatants on both sides").
BOTH_SIDES = "on both sides"


def on_all_sides(anchor: Token) -> bool:
    """'combatants from both sides', 'fighters on either side', 'members of the two sides'; not the sides of a
    border or a river for others than fighters ('10 civilians on both sides of the border'), which are places,
    not the warring sides. Fighters on both sides of a front line or a border are the warring sides' ('20
    fighters on both sides of the front line', '6 soldiers on both sides of the Line of Control')."""
    fighters = anchor.lemma_.lower() in ARMED_PERSONS
    return any(p.dep_ == "prep" and p.lower_ in {"from", "on", "of"} and any(
        o.lemma_.lower() == "side" and any(d.lower_ in _ALL_SIDES for d in o.children)
        and (fighters or not _sides_of_a_place(o)) for o in p.children) for p in anchor.children)


def _sides_of_a_place(side: Token) -> bool:
    """'both sides of the border', 'either side of the river': sides of a place, not of a fight."""
    divides = kind_words().divides
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(o.lemma_.lower() in divides for o in p.children)
               for p in side.children)


def told_of_all_sides(anchor: Token, tokens: Span) -> bool:
    """'combatants from both sides', or the dead or fighters a verb leaves on both sides ('left 20 dead on both
    sides'); the civilians a shelling kills 'on both sides of the border' are no fighters."""
    word = anchor.head if anchor.i < tokens.end and anchor.dep_ in {"nummod", "npadvmod"} else anchor
    if on_all_sides(word):
        return True
    fighters = word.pos_ not in {"NOUN", "PROPN"} or word.lemma_.lower() in ARMED_PERSONS
    return fighters and word.dep_ in {"dobj", "oprd"} and on_all_sides(word.head)


def beside_all_sides(anchor: Token) -> Token | None:
    """'killed 14 fighters from both sides and 3 civilians': the parser joins the civilians to 'sides';
    the noun that 'from both sides' follows says what happened to them too."""
    side = anchor.head
    if anchor.dep_ != "conj" or side.lemma_.lower() != "side" or side.dep_ != "pobj":
        return None
    if not any(d.lower_ in _ALL_SIDES for d in side.children) or side.head.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return side.head.head


def loser(anchor: Token) -> str:
    """'Fano said it lost 5 members', 'the army lost 3 of its men', 'the army said four of its men were killed':
    whose members a loss counts, named by the subject of 'lose' (or, for 'it', by the subject of the verb
    reporting it), or by the side that reports its own men's deaths."""
    if anchor.lemma_.lower() not in ARMED_PERSONS:
        return ""
    object_ = anchor.head.head if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" else anchor
    verb = object_.head
    if object_.dep_ == "dobj" and verb.lemma_.lower() == "lose":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in _SPEAKER_PRONOUNS and verb.dep_ in {"ccomp", "conj"}:
            # "the army said ... and it lost four men", parsed as a second verb beside 'said': its subject
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    elif any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in anchor.children):
        saying = next((a for a in list(anchor.ancestors)[:5] if a.lemma_.lower() in kind_words().own_saying), None)
        subject = next((c for c in saying.children if c.dep_ == "nsubj"), None) if saying is not None else None
    else:
        return ""
    if subject is None or subject.pos_ == "PRON":
        return ""
    return subject.doc[subject.left_edge.i:subject.i + 1].text
