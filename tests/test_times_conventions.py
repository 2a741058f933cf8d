"""TimeML conventions of the times stage: spans and values as TempEval-style annotators write them."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from spacy.tokens import Doc

from eventdesk.eval_timeml import sentences_of
from eventdesk.model import Article, Extraction
from eventdesk.nlp import load_nlp
from eventdesk.settings import Options
from eventdesk.times import resolve_times
from eventdesk.times_normalise import normalise_expression

DCT = dt.date(2016, 3, 27)  # a Sunday


def _parse(text: str) -> Doc:
    return load_nlp(Options().model)(text)


def _extract(text: str, *, published: dt.date = DCT, doc: Doc | None = None) -> Extraction:
    doc = doc if doc is not None else _parse(text)
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, published=published,
                      published_source="metadata")
    return resolve_times(doc, Extraction(article=article, sentences=sentences_of(doc)), Options())


def _values(text: str, *, published: dt.date = DCT) -> dict[str, str]:
    return {time.text: time.value for time in _extract(text, published=published).times}


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("the week of March 6", "2016-W09", "DATE"),
    ("the week of Monday", "2016-W12", "DATE"),
    ("4 in the morning", "2016-03-27T04:00", "TIME"),
    ("8 in the evening", "2016-03-27T20:00", "TIME"),
    ("10 at night", "2016-03-27T22:00", "TIME"),
])
def test_normalise_expression_week_of_a_day_and_hour_of_a_part_of_day(text: str, value: str, kind: str) -> None:
    resolution = normalise_expression(text, dct=DCT, direction=-1)
    assert (resolution.value, resolution.type) == (value, kind)


@pytest.mark.parametrize(("text", "value"), [
    ("the previous Friday", "2016-03-18"),  # the Friday before Thursday 24 March, the day last spoken of
    ("the following Monday", "2016-03-28"),
    ("the preceding Thursday", "2016-03-17"),  # the same weekday as the reference: a week back
])
def test_normalise_expression_anaphoric_weekday_counts_from_the_day_last_spoken_of(text: str, value: str) -> None:
    thursday = dt.date(2016, 3, 24)
    resolution = normalise_expression(text, dct=DCT, direction=-1, reference=thursday, reference_precision="day")
    assert resolution.value == value


def test_normalise_expression_anaphoric_weekday_without_reference_counts_from_the_dct() -> None:
    assert normalise_expression("the previous Friday", dct=DCT, direction=-1).value == "2016-03-25"


def test_resolve_times_decade_after_a_possessive_is_an_age() -> None:
    values = _values("The suspect, in his 30s, fled north; the town grew in the 1990s.")
    assert "30s" not in values
    assert values["the 1990s"] == "199"


def test_resolve_times_year_period_in_a_results_report_is_one_span_and_a_quarter() -> None:
    text = ("The company said third-quarter profit rose to $5 million from $4 million in the 2015 period. "
            "Sales in the quarter rose 8%.")
    values = _values(text, published=dt.date(2016, 10, 20))
    assert values["the 2015 period"] == "2015-Q3"


def test_resolve_times_simple_present_with_a_weekday_points_forward() -> None:
    text = "The two leaders meet Monday in Geneva, officials said."
    assert _values(text, published=dt.date(2016, 3, 25))["Monday"] == "2016-03-28"


def test_resolve_times_reporting_verb_in_the_present_keeps_the_past() -> None:
    text = "The agency says Thursday's raid killed 12 people."
    assert _values(text, published=dt.date(2016, 3, 25))["Thursday"] == "2016-03-24"


def test_resolve_times_plan_in_the_past_tense_for_the_next_day_points_forward() -> None:
    text = "Protesters planned a large march in the capital on Saturday."
    assert _values(text, published=dt.date(2016, 3, 25))["Saturday"] == "2016-03-26"


def test_resolve_times_name_spacy_calls_a_date_without_any_time_word_is_dropped() -> None:
    text = "Officials were not certain whether Stauber had been involved."
    doc = _parse(text)
    start = text.index("Stauber")
    doc.ents = [doc.char_span(start, start + len("Stauber"), label="DATE")]
    assert _extract(text, doc=doc).times == ()


@pytest.mark.parametrize(("text", "span", "value", "mod"), [
    ("The siege lasted nearly two months.", "nearly two months", "P2M", "APPROX"),
    ("Banks must wait at least 30 days before selling.", "at least 30 days", "P30D", "EQUAL_OR_MORE"),
    ("The talks lasted more than four hours.", "more than four hours", "PT4H", "MORE_THAN"),
    ("The talks lasted about five hours.", "five hours", "PT5H", "APPROX"),  # hedges stay outside the span
])
def test_resolve_times_keeps_quantity_modifiers_inside_the_span(text: str, span: str, value: str, mod: str) -> None:
    (time,) = _extract(text).times
    assert (time.text, time.value, time.mod) == (span, value, mod)


def test_resolve_times_fraction_with_a_kept_modifier_is_no_time() -> None:
    assert _extract("The fund lost more than a quarter of its value.").times == ()


def test_resolve_times_unit_spacy_leaves_after_a_count_joins_the_span() -> None:
    texts = [t.text for t in _extract("The riots over the past three summers left many dead.").times]
    assert texts == ["the past three summers"]


@pytest.mark.parametrize(("text", "span"), [
    ("The board met earlier this month to weigh the offer.", "earlier this month"),
    ("The plant reopened later that year.", "later that year"),
    ("Troops entered the town earlier Friday.", "Friday"),
])
def test_resolve_times_earlier_and_later_join_a_deictic_period_but_not_a_day(text: str, span: str) -> None:
    assert [t.text for t in _extract(text).times] == [span]


def test_resolve_times_second_day_of_a_range_is_a_date_of_the_same_month() -> None:
    found = [(t.text, t.value) for t in _extract("The summit will be held on April 24 and 25.").times]
    assert found == [("April 24", "2016-04-24"), ("25", "2016-04-25")]


def test_resolve_times_amount_spacy_calls_a_date_is_dropped_but_a_rate_kept() -> None:
    text = "Shares sold for as little as 99 cents, and the deal adds $5 million a year."
    doc = _parse(text)
    spans = ["as little as 99 cents", "$5 million a year"]
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label="DATE") for s in spans]
    assert [(t.value, t.type) for t in _extract(text, doc=doc).times] == [("P1Y", "SET")]


@pytest.mark.parametrize(("text", "value"), [
    ("a quarter-century", "P25Y"),
    ("half a century", "P50Y"),
    ("a half-century", "P50Y"),
])
def test_normalise_expression_fraction_of_a_century_is_a_duration_not_a_quarter(text: str, value: str) -> None:
    resolution = normalise_expression(text, dct=DCT, direction=-1)
    assert (resolution.value, resolution.type) == (value, "DURATION")


@pytest.mark.parametrize(("text", "span", "value"), [
    # Monday 28 March 2016: a present perfect with "until" gives time that runs into the coming days.
    ("The court has given the two parties until Thursday to settle.", "Thursday", "2016-03-31"),
    ("The crossing has been shut until Friday, the army said.", "Friday", "2016-04-01"),
    ("The crossing had been shut until Friday, the army said.", "Friday", "2016-03-25"),
    ("Gunmen have held the village since Friday.", "Friday", "2016-03-25"),
])
def test_resolve_times_present_perfect_with_until_points_forward(text: str, span: str, value: str) -> None:
    assert _values(text, published=dt.date(2016, 3, 28))[span] == value


@pytest.mark.parametrize(("text", "found"), [
    ("The vote is set for April 10, two weeks from now.",
     [("April 10", "2016-04-10"), ("two weeks from now", "2016-W14")]),
    ("Troops left on March 14-15, days after the fighting began.", [("March 14", "2016-03-14"), ("15", "2016-03-15")]),
    ("The bridge reopened on Friday, March 25, after repairs.", [("Friday, March 25", "2016-03-25")]),
    ("The deadline passed at 5 p.m. EST, March 25, without a deal.", [("5 p.m. EST, March 25", "2016-03-25T17:00")]),
])
def test_resolve_times_apposition_after_a_comma_is_an_expression_of_its_own(
        text: str, found: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in _extract(text).times] == found


def test_resolve_times_every_part_of_the_day_is_a_set() -> None:
    times = _extract("Guards check the gate each morning and lock it every evening.").times
    assert [(t.text, t.value, t.type) for t in times] == [
        ("each morning", "XXXX-XX-XXTMO", "SET"), ("every evening", "XXXX-XX-XXTEV", "SET")]



def test_resolve_times_present_perfect_until_reaches_the_verb_it_completes() -> None:
    text = "The regulator has continued to keep all the exchanges closed until Friday."
    assert _values(text, published=dt.date(2016, 3, 24))["Friday"] == "2016-03-25"


@pytest.mark.parametrize(("text", "value"), [
    ("The firm lost $3 billion in the fourth quarter of 2015 and $7 billion for the entire year.", "2015"),
    ("The firm expects to turn a profit for the full year.", "2016"),
])
def test_resolve_times_whole_year_after_a_part_of_a_year_is_that_year(text: str, value: str) -> None:
    found = {t.text: t.value for t in _extract(text, published=dt.date(2016, 1, 27)).times}
    assert found[next(k for k in found if k.endswith("year"))] == value


@pytest.mark.parametrize(("text", "value"), [
    ("The index fell 2% on Thursday, to end the day at 7,100 points.", "2016-03-24"),  # the day last told of
    ("For the day, the index lost 40 points.", "2016-03-27"),
    ("Shares recovered late in the day.", "2016-03-27"),
])
def test_resolve_times_the_day_a_market_report_frames_is_that_day(text: str, value: str) -> None:
    assert [v for span, v in _values(text).items() if span.endswith("the day")] == [value]


def test_resolve_times_the_day_alone_is_no_time() -> None:
    assert "the day" not in _values("It was the day of the vote.")


@pytest.mark.parametrize(("text", "found"), [
    ("The order, dated 2016-03-20, was read out.", [("2016-03-20", "2016-03-20")]),
    ("It flew on 7/8/07, a date chosen for the model number.", [("7/8/07", "2007-07-08")]),
    ("Fighting lasted 2014-2015.", [("2014", "2014"), ("2015", "2015")]),
])
def test_resolve_times_numeric_dates_stay_whole_and_ranges_split(text: str, found: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in _extract(text).times] == found


@pytest.mark.parametrize(("text", "span", "value"), [
    ("A convoy reaches the camp twice a week.", "twice a week", "P1W"),
    ("Inspectors visit the site three times a year.", "three times a year", "P1Y"),
    ("The governor calls the minister once a day.", "once a day", "P1D"),
])
def test_resolve_times_frequency_is_a_set_of_its_unit(text: str, span: str, value: str) -> None:
    found = [(t.text, t.value, t.type) for t in _extract(text).times]
    assert found == [(span, value, "SET")]


@pytest.mark.parametrize(("text", "clock", "value"), [
    ("The blast struck at 10 a.m. on Tuesday near the market.", "10 a.m.", "2016-03-22T10:00"),
    ("The truce expires at midnight on Dec. 31.", "midnight", "2016-12-31T24:00"),
    ("The attack came on Friday at about 9 p.m.", "9 p.m.", "2016-03-25T21:00"),
])
def test_resolve_times_clock_time_takes_the_day_named_with_it(text: str, clock: str, value: str) -> None:
    assert _values(text)[clock] == value


def test_resolve_times_fiscal_quarter_that_ended_keeps_its_name_and_covers_the_months_before() -> None:
    text = "The retailer lost money in its fiscal third quarter ended Jan. 31."
    (quarter,) = [t for t in _extract(text, published=dt.date(2016, 3, 14)).times if "quarter" in t.text]
    assert quarter.value == "2016-Q3"  # the fiscal name, as TimeML annotators write it
    assert (quarter.first, quarter.last) == (dt.date(2015, 11, 1), dt.date(2016, 1, 31))


@pytest.mark.parametrize(("text", "values"), [
    ("The siege means for today's youth what the war meant for their parents.", []),
    ("Incentives do not work in today's economy, an analyst said.", []),
    ("It is an exciting time at today's Renault, she said.", ["PRESENT_REF"]),
    ("Today's attack killed five people near the border.", ["2016-03-27"]),
])
def test_resolve_times_today_before_a_general_noun_is_no_time_before_a_name_the_present_age(
        text: str, values: list[str]) -> None:
    assert [t.value for t in _extract(text).times if t.text.lower() == "today"] == values


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("the past decade", "P10Y", "DURATION"),
    ("past century", "P100Y", "DURATION"),
    ("the last decade", "201", "DATE"),  # "last" names the calendar decade before the DCT's
    ("the past year", "2025", "DATE"),
])
def test_normalise_expression_past_decade_is_the_span_up_to_the_dct(text: str, value: str, kind: str) -> None:
    resolution = normalise_expression(text, dct=dt.date(2026, 3, 1), direction=-1)
    assert (resolution.value, resolution.type) == (value, kind)


def test_resolve_times_over_the_past_decade_is_a_duration() -> None:
    values = _values("Rents in the valley have tripled over the past decade, the council said.")
    assert "P10Y" in values.values()


def test_resolve_times_year_range_keeps_both_ends() -> None:
    # spaCy tends to tag "2031" alone in "from 2031 to 2034"; TimeML annotates each year of the range.
    extraction = _extract("The ministry said the new frigates will arrive from 2031 to 2034, in two batches.")
    assert [(t.text, t.value) for t in extraction.times] == [("2031", "2031"), ("2034", "2034")]



def test_resolve_times_year_range_ends_before_a_number_that_is_no_year() -> None:
    extraction = _extract("Output climbed in 2031 to 2032.5 tonnes a day, the ministry said on Friday.")
    assert "2032" not in " ".join(t.text for t in extraction.times)


@pytest.mark.parametrize(("text", "expected"), [
    ("The concert sold out in minutes, the promoter said.", {"minutes": "PTXM"}),
    ("Rescuers reached the village within hours.", {"hours": "PTXH"}),
    ("The minutes of the board meeting were published.", {}),
])
def test_resolve_times_bare_clock_unit_after_in_is_a_vague_duration(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("recent weeks", "PXW", "DURATION"),
    ("in recent days", "PXD", "DURATION"),
    ("coming months", "PXM", "DURATION"),
    ("recent years", "PAST_REF", "DATE"),
])
def test_normalise_expression_recent_or_coming_days_to_months_is_a_vague_duration(text: str, value: str,
                                                                                    kind: str) -> None:
    resolution = normalise_expression(text, dct=DCT, direction=-1)
    assert (resolution.value, resolution.type) == (value, kind)


def test_resolve_times_in_recent_weeks_is_a_vague_duration() -> None:
    assert _values("Ferry operators have cut crossings in recent weeks as fuel prices rose.") == \
        {"recent weeks": "PXW"}


def test_resolve_times_the_day_is_the_last_day_told_though_a_month_came_after() -> None:
    values = _values("Shares in the port operator rose on Friday. Traffic had fallen in February, "
                     "but the stock gained 3% to end the day at 41 pence.")
    assert values == {"Friday": "2016-03-25", "February": "2016-02", "the day": "2016-03-25"}


def test_normalise_expression_narrative_day_serves_a_bare_clock_time() -> None:
    friday = dt.date(2016, 3, 25)
    resolution = normalise_expression("at 10 p.m.", dct=DCT, reference=dt.date(2016, 2, 1),
                                      reference_precision="month", narrative_day=friday)
    assert resolution.value == "2016-03-25T22:00"


def test_resolve_times_single_day_and_day_long_are_compound_durations() -> None:
    values = _values("The index suffered its worst single-day fall since 2008. "
                     "Negotiators left their second day-long session without a deal.")
    assert values == {"single-day": "P1D", "2008": "2008", "day-long": "P1D"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Residents said the shelling began shortly before midnight on Monday.",
     {"midnight": "2016-03-21T24:00", "Monday": "2016-03-21"}),
    ("The convoy arrived just after noon.", {"noon": "2016-03-27T12:00"}),
])
def test_resolve_times_before_or_after_a_clock_time_is_left_out_of_its_span(text: str,
                                                                            expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The truce took effect at 6 a.m. local time on Thursday.",
     {"6 a.m.": "2016-03-24T06:00", "Thursday": "2016-03-24"}),
    ("The blast went off at 10:15 p.m. (1915 GMT) on Thursday.",
     {"10:15 p.m.": "2016-03-24T22:15", "1915 GMT": "2016-03-24T19:15Z", "Thursday": "2016-03-24"}),
    ("Gunmen stormed the hotel at 9:30 p.m. local time (1830 GMT) on Thursday.",
     {"9:30 p.m.": "2016-03-24T21:30", "1830 GMT": "2016-03-24T18:30Z", "Thursday": "2016-03-24"}),
])
def test_resolve_times_clock_time_takes_its_day_across_a_zone(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The depot was shut on Thursday after a fire the previous night.",
     {"Thursday": "2016-03-24", "the previous night": "2016-03-23TNI"}),
    ("The convoy left on Thursday and was attacked that evening.",
     {"Thursday": "2016-03-24", "that evening": "2016-03-24TEV"}),
])
def test_resolve_times_part_of_day_told_from_the_last_day_spoken_of(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The review would take between 60 and 90 days.", {"60": "P60D", "90 days": "P90D"}),
    ("Repairs take between two and four weeks.", {"two": "P2W", "four weeks": "P4W"}),
    ("Repairs take three to four weeks.", {"three to four weeks": "PXW"}),
])
def test_resolve_times_between_two_counts_of_a_unit_is_two_durations(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_resolve_times_headline_date_and_dateline_below_are_two_expressions() -> None:
    text = "Port traffic has its best month since November\nMarch 27, 2016\nThe port said traffic rose."
    assert _values(text) == {"November": "2015-11", "March 27, 2016": "2016-03-27"}


def test_resolve_times_at_the_age_of_is_an_age_not_a_time() -> None:
    assert _values("The founder died on Saturday at the age of 91.") == {"Saturday": "2016-03-26"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The strike will last 48 hours.", {"48 hours": "PT48H"}),
    ("The talks could last several days.", {"several days": "PXD"}),
])
def test_resolve_times_verb_last_before_a_duration_is_left_out(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_resolve_times_year_ago_period_keeps_its_noun() -> None:
    times = _extract("The lender earned 12 million dollars in the first quarter, up from 9 million dollars "
                     "in the year-ago period.").times
    assert [time.text for time in times] == ["the first quarter", "the year-ago period"]


@pytest.mark.parametrize(("text", "value"), [
    ("The mayor hopes the city will one day host the Games.", "FUTURE_REF"),
    ("The strike lasted one day.", "P1D"),
])
def test_resolve_times_one_day_after_a_modal_is_a_day_to_come(text: str, value: str) -> None:
    assert _values(text) == {"one day": value}


@pytest.mark.parametrize(("text", "span"), [
    ("The index was up 2 percent from earlier today.", "earlier today"),
    ("Earlier Friday, police closed the road.", "Friday"),
])
def test_resolve_times_earlier_stays_before_a_day_word_not_before_a_weekday(text: str, span: str) -> None:
    assert [time.text for time in _extract(text).times] == [span]


@pytest.mark.parametrize(("text", "span"), [
    ("In the past, the ministry has denied such reports.", "the past"),
    ("The Aug. 7, 1998, bombings killed more than 200 people.", "Aug. 7, 1998"),
])
def test_resolve_times_preposition_and_article_before_a_date_are_left_out(text: str, span: str) -> None:
    assert [time.text for time in _extract(text).times] == [span]


def test_resolve_times_weekday_after_a_copula_with_due_is_the_coming_one() -> None:
    # DCT Sunday 27 March: "is due ... on Saturday" is the Saturday to come, not the one just gone.
    assert _values("The UN envoy is due in Kabul on Saturday.") == {"Saturday": "2016-04-02"}


@pytest.mark.parametrize(("text", "kept"), [
    ("A van drove into shoppers at a Christmas market on Friday.", ["Friday"]),
    ("Gunmen stormed the workers' quarter of the port on Friday.", ["Friday"]),
    ("Militiamen looted shops in the old quarter on Friday.", ["Friday"]),
    # a quarter of a year keeps its place, the company's or not
    ("The firm said its third quarter was weak and the previous quarter flat.", ["third quarter",
                                                                                 "the previous quarter"]),
    ("Churches held Christmas services across the city.", ["Christmas"]),
])
def test_resolve_times_words_of_time_that_name_a_place_or_a_thing_are_no_time(text: str, kept: list[str]) -> None:
    assert [time.text for time in _extract(text).times] == kept


def test_resolve_times_independence_day_alone_names_no_day() -> None:
    # nearly every country has one: without saying whose, it keeps its span and no value
    assert _values("Thousands rallied to mark independence day.") == {"independence day": "UNKNOWN"}


@pytest.mark.parametrize(("text", "kept"), [
    ("The minister defended the plan on ABC's ''60 Minutes'' on Sunday.", ["Sunday"]),
    ("The senator told USA Today that the vote would come on Tuesday.", ["Tuesday"]),
    ("Thousands joined the annual March for Life in the capital on Friday.", ["Friday"]),
    ("The Russell 2000 Index of small companies fell 3 percent on Friday.", ["Friday"]),
    # the same words, not in a name, keep their time
    ("The talks lasted 60 minutes on Sunday, and the vote comes today.", ["60 minutes", "Sunday", "today"]),
    ("Protesters marched in March 2015 and again in 2000.", ["March 2015", "2000"]),
])
def test_resolve_times_words_of_time_in_a_title_or_name_are_no_time(text: str, kept: list[str]) -> None:
    assert [time.text for time in _extract(text).times] == kept


@pytest.mark.parametrize(("text", "expected"), [
    # the market report looks back on Friday: "overnight" is the night before it, Thursday night
    ("Tokyo shares fell on Friday, hurt by overnight losses in New York.",
     {"Friday": "2016-03-25", "overnight": "2016-03-24TNI"}),
    # nothing said of an earlier day this week: the DCT's night, as before
    ("Asian shares slid on overnight losses in New York, dealers said.", {"overnight": "2016-03-27TNI"}),
    # a day of months ago is a story's background, not the night it looks back on
    ("The bank floated on March 2, 2016. Its shares slid on overnight losses in New York.",
     {"March 2, 2016": "2016-03-02", "overnight": "2016-03-27TNI"}),
])
def test_resolve_times_overnight_is_the_night_before_the_day_told_of(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Shares fell on Thursday. Dealers sold heavily in the morning before buying back.",
     {"Thursday": "2016-03-24", "the morning": "2016-03-24TMO"}),
    # no "in" before it: a bare part of the day that joined no day stays out
    ("Shares fell on Thursday. The morning was calm.", {"Thursday": "2016-03-24"}),
])
def test_resolve_times_in_the_morning_is_the_morning_of_the_day_told_of(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The plan failed last year. Now, the minister says, it will be tried again.", {"last year": "2015"}),
    ("That was the news. Now for the weather.", {}),
    # "now" that tells the time keeps its PRESENT_REF, at the opening of a sentence too
    ("The plan failed last year. Now the minister wants to try again.", {"last year": "2015", "Now": "PRESENT_REF"}),
    ("The group now holds 12 percent of the shares.", {"now": "PRESENT_REF"}),
])
def test_resolve_times_discourse_now_is_no_time(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Nikkei closed at its lowest level since '82 on Monday.", {"'82": "1982", "Monday": "2016-03-21"}),
    ("She graduated in the class of \u201998.", {"\u201998": "1998"}),
    # a decade keeps its own reading, and a quoted number is no year
    ("Prices last rose this fast in the '80s.", {"the '80s": "198"}),
    ("The team won '82 matches' in a row.", {}),
])
def test_resolve_times_year_cut_to_two_digits_after_a_preposition(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The inspection is likely to last over a week, officials said.", {"a week": "P1W"}),
    ("The pair lived for a month on a farm.", {"a month": "P1M"}),
    # "a week" after an amount is a rate's unit, not a duration of its own
    ("The airline adds 700 seats a week on the route.", {}),
])
def test_resolve_times_one_unit_after_a_preposition_of_length_is_a_duration(text: str,
                                                                            expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The post-1959 politics split thousands of families.", {"post-1959": "1959"}),
    ("Output is back to pre-1990 levels.", {"pre-1990": "1990"}),
])
def test_resolve_times_year_with_a_prefix_is_that_year(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_resolve_times_results_report_means_its_fiscal_quarter_by_the_quarter_and_a_year_earlier() -> None:
    text = ("The chip maker said it earned $7 million in its fiscal second quarter ended Sept. 30, against a loss "
            "a year earlier. Sales in the quarter rose to $90 million. In the 2015 period, the maker lost money.")
    values = _values(text, published=dt.date(2016, 10, 20))
    assert values["its fiscal second quarter"] == "2016-Q2"
    assert (values["a year earlier"], values["the quarter"], values["the 2015 period"]) == \
        ("2015-Q2", "2016-Q2", "2015-Q2")


def test_resolve_times_results_report_told_in_the_new_year_means_its_fiscal_quarter_ended_in_december() -> None:
    # the quarter's end, not its name's year, says whether it is the report's own
    text = ("The retailer said profit for its fiscal third quarter ended Dec. 31 climbed 12% from a year "
            "earlier. Revenue in the quarter reached $3 billion.")
    values = _values(text, published=dt.date(2017, 1, 24))
    assert (values["a year earlier"], values["the quarter"]) == ("2015-Q3", "2016-Q3")


def test_resolve_times_results_report_without_a_fiscal_quarter_means_the_quarter_just_ended() -> None:
    text = ("The chip maker said it earned $7 million in the second quarter of 2015, before a loss in the quarter "
            "just ended. Sales in the quarter fell.")
    assert _values(text, published=dt.date(2016, 10, 20))["the quarter"] == "2016-Q3"


@pytest.mark.parametrize(("text", "value"), [
    # a bare clock time is of the day last spoken of, though its verb dated another event before:
    # conflict news tells many killings
    ("Two policemen were killed on Monday in Kandahar. Insurgents stormed a post near Kunduz on "
     "Wednesday, and three guards were killed at 11 p.m.", "2016-04-13T23:00"),
    ("Four people were injured on Oct. 23 in a blast. A second bomb went off on April 8, and nine were "
     "injured at 10 p.m.", "2016-04-08T22:00"),
])
def test_resolve_times_bare_clock_time_is_of_the_day_last_spoken_of(text: str, value: str) -> None:
    times = [time for time in _extract(text, published=dt.date(2016, 4, 19)).times if "p.m." in time.text]
    assert [time.value for time in times] == [value]


@pytest.mark.parametrize(("text", "expected"), [
    ("The rights let holders buy shares at half the then current market price.", {"then current": "PAST_REF"}),
    ("Holders were paid the then-current price of the bonds.", {"then-current": "PAST_REF"}),
    ("The current price of the bonds is low.", {"current": "PRESENT_REF"}),
])
def test_resolve_times_then_current_is_the_present_of_a_past_time(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the day a speaker judges is the day told of
    ('The treaty was signed on Friday. "It is a historic day for Europe," the minister said.',
     {"Friday": "2016-03-25", "day": "2016-03-25"}),
    ("Monday was a sad day for the club.", {"Monday": "2016-03-21", "day": "2016-03-21"}),
    # "Today" already dates it; a day without a judging word is no time
    ("Today is a sad day for democracy.", {"Today": "2016-03-27"}),
    ("The shop sets aside a day for repairs.", {}),
    # spaCy's "a great day" gives its "day" alone, dated as the judged day
    ("It was a great day for Kenya.", {"day": "2016-03-27"}),
    # a supposed day is no day told of; a day of its kind ("a good day for") is none either
    ("It would be a historic day for the league if the bill passed.", {}),
    ("Traders said it was a good day for sellers.", {}),
])
def test_resolve_times_day_a_speaker_judges_is_the_day_told_of(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the ISO week holding most of its days in the month, counted on; TimeML gives a week its week value
    ("Sales fell in the first week of March.", {"the first week of March": "2016-W09"}),
    ("Talks resume in the second week of April.", {"the second week of April": "2016-W15"}),
    ("The strike began in the last week of March.", {"the last week of March": "2016-W13"}),
    # a weekend is the one of the month's first or last Saturday
    ("Fans gathered over the last weekend of February.", {"the last weekend of February": "2016-W08-WE"}),
    ("The fair opens on the first weekend of August 2015.", {"the first weekend of August 2015": "2015-W31-WE"}),
])
def test_resolve_times_nth_week_of_a_month_is_that_iso_week(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 30)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a day or week counted from the day named after it is one expression, as TimeML annotates it
    ("The blast came the day before Christmas.", {"the day before Christmas": "2015-12-24"}),
    ("Shops reopened the day after Thanksgiving.", {"the day after Thanksgiving": "2015-11-27"}),
    ("The day before last Tuesday's hearing, he left.", {"The day before last Tuesday": "2016-03-21"}),
    ("Talks resumed the week after March 3.", {"the week after March 3": "2016-W10"}),
    ("Fans met on the weekend of March 5.", {"the weekend of March 5": "2016-W09-WE"}),
    # the step holds the week spaCy gave alone: one expression, not two overlapping ones
    ("Classes restarted the week after Easter.", {"the week after Easter": "2016-W13"}),
    # a step from an event, not a day, is no date of its own
    ("The day after his death, police came.", {}),
])
def test_resolve_times_step_from_a_named_day_is_one_expression(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the day's own span carries the part of the day; "the early hours" of it is left out
    ("Police arrested him in the early hours of Thursday morning.", {"Thursday morning": "2016-03-17TMO"}),
    ("He left in the small hours of Sunday.", {"Sunday": "2016-03-20"}),
    # spaCy may take the "of" into the hours' span; they are still left out
    ("He died in the early hours of Monday.", {"Monday": "2016-03-21"}),
])
def test_resolve_times_early_hours_of_a_day_are_that_day(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the wire formula: the time right after a verb of saying is the saying's, though the parser may hang
    # "on Tuesday" from the verb said
    ("The company said on Tuesday it would cut 500 jobs.", {"Tuesday": "2016-03-22"}),
    ("The army said on Sunday it will withdraw.", {"Sunday": "2016-03-20"}),
    ("The minister will announce on Friday whether talks resume.", {"Friday": "2016-03-25"}),
])
def test_resolve_times_time_right_after_a_verb_of_saying_is_the_sayings(text: str,
                                                                       expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "expected", "published"), [
    # a day that is the reported clause's subject is the clause's: a forecast's coming Saturday
    ("Forecasters said Saturday would be the warmest day of the spring.",
     {"Saturday": "2016-04-02", "the warmest day of the spring": "2016-SP"}, DCT),
    # a quarter named in the reported clause gives no past tense to the report's own quarter
    ("Acme Corp. posted third-quarter earnings of $40 million. The firm said fourth-quarter sales would "
     "suffer from the strike. Revenue in the quarter climbed 6% from a year earlier.",
     {"third-quarter": "2015-Q3", "fourth-quarter": "2015-Q4", "the quarter": "2015-Q3",
      "a year earlier": "2014-Q3"}, dt.date(2015, 11, 2)),
])
def test_resolve_times_time_of_the_reported_clause_is_not_the_sayings(text: str, expected: dict[str, str],
                                                                      published: dt.date) -> None:
    assert _values(text, published=published) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the weekday that ends a range is the first one on or after the day that opens it
    ("The festival runs from Thursday to Sunday.", {"Thursday": "2016-03-24", "Sunday": "2016-03-27"}),
    # a range opening on a day just past closes in the coming days, though "Sunday" alone is the past one
    ("The exhibition is open from Tuesday to Sunday.", {"Tuesday": "2016-03-22", "Sunday": "2016-03-27"}),
    # two days listed with "and" are no range: each keeps its own reading
    ("Talks were held on Monday and on Friday.", {"Monday": "2016-03-21", "Friday": "2016-03-18"}),
])
def test_resolve_times_weekday_ending_a_range_follows_its_start(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "value"), [
    ("Tuesday last week", "2016-03-15"),  # that weekday within the week named, not the week itself
    ("Thursday next week", "2016-03-31"),
    ("Monday of this week", "2016-03-21"),
])
def test_normalise_expression_weekday_of_a_named_week_is_that_day(text: str, value: str) -> None:
    assert normalise_expression(text, dct=dt.date(2016, 3, 23), direction=-1).value == value


@pytest.mark.parametrize(("text", "expected"), [
    # a clock time that closes a range before the one that opens it is on the next day
    ("The curfew runs from 7 p.m. to 6 a.m.", {"7 p.m.": "2016-03-23T19:00", "6 a.m.": "2016-03-24T06:00"}),
    # the day named after the closing time is the opening's too
    ("Polls were open from 8 a.m. to 6 p.m. on Sunday.",
     {"8 a.m.": "2016-03-20T08:00", "6 p.m.": "2016-03-20T18:00", "Sunday": "2016-03-20"}),
    # a night's range with its day named after the closing time: the opening is the evening before
    ("Artillery fire went on from 10 p.m. to 3 a.m. on Saturday.",
     {"10 p.m.": "2016-03-18T22:00", "3 a.m.": "2016-03-19T03:00", "Saturday": "2016-03-19"}),
    # "between ... and ..." is a range too
    ("Residents must stay indoors between 9 p.m. and 6 a.m.",
     {"9 p.m.": "2016-03-23T21:00", "6 a.m.": "2016-03-24T06:00"}),
    # a change of hour is no span of time: both hours are of one day
    ("The hearing was moved from 4 p.m. to 10 a.m.", {"4 p.m.": "2016-03-23T16:00", "10 a.m.": "2016-03-23T10:00"}),
])
def test_resolve_times_clock_range_keeps_its_ends_in_order(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "spans"), [
    # a weekday joins across a comma only the date that names its month or day
    ("The agency released the figures on Thursday, a day earlier than planned.", ["Thursday", "a day earlier"]),
    ("The editorial ran on Monday, Oct. 26.", ["Monday, Oct. 26"]),
    ("Women's Day is this coming Sunday, March eighth.", ["this coming Sunday, March eighth"]),
])
def test_resolve_times_weekday_joins_only_a_named_date_across_a_comma(text: str, spans: list[str]) -> None:
    assert [time.text for time in _extract(text).times] == spans


def test_resolve_times_results_report_told_late_means_the_calendar_quarter_it_names() -> None:
    # told in March, a report on the third quarter compares that quarter, not the one the DCT is in
    text = ("Net income for the third quarter rose 12% from the year-earlier quarter. "
            "Sales in the quarter rose 3%, from $2 million a year ago.")
    values = _values(text, published=dt.date(2016, 3, 23))
    assert (values["the third quarter"], values["the year-earlier quarter"], values["the quarter"],
            values["a year ago"]) == ("2015-Q3", "2014-Q3", "2015-Q3", "2014-Q3")


@pytest.mark.parametrize("text", [
    "Between 40 and 50 March protesters gathered outside.",
    "Some 40-50 March organisers met police.",
])
def test_resolve_times_count_before_a_month_name_is_no_date(text: str) -> None:
    # a number past any day of a month before "March" counts marchers; no date is named
    assert _values(text, published=dt.date(2016, 3, 23)) == {}


@pytest.mark.parametrize(("text", "expected"), [
    # a date written day first, which spaCy may leave unlabelled, and a range's bare first day with it
    ("Clashes broke out on the night of 5-6 March in the north.", {"5": "2016-03-05", "6 March": "2016-03-06"}),
    ("Airstrikes hit the town between 3 and 5 March.", {"3": "2016-03-03", "5 March": "2016-03-05"}),
    ("Talks ran from 5 to 7 March 2015.", {"5": "2015-03-05", "7 March 2015": "2015-03-07"}),
    # a score is no range of days
    ("The score was 3 to 5 in May.", {"May": "2015-05"}),
])
def test_resolve_times_day_first_range_reads_each_day_with_its_month(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a part of the day and the date it is "of" are one expression, as "the night of March 18" is
    ("Fighting resumed on the morning of 14 March.", {"the morning of 14 March": "2016-03-14TMO"}),
    ("The attack came on the evening of Oct. 3.", {"the evening of Oct. 3": "2015-10-03TEV"}),
    # a weekday keeps its own day: the part of the day is of Friday, not of the DCT
    ("The ceasefire collapsed on the evening of Friday.", {"the evening of Friday": "2016-03-18TEV"}),
    ("Troops withdrew the morning of Monday.", {"the morning of Monday": "2016-03-21TMO"}),
    # a range's bare first day stays a day of its own
    ("Clashes broke out on the night of 5-6 March.", {"5": "2016-03-05", "6 March": "2016-03-06"}),
])
def test_resolve_times_part_of_day_of_a_date_is_one_expression(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


def test_resolve_times_quarter_told_as_past_before_its_calendar_end_is_the_reports_fiscal_quarter() -> None:
    # told in November, a fourth quarter already reported is a fiscal one, which later anaphors mean
    text = ("The pet food maker attributed its fourth-quarter slump to higher costs. It earned $45 million, "
            "against $84 million a year earlier. Sales in the latest period rose 13%.")
    values = _values(text, published=dt.date(2015, 11, 2))
    assert (values["fourth-quarter"], values["a year earlier"], values["the latest period"]) == \
        ("2015-Q4", "2014-Q4", "2015-Q4")


def test_resolve_times_that_quarter_is_the_quarter_last_named_in_its_name() -> None:
    text = ("In the comparable quarter a year earlier, the fiscal second quarter ended Oct. 31, the retailer lost "
            "$12 million. Results for that quarter included a write-down.")
    assert _values(text, published=dt.date(2015, 10, 27))["that quarter"] == "2014-Q2"


@pytest.mark.parametrize(("text", "expected"), [
    # a bare participle of a figure's move is told in the tense of the verb it hangs from
    ("Shares of the miner have swung widely, climbing to a peak in July from a low in May.",
     {"July": "2015-07", "May": "2015-05"}),
    ("Copper closed higher on Friday, after sliding to a low in June.", {"Friday": "2016-03-18", "June": "2015-06"}),
    # others keep their own reading: a demand or a consequence is still to come
    ("Protesters marched through the capital, demanding elections in May.", {"May": "2016-05"}),
    ("The carmaker has announced deep cuts, resulting in plant closures in May.", {"May": "2016-05"}),
])
def test_resolve_times_bare_participle_of_a_move_takes_the_tense_of_its_verb(
        text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # what came before a coming event is not lent its future: it is past, or left to its own reading
    ("Inflation is expected to ease in April after peaking in February.", {"April": "2016-04", "February": "2016-02"}),
    ("Economists expect exports to pick up in May after slumping in January.",
     {"May": "2016-05", "January": "2016-01"}),
    ("The shares will be in focus on Friday after tumbling on Monday.",
     {"Friday": "2016-03-25", "Monday": "2016-03-21"}),
    # a move's verb with an object of its own is no figure's move and lends nothing
    ("The carmaker cut its workforce, ending production in Ohio in May.", {"May": "2016-05"}),
    ("The ruling party won the vote, gaining seats for the local elections in May.", {"May": "2016-05"}),
    # an amount moved, or the period moved over, is still a move's object
    ("Shares of the miner have swung widely, gaining 5% to a peak in July.", {"July": "2015-07"}),
    ("Gold rose on Friday, ending the week up 3% after climbing to a peak in May.",
     {"Friday": "2016-03-18", "the week": "2016-W12", "May": "2015-05"}),
])
def test_resolve_times_bare_participle_lends_only_a_past_and_only_as_a_move(
        text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a run that has reached its Nth period names the period reported, as "a third straight day" names the DCT
    ("Stocks rose for a fourth straight week.", {"a fourth straight week": "2016-W12"}),
    ("Oil prices gained for the third week in a row.", {"the third week in a row": "2016-W12"}),
    # the month or year the text last spoke of, where it named one
    ("Factories added jobs last month. It was the second consecutive month of gains.",
     {"last month": "2016-02", "the second consecutive month": "2016-02"}),
    ("Sales fell in 2015. It was the third consecutive year of decline.",
     {"2015": "2015", "the third consecutive year": "2015"}),
])
def test_resolve_times_nth_straight_period_is_the_period_reported(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


@pytest.mark.parametrize(("text", "published", "run", "not_this"), [
    # a month's or a year's run with no period spoken of is seldom the DCT's: not that one, nor a duration
    ("Jobless claims rose for a second straight month in March.", dt.date(2016, 4, 5),
     "a second straight month", "2016-04"),
    ("Car exports grew for a fifth consecutive year.", dt.date(2016, 3, 23), "a fifth consecutive year", "2016"),
    ("Retail sales fell for the third month in a row.", dt.date(2016, 3, 23), "the third month in a row", "2016-03"),
])
def test_resolve_times_nth_straight_month_or_year_is_not_the_dct_s(
        text: str, published: dt.date, run: str, not_this: str) -> None:
    value = _values(text, published=published)[run]
    assert value != not_this and not value.startswith("P")


def test_resolve_times_nth_straight_quarter_of_a_results_report_is_the_reported_quarter() -> None:
    values = _values("The chipmaker said its profit fell for a fourth straight quarter.",
                     published=dt.date(2016, 4, 25))
    assert values["a fourth straight quarter"] == "2016-Q1"  # the quarter just ended, not the DCT's


@pytest.mark.parametrize(("text", "run"), [
    # a day still to come is no period a run has reached: the DCT's week
    ("OPEC ministers will meet on Jan. 20. Oil prices rose for the second week in a row.",
     "the second week in a row"),
    ("The central bank meets on Dec. 14. Bond yields climbed for a third straight week.", "a third straight week"),
])
def test_resolve_times_nth_straight_week_never_reaches_past_the_dct(text: str, run: str) -> None:
    assert _values(text, published=dt.date(2016, 12, 10))[run] == "2016-W49"


@pytest.mark.parametrize(("text", "expected"), [
    # an ordinal in digits counts a run as one in words does; a number in a compound stays a length
    ("Jobless claims fell for a 10th straight week.", {"a 10th straight week": "2016-W12"}),
    ("Home sales rose for a 3rd straight day.", {"a 3rd straight day": "2016-03-23"}),
    ("The index rose for the eleventh straight week.", {"the eleventh straight week": "2016-W12"}),
    ("The rebels began a 10-day truce on Monday.", {"10-day": "P10D", "Monday": "2016-03-21"}),
])
def test_resolve_times_nth_straight_period_in_digits_or_past_tenth(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 23)) == expected


def test_resolve_times_ordinal_past_the_fourth_quarter_names_no_quarter() -> None:
    values = _values("The carmaker posted its twelfth quarter of growth.", published=dt.date(2016, 3, 23))
    assert "Q" not in values["twelfth quarter"]  # a run counted, not the DCT's quarter nor the fourth


@pytest.mark.parametrize(("text", "expected"), [
    # "a record" is a figure's high, told of the past; holders "of record" are still to be counted
    ("Stocks are set to open higher on Monday after closing at a record on Friday.",
     {"Monday": "2016-03-28", "Friday": "2016-03-25"}),
    ("The dividend is payable to holders of record on Friday.", {"Friday": "2016-04-01"}),
])
def test_resolve_times_a_record_high_is_no_record_date(text: str, expected: dict[str, str]) -> None:
    assert _values(text, published=dt.date(2016, 3, 26)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a day of the month in words: spaCy labels the month alone, TimeML the whole date
    ("The council will vote on March twelfth.", {"March twelfth": "2017-03-12"}),
    ("The ceasefire began on the twenty-first of March.", {"the twenty-first of March": "2016-03-21"}),
    ("Talks resume March the thirty-first.", {"March the thirty-first": "2016-03-31"}),
    ("The vote was held on March first, officials said.", {"March first": "2016-03-01"}),
])
def test_resolve_times_day_of_month_in_words(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # two counts said one after the other are a vague length, not a year read as a count
    ('"We waited twenty thirty years for a bridge," a farmer said.', {"twenty thirty years": "PXY"}),
    # "dozen" multiplies the count before it
    ("The siege of the town lasted two dozen days.", {"two dozen days": "P24D"}),
    # an ordinal month with no "of" is the month, counted, not a day of it
    ("It was the second June in a row that the river flooded.", {"the second June in a row": "2015-06"}),
    # a day in words with "of", and a year in words, are still read
    ("The twenty first of March was chosen.", {"The twenty first of March": "2016-03-21"}),
])
def test_resolve_times_spoken_numbers_read_as_a_count_or_a_day(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a day word before a verb is an adverb, before a noun it starts the noun phrase: the month stands alone
    ("Prices in March first rose, then fell.", {"March": "2016-03"}),
    ("In March third parties filed objections.", {"March": "2016-03"}),
    ("Since January fifth columnists have been arrested.", {"January": "2016-01"}),
    ("In May second-quarter earnings fell.", {"May": "2015-05", "second-quarter": "2015-Q2"}),
    # "in March" takes no day: a day word after it is none, whatever follows short of the phrase's end
    ("In March first the army withdrew, then the police.", {"March": "2016-03"}),
    ("Sales in March first slowly recovered.", {"March": "2016-03"}),
    # a day after "on", or before a place, is still the day
    ("Prices on March first rose sharply.", {"March first": "2016-03-01"}),
    ("The envoys met March third in Geneva.", {"March third": "2016-03-03"}),
])
def test_resolve_times_day_word_before_a_verb_or_noun_is_no_day(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an ordinal after "Month the" that starts a noun phrase counts that phrase, not the month's days
    ("In March the third round of talks collapsed.", {"March": "2016-03"}),
    ("Officials said in January the twelfth victim had died.", {"January": "2016-01"}),
    ("In December the twenty-third anniversary passed quietly.", {"December": "2015-12"}),
    # where the phrase ends there, it is the day
    ("In March the first, the commission said.", {"March the first": "2016-03-01"}),
])
def test_resolve_times_month_the_ordinal_before_a_noun_is_no_day(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a run of periods named by the period after it is that period, whenever the report is written
    ("Retail sales rose for a third straight month in February, the agency said.",
     {"a third straight month": "2016-02", "February": "2016-02"}),
    ("Car exports fell for a second straight year in 2015.", {"a second straight year": "2015", "2015": "2015"}),
    # a week's run beside a month is still the DCT's week: the month is no week
    ("Prices rose for a third straight week in March.", {"a third straight week": "2016-W12", "March": "2016-03"}),
    # a run spaCy leaves unlabelled is still found
    ("Jobless claims fell for the twelfth straight week, the ministry said.", {"the twelfth straight week": "2016-W12"}),
])
def test_resolve_times_nth_straight_period_named_after_it(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # what futures foretell is the coming session
    ("Stock futures point to a higher open on Monday.", dt.date(2016, 3, 25), {"Monday": "2016-03-28"}),
    ("Wall Street is set for a sharply lower open Monday.", dt.date(2016, 3, 25), {"Monday": "2016-03-28"}),
    ("The Dow is poised for a higher start on Monday after the jobs data.", dt.date(2016, 3, 25),
     {"Monday": "2016-03-28"}),
    # told in the past, it is read by its tense: the day's session in a report of that morning ...
    ("U.S. stock futures pointed to a lower open on Wall Street on Monday as oil fell.", dt.date(2016, 3, 21),
     {"Monday": "2016-03-21"}),
    # ... a past session after it, and after a past perfect
    ("Stock futures pointed to a lower open on Wall Street on Monday, and the Dow ended down 200 points.",
     dt.date(2016, 3, 23), {"Monday": "2016-03-21"}),
    ("Futures had pointed to a higher open on Monday, but stocks fell.", dt.date(2016, 3, 25), {"Monday": "2016-03-21"}),
    # a start already made stays in the past
    ("Stocks got off to a strong start on Monday.", dt.date(2016, 3, 25), {"Monday": "2016-03-21"}),
    # no market named: a fresh start or a cautious one is no session's open
    ("Talks that were set for a fresh start on Monday collapsed.", dt.date(2016, 3, 25), {"Monday": "2016-03-21"}),
    ("The central bank signalled a cautious start on Monday to its bond sales.", dt.date(2016, 3, 25),
     {"Monday": "2016-03-21"}),
    # though a side "poised for" something in the present still looks forward, as "set for" does
    ("The team is poised for a winning start on Saturday against Chelsea.", dt.date(2016, 3, 23),
     {"Saturday": "2016-03-26"}),
])
def test_resolve_times_market_open_that_futures_point_to_is_still_to_come(
        text: str, published: dt.date, expected: dict[str, str]) -> None:
    assert _values(text, published=published) == expected
