"""Target maths: required paths, statuses and progress (planning/targets.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from planning.model import Observation, Target
from planning.targets import (
    AMBER_TOLERANCE,
    GREY_REASONS,
    STATUS_COLORS,
    STATUS_LABELS_EN,
    STATUS_LABELS_ZH,
    STATUSES,
    cumulative_total,
    end_value,
    evaluate,
    evaluate_all,
    path_kind,
    required_path,
    status_counts,
)


def make_target(*observations: tuple[int, float], **overrides: Any) -> Target:
    """A 14th-plan at_least target 100 (2020) → 200 (2025) in 家, with the given observations."""
    fields: dict[str, Any] = dict(
        id="t", plan="14th", scope_kind="district", scope="huaiyin",
        metric_zh="指标", metric_en="Metric", unit="家",
        baseline_year=2020, baseline_value=100.0, baseline_text="100",
        target_year=2025, target_value=200.0, target_text="200",
        annual_growth_pct=None, comparison="at_least", attribute="预期性", cumulative=False,
        source_section="test", source_label="test",
        observations=tuple(Observation(y, v, "test") for y, v in observations),
    )
    fields.update(overrides)
    return Target(**fields)


def revenue(*observations: tuple[int, float]) -> Target:
    """一般公共预算收入: 52.8 (2020) growing 8 % a year to 77.6 (2025)."""
    return make_target(*observations, unit="亿元", baseline_value=52.8, target_value=77.6, annual_growth_pct=8.0)


def high_tech_firms(*observations: tuple[int, float]) -> Target:
    """高新技术企业: 147 (2020) → 240 (2025)."""
    return make_target(*observations, baseline_value=147.0, target_value=240.0)


def unemployment(*observations: tuple[int, float]) -> Target:
    """城镇登记失业率: at most 3.5 %."""
    return make_target(*observations, unit="%", baseline_value=2.14, target_value=3.5, comparison="at_most")


def new_jobs(*observations: tuple[int, float]) -> Target:
    """新增城镇就业: [6.7] in the 13th plan → [7.5] over 2021–2025 (五年累计, running totals)."""
    return make_target(*observations, unit="万人", baseline_value=6.7, target_value=7.5, cumulative=True)


def gdp_growth(*observations: tuple[int, float]) -> Target:
    """地区生产总值增速: 8 % a year, no target value."""
    return make_target(*observations, unit="%", baseline_value=10.0, target_value=None, annual_growth_pct=8.0)


def quota(*observations: tuple[int, float]) -> Target:
    """耕地保有量: 完成上级下达任务."""
    return make_target(
        *observations, unit="万亩", baseline_value=None, baseline_text="完成上级下达任务",
        target_value=None, target_text="完成上级下达任务", comparison="none", attribute="约束性",
    )


def no_baseline(*observations: tuple[int, float]) -> Target:
    """新建游园 10 个以上 by 2025, no baseline."""
    return make_target(*observations, unit="个", baseline_year=None, baseline_value=None, target_value=10.0)


# --------------------------------------------------------------------------- constants


def test_status_colours_and_labels():
    assert STATUSES == ("green", "amber", "red", "grey")
    assert STATUS_COLORS == {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "grey": "#9e9e9e"}
    assert STATUS_LABELS_ZH == {"green": "绿", "amber": "黄", "red": "红", "grey": "灰"}
    assert STATUS_LABELS_EN == {"green": "On track", "amber": "Slightly behind", "red": "Behind", "grey": "No data"}
    assert AMBER_TOLERANCE == pytest.approx(0.10)


# --------------------------------------------------------------------------- no observation / no number


def test_no_observation_is_grey():
    p = evaluate(high_tech_firms())
    assert (p.status, p.latest, p.expected, p.progress, p.met) == ("grey", None, None, None, None)
    assert (p.reason_zh, p.reason_en) == ("无观测数据", "No observation yet")
    assert p.path_kind == "linear"


@pytest.mark.parametrize("observations", [(), ((2023, 5.0),)])
def test_quota_from_above_is_grey_even_with_an_observation(observations):
    p = evaluate(quota(*observations))
    assert p.status == "grey"
    assert p.path_kind == "none"
    assert p.reason_zh == "规划未给出数值目标（完成上级下达任务）"
    assert p.reason_en == "The plan sets no number (meets the quota set from above)"
    assert required_path(quota(), 2025) is None


def test_qualitative_target_with_comparison_none_is_grey():
    target = make_target((2023, 1.0), target_value=None, target_text="全覆盖", comparison="none")
    p = evaluate(target)
    assert p.status == "grey"
    assert (p.reason_zh, p.reason_en) == GREY_REASONS["no_comparison"]


def test_growth_rate_without_baseline_for_a_level_unit_is_grey():
    # 规模以上工业增加值: 亿元, 9 % a year, neither baseline nor target value.
    target = make_target((2023, 80.0), unit="亿元", baseline_value=None, target_value=None, annual_growth_pct=9.0)
    assert path_kind(target) == "none"
    assert end_value(target) is None
    p = evaluate(target)
    assert p.status == "grey"
    assert (p.reason_zh, p.reason_en) == GREY_REASONS["no_number"]


# --------------------------------------------------------------------------- met


def test_target_already_met_is_green():
    p = evaluate(high_tech_firms((2022, 180.0), (2023, 250.0)))
    assert (p.status, p.met) == ("green", True)
    assert p.latest == Observation(2023, 250.0, "test")
    assert p.progress == pytest.approx((250 - 147) / (240 - 147))
    assert p.reason_en == "Actual 250: target 240 met"


def test_target_met_after_the_target_year_is_green():
    p = evaluate(high_tech_firms((2027, 241.0)))
    assert (p.status, p.met) == ("green", True)
    assert p.expected == pytest.approx(240.0)  # the path stops at the target year


def test_missed_after_the_target_year_is_compared_with_the_target():
    p = evaluate(high_tech_firms((2026, 220.0)))
    assert (p.status, p.met) == ("amber", False)
    assert p.expected == pytest.approx(240.0)


# --------------------------------------------------------------------------- at_most (ceilings)


def test_ceiling_below_is_green():
    p = evaluate(unemployment((2023, 2.14)))
    assert (p.status, p.met) == ("green", True)
    assert p.progress is None  # a ceiling above the baseline is not a way to go


def test_ceiling_above_is_red():
    p = evaluate(unemployment((2023, 4.0)))
    assert (p.status, p.met) == ("red", False)
    assert p.expected == pytest.approx(3.5)  # a ceiling holds every year


def test_ceiling_within_ten_percent_is_amber():
    assert evaluate(unemployment((2023, 3.85))).status == "amber"
    assert evaluate(unemployment((2023, 3.86))).status == "red"


def test_decreasing_target_follows_a_falling_line():
    # baseline 10 in 2020, at most 8 in 2025 → 8.8 expected in 2023.
    target = make_target(unit="%", baseline_value=10.0, target_value=8.0, comparison="at_most")
    assert required_path(target, 2023) == pytest.approx(8.8)
    assert evaluate(replace(target, observations=(Observation(2023, 8.8, "t"),))).status == "green"
    assert evaluate(replace(target, observations=(Observation(2023, 9.6, "t"),))).status == "amber"
    assert evaluate(replace(target, observations=(Observation(2023, 10.0, "t"),))).status == "red"
    p = evaluate(replace(target, observations=(Observation(2023, 9.0, "t"),)))
    assert p.progress == pytest.approx(0.5)


# --------------------------------------------------------------------------- cumulative


def test_cumulative_expected_running_total():
    target = new_jobs()
    assert path_kind(target) == "cumulative"
    assert required_path(target, 2020) == pytest.approx(0.0)
    assert required_path(target, 2022) == pytest.approx(3.0)
    assert required_path(target, 2025) == pytest.approx(7.5)
    assert required_path(target, 2030) == pytest.approx(7.5)


def test_cumulative_ahead_is_green():
    p = evaluate(new_jobs((2022, 3.1)))
    assert (p.status, p.met) == ("green", False)
    assert p.expected == pytest.approx(3.0)
    assert p.progress == pytest.approx(3.1 / 7.5)


def test_cumulative_behind_is_red_and_slightly_behind_is_amber():
    assert evaluate(new_jobs((2022, 2.0))).status == "red"
    assert evaluate(new_jobs((2022, 2.7))).status == "amber"
    assert evaluate(new_jobs((2022, 2.69))).status == "red"


def test_cumulative_met():
    p = evaluate(new_jobs((2025, 7.6)))
    assert (p.status, p.met) == ("green", True)


def test_cumulative_without_target_value_grows_the_previous_total():
    # 固定资产投资: [1692] in the 13th plan, 10 % a year, no number for 2021–2025.
    target = make_target(unit="亿元", baseline_value=1692.0, target_value=None, annual_growth_pct=10.0, cumulative=True)
    assert end_value(target) == pytest.approx(1692 * 1.1**5)
    assert required_path(target, 2023) == pytest.approx(1692 * 1.1**5 * 3 / 5)


def test_cumulative_without_baseline_year_spans_five_years():
    target = make_target(unit="人", baseline_year=None, baseline_value=None, target_value=100.0, cumulative=True)
    assert required_path(target, 2022) == pytest.approx(40.0)


def test_cumulative_total_sums_years_after_the_baseline():
    obs = [Observation(2020, 9.0, "t"), Observation(2021, 1.5, "t"), Observation(2022, 1.6, "t"), Observation(2023, 1.4, "t")]
    assert cumulative_total(obs, 2020) == pytest.approx(4.5)
    assert cumulative_total(obs, 2020, up_to=2022) == pytest.approx(3.1)
    assert cumulative_total([], 2020) == 0.0


def test_cumulative_total_refuses_duplicate_years():
    with pytest.raises(ValueError, match="duplicate"):
        cumulative_total([Observation(2021, 1.0, "a"), Observation(2021, 1.0, "b")], 2020)


# --------------------------------------------------------------------------- compound growth


def test_compound_path_with_growth_rate():
    target = revenue()
    assert path_kind(target) == "compound"
    assert required_path(target, 2020) == pytest.approx(52.8)
    assert required_path(target, 2023) == pytest.approx(52.8 * 1.08**3)
    assert required_path(target, 2019) == pytest.approx(52.8)  # before the baseline: the baseline


def test_compound_on_path_is_green():
    p = evaluate(revenue((2023, 52.8 * 1.08**3)))
    assert (p.status, p.met) == ("green", False)
    assert p.expected == pytest.approx(66.512, abs=1e-3)
    assert p.progress == pytest.approx((52.8 * 1.08**3 - 52.8) / (77.6 - 52.8))


def test_compound_five_percent_below_is_amber():
    assert evaluate(revenue((2023, 52.8 * 1.08**3 * 0.95))).status == "amber"


def test_compound_twenty_percent_below_is_red():
    p = evaluate(revenue((2023, 52.8 * 1.08**3 * 0.80)))
    assert p.status == "red"
    assert p.reason_zh.startswith("实际 53.21 明显差于应达进度 66.51")


def test_compound_implied_rate_for_money_without_growth_rate():
    # 地区生产总值 624.3 → 1000 (千亿俱乐部), no rate stated.
    target = make_target(unit="亿元", baseline_value=624.3, target_value=1000.0)
    assert path_kind(target) == "compound"
    rate = (1000 / 624.3) ** (1 / 5) - 1
    assert required_path(target, 2022) == pytest.approx(624.3 * (1 + rate) ** 2)
    assert required_path(target, 2025) == pytest.approx(1000.0)


def test_compound_path_is_capped_at_the_target():
    target = make_target(unit="亿元", baseline_value=100.0, target_value=150.0, annual_growth_pct=10.0)
    assert required_path(target, 2024) == pytest.approx(146.41)
    assert required_path(target, 2025) == pytest.approx(150.0)  # 161.05 uncapped


def test_growth_without_target_value_uses_the_path_end():
    # 城镇居民人均可支配收入 (十三五): 39470 in 2015, 8 % a year, no number for 2020.
    target = make_target((2020, 55197.0), plan="13th", unit="元", baseline_year=2015, baseline_value=39470.0,
                         target_year=2020, target_value=None, annual_growth_pct=8.0)
    assert end_value(target) == pytest.approx(39470 * 1.08**5)
    p = evaluate(target)
    assert (p.status, p.met) == ("amber", False)
    assert p.expected == pytest.approx(57994.38, abs=0.01)
    assert p.progress == pytest.approx((55197 - 39470) / (39470 * 1.08**5 - 39470))


# --------------------------------------------------------------------------- linear counts


def test_linear_count():
    target = high_tech_firms()
    assert path_kind(target) == "linear"
    assert required_path(target, 2023) == pytest.approx(202.8)
    assert required_path(target, 2025) == pytest.approx(240.0)


@pytest.mark.parametrize("unit", ["家", "个", "座", "所", "项", "条", "人", "万人", "张", "%", "人/千人", "平方米"])
def test_non_money_units_are_linear(unit):
    assert path_kind(make_target(unit=unit)) == "linear"


@pytest.mark.parametrize("unit", ["亿元", "亿美元", "元", "万元"])
def test_money_units_are_compound(unit):
    assert path_kind(make_target(unit=unit)) == "compound"


def test_linear_statuses_and_progress():
    on_path = evaluate(high_tech_firms((2023, 202.8)))
    assert (on_path.status, on_path.progress) == ("green", pytest.approx(0.6))
    assert evaluate(high_tech_firms((2023, 190.0))).status == "amber"
    assert evaluate(high_tech_firms((2023, 180.0))).status == "red"
    assert evaluate(high_tech_firms((2023, 120.0))).progress == 0.0  # below the baseline: clamped


def test_flat_target_progress_is_share_of_target():
    # 研发经费占比 2.7 → 2.7.
    target = make_target((2023, 2.6), unit="%", baseline_value=2.7, target_value=2.7)
    p = evaluate(target)
    assert (p.status, p.met, p.expected) == ("amber", False, pytest.approx(2.7))
    assert p.progress == pytest.approx(2.6 / 2.7)


# --------------------------------------------------------------------------- growth-rate-only


def test_growth_rate_only_is_compared_with_the_rate():
    assert path_kind(gdp_growth()) == "level"
    assert required_path(gdp_growth(), 2023) == pytest.approx(8.0)
    green = evaluate(gdp_growth((2023, 8.5)))
    assert (green.status, green.met, green.progress, green.expected) == ("green", None, None, pytest.approx(8.0))
    assert green.reason_en == "Growth 8.5 % is on or ahead of the planned 8 %"
    assert evaluate(gdp_growth((2023, 8.0))).status == "green"
    assert evaluate(gdp_growth((2023, 7.2))).status == "amber"
    assert evaluate(gdp_growth((2023, 7.1))).status == "red"


# --------------------------------------------------------------------------- no baseline


def test_no_baseline_path_is_the_target_at_the_target_year():
    target = no_baseline()
    assert path_kind(target) == "level"
    assert required_path(target, 2023) is None
    assert required_path(target, 2025) == pytest.approx(10.0)


def test_no_baseline_before_target_year_is_grey_with_progress():
    p = evaluate(no_baseline((2023, 6.0)))
    assert (p.status, p.progress, p.met) == ("grey", pytest.approx(0.6), None)
    assert (p.reason_zh, p.reason_en) == GREY_REASONS["no_pace"]


def test_no_baseline_met_early_and_judged_at_the_target_year():
    assert evaluate(no_baseline((2023, 12.0))).status == "green"
    assert evaluate(no_baseline((2025, 9.5))).status == "amber"
    assert evaluate(no_baseline((2025, 5.0))).status == "red"


# --------------------------------------------------------------------------- as_of_year and the 13th plan


def test_as_of_year_ignores_later_observations():
    target = high_tech_firms((2022, 180.0), (2024, 250.0))
    assert evaluate(target).status == "green"
    p = evaluate(target, as_of_year=2022)
    assert p.latest is not None and p.latest.year == 2022
    assert p.expected == pytest.approx(184.2)
    assert p.status == "amber"  # 180 is within 10 % of 184.2
    assert evaluate(target, as_of_year=2021).status == "grey"


def test_thirteenth_plan_is_judged_at_its_own_target_year():
    target = make_target((2020, 52.8), (2022, 70.0), plan="13th", unit="亿元", baseline_year=2015,
                         baseline_value=39.0, target_year=2020, target_value=63.0, annual_growth_pct=10.0)
    for as_of in (None, 2023):
        p = evaluate(target, as_of_year=as_of)
        assert p.latest == Observation(2020, 52.8, "test")
        assert p.status == "red"
        assert p.expected == pytest.approx(39 * 1.1**5)


def test_evaluate_all_and_status_counts():
    targets = [replace(high_tech_firms((2023, 250.0)), id="a"), replace(new_jobs((2022, 2.0)), id="b"),
               replace(quota(), id="c"), replace(high_tech_firms(), id="d")]
    result = evaluate_all(targets)
    assert list(result) == ["a", "b", "c", "d"]
    assert status_counts(result) == {"green": 1, "amber": 0, "red": 1, "grey": 2}
    assert status_counts({}) == {"green": 0, "amber": 0, "red": 0, "grey": 0}


# --------------------------------------------------------------------------- shipped data


def test_every_shipped_target_evaluates(shipped_plan):
    assert len(shipped_plan.targets) == 90
    result = evaluate_all(shipped_plan.targets)
    assert len(result) == 90
    for target in shipped_plan.targets:
        for year in (2015, 2020, 2023, 2025, 2030):
            required_path(target, year)
        assert evaluate(target, as_of_year=2023).target_id == target.id
    assert sum(status_counts(result).values()) == 90


def test_box2_indicators_are_grey(shipped_plan):
    box2 = [t for t in shipped_plan.targets if t.source_section == "box2"]
    assert len(box2) == 18
    assert {evaluate(t).status for t in box2} == {"grey"}


BOX1_STATUSES = {
    "box1-01": ("green", True),   # 生产总值 570 planned, 624.3 actual
    "box1-02": ("red", False),    # 地方公共财政收入 63 planned, 52.8 actual
    "box1-03": ("green", True),   # 固定资产投资 [1300] planned, [1692] actual
    "box1-04": ("red", False),    # 社会消费品零售总额 432 × 1.1^5 = 695.7 expected, 512.6 actual
    "box1-05": ("green", True),   # 实际到账外资 [2], [3.8]
    "box1-06": ("green", True),   # 外贸出口 [10], [15]
    "box1-07": ("amber", False),  # 高新技术产业产值占比 60, 58
    "box1-08": ("green", True),   # 万人口发明专利申请数 [40], [88]
    "box1-09": ("green", True),   # 人均公共绿地面积 11.3, 11.5
    "box1-10": ("amber", False),  # 城镇居民人均可支配收入 39470 × 1.08^5 = 57994, 55197
    "box1-11": ("green", True),   # 城镇调查失业率 < 6, 2.14
}


def test_thirteenth_plan_results(shipped_plan):
    by_id = {t.id: t for t in shipped_plan.targets}
    result = {i: evaluate(by_id[i]) for i in BOX1_STATUSES}
    assert {i: (p.status, p.met) for i, p in result.items()} == BOX1_STATUSES
    assert result["box1-01"].progress == pytest.approx((624.3 - 387) / (570 - 387))
    assert result["box1-02"].expected == pytest.approx(39 * 1.1**5)
    assert result["box1-02"].progress == pytest.approx((52.8 - 39) / (63 - 39))
