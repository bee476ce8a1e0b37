"""Command line of the exports: ``python -m planning export html|png|factsheet|data``.

Examples::

    python -m planning export html -o plan.html
    python -m planning export png -o map.png --zone core-medical --width 2400 --height 1700 --dpi 200
    python -m planning export factsheet --zone core-medical --lang zh -o sheet.pdf
    python -m planning export factsheet --project prj-wide-bandgap-town --lang en -o sheet.pdf
    python -m planning export data -o projects.csv --status 在建 --zone core-medical
    python -m planning export data -o plan.gpkg          # projects and targets, one layer each

The data is the configured store (``HUAIYIN_DATABASE_URL``, else the folder
``HUAIYIN_DATA_DIR``, default ``geodata``) unless ``--data FOLDER`` is given. Every output is written atomically; the exit status is 2
for a bad argument (with a message naming it and what is allowed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from layers.export import DATA_FORMATS, DATA_TABLES, export_data, export_html, filter_projects, filter_targets, provenance
from layers.factsheet import project_factsheet, zone_factsheet
from layers.print_map import PrintOptions, render_png
from planning.errors import PlanningError
from planning.model import CATEGORIES, STATUSES
from planning.plan import Plan, load_plan
from planning.settings import LANGS, settings_from_env
from planning.storage import atomic_write, is_folder
from planning.stores import command_stores

PROG = "python -m planning export"


def _common(parser: argparse.ArgumentParser, *, lang: bool = True) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: HUAIYIN_DATA_DIR or geodata)")
    if lang:
        parser.add_argument("--lang", choices=LANGS, default="zh", help="language of names and labels (default zh)")


def _focus(parser: argparse.ArgumentParser, *, required: bool) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--zone", help="a zone id, e.g. core-medical (see `python -m planning summary`)")
    group.add_argument("--project", help="a project id, e.g. prj-wide-bandgap-town")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Exports for presentations: HTML map, PNG, PDF, data")
    sub = parser.add_subparsers(dest="kind", required=True)
    html = sub.add_parser("html", help="one self-contained HTML map that opens offline from file://")
    _common(html)
    png = sub.add_parser("png", help="a static print map with title, legend, north arrow, scale bar, source line")
    _common(png)
    _focus(png, required=False)
    png.add_argument("--width", type=int, default=2400, help="pixels (default 2400)")
    png.add_argument("--height", type=int, default=1700, help="pixels (default 1700)")
    png.add_argument("--dpi", type=int, default=200, help="dots per inch (default 200)")
    sheet = sub.add_parser("factsheet", help="a one- or two-page PDF of a zone or a project")
    _common(sheet)
    _focus(sheet, required=True)
    data = sub.add_parser("data", help="filtered projects and targets as CSV, Excel, GeoJSON or GeoPackage")
    _common(data, lang=False)
    data.add_argument("--format", choices=DATA_FORMATS, default=None, help="default: from the output's suffix")
    data.add_argument("--what", choices=[*DATA_TABLES, "all"], default=None,
                      help="table(s) to export (default: all for xlsx/gpkg, projects for csv/geojson)")
    data.add_argument("--status", action="append", default=[], choices=list(STATUSES), help="keep projects of this status")
    data.add_argument("--category", action="append", default=[], choices=list(CATEGORIES), help="keep this category")
    data.add_argument("--zone", action="append", default=[], help="keep projects in / targets of this zone")
    data.add_argument("--plan", action="append", default=[], choices=["13th", "14th"], help="keep targets of this plan")
    return parser


def _export_html(plan: Plan, args: argparse.Namespace) -> bytes:
    return export_html(plan, lang=args.lang, provenance_=provenance(args.stores))


def _export_png(plan: Plan, args: argparse.Namespace) -> bytes:
    options = PrintOptions(width_px=args.width, height_px=args.height, dpi=args.dpi, lang=args.lang, zone=args.zone,
                           project=args.project)
    return render_png(plan, options, provenance(args.stores))


def _export_factsheet(plan: Plan, args: argparse.Namespace) -> bytes:
    settings = settings_from_env()  # the operator's contact and public address (QR code)
    extra = {"contact": settings.contact, "public_url": settings.public_url}
    if args.zone is not None:
        return zone_factsheet(plan, args.zone, lang=args.lang, provenance_=provenance(args.stores), **extra)
    return project_factsheet(plan, args.project, lang=args.lang, provenance_=provenance(args.stores), **extra)


def _data_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = args.output.suffix.lower().lstrip(".")
    fmt = {"json": "geojson", "xls": "xlsx"}.get(suffix, suffix)
    if fmt not in DATA_FORMATS:
        msg = f"cannot tell the format from {args.output.name!r}; name it .csv, .xlsx, .geojson or .gpkg, or pass --format"
        raise PlanningError(msg)
    return fmt


def _export_data(plan: Plan, args: argparse.Namespace) -> bytes:
    fmt = _data_format(args)
    what = args.what or ("all" if fmt in ("xlsx", "gpkg") else "projects")
    tables = DATA_TABLES if what == "all" else (what,)
    known = set(plan.zones["id"]) if not plan.zones.empty else set()
    unknown = [z for z in args.zone if z not in known]
    if unknown:
        msg = f"unknown zone(s) {unknown}; known zones: {', '.join(sorted(known))}"
        raise PlanningError(msg)
    zones = tuple(args.zone)
    project_ids = filter_projects(plan, statuses=tuple(args.status), categories=tuple(args.category), zones=zones)
    target_ids = filter_targets(plan, zones=zones, plans=tuple(args.plan))
    return export_data(plan, fmt, what=tables, project_ids=project_ids, target_ids=target_ids)


EXPORTERS: dict[str, Callable[[Plan, argparse.Namespace], bytes]] = {
    "html": _export_html,
    "png": _export_png,
    "factsheet": _export_factsheet,
    "data": _export_data,
}


def run(args: argparse.Namespace, out: Callable[[str], None], err: Callable[[str], None]) -> int:
    """Load the plan, export, write the file; 2 with a message for bad arguments or data."""
    if args.data is not None and not is_folder(args.data):
        err(f"data folder {args.data} does not exist; pass --data FOLDER (e.g. geodata)")
        return 2
    if not is_folder(args.output.parent.resolve()):
        err(f"output folder {args.output.parent} does not exist; create it first")
        return 2
    args.stores = command_stores(args.data)
    try:
        plan = load_plan(args.stores.plan)
    except PlanningError as exc:
        err(str(exc))
        return 2
    if plan.errors:
        err(f"warning: {len(plan.errors)} data problem(s); the valid part is exported (see `python -m planning validate`)")
    try:
        payload = EXPORTERS[args.kind](plan, args)
    except PlanningError as exc:
        err(str(exc))
        return 2
    atomic_write(args.output, payload)
    out(f"wrote {args.output} ({len(payload):,} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``export KIND ...`` (``argv`` may start with the word ``export``, as ``python -m planning`` passes it)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "export":
        argv = argv[1:]
    args = build_parser().parse_args(argv)
    return run(args, print, lambda message: print(message, file=sys.stderr))
