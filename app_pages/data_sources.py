"""数据与来源: where every data file comes from, and the validation report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import data, state
from app_pages.i18n import t
from app_pages.i18n import md
from planning.imports_apply import overlay_metadata, overlay_sources_markdown
from planning.schema import LAYER_SCHEMAS


def _counts(plan) -> pd.DataFrame:  # noqa: ANN001 - Plan
    rows = []
    for layer_id, schema in LAYER_SCHEMAS.items():
        title = schema.title_zh if st.session_state.get("lang", "zh") == "zh" else schema.title_en
        valid = len(plan.layer(layer_id))
        rows.append({t("layer"): f"{title} ({layer_id})", t("valid"): valid,
                     t("in_file"): plan.feature_counts.get(layer_id, 0)})
    rows.append({t("layer"): f"{t('targets')} (targets)", t("valid"): len(plan.targets),
                 t("in_file"): plan.feature_counts.get("targets", 0)})
    return pd.DataFrame(rows)


def render() -> None:
    plan, sig = data.current_plan()
    st.title(t("page_sources"))
    st.caption(t("sources_intro"))
    st.subheader(t("validation"))
    data.show_state_problems("overlays", "audit", "outline")
    if plan.problems:
        for problem in plan.problems:
            (st.error if problem.severity == "error" else st.warning)(md(problem))
    elif not data.state_problems("overlays", "audit", "outline"):
        st.success(t("validation_ok"))
    st.subheader(t("layer_counts"))
    st.dataframe(_counts(plan), hide_index=True)
    sources = data.document_text(sig, "SOURCES.md")
    if sources:
        st.markdown(sources)
    overlays = overlay_metadata(data.stores())
    if overlays:
        st.subheader(t("page_import"))
        st.markdown(overlay_sources_markdown(overlays, st.session_state.get("lang", "zh")))
    state.write_to_url(include_map=False)


render()
