"""Public comments in PostgreSQL + PostGIS: :class:`PostgresCommentStore`, the server twin of ``SqliteCommentStore``.

It implements the :class:`planning.comments.CommentStore` protocol with the
same behaviour: a repeated ``token`` stores one comment; the rate limits are
checked inside the write transaction (under advisory locks of the session and
client keys, so two replicas cannot both let the fourth comment through);
session and client keys are kept only as salted hashes; moderation takes a
``SELECT ... FOR UPDATE`` row lock and refuses a step based on a status that
changed meanwhile. Tables (``comments`` with a generated ``geom`` point in
EPSG:4326 and a GiST index, ``comment_submissions``, ``comment_meta``) come
from the migrations of :mod:`planning.postgis`. A database failure raises
:class:`~planning.comments.CommentStoreError` and changes nothing.
"""

from __future__ import annotations

import contextlib
import logging
import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Iterator, Sequence
from typing import Any

from planning.comments import (
    STATUS_LABELS,
    Comment,
    CommentDraft,
    CommentError,
    CommentStoreError,
    ModerationMixin,
    RateLimits,
    StaleCommentError,
    rate_limit_error,
)
from planning.dbpool import DbLimits
from planning.errors import DatabaseUnavailable, DataSourceError
from planning.postgis import DEFAULT_SCHEMA, SCHEMA_VERSION, PostgisStore, first_line, lock_key, psycopg_module

_COLUMNS = ("id", "created_at", "kind", "text", "contact", "zone_id", "lon", "lat", "lang", "status", "reason",
            "reply", "moderator", "moderated_at", "replied_at")
LOG = logging.getLogger("planning.db")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM comments"  # noqa: S608 - constant column names


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds")


def _row(row: Sequence[Any]) -> Comment:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["id"] = int(values["id"])
    return Comment(**values)


class PostgresCommentStore(ModerationMixin):
    """Comments in the plan database (shared by every replica; thread-safe).

    Parameters
    ----------
    url
        The same ``postgresql://`` URL as the plan store.
    schema
        Schema of the tables (the plan store's).
    """

    _PARAM = "%s"  # psycopg placeholder for the shared SQL of ModerationMixin

    def __init__(self, url: str, *, schema: str = DEFAULT_SCHEMA, limits: DbLimits | None = None) -> None:
        self._db = PostgisStore(url, schema=schema, application_name="huaiyin-comments", limits=limits)
        self.name = self._db.name

    def _ensure_schema(self) -> None:
        try:
            found = self._db.schema_version()
            if found > SCHEMA_VERSION:
                raise CommentStoreError("store_newer", path=self.name, found=found, supported=SCHEMA_VERSION)
            self._db.ensure_schema()
        except CommentStoreError:
            raise
        except DatabaseUnavailable as exc:
            raise CommentStoreError("store_unreadable_db", zh=exc.zh, en=exc.en) from exc
        except DataSourceError as exc:
            raise CommentStoreError("store_unreadable", detail=str(exc)) from exc

    @contextlib.contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Any]:
        """One connection and one transaction; any database error becomes a :class:`CommentStoreError`."""
        self._ensure_schema()
        psycopg = psycopg_module()
        code = "store_failed" if write else "store_unreadable"
        action = "writing a comment" if write else "reading the comments"
        try:
            with self._db.pool.connection(action) as conn, conn.transaction():
                yield conn
        except DatabaseUnavailable as exc:
            raise CommentStoreError(f"{code}_db", zh=exc.zh, en=exc.en) from exc
        except psycopg.OperationalError as exc:
            unavailable = self._db.pool.unavailable(exc, action)
            raise CommentStoreError(f"{code}_db", zh=unavailable.zh, en=unavailable.en) from exc
        except psycopg.Error as exc:
            LOG.warning("comments database %s: %s: %s", self.name, action, first_line(exc))
            raise CommentStoreError(code, detail=f"SQLSTATE {exc.sqlstate or '?'}") from exc

    @staticmethod
    def _salt(conn: Any) -> str:
        conn.execute("INSERT INTO comment_meta (key, value) VALUES ('salt', %s) ON CONFLICT (key) DO NOTHING",
                     (secrets.token_hex(16),))
        return conn.execute("SELECT value FROM comment_meta WHERE key = 'salt'").fetchone()[0]

    @staticmethod
    def _hash(salt: str, key: str) -> str:
        return hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()[:32]

    # --- writing

    def add(self, draft: CommentDraft, *, session_key: str, client_key: str, limits: RateLimits | None = None,
            now: float | None = None) -> Comment:
        """Store ``draft`` after checking the rate limits inside the same transaction (see ``SqliteCommentStore.add``)."""
        limits = limits or RateLimits()
        with self._transaction(write=True) as conn:
            salt = self._salt(conn)
            session_hash, client_hash = self._hash(salt, session_key), self._hash(salt, client_key)
            for key in sorted({f"comment-session/{session_hash}", f"comment-client/{client_hash}"}):
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(self._db.schema, key),))
            # The time is taken under the locks, and each statement below sees every submission
            # committed before it (READ COMMITTED), so a racing writer's comment is counted.
            now = time.time() if now is None else now
            existing = conn.execute(f"{_SELECT} WHERE token = %s", (draft.token,)).fetchone()
            if existing is not None:
                return _row(existing)
            conn.execute("DELETE FROM comment_submissions WHERE at < %s", (now - limits.longest_window,))
            times = conn.execute(
                "SELECT session_hash, client_hash, at FROM comment_submissions WHERE session_hash = %s OR client_hash = %s",
                (session_hash, client_hash)).fetchall()
            refusal = rate_limit_error([t for s, _, t in times if s == session_hash],
                                       [t for _, c, t in times if c == client_hash], now, limits)
            if refusal is not None:
                raise refusal
            conn.execute("INSERT INTO comment_submissions (session_hash, client_hash, at) VALUES (%s, %s, %s)",
                         (session_hash, client_hash, now))
            row = conn.execute(
                "INSERT INTO comments (token, created_at, kind, text, contact, zone_id, lon, lat, lang) "  # noqa: S608 - constant table and column names; values are bound parameters
                f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING {', '.join(_COLUMNS)}",
                (draft.token, _iso(now), draft.kind, draft.text, draft.contact, draft.zone_id, draft.lon, draft.lat,
                 draft.lang),
            ).fetchone()
            return _row(row)

    def _moderate(self, comment_id: int, expected_status: str | None, sets: dict[str, Any]) -> Comment:
        with self._transaction(write=True) as conn:
            row = conn.execute(f"{_SELECT} WHERE id = %s FOR UPDATE", (comment_id,)).fetchone()
            if row is None:
                raise CommentError("not_found", id=comment_id)
            current = _row(row)
            if expected_status is not None and current.status != expected_status:
                zh, en = STATUS_LABELS[current.status]
                raise StaleCommentError("stale", id=comment_id, status_zh=zh, status_en=en)
            assignments = ", ".join(f"{column} = %s" for column in sets)
            updated = conn.execute(
                f"UPDATE comments SET {assignments} WHERE id = %s RETURNING {', '.join(_COLUMNS)}",  # noqa: S608 - constant table and column names; values are bound parameters
                (*sets.values(), comment_id)).fetchone()
            return _row(updated)


def comment_store_from_settings(settings: Any) -> Any:
    """``PostgresCommentStore`` when a database URL is configured, else the ``SqliteCommentStore`` of the state folder."""
    if getattr(settings, "database_url", None):
        return PostgresCommentStore(settings.database_url, limits=DbLimits.from_settings(settings))
    from planning.comments import SqliteCommentStore  # noqa: PLC0415 - the default, file-based store

    return SqliteCommentStore(settings.comments_db)
