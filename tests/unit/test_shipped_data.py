"""The shipped data: validates, and matches the plan's text (counts, numbers, sources)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from tests.helpers import GEODATA

from planning.analysis import share_inside
from planning.outline import parse_outline
from planning.schema import LAYER_SCHEMAS

OUTLINE = (GEODATA / "plan_outline.txt").read_text(encoding="utf-8")
OUTLINE_FLAT = re.sub(r"\s+", "", OUTLINE)
SECTIONS = {s.id: s for s in parse_outline(OUTLINE)}


def test_shipped_data_has_no_problem(shipped_plan):
    assert [str(p) for p in shipped_plan.problems] == []


def test_every_layer_is_present_and_fully_valid(shipped_plan):
    for layer_id in LAYER_SCHEMAS:
        assert layer_id in shipped_plan.layers, layer_id
        assert len(shipped_plan.layer(layer_id)) == shipped_plan.feature_counts[layer_id] > 0, layer_id


def test_eleven_zones_two_cores_three_of_each_other_kind(shipped_plan):
    zones = shipped_plan.zones
    assert sorted(zones["id"]) == sorted([
        "core-medical", "core-soe-hq", "district-shangbu", "district-econ-dev", "district-rural-eco",
        "belt-wei12", "belt-erhuan-west", "belt-yufu", "axis-yellow-river", "axis-cbd", "axis-jingshi",
    ])
    assert Counter(zones["kind"]) == {"core": 2, "district": 3, "belt": 3, "axis": 3}
    names = set(zones["name_zh"])
    for name in ("济南国际医学科学中心", "央企总部城", "百年商埠历史文化区", "济南槐荫经济开发区", "乡村振兴生态区",
                 "纬十二路都市消费带", "二环西路隆起轴", "玉符河生态休闲带", "沿黄旅游风情带",
                 "央企总部城中央商务轴", "经十路城市发展景观轴"):
        assert name in names
        assert name in OUTLINE


def test_zones_name_industries_and_carriers(shipped_plan):
    for _, zone in shipped_plan.zones.iterrows():
        # 沿黄旅游风情带: the plan names a brand (“黄河旅游”), not an industry, so its list is empty.
        assert zone["industries_zh"] or zone["id"] == "axis-yellow-river", zone["id"]
        assert len(zone["industries_zh"]) == len(zone["industries_en"]), zone["id"]
        assert len(zone["carriers_zh"]) == len(zone["carriers_en"]), zone["id"]


def _box_items(box: str) -> list[str]:
    """List items of a 专栏 project box: 'grouping：a、b、c等。' segments."""
    section = SECTIONS[box]
    lines = OUTLINE.splitlines()[section.start : section.end]
    text = "".join(line.strip() for line in lines)
    items = []
    for segment in text.split("。"):
        if "：" not in segment:
            continue
        _, body = segment.split("：", 1)
        for item in body.split("、"):
            item = re.sub(r"等$", "", item.strip())
            if re.fullmatch(r"[一二三四五六七八九十]+期", item) and items:
                items[-1] += "、" + item  # "…产业园一期、二期" is one listed project
            elif item:
                items.append(item)
    return items


@pytest.mark.parametrize("box", ["box6", "box8", "box9", "box10"])
def test_every_box_project_is_present_exactly_once(shipped_plan, box):
    items = _box_items(box)
    assert items, box
    projects = shipped_plan.projects
    ref = "专栏" + box.removeprefix("box")
    in_box = projects[projects["sources"].apply(lambda srcs: any(s["ref"] == ref for s in srcs))]
    listed = Counter(in_box["box_item_zh"].explode())
    for item in items:
        assert listed[item] == 1, f"{ref} item {item!r} appears {listed[item]} times"
    assert sum(listed.values()) == len(items)


def test_project_in_two_boxes_is_one_feature(shipped_plan):
    projects = shipped_plan.projects
    lvdi = projects[projects["name_zh"] == "绿地齐鲁之门"]
    assert len(lvdi) == 1
    assert {s["ref"] for s in lvdi.iloc[0]["sources"]} >= {"专栏6", "专栏8"}


def test_statuses_other_than_unknown_quote_the_plan(shipped_plan):
    for layer_id in ("projects", "metro_lines", "rail_lines"):
        gdf = shipped_plan.layer(layer_id)
        for _, row in gdf[gdf["status"] != "未知"].iterrows():
            quotes = re.findall(r"“([^”]+)”", row["status_source"])
            assert quotes, f"{layer_id} {row['id']}: status_source quotes nothing"
            for quote in quotes:
                assert re.sub(r"\s+", "", quote) in OUTLINE_FLAT, f"{row['id']}: {quote!r} not in the plan"


def test_source_sections_exist_in_the_outline(shipped_plan):
    for layer_id, gdf in shipped_plan.layers.items():
        for _, row in gdf.iterrows():
            if row["source_section"] == "context":  # not named by the plan: drawn as context, and says so
                assert row["source"].startswith("规划未提及"), f"{layer_id} {row['id']}: {row['source']}"
                continue
            assert row["source_section"] in SECTIONS, f"{layer_id} {row['id']}: {row['source_section']}"
    for target in shipped_plan.targets:
        assert target.source_section in SECTIONS, target.id


def test_features_lie_inside_the_district_unless_marked(shipped_plan):
    district = shipped_plan.layer("boundary").geometry.iloc[0]
    outside = []
    for layer_id, gdf in shipped_plan.layers.items():
        if layer_id == "boundary":
            continue
        for _, row in gdf.iterrows():
            if row.get("extends_beyond_district") is True:
                continue
            share = share_inside(row.geometry, district)
            if share < 0.99:
                outside.append(f"{layer_id} {row['id']}: {share:.0%} inside")
    assert outside == []


BOX2 = [
    # id, metric fragment, 2020 value, 2025 value, annual growth, attribute, cumulative
    ("box2-01", "地区生产总值增速", 10, None, 8, "预期性", False),
    ("box2-02", "一般公共预算收入", 52.8, 77.6, 8, "预期性", False),
    ("box2-03", "固定资产投资", 1692, None, 10, "预期性", True),
    ("box2-04", "社会消费品零售总额", 512.6, 720, 7, "预期性", False),
    ("box2-05", "规模以上工业增加值", None, None, 9, "预期性", False),
    ("box2-06", "研发经费", 2.7, 2.7, None, "预期性", False),
    ("box2-07", "进出口总额", 31.4, 40, 5, "预期性", False),
    ("box2-08", "实际利用外资", 3.8, 6.7, None, "预期性", True),
    ("box2-09", "能源消耗", None, None, None, "约束性", False),
    ("box2-10", "用水量", None, None, None, "约束性", False),
    ("box2-11", "污染物", None, None, None, "约束性", False),
    ("box2-12", "森林覆盖率", 7.8, 10, None, "约束性", False),
    ("box2-13", "城镇居民人均可支配收入", 55197, 77417, 7, "预期性", False),
    ("box2-14", "新增城镇就业", 6.7, 7.5, None, "预期性", True),
    ("box2-15", "城镇登记失业率", 2.14, 3.5, None, "预期性", False),
    ("box2-16", "医师", 12.4, 12.41, None, "预期性", False),
    ("box2-17", "养老床位", 30, 40, None, "预期性", False),
    ("box2-18", "耕地保有量", None, None, None, "约束性", False),
]


def test_box2_has_the_18_indicators_with_the_plans_numbers(shipped_plan):
    box2 = {t.id: t for t in shipped_plan.targets if t.source_section == "box2"}
    assert len(box2) == 18
    for tid, fragment, base, goal, growth, attribute, cumulative in BOX2:
        t = box2[tid]
        assert fragment in t.metric_zh, tid
        assert (t.baseline_value, t.target_value, t.annual_growth_pct) == (base, goal, growth), tid
        assert (t.attribute, t.cumulative, t.baseline_year, t.target_year) == (attribute, cumulative, 2020, 2025), tid
        assert t.observations == (), tid
    assert box2["box2-15"].comparison == "at_most"
    assert box2["box2-09"].baseline_text == "完成上级下达任务"


def test_box1_actuals_are_observations(shipped_plan):
    box1 = [t for t in shipped_plan.targets if t.source_section == "box1"]
    assert len(box1) == 11
    gdp = next(t for t in box1 if "生产总值" in t.metric_zh)
    assert (gdp.baseline_value, gdp.target_value, gdp.baseline_year, gdp.target_year) == (387, 570, 2015, 2020)
    assert [(o.year, o.value) for o in gdp.observations] == [(2020, 624.3)]


@pytest.mark.parametrize(
    ("scope", "fragment", "value"),
    [
        ("core-medical", "专科", 20),
        ("core-medical", "研发生产企业", 500),
        ("core-medical", "总产值", 500),
        ("core-soe-hq", "亿元楼", 15),
        ("core-soe-hq", "总部", 100),
        ("medical-health", "医养健康", 500),
        ("intelligent-manufacturing", "工业总产值", 300),
        ("culture-tourism", "文化旅游总收入", 150),
        ("culture-tourism", "游客", 1000),
        ("huaiyin", "高新技术企业", 240),
    ],
)
def test_2025_targets_of_the_text(shipped_plan, scope, fragment, value):
    found = [t for t in shipped_plan.targets_for(scope) if fragment in t.metric_zh and t.target_value == value]
    assert found, f"no target {fragment!r} = {value} for {scope}"
    assert all(t.target_year == 2025 for t in found)
