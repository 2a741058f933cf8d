"""The within-article pass of entity linking: one local entity per referent in one article.

Mentions with the same key (name tokens, organisation alias, gazetteer id)
group into a `LocalEntity`; one-word people and organisations fold into the
longer name they shorten, and acronyms the article defines ("Islamic State
(IS)") or the alias table knows add their occurrences. `EntityAttribute` is
one fact a report states about an entity.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from eventdesk.linking_names import (
    acronym, actor_alias, is_title_phrase, light_key, name_tables, org_key, person_tokens, same_token,
    shortens_org,
)
from eventdesk.model import Extraction, Mention

CLASS_OF = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC",
            "NORP": "NORP"}


@dataclass(frozen=True)
class EntityAttribute:
    """One fact about an entity, as one report states it."""

    name: str  # "age", "description"
    value: str
    article_id: str
    start: int
    end: int


@dataclass
class LocalEntity:
    """Mentions of one entity inside one article (mutable while linking)."""

    cls: str
    order: int  # position of its article in the input
    tokens: tuple[str, ...]
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    canonical: str = ""
    geonameid: int | None = None
    descriptions: set[str] = field(default_factory=set)
    attributes: list[EntityAttribute] = field(default_factory=list)
    named: bool = True

    def absorb(self, other: LocalEntity) -> None:
        """Take over another local entity's mentions and facts."""
        self.forms.update(other.forms)
        self.labels.update(other.labels)
        self.mentions += other.mentions
        self.descriptions |= other.descriptions
        self.attributes += other.attributes
        self.canonical = self.canonical or other.canonical
        if len(other.tokens) > len(self.tokens):
            self.tokens = other.tokens

    def add(self, mention: Mention) -> None:
        """Record one mention."""
        self.forms[mention.text] += 1
        self.labels[mention.label] += 1
        self.mentions.append((mention.article_id, mention.start, mention.end))


def _local_key(mention: Mention, cls: str, place_ids: dict[tuple[int, int], int],
               names_ids: dict[str, int] | None = None,
               ) -> tuple[tuple[str, ...], tuple[object, ...], str] | None:
    """The comparison tokens, in-article key and alias canonical of one mention."""
    tables = name_tables()
    if cls == "PERSON":
        tokens = person_tokens(mention.text)
        return (tokens, ("P", *tokens), "") if tokens else None
    key = light_key(mention.text)
    if not key:
        return None
    if cls == "ORG":
        canonical = (tables.short_acronyms.get(mention.text, "") or tables.org_alias.get(key, "")
                     or actor_alias(mention.text))
        key = org_key(mention.text)  # "Apple Inc." and "Apple" are one name
        return tuple(key.split()), ("O", light_key(canonical) if canonical else key), canonical
    if cls == "PLACE" and (mention.start, mention.end) in place_ids:
        return tuple(key.split()), ("G", place_ids[(mention.start, mention.end)]), ""
    if cls == "PLACE" and names_ids and key in names_ids:
        # one sense per discourse: a name the article geocodes elsewhere is that place here too
        return tuple(key.split()), ("G", names_ids[key]), ""
    return tuple(key.split()), (cls[0], key), ""


def _split_joined(mention: Mention) -> list[Mention]:
    """Two names the model read as one ("Syrian Arab News Agency / Reuters") become two."""
    if " / " not in mention.text:
        return [mention]
    parts, offset = [], mention.start
    for piece in mention.text.split(" / "):
        stripped = piece.strip()
        start = offset + piece.find(stripped)
        if stripped:
            parts.append(dataclasses.replace(mention, start=start, end=start + len(stripped), text=stripped))
        offset += len(piece) + 3
    return parts


def group_mentions(extraction: Extraction, order: int) -> list[LocalEntity]:
    """Local entities of one article: mentions with the same key, then short forms folded in."""
    place_ids = {(p.start, p.end): p.geonameid for p in extraction.places if p.geonameid is not None}
    names_ids = {light_key(p.text): p.geonameid for p in extraction.places if p.geonameid is not None}
    by_key: dict[tuple[object, ...], LocalEntity] = {}
    for mention in (part for whole in extraction.mentions for part in _split_joined(whole)):
        cls = CLASS_OF.get(mention.label)
        if cls == "ORG" and is_title_phrase(mention.text):
            continue  # a person's title: linking_descriptions.add_references gives it to the person
        found = _local_key(mention, cls, place_ids, names_ids) if cls else None
        if cls is None or found is None:
            continue
        tokens, key, canonical = found
        local = by_key.setdefault(key, LocalEntity(cls=cls, order=order, tokens=tokens, canonical=canonical))
        if key[0] == "G":
            local.geonameid = key[1]  # type: ignore[assignment]
        local.add(mention)
    locals_ = list(by_key.values())
    _add_acronym_mentions(extraction, locals_)
    return _fold_short_forms(locals_)


def _short_form_target(short: LocalEntity, longer: list[LocalEntity]) -> LocalEntity | None:
    """The one longer local entity a short form abbreviates, if exactly one fits."""
    word = short.tokens[0]
    if short.cls == "PERSON":
        tiers = ([x for x in longer if word in (x.tokens[-1], x.tokens[0])],
                 [x for x in longer if same_token(word, x.tokens[-1])])
    else:
        upper = next(iter(short.forms)).isupper()
        tiers = ([x for x in longer if upper and acronym(" ".join(x.tokens)) == word.upper()],
                 [x for x in longer if shortens_org(word, x.tokens)])
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if tier:
            return None
    return None


def _fold_short_forms(locals_: list[LocalEntity]) -> list[LocalEntity]:
    """Fold one-word people and organisations into the longer name they shorten."""
    kept = []
    for local in locals_:
        if local.cls not in {"PERSON", "ORG"} or len(local.tokens) != 1 or local.canonical:
            kept.append(local)
            continue
        longer = [x for x in locals_ if x.cls == local.cls and len(x.tokens) > 1]
        target = _short_form_target(local, longer)
        if target is None:
            kept.append(local)
        else:
            target.absorb(local)
    return kept


_DEFINED_ACRONYM = re.compile(r"((?:[A-Z][\w'-]*\s+){0,8}[A-Z][\w'-]*)\s+\(([A-Z]{2,6})\)")


def _add_acronym_mentions(extraction: Extraction, locals_: list[LocalEntity]) -> None:
    """Occurrences of an acronym the article defines ("Islamic State (IS)") or the table knows."""
    text = extraction.article.text
    covered = {(s, e) for local in locals_ for (_, s, e) in local.mentions}
    orgs = {light_key(" ".join(x.tokens)): x for x in locals_ if x.cls == "ORG"}
    orgs.update({light_key(x.canonical): x for x in locals_ if x.cls == "ORG" and x.canonical})
    targets: dict[str, LocalEntity] = {}
    for match in _DEFINED_ACRONYM.finditer(text):
        owner = orgs.get(light_key(match.group(1)))
        if owner is None:  # the long name's span may start later ("Ended the Islamic State")
            owner = next((o for k, o in orgs.items() if light_key(match.group(1)).endswith(k)), None)
        if owner is not None:
            targets[match.group(2)] = owner
    for short, canonical in name_tables().short_acronyms.items():
        if light_key(canonical) in orgs:
            targets.setdefault(short, orgs[light_key(canonical)])
    for short, owner in targets.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if (match.start(), match.end()) not in covered and not _in_capitals(text, match.start(), match.end()):
                owner.forms[short] += 1
                owner.labels["ORG"] += 1
                owner.mentions.append((extraction.article.id, match.start(), match.end()))


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether a span sits in a run of capitals (a shouted headline), where 'IS' is a verb."""
    before = re.search(r"([A-Za-z]+)\W{1,3}$", text[max(0, start - 20):start])
    after = re.match(r"\W{1,3}([A-Za-z]+)", text[end:end + 20])
    return any(m is not None and m.group(1).isupper() and len(m.group(1)) > 1 for m in (before, after))
