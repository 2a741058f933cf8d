"""The DuckDB store: schema, migrations, idempotent articles, extraction round trips."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from conftest import make_article
from eventdesk.errors import StoreError
from eventdesk.model import Event, Extraction, Figure, Mention, Place, Sentence, Story, TimeExpr
from eventdesk.store import SCHEMA_VERSION, Store


def _extraction() -> Extraction:
    article = make_article("Troops entered the town on Sunday. Ten people were killed.",
                           published=dt.date(2016, 3, 27), outlet="Example News")
    aid = article.id
    return Extraction(
        article=article,
        sentences=(Sentence(0, 0, 34), Sentence(1, 35, 59)),
        mentions=(Mention(aid, 26, 32, "Sunday", "DATE", 0, model_label="DATE"),),
        times=(TimeExpr(aid, 23, 32, "on Sunday", 0, "2016-03-27", "DATE", "day",
                        dt.date(2016, 3, 27), dt.date(2016, 3, 27)),),
        places=(Place(aid, 18, 22, "town", 0),),
        figures=(Figure(aid, 35, 38, "Ten", 1, "killed", 10.0, qualifier="", counts="people"),),
        events=(Event(aid, 0, "Battles", "Armed clash", (0, 1), 7, 14, actor1="Troops",
                      date=dt.date(2016, 3, 27), date_precision="day", fatalities=10,
                      confidence=0.7),),
    )


def test_store_new_file_is_migrated_to_current_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_store_add_article_is_idempotent(tmp_path: Path) -> None:
    article = make_article("Same text.")
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run("ingest", ["x"])
        assert store.add_article(article, run_id=run) is True
        assert store.add_article(article, run_id=run) is False
        assert len(store.articles()) == 1


def test_store_extraction_round_trips_every_kind(tmp_path: Path) -> None:
    extraction = _extraction()
    with Store(tmp_path / "s.duckdb") as store:
        store.add_article(extraction.article, run_id=store.start_run("t", []))
        store.save_extraction(extraction, extracted_with="v1")
        store.save_extraction(extraction, extracted_with="v1")  # replaces, never doubles
        (loaded,) = store.extractions(store.articles())
    assert loaded == extraction


def test_store_stale_articles_are_those_extracted_by_another_version(tmp_path: Path) -> None:
    extraction = _extraction()
    with Store(tmp_path / "s.duckdb") as store:
        store.add_article(extraction.article, run_id="r")
        assert store.stale_article_ids("v1") == [extraction.article.id]
        store.save_extraction(extraction, extracted_with="v1")
        assert store.stale_article_ids("v1") == []
        assert store.stale_article_ids("v2") == [extraction.article.id]


def test_store_reopens_a_file_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add_article(make_article("Kept across opens."), run_id="r")
    with Store(path, read_only=True) as store:
        assert [a.text for a in store.articles()] == ["Kept across opens."]


def test_store_migrates_an_old_file_and_adds_new_model_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    from eventdesk.store import _create_v1
    _create_v1(con)
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.execute("ALTER TABLE mentions DROP COLUMN entity_id")  # as if written by an older model
    con.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        names, _ = store.query("SELECT * FROM mentions")
        assert "entity_id" in names and "stories" in {
            r[0] for r in store.query("SELECT table_name FROM information_schema.tables")[1]}


def test_store_read_only_on_missing_file_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="eventdesk ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_store_bad_sql_is_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(StoreError, match="SQL failed"):
        store.query("SELECT nope FROM nowhere")


def test_store_stories_and_state_round_trip(tmp_path: Path) -> None:
    story = Story("S1", ("a", "b"), "Title", dt.date(2016, 3, 26), dt.date(2016, 3, 27), ("palmyra",))
    with Store(tmp_path / "s.duckdb") as store:
        store.save_stories([story])
        store.save_state("clusterer", {"df": {"palmyra": 2}})
        assert store.stories() == [story]
        assert store.load_state("clusterer") == {"df": {"palmyra": 2}}
        assert dataclasses.asdict(store.stories()[0])["keywords"] == ("palmyra",)


def test_store_article_ids_follow_publication_order(tmp_path: Path) -> None:
    late = make_article("Later report.", published=dt.date(2020, 2, 2))
    early = make_article("Earlier report.", published=dt.date(2020, 1, 1))
    with Store(tmp_path / "s.duckdb") as store:
        for article in (late, early):
            store.add_article(article, run_id="r")
        assert store.article_ids() == [a.id for a in store.articles()] == [early.id, late.id]


def test_store_signatures_round_trip_and_miss_other_sizes(tmp_path: Path) -> None:
    import numpy as np

    with Store(tmp_path / "s.duckdb") as store:
        article = make_article("A report.", published=dt.date(2020, 1, 1))
        store.add_article(article, run_id="r1")
        values = np.arange(16, dtype=np.uint32)
        store.save_signature(article.id, values, scheme="affine32")
        [(article_id, original, loaded)] = store.signatures(num_perm=16, scheme="affine32")
        assert (article_id, original) == (article.id, None) and loaded.tolist() == list(range(16))
        assert store.signatures(num_perm=128, scheme="affine32")[0][2] is None
        assert store.signatures(num_perm=16, scheme="legacy")[0][2] is None
