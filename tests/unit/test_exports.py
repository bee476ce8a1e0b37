"""Exports from the command line: self-contained HTML, print PNG, PDF fact sheets, data files."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from PIL import Image

from layers.assets import MissingAssetError
from layers.cli import main
from layers.export import inline_css, provenance
from planning.plan import load_plan
from tests.helpers import GEODATA, ROOT, file_stores, tiny_plan_docs, write_docs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _run(*argv: str) -> int:
    return main(["export", *argv, "--data", str(GEODATA)] if "--data" not in argv else ["export", *argv])


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("exports")


@pytest.fixture(scope="module")
def zone_sheet(out: Path) -> Path:
    path = out / "core-medical-zh.pdf"
    assert _run("factsheet", "--zone", "core-medical", "--lang", "zh", "-o", str(path)) == 0
    return path


# --------------------------------------------------------------------------- PDF fact sheets


def test_zone_factsheet_has_the_chinese_name_and_a_target_value(zone_sheet: Path):
    text = _pdftotext(zone_sheet)
    assert "济南国际医学科学中心" in text
    assert "500 亿元" in text, "the target 总产值 ≥ 500 亿元 (t2025-med-output)"
    assert "公顷" in text and "亩" in text
    assert "树兰（济南）国际医院" in text and "开工" in text, "projects with their status"
    assert "数据日期 2026-11-27" in text and "示意" in text, "the data's date and the approximate-positions note"
    assert _pages(zone_sheet) <= 2


def test_factsheet_fonts_are_embedded_cjk(zone_sheet: Path):
    fonts = _pdffonts(zone_sheet)
    assert fonts, "the PDF names its fonts"
    assert all("NotoSansCJKSC" in row[0] for row in fonts)
    # columns: name type... encoding emb sub uni object ID -> "emb" is the 5th field from the right
    assert all(row[-5] == "yes" for row in fonts), fonts


def test_english_zone_and_project_factsheets(out: Path):
    zone = out / "soe-en.pdf"
    assert _run("factsheet", "--zone", "core-soe-hq", "--lang", "en", "-o", str(zone)) == 0
    text = _pdftotext(zone)
    assert "Central SOE Headquarters City" in text and "央企总部城" in text
    assert "≥ 15 buildings (2025)" in text
    project = out / "town.pdf"
    assert _run("factsheet", "--project", "prj-wide-bandgap-town", "--lang", "zh", "-o", str(project)) == 0
    text = _pdftotext(project)
    assert "济南宽禁带半导体产业小镇" in text and "在建" in text and "济南槐荫经济开发区" in text
    assert _pages(project) <= 2


def test_factsheet_of_an_unknown_zone_fails_with_a_message(out: Path, capsys):
    assert _run("factsheet", "--zone", "nope", "--lang", "zh", "-o", str(out / "x.pdf")) == 2
    err = capsys.readouterr().err
    assert "zone 'nope' is not in zones.geojson" in err and "core-medical" in err
    assert not (out / "x.pdf").exists()


# --------------------------------------------------------------------------- PNG


@pytest.mark.parametrize(("width", "height", "dpi", "zone"), [(900, 640, 100, "core-soe-hq"), (1200, 800, 150, None)])
def test_png_has_the_requested_size(out: Path, width, height, dpi, zone):
    path = out / f"map-{width}.png"
    args = ["png", "-o", str(path), "--width", str(width), "--height", str(height), "--dpi", str(dpi)]
    assert _run(*args, *(["--zone", zone] if zone else [])) == 0
    with Image.open(path) as image:
        assert image.size == (width, height)
        assert image.format == "PNG"
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 50, "a drawn map, not a blank image"


def test_png_rejects_a_size_out_of_range(out: Path, capsys):
    assert _run("png", "-o", str(out / "big.png"), "--width", "50000") == 2
    assert "width 50000 is out of range" in capsys.readouterr().err


# --------------------------------------------------------------------------- HTML


def test_html_is_self_contained(out: Path):
    path = out / "plan.html"
    assert _run("html", "-o", str(path)) == 0
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page), "every file is inlined"
    assert "url(images/" not in page and "url(../" not in page, "CSS images are data URIs"
    assert "L.geoJSON" in page and "window.hyUnpack" in page
    assert "济南国际医学科学中心" in page, "zone popups"
    assert len(page.encode()) < 2_000_000


def test_html_escapes_data_in_popups(tmp_path: Path):
    docs = tiny_plan_docs()
    docs["zones.geojson"]["features"][0]["properties"]["description_zh"] = "<img src=x onerror=alert(1)>"
    folder = write_docs(tmp_path / "plan", docs)
    path = tmp_path / "tiny.html"
    assert main(["export", "html", "-o", str(path), "--data", str(folder)]) == 0
    page = path.read_text(encoding="utf-8")
    assert "onerror=alert(1)>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_inline_css_makes_data_uris_and_refuses_remote_urls(tmp_path: Path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    css = tmp_path / "x.css"
    inlined = inline_css(".a{background:url('img/a.png?v=1#x')} .b{behavior:url(#default#VML)}", css)
    assert "url(\"data:image/png;base64," in inlined and "url(#default#VML)" in inlined
    with pytest.raises(MissingAssetError, match="would need the network"):
        inline_css(".a{background:url(https://cdn.example/a.png)}", css)
    with pytest.raises(MissingAssetError, match="missing"):
        inline_css(".a{background:url(img/none.png)}", css)


# --------------------------------------------------------------------------- data


def test_data_exports_in_every_format(out: Path):
    assert _run("data", "-o", str(out / "p.csv"), "--status", "开工") == 0
    raw = (out / "p.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel opens Chinese correctly"
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert set(frame["status"]) == {"开工"} and "prj-shulan-hospital" in set(frame["id"])
    assert _run("data", "-o", str(out / "t.csv"), "--what", "targets", "--zone", "core-medical") == 0
    targets = pd.read_csv(out / "t.csv", encoding="utf-8-sig")
    assert set(targets["scope"]) == {"core-medical"} and 500 in set(targets["target_value"])
    assert _run("data", "-o", str(out / "all.xlsx")) == 0
    sheets = pd.read_excel(out / "all.xlsx", sheet_name=None)
    assert set(sheets) == {"projects", "targets"} and len(sheets["projects"]) == 157 and len(sheets["targets"]) == 90
    assert _run("data", "-o", str(out / "p.geojson"), "--zone", "core-medical") == 0
    doc = json.loads((out / "p.geojson").read_text(encoding="utf-8"))
    in_zone = sum("core-medical" in ids for ids in load_plan(GEODATA).projects["zone_ids"])
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == in_zone > 40
    assert all("core-medical" in json.loads(f["properties"]["zone_ids"]) for f in doc["features"])


def test_geopackage_reads_back(out: Path):
    path = out / "plan.gpkg"
    assert _run("data", "-o", str(path), "--category", "医养健康") == 0
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == {"projects", "targets"}
    projects = gpd.read_file(path, layer="projects")
    assert len(projects) > 10 and set(projects["category"]) == {"医养健康"}
    assert projects.crs.to_epsg() == 4326
    targets = gpd.read_file(path, layer="targets")
    assert len(targets) == 90
    zone_targets = targets[targets["scope_kind"] == "zone"]
    assert zone_targets.geometry.notna().all() and targets[targets["scope_kind"] != "zone"].geometry.isna().all()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["data", "-o", "x.txt"], "cannot tell the format"),
        (["data", "-o", "x.csv", "--what", "all"], "holds one table"),
        (["data", "-o", "x.csv", "--zone", "nope"], "unknown zone(s) ['nope']"),
    ],
)
def test_data_export_errors_name_the_fix(out: Path, capsys, argv, message):
    argv[2] = str(out / argv[2])
    assert _run(*argv) == 2
    assert message in capsys.readouterr().err


def test_python_m_planning_routes_export_to_the_map_layer(out: Path):
    path = out / "routed.csv"
    done = subprocess.run([sys.executable, "-m", "planning", "export", "data", "-o", str(path), "--what", "targets"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and len(pd.read_csv(path, encoding="utf-8-sig")) == 90


def test_provenance_reads_sources_and_the_audit_log(tmp_path: Path):
    folder = write_docs(tmp_path / "plan", tiny_plan_docs())
    assert provenance(file_stores(folder)).data_date is None
    (folder / "SOURCES.md").write_text(
        "| file | origin | date |\n|---|---|---|\n| zones.geojson | x | 2026-01-02 |\n| targets.json | y | 2026-03-04 |\n",
        encoding="utf-8",
    )
    (folder / "audit.jsonl").write_text(
        json.dumps({"seq": 7, "at": "2026-05-06T10:00:00+00:00", "user": "u", "action": "set_status",
                    "document": "projects.geojson", "feature_id": "p-in-a", "before": {}, "after": {}}) + "\n",
        encoding="utf-8",
    )
    found = provenance(file_stores(folder))
    assert (found.data_date, found.last_edit_date, found.last_edit_seq) == ("2026-03-04", "2026-05-06", 7)
    assert "最近编辑 2026-05-06（审计记录 #7）" in found.line("zh")
