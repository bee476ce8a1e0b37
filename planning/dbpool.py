"""Connections to the plan database that fail well: a bounded pool, time-outs, and a clear reason.

:class:`Connections` hands out connections from a :class:`psycopg_pool.ConnectionPool`
of at most :attr:`DbLimits.pool_size` connections; a caller waits at most
:attr:`DbLimits.pool_timeout` seconds for one. Every connection is opened with

- ``connect_timeout`` (libpq gives up on a server that does not answer the login),
- ``statement_timeout`` and ``lock_timeout`` (the server cancels a statement that
  runs or waits for a lock too long; ``lock_timeout`` is the shorter one, so a
  lock wait is reported as such),
- TCP keepalives and ``tcp_user_timeout`` (a peer that vanished from the network
  is noticed in seconds, not after the kernel's 2-hour default).

A server that is alive but frozen (``SIGSTOP``, a hung host with its TCP stack
still answering) answers no statement and no login. The kernel keeps acknowledging
the bytes, so neither time-out fires. A watchdog thread therefore looks at every
statement still waiting for the server after :attr:`DbLimits.stall_probe_s`
seconds: it tries a fresh login with ``connect_timeout``; when that login does
not complete either, the server is frozen and the waiting connection's socket is
shut down, so the statement returns at once with "not responding". A long
statement of a healthy server (the login works) keeps running until
``statement_timeout``.

Every failure to get or keep a connection becomes one :class:`~planning.errors.DatabaseUnavailable`
with a ``kind``:

``unreachable``
    nothing listens (server stopped, wrong host), or the connection broke;
``full``
    the server refuses more clients (``too many clients``, SQLSTATE 53300) or
    every connection of this process's pool is busy: try again in a moment;
``not_responding``
    the server accepts the connection but answers nothing within the time-outs.

A caller waits for a free connection in steps of a second: when the pool's
last login failed, the failure is reported at once (the kind from the login
error); when the logins work and every connection is busy, it waits up to
:attr:`DbLimits.pool_timeout` (as long as an edit may wait for a lock), then
"full".

After a failure the pool is not waited on again until the server answers a
fresh login (each call tries one, which fails fast), so pages that keep serving
the last loaded plan during an outage do not wait :attr:`DbLimits.pool_timeout`
on every rerun, and the first call after the server is back goes through.

The public messages name no host, port, database, user or driver text; the
exception's :attr:`~planning.errors.DatabaseUnavailable.detail` has them (for the log and
for logged-in planners).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planning.errors import DatabaseUnavailable, DataSourceError

LOG = logging.getLogger("planning.db")
#: SQLSTATE 53300 too_many_connections (also "remaining connection slots are reserved").
TOO_MANY_CONNECTIONS = "53300"


@dataclass(frozen=True)
class DbLimits:
    """The pool size and time-outs (seconds); see :mod:`planning.settings` for the variables."""

    pool_size: int = 10
    pool_timeout: float = 30.0
    connect_timeout: int = 3
    statement_timeout: float = 60.0
    lock_timeout: float = 30.0
    stall_probe_s: float = 2.0

    def __post_init__(self) -> None:
        if self.lock_timeout >= self.statement_timeout:
            msg = (
                f"HUAIYIN_DB_LOCK_TIMEOUT ({self.lock_timeout:g} s) must be shorter than "
                f"HUAIYIN_DB_STATEMENT_TIMEOUT ({self.statement_timeout:g} s)"
            )
            raise DataSourceError(msg)

    @classmethod
    def from_settings(cls, settings: Any) -> DbLimits:
        return cls(
            pool_size=settings.db_pool_size,
            pool_timeout=settings.db_pool_timeout,
            connect_timeout=settings.db_connect_timeout,
            statement_timeout=settings.db_statement_timeout,
            lock_timeout=settings.db_lock_timeout,
        )

    def connect_kwargs(self, schema: str, application_name: str) -> dict[str, Any]:
        """libpq parameters of every connection (autocommit; transactions are explicit)."""
        return {
            "autocommit": True,
            "connect_timeout": max(2, int(self.connect_timeout)),
            "application_name": application_name,
            "options": (
                f"-c search_path={schema},public -c statement_timeout={int(self.statement_timeout * 1000)} "
                f"-c lock_timeout={int(self.lock_timeout * 1000)}"
            ),
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "tcp_user_timeout": int(max(10.0, self.connect_timeout * 3) * 1000),
        }


def psycopg_module() -> Any:
    """The ``psycopg`` module, imported when a database is first used (the file store does not need it)."""
    try:
        import psycopg  # noqa: PLC0415 - only needed when a database is configured
    except ImportError as exc:
        msg = 'HUAIYIN_DATABASE_URL is set but psycopg is not installed: pip install "psycopg[binary]"'
        raise DataSourceError(msg) from exc
    return psycopg


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (psycopg adds context lines)."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def kind_of_connect_error(exc: BaseException) -> str:
    """``full``, ``not_responding`` or ``unreachable`` for an error raised while logging in."""
    if getattr(exc, "sqlstate", None) == TOO_MANY_CONNECTIONS:
        return "full"
    text = str(exc).lower()
    if "too many clients" in text or "connection slots are reserved" in text or "too many connections" in text:
        return "full"
    if "timeout expired" in text or "timed out" in text:
        return "not_responding"
    return "unreachable"


class _Watchdog:
    """Shuts down the socket of a statement that a frozen server never answers (see the module docstring)."""

    def __init__(self, probe: Any, limits: DbLimits) -> None:
        self._probe = probe
        self._limits = limits
        self._waiting: dict[int, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def watch(self, conn: Any) -> None:
        with self._lock:
            self._waiting[id(conn)] = (time.monotonic(), conn)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="huaiyin-db-watchdog", daemon=True)
                self._thread.start()

    def unwatch(self, conn: Any) -> None:
        with self._lock:
            self._waiting.pop(id(conn), None)

    def stop(self) -> None:
        self._stop.set()

    def _overdue(self) -> list[Any]:
        limit = time.monotonic() - self._limits.stall_probe_s
        with self._lock:
            return [conn for since, conn in self._waiting.values() if since < limit]

    def _run(self) -> None:
        probed = 0.0
        while not self._stop.wait(min(0.5, self._limits.stall_probe_s / 2)):
            overdue = self._overdue()
            if not overdue or time.monotonic() - probed < self._limits.stall_probe_s:
                continue
            probed = time.monotonic()
            if self._probe() != "not_responding":
                continue
            for conn in overdue:
                with self._lock:
                    still = self._waiting.pop(id(conn), None) is not None
                if still:
                    conn.stalled = True
                    with contextlib.suppress(OSError, ValueError):
                        fd = conn.pgconn.socket
                        socket.socket(fileno=socket.dup(fd)).shutdown(socket.SHUT_RDWR)


def _connection_class(watchdog: _Watchdog, logins: Any) -> type:
    psycopg = psycopg_module()

    class WatchedConnection(psycopg.Connection):
        """A connection whose every wait for the server is watched by the pool's watchdog."""

        stalled = False

        @classmethod
        def connect(cls, *args: Any, **kwargs: Any) -> Any:  # the pool's logins: remember whether they work
            try:
                conn = super().connect(*args, **kwargs)
            except psycopg.Error as exc:
                logins.failed(exc)
                raise
            logins.worked()
            return conn

        def wait(self, gen: Any, *args: Any, **kwargs: Any) -> Any:
            watchdog.watch(self)
            try:
                return super().wait(gen, *args, **kwargs)
            finally:
                watchdog.unwatch(self)

    return WatchedConnection


class Connections:
    """A bounded, thread-safe pool of connections to one database (see the module docstring)."""

    def __init__(self, url: str, schema: str, application_name: str, limits: DbLimits | None = None) -> None:
        self.url = url
        self.schema = schema
        self.application_name = application_name
        self.limits = limits or DbLimits()
        self.kwargs = self.limits.connect_kwargs(schema, application_name)
        self._watchdog = _Watchdog(self.probe, self.limits)
        self._pool: Any | None = None
        self._lock = threading.Lock()
        self._held = threading.local()  # the connection each thread holds (see connection())
        self._down: DatabaseUnavailable | None = None
        self._login_failure: BaseException | None = None

    def failed(self, exc: BaseException) -> None:
        """The pool could not log in (called by its connection class)."""
        self._login_failure = exc

    def worked(self) -> None:
        """The pool logged in (called by its connection class)."""
        self._login_failure = None

    def _get_pool(self) -> Any:
        with self._lock:
            if self._pool is None:
                from psycopg_pool import ConnectionPool  # noqa: PLC0415 - only with a database

                self._pool = ConnectionPool(
                    self.url, connection_class=_connection_class(self._watchdog, self), kwargs=self.kwargs,
                    min_size=1, max_size=self.limits.pool_size, timeout=self.limits.pool_timeout,
                    reconnect_timeout=max(10.0, 2 * self.limits.pool_timeout), max_idle=300,
                    check=self._check, name=self.application_name, open=True,
                )
            return self._pool

    @staticmethod
    def _check(conn: Any) -> None:
        conn.execute("")

    def probe(self) -> str | None:
        """Log in once on a fresh connection: ``None`` when it works, else the kind of failure."""
        psycopg = psycopg_module()
        try:
            psycopg.connect(self.url, **self.kwargs).close()
        except psycopg.Error as exc:
            return kind_of_connect_error(exc)
        return None

    def unavailable(self, exc: BaseException, action: str, kind: str | None = None) -> DatabaseUnavailable:
        """The :class:`DatabaseUnavailable` for ``exc`` (logged with its detail)."""
        kind = kind or kind_of_connect_error(exc)
        detail = f"{action}: {first_line(exc)}"
        LOG.warning("plan database %s (%s): %s", kind, self.application_name, detail)
        return DatabaseUnavailable(kind, detail)

    def broken(self, conn: Any, exc: BaseException, action: str) -> DatabaseUnavailable:
        """The error for a connection that failed inside a block (stalled, closed or refused)."""
        if getattr(conn, "stalled", False):
            failure = self.unavailable(exc, action, "not_responding")
        else:
            failure = self.unavailable(exc, action, kind_of_connect_error(exc) if conn.closed else "unreachable")
        self._down = failure
        return failure

    def _acquire(self, action: str) -> Any:
        from psycopg_pool import PoolTimeout  # noqa: PLC0415 - only with a database

        if self._down is not None:  # fail fast until a fresh login works again
            kind = self.probe()
            if kind is not None:
                raise DatabaseUnavailable(kind, f"{action}: {self._down.detail}")
            self._down = None
        pool = self._get_pool()
        deadline = time.monotonic() + self.limits.pool_timeout
        while True:
            try:  # in short steps: a failing login is reported at once, a busy pool is waited for
                return pool.getconn(timeout=max(0.05, min(1.0, deadline - time.monotonic())))
            except PoolTimeout as exc:
                failed = self._login_failure
                if failed is None and time.monotonic() < deadline:
                    continue
                kind = kind_of_connect_error(failed) if failed is not None else self.probe()
                failure = self.unavailable(failed or exc, action, kind or "full")  # None: all connections busy
                if kind is not None:
                    self._down = failure
                raise failure from exc

    @contextlib.contextmanager
    def connection(self, action: str = "using the plan database") -> Iterator[Any]:
        """A checked connection for the block; a broken one is discarded when it goes back to the pool.

        Re-entrant per thread: a block opened while this thread already holds
        a connection (a read inside an edit's transaction) gets that same
        connection. Taking a second one would deadlock a busy pool: every
        other connection can be held by a thread waiting for the lock this
        thread's transaction holds.
        """
        held = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        psycopg = psycopg_module()
        conn = self._acquire(action)
        self._held.conn = conn
        try:
            yield conn
        except psycopg.OperationalError as exc:
            if conn.closed or getattr(conn, "stalled", False) or conn.broken:
                raise self.broken(conn, exc, action) from exc
            raise
        finally:
            self._held.conn = None
            self._get_pool().putconn(conn)

    def close(self) -> None:
        """Close the pool (and its connections); a later call opens a new one."""
        self._watchdog.stop()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
        self._watchdog = _Watchdog(self.probe, self.limits)
