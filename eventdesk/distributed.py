"""Extraction on a Dask cluster, for corpora that outgrow one process.

The per-article pipeline is independent across articles, so the articles to
extract are cut into batches and each batch runs on a Dask worker, which loads
spaCy and the gazetteer once and keeps them. Only the driver touches the
store: it saves each batch's extractions as they come back, so a run's results
and failures are recorded exactly as in one process.

`workers > 1` starts a local cluster of that many processes on this machine;
`scheduler` names a running Dask scheduler (`tcp://host:8786`) whose workers
have eventdesk installed. Without either, extraction stays in this process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventdesk.errors import ConfigError
from eventdesk.model import Article
from eventdesk.pipeline import Outcome, extract_articles
from eventdesk.settings import Options

# Enough articles per task that spaCy's batching pays, few enough that
# every worker gets work and progress moves.
BATCHES_PER_WORKER = 4


def uses_cluster(options: Options) -> bool:
    """Whether extraction goes to Dask workers instead of this process."""
    return bool(options.scheduler) or options.workers > 1


def extract_batch(articles: Sequence[Article], options: Options) -> list[Outcome]:
    """Extract a batch on a worker (models load once per worker process)."""
    return list(extract_articles(articles, options))


def batches(articles: Sequence[Article], *, workers: int, batch_size: int) -> list[list[Article]]:
    """Articles cut into batches of at least `batch_size`, about BATCHES_PER_WORKER per worker."""
    size = max(batch_size, -(-len(articles) // max(1, workers * BATCHES_PER_WORKER)))
    return [list(articles[i:i + size]) for i in range(0, len(articles), size)]


@contextmanager
def dask_client(options: Options) -> Iterator[Any]:
    """A Dask client: to the named scheduler, or to a local cluster of `workers` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise ConfigError("extraction on a cluster needs Dask: pip install 'eventdesk[cluster]' "
                          "(or 'dask[distributed]'), or drop --workers/--scheduler") from error
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise ConfigError(f"cannot reach the Dask scheduler at {options.scheduler} ({error}); "
                              f"check the address, or drop --scheduler to run here") from error
        with client:
            yield client
        return
    # one thread per worker process: spaCy and the extractors are CPU-bound Python
    with LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def extract_on_cluster(articles: Sequence[Article], options: Options) -> Iterator[Outcome]:
    """Outcomes of every article, extracted on Dask workers, yielded as batches finish."""
    from dask.distributed import as_completed

    if not articles:
        return
    if not options.scheduler:
        from eventdesk.gazetteer import load_gazetteer
        load_gazetteer(options)  # built once here, not raced by every local worker
    with dask_client(options) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = batches(articles, workers=workers, batch_size=options.batch_size)
        futures = client.map(extract_batch, parts, options=options, pure=False)
        for future in as_completed(futures):
            yield from future.result()
