"""AppTest helpers: run app.py on a data folder, simulate map clicks."""

from __future__ import annotations

import os
import html
import re
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_app(data_dir: Path | None, monkeypatch: pytest.MonkeyPatch, *, query: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    if "HUAIYIN_STATE_DIR" not in os.environ:
        monkeypatch.setenv("HUAIYIN_STATE_DIR", tempfile.mkdtemp(prefix="huaiyin-state-"))
    if data_dir is not None:
        monkeypatch.setenv("HUAIYIN_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def map_component(at: AppTest):
    comps = at.get("component_instance")
    assert comps, "no st_folium component on the page"
    return comps[0]


def click(at: AppTest, layer: str, feature_id: str, count: int = 1) -> AppTest:
    """Simulate a click on a map feature, as streamlit-folium reports it."""
    value = {
        "last_active_drawing": {"type": "Feature", "properties": {"id": feature_id, "l": layer}, "geometry": None},
        "last_object_clicked_count": count,
    }
    hash_key = map_component(at).proto.id.rsplit("-", 1)[1]
    at.session_state[hash_key] = value
    at.session_state["plan_map"] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Every visible text of the page, joined (for assertions on labels)."""
    parts: list[str] = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "error", "warning", "success"):
        parts.extend(str(e.value) for e in at.get(kind))
    for kind in ("button", "download_button", "multiselect", "selectbox", "text_input", "radio", "expander", "checkbox"):
        parts.extend(str(e.label) for e in at.get(kind))
    # st.html (visitors' text shown as escaped text): its text without the tags
    parts.extend(html.unescape(re.sub(r"<[^>]*>", " ", e.proto.body)) for e in at.get("html")
                 if not e.proto.body.lstrip().startswith("<style"))
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))  # undo markdown escaping


def layer_data(at: AppTest, layer: str) -> dict:
    """The packed layer the map page serves for ``layer`` (from static/cache), unpacked."""
    import json as _json

    from layers.assets import STATIC_DIR
    from layers.packing import unpack_collection

    args = _json.loads(map_component(at).proto.json_args)
    text = args["script"] + (args.get("feature_group") or "")
    match = re.search(rf'"/app/static/(cache/layers-[0-9a-f]+\.json)#{layer}"', text)
    assert match, f"no static URL for {layer}"
    bundle = _json.loads((STATIC_DIR / match.group(1)).read_text(encoding="utf-8"))
    return unpack_collection(bundle[layer])
