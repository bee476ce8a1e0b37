"""Folium builders: the base map (static layers and controls) and the dynamic groups.

The base map holds what does not change with filters or clicks, so
streamlit-folium keeps it mounted; filtered projects and the selection
highlight are separate ``FeatureGroup``s passed as ``feature_group_to_add``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import folium
from folium.plugins import Fullscreen, GroupedLayerControl, MeasureControl

from layers import styles
from layers.assets import drop_unused_defaults, leaflet_images_url, localize
from layers.basemaps import BASEMAPS, Basemap
from layers.elements import BasemapPane, CompactGeoJson, FitView, FrameFill, LayerVisibility, Legend, MapSupport, ZoneLabels
from layers.labels import labels_from_geo
from layers.legend import legend_html
from layers.registry import GROUPS, LAYERS, style_table

HUAIYIN_CENTER = (36.676, 116.895)
HUAIYIN_BOUNDS = ((36.616, 116.795), (36.746, 116.983))

_MEASURE_TEXT = {
    "zh": {"primary_length_unit": "meters", "secondary_length_unit": "kilometers", "primary_area_unit": "hectares",
           "secondary_area_unit": "sqmeters"},
    "en": {"primary_length_unit": "meters", "secondary_length_unit": "kilometers", "primary_area_unit": "hectares",
           "secondary_area_unit": "acres"},
}


@dataclass(frozen=True)
class MapOptions:
    """What the base map depends on (a change rebuilds and remounts it)."""

    lang: str = "zh"
    basemap: str = "none"
    tianditu_key: str | None = None
    controls: bool = True  # layer control, legend, fullscreen, measure
    legend: bool = False  # the legend alone, when ``controls`` is off (kiosk, phone)
    #: The planner's workspace: the layer tree and legend live beside the map (no layer control or legend
    #: on it) and the map fills its frame, whose height the page sets.
    workspace: bool = False
    offline_assets: bool = True  # point JS/CSS at /app/static (False for self-contained exports)

    @property
    def base(self) -> Basemap:
        return BASEMAPS[self.basemap]


def _add_tiles(m: folium.Map, options: MapOptions) -> None:
    base = options.base
    for url in base.tiles:
        folium.TileLayer(
            tiles=url.replace("{tk}", options.tianditu_key or ""),
            attr=base.attribution,
            name=base.title(options.lang),
            subdomains=base.subdomains,
            max_zoom=base.max_zoom,
            control=False,
        ).add_to(m)


def _add_no_tiles_basemap(m: folium.Map, geo: dict[str, dict[str, Any]]) -> None:
    """District fill, water and roads drawn under everything (and under tiles, as an offline fallback)."""
    m.add_child(BasemapPane(styles.NO_TILES_BACKGROUND))
    table = {
        "boundary": styles.NO_TILES_DISTRICT,
        "water:lake": styles.NO_TILES_WATER_AREA,
        "water:reservoir": styles.NO_TILES_WATER_AREA,
        "water:wetland": styles.NO_TILES_WATER_AREA,
        "water:river": styles.NO_TILES_WATER_LINE,
        "water:canal": styles.NO_TILES_WATER_LINE,
        "road:expressway": styles.NO_TILES_ROAD,
        "road:arterial": styles.NO_TILES_ROAD,
    }
    for layer_id in ("boundary", "water", "roads"):
        if layer_id in geo and geo[layer_id]["features"]:
            CompactGeoJson(
                geo[layer_id], table, name=f"basemap-{layer_id}", control=False,
                interactive=False, tooltips=False, pane="hyBasemap",
            ).add_to(m)


def _add_overlays(
    m: folium.Map, geo: dict[str, dict[str, Any]], options: MapOptions, urls: dict[str, str]
) -> dict[str, list[Any]]:
    table = style_table()
    groups: dict[str, list[Any]] = {}
    for spec in LAYERS:
        data = geo.get(spec.id)
        if data is None:
            continue
        placed_labels = spec.permanent_labels and spec.id == "zones"
        layer = CompactGeoJson(
            data,
            table,
            name=spec.title(options.lang),
            show=spec.show,
            interactive=spec.interactive,
            permanent_labels=spec.permanent_labels and not placed_labels and len(data["features"]) <= 60,
            url=urls.get(spec.id),
            layer_id=spec.id,
            draw_order=[f"zone:{kind}" for kind in styles.ZONE_DRAW_ORDER] if spec.id == "zones" else None,
        )
        layer.add_to(m)
        if placed_labels:
            m.add_child(ZoneLabels([(p.lon, p.lat, html.escape(p.text)) for p in labels_from_geo(geo)]))
        zh, en = GROUPS[spec.group]
        groups.setdefault(zh if options.lang == "zh" else en, []).append(layer)
    return groups


def _categories(geo: dict[str, dict[str, Any]]) -> set[str]:
    keys = {f["properties"]["k"] for f in geo.get("projects", {"features": []})["features"]}
    return {k.split(":")[2] for k in keys if k.startswith("project:")}


def _metro_lines(geo: dict[str, dict[str, Any]]) -> set[str]:
    keys = {f["properties"]["k"] for f in geo.get("metro_lines", {"features": []})["features"]}
    return {k.split(":")[1] for k in keys}


def _add_controls(m: folium.Map, geo: dict[str, dict[str, Any]], groups: dict[str, list[Any]], options: MapOptions) -> None:
    if not options.workspace:
        GroupedLayerControl(groups, exclusive_groups=False, collapsed=True, position="topright").add_to(m)
    Fullscreen(
        position="topleft",
        title="全屏" if options.lang == "zh" else "Full screen",
        title_cancel="退出全屏" if options.lang == "zh" else "Exit full screen",
    ).add_to(m)
    MeasureControl(position="topleft", **_MEASURE_TEXT[options.lang]).add_to(m)
    if options.workspace:
        m.add_child(FrameFill())
    else:
        m.add_child(Legend(legend_html(options.lang, categories=_categories(geo), metro_lines=_metro_lines(geo))))


def build_base_map(
    geo: dict[str, dict[str, Any]],
    options: MapOptions,
    *,
    height: str = "100%",
    urls: dict[str, str] | None = None,
) -> folium.Map:
    """The map with every static layer and the controls.

    Parameters
    ----------
    geo
        Compact GeoJSON per layer id, from :func:`layers.prepare.plan_geojson`
        (already shifted to GCJ-02 when ``options.basemap`` is Gaode).
    options
        Language, basemap and which controls to add.
    urls
        Layer id → same-origin URL of the packed layer (see
        :mod:`layers.packing`): those layers are fetched once by the browser
        instead of travelling inside the page script (the app uses this; a
        self-contained export leaves it out).
    """
    m = folium.Map(
        location=HUAIYIN_CENTER,
        zoom_start=12,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        min_zoom=9,
        max_zoom=options.base.max_zoom,
        height=height,
        zoom_control=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    m.add_child(MapSupport(leaflet_images_url()))
    _add_no_tiles_basemap(m, geo)
    _add_tiles(m, options)
    groups = _add_overlays(m, geo, options, urls or {})
    if options.controls:
        _add_controls(m, geo, groups, options)
    elif options.legend:
        m.add_child(Legend(legend_html(options.lang, categories=_categories(geo), metro_lines=_metro_lines(geo))))
    m.fit_bounds([list(HUAIYIN_BOUNDS[0]), list(HUAIYIN_BOUNDS[1])])
    drop_unused_defaults(m)
    if options.offline_assets:
        localize(m)
    return m


def build_projects_group(
    projects: dict[str, Any],
    *,
    lang: str,
    url: str | None = None,
    only_ids: set[str] | None = None,
) -> folium.FeatureGroup:
    """The (filtered) projects as one dynamic group, coloured by status with a symbol per category.

    With ``url`` the browser fetches all projects once and ``only_ids`` (None: all)
    selects which are drawn; without it the given collection is inlined.
    """
    group = folium.FeatureGroup(name="重点项目" if lang == "zh" else "Projects", control=False)
    ids = None if only_ids is None else list(only_ids)
    CompactGeoJson(projects, style_table(), name="projects", control=False, url=url, only_ids=ids,
                   layer_id="projects").add_to(group)
    return group


def build_overlays_group(overlays: list[tuple[str, dict[str, Any]]]) -> folium.FeatureGroup:
    """Imported overlay layers (title, compact GeoJSON with style key ``overlay``), drawn under the projects."""
    group = folium.FeatureGroup(name="overlays", control=False)
    for title, collection in overlays:
        CompactGeoJson(collection, {"overlay": styles.OVERLAY_STYLE}, name=title, control=False).add_to(group)
    return group


def build_selection_group(selected: dict[str, Any] | None, *, zones: list[dict[str, Any]] = ()) -> folium.FeatureGroup:
    """A highlight around the selected feature and the outlines of the zones a filter picked
    (an empty group when there is neither)."""
    group = folium.FeatureGroup(name="selection", control=False)
    features = [dict(z, properties={"id": "", "l": "", "k": "zone-filter", "n": ""}) for z in zones]
    if selected is not None:
        features.append(dict(selected, properties={"id": "", "l": "", "k": "sel", "n": ""}))
    if features:
        gtype = selected["geometry"]["type"] if selected is not None else "Polygon"
        style = dict(styles.SELECTION_STYLE, radius=14, fill=gtype.endswith("Point"), symbol="circle")
        table = {"sel": style, "zone-filter": styles.ZONE_FILTER_STYLE}
        CompactGeoJson({"type": "FeatureCollection", "features": features}, table, name="selection", control=False,
                       interactive=False, tooltips=False).add_to(group)
    return group


def build_view_group(
    *,
    hidden: list[str] | tuple[str, ...] = (),
    fit: tuple[list[list[float]], str] | None = None,
    pad_right: int = 0,
) -> folium.FeatureGroup:
    """The view of the mounted map: which registered layers are hidden, and a one-time fit.

    ``fit`` is (bounds [[south, west], [north, east]], token): the map fits the
    bounds once per token, keeping ``pad_right`` pixels free for the side panel.
    """
    group = folium.FeatureGroup(name="view", control=False)
    group.add_child(LayerVisibility(list(hidden)))
    if fit is not None:
        group.add_child(FitView(fit[0], fit[1], pad_right=pad_right))
    return group
