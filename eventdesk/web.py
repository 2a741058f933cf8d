"""The local web UI: stories and their situation reports, articles with what was found in
them, events, runs, and SQL over the store.

`eventdesk serve` starts it on 127.0.0.1. Every request opens the store read-only and
closes it again, so `eventdesk ingest` can run between two page loads; while an ingest
holds the file, a page says so (503) instead of failing. Nothing is fetched from
anywhere: pages are self-contained HTML with a few lines of script for sorting tables.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from eventdesk import web_pages as pages
from eventdesk.errors import EventdeskError, StoreError
from eventdesk.settings import Options
from eventdesk.store import Store

SQL_ROW_LIMIT = 1000
_STATUS = {200: "200 OK", 400: "400 Bad Request", 404: "404 Not Found", 503: "503 Service Unavailable"}


@dataclass(frozen=True)
class Response:
    """What a route returns: status, content type and body."""

    body: str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    filename: str = ""  # set for downloads


class NotFound(EventdeskError):
    """A page or item that does not exist."""


class WebApp:
    """The WSGI application over one store."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.routes: list[tuple[re.Pattern[str], Callable[..., Response]]] = [
            (re.compile(r"/"), stories_route),
            (re.compile(r"/story/(?P<story_id>[\w-]+)"), story_route),
            (re.compile(r"/article/(?P<article_id>[0-9a-f]{8,64})"), article_route),
            (re.compile(r"/events"), events_route),
            (re.compile(r"/events\.csv"), events_csv_route),
            (re.compile(r"/sql"), sql_route),
            (re.compile(r"/runs"), runs_route),
        ]

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response = self.respond(environ.get("PATH_INFO") or "/", environ.get("QUERY_STRING", ""))
        headers = [("Content-Type", response.content_type),
                   ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                               "script-src 'unsafe-inline'; img-src data:")]
        if response.filename:
            headers.append(("Content-Disposition", f'attachment; filename="{response.filename}"'))
        body = response.body.encode("utf-8")
        headers.append(("Content-Length", str(len(body))))
        start_response(_STATUS[response.status], headers)
        return [body]

    def respond(self, path: str, query_string: str) -> Response:
        """The response to one GET of a path with its query string."""
        query = {k: v[0] for k, v in parse_qs(query_string).items()}
        for pattern, route in self.routes:
            match = pattern.fullmatch(path)
            if match:
                return self._run(route, query, match.groupdict())
        return Response(pages.message_page("Not found", f"No page at {path}."), 404)

    def _run(self, route: Callable[..., Response], query: dict[str, str], args: dict[str, str]) -> Response:
        try:
            with Store(self.options.db, read_only=True) as store:
                return route(store, query, self.options, **args)
        except NotFound as error:
            return Response(pages.message_page("Not found", str(error)), 404)
        except StoreError as error:
            return Response(pages.message_page("Store unavailable", str(error)), 503)


# -- routes ------------------------------------------------------------------------


def stories_route(store: Store, query: dict[str, str], options: Options) -> Response:
    """The stories, newest first, optionally those whose reports contain a phrase."""
    needle = query.get("q", "").strip()
    stories = store.stories()
    if needle:
        _, rows = store.query(
            "SELECT id FROM articles WHERE title ILIKE ? OR text ILIKE ?", [f"%{needle}%"] * 2)
        hits = {r[0] for r in rows}
        stories = [s for s in stories if hits & set(s.article_ids)]
    _, rows = store.query("SELECT article_id, count(*) FROM events GROUP BY article_id")
    events = dict(rows)
    counts = {s.id: sum(events.get(a, 0) for a in s.article_ids) for s in stories}
    totals = _totals(store)
    return Response(pages.stories_page(stories, counts, totals, needle))


def _totals(store: Store) -> dict[str, int]:
    _, rows = store.query(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories), "
        "(SELECT count(*) FROM events), (SELECT count(*) FROM failures)")
    return dict(zip(("articles", "stories", "events", "failures"), rows[0]))


def story_route(store: Store, query: dict[str, str], options: Options, *, story_id: str) -> Response:
    """One story's situation report, with links to its articles."""
    from eventdesk.report import build_situation
    from eventdesk.report_render import render_html

    story = next((s for s in store.stories() if s.id == story_id), None)
    if story is None:
        raise NotFound(f"No story {story_id} in {options.db}; the list of stories is at /.")
    extractions = store.extractions(store.articles(story.article_ids))
    situation = build_situation(extractions, stories=[story], max_summary=options.max_summary_sentences,
                                nlp_model=options.model)
    return Response(render_html(situation, header=pages.story_header(situation)))


def article_route(store: Store, query: dict[str, str], options: Options, *, article_id: str) -> Response:
    """One article with its entities, times, places, figures, claims and events marked."""
    articles = store.articles([article_id])
    if not articles:
        raise NotFound(f"No article {article_id} in {options.db}.")
    [extraction] = store.extractions(articles)
    original = store.articles([articles[0].near_duplicate_of]) if articles[0].near_duplicate_of else []
    return Response(pages.article_page(extraction, original[0] if original else None))


EVENT_COLUMNS = ("article_id", "idx", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
                 "date", "date_precision", "fatalities", "location", "admin1", "country",
                 "latitude", "longitude", "outlet", "title", "sentences")


def event_rows(store: Store, query: dict[str, str]) -> list[dict[str, Any]]:
    """Stored events with their place and article, filtered by type, country and actor."""
    _, rows = store.query(
        "SELECT e.article_id, e.idx, e.event_type, e.sub_event_type, e.actor1, e.assoc_actor_1, "
        "e.actor2, e.date, e.date_precision, e.fatalities, p.name, p.admin1, p.country, "
        "p.latitude, p.longitude, a.outlet, a.title, e.sentences "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place_index "
        "WHERE (? = '' OR e.event_type = ?) AND (? = '' OR p.country = ?) "
        "AND (? = '' OR e.actor1 ILIKE ? OR e.actor2 ILIKE ?) "
        "ORDER BY e.date NULLS LAST, a.published, e.article_id, e.idx",
        [query.get("type", "")] * 2 + [query.get("country", "")] * 2
        + [query.get("actor", "")] + [f"%{query.get('actor', '')}%"] * 2)
    found = [dict(zip(EVENT_COLUMNS, row)) for row in rows]
    for row in found:  # stored as JSON text
        row["sentences"] = json.loads(row["sentences"]) if isinstance(row["sentences"], str) else []
    return found


def events_route(store: Store, query: dict[str, str], options: Options) -> Response:
    """Every stored event, filterable, with a link to the sentences it rests on."""
    _, types = store.query("SELECT DISTINCT event_type FROM events ORDER BY 1")
    _, countries = store.query(
        "SELECT DISTINCT p.country FROM events e JOIN places p ON p.article_id = e.article_id "
        "AND p.idx = e.place_index WHERE p.country <> '' ORDER BY 1")
    return Response(pages.events_page(event_rows(store, query), query,
                                      [t[0] for t in types], [c[0] for c in countries]))


def events_csv_route(store: Store, query: dict[str, str], options: Options) -> Response:
    """The events as filtered on the events page, as CSV."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    for row in event_rows(store, query):
        writer.writerow({**row, "sentences": " ".join(map(str, row["sentences"]))})
    return Response(buffer.getvalue(), content_type="text/csv; charset=utf-8", filename="events.csv")


def sql_route(store: Store, query: dict[str, str], options: Options) -> Response:
    """A read-only SQL prompt over the store."""
    sql = query.get("q", "").strip()
    if not sql:
        return Response(pages.sql_page("", None, None))
    try:
        # the page reads the store only: no files read or written through SQL
        store.con.execute("SET enable_external_access = false")
        names, rows = store.query(sql)
    except StoreError as error:
        return Response(pages.sql_page(sql, None, str(error)), 400)
    return Response(pages.sql_page(sql, (names, rows[:SQL_ROW_LIMIT], len(rows)), None))


def runs_route(store: Store, query: dict[str, str], options: Options) -> Response:
    """Past ingest runs and the inputs that failed."""
    runs = store.query(
        "SELECT run_id, command, started_at, finished_at, articles_read, articles_new, "
        "near_duplicates, failures FROM runs ORDER BY started_at DESC")
    failures = store.query("SELECT run_id, source, kind, reason FROM failures")
    return Response(pages.runs_page(runs, failures))


# -- the server ------------------------------------------------------------------------


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        del format, args  # requests are not logged to the terminal


def make_server_for(options: Options, *, host: str = "127.0.0.1", port: int = 8765) -> WSGIServer:
    """A threaded HTTP server for the web UI (port 0 picks a free one)."""
    if not options.db.exists():
        raise StoreError(f"{options.db}: no eventdesk store here; run `eventdesk ingest PATH` "
                         f"first, or pass --db")
    try:
        return make_server(host, port, WebApp(options), server_class=_Server,
                           handler_class=_QuietHandler)
    except OSError as error:
        raise EventdeskError(f"cannot listen on {host}:{port} ({error.strerror}); "
                             f"pick another port with --port") from error
