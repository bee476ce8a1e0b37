"""Red-line overlaps, station catchments and zone statistics against values computed by hand on small squares.

The plan is drawn in EPSG:4548 metres around (500 000, 4 060 000) and stored
in WGS84, so every expected value is simple geometry:

- the 玉符河 belt is the square [0, 200]²; project ``p-half`` is [100, 300] × [0, 100]:
  100 m × 100 m overlap = 1 ha = 15 亩, half of the project;
- a river runs along y = 2500; ``p-river`` is [0, 100] × [2520, 2620]: with a 50 m buffer
  the band reaches y = 2550, 30 m × 100 m = 0.3 ha = 4.5 亩 (30 %); with 100 m, 0.8 ha;
- the metro station S stands on the corner (1000, 1000) of zone ``core-a`` = [1000, 2000]²:
  a quarter of its 500 m circle lies in the zone, π·500²/4 m² = 19.635 ha; of its 800 m circle 50.265 ha.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely
import pytest
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon, box, mapping

from planning.imports_apply import Overlay
from planning.plan import load_plan
from planning.redline import conflict_table, ecology_layers, layer_totals, project_analysis, shape_overlaps, to_csv
from planning.transit import catchments, far_projects, nearest_station, zone_statistics, zone_statistics_table
from tests.helpers import feature, write_docs

X0, Y0 = 500_000.0, 4_060_000.0
TO_WGS = Transformer.from_crs(4548, 4326, always_xy=True)
SRC = [{"ref": "专栏6", "section": "box6", "label": "专栏6"}]


def wgs(geom):
    """A geometry given in metres from the origin, as WGS84 GeoJSON."""
    return mapping(shapely.transform(geom, lambda c: np.column_stack(TO_WGS.transform(X0 + c[:, 0], Y0 + c[:, 1]))))


def zone(zid, geom, kind="core"):
    return feature(wgs(geom), id=zid, kind=kind, description_zh="区", description_en="zone",
                   industries_zh=[], industries_en=[], carriers_zh=[], carriers_en=[])


def project(pid, geom, status="未知", category="医养健康"):
    known = status != "未知"
    return feature(wgs(geom), id=pid, category=category, sources=SRC, status=status,
                   status_date="2021" if known else None, status_source="第一章" if known else None, zone_override=None)


def fc(features):
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    projects = [
        project("p-half", box(100, 0, 300, 100)),
        project("p-river", box(0, 2520, 100, 2620)),
        project("p-in-park", Point(3100, 100), category="生态环境"),
        project("p-line", LineString([(1900, 3200), (2600, 3200)]), category="道路"),
        project("p-400", Point(1240, 1320), status="开工"),
        project("p-600", Point(1360, 1480), category="道路"),
        project("p-near-rail", Point(3000, 3000)),
    ]
    docs = {
        "boundary.geojson": fc([feature(wgs(box(-500, -500, 4000, 4000)), id="huaiyin")]),
        "zones.geojson": fc([zone("belt-yufu", box(0, 0, 200, 200), "belt"), zone("core-a", box(1000, 1000, 2000, 2000))]),
        "projects.geojson": fc(projects),
        "metro_stations.geojson": fc([feature(wgs(Point(1000, 1000)), id="st-s", name_zh="S站", name_en="S", lines=["1"])]),
        "rail_stations.geojson": fc([feature(wgs(Point(3000, 3300)), id="rail-r", name_zh="R站", name_en="R")]),
        "water.geojson": fc([
            feature(wgs(LineString([(-1000, 2500), (3000, 2500)])), id="river-a", name_zh="甲河", water_kind="river"),
            feature(wgs(box(2000, 3000, 2400, 3400)), id="wetland-a", name_zh="甲湿地", water_kind="wetland"),
        ]),
        "parks.geojson": fc([feature(wgs(box(3000, 0, 3500, 500)), id="park-a", name_zh="甲公园", park_kind="park")]),
        "targets.json": {"targets": []},
    }
    loaded = load_plan(write_docs(tmp_path_factory.mktemp("squares"), docs))
    assert not loaded.errors, loaded.errors
    return loaded


def by_project(table):
    return {(r["project_id"], r["layer"]): r for _, r in table.iterrows()}


def test_conflicts_match_hand_computed_areas(plan):
    rows = by_project(conflict_table(plan))
    assert set(rows) == {("p-half", "belt-yufu"), ("p-river", "rivers"), ("p-in-park", "parks"), ("p-line", "wetlands")}
    half = rows[("p-half", "belt-yufu")]
    assert half["overlap_m2"] == pytest.approx(10_000, rel=1e-6)
    assert (half["overlap_ha"], half["overlap_mu"], half["share_pct"]) == (pytest.approx(1.0, rel=1e-6), pytest.approx(15.0, rel=1e-6), pytest.approx(50.0, rel=1e-6))
    river = rows[("p-river", "rivers")]
    assert river["overlap_ha"] == pytest.approx(0.3, rel=1e-4) and river["overlap_mu"] == pytest.approx(4.5, rel=1e-4)
    assert river["share_pct"] == pytest.approx(30.0, rel=1e-4)
    park = rows[("p-in-park", "parks")]
    assert (park["overlap_m2"], park["share_pct"], park["feature_name_zh"]) == (0.0, 100.0, "甲公园")
    line = rows[("p-line", "wetlands")]
    assert line["length_m"] == pytest.approx(400.0, rel=1e-6) and line["share_pct"] == pytest.approx(400 / 7, rel=1e-6)


def test_river_buffer_is_configurable(plan):
    rows = by_project(conflict_table(plan, river_buffer_m=100))
    assert rows[("p-river", "rivers")]["overlap_m2"] == pytest.approx(8_000, rel=1e-4)
    assert ("p-river", "rivers") not in by_project(conflict_table(plan, river_buffer_m=10))
    with pytest.raises(ValueError, match="0 m or more"):
        ecology_layers(plan, river_buffer_m=-1)


def test_imported_red_line_overlays_join_the_check(plan):
    red = gpd.GeoDataFrame({"名称": ["红线一"]}, geometry=[Polygon(wgs(box(150, 0, 250, 100))["coordinates"][0])], crs="EPSG:4326")
    reference = gpd.GeoDataFrame({"名称": ["参考"]}, geometry=[Polygon(wgs(box(0, 0, 4000, 4000))["coordinates"][0])], crs="EPSG:4326")
    overlays = [Overlay({"id": "imp-1", "kind": "生态保护红线", "title": "红线"}, red),
                Overlay({"id": "imp-2", "kind": "参考图层", "title": "参考"}, reference)]
    table = conflict_table(plan, overlays)
    rows = by_project(table)
    hit = rows[("p-half", "overlay:imp-1")]
    assert hit["overlap_ha"] == pytest.approx(1.0, rel=1e-6) and hit["feature_name_zh"] == "红线一"
    assert not any(layer == "overlay:imp-2" for _, layer in rows)
    totals = layer_totals(table).set_index("layer")
    assert totals.loc["overlay:imp-1", "overlap_mu"] == pytest.approx(15.0, rel=1e-6)
    assert totals.loc["belt-yufu", "projects"] == 1


def test_a_drawn_shape_is_checked_like_a_project(plan):
    found = shape_overlaps(Polygon(wgs(box(0, 0, 400, 400))["coordinates"][0]), ecology_layers(plan))
    row = found.set_index("layer").loc["belt-yufu"]
    assert row["overlap_ha"] == pytest.approx(4.0, rel=1e-6) and row["overlap_mu"] == pytest.approx(60.0, rel=1e-6)
    assert row["share_pct"] == pytest.approx(25.0, rel=1e-6)


def test_catchments_hold_the_projects_and_zone_areas_by_hand(plan):
    table = catchments(plan).set_index(["station_id", "radius_m"])
    s500, s800 = table.loc[("st-s", 500)], table.loc[("st-s", 800)]
    assert s500["area_ha"] == pytest.approx(math.pi * 500**2 / 1e4, rel=2e-4)
    assert s500["project_ids"] == ["p-400"] and s800["project_ids"] == ["p-400", "p-600"]
    assert s500["zone_ha"] == {"core-a": pytest.approx(math.pi * 500**2 / 4 / 1e4, rel=2e-4)}
    assert s800["zone_ha"] == {"core-a": pytest.approx(math.pi * 800**2 / 4 / 1e4, rel=2e-4)}
    assert table.loc[("rail-r", 500)]["project_ids"] == ["p-line", "p-near-rail"]
    assert table.loc[("rail-r", 500)]["zone_ha"] == {}


def test_projects_farther_than_a_kilometre(plan):
    far = far_projects(plan)
    assert list(far["id"]) == ["p-in-park", "p-river", "p-half"]
    assert list(far["distance_m"]) == pytest.approx([math.hypot(2100, 900), math.hypot(900, 1520), math.hypot(700, 900)], rel=1e-6)
    assert set(far["nearest_station"]) == {"st-s"}
    near = nearest_station(plan, Point(TO_WGS.transform(X0 + 3000, Y0 + 3000)))
    assert near["id"] == "rail-r" and near["distance_m"] == pytest.approx(300.0, rel=1e-6)


def test_zone_statistics_by_hand(plan):
    stats = zone_statistics(plan, "core-a")
    assert stats["area_ha"] == pytest.approx(100.0, rel=1e-6) and stats["area_mu"] == pytest.approx(1500.0, rel=1e-6)
    assert stats["area_km2"] == pytest.approx(1.0, rel=1e-6)
    assert stats["projects"] == 2 and stats["density_per_km2"] == pytest.approx(2.0, rel=1e-6)
    assert stats["by_status"] == {"储备": 0, "开工": 1, "在建": 0, "竣工": 0, "未知": 1}
    assert stats["by_category"] == {"医养健康": 1, "道路": 1}
    assert stats["transit_share_800m"] == pytest.approx(math.pi * 800**2 / 4 / 1e6, rel=2e-4)
    belt = zone_statistics(plan, "belt-yufu")
    assert belt["area_ha"] == pytest.approx(4.0, rel=1e-6) and belt["projects"] == 1 and belt["transit_share_800m"] == 0.0
    assert set(zone_statistics_table(plan)["zone_id"]) == {"belt-yufu", "core-a"}
    with pytest.raises(KeyError, match="no zone 'nope'"):
        zone_statistics(plan, "nope")


def test_project_analysis_for_the_panel(plan):
    info = project_analysis(plan, "p-400")
    assert info["nearest_station"]["id"] == "st-s" and info["nearest_station"]["distance_m"] == pytest.approx(400.0, rel=1e-6)
    assert info["catchments"] == {500: ["st-s"], 800: ["st-s"]} and info["far_from_transit"] is False
    assert info["redline"] == [] and info["zone_ids"] == ["core-a"]
    half = project_analysis(plan, "p-half")
    assert half["redline_ha"] == pytest.approx(1.0, rel=1e-6) and half["far_from_transit"] is True
    with pytest.raises(KeyError):
        project_analysis(plan, "nope")


def test_csv_export_is_excel_safe(plan):
    table = conflict_table(plan)
    table.loc[0, "project_name_zh"] = "=HYPERLINK(\"http://x\")"
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "玉符河生态休闲带" in text
