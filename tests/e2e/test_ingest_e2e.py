"""A planner ingests a new plan in chromium: extract, accept, reject, place by a map click, apply, see it on the map, switch plans."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from planning.auth import add_account
from planning.storage import FileStore
from planning.sessions import COOKIE_NAME
from tests.e2e.conftest import ROOT, start_app, wait_for_map
from tests.unit.test_ingest import PLAN_15

PASSWORD = "e2e ingest password"
NEW_PROJECT = "甲乙国际医院"
HAS_FEATURE_JS = """
(name) => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const w = f && f.contentWindow; if (!w || !w.map_div) return null; let n = 0;
  w.map_div.eachLayer(l => { if (l.feature && l.feature.properties.n === name) n++; }); return n; }
"""


@pytest.fixture(scope="module")
def ingest_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("ingest")
    data = base / "geodata"
    shutil.copytree(ROOT / "geodata", data, ignore=shutil.ignore_patterns("audit.jsonl"))
    accounts = base / "accounts.json"
    add_account(FileStore(base), "planner1", PASSWORD, name="规划员甲")
    document = base / "plan15.txt"
    document.write_text(PLAN_15, encoding="utf-8")
    proc, url = start_app({"HUAIYIN_DATA_DIR": str(data), "HUAIYIN_ACCOUNTS_FILE": str(accounts)})
    yield url, document
    proc.terminate()
    proc.wait(10)


def _login(page):
    page.get_by_text("规划人员登录").click()
    page.get_by_label("用户名").fill("planner1")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text(re.compile("已登录")).first.wait_for()
    # the session cookie is set by the browser's request to /auth/session after the rerun: wait for it
    for _ in range(240):
        if any(c["name"] == COOKIE_NAME for c in page.context.cookies()):
            return
        page.wait_for_timeout(500)
    raise AssertionError("the login set no session cookie")


def _card(page, text):
    """The innermost block holding the candidate's title ("项目 · NAME") and its decision form."""
    return (page.locator('[data-testid="stVerticalBlock"]').filter(has=page.get_by_text(re.compile(f"^(项目|目标) · {re.escape(text)}")))
            .filter(has=page.get_by_role("button", name="保存决定")).last)


def _choose(page, scope, label, option):
    box = scope.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=re.compile(f"^{re.escape(label)}"))).first
    for attempt in range(3):
        box.click()
        try:
            page.get_by_role("option", name=option).first.click(timeout=8000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            if attempt == 2:
                raise


def _filter(page, name):
    box = page.get_by_label("按名称筛选")
    box.fill(name)
    box.press("Enter")
    _card(page, name).get_by_role("button", name="保存决定").wait_for()


def _save(page, card, name):
    card.get_by_role("button", name="保存决定").click()
    page.get_by_text(re.compile(f"已保存：{re.escape(name)}")).wait_for()


def test_ingest_review_apply_and_switch_plans(page, ingest_app):
    url, document = ingest_app
    page.set_default_timeout(120_000)  # every step waits on what the page shows; a loaded CI box is slow
    page.goto(f"{url}/ingest")
    _login(page)
    page.goto(f"{url}/ingest")  # the login lands on the map; the session cookie keeps it on every page
    page.get_by_text("规划文本", exact=True).wait_for()
    page.locator("input[type=file]").set_input_files(str(document))
    page.get_by_text("plan15.txt").first.wait_for()
    page.get_by_role("button", name="提取候选").click()
    page.get_by_text(re.compile("已从 plan15.txt 提取")).wait_for()

    page.get_by_text("项目", exact=True).first.click()  # the kind of candidate
    _filter(page, NEW_PROJECT)
    card = _card(page, NEW_PROJECT)
    card.get_by_role("button", name="在地图上定位").click()
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator("#map_div").wait_for()
    iframe = page.locator('iframe[title="streamlit_folium.st_folium"]')
    iframe.scroll_into_view_if_needed()
    page.wait_for_function("() => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
                           " return !!(f && f.contentWindow && f.contentWindow.map_div); }")
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.5)
    page.get_by_text(re.compile("已点选 116")).wait_for()
    card = _card(page, NEW_PROJECT)
    card.get_by_text("采纳", exact=True).click()
    card.get_by_label("英文名称（必填）").fill("Jiayi International Hospital")
    _choose(page, card, "类别", "医养健康")
    card.get_by_text("地图点选", exact=True).click()
    _save(page, card, NEW_PROJECT)

    _filter(page, "南山算力小镇")
    card = _card(page, "南山算力小镇")
    card.get_by_text("不采纳", exact=True).click()
    card.get_by_label("不采纳的理由").fill("不在本区范围")
    _save(page, card, "南山算力小镇")
    box = page.get_by_label("按名称筛选")
    box.fill("")
    box.press("Enter")
    page.get_by_text(re.compile("^项目 · 甲乙国际医院")).first.wait_for()

    page.get_by_text("目标", exact=True).first.click()
    page.get_by_text(re.compile("^目标 · ")).first.wait_for()  # the targets are listed (the name filter still applies)
    _filter(page, "高新技术企业")
    card = _card(page, "高新技术企业")
    card.get_by_text("采纳", exact=True).click()
    card.get_by_label("指标英文名（必填）").fill("High-tech enterprises")
    _save(page, card, "高新技术企业")

    page.get_by_role("button", name="写入规划 15th").click()
    page.get_by_text(re.compile(r"已写入（审计记录 #\d+）")).wait_for()

    # the map: the new plan's project is drawn; the plan filter switches between the plans
    page.goto(url)  # the map is the default page
    wait_for_map(page)
    page.wait_for_function(f"() => ({HAS_FEATURE_JS})({NEW_PROJECT!r}) > 0")
    plan_filter = page.locator('[data-testid="stMultiSelect"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=re.compile("^规划$"))).first
    plan_filter.scroll_into_view_if_needed()
    plan_filter.locator("input").click()
    page.get_by_role("option", name="“十四五”规划").first.click()
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => ({HAS_FEATURE_JS})({NEW_PROJECT!r}) === 0")
    plan_filter.locator("input").click()
    page.get_by_role("option", name="“十五五”规划").first.click()
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => ({HAS_FEATURE_JS})({NEW_PROJECT!r}) > 0")
