"""The situation report: sources, entities with citations, escaping of hostile text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import extract_text, make_article
from eventdesk.model import Extraction
from eventdesk.report import build_situation, one_story, write_report
from eventdesk.report_render import render_html, render_markdown

HOSTILE = "<script>alert('x')</script>"


def _hostile_extraction() -> Extraction:
    text = (f"Police in Nairobi said {HOSTILE} that three people were hurt on Friday. "
            "The Kenya Red Cross said it treated the injured.")
    x = extract_text(text, published=dt.date(2023, 7, 8))
    article = x.article.__class__(**{**x.article.__dict__, "title": f"Clashes {HOSTILE}",
                                     "outlet": f"Outlet {HOSTILE}"})
    return Extraction(article=article, sentences=x.sentences, mentions=x.mentions,
                      times=x.times, places=x.places, figures=x.figures, claims=x.claims,
                      events=x.events)


def test_report_html_escapes_hostile_text_from_articles(tmp_path: Path) -> None:
    situation = build_situation([_hostile_extraction()])
    html = render_html(situation)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'src="http' not in html and "<link" not in html  # self-contained, nothing fetched


def test_report_lists_sources_and_entities_with_citations() -> None:
    x = _hostile_extraction()
    situation = build_situation([x])
    assert situation["sources"][0]["ref"] == "A1"
    story = situation["stories"][0]
    names = {e["name"] for group in story["entities"] for e in group["entities"]}
    assert "Nairobi" in names and "Kenya Red Cross" in names
    for group in story["entities"]:
        for entity in group["entities"]:
            assert entity["cites"] and all(c["ref"] == "A1" for c in entity["cites"])
    assert all(key.startswith("A1-s") for key in situation["cited_sentences"])


def test_report_markdown_cites_article_and_sentence() -> None:
    markdown = render_markdown(build_situation([_hostile_extraction()]))
    assert "[A1 §0]" in markdown and "## Sources" in markdown


def test_report_one_story_holds_every_article() -> None:
    xs = [Extraction(article=make_article(t, published=dt.date(2020, 1, d)))
          for d, t in ((1, "One."), (3, "Two."))]
    story = one_story(xs)
    assert story.article_ids == tuple(x.article.id for x in xs)
    assert (story.first_published, story.last_published) == (dt.date(2020, 1, 1), dt.date(2020, 1, 3))


def test_report_write_report_writes_three_formats(tmp_path: Path) -> None:
    paths = write_report(build_situation([_hostile_extraction()]), tmp_path)
    assert json.loads(paths["json"].read_text())["sources"][0]["ref"] == "A1"
    assert paths["html"].read_text().startswith("<!DOCTYPE html>")
    assert paths["markdown"].read_text().startswith("# Situation report")


def test_report_keeps_an_inferred_place_apart_from_the_town_holding_it(geo_options) -> None:
    from conftest import extract_text
    from eventdesk.report import build_situation
    from eventdesk.report_render import render_markdown

    text = "Residents of the Marrowby district of Springfield, Illinois, were evacuated on Monday."
    situation = build_situation([extract_text(text, options=geo_options)])
    places = {p["name"]: p for p in situation["stories"][0]["places"]}
    assert places["Marrowby district"]["near"] == "Springfield" and places["Springfield"]["near"] == ""
    assert "Marrowby district (not in the gazetteer; near Springfield)" in render_markdown(situation)


def test_report_marks_a_party_to_the_fighting_and_a_best_estimate_only_parties_give() -> None:
    text = "Defence Minister Ivan Petrenko said 800 separatists were killed in the offensive on Tuesday."
    markdown = render_markdown(build_situation([extract_text(text, published=dt.date(2022, 4, 6))]))
    assert "Ivan Petrenko (Defence Minister) [party to the fighting]" in markdown
    assert "best 800 / high 800 (only parties to the fighting give this figure)" in markdown


def test_report_entity_table_holds_no_dateline_organisation_or_bare_generic_noun() -> None:
    text = ("Army pushes into hill town\n\nKARACHI, July 9, 2022 (Harbour Post) - Government troops "
            "entered the town on Saturday. Defence Minister Ali Raza said the army would hold it.")
    story = build_situation([extract_text(text, published=dt.date(2022, 7, 9))])["stories"][0]
    sections = {group["title"]: {e["name"] for e in group["entities"]} for group in story["entities"]}
    assert "Karachi" in sections.get("Places", set())
    assert not {"KARACHI", "Army", "Defence"} & sections.get("Organisations", set())
