"""Events: who defies a protest takes no part in it; a prison retaken is no territory."""

from __future__ import annotations

import datetime as dt

from conftest import ranked_events

_DAY = dt.date(2025, 11, 10)


def test_force_on_someone_who_defied_a_boycott_is_an_attack_not_force_on_protesters() -> None:
    event = ranked_events("Separatist fighters shot a trader who had defied their boycott in Kumba (Southwest).",
                          published=_DAY)[0]
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_force_on_people_enforcing_a_shutdown_stays_force_on_protesters() -> None:
    event = ranked_events("Police opened fire on students enforcing a shutdown in Srinagar.", published=_DAY)[0]
    assert (event.event_type, event.sub_event_type) == ("Protests", "Excessive force against protesters")


def test_control_regained_in_a_prison_is_no_territory() -> None:
    text = ("Rival gangs fought with knives inside a penitentiary in Guayaquil. "
            "The prison authority said 9 inmates were killed before police regained control.")
    assert all(e.sub_event_type != "Government regains territory" for e in ranked_events(text, published=_DAY))


def test_control_regained_of_a_town_is_territory() -> None:
    events = ranked_events("The army regained control after two days of fighting in Bara.", published=_DAY)
    assert events[0].sub_event_type == "Government regains territory"
