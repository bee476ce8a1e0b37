"""The map page's projects table: found, sorted and paged on the server, a page of rows per rerun.

The table is shown on demand (a toggle under the map), so the first view is
the map alone. Only the rows of the current page are built and sent; a
project selected on the map turns the table to its page and ticks its row,
and a row picked in the table selects the project on the map. The downloads
below it always export every filtered row, whatever the page.
"""

from __future__ import annotations

import functools
import math

import pandas as pd
import streamlit as st

from app_pages import state
from app_pages.i18n import category_label, status_label, t
from app_pages.map_view import _zone_names, render_downloads
from planning.model import STATUSES
from planning.plan import Plan

PAGE_ROWS = 25
#: Sort keys, in the order offered (the label key of each is ``col_<key>``).
SORTS = ("name", "id", "category", "status", "zones", "source", "quality")
SHOW_KEY = "map_table_on"
PAGE_KEY = "map_table_page"


def _names(rows: pd.DataFrame, lang: str) -> pd.Series:
    return rows["name_en"].fillna(rows["name_zh"]) if lang == "en" else rows["name_zh"]


def _zones_text(rows: pd.DataFrame, zone_names: dict[str, str]) -> list[str]:
    return ["、".join(zone_names.get(i, i) for i in z) for z in rows["zone_ids"]]


def _sources_text(rows: pd.DataFrame) -> list[str]:
    return [" + ".join(x["ref"] for x in s) for s in rows["sources"]]


def _sort_key(rows: pd.DataFrame, key: str, plan: Plan, lang: str) -> pd.Series:
    """The values rows are ordered by (labels as shown; statuses in their lifecycle order)."""
    if key == "id":
        return rows["id"]
    if key == "category":
        return rows["category"].map(category_label)
    if key == "status":
        return rows["status"].map({s: i for i, s in enumerate(STATUSES)}).fillna(len(STATUSES))
    if key == "zones":
        return pd.Series(_zones_text(rows, _zone_names(plan, lang)), index=rows.index)
    if key == "source":
        return pd.Series(_sources_text(rows), index=rows.index)
    if key == "quality":
        return rows["geometry_quality"].map(t)
    return _names(rows, lang)


def found_rows(plan: Plan, ids: set[str], query: str, sort: str, descending: bool, lang: str) -> pd.DataFrame:
    """The filtered projects that contain ``query`` (id or name, either language), in table order."""
    projects = plan.projects
    rows = projects[projects["id"].isin(ids)] if not projects.empty else projects
    q = query.strip().lower()
    if q and not rows.empty:
        hit = rows["id"].str.lower().str.contains(q, regex=False)
        for column in ("name_zh", "name_en"):
            hit |= rows[column].fillna("").str.lower().str.contains(q, regex=False)
        rows = rows[hit]
    if rows.empty:
        return rows
    key = _sort_key(rows, sort, plan, lang)
    order = key.reset_index(drop=True).sort_values(ascending=not descending, kind="stable").index
    return rows.iloc[order.to_numpy()]


def page_frame(plan: Plan, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One page of rows as the table shows them, in the session language."""
    zone_names = _zone_names(plan, lang)
    return pd.DataFrame({
        t("col_id"): rows["id"].to_numpy(),
        t("col_name"): _names(rows, lang).to_numpy(),
        t("col_category"): rows["category"].map(category_label).to_numpy(),
        t("col_status"): rows["status"].map(status_label).to_numpy(),
        t("col_zones"): _zones_text(rows, zone_names),
        t("col_source"): _sources_text(rows),
        t("col_quality"): rows["geometry_quality"].map(t).to_numpy(),
    })


def _follow_selection(ordered_ids: list[str], sel: tuple[str, str] | None) -> None:
    """Turn to the page of a project selected elsewhere (once per new selection)."""
    key = st.session_state.get(state.SELECTION_KEY)
    if key == st.session_state.get("map_table_followed"):
        return
    st.session_state["map_table_followed"] = key
    if sel and sel[0] == "project" and sel[1] in ordered_ids:
        st.session_state[PAGE_KEY] = ordered_ids.index(sel[1]) // PAGE_ROWS + 1


def _controls(lang: str) -> tuple[str, str, bool]:
    find, sort, desc = st.columns([3, 2, 1], vertical_alignment="bottom")
    query = find.text_input(t("table_find"), key="map_table_find", placeholder=t("table_find_hint"))
    sort_key = sort.selectbox(t("table_sort"), SORTS, key=f"map_table_sort__{lang}", format_func=lambda k: t(f"col_{k}"))
    descending = desc.toggle(t("table_desc"), key="map_table_desc")
    return query, sort_key, descending


def render(plan: Plan, ids: set[str], lang: str) -> None:
    """The table (on demand) and the downloads of every filtered project."""
    st.subheader(t("table"))
    if st.toggle(t("table_show", n=len(ids)), key=SHOW_KEY):
        _table(plan, ids, lang)
    render_downloads(plan, ids)


def _table(plan: Plan, ids: set[str], lang: str) -> None:
    query, sort_key, descending = _controls(lang)
    rows = found_rows(plan, ids, query, sort_key, descending, lang)
    ordered = rows["id"].tolist()
    sel = state.selection()
    _follow_selection(ordered, sel)
    pages = max(1, math.ceil(len(ordered) / PAGE_ROWS))
    page = min(max(int(st.session_state.get(PAGE_KEY) or 1), 1), pages)
    st.session_state[PAGE_KEY] = page
    start = (page - 1) * PAGE_ROWS
    shown = rows.iloc[start:start + PAGE_ROWS]
    page_ids = shown["id"].tolist()
    st.session_state["map_table_ids"] = page_ids
    # The key follows the selection and the page, so a project selected on the map is ticked here too.
    key = f"map_table::{st.session_state.get(state.SELECTION_KEY) or ''}::{page}"
    picked = sel[1] if sel and sel[0] == "project" and sel[1] in page_ids else None
    default = {"selection": {"rows": [page_ids.index(picked)]}} if picked else None
    st.dataframe(page_frame(plan, shown, lang), key=key, hide_index=True, width="stretch",
                 on_select=functools.partial(_on_select, key), selection_mode="single-row",
                 selection_default=default)
    left, right = st.columns([1, 3], vertical_alignment="center")
    left.number_input(t("table_page", pages=pages), min_value=1, max_value=pages, step=1, key=PAGE_KEY)
    if ordered:
        right.caption(t("table_rows", first=start + 1, last=start + len(page_ids), n=len(ordered)))
    else:
        right.caption(t("table_empty"))


def _on_select(key: str) -> None:
    """A row picked in the table selects that project (runs before the rerun, so map and panel agree)."""
    event = st.session_state.get(key)
    rows = list(event.selection.rows) if event and event.selection else []
    ids = st.session_state.get("map_table_ids") or []
    if rows and rows[0] < len(ids):
        state.select("project", ids[rows[0]])
