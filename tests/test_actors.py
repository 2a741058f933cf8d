"""The actor alias table: ACLED-style names from the phrases reports use."""

from __future__ import annotations

import pytest

from eventdesk.actors import ActorContext, era_label, find_actors, iso3_of, normalise_actor, state_actor
from eventdesk.nlp import load_nlp

SYRIA = ActorContext(country="Syria", year=2016, armed_default="Islamic State (Syria)")
NIGERIA = ActorContext(country="Nigeria", year=2019)


@pytest.mark.parametrize(("phrase", "name"), [
    ("Islamic State", "Islamic State (Syria)"),
    ("IS militants", "Islamic State (Syria)"),
    ("ISIS fighters", "Islamic State (Syria)"),
    ("ISIL", "Islamic State (Syria)"),
    ("Daesh", "Islamic State (Syria)"),
    ("Syrian regime forces", "Military Forces of Syria (2000-)"),
    ("Assad's forces", "Military Forces of Syria (2000-)"),
    ("the Syrian army", "Military Forces of Syria (2000-)"),
    ("government troops", "Military Forces of Syria (2000-)"),
    ("Syrian troops", "Military Forces of Syria (2000-)"),
    ("government-allied troops", "Military Forces of Syria (2000-)"),
    ("forces loyal to President Bashar al-Assad", "Military Forces of Syria (2000-)"),
    ("Russian warplanes", "Military Forces of Russia (2000-)"),
    ("Lebanon's Hezbollah", "Hezbollah"),
    ("police", "Police Forces of Syria (2000-)"),
    ("civilians", "Civilians (Syria)"),
    ("protesters", "Protesters (Syria)"),
    ("unidentified gunmen", "Unidentified Armed Group (Syria)"),
    ("the jihadists", "Islamic State (Syria)"),
])
def test_normalise_actor_maps_aliases_to_acled_names(phrase: str, name: str) -> None:
    actor = normalise_actor(phrase, context=SYRIA)
    assert actor is not None and actor.name == name


@pytest.mark.parametrize(("phrase", "year", "name"), [
    ("SNA soldiers", 2023, "Military Forces of Somalia (2022-)"),
    ("a SAF air strike", 2023, "Military Forces of Sudan (2019-)"),
    ("FARDC troops", 2020, "Military Forces of the Democratic Republic of Congo (2019-)"),
    ("Taliban fighters", 2020, "Taliban"),
    ("Taliban fighters", 2023, "Military Forces of Afghanistan (2021-)"),
    ("Mozambican troops", 2021, "Military Forces of Mozambique (1975-)"),
    ("RSF militiamen", 2023, "Rapid Support Forces"),
    ("ELN guerrillas", 2023, "ELN: National Liberation Army"),
])
def test_normalise_actor_national_forces_by_name_and_the_year(phrase: str, year: int, name: str) -> None:
    actor = normalise_actor(phrase, context=ActorContext(year=year))
    assert actor is not None and actor.name == name


@pytest.mark.parametrize("phrase", ["the drone footage", "Kurdish forces", "the weather", ""])
def test_normalise_actor_returns_none_for_non_actors(phrase: str) -> None:
    assert normalise_actor(phrase, context=SYRIA) is None


def test_normalise_actor_generic_militants_without_a_named_group_are_unidentified() -> None:
    actor = normalise_actor("militants", context=NIGERIA)
    assert actor is not None and actor.name == "Unidentified Armed Group (Nigeria)"


def test_normalise_actor_kinds_drive_event_typing() -> None:
    kinds = {p: normalise_actor(p, context=NIGERIA).kind for p in ("soldiers", "villagers", "rioters")}  # type: ignore[union-attr]
    assert kinds == {"soldiers": "state", "villagers": "civilian", "rioters": "rioter"}


def test_era_label_follows_the_year() -> None:
    assert era_label("Nigeria", 2019) == "2015-2023"
    assert era_label("Nigeria", 2024) == "2023-"
    assert era_label("Atlantis", 2019) == ""
    assert state_actor("Iraq", role="police", year=2016).name == "Police Forces of Iraq (2014-2018)"


def test_iso3_of_known_and_unknown_country() -> None:
    assert iso3_of("Syria") == "SYR"
    assert iso3_of("Syrian Arab Republic") == "SYR"
    assert iso3_of("Atlantis") == ""


def test_find_actors_reads_a_sentence_with_backers_and_a_misparsed_acronym() -> None:
    doc = load_nlp()("Syrian regime forces, backed by Russian airstrikes, clashed with IS militants "
                     "and troops from Lebanon's Hezbollah near the town.")
    names = [m.actor.name for m in find_actors(doc[:], context=SYRIA)]
    assert names == ["Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)",
                     "Islamic State (Syria)", "Hezbollah"]


@pytest.mark.parametrize(("phrase", "name", "kind"), [
    ("Taliban gunmen", "Taliban", "rebel"),  # a named group outranks the generic men it sends
    ("IS gunmen", "Islamic State (Syria)", "rebel"),
    ("unidentified gunmen", "Unidentified Armed Group (Syria)", "unidentified"),
    ("Haftar's forces", "Military Forces of Libya - Haftar Faction", "state"),
    ("GNA-aligned forces", "Military Forces of Libya (2016-2021) Government of National Accord", "state"),
])
def test_normalise_actor_named_groups_and_factions(phrase: str, name: str, kind: str) -> None:
    actor = normalise_actor(phrase, context=SYRIA)
    assert actor is not None and (actor.name, actor.kind) == (name, kind)


@pytest.mark.parametrize(("sentence", "names"), [
    ("TTP gunmen shot dead two teachers.", ["TTP: Tehreek-i-Taliban Pakistan", "Civilians (Pakistan)"]),
    ("BLA gunmen attacked a bus depot.", ["BLA: Balochistan Liberation Army"]),
    ("Militants stormed the police chief's office.",
     ["Unidentified Armed Group (Pakistan)", "Police Forces of Pakistan (2022-)"]),
])
def test_find_actors_a_groups_gunmen_are_the_group(sentence: str, names: list[str]) -> None:
    doc = load_nlp()(sentence)
    context = ActorContext(country="Pakistan", year=2023)
    assert [m.actor.name for m in find_actors(doc[:], context=context)] == names
