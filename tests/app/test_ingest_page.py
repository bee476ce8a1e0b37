"""规划导入 page through AppTest: a draft in the store is reviewed, applied and undone by a logged-in planner."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.helpers import add_file_account
from planning.ingest import extract, read_document
from planning.ingest.matching import match, named_features
from planning.ingest.review import load_draft, new_draft, save_draft
from planning.plan import load_plan
from planning.storage import FileStore
from tests.app.conftest import run_app, texts
from tests.unit.test_ingest import PLAN_15

PASSWORD = "a long test password"
GEODATA = Path(__file__).resolve().parents[2] / "geodata"
PAGE = "app_pages/plan_ingest.py"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA, target, ignore=shutil.ignore_patterns("audit.jsonl", "*.lock", "*.tmp"))
    accounts = tmp_path / "accounts.json"
    add_file_account(accounts, "planner1", PASSWORD, name="规划员甲")
    monkeypatch.setenv("HUAIYIN_ACCOUNTS_FILE", str(accounts))
    plan = load_plan(target)
    extraction = extract(read_document("plan15.txt", PLAN_15.encode()))
    match(extraction.candidates, named_features(plan.layers, plan.targets))
    save_draft(FileStore(target), new_draft(extraction, "15th", user="planner1", now=dt.datetime.now(dt.UTC)))
    return target


def _ok(at):
    assert not at.exception, [e.message for e in at.exception]
    return at


def _login(at):
    at.text_input(key="auth_username").set_value("planner1")
    at.text_input(key="auth_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "登录").click().run()
    return _ok(at)


def test_visitors_see_no_review(folder, monkeypatch):
    at = _ok(run_app(folder, monkeypatch).switch_page(PAGE).run())
    assert "规划导入需要规划人员账号" in texts(at)
    assert not [b for b in at.button if b.label == "保存决定"]


def test_planner_reviews_applies_and_undoes(folder, monkeypatch):
    at = _login(run_app(folder, monkeypatch))
    at = _ok(at.switch_page(PAGE).run())
    shown = texts(at)
    assert "审核中的规划" in shown and "西部科创中心" in shown  # zones come first
    # targets: accept 高新技术企业 with its English name
    at.radio(key="ing_kind").set_value("target").run()
    at.text_input(key="ing_query").set_value("高新技术企业").run()
    draft, _ = load_draft(FileStore(folder), "15th")
    firms = next(c for c in draft.candidates if c["kind"] == "target" and c["metric"] == "高新技术企业")
    key = f"ing_{firms['id']}"
    at.radio(key=f"{key}_act").set_value("accept")
    at.text_input(key=f"{key}_men").set_value("High-tech enterprises")
    _ok(next(b for b in at.button if b.label == "保存决定").click().run())
    assert "已保存" in texts(at)
    draft, _ = load_draft(FileStore(folder), "15th")
    assert draft.decision(firms["id"]).action == "accept"
    assert "写入规划 15th" in texts(at)
    _ok(next(b for b in at.button if b.label == "写入规划 15th").click().run())
    assert "已写入" in texts(at)
    after = load_plan(folder)
    assert [t.metric_zh for t in after.targets if t.plan == "15th"] == ["高新技术企业"]
    undo = next(b for b in at.button if b.label.startswith("撤销写入"))
    _ok(undo.click().run())
    assert "已撤销" in texts(at)
    assert not [t for t in load_plan(folder).targets if t.plan == "15th"]


def test_two_plans_side_by_side_on_the_map_and_dashboard(folder, monkeypatch):
    from planning.edits import PlanEditor
    from planning.ingest.apply import changes_from
    from planning.ingest.review import decide

    store = FileStore(folder)
    draft, _ = load_draft(store, "15th")
    now = dt.datetime.now(dt.UTC)
    revenue = next(c for c in draft.candidates if c["kind"] == "target" and c["metric"] == "一般公共预算收入")
    decide(draft, revenue["id"], "merge", user="planner1", now=now, feature_id="box2-02",
           values={"metric_en": "General public budget revenue"})
    hospital = next(c for c in draft.candidates if c["kind"] == "project" and c["name"] == "甲乙国际医院")
    decide(draft, hospital["id"], "accept", user="planner1", now=now,
           values={"name_en": "Jiayi International Hospital", "category": "医养健康"},
           place={"lon": 116.93, "lat": 36.66, "method": "click", "ref": None})
    plan = load_plan(folder)
    projects = {r["id"]: r for r in plan.layers["projects"].drop(columns="geometry").to_dict("records")}
    changes = changes_from(draft, projects=projects, target_ids={t.id for t in plan.targets}, user="planner1",
                           today="2026-12-04", plan_names=("“十五五”规划", "15th Five-Year Plan"))
    PlanEditor(FileStore(folder)).apply_plan_changes("planner1", changes, document="plan15.txt")
    new_id = changes.new_projects[0]["properties"]["id"]

    at = run_app(folder, monkeypatch)
    plan_filter = next(m for m in at.multiselect if m.label == "规划")
    assert [o.split(" (")[0] for o in plan_filter.options] == ["“十四五”规划", "“十五五”规划"]  # labels carry counts
    at = _ok(at.switch_page("app_pages/dashboard.py").run())
    shown = texts(at)
    assert [tab.label for tab in at.tabs][-1] == "规划对照"
    assert "“十五五”规划 的目标" in shown
    table = at.dataframe[-1].value
    row = table[table["指标"] == "一般公共预算收入"].iloc[0]
    assert row["“十四五”规划（目标年）"] == "77.6（2025）" and row["“十五五”规划（目标年）"] == "104.5（2030）"
    at = _ok(run_app(folder, monkeypatch, query={"sel": f"project:{new_id}"}))
    assert "甲乙国际医院" in texts(at)
