"""Cross-document event coreference: mentions of one real-world event become one cluster.

Two layers. `resolve_mentions` is a generic mention-level resolver: within
each story (a document cluster), every pair of event mentions is scored by a
small logistic model over cues that say "same event" — the same head lemma,
how often the two lemmas co-referred in training data, overlap of their
sentence context, of the names, times and numbers around them, and of their
documents — and mentions are grouped by average-link agglomerative clustering
on that score. `corefer_events` applies the same resolver to eventdesk's own
`Event`s, whose type, place, date and actors add hard compatibility checks.

The model's weights are learned on ECB+ Train (`eventdesk.eval_coref.fit_coref_model`)
and shipped as data (`data/stories_coref_model.json`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from eventdesk.model import Event, Extraction, Place, Story
from eventdesk.stories import cluster_stories, text_lemmas

MODEL_FILE = "stories_coref_model.json"
# A vetoed pair's link: so negative that no average over a cluster holding it reaches a cut.
VETO = -1e6
FEATURE_NAMES = (
    "bias", "same_head", "same_stem", "lemma_pair", "same_pos", "context", "entities", "times_shared",
    "times_clash", "numbers_clash", "document", "same_document", "both_lead", "both_root",
)


@dataclass(frozen=True)
class MentionFeatures:
    """What the resolver knows of one event mention."""

    key: Hashable  # unique id of the mention
    document: str  # article / document id
    story: str  # the story (document cluster) it belongs to
    head: str  # lemma of the head word, normalised
    pos: str = ""  # VERB, NOUN, ...
    context: frozenset[str] = frozenset()  # content lemmas of its sentence
    entities: frozenset[str] = frozenset()  # names in its sentence
    times: frozenset[str] = frozenset()  # time expressions in its sentence
    numbers: frozenset[str] = frozenset()  # cardinal numbers in its sentence
    document_terms: frozenset[str] = frozenset()  # content lemmas of its whole document
    lead: bool = False  # in its document's first sentence (headline or lede)
    root: bool = False  # the main verb of its sentence


@dataclass(frozen=True)
class CorefModel:
    """Logistic weights over FEATURE_NAMES, the clustering cut and the lemma-pair table."""

    weights: tuple[float, ...]
    threshold: float = 0.5
    lemma_pairs: Mapping[tuple[str, str], float] | None = None  # sorted pair -> coref rate

    def pair_rate(self, a: str, b: str) -> float:
        """How often two head lemmas co-referred in training (0 if never seen)."""
        if a == b:
            return 1.0
        return (self.lemma_pairs or {}).get((a, b) if a < b else (b, a), 0.0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"features": list(FEATURE_NAMES), "weights": list(self.weights),
                "threshold": self.threshold,
                "lemma_pairs": [[a, b, r] for (a, b), r in sorted((self.lemma_pairs or {}).items())]}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> CorefModel:
        """The model from its `to_dict` form; raises ValueError on a feature mismatch."""
        if tuple(raw["features"]) != FEATURE_NAMES:
            raise ValueError(
                f"coref model features {raw['features']} are not {list(FEATURE_NAMES)}; "
                f"refit it with `python -m eventdesk.eval_coref --fit-coref`"
            )
        pairs = {(a, b): float(r) for a, b, r in raw.get("lemma_pairs", [])}
        return cls(tuple(float(w) for w in raw["weights"]), float(raw["threshold"]), pairs)


@lru_cache(maxsize=1)
def default_model() -> CorefModel:
    """The packaged model, learned on ECB+ Train."""
    text = resources.files("eventdesk.data").joinpath(MODEL_FILE).read_text("utf-8")
    return CorefModel.from_dict(json.loads(text))


# Derivational endings, longest first: nominate / nominee / nomination share "nomin".
_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ates", "ate", "ees", "ee", "ers",
            "er", "ed", "es", "s", "e")


def stem(lemma: str) -> str:
    """A crude stem that lets a verb and its nouns meet (host / hosting, arrest / arrests)."""
    word = lemma.casefold()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def pair_features(a: MentionFeatures, b: MentionFeatures, model: CorefModel) -> list[float]:
    """The cue values of one mention pair, in FEATURE_NAMES order."""
    both_times = bool(a.times and b.times)
    both_numbers = bool(a.numbers and b.numbers)
    return [
        1.0,
        float(a.head == b.head),
        float(stem(a.head) == stem(b.head)),
        model.pair_rate(a.head, b.head),
        float(a.pos == b.pos),
        _jaccard(a.context, b.context),
        _jaccard(a.entities, b.entities),
        float(both_times and bool(a.times & b.times)),
        float(both_times and not a.times & b.times),
        float(both_numbers and not a.numbers & b.numbers),
        _jaccard(a.document_terms, b.document_terms),
        float(a.document == b.document),
        float(a.lead and b.lead),
        float(a.root and b.root),
    ]


def pair_score(a: MentionFeatures, b: MentionFeatures, model: CorefModel) -> float:
    """Probability that two mentions refer to one event."""
    z = sum(w * x for w, x in zip(model.weights, pair_features(a, b, model), strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _average_link(scores: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels by average-link agglomeration, stopping below `threshold`."""
    link = scores.astype(float).copy()
    np.fill_diagonal(link, -np.inf)
    sizes = np.ones(len(link))
    labels = list(range(len(link)))
    while len(link) > 1:
        i, j = np.unravel_index(np.argmax(link), link.shape)
        if link[i, j] < threshold:
            break
        merged = (link[i] * sizes[i] + link[j] * sizes[j]) / (sizes[i] + sizes[j])
        link[i], link[:, i] = merged, merged
        link[i, i] = -np.inf
        link[j], link[:, j] = -np.inf, -np.inf
        sizes[i] += sizes[j]
        labels = [i if label == j else label for label in labels]
    return labels


def resolve_mentions(mentions: Sequence[MentionFeatures], *,
                     model: CorefModel | None = None,
                     threshold: float | None = None,
                     compatible: Callable[[Hashable, Hashable], bool] | None = None,
                     ) -> dict[Hashable, str]:
    """Mention key -> event cluster id; mentions are only compared within their story.

    `compatible(key_a, key_b)`, if given, vetoes pairs that cannot be one event.
    """
    model = model or default_model()
    cut = model.threshold if threshold is None else threshold
    by_story: dict[str, list[MentionFeatures]] = defaultdict(list)
    for mention in mentions:
        by_story[mention.story].append(mention)
    result: dict[Hashable, str] = {}
    for story, members in by_story.items():
        scores = np.ones((len(members), len(members)))
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                fits = compatible is None or compatible(a.key, b.key)
                scores[i, j] = scores[j, i] = pair_score(a, b, model) if fits else VETO
        for mention, label in zip(members, _average_link(scores, cut), strict=True):
            result[mention.key] = f"{story}/e{label}"
    return result


# -- eventdesk's own events ------------------------------------------------------------

MAX_DAYS_APART = 3  # reports of one event date it within a few days of each other


@dataclass(frozen=True)
class EventCluster:
    """One real-world event across reports: every (article id, event index) that mentions it."""

    id: str
    members: tuple[tuple[str, int], ...]  # (article_id, index into Extraction.events)
    event_type: str
    sub_event_type: str
    story_id: str = ""
    date: dt.date | None = None  # the date most members give (the latest on a tie)
    actors: tuple[str, ...] = ()
    place: str = ""  # the first resolved place name a member gives

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The reports that mention this event, in member order."""
        return tuple(dict.fromkeys(article_id for article_id, _ in self.members))


def _date_span(event: Event) -> tuple[dt.date, dt.date] | None:
    """The days an event's date can mean, at day, month or year precision; else None."""
    date = event.date
    if date is None:
        return None
    if event.date_precision == "day":
        return date, date
    if event.date_precision == "month":
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return date.replace(day=1), following - dt.timedelta(days=1)
    if event.date_precision == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    return None


def _event_place(extraction: Extraction, event: Event) -> Place | None:
    if event.place_index is None or not 0 <= event.place_index < len(extraction.places):
        return None
    return extraction.places[event.place_index]


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    """Unknown places fit anything; two resolved places must share a country and a region."""
    if a is None or b is None or not a.resolved or not b.resolved or a.geonameid == b.geonameid:
        return True
    if a.country_code != b.country_code:
        return False
    coarse = a.precision >= 4 or b.precision >= 4  # a region or a country holds the other
    return coarse or a.admin1 == b.admin1


def _events_compatible(a: tuple[Extraction, Event], b: tuple[Extraction, Event]) -> bool:
    """Same ACLED type, a place one could hold the other, dates a few days apart at most."""
    (xa, ea), (xb, eb) = a, b
    if ea.event_type != eb.event_type:
        return False
    span_a, span_b = _date_span(ea), _date_span(eb)
    if span_a is not None and span_b is not None:
        gap = max((span_a[0] - span_b[1]).days, (span_b[0] - span_a[1]).days, 0)
        if gap > MAX_DAYS_APART:
            return False
    sides_a, sides_b = {ea.actor1, ea.actor2} - {""}, {eb.actor1, eb.actor2} - {""}
    if sides_a and sides_b and not sides_a & sides_b:
        return False
    return _places_compatible(_event_place(xa, ea), _event_place(xb, eb))


def _event_sentences(extraction: Extraction, event: Event) -> str:
    indices = event.sentences or ()
    return " ".join(extraction.sentence_text(i) for i in indices if 0 <= i < len(extraction.sentences))


def event_mention(extraction: Extraction, event: Event, *, story: str,
                  document_terms: frozenset[str]) -> MentionFeatures:
    """Resolver features of one extracted event; its head is its ACLED sub-event type."""
    sentences = set(event.sentences)
    names = {m.text.casefold() for m in extraction.mentions
             if m.sentence in sentences and m.label not in {"DATE", "TIME", "CARDINAL", "ORDINAL"}}
    numbers = {f"{f.low:g}" for f in extraction.figures if f.sentence in sentences and f.low is not None}
    return MentionFeatures(
        key=(extraction.article.id, event.index), document=extraction.article.id, story=story,
        head=(event.sub_event_type or event.event_type).casefold(), pos="EVENT",
        context=frozenset(text_lemmas(_event_sentences(extraction, event))),
        entities=frozenset(names), numbers=frozenset(numbers),
        times=frozenset({event.date.isoformat()} if event.date else ()),
        document_terms=document_terms, lead=0 in sentences,
    )


def _cluster_of(key: str, members: list[tuple[str, int]],
                events: Mapping[tuple[str, int], tuple[Extraction, Event]], story: str) -> EventCluster:
    found = [events[m][1] for m in members]
    dates = Counter(e.date for e in found if e.date is not None)
    places = [p for m in members if (p := _event_place(*events[m])) is not None and p.resolved]
    actors = dict.fromkeys(a for e in found for a in (e.actor1, e.actor2) if a)
    return EventCluster(
        id=key, members=tuple(members), event_type=found[0].event_type,
        sub_event_type=Counter(e.sub_event_type for e in found).most_common(1)[0][0],
        story_id=story, date=max(dates, key=lambda d: (dates[d], d)) if dates else None,
        actors=tuple(actors),
        place=places[0].name if places else "",
    )


def corefer_events(extractions: Sequence[Extraction], *, model: CorefModel | None = None,
                   stories: Sequence[Story] | None = None) -> list[EventCluster]:
    """Events of the same real-world event across reports, grouped within each story."""
    stories = list(stories) if stories is not None else cluster_stories(extractions)
    story_of = {a: s.id for s in stories for a in s.article_ids}
    events = {(x.article.id, e.index): (x, e) for x in extractions for e in x.events}
    mentions = []
    for extraction in extractions:
        terms = frozenset(text_lemmas(extraction.article.text))
        story = story_of.get(extraction.article.id, extraction.article.id)
        mentions += [event_mention(extraction, e, story=story, document_terms=terms)
                     for e in extraction.events]
    labels = resolve_mentions(mentions, model=model,
                              compatible=lambda a, b: _events_compatible(events[a], events[b]))
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for mention in mentions:
        grouped[labels[mention.key]].append(mention.key)
    return [_cluster_of(label, members, events, story_of.get(members[0][0], ""))
            for label, members in grouped.items()]
