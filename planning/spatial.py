"""Who does the spatial work: GeoPandas on the loaded plan, or PostGIS when the plan lives in a database.

:func:`spatial_for` picks the engine for a store: a :class:`~planning.postgis.PostgisStore`
gets :class:`PostgisSpatial` (SQL over the GiST-indexed ``geom_m`` column in
EPSG:4548, :mod:`planning.postgis_spatial`), anything else :class:`PlanSpatial`
(:mod:`planning.transit` and :mod:`planning.analysis` on the plan in memory).
Both answer the same questions with equal results (``tests/store/test_spatial_contract.py``):

- ``zone_assignment()``: the sorted zone ids of every project (overrides honoured);
- ``catchments(radii)``: per station and radius, the projects and the zones' areas inside;
- ``zone_statistics(zone_id)``: area, projects by status and category, density, share within 800 m.

:class:`planning.summary.Summaries` asks its engine for the zone statistics, so
with a database the zone panel, card and CLI summary are computed in SQL.
Red-line overlaps (rivers buffered, imported red-line overlays) stay in memory
for now.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

import pandas as pd

from planning import postgis_spatial, transit
from planning.plan import Plan
from planning.postgis import PostgisStore


class SpatialQueries(Protocol):
    def zone_assignment(self) -> dict[str, list[str]]: ...

    def catchments(self, radii: tuple[int, ...] = transit.RADII_M) -> pd.DataFrame: ...

    def zone_statistics(self, zone_id: str) -> dict[str, Any]: ...


class PlanSpatial:
    """The in-memory engine: GeoPandas over the loaded plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def zone_assignment(self) -> dict[str, list[str]]:
        projects = self.plan.projects
        return {} if projects.empty else {str(i): list(z) for i, z in zip(projects["id"], projects["zone_ids"], strict=True)}

    def catchments(self, radii: tuple[int, ...] = transit.RADII_M) -> pd.DataFrame:
        return transit.catchments(self.plan, radii)

    def zone_statistics(self, zone_id: str) -> dict[str, Any]:
        return transit.zone_statistics(self.plan, zone_id)


class PostgisSpatial:
    """The database engine: SQL on the plan's tables (the zone assignment is computed once per object)."""

    def __init__(self, store: PostgisStore) -> None:
        self.store = store
        self._assignment: dict[str, list[str]] | None = None
        self._lock = threading.Lock()

    def zone_assignment(self) -> dict[str, list[str]]:
        with self._lock:
            if self._assignment is None:
                self._assignment = postgis_spatial.zone_assignment(self.store)
            return self._assignment

    def catchments(self, radii: tuple[int, ...] = transit.RADII_M) -> pd.DataFrame:
        return postgis_spatial.catchments(self.store, radii)

    def zone_statistics(self, zone_id: str) -> dict[str, Any]:
        return postgis_spatial.zone_statistics(self.store, zone_id, assignment=self.zone_assignment())


def spatial_for(store: Any, plan: Plan) -> SpatialQueries:
    """PostGIS for a database store, else GeoPandas on ``plan`` (make one per data version)."""
    return PostgisSpatial(store) if isinstance(store, PostgisStore) else PlanSpatial(plan)
