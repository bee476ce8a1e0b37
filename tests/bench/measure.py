"""Measurements of the map benchmark: HTML build and render, and Streamlit reruns (AppTest).

Each function measures one thing on one data folder and returns plain numbers;
:mod:`bench_map` runs them and formats the tables.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import statistics
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
import shapely

from layers.builders import MapOptions, build_base_map, build_projects_group, build_selection_group
from layers.prepare import plan_geojson
from planning.plan import Plan, load_plan

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
MAP_KEY = "plan_map"
STATIC_DIR = ROOT / "static"
#: A JSON string that looks like a feature id (planning.schema.ID_PATTERN): the ids in any
#: serialisation (GeoJSON, packed rows, explore()'s properties) of the map's data.
JSON_ID = re.compile(r'"([a-z0-9][a-z0-9_-]*)"')
#: A same-origin layer file the page script fetches (the app may serve layers by URL).
LAYER_URL = re.compile(r'"/app/static/([^"?#]+\.json)(?:#[^"]*)?"')
APPTEST_TIMEOUT_S = 900


def timed(func: Callable[[], Any], repeats: int = 1) -> tuple[float, Any]:
    """Median wall time of ``repeats`` calls (after a garbage collection each) and the last result."""
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# --- (a), (b): build and render the map HTML -------------------------------------------------


@dataclass
class HtmlResult:
    """Time to build and render one map's HTML, its size, and what it contains."""

    seconds: float
    size: int
    project_features: int
    zone_vertices: int
    steps: dict[str, float] = field(default_factory=dict)


def measure_load(folder: Path, repeats: int) -> tuple[float, Plan]:
    return timed(lambda: load_plan(folder), repeats)


def project_ids(plan: Plan) -> set[str]:
    projects = plan.layers.get("projects")
    return set(projects["id"]) if projects is not None and not projects.empty else set()


def ids_in(text: str, ids: set[str]) -> int:
    """How many of ``ids`` appear as JSON strings in ``text``."""
    return len(ids & set(JSON_ID.findall(text)))


def _first_feature(geo: dict[str, Any], layer: str) -> dict[str, Any] | None:
    features = geo.get(layer, {"features": []})["features"]
    return features[0] if features else None


def _zone_vertices_geojson(geo: dict[str, Any]) -> int:
    zones = geo.get("zones", {"features": []})["features"]
    return int(sum(shapely.get_num_coordinates(shapely.from_geojson(json.dumps(f["geometry"]))) for f in zones))


def our_map(plan: Plan, options: MapOptions) -> tuple[folium.Map, dict[str, Any], dict[str, float]]:
    """The app's map as the page builds it (base map + projects + selection groups), with step times."""
    steps: dict[str, float] = {}
    start = time.perf_counter()
    geo = plan_geojson(plan.layers, lang=options.lang, gcj=options.base.gcj)
    steps["plan_geojson"] = time.perf_counter() - start
    start = time.perf_counter()
    m = build_base_map(geo, options)
    build_projects_group(geo.get("projects", {"features": []}), lang=options.lang).add_to(m)
    build_selection_group(_first_feature(geo, "projects")).add_to(m)
    steps["build"] = time.perf_counter() - start
    return m, geo, steps


def _our_html_once(plan: Plan) -> tuple[str, dict[str, Any], dict[str, float]]:
    m, geo, steps = our_map(plan, MapOptions())
    start = time.perf_counter()
    html = m.get_root().render()
    steps["render"] = time.perf_counter() - start
    return html, geo, steps


def measure_ours(plan: Plan, repeats: int) -> HtmlResult:
    """Median total and median of each step over ``repeats`` builds."""
    runs = []
    for _ in range(repeats):
        gc.collect()
        runs.append(_our_html_once(plan))
    steps = {key: statistics.median(r[2][key] for r in runs) for key in runs[0][2]}
    html, geo, _ = runs[-1]
    seconds = statistics.median(sum(r[2].values()) for r in runs)
    return HtmlResult(seconds, len(html.encode()), ids_in(html, project_ids(plan)), _zone_vertices_geojson(geo), steps)


#: explore() order: zones first, then projects on the same map, then every other layer.
def _explore_order(plan: Plan) -> list[str]:
    first = [lid for lid in ("zones", "projects") if lid in plan.layers]
    return first + [lid for lid in plan.layers if lid not in first]


def explore_map(plan: Plan) -> folium.Map:
    m = None
    for layer_id in _explore_order(plan):
        gdf = plan.layers[layer_id]
        if gdf.empty:
            continue
        m = gdf.explore(name=layer_id) if m is None else gdf.explore(m=m, name=layer_id)
    return m if m is not None else folium.Map()


def measure_explore(plan: Plan, repeats: int) -> HtmlResult:
    seconds, html = timed(lambda: explore_map(plan).get_root().render(), repeats)
    shown = ids_in(html, project_ids(plan))
    zones = plan.layers.get("zones")
    vertices = int(shapely.get_num_coordinates(zones.geometry.values).sum()) if zones is not None else 0
    return HtmlResult(seconds, len(html.encode()), shown, vertices)


def explore_available() -> str | None:
    """``None`` when GeoDataFrame.explore() can run, else why not (it needs mapclassify and matplotlib)."""
    try:
        import mapclassify  # noqa: F401, PLC0415
        import matplotlib  # noqa: F401, PLC0415
    except ImportError as exc:
        return f"explore() unavailable: {exc.name} is not installed"
    return None


# --- (c): Streamlit reruns with AppTest ---------------------------------------------------------


#: Streamlit loggers that warn about bare-mode calls (session_state and cache clears from the test thread).
BARE_MODE_LOGGERS = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
)


class _ErrorsOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


def quiet_streamlit() -> None:
    """Drop Streamlit's bare-mode warnings (a filter survives Streamlit resetting log levels)."""
    for name in BARE_MODE_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _ErrorsOnly) for f in logger.filters):
            logger.addFilter(_ErrorsOnly())


@contextmanager
def data_dir(folder: Path) -> Iterator[None]:
    """Point the app at ``folder`` (HUAIYIN_DATA_DIR) with cold Streamlit caches."""
    import streamlit as st  # noqa: PLC0415

    quiet_streamlit()
    old = os.environ.get("HUAIYIN_DATA_DIR")
    os.environ["HUAIYIN_DATA_DIR"] = str(folder)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HUAIYIN_DATA_DIR", None)
        else:
            os.environ["HUAIYIN_DATA_DIR"] = old
        st.cache_data.clear()
        st.cache_resource.clear()


class AppError(RuntimeError):
    """The app raised, or a simulated click did not open the expected panel."""


def _run(at: Any) -> float:
    start = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - start
    if at.exception:
        raise AppError("the app raised: " + "; ".join(_describe(e) for e in at.exception)[:4000])
    return seconds


def _describe(exc: Any) -> str:
    """An AppTest exception element as text (the message may be redacted; the stack trace is not)."""
    return exc.message + "\n" + "\n".join(exc.stack_trace[-6:])


def _component(at: Any) -> Any:
    components = at.get("component_instance")
    if not components:
        raise AppError("no st_folium component on the page")
    return components[0]


def click(at: Any, layer: str, feature_id: str, count: int) -> float:
    """Simulate streamlit-folium reporting a click on a feature, rerun, and return the rerun time."""
    hash_key = _component(at).proto.id.rsplit("-", 1)[1]
    value = {"last_active_drawing": {"type": "Feature", "properties": {"id": feature_id, "l": layer}},
             "last_object_clicked_count": count}
    at.session_state[hash_key] = value
    at.session_state[MAP_KEY] = value  # what streamlit-folium's on_change does
    return _run(at)


def _check_panel(at: Any, name: str) -> None:
    shown = [s.value for s in at.subheader]
    if name not in shown:
        raise AppError(f"the click did not open the panel of {name!r}; subheaders: {shown[:5]}")


@dataclass
class RerunResult:
    """AppTest timings of one app on one data folder, and what a rerun sends to the browser."""

    first_run: float
    project_clicks: list[float] = field(default_factory=list)
    zone_clicks: list[float] = field(default_factory=list)
    idle_reruns: list[float] = field(default_factory=list)
    json_args: int = 0
    json_parts: dict[str, int] = field(default_factory=dict)
    projects_in_component: int = 0
    layer_files: dict[str, int] = field(default_factory=dict)
    table_bytes: int = 0


@dataclass
class ComponentPayload:
    """What the st_folium component is sent on a rerun, and the layer files its script fetches."""

    json_args: int
    parts: dict[str, int]
    layer_files: dict[str, int]
    projects: int


def layer_files(text: str) -> dict[Path, int]:
    """Same-origin layer files named in ``text`` (``/app/static/...json``) → their size in bytes."""
    paths = {STATIC_DIR / rel for rel in LAYER_URL.findall(text)}
    return {path: path.stat().st_size for path in paths if path.is_file()}


def component_payload(at: Any, ids: set[str]) -> ComponentPayload:
    """Size of the component's arguments and of the layers it fetches by URL; projects found in either."""
    raw = _component(at).proto.json_args
    args = json.loads(raw)
    parts = {k: len(v.encode()) for k, v in args.items() if isinstance(v, str) and len(v) > 1000}
    text = "\n".join(v for v in args.values() if isinstance(v, str))  # the page script, decoded
    files = layer_files(text)
    found = set(JSON_ID.findall(text)) & ids
    for path in files:
        found |= set(JSON_ID.findall(path.read_text(encoding="utf-8"))) & ids
    return ComponentPayload(len(raw.encode()), parts, {p.name: n for p, n in files.items()}, len(found))


def _table_bytes(at: Any) -> int:
    return sum(len(df.proto.arrow_data.data) for df in at.dataframe)


def _click_series(at: Any, layer: str, picks: list[tuple[str, str]], start: int) -> list[float]:
    times = []
    for i, (fid, name) in enumerate(picks):
        times.append(click(at, layer, fid, start + i))
        _check_panel(at, name)
    return times


def _picks(gdf: Any, n: int) -> list[tuple[str, str]]:
    if gdf is None or gdf.empty:
        return []
    return list(zip(gdf["id"].head(n), gdf["name_zh"].head(n), strict=True))


def median(times: list[float]) -> float | None:
    return statistics.median(times) if times else None


def cached_files() -> set[Path]:
    return set((STATIC_DIR / "cache").glob("*"))


def remove_new_files(files: dict[str, int], before: set[Path]) -> None:
    """Delete the layer files this run created (the synthetic data's; nobody else uses them)."""
    for name in files:
        path = STATIC_DIR / "cache" / name
        if path not in before:
            path.unlink(missing_ok=True)


def measure_app(folder: Path, plan: Plan, clicks: int = 5, *, cleanup: bool = False) -> RerunResult:
    """First run of app.py, then clicks on projects and zones (each must open its panel).

    ``cleanup``: delete the layer files the app wrote to ``static/cache`` for this data.
    """
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    before = cached_files()
    with data_dir(folder):
        at = AppTest.from_file(str(APP), default_timeout=APPTEST_TIMEOUT_S)
        result = RerunResult(first_run=_run(at))
        result.project_clicks = _click_series(at, "projects", _picks(plan.layers.get("projects"), clicks), 1)
        result.zone_clicks = _click_series(at, "zones", _picks(plan.layers.get("zones"), clicks), 100)
        result.idle_reruns = [_run(at) for _ in range(clicks)]
        payload = component_payload(at, project_ids(plan))
        result.table_bytes = _table_bytes(at)
    result.json_args, result.json_parts, result.layer_files = payload.json_args, payload.parts, payload.layer_files
    result.projects_in_component = payload.projects
    if cleanup:
        remove_new_files(payload.layer_files, before)
    return result


NAIVE_APP = textwrap.dedent(
    """
    import os
    import streamlit as st
    from streamlit_folium import st_folium
    from planning.plan import load_plan

    @st.cache_resource
    def plan(folder):
        return load_plan(folder)

    layers = plan(os.environ["HUAIYIN_DATA_DIR"]).layers
    order = [k for k in ("zones", "projects") if k in layers] + [k for k in layers if k not in ("zones", "projects")]
    m = None
    for name in order:
        if not layers[name].empty:
            m = layers[name].explore(name=name) if m is None else layers[name].explore(m=m, name=name)
    st_folium(m, key="naive_map", height=620)
    """
)


def measure_naive_app(folder: Path, workdir: Path) -> RerunResult:
    """A naive app: st_folium(gdf.explore(...)) of every layer on each run (data load cached)."""
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    script = workdir / "naive_app.py"
    script.write_text(NAIVE_APP, encoding="utf-8")
    with data_dir(folder):
        at = AppTest.from_file(str(script), default_timeout=APPTEST_TIMEOUT_S)
        result = RerunResult(first_run=_run(at))
        result.idle_reruns = [_run(at)]
        payload = component_payload(at, set())
    result.json_args, result.json_parts = payload.json_args, payload.parts
    return result
