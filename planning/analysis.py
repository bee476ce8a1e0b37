"""Spatial analysis in a projected CRS: areas, zone assignment, distances.

Lengths and areas are computed in CGCS2000 / 3-degree Gauss-Kruger CM 117E
(EPSG:4548), which is true to within 0.001 % in the district; EPSG:3857 would
overstate areas by about 56 %. Areas are reported in hectares and 亩
(1 亩 = 666.67 m², i.e. 10,000/15 m²).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
PROJECTED = "EPSG:4548"
M2_PER_MU = 10000.0 / 15.0
M2_PER_HA = 10000.0


def to_projected(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4548 (metres)."""
    return gdf.to_crs(PROJECTED)


def m2_to_ha(m2: float) -> float:
    return m2 / M2_PER_HA


def m2_to_mu(m2: float) -> float:
    return m2 / M2_PER_MU


def areas_m2(gdf: gpd.GeoDataFrame) -> pd.Series:
    """Area of each geometry in m², measured in EPSG:4548."""
    if gdf.empty:
        return pd.Series(dtype=float)
    return to_projected(gdf).area


def assign_zones(
    features: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    override_column: str = "zone_override",
    zones_projected: gpd.GeoDataFrame | None = None,
) -> pd.Series:
    """Zone ids of each feature, by spatial join (intersects) in EPSG:4548.

    A feature may lie in several zones (a core and the axis crossing it) or in
    none. Where ``override_column`` holds a non-empty list, that list is used
    instead: it is meant for point footprints whose zone the plan states.
    Returns a Series of sorted lists, indexed like ``features``.
    ``zones_projected``: the zones' ``id`` and geometry already in EPSG:4548 (not reprojected again).
    """
    result = pd.Series([[] for _ in range(len(features))], index=features.index, dtype=object)
    if features.empty:
        return result
    if not zones.empty:
        left = to_projected(features[["geometry"]])
        right = zones_projected if zones_projected is not None else to_projected(zones[["id", "geometry"]])
        joined = gpd.sjoin(left, right, how="inner", predicate="intersects")
        grouped = joined.groupby(level=0)["id"].agg(lambda ids: sorted(set(ids)))
        for index, ids in grouped.items():
            result.at[index] = ids
    if override_column in features.columns:
        for index, override in features[override_column].items():
            if isinstance(override, list) and override:
                result.at[index] = sorted(override)
    return result


def distance_m(a: BaseGeometry, b: BaseGeometry) -> float:
    """Shortest distance in metres between two WGS84 geometries."""
    projected = gpd.GeoSeries([a, b], crs=WGS84).to_crs(PROJECTED)
    return float(projected.iloc[0].distance(projected.iloc[1]))


def share_inside(geom: BaseGeometry, area: BaseGeometry) -> float:
    """Share (0..1) of ``geom`` inside ``area``: by area, length, or point count."""
    projected = gpd.GeoSeries([geom, area], crs=WGS84).to_crs(PROJECTED)
    g, a = projected.iloc[0], projected.iloc[1]
    if g.geom_type.endswith("Polygon"):
        return float(g.intersection(a).area / g.area) if g.area else 0.0
    if g.geom_type.endswith("LineString"):
        return float(g.intersection(a).length / g.length) if g.length else 0.0
    points = list(getattr(g, "geoms", [g]))
    return sum(1 for p in points if a.buffer(1.0).contains(p)) / len(points)
