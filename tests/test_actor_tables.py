"""The actor alias table (data/actors_en.toml): armed groups of ACLED's actor lists (issue 5)."""

from __future__ import annotations

import pytest

from eventdesk.actors import ActorContext, normalise_actor


@pytest.mark.parametrize(("phrase", "country", "name"), [
    ("SPLM-N fighters", "Sudan", "SPLM-N: Sudan People's Liberation Movement-North (Al-Hilu Faction)"),
    ("the SPLM-N Agar faction", "Sudan", "SPLM-N: Sudan People's Liberation Movement-North (Agar Faction)"),
    ("JEM rebels", "Sudan", "JEM: Justice and Equality Movement"),
    ("Sudan Shield Forces", "Sudan", "Sudan Shield Forces"),
    ("Koglweogo militiamen", "Burkina Faso", "Koglweogo Militia"),
    ("Lakurawa militants", "Nigeria", "Lakurawa"),
    ("NAS forces", "South Sudan", "NAS: National Salvation Front"),
    ("ULFA-I cadres", "India", "ULFA-I: United Liberation Front of Asom-Independent"),
    ("the Azawad Liberation Front", "Mali", "FLA: Azawad Liberation Front"),
])
def test_normalise_actor_knows_groups_of_acleds_lists(phrase: str, country: str, name: str) -> None:
    actor = normalise_actor(phrase, context=ActorContext(country=country, year=2025))
    assert actor is not None and actor.name == name


def test_normalise_actor_country_bound_group_stays_home() -> None:
    actor = normalise_actor("JEM rebels", context=ActorContext(country="Mexico", year=2025))
    assert actor is None or not actor.name.startswith("JEM")


def test_normalise_actor_sudan_liberation_army_is_no_national_army() -> None:
    actor = normalise_actor("fighters of the Sudan Liberation Army", context=ActorContext(country="Sudan", year=2025))
    assert actor is not None and actor.name == "SLM/A: Sudan Liberation Movement/Army"
