"""One summary per zone and per project, computed once per data version and shown by every surface.

A :class:`ZoneSummary` holds what a surface says about a zone: its identity and
role, area in ha and 亩 (EPSG:4548), the targets that apply and how many are on
track, the project pipeline (projects by lifecycle status, every status listed),
transit (share of the zone within 800 m of a station, project density), the
red-line overlaps (protected ecology layers inside the zone) and, when the
caller passes them, the public comment counts. A :class:`ProjectSummary` does
the same for a project: status with its date and source, zones, area,
nearest station and catchments, red-line conflicts, and the targets of its
zones.

:class:`Summaries` computes them lazily and keeps each one, so a surface asks
``summaries.zone(zone_id)`` instead of composing ``targets_for``,
``projects_in_zone``, ``evaluate_all``, ``zone_statistics`` and
``project_analysis`` itself. Make one :class:`Summaries` per plan version
(the app keeps it in a resource cache keyed on the data signature; the CLI
makes one per run). Comment counts change without a new plan version, so they
are not part of the cached summary: :meth:`ZoneSummary.with_comments` adds them
(a cheap copy).

Who renders them: the planner panel (``app_pages/panels.py``) and the CLI
(``python -m planning summary``). The kiosk card, the list view, the fact sheet
and the tour can take the same objects: ``summary.pipeline`` (status → count),
``summary.target_status`` (on-track status → count), ``summary.targets``
(target ids), ``summary.area_ha`` / ``area_mu``, ``summary.comments``.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import geopandas as gpd

from planning.analysis import PROJECTED, WGS84, m2_to_ha, m2_to_mu
from planning.carriers import zone_carriers
from planning.errors import DataSourceError
from planning.model import CATEGORIES, STATUSES
from planning.plan import Plan
from planning.redline import ecology_layers, project_analysis, shape_overlaps
from planning.targets import Progress, evaluate_all, status_counts
from planning.spatial import PlanSpatial, SpatialQueries


@dataclass(frozen=True)
class RedlineOverlap:
    """One overlap of a feature with a protected (ecology) feature, in ha and 亩."""

    layer_zh: str
    layer_en: str
    feature_id: str
    feature_name_zh: str
    feature_name_en: str
    overlap_ha: float
    overlap_mu: float


@dataclass(frozen=True)
class Station:
    """The nearest station of a project and its straight-line distance (EPSG:4548)."""

    id: str
    name_zh: str
    name_en: str
    kind: str
    distance_m: float


class _RedlineTotals:
    """Total red-line overlap of a summary (``redline``: its overlaps)."""

    redline: tuple[RedlineOverlap, ...]

    @property
    def redline_ha(self) -> float:
        return sum(r.overlap_ha for r in self.redline)

    @property
    def redline_mu(self) -> float:
        return sum(r.overlap_mu for r in self.redline)


@dataclass(frozen=True)
class ZoneSummary(_RedlineTotals):
    """Everything the surfaces show about one zone (see the module docstring)."""

    zone_id: str
    name_zh: str
    name_en: str
    kind: str
    source: str
    source_section: str
    area_ha: float
    area_mu: float
    area_km2: float
    targets: tuple[str, ...]
    target_status: Mapping[str, int]
    project_ids: tuple[str, ...]
    pipeline: Mapping[str, int]
    by_category: Mapping[str, int]
    density_per_km2: float
    transit_share_800m: float
    redline: tuple[RedlineOverlap, ...]
    comments: Mapping[str, int] | None = None
    #: The landmarks (existing places) the plan names for the zone or the drawing puts in it (planning.carriers).
    carrier_ids: tuple[str, ...] = ()

    @property
    def projects(self) -> int:
        return len(self.project_ids)

    def with_comments(self, counts: Mapping[tuple[str | None, str], int]) -> ZoneSummary:
        """A copy with this zone's comment counts by status (``approved``, ``pending``, ``rejected``)."""
        mine = {status: n for (zone, status), n in counts.items() if zone == self.zone_id}
        return replace(self, comments={s: mine.get(s, 0) for s in ("approved", "pending", "rejected")})


@dataclass(frozen=True)
class ProjectSummary(_RedlineTotals):
    """Everything the surfaces show about one project (see the module docstring)."""

    project_id: str
    name_zh: str
    name_en: str
    category: str
    status: str
    status_date: str | None
    status_source: str | None
    zone_ids: tuple[str, ...]
    targets: tuple[str, ...]
    area_ha: float | None
    area_mu: float | None
    nearest_station: Station | None
    catchments: Mapping[int, tuple[str, ...]]
    far_from_transit: bool
    redline: tuple[RedlineOverlap, ...]



def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _overlaps(rows: Iterable[Mapping[str, Any]]) -> tuple[RedlineOverlap, ...]:
    return tuple(RedlineOverlap(
        layer_zh=str(r["layer_zh"]), layer_en=str(r["layer_en"]), feature_id=str(r.get("feature_id", "")),
        feature_name_zh=str(r["feature_name_zh"]), feature_name_en=str(r["feature_name_en"]),
        overlap_ha=float(r["overlap_ha"]), overlap_mu=float(r["overlap_mu"]),
    ) for r in rows)


@dataclass
class Summaries:
    """Lazy, memoised summaries of one plan version (thread-safe; share it between sessions).

    ``overlays`` are the active imported overlays that count as red lines (as
    in :func:`planning.redline.project_analysis`); ``spatial`` is the engine of
    the zone statistics (:func:`planning.spatial.spatial_for`: SQL in PostGIS
    when the plan lives in a database; default: GeoPandas on ``plan``).
    """

    plan: Plan
    overlays: tuple[Any, ...] = ()
    spatial: SpatialQueries | None = None
    _zones: dict[str, ZoneSummary] = field(default_factory=dict, repr=False)
    _projects: dict[str, ProjectSummary] = field(default_factory=dict, repr=False)
    _progress: dict[str, Progress] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def progress(self) -> dict[str, Progress]:
        """Every target's on-track evaluation (computed once)."""
        with self._lock:
            if self._progress is None:
                self._progress = evaluate_all(self.plan.targets)
            return self._progress

    def _memo(self, cache: dict[str, Any], key: str, compute: Any) -> Any:
        with self._lock:
            cached = cache.get(key)
        if cached is not None:
            return cached
        computed = compute(key)  # outside the lock: two sessions may compute it once each, one result is kept
        with self._lock:
            return cache.setdefault(key, computed)

    def zone(self, zone_id: str) -> ZoneSummary:
        """The zone's summary; ``KeyError`` naming the zones when there is no such zone."""
        return self._memo(self._zones, zone_id, self._zone)

    def project(self, project_id: str) -> ProjectSummary:
        """The project's summary; ``KeyError`` when there is no such project."""
        return self._memo(self._projects, project_id, self._project)

    def zones(self) -> list[ZoneSummary]:
        """Every zone's summary, in the plan's order."""
        return [self.zone(str(z)) for z in (self.plan.zones["id"] if not self.plan.zones.empty else [])]

    def _zone(self, zone_id: str) -> ZoneSummary:
        memory = PlanSpatial(self.plan)
        try:
            stats = (self.spatial or memory).zone_statistics(zone_id)  # KeyError for an unknown zone
        except DataSourceError:  # the database is unavailable: the loaded plan gives the same answer
            stats = memory.zone_statistics(zone_id)
        zone = self.plan.feature("zones", zone_id)
        targets = self.plan.targets_for(zone_id)
        progress = self.progress
        on_track = status_counts({t.id: progress[t.id] for t in targets})
        projects = self.plan.projects_in_zone(zone_id)
        layers = ecology_layers(self.plan, self.overlays)
        return ZoneSummary(
            zone_id=zone_id, name_zh=str(zone["name_zh"]), name_en=str(zone["name_en"]), kind=str(zone["kind"]),
            source=str(zone["source"]), source_section=str(zone["source_section"]),
            area_ha=float(stats["area_ha"]), area_mu=float(stats["area_mu"]), area_km2=float(stats["area_km2"]),
            targets=tuple(t.id for t in targets), target_status=dict(on_track),
            project_ids=tuple(str(p) for p in projects["id"]) if not projects.empty else (),
            pipeline=dict(stats["by_status"]), by_category=dict(stats["by_category"]),
            density_per_km2=float(stats["density_per_km2"]), transit_share_800m=float(stats["transit_share_800m"]),
            redline=_overlaps(r for r in shape_overlaps(zone.geometry, layers).to_dict("records")
                              if r.get("feature_id") != zone_id),  # not the zone with itself (玉符河生态休闲带)
            carrier_ids=tuple(c.id for c in zone_carriers(self.plan, zone_id)),
        )

    def _project(self, project_id: str) -> ProjectSummary:
        info = project_analysis(self.plan, project_id, self.overlays)  # KeyError for an unknown project
        project = self.plan.feature("projects", project_id)
        zone_ids = tuple(str(z) for z in info["zone_ids"])
        station = info["nearest_station"]
        area = project_area(self.plan, project_id)
        return ProjectSummary(
            project_id=project_id, name_zh=str(project["name_zh"]), name_en=str(project["name_en"]),
            category=str(project["category"]), status=str(project["status"]),
            status_date=_text(project.get("status_date")), status_source=_text(project.get("status_source")),
            zone_ids=zone_ids,
            targets=tuple(dict.fromkeys(t.id for z in zone_ids for t in self.plan.targets_for(z))),
            area_ha=None if area is None else area[0], area_mu=None if area is None else area[1],
            nearest_station=None if station is None else Station(
                id=str(station["id"]), name_zh=str(station["name_zh"]), name_en=str(station["name_en"]),
                kind=str(station.get("kind", "")), distance_m=float(station["distance_m"])),
            catchments={int(r): tuple(ids) for r, ids in info["catchments"].items()},
            far_from_transit=bool(info["far_from_transit"]),
            redline=_overlaps(info["redline"]),
        )


def project_area(plan: Plan, project_id: str) -> tuple[float, float] | None:
    """``(ha, 亩)`` of a project drawn as an area (EPSG:4548); ``None`` for a point or a line."""
    project = plan.feature("projects", project_id)
    if project is None or project.geometry is None or project.geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    m2 = float(gpd.GeoSeries([project.geometry], crs=WGS84).to_crs(PROJECTED).area.iloc[0])
    return m2_to_ha(m2), m2_to_mu(m2)


def pipeline_line(summary: ZoneSummary, label: Mapping[str, str] | None = None) -> str:
    """``储备 2 · 开工 0 · 在建 3 · 竣工 1 · 未知 0`` (every status; ``label`` maps a status to its shown name)."""
    return " · ".join(f"{(label or {}).get(s, s)} {summary.pipeline.get(s, 0)}" for s in STATUSES)


def category_counts(summary: ZoneSummary) -> Counter:
    """The zone's projects per category (only categories present, in the model's order)."""
    return Counter({c: summary.by_category[c] for c in CATEGORIES if summary.by_category.get(c)})
