"""Public comments: validation messages, rate and length limits, the SQLite store, moderation, exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading

import pytest

from planning.comments import (
    MAX_TEXT,
    CommentError,
    CommentStoreError,
    RateLimit,
    RateLimits,
    SqliteCommentStore,
    StaleCommentError,
    clean_text,
    csv_bytes,
    defuse_formula,
    geojson_bytes,
    rate_limit_error,
    short_code,
    validate_comment,
)
from planning.errors import PlanningError, StaleWriteError
from planning.settings import settings_from_env

ZONES = {"core-medical", "axis-cbd"}
UNLIMITED = RateLimits(RateLimit(10**9, 60), RateLimit(10**9, 60))


def draft(text: str = "希望增加绿地", **kw):
    kw.setdefault("zone_id", "axis-cbd")
    return validate_comment(kw.pop("kind", "建议"), text, zone_ids=ZONES, **kw)


@pytest.fixture
def store(tmp_path):
    return SqliteCommentStore(tmp_path / "state" / "comments.sqlite3")


# --- validation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "zh", "en"),
    [
        ({"text": "   \n\t "}, "请填写意见内容。", "Please write your comment."),
        ({"text": "\x00\x07\x1b"}, "请填写意见内容。", "Please write your comment."),
        ({"text": "好" * 600}, "意见最多 500 个字，现在有 600 个字：请删减 100 个字后再提交。您写的内容仍在框中，没有保存也没有截断。",
         "A comment can have at most 500 characters; this one has 600. Please shorten it by 100 and send it again. "
         "Your text is still in the box; nothing was stored or cut."),
        ({"kind": None}, "请选择意见类型：支持、建议或关切。", "Please choose a type: support, suggestion or concern."),
        ({"kind": "反对"}, "意见类型必须是“支持”“建议”或“关切”，而不是“反对”。",
         "The type must be 支持 (support), 建议 (suggestion) or 关切 (concern), not “反对”."),
        ({"contact": "x" * 101}, "联系方式最多 100 个字，现在有 101 个字：请删减 1 个字。内容仍在框中，没有保存。",
         "A contact can have at most 100 characters; this one has 101. Please shorten it by 1; it is still in the box "
         "and nothing was stored."),
        ({"zone_id": None}, "请先在地图上点选一个位置，或选择一个片区。", "Please pick a point on the map or choose a zone first."),
        ({"zone_id": "nowhere"}, "没有编号为“nowhere”的片区。", "There is no zone “nowhere”."),
        ({"zone_id": None, "point": (121.47, 31.23)},
         "位置 121.47, 31.23 不在槐荫区范围内（经度 116.7–117.1，纬度 36.55–36.8）。",
         "The point 121.47, 31.23 is outside Huaiyin District (longitude 116.7–117.1, latitude 36.55–36.8)."),
        ({"zone_id": None, "point": (float("nan"), 36.6)},
         "位置 nan, 36.6 不在槐荫区范围内（经度 116.7–117.1，纬度 36.55–36.8）。",
         "The point nan, 36.6 is outside Huaiyin District (longitude 116.7–117.1, latitude 36.55–36.8)."),
    ],
)
def test_validation_messages_are_pinned(kwargs, zh, en):
    text = kwargs.pop("text", "一条意见")
    with pytest.raises(CommentError) as info:
        draft(text, **kwargs)
    assert info.value.message("zh") == zh
    assert info.value.message("en") == en
    assert isinstance(info.value, PlanningError)


def test_control_characters_are_stripped_before_the_length_is_counted():
    text = "好" * MAX_TEXT + "\x00\x01\x7f\u202e"
    assert draft(text).text == "好" * MAX_TEXT
    cleaned = clean_text("  line one\r\nline\ttwo\x1b[31m red\u202e \n\n\n\nend ")
    assert cleaned == "line one\nline two[31m red \n\nend"


def test_a_valid_comment_keeps_text_as_given_and_rounds_the_point():
    d = draft("<b>保留</b> 原文", zone_id=None, point=(116.8812345678, 36.6612345678), contact="  138 0000 0000 ")
    assert d.text == "<b>保留</b> 原文"
    assert (d.lon, d.lat) == (116.881235, 36.661235)
    assert d.contact == "138 0000 0000"
    assert d.zone_id is None and len(d.token) == 32


# --- rate limits (pure) -------------------------------------------------------------------------------


def test_rate_limit_session_refuses_the_fourth_in_ten_minutes_with_a_clear_message():
    limits = RateLimits(RateLimit(3, 600), RateLimit(20, 3600))
    assert rate_limit_error([100.0, 200.0], [], 300.0, limits) is None
    refusal = rate_limit_error([100.0, 200.0, 300.0], [], 400.0, limits)
    assert refusal is not None
    assert refusal.message("zh") == "提交太频繁：每位访客每 10 分钟最多提交 3 条意见，请约 5 分钟后再试。"
    assert refusal.message("en") == (
        "Too many comments from this visit: at most 3 every 10 minutes. Please try again in about 5 minutes.")
    assert rate_limit_error([100.0, 200.0, 300.0], [], 700.5, limits) is None  # the first left the window


def test_rate_limit_client_counts_every_session_of_the_client():
    limits = RateLimits(RateLimit(3, 600), RateLimit(20, 3600))
    times = [float(t) for t in range(0, 2000, 100)]
    refusal = rate_limit_error([], times, 2000.0, limits)
    assert refusal is not None and refusal.code == "rate_client"
    assert refusal.message("en").startswith("Too many comments from this device: at most 20 every 60 minutes.")
    assert rate_limit_error([], times[1:], 2000.0, limits) is None


# --- the store ----------------------------------------------------------------------------------------


def test_tables_are_created_on_first_use_in_wal_mode(store):
    assert not store.path.exists()
    assert store.list() == []
    assert store.path.exists()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"comments", "submissions", "meta"} <= tables


def test_comments_survive_a_new_store_instance(store):
    first = store.add(draft("第一条"), session_key="s", client_key="c", limits=UNLIMITED)
    again = SqliteCommentStore(store.path)
    assert again.get(first.id) == first
    assert first.status == "pending" and first.created_at.endswith("+00:00")


def test_the_same_token_is_stored_once(store):
    d = draft("双击")
    a = store.add(d, session_key="s", client_key="c", limits=UNLIMITED)
    b = store.add(d, session_key="s", client_key="c", limits=UNLIMITED)
    assert a == b and len(store.list()) == 1


def test_store_refuses_over_the_session_limit_and_remembers_across_restarts(store):
    limits = RateLimits(RateLimit(3, 600), RateLimit(20, 3600))
    for i in range(3):
        store.add(draft(f"第{i}条"), session_key="visit-1", client_key="10.0.0.1", limits=limits, now=1000.0 + i)
    with pytest.raises(CommentError) as info:
        SqliteCommentStore(store.path).add(draft("第4条"), session_key="visit-1", client_key="10.0.0.1", limits=limits,
                                           now=1010.0)
    assert info.value.code == "rate_session"
    assert len(store.list()) == 3
    store.add(draft("新访客"), session_key="visit-2", client_key="10.0.0.1", limits=limits, now=1011.0)
    assert len(store.list()) == 4


def test_client_limit_holds_after_a_restart_and_across_sessions(store):
    limits = RateLimits(RateLimit(3, 600), RateLimit(4, 3600))
    for i in range(4):
        store.add(draft(f"c{i}"), session_key=f"visit-{i}", client_key="kiosk-1", limits=limits, now=100.0 + i)
    with pytest.raises(CommentError) as info:
        SqliteCommentStore(store.path).add(draft("c4"), session_key="visit-9", client_key="kiosk-1", limits=limits,
                                           now=200.0)
    assert info.value.code == "rate_client"
    store.add(draft("other"), session_key="visit-9", client_key="kiosk-2", limits=limits, now=200.0)
    store.add(draft("later"), session_key="visit-9", client_key="kiosk-1", limits=limits, now=100.0 + 3600.5)


def test_keys_are_stored_only_as_salted_hashes(store):
    store.add(draft(), session_key="session-secret", client_key="192.168.7.42", limits=UNLIMITED)
    raw = b"".join(f.read_bytes() for f in store.path.parent.iterdir())  # the database and any -wal/-shm
    assert b"192.168.7.42" not in raw and b"session-secret" not in raw
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 1


def test_1000_comments_from_20_threads_are_all_stored_exactly_once(store):
    store.list()  # create the database before the race, as the app does on its first page
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        own = SqliteCommentStore(store.path)  # each thread its own store, hence its own connections
        try:
            for i in range(50):
                own.add(draft(f"线程{n}-第{i}条"), session_key=f"s{n}", client_key=f"c{n}", limits=UNLIMITED)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    comments = store.list()
    texts = [c.text for c in comments]
    assert len(comments) == 1000
    assert sorted(texts) == sorted(f"线程{n}-第{i}条" for n in range(20) for i in range(50))
    assert len({c.id for c in comments}) == 1000


def test_a_failed_write_is_refused_with_a_message_and_changes_nothing(store):
    store.add(draft("已有"), session_key="s", client_key="c", limits=UNLIMITED)
    slow = SqliteCommentStore(store.path, busy_timeout_s=0.2)
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")  # another writer holds the database
    try:
        assert [c.text for c in slow.list()] == ["已有"]  # readers are not blocked (WAL)
        with pytest.raises(CommentStoreError) as info:
            slow.add(draft("被拒绝"), session_key="s", client_key="c", limits=UNLIMITED)
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    assert info.value.message("zh").startswith("意见未能保存，什么也没有写入（")
    assert "nothing was written" in info.value.message("en") and "locked" in info.value.message("en")
    assert [c.text for c in store.list()] == ["已有"]


def test_a_database_from_a_newer_app_is_refused(tmp_path):
    path = tmp_path / "comments.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(CommentStoreError, match="schema 99"):
        SqliteCommentStore(path).list()


# --- moderation ---------------------------------------------------------------------------------------


def test_moderation_approve_reply_reject_and_stale_refusal(store):
    c = store.add(draft("多建公园"), session_key="s", client_key="c", limits=UNLIMITED)
    ok = store.approve(c.id, moderator="zhangsan", expected_status="pending", reply="已纳入研究")
    assert (ok.status, ok.reply, ok.moderator) == ("approved", "已纳入研究", "zhangsan")
    assert ok.moderated_at and ok.replied_at
    with pytest.raises(StaleCommentError) as info:
        store.reject(c.id, moderator="lisi", reason="重复", expected_status="pending")
    assert isinstance(info.value, StaleWriteError)
    assert info.value.message("zh") == "意见 1 已被他人处理（现在为“已公开”），未作修改，请刷新后再试。"
    assert store.get(c.id).status == "approved"
    with pytest.raises(CommentError, match="Please give a reason for rejecting."):
        store.reject(c.id, moderator="lisi", reason="  ", expected_status="approved")
    gone = store.reject(c.id, moderator="lisi", reason="含个人信息", expected_status="approved")
    assert (gone.status, gone.reason) == ("rejected", "含个人信息")
    assert store.set_reply(c.id, moderator="lisi", reply="已联系").reply == "已联系"
    assert store.counts() == {("axis-cbd", "rejected"): 1}
    assert [x.id for x in store.list(status="rejected", zone_id="axis-cbd")] == [c.id]
    with pytest.raises(CommentError, match="There is no comment 99."):
        store.approve(99, moderator="x")


# --- exports ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"])
def test_formula_like_cells_get_a_leading_quote(value):
    assert defuse_formula(value) == "'" + value
    assert defuse_formula("普通文字") == "普通文字" and defuse_formula(-3.5) == -3.5


def test_csv_export_defuses_formulas_keeps_text_and_leaves_out_contacts(store):
    c = store.add(draft("=HYPERLINK(\"http://x\",\"点我\")", contact="13800000000", zone_id=None, point=(116.9, 36.66)),
                  session_key="s", client_key="c", limits=UNLIMITED)
    store.approve(c.id, moderator="@admin", reply="-已回复")
    rows = list(csv.DictReader(io.StringIO(csv_bytes(store.list()).decode("utf-8-sig"))))
    assert rows[0]["text"] == "'=HYPERLINK(\"http://x\",\"点我\")"
    assert rows[0]["moderator"] == "'@admin" and rows[0]["reply"] == "'-已回复"
    assert rows[0]["lon"] == "116.9" and rows[0]["kind_en"] == "suggestion"
    assert "contact" not in rows[0]
    with_contact = list(csv.DictReader(io.StringIO(csv_bytes(store.list(), include_contact=True).decode("utf-8-sig"))))
    assert with_contact[0]["contact"] == "13800000000"


def test_geojson_export_has_points_and_null_geometry_for_zone_comments(store):
    store.add(draft("<script>alert(1)</script>"), session_key="s", client_key="c", limits=UNLIMITED)
    store.add(draft("点", zone_id=None, point=(116.9, 36.66)), session_key="s", client_key="c", limits=UNLIMITED)
    doc = json.loads(geojson_bytes(store.list()))
    assert doc["type"] == "FeatureCollection"
    point, zone = doc["features"]
    assert point["geometry"] == {"type": "Point", "coordinates": [116.9, 36.66]}
    assert zone["geometry"] is None and zone["properties"]["zone_id"] == "axis-cbd"
    assert zone["properties"]["text"] == "<script>alert(1)</script>"  # data, not markup: escaped where shown
    assert "contact" not in zone["properties"]


# --- the map layer ------------------------------------------------------------------------------------


def test_comment_layer_escapes_every_value_and_uses_vendored_cluster_assets():
    import folium

    from layers.comments_layer import CommentMarker, build_comments_group, popup_html

    bad = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    marker = CommentMarker(36.66, 116.9, "关切", bad, reply=bad, place="<i>区</i>", date="2026-01-01", id=7)
    popup = popup_html(marker, "en")
    assert "<script" not in popup and "<img" not in popup and "<i>" not in popup
    assert popup.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2 and "Concern" in popup
    m = folium.Map(tiles=None)
    group = build_comments_group([marker], lang="zh", max_zoom=18)
    group.add_to(m)
    page = m.get_root().render()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "L.markerClusterGroup" in page and "L.circleMarker" in page and '"l": "comments"' not in page
    links = [url for e in group._children.values() for _, url in getattr(e, "default_js", []) + getattr(e, "default_css", [])]
    assert links and all(url.startswith("/app/static/vendor/") for url in links)


# --- settings -----------------------------------------------------------------------------------------


def test_kiosk_and_comment_settings_from_the_environment(tmp_path):
    s = settings_from_env({"HUAIYIN_STATE_DIR": str(tmp_path), "HUAIYIN_KIOSK": "1", "HUAIYIN_KIOSK_IDLE_SECONDS": "30",
                           "HUAIYIN_PUBLIC_URL": "https://plan.example.cn/huaiyin", "HUAIYIN_COMMENTS_PER_SESSION": "5/60"})
    assert s.comments_db == tmp_path / "comments.sqlite3"
    assert (s.kiosk, s.kiosk_idle_seconds, s.kiosk_attract_seconds) == (True, 30, 300)
    assert s.public_url == "https://plan.example.cn/huaiyin"
    assert (s.comments_per_session, s.comments_per_client) == ((5, 60), (20, 3600))
    assert settings_from_env({}).kiosk is False


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HUAIYIN_KIOSK": "maybe"}, "HUAIYIN_KIOSK='maybe': expected 1 or 0"),
        ({"HUAIYIN_KIOSK_IDLE_SECONDS": "soon"}, "HUAIYIN_KIOSK_IDLE_SECONDS='soon': expected a whole number of at least 5"),
        ({"HUAIYIN_COMMENTS_PER_CLIENT": "20 per hour"},
         "HUAIYIN_COMMENTS_PER_CLIENT='20 per hour': expected COUNT/SECONDS with whole numbers of at least 1, e.g. 3/600"),
        ({"HUAIYIN_PUBLIC_URL": "javascript:alert(1)"},
         "HUAIYIN_PUBLIC_URL='javascript:alert(1)': expected an http:// or https:// address, e.g. https://plan.example.cn/"),
    ],
)
def test_bad_settings_name_the_variable_and_value(env, message):
    with pytest.raises(PlanningError) as info:
        settings_from_env(env)
    assert str(info.value).startswith(message)  # a whole number also names its default


# --- short codes ------------------------------------------------------------------------------------------


def test_a_visitor_sees_status_and_public_reply_by_short_code_and_nothing_private(store):
    token = "3f9a2c" + "0" * 26
    stored = store.add(draft("这里缺少停车位", token=token, contact="13800000000"), session_key="s", client_key="c")
    code = short_code(stored.id, token)
    assert code == f"{stored.id}-3F9A2C"
    seen = store.status_by_code(code)
    assert (seen.status, seen.text, seen.reply) == ("pending", "这里缺少停车位", None)
    store.set_reply(stored.id, moderator="m", reply="正在研究")
    assert store.status_by_code(code.lower()).reply is None  # a reply is public only once the comment is approved
    store.approve(stored.id, moderator="m")
    assert store.status_by_code(f" #{stored.id} 3f9a2c ").reply == "正在研究"
    assert not hasattr(seen, "contact") and not hasattr(seen, "reason")
    store.reject(stored.id, moderator="m", reason="重复")
    rejected = store.status_by_code(code)
    assert rejected.status == "rejected" and rejected.reply is None and "重复" not in repr(rejected)


@pytest.mark.parametrize("code", ["", "12", "abc-3F9A2C", "1-3F9A2D", "999-3F9A2C", "1-3F9A2", "1-3F9A2C0"])
def test_a_wrong_short_code_finds_nothing_and_says_what_a_code_looks_like(store, code):
    store.add(draft("一条", token="3f9a2c" + "1" * 26), session_key="s", client_key="c")
    with pytest.raises(CommentError) as info:
        store.status_by_code(code)
    assert info.value.code == "code_unknown"
    assert "12-3F9A2C" in info.value.message("zh") and "12-3F9A2C" in info.value.message("en")
