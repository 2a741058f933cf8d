"""Actors' kinds: read back from the ACLED names eventdesk gives, and what they change downstream."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ranked_events

from eventdesk.actor_kinds import actor_kind
from eventdesk.actors import ActorContext, normalise_actor


@pytest.mark.parametrize(("name", "kind"), [
    ("Civilians (Mali)", "civilian"),
    ("Government of Afghanistan (2021-)", "civilian"),
    ("Government", "civilian"),  # a government's ministers where the country is unknown
    ("Protesters (Egypt)", "protester"),
    ("Police Forces of Egypt (2014-)", "police"),
    ("Military Forces of Puntland", "state"),
    ("Unidentified Gang (Ecuador)", "unidentified"),
    ("Kuki Ethnic Militia (India)", "militia"),
    ("Islamic State (Syria)", "rebel"),
    ("Wagner Group", "external"),
    ("Zamfara Community Protection Guards", "militia"),
])
def test_actor_kind_reads_the_kind_from_the_name_this_module_gives(name: str, kind: str) -> None:
    assert actor_kind(name) == kind


def test_actor_kind_agrees_with_normalise_actor() -> None:
    context = ActorContext(country="Nigeria", year=2024)
    for phrase in ["gunmen", "villagers", "protesters", "police", "soldiers", "Boko Haram fighters", "Tiv militiamen",
                   "rioters", "ISWAP militants"]:
        actor = normalise_actor(phrase, context=context)
        assert actor is not None and actor_kind(actor.name) == actor.kind, phrase


def test_actor_kind_a_governments_dead_add_to_a_battles_toll() -> None:
    # ministers killed beside the fighters are no side's fighters: they add to a both-sides toll
    text = ("On 3 May 2024, clashes between soldiers and rebels in Goma (North Kivu) killed 14 combatants from "
            "both sides and 2 cabinet ministers.")
    event = ranked_events(text, published=dt.date(2024, 5, 3))[0]
    assert (event.event_type, event.fatalities) == ("Battles", 16)
