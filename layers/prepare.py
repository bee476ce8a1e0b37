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


def _features(gdf: gpd.GeoDataFrame, layer_id: str, keys: list[str], labels: list[str], geoms: np.ndarray) -> list[dict]:
    feats = []
    geo_json = shapely.to_geojson(geoms)
    for fid, key, name, gj in zip(gdf["id"].tolist(), keys, labels, geo_json, strict=True):
        feats.append({"type": "Feature", "properties": {"id": fid, "l": layer_id, "k": key, "n": name}, "geometry": json.loads(gj)})
    return feats


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
    records = gdf.drop(columns="geometry").to_dict("records")
    geoms = simplify_geometries(gdf, tolerance_m)
    if gcj:
        geoms = np.array([wgs84_to_gcj02_geometry(g) for g in geoms], dtype=object)
    if style_key is not None:
        keys = [style_key] * len(records)
    elif layer_id == "projects":
        points = shapely.get_type_id(geoms) == 0
        keys = [project_key(r, is_point=bool(p)) for r, p in zip(records, points, strict=True)]
    else:
        spec = next(s for s in LAYERS if s.id == layer_id)
        keys = [spec.style_key(r) for r in records]
    labels = [label(r, lang) for r in records]
    return {"type": "FeatureCollection", "features": _features(gdf, layer_id, keys, labels, geoms)}


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
