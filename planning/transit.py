"""Transit catchments and zone statistics, measured in EPSG:4548 (metres).

- :func:`catchments`: each station's 500 m and 800 m catchment (a buffer of
  the station in EPSG:4548), the projects inside it and the area of every
  zone inside it;
- :func:`far_projects`: projects farther than 1 km from any station, with
  their nearest station;
- :func:`zone_statistics`: a zone's area (m², ha, km², 亩), its projects by
  status and category, projects per km², and the share of its area within
  800 m of a station.

Stations are the metro stations and the railway stations of the plan.
Catchment circles are drawn with 64 segments a quarter, so their area is
within 0.01 % of πr².
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from planning.analysis import PROJECTED, WGS84, m2_to_ha, m2_to_mu
from planning.model import CATEGORIES, STATUSES
from planning.plan import Plan

RADII_M = (500, 800)
FAR_M = 1000.0
QUAD_SEGS = 64
STATION_LAYERS = {"metro_stations": "metro", "rail_stations": "rail"}


def stations(plan: Plan) -> gpd.GeoDataFrame:
    """Metro and railway stations (EPSG:4326) with ``id``, ``name_zh``, ``name_en``, ``kind``."""
    frames = []
    for layer_id, kind in STATION_LAYERS.items():
        gdf = plan.layer(layer_id)
        if gdf.empty:
            continue
        frame = gdf[["id", "geometry"]].copy()
        frame["name_zh"] = gdf["name_zh"] if "name_zh" in gdf else gdf["id"]
        frame["name_en"] = gdf["name_en"] if "name_en" in gdf else gdf["id"]
        frame["kind"] = kind
        frames.append(frame)
    if not frames:
        return gpd.GeoDataFrame({c: pd.Series(dtype=str) for c in ("id", "name_zh", "name_en", "kind")},
                                geometry=gpd.GeoSeries([], crs=WGS84))
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=WGS84)


def catchment_areas(plan: Plan, radii: tuple[int, ...] = RADII_M) -> gpd.GeoDataFrame:
    """One catchment polygon per station and radius, in EPSG:4548, with ``station_id`` … ``radius_m``."""
    points = stations(plan).to_crs(PROJECTED)
    rows = [
        {"station_id": s["id"], "name_zh": s["name_zh"], "name_en": s["name_en"], "kind": s["kind"], "radius_m": radius,
         "geometry": s.geometry.buffer(radius, quad_segs=QUAD_SEGS)}
        for radius in radii
        for _, s in points.iterrows()
    ]
    if not rows:
        return gpd.GeoDataFrame(columns=["station_id", "name_zh", "name_en", "kind", "radius_m", "geometry"],
                                geometry="geometry", crs=PROJECTED)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=PROJECTED)


def catchments(plan: Plan, radii: tuple[int, ...] = RADII_M) -> pd.DataFrame:
    """Per station and radius: catchment area, the projects inside, and each zone's area inside (ha).

    Columns: ``station_id``, ``name_zh``, ``name_en``, ``kind``, ``radius_m``,
    ``area_ha``, ``project_ids`` (sorted list), ``project_count``,
    ``zone_ha`` (``{zone_id: ha}``, zones that overlap only).
    """
    areas = catchment_areas(plan, radii)
    projects = plan.projects.to_crs(PROJECTED) if not plan.projects.empty else plan.projects
    zones = plan.zones.to_crs(PROJECTED) if not plan.zones.empty else plan.zones
    rows = []
    for _, c in areas.iterrows():
        inside = projects[projects.intersects(c.geometry)] if not projects.empty else projects
        zone_ha = {}
        for _, z in zones[zones.intersects(c.geometry)].iterrows() if not zones.empty else []:
            zone_ha[z["id"]] = m2_to_ha(z.geometry.intersection(c.geometry).area)
        rows.append({
            "station_id": c["station_id"], "name_zh": c["name_zh"], "name_en": c["name_en"], "kind": c["kind"],
            "radius_m": c["radius_m"], "area_ha": m2_to_ha(c.geometry.area),
            "project_ids": sorted(inside["id"]) if not inside.empty else [], "project_count": len(inside),
            "zone_ha": zone_ha,
        })
    return pd.DataFrame(rows, columns=["station_id", "name_zh", "name_en", "kind", "radius_m", "area_ha",
                                       "project_ids", "project_count", "zone_ha"])


def nearest_station(plan: Plan, geometry: BaseGeometry) -> dict[str, Any] | None:
    """The station nearest to a WGS84 geometry, with the distance in metres; ``None`` without stations."""
    points = stations(plan)
    if points.empty:
        return None
    projected = points.to_crs(PROJECTED)
    shape = gpd.GeoSeries([geometry], crs=WGS84).to_crs(PROJECTED).iloc[0]
    distances = projected.distance(shape)
    best = distances.idxmin()
    row = projected.loc[best]
    return {"id": row["id"], "name_zh": row["name_zh"], "name_en": row["name_en"], "kind": row["kind"],
            "distance_m": float(distances[best])}


def far_projects(plan: Plan, threshold_m: float = FAR_M) -> pd.DataFrame:
    """Projects farther than ``threshold_m`` from every station, farthest first, with the nearest station."""
    columns = ["id", "name_zh", "name_en", "category", "status", "nearest_station", "nearest_name_zh",
               "nearest_name_en", "distance_m"]
    projects, points = plan.projects, stations(plan)
    if projects.empty or points.empty:
        return pd.DataFrame(columns=columns)
    joined = gpd.sjoin_nearest(
        projects[["id", "name_zh", "name_en", "category", "status", "geometry"]].to_crs(PROJECTED),
        points.rename(columns={"id": "station", "name_zh": "s_zh", "name_en": "s_en"}).to_crs(PROJECTED),
        how="left", distance_col="distance_m",
    )
    joined = joined.sort_values("distance_m").drop_duplicates("id")  # ties: one nearest station per project
    far = joined[joined["distance_m"] > threshold_m].sort_values("distance_m", ascending=False)
    far = far.rename(columns={"station": "nearest_station", "s_zh": "nearest_name_zh", "s_en": "nearest_name_en"})
    return pd.DataFrame(far[columns]).reset_index(drop=True)


def _coverage(zone_geom: BaseGeometry, areas: gpd.GeoDataFrame, radius: int) -> float:
    circles = areas[areas["radius_m"] == radius]
    if circles.empty or zone_geom.area == 0:
        return 0.0
    covered = unary_union(list(circles.geometry)).intersection(zone_geom).area
    return covered / zone_geom.area


def zone_statistics(plan: Plan, zone_id: str) -> dict[str, Any]:
    """A zone's area, its projects by status and category, density, and share within 800 m of a station.

    Returns
    -------
    dict
        ``zone_id``, ``name_zh``, ``name_en``, ``area_m2``, ``area_ha``,
        ``area_km2``, ``area_mu``, ``projects`` (count), ``by_status``
        (every status, zeros included), ``by_category`` (categories present),
        ``density_per_km2`` (projects per km²), ``transit_share_800m`` (0..1).

    Raises
    ------
    KeyError
        When the plan has no zone ``zone_id``.
    """
    zone = plan.feature("zones", zone_id)
    if zone is None:
        msg = f"no zone {zone_id!r} in the plan (zones: {', '.join(plan.zones['id']) if not plan.zones.empty else 'none'})"
        raise KeyError(msg)
    geom = gpd.GeoSeries([zone.geometry], crs=WGS84).to_crs(PROJECTED).iloc[0]
    area = float(geom.area)
    projects = plan.projects_in_zone(zone_id)
    status = Counter(projects["status"]) if not projects.empty else Counter()
    category = Counter(projects["category"]) if not projects.empty else Counter()
    km2 = area / 1e6
    return {
        "zone_id": zone_id, "name_zh": zone.get("name_zh"), "name_en": zone.get("name_en"),
        "area_m2": area, "area_ha": m2_to_ha(area), "area_km2": km2, "area_mu": m2_to_mu(area),
        "projects": len(projects),
        "by_status": {s: status.get(s, 0) for s in STATUSES},
        "by_category": {c: category[c] for c in CATEGORIES if category.get(c)},
        "density_per_km2": len(projects) / km2 if km2 else 0.0,
        "transit_share_800m": _coverage(geom, catchment_areas(plan, (800,)), 800),
    }


def zone_statistics_table(plan: Plan) -> pd.DataFrame:
    """:func:`zone_statistics` of every zone as one table (status counts as columns)."""
    rows = []
    for zone_id in plan.zones["id"] if not plan.zones.empty else []:
        stats = zone_statistics(plan, zone_id)
        row = {k: v for k, v in stats.items() if k not in ("by_status", "by_category")}
        row.update({f"status:{s}": n for s, n in stats["by_status"].items()})
        row["categories"] = "; ".join(f"{c} {n}" for c, n in stats["by_category"].items())
        rows.append(row)
    return pd.DataFrame(rows)
