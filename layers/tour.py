"""Map pieces of the presentation mode: a flying view, the step highlight, and the view of a step.

The presentation map is the app's base map plus :class:`PresentationView`,
which makes every later ``setView`` (streamlit-folium's way of applying a new
``center``/``zoom``) an animated ``flyTo`` and turns Leaflet's own arrow-key
panning off, so the arrow keys (and a presenter's clicker) step through the
tour instead. The highlight of a step is a dynamic group passed as
``feature_group_to_add``, so stepping never remounts the map.
"""

from __future__ import annotations

import html
import math
from typing import Any

import folium
import shapely
from shapely.geometry import shape
from branca.element import MacroElement
from jinja2 import Template

from layers import styles
from layers.elements import CompactGeoJson
from planning.coords import wgs84_to_gcj02

#: Seconds of the fly animation between steps.
FLY_SECONDS = 1.4
MIN_ZOOM, MAX_ZOOM = 10, 15
#: The presenter's map in pixels on a 1920×1080 projector (the full-bleed stage): what a step is fitted to.
STAGE_MAP_PX = (1180, 900)
#: Zoom steps the base map snaps to (``zoom_snap`` of the base map): steps fit the screen, not the next power of two.
ZOOM_STEP = 0.25
#: The labels of highlighted projects, readable on a projector (the map's own labels are enlarged by the page).
LABEL_CSS = """
<style>
.hy-tour-label { background: rgba(255, 255, 255, 0.92); border: 2px solid #b2182b; border-radius: 6px;
  padding: 2px 8px; font: 700 max(18px, 1.5vw)/1.25 sans-serif; color: #1d3557; white-space: nowrap;
  width: auto !important; height: auto !important; transform: translate(-50%, -140%); }
.hy-label { font-size: max(18px, 1.55vw) !important; }
</style>
"""


class PresentationView(MacroElement):
    """Later ``setView`` calls fly; Leaflet's keyboard panning is off (the keys step the tour); the legend starts folded."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (m) {
          if (m.keyboard) { m.keyboard.disable(); }
          m.getContainer().querySelectorAll('.hy-legend details').forEach(function (d) { d.open = false; });
          var plain = L.Map.prototype.setView;
          m.setView = function (center, zoom, options) {
            if (!this._loaded || this._hyFlying || (options && options.animate === false)) {
              return plain.call(this, center, zoom, options);
            }
            this._hyFlying = true;
            try { return this.flyTo(center, zoom, {duration: {{ this.seconds }}}); }
            finally { this._hyFlying = false; }
          };
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, seconds: float = FLY_SECONDS) -> None:
        super().__init__()
        self._name = "PresentationView"
        self.seconds = seconds


def build_highlight_group(geo: dict[str, dict[str, Any]], features: dict[str, list[str]]) -> folium.FeatureGroup:
    """The step's features (by layer id → ids, from ``geo`` in the map's datum) outlined in the selection style."""
    group = folium.FeatureGroup(name="tour-highlight", control=False)
    picked = []
    for layer_id, ids in features.items():
        wanted = set(ids)
        for feature in geo.get(layer_id, {"features": []})["features"]:
            if feature["properties"]["id"] in wanted:
                gtype = feature["geometry"]["type"]
                key = "hl-point" if gtype.endswith("Point") else "hl-shape"
                picked.append(dict(feature, properties={"id": feature["properties"]["id"], "l": "highlight", "k": key,
                                                        "n": ""}))
    if picked:
        table = {
            "hl-shape": dict(styles.SELECTION_STYLE),
            "hl-point": dict(styles.SELECTION_STYLE, radius=15, fill=True, symbol="circle"),
        }
        collection = {"type": "FeatureCollection", "features": picked}
        CompactGeoJson(collection, table, name="tour-highlight", control=False, interactive=False,
                       tooltips=False).add_to(group)
    for lat, lon, name in _project_labels(geo, features.get("projects", [])):
        folium.Marker([lat, lon], icon=folium.DivIcon(html=html.escape(name), class_name="hy-tour-label"),
                      interactive=False).add_to(group)
    return group


def _project_labels(geo: dict[str, dict[str, Any]], ids: list[str]) -> list[tuple[float, float, str]]:
    """(lat, lon, name) of each highlighted project, at its point or a point inside its shape."""
    wanted = set(ids)
    labels = []
    for feature in geo.get("projects", {"features": []})["features"]:
        props = feature["properties"]
        if props["id"] in wanted and props.get("n"):
            spot = shapely.point_on_surface(shape(feature["geometry"]))
            labels.append((round(spot.y, 6), round(spot.x, 6), str(props["n"])))
    return labels


def _mercator_y(lat: float) -> float:
    rad = math.radians(max(min(lat, 85.0), -85.0))
    return math.log(math.tan(math.pi / 4 + rad / 2))


def step_view(
    bounds: tuple[float, float, float, float], *, gcj: bool, width_px: int = STAGE_MAP_PX[0],
    height_px: int = STAGE_MAP_PX[1],
) -> tuple[list[float], float]:
    """Centre ``[lat, lon]`` (in the map's datum) and zoom (in :data:`ZOOM_STEP` steps) that fit WGS84 ``bounds``
    in a ``width_px`` × ``height_px`` map with a margin: an overview step shows the whole district on the screen."""
    west, south, east, north = bounds
    if gcj:
        west, south = wgs84_to_gcj02(west, south)
        east, north = wgs84_to_gcj02(east, north)
    lon_span = max(east - west, 1e-4)
    y_span = max(_mercator_y(north) - _mercator_y(south), 1e-6)
    zoom_x = math.log2(width_px * 0.8 * 360 / (256 * lon_span))
    zoom_y = math.log2(height_px * 0.8 * 2 * math.pi / (256 * y_span))
    snapped = math.floor(min(zoom_x, zoom_y) / ZOOM_STEP) * ZOOM_STEP
    zoom = max(MIN_ZOOM, min(MAX_ZOOM, snapped))
    zoom = int(zoom) if float(zoom).is_integer() else zoom
    return [round((south + north) / 2, 6), round((west + east) / 2, 6)], zoom
