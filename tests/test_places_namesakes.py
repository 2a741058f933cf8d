"""Places: a region named by its own town ('Hebron (Hebron)') says nothing that a namesake abroad can use."""

from __future__ import annotations

import datetime as dt

from conftest import extract_text


def _countries(text: str) -> set[str]:
    return {p.country_code for p in extract_text(text, published=dt.date(2025, 10, 1)).places if p.name}


def test_resolve_a_town_bracketed_with_its_own_name_ignores_a_namesake_pair_in_one_state() -> None:
    # Pennsylvania holds two Hebrons, each once read as the other's region
    text = "Israeli settlers attacked Palestinian shepherds near Hebron (Hebron) and burned two tents."
    assert _countries(text) == {"PS"}


def test_resolve_a_region_named_by_its_capital_still_holds_another_town() -> None:
    # the rule the namesake guard narrows: a region the gazetteer knows only by its capital town
    assert _countries("Ukrainian drones struck a fuel depot in Sudzha (Kursk) overnight.") == {"RU"}


def test_resolve_a_bracketed_region_spelled_apart_from_its_gazetteer_name_when_it_holds_the_town() -> None:
    # 'Southwest' is exactly an Emirati sector's old name; Cameroon's region is 'South-West', which holds Kumba
    text = "Separatist fighters burned a school in Kumba (Southwest) on Monday."
    assert _countries(text) == {"CM"}
