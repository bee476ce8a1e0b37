"""Audit entries as sentences a planner reads (“张三 把状态从 未知 改为 在建，依据：…”), in Chinese or English (UI-free)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planning.edits import AuditEntry
from planning.messages import Messages, text
from planning.model import CATEGORIES, STATUSES

SENTENCES = Messages("history")
FIELDS = Messages("history_fields")


def _value(name: str, value: Any, lang: str) -> str:
    if value is None or value == "":
        return text("history.empty", lang)
    if name == "status" and lang == "en":
        return STATUSES.get(value, str(value))
    if name == "category" and lang == "en":
        return CATEGORIES.get(value, str(value))
    if name == "geometry" and isinstance(value, Mapping) and value.get("type") == "Point":
        lon, lat = value.get("coordinates", [0, 0])[:2]
        return f"{lon:.5f}, {lat:.5f}"
    return str(value)


def _field(name: str, lang: str) -> str:
    return FIELDS.text(name, lang) if name in FIELDS else name


def _changes(before: Mapping[str, Any], after: Mapping[str, Any], lang: str) -> list[str]:
    parts = []
    for name in [n for n in after if n not in {"observations", "geometry_source", "geometry_quality"}]:
        old, new = before.get(name), after.get(name)
        if old != new:
            parts.append(text("history.change", lang, field=_field(name, lang), old=_value(name, old, lang),
                              new=_value(name, new, lang)))
    return parts


def _observations(before: Mapping[str, Any], after: Mapping[str, Any], lang: str) -> list[str]:
    old = {(o.get("year"), o.get("value")) for o in before.get("observations") or [] if isinstance(o, Mapping)}
    return [text("history.observation", lang, year=o.get("year"), value=o.get("value"), source=o.get("source", ""))
            for o in after.get("observations") or [] if isinstance(o, Mapping) and (o.get("year"), o.get("value")) not in old]


def _status(before: Mapping[str, Any], after: Mapping[str, Any], lang: str) -> list[str]:
    if "status" not in after:
        return []
    new = _value("status", after.get("status"), lang)
    if after.get("status_date"):
        new += f"（{after['status_date']}）" if lang == "zh" else f" ({after['status_date']})"
    return [text("history.change", lang, field=_field("status", lang), old=_value("status", before.get("status"), lang), new=new)]


def describe(entry: AuditEntry, lang: str) -> str:
    """One sentence (or a few, joined) saying who changed what, from what to what, and on which source."""
    before, after = entry.before or {}, entry.after or {}
    who = entry.user
    if entry.action in {"add_project", "import_project"} or (entry.before is None and entry.after is not None):
        return text("history.added", lang, user=who)
    if entry.after is None:
        return text("history.removed", lang, user=who)
    parts = _observations(before, after, lang) + _status(before, after, lang) + _changes(
        {k: v for k, v in before.items() if not k.startswith("status")},
        {k: v for k, v in after.items() if not k.startswith("status")}, lang)
    sep = "；" if lang == "zh" else "; "
    body = sep.join(parts) if parts else text("history.nothing", lang)
    if entry.reverts:
        return text("history.reverted", lang, user=who, seq=entry.reverts, changes=body)
    source = after.get("status_source") if "status" in after else None
    sentence = text("history.changed", lang, user=who, changes=body)
    return sentence + (text("history.source", lang, source=source) if source else "")


def problem_text(problem: Any, lang: str) -> str:
    """Why an edit was refused, naming the feature and the field in ``lang`` (a :class:`planning.model.Problem`)."""
    field = str(problem.field or "")
    base = field.split(".")[0].split("[")[0]
    label = _field(base, lang) if base in FIELDS else field
    rule = f"edit_rules.{base}"
    needs = text(rule, lang) if _has(rule) else text("edit_rules.default", lang)
    return text("edit_rules.problem", lang, feature=problem.feature_id or "", field=label,
                value=_value(base, problem.value, lang), needs=needs)


def _has(key: str) -> bool:
    from planning.messages import has  # noqa: PLC0415 - one lookup, kept next to its use

    return has(key)
