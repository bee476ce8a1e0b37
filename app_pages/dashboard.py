"""目标与项目: the plan's indicators against observations, 13th-plan results, the project pipeline, zone cards."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import data, state
from app_pages.target_chart import path_chart
from app_pages.cards import progress_column_config, progress_of, style_status, targets_table, track_label, zone_card
from app_pages.editing import history, observation_form, show_message
from app_pages import plans_ui
from app_pages.i18n import category_label, lang, md, name_of, status_label, t
from app_pages.login import current_user
from planning.edits import TARGETS_FILE
from planning.model import INDUSTRIES, STATUSES
from planning.pipeline import stale_projects, status_table
from planning.plan import read_document_text
from planning.targets import status_counts, tracked_targets


def _scope_label(plan, target) -> str:  # noqa: ANN001
    if target.scope_kind == "zone":
        zone = plan.feature("zones", target.scope)
        return name_of(zone) if zone is not None else target.scope
    if target.scope_kind == "industry":
        zh, en = INDUSTRIES[target.scope]
        return zh if lang() == "zh" else en
    return t("district_scope")


def _indicators(plan, progress) -> None:  # noqa: ANN001
    targets = tracked_targets(plan.targets)
    counts = status_counts({x.id: progress[x.id] for x in targets})
    cols = st.columns(4)
    for col, status in zip(cols, counts, strict=True):
        col.metric(track_label(status), counts[status])
    st.caption(t("targets_counted", n=len(targets)) + " " + t("attribute_note"))
    if targets and counts.get("grey", 0) == len(targets):
        st.info(t("dash_feed_me"))
    for kind in ("district", "zone", "industry"):
        group = [x for x in targets if x.scope_kind == kind]
        if not group:
            continue
        st.subheader(t(f"scope_{kind}"))
        frame = targets_table(group, progress)
        frame.insert(0, t("scope"), [_scope_label(plan, x) for x in group])
        st.dataframe(style_status(frame.drop(columns="id")), hide_index=True, width="stretch",
                     column_config=progress_column_config())
        _conflict_notes(group)
    _chart(plan, targets, progress)
    _record(plan)


def _conflict_notes(targets) -> None:  # noqa: ANN001
    """Where the plan states two figures for one target, say so under the table (both are kept as stated)."""
    for x in targets:
        note = x.conflict_note_zh if lang() == "zh" else x.conflict_note_en
        if note:
            metric = x.metric_zh if lang() == "zh" else x.metric_en
            st.caption(f"⚠ {t('conflict_note')} · {md(metric)}: {md(note)}")


def _record(plan) -> None:  # noqa: ANN001
    """Record an observation and see the target's history (logged-in planners edit; everyone reads)."""
    with st.expander(t("record_observation") if current_user() else t("history")):
        labels = {x.id: f"{x.id} · {x.metric_zh if lang() == 'zh' else x.metric_en}" for x in plan.targets}
        chosen = st.selectbox(t("choose_target"), list(labels), format_func=labels.get, key=f"dash_obs_target_{lang()}")
        observation_form(chosen)
        user = current_user()
        history(TARGETS_FILE, chosen, user["username"] if user else None)


def _chart(plan, targets, progress) -> None:  # noqa: ANN001
    st.subheader(t("path_chart"))
    numeric = [x for x in targets if x.target_year and (x.baseline_value is not None or x.target_value is not None)]
    if not numeric:
        return
    labels = {x.id: f"{_scope_label(plan, x)} · {x.metric_zh if lang() == 'zh' else x.metric_en}" for x in numeric}
    chosen = st.selectbox(t("choose_indicator"), [x.id for x in numeric], format_func=labels.get, key=f"dash_indicator_{lang()}")
    target = next(x for x in numeric if x.id == chosen)
    chart = path_chart(target, progress[chosen])
    if chart is None:
        st.caption(t("no_path"))
        return
    st.altair_chart(chart, width="stretch")
    p = progress[chosen]
    st.markdown(f"{track_label(p.status)} — {p.reason_zh if lang() == 'zh' else p.reason_en}")


def _thirteenth(plan, progress) -> None:  # noqa: ANN001
    targets = [x for x in plan.targets if x.plan == "13th"]
    frame = targets_table(targets, progress).drop(columns=["id", t("latest_source")])
    frame = frame.rename(columns={t("baseline"): t("value_2015"), t("target"): t("planned_2020"), t("latest"): t("actual_2020")})
    st.caption(t("thirteenth_note"))
    st.dataframe(style_status(frame), hide_index=True, width="stretch", column_config=progress_column_config())
    _conflict_notes(targets)


def _pipeline(plan, settings) -> None:  # noqa: ANN001
    projects = plan.projects
    cols = st.columns(len(STATUSES))
    for col, status in zip(cols, STATUSES, strict=True):
        group = projects[projects["status"] == status] if not projects.empty else projects
        col.metric(status_label(status), len(group))
        with col.container(height=260):
            for _, p in (group.sort_values("name_zh") if not group.empty else group).iterrows():
                st.button(name_of(p), key=f"dash_pick_{p['id']}", on_click=state.select, args=("project", p["id"]), type="tertiary")
    st.caption(t("batches_note"))
    by_zone = status_table(projects, "zone")
    zone_names = {z["id"]: name_of(z) for _, z in plan.zones.iterrows()}
    by_zone.index = [zone_names.get(i, t("no_zone") if i == "-" else i) for i in by_zone.index]
    by_cat = status_table(projects, "category")
    by_cat.index = [category_label(c) for c in by_cat.index]
    left, right = st.columns(2)
    for col, title, table in ((left, t("by_zone"), by_zone), (right, t("by_category"), by_cat)):
        col.markdown(f"**{title}**")
        col.dataframe(table.rename(columns={s: status_label(s) for s in STATUSES} | {"total": t("total")}), width="stretch")
    days = st.number_input(t("stale_days"), min_value=1, max_value=3650, value=settings.stale_days, step=30, key="dash_stale_days")
    stale = stale_projects(projects, today=dt.date.today(), days=int(days), last_updates=data.last_updates())
    st.markdown(f"**{t('stale_title', n=len(stale), days=int(days))}**")
    shown = stale.assign(name=stale["name_en"] if lang() == "en" else stale["name_zh"], status=stale["status"].map(status_label))
    st.dataframe(shown[["id", "name", "status", "last_update", "days_since"]].rename(columns={
        "name": t("col_name"), "status": t("col_status"), "last_update": t("last_update"), "days_since": t("days_since")}),
        hide_index=True, width="stretch")


def _zones(plan) -> None:  # noqa: ANN001
    zones = plan.zones
    cols = st.columns(2)
    for i, (_, zone) in enumerate(zones.iterrows()):
        with cols[i % 2].container(border=True):
            zone_card(data.summaries().zone(zone["id"]))
            st.button(t("show_on_map"), key=f"dash_zone_{zone['id']}", on_click=_to_map, args=(zone["id"],))


def _to_map(zone_id: str) -> None:
    state.select("zone", zone_id)
    st.session_state["dash_goto_map"] = True


def render() -> None:
    settings = data.settings()
    plan, sig = data.current_plan()
    progress = progress_of(plan, sig)
    if st.session_state.pop("dash_goto_map", False):
        st.switch_page("app_pages/plan_map.py")
    st.title(t("page_dashboard"))
    data.show_state_problems("audit")
    show_message()
    tabs = st.tabs([t("tab_indicators"), t("tab_13th"), t("tab_pipeline"), t("tab_zones"), t("tab_rules"),
                    plans_ui.tx("tab")])
    with tabs[0]:
        _indicators(plan, progress)
    with tabs[1]:
        _thirteenth(plan, progress)
    with tabs[2]:
        _pipeline(plan, settings)
    with tabs[3]:
        _zones(plan)
    with tabs[4]:
        rules = read_document_text(data.stores().docs, "target-rules.md")
        st.markdown(rules or "docs/target-rules.md is missing")
    with tabs[5]:
        plans_ui.side_by_side_tab(plan)
    state.write_to_url(include_map=False)


render()
