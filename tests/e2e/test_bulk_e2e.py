"""A planner uploads a 项目调度表 in the browser, applies it as one change set and undoes it as one."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.e2e.conftest import ROOT, Offline, start_app
from tests.helpers import add_file_account
from tests.e2e.test_login_e2e import _log_in

PASSWORD = "e2e bulk password"
SHEET = ("项目编号,项目名称,状态,日期,依据\n"
         "prj-med-silicon-valley,,在建,2026-11-30,E2E 测试调度表（非真实数据）\n"
         ",不存在的项目,在建,2026-11-30,E2E 测试调度表（非真实数据）\n")


@pytest.fixture(scope="module")
def bulk_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("bulk")
    data = base / "geodata"
    shutil.copytree(ROOT / "geodata", data)
    accounts = base / "accounts.json"
    add_file_account(accounts, "planner4", PASSWORD, name="规划员丁")
    proc, url = start_app({"HUAIYIN_DATA_DIR": str(data), "HUAIYIN_ACCOUNTS_FILE": str(accounts),
                           "HUAIYIN_STATE_DIR": str(base / "state")})
    yield url, data
    proc.terminate()
    proc.wait(10)


def _status(data, pid):
    doc = json.loads((data / "projects.geojson").read_text(encoding="utf-8"))
    return next(f["properties"]["status"] for f in doc["features"] if f["properties"]["id"] == pid)


def test_bulk_apply_and_undo_in_the_browser(bulk_app, browser, tmp_path):
    url, data = bulk_app
    sheet = tmp_path / "调度表.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    ctx.route("**/*", Offline())
    page = ctx.new_page()
    try:
        page.goto(url + "/bulk")
        _log_in(page, "planner4", PASSWORD)
        page.get_by_text("已登录：规划员丁（可编辑）").wait_for()
        page.locator('input[type="file"]').set_input_files(str(sheet))
        page.get_by_text("调度表.csv：识别为项目调度表，共 2 行。").wait_for()
        page.get_by_text("没有编号或名称为“不存在的项目”的项目").first.wait_for(state="attached")
        page.get_by_role("button", name="应用 1 项变更").click()
        page.get_by_text("已应用 1 项变更").wait_for()
        assert _status(data, "prj-med-silicon-valley") == "在建"
        page.get_by_role("button", name="撤销 #").first.click()
        page.get_by_text("已撤销批量更新").wait_for()
        assert _status(data, "prj-med-silicon-valley") == "未知"
    finally:
        ctx.close()
