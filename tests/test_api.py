"""The Python API as the README shows it, over the bundled examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk import api, load_options
from eventdesk.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture()
def ingested(examples_store) -> tuple[object, api.IngestResult]:
    return examples_store


def test_api_ingest_reads_every_example_and_links_the_wire_copy(ingested) -> None:
    options, result = ingested
    assert result.ok and result.new == len(result.article_ids) >= 5
    assert result.near_duplicates >= 1
    with Store(options.db, read_only=True) as store:
        linked = [a for a in store.articles() if a.near_duplicate_of]
        assert linked and all(store.has_article(a.near_duplicate_of) for a in linked)


def test_api_ingest_clusters_stories_incrementally(ingested) -> None:
    options, result = ingested
    with Store(options.db, read_only=True) as store:
        before = store.stories()
    assert before and {a for s in before for a in s.article_ids} == set(result.article_ids)
    again = api.ingest([str(EXAMPLES)], options=options)
    assert again.new == 0
    with Store(options.db, read_only=True) as store:
        assert store.stories() == before


def test_api_report_writes_the_three_formats(ingested) -> None:
    options, result = ingested
    paths = api.report(options=options, article_ids=result.article_ids)
    situation = json.loads(paths["json"].read_text())
    assert len(situation["sources"]) == len(result.article_ids)
    assert sum(len(s["articles"]) for s in situation["stories"]) == len(result.article_ids)
    assert paths["html"].is_file() and paths["markdown"].is_file()


ORIGINAL = ("Title: Bridge reopens after floods\nOutlet: Example Wire\nPublished: 2021-07-02\n\n"
            "The main bridge over the river in the provincial capital reopened on Friday after "
            "engineers repaired damage from last week's floods, the regional transport office "
            "said. Traffic had been diverted through two villages to the north for eight days, "
            "and lorries carrying food aid waited in long queues on both banks. Officials said "
            "inspections would continue through the month and that a second crossing downstream "
            "remains closed while its foundations are checked.\n")


def test_api_ingest_links_a_copy_to_a_report_of_an_earlier_run(tmp_path: Path) -> None:
    options = load_options(db=str(tmp_path / "events.duckdb"), out_dir=str(tmp_path / "report"))
    (tmp_path / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    first = api.ingest([str(tmp_path / "a.txt")], options=options)
    with Store(options.db) as store:  # as a store written before signatures were kept
        store.query("DELETE FROM signatures")
    # the wire story as another outlet ran it, with one phrase edited
    copy = ORIGINAL.replace("Example Wire", "Example Daily").replace("eight days", "over a week")
    (tmp_path / "b.txt").write_text(copy, encoding="utf-8")
    second = api.ingest([str(tmp_path / "b.txt")], options=options)
    assert second.near_duplicates == 1
    with Store(options.db, read_only=True) as store:
        [linked] = [a for a in store.articles() if a.near_duplicate_of]
        assert linked.near_duplicate_of == first.article_ids[0]
        _, rows = store.query("SELECT count(*) FROM signatures")
        assert rows[0][0] == 2  # the old article's signature was made once and kept
