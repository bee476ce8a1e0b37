"""Custom folium elements: compact GeoJSON layers, canvas symbols, legend, minimap, no-tiles basemap.

Each element renders a small, fixed piece of Leaflet JavaScript around data
serialised with :func:`layers.prepare.to_script_json` (safe inside
``<script>``). Labels arrive already HTML-escaped from :mod:`layers.prepare`.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from layers.packing import UNPACK_JS, pack_collection
from layers.prepare import to_script_json

#: Defines L.SymbolMarker (canvas symbols per category) and the default icon path, once per page.
SYMBOL_MARKER_JS = """
if (!L.SymbolMarker) {
  L.SymbolMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var r = this._renderer, sym = this.options.symbol;
      if (!r || !r._ctx || !sym || sym === 'circle') { return L.CircleMarker.prototype._updatePath.call(this); }
      if (!r._drawing || this._empty()) { return; }
      var p = this._point, ctx = r._ctx, s = Math.max(Math.round(this._radius), 1), i, a, k;
      ctx.beginPath();
      if (sym === 'square') { k = s * 0.85; ctx.rect(p.x - k, p.y - k, 2 * k, 2 * k); }
      else if (sym === 'triangle') { ctx.moveTo(p.x, p.y - s); ctx.lineTo(p.x + s, p.y + s * 0.8); ctx.lineTo(p.x - s, p.y + s * 0.8); }
      else if (sym === 'diamond') { ctx.moveTo(p.x, p.y - s); ctx.lineTo(p.x + s, p.y); ctx.lineTo(p.x, p.y + s); ctx.lineTo(p.x - s, p.y); }
      else if (sym === 'star') { for (i = 0; i < 10; i++) { a = -Math.PI / 2 + i * Math.PI / 5; k = i % 2 ? s * 0.45 : s;
          ctx[i ? 'lineTo' : 'moveTo'](p.x + k * Math.cos(a), p.y + k * Math.sin(a)); } }
      else if (sym === 'hexagon') { for (i = 0; i < 6; i++) { a = Math.PI / 6 + i * Math.PI / 3;
          ctx[i ? 'lineTo' : 'moveTo'](p.x + s * Math.cos(a), p.y + s * Math.sin(a)); } }
      else if (sym === 'cross') { k = s * 0.38; var pts = [[-k,-s],[k,-s],[k,-k],[s,-k],[s,k],[k,k],[k,s],[-k,s],[-k,k],[-s,k],[-s,-k],[-k,-k]];
          for (i = 0; i < pts.length; i++) { ctx[i ? 'lineTo' : 'moveTo'](p.x + pts[i][0], p.y + pts[i][1]); } }
      else { ctx.arc(p.x, p.y, s, 0, Math.PI * 2, false); }
      ctx.closePath();
      r._fillStroke(ctx, this);
    }
  });
}
"""


class MapSupport(MacroElement):
    """Page-wide support code: SymbolMarker class, default icon path, label CSS."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .hy-label { background: rgba(255,255,255,0.8); border: 0; box-shadow: none; font-weight: 600;
                      color: #333; font-size: 12px; padding: 1px 4px; }
          .hy-label:before { display: none; }
          .hy-legend { background: rgba(255,255,255,0.95); padding: 4px 8px; border-radius: 6px;
                       box-shadow: 0 1px 5px rgba(0,0,0,0.4); font: 11px/1.35 sans-serif; max-height: 46vh;
                       overflow-y: auto; }
          .hy-legend-body { column-count: 2; column-gap: 12px; }
          .hy-legend-body h4 { break-after: avoid; }
          .hy-legend summary { font-weight: 700; cursor: pointer; }
          .hy-legend h4 { margin: 6px 0 2px; font-size: 12px; }
          .hy-legend .hy-row { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
          .hy-swatch { display: inline-block; width: 18px; height: 12px; border-width: 2px; border-style: solid; }
          .hy-line { display: inline-block; width: 22px; height: 0; border-top-width: 4px; border-top-style: solid; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = {{ this.image_path|tojson }};
        {{ this.symbol_js }}
        {{ this.unpack_js }}
        {% endmacro %}
        """
    )

    def __init__(self, image_path: str) -> None:
        super().__init__()
        self._name = "MapSupport"
        self.image_path = image_path
        self.symbol_js = SYMBOL_MARKER_JS
        self.unpack_js = UNPACK_JS


class CompactGeoJson(Layer):
    """A GeoJSON layer whose features carry only ``id``, ``l``, ``k`` (style key) and ``n`` (label).

    Styles come from one table keyed by ``k``; points become canvas symbols
    (``L.SymbolMarker``); ``n`` is bound as a tooltip (already escaped).
    The features travel packed (:mod:`layers.packing`), inline, or, when
    ``url`` is given, fetched once by the browser from that (same-origin)
    URL so the page script stays small and is not re-sent on every rerun.
    ``only_ids`` draws just those features (filters), without re-sending data.
    Clicking a feature gives streamlit-folium ``last_active_drawing`` with
    these properties, so the app looks the rest up by id.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
          var styles = {{ this.styles_json }};
          var fallback = {color: '#555', weight: 2, radius: 5, fillOpacity: 0.8};
          function styleOf(f) { return styles[f.properties.k] || fallback; }
          var layer = L.geoJSON(null, {
            interactive: {{ this.interactive|tojson }},
            {%- if this.pane %} pane: {{ this.pane|tojson }},{% endif %}
            style: styleOf,
            pointToLayer: function (f, latlng) {
              var o = L.extend({}, styleOf(f), {interactive: {{ this.interactive|tojson }}
                {%- if this.pane %}, pane: {{ this.pane|tojson }}{% endif %}});
              return new L.SymbolMarker(latlng, o);
            },
            onEachFeature: function (f, layer) {
              if (!f.properties.n || !{{ this.tooltips|tojson }}) { return; }
              {%- if this.permanent_labels %}
              layer.bindTooltip(f.properties.n, {permanent: true, direction: 'center', className: 'hy-label'});
              {%- else %}
              layer.bindTooltip(f.properties.n, {sticky: true});
              {%- endif %}
            }
          });
          {%- if this.filter_json != "null" %}
          var keep = new Set({{ this.filter_json }});
          layer.options.filter = function (f) { return keep.has(f.properties.id); };
          {%- endif %}
          {%- if this.url %}
          window.hyPending = (window.hyPending || 0) + 1;
          window.hyLoad({{ this.url|tojson }})
            .then(function (c) { layer.addData(c); })
            .finally(function () { window.hyPending -= 1; });
          {%- else %}
          layer.addData(window.hyUnpack({{ this.data_json }}));
          {%- endif %}
          return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: dict[str, Any],
        styles: dict[str, dict[str, Any]],
        *,
        name: str,
        show: bool = True,
        control: bool = True,
        interactive: bool = True,
        tooltips: bool = True,
        permanent_labels: bool = False,
        pane: str | None = None,
        url: str | None = None,
        only_ids: list[str] | None = None,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "CompactGeoJson"
        used = {f["properties"]["k"] for f in data["features"]}
        self.url = url
        self.data_json = "null" if url else to_script_json(pack_collection(data))
        self.filter_json = "null" if only_ids is None else to_script_json(sorted(only_ids))
        self.styles_json = to_script_json({k: v for k, v in styles.items() if k in used})
        self.interactive = interactive
        self.tooltips = tooltips
        self.permanent_labels = permanent_labels
        self.pane = pane
        self.feature_count = len(data["features"])


class Legend(MacroElement):
    """A collapsible legend control; ``body_html`` is built by :mod:`layers.legend` from the style tables."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var legend = L.control({position: 'bottomright'});
          legend.onAdd = function () {
            var div = L.DomUtil.create('div', 'hy-legend');
            div.innerHTML = {{ this.html_json }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
          };
          legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, body_html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html_json = to_script_json(body_html)


class VectorMiniMap(JSCSSMixin, MacroElement):
    """leaflet-minimap showing the district outline (works with no tiles)."""

    default_js = [
        ("Control_MiniMap_js", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js")
    ]
    default_css = [
        ("Control_MiniMap_css", "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css")
    ]
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var outline = L.geoJSON({{ this.data_json }}, {style: {color: '#b2182b', weight: 1.5, fillColor: '#fbf8f1', fillOpacity: 1}});
          var mini = new L.Control.MiniMap(outline, {position: 'bottomleft', toggleDisplay: true, zoomLevelOffset: -3,
                                                      width: 130, height: 110, aimingRectOptions: {color: '#0072bc', weight: 1}});
          mini.addTo({{ this._parent.get_name() }});
          if (mini._miniMap && mini._miniMap.getContainer) { mini._miniMap.getContainer().style.background = '#eef0f2'; }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, outline: dict[str, Any]) -> None:
        super().__init__()
        self._name = "VectorMiniMap"
        self.data_json = to_script_json(outline)


class BasemapPane(MacroElement):
    """A pane under the tiles for the no-tiles basemap, and the map's background colour."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (m) {
          var pane = m.createPane('hyBasemap');
          pane.style.zIndex = 150;
          pane.style.pointerEvents = 'none';
          m.getContainer().style.background = {{ this.background|tojson }};
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, background: str) -> None:
        super().__init__()
        self._name = "BasemapPane"
        self.background = background
