"""Claims: who asserts each figure or statement, and through which medium.

Attribution is read from the parse: the subject of a speech verb ("the
Observatory said"), the object of "according to", a noun such as "State
media estimates", the addressee of "told" as the medium ("told Reuters") and
an outer report as the medium of an inner one ("..., the Associated Press
reported"). A pronoun claimant takes the previous claimant's name; a figure
nobody is said to claim is the outlet's own.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventdesk.actors import words_of
from eventdesk.model import Claim, Extraction, Figure, Mention
from eventdesk.nlp import sentence_tokens
from eventdesk.settings import Options

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_NP_DEPS = frozenset({"compound", "amod", "poss", "det", "nmod", "case", "nummod"})
_ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
_MAX_STATEMENT = 300
_PRONOUN_WINDOW = 3


@dataclass(frozen=True)
class ClaimWords:
    """The cue and claimant-kind word lists."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    media_names: frozenset[tuple[str, ...]]
    media_heads: frozenset[str]
    person_heads: frozenset[str]
    descriptions: dict[str, tuple[str, ...]]  # "monitor" -> words that may name the body it describes


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """Load data/events_claims.toml."""
    text = resources.files("eventdesk.data").joinpath("events_claims.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return ClaimWords(
        verbs=frozenset(data["cues"]["verbs"]), nouns=frozenset(data["cues"]["nouns"]),
        media_names=frozenset(tuple(words_of(n)) for n in data["media"]["names"]),
        media_heads=frozenset(data["media"]["heads"]), person_heads=frozenset(data["persons"]["heads"]),
        descriptions={head: tuple(names) for head, names in data["descriptions"].items()},
    )


@dataclass(frozen=True)
class Cue:
    """An attribution cue in a sentence: who, through what, over which tokens."""

    start: int  # character span of the cue words
    end: int
    claimant: Span | None
    medium: Span | None
    scope: frozenset[int]  # token indices the claim covers
    content: str


def _noun_phrase(token: Token) -> Span:
    """A claimant's noun phrase: the entity it is part of, or its modifiers and 'of'-phrases."""
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ not in {"DATE", "TIME", "CARDINAL"}:
            start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            return doc[start:ent.end]
    start = min([t.left_edge.i for t in token.lefts if t.dep_ in _NP_DEPS] + [token.i])
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            end = child.right_edge.i + 1
        elif child.dep_ in {"compound", "flat"}:
            end = max(end, child.i + 1)
    while start < end and doc[start].pos_ == "DET":
        start += 1
    return doc[start:end]


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children
                if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"that", "which", "who"}
                and "\n" not in verb.doc[min(c.i, verb.i):max(c.i, verb.i)].text]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    acronym = next((c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i and _acronym(c)),
                   None)
    if acronym is not None:
        return acronym  # "IS claimed 12 soldiers killed": the parser read the acronym as 'is'
    if verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    return None


def _medium_of(verb: Token) -> Span | None:
    """'told Reuters', 'said on state television', 'told VICE News'."""
    for child in verb.children:
        if verb.lemma_ == "tell" and child.dep_ in {"dobj", "dative", "iobj"}:
            return _noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in {"on", "to"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and _kind(_noun_phrase(obj)) == "media":
                return _noun_phrase(obj)
    return None


def _scope(cue: Token, claimant: Span | None) -> frozenset[int]:
    excluded = set(range(claimant.start, claimant.end)) if claimant is not None else set()
    return frozenset(t.i for t in cue.subtree if t.i not in excluded)


def _content(cue: Token, sent: Span) -> str:
    clauses = [c for c in cue.children if c.dep_ in {"ccomp", "xcomp", "dobj"} and c.pos_ in {"VERB", "AUX"}]
    if clauses:
        clause = clauses[0]
        return sent.doc[clause.left_edge.i:clause.right_edge.i + 1].text.strip(" ,\"'\u201c\u201d")
    return sent.text.strip()


def _cues(sent: Span) -> list[Cue]:
    """Every attribution cue of a sentence."""
    words = claim_words()
    cues: list[Cue] = []
    for token in sentence_tokens(sent):
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            obj = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
            if obj is not None:
                claimant = _noun_phrase(obj)
                cues.append(Cue(token.idx, token.nbor(1).idx + 2, claimant, None,
                                frozenset(t.i for t in sent), sent.text.strip()))
        elif token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in words.verbs:
            subject = _subject(token)
            claimant = _noun_phrase(subject) if subject is not None else None
            if claimant is None or not _is_claimant(claimant):
                continue
            scope = _scope(token, claimant)
            if _is_trailing_report(token, claimant, sent):
                scope = frozenset(t.i for t in sent)
            cues.append(Cue(token.idx, token.idx + len(token), claimant, _medium_of(token),
                            scope, _content(token, sent)))
        elif token.pos_ == "NOUN" and token.lower_ in words.nouns:
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "compound", "poss"}), None)
            if subject is not None and subject.i < token.i and _is_claimant(_noun_phrase(subject)):
                claimant = _noun_phrase(subject)
                cues.append(Cue(token.idx, token.idx + len(token), claimant, None,
                                frozenset(t.i for t in sent) - set(range(claimant.start, claimant.end)),
                                sent.text.strip()))
    return _part_scopes(cues, sent)


def _part_scopes(cues: list[Cue], sent: Span) -> list[Cue]:
    """A report stops at a semicolon when the next statement has its own speaker.

    In 'IS claimed 12 soldiers killed; the military said 3 died' the parse hangs the first
    statement under 'said'; the 12 is IS's figure, not the military's.
    """
    if len(cues) < 2 or not any(t.text == ";" for t in sent):
        return cues
    part = {t.i: n for n, t in _numbered(sent)}
    own = [part.get(_token_at(sent, c.start), 0) for c in cues]
    out: list[Cue] = []
    for cue, mine in zip(cues, own, strict=True):
        others = set(own) - {mine}
        scope = frozenset(i for i in cue.scope if part.get(i, 0) not in others)
        out.append(dataclasses.replace(cue, scope=scope))
    return out


def _numbered(sent: Span) -> Iterator[tuple[int, Token]]:
    """Each token of a sentence with the number of its semicolon-parted statement."""
    n = 0
    for token in sent:
        n += token.text == ";"
        yield n, token


def _is_trailing_report(verb: Token, claimant: Span, sent: Span) -> bool:
    """'..., the Associated Press reported.': a medium closing the sentence covers all of it."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return _kind(claimant) == "media" and bool(words) and words[-1].i == verb.i and claimant.start < verb.i


def _is_claimant(span: Span) -> bool:
    """A speaker can be a person, an organisation or a medium, not 'the drone footage'."""
    if not span.text.strip():
        return False
    root = span.root
    if root.lower_ in _PRONOUNS or root.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    if _appositive_name(span) is not None:
        return True
    return _kind(span) != "" and (root.pos_ in {"NOUN", "PROPN", "PRON"} or _acronym(root))


def _acronym(token: Token) -> bool:
    """'IS', 'RSF': a name in capitals, whatever part of speech the parser gave it."""
    return len(token.text) > 1 and token.text.isupper() and token.is_alpha


def _kind(span: Span) -> str:
    """media, person or organisation; '' for a phrase that cannot speak."""
    words = claim_words()
    lowered = tuple(words_of(span.text))
    if not lowered:
        return ""
    if lowered in words.media_names or lowered[-1] in words.media_heads:
        return "media"
    root = span.root
    if root.ent_type_ == "PERSON" or lowered[-1] in words.person_heads or root.lower_ in _PRONOUNS:
        return "person"
    if root.ent_type_ in _ORG_LABELS or root.pos_ == "PROPN" or _acronym(root):
        return "organisation"
    org_heads = {"observatory", "ministry", "group", "committee", "council", "army", "military", "government",
                 "office", "agency", "organisation", "organization", "coalition", "un", "unesco", "police",
                 "department", "commission", "monitor", "network", "centre", "center", "command",
                 "rebels", "militants", "insurgents", "jihadists", "movement", "front", "forces"}
    return "organisation" if lowered[-1] in org_heads else ""


def _canonical(text: str, mentions: Sequence[Mention]) -> str:
    """'the Observatory' -> 'Syrian Observatory for Human Rights': the longest mention holding it."""
    words = words_of(text)
    if not words:
        return text
    best = text
    for mention in mentions:
        if mention.label not in {"ORG", "PERSON"}:
            continue
        candidate = words_of(mention.text)
        if "\n" in mention.text or len(candidate) <= len(words_of(best)) or not set(words) <= set(candidate):
            continue
        same_head = candidate[-1] == words[-1] or (mention.label == "ORG" and words[-1] in candidate[:2])
        if same_head and words[-1] not in {"media", "forces", "army", "government", "group"}:
            best = mention.text
    return best


def _affiliation(span: Span, mentions: Sequence[Mention]) -> str:
    """'Rami Abdel Rahman, who heads the Observatory': the organisation a person speaks for."""
    root = span.root
    for child in root.children:
        if child.dep_ == "relcl" and child.lemma_ in {"head", "lead", "run", "direct", "represent"}:
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return _canonical(_noun_phrase(obj).text, mentions)
        if child.dep_ == "appos":
            for grandchild in child.children:
                if grandchild.dep_ == "prep" and grandchild.lower_ in {"of", "for", "at"}:
                    obj = next((c for c in grandchild.children if c.dep_ == "pobj"), None)
                    if obj is not None and obj.ent_type_ in {"ORG"}:
                        return _canonical(_noun_phrase(obj).text, mentions)
    return ""


@dataclass(frozen=True)
class Speaker:
    """A resolved claimant."""

    name: str
    kind: str
    medium: str
    affiliation: str
    start: int | None


def _speaker(cue: Cue, outer: Cue | None, previous: Sequence[tuple[int, Speaker]], sent_index: int,
             mentions: Sequence[Mention]) -> Speaker | None:
    """Who a cue names, pronouns resolved against recent claimants."""
    assert cue.claimant is not None
    span = cue.claimant
    kind = _kind(span)
    medium = cue.medium.text if cue.medium is not None else ""
    if outer is not None and outer.claimant is not None and _kind(outer.claimant) == "media" and not medium:
        medium = _canonical(outer.claimant.text, mentions)
    if span.root.lower_ in _PRONOUNS and len(span) == 1:
        recent = [s for i, s in previous if sent_index - i <= _PRONOUN_WINDOW]
        if not recent:
            return None
        earlier = recent[-1]
        return Speaker(earlier.name, earlier.kind, medium or earlier.medium, earlier.affiliation, earlier.start)
    titled = _appositive_name(span)
    if titled is not None:  # "Its director, Rami Abdel Rahman, said"
        affiliation = _affiliation(span, mentions) or _possessor(span, previous, sent_index, mentions)
        return Speaker(titled.text, "person", medium, affiliation, titled.start_char)
    name = _canonical(span.text, mentions)
    if name == span.text:
        name = _described(span, sent_index, mentions) or name
        kind = "organisation" if name != span.text else kind
    if kind == "media" and not medium:
        medium = name
    return Speaker(name, kind or "organisation", medium, _affiliation(span, mentions), span.start_char)


def _appositive_name(span: Span) -> Span | None:
    """The person a title stands beside: 'Its director, Rami Abdel Rahman, ...'."""
    root = span.root
    if root.ent_type_ == "PERSON":
        return None
    titled = root.lower_ in claim_words().person_heads
    for child in root.children:
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or (titled and child.pos_ == "PROPN")):
            return _noun_phrase(child)
    return None


def _possessor(span: Span, previous: Sequence[tuple[int, Speaker]], sent_index: int,
               mentions: Sequence[Mention]) -> str:
    """Whom 'its' or 'the group's' refers to: the latest organisation named before the claimant."""
    owner = next((c for c in span.root.children if c.dep_ == "poss"), None)
    if owner is None:
        return ""
    if owner.lower_ not in {"its", "their"}:
        return _described(_noun_phrase(owner), sent_index, mentions) or _canonical(_noun_phrase(owner).text, mentions)
    earlier = [m for m in mentions if m.label == "ORG" and m.end <= span.start_char
               and sent_index - m.sentence <= _PRONOUN_WINDOW]
    speakers = [s.name for i, s in previous if sent_index - i <= _PRONOUN_WINDOW and s.kind == "organisation"]
    if earlier:
        return _canonical(earlier[-1].text, mentions)
    return speakers[-1] if speakers else ""


def _described(span: Span, sent_index: int, mentions: Sequence[Mention]) -> str:
    """'the monitor' -> the Syrian Observatory named a sentence or two before.

    A definite description with no name in it refers back to the latest
    organisation named within a few sentences whose name, or the appositive
    right after it ('..., a Britain-based monitoring group'), holds a word
    for the same kind of body (data/events_claims.toml [descriptions]).
    """
    doc = span.doc
    first = doc[span.start - 1] if span.start > 0 and doc[span.start - 1].pos_ == "DET" else doc[span.start]
    if first.lower_ not in {"the", "this", "that"} or any(t.ent_type_ for t in span):
        return ""
    cues = claim_words().descriptions.get(span.root.lower_)
    if not cues:
        return ""
    text = doc.text
    for mention in reversed(mentions):
        if mention.label != "ORG" or mention.end > span.start_char or sent_index - mention.sentence > _PRONOUN_WINDOW:
            continue
        described = text[mention.start:mention.end] + " " + _apposed(text, mention.end)
        if any(re.search(rf"\b{re.escape(cue)}", described, re.IGNORECASE) for cue in cues):
            return _canonical(mention.text, mentions)
    return ""


def _apposed(text: str, end: int) -> str:
    """The words set off by a comma right after a name, up to the next comma or full stop."""
    found = re.match(r",\s*([^,.;]{1,80})", text[end:])
    return found.group(1) if found else ""


def _innermost(cues: Sequence[Cue], token: int) -> tuple[Cue | None, Cue | None]:
    """The narrowest cue whose scope holds a token, and the one around it (nested reports)."""
    holding = sorted((c for c in cues if token in c.scope), key=lambda c: len(c.scope))
    if not holding:
        return None, None
    return holding[0], (holding[1] if len(holding) > 1 else None)


def _outlet_claim(draft: Extraction, figure: Figure, index: int) -> Claim:
    outlet = draft.article.outlet or "the report"
    return Claim(article_id=draft.article.id, start=figure.start, end=figure.end, sentence=figure.sentence,
                 claimant=outlet, claimant_kind="outlet", medium=draft.article.outlet, figure_index=index)


def _claim(draft: Extraction, cue: Cue, speaker: Speaker, sentence: int, *, figure_index: int | None,
           statement: str = "") -> Claim:
    return Claim(article_id=draft.article.id, start=cue.start, end=cue.end, sentence=sentence,
                 claimant=speaker.name, claimant_kind=speaker.kind, medium=speaker.medium,
                 figure_index=figure_index, statement=statement[:_MAX_STATEMENT],
                 mention_start=speaker.start, affiliation=speaker.affiliation)


def _token_at(sent: Span, offset: int) -> int:
    return next((t.i for t in sent if t.idx <= offset < t.idx + len(t.text) + 1), sent.start)


def attribute_claims(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """Who claims each figure; attributed statements; unattributed figures go to the outlet."""
    del options
    claims: list[Claim] = []
    previous: list[tuple[int, Speaker]] = []
    by_sentence: dict[int, list[tuple[int, Figure]]] = {}
    for index, figure in enumerate(draft.figures):
        by_sentence.setdefault(figure.sentence, []).append((index, figure))
    for sent_index, sent in enumerate(doc.sents):
        cues = _cues(sent)
        used: set[int] = set()
        for figure_index, figure in by_sentence.get(sent_index, []):
            cue, outer = _innermost(cues, _token_at(sent, figure.start))
            speaker = _speaker(cue, outer, previous, sent_index, draft.mentions) if cue else None
            if cue is None or speaker is None:
                claims.append(_outlet_claim(draft, figure, figure_index))
                continue
            used.add(id(cue))
            claims.append(_claim(draft, cue, speaker, sent_index, figure_index=figure_index))
        for cue in cues:
            outer = _innermost([c for c in cues if c is not cue], _token_at(sent, cue.start))[0]
            speaker = _speaker(cue, outer, previous, sent_index, draft.mentions)
            if speaker is None:
                continue
            if id(cue) not in used and not _is_medium_of_inner(cue, cues):
                claims.append(_claim(draft, cue, speaker, sent_index, figure_index=None, statement=cue.content))
            previous.append((sent_index, speaker))
    return dataclasses.replace(draft, claims=tuple(claims))


def _is_medium_of_inner(cue: Cue, cues: Sequence[Cue]) -> bool:
    """An outer '..., the AP reported' is the medium of the inner claim, not a claim of its own."""
    return any(other is not cue and other.scope < cue.scope for other in cues)
