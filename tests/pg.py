"""A throwaway PostgreSQL + PostGIS server for the tests and the benchmark.

:func:`ensure_installed` installs Debian's ``postgresql`` and ``postgis``
packages with ``apt-get`` when the server binaries or the PostGIS extension
are missing (CI machines start without them). :class:`PgServer` runs
``initdb`` in a temporary folder, starts the server on a free port bound to
127.0.0.1 only (and a private Unix socket in the same folder), creates a login
role and a database with ``CREATE EXTENSION postgis``, and removes everything
on :meth:`PgServer.stop`. PostgreSQL refuses to run as root, so as root the
cluster belongs to the ``postgres`` system user (created by the Debian
package) and its commands run through ``runuser``.

The cluster is for tests: it runs with ``fsync=off`` (its data is thrown away
at the end; nothing tested here relies on surviving a power cut of the
machine). ``synchronous_commit`` stays on, so a committed transaction
survives the server being killed (``pg_ctl stop -m immediate``), which the
outage tests do.

Run ``python -m tests.pg`` to start one by hand: it prints the URL and stops
the server on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PG_ROOT = Path("/usr/lib/postgresql")
APT_PACKAGES = ("postgresql", "postgis", "postgresql-postgis")
ROLE = "huaiyin"
DATABASE = "huaiyin"
TEMPLATE = "huaiyin_template"


class PgUnavailable(RuntimeError):  # noqa: N818 - internal control-flow signal, not an error for users
    """PostgreSQL or PostGIS could not be installed or started (the message says why and what to do)."""


def _run(cmd: list[str], *, what: str, timeout: float = 600, env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        msg = f"{what} failed: {' '.join(cmd)}: {exc}"
        raise PgUnavailable(msg) from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-2000:]
        msg = f"{what} failed (exit {done.returncode}): {' '.join(cmd)}\n{tail}"
        raise PgUnavailable(msg)
    return done.stdout


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", path.name)) or (0,)


def server_bin_dir() -> Path | None:
    """``/usr/lib/postgresql/<newest>/bin`` when it holds ``initdb``, else ``None``."""
    if not PG_ROOT.is_dir():
        return None
    versions = sorted((p for p in PG_ROOT.iterdir() if (p / "bin" / "initdb").exists()), key=_version_key)
    return versions[-1] / "bin" if versions else None


def postgis_available(bin_dir: Path) -> bool:
    """Whether the PostGIS extension is installed for the server in ``bin_dir``."""
    version = bin_dir.parent.name
    return Path(f"/usr/share/postgresql/{version}/extension/postgis.control").exists()


def ensure_installed() -> Path:
    """The server's bin folder, after installing the Debian packages if anything is missing.

    Raises :class:`PgUnavailable` with the reason and the command to run when
    the packages cannot be installed (not root, no package index …).
    """
    bin_dir = server_bin_dir()
    if bin_dir is not None and postgis_available(bin_dir):
        return bin_dir
    if os.geteuid() != 0:
        msg = (
            "PostgreSQL with PostGIS is needed by these tests and is not installed; run as root: "
            f"apt-get update && apt-get install -y {' '.join(APT_PACKAGES)}"
        )
        raise PgUnavailable(msg)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    _run(["apt-get", "update", "-qq"], what="apt-get update", env=env)
    _run(["apt-get", "install", "-y", "-qq", *APT_PACKAGES], what="installing PostgreSQL and PostGIS", env=env)
    bin_dir = server_bin_dir()
    if bin_dir is None or not postgis_available(bin_dir):
        msg = f"apt-get installed {' '.join(APT_PACKAGES)} but no server with PostGIS was found under {PG_ROOT}"
        raise PgUnavailable(msg)
    return bin_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    """One throwaway cluster: ``start()``, use :attr:`url`, ``stop()`` (or use it as a context manager)."""

    bin_dir: Path = field(default_factory=ensure_installed)
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_hex(12))
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="huaiyin-pg-")))
    max_connections: int = 100

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = DATABASE) -> str:
        """Connection URL of ``database`` for the login role (password authentication over TCP)."""
        return f"postgresql://{ROLE}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _as_owner(self, cmd: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return cmd
        return ["runuser", "-u", "postgres", "--", *cmd]

    def _bin(self, name: str) -> str:
        return str(self.bin_dir / name)

    def init(self) -> None:
        """``initdb`` with password authentication on 127.0.0.1 and trust on the private socket."""
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                msg = "the postgres system user is missing (it comes with Debian's postgresql package)"
                raise PgUnavailable(msg) from exc
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.root.chmod(0o700)
        pwfile = self.root / "superuser.pw"
        pwfile.write_text(secrets.token_hex(12) + "\n", encoding="utf-8")
        if os.geteuid() == 0:
            os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
        _run(self._as_owner([
            self._bin("initdb"), "-D", str(self.data_dir), "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
            "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}", "--no-sync",
        ]), what="initdb", timeout=120)
        pwfile.unlink()

    def start(self) -> PgServer:
        """Start the server (``init`` first when the cluster does not exist yet) and wait until it accepts."""
        fresh = not self.data_dir.exists()
        if fresh:
            self.init()
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c full_page_writes=off -c max_connections={self.max_connections}"
        )
        _run(self._as_owner([
            self._bin("pg_ctl"), "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-o", options,
            "-w", "-t", "60", "start",
        ]), what=f"starting PostgreSQL on 127.0.0.1:{self.port} (log: {self.root / 'server.log'})", timeout=90)
        if fresh:
            self._create_database()
        return self

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser over the private socket; return psql's output."""
        return _run(self._as_owner([
            self._bin("psql"), "-h", str(self.root), "-p", str(self.port), "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql,
        ]), what="psql", timeout=120)

    def _create_database(self) -> None:
        self.psql(f"CREATE ROLE {ROLE} LOGIN CREATEDB PASSWORD '{self.password}'")
        self.psql(f"CREATE DATABASE {TEMPLATE} OWNER {ROLE}")
        self.psql("CREATE EXTENSION postgis", database=TEMPLATE)
        self.psql(f"ALTER DATABASE {TEMPLATE} WITH IS_TEMPLATE true")
        self.create_database(DATABASE)

    def create_database(self, name: str) -> str:
        """A new empty database with PostGIS (copied from a template); return its URL."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            msg = f"database name {name!r}: use lowercase letters, digits and _"
            raise ValueError(msg)
        self.psql(f"CREATE DATABASE {name} OWNER {ROLE} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``mode``: fast or immediate); the cluster stays for a later :meth:`start`."""
        if (self.data_dir / "postmaster.pid").exists():
            _run(self._as_owner([self._bin("pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop"]),
                 what="stopping PostgreSQL", timeout=90)

    def pids(self) -> list[int]:
        """The postmaster's process id and those of its children (backends, background workers)."""
        pid_file = self.data_dir / "postmaster.pid"
        if not pid_file.exists():
            return []
        main = int(pid_file.read_text(encoding="utf-8").split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()[1]) == main:
                    children.append(int(stat.parent.name))
        return [main, *children]

    def destroy(self) -> None:
        """Stop the server and delete the cluster."""
        with contextlib.suppress(PgUnavailable):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.destroy()


def main() -> int:
    """Start a server, print its URL, and stop and delete it on Ctrl-C or SIGTERM."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with PgServer() as server:
        print(server.url(), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
