"""Cached loads for the views: the plan, its map GeoJSON, the outline text and SOURCES.md.

Each cache is keyed on the data folder and its signature (names, mtimes,
sizes), so an edited file is picked up on the next rerun and nothing is read
twice otherwise.

During a database outage (:class:`~planning.errors.DatabaseUnavailable`) the
read-only pages keep serving the last plan this process loaded, and
:func:`render_outage_banner` says since when; writes go to the database and
are refused there with a clear message.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import hashlib
import datetime as dt
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.context import StreamlitHeaders

from app_pages.i18n import lang, md, translate
from layers.assets import STATIC_DIR, URL_PREFIX
from layers.packing import bundle_bytes
from layers.prepare import layer_geojson, plan_geojson
from planning.edits import PROJECTS_FILE, PlanEditor
from planning import clients
from planning.auth import load_accounts
from planning.imports_apply import active_overlays, overlay_problems, overlay_store
from planning.errors import DatabaseUnavailable, DataSourceError
from planning.plan import OUTLINE_FILE, Plan, load_plan, read_document_text
from planning.dbpool import DbLimits
from planning.postgis import check_url, open_store
from planning.settings import Settings, settings_from_env
from planning.state_files import CorruptStateError, check_state
from planning.storage import PlanStore, atomic_write
from planning.spatial import spatial_for
from planning.summary import Summaries

Signature = tuple[tuple[str, int, int], ...]
#: Generated, content-addressed copies of the packed map layers (not data; safe to delete).
CACHE_DIR = STATIC_DIR / "cache"


def _secret(name: str) -> str | None:
    try:
        value = st.secrets.get(name)
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None
    return str(value) if value else None


def settings() -> Settings:
    """Environment settings; the 天地图 key and the database URL may also come from ``.streamlit/secrets.toml``."""
    current = settings_from_env()
    changes: dict[str, str] = {}
    if not current.tianditu_key and (key := _secret("TIANDITU_KEY")):
        changes["tianditu_key"] = key
    if not current.database_url and (url := _secret("HUAIYIN_DATABASE_URL")):
        changes["database_url"] = check_url(url)
    return dataclasses.replace(current, **changes) if changes else current


TEXT = {
    "outage": ("数据库暂不可用，显示的是 {time} 的数据。", "Database unavailable, showing data as of {time}."),
    "outage_detail": ("技术细节（仅规划人员可见）：{detail}", "Technical detail (planners only): {detail}"),
}


@st.cache_resource(show_spinner=False)
def _store(database_url: str | None, folder: str, limits: DbLimits | None) -> PlanStore:
    return open_store(database_url, folder, limits)


def plan_store(folder: str | Path | None = None) -> PlanStore:
    """The plan's store: PostGIS when a database URL is configured, else the data folder (one per process)."""
    current = settings()
    limits = DbLimits.from_settings(current) if current.database_url else None
    return _store(current.database_url, str(folder or current.data_dir), limits)


def _version(folder: str) -> tuple[Signature, bool]:
    """The data version and whether it is live; during a database outage the last loaded one (``False``)."""
    try:
        return plan_store(folder).signature(), True
    except DatabaseUnavailable as exc:
        last = served().fallback(folder, exc)
        if last is None:
            raise
        return last, False


def signature(folder: Path) -> Signature:
    """The data version of ``folder`` (the cache key of everything derived from the plan).

    During a database outage: the version of the last plan this process loaded,
    so every cache keyed on it keeps serving (the banner says since when).
    """
    return _version(str(folder))[0]


# The plan and its map GeoJSON are shared read-only between sessions (st.cache_resource):
# st.cache_data would unpickle a fresh copy on every call, which costs ~0.5 s per click
# on 10,000 projects (docs/benchmarks.md). Nothing mutates them after loading.
@st.cache_resource(show_spinner=False, max_entries=4)
def _plan(folder: str, sig: Signature) -> Plan:  # noqa: ARG001 - sig is the cache key
    return load_plan(plan_store(folder))


@dataclasses.dataclass
class Served:
    """What this process last loaded per data folder, and the outage it is serving through (thread-safe)."""

    loaded: dict[str, tuple[Signature, dt.datetime]] = dataclasses.field(default_factory=dict)
    outage: dict[str, DatabaseUnavailable] = dataclasses.field(default_factory=dict)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def ok(self, folder: str, sig: Signature) -> None:
        with self.lock:
            self.loaded[folder] = (sig, dt.datetime.now().astimezone())
            self.outage.pop(folder, None)

    def fallback(self, folder: str, exc: DatabaseUnavailable) -> Signature | None:
        """The signature of the last plan loaded from ``folder`` (``None``: nothing to serve)."""
        with self.lock:
            self.outage[folder] = exc
            last = self.loaded.get(folder)
        return None if last is None else last[0]

    def status(self, folder: str) -> tuple[DatabaseUnavailable, dt.datetime] | None:
        with self.lock:
            exc, last = self.outage.get(folder), self.loaded.get(folder)
        return None if exc is None or last is None else (exc, last[1])


@st.cache_resource(show_spinner=False)
def served() -> Served:
    """The process's :class:`Served` record (one per process, shared by the sessions)."""
    return Served()


def _unavailable(exc: DataSourceError) -> None:
    st.error(md(exc.message(lang()) if isinstance(exc, DatabaseUnavailable) else str(exc)))
    st.stop()


def current_plan() -> tuple[Plan, Signature]:
    """The plan of the configured data folder, loaded once per data version.

    When the database is unavailable, the last plan loaded by this process
    (its signature as the cache key); with none, an error and the page stops.
    """
    folder = str(settings().data_dir)
    try:
        sig, live = _version(folder)
        plan = _plan(folder, sig)
    except DataSourceError as exc:  # the database is down or refuses, or a document cannot be read: say so
        last = served().fallback(folder, exc) if isinstance(exc, DatabaseUnavailable) else None
        if last is None:
            _unavailable(exc)
        try:
            return _plan(folder, last), last
        except DataSourceError as again:  # the cached plan was evicted and cannot be reloaded now
            _unavailable(again)
    if live:
        served().ok(folder, sig)
    return plan, sig


def render_outage_banner() -> None:
    """A warning above the page while the plan is served from memory because the database is unavailable.

    Called by ``app.py`` before the page runs; it checks the database once for this rerun.
    """
    current_plan()
    status = served().status(str(settings().data_dir))
    if status is None:
        return
    exc, as_of = status
    reason = exc.message(lang())
    st.warning(md(translate(TEXT, "outage", time=as_of.strftime("%H:%M")) + " " + reason[:1].upper() + reason[1:]))
    if st.session_state.get("user") and exc.detail:
        st.caption(md(translate(TEXT, "outage_detail", detail=exc.detail)))


@st.cache_resource(show_spinner=False, max_entries=4)
def _summaries(folder: str, sig: Signature) -> Summaries:
    plan = _plan(folder, sig)
    return Summaries(plan, tuple(active_overlays(folder)), spatial_for(plan_store(folder), plan))


def summaries() -> Summaries:
    """The zone and project summaries of the current plan (computed lazily, once per data version)."""
    _, sig = current_plan()
    return _summaries(str(settings().data_dir), sig)


@st.cache_resource(show_spinner=False, max_entries=16)
def map_geojson(folder: str, sig: Signature, lang: str, gcj: bool) -> dict[str, dict[str, Any]]:
    """Compact, simplified GeoJSON of every layer (once per data version, language and datum)."""
    return plan_geojson(_plan(folder, sig).layers, lang=lang, gcj=gcj)


@st.cache_data(show_spinner=False, max_entries=16)
def map_layer_urls(folder: str, sig: Signature, lang: str, gcj: bool) -> dict[str, str]:
    """Every packed layer in one file written once to ``static/cache`` (content-addressed).

    Layer id → ``<bundle URL>#<layer id>``: the browser fetches the bundle once
    per page (``window.hyLoad`` in :mod:`layers.packing`) and every layer takes
    its part, so the page script only names URLs and a click re-sends no layer.
    """
    geo = map_geojson(folder, sig, lang, gcj)
    payload = bundle_bytes(geo)
    name = f"layers-{hashlib.sha256(payload).hexdigest()[:20]}.json"
    path = CACHE_DIR / name
    if not path.exists():
        atomic_write(path, payload)
    return {layer_id: f"{URL_PREFIX}cache/{name}#{layer_id}" for layer_id in geo}


@st.cache_resource(show_spinner=False, max_entries=8)
def overlay_geojson(folder: str, sig: Signature, lang: str, gcj: bool) -> list[tuple[str, dict[str, Any]]]:  # noqa: ARG001
    """Imported overlays (active ones, see planning.imports_apply) as compact GeoJSON for the map."""
    out = []
    for overlay in active_overlays(folder):
        gdf = overlay.gdf.copy()
        gdf["id"] = [f"{overlay.id}-{i}" for i in range(len(gdf))]
        if "name_zh" not in gdf.columns:
            gdf["name_zh"] = overlay.title
        collection = layer_geojson(gdf, "overlays", lang=lang, gcj=gcj, style_key="overlay")
        out.append((overlay.title, collection))
    return out


@st.cache_data(show_spinner=False, max_entries=4)
def _last_updates(folder: str, sig: Signature) -> dict[str, dt.date]:  # noqa: ARG001 - sig is the cache key
    out: dict[str, dt.date] = {}
    for entry in PlanEditor(plan_store(folder)).readable_log()[0]:  # a damaged line is reported, not fatal
        if entry.document == PROJECTS_FILE and entry.feature_id:
            out[entry.feature_id] = dt.date.fromisoformat(entry.at[:10])
    return out


def last_updates() -> dict[str, dt.date]:
    """Date of the last audited edit of each project."""
    folder = settings().data_dir
    return _last_updates(str(folder), signature(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def document_text(folder: str, sig: Signature, name: str) -> str | None:  # noqa: ARG001 - sig is the cache key
    """A text document of the data folder (the plan outline, SOURCES.md), or None when absent or damaged.

    A damaged one is reported by :func:`show_state_problems` on the pages that need it.
    """
    try:
        return read_document_text(plan_store(folder), name)
    except CorruptStateError:
        return None


def client_address() -> str:
    """The visitor's address for per-client limits: ``X-Forwarded-For`` only from ``HUAIYIN_TRUSTED_PROXIES``.

    ``local`` for a local browser (and in AppTest); see planning/clients.py.
    """
    headers, peer = st.context.headers, st.context.ip_address
    forwarded = headers.get_all("X-Forwarded-For") if isinstance(headers, StreamlitHeaders) else []
    peer = peer if isinstance(peer, str) and peer else None  # AppTest has no connection
    peer = clients.real_peer(peer, [v for v in forwarded if isinstance(v, str)],
                             server_rewrites_local=os.environ.get("FORWARDED_ALLOW_IPS") is None)
    return clients.client_address(peer, forwarded, settings().trusted_proxies)


def _overlay_signature(folder: str) -> Signature:
    return overlay_store(folder).signature()


@st.cache_resource(show_spinner=False, max_entries=8)
def _file_state_problems(folder: str, sig: Signature, overlay_sig: Signature) -> dict[str, list[CorruptStateError]]:  # noqa: ARG001 - the signatures are the cache key
    store = plan_store(folder)
    checks = {
        "overlays": lambda: overlay_problems(folder),
        "audit": lambda: PlanEditor(store).readable_log()[1],
        "outline": lambda: [] if read_document_text(store, OUTLINE_FILE) is not None else [],
    }
    return {area: check_state([(area, check)]) for area, check in checks.items()}


def state_problems(*areas: str) -> list[CorruptStateError]:
    """Problems of the state files in ``areas`` (overlays, audit, outline, accounts, comments), cached per version."""
    folder = str(settings().data_dir)
    found = _file_state_problems(folder, signature(Path(folder)), _overlay_signature(folder))
    out = [p for area in areas for p in found.get(area, [])]
    if "accounts" in areas:
        out += check_state([("accounts", lambda: _accounts_problems(settings().accounts_file))])
    return out


def _accounts_problems(path: Path) -> list[CorruptStateError]:
    load_accounts(path)
    return []


def show_state_problems(*areas: str) -> None:
    """A warning per damaged state file the page reads, in the user's language, saying what to do."""
    for problem in state_problems(*areas):
        st.warning(md(problem.message(lang())), icon="⚠️")
