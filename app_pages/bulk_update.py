"""批量更新: a 项目调度表 or an observations sheet, previewed row by row, applied and undone as one change set."""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import data
from app_pages.editing import editor
from app_pages.i18n import count, lang, md, status_label
from app_pages.login import current_user
from planning import bulk
from planning.errors import PlanningError
from planning.state_files import CorruptStateError

TEXT = Messages("bulk_page")


tx = scoped(TEXT)


def _value(kind: str, values: Any) -> str:
    if not values:
        return "—"
    if kind == bulk.STATUS_SHEET:
        parts = [status_label(values.get("status") or "未知"), values.get("status_date"), values.get("status_source")]
        return " · ".join(str(p) for p in parts if p)
    source = values.get("source", "")
    return f"{values.get('year')}: {values.get('value')}" + (f"（{source}）" if lang() == "zh" else f" ({source})")


def _table(result: bulk.Preview, rows: list[bulk.Row]) -> pd.DataFrame:
    return pd.DataFrame([{
        tx("col_line"): r.line, tx("col_key"): r.key, tx("col_match"): f"{r.feature_id or '—'} {r.name_en if lang() == 'en' and r.name_en else r.name}".strip(),
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
            with st.expander(tx(f"out_{outcome}") + count(counts[outcome]), expanded=outcome != "same"):
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
