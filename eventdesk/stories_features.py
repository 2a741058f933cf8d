"""What story clustering reads of one article: lemmas, names and the event's particulars.

Theme words (earthquake, magnitude, rescuers) are shared by every story on a
theme; what tells two earthquakes apart are the particulars: the numbers (a
toll, a magnitude), the years, weekdays and months named, and the places and
people. `article_features` keeps them apart so the clusterer can weigh them
apart. Lemmas come from the spaCy Doc when one is given, else from a light rule
lemmatiser over the text, so stored extractions can be clustered without
parsing again; particulars always come from the text, so both paths agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from eventdesk.model import Extraction

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
SKIP_LABELS = frozenset({"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_WORD = re.compile(r"[^\W_][\w'\u2019-]*[^\W_]|[^\W_]")
_NUMBER = re.compile(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?(?!\w)")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# Particular kinds and the prefix of their terms.
PARTICULAR_PREFIX = {"number": "n:", "day": "d:", "year": "y:"}


@dataclass(frozen=True)
class ArticleFeatures:
    """What story clustering needs of one article."""

    article_id: str
    lemmas: Mapping[str, float]  # content lemma -> count
    entities: Mapping[str, float] = field(default_factory=dict)  # normalised name -> count
    places: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    published: dt.date | None = None
    title: str = ""
    people: frozenset[str] = frozenset()  # surnames of the people named
    particulars: frozenset[str] = frozenset()  # "n:23", "d:saturday", "y:2009": the event's particulars


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("eventdesk.data").joinpath("stories_stopwords.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#")[0].strip()))


@lru_cache(maxsize=1)
def _day_words() -> frozenset[str]:
    text = resources.files("eventdesk.data").joinpath("stories_day_words.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#")[0].strip()))


def light_lemma(word: str) -> str:
    """A cheap lemma: case-folded, regular plural and verb endings stripped."""
    word = word.casefold().replace("\u2019", "'").removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            doubled = len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz"
            return stem[:-1] if doubled else stem  # stopped -> stop, but shelled -> shell
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def text_lemmas(text: str) -> Counter[str]:
    """Content lemmas of a text by the light lemmatiser (no spaCy needed)."""
    stop = _stopwords()
    return Counter(
        light_lemma(w) for w in _WORD.findall(text) if w.casefold() not in stop and len(w) > 1
    )


def token_lemmas(tokens: Iterable[Token]) -> Counter[str]:
    """Content lemmas of parsed tokens (nouns, names, verbs, adjectives, numbers)."""
    stop = _stopwords()
    return Counter(
        light_lemma(t.lemma_ or t.text) for t in tokens
        if t.pos_ in CONTENT_POS and not t.is_stop and t.text.casefold() not in stop
    )


def doc_lemmas(doc: Doc) -> Counter[str]:
    """Content lemmas of a parsed document."""
    return token_lemmas(doc)


def text_particulars(text: str) -> frozenset[str]:
    """Numbers, years, weekday and month names of a text, as prefixed terms ("n:26", "y:2009")."""
    found = set()
    for raw in _NUMBER.findall(text):
        number = raw.replace(",", "")
        found.add(("y:" if _YEAR.match(number) else "n:") + number)
    words = {m.casefold() for m in _WORD.findall(text)}
    found |= {f"d:{w}" for w in words & _day_words()}
    return frozenset(found)


def _name(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").removesuffix("'s").split()).casefold()


def article_features(extraction: Extraction, *, doc: Doc | None = None) -> ArticleFeatures:
    """Clustering features of one extraction; lemmas from `doc` if given, else the light lemmatiser."""
    article = extraction.article
    text = f"{article.title}\n{article.text}" if article.title else article.text
    lemmas = doc_lemmas(doc) if doc is not None else text_lemmas(text)
    lemmas = {k: v for k, v in lemmas.items() if not k[0].isdigit()}  # numbers are particulars
    names = [m for m in extraction.mentions if m.label not in SKIP_LABELS]
    entities = Counter(_name(m.text) for m in names)
    places = {_name(m.text) for m in names if m.label in PLACE_LABELS}
    places |= {_name(p.name or p.text) for p in extraction.places}
    actors = {_name(m.text) for m in names if m.label in ACTOR_LABELS}
    actors |= {_name(a) for e in extraction.events for a in (e.actor1, e.actor2) if a}
    people = {_name(m.text).split()[-1] for m in names if m.label == "PERSON" and _name(m.text)}
    return ArticleFeatures(
        article_id=article.id, lemmas=dict(lemmas), entities=dict(entities),
        places=frozenset(places - {""}), actors=frozenset(actors - {""}),
        published=article.published, title=article.title, people=frozenset(people),
        particulars=text_particulars(text),
    )
