"""Imports that used to be accepted with wrong results now say what is wrong (issue #16, item 9).

A .cpg naming LATIN1 or big5 over GBK text (槐荫 became "»±Òñ"), a NaN or Infinity coordinate (written as a literal
``NaN``, invalid JSON), a .dbf truncated to 40 bytes (features without attributes), and KML with decimal commas
("116,9 36,66" became the point 116, 9).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from planning.imports import ImportOptions, better_reading, read_upload

NAMES = ["槐荫区", "济南西站", "美里湖湿地"]


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def gbk_shapefile(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("shp")
    points = [shapely.Point(116.90 + i / 100, 36.66) for i in range(len(NAMES))]
    gpd.GeoDataFrame({"名称": NAMES}, geometry=points, crs=4326).to_file(folder / "x.shp", encoding="gbk")
    return {f"x{ext}": (folder / f"x{ext}").read_bytes() for ext in (".shp", ".shx", ".dbf", ".prj")}


def test_a_true_cpg_is_used_as_before(gbk_shapefile):
    result = read_upload("x.zip", _zip(gbk_shapefile | {"x.cpg": b"GBK"}))
    assert result.ready and list(result.gdf["名称"]) == NAMES


@pytest.mark.parametrize("cpg", [b"LATIN1", b"big5", b"1252"])
def test_a_cpg_that_garbles_gbk_text_is_questioned(gbk_shapefile, cpg):
    result = read_upload("x.zip", _zip(gbk_shapefile | {"x.cpg": cpg}))
    assert not result.ready, "the user must confirm the encoding"
    question = next(q for q in result.needs if q.key == "encoding")
    assert question.suggested == "gb18030" and cpg.decode() in question.text
    assert any(m.code == "cpg_mismatch" for m in result.warnings)
    assert list(result.gdf["名称"]) == NAMES, "the preview shows the likely reading, not mojibake"
    confirmed = read_upload("x.zip", _zip(gbk_shapefile | {"x.cpg": cpg}), options=ImportOptions(encoding="gb18030"))
    assert confirmed.ready and list(confirmed.gdf["名称"]) == NAMES


def test_the_reading_check_keeps_real_big5_latin1_and_utf8():
    assert better_reading("槐蔭區經十路 濟南西站 美里湖濕地".encode("big5"), "big5") is None
    assert better_reading("Müller Straße Köln".encode("latin-1"), "latin-1") is None
    assert better_reading("槐荫区".encode(), "utf-8") is None
    assert better_reading("槐荫区经十路".encode("gbk"), "latin-1") == "gb18030"


@pytest.mark.parametrize("size", [40, 100])
def test_a_truncated_dbf_is_refused(gbk_shapefile, size):
    parts = gbk_shapefile | {"x.dbf": gbk_shapefile["x.dbf"][:size], "x.cpg": b"GBK"}
    result = read_upload("x.zip", _zip(parts))
    assert not result.ready and result.gdf is None
    error = result.errors[0]
    assert error.code == "bad_dbf" and "truncated" in error.text and f"has {size}" in error.text


@pytest.mark.parametrize("coordinates", ["[116.9, 36.66, NaN]", "[116.9, Infinity]", "[NaN, 36.66]", "[116.9, -Infinity, 3]"])
def test_nan_and_infinity_coordinates_are_refused(coordinates):
    doc = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "点"}, '
           f'"geometry": {{"type": "Point", "coordinates": {coordinates}}}}}]}}')
    result = read_upload("a.geojson", doc.encode())
    assert not result.ready and result.gdf is None
    assert result.errors[0].code == "bad_coordinates" and "not a number" in result.errors[0].text


def test_a_nan_height_from_a_gdal_format_is_refused(tmp_path: Path):
    path = tmp_path / "z.gpkg"
    gpd.GeoDataFrame({"n": ["a"]}, geometry=[shapely.Point(116.9, 36.66, float("nan"))], crs=4326).to_file(path)
    result = read_upload("z.gpkg", path.read_bytes())
    if result.gdf is not None:  # GDAL formats are read 2D: the height is dropped, never written as NaN
        assert not shapely.has_z(result.gdf.geometry.values).any()


@pytest.mark.parametrize("geometry", [
    "<Point><coordinates>116,9 36,66</coordinates></Point>",
    "<LineString><coordinates>116,9 36,66 116,91 36,67</coordinates></LineString>",
])
def test_kml_with_decimal_commas_is_detected(geometry):
    kml = (f'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>x</name>'
           f"{geometry}</Placemark></Document></kml>")
    result = read_upload("a.kml", kml.encode())
    assert not result.ready and result.gdf is None
    assert result.errors[0].code == "decimal_comma" and "116,9 36,66" in result.errors[0].text


def test_kml_with_ordinary_coordinates_still_reads():
    kml = ('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>x</name>'
           "<Point><coordinates>116.9,36.66,0</coordinates></Point></Placemark></Document></kml>")
    result = read_upload("a.kml", kml.encode())
    assert result.ready and result.gdf.geometry.iloc[0].equals(shapely.Point(116.9, 36.66))
