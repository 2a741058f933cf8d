"""Claims: who asserts each figure or statement, and through which medium."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import extract_text

from eventdesk.model import Claim, Extraction

DAY = dt.date(2019, 6, 1)


def figure_claims(extraction: Extraction) -> list[tuple[float | None, Claim]]:
    return [(extraction.figures[c.figure_index].low, c) for c in extraction.claims if c.figure_index is not None]


def test_attribute_claims_subject_of_said_claims_the_figure() -> None:
    extraction = extract_text("The Yemen Monitoring Network said at least 12 fishermen were killed in the raid.",
                              published=DAY)
    [(low, claim)] = figure_claims(extraction)
    assert low == 12
    assert (claim.claimant, claim.claimant_kind) == ("Yemen Monitoring Network", "organisation")
    assert extraction.article.text[claim.start:claim.end] == "said"


def test_attribute_claims_semicolon_parts_two_speakers() -> None:
    extraction = extract_text("The rebels claimed 14 soldiers killed near the dam; the army said 2 died.",
                              published=DAY)
    claimants = {low: claim.claimant for low, claim in figure_claims(extraction)}
    assert claimants == {14: "rebels", 2: "army"}


def test_attribute_claims_acronym_read_as_a_verb_still_claims() -> None:
    extraction = extract_text("IS claimed 30 soldiers killed near the border; the ministry said 6 died.",
                              published=DAY)
    claimants = {low: claim.claimant for low, claim in figure_claims(extraction)}
    assert claimants == {30: "IS", 6: "ministry"}


def test_attribute_claims_according_to_state_media_is_a_medium() -> None:
    extraction = extract_text("According to state media, 20 soldiers died in the ambush.", published=DAY)
    [(_, claim)] = figure_claims(extraction)
    assert (claim.claimant, claim.claimant_kind, claim.medium) == ("state media", "media", "state media")


def test_attribute_claims_told_names_the_medium() -> None:
    text = "\"We buried 7 villagers yesterday,\" the mayor, Ahmed Salim, told Reuters."
    extraction = extract_text(text, published=DAY)
    statements = [c for c in extraction.claims if c.claimant_kind == "person"]
    assert statements and statements[0].medium == "Reuters"


def test_attribute_claims_nested_report_gives_the_medium() -> None:
    text = "Governor Musa Bello said 9 police officers were wounded, the Associated Press reported."
    extraction = extract_text(text, published=DAY)
    [(low, claim)] = figure_claims(extraction)
    assert low == 9
    assert claim.claimant == "Musa Bello"
    assert claim.medium == "Associated Press"


def test_attribute_claims_pronoun_takes_the_previous_claimant() -> None:
    text = ("\"The losses are heavy,\" said Leila Haddad, who heads the Sahel Rights Observatory. "
            "She said 31 herders were killed.")
    extraction = extract_text(text, published=DAY)
    [(low, claim)] = figure_claims(extraction)
    assert (low, claim.claimant) == (31, "Leila Haddad")
    assert claim.affiliation == "Sahel Rights Observatory"


def test_attribute_claims_unattributed_figure_goes_to_the_outlet() -> None:
    extraction = extract_text("Eleven soldiers were killed in the attack on Monday.", published=DAY,
                              outlet="Daily Trust")
    [(_, claim)] = figure_claims(extraction)
    assert (claim.claimant, claim.claimant_kind) == ("Daily Trust", "outlet")
    unknown = extract_text("Eleven soldiers were killed in the attack on Monday.", published=DAY)
    assert figure_claims(unknown)[0][1].claimant == "the report"


def test_attribute_claims_statements_without_figures_are_claims_too() -> None:
    extraction = extract_text("The interior ministry said the border crossing would reopen soon.", published=DAY)
    statements = [c for c in extraction.claims if c.figure_index is None]
    assert statements and "reopen" in statements[0].statement


def test_attribute_claims_on_the_seeds(seeds_dir: Path) -> None:
    first, second = sorted(seeds_dir.glob("*.txt"))
    dct = dt.date(2016, 3, 27)
    one = figure_claims(extract_text(first.read_text(encoding="utf-8"), published=dct))
    two = figure_claims(extract_text(second.read_text(encoding="utf-8"), published=dct))
    by_value_one = {low: claim for low, claim in one}
    assert by_value_one[400].claimant == "Syrian Observatory for Human Rights"
    observatory_188 = by_value_one[188]
    assert "Observatory" in observatory_188.claimant + observatory_188.affiliation
    by_value_two = {low: claim for low, claim in two}
    assert by_value_two[450].claimant_kind == "media" and "media" in by_value_two[450].claimant.lower()
    assert "ministry of defense" in by_value_two[100].claimant.lower()


def test_attribute_claims_title_with_a_name_beside_it_names_the_person_and_body() -> None:
    text = ("The Kivu Security Tracker published its weekly count on Monday. "
            "Its coordinator, Esther Mbuyi, said at least 23 villagers were killed near Beni.")
    extraction = extract_text(text, published=DAY)
    [(low, claim)] = figure_claims(extraction)
    assert low == 23
    assert (claim.claimant, claim.claimant_kind) == ("Esther Mbuyi", "person")
    assert claim.affiliation == "Kivu Security Tracker"


def test_attribute_claims_the_monitor_refers_back_to_the_monitoring_group() -> None:
    text = ("The Sudan Conflict Observatory, an independent monitoring network, tracks the fighting. "
            "The monitor said 41 civilians were killed in the shelling of El Fasher.")
    extraction = extract_text(text, published=DAY)
    [(low, claim)] = figure_claims(extraction)
    assert low == 41
    assert (claim.claimant, claim.claimant_kind) == ("Sudan Conflict Observatory", "organisation")


def test_attribute_claims_a_description_with_no_matching_body_stays_as_written() -> None:
    text = ("The Red Crescent sent two convoys to the town. "
            "The ministry said 8 soldiers were wounded in the ambush.")
    extraction = extract_text(text, published=DAY)
    [(low, claim)] = figure_claims(extraction)
    assert low == 8
    assert claim.claimant == "ministry"
