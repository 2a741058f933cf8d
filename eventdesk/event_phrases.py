"""What a sentence's words say around an event trigger: its lexicon entries, its phrases, its clauses.

`triggers_at` is `matching_triggers` (itself found once per token of a parse) with the words no entry
is keyed by spared the match; `has_phrase` tests
a sentence or clause for a phrase of the lexicon; `own_clause` is a trigger's sentence without the
clauses set at another time. `eventdesk.event_candidates` builds its candidates with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from eventdesk.event_triggers import Trigger, event_lexicon, grievance, lemma_of, matching_triggers
from eventdesk.nlp import doc_cached, sentence_tokens

TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
OTHER_TIME = frozenset({"after", "before", "since", "until", "ago"})


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every word a lexicon entry can be found at: a single word, or a phrase's first or last word."""
    lexicon = event_lexicon()
    return frozenset(lexicon.lemmas) | frozenset(lexicon.by_first) | frozenset(lexicon.by_last)


def may_trigger(token: Token) -> bool:
    """Whether a token's word or lemma is one the lexicon is keyed by: a quick test that spares most words
    of a sentence the full match (which finds nothing for any other word)."""
    words = _trigger_words()
    return token.lower_ in words or lemma_of(token, event_lexicon()) in words


def triggers_at(token: Token) -> tuple[Trigger, ...]:
    """`matching_triggers` of a token, found once per parse; a word no entry is keyed by is spared the match."""
    if not may_trigger(token):
        return ()
    return matching_triggers(token, event_lexicon())


def is_device_at(token: Token) -> bool:
    """`event_devices.is_device` (a planted explosive named by a trigger word) over the parse's entries:
    the device tests (left idle, run into) ask it first, and it is false for nearly every trigger."""
    return any(t.sub == "Remote explosive/landmine/IED" for t in triggers_at(token))


def names_backing(sent: Span) -> bool:
    """Whether a word of the sentence is a backing word ('backed', 'support'): only then can a trigger
    in it be someone's support (`event_triggers.is_support` walks up the trigger's heads for one)."""
    def make() -> bool:
        backing = event_lexicon().context["backing"]
        return any(t.lemma_.lower() in backing for t in sentence_tokens(sent))
    return doc_cached(sent.doc, ("eventdesk.names_backing", sent.start, sent.end), make)


@lru_cache(maxsize=64)
def _by_length(phrases: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
    """A list of phrases as sets of one length each (the lexicon's lists are few and fixed)."""
    lengths = sorted({len(phrase) for phrase in phrases})
    return tuple((n, frozenset(p for p in phrases if len(p) == n)) for n in lengths)


def _phrase_words(tokens: Iterable[Token]) -> tuple[list[str], list[str]]:
    words = [t for t in tokens if t.pos_ != "DET"]
    return [t.lemma_.lower() for t in words], [t.lower_ for t in words]


def has_phrase(sent: Span | Iterable[Token], phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether one of the phrases is written in the sentence, by lemmas or by words, articles skipped."""
    if isinstance(sent, Span):  # a whole sentence is tested for several lists: read its words once
        sequences = doc_cached(sent.doc, ("eventdesk.phrase_words", sent.start, sent.end),
                               lambda: _phrase_words(sentence_tokens(sent)))
    else:
        sequences = _phrase_words(sent)
    for n, wanted in _by_length(tuple(phrases)):
        for seq in sequences:
            if any(tuple(seq[i:i + n]) in wanted for i in range(len(seq) - n + 1)):
                return True
    return False


def own_clause(trigger: Token, sent: Span, *, grievances: bool = False) -> list[Token]:
    """The sentence without the clauses set at another time that do not hold the trigger
    (and, for a protest, without what it is about)."""
    skipped: set[int] = set()
    tokens = sentence_tokens(sent)
    for token in tokens:
        if grievances and grievance(token) and trigger.i not in {t.i for t in token.subtree}:
            skipped |= {t.i for t in token.subtree}
            continue
        earlier = token.dep_ == "prep" and token.lower_ in OTHER_TIME and holds_event(token)
        if earlier or token.dep_ in {"advcl", "relcl", "ccomp", "pcomp"} and other_time(token):
            inside = {t.i for t in token.subtree}
            if trigger.i not in inside:
                skipped |= inside
    return [t for t in tokens if t.i not in skipped]


def other_time(token: Token) -> bool:
    """'..., a week after security forces killed dozens': a clause set at another time
    ('after Friday prayers' is a time of day, not another event)."""
    return any(c.lower_ in OTHER_TIME and (c.dep_ in {"mark", "advmod"} or c.dep_ == "prep" and holds_event(c))
               for c in token.children)


def holds_event(prep: Token) -> bool:
    """Whether a preposition's phrase names an event: a trigger word or a verb."""
    return any(t.pos_ in TRIGGER_POS and triggers_at(t) or t.pos_ == "VERB" for t in prep.subtree if t is not prep)


def sentence_hints(sent: Span) -> frozenset[str]:
    """Sub-types any word of the sentence names, factual or not ('the operation to recapture')."""
    return doc_cached(sent.doc, ("eventdesk.event_hints", sent.start, sent.end), lambda: _hints(sent))


def _hints(sent: Span) -> frozenset[str]:
    subs = {t.sub for token in sentence_tokens(sent) if token.pos_ in TRIGGER_POS for t in triggers_at(token)
            if t.role != "violence"}
    if "Government regains territory" in subs:
        subs.add("Non-state actor overtakes territory")
    return frozenset(subs)
