"""Cross-report entity linking measured on MEANTIME's cross-document entity annotation.

Each MEANTIME corpus (one topic: Airbus, Apple, GM, stocks) is taken as one
story: every article goes through the real per-article pipeline (spaCy parse,
cached; every extraction stage) with its creation date as publication date,
and `eventdesk.linking.link_entities` links the story's mentions, as the
report does. Each gold entity mention is aligned to the linked mention with
the largest character overlap, kept when it covers half the gold span or
holds the gold span's syntactic head. Scores are MUC, B3, CEAF-e and CoNLL F1
over all gold mentions, with singletons kept: a gold mention with no aligned
mention is a singleton of the response. A same-head-lemma baseline over the
same aligned mentions anchors the figure. "all" pools the corpora, each
gold instance scoped to its corpus (linking never runs across topics).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventdesk.errors import StageError
from eventdesk.eval_coref import coref_scores
from eventdesk.eval_timeml import parse_cached
from eventdesk.linking import LinkedEntity, link_entities
from eventdesk.meantime import GoldEntityMention, MeantimeDocument, corpus_folders, corpus_name, read_corpus
from eventdesk.model import Article, Extraction
from eventdesk.pipeline import extract_article, sentences_of
from eventdesk.settings import Options

TYPES = ("PER", "ORG", "LOC")
SCORES = ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1")
WORST_ERRORS = 15


@dataclass(frozen=True)
class AlignedMention:
    """A gold mention, the linked entity its aligned mention belongs to, and its head lemma."""

    corpus: str
    gold: GoldEntityMention
    entity: str | None  # None: no predicted mention aligned
    entity_name: str
    head_lemma: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.corpus, self.gold.doc_id, self.gold.m_id)


def extract_corpus(documents: Sequence[MeantimeDocument], *, options: Options,
                   failures: list[str] | None = None) -> tuple[list[Doc], list[Extraction]]:
    """Parse (cached) and run every pipeline stage over each document.

    A document a stage breaks on keeps no mentions (its gold mentions count as
    not found) and its error is appended to `failures`.
    """
    docs = parse_cached([d.text for d in documents], options=options)
    extractions = []
    for source, doc in zip(documents, docs, strict=True):
        article = Article(id=source.id, text=source.text, title=source.name, published=source.dct,
                          published_source="metadata" if source.dct else "none", source=source.name)
        try:
            extractions.append(extract_article(doc, article, options))
        except StageError as error:
            extractions.append(Extraction(article=article, sentences=sentences_of(doc)))
            if failures is not None:
                failures.append(f"{source.name}: {error}")
    return docs, extractions


def _head(doc: Doc, mention: GoldEntityMention) -> tuple[int, str]:
    """Character offset and lemma of the syntactic head of a gold span."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return mention.start, mention.text.lower()
    return span.root.idx, span.root.lemma_.lower()


def align_mention(mention: GoldEntityMention, head: int,
                  predicted: Sequence[tuple[int, int, str]]) -> str | None:
    """The entity of the predicted span overlapping the gold span most, if it covers half of it or its head."""
    best, best_overlap = None, 0
    for start, end, entity in predicted:
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > best_overlap and (2 * overlap >= mention.end - mention.start or start <= head < end):
            best, best_overlap = entity, overlap
    return best


def align_corpus(name: str, documents: Sequence[MeantimeDocument], docs: Sequence[Doc],
                 entities: Sequence[LinkedEntity]) -> list[AlignedMention]:
    """Every gold mention of a corpus with the linked entity it was found in (or none)."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    names = {e.id: e.name for e in entities}
    for entity in entities:
        for article_id, start, end in entity.mentions:
            spans[article_id].append((start, end, entity.id))
    aligned = []
    for document, doc in zip(documents, docs, strict=True):
        for mention in document.mentions:
            head, lemma = _head(doc, mention)
            entity = align_mention(mention, head, spans[document.id])
            aligned.append(AlignedMention(name, mention, entity, names.get(entity or "", ""), lemma))
    return aligned


def _gold_label(m: AlignedMention) -> Hashable:
    return (m.corpus, m.gold.instance) if m.gold.instance else ("singleton", m.key)


def _scores(mentions: Sequence[AlignedMention], label: Callable[[AlignedMention], Hashable]) -> dict[str, float]:
    key = {m.key: _gold_label(m) for m in mentions}
    response = {m.key: label(m) if m.entity is not None else ("singleton", m.key) for m in mentions}
    return {name: round(value, 4) for name, value in coref_scores(key, response).items()}


def score_mentions(mentions: Sequence[AlignedMention], *, docs: int) -> dict[str, Any]:
    """Linking and baseline scores, mention recall and per-type scores of aligned gold mentions."""
    if not mentions:
        return {**dict.fromkeys(SCORES, 0.0), "mention_recall": 0.0, "docs": docs, "gold_mentions": 0}
    found = sum(m.entity is not None for m in mentions)
    result: dict[str, Any] = {
        **_scores(mentions, lambda m: (m.corpus, m.entity)),
        "mention_recall": round(found / len(mentions), 4), "docs": docs, "gold_mentions": len(mentions),
        "baseline": {k: v for k, v in _scores(mentions, lambda m: (m.corpus, m.head_lemma)).items()
                     if k in SCORES},
        "by_type": {},
    }
    for kind in TYPES:
        typed = [m for m in mentions if m.gold.type == kind]
        if typed:
            result["by_type"][kind] = {
                **{k: v for k, v in _scores(typed, lambda m: (m.corpus, m.entity)).items() if k in SCORES},
                "mention_recall": round(sum(m.entity is not None for m in typed) / len(typed), 4),
                "gold_mentions": len(typed)}
    return result


def linking_errors(mentions: Sequence[AlignedMention], limit: int = WORST_ERRORS) -> list[dict[str, Any]]:
    """The largest splits (one gold instance, several entities) and merges (one entity, several instances)."""
    found = [m for m in mentions if m.entity is not None]
    errors = []
    for kind, group_of, part_of in (("split", _gold_label, lambda m: (m.corpus, m.entity)),
                                    ("merge", lambda m: (m.corpus, m.entity), _gold_label)):
        groups: dict[Hashable, list[AlignedMention]] = defaultdict(list)
        for m in found:
            groups[group_of(m)].append(m)
        for members in groups.values():
            parts: dict[Hashable, Counter[str]] = defaultdict(Counter)
            for m in members:
                parts[part_of(m)][m.gold.text] += 1
            if len(parts) > 1:
                wrong = len(members) - max(sum(c.values()) for c in parts.values())
                errors.append({"kind": kind, "corpus": members[0].corpus, "wrong": wrong,
                               "parts": [" | ".join(f for f, _ in c.most_common(3)) for c in parts.values()]})
    return sorted(errors, key=lambda e: -e["wrong"])[:limit]


def evaluate_entities(data_dir: Path, *, corpus: str | None = None, options: Options) -> dict[str, Any]:
    """Cross-document entity coreference scores per MEANTIME corpus and over all of them ("all")."""
    result: dict[str, Any] = {}
    pooled: list[AlignedMention] = []
    total_docs = 0
    for folder in corpus_folders(data_dir, corpus):
        name = corpus_name(folder)
        documents = read_corpus(folder)
        failures: list[str] = []
        docs, extractions = extract_corpus(documents, options=options, failures=failures)
        aligned = align_corpus(name, documents, docs, link_entities(extractions))
        result[name] = score_mentions(aligned, docs=len(documents))
        if failures:
            result[name]["failures"] = failures
        pooled += aligned
        total_docs += len(documents)
    result["all"] = {**score_mentions(pooled, docs=total_docs), "errors": linking_errors(pooled)}
    return result


def format_entities(result: Mapping[str, Any]) -> str:
    """A readable table: scores per corpus, the baseline, per type, and the worst linking errors."""
    header = (f"{'corpus':<8}{'MUC':>7}{'B3':>7}{'CEAFe':>7}{'CoNLL':>7}{'base':>7}{'found':>7}"
              f"{'docs':>6}{'gold':>6}")
    lines = ["Cross-document entity coreference on MEANTIME gold mentions (one story per corpus; "
             "singletons included; base = same head lemma over the same aligned mentions)",
             header, "-" * len(header)]
    for name, row in result.items():
        lines.append(f"{name:<8}" + "".join(f"{row[k]:7.3f}" for k in SCORES)
                     + f"{row.get('baseline', {}).get('conll_f1', 0.0):7.3f}{row['mention_recall']:7.3f}"
                     f"{row['docs']:6}{row['gold_mentions']:6}")
    for name, row in result.items():
        for failure in row.get("failures", ()):
            lines.append(f"{name}: a stage failed, its gold mentions count as not found: {failure}")
    total = result.get("all", {})
    lines += ["", "per type (all corpora): CoNLL F1, mention recall, gold mentions"]
    for kind, row in total.get("by_type", {}).items():
        lines.append(f"  {kind:<5}{row['conll_f1']:7.3f}{row['mention_recall']:7.3f}{row['gold_mentions']:6}")
    if total.get("errors"):
        lines += ["", "largest linking errors (wrong = mentions outside the largest part)"]
        for error in total["errors"]:
            lines.append(f"  {error['kind']:<6}{error['corpus']:<8}{error['wrong']:4}  "
                         + "  //  ".join(p[:40] for p in error["parts"][:4]))
    return "\n".join(lines)

