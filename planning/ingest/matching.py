"""Which candidates are things the map already has: "the same object as prj-…", with the evidence.

A new plan carries many of the previous plan's projects and targets forward.
Each project or zone candidate is compared with every named feature (its
Chinese name, English name, box item name and aliases) and each target
candidate with every target (metric and unit); pinyin lets a Latin spelling
match too. Proposals at or above :data:`PROPOSE` are attached to the
candidate, best first; the planner confirms or rejects them in review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from planning.ingest.candidates import Candidate, Match
from planning.ingest.names import normalise, pinyin, similarity
from planning.ingest.values import same_unit

PROPOSE = 0.7
MAX_MATCHES = 3
_NAME_FIELDS = ("name_zh", "box_item_zh", "name_en", "aliases")


@dataclass(frozen=True)
class Named:
    """A feature or target as the matcher sees it."""

    layer: str
    feature_id: str
    name: str
    names: tuple[str, ...]
    unit: str | None = None


def named_features(layers: dict, targets: Iterable = ()) -> list[Named]:
    """Every named feature of the plan's layers and every target, for :func:`match`."""
    out: list[Named] = []
    for layer, frame in layers.items():
        if "id" not in getattr(frame, "columns", ()):
            continue
        fields = [f for f in _NAME_FIELDS if f in frame.columns]
        if not fields:
            continue
        for row in frame[["id", *fields]].itertuples(index=False):
            values = dict(zip(["id", *fields], row))
            names = [v for f in fields for v in _strings(values.get(f))]
            if names:
                out.append(Named(layer, str(values["id"]), names[0], tuple(dict.fromkeys(names))))
    for target in targets:
        out.append(Named("targets", target.id, target.metric_zh, (target.metric_zh, target.metric_en), target.unit))
    return out


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _score(candidate_name: str, known: Named) -> tuple[float, str]:
    best, evidence = 0.0, ""
    for name in known.names:
        score = similarity(candidate_name, name)
        if score > best:
            best = score
            evidence = "same name" if score == 1.0 else ("one name contains the other" if score == 0.85 else
                                                          f"similar name ({score:.2f})")
    if best < PROPOSE and any(ord(ch) > 0x3000 for ch in candidate_name):
        latin = pinyin(candidate_name)
        for name in known.names:
            if name.isascii() and re.sub(r"\s+", "", normalise(name)) == latin:
                return 0.9, "same pinyin"
    return best, evidence


def match(candidates: list[Candidate], known: list[Named]) -> None:
    """Attach "same object as …" proposals to each candidate (in place), best first."""
    features = [k for k in known if k.layer != "targets"]
    targets = [k for k in known if k.layer == "targets"]
    by_bigram: dict[str, list[Named]] = {}
    for k in features:
        for key in {normalise(n)[i : i + 2] for n in k.names for i in range(max(1, len(normalise(n)) - 1))}:
            by_bigram.setdefault(key, []).append(k)
    for candidate in candidates:
        if candidate.kind == "target":
            pool, name = targets, candidate.metric or ""
        else:
            pool, name = _pool(candidate.name or "", by_bigram), candidate.name or ""
        scored = []
        for k in pool:
            if candidate.kind == "target" and not same_unit(candidate.unit, k.unit):
                continue
            score, evidence = _score(name, k)
            if score >= PROPOSE:
                scored.append(Match(k.layer, k.feature_id, k.name, round(score, 2), evidence))
        scored.sort(key=lambda m: -m.score)
        candidate.matches = scored[:MAX_MATCHES]


def _pool(name: str, by_bigram: dict[str, list[Named]]) -> list[Named]:
    key = normalise(name)
    seen: dict[tuple[str, str], Named] = {}
    for i in range(max(1, len(key) - 1)):
        for k in by_bigram.get(key[i : i + 2], ()):
            seen[(k.layer, k.feature_id)] = k
    return list(seen.values())
