"""``python -m planning account add|sessions|revoke|unlock|log``: the operator's side of planner logins."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from planning.auth import add_account, load_accounts
from planning.errors import PlanningError
from planning.sessions import open_auth_state, throttle_key
from planning.settings import Settings, settings_from_env
from planning.storage import PlanStore
from planning.stores import open_stores

ACTIONS = ("add", "sessions", "revoke", "unlock", "log")


def add_parser(sub: argparse._SubParsersAction) -> None:
    account = sub.add_parser("account", help="manage planner accounts, their login sessions and lockouts")
    account.add_argument("action", choices=ACTIONS, help=(
        "add: add or replace an account; sessions: list the login sessions; revoke: end a session (by id "
        "prefix) or every session of USERNAME; unlock: lift the login lockout of USERNAME; log: the auth audit log"))
    account.add_argument("username", nargs="?", help="the account (add, unlock, revoke)")
    account.add_argument("--name", help="add: display name (default: the username)")
    account.add_argument("--file", type=Path, default=None, help="accounts file (default: HUAIYIN_ACCOUNTS_FILE or data/accounts.json)")
    account.add_argument("--password-stdin", action="store_true", help="add: read the password from standard input")
    account.add_argument("--session", help="revoke: the session id (or its first characters) shown by `sessions`")
    account.add_argument("--client", help="unlock: also lift the lockout of this client address")
    account.add_argument("--all", action="store_true", help="sessions: include ended ones; log: every entry")


def _time(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if ts else "-"


def _accounts(args: argparse.Namespace, settings: Settings) -> tuple[PlanStore, str, str]:
    """The accounts store and document: ``--file`` (always a file), else the configured store (the database when set)."""
    if getattr(args, "file", None):
        settings = dataclasses.replace(settings, accounts_file=args.file, database_url=None)
    stores = open_stores(settings)
    where = str(args.file) if getattr(args, "file", None) else f"{stores.accounts.name} ({stores.accounts_document})"
    return stores.accounts, stores.accounts_document, where


def _add(args: argparse.Namespace, settings: Settings, out: Callable[[str], None]) -> int:
    store, document, where = _accounts(args, settings)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.username}: ")
        if getpass.getpass("again: ") != password:
            out("the two passwords differ; nothing written")
            return 2
    add_account(store, args.username, password, name=args.name, document=document)
    out(f"account {args.username!r} saved in {where}")
    return 0


def _sessions(args: argparse.Namespace, settings: Settings, out: Callable[[str], None]) -> int:
    state = open_auth_state(settings)
    now = state._clock()  # noqa: SLF001 - the same clock as the store's checks
    shown = [s for s in state.sessions() if args.all or s.active(now)]
    out(f"{'session':14s} {'user':16s} {'state':8s} {'logged in':20s} {'last seen':20s} {'expires':20s} client")
    for s in shown:
        status = "revoked" if s.revoked else ("active" if s.active(now) else "expired")
        out(f"{s.key[:12]:14s} {s.username:16s} {status:8s} {_time(s.created):20s} {_time(s.last_seen):20s} "
            f"{_time(s.expires):20s} {s.client}")
    locks = {k: v for k, v in state.locks().items() if float(v.get("locked_until", 0)) > now}
    for key, entry in sorted(locks.items()):
        out(f"locked: {key} after {entry['failures']} failed logins, until {_time(entry['locked_until'])}")
    out(f"{len(shown)} session(s)" + ("" if args.all else " active (--all shows ended ones)"))
    return 0


def _revoke(args: argparse.Namespace, settings: Settings, out: Callable[[str], None]) -> int:
    if not (args.session or args.username):
        out("name the session (--session ID from `account sessions`) or the USERNAME whose sessions end")
        return 2
    if args.session and len(args.session) < 6:
        out("--session: give at least the first 6 characters of the id shown by `account sessions`")
        return 2
    ended = open_auth_state(settings).revoke(key_prefix=args.session, username=args.username, by="operator")
    for s in ended:
        out(f"ended session {s.key[:12]} of {s.username} (client {s.client})")
    out(f"{len(ended)} session(s) ended" if ended else "no active session matched; nothing changed")
    return 0 if ended else 1


def _unlock(args: argparse.Namespace, settings: Settings, out: Callable[[str], None]) -> int:
    if not args.username:
        out("name the account to unlock: python -m planning account unlock USERNAME [--client ADDRESS]")
        return 2
    state = open_auth_state(settings)
    if state.clear_failures(args.username, args.client, by="operator"):
        out(f"lifted the login lockout of {throttle_key('account', args.username)}"
            + (f" and {throttle_key('client', args.client)}" if args.client else ""))
        return 0
    out(f"{args.username} has no failed logins on record; nothing changed")
    return 1


def _log(args: argparse.Namespace, settings: Settings, out: Callable[[str], None]) -> int:
    events = open_auth_state(settings).events()
    for e in events if args.all else events[-50:]:
        extra = " ".join(f"{k}={e[k]}" for k in sorted(e) if k not in {"at", "event"} and e[k] is not None)
        out(f"{e.get('at', '?')} {e.get('event', '?'):14s} {extra}")
    return 0


def cmd_account(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run one ``account`` action; errors are printed as one line, exit status 2."""
    settings = settings_from_env()
    if args.action in {"add"} and not args.username:
        out("name the account: python -m planning account add USERNAME")
        return 2
    actions = {"add": _add, "sessions": _sessions, "revoke": _revoke, "unlock": _unlock, "log": _log}
    try:
        return actions[args.action](args, settings, out)
    except PlanningError as exc:
        out(str(exc))
        return 2


def check_user(user: str | None, settings: Settings) -> str | None:
    """Why ``--user`` is not acceptable (``None``: it names an existing account)."""
    if not user:
        return "--user is required to apply (it is recorded in the audit log); or use --dry-run"
    stores = open_stores(settings)
    try:
        accounts = load_accounts(stores.accounts, stores.accounts_document)
    except PlanningError as exc:
        return str(exc)
    if user not in accounts:
        return (f"--user {user!r} is not a planner account (see {stores.accounts.name}); "
                "create it with `python -m planning account add USERNAME`")
    return None
