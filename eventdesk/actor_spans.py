"""Where actor phrases start and end in a parse, and where the table's group names occur.

`left_edge` and `right_edge` grow an actor phrase from its head noun ('the 41st Mechanised Brigade',
'forces loyal to Assad'); `is_head` tells a noun that can end one; `named_spans` finds every
alias or acronym of the table in a sentence. `eventdesk.actors` turns the phrases into actors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from eventdesk.actor_tables import (
    Group, actor_table, actor_table_acronyms, alias_index, aliases_by_first_word, country_in, word_tuple, words_of,
)

ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
BELIEVED = frozenset({"believed", "thought", "suspected", "presumed"})
ORIGIN_LINKS = frozenset({"from", "of"})  # "gunmen from the Hema community", "militiamen of the X clan"
_LEFT_POS = frozenset({"ADJ", "NOUN", "PROPN", "PART", "ADV", "VERB", "AUX", "X"})
RIGHT_LINKS = frozenset({"loyal", "of", "from", "allied", "affiliated", "linked", "belonging"})
_UNIFORMS = frozenset({"uniform", "uniforms", "fatigues"})


def left_edge(tokens: Sequence[Token], head: int, floor: int) -> int:
    """Where the phrase ending at `head` starts: modifiers back to a determiner or number."""
    start = head
    while start - 1 >= floor:
        token = tokens[start - 1]
        if ORDINAL.match(token.lower_):  # "the 41st Mechanised Brigade"
            start -= 1
            continue
        if token.text == ")" and start - 3 >= floor and tokens[start - 3].text == "(" \
                and tokens[start - 2].text.isupper():  # "Karen National Liberation Army (KNLA) troops"
            start -= 3
            continue
        if token.text in {"'", "\u2019"} and token.tag_ == "POS" and start - 2 >= floor:
            start -= 1  # "the Houthis' naval forces": a plural's possessive, as "'s" is a singular's
            continue
        if token.like_num or token.pos_ in {"DET", "NUM", "ADP", "CCONJ", "PRON", "SCONJ"}:
            break
        if token.is_punct and token.text not in {"-", "'s", "\u2019s"}:
            break
        if token.pos_ not in _LEFT_POS and token.text not in {"-"}:
            break
        if token.pos_ == "VERB" and (token.tag_ not in {"VBN", "VBG"} or token.dep_ == "ROOT"
                                     or any(c.dep_ == "nsubj" for c in token.children)):
            break  # "a drone mistakenly bombed villagers": a verb with its own subject ends the phrase
        if token.pos_ == "VERB" and _after_a_clause(tokens, start - 1, floor):
            break  # "looted shops and fought government troops", misparsed: 'fought' acts on the troops
        start -= 1
    return start


def _after_a_clause(tokens: Sequence[Token], i: int, floor: int) -> bool:
    """Whether the verb at `i` follows 'and' or a comma after a noun ('looted shops and fought'): it is
    the next verb of a list of deeds, not a modifier ('armed and masked men' keeps 'masked')."""
    return i - 2 >= floor and (tokens[i - 1].pos_ == "CCONJ" or tokens[i - 1].text == ",") \
        and tokens[i - 2].pos_ in {"NOUN", "PROPN"}


def believed_end(tokens: Sequence[Token], end: int, limit: int) -> int:
    """Where 'suspected to be Fulani militia' after a phrase ending at `end` ends: armed men taken for a
    named group or a people's militia are that group's; `end` when no such words follow."""
    if end + 3 < limit and tokens[end].lower_ in BELIEVED and tokens[end + 1].lower_ == "to" \
            and tokens[end + 2].lower_ == "be":
        start = end + 3
        while start < limit and tokens[start].lower_ in _MEMBERSHIP:  # "believed to be from the 3R group"
            start += 1
        stop = _named_run(tokens, start, limit)
        if stop > start:
            return stop
    return end


_MEMBERSHIP = frozenset({"from", "of", "the", "a", "an", "members", "member", "part", "with", "fighters"})


def _named_run(tokens: Sequence[Token], start: int, limit: int) -> int:
    """Where a run of nouns from `start` that holds a group's name ends ('Fulani militia', 'IPOB members'),
    or `start` when it names no group."""
    j = start
    while j < limit and tokens[j].pos_ in {"PROPN", "NOUN", "ADJ"} or j < limit and tokens[j].text in {"/", "-"}:
        j += 1
    words = words_of(" ".join(t.text for t in tokens[start:j]))
    aliases, acronyms = alias_index()
    named = any(tuple(words[a:b]) in aliases for a in range(len(words)) for b in range(a + 1, len(words) + 1)) \
        or any(t.text in acronyms for t in tokens[start:j]) \
        or any(w in actor_table().ethnic for w in words)
    return j if named else start


def right_edge(tokens: Sequence[Token], head: int, limit: int) -> int:
    """Extend 'forces loyal to Assad', 'troops from Lebanon's Hezbollah' to the right."""
    end = head + 1
    if end < limit and tokens[end].lower_ == "in":  # "men in police uniform"
        dress = next((j for j in range(end + 1, min(limit, end + 6)) if tokens[j].lower_ in _UNIFORMS), None)
        if dress is not None:
            return dress + 1
    if end + 3 < limit and tokens[end].lower_ in BELIEVED and tokens[end + 1].lower_ == "to" \
            and tokens[end + 2].lower_ == "be" and country_in(words_of(tokens[end + 3].text)):
        return end + 4  # "a drone believed to be Turkish"
    if (taken_for := believed_end(tokens, end, limit)) > end:
        return taken_for
    if end + 3 < limit and tokens[end].lower_ in BELIEVED and tokens[end + 1].lower_ == "to" \
            and tokens[end + 2].lower_ == "belong" and tokens[end + 3].lower_ == "to":
        end += 2  # "armed men believed to belong to a gang": read on as "belong to"
    if end < limit and (tokens[end].lower_ in RIGHT_LINKS or tokens[end].lower_ == "belong"):
        stop = min(limit, end + 8)
        j = end + 1
        while j < stop and (not tokens[j].is_punct or tokens[j].text in {"-", "'s"}) \
                and tokens[j].pos_ not in {"VERB", "CCONJ"}:
            j += 1
        return j
    return end


def named_spans(tokens: Sequence[Token], base: int, country: str = "") -> list[tuple[int, int, Group]]:
    """Token spans naming a group, longest alias first, without overlaps (only groups whose names hold
    in the article's country: 'KIA' is the Kachin Independence Army in Myanmar alone)."""
    _, acronyms = alias_index(country)
    by_first = aliases_by_first_word(country)
    texts = [token.text for token in tokens]  # read once: a Token's attributes cost a call each time
    words: list[str] = []
    owner: list[int] = []  # token index of each word
    for i, text in enumerate(texts):
        read = word_tuple(text)
        words.extend(read)
        owner.extend([i] * len(read))
    found: list[tuple[int, int, Group]] = []
    w = 0  # the next word a name may start at
    # most words start no alias and are no acronym: only the others are tried, left to right
    for start in [k for k, word in enumerate(words) if word in by_first or texts[owner[k]] in acronyms]:
        if start < w:
            continue  # inside the name just found
        w = start
        aliases = by_first.get(words[w])
        match = next(((alias, group) for alias, group in aliases
                      if tuple(words[w:w + len(alias)]) == alias), None) if aliases else None
        if match is not None and not _is_opposed(tokens, owner[w]):
            first, last = owner[w], owner[w + len(match[0]) - 1]
            found.append((base + first, base + last + 1, match[1]))
            w += len(match[0])
            continue
        text = texts[owner[w]]
        if text in acronyms \
                and (not found or found[-1][1] <= base + owner[w]) and not _is_opposed(tokens, owner[w]):
            found.append((base + owner[w], base + owner[w] + 1, acronyms[text]))
        w += 1
    if not _PLURAL_GROUP_NOUNS.keys().isdisjoint(words):  # a shared head is one of these words
        found = found + _shared_head_names(tokens, base, found, country)
    found = sorted(found)
    return _join_generic(found, tokens, base)


_PLURAL_GROUP_NOUNS = {"cartels": "cartel", "gangs": "gang", "brigades": "brigade", "militias": "militia"}


def _shared_head_names(tokens: Sequence[Token], base: int, found: list[tuple[int, int, Group]],
                       country: str) -> list[tuple[int, int, Group]]:
    """'the Sinaloa and Jalisco cartels': names that share one plural head, each a group the table
    knows as '<name> cartel'."""
    aliases, _ = alias_index(country)
    taken = {i for start, end, _ in found for i in range(start - base, end - base)}
    spans: list[tuple[int, int, Group]] = []
    for i, token in enumerate(tokens):
        single = _PLURAL_GROUP_NOUNS.get(token.lower_)
        if single is None or i < 3 or tokens[i - 2].lower_ != "and":
            continue
        names = [i - 1, i - 3]
        while names[-1] >= 2 and tokens[names[-1] - 1].text == ",":  # "the Gulf, Sinaloa and Jalisco cartels"
            names.append(names[-1] - 2)
        groups = [aliases.get((tokens[j].lower_, single)) for j in names]
        if any(g is None for g in groups) or taken & set(range(names[-1], i + 1)):
            continue
        spans += [(base + j, base + (i + 1 if j == i - 1 else j + 1), g) for j, g in zip(names, groups) if g]
    return spans


def _is_opposed(tokens: Sequence[Token], i: int) -> bool:
    """'an anti-MONUSCO march': a group named as what others oppose is no side of the event."""
    return i >= 2 and tokens[i - 1].text == "-" and tokens[i - 2].lower_ == "anti" or tokens[i].lower_.startswith("anti-")


def _join_generic(found: list[tuple[int, int, Group]], tokens: Sequence[Token],
                  base: int) -> list[tuple[int, int, Group]]:
    """'Taliban gunmen', 'BLA gunmen', 'gunmen of the CJNG': generic armed men named with a group are its men."""
    joined: list[tuple[int, int, Group]] = []
    for start, end, group in found:
        if joined and joined[-1][1] == start and group.name.startswith("Unidentified"):
            joined[-1] = (joined[-1][0], end, joined[-1][2])
        elif joined and joined[-1][2].name.startswith("Unidentified") and not group.name.startswith("Unidentified") \
                and _of_the(tokens[joined[-1][1] - base:start - base]):
            joined[-1] = (joined[-1][0], end, group)
        else:
            joined.append((start, end, group))
    return joined


def _of_the(between: Sequence[Token]) -> bool:
    """'of the', 'from a', 'of': the words that join armed men to the group they belong to."""
    words = [t.lower_ for t in between]
    return bool(words) and words[0] in ORIGIN_LINKS and all(w in {"the", "a", "an"} for w in words[1:]) \
        and len(words) <= 2

@lru_cache(maxsize=1)
def _head_words() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Last words of every head phrase, and the last two words of the longer ones."""
    heads = [h for kind in actor_table().heads.values() for h in kind]
    return frozenset(h[-1] for h in heads), frozenset((h[-2], h[-1]) for h in heads if len(h) >= 2)


_HEAD_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


def is_head(token: Token) -> bool:
    """A noun that can end an actor phrase (the next token does not continue it)."""
    text = token.text
    if not one_head_word(text):  # asked of every word of every sentence: the word first, once per text
        return False
    if token.pos_ not in _HEAD_POS and text not in actor_table_acronyms():
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return not (nxt is not None and (_is_head_word(nxt) or _continues(token, nxt)))


@lru_cache(maxsize=1 << 14)
def one_head_word(text: str) -> bool:
    """Whether a token's text is one word, the last word of a head phrase ('forces', 'militants')."""
    words = word_tuple(text)
    return len(words) == 1 and words[0] in _head_words()[0]


def _is_head_word(token: Token) -> bool:
    """Whether a token is a head noun of any list ("regime forces": "forces" takes over)."""
    return token.pos_ in {"NOUN", "PROPN"} and one_head_word(token.text)


def _continues(token: Token, nxt: Token) -> bool:
    pair = word_tuple(token.text) + word_tuple(nxt.text)  # the words of "<token> <nxt>"
    return len(pair) == 2 and pair in _head_words()[1]
