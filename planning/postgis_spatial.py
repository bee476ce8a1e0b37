"""The heavy spatial queries, run inside PostGIS on a :class:`~planning.postgis.PostgisStore`.

Each query gives the same result as the in-memory computation on the loaded
plan (tests compare them on the shipped data):

- :func:`zone_assignment` — like the ``zone_ids`` column :func:`~planning.plan.load_plan`
  computes with :func:`planning.analysis.assign_zones` (``ST_Intersects`` in
  EPSG:4548; a non-empty ``zone_override`` naming known zones wins);
- :func:`overlap_areas` — the area (m², EPSG:4548) of every overlapping pair
  of features of two layers (or of one layer with itself), like
  :func:`overlap_areas_in_memory` with GeoPandas;
- :func:`zone_statistics` — like :func:`planning.transit.zone_statistics`
  (area, projects by status and category, share within 800 m of a station);
- :func:`catchments` — like :func:`planning.transit.catchments`: the projects
  within each station's 500 m / 800 m circle (``ST_DWithin`` on the index,
  then the same 64-segments-a-quarter circle) and each zone's area inside it.

Geometries are compared in EPSG:4548 (as :mod:`planning.analysis` does),
using the stored column ``geom_m`` (``ST_Transform(geom, 4548)``, generated
by PostgreSQL) and its GiST index, so no geometry is transformed twice. Ids are
sorted in Python, so the database's collation does not matter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from planning.analysis import PROJECTED, m2_to_ha, m2_to_mu
from planning.model import CATEGORIES, STATUSES
from planning.postgis import PostgisStore

ZONES = "zones.geojson"
PROJECTS = "projects.geojson"
#: Station layers in the order planning.transit.stations uses, with their kind.
STATION_LAYERS = (("metro_stations.geojson", "metro"), ("rail_stations.geojson", "rail"))
QUAD_SEGS = 64


@dataclass(frozen=True, order=True)
class Overlap:
    """Two overlapping features and the area they share (m², EPSG:4548)."""

    a_id: str
    b_id: str
    m2: float


#: Zones drive the join: each zone is read once and tested against the projects its box meets
#: (PostGIS then reuses the zone's prepared geometry), instead of every project re-reading heavy zones.
_ZONE_PAIRS_SQL = """
WITH z AS MATERIALIZED (SELECT id, geom_m FROM plan_features WHERE layer = %(zones)s AND geom_m IS NOT NULL)
SELECT p.id, z.id FROM z JOIN plan_features p ON p.layer = %(projects)s AND ST_Intersects(z.geom_m, p.geom_m)
"""


def zone_assignment(store: PostgisStore, projects: str = PROJECTS, zones: str = ZONES) -> dict[str, list[str]]:
    """Sorted zone ids of every project, computed in PostGIS.

    A project's ``zone_override`` (a list) replaces the spatial result when,
    kept to the ids of existing zones, it is not empty — as in
    :func:`~planning.plan.load_plan`.
    """
    with store.connection("assigning projects to zones") as conn:
        zone_ids = {r[0] for r in conn.execute("SELECT id FROM plan_features WHERE layer = %s", (zones,))}
        overrides = conn.execute(
            "SELECT id, (props -> 'zone_override')::text FROM plan_features WHERE layer = %s ORDER BY ord",
            (projects,)).fetchall()
        pairs = conn.execute(_ZONE_PAIRS_SQL, {"zones": zones, "projects": projects}).fetchall()
    found: dict[str, list[str]] = {project_id: [] for project_id, _ in overrides}
    for project_id, zone_id in pairs:
        found[project_id].append(zone_id)
    result: dict[str, list[str]] = {}
    for project_id, override_text in overrides:
        override = json.loads(override_text) if override_text else None
        kept = [z for z in override if z in zone_ids] if isinstance(override, list) else []
        result[project_id] = sorted(kept) if kept else sorted(found[project_id])
    return result


#: A feature inside the other shares all of its area: no intersection to compute (the common case).
_OVERLAP_SQL = """
SELECT a.id, b.id,
       CASE WHEN ST_Covers(b.geom_m, a.geom_m) THEN ST_Area(a.geom_m)
            WHEN ST_Covers(a.geom_m, b.geom_m) THEN ST_Area(b.geom_m)
            ELSE ST_Area(ST_Intersection(a.geom_m, b.geom_m)) END
FROM plan_features a
JOIN plan_features b ON b.layer = %(b)s AND ST_Intersects(b.geom_m, a.geom_m)
WHERE a.layer = %(a)s AND (%(a)s <> %(b)s OR a.id < b.id)
"""


def overlap_areas(store: PostgisStore, layer_a: str, layer_b: str) -> list[Overlap]:
    """Every pair (feature of ``layer_a``, feature of ``layer_b``) sharing a positive area, sorted.

    With ``layer_a == layer_b`` each unordered pair appears once (``a_id < b_id``).
    Features touching along an edge only, lines and points share no area and are left out.
    """
    with store.connection(f"measuring the overlaps of {layer_a} and {layer_b}") as conn:
        rows = conn.execute(_OVERLAP_SQL, {"a": layer_a, "b": layer_b}).fetchall()
    return sorted(Overlap(a, b, float(m2)) for a, b, m2 in rows if m2 and m2 > 0)


def overlap_areas_in_memory(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame, *, same_layer: bool = False) -> list[Overlap]:
    """The in-memory (GeoPandas) counterpart of :func:`overlap_areas` for two GeoDataFrames with ``id``."""
    if a.empty or b.empty:
        return []
    left = a[["id", "geometry"]].to_crs(PROJECTED)
    right = b[["id", "geometry"]].to_crs(PROJECTED)
    pairs = gpd.sjoin(left, right, how="inner", predicate="intersects", lsuffix="a", rsuffix="b")
    if same_layer:
        pairs = pairs[pairs["id_a"] < pairs["id_b"]]
    if pairs.empty:
        return []
    ga, gb = np.asarray(pairs.geometry.values), np.asarray(right.geometry.loc[pairs["index_b"]].values)
    shapely.prepare(gb)  # each feature of b once, reused for all its pairs (as PostGIS caches it)
    shared = shapely.area(ga)  # a feature inside the other shares all of its area, as in the SQL
    a_in_b = shapely.covers(gb, ga)
    b_in_a = ~a_in_b & shapely.covered_by(gb, ga)
    shared[b_in_a] = shapely.area(gb[b_in_a])
    rest = ~a_in_b & ~b_in_a
    shared[rest] = shapely.area(shapely.intersection(ga[rest], gb[rest]))
    return sorted(
        Overlap(ia, ib, float(m2)) for ia, ib, m2 in zip(pairs["id_a"], pairs["id_b"], shared, strict=True) if m2 > 0
    )


_CATCHMENT_SQL = f"""
WITH s AS (
    SELECT f.id, f.layer, f.ord, COALESCE(f.props ->> 'name_zh', f.id) AS name_zh,
           COALESCE(f.props ->> 'name_en', f.id) AS name_en, f.geom_m AS g
    FROM plan_features f
    WHERE f.layer = ANY(%(stations)s) AND f.geom IS NOT NULL
), c AS (
    SELECT s.*, r.radius, r.n AS rord, ST_Buffer(s.g, r.radius, 'quad_segs={QUAD_SEGS}') AS circle
    FROM s, unnest(%(radii)s::int[]) WITH ORDINALITY AS r (radius, n)
)
SELECT c.id, c.layer, c.name_zh, c.name_en, c.radius, ST_Area(c.circle),
       ARRAY(SELECT p.id FROM plan_features p
             WHERE p.layer = %(projects)s AND ST_DWithin(p.geom_m, c.g, c.radius)
               AND ST_Intersects(p.geom_m, c.circle)),
       ARRAY(SELECT json_build_array(z.id, ST_Area(ST_Intersection(z.geom_m, c.circle)))::text
             FROM plan_features z
             WHERE z.layer = %(zones)s AND ST_Intersects(z.geom_m, c.circle)
             ORDER BY z.ord)
FROM c
ORDER BY c.rord, array_position(%(stations)s, c.layer), c.ord
"""  # noqa: S608 - constant table and column names; values are bound parameters

CATCHMENT_COLUMNS = ["station_id", "name_zh", "name_en", "kind", "radius_m", "area_ha", "project_ids",
                     "project_count", "zone_ha"]


def catchments(store: PostgisStore, radii: tuple[int, ...] = (500, 800)) -> pd.DataFrame:
    """Per station and radius: circle area (ha), projects inside, each zone's area inside (ha).

    Same rows, order and columns as :func:`planning.transit.catchments`.
    """
    kinds = dict(STATION_LAYERS)
    params: dict[str, Any] = {"stations": [name for name, _ in STATION_LAYERS], "radii": list(radii),
                              "projects": PROJECTS, "zones": ZONES}
    with store.connection("computing the station catchments") as conn:
        rows = conn.execute(_CATCHMENT_SQL, params).fetchall()
    out = []
    for sid, layer, name_zh, name_en, radius, m2, project_ids, zone_pairs in rows:
        zone_ha = {zid: m2_to_ha(float(zm2)) for zid, zm2 in (json.loads(p) for p in zone_pairs)}
        out.append({"station_id": sid, "name_zh": name_zh, "name_en": name_en, "kind": kinds[layer],
                    "radius_m": int(radius), "area_ha": m2_to_ha(float(m2)), "project_ids": sorted(project_ids),
                    "project_count": len(project_ids), "zone_ha": zone_ha})
    return pd.DataFrame(out, columns=CATCHMENT_COLUMNS)


#: The zone's area and the part of it within ``radius`` of any station (the union of the circles).
_ZONE_AREA_SQL = f"""
WITH z AS (SELECT geom_m FROM plan_features WHERE layer = %(zones)s AND id = %(zone)s AND geom_m IS NOT NULL),
c AS (SELECT ST_Union(ST_Buffer(f.geom_m, %(radius)s, 'quad_segs={QUAD_SEGS}')) AS u
      FROM plan_features f, z
      WHERE f.layer = ANY(%(stations)s) AND f.geom_m IS NOT NULL AND ST_DWithin(f.geom_m, z.geom_m, %(radius)s))
SELECT ST_Area(z.geom_m), COALESCE(ST_Area(ST_Intersection(c.u, z.geom_m)), 0) FROM z, c
"""  # noqa: S608 - constant table and column names; values are bound parameters


def zone_statistics(store: PostgisStore, zone_id: str, *, radius_m: int = 800,
                    assignment: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Like :func:`planning.transit.zone_statistics`, computed in PostGIS (same keys and values).

    ``assignment`` is :func:`zone_assignment` when the caller already has it
    (computing it once for many zones). ``KeyError`` for an unknown zone.
    """
    assignment = zone_assignment(store) if assignment is None else assignment
    params = {"zones": ZONES, "zone": zone_id, "radius": radius_m, "stations": [n for n, _ in STATION_LAYERS]}
    with store.connection(f"measuring zone {zone_id}") as conn:
        names = conn.execute("SELECT props ->> 'name_zh', props ->> 'name_en' FROM plan_features "
                             "WHERE layer = %s AND id = %s", (ZONES, zone_id)).fetchone()
        measured = conn.execute(_ZONE_AREA_SQL, params).fetchone()
        inside = [p for p, zones in assignment.items() if zone_id in zones]
        rows = conn.execute("SELECT props ->> 'status', props ->> 'category' FROM plan_features "
                            "WHERE layer = %s AND id = ANY(%s)", (PROJECTS, inside)).fetchall()
    if names is None or measured is None:
        msg = f"no zone {zone_id!r} in the plan database"
        raise KeyError(msg)
    area, covered = float(measured[0]), float(measured[1])
    status = pd.Series([r[0] for r in rows], dtype=object).value_counts()
    category = pd.Series([r[1] for r in rows], dtype=object).value_counts()
    km2 = area / 1e6
    return {
        "zone_id": zone_id, "name_zh": names[0], "name_en": names[1],
        "area_m2": area, "area_ha": m2_to_ha(area), "area_km2": km2, "area_mu": m2_to_mu(area),
        "projects": len(rows),
        "by_status": {s: int(status.get(s, 0)) for s in STATUSES},
        "by_category": {c: int(category[c]) for c in CATEGORIES if category.get(c)},
        "density_per_km2": len(rows) / km2 if km2 else 0.0,
        "transit_share_800m": covered / area if area else 0.0,
    }
