"""Benchmark: ingest + extraction over generated reports, against bare `nlp.pipe`.

Generates --n reports by varying the example reports in examples/ (sentences
shuffled, names and numbers swapped, boilerplate added, some wire copies),
writes them as text files, then times

  1. eventdesk: read_inputs (boilerplate, dates, ids) + the near-duplicate
     index + pipeline.extract_articles (spaCy and every stage);
  2. bare spaCy: nlp.pipe over the same cleaned texts, same model and batch size.

Prints articles per second, peak memory (resident set size) and the ratio of
eventdesk's time to bare nlp.pipe's (the issue's target: <= 1.5), with the
time spent in each stage.

    .venv/bin/python bench/bench_pipeline.py            # 1,000 reports
    .venv/bin/python bench/bench_pipeline.py --n 3000
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventdesk.dedup import NearDuplicateIndex  # noqa: E402
from eventdesk.ingest import InputFailure, read_inputs  # noqa: E402
from eventdesk.model import Article, Extraction  # noqa: E402
from eventdesk.nlp import load_nlp  # noqa: E402
from eventdesk.pipeline import STAGES, Stage, extract_articles  # noqa: E402
from eventdesk.settings import Options, load_options  # noqa: E402

NAMES = ("Hana Mourad", "Daniel Okafor", "Lina Haddad", "Omar Khalil", "Sara Lindqvist",
         "Yusuf Demir", "Marta Kowalski", "Karim Nassar", "Elena Petrova", "Jonas Weber")
BOILERPLATE = ("Follow {name} on Twitter: @desk_{n}", "Related: More on the fighting in Syria",
               "Share this article", "Photo via Archive/AFP", "Advertisement",
               "Copyright {year} Example Wire. All rights reserved.")
OUTLETS = ("Levant Wire", "Gulf Daily Courier", "Frontline Monitor", "Desert Dispatch",
           "Harbour Post", "Valley Courier")


def base_reports(options: Options) -> list[Article]:
    """The example reports, read by eventdesk's own ingest."""
    articles = [r for r in read_inputs([str(ROOT / "examples")], options=options)
                if isinstance(r, Article)]
    if not articles:
        raise SystemExit(f"no example reports found under {ROOT / 'examples'}")
    return articles


def vary(article: Article, rng: random.Random, number: int) -> str:
    """A new report from an example: shuffled sentences, other names and numbers, boilerplate."""
    headline, *paragraphs = article.text.split("\n\n")
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", p)]
    body = sentences[:1] + rng.sample(sentences[1:], len(sentences) - 1)
    chunks: list[str] = []
    while body:
        size = rng.randint(1, 3)
        chunks.append(" ".join(body[:size]))
        body = body[size:]
    text = "\n\n".join([headline, *chunks])
    for name in NAMES:
        if name in text:
            text = text.replace(name, rng.choice(NAMES))
    text = re.sub(r"(?<![\d-])\d{1,3}(?:,\d{3})*(?![\d-])", lambda m: other_number(m[0], rng), text)
    extra = [line.format(name=rng.choice(NAMES), n=number, year=2017)
             for line in rng.sample(BOILERPLATE, rng.randint(0, 3))]
    published = f"2017-03-{rng.randint(2, 9):02d}"
    header = f"Title: {headline} ({number})\nOutlet: {rng.choice(OUTLETS)}\nPublished: {published}\n\n"
    return header + "\n\n".join([text, *extra]) + "\n"


def other_number(written: str, rng: random.Random) -> str:
    """A number of about the same size as the one written (years are kept)."""
    value = int(written.replace(",", ""))
    if 1900 <= value <= 2100:
        return written
    return f"{max(2, round(value * rng.uniform(0.5, 1.5))):,}"


def write_reports(folder: Path, n: int, options: Options) -> None:
    """Write n varied reports; about one in ten is a lightly edited copy of an earlier one."""
    rng = random.Random(1)
    bases = base_reports(options)
    written: list[str] = []
    for number in range(n):
        if written and rng.random() < 0.1:
            text = rng.choice(written).replace("said", "says", 1) + "\nShare this article\n"
        else:
            text = vary(bases[number % len(bases)], rng, number)
        written.append(text)
        (folder / f"report_{number:05d}.txt").write_text(text, encoding="utf-8")


def timed_stages(clock: dict[str, float]) -> tuple[tuple[str, Stage], ...]:
    """The pipeline's stages, each wrapped to add its running time to `clock`."""
    def wrap(name: str, stage: Stage) -> Stage:
        def run(doc: Doc, draft: Extraction, options: Options) -> Extraction:
            start = time.perf_counter()
            try:
                return stage(doc, draft, options)
            finally:
                clock[name] = clock.get(name, 0.0) + time.perf_counter() - start
        return run
    return tuple((name, wrap(name, stage)) for name, stage in STAGES)


def run_eventdesk(folder: Path, options: Options,
                  clock: dict[str, float]) -> tuple[list[Article], int, int]:
    """Ingest and extract everything under a folder; returns articles, failures, stage errors."""
    start = time.perf_counter()
    results = list(read_inputs([str(folder)], options=options))
    index = NearDuplicateIndex(options.near_duplicate_threshold, options.minhash_permutations)
    unique: dict[str, Article] = {}
    for result in results:
        if isinstance(result, Article) and result.id not in unique:
            unique[result.id] = index.add(result)
    clock["ingest"] = time.perf_counter() - start
    articles = list(unique.values())
    outcomes = list(extract_articles(articles, options, stages=timed_stages(clock)))
    failures = sum(isinstance(r, InputFailure) for r in results)
    return articles, failures, sum(o.error is not None for o in outcomes)


def seconds(work: Callable[[], object]) -> float:
    """Wall-clock seconds one call takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Generate, warm up, time both runs and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="reports to generate (default 1000)")
    args = parser.parse_args()
    options = load_options(config=None)
    nlp = load_nlp(options.model)
    with tempfile.TemporaryDirectory() as warm, tempfile.TemporaryDirectory() as folder:
        write_reports(Path(warm), 5, options)
        run_eventdesk(Path(warm), options, {})  # loads the model and any lazily built data
        write_reports(Path(folder), args.n, options)
        rss_before = peak_rss_mb()
        clock: dict[str, float] = {}
        start = time.perf_counter()
        articles, failures, errors = run_eventdesk(Path(folder), options, clock)
        total = time.perf_counter() - start
        rss_eventdesk = peak_rss_mb()
    texts = [a.text for a in articles]
    bare = seconds(lambda: list(nlp.pipe(texts, batch_size=options.batch_size)))
    report(args.n, articles, failures, errors, clock, total, bare, rss_before, rss_eventdesk)


def report(n: int, articles: list[Article], failures: int, errors: int, clock: dict[str, float],
           total: float, bare: float, rss_before: float, rss_eventdesk: float) -> None:
    """Print the benchmark's figures."""
    linked = sum(a.near_duplicate_of is not None for a in articles)
    words = sum(len(a.text.split()) for a in articles)
    stage_total = sum(v for k, v in clock.items() if k != "ingest")
    print(f"reports generated        {n:>10,}")
    print(f"articles (unique ids)    {len(articles):>10,}   near-duplicates linked: {linked}"
          f"   input failures: {failures}   stage errors: {errors}")
    print("  (variants of five reports share most sentences, so many are linked as near-duplicates)")
    print(f"words                    {words:>10,}")
    print(f"eventdesk total          {total:>10.2f} s   {len(articles) / total:8.1f} articles/s")
    print(f"  ingest (read, clean, ids, near-dups) {clock['ingest']:8.2f} s")
    print(f"  spaCy inside extract                 {total - clock['ingest'] - stage_total:8.2f} s")
    for name, _ in STAGES:
        print(f"  stage {name:<30} {clock.get(name, 0.0):8.2f} s")
    print(f"bare nlp.pipe            {bare:>10.2f} s   {len(articles) / bare:8.1f} articles/s")
    print(f"ratio eventdesk / bare   {total / bare:>10.2f}   (target <= 1.5)")
    print(f"peak RSS                 {rss_eventdesk:>10.0f} MB   (after warm-up: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
