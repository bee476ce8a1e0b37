"""The indicator path chart of the targets dashboard: the required path, the observations and the target
line, each named in the legend (the plan's numbers only; nothing is interpolated into an observation)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from app_pages.i18n import t
from planning.model import Target
from planning.targets import STATUS_COLORS, Progress, required_path


def path_frame(target: Target) -> pd.DataFrame:
    """One row per drawn value: year, value, series (required path / observed / target)."""
    start = target.baseline_year or target.target_year - 5
    rows = [{"year": y, "value": required_path(target, y), "series": t("required_path")}
            for y in range(start, target.target_year + 1)]
    rows = [r for r in rows if r["value"] is not None]
    rows += [{"year": o.year, "value": o.value, "series": t("observed")} for o in target.observations]
    return pd.DataFrame(rows, columns=["year", "value", "series"])


def path_chart(target: Target, progress: Progress) -> alt.LayerChart | None:
    """The chart, or None when the target has no number to draw."""
    frame = path_frame(target)
    if frame.empty:
        return None
    series = [t("required_path"), t("observed"), t("target_line")]
    colours = ["#4c78a8", STATUS_COLORS[progress.status], "#222222"]
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=series, range=colours),
                       legend=alt.Legend(orient="bottom"))
    x = alt.X("year:O", title=t("year"))
    y = alt.Y("value:Q", title=target.unit, scale=alt.Scale(zero=False), axis=alt.Axis(format="~g"))
    path = alt.Chart(frame[frame["series"] == t("required_path")]).mark_line(point=True, strokeDash=[6, 4]).encode(
        x=x, y=y, color=colour, tooltip=["year", "value"])
    observed = alt.Chart(frame[frame["series"] == t("observed")]).mark_circle(size=140).encode(
        x=x, y=y, color=colour, tooltip=["year", "value"])
    layers = [path, observed]
    if target.target_value is not None:
        line = pd.DataFrame({"value": [target.target_value], "series": [t("target_line")]})
        layers.append(alt.Chart(line).mark_rule(strokeWidth=2).encode(y="value:Q", color=colour,
                                                                      tooltip=[alt.Tooltip("value:Q", title=t("target"))]))
    return alt.layer(*layers)
