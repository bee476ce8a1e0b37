"""From decided candidates to the new plan's features and targets (:class:`ChangeSet`), checked before writing.

- An accepted **project** becomes a point feature of plan ``plan_id`` (``plan_ids``
  = [plan_id]) at the position the planner gave, status 未知, citing the new
  document's section and line, its sentence kept verbatim in ``source_quote``.
- A **merged** project is the same object as an existing one: the plan id is
  added to its ``plan_ids`` and the new source to its ``sources``; its status
  when carried over is kept in ``plans`` ("十四五 储备 → 十五五 …").
- An accepted or merged **target** becomes a target of plan ``plan_id`` with the
  document's numbers; a merged one names the target it carries forward
  (``carried_from``), so both plans' values show side by side.
- A **zone** is carried forward by a merge (its id is listed in the plan's
  registry entry); a new zone needs a polygon, which a candidate cannot
  give: it stays in the draft, reported as not applied.

Every accepted item that lacks what the data model requires (an English
name, a category, a position, a known unit) is reported and nothing is
written until it is fixed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from planning.ingest.review import BASE_PLAN, Draft
from planning.model import CATEGORIES, COMPARISONS, DISTRICT_SCOPE, UNITS, UNKNOWN_STATUS

_UNIT_ALIASES = {"位": "人", "名": "人"}
PLANS_DOCUMENT = "plans.json"


@dataclass
class ChangeSet:
    plan_id: str
    plan_entry: dict[str, Any]
    new_projects: list[dict[str, Any]] = field(default_factory=list)
    carried_projects: dict[str, dict[str, Any]] = field(default_factory=dict)  # project id -> plans entry + source
    new_targets: list[dict[str, Any]] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (candidate id, label, what is missing)
    not_applied: list[tuple[str, str, str]] = field(default_factory=list)  # (candidate id, label, why)

    @property
    def empty(self) -> bool:
        return not (self.new_projects or self.carried_projects or self.new_targets)

    def summary(self) -> dict[str, Any]:
        return {"plan_id": self.plan_id, "new_projects": [f["properties"]["id"] for f in self.new_projects],
                "carried_projects": sorted(self.carried_projects), "new_targets": [t["id"] for t in self.new_targets],
                "zones": self.plan_entry.get("zones", [])}


def _id(plan_id: str, kind: str, candidate_id: str) -> str:
    return f"{plan_id}-{kind}-{hashlib.sha1(candidate_id.encode(), usedforsecurity=False).hexdigest()[:8]}"


def _source(draft: Draft, c: dict[str, Any]) -> dict[str, str]:
    section = c.get("section") or "context"
    where = f"{c.get('section_title') or section} (line {c['line_start']})"
    return {"ref": f"{draft.plan_id} {section}", "section": section, "label": f"{draft.document} {where}",
            "plan_id": draft.plan_id}


def _value(decision, c: dict[str, Any], name: str) -> Any:
    return decision.values.get(name, c.get(name))


def changes_from(draft: Draft, *, projects: dict[str, dict[str, Any]], target_ids: set[str], user: str,
                 today: str, plan_names: tuple[str, str] | None = None) -> ChangeSet:
    """The change set of every accepted or merged candidate of ``draft``.

    ``projects``: the existing projects' properties by id (for merges); ``target_ids``: the existing targets.
    """
    name_zh, name_en = plan_names or (draft.plan_id, draft.plan_id)
    entry = {"id": draft.plan_id, "name_zh": name_zh, "name_en": name_en, "period": draft.period,
             "document": draft.document, "zones": []}
    out = ChangeSet(draft.plan_id, entry)
    for c in draft.candidates:
        decision = draft.decision(c["id"])
        if decision.action not in ("accept", "merge"):
            continue
        label = c.get("name") or c.get("metric") or c["id"]
        if c["kind"] == "project":
            _project(out, draft, c, decision, projects, user, today, label)
        elif c["kind"] == "target":
            _target(out, draft, c, decision, target_ids, label)
        elif decision.action == "merge" and decision.feature_id:
            entry["zones"].append(decision.feature_id)
        else:
            out.not_applied.append((c["id"], label, "a new zone needs a polygon: merge it with an existing zone"))
    return out


def _project(out, draft, c, decision, projects, user, today, label) -> None:
    source = _source(draft, c)
    if decision.action == "merge":
        existing = projects.get(decision.feature_id or "")
        if existing is None:
            out.problems.append((c["id"], label, f"the project {decision.feature_id} to merge with does not exist"))
            return
        out.carried_projects[decision.feature_id] = {
            "plan_id": draft.plan_id, "source": source, "quote": c["sentence"],
            "previous": {"plan_id": BASE_PLAN, "status": existing.get("status") or UNKNOWN_STATUS},
        }
        return
    missing = []
    name_en = (decision.values.get("name_en") or "").strip()
    category = decision.values.get("category") or c.get("category")
    if not name_en:
        missing.append("name_en")
    if category not in CATEGORIES:
        missing.append("category")
    if not decision.place:
        missing.append("position")
    if missing:
        out.problems.append((c["id"], label, ", ".join(missing)))
        return
    place = decision.place
    props = {
        "id": _id(draft.plan_id, "prj", c["id"]), "name_zh": (decision.values.get("name_zh") or c["name"]).strip(),
        "name_en": name_en, "category": category, "status": UNKNOWN_STATUS, "status_date": None,
        "status_source": None, "source": source["label"], "source_section": source["section"],
        "sources": [source], "source_quote": c["sentence"], "plan_ids": [draft.plan_id], "zone_override": None,
        "geometry_quality": "approximate",
        "geometry_source": f"placed by {user} on {today} ({place['method']}{': ' + str(place['ref']) if place.get('ref') else ''})",
    }
    out.new_projects.append({"type": "Feature", "properties": props,
                             "geometry": {"type": "Point", "coordinates": [round(place["lon"], 6), round(place["lat"], 6)]}})


def _target(out, draft, c, decision, target_ids, label) -> None:
    metric_en = (decision.values.get("metric_en") or "").strip()
    unit = _value(decision, c, "unit")
    unit = _UNIT_ALIASES.get(unit, unit)
    comparison = _value(decision, c, "comparison") or "none"
    missing = []
    if not metric_en:
        missing.append("metric_en")
    if unit is not None and unit not in UNITS:
        missing.append(f"unit (“{unit}” is not a known unit)")
    if comparison not in COMPARISONS:
        missing.append("comparison")
    carried = decision.feature_id if decision.action == "merge" else None
    if carried and carried not in target_ids:
        missing.append(f"the target {carried} to carry forward does not exist")
    if missing:
        out.problems.append((c["id"], label, ", ".join(missing)))
        return
    year = _value(decision, c, "year")
    value = _value(decision, c, "value")
    source = _source(draft, c)
    target = {
        "id": _id(draft.plan_id, "t", c["id"]), "plan": draft.plan_id, "scope_kind": "district",
        "scope": DISTRICT_SCOPE, "metric_zh": (decision.values.get("metric_zh") or c["metric"]).strip(),
        "metric_en": metric_en, "unit": unit, "comparison": comparison, "cumulative": bool(c.get("cumulative")),
        "attribute": c.get("attribute"), "annual_growth_pct": c.get("growth_pct"),
        "baseline": ({"year": c["baseline_year"], "value": c.get("baseline_value"), "text": c.get("baseline_text") or ""}
                     if c.get("baseline_year") else None),
        "target": {"year": year, "value": value, "text": c.get("value_text") or ""} if year else None,
        "source": {"section": source["section"], "label": f"{source['label']}: “{c['sentence'].strip()[:300]}”"},
        "observations": [],
    }
    if carried:
        target["carried_from"] = carried
    out.new_targets.append(target)
