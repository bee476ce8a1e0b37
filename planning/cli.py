"""Command line: ``python -m planning validate|summary [FOLDER]``, ``account add``, ``import FILE``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from planning import cli_account
from planning.ingest.cli import add_parser as add_ingest_parser
from planning.ingest.cli import cmd_ingest
from planning.edits import AuditEntry
from planning.imports import DATUMS, ImportOptions, ImportResult, limits_for, read_upload
from planning.imports_apply import (
    OVERLAY_KINDS,
    ProjectMapping,
    add_overlay,
    candidate_projects,
    default_decisions,
    find_duplicates,
    merge_projects,
)
from planning.errors import PlanningError
from planning.model import CATEGORIES, STATUSES, ZONE_KINDS
from planning.consistency import check_consistency
from planning.plan import OUTLINE_FILE, Plan, load_plan, read_document_text
from planning.schema import LAYER_SCHEMAS
from planning.settings import settings_from_env, settings_table
from planning.state_check import check_stores
from planning.state_files import CorruptStateError
from planning.storage import file_size, is_folder, read_file
from planning.stores import Stores, command_stores
from planning.summary import ProjectSummary, Summaries, ZoneSummary, pipeline_line


def _print_counts(plan: Plan, out: Callable[[str], None]) -> None:
    out("Layer counts (valid / in file):")
    for layer_id in [*LAYER_SCHEMAS, "targets"]:
        total = plan.feature_counts.get(layer_id)
        if total is None:
            out(f"  {layer_id:16s} missing")
            continue
        valid = len(plan.targets) if layer_id == "targets" else len(plan.layer(layer_id))
        out(f"  {layer_id:16s} {valid:4d} / {total:4d}")


def cmd_validate(
    plan: Plan, out: Callable[[str], None], outline: str | None = None, *, state: tuple[list, list] | None = None
) -> int:
    """Print every problem (schema, cross-layer consistency, and the state files: overlays, tours, audit log, plan
    text, accounts, comments database) and the counts; exit status 1 on any error."""
    _print_counts(plan, out)
    state_problems, tour_problems = state or ([], [])
    problems = [*plan.problems, *check_consistency(plan.layers, outline), *tour_problems]
    errors = [*(p for p in problems if p.severity == "error"), *state_problems]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in problems:
        out(f"{problem.severity.upper()}: {problem}")
    for problem in state_problems:
        out(f"ERROR: {problem.en}")
    out(f"{len(errors)} error(s), {len(warnings)} warning(s) in {plan.store_name}")
    return 1 if errors else 0


def _zone_line(z: ZoneSummary) -> str:
    on_track = ", ".join(f"{k} {n}" for k, n in z.target_status.items() if n) or "none"
    return (
        f"{z.zone_id}: {z.name_zh} / {z.name_en} — {z.area_ha:.1f} ha ({z.area_mu:.0f} 亩), "
        f"{z.projects} projects ({pipeline_line(z)}), {len(z.targets)} targets (on track: {on_track}), "
        f"{100 * z.transit_share_800m:.0f}% within 800 m of a station, ecology red line inside {z.redline_ha:.1f} ha; source: {z.source}"
    )


def _summary_zones(plan: Plan, out: Callable[[str], None], summaries: Summaries) -> None:
    zones = plan.zones
    out(f"\n== Zones 两核三区、三纵三横 ({len(zones)}) ==")
    for kind in ZONE_KINDS:
        for zone_id in zones[zones["kind"] == kind]["id"] if not zones.empty else []:
            out(f"  [{ZONE_KINDS[kind][1]}] {_zone_line(summaries.zone(str(zone_id)))}")


def zone_report(z: ZoneSummary) -> list[str]:
    """A zone's summary as lines of text (``python -m planning summary --zone ID``)."""
    lines = [_zone_line(z), f"  targets: {', '.join(z.targets) or 'none'}",
             f"  projects by category: {', '.join(f'{c} {n}' for c, n in z.by_category.items()) or 'none'}",
             f"  project density: {z.density_per_km2:.1f} per km²"]
    lines += [f"  red line: {r.layer_zh} / {r.layer_en} · {r.feature_name_zh}: {r.overlap_ha:.2f} ha ({r.overlap_mu:.1f} 亩)"
              for r in z.redline]
    return lines


def project_report(p: ProjectSummary) -> list[str]:
    """A project's summary as lines of text (``python -m planning summary --project ID``)."""
    status = p.status + (f" ({p.status_date}, {p.status_source})" if p.status_date else "")
    station = p.nearest_station
    lines = [
        f"{p.project_id}: {p.name_zh} / {p.name_en} [{p.category}] status {status}",
        f"  zones: {', '.join(p.zone_ids) or 'none'}; targets of its zones: {', '.join(p.targets) or 'none'}",
        "  area: " + (f"{p.area_ha:.2f} ha ({p.area_mu:.1f} 亩)" if p.area_ha is not None else "not an area (point or line)"),
        "  nearest station: " + (f"{station.name_zh} / {station.name_en}, {station.distance_m:,.0f} m"
                                 if station else "none") + ("; far from transit (over 1 km)" if p.far_from_transit else ""),
        "  station catchments: " + "; ".join(f"{r} m: {', '.join(ids) or 'none'}" for r, ids in p.catchments.items()),
        f"  red line: {p.redline_ha:.2f} ha ({p.redline_mu:.1f} 亩)" + ("" if p.redline else " (no overlap)"),
    ]
    lines += [f"    {r.layer_zh} / {r.layer_en} · {r.feature_name_zh}: {r.overlap_ha:.2f} ha" for r in p.redline]
    return lines


def cmd_summary_of(plan: Plan, args: argparse.Namespace, out: Callable[[str], None]) -> int:
    """``summary --zone ID`` / ``--project ID``: one feature's summary, as every surface shows it."""
    summaries = Summaries(plan)
    try:
        lines = zone_report(summaries.zone(args.zone)) if args.zone else project_report(summaries.project(args.project))
    except KeyError as exc:
        out(f"error: {exc.args[0]}")
        return 1
    for line in lines:
        out(line)
    return 0


def _summary_projects(plan: Plan, out: Callable[[str], None]) -> None:
    projects = plan.projects
    out(f"\n== Projects ({len(projects)}) ==")
    if projects.empty:
        return
    by_status = Counter(projects["status"])
    out("  by status:   " + ", ".join(f"{s} {by_status.get(s, 0)}" for s in STATUSES))
    by_category = Counter(projects["category"])
    out("  by category: " + ", ".join(f"{c} {by_category[c]}" for c in CATEGORIES if by_category.get(c)))
    by_zone = Counter(z for ids in projects["zone_ids"] for z in ids)
    none = sum(1 for ids in projects["zone_ids"] if not ids)
    out("  by zone:     " + ", ".join(f"{z} {n}" for z, n in sorted(by_zone.items())) + f", (no zone) {none}")
    for _, p in projects.sort_values(["category", "id"]).iterrows():
        refs = " + ".join(s["ref"] for s in p["sources"])
        zones = ",".join(p["zone_ids"]) or "-"
        out(f"  {p['id']}: {p['name_zh']} [{p['category']}, {p['status']}] zones {zones}; source {refs}")


def _summary_targets(plan: Plan, out: Callable[[str], None]) -> None:
    out(f"\n== Targets ({len(plan.targets)}) ==")
    counts = Counter((t.plan, t.scope_kind) for t in plan.targets)
    out("  " + ", ".join(f"{p}/{k} {n}" for (p, k), n in sorted(counts.items())))
    for t in plan.targets:
        base = t.baseline_text if t.baseline_text is not None else "-"
        goal = t.target_text if t.target_text is not None else "-"
        out(f"  {t.id} [{t.scope}] {t.metric_zh} ({t.unit or '—'}): {base} → {goal}; source {t.source_label}")


def cmd_summary(plan: Plan, out: Callable[[str], None]) -> int:
    """Print zones, project counts and every project and target with its source."""
    _print_counts(plan, out)
    _summary_zones(plan, out, Summaries(plan))
    _summary_projects(plan, out)
    _summary_targets(plan, out)
    if plan.errors:
        out(f"\n{len(plan.errors)} error(s): run `python -m planning validate` for details")
    return 0


COMMANDS: dict[str, Callable[[Plan, Callable[[str], None]], int]] = {
    "validate": cmd_validate,
    "summary": cmd_summary,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m planning", description="Huaiyin plan data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in COMMANDS.items():
        p = sub.add_parser(name, help=(func.__doc__ or "").splitlines()[0])
        p.add_argument("folder", nargs="?", type=Path, default=None,
                       help="data folder (default: the configured store: HUAIYIN_DATABASE_URL, else HUAIYIN_DATA_DIR or geodata)")
    summary = sub.choices["summary"]
    summary.add_argument("--zone", help="print one zone's summary (targets, pipeline, area, transit, red line)")
    summary.add_argument("--project", help="print one project's summary (status, zones, station, red line)")
    sub.add_parser("settings", help="every HUAIYIN_* setting: default, current value and meaning")
    cli_account.add_parser(sub)
    _add_import_parser(sub)
    add_ingest_parser(sub)
    return parser


def _add_import_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a GIS file as an overlay layer or as projects (audited, undoable in the app)")
    p.add_argument("file", type=Path, help="GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ, CSV or XLSX")
    p.add_argument("--folder", type=Path, default=None,
                   help="data folder (default: the configured store: HUAIYIN_DATABASE_URL, else HUAIYIN_DATA_DIR or geodata)")
    p.add_argument("--crs", help="coordinate system when not declared or wrong, e.g. EPSG:4548; GCJ-02 or BD-09 for "
                   "longitude/latitude copied from Gaode/Tencent or Baidu maps (as the CRS question offers)")
    p.add_argument("--datum", choices=list(DATUMS), help="gcj02: copied from Gaode/Tencent; bd09: from Baidu")
    p.add_argument("--layer", help="GeoPackage layer or Shapefile name inside the zip")
    p.add_argument("--sheet", help="Excel sheet")
    p.add_argument("--lon", help="longitude / X column (CSV, Excel)")
    p.add_argument("--lat", help="latitude / Y column (CSV, Excel)")
    p.add_argument("--encoding", help="attribute text encoding, e.g. GBK or UTF-8 (default: .cpg or detected)")
    p.add_argument("--repair", action="store_true", help="consent to repairing invalid geometry (each repair is reported)")
    p.add_argument("--as", dest="as_", choices=["overlay", "projects"], default="overlay")
    p.add_argument("--dry-run", action="store_true", help="print the validation report only; write nothing")
    p.add_argument("--user", help="your planner account (must exist; recorded in the audit log)")
    p.add_argument("--title", help="overlay: layer title")
    p.add_argument("--kind", choices=list(OVERLAY_KINDS), default="参考图层", help="overlay: kind (红线 kinds feed the red-line check)")
    p.add_argument("--provenance", help="overlay: where the layer comes from (issuer, edition, date)")
    p.add_argument("--name-col", help="projects: column of the Chinese name")
    p.add_argument("--name-en-col", help="projects: column of the English name")
    p.add_argument("--id-col", help="projects: column of the id")
    p.add_argument("--category-col", help="projects: column of the category")
    p.add_argument("--category", choices=list(CATEGORIES), default=None, help="projects: category for rows without one")
    p.add_argument("--section", help="projects: plan section justifying them, e.g. ch4-1 or box6")
    p.add_argument("--section-label", help="projects: how the section is cited, e.g. 第四章 一、")
    p.add_argument("--duplicates", choices=["skip", "add"], default="skip",
                   help="projects: likely duplicates (same name, within 50 m) are skipped (default) or added; id clashes get a new id")
    p.add_argument("--note", help="note for the audit log")


def _read_import(args: argparse.Namespace, out: Callable[[str], None]) -> tuple[int, ImportResult | None]:
    max_mb = settings_from_env().import_max_mb
    path = args.file.resolve()
    size = file_size(path)
    if size is None:
        out(f"{args.file}: no such file")
        return 2, None
    if size > max_mb * 1024 * 1024:
        out(f"{args.file}: {size / 1024 / 1024:.1f} MB is over the import limit of {max_mb} MB (HUAIYIN_IMPORT_MAX_MB)")
        return 1, None
    options = ImportOptions(crs=args.crs, datum=args.datum, layer=args.layer, lon=args.lon, lat=args.lat,
                            encoding=args.encoding, sheet=args.sheet, repair=args.repair, limits=limits_for(max_mb))
    result = read_upload(path.name, read_file(path), options=options)
    out(result.summary())
    for message in result.report:
        out(f"  {message}")
    for question in result.needs:
        out(f"  QUESTION ({question.key}): {question.text}" + (f" [choices: {', '.join(question.choices)}]" if question.choices else ""))
    if result.errors:
        return 1, result
    if result.needs:
        out("answer the questions with --crs/--datum/--layer/--sheet/--lon/--lat/--encoding/--repair, then run again")
        return 3, result
    return 0, result


def cmd_import(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    """Read a GIS file, print the validation report, and (unless --dry-run) apply it with an audit entry."""
    status, result = _read_import(args, out)
    if status or args.dry_run:
        return status
    if problem := cli_account.check_user(args.user, settings_from_env()):
        out(problem)
        return 2
    stores = command_stores(args.folder)
    try:
        if args.as_ == "overlay":
            entries = [add_overlay(stores, result, user=args.user, title=args.title or result.name, kind=args.kind,
                                   provenance=args.provenance or "", note=args.note)]
        else:
            entries = _merge_from_cli(args, stores, result, out)
    except PlanningError as exc:
        out(f"not imported: {exc}")
        return 1
    finally:
        stores.close()
    out(f"imported as {args.as_}: audit entry #{entries[-1].seq} ({entries[-1].feature_id}); undo it on the import page")
    return 0


def _merge_from_cli(
    args: argparse.Namespace, stores: Stores, result: ImportResult, out: Callable[[str], None]
) -> list[AuditEntry]:
    if not (args.name_col and args.section and args.section_label and args.category):
        msg = "--as projects needs --name-col, --section, --section-label and --category"
        raise PlanningError(msg)
    mapping = ProjectMapping(name_zh=args.name_col, section=args.section, section_label=args.section_label,
                             default_category=args.category, name_en=args.name_en_col, id=args.id_col, category=args.category_col)
    projects = load_plan(stores.plan).projects
    features, _ = candidate_projects(result, mapping, user=args.user, import_id="preview", today=dt.date.today())
    duplicates = find_duplicates(features, projects)
    for _, row in duplicates.iterrows():
        out(f"  row {row['row'] + 1} {row['name_zh']}: {row['reason']} of {row['existing_id']} {row['existing_name']} ({row['distance_m']} m)")
    decisions = default_decisions(features, duplicates)
    if args.duplicates == "add":
        decisions = {r: ("add" if d == "add" else "new_id") for r, d in decisions.items()}
    return merge_projects(stores.editor(), result, mapping, decisions, user=args.user, projects=projects, note=args.note)


def cmd_settings(out: Callable[[str], None]) -> int:
    """Print every setting: variable, default, current value (secrets: only whether set) and help."""
    for variable, default, current, text in settings_table():
        out(f"{variable:30s} default {default:36s} now {current:16s} {text}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings_from_env()  # a bad environment variable is named once, before any command runs
    except PlanningError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command == "settings":
        return cmd_settings(print)
    if args.command == "account":
        return cli_account.cmd_account(args)
    if args.command == "import":
        return cmd_import(args, print)
    if args.command == "ingest":
        return cmd_ingest(args, print, load_plan)
    if args.folder is not None and not is_folder(args.folder):
        print(f"folder {args.folder} does not exist; pass the data folder, e.g. geodata", file=sys.stderr)
        return 2
    stores = command_stores(args.folder)
    try:
        return _run_on(args, stores)
    except PlanningError as exc:  # the database cannot be reached or refuses
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        stores.close()


def _run_on(args: argparse.Namespace, stores: Stores) -> int:
    for line in stores.recovered:  # a writer was killed mid-commit: opening finished or undid it
        print(f"RECOVERED: {line}")
    plan = load_plan(stores.plan)
    if args.command == "summary" and (args.zone or args.project):
        return cmd_summary_of(plan, args, print)
    if args.command == "validate":  # the consistency rules read the plan's text for the fact rule
        current = settings_from_env()
        on_files = args.folder is not None or not current.database_url  # comments in SQLite, not the database
        state = check_stores(stores, plan, comments_db=current.comments_db if on_files else None)
        try:
            outline = read_document_text(stores.plan, OUTLINE_FILE)
        except CorruptStateError:
            outline = None  # reported with the state files
        return cmd_validate(plan, print, outline, state=state)
    return COMMANDS[args.command](plan, print)
