"""Plans side by side in the views: the plan filter's options, a project's history across plans, carried targets."""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import data
from app_pages.i18n import lang, md, status_label, unit_label
from planning.edits_plans import plan_registry
from planning.plans import PlanInfo, history, plan_ids_of, plan_infos, side_by_side

TEXT = Messages("plans_ui")


tx = scoped(TEXT)


@st.cache_data(show_spinner=False, max_entries=4)
def _infos(name: str, sig: tuple) -> dict[str, PlanInfo]:  # noqa: ARG001 - name and sig are the cache key
    return plan_infos(plan_registry(data.plan_store()))


def infos() -> dict[str, PlanInfo]:
    """The plans the data has (the shipped 14th plan and every ingested one)."""
    return _infos(data.plan_store().name, data.current_plan()[1])


def filter_option(projects: pd.DataFrame) -> tuple[list[str], dict[str, str]] | None:
    """Values and labels of the plan filter, or None while the data has one plan only."""
    known = infos()
    present = set()
    if "plan_ids" in projects.columns:
        for props in projects[["plan_ids"]].to_dict("records"):
            present.update(plan_ids_of(props))
    if len(present | {next(iter(known))}) < 2:
        return None
    ids = [p for p in known if p in present] + sorted(present - set(known))
    return ids, {p: known[p].name(lang()) if p in known else p for p in ids}


def project_history(project: Any) -> None:
    """"十四五 储备 → 十五五 未知", with the new plan's source."""
    steps = history(project, infos())
    if not steps:
        return
    line = " → ".join(f"{s.plan.name(lang())} {status_label(s.status)}" for s in steps)
    st.markdown(f"**{md(tx('across'))}**：{md(line)}" if lang() == "zh" else f"**{md(tx('across'))}**: {md(line)}")
    for step in steps[1:]:
        if step.where:
            st.caption(step.where)


def _value(target) -> str:
    if target is None:
        return "—"
    value = target.target_text if target.target_value is None else f"{target.target_value:g}"
    return f"{value or '—'}（{target.target_year or '—'}）"


def side_by_side_tab(plan) -> None:
    known = infos()
    others = [p for p in known.values() if p.id not in ("13th", "14th")]
    if not others:
        st.info(tx("none"))
        return
    base = known["14th"].name(lang())
    for info in others:
        st.caption(tx("intro", new=info.name(lang()), base=base))
        rows = [{
            tx("col_metric"): target.metric_zh if lang() == "zh" else target.metric_en,
            tx("col_unit"): unit_label(target.unit) if target.unit else "—",
            tx("col_base", plan=base): _value(earlier) if earlier else tx("new_only"),
            tx("col_new", plan=info.name(lang())): _value(target),
            tx("col_source"): target.source_label,
        } for target, earlier in side_by_side(plan.targets, info.id)]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
