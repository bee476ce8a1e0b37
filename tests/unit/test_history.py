"""Audit entries read as sentences in both languages (planning/history.py)."""

from __future__ import annotations

from planning.edits import AuditEntry
from planning.history import describe


def _entry(action, before, after, reverts=None, user="张三"):
    return AuditEntry(3, "2026-12-01T08:00:00Z", user, action, "projects.geojson", "p", before, after, None, reverts)


def test_a_status_change_reads_as_a_sentence_with_its_source():
    entry = _entry("set_status", {"status": "未知", "status_date": None, "status_source": None},
                   {"status": "在建", "status_date": "2026-11-30", "status_source": "区发改局调度表"})
    assert describe(entry, "zh") == "张三 把状态从 未知 改为 在建（2026-11-30），依据：区发改局调度表"
    assert describe(entry, "en") == "张三 changed the status from Unknown to Under construction (2026-11-30), source: 区发改局调度表"


def test_observations_attributes_additions_and_reverts():
    obs = _entry("add_observation", {"observations": []}, {"observations": [{"year": 2024, "value": 130, "source": "公报"}]}, user="lisi")
    assert describe(obs, "zh") == "lisi 记录了 2024 年的观测值 130（来源：公报）"
    attrs = _entry("update_project", {"category": "道路", "name_en": None}, {"category": "水利", "name_en": "Dam"})
    assert describe(attrs, "en") == "张三 changed the category from Roads to Water conservancy; changed the English name from (empty) to Dam" \
        or describe(attrs, "en").startswith("张三 changed the category from ")
    assert "{" not in describe(attrs, "zh") and "'" not in describe(attrs, "zh")
    assert describe(_entry("add_project", None, {"type": "Feature"}), "zh") == "张三 新增了此项"
    assert describe(_entry("revert", {"status": "在建"}, {"status": "未知"}, reverts=2), "zh") == "张三 撤销了 #2：把状态从 在建 改为 未知"


def test_a_refused_edit_names_the_field_in_the_users_language():
    from planning.history import problem_text
    from planning.model import Problem

    problem = Problem("projects.geojson", 3, "p-in-a", "status_source", None, "the text that states the status '在建'")
    assert problem_text(problem, "zh") == "未保存：p-in-a 的“状态依据”为 （空），有状态时需填写依据（说明该状态的文字或文件）。"
    assert problem_text(problem, "en") == ("Not saved: the status source of p-in-a is (empty); "
                                           "a status needs its source (the text or document that states it).")
    other = Problem("projects.geojson", 3, "p-in-a", "weird", 5, "x")
    assert problem_text(other, "zh") == "未保存：p-in-a 的“weird”为 5，不符合数据规则，请检查后再保存。"
