"""规划导入: a new plan document becomes draft zones, projects and targets, reviewed one by one and applied as one change."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import data
from app_pages.editing import editor
from app_pages.i18n import lang, md, translate
from app_pages.ingest_review import card
from app_pages.login import current_user
from planning.errors import PlanningError
from planning.ingest import KINDS, Period, extract, read_document
from planning.ingest.apply import changes_from
from planning.ingest.matching import match, named_features
from planning.ingest.review import ACTIONS, gazetteer, list_drafts, load_draft, new_draft, save_draft

PAGE_SIZE = 15
TEXT: dict[str, tuple[str, str]] = {
    "title": ("规划导入", "Plan ingestion"),
    "login_needed": ("规划导入需要规划人员账号：请在左侧登录。", "Plan ingestion needs a planner account: log in in the sidebar."),
    "intro": ("上传新一期规划文本（.txt、.docx 或 .pdf）：系统按规则提取片区、项目和目标候选，每条都附原文句子和行号。"
              "逐条采纳、修改、合并（与已有对象相同）或不采纳，确认后作为一次有审计记录的变更写入新规划；写入前不改动任何规划数据。",
              "Upload a new plan document (.txt, .docx or .pdf): zone, project and target candidates are extracted by rules, "
              "each with its sentence and lines. Accept, edit, merge (the same object as an existing one) or reject each; "
              "applying writes them into the new plan as one audited change. Nothing changes the plan data before that."),
    "upload": ("规划文本", "Plan document"), "plan_id": ("规划编号（如 15th）", "Plan id (e.g. 15th)"),
    "period": ("规划期（如 2026-2030，空 = 从标题识别）", "Period (e.g. 2026-2030; empty = from the title)"),
    "extract": ("提取候选", "Extract candidates"),
    "extracted": ("已从 {doc} 提取 {zone} 个片区、{project} 个项目、{target} 个目标候选（规划 {plan}，{period}）。",
                  "Extracted {zone} zone, {project} project and {target} target candidates from {doc} (plan {plan}, {period})."),
    "draft": ("审核中的规划", "Draft under review"), "none_yet": ("尚无草稿：请先上传规划文本。", "No draft yet: upload a plan document first."),
    "state": ("显示", "Show"), "search": ("按名称筛选", "Filter by name"),
    "page": ("页", "Page"), "shown": ("共 {n} 条", "{n} candidate(s)"),
    "apply_head": ("写入新规划", "Write into the new plan"),
    "apply_counts": ("新增项目 {new} 个，沿用已有项目 {carried} 个，目标 {targets} 个，沿用片区 {zones} 个。",
                     "{new} new project(s), {carried} carried-over project(s), {targets} target(s), {zones} carried-over zone(s)."),
    "problems": ("以下已采纳的候选还缺信息，补全后才能写入：", "These accepted candidates miss something; complete them before applying:"),
    "not_applied": ("以下候选不会写入：", "These candidates will not be written:"),
    "apply": ("写入规划 {plan}", "Apply to plan {plan}"), "applied": ("已写入（审计记录 #{seq}）。", "Applied (audit entry #{seq})."),
    "undo": ("撤销写入 #{seq}", "Undo #{seq}"), "undone": ("已撤销 #{seq}。", "#{seq} undone."),
    "kind": ("候选类型", "Kind of candidate"),
    "kind_zone": ("片区", "Zones"), "kind_project": ("项目", "Projects"), "kind_target": ("目标", "Targets"),
    "a_all": ("全部", "All"), "a_pending": ("待定", "Undecided"), "a_accept": ("采纳", "Accepted"),
    "a_merge": ("沿用已有", "Carried over"), "a_reject": ("不采纳", "Rejected"),
    "history": ("写入记录", "Applied so far"), "entry": ("#{seq} · {at} · {user} · 规划 {plan} · {n} 项",
                                                      "#{seq} · {at} · {user} · plan {plan} · {n} change(s)"),
    "undone_by": ("已被 #{seq} 撤销", "undone by #{seq}"),
    "stale": ("草稿已被他人修改，已重新读取：请再保存一次。", "Someone changed the draft meanwhile; it was reloaded: save again."),
}


def tx(key: str, **fmt: object) -> str:
    return translate(TEXT, key, **fmt)


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
        return
    counts = extraction.counts()
    _message("success", tx("extracted", doc=doc.name, plan=plan_id, period=draft.period or "—", **counts))
    st.session_state["ing_draft"] = plan_id


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
                           today=dt.date.today().isoformat())
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
