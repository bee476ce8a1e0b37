"""空间分析: red-line conflicts, transit catchments and zone statistics, each with a download.

Everyone can read this page. The red-line check covers every project, a
shape drawn on the map, or a file checked without importing it. Results are
measured in EPSG:4548 (see :mod:`planning.redline`, :mod:`planning.transit`).
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
from typing import Any

import pandas as pd
import shapely
import streamlit as st
from shapely.geometry import shape
from streamlit_folium import st_folium

from app_pages import data
from app_pages.i18n import category_label, lang, md, status_label
from layers.assets import localize
from layers.builders import HUAIYIN_CENTER, MapOptions, build_base_map
from app_pages.login import current_user
from layers.controls import add_polygon_draw
from planning.imports import SHAPE_CHECK_LIMITS, ImportOptions, read_upload
from planning.model import STATUSES
from planning.plan import Plan
from planning.redline import DEFAULT_RIVER_BUFFER_M, conflict_table, ecology_layers, layer_totals, shape_overlaps, to_csv
from planning.transit import FAR_M, catchments, far_projects, zone_statistics_table

TEXT = Messages("analysis")


tr = scoped(TEXT)


def _name(row: Any, zh: str, en: str) -> str:
    return str(row[en] or row[zh]) if lang() == "en" else str(row[zh])


@st.cache_data(show_spinner=False, max_entries=8)
def _conflicts(key: str, sig: Any, buffer_m: float, _plan: Plan) -> pd.DataFrame:  # noqa: ARG001 - key/sig are the cache key
    return conflict_table(_plan, data.overlays(sig), river_buffer_m=buffer_m)


@st.cache_data(show_spinner=False, max_entries=4)
def _transit(key: str, sig: Any, _plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:  # noqa: ARG001
    return catchments(_plan), far_projects(_plan), zone_statistics_table(_plan)


def _conflict_view(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        tr("c_project_id"): table["project_id"],
        tr("c_project"): [_name(r, "project_name_zh", "project_name_en") for _, r in table.iterrows()],
        tr("c_category"): table["category"].map(category_label),
        tr("c_status"): table["status"].map(status_label),
        tr("c_layer"): [_name(r, "layer_zh", "layer_en") for _, r in table.iterrows()],
        tr("c_feature"): [_name(r, "feature_name_zh", "feature_name_en") for _, r in table.iterrows()],
        tr("c_ha"): table["overlap_ha"].round(2),
        tr("c_mu"): table["overlap_mu"].round(1),
        tr("c_length"): table["length_m"].round(0),
        tr("c_share"): table["share_pct"].round(1),
    })


def _redline_tab(plan: Plan, key: str, sig: Any) -> None:
    buffer_m = st.number_input(tr("buffer"), min_value=0.0, max_value=1000.0, value=DEFAULT_RIVER_BUFFER_M, step=10.0, key="ana_buffer")
    overlays = data.overlays(sig)
    layers = ecology_layers(plan, overlays, river_buffer_m=buffer_m)
    st.caption(tr("layers_used", layers="、".join(layer.title_zh if lang() == "zh" else layer.title_en for layer in layers)))
    table = _conflicts(key, sig, buffer_m, plan)
    totals = layer_totals(table)
    if table.empty:
        st.success(tr("no_conflicts"))
    else:
        st.markdown(f"**{tr('totals')}**")
        st.dataframe(pd.DataFrame({
            tr("c_layer"): [_name(r, "layer_zh", "layer_en") for _, r in totals.iterrows()],
            tr("c_projects"): totals["projects"], tr("c_ha"): totals["overlap_ha"].round(2), tr("c_mu"): totals["overlap_mu"].round(1),
        }), hide_index=True, width="stretch")
        st.markdown(f"**{tr('conflicts', n=len(table))}**")
        view = _conflict_view(table)
        st.dataframe(view, hide_index=True, width="stretch")
        st.download_button(tr("download_csv"), data=to_csv(view), file_name="huaiyin-redline-conflicts.csv",
                           mime="text/csv", key="ana_dl_redline", on_click="ignore")
    _shape_check(layers)


def _drawn_shape() -> Any:
    _, sig = data.current_plan()
    geo = data.map_geojson(sig, lang(), False)
    fig = build_base_map(geo, MapOptions(lang=lang(), basemap="none"))
    add_polygon_draw(fig)
    localize(fig)
    out = st_folium(fig, key="ana_draw", height=460, use_container_width=True, returned_objects=["all_drawings"],
                    center=HUAIYIN_CENTER, zoom=12)
    drawings = (out or {}).get("all_drawings") or []
    shapes = [shape(d["geometry"]) for d in drawings if isinstance(d, dict) and d.get("geometry")]
    return shapely.union_all(shapes) if shapes else None


def _uploaded_shape() -> Any:
    if not current_user():  # the importer runs on the server: not for anonymous visitors
        st.caption(tr("upload_login"))
        return None
    limits = SHAPE_CHECK_LIMITS
    mb = limits.max_bytes / 1024 / 1024
    upload = st.file_uploader(tr("check_upload"), type=["geojson", "json", "zip", "gpkg", "kml", "kmz"], key="ana_upload",
                              max_upload_size=max(1, int(mb)), help=tr("upload_limits", mb=mb, v=limits.max_vertices))
    if upload is None:
        return None
    result = read_upload(upload.name, upload.getvalue(), options=ImportOptions(limits=limits))  # limits checked first
    if result.gdf is None or result.errors:
        st.error(md(tr("shape_not_ready", why="; ".join(m.text for m in result.errors) or result.summary())))
        return None
    for question in result.needs:
        st.warning(md(question.text))
    return shapely.union_all(list(result.gdf.geometry))


def _shape_check(layers: list) -> None:
    st.subheader(tr("check_shape"))
    st.caption(tr("check_shape_hint"))
    geom = _uploaded_shape()
    drawn = _drawn_shape()
    geom = drawn if drawn is not None and geom is None else geom
    if geom is None:
        return
    found = shape_overlaps(geom, layers)
    if found.empty:
        st.info(tr("shape_none"))
        return
    st.markdown(md(tr("shape_result", ha=found["overlap_ha"].sum(), mu=found["overlap_mu"].sum())))
    st.dataframe(pd.DataFrame({
        tr("c_layer"): [_name(r, "layer_zh", "layer_en") for _, r in found.iterrows()],
        tr("c_feature"): [_name(r, "feature_name_zh", "feature_name_en") for _, r in found.iterrows()],
        tr("c_ha"): found["overlap_ha"].round(3), tr("c_mu"): found["overlap_mu"].round(2), tr("c_share"): found["share_pct"].round(1),
    }), hide_index=True, width="stretch")


def _catchment_view(table: pd.DataFrame, plan: Plan, radius: int) -> pd.DataFrame:
    rows = table[table["radius_m"] == radius]
    names = {p["id"]: _name(p, "name_zh", "name_en") for _, p in plan.projects.iterrows()}
    zones = {z["id"]: _name(z, "name_zh", "name_en") for _, z in plan.zones.iterrows()}
    return pd.DataFrame({
        tr("c_station"): [_name(r, "name_zh", "name_en") for _, r in rows.iterrows()],
        tr("c_kind"): rows["kind"].map(lambda k: tr(f"kind_{k}")),
        tr("c_area"): rows["area_ha"].round(1),
        tr("c_projects"): rows["project_count"],
        tr("c_names"): rows["project_ids"].map(lambda ids: "、".join(names.get(i, i) for i in ids)),
        tr("c_zone_ha"): rows["zone_ha"].map(lambda z: "；".join(f"{zones.get(k, k)} {v:,.1f}" for k, v in z.items())),
    })


def _transit_tab(plan: Plan, key: str, sig: Any) -> None:
    table, far, _ = _transit(key, sig, plan)
    for radius in (500, 800):
        st.markdown(f"**{tr('catchments', r=radius)}**")
        view = _catchment_view(table, plan, radius)
        st.dataframe(view, hide_index=True, width="stretch")
        st.download_button(tr("download_csv"), data=to_csv(view), file_name=f"huaiyin-catchments-{radius}m.csv",
                           mime="text/csv", key=f"ana_dl_catch_{radius}", on_click="ignore")
    st.markdown(f"**{tr('far', km=FAR_M / 1000, n=len(far))}**")
    far_view = pd.DataFrame({
        tr("c_project_id"): far["id"],
        tr("c_project"): [_name(r, "name_zh", "name_en") for _, r in far.iterrows()],
        tr("c_category"): far["category"].map(category_label), tr("c_status"): far["status"].map(status_label),
        tr("c_nearest"): [_name(r, "nearest_name_zh", "nearest_name_en") for _, r in far.iterrows()],
        tr("c_distance"): far["distance_m"].round(0),
    })
    st.dataframe(far_view, hide_index=True, width="stretch")
    st.download_button(tr("download_csv"), data=to_csv(far_view), file_name="huaiyin-far-from-stations.csv",
                       mime="text/csv", key="ana_dl_far", on_click="ignore")


def _zones_tab(plan: Plan, key: str, sig: Any) -> None:
    _, _, stats = _transit(key, sig, plan)
    if stats.empty:
        return
    view = pd.DataFrame({
        tr("c_zone"): [_name(r, "name_zh", "name_en") for _, r in stats.iterrows()],
        tr("c_area"): stats["area_ha"].round(1), tr("c_km2"): stats["area_km2"].round(2),
        tr("c_projects"): stats["projects"],
        **{status_label(s): stats[f"status:{s}"] for s in STATUSES},
        tr("c_density"): stats["density_per_km2"].round(2),
        tr("c_transit"): (100 * stats["transit_share_800m"]).round(1),
        tr("c_categories"): stats["categories"],
    })
    st.markdown(f"**{tr('zones')}**")
    st.dataframe(view, hide_index=True, width="stretch", height=36 * (len(view) + 1) + 3)
    st.download_button(tr("download_csv"), data=to_csv(view), file_name="huaiyin-zone-statistics.csv",
                       mime="text/csv", key="ana_dl_zones", on_click="ignore")


def render() -> None:
    st.title(tr("title"))
    st.caption(tr("intro"))
    plan, sig = data.current_plan()
    data.show_state_problems("overlays")
    key = data.plan_store().name  # the store: part of the cache keys
    tabs = st.tabs([tr("tab_redline"), tr("tab_transit"), tr("tab_zones")])
    with tabs[0]:
        _redline_tab(plan, key, sig)
    with tabs[1]:
        _transit_tab(plan, key, sig)
    with tabs[2]:
        _zones_tab(plan, key, sig)


render()
