"""Events in ACLED's column layout, for `eventdesk export acled`."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from typing import TextIO

from eventdesk.actors import iso3_of
from eventdesk.model import Event, Extraction, Place

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)
# ACLED's time_precision: 1 the day, 2 within a week or weekend, 3 within a month (or coarser).
_TIME_PRECISION = {"second": 1, "minute": 1, "hour": 1, "day": 1, "week": 2, "weekend": 2}


def time_precision(event: Event) -> int | str:
    """ACLED's time precision code for an event's date ('' when undated)."""
    if event.date is None:
        return ""
    return _TIME_PRECISION.get(event.date_precision, 3)


def geo_precision(place: Place | None) -> int | str:
    """ACLED's geo precision (1 the town, 2 near it or part of a region, 3 a larger region)."""
    if place is None or not place.resolved:
        return ""
    return min(max(place.precision, 1), 3)


def event_id(extraction: Extraction, event: Event, country: str) -> str:
    """A stable ACLED-like id: ISO3 code and a number drawn from the article and event."""
    digest = hashlib.sha1(f"{extraction.article.id}:{event.index}".encode()).hexdigest()
    return f"{iso3_of(country) or 'XXX'}{int(digest[:10], 16) % 1_000_000:06d}"


def acled_row(extraction: Extraction, event: Event) -> dict[str, object]:
    """One event as one ACLED row."""
    place = extraction.places[event.place_index] if event.place_index is not None else None
    country = place.country if place is not None else ""
    return {
        "event_id_cnty": event_id(extraction, event, country),
        "event_date": event.date.isoformat() if event.date else "",
        "year": event.date.year if event.date else "",
        "time_precision": time_precision(event),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1, "assoc_actor_1": event.assoc_actor_1,
        "actor2": event.actor2, "assoc_actor_2": event.assoc_actor_2,
        "country": country, "admin1": place.admin1 if place else "",
        "location": (place.name or place.text) if place else "",
        "latitude": place.latitude if place and place.latitude is not None else "",
        "longitude": place.longitude if place and place.longitude is not None else "",
        "geo_precision": geo_precision(place),
        "source": extraction.article.outlet, "notes": event.summary,
        "fatalities": event.fatalities or 0,
    }


def acled_rows(extractions: Iterable[Extraction]) -> list[dict[str, object]]:
    """Every event of every extraction as ACLED rows, in article then event order."""
    return [acled_row(extraction, event) for extraction in extractions for event in extraction.events]


def write_acled(extractions: Iterable[Extraction], out: TextIO) -> int:
    """Write ACLED rows as CSV with a header; returns the number of rows."""
    rows = acled_rows(extractions)
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
