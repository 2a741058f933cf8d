"""Cross-document event coreference measured on ECB+.

`evaluate_coref`: the gold event mentions of a split are clustered by
`eventdesk.coref` within the predicted story clusters and scored against the
gold chains with MUC, B3 and CEAF-e (CoNLL F1 = their mean). Singletons are
kept, as in the standard ECB+ evaluation with the CoNLL scorer.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventdesk.coref import CorefModel, MentionFeatures, pair_features, resolve_mentions
from eventdesk.ecb import EcbMention, EcbSplit
from eventdesk.eval_ecb import (
    CLUSTER_SETTINGS, ORDER_SEEDS, Clustering, ParsedDocument, bcubed, ceafe, cluster_documents, load_split,
    muc, split_names, text_table,
)
from eventdesk.settings import Options
from eventdesk.stories import article_features, doc_lemmas, light_lemma, token_lemmas

# Coreference compares mentions within a document cluster; a looser cut (whole
# topics, mostly) loses fewer true links, and the pair model's document cue
# keeps the two events of a topic apart.
COREF_CLUSTER_SETTINGS: dict[str, Any] = {**CLUSTER_SETTINGS, "threshold": 0.15}


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
    for name in split_names(data_dir, split):
        ecb, parsed = load_split(data_dir, name, options)
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

    ecb, parsed = load_split(data_dir, split, options)
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


def format_coref(result: Mapping[str, Mapping[str, float]]) -> str:
    """A text table of `evaluate_coref` output."""
    columns = [("MUC F1", "muc_f1"), ("B3 F1", "b3_f1"), ("CEAFe F1", "ceafe_f1"),
               ("CoNLL F1", "conll_f1"), ("mentions", "mentions"), ("chains", "chains"),
               ("gold", "gold_chains")]
    return text_table(result, columns, "Cross-document event coreference on ECB+ gold event mentions "
                                   "(within our own story clusters; singletons included)")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m eventdesk.eval_coref --fit-coref DIR OUT`: refit the packaged coreference model."""
    import json
    import sys

    from eventdesk.settings import load_options

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] != "--fit-coref":
        raise SystemExit("usage: python -m eventdesk.eval_coref --fit-coref ECB_DIR OUT.json")
    fitted = fit_coref_model(Path(args[1]), options=load_options()).to_dict()
    Path(args[2]).write_text(json.dumps(fitted, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
