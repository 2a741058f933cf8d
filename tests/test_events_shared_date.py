"""Event dates: verbs joined by 'and' share the date that heads the first of them."""

from __future__ import annotations

import datetime as dt

from conftest import ranked_events


def test_a_second_verb_takes_the_first_verbs_date_over_a_day_in_its_own_clause() -> None:
    text = ("On 2 November 2025, gunmen stopped a bus near Kumba and shot a driver "
            "for defying the Monday lockdown.")
    assert ranked_events(text, published=dt.date(2025, 11, 2))[0].date == dt.date(2025, 11, 2)


def test_an_anniversary_named_in_the_clause_does_not_date_the_act() -> None:
    text = ("On 18 October 2024, hooded youths built barricades and looted a shop in Valparaiso "
            "on the anniversary of the 2019 unrest.")
    assert ranked_events(text, published=dt.date(2024, 10, 18))[0].date == dt.date(2024, 10, 18)
