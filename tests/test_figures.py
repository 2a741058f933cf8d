"""Figures: what a number counts, whom, with its qualifier and vagueness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import extract_text

from eventdesk.model import Figure

DAY = dt.date(2019, 6, 1)


def figures_of(text: str) -> list[Figure]:
    return list(extract_text(text, published=DAY).figures)


@pytest.mark.parametrize(("text", "kind", "low", "qualifier"), [
    ("Rebels said at least 30 soldiers were killed in the attack.", "killed", 30, "at least"),
    ("The blast killed more than 100 people in the market.", "killed", 100, "more than"),
    ("Medics said 14 civilians were wounded by the shelling.", "wounded", 14, ""),
    ("Police arrested 23 students outside the ministry.", "arrested", 23, ""),
    ("The army said its jets flew 40 sorties over the province.", "strikes", 40, ""),
    ("Gunmen abducted 12 farmers near the river.", "captured", 12, ""),
    ("Nearly half a million people have died in the war.", "killed", 500_000, "nearly"),
    ("The fighting displaced some 2,000 families from their homes.", "displaced", 2000, "about"),
    ("The clashes left five people dead in the town.", "killed", 5, ""),
    ("The death toll rose to 31 on Tuesday.", "killed", 31, ""),
    ("Hospital staff put the death toll at 14 on Friday.", "killed", 14, ""),
    ("One trooper was killed; four others suffered injuries.", "wounded", 4, ""),
    ("The police admitted losing 3 officers in the raid.", "killed", 3, ""),
    ("2 reported fatalities were recorded.", "killed", 2, ""),
    ("One of the injured died in hospital on Monday.", "killed", 1, "additional"),
    ("The blast killed 4 shoppers in addition to the bomber.", "killed", 4, ""),
    ("Two guards embraced martyrdom when the post was attacked.", "killed", 2, ""),
    ("The rebels admitted losing 4 of their fighters.", "killed", 4, ""),
    ("Fatalities: 5 soldiers.", "killed", 5, ""),
])
def test_extract_figures_reads_kind_value_and_qualifier(text: str, kind: str, low: float, qualifier: str) -> None:
    found = [f for f in figures_of(text) if f.kind == kind]
    assert found, f"no {kind} figure in {text!r}: {figures_of(text)}"
    assert (found[0].low, found[0].qualifier) == (low, qualifier)


def test_extract_figures_ranges_and_vague_amounts() -> None:
    text = "Between 20 and 30 fighters were killed. Dozens of villagers were wounded."
    killed, wounded = figures_of(text)
    assert (killed.low, killed.high, killed.kind) == (20, 30, "killed")
    assert (wounded.low, wounded.vague, wounded.kind) == (12, True, "wounded")


def test_extract_figures_counts_whom_and_normalises_the_actor() -> None:
    text = "Syrian troops clashed with IS near the town. The army said 45 ISIS militants were killed."
    figure = next(f for f in figures_of(text) if f.kind == "killed")
    assert figure.counts == "ISIS militants"
    assert figure.counts_actor == "Islamic State (Syria)"


def test_extract_figures_singular_victim_is_one() -> None:
    kinds = [(f.kind, f.low, f.counts) for f in figures_of("Unknown gunmen shot and killed a teacher in Gao.")]
    assert ("killed", 1, "teacher") in kinds


@pytest.mark.parametrize(("text", "expected"), [
    ("Three farmers and a herder died in the fighting.", [(3, "farmers"), (1, "herder")]),
    ("A trader and his son died when the roof fell.", [(1, "trader"), (1, "his son")]),
    ("Two youths on a scooter shot dead a shopkeeper and his brother in Kano.",
     [(1, "shopkeeper"), (1, "his brother")]),
])
def test_extract_figures_single_victims_listed_beside_others(text: str, expected: list[tuple[float, str]]) -> None:
    killed = [(f.low, f.counts) for f in figures_of(text) if f.kind == "killed"]
    assert killed == expected


def test_extract_figures_age_belongs_to_the_person() -> None:
    text = "Militants beheaded Omar Haddad, a 74-year-old museum guard, in the old city."
    ages = [f for f in figures_of(text) if f.kind == "age"]
    assert [(a.low, a.counts) for a in ages] == [(74, "Omar Haddad")]


@pytest.mark.parametrize("text", [
    "The ruins are 2,000 years old and half of the site was damaged.",
    "In 2015 the group controlled 40 percent of the province.",
    "The ten-month siege ended on 3 May.",
    "One of the officials spoke at the 12th meeting.",
])
def test_extract_figures_ignores_years_percentages_and_dates(text: str) -> None:
    assert [f for f in figures_of(text) if f.kind != "age"] == []


def test_extract_figures_marks_subsets_with_including() -> None:
    text = "The strike killed 12 people, including 4 children."
    figures = figures_of(text)
    assert [(f.low, f.qualifier) for f in figures if f.kind == "killed"] == [(12, ""), (4, "including")]


def test_extract_figures_spans_point_into_the_text() -> None:
    text = "Officials said 9 soldiers died after the convoy was hit."
    extraction = extract_text(text, published=DAY)
    figure = extraction.figures[0]
    assert extraction.article.text[figure.start:figure.end] == figure.text == "9 soldiers"
    assert figure.sentence == 0


def test_extract_figures_on_the_seeds_finds_the_reported_tolls(seeds_dir: Path) -> None:
    first, second = sorted(seeds_dir.glob("*.txt"))
    dct = dt.date(2016, 3, 27)
    one = extract_text(first.read_text(encoding="utf-8"), published=dct).figures
    two = extract_text(second.read_text(encoding="utf-8"), published=dct).figures
    killed_one = {(f.low, f.qualifier, f.counts_actor) for f in one if f.kind == "killed"}
    assert (400, "at least", "Islamic State (Syria)") in killed_one
    assert (188, "", "Military Forces of Syria (2000-)") in killed_one
    killed_two = {(f.low, f.qualifier, f.counts_actor) for f in two if f.kind == "killed"}
    assert (450, "about", "Islamic State (Syria)") in killed_two
    assert (100, "more than", "Islamic State (Syria)") in killed_two
    assert any(f.kind == "strikes" and f.low == 40 for f in two)
    assert any(f.kind == "age" and f.low == 82 and "Asaad" in f.counts for f in two)


def test_extract_figures_parts_of_a_told_total_are_included() -> None:
    killed = [(f.low, f.qualifier) for f in figures_of("Police said 9 people died, 5 farmers and 4 herders.")
              if f.kind == "killed"]
    assert killed == [(9, ""), (5, "including"), (4, "including")]


def test_extract_figures_one_beside_a_count_is_added() -> None:
    killed = [(f.low, f.counts, f.qualifier) for f in figures_of("The blast killed 4 shoppers in addition to the bomber.")
              if f.kind == "killed"]
    assert killed == [(4, "shoppers", ""), (1, "bomber", "additional")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Four guards were killed and 9 on the other lorry were wounded.", [("killed", 4), ("wounded", 9)]),
    ("Gunmen shot dead 3 traders, and 8 from the next stall were kidnapped.", [("killed", 3), ("captured", 8)]),
    ("Two miners died and 11 in the lower shaft were rescued.", [("killed", 2)]),
])
def test_extract_figures_a_number_after_and_with_a_verb_of_its_own_is_no_elided_count(
        text: str, expected: list[tuple[str, float]]) -> None:
    # issue 5 review of eaa1187: 'and 12 in the second bus were wounded' took the dead's kind
    assert [(f.kind, f.low) for f in figures_of(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Four guards were killed and 9 on the other lorry were also killed.", [("killed", 4, "guards"), ("killed", 9, "guards")]),
    ("Rebels killed 5 pilgrims in the first van and 7 in the second were shot dead.",
     [("killed", 5, "pilgrims"), ("killed", 7, "pilgrims")]),
    ("Four guards were killed and 9 on the other lorry were wounded.", [("killed", 4, "guards"), ("wounded", 9, "guards")]),
])
def test_extract_figures_a_number_after_and_killed_by_its_own_verb_keeps_the_noun_before_it(
        text: str, expected: list[tuple[str, float, str]]) -> None:
    # issue 5 review of a551c4e: 'and 12 in the second bus were also killed' counted everyone (12 '')
    assert [(f.kind, f.low, f.counts) for f in figures_of(text)] == expected
