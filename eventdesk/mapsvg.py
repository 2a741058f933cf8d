"""An offline map of a story's places: country outlines and place dots as SVG.

Country boundaries come from Natural Earth's 1:110m admin-0 layer, packaged in
`eventdesk/data/map_countries.geojson` (public domain; see its SOURCE note).
The view fits the places' bounding box with a margin and never narrower than a
few degrees, so a single town still shows its country. The projection is
equirectangular with its standard parallel at the view's middle latitude. The
SVG references nothing outside itself: no URLs, no web fonts, no images.
"""

from __future__ import annotations

import html
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventdesk.linking import place_case
from eventdesk.model import Place

FOCUS_KM = 1200.0  # places farther than this from the story's centre are listed, not drawn
MIN_SPAN_DEG = 6.0  # narrowest view: a town alone still shows its region
MARGIN = 0.25  # share of the places' extent added on each side
KM_PER_DEG = 111.32
WORLD = (-180.0, -60.0, 180.0, 85.0)

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    """One country's outline: polygons of rings in (lon, lat)."""

    name: str
    iso_a2: str
    iso_a3: str
    polygons: tuple[tuple[Ring, ...], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class View:
    """The map window in degrees and its scale on the page."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @property
    def x_scale(self) -> float:
        """Pixels per degree of longitude."""
        return self.width / (self.east - self.west)

    @property
    def y_scale(self) -> float:
        """Pixels per degree of latitude."""
        return self.height / (self.north - self.south)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Page coordinates of a point."""
        return (lon - self.west) * self.x_scale, (self.north - lat) * self.y_scale


def _bbox(polygons: Iterable[Iterable[Ring]]) -> tuple[float, float, float, float]:
    points = [point for polygon in polygons for ring in polygon for point in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


@lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    """The packaged country outlines."""
    raw = resources.files("eventdesk.data").joinpath("map_countries.geojson").read_text("utf-8")
    countries = []
    for feature in json.loads(raw)["features"]:
        polygons = tuple(
            tuple([(float(x), float(y)) for x, y in ring] for ring in polygon)
            for polygon in feature["geometry"]["coordinates"]
        )
        props = feature["properties"]
        countries.append(Country(name=props["name"], iso_a2=props.get("iso_a2", ""),
                                 iso_a3=props.get("iso_a3", ""), polygons=polygons,
                                 bbox=_bbox(polygons)))
    return tuple(countries)


def point_in_ring(x: float, y: float, ring: Sequence[tuple[float, float]]) -> bool:
    """Even-odd test of a point against one closed ring."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def country_at(latitude: float, longitude: float) -> Country | None:
    """The packaged country whose outline holds a point, if any."""
    for country in load_countries():
        west, south, east, north = country.bbox
        if not (west <= longitude <= east and south <= latitude <= north):
            continue
        for polygon in country.polygons:
            inside = sum(point_in_ring(longitude, latitude, ring) for ring in polygon)
            if inside % 2 == 1:
                return country
    return None


@dataclass(frozen=True)
class Dot:
    """One location on the map: where, what the reports call it, and how often."""

    longitude: float
    latitude: float
    label: str
    mentions: int
    country_code: str


def _is_point(place: Place) -> bool:
    """Towns, sites and provinces get a dot; countries and seas are shown by their outline."""
    if place.latitude is None or place.longitude is None:
        return False
    return not place.feature_code.startswith("PCL") and place.precision not in (6, 7)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_dots(places: Sequence[Place]) -> list[Dot]:
    """One dot per location, labelled as the reports most often name it (a dateline's capitals
    as names are written), most mentioned first."""
    groups: dict[tuple[float, float], list[Place]] = {}
    for place in places:
        if _is_point(place):
            key = (round(place.longitude, 2), round(place.latitude, 2))  # type: ignore[arg-type]
            groups.setdefault(key, []).append(place)
    dots = []
    for (lon, lat), group in groups.items():
        names = Counter(place_case(p.text) for p in group)
        label = max(names, key=lambda n: (names[n], -len(n)))
        dots.append(Dot(lon, lat, label, len(group), group[0].country_code))
    return sorted(dots, key=lambda d: -d.mentions)


def focus(dots: Sequence[Dot], *, radius_km: float = FOCUS_KM) -> tuple[list[Dot], list[Dot]]:
    """The dots near the most-mentioned one, and the far-off rest (mentioned in passing)."""
    if not dots:
        return [], []
    anchor = (dots[0].longitude, dots[0].latitude)
    near = [d for d in dots if distance_km(anchor, (d.longitude, d.latitude)) <= radius_km]
    return near, [d for d in dots if d not in near]


def fit_view(points: Sequence[tuple[float, float]], *, width: float, height: float) -> View:
    """A window around (lon, lat) points, with margin, at the page's aspect ratio."""
    if not points:
        west, south, east, north = WORLD
    else:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        span_lon = max(max(lons) - min(lons), MIN_SPAN_DEG) * (1 + 2 * MARGIN)
        span_lat = max(max(lats) - min(lats), MIN_SPAN_DEG) * (1 + 2 * MARGIN)
        mid_lon = (max(lons) + min(lons)) / 2
        mid_lat = (max(lats) + min(lats)) / 2
        west, east = mid_lon - span_lon / 2, mid_lon + span_lon / 2
        south, north = mid_lat - span_lat / 2, mid_lat + span_lat / 2
    # Equirectangular: a degree of longitude is cos(lat) of a degree of latitude.
    squash = max(math.cos(math.radians((south + north) / 2)), 0.2)
    span_lon, span_lat = east - west, north - south
    if span_lon * squash / span_lat < width / height:
        grow = (span_lat * width / height / squash - span_lon) / 2
        west, east = west - grow, east + grow
    else:
        grow = (span_lon * squash * height / width - span_lat) / 2
        south, north = south - grow, north + grow
    return View(west, south, east, north, float(width), float(height))


def _path(country: Country, view: View) -> str:
    parts = []
    for polygon in country.polygons:
        for ring in polygon:
            coords = [view.project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)


def _visible(country: Country, view: View) -> bool:
    west, south, east, north = country.bbox
    return west <= view.east and east >= view.west and south <= view.north and north >= view.south


def _countries_svg(view: View, highlight: set[str]) -> list[str]:
    shapes = []
    for country in load_countries():
        if not _visible(country, view):
            continue
        fill = "#f3e3c3" if country.iso_a2 in highlight else "#ececec"
        shapes.append(
            f'<path d="{_path(country, view)}" fill="{fill}" stroke="#9a9a9a" '
            f'stroke-width="0.6" fill-rule="evenodd" data-iso="{html.escape(country.iso_a3)}">'
            f"<title>{html.escape(country.name)}</title></path>"
        )
    return shapes


def _dot_svg(dot: Dot, view: View) -> str:
    x, y = view.project(dot.longitude, dot.latitude)
    name = html.escape(dot.label)
    anchor, dx = ("end", -7) if x > view.width * 0.75 else ("start", 7)
    return (
        f'<g class="place" data-name="{name}">'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#c0392b" stroke="#ffffff" stroke-width="1.2"/>'
        f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="12" '
        f'font-family="sans-serif" fill="#222222" stroke="#ffffff" stroke-width="3" '
        f'paint-order="stroke">{name}</text></g>'
    )


def nice_distance(km: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above `km`."""
    if km <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)


def _scale_bar(view: View, *, x: float, y: float) -> str:
    mid_lat = (view.north + view.south) / 2
    km_per_px = KM_PER_DEG * math.cos(math.radians(mid_lat)) / view.x_scale
    distance = nice_distance(km_per_px * view.width / 5)
    length = distance / km_per_px if km_per_px else 0.0
    label = f"{distance:,.0f} km"
    return (
        f'<g class="scale-bar"><rect x="{x:.1f}" y="{y - 14:.1f}" width="{length + 16:.1f}" height="22" '
        f'fill="#ffffff" fill-opacity="0.8"/>'
        f'<path d="M{x + 8:.1f},{y - 4:.1f}V{y:.1f}H{x + 8 + length:.1f}V{y - 4:.1f}" '
        f'fill="none" stroke="#333333" stroke-width="1.5"/>'
        f'<text x="{x + 8:.1f}" y="{y - 6:.1f}" font-size="10" font-family="sans-serif" '
        f'fill="#333333">{label}</text></g>'
    )


def _view_points(near: Sequence[Dot], places: Sequence[Place]) -> list[tuple[float, float]]:
    """What the view must hold: the nearby dots, or else the first country's outline."""
    if near:
        return [(d.longitude, d.latitude) for d in near]
    codes = [p.country_code for p in places if p.country_code and p.latitude is not None]
    if not codes:
        return []
    code = Counter(codes).most_common(1)[0][0]
    for country in load_countries():
        if country.iso_a2 == code:
            west, south, east, north = country.bbox
            return [(west, south), (east, north)]
    return []


def _elsewhere_svg(far: Sequence[Dot], *, width: int, y: float) -> str:
    names = ", ".join(dict.fromkeys(d.label for d in far))
    return (f'<text x="{width - 8}" y="{y:.1f}" text-anchor="end" font-size="10" font-family="sans-serif" '
            f'fill="#555555">Also mentioned, off this map: {html.escape(names)}</text>')


def render_map_svg(places: Sequence[Place], *, width: int = 640, height: int = 400,
                   title: str = "") -> str:
    """A self-contained SVG map of the story's places among country outlines."""
    near, far = focus(place_dots(places))
    top = 24 if title else 0
    view = fit_view(_view_points(near, places), width=width, height=height - top)
    highlight = {p.country_code for p in places if p.country_code and p.latitude is not None}
    label = html.escape(title or "Map of the story's places")
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}">',
        f"<title>{label}</title>",
        f'<rect width="{width}" height="{height}" fill="#dbe9f4"/>',
    ]
    if title:
        body.append(f'<text x="8" y="17" font-size="14" font-family="sans-serif" '
                    f'font-weight="bold" fill="#222222">{html.escape(title)}</text>')
    # A nested viewport clips the outlines to the map window without any url() reference.
    body.append(f'<svg x="0" y="{top}" width="{width}" height="{height - top}" '
                f'viewBox="0 0 {width} {height - top}" overflow="hidden">')
    body += _countries_svg(view, highlight)
    body += [_dot_svg(dot, view) for dot in near]
    if not near and not highlight:
        body.append(f'<text x="{width / 2:.0f}" y="{(height - top) / 2:.0f}" text-anchor="middle" '
                    f'font-size="13" font-family="sans-serif" fill="#555555">No place could be located</text>')
    body.append(_scale_bar(view, x=8, y=height - top - 10))
    if far:
        body.append(_elsewhere_svg(far, width=width, y=14))
    body += ["</svg>", "</svg>"]
    return "\n".join(body)
