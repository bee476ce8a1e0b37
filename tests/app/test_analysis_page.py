"""The analysis page through AppTest: red-line table and download, a drawn shape checked, catchments and zones."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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
