"""The library entry points that the CLI and the web app call.

`ingest` reads inputs into the store and extracts what is new; `report`
builds the situation report over stored articles; `ingest_and_report` is the
main job.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TextIO

from eventdesk import __version__
from eventdesk.dedup import NearDuplicateIndex
from eventdesk.distributed import extract_on_cluster, uses_cluster
from eventdesk.ingest import InputFailure, read_inputs
from eventdesk.model import Article, Extraction, Story
from eventdesk.pipeline import extract_articles
from eventdesk.settings import Options
from eventdesk.store import Store

Progress = Callable[[str, int, int | None], None]  # (phase, done, total)


@dataclass(frozen=True)
class IngestResult:
    """What one ingest run did."""

    run_id: str
    article_ids: tuple[str, ...]
    new: int
    known: int
    near_duplicates: int
    failures: tuple[InputFailure, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when every input was read."""
        return not self.failures


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Changes whenever eventdesk's code or data changes, so stale extractions are redone."""
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("eventdesk")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in {".py", ".toml", ".json", ".csv", ".txt"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _noop(phase: str, done: int, total: int | None) -> None:
    del phase, done, total


def ingest(specs: Sequence[str], *, options: Options, stdin: TextIO | None = None,
           progress: Progress = _noop, command: str = "ingest") -> IngestResult:
    """Read inputs into the store, link near-duplicates, and extract new articles."""
    with Store(options.db) as store:
        run_id = store.start_run(command, specs)
        index = _near_duplicate_index(store, options)
        seen: list[str] = []
        failures: list[InputFailure] = []
        new = near = 0
        for item in read_inputs(specs, options=options, stdin=stdin):
            if isinstance(item, InputFailure):
                failures.append(item)
                store.record_failure(run_id, source=item.source, kind=item.kind, reason=item.reason)
                continue
            if not store.has_article(item.id):
                item = index.add(item)
                near += item.near_duplicate_of is not None
                new += store.add_article(item, run_id=run_id)
                store.save_signature(item.id, index.hashvalues(item.id), scheme=index.scheme)
            if item.id not in seen:
                seen.append(item.id)
                store.link_run_article(run_id, item.id)
            progress("read", len(seen), None)
        for failure in _extract_stale(store, options, progress):
            failures.append(failure)
            store.record_failure(run_id, source=failure.source, kind=failure.kind,
                                 reason=failure.reason)
        _cluster_new_articles(store)
        store.finish_run(run_id, read=len(seen), new=new, known=len(seen) - new,
                         near_duplicates=near, failures=len(failures))
    return IngestResult(run_id, tuple(seen), new, len(seen) - new, near, tuple(failures))


def _near_duplicate_index(store: Store, options: Options) -> NearDuplicateIndex:
    """The index of stored articles from their saved signatures; missing ones are made and saved."""
    index = NearDuplicateIndex(options.near_duplicate_threshold, options.minhash_permutations)
    rows = store.signatures(num_perm=index.num_perm, scheme=index.scheme)
    unsigned = {a.id: a for a in store.articles([i for i, _, values in rows if values is None])}
    for article_id, original, values in rows:
        if values is None:
            values = index.signature(unsigned[article_id].text).hashvalues
            store.save_signature(article_id, values, scheme=index.scheme)
        index.restore(article_id, values, near_duplicate_of=original)
    return index


def _extract_stale(store: Store, options: Options, progress: Progress) -> list[InputFailure]:
    """Extract every article not yet extracted by this version; returns stage failures."""
    fingerprint = extractor_fingerprint()
    stale = store.articles(store.stale_article_ids(fingerprint))
    failures = []
    outcomes = extract_on_cluster(stale, options) if uses_cluster(options) else extract_articles(stale, options)
    for done, outcome in enumerate(outcomes, start=1):
        if outcome.error is not None:
            failures.append(InputFailure(outcome.article.source, str(outcome.error), "StageError"))
        else:
            assert outcome.extraction is not None
            store.save_extraction(outcome.extraction, extracted_with=fingerprint)
        progress("extract", done, len(stale))
    return failures


STORY_STATE = "story_clusterer"


def _cluster_new_articles(store: Store) -> None:
    """Feed articles the story clusterer has not seen, in publication order; persist it."""
    from eventdesk.stories import StoryClusterer, article_features

    state = store.load_state(STORY_STATE)
    clusterer = StoryClusterer.from_state(state) if state else StoryClusterer()
    unseen = [i for i in store.article_ids() if clusterer.story_of(i) is None]
    extracted = [x for x in store.extractions(store.articles(unseen)) if x.sentences]
    if not extracted:
        return
    for extraction in extracted:  # store.articles() is in publication order already
        clusterer.add(article_features(extraction))
    store.save_state(STORY_STATE, clusterer.to_state())
    store.save_stories(clusterer.stories())


def load_extractions(*, options: Options, article_ids: Sequence[str] | None = None) -> list[Extraction]:
    """Stored extractions, of the given articles or of all, in publication order."""
    with Store(options.db) as store:
        articles: list[Article] = store.articles(article_ids)
        return store.extractions(articles)


def report(*, options: Options, article_ids: Sequence[str] | None = None) -> dict[str, Path]:
    """Write the situation report over the given (or all) stored articles."""
    from eventdesk.report import build_situation, write_report

    extractions = load_extractions(options=options, article_ids=article_ids)
    stories = group_stories(extractions, options=options)
    situation = build_situation(extractions, stories=stories, failures=_last_failures(options),
                                max_summary=options.max_summary_sentences, nlp_model=options.model)
    return write_report(situation, options.out_dir)


def group_stories(extractions: Sequence[Extraction], *, options: Options) -> list[Story]:
    """The stored stories, narrowed to these articles; clustered afresh if none are stored."""
    from eventdesk.stories import cluster_stories

    wanted = {x.article.id for x in extractions}
    with Store(options.db) as store:
        stored = store.stories()
    stories = []
    for story in stored:
        members = tuple(a for a in story.article_ids if a in wanted)
        if members:
            stories.append(dataclasses.replace(story, article_ids=members))
    covered = {a for s in stories for a in s.article_ids}
    if covered != wanted:
        return cluster_stories(extractions)
    return stories


def _last_failures(options: Options) -> list[dict[str, str]]:
    with Store(options.db) as store:
        names, rows = store.query(
            "SELECT source, kind, reason FROM failures WHERE run_id = "
            "(SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1)")
    return [dict(zip(names, row)) for row in rows]
