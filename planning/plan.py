"""The plan as one object: every layer and target, loaded and validated from a store.

:func:`load_plan` is the one call the app, the command line and the tests
use. It never raises for bad data: every problem is collected in
``Plan.problems`` and the valid part of every layer is still loaded, so one
broken file never hides the others.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from planning.analysis import WGS84, assign_zones, m2_to_ha, m2_to_mu, to_projected
from planning.errors import DataSourceError
from planning.model import Observation, Problem, Target
from planning.state_files import decode_text
from planning.schema import LAYER_SCHEMAS, check_feature_collection, check_targets, check_zone_references, parse_json
from planning.storage import PlanStore, as_store

TARGETS_FILE = "targets.json"
#: Layers a complete plan must have; a missing one is reported as a problem.
REQUIRED_LAYERS = ("boundary", "zones", "projects")


@dataclass
class Plan:
    """Every layer (GeoDataFrames in EPSG:4326) and target of the plan."""

    store_name: str
    layers: dict[str, gpd.GeoDataFrame]
    targets: list[Target]
    problems: list[Problem]
    versions: dict[str, str | None] = field(default_factory=dict)
    feature_counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def layer(self, layer_id: str) -> gpd.GeoDataFrame:
        """The layer's GeoDataFrame; an empty one when the layer is missing or broken."""
        if layer_id in self.layers:
            return self.layers[layer_id]
        return gpd.GeoDataFrame({"id": pd.Series(dtype=str)}, geometry=gpd.GeoSeries([], crs=WGS84))

    @property
    def zones(self) -> gpd.GeoDataFrame:
        return self.layer("zones")

    @property
    def projects(self) -> gpd.GeoDataFrame:
        return self.layer("projects")

    def feature(self, layer_id: str, feature_id: str) -> pd.Series | None:
        """One feature's row by id, or ``None``."""
        gdf = self.layer(layer_id)
        if gdf.empty:
            return None
        rows = gdf[gdf["id"] == feature_id]
        return None if rows.empty else rows.iloc[0]

    def targets_for(self, scope: str) -> list[Target]:
        """Targets whose scope is this zone, industry or ``"huaiyin"``."""
        return [t for t in self.targets if t.scope == scope]

    def projects_in_zone(self, zone_id: str) -> gpd.GeoDataFrame:
        projects = self.projects
        if projects.empty:
            return projects
        return projects[projects["zone_ids"].apply(lambda ids: zone_id in ids)]

    def status_counts(self) -> Counter[str]:
        projects = self.projects
        return Counter(projects["status"]) if not projects.empty else Counter()


def _features_to_gdf(features: list[dict[str, Any]], geometries: list[Any]) -> gpd.GeoDataFrame:
    rows = [dict(f["properties"]) for f in features]
    gdf = gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geometries, crs=WGS84))
    if "id" not in gdf.columns:
        gdf["id"] = pd.Series(dtype=str)
    return gdf


def _target_from_dict(raw: dict[str, Any]) -> Target:
    baseline = raw.get("baseline") or {}
    target = raw.get("target") or {}
    return Target(
        id=raw["id"],
        plan=raw["plan"],
        scope_kind=raw["scope_kind"],
        scope=raw["scope"],
        metric_zh=raw["metric_zh"],
        metric_en=raw["metric_en"],
        unit=raw.get("unit"),
        baseline_year=baseline.get("year"),
        baseline_value=baseline.get("value"),
        baseline_text=baseline.get("text"),
        target_year=target.get("year"),
        target_value=target.get("value"),
        target_text=target.get("text"),
        annual_growth_pct=raw.get("annual_growth_pct"),
        comparison=raw["comparison"],
        attribute=raw.get("attribute"),
        cumulative=raw["cumulative"],
        source_section=raw["source"]["section"],
        source_label=raw["source"]["label"],
        observations=tuple(
            Observation(int(o["year"]), float(o["value"]), str(o["source"])) for o in raw["observations"]
        ),
        conflict_note_zh=raw.get("conflict_note"),
        conflict_note_en=raw.get("conflict_note_en"),
        carried_from=raw.get("carried_from"),
    )


def _read_json_document(store: PlanStore, name: str, plan: Plan, expected: str) -> Any:
    """The parsed document, or ``None`` with the problem recorded (missing, unreadable, not JSON)."""
    try:
        raw = store.read_bytes(name)
    except DataSourceError as exc:
        plan.problems.append(Problem(name, None, None, None, str(exc).removeprefix(f"{name}: "), expected))
        return None
    plan.versions[name] = store.version(name)
    doc, problems = parse_json(raw, name)
    plan.problems.extend(problems)
    return doc


def _load_layer(store: PlanStore, layer_id: str, plan: Plan) -> None:
    name = f"{layer_id}.geojson"
    doc = _read_json_document(store, name, plan, "a readable GeoJSON file")
    if doc is None:
        return
    checked = check_feature_collection(doc, name, LAYER_SCHEMAS[layer_id])
    plan.problems.extend(checked.problems)
    if isinstance(doc, dict) and isinstance(doc.get("features"), list):
        plan.feature_counts[layer_id] = len(doc["features"])
    plan.layers[layer_id] = _features_to_gdf(checked.features, checked.geometries)


def _load_targets(store: PlanStore, plan: Plan, zone_ids: set[str] | None) -> None:
    doc = _read_json_document(store, TARGETS_FILE, plan, "a readable targets file")
    if doc is None:
        return
    valid, problems = check_targets(doc, TARGETS_FILE, zone_ids)
    plan.problems.extend(problems)
    plan.feature_counts["targets"] = len(doc.get("targets", [])) if isinstance(doc, dict) else 0
    plan.targets = [_target_from_dict(t) for t in valid]


def _derive(plan: Plan) -> None:
    """Computed columns: zone areas, and project zone membership by spatial join."""
    zones = plan.layers.get("zones")
    zones_m = None  # the zones in EPSG:4548, reprojected once for areas and the spatial join
    if zones is not None and not zones.empty:
        zones_m = to_projected(zones[["id", "geometry"]])
        m2 = zones_m.area
        zones["area_ha"] = m2.map(m2_to_ha)
        zones["area_mu"] = m2.map(m2_to_mu)
    projects = plan.layers.get("projects")
    if projects is not None:
        zones_or_empty = zones if zones is not None else plan.layer("zones")
        zone_ids = set(zones_or_empty["id"]) if not zones_or_empty.empty else set()
        if zones is not None:
            columns = [c for c in ("id", "zone_override") if c in projects.columns]  # what the check reads
            features = [{"properties": row} for row in pd.DataFrame(projects[columns]).to_dict("records")]
            plan.problems.extend(check_zone_references(features, zone_ids))
            if "zone_override" in projects.columns:
                projects["zone_override"] = projects["zone_override"].apply(
                    lambda z: [i for i in z if i in zone_ids] if isinstance(z, list) else None
                )
        projects["zone_ids"] = assign_zones(projects, zones_or_empty, zones_projected=zones_m)


def load_plan(source: str | Path | PlanStore) -> Plan:
    """Load and validate every layer and the targets from a folder or a store.

    Parameters
    ----------
    source
        A folder of ``*.geojson`` layers and ``targets.json``, or any
        :class:`~planning.storage.PlanStore`.

    Returns
    -------
    Plan
        Valid features of every layer, valid targets, and every problem found
        (``Plan.problems``); it never raises for bad data.
    """
    store = as_store(source)
    plan = Plan(store_name=store.name, layers={}, targets=[], problems=[])
    present = {name.removesuffix(".geojson") for name in store.list_documents(".geojson")}
    for layer_id in LAYER_SCHEMAS:
        if layer_id in present or layer_id in REQUIRED_LAYERS:
            _load_layer(store, layer_id, plan)
    for unknown in sorted(present - set(LAYER_SCHEMAS)):
        plan.problems.append(
            Problem(
                f"{unknown}.geojson",
                None,
                None,
                None,
                unknown,
                f"a known layer ({', '.join(LAYER_SCHEMAS)}); register new layers in planning/schema.py",
                severity="warning",
            )
        )
    zones = plan.layers.get("zones")
    _load_targets(store, plan, set(zones["id"]) if zones is not None else None)
    _derive(plan)
    return plan


OUTLINE_FILE = "plan_outline.txt"


def read_document_text(store: PlanStore, name: str) -> str | None:
    """A UTF-8 text document of the store (e.g. the outline), or ``None`` when it is missing.

    Raises
    ------
    CorruptStateError
        When the document is not UTF-8 text (or too large): the message says what to do.
    """
    try:
        raw = store.read_bytes(name)
    except DataSourceError:
        return None
    return decode_text(raw, name, area="outline" if name == OUTLINE_FILE else "plan")
