"""规划地图: every layer on one map, click for details, search, filter, table, deep links."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from app_pages import comments_ui, data, state, table_view
from app_pages.i18n import t
from app_pages.map_view import (
    apply_filters,
    feature_focus,
    filter_options,
    search,
)
from app_pages.i18n import md
from app_pages.editing import new_project_form, show_message
from app_pages.login import current_user
from app_pages.panels import render_panel
from layers.basemaps import BASEMAPS, available_basemaps
from layers.builders import (
    MapOptions,
    build_base_map,
    build_overlays_group,
    build_projects_group,
    build_selection_group,
)
from planning.coords import gcj02_to_wgs84
from planning.outline import parse_outline
from planning.plan import OUTLINE_FILE

MAP_KEY = "plan_map"
#: Only clicks on features rerun the app: pans and zooms stay in the browser.
RETURNED = ["last_active_drawing", "last_object_clicked_count"]
#: Logged-in planners can also pick a point anywhere (for new projects and moves).
RETURNED_EDITING = [*RETURNED, "last_clicked"]


def _sidebar(plan, lang: str) -> None:  # noqa: ANN001 - Plan
    settings = data.settings()
    choices = [b.id for b in available_basemaps(settings.tianditu_key)]
    if st.session_state.get(state.BASEMAP_KEY) not in choices:
        st.session_state[state.BASEMAP_KEY] = "none"
    st.sidebar.selectbox(t("basemap"), choices, key=state.widget_key(state.BASEMAP_KEY), on_change=state.sync_from_widget,
                         args=(state.BASEMAP_KEY,), format_func=lambda b: BASEMAPS[b].title(lang))
    st.sidebar.caption(t("basemap_offline_note"))
    query = st.sidebar.text_input(t("search"), key="map_search", placeholder=t("search_placeholder"))
    if query.strip():
        hits = search(plan, query, lang)
        if not hits:
            st.sidebar.caption(t("search_none"))
        for kind, fid, label in hits[:12]:
            st.sidebar.button(label, key=f"map_hit_{kind}_{fid}", on_click=state.select, args=(kind, fid),
                              width="stretch")
    st.sidebar.subheader(t("filters"))
    options = filter_options(plan, lang)
    for key, label_key in (("map_f_status", "filter_status"), ("map_f_category", "filter_category"),
                           ("map_f_zone", "filter_zone"), ("map_f_source", "filter_source"),
                           ("map_f_plan", "filter_plan")):
        if key not in options:
            continue  # the plan filter exists once a second plan is loaded
        values, labels = options[key]
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in values]
        st.sidebar.multiselect(t(label_key), values, key=state.widget_key(key), on_change=state.sync_from_widget,
                               args=(key,), format_func=labels.get, placeholder=t("filter_all"))
    st.sidebar.button(t("clear_filters"), key="map_clear", on_click=_clear_filters)
    if current_user():
        with st.sidebar.expander(t("new_project")):
            picked = st.session_state.get("map_picked_point")
            if picked:
                st.caption(t("picked_point", lon=picked[0], lat=picked[1]))
            new_project_form(_sections())


def _sections() -> list[tuple[str, str]]:
    settings = data.settings()
    _, sig = data.current_plan()
    text = data.document_text(str(settings.data_dir), sig, OUTLINE_FILE) or ""
    return [(s.id, s.title) for s in parse_outline(text)]


def _clear_filters() -> None:
    for key in state.FILTER_PARAMS:
        st.session_state[key] = []


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
    st.session_state["map_focus_sel"] = st.session_state[state.SELECTION_KEY]  # keep the view where it is


def _focus(plan, geo) -> tuple[list[float] | None, int | None]:  # noqa: ANN001
    """Centre and zoom to send: moves the map only when the selection came from outside the map."""
    sel = st.session_state.get(state.SELECTION_KEY)
    if sel != st.session_state.get("map_focus_sel"):
        st.session_state["map_focus_sel"] = sel
        st.session_state["map_focus"] = feature_focus(plan, geo, state.selection())
    return st.session_state.get("map_focus") or (None, None)


@st.fragment
def _map_and_panel() -> None:
    """Map, panel and table: a click reruns only this part. Data is fetched here (not passed in),
    so an edit made inside the fragment (e.g. a revert) is drawn at once."""
    lang = st.session_state.get("lang", "zh")
    plan, sig = data.current_plan()
    project_ids = apply_filters(plan)
    st.markdown(f"**{t('count_shown', shown=len(project_ids), total=len(plan.projects))}**")
    settings = data.settings()
    basemap = st.session_state.get(state.BASEMAP_KEY, "none")
    options = MapOptions(lang=lang, basemap=basemap, tianditu_key=settings.tianditu_key)
    geo = data.map_geojson(str(settings.data_dir), sig, lang, options.base.gcj)
    _handle_click(st.session_state.get(MAP_KEY))
    center, zoom = _focus(plan, geo)
    sel = state.selection()
    selected = None
    if sel is not None:
        layer = "projects" if sel[0] == "project" else "zones"
        selected = next((f for f in geo.get(layer, {"features": []})["features"] if f["properties"]["id"] == sel[1]), None)
    col_map, col_panel = st.columns([3, 2], gap="medium")
    with col_map:
        urls = data.map_layer_urls(str(settings.data_dir), sig, lang, options.base.gcj)
        fig = build_base_map(geo, options, urls=urls)
        all_projects = geo.get("projects", {"features": []})
        only = None if len(project_ids) == len(all_projects["features"]) else project_ids
        overlays = data.overlay_geojson(str(settings.data_dir), sig, lang, options.base.gcj)
        groups = [build_overlays_group(overlays),
                  build_projects_group(all_projects, lang=lang, url=urls.get("projects"), only_ids=only),
                  build_selection_group(selected),
                  comments_ui.comments_group(lang, gcj=options.base.gcj, max_zoom=options.base.max_zoom)]
        returned = RETURNED_EDITING if current_user() else RETURNED
        out = st_folium(fig, key=MAP_KEY, height=680, use_container_width=True, returned_objects=returned,
                        feature_group_to_add=groups, center=center, zoom=zoom)
        _remember_picked_point(out, gcj=options.base.gcj)
        if _click_changes_selection(out):
            st.rerun(scope="fragment")
    with col_panel:
        render_panel(plan)
        _zone_comments(plan)
    table_view.render(plan, project_ids, lang)
    state.write_to_url(include_map=True)  # a click reruns only this fragment: keep the link current here too


def _zone_comments(plan) -> None:  # noqa: ANN001 - Plan
    """Approved comments of the selected zone, and the public comment form about it."""
    sel = state.selection()
    if sel is None or sel[0] != "zone":
        return
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


def render() -> None:
    lang = st.session_state.get("lang", "zh")
    plan, sig = data.current_plan()
    _sidebar(plan, lang)
    st.title(t("app_title"))
    show_message()
    data.show_state_problems("overlays", "audit")
    st.caption(f"{t('app_subtitle')} · {t('approx_banner')}")
    if plan.errors:
        with st.container(border=True):
            st.error(t("data_problems") + " " + t("data_problem_count", n=len(plan.errors)))
            for problem in plan.errors[:50]:
                st.markdown("- " + md(problem))
    _map_and_panel()
    state.write_to_url(include_map=True)


render()
