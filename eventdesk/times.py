"""The times stage: every time expression of an article, resolved against its DCT.

Candidates are spaCy's DATE/TIME spans plus a lexicon scan, cut the TimeML
way (`times_spans`); each is normalised to a TIMEX3 value (`times_normalise`)
with a direction read from the tense of the verb that governs it, then given
its calendar interval and precision (`times_calendar`). `event_date` tells the
events stage which expression dates an event trigger.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventdesk.model import Extraction, TimeExpr
from eventdesk.settings import Options
from eventdesk.times_anchors import anchor_to_events
from eventdesk.times_calendar import Interval, interval_of, iso_week_value, narrow
from eventdesk.times_lexicon import lexicon
from eventdesk.times_normalise import Resolution, normalise_expression
from eventdesk.times_quarters import (QuarterMemory, compares_quarters, fiscal_quarter_interval, quarter_ended,
                                      speaks_of_quarters, track_quarter)
from eventdesk.times_scan import DAY_OF_MONTH, is_judged_day, month_names
from eventdesk.times_spans import Candidate, candidate_spans

# Splitting ranges needs to know whether a part is a date even in an article
# with no DCT; any fixed day serves, since only the kind of value is read.
_SPLIT_ANCHOR = dt.date(2000, 6, 15)
_PRESENT_PASSIVE = frozenset({"is", "are", "am", "be", "'s", "'re"})
_DATE_SOURCES = frozenset({"dateline", "metadata"})
_ENDED_AFTER = re.compile(r"\s+(?:that |which )?(?:ended|ending|ends)\b", re.IGNORECASE)
_PER_UNIT = re.compile(r"(?i)(?:^|\s)(?:a|an|per) (?P<unit>year|month|week|day)$")
_AMOUNT_BEFORE = re.compile(r"(?i)(?:\d|\bmillion|\bbillion|\bpercent|%)\s*$")
_MODAL_BEFORE = re.compile(r"(?i)\b(?:will|would|could|may|might|shall|should|can)\s+$")
_RATE_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D"}
_LATER = re.compile(r"\s+later\b.*", re.IGNORECASE)
_YEAR_VALUE = re.compile(r"\d{4}")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAN_VERBS = frozenset({"plan", "schedule"})
_UNTIL = frozenset({"until", "till"})
_COMPLETION_VERBS = frozenset({"end", "close", "conclude", "expire"})
_REFERENCE_PRECISIONS = frozenset({"day", "week", "month", "quarter", "season", "year", "minute", "hour"})


def _path_to_verb(span: Span) -> tuple[list[Token], Token | None]:
    """The tokens from an expression's head up to the verb it hangs from, and that verb."""
    token, path = span.root, []
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} and token not in span:
            return path, token
        if token.head.i == token.i:
            break
        token = token.head
        if token not in span:
            path.append(token)
    root = span.sent.root
    return path, (root if root.pos_ in {"VERB", "AUX"} else None)


def _verb_direction(verb: Token) -> int:
    """The direction a verb's tense and mood give: modals and infinitives of intent point forward."""
    lex = lexicon()
    auxes = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
    if verb.tag_ == "MD":
        auxes.add(verb.lower_)
    if auxes & lex.future_modals:
        return 1
    if verb.tag_ == "VB" and "to" in auxes:
        governor = verb.head
        if governor.lemma_.lower() in lex.future_governors or governor.tag_ in {"VBZ", "VBP", "MD"}:
            return 1
    if auxes & lex.past_aux or verb.tag_ == "VBD":
        return -1
    if verb.tag_ == "VBN":
        return 0 if auxes & _PRESENT_PASSIVE else -1
    return 0


def _present_plan(span: Span, verb: Token) -> bool:
    """"Ministers meet Monday": a simple present that a time modifies directly tells what is due."""
    head = span.root.head
    attached = head.i == verb.i or (head.dep_ == "prep" and head.lower_ in {"on", "at"} and head.head.i == verb.i)
    return attached and span.root.dep_ != "poss" and verb.tag_ in {"VBZ", "VBP"} \
        and verb.lemma_.lower() not in lexicon().present_not_future \
        and not any(child.dep_ in {"aux", "auxpass"} for child in verb.children)


def _past_perfect(verb: Token) -> bool:
    """Whether the verb, or what it completes ("had been due to expire"), is in the past perfect."""
    for token in (verb, verb.head, verb.head.head):
        if any(child.dep_ in {"aux", "auxpass"} and child.lower_ in {"had", "'d"} for child in token.children):
            return True
    return False


def _present_perfect(verb: Token) -> bool:
    """"Has given", "have been closed", "has continued to hold (them) closed": a perfect with a present
    auxiliary (not "had"), on the verb or on one it completes."""
    for token in (verb, verb.head, verb.head.head):
        auxes = {child.lower_ for child in token.children if child.dep_ in {"aux", "auxpass"}}
        if token.tag_ == "VBN" and auxes & {"has", "have", "'s", "'ve"}:
            return True
    return False


def _speech_verb_before(span: Span) -> Token | None:
    """"The company said on Tuesday it would cut jobs": the verb of saying right before the expression,
    whose time it is in the wire formula, though a parser may hang it from the verb said."""
    before = span.doc[span.start - 1] if span.start >= 1 else None
    if before is not None and before.lower_ == "on" and span.start >= 2:
        before = span.doc[span.start - 2]
    if before is None or before.pos_ != "VERB" or before.lemma_.lower() not in lexicon().speech_verbs:
        return None
    # Only an adverbial time ("said Tuesday") or the object of "on" is the saying's; a subject or a
    # possessive opens the reported clause ("said Saturday would be the hottest day", "said Tuesday's vote").
    root = span.root
    adverbial = root.dep_ == "npadvmod" or (root.dep_ == "pobj" and root.head.lower_ == "on")
    return before if adverbial else None


def _clause_verb(verb: Token) -> Token:
    """The verb whose tense a bare present participle of a figure's move takes: "have swung, rising to a high
    in June from $29.75 in March" tells of the time of the verb it hangs from; "marched, demanding elections
    in May" does not, and keeps its own reading."""
    token, movements = verb, lexicon().movement_participles
    for _ in range(3):
        bare = token.tag_ == "VBG" and not any(child.dep_ in {"aux", "auxpass"} for child in token.children)
        if not bare or token.dep_ not in {"advcl", "pcomp"} or token.lemma_.lower() not in movements:
            break
        if any(child.dep_ == "dobj" and not _moved_by(child) for child in token.children):
            break  # "ending production", "gaining seats": the verb's transitive use, no figure's move
        token = token.head if token.dep_ == "advcl" else token.head.head
        if token.pos_ not in {"VERB", "AUX"}:
            return verb
    return token


def _moved_by(obj: Token) -> bool:
    """The object a figure's move may take: its amount ("gaining 5%", "climbing 12 points") or the period
    it moved over ("ending the week up 3%")."""
    amount = obj.like_num or obj.lower_ in {"%", "$"} or any(c.dep_ == "nummod" for c in obj.children)
    return amount or obj.lower_ in lexicon().units


def _has_article(noun: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in {"a", "an", "the"} for child in noun.children)


@lru_cache(maxsize=1)
def _market_open_before() -> re.Pattern[str]:
    """"Futures point to a higher open on Monday", "Wall Street heads for a weak start Tuesday"; not a past
    form ("futures had pointed to", "shares were heading for"), which the tense reads as any other."""
    verbs = "|".join(sorted((re.escape(verb) for verb in lexicon().market_open_verbs), key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\bhad )(?<!\bwas )(?<!\bwere )(?<!\bbeen )\b(?:{verbs}) (?:a|an) [a-z]+(?:ly [a-z]+)?"
                      r" (?:open|opening|start)(?: (?:for|on) (?:Wall Street|the [A-Z][\w&]*(?: [A-Z][\w&]*)*))?,?"
                      r" (?:on )?$")


@lru_cache(maxsize=1)
def _market_word() -> re.Pattern[str]:
    return re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(word) for word in lexicon().market_words)
                      + r")(?![\w&])", re.IGNORECASE)


def _foretold_open(text: str, sentence_start: int, start: int) -> bool:
    """Whether the expression is the session a market's prices point to, the market named in its sentence."""
    return _market_open_before().search(text, max(sentence_start, start - 80), start) is not None \
        and _market_word().search(text, sentence_start, start) is not None


def tense_direction(doc: Doc, start: int, end: int) -> int:
    """-1 if the expression's verb speaks of the past, +1 of the future, 0 when it cannot tell.

    -2 is a past that nearness cannot override: a period that "ended" on the date.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    if _foretold_open(doc.text, span.sent.start_char, start):
        return 1  # "futures point to a higher open on Monday": prices foretell a session still to come
    lex = lexicon()
    path, verb = _path_to_verb(span)
    speech = _speech_verb_before(span)
    if speech is not None:
        path, verb = [], speech
    # "Holders of record on Nov. 5" are yet to be counted; "closed at a record on Friday" tells a high.
    words = {token.lower_ for token in path if not (token.lower_ == "record" and _has_article(token))}
    if verb is not None:
        words.add(verb.lemma_.lower())
        # "The envoy is due in Kabul on Saturday": the copula's complement says what is to come.
        words |= {child.lower_ for child in verb.children if child.dep_ == "acomp"}
    if verb is not None and _past_perfect(verb):
        return -1  # "had been scheduled to expire Friday": a plan already overtaken
    if words & lex.future_path:
        return 1
    if verb is not None and verb.lemma_.lower() in lex.deadline_verbs and words & lex.deadline_preps:
        return 1
    direction = _verb_direction(verb) if verb is not None else 0
    if verb is not None and direction == 0:
        # A move lends only a past: "is expected to ease in July after peaking in May" peaked before.
        direction = min(0, _verb_direction(_clause_verb(verb)))
    if direction == 0 and verb is not None and _present_plan(span, verb):
        return 1  # news tells what is done in the past tense, what is due in the present
    if direction < 0 and verb is not None and verb.lemma_.lower() in _PLAN_VERBS and len(path) <= 2:
        return 0  # "planned a rally on Saturday": a plan made in the past for a day either side of the DCT
    if direction >= 0 and words & lex.weak_future_path:
        return 1
    if direction < 0 and verb is not None and _present_perfect(verb) and words & _UNTIL:
        return 1  # "has given them until Tuesday", "has been closed until Friday": a state lasting into coming days
    if direction < 0 and verb is not None and verb.lemma_.lower() in _COMPLETION_VERBS and len(path) <= 1:
        return -2  # "the quarter ended Oct. 31": surely past, however near the DCT
    return direction


@dataclass
class _Reading:
    """What the stage carries from one expression to the next in an article."""

    dct: dt.date | None
    financial: bool
    reference: dt.date | None = None
    reference_precision: str = ""
    day: dt.date | None = None  # the last day spoken of, kept when a month or year is spoken of after it
    quarters: QuarterMemory = dataclasses.field(default_factory=QuarterMemory)
    previous: tuple[int, str] = (-1, "")  # the end of the last expression, and its value


def _resolve(text: str, outer: str, direction: int, reading: _Reading, *, financial: bool) -> Resolution:
    """Normalise the span with its cut-off modifier, falling back to the bare span."""
    resolution = Resolution(value="UNKNOWN")
    tail = outer[outer.find(text) + len(text):] if text in outer else ""
    if _LATER.fullmatch(tail):
        outer = text  # TimeML: in "(over) three days later" the span "three days" is a duration, "later" its signal
    for candidate_text in dict.fromkeys((outer, text)):
        resolution = normalise_expression(
            candidate_text, dct=reading.dct, direction=direction, financial=financial,
            reference=reading.reference, reference_precision=reading.reference_precision,
            narrative_day=reading.day, quarter=reading.quarters.own)
        if resolution.value != "UNKNOWN":
            break
    return resolution


def _interval(resolution: Resolution, dct: dt.date | None) -> Interval | None:
    """The calendar days a DATE/TIME resolution covers, narrowed by its mod and cut at the DCT."""
    interval = interval_of(resolution.value) if resolution.type in {"DATE", "TIME"} else None
    if interval is None:
        return None
    interval = narrow(interval, resolution.mod, until=dct if resolution.cut == "before" else None)
    if resolution.cut == "after" and dct is not None and interval.first < dct <= interval.last:
        interval = dataclasses.replace(interval, first=dct)  # "later this month" starts at the DCT
    return interval


def _present_age(doc: Doc, text: str, start: int, end: int) -> str:
    """"Today's GM": "today" in the possessive before a name is the present age ("name"); before a
    general noun ("today's youth", "today's world") it is no time at all ("generic"); else ""."""
    if text[start:end].lower() != "today":  # the text first: a span is built only for "today"
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.text.lower() != "today" or span.root.dep_ != "poss":
        return ""
    owner = span.root.head
    if owner.pos_ == "PROPN":
        return "name"
    generic = lexicon().generic_after_today
    return "generic" if owner.lemma_.lower() in generic or owner.lower_ in generic else ""


def _in_context(resolution: Resolution, full: str, candidate: Candidate) -> Resolution:
    """The resolution as the words around the span read it: a rate, or a year that "ended" on a date."""
    rate = _PER_UNIT.search(full[candidate.start:candidate.end])
    if rate is not None and _AMOUNT_BEFORE.search(full, max(0, candidate.start - 12), candidate.start + rate.start()):
        # "$33 million a year", "15 a year": a rate, which TimeML annotates as a set.
        return Resolution(value=f"P1{_RATE_UNITS[rate['unit'].lower()]}", type="SET")
    if _ENDED_AFTER.match(full, candidate.end) and _YEAR_VALUE.fullmatch(resolution.value):
        # "the year ended Sept. 30" names a twelve-month span, not a calendar year.
        return Resolution(value="P1Y", type="DURATION")
    if full[candidate.start:candidate.end].lower() == "one day" \
            and _MODAL_BEFORE.search(full, max(0, candidate.start - 12), candidate.start):
        return Resolution(value="FUTURE_REF")  # "Islam will one day be": some day to come, not a day's length
    return resolution


# "5" of "5-6 March", "between 3 and 5 March": the month (and year) named after the range's end.
@lru_cache(maxsize=1)
def _range_month() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The month named after a range's end ("5-6 March") and before its start ("April 24 and 25")."""
    months, link = month_names(), r"\s*(?:and|to|through|or|-|\u2013|\u2014)\s*"
    return (re.compile(rf"{link}{DAY_OF_MONTH} (?P<month>{months}\.?(?:,? \d{{4}})?)\b"),
            re.compile(rf"(?P<month>{months}\.?) {DAY_OF_MONTH}(?:st|nd|rd|th)?{link}$"))


_RANGE_UNIT_AFTER = re.compile(r"\s+(?:and|to)\s+[\w-]+\s+(?P<unit>[a-z]+)")


def _range_day(full: str, candidate: Candidate) -> str:
    """"25" of "April 24 and 25" read as "April 25", "5" of "5-6 March" as "5 March", "60" of "between
    60 and 90 days" as "60 days"; any other span as it is."""
    text = full[candidate.start:candidate.end]
    unit = _RANGE_UNIT_AFTER.match(full, candidate.end)
    if (text.isdigit() or text.lower() in lexicon().numbers) and unit is not None and unit["unit"] in lexicon().units:
        return f"{text} {unit['unit']}"
    if not text.isdigit():
        return text
    month_after, month_before = _range_month()
    before = month_before.search(full, max(0, candidate.start - 24), candidate.start)
    if before:
        return f"{before['month']} {text}"
    after = month_after.match(full, candidate.end)
    return f"{text} {after['month']}" if after else text


# Between the two ends of a range: "from Thursday to Sunday", "Monday through Wednesday", "Friday-Sunday".
_RANGE_GAP = re.compile(r"\s*(?:to|through|thru|until|till|-|\u2013|\u2014)\s*")


# Between a clock time and its day: "on", after "local time" or a time given in another zone
# ("6 a.m. local time on Tuesday", "10:35 a.m. (0735 GMT) Friday"), or the end of that bracket.
_ON_GAP = re.compile(r"(?:\s+local time)?(?:(?:\)|\s*\([^()]{1,25}\))\s+(?:on\s+)?|\s+on\s+)")
_CLOCK_ONLY = re.compile(r"(?i)(?:\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?m\.?|\d{1,2}:\d{2}|noon|midday|midnight"
                         r"|(?:[01]\d|2[0-3])[0-5]\d\s(?:GMT|UTC))(?:\s+(?:[A-Z]{2,4}|local time))?")


def _clock_day(full: str, candidate: Candidate, following: Sequence[Candidate]) -> str:
    """"10 a.m. on Tuesday": a bare clock time read with the day named right after it (two spans in TimeML).

    The day may come after the same time in another zone, itself a span, or after the clock time that
    closes a range ("from 8 a.m. to 6 p.m. on Sunday"): the next two spans are tried.
    """
    text = full[candidate.start:candidate.end]
    if not _CLOCK_ONLY.fullmatch(text):
        return text
    end = candidate.end
    for index, after in enumerate(following[:2]):
        if _ON_GAP.fullmatch(full, end, after.start):
            return f"{text} {full[after.start:after.end]}"
        closing = _CLOCK_ONLY.fullmatch(full, after.start, after.end)
        if index == 0 and closing and _RANGE_GAP.fullmatch(full, end, after.start):
            end = after.end  # the day after the range's closing time is the opening's too
    return text


# A run of periods ("a third straight month") and the period it is named as right after it ("in February").
_RUN = re.compile(r"(?i)(?:the|a) [\w-]+ (?:consecutive|straight|successive) (?P<unit>month|quarter|year)(?: in a row)?"
                  r"|(?:the|a) [\w-]+ (?P<unit_>month|quarter|year) in a row")
_IN_GAP = re.compile(r"\s+(?:in|during|for)\s+(?:the\s+)?")
_YEAR_NAMED = re.compile(r"(?:1[5-9]|20)\d\d")


def _run_named(full: str, candidate: Candidate, following: Sequence[Candidate]) -> str | None:
    """"Sales rose for a third straight month in February": the run's period is the one named after it,
    a month, quarter or year of the same unit, whatever the DCT."""
    run = _RUN.fullmatch(full, candidate.start, candidate.end)
    if run is None or not following or _IN_GAP.fullmatch(full, candidate.end, following[0].start) is None:
        return None
    named = full[following[0].start:following[0].end]
    unit = run["unit"] or run["unit_"]
    same_unit = {"month": re.fullmatch(rf"{month_names()}\.?(?:,? {_YEAR_NAMED.pattern})?", named),
                 "quarter": re.search(r"(?i)\bquarter$", named), "year": _YEAR_NAMED.fullmatch(named)}[unit]
    return named if same_unit else None


def _read_as(full: str, candidate: Candidate, following: Sequence[Candidate]) -> str:
    """The words a span is normalised as: a range's bare day with its month, a bare clock time with the
    day named after it, a day a speaker judges ("a great day for Poland") as the day told of, a run of
    periods as the period named after it."""
    if is_judged_day(full, candidate.start, candidate.end):
        return "the day"
    if (named := _run_named(full, candidate, following)) is not None:
        return named
    read = _range_day(full, candidate)
    return _clock_day(full, candidate, following) if read == full[candidate.start:candidate.end] else read


_CLOCK_VALUE = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})T(?P<clock>\d{2}:\d{2})")


def _range_end(resolution: Resolution, full: str, candidate: Candidate, reading: _Reading) -> Resolution:
    """"From Thursday to Sunday": a weekday that ends a range is the first one on or after its start."""
    end, start = reading.previous
    if not _RANGE_GAP.fullmatch(full, end, candidate.start):
        return resolution
    if full[candidate.start:candidate.end].lower() in lexicon().weekdays and _DAY_VALUE.fullmatch(start) \
            and _DAY_VALUE.fullmatch(resolution.value):
        day = dt.date.fromisoformat(resolution.value)
        while day < dt.date.fromisoformat(start):
            day += dt.timedelta(weeks=1)
        return dataclasses.replace(resolution, value=day.isoformat())
    return resolution


_BETWEEN_BEFORE = re.compile(r"(?i)\bbetween\s+$")
_EVENING, _NOON = "17:00", "12:00"  # a night's range opens in the evening and closes by noon


def _across_midnight(full: str, opening: TimeExpr, closing: TimeExpr) -> bool:
    """Whether two clock times on one day are the ends of a night ("a curfew from 7 p.m. to 6 a.m.",
    "between 10 p.m. and 5 a.m."): a range from the evening to the morning. A change of hour ("brought
    forward from 3 p.m. to 11 a.m.") opens before the evening and spans nothing."""
    gap = full[opening.end:closing.start]
    joined = _RANGE_GAP.fullmatch(gap) is not None or (
        gap.strip() == "and" and _BETWEEN_BEFORE.search(full, max(0, opening.start - 9), opening.start) is not None)
    first, second = _CLOCK_VALUE.fullmatch(opening.value), _CLOCK_VALUE.fullmatch(closing.value)
    return joined and first is not None and second is not None and first["day"] == second["day"] \
        and first["clock"] >= _EVENING and second["clock"] < _NOON


def _shift_day(time: TimeExpr, days: int) -> TimeExpr:
    """The same clock time on another day."""
    step = dt.timedelta(days=days)
    day = dt.date.fromisoformat(time.value[:10]) + step
    return dataclasses.replace(time, value=f"{day.isoformat()}{time.value[10:]}",
                               first=time.first + step if time.first else None,
                               last=time.last + step if time.last else None)


def _night_ranges(full: str, times: tuple[TimeExpr, ...]) -> tuple[TimeExpr, ...]:
    """A night's range keeps its ends in order: its closing time is on the next day ("from 7 p.m. to 6 a.m."),
    or, where a day is named after the closing time ("from 11 p.m. to 2 a.m. on Sunday"), the opening
    time is on the day before it."""
    result = list(times)
    for index in range(len(result) - 1):
        opening, closing = result[index], result[index + 1]
        if not _across_midnight(full, opening, closing):
            continue
        named = index + 2 < len(result) and _ON_GAP.fullmatch(full, closing.end, result[index + 2].start) is not None
        if named:
            result[index] = _shift_day(opening, -1)
        else:
            result[index + 1] = _shift_day(closing, 1)
    return tuple(result)


def _track_reference(reading: _Reading, interval: Interval | None) -> None:
    """A date or clock time read becomes the reference of what follows, and its day the day last told of."""
    if interval is None or interval.precision not in _REFERENCE_PRECISIONS:
        return
    reading.reference = interval.first
    reading.reference_precision = "day" if interval.precision in {"minute", "hour"} else interval.precision
    if reading.reference_precision == "day":
        reading.day = interval.first


def _time_expr(doc: Doc, draft: Extraction, candidate: Candidate, reading: _Reading, *,
               following: Sequence[Candidate] = ()) -> TimeExpr:
    """One candidate span, normalised, with its interval and precision."""
    full = draft.article.text  # the same string as doc.text, which spaCy rebuilds on every access
    text = full[candidate.start:candidate.end]
    outer = full[candidate.outer_start:candidate.outer_end]
    read = _read_as(full, candidate, following)
    sentence = draft.sentence_at(candidate.start)
    said = full[sentence.start:sentence.end] if sentence else text
    # A results report compares quarters, but a sentence about nine months or the year compares years.
    financial = reading.financial and compares_quarters(said)
    direction = tense_direction(doc, candidate.start, candidate.end)
    resolution = _resolve(read, outer if read == text else read, direction, reading, financial=financial)
    resolution = quarter_ended(_in_context(resolution, full, candidate), full, candidate, reading.dct)
    resolution = track_quarter(_range_end(resolution, full, candidate, reading), full, candidate, reading.quarters,
                               dct=reading.dct, direction=direction)
    if _present_age(doc, full, candidate.start, candidate.end) == "name":
        resolution = Resolution(value="PRESENT_REF")
    interval = fiscal_quarter_interval(resolution, full, candidate) or _interval(resolution, reading.dct)
    _track_reference(reading, interval)
    reading.previous = (candidate.end, resolution.value)
    return TimeExpr(
        article_id=draft.article.id, start=candidate.start, end=candidate.end, text=text,
        sentence=sentence.index if sentence else 0, value=resolution.value, type=resolution.type,
        precision=interval.precision if interval else "unknown", first=interval.first if interval else None,
        last=interval.last if interval else None, anchored=resolution.anchored, mod=resolution.mod,
    )


def resolve_times(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """Find and normalise every time expression of one article."""
    del options
    anchor = draft.article.published or _SPLIT_ANCHOR
    reading = _Reading(dct=draft.article.published, financial=speaks_of_quarters(draft.article.text))

    def resolve(text: str) -> str:
        return normalise_expression(text, dct=anchor).value

    # "Today's youth" speaks of no time: TimeBank leaves the generic present unannotated (4 of 4).
    candidates = [candidate for candidate in candidate_spans(doc, draft.article.text, resolve)
                  if _present_age(doc, draft.article.text, candidate.start, candidate.end) != "generic"]
    times = tuple(_time_expr(doc, draft, candidate, reading, following=candidates[index + 1:index + 3])
                  for index, candidate in enumerate(candidates))
    return dataclasses.replace(draft, times=anchor_to_events(doc, _night_ranges(draft.article.text, times)))


# ---------------------------------------------------------------- dating events


def _dated(time: TimeExpr) -> bool:
    """Whether an expression can date an event: a DATE or TIME with a calendar interval."""
    return time.type in {"DATE", "TIME"} and time.first is not None


def _dependency_distance(doc: Doc, time: TimeExpr, trigger: Token) -> int | None:
    """Edges from the trigger down to the expression's head, if the trigger governs it."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token, steps = span.root, 0
    while token.i != trigger.i:
        if token.head.i == token.i or steps > 8:
            return None
        token, steps = token.head, steps + 1
    return steps


def _governing(doc: Doc, candidates: list[TimeExpr], trigger_start: int) -> TimeExpr | None:
    trigger_span = doc.char_span(trigger_start, trigger_start + 1, alignment_mode="expand")
    if trigger_span is None or not len(trigger_span):
        return None
    trigger = trigger_span[0]
    distances = [(d, abs(t.start - trigger_start), t) for t in candidates
                 if (d := _dependency_distance(doc, t, trigger)) is not None]
    first = trigger
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first is not trigger:  # "On 2 May, gunmen stormed X and killed 7 for ...": the verbs share one date
        distances += [(d + 1, abs(t.start - trigger_start), t) for t in candidates
                      if (d := _dependency_distance(doc, t, first)) is not None]
    return min(distances, key=lambda row: row[:2])[2] if distances else None


def _dateline_time(extraction: Extraction) -> TimeExpr | None:
    """The week up to the dateline or metadata date, as a stand-in of week precision."""
    article = extraction.article
    if article.published is None or article.published_source not in _DATE_SOURCES:
        return None
    return TimeExpr(
        article_id=article.id, start=0, end=0, text="", sentence=-1,
        value=iso_week_value(article.published), type="DATE", precision="week",
        first=article.published - dt.timedelta(days=6), last=article.published,
    )


# An expression in an earlier sentence dates a later, undated event when it is
# this recent: news reports what happened in the days up to the DCT, while an
# older date further back is mostly background ("IS took the town in March 2015").
RECENT_DAYS = 7


def _may_date_later(extraction: Extraction, time: TimeExpr, sentence: int, trigger_start: int) -> bool:
    """Whether an expression in an earlier sentence plausibly governs an undated event in `sentence`.

    A recent one (ending within `RECENT_DAYS` of the DCT) does from anywhere
    before; an older one only from the sentence just before, in the same
    paragraph, where the text is still telling that story.
    """
    dct = extraction.article.published
    if dct is None or (time.last is not None and time.last >= dct - dt.timedelta(days=RECENT_DAYS)):
        return True
    same_paragraph = "\n" not in extraction.article.text[time.end:trigger_start]
    return time.sentence == sentence - 1 and same_paragraph


def event_date(extraction: Extraction, *, sentence: int, trigger_start: int,
               doc: Doc | None = None) -> tuple[TimeExpr | None, str]:
    """The time expression that dates an event trigger, and where it came from.

    Sources, in order, and the precision each yields:
    - "governing": a DATE/TIME expression in the trigger's sentence that the
      trigger governs in the dependency tree (needs `doc`); the nearest in
      edges wins. Its own precision (day for "Sunday", month for "last May").
    - "nearest": else the closest dated expression in the same sentence, then
      the closest in the preceding sentences that plausibly governs the event:
      one within `RECENT_DAYS` of the DCT, or an older one in the sentence
      just before in the same paragraph (older dates further back are taken
      for background history). Its own precision.
    - "dateline": else the article's dateline or metadata date, returned as a
      synthetic expression (empty text, sentence -1) covering the seven days
      up to that date: week precision, never the day itself.
    - "none": nothing to date it with (a DCT given on the command line or
      guessed from a file name is not used), and None.
    """
    dated = [t for t in extraction.times if _dated(t)]
    same = [t for t in dated if t.sentence == sentence]
    if doc is not None and same:
        governing = _governing(doc, same, trigger_start)
        if governing is not None:
            return governing, "governing"
    if same:
        return min(same, key=lambda t: abs(t.start - trigger_start)), "nearest"
    before = [t for t in dated
              if 0 <= t.sentence < sentence and _may_date_later(extraction, t, sentence, trigger_start)]
    if before:
        return max(before, key=lambda t: (t.sentence, t.start)), "nearest"
    dateline = _dateline_time(extraction)
    return (dateline, "dateline") if dateline is not None else (None, "none")
