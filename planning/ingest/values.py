"""Numbers, units and comparisons as plans write them: "[1692]", "<6", "突破240家", "千亿级", "2—3所"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planning.ingest.document import clean

NUMBER = r"\d+(?:\.\d+)?"
#: Units a target's number can carry, longest first so 万人次 wins over 万人 and 人.
UNITS = (
    "万平方米", "平方公里", "平方米", "万人次", "亿美元", "万美元", "万千瓦", "万亩", "万人", "亿元", "万元", "万吨",
    "公顷", "公里", "千米", "人次", "元", "家", "个", "所", "座", "项", "条", "人", "位", "名", "处", "亩", "张",
    "辆", "栋", "户", "吨", "倍", "分钟", "%",
)
_UNIT = "|".join(re.escape(u) for u in UNITS)
QUANTITY = re.compile(rf"(?P<num>{NUMBER})(?:\s*[—–-]\s*(?P<num2>{NUMBER}))?\s*(?P<unit>{_UNIT})")
#: "千亿级产业集群": an order of magnitude instead of a number.
MAGNITUDE = re.compile(r"(?P<mag>千亿|百亿|十亿|万亿)级")
_MAGNITUDES = {"万亿": 10000.0, "千亿": 1000.0, "百亿": 100.0, "十亿": 10.0}
#: Words that say the number is a floor or a ceiling.
AT_LEAST = ("突破", "超过", "以上", "不低于", "不少于", "至少", "达到", "力争", "争取", "增长", "迈入", "提高到")
AT_MOST = ("控制在", "以内", "以下", "不超过", "不高于", "低于", "降至", "<", "＜", "≤")
#: Metrics where the target is a ceiling even without a comparison word.
CEILING_METRICS = ("失业率",)
#: Units of a ceiling: an "N-minute circle" is reached within N minutes.
CEILING_UNITS = ("分钟",)
_UNIT_EQUIVALENTS = {"位": "人", "名": "人"}


@dataclass(frozen=True)
class CellValue:
    value: float | None
    text: str
    cumulative: bool
    comparison: str | None  # from the cell itself (<6); None when it says nothing


def parse_cell(cell: str) -> CellValue:
    """An indicator-table cell: "[1692]" (five-year cumulative), "<6", "39（新口径）", "—", "完成上级下达任务"."""
    text = clean(cell)
    cumulative = False
    inner = text
    if m := re.fullmatch(r"[\[［【](.+?)[\]］】]", text):
        cumulative, inner = True, m.group(1).strip()
    comparison = None
    if inner and inner[0] in "<＜≤":
        comparison, inner = "at_most", inner[1:].strip()
    elif inner and inner[0] in ">＞≥":
        comparison, inner = "at_least", inner[1:].strip()
    m = re.match(NUMBER, inner)
    value = float(m.group(0)) if m else None
    return CellValue(value=value, text=text if text not in ("—", "-", "–", "--") else "—", cumulative=cumulative,
                     comparison=comparison)


def as_number(value: float | None) -> float | int | None:
    """Whole numbers as int (240, not 240.0), as the plan writes them."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def comparison_of(text: str, metric: str, *, has_value: bool, unit: str | None = None) -> str:
    """at_least / at_most / none from the words around the number, the kind of metric and the unit."""
    if not has_value:
        return "none"
    if unit in CEILING_UNITS:
        return "at_most"
    if any(word in text for word in AT_MOST) or any(word in metric for word in CEILING_METRICS):
        return "at_most"
    return "at_least"


def same_unit(a: str | None, b: str | None) -> bool:
    return _UNIT_EQUIVALENTS.get(a or "", a or "") == _UNIT_EQUIVALENTS.get(b or "", b or "")


def magnitude(text: str) -> float | None:
    m = MAGNITUDE.search(text)
    return _MAGNITUDES[m.group("mag")] if m else None


_FULL_WIDTH = str.maketrans({"(": "（", ")": "）"})
_METRIC_UNIT = re.compile(r"^(?P<metric>.*?)\s*[（(]\s*(?P<unit>[^（）()]{1,8}?)\s*[)）]\s*$")


def split_metric_unit(name: str) -> tuple[str, str | None]:
    """"一般公共预算收入(亿元)" -> ("一般公共预算收入", "亿元"); inner brackets become full-width."""
    text = clean(name)
    unit = None
    if m := _METRIC_UNIT.match(text):
        text, unit = m.group("metric"), m.group("unit").strip()
    text = text.translate(_FULL_WIDTH)
    text = re.sub(r"\s*（\s*", "（", re.sub(r"\s*）\s*", "）", text))
    return text.strip(), unit
