"""The DuckDB store: articles, their extractions, stories and every run.

Tables follow the data model: one table per extracted kind, its columns made
from the dataclass fields, plus `idx` (position in the article's tuple).
The schema is versioned; `migrate` applies what a file lacks, and columns that
a newer model adds are added in place, so an old store opens with a new
eventdesk. Ingest is idempotent: an article id already stored is not stored
again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from eventdesk import __version__
from eventdesk.errors import StoreError
from eventdesk.model import (
    Article, Claim, Event, Extraction, Figure, Mention, Place, Sentence, Story, TimeExpr,
)

SCHEMA_VERSION = 3

# One table per kind of extracted item, in Extraction's field order.
ITEM_TABLES: dict[str, type] = {
    "sentences": Sentence,
    "mentions": Mention,
    "times": TimeExpr,
    "places": Place,
    "figures": Figure,
    "claims": Claim,
    "events": Event,
}

_SQL_TYPES: dict[Any, str] = {
    str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE",
}


def _base_type(hint: Any) -> Any:
    """The concrete type behind Optional[...] and Literal[...]."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _base_type(args[0])
    if origin is typing.Literal:
        return type(typing.get_args(hint)[0])
    return origin or hint


def _columns(cls: type) -> dict[str, str]:
    """Column name -> SQL type for a model dataclass; tuples are stored as JSON."""
    hints = typing.get_type_hints(cls)
    columns = {}
    for field in dataclasses.fields(cls):
        base = _base_type(hints[field.name])
        columns[field.name] = _SQL_TYPES.get(base, "JSON")
    return columns


def _to_sql(value: Any, sql_type: str) -> Any:
    if sql_type == "JSON":
        return None if value is None else json.dumps(value, default=str)
    return value


def _from_sql(value: Any, sql_type: str) -> Any:
    if sql_type == "JSON" and isinstance(value, str):
        loaded = json.loads(value)
        return tuple(tuple(v) if isinstance(v, list) else v for v in loaded) \
            if isinstance(loaded, list) else loaded
    return value


def _create_v1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY, command VARCHAR, started_at TIMESTAMP,
        finished_at TIMESTAMP, eventdesk_version VARCHAR, inputs JSON,
        articles_read BIGINT, articles_new BIGINT, articles_known BIGINT,
        near_duplicates BIGINT, failures BIGINT)""")
    con.execute("""CREATE TABLE failures (
        run_id VARCHAR, source VARCHAR, kind VARCHAR, reason VARCHAR)""")
    article_cols = ", ".join(f'"{n}" {t}' for n, t in _columns(Article).items())
    con.execute(f"""CREATE TABLE articles ({article_cols},
        ingested_at TIMESTAMP, run_id VARCHAR, extracted_with VARCHAR,
        PRIMARY KEY (id))""")
    for table, cls in ITEM_TABLES.items():
        cols = ", ".join(f'"{n}" {t}' for n, t in _columns(cls).items() if n != "article_id")
        con.execute(f'CREATE TABLE {table} (article_id VARCHAR, idx BIGINT, {cols})')
    con.execute("CREATE TABLE run_articles (run_id VARCHAR, article_id VARCHAR)")


def _create_v2(con: duckdb.DuckDBPyConnection) -> None:
    story_cols = ", ".join(f'"{n}" {t}' for n, t in _columns(Story).items())
    con.execute(f"CREATE TABLE stories ({story_cols})")
    con.execute("CREATE TABLE story_state (name VARCHAR PRIMARY KEY, state JSON)")
    con.execute("CREATE TABLE analyses (story_id VARCHAR, kind VARCHAR, payload JSON)")


def _create_v3(con: duckdb.DuckDBPyConnection) -> None:
    # MinHash signatures of stored articles, so the near-duplicate index is not
    # rebuilt from every stored text on each ingest
    con.execute("""CREATE TABLE signatures (
        article_id VARCHAR PRIMARY KEY, scheme VARCHAR, num_perm BIGINT, hashvalues BLOB)""")


MIGRATIONS: tuple[tuple[int, Callable[[duckdb.DuckDBPyConnection], None]], ...] = (
    (1, _create_v1),
    (2, _create_v2),
    (3, _create_v3),
)


class Store:
    """An open eventdesk DuckDB file."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no eventdesk store here; run `eventdesk ingest PATH` first")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(
                f"{self.path}: cannot open the store ({error}); check the path, or close the "
                f"other program using it") from error
        if not read_only:
            self.migrate()
        elif self.schema_version() < SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store is at schema {self.schema_version()}; "
                             f"run `eventdesk report --db {self.path}` once to migrate it")

    def close(self) -> None:
        """Close the file."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------
    def schema_version(self) -> int:
        """The schema version the file is at (0 for a new file)."""
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Apply the migrations the file lacks, then add columns new model fields need."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
        current = self.schema_version()
        for version, step in MIGRATIONS:
            if version > current:
                self.con.execute("BEGIN TRANSACTION")
                step(self.con)
                self.con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
                self.con.execute("COMMIT")
        self._add_new_columns()

    def _add_new_columns(self) -> None:
        tables = {"articles": Article, "stories": Story, **ITEM_TABLES}
        for table, cls in tables.items():
            have = {row[0] for row in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                [table]).fetchall()}
            for name, sql_type in _columns(cls).items():
                if name not in have:
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')

    # -- runs -----------------------------------------------------------------
    def start_run(self, command: str, inputs: Sequence[str]) -> str:
        """Record the start of a run; returns its id."""
        run_id = uuid.uuid4().hex[:16]
        self.con.execute(
            "INSERT INTO runs (run_id, command, started_at, eventdesk_version, inputs) "
            "VALUES (?, ?, now(), ?, ?)", [run_id, command, __version__, json.dumps(list(inputs))])
        return run_id

    def finish_run(self, run_id: str, *, read: int, new: int, known: int,
                   near_duplicates: int, failures: int) -> None:
        """Record a run's counts."""
        self.con.execute(
            "UPDATE runs SET finished_at = now(), articles_read = ?, articles_new = ?, "
            "articles_known = ?, near_duplicates = ?, failures = ? WHERE run_id = ?",
            [read, new, known, near_duplicates, failures, run_id])

    def record_failure(self, run_id: str, *, source: str, kind: str, reason: str) -> None:
        """Record one input that could not be read."""
        self.con.execute("INSERT INTO failures VALUES (?, ?, ?, ?)", [run_id, source, kind, reason])

    def link_run_article(self, run_id: str, article_id: str) -> None:
        """Remember that a run read this article (new or already stored)."""
        self.con.execute("INSERT INTO run_articles VALUES (?, ?)", [run_id, article_id])

    # -- articles -------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        return bool(self.con.execute(
            "SELECT count(*) FROM articles WHERE id = ?", [article_id]).fetchone()[0])

    def add_article(self, article: Article, *, run_id: str) -> bool:
        """Store an article unless its id is known; True if it was new."""
        if self.has_article(article.id):
            return False
        cols = _columns(Article)
        names = ", ".join(f'"{n}"' for n in cols)
        marks = ", ".join("?" for _ in cols)
        values = [_to_sql(getattr(article, n), t) for n, t in cols.items()]
        self.con.execute(
            f"INSERT INTO articles ({names}, ingested_at, run_id) VALUES ({marks}, now(), ?)",
            [*values, run_id])
        return True

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles (all, or those with the given ids), by publication date."""
        cols = _columns(Article)
        names = ", ".join(f'"{n}"' for n in cols)
        query = f"SELECT {names} FROM articles"
        params: list[Any] = []
        if ids is not None:
            wanted = list(dict.fromkeys(ids))
            if not wanted:
                return []
            query += " WHERE id IN (SELECT unnest(?))"
            params.append(wanted)
        query += " ORDER BY published NULLS LAST, ingested_at, id"
        rows = self.con.execute(query, params).fetchall()
        return [Article(**{n: _from_sql(v, t) for (n, t), v in zip(cols.items(), row)})
                for row in rows]

    def article_ids(self) -> list[str]:
        """The ids of all stored articles, in the order `articles` gives them."""
        rows = self.con.execute(
            "SELECT id FROM articles ORDER BY published NULLS LAST, ingested_at, id").fetchall()
        return [r[0] for r in rows]

    def save_signature(self, article_id: str, hashvalues: np.ndarray, *, scheme: str) -> None:
        """Keep an article's near-duplicate signature (MinHash values of a hashing scheme)."""
        self.con.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?, ?, ?)",
                         [article_id, scheme, len(hashvalues), hashvalues.astype(np.uint64).tobytes()])

    def signatures(self, *, num_perm: int, scheme: str
                   ) -> list[tuple[str, str | None, np.ndarray | None]]:
        """(id, near_duplicate_of, signature or None) of every stored article, oldest first.

        None where no signature of this size and scheme is stored (an article from an
        older store, or one signed with another `minhash_permutations`).
        """
        rows = self.con.execute(
            "SELECT a.id, a.near_duplicate_of, s.hashvalues FROM articles a "
            "LEFT JOIN signatures s ON s.article_id = a.id AND s.num_perm = ? AND s.scheme = ? "
            "ORDER BY a.ingested_at, a.id", [num_perm, scheme]).fetchall()
        return [(i, original, None if blob is None else np.frombuffer(blob, dtype=np.uint64))
                for i, original, blob in rows]

    def run_article_ids(self, run_id: str) -> list[str]:
        """The ids of the articles one run read."""
        rows = self.con.execute(
            "SELECT DISTINCT article_id FROM run_articles WHERE run_id = ?", [run_id]).fetchall()
        return [r[0] for r in rows]

    # -- extractions ----------------------------------------------------------
    def save_extraction(self, extraction: Extraction, *, extracted_with: str) -> None:
        """Replace everything stored as extracted from one article."""
        article_id = extraction.article.id
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, cls in ITEM_TABLES.items():
                self.con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
                items = getattr(extraction, table)
                if items:
                    self._insert_items(table, cls, article_id, items)
            self.con.execute("UPDATE articles SET extracted_with = ? WHERE id = ?",
                             [extracted_with, article_id])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _insert_items(self, table: str, cls: type, article_id: str, items: Sequence[Any]) -> None:
        cols = {n: t for n, t in _columns(cls).items() if n != "article_id"}
        names = ", ".join(f'"{n}"' for n in cols)
        marks = ", ".join("?" for _ in range(len(cols) + 2))
        rows = [[article_id, idx, *(_to_sql(getattr(item, n), t) for n, t in cols.items())]
                for idx, item in enumerate(items)]
        self.con.executemany(f"INSERT INTO {table} (article_id, idx, {names}) VALUES ({marks})", rows)

    def extractions(self, articles: Sequence[Article]) -> list[Extraction]:
        """The stored extraction of each article, in the given order."""
        if not articles:
            return []
        ids = [a.id for a in articles]
        items: dict[str, dict[str, list[Any]]] = {i: {t: [] for t in ITEM_TABLES} for i in ids}
        for table, cls in ITEM_TABLES.items():
            cols = {n: t for n, t in _columns(cls).items() if n != "article_id"}
            names = ", ".join(f'"{n}"' for n in cols)
            rows = self.con.execute(
                f"SELECT article_id, {names} FROM {table} WHERE article_id IN (SELECT unnest(?)) "
                f"ORDER BY article_id, idx", [ids]).fetchall()
            for row in rows:
                values = {n: _from_sql(v, t) for (n, t), v in zip(cols.items(), row[1:])}
                if "article_id" in _columns(cls):
                    values["article_id"] = row[0]
                items[row[0]][table].append(cls(**values))
        return [Extraction(article=a, **{t: tuple(v) for t, v in items[a.id].items()})
                for a in articles]

    def stale_article_ids(self, extracted_with: str) -> list[str]:
        """Articles not yet extracted by this version of eventdesk."""
        rows = self.con.execute(
            "SELECT id FROM articles WHERE extracted_with IS DISTINCT FROM ?",
            [extracted_with]).fetchall()
        return [r[0] for r in rows]

    # -- stories --------------------------------------------------------------
    def save_stories(self, stories: Sequence[Story]) -> None:
        """Replace the stored stories."""
        cols = _columns(Story)
        names = ", ".join(f'"{n}"' for n in cols)
        marks = ", ".join("?" for _ in cols)
        self.con.execute("DELETE FROM stories")
        if stories:
            self.con.executemany(
                f"INSERT INTO stories ({names}) VALUES ({marks})",
                [[_to_sql(getattr(s, n), t) for n, t in cols.items()] for s in stories])

    def stories(self) -> list[Story]:
        """The stored stories."""
        cols = _columns(Story)
        names = ", ".join(f'"{n}"' for n in cols)
        rows = self.con.execute(f"SELECT {names} FROM stories ORDER BY first_published, id").fetchall()
        return [Story(**{n: _from_sql(v, t) for (n, t), v in zip(cols.items(), row)}) for row in rows]

    def save_state(self, name: str, state: dict[str, Any]) -> None:
        """Persist the state of an incremental component (e.g. the story clusterer)."""
        self.con.execute("INSERT OR REPLACE INTO story_state VALUES (?, ?)", [name, json.dumps(state)])

    def load_state(self, name: str) -> dict[str, Any] | None:
        """A persisted state, or None."""
        row = self.con.execute("SELECT state FROM story_state WHERE name = ?", [name]).fetchone()
        return json.loads(row[0]) if row else None

    # -- queries --------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run SQL (with `?` parameters); returns column names and rows."""
        try:
            cursor = self.con.execute(sql, list(params))
        except duckdb.Error as error:
            raise StoreError(f"SQL failed: {error}") from error
        names = [d[0] for d in cursor.description] if cursor.description else []
        return names, cursor.fetchall()

    def failures(self, run_id: str | None = None) -> Iterator[tuple[str, str, str]]:
        """Recorded failures (source, kind, reason), of one run or all."""
        query = "SELECT source, kind, reason FROM failures"
        params: list[Any] = []
        if run_id:
            query += " WHERE run_id = ?"
            params.append(run_id)
        yield from self.con.execute(query, params).fetchall()
