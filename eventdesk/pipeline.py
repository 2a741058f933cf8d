"""The per-article pipeline: spaCy once, then each extraction stage in order.

A stage is a plain function `stage(doc, draft, options) -> Extraction` that
returns a new `Extraction` with its own findings added. The runner says which
stage broke on which article and goes on with the next article. The parses of
the last articles extracted stay in the process (`kept_parses`), so a report made
right after extraction reads them instead of parsing the texts again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from eventdesk import claims, entities, events, figures, places, times
from eventdesk.errors import StageError
from eventdesk.model import Article, Extraction, Sentence
from eventdesk.nlp import parse_texts
from eventdesk.settings import Options

Stage = Callable[[Doc, Extraction, Options], Extraction]

# How many of the latest parses stay in the process: enough for the stories of one run's
# report; a larger run's earlier articles are parsed again when the report needs them.
KEPT_PARSES = 64
_kept: OrderedDict[tuple[str, str], Doc] = OrderedDict()  # (model, article id) -> parse

STAGES: tuple[tuple[str, Stage], ...] = (
    ("entities", entities.extract_mentions),
    ("times", times.resolve_times),
    ("places", places.geocode_places),
    ("figures", figures.extract_figures),
    ("claims", claims.attribute_claims),
    ("events", events.extract_events),
)


@dataclass(frozen=True)
class Outcome:
    """One article's result: its extraction, or the stage error that stopped it."""

    article: Article
    extraction: Extraction | None
    error: StageError | None = None


def sentences_of(doc: Doc) -> tuple[Sentence, ...]:
    """The sentence spans of a parsed document."""
    return tuple(
        Sentence(index=i, start=sent.start_char, end=sent.end_char)
        for i, sent in enumerate(doc.sents)
    )


def extract_article(doc: Doc, article: Article, options: Options,
                    stages: tuple[tuple[str, Stage], ...] = STAGES) -> Extraction:
    """Run every stage over one parsed article; raises StageError."""
    draft = Extraction(article=article, sentences=sentences_of(doc))
    for name, stage in stages:
        try:
            draft = stage(doc, draft, options)
        except Exception as error:  # noqa: BLE001 - reported with stage and article
            raise StageError(name, article.id, article.source, error) from error
    return draft


def extract_articles(articles: Iterable[Article], options: Options,
                     stages: tuple[tuple[str, Stage], ...] = STAGES) -> Iterator[Outcome]:
    """Parse articles in batches and extract each; failures are yielded, not raised."""
    pending = list(articles)
    if not pending:
        return  # nothing to parse: spaCy need not even load
    docs = parse_texts((a.text for a in pending), model=options.model,
                       batch_size=options.batch_size)
    for article, doc in zip(pending, docs, strict=True):
        try:
            outcome = Outcome(article, extract_article(doc, article, options, stages))
        except StageError as error:
            yield Outcome(article, None, error)
            continue
        _keep(options.model, article.id, doc)
        yield outcome


def _keep(model: str, article_id: str, doc: Doc) -> None:
    _kept[(model, article_id)] = doc
    _kept.move_to_end((model, article_id))
    while len(_kept) > KEPT_PARSES:
        _kept.popitem(last=False)


def kept_parses(articles: Iterable[Article], *, model: str) -> dict[str, Doc]:
    """The parses (by `model`) this process kept of these articles when it extracted them, by
    article id; only of the same text (an id need not tell texts apart: ids of normalised text,
    ids given by a caller), since a parse's offsets are offsets into its own text."""
    kept = ((article, _kept.get((model, article.id))) for article in articles)
    return {article.id: doc for article, doc in kept if doc is not None and doc.text == article.text}
