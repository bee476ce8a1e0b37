"""Login sessions that survive a reload, and login throttling per account and per client (UI-free).

A successful login opens a :class:`Session` in an auth store and hands the
browser a one-time *ticket*; the web route ``/auth/session`` (see
``app_pages/auth_routes.py``) redeems the ticket for a signed, HttpOnly
session cookie ``<id>.<expires>.<hmac>``. Every page run then reads the cookie
(``st.context.cookies``), checks the HMAC and looks the session up: it must
exist, be unexpired and not revoked, and its account must still exist. Only a
hash of the session id is stored, so the store's contents cannot be replayed
as cookies.

Failed logins are counted per account name and per client address. After a
few free attempts every further failure locks that key for an exponentially
growing time (capped); the lock lives in the store, so a reload or a new tab
does not lift it. ``python -m planning account unlock NAME`` lifts it.
Every login, failure, refusal, logout, revocation and unlock is appended to
the auth audit log ``auth_events.jsonl``.

The auth store is a document store (:class:`planning.storage.FileStore` on
``<state dir>/auth``, or :class:`planning.postgis.PostgisStore` in its own
schema ``huaiyin_auth`` when a database is configured): the same
transactional ``read_bytes``/``write_bytes``/``append_line`` contract, so
one implementation serves both.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from typing import Any, Protocol

from planning.errors import DataSourceError

SESSIONS = "sessions.json"
THROTTLE = "throttle.json"
SECRET = "session_secret.txt"  # noqa: S105 - the name of the document holding the key, not a key
EVENTS = "auth_events.jsonl"
COOKIE_NAME = "huaiyin_session"
TICKET_SECONDS = 120
#: Re-read the session at most this often per browser session (a revocation takes effect within it).
RECHECK_SECONDS = 15
_TOUCH_SECONDS = 300


class AuthDocuments(Protocol):
    """What the auth state needs of a document store (FileStore and PostgisStore both provide it)."""

    def transaction(self, *names: str) -> Any: ...

    def read_bytes(self, name: str) -> bytes: ...

    def version(self, name: str) -> str | None: ...


@dataclass(frozen=True)
class ThrottlePolicy:
    """``free`` failures are allowed; failure n > free locks for ``base * 2**(n - free - 1)`` s, at most ``cap`` s."""

    free: int
    base: int = 30
    cap: int = 3600
    forget_after: int = 24 * 3600

    def lock_seconds(self, failures: int) -> int:
        if failures <= self.free:
            return 0
        return int(min(self.cap, self.base * 2 ** (failures - self.free - 1)))


ACCOUNT_POLICY = ThrottlePolicy(free=3)
CLIENT_POLICY = ThrottlePolicy(free=10)


@dataclass(frozen=True)
class Session:
    key: str  # sha256 of the session id (the id itself is only in the cookie)
    username: str
    name: str
    created: float
    expires: float
    last_seen: float
    client: str
    agent: str = ""
    revoked: float | None = None
    ticket: str | None = None  # sha256 of the one-time ticket, until redeemed
    ticket_expires: float = 0.0

    def active(self, now: float) -> bool:
        return self.revoked is None and now < self.expires


@dataclass(frozen=True)
class LoginRefused:
    """Why a login attempt did not succeed: ``wrong`` (credentials) or ``locked`` (retry after ``seconds``)."""

    reason: str
    seconds: int = 0


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _load(raw: bytes, name: str) -> dict[str, Any]:
    try:
        doc = json.loads(raw.decode("utf-8")) if raw else {}
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{name}: the login state is damaged ({exc.__class__.__name__}); delete it to log everybody out"
        raise DataSourceError(msg) from exc
    if not isinstance(doc, dict):
        msg = f"{name}: the login state is damaged (not an object); delete it to log everybody out"
        raise DataSourceError(msg)
    return doc


def _dump(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _session_from(key: str, raw: Any) -> Session | None:
    if not isinstance(raw, dict):
        return None
    try:
        return Session(key=key, **{k: raw[k] for k in raw if k in Session.__dataclass_fields__ and k != "key"})
    except TypeError:
        return None


def _prune_sessions(doc: dict[str, Any], now: float) -> None:
    """Drop sessions ended a week ago, and the pending ids of tickets nobody redeemed."""
    for key in [k for k, v in doc.items() if not isinstance(v, dict) or float(v.get("expires", 0)) < now - 7 * 86400]:
        doc.pop(key)
    for raw in doc.values():
        if raw.get("ticket") and float(raw.get("ticket_expires", 0)) < now:
            raw["ticket"] = None
            raw.pop("_id", None)


def throttle_key(kind: str, value: str) -> str:
    """``account:NAME`` or ``client:ADDRESS`` (lower-cased, trimmed)."""
    return f"{kind}:{value.strip().lower()[:64]}"


class AuthState:
    """Sessions, tickets, throttles and the auth audit log in one document store.

    Parameters
    ----------
    documents
        The store (FileStore of the auth folder, or a PostgisStore).
    secret
        HMAC key from the settings; ``None``: the store's own, generated on first use.
    lifetime_hours
        How long a login lasts (the cookie's Max-Age and the session's expiry).
    clock
        ``time.time`` (tests pass a fake clock).
    """

    def __init__(self, documents: AuthDocuments, *, secret: str | None = None, lifetime_hours: int = 12,
                 clock: Callable[[], float] = time.time) -> None:
        self.documents = documents
        self.lifetime = lifetime_hours * 3600
        self._clock = clock
        self._secret = secret.encode("utf-8") if secret else None

    # --- documents

    def _read(self, name: str) -> dict[str, Any]:
        store = self.documents
        if store.version(name) is None:
            return {}
        return _load(store.read_bytes(name), name)

    @contextmanager
    def _change(self, name: str, event: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Read-modify-write ``name`` under its lock; the event line commits with it."""
        with self.documents.transaction(name, EVENTS) as store:
            doc = _load(store.read_bytes(name), name) if store.version(name) is not None else {}
            yield doc
            store.write_bytes(name, _dump(doc))
            if event:
                store.append_line(EVENTS, json.dumps(event, ensure_ascii=False, sort_keys=True))

    def secret(self) -> bytes:
        """The HMAC key: from the settings, else the store's (generated and stored on first use)."""
        if self._secret:
            return self._secret
        with self.documents.transaction(SECRET) as store:
            if store.version(SECRET) is None:
                store.write_bytes(SECRET, secrets.token_hex(32).encode("ascii"))
        store = self.documents
        value = store.read_bytes(SECRET).strip()
        if len(value) < 32:
            msg = f"{SECRET}: the session secret is too short; delete it to generate a new one (everybody is logged out)"
            raise DataSourceError(msg)
        self._secret = value
        return value

    def event(self, kind: str, **fields: Any) -> dict[str, Any]:
        at = self._clock()
        return {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at)), "event": kind, **fields}

    def log(self, kind: str, **fields: Any) -> None:
        with self.documents.transaction(EVENTS) as store:
            store.append_line(EVENTS, json.dumps(self.event(kind, **fields), ensure_ascii=False, sort_keys=True))

    def events(self) -> list[dict[str, Any]]:
        """The auth audit log, oldest first (damaged lines are skipped)."""
        store = self.documents
        if store.version(EVENTS) is None:
            return []
        out = []
        for line in store.read_bytes(EVENTS).decode("utf-8", "replace").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                out.append(entry)
        return out

    # --- throttling

    def retry_after(self, username: str, client: str) -> int:
        """Seconds until a login for ``username`` from ``client`` may be tried (0: now)."""
        now = self._clock()
        doc = self._read(THROTTLE)
        waits = [0.0]
        for key in (throttle_key("account", username), throttle_key("client", client)):
            entry = doc.get(key)
            if isinstance(entry, dict):
                waits.append(float(entry.get("locked_until", 0)) - now)
        return max(0, int(max(waits) + 0.999))

    def record_failure(self, username: str, client: str) -> int:
        """Count a failed login for the account and the client; return the resulting wait (s)."""
        now = self._clock()
        keys = {throttle_key("account", username): ACCOUNT_POLICY, throttle_key("client", client): CLIENT_POLICY}
        wait = 0
        with self._change(THROTTLE, self.event("login_failed", user=username[:64], client=client)) as doc:
            for key in [k for k, v in doc.items() if not isinstance(v, dict) or now - float(v.get("last", 0)) > 86400]:
                doc.pop(key)
            for key, policy in keys.items():
                entry = doc.get(key) or {"failures": 0}
                failures = int(entry.get("failures", 0)) + 1
                seconds = policy.lock_seconds(failures)
                doc[key] = {"failures": failures, "last": now, "locked_until": now + seconds if seconds else 0}
                wait = max(wait, seconds)
        return wait

    def clear_failures(self, username: str, client: str | None = None, *, by: str | None = None) -> bool:
        """Forget the failures of ``username`` (and of ``client``); ``by`` names an operator unlock in the log."""
        keys = [throttle_key("account", username)] + ([throttle_key("client", client)] if client else [])
        event = self.event("unlock", user=username, client=client, by=by) if by else None
        with self._change(THROTTLE, event) as doc:
            found = [doc.pop(k) for k in keys if k in doc]
        return bool(found)

    def locks(self) -> dict[str, dict[str, Any]]:
        """Current throttle entries (``account:NAME`` / ``client:ADDRESS`` → failures, locked_until)."""
        return {k: v for k, v in self._read(THROTTLE).items() if isinstance(v, dict)}

    # --- sessions

    def open_session(self, username: str, name: str, client: str, agent: str = "") -> tuple[Session, str]:
        """Start a session; return it and the one-time ticket the browser redeems for the cookie."""
        now = self._clock()
        session_id, ticket = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        session = Session(key=_sha(session_id), username=username, name=name, created=now, expires=now + self.lifetime,
                          last_seen=now, client=client, agent=agent[:200], ticket=_sha(ticket),
                          ticket_expires=now + TICKET_SECONDS)
        with self._change(SESSIONS, self.event("login", user=username, client=client, session=session.key[:12])) as doc:
            _prune_sessions(doc, now)
            doc[session.key] = {k: v for k, v in asdict(session).items() if k != "key"} | {"_id": session_id}
        return session, ticket

    def redeem(self, ticket: str) -> tuple[str, int] | None:
        """The cookie value and its max-age for a valid, unexpired, unused ticket (then it is spent)."""
        now, wanted = self._clock(), _sha(ticket)
        with self.documents.transaction(SESSIONS) as store:
            doc = _load(store.read_bytes(SESSIONS), SESSIONS) if store.version(SESSIONS) is not None else {}
            for key, raw in doc.items():
                if isinstance(raw, dict) and raw.get("ticket") == wanted:
                    raw["ticket"] = None
                    session_id = raw.pop("_id", None)
                    store.write_bytes(SESSIONS, _dump(doc))
                    session = _session_from(key, raw)
                    if session_id and session and session.active(now) and now <= session.ticket_expires:
                        return self.sign(session_id, session.expires), int(session.expires - now)
                    return None
        return None

    def sign(self, session_id: str, expires: float) -> str:
        body = f"{session_id}.{int(expires)}"
        mac = hmac.new(self.secret(), body.encode("ascii"), hashlib.sha256).digest()
        return f"{body}.{_b64(mac)}"

    def key_from_cookie(self, value: str | None) -> str | None:
        """The session key of a well-signed, unexpired cookie value (the store is not consulted)."""
        parts = (value or "").split(".")
        if len(parts) != 3 or not parts[1].isdigit() or int(parts[1]) < self._clock():
            return None
        expected = self.sign(parts[0], int(parts[1])).rsplit(".", 1)[1]
        return _sha(parts[0]) if hmac.compare_digest(expected, parts[2]) else None

    def session(self, key: str | None) -> Session | None:
        """The active session ``key``, or ``None`` (unknown, expired or revoked); refreshes ``last_seen`` now and then."""
        if not key:
            return None
        now = self._clock()
        session = _session_from(key, self._read(SESSIONS).get(key))
        if session is None or not session.active(now):
            return None
        if now - session.last_seen > _TOUCH_SECONDS:
            with self._change(SESSIONS) as doc:
                if isinstance(doc.get(key), dict):
                    doc[key]["last_seen"] = now
            session = replace(session, last_seen=now)
        return session

    def sessions(self) -> list[Session]:
        """Every stored session, newest first (expired and revoked ones included, for the operator)."""
        found = [_session_from(k, v) for k, v in self._read(SESSIONS).items()]
        return sorted((s for s in found if s), key=lambda s: -s.created)

    def revoke(self, *, key_prefix: str | None = None, username: str | None = None, by: str = "operator",
               reason: str = "revoke") -> list[Session]:
        """End the active sessions whose key starts with ``key_prefix`` or that belong to ``username``."""
        now = self._clock()
        ended: list[Session] = []
        with self.documents.transaction(SESSIONS, EVENTS) as store:
            doc = _load(store.read_bytes(SESSIONS), SESSIONS) if store.version(SESSIONS) is not None else {}
            for key, raw in doc.items():
                session = _session_from(key, raw)
                if session is None or not session.active(now):
                    continue
                if (key_prefix and key.startswith(key_prefix)) or (username and session.username == username):
                    raw["revoked"] = now
                    raw.pop("_id", None)
                    ended.append(session)
                    event = self.event(reason, user=session.username, session=key[:12], by=by)
                    store.append_line(EVENTS, json.dumps(event, ensure_ascii=False, sort_keys=True))
            if ended:
                store.write_bytes(SESSIONS, _dump(doc))
        return ended


def open_auth_state(settings: Any) -> AuthState:
    """The auth state for ``settings``: in the database when one is configured, else under the state folder."""
    from planning.stores import auth_documents  # noqa: PLC0415 - the one place that opens stores

    documents: AuthDocuments = auth_documents(settings)
    return AuthState(documents, secret=getattr(settings, "session_secret", None),
                     lifetime_hours=getattr(settings, "session_hours", 12))
