"""Public comments on the plan: validation, rate limits, a SQLite store, moderation and exports.

A visitor (no account) leaves a comment on a point or a zone: a type
(支持 support, 建议 suggestion, 关切 concern), up to :data:`MAX_TEXT` characters
of text and optionally a contact. Every comment starts ``pending``; a planner
approves it (it then appears on the public map), or rejects it with a reason,
and may reply.

Storage
-------
:class:`CommentStore` is the interface the views use; :class:`SqliteCommentStore`
implements it with the standard library's ``sqlite3`` (a server database can
implement the same protocol later). **The SQLite file is the one exception to
"``planning/storage.py`` is the only code that touches files"**: every read and
write of the comments database happens inside :class:`SqliteCommentStore` and
nowhere else. The database runs in WAL mode with ``synchronous=FULL``; tables
are created on first use; every write is one ``BEGIN IMMEDIATE`` transaction
(so a write either completes or is refused with a :class:`CommentStoreError`),
and concurrent writers wait up to ``busy_timeout`` for each other. Each
operation opens its own connection, so one store object may be shared by
threads.

Abuse
-----
Text and contact lose control characters (newlines and tabs are kept as
spacing) before their length is checked; empty or whitespace-only text is
refused. :func:`rate_limit_error` is a pure function over the times of recent
submissions of a session key and a client key; the store keeps those times
(keys only as salted hashes) in the same database, so limits survive a restart.
Every comment is plain text: the views HTML-escape it wherever it is shown,
and :func:`csv_bytes` defuses spreadsheet formulas.
"""

from __future__ import annotations

from planning.messages import Messages
import contextlib
import datetime as dt
import hashlib
import math
import re
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

import pandas as pd

from planning import writers
from planning.errors import DataSourceError, PlanningError, StaleWriteError
from planning.state_files import CorruptStateError

#: Comment types, Chinese (stored) → English.
COMMENT_TYPES: dict[str, str] = {"支持": "support", "建议": "suggestion", "关切": "concern"}
#: Moderation statuses, in the order the moderation page shows them.
COMMENT_STATUSES: tuple[str, ...] = ("pending", "approved", "rejected")
STATUS_LABELS = Messages("comment_status")
MAX_TEXT = 500
MAX_CONTACT = 100
MAX_MODERATION_TEXT = 1000
#: Where a comment's point may lie (lon_min, lat_min, lon_max, lat_max): Huaiyin District with a margin.
DEFAULT_BOUNDS: tuple[float, float, float, float] = (116.70, 36.55, 117.10, 36.80)
SCHEMA_VERSION = 1

#: Every message a visitor or a moderator can get, in Chinese and English.
MESSAGES = Messages("comments")


class Bilingual:
    """Mixin: an error with a message in Chinese and English (``str()`` gives both)."""

    code: str
    zh: str
    en: str

    def _init_messages(self, code: str, fmt: dict[str, Any]) -> str:
        zh, en = MESSAGES[code]
        self.code = code
        self.zh = zh.format(**fmt)
        self.en = en.format(**fmt)
        return f"{self.zh} / {self.en}"

    def message(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.en


class CommentError(Bilingual, PlanningError):
    """Bad input, a rate limit, or a refused moderation step."""

    def __init__(self, code: str, **fmt: Any) -> None:
        super().__init__(self._init_messages(code, fmt))


class StaleCommentError(Bilingual, StaleWriteError):
    """A moderation step was based on a status another moderator has changed meanwhile."""

    def __init__(self, code: str, **fmt: Any) -> None:
        super().__init__(self._init_messages(code, fmt))


class CommentStoreError(Bilingual, DataSourceError):
    """The comments database cannot be read or written (nothing was changed)."""

    def __init__(self, code: str, **fmt: Any) -> None:
        super().__init__(self._init_messages(code, fmt))


# --- validation -------------------------------------------------------------------------------------------

_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


def clean_text(value: str | None) -> str:
    """``value`` without control characters; CR/LF become ``\\n``, tabs a space; ends stripped.

    Removes the C0/C1 controls (Unicode category Cc) and the bidirectional
    overrides, which can disguise text.
    """
    text = re.sub(r"\r\n?", "\n", str(value or "")).expandtabs(1)
    kept = (ch for ch in text if ch == "\n" or (unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS))
    return re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip()


@dataclass(frozen=True)
class CommentDraft:
    """A validated comment, not yet stored. ``token`` makes a repeated submission idempotent."""

    kind: str
    text: str
    contact: str | None
    zone_id: str | None
    lon: float | None
    lat: float | None
    lang: str
    token: str


def _check_location(
    zone_id: str | None, point: tuple[float, float] | None, zone_ids: Collection[str] | None,
    bounds: tuple[float, float, float, float],
) -> None:
    if not zone_id and point is None:
        raise CommentError("location_missing")
    if zone_id and zone_ids is not None and zone_id not in zone_ids:
        raise CommentError("zone_unknown", value=zone_id)
    if point is not None:
        lon, lat = point
        lon_min, lat_min, lon_max, lat_max = bounds
        finite = math.isfinite(lon) and math.isfinite(lat)
        if not (finite and lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
            raise CommentError("location_out_of_range", lon=lon, lat=lat, lon_min=lon_min, lon_max=lon_max,
                               lat_min=lat_min, lat_max=lat_max)


def validate_comment(  # noqa: PLR0913 - the fields of one form, keyword-only
    kind: str,
    text: str | None,
    *,
    contact: str | None = None,
    zone_id: str | None = None,
    point: tuple[float, float] | None = None,
    lang: str = "zh",
    token: str | None = None,
    zone_ids: Collection[str] | None = None,
    bounds: tuple[float, float, float, float] = DEFAULT_BOUNDS,
) -> CommentDraft:
    """Check a visitor's input; the first problem raises :class:`CommentError` with a clear message.

    Parameters
    ----------
    kind
        支持, 建议 or 关切.
    text, contact
        Cleaned with :func:`clean_text` before their lengths are checked.
    zone_id, point
        Where the comment is about: a zone id (one of ``zone_ids`` when given),
        a WGS84 ``(lon, lat)`` inside ``bounds``, or both.
    token
        An id of this submission (a fresh random one when omitted).
    """
    if not kind:
        raise CommentError("kind_missing")
    if kind not in COMMENT_TYPES:
        raise CommentError("kind_unknown", value=clean_text(str(kind))[:40])
    body = clean_text(text)
    if not body:
        raise CommentError("text_empty")
    if len(body) > MAX_TEXT:
        raise CommentError("text_too_long", max=MAX_TEXT, n=len(body), over=len(body) - MAX_TEXT)
    reach = clean_text(contact)
    if len(reach) > MAX_CONTACT:
        raise CommentError("contact_too_long", max=MAX_CONTACT, n=len(reach), over=len(reach) - MAX_CONTACT)
    if lang not in ("zh", "en"):
        raise CommentError("lang_unknown", value=clean_text(str(lang))[:10])
    point = (float(point[0]), float(point[1])) if point is not None else None
    _check_location(zone_id or None, point, zone_ids, bounds)
    return CommentDraft(
        kind=kind, text=body, contact=reach or None, zone_id=zone_id or None,
        lon=round(point[0], 6) if point else None, lat=round(point[1], 6) if point else None,
        lang=lang, token=token or secrets.token_hex(16),
    )


# --- short codes -----------------------------------------------------------------------------------------

#: Hex digits of the submission token in a short code: with the id, a visitor's receipt (not guessable in practice).
CODE_DIGITS = 6
_CODE = re.compile(r"^\s*#?\s*(\d{1,12})\s*[-–—\s]\s*([0-9a-fA-F]{%d})\s*$" % CODE_DIGITS)


def short_code(comment_id: int, token: str) -> str:
    """The code a visitor keeps to look up a comment's status, e.g. ``12-3F9A2C`` (id and token prefix)."""
    return f"{comment_id}-{token[:CODE_DIGITS].upper()}"


def parse_code(code: str | None) -> tuple[int, str]:
    """``(id, token prefix)`` of a short code; :class:`CommentError` ``code_unknown`` when it is malformed."""
    match = _CODE.match(str(code or ""))
    if match is None:
        raise CommentError("code_unknown", value=clean_text(str(code or ""))[:30])
    return int(match.group(1)), match.group(2).lower()


@dataclass(frozen=True)
class PublicStatus:
    """What a visitor may see of their own comment: status and the public reply (never reason or contact)."""

    id: int
    created_at: str
    kind: str
    text: str
    status: str
    reply: str | None


# --- rate limits ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` submissions in any ``window_s`` seconds."""

    count: int
    window_s: int


@dataclass(frozen=True)
class RateLimits:
    per_session: RateLimit = field(default_factory=lambda: RateLimit(3, 600))
    per_client: RateLimit = field(default_factory=lambda: RateLimit(20, 3600))

    @property
    def longest_window(self) -> int:
        return max(self.per_session.window_s, self.per_client.window_s)


def _refusal(times: Sequence[float], now: float, limit: RateLimit, code: str) -> CommentError | None:
    # Every committed submission since the window opened counts, also one stamped a little after ``now``
    # (another replica's clock, or a writer that took its time before this one took the lock).
    recent = sorted(t for t in times if t > now - limit.window_s)
    if len(recent) < limit.count:
        return None
    free_at = recent[-limit.count] + limit.window_s  # when the oldest counted submission leaves the window
    wait = max(1, math.ceil((free_at - now) / 60))
    return CommentError(code, count=limit.count, minutes=max(1, round(limit.window_s / 60)), wait=wait)


def rate_limit_error(
    session_times: Sequence[float], client_times: Sequence[float], now: float, limits: RateLimits,
) -> CommentError | None:
    """The refusal for one more submission at ``now``, or ``None`` when it is allowed (a pure function).

    ``session_times`` and ``client_times`` are the times (seconds) of earlier
    submissions from the same session key and the same client key.
    """
    return _refusal(session_times, now, limits.per_session, "rate_session") or _refusal(
        client_times, now, limits.per_client, "rate_client")


# --- the stored comment -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comment:
    """A stored comment and its moderation (times are ISO 8601 UTC)."""

    id: int
    created_at: str
    kind: str
    text: str
    contact: str | None
    zone_id: str | None
    lon: float | None
    lat: float | None
    lang: str
    status: str
    reason: str | None = None
    reply: str | None = None
    moderator: str | None = None
    moderated_at: str | None = None
    replied_at: str | None = None

    @property
    def kind_en(self) -> str:
        return COMMENT_TYPES.get(self.kind, self.kind)

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lon, self.lat) if self.lon is not None and self.lat is not None else None


class CommentStore(Protocol):
    """What the views need from a comments store."""

    name: str

    def add(self, draft: CommentDraft, *, session_key: str, client_key: str, limits: RateLimits,
            now: float | None = None) -> Comment:
        """Store ``draft`` unless a rate limit refuses it (same ``token`` again → the stored comment)."""
        ...

    def get(self, comment_id: int) -> Comment:
        """One comment; :class:`CommentError` ``not_found`` when absent."""
        ...

    def list(self, *, status: str | None = None, zone_id: str | None = None, limit: int | None = None) -> list[Comment]:
        """Comments, newest first, optionally of one status and one zone."""
        ...

    def counts(self) -> dict[tuple[str | None, str], int]:
        """Number of comments per ``(zone_id, status)``."""
        ...

    def approve(self, comment_id: int, *, moderator: str, expected_status: str | None = None,
                reply: str | None = None) -> Comment:
        """Make a comment public (optionally with a reply)."""
        ...

    def reject(self, comment_id: int, *, moderator: str, reason: str, expected_status: str | None = None) -> Comment:
        """Keep a comment off the map, with a reason."""
        ...

    def set_reply(self, comment_id: int, *, moderator: str, reply: str) -> Comment:
        """Add or replace the planners' reply."""
        ...


_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS comments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('支持', '建议', '关切')),
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
        contact TEXT CHECK (contact IS NULL OR length(contact) <= 100),
        zone_id TEXT,
        lon REAL,
        lat REAL,
        lang TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        reason TEXT,
        reply TEXT,
        moderator TEXT,
        moderated_at TEXT,
        replied_at TEXT,
        CHECK (zone_id IS NOT NULL OR (lon IS NOT NULL AND lat IS NOT NULL))
    )""",
    "CREATE INDEX IF NOT EXISTS comments_status ON comments (status, id)",
    "CREATE INDEX IF NOT EXISTS comments_zone ON comments (zone_id, status)",
    """CREATE TABLE IF NOT EXISTS submissions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_hash TEXT NOT NULL,
        client_hash TEXT NOT NULL,
        at REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS submissions_session ON submissions (session_hash, at)",
    "CREATE INDEX IF NOT EXISTS submissions_client ON submissions (client_hash, at)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

_COLUMNS = ("id", "created_at", "kind", "text", "contact", "zone_id", "lon", "lat", "lang", "status", "reason",
            "reply", "moderator", "moderated_at", "replied_at")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM comments"  # noqa: S608 - constant column names


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds")


def _row(row: Sequence[Any]) -> Comment:
    return Comment(**dict(zip(_COLUMNS, row, strict=True)))


def _moderation_text(value: str | None, what: tuple[str, str]) -> str:
    text = clean_text(value)
    if len(text) > MAX_MODERATION_TEXT:
        raise CommentError("moderation_too_long", what=what[0], what_en=what[1], max=MAX_MODERATION_TEXT, n=len(text),
                           over=len(text) - MAX_MODERATION_TEXT)
    return text


class ModerationMixin:
    """Moderation and reading: the same rules and SQL for every comment store.

    A store mixing this in sets ``_PARAM`` (its driver's placeholder) and defines
    ``_transaction(write=...)`` and ``_moderate(comment_id, expected_status, sets)``, which
    applies ``sets`` to the comment in one transaction (refusing a stale ``expected_status``).
    """

    _PARAM: ClassVar[str] = "?"

    def approve(self, comment_id: int, *, moderator: str, expected_status: str | None = None,
                reply: str | None = None, now: float | None = None) -> Comment:
        """Make the comment public; a non-empty ``reply`` is stored with it."""
        stamp = _iso(time.time() if now is None else now)
        sets: dict[str, Any] = {"status": "approved", "reason": None, "moderator": moderator, "moderated_at": stamp}
        answer = _moderation_text(reply, ("回复", "reply"))
        if answer:
            sets |= {"reply": answer, "replied_at": stamp}
        return self._moderate(comment_id, expected_status, sets)

    def reject(self, comment_id: int, *, moderator: str, reason: str, expected_status: str | None = None,
               now: float | None = None) -> Comment:
        """Keep the comment off the public map; ``reason`` is required."""
        why = _moderation_text(reason, ("理由", "reason"))
        if not why:
            raise CommentError("reason_required")
        stamp = _iso(time.time() if now is None else now)
        return self._moderate(comment_id, expected_status,
                              {"status": "rejected", "reason": why, "moderator": moderator, "moderated_at": stamp})

    def set_reply(self, comment_id: int, *, moderator: str, reply: str, now: float | None = None) -> Comment:
        """Add or replace the reply shown under the comment."""
        answer = _moderation_text(reply, ("回复", "reply"))
        if not answer:
            raise CommentError("reply_empty")
        stamp = _iso(time.time() if now is None else now)
        return self._moderate(comment_id, None, {"reply": answer, "replied_at": stamp, "moderator": moderator})

    # reading (SQL shared by the stores; ``_PARAM`` is the driver's placeholder)

    def get(self, comment_id: int) -> Comment:
        with self._transaction(write=False) as conn:
            row = conn.execute(f"{_SELECT} WHERE id = {self._PARAM}", (comment_id,)).fetchone()
        if row is None:
            raise CommentError("not_found", id=comment_id)
        return _row(row)

    def list(self, *, status: str | None = None, zone_id: str | None = None, limit: int | None = None) -> list[Comment]:
        clauses, args = [], []
        if status is not None:
            clauses.append(f"status = {self._PARAM}")
            args.append(status)
        if zone_id is not None:
            clauses.append(f"zone_id = {self._PARAM}")
            args.append(zone_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        tail = f" LIMIT {self._PARAM}" if limit is not None else ""
        with self._transaction(write=False) as conn:
            rows = conn.execute(f"{_SELECT}{where} ORDER BY id DESC{tail}",
                                (*args, *([limit] if limit is not None else []))).fetchall()
        return [_row(r) for r in rows]

    def status_by_code(self, code: str) -> PublicStatus:
        """The status of the comment with this short code (:func:`short_code`); ``code_unknown`` when none."""
        comment_id, prefix = parse_code(code)
        with self._transaction(write=False) as conn:
            row = conn.execute(f"SELECT token FROM comments WHERE id = {self._PARAM}",  # noqa: S608 - constant SQL
                               (comment_id,)).fetchone()
        if row is None or not secrets.compare_digest(str(row[0])[:CODE_DIGITS].lower(), prefix):
            raise CommentError("code_unknown", value=clean_text(str(code))[:30])
        found = self.get(comment_id)
        return PublicStatus(id=found.id, created_at=found.created_at, kind=found.kind, text=found.text,
                            status=found.status, reply=found.reply if found.status == "approved" else None)

    def counts(self) -> dict[tuple[str | None, str], int]:
        with self._transaction(write=False) as conn:
            rows = conn.execute("SELECT zone_id, status, COUNT(*) FROM comments GROUP BY zone_id, status").fetchall()
        return {(zone, status): int(n) for zone, status, n in rows}



class SqliteCommentStore(ModerationMixin):
    """Comments in one SQLite file (all SQLite I/O of the project is in this class).

    Parameters
    ----------
    path
        The database file; its folder is created when missing.
    busy_timeout_s
        How long a writer waits for another writer before the write is refused.
    """

    def __init__(self, path: str | Path, *, busy_timeout_s: float = 15.0) -> None:
        self.path = Path(path)
        self.name = str(self.path)
        self.busy_timeout_s = busy_timeout_s
        self._ready = False
        self._ready_lock = threading.Lock()

    # connections and transactions

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_s * 1000)}")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    def _ensure_schema(self) -> None:
        with self._ready_lock:
            if self._ready:
                return
            try:
                conn = self._connect()
            except (sqlite3.Error, OSError) as exc:  # not a database at all (garbage, a truncated file)
                raise CommentStoreError("store_unreadable", detail=f"{self.path.name}: {exc}") from exc
            try:
                found = conn.execute("PRAGMA user_version").fetchone()[0]
                if found > SCHEMA_VERSION:
                    raise CommentStoreError("store_newer", path=self.path.name, found=found, supported=SCHEMA_VERSION)
                if found == SCHEMA_VERSION:  # made before (WAL mode is kept in the file)
                    self._ready = True
                    return
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA:
                    conn.execute(statement)
                conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)", (secrets.token_hex(16),))
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise CommentStoreError("store_unreadable", detail=f"{self.path.name}: {exc}") from exc
            finally:
                conn.close()
            self._ready = True

    @contextlib.contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """One connection, one transaction: committed when the block ends, rolled back on any error."""
        self._ensure_schema()
        code = "store_failed" if write else "store_unreadable"
        try:
            conn = self._connect()
        except (sqlite3.Error, OSError) as exc:
            raise CommentStoreError(code, detail=f"{self.path.name}: {exc}") from exc
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise CommentStoreError(code, detail=f"{self.path.name}: {exc}") from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    # writing

    @staticmethod
    def _hash(conn: sqlite3.Connection, key: str) -> str:
        salt = conn.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]
        return hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()[:32]

    def add(self, draft: CommentDraft, *, session_key: str, client_key: str, limits: RateLimits | None = None,
            now: float | None = None) -> Comment:
        """Store ``draft`` after checking the rate limits inside the same write transaction.

        A draft whose ``token`` is already stored returns the stored comment
        (a double tap stores one comment). Raises :class:`CommentError` when a
        limit refuses it and :class:`CommentStoreError` when the database fails.
        """
        limits = limits or RateLimits()
        with self._transaction(write=True) as conn:  # BEGIN IMMEDIATE: one writer at a time from here
            now = time.time() if now is None else now  # taken under the lock, so later writers see later times
            existing = conn.execute(f"{_SELECT} WHERE token = ?", (draft.token,)).fetchone()
            if existing is not None:
                return _row(existing)
            session_hash, client_hash = self._hash(conn, session_key), self._hash(conn, client_key)
            conn.execute("DELETE FROM submissions WHERE at < ?", (now - limits.longest_window,))
            times = conn.execute("SELECT session_hash, client_hash, at FROM submissions WHERE session_hash = ? "
                                 "OR client_hash = ?", (session_hash, client_hash)).fetchall()
            refusal = rate_limit_error([t for s, _, t in times if s == session_hash],
                                       [t for _, c, t in times if c == client_hash], now, limits)
            if refusal is not None:
                raise refusal
            conn.execute("INSERT INTO submissions (session_hash, client_hash, at) VALUES (?, ?, ?)",
                         (session_hash, client_hash, now))
            cursor = conn.execute(
                "INSERT INTO comments (token, created_at, kind, text, contact, zone_id, lon, lat, lang) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.token, _iso(now), draft.kind, draft.text, draft.contact, draft.zone_id, draft.lon, draft.lat,
                 draft.lang),
            )
            return _row(conn.execute(f"{_SELECT} WHERE id = ?", (cursor.lastrowid,)).fetchone())

    def _moderate(self, comment_id: int, expected_status: str | None, sets: dict[str, Any]) -> Comment:
        with self._transaction(write=True) as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (comment_id,)).fetchone()
            if row is None:
                raise CommentError("not_found", id=comment_id)
            current = _row(row)
            if expected_status is not None and current.status != expected_status:
                zh, en = STATUS_LABELS[current.status]
                raise StaleCommentError("stale", id=comment_id, status_zh=zh, status_en=en)
            assignments = ", ".join(f"{column} = ?" for column in sets)
            conn.execute(f"UPDATE comments SET {assignments} WHERE id = ?",  # noqa: S608 - constant column names
                         (*sets.values(), comment_id))
            return _row(conn.execute(f"{_SELECT} WHERE id = ?", (comment_id,)).fetchone())


# --- exports ----------------------------------------------------------------------------------------------

EXPORT_FIELDS = ("id", "created_at", "kind", "kind_en", "text", "zone_id", "lon", "lat", "lang", "status", "reason",
                 "reply", "moderator", "moderated_at", "replied_at")
#: Kept for callers of the old name; the one definition is :func:`planning.writers.defuse`.
defuse_formula = writers.defuse


def _export_record(comment: Comment, *, include_contact: bool) -> dict[str, Any]:
    record = asdict(comment)
    record["kind_en"] = comment.kind_en
    fields = [*EXPORT_FIELDS, "contact"] if include_contact else list(EXPORT_FIELDS)
    return {name: record[name] for name in fields}


def csv_bytes(comments: Sequence[Comment], *, include_contact: bool = False) -> bytes:
    """The comments as CSV (UTF-8 with BOM, for Excel), written by :mod:`planning.writers` (formulas defused)."""
    fields = [*EXPORT_FIELDS, "contact"] if include_contact else list(EXPORT_FIELDS)
    records = [_export_record(c, include_contact=include_contact) for c in comments]
    return writers.csv_bytes(pd.DataFrame(records, columns=fields))


def geojson_bytes(comments: Sequence[Comment], *, include_contact: bool = False) -> bytes:
    """The comments as a GeoJSON FeatureCollection (WGS84; formulas defused); a zone-only comment has a null geometry."""
    return writers.feature_collection(
        (_export_record(c, include_contact=include_contact),
         {"type": "Point", "coordinates": list(c.point)} if c.point else None)
        for c in comments
    )


def check_database(path: Path) -> list[CorruptStateError]:
    """Problems of the comments database at ``path`` (none when it does not exist yet); opened read-only.

    What ``python -m planning validate`` reports: not a database, damaged pages, or a newer schema.
    """
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        return [CorruptStateError("comments_bad", file=path.name, area="comments", detail=str(exc))]
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        return [CorruptStateError("comments_bad", file=path.name, area="comments", detail=str(exc))]
    finally:
        conn.close()
    if verdict != "ok":
        return [CorruptStateError("comments_bad", file=path.name, area="comments", detail=str(verdict)[:200])]
    if found > SCHEMA_VERSION:
        detail = (f"由更新版本的程序创建（版本 {found}）", f"made by a newer version of the app (schema {found})")
        return [CorruptStateError("comments_bad", file=path.name, area="comments", detail=detail)]
    return []
