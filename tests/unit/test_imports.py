"""Architecture rules, checked on the source: who may import what."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


#: The command-line entry point may hand ``export`` to layers.cli; no other planning module may use the map layer.
_ENTRY_POINT = "__main__.py"


@pytest.mark.parametrize("path", _files("planning"), ids=lambda p: p.name)
def test_planning_imports_neither_streamlit_nor_folium(path):
    banned = {"streamlit", "folium", "streamlit_folium", "branca", "app_pages"}
    if path.name != _ENTRY_POINT:
        banned.add("layers")
    forbidden = _imported_modules(path) & banned
    assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


@pytest.mark.parametrize("path", _files("layers"), ids=lambda p: p.name)
def test_layers_import_no_streamlit(path):
    forbidden = _imported_modules(path) & {"streamlit", "streamlit_folium", "app_pages"}
    assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


_FILE_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "open", "unlink", "replace"}


def test_only_storage_touches_files_in_planning():
    """Outside storage.py, file access goes through a store object (``store.read_bytes``)."""
    offenders = []
    for path in _files("planning"):
        if path.name == "storage.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                offenders.append(f"{path.name}:{node.lineno} open()")
            elif isinstance(func, ast.Attribute) and func.attr in _FILE_METHODS:
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                if owner not in {"store", "self"}:
                    offenders.append(f"{path.name}:{node.lineno} {func.attr}()")
    assert not offenders


def test_no_bare_except():
    for package in ("planning", "layers", "app_pages"):
        for path in _files(package):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                assert not (isinstance(node, ast.ExceptHandler) and node.type is None), f"bare except in {path}"
