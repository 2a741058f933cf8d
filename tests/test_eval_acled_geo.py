"""The pinned gate on acled_heldout_geo1, the held-out set written to test where events are placed (issue 5)."""

from __future__ import annotations

from conftest import FIXTURES

from eventdesk.eval_acled import evaluate_acled
from eventdesk.settings import Options


def test_evaluate_acled_gate_on_the_location_set() -> None:
    # Pinned a little below the figure measured after the place fixes (location_25km 0.684; the honest
    # first run read 0.658), so that a change that loses a class of coded towns (villages in an LGA or a
    # township, a town named with its site or division, the first of two bracketed towns) fails here.
    # Most of its misses are towns the packaged gazetteer lacks (Kamanyola, Mahaday, Akobo, Kolofata).
    found = evaluate_acled(FIXTURES / "acled" / "acled_heldout_geo1.csv", options=Options())
    assert found["location_25km"] >= 0.65
