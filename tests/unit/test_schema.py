"""One failing fixture per validation rule, each with its exact message pinned.

Each case starts from the tiny valid plan of conftest, breaks one thing, writes the
files and loads them through ``load_plan`` (the path the app uses).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.helpers import tiny_plan_docs, write_docs

from planning.plan import load_plan

Docs = dict[str, Any]


def _project(docs: Docs, i: int = 0) -> dict[str, Any]:
    return docs["projects.geojson"]["features"][i]["properties"]


def _set(docs: Docs, layer: str, i: int, **changes: Any) -> None:
    docs[layer]["features"][i]["properties"].update(changes)


def _drop(docs: Docs, layer: str, i: int, name: str) -> None:
    del docs[layer]["features"][i]["properties"][name]


def _geom(docs: Docs, layer: str, i: int, geometry: Any) -> None:
    docs[layer]["features"][i]["geometry"] = geometry


def _target(docs: Docs, **changes: Any) -> None:
    docs["targets.json"]["targets"][0].update(changes)


BOWTIE = {"type": "Polygon", "coordinates": [[[116.8, 36.6], [116.9, 36.7], [116.9, 36.6], [116.8, 36.7], [116.8, 36.6]]]}

CASES: list[tuple[str, Callable[[Docs], None], str]] = [
    (
        "invalid JSON",
        lambda d: d.update({"zones.geojson": '{"type": "FeatureCollection", "features": [}'}),
        "zones.geojson: got 'Expecting value at line 1 column 44'; expected valid JSON",
    ),
    (
        "not a FeatureCollection",
        lambda d: d.update({"zones.geojson": {"type": "Feature"}}),
        "zones.geojson: field 'type': got 'Feature'; expected a GeoJSON FeatureCollection",
    ),
    (
        "projected CRS member",
        lambda d: d["zones.geojson"].update({"crs": {"type": "name", "properties": {"name": "EPSG:4548"}}}),
        "zones.geojson: field 'crs': got 'EPSG:4548'; expected EPSG:4326 (WGS84 lon/lat); reproject the file to EPSG:4326",
    ),
    (
        "projected coordinates",
        lambda d: _geom(d, "projects.geojson", 0, {"type": "Point", "coordinates": [490000.0, 4060000.0]}),
        "projects.geojson feature 0 (id 'p-in-a'): field 'geometry.coordinates': got [490000.0, 4060000.0]; "
        "expected WGS84 longitude/latitude (EPSG:4326, lon -180..180, lat -90..90); "
        "the file looks projected: reproject it to EPSG:4326",
    ),
    (
        "invalid geometry",
        lambda d: _geom(d, "zones.geojson", 1, BOWTIE),
        "zones.geojson feature 1 (id 'axis-b'): field 'geometry': got 'Self-intersection[116.85 36.65]'; "
        "expected a valid geometry (no self-intersections)",
    ),
    (
        "empty geometry",
        lambda d: _geom(d, "projects.geojson", 1, {"type": "Point", "coordinates": []}),
        "projects.geojson feature 1 (id 'p-in-b'): field 'geometry': got 'empty'; expected a non-empty Point",
    ),
    (
        "missing geometry",
        lambda d: _geom(d, "projects.geojson", 1, None),
        "projects.geojson feature 1 (id 'p-in-b'): field 'geometry': got None; expected a GeoJSON geometry object",
    ),
    (
        "wrong geometry type",
        lambda d: _geom(d, "zones.geojson", 0, {"type": "Point", "coordinates": [116.9, 36.7]}),
        "zones.geojson feature 0 (id 'core-a'): field 'geometry.type': got 'Point'; expected one of Polygon, MultiPolygon",
    ),
    (
        "duplicate id",
        lambda d: _set(d, "projects.geojson", 2, id="p-in-a"),
        "projects.geojson feature 2 (id 'p-in-a'): field 'id': got 'p-in-a'; expected a unique id (already used by feature 0)",
    ),
    (
        "malformed id",
        lambda d: _set(d, "projects.geojson", 2, id="P 3"),
        "projects.geojson feature 2 (id 'P 3'): field 'id': got 'P 3'; expected lowercase letters, digits, '-' or '_'",
    ),
    (
        "unknown status",
        lambda d: _set(d, "projects.geojson", 0, status="规划中"),
        "projects.geojson feature 0 (id 'p-in-a'): field 'status': got '规划中'; expected one of 储备, 开工, 在建, 竣工, 未知",
    ),
    (
        "status without date",
        lambda d: _set(d, "projects.geojson", 1, status_date=None),
        "projects.geojson feature 1 (id 'p-in-b'): field 'status_date': got None; "
        "expected YYYY or YYYY-MM-DD, because status is '开工'",
    ),
    (
        "status without source",
        lambda d: _set(d, "projects.geojson", 1, status_source=""),
        "projects.geojson feature 1 (id 'p-in-b'): field 'status_source': got ''; "
        "expected the text that states the status '开工'",
    ),
    (
        "unknown category",
        lambda d: _set(d, "projects.geojson", 0, category="Hospital"),
        "projects.geojson feature 0 (id 'p-in-a'): field 'category': got 'Hospital'; expected one of 医养健康, 商务会展, "
        "智能制造, 文化旅游, 消费物流, 旧城改造, 城市综合体, 特色街区, 道路, 能源电力, 水利, 幼儿园, 中小学, 轨道交通, 铁路, "
        "公路桥梁, 科研平台, 公共服务, 生态环境, 现代农业, 新兴金融",
    ),
    (
        "unknown zone kind",
        lambda d: _set(d, "zones.geojson", 0, kind="ring"),
        "zones.geojson feature 0 (id 'core-a'): field 'kind': got 'ring'; expected one of core, district, belt, axis",
    ),
    (
        "zone override naming no zone",
        lambda d: _set(d, "projects.geojson", 2, zone_override=["core-x"]),
        "projects.geojson feature 2 (id 'p-none'): field 'zone_override': got 'core-x'; "
        "expected a zone id from zones.geojson (axis-b, core-a)",
    ),
    (
        "missing required field",
        lambda d: _drop(d, "projects.geojson", 0, "name_zh"),
        "projects.geojson feature 0 (id 'p-in-a'): field 'name_zh': got None; expected a value (the field is required)",
    ),
    (
        "unknown geometry quality",
        lambda d: _set(d, "zones.geojson", 0, geometry_quality="good"),
        "zones.geojson feature 0 (id 'core-a'): field 'geometry_quality': got 'good'; expected one of approximate, derived, surveyed",
    ),
    (
        "outside the district without a note",
        lambda d: _set(d, "projects.geojson", 2, extends_beyond_district=True),
        "projects.geojson feature 2 (id 'p-none'): field 'outside_note': got None; expected a non-empty string",
    ),
    (
        "bad source section",
        lambda d: _set(d, "zones.geojson", 0, source_section="chapter 2"),
        "zones.geojson feature 0 (id 'core-a'): field 'source_section': got 'chapter 2'; "
        "expected a section id such as ch2-3, ch1-1-3 or box6",
    ),
    (
        "target baseline does not parse",
        lambda d: _target(d, baseline={"year": 2020, "value": "52.8亿", "text": "52.8"}),
        "targets.json feature 0 (id 't-1'): field 'baseline.value': got '52.8亿'; "
        "expected a number or null (put the plan's wording in 'text')",
    ),
    (
        "target unit does not parse",
        lambda d: _target(d, unit="billion"),
        "targets.json feature 0 (id 't-1'): field 'unit': got 'billion'; expected null (the plan gives no unit) or a "
        "known unit (%, 亿元, 亿美元, 元, 万元, 万人, 人, 万人次, 张, 万亩, 亩, 家, 座, 个, 项, 所, 条, 平方米, 分钟, 人/千人, 张/千人, "
        "件/万人)",
    ),
    (
        "conflict note without its English",
        lambda d: _target(d, conflict_note="两处表述不一致"),
        "targets.json feature 0 (id 't-1'): field 'conflict_note_en': got None; expected conflict_note and "
        "conflict_note_en given together",
    ),
    (
        "target scope naming no zone",
        lambda d: _target(d, scope="core-x"),
        "targets.json feature 0 (id 't-1'): field 'scope': got 'core-x'; expected a zone id from zones.geojson (axis-b, core-a)",
    ),
    (
        "target observation without a value",
        lambda d: _target(d, observations=[{"year": 2022, "value": None, "source": "统计公报"}]),
        "targets.json feature 0 (id 't-1'): field 'observations[0].value': got None; expected a number",
    ),
    (
        "target comparison unknown",
        lambda d: _target(d, comparison="more"),
        "targets.json feature 0 (id 't-1'): field 'comparison': got 'more'; expected one of at_least, at_most, none",
    ),
]


@pytest.mark.parametrize(("rule", "mutate", "message"), CASES, ids=[c[0] for c in CASES])
def test_rule_reports_exact_message(tmp_path, rule, mutate, message):
    docs = tiny_plan_docs()
    mutate(docs)
    plan = load_plan(write_docs(tmp_path / "plan", docs))
    messages = [str(p) for p in plan.errors]
    assert message in messages, f"{rule}: got {messages}"


def test_valid_tiny_plan_has_no_problem(tiny_folder):
    plan = load_plan(tiny_folder)
    assert plan.problems == []
    assert len(plan.projects) == 3
    assert len(plan.targets) == 2


def test_every_problem_is_collected_not_just_the_first(tmp_path):
    docs = tiny_plan_docs()
    _set(docs, "projects.geojson", 0, status="x", category="y")
    _set(docs, "projects.geojson", 2, id="p-in-a")
    docs["zones.geojson"] = "not json"
    _target(docs, unit="?")
    plan = load_plan(write_docs(tmp_path / "plan", docs))
    fields = sorted((p.file, p.field) for p in plan.errors)
    assert ("projects.geojson", "status") in fields
    assert ("projects.geojson", "category") in fields
    assert ("projects.geojson", "id") in fields
    assert ("zones.geojson", None) in fields
    assert ("targets.json", "unit") in fields


def test_broken_file_does_not_stop_other_layers(tmp_path):
    docs = tiny_plan_docs()
    docs["zones.geojson"] = "{"
    plan = load_plan(write_docs(tmp_path / "plan", docs))
    assert len(plan.projects) == 3
    assert len(plan.layer("boundary")) == 1
    assert plan.zones.empty
    assert all(ids == [] for ids in plan.projects["zone_ids"])


def test_bad_feature_is_left_out_and_the_rest_kept(tmp_path):
    docs = tiny_plan_docs()
    _set(docs, "projects.geojson", 1, status="bogus")
    plan = load_plan(write_docs(tmp_path / "plan", docs))
    assert sorted(plan.projects["id"]) == ["p-in-a", "p-none"]
    assert plan.feature_counts["projects"] == 3


def test_missing_required_layer_is_reported(tmp_path):
    docs = tiny_plan_docs()
    del docs["projects.geojson"]
    plan = load_plan(write_docs(tmp_path / "plan", docs))
    assert any(p.file == "projects.geojson" and "file not found" in str(p.value) for p in plan.errors)
