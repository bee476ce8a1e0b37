"""A large synthetic plan for the map benchmark: many projects and heavy zone polygons.

Everything is generated with vectorised numpy from a fixed seed, inside the
district outline of ``geodata/boundary.geojson``:

- zones: noisy star-shaped polygons, radius 100–600 m, 200–2,000 vertices each.
  Vertices sit at strictly increasing angles around a centre with a positive
  radius ``R·(1 + A·sin(kθ + φ)) + ε`` (``ε`` ~ N(0, ``NOISE_M``) metres of
  digitising jitter), so every ring is simple and the polygon valid;
- projects: points with random categories and statuses.

The folder written is a complete plan (boundary, zones, projects, targets) that
:func:`planning.plan.load_plan` accepts without problems: the first zones take
the real zone ids so the shipped ``targets.json`` still validates.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from planning.model import CATEGORIES, STATUSES, UNKNOWN_STATUS, ZONE_KINDS

PROJECTED = "EPSG:4548"
WGS84 = "EPSG:4326"
NOISE_M = 1.0
#: Zone ids targets.json refers to (and the rest of the documented ones).
REAL_ZONE_IDS = (
    "core-medical", "core-soe-hq", "district-shangbu", "district-econ-dev", "district-rural-eco",
    "belt-wei12", "belt-erhuan-west", "belt-yufu", "axis-yellow-river", "axis-cbd", "axis-jingshi",
)
COMMON = {
    "source": "第二章 三、空间布局",
    "source_section": "ch2-3",
    "geometry_quality": "approximate",
}


@dataclass(frozen=True)
class SyntheticSpec:
    """Size of the synthetic plan."""

    projects: int = 10_000
    zones: int = 2_000
    min_vertices: int = 200
    max_vertices: int = 2_000
    min_radius_m: float = 100.0
    max_radius_m: float = 600.0
    seed: int = 20240601


FULL = SyntheticSpec()
QUICK = SyntheticSpec(projects=1_000, zones=200)


def district_projected(boundary_path: Path) -> Any:
    doc = json.loads(boundary_path.read_text(encoding="utf-8"))
    geom = shapely.union_all([shapely.from_geojson(json.dumps(f["geometry"])) for f in doc["features"]])
    to_m = Transformer.from_crs(WGS84, PROJECTED, always_xy=True)
    return shapely.transform(geom, lambda xy: np.column_stack(to_m.transform(xy[:, 0], xy[:, 1])))


def random_points_inside(area: Any, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` uniform points (x, y) inside ``area`` by vectorised rejection sampling."""
    minx, miny, maxx, maxy = area.bounds
    shapely.prepare(area)
    found: list[np.ndarray] = []
    count = 0
    while count < n:
        xy = rng.uniform((minx, miny), (maxx, maxy), size=(max(2 * n, 1000), 2))
        inside = xy[shapely.contains_xy(area, xy[:, 0], xy[:, 1])]
        found.append(inside)
        count += len(inside)
    return np.concatenate(found)[:n]


def star_polygons(centres: np.ndarray, spec: SyntheticSpec, rng: np.random.Generator) -> np.ndarray:
    """Noisy star-shaped polygons (projected metres) around ``centres``."""
    n = len(centres)
    counts = rng.integers(spec.min_vertices, spec.max_vertices + 1, size=n)
    radius = rng.uniform(spec.min_radius_m, spec.max_radius_m, size=n)
    amplitude = rng.uniform(0.0, 0.3, size=n)
    lobes = rng.integers(3, 10, size=n)
    phase = rng.uniform(0.0, 2 * np.pi, size=n)
    owner = np.repeat(np.arange(n), counts)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    step = np.arange(len(owner)) - starts[owner]
    theta = 2 * np.pi * step / counts[owner]
    r = radius[owner] * (1 + amplitude[owner] * np.sin(lobes[owner] * theta + phase[owner]))
    r = np.maximum(r + rng.normal(0.0, NOISE_M, size=len(owner)), 0.5 * radius[owner] * (1 - amplitude[owner]))
    x = centres[owner, 0] + r * np.cos(theta)
    y = centres[owner, 1] + r * np.sin(theta)
    rings = shapely.linearrings(np.column_stack((x, y)), indices=owner)
    return shapely.polygons(rings)


def to_wgs84(geoms: np.ndarray) -> np.ndarray:
    """Projected geometries to WGS84, rounded to 6 decimals and kept valid."""
    to_deg = Transformer.from_crs(PROJECTED, WGS84, always_xy=True)
    out = shapely.transform(geoms, lambda xy: np.round(np.column_stack(to_deg.transform(xy[:, 0], xy[:, 1])), 6))
    invalid = ~shapely.is_valid(out)
    if invalid.any():
        out[invalid] = shapely.set_precision(out[invalid], 1e-6)
    return out


def zone_ids(n: int) -> list[str]:
    ids = list(REAL_ZONE_IDS[:n])
    return ids + [f"syn-zone-{i:04d}" for i in range(len(ids), n)]


def zone_properties(n: int, rng: np.random.Generator) -> list[dict[str, Any]]:
    kinds = rng.choice(list(ZONE_KINDS), size=n)
    props = []
    for i, (zid, kind) in enumerate(zip(zone_ids(n), kinds, strict=True)):
        props.append({
            "id": zid, "name_zh": f"合成片区{i:04d}", "name_en": f"Synthetic zone {i}", **COMMON,
            "geometry_source": "synthetic: noisy star polygon (tests/bench/synthetic.py)", "kind": str(kind),
            "industries_zh": ["医养健康"], "industries_en": ["Medical and health care"],
            "carriers_zh": [], "carriers_en": [],
            "description_zh": f"合成片区{i}，用于性能测试。", "description_en": f"Synthetic zone {i} for the benchmark.",
        })
    return props


def project_properties(n: int, rng: np.random.Generator) -> list[dict[str, Any]]:
    categories = rng.choice(list(CATEGORIES), size=n)
    statuses = rng.choice(list(STATUSES), size=n)
    source = {"ref": "专栏6", "section": "box6", "label": "专栏6 主导产业领域重点项目（医养健康）"}
    props = []
    for i, (category, status) in enumerate(zip(categories.tolist(), statuses.tolist(), strict=True)):
        known = status != UNKNOWN_STATUS
        props.append({
            "id": f"prj-syn-{i:05d}", "name_zh": f"合成项目{i:05d}", "name_en": f"Synthetic project {i}",
            "source": source["label"], "source_section": "box6", "geometry_quality": "approximate",
            "geometry_source": "synthetic: random point in the district", "category": category,
            "sources": [source], "status": status, "status_date": "2020" if known else None,
            "status_source": "synthetic status" if known else None, "zone_override": None,
        })
    return props


def feature_collection_text(props: list[dict[str, Any]], geoms: np.ndarray) -> str:
    """A GeoJSON FeatureCollection, geometries serialised by GEOS (fast for millions of vertices)."""
    geo_json = shapely.to_geojson(geoms)
    parts = [
        '{"type":"Feature","properties":' + json.dumps(p, ensure_ascii=False) + ',"geometry":' + g + "}"
        for p, g in zip(props, geo_json, strict=True)
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


def write_plan(folder: Path, geodata: Path, spec: SyntheticSpec) -> dict[str, int]:
    """Write the synthetic plan to ``folder``; return counts (features, zone vertices)."""
    rng = np.random.default_rng(spec.seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("boundary.geojson", "targets.json"):
        shutil.copyfile(geodata / name, folder / name)
    district = district_projected(geodata / "boundary.geojson")
    inner = shapely.buffer(district, -spec.max_radius_m * 1.4)
    zones = to_wgs84(star_polygons(random_points_inside(inner, spec.zones, rng), spec, rng))
    points = to_wgs84(shapely.points(random_points_inside(shapely.buffer(district, -20.0), spec.projects, rng)))
    (folder / "zones.geojson").write_text(feature_collection_text(zone_properties(spec.zones, rng), zones), "utf-8")
    (folder / "projects.geojson").write_text(
        feature_collection_text(project_properties(spec.projects, rng), points), "utf-8"
    )
    return {"zones": spec.zones, "projects": spec.projects, "zone_vertices": int(shapely.get_num_coordinates(zones).sum())}
