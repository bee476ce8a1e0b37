"""公众触摸屏 · Kiosk home: the plan's structure as big buttons, a map that flies to each part, comments.

Shown only when the operator starts the app in kiosk mode (``HUAIYIN_KIOSK=1``,
``make kiosk``): ``app.py`` then registers only this page and the list view,
with no login, no editing, no downloads and no Streamlit menu or toolbar.

Idle reset: every touch, click or key press (also inside the map's iframe) is
reported by a small script (``st.iframe``, hidden) that clicks a hidden button, which stamps
``kiosk_activity`` in the session. A ticker fragment compares that stamp
with the clock once a second: near ``HUAIYIN_KIOSK_IDLE_SECONDS`` it shows a
countdown, at the limit it clears the view and the language for the next
visitor, and after ``HUAIYIN_KIOSK_ATTRACT_SECONDS`` it tours the zones until
someone touches the screen.
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import html
import io
import time

import segno
import streamlit as st

from app_pages import comments_ui, data, kiosk_layout, public_map, state
from app_pages.i18n import lang, name_of
from layers import styles
from planning import links
from planning.links import phone_url
from planning.plan import Plan
from planning.targets import tracked_targets

HOME_PAGE = "app_pages/kiosk.py"
LIST_PAGE = "app_pages/kiosk_list.py"
MAP_KEY = "kiosk_map"
PHONE_PATH = links.PHONE_PATH  # the phone page's url_path (app.py): what the QR code opens
MAP_HEIGHT = 570  # the iframe's height before the layout CSS sizes it to the screen
FIT_PX = (1000, 880)  # the map's size in both layouts, roughly: what a selected zone is fitted to
#: Session keys starting with this prefix hold what a visitor did; the idle reset deletes them all.
VIEW_PREFIX = "kv_"
PICKED_KEY = public_map.PICKED_KEY
SIDE_KEY = "kv_side"
COMMENT_KEY = "kv_comment"
ACTIVITY_KEY = "kiosk_activity"
RESET_DONE_KEY = "kiosk_reset_done"
ATTRACT_KEY = "kiosk_attract"
PING_KEY = "kiosk_activity_ping"
ATTRACT_STEP_SECONDS = 8

#: The plan's layout “两核三区、三纵三横”: zone kind → group title.
GROUPS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("core", ("两核", "Two cores")),
    ("district", ("三区", "Three districts")),
    ("belt", ("三纵", "Three north–south belts")),
    ("axis", ("三横", "Three east–west axes")),
)

TEXT = Messages("kiosk")


tr = scoped(TEXT)


def page_title() -> str:
    """The page's title in the session language (for ``st.Page``)."""
    return tr("page_title")


def _zone_button_css() -> str:
    rules = []
    for kind, style in styles.ZONE_STYLES.items():
        rules.append(f".st-key-kiosk_kind_{kind} button {{ border-left: 12px solid {style['color']} !important; }}")
    return "\n".join(rules)


#: Constant CSS: big type, ≥ 44 px targets, no Streamlit chrome, the countdown as an overlay.
KIOSK_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stMainMenu"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stElementToolbar"],
[data-testid="stAppDeployButton"], footer { display: none !important; }
.stApp { font-size: 20px; }
[data-testid="stMainBlockContainer"] { padding: 0.8rem 1.4rem 1rem; max-width: 100%; }
.stApp p, .stApp li, .stApp label, .stApp td, .stApp th { font-size: 20px; line-height: 1.5; }
.stApp h1 { font-size: 36px; padding: 0; }
.stApp h2 { font-size: 30px; }
.stApp h3 { font-size: 25px; }
.stApp button { min-height: 56px; min-width: 56px; font-size: 21px; touch-action: manipulation; user-select: none;
  -webkit-user-select: none; }
.stApp button p { font-size: 21px; font-weight: 600; }
.stApp textarea, .stApp input { font-size: 21px !important; min-height: 52px; }
.stApp [role="radiogroup"] label { min-height: 52px; padding: 4px 18px 4px 4px; align-items: center; }
.stApp * { -webkit-touch-callout: none; }
.st-key-kiosk_activity_ping, .st-key-kiosk_js { display: none !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-kiosk_chrome) { margin-bottom: -1rem; }
.st-key-kiosk_countdown { position: fixed; left: 50%; bottom: 28px; transform: translateX(-50%); z-index: 100000;
  width: auto !important; min-width: 560px; background: #fff8e1; border: 4px solid #b2182b; border-radius: 16px;
  padding: 18px 28px; box-shadow: 0 6px 30px rgba(0, 0, 0, 0.35); text-align: center; }
.st-key-kiosk_countdown p { font-size: 30px; font-weight: 700; }
""" + _zone_button_css()

#: Runs once in the page (not in its own iframe, so it outlives reruns): any touch, click, wheel or key in the page
#: or in a same-origin iframe (the map) clicks the hidden activity button (0.7 s later, at most every 2 s). The long-press menu is
#: off, and Streamlit's single-key shortcuts (r: rerun, c: clear cache) are swallowed outside text fields.
ACTIVITY_JS = r"""
<script>
(function () {
  var w = window.parent;
  if (!w || w.__hyKioskActivity) { return; }
  w.__hyKioskActivity = true;
  var code = function () {
    var last = 0;
    function ping() {
      var now = Date.now();
      if (now - last < 2000) { return; }
      last = now;
      // Later, not in the same tick: a widget tapped by the same touch must send its own update first.
      setTimeout(function () {
        var b = document.querySelector('.st-key-kiosk_activity_ping button');
        if (b) { b.click(); }
      }, 700);
    }
    function editable(el) {
      return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    }
    function watch(doc) {
      if (!doc || doc.__hyWatched) { return; }
      doc.__hyWatched = true;
      ['pointerdown', 'touchstart', 'keydown', 'wheel'].forEach(function (name) {
        doc.addEventListener(name, ping, {capture: true, passive: true});
      });
      doc.addEventListener('contextmenu', function (e) { e.preventDefault(); }, true);
      doc.addEventListener('keydown', function (e) {
        if (!editable(e.target) && !e.ctrlKey && !e.metaKey && /^[rcRC]$/.test(e.key)) { e.stopImmediatePropagation(); }
      }, true);
    }
    watch(document);
    setInterval(function () {
      document.querySelectorAll('iframe').forEach(function (f) {
        try { watch(f.contentDocument); } catch (err) { /* another origin: not ours to watch */ }
      });
    }, 1000);
  };
  var s = w.document.createElement('script');
  s.textContent = '(' + code.toString() + ')();';
  w.document.head.appendChild(s);
})();
</script>
"""


# --- activity, idle reset and attract loop ----------------------------------------------------------------

def now() -> float:
    return time.time()


def touch() -> None:
    """Record a visitor's activity: stops the attract loop and re-arms the idle reset."""
    st.session_state[ACTIVITY_KEY] = now()
    st.session_state[RESET_DONE_KEY] = False
    st.session_state[ATTRACT_KEY] = None


def countdown_seconds(idle_seconds: int) -> int:
    """How long the countdown is visible before the reset (15 s, less for short idle times)."""
    return max(3, min(15, idle_seconds // 2))


def idle_phase(idle: float, idle_seconds: int, attract_seconds: int) -> str:
    """``active``, ``countdown``, ``idle`` (reset, waiting) or ``attract``, after ``idle`` seconds without a touch."""
    if idle < idle_seconds - countdown_seconds(idle_seconds):
        return "active"
    if idle < idle_seconds:
        return "countdown"
    return "attract" if idle >= max(attract_seconds, idle_seconds) else "idle"


def reset_view() -> None:
    """Forget what the last visitor did: selection, picks, forms, side panel, language, comment session."""
    session = st.session_state
    for key in [k for k in session if isinstance(k, str) and k.startswith(VIEW_PREFIX)]:
        del session[key]
    session["lang"] = data.settings().default_lang
    session[state.SELECTION_KEY] = None
    session.pop(comments_ui.SESSION_KEY, None)
    session[RESET_DONE_KEY] = True


def _attract_step(plan: Plan) -> bool:
    """Show the next zone when a step is due; True when the view changed."""
    zones = _zones_in_order(plan)
    tour = st.session_state.get(ATTRACT_KEY) or {"index": -1, "at": 0.0}
    if not zones or now() - tour["at"] < ATTRACT_STEP_SECONDS:
        return False
    index = (tour["index"] + 1) % len(zones)
    st.session_state[ATTRACT_KEY] = {"index": index, "at": now()}
    state.select("zone", zones[index])
    return True


def init_session() -> None:
    """First run of a kiosk session: start the idle clock and the default view."""
    if ACTIVITY_KEY not in st.session_state:
        touch()
        st.session_state["lang"] = st.session_state.get("lang") or data.settings().default_lang


@st.fragment(run_every=1)
def idle_ticker(on_home: bool) -> None:
    """Once a second: countdown, then reset to the home view, then the attract loop."""
    st.button(tr("ping"), key=PING_KEY, on_click=touch)
    settings = data.settings()
    idle = now() - st.session_state.get(ACTIVITY_KEY, now())
    phase = idle_phase(idle, settings.kiosk_idle_seconds, settings.kiosk_attract_seconds)
    if phase == "countdown":
        with st.container(key="kiosk_countdown"):
            st.markdown(f"{tr('countdown', s=int(settings.kiosk_idle_seconds - idle + 0.999))}  \n{tr('countdown_hint')}")
            st.button(tr("stay"), key="kiosk_stay", on_click=touch, type="primary", width="stretch")
        return
    if phase == "active":
        return
    if not st.session_state.get(RESET_DONE_KEY):
        reset_view()
        _go_home(on_home)
    if phase == "attract":
        plan, _ = data.current_plan()
        if _attract_step(plan):
            _go_home(on_home)
        _attract_screen(plan)


def _attract_screen(plan: Plan) -> None:
    """Full screen over the touring map: the zone's kind and name (both languages) large, and “touch to start”."""
    sel = state.selection()
    zone = plan.feature("zones", sel[1]) if sel and sel[0] == "zone" else None
    with st.container(key="kiosk_attract"):
        if zone is not None:
            zh, en = dict(GROUPS).get(zone["kind"], ("", ""))
            st.html(f'<p class="hy-attract-kind">{html.escape(zh)} · {html.escape(en)}</p>'
                    f'<p class="hy-attract-name">{html.escape(str(zone["name_zh"]))}</p>'
                    f'<p class="hy-attract-name-2">{html.escape(str(zone["name_en"] or ""))}</p>')
        st.html(f'<p class="hy-attract-touch">{html.escape(tr("attract"))}</p>')


def _go_home(on_home: bool) -> None:
    """Redraw the whole home page (from the list view: switch to it)."""
    if on_home:
        st.rerun()
    else:
        st.switch_page(HOME_PAGE)


def chrome(*, on_home: bool) -> None:
    """What every kiosk page has: the CSS, the activity script, the idle ticker (in one collapsed container)."""
    init_session()
    with st.container(key="kiosk_chrome", gap=None):
        layout = f"<style>{kiosk_layout.LAYOUT_CSS}</style>" if on_home else ""  # the home page never scrolls
        st.markdown(f"<style>{KIOSK_CSS}</style>{layout}", unsafe_allow_html=True)
        with st.container(key="kiosk_js"):
            st.iframe(ACTIVITY_JS + (kiosk_layout.MEASURE_JS if on_home else ""), height=1, tab_index=-1)
        idle_ticker(on_home)


# --- header: title, language, list view, QR code ------------------------------------------------------------

def _set_lang(code: str) -> None:
    touch()
    st.session_state["lang"] = code


def language_switch() -> None:
    """中文 / English, always visible; the current language is the highlighted button."""
    cols = st.columns(2, gap="small")
    for col, (code, label) in zip(cols, (("zh", "中文"), ("en", "English")), strict=True):
        col.button(label, key=f"kiosk_lang_{code}", on_click=_set_lang, args=(code,), width="stretch",
                   type="primary" if lang() == code else "secondary")


def qr_url(public_url: str, selection: str | None, lang_code: str) -> str:
    """The phone page (``m``) under ``public_url``, with ``lang`` and (when one is selected) ``sel``."""
    return phone_url(public_url, selection, lang_code)


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG bytes (made locally with segno)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=5, border=2)
    return buffer.getvalue()


def qr_code() -> None:
    public = data.settings().public_url
    if not public:
        return
    url = qr_url(public, st.session_state.get(state.SELECTION_KEY), lang())
    st.image(qr_png(url), caption=tr("qr_caption"), width=140, output_format="PNG")


def header(*, on_home: bool) -> None:
    with st.container(key="kiosk_header"):
        _header_row(on_home=on_home)


def _header_row(*, on_home: bool) -> None:
    title, switch, nav, qr = st.columns([5, 2.2, 1.5, 0.8], vertical_alignment="center")
    with title:
        st.title(tr("title"))
        st.caption(tr("subtitle"))
    with switch:
        language_switch()
    with nav:
        if on_home and st.button(tr("list_view"), key="kiosk_to_list", width="stretch"):
            touch()
            st.switch_page(LIST_PAGE)
        if not on_home and st.button(tr("map_view"), key="kiosk_to_map", width="stretch"):
            touch()
            st.switch_page(HOME_PAGE)
    with qr:
        qr_code()


# --- zone buttons, map, side panel --------------------------------------------------------------------------

def _zones_in_order(plan: Plan) -> list[str]:
    zones = plan.zones
    if zones.empty:
        return []
    return [zid for kind, _ in GROUPS for zid in zones.loc[zones["kind"] == kind, "id"].tolist()]


def _select_zone(zone_id: str) -> None:
    touch()
    state.select("zone", zone_id)
    st.session_state[SIDE_KEY] = "card"


def _go_home_view() -> None:
    touch()
    state.select(None)
    st.session_state.pop(PICKED_KEY, None)


def zone_buttons(plan: Plan) -> None:
    """Buttons grouped 两核 / 三区 / 三纵 / 三横, wrapping in rows; the selected zone's button is highlighted."""
    selected = st.session_state.get(state.SELECTION_KEY)
    zones = plan.zones
    with st.container(key="kiosk_zones", gap="small"):
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.button(tr("home"), key="kiosk_home", on_click=_go_home_view, width="content",
                      type="primary" if not selected else "secondary")
        for kind, title in GROUPS:
            rows = zones[zones["kind"] == kind] if not zones.empty else zones
            with st.container(key=f"kiosk_kind_{kind}", horizontal=True, gap="small", vertical_alignment="center"):
                st.markdown(f"**{title[0] if lang() == 'zh' else title[1]}**", width="content")
                for _, zone in rows.iterrows():
                    st.button(name_of(zone), key=f"kiosk_btn_{zone['id']}", on_click=_select_zone,
                              args=(zone["id"],), width="content",
                              type="primary" if selected == f"zone:{zone['id']}" else "secondary")


def _side_tabs() -> str:
    side = st.session_state.get(SIDE_KEY, "card")
    cols = st.columns(2, gap="small")
    for col, name in zip(cols, ("card", "comment"), strict=True):
        col.button(tr(f"tab_{name}"), key=f"kiosk_side_{name}", on_click=_set_side, args=(name,), width="stretch",
                   type="primary" if side == name else "secondary")
    return side


def _set_side(name: str) -> None:
    touch()
    st.session_state[SIDE_KEY] = name


def side_panel(plan: Plan, sig: tuple) -> None:
    """Tabs; in the card tab the zone buttons and the zone's card (or the introduction); else the comment form.

    The panel scrolls inside its own box (see :mod:`app_pages.kiosk_layout`), so the page never does.
    """
    sel = state.selection()
    side = _side_tabs()
    if side != "comment":
        zone_buttons(plan)
    with st.container(key="kiosk_panel"):
        if side == "comment":
            zone_id = sel[1] if sel and sel[0] == "zone" else None
            comments_ui.comment_form(plan, zone_id=zone_id, key=COMMENT_KEY, on_activity=touch, pin_key=PICKED_KEY)
            comments_ui.status_lookup(COMMENT_KEY, on_activity=touch)
        elif sel is not None and sel[0] == "zone":
            public_map.zone_details(plan, sel[1], sig)
        else:
            _introduction(plan)


def _introduction(plan: Plan) -> None:
    st.subheader(tr("intro_title"))
    st.markdown(tr("intro"))
    st.markdown(f"**{tr('counts', zones=len(plan.zones), projects=len(plan.projects), targets=len(tracked_targets(plan.targets)))}**")
    st.caption(tr("approx"))
    st.markdown(tr("comments_total", n=sum(comments_ui.approved_counts().values())))


def render() -> None:
    chrome(on_home=True)
    plan, sig = data.current_plan()
    header(on_home=True)
    with st.container(key="kiosk_body"):
        col_map, col_side = st.columns([64, 36], gap="medium")
        with col_map, st.container(key="kiosk_mapbox"):
            public_map.public_map(plan, sig, key=MAP_KEY, height=MAP_HEIGHT, on_activity=touch, fit_px=FIT_PX)
        with col_side, st.container(key="kiosk_side"):
            side_panel(plan, sig)


if __name__ == "__main__":
    render()
