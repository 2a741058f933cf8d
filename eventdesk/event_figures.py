"""Which event each figure belongs to, and the tolls that are no event's own.

A figure joins the event holding its sentence (the nearest violent trigger
first); a short trailing sentence ('3 fatalities.') joins the event before; a
toll told as a running total ('900 have been killed since September') or as
what came before the event joins none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventdesk.event_candidates import Candidate
from eventdesk.event_merge import WEEKDAYS, another_event, background
from eventdesk.event_tolls import VIOLENT_TYPES
from eventdesk.model import Figure, TimeExpr

_TRAILING_FIGURE_TOKENS = 15


def _figure_event(figure: Figure, events: Sequence[Candidate]) -> int | None:
    """The event a figure belongs to: one holding its sentence, the nearest trigger first; a death
    belongs to the fight, not the seizure told beside it, nor the kidnappings the fight came 'after'."""
    holding = [(i, e) for i, e in enumerate(events) if figure.sentence in e.sentences | {e.sentence}]
    if not holding:
        return None
    death = figure.kind == "killed"
    return min(holding, key=lambda p: (death and not _violent(p[1]), p[1].sentence != figure.sentence,
                                       not _violent(p[1]), background(p[1].trigger),
                                       abs(p[1].trigger.idx - figure.start)))[0]


_MET_PROTEST = ("Protests", "Protest with intervention")


def _violent(event: Candidate) -> bool:
    return event.type in VIOLENT_TYPES or event.sub == "Excessive force against protesters"


def assign_figures(figures: Sequence[Figure], events: Sequence[Candidate], doc: Doc,
                   times: Sequence[TimeExpr] = ()) -> tuple[Figure, ...]:
    """Set each figure's event_index; a short trailing sentence ('3 fatalities.') joins the event before.
    `times` are the article's time expressions, which date a toll told as a running total."""
    sentences = list(doc.sents)
    out: list[Figure] = []
    for figure in figures:
        index = _figure_event(figure, events)
        if figure.kind == "killed" and _running_total(doc, figure, times):
            out.append(dataclasses.replace(figure, event_index=None))
            continue
        if index is not None and _told_as_before(doc, figure, events[index]):
            index = None  # "... after a police operation in which a man was killed": an earlier event's toll
        told = [i for i, e in enumerate(events) if e.sentence == figure.sentence - 1
                and (_violent(e) or (e.type, e.sub) == _MET_PROTEST)]
        if index is not None and told and _statement_before_trigger(doc.text, figure, events[index]):
            index = told[-1]  # "17 civilians died; an officer was burned to death the next night": the toll before
            events[index].sentences.add(figure.sentence)
        elif figure.kind == "killed" and (index is None or not _violent(events[index])):
            index = _toll_of_before(figure, events, sentences, index)
        out.append(dataclasses.replace(figure, event_index=index))
    return tuple(out)


def _statement_before_trigger(text: str, figure: Figure, event: Candidate) -> bool:
    """Whether a figure sits in a statement (parted by ';') before the one that holds its event's trigger."""
    trigger = event.trigger
    if trigger.sent.start_char > figure.start or figure.start > trigger.idx:
        return False
    return ";" in text[figure.end:trigger.idx]


def _toll_of_before(figure: Figure, events: Sequence[Candidate], sentences: Sequence[Span],
                    index: int | None) -> int | None:
    """A death told in the sentence after a violent event is its toll when nothing violent is nearer.

    A short trailing sentence ('3 fatalities.') always joins; a longer one ('Two villagers died
    in the firing') joins when the article tells one violent event, and a death beside a
    seizure of weapons ('7 fighters were killed and 3 weapons seized') is the fight's toll.
    """
    if another_event(sentences[figure.sentence]):
        return index  # "9 villagers were killed in a separate attack": not the toll of the event before
    before = [i for i, e in enumerate(events) if 0 < figure.sentence - max(e.sentences) <= 1]
    short = len(sentences[figure.sentence]) <= _TRAILING_FIGURE_TOKENS
    # a protest met by force is where its crowd's dead belong ("... police fired on them. 17 died")
    violent = [i for i, e in enumerate(events) if _violent(e) or (e.type, e.sub) == _MET_PROTEST]
    fallback = [i for i in before if i in violent] if len(violent) == 1 or index is not None else []
    if not fallback and len(violent) > 1 and set(violent) <= set(before):
        # "youths raided cattle camps and herders fought back. 19 died": the toll of what was just told
        fallback = [max(violent, key=lambda i: (events[i].confidence, -i))]
    if short and before:
        fallback = [before[-1]]
    if not fallback:
        return index
    events[fallback[-1]].sentences.add(figure.sentence)
    return fallback[-1]


_SINCE_STARTS = frozenset({"start", "beginning", "outbreak", "onset"})
# Times too wide to be one fight's days: 'since January', 'since 2023', 'this year'.
_PERIOD_PRECISIONS = frozenset({"month", "season", "quarter", "half", "year", "decade", "century"})


def _running_total(doc: Doc, figure: Figure, times: Sequence[TimeExpr]) -> bool:
    """A toll counted since a month, a year or a war's start ('violence has left over 900 dead since
    September', 'more than 900 have been killed since 2023', '... this year'): many events', not this one's.
    A toll since a weekday ('since Sunday') is a fight's of several days, and stays its own."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None:
        return False
    verb = next((t for t in (span.root, *span.root.ancestors) if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False  # a running total is told in the present perfect
    periods = [t for t in times if t.precision in _PERIOD_PRECISIONS and t.type == "DATE"]
    for child in verb.subtree:
        if child.lower_ == "since":
            objects = [t for t in child.subtree if t.i != child.i]
            if any(t.lemma_.lower() in _SINCE_STARTS for t in objects) or _holds_time(objects, periods):
                return True  # "since the start of the war" names no date the time stage reads
            if _holds_time(objects, _days_long_before(times)):
                return True  # "since January 1", "since 1 January 2024": a day that opens a year's count
        if child.head.i == verb.i and child.dep_ == "npadvmod" and _holds_time([child], periods):
            return True  # "... have been killed this year"
    return False


_RUNNING_DAYS = 7  # a toll 'since' a day within a week of the article's latest date is one fight's


def _days_long_before(times: Sequence[TimeExpr]) -> list[TimeExpr]:
    """Dates told to the day, no weekday, more than a week before the article's latest date: 'since
    January 1' opens a running total, 'since Sunday' or 'since 1 March' beside 3 March a fight of days."""
    days = [t for t in times if t.type == "DATE" and t.precision == "day" and t.first is not None]
    latest = max((t.last or t.first for t in times if t.type == "DATE" and t.first is not None), default=None)
    return [t for t in days if latest is not None and (latest - t.first).days > _RUNNING_DAYS  # type: ignore[operator]
            and not WEEKDAYS & set(t.text.lower().replace(",", " ").split())]


def _holds_time(tokens: Sequence[Token], times: Sequence[TimeExpr]) -> bool:
    """Whether one of `times` lies within the characters of `tokens` (a phrase's words, or its head)."""
    if not tokens:
        return False
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return any(start <= t.start and t.end <= end or t.start <= start < t.end for t in times)


_BEFORE_WORDS = frozenset({"after", "since", "following"})  # not "before": "killing 1 before a sniper shot him dead"


def _told_as_before(doc: Doc, figure: Figure, event: Candidate) -> bool:
    """Whether a figure sits in a phrase set before its event ('after an operation in which 2 died')."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None or span.sent.start != event.trigger.sent.start:
        return False
    for ancestor in span.root.ancestors:
        if ancestor.i == event.trigger.i:
            return False
        if event.trigger not in ancestor.subtree and any(
                c.dep_ == "mark" and c.lower_ in _BEFORE_WORDS for c in ancestor.children):
            return True  # "set a police post ablaze after a suspect died in custody"
        marker = ancestor.dep_ in {"prep", "mark"} and ancestor.lower_ in _BEFORE_WORDS
        if marker and event.trigger not in ancestor.subtree and ancestor.head.i in {
                t.i for t in event.trigger.head.subtree} | {event.trigger.i}:
            return True
    return False
