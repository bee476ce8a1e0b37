"""The carriers of a zone: the existing places (landmarks.geojson) the plan names for it.

A landmark belongs to a zone when the plan says so (``zone_ids_stated``, with the sentence) or when it lies
in the zone's polygon (the spatial join, a check on the drawing). Both are reported, so a surface can show
"stated and inside", "stated, drawn outside" (a drawing to fix) and "inside, not stated by the plan".
"""

from __future__ import annotations

from dataclasses import dataclass

from planning.analysis import assign_zones
from planning.model import LANDMARK_KINDS
from planning.plan import Plan

LANDMARKS = "landmarks"


@dataclass(frozen=True)
class Carrier:
    """One landmark as a carrier of one zone."""

    id: str
    name_zh: str
    name_en: str
    kind_zh: str
    kind_en: str
    status: str
    stated: bool  # the plan names it for the zone
    inside: bool  # the drawing puts it in the zone
    stated_source: str | None  # the sentence that names it for the zone

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def kind(self, lang: str) -> str:
        return self.kind_zh if lang == "zh" else self.kind_en


def landmark_zones(plan: Plan) -> dict[str, list[str]]:
    """Landmark id → the zones its geometry lies in (spatial join in EPSG:4548)."""
    landmarks = plan.layer(LANDMARKS)
    if landmarks.empty:
        return {}
    joined = assign_zones(landmarks, plan.zones, override_column="")
    return dict(zip(landmarks["id"], joined, strict=True))


def zone_carriers(plan: Plan, zone_id: str) -> list[Carrier]:
    """The landmarks of a zone, stated ones first, each saying whether it is stated and whether it is inside."""
    landmarks = plan.layer(LANDMARKS)
    if landmarks.empty:
        return []
    inside_of = landmark_zones(plan)
    out = []
    for _, row in landmarks.iterrows():
        stated_ids = row["zone_ids_stated"] if isinstance(row["zone_ids_stated"], list) else []
        stated, inside = zone_id in stated_ids, zone_id in inside_of.get(row["id"], [])
        if not (stated or inside):
            continue
        out.append(Carrier(
            id=row["id"], name_zh=row["name_zh"], name_en=row["name_en"], kind_zh=row["kind"],
            kind_en=LANDMARK_KINDS.get(row["kind"], row["kind"]), status=row["status"], stated=stated,
            inside=inside, stated_source=row["zone_stated_source"] if stated else None,
        ))
    return sorted(out, key=lambda c: (not c.stated, c.kind_zh, c.name_zh))
