"""Several plans side by side: which plan each project and target belongs to, and how they are named.

The shipped data is the 14th plan (:data:`BASE_PLAN`): a project without
``plan_ids`` belongs to it. Plans ingested from a new document
(:mod:`planning.ingest`) are registered in ``plans.json`` with their names and
period; their projects carry ``plan_ids`` and, when carried over, ``plans``:
the project's status in each plan. Nothing is known of a plan that is not
loaded, so nothing is shown for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planning.edits_plans import BASE_PLAN
from planning.model import UNKNOWN_STATUS

#: Names of the plans the data knows without a registry entry.
KNOWN_PLANS: dict[str, tuple[str, str, str]] = {
    "13th": ("“十三五”规划", "13th Five-Year Plan", "2016-2020"),
    "14th": ("“十四五”规划", "14th Five-Year Plan", "2021-2025"),
}


@dataclass(frozen=True)
class PlanInfo:
    id: str
    name_zh: str
    name_en: str
    period: str | None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh


def plan_infos(registry: Iterable[Mapping[str, Any]]) -> dict[str, PlanInfo]:
    """The base plan and every registered plan, in order."""
    out = {BASE_PLAN: PlanInfo(BASE_PLAN, *KNOWN_PLANS[BASE_PLAN])}
    for entry in registry:
        pid = str(entry.get("id"))
        zh, en, period = KNOWN_PLANS.get(pid, (pid, pid, None))
        out[pid] = PlanInfo(pid, str(entry.get("name_zh") or zh), str(entry.get("name_en") or en),
                            entry.get("period") or period)
    return out


_DIGITS = "零一二三四五六七八九"


def default_names(period: str | None, plan_id: str) -> tuple[str, str]:
    """Names of a Five-Year Plan from its period ("2026-2030" -> "“十五五”规划", "15th Five-Year Plan")."""
    try:
        start = int(str(period).split("-")[0])
    except ValueError:
        return plan_id, plan_id
    n, rest = divmod(start - 1966, 5)
    n += 3
    if rest or not 3 <= n <= 99:
        return plan_id, plan_id
    tens, units = divmod(n, 10)
    zh = ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "") + (_DIGITS[units] if units else "")
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"“{zh}五”规划", f"{n}{suffix} Five-Year Plan"


def plan_ids_of(properties: Mapping[str, Any]) -> list[str]:
    """The plans a project is in (the base plan when it says nothing)."""
    ids = properties.get("plan_ids")
    return list(ids) if isinstance(ids, list) and ids else [BASE_PLAN]


def in_plans(properties: Mapping[str, Any], wanted: set[str]) -> bool:
    return bool(wanted & set(plan_ids_of(properties)))


@dataclass(frozen=True)
class PlanStep:
    plan: PlanInfo
    status: str
    where: str | None


def history(properties: Mapping[str, Any], infos: Mapping[str, PlanInfo]) -> list[PlanStep]:
    """A carried-over project's status in each plan, oldest first ("十四五 储备 → 十五五 未知")."""
    steps = []
    for entry in properties.get("plans") or []:
        if not isinstance(entry, Mapping):
            continue
        pid = str(entry.get("plan_id"))
        info = infos.get(pid) or PlanInfo(pid, pid, pid, None)
        steps.append(PlanStep(info, entry.get("status") or UNKNOWN_STATUS, entry.get("label")))
    return steps


def side_by_side(targets: list, plan_id: str) -> list[tuple[Any, Any | None]]:
    """(target of ``plan_id``, the earlier plan's target it carries forward or None) for every target of the plan."""
    by_id = {t.id: t for t in targets}
    return [(t, by_id.get(t.carried_from) if t.carried_from else None) for t in targets if t.plan == plan_id]
