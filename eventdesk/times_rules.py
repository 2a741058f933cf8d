"""The rules of time normalisation: one pattern and one function per kind of expression.

`rules()` compiles the table once from the lexicon; the first pattern that
matches a whole cleaned expression, and whose rule returns a value, wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from eventdesk.times_calendar import interval_of, iso_week_value, quarter_of, season_value
from eventdesk.times_lexicon import lexicon
from eventdesk.times_values import (
    NEAR_COMING_DAYS, Context, Resolution, Rule, Unanchored, ago_value, anchor_day, date_value, duration_value,
    holiday_date, narrative_day, number_value, period_value, reported_quarter, shift_of, weekday_date, year_for_month,
)


def _rule_fixed(match: re.Match[str], ctx: Context) -> Resolution:
    value, kind = lexicon().fixed[match[0]]
    return Resolution(value=value, type=kind)  # type: ignore[arg-type]


def _rule_iso(match: re.Match[str], ctx: Context) -> Resolution | None:
    year, month, day = match["y"], match["m"], match["d"]
    if len(year) == 2:
        year = ("19" if int(year) > 30 else "20") + year
    try:
        return date_value(dt.date(int(year), int(month), int(day)).isoformat())
    except ValueError:
        return None


def _rule_year(match: re.Match[str], ctx: Context) -> Resolution:
    year = match["year"].lstrip("'")
    if len(year) == 2:
        year = ("19" if int(year) > 30 else "20") + year
    return date_value(year)


def _rule_holiday(match: re.Match[str], ctx: Context) -> Resolution:
    name = match["name"]
    if match["year"]:
        return _holiday_value(holiday_date(name, int(match["year"])), match)
    dct = anchor_day(ctx)
    direction = shift_of(match["shift"]) if match["shift"] else ctx.direction
    options = [holiday_date(name, year) for year in (dct.year - 1, dct.year, dct.year + 1)]
    coming = min(d for d in options if d >= dct)
    if direction == -1 and not match["shift"] and (coming - dct).days <= NEAR_COMING_DAYS:
        day = coming  # as with months: a holiday weeks ahead is the coming one, whatever the tense
    elif direction < 0:
        day = max(d for d in options if d <= dct)
    elif direction > 0:
        day = min(d for d in options if d >= dct)
    else:
        day = min(options, key=lambda d: abs((d - dct).days))
    return _holiday_value(day, match)


def _holiday_value(day: dt.date, match: re.Match[str]) -> Resolution:
    """The holiday's day, or its ISO week for "Easter week"."""
    return date_value(iso_week_value(day) if match["week"] else day.isoformat())


def _rule_spoken_year(match: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    if match["thousand"] is not None:
        rest = number_value(match["rest"], lex) if match["rest"] else 0
        return None if rest is None else date_value(str(2000 + int(rest)))
    high, low = number_value(match["high"], lex), number_value(match["low"], lex)
    return None if high is None or low is None else date_value(f"{int(high)}{int(low):02d}")


def _rule_month_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    month = lexicon().months[match["month"]]
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None
    if match["year"]:
        year = int(match["year"])
    else:
        shift_words = (match.groupdict().get("shift") or "").split()
        shift = shift_of(shift_words[-1]) if shift_words else 0
        try:
            year = year_for_month(month, replace(ctx, direction=shift or ctx.direction), day, shifted=bool(shift))
        except Unanchored as missing:
            raise Unanchored(f"XXXX-{month:02d}-{day:02d}") from missing
        if match.groupdict().get("weekday"):
            year = _year_of_weekday(year, month, day, lexicon().weekdays[match["weekday"]])
    try:
        return date_value(dt.date(year, month, day).isoformat())
    except ValueError:
        return None


def _year_of_weekday(year: int, month: int, day: int, weekday: int) -> int:
    """"Monday, Oct. 26": of the years around the one chosen, the nearest where that day is a Monday."""
    for candidate in (year, year + 1, year - 1):
        try:
            if dt.date(candidate, month, day).isoweekday() == weekday:
                return candidate
        except ValueError:
            continue
    return year


def _relative_year(phrase: str | None, ctx: Context) -> int:
    """The year of "last year", "the following year", "this year"."""
    dct = anchor_day(ctx)
    words = (phrase or "this year").split()
    if words[0] == "year":  # "the year-earlier third quarter"
        return dct.year - 1
    return dct.year + shift_of(words[-2] if len(words) > 1 else words[0])


def _rule_month(match: re.Match[str], ctx: Context) -> Resolution:
    month = lexicon().months[match["month"]]
    if match["year"]:
        return date_value(f"{match['year']}-{month:02d}")
    if match["rel"]:
        year = _relative_year(match["rel"], ctx)
        return date_value(f"{year}-{month:02d}")
    shift = match["shift"]
    if shift:
        dct = anchor_day(ctx, f"XXXX-{month:02d}")
        if shift in {"last", "past", "previous"}:
            year = dct.year if month < dct.month else dct.year - 1
        elif shift in {"next", "coming"}:
            year = dct.year if month > dct.month else dct.year + 1
        else:
            year = dct.year
        return date_value(f"{year}-{month:02d}")
    return date_value(f"{year_for_month(month, ctx)}-{month:02d}")


def _rule_week_of_month(match: re.Match[str], ctx: Context) -> Resolution:
    """"The first week of March", "the last weekend of June": the ISO week that holds most of its days in
    the month (the week of the 4th, or of the third day before the month's last), or the week of its
    first or last Saturday, counted on."""
    month = lexicon().months[match["month"]]
    year = int(match["year"]) if match["year"] else year_for_month(month, ctx)
    ordinal = lexicon().ordinals[match["ord"]]
    weekend = match["unit"] == "weekend"
    if ordinal < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        day = last - dt.timedelta(days=(last.isoweekday() + 1) % 7 if weekend else 3)
    else:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(6 - first.isoweekday()) % 7 if weekend else 3, weeks=ordinal - 1)
    if day.month != month:
        return Resolution(value="UNKNOWN")
    week = iso_week_value(day)
    return date_value(f"{week}-WE" if weekend else week)


def _rule_decade(match: re.Match[str], ctx: Context) -> Resolution:
    century = match["century"]
    if century is None:
        century = "20" if ctx.dct and int(match["decade"]) <= ctx.dct.year % 100 // 10 and ctx.dct.year >= 2000 else "19"
    return date_value(f"{century}{match['decade']}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _rule_decade_word(match: re.Match[str], ctx: Context) -> Resolution:
    return date_value(f"19{_DECADE_WORDS[match['word']]}")


def _rule_century(match: re.Match[str], ctx: Context) -> Resolution:
    return date_value(f"{int(match['n']) - 1:02d}")


def _rule_weekday(match: re.Match[str], ctx: Context) -> Resolution:
    weekday = lexicon().weekdays[match["weekday"]]
    return date_value(weekday_date(weekday, ctx, shift=match["shift"] or "").isoformat())


def _rule_weekday_of_week(match: re.Match[str], ctx: Context) -> Resolution:
    """"Tuesday last week", "Thursday of next week": that weekday within the week named."""
    weekday = lexicon().weekdays[match["weekday"]]
    dct = anchor_day(ctx, f"XXXX-WXX-{weekday}")
    monday = dct - dt.timedelta(days=dct.isoweekday() - 1) + dt.timedelta(weeks=shift_of(match["shift"]))
    return date_value((monday + dt.timedelta(days=weekday - 1)).isoformat())


def _rule_anaphoric_weekday(match: re.Match[str], ctx: Context) -> Resolution:
    """"The previous Friday", "the following Monday": counted from the day last spoken of."""
    weekday = lexicon().weekdays[match["weekday"]]
    day = narrative_day(ctx) or anchor_day(ctx)
    if match["shift"] in {"following", "next"}:
        return date_value((day + dt.timedelta(days=(weekday - day.isoweekday()) % 7 or 7)).isoformat())
    return date_value((day - dt.timedelta(days=(day.isoweekday() - weekday) % 7 or 7)).isoformat())


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2, "this day": 0}
# Days counted from the day the text last spoke of, not from the DCT ("fell 3% Monday, to end the day at").
_ANAPHORIC_DAYS = {"the day": 0, "the same day": 0, "that same day": 0, "that day": 0, "that very day": 0,
                   "the next day": 1, "the following day": 1, "the day after": 1, "the next morning": 1,
                   "the following morning": 1, "the previous day": -1, "the day before": -1,
                   "the preceding day": -1, "a day later": 1, "a day earlier": -1, "the night before": -1}


def _reference(ctx: Context, finest: set[str]) -> dt.date:
    """The day last spoken of when it is precise enough, else the DCT."""
    if ctx.reference is not None and ctx.reference_precision in finest:
        return ctx.reference
    return anchor_day(ctx)


def _rule_anaphoric_day(match: re.Match[str], ctx: Context) -> Resolution:
    day = (narrative_day(ctx) or anchor_day(ctx)) + dt.timedelta(days=_ANAPHORIC_DAYS[match[0]])
    return date_value(day.isoformat())


def _rule_nth_day(match: re.Match[str], ctx: Context) -> Resolution:
    """"The second day of the offensive", "a third straight day": the day reported, the DCT."""
    return date_value(anchor_day(ctx).isoformat())


_AS_FINE_AS = {"week": {"day", "week"}, "month": {"day", "week", "month"},
               "quarter": {"day", "week", "month", "quarter"}, "year": {"day", "week", "month", "quarter", "year"}}


def _rule_nth_period(match: re.Match[str], ctx: Context) -> Resolution:
    """"Gains for a fourth straight week", "the third consecutive month": the period a run has reached is
    the one reported: a results report's own quarter, else the period holding the day the text last spoke of.

    With none, a week's run is the DCT's week, as "a third straight day" is the DCT: market reports count
    weeks to the day they are written. A month's or a year's run is seldom the DCT's ("rose for a second
    straight month in March", written in April) and is left unplaced.
    """
    unit = match["unit"] or match["unit_"]
    dct = anchor_day(ctx)
    if unit == "quarter" and ctx.financial:
        return date_value(reported_quarter(dct, ctx.quarter))  # "profit fell for a fourth straight quarter"
    day = ctx.reference if ctx.reference_precision in _AS_FINE_AS[unit] else None
    if day is not None and day > dct:
        day = None  # a day still to come ("OPEC will meet on Jan. 20") is no period a run has reached
    if day is None and unit == "week":
        day = dct
    if day is None:
        return Resolution(value="UNKNOWN")  # a date unplaced, not "a second" (PT1S) nor a month's duration
    return date_value(period_value(_UNIT_PERIOD[unit], day, 0))


def _rule_day_word(match: re.Match[str], ctx: Context) -> Resolution:
    dct = anchor_day(ctx)
    return date_value((dct + dt.timedelta(days=_DAY_WORDS[match[0]])).isoformat())


_UNIT_PERIOD = {"week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y",
                "decade": "DE", "century": "CE", "day": "D"}


def _rule_relative_period(match: re.Match[str], ctx: Context) -> Resolution:
    unit = _UNIT_PERIOD[match["unit"]]
    if match["the"] and match["shift"] in {"next", "coming"}:
        return Resolution(value=duration_value(1, unit, False), type="DURATION")
    if match["shift"] == "past" and unit in {"DE", "CE"}:
        # TempEval and MEANTIME gold both mostly read "over the past decade" as the ten
        # years up to the DCT (P10Y), not the calendar decade before it ("the last decade").
        return Resolution(value=duration_value(1, unit, False), type="DURATION")
    if match["the"] and match["shift"] in {"past", "last"}:
        # TimeML annotates "the past year" as the year before the DCT's, like "last year".
        return date_value(period_value(unit, anchor_day(ctx), -1))
    if match["shift"] in _ANAPHORIC_SHIFTS:
        finest = {"day", "week", "month", "quarter", "season", "year"} if unit == "Y" else {"day", "week", "month"}
        return date_value(period_value(unit, _reference(ctx, finest), shift_of(match["shift"])))
    dct = anchor_day(ctx)
    if unit == "Q" and match["shift"] == "this" and ctx.financial and ctx.direction <= 0:
        return date_value(reported_quarter(dct, ctx.quarter))  # "this quarter's loss" in a results report
    return date_value(period_value(unit, dct, shift_of(match["shift"])))


def _rule_period_after(match: re.Match[str], ctx: Context) -> Resolution:
    """"The year before", "the day after": a step from the time last spoken of."""
    unit = _UNIT_PERIOD[match["unit"]]
    step = -1 if match["shift"] in {"before", "previous", "prior", "earlier"} else 1
    finest = {"day"} if unit == "D" else {"day", "week", "month", "quarter", "season", "year"}
    return date_value(period_value(unit, _reference(ctx, finest), step))


_ANAPHORIC_SHIFTS = frozenset({"that", "same", "following", "previous", "prior", "preceding"})


def _rule_season(match: re.Match[str], ctx: Context) -> Resolution:
    season = lexicon().seasons[match["season"]]
    if match["year"]:
        return date_value(f"{match['year']}-{season}")
    if match["rel"]:
        return date_value(f"{_relative_year(match['rel'], ctx)}-{season}")
    dct = anchor_day(ctx, f"XXXX-{season}")
    now = interval_of(season_value(dct))
    options = [i for year in range(dct.year - 2, dct.year + 2) if (i := interval_of(f"{year}-{season}"))]
    if now is None or not options:
        return Resolution(value="UNKNOWN")
    shift = shift_of(match["shift"]) if match["shift"] else 0
    if shift < 0:  # "last fall": the latest one before the season we are in
        chosen = max((s for s in options if s.first < now.first), key=lambda s: s.first)
    elif shift > 0:  # "next spring": the first one after it
        chosen = min((s for s in options if s.first > now.first), key=lambda s: s.first)
    elif not match["shift"] and ctx.direction < 0:
        chosen = max((s for s in options if s.first <= dct), key=lambda s: s.first)
    elif not match["shift"] and ctx.direction > 0:
        chosen = min((s for s in options if s.last >= dct), key=lambda s: s.first)
    else:  # "this summer", or no tense: the nearest
        chosen = min(options, key=lambda s: 0 if s.first <= dct <= s.last else
                     min(abs((s.first - dct).days), abs((s.last - dct).days)))
    return date_value(f"{chosen.first.year}-{season}")


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
    dct = anchor_day(ctx)
    if ctx.financial and unit == "Y" and amount == 1 and sign < 0:
        quarter = reported_quarter(dct, ctx.quarter)
        return date_value(f"{int(quarter[:4]) - 1}{quarter[4:]}")
    if unit in {"H", "S"} or lexicon().units[match["unit"]][1]:
        return date_value(dct.isoformat())
    return date_value(ago_value(amount, unit, dct, sign))


def _rule_duration(match: re.Match[str], ctx: Context) -> Resolution:
    unit, is_time = lexicon().units[match["unit"]]
    if match["range"]:
        return Resolution(value=duration_value(None, unit, is_time), type="DURATION")
    return Resolution(value=duration_value(_amount(match), unit, is_time), type="DURATION")


# "In recent weeks", "in coming months": a stretch of days, weeks or months up to or from the
# DCT, which TimeML annotates as a duration of unknown length (PXW; TBAQ gold 5 of 7). "Recent
# years" names an era rather than a measured stretch and stays PAST_REF (TBAQ and MEANTIME 4 of 7).
_VAGUE_STRETCH_UNITS = frozenset({"days", "weeks", "months"})


def _rule_vague_ref(match: re.Match[str], ctx: Context) -> Resolution:
    if match["cue"] in {"recent", "coming"} and match["unit"] in _VAGUE_STRETCH_UNITS:
        return Resolution(value=duration_value(None, lexicon().units[match["unit"]][0], False), type="DURATION")
    return Resolution(value="FUTURE_REF" if match["cue"] in {"coming", "next", "future"} else "PAST_REF")


def _year_of(word: str | None, ctx: Context) -> int:
    if word and word.isdigit():
        return int(word)
    return _relative_year(word or "this year", ctx)


def _rule_quarter(match: re.Match[str], ctx: Context) -> Resolution:
    ordinal = lexicon().ordinals[match["ord"]]
    kind = "Q" if match["unit"] == "quarter" else "H"
    count = 4 if kind == "Q" else 2
    if ordinal > count:
        return Resolution(value="UNKNOWN")  # "its twelfth quarter of growth" counts a run, names no quarter
    ordinal = count if ordinal < 0 else ordinal
    if match["year"] or match["year2"]:
        year = _year_of(match["year"] or match["year2"], ctx)
    else:
        dct = anchor_day(ctx, f"XXXX-{kind}{ordinal}")
        current = quarter_of(dct) if kind == "Q" else (1 if dct.month <= 6 else 2)
        year = dct.year - 1 if ctx.direction < 0 and ordinal > current else dct.year
    return date_value(f"{year}-{kind}{ordinal}")


def _rule_the_quarter(match: re.Match[str], ctx: Context) -> Resolution:
    dct = anchor_day(ctx, "XXXX-QX")
    word = match["which"] or ""
    if word in {"this", "current"}:
        return date_value(period_value("Q", dct, 0))
    if word in {"last", "previous", "prior", "preceding"}:
        return date_value(period_value("Q", dct, -1))
    if word in {"next", "coming"}:
        return date_value(period_value("Q", dct, 1))
    return date_value(reported_quarter(dct, ctx.quarter))


def _rule_year_period(match: re.Match[str], ctx: Context) -> Resolution:
    """"The 1988 period": in a quarterly report, that year's quarter matching the one reported."""
    if ctx.financial and ctx.dct is not None:
        return date_value(f"{match['year']}{reported_quarter(ctx.dct, ctx.quarter)[4:]}")
    return date_value(match["year"])


def _rule_year_ago_period(match: re.Match[str], ctx: Context) -> Resolution:
    dct = anchor_day(ctx)
    quarter = reported_quarter(dct, ctx.quarter)
    return date_value(f"{int(quarter[:4]) - 1}{quarter[4:]}")


_SAME_PERIOD_UNITS = {"month": {"month"}, "week": {"week"}, "period": {"month", "quarter", "season", "week"}}


def _rule_same_period_year_ago(match: re.Match[str], ctx: Context) -> Resolution:
    """"The same month a year ago": the period last spoken of, a year back; else as "the year-ago period"."""
    reference, precision = ctx.reference, ctx.reference_precision
    if reference is None or precision not in _SAME_PERIOD_UNITS[match["unit"]]:
        return _rule_year_ago_period(match, ctx)
    back = reference.replace(year=reference.year - 1, day=min(reference.day, 28))
    if precision == "week":
        return date_value(period_value("W", reference - dt.timedelta(weeks=52), 0))
    if precision == "season":
        return date_value(season_value(back))
    return date_value(period_value("M" if precision == "month" else "Q", back, 0))


def _rule_year_end(match: re.Match[str], ctx: Context) -> Resolution:
    return Resolution(value=str(anchor_day(ctx).year), mod="END")


def _rule_generic(match: re.Match[str], ctx: Context) -> Resolution:
    dct = anchor_day(ctx)
    if match["unit"] == "year" and match["whole"] and ctx.reference is not None \
            and ctx.reference_precision in {"quarter", "month", "season"}:
        # "a loss in the fourth quarter of 2005 and for the entire year": the year of the part just told
        return date_value(str(ctx.reference.year))
    if match["unit"] == "weekend":
        # Said on a weekday of something past, "the weekend" is the one just gone.
        back = ctx.direction < 0 and dct.isoweekday() < 6
        return date_value(period_value("WE", dct, -1 if back else 0))
    return date_value(period_value(_UNIT_PERIOD[match["unit"]], dct, 0))


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
def rules() -> tuple[tuple[re.Pattern[str], Rule], ...]:
    """The patterns, compiled once, each with its rule; the first full match wins."""
    lex = lexicon()
    month, weekday, season = lex.alternation("months"), lex.alternation("weekdays"), lex.alternation("seasons")
    unit, ordinal = lex.alternation("units"), lex.alternation("ordinals")
    word_num = "(?:" + "|".join(re.escape(k) for k in sorted(lex.numbers, key=len, reverse=True)) + ")"
    # "twenty five", "two thousand"; never "seven a", which is a count and another phrase.
    word_rest = "(?:" + "|".join(re.escape(k) for k in sorted(lex.numbers, key=len, reverse=True)
                                 if k not in {"a", "an"} and not k.startswith(("a ", "an "))) + ")"
    num = rf"(?:\d[\d,]*(?:\.\d+)?|{word_num}(?: {word_rest})?|{lex.alternation('vague_numbers')})"
    rel_year = r"(?:(?:last|this|next|the same|the following|the previous) year|year earlier|year ago)"
    year = r"(?:1[5-9]|20)\d\d"
    table: list[tuple[str, Rule]] = [
        ("|".join(re.escape(k) for k in sorted(lex.fixed, key=len, reverse=True)), _rule_fixed),
        (r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2})", _rule_iso_any),
        (r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})", _rule_iso),
        (rf"(?:the |its |a )?(?:fiscal )?(?P<year>{year}) (?:fiscal )?(?:quarter|period)", _rule_year_period),
        (rf"(?:the )?(?:(?:fiscal|calendar|model|school|the|year) )*(?P<year>{year}|'\d\d)"
         rf"(?: (?:fiscal )?(?:year|period|season|calendar year|first half|second half))?", _rule_year),
        (rf"(?:the year )?(?:(?P<high>nineteen|eighteen|twenty) (?P<low>{word_num}(?: {word_num})?)"
         rf"|two thousand(?P<thousand>(?: and)? (?P<rest>{word_num}(?: {word_num})?)|))", _rule_spoken_year),
        (rf"(?:(?P<shift>last|this|next|this coming|this past|on) )?(?:(?P<weekday>{weekday}),? )?(?:the )?(?P<month>{month}) (?P<day>\d{{1,2}})(?:,? (?P<year>{year}))?", _rule_month_day),
        (rf"(?:(?P<weekday>{weekday}),? )?(?:the )?(?P<day>\d{{1,2}}) (?:of )?(?P<month>{month})(?:,? (?P<year>{year}))?", _rule_month_day),
        (rf"(?:(?P<shift>last|this|next|past|coming|previous) )?(?P<month>{month})"
         rf"(?:,? (?:of )?(?:(?P<year>{year})|(?P<rel>{rel_year})))?", _rule_month),
        (rf"the (?P<ord>{ordinal}) (?P<unit>week|weekend) of (?P<month>{month})(?:,? (?P<year>{year}))?",
         _rule_week_of_month),
        (r"(?:the )?(?P<century>1[5-9]|20)?'?(?P<decade>\d)0s", _rule_decade),
        (r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century", _rule_century),
        (rf"(?:(?P<shift>last|this|next|this coming|past|coming) )?(?P<name>{lex.alternation('holidays')})"
         rf"(?P<week> week)?(?:,? (?P<year>{year}))?", _rule_holiday),
        (r"(?:the )?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", _rule_decade_word),
        (rf"the (?P<shift>previous|preceding|prior|following|next) (?P<weekday>{weekday})",
         _rule_anaphoric_weekday),
        (rf"(?P<weekday>{weekday}),? (?:of )?(?P<shift>last|next|this) week", _rule_weekday_of_week),
        (rf"(?:(?P<shift>last|next|this|coming|past|on) )?(?P<weekday>{weekday})", _rule_weekday),
        ("|".join(re.escape(k) for k in sorted(_DAY_WORDS, key=len, reverse=True)), _rule_day_word),
        ("|".join(re.escape(k) for k in sorted(_ANAPHORIC_DAYS, key=len, reverse=True)), _rule_anaphoric_day),
        # clean() leaves "a 10th straight day" as "a 10 straight day", an ordinal still; "a 10-day truce" is not one
        (rf"(?:the|a) {ordinal} (?:(?:consecutive|straight|successive) )?day(?: in a row)?", _rule_nth_day),
        (r"(?:the|a) \d{1,3} (?:(?:consecutive|straight|successive) day(?: in a row)?|day in a row)", _rule_nth_day),
        (rf"(?:(?:(?:the|a) )?{ordinal}|(?:the|a) \d{{1,3}}) (?:(?:consecutive|straight|successive)"
         r" (?P<unit>week|month|quarter|year)"
         r"(?: in a row)?|(?P<unit_>week|month|quarter|year) in a row)", _rule_nth_period),
        (r"(?P<the>the )?(?P<shift>last|past|previous|prior|preceding|this|current|next|coming|following|same|that)"
         r" (?P<unit>week|weekend|month|quarter|year|decade|century)", _rule_relative_period),
        (r"the (?P<unit>week|month|quarter|year|day) (?P<shift>before|previous|prior|earlier|after|later)",
         _rule_period_after),
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
        (r"(?:the )?(?:same|corresponding|comparable) (?P<unit>period|month|week) (?:of )?(?:a year ago|last year|"
         r"a year earlier|the last year|the previous year|the year before)", _rule_same_period_year_ago),
        (r"(?:the )?(?:comparable |corresponding |same )?(?:year ago|year earlier|prior year|previous year|"
         r"year before|last year)(?: quarter| period)?|(?:the )?(?:same|corresponding|comparable) (?:period|quarter) "
         r"(?:a year ago|last year|a year earlier|of last year|the previous year)", _rule_year_ago_period),
        (r"(?:the|this|that) (?:(?P<whole>full|entire|whole) |(?:current|latest|same|present) )?"
         r"(?:(?:fiscal|calendar) )?(?P<unit>year|month|week|day|weekend)", _rule_generic),
        (r"(?:the |around |at |by )?(?:the )?(?:year end|year's end|end of the year)", _rule_year_end),
        (rf"(?:each|every|per) (?:(?P<num>{num}) )?(?P<what>{weekday}|{month}|{unit})|(?P<what2>{weekday})s", _rule_set_any),
        (rf"(?:once|twice|thrice|(?:{num}) times) (?:a|an|per|each|every) (?P<unit>{unit})", _rule_frequency),
        (rf"(?P<cue>recent|coming|future|past|previous) (?P<unit>{unit})", _rule_vague_ref),
        (rf"(?:(?:the|a|an|another|those|these) )?(?:(?:next|past|last|first|coming|previous|following|final|"
         r"recent|additional|further|other|remaining|initial|entire|whole|full|same|latest|single) )*"
         # "the year-earlier nine months": the count of months a results report compares, a duration as
         # "the first nine months" is; "the year-earlier quarter" is a date, read by the rule above.
         rf"(?:year (?:earlier|ago) (?=(?:{num}) ))?"
         rf"(?:(?P<range>{num} (?:to|or|and) (?!a half){num})|(?P<num>{num})(?: (?P<frac>[1-3]/[2-4]))?)?"
         r"(?P<half> and a half)?"
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
        return date_value(dt.date(int(groups["y"]), int(groups["m"]), int(groups["d"])).isoformat())
    except ValueError:
        return None


def _rule_frequency(match: re.Match[str], ctx: Context) -> Resolution:
    """"Twice a week": TimeML's set of weeks (P1W); how often within each is its freq, not its value."""
    unit, is_time = lexicon().units[match["unit"]]
    return Resolution(value=duration_value(1, unit, is_time), type="SET")


def _rule_set_any(match: re.Match[str], ctx: Context) -> Resolution:
    lex = lexicon()
    if match["what2"]:
        return Resolution(value=f"XXXX-WXX-{lex.weekdays[match['what2']]}", type="SET")
    return _rule_set(match, ctx)
