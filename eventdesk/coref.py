"""Cross-document event coreference: mentions of one real-world event become one cluster.

Two layers. `resolve_mentions` is a generic mention-level resolver: within
each story (a document cluster), every pair of event mentions is scored by the
pair model of `eventdesk.coref_pairs` (boosted trees over cues that say "same
event": the same head word or a synonym, shared arguments, names, places,
times and numbers, alike documents), and mentions are grouped by average-link
agglomerative clustering on that score; a story of a few reports is resolved
within the story nearest it, as the story clusterer often splits such reports
off. `corefer_events` applies the same
resolver to eventdesk's own `Event`s: each is parsed as an ECB+ mention is (its
trigger span in its sentence, by `eventdesk.coref_mentions`), so the pair model
sees the sentence cues it was trained on, with the ACLED sub-event type as its
head. Their type, place, date and actors add hard compatibility checks; one
type, date and resolved place (ACLED's unit of an event) link a pair outright,
and places apart put it in doubt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from eventdesk.coref_pairs import (
    FEATURE_NAMES, CorefModel, MentionFeatures, default_model, document_weights, pair_features,
    pair_score, story_context, vector_cosines,
)
from eventdesk.coref_mentions import DocumentCues, document_cues, offset_mention
from eventdesk.mapsvg import distance_km
from eventdesk.model import Event, Extraction, Place, Story, TimeExpr
from eventdesk.nlp import parse_texts
from eventdesk.settings import Options
from eventdesk.stories import cluster_stories
from eventdesk.times_calendar import add_months, month_end

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


# A story of this few reports is often one the story clusterer split off a larger one (a
# report told from another angle); coreference then compares its mentions within the story
# nearest it, if their reports are this alike on average (idf cosine of the reports' words;
# on ECB+ a small story and a story of another topic: median 0.007, 99th percentile 0.05).
# Both picked on out-of-fold ECB+ Train.
SMALL_STORY = 3
NEAR_STORY = 0.06


def story_scopes(mentions: Sequence[MentionFeatures],
            weights: Mapping[str, Mapping[str, float]]) -> dict[str, str]:
    """Story -> the story its mentions are resolved in: itself, or for a small story the nearest large one."""
    documents: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        documents[mention.story].add(mention.document)

    # The mean cosine over document pairs of two stories is the dot product of their mean weights.
    means: dict[str, dict[str, float]] = {}
    for story, docs in documents.items():
        summed: dict[str, float] = defaultdict(float)
        for document in docs:
            for word, value in weights[document].items():
                summed[word] += value / len(docs)
        means[story] = summed

    def closeness(a: str, b: str) -> float:
        small, other = (means[a], means[b]) if len(means[a]) <= len(means[b]) else (means[b], means[a])
        return sum(v * other.get(w, 0.0) for w, v in small.items())

    scope = {story: story for story in documents}
    large = [story for story, docs in documents.items() if len(docs) > SMALL_STORY]
    for story, docs in documents.items():
        if len(docs) <= SMALL_STORY and large:
            score, nearest = max(((closeness(story, other), other) for other in large), key=lambda p: p[0])
            if score >= NEAR_STORY:
                scope[story] = nearest
    return scope


def story_scores(members: Sequence[MentionFeatures], model: CorefModel,
                 weights: Mapping[str, Mapping[str, float]]) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every mention pair (i < j) of one story and its pair features, rows in pair order."""
    context = story_context(members, weights)
    heads, sentences = vector_cosines(members)
    pairs = [(i, j) for i in range(len(members)) for j in range(i + 1, len(members))]
    rows = np.array([pair_features(members[i], members[j], model, context,
                                   cosines=(heads[i, j], sentences[i, j])) for i, j in pairs],
                    dtype=np.float32).reshape(len(pairs), len(FEATURE_NAMES))
    return pairs, rows


def score_matrices(mentions: Sequence[MentionFeatures], *, model: CorefModel | None = None,
                   compatible: Callable[[Hashable, Hashable], bool] | None = None,
                   adjust: Callable[[Hashable, Hashable, float], float] | None = None,
                   ) -> dict[str, tuple[list[MentionFeatures], np.ndarray]]:
    """Story -> its mentions and their pairwise coreference probabilities.

    VETO where `compatible` says no; `adjust(key_a, key_b, p)` may rescore the others.
    """
    model = model or default_model()
    weights = document_weights(mentions)
    scopes = story_scopes(mentions, weights)
    mentions = [dataclasses.replace(m, story=scopes[m.story]) for m in mentions]
    result = {}
    for story, members in _by_story(mentions).items():
        scores = np.ones((len(members), len(members)))
        pairs, rows = story_scores(members, model, weights)
        for (i, j), p in zip(pairs, model.probability(rows) if pairs else [], strict=True):
            a, b = members[i].key, members[j].key
            if compatible is not None and not compatible(a, b):
                p = VETO
            elif adjust is not None:
                p = adjust(a, b, p)
            scores[i, j] = scores[j, i] = p
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
                     adjust: Callable[[Hashable, Hashable, float], float] | None = None,
                     ) -> dict[Hashable, str]:
    """Mention key -> event cluster id; mentions are only compared within their story.

    `compatible(key_a, key_b)`, if given, vetoes pairs that cannot be one event;
    `adjust(key_a, key_b, p)` rescores a pair from what else is known of it.
    """
    model = model or default_model()
    cut = model.threshold if threshold is None else threshold
    matrices = score_matrices(mentions, model=model, compatible=compatible, adjust=adjust)
    return cluster_matrices(matrices, cut)


# -- eventdesk's own events ------------------------------------------------------------

MAX_DAYS_APART = 3  # reports of one event date it within a few days of each other
# Reports of one event may name the town or a village beside it; towns farther apart than
# this (UCDP's "within 25 km of a place") are two events, as ACLED codes one per location.
NEAR_KM = 25.0
# An event's place is sometimes misread (a town named near it), so places apart are doubt,
# not a veto: such a pair links only on a pair score near the model's own cut (0.5).
PLACES_APART_DOUBT = 0.3
# Our own events have passed hard checks (type, date, place, actors) before they are scored,
# and their head is a coarse event type shared by every report of the story, a cue the
# model (tuned on words in ECB+) reads as "different events"; so a lower cut than the
# mention model's joins them. The sentence cues and places apart still keep apart events
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


_SPAN_MONTHS = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120}
# A weekend is Saturday and Sunday, as the times stage reads it.
_SPAN_DAYS = {"day": 1, "weekend": 2, "week": 7}


def _date_span(event: Event, time: TimeExpr | None = None) -> tuple[dt.date, dt.date] | None:
    """The days an event's date can mean: the times stage's own interval when the event keeps its
    expression ('late last month' is its last days), else the date's precision around it ('last
    fall': three months from its first day; a dateline's week ends on its date); else None."""
    date = event.date
    if date is None:
        return None
    if time is not None and time.first is not None and time.last is not None and time.first <= date <= time.last:
        return time.first, time.last
    if event.date_precision in _SPAN_DAYS:
        length = dt.timedelta(days=_SPAN_DAYS[event.date_precision] - 1)
        return (date - length, date) if event.date_source == "dateline" else (date, date + length)
    months = _SPAN_MONTHS.get(event.date_precision)
    if months is None:
        return None
    first = date.replace(day=1) if months < 12 else date.replace(month=1, day=1)
    return first, month_end(*add_months(first.year, first.month, months - 1))


def _event_time(extraction: Extraction, event: Event) -> TimeExpr | None:
    if event.time_index is None or not 0 <= event.time_index < len(extraction.times):
        return None
    return extraction.times[event.time_index]


def _event_place(extraction: Extraction, event: Event) -> Place | None:
    if event.place_index is None or not 0 <= event.place_index < len(extraction.places):
        return None
    return extraction.places[event.place_index]


def _towns_apart(a: Place, b: Place) -> bool:
    """Two places each located to a town (or within 25 km of one) lie too far apart for one event."""
    if not (0 < a.precision <= 2 and 0 < b.precision <= 2) or None in (
            a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    slack = NEAR_KM * ((a.precision == 2 or a.inferred) + (b.precision == 2 or b.inferred))
    return distance_km((a.longitude, a.latitude), (b.longitude, b.latitude)) > NEAR_KM + slack


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    """Unknown places fit anything; two resolved places must share a country and a region."""
    if a is None or b is None or not a.resolved or not b.resolved or a.geonameid == b.geonameid:
        return True
    if a.country_code != b.country_code:
        return False
    coarse = a.precision >= 4 or b.precision >= 4  # a region or a country holds the other
    return coarse or a.admin1 == b.admin1


def _named_sides(event: Event) -> set[str]:
    """The event's actors that are named: an unidentified group in one report may be named in another."""
    return {a for a in (event.actor1, event.actor2) if a and not a.startswith("Unidentified")}


def _events_compatible(a: tuple[Extraction, Event], b: tuple[Extraction, Event]) -> bool:
    """Same ACLED type, a place one could hold the other, dates a few days apart at most."""
    (xa, ea), (xb, eb) = a, b
    if ea.event_type != eb.event_type:
        return False
    span_a, span_b = _date_span(ea, _event_time(xa, ea)), _date_span(eb, _event_time(xb, eb))
    if span_a is not None and span_b is not None:
        gap = max((span_a[0] - span_b[1]).days, (span_b[0] - span_a[1]).days, 0)
        if gap > MAX_DAYS_APART:
            return False
    sides_a, sides_b = _named_sides(ea), _named_sides(eb)
    if sides_a and sides_b and not sides_a & sides_b:
        return False
    return _places_compatible(_event_place(xa, ea), _event_place(xb, eb))


def _events_agree(a: tuple[Extraction, Event], b: tuple[Extraction, Event]) -> bool:
    """ACLED's unit of an event: one sub-event type, on one date, at one resolved place."""
    (xa, ea), (xb, eb) = a, b
    place_a, place_b = _event_place(xa, ea), _event_place(xb, eb)
    return (ea.sub_event_type == eb.sub_event_type and ea.date is not None and ea.date == eb.date
            and ea.date_precision == eb.date_precision in {"day", "month"}
            and place_a is not None and place_b is not None and place_a.resolved
            and place_a.geonameid == place_b.geonameid)


def _sentence_places(extraction: Extraction, event: Event) -> set[str]:
    """Every name and gazetteer id of the places the extractor found in the event's trigger sentence."""
    index = _trigger_sentence(extraction, event)
    found = [p for p in extraction.places if p.sentence == index]
    return ({p.text.casefold() for p in found} | {p.name.casefold() for p in found if p.name}
            | {f"#{p.geonameid}" for p in found if p.resolved})


def _places_apart(a: tuple[Extraction, Event], b: tuple[Extraction, Event]) -> bool:
    """Resolved towns far apart; else (a place unresolved) sentences naming only other places."""
    place_a, place_b = _event_place(*a), _event_place(*b)
    if place_a is not None and place_b is not None and place_a.resolved and place_b.resolved:
        return _towns_apart(place_a, place_b)
    named_a, named_b = _sentence_places(*a), _sentence_places(*b)
    return bool(named_a and named_b) and not named_a & named_b


def _event_link(a: tuple[Extraction, Event], b: tuple[Extraction, Event], p: float) -> float:
    """The pair score, made certain for ACLED's unit and doubtful for places apart."""
    if _events_agree(a, b):
        return 1.0
    return p - PLACES_APART_DOUBT if _places_apart(a, b) else p


def _trigger_sentence(extraction: Extraction, event: Event) -> int:
    """The sentence holding the event's trigger, else the first sentence the event cites."""
    for sentence in extraction.sentences:
        if sentence.start <= event.trigger_start < sentence.end:
            return sentence.index
    return min(event.sentences, default=0)


def event_mention(extraction: Extraction, event: Event, *, doc: Doc, cues: DocumentCues,
                  story: str) -> MentionFeatures:
    """Resolver features of one extracted event, read off its trigger and sentence as ECB+ mentions are."""
    index = _trigger_sentence(extraction, event)
    bounds = ((extraction.sentences[index].start, extraction.sentences[index].end)
              if 0 <= index < len(extraction.sentences) else (0, len(extraction.article.text)))
    mention = offset_mention(doc, event.trigger_start, event.trigger_end, sentence=bounds,
                             key=(extraction.article.id, event.index),
                             document=extraction.article.id, story=story, cues=cues,
                             sentence_index=index, lead=index == 0)
    # Outlets name one event with different verbs ("recaptured", "drove out"); its ACLED
    # sub-event type, which the extractor already read off those words, is the shared head.
    return dataclasses.replace(mention, head=(event.sub_event_type or event.event_type).casefold())


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


def _parses(extractions: Sequence[Extraction], docs: Mapping[str, Doc] | None,
            nlp_model: str) -> dict[str, Doc]:
    """Article id -> its parse: those given, the rest parsed now (only reports with events)."""
    found = dict(docs or {})
    missing = [x.article for x in extractions if x.events and x.article.id not in found]
    if missing:
        found.update(zip((a.id for a in missing),
                         parse_texts((a.text for a in missing), model=nlp_model), strict=True))
    return found


def corefer_events(extractions: Sequence[Extraction], *, model: CorefModel | None = None,
                   stories: Sequence[Story] | None = None,
                   threshold: float = EVENT_THRESHOLD, docs: Mapping[str, Doc] | None = None,
                   nlp_model: str = Options.model) -> list[EventCluster]:
    """Events of the same real-world event across reports, grouped within each story.

    `docs` (article id -> its spaCy parse) spares parsing the articles again; any
    article without one is parsed with `nlp_model`.
    """
    stories = list(stories) if stories is not None else cluster_stories(extractions)
    story_of = {a: s.id for s in stories for a in s.article_ids}
    events = {(x.article.id, e.index): (x, e) for x in extractions for e in x.events}
    docs = _parses(extractions, docs, nlp_model)
    mentions = []
    for extraction in (x for x in extractions if x.events):
        doc = docs[extraction.article.id]
        story = story_of.get(extraction.article.id, extraction.article.id)
        cues = document_cues(doc)
        mentions += [event_mention(extraction, e, doc=doc, cues=cues, story=story)
                     for e in extraction.events]
    labels = resolve_mentions(mentions, model=model, threshold=threshold,
                              compatible=lambda a, b: _events_compatible(events[a], events[b]),
                              adjust=lambda a, b, p: _event_link(events[a], events[b], p))
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for mention in mentions:
        grouped[labels[mention.key]].append(mention.key)
    return [_cluster_of(label, members, events, story_of.get(members[0][0], ""))
            for label, members in grouped.items()]
