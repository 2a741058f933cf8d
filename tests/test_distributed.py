"""Extraction on a Dask cluster gives what one process gives, and reports failures the same way."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import make_article
from eventdesk import api, load_options
from eventdesk.distributed import batches, uses_cluster
from eventdesk.errors import ConfigError, StageError
from eventdesk.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(("count", "workers", "batch_size", "sizes"), [
    (10, 2, 32, [10]),  # small runs stay one batch of spaCy's size
    (100, 2, 4, [13] * 7 + [9]),  # about four batches per worker
    (0, 4, 32, []),
])
def test_batches_cover_every_article_once_in_order(count: int, workers: int, batch_size: int,
                                                   sizes: list[int]) -> None:
    articles = [make_article(f"Report number {i}.") for i in range(count)]
    parts = batches(articles, workers=workers, batch_size=batch_size)
    assert [len(p) for p in parts] == sizes
    assert [a for p in parts for a in p] == articles


def test_stage_error_survives_the_trip_back_from_a_worker() -> None:
    class Unpicklable(Exception):
        def __init__(self, a: int, b: int) -> None:
            super().__init__(f"{a} and {b}")

    error = StageError("places", "ab" * 32, "report.txt", Unpicklable(1, 2))
    back = pickle.loads(pickle.dumps(error))
    assert str(back) == str(error) and back.stage == "places" and back.source == "report.txt"
    assert "Unpicklable: 1 and 2" in str(back.cause)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"workers": 0}, "at least 1"),
    ({"scheduler": "localhost"}, "tcp://HOST:8786"),
])
def test_cluster_settings_are_checked_with_a_fix(overrides: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_options(**overrides)


def test_uses_cluster_only_when_asked() -> None:
    assert not uses_cluster(load_options())
    assert uses_cluster(load_options(workers=2))
    assert uses_cluster(load_options(scheduler="tcp://127.0.0.1:8786"))


def _stored(db: Path) -> dict[str, tuple]:
    with Store(db, read_only=True) as store:
        return {x.article.id: (x.sentences, x.times, x.places, x.figures, x.claims, x.events)
                for x in store.extractions(store.articles())}


def test_ingest_on_a_local_cluster_stores_what_one_process_stores(tmp_path: Path, examples_store) -> None:
    alone, _ = examples_store
    options = load_options(db=str(tmp_path / "cluster.duckdb"), workers=2, batch_size=2)
    result = api.ingest([str(EXAMPLES)], options=options)
    assert result.ok and result.new == 5
    assert _stored(options.db) == _stored(alone.db)


def test_ingest_on_a_running_scheduler_by_its_address(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    report = tmp_path / "report.txt"
    report.write_text("Published: 2023-05-14\n\nGunmen killed four farmers near Maiduguri on "
                      "Saturday, police said.\n", encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        options = load_options(db=str(tmp_path / "s.duckdb"), scheduler=cluster.scheduler_address)
        result = api.ingest([str(report)], options=options)
    assert result.ok and result.new == 1
    with Store(options.db, read_only=True) as store:
        [extraction] = store.extractions(store.articles())
    assert extraction.events and extraction.places
