"""Target and pipeline summaries shared by the dashboard and the map's zone panel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.i18n import colon, count, kind_label, lang, md, status_label, t, unit_label
from planning.model import STATUSES, Target
from planning.plan import Plan
from planning.summary import ZoneSummary, pipeline_line
from planning.targets import STATUS_COLORS, STATUS_LABELS_EN, STATUS_LABELS_ZH, Progress, evaluate_all


@st.cache_data(show_spinner=False, max_entries=4)
def progress_of(_plan: Plan, sig: tuple) -> dict[str, Progress]:  # noqa: ARG001 - sig is the cache key
    """Every target's progress, once per data version."""
    return evaluate_all(_plan.targets)


def track_label(status: str) -> str:
    return STATUS_LABELS_ZH[status] if lang() == "zh" else STATUS_LABELS_EN[status]


def badge(status: str) -> str:
    """A coloured status badge (markdown; Streamlit's own colour syntax, no HTML)."""
    color = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}[status]
    return f":{color}-badge[{track_label(status)}]"


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:,.4g}"


def targets_table(targets: list[Target], progress: dict[str, Progress]) -> pd.DataFrame:
    """One row per target: metric, attribute, baseline, target, latest, progress, on-track status."""
    rows = []
    for target in targets:
        p = progress[target.id]
        latest = p.latest
        rows.append({
            t("metric"): (target.metric_zh if lang() == "zh" else target.metric_en)
            + (f"（{t('cumulative')}）" if target.cumulative else ""),
            t("attribute"): _attribute(target.attribute),
            t("unit"): unit_label(target.unit),
            t("baseline"): target.baseline_text if target.baseline_text not in (None, "") else _fmt(target.baseline_value),
            t("target"): target.target_text if target.target_text not in (None, "") else _fmt(target.target_value),
            t("annual_growth"): _fmt(target.annual_growth_pct),
            t("latest"): f"{latest.value:,.4g}（{latest.year}）" if latest else t("none_observed"),
            t("latest_source"): latest.source if latest else "",
            t("progress"): p.progress,
            t("on_track"): track_label(p.status),
            t("why"): p.reason_zh if lang() == "zh" else p.reason_en,
            "id": target.id,
        })
    columns = [t("metric"), t("attribute"), t("unit"), t("baseline"), t("target"), t("annual_growth"), t("latest"),
               t("latest_source"), t("progress"), t("on_track"), t("why"), "id"]
    return pd.DataFrame(rows, columns=columns)


def _attribute(attribute: str | None) -> str:
    if attribute is None:
        return "—"
    return attribute if lang() == "zh" else {"预期性": "Indicative", "约束性": "Binding"}[attribute]


def style_status(frame: pd.DataFrame):  # noqa: ANN201 - pandas Styler
    """Colour the on-track column by status."""
    colors = {track_label(s): c for s, c in STATUS_COLORS.items()}

    def paint(value: str) -> str:
        color = colors.get(value)
        return f"background-color: {color}; color: white; font-weight: 600" if color else ""

    binding = _attribute("约束性")

    def mark_binding(value: str) -> str:
        return "color: #b2182b; font-weight: 700" if value == binding else ""

    styled = frame.style.map(paint, subset=[t("on_track")])
    return styled.map(mark_binding, subset=[t("attribute")]) if t("attribute") in frame.columns else styled


def progress_column_config() -> dict:
    return {t("progress"): st.column_config.ProgressColumn(t("progress"), min_value=0.0, max_value=1.0, format="percent")}


def zone_card(summary: ZoneSummary) -> None:
    """A zone's targets (on-track counts) and project pipeline (counts by status), in a few lines."""
    name = summary.name_zh if lang() == "zh" else summary.name_en
    st.markdown(f"**{md(name)}** · {kind_label(summary.kind)} · {t('area_value', ha=summary.area_ha, mu=summary.area_mu)}")
    counts = summary.target_status
    target_line = " ".join(f"{badge(s)} {counts[s]}" for s in counts if counts[s]) or t("no_targets")
    st.markdown(f"{t('targets')}{count(len(summary.targets))}{colon()}{target_line}")
    pipeline = pipeline_line(summary, {s: status_label(s) for s in STATUSES})
    st.markdown(f"{t('projects_in_zone')}{count(summary.projects)}{colon()}{pipeline}")
    if summary.carrier_ids:
        st.markdown(f"{t('zone_landmarks')}{count(len(summary.carrier_ids))}")
