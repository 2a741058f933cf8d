"""Cross-report entity linking: one entity per person, organisation or place.

Linking runs in two passes. Within one article, short forms join the full name
they shorten ("Abdelkarim" -> "Mamoun Abdelkarim", "the Observatory" -> "Syrian
Observatory for Human Rights", "IS" after "Islamic State (IS)") and appositions
give a person descriptions and ages ("Khaled al-Asaad, an 82-year-old antiquities
scholar"); pronouns and "the company" join the person or organisation named last
before them, and a title the model calls an organisation ("Apple CEO") joins the
person it titles. Company names compare without legal forms ("Apple Inc." =
"Apple"). Across articles, these local entities merge through blocking keys:
transliteration-aware name keys (Mamoun Abdelkarim = Maamoun Abdulkarim), the
alias table (ISIS = ISIL = Daesh), acronyms, gazetteer ids, and a person's
description for a report that never names him. Every key lookup is a hash probe
into a small block, so the cost grows with the number of mentions, not its
square. Attributes stay per source, so conflicting reports stay visible.

The name keys live in `eventdesk.linking_names`, the within-article pass in
`eventdesk.linking_local` (grouping, short forms, acronyms) and
`eventdesk.linking_descriptions` (appositions, descriptions, ages); this module
holds the cross-article pass and the public API, and re-exports the name keys
and `EntityAttribute`.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventdesk.linking_descriptions import add_descriptions
from eventdesk.linking_local import EntityAttribute, LocalEntity, group_mentions
from eventdesk.linking_names import (
    FUZZY_RATIO, acronym, ascii_words, light_key, name_tables, same_person, same_token, shortens_org, skeleton,
)
# Re-exported for code that imports them from here (the tests take person_tokens).
from eventdesk.linking_names import actor_alias as actor_alias
from eventdesk.linking_names import person_tokens as person_tokens
from eventdesk.model import Extraction

SINGLE_VALUED = frozenset({"age"})  # attributes a person has one value of at a time
MAX_BLOCK = 64  # a key shared by more distinct entities than this says nothing


@dataclass(frozen=True)
class LinkedEntity:
    """A person, organisation or place with every mention of it across reports."""

    id: str
    label: str
    name: str  # canonical: the most complete and frequent form
    aliases: tuple[str, ...]
    mentions: tuple[tuple[str, int, int], ...]  # (article_id, start, end)
    attributes: tuple[EntityAttribute, ...] = ()


@dataclass(frozen=True)
class AttributeConflict:
    """Reports that give one entity different values of a single-valued attribute."""

    entity_id: str
    entity_name: str
    attribute: str
    values: tuple[EntityAttribute, ...]
    reason: str


class _UnionFind:
    """Disjoint sets over local-entity indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        """The root of an item's set."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        """Join two sets; the earlier root stays root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _strong_key(local: LocalEntity) -> tuple[object, ...] | None:
    """A key that is enough on its own to call two local entities one."""
    if not local.named:
        return None
    if local.cls == "PERSON":
        return ("P", *local.tokens) if len(local.tokens) > 1 else None
    if local.cls == "ORG":
        return ("O", light_key(local.canonical) if local.canonical else " ".join(local.tokens))
    if local.cls == "PLACE" and local.geonameid is not None:
        return ("G", local.geonameid)
    return (local.cls, " ".join(local.tokens))


def _candidates(uf: _UnionFind, block: Iterable[int], test: object) -> set[int]:
    """Roots of the block's entities that pass a test (a callable on an index)."""
    roots: set[int] = set()
    for index in block:
        if test(index):  # type: ignore[operator]
            roots.add(uf.find(index))
            if len(roots) > MAX_BLOCK:
                break
    return roots


class _Linker:
    """Cross-article merging of local entities by blocking keys."""

    def __init__(self, locals_: list[LocalEntity]) -> None:
        self.locals = locals_
        self.uf = _UnionFind(len(locals_))
        # Each block holds one index per distinct strong key: entities already joined count once.
        self.blocks: dict[tuple[object, ...], dict[object, int]] = defaultdict(dict)

    def run(self) -> list[list[LocalEntity]]:
        """Merge, then return the local entities of each linked entity."""
        self._merge_strong()
        self._merge_full_names()
        done: set[object] = set()  # one look-up per strong key: its holders are one entity already
        for index, local in enumerate(self.locals):
            key = _strong_key(local)
            if key in done:
                self.uf.union(self.blocks[("K",)][key], index)
                continue
            if key is not None:
                done.add(key)
                self._add(("K",), key, index)
            if local.named and len(local.tokens) == 1 and local.cls in {"PERSON", "ORG"}:
                self._merge_short(index, local)
            elif local.cls == "PLACE" and local.geonameid is None:
                self._merge_place_name(index, local)
        self._merge_nameless()
        groups: dict[int, list[LocalEntity]] = defaultdict(list)
        for index, local in enumerate(self.locals):
            groups[self.uf.find(index)].append(local)
        return list(groups.values())

    def _merge_strong(self) -> None:
        first: dict[tuple[object, ...], int] = {}
        for index, local in enumerate(self.locals):
            key = _strong_key(local)
            if key is not None:
                self.uf.union(first.setdefault(key, index), index)
            self._index(index, local, key if key is not None else ("i", index))

    def _add(self, block: tuple[object, ...], identity: object, index: int) -> None:
        self.blocks[block].setdefault(identity, index)

    def _index(self, index: int, local: LocalEntity, identity: object) -> None:
        if local.cls == "PERSON" and len(local.tokens) > 1:
            self._add(("PL", skeleton(local.tokens[-1])), identity, index)
        elif local.cls == "ORG" and len(local.tokens) > 1:
            self._add(("OA", acronym(" ".join(local.tokens))), identity, index)
            for token in set(local.tokens) - name_tables().org_stop:
                self._add(("OT", token), identity, index)
        elif local.cls == "PLACE":
            key = " ".join(local.tokens)
            self._add(("GN", key), identity, index)
            if len(key) >= 6:
                self._add(("GA", "".join(sorted(key))), identity, index)
        for description in local.descriptions if local.named else ():
            self._add(("D", description), identity, index)

    def _merge_full_names(self) -> None:
        """Full names in one surname block join when first and last names agree."""
        for key, block in list(self.blocks.items()):
            if key[0] != "PL":
                continue
            if len(block) > MAX_BLOCK:
                continue
            items = [(self.locals[index].tokens, index) for index in block.values()]
            for i, (a, ia) in enumerate(items):
                for b, ib in items[i + 1:]:
                    if same_person(a, b):
                        self.uf.union(ia, ib)

    def _merge_short(self, index: int, local: LocalEntity) -> None:
        word = local.tokens[0]
        if local.cls == "PERSON":
            block = self.blocks.get(("PL", skeleton(word)), {}).values()
            tiers = (lambda i: self.locals[i].tokens[-1] == word,
                     lambda i: same_token(self.locals[i].tokens[-1], word))
        else:
            upper = any(form.isupper() for form in local.forms)
            block = self.blocks.get(("OA", word.upper()) if upper else ("OT", word), {}).values()
            tiers = ((lambda i: True,) if upper else (lambda i: shortens_org(word, self.locals[i].tokens),))
        for test in tiers:
            roots = _candidates(self.uf, block, test)
            if len(roots) == 1:
                self.uf.union(roots.pop(), index)
                return
            if roots:
                break
        self._add(("S", local.cls), word, index)
        self.uf.union(self.blocks[("S", local.cls)][word], index)

    def _merge_place_name(self, index: int, local: LocalEntity) -> None:
        key = " ".join(local.tokens)
        roots = _candidates(self.uf, self.blocks.get(("GN", key), {}).values(), lambda i: True)
        if len(roots) > 1:
            return
        for root in roots:
            self.uf.union(root, index)
        fuzzy = self.blocks.get(("GA", "".join(sorted(key))), {}).values()
        similar = _candidates(self.uf, fuzzy, lambda i: difflib.SequenceMatcher(
            None, " ".join(self.locals[i].tokens), key).ratio() >= FUZZY_RATIO)
        others = similar - {self.uf.find(index)}
        if len(others) == 1:
            self.uf.union(others.pop(), index)

    def _merge_nameless(self) -> None:
        """A person a report only describes joins the one named person so described."""
        for index, local in enumerate(self.locals):
            if local.named:
                continue
            for description in local.descriptions:
                roots = _candidates(self.uf, self.blocks.get(("D", description), {}).values(), lambda i: True)
                if len(roots) == 1:
                    self.uf.union(roots.pop(), index)
                    break


def _canonical_name(group: list[LocalEntity]) -> str:
    canonical = Counter(x.canonical for x in group if x.canonical)
    if canonical:
        return canonical.most_common(1)[0][0]
    forms: Counter[str] = Counter()
    for local in group:
        forms.update(local.forms)
    if not forms:
        descriptions = sorted({d for x in group for d in x.descriptions})
        return f"unnamed {descriptions[0]}" if descriptions else "unnamed person"
    # Most complete first (most words, the full acronym expansion), then most frequent.
    return max(forms, key=lambda f: (not f.isupper(), len(ascii_words(f)), forms[f], -len(f), f))


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def place_case(name: str) -> str:
    """A place name a dateline writes in capitals ('BEIRUT', 'PORT SUDAN') as names are written;
    short capitals are an abbreviation ('UAE', 'DRC') and stay."""
    if name.isupper() and any(len(w) >= 4 and w.isalpha() for w in name.split()):
        return string.capwords(name)
    return name


def _build_entity(group: list[LocalEntity], orders: dict[str, int]) -> LinkedEntity:
    labels: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    for local in group:
        labels.update(local.labels)
        forms.update(local.forms)
    name = _canonical_name(group)
    if labels and labels.most_common(1)[0][0] in _PLACE_LABELS:
        name = place_case(name)
    mentions = sorted({m for x in group for m in x.mentions}, key=lambda m: (orders[m[0]], m[1], m[2]))
    attributes = {a for x in group for a in x.attributes}
    attributes |= {EntityAttribute("description", d, x.mentions[0][0], x.mentions[0][1], x.mentions[0][2])
                   for x in group for d in x.descriptions if x.mentions}
    label = labels.most_common(1)[0][0] if labels else "PERSON"
    digest = hashlib.sha1(f"{label}|{name}|{mentions[0] if mentions else ''}".encode()).hexdigest()
    return LinkedEntity(
        id=f"E{digest[:12]}", label=label, name=name,
        aliases=tuple(f for f, _ in forms.most_common() if f != name),
        mentions=tuple(mentions),
        attributes=tuple(sorted(attributes, key=lambda a: (a.name, orders[a.article_id], a.start, a.value))),
    )


def link_entities(extractions: Sequence[Extraction]) -> list[LinkedEntity]:
    """Link the named entities of many reports into one entity per real-world referent."""
    orders = {ex.article.id: i for i, ex in enumerate(extractions)}
    locals_: list[LocalEntity] = []
    for order, extraction in enumerate(extractions):
        locals_ += add_descriptions(extraction, group_mentions(extraction, order))
    groups = _Linker(locals_).run()
    entities = [_build_entity(group, orders) for group in groups]
    return sorted(entities, key=lambda e: (orders[e.mentions[0][0]], e.mentions[0][1]) if e.mentions else (0, 0))


def attribute_conflicts(entities: Sequence[LinkedEntity]) -> list[AttributeConflict]:
    """Entities whose reports give different values of a single-valued attribute."""
    conflicts = []
    for entity in entities:
        by_name: dict[str, list[EntityAttribute]] = defaultdict(list)
        for attribute in entity.attributes:
            if attribute.name in SINGLE_VALUED:
                by_name[attribute.name].append(attribute)
        for name, values in by_name.items():
            distinct = sorted({a.value for a in values})
            if len(distinct) < 2 or len({a.article_id for a in values}) < 2:
                continue
            said = "; ".join(
                f"{value} in report {', '.join(sorted({a.article_id[:12] for a in values if a.value == value}))}"
                for value in distinct)
            conflicts.append(AttributeConflict(
                entity_id=entity.id, entity_name=entity.name, attribute=name, values=tuple(values),
                reason=f"reports disagree on the {name} of {entity.name}: {said}"))
    return conflicts


def assign_entity_ids(extractions: Sequence[Extraction],
                      entities: Sequence[LinkedEntity]) -> list[Extraction]:
    """The extractions with each mention's `entity_id` set from the linked entities."""
    owner = {m: e.id for e in entities for m in e.mentions}
    return [
        dataclasses.replace(ex, mentions=tuple(
            dataclasses.replace(m, entity_id=owner.get((m.article_id, m.start, m.end), m.entity_id))
            for m in ex.mentions))
        for ex in extractions
    ]
