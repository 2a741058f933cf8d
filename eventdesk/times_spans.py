"""Where the time expressions are: spaCy's DATE/TIME spans, cut and joined the TimeML way.

spaCy finds most dates but cuts them unlike TimeML ("about five hours",
"between 1994 and 1997", "Tuesday" + "morning") and misses adverbs such as
"now" or "recently". This module turns its spans plus a lexicon scan into
candidate character spans; normalising them is `times_normalise`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from eventdesk.times_lexicon import lexicon
from eventdesk.times_scan import (
    CLOCK_PLURAL, DAY_OF_MONTH, is_judged_day, is_month_and_compound, month_names, named_day_pattern, scan_pattern,
    without_adverb_day,
)


Resolve = Callable[[str], str]  # an expression's text to its TIMEX3 value ("UNKNOWN" if none)


@dataclass(frozen=True)
class Candidate:
    """A span that may be a time expression, and the wider span it was cut from (for its mod)."""

    start: int
    end: int
    outer_start: int
    outer_end: int


# "82-year-old", "2,000 years old", "aged 44", "at the age of 56", "his 30s": ages, not times.
_AGE = re.compile(r"(?i)\b(?:years?|yrs?|months?|weeks?|days?)[- ]old\b|^\s*aged?\b|\bold$|\bage of\b")
_CURRENCY = re.compile(r"[$\u00a3\u20ac%]")
_TITLE = re.compile(r"^(?:This|Next|Last) (?:Week|Month|Year)$")  # "ABC's 'This Week'": a programme, not a week
_BARE_NUMBER = re.compile(r"^[\d,.]+$")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
_SPLIT = re.compile(r"\s+(?:to|through|until|till|and|or|-|--)\s+|\s*[-\u2013\u2014]\s*(?=\d)")
_ENDED = re.compile(r"\s+(?:ended|ending|ends|that ended|which ended|through)\s+")
_OF = re.compile(r"\s+of\s+")
_DAY_NUMBER = re.compile(r"\d{1,2}")
_GAP = re.compile(r"[ ,]{0,2}")
_ENDS_WITH_YEAR = re.compile(r"\d{4}$")
_TRAILING = re.compile(r"(?:'s|\u2019s|\s+later|[.,;:]+|,?\s+(?:and|or))$", re.IGNORECASE)
_SHORT_YEAR = re.compile(r"['\u2019]\d\d")
_YEAR_LIST = re.compile(r"(?<=\d{4}),\s+(?=(?:1[5-9]|20)\d\d\b)")  # "1994, 1995 and 1997"


@lru_cache(maxsize=1)
def _numbers_before_month() -> re.Pattern[str]:
    return re.compile(rf"(?:(?P<first>\d+)\s*(?:and|to|or|-|\u2013)\s*)?(?P<last>\d+) {month_names()}\.?")


def _is_count_before_month(text: str, start: int, end: int) -> bool:
    """"40 and 50 March protesters": numbers past any day of a month before a month's name count something."""
    match = _numbers_before_month().fullmatch(text, start, end)
    return match is not None and any(int(number) > 31 for number in match.group("first", "last") if number)


@lru_cache(maxsize=1)
def _day_month() -> re.Pattern[str]:
    """A date written day first, with one of the lexicon's months: "6 March", "12 Sept. 2016"."""
    return re.compile(rf"{DAY_OF_MONTH} {month_names()}\.?(?:,? \d{{4}})?")


@lru_cache(maxsize=1)
def _leading_modifier() -> re.Pattern[str]:
    """Words TimeML leaves out of a span ("about", "nearly", "just"), as a leading-phrase pattern."""
    kept = {"some", "in", "on", "at", "of", "for", "by", *lexicon().kept_modifiers}
    words = [w for w, _ in lexicon().modifiers.items() if w not in kept]
    words += lexicon().leading_words
    alternation = "|".join(re.escape(w) + (_DEICTIC_NEXT if w in {"earlier", "later"} else "")
                           for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i)^(?:(?:{alternation})\s+)+(?=\S)")


# "Earlier this month", "later that year", "earlier in the year", "earlier today": annotators keep
# the cue inside the span before a deictic period or day word (5 of 6), and leave it out before a
# weekday ("earlier Friday", 4 of 5).
_DEICTIC_NEXT = r"(?!\s+(?:this|that|in|today|yesterday|tonight|tomorrow)\b)"


def _is_noise(text: str) -> bool:
    """Whether a spaCy DATE/TIME span is no time expression: an age, a bare number, a lone word."""
    bare = text.strip().lower()
    if _AGE.search(bare) or bare in lexicon().not_times or _TITLE.match(text.strip()):
        return True
    words = set(_WORD.findall(bare))
    if (words & lexicon().money_words or _CURRENCY.search(bare)) and not words & lexicon().time_words:
        return True  # an amount spaCy took for a date ("as little as 99 cents"); "$5 million a year" keeps its rate
    return bool(_BARE_NUMBER.match(bare)) and not _YEAR.match(bare.replace(",", ""))


_QUARTERS = re.compile(r"(?i)(?:\S+ )?quarters?$")
_OF_A_WHOLE = re.compile(r"(?i)\s+of\s+(?:its|the|their|his|her|our|a|an|all|this|that|those|these)\b")


def _is_fraction(text: str, start: int, end: int) -> bool:
    """"Three quarters of the staff", "a quarter of its value": a share, not a time."""
    words = text[start:end]
    for kept in sorted(lexicon().kept_modifiers, key=len, reverse=True):
        words = words.removeprefix(kept + " ")
    return bool(_QUARTERS.fullmatch(words)) and _OF_A_WHOLE.match(text, end) is not None


_DECADE_WORD = re.compile(r"(?i)(?:(?:early|mid|late)[- ])?(?:'?\d0s|twenties|thirties|forties|fifties|sixties"
                          r"|seventies|eighties|nineties)")
_POSSESSIVE_BEFORE = re.compile(r"(?i)\b(?:his|her|their|my|your|our)\s+(?:(?:early|mid|late)[- ]?)?$")


def _is_age(text: str, start: int, end: int) -> bool:
    """"When he was in his 30s": an age, not a decade."""
    return bool(_DECADE_WORD.fullmatch(text[start:end])) and \
        _POSSESSIVE_BEFORE.search(text, max(0, start - 12), start) is not None


@lru_cache(maxsize=1)
def _article_before_date() -> re.Pattern[str]:
    """"The Dec. 21, 1988, bombing": an article before a month and day belongs to the noun after the date."""
    return re.compile(rf"(?i)(?:the|an?)\s+(?=(?:{lexicon().alternation('months')})\.?\s+\d)")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading modifier ("about", "just") or article before a date, and a trailing possessive,
    "later" or stop."""
    article = _article_before_date().match(text, start, end)
    if article is not None:
        start = article.end()
    chunk = text[start:end]
    while True:
        stripped = chunk.strip(" \n\t\"'()[]")
        if _SHORT_YEAR.fullmatch(chunk.strip(" \n\t\"()[]")):
            stripped = chunk.strip(" \n\t\"()[]")  # "since '82": the apostrophe stands for the century
        lead = chunk.index(stripped) if stripped else 0
        start, chunk = start + lead, stripped
        trailing = _TRAILING.search(chunk)
        modifier = _leading_modifier().match(chunk)
        if trailing and trailing.start() > 0 and not chunk.lower().endswith(("a.m.", "p.m.")):
            chunk = chunk[:trailing.start()]
        elif modifier and modifier.end() < len(chunk):
            start, chunk = start + modifier.end(), chunk[modifier.end():]
        else:
            return start, start + len(chunk)


def _pieces(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    pieces, offset = [], start
    for match in pattern.finditer(text, start, end):
        pieces.append((offset, match.start()))
        offset = match.end()
    pieces.append((offset, end))
    return [(s, e) for s, e in pieces if e > s]


def _is_date_value(value: str) -> bool:
    return value[:1].isdigit() or value.startswith("XXXX")


_COMMA = re.compile(r",\s+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?")
_YEAR_AFTER_COMMA = re.compile(r"(?:1[5-9]|20)\d\d|'\d\d")


@lru_cache(maxsize=1)
def _named_date() -> re.Pattern[str]:
    """A date that names its month or day: "Oct. 26", "March eighth", "23 October", "the 5th"."""
    return re.compile(rf"(?i)(?:the )?\d|{lexicon().alternation('months')}\b")


def _one_across_comma(first: str, second: str, resolve: Resolve) -> bool:
    """Whether "first, second" is one expression: a day then its date ("Friday, Oct. 23"), a clock
    time then its day ("5 p.m. EST, Nov. 6"), a date then its year; not an apposition such as
    "April 10, two weeks from now"."""
    if _YEAR_AFTER_COMMA.fullmatch(second.strip()):
        return True
    last_word = first.lower().rstrip(". ").rsplit(" ", 1)[-1]
    # "Thursday, a day earlier than planned" is two: a weekday joins only a date that names its month
    return (last_word in lexicon().weekdays and _named_date().match(second.strip()) is not None) \
        or "T" in resolve(first)


def _appositions(text: str, start: int, end: int, resolve: Resolve) -> list[tuple[int, int]]:
    """A span cut at its commas into expressions that each resolve on their own."""
    pieces = _pieces(text, start, end, _COMMA)
    if len(pieces) == 1 or any(resolve(text[s:e]) == "UNKNOWN" for s, e in pieces):
        return [(start, end)]
    joined = [pieces[0]]
    for piece in pieces[1:]:
        if _one_across_comma(text[slice(*joined[-1])], text[slice(*piece)], resolve):
            joined[-1] = (joined[-1][0], piece[1])
        else:
            joined.append(piece)
    return joined


def _split(text: str, start: int, end: int, resolve: Resolve) -> list[tuple[int, int]]:
    """Cut appositions, "the quarter ended Sept. 30" always, and a range when every part is a date of its own."""
    if _ISO_DATE.fullmatch(text, start, end):
        return [(start, end)]  # "2016-03-20" is one day, not a range of numbers
    appositions = _appositions(text, start, end, resolve)
    if len(appositions) > 1:
        return [piece for part in appositions for piece in _split(text, *part, resolve)]
    spans = _pieces(text, start, end, _ENDED)
    of_parts = _pieces(text, start, end, _OF)
    if len(spans) == 1 and len(of_parts) == 2 and resolve(text[slice(*of_parts[0])]).startswith("P") \
            and _is_date_value(resolve(text[slice(*of_parts[1])])) and not _is_date_value(resolve(text[start:end])):
        spans = of_parts  # "the first nine months of 1997": a duration and a date; "the first week of March" one
    result: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        parts = [piece for part in _pieces(text, span_start, span_end, _SPLIT)
                 for piece in _pieces(text, *part, _YEAR_LIST)]
        # A bare day opens a range whose end names the month after it ("5-6 March") or ends one that
        # named it before ("April 24 and 25").
        day_first = _day_month().fullmatch(text[slice(*parts[-1])].strip()) is not None
        dates = [_DAY_NUMBER.fullmatch(text[s:e].strip()) is not None and (i > 0 or day_first)
                 or _is_date_value(resolve(text[s:e])) for i, (s, e) in enumerate(parts)]
        result.extend(parts if len(parts) > 1 and all(dates) else [(span_start, span_end)])
    return result


# A week or a part of the day that the date after "of" places: "the last weekend of February".
_PERIOD_BEFORE_OF = re.compile(r"(?i)\b(?:week(?:end)?|morning|afternoon|evening|night)$")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _joined_of(text: str, span: tuple[int, int], date: tuple[int, int], resolve: Resolve) -> bool:
    """Whether a period and the date it is "of" make one expression: the joined one is a date, and a part
    of a day keeps the day named ("the evening of Friday" is Friday's evening, not the DCT's)."""
    joined = resolve(text[span[0]:date[1]])
    if not _is_date_value(joined):
        return False
    day = _DAY.match(resolve(text[date[0]:date[1]]))
    return day is None or text[span[1] - 4:span[1]].lower() in {"week", "kend"} or joined.startswith(day[0])


def _merge(text: str, spans: list[tuple[int, int]], resolve: Resolve) -> list[tuple[int, int]]:
    """Join neighbours that make one day or time: "Tuesday" + "morning", "9 a.m." + "Tuesday", a week
    and its month ("the last weekend" + "of February")."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged:
            last_start, last_end = merged[-1]
            gap = text[last_end:start]
            if _PERIOD_BEFORE_OF.search(text, last_start, last_end) and gap == " of " \
                    and not _DAY_NUMBER.fullmatch(text, start, end) \
                    and _joined_of(text, (last_start, last_end), (start, end), resolve):
                merged[-1] = (last_start, end)  # "the last weekend" + "of February", "the morning" + "of 14 March"
                continue
            if _GAP.fullmatch(gap) and not _ENDS_WITH_YEAR.search(text[last_start:last_end]) \
                    and ("," not in gap or _one_across_comma(text[last_start:last_end], text[start:end], resolve)) \
                    and _is_date_value(resolve(text[last_start:end])) \
                    and not is_month_and_compound(text, last_start, end):
                merged[-1] = (last_start, end)
                continue
        merged.append((start, end))
    return merged


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


_DEICTIC_BEFORE = re.compile(r"(?i)\b(?:this|last|next)\s+$")
_BARE_UNIT = re.compile(r"(?i)(?:year|month|week|quarter)$")


_EVERY_BEFORE = re.compile(r"(?i)\b(?:each|every)\s+$")
_SAME_PERIOD_BEFORE = re.compile(r"(?i)\b(?:the )?(?:same|corresponding|comparable) (?:period|month|week) (?:of )?$")
_YEAR_BACK = re.compile(r"(?i)last year|a year (?:ago|earlier)|the (?:previous|prior) year")
_YEAR_PERIOD_AROUND = re.compile(r"(?i)the (?P<year>(?:1[5-9]|20)\d\d) (?:fiscal )?(?:period|quarter)\b")
_AGO_ADJECTIVE = re.compile(r"(?i)\b(?:year|month|quarter)[- ](?:ago|earlier)$")
_PERIOD_AFTER = re.compile(r"(?i)\s+(?:period|quarter|month|week|half)\b")
_ZONE_AFTER = re.compile(r"\s?(?:UTC|GMT)\b")  # "14:58 UTC": spaCy stops at the digits
# "from 2009 to 2011": spaCy often tags the first year alone; the range's other end is a year too.
_YEAR_RANGE_END = re.compile(r"\s+(?:to|through|until|till|and|or)\s+(?:(?:1[5-9]|20)\d\d)(?![\d,.]\d|%)\b|"
                             r"\s*[-\u2013]\s*(?:(?:1[5-9]|20)\d\d)(?![\d,.]\d|%)\b")


def _with_deictic(text: str, start: int, end: int) -> tuple[int, int]:
    """Give back what spaCy cut off: "This" of "This year's", "each" of "each July", "UTC", "the same month"."""
    before = _DEICTIC_BEFORE.search(text, max(0, start - 6), start)
    if before is not None and _BARE_UNIT.match(text[start:end]):
        return before.start(), end
    same = _SAME_PERIOD_BEFORE.search(text, max(0, start - 40), start)
    if same is not None and _YEAR_BACK.fullmatch(text[start:end]):
        return same.start(), end  # "the corresponding period last year": one expression
    period = _YEAR_PERIOD_AROUND.match(text, max(0, start - 4))
    if period is not None and period.start("year") == start and period.end("year") == end:
        return period.start(), period.end()  # "the 1988 period": TimeML takes the whole noun phrase
    range_end = _YEAR_RANGE_END.match(text, end)
    if range_end is not None and _YEAR.match(text[max(start, end - 4):end]):
        return start, range_end.end()
    noun = _PERIOD_AFTER.match(text, end)
    if noun is not None and _AGO_ADJECTIVE.search(text, max(start, end - 14), end):
        return start, noun.end()  # "the year-ago period": the noun the adjective dates belongs to the span
    zone = _ZONE_AFTER.match(text, end)
    if zone is not None and text[end - 1:end].isdigit():
        return start, zone.end()
    every = _EVERY_BEFORE.search(text, max(0, start - 7), start)
    lex = lexicon()
    if every is not None and text[start:end].lower().rstrip(".") in {**lex.weekdays, **lex.months}:
        return every.start(), end
    unit = _unit_after().match(text, end)
    if unit is not None and _count_end().search(text, start, end):
        return start, unit.end()  # "the past three" + "summers"
    return start, end


@lru_cache(maxsize=1)
def _count_end() -> re.Pattern[str]:
    """A span ending in a count: a digit, a number word or a vague amount ("several", "few")."""
    lex = lexicon()
    words = [w for w in {*lex.numbers, *lex.vague_numbers} if w.isalpha() and w not in {"a", "an", "half"}]
    return re.compile(rf"(?i)(?:\d|\b(?:{'|'.join(sorted(words, key=len, reverse=True))}))$")


@lru_cache(maxsize=1)
def _unit_after() -> re.Pattern[str]:
    """A plural unit or season right after a span that ends in a count, which spaCy left out."""
    lex = lexicon()
    words = sorted({w for w in lex.units if w.endswith("s")} | {f"{s}s" for s in lex.seasons}, key=len, reverse=True)
    return re.compile(rf"(?i) (?:{'|'.join(words)})\b")


def _after_verb(ent: Span) -> int:
    """Where a date entity starts once a leading verb is left out: "(will) last 48 hours" is "48 hours".

    Only a finite or bare verb: a participle before a unit is its modifier ("coming weeks")."""
    first = ent[0]
    return ent[1].idx if len(ent) > 1 and first.tag_ in {"VB", "VBD", "VBP", "VBZ"} else ent.start_char


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at its line breaks: a headline's date and the dateline under it are two expressions."""
    pieces, offset = [], start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            first = offset + line.index(stripped)
            pieces.append((first, first + len(stripped)))
        offset += len(line) + 1
    return pieces


def _raw_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """spaCy's DATE/TIME entities, then lexicon matches where spaCy found nothing; a named date that
    holds spaCy's spans whole ("5-6 March" where spaCy saw "March") replaces them."""
    raw = [without_adverb_day(doc, *_with_deictic(text, start, end)) for ent in doc.ents
           if ent.label_ in {"DATE", "TIME"} for start, end in _lines(text, _after_verb(ent), ent.end_char)]
    for pattern in (scan_pattern(), named_day_pattern()):
        for match in pattern.finditer(text):
            start, end = without_adverb_day(doc, *match.span())
            inside = [span for span in raw if _overlaps(span, [(start, end)])]
            if not inside or (pattern is named_day_pattern() and all(start <= s and e <= end for s, e in inside)):
                raw = [span for span in raw if span not in inside] + [(start, end)]
    return raw


_WORD = re.compile(r"[a-z]+")
def _is_noise_here(text: str, start: int, end: int) -> bool:
    """`_is_noise`, except for a bare unit that its preposition makes a duration ("in minutes")."""
    plural = CLOCK_PLURAL.match(text, start)
    return (plural is None or plural.end() != end) and _is_noise(text[start:end])


def _names_no_time(text: str, resolve: Resolve) -> bool:
    """A span with no digit and no time word that resolves to nothing ("Stauber"): no time expression."""
    if any(char.isdigit() for char in text):
        return False
    words = set(_WORD.findall(text.lower().replace("'s", "")))
    return not words & lexicon().time_words and resolve(text) == "UNKNOWN"


# "Shares rose 2% to end the day at 41", "for the day, the index lost 3%", "late in the day": in
# market and daily reports "the day" is the trading day told of, which TimeML annotates.
_DAY_FRAME_BEFORE = re.compile(r"(?i)(?:\b(?:end|ends|ended|ending|close|closes|closed|closing|finish|finishes"
                               r"|finished|finishing|start|starts|started|starting|open|opens|opened|opening)"
                               r"|(?:^|[.!?]\s+|\n)for|\b(?:late|early|later|earlier) in)\s+$")


def _is_day_frame(text: str, start: int, end: int) -> bool:
    """"The day" that a report's day frames ("to end the day at"), which is kept though "the day" is no time alone;
    or the day a speaker judges ("a great day for Poland")."""
    return (text[start:end].lower() == "the day"
            and _DAY_FRAME_BEFORE.search(text, max(0, start - 12), start) is not None) \
        or is_judged_day(text, start, end)


# "A good day for sellers", "a long day": a day of its kind, which spaCy labels but TimeML leaves out.
_KIND_OF_DAY = re.compile(r"(?i)an? [a-z]+ day")


def _judged_day_word(text: str, start: int, end: int) -> int:
    """The start of "day" in spaCy's "a great day" when the day is judged, which TimeML annotates alone;
    else the span's start."""
    if not text[start:end].lower().endswith(" day"):
        return start
    return end - 3 if is_judged_day(text, end - 3, end) else start


_IN_BEFORE = re.compile(r"(?i)\b(?:in|during)\s+$")


def _is_day_part_frame(text: str, start: int, end: int) -> bool:
    """"Dealers placed buy orders in the morning": a part of the day that the day told of frames."""
    return text[start:end].lower() in {"the morning", "the afternoon", "the evening"} \
        and _IN_BEFORE.search(text, max(0, start - 8), start) is not None


@lru_cache(maxsize=1)
def _count_range() -> re.Pattern[str]:
    """Two counts of one unit: "60 and 90 days", "two to six days"."""
    lex = lexicon()
    words = sorted((w for w in lex.numbers if w.isalpha() and w not in {"a", "an", "half"}), key=len, reverse=True)
    count = rf"(?:\d+|{'|'.join(words)})"
    return re.compile(rf"(?i)(?P<first>{count})\s+(?:and|to)\s+(?P<second>{count}\s+{lex.alternation('units')})")


_BETWEEN_BEFORE = re.compile(r"(?i)\bbetween\s+$")


def _between_counts(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """"Between 60 and 90 days": TimeML annotates each end as a duration of its own ("60", "90 days")."""
    match = _count_range().fullmatch(text, start, end)
    if match is None or _BETWEEN_BEFORE.search(text, max(0, start - 9), start) is None:
        return None
    return [match.span("first"), match.span("second")]


def _cut(text: str, raw: list[tuple[int, int]], resolve: Resolve) -> dict[tuple[int, int], tuple[int, int]]:
    """Each raw span trimmed and split into pieces, mapped to the span whose words give its mod."""
    outer_of: dict[tuple[int, int], tuple[int, int]] = {}
    for outer in raw:
        trimmed = _trim(text, *outer)
        if _is_day_frame(text, *trimmed):
            outer_of[trimmed] = outer
            continue
        if trimmed[1] <= trimmed[0] or _is_noise_here(text, *trimmed) \
                or _names_no_time(text[trimmed[0]:trimmed[1]], resolve):
            continue
        counts = _between_counts(text, *trimmed)
        split = counts or _split(text, *trimmed, resolve)
        for index, piece in enumerate(split):
            piece = _trim(text, *piece)
            # "April 24 and 25", "5-6 March": a day of a range is a date, not a bare number.
            opens = index > 0 or _day_month().fullmatch(text[slice(*split[-1])].strip()) is not None
            range_day = opens and _DAY_NUMBER.fullmatch(text[piece[0]:piece[1]]) is not None \
                and 1 <= int(text[piece[0]:piece[1]]) <= 31
            if piece[1] > piece[0] and (range_day or counts or not _is_noise_here(text, *piece)) \
                    and not _is_fraction(text, *piece) and not _is_age(text, *piece):
                # A piece of a range stands alone; a whole span keeps its cut-off "nearly".
                outer_of[piece] = outer if len(split) == 1 else piece
    return outer_of


def _is_thing_named(doc: Doc, text: str, start: int, end: int) -> bool:
    """Words of time that name a place or a thing here: 'a Christmas market', 'the workers' quarter'."""
    said = text[start:end].lower()
    if not said.endswith(("quarter", "quarters")) and said not in lexicon().holidays:
        return False  # the text first: a span is built only for a quarter or a holiday
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    if last.lower_ in {"quarter", "quarters"} and sum(t.dep_ != "det" for t in span) <= 2:
        modifiers = [c for c in last.children if c.i < last.i and c.dep_ != "det"]
        return bool(modifiers) and all(
            (c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"} and c.ent_type_ not in {"ORG"})
            or c.lower_ in lexicon().town_quarter_words or c.ent_type_ == "NORP" for c in modifiers)
    return (last.dep_ == "compound" and last.head.i > last.i
            and last.head.lemma_.lower() in lexicon().holiday_things and span.text.lower() in lexicon().holidays)


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _in_title(doc: Doc, text: str, start: int, end: int) -> bool:
    """"CBS's '60 Minutes'", "This is VOA Today": a time word capitalised after another word inside a
    sentence that is not itself in title case belongs to a programme's or a paper's name."""
    words = lexicon().title_words
    if not any(word.group().lower() in words for word in _CAPITALISED_WORD.finditer(text, start, end)):
        return False  # the text first: a span is built only for a capitalised title word
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sentence = span.sent
    capitalised = [t.is_title for t in sentence if t.is_alpha]
    if sum(capitalised) * 2 > len(capitalised):
        return False  # a headline in title case capitalises every word
    for token in span:
        before = doc[token.i - 1] if token.i > sentence.start else None
        if token.is_title and token.lower_ in words and before is not None \
                and (before.is_alpha or before.like_num) and before.lower_ not in lexicon().time_words:
            return True
    return False


@lru_cache(maxsize=1)
def _month_naming() -> re.Pattern[str]:
    """A month's name heading a name: "the March for Life", "the March of the Living"."""
    months = "|".join(sorted((m.capitalize() for m in lexicon().months if len(m) > 3), key=len, reverse=True))
    return re.compile(rf"(?:{months})\s+(?:for|of)\s+(?:the\s+)?(?!(?:{months})\b)[A-Z][a-z]")


def _year_in_name(doc: Doc, text: str, start: int, end: int) -> bool:
    """"The Russell 2000 Index", "Windows 2000 Server": a year between two words of a name is part of it."""
    if not _YEAR.fullmatch(text[start:end]):
        return False
    span = doc.char_span(start, end)
    if span is None or span.start == span.sent.start or span.end >= len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    return before.pos_ == "PROPN" and after.pos_ == "PROPN" and before.is_title and after.is_title \
        and before.lower_.rstrip(".") not in lexicon().time_words and after.lower_ not in lexicon().time_words


def _names_a_title(doc: Doc, text: str, start: int, end: int) -> bool:
    """Words of time that are part of a name: a programme, a march, a stock index."""
    return _in_title(doc, text, start, end) or _month_naming().match(text, start) is not None \
        or _year_in_name(doc, text, start, end)


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]['\"\u201d\u2019]*\s+|\n\s*|[\"\u201c]\s*|``\s*)$")
_DISCOURSE_AFTER_NOW = re.compile(r",|\s+(?:for|on to)\b")


def _is_discourse_now(text: str, start: int, end: int) -> bool:
    """"Now, he says, it looks different", "Now for the weather": a sentence opened by "Now" set off by a
    comma, or turning to a new topic, is the discourse marker, which TimeML leaves unannotated."""
    return text[start:end] == "Now" and _DISCOURSE_AFTER_NOW.match(text, end) is not None \
        and _SENTENCE_OPENING.search(text, max(0, start - 4), start) is not None


_HOURS_OF = re.compile(r"(?i)(?:the )?(?:early|small|wee) hours(?P<of> of)?")  # spaCy may take the "of"
_OF_GAP = re.compile(r" of (?:the )?| (?:the )?")


def _is_hours_of_a_day(text: str, start: int, end: int, starts: set[int]) -> bool:
    """"In the early hours of Thursday morning": the part of a day that the day's own span carries, which
    TimeML leaves unannotated (TBAQ 1 of 1)."""
    hours, gap = _HOURS_OF.fullmatch(text, start, end), _OF_GAP.match(text, end)
    return hours is not None and gap is not None and gap.end() in starts and (hours["of"] or gap[0].startswith(" of"))


_STEP_BEFORE = re.compile(r"(?i)\b(?:the|a) (?:day|week) (?:before|after) $")


def _with_step_before(text: str, start: int, end: int, resolve: Resolve) -> int:
    """The start of "the day before" + "Christmas", which spaCy leaves apart: one expression, a day
    or a week from the day named ("the week after Easter")."""
    step = _STEP_BEFORE.search(text, max(0, start - 16), start)
    if step is None or not _is_date_value(resolve(text[step.start():end])):
        return start
    return step.start()


def candidate_spans(doc: Doc, text: str, resolve: Resolve) -> list[Candidate]:
    """Time-expression spans of a parsed text (`text` is `doc.text`), in order, with the spans they were cut from."""
    outer_of = _cut(text, _raw_spans(doc, text), resolve)
    candidates: list[Candidate] = []
    spans = _merge(text, list(outer_of), resolve)
    starts = {start for start, _ in spans}
    for start, end in spans:
        if _is_hours_of_a_day(text, start, end, starts):
            continue
        start = _judged_day_word(text, _with_step_before(text, start, end, resolve), end)
        while candidates and candidates[-1].start >= start:
            candidates.pop()  # "the week" that the step ("the week after Easter") now holds
        if text[start:end].lower() in lexicon().bare_day_parts and not _is_day_part_frame(text, start, end):
            continue  # a part of the day that joined no day
        if _KIND_OF_DAY.fullmatch(text, start, end) and resolve(text[start:end]) == "UNKNOWN":
            continue
        if _is_thing_named(doc, text, start, end) or _names_a_title(doc, text, start, end) \
                or _is_discourse_now(text, start, end) or _is_count_before_month(text, start, end):
            continue
        outer = outer_of.get((start, end), (start, end))
        candidates.append(Candidate(start, end, min(outer[0], start), max(outer[1], end)))
    return candidates
