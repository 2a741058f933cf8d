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
from dataclasses import replace
from functools import lru_cache

from eventdesk.times_calendar import iso_week_value
from eventdesk.times_lexicon import lexicon, spelled_day_alternation, spelled_days
from eventdesk.times_rules import rules
from eventdesk.times_values import Context, Resolution, Unanchored, anchor_day, narrative_day, number_value, with_mod

__all__ = ["Resolution", "clean", "normalise_expression"]


# ---------------------------------------------------------------- cleaning

_CLEAN_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\u2019\u2018`]"), "'"),
    (re.compile(r"\b([ap])\.\s?m\b\.?"), r"\1m"),
    (re.compile(r"\b([a-z]{3,5})\.(?=\s|$|,)"), r"\1"),  # "Aug." and "Sept." lose the dot
    (re.compile(r"'s\b"), ""),
    (re.compile(r"(?<=[a-z0-9])-(?=[a-z])|(?<=[a-z])-(?=[0-9])"), " "),
    (re.compile(r"(?<=\d)(st|nd|rd|th)\b(?! century)"), ""),
    (re.compile(r"^(?:[\s\"(\[,.;:]|'(?!\d\d$))+|[\s\"')\],.;:!?]+$"), ""),  # keeps the "'" of "'82"
    (re.compile(r"\s+"), " "),
    (re.compile(r"\bthis past\b"), "past"),
)


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Lower case, uniform punctuation and hyphens, no possessive or stray marks."""
    text = text.lower()
    for pattern, repl in _CLEAN_STEPS:
        text = pattern.sub(repl, text)
    return text.strip()



# ---------------------------------------------------------------- entry point

_CLOCK = re.compile(
    r"(?:at |about |around |by )?(?:(?P<h>\d{1,2})(?:[:.](?P<min>\d{2}))? ?(?P<ap>am|pm)|(?P<h24>\d{1,2}):(?P<m24>\d{2})"
    r"|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?= (?:gmt|utc))"  # military style "0735 GMT"
    r"|(?P<word>noon|midday|midnight))(?: (?:(?P<utc>gmt|utc|z)|est|edt|cst|cdt|mst|mdt|pst|pdt|et|bst|cet|local time|local))?"
)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONNECTORS = re.compile(r"^(?:on|at|of|in|,)\s+|\s+(?:on|at|of|in|,)$|^,|,$")


def _resolve_rules(text: str, ctx: Context) -> Resolution | None:
    for pattern, rule in rules():
        match = pattern.fullmatch(text)
        if match is not None:
            resolution = rule(match, ctx)
            if resolution is not None:
                return resolution
    return None


# "In the morning" of a market report is the morning of the day it tells of, as "that morning" is.
_ANAPHORIC_STEPS = {"the previous": -1, "the preceding": -1, "that": 0, "the same": 0, "the": 0, "the following": 1}


def _day_of(rest: str, ctx: Context, *, clock: bool = False) -> str | None:
    """The day value of what is left beside a clock time or part of day.

    Nothing left beside a clock time means the day last spoken of, else the DCT;
    a bare part of day ("this morning") is the DCT's.
    """
    rest = _CONNECTORS.sub("", rest.strip(" ,")).strip()
    if clock and not rest and (day := narrative_day(ctx)) is not None:
        return day.isoformat()  # "at 10 p.m." is on the day the text last spoke of
    if rest in {"", "this", "today", "tonight"}:
        return anchor_day(ctx).isoformat()
    if rest in {"last", "yesterday"}:
        return (anchor_day(ctx) - dt.timedelta(days=1)).isoformat()
    if rest in _ANAPHORIC_STEPS:  # "a fire the previous night": the night before the day last spoken of
        return ((narrative_day(ctx) or anchor_day(ctx)) + dt.timedelta(days=_ANAPHORIC_STEPS[rest])).isoformat()
    resolution = _resolve_rules(rest, ctx)
    if resolution is not None and _DAY_VALUE.fullmatch(resolution.value):
        return resolution.value
    return None


def _resolve_clock(text: str, ctx: Context) -> Resolution | None:
    match = _CLOCK.search(text)
    if match is None:
        return None
    if match["word"]:
        hour, minute = (24 if match["word"] == "midnight" else 12), 0  # TIMEX3: midnight ends its day, T24:00
    elif match["ap"]:
        hour, minute = int(match["h"]) % 12 + (12 if match["ap"] == "pm" else 0), int(match["min"] or 0)
    elif match["hhmm"]:
        hour, minute = int(match["hhmm"]), int(match["mm"])
    else:
        hour, minute = int(match["h24"]), int(match["m24"])
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    day = _day_of(text[:match.start()] + " " + text[match.end():], ctx, clock=True)
    if day is None:
        return None
    zone = "Z" if match["utc"] else ""  # TIMEX3 marks UTC times; other zones are left as written
    return Resolution(value=f"{day}T{hour:02d}:{minute:02d}{zone}", type="TIME")


@lru_cache(maxsize=1)
def _day_part_pattern() -> re.Pattern[str]:
    part = lexicon().alternation("day_parts")
    return re.compile(rf"(?P<pre>.*?)\s?\b(?P<part>{part})\b(?: of)?\s?(?P<post>.*)")


def _overnight(ctx: Context) -> str:
    """"Tokyo shares fell on Friday, hurt by overnight losses in New York": told of a day of the week the
    report looks back on, the night that led into it, which TIMEX3 dates by its evening; else the DCT's."""
    dct = anchor_day(ctx)
    told = narrative_day(ctx)
    if told is not None and dct - dt.timedelta(days=7) <= told < dct:
        return (told - dt.timedelta(days=1)).isoformat()
    return dct.isoformat()


def _resolve_day_part(text: str, ctx: Context) -> Resolution | None:
    if text == "tonight":
        return Resolution(value=f"{anchor_day(ctx).isoformat()}TNI", type="TIME")
    match = _day_part_pattern().fullmatch(text)
    # "the evening of Friday": the article is nothing beside the day it is of
    pre = "" if match is None or (match["pre"].lower() == "the" and match["post"]) else match["pre"]
    if match is None or (pre and match["post"]):
        return None
    lex = lexicon()
    code = lex.day_parts[match["part"]]
    other = (pre or match["post"]).strip()
    if other in {"each", "every"}:  # "every morning": a set of parts of days
        return Resolution(value=f"XXXX-XX-XXT{code}", type="SET")
    if match["part"].endswith("s") and (not other or other.rstrip("s") in lex.weekdays):
        weekday = lex.weekdays.get(other.rstrip("s"))
        return Resolution(value=f"XXXX-WXX-{weekday}T{code}" if weekday else f"XXXX-XX-XXT{code}", type="SET")
    if match["part"] == "overnight" and not other:
        day = _overnight(ctx)
    else:
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
_WEEK_OF = re.compile(r"^(?:the )?week(?P<end>end)? (?:of|beginning|starting|ending) (?=\S)")
_STEP_FROM = re.compile(r"^(?:the|a) (?P<unit>day|week) (?P<dir>before|after) (?=\S)")
_HOUR_OF_PART = re.compile(r"^(?P<h>\d{1,2})(?::(?P<min>\d{2}))? (?:o'clock )?"
                           r"(?:in the (?P<part>morning|afternoon|evening)|at (?P<night>night))\b")


def _resolve_week_of(text: str, ctx: Context) -> Resolution | None:
    """"The week of March 6": the ISO week holding that day; "the weekend of March 5" its weekend."""
    cue = _WEEK_OF.match(text)
    day = _day_named_after(text, cue, ctx)
    if cue is None or day is None:
        return None
    week = iso_week_value(day)
    return Resolution(value=f"{week}-WE" if cue["end"] else week)


def _day_named_after(text: str, cue: re.Match[str] | None, ctx: Context) -> dt.date | None:
    """The day that the words after a cue ('the week of', 'the day before') name, if they name one."""
    if cue is None:
        return None
    inner = _resolve_text(text[cue.end():], ctx)
    if inner is None or not _DAY_VALUE.fullmatch(inner.value[:10]):
        return None
    return dt.date.fromisoformat(inner.value[:10])


def _resolve_step_from(text: str, ctx: Context) -> Resolution | None:
    """"The day before Christmas", "the week after the March 3 vote": one step from the day named after it,
    one expression in TimeML (TBAQ: "the day before last Tuesday")."""
    cue = _STEP_FROM.match(text)
    day = _day_named_after(text, cue, ctx)
    if cue is None or day is None:
        return None
    step = 1 if cue["dir"] == "after" else -1
    if cue["unit"] == "day":
        return Resolution(value=(day + dt.timedelta(days=step)).isoformat())
    return Resolution(value=iso_week_value(day + dt.timedelta(weeks=step)))


def _in_clock_form(text: str) -> str:
    """"4 in the morning" as "4 am", "10 at night" as "10 pm", so the clock rule reads them."""
    match = _HOUR_OF_PART.match(text)
    if match is None:
        return text
    hour = int(match["h"])
    after_noon = match["part"] in {"afternoon", "evening"} or (match["night"] and hour >= 6)
    suffix = "pm" if after_noon else "am"
    return f"{hour}{':' + match['min'] if match['min'] else ''} {suffix}{text[match.end():]}"


def _resolve_text(text: str, ctx: Context) -> Resolution | None:
    """Rules over the whole text, then a part of day or clock time, then after peeling a leading modifier."""
    text = _in_clock_form(text)
    resolution = (_resolve_rules(text, ctx) or _resolve_week_of(text, ctx) or _resolve_step_from(text, ctx)
                  or _resolve_day_part(text, ctx) or _resolve_clock(text, ctx))
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


_SPOKEN_YEAR = re.compile(r"\b(?P<high>nineteen|twenty) (?P<low>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|"
                          r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                          r"ninety)(?: (?:one|two|three|four|five|six|seven|eight|nine))?)\b"
                          # not a count of years: "waited twenty thirty years", "nineteen twenty one days"
                          r"(?! (?:one|two|three|four|five|six|seven|eight|nine)\b)"
                          r"(?! (?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b)")


@lru_cache(maxsize=1)
def _spoken_day_pattern() -> re.Pattern[str]:
    days = spelled_day_alternation()  # clean() left no hyphen in "twenty first"
    month = lexicon().alternation("months")
    return re.compile(rf"\b(?:(?P<month>{month}) (?P<the>the )?(?P<ord>{days})"
                      rf"|(?P<the_>the )?(?P<ord_>{days}) (?P<of>of )(?P<month_>{month}))\b")


def _spoken_day(match: re.Match[str]) -> str:
    if match["month"]:
        return f"{match['month']} {spelled_days()[match['ord']]}"
    return f"{match['the_'] or ''}{spelled_days()[match['ord_']]} {match['of']}{match['month_']}"


def _in_digits(text: str) -> str:
    """Broadcast speech in digits: "january nineteen ninety seven" -> "january 1997", "march eighth" -> "march 8",
    "the twenty first of march" -> "the 21 of march"."""
    lex = lexicon()

    def year(match: re.Match[str]) -> str:
        low = number_value(match["low"], lex)
        return f"{19 if match['high'] == 'nineteen' else 20}{int(low):02d}" if low and low < 100 else match[0]

    text = _SPOKEN_YEAR.sub(year, text)
    return _spoken_day_pattern().sub(_spoken_day, text)


def _resolve_window(text: str, ctx: Context) -> Resolution | None:
    """The longest run of words that resolves, for spans with extra words ("an interview several months")."""
    words = text.split()
    for size in range(min(len(words), 6) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            window = " ".join(words[first:first + size])
            if window in lexicon().weak_windows:
                continue
            resolution = _resolve_text(window, ctx)
            if resolution is not None:
                return resolution
    return None


_OR_SO = re.compile(r"\s+or so\b")


@lru_cache(maxsize=16384)
def normalise_expression(text: str, *, dct: dt.date | None, direction: int = 0, financial: bool = False,
                         reference: dt.date | None = None, reference_precision: str = "",
                         narrative_day: dt.date | None = None, quarter: str = "") -> Resolution:
    """The TIMEX3 value of one expression; `UNKNOWN` when no rule applies.

    `reference` is the day the text last spoke of (with its precision), for
    anaphoric expressions such as "that day" or "the following year"; `narrative_day`
    the last day it spoke of, which a later month or year does not replace; `quarter` the
    quarter a results report named as its own ("the fiscal first quarter").
    """
    ctx = Context(dct=dct, direction=direction, financial=financial, reference=reference,
                  reference_precision=reference_precision, narrative_day=narrative_day,
                  quarter=quarter)
    cleaned = clean(text)
    approx = _OR_SO.search(cleaned)
    if approx:
        cleaned = cleaned[:approx.start()] + cleaned[approx.end():]
    try:
        spelled = _in_digits(cleaned)
        # A day or year in words is read in digits first: "the twenty first of march" is a day, not the month.
        resolution = _resolve_text(spelled, ctx) if spelled != cleaned else None
        if resolution is None or resolution.value == "UNKNOWN":
            resolution = _resolve_text(cleaned, ctx)
        resolution = resolution or _resolve_window(spelled, ctx)
        if approx:
            resolution = with_mod(resolution, "APPROX")
    except Unanchored as missing:
        return Resolution(value=missing.partial, anchored=False)
    except (ValueError, OverflowError):
        # Calendar arithmetic past year 9999 or before year 1 (a DCT at the edge of
        # what `datetime` holds): the span is kept, its value unknown.
        return Resolution(value="UNKNOWN")
    return resolution or Resolution(value="UNKNOWN")
