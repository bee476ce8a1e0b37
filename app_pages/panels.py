"""The detail panel beside the map: a zone or a project, every value with its source."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from app_pages import data, state
from app_pages.cards import zone_card
from app_pages.editing import project_tools
from app_pages import plans_ui
from app_pages.i18n import category_label, colon, count, join_list, kind_label, lang, md, name_of, status_label, t, unit_label
from layers.registry import LAYER_BY_ID
from planning.model import STATUSES, UNKNOWN_STATUS, Target
from planning.carriers import zone_carriers
from planning.plan import Plan
from planning.schema import LAYER_SCHEMAS
from planning.summary import ProjectSummary, RedlineOverlap, ZoneSummary

def section_link(section: str, label: str) -> str:
    """A markdown link to the plan text page at ``section``."""
    return f"[{md(label)}](/plan?section={section}&lang={lang()})"


def _value_text(value: float | None, text: str | None, year: int | None) -> str:
    if value is None and not text:
        return t("unknown")
    shown = text if text else f"{value:g}"
    return f"{shown}（{year}）" if year else shown


def _latest(target: Target) -> str:
    obs = target.latest_observation()
    if obs is None:
        return t("none_observed")
    return f"{obs.value:g}（{obs.year}，{obs.source}）"


def targets_frame(targets: list[Target]) -> pd.DataFrame:
    """Targets as a table: metric, unit, baseline, target, latest observation, source."""
    rows = []
    for target in targets:
        metric = target.metric_zh if lang() == "zh" else target.metric_en
        if target.cumulative:
            metric += f"（{t('cumulative')}）"
        rows.append({
            t("metric"): metric,
            t("unit"): unit_label(target.unit),
            t("baseline"): _value_text(target.baseline_value, target.baseline_text, target.baseline_year),
            t("target"): _value_text(target.target_value, target.target_text, target.target_year),
            t("latest"): _latest(target),
            t("sources"): target.source_label,
        })
    return pd.DataFrame(rows)


def _zone_analysis(summary: ZoneSummary) -> None:
    st.markdown(
        f"**{t('analysis')}**{colon()}{t('density', d=summary.density_per_km2)} · "
        f"{t('transit_share', p=100 * summary.transit_share_800m)}"
    )


def _redline(rows: tuple[RedlineOverlap, ...]) -> None:
    for row in rows:
        layer = row.layer_zh if lang() == "zh" else row.layer_en
        feature = row.feature_name_zh if lang() == "zh" else row.feature_name_en
        st.caption(md(f"{layer} · {feature} · {row.overlap_ha:.2f} ha / {row.overlap_mu:.1f} 亩"))


def _project_analysis(summary: ProjectSummary) -> None:
    st.markdown(f"**{t('analysis')}**")
    station = summary.nearest_station
    if station:
        name = station.name_zh if lang() == "zh" else station.name_en
        st.markdown(md(t("nearest_station", name=name, m=station.distance_m)))
    if summary.redline:
        st.markdown(md(t("redline_total", ha=summary.redline_ha, mu=summary.redline_mu)))
        _redline(summary.redline)
    else:
        st.caption(t("redline_none"))
    st.caption(t("analysis_note"))


def _project_buttons(plan: Plan, zone_id: str, on_select: Callable[[str], None]) -> None:
    projects = plan.projects_in_zone(zone_id)
    st.markdown(f"**{t('projects_in_zone')}**{count(len(projects))}")
    if projects.empty:
        st.caption(t("no_projects"))
        return
    for status in STATUSES:
        group = projects[projects["status"] == status]
        if group.empty:
            continue
        st.markdown(f"*{md(status_label(status))}*{count(len(group))}")
        for _, row in group.sort_values("name_zh").iterrows():
            st.button(
                name_of(row),
                key=f"map_pick_{zone_id}_{row['id']}",
                on_click=on_select,
                args=(row["id"],),
                width="stretch",
            )


def _zone_landmarks(plan: Plan, zone_id: str) -> None:
    """The existing places the plan names for the zone (landmarks layer), flagged where the drawing disagrees."""
    carriers = zone_carriers(plan, zone_id)
    if not carriers:
        return
    st.markdown(f"**{t('zone_landmarks')}**{count(len(carriers))}")
    lines = []
    for c in carriers:
        note = "" if c.stated and c.inside else f" · {t('drawn_outside') if c.stated else t('not_stated')}"
        done = f" · {status_label(c.status)}" if c.status != UNKNOWN_STATUS else ""
        open_, close = ("（", "）") if lang() == "zh" else (" (", ")")
        lines.append(f"- {md(c.name(lang()))}{open_}{md(c.kind(lang()))}{md(done)}{md(note)}{close}")
    st.markdown("\n".join(lines))


def zone_panel(plan: Plan, zone_id: str, on_select: Callable[[str], None]) -> None:
    zone = plan.feature("zones", zone_id)
    if zone is None:
        st.warning(md(t("sel_missing_zone", id=zone_id)))
        return
    st.subheader(name_of(zone))
    st.caption(f"{kind_label(zone['kind'])} · {md(zone['source'])}")
    st.markdown(f"**{t('role')}**{colon()}{md(zone['description_zh'] if lang() == 'zh' else zone['description_en'])}")
    industries = zone["industries_zh"] if lang() == "zh" else zone["industries_en"]
    carriers = zone["carriers_zh"] if lang() == "zh" else zone["carriers_en"]
    st.markdown(f"**{t('industries')}**{colon()}{md(join_list(industries or []) or t('none_named'))}")
    if isinstance(carriers, list) and carriers:
        st.markdown(f"**{t('carriers')}**{colon()}{md(join_list(carriers))}")
    _zone_landmarks(plan, zone_id)
    st.markdown(f"**{t('area')}**{colon()}{t('area_value', ha=zone['area_ha'], mu=zone['area_mu'])}")
    st.caption(f"{t('area_note')} · {t(zone['geometry_quality'])}")
    st.markdown(section_link(zone["source_section"], t("open_in_plan")))
    summary = data.summaries().zone(zone_id)
    with st.container(border=True):
        zone_card(summary)
    _zone_analysis(summary)
    by_id = {target.id: target for target in plan.targets}
    targets = [by_id[tid] for tid in summary.targets]
    st.markdown(f"**{t('targets')}**")
    if targets:
        st.dataframe(targets_frame(targets), hide_index=True, width="stretch")
    else:
        st.caption(t("no_targets"))
    _project_buttons(plan, zone_id, on_select)


def _field(label_key: str, value: object) -> None:
    st.markdown(f"**{t(label_key)}**{colon()}{md(value)}")


def _same_object(plan: Plan, project: pd.Series) -> None:
    """The existing feature this project upgrades or extends: one object, shown in both of its roles."""
    ref = project.get("refers_to")
    if not isinstance(ref, dict):
        return
    other = plan.feature(ref["layer"], ref["id"])
    schema = LAYER_SCHEMAS.get(ref["layer"])
    if other is None or schema is None:
        return
    layer_title = schema.title_zh if lang() == "zh" else schema.title_en
    st.markdown(f"**{t('same_object')}**{colon()}{md(layer_title)} · {md(name_of(other))}")
    description = other.get("description_zh") if lang() == "zh" else other.get("description_en")
    if isinstance(description, str) and description:
        st.caption(md(description))


def project_panel(plan: Plan, project_id: str, on_zone: Callable[[str], None]) -> None:
    project = plan.feature("projects", project_id)
    if project is None:
        st.warning(md(t("sel_missing_project", id=project_id)))
        return
    st.subheader(name_of(project))
    st.caption(f"{project['name_en'] if lang() == 'zh' else project['name_zh']} · {project_id}")
    _field("category", category_label(project["category"]))
    status = project["status"]
    _field("status", status_label(status))
    if status == UNKNOWN_STATUS:
        st.caption(t("status_unknown_note"))
    else:
        _field("status_date", project.get("status_date"))
        _field("status_source", project.get("status_source"))
    description = project.get("description_zh") if lang() == "zh" else project.get("description_en")
    if isinstance(description, str) and description:
        _field("description", description)
    st.markdown(f"**{t('sources')}**")
    for src in project["sources"]:
        if src.get("plan_id") not in (None, "14th"):
            st.markdown("- " + md(src["label"]))  # another plan's document: the plan text page shows the 14th plan
        else:
            st.markdown("- " + section_link(src["section"], src["label"]))
    plans_ui.project_history(project)
    _same_object(plan, project)
    zone_ids = project["zone_ids"]
    st.markdown(f"**{t('zones_of')}**")
    if isinstance(project.get("zone_stated_source"), str):
        st.caption(f"{t('zone_stated')}{colon()}{md(project['zone_stated_source'])}")
    if not zone_ids:
        st.caption(t("no_zone"))
        if isinstance(project.get("no_zone_reason"), str):
            st.caption(md(project["no_zone_reason"]))
    for zid in zone_ids:
        zone = plan.feature("zones", zid)
        label = name_of(zone) if zone is not None else zid
        st.button(label, key=f"map_zone_{project_id}_{zid}", on_click=on_zone, args=(zid,))
    _project_analysis(data.summaries().project(project_id))
    _field("geometry_quality", t(project["geometry_quality"]))
    _field("geometry_source", project["geometry_source"])
    if project.get("extends_beyond_district") is True:
        _field("outside_note", project.get("outside_note"))
    project_tools(project)


def feature_panel(plan: Plan, layer_id: str, feature_id: str) -> None:
    """Any other named feature a search found (metro line, station, heritage site, park, river)."""
    feature = plan.feature(layer_id, feature_id) if layer_id in plan.layers else None
    if feature is None:
        st.warning(f"{feature_id}: {t('unknown')}")
        return
    st.subheader(name_of(feature))
    other = feature.get("name_en") if lang() == "zh" else feature.get("name_zh")
    spec = LAYER_BY_ID.get(layer_id)
    st.caption(" · ".join(x for x in (other, spec.title(lang()) if spec else None) if isinstance(x, str) and x))
    if isinstance(feature.get("status"), str):
        _field("status", status_label(feature["status"]))
    description = feature.get("description_zh") if lang() == "zh" else feature.get("description_en")
    if isinstance(description, str) and description:
        _field("description", description)
    if isinstance(feature.get("source_section"), str) and isinstance(feature.get("source"), str):
        st.markdown(f"**{t('sources')}**{colon()}" + section_link(feature["source_section"], feature["source"]))
    _field("geometry_quality", t(feature["geometry_quality"]))


def render_panel(plan: Plan) -> None:
    """The panel for the current selection, or a hint when nothing is selected."""
    sel = state.selection()
    if sel is None:
        st.info(t("panel_hint"))
        return
    kind, fid = sel
    if kind == "zone":
        zone_panel(plan, fid, lambda pid: state.select("project", pid))
    elif kind == "project":
        project_panel(plan, fid, lambda zid: state.select("zone", zid))
    else:
        feature_panel(plan, kind, fid)
    st.button(t("close"), key="map_close", on_click=state.select, args=(None,))
