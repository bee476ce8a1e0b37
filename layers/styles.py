"""Every colour, width and symbol of the map, in one place.

The legend is drawn from these same tables, so map and legend never differ.
"""

from __future__ import annotations

import math
from typing import Any

from planning.model import CATEGORIES, STATUSES

#: Project status colours (储备 → 竣工 goes from light to dark; unknown is grey).
STATUS_COLORS: dict[str, str] = {
    "储备": "#9ecae1",
    "开工": "#fd8d3c",
    "在建": "#e6550d",
    "竣工": "#31a354",
    "未知": "#8c8c8c",
}

#: Zone fill/stroke by kind of “两核三区、三纵三横”.
ZONE_STYLES: dict[str, dict[str, Any]] = {
    "core": {"color": "#b2182b", "fillColor": "#ef8a62", "fillOpacity": 0.30, "weight": 2.5, "dashArray": None},
    "district": {"color": "#2166ac", "fillColor": "#67a9cf", "fillOpacity": 0.22, "weight": 2, "dashArray": None},
    "belt": {"color": "#1b7837", "fillColor": "#7fbf7b", "fillOpacity": 0.28, "weight": 1.5, "dashArray": "6 4"},
    "axis": {"color": "#762a83", "fillColor": "#af8dc3", "fillOpacity": 0.28, "weight": 1.5, "dashArray": "6 4"},
}

#: Metro line colours (this map's palette, chosen for contrast; not the operator's branding).
METRO_COLORS: dict[str, str] = {"1": "#0072bc", "2": "#f7a600", "4": "#8e44ad", "6": "#e4007f"}
METRO_DEFAULT = "#555555"
#: Lines whose status is not 竣工 are dashed.
PLANNED_DASH = "8 6"

RAIL_STYLE = {"color": "#333333", "weight": 3, "opacity": 0.9}
RAIL_CONVENTIONAL_STYLE = {"color": "#666666", "weight": 2, "opacity": 0.9, "dashArray": "10 3"}
ROAD_STYLES: dict[str, dict[str, Any]] = {
    "expressway": {"color": "#e08214", "weight": 3.5, "opacity": 0.8},
    "arterial": {"color": "#b08a5a", "weight": 2, "opacity": 0.7},
}
BOUNDARY_STYLE = {"color": "#444444", "weight": 2.5, "fill": False, "dashArray": "10 4 2 4"}
WATER_LINE_STYLE = {"color": "#5ab4d6", "weight": 3, "opacity": 0.9}
WATER_AREA_STYLE = {"color": "#5ab4d6", "weight": 1, "fillColor": "#b3ddef", "fillOpacity": 0.7}
WETLAND_STYLE = {"color": "#2b8cbe", "weight": 1, "fillColor": "#a6dba0", "fillOpacity": 0.5, "dashArray": "3 3"}
PARK_STYLE = {"color": "#238b45", "weight": 1, "fillColor": "#74c476", "fillOpacity": 0.45}
HERITAGE_STYLE = {"color": "#7f2704", "fillColor": "#d94801", "fillOpacity": 0.9, "radius": 6, "weight": 1.5}
#: The plan's named existing places (landmarks.geojson: 商圈, 医院, 景区 …): a violet diamond-like dot.
LANDMARK_STYLE = {"color": "#3f007d", "fillColor": "#9e9ac8", "fillOpacity": 0.95, "radius": 5.5, "weight": 2}
STATION_STYLE = {"color": "#222222", "fillColor": "#ffffff", "fillOpacity": 1.0, "radius": 4.5, "weight": 2}
RAIL_STATION_STYLE = {"color": "#000000", "fillColor": "#ffd700", "fillOpacity": 1.0, "radius": 8, "weight": 2.5}
#: Layers planners imported (生态保护红线, 永久基本农田 or any other overlay).
OVERLAY_STYLE = {"color": "#d95f0e", "weight": 2, "fillColor": "#fec44f", "fillOpacity": 0.35, "dashArray": "4 3",
                 "radius": 6, "fill": True}
SELECTION_STYLE = {"color": "#00e5ff", "weight": 5, "fillOpacity": 0.05, "opacity": 1.0}

#: The no-tiles basemap, drawn from the project's own layers.
NO_TILES_BACKGROUND = "#eef0f2"
NO_TILES_DISTRICT = {"color": "#c9c3b6", "weight": 1, "fillColor": "#fbf8f1", "fillOpacity": 1.0}
NO_TILES_WATER_AREA = {"color": "#a6cee3", "weight": 0.5, "fillColor": "#cfe6f5", "fillOpacity": 1.0}
NO_TILES_WATER_LINE = {"color": "#a6cee3", "weight": 4, "opacity": 1.0}
NO_TILES_ROAD = {"color": "#ffffff", "weight": 5, "opacity": 1.0}
NO_TILES_ROAD_CASING = {"color": "#d9d4c7", "weight": 7, "opacity": 1.0}

PROJECT_RADIUS = 7

#: One symbol per family of categories (drawn on canvas by the SymbolMarker JS class).
SYMBOLS = ("circle", "square", "triangle", "diamond", "star", "cross", "hexagon")
CATEGORY_SYMBOLS: dict[str, str] = {
    "医养健康": "cross",
    "科研平台": "cross",
    "商务会展": "square",
    "城市综合体": "square",
    "新兴金融": "square",
    "智能制造": "hexagon",
    "能源电力": "hexagon",
    "水利": "hexagon",
    "文化旅游": "star",
    "特色街区": "star",
    "消费物流": "triangle",
    "道路": "triangle",
    "轨道交通": "triangle",
    "铁路": "triangle",
    "公路桥梁": "triangle",
    "旧城改造": "diamond",
    "幼儿园": "circle",
    "中小学": "circle",
    "公共服务": "circle",
    "生态环境": "circle",
    "现代农业": "circle",
}
assert set(CATEGORY_SYMBOLS) == set(CATEGORIES), "every category needs a symbol"
assert set(STATUS_COLORS) == set(STATUSES), "every status needs a colour"


def project_style(status: str, category: str) -> dict[str, Any]:
    """Style of a project marker or shape: colour by status, symbol by category."""
    color = STATUS_COLORS.get(status, STATUS_COLORS["未知"])
    return {
        "color": "#222222",
        "weight": 1,
        "fillColor": color,
        "fillOpacity": 0.95,
        "radius": PROJECT_RADIUS,
        "symbol": CATEGORY_SYMBOLS.get(category, "circle"),
        "lineColor": color,
    }


def metro_style(line: str, status: str) -> dict[str, Any]:
    style: dict[str, Any] = {"color": METRO_COLORS.get(line, METRO_DEFAULT), "weight": 5, "opacity": 0.9}
    if status != "竣工":
        style["dashArray"] = PLANNED_DASH
    return style


def symbol_svg(symbol: str, fill: str, size: int = 14) -> str:
    """Inline SVG of a legend symbol, matching the canvas drawing of SymbolMarker."""
    c = size / 2
    r = size / 2 - 1.5
    shapes = {
        "circle": f'<circle cx="{c}" cy="{c}" r="{r}"/>',
        "square": f'<rect x="{c - r * 0.85}" y="{c - r * 0.85}" width="{r * 1.7}" height="{r * 1.7}"/>',
        "triangle": f'<polygon points="{c},{c - r} {c + r},{c + r * 0.8} {c - r},{c + r * 0.8}"/>',
        "diamond": f'<polygon points="{c},{c - r} {c + r},{c} {c},{c + r} {c - r},{c}"/>',
        "star": _star_svg(c, r),
        "cross": _cross_svg(c, r),
        "hexagon": _hexagon_svg(c, r),
    }
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" style="vertical-align:middle">'
        f'<g fill="{fill}" stroke="#222" stroke-width="1">{shapes[symbol]}</g></svg>'
    )


def _points(c: float, pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{c + x:.2f},{c + y:.2f}" for x, y in pts)


def _star_svg(c: float, r: float) -> str:
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.45
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((rad * math.cos(a), rad * math.sin(a)))
    return f'<polygon points="{_points(c, pts)}"/>'


def _cross_svg(c: float, r: float) -> str:
    w = r * 0.38
    pts = [(-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w), (w, r), (-w, r), (-w, w), (-r, w), (-r, -w), (-w, -w)]
    return f'<polygon points="{_points(c, pts)}"/>'


def _hexagon_svg(c: float, r: float) -> str:
    pts = [(r * math.cos(math.pi / 6 + i * math.pi / 3), r * math.sin(math.pi / 6 + i * math.pi / 3)) for i in range(6)]
    return f'<polygon points="{_points(c, pts)}"/>'
