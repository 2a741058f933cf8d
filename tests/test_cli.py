"""The CLI as users run it: real files, the real DuckDB store, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk import __version__
from eventdesk.cli import app
from eventdesk.store import Store

runner = CliRunner()

COMMANDS = [["ingest"], ["report"], ["articles"], ["sql"], ["runs"], ["eval", "timeml"],
            ["eval", "geo"], ["eval", "acled"], ["eval", "clusters"], ["eval", "coref"],
            ["eval", "entities"],
            ["export", "acled"], ["export", "geojson"], ["export", "parquet"],
            ["gazetteer", "import"], ["serve"], ["eval"], ["export"], ["gazetteer"], []]

GOOD = ("Title: Flooding closes roads in Dhaka\nOutlet: Example Wire\nPublished: 2022-06-20\n\n"
        "Heavy rain flooded large parts of Dhaka on Sunday, officials said. "
        "At least 12 people were killed as roads were closed across the city.\n")


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "eventdesk")
def test_cli_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output and "eventdesk" in result.output


def test_cli_version_prints_the_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_cli_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", GOOD)
    db = tmp_path / "s.duckdb"
    first = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    with Store(db, read_only=True) as store:
        before = {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0]
                  for t in ("articles", "mentions", "sentences")}
    second = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", str(db)])
    assert second.exit_code == 0 and "0 new, 1 already stored" in second.output
    with Store(db, read_only=True) as store:
        after = {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in before}
        assert store.query("SELECT count(*) FROM runs")[1][0][0] == 2
    assert before == after and before["articles"] == 1


def test_cli_bad_inputs_are_named_recorded_and_the_rest_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _write(inputs, "good.txt", GOOD)
    _write(inputs, "empty.txt", "")
    _write(inputs, "binary.txt", bytes(range(256)) * 8)
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(inputs), str(tmp_path / "missing.txt"), "--db", str(db)])
    assert result.exit_code == 1, result.output
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert name in result.output
    with Store(db, read_only=True) as store:
        assert [a.title for a in store.articles()] == ["Flooding closes roads in Dhaka"]
        failed = {Path(source).name for source, _, _ in store.failures()}
    assert {"empty.txt", "binary.txt", "missing.txt"} <= failed


def test_cli_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--published", "27/03/2016"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_cli_sql_error_says_what_failed_with_exit_2(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", GOOD)
    db = tmp_path / "s.duckdb"
    runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", str(db)])
    result = runner.invoke(app, ["sql", "SELECT nope FROM articles", "--db", str(db)])
    assert result.exit_code == 2 and "SQL failed" in result.output
    ok = runner.invoke(app, ["sql", "SELECT title FROM articles", "--db", str(db), "--json"])
    assert json.loads(ok.output) == [{"title": "Flooding closes roads in Dhaka"}]


def test_cli_report_on_a_missing_store_says_how_to_fix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "eventdesk ingest" in result.output


def test_cli_report_on_seeds(seeds_dir: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "report", tmp_path / "s.duckdb"
    seeds = [str(p) for p in sorted(seeds_dir.glob("*.txt"))]
    result = runner.invoke(app, ["report", *seeds, "--published", "2016-03-27",
                                 "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    situation = json.loads((out / "report.json").read_text())
    entities = {(g["title"], e["name"]) for s in situation["stories"] for g in s["entities"]
                for e in g["entities"]}
    assert ("Places", "Palmyra") in entities
    assert ("People", "Palmyra") not in entities
    assert ("Organisations", "Islamic State") in entities
    assert ("Organisations", "Syrian Observatory for Human Rights") in entities
    html = (out / "report.html").read_text()
    with Store(db, read_only=True) as store:
        articles = store.articles()
    assert len(articles) == 2 and len(situation["sources"]) == 2
    for article in articles:
        assert article.title and article.title in html.replace("&#x27;", "'")
        if article.outlet:
            assert article.outlet in html
        assert "This story is over" not in article.text
        assert "on Twitter" not in article.text and "Related:" not in article.text


def test_cli_exports_write_files(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    runner.invoke(app, ["ingest", *map(str, sorted(seeds_dir.glob("*.txt"))), "--published",
                        "2016-03-27", "--db", str(db)])
    geo = runner.invoke(app, ["export", "geojson", "--db", str(db), "--out", str(tmp_path / "e.geojson")])
    assert geo.exit_code == 0, geo.output
    assert json.loads((tmp_path / "e.geojson").read_text())["type"] == "FeatureCollection"
    acled = runner.invoke(app, ["export", "acled", "--db", str(db), "--out", str(tmp_path / "e.csv")])
    assert acled.exit_code == 0, acled.output
    header, *rows = (tmp_path / "e.csv").read_text().splitlines()
    assert header.split(",")[:2] == ["event_id_cnty", "event_date"] and rows
    assert any("Government regains territory" in row for row in rows)
    parquet = runner.invoke(app, ["export", "parquet", "--db", str(db), "--out", str(tmp_path / "pq")])
    assert parquet.exit_code == 0 and (tmp_path / "pq" / "articles.parquet").is_file()


def test_cli_runs_as_a_real_process_with_exit_codes(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", GOOD)
    command = [sys.executable, "-m", "eventdesk", "ingest", str(tmp_path / "good.txt"),
               "--db", str(tmp_path / "s.duckdb")]
    assert subprocess.run(command, capture_output=True, text=True, timeout=300).returncode == 0
    bad = subprocess.run([*command[:-2], "--db", str(tmp_path / "s.duckdb"), "--max-bytes", "10"],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "good.txt" in bad.stderr


def test_run_reports_an_internal_error_as_exit_code_3(tmp_path: Path, monkeypatch, capsys) -> None:
    from eventdesk import api
    from eventdesk.cli import INTERNAL_ERROR, run

    def broken_report(**_: object) -> None:
        raise RuntimeError("report writer exploded")

    monkeypatch.setattr(api, "report", broken_report)  # a fault injected: no real input makes a bug
    with pytest.raises(SystemExit) as stopped:
        run(["report", "--db", str(tmp_path / "store.duckdb"), "--out", str(tmp_path / "out")])
    assert stopped.value.code == INTERNAL_ERROR
    message = capsys.readouterr().err
    assert "internal error" in message and "report writer exploded" in message
    saved = Path(message.split("traceback is in ")[1].split(";")[0].strip())
    assert "RuntimeError: report writer exploded" in saved.read_text(encoding="utf-8")
    saved.unlink()


def test_run_keeps_usage_errors_at_exit_code_2(tmp_path: Path) -> None:
    from eventdesk.cli import run

    with pytest.raises(SystemExit) as stopped:
        run(["sql", "select 1", "--db", str(tmp_path / "missing.duckdb")])
    assert stopped.value.code == 2


def test_cli_eval_coref_json_with_our_clusters_and_with_the_gold_ones() -> None:
    tiny = Path(__file__).resolve().parent / "fixtures" / "ecb"
    ours = runner.invoke(app, ["eval", "coref", str(tiny), "--split", "Tiny", "--json"])
    gold = runner.invoke(app, ["eval", "coref", str(tiny), "--split", "Tiny", "--json", "--gold-clusters"])
    assert ours.exit_code == 0 and gold.exit_code == 0, ours.output + gold.output
    for output in (ours.output, gold.output):
        scores = json.loads(output)["Tiny"]
        assert {"muc_f1", "b3_f1", "ceafe_f1", "conll_f1"} <= set(scores)
    assert json.loads(gold.output)["Tiny"]["stories"] == 4  # the tiny split's gold stories
