"""Kiosk mode and public comments, driven through Streamlit's AppTest.

Kiosk mode is the operator's switch (``HUAIYIN_KIOSK=1``); time is simulated
by moving the session's last-activity stamp back.
"""

from __future__ import annotations

import json
import time

import pytest

from planning.comments import SqliteCommentStore
from tests.app.conftest import map_component, run_app, texts

XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)> 希望多种树"


@pytest.fixture
def kiosk_env(monkeypatch, tmp_path):
    monkeypatch.setenv("HUAIYIN_KIOSK", "1")
    monkeypatch.setenv("HUAIYIN_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("HUAIYIN_KIOSK_IDLE_SECONDS", "90")
    monkeypatch.setenv("HUAIYIN_KIOSK_ATTRACT_SECONDS", "300")
    monkeypatch.setenv("HUAIYIN_PUBLIC_URL", "https://plan.example.cn/")
    return tmp_path / "state"


def page_text(at) -> str:
    """texts() plus the headers (the list view's sections)."""
    return texts(at) + "\n" + "\n".join([*(str(h.value) for h in at.header), *(str(e.label) for e in at.expander)])


def _ok(at):
    assert not at.exception, [e.message for e in at.exception]
    return at


def _keys(at, kind: str = "button") -> set[str]:
    return {e.key for e in at.get(kind) if getattr(e, "key", None)}


PLANNER_WIDGETS = ("auth_username", "auth_password", "map_f_status", "map_search", "lang", "map_basemap")


def test_kiosk_mode_hides_every_planner_control(kiosk_env, monkeypatch):
    at = run_app(None, monkeypatch)
    assert len(at.sidebar) == 0
    assert not at.get("download_button") and not at.get("file_uploader") and not at.get("selectbox")
    widget_keys = set().union(*(_keys(at, k) for k in ("button", "text_input", "radio", "multiselect", "selectbox")))
    assert not widget_keys & set(PLANNER_WIDGETS)
    assert {k for k in _keys(at) if not k.startswith("kiosk_")} == set()
    assert "kiosk_btn_core-medical" in _keys(at) and "kiosk_lang_en" in _keys(at)
    # A planner's session or a URL cannot bring planner pages back.
    at.session_state["user"] = {"username": "zhangsan", "name": "张三"}
    for page in ("app_pages/plan_map.py", "app_pages/moderation.py", "app_pages/dashboard.py",
                 "app_pages/import_page.py", "app_pages/exports.py"):
        with pytest.raises(ValueError, match="Known pages: .*kiosk.py.*kiosk_list.py.*phone.py'\\]"):
            at.switch_page(page).run()
    at = _ok(run_app(None, monkeypatch, query={"sel": "zone:core-medical", "edit": "1"}))
    assert not at.get("download_button") and not at.get("text_area") and len(at.sidebar) == 0
    assert "审核" not in texts(at) and "登录" not in texts(at)


def test_zone_button_flies_the_map_and_opens_the_card(kiosk_env, monkeypatch):
    at = run_app(None, monkeypatch)
    home = json.loads(map_component(at).proto.json_args)
    assert (home["center"], home["zoom"]) == ([36.676, 116.895], 12)
    at = _ok(at.button(key="kiosk_btn_axis-cbd").click().run())
    args = json.loads(map_component(at).proto.json_args)
    assert args["center"] != home["center"] and args["zoom"] >= 13
    assert at.session_state["map_sel"] == "zone:axis-cbd"
    body = texts(at)
    assert "央企总部城中央商务轴" in body and "功能定位" in body and "公众意见：0 条已公开" in body
    assert args["script"] == home["script"]  # same base map: streamlit-folium does not remount it


def test_language_switch_and_qr_code_follow_the_view(kiosk_env, monkeypatch):
    at = run_app(None, monkeypatch)
    at = _ok(at.button(key="kiosk_btn_core-soe-hq").click().run())
    at = _ok(at.button(key="kiosk_lang_en").click().run())
    assert at.session_state["lang"] == "en"
    assert "Central SOE Headquarters City" in texts(at)
    qr = at.get("image")[0].proto.imgs[0]
    assert qr.caption == "Open on your phone" and qr.url.endswith(".png")
    from app_pages.kiosk import qr_url

    assert qr_url("https://plan.example.cn/?a=1", "zone:core-soe-hq", "en") == (
        "https://plan.example.cn/m?a=1&lang=en&sel=zone:core-soe-hq")


def test_idle_countdown_then_reset_clears_state_and_language(kiosk_env, monkeypatch):
    at = run_app(None, monkeypatch)
    at.button(key="kiosk_btn_belt-yufu").click().run()
    at.button(key="kiosk_lang_en").click().run()
    at = _ok(at.button(key="kiosk_side_comment").click().run())
    at.text_area(key="kv_comment_text").input("half-written comment")
    assert at.session_state["lang"] == "en" and at.session_state["map_sel"] == "zone:belt-yufu"
    at.session_state["kiosk_activity"] = time.time() - 80  # 10 s before the reset
    at = _ok(at.run())
    assert "Returning to the home screen in 10 s" in texts(at) or "Returning to the home screen in 11 s" in texts(at)
    assert at.session_state["map_sel"] == "zone:belt-yufu"  # nothing cleared yet
    at.session_state["kiosk_activity"] = time.time() - 95
    at = _ok(at.run())
    assert at.session_state["lang"] == "zh"
    assert at.session_state["map_sel"] is None
    assert not [k for k in ("kv_comment_text", "kv_side", "kv_picked") if k in at.session_state]
    assert "城市发展新布局" in texts(at)  # the home card, in Chinese
    home = json.loads(map_component(at).proto.json_args)
    assert (home["center"], home["zoom"]) == ([36.676, 116.895], 12)


def test_touch_during_the_countdown_keeps_the_view(kiosk_env, monkeypatch):
    at = run_app(None, monkeypatch)
    at.button(key="kiosk_btn_belt-yufu").click().run()
    at.session_state["kiosk_activity"] = time.time() - 85
    at = _ok(at.run())
    at = _ok(at.button(key="kiosk_stay").click().run())
    assert "秒后回到首页" not in texts(at)
    at.session_state["kiosk_activity"] = at.session_state["kiosk_activity"] - 30
    at = _ok(at.run())
    assert at.session_state["map_sel"] == "zone:belt-yufu"


def test_reset_from_the_list_view_returns_home_and_attract_loop_tours_the_zones(kiosk_env, monkeypatch):
    at = run_app(None, monkeypatch)
    at = _ok(at.switch_page("app_pages/kiosk_list.py").run())
    assert "规划内容列表" in page_text(at) and not at.get("component_instance")
    at.session_state["kiosk_activity"] = time.time() - 100
    at = _ok(at.run())
    assert at.get("component_instance") and "kiosk_btn_core-medical" in _keys(at)
    at.session_state["kiosk_activity"] = time.time() - 400
    at = _ok(at.run())
    assert at.session_state["map_sel"] == "zone:core-medical"  # the tour starts with the first core
    assert "触摸屏幕开始 / Touch to start" in texts(at)
    at.session_state["kiosk_attract"] = {"index": 0, "at": time.time() - 60}
    at = _ok(at.run())
    assert at.session_state["map_sel"] == "zone:core-soe-hq"
    at = _ok(at.button(key="kiosk_home").click().run())  # a touch ends the tour
    assert at.session_state["map_sel"] is None and at.session_state["kiosk_attract"] is None


def test_list_view_carries_zones_projects_and_targets(kiosk_env, monkeypatch):
    at = _ok(run_app(None, monkeypatch).switch_page("app_pages/kiosk_list.py").run())
    body = page_text(at)
    for text in ("两核", "济南国际医学科学中心", "片区内项目", "全区指标", "不在任何片区内的项目", "百年商埠历史文化区"):
        assert text in body
    tables = [e.proto.body for e in at.get("html") if "hy-rtable" in e.proto.body]
    assert tables and all("<td data-label=" in body for body in tables), "targets are tables that fold into cards"
    headings = [str(h.value) for h in at.header]
    assert headings.index("片区：两核三区、三纵三横") < 2, "the list starts with the zones"
    at = _ok(at.button(key="kiosk_to_map").click().run())
    assert at.get("component_instance")


def _zone(at, zone_id: str):
    """Tap a zone button (they are on the card tab; the comment tab gives the form the room)."""
    if not any(b.key == f"kiosk_btn_{zone_id}" for b in at.button):
        at = _ok(at.button(key="kiosk_side_card").click().run())
    return _ok(at.button(key=f"kiosk_btn_{zone_id}").click().run())


def _submit_comment(at, text: str, kind: str = "关切 Concern"):
    at = _ok(at.button(key="kiosk_side_comment").click().run())
    at.radio(key="kv_comment_kind").set_value(kind)
    at.text_area(key="kv_comment_text").input(text)
    submit = next(b for b in at.button if b.label == "提交意见")
    return _ok(submit.click().run())


def test_comment_form_refuses_empty_text_and_the_fourth_comment(kiosk_env, monkeypatch):
    at = run_app(None, monkeypatch)
    at = _submit_comment(at, "这里需要一个公园")
    assert "请先在地图上点选一个位置，或选择一个片区。" in texts(at)  # nothing chosen yet
    at = _zone(at, "axis-cbd")
    at = _submit_comment(at, " \n ")
    assert "请填写意见内容。" in texts(at)
    for i in range(3):
        at = _submit_comment(at, f"第{i}条")
        assert "已收到" in texts(at)
    at = _submit_comment(at, "第4条")
    assert "提交太频繁：每位访客每 10 分钟最多提交 3 条意见" in texts(at)
    assert len(SqliteCommentStore(kiosk_env / "comments.sqlite3").list()) == 3
    at.session_state["kiosk_activity"] = time.time() - 100  # the next visitor gets a new kiosk session
    at = _ok(at.run())
    at = _zone(at, "axis-cbd")
    at = _submit_comment(at, "下一位访客")
    assert "已收到" in texts(at)
    assert len(SqliteCommentStore(kiosk_env / "comments.sqlite3").list()) == 4


def test_a_comment_flows_from_submission_through_moderation_to_the_public_layer(kiosk_env, monkeypatch):
    kiosk = run_app(None, monkeypatch)
    kiosk = _ok(kiosk.button(key="kiosk_btn_axis-cbd").click().run())
    kiosk = _submit_comment(kiosk, XSS)
    assert "已收到" in texts(kiosk) and "正在等待规划人员审核" in texts(kiosk)
    assert "希望多种树" not in (json.loads(map_component(kiosk).proto.json_args)["feature_group"] or "")

    monkeypatch.setenv("HUAIYIN_KIOSK", "0")
    planner = run_app(None, monkeypatch)
    planner = _ok(planner.switch_page("app_pages/moderation.py").run())
    assert "审核公众意见需要规划人员登录" in texts(planner) and not planner.get("download_button")
    planner.session_state["user"] = {"username": "zhangsan", "name": "张三"}
    planner = _ok(planner.run())
    assert "待审核（1）" in [tab.label for tab in planner.tabs]
    assert XSS in texts(planner)  # shown as text (markdown-escaped), never as markup
    planner.text_area(key="mod_reply_1").input("已转交 <b>园林局</b>")
    planner = _ok(planner.button(key="mod_approve_1").click().run())
    assert "意见 1 已公开。" in texts(planner)
    assert "已公开（1）" in [tab.label for tab in planner.tabs]

    monkeypatch.setenv("HUAIYIN_KIOSK", "1")
    kiosk = _ok(kiosk.run())
    layer = json.loads(map_component(kiosk).proto.json_args)["feature_group"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; 希望多种树" in layer
    assert "已转交 &lt;b&gt;园林局&lt;/b&gt;" in layer
    assert "<script>alert" not in layer and "<img" not in layer
    kiosk = _ok(kiosk.button(key="kiosk_side_card").click().run())
    assert "公众意见：1 条已公开" in texts(kiosk) and XSS in texts(kiosk)  # count on the card, text as text


def test_moderation_reject_needs_a_reason_and_stale_actions_are_refused(kiosk_env, monkeypatch):
    store = SqliteCommentStore(kiosk_env / "comments.sqlite3")
    from planning.comments import validate_comment

    store.add(validate_comment("建议", "多建口袋公园", zone_id="axis-cbd"), session_key="s", client_key="c")
    monkeypatch.setenv("HUAIYIN_KIOSK", "0")
    at = run_app(None, monkeypatch)
    at.session_state["user"] = {"username": "lisi", "name": "李四"}
    at = _ok(at.switch_page("app_pages/moderation.py").run())
    at = _ok(at.button(key="mod_reject_1").click().run())
    assert "不采纳时请写明理由。" in texts(at)
    store.approve(1, moderator="zhangsan")  # another planner, meanwhile
    at.text_input(key="mod_reason_1").input("重复")
    at = _ok(at.button(key="mod_reject_1").click().run())
    assert "意见 1 已被他人处理（现在为“已公开”），未作修改，请刷新后再试。" in texts(at)
    assert store.get(1).status == "approved"
    assert {b.label for b in at.get("download_button")} >= {"导出 CSV", "导出 GeoJSON"}
