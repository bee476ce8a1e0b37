"""Malformed and hostile uploads: none crashes, none writes anything, each gives a message.

A property-based test draws 500 files from nine families: truncated
archives and documents, path-traversal entries, zip bombs (ratio, total size,
entry count), wrong CRS, broken geometry, wrong encodings, XML entities,
random bytes, and random mutations of valid files. Every family except the
mutations is certainly bad and must be refused with an error; a mutation may
still be a valid file, but then it must be ready or explain why not.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from planning.imports import ImportLimits, ImportOptions, ImportResult, read_upload
from tests.helpers import tiny_plan_docs, write_docs

LON, LAT = 116.89, 36.67
KML_DOC = (
    '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
    f"<Placemark><name>湿地</name><Point><coordinates>{LON},{LAT}</coordinates></Point></Placemark></Document></kml>"
)


def zipped(entries: list[tuple[str, bytes]], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


class Samples(dict):
    """The valid seed files by kind (a short repr keeps Hypothesis' reports readable)."""

    def __repr__(self) -> str:
        return f"Samples({', '.join(self)})"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Samples:
    """Valid files of every format (made once), the seeds of the hostile ones."""
    folder = tmp_path_factory.mktemp("samples")
    gdf = gpd.GeoDataFrame({"名称": ["玉符河湿地"], "n": [1]}, geometry=[Point(LON, LAT)], crs="EPSG:4326")
    gdf.to_file(folder / "layer.shp", encoding="GBK")
    shp = zipped([(f"layer.{e}", (folder / f"layer.{e}").read_bytes()) for e in ("shp", "shx", "dbf", "prj")])
    gdf.to_file(folder / "x.gpkg", driver="GPKG", layer="红线")
    book = io.BytesIO()
    pd.DataFrame({"名称": ["甲"], "经度": [LON], "纬度": [LAT]}).to_excel(book, index=False)
    geojson = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名称": "甲"}, "geometry": {"type": "Point", "coordinates": [LON, LAT]}}]},
        ensure_ascii=False)
    return Samples({
        "shapefile": ("layer.zip", shp),
        "gpkg": ("x.gpkg", (folder / "x.gpkg").read_bytes()),
        "xlsx": ("x.xlsx", book.getvalue()),
        "kmz": ("x.kmz", zipped([("doc.kml", KML_DOC.encode())])),
        "kml": ("x.kml", KML_DOC.encode()),
        "geojson": ("x.geojson", geojson.encode()),
        "csv": ("x.csv", f"名称,经度,纬度\n甲,{LON},{LAT}\n".encode("gbk")),
    })


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """An empty working directory and a data folder; ``snapshot()`` lists both (names, sizes, mtimes)."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    data_dir = write_docs(tmp_path / "plan", tiny_plan_docs())
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(data_dir))

    def snapshot() -> list[tuple[str, int, int]]:
        return sorted(
            (str(p), p.stat().st_size, p.stat().st_mtime_ns)
            for root in (work, data_dir, Path(os.getcwd()))
            for p in [root, *root.rglob("*")]
        )

    return snapshot


# --- families of hostile files: each draws (name, bytes, options, certainly_bad) ---------------------------


def truncated(samples):
    seeds = st.sampled_from(["shapefile", "xlsx", "kmz", "kml", "geojson"])
    return seeds.flatmap(lambda k: st.integers(0, len(samples[k][1]) - 1).map(
        lambda n: (samples[k][0], samples[k][1][:n], ImportOptions(), True)))


_BAD_NAMES = ["../evil.shp", "../../etc/passwd", "/abs/x.geojson", "C:\\windows\\x.kml", "c:/x.csv", "a/../../b.geojson",
              "..\\..\\x.shp", "ok/../../../x.dbf", "/", "\\\\server\\share\\x.kml", "x/..", "..", "d/e/../../../f.json"]


def traversal(samples):  # noqa: ARG001
    def build(bad: str, good: bool, ext: str) -> tuple[str, bytes, ImportOptions, bool]:
        entries = [("doc.kml", KML_DOC.encode())] if good else []
        return (f"x.{ext}", zipped([*entries, (bad, b"payload")]), ImportOptions(), True)

    return st.builds(build, st.sampled_from(_BAD_NAMES), st.booleans(), st.sampled_from(["zip", "kmz", "xlsx"]))


def _symlink_zip() -> bytes:
    info = zipfile.ZipInfo("link.kml")
    info.external_attr = (0o120777 << 16)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def bombs(samples):  # noqa: ARG001
    ratio = st.integers(2, 6).map(lambda mb: ("bomb.zip", zipped([("doc.kml", b"\0" * (mb * 1024 * 1024))]), ImportOptions(), True))
    count = st.integers(1001, 1100).map(lambda n: ("many.kmz", zipped([(f"{i}.kml", b"") for i in range(n)]), ImportOptions(), True))
    total = st.binary(min_size=3000, max_size=4000).map(lambda b: (
        "big.zip", zipped([("a.geojson", b), ("b.geojson", b)], method=zipfile.ZIP_STORED),
        ImportOptions(limits=ImportLimits(max_uncompressed=5000)), True))
    link = st.just(("link.kmz", _symlink_zip(), ImportOptions(), True))
    return st.one_of(ratio, count, total, link)


def wrong_crs(samples):  # noqa: ARG001
    metres = st.floats(1e5, 5e7, allow_nan=False)
    declared = st.builds(lambda x, y: ("m.geojson", json.dumps({
        "type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4326"}},
        "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [x, y]}}]}).encode(),
        ImportOptions(), True), metres, metres)
    forced = st.sampled_from(["EPSG:4548", "EPSG:4527", "EPSG:3857", "EPSG:32650"]).map(lambda crs: (
        "deg.csv", f"name,lon,lat\na,{LON},{LAT}\n".encode(), ImportOptions(crs=crs), True))
    unknown = st.sampled_from(["EPSG:0", "EPSG:99999999", "not a crs", "+proj=bogus"]).map(lambda crs: (
        "deg.csv", f"name,lon,lat\na,{LON},{LAT}\n".encode(), ImportOptions(crs=crs), True))
    return st.one_of(declared, forced, unknown)


_BROKEN_GEOMETRIES = [
    {"type": "LineString", "coordinates": [[LON, LAT]]},
    {"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 1, LAT], [LON, LAT]]]},
    {"type": "Polygon", "coordinates": [[LON, LAT]]},
    {"type": "Point", "coordinates": []},
    {"type": "Point", "coordinates": ["a", "b"]},
    {"type": "Point", "coordinates": [float("nan"), LAT]},
    {"type": "Point", "coordinates": [float("inf"), LAT]},
    {"type": "Circle", "coordinates": [LON, LAT], "radius": 5},
    {"type": "MultiPolygon", "coordinates": [[[[LON]]]]},
    {"type": "GeometryCollection", "geometries": [{"type": "Point"}]},
    {"coordinates": [LON, LAT]},
    "POINT (116.89 36.67)",
    [LON, LAT],
    {"type": "Point", "coordinates": [LON, LAT, "z"]},
    {"type": "Point", "coordinates": [1e300, 1e300]},
]


def broken_geometry(samples):  # noqa: ARG001
    def build(geometry, extra: int, repair: bool) -> tuple[str, bytes, ImportOptions, bool]:
        good = [{"type": "Feature", "properties": {"i": i}, "geometry": {"type": "Point", "coordinates": [LON, LAT]}} for i in range(extra)]
        doc = {"type": "FeatureCollection", "features": [*good, {"type": "Feature", "properties": {}, "geometry": geometry}]}
        return ("broken.geojson", json.dumps(doc).encode(), ImportOptions(repair=repair), True)

    structural = st.builds(build, st.sampled_from(_BROKEN_GEOMETRIES), st.integers(0, 3), st.booleans())
    documents = st.sampled_from([
        b"[]", b"{}", b'{"type":"FeatureCollection"}', b'{"type":"FeatureCollection","features":{}}', b'{"type":"Feature"}',
        b'{"type":"FeatureCollection","features":[1]}', b'{"type":"Feature","properties":[],"geometry":null}', b"null", b'"text"',
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}',
        b"[" * 100000, b'{"a":' * 50000,
    ]).map(lambda raw: ("doc.geojson", raw, ImportOptions(), True))
    return st.one_of(structural, documents)


def wrong_encoding(samples):
    def build(kind: str, at: int, junk: bytes) -> tuple[str, bytes, ImportOptions, bool]:
        name, raw = samples[kind]
        if kind == "shapefile":
            return (name, _corrupt_dbf(raw, junk), ImportOptions(), True)
        cut = 1 + at % max(len(raw) - 2, 1)
        return (name, raw[:cut] + junk + raw[cut:], ImportOptions(), True)

    junk = st.sampled_from([b"\xff", b"\xff\xff", b"\x80\xff", b"\xff\x80", b"\xc3\x28\xff"])  # 0xFF: never UTF-8, never GB18030
    return st.builds(build, st.sampled_from(["csv", "geojson", "kml", "shapefile"]), st.integers(0, 10_000), junk)


def _corrupt_dbf(raw: bytes, junk: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}
    dbf = entries["layer.dbf"]
    text = "玉符河湿地".encode("gbk")
    start = dbf.index(text)
    entries["layer.dbf"] = dbf[:start] + (junk * 10)[: len(text)] + dbf[start + len(text):]
    return zipped(list(entries.items()))


def xml_entities(samples):  # noqa: ARG001
    laughs = '<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    xxe = '<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    dtd = '<!DOCTYPE kml SYSTEM "http://example.invalid/kml.dtd">'
    body = f"<kml><Document><Placemark><name>&c;&x;</name><Point><coordinates>{LON},{LAT}</coordinates></Point></Placemark></Document></kml>"

    def build(prolog: str, packed: bool, utf16: bool) -> tuple[str, bytes, ImportOptions, bool]:
        text = f'<?xml version="1.0"?>{prolog}{body}'
        raw = text.encode("utf-16") if utf16 else text.encode()
        return ("x.kmz", zipped([("doc.kml", raw)]), ImportOptions(), True) if packed else ("x.kml", raw, ImportOptions(), True)

    return st.builds(build, st.sampled_from([laughs, xxe, dtd]), st.booleans(), st.booleans())


def garbage(samples):  # noqa: ARG001
    ext = st.sampled_from(["zip", "kmz", "xlsx", "gpkg", "kml", "json", "geojson", "dat", "csv", "shp", "xls", ""])
    return st.builds(lambda e, b: (f"x.{e}" if e else "x", (b"\x80" + b) if e in ("csv", "dat") else b, ImportOptions(), True),
                     ext, st.binary(min_size=0, max_size=2048))


def mutated(samples):
    def build(kind: str, flips: list[tuple[int, int]], crs, datum, encoding, layer, repair) -> tuple[str, bytes, ImportOptions, bool]:
        name, raw = samples[kind]
        data = bytearray(raw)
        for at, value in flips:
            data[at % len(data)] = value
        options = ImportOptions(crs=crs, datum=datum, encoding=encoding, layer=layer, repair=repair)
        return (name, bytes(data), options, False)

    return st.builds(
        build, st.sampled_from(sorted(samples)), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
        st.sampled_from([None, "EPSG:4326", "EPSG:4548", "GCJ"]), st.sampled_from([None, "wgs84", "gcj02", "bd09", "mars"]),
        st.sampled_from([None, "gbk", "utf-8", "klingon"]), st.sampled_from([None, "红线", "nope"]), st.booleans(),
    )


FAMILIES = (truncated, traversal, bombs, wrong_crs, broken_geometry, wrong_encoding, xml_entities, garbage, mutated)


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_hostile_files_never_crash_never_write_and_always_explain(data, samples, sandbox):
    family = data.draw(st.sampled_from(FAMILIES), label="family")
    name, payload, options, certainly_bad = data.draw(family(samples), label="file")
    event(family.__name__)
    before = sandbox()
    result = read_upload(name, payload, options=options)
    assert sandbox() == before, "reading an upload wrote to the data folder or the working directory"
    assert isinstance(result, ImportResult)
    assert all(m.text.strip() for m in result.report)
    if certainly_bad:
        assert result.errors, f"{family.__name__}: {name} was not refused ({result.summary()})"
        assert not result.ready
    else:
        assert result.ready or result.errors or result.needs, f"{name}: not ready and no reason given"
    if result.gdf is not None:
        assert str(result.gdf.crs) == "EPSG:4326"


def test_each_family_is_refused_with_the_expected_code(samples):
    """One fixed example per family, with its message code (so the families test what they say)."""
    cases = [
        (("x.zip", samples["shapefile"][1][:-30]), "bad_zip"),
        (("x.zip", zipped([("../evil.shp", b"x")])), "zip_unsafe"),
        (("x.zip", zipped([("C:\\evil.kml", b"x")])), "zip_unsafe"),
        (("x.kmz", zipped([("doc.kml", b"\0" * 3 * 1024 * 1024)])), "zip_bomb"),
        (("x.kmz", _symlink_zip()), "zip_unsafe"),
        (("x.kml", b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml>&x;</kml>'), "xml_unsafe"),
        (("x.csv", b"a,b\n\x80,\xff\n"), "bad_encoding"),
        (("x.gpkg", b"SQLite format 3\x00" + b"\0" * 100), "bad_gpkg"),
        (("x.xls", b"\xd0\xcf\x11\xe0"), "old_excel"),
        (("x.shp", b"\0" * 100), "shapefile_parts"),
        (("x.bin", b"\x01\x02"), "unknown_format"),
        (("x.geojson", b'{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2]]}}'), "bad_geometry"),
    ]
    for (name, data), code in cases:
        result = read_upload(name, data)
        assert [m.code for m in result.errors][:1] == [code], (name, result.report)


def test_upload_names_cannot_steer_anything(sandbox):
    before = sandbox()
    result = read_upload("../../../../etc/cron.d/x.geojson", b'{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[116.89,36.67]}}')
    assert result.name == "x.geojson" and result.ready
    assert sandbox() == before
