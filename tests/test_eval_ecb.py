"""Coreference and clustering metrics on hand-computed cases; ECB+ story clustering end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.eval_ecb import bcubed, ceafe, conll_f1, evaluate_clusters, format_clusters, muc, pairwise
from eventdesk.settings import Options

TINY = Path(__file__).resolve().parent / "fixtures" / "ecb"

# Key {1,2,3} {4,5}; response {1,2} {3,4,5}. Worked by hand:
#   MUC  R = (1 + 1) / (2 + 1), P = (1 + 1) / (1 + 2)
#   B3   P = R = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
#   CEAFe phi4: K1-R1 = 4/5, K2-R2 = 4/5, best total 8/5 over 2 clusters each
#   pairs: 4 gold, 4 predicted, 2 shared
KEY = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}
RESPONSE = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"}


@pytest.mark.parametrize(("metric", "expected"), [
    (muc, (2 / 3, 2 / 3, 2 / 3)),
    (bcubed, (11 / 15, 11 / 15, 11 / 15)),
    (ceafe, (0.8, 0.8, 0.8)),
    (pairwise, (0.5, 0.5, 0.5)),
])
def test_metric_hand_computed_case(metric, expected) -> None:
    assert metric(KEY, RESPONSE) == pytest.approx(expected)


@pytest.mark.parametrize(("metric", "expected"), [
    (muc, (0.0, 0.0, 0.0)),
    (bcubed, (1.0, 1 / 3, 0.5)),
    (ceafe, (0.5 / 3, 0.5, 0.25)),
    (pairwise, (0.0, 0.0, 0.0)),
])
def test_metric_all_singletons_against_one_chain(metric, expected) -> None:
    assert metric({1: "k", 2: "k", 3: "k"}, {1: 1, 2: 2, 3: 3}) == pytest.approx(expected)


@pytest.mark.parametrize("metric", [muc, bcubed, ceafe, pairwise])
def test_metric_perfect_response_scores_one(metric) -> None:
    assert metric(KEY, {k: v.upper() for k, v in KEY.items()})[2] == pytest.approx(1.0)


def test_conll_f1_is_mean_of_three() -> None:
    assert conll_f1(KEY, RESPONSE) == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_metric_refuses_different_items() -> None:
    with pytest.raises(ValueError, match="different items"):
        bcubed(KEY, {1: "x"})


def test_evaluate_clusters_tiny_split_keys_and_range(options: Options) -> None:
    result = evaluate_clusters(TINY, options=options)
    assert set(result) == {"Tiny"}
    scores = result["Tiny"]
    assert {"bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "docs", "clusters"} <= set(scores)
    assert scores["docs"] == 8
    assert 0.0 < scores["bcubed_f1"] <= 1.0
    assert "Tiny" in format_clusters(result)


def test_gate_dev_story_clustering(ecb_dir: Path, options: Options) -> None:
    """Pinned minimum on ECB+ Dev (measured 0.942: `eventdesk eval clusters DIR --split Dev`)."""
    scores = evaluate_clusters(ecb_dir, split="Dev", options=options)["Dev"]
    assert scores["bcubed_f1"] >= 0.91
