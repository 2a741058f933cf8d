"""The one data model passed between eventdesk's stages.

`Article` owns the text. Everything extracted from it points back into that
text by character offsets (`start`, `end`, half-open), so every fact in a
report can cite the sentence it came from. All classes are frozen: a stage
returns a new `Extraction` (with `dataclasses.replace`) instead of mutating.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DateSource = Literal["metadata", "dateline", "cli", "filename", "none"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal[
    "second", "minute", "hour", "day", "week", "weekend", "month", "season",
    "quarter", "half", "year", "decade", "century", "unknown",
]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its index and character span."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """A cleaned news report and what is known of where it came from.

    `id` is a digest of the normalised text, so the same report ingested twice
    is one article. `near_duplicate_of` links a wire copy to its original.
    """

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    author: str = ""
    published: dt.date | None = None
    published_source: DateSource = "none"
    source: str = ""  # the input it was read from: a path, URL or "-"
    kind: str = "text"  # text, html, jsonl, feed, warc, url
    near_duplicate_of: str | None = None
    removed_boilerplate: tuple[str, ...] = ()

    @property
    def has_dct(self) -> bool:
        """Whether relative dates in this article can be anchored."""
        return self.published is not None

    @property
    def label(self) -> str:
        """How a report names this article when citing it."""
        title = self.title or self.text[:60].split("\n")[0]
        return f"{title} ({self.outlet})" if self.outlet else title


@dataclass(frozen=True)
class Mention:
    """A named-entity span, after the document-level label pass."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC, DATE, CARDINAL, ...
    sentence: int
    model_label: str = ""  # what spaCy said before the document-level pass
    entity_id: str = ""  # cross-report entity, set by the linking stage


@dataclass(frozen=True)
class TimeExpr:
    """A time expression resolved against the article's publication date.

    `value` is TIMEX3-compatible (`2016-03-27`, `2015-05`, `2015-FA`, `P3W`,
    `PRESENT_REF`, `UNKNOWN`). `first`/`last` bound the calendar interval for
    DATE expressions; both are None for durations, sets and unresolved values.
    """

    article_id: str
    start: int
    end: int
    text: str
    sentence: int
    value: str
    type: TimeType = "DATE"
    precision: Precision = "unknown"
    first: dt.date | None = None
    last: dt.date | None = None
    anchored: bool = True  # False: relative, and the article has no DCT
    mod: str = ""  # TIMEX3 mod: APPROX, START, MID, END, MORE_THAN, ...


@dataclass(frozen=True)
class Place:
    """A place mention and, if resolved, its GeoNames entry.

    `precision` follows UCDP's `where_prec`: 1 exact place, 2 within 25 km of
    a place, 3 second-level division, 4 first-level division, 5 a part of a
    country, 6 country, 7 beyond a country (sea, region). 0 = unresolved.
    `inferred` marks a name the gazetteer lacks (a street, a building, a
    neighbourhood) or matches only weakly: it is located at the place that most
    likely holds it (the area named beside it, else the article's main town or
    country), with at least precision 2, and its GeoNames fields are that place's.
    """

    article_id: str
    start: int
    end: int
    text: str
    sentence: int
    geonameid: int | None = None
    name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    feature_class: str = ""
    feature_code: str = ""
    country_code: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    precision: int = 0
    score: float = 0.0
    inferred: bool = False

    @property
    def resolved(self) -> bool:
        """Whether this mention was tied to a gazetteer entry."""
        return self.geonameid is not None


FigureKind = Literal[
    "killed", "wounded", "captured", "displaced", "missing", "arrested",
    "strikes", "destroyed", "age", "other",
]


@dataclass(frozen=True)
class Figure:
    """A quantity that matters in a crisis, as one report states it.

    `low`/`high` hold the value or range; a vague amount ("dozens") gets
    ACLED's conservative value in `low` and `vague=True`.
    """

    article_id: str
    start: int
    end: int
    text: str
    sentence: int
    kind: FigureKind
    low: float | None
    high: float | None = None
    qualifier: str = ""  # at least, about, more than, nearly, up to, ...
    vague: bool = False
    counts: str = ""  # whom it counts: "IS militants", "civilians"
    counts_actor: str = ""  # normalised actor, if the counted group is one
    event_index: int | None = None  # index into Extraction.events


@dataclass(frozen=True)
class Claim:
    """Who asserts a figure or a statement, and through which medium."""

    article_id: str
    start: int  # the attribution cue ("..., the Observatory said")
    end: int
    sentence: int
    claimant: str  # "Syrian Observatory for Human Rights", or the outlet
    claimant_kind: str = "outlet"  # person, organisation, media, outlet
    medium: str = ""  # "Reuters", "state media", "VICE News"
    figure_index: int | None = None  # index into Extraction.figures
    statement: str = ""  # the claimed text when it is not a figure
    mention_start: int | None = None  # the claimant's entity span, if any
    affiliation: str = ""  # the organisation a person claimant speaks for


@dataclass(frozen=True)
class Event:
    """An event in ACLED's sense, tied to the sentences that support it."""

    article_id: str
    index: int
    event_type: str
    sub_event_type: str
    sentences: tuple[int, ...]  # indices into the article's sentences
    trigger_start: int
    trigger_end: int
    actor1: str = ""
    assoc_actor_1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    place_index: int | None = None  # index into Extraction.places
    time_index: int | None = None  # index into Extraction.times
    date: dt.date | None = None
    date_precision: Precision = "unknown"
    date_source: str = ""  # "governing", "nearest", "dateline", "none"
    fatalities: int | None = None
    confidence: float = 0.0
    summary: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything the per-article stages found in one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset (sentences are in text order)."""
        index = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def sentence_text(self, index: int) -> str:
        """The text of one sentence."""
        sentence = self.sentences[index]
        return self.article.text[sentence.start:sentence.end]


@dataclass(frozen=True)
class Story:
    """Articles about one real-world development, and what they say together."""

    id: str
    article_ids: tuple[str, ...]
    title: str = ""
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)
