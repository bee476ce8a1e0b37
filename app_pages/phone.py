"""手机版 · Phone page: what the kiosk's QR code opens (``/m?sel=zone:ID&lang=en``).

A single column made for a 390 px wide screen: the zone or project from the
link, a small map (tap to pin a comment), the card, the comment form and the
status lookup, and the whole plan as a list whose tables become cards. There
is no idle timer, no attract loop and no QR code: the phone is the visitor's
own, so nothing resets it.
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import streamlit as st

from app_pages import comments_ui, data, kiosk_list, public_map, state
from app_pages.i18n import lang, name_of
from planning.plan import Plan

MAP_KEY = "phone_map"
COMMENT_KEY = "phone_comment"
PICK_KEY = "phone_pick"
MAP_HEIGHT = 340

TEXT = Messages("phone")

#: Constant CSS for narrow screens: no sidebar or toolbar, tight margins, one column, readable type.
PHONE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 0.8rem 2rem; max-width: 760px; }
.stApp h1 { font-size: 1.6rem; padding: 0.2rem 0; }
.stApp button { min-height: 44px; }
</style>
"""


tr = scoped(TEXT)


def page_title() -> str:
    return tr("page_title")


def _set_lang(code: str) -> None:
    st.session_state["lang"] = code


def _choices(plan: Plan) -> dict[str, str]:
    """Selection value (``zone:ID``, ``project:ID``, ``""``) → label, zones first, then projects by name."""
    options = {"": tr("overview")}
    if not plan.zones.empty:
        options |= {f"zone:{z['id']}": name_of(z) for _, z in plan.zones.iterrows()}
    if not plan.projects.empty:
        options |= {f"project:{p['id']}": name_of(p) for _, p in plan.projects.sort_values("name_zh").iterrows()}
    return options


def _picked(key: str) -> None:
    kind, _, fid = (st.session_state[key] or "").partition(":")
    state.select(kind or None, fid or None)


def _header(plan: Plan) -> None:
    st.html(PHONE_CSS)
    st.title(tr("title"))
    with st.container(horizontal=True, gap="small"):
        for code, label in (("zh", "中文"), ("en", "English")):
            st.button(label, key=f"phone_lang_{code}", on_click=_set_lang, args=(code,),
                      type="primary" if lang() == code else "secondary")
    choices = _choices(plan)
    current = st.session_state.get(state.SELECTION_KEY) or ""
    key = f"{PICK_KEY}__{lang()}"  # one widget per language: its labels change with it
    st.session_state[key] = current if current in choices else ""
    st.selectbox(tr("pick"), list(choices), key=key, format_func=choices.get, on_change=_picked, args=(key,))


def render() -> None:
    plan, sig = data.current_plan()
    _header(plan)
    public_map.public_map(plan, sig, key=MAP_KEY, height=MAP_HEIGHT, on_activity=lambda: None, fit_px=(370, MAP_HEIGHT))
    sel = state.selection()
    if sel is not None and sel[0] == "zone":
        public_map.zone_details(plan, sel[1], sig)
    elif sel is not None and sel[0] == "project":
        public_map.project_details(plan, sel[1])
    else:
        st.markdown(tr("intro"))
    zone_id = sel[1] if sel and sel[0] == "zone" else None
    if sel and sel[0] == "project":
        project = plan.feature("projects", sel[1])
        zone_id = project["zone_ids"][0] if project is not None and project["zone_ids"] else None
    comments_ui.comment_form(plan, zone_id=zone_id, key=COMMENT_KEY, pin_key=public_map.PICKED_KEY)
    comments_ui.status_lookup(COMMENT_KEY)
    with st.expander(tr("list")):
        kiosk_list.render_list(plan)
    state.write_to_url(include_map=True)


if __name__ == "__main__":
    render()
