"""Events' sides: the branch of unnamed 'security forces' is told by what they do (arrests, protests)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ranked_events


@pytest.mark.parametrize(("text", "published", "sub", "actor1"), [
    # Egypt's interior ministry makes the arrests: its 'security forces' that arrest are police
    ("On 10 January 2025, security forces arrested 4 people in Alexandria (Alexandria).", dt.date(2025, 1, 10),
     "Arrests", "Police Forces of Egypt (2014-)"),
    # fighting in Sinai is the army's, whatever the country's arrests are
    ("On 3 May 2024, security forces killed 5 militants in a raid near Sheikh Zuweid (North Sinai), the army said.",
     dt.date(2024, 5, 3), "Armed clash", "Military Forces of Egypt (2014-)"),
    # where the table names no policing branch, arrests leave the force as it was
    ("On 3 May 2024, security forces arrested 12 suspects in Aleppo (Aleppo).", dt.date(2024, 5, 3), "Arrests",
     "Military Forces of Syria (2000-)"),
])
def test_finalise_sides_security_forces_police_only_where_they_arrest(text: str, published: dt.date, sub: str,
                                                                       actor1: str) -> None:
    event = ranked_events(text, published=published)[0]
    assert (event.sub_event_type, event.actor1) == (sub, actor1)


def test_finalise_sides_security_forces_facing_protesters_are_police() -> None:
    text = "On 3 May 2024, security forces dispersed protesters in Cairo."
    event = ranked_events(text, published=dt.date(2024, 5, 3))[0]
    assert (event.event_type, event.actor2) == ("Protests", "Police Forces of Egypt (2014-)")
