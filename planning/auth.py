"""Planner accounts: salted PBKDF2-SHA256 password hashes, kept in an accounts file the operator manages.

No account and no password ship with the project. The operator creates
accounts with ``python -m planning account add USERNAME``, which writes
``accounts.json`` (path from ``HUAIYIN_ACCOUNTS_FILE``, default
``data/accounts.json``, never committed). Without an account the app is
read-only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from planning.errors import PlanningError
from planning.state_files import CorruptStateError, parse_json_bytes
from planning.storage import PlanStore, dump_json

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 240_000
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{2,32}$")
MIN_PASSWORD_LENGTH = 10
# Verified against when the username is unknown, so a wrong name costs as much time as a wrong password.
_DUMMY_HASH = f"{ALGORITHM}${ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    password_hash: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$ITERATIONS$SALT$HASH`` for ``password`` (a fresh random salt by default)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the stored hash (constant-time comparison)."""
    try:
        algorithm, iterations, salt, digest = stored.split("$")
        if algorithm != ALGORITHM:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def accounts_from_json(raw: bytes, file: str = "accounts.json") -> dict[str, Account]:
    """Parse the accounts file; a malformed entry is an error naming the file, account and field."""
    try:
        doc = parse_json_bytes(raw, file, area="accounts", max_bytes=16 * 1024 * 1024)
    except CorruptStateError as exc:
        raise exc.with_area("accounts", "accounts_bad", detail=exc.short()) from exc
    if not isinstance(doc, dict):
        raise CorruptStateError("accounts_bad", file=file, area="accounts",
                                detail=("应为账号对象", f"expected an object of accounts, got {type(doc).__name__}"))
    accounts = {}
    for username, entry in doc.items():
        if not isinstance(entry, dict) or not str(entry.get("password_hash", "")).startswith(ALGORITHM + "$"):
            detail = (f"账号 {username!r} 的 password_hash 不是 {ALGORITHM} 哈希",
                      f"account {username!r}: field 'password_hash' must be a {ALGORITHM} hash")
            raise CorruptStateError("accounts_bad", file=file, area="accounts", detail=detail)
        accounts[username] = Account(username, str(entry.get("name") or username), entry["password_hash"])
    return accounts


#: The accounts document of a store (``planning.stores.Stores.accounts_document`` names the actual one).
ACCOUNTS_DOCUMENT = "accounts.json"


def load_accounts(store: PlanStore, document: str = ACCOUNTS_DOCUMENT) -> dict[str, Account]:
    """Accounts from the store's accounts document; an empty dict when there is none yet."""
    if not store.exists(document):
        return {}
    return accounts_from_json(store.read_bytes(document), document)


def authenticate(accounts: dict[str, Account], username: str, password: str) -> Account | None:
    """The account when the username exists and the password matches, else ``None``."""
    account = accounts.get(username.strip())
    ok = verify_password(password, account.password_hash if account else _DUMMY_HASH)
    return account if account and ok else None


def add_account(
    store: PlanStore, username: str, password: str, *, name: str | None = None, document: str = ACCOUNTS_DOCUMENT
) -> None:
    """Create or replace an account in the store's accounts document (one atomic transaction)."""
    if not USERNAME_PATTERN.match(username):
        msg = f"username {username!r}: use 2–32 letters, digits, '.', '_' or '-'"
        raise PlanningError(msg)
    if len(password) < MIN_PASSWORD_LENGTH:
        msg = f"password for {username!r} is too short: use at least {MIN_PASSWORD_LENGTH} characters"
        raise PlanningError(msg)
    with store.transaction(document) as tx:
        current = accounts_from_json(tx.read_bytes(document), document) if tx.exists(document) else {}
        doc = {u: {"name": a.name, "password_hash": a.password_hash} for u, a in current.items()}
        doc[username] = {"name": name or username, "password_hash": hash_password(password)}
        tx.write_bytes(document, dump_json(doc))
