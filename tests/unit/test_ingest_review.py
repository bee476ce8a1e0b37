"""Reviewing a new plan's candidates and writing them beside the 14th plan: drafts, decisions, apply, undo."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from planning.edits import PlanEditor
from planning.edits_plans import PLANS_FILE, plan_registry
from planning.errors import PlanningError
from planning.ingest import extract, read_document
from planning.ingest.apply import changes_from
from planning.ingest.matching import match, named_features
from planning.ingest.review import ReviewError, decide, gazetteer, geocode, list_drafts, load_draft, new_draft, save_draft
from planning.plan import load_plan
from planning.storage import FileStore
from tests.unit.test_ingest import PLAN_15

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
# the 15th plan carries the 14th's 树兰 hospital forward
DOC = PLAN_15.replace("生物医药：甲乙国际医院、", "生物医药：树兰（济南）国际医院、甲乙国际医院、")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA, target, ignore=shutil.ignore_patterns("audit.jsonl", "*.lock", "*.tmp"))
    return target


@pytest.fixture
def draft(folder):
    plan = load_plan(folder)
    extraction = extract(read_document("plan15.txt", DOC.encode()))
    match(extraction.candidates, named_features(plan.layers, plan.targets))
    return new_draft(extraction, "15th", user="planner", now=NOW)


def _find(draft, **where):
    return next(c for c in draft.candidates if all(c.get(k) == v for k, v in where.items()))


def _decide_all(draft):
    hospital = _find(draft, kind="project", name="甲乙国际医院")
    decide(draft, hospital["id"], "accept", user="planner", now=NOW,
           values={"name_en": "Jiayi International Hospital", "category": "医养健康"},
           place={"lon": 116.93, "lat": 36.66, "method": "click", "ref": None})
    shulan = _find(draft, kind="project", name="树兰（济南）国际医院")
    assert shulan["matches"][0]["feature_id"] == "prj-shulan-hospital"
    decide(draft, shulan["id"], "merge", user="planner", now=NOW, feature_id="prj-shulan-hospital")
    rejected = _find(draft, kind="project", name="南山算力小镇")
    decide(draft, rejected["id"], "reject", user="planner", now=NOW, reason="不在本区")
    revenue = _find(draft, kind="target", metric="一般公共预算收入")
    assert revenue["matches"] and revenue["matches"][0]["feature_id"] == "box2-02"
    decide(draft, revenue["id"], "merge", user="planner", now=NOW, feature_id="box2-02",
           values={"metric_en": "General public budget revenue"})
    firms = _find(draft, kind="target", metric="高新技术企业")
    decide(draft, firms["id"], "accept", user="planner", now=NOW, values={"metric_en": "High-tech enterprises"})
    return hospital, shulan, revenue, firms


def test_draft_round_trip_through_the_store(folder, draft):
    store = FileStore(folder)
    version = save_draft(store, draft)
    assert list_drafts(store) == ["15th"]
    loaded, loaded_version = load_draft(store, "15th")
    assert loaded_version == version and len(loaded.candidates) == len(draft.candidates)
    _decide_all(loaded)
    save_draft(store, loaded, expected_version=version)
    again, _ = load_draft(store, "15th")
    assert again.counts()["accept"] == 2 and again.counts()["merge"] == 2 and again.counts()["reject"] == 1
    with pytest.raises(PlanningError):  # someone saved since `version`
        save_draft(store, again, expected_version=version)


def test_decisions_are_checked(draft):
    c = draft.candidates[0]
    with pytest.raises(ReviewError, match="merge names"):
        decide(draft, c["id"], "merge", user="u", now=NOW)
    with pytest.raises(ReviewError, match="position"):
        decide(draft, c["id"], "accept", user="u", now=NOW, place={"lon": "x", "lat": 1, "method": "click"})
    with pytest.raises(ReviewError, match="not in the draft"):
        decide(draft, "nope", "accept", user="u", now=NOW)
    with pytest.raises(ReviewError, match="plan id"):
        new_draft(extract(read_document("p.txt", DOC.encode())), "Bad Id", user="u", now=NOW)


def test_missing_information_is_reported_before_writing(folder, draft):
    c = _find(draft, kind="project", name="甲乙国际医院")
    decide(draft, c["id"], "accept", user="planner", now=NOW, values={"category": "医养健康"})
    plan = load_plan(folder)
    changes = changes_from(draft, projects={}, target_ids={t.id for t in plan.targets}, user="planner", today="2026-12-04")
    assert changes.problems == [(c["id"], "甲乙国际医院", "name_en, position")]


def test_apply_writes_the_new_plan_beside_the_14th_and_undo_takes_it_back(folder, draft):
    before = {name: (folder / name).read_bytes() for name in ("projects.geojson", "targets.json")}
    hospital, shulan, revenue, firms = _decide_all(draft)
    zone = _find(draft, kind="zone", name="西部科创中心")
    decide(draft, zone["id"], "merge", user="planner", now=NOW, feature_id="core-medical")
    plan = load_plan(folder)
    projects = {r["id"]: r for r in plan.layers["projects"].drop(columns="geometry").to_dict("records")}
    changes = changes_from(draft, projects=projects, target_ids={t.id for t in plan.targets}, user="planner",
                           today="2026-12-04", plan_names=("“十五五”规划", "15th Five-Year Plan"))
    assert not changes.problems
    editor = PlanEditor(FileStore(folder))
    entries = editor.apply_plan_changes("planner", changes, document="plan15.txt")
    assert entries[-1].action == "plan_ingest" and entries[-1].after["seqs"] == [e.seq for e in entries[:-1]]

    after = load_plan(folder)
    assert not after.errors
    new = after.layers["projects"].set_index("id")
    added = new.loc[changes.new_projects[0]["properties"]["id"]]
    assert added["plan_ids"] == ["15th"] and added["status"] == "未知"
    assert added["source_section"] == "box5" and "甲乙国际医院" in added["source_quote"]
    carried = new.loc["prj-shulan-hospital"]
    assert carried["plan_ids"] == ["14th", "15th"]
    assert carried["plans"][0] == {"plan_id": "14th", "status": projects["prj-shulan-hospital"]["status"]}
    assert carried["plans"][1]["plan_id"] == "15th" and carried["sources"][-1]["section"] == "box5"
    targets = {t.id: t for t in after.targets}
    new_targets = [t for t in after.targets if t.plan == "15th"]
    assert {t.metric_zh for t in new_targets} == {"一般公共预算收入", "高新技术企业"}
    carried_target = next(t for t in new_targets if t.metric_zh == "一般公共预算收入")
    assert (carried_target.target_value, carried_target.target_year, carried_target.unit) == (104.5, 2030, "亿元")
    assert targets["box2-02"].target_value == 77.6  # the 14th plan's value stays beside it
    raw = json.loads((folder / "targets.json").read_text(encoding="utf-8"))
    assert next(t for t in raw["targets"] if t["id"] == carried_target.id)["carried_from"] == "box2-02"
    registry = plan_registry(FileStore(folder))
    assert registry == [{"id": "15th", "name_zh": "“十五五”规划", "name_en": "15th Five-Year Plan",
                         "period": "2026-2030", "document": "plan15.txt", "zones": ["core-medical"]}]
    with pytest.raises(PlanningError, match="applied before"):
        editor.apply_plan_changes("planner", changes, document="plan15.txt")

    undo = editor.undo_plan_ingest("planner", entries[-1].seq)
    assert undo[-1].action == "undo_plan_ingest" and undo[-1].reverts == entries[-1].seq
    for name, data in before.items():
        assert json.loads((folder / name).read_bytes()) == json.loads(data), name
    assert plan_registry(FileStore(folder)) == []
    assert (folder / PLANS_FILE).exists()
    with pytest.raises(PlanningError, match="already undone"):
        editor.undo_plan_ingest("planner", entries[-1].seq)


def test_undo_is_refused_when_a_written_project_changed_since(folder, draft):
    _decide_all(draft)
    plan = load_plan(folder)
    projects = {r["id"]: r for r in plan.layers["projects"].drop(columns="geometry").to_dict("records")}
    changes = changes_from(draft, projects=projects, target_ids={t.id for t in plan.targets}, user="p", today="2026-12-04")
    editor = PlanEditor(FileStore(folder))
    entries = editor.apply_plan_changes("planner", changes, document="plan15.txt")
    new_id = changes.new_projects[0]["properties"]["id"]
    editor.set_status("planner", new_id, "在建", "2026-12", "区调度表", based_on={"status": "未知", "status_date": None,
                                                                          "status_source": None})
    with pytest.raises(PlanningError):
        editor.undo_plan_ingest("planner", entries[-1].seq)


def test_gazetteer_places_candidates_by_the_plans_own_names(shipped_plan):
    places = gazetteer(shipped_plan.layers)
    found = geocode("济南市齐鲁大道北延工程", places)
    assert found and "齐鲁大道" in found[0].name
    assert all(116.5 < p.lon < 117.3 and 36.4 < p.lat < 36.9 for p in found)
    assert geocode("完全无关的名字", places) == []
