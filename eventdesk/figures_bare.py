"""Counts told without a noun of their own, and what they count.

"8 soldiers were killed at one post and 6 at the other" (an elided count: the group before it),
"32 bodies were counted; 8 more were found" (more of the same), "8 herders were killed, while the
government said 5" (a bare report of the same count), "the death toll was later put at 21" (a toll's
value), "(coded as 110 for this event)": for `eventdesk.figures` to give each its kind and group.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from eventdesk.figures_kinds import head_kind, noun_kind, verb_kind
from eventdesk.figures_victims import MORE
from eventdesk.model import Figure
from eventdesk.numbers import Amount


def elided_count(sent: Span, tokens: Span, anchor: Token) -> bool:
    """'8 soldiers were killed at one post and 6 at the other', 'killed 9 residents in the first village and
    7 in the second', 'recovered 6 bodies on Monday and 5 more in a ravine': a number with no noun, after
    'and' and before a phrase of place or time, counts what the figure before it counted. A number that is the
    subject of a verb of its own ('and 10 from the same family were abducted') is told by that verb instead,
    unless the verb kills or wounds: then only the fate is its own (`own_fate`)."""
    if anchor.i >= tokens.end or tokens.start - 1 < sent.start or sent.doc[tokens.start - 1].lower_ != "and":
        return False
    if tokens.root.dep_ in {"nsubj", "nsubjpass"} and not own_fate(tokens):
        return False
    rest = [t for t in sent.doc[tokens.end:min(tokens.end + 2, sent.end)] if t.lower_ not in MORE]
    return bool(rest) and rest[0].pos_ == "ADP" and rest[0].lower_ != "of"


def own_fate(tokens: Span) -> str:
    """'Three passengers were killed and 12 in the second bus were wounded': an elided count that is the subject
    of a killing or wounding verb of its own counts the passengers still, but its fate is its verb's."""
    if tokens.root.dep_ not in {"nsubj", "nsubjpass"}:
        return ""
    kind = head_kind(tokens.root)
    return kind if kind in {"killed", "wounded"} else ""


def more_of_the_same(sent: Span, tokens: Span, anchor: Token) -> bool:
    """'8 more were found', '5 more in a ravine': a number with no noun of its own, 'more' after it."""
    return tokens.end < sent.end and sent.doc[tokens.end].lower_ in MORE and (
        anchor.i < tokens.end or anchor.i == tokens.end)


def elided_figure(last: Figure, tokens: Span, amount: Amount, sent: Span) -> Figure:
    """The figure of an elided count: the kind and group of the figure it follows, its own number."""
    more = tokens.end < sent.end and sent.doc[tokens.end].lower_ in MORE
    end = sent.doc[tokens.end].idx + len(sent.doc[tokens.end].text) if more else tokens.end_char
    return dataclasses.replace(last, start=tokens.start_char, end=end, text=sent.doc.text[tokens.start_char:end],
                               kind=own_fate(tokens) or last.kind,  # type: ignore[arg-type]
                               low=amount.low, high=amount.high, vague=amount.vague,
                               qualifier=amount.qualifier if amount.qualifier else "")


_REPORT_VERBS = frozenset({"say", "claim", "report", "put", "estimate", "give", "count", "cite"})


def list_verb_kind(sent: Span, start: int) -> str:
    """What the last verb before 'N others' did to the list it ends: 'killing X, Y and 5 others'."""
    for token in reversed(sent.doc[sent.start:start]):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound"}:  # not 'the acting minister'
            kind = verb_kind(token)
            return kind if kind in {"killed", "wounded"} else ""
    return ""


def bare_report(anchor: Token, tokens: Span) -> bool:
    """A number with no noun that a report governs: 'the government said 5', 'reports ranging from 10 to 30'."""
    if anchor.i >= tokens.end or any(c.pos_ in {"NOUN", "PROPN"} for c in anchor.children):
        return False
    if anchor.dep_ == "pobj" and anchor.head.lower_ in {"from", "between"}:
        return anchor.head.head.lemma_.lower() == "range"
    return anchor.dep_ in {"dobj", "ccomp", "attr", "npadvmod"} and anchor.head.lemma_.lower() in _REPORT_VERBS


def toll_value(anchor: Token) -> bool:
    """'the death toll was later put at 21': the value of a toll, though the tagger took it for a date."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.lower_ not in {"at", "to"} or prep.head.pos_ not in {"VERB", "AUX"}:
        return False
    return head_kind(anchor) == "killed"


def killed_as_them(sent: Span, anchor: Token) -> bool:
    """Whether a later 'killing them' in the sentence names the group just counted."""
    return any(t.lower_ in {"them", "both"} and t.dep_ == "dobj" and verb_kind(t.head) == "killed"
               for t in sent.doc[anchor.i + 1:sent.end])


def coded_as(sent: Span, tokens: Span) -> bool:
    """ACLED's note on its own coding: '(coded as 110 for this event)'."""
    before = sent.doc[max(sent.start, tokens.start - 2):tokens.start]
    return [t.lower_ for t in before] == ["coded", "as"]


def sentence_kind(sent: Span) -> str:
    """'Fatalities were reported, with reports ranging from 10 to 30': deaths named elsewhere in the sentence."""
    return "killed" if any(noun_kind(t) == "killed" or verb_kind(t) == "killed" for t in sent) else ""
