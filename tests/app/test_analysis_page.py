"""The analysis page through AppTest: red-line table and download, a drawn shape checked, catchments and zones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planning.imports import SHAPE_CHECK_LIMITS
from tests.app.conftest import texts
from tests.helpers import GEODATA

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "analysis.py"


@pytest.fixture
def at(monkeypatch) -> AppTest:
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(GEODATA))
    app = AppTest.from_file(str(PAGE), default_timeout=90)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_tables_of_the_shipped_plan(at, shipped_plan):
    shown = texts(at)
    for heading in ("各图层冲突汇总", "站点 500 米服务范围", "站点 800 米服务范围", "片区面积、项目与密度"):
        assert heading in shown
    zones = next(d.value for d in at.dataframe if "项目密度（个/平方公里）" in d.value.columns)
    assert len(zones) == len(shipped_plan.zones)
    assert {"下载 CSV"} == {b.label for b in at.get("download_button")}


def test_a_drawn_polygon_over_the_yufu_belt_is_checked(at, shipped_plan):
    belt = shipped_plan.feature("zones", "belt-yufu").geometry
    square = belt.representative_point().buffer(0.003, cap_style="square")
    value = {"all_drawings": [{"type": "Feature", "properties": {}, "geometry": square.__geo_interface__}]}
    component = at.get("component_instance")[0]
    at.session_state[component.proto.id.rsplit("-", 1)[1]] = value
    at.session_state["ana_draw"] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "该图形与生态图层的重叠" in texts(at)
    result = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["生态图层", "要素"])
    assert "玉符河生态休闲带" in set(result["生态图层"])


def test_river_buffer_changes_the_conflicts(at):
    before = texts(at)
    at.number_input(key="ana_buffer").set_value(0.0).run()
    assert not at.exception
    assert "河流（两侧 0 米）" in texts(at) and "河流（两侧 50 米）" in before


# --- uploads: planners only, limits before the importer (issue #16, item 8) ---------------------------------


def test_anonymous_visitors_get_no_uploader_but_can_draw(at):
    assert len(at.file_uploader) == 0
    assert "上传图形文件需要规划人员登录" in texts(at)
    assert at.get("component_instance"), "the drawing map stays public"


def test_a_planner_uploads_a_shape_and_it_is_checked(monkeypatch, shipped_plan):
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(GEODATA))
    app = AppTest.from_file(str(PAGE), default_timeout=90)
    app.session_state["user"] = {"username": "planner1", "name": "规划员甲"}
    app.run()
    assert len(app.file_uploader) == 1
    belt = shipped_plan.feature("zones", "belt-yufu").geometry
    square = belt.representative_point().buffer(0.003, cap_style="square")
    doc = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": square.__geo_interface__}]}).encode()
    app.file_uploader[0].set_value(("shape.geojson", doc, "application/geo+json"))
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert "该图形与生态图层的重叠" in texts(app)


def test_an_oversized_outline_is_refused_before_the_importer_parses_it(monkeypatch):
    import planning.imports as imports

    ring = [[i % 7, 1] for i in range(SHAPE_CHECK_LIMITS.max_vertices * 2)] + [[0, 1]]
    doc = json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":")).encode()
    assert len(doc) < SHAPE_CHECK_LIMITS.max_bytes, "small enough in bytes: the vertex limit must catch it"

    def parse(*args, **kwargs):
        raise AssertionError("the importer parsed a file that the limits refuse")

    monkeypatch.setattr(imports, "_read_format", parse)
    result = imports.read_upload("big.geojson", doc, options=imports.ImportOptions(limits=SHAPE_CHECK_LIMITS))
    assert [m.code for m in result.errors] == ["too_many_vertices"] and result.gdf is None
    big = imports.read_upload("big.geojson", b" " * (SHAPE_CHECK_LIMITS.max_bytes + 1) + doc[:100],
                              options=imports.ImportOptions(limits=SHAPE_CHECK_LIMITS))
    assert [m.code for m in big.errors] == ["too_large"]


def test_the_exact_vertex_count_is_checked_after_reading_binary_formats(tmp_path):
    import geopandas as gpd
    import shapely

    from planning.imports import ImportLimits, ImportOptions, read_upload

    ring = shapely.Point(116.9, 36.66).buffer(0.01, quad_segs=300)  # 1,201 vertices
    path = tmp_path / "ring.gpkg"
    gpd.GeoDataFrame({"n": ["a"]}, geometry=[ring], crs=4326).to_file(path)
    result = read_upload("ring.gpkg", path.read_bytes(), options=ImportOptions(limits=ImportLimits(max_vertices=1000)))
    assert [m.code for m in result.errors] == ["too_many_vertices"]
