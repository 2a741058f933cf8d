"""Events' fatalities and types on phrasings first met in acled_heldout22 and the held-out sets after it (issue 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_text

from eventdesk.model import Event, Figure

DAY = dt.date(2023, 6, 1)


def _main(text: str) -> Event:
    events = extract_text(text, published=DAY).events
    assert events, f"no event in {text!r}"
    return max(events, key=lambda e: (e.confidence, -e.index))


def _killed(text: str) -> list[Figure]:
    return [f for f in extract_text(text, published=DAY).figures if f.kind == "killed"]


def test_figures_a_number_of_is_no_amount() -> None:
    assert _killed("A number of herders were killed when the convoy was ambushed.") == []


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 2 May 2023, bandits raided a village near Gusau (Zamfara); 4 vigilantes and a number of attackers "
     "were killed.", 4),
    ("On 3 May 2023, drones struck a fuel depot in Nyala (South Darfur). A number of workers were killed, "
     "local sources said.", 0),
])
def test_fatalities_a_number_of_counts_nothing(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


def test_fatalities_a_state_word_before_the_noun_says_what_it_counts() -> None:
    note = ("On 4 May 2023, troops clashed with Abu Sayyaf fighters near Patikul (Sulu). After the fighting, "
            "soldiers found 7 dead militants and recovered 4 rifles.")
    assert _main(note).fatalities == 7


def test_fatalities_the_loss_of_soldiers_is_their_death() -> None:
    note = ("On 5 May 2023, JNIM fighters ambushed an army patrol near Gao (Gao). The army reported killing "
            "15 assailants and admitted the loss of 4 soldiers.")
    assert _main(note).fatalities == 19


def test_fatalities_a_side_telling_its_own_lower_loss_is_the_rival_count_kept() -> None:
    note = ("On 6 May 2023, rebels and soldiers fought near Bunia (Ituri). The army said 30 rebels were "
            "killed, while the rebels said they lost 8 fighters.")
    assert _main(note).fatalities == 8


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 7 May 2023, police fired on marchers in Kisumu (Kisumu); 3 protesters were shot dead, and a fourth "
     "died in hospital. [size=hundreds]", 4),
    ("On 8 May 2023, a shell hit a bus stop in Donetsk (Donetsk), killing 2 people. A third, a young "
     "student, died of her wounds on Friday.", 3),
    ("On 9 May 2023, missiles hit flats in Dnipro (Dnipropetrovsk), killing 4 residents. Rescuers later "
     "recovered the body of a fifth victim from the rubble.", 5),
])
def test_fatalities_an_ordinal_victim_is_one_more(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 10 May 2023, a car bomb exploded near a police post in Baidoa (Bay), killing 6 policemen, "
     "including a captain, and 3 civilians.", 9),
    ("On 11 May 2023, a car bomb exploded near a police post in Baidoa (Bay), killing 9 people, including "
     "a captain and 3 civilians.", 9),
])
def test_fatalities_a_second_item_after_comma_and_closes_the_including_aside(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


def test_fatalities_a_number_on_a_modifier_counts_the_noun_it_modifies() -> None:
    note = ("On 12 May 2023, District Reserve Guard personnel killed 12 Maoists, among them a divisional commander, "
            "in the forests near Bijapur (Chhattisgarh). One DRG jawan was also killed.")
    assert _main(note).fatalities == 13


def test_fatalities_every_item_of_a_list_read_as_apposition_counts() -> None:
    note = ("On 13 May 2023, gunmen stopped a taxi near Cucuta (Norte de Santander) and shot dead a shopkeeper, "
            "his brother, their young nephew and 3 others.")
    assert _main(note).fatalities == 6


def test_fatalities_a_participle_with_its_were_left_out_is_passive() -> None:
    note = ("On 14 May 2023, ISWAP fighters attacked a military base near Monguno (Borno). The army said "
            "3 soldiers were killed and dozens of attackers neutralised.")
    event = _main(note)
    assert (event.event_type, event.fatalities) == ("Battles", 15)


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 15 May 2023, a suicide bomber blew himself up at a checkpoint in Mosul (Ninewa). Police said 4 people "
     "died, a toll that excludes the bomber.", 5),
    ("On 16 May 2023, a suicide bomber struck a wedding hall in Jalalabad (Nangarhar), killing 11 guests, "
     "not including the bomber.", 12),
    ("On 17 May 2023, a suicide bomber struck a wedding hall in Jalalabad (Nangarhar), killing 11 guests, "
     "including the bomber.", 11),
])
def test_fatalities_a_bomber_left_out_of_the_toll_is_added(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


def test_events_a_curfew_told_after_a_riot_is_its_aftermath() -> None:
    note = ("On 18 May 2023, angry youths attacked shops owned by Sudanese traders in Juba (Central Equatoria) after "
            "videos circulated of killings of South Sudanese in Wad Madani. Police said 3 traders were killed and "
            "dozens of shops looted before a curfew was imposed.")
    event = _main(note)
    assert (event.event_type, event.fatalities) == ("Riots", 3)


def test_fatalities_shot_dead_with_its_victim_read_as_apposition() -> None:
    note = ("On 7 March 2024, a Houthi sniper shot dead a 12-year-old girl as she fetched water in an eastern "
            "part of Taiz (Taizz).")
    assert _main(note).fatalities == 1


@pytest.mark.parametrize(("note", "event_type", "sub_type"), [
    ("On 4 April 2024, gunmen blocked the Zaria-Kaduna road (Kaduna) and kidnapped 9 motorists.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("On 5 April 2024, separatists kidnapped 3 nurses in Bamenda (Mezam, North-West) for defying their "
     "lockdown and boycott of clinics.", "Violence against civilians", "Abduction/forced disappearance"),
    ("On 6 April 2024, soldiers defused a roadside bomb on the road out of Baidoa (Bay) and arrested "
     "2 suspects.", "Strategic developments", "Disrupted weapons use"),
])
def test_events_no_protest_by_armed_men_or_in_a_boycott_defied_and_a_defused_bomb_leads(
        note: str, event_type: str, sub_type: str) -> None:
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_type)


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 8 April 2024, ISWAP fighters stormed an army camp near Gajiram (Borno). The army said 4 soldiers were "
     "killed and about 15 insurgents neutralised, while ISWAP claimed to have killed 30 soldiers.", 19),
    ("On 9 April 2024, a suicide bomber struck a mosque in Jalalabad (Nangarhar) during prayers, killing "
     "9 worshippers, among them the mosque's imam, as well as himself.", 10),
])
def test_fatalities_elided_passive_counts_and_the_bomber_as_well_as(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


def test_events_arrests_of_the_crowd_in_the_next_sentence_met_the_protest() -> None:
    note = ("On 10 April 2024, striking teachers rallied outside the education ministry in Lusaka (Lusaka). "
            "Police arrested 25 of them. [size=hundreds]")
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")


def test_events_a_reply_told_after_an_attack_stays_below_it() -> None:
    note = ("On 11 April 2024, rebel rockets hit a market near Kidal (Kidal) during clashes, killing 6 traders; "
            "the army responded with air strikes.")
    assert _main(note).fatalities == 6


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 12 April 2024, gunmen attacked a mosque in Maiduguri (Borno) during evening prayers, killing 11 "
     "worshippers; rescuers later found more bodies in a nearby school, bringing the total to 16.", 16),
    ("On 13 April 2024, a missile hit a block of flats in Sumy (Sumy), killing 4 people and injuring 30; a fifth "
     "victim's body was found under the rubble the next day.", 5),
])
def test_fatalities_a_total_brought_up_and_a_later_victims_body(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


@pytest.mark.parametrize(("note", "event_type", "sub_type"), [
    ("On 14 April 2024, a gunman shot at worshippers inside a church in Kaduna (Kaduna) and then blew himself "
     "up, killing 9 people.", "Explosions/Remote violence", "Suicide bomb"),
    ("On 15 April 2024, police arrested a student leader at his home in Nakuru (Nakuru) over his alleged role "
     "in the March protests.", "Strategic developments", "Arrests"),
])
def test_events_a_gunman_who_blows_himself_up_and_an_arrest_over_a_past_protest(
        note: str, event_type: str, sub_type: str) -> None:
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_type)


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 16 April 2024, troops clashed with NPA rebels in the hills near Kabankalan (Negros Occidental). The "
     "army reported 4 rebels killed and a soldier slightly wounded.", 4),
    ("On 17 April 2024, two suicide bombers blew themselves up at a checkpoint near Konduga (Borno) after "
     "soldiers stopped them. No one else was hurt.", 2),
    ("On 18 April 2024, two suicide bombers blew themselves up at a market in Gwoza (Borno), killing 14 people.",
     14),
])
def test_fatalities_a_wound_of_its_own_subject_and_bombers_counted_only_alone(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


@pytest.mark.parametrize(("note", "event_type", "sub_type"), [
    ("On 19 April 2024, an IED planted by Islamic State fighters hit a police patrol near Baiji (Salah al-Din), "
     "killing 2 policemen.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("On 20 April 2024, thousands of people rallied outside parliament in Yerevan (Yerevan) against the border "
     "deal. Police used stun grenades and detained dozens.", "Protests", "Protest with intervention"),
])
def test_events_a_planted_device_that_hit_and_a_crowd_detained_in_the_next_sentence(
        note: str, event_type: str, sub_type: str) -> None:
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_type)


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 21 April 2024, 2 gunmen stormed a hotel lobby in Galkayo (Mudug), killing 3 guards; both attackers "
     "were killed by police.", 5),
    ("On 22 April 2024, suspected insurgents shot dead 3 rubber tappers on a plantation near Bacho "
     "(Narathiwat).", 3),
    ("On 23 April 2024, a bomb exploded at an opposition rally in Mombasa (Mombasa), killing 4 people.", 4),
])
def test_fatalities_both_attackers_people_called_rubber_tappers_and_a_blast_at_a_rally(
        note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


def test_figures_both_counts_two_only_for_those_it_names() -> None:
    assert [(f.low, f.counts) for f in _killed("Both guards were killed.")] == [(2, "guards")]
    assert _killed("Fighters on both sides were killed.") == []


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 2 March 2024, a missile hit a hotel in Kryvyi Rih (Dnipropetrovsk) as residents gathered for a wedding, "
     "killing 7 people, 2 of them children, and wounding 30.", 7),
    ("On 3 March 2024, a car bomb exploded outside a mosque in Kirkuk (Kirkuk) while worshippers gathered for "
     "prayers, killing 9 people.", 9),
])
def test_fatalities_a_participle_hung_on_the_scene_is_the_main_clause_s(note: str, fatalities: int) -> None:
    event = _main(note)
    assert (event.event_type, event.fatalities) == ("Explosions/Remote violence", fatalities)


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 4 March 2024, gunmen attacked a village near Jos (Plateau). Police put the toll at 30, while "
     "community leaders said more than 60 people had died.", 30),
    ("On 5 March 2024, troops raided a rebel camp near Beni (Nord-Kivu); the army said 14 rebels and 2 soldiers "
     "were killed, while villagers reported dozens of bodies in the forest.", 16),
])
def test_fatalities_a_bare_toll_and_bodies_counted_loosely_are_rival_counts(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


@pytest.mark.parametrize(("note", "event_type", "sub_type"), [
    ("On 6 March 2024, police bomb squad officers defused a device found under a bridge in Quetta "
     "(Balochistan).", "Strategic developments", "Disrupted weapons use"),
    ("On 7 March 2024, hundreds of students marched to the ministry in Dhaka (Dhaka). Police fired tear gas "
     "and detained 23 people.", "Protests", "Protest with intervention"),
])
def test_events_a_bomb_squad_sets_off_no_bomb_and_a_count_of_people_detained_is_the_crowd(
        note: str, event_type: str, sub_type: str) -> None:
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_type)


def test_events_a_raid_done_with_drones_is_no_air_strike() -> None:
    note = ("On 8 March 2024, Israeli troops launched a raid on Tubas (West Bank) with drones and bulldozers and "
            "exchanged fire with gunmen; the health ministry said 6 Palestinians were killed.")
    event = _main(note)
    assert (event.event_type, event.sub_event_type, event.fatalities) == ("Battles", "Armed clash", 6)


def test_fatalities_a_side_s_estimated_losses_are_its_dead() -> None:
    note = ("On 9 March 2024, Houthi fighters attacked army positions south of Taiz (Taiz). Army sources said 3 "
            "soldiers were killed and put Houthi losses at about 15.")
    assert _main(note).fatalities == 18
    assert _killed("Officials put economic losses at 20 million after the attack killed 3 people.")[0].low == 3


def test_events_a_banner_signed_by_a_group_claims_the_killing_and_one_of_the_bodies_is_no_more_dead() -> None:
    note = ("On 10 March 2024, police found the bodies of 5 men beside a road near Zamora (Michoacan). A banner "
            "signed by the CJNG was left on one of the bodies.")
    event = _main(note)
    assert (event.actor1, event.fatalities) == ("CJNG: Jalisco New Generation Cartel", 5)


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 11 March 2024, a bomb hidden in a car killed the provincial governor and 3 of his guards in Faizabad "
     "(Badakhshan).", 4),
    ("On 12 March 2024, gunmen shot dead the town's mayor and 2 others outside the town hall in Tacambaro "
     "(Michoacan).", 3),
    ("On 14 March 2024, two gunmen shot dead the governor's personal secretary and a bodyguard outside a cafe in "
     "Culiacan (Sinaloa).", 2),
])
def test_fatalities_a_title_killed_counts_one(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


def test_events_looting_beside_a_fight_is_part_of_the_fight_and_a_subject_across_a_semicolon_counts_no_one() -> None:
    note = ("On 13 March 2024, hundreds of militants known locally as al-Shabaab entered Quissanga (Cabo Delgado) "
            "and looted shops before fighting Mozambican troops; 3 soldiers were killed.")
    event = _main(note)
    assert (event.event_type, event.sub_event_type, event.fatalities) == ("Battles", "Armed clash", 3)
    assert event.actor2.startswith("Military Forces of Mozambique")  # the looters fought the troops


def test_figures_the_shooters_of_shot_dead_are_no_victims() -> None:
    assert [(f.low, f.counts) for f in _killed("Two gunmen shot dead a trader in the market.")] == [(1, "trader")]


def test_events_an_offensive_launched_on_an_armed_group_is_a_battle_holding_the_toll() -> None:
    note = ("On 15 March 2024, the ELN launched an offensive against FARC dissidents near El Tarra (Norte de "
            "Santander); at least 12 people were killed, most of them fighters.")
    event = _main(note)
    assert (event.event_type, event.sub_event_type, event.fatalities) == ("Battles", "Armed clash", 12)


def test_events_an_ousted_ruler_named_in_the_attackers_is_no_takeover() -> None:
    note = ("On 18 March 2024, remnants of the ousted regime's army ambushed a police patrol near Jableh (Latakia), "
            "killing 6 officers.")
    event = _main(note)
    assert (event.event_type, event.sub_event_type, event.fatalities) == ("Battles", "Armed clash", 6)


@pytest.mark.parametrize("note", [
    "On 10 May 2023, unidentified gunmen killed 4 farmers near Tame (Arauca). The government signed a truce "
    "with the ELN.",
    "On 10 May 2023, unidentified gunmen killed 4 farmers near Tame (Arauca). Later, the president signed a "
    "decree sending troops against the ELN.",
])
def test_events_a_group_named_after_a_main_clause_signed_claims_nothing(note: str) -> None:
    assert "ELN" not in _main(note).actor1 and "Military" not in _main(note).actor1


def test_figures_a_turnout_figure_beside_a_death_is_no_toll() -> None:
    note = ("On 7 May 2023, opposition supporters clashed with police in Mombasa (Mombasa), burning tyres. "
            "Organisers put the turnout figure at 15000, while one protester died after being shot.")
    assert _main(note).fatalities == 1


def test_fatalities_victims_who_later_died_add_to_the_toll() -> None:
    note = ("On 6 May 2023, a bomb went off at a bus station in Peshawar (Khyber Pakhtunkhwa), killing 2 people "
            "and wounding 10. Three of the victims later died in hospital.")
    assert _main(note).fatalities == 5


def test_fatalities_losses_put_at_a_count_of_vehicles_are_no_dead() -> None:
    note = ("On 9 May 2023, Russian forces attacked Ukrainian positions near Robotyne (Zaporizhia). Ukraine's "
            "army said 2 soldiers were killed and put Russian losses at 12 armoured vehicles.")
    assert _main(note).fatalities == 2


def test_events_a_participle_on_the_victims_noun_is_still_the_event() -> None:
    note = "On 18 May 2023, survivors of an ambushed army convoy near Gao (Gao) said 12 soldiers died."
    event = _main(note)
    assert (event.event_type, event.fatalities) == ("Battles", 12)


def test_events_suspected_on_the_actor_noun_blames_no_one() -> None:
    note = ("On 9 May 2023, police raided a hideout of the Primeiro Comando da Capital in Santos (Sao Paulo), "
            "killing 2 suspected gang members in an exchange of fire.")
    assert "Police" in _main(note).actor1


def test_events_armed_herders_attack_outranks_the_homes_they_burned() -> None:
    note = ("On 3 March 2024, armed herders attacked Dogo Nahawa (Jos South, Plateau) at night, burning houses "
            "with people inside. Community leaders said 41 people were killed.")
    event = _main(note)
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Attack", "Fulani Ethnic Militia (Nigeria)", 41)


@pytest.mark.parametrize("note", [
    "On 1 February 2025, students blocked three bridges over the Sava in Belgrade (Belgrade) to demand the "
    "release of detained classmates.",
    "On 4 March 2024, farmers blocked two main streets in Warsaw (Masovia) with tractors over cheap grain imports.",
])
def test_events_a_crowd_blocking_bridges_or_streets_protests(note: str) -> None:
    assert _main(note).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("note", [
    "On 3 May 2023, youths looted shops and beat passers-by in Nakuru (Nakuru).",
    "On 4 May 2023, a crowd torched two cars and attacked a man accused of theft in Gulu (Gulu).",
    "On 5 May 2023, villagers burned houses and lynched two men accused of witchcraft near Kisii (Kisii).",
])
def test_events_a_crowd_that_destroys_property_and_attacks_people_is_a_mob(note: str) -> None:
    event = _main(note)
    assert (event.sub_event_type, event.actor2.startswith("Civilians")) == ("Mob violence", True)


@pytest.mark.parametrize("note", [
    "On 6 May 2023, protesters burned tyres and beat a police officer in Nairobi (Nairobi).",
    "On 7 May 2023, youths burned a bus and attacked police officers in Lyon (Auvergne-Rhone-Alpes).",
])
def test_events_a_crowd_that_burns_and_attacks_police_riots(note: str) -> None:
    assert _main(note).sub_event_type == "Violent demonstration"


@pytest.mark.parametrize(("note", "sub"), [
    ("On 3 May 2023, demonstrators beat a journalist covering the rally in Dhaka (Dhaka).", "Violent demonstration"),
    ("On 4 May 2023, opposition supporters beat two ruling party officials during a march in Harare (Harare).",
     "Violent demonstration"),
    ("On 5 May 2023, police beat students marching against fee rises in Harare (Harare).",
     "Protest with intervention"),
])
def test_events_a_crowd_that_beats_someone_is_no_intervention(note: str, sub: str) -> None:
    assert _main(note).sub_event_type == sub


def test_fatalities_a_death_told_between_two_strikes_is_the_first_ones() -> None:
    note = ("On 20 May 2023, Russian forces shelled Kherson (Kherson) with artillery. An 80-year-old man was "
            "killed and a woman was injured. Later that day, drones hit a village nearby, wounding one farmer.")
    event = _main(note)
    assert (event.sub_event_type, event.fatalities) == ("Shelling/artillery/missile attack", 1)


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 21 May 2023, rival gangs traded fire in Tijuana (Baja California), killing 2 gunmen. Gang violence "
     "in the city has left more than 700 dead since January.", 2),
    ("On 22 May 2023, militants ambushed a patrol near Mopti (Mopti), killing 4 soldiers. Over 300 soldiers "
     "have been killed in the region since the start of the year.", 4),
    ("On 23 May 2023, rebels and soldiers have fought near Sake (North Kivu) since Sunday; 40 people have "
     "been killed since Sunday.", 40),
])
def test_fatalities_a_running_total_since_a_month_is_not_the_events(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


def test_events_a_country_owning_the_attackers_is_not_where_it_happened() -> None:
    text = ("On 24 May 2023, US aircraft struck a fuel depot on the coast. Local health officials said "
            "12 workers were killed. The US military gave no toll.")
    extraction = extract_text(text, published=DAY)
    event = max(extraction.events, key=lambda e: (e.confidence, -e.index))
    assert event.place_index is None or extraction.places[event.place_index].country_code != "US"


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 25 May 2023, gunmen abducted and killed a farmer near Bamenda (North-West).", 1),
    ("On 25 May 2023, separatists kidnapped and killed a Baptist pastor near Kumba (South-West).", 1),
    ("On 25 May 2023, gunmen abducted a trader and killed his driver near Bamenda (North-West).", 1),
])
def test_fatalities_a_victim_abducted_and_killed_is_dead(note: str, fatalities: int) -> None:
    assert _main(note).fatalities == fatalities


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, ADF rebels attacked two villages near Beni (North Kivu). Local officials said 11 civilians "
     "were killed in the first village and 4 in the second.", 15),
    ("On 3 May 2023, gunmen raided two hamlets in Kajuru LGA (Kaduna). They killed 6 farmers in one and 5 in "
     "the other.", 11),
    ("On 3 May 2023, police opened fire on rioters in Maputo (Maputo). 3 people were killed in Matola and 2 more "
     "in the city centre.", 5),
    ("On 3 May 2023, militants attacked a mining camp near Kamituga (South Kivu). Soldiers recovered 4 bodies "
     "on Tuesday and 3 more in a pit on Thursday.", 7),
])
def test_fatalities_an_elided_count_after_and_counts_the_group_before_it(note: str, fatalities: int) -> None:
    # found on acled_heldout33 (issue 5): one group's dead told place by place, the noun said once
    assert _main(note).fatalities == fatalities


def test_figures_an_elided_count_takes_the_kind_and_group_of_the_figure_before() -> None:
    killed = [(f.low, f.counts) for f in _killed("Troops said 5 soldiers were killed at the bridge and 2 at the camp.")]
    assert killed == [(5, "soldiers"), (2, "soldiers")]


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, police shot dead 2 suspected robbers in a raid in Kumasi (Ashanti). A third suspect, who "
     "had escaped with wounds, was found dead in a farm the next day.", 3),
    ("On 3 May 2023, soldiers killed 4 herders near Bama (Borno). A boy was found dead near the camp on "
     "Friday.", 5),
])
def test_fatalities_someone_new_found_dead_later_is_one_more(note: str, fatalities: int) -> None:
    # found on acled_heldout33 (issue 5): 'a fourth man ... was found dead' adds to the toll told before
    assert _main(note).fatalities == fatalities


def test_fatalities_the_victim_found_dead_by_name_is_no_more_dead() -> None:
    note = "On 3 May 2023, gunmen abducted a trader in Kano (Kano). The trader was found dead two days later."
    assert _main(note).fatalities == 1


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, armed herders attacked a village in Guma LGA (Benue), killing several farmers. Police later "
     "said 14 bodies had been recovered.", 14),
    ("On 3 May 2023, gunmen killed dozens of villagers near Bunia (Ituri). The local administrator said 17 "
     "villagers had died.", 17),
    ("On 3 May 2023, rebels attacked an army post near Kidal (Kidal), killing several soldiers. 4 civilians were "
     "also killed.", 7),
])
def test_fatalities_a_vague_count_yields_to_a_number_of_the_same_group(note: str, fatalities: int) -> None:
    # found on acled_heldout33 (issue 5): 'several' stands for an unknown number, not for a lower report
    assert _main(note).fatalities == fatalities


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, police launched an operation against a gang in Tivoli Gardens (Kingston). By nightfall the "
     "toll of the operation had risen to 6 dead.", 6),
    ("On 3 May 2023, soldiers carried out an operation against ADF rebels near Eringeti (North Kivu). "
     "The army said 9 rebels died.", 9),
])
def test_events_an_operation_launched_is_the_fight_its_toll_counts(note: str, fatalities: int) -> None:
    # found on acled_heldout33 (issue 5): 'launched an operation' triggered nothing, so its toll had no event
    event = _main(note)
    assert (event.event_type, event.fatalities) == ("Battles", fatalities)


def test_events_an_operation_that_only_arrests_stays_arrests() -> None:
    note = "On 3 May 2023, police launched an operation against drug dealers in Callao (Lima) and arrested 14 suspects."
    assert _main(note).sub_event_type == "Arrests"


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, gunmen attacked a bar in Soweto (Gauteng), killing 4 patrons. 2 wounded customers died "
     "in hospital, and police put the toll at 6.", 6),
    ("On 3 May 2023, a bus hit a landmine near Djibo (Sahel), killing 7 passengers. 3 soldiers escorting it "
     "also died; the governor put the toll at 10.", 10),
])
def test_fatalities_a_closing_toll_that_sums_the_counts_before_it_is_their_total(note: str, fatalities: int) -> None:
    # found on acled_heldout33 (issue 5): the toll told last was read as a rival report of one part
    assert _main(note).fatalities == fatalities


def test_events_a_protest_ahead_of_which_police_act_has_not_happened() -> None:
    # found on acled_heldout33 (issue 5): arrests before a called protest are the note's event
    note = ("On 3 May 2023, police deployed in central Lusaka (Lusaka) ahead of a march called by the opposition "
            "and arrested 6 party officials.")
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Arrests")


def test_events_a_protest_held_after_police_deploy_is_a_protest() -> None:
    # only what stands under 'ahead of' is still to come: the march told beside the deployment was held
    note = ("On 3 May 2023, police deployed in central Lusaka (Lusaka) ahead of the budget vote, and hundreds of "
            "traders marched against new market levies.")
    events = extract_text(note, published=DAY).events
    assert ("Protests", "Peaceful protest") in {(e.event_type, e.sub_event_type) for e in events}


def test_events_taking_to_the_streets_over_a_grievance_is_no_take_over() -> None:
    # 'over' heads the grievance here, so the longer phrase of the verb ('take to street') is the one told
    note = "On 3 May 2023, traders in Kisumu (Kisumu) took to the streets over the closure of a market."
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")


def test_events_taking_over_a_town_is_still_a_take_over() -> None:
    note = "On 3 May 2023, M23 rebels took over Rubaya (North Kivu) after fighting with the army."
    assert _main(note).sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize("note", [
    "On 3 May 2023, a crowd attacked police officers in Kasese (Kasese) during a protest against a new market tax.",
    "On 3 May 2023, residents of Kasese (Kasese) took to the streets over the death of a trader in custody. "
    "The crowd attacked police officers with stones and burned a patrol car.",
])
def test_events_a_demonstrating_crowd_that_attacks_police_riots(note: str) -> None:
    # the lead's known class (issue 5): ACLED codes a demonstration turned violent, not mob violence
    event = _main(note)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")


def test_events_a_crowd_that_attacks_police_with_no_demonstration_is_a_mob() -> None:
    note = "On 3 May 2023, villagers attacked police officers in Kasese (Kasese) who had come to arrest a suspect."
    assert _main(note).sub_event_type == "Mob violence"


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, ISWAP fighters stormed a vigilante post near Gwoza (Borno), killing 3 vigilantes. Soldiers "
     "who came to their aid killed 8 of the assailants, the army said.", 11),
    ("On 3 May 2023, bandits raided a village near Shiroro (Niger), killing 3 vigilantes. Soldiers who "
     "arrived later killed the assailants.", 3),
])
def test_fatalities_the_attackers_killed_in_the_reply_are_the_attack_s_toll(note: str, fatalities: int) -> None:
    # found on acled_heldout33 (issue 5): the reply's dead made an event of their own, beside the attack
    assert _main(note).fatalities == fatalities


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, militiamen attacked a displacement camp near Bunia (Ituri). 21 bodies were found at the "
     "camp; 6 more were found in the bush the next day, and officials put the toll at 27.", 27),
    ("On 3 May 2023, gunmen attacked a village near Kajuru (Kaduna). Rescuers recovered 9 bodies, and 4 more "
     "were pulled from a river.", 13),
])
def test_fatalities_more_of_the_same_dead_with_no_noun_counts_with_them(note: str, fatalities: int) -> None:
    # found on acled_heldout34 (issue 5): '8 more were found' named no dead of its own
    assert _main(note).fatalities == fatalities


def test_fatalities_the_toll_raised_in_the_sentence_after_the_deaths_is_a_death_toll() -> None:
    # found on acled_heldout34 (issue 5): 'raised the toll to 7' counted nothing without 'death' before 'toll'
    note = ("On 3 May 2023, an air strike hit a market in Tabqa (Raqqa), killing 4 people. Local health officials "
            "later raised the toll to 9.")
    assert _main(note).fatalities == 9


@pytest.mark.parametrize(("note", "fatalities"), [
    ("On 3 May 2023, gunmen attacked a church near Bokkos (Plateau). Residents said dozens were killed; police "
     "confirmed 14 deaths.", 14),
    ("On 3 May 2023, JNIM fighters attacked an army post near Dori (Sahel). 8 soldiers were reported dead, while "
     "the army claimed dozens of militants were neutralised.", 20),  # another side's vague count stays
])
def test_fatalities_a_vague_rival_report_gives_way_to_a_number_of_the_same_dead(note: str, fatalities: int) -> None:
    # found on acled_heldout34 (issue 5): 'dozens' (12) was kept as the lower report of 13 deaths
    assert _main(note).fatalities == fatalities


def test_events_deaths_of_the_victims_a_crowd_mourns_are_no_force_on_it() -> None:
    # found on acled_heldout34 (issue 5): the disaster's dead made the vigil 'Excessive force against protesters'
    note = ("On 3 May 2023, families of the victims of a bridge collapse that killed 40 commuters held a vigil outside "
            "the ministry of works in Kitwe (Copperbelt).")
    event = _main(note)
    assert (event.sub_event_type, event.fatalities) == ("Peaceful protest", 0)
