"""The `eventdesk` command: a thin wrapper over eventdesk.api and friends.

Exit codes: 0 all good, 1 some inputs failed, 2 usage error (bad option,
missing store, bad SQL, unreadable settings), 3 internal error (a bug: the
traceback is saved to a file named in the message).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventdesk import __version__
from eventdesk.errors import EventdeskError
from eventdesk.settings import Options, load_options

app = typer.Typer(
    help="eventdesk: news reports in, sourced event data out.\n\n"
         "Example: eventdesk report examples/ --out report/",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
    pretty_exceptions_show_locals=False)
eval_app = typer.Typer(help="Measure eventdesk on public annotated data.\n\n"
                            "Example: eventdesk eval timeml ../shared/eval/tempeval3/TBAQ-cleaned",
                       no_args_is_help=True)
export_app = typer.Typer(help="Write stored events and places in other formats.\n\n"
                              "Example: eventdesk export acled --out events.csv",
                         no_args_is_help=True)
gazetteer_app = typer.Typer(help="Manage the offline gazetteer.\n\n"
                                 "Example: eventdesk gazetteer import allCountries.txt alternateNamesV2.txt",
                            no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(export_app, name="export")
app.add_typer(gazetteer_app, name="gazetteer")

console = Console()
err = Console(stderr=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB store file (default: ./eventdesk.duckdb).")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Settings file (TOML) over the defaults.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")]
WorkersOption = Annotated[Optional[int], typer.Option(
    help="Extract on a local Dask cluster of this many processes (default 1: in this process).")]
SchedulerOption = Annotated[Optional[str], typer.Option(
    help="Extract on the workers of a running Dask scheduler, e.g. tcp://10.0.0.5:8786.")]


def _version(value: bool) -> None:
    if value:
        console.print(f"eventdesk {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """eventdesk: news reports in, sourced event data out."""


@contextmanager
def _errors() -> Iterator[None]:
    """Turn eventdesk's errors into one clear message and exit code 2."""
    try:
        yield
    except EventdeskError as error:
        err.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from error


def _options(config: Path | None, **overrides: Any) -> Options:
    return load_options(config=config, **overrides)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2016-03-27",
                                 param_hint="--published") from error


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int | None], None]]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, Any] = {}

        def update(phase: str, done: int, total: int | None) -> None:
            label = {"read": "Reading inputs", "extract": "Extracting"}.get(phase, phase)
            if phase not in tasks:
                tasks[phase] = bar.add_task(label, total=total)
            bar.update(tasks[phase], completed=done, total=total)
        yield update


def _ingest(paths: list[str], options: Options, command: str) -> Any:
    from eventdesk import api

    with _progress() as progress:
        result = api.ingest(paths, options=options, stdin=sys.stdin, progress=progress,
                            command=command)
    for failure in result.failures:
        err.print(f"[yellow]skipped[/yellow] {failure.reason}", markup=True, highlight=False)
    err.print(f"{len(result.article_ids)} article(s) read: {result.new} new, {result.known} already stored, "
              f"{result.near_duplicates} near-duplicate(s); {len(result.failures)} input(s) failed.",
              highlight=False)
    return result


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, http(s) URLs, or - for stdin.")],
    db: DbOption = None, config: ConfigOption = None,
    published: Annotated[Optional[str], typer.Option(
        help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for inputs that carry none.")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Fetch link-only feed entries.")] = False,
    max_bytes: Annotated[Optional[int], typer.Option(help="Refuse inputs over this size.")] = None,
    workers: WorkersOption = None, scheduler: SchedulerOption = None,
) -> None:
    """Read reports into the store and extract their entities, times, places, figures and events.

    Example: eventdesk ingest examples/ reports/*.html --published 2016-03-27 --workers 4
    """
    with _errors():
        options = _options(config, db=db, published=_parse_date(published), outlet=outlet,
                           fetch=fetch or None, max_bytes=max_bytes, workers=workers, scheduler=scheduler)
        result = _ingest(paths, options, "ingest")
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def report(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Inputs to ingest first; without any, report on the whole store.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder for report.md, .html and .json.")] = None,
    db: DbOption = None, config: ConfigOption = None,
    published: Annotated[Optional[str], typer.Option(
        help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for inputs that carry none.")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Fetch link-only feed entries.")] = False,
    workers: WorkersOption = None, scheduler: SchedulerOption = None,
) -> None:
    """Ingest reports, then write the situation report (Markdown, HTML and JSON): the main job.

    Example: eventdesk report ../shared/seeds/*.txt --published 2016-03-27 --out report/
    """
    from eventdesk import api

    with _errors():
        options = _options(config, db=db, published=_parse_date(published), outlet=outlet,
                           fetch=fetch or None, out_dir=out, workers=workers, scheduler=scheduler)
        result = _ingest(paths, options, "report") if paths else None
        if result is not None and not result.article_ids:
            err.print("[red]error:[/red] no article could be read from the inputs; nothing to report",
                      markup=True)
            raise typer.Exit(1)
        written = api.report(options=options, article_ids=result.article_ids if result else None)
    for kind, path in written.items():
        console.print(f"{kind}: {path}", highlight=False)
    raise typer.Exit(0 if result is None or result.ok else 1)


@app.command()
def articles(db: DbOption = None, config: ConfigOption = None,
             limit: Annotated[int, typer.Option(help="Show at most this many.")] = 50,
             as_json: JsonOption = False) -> None:
    """List stored articles with outlet, date and near-duplicate links.

    Example: eventdesk articles --limit 20
    """
    from eventdesk.store import Store

    with _errors():
        options = _options(config, db=db)
        with Store(options.db, read_only=True) as store:
            rows = store.articles()[:limit]
    if as_json:
        console.print_json(json.dumps([_article_json(a) for a in rows]))
        return
    table = Table("id", "published", "outlet", "title", "near-dup of")
    for a in rows:
        table.add_row(a.id[:12], f"{a.published or '-'} ({a.published_source})", a.outlet or "-",
                      a.title[:60] or a.text[:60], (a.near_duplicate_of or "")[:12])
    console.print(table)


def _article_json(article: Any) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "published_source": article.published_source, "source": article.source,
            "near_duplicate_of": article.near_duplicate_of}


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SQL query over the store's tables.")],
        db: DbOption = None, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Query the store with SQL (tables: articles, mentions, times, places, figures, claims, events, ...).

    Example: eventdesk sql "SELECT event_type, count(*) FROM events GROUP BY 1"
    """
    from eventdesk.store import Store

    with _errors():
        options = _options(config, db=db)
        with Store(options.db, read_only=True) as store:
            names, rows = store.query(query)
    if as_json:
        print(json.dumps([dict(zip(names, row)) for row in rows], default=str, indent=2))
        return
    table = Table(*names)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


@app.command()
def runs(db: DbOption = None, config: ConfigOption = None,
         failures: Annotated[bool, typer.Option("--failures", help="List failed inputs too.")] = False) -> None:
    """Show past ingest runs with their counts (and failures).

    Example: eventdesk runs --failures
    """
    from eventdesk.store import Store

    with _errors():
        options = _options(config, db=db)
        with Store(options.db, read_only=True) as store:
            names, rows = store.query(
                "SELECT run_id, command, started_at, articles_read, articles_new, near_duplicates, "
                "failures FROM runs ORDER BY started_at")
            failed = list(store.failures()) if failures else []
    table = Table(*names)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
    for source, kind, reason in failed:
        console.print(f"{kind}: {reason}", highlight=False, markup=False)


def _print_result(result: dict[str, Any], as_json: bool, formatter: Callable[[dict[str, Any]], str]) -> None:
    if as_json:
        print(json.dumps(result, default=str))
    else:
        console.print(formatter(result), highlight=False, markup=False)


@eval_app.command("timeml")
def eval_timeml(paths: Annotated[list[Path], typer.Argument(help="Folders or .tml files.")],
                config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Time expressions: extraction and normalisation against TimeML gold (TempEval-3 scoring).

    Example: eventdesk eval timeml ../shared/eval/tempeval3/TBAQ-cleaned --json
    """
    from eventdesk.eval_timeml import evaluate_timeml, format_timeml

    with _errors():
        result = evaluate_timeml(paths, options=_options(config))
    _print_result(result, as_json, format_timeml)


@eval_app.command("geo")
def eval_geo(path: Annotated[Path, typer.Argument(help="GWN.xml (GeoWebNews) or lgl.xml (LGL format).")],
             config: ConfigOption = None, as_json: JsonOption = False,
             limit: Annotated[Optional[int], typer.Option(help="Only the first N articles.")] = None) -> None:
    """Geocoding: accuracy within 161 km with gold spans, and end-to-end span F1.

    Example: eventdesk eval geo ../shared/eval/geoparsing/LGL/lgl.xml --json
    """
    from eventdesk.eval_geo import evaluate_geo, format_geo

    with _errors():
        result = evaluate_geo(path, options=_options(config), limit=limit)
    _print_result(result, as_json, format_geo)


@eval_app.command("acled")
def eval_acled(csv_path: Annotated[Path, typer.Argument(help="An ACLED export (CSV) as ACLED publishes it.")],
               config: ConfigOption = None, as_json: JsonOption = False,
               limit: Annotated[Optional[int], typer.Option(help="Only the first N rows.")] = None) -> None:
    """Events: run eventdesk over each row's notes and compare with ACLED's coding.

    Example: eventdesk eval acled tests/fixtures/acled/sample.csv --json
    """
    from eventdesk.eval_acled import evaluate_acled, format_acled

    with _errors():
        result = evaluate_acled(csv_path, options=_options(config), limit=limit)
    _print_result(result, as_json, format_acled)


SplitOption = Annotated[Optional[str], typer.Option("--split", help="Only this split (e.g. Dev).")]


@eval_app.command("clusters")
def eval_clusters(data_dir: Annotated[Path, typer.Argument(help="ECB+ folder (cybulska_setup).")],
                  split: SplitOption = None, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Story clustering on ECB+: B-cubed and pairwise precision, recall, F1 per split.

    Example: eventdesk eval clusters ../shared/eval/ecbplus/cybulska_setup --split Dev
    """
    from eventdesk.eval_ecb import evaluate_clusters, format_clusters

    with _errors():
        result = evaluate_clusters(data_dir, split=split, options=_options(config))
    _print_result(result, as_json, format_clusters)


@eval_app.command("coref")
def eval_coref(data_dir: Annotated[Path, typer.Argument(help="ECB+ folder (cybulska_setup).")],
               split: SplitOption = None, config: ConfigOption = None, as_json: JsonOption = False,
               gold_clusters: Annotated[bool, typer.Option(
                   "--gold-clusters", help="Compare mentions within the gold stories instead of our own "
                                           "story clusters (a diagnostic: coreference alone).")] = False) -> None:
    """Cross-document event coreference on ECB+ gold mentions: MUC, B3, CEAF-e, CoNLL F1.

    Example: eventdesk eval coref ../shared/eval/ecbplus/cybulska_setup --split Dev --json
    """
    from eventdesk.eval_coref import evaluate_coref, format_coref

    with _errors():
        result = evaluate_coref(data_dir, split=split, options=_options(config), gold_clusters=gold_clusters)
    _print_result(result, as_json, format_coref)


@eval_app.command("entities")
def eval_entities(data_dir: Annotated[Path, typer.Argument(help="MEANTIME folder (or one corpus_* folder).")],
                  corpus: Annotated[Optional[str], typer.Option(
                      "--corpus", help="Only this corpus folder (e.g. gm or corpus_gm).")] = None,
                  config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Cross-report entity linking on MEANTIME gold mentions: MUC, B3, CEAF-e, CoNLL F1 per corpus.

    Example: eventdesk eval entities ../shared/eval/meantime --corpus gm --json
    """
    from eventdesk.eval_entities import evaluate_entities, format_entities

    with _errors():
        result = evaluate_entities(data_dir, corpus=corpus, options=_options(config))
    _print_result(result, as_json, format_entities)


@export_app.command("acled")
def export_acled(out: Annotated[Path, typer.Option("--out", help="CSV file to write.")] = Path("events.csv"),
                 db: DbOption = None, config: ConfigOption = None) -> None:
    """Write events in ACLED's column layout (CSV).

    Example: eventdesk export acled --out events.csv
    """
    from eventdesk.export import write_acled

    with _errors():
        count = write_acled(out, options=_options(config, db=db))
    console.print(f"{count} event(s) written to {out}", highlight=False)


@export_app.command("geojson")
def export_geojson(out: Annotated[Path, typer.Option("--out", help="GeoJSON file to write.")] = Path("events.geojson"),
                   db: DbOption = None, config: ConfigOption = None) -> None:
    """Write events and places as a GeoJSON FeatureCollection.

    Example: eventdesk export geojson --out events.geojson
    """
    from eventdesk.export import write_geojson

    with _errors():
        count = write_geojson(out, options=_options(config, db=db))
    console.print(f"{count} feature(s) written to {out}", highlight=False)


@export_app.command("parquet")
def export_parquet(out: Annotated[Path, typer.Option("--out", help="Folder for one .parquet file per table.")] = Path("parquet"),
                   db: DbOption = None, config: ConfigOption = None) -> None:
    """Write every store table as Parquet.

    Example: eventdesk export parquet --out parquet/
    """
    from eventdesk.export import write_parquet

    with _errors():
        paths = write_parquet(out, options=_options(config, db=db))
    console.print(f"{len(paths)} table(s) written to {out}", highlight=False)


@gazetteer_app.command("import")
def gazetteer_import(paths: Annotated[list[Path], typer.Argument(
        help="GeoNames dump files: allCountries.txt or citiesNNN.txt, alternateNamesV2.txt, "
             "admin1CodesASCII.txt, admin2Codes.txt.")],
        config: ConfigOption = None) -> None:
    """Load a full GeoNames dump you downloaded, for village-level coverage.

    Example: eventdesk gazetteer import cities500.txt admin1CodesASCII.txt alternateNamesV2.txt
    """
    from eventdesk.geonames_import import import_geonames

    with _errors():
        counts = import_geonames(paths, options=_options(config))
    console.print(counts)



@app.command()
def serve(db: DbOption = None, config: ConfigOption = None,
          host: Annotated[str, typer.Option(help="Address to listen on; the default serves this "
                                                 "machine only.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765) -> None:
    """Browse the store in a web browser: stories, reports, articles, events, runs and SQL.

    Example: eventdesk serve --db events.duckdb --port 8765, then open http://127.0.0.1:8765/
    """
    from eventdesk.web import make_server_for

    with _errors():
        server = make_server_for(_options(config, db=db), host=host, port=port)
    console.print(f"eventdesk web UI on http://{host}:{server.server_port}/ (Ctrl-C to stop)",
                  highlight=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        server.server_close()

INTERNAL_ERROR = 3


def run(argv: list[str] | None = None) -> None:
    """The console entry point: the CLI, with an unexpected failure reported as exit code 3."""
    try:
        app(args=argv, prog_name="eventdesk")
    except Exception as error:  # noqa: BLE001 - anything not caught below is a bug in eventdesk
        with tempfile.NamedTemporaryFile("w", prefix="eventdesk-crash-", suffix=".txt", delete=False,
                                         encoding="utf-8") as log:
            traceback.print_exception(error, file=log)
        err.print(f"[red]internal error:[/red] {type(error).__name__}: {error}\n"
                  f"This is a bug in eventdesk, not in your input. The traceback is in {log.name}; "
                  "please report it with the command you ran.", markup=True, highlight=False, soft_wrap=True)
        sys.exit(INTERNAL_ERROR)
