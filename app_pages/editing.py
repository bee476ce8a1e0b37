"""Planner edits in the panels: status, observations, attributes, position, new projects, history and revert.

Shown only to logged-in planners. Every form keeps the values the planner
saw when it opened (``based_on``), so a change made meanwhile by someone else
is refused with a message rather than silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from app_pages import data
from app_pages.i18n import category_label, lang, status_label, t
from app_pages.login import current_user
from app_pages.i18n import md
from planning.history import describe, problem_text
from planning.edits import (
    MOVE_FIELDS,
    OBSERVATION_FIELDS,
    PROJECTS_FILE,
    STATUS_FIELDS,
    TARGETS_FILE,
    AuditEntry,
    PlanEditor,
)
from planning.errors import DatabaseUnavailable, PlanningError, SchemaError, StaleWriteError
from planning.model import CATEGORIES, STATUSES

ATTRIBUTE_FIELDS = ("name_zh", "name_en", "category", "description_zh", "description_en")


def editor() -> PlanEditor:
    return data.stores().editor()


def _base(document: str, feature_id: str, fields: tuple[str, ...]) -> dict[str, Any]:
    """The values this session saw when it opened the form (kept until a save or a reload)."""
    key = f"edit_base::{document}::{feature_id}::{','.join(fields)}"
    if key not in st.session_state:
        st.session_state[key] = editor().snapshot(document, feature_id, fields)
    return st.session_state[key]


def _forget(document: str, feature_id: str) -> None:
    prefix = f"edit_base::{document}::{feature_id}::"
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


def _run(document: str, feature_id: str, action: Callable[[], AuditEntry]) -> None:
    """Apply an edit; report success or the refusal (stale, invalid) in the session."""
    try:
        entry = action()
    except StaleWriteError as exc:
        st.session_state["edit_message"] = ("error", f"{exc}")
        _forget(document, feature_id)
        return
    except DatabaseUnavailable as exc:  # nothing was written; the public text names no host or driver
        st.session_state["edit_message"] = ("error", exc.message(lang()))
        return
    except SchemaError as exc:  # name each refused field in the user's language
        st.session_state["edit_message"] = ("error", "\n\n".join(problem_text(p, lang()) for p in exc.problems) or str(exc))
        return
    except PlanningError as exc:
        st.session_state["edit_message"] = ("error", str(exc))
        return
    _forget(document, feature_id)
    st.session_state["edit_message"] = ("success", t("edit_saved", seq=entry.seq))


def show_message() -> None:
    message = st.session_state.pop("edit_message", None)
    if message:
        kind, text = message
        (st.success if kind == "success" else st.error)(md(text))


def _status_form(project_id: str, user: str) -> None:
    base = _base(PROJECTS_FILE, project_id, STATUS_FIELDS)
    with st.form(f"edit_status_{project_id}"):
        statuses = list(STATUSES)
        status = st.selectbox(t("status"), statuses, index=statuses.index(base.get("status") or "未知"),
                              format_func=status_label)
        date = st.date_input(t("status_date"), value=dt.date.today(), format="YYYY-MM-DD")
        source = st.text_input(t("status_source"), placeholder=t("status_source_hint"))
        note = st.text_input(t("note"))
        if st.form_submit_button(t("save")):
            unknown = status == "未知"
            _run(PROJECTS_FILE, project_id, lambda: editor().set_status(
                user, project_id, status, None if unknown else date.isoformat(), None if unknown else source,
                note or None, based_on=base))
            st.rerun()


def _attribute_form(project: Any, user: str) -> None:
    pid = project["id"]
    base = _base(PROJECTS_FILE, pid, ATTRIBUTE_FIELDS)
    with st.form(f"edit_attrs_{pid}"):
        values = {name: st.text_input(t(f"field_{name}"), value=base.get(name) or "")
                  for name in ("name_zh", "name_en", "description_zh", "description_en")}
        categories = list(CATEGORIES)
        values["category"] = st.selectbox(t("category"), categories, index=categories.index(base["category"]),
                                          format_func=category_label)
        note = st.text_input(t("note"))
        if st.form_submit_button(t("save")):
            changes = {k: (v or None) for k, v in values.items() if (v or None) != base.get(k)}
            _run(PROJECTS_FILE, pid, lambda: editor().update_project(user, pid, changes, note or None, based_on=base))
            st.rerun()


def _move_form(project: Any, user: str) -> None:
    pid = project["id"]
    base = _base(PROJECTS_FILE, pid, MOVE_FIELDS)
    point = project.geometry.representative_point()
    picked = st.session_state.get("map_picked_point")
    with st.form(f"edit_move_{pid}"):
        st.caption(t("move_hint"))
        lon = st.number_input(t("lon"), value=float(picked[0] if picked else point.x), format="%.6f")
        lat = st.number_input(t("lat"), value=float(picked[1] if picked else point.y), format="%.6f")
        note = st.text_input(t("note"))
        if st.form_submit_button(t("save")):
            _run(PROJECTS_FILE, pid, lambda: editor().move_project(user, pid, lon, lat, note or None, based_on=base))
            st.rerun()


def history(document: str, feature_id: str, user: str | None) -> None:
    """The feature's audited changes, newest first, each revertible by a logged-in planner."""
    entries = editor().history(document, feature_id)
    st.markdown(f"**{t('history')}**（{len(entries)}）")
    if not entries:
        st.caption(t("no_history"))
    for entry in reversed(entries):
        with st.container(border=True):
            st.markdown(md(describe(entry, lang())))
            st.caption(md(f"#{entry.seq} · {entry.at}"))
            if entry.note:
                st.caption(md(f"{t('note')}: {entry.note}"))
            if user:
                st.button(t("revert"), key=f"revert_{document}_{entry.seq}", on_click=_revert, args=(user, entry.seq, document, feature_id))


def _revert(user: str, seq: int, document: str, feature_id: str) -> None:
    _run(document, feature_id, lambda: editor().revert(user, seq, t("revert_note", seq=seq)))


def project_tools(project: Any) -> None:
    """Editing forms and history for one project (forms only when logged in)."""
    user = current_user()
    show_message()
    if user:
        with st.expander(t("edit_status")):
            _status_form(project["id"], user["username"])
        with st.expander(t("edit_attributes")):
            _attribute_form(project, user["username"])
        with st.expander(t("edit_position")):
            _move_form(project, user["username"])
    with st.expander(t("history")):
        history(PROJECTS_FILE, project["id"], user["username"] if user else None)


def observation_form(target_id: str) -> None:
    """Record a new observation of a target (logged-in planners)."""
    user = current_user()
    if not user:
        return
    base = _base(TARGETS_FILE, target_id, OBSERVATION_FIELDS)
    with st.form(f"edit_obs_{target_id}"):
        year = st.number_input(t("year"), min_value=2000, max_value=2100, value=dt.date.today().year - 1, step=1)
        value = st.number_input(t("value"), value=0.0, format="%.4f")
        source = st.text_input(t("obs_source"), placeholder=t("obs_source_hint"))
        note = st.text_input(t("note"))
        if st.form_submit_button(t("save")):
            _run(TARGETS_FILE, target_id, lambda: editor().add_observation(
                user["username"], target_id, int(year), float(value), source, note or None, based_on=base))
            st.rerun()


def new_project_form(sections: list[tuple[str, str]]) -> None:
    """Add a project at typed coordinates or at the last point clicked on the map."""
    user = current_user()
    if not user:
        return
    if not sections:
        damaged = data.state_problems("outline")  # a damaged outline says what to do; a missing one says so
        st.warning(md(damaged[0].message(lang())) if damaged else t("no_outline"))
        return
    picked = st.session_state.get("map_picked_point")
    with st.form("edit_new_project", clear_on_submit=False):
        st.caption(t("new_project_hint"))
        pid = st.text_input(t("field_id"), placeholder="prj-...")
        name_zh = st.text_input(t("field_name_zh"))
        name_en = st.text_input(t("field_name_en"))
        category = st.selectbox(t("category"), list(CATEGORIES), format_func=category_label)
        section = st.selectbox(t("sources"), [s for s, _ in sections], format_func=dict(sections).get)
        lon = st.number_input(t("lon"), value=float(picked[0]) if picked else 116.895, format="%.6f")
        lat = st.number_input(t("lat"), value=float(picked[1]) if picked else 36.676, format="%.6f")
        note = st.text_input(t("note"))
        if st.form_submit_button(t("save")):
            label = dict(sections).get(section, section)
            props = {"id": pid.strip(), "name_zh": name_zh, "name_en": name_en, "category": category,
                     "source": label, "source_section": section,
                     "sources": [{"ref": label.split(" ")[0], "section": section, "label": label}]}
            _run(PROJECTS_FILE, pid, lambda: editor().add_project(user["username"], props, lon, lat, note or None))
            st.rerun()
