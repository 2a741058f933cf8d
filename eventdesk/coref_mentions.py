"""Resolver features of an event mention read off a spaCy parse: head, arguments, surroundings."""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc, Span, Token

from eventdesk.coref_lexicon import Lexicon, default_lexicon
from eventdesk.coref_pairs import MentionFeatures
from eventdesk.stories_features import doc_lemmas, light_lemma, token_lemmas

TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_LABELS = frozenset({"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
AMOUNT_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
WINDOW = 3  # words each side of a mention that make its neighbourhood
_AGE = re.compile(r"\b(\d{1,3})\s*-?\s*years?\s*-?\s*old\b", re.IGNORECASE)
# Dependents of an event word that name its participants (subject, object, modifiers).
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "poss", "compound", "dative",
                           "oprd", "npadvmod", "appos", "amod", "nmod"})
ARGUMENT_POS = frozenset({"NOUN", "PROPN", "NUM", "PRON"})
# Verbs that carry little meaning of their own when a mention spans them and their object
# ("opened fire", "made an announcement", "paid tribute"): the object names the event.
LIGHT_VERBS = frozenset({"catch", "do", "give", "have", "hold", "make", "open", "pay", "set", "take"})


@dataclass(frozen=True)
class DocumentCues:
    """What every mention of one document shares: its terms, names and places, its sentences' vectors."""

    terms: frozenset[str]
    entities: frozenset[str]
    places: frozenset[str]
    # (first token, end token) of a sentence -> its unit vector, filled as mentions ask for it
    sentence_vectors: dict[tuple[int, int], tuple[float, ...]] = field(
        default_factory=dict, compare=False, repr=False)

    def sentence_vector(self, scope: Span | Doc) -> tuple[float, ...]:
        """The unit mean parser vector of a sentence, computed once for all its mentions."""
        bounds = (scope.start, scope.end) if isinstance(scope, Span) else (0, len(scope))
        if bounds not in self.sentence_vectors:
            self.sentence_vectors[bounds] = unit_vector(list(scope))
        return self.sentence_vectors[bounds]


def document_cues(doc: Doc) -> DocumentCues:
    """The document-wide cues of a parsed document."""
    return DocumentCues(
        terms=frozenset(doc_lemmas(doc)),
        entities=frozenset(e.text.casefold() for e in doc.ents
                           if e.label_ not in TIME_LABELS | NUMBER_LABELS),
        places=frozenset(e.text.casefold() for e in doc.ents if e.label_ in PLACE_LABELS),
    )


def head_lemma(token: Token, *, lexicon: Lexicon | None = None) -> str:
    """The head's lemma, made comparable: plurals of names singular, "-ing" nouns their verb.

    WordNet is consulted (and loaded) only for a word whose form leaves a doubt: a short
    plural, a participle the tagger left whole, an "-ing" or "-ed" form.
    """
    def known(word: str) -> bool:
        return word in (lexicon or default_lexicon()).concepts

    lemma = token.lemma_.casefold() or token.text.casefold()
    if token.pos_ in {"NOUN", "PROPN"} and lemma.endswith("s") and not lemma.endswith(("ss", "us", "is")):
        if len(lemma) > 4 or known(lemma[:-1]):
            return lemma[:-1]  # "Oscars", "Awards": the tagger keeps names' plurals
    text = token.text.casefold()
    if lemma == text and text.endswith("ed") and len(text) > 4 and token.pos_ != "NOUN":
        # a participle the tagger left whole ("Nominated" in a headline): its verb
        lemma = next((c for c in (text[:-1], text[:-2]) if known(c)), lemma)
    candidates = [lemma[:-3], lemma[:-3] + "e", lemma[:-4]] if lemma.endswith("ing") else []
    candidates += [text[:-2], text[:-1], text[:-3]] if text.endswith("ed") else []
    if not candidates or known(lemma):
        return lemma
    return next((c for c in candidates if known(c)), lemma)


def _entity_text(token: Token) -> str:
    """The last word of the name a token is part of ("Robert Buckley" and "Buckley" meet), else its lemma."""
    if token.ent_type_ and token.ent_type_ not in TIME_LABELS | NUMBER_LABELS:
        for entity in token.doc.ents:
            if entity.start <= token.i < entity.end:
                return entity[-1].text.casefold()
    return token.lemma_.casefold()


def arguments(head: Token, inside: set[int]) -> frozenset[str]:
    """The event's participants: its subject, objects, modifiers and prepositional objects."""
    found = []
    for child in head.children:
        if child.dep_ in {"prep", "agent"}:
            found += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ARGUMENT_DEPS:
            found.append(child)
    if head.dep_ in {"amod", "compound", "acl", "relcl"}:
        found.append(head.head)  # "the shooting suspect": the noun it modifies
    return frozenset(_entity_text(t) for t in found
                     if not t.is_stop and t.pos_ in ARGUMENT_POS and t.i not in inside)


def _head(tokens: Sequence[Token]) -> Token | None:
    """The span's syntactic head: a token whose head lies outside the span."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return (heads or list(tokens) or [None])[0]


def event_word(head: Token, inside: set[int]) -> Token:
    """The word that names the event: the head, or the object of a light verb in the mention."""
    if head.lemma_.casefold() not in LIGHT_VERBS:
        return head
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i in inside and c.pos_ == "NOUN"]
    return objects[0] if objects else head


def _names(scope: Span | Doc, labels: frozenset[str]) -> frozenset[str]:
    return frozenset(light_lemma(e.text) if len(e) == 1 else e.text.casefold()
                     for e in scope.ents if e.label_ in labels)


def _times(scope: Span | Doc) -> frozenset[str]:
    """Time expressions, less the ages the tagger reads as dates ("a 36-year-old climber")."""
    return frozenset(t for t in _names(scope, TIME_LABELS) if not _AGE.search(t))


def _amounts(scope: Span | Doc) -> frozenset[str]:
    """The digits of each amount ("2 , 000ft" and "2,000 feet" both read 2000)."""
    digits = (re.sub(r"[^0-9.]", "", e.text).strip(".") for e in scope.ents if e.label_ in AMOUNT_LABELS)
    return frozenset(d for d in digits if d)


@dataclass(frozen=True)
class Neighbourhood:
    """The words around a mention in its sentence and where it stands there."""

    window: frozenset[str]
    left: str
    right: str
    offset: float


def neighbourhood(tokens: Sequence[Token], scope: Span | Doc) -> Neighbourhood:
    """Lemmas of the WINDOW words either side of a mention (punctuation and line breaks skipped), its position."""
    if not tokens:
        return Neighbourhood(frozenset(), "", "", 0.0)
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    start = scope.start if isinstance(scope, Span) else 0
    end = scope.end if isinstance(scope, Span) else len(scope)
    doc = tokens[0].doc
    before = [t.lemma_.casefold() for t in doc[start:first] if not (t.is_punct or t.is_space)]
    after = [t.lemma_.casefold() for t in doc[last + 1:end] if not (t.is_punct or t.is_space)]
    return Neighbourhood(frozenset(before[-WINDOW:] + after[:WINDOW]),
                         before[-1] if before else "", after[0] if after else "",
                         (first - start) / max(1, end - start))


def unit_vector(tokens: Sequence[Token]) -> tuple[float, ...]:
    """The tokens' mean parser (tok2vec) vector at unit length; () where the parse has none."""
    doc = tokens[0].doc if tokens else None
    if doc is None or doc.tensor is None or doc.tensor.shape[0] != len(doc) or not doc.tensor.size:
        return ()
    mean = doc.tensor[[t.i for t in tokens]].mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return tuple(float(v) for v in mean / norm) if norm else ()


def parsed_mention(tokens: Sequence[Token], scope: Span | Doc, *, key: Hashable, document: str,
                   story: str, cues: DocumentCues, sentence: int, lead: bool,
                   text: str = "") -> MentionFeatures:
    """Resolver features of an event mention: its tokens within `scope`, its sentence."""
    head = _head(tokens)
    inside = {t.i for t in tokens}
    around = neighbourhood(tokens, scope)
    entity_labels = frozenset({e.label_ for e in scope.ents}) - TIME_LABELS - NUMBER_LABELS
    return MentionFeatures(
        key=key, document=document, story=story,
        head=head_lemma(event_word(head, inside)) if head is not None else text.casefold(),
        pos=head.pos_ if head is not None else "", tag=head.tag_ if head is not None else "",
        words=frozenset(t.lemma_.casefold() for t in tokens if not t.is_punct),
        context=frozenset(token_lemmas(t for t in scope if t.i not in inside)),
        arguments=arguments(head, inside) if head is not None else frozenset(),
        entities=_names(scope, entity_labels), times=_times(scope),
        numbers=_names(scope, frozenset({"CARDINAL"})),
        people=frozenset(e.text.casefold().split()[-1] for e in scope.ents if e.label_ == "PERSON"),
        places=_names(scope, PLACE_LABELS),
        document_terms=cues.terms, document_entities=cues.entities, document_places=cues.places,
        lead=lead, root=head is not None and head.dep_ == "ROOT", sentence=sentence,
        nationalities=_names(scope, frozenset({"NORP"})), quantities=_amounts(scope),
        organisations=_names(scope, frozenset({"ORG"})),
        ages=frozenset(_AGE.findall(scope.text)),
        negated=head is not None and any(c.dep_ == "neg" for c in head.children),
        window=around.window, left=around.left, right=around.right, offset=around.offset,
        vector=unit_vector(tokens), sentence_vector=cues.sentence_vector(scope),
    )


def offset_mention(doc: Doc, start: int, end: int, *, sentence: tuple[int, int], key: Hashable,
                   document: str, story: str, cues: DocumentCues, sentence_index: int,
                   lead: bool) -> MentionFeatures:
    """`parsed_mention` of a mention given by character offsets (a trigger) and its sentence's offsets.

    Offsets that fall inside a token take the whole token; a sentence the parse splits
    differently is still read as given, so the cues come from the sentence the caller cites.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    scope = doc.char_span(*sentence, alignment_mode="expand")
    if scope is None:
        scope = span.sent if span is not None and len(span) else doc[:]
    return parsed_mention(list(span) if span is not None else [], scope, key=key, document=document,
                          story=story, cues=cues, sentence=sentence_index, lead=lead,
                          text=doc.text[start:end])
