"""Event roles: who did it, to whom, and who backed them, read from the parse of a sentence."""

from __future__ import annotations

import pytest

from eventdesk.actor_roles import roles_of
from eventdesk.actor_tables import country_in, words_of
from eventdesk.actors import ActorContext, find_actors
from eventdesk.nlp import load_nlp


@pytest.mark.parametrize(("sentence", "trigger", "agent", "patient"), [
    # a reduced relative the parser reads as a clausal subject: its own subject acts
    ("Ethiopian army soldiers searching for Fano fighters shot dead 9 civilians.", "shot",
     "Military Forces of Ethiopia (2018-)", "Civilians (Ethiopia)"),
    # 'it' in a relative clause on the trigger is the one who reports it
    ("US Africa Command said an air strike it carried out near Jilib killed 3 al Shabaab militants.", "strike",
     "Military Forces of the United States (2021-)", "Al Shabaab"),
])
def test_roles_of_reads_agents_through_clauses(sentence: str, trigger: str, agent: str, patient: str) -> None:
    doc = load_nlp()(sentence)
    context = ActorContext(country=country_in(words_of(sentence)) or "Somalia", year=2024)
    mentions = find_actors(doc[:], context=context)
    token = next(t for t in doc if t.text == trigger)
    roles = roles_of(token, mentions, backing=frozenset({"backed"}), context=context)
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (agent, patient)
