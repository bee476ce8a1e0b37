"""The spatial engines agree: PostGIS (SQL over geom_m in EPSG:4548) and GeoPandas give equal results.

The shipped plan is loaded into a fresh schema; every question of
:class:`planning.spatial.SpatialQueries` is asked of both engines and the
answers compared (ids exactly, areas to 1e-6 relative). The summaries built
on either engine are equal too, so the panel shows the same numbers with and
without a database.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from planning.dbpool import DbLimits
from planning.plan import Plan, load_plan
from planning.postgis import PostgisStore, load_folder
from planning.spatial import PlanSpatial, PostgisSpatial, spatial_for
from planning.storage import FileStore
from planning.summary import Summaries
from tests.helpers import GEODATA
from tests.store.conftest import new_schema


@pytest.fixture(scope="module")
def engines(pg_server) -> Iterator[tuple[Plan, PlanSpatial, PostgisSpatial]]:
    store = PostgisStore(pg_server.url(), schema=new_schema())
    load_folder(store, GEODATA)
    plan = load_plan(store)
    yield plan, spatial_for(FileStore(GEODATA), plan), spatial_for(store, plan)
    store.close()


def test_the_store_picks_the_engine(engines):
    _, memory, database = engines
    assert isinstance(memory, PlanSpatial) and isinstance(database, PostgisSpatial)


def test_zone_membership_is_equal(engines):
    plan, memory, database = engines
    assert database.zone_assignment() == memory.zone_assignment()
    assert len(memory.zone_assignment()) == len(plan.projects) > 100


def test_zone_statistics_are_equal_for_every_zone(engines):
    plan, memory, database = engines
    for zone_id in plan.zones["id"]:
        mine, theirs = database.zone_statistics(zone_id), memory.zone_statistics(zone_id)
        assert list(mine) == list(theirs), zone_id
        for key, value in theirs.items():
            if isinstance(value, float):
                assert mine[key] == pytest.approx(value, rel=1e-6, abs=1e-9), (zone_id, key)
            else:
                assert mine[key] == value, (zone_id, key)
    with pytest.raises(KeyError, match="no zone 'nowhere'"):
        database.zone_statistics("nowhere")


def test_catchments_are_equal(engines):
    _, memory, database = engines
    mine, theirs = database.catchments((500, 800)), memory.catchments((500, 800))
    assert list(mine["station_id"]) == list(theirs["station_id"]) and list(mine["project_ids"]) == list(theirs["project_ids"])
    assert (mine["area_ha"] - theirs["area_ha"]).abs().max() < 1e-6


def test_summaries_on_either_engine_are_equal(engines):
    plan, memory, database = engines
    on_memory, on_database = Summaries(plan, spatial=memory), Summaries(plan, spatial=database)
    for zone_id in plan.zones["id"]:
        a, b = on_memory.zone(zone_id), on_database.zone(zone_id)
        assert (a.pipeline, a.targets, a.project_ids, a.target_status) == (b.pipeline, b.targets, b.project_ids, b.target_status)
        assert b.area_ha == pytest.approx(a.area_ha, rel=1e-6)
        assert b.transit_share_800m == pytest.approx(a.transit_share_800m, rel=1e-6, abs=1e-9)


def test_a_zone_summary_is_still_computed_when_the_database_is_unavailable(engines):
    """During an outage the in-memory plan answers (the same numbers, see above) instead of an error."""
    plan, memory, database = engines
    broken = PostgisSpatial(PostgisStore("postgresql://huaiyin:pw@127.0.0.1:1/huaiyin",
                                         limits=DbLimits(pool_timeout=1.0, connect_timeout=2)))
    zone_id = plan.zones["id"].iloc[0]
    summary = Summaries(plan, spatial=broken).zone(zone_id)
    assert summary.area_ha == pytest.approx(Summaries(plan, spatial=memory).zone(zone_id).area_ha)
