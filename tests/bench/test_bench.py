"""The quick map benchmark as a test: it prints the tables and fails only on errors, never on timing.

Errors are: an exception in the app or the builders, a click that does not open
its panel, or a project missing from the map HTML or from what st_folium is sent.
Run with ``pytest tests/bench -s`` to see the tables as they are printed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _load_bench_map():
    """tests/bench/bench_map.py as a module (it puts its folder and the repo on sys.path)."""
    spec = importlib.util.spec_from_file_location("bench_map", HERE / "bench_map.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_map", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_results():
    bench_map = _load_bench_map()
    return bench_map, bench_map.run(quick=True, naive=False)  # the naive app is for the docs, not CI


def test_quick_benchmark_runs_and_shows_every_project(quick_results, capsys):
    bench_map, results = quick_results
    with capsys.disabled():
        print("\n" + bench_map.section("quick", results))
    assert [r.name.split(":")[0] for r in results] == ["shipped data (geodata/)", "synthetic"]
    for r in results:
        assert r.ours.project_features == r.projects, r.name
        assert r.app.projects_in_component == r.projects, r.name
        if r.explore is not None:
            assert r.explore.project_features == r.projects, r.name
        assert r.ours.size > 0 and r.app.json_args > 0


def test_synthetic_quick_plan_is_complete(quick_results):
    _, results = quick_results
    synth = results[1]
    assert synth.projects == 1_000
    assert synth.app.project_clicks and synth.app.zone_clicks
