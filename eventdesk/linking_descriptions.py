"""Descriptions and ages of people, from appositions, back-references and figures.

"Khaled al-Asaad, an 82-year-old antiquities scholar" gives a person a
description and an age; "the antiquities chief" elsewhere in the article is
the person so described; "an 81-year-old scholar" with no name makes a
nameless person a later report may name. Ages also come from the figures
stage and from related-story links that boilerplate removal took out.
`add_references` gives pronouns, "the company" and titles ("Apple CEO") to
the person or organisation they refer to.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from eventdesk.boilerplate import boilerplate_kind
from eventdesk.linking_local import EntityAttribute, LocalEntity
from eventdesk.linking_names import ascii_words, is_title_phrase, name_tables, person_tokens
from eventdesk.model import Extraction, Figure

_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:(\d{1,3})-year-old\s+)?([A-Za-z][\w' -]{2,80}?)"
                    r"(?=\s+(?:who|which|that|whose|said|says|told|has|had|was|is)\b|[,.;:()\u2014]|$)")
_AFTER_AGE = re.compile(r",\s+(?:aged\s+)?(\d{1,3}),")
_BEFORE = re.compile(r"(?:^|[\s(])(?:[A-Z][\w-]*(?:'s|\u2019s)\s+)?((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*),\s*$")
_TITLE = re.compile(r"((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+$")
# A title in any case right before a name ("army spokesman Ahmed Khalil"): the words back to
# the clause's start, less those that open it ("said", "the").
_BARE_TITLE = re.compile(r"((?:[A-Za-z][\w'\u2019-]*\s+){1,4})$")
_NOT_TITLE = frozenset({"said", "says", "told", "tells", "according", "to", "by", "and", "or", "the",
                        "a", "an", "that", "with", "as", "when", "while", "quoted", "quoting", "citing",
                        "cited", "reported", "added", "but", "after", "before", "from", "for", "of", "on", "in", "at",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Ranks between a title and a name ("the army spokesman, Brig. Gen. Ahmed Khalil").
_RANKS = re.compile(r"(?:\b(?:Brig|Gen|Col|Maj|Lt|Capt|Sgt|Adm|Brigadier|General|Colonel|Major|"
                    r"Lieutenant|Captain|Sergeant|Admiral|Marshal|Field)\.?\s+)+$")
_NAMELESS_AGE = re.compile(r"\b(?:an?|the)\s+(\d{1,3})-year-old\s+((?:[A-Za-z-]+\s+){0,3}[A-Za-z-]+)", re.I)
_STOP_DESC = re.compile(r"\s+(?:in|at|from|for|with|on|by|near|who|which|that|to)\b.*$", re.I)


@lru_cache(maxsize=1 << 16)
def _description(phrase: str) -> str:
    """A description's key ("antiquities scholar") when its head noun names a role, else ''."""
    tables = name_tables()
    words = ascii_words(_STOP_DESC.sub("", phrase))
    while words[:1] in (["the"], ["a"], ["an"]):
        words = words[1:]
    head_phrase = words[:words.index("of")] if "of" in words else words
    if not words or not head_phrase or len(words) > 8:
        return ""
    if head_phrase[-1] not in tables.role_heads:
        return ""
    return "" if " ".join(words) in tables.generic else " ".join(words)


def _describe_person(local: LocalEntity, text: str, article_id: str) -> set[tuple[int, int]]:
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


def titles_before(text: str, start: int) -> list[str]:
    """Titles written before a name: 'the army spokesman, Brig. Ahmed Khalil', 'Defence
    Minister Sergei Shoigu', 'militant spokesman Abu Omar' (ranks between are skipped)."""
    before = text[max(0, start - 80):start]
    found = [m.group(1) for m in (_BEFORE.search(_RANKS.sub("", before)), _TITLE.search(before)) if m]
    bare = _BARE_TITLE.search(before)
    if bare:
        words = bare.group(1).split()
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _NOT_TITLE), default=0)
        found += [" ".join(words[cut:])] if words[cut:] else []
    return found


def title_after(text: str, end: int) -> str:
    """The apposition after a name: 'Sergey Shoygu, Russia's defence minister, said'."""
    match = _AFTER.match(text[end:end + 120])
    return match.group(2) if match else ""


def _described_person(description: str, people: list[LocalEntity],
                      nameless: dict[str, LocalEntity], *, order: int) -> LocalEntity:
    """The named person with this description, else the one nameless person so described."""
    owner = next((p for p in people if description in p.descriptions), None)
    if owner is None:
        owner = nameless.setdefault(description, LocalEntity(
            cls="PERSON", order=order, tokens=(), named=False))
        owner.descriptions.add(description)
        owner.labels["PERSON"] += 1
    return owner


def add_descriptions(extraction: Extraction, locals_: list[LocalEntity]) -> list[LocalEntity]:
    """Appositions, ages, back-references and nameless described people of one article."""
    text, article_id = extraction.article.text, extraction.article.id
    people = [x for x in locals_ if x.cls == "PERSON"]
    used: set[tuple[int, int]] = set()
    for person in people:
        used |= _describe_person(person, text, article_id)
    nameless: dict[str, LocalEntity] = {}
    for match in _NAMELESS_AGE.finditer(text):
        if any(s <= match.start() < e for s, e in used):
            continue
        description = _description(match.group(2))
        if not description:
            continue
        owner = _described_person(description, people, nameless,
                                  order=locals_[0].order if locals_ else 0)
        owner.mentions.append((article_id, match.start(), match.end()))
        owner.attributes.append(EntityAttribute("age", str(int(match.group(1))), article_id,
                                                match.start(1), match.end(1)))
    _add_back_references(text, article_id, people)
    _add_age_figures(extraction, people, nameless)
    _add_related_headline_ages(extraction, people, nameless, order=locals_[0].order if locals_ else 0)
    add_references(extraction, locals_)
    return locals_ + list(nameless.values())


# "it is likely that", "it was raining": "it" before these usually refers to nothing.
_PLEONASTIC = re.compile(r"\s+(?:is|was|'s|seems|seemed|appears|appeared|remains|"
                         r"(?:will|would|could|may|might|has|had)\s+be(?:en)?)\b", re.I)


@lru_cache(maxsize=1)
def _reference_pattern() -> re.Pattern[str]:
    tables = name_tables()
    people = "|".join(sorted(tables.person_pronouns))
    orgs = "|".join(sorted(tables.org_pronouns))
    nouns = "|".join(sorted(tables.org_nouns))
    return re.compile(rf"\b(?:(?P<person>{people})|(?P<org>{orgs})|(?P<noun>[Tt]he\s+(?:{nouns})))\b", re.I)


def add_references(extraction: Extraction, locals_: list[LocalEntity]) -> None:
    """Pronouns and "the company" join the person or organisation named last before them.

    The antecedent must be named in the same sentence or at most `reach`
    sentences before; a pronoun with no named person that close refers to no
    entity here. Only the span is added: the names and aliases stay as written.
    """
    named = sorted(((start, end, local) for local in locals_ if local.named and local.cls in {"PERSON", "ORG"}
                    for _, start, end in local.mentions), key=lambda m: (m[0], m[1]))
    taken = {(start, end) for start, end, _ in named}
    text = extraction.article.text
    for mention in extraction.mentions:
        if mention.label == "ORG" and is_title_phrase(mention.text):
            # "Apple CEO Steve Jobs": the title is the person named right after it, or last before it.
            after = next((local for s, _, local in named
                          if local.cls == "PERSON" and 0 <= s - mention.end <= 2), None)
            _refer(extraction, named, (mention.start, mention.end), "PERSON", owner=after)
    for match in _reference_pattern().finditer(text):
        if match.group(0).isupper() or (match.group(0).lower() == "it" and _PLEONASTIC.match(text, match.end())):
            continue  # "IT", "WE" in capitals are acronyms or shouted headlines
        if (match.start(), match.end()) not in taken:
            _refer(extraction, named, match.span(), "PERSON" if match.group("person") else "ORG")


def _refer(extraction: Extraction, named: list[tuple[int, int, LocalEntity]], span: tuple[int, int],
           cls: str, *, owner: LocalEntity | None = None) -> None:
    """Add a span to its owner, or to the entity of this class named last before it within reach."""
    if owner is None:
        before = [(s, local) for s, e, local in named if e <= span[0] and local.cls == cls]
        here = extraction.sentence_at(span[0])
        there = extraction.sentence_at(before[-1][0]) if before else None
        if here is None or there is None or here.index - there.index > name_tables().reference_reach:
            return
        owner = before[-1][1]
    owner.mentions.append((extraction.article.id, *span))


def _add_related_headline_ages(extraction: Extraction, people: list[LocalEntity],
                               nameless: dict[str, LocalEntity], *, order: int) -> None:
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
            owner = _described_person(description, people, nameless, order=order)
            owner.attributes.append(EntityAttribute(
                "age", str(int(match.group(1))), extraction.article.id, -1, -1))


def _add_back_references(text: str, article_id: str, people: list[LocalEntity]) -> None:
    """'the antiquities chief' elsewhere in the article is the person so described."""
    owners: dict[str, list[LocalEntity]] = defaultdict(list)
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


def _age_subject(figure: Figure, people: list[LocalEntity], nameless: dict[str, LocalEntity]) -> LocalEntity | None:
    """The person an age figure is about: named in its `counts`, described, or alone nearby."""
    counts = figure.counts.lower()
    for person in [*people, *nameless.values()]:
        if person.tokens and any(t in person_tokens(counts) for t in person.tokens):
            return person
        if any(d in counts or (counts and counts in d) for d in person.descriptions):
            return person
    return None


def _add_age_figures(extraction: Extraction, people: list[LocalEntity], nameless: dict[str, LocalEntity]) -> None:
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
