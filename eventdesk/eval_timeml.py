"""Score the times stage against TimeML gold (TempEval-3 style).

Each `.tml` document's body text goes through spaCy and the real times stage
with its DCT as the publication date. Predicted spans are paired one-to-one
with gold TIMEX3 spans: exactly (strict) or by the largest overlap (relaxed).
Value and type are scored over the relaxed pairs; value F1 counts a pair only
when its value is right, as TempEval-3's attribute F1 does.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from eventdesk.dateline import find_dateline
from eventdesk.model import Article, Extraction, Sentence, TimeExpr
from eventdesk.nlp import PIPELINE_VERSION, load_nlp, parse_texts
from eventdesk.settings import Options
from eventdesk.timeml import GoldTimex, TimeMLDoc, iter_timeml
from eventdesk.times import resolve_times

WORST_ERRORS = 25


@dataclass
class _Tally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0


def _f1(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def match_spans(gold: Sequence[GoldTimex], predicted: Sequence[TimeExpr]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, largest overlap first."""
    overlaps = []
    for g, gold_timex in enumerate(gold):
        for p, time in enumerate(predicted):
            overlap = min(gold_timex.end, time.end) - max(gold_timex.start, time.start)
            if overlap > 0:
                exact = gold_timex.start == time.start and gold_timex.end == time.end
                overlaps.append((not exact, -overlap, g, p))
    pairs, used_gold, used_pred = [], set(), set()
    for _, _, g, p in sorted(overlaps):
        if g not in used_gold and p not in used_pred:
            pairs.append((g, p))
            used_gold.add(g)
            used_pred.add(p)
    return pairs


def sentences_of(doc: Doc) -> tuple[Sentence, ...]:
    """The sentence spans of a parsed document (as the pipeline runner makes them)."""
    return tuple(Sentence(index=i, start=s.start_char, end=s.end_char) for i, s in enumerate(doc.sents))


def _cache_key(text: str, model: str) -> str:
    """A parse's file name: the text, spaCy's version and the model's name and version, hashed."""
    meta = load_nlp(model).meta
    stamp = (f"{spacy.__version__}|{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}|{model}|"
             f"eventdesk-pipeline-{PIPELINE_VERSION}|")
    return hashlib.sha256((stamp + text).encode("utf-8")).hexdigest()


def parse_cached(texts: Sequence[str], *, options: Options) -> list[Doc]:
    """Parse texts with spaCy, reusing parses saved under `options.cache_dir` (evaluation sets are reparsed often).

    A parse is keyed by the text and the spaCy and model versions, so a changed
    text or model is parsed afresh; an unwritable cache folder only costs speed.
    """
    nlp = load_nlp(options.model)
    folder = Path(options.cache_dir).expanduser() / "timeml-parses"
    paths = [folder / f"{_cache_key(text, options.model)}.spacy" for text in texts]
    docs = [_load_parse(path, nlp.vocab) for path in paths]
    missing = [i for i, doc in enumerate(docs) if doc is None]
    fresh = parse_texts((texts[i] for i in missing), model=options.model, batch_size=options.batch_size)
    for i, doc in zip(missing, fresh, strict=True):
        docs[i] = doc
        _save_parse(doc, paths[i])
    return [doc for doc in docs if doc is not None]


def _load_parse(path: Path, vocab: Vocab) -> Doc | None:
    """A saved parse, or None when there is none or it cannot be read (then the text is parsed again)."""
    if not path.is_file():
        return None
    try:
        return next(DocBin().from_disk(path).get_docs(vocab), None)
    except (OSError, ValueError):
        return None


def _save_parse(doc: Doc, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=[doc]).to_disk(path)
    except OSError:
        pass  # a read-only cache folder: the next run parses again


def _extract(docs: list[TimeMLDoc], options: Options) -> list[Extraction]:
    """Run spaCy and the times stage over each document's body, its DCT as publication date.

    A document whose DCT is missing or unreadable is dated as ingest dates an
    article without metadata: by the dateline at the opening of its text.
    """
    parsed = parse_cached([doc.text for doc in docs], options=options)
    extractions = []
    for source, parsed_doc in zip(docs, parsed, strict=True):
        dateline = None if source.dct else find_dateline(source.text)
        published_source = "metadata" if source.dct else ("dateline" if dateline else "none")
        article = Article(
            id=hashlib.sha256(source.text.encode("utf-8")).hexdigest(), text=source.text,
            title=source.name, published=source.dct or dateline,
            published_source=published_source, source=source.name,
        )
        draft = Extraction(article=article, sentences=sentences_of(parsed_doc))
        extractions.append(resolve_times(parsed_doc, draft, options))
    return extractions


def _score_doc(doc: TimeMLDoc, times: Sequence[TimeExpr], total: _Tally,
               by_type: dict[str, _Tally], errors: Counter[tuple[str, str, str, str]]) -> None:
    """Add one document's counts to the tallies and its mistakes to the error counter."""
    if doc.annotated_end is not None:
        times = [time for time in times if time.start < doc.annotated_end]
    pairs = match_spans(doc.timexes, times)
    total.gold += len(doc.timexes)
    total.predicted += len(times)
    for gold_timex in doc.timexes:
        by_type[gold_timex.type].gold += 1
    for time in times:
        by_type[time.type].predicted += 1
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    for g, p in pairs:
        gold_timex, time = doc.timexes[g], times[p]
        tally = by_type[gold_timex.type]
        strict = gold_timex.start == time.start and gold_timex.end == time.end
        value_ok = gold_timex.value == time.value
        for counter in (total, tally):
            counter.relaxed += 1
            counter.strict += strict
            counter.value += value_ok
            counter.type += gold_timex.type == time.type
        if not value_ok:
            errors[("value", gold_timex.text.lower(), gold_timex.value, time.value)] += 1
    for g, gold_timex in enumerate(doc.timexes):
        if g not in matched_gold:
            errors[("missed", gold_timex.text.lower(), gold_timex.value, "")] += 1
    for p, time in enumerate(times):
        if p not in matched_pred:
            errors[("spurious", time.text.lower(), "", time.value)] += 1


def _tally_dict(tally: _Tally) -> dict[str, Any]:
    strict = _f1(tally.strict, tally.predicted, tally.gold)
    relaxed = _f1(tally.relaxed, tally.predicted, tally.gold)
    value = _f1(tally.value, tally.predicted, tally.gold)
    return {
        "gold": tally.gold, "predicted": tally.predicted, "strict_f1": strict[2],
        "relaxed_precision": relaxed[0], "relaxed_recall": relaxed[1], "relaxed_f1": relaxed[2],
        "value_f1": value[2],
        "value_accuracy": round(tally.value / tally.relaxed, 4) if tally.relaxed else 0.0,
        "type_accuracy": round(tally.type / tally.relaxed, 4) if tally.relaxed else 0.0,
    }


def evaluate_timeml(paths: Sequence[Path], *, options: Options) -> dict[str, Any]:
    """Extraction and normalisation scores of the times stage over folders of `.tml` files."""
    docs = list(iter_timeml(paths))
    total, by_type = _Tally(), defaultdict(_Tally)
    errors: Counter[tuple[str, str, str, str]] = Counter()
    for doc, extraction in zip(docs, _extract(docs, options), strict=True):
        _score_doc(doc, extraction.times, total, by_type, errors)
    summary = _tally_dict(total)
    strict = _f1(total.strict, total.predicted, total.gold)
    value = _f1(total.value, total.predicted, total.gold)
    return {
        **summary,
        "strict_precision": strict[0], "strict_recall": strict[1],
        "value_precision": value[0], "value_recall": value[1],
        "docs": len(docs),
        "by_type": {name: _tally_dict(tally) for name, tally in sorted(by_type.items())},
        "error_counts": dict(Counter(kind for (kind, *_rest) in errors.elements())),
        "errors": [
            {"kind": kind, "text": text, "gold": gold, "predicted": predicted, "count": count}
            for (kind, text, gold, predicted), count in errors.most_common(WORST_ERRORS)
        ],
    }


def format_timeml(result: dict[str, Any]) -> str:
    """A readable table of a TimeML evaluation: totals, per type, worst errors."""
    lines = [
        f"TimeML evaluation: {result['docs']} documents, {result['gold']} gold, {result['predicted']} predicted",
        "",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict':14}{result['strict_precision']:8.3f}{result['strict_recall']:8.3f}{result['strict_f1']:8.3f}",
        f"{'relaxed':14}{result['relaxed_precision']:8.3f}{result['relaxed_recall']:8.3f}{result['relaxed_f1']:8.3f}",
        f"{'value':14}{result['value_precision']:8.3f}{result['value_recall']:8.3f}{result['value_f1']:8.3f}",
        f"value accuracy {result['value_accuracy']:.3f}   type accuracy {result['type_accuracy']:.3f}",
        "",
        "per type: gold and matches by the gold type, predictions by the predicted type",
        f"{'type':10}{'gold':>6}{'pred':>6}{'relaxed F1':>12}{'value acc':>11}{'value F1':>10}",
    ]
    for name, row in result["by_type"].items():
        lines.append(f"{name:10}{row['gold']:6}{row['predicted']:6}{row['relaxed_f1']:12.3f}"
                     f"{row['value_accuracy']:11.3f}{row['value_f1']:10.3f}")
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(result["error_counts"].items()))
    lines += ["", f"errors: {counts}", f"{'kind':9}{'n':>4}  {'text':32}{'gold':16}predicted"]
    for error in result["errors"]:
        lines.append(f"{error['kind']:9}{error['count']:4}  {error['text'][:31]:32}"
                     f"{error['gold'][:15]:16}{error['predicted']}")
    return "\n".join(lines)
