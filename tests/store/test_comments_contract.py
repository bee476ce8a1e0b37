"""The comment store contract, the same tests for ``SqliteCommentStore`` and ``PostgresCommentStore``."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest

from planning.comments import (
    CommentError,
    CommentStoreError,
    RateLimit,
    RateLimits,
    SqliteCommentStore,
    StaleCommentError,
    validate_comment,
)
from planning.errors import StaleWriteError
from planning.postgis_comments import PostgresCommentStore, comment_store_from_settings
from planning.settings import settings_from_env

ZONES = {"core-medical", "axis-cbd"}
UNLIMITED = RateLimits(RateLimit(10**9, 60), RateLimit(10**9, 60))


def draft(text: str = "希望增加绿地", **kw):
    kw.setdefault("zone_id", "axis-cbd")
    return validate_comment(kw.pop("kind", "建议"), text, zone_ids=ZONES, **kw)


@pytest.fixture(params=["sqlite", "postgis"])
def comments(request: pytest.FixtureRequest, tmp_path) -> Iterator[SqliteCommentStore | PostgresCommentStore]:
    if request.param == "sqlite":
        yield SqliteCommentStore(tmp_path / "comments.sqlite3")
        return
    yield PostgresCommentStore(request.getfixturevalue("pg_url"), schema=f"c_{uuid.uuid4().hex[:12]}")


def reopen(store):
    """A second store object on the same data (another process or replica)."""
    if isinstance(store, SqliteCommentStore):
        return SqliteCommentStore(store.path)
    return PostgresCommentStore(store._db.url, schema=store._db.schema)  # noqa: SLF001 - same database


def test_a_comment_is_stored_pending_and_seen_by_another_store_object(comments):
    first = comments.add(draft("第一条", point=(116.9, 36.66)), session_key="s", client_key="c", limits=UNLIMITED)
    assert first.status == "pending" and first.created_at.endswith("+00:00") and first.point == (116.9, 36.66)
    assert reopen(comments).get(first.id) == first
    assert comments.list() == [first]


def test_the_same_token_is_stored_once(comments):
    d = draft("双击")
    a = comments.add(d, session_key="s", client_key="c", limits=UNLIMITED)
    b = comments.add(d, session_key="s", client_key="c", limits=UNLIMITED)
    assert a == b and len(comments.list()) == 1


def test_the_session_limit_holds_across_store_objects(comments):
    limits = RateLimits(RateLimit(3, 600), RateLimit(20, 3600))
    for i in range(3):
        comments.add(draft(f"第{i}条"), session_key="visit-1", client_key="10.0.0.1", limits=limits, now=1000.0 + i)
    with pytest.raises(CommentError) as info:
        reopen(comments).add(draft("第4条"), session_key="visit-1", client_key="10.0.0.1", limits=limits, now=1010.0)
    assert info.value.code == "rate_session"
    assert info.value.message("zh") == "提交太频繁：每位访客每 10 分钟最多提交 3 条意见，请约 10 分钟后再试。"
    assert len(comments.list()) == 3
    comments.add(draft("新访客"), session_key="visit-2", client_key="10.0.0.1", limits=limits, now=1011.0)
    assert len(comments.list()) == 4


def test_threads_racing_past_the_limit_let_exactly_the_limit_through(comments):
    comments.list()
    limits = RateLimits(RateLimit(5, 600), RateLimit(100, 3600))
    stored, refused, errors = [], [], []

    def visitor(n: int) -> None:
        try:
            stored.append(reopen(comments).add(draft(f"抢{n}"), session_key="one-visit", client_key="c",
                                               limits=limits, now=5000.0))
        except CommentError as exc:
            refused.append(exc.code)
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(stored) == 5 and refused == ["rate_session"] * 7
    assert len(comments.list()) == 5


def test_moderation_approve_reply_reject_and_stale_refusal(comments):
    c = comments.add(draft("多建公园"), session_key="s", client_key="c", limits=UNLIMITED)
    ok = comments.approve(c.id, moderator="zhangsan", expected_status="pending", reply="已纳入研究")
    assert (ok.status, ok.reply, ok.moderator) == ("approved", "已纳入研究", "zhangsan")
    with pytest.raises(StaleCommentError) as info:
        comments.reject(c.id, moderator="lisi", reason="重复", expected_status="pending")
    assert isinstance(info.value, StaleWriteError)
    assert info.value.message("zh") == f"意见 {c.id} 已被他人处理（现在为“已公开”），未作修改，请刷新后再试。"
    gone = comments.reject(c.id, moderator="lisi", reason="含个人信息", expected_status="approved")
    assert (gone.status, gone.reason) == ("rejected", "含个人信息")
    assert comments.set_reply(c.id, moderator="lisi", reply="已联系").reply == "已联系"
    assert comments.counts() == {("axis-cbd", "rejected"): 1}
    assert [x.id for x in comments.list(status="rejected", zone_id="axis-cbd", limit=5)] == [c.id]
    with pytest.raises(CommentError, match="There is no comment 99999."):
        comments.approve(99999, moderator="x")


def test_a_store_that_cannot_be_reached_refuses_with_a_clear_message():
    unreachable = PostgresCommentStore("postgresql://huaiyin:pw@127.0.0.1:1/huaiyin")
    with pytest.raises(CommentStoreError) as info:
        unreachable.add(draft(), session_key="s", client_key="c", limits=UNLIMITED)
    assert info.value.message("zh").startswith("无法连接规划数据库")
    assert "cannot be reached" in info.value.message("en")
    for lang in ("zh", "en"):  # no host, port, user or driver text in a public message
        assert "127.0.0.1" not in info.value.message(lang) and "refused" not in info.value.message(lang)


def test_the_settings_choose_the_comment_store(pg_url, tmp_path):
    assert isinstance(comment_store_from_settings(settings_from_env({"HUAIYIN_STATE_DIR": str(tmp_path)})),
                      SqliteCommentStore)
    chosen = comment_store_from_settings(settings_from_env({"HUAIYIN_DATABASE_URL": pg_url}))
    assert isinstance(chosen, PostgresCommentStore)
