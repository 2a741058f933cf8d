"""The lexicon scan of the times stage: expressions spaCy leaves unlabelled, as patterns.

spaCy finds most dates but not adverbs such as "now" or "recently", clock times in some
forms, durations it calls CARDINAL, or some capitalised weekdays and dates; `times_spans`
adds what these patterns match where spaCy found nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdesk.times_lexicon import lexicon

# "Sold out in minutes", "within hours": after "in", "within" or "for" a bare "minutes" is a vague
# duration (PTXM), though alone ("the minutes of the meeting") it is no time.
CLOCK_PLURAL = re.compile(r"(?:(?<=\bin )|(?<=\bwithin )|(?<=\bfor )|(?<=\bin just )|(?<=\bin only ))"
                          r"(?:seconds|minutes|hours)", re.IGNORECASE)


@lru_cache(maxsize=1)
def scan_pattern() -> re.Pattern[str]:
    """Expressions spaCy does not label: "now", "recently", "the future", "daily"."""
    lex = lexicon()
    fixed = sorted(lex.scan, key=len, reverse=True)
    unit = lex.alternation("units")
    extra = [rf"(?:recent|coming) {unit}", r"the (?:same|following|previous) day",
             r"(?:that|the (?:same|following|previous)) (?:morning|afternoon|evening|night)",
             rf"(?:once|twice|(?:two|three|four|five|six|\d+) times) (?:a|an|per|each|every) {unit}",
             rf"(?:each|every) {lex.alternation('day_parts')}"]
    extra.append(r"\d{1,2}:\d{2}(?:\s?(?:[ap]\.?m\.?|UTC|GMT))?")  # clock times spaCy leaves unlabelled
    extra.append(CLOCK_PLURAL.pattern)
    extra.append(r"(?:[01]\d|2[0-3])[0-5]\d (?:UTC|GMT)")  # "0735 GMT"
    # "to last over a week", "for a month": one unit after a preposition of length is a duration
    extra.append(r"(?:(?<=\bfor )|(?<=\bwithin )|(?<=\bover ))(?:a|an) (?:day|week|fortnight|month|year|hour|decade)")
    # "the post-1959 politics", "pre-1990 levels": a year that a prefix makes a modifier
    extra.append(r"(?:pre|post|mid)-(?:1[5-9]|20)\d\d")
    # "since '82", "the class of '98": a year cut to two digits after a preposition
    extra.append(r"(?:(?<=\bsince )|(?<=\bin )|(?<=\bof )|(?<=\bfrom )|(?<=\buntil )|(?<=\bby ))['\u2019]\d\d")
    extra.append(r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|(?:1[5-9]|20)\d\d-[01]\d-[0-3]\d")  # "7/8/07", "2016-03-27"
    extra.append(r"(?:fiscal )?(?:first|second|third|fourth)[- ]quarter")  # spaCy reads "second" as an ordinal
    # "The worst single-day fall", "a day-long meeting": compound durations spaCy leaves unlabelled.
    extra.append(r"single-(?:day|week|month|year|hour)|(?:day|week|month|year|hour)s?-long")
    extra.append(r"(?<=[a-z] )day(?= for\b)")  # "a great day for Poland", kept only where a judging word is before
    numbers = "|".join(sorted((re.escape(n) for n in lex.numbers if n not in {"a", "an", "half"}),
                              key=len, reverse=True))
    # Durations spaCy calls CARDINAL or QUANTITY ("about 5 1/2 hours", "two more weeks"); not the
    # fraction "three quarters of its value", nor "one day" as in "he will one day fly".
    extra.append(rf"(?:\d+(?: \d/\d)?|{numbers}|several|a few)(?: and a half)? (?:more |additional |full )?"
                 rf"(?!quarters of (?:its|the|their|his|her|a|an|all|this|that)\b)(?!day\b){unit}")
    alternation = "|".join([re.escape(k) for k in fixed] + extra)
    return re.compile(rf"(?i)(?<![\w-])(?:{alternation})(?![\w-])")


# A day of the month, 1 to 31: "40 and 50 March protesters" names no day.
DAY_OF_MONTH = r"(?:3[01]|[12]\d|0?[1-9])"


@lru_cache(maxsize=1)
def month_names() -> str:
    """A regex alternation of the lexicon's months as names are capitalised ("March", "Sept"), longest first."""
    return "(?:" + "|".join(sorted((m.capitalize() for m in lexicon().months), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def named_day_pattern() -> re.Pattern[str]:
    """Weekdays and dates (month-day or day-month), capitalised as names are, which spaCy sometimes
    leaves unlabelled."""
    lex = lexicon()
    weekdays = "|".join(sorted((w.capitalize() for w in lex.weekdays if w.endswith("day")), key=len, reverse=True))
    months = "|".join(sorted((m.capitalize() for m in lex.months if m != "may"), key=len, reverse=True))
    named = "".join(rf"(?<!{re.escape(prefix)} )" for prefix in lex.named_day_prefixes)
    # One-word holidays, capitalised, with a "last" or "next" before them: "last Thanksgiving".
    holidays = "|".join(sorted((h.capitalize() for h in lex.holidays if " " not in h and "'" not in h),
                               key=len, reverse=True))
    day = DAY_OF_MONTH
    return re.compile(rf"(?<![\w-])(?:{named}(?:{weekdays})|(?:{months})\.? {day}(?!\d)(?:,? \d{{4}})?"
                      # "6 March", "12 March 2016", and a range's first day with it ("5-6 March")
                      rf"|(?:{day}\s*(?:-|\u2013|to|and)\s*)?{day} (?:{months})\b\.?(?: \d{{4}})?"
                      rf"|(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?(?:{holidays}))(?![\w-])")
