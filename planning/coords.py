"""Chinese web-map coordinate systems: WGS84 ↔ GCJ-02 (Gaode/AMap, Tencent) and BD-09 (Baidu).

GCJ-02 is WGS84 plus a published, non-linear obfuscation offset (about 500 m
east and 10–30 m north around Jinan). The forward transform is the public
formula; the inverse has no closed form and is solved by fixed-point
iteration until the round trip is within 1e-9 degrees (well under a
centimetre). Outside China the offset is zero, as in every implementation.

Functions take and return ``(lon, lat)`` in degrees; the ``*_geometry``
helpers apply them to shapely geometries.
"""

from __future__ import annotations

import math

from shapely import transform
from shapely.geometry.base import BaseGeometry

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0
_MAX_ITERATIONS = 30
_TOLERANCE_DEG = 1e-9


def _outside_china(lon: float, lat: float) -> bool:
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _delta_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """Shift a WGS84 point to GCJ-02 (what Gaode tiles expect)."""
    if _outside_china(lon, lat):
        return lon, lat
    d_lat = _delta_lat(lon - 105.0, lat - 35.0)
    d_lon = _delta_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lon + d_lon, lat + d_lat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Exact inverse of :func:`wgs84_to_gcj02`, by fixed-point iteration."""
    if _outside_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _ in range(_MAX_ITERATIONS):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = g_lon - lon, g_lat - lat
        w_lon -= e_lon
        w_lat -= e_lat
        if abs(e_lon) < _TOLERANCE_DEG and abs(e_lat) < _TOLERANCE_DEG:
            break
    return w_lon, w_lat


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 to Baidu's BD-09."""
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """Exact inverse of :func:`gcj02_to_bd09`, by fixed-point iteration."""
    g_lon, g_lat = lon - 0.0065, lat - 0.006
    for _ in range(_MAX_ITERATIONS):
        b_lon, b_lat = gcj02_to_bd09(g_lon, g_lat)
        e_lon, e_lat = b_lon - lon, b_lat - lat
        g_lon -= e_lon
        g_lat -= e_lat
        if abs(e_lon) < _TOLERANCE_DEG and abs(e_lat) < _TOLERANCE_DEG:
            break
    return g_lon, g_lat


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Baidu BD-09 to WGS84."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def _apply(geom: BaseGeometry, func) -> BaseGeometry:  # noqa: ANN001 - point function
    def _on_array(coords):  # noqa: ANN001, ANN202 - shapely passes an (n, 2) array
        out = coords.copy()
        for i, (x, y) in enumerate(coords):
            out[i] = func(float(x), float(y))
        return out

    return transform(geom, _on_array)


def gcj02_to_wgs84_geometry(geom: BaseGeometry) -> BaseGeometry:
    """Convert every vertex of a GCJ-02 geometry to WGS84."""
    return _apply(geom, gcj02_to_wgs84)


def wgs84_to_gcj02_geometry(geom: BaseGeometry) -> BaseGeometry:
    """Shift every vertex of a WGS84 geometry to GCJ-02 (for Gaode tiles)."""
    return _apply(geom, wgs84_to_gcj02)
