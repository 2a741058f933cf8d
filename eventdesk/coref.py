"""Cross-document event coreference: mentions of one real-world event become one cluster.

Two layers. `resolve_mentions` is a generic mention-level resolver: within
each story (a document cluster), every pair of event mentions is scored by the
pair model of `eventdesk.coref_pairs` (boosted trees over cues that say "same
event": the same head word or a synonym, shared arguments, names, places,
times and numbers, alike documents), and mentions are grouped by average-link
agglomerative clustering on that score. `corefer_events` applies the same
resolver to eventdesk's own `Event`s, whose type, place, date and actors add
hard compatibility checks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from eventdesk.coref_pairs import (
    FEATURE_NAMES, CorefModel, MentionFeatures, default_model, document_weights, pair_features,
    pair_score, story_context,
)
from eventdesk.model import Event, Extraction, Place, Story
from eventdesk.stories import cluster_stories, text_lemmas

__all__ = [
    "FEATURE_NAMES", "CorefModel", "EventCluster", "MentionFeatures", "corefer_events",
    "cluster_matrices", "default_model", "pair_score", "resolve_mentions", "score_matrices",
    "story_scores",
]

# A vetoed pair's link: so negative that no average over a cluster holding it reaches a cut.
VETO = -1e6


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


def _by_story(mentions: Sequence[MentionFeatures]) -> dict[str, list[MentionFeatures]]:
    grouped: dict[str, list[MentionFeatures]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.story].append(mention)
    return grouped


def story_scores(members: Sequence[MentionFeatures], model: CorefModel,
                 weights: Mapping[str, Mapping[str, float]]) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every mention pair (i < j) of one story and its pair features, rows in pair order."""
    context = story_context(members, weights)
    pairs = [(i, j) for i in range(len(members)) for j in range(i + 1, len(members))]
    rows = np.array([pair_features(members[i], members[j], model, context) for i, j in pairs],
                    dtype=np.float32).reshape(len(pairs), len(FEATURE_NAMES))
    return pairs, rows


def score_matrices(mentions: Sequence[MentionFeatures], *, model: CorefModel | None = None,
                   compatible: Callable[[Hashable, Hashable], bool] | None = None,
                   ) -> dict[str, tuple[list[MentionFeatures], np.ndarray]]:
    """Story -> its mentions and their pairwise coreference probabilities (VETO where incompatible)."""
    model = model or default_model()
    weights = document_weights(mentions)
    result = {}
    for story, members in _by_story(mentions).items():
        scores = np.ones((len(members), len(members)))
        pairs, rows = story_scores(members, model, weights)
        for (i, j), p in zip(pairs, model.probability(rows) if pairs else [], strict=True):
            fits = compatible is None or compatible(members[i].key, members[j].key)
            scores[i, j] = scores[j, i] = p if fits else VETO
        result[story] = (members, scores)
    return result


def cluster_matrices(matrices: Mapping[str, tuple[list[MentionFeatures], np.ndarray]],
                     threshold: float) -> dict[Hashable, str]:
    """Mention key -> event cluster id, by average link over each story's scores."""
    result: dict[Hashable, str] = {}
    for story, (members, scores) in matrices.items():
        for mention, label in zip(members, _average_link(scores, threshold), strict=True):
            result[mention.key] = f"{story}/e{label}"
    return result


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
    return cluster_matrices(score_matrices(mentions, model=model, compatible=compatible), cut)


# -- eventdesk's own events ------------------------------------------------------------

MAX_DAYS_APART = 3  # reports of one event date it within a few days of each other
# Our own events have passed hard checks (type, date, place, actors) before they are scored,
# and their "head" is a coarse event type, not a word, so a lower cut than the mention
# model's (tuned on words in ECB+) joins them; the pair score still keeps apart events
# whose reports and surroundings differ.
EVENT_THRESHOLD = 0.2


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
    places = {p.name.casefold() for p in extraction.places if p.resolved}
    return MentionFeatures(
        key=(extraction.article.id, event.index), document=extraction.article.id, story=story,
        head=(event.sub_event_type or event.event_type).casefold(), pos="EVENT",
        context=frozenset(text_lemmas(_event_sentences(extraction, event))),
        entities=frozenset(names), numbers=frozenset(numbers),
        times=frozenset({event.date.isoformat()} if event.date else ()),
        document_terms=document_terms, lead=0 in sentences,
        sentence=min(sentences, default=-1),
        arguments=frozenset(a.casefold() for a in (event.actor1, event.actor2) if a),
        places=frozenset(p.name.casefold() for p in extraction.places
                         if p.resolved and p.sentence in sentences),
        document_entities=frozenset(m.text.casefold() for m in extraction.mentions
                                    if m.label not in {"DATE", "TIME", "CARDINAL", "ORDINAL"}),
        document_places=frozenset(places),
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
                   stories: Sequence[Story] | None = None,
                   threshold: float = EVENT_THRESHOLD) -> list[EventCluster]:
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
    labels = resolve_mentions(mentions, model=model, threshold=threshold,
                              compatible=lambda a, b: _events_compatible(events[a], events[b]))
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for mention in mentions:
        grouped[labels[mention.key]].append(mention.key)
    return [_cluster_of(label, members, events, story_of.get(members[0][0], ""))
            for label, members in grouped.items()]
