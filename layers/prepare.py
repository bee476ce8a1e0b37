"""Turn plan layers into the compact GeoJSON the map draws.

Done once per (data version, language, basemap) and cached by the app:

- geometries simplified at screen resolution in EPSG:4548 (``tolerance_m``,
  default 3 m: under a pixel at zoom 15) and rounded to 6 decimals;
- shifted to GCJ-02 when the basemap is Gaode (its tiles are GCJ-02);
- properties cut to what the map needs: ``id``, ``l`` (layer), ``k`` (style
  key), ``n`` (label, HTML-escaped); the rest is looked up by id on click.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.registry import LAYERS, project_key
from planning.analysis import PROJECTED, WGS84
from planning.coords import wgs84_to_gcj02_geometry

DEFAULT_TOLERANCE_M = 3.0
_JINJA_OPENERS = re.compile(r"\{(?=[{%#])")


def label(props: dict[str, Any], lang: str) -> str:
    """The feature's name in ``lang`` (falling back to Chinese), HTML-escaped."""
    name = props.get("name_en") if lang == "en" else props.get("name_zh")
    return html.escape(str(name or props.get("name_zh") or props.get("id") or ""), quote=True)


def _present(gdf: gpd.GeoDataFrame, column: str) -> pd.Series:
    """``column`` with missing and empty values as NaN (all NaN when there is no such column)."""
    if column not in gdf.columns:
        return pd.Series(np.nan, index=gdf.index, dtype=object)
    values = gdf[column].astype(object)
    return values.where(values.notna() & (values != ""))


def labels(gdf: gpd.GeoDataFrame, lang: str) -> list[str]:
    """:func:`label` of every row, on whole columns."""
    first = _present(gdf, "name_en" if lang == "en" else "name_zh")
    names = first.fillna(_present(gdf, "name_zh")).fillna(_present(gdf, "id")).fillna("")
    return [html.escape(str(name), quote=True) for name in names.tolist()]


def _scalar_records(gdf: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of their scalar fields (what style keys read), leaving out lists such as ``sources``."""
    columns = []
    for column in gdf.columns:
        if column == gdf.geometry.name:
            continue
        sample = gdf[column].dropna()
        if sample.empty or not isinstance(sample.iloc[0], (list, dict, tuple)):
            columns.append(column)
    return pd.DataFrame(gdf[columns]).to_dict("records")


def project_keys(gdf: gpd.GeoDataFrame, points: np.ndarray) -> list[str]:
    """:func:`layers.registry.project_key` of every project, once per (status, category, point) combination."""
    status = gdf["status"].astype(object).where(gdf["status"].notna(), None) if "status" in gdf else [None] * len(gdf)
    category = gdf["category"].astype(object).where(gdf["category"].notna(), None) if "category" in gdf else [None] * len(gdf)
    combos: dict[tuple[Any, Any, bool], str] = {}
    out = []
    for combo in zip(list(status), list(category), points.tolist(), strict=True):
        key = combos.get(combo)
        if key is None:
            key = combos[combo] = project_key({"status": combo[0], "category": combo[1]}, is_point=combo[2])
        out.append(key)
    return out


def simplify_geometries(gdf: gpd.GeoDataFrame, tolerance_m: float) -> np.ndarray:
    """Geometries simplified in EPSG:4548 and rounded to 1e-6 degrees (points untouched)."""
    geoms = gdf.geometry.values
    if len(geoms) == 0:
        return np.array([], dtype=object)
    kinds = shapely.get_type_id(np.asarray(geoms))
    out = np.asarray(geoms).copy()
    shaped = kinds != 0  # 0 = Point
    if shaped.any():
        projected = gpd.GeoSeries(out[shaped], crs=WGS84).to_crs(PROJECTED)
        # The fast Douglas-Peucker pass is ~15x quicker than the topology-preserving one;
        # the few shapes it breaks are redone with preserve_topology=True.
        fast = projected.simplify(tolerance_m, preserve_topology=False)
        broken = ~fast.is_valid | fast.is_empty
        if broken.any():
            fast[broken] = projected[broken].simplify(tolerance_m, preserve_topology=True)
        out[shaped] = fast.to_crs(WGS84).values
    return shapely.set_precision(out, 1e-6, mode="pointwise")


def _features(gdf: gpd.GeoDataFrame, layer_id: str, keys: list[str], names: list[str], geoms: np.ndarray) -> list[dict]:
    # One json.loads of the whole array, not one per feature.
    geometries = json.loads("[" + ",".join(shapely.to_geojson(geoms).tolist()) + "]")
    return [
        {"type": "Feature", "properties": {"id": fid, "l": layer_id, "k": key, "n": name}, "geometry": geometry}
        for fid, key, name, geometry in zip(gdf["id"].tolist(), keys, names, geometries, strict=True)
    ]


def layer_geojson(
    gdf: gpd.GeoDataFrame,
    layer_id: str,
    *,
    lang: str,
    gcj: bool = False,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    style_key: str | None = None,
) -> dict[str, Any]:
    """Compact FeatureCollection of one layer for the map (``style_key`` forces one style for all)."""
    if gdf.empty:
        return {"type": "FeatureCollection", "features": []}
    geoms = simplify_geometries(gdf, tolerance_m)
    if gcj:
        geoms = np.array([wgs84_to_gcj02_geometry(g) for g in geoms], dtype=object)
    if style_key is not None:
        keys = [style_key] * len(gdf)
    elif layer_id == "projects":
        keys = project_keys(gdf, shapely.get_type_id(geoms) == 0)
    else:
        spec = next(s for s in LAYERS if s.id == layer_id)
        keys = [spec.style_key(r) for r in _scalar_records(gdf)]
    return {"type": "FeatureCollection", "features": _features(gdf, layer_id, keys, labels(gdf, lang), geoms)}


def plan_geojson(layers: dict[str, gpd.GeoDataFrame], *, lang: str, gcj: bool = False) -> dict[str, dict[str, Any]]:
    """Compact GeoJSON of every registered layer and of the projects."""
    out = {spec.id: layer_geojson(layers[spec.id], spec.id, lang=lang, gcj=gcj) for spec in LAYERS if spec.id in layers}
    if "projects" in layers:
        out["projects"] = layer_geojson(layers["projects"], "projects", lang=lang, gcj=gcj)
    return out


def subset(collection: dict[str, Any], ids: set[str]) -> dict[str, Any]:
    """The features of ``collection`` whose id is in ``ids`` (for filters)."""
    return {"type": "FeatureCollection", "features": [f for f in collection["features"] if f["properties"]["id"] in ids]}


def to_script_json(obj: Any) -> str:
    """JSON safe inside a <script> element and inside folium's templates.

    No ``</script>`` break-out, and no ``{{``, ``{%`` or ``{#``: branca re-parses
    every rendered script as a Jinja template, and packed coordinates or names may
    contain them (they only occur inside strings, where ``\\u007b`` is the same ``{``).
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _JINJA_OPENERS.sub(r"\\u007b", text)
