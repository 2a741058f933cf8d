"""Figures: people said in a relative clause to have died later are dead ('a man who later died')."""

from __future__ import annotations

import datetime as dt

from conftest import extract_text


def _killed(text: str) -> list[tuple[float | None, str]]:
    extraction = extract_text(text, published=dt.date(2025, 10, 1))
    return [(f.low, f.counts) for f in extraction.figures if f.kind == "killed"]


def test_single_victim_who_later_died_is_one_killed() -> None:
    assert _killed("Settlers attacked farmers near Tubas, beating an elderly man who later died in hospital.") \
        == [(1.0, "elderly man")]


def test_counted_victims_who_later_died_are_killed_not_wounded() -> None:
    assert _killed("Gunmen shot two traders who later died of their wounds.") == [(2.0, "traders")]


def test_victims_whose_relative_clause_says_nothing_of_dying_are_not_killed() -> None:
    assert _killed("Gunmen wounded two traders who were taken to hospital in Kano.") == []
