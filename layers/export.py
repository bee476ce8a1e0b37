"""Exports for meetings and fairs: a self-contained HTML map, and the data as CSV, Excel, GeoJSON, GeoPackage.

The HTML map is the app's own map (:func:`layers.builders.build_base_map`
with the no-tiles basemap, the projects layer, layer control, legend, popups)
with every JS and CSS file *inlined* from ``static/vendor`` and every image or
font a CSS file points at turned into a ``data:`` URI, so the file opens from
a USB stick over ``file://`` with no network. The print map and the fact
sheets live in :mod:`layers.print_map` and :mod:`layers.factsheet`.
"""

from __future__ import annotations

from planning.messages import Messages
import base64
import html
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from layers.assets import MissingAssetError, asset_bytes, asset_exists, asset_text, local_path
from layers.builders import MapOptions, _add_controls, build_base_map
from layers.elements import CompactGeoJson
from layers.prepare import plan_geojson, to_script_json
from layers.registry import GROUPS, LAYERS, style_table

from planning.errors import PlanningError
from planning.model import CATEGORIES, DISTRICT_SCOPE, STATUSES, UNITS, ZONE_KINDS
from planning.plan import Plan, read_document_text
from planning import writers
from planning.stores import Stores
from planning.targets import evaluate_all
from planning.tours import format_target

SOURCES_FILE = "SOURCES.md"
#: The files whose SOURCES.md date is the date of what the exports show.
DATED_FILES = ("zones.geojson", "projects.geojson", "targets.json")
DATA_FORMATS = ("csv", "xlsx", "geojson", "gpkg")
DATA_TABLES = ("projects", "targets")

TEXT = Messages("export")


def text(key: str, lang: str, **fmt: Any) -> str:
    """An export string in ``lang`` (``zh`` or ``en``)."""
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**fmt)


def name_in(row: pd.Series, lang: str) -> str:
    """A feature's name in ``lang`` (Chinese when no English name is given)."""
    english = row.get("name_en")
    return str(english if lang == "en" and isinstance(english, str) and english else row["name_zh"])


# --------------------------------------------------------------------------- provenance


@dataclass(frozen=True)
class Provenance:
    """When the exported data was made and last edited (printed on every export)."""

    data_date: str | None
    last_edit_date: str | None = None
    last_edit_seq: int | None = None

    def line(self, lang: str) -> str:
        """One source line: the plan, the data date, the last edit, the approximate-positions note."""
        parts = [text("plan", lang)]
        if self.data_date:
            parts.append(text("data_date", lang, date=self.data_date))
        if self.last_edit_date:
            parts.append(text("edited", lang, date=self.last_edit_date, seq=self.last_edit_seq))
        parts.append(text("approx", lang))
        return " · ".join(parts)


def _table_dates(markdown: str) -> dict[str, str]:
    """File name → ``date`` column of the SOURCES.md table."""
    dates: dict[str, str] = {}
    header: list[str] | None = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            header = None if not line.strip() else header
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
        elif "file" in header and "date" in header and len(cells) == len(header) and not set(cells[0]) <= {"-", ":"}:
            dates[cells[header.index("file")]] = cells[header.index("date")]
    return dates


def provenance(stores: Stores) -> Provenance:
    """The data date (newest SOURCES.md date of zones, projects, targets) and the last audited edit."""
    markdown = read_document_text(stores.plan, SOURCES_FILE) or ""
    dates = _table_dates(markdown)
    known = sorted(d for f, d in dates.items() if f in DATED_FILES and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d))
    log = stores.audit.readable()[0]  # a damaged line is reported by validate and the pages
    last = log[-1] if log else None
    return Provenance(
        data_date=known[-1] if known else None,
        last_edit_date=last.at[:10] if last else None,
        last_edit_seq=last.seq if last else None,
    )


# --------------------------------------------------------------------------- popups


def _rows_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table class='hy-pop'>{cells}</table>"


def zone_popup(plan: Plan, zone: pd.Series, lang: str) -> str:
    """Popup HTML of a zone: names, kind, area, role, industries, targets, project count (all escaped)."""
    zh, en = ZONE_KINDS.get(zone["kind"], (zone["kind"], zone["kind"]))
    industries = zone["industries_zh"] if lang == "zh" else zone["industries_en"]
    rows = [
        (text("kind", lang), zh if lang == "zh" else en),
        (text("area", lang), text("area_value", lang, ha=zone["area_ha"], mu=zone["area_mu"])),
        (text("role", lang), str(zone["description_zh"] if lang == "zh" else zone["description_en"])),
        (text("industries", lang), "、".join(industries) if isinstance(industries, list) else text("unknown", lang)),
    ]
    for target in plan.targets_for(zone["id"]):
        rows.append((target.metric_zh if lang == "zh" else target.metric_en, format_target(target, lang)))
    rows.append((text("projects_in_zone", lang), str(len(plan.projects_in_zone(zone["id"])))))
    other = zone["name_en"] if lang == "zh" else zone["name_zh"]
    return f"<b>{html.escape(name_in(zone, lang))}</b><br><i>{html.escape(str(other))}</i>{_rows_html(rows)}"


def _zone_names(plan: Plan, ids: list[str], lang: str) -> list[str]:
    names = []
    for zid in ids:
        zone = plan.feature("zones", zid)
        names.append(name_in(zone, lang) if zone is not None else zid)
    return names


def project_popup(plan: Plan, project: pd.Series, lang: str) -> str:
    """Popup HTML of a project: category, status with its source, zones, sources, location quality (escaped)."""
    status = project["status"]
    rows = [
        (text("category", lang), project["category"] if lang == "zh" else CATEGORIES.get(project["category"], "")),
        (text("status", lang), status if lang == "zh" else STATUSES.get(status, status)),
    ]
    if isinstance(project.get("status_source"), str):
        rows.append((text("status_source", lang), f"{project.get('status_date')} · {project['status_source']}"))
    rows.append((text("zones", lang), "、".join(_zone_names(plan, list(project["zone_ids"]), lang)) or text("none", lang)))
    rows.append((text("sources", lang), "；".join(s["label"] for s in project["sources"])))
    rows.append((text("location", lang), text(str(project["geometry_quality"]), lang)))
    other = project["name_en"] if lang == "zh" else project["name_zh"]
    return f"<b>{html.escape(name_in(project, lang))}</b><br><i>{html.escape(str(other))}</i>{_rows_html(rows)}"


def popups(plan: Plan, lang: str) -> dict[str, dict[str, str]]:
    """Layer id → feature id → popup HTML, for zones and projects."""
    return {
        "zones": {z["id"]: zone_popup(plan, z, lang) for _, z in plan.zones.iterrows()},
        "projects": {p["id"]: project_popup(plan, p, lang) for _, p in plan.projects.iterrows()},
    }


class FeaturePopups(MacroElement):
    """Binds a popup to every drawn feature that has one (also to features of layers switched on later)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .hy-pop { border-collapse: collapse; margin-top: 4px; font-size: 12px; }
          .hy-pop th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0; white-space: nowrap; }
          .hy-pop td { padding: 1px 0; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (m) {
          var popups = {{ this.popups_json }};
          function bind(layer) {
            var p = layer && layer.feature && layer.feature.properties;
            var byId = p && popups[p.l];
            if (byId && byId[p.id] && !layer.getPopup()) { layer.bindPopup(byId[p.id], {maxWidth: 380}); }
          }
          m.eachLayer(bind);
          m.on('layeradd', function (e) { bind(e.layer); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, by_layer: dict[str, dict[str, str]]) -> None:
        super().__init__()
        self._name = "FeaturePopups"
        self.popups_json = to_script_json(by_layer)


class TitleBox(MacroElement):
    """The map's title and source line, drawn over the map (text is escaped)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .hy-title { position: absolute; z-index: 1000; left: 60px; top: 10px; max-width: 60%;
                      background: rgba(255,255,255,0.92); border-radius: 6px; padding: 6px 10px;
                      box-shadow: 0 1px 5px rgba(0,0,0,0.4); font: 12px/1.4 sans-serif; }
          .hy-title b { font-size: 16px; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (m) {
          var div = L.DomUtil.create('div', 'hy-title', m.getContainer());
          div.innerHTML = {{ this.html_json }};
          L.DomEvent.disableClickPropagation(div);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, line: str) -> None:
        super().__init__()
        self._name = "TitleBox"
        self.html_json = to_script_json(f"<b>{html.escape(title)}</b><br>{html.escape(line)}")


# --------------------------------------------------------------------------- the HTML map


def _overlay_groups(m: folium.Map, lang: str) -> dict[str, list[Any]]:
    """The layer-control groups of the overlays :func:`build_base_map` added (by their registry titles)."""
    spec_by_title = {spec.title(lang): spec for spec in LAYERS}
    groups: dict[str, list[Any]] = {}
    for child in list(m._children.values()):  # noqa: SLF001 - folium exposes no public iterator
        spec = spec_by_title.get(getattr(child, "layer_name", None))
        if isinstance(child, CompactGeoJson) and child.control and spec is not None:
            zh, en = GROUPS[spec.group]
            groups.setdefault(zh if lang == "zh" else en, []).append(child)
    return groups


def export_map(plan: Plan, *, lang: str, provenance_: Provenance) -> folium.Map:
    """The map of the HTML export: every layer, the projects, controls, legend, popups, title."""
    geo = plan_geojson(plan.layers, lang=lang)
    options = MapOptions(lang=lang, basemap="none", controls=False, offline_assets=False)
    m = build_base_map(geo, options)
    groups = _overlay_groups(m, lang)
    if "projects" in geo:
        projects = CompactGeoJson(geo["projects"], style_table(), name=text("projects", lang))
        projects.add_to(m)
        groups.setdefault(GROUPS["plan"][0 if lang == "zh" else 1], []).append(projects)
    _add_controls(m, geo, groups, MapOptions(lang=lang, basemap="none"))  # the app's own controls and legend
    m.add_child(FeaturePopups(popups(plan, lang)))
    m.add_child(TitleBox(text("app_title", lang), provenance_.line(lang)))
    m.get_root().title = text("app_title", lang)
    return m


_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>')
_LINK_TAG = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/?>')
_LINKING_TAG = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", re.IGNORECASE)


def data_uri(path: Path) -> str:
    """The file as a base64 ``data:`` URI."""
    mime = mimetypes.guess_type(path.name)[0] or {
        ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject",
    }.get(path.suffix, "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(asset_bytes(path)).decode('ascii')}"


def inline_css(css: str, css_path: Path) -> str:
    """``css`` with every relative ``url(...)`` replaced by a data URI of the file it names."""

    def replace(match: re.Match[str]) -> str:
        ref = match.group(2).strip()
        if ref.startswith(("data:", "#")):
            return match.group(0)
        if re.match(r"^(?:[a-z]+:)?//", ref, re.IGNORECASE):
            msg = f"{css_path.name} links {ref}, which would need the network; vendor it under static/vendor"
            raise MissingAssetError(msg)
        target = (css_path.parent / re.split(r"[?#]", ref)[0]).resolve()
        if not asset_exists(target):
            msg = f"{css_path.name} refers to {ref}, but {target} is missing; re-run scripts/vendor_static.sh"
            raise MissingAssetError(msg)
        return f'url("{data_uri(target)}")'

    return _CSS_URL.sub(replace, css)


def _inline_script(match: re.Match[str]) -> str:
    js = asset_text(local_path(match.group(1)))
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE) + "</script>"


def _inline_link(match: re.Match[str]) -> str:
    path = local_path(match.group(1))
    css = inline_css(asset_text(path), path)
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"


def self_contained(page: str) -> str:
    """The rendered page with every linked JS and CSS file inlined; raises if any other link is left."""
    linked = _LINKING_TAG.findall(page)
    known = _SCRIPT_TAG.findall(page) + _LINK_TAG.findall(page)
    if len(linked) != len(known):
        msg = f"the page links files this exporter cannot inline: {linked}"
        raise MissingAssetError(msg)
    page = _SCRIPT_TAG.sub(_inline_script, page)
    return _LINK_TAG.sub(_inline_link, page)


def export_html(plan: Plan, *, lang: str, provenance_: Provenance) -> bytes:
    """A single self-contained HTML file of the plan map (UTF-8), for ``file://`` use with no network."""
    page = export_map(plan, lang=lang, provenance_=provenance_).get_root().render()
    return self_contained(page).encode("utf-8")


# --------------------------------------------------------------------------- data


def filter_projects(
    plan: Plan, *, statuses: tuple[str, ...] = (), categories: tuple[str, ...] = (), zones: tuple[str, ...] = ()
) -> list[str]:
    """Ids of the projects that pass every given filter (an empty filter passes all), in file order."""
    projects = plan.projects
    if projects.empty:
        return []
    mask = pd.Series(True, index=projects.index)
    if statuses:
        mask &= projects["status"].isin(statuses)
    if categories:
        mask &= projects["category"].isin(categories)
    if zones:
        mask &= projects["zone_ids"].apply(lambda ids: bool(set(zones) & set(ids)))
    return projects.loc[mask, "id"].tolist()


def filter_targets(plan: Plan, *, zones: tuple[str, ...] = (), plans: tuple[str, ...] = ()) -> list[str]:
    """Ids of the targets scoped to one of ``zones`` and in one of ``plans`` (empty filters pass all)."""
    return [t.id for t in plan.targets if (not zones or t.scope in zones) and (not plans or t.plan in plans)]


def projects_table(plan: Plan, ids: list[str]) -> gpd.GeoDataFrame:
    """The projects ``ids`` with every attribute, zone names, lon/lat and geometry (the writer makes lists JSON text)."""
    projects = plan.projects
    rows = projects[projects["id"].isin(ids)].copy()
    rows["zone_names_zh"] = rows["zone_ids"].apply(lambda z: "、".join(_zone_names(plan, list(z), "zh")) if z else "")
    point = rows.geometry.representative_point()
    rows["lon"], rows["lat"] = point.x.round(6), point.y.round(6)
    return rows.reset_index(drop=True)


def _scope_geometry(plan: Plan, target: Any) -> Any:
    if target.scope_kind == "zone":
        zone = plan.feature("zones", target.scope)
        return zone.geometry if zone is not None else None
    return None  # district and industry targets apply district-wide: no geometry of their own


TARGET_COLUMNS = (
    "id", "plan", "scope_kind", "scope", "scope_name_zh", "metric_zh", "metric_en", "unit", "unit_en",
    "baseline_year", "baseline_value", "baseline_text", "target_year", "target_value", "target_text",
    "annual_growth_pct", "comparison", "attribute", "cumulative", "latest_year", "latest_value", "latest_source",
    "on_track", "on_track_reason_en", "source_section", "source_label",
)


def _target_row(plan: Plan, target: Any, progress: Any) -> dict[str, Any]:
    latest = target.latest_observation()
    zone = plan.feature("zones", target.scope) if target.scope_kind == "zone" else None
    return {
        "id": target.id, "plan": target.plan, "scope_kind": target.scope_kind, "scope": target.scope,
        "scope_name_zh": zone["name_zh"] if zone is not None else ("槐荫区" if target.scope == DISTRICT_SCOPE else ""),
        "metric_zh": target.metric_zh, "metric_en": target.metric_en, "unit": target.unit,
        "unit_en": UNITS.get(target.unit, target.unit),
        "baseline_year": target.baseline_year, "baseline_value": target.baseline_value,
        "baseline_text": target.baseline_text, "target_year": target.target_year,
        "target_value": target.target_value, "target_text": target.target_text,
        "annual_growth_pct": target.annual_growth_pct, "comparison": target.comparison,
        "attribute": target.attribute, "cumulative": target.cumulative,
        "latest_year": latest.year if latest else None, "latest_value": latest.value if latest else None,
        "latest_source": latest.source if latest else None,
        "on_track": progress.status, "on_track_reason_en": progress.reason_en,
        "source_section": target.source_section, "source_label": target.source_label,
    }


def targets_table(plan: Plan, ids: list[str]) -> gpd.GeoDataFrame:
    """The targets ``ids`` with their latest observation, on-track status and, for zone targets, the zone's outline."""
    wanted = [t for t in plan.targets if t.id in set(ids)]
    progress = evaluate_all(wanted)
    rows = [_target_row(plan, t, progress[t.id]) for t in wanted]
    geometry = gpd.GeoSeries([_scope_geometry(plan, t) for t in wanted], crs="EPSG:4326")
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=list(TARGET_COLUMNS)), geometry=geometry)


def data_tables(plan: Plan, what: tuple[str, ...], project_ids: list[str], target_ids: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """The tables to export, by name (``projects``, ``targets``)."""
    build = {"projects": lambda: projects_table(plan, project_ids), "targets": lambda: targets_table(plan, target_ids)}
    return {name: build[name]() for name in what}


def export_data(plan: Plan, fmt: str, *, what: tuple[str, ...], project_ids: list[str], target_ids: list[str]) -> bytes:
    """Projects and/or targets as ``csv`` / ``geojson`` (one table) or ``xlsx`` / ``gpkg`` (one sheet/layer each).

    Every format is written by :mod:`planning.writers`, which defuses spreadsheet formulas.

    Raises
    ------
    PlanningError
        For an unknown format or table, or two tables asked of a one-table format.
    """
    if fmt not in DATA_FORMATS:
        msg = f"unknown data format {fmt!r}; use one of {', '.join(DATA_FORMATS)}"
        raise PlanningError(msg)
    unknown = [w for w in what if w not in DATA_TABLES]
    if unknown or not what:
        msg = f"unknown table(s) {unknown or list(what)}; choose from {', '.join(DATA_TABLES)}"
        raise PlanningError(msg)
    if fmt in ("csv", "geojson") and len(what) != 1:
        msg = f"a {fmt} file holds one table: export projects and targets separately (or use xlsx / gpkg)"
        raise PlanningError(msg)
    tables = data_tables(plan, what, project_ids, target_ids)
    if fmt == "csv":
        return writers.csv_bytes(next(iter(tables.values())))
    if fmt == "geojson":
        return writers.geojson_bytes(next(iter(tables.values())))
    return writers.xlsx_bytes(tables) if fmt == "xlsx" else writers.gpkg_bytes(tables)

