"""批量更新: a 项目调度表 or an observations sheet, previewed row by row, applied and undone as one change set."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import data
from app_pages.editing import editor
from app_pages.i18n import lang, md, status_label, translate
from app_pages.login import current_user
from planning import bulk
from planning.errors import PlanningError
from planning.state_files import CorruptStateError

TEXT: dict[str, tuple[str, str]] = {
    "title": ("批量更新", "Bulk updates"),
    "login_needed": ("批量更新需要规划人员账号：请在左侧登录。", "Bulk updates need a planner account: log in in the sidebar."),
    "intro": (
        "上传区里按月收到的项目调度表（项目编号或名称、状态、日期、依据），或统计公报的观测数据表（指标编号、年份、数值、来源）。"
        "先预览每一行的匹配结果，确认后作为一次变更写入（有审计记录），也可以整体撤销。只有完全匹配且有依据的行会被应用。",
        "Upload the district's monthly project report (project id or name, status, date, source) or an observations sheet "
        "from a statistical bulletin (target id, year, value, source). Every row is matched and previewed first; applying "
        "writes them as one audited change set, which can be undone as one. Only exact, sourced matches are applied.",
    ),
    "template_status": ("下载空白项目调度表模板（CSV）", "Download the empty project report template (CSV)"),
    "template_observations": ("下载空白观测数据表模板（CSV）", "Download the empty observations template (CSV)"),
    "upload": ("选择表格文件（CSV 或 XLSX）", "Choose a sheet (CSV or XLSX)"),
    "kind_status": ("项目调度表", "project status report"),
    "kind_observations": ("观测数据表", "observations sheet"),
    "detected": ("{file}：识别为{kind}，共 {n} 行。", "{file}: read as a {kind}, {n} rows."),
    "out_change": ("将更新", "Will change"),
    "out_same": ("已是此值", "Already recorded"),
    "out_conflict": ("有冲突", "Conflicts"),
    "out_unmatched": ("未匹配", "Unmatched"),
    "out_invalid": ("有错误", "Errors"),
    "col_line": ("行", "Row"),
    "col_key": ("表中编号/名称", "Id/name in the sheet"),
    "col_match": ("匹配到", "Matched"),
    "col_before": ("现值", "Now"),
    "col_after": ("新值", "New"),
    "col_why": ("说明", "Why"),
    "note": ("备注（写入审计记录）", "Note (goes into the audit log)"),
    "apply": ("应用 {n} 项变更", "Apply {n} change(s)"),
    "applied": ("已应用 {n} 项变更（审计记录 #{seq}）。", "Applied {n} change(s) (audit entry #{seq})."),
    "history": ("批量更新记录", "Bulk updates so far"),
    "no_history": ("尚无批量更新。", "No bulk update yet."),
    "undo": ("撤销 #{seq}", "Undo #{seq}"),
    "undone": ("已撤销批量更新 #{seq}。", "Bulk update #{seq} undone."),
    "undone_by": ("已被 #{seq} 撤销", "undone by #{seq}"),
    "entry": ("#{seq} · {at} · {user} · {kind} · {file} · {n} 项", "#{seq} · {at} · {user} · {kind} · {file} · {n} change(s)"),
}


def tx(key: str, **fmt: object) -> str:
    return translate(TEXT, key, **fmt)


def _value(kind: str, values: Any) -> str:
    if not values:
        return "—"
    if kind == bulk.STATUS_SHEET:
        parts = [status_label(values.get("status") or "未知"), values.get("status_date"), values.get("status_source")]
        return " · ".join(str(p) for p in parts if p)
    return f"{values.get('year')}: {values.get('value')}（{values.get('source', '')}）"


def _table(result: bulk.Preview, rows: list[bulk.Row]) -> pd.DataFrame:
    return pd.DataFrame([{
        tx("col_line"): r.line, tx("col_key"): r.key, tx("col_match"): f"{r.feature_id or '—'} {r.name}".strip(),
        tx("col_before"): _value(result.kind, r.before), tx("col_after"): _value(result.kind, r.after),
        tx("col_why"): bulk.reason_text(r, lang()),
    } for r in rows])


def _preview(upload: Any) -> bulk.Preview | None:
    cached = st.session_state.get("bulk_cache")
    if cached and cached[0] == upload.file_id:
        return cached[1]
    try:
        frame = bulk.read_sheet(upload.name, upload.getvalue())
        result = bulk.preview(upload.name, frame, editor())
    except bulk.BulkError as exc:
        st.error(md(exc.message(lang())))
        return None
    except PlanningError as exc:
        st.error(md(str(exc)))
        return None
    st.session_state["bulk_cache"] = (upload.file_id, result)
    return result


def _apply(result: bulk.Preview, user: str, note: str) -> None:
    try:
        entries = bulk.apply(editor(), result, user=user, note=note or None)
    except PlanningError as exc:
        st.session_state["bulk_message"] = ("error", exc.message(lang()) if isinstance(exc, bulk.BulkError) else str(exc))
        return
    st.session_state["bulk_message"] = ("success", tx("applied", n=len(entries) - 1, seq=entries[-1].seq))
    st.session_state["bulk_upload_n"] = st.session_state.get("bulk_upload_n", 0) + 1
    st.session_state.pop("bulk_cache", None)


def _undo(seq: int, user: str) -> None:
    try:
        bulk.undo(editor(), seq, user=user)
    except PlanningError as exc:
        st.session_state["bulk_message"] = ("error", str(exc))
        return
    st.session_state["bulk_message"] = ("success", tx("undone", seq=seq))
    st.session_state.pop("bulk_cache", None)


def _show_preview(result: bulk.Preview, user: str) -> None:
    st.markdown(md(tx("detected", file=result.file, kind=tx(f"kind_{result.kind}"), n=len(result.rows))))
    counts = result.counts()
    for col, outcome in zip(st.columns(len(bulk.OUTCOMES)), bulk.OUTCOMES, strict=True):
        col.metric(tx(f"out_{outcome}"), counts[outcome])
    for outcome in bulk.OUTCOMES:
        if counts[outcome]:
            with st.expander(f"{tx(f'out_{outcome}')}（{counts[outcome]}）", expanded=outcome != "same"):
                st.dataframe(_table(result, result.of(outcome)), hide_index=True, width="stretch")
    note = st.text_input(tx("note"), key="bulk_note")
    st.button(tx("apply", n=counts["change"]), key="bulk_apply", type="primary", disabled=not counts["change"],
              on_click=_apply, args=(result, user, note))


def _history(user: str) -> None:
    st.subheader(tx("history"))
    try:
        records = bulk.history(editor())
    except CorruptStateError as exc:  # a damaged audit log: updates and undo wait until it is repaired
        st.error(md(exc.message(lang())))
        return
    if not records:
        st.caption(tx("no_history"))
    for entry, undone in records[:30]:
        after = entry.after or {}
        with st.container(border=True):
            left, right = st.columns([5, 2])
            left.markdown(md(tx("entry", seq=entry.seq, at=entry.at, user=entry.user, file=after.get("file", ""),
                                kind=tx(f"kind_{after.get('kind', 'status')}"), n=len(after.get("seqs") or []))))
            if undone:
                right.caption(tx("undone_by", seq=undone.seq))
            else:
                right.button(tx("undo", seq=entry.seq), key=f"bulk_undo_{entry.seq}", on_click=_undo, args=(entry.seq, user))


def render() -> None:
    st.title(tx("title"))
    user = current_user()
    if not user:
        st.info(tx("login_needed"))
        return
    if message := st.session_state.pop("bulk_message", None):
        (st.success if message[0] == "success" else st.error)(md(message[1]))
    st.caption(tx("intro"))
    left, right = st.columns(2)
    for col, kind in ((left, bulk.STATUS_SHEET), (right, bulk.OBSERVATION_SHEET)):
        col.download_button(tx(f"template_{kind}"), bulk.template_csv(kind), file_name=bulk.TEMPLATE_FILES[kind],
                            mime="text/csv", key=f"bulk_template_{kind}")
    upload = st.file_uploader(tx("upload"), type=["csv", "xlsx"], key=f"bulk_upload_{st.session_state.get('bulk_upload_n', 0)}",
                              max_upload_size=min(data.settings().import_max_mb, 20))
    if upload is not None and (result := _preview(upload)) is not None:
        _show_preview(result, user["username"])
    _history(user["username"])


render()
