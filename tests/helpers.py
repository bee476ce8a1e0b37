"""Test helpers: a tiny valid plan built in code, and a writer for data folders."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"


def square(lon: float, lat: float, d: float = 0.01) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
    }


def feature(geometry: dict[str, Any], **props: Any) -> dict[str, Any]:
    base = {
        "name_zh": "测试",
        "name_en": "Test",
        "source": "第二章 三、空间布局",
        "source_section": "ch2-3",
        "geometry_quality": "approximate",
        "geometry_source": "drawn by the test",
    }
    base.update(props)
    return {"type": "Feature", "properties": base, "geometry": geometry}


def tiny_plan_docs() -> dict[str, Any]:
    """A minimal valid plan: boundary, two overlapping zones, three projects, two targets."""
    boundary = feature(square(116.80, 36.60, 0.2), id="huaiyin")
    zone_a = feature(square(116.85, 36.65, 0.05), id="core-a", kind="core", description_zh="核", description_en="Core",
                     industries_zh=["医养健康"], industries_en=["Health"], carriers_zh=["医院"], carriers_en=["Hospital"])
    zone_b = feature(square(116.88, 36.60, 0.02), id="axis-b", kind="axis", description_zh="轴", description_en="Axis",
                     industries_zh=["商务"], industries_en=["Business"], carriers_zh=[], carriers_en=[])
    src = [{"ref": "专栏6", "section": "box6", "label": "专栏6 主导产业领域重点项目（医养健康）"}]
    projects = [
        feature({"type": "Point", "coordinates": [116.87, 36.67]}, id="p-in-a", category="医养健康",
                sources=src, status="未知", status_date=None, status_source=None, zone_override=None),
        feature({"type": "Point", "coordinates": [116.89, 36.61]}, id="p-in-b", category="道路",
                sources=src, status="开工", status_date="2020", status_source="第一章: 开工建设", zone_override=None),
        feature({"type": "Point", "coordinates": [116.97, 36.78]}, id="p-none", category="水利",
                sources=src, status="未知", status_date=None, status_source=None, zone_override=None),
    ]
    target = {
        "id": "t-1", "plan": "14th", "scope_kind": "zone", "scope": "core-a",
        "metric_zh": "总产值", "metric_en": "Output", "unit": "亿元",
        "baseline": {"year": 2020, "value": 100, "text": "100"},
        "target": {"year": 2025, "value": 500, "text": "500"},
        "annual_growth_pct": None, "comparison": "at_least", "attribute": None, "cumulative": False,
        "source": {"section": "ch4-1", "label": "第四章 一、"}, "observations": [],
    }
    target2 = copy.deepcopy(target) | {"id": "t-2", "scope_kind": "district", "scope": "huaiyin"}
    fc = lambda feats: {"type": "FeatureCollection", "features": feats}  # noqa: E731
    outline = "第二章 擘画新蓝图\n\n三、空间布局\n\n两核三区。\n\n第四章 厚植经济实力\n\n一、高水平建设\n\n专栏 6 主导产业领域重点项目\n\n医养健康：甲、乙。\n"
    return {
        "plan_outline.txt": outline,
        "boundary.geojson": fc([boundary]),
        "zones.geojson": fc([zone_a, zone_b]),
        "projects.geojson": fc(projects),
        "targets.json": {"targets": [target, target2]},
    }


def write_docs(folder: Path, docs: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, doc in docs.items():
        data = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)
        (folder / name).write_text(data, encoding="utf-8")
    return folder


def file_stores(folder: Path, **settings: Any) -> Any:
    """The stores of a plan folder, as ``open_stores`` opens them without a database (state beside the plan)."""
    from planning.settings import Settings  # noqa: PLC0415 - keeps this module importable without the app
    from planning.stores import open_stores  # noqa: PLC0415

    folder = Path(folder)
    defaults = {"accounts_file": folder.parent / "accounts.json", "state_dir": folder.parent / "state"}
    return open_stores(Settings(data_dir=folder, **{**defaults, **settings}))


def add_file_account(path: Path, username: str, password: str, *, name: str | None = None) -> None:
    """Add a planner account to the accounts file ``path`` (what ``python -m planning account add --file`` does)."""
    from planning.auth import add_account  # noqa: PLC0415
    from planning.storage import FileStore  # noqa: PLC0415

    path = Path(path)
    add_account(FileStore(path.parent), username, password, name=name, document=path.name)
