"""The public map and cards shared by the kiosk and the phone page.

The map shows the plan without planner controls but with a legend; a tap
picks a point (the optional pin of a comment) and selects the zone there; a
selected zone or project is flown to (centre and zoom, no remount). The cards
show a zone's role, industries, carriers, targets and projects, or a project's
facts, with the approved comments as text.
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import math
from collections.abc import Callable

import shapely
import streamlit as st
from shapely.geometry import shape
from streamlit_folium import st_folium

from app_pages import comments_ui, data, state
from app_pages.cards import zone_card
from app_pages.i18n import category_label, kind_label, lang, md, name_of, status_label, t
from app_pages.map_view import feature_focus
from layers.basemaps import BASEMAPS
from layers.controls import FoldLegendOnPhones, add_header_css, picked_ring
from layers.builders import HUAIYIN_CENTER, MapOptions, build_base_map, build_projects_group, build_selection_group
from planning.coords import gcj02_to_wgs84, wgs84_to_gcj02
from planning.plan import Plan

#: A tap on the map: the point picked (WGS84 lon, lat), and the last click seen (to tell a new tap from a rerun).
PICKED_KEY = "kv_picked"
LAST_CLICK_KEY = "kiosk_last_click"
HOME_ZOOM = 12
RETURNED = ["last_active_drawing", "last_object_clicked_count", "last_clicked"]

TEXT = Messages("public_map")


tr = scoped(TEXT)


#: Constant CSS inside the map's iframe: bigger zoom buttons and popup close box.
MAP_TOUCH_CSS = """
<style>
.leaflet-touch .leaflet-bar a, .leaflet-bar a { width: 52px !important; height: 52px !important;
  line-height: 52px !important; font-size: 28px !important; }
.leaflet-container a.leaflet-popup-close-button { width: 44px; height: 44px; font: 32px/44px sans-serif; }
.hy-label { font-size: 15px !important; }
/* the map fills its iframe, whose height the page's layout CSS may set to the screen (kiosk) */
html, body, #root, #parent, .float-child { height: 100% !important; }
#map_div { height: 100vh !important; }
</style>
"""

def _map_options() -> MapOptions:
    basemap = data.settings().default_basemap
    return MapOptions(lang=lang(), basemap=basemap if basemap in BASEMAPS else "none", controls=False, legend=True)


def _selected_feature(geo: dict, sel: tuple[str, str] | None) -> dict | None:
    if sel is None:
        return None
    layer = "projects" if sel[0] == "project" else "zones"
    return next((f for f in geo.get(layer, {"features": []})["features"] if f["properties"]["id"] == sel[1]), None)


def _handle_click(plan: Plan, out: dict | None, *, gcj: bool, on_activity: Callable[[], None]) -> bool:
    """A new tap on the map picks that point and selects the zone there; True when the view changed.

    A tap on a comment marker (or cluster) only counts as activity, so the
    map is not redrawn and the comment's popup stays open.
    """
    if not out:
        return False
    clicked = out.get("last_clicked") or {}
    props = (out.get("last_active_drawing") or {}).get("properties") or {}
    click = (clicked.get("lat"), clicked.get("lng"), out.get("last_object_clicked_count"))
    if not clicked or click == st.session_state.get(LAST_CLICK_KEY):
        return False
    st.session_state[LAST_CLICK_KEY] = click
    on_activity()
    if props.get("l") == "comments":  # a comment or a cluster of them: its popup opens, nothing is picked
        return False
    lon, lat = clicked["lng"], clicked["lat"]
    if gcj:
        lon, lat = gcj02_to_wgs84(lon, lat)
    st.session_state[PICKED_KEY] = (round(lon, 6), round(lat, 6))
    zone = comments_ui.zone_at(plan, lon, lat, props.get("id") if props.get("l") == "zones" else None)
    if zone is not None:
        state.select("zone", zone)
    return True


def fit_zoom(feature: dict | None, *, width_px: int = 1000, height_px: int = 520) -> int | None:
    """The largest zoom (12–16) at which the feature's bounding box fits a ``width_px`` × ``height_px`` map."""
    if feature is None:
        return None
    minx, miny, maxx, maxy = shapely.bounds(shape(feature["geometry"]))
    lat = math.radians((miny + maxy) / 2)
    dx = max(maxx - minx, 1e-6) * 256 / 360
    dy = max(maxy - miny, 1e-6) * 256 / 360 / math.cos(lat)
    zoom = math.floor(math.log2(min(width_px / dx, height_px / dy)))
    return max(12, min(16, zoom))


def public_map(plan: Plan, sig: tuple, *, key: str, height: int, on_activity: Callable[[], None],
               fit_px: tuple[int, int] = (1000, 520)) -> None:
    """The public map (kiosk, phone): flies to the selected zone (centre/zoom, no remount), highlights it, shows approved comments."""
    options = _map_options()
    geo = data.map_geojson(sig, lang(), options.base.gcj)
    sel = state.selection()
    selected = _selected_feature(geo, sel)
    center, zoom = feature_focus(plan, geo, sel)
    zoom = fit_zoom(selected, width_px=fit_px[0], height_px=fit_px[1]) or zoom
    if center is None:
        home = wgs84_to_gcj02(HUAIYIN_CENTER[1], HUAIYIN_CENTER[0]) if options.base.gcj else HUAIYIN_CENTER[::-1]
        center, zoom = [home[1], home[0]], HOME_ZOOM
    urls = data.map_layer_urls(sig, lang(), options.base.gcj)
    fig = build_base_map(geo, options, urls=urls)
    add_header_css(fig, MAP_TOUCH_CSS)
    fig.add_child(FoldLegendOnPhones())
    groups = [build_projects_group(geo.get("projects", {"features": []}), lang=lang(), url=urls.get("projects")),
              build_selection_group(selected),
              picked_ring(st.session_state.get(PICKED_KEY), gcj=options.base.gcj),  # where the visitor tapped
              comments_ui.comments_group(lang(), gcj=options.base.gcj, max_zoom=options.base.max_zoom)]
    out = st_folium(fig, key=key, height=height, use_container_width=True, returned_objects=RETURNED,
                    feature_group_to_add=groups, center=center, zoom=zoom)
    if _handle_click(plan, out, gcj=options.base.gcj, on_activity=on_activity):
        st.rerun()


def zone_details(plan: Plan, zone_id: str, sig: tuple) -> None:  # noqa: ARG001 - sig: the callers' data version, kept for caching
    """A zone's public card: role, lead industries, carriers, targets and pipeline, approved comments."""
    zone = plan.feature("zones", zone_id)
    if zone is None:
        st.info(tr("no_feature", id=md(zone_id)))
        return
    st.subheader(name_of(zone))
    st.caption(f"{kind_label(zone['kind'])} · {tr('approx')}")
    description = zone["description_zh"] if lang() == "zh" else zone["description_en"]
    st.markdown(f"**{tr('role')}**：{md(description)}")
    industries = zone["industries_zh"] if lang() == "zh" else zone["industries_en"]
    if isinstance(industries, list) and industries:
        st.markdown(f"**{tr('industries')}**：{md('、'.join(industries))}")
    carriers = zone["carriers_zh"] if lang() == "zh" else zone["carriers_en"]
    if isinstance(carriers, list) and carriers:
        st.markdown(f"**{tr('carriers')}**：{md('、'.join(carriers))}")
    with st.container(border=True):
        zone_card(data.summaries().zone(zone_id))
        st.markdown(tr("comments_here", n=comments_ui.approved_counts().get(zone_id, 0)))
    comments_ui.public_comments(zone_id, limit=3)


def project_details(plan: Plan, project_id: str) -> None:
    """A project's public card: name, category, status (unknown stays unknown), description, sources, zones."""
    project = plan.feature("projects", project_id)
    if project is None:
        st.info(tr("no_feature", id=md(project_id)))
        return
    st.subheader(name_of(project))
    st.markdown(f"**{t('category')}**：{md(category_label(project['category']))} · "
                f"**{t('status')}**：{md(status_label(project['status']))}")
    description = project.get("description_zh") if lang() == "zh" else project.get("description_en")
    if isinstance(description, str) and description:
        st.markdown(md(description))
    labels = [src["label"] for src in project["sources"]]
    if labels:
        st.caption(f"{t('sources')}：{md('；'.join(labels))}")
    names = [name_of(z) for z in (plan.feature("zones", zid) for zid in project["zone_ids"]) if z is not None]
    if names:
        st.caption(f"{t('zones_of')}：{md('、'.join(names))}")
    st.caption(tr("approx"))
