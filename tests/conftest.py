"""Shared, cheap fixtures: options, the seeds, and a helper that runs the pipeline."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from eventdesk.gazetteer import load_gazetteer
from eventdesk.model import Article, Event, Extraction
from eventdesk.pipeline import extract_articles
from eventdesk.settings import Options, load_options

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two seed reports; tests using them skip where ../shared is absent."""
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip(f"seed reports not found at {SEEDS}: clone the repo beside ../shared")
    return SEEDS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """The public evaluation data; tests using it skip where it is absent."""
    if not EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {EVAL}: clone the repo beside ../shared")
    return EVAL


@pytest.fixture(scope="session")
def ecb_dir(eval_dir: Path) -> Path:
    """ECB+ in Cybulska's setup (Train and Dev); tests using it skip where it is absent."""
    data = eval_dir / "ecbplus" / "cybulska_setup"
    if not (data / "ECB_Dev_corpus.txt").is_file():
        pytest.skip(f"ECB+ Dev not found under {data}")
    return data


@pytest.fixture(scope="session")
def geo_options() -> Options:
    """Default options with the gazetteer index built: the same index every pipeline test uses."""
    options = load_options()
    load_gazetteer(options)
    return options


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Options, Any]:
    """The bundled examples ingested once into a store (options, IngestResult); read it, don't add."""
    from eventdesk import api

    folder = tmp_path_factory.mktemp("examples_store")
    options = load_options(db=str(folder / "events.duckdb"), out_dir=str(folder / "report"))
    return options, api.ingest([str(EXAMPLES)], options=options)


@pytest.fixture()
def options(tmp_path: Path) -> Options:
    """Default options with the store and report in a temporary folder."""
    return load_options(db=tmp_path / "test.duckdb", out_dir=tmp_path / "report")


def make_article(text: str, *, published: dt.date | None = None, title: str = "",
                 outlet: str = "", source: str = "test") -> Article:
    """A hand-built article, as ingest would make it."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=digest, text=text, title=title, outlet=outlet, source=source,
                   published=published, published_source="cli" if published else "none")


def extract_text(text: str, *, published: dt.date | None = None, outlet: str = "",
                 options: Options | None = None) -> Extraction:
    """Run the whole per-article pipeline over one text."""
    article = make_article(text, published=published, outlet=outlet)
    outcome = next(extract_articles([article], options or load_options()))
    if outcome.error is not None:
        raise outcome.error
    assert outcome.extraction is not None
    return outcome.extraction


def ranked_events(text: str, *, published: dt.date) -> list[Event]:
    """The events of one text, the most confident first (the event an ACLED row would code)."""
    return sorted(extract_text(text, published=published).events, key=lambda e: (-e.confidence, e.index))
