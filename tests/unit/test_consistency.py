"""Cross-layer consistency rules (planning/consistency.py): each rule fails on a fixture, and passes on the shipped data."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pytest
from pyproj import Transformer
from shapely.geometry import LineString, Point, box
from tests.helpers import GEODATA, tiny_plan_docs, write_docs

from planning.cli import main
from planning.consistency import check_consistency, name_key
from planning.plan import OUTLINE_FILE, load_plan, read_document_text
from planning.storage import FileStore

_TO_M = Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True)
_TO_DEG = Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)


def moved(lon: float, lat: float, east_m: float = 0.0, north_m: float = 0.0) -> Point:
    """The point ``east_m``/``north_m`` metres from (lon, lat), measured in EPSG:4548 like the rules."""
    x, y = _TO_M.transform(lon, lat)
    return Point(*_TO_DEG.transform(x + east_m, y + north_m))


def layer(*rows: tuple[dict[str, Any], Any]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame([r for r, _ in rows], geometry=[g for _, g in rows], crs="EPSG:4326")


ZONE = layer(({"id": "zone-a", "name_zh": "甲片区"}, box(116.90, 36.64, 116.92, 36.66)))


def messages(layers: dict[str, gpd.GeoDataFrame], outline: str | None = None) -> list[str]:
    return [str(p) for p in check_consistency(layers, outline)]


def test_stated_carrier_outside_its_zone_is_reported():
    outside = moved(116.92, 36.65, 100.4)  # 100 m east of the zone
    lm = layer(({"id": "lm-a", "name_zh": "甲广场", "zone_ids_stated": ["zone-a"], "zone_stated_source": "第二章 三、: “甲广场”"}, outside))
    assert messages({"zones": ZONE, "landmarks": lm}) == [
        "landmarks.geojson feature 0 (id 'lm-a'): field 'geometry': got '100 m outside zone-a'; expected inside the "
        "zone the plan names it for (within 60 m; 第二章 三、: “甲广场”): move it or redraw the zone"
    ]


def test_stated_carrier_within_the_tolerance_or_inside_passes():
    near_edge = moved(116.92, 36.65, 40)
    inside = Point(116.91, 36.65)
    lm = layer(({"id": "lm-a", "name_zh": "甲", "zone_ids_stated": ["zone-a"]}, near_edge),
               ({"id": "lm-b", "name_zh": "乙", "zone_ids_stated": ["zone-a"]}, inside))
    assert messages({"zones": ZONE, "landmarks": lm}) == []


def test_stated_zone_that_does_not_exist_is_reported():
    pr = layer(({"id": "p-1", "name_zh": "甲", "zone_ids_stated": ["zone-x"]}, Point(116.91, 36.65)))
    assert messages({"zones": ZONE, "projects": pr}) == [
        "projects.geojson feature 0 (id 'p-1'): field 'zone_ids_stated': got 'zone-x'; expected a zone id of zones.geojson"
    ]


def test_same_name_in_two_layers_far_apart_is_reported():
    heritage = layer(({"id": "her-a", "name_zh": "五七车站"}, Point(116.91, 36.65)))
    projects = layer(({"id": "prj-a", "name_zh": "五七车站项目"}, moved(116.91, 36.65, 3200.2)))
    assert messages({"heritage": heritage, "projects": projects}) == [
        "projects.geojson feature 0 (id 'prj-a'): field 'geometry': got '3200 m from heritage/her-a (五七车站)'; "
        "expected one real object, one feature: within 300 m of the feature of the same name, or refers_to "
        "{layer: heritage, id: her-a} sharing its geometry"
    ]


def test_same_name_with_a_reference_or_close_passes():
    heritage = layer(({"id": "her-a", "name_zh": "五七车站"}, Point(116.91, 36.65)))
    far = layer(({"id": "prj-a", "name_zh": "五七车站项目", "refers_to": {"layer": "heritage", "id": "her-a"}},
                 moved(116.91, 36.65, 3200.2)))
    close = layer(({"id": "prj-a", "name_zh": "五七车站项目"}, moved(116.91, 36.65, 250)))
    assert messages({"heritage": heritage, "projects": far}) == []
    assert messages({"heritage": heritage, "projects": close}) == []


@pytest.mark.parametrize(("name", "key"), [("五七车站项目", "五七车站"), ("京台高速改扩建", "京台高速"),
                                          ("济郑高铁（槐荫段）", "济郑高铁"), ("前周王庄古城墙遗址保护修缮", "前周王庄古城墙遗址"),
                                          ("小清河生态景观带景观提升与水生态治理", "小清河"), ("山东国际会展中心二期", "山东国际会展中心二期")])
def test_name_key_strips_the_work_not_the_phase(name, key):
    assert name_key(name) == key


ROAD = layer(({"id": "road-a", "name_zh": "经十路"}, LineString([(116.90, 36.65), (116.92, 36.65)])))


def test_project_on_a_road_far_from_its_line_is_reported():
    pr = layer(({"id": "prj-a", "name_zh": "善能大厦", "on_road_ids": ["road-a"]}, moved(116.91, 36.65, 0, 427.2)))
    assert messages({"roads": ROAD, "projects": pr}) == [
        "projects.geojson feature 0 (id 'prj-a'): field 'geometry': got '427 m from road-a (经十路)'; expected on the "
        "road the plan puts it on (within 200 m of its line)"
    ]


def test_project_on_a_road_near_its_line_passes():
    pr = layer(({"id": "prj-a", "name_zh": "善能大厦", "on_road_ids": ["road-a"]}, moved(116.91, 36.65, 0, 150)))
    assert messages({"roads": ROAD, "projects": pr}) == []


PARK = layer(({"id": "park-a", "name_zh": "稻花香", "status": "未知"}, box(116.90, 36.70, 116.91, 36.71)))


def test_project_outside_its_own_footprint_is_reported():
    pr = layer(({"id": "prj-a", "name_zh": "稻花香田园综合体", "refers_to": {"layer": "parks", "id": "park-a"}},
                moved(116.91, 36.705, 2700.2)))
    assert messages({"parks": PARK, "projects": pr}) == [
        "projects.geojson feature 0 (id 'prj-a'): field 'geometry': got '2700 m outside parks/park-a (稻花香)'; "
        "expected inside the footprint it refers to (share its geometry)"
    ]


def test_project_sharing_its_footprint_passes_and_a_dangling_reference_is_reported():
    shared = layer(({"id": "prj-a", "name_zh": "甲", "refers_to": {"layer": "parks", "id": "park-a"}}, box(116.90, 36.70, 116.91, 36.71)))
    assert messages({"parks": PARK, "projects": shared}) == []
    dangling = layer(({"id": "prj-a", "name_zh": "甲", "refers_to": {"layer": "parks", "id": "park-x"}}, Point(116.9, 36.7)))
    assert messages({"parks": PARK, "projects": dangling}) == [
        "projects.geojson feature 0 (id 'prj-a'): field 'refers_to': got {'layer': 'parks', 'id': 'park-x'}; expected "
        "the layer and id of an existing feature"
    ]


def test_same_object_with_two_statuses_is_reported():
    line = LineString([(116.90, 36.65), (116.95, 36.66)])
    metro = layer(({"id": "metro-4", "name_zh": "轨道交通4号线", "status": "储备", "status_source": "第四章 三、: “即将启动的4号、6号线”"}, line))
    pr = layer(({"id": "prj-m4", "name_zh": "轨道交通4号线", "status": "未知", "refers_to": {"layer": "metro_lines", "id": "metro-4"}}, line))
    assert messages({"metro_lines": metro, "projects": pr}) == [
        "projects.geojson feature 0 (id 'prj-m4'): field 'status': got '未知'; expected the status of metro_lines/metro-4, "
        "the same object ('储备'; 第四章 三、: “即将启动的4号、6号线”)"
    ]
    pr.loc[0, "status"] = "储备"
    assert messages({"metro_lines": metro, "projects": pr}) == []


PLAN_TEXT = (GEODATA / OUTLINE_FILE).read_text(encoding="utf-8")


def test_fact_not_in_its_sources_is_reported_and_one_in_them_passes():
    metro = layer(({"id": "metro-1", "name_zh": "轨道交通1号线", "source_section": "ch1-1-3",
                    "description_zh": "2019年开通运营。", "description_en": "Opened in 2019."}, LineString([(116.9, 36.6), (116.9, 36.7)])))
    assert messages({"metro_lines": metro}, PLAN_TEXT) == [
        "metro_lines.geojson feature 0 (id 'metro-1'): field 'description_zh': got '2019'; expected a date or figure "
        "its sources state (the cited sections, source_quote), or an entry in fact_sources naming where it comes from"
    ]
    metro["fact_sources"] = [[{"fact": "2019", "source": "济南轨道交通集团公告"}]]
    assert messages({"metro_lines": metro}, PLAN_TEXT) == []
    # A figure the cited section states (第一章 一、（三）: 腊山北路等 12 条断头路) and a line number are fine.
    metro = metro.drop(columns="fact_sources")
    metro.loc[0, "description_zh"] = "“十三五”期间竣工通车，与6号线换乘；同期打通12条断头路。"
    metro.loc[0, "description_en"] = "Opened in the 13th plan period."
    assert messages({"metro_lines": metro}, PLAN_TEXT) == []


def test_every_rule_passes_on_the_shipped_data(shipped_plan):
    outline = read_document_text(FileStore(GEODATA), OUTLINE_FILE)
    assert [str(p) for p in check_consistency(shipped_plan.layers, outline)] == []


def test_shipped_data_exercises_every_rule(shipped_plan):
    """The rules are not vacuous on the shipped data: each has features to check."""
    projects, landmarks = shipped_plan.projects, shipped_plan.layer("landmarks")
    assert sum(map(bool, projects["zone_ids_stated"])) >= 40 and sum(map(bool, landmarks["zone_ids_stated"])) >= 20
    assert sum(map(bool, projects["on_road_ids"])) >= 5
    refs = [r for r in projects["refers_to"] if isinstance(r, dict)]
    assert {r["layer"] for r in refs} >= {"roads", "rail_lines", "heritage", "parks", "water", "metro_lines"}


def test_every_project_in_no_zone_has_a_reason(shipped_plan):
    for _, row in shipped_plan.projects.iterrows():
        has_reason = isinstance(row["no_zone_reason"], str) and bool(row["no_zone_reason"])
        assert has_reason == (not row["zone_ids"]), row["id"]


def test_validate_fails_on_a_consistency_problem(tmp_path, capsys):
    docs = tiny_plan_docs()
    project = docs["projects.geojson"]["features"][0]
    project["properties"]["zone_ids_stated"] = ["no-such-zone"]
    folder = write_docs(tmp_path / "plan", docs)
    assert load_plan(folder).errors == []  # the schema alone finds nothing
    assert main(["validate", str(folder)]) == 1
    assert "field 'zone_ids_stated': got 'no-such-zone'; expected a zone id of zones.geojson" in capsys.readouterr().out


def test_same_name_with_two_statuses_and_no_reference_is_reported():
    line = LineString([(116.90, 36.65), (116.95, 36.66)])
    metro = layer(({"id": "metro-6", "name_zh": "轨道交通6号线", "status": "储备", "status_source": "第四章 三、: “即将启动”"}, line))
    pr = layer(({"id": "prj-m6", "name_zh": "轨道交通6号线", "status": "未知"}, line))
    assert messages({"metro_lines": metro, "projects": pr}) == [
        "projects.geojson feature 0 (id 'prj-m6'): field 'status': got '未知'; expected the status of metro_lines/metro-6, "
        "the same object ('储备'; 第四章 三、: “即将启动”)"
    ]
