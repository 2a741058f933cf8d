"""The TimeML evaluation: span pairing, scores, the printed table, and a gate on TimeBank."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from eventdesk.eval_timeml import _score_doc, _Tally, evaluate_timeml, format_timeml, match_spans, parse_cached
from eventdesk.model import TimeExpr
from eventdesk.settings import Options
from eventdesk.timeml import GoldTimex, TimeMLDoc

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "timeml"
REQUIRED_KEYS = {"strict_f1", "relaxed_f1", "value_f1", "type_accuracy", "docs", "gold", "predicted"}


def _gold(start: int, end: int) -> GoldTimex:
    return GoldTimex(start=start, end=end, text="x" * (end - start), type="DATE", value="2016")


def _pred(start: int, end: int) -> TimeExpr:
    return TimeExpr(article_id="a", start=start, end=end, text="x", sentence=0, value="2016")


def test_match_spans_pairs_one_to_one_preferring_exact_matches() -> None:
    gold = [_gold(0, 10), _gold(12, 20)]
    predicted = [_pred(0, 4), _pred(0, 10), _pred(30, 35)]
    assert sorted(match_spans(gold, predicted)) == [(0, 1)]


def test_match_spans_relaxed_overlap_counts() -> None:
    assert match_spans([_gold(5, 15)], [_pred(10, 20)]) == [(0, 0)]
    assert match_spans([_gold(5, 15)], [_pred(15, 20)]) == []


@pytest.fixture(scope="module")
def fixture_result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return evaluate_timeml([FIXTURES], options=Options(cache_dir=tmp_path_factory.mktemp("cache")))


def test_evaluate_timeml_result_has_the_issue_keys(fixture_result: dict) -> None:
    assert REQUIRED_KEYS <= fixture_result.keys()
    assert fixture_result["docs"] == 2
    assert fixture_result["gold"] == 10


def test_evaluate_timeml_scores_own_fixtures_well(fixture_result: dict) -> None:
    assert fixture_result["relaxed_f1"] >= 0.9
    assert fixture_result["value_f1"] >= 0.8
    assert "DATE" in fixture_result["by_type"]


def test_format_timeml_prints_totals_types_and_errors(fixture_result: dict) -> None:
    table = format_timeml(fixture_result)
    for header in ("strict", "relaxed", "value", "type accuracy", "DATE", "errors:"):
        assert header in table


def test_evaluate_timeml_gate_on_timebank_subset(eval_dir: Path, tmp_path: Path) -> None:
    """A pinned floor on 30 TimeBank documents; the full figure comes from `eventdesk eval timeml`."""
    folder = eval_dir / "tempeval3" / "TBAQ-cleaned" / "TimeBank"
    if not folder.is_dir():
        pytest.skip(f"TimeBank not found at {folder}")
    subset = sorted(folder.glob("*.tml"))[::6][:30]
    result = evaluate_timeml(subset, options=Options(cache_dir=tmp_path))
    assert result["docs"] == len(subset)
    assert result["relaxed_f1"] >= 0.95  # measured 0.961
    assert result["value_f1"] >= 0.83  # measured 0.844
    assert result["strict_f1"] >= 0.89  # measured 0.900


def test_score_doc_leaves_out_predictions_past_the_annotated_text() -> None:
    doc = TimeMLDoc(name="d", text="x" * 40, dct=None, timexes=(_gold(0, 4),), annotated_end=20)
    total, by_type, errors = _Tally(), defaultdict(_Tally), Counter()
    _score_doc(doc, [_pred(0, 4), _pred(10, 14), _pred(30, 34)], total, by_type, errors)
    assert (total.gold, total.predicted, total.relaxed) == (1, 2, 1)
    assert sum(n for (kind, *_), n in errors.items() if kind == "spurious") == 1


def test_evaluate_timeml_gate_on_meantime(eval_dir: Path, tmp_path: Path) -> None:
    """A pinned floor on a third of MEANTIME (Wikinews, another style of news than TimeBank)."""
    folder = eval_dir / "meantime" / "intra_cross-doc_annotation"
    if not folder.is_dir():
        pytest.skip(f"MEANTIME not found at {folder}")
    subset = sorted(folder.rglob("*.xml"))[::3]
    result = evaluate_timeml(subset, options=Options(cache_dir=tmp_path))
    assert result["docs"] == len(subset)
    assert result["relaxed_f1"] >= 0.92  # measured 0.932
    assert result["value_f1"] >= 0.85  # measured 0.870


def test_parse_cached_reuses_a_saved_parse_and_reparses_a_broken_one(tmp_path: Path) -> None:
    options = Options(cache_dir=tmp_path)
    texts = ["Talks resumed on Monday.", "The plant closed in May 2015."]
    first = parse_cached(texts, options=options)
    saved = sorted((tmp_path / "timeml-parses").glob("*.spacy"))
    assert len(saved) == 2
    again = parse_cached(texts, options=options)
    assert [[(t.text, t.ent_type_, t.dep_) for t in doc] for doc in again] == \
        [[(t.text, t.ent_type_, t.dep_) for t in doc] for doc in first]
    saved[0].write_bytes(b"not a DocBin")
    assert [doc.text for doc in parse_cached(texts, options=options)] == texts


def test_evaluate_timeml_document_without_dct_is_dated_by_its_dateline(tmp_path: Path) -> None:
    (tmp_path / "no_dct.tml").write_text(
        "<TimeML><TEXT>Harbour reopens\n<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2011-05-04\">May 04, 2011</TIMEX3>\n"
        "The harbour reopened <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2011-05-04\">today</TIMEX3> after the storm."
        "</TEXT></TimeML>", encoding="utf-8")
    result = evaluate_timeml([tmp_path / "no_dct.tml"], options=Options(cache_dir=tmp_path / "cache"))
    assert (result["gold"], result["value_f1"]) == (2, 1.0)
