"""An event's fatalities from its figures (eventdesk/event_tolls.py, figures.py): our own sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import extract_text, ranked_events

from eventdesk.model import Event

DAY = dt.date(2025, 9, 10)


def _events(text: str) -> list[Event]:
    return ranked_events(text, published=DAY)


def test_figures_goods_taken_after_a_passive_killing_are_no_dead() -> None:
    text = "Witnesses said 6 guards were killed and the raiders drove off 40 cattle and two tankers."
    killed = [f for f in extract_text(text, published=DAY).figures if f.kind == "killed"]
    assert [(f.low, f.counts) for f in killed] == [(6.0, "guards")]


def test_events_a_count_of_both_sides_rivals_one_sides_claim() -> None:
    text = ("On 3 May 2025, militiamen and soldiers fought near Dessie. Elders said at least 15 fighters from "
            "both sides were killed; the militia claimed 70 soldiers died.")
    assert _events(text)[0].fatalities == 15


def test_events_a_count_of_both_sides_adds_the_civilians_told_apart() -> None:
    text = ("On 3 May 2025, militiamen and soldiers clashed near Dessie. At least 14 fighters from both sides "
            "were killed. 3 civilians were also killed.")
    assert _events(text)[0].fatalities == 17


def test_figures_fighters_on_both_sides_count_no_one_side() -> None:
    figures = extract_text("The clashes killed 14 fighters on both sides.", published=DAY).figures
    assert [(f.kind, f.low, f.counts_actor) for f in figures] == [("killed", 14.0, "")]


def test_events_a_part_told_again_by_a_second_source_sums_nothing() -> None:
    # issue 5 review of 42ed14c: two sources' same 9 made a rival 18 their 'sum'
    text = ("On 3 May 2025, soldiers fought rebels near Kindu. The army said 9 rebels were killed. Elders said "
            "9 rebels died, while an aid group put the toll at 18.")
    assert _events(text)[0].fatalities == 9


def test_events_a_count_of_both_sides_and_one_sides_later_claim_are_one_toll() -> None:
    # issue 5 review of fad51ce: the army's 20 in a later sentence was added to the 14 of both sides (34)
    text = ("On 3 May 2025, militiamen and soldiers clashed near Dessie, killing 12 combatants from both sides. "
            "The army said 25 militiamen were killed.")
    assert _events(text)[0].fatalities == 12


def test_events_one_sides_own_loss_is_part_of_a_count_of_both_sides() -> None:
    # review of 8f7bfd6: the lower of 12 and the army's own 3 made the toll 3
    text = ("On 3 May 2025, militiamen and soldiers clashed near Dessie, killing 12 combatants from both sides. "
            "The army said it lost 3 soldiers.")
    assert _events(text)[0].fatalities == 12


def test_events_civilians_beside_a_count_of_both_sides_in_one_phrase_add() -> None:
    text = "On 3 May 2025, militiamen and soldiers clashed near Dessie, killing 12 combatants from both sides and 4 civilians."
    assert _events(text)[0].fatalities == 16


def test_events_dead_left_on_both_sides_and_civilians_told_apart_add() -> None:
    text = ("On 3 May 2025, militiamen and soldiers clashed near Dessie, leaving 18 dead on both sides. "
            "Two civilians were also killed.")
    assert _events(text)[0].fatalities == 20


def test_figures_dead_left_on_both_sides_count_no_one_side() -> None:
    figures = extract_text("The battle left 18 dead on both sides.", published=DAY).figures
    assert [(f.kind, f.low, f.counts) for f in figures] == [("killed", 18.0, "on both sides")]


def test_events_police_martyred_are_dead() -> None:
    text = ("On 2 May 2025, militants stormed a police post on the outskirts of Tank (Khyber Pakhtunkhwa) with "
            "rockets. Three policemen were martyred, police said, adding that the attackers fled after a two-hour "
            "gunfight.")
    assert _events(text)[0].fatalities == 3


def test_figures_a_sides_own_men_count_that_side() -> None:
    text = "JNIM claimed it killed 30 soldiers, while the army said four of its men were killed."
    figures = extract_text(text, published=DAY).figures
    assert [(f.low, f.counts_actor) for f in figures] == [(30.0, "Military Forces"), (4.0, "Military Forces")]


def test_events_a_groups_claim_and_the_sides_own_count_of_its_men_are_one_toll() -> None:
    # a claim against the side's own count of its dead: the side's own, the lower, stands as ACLED codes it
    text = ("On 3 May 2025, JNIM fighters attacked an army post near Boulkessi. JNIM claimed it killed 30 "
            "soldiers, while the army said four of its men were killed.")
    assert _events(text)[0].fatalities == 4


@pytest.mark.parametrize(("text", "dead"), [
    ("On 3 May 2025, 5 villagers were killed when gunmen attacked Kaura; another 4 villagers were killed in a "
     "nearby hamlet.", 9),
    # a vague count before 'another' counts at ACLED's low value ('several' 3), as it would alone
    ("On 3 May 2025, several villagers were killed when gunmen attacked Kaura; another 4 villagers were killed "
     "in a nearby hamlet.", 7),
    ("On 3 May 2025, gunmen attacked Kaura, killing 6 villagers. A further 2 died in hospital.", 8),
])
def test_events_another_count_adds_to_the_toll_before_it(text: str, dead: int) -> None:
    assert _events(text)[0].fatalities == dead


@pytest.mark.parametrize("text", [
    "The clashes near Chaman killed 10 civilians on both sides of the border.",
    "The shelling killed 10 civilians on either side of the river.",
])
def test_figures_people_on_both_sides_of_a_border_are_no_sides_fighters(text: str) -> None:
    figures = extract_text(text, published=DAY).figures
    assert [(f.low, "both sides" in f.counts) for f in figures] == [(10.0, False)]


def test_events_men_a_side_says_it_lost_beside_its_own_claim_count_that_side() -> None:
    # 'it' of 'and it lost four men', parsed beside 'said', is the army that speaks
    text = ("On 3 May 2025, JNIM fighters ambushed an army convoy near Boni. The army said 10 assailants were "
            "neutralised and it lost three men; JNIM claimed to have killed 25 soldiers.")
    assert _events(text)[0].fatalities == 13


def test_tolls_fighters_on_both_sides_of_a_front_line_are_both_sides_fighters() -> None:
    # the sides of a front line or a border are a place only for others than fighters
    text = ("On 3 May 2025, fierce clashes broke out near Bakhmut, killing 30 soldiers on both sides of the front "
            "line. The army said it lost 7 soldiers.")
    assert [e.fatalities for e in ranked_events(text, published=DAY)] == [30]
