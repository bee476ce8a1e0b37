"""Planner accounts: hashing, verification, the accounts file and the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planning.auth import add_account, authenticate, hash_password, load_accounts, verify_password
from planning.errors import DataSourceError, PlanningError
from planning.storage import FileStore


def test_hash_is_salted_and_verifies():
    a, b = hash_password("long enough pw"), hash_password("long enough pw")
    assert a != b and a.startswith("pbkdf2_sha256$240000$")
    assert verify_password("long enough pw", a)
    assert not verify_password("long enough pX", a)
    assert not verify_password("x", "garbage")


def test_accounts_file_round_trip_and_authenticate(tmp_path):
    path = tmp_path / "accounts.json"
    assert load_accounts(FileStore(tmp_path)) == {}
    add_account(FileStore(tmp_path), "alice", "correct horse battery", name="Alice 张")
    add_account(FileStore(tmp_path), "bob", "another good secret")
    accounts = load_accounts(FileStore(tmp_path))
    assert set(accounts) == {"alice", "bob"}
    assert authenticate(accounts, "alice", "correct horse battery").name == "Alice 张"
    assert authenticate(accounts, "alice", "wrong password!") is None
    assert authenticate(accounts, "nobody", "correct horse battery") is None
    assert "correct horse battery" not in path.read_text()


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("a", "long enough pw", "username 'a': use 2–32 letters"),
        ("alice", "short", "password for 'alice' is too short: use at least 10 characters"),
    ],
)
def test_bad_accounts_are_refused(tmp_path, username, password, message):
    with pytest.raises(PlanningError, match=message):
        add_account(FileStore(tmp_path), username, password, document="a.json")


def test_malformed_accounts_file_names_file_account_and_field(tmp_path):
    path = tmp_path / "accounts.json"
    path.write_text('{"eve": {"password_hash": "plain"}}')
    with pytest.raises(DataSourceError, match=r"accounts file accounts.json is damaged \(account 'eve': field 'password_hash'"):
        load_accounts(FileStore(tmp_path))


def test_cli_adds_an_account_from_stdin(tmp_path):
    path = tmp_path / "accounts.json"
    cmd = [sys.executable, "-m", "planning", "account", "add", "carol", "--file", str(path), "--password-stdin"]
    result = subprocess.run(cmd, input="a fine password\n", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert authenticate(load_accounts(FileStore(tmp_path)), "carol", "a fine password")
