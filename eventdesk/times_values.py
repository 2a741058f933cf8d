"""Values and calendar steps the time rules share: what a rule returns and what it may use.

`Resolution` is a normalised TIMEX3 value before its interval is worked out;
`Context` holds the DCT, the tense direction and the day last spoken of. The
helpers pick the year of a bare month, the day of a weekday, the period a unit
names, and write durations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from eventdesk.model import TimeType
from eventdesk.times_calendar import add_months, easter, iso_week_value, nth_weekday, quarter_of
from eventdesk.times_lexicon import Lexicon, lexicon


@dataclass(frozen=True)
class Resolution:
    """A normalised value, before its calendar interval is worked out."""

    value: str
    type: TimeType = "DATE"
    mod: str = ""
    anchored: bool = True
    cut: str = ""  # "before"/"after": "earlier this month" ends at the DCT, "later" starts there


@dataclass(frozen=True)
class Context:
    """What a rule may use: the DCT, the tense direction and the mod read so far."""

    dct: dt.date | None
    direction: int
    financial: bool = False  # the article reports by quarters: "a year ago" is that quarter a year back
    reference: dt.date | None = None  # the day the text last spoke of, for "that day", "the following year"
    reference_precision: str = ""
    # The last day the text spoke of, though coarser times came after it: in "stocks rose on Friday
    # after jobs fell in March ... ending the day at 8,017", the day is still Friday.
    narrative_day: dt.date | None = None
    # The quarter a results report is about, as it names it ("the fiscal first quarter ended Sept. 30"
    # is 1989-Q1): "the quarter", "the latest period" and "a year earlier" mean it, or its year-ago twin.
    quarter: str = ""


class Unanchored(Exception):
    """A relative expression met an article with no DCT."""

    def __init__(self, partial: str = "UNKNOWN") -> None:
        super().__init__(partial)
        self.partial = partial


def narrative_day(ctx: Context) -> dt.date | None:
    """The day the text last spoke of: the reference if it is a day, else the last day before it."""
    if ctx.reference is not None and ctx.reference_precision == "day":
        return ctx.reference
    return ctx.narrative_day


def anchor_day(ctx: Context, partial: str = "UNKNOWN") -> dt.date:
    if ctx.dct is None:
        raise Unanchored(partial)
    return ctx.dct


Rule = Callable[[re.Match[str], Context], Resolution | None]



_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def number_value(words: str, lex: Lexicon) -> float | None:
    """A number written in digits or words ("twenty five", "1,000", "a"); None if not one."""
    words = words.replace(",", "").strip()
    if _DECIMAL.fullmatch(words):
        return float(words)
    if words in lex.numbers:
        return lex.numbers[words]
    total, current = 0.0, 0.0
    for word in words.replace("-", " ").split():
        if word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word in lex.numbers and word not in {"a", "an"}:
            if 10 <= lex.numbers[word] < 100 and current % 100:
                return None  # "twenty thirty", "nineteen twenty": two counts, or a year, not one number
            current += lex.numbers[word]
        elif word != "and":
            return None
    return (total + current) or None


_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}



def _format_amount(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


_SMALLER = {("Y", False): (12, "M", False), ("M", False): (30, "D", False), ("W", False): (7, "D", False),
            ("D", False): (24, "H", True), ("H", True): (60, "M", True), ("M", True): (60, "S", True)}


def duration_value(amount: float | None, unit: str, is_time: bool) -> str:
    """A TIMEX3 duration: `P3W`, `PT5H`, `PXY`, `P2Y6M`; decades and centuries in years."""
    if amount is not None and amount != int(amount) and (unit, is_time) in _SMALLER:
        factor, small, small_time = _SMALLER[(unit, is_time)]
        whole, rest = int(amount), round((amount - int(amount)) * factor)
        head = duration_value(whole, unit, is_time) if whole else ("PT" if is_time else "P")
        tail = f"{rest}{small}"
        return head + ("T" if small_time and not is_time else "") + tail
    if unit == "W2":
        unit, amount = "W", (amount or 1) * 2
    scale = {"DE": 10, "CE": 100, "ML": 1000}.get(unit)
    if scale:
        unit = "Y"
        amount = amount * scale if amount is not None else None
    count = "X" if amount is None else _format_amount(amount)
    return f"PT{count}{unit}" if is_time else f"P{count}{unit}"


def _pick_year(here: dt.date, dct: dt.date, direction: int, *, near: bool = True) -> int:
    """The year, of the three around the DCT's, that puts `here` on the side `direction` says."""
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(here.replace(year=year))
        except ValueError:  # 29 February
            options.append(dt.date(year, here.month, 28))
    if direction < 0:
        coming = min(day for day in options if day >= dct)
        if near and direction == -1 and (coming - dct).days <= NEAR_COMING_DAYS:
            return coming.year
        return max(day for day in options if day <= dct).year
    if direction > 0:
        return min(day for day in options if day >= dct).year
    return min(options, key=lambda day: abs((day - dct).days)).year


# A month named in past-tense reporting ("said the summit is set for April")
# is still the coming one when it is this near: news rarely means a month
# eleven months back without naming its year. TBAQ's months without a year
# lie one month ahead of the DCT 34 times, eleven back never. A completed
# period ("the quarter ended Oct. 31") comes with direction -2 and stays past.
NEAR_COMING_DAYS = 31


def year_for_month(month: int, ctx: Context, day: int | None = None, *, shifted: bool = False) -> int:
    """The year of a month (and day) named without one, by direction from the DCT.

    `shifted` says the direction comes from a word of the expression ("last
    Nov. 10"), which the nearness of the coming month does not override.
    """
    dct = anchor_day(ctx, f"XXXX-{month:02d}")
    here, anchor = (dt.date(2000, month, 1), dct.replace(day=1)) if day is None else (
        dt.date(2000, month, min(day, 29)), dct)
    if shifted:
        return _pick_year(here, anchor, ctx.direction, near=False)
    return _pick_year(here, anchor, ctx.direction)


def weekday_date(weekday: int, ctx: Context, *, shift: str = "") -> dt.date:
    """The day a weekday name points to: the DCT itself, the one before, or the one after."""
    dct = anchor_day(ctx, f"XXXX-WXX-{weekday}")
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if shift == "last":
        return dct - dt.timedelta(days=back or 7)
    if shift in {"next", "coming"}:
        return dct + dt.timedelta(days=ahead or 7)
    if shift == "this":
        monday = dct - dt.timedelta(days=dct.isoweekday() - 1)
        return monday + dt.timedelta(days=weekday - 1)
    if ctx.direction > 0 and ahead:
        return dct + dt.timedelta(days=ahead)
    if ctx.direction == 0 and 0 < ahead < back - NEAR_FUTURE_MARGIN:
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)


# With no tense to go by, a weekday is the past one unless the coming one is
# this much nearer: news mostly reports what has happened.
NEAR_FUTURE_MARGIN = 3


def shift_of(word: str | None) -> int:
    if word in {"last", "past", "previous", "prior", "preceding"}:
        return -1
    if word in {"next", "coming", "following", "upcoming"}:
        return 1
    return 0


def period_value(unit: str, day: dt.date, delta: int) -> str:
    """The value of the calendar unit holding `day`, moved `delta` units."""
    if unit == "D":
        return (day + dt.timedelta(days=delta)).isoformat()
    if unit in {"W", "WE"}:
        week = iso_week_value(day + dt.timedelta(weeks=delta))
        return week + "-WE" if unit == "WE" else week
    if unit == "M":
        year, month = add_months(day.year, day.month, delta)
        return f"{year}-{month:02d}"
    if unit == "Q":
        index = day.year * 4 + quarter_of(day) - 1 + delta
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "Y":
        return str(day.year + delta)
    if unit == "DE":
        return str(day.year // 10 + delta)
    if unit == "CE":
        return str(day.year // 100 + delta)
    raise ValueError(f"no calendar period for unit {unit!r}")


def reported_quarter(dct: dt.date, named: str = "") -> str:
    """The quarter a business report means by "the quarter": the one it named as its own, else the
    one just ended, early in a quarter."""
    if named:
        return named
    start_month = (quarter_of(dct) - 1) * 3 + 1
    in_quarter = (dct - dt.date(dct.year, start_month, 1)).days
    return period_value("Q", dct, -1 if in_quarter < 45 else 0)


def ago_value(amount: float, unit: str, dct: dt.date, sign: int) -> str:
    """The period `amount` units before (sign -1) or after (+1) the DCT, at that unit's precision."""
    steps = int(round(amount)) * sign
    if unit == "D":
        return (dct + dt.timedelta(days=steps)).isoformat()
    if unit in {"W", "W2"}:
        return iso_week_value(dct + dt.timedelta(weeks=steps * (2 if unit == "W2" else 1)))
    if unit == "DE":
        return str((dct.year + steps * 10) // 10)
    if unit == "CE":
        return str((dct.year + steps * 100) // 100)
    if unit == "Q":
        return period_value("Q", dct, steps)
    return period_value(unit if unit in {"M", "Y"} else "D", dct, steps)


def with_mod(resolution: Resolution | None, mod: str) -> Resolution | None:
    """The resolution with a mod added unless it has one."""
    if resolution is None or not mod or resolution.mod:
        return resolution
    return replace(resolution, mod=mod)



def date_value(value: str) -> Resolution:
    """A DATE resolution of a value."""
    return Resolution(value=value)


def holiday_date(name: str, year: int) -> dt.date:
    """The day a named holiday falls on in a year."""
    rule = lexicon().holidays[name]
    if rule[0] == "easter":
        return easter(year) + dt.timedelta(days=rule[1])
    if len(rule) == 2:
        return dt.date(year, rule[0], rule[1])
    return nth_weekday(year, rule[0], rule[1], rule[2])
