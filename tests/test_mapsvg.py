"""Tests for the offline SVG map."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from eventdesk.mapsvg import country_at, fit_view, nice_distance, point_in_ring, render_map_svg
from eventdesk.model import Place

SVG = "{http://www.w3.org/2000/svg}"


def _place(name: str, lat: float, lon: float, country_code: str = "SY") -> Place:
    return Place(article_id="a", start=0, end=len(name), text=name, sentence=0, geonameid=1,
                 name=name, latitude=lat, longitude=lon, country_code=country_code, precision=1)


PALMYRA = _place("Palmyra", 34.56, 38.28)
DAMASCUS = _place("Damascus", 33.51, 36.29)


def _svg_rings(d: str) -> list[list[tuple[float, float]]]:
    rings = []
    for part in d.split("M")[1:]:
        points = part.rstrip("Z").split("L")
        rings.append([tuple(float(v) for v in p.split(",")) for p in points])
    return rings


def _dot(root: ET.Element, name: str) -> tuple[float, float]:
    for group in root.iter(f"{SVG}g"):
        if group.get("data-name") == name:
            circle = group.find(f"{SVG}circle")
            assert circle is not None
            return float(circle.get("cx", "nan")), float(circle.get("cy", "nan"))
    raise AssertionError(f"no dot for {name}")


def test_render_map_svg_palmyra_inside_drawn_syria() -> None:
    root = ET.fromstring(render_map_svg([PALMYRA, DAMASCUS], title="Palmyra"))
    syria = [p for p in root.iter(f"{SVG}path") if p.get("data-iso") == "SYR"]
    assert len(syria) == 1
    x, y = _dot(root, "Palmyra")
    assert 0 < x < 640 and 0 < y < 400
    assert sum(point_in_ring(x, y, ring) for ring in _svg_rings(syria[0].get("d", ""))) % 2 == 1
    jordan = next(p for p in root.iter(f"{SVG}path") if p.get("data-iso") == "JOR")
    assert sum(point_in_ring(x, y, ring) for ring in _svg_rings(jordan.get("d", ""))) % 2 == 0


def test_render_map_svg_has_no_external_references() -> None:
    svg = render_map_svg([PALMYRA], title="Palmyra")
    without_namespace = svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"https?:|//|href|url\(|@import|@font-face|<image|<script", without_namespace)


def test_render_map_svg_escapes_names() -> None:
    evil = _place('<script>alert("x")</script> & Co', 34.0, 38.0)
    svg = render_map_svg([evil], title="<b>title</b>")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    ET.fromstring(svg)  # still well-formed XML


def test_render_map_svg_without_located_places_still_draws() -> None:
    unresolved = Place(article_id="a", start=0, end=5, text="Nowhere", sentence=0)
    svg = render_map_svg([unresolved])
    root = ET.fromstring(svg)
    assert "No place could be located" in svg
    assert len(list(root.iter(f"{SVG}path"))) > 100


def test_render_map_svg_has_scale_bar_and_size() -> None:
    svg = render_map_svg([PALMYRA], width=500, height=300)
    root = ET.fromstring(svg)
    assert root.get("width") == "500" and root.get("height") == "300"
    assert re.search(r'class="scale-bar".*?>([\d,]+) km<', svg, re.S)


def test_fit_view_keeps_aspect_and_contains_points() -> None:
    view = fit_view([(38.28, 34.56), (36.29, 33.51)], width=640, height=400)
    for lon, lat in [(38.28, 34.56), (36.29, 33.51)]:
        x, y = view.project(lon, lat)
        assert 0.1 * 640 < x < 0.9 * 640 and 0.1 * 400 < y < 0.9 * 400


@pytest.mark.parametrize(("lat", "lon", "iso"), [
    (34.56, 38.28, "SYR"), (48.85, 2.35, "FRA"), (-33.9, 18.4, "ZAF"), (-29.3, 27.5, "LSO"),
])
def test_country_at_finds_country(lat: float, lon: float, iso: str) -> None:
    country = country_at(lat, lon)
    assert country is not None and country.iso_a3 == iso


@pytest.mark.parametrize(("km", "expected"), [(730.0, 500.0), (0.3, 0.2), (100.0, 100.0), (1999.0, 1000.0)])
def test_nice_distance_rounds_down(km: float, expected: float) -> None:
    assert nice_distance(km) == pytest.approx(expected)


def test_render_map_svg_focuses_on_story_and_lists_far_places() -> None:
    geneva = _place("Geneva", 46.2, 6.14, "CH")
    places = [PALMYRA, PALMYRA, PALMYRA, DAMASCUS, geneva]
    root = ET.fromstring(render_map_svg(places))
    x, y = _dot(root, "Palmyra")
    assert 0 < x < 640 and 0 < y < 400
    assert not [g for g in root.iter(f"{SVG}g") if g.get("data-name") == "Geneva"]
    assert any("Geneva" in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_render_map_svg_countries_are_outlines_not_dots() -> None:
    syria = Place("a", 0, 5, "Syria", 0, geonameid=163843, name="Syria", latitude=35.0, longitude=38.0,
                  feature_class="A", feature_code="PCLI", country_code="SY", precision=6)
    root = ET.fromstring(render_map_svg([syria]))
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") == "place"]
    drawn = next(p for p in root.iter(f"{SVG}path") if p.get("data-iso") == "SYR")
    assert drawn.get("fill") == "#f3e3c3"  # the story's country stands out


def test_render_map_svg_labels_as_reports_name_it() -> None:
    tadmur = [Place("a", 0, 7, "Palmyra", 0, geonameid=170592, name="Tadmur", latitude=34.56,
                    longitude=38.28, country_code="SY", precision=1)] * 3
    root = ET.fromstring(render_map_svg(tadmur))
    _dot(root, "Palmyra")


def test_render_map_svg_seeds_show_palmyra_in_central_syria(seeds_dir: Path) -> None:
    from tests.conftest import extract_text  # the pipeline is heavy: import only when the seeds exist

    places = [p for path in sorted(seeds_dir.glob("*.txt"))
              for p in extract_text(path.read_text(encoding="utf-8"), published=dt.date(2016, 3, 27)).places]
    if not any(p.latitude is not None for p in places):
        pytest.xfail("the places stage (eventdesk.places) resolves no coordinates yet")
    root = ET.fromstring(render_map_svg(places, title="Palmyra"))
    x, y = _dot(root, "Palmyra")
    syria = next(p for p in root.iter(f"{SVG}path") if p.get("data-iso") == "SYR")
    assert sum(point_in_ring(x, y, ring) for ring in _svg_rings(syria.get("d", ""))) % 2 == 1
    assert 0.2 * 640 < x < 0.8 * 640 and 0.2 * 376 < y < 0.8 * 376  # central on the map


def test_render_map_svg_labels_a_dateline_in_capitals_as_names_are_written() -> None:
    root = ET.fromstring(render_map_svg([_place("BEIRUT", 33.89, 35.50, "LB"), PALMYRA], title="x"))
    names = {g.get("data-name") for g in root.iter(f"{SVG}g") if g.get("data-name")}
    assert "Beirut" in names and "BEIRUT" not in names
