"""Project filters (status, category, zone, source) and the counts shown beside each choice.

UI-free: a :class:`ProjectFilter` is plain data; pages build it from their
widgets and lay out what :func:`matching_ids` and :func:`value_counts` return.
An empty criterion passes every project.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from planning.plans import plan_ids_of

#: The filterable fields, in the order the filter panel shows them.
FIELDS = ("status", "category", "zone", "source", "plan")


@dataclass(frozen=True)
class ProjectFilter:
    """The chosen values of each field (empty: no restriction)."""

    status: frozenset[str] = frozenset()
    category: frozenset[str] = frozenset()
    zone: frozenset[str] = frozenset()
    source: frozenset[str] = frozenset()
    plan: frozenset[str] = frozenset()  # plan ids (planning.plans), once a second plan is loaded

    @property
    def active(self) -> bool:
        return any(getattr(self, f) for f in FIELDS)


def _values(projects: pd.DataFrame, field: str) -> pd.Series:
    """Each project's values of ``field``, as lists (a project can lie in several zones and cite several sources)."""
    if field == "zone":
        return projects["zone_ids"].apply(list)
    if field == "source":
        return projects["sources"].apply(lambda srcs: [s["ref"] for s in srcs])
    if field == "plan":
        ids = projects["plan_ids"] if "plan_ids" in projects.columns else pd.Series(None, index=projects.index)
        return ids.apply(lambda v: plan_ids_of({"plan_ids": v}))
    return projects[field].apply(lambda v: [v])


def _mask(projects: pd.DataFrame, filt: ProjectFilter, skip: str | None = None) -> pd.Series:
    mask = pd.Series(True, index=projects.index)
    for field in FIELDS:
        chosen = getattr(filt, field)
        if chosen and field != skip:
            mask &= _values(projects, field).apply(lambda vals, c=chosen: any(v in c for v in vals))
    return mask


def matching_ids(projects: pd.DataFrame, filt: ProjectFilter) -> set[str]:
    """Ids of the projects that pass every criterion of ``filt``."""
    if projects.empty:
        return set()
    return set(projects.loc[_mask(projects, filt), "id"])


def value_counts(projects: pd.DataFrame, field: str, filt: ProjectFilter | None = None) -> dict[str, int]:
    """How many projects have each value of ``field``, among those passing the *other* criteria of ``filt``
    (so a count says what choosing that value would show). Without ``filt``: over all projects."""
    if projects.empty:
        return {}
    rows = projects if filt is None else projects[_mask(projects, filt, skip=field)]
    counts: Counter[str] = Counter()
    for vals in _values(rows, field):
        counts.update(set(vals))
    return dict(counts)
