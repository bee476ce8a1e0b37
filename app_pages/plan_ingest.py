"""规划导入: a new plan document becomes draft zones, projects and targets, reviewed one by one and applied as one change."""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import datetime as dt

import streamlit as st

from app_pages import data
from app_pages.editing import editor
from app_pages.i18n import md
from app_pages.ingest_review import card
from app_pages.login import current_user
from planning.errors import PlanningError
from planning.ingest import KINDS, Period, extract, read_document
from planning.ingest.apply import changes_from
from planning.ingest.matching import match, named_features
from planning.plans import default_names
from planning.ingest.review import ACTIONS, gazetteer, list_drafts, load_draft, new_draft, save_draft

PAGE_SIZE = 15
TEXT = Messages("plan_ingest")


tx = scoped(TEXT)


def _message(kind: str, text: str) -> None:
    st.session_state["ing_message"] = (kind, text)


def _start(user: str) -> None:
    with st.form("ing_start"):
        upload = st.file_uploader(tx("upload"), type=["txt", "docx", "pdf"], key="ing_upload")
        left, right = st.columns(2)
        plan_id = left.text_input(tx("plan_id"), "15th", key="ing_plan_id").strip()
        period = right.text_input(tx("period"), "", key="ing_period").strip()
        if not st.form_submit_button(tx("extract")) or upload is None:
            return
    try:
        doc = read_document(upload.name, upload.getvalue())
        extraction = extract(doc, Period.parse(period) if period else None)
        plan, _ = data.current_plan()
        match(extraction.candidates, named_features(plan.layers, plan.targets))
        draft = new_draft(extraction, plan_id, user=user, now=dt.datetime.now(dt.UTC))
        save_draft(data.plan_store(), draft)
    except (PlanningError, ValueError) as exc:
        _message("error", str(exc))
        st.rerun()
    counts = extraction.counts()
    _message("success", tx("extracted", doc=doc.name, plan=plan_id, period=draft.period or "—", **counts))
    st.session_state["ing_draft"] = plan_id
    st.rerun()


def _save(draft, text: str) -> None:
    try:
        save_draft(data.plan_store(), draft, expected_version=st.session_state.get("ing_version"))
    except PlanningError:
        _message("error", tx("stale"))
        return
    _message("success", text)


def _candidates(draft) -> list[dict]:
    kind = st.radio(tx("kind"), KINDS, horizontal=True, key="ing_kind", format_func=lambda k: tx(f"kind_{k}"))
    left, mid, right = st.columns([2, 3, 1])
    state = left.selectbox(tx("state"), ["all", *ACTIONS], key="ing_state", format_func=lambda s: tx(f"a_{s}"))
    query = mid.text_input(tx("search"), key="ing_query").strip()
    rows = [c for c in draft.candidates if c["kind"] == kind
            and (state == "all" or draft.decision(c["id"]).action == state)
            and (not query or query in (c.get("name") or c.get("metric") or ""))]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = int(right.number_input(tx("page"), 1, pages, 1, key="ing_page"))
    st.caption(tx("shown", n=len(rows)))
    return rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


def _apply(draft, user: str) -> None:
    plan, _ = data.current_plan()
    projects = {r["id"]: r for r in plan.layers["projects"].drop(columns="geometry").to_dict("records")}
    changes = changes_from(draft, projects=projects, target_ids={t.id for t in plan.targets}, user=user,
                           today=dt.date.today().isoformat(), plan_names=default_names(draft.period, draft.plan_id))
    st.subheader(tx("apply_head"))
    st.caption(tx("apply_counts", new=len(changes.new_projects), carried=len(changes.carried_projects),
                  targets=len(changes.new_targets), zones=len(changes.plan_entry["zones"])))
    if changes.problems:
        st.warning(tx("problems"))
        st.text("\n".join(f"{label}: {missing}" for _, label, missing in changes.problems))
    if changes.not_applied:
        st.caption(tx("not_applied") + " " + "；".join(f"{label}（{why}）" for _, label, why in changes.not_applied))
    if st.button(tx("apply", plan=draft.plan_id), type="primary", disabled=bool(changes.problems) or changes.empty,
                 key="ing_apply"):
        try:
            entries = editor().apply_plan_changes(user, changes, document=draft.document)
        except PlanningError as exc:
            _message("error", str(exc))
        else:
            _message("success", tx("applied", seq=entries[-1].seq))
        st.rerun()


def _undo(seq: int, user: str) -> None:
    try:
        editor().undo_plan_ingest(user, seq)
    except PlanningError as exc:
        _message("error", str(exc))
        return
    _message("success", tx("undone", seq=seq))


def _history(user: str) -> None:
    log = editor().log()
    undone = {e.reverts: e for e in log if e.action == "undo_plan_ingest"}
    records = [e for e in reversed(log) if e.action == "plan_ingest"]
    if not records:
        return
    st.subheader(tx("history"))
    for entry in records[:20]:
        left, right = st.columns([5, 2])
        left.markdown(md(tx("entry", seq=entry.seq, at=entry.at, user=entry.user, plan=entry.feature_id,
                            n=len((entry.after or {}).get("seqs") or []))))
        if entry.seq in undone:
            right.caption(tx("undone_by", seq=undone[entry.seq].seq))
        else:
            right.button(tx("undo", seq=entry.seq), key=f"ing_undo_{entry.seq}", on_click=_undo, args=(entry.seq, user))


def render() -> None:
    st.title(tx("title"))
    user = current_user()
    if not user:
        st.info(tx("login_needed"))
        return
    if message := st.session_state.pop("ing_message", None):
        (st.success if message[0] == "success" else st.error)(md(message[1]))
    st.caption(tx("intro"))
    _start(user["username"])
    store = data.plan_store()
    drafts = list_drafts(store)
    if not drafts:
        st.info(tx("none_yet"))
        return
    current = st.session_state.get("ing_draft")
    plan_id = st.selectbox(tx("draft"), drafts, index=drafts.index(current) if current in drafts else 0, key="ing_draft")
    draft, version = load_draft(store, plan_id)
    st.session_state["ing_version"] = version
    counts = draft.counts()
    for col, action in zip(st.columns(len(ACTIONS)), ACTIONS, strict=True):
        col.metric(tx(f"a_{action}"), counts[action])
    places = gazetteer(data.current_plan()[0].layers)
    for candidate in _candidates(draft):
        card(draft, candidate, user["username"], places, _save)
    _apply(draft, user["username"])
    _history(user["username"])


render()
