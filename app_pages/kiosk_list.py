"""列表视图 · List view: the plan's zones, projects and targets as headings, lists and tables.

The same information as the map, for visitors who cannot use a map (screen
readers read headings, lists and tables in order). Every data string is
escaped for markdown. In kiosk mode the page carries the kiosk's chrome
(big type, language switch, idle reset, back to the map).
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import pandas as pd
import streamlit as st

from app_pages import comments_ui, data, kiosk, plain
from app_pages.i18n import category_label, lang, md, name_of, status_label, t
from app_pages.panels import targets_frame
from planning.targets import tracked_targets
from planning.model import INDUSTRIES, STATUSES, Target
from planning.plan import Plan

TEXT = Messages("kiosk_list")


tr = scoped(TEXT)


def page_title() -> str:
    return tr("page_title")


def _targets_table(targets: list[Target]) -> None:
    """Targets as a static, accessible table that becomes cards on a phone; no column of nothing but 暂无观测."""
    if not targets:
        return
    frame = targets_frame(targets)
    latest = t("latest")
    if latest in frame.columns and not any(x.observations for x in targets):
        frame = frame.drop(columns=[latest])
    plain.table(list(frame.columns), frame.astype(str).values.tolist())


def _project_list(projects: pd.DataFrame) -> None:
    """Projects grouped by status, as a markdown list: name · category."""
    if projects.empty:
        st.markdown(tr("no_projects"))
        return
    lines = []
    for status in STATUSES:
        group = projects[projects["status"] == status].sort_values("name_zh")
        if group.empty:
            continue
        lines.append(f"- **{md(status_label(status))}**（{len(group)}）")
        lines.extend(f"    - {md(name_of(row))} · {md(category_label(row['category']))}" for _, row in group.iterrows())
    st.markdown("\n".join(lines))


def _zone_section(plan: Plan, zone: pd.Series, counts: dict[str, int]) -> None:
    en = lang() == "en"
    lines = [f"- **{tr('role')}**：{md(zone['description_en'] if en else zone['description_zh'])}"]
    industries = zone["industries_en"] if en else zone["industries_zh"]
    if isinstance(industries, list) and industries:
        lines.append(f"- **{tr('industries')}**：{md('、'.join(industries))}")
    carriers = zone["carriers_en"] if en else zone["carriers_zh"]
    if isinstance(carriers, list) and carriers:
        lines.append(f"- **{tr('carriers')}**：{md('、'.join(carriers))}")
    lines.append(f"- **{tr('area')}**：{tr('area_value', ha=zone['area_ha'], mu=zone['area_mu'])}")
    lines.append(f"- {tr('comments', n=counts.get(zone['id'], 0))}")
    st.markdown("\n".join(lines))
    targets = plan.targets_for(zone["id"])
    st.markdown(f"#### {tr('targets', n=len(targets))}")
    if targets:
        _targets_table(targets)
    else:
        st.markdown(tr("no_targets"))
    projects = plan.projects_in_zone(zone["id"])
    st.markdown(f"#### {tr('projects', n=len(projects))}")
    _project_list(projects)


def _industry_targets(plan: Plan) -> None:
    targets = [x for x in plan.targets if x.scope_kind == "industry" and x.plan == "14th"]
    if not targets:
        return
    with st.expander(tr("industry_targets")):
        for scope in dict.fromkeys(x.scope for x in targets):
            zh, en = INDUSTRIES.get(scope, (scope, scope))
            st.markdown(f"**{md(zh if lang() == 'zh' else en)}**")
            _targets_table([x for x in targets if x.scope == scope])


def render_list(plan: Plan) -> None:
    """Zones first (grouped 两核/三区/三纵/三横, each one a section to open), then district and industry targets,
    the projects outside every zone and the 13th plan's results, each folded until opened."""
    st.header(tr("title"))
    st.markdown(tr("intro", zones=len(plan.zones), projects=len(plan.projects), targets=len(tracked_targets(plan.targets))))
    counts = comments_ui.approved_counts()
    st.header(tr("zones"))
    zones = plan.zones
    for kind, title in kiosk.GROUPS:
        rows = zones[zones["kind"] == kind] if not zones.empty else zones
        if rows.empty:
            continue
        st.subheader(title[0] if lang() == "zh" else title[1])
        for _, zone in rows.iterrows():
            with st.expander(name_of(zone)):
                _zone_section(plan, zone, counts)
    with st.expander(tr("district_targets")):
        _targets_table([x for x in plan.targets if x.scope_kind == "district" and x.plan == "14th"])
    _industry_targets(plan)
    projects = plan.projects
    outside = projects[projects["zone_ids"].apply(len) == 0] if not projects.empty else projects
    with st.expander(tr("outside", n=len(outside))):
        _project_list(outside)
    earlier = [x for x in plan.targets if x.plan == "13th"]
    if earlier:
        with st.expander(tr("thirteenth")):
            _targets_table(earlier)


def render() -> None:
    settings = data.settings()
    if settings.kiosk:
        kiosk.chrome(on_home=False)
        kiosk.header(on_home=False)
    plan, _ = data.current_plan()
    render_list(plan)


if __name__ == "__main__":
    render()
