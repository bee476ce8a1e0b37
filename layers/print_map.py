"""Static print map (PNG) drawn with matplotlib from the plan's own layers: no tiles, no network.

Drawn in CGCS2000 / 3-degree Gauss-Kruger CM 117E (EPSG:4548), so the scale
bar is true to the metre and grid north is within 0.1° of true north in the
district. Colours and symbols come from :mod:`layers.styles` (the web map's
own tables). Chinese text uses Noto Sans CJK SC (Debian ``fonts-noto-cjk``);
if that font is missing the export fails with a message instead of drawing
tofu boxes.
"""

from __future__ import annotations

from planning.messages import Messages
import io
import math
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
from matplotlib import font_manager
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from layers import styles
from layers.export import Provenance, name_in, text
from layers.labels import ABOVE_ZONES, LabelPoint, labels_from_geo
from layers.prepare import layer_geojson
from planning.analysis import PROJECTED, WGS84
from planning.errors import PlanningError
from planning.model import CATEGORIES, STATUSES, ZONE_KINDS
from planning.plan import Plan

CJK_FAMILY = "Noto Sans CJK SC"
FONT_FAMILIES = [CJK_FAMILY, "DejaVu Sans"]
CRS_NOTE = "CGCS2000 / 3° Gauss-Krüger CM 117°E (EPSG:4548)"
#: Symbol names of layers.styles → matplotlib markers.
#: Matplotlib marker of each canvas shape (layers.styles.SHAPES); a mark (dot/hole) is drawn on top.
MARKERS = {"circle": "o", "square": "s", "triangle": "^", "triangle-down": "v", "diamond": "D", "star": "*", "cross": "P",
           "hexagon": "h", "house": "p"}
MARK_COLORS = {"dot": "#222222", "hole": "#ffffff"}
MIN_PX, MAX_PX, MIN_DPI, MAX_DPI = 200, 12000, 50, 600

_TEXT = Messages("print_map")


def _t(key: str, lang: str) -> str:
    zh, en = _TEXT[key]
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class PrintOptions:
    """What the print map shows and at what size."""

    width_px: int = 2400
    height_px: int = 1700
    dpi: int = 200
    lang: str = "zh"
    zone: str | None = None
    project: str | None = None
    titled: bool = True  # title above and source line below (off when the map sits in a fact sheet that has both)
    font_scale: float | None = None  # None: from the size (a 12 x 8.5 inch poster is 1); 1 for print at true size

    def check(self, plan: Plan) -> None:
        """Raise :class:`PlanningError` naming the bad option and what is allowed."""
        for name, value, lo, hi in (("width", self.width_px, MIN_PX, MAX_PX), ("height", self.height_px, MIN_PX, MAX_PX),
                                    ("dpi", self.dpi, MIN_DPI, MAX_DPI)):
            if not lo <= value <= hi:
                msg = f"{name} {value} is out of range; use {lo}–{hi}"
                raise PlanningError(msg)
        if self.zone is not None and plan.feature("zones", self.zone) is None:
            msg = f"zone {self.zone!r} is not in zones.geojson; known zones: {', '.join(plan.zones['id'])}"
            raise PlanningError(msg)
        if self.project is not None and plan.feature("projects", self.project) is None:
            msg = f"project {self.project!r} is not in projects.geojson (see `python -m planning summary`)"
            raise PlanningError(msg)


def cjk_font(size: float, *, bold: bool = False) -> font_manager.FontProperties:
    """Noto Sans CJK SC at ``size`` points; raises if the font is not installed."""
    props = font_manager.FontProperties(family=FONT_FAMILIES, size=size, weight="bold" if bold else "normal")
    try:
        font_manager.findfont(font_manager.FontProperties(family=CJK_FAMILY), fallback_to_default=False)
    except ValueError as exc:
        msg = "the Chinese font Noto Sans CJK SC is missing: install Debian's fonts-noto-cjk (make system-deps)"
        raise PlanningError(msg) from exc
    return props


# --------------------------------------------------------------------------- styles


def _width(style: dict[str, Any], scale: float) -> float:
    return float(style.get("weight", 1)) * 0.55 * scale


def _dashes(style: dict[str, Any], scale: float) -> Any:
    dash = style.get("dashArray")
    if not dash:
        return "solid"
    return (0, tuple(float(x) * 0.5 * scale for x in str(dash).split()))


def _polygon_kwargs(style: dict[str, Any], scale: float) -> dict[str, Any]:
    fill = style.get("fill", True)
    face = to_rgba(style.get("fillColor", style.get("color", "#555")), style.get("fillOpacity", 0.2)) if fill else "none"
    return {"facecolor": face, "edgecolor": style.get("color", "#555"), "linewidth": _width(style, scale),
            "linestyle": _dashes(style, scale)}


def _line_kwargs(style: dict[str, Any], scale: float) -> dict[str, Any]:
    return {"color": to_rgba(style.get("color", "#555"), style.get("opacity", 1.0)), "linewidth": _width(style, scale),
            "linestyle": _dashes(style, scale)}


# --------------------------------------------------------------------------- extent


def _projected(plan: Plan, layer_id: str) -> gpd.GeoDataFrame:
    gdf = plan.layer(layer_id)
    return gdf.to_crs(PROJECTED) if not gdf.empty else gdf


def _focus_bounds(plan: Plan, options: PrintOptions) -> tuple[float, float, float, float]:
    """Bounds (EPSG:4548) of what the map is about: the zone, the project (with 1.5 km around) or the district."""
    if options.zone is not None:
        geoms = _projected(plan, "zones").pipe(lambda g: g[g["id"] == options.zone]).geometry
        pad = 0.12
    elif options.project is not None:
        geoms = _projected(plan, "projects").pipe(lambda g: g[g["id"] == options.project]).geometry.buffer(1500)
        pad = 0.05
    else:
        geoms = _projected(plan, "boundary").geometry
        pad = 0.03
    west, south, east, north = geoms.total_bounds
    span = max(east - west, north - south, 2000.0)
    cx, cy = (west + east) / 2, (south + north) / 2
    half_w = max(east - west, span * 0.5) / 2 * (1 + 2 * pad)
    half_h = max(north - south, span * 0.5) / 2 * (1 + 2 * pad)
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def _fit_aspect(bounds: tuple[float, float, float, float], aspect: float) -> tuple[float, float, float, float]:
    """Grow ``bounds`` so width/height equals ``aspect`` (the axes' shape), keeping the centre."""
    west, south, east, north = bounds
    w, h = east - west, north - south
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (west + east) / 2, (south + north) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


# --------------------------------------------------------------------------- layers


def _plot_base(ax: Axes, plan: Plan, scale: float) -> None:
    """District fill, water, parks, roads, railways and metro: the no-tiles basemap and transport."""
    boundary = _projected(plan, "boundary")
    if not boundary.empty:
        boundary.plot(ax=ax, **_polygon_kwargs(styles.NO_TILES_DISTRICT, scale), zorder=1)
    water = _projected(plan, "water")
    if not water.empty:
        areas = water[water.geom_type.str.endswith("Polygon")]
        lines = water[~water.geom_type.str.endswith("Polygon")]
        if not areas.empty:
            areas.plot(ax=ax, **_polygon_kwargs(styles.WATER_AREA_STYLE, scale), zorder=2)
        if not lines.empty:
            lines.plot(ax=ax, **_line_kwargs(styles.WATER_LINE_STYLE, scale), zorder=2)
    parks = _projected(plan, "parks")
    if not parks.empty:
        parks[parks.geom_type.str.endswith("Polygon")].plot(ax=ax, **_polygon_kwargs(styles.PARK_STYLE, scale), zorder=2)
    roads = _projected(plan, "roads")
    if not roads.empty:
        roads.plot(ax=ax, **_line_kwargs(styles.NO_TILES_ROAD_CASING, scale), zorder=3)
        roads.plot(ax=ax, **_line_kwargs(styles.NO_TILES_ROAD, scale), zorder=3)
    _plot_transport(ax, plan, scale)


def _plot_transport(ax: Axes, plan: Plan, scale: float) -> None:
    rail = _projected(plan, "rail_lines")
    for kind, style in (("high_speed", styles.RAIL_STYLE), ("conventional", styles.RAIL_CONVENTIONAL_STYLE)):
        part = rail[rail["rail_kind"] == kind] if not rail.empty else rail
        if not part.empty:
            part.plot(ax=ax, **_line_kwargs(style, scale), zorder=5)
    metro = _projected(plan, "metro_lines")
    for _, row in metro.iterrows():
        gpd.GeoSeries([row.geometry]).plot(ax=ax, **_line_kwargs(styles.metro_style(row["line"], row["status"]), scale),
                                           zorder=6)
    stations = _projected(plan, "rail_stations")
    if not stations.empty:
        stations.representative_point().plot(ax=ax, marker="o", markersize=60 * scale, zorder=9,
                                              color=styles.RAIL_STATION_STYLE["fillColor"],
                                              edgecolor=styles.RAIL_STATION_STYLE["color"], linewidth=1.2 * scale)


def _plot_zones(ax: Axes, plan: Plan, options: PrintOptions, scale: float) -> None:
    zones = _projected(plan, "zones")
    if zones.empty:
        return
    order = {kind: i for i, kind in enumerate(("district", "core", "belt", "axis"))}
    for _, row in zones.sort_values("kind", key=lambda k: k.map(order)).iterrows():
        style = dict(styles.ZONE_STYLES.get(row["kind"], styles.ZONE_STYLES["district"]))
        if options.zone is not None and row["id"] != options.zone:
            style["fillOpacity"] = style["fillOpacity"] * 0.35
        gpd.GeoSeries([row.geometry]).plot(ax=ax, **_polygon_kwargs(style, scale), zorder=4)
    if options.zone is not None:
        focus = zones[zones["id"] == options.zone]
        focus.boundary.plot(ax=ax, color=styles.SELECTION_STYLE["color"], linewidth=3.2 * scale, zorder=7)
    boundary = _projected(plan, "boundary")
    if not boundary.empty:
        boundary.boundary.plot(ax=ax, **_line_kwargs(styles.BOUNDARY_STYLE, scale), zorder=8)


def _plot_projects(ax: Axes, plan: Plan, options: PrintOptions, scale: float) -> None:
    projects = _projected(plan, "projects")
    if projects.empty:
        return
    lines = projects[~projects.geom_type.str.endswith("Point")]
    for _, row in lines.iterrows():
        color = styles.STATUS_COLORS.get(row["status"], styles.STATUS_COLORS["未知"])
        gpd.GeoSeries([row.geometry]).plot(ax=ax, color=color, linewidth=2.2 * scale, zorder=10)
    points = projects[projects.geom_type.str.endswith("Point")]
    symbols = points["category"].map(lambda c: styles.CATEGORY_SYMBOLS.get(c, "circle"))
    for (status, symbol), group in points.groupby([points["status"], symbols]):
        shape, _, mark = symbol.partition("+")
        group.plot(ax=ax, marker=MARKERS[shape], markersize=34 * scale ** 2, zorder=11,
                   color=styles.STATUS_COLORS.get(status, styles.STATUS_COLORS["未知"]), edgecolor="#222222",
                   linewidth=0.6 * scale)
        if mark:
            group.plot(ax=ax, marker="o", markersize=5 * scale ** 2, zorder=11.5, color=MARK_COLORS[mark],
                       edgecolor="#222222", linewidth=0.4 * scale)
    if options.project is not None:
        focus = projects[projects["id"] == options.project]
        focus.buffer(120).boundary.plot(ax=ax, color=styles.SELECTION_STYLE["color"], linewidth=3 * scale, zorder=12)


def zone_label_points(plan: Plan, lang: str) -> list[LabelPoint]:
    """The zone label points of the map (:func:`layers.labels.labels_from_geo`, from the same compact layers)."""
    geo = {layer: layer_geojson(plan.layers[layer], layer, lang=lang) for layer in ("zones", *ABOVE_ZONES)
           if layer in plan.layers}
    return labels_from_geo(geo)


def _label_zones(ax: Axes, plan: Plan, options: PrintOptions, scale: float, bounds: tuple[float, ...]) -> None:
    halo = [patheffects.withStroke(linewidth=2.6 * scale, foreground="white")]
    west, south, east, north = bounds
    labels = zone_label_points(plan, options.lang)
    points = gpd.GeoSeries(gpd.points_from_xy([p.lon for p in labels], [p.lat for p in labels]), crs=WGS84).to_crs(PROJECTED)
    for label, point in zip(labels, points, strict=True):
        if options.zone is not None and label.id != options.zone and options.project is None:
            continue
        if not (west < point.x < east and south < point.y < north):
            continue
        bold = label.id == options.zone
        ax.text(point.x, point.y, label.text, ha="center", va="center", zorder=13,
                fontproperties=cjk_font((9 if bold else 6.5) * scale, bold=bold), path_effects=halo, color="#222222")
    if options.project is not None:
        project = _projected(plan, "projects").pipe(lambda g: g[g["id"] == options.project]).iloc[0]
        point = project.geometry.representative_point()
        ax.annotate(name_in(project, options.lang), (point.x, point.y), xytext=(0, 14 * scale),
                    textcoords="offset points", ha="center", zorder=14, fontproperties=cjk_font(9 * scale, bold=True),
                    path_effects=halo)


# --------------------------------------------------------------------------- furniture


def _nice_length(max_m: float) -> float:
    """The longest 1, 2 or 5 × 10^n metres not longer than ``max_m``."""
    exponent = 10 ** math.floor(math.log10(max_m))
    return max(m * exponent for m in (1, 2, 5) if m * exponent <= max_m)


def _scale_bar(ax: Axes, bounds: tuple[float, ...], scale: float) -> None:
    """A two-segment scale bar in metres at the lower left (the axes are in EPSG:4548 metres)."""
    west, south, east, north = bounds
    length = _nice_length((east - west) / 5)
    x0, y0 = west + (east - west) * 0.04, south + (north - south) * 0.05
    height = (north - south) * 0.008
    for i, color in enumerate(("#222222", "#ffffff")):
        ax.add_patch(Rectangle((x0 + i * length / 2, y0), length / 2, height, facecolor=color, edgecolor="#222222",
                               linewidth=0.8 * scale, zorder=20))
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    for x, words in ((x0, "0"), (x0 + length, label)):
        ax.text(x, y0 + height * 2.2, words, ha="center", va="bottom", zorder=20, fontproperties=cjk_font(7 * scale),
                path_effects=[patheffects.withStroke(linewidth=2 * scale, foreground="white")])


def _north_arrow(ax: Axes, lang: str, scale: float) -> None:
    ax.annotate("", xy=(0.955, 0.96), xytext=(0.955, 0.87), xycoords="axes fraction", zorder=20,
                arrowprops={"facecolor": "#222222", "edgecolor": "#222222", "width": 3 * scale,
                            "headwidth": 11 * scale, "headlength": 12 * scale})
    ax.text(0.955, 0.845, _t("north", lang), transform=ax.transAxes, ha="center", va="top", zorder=20,
            fontproperties=cjk_font(10 * scale, bold=True),
            path_effects=[patheffects.withStroke(linewidth=2.4 * scale, foreground="white")])


class _Paired:
    """A legend entry of two markers drawn on top of each other (a shape and its mark)."""

    def __init__(self, shape: Line2D, mark: Line2D, label: str) -> None:
        self.shape, self.mark, self.label = shape, mark, label

    def get_label(self) -> str:
        return self.label


class _PairedHandler(HandlerTuple):
    def legend_artist(self, legend, orig_handle, fontsize, handlebox):  # noqa: ANN001, ANN202 - matplotlib API
        return super().legend_artist(legend, (orig_handle.shape, orig_handle.mark), fontsize, handlebox)


def _legend_handles(plan: Plan, lang: str, scale: float) -> list[Any]:
    handles: list[Any] = []
    for kind, (zh, en) in ZONE_KINDS.items():
        handles.append(Patch(**_polygon_kwargs(styles.ZONE_STYLES[kind], scale), label=zh if lang == "zh" else en))
    for status, en in STATUSES.items():
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=6 * scale, markeredgecolor="#222222",
                              markerfacecolor=styles.STATUS_COLORS[status], label=status if lang == "zh" else en))
    present = set(plan.projects["category"]) if not plan.projects.empty else set()
    for category in [c for c in CATEGORIES if c in present]:  # one symbol per category, as on the map
        shape, _, mark = styles.CATEGORY_SYMBOLS[category].partition("+")
        label = category if lang == "zh" else CATEGORIES[category]
        handle = Line2D([], [], marker=MARKERS[shape], linestyle="none", markersize=6 * scale, markerfacecolor="#ffffff",
                        markeredgecolor="#222222", label=label)
        if mark:
            dot = Line2D([], [], marker="o", linestyle="none", markersize=2.2 * scale, markerfacecolor=MARK_COLORS[mark],
                         markeredgecolor="#222222", markeredgewidth=0.4 * scale)
            handle = _Paired(handle, dot, label)
        handles.append(handle)
    handles += [
        Line2D([], [], **_line_kwargs(styles.BOUNDARY_STYLE, scale), label=_t("boundary", lang)),
        Line2D([], [], **_line_kwargs(styles.metro_style("1", "竣工"), scale), label=_t("metro", lang)),
        Line2D([], [], **_line_kwargs(styles.RAIL_STYLE, scale), label=_t("rail", lang)),
        Patch(**_polygon_kwargs(styles.WATER_AREA_STYLE, scale), label=_t("water", lang)),
        Patch(**_polygon_kwargs(styles.PARK_STYLE, scale), label=_t("park", lang)),
    ]
    return handles


def _title(plan: Plan, options: PrintOptions) -> str:
    if options.zone is not None:
        return name_in(plan.feature("zones", options.zone), options.lang)
    if options.project is not None:
        return name_in(plan.feature("projects", options.project), options.lang)
    return _t("title_district", options.lang)


def render_png(plan: Plan, options: PrintOptions, provenance_: Provenance) -> bytes:
    """The print map as PNG bytes of exactly ``width_px`` × ``height_px`` pixels.

    Raises
    ------
    PlanningError
        For a size, dpi, zone or project that is not valid, or a missing CJK font.
    """
    options.check(plan)
    width_in, height_in = options.width_px / options.dpi, options.height_px / options.dpi
    scale = options.font_scale or max(0.45, min(2.5, min(width_in / 12, height_in / 8.5)))
    fig = Figure(figsize=(width_in, height_in), dpi=options.dpi, facecolor="white")
    FigureCanvasAgg(fig)
    map_width = 0.75 if options.lang == "zh" else 0.70  # English legend labels need more room
    box = (0.015, 0.075, map_width, 0.835) if options.titled else (0.008, 0.012, map_width + 0.007, 0.976)
    ax = fig.add_axes(box)
    ax.set_facecolor(styles.NO_TILES_BACKGROUND)
    bounds = _fit_aspect(_focus_bounds(plan, options), (box[2] * options.width_px) / (box[3] * options.height_px))
    _draw_map(ax, plan, options, scale, bounds)
    handles = _legend_handles(plan, options.lang, scale)
    fig.legend(handles=handles, labels=[h.get_label() for h in handles], handler_map={_Paired: _PairedHandler()},
               loc="upper left",
               bbox_to_anchor=(box[0] + box[2] + 0.01, box[1] + box[3]), frameon=False, prop=cjk_font(7.5 * scale), handlelength=2.2,
               borderaxespad=0)
    if options.titled:
        _titles(fig, plan, options, provenance_, scale)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=options.dpi, facecolor="white")
    return buffer.getvalue()


def _titles(fig: Figure, plan: Plan, options: PrintOptions, provenance_: Provenance, scale: float) -> None:
    fig.text(0.015, 0.975, _title(plan, options), va="top", fontproperties=cjk_font(16 * scale, bold=True))
    fig.text(0.015, 0.928, text("plan", options.lang), va="top", fontproperties=cjk_font(8.5 * scale), color="#444444")
    source = f"{provenance_.line(options.lang)} · {text('boundary_source', options.lang)} · {_t('crs', options.lang)}"
    fig.text(0.015, 0.035, source, va="center", fontproperties=cjk_font(6.2 * scale), color="#444444", wrap=True)


def _draw_map(ax: Axes, plan: Plan, options: PrintOptions, scale: float, bounds: tuple[float, ...]) -> None:
    _plot_base(ax, plan, scale)
    _plot_zones(ax, plan, options, scale)
    _plot_projects(ax, plan, options, scale)
    _label_zones(ax, plan, options, scale, bounds)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")
    _scale_bar(ax, bounds, scale)
    _north_arrow(ax, options.lang, scale)

