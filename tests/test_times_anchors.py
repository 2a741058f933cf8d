"""Lengths of time counted from an event the article dates ("ten days before the shooting")."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from eventdesk.eval_timeml import sentences_of
from eventdesk.model import Article, Extraction
from eventdesk.nlp import load_nlp
from eventdesk.settings import Options
from eventdesk.times import resolve_times

DCT = dt.date(2016, 3, 23)  # a Wednesday


def _values(text: str) -> dict[str, str]:
    doc = load_nlp(Options().model)(text)
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, published=DCT,
                      published_source="metadata")
    extraction = resolve_times(doc, Extraction(article=article, sentences=sentences_of(doc)), Options())
    return {time.text: time.value for time in extraction.times}


@pytest.mark.parametrize(("text", "expected"), [
    # the event's day in the same phrase
    ("Ten days before the March 6 election, the opposition leader was arrested.",
     {"Ten days": "2016-02-25", "March 6": "2016-03-06"}),
    # the event's day beside its noun elsewhere
    ("Two days after the presidential vote on March 13, the results were still unknown.",
     {"Two days": "2016-03-15", "March 13": "2016-03-13"}),
    ("Sunday's parliamentary vote went smoothly. Two days after the vote, the count was over.",
     {"Sunday": "2016-03-20", "Two days": "2016-03-22"}),
    # the event's own phrase dates it, though the same noun is dated elsewhere too
    ("The talks on Friday broke down. Two days after the talks with the union on March 10, the strike was over.",
     {"Friday": "2016-03-18", "Two days": "2016-03-12", "March 10": "2016-03-10"}),
    # an "-ing" noun dated by its verb's clause, with the clock time told before the length
    ("The doctor was shot dead on March 2 at his home. A jogger saw the car at 6 a.m. ten days before the shooting.",
     {"March 2": "2016-03-02", "6 a.m. ten days": "2016-02-21T06:00"}),
    # an arrest is dated by the clause of its verb
    ("Four students were arrested on March 2. Three days after the arrests, a judge released them.",
     {"March 2": "2016-03-02", "Three days": "2016-03-05"}),
    # so are a meeting and a vote
    ("The two leaders met on March 10. A week before the meeting, the envoy was replaced.",
     {"March 10": "2016-03-10", "A week": "2016-03-03"}),
    ("The senate voted on the budget on March 3. Two days after the vote, the minister quit.",
     {"March 3": "2016-03-03", "Two days": "2016-03-05"}),
])
def test_anchor_to_events_length_from_a_dated_event_is_a_day(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an event the article does not date keeps the relative value, as TimeML does
    ("Apple unveiled the phone two days before the conference.", {"two days": "P2D"}),
    # two days the event might be: none is chosen
    ("Turnout in the March 13 vote was low. He resigned a week after the vote, which was held on March 20.",
     {"March 13": "2016-03-13", "a week": "P1W", "March 20": "2016-03-20"}),
    # a stretch after the event is a length still
    ("The vote was held on March 13. Protests went on for two days after the vote.",
     {"March 13": "2016-03-13", "two days": "P2D"}),
    # another event's day is not this one's
    ("The election, held on March 6, was tense. Two days after the vote, protesters gathered.",
     {"March 6": "2016-03-06", "Two days": "P2D"}),
    # a day a report was made on is not the day of the event it speaks of
    ("The monitors said on March 13 the count had been rigged. Two days after the count, crowds gathered.",
     {"March 13": "2016-03-13", "Two days": "P2D"}),
    # "the election results" name results, not the election the article dates
    ("Turnout in the March 6 election was high. Ten days after the election results were released, riots began.",
     {"March 6": "2016-03-06", "Ten days": "P10D"}),
    # the regional vote is not the national one
    ("The regional vote on March 13 went smoothly. A week after the national vote, the coalition fell apart.",
     {"March 13": "2016-03-13", "A week": "P1W"}),
    # a verb whose noun names another act: hearing news is no court hearing
    ("She heard the verdict on Monday. Two days before the hearing, her lawyer resigned.",
     {"Monday": "2016-03-21", "Two days": "P2D"}),
    # the noun's own phrase says which shooting: not the one the clause dates
    ("The suspect, who was shot by police on March 5, had bought a gun ten days before the shooting at the school.",
     {"March 5": "2016-03-05", "ten days": "P10D"}),
])
def test_anchor_to_events_undated_or_ambiguous_event_keeps_the_length(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected
