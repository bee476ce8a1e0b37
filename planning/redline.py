"""Red-line check: where projects (or any shape) overlap the ecological layers, in ha and 亩.

The ecological layers are

- the 玉符河生态休闲带 (zone ``belt-yufu``);
- rivers and canals (``water`` features of kind river or canal), buffered
  by a configurable distance on each side (default 50 m);
- wetlands (``water`` features of kind wetland);
- parks and forests (polygons of the ``parks`` layer);
- every active imported overlay whose kind is 生态保护红线 or 永久基本农田
  (see :mod:`planning.imports_apply`).

Everything is measured in EPSG:4548. A polygon project reports the area
inside each feature (m², ha, 亩) and its share of the project; a line
reports the length inside; a point reports that it lies inside (area 0).
:func:`conflict_table` lists every conflict of every project;
:func:`to_csv` exports a table for Excel (UTF-8 with BOM, formula-like
cells neutralised).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from planning import writers
from planning.analysis import PROJECTED, WGS84, m2_to_ha, m2_to_mu
from planning.imports_apply import REDLINE_KINDS, Overlay
from planning.plan import Plan
from planning.transit import FAR_M, RADII_M, catchment_areas, nearest_station

YUFU_BELT = "belt-yufu"
DEFAULT_RIVER_BUFFER_M = 50.0
CONFLICT_COLUMNS = [
    "project_id", "project_name_zh", "project_name_en", "category", "status", "geometry_type",
    "layer", "layer_zh", "layer_en", "feature_id", "feature_name_zh", "feature_name_en",
    "overlap_m2", "overlap_ha", "overlap_mu", "length_m", "share_pct",
]


@dataclass(frozen=True)
class EcologyLayer:
    """One layer of the check: polygons in EPSG:4548 with ``feature_id``, ``name_zh``, ``name_en``."""

    key: str
    title_zh: str
    title_en: str
    gdf: gpd.GeoDataFrame


def _polygons(gdf: gpd.GeoDataFrame, buffer_m: float = 0.0) -> gpd.GeoDataFrame:
    """Features as EPSG:4548 polygons (buffered when ``buffer_m`` > 0; points and lines dropped otherwise)."""
    if gdf.empty:
        return gpd.GeoDataFrame({"feature_id": [], "name_zh": [], "name_en": []}, geometry=gpd.GeoSeries([], crs=PROJECTED))
    projected = gdf.to_crs(PROJECTED)
    geoms = projected.geometry.buffer(buffer_m, quad_segs=16) if buffer_m > 0 else projected.geometry
    ids = projected["id"] if "id" in projected else pd.Series(range(len(projected)), index=projected.index).astype(str)
    out = gpd.GeoDataFrame(
        {"feature_id": ids.astype(str).values,
         "name_zh": _column(projected, "name_zh", ids), "name_en": _column(projected, "name_en", ids)},
        geometry=gpd.GeoSeries(geoms.values, crs=PROJECTED),
    )
    return out[out.geom_type.isin(["Polygon", "MultiPolygon"]) & ~out.is_empty].reset_index(drop=True)


def _column(gdf: gpd.GeoDataFrame, name: str, fallback: pd.Series) -> list[str]:
    values = gdf[name] if name in gdf else fallback
    return [str(v) if v is not None and v == v else str(f) for v, f in zip(values, fallback, strict=True)]  # noqa: PLR0124 - NaN check


def _overlay_names(overlay: Overlay) -> gpd.GeoDataFrame:
    gdf = overlay.gdf.copy()
    name_col = next((c for c in ("name_zh", "name", "名称", "NAME", "Name") if c in gdf.columns), None)
    gdf["id"] = [f"{overlay.id}#{i}" for i in range(len(gdf))]
    names = gdf[name_col].astype(str) if name_col else pd.Series([overlay.title] * len(gdf), index=gdf.index)
    gdf["name_zh"] = names
    gdf["name_en"] = names
    return gdf


def ecology_layers(
    plan: Plan, overlays: Iterable[Overlay] = (), *, river_buffer_m: float = DEFAULT_RIVER_BUFFER_M
) -> list[EcologyLayer]:
    """The layers the red-line check uses (see the module docstring)."""
    if river_buffer_m < 0:
        msg = f"the river buffer must be 0 m or more; got {river_buffer_m}"
        raise ValueError(msg)
    zones, water, parks = plan.zones, plan.layer("water"), plan.layer("parks")
    kind = water["water_kind"] if "water_kind" in water else pd.Series(dtype=str)
    layers = [
        EcologyLayer(YUFU_BELT, "玉符河生态休闲带", "Yufu River ecological leisure belt",
                     _polygons(zones[zones["id"] == YUFU_BELT] if not zones.empty else zones)),
        EcologyLayer("rivers", f"河流（两侧 {river_buffer_m:g} 米）", f"Rivers ({river_buffer_m:g} m each side)",
                     _polygons(water[kind.isin(["river", "canal"])] if not water.empty else water, river_buffer_m)),
        EcologyLayer("wetlands", "湿地", "Wetlands", _polygons(water[kind == "wetland"] if not water.empty else water)),
        EcologyLayer("parks", "公园绿地", "Parks and forests", _polygons(parks)),
    ]
    for overlay in overlays:
        if overlay.kind in REDLINE_KINDS and not overlay.gdf.empty:
            layers.append(EcologyLayer(f"overlay:{overlay.id}", f"{overlay.kind}：{overlay.title}",
                                       f"{overlay.kind}: {overlay.title}", _polygons(_overlay_names(overlay))))
    return layers


def _measure(shape: BaseGeometry, feature: BaseGeometry) -> dict[str, float]:
    part = shape.intersection(feature)
    dim = shape.geom_type
    if dim.endswith("Polygon"):
        area = float(part.area)
        return {"overlap_m2": area, "length_m": 0.0, "share_pct": 100.0 * area / shape.area if shape.area else 0.0}
    if dim.endswith("LineString"):
        length = float(part.length)
        return {"overlap_m2": 0.0, "length_m": length, "share_pct": 100.0 * length / shape.length if shape.length else 0.0}
    points = list(getattr(shape, "geoms", [shape]))
    return {"overlap_m2": 0.0, "length_m": 0.0, "share_pct": 100.0 * sum(feature.intersects(p) for p in points) / len(points)}


def _rows(shape: BaseGeometry, layer: EcologyLayer) -> list[dict[str, Any]]:
    if layer.gdf.empty:
        return []
    hits = layer.gdf.iloc[layer.gdf.sindex.query(shape, predicate="intersects")]
    rows = []
    for _, f in hits.iterrows():
        measured = _measure(shape, f.geometry)
        if shape.geom_type.endswith("Polygon") and measured["overlap_m2"] <= 0:
            continue  # touching along an edge is no overlap
        rows.append({"layer": layer.key, "layer_zh": layer.title_zh, "layer_en": layer.title_en,
                     "feature_id": f["feature_id"], "feature_name_zh": f["name_zh"], "feature_name_en": f["name_en"],
                     **measured, "overlap_ha": m2_to_ha(measured["overlap_m2"]), "overlap_mu": m2_to_mu(measured["overlap_m2"])})
    return rows


def shape_overlaps(geometry: BaseGeometry, layers: list[EcologyLayer]) -> pd.DataFrame:
    """Overlaps of one WGS84 geometry (a project, a drawn or an imported shape) with every layer."""
    shape = gpd.GeoSeries([geometry], crs=WGS84).to_crs(PROJECTED).iloc[0]
    rows = [row for layer in layers for row in _rows(shape, layer)]
    return pd.DataFrame(rows, columns=[c for c in CONFLICT_COLUMNS if not c.startswith(("project_", "category", "status", "geometry_type"))])


def conflict_table(plan: Plan, overlays: Iterable[Overlay] = (), *, river_buffer_m: float = DEFAULT_RIVER_BUFFER_M) -> pd.DataFrame:
    """Every conflict of every project with the ecological layers, largest overlap first."""
    layers = ecology_layers(plan, overlays, river_buffer_m=river_buffer_m)
    projects = plan.projects
    frames = []
    for _, p in projects.iterrows() if not projects.empty else []:
        found = shape_overlaps(p.geometry, layers)
        if found.empty:
            continue
        for column, value in (("project_id", p["id"]), ("project_name_zh", p.get("name_zh")), ("project_name_en", p.get("name_en")),
                              ("category", p.get("category")), ("status", p.get("status")), ("geometry_type", p.geometry.geom_type)):
            found[column] = value
        frames.append(found)
    if not frames:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    table = pd.concat(frames, ignore_index=True)[CONFLICT_COLUMNS]
    return table.sort_values(["overlap_m2", "length_m", "project_id"], ascending=[False, False, True]).reset_index(drop=True)


def layer_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Per layer: projects in conflict and the total overlap (ha, 亩)."""
    if table.empty:
        return pd.DataFrame(columns=["layer", "layer_zh", "layer_en", "projects", "overlap_ha", "overlap_mu"])
    grouped = table.groupby(["layer", "layer_zh", "layer_en"], sort=False)
    return grouped.agg(projects=("project_id", "nunique"), overlap_ha=("overlap_ha", "sum"),
                       overlap_mu=("overlap_mu", "sum")).reset_index()


def to_csv(table: pd.DataFrame) -> bytes:
    """A table as CSV for Excel (UTF-8 with BOM), written by :mod:`planning.writers` (formulas defused)."""
    return writers.csv_bytes(table)


def project_analysis(
    plan: Plan, project_id: str, overlays: Iterable[Overlay] = (), *, river_buffer_m: float = DEFAULT_RIVER_BUFFER_M
) -> dict[str, Any]:
    """Everything the project panel can show: red-line conflicts, nearest station, catchments.

    Returns
    -------
    dict
        ``project_id``, ``redline`` (list of conflict rows as
        :func:`shape_overlaps` gives them), ``redline_ha`` / ``redline_mu``
        (total overlap), ``nearest_station`` (``{id, name_zh, name_en, kind,
        distance_m}`` or ``None``), ``catchments`` (``{500: [station ids],
        800: [...]}``), ``far_from_transit`` (nearest station farther than
        1 km), ``zone_ids``.

    Raises
    ------
    KeyError
        When the plan has no project ``project_id``.
    """
    project = plan.feature("projects", project_id)
    if project is None:
        msg = f"no project {project_id!r} in the plan"
        raise KeyError(msg)
    overlaps = shape_overlaps(project.geometry, ecology_layers(plan, overlays, river_buffer_m=river_buffer_m))
    nearest = nearest_station(plan, project.geometry)
    shape = gpd.GeoSeries([project.geometry], crs=WGS84).to_crs(PROJECTED).iloc[0]
    areas = catchment_areas(plan, RADII_M)
    inside = {r: sorted(areas[(areas["radius_m"] == r) & areas.intersects(shape)]["station_id"]) for r in RADII_M} if not areas.empty else {r: [] for r in RADII_M}
    return {
        "project_id": project_id,
        "redline": overlaps.to_dict("records"),
        "redline_ha": float(overlaps["overlap_ha"].sum()) if not overlaps.empty else 0.0,
        "redline_mu": float(overlaps["overlap_mu"].sum()) if not overlaps.empty else 0.0,
        "nearest_station": nearest,
        "catchments": inside,
        "far_from_transit": nearest is None or nearest["distance_m"] > FAR_M,
        "zone_ids": list(project.get("zone_ids") or []),
    }
