"""Normalise one time expression to a TIMEX3 value against the DCT.

`normalise_expression("late last month", dct=2016-03-27, direction=-1)` gives
`2016-02` with mod END. Direction is -1 when the sentence speaks of the past,
+1 of the future, 0 when it cannot tell; it decides which "Saturday" or
"August" is meant. Without a DCT, absolute dates still resolve and relative
ones come back unanchored, in TIMEX3's X-form where one exists (`XXXX-08`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from eventdesk.model import TimeType
from eventdesk.times_calendar import (
    add_months, easter, iso_week_value, nth_weekday, quarter_of, season_value, shift_season,
)
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


class Unanchored(Exception):
    """A relative expression met an article with no DCT."""

    def __init__(self, partial: str = "UNKNOWN") -> None:
        super().__init__(partial)
        self.partial = partial


def _anchor(ctx: Context, partial: str = "UNKNOWN") -> dt.date:
    if ctx.dct is None:
        raise Unanchored(partial)
    return ctx.dct


Rule = Callable[[re.Match[str], Context], Resolution | None]


# ---------------------------------------------------------------- cleaning

_CLEAN_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\u2019\u2018`]"), "'"),
    (re.compile(r"\b([ap])\.\s?m\b\.?"), r"\1m"),
    (re.compile(r"\b([a-z]{3,5})\.(?=\s|$|,)"), r"\1"),  # "Aug." and "Sept." lose the dot
    (re.compile(r"'s\b"), ""),
    (re.compile(r"(?<=[a-z0-9])-(?=[a-z])|(?<=[a-z])-(?=[0-9])"), " "),
    (re.compile(r"(?<=\d)(st|nd|rd|th)\b(?! century)"), ""),
    (re.compile(r"^[\s\"'(\[,.;:]+|[\s\"')\],.;:!?]+$"), ""),
    (re.compile(r"\s+"), " "),
    (re.compile(r"\bthis past\b"), "past"),
)


_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Lower case, uniform punctuation and hyphens, no possessive or stray marks."""
    text = text.lower()
    for pattern, repl in _CLEAN_STEPS:
        text = pattern.sub(repl, text)
    return text.strip()


def number_value(words: str, lex: Lexicon) -> float | None:
    """A number written in digits or words ("twenty five", "1,000", "a"); None if not one."""
    words = words.replace(",", "").strip()
    if _DECIMAL.fullmatch(words):
        return float(words)
    if words in lex.numbers:
        return lex.numbers[words]
    total = 0.0
    for word in words.replace("-", " ").split():
        if word not in lex.numbers or word in {"a", "an"}:
            return None
        total += lex.numbers[word]
    return total or None


# ---------------------------------------------------------------- helpers


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


def _pick_year(here: dt.date, dct: dt.date, direction: int) -> int:
    """The year, of the three around the DCT's, that puts `here` on the side `direction` says."""
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(here.replace(year=year))
        except ValueError:  # 29 February
            options.append(dt.date(year, here.month, 28))
    if direction < 0:
        return max(day for day in options if day <= dct).year
    if direction > 0:
        return min(day for day in options if day >= dct).year
    return min(options, key=lambda day: abs((day - dct).days)).year


def year_for_month(month: int, ctx: Context, day: int | None = None) -> int:
    """The year of a month (and day) named without one, by direction from the DCT."""
    dct = _anchor(ctx, f"XXXX-{month:02d}")
    if day is None:
        return _pick_year(dt.date(2000, month, 1), dct.replace(day=1), ctx.direction)
    return _pick_year(dt.date(2000, month, min(day, 29)), dct, ctx.direction)


def weekday_date(weekday: int, ctx: Context, *, shift: str = "") -> dt.date:
    """The day a weekday name points to: the DCT itself, the one before, or the one after."""
    dct = _anchor(ctx, f"XXXX-WXX-{weekday}")
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
    return dct - dt.timedelta(days=back)


def _shift_of(word: str | None) -> int:
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


def reported_quarter(dct: dt.date) -> str:
    """The quarter a business report means by "the quarter": the one just ended, early in a quarter."""
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


# ---------------------------------------------------------------- rules


def _date(value: str) -> Resolution:
    return Resolution(value=value)


def _rule_fixed(match: re.Match[str], ctx: Context) -> Resolution:
    value, kind = lexicon().fixed[match[0]]
    return Resolution(value=value, type=kind)  # type: ignore[arg-type]


def _rule_iso(match: re.Match[str], ctx: Context) -> Resolution | None:
    year, month, day = match["y"], match["m"], match["d"]
    if len(year) == 2:
        year = ("19" if int(year) > 30 else "20") + year
    try:
        return _date(dt.date(int(year), int(month), int(day)).isoformat())
    except ValueError:
        return None


def _rule_year(match: re.Match[str], ctx: Context) -> Resolution:
    year = match["year"]
    if len(year) == 2:
        year = ("19" if int(year) > 30 else "20") + year
    return _date(year)


def holiday_date(name: str, year: int) -> dt.date:
    """The day a named holiday falls on in a year."""
    rule = lexicon().holidays[name]
    if rule[0] == "easter":
        return easter(year) + dt.timedelta(days=rule[1])
    if len(rule) == 2:
        return dt.date(year, rule[0], rule[1])
    return nth_weekday(year, rule[0], rule[1], rule[2])


def _rule_holiday(match: re.Match[str], ctx: Context) -> Resolution:
    name = match["name"]
    if match["year"]:
        return _date(holiday_date(name, int(match["year"])).isoformat())
    dct = _anchor(ctx)
    direction = _shift_of(match["shift"]) if match["shift"] else ctx.direction
    options = [holiday_date(name, year) for year in (dct.year - 1, dct.year, dct.year + 1)]
    if direction < 0:
        day = max(d for d in options if d <= dct)
    elif direction > 0:
        day = min(d for d in options if d >= dct)
    else:
        day = min(options, key=lambda d: abs((d - dct).days))
    return _date(day.isoformat())


def _rule_spoken_year(match: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    if match["thousand"] is not None:
        rest = number_value(match["rest"], lex) if match["rest"] else 0
        return None if rest is None else _date(str(2000 + int(rest)))
    high, low = number_value(match["high"], lex), number_value(match["low"], lex)
    return None if high is None or low is None else _date(f"{int(high)}{int(low):02d}")


def _rule_month_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    month = lexicon().months[match["month"]]
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None
    if match["year"]:
        year = int(match["year"])
    else:
        shift_words = (match.groupdict().get("shift") or "").split()
        shift = _shift_of(shift_words[-1]) if shift_words else 0
        try:
            year = year_for_month(month, replace(ctx, direction=shift or ctx.direction), day)
        except Unanchored as missing:
            raise Unanchored(f"XXXX-{month:02d}-{day:02d}") from missing
    try:
        return _date(dt.date(year, month, day).isoformat())
    except ValueError:
        return None


def _relative_year(phrase: str | None, ctx: Context) -> int:
    """The year of "last year", "the following year", "this year"."""
    dct = _anchor(ctx)
    words = (phrase or "this year").split()
    return dct.year + _shift_of(words[-2] if len(words) > 1 else words[0])


def _rule_month(match: re.Match[str], ctx: Context) -> Resolution:
    month = lexicon().months[match["month"]]
    if match["year"]:
        return _date(f"{match['year']}-{month:02d}")
    if match["rel"]:
        year = _relative_year(match["rel"], ctx)
        return _date(f"{year}-{month:02d}")
    shift = match["shift"]
    if shift:
        dct = _anchor(ctx, f"XXXX-{month:02d}")
        if shift in {"last", "past", "previous"}:
            year = dct.year if month < dct.month else dct.year - 1
        elif shift in {"next", "coming"}:
            year = dct.year if month > dct.month else dct.year + 1
        else:
            year = dct.year
        return _date(f"{year}-{month:02d}")
    return _date(f"{year_for_month(month, ctx)}-{month:02d}")


def _rule_decade(match: re.Match[str], ctx: Context) -> Resolution:
    century = match["century"]
    if century is None:
        century = "20" if ctx.dct and int(match["decade"]) <= ctx.dct.year % 100 // 10 and ctx.dct.year >= 2000 else "19"
    return _date(f"{century}{match['decade']}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _rule_decade_word(match: re.Match[str], ctx: Context) -> Resolution:
    return _date(f"19{_DECADE_WORDS[match['word']]}")


def _rule_century(match: re.Match[str], ctx: Context) -> Resolution:
    return _date(f"{int(match['n']) - 1:02d}")


def _rule_weekday(match: re.Match[str], ctx: Context) -> Resolution:
    weekday = lexicon().weekdays[match["weekday"]]
    return _date(weekday_date(weekday, ctx, shift=match["shift"] or "").isoformat())


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2, "the day": 0, "this day": 0}
# Days counted from the day the text last spoke of, not from the DCT.
_ANAPHORIC_DAYS = {"the same day": 0, "that same day": 0, "that day": 0, "that very day": 0,
                   "the next day": 1, "the following day": 1, "the day after": 1, "the next morning": 1,
                   "the following morning": 1, "the previous day": -1, "the day before": -1,
                   "the preceding day": -1, "a day later": 1, "a day earlier": -1, "the night before": -1}


def _reference(ctx: Context, finest: set[str]) -> dt.date:
    """The day last spoken of when it is precise enough, else the DCT."""
    if ctx.reference is not None and ctx.reference_precision in finest:
        return ctx.reference
    return _anchor(ctx)


def _rule_anaphoric_day(match: re.Match[str], ctx: Context) -> Resolution:
    day = _reference(ctx, {"day"}) + dt.timedelta(days=_ANAPHORIC_DAYS[match[0]])
    return _date(day.isoformat())


def _rule_day_word(match: re.Match[str], ctx: Context) -> Resolution:
    dct = _anchor(ctx)
    return _date((dct + dt.timedelta(days=_DAY_WORDS[match[0]])).isoformat())


_UNIT_PERIOD = {"week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y",
                "decade": "DE", "century": "CE", "day": "D"}


def _rule_relative_period(match: re.Match[str], ctx: Context) -> Resolution:
    unit = _UNIT_PERIOD[match["unit"]]
    if match["the"] and match["shift"] in {"past", "last", "next", "coming"}:
        return Resolution(value=duration_value(1, unit, False), type="DURATION")
    if match["shift"] in _ANAPHORIC_SHIFTS:
        finest = {"day", "week", "month", "quarter", "season", "year"} if unit == "Y" else {"day", "week", "month"}
        return _date(period_value(unit, _reference(ctx, finest), _shift_of(match["shift"])))
    dct = _anchor(ctx)
    return _date(period_value(unit, dct, _shift_of(match["shift"])))


_ANAPHORIC_SHIFTS = frozenset({"that", "same", "following", "previous", "prior", "preceding"})


def _rule_season(match: re.Match[str], ctx: Context) -> Resolution:
    season = lexicon().seasons[match["season"]]
    if match["year"]:
        return _date(f"{match['year']}-{season}")
    if match["rel"]:
        return _date(f"{_relative_year(match['rel'], ctx)}-{season}")
    dct = _anchor(ctx, f"XXXX-{season}")
    current = season_value(dct)
    year, now = int(current[:4]), current[5:]
    candidate_year = year if season != "WI" or now == "WI" else year
    order = ["SP", "SU", "FA", "WI"]
    ahead = order.index(season) > order.index(now)
    shift = _shift_of(match["shift"]) if match["shift"] else 0
    if shift < 0 or (not match["shift"] and ctx.direction < 0):
        candidate_year = year - 1 if ahead or (shift < 0 and season == now) else year
    elif shift > 0 or (not match["shift"] and ctx.direction > 0):
        candidate_year = year + 1 if not ahead and (shift > 0 or season != now) else year
    return _date(f"{candidate_year}-{season}")


def _amount(match: re.Match[str]) -> float | None:
    """The count of a unit phrase: a number, 1 for a bare singular, None for vague or plural."""
    lex = lexicon()
    groups = match.groupdict()
    words = groups.get("num")
    if words in lex.vague_numbers:
        return None
    if words:
        value = number_value(words, lex)
    else:
        unit_word = match["unit"]
        value = None if unit_word.endswith("s") and len(unit_word) > 3 else 1.0
    if value is None:
        return None
    if groups.get("half") or groups.get("half2"):
        value += 0.5
    if groups.get("frac"):
        top, bottom = groups["frac"].split("/")
        value += int(top) / int(bottom)
    return value


def _rule_ago(match: re.Match[str], ctx: Context) -> Resolution:
    unit, _ = lexicon().units[match["unit"]]
    amount = _amount(match)
    sign = 1 if match["dir"] in {"later", "after", "from now", "hence", "away"} else -1
    if amount is None:
        return Resolution(value="FUTURE_REF" if sign > 0 else "PAST_REF")
    dct = _anchor(ctx)
    if ctx.financial and unit == "Y" and amount == 1 and sign < 0:
        quarter = reported_quarter(dct)
        return _date(f"{int(quarter[:4]) - 1}{quarter[4:]}")
    if unit in {"H", "S"} or lexicon().units[match["unit"]][1]:
        return _date(dct.isoformat())
    return _date(ago_value(amount, unit, dct, sign))


def _rule_duration(match: re.Match[str], ctx: Context) -> Resolution:
    unit, is_time = lexicon().units[match["unit"]]
    if match["range"]:
        return Resolution(value=duration_value(None, unit, is_time), type="DURATION")
    return Resolution(value=duration_value(_amount(match), unit, is_time), type="DURATION")


def _rule_vague_ref(match: re.Match[str], ctx: Context) -> Resolution:
    return Resolution(value="FUTURE_REF" if match["cue"] in {"coming", "next", "future"} else "PAST_REF")


def _year_of(word: str | None, ctx: Context) -> int:
    if word and word.isdigit():
        return int(word)
    return _relative_year(word or "this year", ctx)


def _rule_quarter(match: re.Match[str], ctx: Context) -> Resolution:
    ordinal = lexicon().ordinals[match["ord"]]
    kind = "Q" if match["unit"] == "quarter" else "H"
    count = 4 if kind == "Q" else 2
    ordinal = count if ordinal < 0 else min(ordinal, count)
    if match["year"] or match["year2"]:
        year = _year_of(match["year"] or match["year2"], ctx)
    else:
        dct = _anchor(ctx, f"XXXX-{kind}{ordinal}")
        current = quarter_of(dct) if kind == "Q" else (1 if dct.month <= 6 else 2)
        year = dct.year - 1 if ctx.direction < 0 and ordinal > current else dct.year
    return _date(f"{year}-{kind}{ordinal}")


def _rule_the_quarter(match: re.Match[str], ctx: Context) -> Resolution:
    dct = _anchor(ctx, "XXXX-QX")
    word = match["which"] or ""
    if word in {"this", "current"}:
        return _date(period_value("Q", dct, 0))
    if word in {"last", "previous", "prior", "preceding"}:
        return _date(period_value("Q", dct, -1))
    if word in {"next", "coming"}:
        return _date(period_value("Q", dct, 1))
    return _date(reported_quarter(dct))


def _rule_year_ago_period(match: re.Match[str], ctx: Context) -> Resolution:
    dct = _anchor(ctx)
    quarter = reported_quarter(dct)
    return _date(f"{int(quarter[:4]) - 1}{quarter[4:]}")


def _rule_year_end(match: re.Match[str], ctx: Context) -> Resolution:
    return Resolution(value=str(_anchor(ctx).year), mod="END")


def _rule_generic(match: re.Match[str], ctx: Context) -> Resolution:
    dct = _anchor(ctx)
    if match["unit"] == "weekend":
        # Said on a weekday of something past, "the weekend" is the one just gone.
        back = ctx.direction < 0 and dct.isoweekday() < 6
        return _date(period_value("WE", dct, -1 if back else 0))
    return _date(period_value(_UNIT_PERIOD[match["unit"]], dct, 0))


def _rule_set(match: re.Match[str], ctx: Context) -> Resolution:
    lex = lexicon()
    word = match["what"]
    if word in lex.weekdays:
        value = f"XXXX-WXX-{lex.weekdays[word.rstrip('s')] if word.rstrip('s') in lex.weekdays else lex.weekdays[word]}"
    elif word in lex.months:
        value = f"XXXX-{lex.months[word]:02d}"
    else:
        unit, is_time = lex.units[word]
        value = duration_value(number_value(match["num"], lex) if match["num"] else 1, unit, is_time)
    return Resolution(value=value, type="SET")


# ---------------------------------------------------------------- the rule table


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], Rule], ...]:
    """The patterns, compiled once, each with its rule; the first full match wins."""
    lex = lexicon()
    month, weekday, season = lex.alternation("months"), lex.alternation("weekdays"), lex.alternation("seasons")
    unit, ordinal = lex.alternation("units"), lex.alternation("ordinals")
    word_num = "(?:" + "|".join(re.escape(k) for k in sorted(lex.numbers, key=len, reverse=True)) + ")"
    num = rf"(?:\d[\d,]*(?:\.\d+)?|{word_num}(?: {word_num})?|{lex.alternation('vague_numbers')})"
    rel_year = r"(?:last|this|next|the same|the following|the previous) year"
    year = r"(?:1[5-9]|20)\d\d"
    table: list[tuple[str, Rule]] = [
        ("|".join(re.escape(k) for k in sorted(lex.fixed, key=len, reverse=True)), _rule_fixed),
        (r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2})", _rule_iso_any),
        (r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})", _rule_iso),
        (rf"(?:the )?(?:(?:fiscal|calendar|model|school|the|year) )*(?P<year>{year}|'\d\d)"
         rf"(?: (?:fiscal )?(?:year|period|season|calendar year|first half|second half))?", _rule_year),
        (rf"(?:the year )?(?:(?P<high>nineteen|eighteen|twenty) (?P<low>{word_num}(?: {word_num})?)"
         rf"|two thousand(?P<thousand>(?: and)? (?P<rest>{word_num}(?: {word_num})?)|))", _rule_spoken_year),
        (rf"(?:(?P<shift>last|this|next|this coming|this past|on) )?(?:(?:{weekday}),? )?(?:the )?(?P<month>{month}) (?P<day>\d{{1,2}})(?:,? (?P<year>{year}))?", _rule_month_day),
        (rf"(?:(?:{weekday}),? )?(?:the )?(?P<day>\d{{1,2}}) (?:of )?(?P<month>{month})(?:,? (?P<year>{year}))?", _rule_month_day),
        (rf"(?:(?P<shift>last|this|next|past|coming|previous) )?(?P<month>{month})"
         rf"(?:,? (?:of )?(?:(?P<year>{year})|(?P<rel>{rel_year})))?", _rule_month),
        (rf"(?:the )?(?P<century>1[5-9]|20)?'?(?P<decade>\d)0s", _rule_decade),
        (r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century", _rule_century),
        (rf"(?:(?P<shift>last|this|next|this coming|past|coming) )?(?P<name>{lex.alternation('holidays')})"
         rf"(?:,? (?P<year>{year}))?", _rule_holiday),
        (r"(?:the )?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", _rule_decade_word),
        (rf"(?:(?P<shift>last|next|this|coming|past|on) )?(?P<weekday>{weekday})", _rule_weekday),
        ("|".join(re.escape(k) for k in sorted(_DAY_WORDS, key=len, reverse=True)), _rule_day_word),
        ("|".join(re.escape(k) for k in sorted(_ANAPHORIC_DAYS, key=len, reverse=True)), _rule_anaphoric_day),
        (r"(?P<the>the )?(?P<shift>last|past|previous|prior|preceding|this|current|next|coming|following|same|that)"
         r" (?P<unit>week|weekend|month|quarter|year|decade|century)", _rule_relative_period),
        (rf"(?:the )?(?:(?P<shift>last|this|next|past|coming|previous) )?(?P<season>{season})"
         rf"(?: (?:of )?(?:(?P<year>{year})|(?P<rel>{rel_year})))?", _rule_season),
        (rf"(?:(?P<num>{num})(?P<half> and a half)? )?(?:more |full |long )?(?P<unit>{unit})"
         r" (?P<dir>ago|earlier|before|later|after|from now|hence|away|back)", _rule_ago),
        (rf"(?:(?:the|its|their|a) )?(?:(?:fiscal|calendar) )?(?:(?P<year>{year}|fiscal {year}|{rel_year}) )?(?:fiscal )?"
         rf"(?P<ord>{ordinal})(?: fiscal)? (?P<unit>quarter|half)"
         rf"(?: (?:of )?(?:(?:fiscal )?(?P<year2>{year}|{rel_year})|the year|fiscal))?", _rule_quarter),
        (r"(?:the |this |its )?(?:(?P<which>latest|most recent|recent|current|this|last|previous|prior|preceding|next|coming"
         r"|same|fiscal|comparable|just ended|just completed|latest fiscal) )?(?:fiscal )?(?:quarter|period)",
         _rule_the_quarter),
        (r"(?:the )?(?:comparable |corresponding |same )?(?:year ago|year earlier|prior year|previous year|"
         r"year before)(?: quarter| period)?|(?:the )?(?:same|corresponding|comparable) (?:period|quarter) "
         r"(?:a year ago|last year|a year earlier|of last year|the previous year)", _rule_year_ago_period),
        (r"(?:the|this|that) (?:(?:current|latest|full|same|entire|whole|present) )?(?:(?:fiscal|calendar) )?"
         r"(?P<unit>year|month|week|day|weekend)", _rule_generic),
        (r"(?:the |around |at |by )?(?:the )?(?:year end|year's end|end of the year)", _rule_year_end),
        (rf"(?:each|every|per) (?:(?P<num>{num}) )?(?P<what>{weekday}|{month}|{unit})|(?P<what2>{weekday})s", _rule_set_any),
        (rf"(?P<cue>recent|coming|future|past|previous) (?P<unit>{unit})", _rule_vague_ref),
        (rf"(?:(?:the|a|an|another|those|these) )?(?:(?:next|past|last|first|coming|previous|following|final|"
         r"recent|additional|further|other|remaining|initial|entire|whole|full|same|latest) )*"
         rf"(?:(?P<range>{num} (?:to|or|and) {num})|(?P<num>{num})(?: (?P<frac>[1-3]/[2-4]))?)?(?P<half> and a half)?"
         rf"(?: (?:more|additional|full|straight|consecutive|long|extra|previous|further|trading|business|working|"
         rf"calendar))? ?(?P<unit>{unit})(?P<half2> and a half)?"
         r"(?: (?:long|old|running|in a row|straight|more|earlier|period|term|span|stretch|time|of time|ahead))?",
         _rule_duration),
    ]
    return tuple((re.compile(pattern), rule) for pattern, rule in table)


def _rule_iso_any(match: re.Match[str], ctx: Context) -> Resolution | None:
    if match["y"]:
        return _rule_iso(match, ctx)
    groups = {"y": match["y2"], "m": match["m2"], "d": match["d2"]}
    try:
        return _date(dt.date(int(groups["y"]), int(groups["m"]), int(groups["d"])).isoformat())
    except ValueError:
        return None


def _rule_set_any(match: re.Match[str], ctx: Context) -> Resolution:
    lex = lexicon()
    if match["what2"]:
        return Resolution(value=f"XXXX-WXX-{lex.weekdays[match['what2']]}", type="SET")
    return _rule_set(match, ctx)


# ---------------------------------------------------------------- entry point

_CLOCK = re.compile(
    r"(?:at |about |around |by )?(?:(?P<h>\d{1,2})(?:[:.](?P<min>\d{2}))? ?(?P<ap>am|pm)|(?P<h24>\d{1,2}):(?P<m24>\d{2})"
    r"|(?P<word>noon|midday|midnight))(?: (?:est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|et|bst|cet|local time|local))?"
)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONNECTORS = re.compile(r"^(?:on|at|of|in|,)\s+|\s+(?:on|at|of|in|,)$|^,|,$")


def _resolve_rules(text: str, ctx: Context) -> Resolution | None:
    for pattern, rule in _rules():
        match = pattern.fullmatch(text)
        if match is not None:
            resolution = rule(match, ctx)
            if resolution is not None:
                return resolution
    return None


def _day_of(rest: str, ctx: Context) -> str | None:
    """The day value of what is left beside a clock time or part of day; the DCT if nothing is."""
    rest = _CONNECTORS.sub("", rest.strip(" ,")).strip()
    if rest in {"", "this", "today", "tonight"}:
        return _anchor(ctx).isoformat()
    if rest in {"last", "yesterday"}:
        return (_anchor(ctx) - dt.timedelta(days=1)).isoformat()
    resolution = _resolve_rules(rest, ctx)
    if resolution is not None and _DAY_VALUE.fullmatch(resolution.value):
        return resolution.value
    return None


def _resolve_clock(text: str, ctx: Context) -> Resolution | None:
    match = _CLOCK.search(text)
    if match is None:
        return None
    if match["word"]:
        hour, minute = (0 if match["word"] == "midnight" else 12), 0
    elif match["ap"]:
        hour, minute = int(match["h"]) % 12 + (12 if match["ap"] == "pm" else 0), int(match["min"] or 0)
    else:
        hour, minute = int(match["h24"]), int(match["m24"])
    if hour > 23 or minute > 59:
        return None
    day = _day_of(text[:match.start()] + " " + text[match.end():], ctx)
    if day is None:
        return None
    return Resolution(value=f"{day}T{hour:02d}:{minute:02d}", type="TIME")


@lru_cache(maxsize=1)
def _day_part_pattern() -> re.Pattern[str]:
    part = lexicon().alternation("day_parts")
    return re.compile(rf"(?P<pre>.*?)\s?\b(?P<part>{part})\b(?: of)?\s?(?P<post>.*)")


def _resolve_day_part(text: str, ctx: Context) -> Resolution | None:
    if text == "tonight":
        return Resolution(value=f"{_anchor(ctx).isoformat()}TNI", type="TIME")
    match = _day_part_pattern().fullmatch(text)
    if match is None or (match["pre"] and match["post"]):
        return None
    lex = lexicon()
    code = lex.day_parts[match["part"]]
    other = (match["pre"] or match["post"]).strip()
    if match["part"].endswith("s") and (not other or other.rstrip("s") in lex.weekdays):
        weekday = lex.weekdays.get(other.rstrip("s"))
        return Resolution(value=f"XXXX-WXX-{weekday}T{code}" if weekday else f"XXXX-XX-XXT{code}", type="SET")
    day = _day_of(other, ctx)
    if day is None:
        return None
    return Resolution(value=f"{day}T{code}", type="TIME")


@lru_cache(maxsize=4)
def _longest_first(table: str) -> tuple[str, ...]:
    return tuple(sorted(getattr(lexicon(), table), key=len, reverse=True))


def _peel(text: str, table: dict[str, str], name: str) -> tuple[str, str] | None:
    """Remove one leading phrase of a table: (rest, its value); None if none leads."""
    for phrase in _longest_first(name):
        if text.startswith(phrase + " ") and len(text) > len(phrase) + 1:
            return text[len(phrase) + 1:], table[phrase]
    return None


_EARLIER_LATER = re.compile(r"^(?:the )?(earlier|later)(?: in)? (?=\S)")


def _resolve_text(text: str, ctx: Context) -> Resolution | None:
    """Rules over the whole text, then a part of day or clock time, then after peeling a leading modifier."""
    resolution = _resolve_rules(text, ctx) or _resolve_day_part(text, ctx) or _resolve_clock(text, ctx)
    if resolution is not None:
        return resolution
    cue = _EARLIER_LATER.match(text)
    if cue:
        inner = _resolve_text(text[cue.end():], ctx)
        if inner is not None and inner.type in {"DATE", "TIME"}:
            return replace(inner, cut="before" if cue[1] == "earlier" else "after")
    lex = lexicon()
    for name, table in (("modifiers", lex.modifiers), ("positions", lex.positions)):
        peeled = _peel(text.removeprefix("the ") if name == "positions" else text, table, name)
        if peeled is not None:
            return with_mod(_resolve_text(peeled[0], ctx), peeled[1])
    return None


@lru_cache(maxsize=16384)
def _resolve_window(text: str, ctx: Context) -> Resolution | None:
    """The longest run of words that resolves, for spans with extra words ("an interview several months")."""
    words = text.split()
    for size in range(min(len(words), 6) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            window = " ".join(words[first:first + size])
            if window in _WEAK_WINDOWS:
                continue
            resolution = _resolve_text(window, ctx)
            if resolution is not None:
                return resolution
    return None


# Words that resolve alone but, cut from a longer span, mostly mislead.
_WEAK_WINDOWS = frozenset({"the", "a", "an", "of", "and", "or", "day", "the day", "the month", "the year",
                           "the week", "month", "year", "week", "days", "months", "years", "weeks"})
_OR_SO = re.compile(r"\s+or so$")


def normalise_expression(text: str, *, dct: dt.date | None, direction: int = 0, financial: bool = False,
                         reference: dt.date | None = None, reference_precision: str = "") -> Resolution:
    """The TIMEX3 value of one expression; `UNKNOWN` when no rule applies.

    `reference` is the day the text last spoke of (with its precision), for
    anaphoric expressions such as "that day" or "the following year".
    """
    ctx = Context(dct=dct, direction=direction, financial=financial, reference=reference,
                  reference_precision=reference_precision)
    cleaned = clean(text)
    approx = _OR_SO.search(cleaned)
    if approx:
        cleaned = cleaned[:approx.start()]
    try:
        resolution = _resolve_text(cleaned, ctx) or _resolve_window(cleaned, ctx)
        if approx:
            resolution = with_mod(resolution, "APPROX")
    except Unanchored as missing:
        return Resolution(value=missing.partial, anchored=False)
    return resolution or Resolution(value="UNKNOWN")
