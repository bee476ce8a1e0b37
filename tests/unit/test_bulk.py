"""Bulk updates (planning/bulk.py): reading sheets, the preview's outcomes, apply and undo as one change set."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest

from planning import bulk
from planning.edits import PlanEditor
from planning.errors import StaleWriteError
from planning.storage import FileStore

TODAY = dt.date(2026, 12, 1)


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def _preview(folder, text, **kw):
    frame = bulk.read_sheet("调度表.csv", _csv(text, kw.pop("encoding", "utf-8")))
    return bulk.preview("调度表.csv", frame, PlanEditor(FileStore(folder)), today=TODAY, **kw)


def _projects(folder):
    doc = json.loads((folder / "projects.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f["properties"] for f in doc["features"]}


def test_status_sheet_rows_are_sorted_into_outcomes_with_reasons(tiny_folder):
    sheet = (
        "项目编号,项目名称,状态,日期,依据\n"
        "p-in-a,,在建,2026-11-30,区发改局2026年11月调度表\n"   # change (by id)
        "p-in-b,,开工,2020,第一章: 开工建设\n"                 # same as recorded
        "p-nope,,在建,2026-11-30,调度表\n"                      # unmatched
        ",测试,在建,2026-11-30,调度表\n"                        # ambiguous name (three projects are 测试)
        "p-none,,动工,2026-11-30,调度表\n"                      # bad status
        "p-none,,竣工,2026-13-40,调度表\n"                      # bad date
        "p-none,,竣工,2026-11-30,\n"                            # source missing
        "p-in-b,,竣工,2019-05-01,调度表\n"                      # plan's status (2020) is newer
        "p-none,,竣工,2027-01-01,调度表\n"                      # future
    )
    result = _preview(tiny_folder, sheet)
    assert result.kind == bulk.STATUS_SHEET
    outcomes = [(r.line, r.outcome, r.reason) for r in result.rows]
    assert outcomes == [
        (2, "change", "matched_id"), (3, "same", "already"), (4, "unmatched", "no_project"),
        (5, "conflict", "ambiguous"), (6, "invalid", "bad_status"), (7, "invalid", "bad_date"),
        (8, "invalid", "missing"), (9, "conflict", "newer"), (10, "invalid", "future_date"),
    ]
    assert bulk.reason_text(result.rows[4], "zh") == "“状态”的值“动工”不是 储备/开工/在建/竣工 之一"
    assert bulk.reason_text(result.rows[6], "en") == "“source” is missing"
    assert result.counts() == {"change": 1, "same": 1, "conflict": 2, "unmatched": 1, "invalid": 4}


def test_apply_writes_one_change_set_and_undo_reverts_it_as_one(tiny_folder):
    editor = PlanEditor(FileStore(tiny_folder))
    sheet = "项目编号,状态,日期,依据\np-in-a,在建,2026-11-30,调度表A\np-none,竣工,2026-10-01,调度表A\n"
    result = _preview(tiny_folder, sheet)
    entries = bulk.apply(editor, result, user="zhangsan")
    assert [e.action for e in entries] == ["bulk_set", "bulk_set", "bulk"]
    assert entries[-1].after["seqs"] == [entries[0].seq, entries[1].seq]
    now = _projects(tiny_folder)
    assert (now["p-in-a"]["status"], now["p-in-a"]["status_date"], now["p-in-a"]["status_source"]) == ("在建", "2026-11-30", "调度表A")
    assert now["p-none"]["status"] == "竣工"
    assert [(e.seq, u) for e, u in bulk.history(editor)] == [(entries[-1].seq, None)]
    undone = bulk.undo(editor, entries[-1].seq, user="zhangsan")
    assert [e.action for e in undone] == ["revert", "revert", "undo_bulk"]
    back = _projects(tiny_folder)
    assert back["p-in-a"]["status"] == "未知" and back["p-in-a"]["status_date"] is None
    assert back["p-none"]["status"] == "未知"
    with pytest.raises(Exception, match="already undone"):
        bulk.undo(editor, entries[-1].seq, user="zhangsan")


def test_undo_is_refused_when_a_value_changed_since(tiny_folder):
    editor = PlanEditor(FileStore(tiny_folder))
    entries = bulk.apply(editor, _preview(tiny_folder, "项目编号,状态,日期,依据\np-in-a,在建,2026-11-30,A\n"), user="u1")
    editor.set_status("u2", "p-in-a", "竣工", "2026-12-01", "B", based_on=editor.snapshot("projects.geojson", "p-in-a", ("status", "status_date", "status_source")))
    with pytest.raises(StaleWriteError):
        bulk.undo(editor, entries[-1].seq, user="u1")
    assert _projects(tiny_folder)["p-in-a"]["status"] == "竣工"


def test_apply_refuses_everything_when_a_project_changed_after_the_preview(tiny_folder):
    editor = PlanEditor(FileStore(tiny_folder))
    result = _preview(tiny_folder, "项目编号,状态,日期,依据\np-in-a,在建,2026-11-30,A\np-none,竣工,2026-10-01,A\n")
    editor.set_status("u2", "p-none", "储备", "2026-11-01", "B", based_on=editor.snapshot("projects.geojson", "p-none", ("status", "status_date", "status_source")))
    with pytest.raises(StaleWriteError):
        bulk.apply(editor, result, user="u1")
    assert _projects(tiny_folder)["p-in-a"]["status"] == "未知"  # nothing of the set was written


def test_observation_sheet_groups_values_per_target_and_marks_conflicts(tiny_folder):
    editor = PlanEditor(FileStore(tiny_folder))
    sheet = ("指标编号,年份,数值,来源\n"
             "t-1,2023,120.5,2023年统计公报\n"
             "t-1,2024,130,2024年统计公报\n"
             "t-2,2024,99,公报\n"
             "t-2,2024,98,另一公报\n"     # same target and year, another value: both conflict
             "t-9,2024,1,公报\n"
             "t-1,1999,1,公报\n"
             "t-1,2025,abc,公报\n")
    result = _preview(tiny_folder, sheet)
    assert result.kind == bulk.OBSERVATION_SHEET
    assert [(r.outcome, r.reason) for r in result.rows] == [
        ("change", "matched_id"), ("change", "matched_id"), ("conflict", "duplicate"), ("conflict", "duplicate"),
        ("unmatched", "no_target"), ("invalid", "bad_year"), ("invalid", "bad_number")]
    entries = bulk.apply(editor, result, user="lisi")
    assert [e.action for e in entries] == ["bulk_set", "bulk"]
    t1 = next(t for t in json.loads((tiny_folder / "targets.json").read_text())["targets"] if t["id"] == "t-1")
    assert t1["observations"] == [{"year": 2023, "value": 120.5, "source": "2023年统计公报"},
                                  {"year": 2024, "value": 130, "source": "2024年统计公报"}]
    again = _preview(tiny_folder, "指标编号,年份,数值,来源\nt-1,2023,120.5,x\nt-1,2024,131,y\n")
    assert [r.outcome for r in again.rows] == ["same", "conflict"]
    bulk.undo(editor, entries[-1].seq, user="lisi")
    t1 = next(t for t in json.loads((tiny_folder / "targets.json").read_text())["targets"] if t["id"] == "t-1")
    assert t1["observations"] == []


def test_sheets_in_gbk_excel_and_english_headers(tiny_folder):
    gbk = _preview(tiny_folder, "项目编号,状态,日期,依据\np-in-a,建设中,2026年11月3日,区调度表\n", encoding="gbk")
    assert gbk.rows[0].after == {"status": "在建", "status_date": "2026-11-03", "status_source": "区调度表"}
    buffer = io.BytesIO()
    pd.DataFrame({"id": ["p-none"], "status": ["Completed"], "date": [dt.datetime(2026, 5, 4)], "source": ["report"]}).to_excel(buffer, index=False)
    frame = bulk.read_sheet("s.xlsx", buffer.getvalue())
    xlsx = bulk.preview("s.xlsx", frame, PlanEditor(FileStore(tiny_folder)), today=TODAY)
    assert xlsx.rows[0].outcome == "change" and xlsx.rows[0].after["status_date"] == "2026-05-04"


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"), (b"\xff\xfe\x00garbage\x81\x82", "encoding"), (b"PK\x03\x04broken", "unreadable"),
    ("名称,备注\n甲,乙\n".encode(), "kind"), ("项目编号,状态\np-in-a,在建\n".encode(), "columns"),
])
def test_unusable_sheets_name_the_file_and_what_is_missing(tiny_folder, data, code):
    with pytest.raises(bulk.BulkError) as info:
        bulk.preview("x.csv", bulk.read_sheet("x.csv", data), PlanEditor(FileStore(tiny_folder)))
    assert info.value.code == code
    assert info.value.message("zh").startswith("x.csv：")


def test_templates_are_empty_and_read_back_as_their_kind(tmp_path):
    for kind in (bulk.STATUS_SHEET, bulk.OBSERVATION_SHEET):
        data = bulk.template_csv(kind)
        assert data.decode("utf-8-sig").strip().split(",") == bulk.TEMPLATE_HEADERS[kind]
        with pytest.raises(bulk.BulkError, match="no data rows"):
            bulk.read_sheet("t.csv", data)
