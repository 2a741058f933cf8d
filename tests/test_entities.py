"""The document-level entity pass: one label per surface form per document."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from conftest import extract_text


def _labels(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for m in extract_text(text, published=dt.date(2021, 5, 2)).mentions:
        found[m.text].add(m.label)
    return found


def test_entities_one_label_per_surface_form() -> None:
    text = ("Rebels shelled Idlib on Monday. Idlib was hit again overnight. "
            "Residents of Idlib fled north towards Turkey. Idlib officials counted the dead.")
    labels = _labels(text)
    assert labels["Idlib"] == {"GPE"}


def test_entities_known_town_is_a_place_even_where_the_model_says_person() -> None:
    text = ("Government troops advanced on Mosul from the south. Fighting in Mosul continued. "
            "Mosul has been held by the militants since 2014.")
    assert _labels(text)["Mosul"] <= {"GPE", "LOC"}


def test_entities_short_form_takes_the_label_of_the_full_name() -> None:
    text = ("The Syrian Observatory for Human Rights said ten people died. "
            "Observatory staff said the toll could rise.")
    labels = _labels(text)
    assert labels.get("Observatory", {"ORG"}) == {"ORG"}
    assert labels["Syrian Observatory for Human Rights"] == {"ORG"}


def test_entities_spans_have_no_leading_article_and_match_the_text() -> None:
    text = "The United Nations condemned the attack on the Temple of Bel in the city."
    extraction = extract_text(text)
    for m in extraction.mentions:
        assert extraction.article.text[m.start:m.end] == m.text
        assert not m.text.startswith(("the ", "The "))


@pytest.mark.parametrize("name", ["Palmyra"])
def test_entities_seed_palmyra_is_a_place_and_groups_are_organisations(seeds_dir, name: str) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        extraction = extract_text(path.read_text(encoding="utf-8"), published=dt.date(2016, 3, 27))
        labels: dict[str, set[str]] = defaultdict(set)
        for m in extraction.mentions:
            labels[m.text].add(m.label)
        assert labels[name] <= {"GPE", "LOC"}, path.name
        assert labels["Syrian Observatory for Human Rights"] == {"ORG"}, path.name
        assert labels["Islamic State"] == {"ORG"}, path.name


def test_entities_surname_that_is_also_a_town_stays_a_person() -> None:
    text = ("President Barack Obama spoke on Monday. Obama said the talks would go on. "
            "Obama thanked the negotiators.")
    labels = _labels(text)
    assert labels["Obama"] == {"PERSON"}


def test_entities_a_name_cut_short_by_the_model_is_rejoined_where_the_report_names_it_whole() -> None:
    text = ("Islamic State claimed the attack on the checkpoint near Mosul. "
            "Police said Islamic State fighters had mined the road to Tal Afar a week earlier. "
            "Local officials blamed Islamic State for the blast at the market.")
    extraction = extract_text(text, published=dt.date(2017, 5, 2))
    names = [(m.text, m.label) for m in extraction.mentions if m.label in {"ORG", "NORP"}]
    assert ("Islamic", "NORP") not in names
    assert names.count(("Islamic State", "ORG")) >= 2


@pytest.mark.parametrize("text, name", [
    ("The mayor said he had met the envoy in the capital.\n\nIslamic State had used the old "
     "stadium as a prison for two years.", "Islamic State"),
])
def test_entities_adjective_cut_from_a_generic_organisation_head_is_rejoined(text: str, name: str) -> None:
    extraction = extract_text(text, published=dt.date(2017, 5, 2))
    texts = {m.text: m.label for m in extraction.mentions}
    assert texts.get(name) == "ORG", texts
    assert "State" not in texts


@pytest.mark.parametrize("opening", [
    "KARACHI (Harbour Post) - Heavy rain flooded low-lying districts on Monday, the mayor said.",
    "MOGADISHU, Somalia, March 3 - A car bomb exploded outside a hotel on Sunday, police said.",
    "KARACHI, July 9, 2022 (Harbour Post) - Heavy rain flooded low-lying districts, the mayor said.",
])
def test_entities_dateline_town_is_a_place(opening: str) -> None:
    town = opening.split()[0].rstrip(",")
    labels = _labels(f"Floods and blasts across the region\n\n{opening}")
    assert labels[town] == {"GPE"}


@pytest.mark.parametrize("opening", [
    "UNICEF, the UN children's agency, said 40 children had died.",
    "NATO - The alliance said on Monday it would send more troops.",
])
def test_entities_capitals_opening_a_paragraph_without_a_dateline_stay_as_tagged(opening: str) -> None:
    name = opening.split()[0].rstrip(",")
    assert "GPE" not in _labels(f"Aid groups warn of hunger\n\n{opening}").get(name, set())


def test_entities_capitals_deep_in_a_report_open_no_dateline() -> None:
    lines = "\n\n".join(f"Paragraph {n} of the report says little." for n in range(5))
    labels = _labels(f"Floods hit the south\n\n{lines}\n\nKARACHI (Harbour Post) - Rain fell again on Monday.")
    assert "GPE" not in labels.get("KARACHI", set())


@pytest.mark.parametrize(("text", "generic"), [
    ("Army retakes hill town from rebels\n\nGovernment troops took back the town on Monday, "
     "the army said in a statement.", "Army"),
    ("Defence Minister Sergei Shoigu said 300 militants were killed near the city.", "Defence"),
    ("Police fired tear gas at protesters on Friday. Interior Minister Ali Hassan said 12 officers "
     "were hurt.", "Interior"),
])
def test_entities_generic_noun_alone_is_no_name(text: str, generic: str) -> None:
    labels = _labels(text)
    assert generic not in labels
    assert labels.get("Sergei Shoigu", {"PERSON"}) == {"PERSON"}


def test_entities_generic_noun_heading_a_name_in_the_report_is_kept() -> None:
    text = "The Free Syrian Army said it shelled the base. Later the Army said two of its fighters died."
    assert _labels(text)["Army"] == {"ORG"}  # the short form of the group named before


@pytest.mark.parametrize(("text", "name", "fragment"), [
    ("Syrian Regime Forces Have Ended the Siege of Deir Hafer\n\nSyrian troops surged into the town "
     "on Sunday.", "Syrian Regime Forces", "Have Ended"),
    ("Rebels Have Seized the Northern Town of Kafr Nabl\n\nRebels took the town on Monday.", None, "Have Seized"),
])
def test_entities_headline_name_ends_before_its_verb(text: str, name: str | None, fragment: str) -> None:
    labels = _labels(text)
    assert not any(fragment in form for form in labels)
    assert name is None or labels[name] == {"ORG"}
