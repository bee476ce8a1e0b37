"""Settings, read once from the environment into a frozen object (no mutable globals).

| variable | default | meaning |
|---|---|---|
| ``HUAIYIN_DATA_DIR`` | ``geodata`` next to the code | folder of the plan's layers and targets |
| ``HUAIYIN_BASEMAP`` | ``none`` | default basemap: ``none`` (no tiles, offline), ``osm``, ``gaode``, ``tianditu`` |
| ``HUAIYIN_LANG`` | ``zh`` | default language: ``zh`` or ``en`` |
| ``TIANDITU_KEY`` | unset | personal 天地图 key (``tk``); the 天地图 basemap is offered only when set |
| ``HUAIYIN_STALE_DAYS`` | ``180`` | a project status older than this is flagged as not updated |
| ``HUAIYIN_ACCOUNTS_FILE`` | ``data/accounts.json`` next to the code | planner accounts (created with ``python -m planning account add``) |
| ``HUAIYIN_STATE_DIR`` | ``data`` next to the code | state the app writes while it runs: the comments database ``comments.sqlite3`` |
| ``HUAIYIN_KIOSK`` | ``0`` | ``1``: public kiosk mode (only the kiosk pages; no login, editing, downloads or menus) |
| ``HUAIYIN_KIOSK_IDLE_SECONDS`` | ``90`` | kiosk: seconds without a touch before the countdown ends and the home view returns |
| ``HUAIYIN_KIOSK_ATTRACT_SECONDS`` | ``300`` | kiosk: seconds without a touch before the attract loop tours the zones |
| ``HUAIYIN_PUBLIC_URL`` | unset | public address of the app, encoded in the kiosk's QR code (no QR code when unset) |
| ``HUAIYIN_COMMENTS_PER_SESSION`` | ``3/600`` | at most N comments per S seconds from one visitor session (``N/S``) |
| ``HUAIYIN_COMMENTS_PER_CLIENT`` | ``20/3600`` | at most N comments per S seconds from one client address (``N/S``) |
| ``HUAIYIN_TRUSTED_PROXIES`` | unset | reverse proxies whose ``X-Forwarded-For`` names the client (addresses or CIDR networks, comma-separated, e.g. ``127.0.0.1``); unset: forwarded headers are ignored (see planning/clients.py) |
| ``HUAIYIN_IMPORT_MAX_MB`` | ``50`` | largest GIS file a planner may import (MB); archives may expand to 4 times this |
| ``HUAIYIN_SESSION_HOURS`` | ``12`` | how long a planner's login lasts (hours), across reloads and new tabs |
| ``HUAIYIN_SESSION_SECRET`` | unset | key that signs the login cookies (at least 32 characters); unset: generated once and kept in the auth store |
| ``HUAIYIN_DB_POOL_SIZE`` | ``10`` | database: at most this many connections per app process (the pool) |
| ``HUAIYIN_DB_POOL_TIMEOUT`` | ``5`` | database: seconds a request waits for a free connection before "the server is full, try again" |
| ``HUAIYIN_DB_CONNECT_TIMEOUT`` | ``3`` | database: seconds to log in before "cannot be reached" / "not responding" (at least 2) |
| ``HUAIYIN_DB_STATEMENT_TIMEOUT`` | ``60`` | database: seconds one statement may run before the server cancels it |
| ``HUAIYIN_DB_LOCK_TIMEOUT`` | ``30`` | database: seconds an edit waits for another editor's lock (shorter than the statement time-out) |
| ``HUAIYIN_DATABASE_URL`` | unset | ``postgresql://USER:PASSWORD@HOST:PORT/DATABASE``: keep the plan, edits, audit log and comments in PostgreSQL + PostGIS (shared by several app replicas) instead of the data folder; see docs/postgis.md |
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from planning.clients import Network, parse_trusted_proxies
from planning.errors import PlanningError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    default_basemap: str = "none"
    default_lang: str = "zh"
    tianditu_key: str | None = None
    stale_days: int = 180
    accounts_file: Path = PACKAGE_ROOT / "data" / "accounts.json"
    state_dir: Path = PACKAGE_ROOT / "data"
    kiosk: bool = False
    kiosk_idle_seconds: int = 90
    kiosk_attract_seconds: int = 300
    public_url: str | None = None
    comments_per_session: tuple[int, int] = (3, 600)
    comments_per_client: tuple[int, int] = (20, 3600)
    import_max_mb: int = 50
    database_url: str | None = None
    session_hours: int = 12
    session_secret: str | None = None
    db_pool_size: int = 10
    db_pool_timeout: float = 5.0
    db_connect_timeout: int = 3
    db_statement_timeout: float = 60.0
    db_lock_timeout: float = 30.0
    trusted_proxies: tuple[Network, ...] = ()

    @property
    def comments_db(self) -> Path:
        """The SQLite file of the public comments (created on first use)."""
        return self.state_dir / "comments.sqlite3"


def _int(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = env.get(name) or str(default)
    value = int(raw) if re.fullmatch(r"[0-9]+", raw.strip()) else minimum - 1
    if value < minimum:
        msg = f"{name}={raw!r}: expected a whole number of at least {minimum} (default {default})"
        raise PlanningError(msg)
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or "0").strip().lower()
    if raw not in {"0", "1", "true", "false", "yes", "no", "on", "off"}:
        msg = f"{name}={raw!r}: expected 1 or 0"
        raise PlanningError(msg)
    return raw in {"1", "true", "yes", "on"}


def _rate(env: Mapping[str, str], name: str, default: tuple[int, int]) -> tuple[int, int]:
    raw = env.get(name) or f"{default[0]}/{default[1]}"
    match = re.fullmatch(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*", raw)
    if not match or int(match[1]) < 1 or int(match[2]) < 1:
        msg = f"{name}={raw!r}: expected COUNT/SECONDS with whole numbers of at least 1, e.g. 3/600"
        raise PlanningError(msg)
    return int(match[1]), int(match[2])


def _public_url(env: Mapping[str, str]) -> str | None:
    raw = (env.get("HUAIYIN_PUBLIC_URL") or "").strip()
    if raw and not re.fullmatch(r"https?://[^\s<>\"']+", raw):
        msg = f"HUAIYIN_PUBLIC_URL={raw!r}: expected an http:// or https:// address, e.g. https://plan.example.cn/"
        raise PlanningError(msg)
    return raw or None


def _database_url(env: Mapping[str, str]) -> str | None:
    raw = (env.get("HUAIYIN_DATABASE_URL") or "").strip()
    if raw and not re.fullmatch(r"postgres(ql)?://\S+", raw):
        msg = (
            "HUAIYIN_DATABASE_URL: expected a PostgreSQL URL such as postgresql://USER:PASSWORD@HOST:5432/DATABASE "
            "(the value is not shown: it may hold a password)"
        )
        raise PlanningError(msg)
    return raw or None


def _secret(env: Mapping[str, str]) -> str | None:
    raw = (env.get("HUAIYIN_SESSION_SECRET") or "").strip()
    if raw and len(raw) < 32:
        msg = "HUAIYIN_SESSION_SECRET: use at least 32 characters, e.g. the output of `openssl rand -hex 32` (the value is not shown)"
        raise PlanningError(msg)
    return raw or None


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    """Settings from environment variables (``os.environ`` by default)."""
    env = os.environ if environ is None else environ
    lang = env.get("HUAIYIN_LANG", "zh")
    return Settings(
        data_dir=Path(env.get("HUAIYIN_DATA_DIR") or PACKAGE_ROOT / "geodata"),
        default_basemap=env.get("HUAIYIN_BASEMAP", "none"),
        default_lang=lang if lang in LANGS else "zh",
        tianditu_key=env.get("TIANDITU_KEY") or None,
        stale_days=_int(env, "HUAIYIN_STALE_DAYS", 180, 1),
        accounts_file=Path(env.get("HUAIYIN_ACCOUNTS_FILE") or PACKAGE_ROOT / "data" / "accounts.json"),
        state_dir=Path(env.get("HUAIYIN_STATE_DIR") or PACKAGE_ROOT / "data"),
        kiosk=_flag(env, "HUAIYIN_KIOSK"),
        kiosk_idle_seconds=_int(env, "HUAIYIN_KIOSK_IDLE_SECONDS", 90, 5),
        kiosk_attract_seconds=_int(env, "HUAIYIN_KIOSK_ATTRACT_SECONDS", 300, 5),
        public_url=_public_url(env),
        comments_per_session=_rate(env, "HUAIYIN_COMMENTS_PER_SESSION", (3, 600)),
        comments_per_client=_rate(env, "HUAIYIN_COMMENTS_PER_CLIENT", (20, 3600)),
        import_max_mb=_int(env, "HUAIYIN_IMPORT_MAX_MB", 50, 1),
        database_url=_database_url(env),
        session_hours=_int(env, "HUAIYIN_SESSION_HOURS", 12, 1),
        session_secret=_secret(env),
        db_pool_size=_int(env, "HUAIYIN_DB_POOL_SIZE", 10, 1),
        db_pool_timeout=_int(env, "HUAIYIN_DB_POOL_TIMEOUT", 5, 1),
        db_connect_timeout=_int(env, "HUAIYIN_DB_CONNECT_TIMEOUT", 3, 2),
        db_statement_timeout=_int(env, "HUAIYIN_DB_STATEMENT_TIMEOUT", 60, 1),
        db_lock_timeout=_int(env, "HUAIYIN_DB_LOCK_TIMEOUT", 30, 1),
        trusted_proxies=parse_trusted_proxies(env.get("HUAIYIN_TRUSTED_PROXIES")),
    )
