"""Helpers of the map page: filters, search, focus, the projects table and its downloads."""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd
import shapely
import streamlit as st
from shapely.geometry import shape

from app_pages import plans_ui
from app_pages.i18n import category_label, name_of, status_label, t
from layers.export import export_data
from planning.model import CATEGORIES, STATUSES
from planning.plan import Plan
from planning.plans import in_plans

FilterOptions = dict[str, tuple[list[str], dict[str, str]]]


def _source_refs(plan: Plan) -> list[str]:
    refs = {s["ref"] for srcs in plan.projects.get("sources", []) for s in srcs}
    boxes = sorted((r for r in refs if r.startswith("专栏")), key=lambda r: int(r.removeprefix("专栏")))
    return boxes + sorted(r for r in refs if not r.startswith("专栏"))


def filter_options(plan: Plan, lang: str) -> FilterOptions:
    """Values and labels of each filter, from the data."""
    projects = plan.projects
    statuses = list(STATUSES)
    present = set(projects["category"]) if not projects.empty else set()
    categories = [c for c in CATEGORIES if c in present]
    zones = plan.zones
    zone_ids = zones["id"].tolist() if not zones.empty else []
    zone_labels = _zone_names(plan, lang)
    refs = _source_refs(plan) if not projects.empty else []
    ref_labels = {r: r if lang == "zh" or not r.startswith("专栏") else r.replace("专栏", "Box ") for r in refs}
    options = {
        "map_f_status": (statuses, {s: status_label(s) for s in statuses}),
        "map_f_category": (categories, {c: category_label(c) for c in categories}),
        "map_f_zone": (zone_ids, zone_labels),
        "map_f_source": (refs, ref_labels),
    }
    if (plans := plans_ui.filter_option(projects)) is not None:  # only once a second plan is loaded
        options["map_f_plan"] = plans
    return options


def _zone_names(plan: Plan, lang: str) -> dict[str, str]:
    zones = plan.zones
    if zones.empty:
        return {}
    names = zones["name_en"].fillna(zones["name_zh"]) if lang == "en" else zones["name_zh"]
    return dict(zip(zones["id"], names, strict=True))


def apply_filters(plan: Plan) -> set[str]:
    """Ids of the projects that pass every active filter (an empty filter passes all)."""
    projects = plan.projects
    if projects.empty:
        return set()
    mask = pd.Series(True, index=projects.index)
    statuses = st.session_state.get("map_f_status") or []
    categories = st.session_state.get("map_f_category") or []
    zones = set(st.session_state.get("map_f_zone") or [])
    refs = set(st.session_state.get("map_f_source") or [])
    plans = set(st.session_state.get("map_f_plan") or [])
    if statuses:
        mask &= projects["status"].isin(statuses)
    if categories:
        mask &= projects["category"].isin(categories)
    if zones:
        mask &= projects["zone_ids"].apply(lambda ids: bool(zones & set(ids)))
    if refs:
        mask &= projects["sources"].apply(lambda srcs: any(s["ref"] in refs for s in srcs))
    if plans and "plan_ids" in projects.columns:
        mask &= projects["plan_ids"].apply(lambda ids: in_plans({"plan_ids": ids}, plans))
    return set(projects.loc[mask, "id"])


def search(plan: Plan, query: str, lang: str) -> list[tuple[str, str, str]]:
    """Zones and projects whose Chinese or English name contains ``query`` (case-insensitive)."""
    q = query.strip().lower()
    hits: list[tuple[str, str, str]] = []
    for kind, gdf in (("zone", plan.zones), ("project", plan.projects)):
        if gdf.empty:
            continue
        match = gdf["name_zh"].str.lower().str.contains(q, regex=False) | gdf["name_en"].str.lower().str.contains(
            q, regex=False
        )
        for _, row in gdf[match].iterrows():
            prefix = t("zone") if kind == "zone" else category_label(row["category"])
            hits.append((kind, row["id"], f"{prefix} · {name_of(row)}"))
    return hits


def feature_focus(plan: Plan, geo: dict[str, Any], sel: tuple[str, str] | None) -> tuple[list[float] | None, int | None]:
    """Centre (lat, lon, in the map's datum) and zoom that show the selected feature."""
    if sel is None:
        return None, None
    layer = "projects" if sel[0] == "project" else "zones"
    feature = next((f for f in geo.get(layer, {"features": []})["features"] if f["properties"]["id"] == sel[1]), None)
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
