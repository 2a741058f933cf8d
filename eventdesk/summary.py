"""An extractive summary of a story, each sentence citing the report it is from.

Sentences from every report of the story are ranked by centrality (LexRank:
PageRank over a TF-IDF cosine graph), with a prior for lead sentences, then
picked MMR-style so that a point made by several outlets is said once. Page
furniture (related links, photo credits, bylines), captions and bare quotes are
never picked. The first sentence must say what happened, where and when: the
best-ranked sentence that holds the main event's trigger and place, or else an
event verb, a place and a time expression.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from eventdesk.model import Event, Extraction

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MIN_WORDS, MAX_WORDS = 6, 70
EDGE_THRESHOLD = 0.1  # LexRank's cosine cut-off for an edge
DAMPING = 0.85
POSITION_WEIGHT = 0.35  # share of a sentence's score that its place in its report gives
MMR_LAMBDA = 0.7
DUPLICATE = 0.6  # cosine above which two sentences say the same thing
MAX_PER_REPORT = 40  # candidate sentences read from one report
MAX_UNITS = 2000  # candidate sentences in one story: the similarity matrix is units squared
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_TIME_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|overnight|"
    r"tonight|this (?:week|month|morning)|last (?:week|month|year|night)|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|\d{4})\b", re.I)


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a story's summary, with the report it cites."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class _Unit:
    extraction: Extraction
    sentence_index: int
    start: int
    end: int
    text: str
    position: int  # rank among its report's candidate sentences


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    raw = resources.files("eventdesk.data").joinpath("linking_summary.toml").read_text("utf-8")
    return tomllib.loads(raw)


def _pieces(extraction: Extraction) -> list[tuple[int, int, int]]:
    """(sentence index, start, end) of each line of each sentence: headings split off."""
    text = extraction.article.text
    sentences = extraction.sentences or _fallback_sentences(text)
    pieces = []
    for index, sentence in enumerate(sentences):
        offset = sentence[1] if isinstance(sentence, tuple) else sentence.start
        end = sentence[2] if isinstance(sentence, tuple) else sentence.end
        for line in re.finditer(r"[^\n]+", text[offset:end]):
            stripped = line.group().strip()
            if stripped:
                start = offset + line.start() + line.group().index(stripped)
                pieces.append((index, start, start + len(stripped)))
    return pieces


def _fallback_sentences(text: str) -> list[tuple[int, int, int]]:
    bounds = [0] + [m.end() for m in re.finditer(r"(?<=[.!?])\s+", text)] + [len(text)]
    return [(i, a, b) for i, (a, b) in enumerate(zip(bounds, bounds[1:])) if b > a]


def is_quote_only(text: str) -> bool:
    """A sentence that is all quotation, with no one said to have said it."""
    if text[:1] not in _QUOTES:
        return False
    outside = re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]|'[^']*'|\u2018[^\u2019]*\u2019", " ", text)
    return len(re.findall(r"[A-Za-z]+", outside)) < 3


def is_summary_candidate(text: str, *, title: str = "") -> bool:
    """Whether a sentence may be in a summary: news prose, not furniture, caption or bare quote."""
    words = text.split()
    lowered = text.lower()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or text.rstrip(_QUOTES)[-1:] not in ".!?":
        return False  # headlines and captions end without a full stop
    if lowered.startswith(tuple(_tables()["boilerplate_starts"])) or "@" in text:
        return False
    if re.search(r"\([^()]*(?:/|photo|getty|reuters|afp|ap|epa|file)[^()]*\)\s*\.?$", text, re.I):
        return False  # a photo credit closing a caption
    return not is_quote_only(text) and (not title or text.strip() != title.strip())


def _units(extractions: Sequence[Extraction]) -> list[_Unit]:
    """Candidate sentences; a big story keeps each report's leading ones (the graph is dense)."""
    units = []
    for extraction in extractions:
        position = 0
        for index, start, end in _pieces(extraction):
            text = extraction.article.text[start:end]
            if position < MAX_PER_REPORT and is_summary_candidate(text, title=extraction.article.title):
                units.append(_Unit(extraction, index, start, end, text, position))
                position += 1
    if len(units) > MAX_UNITS:
        units = sorted(units, key=lambda u: u.position)[:MAX_UNITS]
    return units


_TOKEN = re.compile(r"(?u)\b[^\W\d_][\w-]+\b")


def tfidf_rows(texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each text's (term ids, l2-normalised weights): sublinear tf times smoothed idf over
    the texts, stop words left out. The same values, summed in the same order, as
    scikit-learn's TfidfVectorizer(stop_words="english", sublinear_tf=True)."""
    stop = frozenset(_tables()["stop_words"])
    ids: dict[str, int] = {}
    counted = []
    for text in texts:
        counts: Counter[int] = Counter()
        for word in _TOKEN.findall(text.lower()):
            if word not in stop:
                counts[ids.setdefault(word, len(ids))] += 1
        counted.append(sorted(counts.items()))  # terms in order of first use across the texts
    terms = np.array([term for row in counted for term, _ in row], dtype=np.intp)
    weights = np.array([count for row in counted for _, count in row], dtype=np.float64)
    idf = np.full(len(ids), len(texts) + 1.0) / (np.bincount(terms, minlength=len(ids)) + 1.0)
    np.log(idf, out=idf)
    idf += 1.0
    np.log(weights, out=weights)
    weights += 1.0
    weights *= idf[terms]
    rows, at = [], 0
    for row in counted:
        part = weights[at:at + len(row)]
        squares = 0.0
        for weight in part.tolist():  # summed left to right, as a sparse row's norm is
            squares += weight * weight
        norm = math.sqrt(squares)
        rows.append((terms[at:at + len(row)], part / norm if norm else part))
        at += len(row)
    return rows


def _similarity(units: Sequence[_Unit]) -> np.ndarray:
    """Cosine of every pair of sentences' TF-IDF vectors."""
    rows = tfidf_rows([u.text for u in units])
    width = 1 + max((int(terms.max()) for terms, _ in rows if len(terms)), default=-1)
    if not width:  # every sentence was stop words
        return np.eye(len(units))
    dense = np.zeros((len(units), width))
    for i, (terms, values) in enumerate(rows):
        dense[i, terms] = values
    similarity = np.zeros((len(units), len(units)))
    for i, (terms, values) in enumerate(rows):
        for term, value in zip(terms.tolist(), values.tolist()):  # a sparse product's order of sums
            similarity[i] += value * dense[:, term]
    return similarity


def lexrank(similarity: np.ndarray, *, iterations: int = 50) -> np.ndarray:
    """Stationary centrality over the thresholded cosine graph."""
    size = similarity.shape[0]
    graph = np.where(similarity >= EDGE_THRESHOLD, similarity, 0.0)
    np.fill_diagonal(graph, 0.0)
    degree = graph.sum(axis=1, keepdims=True)
    transition = np.divide(graph, degree, out=np.full_like(graph, 1.0 / size), where=degree > 0)
    rank = np.full(size, 1.0 / size)
    for _ in range(iterations):
        updated = (1 - DAMPING) / size + DAMPING * transition.T @ rank
        if np.abs(updated - rank).sum() < 1e-8:
            return updated
        rank = updated
    return rank


def _scores(units: Sequence[_Unit], similarity: np.ndarray) -> np.ndarray:
    centrality = lexrank(similarity)
    centrality = centrality / centrality.max()
    prior = np.array([math.exp(-u.position / 4) for u in units])
    quoted = np.array([0.7 if any(q in u.text for q in "\"\u201c\u201d") else 1.0 for u in units])
    return ((1 - POSITION_WEIGHT) * centrality + POSITION_WEIGHT * prior) * quoted


def _main_events(extractions: Sequence[Extraction], events: Any) -> list[Event]:
    """The main event's mentions: the largest given event cluster, the given events, or the commonest type."""
    by_id = {ex.article.id: ex for ex in extractions}
    if events:
        # Event clusters (eventdesk.coref.EventCluster): the one most reports mention is the main one,
        # and among those the one they tell at most length (sentences), not the most often named
        clusters = [e for e in events if hasattr(e, "members")]
        widest = max(clusters, key=lambda c: (len({m[0] for m in c.members}), _told_at(c, by_id), len(c.members)),
                     default=None)
        found = []
        for mention in widest.members if widest is not None else events:
            if isinstance(mention, Event):
                found.append(mention)
            elif isinstance(mention, tuple) and mention[0] in by_id and mention[1] < len(by_id[mention[0]].events):
                found.append(by_id[mention[0]].events[mention[1]])
        return found
    all_events = [e for ex in extractions for e in ex.events]
    weight: Counter[tuple[str, str]] = Counter()
    for event in all_events:
        weight[(event.event_type, event.sub_event_type)] += 1 + event.confidence
    if not weight:
        return []
    main = weight.most_common(1)[0][0]
    return [e for e in all_events if (e.event_type, e.sub_event_type) == main]


def _told_at(cluster: Any, by_id: dict[str, Extraction]) -> int:
    """How many sentences the reports spend on an event cluster."""
    said = set()
    for article_id, index in cluster.members:
        events = by_id[article_id].events if article_id in by_id else ()
        if 0 <= index < len(events):
            said.update((article_id, s) for s in events[index].sentences)
    return len(said)


def _event_support(unit: _Unit, events: Sequence[Event]) -> tuple[bool, bool]:
    """Whether a unit holds a main event's trigger, and whether it is one of its sentences."""
    article_id = unit.extraction.article.id
    mine = [e for e in events if e.article_id == article_id]
    trigger = any(unit.start <= e.trigger_start < unit.end for e in mine)
    return trigger, any(unit.sentence_index in e.sentences for e in mine)


def _has_place(unit: _Unit) -> bool:
    extraction = unit.extraction
    spans = [(m.start, m.end) for m in extraction.mentions if m.label in PLACE_LABELS]
    spans += [(p.start, p.end) for p in extraction.places]
    return any(unit.start <= s < unit.end for s, _ in spans)


def _has_time(unit: _Unit) -> bool:
    if any(unit.start <= t.start < unit.end for t in unit.extraction.times if t.type in ("DATE", "TIME")):
        return True
    return bool(_TIME_WORDS.search(unit.text))


def _has_event_verb(unit: _Unit) -> bool:
    lowered = unit.text.lower()
    return any(re.search(rf"\b{re.escape(stem)}", lowered) for stem in _tables()["event_verbs"])


def _lead_tiers(units: Sequence[_Unit], events: Sequence[Event]) -> list[list[int]]:
    """Indices of units that can open the summary, best tier first."""
    quoted = [u.text[:1] in _QUOTES for u in units]
    place = [_has_place(u) for u in units]
    verb = [_has_event_verb(u) for u in units]
    time = [_has_time(u) for u in units]
    support = [_event_support(u, events) for u in units]
    checks = [
        lambda i: place[i] and (support[i][0] or (support[i][1] and verb[i])),
        lambda i: verb[i] and place[i] and time[i],
        lambda i: verb[i] and place[i],
    ]
    return [[i for i in range(len(units)) if check(i) and not quoted[i]] for check in checks]


def _pick(scores: np.ndarray, similarity: np.ndarray, first: int, count: int) -> list[int]:
    """MMR: each next sentence is central but unlike those already chosen."""
    chosen = [first]
    while len(chosen) < count:
        best, best_value = -1, -math.inf
        for i in range(len(scores)):
            if i in chosen:
                continue
            overlap = max(similarity[i, j] for j in chosen)
            value = MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * overlap
            if overlap < DUPLICATE and value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
    return chosen


def summarise_story(extractions: Sequence[Extraction], *, max_sentences: int = 5,
                    events: Any = None) -> list[SummarySentence]:
    """The story's most central, least redundant sentences; the first says what happened."""
    units = _units(extractions)
    if not units or max_sentences <= 0:
        return []
    similarity = _similarity(units)
    scores = _scores(units, similarity)
    tiers = _lead_tiers(units, _main_events(extractions, events))
    lead = next((max(tier, key=lambda i: scores[i]) for tier in tiers if tier), int(np.argmax(scores)))
    return [
        SummarySentence(article_id=units[i].extraction.article.id, sentence_index=units[i].sentence_index,
                        start=units[i].start, end=units[i].end, text=units[i].text, score=float(scores[i]))
        for i in _pick(scores, similarity, lead, min(max_sentences, len(units)))
    ]
