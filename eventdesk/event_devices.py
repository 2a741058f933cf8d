"""Explosive devices and weapons named by trigger words: which of them are events ('a vehicle hit a landmine')
and which are only things handled, left, fired or disrupted ('defused a bomb', 'the mines the militants left
behind', 'dismantled hundreds of bombs').

`eventdesk.event_candidates` asks these before it makes an event of a device or weapon word.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventdesk.event_triggers import Lexicon, matching_triggers, protest_word

_BREAKING_UP = frozenset({"clear", "disperse", "dismantle", "remove", "evict", "raid"})


def object_of_strategic(token: Token, lexicon: Lexicon) -> bool:
    """'dismantled hundreds of bombs': the bombs are what was disrupted, not an explosion."""
    if token.dep_ == "amod" and token.head.pos_ == "NOUN":
        token = token.head  # "defused an explosive device": the adjective names the disrupted device
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if token.dep_ == "compound":  # "destroyed 3 car bombs": the trigger word is the compound's first part
        token = token.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        head = head.head if head.dep_ in {"dobj", "nsubjpass"} else head
    if token.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in _BREAKING_UP and protest_word(token):
        return False  # "police cleared a pro-Palestinian encampment": the protest they ended is the event
    if token.dep_ == "pobj" and token.head.lower_ in {"at", "on", "during"} and protest_word(token) \
            and any(t.role in {"violence", "attack"} for t in matching_triggers(token.head.head, lexicon)):
        return True  # "a gunman opened fire at a political rally": where the attack struck, no protest
    if token.dep_ == "dobj" and head.pos_ == "VERB" and matching_triggers(head, lexicon):
        # "targeted a campaign rally": the rally is the target, not an event of its own; but
        # "a vehicle struck an IED": the device the victim ran into is the event
        return not (ran_into(token, lexicon) or _weapon_used(token, head, lexicon))
    return token.dep_ in {"dobj", "pobj", "conj", "nsubjpass"} and any(
        t.type == "Strategic developments" for t in matching_triggers(head, lexicon)) and head is not token


def idle_device(token: Token, lexicon: Lexicon) -> bool:
    """'the mines the militants left behind', 'leaving behind hundreds of mines': a device left or
    planted, which set nothing off."""
    if token.pos_ != "NOUN" or not is_device(token, lexicon) or ran_into(token, lexicon):
        return False  # "ran over a landmine planted by ISWAP" set it off
    if _handling(token, lexicon):
        return True  # "bomb disposal experts defused a device": the experts' trade, no blast
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in _DEVICE_ACTS:
        return False  # "an IED planted by IS remnants hit an army vehicle": planted, then set off
    idle = lexicon.context["idle_verbs"]
    if any(c.dep_ in {"relcl", "acl"} and (c.lemma_.lower() in idle or any(
            t.type == "Strategic developments" for t in matching_triggers(c, lexicon))) for c in token.children):
        return True  # "the mines the militants left behind", "mines that were cleared"
    while token.dep_ in {"conj", "pobj"} and token.head is not token:
        token = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token.head
        if token.dep_ == "prep":
            return False
    return token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in idle


def _handling(token: Token, lexicon: Lexicon) -> bool:
    """'bomb disposal experts', 'a bomb threat': a device word that only modifies a noun of handling."""
    while token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i != token.i:
        token = token.head
        if token.lower_ in lexicon.context["device_handling"]:
            return True
    return False


_RUN_INTO = frozenset({"hit", "strike", "trigger", "run", "drive", "step"})
_DEVICE_ACTS = frozenset({"hit", "strike", "explode", "detonate", "kill", "wound", "injure", "rip", "tear",
                          "destroy", "damage", "target"})


def is_device(token: Token, lexicon: Lexicon) -> bool:
    """A planted explosive ('an IED', 'a landmine', 'a roadside bomb') named by a trigger word."""
    return any(t.sub == "Remote explosive/landmine/IED" for t in matching_triggers(token, lexicon))


_USE_VERBS = frozenset({"fire", "launch", "drop", "use", "hurl", "throw", "lob", "deploy"})


def _weapon_used(token: Token, head: Token, lexicon: Lexicon) -> bool:
    """'fired MLRS at Nikopol', 'dropped guided bombs on ...': the weapon fired names the event."""
    return head.lemma_.lower() in _USE_VERBS and any(
        t.type == "Explosions/Remote violence" for t in matching_triggers(token, lexicon))


def ran_into(token: Token, lexicon: Lexicon) -> bool:
    """'the vehicle hit a landmine', 'a truck ran over a mine': a device its victim ran into."""
    if not is_device(token, lexicon):
        return False
    if token.dep_ in {"amod", "compound"} and token.head.pos_ == "NOUN":
        token = token.head  # "hit an improvised explosive device"
    verb = token.head
    if token.dep_ == "pobj" and verb.lower_ in {"over", "on", "into", "onto"}:
        verb = verb.head  # "ran over a landmine", "stepped on a mine"
    elif token.dep_ != "dobj":
        return False
    return verb.lemma_.lower() in _RUN_INTO
