"""ACLED-layout export of events."""

from __future__ import annotations

import csv
import datetime as dt
import io

from eventdesk.acled import ACLED_COLUMNS, acled_rows, geo_precision, write_acled
from eventdesk.model import Article, Event, Extraction, Place, Sentence

TEXT = "On 2 May 2019, gunmen killed 3 traders in Gao. Police arrested a suspect."


def _extraction() -> Extraction:
    article = Article(id="abc123", text=TEXT, outlet="Studio Tamani", published=dt.date(2019, 5, 3))
    place = Place(article_id="abc123", start=43, end=46, text="Gao", sentence=0, geonameid=2457163,
                  name="Gao", latitude=16.27, longitude=-0.04, country="Mali", admin1="Gao", precision=1)
    killing = Event(article_id="abc123", index=0, event_type="Violence against civilians",
                    sub_event_type="Attack", sentences=(0,), trigger_start=22, trigger_end=28,
                    actor1="Unidentified Armed Group (Mali)", actor2="Civilians (Mali)", place_index=0,
                    date=dt.date(2019, 5, 2), date_precision="day", fatalities=3, confidence=0.9,
                    summary="On 2 May 2019, gunmen killed 3 traders in Gao.")
    arrest = Event(article_id="abc123", index=1, event_type="Strategic developments", sub_event_type="Arrests",
                   sentences=(1,), trigger_start=54, trigger_end=62, actor1="Police Forces of Mali",
                   date=dt.date(2019, 5, 2), date_precision="month", confidence=0.6)
    return Extraction(article=article, sentences=(Sentence(0, 0, 46), Sentence(1, 47, len(TEXT))),
                      places=(place,), events=(killing, arrest))


def test_acled_rows_fill_acled_columns() -> None:
    first, second = acled_rows([_extraction()])
    assert set(first) == set(ACLED_COLUMNS)
    assert first["event_date"] == "2019-05-02" and first["time_precision"] == 1
    assert (first["event_type"], first["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (first["country"], first["admin1"], first["location"]) == ("Mali", "Gao", "Gao")
    assert (first["latitude"], first["longitude"], first["geo_precision"]) == (16.27, -0.04, 1)
    assert (first["source"], first["fatalities"]) == ("Studio Tamani", 3)
    assert str(first["event_id_cnty"]).startswith("MLI")
    assert second["location"] == "" and second["fatalities"] == 0 and second["time_precision"] == 3


def test_acled_rows_ids_are_stable_and_distinct() -> None:
    ids = [row["event_id_cnty"] for row in acled_rows([_extraction()])]
    assert ids == [row["event_id_cnty"] for row in acled_rows([_extraction()])]
    assert len(set(ids)) == 2


def test_write_acled_writes_a_header_and_one_line_per_event() -> None:
    out = io.StringIO()
    assert write_acled([_extraction()], out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert rows[0]["actor1"] == "Unidentified Armed Group (Mali)"


def test_geo_precision_maps_place_precision_onto_acleds_three_levels() -> None:
    def place(precision: int) -> Place:
        return Place("a", 0, 1, "x", 0, geonameid=1, precision=precision)
    assert [geo_precision(place(p)) for p in (1, 2, 4, 6)] == [1, 2, 3, 3]
    assert geo_precision(None) == ""
