"""Figures: 'among them' names a part of a toll; 'deaths among the fighters' names whom a toll counts."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import extract_text, ranked_events

_DAY = dt.date(2025, 6, 2)


@pytest.mark.parametrize("text", [
    "Bandits killed 11 villagers in Zurmi, among them two women and 3 children.",
    "Bandits killed 11 villagers in Zurmi, among them a woman and 3 children.",
])
def test_a_list_after_among_them_is_part_of_the_toll(text: str) -> None:
    assert ranked_events(text, published=_DAY)[0].fatalities == 11


def test_deaths_among_a_group_count_that_group() -> None:
    extraction = extract_text("Clashes near Kalehe left 6 deaths among the militiamen.", published=_DAY)
    assert [(f.low, f.counts) for f in extraction.figures if f.kind == "killed"] == [(6.0, "militiamen")]


def test_deaths_among_fighters_and_civilians_killed_add_up() -> None:
    text = ("Two militias clashed near Kalehe. Medics reported 6 deaths among the fighters "
            "and 3 civilians killed by stray bullets.")
    assert ranked_events(text, published=_DAY)[0].fatalities == 9
