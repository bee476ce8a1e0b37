"""Targets dashboard and audited edits by logged-in planners, through AppTest."""

from __future__ import annotations

import json

import pytest

from planning.auth import add_account
from planning.storage import FileStore
from planning.plan import load_plan
from tests.app.conftest import click, map_component, run_app, texts

PASSWORD = "a long test password"


@pytest.fixture
def accounts(tmp_path, monkeypatch):
    path = tmp_path / "accounts.json"
    add_account(FileStore(tmp_path), "planner1", PASSWORD, name="规划员甲")
    monkeypatch.setenv("HUAIYIN_ACCOUNTS_FILE", str(path))
    return path


def login(at, username="planner1", password=PASSWORD):
    at.text_input(key="auth_username").set_value(username)
    at.text_input(key="auth_password").set_value(password)
    next(b for b in at.button if b.label == "登录").click().run()
    return at


def _form_button(at, label):
    return next(b for b in at.button if b.label == label)


def test_read_only_visitor_sees_no_editing_control(tiny_folder, monkeypatch, accounts):
    at = click(run_app(tiny_folder, monkeypatch), "projects", "p-in-a")
    labels = texts(at)
    for hidden in ("更新状态", "修正属性", "修正位置", "新增项目", "保存", "撤销此修改"):
        assert hidden not in labels
    assert "修改记录" in labels  # history is readable by everyone


def test_wrong_password_is_refused(tiny_folder, monkeypatch, accounts):
    at = login(run_app(tiny_folder, monkeypatch), password="not the password")
    assert "用户名或密码不正确。" in texts(at)
    assert at.session_state["user"] is None if "user" in at.session_state else True


def test_planner_changes_status_sees_map_and_dashboard_change_and_reverts(tiny_folder, monkeypatch, accounts):
    at = login(run_app(tiny_folder, monkeypatch))
    assert "已登录：规划员甲（可编辑）" in texts(at)
    at = click(at, "projects", "p-in-a")
    assert '"project:未知:医养健康"' in json.loads(map_component(at).proto.json_args)["feature_group"]
    # status form: choose 在建 with its source, save
    status_box = next(s for s in at.selectbox if s.label == "状态")
    status_box.set_value("在建")
    next(ti for ti in at.text_input if ti.label == "状态依据").set_value("区重点项目调度表 2026-11")
    _form_button(at, "保存").click().run()
    assert not at.exception
    assert "已保存（审计记录 #1）。" in texts(at)
    plan = load_plan(tiny_folder)
    assert plan.feature("projects", "p-in-a")["status"] == "在建"
    assert '"project:在建:医养健康"' in json.loads(map_component(at).proto.json_args)["feature_group"]
    # history entry with a revert button
    shown = texts(at)
    assert "#1 · " in shown and "set_status" not in shown  # the history reads as a sentence, not an action code
    assert "planner1 把状态从 未知 改为 在建（" in shown and "，依据：区重点项目调度表 2026-11" in shown
    revert = next(b for b in at.button if b.key and b.key.startswith("revert_projects.geojson_1"))
    revert.click().run()
    assert load_plan(tiny_folder).feature("projects", "p-in-a")["status"] == "未知"
    assert "撤销 #1" in texts(at)


def test_dashboard_counts_follow_an_edit(tiny_folder, monkeypatch, accounts):
    at = login(run_app(tiny_folder, monkeypatch))
    at.switch_page("app_pages/dashboard.py").run()
    assert not at.exception
    started = next(m for m in at.metric if m.label == "开工")
    assert started.value == "1"
    at.switch_page("app_pages/plan_map.py").run()
    at = click(at, "projects", "p-in-a")
    next(s for s in at.selectbox if s.label == "状态").set_value("开工")
    next(ti for ti in at.text_input if ti.label == "状态依据").set_value("调度表")
    _form_button(at, "保存").click().run()
    at.switch_page("app_pages/dashboard.py").run()
    assert next(m for m in at.metric if m.label == "开工").value == "2"


def test_dashboard_shows_indicators_13th_results_and_rules(monkeypatch):
    at = run_app(None, monkeypatch)
    at.switch_page("app_pages/dashboard.py").run()
    assert not at.exception
    body = texts(at)
    assert "地区生产总值增速" in body or any("地区生产总值增速" in df.value.to_string() for df in at.dataframe)
    frames = " ".join(df.value.to_string() for df in at.dataframe)
    assert "624.3" in frames and "约束性" in frames and "预期性" in frames
    assert "评价规则" in [tab.label for tab in at.tabs]
    # Plan-internal conflicts are shown where the targets are listed, both statements quoted.
    assert "规划内表述不一致 · 医养健康产业总规模" in body and "突破500亿元" in body
    assert "2.14 登记失业率" in body


def test_planner_records_an_observation(tiny_folder, monkeypatch, accounts):
    at = login(run_app(tiny_folder, monkeypatch))
    at.switch_page("app_pages/dashboard.py").run()
    next(s for s in at.selectbox if s.key == "dash_obs_target_zh").set_value("t-1")
    at.run()
    next(n for n in at.number_input if n.label == "年份").set_value(2023)
    next(n for n in at.number_input if n.label == "数值").set_value(250.0)
    next(ti for ti in at.text_input if ti.label == "数据来源").set_value("统计公报 2023")
    _form_button(at, "保存").click().run()
    assert not at.exception
    target = next(x for x in load_plan(tiny_folder).targets if x.id == "t-1")
    assert [(o.year, o.value) for o in target.observations] == [(2023, 250.0)]


def test_invalid_edit_is_refused_with_reason(tiny_folder, monkeypatch, accounts):
    at = click(login(run_app(tiny_folder, monkeypatch)), "projects", "p-in-a")
    next(s for s in at.selectbox if s.label == "状态").set_value("竣工")
    _form_button(at, "保存").click().run()  # no source given
    shown = texts(at) + " ".join(e.value for e in at.error)
    assert "p-in-a 的“状态依据”为 （空），有状态时需填写依据" in shown and "status_source" not in shown
    assert load_plan(tiny_folder).feature("projects", "p-in-a")["status"] == "未知"


def test_planner_adds_a_project_by_typed_coordinates(tiny_folder, monkeypatch, accounts):
    at = login(run_app(tiny_folder, monkeypatch))
    next(ti for ti in at.text_input if ti.label.startswith("编号")).set_value("p-new")
    next(ti for ti in at.text_input if ti.label == "中文名称").set_value("新建测试项目")
    next(ti for ti in at.text_input if ti.label == "英文名称").set_value("New test project")
    next(n for n in at.number_input if n.label == "经度（WGS84）").set_value(116.87)
    next(n for n in at.number_input if n.label == "纬度（WGS84）").set_value(36.66)
    next(b for b in at.button if b.label == "保存").click().run()
    assert not at.exception
    project = load_plan(tiny_folder).feature("projects", "p-new")
    assert project is not None and project["status"] == "未知" and project["zone_ids"] == ["core-a"]
    assert "显示 4 / 共 4 个项目" in texts(at)


def test_picked_map_point_prefills_the_new_project_form(tiny_folder, monkeypatch, accounts):
    at = login(run_app(tiny_folder, monkeypatch))
    value = {"last_clicked": {"lat": 36.61, "lng": 116.89}, "last_active_drawing": None, "last_object_clicked_count": 0}
    hash_key = map_component(at).proto.id.rsplit("-", 1)[1]
    at.session_state[hash_key] = value
    at.run()
    assert at.session_state["map_picked_point"] == (116.89, 36.61)
    assert next(n for n in at.number_input if n.label == "经度（WGS84）").value == pytest.approx(116.89)
