"""The map workspace's left side (the sidebar): search, the layer tree with its legend, filters, basemap.

The layer tree groups the layers (规划结构 / 项目 / 交通 / 生态与遗产 / 导入图层):
each layer has a visibility toggle and its feature count, each group its
legend, so nothing but the data sits on the map. The sidebar collapses on small
screens (Streamlit's own behaviour) and can be collapsed by hand.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import data, state
from app_pages.i18n import t
from app_pages.map_view import filter_options, search
from layers.basemaps import BASEMAPS, available_basemaps
from layers.legend import TREE_GROUPS, group_legend_html, tree_group
from layers.registry import LAYERS

_FILTERS = (("map_f_status", "filter_status"), ("map_f_category", "filter_category"),
            ("map_f_zone", "filter_zone"), ("map_f_source", "filter_source"), ("map_f_plan", "filter_plan"))


def _show_key(layer_id: str) -> str:
    return f"map_show_{layer_id}"


def hidden_layers() -> list[str]:
    """Registered layers (and ``projects``) the planner switched off in the tree."""
    ids = [spec.id for spec in LAYERS] + ["projects"]
    defaults = {spec.id: spec.show for spec in LAYERS}
    return [i for i in ids if not st.session_state.get(_show_key(i), defaults.get(i, True))]


def hidden_overlays() -> set[str]:
    return {k.removeprefix("map_show_overlay::") for k, v in st.session_state.items()
            if isinstance(k, str) and k.startswith("map_show_overlay::") and v is False}


def _layer_toggle(layer_id: str, title: str, n: int, default: bool) -> None:
    key = _show_key(layer_id)
    if key not in st.session_state:
        st.session_state[key] = default
    st.checkbox(f"{title} ({n})", key=key)


def layer_tree(geo: dict[str, dict[str, Any]], overlays: list[tuple[str, dict[str, Any]]], lang: str,
               shown_projects: int) -> None:
    """The grouped layer tree with toggles, counts and each group's legend."""
    st.sidebar.subheader(t("layers"))
    categories = sorted({f["properties"]["k"].split(":")[2] for f in geo.get("projects", {"features": []})["features"]
                         if f["properties"]["k"].startswith("project:")})
    metro_lines = sorted({f["properties"]["k"].split(":")[1] for f in geo.get("metro_lines", {"features": []})["features"]})
    for group, (zh, en) in TREE_GROUPS.items():
        specs = [s for s in LAYERS if tree_group(s.group) == group and s.id in geo]
        if group == "imported" and not overlays:
            continue
        with st.sidebar.expander(zh if lang == "zh" else en, expanded=group in ("plan", "projects")):
            for spec in specs:
                _layer_toggle(spec.id, spec.title(lang), len(geo[spec.id]["features"]), spec.show)
            if group == "projects":
                total = len(geo.get("projects", {"features": []})["features"])
                _layer_toggle("projects", t("count_projects"), total, True)
                st.caption(t("count_shown", shown=shown_projects, total=total))
            for title, collection in overlays if group == "imported" else ():
                key = f"map_show_overlay::{title}"
                st.session_state.setdefault(key, True)
                st.checkbox(f"{title} ({len(collection['features'])})", key=key)
            st.html(group_legend_html(group, lang, categories=categories, metro_lines=metro_lines))


def search_box(plan, sig, lang: str) -> None:  # noqa: ANN001 - Plan
    query = st.sidebar.text_input(t("search"), key="map_search", placeholder=t("search_placeholder"))
    if not query.strip():
        return
    hits = search(plan, sig, query, lang)
    if not hits:
        st.sidebar.caption(t("search_none"))
    for kind, fid, label in hits[:12]:
        st.sidebar.button(label, key=f"map_hit_{kind}_{fid}", on_click=state.select, args=(kind, fid), width="stretch")


def filters(plan, lang: str) -> None:  # noqa: ANN001 - Plan
    """The filters, with how many projects each choice has, and a 清除筛选 that always clears.

    清除筛选 is handled here, in the script, before any filter widget exists (so no widget callback
    of the same rerun can put a value back), and gives the widgets a new generation: the browser's
    value of the old widgets is then ignored.
    """
    if st.session_state.pop("map_clear_requested", False) or st.session_state.get("map_clear"):
        for key in state.FILTER_PARAMS:
            st.session_state[key] = []
        st.session_state[state.FILTER_GEN_KEY] = st.session_state.get(state.FILTER_GEN_KEY, 0) + 1
    gen = st.session_state.get(state.FILTER_GEN_KEY, 0)
    options = filter_options(plan, lang)
    with st.sidebar.expander(t("filters"), expanded=True):
        # Above the filters: a filter list that closes on the click changes its height, which would move a
        # button below it between press and release, and the click would be lost.
        st.button(t("clear_filters"), key="map_clear", on_click=_request_clear)
        for key, label_key in _FILTERS:
            if key not in options:
                continue  # the plan filter exists once a second plan is loaded
            values, labels = options[key]
            st.session_state[key] = [v for v in st.session_state.get(key, []) if v in values]
            st.multiselect(t(label_key), values, key=state.widget_key(key, gen), on_change=state.sync_from_widget,
                           args=(key, gen), format_func=labels.get, placeholder=t("filter_all"))



def _request_clear() -> None:
    """The click's callback only asks: the clearing itself runs in the script, after every callback."""
    st.session_state["map_clear_requested"] = True


def basemap_picker(lang: str) -> None:
    settings = data.settings()
    choices = [b.id for b in available_basemaps(settings.tianditu_key)]
    if st.session_state.get(state.BASEMAP_KEY) not in choices:
        st.session_state[state.BASEMAP_KEY] = "none"
    st.sidebar.selectbox(t("basemap"), choices, key=state.widget_key(state.BASEMAP_KEY), on_change=state.sync_from_widget,
                         args=(state.BASEMAP_KEY,), format_func=lambda b: BASEMAPS[b].title(lang))
    st.sidebar.caption(t("basemap_offline_note"))
