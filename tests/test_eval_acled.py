"""The ACLED evaluator: reading exports, mapping old types, scoring and the pinned gate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from eventdesk.errors import EvalDataError
from eventdesk.eval_acled import actor_key, evaluate_acled, format_acled, parse_acled_date, read_acled
from eventdesk.settings import Options

SAMPLE = FIXTURES / "acled" / "acled_sample.csv"
KEYS = {"rows", "fatalities_exact", "fatalities_exact_nonzero", "fatalities_within_10pct",
        "event_type_accuracy", "sub_event_type_accuracy", "actor1_match", "location_25km", "date_exact"}


@pytest.mark.parametrize(("text", "expected"), [
    ("27 March 2016", dt.date(2016, 3, 27)), ("2016-03-27", dt.date(2016, 3, 27)),
    ("02-November-2016", dt.date(2016, 11, 2)), ("not a date", None),
])
def test_parse_acled_date_formats(text: str, expected: dt.date | None) -> None:
    assert parse_acled_date(text) == expected


def test_read_acled_maps_older_type_names() -> None:
    rows = {row.number: row for row in read_acled(SAMPLE)}
    assert len(rows) >= 40
    assert (rows[45].event_type, rows[45].sub_event_type, rows[45].mapped_from) == (
        "Battles", "Armed clash", "Battle-No change of territory")
    assert rows[47].event_type == "Protests|Riots"
    assert rows[46].sub_event_type == ""


def test_read_acled_covers_all_six_types_and_zero_fatality_rows() -> None:
    rows = read_acled(SAMPLE)
    types = {t for row in rows for t in row.event_type.split("|")}
    assert types == {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                     "Riots", "Strategic developments"}
    assert sum(row.fatalities == 0 for row in rows) >= 15


def test_read_acled_rejects_a_file_without_acled_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="missing columns"):
        read_acled(bad)


@pytest.mark.parametrize(("first", "second"), [
    ("BLA: Balochistan Liberation Army", "Balochistan Liberation Army"),
    ("Islamic State West Africa Province (ISWAP)", "Islamic State West Africa Province"),
    ("Military Forces of the Democratic Republic of Congo (2019-)", "Military Forces of Democratic Republic of Congo"),
])
def test_actor_key_ignores_acled_naming_variants(first: str, second: str) -> None:
    assert actor_key(first) == actor_key(second)


def test_actor_key_keeps_what_tells_actors_apart() -> None:
    assert actor_key("Islamic State (Syria)") != actor_key("Islamic State (Iraq)")
    assert actor_key("Police Forces of Brazil (2023-) Military Police") != actor_key("Police Forces of Brazil (2023-)")


def test_actor_key_drops_the_government_era_only() -> None:
    assert actor_key("Military Forces of Syria (2000-)") == "military forces of syria"
    assert actor_key("Islamic State (Syria)") == "islamic state (syria)"


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return evaluate_acled(SAMPLE, options=Options())


def test_evaluate_acled_reports_the_named_figures(result: dict[str, Any]) -> None:
    assert KEYS <= set(result)
    assert result["rows"] == len(read_acled(SAMPLE))
    assert "Battles" in result["event_type_confusion"]
    assert "Battle-No change of territory -> Battles" in result["type_mapping"]


def test_evaluate_acled_gate_on_our_fixture(result: dict[str, Any]) -> None:
    # Pinned minimums on our own ACLED-style rows (the project is measured on real exports).
    assert result["fatalities_exact"] >= 0.9
    assert result["fatalities_exact_nonzero"] >= 0.85
    assert result["event_type_accuracy"] >= 0.85
    assert result["sub_event_type_accuracy"] >= 0.8
    assert result["date_exact"] >= 0.9


def test_format_acled_is_a_readable_table(result: dict[str, Any]) -> None:
    text = format_acled(result)
    assert "fatalities_exact" in text and "event_type (gold -> predicted" in text
    assert "Older type names mapped" in text


def test_evaluate_acled_limit_and_empty_file(tmp_path: Path) -> None:
    assert evaluate_acled(SAMPLE, options=Options(), limit=3)["rows"] == 3
    empty = tmp_path / "empty.csv"
    empty.write_text("event_date,event_type,notes,fatalities\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="no rows"):
        evaluate_acled(empty, options=Options())


@pytest.mark.parametrize("name", ["acled_heldout13.csv", "acled_heldout14.csv", "acled_heldout15.csv",
                                  "acled_heldout16.csv", "acled_heldout17.csv", "acled_heldout18.csv",
                                  "acled_heldout19.csv", "acled_heldout20.csv", "acled_heldout21.csv",
                                  "acled_heldout22.csv", "acled_heldout23.csv", "acled_heldout25.csv",
                                  "acled_heldout26.csv", "acled_heldout27.csv", "acled_heldout28.csv",
                                  "acled_heldout29.csv", "acled_heldout30.csv", "acled_heldout33.csv",
                                  "acled_heldout34.csv", "acled_heldout37.csv", "acled_heldout38.csv"])
def test_evaluate_acled_gate_on_the_fixed_heldout_sets_issue_5(name: str) -> None:
    # Pinned at or below the figures measured after the fixes (fatalities >= 0.96, nonzero tolls >= 0.94,
    # types and sub-types >= 0.9), so that a later change that loses their tolls or types fails here.
    found = evaluate_acled(FIXTURES / "acled" / name, options=Options())
    assert found["fatalities_exact"] >= 0.95
    assert found["fatalities_exact_nonzero"] >= 0.9
    assert found["event_type_accuracy"] >= 0.9
    assert found["sub_event_type_accuracy"] >= 0.9


def test_evaluate_acled_gate_on_the_terse_heldout_set_issue_5() -> None:
    # acled_heldout39 writes its notes as ACLED's coders do ('2 soldiers killed.', '9 killed incl. 3 children',
    # 'Fatalities unknown'); pinned a little below its figures after the fixes it guided (0.933 / 0.909 /
    # 0.967 / 0.933), so that a change that loses its tolls or types fails here
    found = evaluate_acled(FIXTURES / "acled" / "acled_heldout39.csv", options=Options())
    assert found["fatalities_exact"] >= 0.9
    assert found["fatalities_exact_nonzero"] >= 0.85
    assert found["event_type_accuracy"] >= 0.9
    assert found["sub_event_type_accuracy"] >= 0.9
