"""The bulk-update page through AppTest: preview of a 项目调度表, apply as one change set, undo as one."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import texts
from tests.app.test_import_page import PLANNER, button, run

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "bulk_update.py"
SHEET = ("项目编号,项目名称,状态,日期,依据\n"
         "p-in-a,,在建,2026-11-30,区发改局2026年11月调度表\n"
         "p-missing,,在建,2026-11-30,区发改局2026年11月调度表\n"
         ",测试,竣工,2026-11-30,区发改局2026年11月调度表\n").encode()


def page(folder, monkeypatch, user, lang="zh"):
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(folder))
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["lang"] = lang
    if user:
        at.session_state["user"] = user
    return run(at)


def _status(folder, pid):
    doc = json.loads((folder / "projects.geojson").read_text(encoding="utf-8"))
    return next(f["properties"]["status"] for f in doc["features"] if f["properties"]["id"] == pid)


def test_visitor_gets_no_uploader(tiny_folder, monkeypatch):
    at = page(tiny_folder, monkeypatch, None)
    assert len(at.file_uploader) == 0 and "批量更新需要规划人员账号：请在左侧登录。" in texts(at)


def test_planner_previews_applies_and_undoes_a_status_sheet(tiny_folder, monkeypatch):
    at = page(tiny_folder, monkeypatch, PLANNER)
    at.file_uploader[0].set_value(("调度表.csv", SHEET, "text/csv"))
    run(at)
    assert "调度表.csv：识别为项目调度表，共 3 行。" in texts(at)
    assert {m.label: m.value for m in at.metric} == {"将更新": "1", "已是此值": "0", "有冲突": "1", "未匹配": "1", "有错误": "0"}
    tables = [df for df in (d.value for d in at.dataframe)]
    why = [v for df in tables for v in df["说明"]]
    assert "没有编号或名称为“p-missing”的项目" in why
    assert any(v.startswith("名称“测试”对应多个项目") for v in why)
    button(at, "应用 1 项变更").click()
    run(at)
    assert "已应用 1 项变更（审计记录 #2）。" in texts(at)
    assert _status(tiny_folder, "p-in-a") == "在建"
    button(at, "撤销 #2").click()
    run(at)
    assert "已撤销批量更新 #2。" in texts(at)
    assert _status(tiny_folder, "p-in-a") == "未知"
    assert "已被 #4 撤销" in [c.value for c in at.caption], [c.value for c in at.caption]


def test_unreadable_sheet_is_named_in_english(tiny_folder, monkeypatch):
    at = page(tiny_folder, monkeypatch, PLANNER, lang="en")
    at.file_uploader[0].set_value(("notes.csv", "名称,备注\n甲,乙\n".encode(), "text/csv"))
    run(at)
    assert [e.value for e in at.error][0].startswith("notes\\.csv: neither a status sheet nor an observations sheet")
