"""The times stage: normalisation against the DCT, spans, the seeds, and dating events."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventdesk.eval_timeml import sentences_of
from eventdesk.model import Article, Extraction, TimeExpr
from eventdesk.nlp import load_nlp
from eventdesk.settings import Options
from eventdesk.times import event_date, resolve_times, tense_direction
from eventdesk.times_normalise import normalise_expression

DCT = dt.date(2016, 3, 27)  # a Sunday


def _parse(text: str) -> Doc:
    return load_nlp(Options().model)(text)


def _extract(text: str, *, published: dt.date | None = DCT, source: str = "metadata",
             doc: Doc | None = None) -> Extraction:
    doc = doc if doc is not None else _parse(text)
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, published=published,
                      published_source=source if published else "none")  # type: ignore[arg-type]
    return resolve_times(doc, Extraction(article=article, sentences=sentences_of(doc)), Options())


@pytest.mark.parametrize(("text", "direction", "value", "kind", "mod"), [
    ("on Sunday", -1, "2016-03-27", "DATE", ""),
    ("Saturday", -1, "2016-03-26", "DATE", ""),
    ("Monday", 1, "2016-03-28", "DATE", ""),
    ("next Friday", 0, "2016-04-01", "DATE", ""),
    ("last May", -1, "2015-05", "DATE", ""),
    ("May of last year", -1, "2015-05", "DATE", ""),
    ("In August", -1, "2015-08", "DATE", ""),
    ("in August", 1, "2016-08", "DATE", ""),
    ("last fall", -1, "2015-FA", "DATE", ""),
    ("Last summer", -1, "2015-SU", "DATE", ""),
    ("late last month", -1, "2016-02", "DATE", "END"),
    ("earlier this month", -1, "2016-03", "DATE", ""),
    ("last week", -1, "2016-W11", "DATE", ""),
    ("this week", 0, "2016-W12", "DATE", ""),
    ("yesterday", -1, "2016-03-26", "DATE", ""),
    ("Aug. 7, 1998", -1, "1998-08-07", "DATE", ""),
    ("March 1996", 0, "1996-03", "DATE", ""),
    ("the early 1990s", 0, "199", "DATE", "START"),
    ("the third quarter", -1, "2015-Q3", "DATE", ""),
    ("two weeks ago", -1, "2016-W10", "DATE", ""),
    ("Sunday morning", -1, "2016-03-27TMO", "TIME", ""),
    ("10:35 a.m.", -1, "2016-03-27T10:35", "TIME", ""),
    ("nearly three weeks", 0, "P3W", "DURATION", "APPROX"),
    ("10 months", 0, "P10M", "DURATION", ""),
    ("10-month", 0, "P10M", "DURATION", ""),
    ("more than five years", 0, "P5Y", "DURATION", "MORE_THAN"),
    ("two decades", 0, "P20Y", "DURATION", ""),
    ("several weeks", 0, "PXW", "DURATION", ""),
    ("now", 0, "PRESENT_REF", "DATE", ""),
    ("recently", -1, "PAST_REF", "DATE", ""),
    ("the near future", 1, "FUTURE_REF", "DATE", ""),
    ("every day", 0, "P1D", "SET", ""),
    ("each Thursday", 0, "XXXX-WXX-4", "SET", ""),
    ("the day of the jackal", 0, "UNKNOWN", "DATE", ""),
    ("Easter", -1, "2016-03-27", "DATE", ""),
    ("last Thanksgiving", 0, "2015-11-26", "DATE", ""),
    ("Christmas", 1, "2016-12-25", "DATE", ""),
    ("2 1/2 years", 0, "P2Y6M", "DURATION", ""),
    ("a minute and a half", 0, "PT1M30S", "DURATION", ""),
    ("the next year or so", 1, "P1Y", "DURATION", "APPROX"),
    ("the nineties", 0, "199", "DATE", ""),
    ("nineteen ninety-six", 0, "1996", "DATE", ""),
    ("more than two thousand years", -1, "P2000Y", "DURATION", "MORE_THAN"),
    ("18:00 UTC", -1, "2016-03-27T18:00Z", "TIME", ""),
    ("0735 GMT", -1, "2016-03-27T07:35Z", "TIME", ""),
    ("the year before", -1, "2015", "DATE", ""),
    ("last night", -1, "2016-03-26TNI", "TIME", ""),
    ("the next couple of years", 1, "P2Y", "DURATION", ""),
    ("a week or so ago", -1, "2016-W11", "DATE", "APPROX"),
    ("seven a year ago", -1, "2015", "DATE", ""),
    ("the year-earlier third quarter", -1, "2015-Q3", "DATE", ""),
    ("the year-earlier nine months", -1, "P9M", "DURATION", ""),  # a count of months, as "the first nine months"
    ("the year-ago six months", -1, "P6M", "DURATION", ""),
    ("the winter of nineteen ninety-four", 0, "1994-WI", "DATE", ""),
    ("January nineteen ninety-seven", 0, "1997-01", "DATE", ""),
    ("this coming Sunday, April third", 1, "2016-04-03", "DATE", ""),
    ("Easter week", -1, "2016-W12", "DATE", ""),
    ("the last half of the '80s", -1, "198", "DATE", "END"),
    ("two and a half years", 0, "P2Y6M", "DURATION", ""),
    ("the past year", -1, "2015", "DATE", ""),
    ("the last quarter", -1, "2015-Q4", "DATE", ""),
    ("the second day", 0, "2016-03-27", "DATE", ""),
    ("a third straight day", -1, "2016-03-27", "DATE", ""),
])
def test_normalise_expression_against_a_sunday_dct(text: str, direction: int, value: str, kind: str,
                                                   mod: str) -> None:
    resolution = normalise_expression(text, dct=DCT, direction=direction)
    assert (resolution.value, resolution.type, resolution.mod) == (value, kind, mod)


@pytest.mark.parametrize(("text", "value", "anchored"), [
    ("Aug. 7, 1998", "1998-08-07", True),
    ("1998", "1998", True),
    ("last May", "XXXX-05", False),
    ("Tuesday", "XXXX-WXX-2", False),
    ("last week", "UNKNOWN", False),
    ("three weeks", "P3W", True),
])
def test_normalise_expression_without_dct_keeps_absolute_dates(text: str, value: str, anchored: bool) -> None:
    resolution = normalise_expression(text, dct=None, direction=-1)
    assert (resolution.value, resolution.anchored) == (value, anchored)


def test_normalise_expression_anaphora_counts_from_the_day_last_spoken_of() -> None:
    reference = dt.date(2015, 8, 18)
    following = normalise_expression("the following day", dct=DCT, reference=reference, reference_precision="day")
    that_year = normalise_expression("that year", dct=DCT, reference=reference, reference_precision="day")
    assert (following.value, that_year.value) == ("2015-08-19", "2015")
    assert normalise_expression("the following day", dct=DCT).value == "2016-03-28"


def test_resolve_times_interval_of_late_last_month_is_its_last_third() -> None:
    extraction = _extract("A truce was agreed late last month in the capital.")
    (time,) = extraction.times
    assert (time.value, time.mod, time.precision) == ("2016-02", "END", "month")
    assert (time.first, time.last) == (dt.date(2016, 2, 20), dt.date(2016, 2, 29))


def test_resolve_times_earlier_this_month_ends_at_the_dct() -> None:
    extraction = _extract("The envoy withdrew most of the troops earlier this month.")
    (time,) = extraction.times
    assert (time.value, time.first, time.last) == ("2016-03", dt.date(2016, 3, 1), DCT)


def test_resolve_times_future_tense_points_forward() -> None:
    extraction = _extract("The ferry will sail on Friday, the company said on Friday.")
    values = [t.value for t in extraction.times]
    assert values == ["2016-04-01", "2016-03-25"]


def test_resolve_times_weekday_fixes_the_year_of_a_date() -> None:
    extraction = _extract("The paper said in an editorial on Saturday, April 25: the court erred.",
                          published=dt.date(1998, 4, 24))
    assert [t.value for t in extraction.times] == ["1998-04-25"]


def test_resolve_times_extended_deadline_points_forward() -> None:
    extraction = _extract("The company extended its offer to Nov. 20.", published=dt.date(1989, 11, 2))
    assert [t.value for t in extraction.times] == ["1989-11-20"]


def test_tense_direction_reads_past_and_future_verbs() -> None:
    text = "The town fell on Tuesday. The army will attack on Tuesday."
    doc = _parse(text)
    first, second = (i for i in range(len(text)) if text.startswith("Tuesday", i))
    assert tense_direction(doc, first, first + 7) == -1
    assert tense_direction(doc, second, second + 7) == 1


@pytest.mark.parametrize("text", [
    "The fighters beheaded an 82-year-old scholar in the square.",
    "The ruins, nearly 2,000 years old, were hit by shells.",
    "Its 2,000-year-old temple was destroyed by the group.",
])
def test_resolve_times_ages_are_not_time_expressions(text: str) -> None:
    assert _extract(text).times == ()


def test_resolve_times_unnormalisable_expression_keeps_span_as_unknown() -> None:
    text = "The lamps were lit at the feast of Purim by the elders."
    doc = _parse(text)
    start = text.index("the feast of Purim")
    doc.ents = [doc.char_span(start, start + len("the feast of Purim"), label="DATE")]
    (time,) = _extract(text, doc=doc).times
    assert (time.text, time.value, time.first) == ("the feast of Purim", "UNKNOWN", None)


def test_resolve_times_without_dct_marks_relative_expressions_unanchored() -> None:
    extraction = _extract("The siege began on March 3, 2016 and the town fell last week.", published=None)
    by_text = {t.text: t for t in extraction.times}
    assert by_text["March 3, 2016"].value == "2016-03-03" and by_text["March 3, 2016"].anchored
    assert not by_text["last week"].anchored


def test_resolve_times_period_ended_a_date_is_a_duration_and_a_date() -> None:
    extraction = _extract("Net income fell 12% in the year ended June 30, the maker of pumps said.")
    assert [(t.text, t.value, t.type) for t in extraction.times] == [
        ("the year", "P1Y", "DURATION"), ("June 30", "2015-06-30", "DATE")]


def test_resolve_times_year_ago_in_a_quarterly_report_is_that_quarter() -> None:
    text = ("The maker of pumps said profit in the first quarter rose to $5 million from $4 million a year ago. "
            "Sales in the quarter were flat.")
    by_text = {t.text: t.value for t in _extract(text, published=dt.date(2016, 4, 20)).times}
    assert by_text["a year ago"] == "2015-Q1"
    assert by_text["the quarter"] == "2016-Q1"


@pytest.mark.parametrize(("text", "dct", "direction", "value"), [
    ("April", dt.date(2016, 3, 12), -1, "2016-04"),  # a month ahead, said in the past tense: the coming one
    ("Nov. 10", dt.date(1989, 11, 2), -1, "1989-11-10"),
    ("October", dt.date(2016, 3, 12), -1, "2015-10"),  # seven months ahead: the past one
    ("Oct. 31", dt.date(1989, 10, 27), -2, "1988-10-31"),  # "the quarter ended Oct. 31": surely past
    ("Nov. 10", dt.date(1989, 11, 2), 0, "1989-11-10"),
])
def test_normalise_expression_near_coming_month_wins_over_past_tense(text: str, dct: dt.date, direction: int,
                                                                     value: str) -> None:
    assert normalise_expression(text, dct=dct, direction=direction).value == value


def test_normalise_expression_midnight_ends_its_day() -> None:
    assert normalise_expression("midnight Friday", dct=DCT, direction=-1).value == "2016-03-25T24:00"


def test_normalise_expression_bare_clock_time_is_on_the_day_last_spoken_of() -> None:
    reference = dt.date(2016, 3, 3)
    at_ten = normalise_expression("10 p.m.", dct=DCT, reference=reference, reference_precision="day")
    assert at_ten.value == "2016-03-03T22:00"
    assert normalise_expression("10 p.m.", dct=DCT, reference=reference, reference_precision="month").value \
        == "2016-03-27T22:00"


def test_resolve_times_past_perfect_plan_lies_in_the_past() -> None:
    extraction = _extract("The tender offer had been due to expire Friday evening, the bank said.",
                          published=dt.date(1989, 10, 30))
    assert [t.value for t in extraction.times] == ["1989-10-27TEV"]


def test_resolve_times_splits_a_list_of_years() -> None:
    extraction = _extract("The clinic was picketed in 1994, 1995 and 1997 by the same group.")
    assert [(t.text, t.value) for t in extraction.times] == [("1994", "1994"), ("1995", "1995"), ("1997", "1997")]


def test_resolve_times_duration_before_later_stays_a_duration() -> None:
    extraction = _extract("The index fell on Monday. Three days later, it had recovered.")
    assert ("Three days", "P3D", "DURATION") in [(t.text, t.value, t.type) for t in extraction.times]


def test_resolve_times_each_month_is_a_set() -> None:
    extraction = _extract("The marchers parade through the town each July.")
    assert [(t.text, t.value, t.type) for t in extraction.times] == [("each July", "XXXX-07", "SET")]


def test_resolve_times_programme_title_is_no_week() -> None:
    extraction = _extract('The minister said on "This Week" that the ceasefire would hold.')
    assert all(t.text != "This Week" for t in extraction.times)


def test_resolve_times_clock_time_keeps_its_zone() -> None:
    extraction = _extract("The index was up 3% at 14:58 UTC, traders said.")
    assert [(t.text, t.value) for t in extraction.times] == [("14:58 UTC", "2016-03-27T14:58Z")]


def test_resolve_times_year_ago_beside_nine_months_is_the_year() -> None:
    text = ("The maker of pumps said profit in the third quarter rose to $5 million from $4 million a year ago. "
            "Sales in the quarter were flat. "
            "For the nine months, it earned $9 million, up from $7 million a year earlier.")
    values = [t.value for t in _extract(text, published=dt.date(2016, 10, 20)).times if t.text.startswith("a year")]
    assert values == ["2015-Q3", "2015"]


def test_resolve_times_year_earlier_beside_hyphenated_nine_month_is_the_year() -> None:
    text = ("The maker of valves said profit in the third quarter rose to $8 million from $6 million a year ago. "
            "Nine-month profit climbed to $20 million from $17 million a year earlier.")
    values = [t.value for t in _extract(text, published=dt.date(2016, 10, 20)).times if t.text.startswith("a year")]
    assert values == ["2015-Q3", "2015"]


def test_normalise_expression_same_period_a_year_ago_follows_the_period_last_spoken_of() -> None:
    february = dt.date(2016, 2, 1)
    same = normalise_expression("the same period last year", dct=DCT, reference=february, reference_precision="month")
    assert same.value == "2015-02"


def test_resolve_times_same_period_last_year_is_one_expression() -> None:
    text = "Sales rose 43% in February compared with the corresponding period last year, the company said."
    assert [(t.text, t.value) for t in _extract(text).times] == [
        ("February", "2016-02"), ("the corresponding period last year", "2015-02")]


def test_resolve_times_finds_durations_spacy_counts_as_numbers() -> None:
    text = "The inspectors will stay for at least two more weeks; three quarters of the staff left."
    assert [(t.text, t.value) for t in _extract(text).times] == [("two more weeks", "P2W")]


def test_resolve_times_rate_per_year_is_a_set() -> None:
    text = "The plant will build tankers at a rate of 15 a year."
    doc = _parse(text)
    start = text.index("15 a year")
    doc.ents = [doc.char_span(start, start + len("15 a year"), label="DATE")]
    assert [(t.value, t.type) for t in _extract(text, doc=doc).times] == [("P1Y", "SET")]


def test_resolve_times_named_days_spacy_may_miss_are_scanned() -> None:
    text = "He was found at sea last Thanksgiving; the bombing of Aug. 7 was recalled, not Black Monday."
    values = {t.text: t.value for t in _extract(text).times}
    assert values.get("last Thanksgiving") == "2015-11-26" and values.get("Aug. 7") == "2015-08-07"
    assert "Monday" not in values


def test_resolve_times_quarter_ended_a_date_is_the_calendar_quarter_of_its_months() -> None:
    text = "In the quarter ended July 31, the retailer lost money; in its fourth quarter ended July 31 it did too."
    values = [t.value for t in _extract(text, published=dt.date(2015, 10, 30)).times if "quarter" in t.text]
    assert values == ["2015-Q2", "2015-Q4"]


def test_resolve_times_quarter_century_makes_no_results_report() -> None:
    text = "Unemployment held near its quarter-century low, and wages were 3% higher than a year earlier."
    assert [t.value for t in _extract(text).times if t.text == "a year earlier"] == ["2015"]


def test_resolve_times_keeps_offsets_into_the_article() -> None:
    text = "Talks resumed in Geneva on Monday after a pause of two weeks."
    extraction = _extract(text)
    assert extraction.times
    for time in extraction.times:
        assert text[time.start:time.end] == time.text


# The seeds, read by a person against their DCT of Sunday 27 March 2016: each
# expression's surface text (as the stage cuts it) with its value, type and mod.
SEED_TIMES: dict[str, list[tuple[str, str, str, str]]] = {
    "000_405dfa10c295e0da.txt": [
        ("Sunday morning", "2016-03-27TMO", "TIME", ""),
        ("10-month", "P10M", "DURATION", ""),
        ("Sunday", "2016-03-27", "DATE", ""),
        ("last May", "2015-05", "DATE", ""),
        ("recently", "PAST_REF", "DATE", ""),
        ("10 months", "P10M", "DURATION", ""),
        ("Now", "PRESENT_REF", "DATE", ""),
        ("recent weeks", "PXW", "DURATION", ""),
        ("months", "PXM", "DURATION", ""),
        ("Now", "PRESENT_REF", "DATE", ""),
        ("months", "PXM", "DURATION", ""),
        ("last week", "2016-W11", "DATE", ""),
        ("now", "PRESENT_REF", "DATE", ""),
        ("nearly nine months", "P9M", "DURATION", "APPROX"),
        ("now", "PRESENT_REF", "DATE", ""),
        ("its sixth year", "UNKNOWN", "DATE", ""),  # the war's sixth year: the text does not date it
    ],
    "003_eef6cb6b5190b802.txt": [
        ("months", "PXM", "DURATION", ""),
        ("May of last year", "2015-05", "DATE", ""),
        ("Sunday", "2016-03-27", "DATE", ""),
        ("Sunday", "2016-03-27", "DATE", ""),
        ("Saturday", "2016-03-26", "DATE", ""),
        ("nearly three weeks", "P3W", "DURATION", "APPROX"),
        ("May", "2015-05", "DATE", ""),
        ("Last week", "2016-W11", "DATE", ""),
        ("Last summer", "2015-SU", "DATE", ""),
        ("August", "2015-08", "DATE", ""),
        ("Sunday", "2016-03-27", "DATE", ""),
        ("Sunday", "2016-03-27", "DATE", ""),
        ("currently", "PRESENT_REF", "DATE", ""),
        ("five years", "P5Y", "DURATION", "MORE_THAN"),
        ("late last month", "2016-02", "DATE", "END"),
        ("last fall", "2015-FA", "DATE", ""),
        ("earlier this month", "2016-03", "DATE", ""),  # the interval ends at the DCT
    ],
}


@pytest.fixture(scope="module")
def seed_extractions(seeds_dir: Path) -> dict[str, Extraction]:
    """Both seed reports through spaCy and the times stage, DCT 2016-03-27."""
    return {name: _extract((seeds_dir / name).read_text(encoding="utf-8")) for name in SEED_TIMES}


@pytest.mark.parametrize("name", sorted(SEED_TIMES))
def test_resolve_times_seeds_every_expression_resolves(seed_extractions: dict[str, Extraction],
                                                       name: str) -> None:
    found = [(t.text, t.value, t.type, t.mod) for t in seed_extractions[name].times]
    assert found == SEED_TIMES[name]


@pytest.mark.parametrize("name", sorted(SEED_TIMES))
def test_resolve_times_seeds_no_date_after_the_dct(seed_extractions: dict[str, Extraction],
                                                   name: str) -> None:
    late = [t.text for t in seed_extractions[name].times if t.first is not None and t.first > DCT]
    assert late == []


# ---------------------------------------------------------------- event_date

def _trigger(text: str, word: str) -> int:
    return text.index(word)


def test_event_date_prefers_the_expression_the_trigger_governs() -> None:
    text = "Rebels shelled the town on Saturday, a week after talks collapsed last month."
    doc = _parse(text)
    extraction = _extract(text, doc=doc)
    time, source = event_date(extraction, sentence=0, trigger_start=_trigger(text, "shelled"), doc=doc)
    assert source == "governing"
    assert time is not None and time.value == "2016-03-26"


def test_event_date_falls_back_to_the_nearest_in_earlier_sentences() -> None:
    text = "Fighting broke out on Thursday near the border. Troops shelled the town."
    extraction = _extract(text)
    time, source = event_date(extraction, sentence=1, trigger_start=_trigger(text, "shelled"))
    assert source == "nearest" and time is not None and time.value == "2016-03-24"


def test_event_date_falls_back_to_dateline_at_week_precision() -> None:
    text = "Troops shelled the town. Many fled."
    extraction = _extract(text, source="dateline")
    time, source = event_date(extraction, sentence=1, trigger_start=_trigger(text, "fled"))
    assert source == "dateline"
    assert isinstance(time, TimeExpr) and time.precision == "week" and time.last == DCT


def test_event_date_skips_background_history_further_back_for_the_dateline() -> None:
    # Issue 3: an old date two sentences back is history, not the date of tonight's news.
    text = ("Militants seized the port in March 2015. The army has shelled it since. "
            "The militants pulled out during the night.")
    extraction = _extract(text, source="dateline")
    time, source = event_date(extraction, sentence=2, trigger_start=_trigger(text, "pulled"))
    assert source == "dateline" and time is not None and time.precision == "week"


def test_event_date_keeps_an_old_date_told_in_the_sentence_just_before() -> None:
    text = "Gunmen stormed a hotel on March 3, 2015. They killed twelve guests."
    extraction = _extract(text, source="dateline")
    time, source = event_date(extraction, sentence=1, trigger_start=_trigger(text, "killed"))
    assert source == "nearest" and time is not None and time.value == "2015-03-03"


def test_event_date_old_date_in_another_paragraph_does_not_carry_over() -> None:
    text = "Gunmen stormed a hotel on March 3, 2015.\n\nThey killed twelve guests."
    extraction = _extract(text, source="dateline")
    time, source = event_date(extraction, sentence=1, trigger_start=_trigger(text, "killed"))
    assert source == "dateline"


def test_event_date_recent_date_carries_over_paragraphs() -> None:
    text = "Troops entered the town on Thursday.\n\nThe governor said so in a statement.\n\nMany residents fled."
    extraction = _extract(text, source="dateline")
    time, source = event_date(extraction, sentence=2, trigger_start=_trigger(text, "fled"))
    assert source == "nearest" and time is not None and time.value == "2016-03-24"


def test_event_date_never_uses_a_command_line_date() -> None:
    text = "Troops shelled the town. Many fled."
    extraction = _extract(text, source="cli")
    assert event_date(extraction, sentence=0, trigger_start=0) == (None, "none")


def test_event_date_skips_durations() -> None:
    text = "Troops shelled the town for three weeks."
    extraction = _extract(text, published=None)
    assert event_date(extraction, sentence=0, trigger_start=_trigger(text, "shelled")) == (None, "none")


@pytest.mark.parametrize("text", ["", "2016", "...", "Monday Monday Monday", "the 99th of Smarch", "25:61 p.m."])
def test_resolve_times_odd_input_never_raises(text: str) -> None:
    for time in _extract(text).times:
        assert time.value and text[time.start:time.end] == time.text


def test_resolve_times_at_the_calendar_edge_keeps_spans() -> None:
    extraction = _extract("The pact ends in May and lapses next year.", published=dt.date(9999, 12, 31))
    assert [t.text for t in extraction.times] == ["May", "next year"]
    assert normalise_expression("in May", dct=dt.date(9999, 3, 1), direction=1).value == "UNKNOWN"


@pytest.mark.parametrize(("text", "value"), [("the 21st century", "20"), ("the 19th century", "18")])
def test_normalise_expression_ordinal_century(text: str, value: str) -> None:
    # regression: the rule's pattern was an f-string, so "\d{1,2}" became "\d(1, 2)" and never matched
    from eventdesk.times_normalise import normalise_expression

    assert normalise_expression(text, dct=dt.date(2016, 3, 27)).value == value
