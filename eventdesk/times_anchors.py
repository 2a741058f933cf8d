"""Lengths of time counted from an event the article dates: "ten days before the shooting".

A length followed by "before" or "after" and a named event ("two days after the vote") is a day when the
article gives that event's day: in the same phrase ("ten days before the March 6 election"), beside the
event's noun elsewhere ("the vote on March 20", "Sunday's vote"), or, for an act of violence, arrest,
meeting or vote named by a noun of its verb ("the shooting", times_lexicon.toml [event_verbs]), as the day of a clause of
that verb ("he was shot on Oct. 23"). The length
then becomes that day moved by it, as TimeML anchors it. With no such day, or with two different days,
the length stays a duration.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventdesk.model import TimeExpr
from eventdesk.times_calendar import interval_of
from eventdesk.times_lexicon import lexicon
from eventdesk.times_values import number_value

_LENGTH = re.compile(r"(?i)(?:^|\s)(?P<n>[\w-]+) (?P<unit>days?|weeks?)$")
_STEP = re.compile(r"(?i)\s+(?P<dir>before|after|prior to) the ")
# "for two days after the vote", "in the ten days before it": a stretch of time, not a day counted to
_STRETCH_BEFORE = re.compile(r"(?i)\b(?:for|within|in|over|during|throughout|the|those|these|first|last|past|next)\s+$")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}(?P<clock>T\d{2}:\d{2})")
_NOUN_BEFORE_DAY = r"(?:,? (?:which|that) (?:was|is|will be) (?:held |set |scheduled )?|,? (?:held |set |scheduled )?)?(?:on|of) $"


def _length(full: str, time: TimeExpr) -> tuple[int, str] | None:
    """The days of a length ("ten days", "2 weeks"), and the clock it is told with ("6 a.m. ten days")."""
    match = _LENGTH.search(time.text)
    clock = _CLOCK.match(time.value)
    if match is None or (match.start() > 0 and clock is None) \
            or _STRETCH_BEFORE.search(full, max(0, time.start - 12), time.start):
        return None
    count = number_value(match["n"].lower().replace("-", " "), lexicon())
    if count is None or count != int(count) or count < 1:
        return None
    if not (time.value.startswith("P") and time.type == "DURATION") and clock is None:
        return None
    days = int(count) * (7 if match["unit"].lower().startswith("week") else 1)
    return days, clock["clock"] if clock else ""


def _adjectives(noun: Token) -> frozenset[str]:
    """The adjectives that say which event a noun names: "presidential" of "the presidential vote"."""
    return frozenset(child.lower_ for child in noun.children if child.dep_ == "amod")


def _same_event(doc: Doc, noun: Token, at: int) -> bool:
    """Whether the mention of the noun at a character names the same event: not "the parliamentary vote"
    for "the presidential vote", though either without an adjective may be the other."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return True
    theirs, ours = _adjectives(span[0]), _adjectives(noun)
    return not (theirs and ours and theirs.isdisjoint(ours))


def _days_beside(doc: Doc, noun: Token, times: Sequence[TimeExpr], skip: TimeExpr) -> set[str]:
    """The days written beside the noun elsewhere: "the vote on March 20", "the March 20 vote", "Sunday's vote"."""
    full, word = doc.text, re.escape(noun.lower_)
    days = set()
    for time in times:
        if time is skip or not _DAY.fullmatch(time.value):
            continue
        start = max(0, time.start - len(word) - 60)
        found = re.search(rf"(?i)\bthe (?:[\w-]+ ){{0,2}}(?P<noun>{word}){_NOUN_BEFORE_DAY}", full[start:time.start])
        if found is None:
            # not "said on March 13 the vote had been rigged": a determiner starts another noun phrase
            start = time.end
            found = re.match(rf"(?i)(?:'s)?(?: (?!(?:the|a|an)\b)[\w-]+)? (?P<noun>{word})\b",
                             full[start:time.end + len(word) + 24])
        if found is not None and _same_event(doc, noun, start + found.start("noun")):
            days.add(time.value)
    return days


def _days_of_verb(doc: Doc, noun: Token, times: Sequence[TimeExpr], skip: TimeExpr) -> set[str]:
    """The days of clauses whose verb the noun names: "the shooting" and "he was shot on Oct. 23". Not where
    the noun's own phrase tells which one it is ("the shooting at the mall"), which the clause may not be."""
    verbs = lexicon().event_verbs.get(noun.lemma_.lower(), frozenset())
    if not verbs or any(child.dep_ == "prep" and child.lower_ != "of" for child in noun.children):
        return set()
    days = set()
    for time in times:
        if time is skip or not _DAY.fullmatch(time.value):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        token = span.root if span is not None else None
        for _ in range(3):
            if token is None or token.head.i == token.i:
                break
            token = token.head
            if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
                days.add(time.value)
                break
    return days


def _event_noun(doc: Doc, start: int) -> Token | None:
    """The noun that names the event after "the": "vote" of "the presidential vote", "results" of "the
    election results" (a compound's head, not its modifier)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    token = span[0]
    if token.pos_ != "NOUN" and token.head.pos_ == "NOUN" and 0 < token.head.i - token.i <= 3:
        token = token.head
    while token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i > token.i:
        token = token.head
    return token if token.pos_ == "NOUN" else None


def _days_within(noun: Token, times: Sequence[TimeExpr]) -> set[str] | None:
    """The days the noun's own phrase gives ("the meeting with rebels on March 10"), up to a comma;
    None where it gives no time."""
    end = noun.idx + len(noun)
    for token in noun.doc[noun.i + 1:noun.right_edge.i + 1]:
        if token.is_punct:
            break
        end = token.idx + len(token)
    inside = [time for time in times if noun.idx < time.start and time.end <= end]
    return {time.value for time in inside if _DAY.fullmatch(time.value)} if inside else None


def _days_of_event(doc: Doc, noun: Token, times: Sequence[TimeExpr], skip: TimeExpr) -> set[str]:
    """The days the event the noun names may be on: its own phrase's first, then those given elsewhere."""
    own = _days_within(noun, times)
    if own is not None:
        return own
    return _days_beside(doc, noun, times, skip) | _days_of_verb(doc, noun, times, skip)


def _moved(time: TimeExpr, day: str, days: int, clock: str) -> TimeExpr:
    moved = (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat() + clock
    interval = interval_of(moved)
    return dataclasses.replace(time, value=moved, type="TIME" if clock else "DATE", mod="",
                               precision=interval.precision if interval else "unknown",
                               first=interval.first if interval else None, last=interval.last if interval else None)


def anchor_to_events(doc: Doc, times: Sequence[TimeExpr]) -> tuple[TimeExpr, ...]:
    """Lengths counted from an event the article dates, as that event's day moved by them."""
    full = doc.text
    result = list(times)
    for index, time in enumerate(times):
        length = _length(full, time)
        step = _STEP.match(full, time.end) if length is not None else None
        if length is None or step is None:
            continue
        named = [other for other in times if other.start == step.end()]  # "before the March 6 election"
        if named:
            days = {named[0].value} if _DAY.fullmatch(named[0].value) else set()
        else:
            noun = _event_noun(doc, step.end())
            days = _days_of_event(doc, noun, times, time) if noun else set()
        if len(days) == 1:
            sign = 1 if step["dir"].lower() == "after" else -1
            result[index] = _moved(time, days.pop(), sign * length[0], length[1])
    return tuple(result)
