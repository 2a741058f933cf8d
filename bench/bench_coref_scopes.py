"""Which story-clustering errors cost event coreference, out of fold on ECB+ Train.

Run: `.venv/bin/python bench/bench_coref_scopes.py [ECB_DIR] [--counts]`
(default ../shared/eval/ecbplus/cybulska_setup). Train only: never tune on Dev.

Coreference compares mentions only within a story's scope (`eventdesk.coref.story_scopes`).
Two kinds of story error reach it: a split story (a true link across two scopes can never be
made) and a merged one (mentions of another story's events, which the pair model must keep
apart). Each grouping of the Train documents is printed with the true links it splits and the
false pairs it puts in one scope (across gold stories), then (unless `--counts`) its
out-of-fold CoNLL F1 at the best cut (`eventdesk.eval_coref.cross_validate_scores`):
ours; the gold stories; ours cut by the gold ones (no merge, our splits); ours joined
through the gold ones (no split, our merges).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from eventdesk.coref import story_scopes
from eventdesk.coref_pairs import document_weights
from eventdesk.eval_coref import (
    cross_validate_scores, fold_rows, gold_stories, predicted_stories, split_mentions, topic_folds,
)
from eventdesk.eval_ecb import load_split
from eventdesk.settings import load_options

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ecbplus" / "cybulska_setup"


def joined(a: Mapping[str, str], b: Mapping[str, str]) -> dict[str, str]:
    """Document -> group, two groupings' groups joined wherever they share a document."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(node: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for document in a:
        parent[root(("a", a[document]))] = root(("b", b[document]))
    return {document: "/".join(root(("a", a[document]))) for document in a}


def main() -> None:
    """Print split links, merged pairs and out-of-fold CoNLL F1 of each grouping."""
    args = [a for a in sys.argv[1:] if a != "--counts"]
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    ecb, parsed = load_split(data_dir, "Train", load_options())
    chains = {m.key: m.chain for m in ecb.events}
    ours, gold = predicted_stories(parsed), gold_stories(parsed)
    groupings = {"ours": ours, "gold": gold,
                 "ours cut by gold": {d: f"{ours[d]}|{gold[d]}" for d in ours},
                 "ours joined by gold": joined(ours, gold)}
    gold_mentions = split_mentions(ecb, parsed, gold)
    print(f"{'grouping':20} {'scopes':>6} {'split true':>10} {'false merged':>12} {'CoNLL':>7} cut")
    for name, stories in groupings.items():
        mentions = split_mentions(ecb, parsed, stories)
        scopes = story_scopes(mentions, document_weights(mentions))
        scope = {m.key: scopes[m.story] for m in mentions}
        counts: Counter[str] = Counter()
        for i, a in enumerate(mentions):
            for b in mentions[i + 1:]:
                together, same = scope[a.key] == scope[b.key], chains[a.key] == chains[b.key]
                counts["split"] += same and not together
                counts["merged"] += together and not same and gold[a.document] != gold[b.document]
        line = f"{name:20} {len(set(scope.values())):6} {counts['split']:10} {counts['merged']:12}"
        if "--counts" not in sys.argv:
            folds = topic_folds(mentions)
            scores = cross_validate_scores(mentions, chains, folds,
                                           rows=fold_rows(mentions, chains, folds, gold=gold_mentions))
            cut = max(scores, key=lambda c: scores[c]["conll_f1"])
            line += f" {scores[cut]['conll_f1']:7.4f} {cut}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
