"""How well the extractor recovers a hand-curated plan: recall and precision per candidate kind.

A curated target is recovered when a candidate has the same target year,
value, unit (位 and 名 count as 人), comparison, and a similar metric
(:func:`planning.ingest.names.similarity` ≥ 0.5: curators shorten and reword
metrics). A curated 专栏 project is recovered when a candidate from the same
box has a similar name (≥ 0.7). Used by the tests and by ``docs/ingest.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planning.ingest.candidates import Candidate
from planning.ingest.names import similarity
from planning.ingest.values import same_unit

METRIC_THRESHOLD = 0.5
NAME_THRESHOLD = 0.7


@dataclass
class Score:
    kind: str
    expected: int
    candidates: int
    recovered: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unmatched_candidates: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.recovered) / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        matched = self.candidates - len(self.unmatched_candidates)
        return matched / self.candidates if self.candidates else 1.0


def target_matches(candidate: Candidate, target) -> bool:
    return (
        candidate.year == target.target_year
        and _same_value(candidate.value, target.target_value)
        and same_unit(candidate.unit, target.unit)
        and candidate.comparison == target.comparison
        and max(similarity(candidate.metric or "", target.metric_zh),
                similarity(_scoped(candidate), target.metric_zh)) >= METRIC_THRESHOLD
    )


def _scoped(candidate: Candidate) -> str:
    """"园区入驻企业" about 山东数字金融产业园 -> "山东数字金融产业园入驻企业"."""
    if not candidate.scope or not candidate.metric:
        return candidate.metric or ""
    return candidate.scope + candidate.metric.removeprefix("园区").removeprefix("片区")


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def score_targets(candidates: list[Candidate], targets: list) -> Score:
    found = [c for c in candidates if c.kind == "target"]
    score = Score("target", len(targets), len(found))
    used: set[int] = set()
    for target in targets:
        hit = next((i for i, c in enumerate(found) if i not in used and target_matches(c, target)), None)
        if hit is None:
            score.missed.append(f"{target.id} {target.metric_zh}")
        else:
            used.add(hit)
            score.recovered.append(target.id)
    score.unmatched_candidates = [f"line {c.line_start} {c.metric}" for i, c in enumerate(found) if i not in used]
    return score


def score_box_projects(candidates: list[Candidate], items: list[tuple[str, str, str]]) -> Score:
    """``items``: (feature id, box section e.g. box6, the item's name as the box lists it)."""
    found = [c for c in candidates if c.kind == "project" and c.method == "box_item"]
    score = Score("project", len(items), len(found))
    used: set[int] = set()
    for feature_id, box, name in items:
        best = max(((similarity(c.name or "", name), i) for i, c in enumerate(found) if c.section == box),
                   default=(0.0, -1))
        if best[0] >= NAME_THRESHOLD:
            used.add(best[1])
            score.recovered.append(feature_id)
        else:
            score.missed.append(f"{feature_id} {name}")
    score.unmatched_candidates = [f"line {c.line_start} {c.name}" for i, c in enumerate(found) if i not in used]
    return score
