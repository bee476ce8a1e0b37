"""Settings, declared once (:data:`SETTINGS`: variable, field, parser, help) and read into a frozen object.

Every setting is an environment variable; :func:`settings_from_env` reads them
all, and a value that does not parse raises :class:`~planning.errors.PlanningError`
naming the variable, the value (not for secrets) and what is expected, e.g.
``HUAIYIN_STALE_DAYS='abc': expected a whole number of at least 1 (default 180)``.
The defaults are those of :class:`Settings`. ``python -m planning settings``
prints the table of every variable with its default, current value and help
(:func:`settings_table`); ``.streamlit/secrets.toml`` may also hold
``TIANDITU_KEY`` and ``HUAIYIN_DATABASE_URL`` (see ``app_pages/data.py``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planning.clients import Network, parse_trusted_proxies
from planning.errors import PlanningError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Settings:
    data_dir: Path = PACKAGE_ROOT / "geodata"
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
    contact: str | None = None
    comments_per_session: tuple[int, int] = (3, 600)
    comments_per_client: tuple[int, int] = (20, 3600)
    import_max_mb: int = 50
    database_url: str | None = None
    session_hours: int = 12
    session_secret: str | None = None
    db_pool_size: int = 10
    db_pool_timeout: float = 30.0
    db_connect_timeout: int = 3
    db_statement_timeout: float = 60.0
    db_lock_timeout: float = 30.0
    trusted_proxies: tuple[Network, ...] = ()

    @property
    def comments_db(self) -> Path:
        """The SQLite file of the public comments (created on first use)."""
        return self.state_dir / "comments.sqlite3"


def _whole(minimum: int) -> Callable[[str, str], int]:
    def parse(variable: str, raw: str) -> int:
        if not re.fullmatch(r"[0-9]+", raw) or int(raw) < minimum:
            default = _default_text(_FIELDS[variable])
            msg = f"{variable}={raw!r}: expected a whole number of at least {minimum} (default {default})"
            raise PlanningError(msg)
        return int(raw)

    return parse


def _flag(variable: str, raw: str) -> bool:
    if raw.lower() not in {"0", "1", "true", "false", "yes", "no", "on", "off"}:
        msg = f"{variable}={raw!r}: expected 1 or 0"
        raise PlanningError(msg)
    return raw.lower() in {"1", "true", "yes", "on"}


def _choice(*choices: str) -> Callable[[str, str], str]:
    def parse(variable: str, raw: str) -> str:
        if raw not in choices:
            msg = f"{variable}={raw!r}: expected one of {', '.join(choices)}"
            raise PlanningError(msg)
        return raw

    return parse


def _rate(variable: str, raw: str) -> tuple[int, int]:
    match = re.fullmatch(r"([0-9]+)\s*/\s*([0-9]+)", raw)
    if not match or int(match[1]) < 1 or int(match[2]) < 1:
        msg = f"{variable}={raw!r}: expected COUNT/SECONDS with whole numbers of at least 1, e.g. 3/600"
        raise PlanningError(msg)
    return int(match[1]), int(match[2])


def _public_url(variable: str, raw: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"']+", raw):
        msg = f"{variable}={raw!r}: expected an http:// or https:// address, e.g. https://plan.example.cn/"
        raise PlanningError(msg)
    return raw


def _database_url(variable: str, raw: str) -> str:
    if not re.fullmatch(r"postgres(ql)?://\S+", raw):
        msg = (
            f"{variable}: expected a PostgreSQL URL such as postgresql://USER:PASSWORD@HOST:5432/DATABASE "
            "(the value is not shown: it may hold a password)"
        )
        raise PlanningError(msg)
    return raw


def _secret(variable: str, raw: str) -> str:
    if len(raw) < 32:
        msg = f"{variable}: use at least 32 characters, e.g. the output of `openssl rand -hex 32` (the value is not shown)"
        raise PlanningError(msg)
    return raw


def _path(variable: str, raw: str) -> Path:  # noqa: ARG001 - every parser takes the variable
    return Path(raw)


def _text(variable: str, raw: str) -> str:  # noqa: ARG001
    return raw


def _proxies(variable: str, raw: str) -> tuple[Network, ...]:
    return parse_trusted_proxies(raw, variable)


@dataclass(frozen=True)
class Setting:
    """One environment variable: the :class:`Settings` field it sets, its parser and its help."""

    variable: str
    field: str
    parse: Callable[[str, str], Any]
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("HUAIYIN_DATA_DIR", "data_dir", _path, "folder of the plan's layers and targets"),
    Setting("HUAIYIN_BASEMAP", "default_basemap", _text,
            "default basemap: none (no tiles, offline), osm, gaode, tianditu (others fall back to none)"),
    Setting("HUAIYIN_LANG", "default_lang", _choice(*LANGS), "default language: zh or en"),
    Setting("TIANDITU_KEY", "tianditu_key", _text, "personal 天地图 key (tk); the 天地图 basemap is offered only when set",
            secret=True),
    Setting("HUAIYIN_STALE_DAYS", "stale_days", _whole(1), "a project status older than this (days) is flagged as not updated"),
    Setting("HUAIYIN_ACCOUNTS_FILE", "accounts_file", _path,
            "planner accounts (created with python -m planning account add)"),
    Setting("HUAIYIN_STATE_DIR", "state_dir", _path,
            "state the app writes while it runs: the comments database comments.sqlite3, the auth store"),
    Setting("HUAIYIN_KIOSK", "kiosk", _flag, "1: public kiosk mode (only the kiosk pages; no login, editing, downloads or menus)"),
    Setting("HUAIYIN_KIOSK_IDLE_SECONDS", "kiosk_idle_seconds", _whole(5),
            "kiosk: seconds without a touch before the countdown ends and the home view returns"),
    Setting("HUAIYIN_KIOSK_ATTRACT_SECONDS", "kiosk_attract_seconds", _whole(5),
            "kiosk: seconds without a touch before the attract loop tours the zones"),
    Setting("HUAIYIN_PUBLIC_URL", "public_url", _public_url,
            "public address of the app, encoded in the kiosk's QR code (no QR code when unset)"),
    Setting("HUAIYIN_CONTACT", "contact", _text,
            "investment contact printed on fact sheets, lines separated by | (unset: the sheet says none is set)"),
    Setting("HUAIYIN_COMMENTS_PER_SESSION", "comments_per_session", _rate,
            "at most N comments per S seconds from one visitor session (N/S)"),
    Setting("HUAIYIN_COMMENTS_PER_CLIENT", "comments_per_client", _rate,
            "at most N comments per S seconds from one client address (N/S)"),
    Setting("HUAIYIN_TRUSTED_PROXIES", "trusted_proxies", _proxies,
            "reverse proxies whose X-Forwarded-For names the client (addresses or CIDR networks, comma-separated)"),
    Setting("HUAIYIN_IMPORT_MAX_MB", "import_max_mb", _whole(1),
            "largest GIS file a planner may import (MB); archives may expand to 4 times this"),
    Setting("HUAIYIN_SESSION_HOURS", "session_hours", _whole(1),
            "how long a planner's login lasts (hours), across reloads and new tabs"),
    Setting("HUAIYIN_SESSION_SECRET", "session_secret", _secret,
            "key that signs the login cookies (at least 32 characters); unset: generated once and kept in the auth store",
            secret=True),
    Setting("HUAIYIN_DATABASE_URL", "database_url", _database_url,
            "postgresql://USER:PASSWORD@HOST:PORT/DATABASE: the plan, edits, audit log, comments and accounts in "
            "PostgreSQL + PostGIS (shared by several replicas); see docs/postgis.md", secret=True),
    Setting("HUAIYIN_DB_POOL_SIZE", "db_pool_size", _whole(1),
            "database: at most this many connections per app process (the pool)"),
    Setting("HUAIYIN_DB_POOL_TIMEOUT", "db_pool_timeout", _whole(1),
            "database: seconds a request waits for a free connection of a busy pool before 'the server is full, try again' (a failing login is reported at once)"),
    Setting("HUAIYIN_DB_CONNECT_TIMEOUT", "db_connect_timeout", _whole(2),
            "database: seconds to log in before 'cannot be reached' / 'not responding'"),
    Setting("HUAIYIN_DB_STATEMENT_TIMEOUT", "db_statement_timeout", _whole(1),
            "database: seconds one statement may run before the server cancels it"),
    Setting("HUAIYIN_DB_LOCK_TIMEOUT", "db_lock_timeout", _whole(1),
            "database: seconds an edit waits for another editor's lock (shorter than the statement time-out)"),
)
_FIELDS = {s.variable: s.field for s in SETTINGS}


def _default_text(field_name: str) -> str:
    value = Settings.__dataclass_fields__[field_name].default
    if value is None or value == ():
        return "unset"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Path):
        return f"{value.relative_to(PACKAGE_ROOT)} next to the code" if value.is_relative_to(PACKAGE_ROOT) else str(value)
    if isinstance(value, tuple):
        return "/".join(str(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def settings_from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from environment variables (``os.environ`` by default); unset or empty: the default."""
    env = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = (env.get(setting.variable) or "").strip()
        if raw:
            values[setting.field] = setting.parse(setting.variable, raw)
    return Settings(**values)


def settings_table(current: Settings | None = None) -> list[tuple[str, str, str, str]]:
    """``(variable, default, current value, help)`` of every setting; secrets show only whether they are set."""
    current = current or settings_from_env()
    rows = []
    for setting in SETTINGS:
        value = getattr(current, setting.field)
        default = Settings.__dataclass_fields__[setting.field].default
        if setting.secret:
            shown = "set (not shown)" if value else "unset"
        else:
            shown = "(default)" if value == default else str(value)
        rows.append((setting.variable, _default_text(setting.field), shown, setting.help))
    return rows
