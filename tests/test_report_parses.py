"""The report reads the parses extraction kept, instead of parsing the reports again (issue 6)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import make_article
from eventdesk import coref, pipeline
from eventdesk.pipeline import extract_articles, kept_parses
from eventdesk.report import build_situation
from eventdesk.settings import load_options

TEXT = ("Gunmen attacked a police checkpoint outside the town of Garissa on Tuesday, killing four "
        "officers, the county commissioner said. Police said the attackers fled towards the border.")


def test_kept_parses_holds_the_latest_extractions_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "KEPT_PARSES", 1)
    options = load_options()
    first, second = (make_article(t, published=dt.date(2023, 3, 7)) for t in (TEXT, TEXT + " Two more."))
    for _ in extract_articles([first, second], options):
        pass
    kept = kept_parses([first, second], model=options.model)
    assert list(kept) == [second.id] and kept[second.id].text == second.text
    assert kept_parses([second], model="another_model") == {}


def test_kept_parses_never_gives_the_parse_of_another_text_under_the_same_id() -> None:
    options = load_options()
    article = make_article(TEXT, published=dt.date(2023, 3, 7))
    for _ in extract_articles([article], options):
        pass
    recased = dataclasses.replace(article, text=TEXT.replace("Gunmen", "GUNMEN"))
    assert kept_parses([recased], model=options.model) == {}
    assert list(kept_parses([article], model=options.model)) == [article.id]


def test_report_after_extraction_does_not_parse_again(monkeypatch: pytest.MonkeyPatch) -> None:
    options = load_options()
    article = make_article(TEXT, published=dt.date(2023, 3, 7))
    (outcome,) = list(extract_articles([article], options))
    assert outcome.extraction is not None and outcome.extraction.events

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the report parsed a report extraction had parsed")

    monkeypatch.setattr(coref, "parse_texts", no_parsing)
    situation = build_situation([outcome.extraction], nlp_model=options.model)
    assert situation["stories"][0]["key_facts"]


def test_extract_articles_with_nothing_to_extract_parses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("spaCy was asked to parse no articles")

    monkeypatch.setattr(pipeline, "parse_texts", no_parsing)
    assert list(extract_articles([], load_options())) == []
