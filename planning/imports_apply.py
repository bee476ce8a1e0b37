"""Apply a read import: as an overlay layer, or merged into the projects; list and undo imports.

An **overlay** is written to the overlay store (``Stores.overlays``: the data
folder's ``overlays/`` subfolder, or the database's ``overlays`` namespace) as
``<id>.geojson`` with ``<id>.json`` beside it: the SOURCES.md-style record of
where it came from (title, kind, provenance, original file, date, user, CRS,
datum, encoding, checksum, warnings). Its ``kind`` says whether the red-line
check uses it (``生态保护红线``, ``永久基本农田``).

A **merge** turns the rows into projects that follow the plan's schema (name,
category, the plan section that justifies them; status 未知 unless a column
gives one), shows id clashes and likely duplicates (same name, or within
50 m in EPSG:4548) for the user to decide row by row, and adds the chosen ones
through :meth:`~planning.edits.PlanEditor.import_projects`.

Every import is one ``import`` entry of ``audit.jsonl`` (document
:data:`~planning.edits.IMPORTS_DOCUMENT`); :func:`undo_import` undoes it with an
``undo_import`` entry. The audit log is the source of truth: an overlay counts
as active only while its import entry is in the log and not undone, so files
written by an import whose log line failed are never shown. Undoing an overlay
withdraws it; its documents stay in the overlay store marked ``withdrawn``,
as the record of what was imported. Import ids are allocated under the audit
log's lock, so parallel imports of the same file get distinct ids.
"""

from __future__ import annotations

from planning.messages import Messages
import datetime as dt
import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping as geojson_mapping
from shapely.geometry import shape

from planning.analysis import PROJECTED, WGS84
from planning.edits import IMPORTS_DOCUMENT, AuditEntry, EditError, PlanEditor
from planning.errors import DataSourceError
from planning.imports import ImportResult, Message
from planning.model import CATEGORIES, STATUSES, UNKNOWN_STATUS
from planning.schema import ID_PATTERN, LAYER_SCHEMAS, SECTION_PATTERN, check_feature_collection
from planning.state_files import CorruptStateError, parse_json_bytes
from planning.storage import PlanStore, dump_feature_collection, dump_json
from planning.stores import OVERLAYS, Stores

OVERLAY_FOLDER = OVERLAYS
#: Kinds of overlay layers; the red-line check uses the first two.
OVERLAY_KINDS = Messages("overlay_kinds")
REDLINE_KINDS = ("生态保护红线", "永久基本农田")


def allowed_overlay_kinds(gdf: Any) -> list[str]:
    """The overlay kinds a layer may have: a red-line kind needs areas (polygons), not points or lines."""
    types = set(gdf.geom_type.dropna()) if gdf is not None and len(gdf) else set()
    areas = bool(types) and types <= {"Polygon", "MultiPolygon"}
    return [k for k in OVERLAY_KINDS if areas or k not in REDLINE_KINDS]
DUPLICATE_RADIUS_M = 50.0
DECISIONS = ("add", "skip", "new_id")


# --- values ----------------------------------------------------------------------------


def json_safe(value: Any) -> Any:
    """A plain-JSON copy of a cell: numpy numbers → Python, NaN/NaT → None, dates → ISO text."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "tolist"):
        return json_safe(value.tolist())
    if value is pd.NaT or type(value).__name__ == "NAType":
        return None
    return str(value)


def features_of(gdf: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """GeoJSON features of a WGS84 GeoDataFrame with JSON-safe properties."""
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    return [
        {"type": "Feature", "properties": {c: json_safe(row[c]) for c in columns}, "geometry": geojson_mapping(geom)}
        for (_, row), geom in zip(gdf.iterrows(), gdf.geometry, strict=True)
    ]


def _require_ready(result: ImportResult) -> None:
    if not result.ready:
        open_items = [m.text for m in result.errors] + [q.text for q in result.needs]
        msg = f"{result.name} cannot be applied yet: " + ("; ".join(open_items[:5]) or "no features")
        raise EditError(msg)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        msg = f"{what} is required; got {value!r}"
        raise EditError(msg)
    return value.strip()


def import_id_for(result: ImportResult, today: dt.date, taken: set[str]) -> str:
    """``imp-YYYYMMDD-<first 8 hex of the file's sha256>``, with ``-2``, ``-3`` … when taken."""
    base = f"imp-{today:%Y%m%d}-{result.sha256[:8]}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _taken_ids(log: list[AuditEntry]) -> set[str]:
    return {e.feature_id for e in log if e.document == IMPORTS_DOCUMENT and isinstance(e.feature_id, str)}


def _provenance_of(result: ImportResult) -> dict[str, Any]:
    d = result.detected
    return {
        "file": result.name,
        "sha256": result.sha256,
        "bytes": result.size,
        "format": d.format,
        "layer": d.layer,
        "sheet": d.sheet,
        "crs": d.crs,
        "crs_source": d.crs_source,
        "declared_crs": d.declared_crs,
        "datum": d.datum,
        "encoding": d.encoding,
        "encoding_source": d.encoding_source,
        "lon_column": d.lon,
        "lat_column": d.lat,
        "repaired_features": list(d.repaired),
        "warnings": [m.text for m in result.warnings],
    }


# --- overlays --------------------------------------------------------------------------


def add_overlay(  # noqa: PLR0913 - keyword arguments of one documented call
    stores: Stores,
    result: ImportResult,
    *,
    user: str,
    title: str,
    kind: str,
    provenance: str,
    note: str | None = None,
    today: dt.date | None = None,
    editor: PlanEditor | None = None,
) -> AuditEntry:
    """Write the import as an overlay layer with its metadata, and log it; return the ``import`` entry.

    ``provenance``: where the layer comes from (issuer, edition, date), as it
    would be written in SOURCES.md.
    """
    _require_ready(result)
    title, provenance = _text(title, "the layer's title"), _text(provenance, "the layer's provenance (issuer, edition, date)")
    if kind in REDLINE_KINDS and kind not in allowed_overlay_kinds(result.gdf):
        msg = f"{result.name}: a {kind} layer needs polygons; this file has {', '.join(sorted(set(result.gdf.geom_type)))}"
        raise EditError(msg)
    if kind not in OVERLAY_KINDS:
        msg = f"overlay kind {kind!r} is not one of {', '.join(OVERLAY_KINDS)}"
        raise EditError(msg)
    day = today or dt.datetime.now(dt.UTC).date()
    store = stores.overlays
    features = features_of(result.gdf)
    meta = {"title": title, "kind": kind, "provenance": provenance, **_provenance_of(result),
            "feature_count": len(features), "geometry_types": sorted(set(result.gdf.geom_type)),
            "bounds": [round(float(v), 6) for v in result.gdf.total_bounds], "note": note, "withdrawn": None}

    def allocate(log: list[AuditEntry]) -> tuple[str, dict[str, Any]]:  # under the audit lock
        import_id = import_id_for(result, day, _taken_ids(log))
        summary = {"import_id": import_id, "as": "overlay", "title": title, "kind": kind, "file": result.name,
                   "features": len(features), "crs": result.detected.crs, "datum": result.detected.datum,
                   "sha256": result.sha256}
        return import_id, summary

    def write(entry: AuditEntry) -> None:
        record = {"id": entry.feature_id, **meta, "imported_by": entry.user, "imported_at": entry.at,
                  "audit_seq": entry.seq}
        store.write_bytes(f"{entry.feature_id}.geojson", dump_feature_collection(features))
        store.write_bytes(f"{entry.feature_id}.json", dump_json(record))

    editor = editor or stores.editor()
    return editor.record(user, "import", IMPORTS_DOCUMENT, None, None, None, note, apply=write, prepare=allocate)


@dataclass(frozen=True)
class Overlay:
    """An active overlay layer: its metadata and its features in EPSG:4326."""

    meta: dict[str, Any]
    gdf: gpd.GeoDataFrame

    @property
    def id(self) -> str:
        return self.meta["id"]

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "")

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.id


def _undone(log: list[AuditEntry]) -> dict[int, AuditEntry]:
    return {e.reverts: e for e in log if e.action == "undo_import" and e.reverts is not None}


def _active_seqs(log: list[AuditEntry]) -> dict[str, int]:
    undone = _undone(log)
    return {e.feature_id: e.seq for e in log if e.action == "import" and e.document == IMPORTS_DOCUMENT
            and (e.after or {}).get("as") == "overlay" and e.seq not in undone}


def _overlay_meta(store: PlanStore, name: str) -> dict[str, Any]:
    """One overlay's metadata file, or :class:`CorruptStateError` (damaged, or not an object with an id)."""
    file = f"{OVERLAY_FOLDER}/{name}"
    try:
        meta = parse_json_bytes(store.read_bytes(name), file, area="overlays")
    except CorruptStateError as exc:
        raise exc.with_area("overlays", "overlay_unreadable", detail=exc.short()) from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("id"), str):
        raise CorruptStateError("overlay_unreadable", file=file, area="overlays", detail=("没有图层编号", "no layer id"))
    return meta


def read_overlay_metadata(
    stores: Stores, log: list[AuditEntry] | None = None
) -> tuple[list[dict[str, Any]], list[CorruptStateError]]:
    """Metadata of the active overlays (imported, logged, not undone), oldest first, and the damaged files skipped."""
    log = stores.editor().readable_log()[0] if log is None else log
    active = _active_seqs(log)
    store = stores.overlays
    out, problems = [], []
    for name in store.list_documents(".json"):
        try:
            meta = _overlay_meta(store, name)
        except CorruptStateError as exc:
            if name.removesuffix(".json") in active:  # a withdrawn layer's damaged file does not matter
                problems.append(exc)
            continue
        if active.get(meta.get("id")) == meta.get("audit_seq"):
            out.append(meta)
    return sorted(out, key=lambda m: m.get("audit_seq", 0)), problems


def overlay_metadata(stores: Stores, log: list[AuditEntry] | None = None) -> list[dict[str, Any]]:
    """Metadata of the active overlays (imported, logged and not undone), oldest first; damaged ones left out."""
    return read_overlay_metadata(stores, log)[0]


def load_overlay(stores: Stores, overlay_id: str) -> gpd.GeoDataFrame:
    """The features of one overlay in EPSG:4326; :class:`CorruptStateError` when the file is damaged."""
    store = stores.overlays
    file = f"{OVERLAY_FOLDER}/{overlay_id}.geojson"
    try:
        doc = parse_json_bytes(store.read_bytes(f"{overlay_id}.geojson"), file, area="overlays")
    except CorruptStateError as exc:
        raise exc.with_area("overlays", "overlay_unreadable", detail=exc.short()) from exc
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise CorruptStateError("overlay_unreadable", file=file, area="overlays", detail=("不是要素集合", "not a FeatureCollection"))
    if not features:
        return gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=WGS84))
    try:
        geometries = [shape(f["geometry"]) for f in features]
        properties = [dict(f.get("properties") or {}) for f in features]
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, shapely.errors.ShapelyError) as exc:
        index = next((i for i, f in enumerate(features) if not _readable_feature(f)), 0)
        detail = (f"第 {index} 个要素的几何无法读取", f"feature {index}: the geometry cannot be read")
        raise CorruptStateError("overlay_unreadable", file=file, area="overlays", detail=detail) from exc
    if any(g.is_empty for g in geometries):
        index = next(i for i, g in enumerate(geometries) if g.is_empty)
        detail = (f"第 {index} 个要素的几何为空", f"feature {index}: empty geometry")
        raise CorruptStateError("overlay_unreadable", file=file, area="overlays", detail=detail)
    return gpd.GeoDataFrame(properties, geometry=geometries, crs=WGS84)


def _readable_feature(feature: Any) -> bool:
    try:
        return not shape(feature["geometry"]).is_empty
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, shapely.errors.ShapelyError):
        return False


def read_overlays(stores: Stores) -> tuple[list[Overlay], list[CorruptStateError]]:
    """Every readable active overlay with its features, and a problem for each damaged one (left out)."""
    metas, problems = read_overlay_metadata(stores)
    overlays = []
    for meta in metas:
        try:
            overlays.append(Overlay(meta, load_overlay(stores, meta["id"])))
        except CorruptStateError as exc:
            problems.append(exc)
    return overlays, problems


def active_overlays(stores: Stores) -> list[Overlay]:
    """Every active, readable overlay with its features (what the red-line check and the map use)."""
    return read_overlays(stores)[0]


def overlay_problems(stores: Stores) -> list[CorruptStateError]:
    """The damaged files of the active overlays (what ``validate`` and the pages report)."""
    return read_overlays(stores)[1]


def overlay_sources_markdown(metas: list[dict[str, Any]], lang: str = "zh") -> str:
    """The overlays as a SOURCES.md-style table (values escaped for Markdown tables)."""
    zh = lang == "zh"
    head = ("| 图层 | 类型 | 来源 | 原文件 | 导入 | 坐标系 |" if zh else "| Layer | Kind | Provenance | Original file | Imported | CRS |")
    rows = [head, "|---|---|---|---|---|---|"]
    for m in metas:
        kind = OVERLAY_KINDS.get(m.get("kind"), (m.get("kind"), m.get("kind")))[0 if zh else 1]
        cells = [m.get("title"), kind, m.get("provenance"), m.get("file"),
                 f"{str(m.get('imported_at', ''))[:10]} {m.get('imported_by', '')}", f"{m.get('crs')} / {m.get('datum')}"]
        rows.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(rows)


def _md_cell(value: Any) -> str:
    text = re.sub(r"[\r\n]+", " ", str(value if value is not None else "—"))
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~$])", r"\\\1", text)


# --- projects --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectMapping:
    """Which columns become which project fields, and what the whole import shares."""

    name_zh: str
    section: str  # the plan section that justifies the projects, e.g. "ch4-1" or "box6"
    section_label: str
    default_category: str
    name_en: str | None = None
    id: str | None = None
    category: str | None = None
    status: str | None = None


def _slug(value: Any) -> str:
    text = re.sub(r"[^a-z0-9_-]+", "-", str(value).strip().lower()).strip("-_")
    return text if ID_PATTERN.match(text or "") else ""


def _cell(row: pd.Series, column: str | None) -> str:
    if not column:
        return ""
    value = json_safe(row.get(column))
    return "" if value is None else str(value).strip()


def _check_mapping(result: ImportResult, mapping: ProjectMapping) -> None:
    columns = set(result.gdf.columns)
    for what, column in (("name", mapping.name_zh), ("English name", mapping.name_en), ("id", mapping.id),
                         ("category", mapping.category), ("status", mapping.status)):
        if column and column not in columns:
            msg = f"{result.name}: there is no column {column!r} for the {what}; columns: {', '.join(map(str, columns - {'geometry'}))}"
            raise EditError(msg)
    if mapping.default_category not in CATEGORIES:
        msg = f"category {mapping.default_category!r} is not one of {', '.join(CATEGORIES)}"
        raise EditError(msg)
    if not SECTION_PATTERN.match(mapping.section or ""):
        msg = f"plan section {mapping.section!r} is not a section id such as ch4-1 or box6"
        raise EditError(msg)


def _project_props(row: pd.Series, index: int, mapping: ProjectMapping, context: dict[str, str], report: list[Message]) -> dict[str, Any]:
    name_zh = _cell(row, mapping.name_zh)
    name_en = _cell(row, mapping.name_en) or name_zh
    pid = _slug(_cell(row, mapping.id)) or f"{context['import_id']}-{index + 1:03d}"
    category = _cell(row, mapping.category) or mapping.default_category
    if category not in CATEGORIES:
        report.append(Message("warning", "category", f"row {index + 1}: category {category!r} is not in the plan's list; {mapping.default_category} used", index))
        category = mapping.default_category
    status = _cell(row, mapping.status) or UNKNOWN_STATUS
    if status not in STATUSES:
        report.append(Message("warning", "status", f"row {index + 1}: status {status!r} is not one of {', '.join(STATUSES)}; 未知 used", index))
        status = UNKNOWN_STATUS
    known = status != UNKNOWN_STATUS
    attributes = {str(k): json_safe(v) for k, v in row.items() if k != "geometry"}
    return {
        "id": pid, "name_zh": name_zh, "name_en": name_en, "category": category, "status": status,
        "status_date": context["today"] if known else None,
        "status_source": f"{context['file']} ({mapping.status}), imported {context['today']}" if known else None,
        "source": mapping.section_label, "source_section": mapping.section,
        "sources": [{"ref": context["file"], "section": mapping.section, "label": mapping.section_label}],
        "zone_override": None, "geometry_quality": "approximate", "geometry_source": context["geometry_source"],
        "import_attributes": attributes,
    }


def candidate_projects(
    result: ImportResult, mapping: ProjectMapping, *, user: str, import_id: str, today: dt.date
) -> tuple[list[dict[str, Any]], list[Message]]:
    """The rows as project features that follow the plan's schema, and every problem found.

    Problems name the row and field (checked with the same rules as
    ``projects.geojson``); an English name missing is copied from the
    Chinese one with a warning; ids are made unique within the import.
    """
    _require_ready(result)
    _check_mapping(result, mapping)
    d = result.detected
    context = {"import_id": import_id, "file": result.name, "today": today.isoformat(),
               "geometry_source": f"imported from {result.name} by {user} on {today.isoformat()} ({d.crs}, datum {d.datum})"}
    report: list[Message] = []
    if not mapping.name_en:
        report.append(Message("warning", "name_en", f"{result.name}: no English-name column; name_en copies the Chinese name"))
    features, seen = [], set()
    for index, ((_, row), geom) in enumerate(zip(result.gdf.iterrows(), result.gdf.geometry, strict=True)):
        props = _project_props(row, index, mapping, context, report)
        base, n = props["id"], 2
        while props["id"] in seen:
            props["id"], n = f"{base}-{n}", n + 1
        seen.add(props["id"])
        features.append({"type": "Feature", "properties": props, "geometry": json_safe(geojson_mapping(geom))})
    checked = check_feature_collection({"type": "FeatureCollection", "features": features}, result.name, LAYER_SCHEMAS["projects"])
    report += [Message("error", "schema", f"row {p.feature + 1 if p.feature is not None else '?'}: field {p.field!r} got {p.value!r:.60}; expected {p.expected}", p.feature)
               for p in checked.problems]
    return features, report


def find_duplicates(features: list[dict[str, Any]], projects: gpd.GeoDataFrame, *, radius_m: float = DUPLICATE_RADIUS_M) -> pd.DataFrame:
    """Rows that clash with existing projects: same id, same Chinese name, or within ``radius_m`` (EPSG:4548).

    One row per (import row, existing project, reason), with the distance in metres.
    """
    columns = ["row", "id", "name_zh", "reason", "existing_id", "existing_name", "distance_m"]
    if not features or projects.empty:
        return pd.DataFrame(columns=columns)
    cand = gpd.GeoDataFrame(
        {"row": range(len(features)), "id": [f["properties"]["id"] for f in features],
         "name_zh": [f["properties"]["name_zh"] for f in features]},
        geometry=[shape(f["geometry"]) for f in features], crs=WGS84,
    ).to_crs(PROJECTED)
    existing = projects[["id", "name_zh", "geometry"]].to_crs(PROJECTED)
    by_id = dict(zip(existing["id"], existing.index, strict=True))
    rows = []
    for _, c in cand.iterrows():
        for reason, hits in (("id", existing[existing["id"] == c["id"]]),
                             ("name", existing[existing["name_zh"].astype(str).str.strip() == str(c["name_zh"]).strip()]),
                             ("near", existing[_near(existing, c.geometry, radius_m)])):
            for _, e in hits.iterrows():
                rows.append({"row": c["row"], "id": c["id"], "name_zh": c["name_zh"], "reason": reason,
                             "existing_id": e["id"], "existing_name": e["name_zh"],
                             "distance_m": round(float(c.geometry.distance(existing.geometry[by_id[e["id"]]])), 1)})
    return pd.DataFrame(rows, columns=columns)


def _near(existing: gpd.GeoDataFrame, geom: Any, radius_m: float) -> pd.Series:
    """Existing footprints like ``geom`` within ``radius_m``: points by distance, lines and areas by Hausdorff distance.

    A point beside a road or inside a large area is not a duplicate of it, so
    footprints of different dimensions never match.
    """
    dims = shapely.get_dimensions(existing.geometry.values)
    same = dims == shapely.get_dimensions(geom)
    close = existing.distance(geom) <= radius_m if shapely.get_dimensions(geom) == 0 else existing.hausdorff_distance(geom) <= radius_m
    return pd.Series(same, index=existing.index) & close


def default_decisions(features: list[dict[str, Any]], duplicates: pd.DataFrame) -> dict[int, str]:
    """``add`` for rows with no clash, ``skip`` for likely duplicates, ``new_id`` for a bare id clash."""
    out = {}
    for row in range(len(features)):
        reasons = set(duplicates.loc[duplicates["row"] == row, "reason"]) if not duplicates.empty else set()
        out[row] = "add" if not reasons else ("new_id" if reasons == {"id"} else "skip")
    return out


def _free_id(pid: str, taken: set[str]) -> str:
    candidate, n = f"{pid}-2", 3
    while candidate in taken:
        candidate, n = f"{pid}-{n}", n + 1
    return candidate


def merge_projects(
    editor: PlanEditor,
    result: ImportResult,
    mapping: ProjectMapping,
    decisions: Mapping[int, str],
    *,
    user: str,
    projects: gpd.GeoDataFrame,
    note: str | None = None,
    today: dt.date | None = None,
) -> list[AuditEntry]:
    """Add the rows the user chose as projects (one audited transaction); return the entries.

    ``decisions``: row → ``add``, ``skip`` or ``new_id`` (add under a free
    id). Every row flagged by :func:`find_duplicates` needs an explicit
    decision; rows with errors refuse the whole merge.
    """
    today = today or dt.datetime.now(dt.UTC).date()
    import_id = import_id_for(result, today, _taken_ids(editor.log()))
    features, report = candidate_projects(result, mapping, user=user, import_id=import_id, today=today)
    errors = [m.text for m in report if m.level == "error"]
    if errors:
        raise EditError(f"{result.name}: the rows do not follow the plan's rules: " + "; ".join(errors[:8]))
    duplicates = find_duplicates(features, projects)
    flagged = sorted(set(duplicates["row"])) if not duplicates.empty else []
    undecided = [r for r in flagged if decisions.get(r) not in DECISIONS]
    bad = {r: d for r, d in decisions.items() if d not in DECISIONS}
    if undecided or bad:
        msg = f"decide add, skip or new_id for rows {', '.join(str(r + 1) for r in undecided)}" if undecided else f"unknown decisions {bad}"
        raise EditError(msg)
    chosen, taken = [], set(projects["id"]) if not projects.empty else set()
    for row, feature in enumerate(features):
        decision = decisions.get(row, "add")
        if decision == "skip":
            continue
        if decision == "new_id" or feature["properties"]["id"] in taken:
            feature["properties"]["id"] = _free_id(feature["properties"]["id"], taken)
        taken.add(feature["properties"]["id"])
        chosen.append(feature)
    if not chosen:
        raise EditError(f"{result.name}: every row is skipped; nothing to import")
    summary = {"import_id": import_id, "as": "projects", **_provenance_of(result), "rows": len(features),
               "skipped_rows": [r + 1 for r in range(len(features)) if decisions.get(r) == "skip"],
               "section": mapping.section}
    return editor.import_projects(user, chosen, summary, note)


# --- history and undo ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRecord:
    """One import as the undo list shows it."""

    seq: int
    at: str
    user: str
    import_id: str
    kind: str  # "overlay" | "projects"
    title: str
    count: int
    undone_by: int | None


def import_history(stores: Stores) -> list[ImportRecord]:
    """Every import, newest first, with the entry that undid it (if any)."""
    log = stores.audit.entries()
    undone = _undone(log)
    out = []
    for e in reversed(log):
        if e.action != "import" or e.document != IMPORTS_DOCUMENT:
            continue
        after = e.after or {}
        kind = after.get("as", "?")
        title = after.get("title") or after.get("file") or str(e.feature_id)
        count = int(after.get("features") or len(after.get("projects") or []))
        out.append(ImportRecord(e.seq, e.at, e.user, str(e.feature_id), kind, str(title), count,
                                undone[e.seq].seq if e.seq in undone else None))
    return out


def undo_import(
    stores: Stores, seq: int, *, user: str, note: str | None = None, editor: PlanEditor | None = None
) -> list[AuditEntry]:
    """Undo import ``seq``: remove its projects, or withdraw its overlay layer; return the new entries."""
    editor = editor or stores.editor()
    target = next((e for e in editor.log() if e.seq == seq), None)
    if target is None or target.action != "import" or target.document != IMPORTS_DOCUMENT:
        msg = f"audit entry #{seq} is not an import"
        raise EditError(msg)
    if (target.after or {}).get("as") == "projects":
        return editor.undo_import_projects(user, seq, note)
    store = stores.overlays
    overlay_id = str(target.feature_id)

    def withdraw(entry: AuditEntry) -> None:
        done = _undone(editor.log()).get(seq)
        if done is not None:
            msg = f"import #{seq} was already undone by #{done.seq} ({done.user}, {done.at})"
            raise EditError(msg)
        try:
            meta = _overlay_meta(store, f"{overlay_id}.json")
        except DataSourceError:
            return  # the files were never written (or are damaged): the log line alone withdraws the layer
        meta["withdrawn"] = {"by": entry.user, "at": entry.at, "seq": entry.seq}
        store.write_bytes(f"{overlay_id}.json", dump_json(meta))

    return [editor.record(user, "undo_import", IMPORTS_DOCUMENT, overlay_id, target.after, None, note,
                          reverts=seq, apply=withdraw)]

