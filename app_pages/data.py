"""Cached loads for the views: the plan, its map GeoJSON, the outline text and SOURCES.md.

The stores come from :func:`planning.stores.open_stores`, called once per
process (:func:`stores`); pages receive store objects or what the domain
computed, never folder paths. Each cache is keyed on the store's name and its
signature (document versions), so an edit is picked up on the next rerun and
nothing is read twice otherwise.

During a database outage (:class:`~planning.errors.DatabaseUnavailable`) the
read-only pages keep serving the last plan this process loaded, and
:func:`render_outage_banner` says since when; writes go to the database and
are refused there with a clear message.
"""

from __future__ import annotations

from planning.messages import Messages
import dataclasses
import os
import threading
import hashlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.context import StreamlitHeaders

from app_pages.i18n import lang, md, translate
from layers.assets import STATIC_DIR, URL_PREFIX
from layers.packing import bundle_bytes
from layers.prepare import layer_geojson, plan_geojson
from planning.edits import AUDIT_FILE, PROJECTS_FILE
from planning import clients
from planning.auth import load_accounts
from planning.imports_apply import Overlay, active_overlays, overlay_problems
from planning.errors import DatabaseUnavailable, DataSourceError
from planning.model import Problem
from planning.plan import OUTLINE_FILE, Plan, load_plan, read_document_text
from planning.postgis import check_url
from planning.settings import Settings, settings_from_env
from planning.state_files import CorruptStateError, check_state
from planning.storage import PlanStore, Signature, write_once
from planning.spatial import spatial_for
from planning.stores import Stores, open_stores
from planning.summary import Summaries
from planning.tours import Tour, load_tours

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


TEXT = Messages("data")


@st.cache_resource(show_spinner=False)
def _open(database_url: str | None, data_dir: str, accounts_file: str, state_dir: str, _settings: Settings) -> Stores:  # noqa: ARG001 - the key
    return open_stores(_settings)


def stores() -> Stores:
    """Every store of the app (plan, overlays, tours, accounts, comments, audit log), opened once per process."""
    current = settings()
    return _open(current.database_url, str(current.data_dir), str(current.accounts_file), str(current.state_dir), current)


def plan_store() -> PlanStore:
    """The plan's store: PostGIS when a database URL is configured, else the data folder."""
    return stores().plan


def _version() -> tuple[Signature, bool]:
    """The data version and whether it is live; during a database outage the last loaded one (``False``).

    The audit log is left out: an audit append alone reloads nothing on the map.
    """
    store = plan_store()
    try:
        return tuple(entry for entry in store.signature() if entry[0] != AUDIT_FILE), True
    except DatabaseUnavailable as exc:
        last = served().fallback(store.name, exc)
        if last is None:
            raise
        return last, False


def signature() -> Signature:
    """The data version of the plan's store (the cache key of everything derived from the plan).

    During a database outage: the version of the last plan this process loaded,
    so every cache keyed on it keeps serving (the banner says since when).
    """
    return _version()[0]


def _last_known(key: str, fetch: Callable[[], Signature]) -> Signature:
    """``fetch()``; while the database is unavailable, what it returned last (``()`` when never)."""
    record = served()
    try:
        value = fetch()
    except DatabaseUnavailable:
        with record.lock:
            return record.versions.get(key, ())
    with record.lock:
        record.versions[key] = value
    return value


def audit_signature() -> Signature:
    """The version of the audit log (what the history, the last-update dates and the overlays depend on)."""
    return _last_known("audit", lambda: tuple(e for e in plan_store().signature() if e[0] == AUDIT_FILE))


def overlay_signature() -> Signature:
    """Versions of the overlay store and of the audit log (an overlay is active while its import is logged)."""
    return _last_known("overlays", stores().overlays.signature) + audit_signature()


# The plan and its map GeoJSON are shared read-only between sessions (st.cache_resource):
# st.cache_data would unpickle a fresh copy on every call, which costs ~0.5 s per click
# on 10,000 projects (docs/benchmarks.md). Nothing mutates them after loading.
# Every cache is keyed on the store's name and its signature (two data folders copied with
# their modification times have equal signatures).
@st.cache_resource(show_spinner=False, max_entries=4)
def _plan(name: str, sig: Signature) -> Plan:  # noqa: ARG001 - name and sig are the cache key
    return load_plan(plan_store())


@dataclasses.dataclass
class Served:
    """What this process last loaded per store, and the outage it is serving through (thread-safe)."""

    loaded: dict[str, tuple[Signature, dt.datetime]] = dataclasses.field(default_factory=dict)
    versions: dict[str, Signature] = dataclasses.field(default_factory=dict)  # overlays, audit, tours
    outage: dict[str, DatabaseUnavailable] = dataclasses.field(default_factory=dict)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def ok(self, key: str, sig: Signature) -> None:
        with self.lock:
            self.loaded[key] = (sig, dt.datetime.now().astimezone())
            self.outage.pop(key, None)

    def fallback(self, key: str, exc: DatabaseUnavailable) -> Signature | None:
        """The signature of the last plan loaded from ``key`` (``None``: nothing to serve)."""
        with self.lock:
            self.outage[key] = exc
            last = self.loaded.get(key)
        return None if last is None else last[0]

    def status(self, key: str) -> tuple[DatabaseUnavailable, dt.datetime] | None:
        with self.lock:
            exc, last = self.outage.get(key), self.loaded.get(key)
        return None if exc is None or last is None else (exc, last[1])


@st.cache_resource(show_spinner=False)
def served() -> Served:
    """The process's :class:`Served` record (one per process, shared by the sessions)."""
    return Served()


def _unavailable(exc: DataSourceError) -> None:
    st.error(md(exc.message(lang()) if isinstance(exc, DatabaseUnavailable) else str(exc)))
    st.stop()


def current_plan() -> tuple[Plan, Signature]:
    """The plan of the configured store, loaded once per data version.

    When the database is unavailable, the last plan loaded by this process
    (its signature as the cache key); with none, an error and the page stops.
    """
    name = plan_store().name
    try:
        sig, live = _version()
        plan = _plan(name, sig)
    except DataSourceError as exc:  # the database is down or refuses, or a document cannot be read: say so
        last = served().fallback(name, exc) if isinstance(exc, DatabaseUnavailable) else None
        if last is None:
            _unavailable(exc)
        try:
            return _plan(name, last), last
        except DataSourceError as again:  # the cached plan was evicted and cannot be reloaded now
            _unavailable(again)
    if live:
        served().ok(name, sig)
    return plan, sig


def render_outage_banner() -> None:
    """A warning above the page while the plan is served from memory because the database is unavailable.

    Called by ``app.py`` before the page runs; it checks the database once for this rerun.
    """
    current_plan()
    status = served().status(plan_store().name)
    if status is None:
        return
    exc, as_of = status
    reason = exc.message(lang())
    st.warning(md(translate(TEXT, "outage", time=as_of.strftime("%H:%M")) + " " + reason[:1].upper() + reason[1:]))
    if st.session_state.get("user") and exc.detail:
        st.caption(md(translate(TEXT, "outage_detail", detail=exc.detail)))


@st.cache_resource(show_spinner=False, max_entries=4)
def _summaries(name: str, sig: Signature, overlay_sig: Signature) -> Summaries:  # noqa: ARG001 - overlay_sig is a key
    plan = _plan(name, sig)
    return Summaries(plan, tuple(overlays(sig)), spatial_for(plan_store(), plan))


def summaries() -> Summaries:
    """The zone and project summaries of the current plan (computed lazily, once per data version)."""
    _, sig = current_plan()
    return _summaries(plan_store().name, sig, overlay_signature())


@st.cache_resource(show_spinner=False, max_entries=16)
def _map_geojson(name: str, sig: Signature, lang: str, gcj: bool) -> dict[str, dict[str, Any]]:
    return plan_geojson(_plan(name, sig).layers, lang=lang, gcj=gcj)


def map_geojson(sig: Signature, lang: str, gcj: bool) -> dict[str, dict[str, Any]]:
    """Compact, simplified GeoJSON of every layer (once per data version, language and datum)."""
    return _map_geojson(plan_store().name, sig, lang, gcj)


@st.cache_data(show_spinner=False, max_entries=16)
def _map_layer_urls(name: str, sig: Signature, lang: str, gcj: bool) -> dict[str, str]:
    geo = _map_geojson(name, sig, lang, gcj)
    payload = bundle_bytes(geo)
    file_name = f"layers-{hashlib.sha256(payload).hexdigest()[:20]}.json"
    write_once(CACHE_DIR / file_name, payload)
    return {layer_id: f"{URL_PREFIX}cache/{file_name}#{layer_id}" for layer_id in geo}


def map_layer_urls(sig: Signature, lang: str, gcj: bool) -> dict[str, str]:
    """Every packed layer in one file written once to ``static/cache`` (content-addressed).

    Layer id → ``<bundle URL>#<layer id>``: the browser fetches the bundle once
    per page (``window.hyLoad`` in :mod:`layers.packing`) and every layer takes
    its part, so the page script only names URLs and a click re-sends no layer.
    """
    return _map_layer_urls(plan_store().name, sig, lang, gcj)


@st.cache_resource(show_spinner=False, max_entries=8)
def _overlay_geojson(name: str, sig: Signature, lang: str, gcj: bool) -> list[tuple[str, dict[str, Any]]]:  # noqa: ARG001
    out = []
    for overlay in active_overlays(stores()):
        gdf = overlay.gdf.copy()
        gdf["id"] = [f"{overlay.id}-{i}" for i in range(len(gdf))]
        if "name_zh" not in gdf.columns:
            gdf["name_zh"] = overlay.title
        collection = layer_geojson(gdf, "overlays", lang=lang, gcj=gcj, style_key="overlay")
        out.append((overlay.title, collection))
    return out


def overlay_geojson(sig: Signature, lang: str, gcj: bool) -> list[tuple[str, dict[str, Any]]]:  # noqa: ARG001
    """Imported overlays (active ones, see planning.imports_apply) as compact GeoJSON for the map.

    ``sig`` (the plan's) is accepted for symmetry; the cache follows the overlays and the audit log.
    """
    try:
        return _overlay_geojson(plan_store().name, overlay_signature(), lang, gcj)
    except DatabaseUnavailable:  # not loaded before the outage: the map shows the plan without overlays
        return []


@st.cache_resource(show_spinner=False, max_entries=8)
def _active_overlays(name: str, sig: Signature) -> list[Overlay]:  # noqa: ARG001 - name and sig are the cache key
    return active_overlays(stores())


def overlays(sig: Signature) -> list[Overlay]:  # noqa: ARG001 - the cache follows the overlays and the audit log
    """The active overlays with their features (the red-line check and the map use them)."""
    try:
        return _active_overlays(plan_store().name, overlay_signature())
    except DatabaseUnavailable:
        return []


@st.cache_data(show_spinner=False, max_entries=4)
def _tours(name: str, sig: Signature, tours_sig: Signature, _plan: Plan) -> tuple[list[Tour], list[Problem]]:  # noqa: ARG001
    return load_tours(stores().tours, _plan)


def tours(plan: Plan, sig: Signature) -> tuple[list[Tour], list[Problem]]:
    """Every valid tour of the tour store and every problem, once per data and tours version."""
    try:
        return _tours(plan_store().name, sig, _last_known("tours", stores().tours.signature), plan)
    except DatabaseUnavailable as exc:  # not loaded by this process before the outage: say so
        _unavailable(exc)


@st.cache_data(show_spinner=False, max_entries=4)
def _last_updates(name: str, sig: Signature) -> dict[str, dt.date]:  # noqa: ARG001 - name and sig are the cache key
    out: dict[str, dt.date] = {}
    for entry in stores().audit.readable()[0]:  # a damaged line is reported, not fatal
        if entry.document == PROJECTS_FILE and entry.feature_id:
            out[entry.feature_id] = dt.date.fromisoformat(entry.at[:10])
    return out


def last_updates() -> dict[str, dt.date]:
    """Date of the last audited edit of each project."""
    try:
        return _last_updates(plan_store().name, audit_signature())
    except DatabaseUnavailable:
        return {}


@st.cache_data(show_spinner=False, max_entries=4)
def _document_text(name: str, sig: Signature, document: str) -> str | None:  # noqa: ARG001 - name and sig are the key
    try:
        return read_document_text(plan_store(), document)
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


def document_text(sig: Signature, document: str) -> str | None:
    """A text document of the plan's store (the plan outline, SOURCES.md), or None when absent or damaged.

    A damaged one is reported by :func:`show_state_problems` on the pages that need it.
    """
    return _document_text(plan_store().name, sig, document)


@st.cache_resource(show_spinner=False, max_entries=8)
def _state_problems(name: str, sig: Signature, overlay_sig: Signature) -> dict[str, list[CorruptStateError]]:  # noqa: ARG001 - the signatures are the cache key
    current = stores()
    checks = {
        "overlays": lambda: overlay_problems(current),
        "audit": lambda: current.audit.readable()[1],
        "outline": lambda: [] if read_document_text(current.plan, OUTLINE_FILE) is not None else [],
    }
    return {area: check_state([(area, check)]) for area, check in checks.items()}


def state_problems(*areas: str) -> list[CorruptStateError]:
    """Problems of the state files in ``areas`` (overlays, audit, outline, accounts, comments), cached per version."""
    try:
        found = _state_problems(plan_store().name, signature(), overlay_signature())
    except DatabaseUnavailable:  # the outage banner says so; nothing else to report
        return []
    out = [p for area in areas for p in found.get(area, [])]
    if "accounts" in areas:
        out += check_state([("accounts", _accounts_problems)])
    return out


def _accounts_problems() -> list[CorruptStateError]:
    current = stores()
    load_accounts(current.accounts, current.accounts_document)
    return []


def show_state_problems(*areas: str) -> None:
    """A warning per damaged state file the page reads, in the user's language, saying what to do."""
    for problem in state_problems(*areas):
        st.warning(md(problem.message(lang())), icon="⚠️")
