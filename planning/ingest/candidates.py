"""What the extractor proposes: a zone, project or target candidate, each tied to its sentence.

Nothing here is plan data yet: a planner reviews every candidate (accept,
edit, merge, reject) before it becomes a feature or a target. ``confidence``
orders the review: a project listed in a 专栏 box or a row of the indicator
table is more certain than a name found in running text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["zone", "project", "target"]
KINDS: tuple[Kind, ...] = ("zone", "project", "target")

#: How sure each way of finding a candidate is (documented in docs/ingest.md).
CONFIDENCE = {
    "indicator_table": 0.95,
    "box_item": 0.9,
    "layout_part": 0.9,
    "target_sentence": 0.8,
    "target_sentence_period": 0.65,
    "target_clause_no_year": 0.5,
    "text_project": 0.45,
}


@dataclass
class Match:
    """A proposal that a candidate is an existing feature or target (e.g. carried over from the 14th plan)."""

    layer: str
    feature_id: str
    name: str
    score: float
    evidence: str


@dataclass
class Candidate:
    """One extracted item; ``sentence`` occurs verbatim in the document (extraction line breaks aside)."""

    kind: Kind
    sentence: str
    section: str | None
    section_title: str | None
    line_start: int
    line_end: int
    confidence: float
    method: str
    name: str | None = None  # zones and projects
    category: str | None = None  # projects: the box heading (医养健康, 道路工程 …)
    metric: str | None = None  # targets
    value: float | None = None
    value_text: str | None = None
    unit: str | None = None
    year: int | None = None
    comparison: str | None = None  # at_least, at_most, none
    cumulative: bool = False
    baseline_value: float | None = None
    baseline_text: str | None = None
    baseline_year: int | None = None
    growth_pct: float | None = None
    attribute: str | None = None  # 预期性 / 约束性
    scope: str | None = None  # the zone, industry or district a target talks about
    previous_plan: bool = False  # a row of the review of the previous plan (e.g. 专栏1 完成情况)
    details: dict[str, Any] = field(default_factory=dict)  # zones: role, industries, carriers
    matches: list[Match] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Stable across runs on the same document: kind, line and the name or metric."""
        key = f"{self.kind}|{self.line_start}|{self.name or self.metric}|{self.value}|{self.year}"
        return f"{self.kind}-{hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:10]}"

    @property
    def label(self) -> str:
        return self.name or self.metric or ""

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["id"] = self.id
        return out
