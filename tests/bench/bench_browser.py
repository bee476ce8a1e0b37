"""Browser benchmark: this app against the bare page and two peers, interleaved, in one run.

``python tests/bench/bench_browser.py`` (``make bench``) runs the full matrix of
issue #15: shipped data, 10k/2k and 100k/2k synthetic plans; for each app a
cold first paint (first page after the server started), warm first paints
(medians of ``--reps``, apps interleaved within each repetition), click →
panel text, bytes for the first view and per click, renderer memory at
1/5/10 sessions and the server's memory; plus load_plan against the pyogrio
(Arrow) read of the same files. It prints Markdown tables and writes them
into ``docs/benchmarks.md``; it never fails on a time. Options cut it down
for a loaded machine (``--sizes``, ``--apps``, ``--reps``, ``--sessions``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.bench.browser import (  # noqa: E402
    AppRuns,
    chromium,
    click_point,
    load_page,
    sessions_memory,
    start_server,
    temp_state,
    write_peer_apps,
)
from tests.bench.synthetic import SyntheticSpec, write_plan  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:browser:start -->", "<!-- bench:browser:end -->"
APPS = ("ours", "bare", "geojson", "explore")
TITLES = {"ours": "this app", "bare": "bare page", "geojson": "folium.GeoJson peer", "explore": "explore() peer"}
SIZES = {"shipped": None, "10k": SyntheticSpec(projects=10_000, zones=2_000),
         "100k": SyntheticSpec(projects=100_000, zones=2_000)}


@dataclass
class Dataset:
    name: str
    folder: Path
    click_id: str
    click_name: str
    apps: dict[str, AppRuns] = field(default_factory=dict)
    load: dict[str, float] = field(default_factory=dict)


def dataset(name: str, workdir: Path) -> Dataset:
    spec = SIZES[name]
    folder = ROOT / "geodata" if spec is None else workdir / name
    if spec is not None and not folder.exists():
        write_plan(folder, ROOT / "geodata", spec)
    from planning.plan import load_plan  # noqa: PLC0415

    fid, label = click_target(load_plan(folder))
    return Dataset(name, folder, fid, label)


def click_target(plan: object) -> tuple[str, str]:
    """A point project every app draws on top: outside water and park areas (drawn over projects by the
    peers), and as far as possible from any other feature, so a click at its centre hits only it."""
    import geopandas as gpd  # noqa: PLC0415
    import shapely  # noqa: PLC0415

    projects = plan.projects[plan.projects.geometry.geom_type == "Point"].to_crs(4548)
    covering = [plan.layers[k] for k in ("water", "parks") if k in plan.layers and not plan.layers[k].empty]
    if covering:
        areas = pd_concat(covering).to_crs(4548).union_all()
        projects = projects[~projects.intersects(areas)]
    others = []
    for layer_id, gdf in plan.layers.items():
        if layer_id == "boundary" or gdf.empty:
            continue
        geoms = gdf.to_crs(4548).geometry
        others.append(geoms.boundary.where(geoms.geom_type.str.contains("Polygon"), geoms))
    every = gpd.GeoSeries(pd_concat(others), crs=4548)
    tree = shapely.STRtree(every.values)
    best, best_gap = None, -1.0
    for row in projects.sample(min(len(projects), 300), random_state=1).itertuples():
        near = tree.query(row.geometry.buffer(400))
        gaps = [row.geometry.distance(every.values[i]) for i in near]
        gap = min([g for g in gaps if g > 0.01], default=400.0)
        if gap > best_gap:
            best, best_gap = row, gap
    return str(best.id), str(best.name_zh)


def pd_concat(frames: list) -> object:
    import pandas as pd  # noqa: PLC0415

    return pd.concat(frames)


def load_vs_floor(folder: Path, reps: int) -> dict[str, float]:
    """Median seconds of load_plan and of reading the same layer files with pyogrio (Arrow)."""
    import pyogrio  # noqa: PLC0415

    from planning.plan import load_plan  # noqa: PLC0415

    files = sorted(folder.glob("*.geojson"))
    times: dict[str, list[float]] = {"load_plan": [], "pyogrio": []}
    for _ in range(reps):
        start = time.perf_counter()
        load_plan(folder)
        times["load_plan"].append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in files:
            pyogrio.read_dataframe(path, use_arrow=True)
        times["pyogrio"].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}


def _script(app: str, peers: dict[str, Path]) -> Path:
    return ROOT / "app.py" if app == "ours" else peers[app]


def run_dataset(data: Dataset, apps: tuple[str, ...], reps: int, sessions: tuple[int, ...], peers: dict[str, Path]) -> None:
    servers = {}
    data.apps = {app: AppRuns() for app in apps}
    try:
        with chromium() as browser:
            for app in apps:  # cold: the first page each fresh server serves
                try:
                    servers[app] = start_server(_script(app, peers), data.folder, temp_state())
                    context, _, run = load_page(browser, servers[app].url)
                    context.close()
                    data.apps[app].cold.append(run.paint_s)
                except Exception as exc:  # noqa: BLE001 - recorded in the table instead
                    data.apps[app].error = str(exc).splitlines()[0][:120]
            for _ in range(reps):  # warm, interleaved
                for app in apps:
                    if app not in servers or data.apps[app].error:
                        continue
                    context, page, run = load_page(browser, servers[app].url)
                    if app != "bare":
                        try:
                            click_point(page, data.click_id, data.click_name, run)
                        except Exception:  # noqa: BLE001 - Playwright's time-out too: the row says "—"
                            run.click_s = None
                    context.close()
                    data.apps[app].warm.append(run)
            for app in apps:
                if app in servers and sessions:
                    data.apps[app].renderer_mb = sessions_memory(browser, servers[app].url, sessions)
                if app in servers:
                    data.apps[app].server_mb = servers[app].rss_mb()
    finally:
        for server in servers.values():
            server.stop()


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def _b(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e6:.2f} MB" if value >= 1e5 else f"{value / 1e3:.1f} kB"


def _ratio(value: float | None, base: float | None) -> str:
    return "" if value is None or not base else f" ({value / base:.2f}×)"


def table(data: Dataset, sessions: tuple[int, ...]) -> str:
    apps = list(data.apps)
    bare = data.apps.get("bare")
    bare_warm = bare.median("paint_s") if bare else None
    rows = [
        "| metric | " + " | ".join(TITLES[a] for a in apps) + " |",
        "|---|" + "---|" * len(apps),
    ]

    def row(label: str, cells: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    row("first paint, cold server", [_s(r.cold[0]) if r.cold else (r.error or "—") for r in data.apps.values()])
    row(f"first paint, warm (median of {max(len(r.warm) for r in data.apps.values())}; × bare page)",
        [_s(r.median("paint_s")) + _ratio(r.median("paint_s"), bare_warm) for r in data.apps.values()])
    row("↳ runs (s)", [", ".join(f"{w.paint_s:.1f}" for w in r.warm) for r in data.apps.values()])
    row("features drawn at paint", [str(r.warm[0].features) if r.warm else "—" for r in data.apps.values()])
    row("click → panel text (median)", [_s(r.median("click_s")) if a != "bare" else "n/a" for a, r in data.apps.items()])
    row("bytes, first view (HTTP + WebSocket)", [_b(r.median("first_view_bytes")) for r in data.apps.values()])
    row("requests, first view", [str(int(r.median("requests"))) if r.warm else "—" for r in data.apps.values()])
    row("bytes per click", [_b(r.median("click_bytes")) if a != "bare" else "n/a" for a, r in data.apps.items()])
    for n in sessions:
        row(f"renderer memory, {n} session{'s' if n > 1 else ''}",
            [f"{r.renderer_mb[n]:.0f} MB" if n in r.renderer_mb else "—" for r in data.apps.values()])
    row("server memory (RSS, after the run)", [f"{r.server_mb:.0f} MB" if r.server_mb else "—" for r in data.apps.values()])
    head = f"### {data.name}\n\n"
    if data.load:
        head += (f"load_plan {data.load['load_plan']:.2f} s; pyogrio (Arrow) read of the same files "
                 f"{data.load['pyogrio']:.2f} s ({data.load['load_plan'] / data.load['pyogrio']:.1f}× the floor).\n\n")
    return head + "\n".join(rows) + "\n"


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def update_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{text}{END}"
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + block + doc[doc.index(END) + len(END):]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="shipped,10k,100k", help="comma-separated: shipped, 10k, 100k")
    parser.add_argument("--apps", default=",".join(APPS), help="comma-separated: " + ", ".join(APPS))
    parser.add_argument("--reps", type=int, default=5, help="warm page loads per app (interleaved)")
    parser.add_argument("--sessions", default="1,5,10", help="renderer memory at these session counts ('' for none)")
    parser.add_argument("--load-reps", type=int, default=3, help="repetitions of load_plan vs pyogrio ('0' to skip)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not update docs/benchmarks.md")
    args = parser.parse_args(argv)
    apps = tuple(a for a in args.apps.split(",") if a)
    sessions = tuple(int(n) for n in args.sessions.split(",") if n)
    before = load_average()
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="huaiyin-bench-browser-"))
    peers = write_peer_apps(workdir)
    parts = []
    for name in args.sizes.split(","):
        data = dataset(name, workdir)
        if args.load_reps and name != "shipped":
            data.load = load_vs_floor(data.folder, args.load_reps)
        run_dataset(data, apps, args.reps, sessions, peers)
        parts.append(table(data, sessions))
        print(parts[-1], flush=True)
    minutes = (time.monotonic() - started) / 60
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (f"## Browser run\n\n{now}; headless Debian chromium, every non-local request aborted; "
              f"`{' '.join(['bench_browser.py', *(argv if argv is not None else sys.argv[1:])])}`; "
              f"{minutes:.0f} min. Load average (1, 5, 15 min) {before} before, {load_average()} after "
              f"(nproc {os.cpu_count()}; other work on the machine inflates every time, the ratios less).\n\n")
    text = header + "\n".join(parts)
    print(header, flush=True)
    if not args.no_write:
        update_doc(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
