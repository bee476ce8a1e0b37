"""规划地图: the planner's workspace. The map fills the window below a slim header; the layer tree,
legend, search and filters are on the left (sidebar); details slide in on the right over the map."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from app_pages import comments_ui, data, map_tree, state, table_view
from app_pages.editing import new_project_form, show_message
from app_pages.i18n import md, t
from app_pages.login import current_user
from app_pages.map_view import apply_filters, context_bounds, find_feature, selection_layer
from app_pages.panels import render_panel
from layers.assets import STATIC_DIR
from layers.basemaps import BASEMAPS
from layers.builders import (
    MapOptions,
    build_base_map,
    build_overlays_group,
    build_projects_group,
    build_selection_group,
    build_view_group,
)
from planning.coords import gcj02_to_wgs84
from planning.outline import parse_outline
from planning.plan import OUTLINE_FILE

MAP_KEY = "plan_map"
#: Only clicks on features rerun the app: pans and zooms stay in the browser.
RETURNED = ["last_active_drawing", "last_object_clicked_count"]
#: Logged-in planners can also pick a point anywhere (for new projects and moves).
RETURNED_EDITING = [*RETURNED, "last_clicked"]
WORKSPACE_CSS = Path(STATIC_DIR, "css", "map_workspace.css")
#: Width of the detail panel that slides in over the map (kept free when fitting a selection).
PANEL_PX = 420


def _sidebar(plan, sig, lang: str, geo, overlays, shown: int) -> None:  # noqa: ANN001 - Plan, Signature
    map_tree.search_box(plan, sig, lang)
    map_tree.layer_tree(geo, overlays, lang, shown)
    map_tree.filters(plan, lang)
    map_tree.basemap_picker(lang)
    if current_user():
        with st.sidebar.expander(t("new_project")):
            picked = st.session_state.get("map_picked_point")
            if picked:
                st.caption(t("picked_point", lon=picked[0], lat=picked[1]))
            new_project_form(_sections())


def _sections() -> list[tuple[str, str]]:
    _, sig = data.current_plan()
    text = data.document_text(sig, OUTLINE_FILE) or ""
    return [(s.id, s.title) for s in parse_outline(text)]


def _handle_click(out: dict | None) -> None:
    """A new click on a feature selects it (without moving the map)."""
    if not out:
        return
    feature = out.get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    click = (out.get("last_object_clicked_count"), props.get("id"), props.get("l"))
    if props.get("id") is None or click == st.session_state.get("map_last_click"):
        return
    st.session_state["map_last_click"] = click
    kind = "project" if props.get("l") == "projects" else "zone" if props.get("l") == "zones" else None
    if kind is None:
        return
    state.select(kind, props["id"])
    st.session_state["map_click_sel"] = st.session_state[state.SELECTION_KEY]  # on screen already: no fit


def _fit(geo) -> tuple[list[list[float]], str] | None:  # noqa: ANN001
    """The view to fit once: a selection made outside the map (search, table, link, panel), or the zones
    of a changed zone filter; None keeps the planner's view. Returns (bounds, token)."""
    sel = st.session_state.get(state.SELECTION_KEY)
    zones = tuple(sorted(st.session_state.get("map_f_zone") or []))
    last = st.session_state.get(state.FIT_FOR_KEY)
    if last == (sel, zones):
        return st.session_state.get(state.FIT_KEY)
    st.session_state[state.FIT_FOR_KEY] = (sel, zones)
    features: list = []
    if (last is None or last[0] != sel) and sel and sel != st.session_state.get("map_click_sel"):
        kind, _, fid = sel.partition(":")
        features = [f for f in [find_feature(geo, selection_layer(kind), fid)] if f]
    elif last is not None and last[1] != zones:
        features = [f for f in (find_feature(geo, "zones", z) for z in zones) if f]
    bounds = context_bounds(features) if features else None
    if bounds is not None:
        token = (st.session_state.get(state.FIT_KEY) or (None, "0"))[1]
        st.session_state[state.FIT_KEY] = (bounds, str(int(token) + 1))
    return st.session_state.get(state.FIT_KEY)


@st.fragment
def _map_and_panel() -> None:
    """Map, panel and table: a click reruns only this part. Data is fetched here (not passed in),
    so an edit made inside the fragment (e.g. a revert) is drawn at once."""
    lang = st.session_state.get("lang", "zh")
    plan, sig = data.current_plan()
    project_ids = apply_filters(plan)
    settings = data.settings()
    options = MapOptions(lang=lang, basemap=st.session_state.get(state.BASEMAP_KEY, "none"),
                         tianditu_key=settings.tianditu_key, workspace=True)
    geo = data.map_geojson(sig, lang, options.base.gcj)
    _handle_click(st.session_state.get(MAP_KEY))
    sel = state.selection()
    selected = find_feature(geo, selection_layer(sel[0]), sel[1]) if sel else None
    zones = [f for f in (find_feature(geo, "zones", z) for z in st.session_state.get("map_f_zone") or []) if f]
    with st.container(key="hy_map"):
        urls = data.map_layer_urls(sig, lang, options.base.gcj)
        fig = build_base_map(geo, options, urls=urls)
        all_projects = geo.get("projects", {"features": []})
        only = None if len(project_ids) == len(all_projects["features"]) else project_ids
        hidden_overlays = map_tree.hidden_overlays()
        overlays = [o for o in data.overlay_geojson(sig, lang, options.base.gcj)
                    if o[0] not in hidden_overlays]
        groups = [build_overlays_group(overlays),
                  build_projects_group(all_projects, lang=lang, url=urls.get("projects"), only_ids=only),
                  build_selection_group(selected, zones=zones),
                  comments_ui.comments_group(lang, gcj=options.base.gcj, max_zoom=options.base.max_zoom),
                  build_view_group(hidden=map_tree.hidden_layers(), fit=_fit(geo), pad_right=PANEL_PX if sel else 0)]
        returned = RETURNED_EDITING if current_user() else RETURNED
        out = st_folium(fig, key=MAP_KEY, height=640, use_container_width=True, returned_objects=returned,
                        feature_group_to_add=groups)
        _remember_picked_point(out, gcj=options.base.gcj)
        if _click_changes_selection(out):
            st.rerun(scope="fragment")
    if sel is not None:
        with st.container(key="hy_panel"):
            render_panel(plan)
            _zone_comments(plan)
    table_view.render(plan, project_ids, lang)
    state.write_to_url(include_map=True)  # a click reruns only this fragment: keep the link current here too


def _zone_comments(plan) -> None:  # noqa: ANN001 - Plan
    """Approved comments of the selected zone, and the public comment form about it."""
    sel = state.selection()
    if sel is None or sel[0] != "zone" or plan.feature("zones", sel[1]) is None:
        return  # no comments and no form about a zone that does not exist
    comments_ui.public_comments(sel[1])
    with st.expander(comments_ui.tr("form_title")):
        comments_ui.comment_form(plan, zone_id=sel[1], point=None, key="map_comment")


def _remember_picked_point(out: dict | None, *, gcj: bool) -> None:
    """The last point clicked on the map, in WGS84 (Gaode clicks are GCJ-02 and converted back)."""
    clicked = (out or {}).get("last_clicked")
    if not clicked:
        return
    lon, lat = clicked["lng"], clicked["lat"]
    if gcj:
        lon, lat = gcj02_to_wgs84(lon, lat)
    point = (round(lon, 6), round(lat, 6))
    if point != st.session_state.get("map_picked_point"):
        st.session_state["map_picked_point"] = point
        st.rerun(scope="app")  # the forms that use the point are outside the map's fragment


def _click_changes_selection(out: dict | None) -> bool:
    before = st.session_state.get(state.SELECTION_KEY)
    _handle_click(out)
    return st.session_state.get(state.SELECTION_KEY) != before


def _header(plan) -> None:  # noqa: ANN001 - Plan
    """The slim header above the map: title, counts, the approximate-positions note."""
    with st.container(key="hy_header", horizontal=True, vertical_alignment="center", gap="small"):
        st.title(t("app_title"), anchor=False)
        shown = len(apply_filters(plan))
        st.markdown(f"**{t('count_shown', shown=shown, total=len(plan.projects))}**")
        st.caption(f"{t('app_subtitle')} · {t('approx_banner')}")
    show_message()
    data.show_state_problems("overlays", "audit")
    if plan.errors:
        with st.container(border=True):
            st.error(t("data_problems") + " " + t("data_problem_count", n=len(plan.errors)))
            for problem in plan.errors[:50]:
                st.markdown("- " + md(problem))


def render() -> None:
    st.html(WORKSPACE_CSS)
    lang = st.session_state.get("lang", "zh")
    plan, sig = data.current_plan()
    gcj = BASEMAPS.get(st.session_state.get(state.BASEMAP_KEY, "none"), BASEMAPS["none"]).gcj
    geo = data.map_geojson(sig, lang, gcj)
    overlays = data.overlay_geojson(sig, lang, gcj)
    _sidebar(plan, sig, lang, geo, overlays, len(apply_filters(plan)))
    _header(plan)
    _map_and_panel()
    state.write_to_url(include_map=True)


render()
