"""The map on which a planner places a new plan's project: the plan's layers, the gazetteer's suggestions, the chosen point.

Clicking the map gives streamlit-folium ``last_clicked`` ({lat, lng}); the
page stores it as the candidate's position. Suggestions from the plan's own
gazetteer are drawn as numbered markers with their names (escaped), the
chosen position as a ring. Positions are WGS84; with the Gaode basemap every
overlay is shifted to GCJ-02 by the caller's ``geo`` and by ``shift``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

import folium

from layers import styles
from layers.builders import MapOptions, build_base_map


def placement_map(
    geo: dict[str, dict[str, Any]],
    options: MapOptions,
    *,
    suggestions: Iterable[tuple[str, float, float]] = (),
    chosen: tuple[float, float] | None = None,
    shift: Callable[[float, float], tuple[float, float]] | None = None,
) -> folium.Map:
    """The base map plus ``suggestions`` ((name, lon, lat) …) and the ``chosen`` (lon, lat) point, fitted to them."""
    m = build_base_map(geo, options)
    move = shift or (lambda lon, lat: (lon, lat))
    points: list[list[float]] = []
    group = folium.FeatureGroup(name="placement", control=False)
    for number, (name, lon, lat) in enumerate(suggestions, start=1):
        x, y = move(lon, lat)
        points.append([y, x])
        folium.CircleMarker(
            [y, x], radius=7, color=styles.SELECTION_STYLE["color"], weight=2, fill=True, fill_opacity=0.6,
            tooltip=folium.Tooltip(f"{number}. {html.escape(name)}", permanent=True, direction="right"),
        ).add_to(group)
    if chosen is not None:
        x, y = move(*chosen)
        points.append([y, x])
        folium.CircleMarker([y, x], radius=12, color="#d7191c", weight=4, fill=False).add_to(group)
    group.add_to(m)
    if points:
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        pad = 0.01  # about 1 km: the point with its streets around it
        m.fit_bounds([[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]], max_zoom=14)
    return m
