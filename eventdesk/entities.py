"""Entity mentions, with one label per surface form per document.

The small English model labels the same name differently from one sentence to
the next ("Palmyra" PERSON, GPE and LOC in one report). A document-level pass
settles each surface form on one label: known place names become places, a
short form takes the label of the longer name it is part of, and otherwise the
majority of the model's votes wins. The town of a wire dateline ("BEIRUT, March 2
(Reuters) -") is a place whatever the model says of a word in capitals, and a
generic noun capitalised by a headline or a title ("Army retakes town", "Defence
Minister Sergei Shoigu") is no name on its own, and a headline's name ends before
its verb ("Rebel Forces Have Seized the Town").
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from eventdesk.gazetteer import place_weight
from eventdesk.model import Extraction, Mention
from eventdesk.settings import Options

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
FACILITY_HEADS = frozenset({
    "castle", "citadel", "temple", "arch", "museum", "airport", "airbase", "base", "mosque",
    "church", "bridge", "dam", "prison", "hospital", "stadium", "palace", "square", "camp",
    "port", "station", "amphitheater", "amphitheatre", "university",
})
ORG_HEADS = frozenset({
    "observatory", "ministry", "army", "forces", "agency", "council", "committee", "front",
    "brigade", "brigades", "party", "movement", "organisation", "organization", "group",
    "coalition", "unesco", "commission", "office", "police", "union", "news", "television",
})
# One-word organisation heads the model may tag apart from the adjective naming them.
SPLIT_ORG_HEADS = ORG_HEADS | {"state", "government", "navy", "guard", "guards", "militia",
                               "republic", "congress", "parliament", "assembly"}
# Common nouns for institutions, portfolios and forces: capitalised alone (by a headline, a
# sentence start or a title before a name) they name no one.
GENERIC_NOUNS = frozenset({
    "army", "navy", "military", "police", "government", "ministry", "defence", "defense",
    "interior", "foreign", "state", "forces", "security", "intelligence", "justice", "finance",
    "health", "cabinet", "parliament", "presidency", "regime", "opposition", "coalition", "militia",
    "troops", "authorities", "officials", "embassy", "court", "council", "committee", "agency",
    "rebels", "militants", "insurgents", "fighters", "soldiers", "protesters",
})
DATELINE_LINES = 3  # lines (headline, standfirst, byline) that may come before a dateline
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# What follows a dateline's town: a region or country, a date, the agency, then a dash or colon.
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2})?"
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*(?:\([^()\n]{2,40}\))?\s*[-\u2013\u2014:](?=\s)")
# A name the model calls a place is one if a town this large has it; a name it only ever
# calls a person needs a larger town, and must not be the surname of a person named in full.
PLACE_POPULATION = 5_000
PERSON_TOWN_POPULATION = 20_000


def _before_verb_phrase(span: Span) -> Span:
    """A headline's name cut before its verb: 'Rebel Forces Have Seized ...' -> 'Rebel Forces'
    (an auxiliary and a verb after the first word end a name; 'Save the Children' keeps its verb)."""
    if span.label_ not in NAME_LABELS:
        return span
    for i in range(1, len(span) - 1):
        if span[i].pos_ == "AUX" and span[i + 1].pos_ == "VERB":
            return span[:i]
    return span


def _trim(span: Span) -> tuple[int, int] | None:
    """Character bounds without a leading article, cut at a paragraph break."""
    start, end = span.start_char, span.end_char
    text = span.text
    while text and text[0] in "([\"'\u201c":
        start, text = start + 1, text[1:]
    if "\n" in text or not text:
        return None  # spans across a heading and a paragraph are not one name
    for article in ("the ", "The "):
        if text.startswith(article) and span.label_ not in {"DATE", "TIME"}:
            start += len(article)
            text = text[len(article):]
    for suffix in ("'s", "\u2019s"):
        text = text.removesuffix(suffix)
    end = start + len(text)
    return (start, end) if end > start else None


def _surface(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_acronym_or_short(form: str, original: str) -> bool:
    """All-caps words and very short names are places only when the model says so."""
    return original.isupper() or len(form) <= 3


def _settle_label(form: str, original: str, votes: Counter[str], longer: dict[str, str]) -> str:
    """One label for a surface form, from gazetteer, containment and votes."""
    top = votes.most_common(1)[0][0]
    if not votes.keys() & NAME_LABELS:
        return top
    head = form.split()[-1]
    if head in FACILITY_HEADS and len(form.split()) > 1:
        return "FAC"
    if head in ORG_HEADS and top in {"PERSON", "GPE", "LOC", "FAC"}:
        return "ORG"
    place_votes = sum(n for label, n in votes.items() if label in PLACE_LABELS)
    if _is_acronym_or_short(form, original) and not place_votes:
        return top
    weight = place_weight(form) if votes.keys() & {"PERSON", "ORG", "GPE", "LOC"} else 0
    surname = longer.get(form) == "PERSON"  # "Obama" beside "Barack Obama"
    if weight >= PLACE_POPULATION and place_votes and (place_votes >= votes["PERSON"] or not surname):
        return "GPE" if votes["LOC"] <= votes["GPE"] or weight >= 10**9 else "LOC"
    if (weight >= PERSON_TOWN_POPULATION and len(form.split()) == 1 and form not in longer
            and votes["PERSON"] + votes["ORG"] == sum(votes.values())):
        return "GPE"  # the small model's favourite mistake: a well-known town read as a name
    if form in longer and top in {"PERSON", "GPE", "LOC"} and longer[form] != top:
        return longer[form]
    return top


def _longer_names(settled: dict[str, str]) -> dict[str, str]:
    """Map a one-word form to the settled label of a longer person or organisation name."""
    longer: dict[str, str] = {}
    for form, label in settled.items():
        words = form.split()
        if len(words) < 2 or label not in {"PERSON", "ORG"}:
            continue
        for word in words:
            if word[:1].isalpha() and len(word) > 3:
                longer.setdefault(word, label)
    return longer


Span3 = tuple[int, int, str]  # character start, end and label of one entity span


def is_dateline_town(text: str, start: int, end: int) -> bool:
    """Whether a name opens a paragraph as a wire dateline's town: 'BEIRUT, March 2 (Reuters) -'
    (a place the gazetteer knows, in the report's opening lines: 'NATO - ...' opens no dateline)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or len(text[start:end].split()) > 3:
        return False
    if sum(1 for line in text[:line_start].splitlines() if line.strip()) > DATELINE_LINES:
        return False
    return _DATELINE_TAIL.match(text, end) is not None and place_weight(text[start:end]) > 0


def _is_generic_alone(text: str, heads: frozenset[str]) -> bool:
    """'Army', 'Defence': one capitalised generic noun that heads no longer name in the report."""
    return (" " not in text and text[:1].isupper() and not text.isupper()
            and text.casefold() in GENERIC_NOUNS and text.casefold() not in heads)


def _join_split_names(spans: list[Span3], text: str, forms: dict[str, Counter[str]]) -> list[Span3]:
    """Rejoin a name the model cut short where the same document also tags it whole:
    'Islamic' before an untagged 'State', or 'Islamic' NORP + 'State' ORG."""
    joined: list[Span3] = []
    for span in spans:
        span = _extend_to_known(span, text, forms)
        if joined and text[joined[-1][1]:span[0]].isspace() and \
                _surface(text[joined[-1][0]:span[1]]) in forms:
            first = joined.pop()
            span = _rejoin(forms, text, (first, span), first[0], span[1])
        elif joined and _is_name_head_split(joined[-1], span, text):
            first = joined.pop()
            forms[_surface(text[first[0]:span[1]])]["ORG"] += 0  # the whole form: its label, its vote to come
            span = _rejoin(forms, text, (first, span), first[0], span[1])
        joined.append(span)
    for form in [f for f, votes in forms.items() if not votes]:
        del forms[form]
    return joined


def _is_name_head_split(first: Span3, second: Span3, text: str) -> bool:
    """'Islamic' NORP + 'State' ORG, 'Syrian' NORP + 'Army' ORG: a people's adjective the
    model cut from the one generic word that heads an organisation's name."""
    if first[2] != "NORP" or second[2] != "ORG" or text[first[1]:second[0]] != " ":
        return False
    word = text[second[0]:second[1]]
    return word[:1].isupper() and " " not in word and word.casefold() in SPLIT_ORG_HEADS


def _extend_to_known(span: Span3, text: str, forms: dict[str, Counter[str]]) -> Span3:
    """A span followed by up to three capitalised words that complete a form tagged elsewhere."""
    following = re.match(r"(?: [A-Z][\w'-]*){1,3}", text[span[1]:span[1] + 60])
    if following is None:
        return span
    words = following.group(0).split()
    for size in range(len(words), 0, -1):
        end = span[1] + len(" ".join(words[:size])) + 1
        if _surface(text[span[0]:end]) in forms:
            return _rejoin(forms, text, (span,), span[0], end)
    return span


def _rejoin(forms: dict[str, Counter[str]], text: str, parts: tuple[Span3, ...], start: int, end: int) -> Span3:
    """The whole name over `parts`: their votes move to it, and it takes its own majority label."""
    for part in parts:
        votes = forms[_surface(text[part[0]:part[1]])]
        votes[part[2]] -= 1
        if votes[part[2]] <= 0:
            del votes[part[2]]
    whole = forms[_surface(text[start:end])]
    label = whole.most_common(1)[0][0]
    whole[label] += 1
    return (start, end, label)


def extract_mentions(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """Entity mentions of one article, labels settled per surface form."""
    del options
    spans: list[tuple[int, int, str]] = []
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    originals: dict[str, str] = {}
    full_text = draft.article.text  # Doc.text rebuilds the string on every access
    for ent in doc.ents:
        bounds = _trim(_before_verb_phrase(ent))
        if bounds is None:
            continue
        text = full_text[bounds[0]:bounds[1]]
        label = ent.label_
        if label in PLACE_LABELS and len(ent) == 1 and ent[0].tag_ == "JJ" and ent[0].dep_ == "amod":
            label = "NORP"  # "Palmyra's Roman theatre": a style or origin, not a place
        spans.append((bounds[0], bounds[1], label))
        forms[_surface(text)][label] += 1
        originals.setdefault(_surface(text), text)
    spans = _join_split_names(spans, full_text, forms)
    for start, end, _ in spans:  # a name rejoined here was never tagged whole
        originals.setdefault(_surface(full_text[start:end]), full_text[start:end])
    # Longer names settle first, so a one-word form can follow the name it is part of.
    settled = {form: _settle_label(form, originals[form], votes, {})
               for form, votes in forms.items() if len(form.split()) > 1}
    longer = _longer_names(settled)
    settled.update({form: _settle_label(form, originals[form], votes, longer)
                    for form, votes in forms.items() if len(form.split()) == 1})
    for start, end, _ in spans:
        if settled[_surface(full_text[start:end])] not in PLACE_LABELS and is_dateline_town(full_text, start, end):
            settled[_surface(full_text[start:end])] = "GPE"
    heads = frozenset(form.split()[-1] for form, label in settled.items() if label == "ORG" and " " in form)
    mentions = []
    for start, end, model_label in spans:
        text = full_text[start:end]
        if settled[_surface(text)] in NAME_LABELS and _is_generic_alone(text, heads):
            continue
        sentence = draft.sentence_at(start)
        mentions.append(Mention(
            article_id=draft.article.id, start=start, end=end, text=text,
            label=settled[_surface(text)], model_label=model_label,
            sentence=sentence.index if sentence else 0,
        ))
    return dataclasses.replace(draft, mentions=tuple(mentions))
