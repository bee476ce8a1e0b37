"""Command line: ``python -m planning validate|summary [FOLDER]``."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from planning.auth import add_account
from planning.errors import PlanningError
from planning.model import CATEGORIES, STATUSES, ZONE_KINDS
from planning.plan import Plan, load_plan
from planning.schema import LAYER_SCHEMAS
from planning.settings import settings_from_env

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "geodata"


def _print_counts(plan: Plan, out: Callable[[str], None]) -> None:
    out("Layer counts (valid / in file):")
    for layer_id in [*LAYER_SCHEMAS, "targets"]:
        total = plan.feature_counts.get(layer_id)
        if total is None:
            out(f"  {layer_id:16s} missing")
            continue
        valid = len(plan.targets) if layer_id == "targets" else len(plan.layer(layer_id))
        out(f"  {layer_id:16s} {valid:4d} / {total:4d}")


def cmd_validate(plan: Plan, out: Callable[[str], None]) -> int:
    """Print every problem and the counts; exit status 1 on any error."""
    _print_counts(plan, out)
    errors = plan.errors
    warnings = [p for p in plan.problems if p.severity != "error"]
    for problem in plan.problems:
        out(f"{problem.severity.upper()}: {problem}")
    out(f"{len(errors)} error(s), {len(warnings)} warning(s) in {plan.store_name}")
    return 1 if errors else 0


def _summary_zones(plan: Plan, out: Callable[[str], None]) -> None:
    zones = plan.zones
    out(f"\n== Zones 两核三区、三纵三横 ({len(zones)}) ==")
    for kind in ZONE_KINDS:
        for _, z in zones[zones["kind"] == kind].iterrows() if not zones.empty else []:
            projects = plan.projects_in_zone(z["id"])
            out(
                f"  [{ZONE_KINDS[kind][1]}] {z['id']}: {z['name_zh']} / {z['name_en']} — "
                f"{z['area_ha']:.1f} ha ({z['area_mu']:.0f} 亩), {len(projects)} projects, "
                f"{len(plan.targets_for(z['id']))} targets; source: {z['source']}"
            )


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
        out(f"  {t.id} [{t.scope}] {t.metric_zh} ({t.unit}): {base} → {goal}; source {t.source_label}")


def cmd_summary(plan: Plan, out: Callable[[str], None]) -> int:
    """Print zones, project counts and every project and target with its source."""
    _print_counts(plan, out)
    _summary_zones(plan, out)
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
        p.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER, help="data folder (default: geodata)")
    account = sub.add_parser("account", help="manage planner accounts (editing needs a login)")
    account.add_argument("action", choices=["add"], help="add (or replace) an account")
    account.add_argument("username")
    account.add_argument("--name", help="display name (default: the username)")
    account.add_argument("--file", type=Path, default=None, help="accounts file (default: HUAIYIN_ACCOUNTS_FILE or data/accounts.json)")
    account.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    return parser


def cmd_account(args: argparse.Namespace) -> int:
    """Add a planner account; the password is asked twice (or read from stdin), never echoed."""
    path = args.file or settings_from_env().accounts_file
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.username}: ")
        if getpass.getpass("again: ") != password:
            print("the two passwords differ; nothing written", file=sys.stderr)
            return 2
    try:
        add_account(path, args.username, password, name=args.name)
    except PlanningError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"account {args.username!r} saved in {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "account":
        return cmd_account(args)
    if not args.folder.is_dir():
        print(f"folder {args.folder} does not exist; pass the data folder, e.g. geodata", file=sys.stderr)
        return 2
    plan = load_plan(args.folder)
    return COMMANDS[args.command](plan, print)
