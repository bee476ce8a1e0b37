"""Small map parts the pages add to a base map: the drawing tool, a tapped-point ring, page CSS.

Pages (``app_pages/``) never import folium: they call these and hand the
result to ``st_folium``.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.plugins import Draw
from jinja2 import Template

from layers import styles
from planning.coords import wgs84_to_gcj02

#: A group of map features the pages hand to ``st_folium(feature_group_to_add=...)``.
MapGroup = folium.FeatureGroup


def add_polygon_draw(fig: folium.Map) -> None:
    """The drawing tool (top left) for one polygon or rectangle; nothing to edit or export."""
    Draw(export=False, draw_options={"polyline": False, "circle": False, "circlemarker": False, "marker": False},
         edit_options={"edit": False}).add_to(fig)


def picked_ring(picked: tuple[float, float] | None, *, gcj: bool) -> folium.FeatureGroup:
    """A ring where the visitor tapped (``(lon, lat)`` in WGS84; shifted to GCJ-02 when ``gcj``)."""
    group = folium.FeatureGroup(name="picked", control=False)
    if picked is not None:
        lon, lat = wgs84_to_gcj02(*picked) if gcj else picked
        folium.CircleMarker([lat, lon], radius=12, color=styles.SELECTION_STYLE["color"], weight=5, fill=False,
                            interactive=False).add_to(group)
    return group


def add_header_css(fig: folium.Map, css: str) -> None:
    """Add a ``<style>`` block (given as the whole element's HTML) to the map document's head."""
    fig.get_root().header.add_child(folium.Element(css))


class FoldLegendOnPhones(MacroElement):
    """Closes the legend on a narrow screen (a phone), where it would cover the map; a tap opens it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        if (window.innerWidth < 600) {
          document.querySelectorAll('.hy-legend details').forEach(function (d) { d.removeAttribute('open'); });
        }
        {% endmacro %}
    """)
