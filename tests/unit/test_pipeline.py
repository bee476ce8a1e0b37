"""Project pipeline tables: counts by status per zone and category, stale statuses."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from planning.pipeline import batch_lists, stale_projects, status_table


def _projects():
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "name_zh": ["甲", "乙", "丙", "丁"],
        "name_en": ["A", "B", "C", "D"],
        "category": ["道路", "道路", "水利", "道路"],
        "status": ["开工", "未知", "竣工", "开工"],
        "status_date": ["2020", None, "2026-10-01", "2026-01-15"],
        "zone_ids": [["core"], ["core", "axis"], [], ["axis"]],
    })


def test_status_table_by_category_and_zone():
    by_cat = status_table(_projects(), "category")
    assert by_cat.loc["道路", "开工"] == 2 and by_cat.loc["道路", "未知"] == 1 and by_cat.loc["道路", "total"] == 3
    assert list(by_cat.columns) == ["储备", "开工", "在建", "竣工", "未知", "total"]
    by_zone = status_table(_projects(), "zone")
    assert by_zone.loc["core", "total"] == 2 and by_zone.loc["axis", "total"] == 2 and by_zone.loc["-", "竣工"] == 1


def test_stale_projects_uses_status_date_and_audited_edits():
    today = dt.date(2026, 11, 27)
    stale = stale_projects(_projects(), today=today, days=180)
    assert stale["id"].tolist() == ["b", "d", "a"]  # never updated first, then oldest last
    assert stale.loc[stale["id"] == "a", "days_since"].item() == (today - dt.date(2020, 12, 31)).days
    fresher = stale_projects(_projects(), today=today, days=180, last_updates={"a": dt.date(2026, 11, 1), "b": dt.date(2026, 11, 2)})
    assert fresher["id"].tolist() == ["d"]


def test_batches():
    assert batch_lists(_projects())["开工"] == ["a", "d"]
