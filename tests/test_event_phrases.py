"""What a sentence's words say around an event trigger: lexicon entries per token, phrases, clauses."""

from __future__ import annotations

import pytest

from eventdesk.event_phrases import (
    has_phrase, is_device_at, may_trigger, names_backing, own_clause, sentence_hints, triggers_at,
)
from eventdesk.event_devices import is_device
from eventdesk.event_triggers import event_lexicon, is_support, matching_triggers
from eventdesk.nlp import load_nlp


def _sentence(text: str):  # type: ignore[no-untyped-def]
    return next(iter(load_nlp()(text).sents))


@pytest.mark.parametrize("text", [
    "Gunmen opened fire on a bus near the market, killing 4 passengers.",
    "Protesters set fire to tyres and blocked the highway before police dispersed them.",
    "A roadside bomb struck an army truck, and troops later retook the village.",
    "The army said it had carried out air strikes on rebel positions on Tuesday.",
])
def test_triggers_at_finds_what_matching_triggers_finds_for_every_word(text: str) -> None:
    lexicon = event_lexicon()
    for token in _sentence(text):
        assert triggers_at(token) == matching_triggers(token, lexicon), token.text


def test_matching_triggers_is_found_once_per_parse() -> None:
    lexicon = event_lexicon()
    killed = next(t for t in _sentence("Gunmen killed 4 farmers near the river.") if t.lower_ == "killed")
    assert matching_triggers(killed, lexicon)
    assert matching_triggers(killed, lexicon) is matching_triggers(killed, lexicon)


@pytest.mark.parametrize("text", [
    "An IED planted by the militants struck a patrol, and a landmine was later found near the road.",
    "A roadside bomb killed 3 soldiers as troops shelled the village.",
])
def test_is_device_at_is_is_device_for_every_word(text: str) -> None:
    lexicon = event_lexicon()
    assert [is_device_at(t) for t in _sentence(text)] == [is_device(t, lexicon) for t in _sentence(text)]


@pytest.mark.parametrize(("text", "backing"), [
    ("Government troops backed by Russian airstrikes retook the town.", True),
    ("Government troops retook the town after heavy airstrikes.", False),
])
def test_names_backing_is_false_only_where_no_trigger_is_support(text: str, backing: bool) -> None:
    sent = _sentence(text)
    assert names_backing(sent) is backing
    if not backing:
        assert not any(is_support(t, event_lexicon()) for t in sent)


def test_may_trigger_spares_words_of_no_entry() -> None:
    sent = _sentence("The committee met and attacked the budget.")
    assert [t.text for t in sent if may_trigger(t)] == ["attacked"]


def test_triggers_at_is_kept_on_the_parse() -> None:
    sent = _sentence("Rebels attacked the town.")
    attacked = sent[1]
    assert triggers_at(attacked) and ("eventdesk.triggers", attacked.i) in sent.doc.user_data


@pytest.mark.parametrize(("text", "found"), [
    ("Police fired tear gas at the crowd.", True),  # by word
    ("Police fire tear gas at the crowd.", True),  # by lemma
    ("Police fired the gas at the crowd.", False),
])
def test_has_phrase_by_lemma_or_word_skipping_articles(text: str, found: bool) -> None:
    sent = _sentence(text)
    assert has_phrase(sent, (("fire", "tear", "gas"),)) is found
    assert has_phrase(list(sent), (("fire", "tear", "gas"),)) is found  # a clause's tokens too


def test_has_phrase_skips_articles() -> None:
    assert has_phrase(_sentence("They threw a stone at the car."), (("throw", "stone"),))


def test_own_clause_drops_a_clause_set_at_another_time() -> None:
    sent = _sentence("Residents marched in the town a week after soldiers killed two farmers.")
    marched = next(t for t in sent if t.text == "marched")
    assert "killed" not in [t.text for t in own_clause(marched, sent)]
    killed = next(t for t in sent if t.text == "killed")
    assert "killed" in [t.text for t in own_clause(killed, sent)]


def test_sentence_hints_name_sub_types_the_words_signal_and_hold_captures_both_ways() -> None:
    hints = sentence_hints(_sentence("Soldiers died during the operation to retake the town."))
    assert {"Government regains territory", "Non-state actor overtakes territory"} <= hints
