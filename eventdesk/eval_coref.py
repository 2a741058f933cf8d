"""Cross-document event coreference measured on ECB+.

`evaluate_coref`: the gold event mentions of a split are clustered by
`eventdesk.coref` within the predicted story clusters (or, as a diagnostic
that leaves story clustering out, within the gold stories) and scored against
the gold chains with MUC, B3 and CEAF-e (CoNLL F1 = their mean). Singletons
are kept, as in the standard ECB+ evaluation with the CoNLL scorer.
`fit_coref_model` learns the pair model on one split (Train) only.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from eventdesk.coref import (
    CorefModel, MentionFeatures, cluster_matrices, resolve_mentions, score_matrices, story_scores,
)
from eventdesk.coref_mentions import document_cues, parsed_mention
from eventdesk.coref_pairs import Tree, document_weights
from eventdesk.ecb import EcbMention, EcbSplit
from eventdesk.eval_ecb import (
    CLUSTER_SETTINGS, ORDER_SEEDS, Clustering, ParsedDocument, bcubed, ceafe, cluster_documents, load_split,
    muc, split_names, text_table,
)
from eventdesk.settings import Options
from eventdesk.stories import article_features

# Coreference compares mentions within a document cluster; a looser cut (whole
# topics, mostly) loses fewer true links, and the pair model's document cues
# keep the two events of a topic apart.
COREF_CLUSTER_SETTINGS: dict[str, Any] = {**CLUSTER_SETTINGS, "threshold": 0.15}


def _span_tokens(parsed: ParsedDocument, mention: EcbMention) -> list[Token]:
    """spaCy tokens under a gold mention's ECB+ tokens."""
    offsets = parsed.token_offsets[mention.sentence]
    starts = {offsets[n] for n in mention.tokens if n < len(offsets)}
    return [t for t in parsed.doc if any(t.idx <= s < t.idx + len(t) for s in starts)]


def _sentence_of(parsed: ParsedDocument, mention: EcbMention) -> Span | None:
    offsets = parsed.token_offsets.get(mention.sentence)
    if not offsets:
        return None
    return parsed.doc.char_span(offsets[0], offsets[0] + 1, alignment_mode="expand").sent


def split_mentions(ecb: EcbSplit, parsed: Sequence[ParsedDocument],
                   stories: Mapping[str, str]) -> list[MentionFeatures]:
    """Resolver features of every gold event mention, tagged with its document's story."""
    by_id = {p.document.id: p for p in parsed}
    cues = {p.document.id: document_cues(p.doc) for p in parsed}
    found = []
    for mention in ecb.events:
        if (document := by_id.get(mention.doc_id)) is None:
            continue
        sentence = _sentence_of(document, mention)
        found.append(parsed_mention(
            _span_tokens(document, mention), sentence if sentence is not None else document.doc,
            key=mention.key, document=mention.doc_id, story=stories[mention.doc_id],
            cues=cues[mention.doc_id], sentence=mention.sentence, text=mention.text,
            lead=mention.sentence == document.document.sentences[0][0]))
    return found


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


def gold_stories(parsed: Sequence[ParsedDocument]) -> dict[str, str]:
    """Document id -> its gold story (topic and half): the diagnostic without story clustering."""
    return {p.document.id: p.document.gold_story for p in parsed}


def score_split_coref(ecb: EcbSplit, parsed: Sequence[ParsedDocument], *,
                      model: CorefModel | None = None, threshold: float | None = None,
                      gold_clusters: bool = False) -> dict[str, float]:
    """Cross-document event coreference scores of one split over our own (or gold) story clusters."""
    stories = gold_stories(parsed) if gold_clusters else predicted_stories(parsed)
    mentions = split_mentions(ecb, parsed, stories)
    response = resolve_mentions(mentions, model=model, threshold=threshold)
    key = {m.key: m.chain for m in ecb.events if m.key in response}
    scores = coref_scores(key, {k: response[k] for k in key})
    return {**scores, "mentions": len(key), "gold_chains": len(set(key.values())),
            "chains": len(set(response.values())), "stories": len(set(stories.values()))}


def evaluate_coref(data_dir: Path, *, split: str | None = None, options: Options,
                   gold_clusters: bool = False) -> dict:
    """Event coreference scores per split: MUC, B3, CEAF-e (P/R/F1) and CoNLL F1.

    `gold_clusters` resolves within the gold stories instead of our own story
    clusters: a diagnostic that separates coreference from story clustering.
    """
    result = {}
    for name in split_names(data_dir, split):
        ecb, parsed = load_split(data_dir, name, options)
        result[name] = score_split_coref(ecb, parsed, gold_clusters=gold_clusters)
    return result


# -- fitting the coreference model on a training split -------------------------------


LEMMA_PAIR_MIN_COUNT = 2
BOOSTING: dict[str, Any] = {"n_estimators": 100, "max_depth": 3, "learning_rate": 0.1,
                            "subsample": 0.5, "random_state": 0}
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
# The boosting subsamples its rows, so one seed's best cut moves with noise (refits picked 0.45,
# then 0.55); the cut is the best on the out-of-fold mean over these seeds.
CUT_SEEDS = (0, 1, 2)


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


def _pair_rows(mentions: Sequence[MentionFeatures], chains: Mapping[Hashable, str],
               model: CorefModel) -> tuple[np.ndarray, np.ndarray]:
    """Pair features and same-chain labels of every mention pair within a story."""
    weights = document_weights(mentions)
    rows, labels = [], []
    by_story: dict[str, list[MentionFeatures]] = defaultdict(list)
    for mention in mentions:
        by_story[mention.story].append(mention)
    for members in by_story.values():
        pairs, story_rows = story_scores(members, model, weights)
        rows.append(story_rows)
        labels += [int(chains[members[i].key] == chains[members[j].key]) for i, j in pairs]
    return np.vstack(rows), np.array(labels)


def _boosted(rows: np.ndarray, labels: np.ndarray, rates: Mapping[tuple[str, str], float],
             *, seed: int | None = None) -> CorefModel:
    """Boosted trees fitted on pair rows, as a CorefModel (`seed` overrides BOOSTING's)."""
    from sklearn.ensemble import GradientBoostingClassifier

    settings = BOOSTING if seed is None else {**BOOSTING, "random_state": seed}
    fit = GradientBoostingClassifier(**settings).fit(rows, labels)
    trees = tuple(Tree(tuple(int(f) for f in t.tree_.feature), tuple(float(c) for c in t.tree_.threshold),
                       tuple(int(n) for n in t.tree_.children_left),
                       tuple(int(n) for n in t.tree_.children_right),
                       tuple(float(v) for v in t.tree_.value[:, 0, 0]))
                  for t in fit.estimators_[:, 0])
    init = float(fit._raw_predict_init(rows[:1])[0, 0])
    return CorefModel(trees, init, float(fit.learning_rate), lemma_pairs=dict(rates))


def _fold_rows(views: Sequence[Sequence[MentionFeatures]], chains: Mapping[Hashable, str],
               fold: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """Rows of one fold's topics, with lemma-pair rates learned on the other topics only.

    Each view is the split's mentions grouped into one set of stories (ours, the gold ones):
    pairs within our stories are what the model meets, pairs within the gold stories add
    the true links our story clustering splits apart.
    """
    rows, labels = [], []
    for mentions in views:
        rates = _lemma_pair_rates([m for m in mentions if _topic_of(m) not in fold], chains)
        probe = CorefModel(trees=(), lemma_pairs=rates)
        more_rows, more_labels = _pair_rows([m for m in mentions if _topic_of(m) in fold], chains, probe)
        rows.append(more_rows)
        labels.append(more_labels)
    return np.vstack(rows), np.concatenate(labels)


def cross_validate(mentions: Sequence[MentionFeatures], chains: Mapping[Hashable, str],
                   folds: Sequence[set[str]], *, gold: Sequence[MentionFeatures] = ()) -> dict[float, float]:
    """Out-of-fold CoNLL F1 per clustering cut: each fold resolved by a model fitted on the others."""
    by_cut = cross_validate_scores(mentions, chains, folds, gold=gold)
    return {cut: scores["conll_f1"] for cut, scores in by_cut.items()}


def fold_rows(mentions: Sequence[MentionFeatures], chains: Mapping[Hashable, str],
              folds: Sequence[set[str]], *, gold: Sequence[MentionFeatures] = ()
              ) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each fold's training rows and labels (`_fold_rows`), over our stories and the gold ones."""
    views = [mentions, gold] if gold else [mentions]
    return [_fold_rows(views, chains, fold) for fold in folds]


def cross_validate_scores(mentions: Sequence[MentionFeatures], chains: Mapping[Hashable, str],
                          folds: Sequence[set[str]], *, gold: Sequence[MentionFeatures] = (),
                          rows: Sequence[tuple[np.ndarray, np.ndarray]] | None = None,
                          seed: int | None = None) -> dict[float, dict[str, float]]:
    """Out-of-fold MUC, B3, CEAF-e and CoNLL scores per clustering cut.

    `mentions` carry our story clusters (where they are resolved); `gold`, the same mentions
    in the gold stories, only adds training pairs. `rows` (`fold_rows`) spares making them again;
    `seed` is the boosting's (BOOSTING's own if None).
    """
    if rows is None:
        rows = fold_rows(mentions, chains, folds, gold=gold)
    rows = dict(enumerate(rows))
    responses: dict[float, dict[Hashable, str]] = defaultdict(dict)
    for i, fold in enumerate(folds):
        train = [rows[j] for j in rows if j != i]
        held = [m for m in mentions if _topic_of(m) in fold]
        rates = _lemma_pair_rates([m for m in mentions if _topic_of(m) not in fold], chains)
        model = _boosted(np.vstack([r for r, _ in train]), np.concatenate([y for _, y in train]), rates,
                         seed=seed)
        matrices = score_matrices(held, model=model)
        for cut in THRESHOLDS:
            responses[cut].update(cluster_matrices(matrices, cut))
    key = {m.key: chains[m.key] for m in mentions}
    return {cut: coref_scores(key, response) for cut, response in responses.items()}


def best_cut(runs: Sequence[Mapping[float, Mapping[str, float]]]) -> float:
    """The clustering cut with the best mean CoNLL F1 over runs of `cross_validate_scores`."""
    return max(runs[0], key=lambda cut: sum(run[cut]["conll_f1"] for run in runs) / len(runs))


def topic_folds(mentions: Sequence[MentionFeatures]) -> list[set[str]]:
    """The split's topics in two halves (alternate topic numbers): folds that share no topic."""
    topics = sorted({_topic_of(m) for m in mentions})
    return [set(topics[0::2]), set(topics[1::2])]


def out_of_fold_coref(data_dir: Path, *, options: Options, split: str = "Train"
                      ) -> dict[float, dict[str, float]]:
    """Held-out scores on a training split: each half of its topics resolved by a model
    fitted on the other half, per clustering cut (what `fit_coref_model` picks the cut by)."""
    ecb, parsed = load_split(data_dir, split, options)
    mentions = split_mentions(ecb, parsed, predicted_stories(parsed))
    chains = {m.key: m.chain for m in ecb.events}
    gold = split_mentions(ecb, parsed, gold_stories(parsed))
    return cross_validate_scores(mentions, chains, topic_folds(mentions), gold=gold)


def fit_coref_model(data_dir: Path, *, options: Options, split: str = "Train") -> CorefModel:
    """Learn the pair trees, lemma-pair table and clustering cut on one split.

    Rows of each half of the topics get lemma-pair rates from the other half, so
    the trees see the rates of unseen topics; the cut is the best out-of-fold one, on the
    mean over CUT_SEEDS.
    The rows are the mention pairs within our story clusters and within the gold stories.
    """
    ecb, parsed = load_split(data_dir, split, options)
    mentions = split_mentions(ecb, parsed, predicted_stories(parsed))
    gold = split_mentions(ecb, parsed, gold_stories(parsed))
    chains = {m.key: m.chain for m in ecb.events}
    folds = topic_folds(mentions)
    halves = fold_rows(mentions, chains, folds, gold=gold)  # made once: for the cut and for the fit
    runs = [cross_validate_scores(mentions, chains, folds, rows=halves, seed=seed) for seed in CUT_SEEDS]
    model = _boosted(np.vstack([r for r, _ in halves]), np.concatenate([y for _, y in halves]),
                     _lemma_pair_rates(mentions, chains))
    return dataclasses.replace(model, threshold=best_cut(runs))


def format_coref(result: Mapping[str, Mapping[str, float]]) -> str:
    """A text table of `evaluate_coref` output."""
    columns = [("MUC F1", "muc_f1"), ("B3 F1", "b3_f1"), ("CEAFe F1", "ceafe_f1"),
               ("CoNLL F1", "conll_f1"), ("mentions", "mentions"), ("chains", "chains"),
               ("gold", "gold_chains")]
    return text_table(result, columns, "Cross-document event coreference on ECB+ gold event mentions "
                                   "(within story clusters; singletons included)")


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
