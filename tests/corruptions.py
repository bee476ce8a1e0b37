"""Damaged state files, one function each: what the validate and page tests apply to a copy of a data folder.

Each corruption is one the hostile review of issue #16 found (a truncated overlay, empty coordinates, a garbage
audit line, a binary outline, 100,000-deep nesting, impossible dates and years, broken tours, a damaged accounts
file and comments database). ``folder`` is the data folder, ``state`` the state folder (accounts, comments).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from planning.imports import read_upload
from planning.imports_apply import add_overlay
from tests.helpers import file_stores

RED_LINE = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "红线"},
                       "geometry": {"type": "Polygon", "coordinates": [[[116.86, 36.66], [116.87, 36.66], [116.87, 36.67],
                                                                         [116.86, 36.66]]]}}]}).encode()


def overlay(folder: Path) -> str:
    """Import a small red-line overlay (the real way); return its id."""
    entry = add_overlay(file_stores(folder), read_upload("红线.geojson", RED_LINE), user="tester", title="红线",
                        kind="生态保护红线", provenance="test")
    return str(entry.feature_id)


def _overlay_json(folder: Path, state: Path) -> None:  # noqa: ARG001 - one signature for every corruption
    (folder / "overlays" / f"{overlay(folder)}.json").write_bytes(b'{"id": "x", "ti')


def _overlay_geojson(folder: Path, state: Path) -> None:  # noqa: ARG001
    (folder / "overlays" / f"{overlay(folder)}.geojson").write_bytes(b'{"type": "FeatureCollection", "feat')


def _overlay_empty(folder: Path, state: Path) -> None:  # noqa: ARG001
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": []}}]}
    (folder / "overlays" / f"{overlay(folder)}.geojson").write_text(json.dumps(doc), encoding="utf-8")


def _audit_garbage(folder: Path, state: Path) -> None:  # noqa: ARG001
    overlay(folder)
    path = folder / "audit.jsonl"
    path.write_bytes(b"garbage that is not JSON\n" + path.read_bytes())


def _audit_yesterday(folder: Path, state: Path) -> None:  # noqa: ARG001
    overlay(folder)
    path = folder / "audit.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[0]) | {"at": "yesterday"}
    path.write_text("\n".join([json.dumps(entry, ensure_ascii=False), *lines[1:]]) + "\n", encoding="utf-8")


def _outline_binary(folder: Path, state: Path) -> None:  # noqa: ARG001
    (folder / "plan_outline.txt").write_bytes(bytes(range(256)) * 8)


def _deep_projects(folder: Path, state: Path) -> None:  # noqa: ARG001
    (folder / "projects.geojson").write_bytes(b"[" * 100_000 + b"]" * 100_000)


def _status_date(folder: Path, state: Path) -> None:  # noqa: ARG001
    path = folder / "projects.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    known = next(f for f in doc["features"] if f["properties"].get("status") not in (None, "未知"))
    known["properties"]["status_date"] = "2024-13-45"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _observation_1800(folder: Path, state: Path) -> None:  # noqa: ARG001
    path = folder / "targets.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["targets"][0]["observations"] = [{"year": 1800, "value": 1.0, "source": "test"}]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _tour_truncated(folder: Path, state: Path) -> None:  # noqa: ARG001
    (folder / "tours" / "broken.json").write_text('{"title_zh": "坏", "steps": [', encoding="utf-8")


def _tour_shape(folder: Path, state: Path) -> None:  # noqa: ARG001
    (folder / "tours" / "broken.json").write_text(json.dumps({"title_zh": "坏", "title_en": "Bad", "steps": "none"}))


def _accounts(folder: Path, state: Path) -> None:  # noqa: ARG001
    (state / "accounts.json").write_bytes(b'{"planner1": {"password_hash": ')


def _comments_db(folder: Path, state: Path) -> None:  # noqa: ARG001
    (state / "comments.sqlite3").write_bytes(b"this is not a database " * 200)


#: name -> (corruption, the file a message must name)
CORRUPTIONS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "overlay_json_truncated": (_overlay_json, ".json"),
    "overlay_geojson_truncated": (_overlay_geojson, ".geojson"),
    "overlay_empty_coordinates": (_overlay_empty, ".geojson"),
    "audit_garbage_line": (_audit_garbage, "audit.jsonl"),
    "audit_at_yesterday": (_audit_yesterday, "audit.jsonl"),
    "outline_binary": (_outline_binary, "plan_outline.txt"),
    "projects_100k_deep": (_deep_projects, "projects.geojson"),
    "status_date_2024_13_45": (_status_date, "projects.geojson"),
    "observation_year_1800": (_observation_1800, "targets.json"),
    "tour_truncated": (_tour_truncated, "broken.json"),
    "tour_wrong_shape": (_tour_shape, "broken.json"),
    "accounts_truncated": (_accounts, "accounts.json"),
    "comments_db_garbage": (_comments_db, "comments.sqlite3"),
}
