"""Evaluate geoparsing on GeoWebNews (GWN.xml) and LGL-format (lgl.xml) corpora.

(a) Gold spans: each gold toponym with coordinates is resolved by the places
resolver with the rest of the article as context; accuracy within 161 km,
median and mean error, and the area under the log-error curve (Gritta et al.,
lower is better). (b) End to end: the whole pipeline runs over the text and
its places are matched to gold spans by overlap; span precision, recall and F1,
and accuracy within 161 km on the matched spans. Gold spans without
coordinates (GeoWebNews' non-locational and expression types) are neither
required nor counted against a prediction that overlaps them.
"""

from __future__ import annotations

import hashlib
import math
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.errors import EvalDataError
from eventdesk.gazetteer import load_gazetteer
from eventdesk.model import Article, Place
from eventdesk.pipeline import extract_articles
from eventdesk.places import demonym_country, is_region_adjective, resolve_toponyms, toponym_at
from eventdesk.settings import Options

EARTH_RADIUS_KM = 6371.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error
ACCURATE_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    """One annotated toponym; coordinates are None where it names no one place."""

    start: int
    end: int
    text: str
    kind: str
    latitude: float | None = None
    longitude: float | None = None

    @property
    def located(self) -> bool:
        """Whether the annotation gives coordinates."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class GoldDocument:
    """An annotated article."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _gwn_toponym(node: ET.Element) -> GoldToponym:
    return GoldToponym(int(node.findtext("start", "0")), int(node.findtext("end", "0")),
                       node.findtext("extractedName", ""), node.findtext("type", ""),
                       _float(node.findtext("latitude")), _float(node.findtext("longitude")))


def _lgl_toponym(node: ET.Element) -> GoldToponym:
    gaz = node.find("gaztag")
    kind = gaz.findtext("fcode", "") if gaz is not None else ""
    lat = _float(gaz.findtext("lat")) if gaz is not None else None
    lon = _float(gaz.findtext("lon")) if gaz is not None else None
    return GoldToponym(int(node.findtext("start", "0")), int(node.findtext("end", "0")),
                       node.findtext("phrase", ""), kind, lat, lon)


def read_geo_corpus(path: Path) -> list[GoldDocument]:
    """Articles of a GWN.xml or lgl.xml file; the format is detected from its tags."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise EvalDataError(f"{path}: cannot read the geoparsing corpus: {error}; "
                            f"pass GWN.xml (GeoWebNews) or lgl.xml (LGL)") from error
    documents = []
    for number, article in enumerate(root.iter("article")):
        nodes = article.findall("./toponyms/toponym")
        is_lgl = any(n.find("gaztag") is not None or n.find("phrase") is not None for n in nodes)
        read = _lgl_toponym if is_lgl else _gwn_toponym
        doc_id = article.get("docid") or article.get("file") or str(number)
        documents.append(GoldDocument(doc_id, article.findtext("text", ""),
                                      tuple(read(n) for n in nodes)))
    if not documents:
        raise EvalDataError(f"{path}: no <article> elements; expected GeoWebNews or LGL XML")
    return documents


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def error_summary(errors: Sequence[float]) -> dict[str, float | int]:
    """acc@161, median and mean error, and AUC of the log-error curve."""
    if not errors:
        return {"acc161": 0.0, "median_km": 0.0, "mean_km": 0.0, "auc": 0.0, "n": 0}
    logs = sorted(math.log(1 + e) for e in errors)
    if len(logs) == 1:
        area = logs[0]
    else:
        area = sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / (len(logs) - 1)
    return {
        "acc161": round(sum(e <= ACCURATE_KM for e in errors) / len(errors), 4),
        "median_km": round(statistics.median(errors), 1),
        "mean_km": round(statistics.fmean(errors), 1),
        "auc": round(area / math.log(MAX_ERROR_KM), 4),
        "n": len(errors),
    }


def _gold_span_errors(documents: Sequence[GoldDocument], options: Options
                      ) -> tuple[list[float], dict[str, list[float]]]:
    gazetteer = load_gazetteer(options)
    errors: list[float] = []
    by_kind: dict[str, list[float]] = defaultdict(list)
    for document in documents:
        gold = [g for g in document.toponyms if g.located and g.end > g.start]
        toponyms = [toponym_at(document.text, g.start, g.end) for g in gold]
        kept = [(g, t) for g, t in zip(gold, toponyms, strict=True) if t is not None]
        resolutions = resolve_toponyms([t for _, t in kept], gazetteer, document.text)
        for (g, _), resolution in zip(kept, resolutions, strict=True):
            entry = resolution.entry
            error = (distance_km(entry.latitude, entry.longitude, g.latitude, g.longitude)
                     if entry else MAX_ERROR_KM)
            errors.append(error)
            by_kind[g.kind or "?"].append(error)
    return errors, by_kind


def _overlaps(place: Place, gold: GoldToponym) -> bool:
    return place.start < gold.end and gold.start < place.end


def _end_to_end(documents: Sequence[GoldDocument], options: Options) -> dict[str, float | int]:
    articles = [Article(id=hashlib.sha256(f"{d.id}\n{d.text}".encode()).hexdigest(), text=d.text,
                        source=f"geo:{d.id}") for d in documents]
    tp = fp = fn = adjectives_missed = adjectives = 0
    errors: list[float] = []
    for document, outcome in zip(documents, extract_articles(articles, options), strict=True):
        places = outcome.extraction.places if outcome.extraction else ()
        located = [g for g in document.toponyms if g.located]
        matched: set[int] = set()
        for place in places:
            hits = [i for i, g in enumerate(located) if _overlaps(place, g)]
            if hits:
                tp += hits[0] not in matched
                matched.add(hits[0])
                gold = located[hits[0]]
                errors.append(MAX_ERROR_KM if place.latitude is None else distance_km(
                    place.latitude, place.longitude, gold.latitude, gold.longitude))
            elif not any(_overlaps(place, g) for g in document.toponyms):
                fp += 1
        fn += len(located) - len(matched)
        # Demonyms and adjectives ("Russian", "European") are context, not places, by design.
        adjective = [i for i, g in enumerate(located) if _is_adjective(g.text)]
        adjectives += len(adjective)
        adjectives_missed += sum(i not in matched for i in adjective)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    nouns = tp + fn - adjectives
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "acc161": error_summary(errors)["acc161"], "n": tp + fn,
            "recall_of_names": round((nouns - (fn - adjectives_missed)) / nouns, 4) if nouns else 0.0,
            "adjectives": adjectives}


def _is_adjective(text: str) -> bool:
    return bool(demonym_country(text)) or is_region_adjective(text)


def evaluate_geo(path: Path, *, options: Options, limit: int | None = None,
                 end_to_end: bool = True) -> dict[str, Any]:
    """Geocoding with gold spans and end-to-end geoparsing scores for one corpus."""
    documents = read_geo_corpus(Path(path))[:limit]
    errors, by_kind = _gold_span_errors(documents, options)
    result: dict[str, Any] = {
        "corpus": Path(path).name,
        "documents": len(documents),
        "gold_spans": error_summary(errors),
        "by_kind": {kind: error_summary(errs) for kind, errs in sorted(by_kind.items())},
    }
    result["end_to_end"] = (_end_to_end(documents, options) if end_to_end else
                            {"precision": 0.0, "recall": 0.0, "f1": 0.0, "acc161": 0.0, "n": 0})
    return result


def format_geo(result: dict[str, Any]) -> str:
    """A readable table of an evaluate_geo result, with a breakdown by toponym kind."""
    gold, e2e = result["gold_spans"], result["end_to_end"]
    lines = [
        f"{result.get('corpus', 'corpus')}: {result.get('documents', '?')} documents",
        "gold spans   acc@161  median km  mean km    AUC      n",
        f"             {gold['acc161']:7.3f}  {gold['median_km']:9.1f}  {gold['mean_km']:7.1f}"
        f"  {gold['auc']:6.3f}  {gold['n']:5d}",
        "end to end   precision  recall     F1  acc@161      n",
        f"             {e2e['precision']:9.3f}  {e2e['recall']:6.3f}  {e2e['f1']:5.3f}"
        f"  {e2e['acc161']:7.3f}  {e2e['n']:5d}",
        f"             recall of names, demonyms and adjectives aside: {e2e.get('recall_of_names', 0.0):.3f}"
        f" ({e2e.get('adjectives', 0)} adjectives in gold)",
        "by kind (gold spans)      acc@161      n",
    ]
    kinds = sorted(result.get("by_kind", {}).items(), key=lambda kv: -kv[1]["n"])
    lines += [f"  {kind:22} {s['acc161']:8.3f}  {s['n']:5d}" for kind, s in kinds]
    return "\n".join(lines)
