"""Entity linking scored on MEANTIME: alignment, scoring, the CLI on our own corpus, and the gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.eval_entities import (
    AlignedMention, align_mention, evaluate_entities, format_entities, score_mentions,
)
from eventdesk.meantime import GoldEntityMention
from eventdesk.settings import Options

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "meantime"
runner = CliRunner()


def _gold(start: int, end: int, instance: str = "I1", m_id: str = "1", doc: str = "d1",
          kind: str = "ORG") -> GoldEntityMention:
    return GoldEntityMention(doc_id=doc, m_id=m_id, start=start, end=end, text="x" * (end - start),
                             type=kind, instance=instance)


@pytest.mark.parametrize(("predicted", "head", "expected"), [
    ([(0, 10, "A")], 0, "A"),  # exact
    ([(0, 6, "A")], 8, "A"),  # covers more than half of the gold span
    ([(0, 3, "A")], 8, None),  # a sliver that misses the head
    ([(6, 9, "A")], 8, "A"),  # a short span holding the gold head ("the new [Airbus] jet")
    ([(0, 3, "A"), (3, 10, "B")], 8, "B"),  # the largest overlap wins
    ([(10, 20, "A")], 0, None),  # touching is not overlapping
])
def test_align_mention_largest_overlap_with_half_or_head(predicted: list, head: int, expected: str | None) -> None:
    assert align_mention(_gold(0, 10), head, predicted) == expected


def _aligned(gold: GoldEntityMention, entity: str | None, lemma: str = "") -> AlignedMention:
    return AlignedMention(corpus="c", gold=gold, entity=entity, entity_name="", head_lemma=lemma or gold.instance)


def test_score_mentions_perfect_linking_scores_one_and_misses_cost_recall() -> None:
    golds = [_gold(0, 5, "I1", "1"), _gold(0, 5, "I1", "2", doc="d2"), _gold(9, 12, "I2", "3", kind="PER")]
    perfect = score_mentions([_aligned(g, g.instance) for g in golds], docs=2)
    assert perfect["conll_f1"] == 1.0 and perfect["mention_recall"] == 1.0
    assert perfect["by_type"]["PER"]["gold_mentions"] == 1
    split = score_mentions([_aligned(golds[0], "E1"), _aligned(golds[1], None), _aligned(golds[2], "E2")], docs=2)
    assert split["mention_recall"] == round(2 / 3, 4)
    assert split["muc_f1"] == 0.0 and split["conll_f1"] < 1.0  # the cross-document link was missed


def test_score_mentions_baseline_links_by_head_lemma() -> None:
    golds = [_gold(0, 5, "I1", "1"), _gold(0, 5, "I1", "2", doc="d2"), _gold(7, 9, "I2", "3", doc="d2")]
    result = score_mentions([_aligned(golds[0], "E1", "ford"), _aligned(golds[1], "E1", "ford"),
                             _aligned(golds[2], "E2", "ford")], docs=2)
    assert result["conll_f1"] == 1.0  # kept apart, as gold has them
    assert result["baseline"]["conll_f1"] < 1.0  # the same head lemma wrongly joins them


def test_cli_eval_entities_json_on_our_corpus() -> None:
    result = runner.invoke(app, ["eval", "entities", str(FIXTURE), "--corpus", "cars", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert set(scores) == {"cars", "all"}
    cars = scores["cars"]
    assert {"muc_f1", "b3_f1", "ceafe_f1", "conll_f1", "mention_recall", "docs", "gold_mentions"} <= set(cars)
    assert (cars["docs"], cars["gold_mentions"]) == (2, 12)
    # "Martin Winterkorn" (first report) and "Winterkorn" (second) are one entity; Brussels too.
    assert cars["by_type"]["PER"]["conll_f1"] == 1.0
    assert cars["by_type"]["LOC"]["conll_f1"] == 1.0
    # "it" joins Volkswagen; the crowd and the union leaders are no named entity and are not found.
    assert cars["mention_recall"] == round(10 / 12, 4)
    assert cars["by_type"]["ORG"]["muc_f1"] == 1.0
    assert scores["all"]["conll_f1"] == cars["conll_f1"]


def test_cli_eval_entities_table_and_help() -> None:
    table = runner.invoke(app, ["eval", "entities", str(FIXTURE)])
    assert table.exit_code == 0 and "CoNLL" in table.output and "cars" in table.output
    helped = runner.invoke(app, ["eval", "entities", "--help"])
    assert helped.exit_code == 0 and "Example:" in helped.output and "--corpus" in helped.output


def test_cli_eval_entities_unknown_corpus_is_a_clear_error() -> None:
    result = runner.invoke(app, ["eval", "entities", str(FIXTURE), "--corpus", "gm"])
    assert result.exit_code == 2 and "it holds: cars" in " ".join(result.output.split())


@pytest.fixture(scope="module")
def meantime_dir(eval_dir: Path) -> Path:
    data = eval_dir / "meantime" / "intra_cross-doc_annotation"
    if not data.is_dir():
        pytest.skip(f"MEANTIME not found under {data}")
    return data.parent


def test_gate_meantime_entity_linking(meantime_dir: Path, options: Options) -> None:
    """Pinned minimum over all four MEANTIME corpora (measured CoNLL 0.568, mention recall 0.511).

    Reproduce: `eventdesk eval entities ../shared/eval/meantime`.
    """
    scores = evaluate_entities(meantime_dir, options=options)["all"]
    assert scores["docs"] == 120
    assert scores["conll_f1"] >= 0.55
    assert scores["mention_recall"] >= 0.49


def test_evaluate_entities_records_a_document_a_stage_breaks_on(options: Options,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import eventdesk.eval_entities as eval_entities
    from eventdesk.errors import StageError
    from eventdesk.pipeline import extract_article

    def breaks_on_the_second(doc, article, opts):  # noqa: ANN001, ANN202 - stands in for extract_article
        if article.id == "9002":
            raise StageError("events", article.id, article.source, ValueError("boom"))
        return extract_article(doc, article, opts)

    monkeypatch.setattr(eval_entities, "extract_article", breaks_on_the_second)
    result = evaluate_entities(FIXTURE, options=options)
    assert len(result["cars"]["failures"]) == 1 and "9002" in result["cars"]["failures"][0]
    assert result["cars"]["mention_recall"] == 0.5  # the first report's 6 mentions, not the second's
    assert "a stage failed" in format_entities(result)
