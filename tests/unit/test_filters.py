"""Project filters and their counts (planning/filters.py)."""

from __future__ import annotations

from planning.filters import ProjectFilter, matching_ids, value_counts


def test_empty_filter_passes_all_and_counts_are_totals(shipped_plan):
    projects = shipped_plan.projects
    assert matching_ids(projects, ProjectFilter()) == set(projects["id"])
    counts = value_counts(projects, "status")
    assert sum(counts.values()) == len(projects)
    assert counts["未知"] == int((projects["status"] == "未知").sum())


def test_a_count_says_what_choosing_the_value_would_show(shipped_plan):
    projects = shipped_plan.projects
    zone = "core-medical"
    filt = ProjectFilter(zone=frozenset({zone}))
    in_zone = matching_ids(projects, filt)
    status_counts = value_counts(projects, "status", filt)
    assert sum(status_counts.values()) == len(in_zone)
    for status, n in status_counts.items():
        assert len(matching_ids(projects, ProjectFilter(zone=frozenset({zone}), status=frozenset({status})))) == n
    # the zone's own count ignores the zone criterion (choosing another zone would show that many)
    assert value_counts(projects, "zone", filt)[zone] == len(in_zone)


def test_reserve_status_shows_no_project(shipped_plan):
    assert matching_ids(shipped_plan.projects, ProjectFilter(status=frozenset({"储备"}))) == set(
        shipped_plan.projects.loc[shipped_plan.projects["status"] == "储备", "id"])


def test_every_surface_counts_the_same_targets(shipped_plan):
    from pathlib import Path

    from planning.targets import TRACKED_PLAN, tracked_targets

    tracked = tracked_targets(shipped_plan.targets)
    assert tracked and all(x.plan == TRACKED_PLAN for x in tracked)
    assert len(tracked) < len(shipped_plan.targets)  # the 13th plan's results are history, not counted
    root = Path(__file__).resolve().parents[2] / "app_pages"
    for page in ("dashboard.py", "kiosk.py", "kiosk_list.py"):
        text = (root / page).read_text(encoding="utf-8")
        assert "tracked_targets(plan.targets)" in text and "len(plan.targets)" not in text, page
