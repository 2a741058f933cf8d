"""Cross-report entity linking: one entity per person, organisation or place.

Linking runs in two passes. Within one article, short forms join the full name
they shorten ("Abdelkarim" -> "Mamoun Abdelkarim", "the Observatory" -> "Syrian
Observatory for Human Rights", "IS" after "Islamic State (IS)") and appositions
give a person descriptions and ages ("Khaled al-Asaad, an 82-year-old antiquities
scholar"). Across articles, these local entities merge through blocking keys:
transliteration-aware name keys (Mamoun Abdelkarim = Maamoun Abdulkarim), the
alias table (ISIS = ISIL = Daesh), acronyms, gazetteer ids, and a person's
description for a report that never names him. Every key lookup is a hash probe
into a small block, so the cost grows with the number of mentions, not its
square. Attributes stay per source, so conflicting reports stay visible.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from unidecode import unidecode

from eventdesk.boilerplate import boilerplate_kind
from eventdesk.model import Extraction, Figure, Mention

CLASS_OF = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC",
            "NORP": "NORP"}
SINGLE_VALUED = frozenset({"age"})  # attributes a person has one value of at a time
MAX_BLOCK = 64  # a key shared by more distinct entities than this says nothing
FUZZY_RATIO = 0.8


@dataclass(frozen=True)
class EntityAttribute:
    """One fact about an entity, as one report states it."""

    name: str  # "age", "description"
    value: str
    article_id: str
    start: int
    end: int


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


@dataclass(frozen=True)
class _Tables:
    org_alias: dict[str, str]  # light key of an alias -> canonical name
    short_acronyms: dict[str, str]  # two-letter acronyms, matched in capitals only
    titles: frozenset[str]
    particles: frozenset[str]
    fusing: frozenset[str]
    org_stop: frozenset[str]
    role_heads: frozenset[str]
    generic: frozenset[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = tomllib.loads(
        resources.files("eventdesk.data").joinpath("linking_aliases.toml").read_text("utf-8"))
    alias: dict[str, str] = {}
    short: dict[str, str] = {}
    for canonical, others in raw["organisations"].items():
        for name in (canonical, *others):
            if len(name) <= 2 and name.isupper():
                short[name] = canonical
            else:
                alias[light_key(name)] = canonical
    names, roles = raw["names"], raw["roles"]
    return _Tables(alias, short, frozenset(names["titles"]), frozenset(names["particles"]),
                   frozenset(names["fusing"]), frozenset(names["org_stopwords"]),
                   frozenset(roles["heads"]), frozenset(roles["generic"]))


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of a name; apostrophes vanish, hyphens split."""
    folded = unidecode(text).lower().replace("'", "").replace("`", "")
    return re.findall(r"[a-z0-9]+", folded)


@lru_cache(maxsize=1 << 16)
def light_key(text: str) -> str:
    """A spelling-insensitive key: ASCII, lower case, no punctuation, no leading 'the'."""
    words = ascii_words(text)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def person_tokens(text: str) -> tuple[str, ...]:
    """Name words without titles or articles, Abdel-/Abu- prefixes fused to the next word."""
    tables = _tables()
    words = ascii_words(text)
    while len(words) > 1 and words[0] in tables.titles:
        words = words[1:]
    tokens: list[str] = []
    fuse = ""
    for word in words:
        if word in tables.particles and (fuse or len(words) > 1):
            continue
        if word in tables.fusing:
            fuse = "abu" if word.startswith(("abu", "abou")) else "abd"
            continue
        for prefix in ("abdel", "abdul", "abdal", "abdol"):
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                word = "abd" + word[len(prefix):]
        tokens.append(fuse + word)
        fuse = ""
    if fuse:
        tokens.append(fuse)
    return tuple(tokens)


_TRANSLIT = (("kh", "h"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("dh", "d"),
             ("gh", "g"), ("q", "k"), ("ck", "k"), ("dj", "j"), ("ei", "i"))


@lru_cache(maxsize=1 << 16)
def skeleton(token: str) -> str:
    """A transliteration-blind key: common digraphs folded, doubles and inner vowels dropped."""
    for old, new in _TRANSLIT:
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)
    return token[:1] + re.sub(r"[aeiouy]", "", token[1:])


def same_token(a: str, b: str) -> bool:
    """Whether two name words are one name spelled two ways."""
    if a == b:
        return True
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    if skeleton(a) == skeleton(b) and len(skeleton(a)) >= 3 and ratio >= 0.7:  # not Hassan/Hussein
        return True
    return min(len(a), len(b)) >= 5 and ratio >= FUZZY_RATIO + 0.05


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full names (two or more words each) name one person."""
    return same_token(a[0], b[0]) and same_token(a[-1], b[-1])


@lru_cache(maxsize=1 << 16)
def acronym(text: str) -> str:
    """Initials of an organisation's significant words ("SOHR")."""
    stop = _tables().org_stop
    return "".join(w[0] for w in ascii_words(text) if w not in stop).upper()


@dataclass
class _Local:
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

    def absorb(self, other: _Local) -> None:
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
    tables = _tables()
    if cls == "PERSON":
        tokens = person_tokens(mention.text)
        return (tokens, ("P", *tokens), "") if tokens else None
    key = light_key(mention.text)
    if not key:
        return None
    if cls == "ORG":
        canonical = (tables.short_acronyms.get(mention.text, "") or tables.org_alias.get(key, "")
                     or actor_alias(mention.text))
        return tuple(key.split()), ("O", light_key(canonical) if canonical else key), canonical
    if cls == "PLACE" and (mention.start, mention.end) in place_ids:
        return tuple(key.split()), ("G", place_ids[(mention.start, mention.end)]), ""
    if cls == "PLACE" and names_ids and key in names_ids:
        # one sense per discourse: a name the article geocodes elsewhere is that place here too
        return tuple(key.split()), ("G", names_ids[key]), ""
    return tuple(key.split()), (cls[0], key), ""


@lru_cache(maxsize=1 << 14)
def actor_alias(text: str) -> str:
    """The armed group the events stage's actor table names by exactly this phrase, or ''."""
    try:
        from eventdesk.actors import named_group, words_of
    except ImportError:  # the actor table is optional: linking keeps its own aliases
        return ""
    words = words_of(text)
    group = named_group(words, text.split()) if words else None
    if group is None or (tuple(words) not in group.aliases and text not in group.acronyms):
        return ""
    return re.sub(r"\s*\(\{?\w*\}?\)", "", group.name).strip()


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


def _group_mentions(extraction: Extraction, order: int) -> list[_Local]:
    """Local entities of one article: mentions with the same key, then short forms folded in."""
    place_ids = {(p.start, p.end): p.geonameid for p in extraction.places if p.geonameid is not None}
    names_ids = {light_key(p.text): p.geonameid for p in extraction.places if p.geonameid is not None}
    by_key: dict[tuple[object, ...], _Local] = {}
    for mention in (part for whole in extraction.mentions for part in _split_joined(whole)):
        cls = CLASS_OF.get(mention.label)
        found = _local_key(mention, cls, place_ids, names_ids) if cls else None
        if cls is None or found is None:
            continue
        tokens, key, canonical = found
        local = by_key.setdefault(key, _Local(cls=cls, order=order, tokens=tokens, canonical=canonical))
        if key[0] == "G":
            local.geonameid = key[1]  # type: ignore[assignment]
        local.add(mention)
    locals_ = list(by_key.values())
    _add_acronym_mentions(extraction, locals_)
    return _fold_short_forms(locals_)


def _short_form_target(short: _Local, longer: list[_Local]) -> _Local | None:
    """The one longer local entity a short form abbreviates, if exactly one fits."""
    word = short.tokens[0]
    if short.cls == "PERSON":
        tiers = ([x for x in longer if word in (x.tokens[-1], x.tokens[0])],
                 [x for x in longer if same_token(word, x.tokens[-1])])
    else:
        upper = next(iter(short.forms)).isupper()
        stop = _tables().org_stop
        tiers = ([x for x in longer if upper and acronym(" ".join(x.tokens)) == word.upper()],
                 [x for x in longer if word in x.tokens and word not in stop])
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if tier:
            return None
    return None


def _fold_short_forms(locals_: list[_Local]) -> list[_Local]:
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


def _add_acronym_mentions(extraction: Extraction, locals_: list[_Local]) -> None:
    """Occurrences of an acronym the article defines ("Islamic State (IS)") or the table knows."""
    text = extraction.article.text
    covered = {(s, e) for local in locals_ for (_, s, e) in local.mentions}
    orgs = {light_key(" ".join(x.tokens)): x for x in locals_ if x.cls == "ORG"}
    orgs.update({light_key(x.canonical): x for x in locals_ if x.cls == "ORG" and x.canonical})
    targets: dict[str, _Local] = {}
    for match in _DEFINED_ACRONYM.finditer(text):
        owner = orgs.get(light_key(match.group(1)))
        if owner is None:  # the long name's span may start later ("Ended the Islamic State")
            owner = next((o for k, o in orgs.items() if light_key(match.group(1)).endswith(k)), None)
        if owner is not None:
            targets[match.group(2)] = owner
    for short, canonical in _tables().short_acronyms.items():
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


_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:(\d{1,3})-year-old\s+)?([A-Za-z][\w' -]{2,80}?)"
                    r"(?=\s+(?:who|which|that|whose|said|says|told|has|had|was|is)\b|[,.;:()\u2014]|$)")
_AFTER_AGE = re.compile(r",\s+(?:aged\s+)?(\d{1,3}),")
_BEFORE = re.compile(r"(?:^|[\s(])(?:[A-Z][\w-]*(?:'s|\u2019s)\s+)?((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*),\s*$")
_TITLE = re.compile(r"((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+$")
_NAMELESS_AGE = re.compile(r"\b(?:an?|the)\s+(\d{1,3})-year-old\s+((?:[A-Za-z-]+\s+){0,3}[A-Za-z-]+)", re.I)
_STOP_DESC = re.compile(r"\s+(?:in|at|from|for|with|on|by|near|who|which|that|to)\b.*$", re.I)


@lru_cache(maxsize=1 << 16)
def _description(phrase: str) -> str:
    """A description's key ("antiquities scholar") when its head noun names a role, else ''."""
    tables = _tables()
    words = ascii_words(_STOP_DESC.sub("", phrase))
    while words[:1] in (["the"], ["a"], ["an"]):
        words = words[1:]
    head_phrase = words[:words.index("of")] if "of" in words else words
    if not words or not head_phrase or len(words) > 8:
        return ""
    if head_phrase[-1] not in tables.role_heads:
        return ""
    return "" if " ".join(words) in tables.generic else " ".join(words)


def _describe_person(local: _Local, text: str, article_id: str) -> set[tuple[int, int]]:
    """Descriptions and ages from appositions around a person's mentions; their spans."""
    used: set[tuple[int, int]] = set()
    for _, start, end in list(local.mentions):
        after = text[end:end + 120]
        match = _AFTER.match(after) or _AFTER_AGE.match(after)
        if match and match.re is _AFTER:
            description = _description(match.group(2))
            if description or match.group(1):
                if description:
                    local.descriptions.add(description)
                used.add((end + match.start(), end + match.end()))
        if match and match.group(1):
            local.attributes.append(EntityAttribute("age", str(int(match.group(1))), article_id,
                                                    end + match.start(1), end + match.end(1)))
        before = text[max(0, start - 80):start]
        for pattern in (_BEFORE, _TITLE):
            found = pattern.search(before)
            if found and (description := _description(found.group(1))):
                local.descriptions.add(description)
    return used


def _add_descriptions(extraction: Extraction, locals_: list[_Local]) -> list[_Local]:
    """Appositions, ages, back-references and nameless described people of one article."""
    text, article_id = extraction.article.text, extraction.article.id
    people = [x for x in locals_ if x.cls == "PERSON"]
    used: set[tuple[int, int]] = set()
    for person in people:
        used |= _describe_person(person, text, article_id)
    nameless: dict[str, _Local] = {}
    for match in _NAMELESS_AGE.finditer(text):
        if any(s <= match.start() < e for s, e in used):
            continue
        description = _description(match.group(2))
        if not description:
            continue
        owner = next((p for p in people if description in p.descriptions), None)
        if owner is None:
            owner = nameless.setdefault(description, _Local(
                cls="PERSON", order=locals_[0].order if locals_ else 0, tokens=(), named=False))
            owner.descriptions.add(description)
            owner.labels["PERSON"] += 1
        owner.mentions.append((article_id, match.start(), match.end()))
        owner.attributes.append(EntityAttribute("age", str(int(match.group(1))), article_id,
                                                match.start(1), match.end(1)))
    _add_back_references(text, article_id, people)
    _add_age_figures(extraction, people, nameless)
    _add_related_headline_ages(extraction, people, nameless, order=locals_[0].order if locals_ else 0)
    return locals_ + list(nameless.values())


def _add_related_headline_ages(extraction: Extraction, people: list[_Local],
                               nameless: dict[str, _Local], *, order: int) -> None:
    """Ages stated only in a related-story link that boilerplate removal took out of the text.

    Such a link is the report's own claim ("Related: ... Beheaded an 81-Year-Old Antiquities
    Scholar"), so its age is kept as an attribute with no span (start = end = -1).
    """
    for line in extraction.article.removed_boilerplate:
        if boilerplate_kind(line, first=False) != "related link":
            continue
        for match in _NAMELESS_AGE.finditer(line):
            description = _description(match.group(2))
            if not description:
                continue
            owner = next((p for p in people if description in p.descriptions), None)
            if owner is None:
                owner = nameless.setdefault(description, _Local(
                    cls="PERSON", order=order, tokens=(), named=False))
                owner.descriptions.add(description)
                owner.labels["PERSON"] += 1
            owner.attributes.append(EntityAttribute(
                "age", str(int(match.group(1))), extraction.article.id, -1, -1))


def _add_back_references(text: str, article_id: str, people: list[_Local]) -> None:
    """'the antiquities chief' elsewhere in the article is the person so described."""
    owners: dict[str, list[_Local]] = defaultdict(list)
    for person in people:
        for description in person.descriptions:
            owners[description].append(person)
    for description, candidates in owners.items():
        if len(candidates) != 1:
            continue
        pattern = rf"\b(?:[Tt]he|[A-Z][\w-]*(?:'s|\u2019s))\s+{re.escape(description)}\b"
        for match in re.finditer(pattern, text, re.I):
            span = (article_id, match.start(), match.end())
            if not any(s <= match.start() < e for _, s, e in candidates[0].mentions):
                candidates[0].mentions.append(span)


def _age_subject(figure: Figure, people: list[_Local], nameless: dict[str, _Local]) -> _Local | None:
    """The person an age figure is about: named in its `counts`, described, or alone nearby."""
    counts = figure.counts.lower()
    for person in [*people, *nameless.values()]:
        if person.tokens and any(t in person_tokens(counts) for t in person.tokens):
            return person
        if any(d in counts or (counts and counts in d) for d in person.descriptions):
            return person
    return None


def _add_age_figures(extraction: Extraction, people: list[_Local], nameless: dict[str, _Local]) -> None:
    """Ages the figures stage found (kind 'age'), unless an apposition already gave them."""
    for figure in extraction.figures:
        if figure.kind != "age" or figure.low is None:
            continue
        subject = _age_subject(figure, people, nameless)
        if subject is None:
            continue
        value = str(int(figure.low))
        known = {(a.value, a.article_id) for a in subject.attributes if a.name == "age"}
        if (value, figure.article_id) not in known:
            subject.attributes.append(EntityAttribute("age", value, figure.article_id,
                                                      figure.start, figure.end))


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


def _strong_key(local: _Local) -> tuple[object, ...] | None:
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

    def __init__(self, locals_: list[_Local]) -> None:
        self.locals = locals_
        self.uf = _UnionFind(len(locals_))
        # Each block holds one index per distinct strong key: entities already joined count once.
        self.blocks: dict[tuple[object, ...], dict[object, int]] = defaultdict(dict)

    def run(self) -> list[list[_Local]]:
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
        groups: dict[int, list[_Local]] = defaultdict(list)
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

    def _index(self, index: int, local: _Local, identity: object) -> None:
        if local.cls == "PERSON" and len(local.tokens) > 1:
            self._add(("PL", skeleton(local.tokens[-1])), identity, index)
        elif local.cls == "ORG" and len(local.tokens) > 1:
            self._add(("OA", acronym(" ".join(local.tokens))), identity, index)
            for token in set(local.tokens) - _tables().org_stop:
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

    def _merge_short(self, index: int, local: _Local) -> None:
        word = local.tokens[0]
        if local.cls == "PERSON":
            block = self.blocks.get(("PL", skeleton(word)), {}).values()
            tiers = (lambda i: self.locals[i].tokens[-1] == word,
                     lambda i: same_token(self.locals[i].tokens[-1], word))
        else:
            upper = any(form.isupper() for form in local.forms)
            block = self.blocks.get(("OA", word.upper()) if upper else ("OT", word), {}).values()
            tiers = (lambda i: True,)
        for test in tiers:
            roots = _candidates(self.uf, block, test)
            if len(roots) == 1:
                self.uf.union(roots.pop(), index)
                return
            if roots:
                break
        self._add(("S", local.cls), word, index)
        self.uf.union(self.blocks[("S", local.cls)][word], index)

    def _merge_place_name(self, index: int, local: _Local) -> None:
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


def _canonical_name(group: list[_Local]) -> str:
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


def _build_entity(group: list[_Local], orders: dict[str, int]) -> LinkedEntity:
    name = _canonical_name(group)
    labels: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    for local in group:
        labels.update(local.labels)
        forms.update(local.forms)
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
    locals_: list[_Local] = []
    for order, extraction in enumerate(extractions):
        locals_ += _add_descriptions(extraction, _group_mentions(extraction, order))
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
