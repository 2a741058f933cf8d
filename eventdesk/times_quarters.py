"""Quarters of results reports: fiscal names, "the quarter ended July 31", "that quarter".

A company's report names its quarters in its fiscal year ("the fiscal third quarter ended
Jan. 31"); TimeBank keeps the fiscal name as the value, in the year the quarter ended, and
reads a later "the quarter" or "a year earlier" against the quarter the report is about.
The times stage keeps a `QuarterMemory` per article and asks this module what each
quarter-like expression means.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from eventdesk.times_calendar import Interval, add_months, interval_of
from eventdesk.times_normalise import Resolution, normalise_expression
from eventdesk.times_spans import Candidate

__all__ = ["QuarterMemory", "compares_quarters", "fiscal_quarter_interval", "quarter_ended",
           "speaks_of_quarters", "track_quarter"]

_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ORDINAL = re.compile(r"(?i)\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\b")
_ENDED_DATE = re.compile(r"\s+(?:that |which )?(?:ended|ending)\s+(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)")
_THAT_QUARTER = re.compile(r"(?i)(?:that|the same) quarter")
_OWN_QUARTER_DAYS = 183  # a results report comes out within half a year of its quarter's end
_FISCAL = re.compile(r"(?i)\bfiscal\b")
_QUARTER = re.compile(r"\bquarter(?!-century| of (?:a|an|the|its|their)\b)", re.IGNORECASE)
_LONGER_PERIOD = re.compile(r"\b(?:nine|six)[ -]months?\b|\bfirst half\b|\b(?:fiscal|full|the) year\b(?!-)", re.IGNORECASE)


@dataclass
class QuarterMemory:
    """The quarters an article has named so far, carried from one expression to the next."""

    own: str = ""  # the quarter a results report names as its own: "the fiscal first quarter"
    fiscal: bool = False  # whether that quarter was named in fiscal terms
    last: str = ""  # the last quarter named, as named, for "that quarter"


def speaks_of_quarters(text: str) -> bool:
    """Whether an article names a quarter (of a year, not "a quarter of its staff"): a results report."""
    return _QUARTER.search(text) is not None


def compares_quarters(sentence: str) -> bool:
    """Whether a results report's sentence compares quarters: one about nine months or the year
    ("nine-month profit rose from a year earlier") compares years, unless it names a quarter too."""
    return not (_LONGER_PERIOD.search(sentence) and not _QUARTER.search(sentence))


def quarter_ended(resolution: Resolution, full: str, candidate: Candidate, dct: dt.date | None) -> Resolution:
    """"The quarter ended July 31": the calendar quarter holding most of the three months up to that day."""
    ended = _ENDED_DATE.match(full, candidate.end)
    if ended is None or not _QUARTER_VALUE.fullmatch(resolution.value):
        return resolution
    day = normalise_expression(ended["date"], dct=dct, direction=-2).value
    if not _DAY_VALUE.fullmatch(day):
        return resolution
    if _ORDINAL.search(full[candidate.start:candidate.end]):
        # "The fiscal third quarter ended Jan. 31" keeps its fiscal name, in the year it ended.
        return dataclasses.replace(resolution, value=f"{day[:4]}{resolution.value[4:]}")
    middle = dt.date.fromisoformat(day) - dt.timedelta(days=45)
    return dataclasses.replace(resolution, value=f"{middle.year}-Q{(middle.month - 1) // 3 + 1}")


def _own_quarter(resolution: Resolution, full: str, candidate: Candidate, dct: dt.date | None,
                 direction: int) -> tuple[str, bool]:
    """The quarter a results report names as its own, which its later "the quarter" and "a year earlier"
    mean: a fiscal one in its fiscal name ("the fiscal first quarter", "its fourth quarter ended Sept. 30"),
    unless it is past: ended more than half a year before the DCT, or named for a year before the DCT's
    where its end is not given (the year-ago quarter it compares); else a calendar quarter that ended in the
    half year before the DCT ("third-quarter profit" told in March); "" for any other expression. The flag
    says the quarter is a fiscal one, which a roundup's calendar quarter named before it gives way to."""
    text = full[max(0, candidate.start - 8):candidate.end]
    if not _QUARTER_VALUE.fullmatch(resolution.value) or not _ORDINAL.search(text) or dct is None:
        return "", False
    if _FISCAL.search(text) or _ENDED_DATE.match(full, candidate.end):
        # "the fiscal second quarter ended Dec. 31" told in January: its end, where given, says whether it
        # is past; a fiscal name alone gives no calendar end, only its year
        ended = fiscal_quarter_interval(resolution, full, candidate)
        past = ended.last <= dct - dt.timedelta(days=_OWN_QUARTER_DAYS) if ended is not None \
            else int(resolution.value[:4]) < dct.year
        return ("" if past else resolution.value), True
    interval = interval_of(resolution.value)
    if interval is not None and direction < 0 and interval.first <= dct <= interval.last:
        # "attributed its fourth-quarter slump" told in November: a quarter told as past that the calendar
        # has not yet ended is a fiscal one
        return resolution.value, True
    recent = interval is not None and dct - dt.timedelta(days=_OWN_QUARTER_DAYS) < interval.last < dct
    return (resolution.value if recent else ""), False


def fiscal_quarter_interval(resolution: Resolution, full: str, candidate: Candidate) -> Interval | None:
    """"The fiscal third quarter ended Jan. 31": the three months up to that day, whatever the fiscal name."""
    ended = _ENDED_DATE.match(full, candidate.end)
    if ended is None or not _QUARTER_VALUE.fullmatch(resolution.value) \
            or not _ORDINAL.search(full[candidate.start:candidate.end]):
        return None
    day = normalise_expression(ended["date"], dct=None).value
    if not _DAY_VALUE.fullmatch(day):
        year = resolution.value[:4]
        day = normalise_expression(f"{ended['date']}, {year}", dct=None).value
    if not _DAY_VALUE.fullmatch(day):
        return None
    last = dt.date.fromisoformat(day)
    year, month = add_months(last.year, last.month, -2)
    return Interval(first=dt.date(year, month, 1), last=last, precision="quarter")


def track_quarter(resolution: Resolution, full: str, candidate: Candidate, memory: QuarterMemory, *,
                  dct: dt.date | None, direction: int) -> Resolution:
    """"That quarter" as the quarter last named, in its name ("the second quarter ended Oct. 31 ... results
    for that quarter"); the quarter named and the report's own quarter are kept for what follows."""
    if _THAT_QUARTER.fullmatch(full, candidate.start, candidate.end) and memory.last:
        resolution = dataclasses.replace(resolution, value=memory.last)
    if _QUARTER_VALUE.fullmatch(resolution.value):
        memory.last = resolution.value
    own, fiscal = _own_quarter(resolution, full, candidate, dct, direction)
    if own and (not memory.own or (fiscal and not memory.fiscal)):
        memory.own, memory.fiscal = own, fiscal
    return resolution
