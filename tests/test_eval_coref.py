"""Cross-document event coreference on ECB+ end to end: a tiny split of our own, and the Dev gate."""

from __future__ import annotations

from pathlib import Path


from eventdesk.eval_coref import best_cut, evaluate_coref, format_coref
from eventdesk.settings import Options

TINY = Path(__file__).resolve().parent / "fixtures" / "ecb"


def test_evaluate_coref_tiny_split_finds_chains(options: Options) -> None:
    result = evaluate_coref(TINY, split="Tiny", options=options)
    scores = result["Tiny"]
    assert {"muc_f1", "b3_f1", "ceafe_f1", "conll_f1"} <= set(scores)
    assert scores["mentions"] == 16
    assert scores["conll_f1"] >= 0.6  # same-lemma pairs in one story are found
    assert "CoNLL" in format_coref(result)


def test_evaluate_coref_gold_clusters_resolve_within_gold_stories(options: Options) -> None:
    scores = evaluate_coref(TINY, split="Tiny", options=options, gold_clusters=True)["Tiny"]
    assert scores["stories"] == 4  # two topics, each with its ecb and ecbplus half
    assert scores["mentions"] == 16 and scores["conll_f1"] >= 0.6


def test_best_cut_takes_the_best_mean_over_seeds() -> None:
    # One seed's best cut (0.45) is noise: over both seeds 0.55 is better.
    runs = [{0.45: {"conll_f1": 0.780}, 0.55: {"conll_f1": 0.778}},
            {0.45: {"conll_f1": 0.770}, 0.55: {"conll_f1": 0.776}}]
    assert best_cut(runs) == 0.55
    assert best_cut(runs[:1]) == 0.45


def test_gate_dev_event_coreference(ecb_dir: Path, options: Options) -> None:
    """Pinned minimum on ECB+ Dev (measured 0.791 over our story clusters, 0.801 over gold ones).

    Reproduce: `eventdesk eval coref DIR --split Dev`, or bench/bench_coref.py for both.
    """
    scores = evaluate_coref(ecb_dir, split="Dev", options=options)["Dev"]
    assert scores["conll_f1"] >= 0.78
