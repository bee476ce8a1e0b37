"""A planner logs in, changes a project's status, sees map and dashboard change, then reverts it."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from layers.styles import STATUS_COLORS
from planning.auth import add_account
from planning.storage import FileStore
from tests.e2e.conftest import ROOT, STEP_MS, folium_frame, start_app, wait_for_map

PASSWORD = "e2e planner password"
PROJECT = "树兰（济南）国际医院"

STYLE_JS = """
(name) => { let c = null; window.map_div.eachLayer(l => { if (l.feature && l.feature.properties.l === 'projects'
  && l.feature.properties.n === name) { c = l.options.fillColor; } }); return c; }
"""


@pytest.fixture(scope="module")
def editable_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("edit")
    data = base / "geodata"
    shutil.copytree(ROOT / "geodata", data)
    accounts = base / "accounts.json"
    add_account(FileStore(base), "planner1", PASSWORD, name="规划员甲")
    proc, url = start_app({"HUAIYIN_DATA_DIR": str(data), "HUAIYIN_ACCOUNTS_FILE": str(accounts)})
    yield url
    proc.terminate()
    proc.wait(10)


def _login(page):
    page.get_by_text("规划人员登录").click()
    page.get_by_label("用户名").fill("planner1")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("已登录：规划员甲（可编辑）").wait_for()


def _select_project(page):
    box = page.get_by_label("搜索项目或片区")
    box.fill("树兰")
    box.press("Enter")
    page.get_by_role("button", name=PROJECT).first.click()
    page.get_by_role("heading", name=PROJECT).first.wait_for()


def _choose(page, label, option):
    """Pick ``option`` in the selectbox labelled exactly ``label`` (opening it again if the list was slow)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=re.compile(f"^{label}$"))).first
    for attempt in range(3):
        box.click()
        try:
            page.get_by_role("option", name=option).first.click(timeout=8000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            if attempt == 2:
                raise


def _wait_color(page, color):
    """Wait until the project is drawn in ``color`` on the map."""
    page.wait_for_function(
        "([name, color]) => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " const w = f && f.contentWindow; if (!w || !w.map_div) return false; let c = null;"
        " w.map_div.eachLayer(l => { if (l.feature && l.feature.properties.n === name) c = l.options.fillColor; });"
        " return c === color; }",
        arg=[PROJECT, color],
        timeout=STEP_MS,
    )


def test_change_status_see_map_and_dashboard_then_revert(page, editable_app):
    page.goto(editable_app)
    wait_for_map(page)
    _login(page)
    _select_project(page)
    frame = folium_frame(page)
    assert frame.evaluate(STYLE_JS, PROJECT) == STATUS_COLORS["开工"]
    page.get_by_text("更新状态").click()
    _choose(page, "状态", "在建")
    page.get_by_label("状态依据").fill("区重点项目调度表（测试）")
    page.get_by_role("button", name="保存").first.click()
    page.get_by_text("已保存（审计记录 #1）。").wait_for(timeout=STEP_MS)
    wait_for_map(page)
    _wait_color(page, STATUS_COLORS["在建"])
    page.get_by_role("link", name="目标与项目").click()
    page.get_by_role("tab", name="项目库").click()
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="在建").first
    metric.wait_for()
    assert "2" in metric.inner_text()  # 济南宽禁带半导体产业小镇 and the edited project
    page.get_by_role("link", name="规划地图").click()
    _select_project(page)
    page.get_by_text("修改记录").first.click()
    page.get_by_text("#1").first.wait_for()
    page.get_by_role("button", name="撤销此修改").first.click()
    page.get_by_text("已保存（审计记录 #2）。").wait_for(timeout=STEP_MS)
    _wait_color(page, STATUS_COLORS["开工"])
    assert page.offline.blocked == []
