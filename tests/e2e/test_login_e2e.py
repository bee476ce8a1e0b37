"""A planner's login survives a reload, a new tab and a pasted link; a lockout survives reloads too."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Offline, start_app
from tests.helpers import add_file_account

PASSWORD = "e2e login password"
LOGGED_IN = "已登录：规划员乙（可编辑）"


@pytest.fixture(scope="module")
def login_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("login")
    accounts = base / "accounts.json"
    add_file_account(accounts, "planner2", PASSWORD, name="规划员乙")
    add_file_account(accounts, "planner3", PASSWORD, name="规划员丙")
    proc, url = start_app({"HUAIYIN_ACCOUNTS_FILE": str(accounts), "HUAIYIN_STATE_DIR": str(base / "state")})
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    ctx.route("**/*", Offline())
    yield ctx
    ctx.close()


def _log_in(page, username, password):
    page.get_by_text("规划人员登录").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def _session_cookie(context):
    return next((c for c in context.cookies() if c["name"] == "huaiyin_session"), None)


def test_login_survives_reload_new_tab_and_ends_on_logout(login_app, context):
    page = context.new_page()
    page.goto(login_app + "/plan")
    with page.expect_response("**/auth/session", timeout=120_000) as answer:  # the page redeems its ticket
        _log_in(page, "planner2", PASSWORD)
    assert answer.value.status == 204
    page.get_by_text(LOGGED_IN).wait_for()
    cookie = _session_cookie(context)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["expires"] > 0
    page.reload()
    page.get_by_text(LOGGED_IN).wait_for()
    tab = context.new_page()
    tab.goto(login_app + "/sources")  # a new tab, on a pasted link to another page
    tab.get_by_text(LOGGED_IN).wait_for()
    with tab.expect_response("**/auth/logout", timeout=120_000) as answer:  # the page clears the cookie
        tab.get_by_role("button", name="退出登录").click()
    assert answer.value.status == 204
    tab.get_by_text("规划人员登录").wait_for()
    assert _session_cookie(context) is None
    page.reload()
    page.get_by_text("规划人员登录").wait_for()
    assert page.get_by_text(LOGGED_IN).count() == 0


def test_lockout_survives_reloads(login_app, context):
    page = context.new_page()
    for _ in range(4):  # three free failures, the fourth locks the account for 30 s
        page.goto(login_app + "/plan")
        _log_in(page, "planner3", "wrong password!")
        page.get_by_text("用户名或密码不正确。").wait_for()
    page.reload()
    _log_in(page, "planner3", PASSWORD)
    page.get_by_text("尝试次数过多").wait_for()
    assert page.get_by_text("已登录：规划员丙（可编辑）").count() == 0
