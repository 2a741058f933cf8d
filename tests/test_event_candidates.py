"""Event candidates of one sentence: the sides a trigger's parse gives, and when two sides are one actor."""

from __future__ import annotations

import pytest

from eventdesk.actors import ActorContext, find_actors
from eventdesk.event_candidates import sentence_candidates
from eventdesk.nlp import load_nlp


def _candidates(sentence: str, country: str):  # type: ignore[no-untyped-def]
    doc = load_nlp()(sentence)
    sent = next(iter(doc.sents))
    context = ActorContext(country=country, year=2024)
    return sentence_candidates(sent, 0, find_actors(sent, context=context), None, context)


@pytest.mark.parametrize(("sentence", "country", "side"), [
    ("Two rival clan militias clashed over a water well near Beledweyne, leaving 5 fighters dead.", "Somalia",
     "Communal Militia (Somalia)"),
    ("Rival gangs fought for control of the market in Cucuta.", "Colombia", "Unidentified Gang (Colombia)"),
    # the parser reads 'fought' as a participle on 'clans': the subject is still the rivals
    ("On 18 February 2024, warriors from two rival clans fought with high-powered rifles in the hills near Wabag.",
     "Papua New Guinea", "Communal Militia (Papua New Guinea)"),
])
def test_sentence_candidates_rivals_of_one_kind_are_both_sides_of_a_clash(sentence: str, country: str,
                                                                          side: str) -> None:
    clash = next(c for c in _candidates(sentence, country) if c.sub == "Armed clash")
    assert (clash.actor1 and clash.actor1.name, clash.actor2 and clash.actor2.name) == (side, side)


def test_sentence_candidates_rivals_with_a_named_opponent_keep_it() -> None:
    found = _candidates("Rival clan militias clashed with police near Beledweyne.", "Somalia")
    clash = next(c for c in found if c.type in {"Battles", "Riots"})
    assert clash.actor2 is not None and clash.actor2.name.startswith("Police Forces of Somalia")


def test_sentence_candidates_a_bomb_hitting_its_own_side_has_no_attacker() -> None:
    found = _candidates("A roadside bomb hit an army vehicle near Marka.", "Somalia")
    assert all(c.actor1 is None for c in found)


def test_sentence_candidates_a_word_of_a_groups_name_is_no_trigger() -> None:
    """'the March 23 Movement' holds 'March', which is no protest march."""
    found = _candidates("Fighters of the March 23 Movement clashed with Wazalendo militiamen near Rutshuru.",
                        "Democratic Republic of Congo")
    assert [(c.type, c.actor1 and c.actor1.name) for c in found] == [("Battles", "M23: March 23 Movement")]


@pytest.mark.parametrize(("sentence", "country", "force"), [
    # the force is the subject of the trigger: it is the second side, the crowd the first
    ("Police fired tear gas to disperse the march.", "Nigeria", "Police Forces of Nigeria (2023-)"),
    # the force is elsewhere in the sentence, the trigger in a clause about the crowd
    ("Police used tear gas to disperse demonstrators outside the city hall who protested the detention of the "
     "mayor.", "Turkey", "Police Forces of Turkey (2002-)"),
])
def test_sentence_candidates_the_force_that_meets_a_protest_is_its_second_side(sentence: str, country: str,
                                                                               force: str) -> None:
    protest = next(c for c in _candidates(sentence, country) if c.type == "Protests")
    assert protest.actor2 is not None and protest.actor2.name == force
    assert protest.actor1 is None or protest.actor1.kind in {"protester", "civilian"}


def test_sentence_candidates_police_in_what_a_protest_is_about_is_no_side() -> None:
    found = _candidates("Hundreds marched peacefully against the police killing of a teenager.", "Kenya")
    protest = next(c for c in found if c.type == "Protests")
    assert protest.actor2 is None


@pytest.mark.parametrize(("sentence", "country", "sides"), [
    ("Government troops entered the town after rebel fighters withdrew from it.", "Mali",
     ("Military Forces of Mali (2021-)", "Opposition Rebels (Mali)")),
    ("Ukrainian troops entered Kherson after Russian forces completed their withdrawal.", "Ukraine",
     ("Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)")),
])
def test_sentence_candidates_who_moves_in_after_a_withdrawal_takes_the_town(sentence: str, country: str,
                                                                            sides: tuple[str, str]) -> None:
    found = [c for c in _candidates(sentence, country) if c.sub == "Non-violent transfer of territory"]
    assert [(c.actor1 and c.actor1.name, c.actor2 and c.actor2.name) for c in found] == [sides]


def test_sentence_candidates_a_withdrawal_alone_is_by_the_side_that_left() -> None:
    found = [c for c in _candidates("Russian forces withdrew from the town on Friday.", "Ukraine")
             if c.sub == "Non-violent transfer of territory"]
    assert [(c.actor1 and c.actor1.name, c.actor2) for c in found] == [("Military Forces of Russia (2000-)", None)]


def test_fold_a_withdrawal_into_a_capture_names_the_side_that_lost_it() -> None:
    found = _candidates("SAF troops withdrew from Wad Medani and RSF fighters entered the city.", "Sudan")
    assert [(c.actor1 and c.actor1.name, c.actor2 and c.actor2.name) for c in found] == [
        ("Rapid Support Forces", "Military Forces of Sudan (2019-)")]


@pytest.mark.parametrize(("sentence", "country", "sides"), [
    ("Fano militiamen and ENDF troops fought for control of Debre Markos before the militia withdrew.", "Ethiopia",
     ("Fano Militia", "Military Forces of Ethiopia (2018-)")),
    # the parser hangs the first subject on the second's head noun; the weapons exchanged are no opponent
    ("On 15 June 2023, RSF and army units exchanged artillery and gunfire on the edge of Kadugli.", "Sudan",
     ("Rapid Support Forces", "Military Forces of Sudan (2019-)")),
])
def test_sentence_candidates_conjoined_subjects_of_a_clash_are_its_sides(sentence: str, country: str,
                                                                         sides: tuple[str, str]) -> None:
    clash = next(c for c in _candidates(sentence, country) if c.sub == "Armed clash")
    assert (clash.actor1 and clash.actor1.name, clash.actor2 and clash.actor2.name) == sides


def test_sentence_candidates_conjoined_allies_clashing_with_a_third_keep_it_as_the_opponent() -> None:
    clash = next(c for c in _candidates("M23 rebels and Rwandan troops clashed with FARDC soldiers near Sake.",
                                        "Democratic Republic of Congo") if c.sub == "Armed clash")
    assert clash.actor2 is not None and clash.actor2.name.startswith("Military Forces of the Democratic Republic")


def test_sentence_candidates_a_people_that_fights_a_clash_is_its_ethnic_militia() -> None:
    clash = next(c for c in _candidates("On 5 March, armed Murle youths clashed with Dinka Bor cattle keepers.",
                                        "South Sudan") if c.sub == "Armed clash")
    assert (clash.actor1 and clash.actor1.name, clash.actor2 and clash.actor2.name) == (
        "Murle Ethnic Militia (South Sudan)", "Dinka Ethnic Militia (South Sudan)")


def test_sentence_candidates_a_people_ambushed_is_not_a_militia() -> None:
    found = _candidates("Gunmen ambushed Fulani herders near Gusau.", "Nigeria")
    assert all(c.actor2 is None or "Militia" not in c.actor2.name for c in found)


@pytest.mark.parametrize(("sentence", "country"), [
    ("A rocket fired from Lebanon hit a house in Kiryat Shmona.", "Israel"),
    ("Unidentified assailants threw a grenade into a crowded market in Kismayo.", "Somalia"),
    ("A suicide bomber detonated a vest in a tea shop in Baidoa.", "Somalia"),
])
def test_sentence_candidates_a_blast_at_a_civilian_place_has_civilians_as_its_target(sentence: str,
                                                                                     country: str) -> None:
    blast = next(c for c in _candidates(sentence, country) if c.type == "Explosions/Remote violence")
    assert blast.actor2 is not None and blast.actor2.name == f"Civilians ({country})"


def test_sentence_candidates_a_blast_at_a_checkpoint_is_not_on_civilians() -> None:
    blast = next(c for c in _candidates("A suicide bomber blew himself up at an army checkpoint in Bosaso.",
                                        "Somalia") if c.type == "Explosions/Remote violence")
    assert blast.actor2 is None or blast.actor2.kind != "civilian"


def test_sentence_candidates_a_place_taken_from_an_armed_side_has_it_as_the_loser() -> None:
    found = _candidates("On 31 August 2017, Iraqi forces recaptured Tal Afar (Ninewa) from IS after an 11-day "
                        "offensive.", "Iraq")
    capture = next(c for c in found if c.sub == "Government regains territory")
    assert capture.actor2 is not None and capture.actor2.name == "Islamic State (Iraq)"


def test_sentence_candidates_the_subject_named_first_leads_even_when_it_recurs_later() -> None:
    """'police ... and a police officer were killed': the police named again later are still named first."""
    found = _candidates("On 8 May 2024, police and gunmen of Los Lobos exchanged fire during a raid in Machala; "
                        "2 gunmen and a police officer were killed.", "Ecuador")
    clash = next(c for c in found if c.sub == "Armed clash")
    assert (clash.actor1 and clash.actor1.name, clash.actor2 and clash.actor2.name) == (
        "Police Forces of Ecuador (2023-)", "Los Lobos")


def test_sentence_candidates_an_actor_in_a_clause_set_at_another_time_is_no_side() -> None:
    found = _candidates("On 6 March 2024, 3R rebels looted the health centre in Bocaranga after government troops "
                        "left the town.", "Central African Republic")
    looting = next(c for c in found if c.sub == "Looting/property destruction")
    assert looting.actor2 is None


@pytest.mark.parametrize(("sentence", "country", "loser"), [
    ("On 3 May 2024, JNIM fighters took control of Boni after government forces withdrew to Douentza.", "Mali",
     "Military Forces of Mali (2021-)"),
    ("On 2 September 2023, Fano militiamen seized Debre Tabor (South Gondar) after the federal army withdrew.",
     "Ethiopia", "Military Forces of Ethiopia (2018-)"),
])
def test_sentence_candidates_a_capture_after_a_withdrawal_is_from_the_side_that_withdrew(sentence: str,
                                                                                         country: str,
                                                                                         loser: str) -> None:
    capture = next(c for c in _candidates(sentence, country) if c.role == "territory")
    assert capture.actor2 is not None and capture.actor2.name == loser


def test_sentence_candidates_fighting_that_broke_out_between_two_sides_has_them_as_sides() -> None:
    """The sides hang on 'broke out'; the killing told 'after' it is another time and takes none of them."""
    found = _candidates("On 13 May 2025, heavy fighting broke out between the 444 Brigade and the Radaa force in "
                        "Tripoli after the killing of a militia leader.", "Libya")
    clash = next(c for c in found if c.trigger.text == "fighting")
    assert (clash.actor1 and clash.actor1.name, clash.actor2 and clash.actor2.name) == (
        "444 Brigade", "Radaa Special Deterrence Forces")
    assert all(c.actor1 is None or c.actor1.name != "Radaa Special Deterrence Forces" for c in found
               if c.trigger.text == "killing")


def test_sentence_candidates_protesters_setting_fire_riot() -> None:
    found = _candidates("On 9 May 2023, PTI supporters stormed the corps commander's residence in Lahore and set "
                        "parts of it on fire.", "Pakistan")
    assert any((c.type, c.sub) == ("Riots", "Violent demonstration") and c.trigger.text == "set" for c in found)


def test_sentence_candidates_a_group_of_students_beating_a_man_is_mob_violence() -> None:
    found = _candidates("On 18 September 2024, a group of students beat a man to death in a dormitory in Dhaka.",
                        "Bangladesh")
    assert any((c.type, c.sub) == ("Riots", "Mob violence") for c in found)


def test_sentence_candidates_a_group_a_negated_verb_takes_is_no_side() -> None:
    found = _candidates("The truce signed last month does not include Al Shabaab, officials said.", "Somalia")
    agreements = [c for c in found if c.sub == "Agreement"]
    assert agreements and all(c.actor1 is None and c.actor2 is None for c in agreements)


@pytest.mark.parametrize(("sentence", "sub"), [
    ("The president withdrew a large part of the country's troops stationed in Mali.", "Other"),
    ("Al Shabaab fighters withdrew from Bulo Burte overnight.", "Non-violent transfer of territory"),
])
def test_sentence_candidates_troops_withdrawn_from_nowhere_named_give_up_no_place(sentence: str, sub: str) -> None:
    found = _candidates(sentence, "Mali" if "Mali" in sentence else "Somalia")
    assert [c.sub for c in found if c.type == "Strategic developments"] == [sub]
