"""Exports of the store: ACLED-style CSV, GeoJSON and Parquet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventdesk.api import load_extractions
from eventdesk.settings import Options
from eventdesk.store import Store


def write_acled(out: Path, *, options: Options) -> int:
    """Write stored events in ACLED's column layout; returns the number of rows."""
    from eventdesk.acled import write_acled as write_acled_csv

    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        return write_acled_csv(load_extractions(options=options), handle)


def geojson_features(*, options: Options) -> list[dict[str, Any]]:
    """Events (at their place) and resolved places, as GeoJSON features."""
    features = []
    for x in load_extractions(options=options):
        for event in x.events:
            place = x.places[event.place_index] if event.place_index is not None else None
            if place is None or place.latitude is None:
                continue
            features.append(_feature(place.longitude, place.latitude, {
                "kind": "event", "article_id": x.article.id, "event_type": event.event_type,
                "sub_event_type": event.sub_event_type, "actor1": event.actor1, "actor2": event.actor2,
                "date": event.date.isoformat() if event.date else None,
                "date_precision": event.date_precision, "fatalities": event.fatalities,
                "location": place.name, "geo_precision": place.precision, "source": x.article.outlet}))
        for place in x.places:
            if place.latitude is not None:
                features.append(_feature(place.longitude, place.latitude, {
                    "kind": "place", "article_id": x.article.id, "name": place.name,
                    "mention": place.text, "geonameid": place.geonameid, "country": place.country,
                    "admin1": place.admin1, "precision": place.precision}))
    return features


def _feature(lon: float | None, lat: float | None, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties}


def write_geojson(out: Path, *, options: Options) -> int:
    """Write events and places as a FeatureCollection; returns the feature count."""
    features = geojson_features(options=options)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}, indent=1),
                   encoding="utf-8")
    return len(features)


def write_parquet(out: Path, *, options: Options) -> list[Path]:
    """Write each store table to OUT/<table>.parquet."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with Store(options.db, read_only=True) as store:
        _, tables = store.query("SELECT table_name FROM information_schema.tables ORDER BY 1")
        for (table,) in tables:
            path = out / f"{table}.parquet"
            store.con.execute(f"COPY {table} TO '{path.as_posix()}' (FORMAT PARQUET)")
            written.append(path)
    return written
