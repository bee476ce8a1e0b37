"""Vocabularies and typed records of the plan.

This module owns the closed vocabularies the data files are checked against
(statuses, categories, zone kinds, units, industries) and the small frozen
records the rest of the package passes around. It does no I/O.
"""

from __future__ import annotations

from planning.messages import Messages
from dataclasses import dataclass, field
from typing import Any, ClassVar

#: The plan's project lifecycle (第九章 二、“储备一批、开工一批、建设一批、竣工一批”),
#: plus 未知 for everything the outline does not state.
STATUSES: dict[str, str] = {
    "储备": "Reserve",
    "开工": "Started",
    "在建": "Under construction",
    "竣工": "Completed",
    "未知": "Unknown",
}
UNKNOWN_STATUS = "未知"

#: Project categories: the plan's own groupings in 专栏6/8/9/10, plus the
#: groupings used for projects named in the running text.
CATEGORIES: dict[str, str] = {
    "医养健康": "Medical and health care",
    "商务会展": "Business and exhibitions",
    "智能制造": "Intelligent manufacturing",
    "文化旅游": "Culture and tourism",
    "消费物流": "Consumption and logistics",
    "旧城改造": "Old-town renewal",
    "城市综合体": "Urban complexes",
    "特色街区": "Featured streets",
    "道路": "Roads",
    "能源电力": "Energy and power",
    "水利": "Water works",
    "幼儿园": "Kindergartens",
    "中小学": "Primary and secondary schools",
    "轨道交通": "Metro",
    "铁路": "Railways",
    "公路桥梁": "Highways and bridges",
    "科研平台": "Research platforms",
    "公共服务": "Public services",
    "生态环境": "Ecology and environment",
    "现代农业": "Modern agriculture",
    "新兴金融": "Emerging finance",
}

#: Zone kinds of “两核三区、三纵三横”.
ZONE_KINDS = Messages("zone_kinds")

GEOMETRY_QUALITIES = ("approximate", "derived", "surveyed")

#: Kinds of the plan's named existing places (landmarks.geojson), with their English names.
LANDMARK_KINDS: dict[str, str] = {
    "商圈": "shopping district",
    "商业综合体": "commercial complex",
    "文化设施": "cultural venue",
    "历史街区": "historic quarter",
    "历史文化": "historic place",
    "医院": "hospital",
    "高校": "university",
    "景区": "scenic area",
    "园区": "business park",
    "企业": "enterprise",
    "村庄": "village",
    "已建成项目": "completed project",
}

#: Units a target may use, with their English rendering.
UNITS: dict[str, str] = {
    "%": "%",
    "亿元": "100 million yuan",
    "亿美元": "100 million USD",
    "元": "yuan",
    "万元": "10,000 yuan",
    "万人": "10,000 people",
    "人": "people",
    "万人次": "10,000 visits",
    "张": "beds",
    "万亩": "10,000 mu",
    "亩": "mu",
    "家": "organisations",
    "座": "buildings",
    "个": "items",
    "项": "items",
    "所": "schools",
    "条": "items",
    "平方米": "m²",
    "分钟": "minutes",
    "人/千人": "per 1,000 people",
    "张/千人": "beds per 1,000 people",
    "件/万人": "per 10,000 people",
}

#: Industries targets may be attached to (scope_kind = "industry").
INDUSTRIES = Messages("industries")

TARGET_PLANS = ("13th", "14th")
TARGET_SCOPE_KINDS = ("district", "zone", "industry")
COMPARISONS = ("at_least", "at_most", "none")
ATTRIBUTES = ("预期性", "约束性")
DISTRICT_SCOPE = "huaiyin"


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file.

    ``feature`` is ``None`` for file-level problems (unreadable JSON, wrong
    top-level type); otherwise it is the feature's index in the file.
    """

    file: str
    feature: int | None
    feature_id: str | None
    field: str | None
    value: Any
    expected: str
    severity: str = "error"

    #: What an item of the file is called in messages ("feature", "step" …).
    ITEM_WORD: ClassVar[str] = "feature"

    def __str__(self) -> str:
        where = self.file
        if self.feature is not None:
            where += f" {self.ITEM_WORD} {self.feature}"
            if self.feature_id:
                where += f" (id {self.feature_id!r})"
        if self.field:
            where += f": field {self.field!r}"
        return f"{where}: got {self.value!r}; expected {self.expected}"


@dataclass(frozen=True)
class Observation:
    year: int
    value: float
    source: str


@dataclass(frozen=True)
class Target:
    """One target of the plan, as read from ``targets.json``."""

    id: str
    plan: str
    scope_kind: str
    scope: str
    metric_zh: str
    metric_en: str
    unit: str | None
    baseline_year: int | None
    baseline_value: float | None
    baseline_text: str | None
    target_year: int | None
    target_value: float | None
    target_text: str | None
    annual_growth_pct: float | None
    comparison: str
    attribute: str | None
    cumulative: bool
    source_section: str
    source_label: str
    observations: tuple[Observation, ...] = field(default_factory=tuple)
    #: Where the plan states two different figures (or measures) for this target: both, quoted (zh, en).
    conflict_note_zh: str | None = None
    conflict_note_en: str | None = None
    #: A target of a later plan that carries an earlier plan's target forward: that target's id.
    carried_from: str | None = None

    def latest_observation(self) -> Observation | None:
        """The observation with the greatest year, or ``None``."""
        if not self.observations:
            return None
        return max(self.observations, key=lambda o: o.year)
