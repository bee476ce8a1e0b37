"""Login sessions and throttles behave the same in the file store and in PostgreSQL (planning/sessions.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from planning.postgis import PostgisStore
from planning.sessions import ACCOUNT_POLICY, CLIENT_POLICY, AuthState
from planning.storage import FileStore
from tests.store.conftest import STORE_KINDS, new_schema


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=STORE_KINDS)
def documents(request, tmp_path) -> Iterator[object]:
    if request.param == "file":
        yield FileStore(tmp_path / "auth")
        return
    store = PostgisStore(request.getfixturevalue("pg_url"), schema=new_schema())
    yield store
    store.close()


def test_ticket_gives_a_cookie_once_and_the_cookie_finds_the_session(documents):
    clock = Clock()
    state = AuthState(documents, clock=clock)
    session, ticket = state.open_session("zhangsan", "张三", "10.0.0.5", "Firefox")
    cookie, max_age = state.redeem(ticket)
    assert max_age == 12 * 3600
    assert state.redeem(ticket) is None  # single use
    again = AuthState(documents, clock=clock)  # another process: same store, same generated secret
    assert again.session(again.key_from_cookie(cookie)).username == "zhangsan"
    assert session.key not in cookie  # the store keeps a hash, the cookie the id
    assert "_id" not in json.dumps(json.loads(documents.read_bytes("sessions.json")))  # id gone once redeemed


def test_tampered_expired_and_revoked_cookies_are_refused(documents):
    clock = Clock()
    state = AuthState(documents, clock=clock, lifetime_hours=1)
    _, ticket = state.open_session("lisi", "李四", "local")
    cookie, _ = state.redeem(ticket)
    sid, exp, mac = cookie.split(".")
    assert state.key_from_cookie(f"{sid}.{int(exp) + 3600}.{mac}") is None  # longer life is not for free
    assert state.key_from_cookie(f"{sid[:-1]}x.{exp}.{mac}") is None
    assert state.key_from_cookie("garbage") is None and state.key_from_cookie(None) is None
    assert AuthState(documents, secret="another secret of at least 32 chars!!").key_from_cookie(cookie) is None
    key = state.key_from_cookie(cookie)
    clock.now += 3601
    assert state.session(key) is None
    clock.now -= 3601
    assert [s.username for s in state.revoke(username="lisi")] == ["lisi"]
    assert state.session(key) is None
    assert [e["event"] for e in state.events()] == ["login", "revoke"]


def test_failures_lock_account_and_client_with_exponential_backoff_that_survives_a_new_store_object(documents):
    clock = Clock()
    state = AuthState(documents, clock=clock)
    waits = [state.record_failure("wangwu", f"10.0.0.{i}") for i in range(ACCOUNT_POLICY.free + 3)]
    assert waits == [0] * ACCOUNT_POLICY.free + [30, 60, 120]
    reloaded = AuthState(documents, clock=clock)  # a reload: nothing in memory survives, the store does
    assert reloaded.retry_after("wangwu", "10.0.0.99") == 120
    assert reloaded.retry_after("someone-else", "10.0.0.99") == 0
    clock.now += 121
    assert reloaded.retry_after("wangwu", "10.0.0.99") == 0
    assert reloaded.clear_failures("wangwu", by="operator")
    assert reloaded.record_failure("wangwu", "10.0.0.1") == 0  # counting starts again after an unlock
    events = [e["event"] for e in reloaded.events()]
    assert events.count("login_failed") == ACCOUNT_POLICY.free + 4 and "unlock" in events


def test_one_client_trying_many_accounts_is_locked(documents):
    state = AuthState(documents, clock=Clock())
    waits = [state.record_failure(f"user{i}", "203.0.113.7") for i in range(CLIENT_POLICY.free + 1)]
    assert waits[-1] == 30 and set(waits[:-1]) == {0}
    assert state.retry_after("anybody", "203.0.113.7") == 30
    assert state.retry_after("anybody", "203.0.113.8") == 0


def test_lock_is_capped_and_forgotten_after_a_day(documents):
    clock = Clock()
    state = AuthState(documents, clock=clock)
    for _ in range(30):
        wait = state.record_failure("zhaoliu", "local")
    assert wait == ACCOUNT_POLICY.cap
    clock.now += 2 * 86400
    state.record_failure("other", "elsewhere")  # any write prunes entries older than a day
    assert "account:zhaoliu" not in state.locks()
