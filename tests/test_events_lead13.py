"""Events on phrasings met in the lead's held-out notes of stop 13 (issue 5): our own sentences."""

from __future__ import annotations

import datetime as dt

from conftest import extract_text

from eventdesk.model import Event

DAY = dt.date(2025, 9, 10)


def _events(text: str) -> list[Event]:
    return sorted(extract_text(text, published=DAY).events, key=lambda e: (-e.confidence, e.index))


def test_events_loot_carried_off_is_no_abduction() -> None:
    text = ("On 2 September 2025, militants overran an army post near Arbinda. Local sources said 9 soldiers "
            "were killed and the attackers carried off rifles and two pick-up trucks.")
    events = _events(text)
    assert all(e.sub_event_type != "Abduction/forced disappearance" for e in events)
    assert events[0].event_type == "Battles" and events[0].fatalities == 9


def test_events_people_carried_off_are_abducted() -> None:
    for text in ("Gunmen raided the hamlet at night and carried off 14 women.",
                 "The rebels ambushed the convoy and carried off three soldiers.",
                 "Armed men carried off Issa Maiga, the village chief, on Tuesday."):
        assert any(e.sub_event_type == "Abduction/forced disappearance" for e in _events(text)), text


def test_figures_goods_taken_after_a_passive_killing_are_no_dead() -> None:
    text = "Witnesses said 6 guards were killed and the raiders drove off 40 cattle and two tankers."
    killed = [f for f in extract_text(text, published=DAY).figures if f.kind == "killed"]
    assert [(f.low, f.counts) for f in killed] == [(6.0, "guards")]


def test_events_protesters_who_burn_a_post_riot() -> None:
    text = ("On 4 May 2025, traders protesting the murder of a colleague blocked the main road and burned "
            "a police station in Kano. Police fired live rounds to disperse them, killing one rioter.")
    events = _events(text)
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [
        ("Riots", "Violent demonstration", 1)]


def test_events_rally_beside_another_crowds_riot_stays_a_protest() -> None:
    text = "Nurses rallied peacefully outside the ministry while a separate group of youths burned tyres on the highway."
    assert {(e.event_type, e.sub_event_type) for e in _events(text)} == {
        ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration")}


def test_events_a_count_of_both_sides_rivals_one_sides_claim() -> None:
    text = ("On 3 May 2025, militiamen and soldiers fought near Dessie. Elders said at least 15 fighters from "
            "both sides were killed; the militia claimed 70 soldiers died.")
    assert _events(text)[0].fatalities == 15


def test_figures_fighters_on_both_sides_count_no_one_side() -> None:
    figures = extract_text("The clashes killed 14 fighters on both sides.", published=DAY).figures
    assert [(f.kind, f.low, f.counts_actor) for f in figures] == [("killed", 14.0, "")]
