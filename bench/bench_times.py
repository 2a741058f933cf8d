"""Benchmark the times stage: expressions resolved per second, and its cost beside spaCy.

Run: .venv/bin/python bench/bench_times.py [FOLDER_OF_TML ...] [--docs N]
Defaults to TimeBank + AQUAINT under ../shared/eval/tempeval3/TBAQ-cleaned.

With --halves it prints the TimeML scores instead on the two halves of the
documents sorted by name (first half A, second half B) and on all: a rule
tuned on one half should hold on the other.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from eventdesk.eval_timeml import evaluate_timeml, sentences_of  # noqa: E402 - after the path setup
from eventdesk.model import Article, Extraction
from eventdesk.nlp import load_nlp
from eventdesk.settings import Options, load_options
from eventdesk.timeml import iter_timeml, timeml_files
from eventdesk.times import resolve_times
from eventdesk.times_normalise import normalise_expression

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tempeval3" / "TBAQ-cleaned"


def halves(paths: list[Path]) -> None:
    """TimeML scores on each half of the documents sorted by name, and on all of them."""
    files = sorted(timeml_files(paths), key=lambda path: path.stem)
    middle = len(files) // 2
    options = load_options()  # parses are cached under its cache_dir
    print(f"{'half':6}{'docs':>6}{'gold':>6}{'strict':>8}{'relaxed':>9}{'value F1':>10}{'type acc':>10}")
    for name, part in (("A", files[:middle]), ("B", files[middle:]), ("all", files)):
        result = evaluate_timeml(part, options=options)
        print(f"{name:6}{result['docs']:6}{result['gold']:6}{result['strict_f1']:8.3f}{result['relaxed_f1']:9.3f}"
              f"{result['value_f1']:10.3f}{result['type_accuracy']:10.3f}")


def main() -> None:
    """Parse the documents once, then time the stage over them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--docs", type=int, default=100, help="documents to use (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes of the stage (default 3)")
    parser.add_argument("--halves", action="store_true", help="print TimeML scores on each half instead")
    args = parser.parse_args()
    if args.halves:
        halves(args.paths)
        return
    docs = list(iter_timeml(args.paths))[:args.docs]
    options = Options()
    nlp = load_nlp(options.model)
    started = time.perf_counter()
    parsed = list(nlp.pipe(doc.text for doc in docs))
    parse_seconds = time.perf_counter() - started
    drafts = [
        Extraction(article=Article(id=d.name, text=d.text, published=d.dct or dt.date(2000, 1, 1)),
                   sentences=sentences_of(p))
        for d, p in zip(docs, parsed, strict=True)
    ]
    started = time.perf_counter()
    count = 0
    for _ in range(args.repeat):
        normalise_expression.cache_clear()  # every pass resolves from scratch
        count += sum(len(resolve_times(p, draft, options).times) for p, draft in zip(parsed, drafts, strict=True))
    stage_seconds = (time.perf_counter() - started) / args.repeat
    per_pass = count // args.repeat
    print(f"documents            {len(docs)}")
    print(f"characters           {sum(len(d.text) for d in docs)}")
    print(f"expressions          {per_pass}")
    print(f"spaCy parse          {parse_seconds:.2f} s")
    print(f"times stage          {stage_seconds:.3f} s per pass ({args.repeat} passes)")
    print(f"expressions/second   {per_pass / stage_seconds:,.0f}")
    print(f"stage / parse time   {stage_seconds / parse_seconds:.1%}")


if __name__ == "__main__":
    main()
