"""Calendar arithmetic for the times stage: TIMEX3 values to intervals and back.

A DATE value names a calendar period (`2016`, `2016-03`, `2016-W12`,
`2016-Q1`, `2015-FA`, `201` for the 2010s, `2016-03-27T10:30`); this module
turns such a value into its first and last day and its precision, and does the
shifting the resolver needs (a month back, a week forward).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from eventdesk.model import Precision

# Northern-hemisphere meteorological seasons: first month and the year offset of
# winter's last months (winter 2015 runs December 2015 to February 2016).
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                   6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}

_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?"
    r"|W(?P<week>\d{1,2})(?:-(?P<wday>\d))?(?P<we>-WE)?|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|(?P<season>SP|SU|FA|WI)))?(?P<time>T.*)?$"
)
_DECADE = re.compile(r"^(?P<digits>\d{2,3})$")


@dataclass(frozen=True)
class Interval:
    """The calendar days a DATE value covers, and how precise it is."""

    first: dt.date
    last: dt.date
    precision: Precision


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) `delta` months after the given one."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week_value(day: dt.date) -> str:
    """The ISO week of a day as a TIMEX3 value, e.g. `2016-W12`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    """The calendar quarter (1-4) of a day."""
    return (day.month - 1) // 3 + 1


def season_value(day: dt.date) -> str:
    """The season holding a day, e.g. `2015-WI` for 2016-01-10."""
    season = SEASON_OF_MONTH[day.month]
    year = day.year - 1 if day.month in (1, 2) else day.year
    return f"{year}-{season}"


def shift_season(year: int, season: str, delta: int) -> tuple[int, str]:
    """The season `delta` seasons after (year, season)."""
    order = ["SP", "SU", "FA", "WI"]
    index = year * 4 + order.index(season) + delta
    return index // 4, order[index % 4]


def _week_interval(year: int, week: int, weekend: bool) -> Interval | None:
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    if weekend:
        return Interval(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "weekend")
    return Interval(monday, monday + dt.timedelta(days=6), "week")


def _period_interval(year: int, parts: dict[str, str | None]) -> Interval | None:
    """The interval of a value below year level that is not a plain month or day."""
    if parts["week"]:
        if parts["wday"]:
            week = _week_interval(year, int(parts["week"]), False)
            return week and Interval(week.first + dt.timedelta(days=int(parts["wday"]) - 1),
                                     week.first + dt.timedelta(days=int(parts["wday"]) - 1), "day")
        return _week_interval(year, int(parts["week"]), bool(parts["we"]))
    if parts["quarter"]:
        first_month = (int(parts["quarter"]) - 1) * 3 + 1
        return Interval(dt.date(year, first_month, 1), month_end(year, first_month + 2), "quarter")
    if parts["half"]:
        first_month = 1 if parts["half"] == "1" else 7
        return Interval(dt.date(year, first_month, 1), month_end(year, first_month + 5), "half")
    if parts["season"]:
        start_year, start_month = year, SEASON_MONTHS[parts["season"]]
        end_year, end_month = add_months(start_year, start_month, 2)
        return Interval(dt.date(start_year, start_month, 1), month_end(end_year, end_month), "season")
    return None


_CLOCK_PRECISION = re.compile(r"^T\d{2}(?P<minute>:\d{2})?(?P<second>:\d{2})?")


def _time_precision(time: str) -> Precision:
    match = _CLOCK_PRECISION.match(time)
    if match is None:
        return "day"
    return "second" if match["second"] else "minute" if match["minute"] else "hour"


def interval_of(value: str) -> Interval | None:
    """The calendar interval a TIMEX3 DATE/TIME value names; None if it names none."""
    decade = _DECADE.match(value)
    if decade:
        digits = decade["digits"]
        width = 10 if len(digits) == 3 else 100
        first_year = int(digits) * width
        return Interval(dt.date(max(first_year, 1), 1, 1), dt.date(first_year + width - 1, 12, 31),
                        "decade" if width == 10 else "century")
    match = _VALUE.match(value)
    if match is None:
        return None
    parts = match.groupdict()
    year = int(parts["year"])
    try:
        if parts["day"]:
            day = dt.date(year, int(parts["month"] or 0), int(parts["day"]))
            return Interval(day, day, _time_precision(parts["time"] or ""))
        if parts["month"]:
            month = int(parts["month"])
            return Interval(dt.date(year, month, 1), month_end(year, month), "month")
        if any(parts[key] for key in ("week", "quarter", "half", "season")):
            return _period_interval(year, parts)
        return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    except ValueError:
        return None


def narrow(interval: Interval, mod: str, *, until: dt.date | None = None) -> Interval:
    """The part of an interval a position mod names: START/MID/END thirds; `until` cuts it at a day."""
    first, last = interval.first, interval.last
    span = (last - first).days + 1
    if span >= 3 and mod in {"START", "MID", "END"}:
        # Cut at the thirds, rounded, so the last third of February 2016 is the 20th to the 29th.
        one, two = round(span / 3), round(2 * span / 3)
        offsets = {"START": (0, one - 1), "MID": (one, two - 1), "END": (two, span - 1)}[mod]
        first, last = first + dt.timedelta(days=offsets[0]), first + dt.timedelta(days=offsets[1])
    if until is not None and first <= until < last:
        last = until
    return Interval(first, last, interval.precision)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return dt.date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ISO weekday (1 = Monday) of a month; n = -1 the last; n = 0 the US election-day rule."""
    if n == 0:  # the Tuesday after the first Monday
        return nth_weekday(year, month, 1, 1) + dt.timedelta(days=1)
    if n < 0:
        last = month_end(year, month)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
