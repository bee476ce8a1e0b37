"""``python -m planning validate|summary``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planning.cli import main
from tests.helpers import tiny_plan_docs, write_docs

ROOT = Path(__file__).resolve().parents[2]


def test_validate_shipped_data_exits_zero(capsys):
    assert main(["validate", str(ROOT / "geodata")]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out
    assert "zones              11 /   11" in out


def test_validate_broken_data_exits_one_and_names_the_problem(tmp_path, capsys):
    docs = tiny_plan_docs()
    docs["projects.geojson"]["features"][0]["properties"]["status"] = "进行中"
    assert main(["validate", str(write_docs(tmp_path / "d", docs))]) == 1
    out = capsys.readouterr().out
    assert "ERROR: projects.geojson feature 0 (id 'p-in-a'): field 'status': got '进行中'" in out
    assert "1 error(s)" in out


def test_summary_lists_every_zone_project_and_target_with_source(shipped_plan, capsys):
    assert main(["summary", str(ROOT / "geodata")]) == 0
    out = capsys.readouterr().out
    for _, zone in shipped_plan.zones.iterrows():
        assert zone["name_zh"] in out
    for _, project in shipped_plan.projects.iterrows():
        assert f"{project['id']}: {project['name_zh']}" in out
    for target in shipped_plan.targets:
        assert target.id in out
    assert "by status:" in out and "专栏6" in out


def test_module_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "planning", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_summary_of_one_zone_and_one_project_is_the_domain_summary(shipped_plan, capsys):
    from planning.summary import Summaries  # noqa: PLC0415

    summaries = Summaries(shipped_plan)
    zone = summaries.zone("core-medical")
    assert main(["summary", str(ROOT / "geodata"), "--zone", "core-medical"]) == 0
    out = capsys.readouterr().out
    assert f"{zone.area_ha:.1f} ha ({zone.area_mu:.0f} 亩)" in out and f"{zone.projects} projects" in out
    assert all(target in out for target in zone.targets) and "within 800 m of a station" in out
    project = summaries.project(zone.project_ids[0])
    assert main(["summary", str(ROOT / "geodata"), "--project", project.project_id]) == 0
    out = capsys.readouterr().out
    assert f"{project.project_id}: {project.name_zh}" in out and "nearest station:" in out and "red line:" in out
    assert main(["summary", str(ROOT / "geodata"), "--zone", "nowhere"]) == 1
    assert "no zone 'nowhere'" in capsys.readouterr().out
