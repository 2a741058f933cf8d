"""Events in ACLED's sense: type, sub-type, actors, place, date and fatalities.

Triggers come from a lexicon shipped as data (`data/events_en.toml`); the
dependency parse gives each trigger its actors (`eventdesk.actor_roles.roles_of`),
drops what did not happen (negated, modal, future, purpose clauses) and keeps
reported speech. Dates come from the times stage, places from the places
stage and fatalities from the figures: per counted group the most
conservative figure, groups added. Repeated mentions of one event in an
article merge into one `Event` carrying all its sentences.

The trigger lexicon and the word tests live in `eventdesk.event_triggers`,
the per-sentence candidates in `eventdesk.event_candidates`, merging and
fatalities in `eventdesk.event_merge`, which event is the note's own in
`eventdesk.event_rank`, and whether a crowd that attacks the police was
demonstrating in `eventdesk.event_crowds`; this module dates, places and
settles the sides of the merged events and is the stage's entry point.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventdesk import times
from eventdesk.actor_tables import policing_branch
from eventdesk.actors import (Actor, ActorContext, ActorMention, article_context, find_actors, generic_militants,
                              is_coded_town, state_actor)
from eventdesk.event_candidates import ARMED, Candidate, previous_actor, sentence_candidates
from eventdesk.event_crowds import demonstrating_crowd
from eventdesk.event_figures import assign_figures
from eventdesk.event_merge import VIOLENT_TYPES, memorial_of, merge_candidates
from eventdesk.event_phrases import has_phrase
from eventdesk.event_tolls import fatalities_of
from eventdesk.event_rank import arrests_of_the_crowd, rank_events
from eventdesk.event_triggers import event_lexicon, matching_triggers, protest_word
from eventdesk.model import Event, Extraction, Figure, Place, TimeExpr
from eventdesk.nlp import sentence_tokens
from eventdesk.numbers import amount_at
from eventdesk.settings import Options

_SUMMARY_CHARS = 240


def _date_of(extraction: Extraction, doc: Doc, candidate: Candidate) -> None:
    """Date a candidate with the times stage's `event_date`."""
    time, source = times.event_date(extraction, sentence=candidate.sentence,
                                    trigger_start=candidate.trigger.idx, doc=doc)
    if time is not None and time.sentence == candidate.sentence and _belongs_elsewhere(doc, time, candidate):
        rest = dataclasses.replace(extraction, times=tuple(t for t in extraction.times if t != time))
        time, source = times.event_date(rest, sentence=candidate.sentence, trigger_start=candidate.trigger.idx,
                                        doc=doc)
    if time is not None and time.sentence != candidate.sentence and _during_a_past_rule(candidate.trigger):
        time, source = None, "none"  # "During its second occupation, IS destroyed ...": no day of its own
    offset = _days_apart(candidate.trigger)
    if time is not None and offset and time.precision == "day" and time.first is not None and time.first == time.last:
        day = time.first + dt.timedelta(days=offset)  # "two days after government forces drove IS out"
        time = dataclasses.replace(time, value=day.isoformat(), first=day, last=day)
    candidate.time, candidate.date_source = time, source
    candidate.strong_date = time is not None and (
        source == "governing" or (source == "nearest" and time.sentence == candidate.sentence))


_RULE_NOUNS = frozenset({"occupation", "rule", "control", "siege", "reign", "presence", "tenure"})


def _during_a_past_rule(trigger: Token) -> bool:
    """'During its second occupation, IS destroyed the theatre': set in a period the article does not
    date here, so another sentence's date is not its date."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    return any(p.dep_ == "prep" and p.lower_ == "during" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in _RULE_NOUNS for o in p.children) for p in verb.children)


_SPAN_DAYS = {"day": 1, "week": 7}


def _days_apart(trigger: Token) -> int:
    """'..., two days after government forces drove IS out': how many days the trigger's clause lies
    before (negative) or after the date of the clause it hangs from; 0 when not told."""
    current = trigger
    for _ in range(4):
        marks = [c.lower_ for c in current.children if c.dep_ == "mark" and c.lower_ in {"after", "before"}]
        spans = [c for c in current.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _SPAN_DAYS]
        if marks and spans:
            count = _count_of(spans[0])
            if count is None:
                return 0
            days = count * _SPAN_DAYS[spans[0].lemma_.lower()]
            return -days if marks[0] == "after" else days
        if current.dep_ == "ROOT" or current.head is current:
            return 0
        current = current.head
    return 0


def _count_of(noun: Token) -> int | None:
    """'two days' 2, 'a day' 1, '3 weeks' 3."""
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if number is None:
        return 1 if any(c.dep_ == "det" and c.lower_ in {"a", "an", "one"} for c in noun.children) else None
    amount = amount_at([number.lower_], 0)
    return int(amount.low) if amount is not None and amount.low is not None and amount.low < 60 else None


def _is_clause(token: Token) -> bool:
    """A verb, or a word the tagger called a noun that still heads a clause ('was overrun')."""
    return token.pos_ == "VERB" or any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in token.children)


def _belongs_elsewhere(doc: Doc, time: TimeExpr, candidate: Candidate) -> bool:
    """'regained Palmyra, which was overrun in May': the date hangs from another trigger's clause."""
    token = doc.char_span(time.start, time.end, alignment_mode="expand")
    if token is None:
        return False
    lexicon = event_lexicon()
    low, high = sorted((candidate.trigger.i, token.root.i))
    # verbs the trigger is coordinated with share its date: "On 9 May, gunmen stormed X and shot dead seven"
    coordinated = _coordinated(candidate.trigger)
    if any(_is_clause(t) and t.i not in coordinated and matching_triggers(t, lexicon) for t in doc[low + 1:high]):
        return True  # another event's verb stands between this trigger and the date
    current = token.root
    for _ in range(8):
        if current.i == candidate.trigger.i:
            return False
        if current is not candidate.trigger and _is_clause(current) and matching_triggers(current, lexicon) \
                and current.dep_ in {"relcl", "advcl", "acl", "ccomp", "conj"}:
            return True
        if current.head is current:
            return False
        current = current.head
    return False


def _coordinated(trigger: Token) -> set[int]:
    """Token indices of the verbs a trigger is coordinated with, up its chain of conjuncts."""
    found, current = set(), trigger
    while current.dep_ == "conj" and current.head is not current:
        current = current.head
        found.add(current.i)
    return found


_BRACKET_OPEN = re.compile(r"\([^()]*$")


# "Chabahar and Rask (Sistan and Baluchestan)": the bracket holds both towns, the first named leads
# "in Dembi Dolo, Kellem Wollega zone (Oromia)": the town before its division and the bracket
_TOWN_THEN_DIVISION = re.compile(r"(?: town)?, (?:[A-Z][\w'-]*\s){1,3}(?:[Zz]one|[Dd]istrict|[Cc]ounty|[Pp]rovince|LGA|"
                                 r"[Tt]erritory|[Ww]oreda|[Dd]epartment|[Pp]refecture|[Gg]overnorate)\s\(")
_FIRST_OF_TWO_TOWNS = re.compile(r" and [A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,2} \(")


def _bracket_rank(place: Place, text: str) -> int:
    """0 for the town ACLED's notes code, 'Town (Region)' (or the first of 'Town and Town (Region)');
    1 for the bracketed region; 2 otherwise."""
    if is_coded_town(text, place.end) or _FIRST_OF_TWO_TOWNS.match(text, place.end) \
            or _TOWN_THEN_DIVISION.match(text, place.end):
        return 0
    return 1 if _BRACKET_OPEN.search(text[max(0, place.start - 60):place.start]) else 2


# "a Britain-based monitoring group": where an organisation sits, not where anything happened
_BASED_IN = re.compile(r"-(?:based|headquartered)\b", re.IGNORECASE)
# "Russia's defence ministry said its warplanes struck ...": a country in the possessive names
# whose forces or officials act, not where
_POSSESSIVE = re.compile(r"['\u2019]s?\b")


def _may_locate(place: Place, text: str) -> bool:
    """Whether a place mention can say where an event happened."""
    if not place.resolved or _BASED_IN.match(text, place.end):
        return False
    return not (place.precision == 6 and _POSSESSIVE.match(text, place.end))


def _place_of(places: Sequence[Place], sentences: set[int] | None, trigger_start: int, text: str,
              skip: frozenset[int] = frozenset()) -> int | None:
    """The event's place: the bracketed town of 'Town (Region)', else its region (for a town the
    gazetteer lacks), else the most specific resolved place, nearest the trigger; None for
    `sentences` means any sentence; places in `skip` never locate."""
    best: tuple[tuple[int, int, int], int] | None = None
    for index, place in enumerate(places):
        if (sentences is not None and place.sentence not in sentences) or not _may_locate(place, text) \
                or index in skip:
            continue
        key = (_bracket_rank(place, text), place.precision or 9, abs(place.start - trigger_start))
        if best is None or key < best[0]:
            best = (key, index)
    return best[1] if best else None


_SPEECH_VERBS = frozenset({"say", "tell", "speak", "announce", "quote", "brief", "add", "state", "declare"})


def _speaker_places(doc: Doc, places: Sequence[Place]) -> frozenset[int]:
    """Places that only say where someone spoke ('"...," he told reporters in Damascus') or where a
    munition was fired from ('a rocket fired from Lebanon hit a house'), not where anything happened."""
    launched = event_lexicon().context["launched"]
    found = set()
    for index, place in enumerate(places):
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "pobj":
            continue
        prep = span.root.head
        holder = prep.head
        if holder.pos_ in {"NOUN", "PROPN"} and holder.dep_ in {"dobj", "dative"}:
            holder = holder.head  # "told reporters in Damascus"
        lemma = holder.lemma_.lower()
        if prep.lower_ in {"in", "at", "from"} and lemma in _SPEECH_VERBS or prep.lower_ == "from" and lemma in launched:
            found.add(index)
    return frozenset(found)


# "Russia began launching airstrikes", "Turkey struck targets in Iraq": a country that acts is a side
_ACTING_VERBS = frozenset({"launch", "begin", "start", "strike", "bomb", "shell", "attack", "conduct", "carry",
                           "fire", "send", "deploy", "invade", "target", "hit", "intervene", "escalate"})


def _acting_countries(doc: Doc, places: Sequence[Place]) -> set[int]:
    """Countries named as the subject of an act of war, or as its owner: who acted, not where."""
    found = set()
    for index, place in enumerate(places):
        if place.feature_code not in {"PCLI", "PCLD", "PCLS", "PCLF", "PCL"}:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        owner = span.root.dep_ in {"compound", "amod", "nmod", "poss"}  # "US aircraft", "Russia's warplanes"
        subject = span.root.head if owner else span.root
        if subject.dep_ == "nsubj" and (owner or subject.head.lemma_.lower() in _ACTING_VERBS):
            found.add(index)  # "US aircraft struck the port", "the US military gave no toll": whose men, not where
    return found


def _main_place(candidates: Sequence[Candidate]) -> int | None:
    """The article's main event place: where its most confident event placed in its own sentence happened."""
    placed = [c for c in candidates if c.place_index is not None]
    if not placed:
        return None
    return max(placed, key=lambda c: (c.confidence, -c.sentence)).place_index


_CLAIMABLE = frozenset({"attack", "responsibility", "bombing", "killing", "assault", "blast", "explosion", "ambush",
                        "abduction", "kidnapping", "raid", "operation", "strike"})


def _claimer(sent: Span, mentions: Sequence[ActorMention]) -> Actor | None:
    """The armed group said to be behind an attack: 'IS claimed the attack', 'Boko Haram is suspected'."""
    armed = [m for m in mentions if m.actor.kind in {"rebel", "militia", "external", "state"}]
    messages = event_lexicon().context["signed_message"]
    for token in sentence_tokens(sent):
        lemma = token.lemma_.lower()
        if lemma == "sign" and token.dep_ == "acl" and token.head.lemma_.lower() in messages and (
                signer := [m for m in armed if token.i < m.head and token.doc[m.head] in token.subtree]):
            return signer[0].actor  # "a banner signed by the CJNG was left next to the bodies"
        if token.pos_ != "VERB" or lemma not in {"claim", "suspect", "blame"}:
            continue
        if lemma == "claim" and not any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMABLE for c in token.children):
            continue
        if token.dep_ == "amod":
            continue  # 'killing 3 suspected gang members': a participle on the noun blames no one
        before = [m for m in armed if m.end <= token.i] if lemma != "blame" else armed
        if before:
            return before[-1].actor if lemma != "blame" else before[0].actor
    return None


def _apply_claimers(merged: Sequence[Candidate], claimers: dict[int, Actor]) -> None:
    """A claimed attack takes the claimer as its first actor, the target moving to the second."""
    for sentence, actor in claimers.items():
        targets = [c for c in merged if sentence - 2 <= c.sentence <= sentence and c.type in VIOLENT_TYPES]
        if not targets:
            continue
        target = max(targets, key=lambda c: c.sentence)
        if target.actor1 is not None and target.actor1.kind in {"rebel", "militia", "external"}:
            continue
        if target.actor1 is not None and target.actor2 is None and target.actor1 != actor:
            target.actor2 = target.actor1
        target.actor1 = actor
        target.sentences.add(sentence)


_UNCLAIMED_DEVICES = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})


def _finalise_sides(candidate: Candidate, context: ActorContext) -> None:
    """Protests are by protesters, riots by rioters; a force that intervened is the second actor;
    an unclaimed bomb is the article's main armed group's, else an unidentified group's; armed men
    loot and destroy civilians' property; unnamed 'security forces' that arrest are the country's
    policing branch."""
    country = context.country
    force = candidate.actor1
    if candidate.sub == "Arrests" and force is not None and force.unspecified_branch \
            and (branch := policing_branch(force.country)):
        # "security forces arrested 4 people in Alexandria": where one branch polices (Egypt's interior ministry)
        candidate.actor1 = state_actor(force.country, role=branch, year=context.year)
    if candidate.sub in _UNCLAIMED_DEVICES and candidate.actor1 is None:
        # a bomb no one is named for: the note's main armed group (or the one that wages the
        # country's insurgency), else an unidentified armed group
        candidate.actor1 = generic_militants((), country, context)
    if candidate.sub == "Looting/property destruction" and candidate.actor2 is None \
            and candidate.actor1 is not None and candidate.actor1.kind in ARMED:
        candidate.actor2 = Actor(f"Civilians ({country})" if country else "Civilians", "civilian", country)
    if candidate.type == "Violence against civilians" and candidate.actor1 is None:
        # a killing or kidnapping no one is named for is coded to an unidentified armed group
        candidate.actor1 = Actor(f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group",
                                 "unidentified", country)
    if candidate.type == "Violence against civilians" and candidate.actor2 is None:
        # violence against civilians has civilians on the receiving end, named or not
        candidate.actor2 = Actor(f"Civilians ({country})" if country else "Civilians", "civilian", country)
    if candidate.type not in {"Protests", "Riots"}:
        return
    crowd_kind = "protester" if candidate.type == "Protests" else "rioter"
    label = "Protesters" if crowd_kind == "protester" else "Rioters"
    crowd = Actor(f"{label} ({country})" if country else label, crowd_kind, country)
    forces = [a for a in (candidate.actor1, candidate.actor2) if a is not None and a.kind in {"state", "police"}]
    victims = [a for a in (candidate.actor1, candidate.actor2) if a is not None and a.kind == "civilian"]
    candidate.actor1 = crowd
    if candidate.sub == "Mob violence":
        candidate.actor2 = victims[0] if victims else candidate.actor2
    elif forces:
        f = forces[0]
        candidate.actor2 = state_actor(f.country, role="police", year=context.year) if f.unspecified_branch else f
    elif candidate.actor2 is not None and candidate.actor2.kind in {"protester", "rioter", "civilian"}:
        candidate.actor2 = None


_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _peaceful_transfer(candidate: Candidate, sentences: Sequence[Span]) -> None:
    """'Troops entered the city after the enemy withdrew. No clashes were reported.': no battle."""
    if candidate.sub not in _TERRITORY:
        return
    cues = event_lexicon().context["no_fight"]
    text = " ".join(s.text.lower() for s in sentences[candidate.sentence:candidate.sentence + 2])
    if any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in cues):
        candidate.type, candidate.sub = "Strategic developments", "Non-violent transfer of territory"


_ASSAULT_LEMMAS = frozenset({"storm", "assault", "overrun", "attack", "raid", "advance", "clash"})


def _assault_after_shelling(candidate: Candidate) -> None:
    """'Houthi forces shelled and then stormed government positions': a ground assault the shelling
    prepared is a fight between the two sides, as ACLED codes it (Armed clash)."""
    if candidate.sub != "Shelling/artillery/missile attack" or candidate.actor2 is None \
            or candidate.actor2.kind not in ARMED:
        return
    if any(c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in _ASSAULT_LEMMAS
           for c in candidate.trigger.children):
        candidate.type, candidate.sub = "Battles", "Armed clash"


def _met_in_next_sentence(candidate: Candidate, sentences: Sequence[Span], busy: set[int]) -> None:
    """'Thousands rallied outside parliament. Police used tear gas to disperse them.': force told in the
    next sentence, which tells no event of its own, or in an 'until' clause, met the protest."""
    following = candidate.sentence + 1
    if candidate.type != "Protests" or candidate.sub != "Peaceful protest":
        return
    intervention = event_lexicon().protest["intervention"]
    ended = [c for c in candidate.trigger.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in {"until", "till"} for m in c.children)]
    if any(has_phrase(list(c.subtree), intervention) for c in ended):  # type: ignore[arg-type]
        candidate.sub = "Protest with intervention"  # "staged a sit-in until police dispersed them"
    elif following < len(sentences) and following not in busy and has_phrase(sentences[following], intervention):
        candidate.sub = "Protest with intervention"
        candidate.sentences.add(following)


def _remembered_deaths(candidate: Candidate) -> None:
    """'students held a vigil in memory of the 8 people killed in the blast': deaths a protest
    remembers are no force used on it."""
    if (candidate.type, candidate.sub) != ("Protests", "Excessive force against protesters"):
        return
    sent = candidate.trigger.sent
    remembered = {t.i for node in sent if memorial_of(node) or _victims_of(node) for t in node.subtree}
    if not remembered:
        return
    rest = [t for t in sent if t.i not in remembered]
    protest = event_lexicon().protest
    if not has_phrase(rest, protest["excessive"]):  # type: ignore[arg-type]
        met = has_phrase(rest, protest["intervention"])  # type: ignore[arg-type]
        candidate.sub = "Protest with intervention" if met else "Peaceful protest"


def _victims_of(node: Token) -> bool:
    """'relatives of the victims of a roof collapse that killed more than 200 people': what killed those
    a crowd mourns is the cause it gathers over, no force used on it."""
    return node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() == "victim"


def _fire_on_protest(candidate: Candidate) -> None:
    """'police opened fire on students enforcing a shutdown': the victims were protesting, so the
    attack is force used on a protest (Excessive force against protesters)."""
    if (candidate.type, candidate.sub) != ("Violence against civilians", "Attack"):
        return
    lexicon = event_lexicon()
    protest_words = lexicon.context["protest_acts"]
    for target in (t for t in candidate.trigger.subtree if t.dep_ in {"pobj", "dobj"} and t.pos_ == "NOUN"):
        for act in (c for c in target.children if c.dep_ in {"acl", "relcl"}):
            if act.lemma_.lower() in lexicon.context["modality_heads"]:
                continue  # "shot a teacher who had defied the boycott": no part of it
            objects = {g.lemma_.lower() for g in act.children if g.dep_ == "dobj"}
            if protest_word(act) or objects & protest_words:
                candidate.type, candidate.sub = "Protests", "Excessive force against protesters"
                return


def _deadly_intervention(candidate: Candidate, own: Sequence[Figure], sentences: Sequence[Span]) -> None:
    """'security forces fired on demonstrators ... 17 civilians died': force on a protest that killed
    is excessive force (ACLED's sub-type for lethal force on protesters), also when the force and
    the deaths are told in a sentence of their own that joined the protest ('Police fired live
    rounds, and 8 demonstrators were shot dead')."""
    if candidate.type != "Protests" or not any(f.kind == "killed" and f.low and f.qualifier != "including"
                                               for f in own):
        return
    intervention = event_lexicon().protest["intervention"]
    met = candidate.sub == "Protest with intervention" or candidate.sub == "Peaceful protest" and any(
        has_phrase(sentences[i], intervention) for i in candidate.sentences if 0 <= i < len(sentences))
    if met:
        candidate.sub = "Excessive force against protesters"


def _force_that_met(candidate: Candidate, all_mentions: Sequence[Sequence[ActorMention]]) -> None:
    """'Thousands marched ... Police fired live rounds': the state force that met a protest, told in
    a sentence the protest took in, is its second side."""
    if candidate.type != "Protests" or candidate.sub == "Peaceful protest" or candidate.actor2 is not None:
        return
    for index in sorted(candidate.sentences - {candidate.sentence}):
        force = next((m.actor for m in all_mentions[index] if m.actor.kind in {"police", "state"}), None)
        if force is not None:
            candidate.actor2 = force
            return


def _killed_abductees(candidate: Candidate, own: Sequence[Figure], text: str) -> None:
    """'abducted a local official ... his body was found two days later': when every person taken is
    reported dead, the abduction was a killing (Attack)."""
    if candidate.sub != "Abduction/forced disappearance":
        return
    killed = fatalities_of(own, event_type=candidate.type, sub_type=candidate.sub, text=text)
    taken = sum(f.low or 0.0 for f in own if f.kind == "captured" and f.qualifier != "including")
    if killed and taken and killed >= taken:
        candidate.sub = "Attack"


def _article_backers(doc: Doc, all_mentions: Sequence[Sequence[ActorMention]],
                     quiet: set[int]) -> list[Actor]:
    """Supporters named anywhere ('it took the backing of Russian airstrikes and Hezbollah').

    In a sentence with no event of its own (`quiet`), every armed actor after
    a backing word is a supporter: the parse of such lists is often wrong.
    """
    backing = event_lexicon().context["backing"]
    found: list[Actor] = []
    for index, (sent, mentions) in enumerate(zip(doc.sents, all_mentions, strict=True)):
        cue = next((t.i for t in sentence_tokens(sent) if t.lemma_.lower() in backing and t.lower_ != "help"), None)
        if index in quiet and cue is not None:
            found.extend(m.actor for m in mentions if m.start > cue and m.actor.kind in ARMED
                         and m.actor not in found)
            continue
        for mention in mentions:
            current = doc[mention.head]
            for _ in range(6):
                if current.lemma_.lower() in backing or current.lower_ in backing:
                    if mention.actor.kind in ARMED and mention.actor not in found:
                        found.append(mention.actor)
                    break
                head = current.head  # a new Token each time: compare positions, not objects
                if head.i == current.i:
                    break
                current = head
    return found


def _add_backers(candidate: Candidate, backers: Sequence[Actor], context: ActorContext) -> None:
    """Backers of the government side join a state actor1 of the article's country."""
    actor1 = candidate.actor1
    own = actor1 is not None and actor1.kind == "state" and actor1.country == context.country
    for backer in (b for b in backers if own):
        if backer not in (candidate.actor1, candidate.actor2) and backer not in candidate.assoc1:
            candidate.assoc1.append(backer)


def _assoc(actors: Sequence[Actor], exclude: Sequence[Actor | None]) -> str:
    names = [a.name for a in actors if a not in exclude]
    return "; ".join(dict.fromkeys(names))


def _event(extraction: Extraction, index: int, candidate: Candidate, figures: Sequence[Figure],
           sentences: Sequence[Span]) -> Event:
    time = candidate.time
    date: dt.date | None = None
    if time is not None:
        date = time.last if candidate.date_source == "dateline" else time.first
    own = [f for f in figures if f.event_index == index]
    summary = " ".join(sentences[candidate.sentence].text.split())[:_SUMMARY_CHARS]
    return Event(
        article_id=extraction.article.id, index=index, event_type=candidate.type,
        sub_event_type=candidate.sub, sentences=tuple(sorted(candidate.sentences | {candidate.sentence})),
        trigger_start=candidate.trigger.idx, trigger_end=candidate.trigger.idx + len(candidate.trigger.text),
        actor1=candidate.actor1.name if candidate.actor1 else "",
        assoc_actor_1=_assoc(candidate.assoc1, (candidate.actor1, candidate.actor2)),
        actor2=candidate.actor2.name if candidate.actor2 else "",
        assoc_actor_2=_assoc(candidate.assoc2, (candidate.actor1, candidate.actor2)),
        place_index=candidate.place_index, time_index=_time_index(extraction, time), date=date,
        date_precision=time.precision if time is not None else "unknown",
        date_source=candidate.date_source if time is not None else "none",
        fatalities=fatalities_of(own, event_type=candidate.type, sub_type=candidate.sub,
                                 text=extraction.article.text),
        confidence=round(candidate.confidence, 3), summary=summary,
    )


def _time_index(extraction: Extraction, time: TimeExpr | None) -> int | None:
    if time is None:
        return None
    for index, known in enumerate(extraction.times):
        if known == time:
            return index
    return None


def _locate(candidate: Candidate, draft: Extraction) -> None:
    """The candidate's place in its own sentence; firm when inside the trigger's phrase."""
    candidate.place_index = _place_of(draft.places, {candidate.sentence}, candidate.trigger.idx,
                                      draft.article.text)
    if candidate.place_index is not None:
        place, trigger = draft.places[candidate.place_index], candidate.trigger
        candidate.place_near = trigger.left_edge.idx <= place.start < trigger.right_edge.idx + 1
        candidate.confidence = min(1.0, candidate.confidence + 0.05)


def _settle_place(candidate: Candidate, draft: Extraction, speaker_places: frozenset[int],
                  main_place: int | None) -> None:
    """Where an event happened: its own sentences' place, else the article's main event place ('the
    city' told later is the town the article is about), else any place the article names, never one
    that only says where someone spoke."""
    text = draft.article.text
    if candidate.place_index in speaker_places:
        candidate.place_index = None
    if candidate.place_index is None:
        candidate.place_index = _place_of(draft.places, candidate.sentences, candidate.trigger.idx, text,
                                          speaker_places)
    if candidate.place_index is None:
        candidate.place_index = main_place
    if candidate.place_index is None:  # a short note names its place once, in another sentence
        candidate.place_index = _place_of(draft.places, None, candidate.trigger.idx, text, speaker_places)


def _candidates(doc: Doc, draft: Extraction, context: ActorContext,
                all_mentions: Sequence[Sequence[ActorMention]]) -> list[Candidate]:
    """Dated and placed candidates of every sentence, pronouns read against the sentence before."""
    candidates: list[Candidate] = []
    previous: Actor | None = None
    for index, sent in enumerate(doc.sents):
        for candidate in sentence_candidates(sent, index, all_mentions[index], previous, context):
            _date_of(draft, doc, candidate)
            _locate(candidate, draft)
            candidates.append(candidate)
        previous = previous_actor(all_mentions[index]) or previous
    return candidates


def extract_events(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """ACLED-style events of one article, with actors, place, date, fatalities and confidence."""
    del options
    context = article_context(doc, draft)
    sentences = list(doc.sents)
    all_mentions = [find_actors(sent, context=context) for sent in sentences]
    candidates = _candidates(doc, draft, context, all_mentions)
    merged = merge_candidates(candidates, draft.places)
    _apply_claimers(merged, {i: a for i, sent in enumerate(sentences)
                             if (a := _claimer(sent, all_mentions[i])) is not None})
    quiet = set(range(len(sentences))) - {c.sentence for c in candidates}
    backers = _article_backers(doc, all_mentions, quiet)
    # places that say where someone spoke, where a munition came from, or who acted: never where
    speaker_places = _speaker_places(doc, draft.places) | _acting_countries(doc, draft.places)
    main_place = _main_place([c for c in merged if c.place_index not in speaker_places])
    busy = {i for c in candidates if not arrests_of_the_crowd(c) for i in (c.sentence, *c.sentences)}
    for candidate in merged:
        _peaceful_transfer(candidate, sentences)
        _assault_after_shelling(candidate)
        _met_in_next_sentence(candidate, sentences, busy)
        _fire_on_protest(candidate)
        demonstrating_crowd(candidate, merged, draft.places)
        _remembered_deaths(candidate)
        _add_backers(candidate, backers, context)
        _finalise_sides(candidate, context)
        _settle_place(candidate, draft, speaker_places, main_place)
    rank_events(merged)
    figures = assign_figures(draft.figures, merged, doc, draft.times)
    for index, candidate in enumerate(merged):
        own = [f for f in figures if f.event_index == index]
        _killed_abductees(candidate, own, draft.article.text)
        _deadly_intervention(candidate, own, sentences)
        _force_that_met(candidate, all_mentions)
    events = tuple(_event(draft, i, c, figures, sentences) for i, c in enumerate(merged))
    return dataclasses.replace(draft, events=events, figures=figures)
