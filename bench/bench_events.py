"""How much the figures, claims and events stages add to spaCy's time.

Parses the seed reports (when ../shared is there) and the notes of our ACLED-style
fixtures, then times spaCy alone and the three stages alone (entities, times and
places run first, untimed, since the stages read their output). Times are CPU
seconds of this process, the fastest of --runs runs of each (the stages run on
fresh copies of the parses each time, since they cache on a doc): a single run
swings by a few points of the share with other work on the machine. Each run
times spaCy and then the stages, so that both see the same load; the stages run
once untimed first, as spaCy does, so that what a process builds once (the alias
index of each country) is not counted as the cost of one run; and the garbage of
earlier runs (parses held in cycles by their caches) is collected before each
timed part, not in the middle of it; each part then pays for freeing its own parses
(spaCy's, and the copies with the stages' caches, which hold them in cycles), printed as "gc".

    .venv/bin/python bench/bench_events.py [--runs N] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import sys
import time
from pathlib import Path

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from eventdesk import claims, events, figures
from eventdesk.eval_acled import read_acled
from eventdesk.model import Article, Extraction
from eventdesk.nlp import load_nlp
from eventdesk.pipeline import STAGES, sentences_of
from eventdesk.settings import Options, load_options

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "acled"
MINE = {"figures": figures.extract_figures, "claims": claims.attribute_claims, "events": events.extract_events}


def corpus() -> list[str]:
    """The seed reports and every fixture note."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    for path in sorted(FIXTURES.glob("*.csv")):
        texts.extend(row.notes for row in read_acled(path))
    return texts


def _before_mine(text: str, doc: Doc, options: Options) -> Extraction:
    """What the stages before the three read: entities, times and places."""
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, published=None)
    draft = Extraction(article=article, sentences=sentences_of(doc))
    for name, stage in STAGES:
        if name not in MINE:
            draft = stage(doc, draft, options)
    return draft


def _time_mine(docs: list[Doc], drafts: list[Extraction], options: Options) -> dict[str, float]:
    """CPU seconds of each of the three stages over fresh copies of the parses."""
    run = dict.fromkeys([*MINE, "gc"], 0.0)
    copies = [d.copy() for d in docs]
    gc.collect()
    for doc, draft in zip(copies, drafts, strict=True):
        for name, stage in MINE.items():
            begin = time.process_time()
            draft = stage(doc, draft, options)
            run[name] += time.process_time() - begin
    del copies, doc
    begin = time.process_time()
    gc.collect()  # the stages' per-doc caches make each parse a cycle: freeing them is the stages' cost too
    run["gc"] = time.process_time() - begin
    return run


def main() -> None:
    """Print spaCy time, the three stages' time and their share."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="time each part this many times, keep the fastest")
    parser.add_argument("--repeat", type=int, default=1, help="the corpus this many times over")
    args = parser.parse_args()
    options = load_options()
    nlp = load_nlp(options.model)
    texts = corpus() * args.repeat
    nlp("warm up")
    docs = list(nlp.pipe(texts, batch_size=options.batch_size))
    drafts = [_before_mine(text, doc, options) for text, doc in zip(texts, docs, strict=True)]
    _time_mine(docs, drafts, options)  # warm up
    spacy_s = float("inf")
    timings = dict.fromkeys([*MINE, "gc"], float("inf"))
    for _ in range(args.runs):
        gc.collect()  # the last run's parses and copies, cyclic through their caches: not this run's cost
        start = time.process_time()
        list(nlp.pipe(texts, batch_size=options.batch_size))
        gc.collect()  # freeing its parses is spaCy's cost, as freeing the stages' caches is theirs
        spacy_s = min(spacy_s, time.process_time() - start)
        gc.collect()
        run = _time_mine(docs, drafts, options)
        if sum(run.values()) < sum(timings.values()):
            timings = run
    ours = sum(timings.values())
    words = sum(len(d) for d in docs)
    print(f"documents: {len(texts)} ({words} tokens)")
    print(f"spaCy ({options.model}): {spacy_s:.2f} s")
    for name, seconds in timings.items():
        print(f"  {name:<8} {seconds:.2f} s")
    print(f"figures+claims+events: {ours:.2f} s = {100 * ours / spacy_s:.1f}% of spaCy (goal: <= 30%)")


if __name__ == "__main__":
    main()
