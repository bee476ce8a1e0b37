"""Schema validation of the plan's documents: collects every problem, never stops at the first.

Each ``check_*`` function takes the parsed document (and the file name for
messages) and returns the list of :class:`~planning.model.Problem` found, each
naming the file, the feature (index and id), the field, the value and what is
expected. Nothing here reads files: :mod:`planning.storage` does that.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from planning.state_files import MAX_JSON_BYTES, MAX_JSON_DEPTH, CorruptStateError, parse_json_bytes, real_date
from planning.model import (
    ATTRIBUTES,
    CATEGORIES,
    COMPARISONS,
    DISTRICT_SCOPE,
    GEOMETRY_QUALITIES,
    INDUSTRIES,
    LANDMARK_KINDS,
    STATUSES,
    TARGET_PLANS,
    TARGET_SCOPE_KINDS,
    UNITS,
    UNKNOWN_STATUS,
    ZONE_KINDS,
    Problem,
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: A plan id: the shipped 14th plan, or one ingested from a new document (planning/ingest).
PLAN_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
#: A section of the outline; ``context`` marks a feature the plan does not name, drawn as context (a zone's limit).
SECTION_PATTERN = re.compile(r"^(ch\d+(-\d+){0,2}|box\d+|context)$")

POINT = ("Point", "MultiPoint")
LINE = ("LineString", "MultiLineString")
AREA = ("Polygon", "MultiPolygon")

COMMON_REQUIRED = (
    "id",
    "name_zh",
    "name_en",
    "source",
    "source_section",
    "geometry_quality",
    "geometry_source",
)


@dataclass(frozen=True)
class LayerSchema:
    """What one layer file must contain beyond the common properties."""

    layer_id: str
    title_zh: str
    title_en: str
    geometry_types: tuple[str, ...]
    required: tuple[str, ...] = ()
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    list_fields: tuple[str, ...] = ()
    has_status: bool = False


_STATUS_VALUES = tuple(STATUSES)

LAYER_SCHEMAS: dict[str, LayerSchema] = {
    s.layer_id: s
    for s in (
        LayerSchema("boundary", "行政区界", "District boundary", AREA),
        LayerSchema(
            "zones",
            "两核三区、三纵三横",
            "Cores, districts, belts and axes",
            AREA,
            required=("kind", "description_zh", "description_en", "industries_zh", "industries_en"),
            enums={"kind": tuple(ZONE_KINDS)},
            list_fields=("industries_zh", "industries_en", "carriers_zh", "carriers_en"),
        ),
        LayerSchema(
            "projects",
            "重点项目",
            "Projects",
            POINT + LINE + AREA,
            required=("category", "sources", "status"),
            enums={"category": tuple(CATEGORIES), "status": _STATUS_VALUES},
            list_fields=("plan_ids",),
            has_status=True,
        ),
        LayerSchema(
            "metro_lines",
            "轨道交通线路",
            "Metro lines",
            LINE,
            required=("line", "status"),
            enums={"status": _STATUS_VALUES},
            has_status=True,
        ),
        LayerSchema("metro_stations", "轨道交通站点", "Metro stations", POINT, required=("lines",), list_fields=("lines",)),
        LayerSchema(
            "rail_lines",
            "铁路",
            "Railways",
            LINE,
            required=("rail_kind", "status"),
            enums={"rail_kind": ("high_speed", "conventional"), "status": _STATUS_VALUES},
            has_status=True,
        ),
        LayerSchema("rail_stations", "铁路车站", "Railway stations", POINT + AREA),
        LayerSchema(
            "roads",
            "道路",
            "Roads",
            LINE,
            required=("road_class",),
            enums={"road_class": ("expressway", "arterial")},
        ),
        LayerSchema(
            "water",
            "河湖湿地",
            "Rivers, lakes and wetlands",
            LINE + AREA,
            required=("water_kind",),
            enums={"water_kind": ("river", "lake", "reservoir", "wetland", "canal")},
        ),
        LayerSchema(
            "parks",
            "公园绿地",
            "Parks and forests",
            AREA + POINT,
            required=("park_kind",),
            enums={"park_kind": ("park", "forest", "wetland_park", "farmland_park")},
        ),
        LayerSchema(
            "heritage",
            "历史文化遗存",
            "Heritage sites",
            POINT + AREA,
            required=("heritage_kind",),
            enums={"heritage_kind": ("protected_site", "historic_building", "ruins", "red_culture")},
        ),
        LayerSchema(
            "landmarks",
            "规划载体（已有地点）",
            "Carriers (existing places the plan names)",
            POINT + LINE + AREA,
            required=("kind", "source_quote", "zone_ids_stated", "status"),
            enums={"kind": tuple(LANDMARK_KINDS), "status": _STATUS_VALUES},
            list_fields=("zone_ids_stated",),
            has_status=True,
        ),
    )
}


def parse_json(raw: bytes, file: str) -> tuple[Any, list[Problem]]:
    """Decode UTF-8 JSON within the size and nesting bounds; on failure return ``None`` and one problem saying where."""
    try:
        return parse_json_bytes(raw, file), []
    except CorruptStateError as exc:
        expected = {"not_utf8": "UTF-8 text", "too_deep": f"JSON nested at most {MAX_JSON_DEPTH} levels",
                    "too_large": f"a file of at most {MAX_JSON_BYTES} bytes", "not_finite": "finite numbers only"}
        found = {"not_utf8": lambda f: f"byte {f['offset']}", "too_deep": lambda _: "deeper nesting",
                 "too_large": lambda f: f"{f['size']} bytes", "not_finite": lambda f: f["value"],
                 "bad_json": lambda f: f["detail"]}
        value = found[exc.code](exc.fmt) if exc.code in found else exc.en
        return None, [Problem(file, None, None, None, value, expected.get(exc.code, "valid JSON"))]


def _walk_positions(coords: Any) -> Iterable[tuple[float, float]]:
    if isinstance(coords, list | tuple) and coords and isinstance(coords[0], int | float):
        yield float(coords[0]), float(coords[1]) if len(coords) > 1 else math.nan
        return
    if isinstance(coords, list | tuple):
        for item in coords:
            yield from _walk_positions(item)


def _first_out_of_range(geometry: dict[str, Any]) -> tuple[float, float] | None:
    parts = geometry.get("geometries") or [geometry]
    for part in parts:
        for lon, lat in _walk_positions(part.get("coordinates", [])):
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                return lon, lat
    return None


def _outside_lon_lat(geom: BaseGeometry) -> bool:
    minx, miny, maxx, maxy = shapely.bounds(geom)
    return not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90)


def check_geometry(
    geometry: Any, allowed: tuple[str, ...], report: Callable[[str, Any, str], None]
) -> BaseGeometry | None:
    """Check one GeoJSON geometry; return the shapely geometry when usable.

    The geometry is built once; positions are walked only to name the first
    one out of lon/lat range (also when the geometry is malformed).
    """
    if not isinstance(geometry, dict):
        report("geometry", geometry, "a GeoJSON geometry object")
        return None
    gtype = geometry.get("type")
    if gtype not in allowed:
        report("geometry.type", gtype, f"one of {', '.join(allowed)}")
        return None
    try:
        geom = shape(geometry)
        error = None
    except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        geom, error = None, exc
    bad = _first_out_of_range(geometry) if geom is None or _outside_lon_lat(geom) else None
    if bad is not None:
        report(
            "geometry.coordinates",
            list(bad),
            "WGS84 longitude/latitude (EPSG:4326, lon -180..180, lat -90..90); "
            "the file looks projected: reproject it to EPSG:4326",
        )
        return None
    if geom is None:
        report("geometry.coordinates", str(error), f"coordinates of a valid {gtype}")
        return None
    if geom.is_empty:
        report("geometry", "empty", f"a non-empty {gtype}")
        return None
    if not geom.is_valid:
        report("geometry", explain_validity(geom), "a valid geometry (no self-intersections)")
        return None
    return geom


def _check_string(props: dict[str, Any], name: str, report: Callable[[str, Any, str], None]) -> None:
    value = props.get(name)
    if not isinstance(value, str) or not value.strip():
        report(name, value, "a non-empty string")


def _check_status(props: dict[str, Any], report: Callable[[str, Any, str], None]) -> None:
    status = props.get("status")
    if status not in STATUSES or status == UNKNOWN_STATUS:
        return
    date = props.get("status_date")
    if not real_date(date):
        report("status_date", date, f"YYYY or YYYY-MM-DD, because status is {status!r}")
    src = props.get("status_source")
    if not isinstance(src, str) or not src.strip():
        report("status_source", src, f"the text that states the status {status!r}")


def _check_sources(props: dict[str, Any], report: Callable[[str, Any, str], None]) -> None:
    sources = props.get("sources")
    if not isinstance(sources, list) or not sources:
        report("sources", sources, "a non-empty list of {ref, section, label}")
        return
    for i, src in enumerate(sources):
        if not isinstance(src, dict) or not all(isinstance(src.get(k), str) and src.get(k) for k in ("ref", "section", "label")):
            report(f"sources[{i}]", src, "an object with non-empty ref, section and label")
        elif not SECTION_PATTERN.match(src["section"]):
            report(f"sources[{i}].section", src["section"], "a section id such as ch4-1 or box6")


def check_properties(
    props: dict[str, Any], schema: LayerSchema, report: Callable[[str, Any, str], None]
) -> None:
    """Check the common and layer-specific properties of one feature."""
    for name in COMMON_REQUIRED + schema.required:
        if name not in props or props[name] is None:
            report(name, None, "a value (the field is required)")
    for name in ("name_zh", "name_en", "source", "geometry_source"):
        if props.get(name) is not None:
            _check_string(props, name, report)
    _check_identifiers(props, report)
    for name, allowed in schema.enums.items():
        value = props.get(name)
        if value is not None and value not in allowed:
            report(name, value, f"one of {', '.join(allowed)}")
    for name in schema.list_fields:
        value = props.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            report(name, value, "a list of strings")
    if props.get("extends_beyond_district") is True:
        _check_string(props, "outside_note", report)
    if schema.has_status:
        _check_status(props, report)
    if schema.layer_id == "projects":
        _check_project_fields(props, report)


def _check_identifiers(props: dict[str, Any], report: Callable[[str, Any, str], None]) -> None:
    """The id, the source section and the geometry quality of a feature."""
    fid = props.get("id")
    if fid is not None and (not isinstance(fid, str) or not ID_PATTERN.match(fid)):
        report("id", fid, "lowercase letters, digits, '-' or '_'")
    section = props.get("source_section")
    if section is not None and (not isinstance(section, str) or not SECTION_PATTERN.match(section)):
        report("source_section", section, "a section id such as ch2-3, ch1-1-3 or box6")
    quality = props.get("geometry_quality")
    if quality is not None and quality not in GEOMETRY_QUALITIES:
        report("geometry_quality", quality, f"one of {', '.join(GEOMETRY_QUALITIES)}")


def _check_project_fields(props: dict[str, Any], report: Callable[[str, Any, str], None]) -> None:
    if props.get("sources") is not None:
        _check_sources(props, report)
    quote = props.get("source_quote")
    if quote is not None and not (isinstance(quote, str) and quote.strip()):
        report("source_quote", quote, "null or the plan's sentence naming the project, verbatim")
    ref = props.get("refers_to")
    if ref is not None and not (
        isinstance(ref, dict) and all(isinstance(ref.get(k), str) and ref.get(k) for k in ("layer", "id"))
    ):
        report("refers_to", ref, "null or {layer, id} of the feature the project upgrades or extends")
    override = props.get("zone_override")
    if override is not None and not (isinstance(override, list) and all(isinstance(z, str) for z in override)):
        report("zone_override", override, "null or a list of zone ids")
    _check_plans(props, report)


def _check_plans(props: dict[str, Any], report: Callable[[str, Any, str], None]) -> None:
    """``plan_ids``: the plans a project is in (absent: the shipped plan); ``plans``: its status in each, carried over."""
    plan_ids = props.get("plan_ids")
    if plan_ids is not None and not (plan_ids and all(PLAN_ID_PATTERN.match(p) for p in plan_ids if isinstance(p, str))):
        report("plan_ids", plan_ids, "null or a non-empty list of plan ids such as 14th, 15th")
    plans = props.get("plans")
    if plans is None:
        return
    if not isinstance(plans, list):
        report("plans", plans, "null or a list of {plan_id, status}")
        return
    for i, entry in enumerate(plans):
        ok = isinstance(entry, dict) and isinstance(entry.get("plan_id"), str) and PLAN_ID_PATTERN.match(entry["plan_id"])
        if not ok or (entry.get("status") is not None and entry["status"] not in _STATUS_VALUES):
            report(f"plans[{i}]", entry, "an object {plan_id, status (null or a project status)}")


@dataclass
class LayerCheck:
    """Result of checking one layer file: the usable features and every problem."""

    features: list[dict[str, Any]]
    geometries: list[BaseGeometry]
    problems: list[Problem]


def check_feature_collection(doc: Any, file: str, schema: LayerSchema) -> LayerCheck:
    """Check a parsed GeoJSON document against ``schema``.

    Features with problems are reported and left out of ``features``; the
    others are kept, so one bad feature never hides the rest of the layer.
    """
    result = LayerCheck([], [], [])
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        value = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        result.problems.append(Problem(file, None, None, "type", value, "a GeoJSON FeatureCollection"))
        return result
    crs_problem = _check_crs_member(doc, file)
    if crs_problem:
        result.problems.append(crs_problem)
        return result
    features = doc.get("features")
    if not isinstance(features, list):
        result.problems.append(Problem(file, None, None, "features", type(features).__name__, "a list of features"))
        return result
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        _check_one_feature(feature, index, file, schema, seen, result)
    return result


def _check_crs_member(doc: dict[str, Any], file: str) -> Problem | None:
    crs = doc.get("crs")
    if crs is None:
        return None
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else str(crs)
    if name.upper().endswith(("CRS84", "4326", "4490")):
        return None
    return Problem(file, None, None, "crs", name, "EPSG:4326 (WGS84 lon/lat); reproject the file to EPSG:4326")


def _check_one_feature(
    feature: Any, index: int, file: str, schema: LayerSchema, seen: dict[str, int], result: LayerCheck
) -> None:
    problems: list[Problem] = []
    props = feature.get("properties") if isinstance(feature, dict) else None
    fid = props.get("id") if isinstance(props, dict) and isinstance(props.get("id"), str) else None

    def report(name: str, value: Any, expected: str) -> None:
        problems.append(Problem(file, index, fid, name, value, expected))

    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        report("type", feature.get("type") if isinstance(feature, dict) else feature, "a GeoJSON Feature")
        result.problems.extend(problems)
        return
    if not isinstance(props, dict):
        report("properties", props, "an object of properties")
        props = {}
    check_properties(props, schema, report)
    if fid is not None:
        if fid in seen:
            report("id", fid, f"a unique id (already used by feature {seen[fid]})")
        else:
            seen[fid] = index
    geom = check_geometry(feature.get("geometry"), schema.geometry_types, report)
    result.problems.extend(problems)
    if not problems and geom is not None:
        result.features.append(feature)
        result.geometries.append(geom)


def check_zone_references(
    projects: list[dict[str, Any]], zone_ids: set[str], file: str = "projects.geojson"
) -> list[Problem]:
    """Every ``zone_override`` entry must name a zone of ``zones.geojson``."""
    problems = []
    for index, feature in enumerate(projects):
        props = feature["properties"]
        for zone in props.get("zone_override") or []:
            if zone not in zone_ids:
                expected = "a zone id from zones.geojson (" + ", ".join(sorted(zone_ids)) + ")"
                problems.append(Problem(file, index, props.get("id"), "zone_override", zone, expected))
    return problems


# --- targets -------------------------------------------------------------------------

_TARGET_REQUIRED = (
    "id",
    "plan",
    "scope_kind",
    "scope",
    "metric_zh",
    "metric_en",
    "unit",
    "comparison",
    "cumulative",
    "source",
    "observations",
)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_point_value(name: str, point: Any, report: Callable[[str, Any, str], None]) -> None:
    if point is None:
        return
    if not isinstance(point, dict):
        report(name, point, "null or an object {year, value, text}")
        return
    year = point.get("year")
    if not (isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2100):
        report(f"{name}.year", year, "a year such as 2020")
    value = point.get("value")
    if value is not None and not _is_number(value):
        report(f"{name}.value", value, "a number or null (put the plan's wording in 'text')")
    text = point.get("text")
    if text is not None and not isinstance(text, str):
        report(f"{name}.text", text, "the plan's wording as a string")


def _check_observations(observations: Any, report: Callable[[str, Any, str], None]) -> None:
    if not isinstance(observations, list):
        report("observations", observations, "a list (empty when nothing is known)")
        return
    for i, obs in enumerate(observations):
        if not isinstance(obs, dict):
            report(f"observations[{i}]", obs, "an object {year, value, source}")
            continue
        year = obs.get("year")
        if not (isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2100):
            report(f"observations[{i}].year", year, "a year from 1949 to 2100, such as 2021")
        if not _is_number(obs.get("value")):
            report(f"observations[{i}].value", obs.get("value"), "a number")
        if not isinstance(obs.get("source"), str) or not obs["source"].strip():
            report(f"observations[{i}].source", obs.get("source"), "the source of the observation")


def _check_scope(target: dict[str, Any], zone_ids: set[str] | None, report: Callable[[str, Any, str], None]) -> None:
    kind, scope = target.get("scope_kind"), target.get("scope")
    if kind not in TARGET_SCOPE_KINDS:
        report("scope_kind", kind, f"one of {', '.join(TARGET_SCOPE_KINDS)}")
    elif kind == "district" and scope != DISTRICT_SCOPE:
        report("scope", scope, f"{DISTRICT_SCOPE!r} for a district target")
    elif kind == "industry" and scope not in INDUSTRIES:
        report("scope", scope, f"an industry id ({', '.join(INDUSTRIES)})")
    elif kind == "zone" and zone_ids is not None and scope not in zone_ids:
        report("scope", scope, "a zone id from zones.geojson (" + ", ".join(sorted(zone_ids)) + ")")


def _check_unit_and_conflict(target: dict[str, Any], report: Callable[[str, Any, str], None]) -> None:
    if "unit" in target and target["unit"] is not None and target["unit"] not in UNITS:
        report("unit", target["unit"], f"null (the plan gives no unit) or a known unit ({', '.join(UNITS)})")
    for name in ("conflict_note", "conflict_note_en"):
        if name in target and not (isinstance(target[name], str) and target[name].strip()):
            report(name, target[name], "a non-empty string quoting both of the plan's statements")
    if ("conflict_note" in target) != ("conflict_note_en" in target):
        report("conflict_note_en", target.get("conflict_note_en"), "conflict_note and conflict_note_en given together")


def _check_target_kind(target: dict[str, Any], report: Callable[[str, Any, str], None]) -> None:
    """Growth, comparison, attribute (预期性/约束性) and whether the target is cumulative."""
    growth = target.get("annual_growth_pct")
    if growth is not None and not _is_number(growth):
        report("annual_growth_pct", growth, "a number or null")
    if "comparison" in target and target["comparison"] not in COMPARISONS:
        report("comparison", target["comparison"], f"one of {', '.join(COMPARISONS)}")
    attribute = target.get("attribute")
    if attribute is not None and attribute not in ATTRIBUTES:
        report("attribute", attribute, f"null or one of {', '.join(ATTRIBUTES)}")
    if "cumulative" in target and not isinstance(target["cumulative"], bool):
        report("cumulative", target["cumulative"], "true or false")


def check_target(target: Any, index: int, file: str, zone_ids: set[str] | None) -> list[Problem]:
    """Check one target object."""
    problems: list[Problem] = []
    tid = target.get("id") if isinstance(target, dict) and isinstance(target.get("id"), str) else None

    def report(name: str, value: Any, expected: str) -> None:
        problems.append(Problem(file, index, tid, name, value, expected))

    if not isinstance(target, dict):
        report("target", target, "an object")
        return problems
    for name in _TARGET_REQUIRED:
        if name not in target:
            report(name, None, "a value (the field is required)")
    if tid is not None and not ID_PATTERN.match(tid):
        report("id", tid, "lowercase letters, digits, '-' or '_'")
    if "plan" in target and target["plan"] not in TARGET_PLANS and not (
        isinstance(target["plan"], str) and PLAN_ID_PATTERN.match(target["plan"])
    ):
        report("plan", target["plan"], f"one of {', '.join(TARGET_PLANS)} or the id of an ingested plan (e.g. 15th)")
    carried = target.get("carried_from")
    if carried is not None and not (isinstance(carried, str) and ID_PATTERN.match(carried)):
        report("carried_from", carried, "null or the id of the earlier plan's target this one carries forward")
    _check_scope(target, zone_ids, report)
    _check_unit_and_conflict(target, report)
    for name in ("metric_zh", "metric_en"):
        if name in target and not (isinstance(target[name], str) and target[name].strip()):
            report(name, target[name], "a non-empty string")
    _check_point_value("baseline", target.get("baseline"), report)
    _check_point_value("target", target.get("target"), report)
    _check_target_kind(target, report)
    source = target.get("source")
    if "source" in target and not (
        isinstance(source, dict)
        and isinstance(source.get("section"), str)
        and SECTION_PATTERN.match(source["section"])
        and isinstance(source.get("label"), str)
    ):
        report("source", source, "an object {section: 'box2' or 'ch4-1', label: text}")
    if "observations" in target:
        _check_observations(target["observations"], report)
    return problems


def check_targets(doc: Any, file: str, zone_ids: set[str] | None) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Check ``targets.json``; return the valid targets and every problem."""
    if not isinstance(doc, dict) or not isinstance(doc.get("targets"), list):
        value = type(doc.get("targets")).__name__ if isinstance(doc, dict) else type(doc).__name__
        return [], [Problem(file, None, None, "targets", value, "an object with a list 'targets'")]
    valid, problems = [], []
    seen: dict[str, int] = {}
    for index, target in enumerate(doc["targets"]):
        found = check_target(target, index, file, zone_ids)
        tid = target.get("id") if isinstance(target, dict) else None
        if isinstance(tid, str):
            if tid in seen:
                found.append(Problem(file, index, tid, "id", tid, f"a unique id (already used by target {seen[tid]})"))
            else:
                seen[tid] = index
        problems.extend(found)
        if not found:
            valid.append(target)
    return valid, problems
