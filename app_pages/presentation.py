"""演示模式: guided tours of the plan (``geodata/tours/*.json``) for meeting rooms and fairs.

A clean, full-width view: the map flies to each step and outlines it, the
panel shows the step's title, narrative and key figures (resolved from the
data at run time), a progress bar, and previous / next / start-over buttons.
The arrow keys, Space, PageUp/PageDown (what a presenter's clicker sends) and
Home step through the tour, also while the map has the focus; F toggles the
browser's full screen. Stepping reruns only the stage fragment and never
remounts the map (centre, zoom and the highlight are dynamic).
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import html

import streamlit as st
from streamlit_folium import st_folium

from app_pages import data, state
from app_pages import presentation_style as style
from app_pages.i18n import lang, md
from layers.controls import add_header_css
from layers.builders import MapOptions, build_base_map, build_projects_group
from layers.tour import LABEL_CSS, PresentationView, build_highlight_group, step_view
from planning.model import Problem
from planning.plan import Plan
from planning.tours import Tour, TourStep, resolve_figure, step_bounds, step_features

TEXT = Messages("presentation")
TOUR_KEY, STEP_KEY, CLEAN_KEY = "tour_id", "tour_step", "tour_clean"
MAP_KEY = "tour_map"
MAP_HEIGHT = 560

#: Listens in the page (and in its same-origin iframes, such as the map) for presenter keys and clicks
#: the Streamlit buttons of the tour; does nothing on pages without them.
KEYS_HTML = """
<div style="font: 13px/28px sans-serif; color: #555; display: flex; gap: 12px; align-items: center;">
  <button id="hy-fs" style="font: 13px sans-serif; padding: 2px 10px; cursor: pointer;">__FS__</button>
  <span>__HINT__</span>
</div>
<script>
(function () {
  var doc = window.parent.document;
  var ACTIONS = {ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next', Spacebar: 'next',
                 ArrowLeft: 'prev', ArrowUp: 'prev', PageUp: 'prev', Home: 'restart', f: 'fullscreen', F: 'fullscreen'};
  function toggleFullscreen() {
    if (doc.fullscreenElement) { doc.exitFullscreen(); } else { doc.documentElement.requestFullscreen(); }
  }
  function press(action) {
    var button = doc.querySelector('.st-key-tour_' + action + ' button');
    if (button && !button.disabled) { button.click(); }
  }
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || ''));
  }
  function onKey(event) {
    var action = ACTIONS[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    if (!doc.querySelector('.st-key-tour_next')) { return; }  // not on the tour page
    event.preventDefault();
    event.stopPropagation();
    if (event.repeat) { return; }
    if (action === 'fullscreen') { toggleFullscreen(); } else { press(action); }
  }
  function attach(d) {
    if (d.__hyTourKeys === onKey) { return; }
    if (d.__hyTourKeys) { d.removeEventListener('keydown', d.__hyTourKeys, true); }
    d.__hyTourKeys = onKey;
    d.addEventListener('keydown', onKey, true);
  }
  function attachAll() {
    attach(doc);
    doc.querySelectorAll('iframe').forEach(function (frame) {
      try { if (frame.contentDocument) { attach(frame.contentDocument); } } catch (err) { /* another origin */ }
    });
  }
  attachAll();
  setInterval(attachAll, 1000);
  document.getElementById('hy-fs').addEventListener('click', toggleFullscreen);
})();
</script>
"""


_t = scoped(TEXT)


def _go(delta: int, n: int) -> None:
    st.session_state[STEP_KEY] = min(max(int(st.session_state.get(STEP_KEY, 0)) + delta, 0), n - 1)


def _restart() -> None:
    st.session_state[STEP_KEY] = 0


def _switch_language() -> None:
    st.session_state["lang"] = "en" if lang() == "zh" else "zh"


def _figures(plan: Plan, step: TourStep) -> None:
    if not step.figures:
        return
    cards = []
    for ref in step.figures:
        figure = resolve_figure(plan, ref, lang())
        note = f'<div class="n">{html.escape(figure.note)}</div>' if figure.note else ""
        cards.append(f'<div class="hy-fig"><div class="l">{html.escape(figure.label)}</div>'
                     f'<div class="v">{html.escape(figure.value)}</div>{note}</div>')
    st.html('<div class="hy-figs">' + "".join(cards) + "</div>")
    st.caption(_t("figures_note"))


def _panel(plan: Plan, step: TourStep, index: int, n: int) -> None:
    st.subheader(step.title(lang()), anchor=False)
    st.markdown(md(step.narrative(lang())))
    _figures(plan, step)
    if step.source_section:
        st.markdown(f"[{_t('source')} →](/plan?section={step.source_section}&lang={lang()})")
    prev, nxt, restart = st.columns(3)
    prev.button(_t("prev"), key="tour_prev", on_click=_go, args=(-1, n), disabled=index == 0, width="stretch")
    nxt.button(_t("next"), key="tour_next", on_click=_go, args=(1, n), disabled=index == n - 1, width="stretch",
               type="primary")
    restart.button(_t("restart"), key="tour_restart", on_click=_restart, width="stretch")


def _map(plan: Plan, sig: tuple, step: TourStep) -> None:
    settings = data.settings()
    basemap = st.session_state.get(state.BASEMAP_KEY, "none")
    options = MapOptions(lang=lang(), basemap=basemap, tianditu_key=settings.tianditu_key)
    geo = data.map_geojson(sig, lang(), options.base.gcj)
    urls = data.map_layer_urls(sig, lang(), options.base.gcj)
    fig = build_base_map(geo, options, urls=urls)
    fig.add_child(PresentationView())
    add_header_css(fig, style.MAP_FILL_CSS + LABEL_CSS)
    bounds = step_bounds(plan, step)
    center, zoom = step_view(bounds, gcj=options.base.gcj) if bounds else (None, None)
    groups = [build_projects_group(geo.get("projects", {"features": []}), lang=lang(), url=urls.get("projects")),
              build_highlight_group(geo, step_features(plan, step))]
    st_folium(fig, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
              feature_group_to_add=groups, center=center, zoom=zoom)


@st.fragment
def _stage(tour: Tour) -> None:
    """Progress, map and panel of the current step: the buttons (and keys) rerun only this part."""
    plan, sig = data.current_plan()
    n = len(tour.steps)
    index = min(max(int(st.session_state.get(STEP_KEY, 0)), 0), n - 1)
    step = tour.steps[index]
    st.progress((index + 1) / n, text=f"{_t('progress', i=index + 1, n=n)} · {step.title(lang())}")
    col_map, col_panel = st.columns([64, 36], gap="medium")
    with col_map, st.container(key="tour_mapbox"):
        _map(plan, sig, step)
    with col_panel, st.container(key="tour_panel"):
        _panel(plan, step, index, n)


def _choose(tours: list[Tour]) -> Tour:
    ids = [t.id for t in tours]
    wanted = st.session_state.get(TOUR_KEY) or st.query_params.get("tour")
    if wanted not in ids:
        wanted = ids[0]
    st.session_state[TOUR_KEY] = wanted
    by_id = {t.id: t for t in tours}
    top = st.columns([5, 3, 1.2, 3], vertical_alignment="bottom")
    top[0].selectbox(_t("choose"), ids, key=TOUR_KEY, format_func=lambda i: by_id[i].title(lang()), on_change=_restart)
    top[1].toggle(_t("clean"), value=True, key=CLEAN_KEY)
    top[2].button(_t("other_lang"), key="tour_lang", on_click=_switch_language, width="stretch")
    with top[3]:
        keys = KEYS_HTML.replace("__FS__", html.escape(_t("fullscreen"))).replace("__HINT__", html.escape(_t("keys")))
        st.iframe(keys + style.POINTER_JS, height=36, tab_index=-1)
    return by_id[st.session_state[TOUR_KEY]]


def _show_problems(problems: list[Problem]) -> None:
    if problems:
        with st.expander(_t("problems", n=len(problems))):
            for problem in problems:
                st.markdown("- " + md(problem))


def render() -> None:
    plan, sig = data.current_plan()
    tours, problems = data.tours(plan, sig)
    if not tours:
        st.title(_t("page"))
        st.error(_t("no_tours"))
        _show_problems(problems)
        return
    clean = st.session_state.get(CLEAN_KEY, True)
    with st.container(key="tour_controls"):
        tour = _choose(tours)
        _show_problems(problems)
        if tour.summary(lang()):
            st.caption(tour.summary(lang()))
    st.html(style.STAGE_CSS + (style.CLEAN_CSS if clean else ""))
    _stage(tour)
    state.write_to_url(include_map=False)


render()
