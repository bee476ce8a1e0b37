"""Every format planners hold imports with correct text and positions (a known point within 1 m of its WGS84 truth)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from pyproj import Geod, Transformer
from shapely.geometry import Point, Polygon

from planning.coords import gcj02_to_bd09, wgs84_to_gcj02
from planning.imports import (
    ImportLimits,
    ImportOptions,
    dbf_text_sample,
    detect_encoding,
    find_coordinate_columns,
    guess_crs,
    parse_coordinate,
    read_upload,
    with_answers,
)

GEOD = Geod(ellps="WGS84")
#: The known point: a spot near Jinan West station, in WGS84.
TRUTH = (116.8901234, 36.6712345)
NAME = "玉符河湿地保护区（测试）"


def metres(point, truth=TRUTH) -> float:
    return GEOD.inv(point.x, point.y, truth[0], truth[1])[2]


def projected(epsg: int, lon: float = TRUTH[0], lat: float = TRUTH[1]) -> tuple[float, float]:
    return Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)


def zip_folder(folder: Path, *, drop: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.suffix not in drop:
                archive.write(path, path.name)
    return buffer.getvalue()


def shapefile_zip(tmp_path: Path, gdf: gpd.GeoDataFrame, *, encoding: str, drop: tuple[str, ...] = ()) -> bytes:
    folder = tmp_path / f"shp-{encoding}-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    gdf.to_file(folder / "layer.shp", encoding=encoding)
    return zip_folder(folder, drop=drop)


def test_gbk_shapefile_without_cpg_reads_chinese_text_and_position(tmp_path):
    x, y = projected(4548)
    gdf = gpd.GeoDataFrame({"名称": [NAME], "类型": ["生态"]}, geometry=[Point(x, y)], crs="EPSG:4548")
    data = shapefile_zip(tmp_path, gdf, encoding="GBK", drop=(".cpg",))
    assert b"layer.cpg" not in data
    result = read_upload("红线.zip", data)
    assert result.ready, result.report
    assert result.detected.format == "shapefile"
    assert (result.detected.encoding, result.detected.encoding_source) == ("gb18030", "detected")
    assert (result.detected.crs, result.detected.crs_source) == ("EPSG:4548", "declared")
    row = result.gdf.iloc[0]
    assert row["名称"] == NAME and row["类型"] == "生态"
    assert metres(row.geometry) < 1.0


def test_utf8_shapefile_without_cpg_and_cpg_declared_gbk(tmp_path):
    gdf = gpd.GeoDataFrame({"名称": [NAME]}, geometry=[Point(*TRUTH)], crs="EPSG:4490")
    utf8 = read_upload("a.zip", shapefile_zip(tmp_path, gdf, encoding="UTF-8", drop=(".cpg",)))
    assert utf8.gdf.iloc[0]["名称"] == NAME and utf8.detected.encoding == "utf-8"
    declared = read_upload("b.zip", shapefile_zip(tmp_path, gdf, encoding="GBK"))
    assert declared.gdf.iloc[0]["名称"] == NAME and declared.detected.encoding_source == ".cpg"
    assert metres(declared.gdf.iloc[0].geometry) < 1.0


def test_shapefile_with_a_wrong_cpg_is_read_by_its_text_with_a_warning(tmp_path):
    gdf = gpd.GeoDataFrame({"名称": [NAME]}, geometry=[Point(*TRUTH)], crs="EPSG:4326")
    folder = tmp_path / "wrong"
    folder.mkdir()
    gdf.to_file(folder / "layer.shp", encoding="GBK")
    (folder / "layer.cpg").write_text("UTF-8", encoding="ascii")
    result = read_upload("wrong.zip", zip_folder(folder))
    assert result.gdf.iloc[0]["名称"] == NAME
    assert any(m.code == "cpg_wrong" for m in result.warnings)


def test_dbf_sample_holds_field_names_and_text(tmp_path):
    gdf = gpd.GeoDataFrame({"名称": [NAME], "n": [3]}, geometry=[Point(*TRUTH)], crs="EPSG:4326")
    gdf.to_file(tmp_path / "x.shp", encoding="GBK")
    sample = dbf_text_sample((tmp_path / "x.dbf").read_bytes())
    assert sample.decode("gb18030").count(NAME) == 1 and "名称" in sample.decode("gb18030")
    assert detect_encoding(sample) == "gb18030"
    assert detect_encoding(NAME.encode("utf-8")) == "utf-8"


def test_zip_entry_names_in_gbk_are_decoded(tmp_path):
    gdf = gpd.GeoDataFrame({"名称": [NAME]}, geometry=[Point(*TRUTH)], crs="EPSG:4326")
    gdf.to_file(tmp_path / "layer.shp", encoding="UTF-8")
    buffer = io.BytesIO()
    gbk = "生态红线".encode("gbk")
    with zipfile.ZipFile(buffer, "w") as archive:  # ASCII placeholders of the same length, then the GBK bytes
        for ext in ("shp", "shx", "dbf", "prj"):
            archive.writestr("ABCDEFGH." + ext, (tmp_path / f"layer.{ext}").read_bytes())
    data = buffer.getvalue().replace(b"ABCDEFGH", gbk)
    assert not zipfile.ZipFile(io.BytesIO(data)).infolist()[0].flag_bits & 0x800
    result = read_upload("cn.zip", data)
    assert result.ready and result.detected.layer == "生态红线"


def test_cgcs2000_gk_zone_39_with_prefix_declared_and_guessed(tmp_path):
    x, y = projected(4527)
    assert 39_000_000 < x < 40_000_000
    gdf = gpd.GeoDataFrame({"名称": [NAME]}, geometry=[Point(x, y)], crs="EPSG:4527")
    declared = read_upload("zone39.zip", shapefile_zip(tmp_path, gdf, encoding="UTF-8"))
    assert declared.ready and declared.detected.crs == "EPSG:4527"
    assert metres(declared.gdf.iloc[0].geometry) < 1.0
    guessed = read_upload("zone39-noprj.zip", shapefile_zip(tmp_path, gdf, encoding="UTF-8", drop=(".prj",)))
    assert not guessed.ready and guessed.detected.crs == "EPSG:4527" and guessed.detected.crs_source == "guessed"
    question = next(q for q in guessed.needs if q.key == "crs")
    assert question.suggested == "EPSG:4527" and "EPSG:4548" in question.choices
    assert metres(guessed.gdf.iloc[0].geometry) < 1.0  # the preview already uses the guess
    answered = read_upload("zone39-noprj.zip", shapefile_zip(tmp_path, gdf, encoding="UTF-8", drop=(".prj",)),
                           options=ImportOptions(crs="EPSG:4527"))
    assert answered.ready and metres(answered.gdf.iloc[0].geometry) < 1.0


@pytest.mark.parametrize(("declared", "epsg_of_values", "read_as"), [("EPSG:4527", 4548, "EPSG:4548"), ("EPSG:4548", 4527, "EPSG:4527")])
def test_gk_declaration_that_does_not_match_the_zone_prefix_is_corrected(declared, epsg_of_values, read_as):
    x, y = projected(epsg_of_values)
    doc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{declared[5:]}"}},
           "features": [{"type": "Feature", "properties": {"名称": NAME}, "geometry": {"type": "Point", "coordinates": [x, y]}}]}
    result = read_upload("gk.geojson", json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    assert result.ready and result.detected.crs == read_as
    assert any(m.code == "zone_prefix" for m in result.warnings)
    assert metres(result.gdf.iloc[0].geometry) < 1.0


@pytest.mark.parametrize("epsg", [3857, 32650, 4548])
def test_other_projected_crs_are_guessed_and_converted_when_confirmed(epsg):
    x, y = projected(epsg)
    csv = f"名称,x,y\n{NAME},{x:.3f},{y:.3f}\n".encode()
    guessed = read_upload("pts.csv", csv)
    assert next(q for q in guessed.needs if q.key == "crs").suggested == ("EPSG:4548" if epsg != 3857 else "EPSG:3857")
    confirmed = read_upload("pts.csv", csv, options=ImportOptions(crs=f"EPSG:{epsg}"))
    assert confirmed.ready and metres(confirmed.gdf.iloc[0].geometry) < 1.0


def test_gcj02_csv_in_gbk_converts_to_wgs84_within_a_metre():
    lon, lat = wgs84_to_gcj02(*TRUTH)
    csv = f"序号,名称,经度,纬度\n1,{NAME},{lon:.8f},{lat:.8f}\n".encode("gbk")
    undeclared = read_upload("高德取点.csv", csv)
    question = next(q for q in undeclared.needs if q.key == "crs")
    assert question.suggested == "EPSG:4326" and "GCJ-02" in question.choices
    assert metres(undeclared.gdf.iloc[0].geometry) > 400  # read as WGS84 it is ~500 m off
    result = read_upload("高德取点.csv", csv, options=with_answers(ImportOptions(), crs="GCJ-02"))
    assert result.ready, result.report
    assert result.detected.encoding == "gb18030" and result.detected.datum == "gcj02"
    assert (result.detected.lon, result.detected.lat) == ("经度", "纬度")
    assert result.gdf.iloc[0]["名称"] == NAME and result.gdf.iloc[0]["序号"] == "1"
    assert metres(result.gdf.iloc[0].geometry) < 1.0


def test_bd09_csv_converts_to_wgs84_within_a_metre():
    lon, lat = gcj02_to_bd09(*wgs84_to_gcj02(*TRUTH))
    csv = f"name;lng;lat\n{NAME};{lon:.8f};{lat:.8f}\n".encode()
    result = read_upload("baidu.csv", csv, options=ImportOptions(datum="bd09"))
    assert result.ready and metres(result.gdf.iloc[0].geometry) < 1.0


def kml(placemarks: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>测试</name>'
        f"<Folder><name>红线</name>{placemarks}</Folder></Document></kml>"
    ).encode("utf-8")


def test_kmz_reads_names_extended_data_and_positions():
    lon, lat = TRUTH
    placemarks = (
        f"<Placemark><name>{NAME}</name><ExtendedData><Data name=\"类型\"><value>湿地</value></Data></ExtendedData>"
        f"<Point><coordinates>{lon},{lat},0</coordinates></Point></Placemark>"
        "<Placemark><name>面</name><Polygon><outerBoundaryIs><LinearRing><coordinates>"
        f"{lon},{lat} {lon + 0.001},{lat} {lon + 0.001},{lat + 0.001} {lon},{lat}"
        "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", kml(placemarks))
        archive.writestr("files/icon.png", b"\x89PNG not really")
    result = read_upload("红线.kmz", buffer.getvalue())
    assert result.ready, result.report
    assert result.detected.format == "kmz" and result.detected.crs == "EPSG:4326"
    first = result.gdf.iloc[0]
    assert (first["name"], first["类型"], first["folder"]) == (NAME, "湿地", "红线")
    assert metres(first.geometry) < 1.0
    assert result.gdf.iloc[1].geometry.geom_type == "Polygon"


def test_excel_sheet_with_surveyors_xy_columns_is_swapped_and_placed():
    east, north = projected(4527)
    book = io.BytesIO()
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        pd.DataFrame({"项目名称": [NAME], "X坐标": [north], "Y坐标": [east]}).to_excel(writer, sheet_name="点位", index=False)
        pd.DataFrame({"说明": ["CGCS2000 3度带 39带"]}).to_excel(writer, sheet_name="说明", index=False)
    result = read_upload("点位.xlsx", book.getvalue(), options=ImportOptions(crs="EPSG:4527", sheet="点位"))
    assert result.ready, result.report
    assert result.detected.sheets == ["点位", "说明"] and result.detected.format == "excel"
    assert any(m.code == "axes_swapped" for m in result.warnings)
    assert result.gdf.iloc[0]["项目名称"] == NAME
    assert metres(result.gdf.iloc[0].geometry) < 1.0
    unchosen = read_upload("点位.xlsx", book.getvalue(), options=ImportOptions(crs="EPSG:4527"))
    assert any(q.key == "sheet" for q in unchosen.needs)


def test_geopackage_with_two_layers_asks_which(tmp_path):
    x, y = projected(4548)
    path = tmp_path / "plan.gpkg"
    gpd.GeoDataFrame({"名称": [NAME]}, geometry=[Point(x, y)], crs="EPSG:4548").to_file(path, layer="红线", driver="GPKG")
    gpd.GeoDataFrame({"名称": ["农田"]}, geometry=[Point(*TRUTH)], crs="EPSG:4490").to_file(path, layer="农田", driver="GPKG")
    data = path.read_bytes()
    first = read_upload("plan.gpkg", data)
    assert next(q for q in first.needs if q.key == "layer").choices == ("红线", "农田")
    chosen = read_upload("plan.gpkg", data, options=ImportOptions(layer="红线"))
    assert chosen.ready and chosen.detected.crs == "EPSG:4548" and chosen.gdf.iloc[0]["名称"] == NAME
    assert metres(chosen.gdf.iloc[0].geometry) < 1.0
    other = read_upload("plan.gpkg", data, options=ImportOptions(layer="农田"))
    assert other.detected.crs == "EPSG:4490" and metres(other.gdf.iloc[0].geometry) < 1.0


def test_invalid_geometry_is_repaired_only_with_consent():
    lon, lat = TRUTH
    bowtie = Polygon([(lon, lat), (lon + 0.01, lat + 0.01), (lon + 0.01, lat), (lon, lat + 0.01), (lon, lat)])
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "蝴蝶"},
                                                      "geometry": bowtie.__geo_interface__}]}
    data = json.dumps(doc).encode()
    refused = read_upload("bowtie.geojson", data)
    assert not refused.ready and refused.detected.invalid == [0]
    assert any(q.key == "repair" for q in refused.needs) and any(m.code == "invalid_geometry" for m in refused.errors)
    repaired = read_upload("bowtie.geojson", data, options=ImportOptions(repair=True))
    assert repaired.ready and repaired.detected.repaired == [0]
    assert repaired.gdf.iloc[0].geometry.is_valid and repaired.gdf.iloc[0].geometry.geom_type == "MultiPolygon"
    assert any(m.code == "repaired" and "feature 0" in m.text for m in repaired.warnings)


def test_far_away_features_are_reported():
    doc = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [121.47, 31.23]}}
    result = read_upload("shanghai.geojson", json.dumps(doc).encode())
    assert any(m.code == "far_away" for m in result.warnings)


def test_size_limit_is_configurable():
    data = json.dumps({"type": "Feature", "properties": {"x": "y" * 5000}, "geometry": {"type": "Point", "coordinates": list(TRUTH)}}).encode()
    result = read_upload("big.geojson", data, options=ImportOptions(limits=ImportLimits(max_bytes=1000)))
    assert result.gdf is None and result.errors[0].code == "too_large"


def test_coordinate_helpers():
    assert find_coordinate_columns(["名称", "经度(°)", "纬度(°)"]) == ("经度(°)", "纬度(°)")
    assert find_coordinate_columns(["name", "Longitude", "Latitude"]) == ("Longitude", "Latitude")
    assert find_coordinate_columns(["name", "POINT_X", "POINT_Y"]) == ("POINT_X", "POINT_Y")
    assert parse_coordinate("116°53′24.444″E") == pytest.approx(116.89012333, abs=1e-8)
    assert parse_coordinate("36度40分16.44秒") == pytest.approx(36.6712333, abs=1e-6)
    assert parse_coordinate("39,490,123.5") == 39490123.5
    assert parse_coordinate("abc") is None and parse_coordinate(float("nan")) is None
    assert guess_crs((116.8, 36.6, 116.9, 36.7)) == "EPSG:4326"
    assert guess_crs((39_480_000, 4_050_000, 39_500_000, 4_070_000)) == "EPSG:4527"
    assert guess_crs((480_000, 4_050_000, 500_000, 4_070_000)) == "EPSG:4548"
    assert guess_crs((13_000_000, 4_390_000, 13_020_000, 4_400_000)) == "EPSG:3857"
    assert guess_crs((1e9, 1e9, 2e9, 2e9)) is None
