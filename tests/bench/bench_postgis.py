"""PostGIS against GeoPandas in memory: load, zone assignment and overlaps on 100,000 synthetic projects.

``python tests/bench/bench_postgis.py [--projects N] [--zones M] [--url URL] [--no-write]``

Generates a synthetic plan (``tests/bench/synthetic.py``'s generators, fixed
seed): M noisy star-shaped zones (radius 100–600 m, 200–2,000 vertices) and
N project footprints (star polygons, radius 20–120 m, 8–40 vertices) inside
the district, as GeoJSON. Then, on the same data:

- **load**: PostGIS — ``PostgisStore.write_bytes`` of each layer (JSON parse,
  ``COPY``, ``ST_GeomFromGeoJSON``, GiST indexes); GeoPandas — ``read_file``
  of the GeoJSON files (pyogrio);
- **read back into memory**: PostGIS — ids and WKB over the connection into a
  GeoDataFrame; GeoPandas — (already in memory after the load);
- **zone assignment**: :func:`planning.postgis_spatial.zone_assignment`
  against :func:`planning.analysis.assign_zones` (both intersect in
  EPSG:4548);
- **overlaps**: :func:`planning.postgis_spatial.overlap_areas` against
  :func:`planning.postgis_spatial.overlap_areas_in_memory`, projects × zones,
  area in m² (EPSG:4548).

The results must be equal (same zone lists; same overlapping pairs, areas
within 1e-6 relative); a difference stops the benchmark. Without ``--url`` a
throwaway server is started (``tests/pg.py``). The table goes to
``docs/benchmarks.md`` between ``<!-- bench:postgis:start -->`` and
``<!-- bench:postgis:end -->``; other sections are left as they are.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402

from planning.analysis import assign_zones  # noqa: E402
from planning.postgis import PostgisStore  # noqa: E402
from planning.postgis_spatial import overlap_areas, overlap_areas_in_memory, zone_assignment  # noqa: E402
from tests.bench import synthetic  # noqa: E402

GEODATA = ROOT / "geodata"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:postgis:start -->", "<!-- bench:postgis:end -->"
SEED = 20250301
FOOTPRINTS = synthetic.SyntheticSpec(min_vertices=8, max_vertices=40, min_radius_m=20.0, max_radius_m=120.0)


def timed(func: Callable[[], Any], repeats: int = 1) -> tuple[float, Any]:
    """Median wall time of ``repeats`` calls and the last result."""
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# --- data ----------------------------------------------------------------------------------------------


def generate(folder: Path, projects: int, zones: int) -> dict[str, int]:
    """Write ``zones.geojson`` and ``projects.geojson`` (polygon footprints) to ``folder``."""
    rng = np.random.default_rng(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    district = synthetic.district_projected(GEODATA / "boundary.geojson")
    spec = synthetic.SyntheticSpec(projects=projects, zones=zones)
    inner = shapely.buffer(district, -spec.max_radius_m * 1.4)
    zone_geoms = synthetic.to_wgs84(synthetic.star_polygons(synthetic.random_points_inside(inner, zones, rng), spec, rng))
    centres = synthetic.random_points_inside(shapely.buffer(district, -200.0), projects, rng)
    footprints = synthetic.to_wgs84(synthetic.star_polygons(centres, FOOTPRINTS, rng))
    props = synthetic.project_properties(projects, rng)
    for p in props:
        p["geometry_source"] = "synthetic: star-shaped footprint (tests/bench/bench_postgis.py)"
    (folder / "zones.geojson").write_text(
        synthetic.feature_collection_text(synthetic.zone_properties(zones, rng), zone_geoms), "utf-8")
    (folder / "projects.geojson").write_text(synthetic.feature_collection_text(props, footprints), "utf-8")
    return {"zone_vertices": int(shapely.get_num_coordinates(zone_geoms).sum()),
            "project_vertices": int(shapely.get_num_coordinates(footprints).sum())}


# --- measurements --------------------------------------------------------------------------------------


@dataclass
class Result:
    rows: list[tuple[str, float, float | None, str]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def add(self, metric: str, postgis: float, memory: float | None, note: str = "") -> None:
        self.rows.append((metric, postgis, memory, note))


def _read_back(store: PostgisStore, layer: str) -> gpd.GeoDataFrame:
    with store.connection("reading a layer") as conn:
        rows = conn.execute("SELECT id, ST_AsBinary(geom) FROM plan_features WHERE layer = %s ORDER BY ord",
                            (layer,)).fetchall()
    ids = [r[0] for r in rows]
    return gpd.GeoDataFrame({"id": ids}, geometry=shapely.from_wkb([bytes(r[1]) for r in rows]), crs=4326)


def _check_zones(found: dict[str, list[str]], projects: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> str:
    expected = dict(zip(projects["id"], assign_zones(projects, zones, override_column="none"), strict=True))
    if found != expected:
        differ = [k for k in expected if found.get(k) != expected[k]][:5]
        raise AssertionError(f"zone assignment differs from GeoPandas for {differ}")
    inside = sum(1 for ids in found.values() if ids)
    return f"zone assignment equal for all {len(found):,} projects ({inside:,} in at least one zone)"


def _check_overlaps(found: list, expected: list) -> str:
    if [(o.a_id, o.b_id) for o in found] != [(o.a_id, o.b_id) for o in expected]:
        raise AssertionError(f"overlapping pairs differ: {len(found)} in PostGIS, {len(expected)} in memory")
    worst = max((abs(f.m2 - e.m2) / e.m2 for f, e in zip(found, expected, strict=True)), default=0.0)
    if worst > 1e-6:
        raise AssertionError(f"overlap areas differ by up to {worst:.2e} (relative)")
    total = sum(o.m2 for o in found) / 1e4
    return f"overlaps equal: {len(found):,} project × zone pairs, {total:,.1f} ha in all, areas within {worst:.1e} relative"


def bench(store: PostgisStore, folder: Path, repeats: int) -> Result:
    """Every measurement on the generated folder (the database gets the same two layers)."""
    result = Result()
    data = {name: (folder / name).read_bytes() for name in ("zones.geojson", "projects.geojson")}
    pg_load, _ = timed(lambda: [store.write_bytes(name, raw) for name, raw in data.items()])
    mem_load, frames = timed(lambda: {name: gpd.read_file(folder / name) for name in data})
    result.add("load both layers", pg_load, mem_load,
               "PostGIS: parse, COPY, ST_GeomFromGeoJSON, GiST indexes; GeoPandas: read_file (pyogrio)")
    pg_read, _ = timed(lambda: _read_back(store, "projects.geojson"), repeats)
    result.add("read the projects back into a GeoDataFrame", pg_read, None, "ids + WKB over the connection")
    projects, zones = frames["projects.geojson"], frames["zones.geojson"]
    with store.connection("analysing") as conn:
        conn.execute("ANALYZE plan_features")
    pg_zones, found = timed(lambda: zone_assignment(store), repeats)
    mem_zones, _ = timed(lambda: assign_zones(projects, zones, override_column="none"), repeats)
    result.add("zone assignment (ST_Intersects in EPSG:4548)", pg_zones, mem_zones)
    result.checks.append(_check_zones(found, projects, zones))
    pg_over, found_pairs = timed(lambda: overlap_areas(store, "projects.geojson", "zones.geojson"), repeats)
    mem_over, expected_pairs = timed(lambda: overlap_areas_in_memory(projects, zones), repeats)
    result.add("overlap areas projects × zones (EPSG:4548)", pg_over, mem_over)
    result.checks.append(_check_overlaps(found_pairs, expected_pairs))
    return result


# --- report --------------------------------------------------------------------------------------------


def _versions() -> str:
    names = ("geopandas", "shapely", "pyproj", "pyogrio", "psycopg")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def _server(store: PostgisStore) -> str:
    with store.connection("reading the server version") as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
        gis = conn.execute("SELECT postgis_lib_version(), postgis_geos_version(), postgis_proj_version()").fetchone()
    return f"PostgreSQL {pg.split()[0]}, PostGIS {gis[0]} (GEOS {gis[1]}, PROJ {gis[2]})"


def fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def markdown(result: Result, sizes: dict[str, int], args: argparse.Namespace, server: str, load: tuple[str, str]) -> str:
    lines = [
        START,
        "## PostGIS store against GeoPandas in memory",
        "",
        f"`python tests/bench/bench_postgis.py --projects {args.projects} --zones {args.zones}` "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}). {args.projects:,} synthetic project footprints "
        f"({sizes['project_vertices']:,} vertices) and {args.zones:,} synthetic zones ({sizes['zone_vertices']:,} "
        f"vertices), seed {SEED}. Machine: nproc {os.cpu_count()}; Python {platform.python_version()}; {_versions()}; "
        f"{server} on the same machine (throwaway cluster, fsync off). Load average {load[0]} before, {load[1]} after "
        "(other work on the machine inflates times). Queries: median of "
        f"{args.repeats}.",
        "",
        "| metric | PostGIS | GeoPandas in memory | ratio | note |",
        "|---|---|---|---|---|",
    ]
    for metric, pg, mem, note in result.rows:
        ratio = "" if mem is None else (f"PostGIS {mem / pg:.1f}× faster" if pg < mem else f"in memory {pg / mem:.1f}× faster")
        lines.append(f"| {metric} | {fmt(pg)} | {fmt(mem)} | {ratio} | {note} |")
    lines += ["", "Results checked equal: " + "; ".join(result.checks) + ".", "",
              "In the app the plan is still loaded into memory once per data version; the database is the shared, "
              "transactional store, and these queries are there for work too large for one app process (city-wide "
              "data, reports in SQL, GIS clients reading `plan_features`).", END]
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path = DOC) -> None:
    """Replace this benchmark's section of ``docs/benchmarks.md`` (or append it); other sections stay."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in current and END in current:
        head, rest = current.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        updated = head + text + ("\n" + tail if tail else "")
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    path.write_text(updated, encoding="utf-8")


def run(args: argparse.Namespace) -> tuple[Result, dict[str, int], str]:
    from tests.pg import PgServer  # noqa: PLC0415 - only without --url

    with tempfile.TemporaryDirectory(prefix="huaiyin-bench-pg-") as tmp:
        sizes = generate(Path(tmp), args.projects, args.zones)
        server = None if args.url else PgServer().start()
        try:
            store = PostgisStore(args.url or server.url(), schema=f"bench_{os.getpid()}")
            try:
                result = bench(store, Path(tmp), args.repeats)
                return result, sizes, _server(store)
            finally:
                with store.connection("dropping the benchmark schema") as conn:
                    conn.execute(f"DROP SCHEMA {store.schema} CASCADE")
                store.close()
        finally:
            if server is not None:
                server.destroy()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--zones", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--url", help="an existing PostgreSQL + PostGIS database (default: a throwaway server)")
    parser.add_argument("--no-write", action="store_true", help=f"print the table; leave {DOC.relative_to(ROOT)} alone")
    args = parser.parse_args(argv)
    before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    result, sizes, server = run(args)
    text = markdown(result, sizes, args, server, (before, ", ".join(f"{x:.2f}" for x in os.getloadavg())))
    print(text)
    if not args.no_write:
        write_section(text)
        print(f"written to {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
