"""The public comments layer: approved comments as clustered circles with escaped popups.

Markers are ``L.circleMarker`` (no marker images, each with a ``feature``
whose properties are ``{l: "comments", id}``, so a click on one is told apart
from a click on the map) in a
``folium.plugins.MarkerCluster`` whose JS/CSS are the vendored copies. Every
piece of comment text is ``html.escape``-d in Python before it reaches the
popup HTML, and the whole data list is serialised with
:func:`layers.prepare.to_script_json` (safe inside ``<script>``), so a comment
can never become markup or script.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template

from layers.assets import localize
from layers.prepare import to_script_json

#: Marker colour per comment type (support green, suggestion blue, concern orange); the popup names the type too.
COMMENT_COLORS: dict[str, str] = {"支持": "#1a9850", "建议": "#2c7fb8", "关切": "#e66101"}
COMMENT_FALLBACK_COLOR = "#666666"
COMMENT_RADIUS = 22  # a 44 px circle: the minimum touch target on kiosks (WCAG 2.5.5)
CLUSTER_COLOR = "#b2182b"

_TYPE_EN = {"支持": "Support", "建议": "Suggestion", "关切": "Concern"}
_WORDS = {
    "zh": {"reply": "规划人员回复", "group": "公众意见"},
    "en": {"reply": "Planners' reply", "group": "Public comments"},
}

#: Constant CSS for popups and clusters, added once per page by the layer's script.
_CSS = f"""
.hy-comment {{ font: 15px/1.45 sans-serif; max-width: 300px; }}
.hy-comment .hy-type {{ font-weight: 700; }}
.hy-comment p {{ margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }}
.hy-comment .hy-reply {{ border-left: 3px solid {CLUSTER_COLOR}; padding-left: 6px; margin-top: 6px; }}
.hy-comment small {{ color: #555; }}
.hy-comment-cluster {{ background: rgba(178, 24, 43, 0.25); border-radius: 24px; }}
.hy-comment-cluster div {{ width: 40px; height: 40px; margin: 4px; border-radius: 20px; background: {CLUSTER_COLOR};
  color: #fff; font: 700 16px/40px sans-serif; text-align: center; }}
"""

#: Cluster icon; the cluster also gets a ``feature`` so a tap on it reports ``l: 'comments'`` (not a map pick).
_ICON_CREATE = """
function (cluster) {
  cluster.feature = {type: 'Feature', properties: {l: 'comments', id: ''}};
  return L.divIcon({html: '<div>' + Number(cluster.getChildCount()) + '</div>',
                    className: 'hy-comment-cluster', iconSize: L.point(48, 48)});
}
"""


@dataclass(frozen=True)
class CommentMarker:
    """One approved comment where it is drawn (``lat``/``lon`` in the map's datum)."""

    lat: float
    lon: float
    kind: str
    text: str
    reply: str | None = None
    place: str = ""
    date: str = ""
    id: int | str = ""


def popup_html(marker: CommentMarker, lang: str) -> str:
    """The popup of one comment; every value from the comment is HTML-escaped."""
    words = _WORDS["en" if lang == "en" else "zh"]
    kind = html.escape(marker.kind if lang == "zh" else _TYPE_EN.get(marker.kind, marker.kind))
    parts = [f'<div class="hy-comment"><span class="hy-type">{kind}</span>', f"<p>{html.escape(marker.text)}</p>"]
    if marker.reply:
        parts.append(f'<div class="hy-reply"><b>{words["reply"]}</b><p>{html.escape(marker.reply)}</p></div>')
    meta = " · ".join(html.escape(v) for v in (marker.place, marker.date) if v)
    if meta:
        parts.append(f"<small>{meta}</small>")
    parts.append("</div>")
    return "".join(parts)


class CommentMarkers(MacroElement):
    """Adds the comments as circle markers to its parent :class:`MarkerCluster`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          if (!document.getElementById('hy-comment-css')) {
            var css = document.createElement('style');
            css.id = 'hy-comment-css';
            css.textContent = {{ this.css_json }};
            document.head.appendChild(css);
          }
          var rows = {{ this.data_json }};
          var colors = {{ this.colors_json }};
          var markers = rows.map(function (r) {
            var m = L.circleMarker([r[0], r[1]], {radius: {{ this.radius }}, color: '#ffffff', weight: 2,
              fillColor: colors[r[2]] || {{ this.fallback_json }}, fillOpacity: 0.95});
            m.bindPopup(r[3], {maxWidth: 320});
            m.feature = {type: 'Feature', properties: {l: 'comments', id: String(r[4])}};
            return m;
          });
          var cluster = {{ this._parent.get_name() }};
          var onAdd = cluster.onAdd;
          cluster.onAdd = function (map) {
            // Clustering needs a finite maxZoom; a map without a tile layer has none.
            if (!isFinite(map.getMaxZoom())) { map.options.maxZoom = {{ this.max_zoom }}; }
            return onAdd.call(this, map);
          };
          cluster.addLayers(markers);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, markers: Sequence[CommentMarker], lang: str, *, max_zoom: int = 18) -> None:
        super().__init__()
        self.max_zoom = int(max_zoom)
        self._name = "CommentMarkers"
        rows = [[round(m.lat, 6), round(m.lon, 6), m.kind, popup_html(m, lang), str(m.id)] for m in markers]
        self.data_json = to_script_json(rows)
        self.colors_json = to_script_json(COMMENT_COLORS)
        self.fallback_json = to_script_json(COMMENT_FALLBACK_COLOR)
        self.css_json = to_script_json(_CSS)
        self.radius = COMMENT_RADIUS
        self.count = len(rows)


def build_comments_group(markers: Sequence[CommentMarker], *, lang: str, max_zoom: int = 18) -> folium.FeatureGroup:
    """A feature group holding one marker cluster of the comments (always present, possibly empty).

    The cluster is there even without comments, so the page always loads the
    same (vendored) cluster scripts and streamlit-folium never has to add a
    script after the map was mounted. ``max_zoom`` is given to a map that has
    none (a map without tiles), because clustering needs it.
    """
    words = _WORDS["en" if lang == "en" else "zh"]
    group = folium.FeatureGroup(name=words["group"], control=False)
    cluster = MarkerCluster(
        control=False,
        icon_create_function=_ICON_CREATE,
        options={"showCoverageOnHover": False, "maxClusterRadius": 50, "spiderfyOnMaxZoom": True,
                 "spiderfyDistanceMultiplier": 3},  # spider legs clear the 48 px cluster icon
    )
    cluster.add_child(CommentMarkers(markers, lang, max_zoom=max_zoom))
    cluster.add_to(group)
    localize(group)
    return group
