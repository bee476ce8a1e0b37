"""意见审核 · Comment moderation: planners approve, reject (with a reason) and answer public comments.

Only for logged-in planners; anyone else sees a message and nothing else.
Each action carries the status the planner saw, so a comment another planner
handled meanwhile is refused with a message instead of being overwritten.
Comment text and contacts are shown as escaped text. Exports (CSV, GeoJSON)
leave out contacts, and the CSV defuses spreadsheet formulas.
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import datetime as dt
import functools

import pandas as pd
import streamlit as st

from app_pages import comments_ui, data, plain
from app_pages.i18n import lang, md, name_of
from app_pages.login import current_user
from planning.comments import COMMENT_STATUSES, MAX_MODERATION_TEXT, STATUS_LABELS, Comment, CommentError, csv_bytes
from planning.comments import geojson_bytes
from planning.comments import CommentStoreError, StaleCommentError
from planning.plan import Plan

PAGE_SIZE = 30
BEIJING = dt.timezone(dt.timedelta(hours=8), "UTC+8")
TEXT = Messages("moderation")
MESSAGE_KEY = "mod_message"


tr = scoped(TEXT)


def page_title() -> str:
    return tr("page_title")


def status_label(status: str) -> str:
    zh, en = STATUS_LABELS[status]
    return zh if lang() == "zh" else en


def _act(action: str, comment_id: int, seen_status: str) -> None:
    """Button callback: run one moderation step and leave a message (success or the refusal)."""
    user = current_user()
    if not user:
        return
    store = comments_ui.store()
    who = user["username"]
    reply = st.session_state.get(f"mod_reply_{comment_id}") or None
    try:
        if action == "approve":
            store.approve(comment_id, moderator=who, expected_status=seen_status, reply=reply)
        elif action == "reject":
            store.reject(comment_id, moderator=who, reason=st.session_state.get(f"mod_reason_{comment_id}") or "",
                         expected_status=seen_status)
        else:
            store.set_reply(comment_id, moderator=who, reply=reply or "")
    except (CommentError, StaleCommentError, CommentStoreError) as exc:
        st.session_state[MESSAGE_KEY] = ("error", exc.message(lang()))
        return
    st.session_state[MESSAGE_KEY] = ("success", tr(f"done_{action}", id=comment_id))


def _place(plan: Plan, comment: Comment) -> str:
    parts = []
    zone = plan.feature("zones", comment.zone_id) if comment.zone_id else None
    if zone is not None:
        parts.append(name_of(zone))
    elif comment.zone_id:
        parts.append(comment.zone_id)
    if comment.point is not None:
        parts.append(tr("point", lon=comment.lon, lat=comment.lat))
    return " · ".join(parts)


def local_time(stamp: str | None) -> str:
    """An ISO UTC time as Beijing time (UTC+8, no daylight saving), e.g. ``2026-05-01 09:30``."""
    if not stamp:
        return ""
    return dt.datetime.fromisoformat(stamp).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _comment_text(plan: Plan, comment: Comment) -> None:
    kind = comment.kind if lang() == "zh" else comment.kind_en
    st.markdown(f"**#{comment.id} · {md(kind)}** · {local_time(comment.created_at)} · {md(_place(plan, comment))}")
    plain.plain(comment.text)
    if comment.contact:
        plain.plain(comment.contact, meta=tr("contact"))
    if comment.moderator:
        st.caption(tr("moderated", who=md(comment.moderator), at=local_time(comment.moderated_at)))
    if comment.reason:
        plain.plain(comment.reason, meta=tr("reason_label"))
    if comment.reply:
        plain.plain(comment.reply, meta=tr("reply_label"))


def _actions(comment: Comment) -> None:
    cid, status = comment.id, comment.status
    if status in ("pending", "approved"):
        with plain.counted(f"mod_reply_{cid}", MAX_MODERATION_TEXT):
            st.text_area(tr("reply"), key=f"mod_reply_{cid}", value=None, height=80)
    if status != "approved":
        st.button(tr("approve"), key=f"mod_approve_{cid}", type="primary", on_click=_act, args=("approve", cid, status))
    else:
        st.button(tr("save_reply"), key=f"mod_save_reply_{cid}", on_click=_act, args=("reply", cid, status))
    if status != "rejected":
        with plain.counted(f"mod_reason_{cid}", MAX_MODERATION_TEXT):
            st.text_input(tr("reason"), key=f"mod_reason_{cid}")
        label = tr("withdraw") if status == "approved" else tr("reject")
        st.button(label, key=f"mod_reject_{cid}", on_click=_act, args=("reject", cid, status))


def _exports(comments: list[Comment], status: str) -> None:
    cols = st.columns(2)
    frozen = tuple(comments)
    cols[0].download_button(tr("export_csv"), data=functools.partial(csv_bytes, frozen),
                            file_name=f"huaiyin-comments-{status}.csv", mime="text/csv", key=f"mod_csv_{status}",
                            on_click="ignore")
    cols[1].download_button(tr("export_geojson"), data=functools.partial(geojson_bytes, frozen),
                            file_name=f"huaiyin-comments-{status}.geojson", mime="application/geo+json",
                            key=f"mod_geojson_{status}", on_click="ignore")


def _status_tab(plan: Plan, status: str) -> None:
    comments = comments_ui.store().list(status=status)
    if not comments:
        st.caption(tr("none"))
        return
    _exports(comments, status)
    pages = max(1, -(-len(comments) // PAGE_SIZE))
    page = st.number_input(tr("page"), min_value=1, max_value=pages, value=1, key=f"mod_page_{status}") if pages > 1 else 1
    shown = comments[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    st.caption(tr("showing", shown=len(shown), total=len(comments)))
    for comment in shown:
        with st.container(border=True):
            _comment_text(plan, comment)
            _actions(comment)


def _zone_counts(plan: Plan, counts: dict[tuple[str | None, str], int]) -> None:
    zones = {z["id"]: name_of(z) for _, z in plan.zones.iterrows()} if not plan.zones.empty else {}
    rows = {}
    for (zone_id, status), n in counts.items():
        name = zones.get(zone_id, zone_id) if zone_id else tr("no_zone")
        rows.setdefault(name, dict.fromkeys(COMMENT_STATUSES, 0))[status] = n
    if not rows:
        return
    frame = pd.DataFrame.from_dict(rows, orient="index").rename(columns=status_label)
    frame.index.name = tr("zone")
    st.subheader(tr("by_zone"))
    st.dataframe(frame, width="stretch")


def render() -> None:
    st.title(tr("title"))
    if not current_user():
        st.info(tr("login_needed"))
        return
    st.caption(tr("intro"))
    plain.setup("moderation")
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        (st.success if message[0] == "success" else st.error)(md(message[1]))
    plan, _ = data.current_plan()
    try:
        counts = comments_ui.store().counts()
    except CommentStoreError as exc:
        st.error(md(exc.message(lang())))
        return
    totals = {s: sum(n for (_, status), n in counts.items() if status == s) for s in COMMENT_STATUSES}
    tabs = st.tabs([f"{status_label(s)}（{totals[s]}）" for s in COMMENT_STATUSES])
    for tab, status in zip(tabs, COMMENT_STATUSES, strict=True):
        with tab:
            _status_tab(plan, status)
    _zone_counts(plan, counts)


if __name__ == "__main__":
    render()
