"""Several app replicas on one PostGIS database.

- Two ``streamlit run app.py`` processes share a database (their data folder
  is empty: everything comes from PostGIS). A planner changes a project's
  status in replica A's browser page; replica B's page, open since before the
  edit, shows the new status on its next rerun.
- 2 replica processes × 10 threads × 10 edits add 200 observations at once
  (retrying when someone changed the target meanwhile): none is lost and the
  audit log has exactly 200 entries, numbered 1…200.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from layers.styles import STATUS_COLORS
from planning.auth import add_account
from planning.edits import PlanEditor
from planning.plan import load_plan
from planning.postgis import PostgisStore, load_folder
from tests.e2e.conftest import ROOT, STEP_MS, folium_frame, start_app, wait_for_map
from tests.helpers import GEODATA

PASSWORD = "replica planner password"
PROJECT = "树兰（济南）国际医院"
COLOR_JS = """
(id) => { let c = null; window.map_div.eachLayer(l => { if (l.feature && l.feature.properties.l === 'projects'
  && l.feature.properties.id === id) { c = l.options.fillColor; } }); return c; }
"""


@pytest.fixture
def shared_database(fresh_database: str) -> str:
    store = PostgisStore(fresh_database)
    load_folder(store, GEODATA)
    store.close()
    return fresh_database


@pytest.fixture
def two_replicas(shared_database, tmp_path):
    store = PostgisStore(shared_database)
    add_account(store.scoped("accounts"), "planner1", PASSWORD, name="规划员甲")  # accounts live in the database
    store.close()
    accounts = tmp_path / "accounts.json"  # not used: with a database, the accounts file is ignored
    empty = tmp_path / "no-files"
    empty.mkdir()
    env = {"HUAIYIN_DATABASE_URL": shared_database, "HUAIYIN_ACCOUNTS_FILE": str(accounts),
           "HUAIYIN_DATA_DIR": str(empty), "HUAIYIN_STATE_DIR": str(tmp_path / "state")}
    apps = [start_app(env), start_app(env)]
    yield [url for _, url in apps]
    for proc, _ in apps:
        proc.terminate()
        proc.wait(10)


def _project_id() -> str:
    projects = load_plan(GEODATA).projects
    return projects[projects["name_zh"] == PROJECT].iloc[0]["id"]


def _wait_color(page, color: str) -> None:
    """Wait until the project is drawn in ``color`` (found by id: the names follow the page's language)."""
    page.wait_for_function(
        "([id, color]) => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " const w = f && f.contentWindow; if (!w || !w.map_div || typeof w.map_div.eachLayer !== 'function') return false;"
        " let c = null;"
        " w.map_div.eachLayer(l => { if (l.feature && l.feature.properties.l === 'projects'"
        " && l.feature.properties.id === id) c = l.options.fillColor; });"
        " return c === color; }",
        arg=[_project_id(), color],
        timeout=STEP_MS,
    )


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (opening it again if a rerun closed it)."""
    for _ in range(3):
        page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
        choice = page.get_by_role("option", name=option).first
        try:
            choice.wait_for(timeout=10000)
        except PlaywrightTimeout:
            continue
        choice.click()
        return
    raise AssertionError(f"the {label} selectbox did not offer {option}")


def _edit_status_in(page, url: str) -> None:
    page.goto(url)
    wait_for_map(page, timeout=STEP_MS)
    page.get_by_text("规划人员登录").click()
    page.get_by_label("用户名").fill("planner1")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("已登录：规划员甲（可编辑）").wait_for()
    box = page.get_by_label("搜索项目或片区")
    box.fill("树兰")
    box.press("Enter")
    page.get_by_role("button", name=PROJECT).first.click()
    page.get_by_role("heading", name=PROJECT).first.wait_for()
    page.get_by_text("更新状态").click()
    _choose(page, "状态", "在建")
    page.get_by_label("状态依据").fill("区重点项目调度表（副本测试）")
    page.get_by_role("button", name="保存").first.click()
    page.get_by_text("已保存（审计记录 #1）。").wait_for(timeout=STEP_MS)


def test_an_edit_in_one_replica_shows_in_the_other_on_its_next_rerun(two_replicas, browser, shared_database):
    url_a, url_b = two_replicas
    contexts = [browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN") for _ in range(2)]
    for context in contexts:
        context.set_default_timeout(60000)
    page_a, page_b = (context.new_page() for context in contexts)
    page_b.goto(url_b)
    wait_for_map(page_b, timeout=STEP_MS)
    assert folium_frame(page_b).evaluate(COLOR_JS, _project_id()) == STATUS_COLORS["开工"]
    _edit_status_in(page_a, url_a)
    _wait_color(page_a, STATUS_COLORS["在建"])
    page_b.get_by_role("link", name="目标与项目").click()  # replica B's session reruns: another page, then back
    page_b.get_by_role("tab", name="项目库").wait_for()
    page_b.get_by_role("link", name="规划地图").click()
    wait_for_map(page_b, timeout=STEP_MS)
    _wait_color(page_b, STATUS_COLORS["在建"])
    entries = PlanEditor(PostgisStore(shared_database)).log()
    assert [(e.seq, e.user, e.after["status"]) for e in entries] == [(1, "planner1", "在建")]
    for context in contexts:
        context.close()


def test_200_concurrent_edits_from_two_replicas_lose_nothing(shared_database):
    targets = [t.id for t in load_plan(GEODATA).targets[:8]]
    start = time.time() + 3.0  # both replicas start editing at the same moment
    cmd = [sys.executable, "-m", "tests.store.replica_worker", shared_database]
    procs = [
        subprocess.Popen([*cmd, tag, "10", "10", str(start), *targets], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for tag in ("A", "B")
    ]
    results = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=1800)  # a hang is reported, not waited for forever
        assert proc.returncode == 0, stderr[-3000:]
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    assert [r["errors"] for r in results] == [[], []]
    assert sum(r["done"] for r in results) == 200
    store = PostgisStore(shared_database)
    log = PlanEditor(store).log()
    assert len(log) == 200
    assert sorted(e.seq for e in log) == list(range(1, 201))
    assert Counter(e.user.split("-")[0] for e in log) == {"A": 100, "B": 100}
    sources = [o.source for t in load_plan(store).targets for o in t.observations if o.source[:2] in ("A/", "B/")]
    expected = [f"{tag}/t{n}/e{i}" for tag in "AB" for n in range(10) for i in range(10)]
    assert sorted(sources) == sorted(expected)  # every edit is there exactly once
    store.close()
    print(f"retries after a concurrent change: {sum(r['retries'] for r in results)}")
