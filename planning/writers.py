"""The one export writer: tables as CSV, Excel, GeoJSON and GeoPackage bytes, with formulas defused.

Every download and every ``python -m planning export data`` file goes through
this module (projects, targets, comments, analysis tables). Text from users
and third-party files can start with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return; a spreadsheet opening such a cell runs it as a formula
(``=HYPERLINK(...)`` sends data away when clicked). :func:`defuse` prefixes
such text with ``'``, the spreadsheet convention for "this is text", in every
format, so a GeoJSON or GeoPackage opened in Excel or QGIS's attribute export
is as safe as the CSV. Numbers stay numbers (``-3.5`` is not touched); lists
and dicts become JSON text. The Excel writer also checks the finished sheets
and stores any cell that openpyxl would still treat as a formula as text.

The functions return bytes; only the GeoPackage writer uses a file (a private
temporary one, since GDAL cannot append layers to an in-memory GeoPackage).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from planning.storage import geopackage_bytes

#: What a spreadsheet takes as the start of a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading ``'``; lists/dicts become JSON; the rest passes."""
    if isinstance(value, list | dict | tuple):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name passed through :func:`defuse` (geometry untouched)."""
    out = frame.copy()
    geometry = out.geometry.name if isinstance(out, gpd.GeoDataFrame) else None
    for column in out.columns:
        series = out[column]
        if column != geometry and (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
            out[column] = series.map(defuse).astype(object)
    return out.rename(columns={c: defuse(c) for c in out.columns if isinstance(c, str) and c != geometry})


def _attributes(frame: pd.DataFrame) -> pd.DataFrame:
    if isinstance(frame, gpd.GeoDataFrame):
        return pd.DataFrame(frame.drop(columns=frame.geometry.name))
    return frame


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """One table as CSV for Excel: UTF-8 with BOM, no index, formulas defused, geometry left out."""
    buffer = io.StringIO()
    safe_frame(_attributes(frame)).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """Tables as one workbook, a sheet each (geometry left out); no cell is stored as a formula."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            safe_frame(_attributes(frame)).to_excel(writer, sheet_name=name[:31], index=False)
        for sheet in writer.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # belt and braces: openpyxl makes any "=..." string a formula
                        cell.value, cell.data_type = "'" + str(cell.value), "s"
    return buffer.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NaT or (not isinstance(value, list | dict | tuple | str) and pd.isna(value)):
        return None
    return value


def feature_collection(records: Iterable[tuple[Mapping[str, Any], Any]]) -> bytes:
    """(properties, geometry or GeoJSON dict or None) pairs as a GeoJSON FeatureCollection, formulas defused."""
    features = []
    for props, geom in records:
        if geom is not None and not isinstance(geom, dict):
            geom = None if geom.is_empty else shapely.geometry.mapping(geom)
        clean = {str(k): _json_value(defuse(v)) for k, v in props.items()}
        features.append({"type": "Feature", "properties": clean, "geometry": geom})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, default=str).encode("utf-8")


def geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """A GeoDataFrame (WGS84) as a GeoJSON FeatureCollection, formulas defused, NaN as null."""
    attributes = _attributes(gdf)
    return feature_collection(zip(attributes.to_dict("records"), gdf.geometry, strict=True))


def gpkg_bytes(tables: Mapping[str, gpd.GeoDataFrame]) -> bytes:
    """GeoDataFrames as one GeoPackage, a layer each, formulas defused (built by the file store's scratch folder)."""
    return geopackage_bytes({name: safe_frame(gdf) for name, gdf in tables.items()})
