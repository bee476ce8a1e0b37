"""Consistency rules across layers: the plan's statements, the drawing and the references agree.

Schema validation (:mod:`planning.schema`) checks each feature on its own. These rules check features against
each other and against the plan's text, and report every disagreement as a :class:`~planning.model.Problem`
naming the file, the feature, the field and the value:

1. **stated carrier outside its zone** — a feature whose ``zone_ids_stated`` names a zone lies more than
   :data:`ZONE_TOLERANCE_M` from that zone's polygon;
2. **same name, two places** — two layers hold a feature of the same name (after :func:`name_key`) more than
   :data:`SAME_NAME_M` apart and neither refers to the other (``refers_to``);
3. **off its road** — a feature the plan puts on a road (``on_road_ids``) is more than :data:`ON_ROAD_M` from
   that road's line;
4. **outside its footprint** — a feature that refers to an area (a park, a wetland) is not inside it;
5. **two statuses** — a feature and the feature it refers to carry different statuses;
6. **unsourced fact** — a year or figure in ``description_zh`` (or a year in ``description_en``) occurs neither
   in the text of the feature's sources in the outline, nor in its ``source_quote``, nor in its
   ``fact_sources`` (``[{"fact": "1904", "source": "…"}]``).

All distances are measured in EPSG:4548. Nothing here reads files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from planning.analysis import to_projected
from planning.model import Problem
from planning.outline import parse_outline, section_text

#: A stated carrier may lie this far outside its zone. The zones are clipped to the district outline, which is
#: 20–60 m off OpenStreetMap's (SOURCES.md), so an edge drawn on the outline is uncertain by that much.
ZONE_TOLERANCE_M = 60.0
#: Two features of the same name further apart than this are two drawings of one object (the issue's threshold:
#: more than a block apart in the city).
SAME_NAME_M = 300.0
#: A feature the plan puts on a road must lie within this distance of the road's line (a road with its
#: frontage plots; the hand-placed road lines themselves are good to about 100 m).
ON_ROAD_M = 200.0
#: A project inside the footprint it refers to may stick out by this much (rounding to 6 decimals, ~0.1 m).
FOOTPRINT_TOLERANCE_M = 1.0

#: Layers whose features are objects (not zones, not the boundary, not stations named after their lines).
OBJECT_LAYERS = ("projects", "landmarks", "heritage", "parks", "water", "roads", "rail_lines", "metro_lines", "rail_stations")

#: Words that name the work on an object rather than the object (stripped to compare names).
WORK_SUFFIXES = ("景观提升与水生态治理", "生态景观带", "保护修缮", "改扩建", "（槐荫段）", "西延", "北延", "项目", "工程")

#: A figure: digits not part of a code (G3, G2001) or a line number (6号线).
_FACT = re.compile(r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?(?![\d.号])")
_YEAR_EN = re.compile(r"\b(?:19|20)\d{2}\b")


def name_key(name: str) -> str:
    """A name without the work done on it: 五七车站项目 → 五七车站, 京台高速改扩建 → 京台高速."""
    key = re.sub(r"\s+", "", str(name))
    changed = True
    while changed:
        changed = False
        for suffix in WORK_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                key, changed = key[: -len(suffix)], True
    return key


@dataclass(frozen=True)
class _Item:
    layer: str
    index: int
    id: str
    props: dict[str, Any]
    geom: BaseGeometry  # EPSG:4548

    def problem(self, field: str, value: Any, expected: str) -> Problem:
        return Problem(f"{self.layer}.geojson", self.index, self.id, field, value, expected)


def _items(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, list[_Item]]:
    out: dict[str, list[_Item]] = {}
    for layer_id, gdf in layers.items():
        if gdf.empty:
            continue
        projected = to_projected(gdf[["geometry"]]).geometry
        records = gdf.drop(columns="geometry").to_dict("records")
        out[layer_id] = [_Item(layer_id, i, str(r.get("id")), r, g) for i, (r, g) in enumerate(zip(records, projected, strict=True))]
    return out


def _list(value: Any) -> list[Any]:
    """A list property, or ``[]`` for a missing one (GeoPandas fills missing properties with NaN)."""
    return list(value) if isinstance(value, list | tuple) else []


def _ref(props: dict[str, Any]) -> tuple[str, str] | None:
    ref = props.get("refers_to")
    return (ref["layer"], ref["id"]) if isinstance(ref, dict) and "layer" in ref and "id" in ref else None


def _claims(items: dict[str, list[_Item]], field: str, layer: str) -> Iterator[tuple[_Item, _Item | None, str, float]]:
    """(feature, the feature its ``field`` names in ``layer`` or None, that id, distance in m) for every claim."""
    targets = {t.id: t for t in items.get(layer, [])}
    for source in ("projects", "landmarks"):
        for item in items.get(source, []):
            for target_id in _list(item.props.get(field)):
                target = targets.get(target_id)
                yield item, target, target_id, target.geom.distance(item.geom) if target is not None else 0.0


def check_stated_zones(items: dict[str, list[_Item]]) -> Iterator[Problem]:
    for item, zone, zone_id, gap in _claims(items, "zone_ids_stated", "zones"):
        if zone is None:
            yield item.problem("zone_ids_stated", zone_id, "a zone id of zones.geojson")
        elif gap > ZONE_TOLERANCE_M:
            yield item.problem(
                "geometry", f"{gap:.0f} m outside {zone_id}",
                f"inside the zone the plan names it for (within {ZONE_TOLERANCE_M:.0f} m; "
                f"{item.props.get('zone_stated_source') or 'zone_ids_stated'}): move it or redraw the zone",
            )


def _refers(a: _Item, b: _Item) -> bool:
    return _ref(a.props) == (b.layer, b.id) or _ref(b.props) == (a.layer, a.id)


def _same_name_pairs(items: dict[str, list[_Item]]) -> Iterator[tuple[_Item, _Item]]:
    """Pairs of features of two layers with the same :func:`name_key` (first in :data:`OBJECT_LAYERS` order)."""
    by_key: dict[str, list[_Item]] = {}
    for layer in OBJECT_LAYERS:
        for item in items.get(layer, []):
            by_key.setdefault(name_key(item.props.get("name_zh", "")), []).append(item)
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.layer != b.layer:
                    yield a, b


def check_same_names(items: dict[str, list[_Item]]) -> Iterator[Problem]:
    for a, b in _same_name_pairs(items):
        gap = a.geom.distance(b.geom)
        if gap > SAME_NAME_M and not _refers(a, b):  # reported on the first (projects, landmarks …), naming the other
            yield a.problem(
                "geometry", f"{gap:.0f} m from {b.layer}/{b.id} ({b.props.get('name_zh')})",
                f"one real object, one feature: within {SAME_NAME_M:.0f} m of the feature of the same name, "
                f"or refers_to {{layer: {b.layer}, id: {b.id}}} sharing its geometry",
            )


def check_on_roads(items: dict[str, list[_Item]]) -> Iterator[Problem]:
    for item, road, road_id, gap in _claims(items, "on_road_ids", "roads"):
        if road is None:
            yield item.problem("on_road_ids", road_id, "a road id of roads.geojson")
        elif gap > ON_ROAD_M:
            yield item.problem(
                "geometry", f"{gap:.0f} m from {road_id} ({road.props.get('name_zh')})",
                f"on the road the plan puts it on (within {ON_ROAD_M:.0f} m of its line)",
            )


def _referenced(items: dict[str, list[_Item]]) -> Iterator[tuple[_Item, _Item]]:
    index = {(it.layer, it.id): it for group in items.values() for it in group}
    for layer in ("projects", "landmarks"):
        for item in items.get(layer, []):
            ref = _ref(item.props)
            if ref is not None:
                yield item, index.get(ref)  # type: ignore[misc]


def check_footprints(items: dict[str, list[_Item]]) -> Iterator[Problem]:
    for item, target in _referenced(items):
        if target is None:
            yield item.problem("refers_to", item.props.get("refers_to"), "the layer and id of an existing feature")
        elif target.geom.geom_type in ("Polygon", "MultiPolygon"):
            outside = item.geom.difference(target.geom.buffer(FOOTPRINT_TOLERANCE_M))
            if not outside.is_empty:
                gap = item.geom.distance(target.geom)
                shown = f"{gap:.0f} m" if gap > 0 else "partly"
                yield item.problem(
                    "geometry", f"{shown} outside {target.layer}/{target.id} ({target.props.get('name_zh')})",
                    "inside the footprint it refers to (share its geometry)",
                )


def check_statuses(items: dict[str, list[_Item]]) -> Iterator[Problem]:
    """A feature and the one it refers to, or one of the same name in another layer, must agree on status."""
    pairs = [(item, target) for item, target in _referenced(items) if target is not None]
    pairs += [(a, b) for a, b in _same_name_pairs(items) if not _refers(a, b)]
    for item, target in pairs:
        if "status" not in target.props or "status" not in item.props:
            continue
        if item.props["status"] != target.props["status"]:
            yield item.problem(
                "status", item.props["status"],
                f"the status of {target.layer}/{target.id}, the same object ({target.props['status']!r}; "
                f"{target.props.get('status_source') or 'no source'})",
            )


def _source_texts(outline: str) -> dict[str, str]:
    return {s.id: re.sub(r"\s+", "", section_text(outline, s)) for s in parse_outline(outline)}


def _sources_of(item: _Item, texts: dict[str, str]) -> str:
    sections = {item.props.get("source_section")}
    sections.update(s.get("section") for s in _list(item.props.get("sources")) if isinstance(s, dict))
    parts = [texts.get(s, "") for s in sections if s]
    parts.append(re.sub(r"\s+", "", str(item.props.get("source_quote") or "")))
    parts.extend(str(f.get("fact")) for f in _list(item.props.get("fact_sources")) if isinstance(f, dict) and f.get("source"))
    return "\n".join(parts)


def check_facts(items: dict[str, list[_Item]], outline: str) -> Iterator[Problem]:
    texts = _source_texts(outline)
    for group in items.values():
        for item in group:
            zh = str(item.props.get("description_zh") or "")
            en = str(item.props.get("description_en") or "")
            facts = [m.group() for m in _FACT.finditer(zh)] + [m.group() for m in _YEAR_EN.finditer(en)]
            if not facts:
                continue
            known = _sources_of(item, texts)
            for fact in dict.fromkeys(facts):
                if fact not in known:
                    field = "description_zh" if fact in zh else "description_en"
                    yield item.problem(
                        field, fact,
                        "a date or figure its sources state (the cited sections, source_quote), "
                        "or an entry in fact_sources naming where it comes from",
                    )


def check_consistency(layers: dict[str, gpd.GeoDataFrame], outline: str | None) -> list[Problem]:
    """Every consistency problem of the plan's layers (``outline``: the plan's text, for the fact rule)."""
    items = _items(layers)
    problems = [
        *check_stated_zones(items),
        *check_same_names(items),
        *check_on_roads(items),
        *check_footprints(items),
        *check_statuses(items),
    ]
    if outline:
        problems.extend(check_facts(items, outline))
    return problems
