"""Issue 6 end to end: the situation report over both seed reports (published 2016-03-27)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import make_article
from eventdesk.ingest import read_inputs
from eventdesk.model import Article
from eventdesk.pipeline import extract_articles
from eventdesk.report import build_situation
from eventdesk.report_render import render_html
from eventdesk.settings import load_options
from eventdesk.stories import cluster_stories


@pytest.fixture(scope="module")
def situation(seeds_dir: Path) -> dict[str, Any]:
    options = load_options(published=dt.date(2016, 3, 27))
    articles = [a for a in read_inputs([str(p) for p in sorted(seeds_dir.glob("*.txt"))],
                                       options=options) if isinstance(a, Article)]
    extractions = [o.extraction for o in extract_articles(articles, options)]
    return build_situation(extractions, stories=cluster_stories(extractions))


def _story(situation: dict[str, Any]) -> dict[str, Any]:
    return situation["stories"][0]


def _first_report(situation: dict[str, Any]) -> str:
    return next(s["ref"] for s in situation["sources"] if "Reign of Terror" in s["title"])


def test_seeds_form_one_story(situation: dict[str, Any]) -> None:
    assert len(situation["stories"]) == 1
    assert sorted(_story(situation)["articles"]) == ["A1", "A2"]


def test_seeds_one_recapture_event_holds_both_reports(situation: dict[str, Any]) -> None:
    recaptures = [e for e in _story(situation)["key_facts"]
                  if e["sub_event_type"] == "Government regains territory" and e["date"] == "2016-03-27"]
    assert len(recaptures) == 1
    assert {c["ref"] for c in recaptures[0]["cites"]} == {"A1", "A2"}
    place = recaptures[0]["place"] or {}
    assert place.get("geonameid") == 163808  # Tadmur, GeoNames' name for Palmyra
    assert place.get("name") == "Palmyra (Tadmur)"  # the reports' word first, the gazetteer's beside it


def test_seeds_recapture_toll_adds_each_sides_reconciled_low(situation: dict[str, Any]) -> None:
    # one report counts the militants, both count them differently, one counts the troops:
    # the event's toll is 400 IS + 188 troops, not one report's figure, and not the strikes' 100 again
    (recapture,) = [e for e in _story(situation)["key_facts"]
                    if e["sub_event_type"] == "Government regains territory" and e["date"] == "2016-03-27"]
    assert recapture["fatalities"] == 400 + 188
    assert recapture["fatalities_high"] == 450 + 188
    assert sorted(g["low"] for g in recapture["fatalities_by"]) == [188, 400]
    assert "588–638 (" in render_html(situation)


def test_seeds_is_fatality_claims_disagree_low_400_high_450(situation: dict[str, Any]) -> None:
    story = _story(situation)
    killed = [q for q in story["quantities"]
              if q["kind"] == "killed" and {400, 450} <= {c["low"] for c in q["claims"]}]
    assert len(killed) == 1
    quantity = killed[0]
    assert (quantity["low"], quantity["high"]) == (400, 450)
    claimants = {c["low"]: (c["claimant"], c["cites"][0]["ref"]) for c in quantity["claims"]}
    assert "Observatory" in claimants[400][0] and claimants[400][1] == _first_report(situation)
    assert "state media" in claimants[450][0].casefold() and claimants[450][1] != claimants[400][1]
    assert any(d["what"] == quantity["label"] for d in story["disagreements"])


def test_seeds_russian_strikes_are_their_own_quantity(situation: dict[str, Any]) -> None:
    story = _story(situation)
    (russian,) = [q for q in story["quantities"] if any(c["low"] == 100 for c in q["claims"])]
    assert all(c["low"] not in (400, 450) for c in russian["claims"])
    assert russian["claims"][0]["qualifier"] == "more than"
    assert not any(d["what"] == russian["label"] for d in story["disagreements"])


def test_seeds_war_toll_estimates_differ(situation: dict[str, Any]) -> None:
    story = _story(situation)
    (toll,) = [q for q in story["quantities"]
               if {250_000, 500_000} <= {c["low"] for c in q["claims"]}]
    assert len({c["cites"][0]["ref"] for c in toll["claims"]}) == 2
    assert any(d["what"] == toll["label"] for d in story["disagreements"])


def test_seeds_al_asaad_age_conflict_is_flagged(situation: dict[str, Any]) -> None:
    flagged = [d for d in _story(situation)["disagreements"] if d["kind"] == "attribute"]
    assert any("Asaad" in d["what"] and "81" in d["reason"] and "82" in d["reason"] for d in flagged)


def test_seeds_abdelkarim_is_one_entity(situation: dict[str, Any]) -> None:
    people = next(g for g in _story(situation)["entities"] if g["title"] == "People")
    names = [{e["name"], *e["variants"]} for e in people["entities"]]
    assert any({"Mamoun Abdelkarim", "Maamoun Abdulkarim"} <= n for n in names)


def test_seeds_summary_opens_with_the_recapture(situation: dict[str, Any]) -> None:
    first = _story(situation)["summary"][0]["text"]
    assert re.search(r"Syrian (government|regime)? ?(forces|troops|army)", first, re.I)
    assert re.search(r"regain|retak|recaptur|surged into|taken control", first, re.I)
    assert "Palmyra" in first and re.search(r"Islamic State|ISIS|\bIS\b", first)


def test_seeds_map_shows_palmyra_in_central_syria(situation: dict[str, Any]) -> None:
    story = _story(situation)
    palmyra = next(p for p in story["places"] if p["geonameid"] == 163808)
    assert 34 < palmyra["latitude"] < 35.2 and 37.5 < palmyra["longitude"] < 39
    assert "<svg" in story["map_svg"] and "Tadmur" in story["map_svg"] or "Palmyra" in story["map_svg"]
    html = render_html(situation)
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_seeds_single_report_still_gets_a_full_report(seeds_dir: Path) -> None:
    text = sorted(seeds_dir.glob("*.txt"))[1].read_text(encoding="utf-8")
    options = load_options(published=dt.date(2016, 3, 27))
    article = make_article(text, published=dt.date(2016, 3, 27))
    (outcome,) = extract_articles([article], options)
    situation = build_situation([outcome.extraction])
    story = situation["stories"][0]
    for section in ("summary", "key_facts", "quantities", "timeline", "places", "entities"):
        assert story[section], section
