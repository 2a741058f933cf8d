"""Roles: a note's verbless toll ('2 soldiers killed.') is a passive with its 'were' left out; a participle
clause acts through the subject of the verb it hangs from."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ranked_events
from eventdesk.actor_roles import reduced_passive
from eventdesk.nlp import load_nlp


def _root(sentence: str):
    return next(t for t in load_nlp()(sentence) if t.dep_ == "ROOT")


@pytest.mark.parametrize(("sentence", "passive"), [
    ("4 policemen killed.", True),
    ("12 villagers abducted.", True),
    ("30 people gathered in the square.", False),  # an intransitive act of the counted people
    ("Gunmen killed 4 policemen.", False),
    ("4 policemen were killed.", False),  # a full passive, read as one already
])
def test_reduced_passive_reads_a_counted_subject_of_a_violent_verb_with_no_object(sentence: str,
                                                                                   passive: bool) -> None:
    assert reduced_passive(_root(sentence)) is passive


def test_a_verbless_toll_after_a_reply_joins_the_attack_it_tolls() -> None:
    text = ("On 4 May 2025, Ansaru militants attacked a police outpost near Birnin Gwari (Kaduna). "
            "Police repelled the attack, killing an unknown number of militants. 3 policemen killed.")
    events = ranked_events(text, published=dt.date(2025, 5, 5))
    assert (events[0].event_type, events[0].fatalities) == ("Battles", 3)
    assert all(e.event_type != "Violence against civilians" for e in events)


def test_a_participle_clause_after_a_coordinated_participle_takes_the_main_subject_as_agent() -> None:
    text = ("On 3 March 2025, Iraqi police foiled an IS plot to bomb a shrine in Karbala, "
            "seizing two explosive belts and arresting 4 suspects.")
    arrests = [e for e in ranked_events(text, published=dt.date(2025, 3, 4)) if e.sub_event_type == "Arrests"]
    assert arrests and all(e.actor1 and e.actor1.startswith("Police Forces of Iraq") for e in arrests)
