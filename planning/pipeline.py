"""The project library (第九章: 储备、开工、在建、竣工) as tables: counts by status, and stale statuses."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from planning.model import STATUSES, UNKNOWN_STATUS


def status_table(projects: pd.DataFrame, by: str) -> pd.DataFrame:
    """Counts of projects per ``by`` value (``category``, or ``zone`` for zone membership) and status.

    Columns are the statuses in lifecycle order plus ``total``; a project in
    several zones counts in each; projects in no zone count under ``"-"``.
    """
    if projects.empty:
        return pd.DataFrame(columns=[*STATUSES, "total"])
    if by == "zone":
        exploded = projects.assign(zone=projects["zone_ids"].apply(lambda ids: list(ids) or ["-"])).explode("zone")
        key = "zone"
    else:
        exploded, key = projects, by
    table = pd.crosstab(exploded[key], exploded["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.sort_values("total", ascending=False)


def _parse_date(text: object) -> dt.date | None:
    if not isinstance(text, str) or not text:
        return None
    parts = [int(p) for p in text.split("-")]
    year, month, day = (parts + [12, 31])[:3] if len(parts) == 1 else (parts + [28])[:3]
    return dt.date(year, month, day)


def stale_projects(
    projects: pd.DataFrame,
    *,
    today: dt.date,
    days: int,
    last_updates: dict[str, dt.date] | None = None,
) -> pd.DataFrame:
    """Projects whose status was not updated within ``days`` of ``today``.

    The last update is the latest of the recorded ``status_date`` and the last
    audited edit of the project (``last_updates``); a project with neither
    (status 未知 and never edited) is listed as never updated.
    Returns id, name_zh, status, last_update (date or None) and days_since (None when never).
    """
    rows = []
    last_updates = last_updates or {}
    for _, p in projects.iterrows():
        dates = [d for d in (_parse_date(p.get("status_date")), last_updates.get(p["id"])) if d is not None]
        last = max(dates) if dates else None
        since = (today - last).days if last else None
        if last is None or since > days:
            rows.append({"id": p["id"], "name_zh": p["name_zh"], "name_en": p["name_en"], "status": p["status"],
                         "last_update": last, "days_since": since})
    frame = pd.DataFrame(rows, columns=["id", "name_zh", "name_en", "status", "last_update", "days_since"])
    return frame.sort_values(["days_since", "id"], na_position="first").reset_index(drop=True)


def batch_lists(projects: pd.DataFrame) -> dict[str, list[str]]:
    """Project ids of each of the four batches, plus 未知."""
    out = {status: [] for status in STATUSES}
    for _, p in projects.iterrows():
        out.setdefault(p["status"], []).append(p["id"])
    out.setdefault(UNKNOWN_STATUS, [])
    return out
