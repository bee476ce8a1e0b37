"""The shipped data against the plan's text: every target, project and carrier the plan names is there, verbatim.

Each list below keeps the plan's own sentence for every entry, and a test checks that the sentence occurs in the
outline (``geodata/plan_outline.txt``, a verbatim copy of the plan), so the lists cannot drift from the text.
"""

from __future__ import annotations

import re

import pytest
from tests.helpers import GEODATA

OUTLINE = (GEODATA / "plan_outline.txt").read_text(encoding="utf-8")
OUTLINE_FLAT = re.sub(r"\s+", "", OUTLINE)


def in_outline(sentence: str) -> bool:
    """True when the sentence occurs in the plan (whitespace and page breaks ignored)."""
    return re.sub(r"\s+", "", sentence) in OUTLINE_FLAT


# --- targets -----------------------------------------------------------------------------------

#: The ten numeric targets of the running text: (id, value, unit, comparison, the plan's sentence).
TEXT_TARGETS = [
    ("t2025-key-schools", 2, "所", "at_least", "“十四五”期间，每年至少培育2—3所重点学校"),
    ("t2025-innovation-carriers", 6, "家", "at_least", "新增孵化器及众创空间等各类创新创业载体6家"),
    ("t2025-unicorn-gazelle-firms", 10, "家", "at_least",
     "培育“独角兽”企业、“瞪羚”企业、专精特新“小巨人”企业和单项冠军、隐形冠军10家"),
    ("t2025-polluted-farmland-safe-use", 100, "%", "at_least", "确保受污染耕地安全利用率、受污染地块安全利用率均达到100%"),
    ("t2025-polluted-sites-safe-use", 100, "%", "at_least", "确保受污染耕地安全利用率、受污染地块安全利用率均达到100%"),
    ("t2025-emergency-stations-coverage", 100, "%", "at_least", "织密基层应急救援站点，街道覆盖率达到100%"),
    ("t2025-circle-convenience-15min", 15, "分钟", "at_most", "打造 15 分钟社区便民商圈"),
    ("t2025-circle-health-15min", 15, "分钟", "at_most", "打造15分钟健康服务圈"),
    ("t2025-circle-reading-30min", 30, "分钟", "at_most", "构建30分钟“阅读圈”"),
    ("t2025-circle-fitness-10min", 10, "分钟", "at_most", "打造城市社区 10 分钟健身圈"),
]


@pytest.mark.parametrize(("tid", "value", "unit", "comparison", "sentence"), TEXT_TARGETS, ids=[x[0] for x in TEXT_TARGETS])
def test_text_target_is_present_with_the_plans_number(shipped_plan, tid, value, unit, comparison, sentence):
    assert in_outline(sentence), sentence
    target = next((x for x in shipped_plan.targets if x.id == tid), None)
    assert target is not None, tid
    assert (target.target_value, target.unit, target.comparison, target.target_year) == (value, unit, comparison, 2025)
    assert in_outline(target.target_text), target.target_text
    assert str(value) in target.target_text


def test_waste_sorting_16_streets_is_the_base_not_the_target(shipped_plan):
    target = next(x for x in shipped_plan.targets if x.id == "t2025-waste-sorting-streets")
    assert (target.baseline_value, target.target_value) == (16, None)
    assert in_outline(target.baseline_text) and in_outline(target.target_text)


#: Targets whose row gives no unit (专栏1 row 8) or whose sentence gives no number (so no “%”).
NO_UNIT = ["box1-08", "t2025-ev-charging-stations", "t2025-river-water-quality"]


def test_no_unit_the_plan_does_not_give(shipped_plan):
    by_id = {x.id: x for x in shipped_plan.targets}
    assert [by_id[tid].unit for tid in NO_UNIT] == [None] * len(NO_UNIT)
    # 专栏2 rows 16 and 17 give “(人)” and “(张)”, not per-thousand units.
    assert (by_id["box2-16"].unit, by_id["box2-17"].unit) == ("人", "张")
    assert not {x.unit for x in shipped_plan.targets} & {"人/千人", "张/千人", "件/万人"}


def test_every_percent_target_has_a_number_or_is_from_a_table_row_giving_percent(shipped_plan):
    for target in shipped_plan.targets:
        if target.unit == "%" and target.source_section not in ("box1", "box2"):
            assert target.target_value is not None, target.id


#: Plan-internal conflicts: both statements, each in the plan, named in the note of every target concerned.
CONFLICTS = [
    (("t2025-cluster-medical-health", "t2025-med-health-scale"), ("打造医养健康千亿级产业集群", "医养健康产业总规模突破500亿元")),
    (("t2025-cluster-consumption-logistics", "t2025-consumer-logistics-scale"), ("百亿级产业集群", "消费物流总规模突破50亿元")),
    (("box2-14",), ("[6.7]", "五年新增城镇就业 9.6 万人")),
    (("box1-11",), ("<6", "2.14 登记失业率")),
]


@pytest.mark.parametrize(("ids", "statements"), CONFLICTS, ids=[c[0][0] for c in CONFLICTS])
def test_plan_internal_conflicts_keep_both_statements(shipped_plan, ids, statements):
    by_id = {x.id: x for x in shipped_plan.targets}
    for statement in statements:
        assert in_outline(statement), statement
    for tid in ids:
        note = by_id[tid].conflict_note_zh
        assert note and by_id[tid].conflict_note_en, tid
        for statement in statements:
            assert statement in note, (tid, statement)


def test_target_count(shipped_plan):
    assert len(shipped_plan.targets) == 90
