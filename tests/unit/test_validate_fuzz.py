"""Fuzz ``validate`` (hypothesis, 500 examples): any state or layer file replaced by hostile bytes gives messages.

Every example damages one file of a small, valid data folder (layers, targets, audit log, an imported overlay and
its metadata, a tour, the plan text, the accounts file, the comments database) with random bytes, a truncation,
flipped bytes, random JSON or deep nesting, then runs what ``python -m planning validate`` runs. It must never
raise, and every problem must name a file and, for state files, say what is wrong in Chinese and English.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planning.plan import load_plan
from planning.settings import settings_from_env
from planning.state_check import check_stores
from planning.state_files import CorruptStateError
from planning.stores import folder_stores
from tests.corruptions import overlay
from tests.helpers import tiny_plan_docs, write_docs

TOUR = {"title_zh": "导览", "title_en": "Tour", "steps": [
    {"id": "s1", "title_zh": "甲", "title_en": "A", "text_zh": "甲", "text_en": "A",
     "target": {"kind": "zone", "ref": "core-a"}}]}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-base")
    folder = write_docs(root / "geodata", tiny_plan_docs())
    (folder / "tours").mkdir()
    (folder / "tours" / "t.json").write_text(json.dumps(TOUR, ensure_ascii=False), encoding="utf-8")
    overlay_id = overlay(folder)
    (root / "state").mkdir()
    (root / "state" / "accounts.json").write_text("{}", encoding="utf-8")
    (root / "overlay_id").write_text(overlay_id, encoding="utf-8")
    return root


def _targets(root: Path) -> list[str]:
    oid = (root / "overlay_id").read_text(encoding="utf-8")
    return ["geodata/projects.geojson", "geodata/zones.geojson", "geodata/targets.json", "geodata/audit.jsonl",
            f"geodata/overlays/{oid}.json", f"geodata/overlays/{oid}.geojson", "geodata/tours/t.json",
            "geodata/plan_outline.txt", "state/accounts.json", "state/comments.sqlite3"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _payload(original: bytes) -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(
        st.binary(max_size=512).map(lambda b: ("random bytes", b)),
        st.integers(0, max(0, len(original) - 1)).map(lambda n: ("truncated", original[:n])),
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6).map(
            lambda flips: ("flipped", _flip(original, flips))),
        JSON_VALUES.map(lambda v: ("random JSON", json.dumps(v).encode())),
        st.integers(60, 5000).map(lambda n: ("deep nesting", b"[" * n + b"]" * n)),
        st.sampled_from([b'{"a": NaN}', b"\xff\xfe\x00\x00", b"", b"\n\n{", "槐荫".encode("gbk")]).map(
            lambda b: ("edge case", b)),
    )


def _flip(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data or b"\0")
    for at, value in flips:
        out[at % len(out)] = value
    return bytes(out)


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_validate_survives_any_damaged_file(data, base, tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(base, root, dirs_exist_ok=True)
    target = data.draw(st.sampled_from(_targets(root)), label="file")
    path = root / target
    kind, payload = data.draw(_payload(path.read_bytes() if path.exists() else b""), label="payload")
    event(f"{Path(target).suffix} {kind}")
    path.write_bytes(payload)

    folder, state = root / "geodata", root / "state"
    settings = settings_from_env({"HUAIYIN_STATE_DIR": str(state), "HUAIYIN_ACCOUNTS_FILE": str(state / "accounts.json")})
    stores = folder_stores(settings, folder)
    plan = load_plan(stores.plan)
    problems, tour_problems = check_stores(stores, plan, comments_db=settings.comments_db)
    for problem in problems:
        assert isinstance(problem, CorruptStateError)
        assert problem.file and problem.message("zh") and problem.message("en")
        assert problem.message("zh") != problem.message("en")
        assert "Traceback" not in problem.en and str(root) not in problem.en, "no paths or tracebacks"
    for problem in [*plan.problems, *tour_problems]:
        assert problem.file and str(problem)
