"""Helpers of the map page: filters, search, the view to fit, the projects table and its downloads."""

from __future__ import annotations

import functools
import math
from typing import Any

import shapely
import streamlit as st
from shapely.geometry import shape

from app_pages import plans_ui
from app_pages.i18n import category_label, status_label, t
from layers.export import export_data
from layers.registry import LAYER_BY_ID
from planning.filters import ProjectFilter, matching_ids, value_counts
from planning.model import CATEGORIES, STATUSES
from planning.plan import Plan
from planning.search import SearchIndex

FilterOptions = dict[str, tuple[list[str], dict[str, str]]]


def _source_refs(plan: Plan) -> list[str]:
    refs = {s["ref"] for srcs in plan.projects.get("sources", []) for s in srcs}
    boxes = sorted((r for r in refs if r.startswith("专栏")), key=lambda r: int(r.removeprefix("专栏")))
    return boxes + sorted(r for r in refs if not r.startswith("专栏"))


def filter_options(plan: Plan, lang: str) -> FilterOptions:
    """Values of each filter, from the data, and their labels with how many projects have each value."""
    projects = plan.projects
    statuses = list(STATUSES)
    present = set(projects["category"]) if not projects.empty else set()
    categories = [c for c in CATEGORIES if c in present]
    zones = plan.zones
    zone_ids = zones["id"].tolist() if not zones.empty else []
    zone_labels = _zone_names(plan, lang)
    refs = _source_refs(plan) if not projects.empty else []
    ref_labels = {r: r if lang == "zh" or not r.startswith("专栏") else r.replace("专栏", "Box ") for r in refs}
    plain = {
        "map_f_status": (statuses, {s: status_label(s) for s in statuses}),
        "map_f_category": (categories, {c: category_label(c) for c in categories}),
        "map_f_zone": (zone_ids, zone_labels),
        "map_f_source": (refs, ref_labels),
    }
    out: FilterOptions = {}
    for key, (values, labels) in plain.items():
        counts = value_counts(projects, FILTER_FIELDS[key])
        out[key] = (values, {v: f"{labels.get(v, v)} ({counts.get(v, 0)})" for v in values})
    if (plans := plans_ui.filter_option(projects)) is not None:  # only once a second plan is loaded
        values, labels = plans
        counts = value_counts(projects, "plan")
        out["map_f_plan"] = (values, {v: f"{labels.get(v, v)} ({counts.get(v, 0)})" for v in values})
    return out


#: Session key of each filter → field of planning.filters.
FILTER_FIELDS = {"map_f_status": "status", "map_f_category": "category", "map_f_zone": "zone", "map_f_source": "source",
                 "map_f_plan": "plan"}


def _zone_names(plan: Plan, lang: str) -> dict[str, str]:
    zones = plan.zones
    if zones.empty:
        return {}
    names = zones["name_en"].fillna(zones["name_zh"]) if lang == "en" else zones["name_zh"]
    return dict(zip(zones["id"], names, strict=True))


def current_filter() -> ProjectFilter:
    """The filter the session's widgets describe."""
    return ProjectFilter(**{field: frozenset(st.session_state.get(key) or []) for key, field in FILTER_FIELDS.items()})


def apply_filters(plan: Plan) -> set[str]:
    """Ids of the projects that pass every active filter (an empty filter passes all)."""
    return matching_ids(plan.projects, current_filter())


@st.cache_resource(show_spinner=False, max_entries=4)
def _search_index(_plan: Plan, sig: tuple) -> SearchIndex:  # noqa: ARG001 - sig is the cache key
    return SearchIndex.from_layers(_plan.layers)


def search(plan: Plan, sig: tuple, query: str, lang: str) -> list[tuple[str, str, str]]:
    """(kind, id, label) of the features matching ``query`` (fuzzy: zh, en, pinyin, aliases), best first."""
    hits = _search_index(plan, sig).search(query)
    out = []
    for hit in hits:
        if hit.kind == "project":
            prefix = category_label(hit.category) if hit.category else t("project")
        else:
            prefix = t("zone") if hit.kind == "zone" else layer_title(hit.kind, lang)
        name = hit.name_en if lang == "en" and hit.name_en else hit.name_zh
        out.append((hit.kind, hit.id, f"{prefix} · {name}"))
    return out


def layer_title(layer_id: str, lang: str) -> str:
    spec = LAYER_BY_ID.get(layer_id)
    return spec.title(lang) if spec else layer_id


def selection_layer(kind: str) -> str:
    """The map layer of a selection kind (``zone`` and ``project`` are short for their layers)."""
    return {"zone": "zones", "project": "projects"}.get(kind, kind)


def find_feature(geo: dict[str, Any], layer: str, fid: str) -> dict[str, Any] | None:
    return next((f for f in geo.get(layer, {"features": []})["features"] if f["properties"]["id"] == fid), None)


def feature_focus(plan: Plan, geo: dict[str, Any], sel: tuple[str, str] | None) -> tuple[list[float] | None, int | None]:  # noqa: ARG001 - shared signature of the focus helpers
    """Centre (lat, lon, in the map's datum) and integer zoom that show the selected feature (the kiosk's view)."""
    if sel is None:
        return None, None
    feature = find_feature(geo, selection_layer(sel[0]), sel[1])
    if feature is None:
        return None, None
    geom = shape(feature["geometry"])
    point = geom.representative_point() if not geom.is_empty else None
    if point is None:
        return None, None
    minx, miny, maxx, maxy = shapely.bounds(geom)
    span = max(maxx - minx, maxy - miny)
    zoom = 15 if span < 0.01 else 14 if span < 0.025 else 13 if span < 0.05 else 12
    center = [round(point.y, 6), round(point.x, 6)] if span < 0.004 else [round((miny + maxy) / 2, 6), round((minx + maxx) / 2, 6)]
    return center, zoom


def _project_file(fmt: str, plan: Plan, ids: tuple[str, ...]) -> bytes:
    """The projects ``ids`` as the export writer makes them (formulas defused), like ``python -m planning export data``."""
    return export_data(plan, fmt, what=("projects",), project_ids=list(ids), target_ids=[])


#: Context kept around a selected feature: at least this many metres each way (a point shows its neighbourhood).
CONTEXT_M = 1500.0


def context_bounds(features: list[dict[str, Any]]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around ``features`` with context: 15% each side, at least CONTEXT_M."""
    geoms = [shape(f["geometry"]) for f in features if f.get("geometry")]
    geoms = [g for g in geoms if not g.is_empty]
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.bounds(shapely.union_all(geoms))
    lat = (miny + maxy) / 2
    min_dy = CONTEXT_M / 111_320
    min_dx = CONTEXT_M / (111_320 * max(math.cos(math.radians(lat)), 0.1))
    dx = max((maxx - minx) * 0.15, min_dx - (maxx - minx) / 2, 0)
    dy = max((maxy - miny) * 0.15, min_dy - (maxy - miny) / 2, 0)
    return [[round(miny - dy, 6), round(minx - dx, 6)], [round(maxy + dy, 6), round(maxx + dx, 6)]]


csv_bytes = functools.partial(_project_file, "csv")
xlsx_bytes = functools.partial(_project_file, "xlsx")
geojson_bytes = functools.partial(_project_file, "geojson")


def render_downloads(plan: Plan, ids: set[str]) -> None:
    """CSV, Excel and GeoJSON of the filtered projects, generated only when clicked."""
    key = tuple(sorted(ids))
    cols = st.columns(3)
    specs = (
        ("download_csv", csv_bytes, "huaiyin-projects.csv", "text/csv"),
        ("download_xlsx", xlsx_bytes, "huaiyin-projects.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("download_geojson", geojson_bytes, "huaiyin-projects.geojson", "application/geo+json"),
    )
    for col, (label, func, name, mime) in zip(cols, specs, strict=True):
        col.download_button(t(label), data=functools.partial(func, plan, key), file_name=name, mime=mime,
                            key=f"map_dl_{label}", on_click="ignore")
