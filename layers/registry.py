"""The one registry of map layers: id, group, titles, how each feature is styled and labelled.

Every overlay of the map enters through :data:`LAYERS`; builders and the
legend read it, nothing else lists layers.
"""

from __future__ import annotations

from planning.messages import Messages
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from layers import styles

StyleKey = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class LayerSpec:
    """How one plan layer appears on the map."""

    id: str
    group: str  # key of GROUPS
    title_zh: str
    title_en: str
    style_key: StyleKey
    show: bool = True
    interactive: bool = True
    permanent_labels: bool = False

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


GROUPS = Messages("layer_groups")


def _zone_key(p: dict[str, Any]) -> str:
    return f"zone:{p.get('kind')}"


def _metro_key(p: dict[str, Any]) -> str:
    return f"metro:{p.get('line')}:{p.get('status')}"


def _rail_key(p: dict[str, Any]) -> str:
    return f"rail:{p.get('rail_kind')}"


def _road_key(p: dict[str, Any]) -> str:
    return f"road:{p.get('road_class')}"


def _water_key(p: dict[str, Any]) -> str:
    return f"water:{p.get('water_kind')}"


def _const(key: str) -> StyleKey:
    return lambda _p: key


def project_key(p: dict[str, Any], *, is_point: bool) -> str:
    if is_point:
        return f"project:{p.get('status')}:{p.get('category')}"
    return f"project-shape:{p.get('status')}"


LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec("boundary", "base", "槐荫区界", "District boundary", _const("boundary"), interactive=False),
    LayerSpec("zones", "plan", "两核三区、三纵三横", "Cores, districts, belts, axes", _zone_key, permanent_labels=True),
    LayerSpec("water", "ecology", "河湖湿地", "Rivers, lakes, wetlands", _water_key),
    LayerSpec("parks", "ecology", "公园绿地", "Parks and forests", _const("park")),
    LayerSpec("roads", "transport", "道路", "Roads", _road_key, show=False),
    LayerSpec("rail_lines", "transport", "铁路", "Railways", _rail_key),
    LayerSpec("metro_lines", "transport", "轨道交通", "Metro lines", _metro_key),
    LayerSpec("metro_stations", "transport", "轨道交通站点", "Metro stations", _const("station")),
    LayerSpec("rail_stations", "transport", "铁路车站", "Railway stations", _const("rail_station")),
    LayerSpec("heritage", "heritage", "历史文化遗存", "Heritage sites", _const("heritage")),
    LayerSpec("landmarks", "plan", "规划载体（已有地点）", "Carriers (existing places)", _const("landmark")),
)

LAYER_BY_ID = {spec.id: spec for spec in LAYERS}


def style_table() -> dict[str, dict[str, Any]]:
    """Every style key the map can use → its Leaflet style."""
    table: dict[str, dict[str, Any]] = {
        "boundary": styles.BOUNDARY_STYLE,
        "park": styles.PARK_STYLE,
        "station": styles.STATION_STYLE,
        "rail_station": styles.RAIL_STATION_STYLE,
        "heritage": styles.HERITAGE_STYLE,
        "landmark": styles.LANDMARK_STYLE,
        "rail:high_speed": styles.RAIL_STYLE,
        "rail:conventional": styles.RAIL_CONVENTIONAL_STYLE,
        "water:river": styles.WATER_LINE_STYLE,
        "water:canal": styles.WATER_LINE_STYLE,
        "water:lake": styles.WATER_AREA_STYLE,
        "water:reservoir": styles.WATER_AREA_STYLE,
        "water:wetland": styles.WETLAND_STYLE,
    }
    for kind, style in styles.ZONE_STYLES.items():
        table[f"zone:{kind}"] = {k: v for k, v in style.items() if v is not None}
    for road_class, style in styles.ROAD_STYLES.items():
        table[f"road:{road_class}"] = style
    for line in styles.METRO_COLORS:
        for status in styles.STATUS_COLORS:
            table[f"metro:{line}:{status}"] = styles.metro_style(line, status)
    for status, color in styles.STATUS_COLORS.items():
        for category in styles.CATEGORY_SYMBOLS:
            table[f"project:{status}:{category}"] = styles.project_style(status, category)
        table[f"project-shape:{status}"] = {"color": color, "weight": 5, "opacity": 0.9, "fillColor": color, "fillOpacity": 0.35}
    return table
