"""Whether two event mentions name one event: their features, pair cues and the scoring model.

A mention is described by its head word and what surrounds it: its sentence,
its arguments in the dependency parse, the names, places, times and numbers
near it, and its document. A pair of mentions of one story gets cues in
FEATURE_NAMES order (the same head or a derived form, WordNet synonyms, how
often the two heads co-referred in training data, shared or clashing
arguments, people, places, times, numbers, nationalities, organisations and
ages, the words just around each mention (copied wire text), how alike the
parser reads the two mentions and their sentences (cosines of its contextual
token vectors: "seized" and "captured" said of one town), how alike the
two documents are, how widely the story's documents use each head, the events told
beside each mention in its sentence: the same ones beside both, or each beside the
other's, and how alike the events the two documents tell are), and a boosted-tree
model turns them into a probability. The trees are learned on ECB+ Train
(`eventdesk.eval_coref.fit_coref_model`) and shipped as data.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from eventdesk.coref_lexicon import Lexicon, default_lexicon

MODEL_FILE = "stories_coref_model.json"
FEATURE_NAMES = (
    "same_head", "same_stem", "synonyms", "related", "lemma_pair", "text_overlap", "both_verbs",
    "mixed_pos", "same_tag", "context", "arguments", "arguments_clash", "entities", "people_shared",
    "people_clash", "places_shared", "places_clash", "times_shared", "times_clash", "numbers_clash",
    "document", "document_relative", "document_entities", "document_places", "same_document",
    "same_sentence", "both_lead", "both_root", "head_spread",
    "nationalities_shared", "nationalities_clash", "quantities_shared", "quantities_clash",
    "organisations_shared", "organisations_clash", "ages_shared", "ages_clash", "cues_shared",
    "cues_clash", "negated", "window", "neighbours", "offset_gap", "head_vectors", "sentence_vectors",
    "mates_shared", "mates_crossed", "document_events",
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
    sentence: int = -1  # sentence number in its document
    tag: str = ""  # fine part of speech (tense: VBD, VBN, ...)
    words: frozenset[str] = frozenset()  # lemmas of the mention's own words
    arguments: frozenset[str] = frozenset()  # its participants in the parse (subject, object, ...)
    people: frozenset[str] = frozenset()  # surnames of people in its sentence
    places: frozenset[str] = frozenset()  # places in its sentence
    document_entities: frozenset[str] = frozenset()  # names anywhere in its document
    document_places: frozenset[str] = frozenset()  # places anywhere in its document
    nationalities: frozenset[str] = frozenset()  # nationalities and groups in its sentence (NORP)
    quantities: frozenset[str] = frozenset()  # digits of counts, amounts, distances in its sentence
    organisations: frozenset[str] = frozenset()  # organisations in its sentence
    ages: frozenset[str] = frozenset()  # "36-year-old" ages in its sentence
    negated: bool = False  # "did not attack"
    window: frozenset[str] = frozenset()  # lemmas of the words just around it in its sentence
    left: str = ""  # lemma of the word before it (punctuation skipped)
    right: str = ""  # lemma of the word after it
    offset: float = 0.0  # where it stands in its sentence, 0 (start) to 1 (end)
    vector: tuple[float, ...] = ()  # unit-length parser vector of its words (their use in context)
    sentence_vector: tuple[float, ...] = ()  # unit-length mean parser vector of its sentence


@dataclass(frozen=True)
class Tree:
    """One regression tree as parallel node arrays (a leaf has left == -1)."""

    feature: tuple[int, ...]
    cut: tuple[float, ...]  # go left when the feature value <= cut
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """Leaf value for each row of a float32 feature matrix."""
        feature, cut = np.asarray(self.feature), np.asarray(self.cut, dtype=np.float32)
        left, right = np.asarray(self.left), np.asarray(self.right)
        node = np.zeros(len(rows), dtype=int)
        every = np.arange(len(rows))
        while True:
            inner = left[node] != -1
            if not inner.any():
                return np.asarray(self.value)[node]
            go_left = rows[every, np.maximum(feature[node], 0)] <= cut[node]
            node = np.where(inner, np.where(go_left, left[node], right[node]), node)


@dataclass(frozen=True)
class CorefModel:
    """Boosted trees over FEATURE_NAMES, the clustering cut and the lemma-pair table."""

    trees: tuple[Tree, ...]
    init: float = 0.0  # log-odds before the first tree
    learning_rate: float = 0.1
    threshold: float = 0.5
    lemma_pairs: Mapping[tuple[str, str], float] | None = None  # sorted pair -> coref rate

    def pair_rate(self, a: str, b: str) -> float:
        """How often two head lemmas co-referred in training (0 if never seen)."""
        if a == b:
            return 1.0
        return (self.lemma_pairs or {}).get((a, b) if a < b else (b, a), 0.0)

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """Probability of coreference for each row of pair features."""
        rows = np.asarray(rows, dtype=np.float32).reshape(-1, len(FEATURE_NAMES))
        raw = np.full(len(rows), self.init)
        for tree in self.trees:
            raw += self.learning_rate * tree.predict(rows)
        return 1.0 / (1.0 + np.exp(-np.clip(raw, -30.0, 30.0)))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"features": list(FEATURE_NAMES), "init": self.init, "learning_rate": self.learning_rate,
                "threshold": self.threshold,
                "trees": [[list(t.feature), list(t.cut), list(t.left), list(t.right), list(t.value)]
                          for t in self.trees],
                "lemma_pairs": [[a, b, r] for (a, b), r in sorted((self.lemma_pairs or {}).items())]}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> CorefModel:
        """The model from its `to_dict` form; raises ValueError on a feature mismatch."""
        if tuple(raw["features"]) != FEATURE_NAMES:
            raise ValueError(
                f"coref model features {raw['features']} are not {list(FEATURE_NAMES)}; "
                f"refit it with `python -m eventdesk.eval_coref --fit-coref`"
            )
        trees = tuple(Tree(tuple(int(f) for f in t[0]), tuple(float(c) for c in t[1]),
                           tuple(int(n) for n in t[2]), tuple(int(n) for n in t[3]),
                           tuple(float(v) for v in t[4])) for t in raw["trees"])
        pairs = {(a, b): float(r) for a, b, r in raw.get("lemma_pairs", [])}
        return cls(trees, float(raw["init"]), float(raw["learning_rate"]), float(raw["threshold"]),
                   pairs)


@lru_cache(maxsize=1)
def default_model() -> CorefModel:
    """The packaged model, learned on ECB+ Train."""
    text = resources.files("eventdesk.data").joinpath(MODEL_FILE).read_text("utf-8")
    return CorefModel.from_dict(json.loads(text))


# Derivational endings, longest first: nominate / nominee / nomination share "nomin".
_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ates", "ate", "ees", "ee", "ers",
            "er", "ed", "es", "s", "e")


@lru_cache(maxsize=65536)
def stem(lemma: str) -> str:
    """A crude stem that lets a verb and its nouns meet (host / hosting, arrest / arrests)."""
    word = lemma.casefold()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


# -- what a story tells about its mentions ------------------------------------------------


@dataclass(frozen=True)
class StoryContext:
    """Per story: how alike its documents are, and how widely each head is used."""

    similarity: Mapping[tuple[str, str], float]  # document pair -> idf-weighted cosine
    mean_similarity: float  # over the story's document pairs
    spread: Mapping[str, float]  # head -> share of the story's documents using it
    # mention key -> stems of the heads of the other mentions in its sentence
    mates: Mapping[Hashable, frozenset[str]] = field(default_factory=dict)
    # document -> stems of the heads of its mentions: the events it tells
    told: Mapping[str, frozenset[str]] = field(default_factory=dict)


def document_weights(mentions: Sequence[MentionFeatures]) -> dict[str, dict[str, float]]:
    """Document -> unit-length idf weights of its terms, idf over the mentions' documents."""
    terms = {m.document: m.document_terms for m in mentions}
    frequency: dict[str, int] = defaultdict(int)
    for words in terms.values():
        for word in words:
            frequency[word] += 1
    weights = {}
    for document, words in terms.items():
        raw = {w: math.log((1 + len(terms)) / (1 + frequency[w])) + 1.0 for w in words}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        weights[document] = {w: v / norm for w, v in raw.items()}
    return weights


def story_context(members: Sequence[MentionFeatures],
                  weights: Mapping[str, Mapping[str, float]]) -> StoryContext:
    """Document similarities and head spread of one story's mentions."""
    documents = sorted({m.document for m in members})
    similarity = {}
    for i, a in enumerate(documents):
        for b in documents[i + 1:]:
            wa, wb = weights[a], weights[b]
            similarity[(a, b)] = sum(v * wb.get(w, 0.0) for w, v in wa.items())
    users: dict[str, set[str]] = defaultdict(set)
    for mention in members:
        users[mention.head].add(mention.document)
    mean = sum(similarity.values()) / len(similarity) if similarity else 0.0
    told: dict[str, set[str]] = defaultdict(set)
    for mention in members:
        told[mention.document].add(stem(mention.head))
    return StoryContext(similarity, mean, {h: len(d) / len(documents) for h, d in users.items()},
                        sentence_mates(members), {d: frozenset(heads) for d, heads in told.items()})


def sentence_mates(members: Sequence[MentionFeatures]) -> dict[Hashable, frozenset[str]]:
    """Mention key -> stems of the heads of the other mentions in its sentence ("arrested for DUI")."""
    by_sentence: dict[tuple[str, int], list[MentionFeatures]] = defaultdict(list)
    for mention in members:
        by_sentence[(mention.document, mention.sentence)].append(mention)
    return {m.key: frozenset(stem(o.head) for o in group if o.key != m.key)
            for group in by_sentence.values() for m in group}


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _shared(a: frozenset[str], b: frozenset[str]) -> float:
    return float(bool(a & b))


def _clash(a: frozenset[str], b: frozenset[str]) -> float:
    """Both sides name some, and none in common."""
    return float(bool(a and b) and not a & b)


def _heads(a: MentionFeatures, b: MentionFeatures, model: CorefModel, lexicon: Lexicon) -> list[float]:
    return [float(a.head == b.head), float(stem(a.head) == stem(b.head)),
            float(lexicon.synonyms(a.head, b.head)), float(lexicon.related(a.head, b.head)),
            model.pair_rate(a.head, b.head), _jaccard(a.words, b.words),
            float(a.pos == b.pos == "VERB"), float(a.pos != b.pos), float(a.tag == b.tag)]


def _surroundings(a: MentionFeatures, b: MentionFeatures) -> list[float]:
    return [_jaccard(a.context, b.context), _jaccard(a.arguments, b.arguments),
            _clash(a.arguments, b.arguments), _jaccard(a.entities, b.entities),
            _shared(a.people, b.people), _clash(a.people, b.people),
            _shared(a.places, b.places), _clash(a.places, b.places),
            _shared(a.times, b.times), _clash(a.times, b.times), _clash(a.numbers, b.numbers)]


def _arguments(a: MentionFeatures, b: MentionFeatures) -> list[float]:
    """Sentence cues that tell two like events apart: who, how many, how old, when and where."""
    cues = [(a.nationalities, b.nationalities), (a.quantities, b.quantities),
            (a.organisations, b.organisations), (a.ages, b.ages)]
    own = [value for x, y in cues for value in (_shared(x, y), _clash(x, y))]
    every = cues + [(a.times, b.times), (a.people, b.people), (a.places, b.places)]
    return own + [sum(_shared(x, y) for x, y in every), sum(_clash(x, y) for x, y in every),
                  float(a.negated) + float(b.negated)]


def _neighbourhood(a: MentionFeatures, b: MentionFeatures) -> list[float]:
    """Copied wire text puts one event among the same words, at the same place in its sentence."""
    neighbours = float(bool(a.left) and a.left == b.left) + float(bool(a.right) and a.right == b.right)
    return [_jaccard(a.window, b.window), neighbours, abs(a.offset - b.offset)]


def _mates(a: MentionFeatures, b: MentionFeatures, story: StoryContext) -> list[float]:
    """Events told beside each mention: the same ones beside both, or each beside the other's event.

    "arrested for DUI" and "charged with drunken driving" are one arrest; but "arrest" in
    one report and "DUI" in another, each said beside the other's word, are two events.
    """
    own = {stem(a.head), stem(b.head)}
    mates_a, mates_b = story.mates.get(a.key, frozenset()), story.mates.get(b.key, frozenset())
    crossed = stem(a.head) != stem(b.head) and (stem(a.head) in mates_b or stem(b.head) in mates_a)
    return [float(bool((mates_a & mates_b) - own)), float(crossed)]


def _told(a: MentionFeatures, b: MentionFeatures, story: StoryContext) -> list[float]:
    """How alike the events the two reports tell are: reports of one event tell its sequels too."""
    return [_jaccard(story.told.get(a.document, frozenset()), story.told.get(b.document, frozenset()))]


def _cosine(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return float(np.dot(a, b)) if a and b else 0.0


def _vectors(a: MentionFeatures, b: MentionFeatures) -> list[float]:
    """How alike the parser reads the two mentions and their sentences."""
    return [_cosine(a.vector, b.vector), _cosine(a.sentence_vector, b.sentence_vector)]


def _documents(a: MentionFeatures, b: MentionFeatures, story: StoryContext) -> list[float]:
    same = a.document == b.document
    pair = (a.document, b.document) if a.document < b.document else (b.document, a.document)
    similarity = 1.0 if same else story.similarity.get(pair, 0.0)
    return [similarity, similarity - story.mean_similarity,
            _jaccard(a.document_entities, b.document_entities),
            _jaccard(a.document_places, b.document_places), float(same),
            float(same and a.sentence == b.sentence), float(a.lead and b.lead),
            float(a.root and b.root),
            min(story.spread.get(a.head, 0.0), story.spread.get(b.head, 0.0))]


def pair_features(a: MentionFeatures, b: MentionFeatures, model: CorefModel, story: StoryContext,
                  *, lexicon: Lexicon | None = None,
                  cosines: tuple[float, float] | None = None) -> list[float]:
    """The cue values of one mention pair of a story, in FEATURE_NAMES order.

    `cosines` (head vectors, sentence vectors) spares computing them where a caller has
    them for many pairs at once (`vector_cosines`).
    """
    lexicon = lexicon or default_lexicon()
    return (_heads(a, b, model, lexicon) + _surroundings(a, b) + _documents(a, b, story)
            + _arguments(a, b) + _neighbourhood(a, b) + list(cosines or _vectors(a, b))
            + _mates(a, b, story) + _told(a, b, story))


def vector_cosines(members: Sequence[MentionFeatures]) -> tuple[np.ndarray, np.ndarray]:
    """Every pair's head-vector and sentence-vector cosines as two matrices (0 where one has none)."""
    def cosines(vectors: list[tuple[float, ...]]) -> np.ndarray:
        width = max((len(v) for v in vectors), default=0)
        rows = np.array([v if len(v) == width else (0.0,) * width for v in vectors],
                        dtype=float).reshape(len(vectors), width)
        return rows @ rows.T

    return cosines([m.vector for m in members]), cosines([m.sentence_vector for m in members])


def pair_score(a: MentionFeatures, b: MentionFeatures, model: CorefModel,
               story: StoryContext | None = None) -> float:
    """Probability that two mentions refer to one event."""
    if story is None:
        story = story_context([a, b], document_weights([a, b]))
    return float(model.probability(np.array([pair_features(a, b, model, story)]))[0])
