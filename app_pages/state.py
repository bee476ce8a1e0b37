"""Session state and the URL: the URL carries the view, so a copied link opens the same view.

Query parameters: ``lang`` (zh|en), ``basemap``, ``sel`` (``zone:ID`` or
``project:ID``), and the filters ``status``, ``cat``, ``zone``, ``src``
(comma-separated). They are read into the session once, when the session
starts; after that the session is the truth and the URL follows it.
"""

from __future__ import annotations

import streamlit as st

from layers.basemaps import BASEMAPS
from planning.settings import LANGS, Settings

#: Session key → query parameter, for the map page's list-valued filters.
FILTER_PARAMS: dict[str, str] = {
    "map_f_status": "status",
    "map_f_category": "cat",
    "map_f_zone": "zone",
    "map_f_source": "src",
    "map_f_plan": "plan",
}
SELECTION_KEY = "map_sel"
BASEMAP_KEY = "map_basemap"
#: Map workspace: layer ids hidden in the layer tree; the pending one-time fit (bounds, token) and the
#: selection / zone filter it was made for; the generation of the filter widgets (bumped by 清除筛选).
HIDDEN_LAYERS_KEY = "map_hidden"
FIT_KEY = "map_fit"
FIT_FOR_KEY = "map_fit_for"
FILTER_GEN_KEY = "map_filter_gen"
_LOADED_KEY = "_url_loaded"


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def load_from_url(settings: Settings) -> None:
    """Read the URL into session state, once per session."""
    if st.session_state.get(_LOADED_KEY):
        return
    params = st.query_params
    lang = params.get("lang", settings.default_lang)
    st.session_state["lang"] = lang if lang in LANGS else settings.default_lang
    basemap = params.get("basemap", settings.default_basemap)
    st.session_state[BASEMAP_KEY] = basemap if basemap in BASEMAPS else "none"
    sel = params.get("sel")
    st.session_state[SELECTION_KEY] = sel if sel and ":" in sel else None
    for key, param in FILTER_PARAMS.items():
        st.session_state[key] = _split(params.get(param))
    st.session_state[_LOADED_KEY] = True


def write_to_url(*, include_map: bool) -> None:
    """Mirror the session's view into the URL (only what differs, to avoid churn)."""
    wanted: dict[str, str] = {"lang": st.session_state.get("lang", "zh")}
    if include_map:
        wanted["basemap"] = st.session_state.get(BASEMAP_KEY, "none")
        if st.session_state.get(SELECTION_KEY):
            wanted["sel"] = st.session_state[SELECTION_KEY]
        for key, param in FILTER_PARAMS.items():
            values = st.session_state.get(key) or []
            if values:
                wanted[param] = ",".join(values)
    else:
        for param in ("section",):
            if param in st.query_params:
                wanted[param] = st.query_params[param]
    current = {k: st.query_params[k] for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def widget_key(canonical: str, generation: int = 0) -> str:
    """The widget key for a value kept under ``canonical``: one widget per language.

    A widget whose option labels change with the language must not carry its
    value across the switch (the browser sends the value back by its label), so
    the value lives under ``canonical`` and each language gets its own widget,
    seeded from it on every run. A new ``generation`` gives a fresh widget (the
    browser's value of the old one is then ignored: used to clear filters).
    """
    key = _widget_name(canonical, generation)
    st.session_state[key] = st.session_state.get(canonical)
    return key


def _widget_name(canonical: str, generation: int) -> str:
    return f"{canonical}__{st.session_state.get('lang', 'zh')}" + (f"__{generation}" if generation else "")


def sync_from_widget(canonical: str, generation: int = 0) -> None:
    """``on_change`` of a widget made with :func:`widget_key`: store its value under ``canonical``."""
    key = _widget_name(canonical, generation)
    if key in st.session_state:
        st.session_state[canonical] = st.session_state[key]


def selection() -> tuple[str, str] | None:
    """The selected ``(kind, id)``: kind is ``zone`` or ``project``."""
    sel = st.session_state.get(SELECTION_KEY)
    if not sel:
        return None
    kind, _, fid = sel.partition(":")
    return kind, fid


def select(kind: str | None, fid: str | None = None) -> None:
    st.session_state[SELECTION_KEY] = f"{kind}:{fid}" if kind and fid else None
