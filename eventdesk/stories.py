"""Streaming story clustering: each article, in publication order, joins a story or opens one.

Articles are compared with story centroids by TF-IDF cosine over lemmas, over
named entities and over the event's particulars (numbers, years, weekdays and
months: `stories_features`); document frequencies are kept incrementally, so
idf is always that of the articles seen so far. Theme words are shared by all
stories on one theme, so the particulars also count one by one: how many of
the story's reports hold the article's number, place or person (support), and
how many hold one of the same kind that the article lacks (conflict: another
toll, another weekday, another town). A logistic model over these signals
(fitted on ECB+ Train, `data/stories_model.json`) gives the probability that
the article belongs to the story; it is damped by the days between the article
and the story (half-life `half_life_days`). The article joins the best story
when that probability reaches `threshold`, else it opens a new story.

Early decisions are made on little evidence, so the articles added since the
last look are looked at again once the stories have grown (`refine_rounds`
passes, each article weighed against its own story without itself): an article
moves to the story it now fits best, or opens one, and a story left empty goes.
This happens when the stories are read (`stories`, `story_of`, `to_state`) or
every `refine_every` articles, so each article is revisited a bounded number of
times. A story whose recent reports fall into two groups by their particulars
(a toll of 23 in some, of 26 in others, never both) is split in two, and a
fragment is merged into the neighbour it fits (`merge_fit`; a fragment of a few
reports at `threshold`, as one report) unless what most reports of each hold
clashes (another toll, year or weekday; each names a person the other never
does): two events on one theme. A story that has just
grown is also compared with its neighbours and merged into one when their
centroids converge (`merge_threshold`). An inverted index from terms to recent
stories bounds the candidates of each article, so ingest stays near-linear.

All state is plain data (`to_state` / `from_state`), so the store can keep the
clusterer between runs and go on from where it stopped. A story's state, the
signals an article is weighed by and the two-events tests are in
`eventdesk.stories_state`; this module holds the decisions that change it.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventdesk.model import Extraction, Story
from eventdesk.stories_features import (  # noqa: F401  (re-exported: the stage's public names)
    PARTICULAR_PREFIX, ArticleFeatures, article_features, doc_lemmas, light_lemma, text_lemmas,
    text_particulars, token_lemmas,
)
from eventdesk.stories_state import (  # noqa: F401  (SIGNAL_NAMES re-exported for the join model's fit)
    GROUP, SIGNAL_NAMES, Names, StoryState, agreement, article_terms, date_span, days_apart,
    default_story_model, group_norms, held_by_half, particular_kind, story_from_dict, story_to_dict,
    telling, two_events,
)

STATE_VERSION = 1
# A second look weighs an article against its story's closest neighbours only.
RECONSIDER_CANDIDATES = 8


class StoryClusterer:
    """Incremental story clustering; feed articles in publication order with `add`."""

    def __init__(self, *, threshold: float | None = None, merge_threshold: float = 0.8,
                 weights: Sequence[float] | None = None, entity_weight: float = 2.0,
                 half_life_days: float = 7.0,
                 candidate_terms: int = 16, postings_per_term: int = 40,
                 max_candidates: int = 10, max_story_terms: int = 400,
                 refine_rounds: int = 3, refine_every: int = 1000, merge_fit: float = 0.9,
                 split_group: int = 3, fragment_size: int = 3) -> None:
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
        self.refine_rounds = refine_rounds
        self.refine_every = refine_every
        self.merge_fit = merge_fit
        self.split_group = split_group
        self.fragment_size = fragment_size
        self._pending: dict[str, ArticleFeatures] = {}  # added since the last look, to look at again
        self._df: Counter[str] = Counter()
        self._n = 0
        self._stories: dict[str, StoryState] = {}
        self._postings: dict[str, list[str]] = {}
        self._alias: dict[str, str] = {}  # merged story id -> the story it went into
        self._article_story: dict[str, str] = {}
        self._squares: dict[str, tuple[dict[str, float], int]] = {}  # id -> (squared norms, n then)

    # -- scoring -----------------------------------------------------------

    def _idf(self, term: str) -> float:
        return math.log((self._n + 1) / (self._df.get(term, 0) + 1)) + 1.0

    def _idfs(self, terms: Iterable[str]) -> dict[str, float]:
        base = math.log(self._n + 1) + 1.0
        df, log = self._df, math.log
        return {t: base - log(df.get(t, 0) + 1) for t in terms}

    def _query(self, terms: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
        """Terms weighted by tf * idf^2 (a dot with a story's raw counts is then the
        tf-idf dot product), and tf-idf norms per group (lemmas, entities, particulars)."""
        idf = self._idfs(terms)
        squares = {"l": 0.0, "e": 0.0, "p": 0.0}
        for t, w in terms.items():
            squares[GROUP[t[0]]] += (w * idf[t]) ** 2
        return {t: w * idf[t] * idf[t] for t, w in terms.items()}, group_norms(squares)

    def _story_squares(self, story: StoryState) -> dict[str, float]:
        """Squared tf-idf norms of a story's centroid per group, kept up to date as
        articles come and go; idf drifts slowly, so recomputed after 20% more articles."""
        cached = self._squares.get(story.id)
        if cached is not None and self._n <= cached[1] * 1.2:
            return cached[0]
        squares = {"l": 0.0, "e": 0.0, "p": 0.0}
        idf = self._idfs(story.terms)
        for t, w in story.terms.items():
            squares[GROUP[t[0]]] += (w * idf[t]) ** 2
        self._squares[story.id] = (squares, self._n)
        return squares

    def _shift_squares(self, story: StoryState, terms: Mapping[str, float], sign: float) -> None:
        """Update a story's cached squared norms for terms about to be added (+1) or taken out (-1)."""
        cached = self._squares.get(story.id)
        if cached is None:
            return
        squares, counts, idf = cached[0], story.terms, self._idfs(terms)
        for t, w in terms.items():
            count = counts.get(t, 0.0)
            squares[GROUP[t[0]]] += ((count + sign * w) ** 2 - count * count) * idf[t] ** 2
        if min(squares.values()) < 0.0:  # idf has drifted since the cache was made: start afresh
            del self._squares[story.id]

    def _cosines(self, query: Mapping[str, float], norms: Mapping[str, float],
                 story: StoryState) -> dict[str, float]:
        """Cosine of the query with the story centroid: over all terms, lemmas, entities."""
        counts = story.terms
        dots = {"l": 0.0, "e": 0.0, "p": 0.0}
        for t, w in query.items():
            if t in counts:
                dots[GROUP[t[0]]] += w * counts[t]
        dots["all"] = sum(dots.values())
        other = group_norms(self._story_squares(story))
        return {g: dots[g] / (norms[g] * other[g]) if norms[g] and other[g] else 0.0 for g in dots}

    def _decay(self, date: dt.date | None, story: StoryState) -> float:
        days = days_apart(date, story.first, story.last)
        return 1.0 if days is None else 0.5 ** (days / self.half_life_days)

    def score(self, features: ArticleFeatures, story_id: str) -> float:
        """How well an article fits a story (the value compared with `threshold`)."""
        story = self._stories[self._resolve(story_id)]
        query, norms = self._query(article_terms(features, self.entity_weight))
        return self._fit(features, query, norms, story)

    def _signals(self, features: ArticleFeatures, query: Mapping[str, float],
                 norms: Mapping[str, float], story: StoryState) -> tuple[float, ...]:
        cosine = self._cosines(query, norms, story)
        size = len(story.article_ids)
        values = [1.0, cosine["l"], cosine["e"], cosine["p"], math.log(size)]
        for prefix in PARTICULAR_PREFIX.values():  # in AGREEMENT_KINDS order
            mine = [p for p in features.particulars if p.startswith(prefix)]
            values += agreement(mine, story.particulars, size, prefix)
        for mine, theirs in ((features.places, story.places), (features.actors, story.actors),
                             (features.people, story.people)):
            values += agreement(mine, theirs, size)
        return tuple(values)

    def _fit(self, features: ArticleFeatures, query: Mapping[str, float],
             norms: Mapping[str, float], story: StoryState) -> float:
        signals = self._signals(features, query, norms, story)
        z = sum(w * x for w, x in zip(self.weights, signals, strict=True))
        return self._decay(features.published, story) / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def candidate_signals(self, features: ArticleFeatures) -> list[tuple[str, tuple[float, ...]]]:
        """(story id, SIGNAL_NAMES values) for each candidate story of an unseen article."""
        terms = article_terms(features, self.entity_weight)
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
        # Only terms some story holds can find one (the rarest, weightiest terms of a new
        # report are often its own).
        posted = (t for t in query if t in self._postings)
        top = heapq.nlargest(self.candidate_terms, posted, key=query.__getitem__)
        hits: Counter[str] = Counter()
        for term in top:
            for story_id in self._postings.get(term, ())[-self.postings_per_term:]:
                hits[self._resolve(story_id)] += query[term]
        hits.pop(exclude, None)
        live = [s for s, _ in hits.most_common() if s in self._stories and self._stories[s].article_ids]
        return live[: self.max_candidates]

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
        self._pending[features.article_id] = features
        story_id = self._merge_converging(best_id)
        if len(self._pending) >= self.refine_every:
            self._settle()
            return self._resolve(self._article_story[features.article_id])
        return story_id

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
        terms = article_terms(features, self.entity_weight)
        self._n += 1
        self._df.update(terms.keys())
        return terms

    def _open(self, features: ArticleFeatures) -> str:
        story_id = f"s-{features.article_id[:16]}"
        while story_id in self._stories or story_id in self._alias:
            story_id += "x"  # two articles with one id prefix: keep ids unique
        self._stories[story_id] = StoryState(
            id=story_id, article_ids=[], terms=Counter(), places=Counter(), actors=Counter(),
            title=features.title)
        return story_id

    def _join(self, story: StoryState, features: ArticleFeatures, terms: Mapping[str, float]) -> None:
        self._shift_squares(story, terms, 1.0)
        self._absorb(story, terms, features.places, features.actors, features.people,
                     features.particulars)
        story.article_ids.append(features.article_id)
        story.first = date_span(story.first, features.published, min)
        story.last = date_span(story.last, features.published, max)
        story.title = story.title or features.title
        self._article_story[features.article_id] = story.id
        self._prune(story)

    def _absorb(self, story: StoryState, terms: Mapping[str, float], places: Names,
                actors: Names, people: Names, particulars: Names) -> None:
        """Add terms (posting the story under those new to it), places, actors and people;
        a Counter (another story's) adds its counts, a set (one article's) one each."""
        for term in terms:
            if term not in story.terms:
                self._postings.setdefault(term, []).append(story.id)
        story.terms.update(terms)
        story.places.update(places)
        story.actors.update(actors)
        story.people.update(people)
        story.particulars.update(particulars)

    def _prune(self, story: StoryState) -> None:
        """Keep a long story's centroid bounded: drop its lightest terms."""
        if len(story.terms) > 2 * self.max_story_terms:
            story.terms = Counter(dict(story.terms.most_common(self.max_story_terms)))
            self._squares.pop(story.id, None)

    def _leave(self, story: StoryState, features: ArticleFeatures, terms: Mapping[str, float]) -> None:
        """Take an article's counts back out of its story (to weigh it against the others)."""
        story.article_ids.remove(features.article_id)
        terms = {t: min(w, story.terms[t]) for t, w in terms.items() if t in story.terms}  # pruned: gone
        self._shift_squares(story, terms, -1.0)
        for counts, minus in ((story.terms, terms), (story.places, features.places),
                              (story.actors, features.actors), (story.people, features.people),
                              (story.particulars, features.particulars)):
            counts.subtract(minus)
            for key in [k for k in minus if counts.get(k, 0.0) <= 1e-9]:
                counts.pop(key, None)

    def _story_id_of(self, features: ArticleFeatures) -> str:
        return self._resolve(self._article_story[features.article_id])

    def _reconsider(self, features: ArticleFeatures) -> tuple[str, ...]:
        """Weigh an article against its own story without it and against the others;
        move it to the best fit, or to a story of its own when none fits. Returns the
        stories it left and joined, if it moved."""
        home = self._stories[self._story_id_of(features)]
        terms = article_terms(features, self.entity_weight)
        self._leave(home, features, terms)
        query, norms = self._query(terms)
        best_id, best = home.id, (self._fit(features, query, norms, home) if home.article_ids else -1.0)
        for story_id in self._candidates(query, exclude=home.id)[:RECONSIDER_CANDIDATES]:
            fit = self._fit(features, query, norms, self._stories[story_id])
            if fit > best:
                best_id, best = story_id, fit
        if best < self.threshold:
            best_id = self._open(features) if home.article_ids else home.id
        self._join(self._stories[best_id], features, terms)
        return (home.id, best_id) if best_id != home.id else ()

    def _settle(self) -> None:
        """Look again at the articles added since the last look, until none moves; split
        a story that two events on one theme have formed, and merge fragments."""
        if not self._pending:
            return
        everything = list(self._pending.values())
        self._pending = {}
        self._look_again(everything)
        self._look_again(self._split_mixed(everything))
        self._drop_empty()
        touched = {self._story_id_of(f) for f in everything}
        self._merge_fitting(sorted(touched, key=lambda s: len(self._stories[s].article_ids)))

    def _look_again(self, pending: Sequence[ArticleFeatures]) -> None:
        """Reconsider articles, each round only those whose story gained or lost a report."""
        for _ in range(self.refine_rounds):
            changed = {story for f in pending for story in self._reconsider(f)}
            pending = [f for f in pending if self._story_id_of(f) in changed]
            if not pending:
                break

    def _split_mixed(self, recent: Sequence[ArticleFeatures]) -> list[ArticleFeatures]:
        """Split each story whose recent reports name two telling particulars of one kind
        (a toll of 23 and one of 26; 2008 and 2011), each in at least `split_group` reports
        and never both in one: two events on one theme, which theme words alone had
        joined (a toll that rises is named beside the old one). The reports of the rarer
        particular open a story of their own. Returns the reports of the stories split,
        to look at again."""
        members: dict[str, list[ArticleFeatures]] = {}
        for f in recent:
            members.setdefault(self._story_id_of(f), []).append(f)
        split: list[ArticleFeatures] = []
        for story_id, reports in members.items():
            counts = Counter(p for f in reports for p in f.particulars if telling(p))
            common = [p for p, n in counts.most_common() if n >= self.split_group]
            pair = next(((a, b) for i, a in enumerate(common) for b in common[i + 1:]
                         if particular_kind(a) == particular_kind(b)
                         and not any(a in f.particulars and b in f.particulars for f in reports)),
                        None)
            if pair is None:
                continue
            story, new_id = self._stories[story_id], ""
            for f in reports:
                if pair[1] in f.particulars:
                    terms = article_terms(f, self.entity_weight)
                    self._leave(story, f, terms)
                    new_id = new_id or self._open(f)
                    self._join(self._stories[new_id], f, terms)
            split += reports
        return split

    def _drop_empty(self) -> None:
        for story_id in [s.id for s in self._stories.values() if not s.article_ids]:
            del self._stories[story_id]
            self._squares.pop(story_id, None)

    def _as_article(self, story: StoryState) -> tuple[ArticleFeatures, dict[str, float]]:
        """A story seen as one long article: its mean term weights, and the names and
        particulars that at least half its reports hold."""
        size = len(story.article_ids)

        def held(counts: Counter[str]) -> frozenset[str]:
            return held_by_half(counts, size)

        features = ArticleFeatures(
            article_id=story.id, lemmas={}, places=held(story.places), actors=held(story.actors),
            people=held(story.people), particulars=held(story.particulars), published=story.last)
        return features, {t: w / size for t, w in story.terms.items()}

    def _merge_fitting(self, story_ids: Sequence[str]) -> int:
        """Merge each story, smallest first, into the neighbour the join model says it
        belongs to (probability >= `merge_fit`): fragments of one story come together.
        A fragment of at most `fragment_size` reports is judged as one report is (at
        `threshold`): its few reports are little more evidence than one. Two stories
        of two events (`two_events`) never merge. Returns how many merged."""
        merged = 0
        for story_id in story_ids:
            story = self._stories.get(self._resolve(story_id))
            if story is None or not story.article_ids:
                continue
            features, terms = self._as_article(story)
            query, norms = self._query(terms)
            small = len(story.article_ids) <= self.fragment_size
            best, best_fit = None, self.threshold if small else self.merge_fit
            for other_id in self._candidates(query, exclude=story.id)[:8]:
                other = self._stories[other_id]
                if two_events(story, other):
                    continue
                fit = self._fit(features, query, norms, other)
                if fit >= best_fit:
                    best, best_fit = self._stories[other_id], fit
            if best is not None:
                self._merge(story, best)
                merged += 1
        return merged

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

    def _decay_between(self, a: StoryState, b: StoryState) -> float:
        if a.first is None or b.first is None or a.last is None or b.last is None:
            return 1.0
        gap = max((a.first - b.last).days, (b.first - a.last).days, 0)
        return 0.5 ** (gap / self.half_life_days)

    def _merge(self, a: StoryState, b: StoryState) -> StoryState:
        """Fold the smaller story into the larger; the smaller id becomes an alias."""
        keep, gone = (a, b) if len(a.article_ids) >= len(b.article_ids) else (b, a)
        self._absorb(keep, gone.terms, gone.places, gone.actors, gone.people, gone.particulars)
        keep.article_ids.extend(gone.article_ids)
        keep.first = date_span(keep.first, gone.first, min)
        keep.last = date_span(keep.last, gone.last, max)
        self._alias[gone.id] = keep.id
        del self._stories[gone.id]
        self._squares.pop(gone.id, None)
        self._squares.pop(keep.id, None)
        self._prune(keep)
        return keep

    # -- reading ---------------------------------------------------------------

    def story_of(self, article_id: str) -> str | None:
        """The story an article is in now (after any merges), or None if unseen."""
        self._settle()
        known = self._article_story.get(article_id)
        return self._resolve(known) if known is not None else None

    def _keywords(self, story: StoryState, count: int = 5) -> tuple[str, ...]:
        ranked = sorted(story.terms, key=lambda t: -story.terms[t] * self._idf(t))
        return tuple(term[2:] for term in ranked[:count])

    def stories(self) -> list[Story]:
        """Every story so far, oldest first."""
        self._settle()
        return [
            Story(id=s.id, article_ids=tuple(s.article_ids),
                  title=s.title or " ".join(self._keywords(s, 3)),
                  first_published=s.first, last_published=s.last, keywords=self._keywords(s))
            for s in self._stories.values()
        ]

    # -- persistence -----------------------------------------------------------

    _SETTINGS = ("threshold", "merge_threshold", "weights", "entity_weight", "half_life_days",
                 "candidate_terms", "postings_per_term", "max_candidates", "max_story_terms",
                 "refine_rounds", "refine_every", "merge_fit", "split_group", "fragment_size")

    def to_state(self) -> dict[str, Any]:
        """Everything needed to go on later, as JSON-ready data."""
        self._settle()
        return {
            "version": STATE_VERSION,
            "settings": {name: getattr(self, name) for name in self._SETTINGS},
            "n": self._n, "df": dict(self._df), "alias": dict(self._alias),
            "article_story": dict(self._article_story),
            "postings": {t: list(ids) for t, ids in self._postings.items()},
            "stories": [story_to_dict(s) for s in self._stories.values()],
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryClusterer:
        """A clusterer that goes on from a `to_state` snapshot."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(
                f"story clusterer state version {state.get('version')!r} is not {STATE_VERSION}; "
                f"re-cluster the stored articles to rebuild it"
            )
        settings = dict(state["settings"])
        if len(settings.get("weights", SIGNAL_NAMES)) != len(SIGNAL_NAMES):
            # Saved under a join model with other signals: its weights and threshold no
            # longer apply, so the packaged model's go on from here.
            settings.pop("weights")
            settings.pop("threshold", None)
        clusterer = cls(**settings)
        clusterer._n = int(state["n"])
        clusterer._df = Counter(state["df"])
        clusterer._alias = dict(state["alias"])
        clusterer._article_story = dict(state["article_story"])
        clusterer._postings = {t: list(ids) for t, ids in state["postings"].items()}
        stories = (story_from_dict(raw) for raw in state["stories"])
        clusterer._stories = {s.id: s for s in stories}
        return clusterer


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
