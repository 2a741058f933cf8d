"""Figures: the quantities that matter in a crisis, and whom they count.

Every amount in a sentence ("at least 400", "dozens", "between 20 and 30",
"half a million") is read with the dependency parse to learn what it counts
(killed, wounded, captured, displaced, missing, arrested, strikes, destroyed,
or a person's age) and whom ("IS militants", "civilians"). A singular victim
("killed a civilian") is a figure of one. What a number counts is
read by `eventdesk.figures_kinds` (word lists in `data/numbers_kinds.toml`); whom a verb of
killing names, one by one, by `eventdesk.figures_victims`; numbers are read by `eventdesk.numbers`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from eventdesk.actors import ActorContext, article_context, normalise_actor
from eventdesk.figures_bare import (bare_report, coded_as, elided_count, elided_figure, killed_as_them,
                                     list_verb_kind, more_of_the_same, sentence_kind, toll_value)
from eventdesk.figures_kinds import (
    ARMED_PERSONS, QUANTITY_NOUNS, child_kind, complement_kind, head_kind, kind_words, labelled_toll, linear_kind,
    losses_counted, noun_kind, shot_dead, verb_key, verb_kind,
)
from eventdesk.figures_sides import BOTH_SIDES, beside_all_sides, loser, on_all_sides, told_of_all_sides
from eventdesk.figures_victims import MORE, dead_subjects, died_after, is_besides, one_more, ordinal_person, victims
from eventdesk.model import Extraction, Figure
from eventdesk.nlp import sentence_tokens
from eventdesk.numbers import Amount, scan_amounts
from eventdesk.settings import Options

_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
_NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})
_SINGULAR_TAGS = frozenset({"NN", "NNP"})
_ONE_PRONOUNS = frozenset({"him", "her", "he", "she", "himself", "herself"})
_EVERYONE = frozenset({"people", "persons", "dead", "deaths", "fatalities", "killed", "casualties", "lives"})
_REPORT_PARTICIPLES = frozenset({"reported", "confirmed", "recorded", "unconfirmed", "documented", "known"})


def _amount_tokens(sent: Span, amount: Amount) -> Span:
    return sent[amount.start:amount.end]


def _anchor(sent: Span, amount: Amount) -> Token:
    """The noun an amount counts ('400 jihadists', 'dozens of civilians'), or the amount itself."""
    tokens = _amount_tokens(sent, amount)
    inside = {t.i for t in tokens}
    after = sent.doc[tokens.end] if tokens.end < sent.end else None
    if after is not None and after.lower_ == "of" and not amount.qualifier == "between":
        objects = [c for c in after.children if c.dep_ == "pobj"]
        if objects:
            return _past_names(objects[0])
        if after.i + 1 < sent.end and sent.doc[after.i + 1].pos_ in _NOUN_POS:
            return sent.doc[after.i + 1]
    for token in tokens:
        if token.dep_ in {"nummod", "quantmod", "amod", "det", "compound"} and token.head.i not in inside \
                and token.head.pos_ in _NOUN_POS and token.head.i > token.i:
            return _compound_head(_past_names(token.head))
    return _next_noun(sent, tokens.end) or tokens[-1]


def _compound_head(token: Token) -> Token:
    """'One DRG jawan', '3 army trucks': the number hung on a modifier counts the noun it modifies."""
    while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ in _NOUN_POS:
        token = token.head
    return token


def _next_noun(sent: Span, start: int) -> Token | None:
    """'7 IS fighters' parsed with 'IS' as a verb: the first common noun right after the number."""
    end = min(start + 3, sent.end)
    for token in sent.doc[start:end]:
        if token.pos_ == "NOUN":
            return token
        if token.lower_ in _REPORT_PARTICIPLES:
            continue  # "1 reported fatality" parsed as '1 reported (a) fatality'
        if token.pos_ not in {"PROPN", "ADJ", "AUX"} or token.is_punct or token.lower_ in {"were", "was", "are"}:
            return None
    return None


def _past_names(token: Token) -> Token:
    """'dozens of IS militants': step from a name to the common noun it qualifies."""
    if token.pos_ == "PROPN" and token.i + 1 < len(token.doc) and token.nbor(1).pos_ == "NOUN":
        return token.nbor(1)
    return token


def _counts_text(anchor: Token, amount_end: int) -> str:
    """The words naming whom a figure counts, without the number and determiners."""
    if anchor.i < amount_end:
        return ""
    left = [t for t in anchor.lefts if t.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod"}
            and t.i >= amount_end]
    start = min([t.left_edge.i for t in left] + [anchor.i])
    start = max(start, amount_end)
    words = anchor.doc[start:anchor.i + 1]
    return words.text.strip(" ,")


def _among(anchor: Token) -> str:
    """'reported 7 dead among combatants', '12 were killed among the rebels': the group that the dead
    of a count naming no one belonged to, told by 'among' on the count or its verb ('' if none)."""
    holder = anchor
    for _ in range(3):  # up from the count to its clause's verb, no further
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "among"):
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            whom = objects[0] if len(objects) == 1 and objects[0].pos_ in {"NOUN", "PROPN"} else None
            # "among them 3 rebels" names a part of the count, not whom it counts
            if whom is not None and not any(c.dep_ == "nummod" for c in whom.children):
                return _counts_text(whom, prep.i + 1)
        if holder.pos_ in {"VERB", "AUX"} or holder.head is holder:
            break
        holder = holder.head
    return ""


def _is_subset(anchor: Token, amount: Amount, sent: Span) -> bool:
    """'..., including 2 children': a part of another figure, not an addition to it."""
    words = kind_words().subset
    if _subset_told_before(sent, sent.start + amount.start):
        return True
    before = sent[max(0, amount.start - 3):amount.start].text.lower()
    if before.endswith("as well as") or before.endswith("and also"):
        return False  # "killing 7 officers, among them 2 generals, as well as 6 civilians": added again
    if _closes_aside(anchor):
        return False
    while anchor.dep_ == "conj" and anchor.head is not anchor:
        anchor = anchor.head  # "including 10 women and 3 infants": the list's first item says
    if _part_of(anchor) is not None:
        return True  # "9 people, among them two women and 3 children": 'among them' hung on the first item
    if anchor.i < sent.start + amount.start and _subset_told_before(sent, anchor.left_edge.i):
        return True  # "..., among them a woman and 3 children": told before the list's first item
    head = anchor.head if anchor.dep_ == "pobj" else None
    if head is not None and head.lower_ == "of" and anchor.lower_ in kind_words().the_dead \
            and head.head.pos_ == "NUM" \
            and any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in anchor.children):
        return True  # "a message was left on one of the bodies": one of the dead just counted
    if head is not None and head.lower_ == "of" and anchor.lower_ in {"them", "whom", "those"}:
        # "killing 2 people, one of them a child" is a part of the 2; "killing 2 of them" counts
        return head.head.dep_ not in {"dobj", "nsubj", "nsubjpass", "pobj", "conj"}
    return head is not None and head.lower_ in words


def _closes_aside(anchor: Token) -> bool:
    """'killing 5 officers, including a commander, and 2 passers-by': a second item after ', and'
    closes the 'including' aside (a list of two takes no comma before 'and') and adds to the toll."""
    first = anchor.head
    if anchor.dep_ != "conj" or first.dep_ != "pobj" or first.head.lower_ not in kind_words().subset:
        return False
    conjuncts = [c for c in first.children if c.dep_ == "conj"]
    cc = next((c for c in first.children if c.dep_ == "cc" and c.i < anchor.i), None)
    return conjuncts == [anchor] and cc is not None and cc.nbor(-1).text == ","


def _age(sent: Span, amount: Amount) -> tuple[Token, str] | None:
    """'an 82-year-old scholar', 'aged 82', '82 years old': the person whose age it is."""
    doc = sent.doc
    end = sent.start + amount.end
    window = [t.lower_ for t in doc[end:min(end + 4, sent.end)]]
    before = doc[sent.start + amount.start - 1].lower_ if amount.start > 0 else ""
    if window[:4] == ["-", "year", "-", "old"] or window[:2] in (["year", "old"], ["years", "old"]):
        old = doc[end + (3 if window[0] == "-" else 1)]
        person = old.head if old.head.pos_ in _NOUN_POS else None
        if person is not None and person.i > old.i:
            return (person, "noun") if person.lemma_.lower() in kind_words().person_nouns else None
        return _subject_of(old)
    if before == "aged" or (window[:1] == [","] and _is_named_person(sent, amount)):
        target = doc[sent.start + amount.start - 1].head if before == "aged" else doc[sent.start + amount.start - 2]
        return (target, "noun") if target.pos_ in _NOUN_POS else None
    return None


def _subject_of(token: Token) -> tuple[Token, str] | None:
    """'He was 82 years old': the age belongs to the subject when it is a person."""
    verb = token.head
    for child in verb.children:
        if child.dep_ == "nsubj" and (child.ent_type_ == "PERSON" or child.lower_ in _ONE_PRONOUNS
                                      or child.lemma_.lower() in kind_words().person_nouns):
            return child, "noun"
    return None


def _is_named_person(sent: Span, amount: Amount) -> bool:
    """'Khaled al-Asaad, 82,': a bare number set off by commas after a person's name."""
    if amount.start < 2:
        return False
    doc = sent.doc
    comma, name = doc[sent.start + amount.start - 1], doc[sent.start + amount.start - 2]
    return comma.text == "," and name.ent_type_ == "PERSON" and amount.low < 120


def _entity_text(token: Token) -> str:
    """The whole named entity a token belongs to, or ''."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return ""


def _person_of(token: Token) -> str:
    """Whom an age belongs to: a named person the noun stands beside, or the noun phrase."""
    if token.dep_ == "appos" and token.head.ent_type_ == "PERSON":
        return _entity_text(token.head)
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return _entity_text(child)
    if token.ent_type_ == "PERSON":
        return _entity_text(token)
    return _counts_text(token, token.left_edge.i)


_TIME_UNITS = frozenset({"year", "years", "month", "months", "day", "days", "week", "weeks", "hour", "hours",
                         "minute", "minutes", "decade", "decades", "century", "centuries", "am", "pm"})


def _skippable(tokens: Span, amount: Amount, sent: Span, anchor: Token) -> bool:
    """Years, percentages, money and times are not crisis figures."""
    after = sent.doc[tokens.end] if tokens.end < sent.end else None
    if after is not None and after.lower_ in {"percent", "%", "per", "pc"}:
        return True
    if tokens.start > 0 and sent.doc[tokens.start - 1].lower_ in {"no", "not", "none"}:
        return True  # "no one was killed", "not one soldier died": a denial, not a count
    counted = anchor.i >= tokens.end and anchor.pos_ == "NOUN" and anchor.lower_ not in _TIME_UNITS
    if not counted and any(t.ent_type_ in _SKIP_ENTS for t in tokens if t.like_num):
        return True
    text = tokens[-1].text
    return amount.high is None and len(text) == 4 and text.isdigit() and 1800 <= amount.low <= 2100


def _figure(draft: Extraction, sent_index: int, start: int, end: int, kind: str, amount: Amount,
            counts: str, context: ActorContext, *, qualifier: str = "", owner: str = "") -> Figure:
    actor = normalise_actor(owner or counts, context=context) if owner or counts else None
    return Figure(
        article_id=draft.article.id, start=start, end=end, text=draft.article.text[start:end],
        sentence=sent_index, kind=kind,  # type: ignore[arg-type]
        low=amount.low, high=amount.high, qualifier=qualifier or amount.qualifier,
        vague=amount.vague, counts=counts, counts_actor=actor.name if actor else "",
    )


def _amount_figures(sent: Span, words: Sequence[Token], sent_index: int, draft: Extraction,
                    context: ActorContext) -> Iterator[tuple[Figure, set[int]]]:
    """Figures from the amounts written in one sentence (its `words`), with the tokens each covers."""
    last_kind = ""
    last: Figure | None = None
    for amount in scan_amounts([t.text for t in words]):
        tokens = _amount_tokens(sent, amount)
        age = _age(sent, amount)
        if age is not None:
            person = age[0]
            yield (_figure(draft, sent_index, tokens.start_char, tokens.end_char, "age", amount,
                           _person_of(person), context), {t.i for t in tokens})  # the person may still be a victim
            continue
        anchor = _anchor(sent, amount)
        if last is not None and elided_count(sent, tokens, anchor):
            yield (elided_figure(last, tokens, amount, sent), {t.i for t in tokens})
            continue
        if _skippable(tokens, amount, sent, anchor) and not toll_value(anchor):
            continue
        if tokens.text.lower() == "both" and (anchor.dep_ not in {"nsubj", "nsubjpass", "dobj"} or anchor.i < tokens.end):
            continue  # "both attackers were killed" counts two; "fighters on both sides" counts no one
        after = sent.doc[tokens.end] if anchor.i < tokens.end and tokens.end < sent.end else None
        if after is not None and after.lower_ in kind_words().adjectives and (
                after.dep_ != "amod" or after.head.i in {t.i for t in tokens}):
            governed = kind_words().adjectives[after.lower_]  # "Two dead, five wounded."
        else:
            governed = head_kind(beside_all_sides(anchor) or anchor)
        # "killed 31 detainees": the verb says what happened to them, whatever they were
        if anchor.i >= tokens.end and died_after(anchor):
            governed = "killed"  # "shot two traders who later died": the relative clause says they died
        kind = governed if governed in {"killed", "wounded"} else (
            _prenominal_kind(anchor, tokens.end) or noun_kind(anchor) or child_kind(anchor) or governed)
        if not kind and anchor.i >= tokens.end:
            kind = child_kind(tokens[-1]) or head_kind(tokens[-1]) or linear_kind(anchor, sent)
        if not kind and (bare_report(anchor, tokens) or coded_as(sent, tokens)):
            # "8 herders were killed, while the government said 5": the same count, reported
            kind = last_kind or sentence_kind(sent)
        if not kind and anchor.i >= tokens.end and killed_as_them(sent, anchor):
            kind = "killed"  # "set ablaze 2 suspected thieves, killing them"
        if not kind and anchor.lemma_.lower() == "other" and anchor.i >= tokens.end:
            kind = list_verb_kind(sent, tokens.start)  # "killing himself, a minister and 5 others"
        # "32 bodies were counted; 8 more were found in the fields": more of the same dead
        same_as = last if not kind and last is not None and more_of_the_same(sent, tokens, anchor) else None
        kind = same_as.kind if same_as is not None else kind
        if not kind:
            continue
        later_death = kind == "wounded" and anchor.i >= tokens.end and head_kind(tokens[-1]) == "killed"
        if later_death:  # "one of the injured died in hospital": a death added to the toll
            kind = "killed"
        last_kind = kind
        end_char = max(tokens.end_char, anchor.idx + len(anchor.text))
        counts = _counts_text(anchor, tokens.end) if anchor.i >= tokens.end else losses_counted(anchor)
        # "20 combatants from both sides died", "left 20 dead on both sides": the fighters' dead, no one side's
        sides = bool(counts) and on_all_sides(anchor) or kind == "killed" and told_of_all_sides(anchor, tokens)
        if not counts and tokens[-1].lower_ == "couple" and tokens[-1].pos_ == "NOUN" and (
                after is None or after.lower_ != "of"):
            counts = "couple"  # "killing a couple and their 3 children": two people, not 'a couple of'
        if counts and kind_words().nouns.get(anchor.lower_) and not anchor.lefts:
            counts = ""
        if kind == "killed" and (not counts or counts.lower() in kind_words().nouns):
            counts = _among(anchor) or counts  # "7 deaths among the fighters": whom the dead were
        if sides:
            counts = f"{counts} {BOTH_SIDES}".strip()
        qualifier = "including" if _is_subset(anchor, amount, sent) and not amount.qualifier else ""
        if (later_death or tokens.end < sent.end and sent.doc[tokens.end].lower_ in MORE
                or _another(sent, tokens)) and not amount.qualifier:
            qualifier = "additional"  # "3 more died in hospital", "another 4 were killed": added to the toll told before
        owner = loser(anchor) if kind == "killed" and anchor.i >= tokens.end else ""
        figure = _figure(draft, sent_index, tokens.start_char, end_char, kind, amount, counts, context,
                         qualifier=qualifier, owner=owner)
        if same_as is not None:
            figure = dataclasses.replace(figure, counts=same_as.counts, counts_actor=same_as.counts_actor)
        elif sides:
            figure = dataclasses.replace(figure, counts_actor="")
        last = figure
        yield last, {t.i for t in tokens} | {anchor.i}


def _another(sent: Span, tokens: Span) -> bool:
    """'another 4 villagers were killed', 'a further 6 died': a count of others than those told before it,
    added to them whether they were told as a number or a vague word ('several', coded 3)."""
    return tokens.start > sent.start and sent.doc[tokens.start - 1].lower_ in MORE - {"more"}


def _prenominal_kind(anchor: Token, amount_end: int) -> str:
    """'troops found 5 dead rebels', '3 injured soldiers': the state word between number and noun."""
    adjectives = kind_words().adjectives
    return next((adjectives[t.lower_] for t in anchor.doc[amount_end:anchor.i]
                 if t.dep_ == "amod" and t.head.i == anchor.i and t.lower_ in adjectives), "")


def _is_single_person(token: Token, context: ActorContext, *, killing: bool = False) -> bool:
    """A singular person: 'a civilian', 'his son', 'Khaled al-Asaad', 'him'; whatever 'a ...' is
    killed ('killed a local councillor') is someone."""
    if token.lower_ in _ONE_PRONOUNS:
        return True
    if token.lower_ == "old" and token.i >= 2 and token.nbor(-2).lower_ in {"year", "month"} and any(
            c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children):
        return True  # "a 17-year-old was shot dead"
    one = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)
    if killing and one and (token.ent_type_ == "NORP" and token.pos_ == "ADJ" and any(
            c.dep_ == "conj" and c.pos_ == "NOUN" for c in token.children) or _hyphen_word(token) == "passer-by"):
        return True  # "shot dead a British and a South African tourist", "a passer-by"
    if token.tag_ not in _SINGULAR_TAGS or any(c.dep_ == "nummod" for c in token.children):
        return False
    if context.is_person(token):
        return True
    actor = normalise_actor(token.text, context=context)
    single_armed = token.lemma_.lower() in ARMED_PERSONS
    if token.lemma_.lower() in QUANTITY_NOUNS:
        return False  # "an unknown number of Houthis" is no one in particular
    # "a governor and his bodyguard", "killing its rider", "shot dead the driver of one of the buses"
    person_noun = token.lemma_.lower() in kind_words().person_nouns
    person = (person_noun or killing) and any(
        c.dep_ == "det" and c.lower_ in {"a", "an", "one"}
        or killing and c.dep_ == "poss" and c.lower_ in {"his", "her", "their", "its"}
        or killing and person_noun and (c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss")  # "the town's mayor"
        for c in token.children)
    return actor is not None and actor.kind == "civilian" or single_armed or person


def _borrowed_by_killing(verb: Token) -> bool:
    """'abducted and killed a farmer': a verb with no object of its own, joined to a killing that has it."""
    return not any(c.dep_ in {"dobj", "obj"} for c in verb.children) and any(
        c.dep_ == "conj" and c.pos_ == "VERB" and verb_kind(c) == "killed" for c in verb.children)


def _part_of(victim: Token) -> Token | None:
    """'killed 9 people, among them a woman': the 'among them' the parse hangs on the one it names, a part."""
    return next((c for c in victim.children if c.dep_ == "prep" and c.i < victim.i
                 and c.lower_ in kind_words().subset), None)


def _part_and_start(victim: Token) -> tuple[Token | None, int]:
    """A victim's 'among them' part (None if none) and where the words naming the victim start, after it."""
    part = _part_of(victim)
    return part, part.right_edge.i + 1 if part is not None else victim.left_edge.i


def _subset_told_before(sent: Span, i: int) -> bool:
    """Whether 'including', 'among them' or the like is told in the three words before token `i`."""
    before = sent.doc[max(sent.start, i - 3):i].text.lower()
    return any(f" {w} " in f" {before} " for w in kind_words().subset)


def _indefinite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)


def _hyphen_word(token: Token) -> str:
    """'passer-by' as one word, though the tokenizer split it and the parser made 'by' its head."""
    return token.doc[token.left_edge.i:token.i + 1].text.lower().removeprefix("a ").removeprefix("the ")


def _single_figures(sent: Span, words: Sequence[Token], sent_index: int, draft: Extraction,
                    context: ActorContext, taken: set[int]) -> Iterator[Figure]:
    """'unidentified gunmen killed a civilian': a singular victim is a figure of one."""
    one = Amount(0, 0, 1.0)
    for label in (t for t in words if labelled_toll(t)):
        listed = [c for c in label.children if c.dep_ == "appos"]
        for victim in [*listed, *(t for c in listed for t in c.conjuncts if t.i > c.i)]:
            if victim.i not in taken and _is_single_person(victim, context, killing=True):
                taken.add(victim.i)
                part, start = _part_and_start(victim)
                span = sent.doc[start:victim.i + 1]
                yield _figure(draft, sent_index, span.start_char, span.end_char, "killed", one,
                              _strip_det(span.text), context, qualifier="including" if part is not None else "")
    subject_verbs = kind_words().subject_verbs
    for verb in words:
        dead = shot_dead(verb)
        if verb.pos_ != "VERB" and not dead:
            continue
        kind = "killed" if dead else verb_kind(verb) or (
            "killed" if complement_kind(verb) == "killed" else "")  # "leaving a woman and her son dead"
        found_body = verb.lemma_.lower() in {"find", "discover", "recover", "retrieve", "pull"}
        died = "killed" in {subject_verbs.get(verb.lemma_.lower()), subject_verbs.get(verb_key(verb))} \
            or _lost_life(verb)
        kind = "killed" if died else kind
        if kind not in {"killed", "wounded", "captured", "arrested"} and not found_body:
            continue
        if kind != "killed" and _borrowed_by_killing(verb):
            continue  # "abducted and killed a farmer": the killing counts the one they share
        for victim in dead_subjects(verb) if died else victims(verb):
            first = victim
            while first.dep_ == "conj" and first.head is not first:
                first = first.head  # "the bodies of a girl and her grandmother": the list's first item
            named = first.head.lower_ == "of" and first.head.head.lemma_.lower() in {"body", "corpse", "life"} or (
                first is not victim and first.lemma_.lower() in {"body", "corpse", "life"})
            found_dead = found_body and complement_kind(verb) == "killed"  # "a fourth man was found dead"
            if found_body:  # "the body of a man was found", "pulled the bodies of a girl and her grandmother"
                if not named and not found_dead and (victim.lemma_.lower() not in {"body", "corpse"}
                                                     or victim.tag_ != "NN"):
                    continue
                kind = "killed"
            ordinal = died and ordinal_person(victim)
            single = ordinal or _is_single_person(victim, context, killing=kind == "killed")
            if victim.i in taken or not (found_body and not named and not found_dead or single) or _counted(victim):
                continue
            if ordinal:  # "A third, a 70-year-old woman, died": the woman is the third, not a fourth
                taken.update(c.i for c in verb.children if c.dep_ == "nsubj" and c.i > victim.i)
            among, start = _part_and_start(victim)
            span = sent.doc[start if victim.ent_type_ != "PERSON" else victim.i:victim.i + 1]
            if victim.ent_type_ == "PERSON":
                span = next((e for e in sent.doc.ents if e.start <= victim.i < e.end), span)
            counts = span.text  # a pronoun ('killing him') is its own group of one
            taken.add(victim.i)
            part = among is not None or _subset_told_before(sent, span.start)  # "7 people, among them a girl"
            # "a soldier reported missing was found dead the next day": someone new, beyond the toll told
            more = ordinal or one_more(victim) or is_besides(victim) or found_dead and _indefinite(victim) \
                or died and any(c.dep_ in {"acl", "amod"} and verb_kind(c) == "wounded" for c in victim.children)
            yield _figure(draft, sent_index, span.start_char, span.end_char, kind, one,
                          _strip_det(counts), context,
                          qualifier="including" if part else "additional" if more else "")


_LEFT_OUT = frozenset({"exclude", "excluding", "not including", "not counting", "without counting"})


def _bombers_left_out(sent: Span, words: Sequence[Token], sent_index: int, draft: Extraction,
                      context: ActorContext, taken: set[int]) -> Iterator[Figure]:
    """'5 people were killed, a count that excludes the bomber', 'not including the bomber': a suicide
    bomber left out of a toll died too, and ACLED counts him."""
    for token in words:
        if token.lemma_.lower() != "bomber" or token.tag_ != "NN" or token.i in taken \
                or token.dep_ not in {"dobj", "pobj"}:
            continue
        verb = token.head
        negated = any(c.dep_ == "neg" for c in verb.children) or verb.i > 0 and verb.nbor(-1).lower_ == "not"
        key = f"not {verb.lower_}" if negated else verb.lemma_.lower() if verb.pos_ == "VERB" else verb.lower_
        if key in _LEFT_OUT or verb.lower_ in _LEFT_OUT:
            taken.add(token.i)
            span = sent.doc[token.left_edge.i:token.i + 1]
            yield _figure(draft, sent_index, span.start_char, span.end_char, "killed", Amount(0, 0, 1.0),
                          "bomber", context, qualifier="additional")


_SELVES = frozenset({"himself", "herself", "themselves"})


def _blown_up(sent: Span, words: Sequence[Token], sent_index: int, draft: Extraction,
              context: ActorContext, taken: set[int]) -> Iterator[Figure]:
    """'two suicide bombers blew themselves up ... No one else was hurt': the bombers died. They are a
    part of any toll the note tells (ACLED notes often leave them out of it), so they count only alone."""
    for verb in words:
        if verb.lemma_.lower() != "blow" or not any(c.dep_ == "dobj" and c.lower_ in _SELVES for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i in taken or subject.lemma_.lower() not in {"bomber", "attacker", "man", "woman"}:
            continue
        number = next((c for c in subject.children if c.dep_ == "nummod"), None)
        amounts = list(scan_amounts([number.text])) if number is not None else []
        if number is None and subject.tag_ != "NN" or number is not None and not amounts:
            continue
        taken.add(subject.i)
        span = sent.doc[subject.left_edge.i:subject.i + 1]
        yield _figure(draft, sent_index, span.start_char, span.end_char, "killed",
                      amounts[0] if amounts else Amount(0, 0, 1.0), subject.lower_, context, qualifier="including")


def _lost_life(verb: Token) -> bool:
    """'a night watchman lost his life': its subject died."""
    return verb.lemma_.lower() == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life"
                                                 for c in verb.children)


def _counted(token: Token) -> bool:
    """'a family of five': the group's size is counted by its own number."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(  # not 'the driver of one of the buses'
        o.like_num and not any(g.lower_ == "of" for g in o.children) for o in c.children) for c in token.children)


def _strip_det(text: str) -> str:
    for det in ("a ", "an ", "the ", "A ", "An ", "The "):
        if text.startswith(det):
            return text[len(det):]
    return text


def sentence_figures(sent: Span, sent_index: int, draft: Extraction,
                     context: ActorContext) -> list[Figure]:
    """Every figure of one sentence, in text order."""
    figures: list[Figure] = []
    taken: set[int] = set()
    words = sentence_tokens(sent)
    for figure, tokens in _amount_figures(sent, words, sent_index, draft, context):
        figures.append(figure)
        taken |= tokens
    figures.extend(_single_figures(sent, words, sent_index, draft, context, taken))
    lemmas = {t.lemma_.lower() for t in words}
    if "bomber" in lemmas:
        figures.extend(_bombers_left_out(sent, words, sent_index, draft, context, taken))
    if "blow" in lemmas:
        figures.extend(_blown_up(sent, words, sent_index, draft, context, taken))
    return _breakdowns(sorted(figures, key=lambda f: f.start))


def _breakdowns(figures: list[Figure]) -> list[Figure]:
    """'19 people died on both sides, 13 raiders and 6 herders': parts that add up to a total told
    before them count within it, not beside it."""
    out = list(figures)
    for i, total in enumerate(figures):
        if total.low is None or total.high is not None or total.qualifier in {"including", "additional"} \
                or total.counts.lower().split()[-1:] not in ([], *([w] for w in _EVERYONE)):
            continue  # only a toll of everyone ('19 people', '5 dead') is told again in parts
        parts = [j for j in range(i + 1, len(figures)) if figures[j].kind == total.kind]
        run = 0.0
        for n, j in enumerate(parts):
            run += figures[j].low or 0.0
            if n >= 1 and run == total.low:
                for k in parts[:n + 1]:
                    out[k] = dataclasses.replace(out[k], qualifier="including")
                break
            if run > total.low:
                break
    return out


_FOUND_VERBS = frozenset({"find", "discover", "recover", "retrieve", "dump", "exhume"})


def _their_bodies(sent: Span, sent_index: int, before: list[Figure]) -> Iterator[Figure]:
    """'abducted 6 women and children ... Their bodies were found in a river': as many dead as
    the people taken (or gone missing) in the sentence before."""
    taken = [f for f in before if f.sentence == sent_index - 1 and f.kind in {"captured", "missing"}]
    if not taken:
        return
    for token in sent:
        if token.lemma_.lower() not in {"body", "corpse"} or token.tag_ != "NNS" \
                or token.head.lemma_.lower() not in _FOUND_VERBS or any(c.like_num for c in token.children) \
                or not any(c.dep_ == "poss" and c.lower_ == "their" for c in token.children):
            continue
        source = taken[-1]
        span = sent.doc[token.left_edge.i:token.i + 1]
        yield dataclasses.replace(source, start=span.start_char, end=span.end_char, text=span.text,
                                  sentence=sent_index, kind="killed", qualifier="")


def extract_figures(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """The crisis figures of one article, with whom they count."""
    del options
    context = article_context(doc, draft)
    figures: list[Figure] = []
    for index, sent in enumerate(doc.sents):
        figures.extend(sentence_figures(sent, index, draft, context))
        figures.extend(list(_their_bodies(sent, index, figures)))
    return dataclasses.replace(draft, figures=tuple(figures))
