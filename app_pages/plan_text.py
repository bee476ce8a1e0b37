"""规划原文: the plan's text by section; features link here with ``?section=ID``."""

from __future__ import annotations

import streamlit as st

from app_pages import data, state
from app_pages.i18n import t
from app_pages.i18n import lang, md
from planning.outline import parse_outline, section_text
from planning.plan import OUTLINE_FILE


def render() -> None:
    _, sig = data.current_plan()
    text = data.document_text(sig, OUTLINE_FILE)
    st.title(t("page_plan"))
    st.caption(t("plan_text_intro"))
    if text is None:
        problems = data.state_problems("outline")
        for problem in problems:  # damaged: what is wrong and what to do
            st.error(md(problem.message(lang())))
        if not problems:
            st.error(t("no_outline"))
        return
    sections = parse_outline(text)
    by_id = {s.id: s for s in sections}
    wanted = st.query_params.get("section")
    if wanted and wanted not in by_id:
        st.warning(t("section_not_found", sid=wanted))
    ids = [s.id for s in sections]
    default = ids.index(wanted) if wanted in by_id else 0
    chosen = st.selectbox(
        t("sections"),
        ids,
        index=default,
        key="plan_section",
        format_func=lambda sid: ("　" * (by_id[sid].level - 1 if by_id[sid].level < 4 else 2)) + by_id[sid].title,
    )
    section = by_id[chosen]
    st.subheader(section.title)
    st.caption(f"{section.id} · lines {section.start}–{section.end}")
    for paragraph in section_text(text, section).split("\n"):
        st.markdown(md(paragraph))
    if st.query_params.get("section") != chosen:
        st.query_params["section"] = chosen
    state.write_to_url(include_map=False)


render()
