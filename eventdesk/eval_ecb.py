"""Story clustering and cross-document event coreference, measured on ECB+.

`evaluate_clusters`: documents stream into `StoryClusterer` (in a seeded
shuffled order: ECB+ has no publication dates, and its file order follows the
gold topics, which would hand the clusterer the answer); a gold story is one
topic's `ecb` or `ecbplus` half. Scored by B-cubed and pairwise P/R/F1.

`evaluate_coref`: the gold event mentions of a split are clustered by
`eventdesk.coref` within the predicted story clusters and scored against the
gold chains with MUC, B3 and CEAF-e (CoNLL F1 = their mean). Singletons are
kept, as in the standard ECB+ evaluation with the CoNLL scorer.
"""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment
from spacy.tokens import Doc, Span, Token

from eventdesk.coref import CorefModel, MentionFeatures, pair_features, resolve_mentions
from eventdesk.ecb import EcbDocument, EcbMention, EcbSplit, detokenise, find_splits, read_split
from eventdesk.entities import extract_mentions
from eventdesk.model import Article, Extraction
from eventdesk.nlp import load_nlp
from eventdesk.pipeline import sentences_of
from eventdesk.settings import Options
from eventdesk.stories import (
    SIGNAL_NAMES, ArticleFeatures, StoryClusterer, article_features, doc_lemmas, light_lemma, token_lemmas,
)

# Tuned on ECB+ Train only (see bench/ and the issue notes); Dev is reported.
CLUSTER_SETTINGS: dict[str, Any] = {}
ORDER_SEEDS = (0, 1, 2)
# Coreference compares mentions within a document cluster; a looser cut (whole
# topics, mostly) loses fewer true links, and the pair model's document cue
# keeps the two events of a topic apart.
COREF_CLUSTER_SETTINGS: dict[str, Any] = {**CLUSTER_SETTINGS, "threshold": 0.15}

Clustering = Mapping[Hashable, Hashable]  # item -> its cluster label


# -- metrics -------------------------------------------------------------------


def _groups(clustering: Clustering) -> list[set[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in clustering.items():
        groups[label].add(item)
    return list(groups.values())


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _check_items(key: Clustering, response: Clustering) -> None:
    if set(key) != set(response):
        raise ValueError(
            f"key and response cluster different items ({len(set(key) ^ set(response))} differ); "
            f"score gold mentions against a clustering of the same mentions"
        )


def muc(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995) precision, recall, F1: links kept and links made."""
    _check_items(key, response)

    def recall(gold: Clustering, pred: Clustering) -> float:
        groups = _groups(gold)
        total = sum(len(g) - 1 for g in groups)
        kept = sum(len(g) - len({pred[i] for i in g}) for g in groups)
        return kept / total if total else 0.0

    return _prf(recall(response, key), recall(key, response))


def bcubed(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """B-cubed (Bagga & Baldwin 1998) precision, recall, F1, averaged over items."""
    _check_items(key, response)
    key_of = {i: g for g in _groups(key) for i in g}
    response_of = {i: g for g in _groups(response) for i in g}
    if not key_of:
        return 0.0, 0.0, 0.0
    shared = {i: len(key_of[i] & response_of[i]) for i in key_of}
    p = sum(shared[i] / len(response_of[i]) for i in key_of) / len(key_of)
    r = sum(shared[i] / len(key_of[i]) for i in key_of) / len(key_of)
    return _prf(p, r)


def ceafe(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005, phi4) with the optimal one-to-one cluster alignment."""
    _check_items(key, response)
    gold = _groups(key)
    if not gold:
        return 0.0, 0.0, 0.0
    index = {label: j for j, label in enumerate(dict.fromkeys(response.values()))}
    pred: list[set[Hashable]] = [set() for _ in index]
    for item, label in response.items():
        pred[index[label]].add(item)
    phi = np.zeros((len(gold), len(pred)))
    for g, cluster in enumerate(gold):
        for item in cluster:
            phi[g, index[response[item]]] += 1
    sizes = np.add.outer([len(c) for c in gold], [len(c) for c in pred])
    phi = 2 * phi / sizes
    rows, cols = linear_sum_assignment(phi, maximize=True)
    total = float(phi[rows, cols].sum())
    return _prf(total / len(pred), total / len(gold))


def pairwise(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 over item pairs put in one cluster."""
    _check_items(key, response)

    def pairs(clustering: Clustering) -> int:
        return sum(len(g) * (len(g) - 1) // 2 for g in _groups(clustering))

    both: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for item in key:
        both[(key[item], response[item])] += 1
    common = sum(n * (n - 1) // 2 for n in both.values())
    predicted, gold = pairs(response), pairs(key)
    return _prf(common / predicted if predicted else 0.0, common / gold if gold else 0.0)


def conll_f1(key: Clustering, response: Clustering) -> float:
    """The CoNLL-2012 score: mean F1 of MUC, B3 and CEAF-e."""
    return (muc(key, response)[2] + bcubed(key, response)[2] + ceafe(key, response)[2]) / 3


# -- ECB+ documents as eventdesk extractions ------------------------------------


@dataclasses.dataclass(frozen=True)
class ParsedDocument:
    """An ECB+ document as text, its spaCy parse, extraction and token offsets."""

    document: EcbDocument
    doc: Doc
    extraction: Extraction
    token_offsets: Mapping[int, list[int]]  # sentence id -> character offset of each token


def _document_text(document: EcbDocument) -> tuple[str, dict[int, list[int]]]:
    """One line per annotated sentence; offsets of every token in the joined text."""
    lines: list[str] = []
    offsets: dict[int, list[int]] = {}
    start = 0
    for sentence_id, tokens in document.sentences:
        line, token_starts = detokenise(tokens)
        offsets[sentence_id] = [start + o for o in token_starts]
        lines.append(line)
        start += len(line) + 1
    return "\n".join(lines), offsets


def parse_documents(split: EcbSplit, options: Options) -> list[ParsedDocument]:
    """Parse every document of a split and run the entity pass over it."""
    texts = [_document_text(d) for d in split.documents]
    nlp = load_nlp(options.model)
    parsed = []
    for document, (text, offsets), doc in zip(
            split.documents, texts, nlp.pipe((t for t, _ in texts), batch_size=options.batch_size),
            strict=True):
        article = Article(id=document.id, text=text, source=f"ECB+ {split.name}")
        draft = Extraction(article=article, sentences=sentences_of(doc))
        parsed.append(ParsedDocument(document, doc, extract_mentions(doc, draft, options), offsets))
    return parsed


_PARSED: dict[tuple[Path, str, str], tuple[EcbSplit, list[ParsedDocument]]] = {}


def _load(data_dir: Path, split: str, options: Options) -> tuple[EcbSplit, list[ParsedDocument]]:
    """A split read and parsed once per process (keyed by folder, split and model)."""
    key = (data_dir.resolve(), split, options.model)
    if key not in _PARSED:
        ecb = read_split(data_dir, split)
        _PARSED[key] = (ecb, parse_documents(ecb, options))
    return _PARSED[key]


# -- story clustering ------------------------------------------------------------


def cluster_documents(features: Sequence[ArticleFeatures], *, seed: int,
                      settings: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Document id -> story id, streaming the documents in a seeded shuffled order."""
    order = list(features)
    random.Random(seed).shuffle(order)
    clusterer = StoryClusterer(**(settings if settings is not None else CLUSTER_SETTINGS))
    for item in order:
        clusterer.add(item)
    return {item.article_id: clusterer.story_of(item.article_id) or "" for item in order}


def _cluster_scores(gold: Clustering, predicted: Clustering) -> dict[str, float]:
    b_p, b_r, b_f = bcubed(gold, predicted)
    p_p, p_r, p_f = pairwise(gold, predicted)
    return {"bcubed_p": b_p, "bcubed_r": b_r, "bcubed_f1": b_f,
            "pairwise_p": p_p, "pairwise_r": p_r, "pairwise_f1": p_f}


def score_split_clusters(parsed: Sequence[ParsedDocument], *,
                         settings: Mapping[str, Any] | None = None,
                         seeds: Sequence[int] = ORDER_SEEDS) -> dict[str, float]:
    """Mean cluster scores over several arrival orders of one split's documents."""
    features = [article_features(p.extraction, doc=p.doc) for p in parsed]
    gold = {p.document.id: p.document.gold_story for p in parsed}
    runs = []
    for seed in seeds:
        predicted = cluster_documents(features, seed=seed, settings=settings)
        runs.append({**_cluster_scores(gold, predicted), "clusters": len(set(predicted.values()))})
    mean = {key: sum(run[key] for run in runs) / len(runs) for key in runs[0]}
    return {**mean, "docs": len(parsed), "gold_clusters": len(set(gold.values())),
            "orders": len(runs)}


def _splits(data_dir: Path, split: str | None) -> list[str]:
    return [split] if split is not None else find_splits(data_dir)


def evaluate_clusters(data_dir: Path, *, split: str | None = None, options: Options) -> dict:
    """Story clustering scores per split: B-cubed and pairwise P/R/F1, docs, clusters."""
    result = {}
    for name in _splits(data_dir, split):
        _, parsed = _load(data_dir, name, options)
        result[name] = score_split_clusters(parsed)
    return result


# -- event coreference -------------------------------------------------------------

TIME_LABELS = frozenset({"DATE", "TIME"})


def _span_tokens(parsed: ParsedDocument, mention: EcbMention) -> list[Token]:
    """spaCy tokens under a gold mention's ECB+ tokens."""
    offsets = parsed.token_offsets[mention.sentence]
    starts = {offsets[n] for n in mention.tokens if n < len(offsets)}
    return [t for t in parsed.doc if any(t.idx <= s < t.idx + len(t) for s in starts)]


def _head(tokens: list[Token]) -> Token | None:
    """The span's syntactic head: a token whose head lies outside the span."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return (heads or tokens or [None])[0]


def _sentence_of(parsed: ParsedDocument, mention: EcbMention) -> Span | None:
    offsets = parsed.token_offsets.get(mention.sentence)
    if not offsets:
        return None
    return parsed.doc.char_span(offsets[0], offsets[0] + 1, alignment_mode="expand").sent


def _names(span: Span | Doc, labels: frozenset[str], *, keep: bool) -> frozenset[str]:
    return frozenset(
        light_lemma(e.text) if len(e) == 1 else e.text.casefold()
        for e in span.ents if (e.label_ in labels) == keep
    )


def mention_features(parsed: ParsedDocument, mention: EcbMention, *, story: str,
                     document_terms: frozenset[str]) -> MentionFeatures:
    """Resolver features of one gold event mention."""
    tokens = _span_tokens(parsed, mention)
    head = _head(tokens)
    sentence = _sentence_of(parsed, mention)
    scope: Span | Doc = sentence if sentence is not None else parsed.doc
    inside = {t.i for t in tokens}
    context = frozenset(token_lemmas(t for t in scope if t.i not in inside))
    return MentionFeatures(
        key=mention.key, document=mention.doc_id, story=story,
        head=light_lemma(head.lemma_) if head is not None else light_lemma(mention.text),
        pos=head.pos_ if head is not None else "",
        context=context,
        entities=_names(scope, TIME_LABELS | {"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"},
                        keep=False),
        times=_names(scope, TIME_LABELS, keep=True),
        numbers=_names(scope, frozenset({"CARDINAL"}), keep=True),
        document_terms=document_terms,
        lead=mention.sentence == parsed.document.sentences[0][0],
        root=head is not None and head.dep_ == "ROOT",
    )


def split_mentions(ecb: EcbSplit, parsed: Sequence[ParsedDocument],
                   stories: Mapping[str, str]) -> list[MentionFeatures]:
    """Resolver features of every gold event mention, tagged with its document's story."""
    by_id = {p.document.id: p for p in parsed}
    terms = {p.document.id: frozenset(doc_lemmas(p.doc)) for p in parsed}
    return [
        mention_features(by_id[m.doc_id], m, story=stories[m.doc_id], document_terms=terms[m.doc_id])
        for m in ecb.events if m.doc_id in by_id
    ]


def predicted_stories(parsed: Sequence[ParsedDocument], *, seed: int = ORDER_SEEDS[0],
                      settings: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Document id -> story id from our own streaming story clustering."""
    features = [article_features(p.extraction, doc=p.doc) for p in parsed]
    return cluster_documents(features, seed=seed, settings=settings or COREF_CLUSTER_SETTINGS)


def coref_scores(key: Clustering, response: Clustering) -> dict[str, float]:
    """MUC, B3, CEAF-e P/R/F1 and CoNLL F1 of one response."""
    result: dict[str, float] = {}
    for name, metric in (("muc", muc), ("b3", bcubed), ("ceafe", ceafe)):
        p, r, f = metric(key, response)
        result.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f})
    result["conll_f1"] = (result["muc_f1"] + result["b3_f1"] + result["ceafe_f1"]) / 3
    return result


def score_split_coref(ecb: EcbSplit, parsed: Sequence[ParsedDocument], *,
                      model: CorefModel | None = None,
                      threshold: float | None = None) -> dict[str, float]:
    """Cross-document event coreference scores of one split over our own story clusters."""
    stories = predicted_stories(parsed)
    mentions = split_mentions(ecb, parsed, stories)
    response = resolve_mentions(mentions, model=model, threshold=threshold)
    key = {m.key: m.chain for m in ecb.events if m.key in response}
    scores = coref_scores(key, {k: response[k] for k in key})
    return {**scores, "mentions": len(key), "gold_chains": len(set(key.values())),
            "chains": len(set(response.values())), "stories": len(set(stories.values()))}


def evaluate_coref(data_dir: Path, *, split: str | None = None, options: Options) -> dict:
    """Event coreference scores per split: MUC, B3, CEAF-e (P/R/F1) and CoNLL F1."""
    result = {}
    for name in _splits(data_dir, split):
        ecb, parsed = _load(data_dir, name, options)
        result[name] = score_split_coref(ecb, parsed)
    return result


# -- fitting the coreference model on a training split -------------------------------


LEMMA_PAIR_MIN_COUNT = 2


def _lemma_pair_rates(mentions: Sequence[MentionFeatures], chains: Mapping[Hashable, str],
                      *, min_count: int | None = None) -> dict[tuple[str, str], float]:
    """For head-lemma pairs of one story: how often the pair co-refers (smoothed)."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for a, b in _story_pairs(mentions):
        if a.head != b.head:
            counts = seen[(a.head, b.head) if a.head < b.head else (b.head, a.head)]
            counts[0] += chains[a.key] == chains[b.key]
            counts[1] += 1
    least = LEMMA_PAIR_MIN_COUNT if min_count is None else min_count
    return {pair: same / (total + 1) for pair, (same, total) in seen.items() if same >= least}


def _story_pairs(mentions: Sequence[MentionFeatures]) -> list[tuple[MentionFeatures, MentionFeatures]]:
    by_story: dict[str, list[MentionFeatures]] = defaultdict(list)
    for mention in mentions:
        by_story[mention.story].append(mention)
    return [(group[i], group[j]) for group in by_story.values()
            for i in range(len(group)) for j in range(i + 1, len(group))]


def _topic_of(mention: MentionFeatures) -> str:
    return mention.document.split("_")[0]


def fit_coref_model(data_dir: Path, *, options: Options, split: str = "Train",
                    thresholds: Sequence[float] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)) -> CorefModel:
    """Learn the pair weights, lemma-pair table and clustering cut on one split."""
    from sklearn.linear_model import LogisticRegression

    ecb, parsed = _load(data_dir, split, options)
    mentions = split_mentions(ecb, parsed, predicted_stories(parsed))
    chains = {m.key: m.chain for m in ecb.events}
    topics = sorted({_topic_of(m) for m in mentions})
    folds = [set(topics[0::2]), set(topics[1::2])]
    rows, labels = [], []
    for fold in folds:  # rates from the other fold, so the weights see unseen topics' rates
        rates = _lemma_pair_rates([m for m in mentions if _topic_of(m) not in fold], chains)
        probe = CorefModel(weights=(), lemma_pairs=rates)
        for a, b in _story_pairs([m for m in mentions if _topic_of(m) in fold]):
            rows.append(pair_features(a, b, probe))
            labels.append(int(chains[a.key] == chains[b.key]))
    fit = LogisticRegression(C=1.0, max_iter=1000, fit_intercept=False).fit(rows, labels)
    model = CorefModel(tuple(float(w) for w in fit.coef_[0]),
                       lemma_pairs=_lemma_pair_rates(mentions, chains))
    key = {m.key: chains[m.key] for m in mentions}
    best = max(thresholds, key=lambda t: coref_scores(
        key, resolve_mentions(mentions, model=model, threshold=t))["conll_f1"])
    return dataclasses.replace(model, threshold=best)


# -- text tables ---------------------------------------------------------------------


def _cell(value: float | int, key: str) -> str:
    if key == "clusters" and isinstance(value, float):
        return f"{value:>10.1f}"  # a mean over arrival orders
    return f"{value:>10.3f}" if isinstance(value, float) else f"{value:>10}"


def _table(result: Mapping[str, Mapping[str, float]], columns: Sequence[tuple[str, str]],
           title: str) -> str:
    header = f"{'split':<8}" + "".join(f"{label:>10}" for label, _ in columns)
    lines = [title, header, "-" * len(header)]
    for split, scores in result.items():
        cells = "".join(_cell(scores[key], key) for _, key in columns)
        lines.append(f"{split:<8}{cells}")
    return "\n".join(lines)


def format_clusters(result: Mapping[str, Mapping[str, float]]) -> str:
    """A text table of `evaluate_clusters` output."""
    columns = [("B3 P", "bcubed_p"), ("B3 R", "bcubed_r"), ("B3 F1", "bcubed_f1"),
               ("pair F1", "pairwise_f1"), ("docs", "docs"), ("clusters", "clusters"),
               ("gold", "gold_clusters")]
    note = "(mean over %d shuffled arrival orders; gold story = topic + ecb/ecbplus half)"
    orders = next(iter(result.values()), {}).get("orders", len(ORDER_SEEDS))
    return _table(result, columns, "Story clustering on ECB+ " + note % orders)


def format_coref(result: Mapping[str, Mapping[str, float]]) -> str:
    """A text table of `evaluate_coref` output."""
    columns = [("MUC F1", "muc_f1"), ("B3 F1", "b3_f1"), ("CEAFe F1", "ceafe_f1"),
               ("CoNLL F1", "conll_f1"), ("mentions", "mentions"), ("chains", "chains"),
               ("gold", "gold_chains")]
    return _table(result, columns, "Cross-document event coreference on ECB+ gold event mentions "
                                   "(within our own story clusters; singletons included)")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m eventdesk.eval_ecb --fit-coref|--fit-stories DIR OUT`: refit a packaged model."""
    import json
    import sys

    from eventdesk.settings import load_options

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] not in {"--fit-coref", "--fit-stories"}:
        raise SystemExit("usage: python -m eventdesk.eval_ecb --fit-coref|--fit-stories ECB_DIR OUT.json")
    options = load_options()
    if args[0] == "--fit-stories":
        fitted = fit_story_model(Path(args[1]), options=options)
    else:
        fitted = fit_coref_model(Path(args[1]), options=options).to_dict()
    Path(args[2]).write_text(json.dumps(fitted, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()


# -- fitting the story join model on a training split ----------------------------------


def _join_examples(features: Sequence[ArticleFeatures], gold: Mapping[str, str], *,
                   seed: int) -> tuple[list[tuple[float, ...]], list[int]]:
    """Signals of every (article, candidate story) met while streaming with gold decisions."""
    order = list(features)
    random.Random(seed).shuffle(order)
    clusterer = StoryClusterer()
    opened: dict[str, str] = {}  # gold story -> our story id
    rows, labels = [], []
    for item in order:
        truth = gold[item.article_id]
        for story_id, signals in clusterer.candidate_signals(item):
            rows.append(signals)
            labels.append(int(opened.get(truth) == story_id))
        opened[truth] = clusterer.assign(item, opened.get(truth))
    return rows, labels


def fit_story_model(data_dir: Path, *, options: Options, split: str = "Train",
                    thresholds: Sequence[float] = (0.2, 0.25, 0.3, 0.4, 0.5)) -> dict[str, Any]:
    """Learn the join weights (logistic) and the join threshold on one split."""
    from sklearn.linear_model import LogisticRegression

    _, parsed = _load(data_dir, split, options)
    features = [article_features(p.extraction, doc=p.doc) for p in parsed]
    gold = {p.document.id: p.document.gold_story for p in parsed}
    rows, labels = [], []
    for seed in ORDER_SEEDS:
        more_rows, more_labels = _join_examples(features, gold, seed=seed)
        rows += more_rows
        labels += more_labels
    fit = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False).fit(rows, labels)
    weights = [float(w) for w in fit.coef_[0]]
    best = max(thresholds, key=lambda t: score_split_clusters(
        parsed, settings={**CLUSTER_SETTINGS, "weights": weights, "threshold": t})["bcubed_f1"])
    return {"signals": list(SIGNAL_NAMES), "weights": weights, "threshold": best}
