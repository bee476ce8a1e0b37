"""Login throttling through the sidebar form: the lockout lives in the store, so a new session keeps it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.app.conftest import ROOT, run_app, texts
from tests.helpers import add_file_account
from tests.app.test_tracking import PASSWORD, login



@pytest.fixture
def accounts(tmp_path, monkeypatch):
    """planner1 (as in test_tracking), with a state folder of its own for the sessions and throttles."""
    path = tmp_path / "accounts.json"
    add_file_account(path, "planner1", PASSWORD, name="规划员甲")
    monkeypatch.setenv("HUAIYIN_ACCOUNTS_FILE", str(path))
    monkeypatch.setenv("HUAIYIN_STATE_DIR", str(tmp_path / "state"))
    return path


def _cli(*args, env):
    return subprocess.run([sys.executable, "-m", "planning", "account", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, check=False)


def test_lockout_survives_a_new_session_until_the_operator_unlocks(tiny_folder, monkeypatch, accounts, tmp_path):
    for _ in range(4):  # each attempt in a fresh session, as a reload gives
        at = login(run_app(tiny_folder, monkeypatch), password="wrong password")
        assert any("用户名或密码不正确。" in e.value for e in at.error)
    at = login(run_app(tiny_folder, monkeypatch))
    [refusal] = [e.value for e in at.error]
    match = re.fullmatch(r"尝试次数过多，请 (\d+) 秒后再试。", refusal)
    assert match and 0 < int(match[1]) <= 30, refusal
    assert "已登录：规划员甲（可编辑）" not in texts(at)
    env = {"HUAIYIN_STATE_DIR": str(tmp_path / "state"), "HUAIYIN_ACCOUNTS_FILE": str(accounts), "PATH": "/usr/bin"}
    listing = _cli("sessions", env=env)
    assert "locked: account:planner1 after 4 failed logins" in listing.stdout
    unlocked = _cli("unlock", "planner1", "--client", "local", env=env)
    assert unlocked.returncode == 0, unlocked.stdout
    at = login(run_app(tiny_folder, monkeypatch))
    assert "已登录：规划员甲（可编辑）" in texts(at)
    listing = _cli("sessions", env=env)
    assert "planner1" in listing.stdout and "active" in listing.stdout
    session_id = listing.stdout.splitlines()[1].split()[0]
    assert _cli("revoke", "--session", session_id, env=env).returncode == 0
    log = _cli("log", env=env).stdout
    for event in ("login_failed", "login_refused", "unlock", "login", "revoke"):
        assert f" {event} " in log


def test_logout_ends_the_session_in_the_store(tiny_folder, monkeypatch, accounts, tmp_path):
    at = login(run_app(tiny_folder, monkeypatch))
    next(b for b in at.button if b.label == "退出登录").click().run()
    assert "规划人员登录" in [e.label for e in at.expander]
    env = {"HUAIYIN_STATE_DIR": str(tmp_path / "state"), "HUAIYIN_ACCOUNTS_FILE": str(accounts), "PATH": "/usr/bin"}
    assert "0 session(s) active" in _cli("sessions", env=env).stdout
