"""Every colour, width and symbol of the map, in one place.

The legend is drawn from these same tables, so map and legend never differ.
"""

from __future__ import annotations

import math
from typing import Any

from planning.model import CATEGORIES, STATUSES

#: Project status: the fill colour of every project symbol, and a colour no other point layer uses
#: (Paul Tol's "vibrant" scheme, distinguishable with the common colour-vision deficiencies;
#: unknown is a neutral grey). Other point layers are drawn in black, white or violet.
STATUS_COLORS: dict[str, str] = {
    "储备": "#33bbee",
    "开工": "#ee7733",
    "在建": "#cc3311",
    "竣工": "#009988",
    "未知": "#bbbbbb",
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
#: Heritage: its own symbol (a roofed house) in its own colour family (violet), never a status colour.
HERITAGE_STYLE = {"color": "#5e3c99", "fillColor": "#d8cbee", "fillOpacity": 1.0, "radius": 7, "weight": 2.5,
                  "symbol": "house"}
#: The plan's named existing places (landmarks.geojson: 商圈, 医院, 景区 …): a small white diamond, dark outline
#: (neither a status colour nor heritage's violet).
LANDMARK_STYLE = {"color": "#333333", "fillColor": "#ffffff", "fillOpacity": 1.0, "radius": 5.5, "weight": 2,
                  "symbol": "diamond"}
STATION_STYLE = {"color": "#222222", "fillColor": "#ffffff", "fillOpacity": 1.0, "radius": 4.5, "weight": 2}
RAIL_STATION_STYLE = {"color": "#000000", "fillColor": "#ffffff", "fillOpacity": 1.0, "radius": 8, "weight": 3,
                      "symbol": "square"}
#: Layers planners imported (生态保护红线, 永久基本农田 or any other overlay).
OVERLAY_STYLE = {"color": "#d95f0e", "weight": 2, "fillColor": "#fec44f", "fillOpacity": 0.35, "dashArray": "4 3",
                 "radius": 6, "fill": True}
SELECTION_STYLE = {"color": "#00e5ff", "weight": 5, "fillOpacity": 0.05, "opacity": 1.0}
#: Zones picked by the zone filter: a dark outline over their own colours.
ZONE_FILTER_STYLE = {"color": "#111111", "weight": 4, "opacity": 0.9, "fill": False, "dashArray": "1 0"}

#: The no-tiles basemap, drawn from the project's own layers.
NO_TILES_BACKGROUND = "#eef0f2"
NO_TILES_DISTRICT = {"color": "#c9c3b6", "weight": 1, "fillColor": "#fbf8f1", "fillOpacity": 1.0}
NO_TILES_WATER_AREA = {"color": "#a6cee3", "weight": 0.5, "fillColor": "#cfe6f5", "fillOpacity": 1.0}
NO_TILES_WATER_LINE = {"color": "#a6cee3", "weight": 4, "opacity": 1.0}
NO_TILES_ROAD = {"color": "#ffffff", "weight": 5, "opacity": 1.0}
NO_TILES_ROAD_CASING = {"color": "#d9d4c7", "weight": 7, "opacity": 1.0}

PROJECT_RADIUS = 8

#: Shapes SymbolMarker draws on canvas; a symbol is ``shape`` or ``shape+mark`` (mark: ``dot``, a dark
#: centre, or ``hole``, a white one), so each category has a symbol of its own.
SHAPES = ("circle", "square", "triangle", "triangle-down", "diamond", "star", "cross", "hexagon", "house")
MARKS = ("dot", "hole")
#: One symbol per category; categories of one family share the shape and differ by the mark.
CATEGORY_SYMBOLS: dict[str, str] = {
    "幼儿园": "circle",
    "中小学": "circle+dot",
    "公共服务": "circle+hole",
    "医养健康": "cross",
    "科研平台": "cross+dot",
    "商务会展": "square",
    "城市综合体": "square+dot",
    "新兴金融": "square+hole",
    "智能制造": "hexagon",
    "能源电力": "hexagon+dot",
    "水利": "hexagon+hole",
    "文化旅游": "star",
    "特色街区": "star+dot",
    "道路": "triangle",
    "公路桥梁": "triangle+dot",
    "消费物流": "triangle+hole",
    "轨道交通": "triangle-down",
    "铁路": "triangle-down+dot",
    "旧城改造": "diamond",
    "生态环境": "diamond+dot",
    "现代农业": "diamond+hole",
}
assert len(set(CATEGORY_SYMBOLS.values())) == len(CATEGORY_SYMBOLS), "one symbol per category"
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


def symbol_svg(symbol: str, fill: str, size: int = 16, stroke: str = "#222", stroke_width: float = 1) -> str:
    """Inline SVG of a symbol (``shape`` or ``shape+mark``), matching the canvas drawing of SymbolMarker."""
    shape, _, mark = symbol.partition("+")
    c = size / 2
    r = size / 2 - 1.5
    shapes = {
        "circle": f'<circle cx="{c}" cy="{c}" r="{r}"/>',
        "square": f'<rect x="{c - r * 0.85}" y="{c - r * 0.85}" width="{r * 1.7}" height="{r * 1.7}"/>',
        "triangle": f'<polygon points="{c},{c - r} {c + r},{c + r * 0.8} {c - r},{c + r * 0.8}"/>',
        "triangle-down": f'<polygon points="{c},{c + r} {c + r},{c - r * 0.8} {c - r},{c - r * 0.8}"/>',
        "diamond": f'<polygon points="{c},{c - r} {c + r},{c} {c},{c + r} {c - r},{c}"/>',
        "star": _star_svg(c, r),
        "cross": _cross_svg(c, r),
        "hexagon": _hexagon_svg(c, r),
        "house": _house_svg(c, r),
    }
    marks = {"dot": f'<circle cx="{c}" cy="{c}" r="{r * 0.32:.2f}" fill="#222" stroke="none"/>',
             "hole": f'<circle cx="{c}" cy="{c}" r="{r * 0.32:.2f}" fill="#fff" stroke="#222"/>'}
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" style="vertical-align:middle">'
        f'<g fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}">{shapes[shape]}{marks.get(mark, "")}</g></svg>'
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


def _house_svg(c: float, r: float) -> str:
    pts = [(0, -r), (r, -r * 0.15), (r * 0.8, -r * 0.15), (r * 0.8, r * 0.85), (-r * 0.8, r * 0.85), (-r * 0.8, -r * 0.15),
           (-r, -r * 0.15)]
    return f'<polygon points="{_points(c, pts)}"/>'

#: Zones are drawn in this order (larger kinds below, so every zone keeps a part of its own to click).
ZONE_DRAW_ORDER = ("district", "core", "belt", "axis")
