"""Applying imports: overlay layers with provenance, merges with duplicate decisions, audit entries and undo, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from planning.cli import main
from planning.edits import IMPORTS_DOCUMENT, EditError
from planning.errors import StaleWriteError
from planning.imports import ImportOptions, read_upload
from planning.imports_apply import (
    ProjectMapping,
    active_overlays,
    add_overlay,
    candidate_projects,
    default_decisions,
    find_duplicates,
    import_history,
    merge_projects,
    overlay_metadata,
    overlay_sources_markdown,
    undo_import,
)
from planning.plan import load_plan
from tests.helpers import file_stores, add_file_account

TODAY = dt.date(2026, 3, 1)


def geojson(features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()


def point(name, lon, lat, **props):
    return {"type": "Feature", "properties": {"名称": name, **props}, "geometry": {"type": "Point", "coordinates": [lon, lat]}}


RED_LINE = geojson([{"type": "Feature", "properties": {"名称": "红线<甲>"}, "geometry": {"type": "Polygon", "coordinates": [
    [[116.86, 36.66], [116.87, 36.66], [116.87, 36.67], [116.86, 36.66]]]}}])
MAPPING = ProjectMapping(name_zh="名称", section="ch4-1", section_label="第四章 一、", default_category="生态环境")


def listing(folder):
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_overlay_is_written_with_provenance_logged_and_withdrawn_by_undo(tiny_folder):
    stores = file_stores(tiny_folder)
    result = read_upload("红线.geojson", RED_LINE)
    entry = add_overlay(stores, result, user="planner1", title="生态保护红线", kind="生态保护红线",
                        provenance="济南市自然资源和规划局 2022", today=TODAY)
    assert (entry.action, entry.document, entry.feature_id) == ("import", IMPORTS_DOCUMENT, f"imp-20260301-{result.sha256[:8]}")
    meta = overlay_metadata(file_stores(tiny_folder))
    assert len(meta) == 1
    assert {k: meta[0][k] for k in ("title", "kind", "provenance", "file", "crs", "datum", "encoding", "imported_by", "audit_seq")} == {
        "title": "生态保护红线", "kind": "生态保护红线", "provenance": "济南市自然资源和规划局 2022", "file": "红线.geojson",
        "crs": "EPSG:4326", "datum": "wgs84", "encoding": "utf-8", "imported_by": "planner1", "audit_seq": 1}
    overlay = active_overlays(file_stores(tiny_folder))[0]
    assert overlay.gdf.iloc[0]["名称"] == "红线<甲>" and overlay.gdf.crs == "EPSG:4326"
    table = overlay_sources_markdown(meta)
    assert "济南市自然资源和规划局 2022" in table and "红线.geojson" in table
    assert load_plan(tiny_folder).problems == []  # the overlay folder is not mistaken for a plan layer
    undo = undo_import(stores, entry.seq, user="planner2")
    assert (undo[0].action, undo[0].reverts, undo[0].user) == ("undo_import", entry.seq, "planner2")
    assert overlay_metadata(file_stores(tiny_folder)) == []
    kept = json.loads((tiny_folder / "overlays" / f"{entry.feature_id}.json").read_text(encoding="utf-8"))
    assert kept["withdrawn"]["by"] == "planner2"
    with pytest.raises(EditError, match="already undone"):
        undo_import(stores, entry.seq, user="planner1")
    assert [(r.kind, r.undone_by) for r in import_history(stores)] == [("overlay", undo[0].seq)]


def test_overlay_needs_title_kind_provenance_and_a_ready_result(tiny_folder):
    stores = file_stores(tiny_folder)
    before = listing(tiny_folder)
    ready = read_upload("红线.geojson", RED_LINE)
    for kwargs in ({"title": "", "kind": "生态保护红线", "provenance": "x"}, {"title": "t", "kind": "bogus", "provenance": "x"},
                   {"title": "t", "kind": "生态保护红线", "provenance": " "}):
        with pytest.raises(EditError):
            add_overlay(stores, ready, user="planner1", **kwargs)
    unready = read_upload("x.csv", b"name,lon,lat\na,116.89,36.67\n")  # the CRS question is open
    with pytest.raises(EditError, match="cannot be applied yet"):
        add_overlay(stores, unready, user="planner1", title="t", kind="参考图层", provenance="x")
    assert listing(tiny_folder) == before


def test_merge_reports_duplicates_and_adds_chosen_rows_in_one_undoable_import(tiny_folder):
    # p-in-a 测试 is at (116.87, 36.67): one row 20 m away, one with its name, one new
    data = geojson([point("新医院", 116.87018, 36.67), point("测试", 116.95, 36.70), point("新学校", 116.901234567, 36.681234567, 类别="中小学")])
    result = read_upload("projects.geojson", data)
    plan = load_plan(tiny_folder)
    mapping = ProjectMapping(name_zh="名称", section="ch4-1", section_label="第四章 一、", default_category="公共服务", category="类别")
    features, report = candidate_projects(result, mapping, user="planner1", import_id="imp-x", today=TODAY)
    assert [f["properties"]["category"] for f in features] == ["公共服务", "公共服务", "中小学"]
    assert not [m for m in report if m.level == "error"]
    duplicates = find_duplicates(features, plan.projects)
    reasons = {(r["row"], r["reason"], r["existing_id"]) for _, r in duplicates.iterrows()}
    assert (0, "near", "p-in-a") in reasons and (1, "name", "p-in-a") in reasons
    assert not any(row == 2 for row, _, _ in reasons)
    assert 15 < duplicates[duplicates["reason"] == "near"]["distance_m"].iloc[0] < 25
    assert default_decisions(features, duplicates) == {0: "skip", 1: "skip", 2: "add"}
    with pytest.raises(EditError, match="decide add, skip or new_id for rows 1, 2"):
        merge_projects(file_stores(tiny_folder).editor(), result, mapping, {}, user="planner1", projects=plan.projects, today=TODAY)
    stores = file_stores(tiny_folder)
    editor = stores.editor()
    entries = merge_projects(editor, result, mapping, {0: "add", 1: "skip", 2: "add"}, user="planner1",
                             projects=plan.projects, today=TODAY, note="区发改局清单")
    assert [e.action for e in entries] == ["import_project", "import_project", "import"]
    assert entries[-1].after["projects"] == [entries[0].feature_id, entries[1].feature_id]
    assert entries[-1].after["skipped_rows"] == [2]
    after = load_plan(tiny_folder)
    assert not after.errors and len(after.projects) == 5
    added = after.feature("projects", entries[1].feature_id)
    assert (added["name_zh"], added["category"], added["status"], added["source_section"]) == ("新学校", "中小学", "未知", "ch4-1")
    assert added["import_attributes"] == {"名称": "新学校", "类别": "中小学"}
    undo = undo_import(stores, entries[-1].seq, user="planner1")
    assert [e.action for e in undo] == ["revert", "revert", "undo_import"]
    assert len(load_plan(tiny_folder).projects) == 3


def test_undo_of_a_merge_refuses_when_an_imported_project_was_edited_since(tiny_folder):
    stores = file_stores(tiny_folder)
    editor = stores.editor()
    result = read_upload("one.geojson", geojson([point("新项目", 116.90, 36.70)]))
    plan = load_plan(tiny_folder)
    entries = merge_projects(editor, result, MAPPING, {}, user="planner1", projects=plan.projects, today=TODAY)
    pid = entries[0].feature_id
    base = editor.snapshot("projects.geojson", pid, ("status", "status_date", "status_source"))
    editor.set_status("planner2", pid, "开工", "2026-03", "调度表", based_on=base)
    with pytest.raises(StaleWriteError, match=rf"cannot revert #{entries[0].seq}.*set_status by planner2"):
        undo_import(stores, entries[-1].seq, user="planner1")
    assert load_plan(tiny_folder).feature("projects", pid) is not None


def test_an_id_clash_gets_a_new_id_and_rows_breaking_the_rules_refuse_the_merge(tiny_folder):
    stores = file_stores(tiny_folder)
    editor = stores.editor()
    plan = load_plan(tiny_folder)
    clash = read_upload("clash.geojson", geojson([point("另一个", 116.95, 36.75, 编号="p-in-a")]))
    mapping = ProjectMapping(name_zh="名称", id="编号", section="ch4-1", section_label="第四章 一、", default_category="水利")
    features, _ = candidate_projects(clash, mapping, user="u", import_id="imp-x", today=TODAY)
    assert default_decisions(features, find_duplicates(features, plan.projects)) == {0: "new_id"}
    entries = merge_projects(editor, clash, mapping, {0: "new_id"}, user="planner1", projects=plan.projects, today=TODAY)
    assert entries[0].feature_id == "p-in-a-2"
    nameless = read_upload("nameless.geojson", geojson([point("", 116.95, 36.75)]))
    with pytest.raises(EditError, match="do not follow the plan's rules.*name_zh"):
        merge_projects(editor, nameless, MAPPING, {}, user="planner1", projects=load_plan(tiny_folder).projects, today=TODAY)


def test_editor_record_refuses_editable_documents_and_logs_nothing_when_apply_fails(tiny_folder):
    stores = file_stores(tiny_folder)
    editor = stores.editor()
    with pytest.raises(EditError):
        editor.record("u", "import", "projects.geojson", "x", None, {})

    def boom(_entry):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        editor.record("u", "import", IMPORTS_DOCUMENT, "imp-1", None, {"as": "overlay"}, apply=boom)
    assert editor.log() == []


def test_cli_import_dry_run_and_overlay(tiny_folder, tmp_path, capsys, monkeypatch):
    path = tmp_path / "红线.geojson"
    path.write_bytes(RED_LINE)
    accounts = tmp_path / "accounts.json"
    monkeypatch.setenv("HUAIYIN_ACCOUNTS_FILE", str(accounts))
    assert main(["import", str(path), "--folder", str(tiny_folder), "--user", "cli", "--provenance", "x"]) == 2
    assert "--user 'cli' is not a planner account" in capsys.readouterr().out
    add_file_account(accounts, "cli", "a long enough password")
    assert main(["import", str(path), "--folder", str(tiny_folder), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 feature(s) read as geojson, CRS EPSG:4326 (declared)" in out
    assert not (tiny_folder / "overlays").exists() and not (tiny_folder / "audit.jsonl").exists()
    assert main(["import", str(path), "--folder", str(tiny_folder), "--user", "cli", "--kind", "永久基本农田",
                 "--provenance", "测试", "--title", "农田"]) == 0
    assert "imported as overlay: audit entry #1" in capsys.readouterr().out
    assert overlay_metadata(file_stores(tiny_folder))[0]["kind"] == "永久基本农田"
    csv = tmp_path / "pts.csv"
    csv.write_bytes("名称,经度,纬度\n甲,116.89,36.67\n".encode("gbk"))
    assert main(["import", str(csv), "--folder", str(tiny_folder), "--dry-run"]) == 3
    assert "QUESTION (crs)" in capsys.readouterr().out
    assert main(["import", str(csv), "--folder", str(tiny_folder), "--datum", "gcj02", "--as", "projects", "--user", "cli",
                 "--name-col", "名称", "--category", "水利", "--section", "ch4-1", "--section-label", "第四章 一、"]) == 0
    assert "imported as projects" in capsys.readouterr().out
    assert len(load_plan(tiny_folder).projects) == 4


def test_cli_refuses_hostile_files_without_writing(tiny_folder, tmp_path, capsys):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", b"\0" * (3 * 1024 * 1024))
    before = listing(tiny_folder)
    assert main(["import", str(bomb), "--folder", str(tiny_folder), "--user", "cli", "--provenance", "x"]) == 1
    assert "possible zip bomb" in capsys.readouterr().out
    assert listing(tiny_folder) == before


def test_options_from_the_reader_round_trip():
    result = read_upload("pts.csv", b"name,lon,lat\na,116.89,36.67\n", options=ImportOptions(datum="wgs84"))
    assert result.ready and result.detected.crs_source == "option"


def test_near_duplicates_compare_like_with_like():
    existing = gpd.GeoDataFrame({"id": ["road", "school"], "name_zh": ["道路", "学校"]},
                                geometry=[LineString([(116.88, 36.66), (116.90, 36.66)]), Point(116.8901, 36.6601)], crs="EPSG:4326")
    candidates = [{"properties": {"id": "n1", "name_zh": "新学校"}, "geometry": {"type": "Point", "coordinates": [116.8902, 36.6601]}},
                  {"properties": {"id": "n2", "name_zh": "新路"}, "geometry": {"type": "LineString", "coordinates": [[116.88, 36.6602], [116.90, 36.6602]]}}]
    found = find_duplicates(candidates, existing)
    assert {(r["id"], r["existing_id"]) for _, r in found.iterrows()} == {("n1", "school"), ("n2", "road")}
