"""A crowd that attacks the police: demonstrating or a mob (eventdesk/event_crowds.py): our own sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_text

DAY = dt.date(2025, 9, 10)


def _subs(text: str) -> list[str]:
    return [e.sub_event_type for e in extract_text(text, published=DAY).events if e.event_type == "Riots"]


def test_demonstrating_crowd_a_protest_in_another_town_leaves_a_mob() -> None:
    # issue 5 review of 00fc023: any protest told in the sentence before made any mob a demonstration
    text = ("On 2 September 2025, nurses marched in Nairobi over unpaid allowances. In Mombasa, a mob attacked "
            "police officers who had detained a suspected pickpocket.")
    assert _subs(text) == ["Mob violence"]


@pytest.mark.parametrize("text", [
    "On 2 September 2025, a crowd attacked police officers in Eldoret during a protest over fuel prices.",
    "On 2 September 2025, traders protesting new taxes attacked police officers in Eldoret.",
    "On 2 September 2025, traders took to the streets of Eldoret over new taxes. The crowd attacked police officers.",
])
def test_demonstrating_crowd_its_own_protest_makes_a_violent_demonstration(text: str) -> None:
    assert _subs(text) == ["Violent demonstration"]
