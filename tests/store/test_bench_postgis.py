"""The PostGIS benchmark runs on a small synthetic plan and its results agree with GeoPandas (no timing asserted)."""

from __future__ import annotations

from tests.bench.bench_postgis import bench, generate, write_section


def test_the_benchmark_runs_and_postgis_agrees_with_geopandas(postgis_store, tmp_path):
    generate(tmp_path / "plan", projects=2_000, zones=40)
    result = bench(postgis_store, tmp_path / "plan", repeats=1)  # raises when a result differs
    assert [row[0] for row in result.rows] == [
        "load both layers", "read the projects back into a GeoDataFrame",
        "zone assignment (ST_Intersects in EPSG:4548)", "overlap areas projects × zones (EPSG:4548)",
    ]
    assert result.checks[0].startswith("zone assignment equal for all 2,000 projects")
    assert result.checks[1].startswith("overlaps equal: ")


def test_the_section_replaces_only_its_own_part_of_the_document(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n<!-- bench:full:start -->\nmap numbers\n<!-- bench:full:end -->\n", "utf-8")
    write_section("<!-- bench:postgis:start -->\nfirst\n<!-- bench:postgis:end -->\n", doc)
    write_section("<!-- bench:postgis:start -->\nsecond\n<!-- bench:postgis:end -->\n", doc)
    text = doc.read_text("utf-8")
    assert "map numbers" in text and "second" in text and "first" not in text
    assert text.count("<!-- bench:postgis:start -->") == 1
