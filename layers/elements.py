"""Custom folium elements: compact GeoJSON layers, canvas symbols, legend, zone labels, view control, no-tiles basemap.

Each element renders a small, fixed piece of Leaflet JavaScript around data
serialised with :func:`layers.prepare.to_script_json` (safe inside
``<script>``). Labels arrive already HTML-escaped from :mod:`layers.prepare`.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.map import Layer
from jinja2 import Template

from layers.packing import UNPACK_JS, pack_collection
from layers.prepare import to_script_json

#: Defines L.SymbolMarker (canvas symbols per category) and the default icon path, once per page.
SYMBOL_MARKER_JS = """
if (!L.SymbolMarker) {
  L.SymbolMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var r = this._renderer, sym = this.options.symbol || 'circle';
      if (!r || !r._ctx || sym === 'circle') { return L.CircleMarker.prototype._updatePath.call(this); }
      if (!r._drawing || this._empty()) { return; }
      var parts = sym.split('+'), shape = parts[0], mark = parts[1];
      var p = this._point, ctx = r._ctx, s = Math.max(Math.round(this._radius), 1), i, a, k, pts;
      function poly(list) { for (i = 0; i < list.length; i++) { ctx[i ? 'lineTo' : 'moveTo'](p.x + list[i][0], p.y + list[i][1]); } }
      ctx.beginPath();
      if (shape === 'square') { k = s * 0.85; ctx.rect(p.x - k, p.y - k, 2 * k, 2 * k); }
      else if (shape === 'triangle') { poly([[0, -s], [s, s * 0.8], [-s, s * 0.8]]); }
      else if (shape === 'triangle-down') { poly([[0, s], [s, -s * 0.8], [-s, -s * 0.8]]); }
      else if (shape === 'diamond') { poly([[0, -s], [s, 0], [0, s], [-s, 0]]); }
      else if (shape === 'house') { poly([[0, -s], [s, -s * 0.15], [s * 0.8, -s * 0.15], [s * 0.8, s * 0.85],
                                          [-s * 0.8, s * 0.85], [-s * 0.8, -s * 0.15], [-s, -s * 0.15]]); }
      else if (shape === 'star') { pts = []; for (a = 0; a < 10; a++) { k = a % 2 ? s * 0.45 : s;
          pts.push([k * Math.cos(-Math.PI / 2 + a * Math.PI / 5), k * Math.sin(-Math.PI / 2 + a * Math.PI / 5)]); } poly(pts); }
      else if (shape === 'hexagon') { pts = []; for (a = 0; a < 6; a++) {
          pts.push([s * Math.cos(Math.PI / 6 + a * Math.PI / 3), s * Math.sin(Math.PI / 6 + a * Math.PI / 3)]); } poly(pts); }
      else if (shape === 'cross') { k = s * 0.38;
          poly([[-k,-s],[k,-s],[k,-k],[s,-k],[s,k],[k,k],[k,s],[-k,s],[-k,k],[-s,k],[-s,-k],[-k,-k]]); }
      else { ctx.arc(p.x, p.y, s, 0, Math.PI * 2, false); }
      ctx.closePath();
      r._fillStroke(ctx, this);
      if (mark) {
        ctx.beginPath();
        ctx.arc(p.x, p.y, Math.max(s * 0.32, 1.5), 0, Math.PI * 2, false);
        ctx.fillStyle = mark === 'dot' ? '#222222' : '#ffffff';
        ctx.globalAlpha = 1;
        ctx.fill();
        if (mark === 'hole') { ctx.lineWidth = 1; ctx.strokeStyle = '#222222'; ctx.stroke(); }
      }
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
          function add(collection) {
            layer.addData(collection);
            {%- if this.draw_order_json != "null" %}
            var order = {{ this.draw_order_json }}, rank = function (l) { var i = order.indexOf(l.feature.properties.k); return i < 0 ? order.length : i; };
            layer.getLayers().sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (l) { if (l.bringToFront) { l.bringToFront(); } });
            {%- endif %}
          }
          {%- if this.url %}
          window.hyPending = (window.hyPending || 0) + 1;
          window.hyLoad({{ this.url|tojson }})
            .then(add)
            .finally(function () { window.hyPending -= 1; });
          {%- else %}
          add(window.hyUnpack({{ this.data_json }}));
          {%- endif %}
          {%- if this.layer_id %}
          (window.hyLayers = window.hyLayers || {})[{{ this.layer_id|tojson }}] = layer;
          {%- endif %}
          return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(  # noqa: PLR0913 - keyword arguments of one documented call
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
        layer_id: str | None = None,
        draw_order: list[str] | None = None,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "CompactGeoJson"
        self.layer_id = layer_id  # registered in window.hyLayers, for LayerVisibility
        #: Style keys, bottom first: features are stacked in this order once drawn (the data keeps its own order).
        self.draw_order_json = "null" if draw_order is None else to_script_json(draw_order)
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


class ZoneLabels(MacroElement):
    """Zone names at their label points (:mod:`layers.labels`), decluttered at every zoom.

    The labels are permanent, non-interactive tooltips in a layer group
    registered as ``<layer_id>:labels`` (hidden with the zones). After each
    zoom, labels are shown in order (the order given: most important first)
    and one that would overlap a label already shown is hidden until the map
    is zoomed in far enough.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (m) {
          var group = L.layerGroup(), items = [];
          {{ this.labels_json }}.forEach(function (d) {
            var tip = L.tooltip({permanent: true, direction: 'center', className: 'hy-label', interactive: false})
              .setLatLng([d[1], d[0]]).setContent(d[2]);
            items.push(tip); group.addLayer(tip);
          });
          function declutter() {
            var shown = [];
            items.forEach(function (tip) {
              var el = tip.getElement(); if (!el) { return; }
              el.style.visibility = 'visible';
              var r = el.getBoundingClientRect();
              var hit = shown.some(function (o) { return r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top; });
              if (hit) { el.style.visibility = 'hidden'; } else { shown.push(r); }
            });
          }
          group.addTo(m);
          m.on('zoomend moveend', declutter);
          m.on('resize', function () { items.forEach(function (tip) { tip.update(); }); declutter(); });
          group.on('add', function () { setTimeout(declutter, 0); });
          setTimeout(declutter, 0);
          (window.hyLayers = window.hyLayers || {})[{{ this.layer_id|tojson }} + ':labels'] = group;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[tuple[float, float, str]], *, layer_id: str = "zones") -> None:
        """``labels``: (lon, lat, escaped text) in the map's datum, most important first."""
        super().__init__()
        self._name = "ZoneLabels"
        self.labels_json = to_script_json(labels)
        self.layer_id = layer_id


class LayerVisibility(MacroElement):
    """Shows or hides the registered layers (``window.hyLayers``) of the mounted map.

    Put in a dynamic group (streamlit-folium ``feature_group_to_add``): it runs
    whenever the hidden set changes, without remounting the map. A key
    ``id:labels`` follows layer ``id``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var m = window.map_div, all = window.hyLayers || {}, hidden = new Set({{ this.hidden_json }});
          if (!m) { return; }
          Object.keys(all).forEach(function (id) {
            var layer = all[id], off = hidden.has(id.split(':')[0]);
            if (off && m.hasLayer(layer)) { m.removeLayer(layer); }
            if (!off && !m.hasLayer(layer)) { m.addLayer(layer); }
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, hidden: list[str]) -> None:
        super().__init__()
        self._name = "LayerVisibility"
        self.hidden_json = to_script_json(sorted(hidden))


class FitView(MacroElement):
    """Fits the mounted map to ``bounds`` once per ``token`` (fractional zoom, room for the side panel).

    ``pad_right`` pixels on the right stay free for the detail panel that slides
    in over the map (capped at 45% of the map's width on narrow screens).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var m = window.map_div;
          if (!m || window.hyFitToken === {{ this.token|tojson }}) { return; }
          window.hyFitToken = {{ this.token|tojson }};
          function fit() {
            var size = m.getSize(), right = Math.min({{ this.pad_right }}, size.x * 0.45) + 24;
            m.fitBounds({{ this.bounds_json }}, {paddingTopLeft: [24, 24], paddingBottomRight: [right, 24],
                                                 maxZoom: {{ this.max_zoom }}, animate: false});
          }
          // The map's own first fit animates from the next frame on and would end at its own zoom: fit after it.
          function attempt() {
            if (m._animatingZoom) { m.once('zoomend', function () { setTimeout(fit, 0); }); } else { fit(); }
          }
          fit();
          L.Util.requestAnimFrame(function () { L.Util.requestAnimFrame(attempt); });
          window.hyFitAgain = fit;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], token: str, *, pad_right: int = 0, max_zoom: float = 16.5) -> None:
        """``bounds``: [[south, west], [north, east]] in the map's datum."""
        super().__init__()
        self._name = "FitView"
        self.bounds_json = to_script_json(bounds)
        self.token = token
        self.pad_right = int(pad_right)
        self.max_zoom = max_zoom


class FrameFill(MacroElement):
    """Makes the map fill its iframe (whose height the page's stylesheet sets) and follow its size."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>html, body { margin: 0; overflow: hidden; } body > span { display: none; }</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (m) {
          var el = m.getContainer();
          function fill() {
            el.style.height = window.innerHeight + 'px'; el.style.width = '100%'; m.invalidateSize({pan: false});
            var again = window.hyFitAgain; window.hyFitAgain = null;
            if (again) { again(); }  // a fit made before the frame had its final height, once
          }
          window.addEventListener('resize', fill);
          setTimeout(fill, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FrameFill"


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
