"""Areas in EPSG:4548 (ha, 亩), zone assignment by spatial join, distances."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from planning.analysis import PROJECTED, areas_m2, assign_zones, distance_m, m2_to_ha, m2_to_mu, share_inside
from planning.plan import load_plan


def _square_wgs84(x0: float, y0: float, side: float):
    """A square of ``side`` metres drawn in EPSG:4548, returned in WGS84."""
    return gpd.GeoSeries([box(x0, y0, x0 + side, y0 + side)], crs=PROJECTED).to_crs(4326).iloc[0]


def test_one_km_square_is_100_ha_and_1500_mu():
    sq = _square_wgs84(490000, 4060000, 1000)
    m2 = areas_m2(gpd.GeoDataFrame(geometry=[sq], crs=4326)).iloc[0]
    assert m2 == pytest.approx(1_000_000, rel=1e-6)
    assert m2_to_ha(m2) == pytest.approx(100, rel=1e-6)
    assert m2_to_mu(m2) == pytest.approx(1500, rel=1e-6)


def test_mu_is_666_67_m2():
    assert m2_to_mu(666.67) == pytest.approx(1.0, abs=1e-5)


def test_project_can_be_in_several_zones_or_none():
    zones = gpd.GeoDataFrame(
        {"id": ["core", "axis"]},
        geometry=[box(116.80, 36.60, 116.90, 36.70), box(116.85, 36.64, 116.95, 36.66)],
        crs=4326,
    )
    projects = gpd.GeoDataFrame(
        {"zone_override": [None, None, ["core"]]},
        geometry=[Point(116.86, 36.65), Point(116.99, 36.75), Point(116.99, 36.75)],
        crs=4326,
    )
    assert assign_zones(projects, zones).tolist() == [["axis", "core"], [], ["core"]]


def test_distance_in_metres():
    a = _square_wgs84(490000, 4060000, 1).centroid
    b = _square_wgs84(490300, 4060400, 1).centroid
    assert distance_m(a, b) == pytest.approx(500, abs=0.5)


def test_share_inside_by_area_length_and_points():
    area = box(0.0, 0.0, 1.0, 1.0)
    assert share_inside(box(0.5, 0.0, 1.5, 1.0), area) == pytest.approx(0.5, abs=0.01)
    assert share_inside(Point(0.5, 0.5), area) == 1.0


def test_loaded_plan_has_areas_and_membership(tiny_folder):
    plan = load_plan(tiny_folder)
    zones = plan.zones.set_index("id")
    assert zones.loc["core-a", "area_ha"] > 0
    assert zones.loc["core-a", "area_mu"] == pytest.approx(zones.loc["core-a", "area_ha"] * 15, rel=1e-9)
    members = dict(zip(plan.projects["id"], plan.projects["zone_ids"], strict=True))
    assert members == {"p-in-a": ["core-a"], "p-in-b": ["axis-b"], "p-none": []}
