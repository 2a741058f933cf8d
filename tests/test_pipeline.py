"""The stage runner: stages in order, and a broken stage named with its article."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from conftest import make_article
from eventdesk.model import Extraction
from eventdesk.pipeline import STAGES, extract_articles
from eventdesk.settings import Options, load_options


def _boom(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    if "explode" in draft.article.text:
        raise ValueError("cannot cope")
    return draft


def test_pipeline_a_failing_stage_is_reported_and_the_run_goes_on() -> None:
    articles = [make_article("This one will explode.", source="bad.txt"),
                make_article("This one is fine.", source="good.txt")]
    stages = (*STAGES, ("boom", _boom))
    outcomes = list(extract_articles(articles, load_options(), stages))
    assert outcomes[0].error is not None and outcomes[0].extraction is None
    assert "boom" in str(outcomes[0].error) and "bad.txt" in str(outcomes[0].error)
    assert outcomes[1].error is None and outcomes[1].extraction is not None


def test_pipeline_sentences_cover_the_text_in_order() -> None:
    text = "First sentence here. Second one follows. And a third."
    (outcome,) = extract_articles([make_article(text)], load_options())
    sentences = outcome.extraction.sentences
    assert [s.index for s in sentences] == [0, 1, 2]
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
    assert text[sentences[1].start:sentences[1].end] == "Second one follows."


def test_pipeline_stages_run_in_the_documented_order() -> None:
    assert [name for name, _ in STAGES] == ["entities", "times", "places", "figures", "claims", "events"]
    assert dataclasses.is_dataclass(Extraction)
