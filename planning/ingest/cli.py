"""``python -m planning ingest PLAN --plan-id NAME [--period 2026-2030] [--out candidates.json]``.

Prints the outline and the candidates found (kind, confidence, name or
metric, value, section and line) and, with ``--out``, writes every candidate
as JSON. Nothing is written to the plan data: candidates are reviewed on the
规划导入 page first. With ``--match FOLDER`` the candidates are matched against
that plan's features and targets ("same object as prj-…").
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from planning.errors import PlanningError
from planning.ingest import Period, extract, read_document
from planning.ingest.matching import match, named_features
from planning.storage import atomic_write, file_size, read_file

_PLAN_ID = r"^[a-z0-9][a-z0-9_-]{0,31}$"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract draft zones, projects and targets from a plan document (.txt, .docx, .pdf)")
    p.add_argument("file", type=Path, help="the plan document")
    p.add_argument("--plan-id", required=True, help="id of the plan the candidates are for, e.g. 15th")
    p.add_argument("--period", help="plan period, e.g. 2026-2030 (default: from the title, 十五五 -> 2026-2030)")
    p.add_argument("--out", type=Path, help="write every candidate as JSON to this file")
    p.add_argument("--match", type=Path, metavar="FOLDER", help="match candidates against this plan folder (e.g. geodata)")
    p.add_argument("--quiet", action="store_true", help="print the counts only")


def cmd_ingest(args: argparse.Namespace, out: Callable[[str], None], load_plan: Callable) -> int:
    import re  # noqa: PLC0415

    if not re.match(_PLAN_ID, args.plan_id or ""):
        out(f"--plan-id “{args.plan_id}”: use lowercase letters, digits, '-' or '_' (e.g. 15th)")
        return 2
    try:
        period = Period.parse(args.period) if args.period else None
    except ValueError as exc:
        out(f"--period: {exc}")
        return 2
    path = args.file.resolve()
    if file_size(path) is None:
        out(f"{args.file}: no such file")
        return 2
    started = time.perf_counter()
    try:
        doc = read_document(path.name, read_file(path))
    except PlanningError as exc:
        out(f"not read: {exc}")
        return 1
    extraction = extract(doc, period)
    if args.match:
        plan = load_plan(args.match)
        match(extraction.candidates, named_features(plan.layers, plan.targets))
    elapsed = time.perf_counter() - started
    counts = extraction.counts()
    out(f"{doc.name}: {len(doc.lines)} lines, {len(doc.outline)} sections, period {extraction.period or 'unknown'}; "
        f"{counts['zone']} zone, {counts['project']} project, {counts['target']} target candidates "
        f"in {elapsed:.2f} s (plan {args.plan_id}; nothing written to the plan)")
    if not args.quiet:
        for candidate in extraction.candidates:
            out("  " + _line(candidate))
    if args.out:
        payload = {"plan_id": args.plan_id, "period": str(extraction.period) if extraction.period else None,
                   "document": doc.name, "counts": counts,
                   "outline": [{"id": s.id, "title": s.title, "level": s.level, "start": s.start, "end": s.end}
                               for s in doc.outline],
                   "candidates": [c.to_dict() for c in extraction.candidates]}
        atomic_write(args.out.resolve(), json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
        out(f"wrote {len(extraction.candidates)} candidates to {args.out}")
    return 0


def _line(c) -> str:
    what = c.name if c.kind != "target" else f"{c.metric} {c.value_text if c.value is None else c.value}{c.unit or ''}"
    year = f" {c.year}" if c.year else ""
    same = f"  = {c.matches[0].feature_id} ({c.matches[0].evidence})" if c.matches else ""
    return f"{c.kind:7} {c.confidence:.2f} {what}{year}  [{c.section} line {c.line_start}]{same}"
