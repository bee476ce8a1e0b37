"""Public comments in the views: the comment form, the approved comments as text and as a map layer.

Used by the kiosk and the map page. No account is needed to comment; a
comment is public only after a planner approves it (see
:mod:`app_pages.moderation`). Comment text is always shown as text: escaped
HTML through :func:`app_pages.plain.plain` (never Markdown, which would turn
URLs into links), and ``html.escape`` in map popups
(:mod:`layers.comments_layer`). A visitor gets a short code
(:func:`planning.comments.short_code`) to look up the comment's status.
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import secrets
from collections.abc import Callable

import shapely
import streamlit as st
from shapely.geometry import Point

from app_pages import data, plain
from app_pages.i18n import lang, md, name_of
from layers.comments_layer import CommentMarker, build_comments_group
from layers.controls import MapGroup
from planning.comments import (
    COMMENT_TYPES,
    MAX_CONTACT,
    MAX_TEXT,
    Comment,
    CommentError,
    CommentStoreError,
    RateLimit,
    STATUS_LABELS,
    RateLimits,
    SqliteCommentStore,
    short_code,
    validate_comment,
)
from planning.coords import wgs84_to_gcj02
from planning.postgis_comments import PostgresCommentStore
from planning.plan import Plan

TEXT = Messages("comments_ui")
KIND_EN = {"支持": "Support", "建议": "Suggestion", "关切": "Concern"}
#: The type choices, in both languages at once (a visitor may read either): label → stored type.
KIND_CHOICES = {f"{zh} {KIND_EN[zh]}": zh for zh in COMMENT_TYPES}


tr = scoped(TEXT)


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
    """The client's address (forwarded headers only from trusted proxies, see planning/clients.py); stored only as
    a salted hash."""
    return data.client_address()


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
            "message": f"{key}_message", "code": f"{key}_code", "lookup": f"{key}_lookup"}


def _say(key: str, kind: str, text: str) -> None:
    """Leave the form's message (numbered, so a new one is never hidden as the stale one was)."""
    state = st.session_state
    seq = (state.get(_keys(key)["message"]) or ("", "", 0))[2] + 1
    state[_keys(key)["message"]] = (kind, text, seq)


def _submit(plan: Plan, key: str, zone_id: str | None, point: tuple[float, float] | None,
            on_activity: Callable[[], None] | None) -> None:
    """Form callback: validate, store, and leave a message; only a stored comment clears the form."""
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
        _say(key, "error", exc.message(lang()))
        return
    _say(key, "success", tr("thanks", code=short_code(comment.id, token)))
    state[keys["text"]] = ""
    state[keys["contact"]] = ""
    state[keys["kind"]] = None
    state.pop(keys["token"], None)


def _drop_pin(pin_key: str, on_activity: Callable[[], None] | None) -> None:
    if on_activity is not None:
        on_activity()
    st.session_state.pop(pin_key, None)


def comment_form(plan: Plan, *, zone_id: str | None, point: tuple[float, float] | None = None, key: str,
                 on_activity: Callable[[], None] | None = None, pin_key: str | None = None) -> None:
    """The comment form about ``point`` (WGS84 lon, lat) or else ``zone_id``; its last message shows above it.

    ``key`` prefixes every widget key (the kiosk clears them for the next visitor). With ``pin_key`` the
    point is the optional map pin kept in that session key, and a button removes it.
    """
    keys = _keys(key)
    if pin_key is not None:
        point = st.session_state.get(pin_key)
    plain.setup(key)
    st.markdown(f"**{tr('form_title')}**")
    about = _about(plan, zone_id, point)
    hint = tr("pin_hint") if pin_key is not None and point is None else ""
    st.caption((md(about) if about else tr("no_location")) + (f" {hint}" if hint else "") + "  \n" + tr("next_steps"))
    if pin_key is not None and point is not None:
        st.button(tr("drop_pin"), key=f"{key}_drop_pin", on_click=_drop_pin, args=(pin_key, on_activity))
    plain.message_box(key, st.session_state.get(keys["message"]))
    with st.form(f"{key}_form", border=False):
        st.radio(tr("kind"), list(KIND_CHOICES), key=keys["kind"], horizontal=True, index=None)
        with plain.counted(key, MAX_TEXT):
            st.text_area(tr("text", max=MAX_TEXT), key=keys["text"], height=100, placeholder=tr("text_placeholder"))
        contact, send = st.columns([3, 2], vertical_alignment="bottom")
        with contact, plain.counted(f"{key}_c", MAX_CONTACT):
            st.text_input(tr("contact", max=MAX_CONTACT), key=keys["contact"], placeholder=tr("contact_help"))
        with send:
            st.form_submit_button(tr("submit"), type="primary", on_click=_submit,
                                  args=(plan, key, zone_id, point, on_activity), width="stretch")


def _lookup(key: str, on_activity: Callable[[], None] | None) -> None:
    if on_activity is not None:
        on_activity()
    keys = _keys(key)
    try:
        found = store().status_by_code(st.session_state.get(keys["code"]) or "")
    except (CommentError, CommentStoreError) as exc:
        st.session_state[keys["lookup"]] = exc.message(lang())
        return
    st.session_state[keys["lookup"]] = found


def status_lookup(key: str, *, on_activity: Callable[[], None] | None = None) -> None:
    """A visitor types the short code they got and sees their comment's status and any public reply."""
    keys = _keys(key)
    st.markdown(f"**{tr('lookup_title')}**")
    with st.form(f"{key}_lookup_form", border=False):
        st.text_input(tr("code"), key=keys["code"], placeholder="12-3F9A2C")
        st.form_submit_button(tr("look_up"), on_click=_lookup, args=(key, on_activity))
    found = st.session_state.get(keys["lookup"])
    if isinstance(found, str):
        st.error(md(found))
    elif found is not None:
        zh, en = STATUS_LABELS[found.status]
        st.info(tr("status_is", id=found.id, status=zh if lang() == "zh" else en))
        plain.plain(found.text, meta=f"{kind_label(found.kind)} · {found.created_at[:10]}")
        if found.reply:
            plain.plain(found.reply, meta=tr("reply"))


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
        plain.plain(comment.text, meta=f"{kind_label(comment.kind)} · {comment.created_at[:10]}")
        if comment.reply:
            plain.plain(comment.reply, meta=tr("reply"))


def _where(plan: Plan, comment: Comment) -> tuple[float, float] | None:
    """(lon, lat) of a comment: its point, else a point inside its zone."""
    if comment.point is not None:
        return comment.point
    zone = plan.feature("zones", comment.zone_id) if comment.zone_id else None
    if zone is None:
        return None
    spot = shapely.point_on_surface(zone.geometry)
    return spot.x, spot.y


def comments_group(lang_code: str, *, gcj: bool = False, max_zoom: int = 18) -> MapGroup:
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

