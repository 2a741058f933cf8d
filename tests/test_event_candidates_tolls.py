"""Candidates: a fight named only as where a toll was taken belongs to the event told before it."""

from __future__ import annotations

import datetime as dt

from conftest import ranked_events

_DAY = dt.date(2025, 10, 3)


def test_a_toll_taken_in_shootouts_after_an_operation_is_the_operations() -> None:
    text = ("On 2 October 2025, police carried out an operation against the Tren de Aragua gang in Maracay. "
            "6 suspects killed in shootouts; 1 officer wounded.")
    events = ranked_events(text, published=_DAY)
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 6)]


def test_a_fight_with_sides_of_its_own_stays_its_own_event() -> None:
    text = ("On 2 October 2025, police carried out an operation against a gang in Maracay. "
            "Elsewhere, 12 were killed in fighting between the army and ELN guerrillas near the border.")
    assert len(ranked_events(text, published=_DAY)) == 2


def test_candidates_an_ambush_that_killed_passengers_is_an_attack_on_them() -> None:
    # only a fight that kills (clashes, fighting) tolls a battle; an ambush that kills is the killing itself
    text = "On 4 May 2025, an ambush by gunmen on a minibus killed 8 travellers near Birnin Gwari."
    events = ranked_events(text, published=dt.date(2025, 5, 5))
    assert [(e.event_type, e.fatalities) for e in events] == [("Violence against civilians", 8)]
