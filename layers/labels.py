"""Where each zone's name goes: the same points on the map and on the print PNG.

A zone's label sits in its largest part, at the pole of inaccessibility
(:func:`shapely.ops.polylabel`: the inside point farthest from the edge) of
the part that is still the zone's own where it is drawn: minus the zones drawn
above it and, when room is left, minus the features drawn above it (water, parks, lines, points), so
a click on the label point selects that zone. Labels are placed greedily,
zones with the least room first; a label whose box (estimated at the overview
scale) would overlap one already placed moves to the next-best inside point.
"""

from __future__ import annotations

import functools
import html
import json
import unicodedata
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from planning.analysis import PROJECTED, WGS84

#: Metres per screen pixel at the overview (the whole district on a desk screen, zoom ~12.5).
OVERVIEW_M_PER_PX = 22.0
#: Label font size in pixels on the map (.hy-label) and the assumed advance of a CJK / Latin character.
FONT_PX = 12.0
_PAD_PX = 8.0
#: What is left of a zone's own part once the features drawn above it are cut out is used when it is at
#: least this big (m², 1 ha); else the label ignores those features.
_MIN_FREE_M2 = 10_000.0


@dataclass(frozen=True)
class LabelPoint:
    """A zone label: the zone id, its text and where it goes (WGS84 lon, lat)."""

    id: str
    text: str
    lon: float
    lat: float


def text_width_px(text: str, font_px: float = FONT_PX) -> float:
    """Estimated width of ``text`` in pixels (CJK and full-width characters are one em, others ~0.55 em)."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return (wide + 0.55 * (len(text) - wide)) * font_px + _PAD_PX


def _largest_part(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon" and not g.is_empty]
    return max(parts, key=lambda g: g.area) if parts else geom


def _own_region(geom: BaseGeometry, above: np.ndarray, obstacles: BaseGeometry | None) -> BaseGeometry:
    """The largest part of what is left of ``geom`` where nothing is drawn above it: minus the zones ``above``
    (only those that touch it), then, when at least 1 ha is left, minus the ``obstacles``."""
    rest = geom
    for other in above:  # one difference at a time: cheaper than a union of many detailed zones
        rest = rest.difference(other)
        if rest.is_empty:
            break
    region = _largest_part((rest if rest.area > 0 else geom).buffer(0))
    if obstacles is not None and not obstacles.is_empty:
        free = _largest_part(region.difference(obstacles).buffer(0))
        if not free.is_empty and free.area >= _MIN_FREE_M2:
            region = free
    return region


def _candidates(region: BaseGeometry, n: int = 40) -> list[shapely.Point]:
    """Inside points of ``region``, best (farthest from the edge) first; the first is the pole of inaccessibility."""
    best = polylabel(region, tolerance=max(region.length / 2000, 1.0))
    minx, miny, maxx, maxy = region.bounds
    step = max(maxx - minx, maxy - miny) / 14
    xs, ys = np.meshgrid(np.arange(minx + step / 2, maxx, step), np.arange(miny + step / 2, maxy, step))
    grid = shapely.points(xs.ravel(), ys.ravel())
    inside = grid[shapely.contains(region, grid)]
    depth = shapely.distance(inside, region.boundary)
    ranked = [inside[i] for i in np.argsort(-depth)[:n]]
    return [best, *ranked]


def _half_box(text: str, m_per_px: float) -> tuple[float, float]:
    return text_width_px(text) * m_per_px / 2, (FONT_PX + 6) * m_per_px / 2


class _PlacedBoxes:
    """Label boxes placed so far (axis-aligned, closed), checked against many candidates at once."""

    def __init__(self, capacity: int) -> None:
        self._bounds = np.empty((capacity, 4))
        self._count = 0

    def first_free(self, xy: np.ndarray, half_w: float, half_h: float) -> int:
        """Index of the first candidate centre in ``xy`` whose box touches no placed box (0 when none is free)."""
        placed = self._bounds[: self._count]
        if not len(placed):
            return 0
        # Only boxes near the candidates can touch them.
        near = placed[(placed[:, 0] <= xy[:, 0].max() + half_w) & (placed[:, 2] >= xy[:, 0].min() - half_w)
                      & (placed[:, 1] <= xy[:, 1].max() + half_h) & (placed[:, 3] >= xy[:, 1].min() - half_h)]
        if not len(near):
            return 0
        x, y = xy[:, :1], xy[:, 1:]
        touches = ((x - half_w <= near[:, 2]) & (near[:, 0] <= x + half_w)
                   & (y - half_h <= near[:, 3]) & (near[:, 1] <= y + half_h))
        free = np.flatnonzero(~touches.any(axis=1))
        return int(free[0]) if len(free) else 0

    def add(self, x: float, y: float, half_w: float, half_h: float) -> None:
        self._bounds[self._count] = (x - half_w, y - half_h, x + half_w, y + half_h)
        self._count += 1


def _blocked(obstacles: gpd.GeoSeries | None, m_per_px: float) -> BaseGeometry | None:
    """What is drawn above the zones, as clickable area: polygons as they are, lines and points with their hit margin."""
    if obstacles is None or obstacles.empty:
        return None
    geoms = obstacles.to_crs(PROJECTED).to_numpy()
    kinds = shapely.get_type_id(geoms)
    margin = np.select([np.isin(kinds, (0, 4)), np.isin(kinds, (1, 2, 5))], [9 * m_per_px, 5 * m_per_px], 0.0)
    return shapely.union_all(shapely.buffer(geoms, margin))


def zone_label_points(
    zones: gpd.GeoDataFrame,
    texts: list[str],
    *,
    obstacles: gpd.GeoSeries | None = None,
    m_per_px: float = OVERVIEW_M_PER_PX,
) -> list[LabelPoint]:
    """Label points of ``zones`` (WGS84, in drawing order: later rows are drawn on top).

    ``texts`` are the labels (one per row); ``obstacles`` are the features drawn
    above the zones (any geometry, WGS84) that a label should avoid.
    Returns the points in the order of ``zones``.

    Each zone is only cut by the zones above it that touch it (a spatial index), so the cost grows with the
    number of overlaps, not with the square of the number of zones.
    """
    if zones.empty:
        return []
    projected = shapely.buffer(zones.geometry.to_crs(PROJECTED).to_numpy(), 0)
    overlaps = shapely.STRtree(projected).query(projected, predicate="intersects")  # (zone, zone it touches)
    above = overlaps[:, overlaps[0] < overlaps[1]]
    above = above[:, np.lexsort((above[1], above[0]))]  # by zone, then by the zone drawn over it
    starts = np.searchsorted(above[0], np.arange(len(projected) + 1))
    blocked = _blocked(obstacles, m_per_px)
    regions = [_own_region(geom, projected[above[1, starts[i]:starts[i + 1]]], blocked) for i, geom in enumerate(projected)]
    placed = _PlacedBoxes(len(regions))
    chosen: dict[int, shapely.Point] = {}
    for i in sorted(range(len(regions)), key=lambda j: regions[j].area):
        options = _candidates(regions[i]) if regions[i].area > 0 else [projected[i].representative_point()]
        half_w, half_h = _half_box(texts[i], m_per_px)
        pick = options[placed.first_free(shapely.get_coordinates(options), half_w, half_h)]
        chosen[i] = pick
        placed.add(pick.x, pick.y, half_w, half_h)
    points = gpd.GeoSeries([chosen[i] for i in range(len(regions))], crs=PROJECTED).to_crs(WGS84)
    return [LabelPoint(str(fid), text, round(p.x, 6), round(p.y, 6))
            for fid, text, p in zip(zones["id"], texts, points, strict=True)]


#: Layers drawn above the zones whose features take clicks (a label point avoids them).
ABOVE_ZONES = ("water", "parks", "rail_lines", "metro_lines", "metro_stations", "rail_stations", "heritage", "projects")


def labels_from_geo(geo: dict[str, dict]) -> list[LabelPoint]:
    """Zone label points from the map's compact GeoJSON (:func:`layers.prepare.plan_geojson`): the one
    placement used by the map and the print PNG. Cores first, then larger zones (the declutter order).

    Cached by content (the map is rebuilt on every rerun; the placement only changes with the data)."""
    used = {layer: geo[layer]["features"] for layer in ("zones", *ABOVE_ZONES) if layer in geo}
    return list(_labels_cached(json.dumps(used, ensure_ascii=False, separators=(",", ":"))))


@functools.lru_cache(maxsize=16)
def _labels_cached(used_json: str) -> tuple[LabelPoint, ...]:
    from layers.styles import ZONE_DRAW_ORDER  # noqa: PLC0415 - imported late to avoid an import cycle

    geo = {layer: {"features": features} for layer, features in json.loads(used_json).items()}
    features = geo.get("zones", {"features": []})["features"]
    if not features:
        return ()
    zones = gpd.GeoDataFrame.from_features(features, crs=WGS84)
    zones["kind"] = zones["k"].str.removeprefix("zone:")
    zones["order"] = zones["kind"].map({k: i for i, k in enumerate(ZONE_DRAW_ORDER)}).fillna(len(ZONE_DRAW_ORDER))
    zones = zones.sort_values("order", kind="stable")
    above = [f for layer in ABOVE_ZONES for f in geo.get(layer, {"features": []})["features"]]
    obstacles = gpd.GeoDataFrame.from_features(above, crs=WGS84).geometry if above else None
    texts = [html.unescape(n) for n in zones["n"]]
    points = zone_label_points(zones, texts, obstacles=obstacles)
    area = zones.geometry.to_crs(PROJECTED).area.to_numpy()
    rank = sorted(range(len(points)), key=lambda i: (zones["kind"].iloc[i] != "core", -area[i]))
    return tuple(points[i] for i in rank)
