"""Claims reconciliation: every figure about one quantity, side by side.

A quantity is one thing counted: an event (or event cluster), a kind of figure
and whom it counts ("militants killed in the battle"). Its scope sets it apart
from a part of it ("killed by Russian warplanes") and from a count over a whole
war ("people killed in the conflict"). For each quantity the claims keep their
claimant, outlet, date and qualifier; low / best / high follow UCDP: low is the
most conservative well-sourced figure (ACLED's rule), high the highest credible
one, best the most-cited value or else the median of independent claimants. A
party to the fighting (its army, ministry, state media, a militant spokesman: by
the claimant's name, the body it speaks for, or the title written beside a
person's name) is counted but sets the best estimate only when no neutral source
gives a figure; such a best is flagged as resting on partisan claims alone
(who is a party: `eventdesk.reconcile_claimants`).
Qualifiers become intervals ("at least 400" = [400, inf), "about 450" = about
405-495), and claims whose figures differ beyond what those allow are flagged
with the reason in words. Grouping is one hash per figure: linear in figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventdesk.linking import LinkedEntity, ascii_words, light_key
from eventdesk.reconcile_claimants import claim_role, entity_roles, is_partisan, named_as_party, reconcile_tables
from eventdesk.linking_names import name_tables as _name_tables
from eventdesk.model import Claim, Extraction, Figure

INF = math.inf
APPROX = 0.1  # "about 450" covers 405-495
BROAD = "conflict"
SAME_EVENT_DAYS = 3  # tolls of events dated further apart are different events
MAX_SIBLINGS = 64  # more candidate quantities than this: too ambiguous to fold into one


@dataclass(frozen=True)
class QuantityClaim:
    """One source's figure (or numberless statement) about a quantity."""

    article_id: str
    claimant: str
    claimant_kind: str
    outlet: str
    published: dt.date | None
    qualifier: str
    low: float | None
    high: float | None
    text: str  # the figure as written
    start: int
    end: int
    sentence: int
    counts: str = ""
    vague: bool = False
    statement: str = ""
    affiliation: str = ""  # the body a person claimant speaks for
    role: str = ""  # the claimant's title as written beside the name ("Russia's defence minister")
    party: bool = False  # the claimant as the report names it ("SANA") is a party to the fighting

    @property
    def partisan(self) -> bool:
        """Whether a party to the fighting makes the claim."""
        return self.party or is_partisan(self.claimant, kind=self.claimant_kind, affiliation=self.affiliation,
                                         role=self.role)

    @property
    def source(self) -> str:
        """Who stands behind the figure: the body a spokesperson speaks for, else the claimant."""
        return self.affiliation or self.claimant

    @property
    def interval(self) -> tuple[float, float]:
        """Every value the claim allows, given its qualifier."""
        return claim_interval(self.low, self.high, self.qualifier, vague=self.vague)

    @property
    def stated(self) -> str:
        """The figure in words: 'at least 400', '400-450'."""
        if self.low is None:
            return self.statement or self.text
        if self.vague:  # "hundreds (coded 100)": the words as written, and ACLED's conservative value
            return f"{vague_words(self.text, self.counts)} (coded {_number(self.low)})"
        value = _number(self.low) + (f"-{_number(self.high)}" if self.high not in (None, self.low) else "")
        return f"{self.qualifier} {value}".strip() if self.qualifier not in ("between", "including") else value


@dataclass(frozen=True)
class Disagreement:
    """Claims about one quantity that differ beyond what their qualifiers allow."""

    kind: str  # contradiction, disagreement, differing estimates, revision
    claims: tuple[QuantityClaim, ...]
    reason: str


@dataclass(frozen=True)
class Quantity:
    """Every claim about one counted thing, with UCDP-style low, best and high."""

    id: str
    label: str
    kind: str
    counts: str
    scope: str  # "" (the event itself), "conflict", or "by Russian warplanes"
    event: str  # event cluster or event key; "" for the story as a whole
    claims: tuple[QuantityClaim, ...]
    statements: tuple[QuantityClaim, ...] = ()
    low: float | None = None
    best: float | None = None
    high: float | None = None
    disagreements: tuple[Disagreement, ...] = ()
    part_of: str | None = None  # id of the quantity this one is a part of
    best_partisan: bool = False  # the best estimate rests on partisan claims alone


@dataclass(frozen=True)
class _Tables:
    group_of: dict[str, str]
    broad: tuple[str, ...]
    means: tuple[str, ...]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = reconcile_tables()
    group_of = {word: group for group, words in raw["groups"].items() for word in words}
    return _Tables(group_of, tuple(raw["scope"]["broad"]), tuple(raw["scope"]["means"]))


def vague_words(text: str, counts: str) -> str:
    """'hundreds of militants' counting 'militants' -> 'hundreds'."""
    if counts and text.endswith(counts) and len(text) > len(counts):
        text = re.sub(r"\s+of$", "", text[:-len(counts)].strip())
    return text


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def claim_interval(low: float | None, high: float | None, qualifier: str, *,
                   vague: bool = False) -> tuple[float, float]:
    """The values a figure allows: 'at least 400' -> (400, inf), 'about 450' -> (405, 495)."""
    if low is None:
        return (0.0, INF)
    top = high if high is not None else low
    if vague:
        return (low, INF)  # ACLED's conservative value for "dozens": a floor, not a count
    rules = {
        "at least": (low, INF),
        "more than": (math.nextafter(low, INF), INF),
        "about": (low * (1 - APPROX), top * (1 + APPROX)),
        "nearly": (low * (1 - APPROX), math.nextafter(top, -INF)),
        "up to": (0.0, top),
        "less than": (0.0, math.nextafter(top, -INF)),
    }
    return rules.get(qualifier, (low, top))


def stated_window(claim: QuantityClaim) -> tuple[float, float]:
    """The count a claim gives: its number, widened only by approximation words."""
    assert claim.low is not None
    top = claim.high if claim.high is not None else claim.low
    if claim.qualifier == "about":
        return (claim.low * (1 - APPROX), top * (1 + APPROX))
    if claim.qualifier == "nearly":
        return (claim.low * (1 - APPROX), top)
    return (claim.low, top)


def _shared_point(windows: Iterable[tuple[float, float]]) -> bool:
    windows = list(windows)
    return max(w[0] for w in windows) <= min(w[1] for w in windows)


def _sentence_of(extraction: Extraction, figure: Figure) -> tuple[str, int]:
    """The figure's sentence text and its start offset."""
    if 0 <= figure.sentence < len(extraction.sentences):
        sentence = extraction.sentences[figure.sentence]
        return extraction.article.text[sentence.start:sentence.end], sentence.start
    text = extraction.article.text
    start = max(text.rfind(".", 0, figure.start) + 1, 0)
    end = text.find(".", figure.end)
    return text[start:end if end >= 0 else len(text)], start


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


_NOT_AGENTS = frozenset({
    "the", "a", "an", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "said", "says", "and", "but", "that",
})


def _in_a_name(sentence: str, found: re.Match[str]) -> bool:
    """A cue whose last word is capitalised inside the sentence, or at its start before another
    capitalised word, is part of a name ('the Valley Conflict Monitor', 'The War Crimes Desk')."""
    last = found.group().split()[-1]
    if not last[0].isupper():
        return False
    following = sentence[found.end():].split()[:1]
    return bool(sentence[:found.start()].strip()) or bool(following and following[0][0].isupper())


def _broad_cue(sentence: str, start: int, end: int) -> bool:
    """Whether a war-wide cue ('the conflict', 'since 2011') not inside a name is written in
    sentence[start:end]."""
    return any(not _in_a_name(sentence, found)
               for found in _broad_pattern().finditer(sentence, start, min(end, len(sentence))))


@lru_cache(maxsize=1)
def _broad_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_phrase_pattern(_tables().broad)})\b", re.IGNORECASE)


def figure_scope(extraction: Extraction, figure: Figure) -> str:
    """'conflict' for a war-wide count, 'by <agent> <means>' for a part of a toll, else ''."""
    sentence, offset = _sentence_of(extraction, figure)
    start, end = figure.start - offset, figure.end - offset
    if _broad_cue(sentence, max(0, start - 60), end + 90):
        return BROAD
    means = _phrase_pattern(_tables().means)
    agent = r"((?:[A-Z][\w'\u2019-]*\s+){1,3})"
    after = re.search(rf"^[^.;]{{0,60}}?\b(?:by|in|from)\s+(?:the\s+)?{agent}({means})\b", sentence[end:])
    before = re.search(rf"{agent}({means})\b[^.;]{{0,80}}?\bkill\w*\b[^.;]{{0,30}}$", sentence[:start])
    found = after or before
    agent = [w for w in found.group(1).split() if w.lower() not in _NOT_AGENTS] if found else []
    return f"by {' '.join(agent)} {found.group(2)}" if found and agent else ""


def _actor(figure: Figure, entities: Mapping[str, str]) -> tuple[str, str]:
    """The counted group's actor as (key, display name): 'ISIS militants' -> Islamic State."""
    if figure.counts_actor:
        name = re.sub(r"\s*\(.*?\)", "", figure.counts_actor)
        return light_key(name), name
    names = _name_tables()
    words = figure.counts.split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i:i + size])
            canonical = names.short_acronyms.get(phrase) or names.org_alias.get(light_key(phrase))
            canonical = canonical or entities.get(light_key(phrase))
            if canonical:
                return light_key(canonical), canonical
    return "", ""


def counted_group(counts: str) -> str:
    """The class of whom a figure counts: militants, troops, civilians, people, or the head noun."""
    words = ascii_words(counts)
    for word in reversed(words):
        if word in _tables().group_of:
            return _tables().group_of[word]
    return words[-1] if words else "unspecified"


_Claimant = tuple[str, str, str, str, bool]  # name, kind, affiliation, role, named as a party


def _claimant(extraction: Extraction, index: int, claims: Mapping[int, Claim],
              entities: Mapping[str, str]) -> _Claimant:
    """Whoever claims a figure, in the story's canonical spelling, with the title beside the name."""
    claim = claims.get(index)
    if claim is None:
        return (extraction.article.outlet or "the report", "outlet", "", "", False)
    name = entities.get(light_key(claim.claimant), claim.claimant)
    affiliation = entities.get(light_key(claim.affiliation), claim.affiliation) if claim.affiliation else ""
    return (name, claim.claimant_kind, affiliation, claim_role(extraction, claim),
            named_as_party(f"{claim.claimant} {claim.medium}"))


def _quantity_claim(extraction: Extraction, figure: Figure, claimant: _Claimant) -> QuantityClaim:
    article = extraction.article
    return QuantityClaim(
        article_id=article.id, claimant=claimant[0], claimant_kind=claimant[1], outlet=article.outlet,
        published=article.published, qualifier=figure.qualifier, low=figure.low, high=figure.high,
        text=figure.text, start=figure.start, end=figure.end, sentence=figure.sentence,
        counts=figure.counts, vague=figure.vague, affiliation=claimant[2], role=claimant[3],
        party=claimant[4])


def _cluster_index(clusters: Any) -> dict[tuple[str, int], str]:
    """(article_id, event index) -> cluster id, from a mapping or clusters with `members`."""
    if clusters is None:
        return {}
    if isinstance(clusters, Mapping):
        return {tuple(k): str(v) for k, v in clusters.items()}  # type: ignore[misc]
    index: dict[tuple[str, int], str] = {}
    for number, cluster in enumerate(clusters):  # eventdesk.coref.EventCluster: id and members
        cluster_id = str(getattr(cluster, "id", number))
        for mention in getattr(cluster, "members", None) or getattr(cluster, "mentions", ()):
            key = tuple(mention[:2]) if isinstance(mention, tuple) else (mention.article_id, mention.index)
            index[key] = cluster_id  # type: ignore[index]
    return index


def _event_key(extraction: Extraction, figure: Figure, clusters: Mapping[tuple[str, int], str]) -> str:
    """The event a figure belongs to: its cluster, or its event's type and place."""
    if figure.event_index is None or not 0 <= figure.event_index < len(extraction.events):
        return ""
    key = (extraction.article.id, figure.event_index)
    if key in clusters:
        return clusters[key]
    event = extraction.events[figure.event_index]
    place = ""
    if event.place_index is not None and 0 <= event.place_index < len(extraction.places):
        found = extraction.places[event.place_index]
        place = str(found.geonameid) if found.geonameid is not None else light_key(found.text)
    return f"{event.event_type}|{place}" if place else ""


def _entity_names(entities: Sequence[LinkedEntity] | None) -> dict[str, str]:
    """Every surface form of a linked entity -> its canonical name."""
    names: dict[str, str] = {}
    for entity in entities or ():
        for form in (entity.name, *entity.aliases):
            names.setdefault(light_key(form), entity.name)
    return names


@dataclass
class _Draft:
    kind: str
    group: str
    scope: str
    event: str
    actor: str
    items: list[tuple[int, QuantityClaim]]
    actor_name: str = ""
    event_types: set[str] = field(default_factory=set)
    dates: set[dt.date] = field(default_factory=set)


def _collect(extractions: Sequence[Extraction], clusters: Mapping[tuple[str, int], str],
             names: Mapping[str, str]) -> dict[tuple[str, ...], _Draft]:
    """Group every figure under (event, kind, group, scope, actor)."""
    drafts: dict[tuple[str, ...], _Draft] = {}
    for order, extraction in enumerate(extractions):
        claims = {c.figure_index: c for c in extraction.claims if c.figure_index is not None}
        for index, figure in enumerate(extraction.figures):
            if figure.kind == "age":
                continue  # a person's attribute, handled by entity linking
            scope = figure_scope(extraction, figure)
            event = "" if scope == BROAD else _event_key(extraction, figure, clusters)
            group, (actor, actor_name) = counted_group(figure.counts), _actor(figure, names)
            key = (event, figure.kind, group, scope, actor)
            draft = drafts.setdefault(key, _Draft(figure.kind, group, scope, event, actor, [], actor_name))
            claim = _quantity_claim(extraction, figure, _claimant(extraction, index, claims, names))
            draft.items.append((order, claim))
            if event and figure.event_index is not None:
                found = extraction.events[figure.event_index]
                draft.event_types.add(found.event_type)
                if found.date is not None and found.date_precision in ("day", "hour", "minute", "second"):
                    draft.dates.add(found.date)
    return drafts


def _share_roles(drafts: Iterable[_Draft], described: Mapping[str, str]) -> None:
    """A person named bare in one report ('Petrenko said') takes the title another report
    writes beside his name, else the description linking gave him."""
    drafts = list(drafts)
    written = {c.claimant: c.role for d in drafts for _, c in d.items if c.claimant_kind == "person" and c.role}
    for draft in drafts:
        draft.items = [(order, dataclasses.replace(c, role=written.get(c.claimant) or described.get(c.claimant, ""))
                        if c.claimant_kind == "person" and not c.role else c) for order, c in draft.items]


def _distinct_events(a: _Draft, b: _Draft) -> bool:
    """Whether two event-level drafts are about events the reports tell apart.

    Attaching a figure to an event is the least certain step upstream, so two
    tolls of one group are kept apart only on firm evidence: different kinds of
    event, dates days apart, or one report giving a toll for each.
    """
    if a.event_types and b.event_types and not a.event_types & b.event_types:
        return True
    if a.dates and b.dates and min(abs((x - y).days) for x in a.dates for y in b.dates) > SAME_EVENT_DAYS:
        return True
    return bool({c.article_id for _, c in a.items} & {c.article_id for _, c in b.items})


def _merge_events(drafts: dict[tuple[str, ...], _Draft]) -> dict[tuple[str, ...], _Draft]:
    """Join drafts of one counted group whose events the reports do not tell apart."""
    by_what: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key, draft in drafts.items():
        if draft.event and draft.scope != BROAD:
            by_what.setdefault((draft.kind, draft.group, draft.scope, draft.actor), []).append(key)
    for keys in by_what.values():
        kept: list[_Draft] = []
        for key in keys[:MAX_SIBLINGS]:
            draft = drafts[key]
            target = next((k for k in kept if not _distinct_events(k, draft)), None)
            if target is None:
                kept.append(draft)
                continue
            target.items += draft.items
            target.event_types |= draft.event_types
            target.dates |= draft.dates
            draft.items = []
    return {key: draft for key, draft in drafts.items() if draft.items}


def _fold(drafts: dict[tuple[str, ...], _Draft]) -> list[_Draft]:
    """Fold figures with no event or no actor into the one quantity they can only be part of."""
    siblings: dict[tuple[str, str, str], list[_Draft]] = {}
    for draft in drafts.values():
        siblings.setdefault((draft.kind, draft.group, draft.scope), []).append(draft)
    for key in sorted(drafts, key=lambda k: (k[0] != "", k[4] != "")):
        draft = drafts[key]
        if draft.scope == BROAD or (draft.event and draft.actor):
            continue
        found = [d for d in siblings[(draft.kind, draft.group, draft.scope)][:MAX_SIBLINGS]
                 if d is not draft and d.items and (not draft.event or d.event == draft.event)
                 and (not draft.actor or d.actor == draft.actor) and (d.event or d.actor)]
        if len(found) > 1:  # the same source counting the same group says which one it means
            sources = {c.source for _, c in draft.items}
            found = [d for d in found if sources & {c.source for _, c in d.items}]
        if len(found) == 1:
            found[0].items += draft.items
            draft.items = []
    return [d for d in drafts.values() if d.items]


def _best_pool(numbered: Sequence[QuantityClaim]) -> list[QuantityClaim]:
    """The claims the best estimate is drawn from: neutral sources' counts, else their vague
    amounts, else the parties' own counts (UCDP: a party's figure is the best only alone)."""
    neutral = [c for c in numbered if not c.partisan]
    return ([c for c in neutral if not c.vague] or neutral
            or [c for c in numbered if not c.vague] or list(numbered))


def estimate_range(claims: Sequence[QuantityClaim]) -> tuple[float | None, float | None, float | None]:
    """UCDP's low / best / high over the claims that give a number."""
    numbered = [c for c in claims if c.low is not None]
    if not numbered:
        return (None, None, None)
    # "hundreds" coded as 100 is the conservative reading of a real claim, so it can set low;
    # best prefers claims that give a count, and lies between low and high either way.
    pool = _best_pool(numbered)
    low = min(c.low for c in numbered)  # type: ignore[type-var]
    high = max(c.high if c.high is not None else c.low for c in numbered)  # type: ignore[type-var]
    cited = Counter(c.low for c in {(c.source, c.low): c for c in pool}.values())
    top = cited.most_common(2)
    if top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return (low, top[0][0], high)
    best = statistics.median_low(sorted(c.low for c in pool))  # type: ignore[type-var]
    return (low, best, high)


def _source(claim: QuantityClaim) -> str:
    """'Sergei Shoigu (Russia's defence minister; Frontline Monitor, 2017-03-04) says more than 1,000'."""
    when = f", {claim.published.isoformat()}" if claim.published else ""
    notes = [claim.role] if claim.role and not claim.affiliation else []
    notes += [f"{claim.outlet}{when}"] if claim.outlet and claim.outlet != claim.claimant else []
    of = f" of the {claim.affiliation}" if claim.affiliation else ""
    return f"{claim.claimant}{of}{' (' + '; '.join(notes) + ')' if notes else ''} says {claim.stated}"


def find_disagreement(claims: Sequence[QuantityClaim], *, broad: bool = False) -> Disagreement | None:
    """A flag when the claims' figures cannot all be one count, with the reason in words."""
    numbered = list({(c.claimant, c.qualifier, c.low, c.high): c
                     for c in claims if c.low is not None}.values())
    if len(numbered) < 2 or _shared_point(stated_window(c) for c in numbered):
        return None
    said = "; ".join(_source(c) for c in numbered)
    lows = [c.low for c in numbered]
    spread = f"the figures range from {_number(min(lows))} to {_number(max(lows))}"  # type: ignore[type-var]
    if len({c.source for c in numbered}) == 1:
        return Disagreement("revision", tuple(numbered), f"{said}: the same source revised its figure")
    if not _shared_point(c.interval for c in numbered):
        return Disagreement("contradiction", tuple(numbered),
                            f"{said}: {spread}, and the claims cannot all be true")
    if broad:
        return Disagreement("differing estimates", tuple(numbered),
                            f"{said}: estimates of the overall toll differ; {spread}")
    return Disagreement("disagreement", tuple(numbered),
                        f"{said}: {spread}; the qualifiers leave room for both, "
                        f"but the sources give different counts")


HUMAN_KINDS = frozenset({"killed", "wounded", "captured", "displaced", "missing", "arrested"})


def _label(draft: _Draft, claims: Sequence[QuantityClaim]) -> str:
    counts = Counter(c.counts for c in claims if c.counts)
    who = counts.most_common(1)[0][0] if counts else draft.group
    if len(counts) > 1 and draft.actor_name:
        who = f"{draft.actor_name} {draft.group}"
    who = re.sub(r"^(?:(?:their|its|his|her|the|these|those)\s+)+", "", who)
    # "vehicles destroyed"; but "sorties" and "air strikes" counted as strikes say so already
    participle = draft.kind.endswith("ed") and draft.kind not in who.lower()
    what = f"{who} {draft.kind}" if draft.kind in HUMAN_KINDS or not counts or participle else who
    where = {"": "", BROAD: " in the wider conflict"}.get(draft.scope, f" {draft.scope}")
    return f"{what}{where}".strip()


def _quantity(draft: _Draft, names: Mapping[str, str]) -> Quantity:
    items = sorted(draft.items, key=lambda item: (item[1].published or dt.date.min, item[0], item[1].start))
    claims = [c for _, c in items if c.low is not None]
    statements = tuple(c for _, c in items if c.low is None)
    low, best, high = estimate_range(claims)
    flag = find_disagreement(claims, broad=draft.scope == BROAD)
    partisan_only = bool(claims) and all(c.partisan for c in claims)
    key = "|".join((draft.event, draft.kind, draft.group, draft.scope, draft.actor))
    return Quantity(
        id="Q" + hashlib.sha1(key.encode()).hexdigest()[:10], label=_label(draft, claims),
        kind=draft.kind, counts=draft.group, scope=draft.scope, event=draft.event,
        claims=tuple(claims), statements=statements, low=low, best=best, high=high,
        disagreements=(flag,) if flag else (), best_partisan=partisan_only)


def _link_parts(quantities: list[Quantity], drafts: list[_Draft]) -> list[Quantity]:
    """A scoped quantity ('by Russian warplanes') is part of its event's whole toll."""
    wholes: dict[tuple[str, ...], list[str]] = {}
    for quantity, draft in zip(quantities, drafts, strict=True):
        if draft.scope == "":
            wholes.setdefault((draft.event, draft.kind, draft.group), []).append(quantity.id)
            wholes.setdefault(("*", draft.kind, draft.group), []).append(quantity.id)
    linked = []
    for quantity, draft in zip(quantities, drafts, strict=True):
        # The strike may be coded as its own event: then the story's one whole toll is the parent.
        parents = wholes.get((draft.event, draft.kind, draft.group)) or wholes.get(("*", draft.kind, draft.group), [])
        if draft.scope not in ("", BROAD) and len(parents) == 1:
            quantity = Quantity(**{**quantity.__dict__, "part_of": parents[0]})
        linked.append(quantity)
    return linked


def reconcile_figures(extractions: Sequence[Extraction], *, clusters: Any = None,
                      entities: Sequence[LinkedEntity] | None = None) -> list[Quantity]:
    """Group every figure by the quantity it counts, with low/best/high and disagreements."""
    names = _entity_names(entities)
    collected = _collect(extractions, _cluster_index(clusters), names)
    _share_roles(collected.values(), entity_roles(entities))
    drafts = _fold(_merge_events(collected))
    quantities = [_quantity(draft, names) for draft in drafts]
    quantities = _link_parts(quantities, drafts)
    return sorted(quantities, key=lambda q: (q.scope == BROAD, q.part_of is not None,
                                             -len(q.claims), q.label))


def claim_statements(extractions: Sequence[Extraction], *,
                     entities: Sequence[LinkedEntity] | None = None) -> list[QuantityClaim]:
    """Claims that carry no figure ('Assad called it a significant achievement'), kept as statements."""
    names = _entity_names(entities)
    found = []
    for extraction in extractions:
        article = extraction.article
        for claim in extraction.claims:
            if claim.figure_index is not None:
                continue
            found.append(QuantityClaim(
                article_id=article.id, claimant=names.get(light_key(claim.claimant), claim.claimant),
                claimant_kind=claim.claimant_kind, outlet=article.outlet, published=article.published,
                qualifier="", low=None, high=None, text=claim.statement, start=claim.start,
                end=claim.end, sentence=claim.sentence, statement=claim.statement))
    return found


def disagreements(quantities: Sequence[Quantity]) -> list[tuple[Quantity, Disagreement]]:
    """Every flagged disagreement with the quantity it is about, for a 'Sources disagree' section."""
    return [(q, d) for q in quantities for d in q.disagreements]


__all__ = [
    "Disagreement", "Quantity", "QuantityClaim", "claim_interval", "claim_statements",
    "counted_group", "disagreements", "estimate_range", "figure_scope", "find_disagreement",
    "reconcile_figures", "stated_window",
]
