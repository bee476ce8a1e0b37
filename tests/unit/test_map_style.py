"""The map's visual channels: status colours, category symbols, zone label placement (map = print)."""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pytest
import shapely

from layers import styles
from layers.labels import labels_from_geo, text_width_px
from layers.prepare import plan_geojson
from layers.print_map import zone_label_points
from layers.registry import style_table
from planning.model import CATEGORIES

# Machado et al. (2009) simulation matrices, severity 1.0.
_CVD = {
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}


def _rgb(hex_color: str) -> np.ndarray:
    return np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def test_status_colours_are_told_apart_with_each_colour_vision_deficiency():
    colours = list(styles.STATUS_COLORS.values())
    for name, matrix in {"normal": np.eye(3), **_CVD}.items():
        for a, b in itertools.combinations(colours, 2):
            sa, sb = (np.clip(matrix @ _rgb(c), 0, 1) for c in (a, b))
            assert np.linalg.norm(sa - sb) > 0.12, f"{a} and {b} look alike ({name})"


def test_no_other_point_layer_uses_a_status_colour():
    status = {c.lower() for c in styles.STATUS_COLORS.values()}
    for key, style in style_table().items():
        if key.startswith("project"):
            continue
        if "radius" in style or "symbol" in style:  # drawn as a point symbol
            assert style.get("fillColor", "").lower() not in status, key
            assert style.get("color", "").lower() not in status, key


def test_one_symbol_per_category():
    assert set(styles.CATEGORY_SYMBOLS) == set(CATEGORIES)
    assert len(set(styles.CATEGORY_SYMBOLS.values())) == len(CATEGORIES)
    assert styles.HERITAGE_STYLE["symbol"] not in {s.partition("+")[0] for s in styles.CATEGORY_SYMBOLS.values()}


@pytest.fixture(scope="module")
def labels(shipped_plan):
    return labels_from_geo(plan_geojson(shipped_plan.layers, lang="zh"))


def test_each_zone_label_is_in_its_largest_part_where_nothing_else_is_drawn(shipped_plan, labels):
    zones = shipped_plan.zones.set_index("id")
    order = {k: i for i, k in enumerate(styles.ZONE_DRAW_ORDER)}
    drawn = sorted(zones.index, key=lambda z: order[zones.loc[z, "kind"]])
    assert {p.id for p in labels} == set(zones.index)
    for p in labels:
        point = shapely.Point(p.lon, p.lat)
        geom = zones.loc[p.id, "geometry"]
        largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        above = [zones.loc[z, "geometry"] for z in drawn[drawn.index(p.id) + 1:]]
        assert largest.contains(point), p.id
        assert not any(g.contains(point) for g in above), f"{p.id}: its label point is under another zone"


def test_zone_labels_do_not_overlap_at_the_overview(labels):
    m_per_px = 22.0
    pts = gpd.GeoSeries([shapely.Point(p.lon, p.lat) for p in labels], crs=4326).to_crs(4548)
    boxes = [shapely.box(q.x - text_width_px(p.text) * m_per_px / 2, q.y - 9 * m_per_px,
                         q.x + text_width_px(p.text) * m_per_px / 2, q.y + 9 * m_per_px) for p, q in zip(labels, pts)]
    overlaps = [(a.id, b.id) for (a, ba), (b, bb) in itertools.combinations(zip(labels, boxes), 2) if ba.intersects(bb)]
    assert overlaps == []


def test_print_png_places_zone_labels_where_the_map_does(shipped_plan, labels):
    assert [(p.id, p.lon, p.lat) for p in zone_label_points(shipped_plan, "zh")] == [(p.id, p.lon, p.lat) for p in labels]
