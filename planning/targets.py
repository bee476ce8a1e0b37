"""Target maths: the path a target asks for and how far an observation is along it.

Pure functions over :class:`planning.model.Target`; no I/O. The rules are
written down for planners in ``docs/target-rules.md``; keep the two in step.

Path kinds
----------
``"cumulative"``
    五年累计 targets: the expected running total grows in equal yearly shares,
    ``total * (year - start) / (target_year - start)``.
``"compound"``
    Growth targets: ``baseline * (1 + g) ** (year - baseline_year)`` with the
    plan's ``annual_growth_pct``, or with the implied rate
    ``(target / baseline) ** (1 / n) - 1`` for money units.
``"linear"``
    Everything else with a baseline and a target (counts, shares, densities,
    areas): straight line from baseline to target.
``"level"``
    A fixed number without a path: the target itself in the target year (no
    baseline), or the growth rate itself for growth-rate-only indicators.
``"none"``
    Nothing numeric to compare with.
"""

from __future__ import annotations

from planning.messages import Messages
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from planning.model import Observation, Target

Status = Literal["green", "amber", "red", "grey"]
PathKind = Literal["compound", "linear", "cumulative", "level", "none"]

#: The four statuses, best first.
STATUSES: tuple[Status, ...] = ("green", "amber", "red", "grey")
STATUS_COLORS: dict[str, str] = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "grey": "#9e9e9e"}
STATUS_LABELS_ZH: dict[str, str] = {"green": "绿", "amber": "黄", "red": "红", "grey": "灰"}
STATUS_LABELS_EN: dict[str, str] = {
    "green": "On track",
    "amber": "Slightly behind",
    "red": "Behind",
    "grey": "No data",
}

#: Tolerance of amber: an observation up to 10 % worse than the expected value
#: (below it for at_least, above it for at_most) is amber rather than red.
AMBER_TOLERANCE = 0.10

#: Money units: a target in one of these with a baseline grows compound even
#: when the plan states no growth rate (implied CAGR). All other units are linear.
COMPOUND_UNITS: frozenset[str] = frozenset({"亿元", "亿美元", "元", "万元"})

#: Length of a Five-Year Plan period, used for 五年累计 targets without a baseline year.
PLAN_PERIOD_YEARS = 5

#: The plan's wording for a number it leaves to the higher authorities.
QUOTA_FROM_ABOVE = "完成上级下达任务"

#: Why a target is grey, (zh, en), in the order they are checked.
GREY_REASONS = Messages("grey_reasons")


@dataclass(frozen=True)
class Progress:
    """How one target stands against its latest observation.

    Attributes
    ----------
    target_id : str
        The target's ``id``.
    status : {"green", "amber", "red", "grey"}
        Traffic light; see ``docs/target-rules.md``.
    latest : Observation or None
        The observation the status is based on.
    expected : float or None
        The value the required path expects in the latest observation's year.
    progress : float or None
        Share of the way from baseline to target achieved (0 … 1 and above).
    met : bool or None
        Whether the target (or its implied end value) is already reached.
    path_kind : {"compound", "linear", "cumulative", "level", "none"}
        The kind of path the target asks for.
    reason_zh, reason_en : str
        One short sentence saying why this status.
    """

    target_id: str
    status: Status
    latest: Observation | None
    expected: float | None
    progress: float | None
    met: bool | None
    path_kind: PathKind
    reason_zh: str
    reason_en: str


# --------------------------------------------------------------------------- classification


def is_rate_only(target: Target) -> bool:
    """Whether the indicator is itself a growth rate (“地区生产总值增速 8%”).

    Parameters
    ----------
    target : Target
        The target.

    Returns
    -------
    bool
        True when the unit is ``%``, no target value is given, and the plan
        states an annual growth rate: observations are then yearly rates to be
        compared with that rate.
    """
    return target.unit == "%" and target.target_value is None and target.annual_growth_pct is not None


def _has_baseline(target: Target) -> bool:
    return target.baseline_value is not None and target.baseline_year is not None


def path_kind(target: Target) -> PathKind:
    """The kind of path a target asks for.

    Parameters
    ----------
    target : Target
        The target.

    Returns
    -------
    PathKind
        ``"none"`` for comparison ``none`` or when no end value can be known,
        ``"level"`` for growth-rate-only indicators and targets without a
        baseline, ``"cumulative"`` for 五年累计, ``"compound"`` when a growth
        rate is given or the unit is money (:data:`COMPOUND_UNITS`) with
        positive values, else ``"linear"``.
    """
    if target.comparison == "none" or target.target_year is None:
        return "none"
    if is_rate_only(target):
        return "level"
    if end_value(target) is None:
        return "none"
    if target.cumulative:
        return "cumulative"
    if not _has_baseline(target):
        return "level"
    if target.annual_growth_pct is not None:
        return "compound"
    if target.unit in COMPOUND_UNITS and _positive(target.baseline_value, target.target_value):
        return "compound"
    return "linear"


def _positive(*values: float | None) -> bool:
    return all(v is not None and v > 0 for v in values)


# --------------------------------------------------------------------------- paths


def end_value(target: Target) -> float | None:
    """The number the target asks for at its target year.

    Parameters
    ----------
    target : Target
        The target.

    Returns
    -------
    float or None
        ``target_value`` when the plan gives one; otherwise, when the plan
        gives a baseline and an annual growth rate,
        ``baseline * (1 + g) ** (target_year - baseline_year)`` (for 五年累计
        targets this is the previous period's total grown by the same factor:
        yearly amounts growing at ``g`` make every five-year sum ``(1+g)**5``
        times the previous one). ``None`` otherwise, and for
        growth-rate-only indicators.
    """
    if target.target_value is not None:
        return float(target.target_value)
    if is_rate_only(target) or target.annual_growth_pct is None or target.target_year is None:
        return None
    if target.baseline_value is None or target.baseline_year is None:
        return None
    years = target.target_year - target.baseline_year
    return float(target.baseline_value) * (1 + target.annual_growth_pct / 100) ** years


def _clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def _cap(target: Target, value: float) -> float:
    """Never ask for more than the target itself (a floor or ceiling holds every year)."""
    goal = target.target_value
    if goal is None:
        return value
    return max(value, goal) if target.comparison == "at_most" else min(value, goal)


def _cumulative_start(target: Target) -> int | None:
    if target.baseline_year is not None:
        return target.baseline_year
    if target.target_year is None:
        return None
    return target.target_year - PLAN_PERIOD_YEARS


def _cumulative_path(target: Target, year: int) -> float | None:
    total, start, end = end_value(target), _cumulative_start(target), target.target_year
    if total is None or start is None or end is None or end <= start:
        return None
    return total * _clamp((year - start) / (end - start), 0.0, 1.0)


def _growth_rate(target: Target, base: float, goal: float | None, years: int) -> float | None:
    if target.annual_growth_pct is not None:
        return target.annual_growth_pct / 100
    if goal is None or years <= 0 or not _positive(base, goal):
        return None
    return float((goal / base) ** (1 / years) - 1)


def _compound_path(target: Target, year: int) -> float | None:
    base, y0, y1 = target.baseline_value, target.baseline_year, target.target_year
    if base is None or y0 is None or y1 is None:
        return None
    rate = _growth_rate(target, float(base), target.target_value, y1 - y0)
    if rate is None:
        return None
    elapsed = _clamp(year, y0, max(y0, y1)) - y0
    return _cap(target, float(base) * (1 + rate) ** elapsed)


def _linear_path(target: Target, year: int) -> float | None:
    base, goal = target.baseline_value, target.target_value
    y0, y1 = target.baseline_year, target.target_year
    if base is None or goal is None or y0 is None or y1 is None:
        return None
    share = 1.0 if y1 <= y0 else _clamp((year - y0) / (y1 - y0), 0.0, 1.0)
    return _cap(target, base + (goal - base) * share)


def _level_path(target: Target, year: int) -> float | None:
    if is_rate_only(target):
        return target.annual_growth_pct
    if target.target_year is None or target.target_value is None or year < target.target_year:
        return None
    return float(target.target_value)


def required_path(target: Target, year: int) -> float | None:
    """The value the target expects in ``year``.

    Parameters
    ----------
    target : Target
        The target.
    year : int
        The year asked about. Years before the baseline year count as the
        baseline year, years after the target year as the target year.

    Returns
    -------
    float or None
        The expected value on the target's path (see :func:`path_kind` and the
        module docstring). For compound and linear paths the value is capped
        at the target itself (``min`` for at_least, ``max`` for at_most).
        ``None`` when the path gives no value for that year (no number, or a
        target without a baseline before its target year).
    """
    kind = path_kind(target)
    if kind == "cumulative":
        return _cumulative_path(target, year)
    if kind == "compound":
        return _compound_path(target, year)
    if kind == "linear":
        return _linear_path(target, year)
    if kind == "level":
        return _level_path(target, year)
    return None


def cumulative_total(
    observations: Iterable[Observation], since_year: int, up_to: int | None = None
) -> float:
    """Running total of yearly amounts after ``since_year``.

    Observations stored on a 五年累计 target are already running totals (that
    is what 专栏1 reports, e.g. 固定资产投资 [1692]). Use this helper to build
    such a running total from yearly amounts before storing it.

    Parameters
    ----------
    observations : iterable of Observation
        Yearly amounts (each the amount of that year alone).
    since_year : int
        The baseline year; it is excluded (the 14th plan's total after 2020
        sums 2021, 2022, …).
    up_to : int, optional
        Last year included; all later years when omitted.

    Returns
    -------
    float
        Sum of the values of the years ``since_year + 1`` … ``up_to``.

    Raises
    ------
    ValueError
        When two observations share a year (a running total would double-count).
    """
    picked = [o for o in observations if o.year > since_year and (up_to is None or o.year <= up_to)]
    years = [o.year for o in picked]
    if len(years) != len(set(years)):
        raise ValueError(f"duplicate years in yearly amounts: {sorted(years)}")
    return float(sum(o.value for o in picked))


# --------------------------------------------------------------------------- evaluation


def _cutoff_year(target: Target, as_of_year: int | None) -> int | None:
    """13th-plan targets are judged at their own target year; others at ``as_of_year``."""
    if target.plan == "13th" and target.target_year is not None:
        return target.target_year if as_of_year is None else min(as_of_year, target.target_year)
    return as_of_year


def _latest(target: Target, cutoff: int | None) -> Observation | None:
    usable = [o for o in target.observations if cutoff is None or o.year <= cutoff]
    return max(usable, key=lambda o: o.year) if usable else None


def _is_met(target: Target, value: float) -> bool | None:
    goal = end_value(target)
    if goal is None:
        return None
    return value <= goal if target.comparison == "at_most" else value >= goal


def _progress_share(target: Target, value: float) -> float | None:
    """Share of the way from baseline to target; ``None`` when it has no meaning."""
    goal, base = end_value(target), target.baseline_value
    if goal is None:
        return None
    up = target.comparison != "at_most"
    if not target.cumulative and base is not None and (goal > base if up else goal < base):
        return max(0.0, (value - base) / (goal - base))
    if up and goal > 0:
        return max(0.0, value / goal)
    return None


def _fmt(x: float) -> str:
    return f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"


def _grade(target: Target, value: float, expected: float) -> Status:
    """Compare an observation with the expected value, with :data:`AMBER_TOLERANCE`."""
    if target.comparison == "at_most":
        if value <= expected:
            return "green"
        return "amber" if value <= expected * (1 + AMBER_TOLERANCE) else "red"
    if value >= expected:
        return "green"
    return "amber" if value >= expected * (1 - AMBER_TOLERANCE) else "red"


_GRADE_WORDS = Messages("grade_words")


def _grade_reason(target: Target, status: Status, value: float, expected: float) -> tuple[str, str]:
    zh, en = _GRADE_WORDS[status]
    v, e = _fmt(value), _fmt(expected)
    if is_rate_only(target):
        return (f"增速 {v}% {zh}规划增速 {e}%", f"Growth {v} % is {en} the planned {e} %")
    return (f"实际 {v} {zh}应达进度 {e}", f"Actual {v} is {en} the expected {e}")


def _met_reason(target: Target, value: float) -> tuple[str, str]:
    goal = _fmt(end_value(target) or 0.0)
    return (f"实际 {_fmt(value)}，已达到目标 {goal}", f"Actual {_fmt(value)}: target {goal} met")


def _grey(target: Target, kind: PathKind, latest: Observation | None, zh: str, en: str) -> Progress:
    share = _progress_share(target, latest.value) if latest else None
    return Progress(target.id, "grey", latest, None, share, None, kind, zh, en)


def _no_number_reason(target: Target) -> tuple[str, str] | None:
    """Why a target has nothing to compare with, or ``None`` when it has."""
    texts = (target.target_text or "") + (target.baseline_text or "")
    if QUOTA_FROM_ABOVE in texts:
        return GREY_REASONS["quota"]
    if target.comparison == "none":
        return GREY_REASONS["no_comparison"]
    if path_kind(target) == "none":
        return GREY_REASONS["no_number"]
    return None


def evaluate(target: Target, *, as_of_year: int | None = None) -> Progress:
    """Status of one target against its latest observation.

    Parameters
    ----------
    target : Target
        The target.
    as_of_year : int, optional
        Ignore observations after this year. 13th-plan targets are never
        judged after their own target year.

    Returns
    -------
    Progress
        Grey when there is no number or no observation; green when the target
        is met or the observation is on or ahead of :func:`required_path`;
        amber within :data:`AMBER_TOLERANCE` of it; red otherwise.
    """
    kind = path_kind(target)
    latest = _latest(target, _cutoff_year(target, as_of_year))
    no_number = _no_number_reason(target)
    if no_number is not None:
        return _grey(target, kind, latest, *no_number)
    if latest is None:
        return _grey(target, kind, None, *GREY_REASONS["no_observation"])
    met, share = _is_met(target, latest.value), _progress_share(target, latest.value)
    expected = required_path(target, latest.year)
    if met:
        return Progress(target.id, "green", latest, expected, share, True, kind, *_met_reason(target, latest.value))
    if expected is None:
        return _grey(target, kind, latest, *GREY_REASONS["no_pace"])
    status = _grade(target, latest.value, expected)
    reason = _grade_reason(target, status, latest.value, expected)
    return Progress(target.id, status, latest, expected, share, met, kind, *reason)


def evaluate_all(targets: Iterable[Target], as_of_year: int | None = None) -> dict[str, Progress]:
    """:func:`evaluate` every target.

    Parameters
    ----------
    targets : iterable of Target
        The targets.
    as_of_year : int, optional
        Passed to :func:`evaluate`.

    Returns
    -------
    dict of str to Progress
        Keyed by target id, in the order given.
    """
    return {t.id: evaluate(t, as_of_year=as_of_year) for t in targets}


#: The plan whose targets are tracked: the one number every surface counts (dashboard, kiosk, list).
#: The 13th plan's entries are results (history), not targets to reach.
TRACKED_PLAN = "14th"


def tracked_targets(targets: Iterable[Target]) -> list[Target]:
    """The targets every surface counts and colours: those the tracked plan sets."""
    return [x for x in targets if x.plan == TRACKED_PLAN]


def status_counts(progress_by_id: Mapping[str, Progress]) -> dict[str, int]:
    """How many targets have each status.

    Parameters
    ----------
    progress_by_id : mapping of str to Progress
        As returned by :func:`evaluate_all`.

    Returns
    -------
    dict of str to int
        Every status of :data:`STATUSES`, in that order, zeros included.
    """
    counts: dict[str, int] = {s: 0 for s in STATUSES}
    for p in progress_by_id.values():
        counts[p.status] += 1
    return counts
