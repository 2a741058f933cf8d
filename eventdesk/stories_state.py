"""What the story clusterer knows of a story, and the evidence it weighs.

`StoryState` is a story as the streaming clusterer (`eventdesk.stories`) keeps
it: its reports and the summed counts of their terms, names and particulars.
The functions here read that state without changing it: an article's weighted
terms, the support and conflict of its particulars against a story's (the join
model's signals, `SIGNAL_NAMES`), and the tests that tell two events on one
theme apart (`particulars_clash`, `two_events`). The state's plain-data form
(`story_to_dict` / `story_from_dict`) lets the store keep a clusterer between runs.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from eventdesk.stories_features import ArticleFeatures

__all__ = [
    "AGREEMENT_KINDS", "GROUP", "SIGNAL_NAMES", "Names", "StoryState", "agreement", "article_terms",
    "date_span", "days_apart", "default_story_model", "group_norms", "held_by_half", "particular_kind",
    "particulars_clash", "story_from_dict", "story_to_dict", "telling", "two_events",
]

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MODEL_FILE = "stories_model.json"
# What the join decision weighs, for one article against one candidate story.
AGREEMENT_KINDS = ("number", "day", "year", "place", "actor", "person")
SIGNAL_NAMES = ("bias", "lemma_cosine", "entity_cosine", "particular_cosine", "log_story_size",
                *(f"{kind}_{side}" for kind in AGREEMENT_KINDS for side in ("support", "conflict")))


@lru_cache(maxsize=1)
def default_story_model() -> dict[str, Any]:
    """The packaged join model: logistic weights over SIGNAL_NAMES and the join threshold."""
    raw = json.loads(resources.files("eventdesk.data").joinpath(MODEL_FILE).read_text("utf-8"))
    if tuple(raw.get("signals", ())) != SIGNAL_NAMES:
        raise ValueError(f"{MODEL_FILE}: signals {raw.get('signals')} are not {list(SIGNAL_NAMES)}; "
                         f"refit with `python -m eventdesk.eval_ecb --fit-stories DIR OUT`")
    return raw


Names = Counter[str] | frozenset[str]
GROUP = {"l": "l", "e": "e", "n": "p", "d": "p", "y": "p"}  # term prefix -> cosine group


@dataclass
class StoryState:
    """A story as the clusterer keeps it: members and summed feature counts."""

    id: str
    article_ids: list[str]
    terms: Counter[str]  # "l:lemma" / "e:entity" -> summed log counts
    places: Counter[str]
    actors: Counter[str]
    people: Counter[str] = field(default_factory=Counter)
    particulars: Counter[str] = field(default_factory=Counter)  # prefixed particular -> reports
    first: dt.date | None = None
    last: dt.date | None = None
    title: str = ""


def article_terms(features: ArticleFeatures, entity_weight: float) -> dict[str, float]:
    terms = {f"l:{k}": 1.0 + math.log(v) for k, v in features.lemmas.items() if v > 0}
    for name, count in features.entities.items():
        if count > 0:
            terms[f"e:{name}"] = entity_weight * (1.0 + math.log(count))
    terms.update(dict.fromkeys(features.particulars, 1.0))  # one per article: a story counts its reports
    return terms


def agreement(items: Collection[str], counts: Mapping[str, float], size: int,
               prefix: str = "") -> tuple[float, float]:
    """(support, conflict) of an article's particulars of one kind (keys starting with
    `prefix`) against a story's: the share of the story's reports holding the article's
    best-supported item, and, when the article names some, the share holding the
    story's commonest item of that kind that the article lacks."""
    if not items or not counts:
        return 0.0, 0.0
    support = max(counts.get(i, 0.0) for i in items) / size
    missing = max((v for k, v in counts.items() if k.startswith(prefix) and k not in items), default=0.0)
    return min(1.0, support), min(1.0, missing / size)


def group_norms(squares: Mapping[str, float]) -> dict[str, float]:
    """Norms per group and over all groups, from squared norms (rounding can leave a -0)."""
    norms = {group: math.sqrt(max(0.0, v)) for group, v in squares.items()}
    norms["all"] = math.sqrt(max(0.0, sum(squares.values())))
    return norms


def days_apart(date: dt.date | None, first: dt.date | None, last: dt.date | None) -> float | None:
    if date is None or first is None or last is None:
        return None
    if first <= date <= last:
        return 0.0
    return float(min(abs((date - first).days), abs((date - last).days)))


def held_by_half(counts: Mapping[str, float], size: int) -> frozenset[str]:
    """What at least half of a story's reports hold."""
    return frozenset(k for k, v in counts.items() if 2 * v >= size)


def particular_kind(particular: str) -> str:
    """A particular's kind: number, year, weekday or month ("n", "y", "w", "d")."""
    return "w" if particular[2:] in WEEKDAYS else particular[0]


def telling(particular: str) -> bool:
    """Whether a particular can tell two events apart: a year, a weekday, a month, or a
    number of 10 or more (news writes one to nine in words, so a digit under 10 is
    mostly part of a date, a score or a list, which two reports of one event need not share)."""
    if not particular.startswith("n:"):
        return True
    try:
        return float(particular[2:]) >= 10
    except ValueError:
        return False


def particulars_clash(mine: Collection[str], theirs: Collection[str]) -> bool:
    """Whether two sets of particulars tell of two events: for some kind (a number, a
    year, a weekday, a month) each set holds a telling one and they share none of that
    kind (a shared digit under 10 still counts as agreement)."""
    kinds: dict[str, tuple[set[str], set[str]]] = {}
    for side, particulars in enumerate((mine, theirs)):
        for p in particulars:
            kinds.setdefault(particular_kind(p), (set(), set()))[side].add(p)
    return any(any(map(telling, a)) and any(map(telling, b)) and not a & b
               for a, b in kinds.values())


def two_events(a: StoryState, b: StoryState) -> bool:
    """Whether two stories on one theme tell of two events: what most reports of each
    hold clashes (another toll, another year, another weekday), or each holds a person
    the other never names (one champion's fights against two challengers)."""
    if particulars_clash(held_by_half(a.particulars, len(a.article_ids)),
                          held_by_half(b.particulars, len(b.article_ids))):
        return True
    return all(any(p not in other.people for p in held_by_half(one.people, len(one.article_ids)))
               for one, other in ((a, b), (b, a)))


def date_span(a: dt.date | None, b: dt.date | None, pick: Any) -> dt.date | None:
    dates = [d for d in (a, b) if d is not None]
    return pick(dates) if dates else None



def story_to_dict(story: StoryState) -> dict[str, Any]:
    return {
        "id": story.id, "article_ids": list(story.article_ids), "terms": dict(story.terms),
        "places": dict(story.places), "actors": dict(story.actors), "people": dict(story.people),
        "particulars": dict(story.particulars), "title": story.title,
        "first": story.first.isoformat() if story.first else None,
        "last": story.last.isoformat() if story.last else None,
    }


def story_from_dict(raw: Mapping[str, Any]) -> StoryState:
    return StoryState(
        id=raw["id"], article_ids=list(raw["article_ids"]), terms=Counter(raw["terms"]),
        places=Counter(raw["places"]), actors=Counter(raw["actors"]),
        people=Counter(raw.get("people", {})), particulars=Counter(raw.get("particulars", {})),
        title=raw.get("title", ""),
        first=dt.date.fromisoformat(raw["first"]) if raw.get("first") else None,
        last=dt.date.fromisoformat(raw["last"]) if raw.get("last") else None,
    )
