"""Where actor phrases end and where the table's group names occur in a sentence."""

from __future__ import annotations

import pytest

from eventdesk.actor_spans import is_head, named_spans
from eventdesk.nlp import load_nlp


def _tokens(sentence: str):  # type: ignore[no-untyped-def]
    return list(load_nlp()(sentence))


@pytest.mark.parametrize(("sentence", "word", "head"), [
    ("Regime forces shelled the town.", "forces", True),
    ("Regime forces shelled the town.", "Regime", False),  # the next word continues the phrase
    ("Fighters attacked the town.", "Fighters", True),
    ("The town was shelled overnight.", "town", False),  # no actor's head word
    ("Militants' trucks burned.", "trucks", False),
])
def test_is_head_is_a_head_word_that_ends_its_phrase(sentence: str, word: str, head: bool) -> None:
    token = next(t for t in _tokens(sentence) if t.text == word)
    assert is_head(token) is head


def test_named_spans_finds_aliases_and_acronyms() -> None:
    tokens = _tokens("Fighters of the Islamic State and the SDF clashed near Raqqa.")
    found = [(start, end, group.name) for start, end, group in named_spans(tokens, 0, "Syria")]
    assert found == [(3, 5, "Islamic State ({country})"), (7, 8, "QSD: Syrian Democratic Forces")]


def test_named_spans_gunmen_of_a_group_are_its_men_and_offsets_count_from_the_base() -> None:
    tokens = _tokens("Gunmen of the Islamic State attacked.")
    assert [(s, e, g.name) for s, e, g in named_spans(tokens, 10, "Iraq")] == [(10, 15, "Islamic State ({country})")]


def test_named_spans_shared_plural_head_names_each_group() -> None:
    tokens = _tokens("The Sinaloa and Jalisco cartels fought in Culiacan.")
    names = [group.name for _, _, group in named_spans(tokens, 0, "Mexico")]
    assert len(names) == 2 and all("Cartel" in name for name in names)


def test_named_spans_a_group_named_as_opposed_is_no_name() -> None:
    tokens = _tokens("Hundreds joined an anti-MONUSCO march in Goma.")
    assert named_spans(tokens, 0, "Democratic Republic of Congo") == []
