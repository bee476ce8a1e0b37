"""Reviewing a plan's candidates: a draft of decisions, kept in the store until it is applied.

A :class:`Draft` holds the candidates of one document for one plan id and the
planner's decision on each: ``accept`` (with the values as edited and, for a
new project, where it is), ``merge`` (the same object as an existing feature or
target: the new plan carries it forward), or ``reject`` (with a reason).
:func:`changes_from` turns the decided candidates into features and targets
of the new plan, each citing the new document's section and line; the store's
editor applies them as one audited change set (see
:meth:`planning.edits.PlanEditor.apply_plan_changes`). Nothing here touches a
file: drafts are read and written through a store object.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from planning.errors import PlanningError
from planning.ingest.candidates import Candidate
from planning.ingest.names import normalise

Action = Literal["pending", "accept", "merge", "reject"]
ACTIONS: tuple[Action, ...] = ("pending", "accept", "merge", "reject")
DRAFT_PREFIX = "ingest-"
PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
#: The plan the shipped data is (features without ``plan_ids`` belong to it).
BASE_PLAN = "14th"
#: How a new project was placed, for its ``geometry_source``.
PLACEMENTS = ("click", "feature", "gazetteer", "typed")


class ReviewError(PlanningError):
    """A decision that cannot be taken or applied; the message names the candidate and what is missing."""


@dataclass
class Decision:
    action: Action = "pending"
    values: dict[str, Any] = field(default_factory=dict)  # the planner's edits (name_en, category, unit …)
    feature_id: str | None = None  # merge: the existing feature or target
    place: dict[str, Any] | None = None  # accept (project): {lon, lat, method, ref}
    reason: str | None = None  # reject
    by: str | None = None
    at: str | None = None


@dataclass
class Draft:
    plan_id: str
    period: str | None
    document: str
    created_by: str
    created_at: str
    candidates: list[dict[str, Any]]
    decisions: dict[str, Decision] = field(default_factory=dict)
    applied: list[dict[str, Any]] = field(default_factory=list)  # {import_id, seq, at, by}

    @property
    def name(self) -> str:
        return draft_name(self.plan_id)

    def candidate(self, candidate_id: str) -> dict[str, Any]:
        for c in self.candidates:
            if c["id"] == candidate_id:
                return c
        msg = f"candidate {candidate_id} is not in the draft of plan {self.plan_id}"
        raise ReviewError(msg)

    def decision(self, candidate_id: str) -> Decision:
        return self.decisions.get(candidate_id) or Decision()

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(ACTIONS, 0)
        for c in self.candidates:
            out[self.decision(c["id"]).action] += 1
        return out

    def to_bytes(self) -> bytes:
        raw = asdict(self)
        return json.dumps(raw, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Draft:
        raw = json.loads(data.decode("utf-8"))
        raw["decisions"] = {k: Decision(**v) for k, v in raw.get("decisions", {}).items()}
        return cls(**raw)


def draft_name(plan_id: str) -> str:
    if not PLAN_ID.match(plan_id or ""):
        msg = f"plan id “{plan_id}”: use lowercase letters, digits, '-' or '_' (e.g. 15th)"
        raise ReviewError(msg)
    return f"{DRAFT_PREFIX}{plan_id}.json"


def new_draft(extraction, plan_id: str, *, user: str, now: datetime) -> Draft:
    draft_name(plan_id)
    return Draft(plan_id=plan_id, period=str(extraction.period) if extraction.period else None,
                 document=extraction.document.name, created_by=user, created_at=now.isoformat(timespec="seconds"),
                 candidates=[c.to_dict() for c in extraction.candidates])


def save_draft(store, draft: Draft, *, expected_version: str | None = None) -> str:
    """Write the draft through the store (atomic; refused if someone saved it since ``expected_version``)."""
    return store.write_bytes(draft.name, draft.to_bytes(), expected_version=expected_version)


def load_draft(store, plan_id: str) -> tuple[Draft, str | None] | None:
    """The draft of ``plan_id`` and its version, or None when there is none."""
    name = draft_name(plan_id)
    if name not in store.list_documents(".json"):
        return None
    return Draft.from_bytes(store.read_bytes(name)), store.version(name)


def list_drafts(store) -> list[str]:
    """Plan ids with a draft in the store."""
    return sorted(n[len(DRAFT_PREFIX):-5] for n in store.list_documents(".json") if n.startswith(DRAFT_PREFIX))


def decide(draft: Draft, candidate_id: str, action: Action, *, user: str, now: datetime,  # noqa: PLR0913 - keyword arguments of one documented call
           values: dict[str, Any] | None = None, feature_id: str | None = None,
           place: dict[str, Any] | None = None, reason: str | None = None) -> Decision:
    """Record one decision (in the draft; saving it is the caller's)."""
    draft.candidate(candidate_id)
    if action not in ACTIONS:
        msg = f"decision “{action}” for candidate {candidate_id}: expected one of {', '.join(ACTIONS)}"
        raise ReviewError(msg)
    if action == "merge" and not feature_id:
        msg = f"candidate {candidate_id}: a merge names the existing feature or target it is"
        raise ReviewError(msg)
    if place is not None:
        _check_place(candidate_id, place)
    decision = Decision(action=action, values=dict(values or {}), feature_id=feature_id if action == "merge" else None,
                        place=place, reason=(reason or "").strip() or None, by=user,
                        at=now.isoformat(timespec="seconds"))
    draft.decisions[candidate_id] = decision
    return decision


def _check_place(candidate_id: str, place: dict[str, Any]) -> None:
    lon, lat = place.get("lon"), place.get("lat")
    ok = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat))
    if not ok or not (-180 <= lon <= 180 and -90 <= lat <= 90) or place.get("method") not in PLACEMENTS:
        msg = (f"candidate {candidate_id}: a position needs lon, lat (WGS84 degrees) and a method "
               f"({', '.join(PLACEMENTS)}); got {lon}, {lat}, {place.get('method')}")
        raise ReviewError(msg)


# --- the plan's own gazetteer ------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    layer: str
    feature_id: str
    name: str
    lon: float
    lat: float


def gazetteer(layers: dict) -> list[Place]:
    """Every named feature of the plan (zones, projects, landmarks, roads, stations, rivers …) at a point on it."""
    out: list[Place] = []
    for layer, frame in layers.items():
        if frame is None or len(frame) == 0 or "name_zh" not in frame.columns or layer == "boundary":
            continue
        points = frame.geometry.representative_point()
        for fid, name, point in zip(frame["id"], frame["name_zh"], points, strict=True):
            if isinstance(name, str) and name and point is not None and not point.is_empty:
                out.append(Place(layer, str(fid), name, round(point.x, 6), round(point.y, 6)))
    return out


_SUFFIX = re.compile(r"(地铁站|站|路|街|河|湖|公园|片区|村)$")


def geocode(text: str, places: list[Place], *, limit: int = 8) -> list[Place]:
    """Places whose name occurs in ``text`` (a candidate's name or sentence), longest names first.

    "济南市齐鲁大道北延工程" finds the road 齐鲁大道; a name is also tried without its
    generic ending (路, 站, 公园 …) when that leaves at least three characters.
    """
    key = normalise(text)
    hits: list[tuple[int, Place]] = []
    for place in places:
        name = normalise(place.name)
        short = _SUFFIX.sub("", name)
        if len(name) >= 2 and name in key:
            hits.append((len(name), place))
        elif len(short) >= 3 and short in key:
            hits.append((len(short), place))
    hits.sort(key=lambda h: (-h[0], h[1].layer != "projects", h[1].feature_id))
    seen: set[str] = set()
    out = []
    for _, place in hits:
        if place.feature_id not in seen:
            seen.add(place.feature_id)
            out.append(place)
    return out[:limit]


def candidate_of(raw: dict[str, Any]) -> Candidate:
    """A stored candidate as a :class:`Candidate` (its id is recomputed and must match)."""
    data = {k: v for k, v in raw.items() if k not in ("id", "matches")}
    return Candidate(**data)
