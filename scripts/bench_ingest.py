"""Benchmark and quality table of plan ingestion (docs/ingest.md): time on the seed and on a 10× document,
precision and recall per candidate kind against the hand-curated plan.

    .venv/bin/python scripts/bench_ingest.py [SEED] [--data geodata]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planning.ingest import extract, read_document  # noqa: E402
from planning.ingest.evaluate import score_box_projects, score_targets  # noqa: E402
from planning.ingest.matching import match, named_features  # noqa: E402
from planning.ingest.names import similarity  # noqa: E402
from planning.plan import load_plan  # noqa: E402
from planning.storage import FileStore  # noqa: E402

_SEED_NAME = "000_978fa211d9488af2.txt"
#: shared/ sits beside the checkout (CI's clone, /work/main); worktrees elsewhere fall back to /work/shared.
DEFAULT_SEED = next((p for p in (Path(__file__).resolve().parents[2] / "shared" / "seed" / _SEED_NAME,
                                 Path("/work/shared/seed") / _SEED_NAME) if p.is_file()),
                    Path("/work/shared/seed") / _SEED_NAME)


def _timed(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _box_items(plan):
    items = []
    for _, row in plan.layers["projects"].iterrows():
        for source in row["sources"] or []:
            if str(source.get("section", "")).startswith("box"):
                name = row.get("box_item_zh")
                items.append((row["id"], source["section"], name if isinstance(name, str) and name else row["name_zh"]))
    return items


def _text_projects(candidates, plan) -> tuple[int, int, int]:
    projects = plan.layers["projects"]
    named = projects[~projects["source_section"].astype(str).str.startswith("box")]
    found = [c for c in candidates if c.method == "text_project"]
    recovered = sum(1 for name in named["name_zh"] if max((similarity(c.name, name) for c in found), default=0) >= 0.7)
    known = list(projects["name_zh"]) + list(plan.layers.get("landmarks", projects.iloc[:0]).get("name_zh", []))
    matched = sum(1 for c in found if max((similarity(c.name, k) for k in known), default=0) >= 0.7)
    return recovered, len(named), matched


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--data", type=Path, default=Path("geodata"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    store = FileStore(args.seed.resolve().parent)
    data = store.read_bytes(args.seed.name)
    doc = read_document(args.seed.name, data)
    big = read_document("10x.txt", b"\n".join([data] * 10))
    plan = load_plan(args.data)
    known = named_features(plan.layers, plan.targets)
    seed_time = _timed(lambda: extract(read_document(args.seed.name, data)), args.repeat)
    big_time = _timed(lambda: extract(read_document("10x.txt", b"\n".join([data] * 10))), max(1, args.repeat // 2))
    extraction = extract(doc)
    match_time = _timed(lambda: match(extraction.candidates, known), 1)
    print(f"| document | size | extract (median of {args.repeat}) | candidates |")
    print("|---|---|---|---|")
    print(f"| seed | {len(data) / 1024:.0f} kB | {seed_time:.2f} s | {len(extraction.candidates)} |")
    print(f"| seed ×10 | {len(data) * 10 / 1024:.0f} kB | {big_time:.2f} s | {len(extract(big).candidates)} |")
    print(f"\nmatching {len(extraction.candidates)} candidates against {len(known)} features and targets: {match_time:.2f} s\n")
    targets = score_targets(extraction.candidates, plan.targets)
    boxes = score_box_projects(extraction.candidates, _box_items(plan))
    zones = [c for c in extraction.candidates if c.kind == "zone"]
    zone_names = list(plan.layers["zones"]["name_zh"])
    zones_hit = sum(1 for z in zones if max(similarity(z.name, n) for n in zone_names) >= 0.99)
    rec, total, matched = _text_projects(extraction.candidates, plan)
    found_text = sum(1 for c in extraction.candidates if c.method == "text_project")
    print("| kind | curated | candidates | recall | precision |")
    print("|---|---|---|---|---|")
    print(f"| targets (专栏1/2 tables and sentences) | {targets.expected} | {targets.candidates} | "
          f"{targets.recall:.1%} | {targets.precision:.1%} |")
    print(f"| projects in 专栏 boxes | {boxes.expected} | {boxes.candidates} | {boxes.recall:.1%} | {boxes.precision:.1%} |")
    print(f"| projects in running text | {total} | {found_text} | {rec / total:.1%} | "
          f"{matched / found_text:.1%} (named by a feature) |")
    print(f"| zones (layout parts) | {len(zone_names)} | {len(zones)} | {zones_hit / len(zone_names):.1%} | "
          f"{zones_hit / max(1, len(zones)):.1%} |")
    print("\ntargets missed:", "; ".join(targets.missed) or "none")
    print("box items missed:", "; ".join(boxes.missed) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
