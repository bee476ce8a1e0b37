"""Transport access of a site (a zone or a project), for the investors' fact sheet.

Three straight-line distances, measured in EPSG:4548 from the site's edge
(0 when the place is inside the site): the nearest metro station on a line
in operation (status 竣工; planned lines are named, never counted as
access), 济南西站, and the nearest expressway. The data has no expressway
entrances, so that line says so and gives the distance to the expressway
itself: unknown stays unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from planning.plan import Plan

PROJECTED = "EPSG:4548"
WGS84 = "EPSG:4326"
WEST_STATION_ID = "jinanxi"
OPERATING = "竣工"


@dataclass(frozen=True)
class Access:
    """One access line: what (zh, en), the place's name (zh, en), the distance in metres (None: unknown), a note."""

    what_zh: str
    what_en: str
    name_zh: str
    name_en: str
    distance_m: float | None
    note_zh: str = ""
    note_en: str = ""

    def what(self, lang: str) -> str:
        return self.what_zh if lang == "zh" else self.what_en

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else (self.name_en or self.name_zh)

    def note(self, lang: str) -> str:
        return self.note_zh if lang == "zh" else self.note_en


def format_distance(distance_m: float | None, lang: str) -> str:
    """``1.2 km`` / ``350 m``; ``在范围内`` / ``inside`` at 0; ``未知`` / ``unknown`` without a distance."""
    if distance_m is None:
        return "未知" if lang == "zh" else "unknown"
    if distance_m < 1:
        return "在范围内" if lang == "zh" else "inside the site"
    if distance_m < 1000:
        return f"{distance_m:,.0f} 米" if lang == "zh" else f"{distance_m:,.0f} m"
    return f"{distance_m / 1000:,.1f} 公里" if lang == "zh" else f"{distance_m / 1000:,.1f} km"


def _distances(layer: gpd.GeoDataFrame, site: BaseGeometry) -> gpd.GeoSeries:
    shape = gpd.GeoSeries([site], crs=WGS84).to_crs(PROJECTED).iloc[0]
    return layer.to_crs(PROJECTED).distance(shape)


def _metro(plan: Plan, site: BaseGeometry) -> Access:
    stations, lines = plan.layer("metro_stations"), plan.layer("metro_lines")
    what = ("最近的运营地铁站", "Nearest metro station in operation")
    if stations.empty or lines.empty:
        return Access(*what, "数据中没有地铁站", "no metro station in the data", None)
    operating = {str(row["line"]) for _, row in lines.iterrows() if row.get("status") == OPERATING}
    planned = sorted({str(row["line"]) for _, row in lines.iterrows() if row.get("status") != OPERATING})
    served = stations[stations["lines"].apply(lambda ls: any(str(x) in operating for x in (ls or [])))]
    if served.empty:
        return Access(*what, "数据中没有运营线路的站点", "no station of a line in operation", None)
    distances = _distances(served, site)
    best = served.loc[distances.idxmin()]
    names = "、".join(f"{x}号线" for x in best["lines"])
    note_zh = f"站点线路：{names}" + (f"；{'、'.join(planned)}号线为规划线路，未计入" if planned else "")
    note_en = f"lines: {', '.join(str(x) for x in best['lines'])}" + (
        f"; lines {', '.join(planned)} are planned and not counted" if planned else "")
    return Access(*what, str(best["name_zh"]), str(best.get("name_en") or ""), float(distances.min()), note_zh, note_en)


def _west_station(plan: Plan, site: BaseGeometry) -> Access:
    rail = plan.layer("rail_stations")
    what = ("济南西站（高铁）", "Jinan West station (high-speed rail)")
    row = rail[rail["id"] == WEST_STATION_ID] if not rail.empty else rail
    if row.empty:
        return Access(*what, "数据中没有济南西站", "not in the data", None)
    return Access(*what, "济南西站", str(row.iloc[0].get("name_en") or "Jinan West"), float(_distances(row, site).min()))


def _expressway(plan: Plan, site: BaseGeometry) -> Access:
    roads = plan.layer("roads")
    what = ("高速公路出入口", "Expressway entrance")
    ways = roads[roads["road_class"] == "expressway"] if not roads.empty and "road_class" in roads else roads.iloc[0:0]
    if ways.empty:
        return Access(*what, "未知", "unknown", None, "数据中没有高速公路", "no expressway in the data")
    distances = _distances(ways, site)
    best = ways.loc[distances.idxmin()]
    name_zh, name_en = str(best["name_zh"]), str(best.get("name_en") or best["name_zh"])
    if distances.min() < 1:
        where_zh, where_en = f"{name_zh}穿过该范围", f"{name_en} crosses the site"
    else:
        where_zh = f"最近的高速公路为{name_zh}，直线距离 {format_distance(distances.min(), 'zh')}"
        where_en = f"the nearest expressway is {name_en}, {format_distance(distances.min(), 'en')} away in a straight line"
    return Access(*what, "未知", "unknown", None, f"数据中没有出入口位置；{where_zh}",
                  f"the data has no entrances; {where_en}")


def site_access(plan: Plan, site: BaseGeometry) -> list[Access]:
    """Metro, 济南西站 and expressway access of a WGS84 geometry."""
    return [_metro(plan, site), _west_station(plan, site), _expressway(plan, site)]
