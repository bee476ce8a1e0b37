"""The import page through AppTest: visitors get no uploader; a planner imports, sees the report and preview, and undoes.

The page runs on its own (``AppTest.from_file``) with the planner put in the
session the way the sidebar login does, so the test does not depend on the
page's place in the router.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import file_stores
from planning.imports_apply import import_history, overlay_metadata
from planning.plan import load_plan
from tests.app.conftest import texts

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "import_page.py"
PLANNER = {"username": "planner1", "name": "规划员甲"}
RED_LINE = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "<b>红线</b>"},
                       "geometry": {"type": "Polygon", "coordinates": [[[116.86, 36.66], [116.87, 36.66], [116.87, 36.67], [116.86, 36.66]]]}}]},
                      ensure_ascii=False).encode()


def page(folder: Path, monkeypatch: pytest.MonkeyPatch, user: dict[str, str] | None) -> AppTest:
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(folder))
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    if user:
        at.session_state["user"] = user
    return run(at)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_read_only_visitor_sees_no_uploader(tiny_folder, monkeypatch):
    at = page(tiny_folder, monkeypatch, None)
    assert len(at.file_uploader) == 0
    assert "导入数据需要规划人员账号" in texts(at)
    assert not [b for b in at.button if b.label.startswith("撤销导入")]


def test_planner_imports_a_geojson_as_overlay_and_undoes_it(tiny_folder, monkeypatch):
    at = page(tiny_folder, monkeypatch, PLANNER)
    assert len(at.file_uploader) == 1
    at.file_uploader[0].set_value(("红线.geojson", RED_LINE, "application/geo+json"))
    run(at)
    shown = texts(at)
    assert "未发现问题。" in shown and "校验报告" in shown
    preview = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert "&lt;b&gt;红线&lt;/b&gt;" in preview and "<b>红线</b>" not in preview  # the name is escaped on the map
    next(s for s in at.selectbox if s.label == "图层类型").set_value("生态保护红线")
    next(t for t in at.text_area if t.label.startswith("来源")).set_value("测试用红线，2026")
    button(at, "导入为叠加图层").click()
    run(at)
    assert "已导入（审计记录 #1" in texts(at)
    meta = overlay_metadata(file_stores(tiny_folder))
    assert [(m["title"], m["kind"], m["provenance"], m["imported_by"]) for m in meta] == [("红线", "生态保护红线", "测试用红线，2026", "planner1")]
    assert len(at.file_uploader) == 1 and at.file_uploader[0].value is None  # the upload is cleared
    button(at, "撤销导入 #1").click()
    run(at)
    assert "已撤销导入 #1。" in texts(at)
    assert overlay_metadata(file_stores(tiny_folder)) == []
    assert import_history(file_stores(tiny_folder))[0].undone_by == 2
    assert "已由 #2 撤销" in texts(at)


def test_planner_merges_a_gcj02_csv_into_projects(tiny_folder, monkeypatch):
    at = page(tiny_folder, monkeypatch, PLANNER)
    csv = "名称,经度,纬度\n新建学校,116.9065,36.6813\n".encode("gbk")
    at.file_uploader[0].set_value(("学校.csv", csv, "text/csv"))
    run(at)
    assert "请先处理上面的错误和问题" in texts(at)  # the datum question is open
    next(s for s in at.selectbox if s.label == "坐标系").set_value("GCJ-02")
    run(at)
    at.radio(key="imp_how").set_value("projects")
    run(at)
    # nothing is chosen for the planner: no category, no plan section, no silent English name
    assert at.selectbox(key="imp_pr_category").value is None and at.selectbox(key="imp_pr_section").value is None
    assert "请选择项目类别和规划出处：导入的项目不会默认归入任何类别或章节。" in texts(at)
    assert not [b for b in at.button if b.label == "合并到项目"]
    at.selectbox(key="imp_pr_category").set_value("中小学")
    at.selectbox(key="imp_pr_section").set_value("ch4-1")
    run(at)
    assert "请选择英文名称所在的列，或确认此文件没有英文名称。" in texts(at)
    at.checkbox(key="imp_pr_no_name_en").check()
    run(at)
    assert "没有编号冲突或疑似重复。" in texts(at)
    button(at, "合并到项目").click()
    run(at)
    assert "已导入" in texts(at)
    plan = load_plan(tiny_folder)
    added = plan.projects[plan.projects["name_zh"] == "新建学校"].iloc[0]
    assert added.geometry.x == pytest.approx(116.9065 - 0.0056, abs=0.0015)  # converted from GCJ-02 (about 500 m west)
    button(at, "撤销导入 #2").click()  # #1 adds the project, #2 is the import
    run(at)
    assert len(load_plan(tiny_folder).projects) == 3


def test_invalid_geometry_needs_the_planners_consent(tiny_folder, monkeypatch):
    bowtie = {"type": "Polygon", "coordinates": [[[116.86, 36.66], [116.87, 36.67], [116.87, 36.66], [116.86, 36.67], [116.86, 36.66]]]}
    data = json.dumps({"type": "Feature", "properties": {"名称": "蝴蝶"}, "geometry": bowtie}).encode()
    at = page(tiny_folder, monkeypatch, PLANNER)
    at.file_uploader[0].set_value(("bowtie.geojson", data, "application/geo+json"))
    run(at)
    assert "无效几何" in texts(at) and "请先处理上面的错误和问题" in texts(at)
    assert not [b for b in at.button if b.label == "导入为叠加图层"]
    at.checkbox(key="imp_repair").check()
    run(at)
    assert "几何已修复" in texts(at) and "feature 0" in texts(at)
    assert [b for b in at.button if b.label == "导入为叠加图层"]


def test_overlay_kind_is_not_chosen_for_the_planner_and_points_cannot_be_a_red_line(tiny_folder, monkeypatch):
    at = page(tiny_folder, monkeypatch, PLANNER)
    points = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "井"},
              "geometry": {"type": "Point", "coordinates": [116.87, 36.66]}}]}
    at.file_uploader[0].set_value(("井.geojson", json.dumps(points, ensure_ascii=False).encode(), "application/geo+json"))
    run(at)
    kind = at.selectbox(key="imp_ov_kind")
    assert kind.value is None
    assert "生态保护红线" not in kind.options and "永久基本农田" not in kind.options
    assert "点或线要素不能作为红线类图层（生态保护红线、永久基本农田需要面要素）。" in texts(at)
