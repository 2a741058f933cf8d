"""Whom a verb of killing names: its victims, listed, apposed or joined, and who is one more.

"shot dead a combatant, his wife, their daughter and 2 others", "the bodies of a girl and her
grandmother", "killing 9 people in addition to the bomber", "a third died in hospital": the people a
verb's object, subject or list names, for `eventdesk.figures` to count one by one.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventdesk.figures_kinds import kind_words, verb_key

_SELF = frozenset({"himself", "herself"})
# "another soldier died", "3 more died", "a fifth man died": one more than the toll told before.
MORE = frozenset({"another", "more", "further", "additional"})


def victims(verb: Token) -> list[Token]:
    """The patients of a verb: its object or passive subject, with their conjuncts."""
    found = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "obj"}]
    if not found:  # "shot dead a shopkeeper" with 'dead' parsed as a preposition
        found = [o for c in verb.children if c.lower_ == "dead" and c.dep_ == "prep" for o in c.children
                 if o.dep_ == "pobj"]
    if not found and verb_key(verb) == "shoot dead":  # "shot dead a 10-year-old boy" parsed as an adverb or apposition
        found = [c for c in verb.children if c.dep_ in {"npadvmod", "appos"} and c.pos_ == "NOUN" and c.i > verb.i
                 and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children)]
    if not found and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        found = [c for c in verb.head.children if c.dep_ in {"dobj", "nsubjpass"} and c.i > verb.i]
        if not found and verb.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in verb.children):
            found = [c for c in verb.head.children if c.dep_ == "nsubjpass"]  # "a man was caught and killed"
    if not found:  # "lynched and set fire to a classmate": the object the next verb of the pair takes
        found = [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in _set_fire_to(c)]
    found = [o for token in found for o in _whose(token)] or found  # "claiming the lives of two children and a trader"
    found += [b for token in (verb, *found) for b in _besides(token)]
    found += [item for token in found[:1] for item in _comma_list(token)]
    found += [t for t in verb.subtree if t.lower_ in _SELF and t.i > verb.i and t not in found
              and t.doc[max(t.i - 3, 0):t.i].text.lower() == "as well as"]  # "killing 7 people, ..., as well as himself"
    out: list[Token] = []
    for token in found:
        for item in (token, *(t for t in token.conjuncts if t.i > token.i)):
            out.append(item)
            out.extend(_appositive_list(item))
    return list(dict.fromkeys(out))


def _appositive_list(item: Token) -> list[Token]:
    """'Two policemen, a ranger and a worker', 'a shopkeeper, his brother, their nephew and 3 others':
    a list the parser read as apposition (one item hung on the one before), ending in 'and'."""
    chain: list[Token] = []
    for appos in (c for c in item.children if c.dep_ == "appos"):
        while True:
            chain.append(appos)
            if _is_list(appos):
                return chain + [t for t in appos.conjuncts if t.i > appos.i]
            appos = next((c for c in appos.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
            if appos is None:
                break
        chain = []
    return []


def _whose(token: Token) -> list[Token]:
    """'the lives of two children and a trader', 'the bodies of a girl and her grandmother': the
    people named after 'of' (with their conjuncts, added by the caller)."""
    if token.lemma_.lower() not in {"life", "body", "corpse"} or token.tag_ != "NNS" \
            or any(c.dep_ == "nummod" for c in token.children):
        return []
    named = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
             if o.dep_ == "pobj"]
    return named + [c for c in token.conjuncts if c.i > token.i] if named else []  # "... and his grandfather"


def _comma_list(obj: Token) -> list[Token]:
    """'killing himself, the minister Khalil Haqqani and 5 others': the listed person the parser hung
    elsewhere after a comma, when the list ends in 'N others'; a name beside its title stands for it."""
    doc, comma = obj.doc, obj.right_edge.i + 1
    if comma + 1 >= len(doc) or doc[comma].text != "," or doc[comma].sent != obj.sent:
        return []
    item = doc[comma + 1]
    while item.head.i > comma and item.head.left_edge.i > comma and item.head is not item:
        item = item.head  # up to the head of the phrase after the comma
    if item.pos_ not in {"NOUN", "PROPN"} or not any(
            t.lemma_.lower() == "other" and any(c.like_num for c in t.children) for t in item.subtree):
        return []
    name = next((c for c in item.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    return [name or item]


def dead_subjects(verb: Token) -> list[Token]:
    """'Two villagers and a volunteer died': the subject of a verb of dying, with its conjuncts."""
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and found and found[0].lower_ in _RELATIVE_SUBJECTS:
        # "beating an elderly man who later died in hospital": the dying is the antecedent's
        found = [verb.head]
    return found + [t for token in found for t in token.conjuncts if t.i > token.i]


_RELATIVE_SUBJECTS = frozenset({"who", "that", "which"})


def died_after(noun: Token) -> bool:
    """'two traders who later died in hospital': a relative clause of dying on the people counted."""
    dying = kind_words().subject_verbs
    return any(c.dep_ == "relcl" and "killed" in {dying.get(c.lemma_.lower()), dying.get(verb_key(c))}
               and noun in dead_subjects(c) for c in noun.children)


def _set_fire_to(verb: Token) -> list[Token]:
    """The object of a verb, or whom 'set fire to' names."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ != "fire"]
    return objects or [o for t in (verb, *verb.children) for p in t.children if p.dep_ == "prep" and p.lower_ == "to"
                       for o in p.children if o.dep_ == "pobj"]


def _besides(token: Token) -> list[Token]:
    """'killing 9 people in addition to the bomber': the one added beside the verb's object."""
    out: list[Token] = []
    for prep in (c for c in token.children if c.dep_ == "prep"):
        if prep.lower_ == "besides":
            out.extend(o for o in prep.children if o.dep_ == "pobj")
        for noun in (o for o in prep.children if o.dep_ == "pobj" and o.lower_ == "addition"):
            out.extend(o for to in noun.children if to.lower_ == "to" for o in to.children if o.dep_ == "pobj")
    return out


def is_besides(victim: Token) -> bool:
    head = victim.head
    return head.lower_ == "besides" or (head.lower_ == "to" and head.head.lower_ == "addition")


def _is_list(token: Token) -> bool:
    return any(c.dep_ == "cc" for c in token.children) and any(c.dep_ == "conj" for c in token.children)


_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                       "eleventh", "twelfth"})


def ordinal_person(token: Token) -> bool:
    """'2 were shot dead, and a third died in hospital': 'a third' who dies is one more person
    (not 'a third of the dead', a part)."""
    return token.lower_ in _ORDINALS and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children) \
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def one_more(victim: Token) -> bool:
    """'another soldier', 'a fifth man', 'the body of a fourth victim', 'a tenth victim's body': one beyond
    those counted before."""
    def more(token: Token) -> bool:
        return any(c.lower_ in MORE or c.lower_ in _ORDINALS or c.ent_type_ == "ORDINAL" and c.lower_ != "first"
                   for c in token.children)
    start = victim.left_edge.i
    if start >= 3 and victim.doc[start - 1].text == "," and victim.doc[start - 2].lower_ in _ORDINALS \
            and victim.doc[start - 3].lower_ in {"a", "an"}:
        return True  # "A third, a young student, died", parsed with the student alone as the subject
    if victim.lemma_.lower() in {"body", "corpse"}:
        return more(victim) or any(more(o) for p in victim.children if p.dep_ == "prep" and p.lower_ == "of"
                                   for o in p.children if o.dep_ == "pobj") \
            or any(more(c) for c in victim.children if c.dep_ == "poss")
    return more(victim)
