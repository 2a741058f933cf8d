"""Merging an article's event candidates into events (eventdesk/event_merge.py): our own sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_text, ranked_events

from eventdesk.model import Event

DAY = dt.date(2025, 9, 10)


def _events(text: str) -> list[Event]:
    return ranked_events(text, published=DAY)


def test_events_protesters_who_burn_a_station_riot() -> None:
    text = ("On 4 May 2025, traders protesting the murder of a colleague blocked the main road and burned "
            "a police station in Kano. Police fired live rounds to disperse them, killing one rioter.")
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in _events(text)] == [
        ("Riots", "Violent demonstration", 1)]


def test_events_rally_beside_another_crowds_riot_stays_a_protest() -> None:
    text = "Nurses rallied peacefully outside the ministry while a separate group of youths burned tyres on the highway."
    assert {(e.event_type, e.sub_event_type) for e in _events(text)} == {
        ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration")}


@pytest.mark.parametrize("later", [
    "In a separate attack near Katsina-Ala, 11 farmers were killed.",
    "In a separate raid, bandits shot dead 11 farmers near Katsina-Ala.",
    "At least 150 farmers have died in similar attacks in the state this year.",
    "In August, 11 farmers were killed in a nearby village.",
])
def test_events_deaths_told_as_another_attack_are_not_its_toll(later: str) -> None:
    # issue 5 review of 54cb149: a vague count gave way to a number of another attack or a running total
    text = f"On 2 September 2025, gunmen killed several farmers near Ukum in Benue. {later}"
    first = min(_events(text), key=lambda e: e.index)
    assert (first.sentences, first.fatalities) == ((0,), 3)


@pytest.mark.parametrize(("later", "fatalities"), [
    ("Over 300 people have been killed in the state since January 1.", 0),
    ("Over 300 people have been killed in the state since 1 January 2025.", 0),
    ("Over 30 people have been killed in the fighting since Sunday.", 30),
])
def test_events_a_toll_since_a_day_long_before_is_a_running_total(later: str, fatalities: int) -> None:
    # issue 5 review of e259f1e: 'since January 1', read to the day, was no longer a running total
    text = f"On 2 September 2025, gunmen attacked a village near Ukum in Benue, burning dozens of houses. {later}"
    first = min(_events(text), key=lambda e: e.index)
    assert first.fatalities == fatalities


def test_events_the_attackers_killed_in_the_reply_are_not_the_second_actor() -> None:
    # issue 5 review of ebd6af3: folding the reply made the attackers the event's own second actor
    text = ("On 2 September 2025, JNIM fighters stormed a self-defence post near Djibo, killing 4 volunteers. "
            "Troops who came to their aid killed 6 of the assailants, the army said.")
    event = _events(text)[0]
    assert event.fatalities == 10 and event.actor2 != "Unidentified Armed Group (Burkina Faso)"


def test_events_soldiers_killed_in_an_untold_attack_are_no_riot() -> None:
    events = _events("Nine soldiers were killed in an attack on their base near Ansongo.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Armed clash")]
    assert events[0].actor1 is None or not events[0].actor1.startswith("Rioters")


def test_events_workers_who_smash_and_fight_police_riot() -> None:
    events = _events("Garment workers vandalised factories and clashed with police outside the zone.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Violent demonstration")]


def test_events_a_tally_since_the_new_year_beside_an_attack_is_no_event() -> None:
    text = ("More than 200 people have been killed in Benue since January 1. On Monday, gunmen killed 4 farmers "
            "near Makurdi.")
    assert [(e.sub_event_type, e.fatalities) for e in _events(text)] == [("Attack", 4)]


def test_events_a_toll_since_a_weekday_is_the_fights_own() -> None:
    events = _events("Two soldiers have been killed since Sunday in fighting around the town.")
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 2)]


def test_events_place_is_the_town_before_its_zone_and_bracket() -> None:
    text = "On 4 May 2025, gunmen killed 5 civilians in Dembi Dolo, Kellem Wollega zone (Oromia)."
    extraction = extract_text(text, published=DAY)
    place = extraction.places[extraction.events[0].place_index]
    assert place.precision == 1 and abs(place.latitude - 8.53) < 0.2


def test_events_a_group_saying_whom_it_targeted_names_the_unnamed_bomber() -> None:
    text = ("A car bomb went off outside a hotel in Kismayo on Sunday. Police said 6 people were killed; "
            "Al Shabaab said it had targeted government officials.")
    events = _events(text)
    assert [(e.sub_event_type, e.fatalities, e.actor1) for e in events] == [
        ("Remote explosive/landmine/IED", 6, "Al Shabaab")]


def test_events_police_saying_whom_they_targeted_name_no_unnamed_bomber() -> None:
    # review of e2f994b: the police's own raid made them the bomber of the blast told before it
    text = ("On 4 May 2025, a car bomb went off near a hotel in Mogadishu, killing 5 people. Police said they "
            "targeted Al Shabaab hideouts in raids on the outskirts of the city hours later.")
    assert all("Police" not in e.actor1 for e in ranked_events(text, published=DAY) if e.fatalities)


def test_events_a_firefight_that_followed_an_ambush_and_its_toll_joins_the_ambush() -> None:
    # 'a firefight that followed' is the ambush's, and the bare toll between them joins the ambush too
    text = ("On 9 February 2025, Abu Sayyaf militants ambushed an army patrol near Patikul (Sulu). 2 soldiers were "
            "killed and 3 wounded. Troops pursued the attackers and killed 4 of them in a firefight that followed.")
    assert [e.fatalities for e in ranked_events(text, published=DAY)] == [6]


@pytest.mark.parametrize("text", [
    "On 3 May 2025, traders staged a sit-in at the market in Kano over new taxes. When police came to disperse the "
    "sit-in, the traders threw stones at the officers and burned a police vehicle.",
    "On 3 May 2025, residents blocked the highway in Ikorodu to protest a killing. Police came to disperse the "
    "protesters, who pelted them with stones and set tyres ablaze.",
])
def test_events_a_protest_whose_crowd_riots_in_the_next_sentence_is_one_riot(text: str) -> None:
    events = ranked_events(text, published=DAY)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Violent demonstration")]


def test_events_a_riot_by_other_people_after_a_protest_stays_apart() -> None:
    text = ("On 3 May 2025, teachers protested over unpaid salaries in Abuja. Youths later burned tyres on a "
            "highway in Kaduna.")
    assert len(ranked_events(text, published=DAY)) == 2


def test_events_a_later_attack_past_a_bare_toll_is_its_own_event() -> None:
    # only a fight 'that followed' reaches over the bare toll; another attack after it is told apart
    text = ("On 3 May 2025, militants ambushed an army patrol near Patikul. 2 soldiers were killed. Abu Sayyaf "
            "gunmen killed 3 soldiers at a checkpoint in Jolo.")
    assert sorted(e.fatalities for e in ranked_events(text, published=DAY)) == [2, 3]


def test_events_another_toll_told_elsewhere_is_another_attack() -> None:
    # 'another' adds to the toll before it only in the same attack: 'Elsewhere' or its own town tells another
    for second in ("Elsewhere, another 2 farmers were hacked to death by gunmen.",
                   "In Tsafe, another 2 farmers were hacked to death by gunmen."):
        text = f"On 6 May 2025, gunmen killed 4 farmers in Gusau. {second}"
        assert sorted(e.fatalities for e in ranked_events(text, published=DAY)) == [2, 4], second


@pytest.mark.parametrize("second", [
    "The farmers burned tyres and a police post on the highway.",
    "In Ilorin, the students burned tyres and a police post on the highway.",
])
def test_events_another_crowd_rioting_after_a_protest_stays_apart(second: str) -> None:
    # the protest's crowd named again riots with it; another crowd, or one in another town, riots apart
    text = f"On 3 May 2025, nurses protested over unpaid allowances in Ibadan. {second}"
    assert len(ranked_events(text, published=DAY)) == 2


def test_events_a_bare_toll_joins_the_protest_told_before_it_not_the_next() -> None:
    # a toll follows its event: the next sentence's shooting elsewhere keeps its own dead
    text = ("On 3 May 2025, police fired tear gas at protesters in Kisumu. 4 protesters were killed. In Nakuru, "
            "police shot dead 2 protesters.")
    assert sorted(e.fatalities for e in ranked_events(text, published=DAY)) == [2, 4]
