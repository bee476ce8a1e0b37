"""Basemaps: the no-tiles basemap drawn from our own layers, OpenStreetMap, 高德 (GCJ-02) and 天地图.

``gcj`` tells the builders to shift every overlay to GCJ-02, because Gaode
tiles are drawn in GCJ-02 (about 500 m east of WGS84 around Jinan).
天地图 (CGCS2000, within a metre of WGS84) needs a personal key (``tk``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Basemap:
    id: str
    title_zh: str
    title_en: str
    tiles: tuple[str, ...]  # URL templates; empty for the no-tiles basemap
    attribution: str
    subdomains: str = "abc"
    gcj: bool = False
    needs_key: bool = False
    max_zoom: int = 18

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


_TIANDITU = "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={{tk}}"

BASEMAPS: dict[str, Basemap] = {
    b.id: b
    for b in (
        Basemap("none", "无瓦片（离线）", "No tiles (offline)", (), "槐荫规划一张图 · 自绘底图 / own layers"),
        Basemap(
            "osm",
            "OpenStreetMap",
            "OpenStreetMap",
            ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
            "&copy; OpenStreetMap contributors",
            subdomains="abc",
            max_zoom=19,
        ),
        Basemap(
            "gaode",
            "高德地图（GCJ-02）",
            "Gaode (GCJ-02)",
            ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",),
            "&copy; 高德地图 AutoNavi",
            subdomains="1234",
            gcj=True,
        ),
        Basemap(
            "tianditu",
            "天地图",
            "Tianditu",
            (_TIANDITU.format(s="{s}", layer="vec"), _TIANDITU.format(s="{s}", layer="cva")),
            "&copy; 天地图 Tianditu",
            subdomains="01234567",
            needs_key=True,
        ),
    )
}
DEFAULT_BASEMAP = "none"


def available_basemaps(tianditu_key: str | None) -> list[Basemap]:
    """Basemaps that can be offered: 天地图 only when a key is configured."""
    return [b for b in BASEMAPS.values() if not b.needs_key or tianditu_key]
