"""spaCy as eventdesk loads it: the model's pipeline plus eventdesk's sentence-start rule."""

from __future__ import annotations

import pytest

from eventdesk.nlp import load_nlp, sentence_bounds, sentence_tokens, tokens_text


@pytest.mark.parametrize(("text", "sentences"), [
    ("On 3 May 2023, IS attacked an army post near Baiji, Salah al-Din. 9 IS militants were killed.",
     ["On 3 May 2023, IS attacked an army post near Baiji, Salah al-Din.", "9 IS militants were killed."]),
    ("Troops entered the town. 12 civilians died.", ["Troops entered the town.", "12 civilians died."]),
    ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    ("See Fig. 3 for the map of the front.", ["See Fig. 3 for the map of the front."]),
    ("Prices rose 3.5 percent in May.", ["Prices rose 3.5 percent in May."]),
])
def test_a_number_after_a_full_stop_opens_a_sentence(text: str, sentences: list[str]) -> None:
    assert [s.text for s in load_nlp()(text).sents] == sentences


def test_the_rule_runs_before_the_parser() -> None:
    names = load_nlp().pipe_names
    assert names.index("eventdesk_number_sentence_starts") < names.index("parser")


_REPORT = ("Gunmen on motorbikes stormed Kadisau village in Faskari on Tuesday night.\n\nThey killed 14 "
           "villagers, the local council chairman's aide said. Troops arrived hours later.")


def test_tokens_text_reads_what_a_span_reads() -> None:
    doc = load_nlp()(_REPORT)
    tokens = list(doc)
    for start in range(len(doc)):
        for end in range(start, min(len(doc), start + 8) + 1):
            assert tokens_text(tokens[start:end]) == doc[start:end].text


def test_sentence_bounds_are_the_token_sentence() -> None:
    doc = load_nlp()(_REPORT)
    assert len(list(doc.sents)) >= 3
    for token in doc:
        assert sentence_bounds(doc, token.i) == (token.sent.start, token.sent.end)


def test_sentence_tokens_are_the_sentence() -> None:
    doc = load_nlp()(_REPORT)
    for sent in doc.sents:
        assert [t.i for t in sentence_tokens(sent)] == list(range(sent.start, sent.end))
