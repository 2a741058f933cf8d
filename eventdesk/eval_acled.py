"""`eventdesk eval acled`: run eventdesk over ACLED notes and compare with the coded rows.

Each row's `notes` is read as a one-paragraph report dated by its
`event_date`; the article's main event (the most confident one) is compared
with the row: fatalities, event type and sub-type (older type names mapped
onto the current ones, see `OLD_TYPES`), actors, location and date.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.errors import EvalDataError
from eventdesk.model import Article, Event, Extraction
from eventdesk.pipeline import extract_articles
from eventdesk.settings import Options

# Pre-2019 ACLED type names -> (current event_type, sub_event_type or "" when the old name has none).
OLD_TYPES: dict[str, tuple[str, str]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", ""),
    "violence against civilians": ("Violence against civilians", ""),
    "riots/protests": ("Protests|Riots", ""),
    "strategic development": ("Strategic developments", ""),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "non-violent activity by a conflict actor": ("Strategic developments", ""),
}
REQUIRED = ("event_date", "event_type", "notes", "fatalities")
_DATE_FORMATS = ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y", "%B %d, %Y")
_RADIUS_KM = 6371.0
_NEAR_KM = 25.0


@dataclass(frozen=True)
class GoldRow:
    """One coded ACLED row, normalised for comparison."""

    number: int
    date: dt.date | None
    event_type: str  # may be "Protests|Riots" for the old joint type
    sub_event_type: str
    actor1: str
    actor2: str
    latitude: float | None
    longitude: float | None
    fatalities: int
    notes: str
    mapped_from: str = ""


def parse_acled_date(text: str) -> dt.date | None:
    """ACLED's dates: '27 March 2016', '2016-03-27', '27-March-2016', ..."""
    text = text.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _gold(number: int, row: dict[str, str]) -> GoldRow:
    event_type = row.get("event_type", "").strip()
    sub = row.get("sub_event_type", "").strip()
    mapped_from = ""
    # "Violence against civilians" is also a current name: only a row without a sub-type is of the old kind
    old = OLD_TYPES.get(event_type.lower())
    if old is not None and (old[0] != event_type or not sub):
        mapped_from = event_type
        event_type, sub = old[0], sub or old[1]
    fatalities = _float(row.get("fatalities", "0") or "0")
    return GoldRow(number, parse_acled_date(row.get("event_date", "")), event_type, sub,
                   row.get("actor1", "").strip(), row.get("actor2", "").strip(),
                   _float(row.get("latitude", "")), _float(row.get("longitude", "")),
                   int(fatalities or 0), row.get("notes", "").strip(), mapped_from)


def read_acled(csv_path: Path, *, limit: int | None = None) -> list[GoldRow]:
    """Read an ACLED export (CSV, comma or semicolon separated); raises EvalDataError."""
    try:
        text = csv_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise EvalDataError(f"{csv_path}: cannot read the ACLED export: {error}") from error
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    fields = {f.strip().lower() for f in reader.fieldnames or ()}
    missing = [c for c in REQUIRED if c not in fields]
    if missing:
        raise EvalDataError(f"{csv_path}: not an ACLED export: missing columns {', '.join(missing)}; "
                            f"export it from ACLED with at least {', '.join(REQUIRED)}")
    rows: list[GoldRow] = []
    for number, raw in enumerate(reader, start=1):
        row = {k.strip().lower(): (v or "") for k, v in raw.items() if k}
        if row.get("notes", "").strip():
            rows.append(_gold(number, row))
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _article(csv_path: Path, gold: GoldRow) -> Article:
    digest = hashlib.sha256(f"{gold.number}:{gold.notes}".encode()).hexdigest()
    return Article(id=digest, text=gold.notes, published=gold.date,
                   published_source="metadata" if gold.date else "none",
                   source=f"{csv_path}:{gold.number}", kind="text")


def main_event(extraction: Extraction | None) -> Event | None:
    """The article's main event: the most confident, the earliest on ties."""
    if extraction is None or not extraction.events:
        return None
    return max(extraction.events, key=lambda e: (e.confidence, -e.index))


_ACRONYM_PREFIX = re.compile(r"^[A-Z][A-Za-z0-9/.\-]*[A-Z0-9]: ")  # "JNIM: Group for ..."
_ACRONYM_SUFFIX = re.compile(r" \([A-Z][A-Z0-9/.\-]+\)$")  # "... Province (ISWAP)"


def actor_key(name: str) -> str:
    """An actor name as compared: without its government era, its acronym or a leading 'the'.

    'Military Forces of Syria (2000-)' -> 'military forces of syria'; ACLED writes one group
    'BLA: Balochistan Liberation Army' in one export and 'Balochistan Liberation Army' in
    another, and 'Islamic State West Africa Province (ISWAP)' beside the plain name.
    """
    words = _ACRONYM_SUFFIX.sub("", _ACRONYM_PREFIX.sub("", name.strip()))
    words = words.lower()
    if words.endswith(")") and "(" in words:
        inside = words[words.rindex("(") + 1:-1]
        if any(ch.isdigit() for ch in inside):
            words = words[:words.rindex("(")].strip()
    return " ".join(words.replace(" of the ", " of ").split())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Comparison:
    """One row's outcome."""

    gold: GoldRow
    event_type: str
    sub_event_type: str
    fatalities: int
    actor1: str
    actor2: str
    distance: float | None  # km from the coded location; None when either side has no coordinates
    date: dt.date | None
    error: str = ""


def _type_ok(gold: str, predicted: str) -> bool:
    return predicted in gold.split("|") if "|" in gold else predicted == gold


def compare_row(gold: GoldRow, extraction: Extraction | None, error: str = "") -> Comparison:
    """Compare the main event of one row's extraction with the coded row."""
    event = main_event(extraction)
    if event is None or extraction is None:
        return Comparison(gold, "", "", 0, "", "", None, None, error)
    distance = None
    if event.place_index is not None and gold.latitude is not None and gold.longitude is not None:
        place = extraction.places[event.place_index]
        if place.latitude is not None and place.longitude is not None:
            distance = distance_km(place.latitude, place.longitude, gold.latitude, gold.longitude)
    return Comparison(gold, event.event_type, event.sub_event_type, event.fatalities or 0,
                      event.actor1, event.actor2, distance, event.date, error)


def _compare_all(csv_path: Path, rows: list[GoldRow], options: Options) -> Iterator[Comparison]:
    articles = [_article(csv_path, row) for row in rows]
    for gold, outcome in zip(rows, extract_articles(articles, options), strict=True):
        yield compare_row(gold, outcome.extraction, str(outcome.error or ""))


def _share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def _within_10pct(c: Comparison) -> bool:
    return abs(c.fatalities - c.gold.fatalities) <= 0.1 * c.gold.fatalities


def _confusion(pairs: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    matrix: dict[str, dict[str, int]] = defaultdict(dict)
    for gold, predicted in pairs:
        matrix[gold][predicted or "(none)"] = matrix[gold].get(predicted or "(none)", 0) + 1
    return {gold: dict(sorted(row.items())) for gold, row in sorted(matrix.items())}


def summarise(comparisons: list[Comparison]) -> dict[str, Any]:
    """The evaluation figures over a list of row comparisons."""
    n = len(comparisons)
    nonzero = [c for c in comparisons if c.gold.fatalities > 0]
    with_sub = [c for c in comparisons if c.gold.sub_event_type]
    located = [c for c in comparisons if c.gold.latitude is not None]
    dated = [c for c in comparisons if c.gold.date is not None]
    with_actor2 = [c for c in comparisons if c.gold.actor2]
    mapped = Counter(f"{c.gold.mapped_from} -> {c.gold.event_type}" for c in comparisons if c.gold.mapped_from)
    return {
        "rows": n,
        "fatalities_exact": _share(sum(c.fatalities == c.gold.fatalities for c in comparisons), n),
        "fatalities_exact_nonzero": _share(sum(c.fatalities == c.gold.fatalities for c in nonzero), len(nonzero)),
        "fatalities_within_1": _share(sum(abs(c.fatalities - c.gold.fatalities) <= 1 for c in comparisons), n),
        "fatalities_within_10pct": _share(sum(_within_10pct(c) for c in comparisons), n),
        "event_type_accuracy": _share(sum(_type_ok(c.gold.event_type, c.event_type) for c in comparisons), n),
        "sub_event_type_accuracy": _share(sum(c.sub_event_type == c.gold.sub_event_type for c in with_sub),
                                          len(with_sub)),
        "actor1_match": _share(sum(actor_key(c.actor1) == actor_key(c.gold.actor1) for c in comparisons), n),
        "actor2_match": _share(sum(actor_key(c.actor2) == actor_key(c.gold.actor2) for c in with_actor2),
                               len(with_actor2)),
        "location_25km": _share(sum(c.distance is not None and c.distance <= _NEAR_KM for c in located),
                                len(located)),
        "date_exact": _share(sum(c.date == c.gold.date for c in dated), len(dated)),
        "rows_nonzero": len(nonzero),
        "errors": sum(bool(c.error) for c in comparisons),
        "type_mapping": dict(sorted(mapped.items())),
        "event_type_confusion": _confusion([(c.gold.event_type, c.event_type) for c in comparisons]),
        "sub_event_type_confusion": _confusion([(c.gold.sub_event_type, c.sub_event_type) for c in with_sub]),
    }


def evaluate_acled(csv_path: Path, *, options: Options, limit: int | None = None) -> dict[str, Any]:
    """Run eventdesk over an ACLED export's notes and score it against the coded rows."""
    rows = read_acled(csv_path, limit=limit)
    if not rows:
        raise EvalDataError(f"{csv_path}: no rows with notes; check that this is an ACLED export")
    return summarise(list(_compare_all(csv_path, rows, options)))


_HEADLINE_KEYS = (
    "fatalities_exact", "fatalities_exact_nonzero", "fatalities_within_1", "fatalities_within_10pct",
    "event_type_accuracy", "sub_event_type_accuracy", "actor1_match", "actor2_match", "location_25km",
    "date_exact",
)


def _matrix_lines(title: str, matrix: dict[str, dict[str, int]]) -> list[str]:
    lines = [f"{title} (gold -> predicted: count)"]
    for gold, row in matrix.items():
        cells = ", ".join(f"{pred}: {count}" for pred, count in sorted(row.items(), key=lambda kv: -kv[1]))
        lines.append(f"  {gold or '(none)'} -> {cells}")
    return lines


def format_acled(result: dict[str, Any]) -> str:
    """A readable table of an ACLED evaluation, with confusion matrices and the type mapping used."""
    lines = [f"ACLED evaluation over {result['rows']} rows ({result['rows_nonzero']} with fatalities, "
             f"{result['errors']} errors)", ""]
    width = max(len(k) for k in _HEADLINE_KEYS)
    lines += [f"  {key:<{width}}  {result[key]:.3f}" for key in _HEADLINE_KEYS]
    if result["type_mapping"]:
        lines += ["", "Older type names mapped:"]
        lines += [f"  {mapping}: {count}" for mapping, count in result["type_mapping"].items()]
    lines += [""] + _matrix_lines("event_type", result["event_type_confusion"])
    lines += [""] + _matrix_lines("sub_event_type", result["sub_event_type_confusion"])
    return "\n".join(lines)
