"""Merging an article's event candidates into events (eventdesk/event_merge.py): our own sentences."""

from __future__ import annotations

import datetime as dt

from conftest import extract_text

from eventdesk.model import Event

DAY = dt.date(2025, 9, 10)


def _events(text: str) -> list[Event]:
    return sorted(extract_text(text, published=DAY).events, key=lambda e: (-e.confidence, e.index))


def test_events_protesters_who_burn_a_station_riot() -> None:
    text = ("On 4 May 2025, traders protesting the murder of a colleague blocked the main road and burned "
            "a police station in Kano. Police fired live rounds to disperse them, killing one rioter.")
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in _events(text)] == [
        ("Riots", "Violent demonstration", 1)]


def test_events_rally_beside_another_crowds_riot_stays_a_protest() -> None:
    text = "Nurses rallied peacefully outside the ministry while a separate group of youths burned tyres on the highway."
    assert {(e.event_type, e.sub_event_type) for e in _events(text)} == {
        ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration")}
