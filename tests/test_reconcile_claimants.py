"""Who is a party to the fighting: by name, by the body spoken for, by the title beside a name."""

from __future__ import annotations

import pytest

from eventdesk.reconcile_claimants import is_partisan, takes_a_side


@pytest.mark.parametrize(("claimant", "kind", "affiliation", "role", "partisan"), [
    ("state media", "media", "", "", True),
    ("Casualty Watch", "organisation", "", "", False),
    ("Casualty Watch", "organisation", "", "independent monitoring group", False),
    ("Ivan Petrenko", "person", "", "Defence Minister", True),
    ("Ivan Petrenko", "person", "", "the country's defence minister", True),
    ("Ahmed Khalil", "person", "", "army spokesman", True),
    ("Abu Omar", "person", "", "militant spokesman", True),
    ("Musa Idris", "person", "", "spokesman for the rebels", True),
    ("Stefan Lindqvist", "person", "", "UN spokesman", False),
    ("Jane Roe", "person", "Casualty Watch", "director", False),
    ("Syrian Arab News Agency", "media", "", "official news agency", True),
    ("a UN official", "person", "", "", False),
    ("hospital officials", "organisation", "", "", False),
    ("a Red Cross spokesman", "person", "", "", False),
    ("army officials", "organisation", "", "", True),
    ("officials", "organisation", "", "", True),
])
def test_is_partisan_table(claimant: str, kind: str, affiliation: str, role: str, partisan: bool) -> None:
    assert is_partisan(claimant, kind=kind, affiliation=affiliation, role=role) is partisan


def test_takes_a_side_reads_whole_words_only() -> None:
    assert takes_a_side("army chief") and not takes_a_side("armyworm expert")
