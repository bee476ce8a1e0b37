"""PlanEditor: audited, validated edits of projects and targets, with optimistic concurrency.

Every test starts from the tiny valid plan of ``tests.helpers``; after each
successful edit the folder must still load with zero problems.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import square, tiny_plan_docs, write_docs

from planning import edits
from planning.edits import (
    AUDIT_FILE,
    MOVE_FIELDS,
    OBSERVATION_FIELDS,
    PROJECTS_FILE,
    STATUS_FIELDS,
    TARGETS_FILE,
    AuditEntry,
    EditError,
    PlanEditor,
    UnknownFeatureError,
)
from planning.errors import DataSourceError, PlanningError, SchemaError, StaleWriteError
from planning.plan import TARGETS_FILE as PLAN_TARGETS_FILE
from planning.plan import load_plan
from planning.storage import FileStore, dump_feature_collection, dump_json

NOW = datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
AT = "2024-05-01T08:30:00Z"
SRC = [{"ref": "专栏6", "section": "box6", "label": "专栏6 主导产业领域重点项目（医养健康）"}]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The tiny plan, written the way the project writes files (so byte comparisons are meaningful)."""
    docs = tiny_plan_docs()
    folder = write_docs(tmp_path / "plan", {k: v for k, v in docs.items() if k not in (PROJECTS_FILE, TARGETS_FILE)})
    (folder / PROJECTS_FILE).write_bytes(dump_feature_collection(docs[PROJECTS_FILE]["features"]))
    (folder / TARGETS_FILE).write_bytes(dump_json(docs[TARGETS_FILE]))
    return folder


@pytest.fixture
def editor(folder: Path) -> PlanEditor:
    return PlanEditor(FileStore(folder), clock=lambda: NOW)


def _props(folder: Path, project_id: str) -> dict[str, Any]:
    doc = json.loads((folder / PROJECTS_FILE).read_text(encoding="utf-8"))
    return next(f for f in doc["features"] if f["properties"]["id"] == project_id)


def _target(folder: Path, target_id: str) -> dict[str, Any]:
    doc = json.loads((folder / TARGETS_FILE).read_text(encoding="utf-8"))
    return next(t for t in doc["targets"] if t["id"] == target_id)


def _assert_loads_cleanly(folder: Path) -> None:
    plan = load_plan(folder)
    assert [str(p) for p in plan.problems] == []


def _audit_lines(folder: Path) -> list[dict[str, Any]]:
    path = folder / AUDIT_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_targets_file_name_matches_the_loader():
    assert TARGETS_FILE == PLAN_TARGETS_FILE


# --- each operation --------------------------------------------------------------------


def test_set_status(editor, folder):
    seen = editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
    assert seen == {"status": "开工", "status_date": "2020", "status_source": "第一章: 开工建设"}
    entry = editor.set_status("alice", "p-in-b", "在建", "2023-06", "区政府公告 2023-06", "seen on site", based_on=seen)
    assert entry == AuditEntry(
        seq=1,
        at=AT,
        user="alice",
        action="set_status",
        document=PROJECTS_FILE,
        feature_id="p-in-b",
        before=seen,
        after={"status": "在建", "status_date": "2023-06", "status_source": "区政府公告 2023-06"},
        note="seen on site",
        reverts=None,
    )
    props = _props(folder, "p-in-b")["properties"]
    assert (props["status"], props["status_date"], props["status_source"]) == ("在建", "2023-06", "区政府公告 2023-06")
    _assert_loads_cleanly(folder)
    assert load_plan(folder).feature("projects", "p-in-b")["status"] == "在建"
    assert editor.history(PROJECTS_FILE, "p-in-b") == [entry]
    assert editor.history(PROJECTS_FILE, "p-in-a") == []
    assert editor.log() == [entry]


def test_set_status_back_to_unknown_clears_date_and_source(editor, folder):
    seen = editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
    entry = editor.set_status("alice", "p-in-b", "未知", "", None, based_on=seen)
    assert entry.after == {"status": "未知", "status_date": None, "status_source": None}
    _assert_loads_cleanly(folder)


def test_add_observation(editor, folder):
    entry = editor.add_observation("bob", "t-1", 2022, 180.5, "2022年统计公报", based_on={"observations": []})
    assert entry.action == "add_observation"
    assert entry.document == TARGETS_FILE
    assert entry.before == {"observations": []}
    assert entry.after == {"observations": [{"year": 2022, "value": 180.5, "source": "2022年统计公报"}]}
    assert _target(folder, "t-1")["observations"] == [{"year": 2022, "value": 180.5, "source": "2022年统计公报"}]
    _assert_loads_cleanly(folder)
    target = next(t for t in load_plan(folder).targets if t.id == "t-1")
    assert target.latest_observation().value == 180.5
    second = editor.add_observation(
        "bob", "t-1", 2023, 200, "2023年统计公报", based_on=editor.snapshot(TARGETS_FILE, "t-1", OBSERVATION_FIELDS)
    )
    assert second.seq == 2
    assert [o["year"] for o in _target(folder, "t-1")["observations"]] == [2022, 2023]
    assert editor.history(TARGETS_FILE, "t-1") == [entry, second]
    assert editor.history(TARGETS_FILE, "t-2") == []


def test_update_project(editor, folder):
    before_other = _props(folder, "p-in-a")
    entry = editor.update_project(
        "carol",
        "p-in-b",
        {"name_en": "Test road", "category": "公路桥梁", "zone_override": ["core-a"]},
        "name from the 2023 list",
        based_on={"name_en": "Test", "category": "道路", "zone_override": None},
    )
    assert entry.before == {"name_en": "Test", "category": "道路", "zone_override": None}
    assert entry.after == {"name_en": "Test road", "category": "公路桥梁", "zone_override": ["core-a"]}
    feature = _props(folder, "p-in-b")
    assert list(feature["properties"]) == list(tiny_plan_docs()[PROJECTS_FILE]["features"][1]["properties"])
    assert feature["properties"]["name_en"] == "Test road"
    assert _props(folder, "p-in-a") == before_other
    _assert_loads_cleanly(folder)
    assert "core-a" in load_plan(folder).feature("projects", "p-in-b")["zone_ids"]


def test_update_project_adds_a_property_and_its_revert_removes_it(editor, folder):
    entry = editor.update_project(
        "carol", "p-in-a", {"description_en": "A hospital"}, based_on={"description_en": None}
    )
    assert entry.before == {}
    assert entry.after == {"description_en": "A hospital"}
    assert _props(folder, "p-in-a")["properties"]["description_en"] == "A hospital"
    editor.revert("carol", entry.seq)
    assert "description_en" not in _props(folder, "p-in-a")["properties"]
    _assert_loads_cleanly(folder)


def test_move_project(editor, folder):
    seen = editor.snapshot(PROJECTS_FILE, "p-in-a", MOVE_FIELDS)
    entry = editor.move_project("dave", "p-in-a", 116.8712345678, 36.6754321, "gate is on 经十路", based_on=seen)
    assert entry.before == {
        "geometry": {"type": "Point", "coordinates": [116.87, 36.67]},
        "geometry_source": "drawn by the test",
        "geometry_quality": "approximate",
    }
    assert entry.after == {
        "geometry": {"type": "Point", "coordinates": [116.871235, 36.675432]},
        "geometry_source": "moved by dave on 2024-05-01",
        "geometry_quality": "approximate",
    }
    feature = _props(folder, "p-in-a")
    assert feature["geometry"] == {"type": "Point", "coordinates": [116.871235, 36.675432]}
    assert feature["properties"]["geometry_source"] == "moved by dave on 2024-05-01"
    _assert_loads_cleanly(folder)
    surveyed = editor.move_project(
        "dave", "p-in-a", 116.88, 36.68, based_on=editor.snapshot(PROJECTS_FILE, "p-in-a", MOVE_FIELDS),
        geometry_quality="surveyed",
    )
    assert surveyed.after["geometry_quality"] == "surveyed"
    _assert_loads_cleanly(folder)


def test_based_on_may_come_from_the_loaded_plan(editor, folder):
    """What the UI reads from the GeoDataFrame (shapely geometry, NaN/None) is accepted as based_on."""
    row = load_plan(folder).feature("projects", "p-in-a")
    editor.move_project("dave", "p-in-a", 116.86, 36.66, based_on={name: row[name] for name in MOVE_FIELDS})
    row = load_plan(folder).feature("projects", "p-in-a")
    entry = editor.set_status("dave", "p-in-a", "储备", "2024", "区发改局", based_on={n: row[n] for n in STATUS_FIELDS})
    assert entry.before == {"status": "未知", "status_date": None, "status_source": None}
    _assert_loads_cleanly(folder)


def _new_project(**changes: Any) -> dict[str, Any]:
    props = {
        "id": "p-new",
        "name_zh": "新项目",
        "name_en": "New project",
        "source": "专栏6 主导产业领域重点项目（医养健康）",
        "source_section": "box6",
        "category": "医养健康",
        "sources": SRC,
    }
    props.update(changes)
    return props


def test_add_project_and_revert_removes_it(editor, folder):
    original = (folder / PROJECTS_FILE).read_bytes()
    entry = editor.add_project("erin", _new_project(), 116.9, 36.7, "listed in 2024")
    assert entry.before is None
    assert entry.after == {
        "type": "Feature",
        "properties": {
            **_new_project(),
            "status": "未知",
            "status_date": None,
            "status_source": None,
            "zone_override": None,
            "geometry_quality": "approximate",
            "geometry_source": "placed by erin on 2024-05-01",
        },
        "geometry": {"type": "Point", "coordinates": [116.9, 36.7]},
    }
    doc = json.loads((folder / PROJECTS_FILE).read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in doc["features"]] == ["p-in-a", "p-in-b", "p-none", "p-new"]
    _assert_loads_cleanly(folder)
    assert load_plan(folder).feature("projects", "p-new") is not None

    revert = editor.revert("frank", entry.seq, "duplicate of p-in-a")
    assert (revert.action, revert.reverts, revert.before, revert.after) == ("revert", 1, entry.after, None)
    assert (folder / PROJECTS_FILE).read_bytes() == original
    assert editor.history(PROJECTS_FILE, "p-new") == [entry, revert]
    _assert_loads_cleanly(folder)


def test_revert_restores_previous_values_and_is_logged(editor, folder):
    original = (folder / PROJECTS_FILE).read_bytes()
    first = editor.set_status("alice", "p-in-b", "竣工", "2024", "通车新闻", based_on=editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS))
    other = editor.update_project("bob", "p-in-b", {"name_en": "Road"}, based_on={"name_en": "Test"})
    revert = editor.revert("carol", first.seq, "the news was about another road")
    assert revert.action == "revert"
    assert revert.reverts == first.seq
    assert revert.note == "the news was about another road"
    assert revert.before == first.after
    assert revert.after == first.before
    props = _props(folder, "p-in-b")["properties"]
    assert (props["status"], props["status_date"], props["status_source"], props["name_en"]) == (
        "开工", "2020", "第一章: 开工建设", "Road"
    )
    assert [e.seq for e in editor.history(PROJECTS_FILE, "p-in-b")] == [1, 2, 3]
    assert _audit_lines(folder)[-1]["reverts"] == 1
    editor.revert("carol", other.seq)
    assert (folder / PROJECTS_FILE).read_bytes() == original
    _assert_loads_cleanly(folder)


def test_revert_of_an_observation_restores_the_list(editor, folder):
    original = (folder / TARGETS_FILE).read_bytes()
    entry = editor.add_observation("bob", "t-2", 2021, 7, "公报", based_on={"observations": []})
    editor.revert("bob", entry.seq)
    assert (folder / TARGETS_FILE).read_bytes() == original
    _assert_loads_cleanly(folder)


def test_revert_is_refused_when_the_feature_changed_since(editor, folder):
    first = editor.set_status("alice", "p-in-b", "在建", "2022", "公告", based_on=editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS))
    editor.set_status("bob", "p-in-b", "竣工", "2024", "通车", based_on=editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS))
    before = (folder / PROJECTS_FILE).read_bytes()
    with pytest.raises(StaleWriteError) as info:
        editor.revert("carol", first.seq)
    assert str(info.value) == (
        f"cannot revert #1 (set_status of project 'p-in-b' in projects.geojson by alice at {AT}): "
        f"the project has changed since: #2 set_status by bob at {AT}. "
        "Revert the later entries first (newest first) or edit the values directly."
    )
    assert (folder / PROJECTS_FILE).read_bytes() == before
    assert len(editor.log()) == 2


def test_a_reverted_entry_cannot_be_reverted_twice(editor):
    first = editor.update_project("alice", "p-none", {"name_en": "Dam"}, based_on={"name_en": "Test"})
    editor.revert("bob", first.seq)
    with pytest.raises(StaleWriteError, match=r"the project has changed since: #2 revert of #1 by bob"):
        editor.revert("bob", first.seq)


def test_revert_of_an_add_is_refused_after_the_project_was_edited(editor):
    added = editor.add_project("erin", _new_project(), 116.9, 36.7)
    editor.update_project("erin", "p-new", {"name_en": "Renamed"}, based_on={"name_en": "New project"})
    with pytest.raises(StaleWriteError, match=r"cannot revert #1 \(add_project .*#2 update_project by erin"):
        editor.revert("frank", added.seq)


def test_unknown_entry_cannot_be_reverted(editor):
    with pytest.raises(UnknownFeatureError, match=r"^there is no audit entry #7 in audit\.jsonl$"):
        editor.revert("alice", 7)


# --- refusals --------------------------------------------------------------------------

STATUS_SEEN = {"status": "开工", "status_date": "2020", "status_source": "第一章: 开工建设"}

REFUSALS: list[tuple[str, Any, type[PlanningError], str]] = [
    (
        "empty user",
        lambda e: e.set_status("  ", "p-in-b", "在建", "2023", "公告", based_on=STATUS_SEEN),
        EditError,
        "an edit needs the name of the logged-in user; got '  '",
    ),
    (
        "unknown status",
        lambda e: e.set_status("alice", "p-in-b", "完成", "2023", "公告", based_on=STATUS_SEEN),
        EditError,
        "status '完成' is not one of 储备, 开工, 在建, 竣工, 未知",
    ),
    (
        "unknown project",
        lambda e: e.set_status("alice", "p-gone", "在建", "2023", "公告", based_on=STATUS_SEEN),
        UnknownFeatureError,
        "projects.geojson has no project with id 'p-gone'; reload the plan (it may have been removed or renamed)",
    ),
    (
        "unknown target",
        lambda e: e.add_observation("alice", "t-9", 2021, 1, "公报", based_on={"observations": []}),
        UnknownFeatureError,
        "targets.json has no target with id 't-9'; reload the plan (it may have been removed or renamed)",
    ),
    (
        "status without date or source",
        lambda e: e.set_status("alice", "p-in-b", "在建", None, " ", based_on=STATUS_SEEN),
        SchemaError,
        "projects.geojson: the edit was not saved; the new document would have 2 problems:\n"
        "- projects.geojson feature 1 (id 'p-in-b'): field 'status_date': got None; "
        "expected YYYY or YYYY-MM-DD, because status is '在建'\n"
        "- projects.geojson feature 1 (id 'p-in-b'): field 'status_source': got None; "
        "expected the text that states the status '在建'",
    ),
    (
        "badly formatted date",
        lambda e: e.set_status("alice", "p-in-b", "在建", "2023/6", "公告", based_on=STATUS_SEEN),
        SchemaError,
        "projects.geojson: the edit was not saved; the new document would have 1 problem:\n"
        "- projects.geojson feature 1 (id 'p-in-b'): field 'status_date': got '2023/6'; "
        "expected YYYY or YYYY-MM-DD, because status is '在建'",
    ),
    (
        "non-numeric observation",
        lambda e: e.add_observation("alice", "t-1", 2021, "12a", "公报", based_on={"observations": []}),
        EditError,
        "observation value '12a' for target 't-1' is not a number; enter a number such as 123.4",
    ),
    (
        "boolean observation",
        lambda e: e.add_observation("alice", "t-1", 2021, True, "公报", based_on={"observations": []}),
        EditError,
        "observation value True for target 't-1' is not a number; enter a number such as 123.4",
    ),
    (
        "NaN observation",
        lambda e: e.add_observation("alice", "t-1", 2021, math.nan, "公报", based_on={"observations": []}),
        EditError,
        "observation value nan for target 't-1' is not a finite number",
    ),
    (
        "infinite observation",
        lambda e: e.add_observation("alice", "t-1", 2021, math.inf, "公报", based_on={"observations": []}),
        EditError,
        "observation value inf for target 't-1' is not a finite number",
    ),
    (
        "year too early",
        lambda e: e.add_observation("alice", "t-1", 1999, 1, "公报", based_on={"observations": []}),
        EditError,
        "observation year 1999 is outside 2000..2100",
    ),
    (
        "year too late",
        lambda e: e.add_observation("alice", "t-1", 2101, 1, "公报", based_on={"observations": []}),
        EditError,
        "observation year 2101 is outside 2000..2100",
    ),
    (
        "fractional year",
        lambda e: e.add_observation("alice", "t-1", 2021.5, 1, "公报", based_on={"observations": []}),
        EditError,
        "observation year 2021.5 is not a whole number such as 2023",
    ),
    (
        "observation without source",
        lambda e: e.add_observation("alice", "t-1", 2021, 1, "", based_on={"observations": []}),
        EditError,
        "an observation needs its source (where the value was published); got ''",
    ),
    (
        "id change",
        lambda e: e.update_project("alice", "p-in-a", {"id": "p-x"}, based_on={"id": "p-in-a"}),
        EditError,
        "update_project cannot change 'id' of project 'p-in-a': the id of a project cannot be changed "
        "(the audit log and other documents refer to it); add a new project instead",
    ),
    (
        "status through update",
        lambda e: e.update_project("alice", "p-in-a", {"status": "在建"}, based_on={"status": "未知"}),
        EditError,
        "update_project cannot change 'status' of project 'p-in-a': use set_status to change the status",
    ),
    (
        "geometry through update",
        lambda e: e.update_project("alice", "p-in-a", {"geometry": None}, based_on={"geometry": None}),
        EditError,
        "update_project cannot change 'geometry' of project 'p-in-a': use move_project to change the position",
    ),
    (
        "no changes",
        lambda e: e.update_project("alice", "p-in-a", {}, based_on={}),
        EditError,
        "update_project needs at least one property to change",
    ),
    (
        "nothing to change",
        lambda e: e.update_project("alice", "p-in-a", {"name_en": "Test"}, based_on={"name_en": "Test"}),
        EditError,
        'nothing to change: project \'p-in-a\' already has name_en = "Test"',
    ),
    (
        "unknown category",
        lambda e: e.update_project("alice", "p-in-a", {"category": "医疗"}, based_on={"category": "医养健康"}),
        SchemaError,
        "projects.geojson: the edit was not saved; the new document would have 1 problem:\n"
        "- projects.geojson feature 0 (id 'p-in-a'): field 'category': got '医疗'; expected one of "
        "医养健康, 商务会展, 智能制造, 文化旅游, 消费物流, 旧城改造, 城市综合体, 特色街区, 道路, 能源电力, 水利, "
        "幼儿园, 中小学, 轨道交通, 铁路, 公路桥梁, 科研平台, 公共服务, 生态环境, 现代农业, 新兴金融",
    ),
    (
        "empty name",
        lambda e: e.update_project("alice", "p-in-a", {"name_zh": " "}, based_on={"name_zh": "测试"}),
        SchemaError,
        "projects.geojson: the edit was not saved; the new document would have 1 problem:\n"
        "- projects.geojson feature 0 (id 'p-in-a'): field 'name_zh': got None; expected a value (the field is required)",
    ),
    (
        "zone override to an unknown zone",
        lambda e: e.update_project("alice", "p-in-a", {"zone_override": ["core-x"]}, based_on={"zone_override": None}),
        SchemaError,
        "projects.geojson: the edit was not saved; the new document would have 1 problem:\n"
        "- projects.geojson feature 0 (id 'p-in-a'): field 'zone_override': got 'core-x'; "
        "expected a zone id from zones.geojson (axis-b, core-a)",
    ),
    (
        "position not lon/lat",
        lambda e: e.move_project("alice", "p-in-a", 490000.0, 4060000.0, based_on={}),
        EditError,
        "position (490000.0, 4060000.0) is not a WGS84 longitude/latitude (lon -180..180, lat -90..90)",
    ),
    (
        "non-numeric position",
        lambda e: e.move_project("alice", "p-in-a", "116.9", 36.7, based_on={}),
        EditError,
        "longitude '116.9' is not a finite number",
    ),
    (
        "unknown geometry quality",
        lambda e: e.move_project(
            "alice", "p-in-a", 116.9, 36.7, based_on=e.snapshot(PROJECTS_FILE, "p-in-a", MOVE_FIELDS), geometry_quality="exact"
        ),
        SchemaError,
        "projects.geojson: the edit was not saved; the new document would have 1 problem:\n"
        "- projects.geojson feature 0 (id 'p-in-a'): field 'geometry_quality': got 'exact'; "
        "expected one of approximate, derived, surveyed",
    ),
    (
        "move to the same place",
        lambda e: e.move_project("alice", "p-in-a", 116.87, 36.67, based_on=e.snapshot(PROJECTS_FILE, "p-in-a", MOVE_FIELDS)),
        EditError,
        "nothing to change: project 'p-in-a' is already at (116.87, 36.67)",
    ),
    (
        "based_on lacks a field",
        lambda e: e.set_status("alice", "p-in-b", "在建", "2023", "公告", based_on={"status": "开工"}),
        EditError,
        "based_on must give the values you saw of status_date, status_source "
        "(keep PlanEditor.snapshot(...) from when the form was opened)",
    ),
    (
        "new project with a clashing id",
        lambda e: e.add_project("alice", _new_project(id="p-in-a"), 116.9, 36.7),
        EditError,
        "projects.geojson already has a project with id 'p-in-a'; choose another id",
    ),
    (
        "new project without an id",
        lambda e: e.add_project("alice", _new_project(id=None), 116.9, 36.7),
        EditError,
        "a new project needs an id (lowercase letters, digits, '-' or '_'); got None",
    ),
    (
        "new project with a bad id and no category",
        lambda e: e.add_project("alice", _new_project(id="P New", category=None), 116.9, 36.7),
        SchemaError,
        "projects.geojson: the edit was not saved; the new document would have 2 problems:\n"
        "- projects.geojson feature 3 (id 'P New'): field 'category': got None; expected a value (the field is required)\n"
        "- projects.geojson feature 3 (id 'P New'): field 'id': got 'P New'; expected lowercase letters, digits, '-' or '_'",
    ),
]


@pytest.mark.parametrize(("case", "call", "error", "message"), REFUSALS, ids=[c[0] for c in REFUSALS])
def test_bad_edits_are_refused_and_nothing_is_written(editor, folder, case, call, error, message):  # noqa: ARG001
    files = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}
    with pytest.raises(error) as info:
        call(editor)
    assert str(info.value) == message
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")} == files
    assert editor.log() == []
    if error is SchemaError:
        assert info.value.problems


def test_move_of_an_area_project_is_refused(tmp_path):
    docs = tiny_plan_docs()
    docs[PROJECTS_FILE]["features"][2]["geometry"] = square(116.95, 36.75)
    folder = write_docs(tmp_path / "plan", docs)
    editor = PlanEditor(FileStore(folder), clock=lambda: NOW)
    with pytest.raises(EditError, match=r"^project 'p-none' has a Polygon footprint; move_project moves point projects only"):
        editor.move_project("alice", "p-none", 116.9, 36.7, based_on=editor.snapshot(PROJECTS_FILE, "p-none", MOVE_FIELDS))


def test_an_edit_to_a_file_with_problems_says_so(tmp_path):
    docs = tiny_plan_docs()
    docs[PROJECTS_FILE]["features"][2]["properties"]["category"] = "水"
    folder = write_docs(tmp_path / "plan", docs)
    editor = PlanEditor(FileStore(folder), clock=lambda: NOW)
    with pytest.raises(SchemaError) as info:  # an edit of the broken project that leaves it broken
        editor.update_project("alice", "p-none", {"name_en": "Clinic"}, based_on={"name_en": "Test"})
    assert str(info.value).endswith("(projects.geojson already had problems before this edit: fix the file first)")
    assert "feature 2 (id 'p-none'): field 'category': got '水'" in str(info.value)
    # per-feature writes: another project's problem does not block an edit of this one
    entry = editor.update_project("alice", "p-in-a", {"name_en": "Clinic"}, based_on={"name_en": "Test"})
    assert entry.after == {"name_en": "Clinic"}


# --- optimistic concurrency --------------------------------------------------------------


def test_a_stale_edit_is_refused_with_the_value_seen_and_now(editor, folder):
    seen_by_bob = editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
    seen_by_alice = editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
    editor.set_status("alice", "p-in-b", "在建", "2023", "区政府公告", based_on=seen_by_alice)
    after_alice = (folder / PROJECTS_FILE).read_bytes()
    with pytest.raises(StaleWriteError) as info:
        editor.set_status("bob", "p-in-b", "竣工", "2024", "通车新闻", based_on=seen_by_bob)
    assert str(info.value) == (
        "projects.geojson: project 'p-in-b' was changed by someone else since you opened it: "
        f'status: you saw "开工", now "在建" (last changed by alice at {AT}, #1 set_status); '
        f'status_date: you saw "2020", now "2023" (last changed by alice at {AT}, #1 set_status); '
        f'status_source: you saw "第一章: 开工建设", now "区政府公告" (last changed by alice at {AT}, #1 set_status). '
        "Reload the project and apply your edit again."
    )
    assert (folder / PROJECTS_FILE).read_bytes() == after_alice
    assert len(editor.log()) == 1
    # after reloading, bob's edit goes through on top of alice's
    editor.set_status("bob", "p-in-b", "竣工", "2024", "通车新闻", based_on=editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS))
    assert _props(folder, "p-in-b")["properties"]["status"] == "竣工"


def test_a_stale_observation_is_refused(editor, folder):
    seen = editor.snapshot(TARGETS_FILE, "t-1", OBSERVATION_FIELDS)
    editor.add_observation("alice", "t-1", 2021, 150, "公报2021", based_on=seen)
    with pytest.raises(StaleWriteError) as info:
        editor.add_observation("bob", "t-1", 2022, 170, "公报2022", based_on=seen)
    assert str(info.value) == (
        "targets.json: target 't-1' was changed by someone else since you opened it: "
        'observations: you saw [], now [{"year": 2021, "value": 150, "source": "公报2021"}] '
        f"(last changed by alice at {AT}, #1 add_observation). Reload the target and apply your edit again."
    )
    assert len(_target(folder, "t-1")["observations"]) == 1


def test_a_change_outside_the_editor_is_named_as_such(editor, folder):
    seen = editor.snapshot(PROJECTS_FILE, "p-in-a", ["name_en"])
    doc = json.loads((folder / PROJECTS_FILE).read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name_en"] = "Hand edit"
    FileStore(folder).write_bytes(PROJECTS_FILE, dump_feature_collection(doc["features"]))
    with pytest.raises(StaleWriteError, match=r'name_en: you saw "Test", now "Hand edit" \(changed outside the editor\)'):
        editor.update_project("alice", "p-in-a", {"name_en": "Clinic"}, based_on=seen)


def test_an_edit_to_another_project_after_someone_elses_edit_succeeds(editor, folder):
    seen_a = editor.snapshot(PROJECTS_FILE, "p-in-a", STATUS_FIELDS)
    seen_b = editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
    seen_names = editor.snapshot(PROJECTS_FILE, "p-none", ["name_en"])
    editor.set_status("alice", "p-in-a", "储备", "2024", "区发改局清单", based_on=seen_a)
    editor.set_status("bob", "p-in-b", "竣工", "2024", "通车新闻", based_on=seen_b)
    editor.update_project("carol", "p-none", {"name_en": "Reservoir"}, based_on=seen_names)
    doc = json.loads((folder / PROJECTS_FILE).read_text(encoding="utf-8"))
    statuses = {f["properties"]["id"]: f["properties"]["status"] for f in doc["features"]}
    assert statuses == {"p-in-a": "储备", "p-in-b": "竣工", "p-none": "未知"}
    assert _props(folder, "p-none")["properties"]["name_en"] == "Reservoir"
    assert [e.seq for e in editor.log()] == [1, 2, 3]
    _assert_loads_cleanly(folder)


def test_an_edit_of_other_fields_of_the_same_project_succeeds(editor, folder):
    seen_status = editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
    editor.update_project("alice", "p-in-b", {"name_en": "Road"}, based_on={"name_en": "Test"})
    editor.set_status("bob", "p-in-b", "竣工", "2024", "通车新闻", based_on=seen_status)
    props = _props(folder, "p-in-b")["properties"]
    assert (props["name_en"], props["status"]) == ("Road", "竣工")


# --- format and log ----------------------------------------------------------------------


def test_files_keep_their_format_and_other_content(editor, folder):
    projects = (folder / PROJECTS_FILE).read_bytes()
    targets = (folder / TARGETS_FILE).read_bytes()
    editor.add_observation("bob", "t-2", 2021, 1.5, "公报", based_on={"observations": []})
    assert (folder / PROJECTS_FILE).read_bytes() == projects
    new_targets = json.loads(targets)
    new_targets["targets"][1]["observations"] = [{"year": 2021, "value": 1.5, "source": "公报"}]
    assert (folder / TARGETS_FILE).read_bytes() == dump_json(new_targets)
    editor.update_project("bob", "p-none", {"name_en": "Dam"}, based_on={"name_en": "Test"})
    features = json.loads(projects)["features"]
    features[2]["properties"]["name_en"] = "Dam"
    assert (folder / PROJECTS_FILE).read_bytes() == dump_feature_collection(features)


def test_audit_log_lines(editor, folder):
    editor.set_status("alice", "p-in-b", "在建", "2023", "公告", based_on=STATUS_SEEN)
    editor.add_observation("bob", "t-1", 2021, 1, "公报", "first figure", based_on={"observations": []})
    raw = (folder / AUDIT_FILE).read_text(encoding="utf-8")
    assert raw.endswith("\n")
    lines = raw.splitlines()
    assert lines[1] == (
        '{"seq":2,"at":"2024-05-01T08:30:00Z","user":"bob","action":"add_observation","document":"targets.json",'
        '"feature_id":"t-1","before":{"observations":[]},"after":{"observations":[{"year":2021,"value":1,"source":"公报"}]},'
        '"note":"first figure","reverts":null}'
    )
    assert [AuditEntry.from_dict(json.loads(line)) for line in lines] == editor.log()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2]


def test_a_torn_last_audit_line_is_ignored_and_cut_off(editor, folder):
    editor.set_status("alice", "p-in-b", "在建", "2023", "公告", based_on=STATUS_SEEN)
    with (folder / AUDIT_FILE).open("ab") as handle:
        handle.write('{"seq":2,"at":"2024-05-01T08:3'.encode())
    assert [e.seq for e in editor.log()] == [1]
    editor.update_project("bob", "p-in-a", {"name_en": "Clinic"}, based_on={"name_en": "Test"})
    assert [line["seq"] for line in _audit_lines(folder)] == [1, 2]


def test_a_broken_line_in_the_middle_of_the_log_is_reported(editor, folder):
    (folder / AUDIT_FILE).write_text('{"seq": 1}\n{"seq": 2}\n', encoding="utf-8")
    with pytest.raises(DataSourceError, match=r"^Line 1 of the audit log audit\.jsonl cannot be read \(not a valid audit entry: at None is not a string\)"):
        editor.log()


def test_editing_other_documents_is_refused(editor):
    with pytest.raises(EditError, match=r"^zones\.geojson cannot be edited here"):
        editor.snapshot("zones.geojson", "core-a", ["name_en"])


def test_the_editor_needs_a_store_not_a_folder(folder):
    with pytest.raises(TypeError, match="needs a store object"):
        PlanEditor(folder)
    with pytest.raises(TypeError, match="needs a store object"):
        edits.PlanEditor(str(folder))
    assert PlanEditor(FileStore(folder)).log() == []


# --- storage additions -------------------------------------------------------------------


def test_append_line_adds_one_line_each(tmp_path):
    store = FileStore(tmp_path)
    store.append_line("log.jsonl", '{"a": 1}')
    store.append_line("log.jsonl", '{"a": 2}\n')
    assert (tmp_path / "log.jsonl").read_text() == '{"a": 1}\n{"a": 2}\n'
    with pytest.raises(DataSourceError, match="must not contain line breaks"):
        store.append_line("log.jsonl", '{"a":\n 3}')


def test_transaction_writes_nothing_when_the_block_raises(tmp_path):
    store = FileStore(tmp_path)
    store.write_bytes("a.json", b"1")

    class Boom(Exception):  # noqa: N818 - internal control-flow signal, not an error for users
        pass

    with pytest.raises(Boom), store.transaction("log.jsonl", "a.json") as tx:
        tx.write_bytes("a.json", b"2")
        tx.append_line("log.jsonl", "x")
        raise Boom
    assert store.read_bytes("a.json") == b"1"
    assert not (tmp_path / "log.jsonl").exists()
    with store.transaction("a.json", "log.jsonl") as tx:
        assert tx.read_bytes("a.json") == b"1"
        tx.write_bytes("a.json", b"2")
        tx.append_line("log.jsonl", "x")
        assert tx.read_bytes("a.json") == b"1"  # staged, not yet visible
    assert store.read_bytes("a.json") == b"2"
    assert (tmp_path / "log.jsonl").read_text() == "x\n"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["a.json", "log.jsonl"]


def test_transaction_refuses_documents_it_did_not_lock(tmp_path):
    store = FileStore(tmp_path)
    with pytest.raises(DataSourceError, match=r"^b\.json is not locked by this transaction \(locked: a\.json\)$"), store.transaction("a.json") as tx:
        tx.write_bytes("b.json", b"1")
