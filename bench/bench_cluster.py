"""Benchmark: extraction in one process against a local Dask cluster of --workers processes.

Generates --n reports the way bench_pipeline.py does, then times
`pipeline.extract_articles` in this process and `distributed.extract_on_cluster`
on a local cluster (start-up of the cluster and of its workers' models included,
as a user's run pays them). Prints articles per second for both and the speed-up.
On a machine with C cores the speed-up is at most about C.

    .venv/bin/python bench/bench_cluster.py                # 400 reports, 2 workers
    .venv/bin/python bench/bench_cluster.py --n 2000 --workers 4
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import write_reports  # noqa: E402

from eventdesk.distributed import extract_on_cluster  # noqa: E402
from eventdesk.ingest import read_inputs  # noqa: E402
from eventdesk.model import Article  # noqa: E402
from eventdesk.pipeline import extract_articles  # noqa: E402
from eventdesk.settings import load_options  # noqa: E402


def main() -> None:
    """Generate reports, time both ways and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=400, help="reports to generate (default 400)")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    args = parser.parse_args()
    options = load_options(config=None)
    with tempfile.TemporaryDirectory() as folder:
        write_reports(Path(folder), args.n, options)
        articles = [a for a in read_inputs([folder], options=options) if isinstance(a, Article)]
    list(extract_articles(articles[:5], options))  # models and gazetteer loaded before timing
    start = time.perf_counter()
    alone = list(extract_articles(articles, options))
    one = time.perf_counter() - start
    start = time.perf_counter()
    spread = list(extract_on_cluster(articles, dataclasses.replace(options, workers=args.workers)))
    many = time.perf_counter() - start
    same = {o.article.id: o.extraction for o in alone} == {o.article.id: o.extraction for o in spread}
    print(f"articles                 {len(articles):>8,}   (machine: {os.cpu_count()} cores)")
    print(f"one process              {one:>8.1f} s   {len(articles) / one:8.1f} articles/s")
    print(f"{args.workers} Dask workers          {many:>8.1f} s   {len(articles) / many:8.1f} articles/s"
          f"   (cluster start-up included)")
    print(f"speed-up                 {one / many:>8.2f}x   same extractions: {same}")


if __name__ == "__main__":
    main()
