"""The 招商 fact sheet: one A4 page with the location map, access distances, contact and a QR code to the phone page.

Checked on the PDF itself with poppler (pdfinfo, pdftotext, pdfimages), as a reader of the file would see it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from layers.export import provenance
from layers.factsheet import project_factsheet, zone_factsheet
from planning.access import format_distance, site_access
from planning.links import phone_url
from planning.plan import load_plan
from planning.stores import command_stores

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by make test")
CONTACT = "槐荫区投资促进中心（测试）|电话 0531-0000000"


@pytest.fixture(scope="module")
def shipped():
    stores = command_stores("geodata")
    return load_plan(stores.plan), provenance(stores)


def _poppler(pdf: bytes, tmp_path: Path) -> tuple[int, str, list[str]]:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    words = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return pages, words, images.splitlines()[2:]


def test_zone_sheet_is_one_page_with_map_access_contact_and_qr(shipped, tmp_path):
    plan, prov = shipped
    pdf = zone_factsheet(plan, "core-medical", lang="zh", provenance_=prov, contact=CONTACT,
                         public_url="https://plan.example.cn/")
    pages, words, images = _poppler(pdf, tmp_path)
    assert pages == 1
    assert len(images) >= 2, images  # the location map and the QR code
    widths = sorted(int(line.split()[3]) for line in images)
    assert widths[-1] >= 1500  # the map, printed at 280 dpi
    for text in ("交通区位", "最近的运营地铁站", "王府庄", "济南西站", "高速公路出入口", "数据中没有出入口位置",
                 "3,838.6 公顷", "亩", "规划出处", "第二章", "槐荫区投资促进中心（测试）", "电话 0531-0000000",
                 "手机扫码查看在线地图", "https://plan.example.cn/m?lang=zh&sel=zone:core-medical"):
        assert text in words, text
    assert any(f"{format_distance(a.distance_m, 'zh')}" in words for a in site_access(plan, plan.feature(
        "zones", "core-medical").geometry) if a.distance_m)


def test_english_project_sheet_without_contact_or_address_says_so(shipped, tmp_path):
    plan, prov = shipped
    pdf = project_factsheet(plan, "prj-shulan-hospital", lang="en", provenance_=prov)
    pages, words, images = _poppler(pdf, tmp_path)
    assert pages == 1 and len(images) == 1  # the map; no QR code without a public address
    for text in ("Nearest metro", "Jinan West", "Expressway", " km",
                 "No contact is configured", "No public address"):
        assert text in words, text


def test_access_counts_only_operating_metro_and_never_invents_an_entrance(shipped):
    plan, _ = shipped
    metro, west, expressway = site_access(plan, plan.feature("zones", "axis-cbd").geometry)
    assert metro.distance_m == 0 and "4、6号线为规划线路" in metro.note_zh
    assert west.name_zh == "济南西站" and west.distance_m == 0
    assert expressway.distance_m is None and "数据中没有出入口位置" in expressway.note_zh
    assert format_distance(None, "en") == "unknown" and format_distance(1234, "zh") == "1.2 公里"


def test_the_qr_link_opens_the_phone_page_of_the_feature():
    assert phone_url("https://plan.example.cn/app/?a=1", "project:p-1", "en") == (
        "https://plan.example.cn/app/m?a=1&lang=en&sel=project:p-1")
