"""Cues around a name: an event verb's object is a town, a person's apposition is no town."""

from __future__ import annotations

import pytest
from conftest import extract_text

from eventdesk.places_cues import person_apposition
from eventdesk.settings import Options


@pytest.mark.parametrize(("text", "described"), [
    ("Mostafa, a 34-year-old driver, was killed.", True),
    ("Amina, a mother of three, was shot at a checkpoint.", True),
    ("Yusuf, 19, died in hospital.", True),
    ("Karim, aged 40, was abducted.", True),
    ("Kidal, a town in northern Mali, was shelled.", False),
    ("Jenin, a militant stronghold, was raided.", False),
    ("Goma, the capital of North Kivu, fell.", False),
    ("Bukavu, 1,600 km east of Kinshasa, fell.", False),  # review of f4d4b92: a distance, not an age
])
def test_person_apposition_reads_the_apposition(text: str, described: bool) -> None:
    assert (person_apposition(text, text.index(",")) != "") is described


@pytest.mark.parametrize("text", [
    "Mostafa, a 34-year-old driver, was killed when a shell hit his car in Khan Younis.",
    "Mostafa, a father of three, was shot dead at a checkpoint near Nablus.",
])
def test_pipeline_a_name_described_as_a_person_is_no_town(geo_options: Options, text: str) -> None:
    places = [p.text for p in extract_text(text, options=geo_options).places]
    assert "Mostafa" not in places and places  # Mostafa is a town in Iraq too


@pytest.mark.parametrize(("text", "town"), [
    # review of f4d4b92: a distance with a thousands separator is no age
    ("Rebels entered Bukavu, 1,600 km east of Kinshasa, on Friday.", "Bukavu"),
    ("Maiduguri, 1,000 km from Abuja, was hit by rockets.", "Maiduguri"),
])
def test_pipeline_a_town_before_a_distance_stays(geo_options: Options, text: str, town: str) -> None:
    assert town in [p.text for p in extract_text(text, options=geo_options).places]


def test_pipeline_a_country_before_an_apposition_stays(geo_options: Options) -> None:
    places = extract_text("Poland, a NATO ally, sent troops to the border.", options=geo_options).places
    assert [p.country_code for p in places] == ["PL"]


def test_pipeline_a_country_given_an_age_is_a_person(geo_options: Options) -> None:
    # a country named with a role stays ('a neighbour of'); one given an age is a person's name
    text = "Gunmen attacked Jordan, a 30-year-old farmer, in Kaduna State. Poland, a neighbour of Ukraine, sent aid."
    places = extract_text(text, options=geo_options).places
    assert "JO" not in [p.country_code for p in places] and "Poland" in [p.text for p in places]


@pytest.mark.parametrize(("text", "town", "country"), [
    # the model reads these towns as a person or a group; the verb's object is a place in the article's country
    ("Israeli forces raided Qalqilya overnight and shot dead a Palestinian man.", "Qalqilya", "PS"),
    ("Palestinian officials said Israeli troops stormed Tubas before dawn.", "Tubas", "PS"),
    # review of f4d4b92: every name of the object's list ('Jenin and Qalqilya'), not just the first
    ("Israeli forces raided Jenin and Qalqilya overnight, Palestinian officials said.", "Qalqilya", "PS"),
])
def test_pipeline_an_event_verbs_object_is_a_town(geo_options: Options, text: str, town: str,
                                                  country: str) -> None:
    places = {p.text: p for p in extract_text(text, options=geo_options).places}
    assert places[town].country_code == country and places[town].precision == 1


def test_pipeline_an_institution_an_event_verb_takes_is_no_town(geo_options: Options) -> None:
    # review of f4d4b92: the model's organisation is a town only where a town of note has the name
    places = extract_text("Trump supporters stormed Congress on January 6, US prosecutors said.",
                          options=geo_options).places
    assert "Congress" not in [p.text for p in places]  # a village in Arizona


def test_pipeline_a_person_seized_is_no_town(geo_options: Options) -> None:
    # review of f4d4b92: 'seize' takes persons as often as towns; the model's person stays a person
    places = extract_text("Israeli forces seized Omar and Samir during a raid, Palestinian officials said.",
                          options=geo_options).places
    assert "Omar" not in [p.text for p in places]  # 'Omer' is a town in Israel


def test_pipeline_an_event_verbs_object_abroad_is_no_town(geo_options: Options) -> None:
    # 'Mostafa' is a town in Iraq only: a report from the West Bank that names him is about a person
    places = extract_text("Israeli forces raided Mostafa overnight, Palestinian officials said.",
                          options=geo_options).places
    assert "IQ" not in [p.country_code for p in places]


@pytest.mark.parametrize(("text", "end", "described"), [
    # the apposition after "<person> of <place>" or "in <place>" is the person's or the place's
    ("Sen. Jon Tester of Montana, the chairman of the panel, spoke.", "Montana", False),
    ("Clashes in Dori, a 40-year-old market town, went on.", "Dori", False),
    ("The family of Mostafa, a 34-year-old driver, mourned him.", "Mostafa", True),
])
def test_person_apposition_knows_whose_apposition(text: str, end: str, described: bool) -> None:
    assert (person_apposition(text, text.index(end) + len(end)) != "") is described


@pytest.mark.parametrize(("text", "aged"), [
    ("Jordan, a 30-year-old farmer, was shot.", True),
    ("Jordan, 30, was shot.", True),
    ("Jordan, a key ally, sent troops.", False),
    ("Jordan, 1,200 km away, sent troops.", False),
])
def test_person_apposition_reads_only_an_age_as_age(text: str, aged: bool) -> None:
    assert (person_apposition(text, text.index(",")) == "age") is aged
