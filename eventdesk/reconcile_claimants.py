"""Who stands behind a figure, and whether it is a party to the fighting.

A claimant is partisan by its own name or the body it speaks for ("state media",
"Russia's ministry of defence", "SANA"), by what a body is called beside its
name ("the official news agency SANA"), or, for a person, by a title beside the
name that names a side ("Defence Minister Ivan Petrenko", "Ahmed Khalil, an army
spokesman", "militant spokesman Abu Omar", "a spokesman for the rebels, Musa
Idris"). A title without a side ("UN spokesman", "director") leaves a person
neutral, and a body outside the fighting ("a UN official", "hospital officials")
is neutral though "official" alone would count as the government's. The cue words are in `data/linking_reconcile.toml`, `[claimants]`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventdesk.linking import LinkedEntity, ascii_words
from eventdesk.linking_descriptions import title_after, titles_before
from eventdesk.linking_names import name_tables
from eventdesk.model import Claim, Extraction

# Head nouns of what a body is called beside its name ("the official news agency SANA").
BODY_HEADS = frozenset({"agency", "media", "television", "tv", "channel", "broadcaster", "newspaper",
                        "radio", "outlet", "ministry", "monitor", "group", "network", "watchdog"})


@dataclass(frozen=True)
class _Cues:
    partisan: tuple[str, ...]  # in a claimant's name or a body's description
    neutral: tuple[str, ...]  # bodies outside the fighting, whatever title their speaker has
    sides: tuple[str, ...]  # in a person's title


@lru_cache(maxsize=1)
def reconcile_tables() -> dict:
    """`data/linking_reconcile.toml`, read once for reconcile and for the claimants' cues."""
    return tomllib.loads(
        resources.files("eventdesk.data").joinpath("linking_reconcile.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    claimants = reconcile_tables()["claimants"]
    return _Cues(tuple(claimants["partisan"]), tuple(claimants["neutral"]), tuple(claimants["sides"]))


@lru_cache(maxsize=4)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b")


def _mentions_any(text: str, cues: tuple[str, ...]) -> bool:
    return bool(text) and _cue_pattern(cues).search(text.lower()) is not None


def named_as_party(text: str) -> bool:
    """Whether a claimant's name as written says it is a party: 'state media', 'SANA', 'the army';
    not when it names a body outside the fighting ('a UN official', 'hospital officials')."""
    return _mentions_any(text, _cues().partisan) and not _mentions_any(text, _cues().neutral)


def takes_a_side(title: str) -> bool:
    """Whether a person's title names a party to the fighting: 'defence minister', 'army spokesman'."""
    return _mentions_any(title, _cues().sides)


def is_partisan(claimant: str, *, kind: str, affiliation: str = "", role: str = "") -> bool:
    """Whether a claimant is a party to the fighting, by its name, its body, or the title beside it."""
    if named_as_party(f"{claimant} {affiliation}"):
        return True
    return takes_a_side(role) if kind == "person" else named_as_party(role)


def _is_role(phrase: str, kind: str) -> bool:
    """A title of a person ('army spokesman') or what a body is called ('state news agency')."""
    words = ascii_words(phrase)
    if not 0 < len(words) <= 8:
        return False
    if kind == "person":
        return any(w in name_tables().role_heads for w in words)
    return words[-1] in BODY_HEADS


def claim_role(extraction: Extraction, claim: Claim) -> str:
    """The claimant's title or description written beside its name in this report."""
    start, text = claim.mention_start, extraction.article.text
    if start is None or claim.claimant_kind not in ("person", "organisation", "media"):
        return ""
    end = next((m.end for m in extraction.mentions if m.start == start), None)
    if end is None:  # no entity span: the name runs over its capitalised words
        found = re.match(r"[\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]*)*", text[start:start + 80])
        end = start + (found.end() if found else 0)
    for phrase in (title_after(text, end), *titles_before(text, start)):
        if _is_role(phrase, claim.claimant_kind):
            return " ".join(phrase.split())
    return ""


def entity_roles(entities: Sequence[LinkedEntity] | None) -> dict[str, str]:
    """A person's canonical name -> a title some report gives him ('defence minister'),
    one that puts him on a side first."""
    roles: dict[str, str] = {}
    for entity in entities or ():
        titles = [a.value for a in entity.attributes if a.name == "description"]
        if entity.label == "PERSON" and titles:
            roles[entity.name] = max(titles, key=lambda t: (takes_a_side(t), -titles.index(t)))
    return roles


__all__ = ["claim_role", "entity_roles", "is_partisan", "named_as_party", "reconcile_tables", "takes_a_side"]
