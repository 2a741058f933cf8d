"""Amounts in words and digits, ranges, qualifiers and ACLED's vague amounts."""

from __future__ import annotations

import pytest

from eventdesk.numbers import parse_amount, parse_digits, scan_amounts


@pytest.mark.parametrize(("text", "low", "high", "qualifier", "vague"), [
    ("at least 400", 400, None, "at least", False),
    ("about 450", 450, None, "about", False),
    ("more than 100", 100, None, "more than", False),
    ("nearly half a million", 500_000, None, "nearly", False),
    ("twenty-five", 25, None, "", False),
    ("two hundred and fifty", 250, None, "", False),
    ("between five and eight", 5, 8, "between", False),
    ("one hundred and twenty-five", 125, None, "", False),
    ("a thousand", 1000, None, "", False),
    ("1,200", 1200, None, "", False),
    ("2.5 million", 2_500_000, None, "", False),
    ("between 20 and 30", 20, 30, "between", False),
    ("20-30", 20, 30, "between", False),
    ("two or three", 2, 3, "between", False),
    ("up to 60", 60, None, "up to", False),
    ("some 35", 35, None, "about", False),
    ("over two dozen", 24, None, "more than", False),
    ("3 dozen", 36, None, "", False),
])
def test_parse_amount_values_ranges_and_qualifiers(text: str, low: float, high: float | None,
                                                   qualifier: str, vague: bool) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.low, amount.high, amount.qualifier, amount.vague) == (low, high, qualifier, vague)


@pytest.mark.parametrize(("text", "low"), [
    ("tens", 10), ("dozens", 12), ("hundreds", 100), ("thousands", 1000),
    ("tens of thousands", 10_000), ("hundreds of thousands", 100_000), ("scores", 20),
])
def test_parse_amount_vague_words_take_aclEDs_low_code(text: str, low: float) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.vague and amount.low == low


@pytest.mark.parametrize("text", ["", "several people", "between 20", "March"])
def test_parse_amount_rejects_what_is_not_one_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_parse_digits_reads_separators_and_rejects_words() -> None:
    assert parse_digits("250,000") == 250_000
    assert parse_digits("12a") is None


def test_scan_amounts_finds_each_amount_without_overlap() -> None:
    words = "he said 188 troops and a dozen civilians and between 3 and 5 rebels died".split()
    found = scan_amounts(words)
    assert [(a.low, a.high) for a in found] == [(188, None), (12, None), (3, 5)]
    assert words[found[1].start:found[1].end] == ["a", "dozen"]


def test_scan_amounts_reads_capitalised_words_as_the_table_writes_them() -> None:
    words = "At Least 40 people died and Dozens were hurt while Tens Of Thousands fled".split()
    found = scan_amounts(words)
    assert [(a.low, a.qualifier, a.vague) for a in found] == [(40, "at least", False), (12, "", True),
                                                               (10_000, "", True)]
    assert words[found[2].start:found[2].end] == ["Tens", "Of", "Thousands"]


@pytest.mark.parametrize(("text", "low", "end"), [
    ("hundreds of thousands fled", 100_000, 3),  # the longest phrase on a shared first word
    ("hundreds fled", 100, 1),
    ("a few hundred fled", 200, 3),
    ("a few fled", 3, 2),
])
def test_scan_amounts_takes_the_longest_phrase_at_a_word(text: str, low: float, end: int) -> None:
    found = scan_amounts(text.split())
    assert [(a.low, a.start, a.end) for a in found][:1] == [(low, 0, end)]
