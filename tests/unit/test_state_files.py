"""State files read defensively: bounded JSON, real dates, and `python -m planning validate` over every state file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planning.state_files import MAX_JSON_DEPTH, CorruptStateError, aware_timestamp, parse_json_bytes, real_date
from tests.corruptions import CORRUPTIONS
from tests.helpers import GEODATA, ROOT


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
        (b"[ " * 70 + b"]" * 70, "too_deep"),
        (json.dumps(json.loads("[0," * 200 + "0" + "]" * 200)).encode(), "too_deep"),
        (b'{"a": NaN}', "not_finite"),
        (b'{"a": [1, 2, Infinity]}', "not_finite"),
        (b'{"a": [1,', "bad_json"),
        (bytes(range(128, 256)), "not_utf8"),
    ],
)
def test_bounded_json_refuses_with_a_bilingual_message(raw, code):
    with pytest.raises(CorruptStateError) as info:
        parse_json_bytes(raw, "x.json")
    assert info.value.code == code
    assert "x.json" in info.value.message("zh") and "x.json" in info.value.message("en")
    assert info.value.message("zh") != info.value.message("en")


def test_bounded_json_accepts_real_geojson_and_bounds_the_size():
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"a": [1, {"b": 2}]}, "geometry": {
        "type": "MultiPolygon", "coordinates": [[[[116.0, 36.0], [116.1, 36.0], [116.0, 36.1], [116.0, 36.0]]]]}}]}
    assert parse_json_bytes(json.dumps(doc).encode(), "ok.geojson") == doc
    with pytest.raises(CorruptStateError, match="more than the limit"):
        parse_json_bytes(b"[]" + b" " * 100, "big.json", max_bytes=50)
    assert MAX_JSON_DEPTH >= 16


def test_dates_and_times_must_exist():
    assert [real_date(v) for v in ("2024", "2024-02", "2024-02-29", "2024-13-45", "2023-02-29", "2024-13", 2024)] == [
        True, True, True, False, False, False, False]
    assert aware_timestamp("2026-11-27T08:00:00+00:00") and not aware_timestamp("yesterday")
    assert not aware_timestamp("2026-11-27T08:00:00"), "the editor always writes a zone"


@pytest.fixture
def corrupted(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, Path, str]:
    folder, state = tmp_path / "geodata", tmp_path / "state"
    shutil.copytree(GEODATA, folder, ignore=shutil.ignore_patterns("audit.jsonl", "overlays", "*.lock"))
    state.mkdir()
    corrupt, file = CORRUPTIONS[request.param]
    corrupt(folder, state)
    return folder, state, file


@pytest.mark.parametrize("corrupted", list(CORRUPTIONS), indirect=True)
def test_validate_reports_every_corruption_without_a_traceback(corrupted):
    folder, state, file = corrupted
    env = {"PATH": "/usr/bin:/bin", "HUAIYIN_STATE_DIR": str(state), "HUAIYIN_ACCOUNTS_FILE": str(state / "accounts.json"),
           "HOME": str(state)}
    done = subprocess.run([sys.executable, "-m", "planning", "validate", str(folder)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and not done.stderr.strip(), done.stderr
    errors = [line for line in done.stdout.splitlines() if line.startswith("ERROR")]
    assert any(file in line for line in errors), done.stdout


def test_validate_passes_a_clean_copy(tmp_path: Path):
    folder = tmp_path / "geodata"
    shutil.copytree(GEODATA, folder, ignore=shutil.ignore_patterns("audit.jsonl", "overlays", "*.lock"))
    env = {"PATH": "/usr/bin:/bin", "HUAIYIN_STATE_DIR": str(tmp_path), "HUAIYIN_ACCOUNTS_FILE": str(tmp_path / "a.json"),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "planning", "validate", str(folder)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
