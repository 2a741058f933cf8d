"""Streaming story clustering: each article, in publication order, joins a story or opens one.

Articles are compared with story centroids by TF-IDF cosine over lemmas and
over named entities (document frequencies are kept incrementally, so idf is
always that of the articles seen so far), and by whether they share people,
places and actors with the story. A logistic model over these signals (fitted
on ECB+ Train, `data/stories_model.json`) gives the probability that the
article belongs to the story; it is damped by the days between the article and
the story (half-life `half_life_days`). The article joins the best story when
that probability reaches `threshold`, else it opens a new story. A story that
has just grown is compared with its neighbours and merged into one when their
centroids converge (`merge_threshold`). An inverted index from terms to recent
stories bounds the candidates of each article, so ingest stays near-linear.

Lemmas come from the spaCy Doc when one is given (`article_features(x, doc=doc)`),
else from a light rule lemmatiser over the text, so stored extractions can be
clustered without parsing again.

All state is plain data (`to_state` / `from_state`), so the store can keep the
clusterer between runs and go on from where it stopped.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from eventdesk.model import Extraction, Story

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
SKIP_LABELS = frozenset({"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_WORD = re.compile(r"[^\W_][\w'\u2019-]*[^\W_]|[^\W_]")
STATE_VERSION = 1
MODEL_FILE = "stories_model.json"
# What the join decision weighs, for one article against one candidate story.
SIGNAL_NAMES = ("bias", "lemma_cosine", "entity_cosine", "people_overlap", "place_overlap",
                "actor_overlap", "log_story_size")


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


@lru_cache(maxsize=1)
def default_story_model() -> dict[str, Any]:
    """The packaged join model: logistic weights over SIGNAL_NAMES and the join threshold."""
    raw = json.loads(resources.files("eventdesk.data").joinpath(MODEL_FILE).read_text("utf-8"))
    if tuple(raw.get("signals", ())) != SIGNAL_NAMES:
        raise ValueError(f"{MODEL_FILE}: signals {raw.get('signals')} are not {list(SIGNAL_NAMES)}; "
                         f"refit with `python -m eventdesk.eval_ecb --fit-stories DIR OUT`")
    return raw


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("eventdesk.data").joinpath("stories_stopwords.txt").read_text("utf-8")
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


def _name(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").removesuffix("'s").split()).casefold()


def article_features(extraction: Extraction, *, doc: Doc | None = None) -> ArticleFeatures:
    """Clustering features of one extraction; lemmas from `doc` if given, else the light lemmatiser."""
    article = extraction.article
    text = f"{article.title}\n{article.text}" if article.title else article.text
    lemmas = doc_lemmas(doc) if doc is not None else text_lemmas(text)
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
    )


Names = Counter[str] | frozenset[str]


@dataclass
class _StoryState:
    """A story as the clusterer keeps it: members and summed feature counts."""

    id: str
    article_ids: list[str]
    terms: Counter[str]  # "l:lemma" / "e:entity" -> summed log counts
    places: Counter[str]
    actors: Counter[str]
    people: Counter[str] = field(default_factory=Counter)
    first: dt.date | None = None
    last: dt.date | None = None
    title: str = ""


def _article_terms(features: ArticleFeatures, entity_weight: float) -> dict[str, float]:
    terms = {f"l:{k}": 1.0 + math.log(v) for k, v in features.lemmas.items() if v > 0}
    for name, count in features.entities.items():
        if count > 0:
            terms[f"e:{name}"] = entity_weight * (1.0 + math.log(count))
    return terms


def _overlap(article: frozenset[str], story: Counter[str]) -> float:
    """1 when the article shares a name with the story, -1 when both name some and share
    none, 0 when either names none. A share, not a fraction: long reports name many places."""
    if not article or not story:
        return 0.0
    return 1.0 if any(name in story for name in article) else -1.0


def _days_apart(date: dt.date | None, first: dt.date | None, last: dt.date | None) -> float | None:
    if date is None or first is None or last is None:
        return None
    if first <= date <= last:
        return 0.0
    return float(min(abs((date - first).days), abs((date - last).days)))


def _span(a: dt.date | None, b: dt.date | None, pick: Any) -> dt.date | None:
    dates = [d for d in (a, b) if d is not None]
    return pick(dates) if dates else None


class StoryClusterer:
    """Incremental story clustering; feed articles in publication order with `add`."""

    def __init__(self, *, threshold: float | None = None, merge_threshold: float = 0.4,
                 weights: Sequence[float] | None = None, entity_weight: float = 2.0,
                 half_life_days: float = 7.0,
                 candidate_terms: int = 12, postings_per_term: int = 40,
                 max_candidates: int = 20, max_story_terms: int = 400) -> None:
        model = default_story_model()
        self.threshold = model["threshold"] if threshold is None else threshold
        self.weights = tuple(model["weights"] if weights is None else weights)
        if len(self.weights) != len(SIGNAL_NAMES):
            raise ValueError(f"story model needs {len(SIGNAL_NAMES)} weights ({SIGNAL_NAMES}), "
                             f"got {len(self.weights)}")
        self.merge_threshold = merge_threshold
        self.entity_weight = entity_weight
        self.half_life_days = half_life_days
        self.candidate_terms = candidate_terms
        self.postings_per_term = postings_per_term
        self.max_candidates = max_candidates
        self.max_story_terms = max_story_terms
        self._df: Counter[str] = Counter()
        self._n = 0
        self._stories: dict[str, _StoryState] = {}
        self._postings: dict[str, list[str]] = {}
        self._alias: dict[str, str] = {}  # merged story id -> the story it went into
        self._article_story: dict[str, str] = {}
        self._norms: dict[str, tuple[dict[str, float], int]] = {}  # id -> (norms, n then)

    # -- scoring -----------------------------------------------------------

    def _idf(self, term: str) -> float:
        return math.log((self._n + 1) / (self._df.get(term, 0) + 1)) + 1.0

    def _query(self, terms: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
        """Terms weighted by tf * idf^2 (a dot with a story's raw counts is then the
        tf-idf dot product), and tf-idf norms: of all terms, lemmas, entities."""
        base = math.log(self._n + 1) + 1.0
        df, log = self._df, math.log
        idf = {t: base - log(df.get(t, 0) + 1) for t in terms}
        squares = {"l": 0.0, "e": 0.0}
        for t, w in terms.items():
            squares[t[0]] += (w * idf[t]) ** 2
        norms = {group: math.sqrt(v) for group, v in squares.items()}
        norms["all"] = math.sqrt(squares["l"] + squares["e"])
        return {t: w * idf[t] * idf[t] for t, w in terms.items()}, norms

    def _story_norms(self, story: _StoryState) -> dict[str, float]:
        cached = self._norms.get(story.id)
        if cached is not None and self._n <= cached[1] * 1.5:
            return cached[0]  # idf drifts slowly; recompute after 50% more articles
        norms = self._query(story.terms)[1]
        self._norms[story.id] = (norms, self._n)
        return norms

    def _cosines(self, query: Mapping[str, float], norms: Mapping[str, float],
                 story: _StoryState) -> dict[str, float]:
        """Cosine of the query with the story centroid: over all terms, lemmas, entities."""
        counts = story.terms
        dots = {"l": 0.0, "e": 0.0}
        for t, w in query.items():
            if t in counts:
                dots[t[0]] += w * counts[t]
        dots["all"] = dots["l"] + dots["e"]
        other = self._story_norms(story)
        return {g: dots[g] / (norms[g] * other[g]) if norms[g] and other[g] else 0.0 for g in dots}

    def _decay(self, date: dt.date | None, story: _StoryState) -> float:
        days = _days_apart(date, story.first, story.last)
        return 1.0 if days is None else 0.5 ** (days / self.half_life_days)

    def score(self, features: ArticleFeatures, story_id: str) -> float:
        """How well an article fits a story (the value compared with `threshold`)."""
        story = self._stories[self._resolve(story_id)]
        query, norms = self._query(_article_terms(features, self.entity_weight))
        return self._fit(features, query, norms, story)

    def _signals(self, features: ArticleFeatures, query: Mapping[str, float],
                 norms: Mapping[str, float], story: _StoryState) -> tuple[float, ...]:
        cosine = self._cosines(query, norms, story)
        return (1.0, cosine["l"], cosine["e"], _overlap(features.people, story.people),
                _overlap(features.places, story.places), _overlap(features.actors, story.actors),
                math.log(len(story.article_ids)))

    def _fit(self, features: ArticleFeatures, query: Mapping[str, float],
             norms: Mapping[str, float], story: _StoryState) -> float:
        signals = self._signals(features, query, norms, story)
        z = sum(w * x for w, x in zip(self.weights, signals, strict=True))
        return self._decay(features.published, story) / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def candidate_signals(self, features: ArticleFeatures) -> list[tuple[str, tuple[float, ...]]]:
        """(story id, SIGNAL_NAMES values) for each candidate story of an unseen article."""
        terms = _article_terms(features, self.entity_weight)
        self._n += 1  # count the article as seen, as `add` would, then undo
        self._df.update(terms.keys())
        query, norms = self._query(terms)
        found = [(s, self._signals(features, query, norms, self._stories[s]))
                 for s in self._candidates(query)]
        self._n -= 1
        self._df.subtract(terms.keys())
        return found

    # -- candidates ----------------------------------------------------------

    def _resolve(self, story_id: str) -> str:
        while story_id in self._alias:
            story_id = self._alias[story_id]
        return story_id

    def _candidates(self, query: Mapping[str, float], exclude: str = "") -> list[str]:
        """Recent stories sharing the query's heaviest terms, most shared first (bounded)."""
        top = heapq.nlargest(self.candidate_terms, query, key=query.__getitem__)
        hits: Counter[str] = Counter()
        for term in top:
            for story_id in self._postings.get(term, ())[-self.postings_per_term:]:
                hits[self._resolve(story_id)] += query[term]
        hits.pop(exclude, None)
        return [story_id for story_id, _ in hits.most_common(self.max_candidates)]

    # -- updates -------------------------------------------------------------

    def add(self, features: ArticleFeatures) -> str:
        """Put one article into a story (joining or opening one); returns the story id."""
        known = self._article_story.get(features.article_id)
        if known is not None:
            return self._resolve(known)
        terms = self._count(features)
        query, norms = self._query(terms)
        best_id, best = "", -1.0
        for story_id in self._candidates(query):
            fit = self._fit(features, query, norms, self._stories[story_id])
            if fit > best:
                best_id, best = story_id, fit
        if best < self.threshold:
            best_id = self._open(features)
        self._join(self._stories[best_id], features, terms)
        return self._merge_converging(best_id)

    def assign(self, features: ArticleFeatures, story_id: str | None) -> str:
        """Put an article into a given story (None: a new one) without deciding: for an
        editor's correction, or gold labels when fitting the join model."""
        known = self._article_story.get(features.article_id)
        if known is not None:
            return self._resolve(known)
        terms = self._count(features)
        target = self._resolve(story_id) if story_id is not None else self._open(features)
        self._join(self._stories[target], features, terms)
        return target

    def _count(self, features: ArticleFeatures) -> dict[str, float]:
        """The article's weighted terms, counted into the document frequencies."""
        terms = _article_terms(features, self.entity_weight)
        self._n += 1
        self._df.update(terms.keys())
        return terms

    def _open(self, features: ArticleFeatures) -> str:
        story_id = f"s-{features.article_id[:16]}"
        while story_id in self._stories or story_id in self._alias:
            story_id += "x"  # two articles with one id prefix: keep ids unique
        self._stories[story_id] = _StoryState(
            id=story_id, article_ids=[], terms=Counter(), places=Counter(), actors=Counter(),
            title=features.title)
        return story_id

    def _join(self, story: _StoryState, features: ArticleFeatures, terms: Mapping[str, float]) -> None:
        self._absorb(story, terms, features.places, features.actors, features.people)
        story.article_ids.append(features.article_id)
        story.first = _span(story.first, features.published, min)
        story.last = _span(story.last, features.published, max)
        story.title = story.title or features.title
        self._article_story[features.article_id] = story.id
        self._prune(story)
        self._norms.pop(story.id, None)

    def _absorb(self, story: _StoryState, terms: Mapping[str, float], places: Names,
                actors: Names, people: Names) -> None:
        """Add terms (posting the story under those new to it), places, actors and people;
        a Counter (another story's) adds its counts, a set (one article's) one each."""
        for term in terms:
            if term not in story.terms:
                self._postings.setdefault(term, []).append(story.id)
        story.terms.update(terms)
        story.places.update(places)
        story.actors.update(actors)
        story.people.update(people)

    def _prune(self, story: _StoryState) -> None:
        """Keep a long story's centroid bounded: drop its lightest terms."""
        if len(story.terms) > 2 * self.max_story_terms:
            story.terms = Counter(dict(story.terms.most_common(self.max_story_terms)))

    def _merge_converging(self, story_id: str) -> str:
        """Merge the grown story with any neighbour whose centroid now matches it."""
        story = self._stories[story_id]
        size = len(story.article_ids)
        if size > 8 and size % 4:
            return story_id  # a long story is checked every 4th report: ingest stays linear
        query, norms = self._query(story.terms)
        for other_id in self._candidates(query, exclude=story_id)[:8]:
            other = self._stories[other_id]
            cosine = self._cosines(query, norms, other)["all"]
            if cosine * self._decay_between(story, other) >= self.merge_threshold:
                story = self._merge(story, other)
        return story.id

    def _decay_between(self, a: _StoryState, b: _StoryState) -> float:
        if a.first is None or b.first is None or a.last is None or b.last is None:
            return 1.0
        gap = max((a.first - b.last).days, (b.first - a.last).days, 0)
        return 0.5 ** (gap / self.half_life_days)

    def _merge(self, a: _StoryState, b: _StoryState) -> _StoryState:
        """Fold the smaller story into the larger; the smaller id becomes an alias."""
        keep, gone = (a, b) if len(a.article_ids) >= len(b.article_ids) else (b, a)
        self._absorb(keep, gone.terms, gone.places, gone.actors, gone.people)
        keep.article_ids.extend(gone.article_ids)
        keep.first = _span(keep.first, gone.first, min)
        keep.last = _span(keep.last, gone.last, max)
        self._alias[gone.id] = keep.id
        del self._stories[gone.id]
        self._norms.pop(gone.id, None)
        self._norms.pop(keep.id, None)
        self._prune(keep)
        return keep

    # -- reading ---------------------------------------------------------------

    def story_of(self, article_id: str) -> str | None:
        """The story an article is in now (after any merges), or None if unseen."""
        known = self._article_story.get(article_id)
        return self._resolve(known) if known is not None else None

    def _keywords(self, story: _StoryState, count: int = 5) -> tuple[str, ...]:
        ranked = sorted(story.terms, key=lambda t: -story.terms[t] * self._idf(t))
        return tuple(term[2:] for term in ranked[:count])

    def stories(self) -> list[Story]:
        """Every story so far, oldest first."""
        return [
            Story(id=s.id, article_ids=tuple(s.article_ids),
                  title=s.title or " ".join(self._keywords(s, 3)),
                  first_published=s.first, last_published=s.last, keywords=self._keywords(s))
            for s in self._stories.values()
        ]

    # -- persistence -----------------------------------------------------------

    _SETTINGS = ("threshold", "merge_threshold", "weights", "entity_weight", "half_life_days", "candidate_terms", "postings_per_term", "max_candidates",
                 "max_story_terms")

    def to_state(self) -> dict[str, Any]:
        """Everything needed to go on later, as JSON-ready data."""
        return {
            "version": STATE_VERSION,
            "settings": {name: getattr(self, name) for name in self._SETTINGS},
            "n": self._n, "df": dict(self._df), "alias": dict(self._alias),
            "article_story": dict(self._article_story),
            "postings": {t: list(ids) for t, ids in self._postings.items()},
            "stories": [_story_to_dict(s) for s in self._stories.values()],
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryClusterer:
        """A clusterer that goes on from a `to_state` snapshot."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(
                f"story clusterer state version {state.get('version')!r} is not {STATE_VERSION}; "
                f"re-cluster the stored articles to rebuild it"
            )
        clusterer = cls(**state["settings"])
        clusterer._n = int(state["n"])
        clusterer._df = Counter(state["df"])
        clusterer._alias = dict(state["alias"])
        clusterer._article_story = dict(state["article_story"])
        clusterer._postings = {t: list(ids) for t, ids in state["postings"].items()}
        stories = (_story_from_dict(raw) for raw in state["stories"])
        clusterer._stories = {s.id: s for s in stories}
        return clusterer


def _story_to_dict(story: _StoryState) -> dict[str, Any]:
    return {
        "id": story.id, "article_ids": list(story.article_ids), "terms": dict(story.terms),
        "places": dict(story.places), "actors": dict(story.actors), "people": dict(story.people),
        "title": story.title,
        "first": story.first.isoformat() if story.first else None,
        "last": story.last.isoformat() if story.last else None,
    }


def _story_from_dict(raw: Mapping[str, Any]) -> _StoryState:
    return _StoryState(
        id=raw["id"], article_ids=list(raw["article_ids"]), terms=Counter(raw["terms"]),
        places=Counter(raw["places"]), actors=Counter(raw["actors"]),
        people=Counter(raw.get("people", {})), title=raw.get("title", ""),
        first=dt.date.fromisoformat(raw["first"]) if raw.get("first") else None,
        last=dt.date.fromisoformat(raw["last"]) if raw.get("last") else None,
    )


def _publication_order(features: Iterable[ArticleFeatures]) -> list[ArticleFeatures]:
    """Dated articles by date (stable), undated ones after them in input order."""
    items = list(features)
    return sorted(items, key=lambda f: (f.published is None, f.published or dt.date.min))


def cluster_features(features: Iterable[ArticleFeatures], **opts: Any) -> list[Story]:
    """Cluster precomputed features in publication order."""
    clusterer = StoryClusterer(**opts)
    for item in _publication_order(features):
        clusterer.add(item)
    return clusterer.stories()


def cluster_stories(extractions: Sequence[Extraction], **opts: Any) -> list[Story]:
    """Stories of a batch of extractions (light lemmatiser; `opts` go to StoryClusterer)."""
    return cluster_features((article_features(x) for x in extractions), **opts)
