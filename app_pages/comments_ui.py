"""Public comments in the views: the comment form, the approved comments as text and as a map layer.

Used by the kiosk and the map page. No account is needed to comment; a
comment is public only after a planner approves it (see
:mod:`app_pages.moderation`). Comment text is always shown as text: escaped
with :func:`app_pages.i18n.md` in Streamlit markdown, and with
``html.escape`` in map popups (:mod:`layers.comments_layer`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import folium
import shapely
import streamlit as st
from shapely.geometry import Point

from app_pages import data
from app_pages.i18n import lang, md, name_of, translate
from layers.comments_layer import CommentMarker, build_comments_group
from planning.comments import (
    COMMENT_TYPES,
    MAX_CONTACT,
    MAX_TEXT,
    Comment,
    CommentError,
    CommentStoreError,
    RateLimit,
    RateLimits,
    SqliteCommentStore,
    validate_comment,
)
from planning.coords import wgs84_to_gcj02
from planning.postgis_comments import PostgresCommentStore
from planning.plan import Plan

TEXT: dict[str, tuple[str, str]] = {
    "form_title": ("留下您的意见", "Leave a comment"),
    "about_zone": ("关于：{name}", "About: {name}"),
    "about_point": ("关于地图上点选的位置 {lon:.5f}, {lat:.5f}{zone}", "About the point you picked, {lon:.5f}, {lat:.5f}{zone}"),
    "in_zone": ("（{name}内）", " (in {name})"),
    "no_location": (
        "请先点一下地图上的位置，或在上方选择一个片区，再写意见。",
        "First tap a place on the map or choose a zone above, then write your comment.",
    ),
    "kind": ("意见类型", "Type"),
    "text": ("您的意见（最多 {max} 字）", "Your comment (at most {max} characters)"),
    "text_placeholder": ("请写下您对这里规划的看法", "What do you think of the plan here?"),
    "contact": ("联系方式（可不填，最多 {max} 字）", "Contact (optional, at most {max} characters)"),
    "contact_help": ("只有规划人员能看到，不会公开。", "Only planners see it; it is never published."),
    "submit": ("提交意见", "Send comment"),
    "next_steps": (
        "无需注册。提交后由规划人员审核，审核通过后显示在地图上，规划人员可能会回复。",
        "No account needed. Planners review every comment; approved comments appear on the map, and planners may reply.",
    ),
    "thanks": (
        "谢谢！您的意见（编号 {id}）已收到，正在等待规划人员审核。审核通过后会显示在地图上。",
        "Thank you! Your comment (no. {id}) was received and awaits review by the planners. Once approved it appears on "
        "the map.",
    ),
    "public_title": ("公众意见（{n} 条已公开）", "Public comments ({n} approved)"),
    "public_none": ("这里还没有公开的意见。", "No approved comment here yet."),
    "reply": ("规划人员回复", "Planners' reply"),
    "store_problem": ("公众意见暂时无法显示：{message}", "Public comments cannot be shown right now: {message}"),
}
KIND_EN = {"支持": "Support", "建议": "Suggestion", "关切": "Concern"}
#: The type choices, in both languages at once (a visitor may read either): label → stored type.
KIND_CHOICES = {f"{zh} {KIND_EN[zh]}": zh for zh in COMMENT_TYPES}


def tr(key: str, **fmt: object) -> str:
    return translate(TEXT, key, **fmt)


def md_lines(text: str) -> str:
    """Comment text for st.markdown: escaped (shown as text), its line breaks kept."""
    return "  \n".join(md(line) for line in text.split("\n"))


def kind_label(kind: str) -> str:
    return kind if lang() == "zh" else KIND_EN.get(kind, kind)


@st.cache_resource(show_spinner=False)
def _store(path: str, database_url: str | None) -> SqliteCommentStore | PostgresCommentStore:
    return PostgresCommentStore(database_url) if database_url else SqliteCommentStore(path)


def store() -> SqliteCommentStore | PostgresCommentStore:
    """The comments store: the plan database when configured, else SQLite in the state folder (one per process)."""
    settings = data.settings()
    return _store(str(settings.comments_db), settings.database_url)


def limits() -> RateLimits:
    settings = data.settings()
    return RateLimits(RateLimit(*settings.comments_per_session), RateLimit(*settings.comments_per_client))


SESSION_KEY = "comment_session_key"


def session_key() -> str:
    """A random key for this visitor session (the kiosk renews it when it resets for the next visitor)."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = secrets.token_hex(12)
    return st.session_state[SESSION_KEY]


def client_key() -> str:
    """The client's address as Streamlit sees it (``local`` for localhost); stored only as a salted hash."""
    return st.context.ip_address or "local"


def zone_at(plan: Plan, lon: float, lat: float, prefer: str | None = None) -> str | None:
    """The zone containing a WGS84 point: ``prefer`` when it does, else the smallest zone that does."""
    zones = plan.zones
    if zones.empty:
        return None
    point = Point(lon, lat)
    inside = zones[zones.geometry.contains(point)]
    if inside.empty:
        return None
    if prefer in set(inside["id"]):
        return prefer
    return str(inside.loc[inside["area_ha"].idxmin(), "id"])


def _zone_name(plan: Plan, zone_id: str | None) -> str:
    zone = plan.feature("zones", zone_id) if zone_id else None
    return name_of(zone) if zone is not None else (zone_id or "")


def _about(plan: Plan, zone_id: str | None, point: tuple[float, float] | None) -> str | None:
    if point is not None:
        zone = _zone_name(plan, zone_at(plan, point[0], point[1], zone_id))
        return tr("about_point", lon=point[0], lat=point[1], zone=tr("in_zone", name=zone) if zone else "")
    if zone_id:
        return tr("about_zone", name=_zone_name(plan, zone_id))
    return None


def _keys(key: str) -> dict[str, str]:
    return {"kind": f"{key}_kind", "text": f"{key}_text", "contact": f"{key}_contact", "token": f"{key}_token",
            "message": f"{key}_message"}


def _submit(plan: Plan, key: str, zone_id: str | None, point: tuple[float, float] | None,
            on_activity: Callable[[], None] | None) -> None:
    """Form callback: validate, store, and leave a message; a stored comment clears the form."""
    if on_activity is not None:
        on_activity()
    keys = _keys(key)
    state = st.session_state
    zone = zone_at(plan, point[0], point[1], zone_id) if point is not None else zone_id
    token = state.setdefault(keys["token"], secrets.token_hex(16))
    try:
        kind = KIND_CHOICES.get(state.get(keys["kind"]) or "", state.get(keys["kind"]) or "")
        draft = validate_comment(kind, state.get(keys["text"]), contact=state.get(keys["contact"]),
                                 zone_id=zone, point=point, lang=lang(), token=token,
                                 zone_ids=set(plan.zones["id"]) if not plan.zones.empty else set())
        comment = store().add(draft, session_key=session_key(), client_key=client_key(), limits=limits())
    except (CommentError, CommentStoreError) as exc:
        state[keys["message"]] = ("error", exc.message(lang()))
        return
    state[keys["message"]] = ("success", tr("thanks", id=comment.id))
    state[keys["text"]] = ""
    state[keys["contact"]] = ""
    state.pop(keys["token"], None)


def comment_form(plan: Plan, *, zone_id: str | None, point: tuple[float, float] | None, key: str,
                 on_activity: Callable[[], None] | None = None) -> None:
    """The comment form about ``point`` (WGS84 lon, lat) or else ``zone_id``; its last message shows above it.

    ``key`` prefixes every widget key (the kiosk clears them for the next visitor).
    """
    keys = _keys(key)
    st.markdown(f"**{tr('form_title')}**")
    about = _about(plan, zone_id, point)
    st.caption((md(about) if about else tr("no_location")) + "  \n" + tr("next_steps"))
    message = st.session_state.get(keys["message"])
    if message:
        kind, text = message
        (st.success if kind == "success" else st.error)(md(text))
    choices = list(KIND_CHOICES)
    if st.session_state.get(keys["kind"]) not in choices:
        st.session_state[keys["kind"]] = choices[1]
    with st.form(f"{key}_form", border=False):
        st.radio(tr("kind"), choices, key=keys["kind"], horizontal=True)
        st.text_area(tr("text", max=MAX_TEXT), key=keys["text"], max_chars=MAX_TEXT, height=110,
                     placeholder=tr("text_placeholder"))
        st.text_input(tr("contact", max=MAX_CONTACT), key=keys["contact"], max_chars=MAX_CONTACT,
                      placeholder=tr("contact_help"))
        st.form_submit_button(tr("submit"), type="primary", on_click=_submit,
                              args=(plan, key, zone_id, point, on_activity), width="stretch")


def clear_message(key: str) -> None:
    st.session_state.pop(_keys(key)["message"], None)


def approved(zone_id: str | None = None) -> list[Comment]:
    """Approved comments (newest first); an unreadable database shows a warning and gives none."""
    try:
        return store().list(status="approved", zone_id=zone_id)
    except CommentStoreError as exc:
        st.warning(md(tr("store_problem", message=exc.message(lang()))))
        return []


def approved_counts() -> dict[str, int]:
    """Approved comments per zone id."""
    try:
        counts = store().counts()
    except CommentStoreError:
        return {}
    return {zone: n for (zone, status), n in counts.items() if zone and status == "approved"}


def public_comments(zone_id: str, *, limit: int = 5) -> None:
    """The newest approved comments of a zone, as escaped text, with the planners' replies."""
    comments = approved(zone_id)
    st.markdown(f"**{tr('public_title', n=len(comments))}**")
    if not comments:
        st.caption(tr("public_none"))
    for comment in comments[:limit]:
        st.markdown(f"**{md(kind_label(comment.kind))}** · {md(comment.created_at[:10])}  \n{md_lines(comment.text)}")
        if comment.reply:
            st.caption(f"{tr('reply')}：{md(comment.reply)}")


def _where(plan: Plan, comment: Comment) -> tuple[float, float] | None:
    """(lon, lat) of a comment: its point, else a point inside its zone."""
    if comment.point is not None:
        return comment.point
    zone = plan.feature("zones", comment.zone_id) if comment.zone_id else None
    if zone is None:
        return None
    spot = shapely.point_on_surface(zone.geometry)
    return spot.x, spot.y


def comments_group(lang_code: str, *, gcj: bool = False, max_zoom: int = 18) -> folium.FeatureGroup:
    """Approved comments as a clustered layer for ``st_folium(feature_group_to_add=...)``.

    ``gcj``: shift to GCJ-02 (when the basemap is Gaode, like every other overlay);
    ``max_zoom``: the basemap's maximum zoom (``MapOptions.base.max_zoom``).
    """
    plan, _ = data.current_plan()
    markers = []
    for comment in approved():
        where = _where(plan, comment)
        if where is None:
            continue
        lon, lat = wgs84_to_gcj02(*where) if gcj else where
        zone = plan.feature("zones", comment.zone_id) if comment.zone_id else None
        place = (zone["name_en"] or zone["name_zh"]) if zone is not None and lang_code == "en" else (
            zone["name_zh"] if zone is not None else "")
        markers.append(CommentMarker(lat=lat, lon=lon, kind=comment.kind, text=comment.text, reply=comment.reply,
                                     place=str(place), date=comment.created_at[:10], id=comment.id))
    return build_comments_group(markers, lang=lang_code, max_zoom=max_zoom)

