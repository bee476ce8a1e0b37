"""Command line of the PostGIS store: ``python -m planning db init|migrate|status|load FOLDER|dump FOLDER``.

The database is ``--url`` or ``HUAIYIN_DATABASE_URL``. Every command is
idempotent or refuses to overwrite:

- ``init`` enables PostGIS when missing (needs the right to create the
  extension) and creates or migrates the tables; ``migrate`` does the same
  (the app also migrates on start);
- ``status`` prints the schema version and every document with its version;
- ``load FOLDER`` checks the plan folder like ``validate`` (refusing one with
  errors), then writes all its documents in one transaction; a database that
  already holds documents is refused unless ``--replace``;
- ``dump FOLDER`` writes every document back as files (one consistent
  snapshot) and validates the folder written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from planning.errors import PlanningError
from planning.plan import load_plan
from planning.postgis import SCHEMA_VERSION, PostgisStore, dump_folder, load_folder, storage_kinds
from planning.settings import settings_from_env

Out = Callable[[str], None]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m planning db", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="postgresql:// URL (default: HUAIYIN_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="enable PostGIS and create or migrate the tables")
    sub.add_parser("migrate", help="apply the missing schema migrations")
    sub.add_parser("status", help="schema version and the documents in the database")
    load = sub.add_parser("load", help="load a plan folder (GeoJSON layers, targets.json …) into the database")
    load.add_argument("folder", type=Path)
    load.add_argument("--replace", action="store_true", help="overwrite the documents already in the database")
    dump = sub.add_parser("dump", help="write every document of the database to a folder")
    dump.add_argument("folder", type=Path)
    dump.add_argument("--overwrite", action="store_true", help="write into a folder that already holds files")
    return parser


def _store(url: str | None) -> PostgisStore:
    url = url or settings_from_env().database_url
    if not url:
        msg = "no database: set HUAIYIN_DATABASE_URL or pass --url postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
        raise PlanningError(msg)
    return PostgisStore(url, migrate=False)


def cmd_migrate(store: PostgisStore, out: Out) -> int:
    applied = store.migrate()
    for migration in applied:
        out(f"applied migration {migration.version}: {migration.description}")
    out(f"schema version {store.schema_version()} (this app: {SCHEMA_VERSION}) in {store.name}"
        + ("" if applied else "; nothing to do"))
    return 0


def cmd_status(store: PostgisStore, out: Out) -> int:
    out(f"{store.name}: schema version {store.schema_version()} (this app: {SCHEMA_VERSION})")
    kinds = storage_kinds(store)
    for name, version, size in store.signature():
        out(f"  {name:24s} v{version:<8d} {kinds[name]}" + (f" {size:,} B" if kinds[name] == "body" else ""))
    return 0


def _report_problems(folder: Path, out: Out, label: str) -> int:
    plan = load_plan(folder)  # a plan folder given on the command line
    for problem in plan.problems:
        out(f"{problem.severity.upper()}: {problem}")
    out(f"{label}: {len(plan.errors)} error(s), {len(plan.problems) - len(plan.errors)} warning(s) in {folder}")
    return len(plan.errors)


def cmd_load(store: PostgisStore, folder: Path, replace: bool, out: Out) -> int:
    if _report_problems(folder, out, "checked before loading"):
        out(f"not loaded: fix the errors in {folder} first (python -m planning validate {folder})")
        return 1
    store.migrate()
    report = load_folder(store, folder, replace=replace)
    kinds = ", ".join(f"{name} ({kind})" for name, kind in report.storage.items())
    out(f"loaded {len(report.written)} documents into {store.name}: {kinds}")
    if report.removed:
        out(f"removed {len(report.removed)} documents that are not in {folder}: {', '.join(report.removed)}")
    loaded = load_plan(store)
    out(f"the plan in the database: {len(loaded.errors)} error(s), "
        f"{sum(loaded.feature_counts.get(k, 0) for k in loaded.layers)} features, {len(loaded.targets)} targets")
    return 1 if loaded.errors else 0


def cmd_dump(store: PostgisStore, folder: Path, overwrite: bool, out: Out) -> int:
    store.ensure_schema()
    names = dump_folder(store, folder, overwrite=overwrite)
    out(f"wrote {len(names)} documents from {store.name} to {folder}: {', '.join(names)}")
    return 1 if _report_problems(folder, out, "the folder written") else 0


def main(argv: list[str] | None = None, out: Out = print) -> int:
    """Run one ``db`` command; exit status 0 on success, 1 on a refusal or data errors, 2 on bad usage."""
    args = _parser().parse_args(argv)
    try:
        store = _store(args.url)
        try:
            if args.command in ("init", "migrate"):
                return cmd_migrate(store, out)
            if args.command == "status":
                store.ensure_schema()
                return cmd_status(store, out)
            if args.command == "load":
                return cmd_load(store, args.folder, args.replace, out)
            return cmd_dump(store, args.folder, args.overwrite, out)
        finally:
            store.close()
    except PlanningError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
