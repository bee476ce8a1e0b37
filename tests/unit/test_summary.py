"""ZoneSummary / ProjectSummary: one summary per feature, equal to the domain calls it replaces."""

from __future__ import annotations

import pytest

from planning.model import STATUSES
from planning.redline import project_analysis
from planning.summary import Summaries, pipeline_line
from planning.targets import evaluate_all, status_counts
from planning.transit import zone_statistics


@pytest.fixture(scope="module")
def summaries(shipped_plan) -> Summaries:
    return Summaries(shipped_plan)


def test_a_zone_summary_holds_targets_pipeline_area_transit_and_red_line(shipped_plan, summaries):
    progress = evaluate_all(shipped_plan.targets)
    for zone_id in shipped_plan.zones["id"]:
        z = summaries.zone(zone_id)
        stats = zone_statistics(shipped_plan, zone_id)
        targets = shipped_plan.targets_for(zone_id)
        assert z.targets == tuple(t.id for t in targets)
        assert dict(z.target_status) == dict(status_counts({t.id: progress[t.id] for t in targets}))
        assert dict(z.pipeline) == stats["by_status"] and list(z.pipeline) == list(STATUSES)
        assert z.projects == len(shipped_plan.projects_in_zone(zone_id)) == sum(z.pipeline.values())
        assert z.area_ha == pytest.approx(stats["area_ha"]) and z.area_mu == pytest.approx(z.area_ha * 15)
        assert z.transit_share_800m == pytest.approx(stats["transit_share_800m"])
        assert all(r.feature_id != zone_id and r.overlap_ha > 0 for r in z.redline)
        assert z.comments is None


def test_a_project_summary_holds_status_zones_station_and_red_line(shipped_plan, summaries):
    for project_id in list(shipped_plan.projects["id"])[:25]:
        p = summaries.project(project_id)
        info = project_analysis(shipped_plan, project_id)
        project = shipped_plan.feature("projects", project_id)
        assert (p.status, p.category, p.zone_ids) == (project["status"], project["category"], tuple(project["zone_ids"]))
        assert p.redline_ha == pytest.approx(info["redline_ha"])
        station = info["nearest_station"]
        assert (p.nearest_station is None) == (station is None)
        if station:
            assert (p.nearest_station.id, p.nearest_station.distance_m) == (station["id"], pytest.approx(station["distance_m"]))
        assert {r: list(ids) for r, ids in p.catchments.items()} == info["catchments"]
        expected = list(dict.fromkeys(t.id for z in p.zone_ids for t in shipped_plan.targets_for(z)))
        assert list(p.targets) == expected
        if project.geometry.geom_type in ("Point", "LineString", "MultiLineString", "MultiPoint"):
            assert p.area_ha is None  # unknown stays unknown: a point has no area


def test_summaries_are_computed_once_and_unknown_ids_are_named(shipped_plan, summaries):
    zone_id = shipped_plan.zones["id"].iloc[0]
    assert summaries.zone(zone_id) is summaries.zone(zone_id)
    with pytest.raises(KeyError, match="no zone 'nowhere'"):
        summaries.zone("nowhere")
    with pytest.raises(KeyError, match="no project 'nothing'"):
        summaries.project("nothing")


def test_comment_counts_are_added_per_zone_without_changing_the_cached_summary(shipped_plan, summaries):
    zone_id = shipped_plan.zones["id"].iloc[0]
    counts = {(zone_id, "approved"): 2, (zone_id, "pending"): 1, ("elsewhere", "approved"): 9, (None, "approved"): 4}
    with_comments = summaries.zone(zone_id).with_comments(counts)
    assert with_comments.comments == {"approved": 2, "pending": 1, "rejected": 0}
    assert summaries.zone(zone_id).comments is None
    assert pipeline_line(with_comments).startswith(f"{next(iter(STATUSES))} ")
