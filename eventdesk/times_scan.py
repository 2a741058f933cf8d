"""The lexicon scan of the times stage: expressions spaCy leaves unlabelled, as patterns.

spaCy finds most dates but not adverbs such as "now" or "recently", clock times in some
forms, durations it calls CARDINAL, or some capitalised weekdays and dates; `times_spans`
adds what these patterns match where spaCy found nothing. The month and day-number patterns, the
day a speaker judges ("a great day for Poland") and the day word after a month that is no day ("in
March first rose") are text patterns too, kept here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from eventdesk.times_lexicon import lexicon, spelled_day_alternation

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
    # "for the twelfth straight week", "a fifth consecutive month": a run of periods spaCy may leave unlabelled
    extra.append(rf"(?:the|a) (?:{lex.alternation('ordinals')}|\d{{1,3}}(?:st|nd|rd|th)) (?:consecutive|straight|successive)"
                 r" (?:day|week|month|quarter|year)")
    extra.append(r"(?<=[a-z] )day(?= for\b)")  # "a great day for Poland", kept only where a judging word is before
    numbers = "|".join(sorted((re.escape(n) for n in lex.numbers if n not in {"a", "an", "half"}),
                              key=len, reverse=True))
    # Durations spaCy calls CARDINAL or QUANTITY ("about 5 1/2 hours", "two more weeks"); not the
    # fraction "three quarters of its value", nor "one day" as in "he will one day fly".
    extra.append(rf"(?:\d+(?: \d/\d)?|{numbers}|several|a few)(?: and a half)? (?:more |additional |full )?"
                 rf"(?!quarters of (?:its|the|their|his|her|a|an|all|this|that)\b)(?!day\b){unit}")
    alternation = "|".join([re.escape(k) for k in fixed] + extra)
    return re.compile(rf"(?i)(?<![\w-])(?:{alternation})(?![\w-])")


_ADVERB_DAYS = ("first", "second")
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
    # "March twelfth", "March the thirty-first": a day in words, which spaCy leaves out of the month's span;
    # "first" and "second" only where the phrase ends, as they are adverbs too ("in March first rose"), and
    # so any day after "the", which may start a noun phrase instead ("in March the third round of talks")
    spelled = spelled_day_alternation(skip=_ADVERB_DAYS)
    phrase_end = r"(?=[,.;:!?)\"'\u201d]|\s*$|\s+(?:and|or|to|through|until)\b)"
    every = spelled_day_alternation()
    spelled += rf"|(?:{'|'.join(_ADVERB_DAYS)}){phrase_end}"
    return re.compile(rf"(?<![\w-])(?:{named}(?:{weekdays})|(?:{months})\.? {day}(?!\d)(?:,? \d{{4}})?"
                      rf"|(?:{months}) (?:{spelled})|(?:{months}) the (?:{every}){phrase_end}"
                      # "6 March", "12 March 2016", and a range's first day with it ("5-6 March")
                      rf"|(?:{day}\s*(?:-|\u2013|to|and)\s*)?{day} (?:{months})\b\.?(?: \d{{4}})?"
                      rf"|(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?(?:{holidays}))(?![\w-])")


@lru_cache(maxsize=1)
def _month_and_spelled_day() -> re.Pattern[str]:
    """A span ending in a month and a day in words: "March first", "June the tenth", "May second-quarter"."""
    return re.compile(rf"(?i)(?<![\w-])(?P<month>{lexicon().alternation('months')})\.?(?: the)? "
                      rf"(?:{spelled_day_alternation()})"
                      r"(?P<compound>-[a-z]+)?$")


_HYPHEN_AFTER = re.compile(r"-[A-Za-z]")
_ON_BEFORE = re.compile(r"(?i)\bon\s+$")
# "In March" takes no day ("on March 1"): a day word after it, short of the phrase's end, is no day either
_IN_BEFORE = re.compile(r"(?i)\b(?:in|during)\s+$")
# What the day word is an adverb of or starts: "first rose", "third parties", "first quarterly results"
_WORDS_AFTER_AN_ADVERB_DAY = frozenset({"VERB", "AUX", "NOUN", "ADJ"})


def is_month_and_compound(text: str, start: int, end: int) -> bool:
    """"April" + "third-quarter": a compound of a day word is not the month's day."""
    day = _month_and_spelled_day().fullmatch(text, start, end)
    return day is not None and bool(day["compound"])


def without_adverb_day(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """"March first" where a verb, noun or adjective follows: the day word is an adverb ("prices in March
    first rose") or starts a noun phrase ("in March third parties filed", "May second-quarter earnings"), and
    the month stands alone; after "in", whatever follows short of the phrase's end ("in March first the army
    withdrew"). Not after "on", which takes a day, nor otherwise before a place or clock ("met March third in
    Geneva")."""
    day = _month_and_spelled_day().search(doc.text, start, end)
    if day is None or _ON_BEFORE.search(doc.text, max(0, start - 4), start):
        return start, end
    span = doc.char_span(start, end, alignment_mode="expand")
    after = doc[span.end] if span is not None and span.end < len(doc) else None
    within = _IN_BEFORE.search(doc.text, max(0, start - 7), start) is not None
    if day["compound"] or _HYPHEN_AFTER.match(doc.text, end) \
            or (after is not None and (after.pos_ in _WORDS_AFTER_AN_ADVERB_DAY or within and not after.is_punct)):
        return start, day.end("month")
    return start, end


@lru_cache(maxsize=1)
def _judged_day_before() -> re.Pattern[str]:
    # Not after "today is": "Today is a sad day for..." dates the day once, by "Today".
    return re.compile(rf"(?i)(?<!today is )(?<!today was )\b(?:a|an|this|such a|what a) "
                      rf"(?:{lexicon().alternation('judged_day_words')}) $")


_FOR_AFTER = re.compile(r" for\b")
# "It would be a good day for buyers if rates fell": a day supposed, not one told of.
_SUPPOSED_BEFORE = re.compile(r"(?i)\b(?:would|could|might|if|unless)\b[^.!?;]*$")
_SUPPOSED_AFTER = re.compile(r"(?i)[^.!?;]*\b(?:if|unless)\b")


def is_judged_day(text: str, start: int, end: int) -> bool:
    """"It was a great day for Poland", "a sad day for democracy": the day told of, as a speaker judges it;
    TimeML annotates "day" with the date of that day. A supposed day ("would be a great day if") is none."""
    return text[start:end].lower() == "day" and _FOR_AFTER.match(text, end) is not None \
        and _judged_day_before().search(text, max(0, start - 36), start) is not None \
        and _SUPPOSED_BEFORE.search(text, max(0, start - 60), start) is None \
        and _SUPPOSED_AFTER.match(text, end, min(len(text), end + 80)) is None
