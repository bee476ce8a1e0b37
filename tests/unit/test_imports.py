"""Architecture rules, checked on the source: who may import what."""

from __future__ import annotations

import ast
import re
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


@pytest.mark.parametrize("path", _files("planning"), ids=lambda p: p.name)
def test_planning_imports_neither_streamlit_nor_folium(path):
    banned = {"streamlit", "folium", "streamlit_folium", "branca", "app_pages", "layers"}  # no exemption
    forbidden = _imported_modules(path) & banned
    assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


@pytest.mark.parametrize("path", _files("layers"), ids=lambda p: p.name)
def test_layers_import_no_streamlit(path):
    forbidden = _imported_modules(path) & {"streamlit", "streamlit_folium", "app_pages"}
    assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


#: The only modules that touch files or databases: the stores (and the store of the vendored static assets).
STORE_MODULES = {
    "planning/storage.py",  # files: documents, atomic writes, locks
    "planning/postgis.py",  # PostgreSQL + PostGIS documents
    "planning/dbpool.py",  # the PostgreSQL connection pool and its time-outs
    "planning/postgis_comments.py",  # comments in PostgreSQL
    "planning/postgis_spatial.py",  # spatial queries in PostgreSQL
    "planning/comments.py",  # comments in SQLite (SqliteCommentStore)
    "layers/assets.py",  # the vendored Leaflet files under static/
}
#: Modules whose import means file or database I/O.
IO_MODULES = {"sqlite3", "psycopg", "psycopg_pool", "psycopg2", "fcntl", "tempfile", "shutil", "glob", "fiona"}
#: ``os`` functions that touch the file system.
OS_FILE_FUNCTIONS = {
    "open", "remove", "unlink", "replace", "rename", "makedirs", "mkdir", "rmdir", "listdir", "scandir", "walk",
    "stat", "chmod", "fsync", "truncate", "ftruncate", "fdopen", "read", "write", "pread",
}
#: ``pathlib.Path`` methods, recognised by their call shape (a store's methods take a document name).
PATH_NO_ARG = {"read_text", "read_bytes", "exists", "is_file", "is_dir", "iterdir", "unlink", "rmdir", "touch", "mkdir",
               "stat", "open"}
PATH_ONE_ARG = {"write_text", "write_bytes", "rename", "replace", "glob", "rglob", "chmod"}
_MODE = re.compile(r"[rwaxbt+]{1,3}")


def _io_calls(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [(node.lineno, f"import {n}") for n in names if n.split(".")[0] in IO_MODULES]
        if not isinstance(node, ast.Call):
            continue
        func, args = node.func, node.args
        if isinstance(func, ast.Name) and func.id in {"open", "sqlite3", "connect"}:
            found.append((node.lineno, f"{func.id}()"))
        if not isinstance(func, ast.Attribute):
            continue
        receiver = func.value.id if isinstance(func.value, ast.Name) else None
        if receiver == "os" and func.attr in OS_FILE_FUNCTIONS:
            found.append((node.lineno, f"os.{func.attr}()"))
        elif receiver in {"pyogrio", "gpd", "geopandas"} and func.attr in {"read_file", "write_dataframe", "to_file"}:
            found.append((node.lineno, f"{receiver}.{func.attr}()"))  # pyogrio.read_dataframe(bytes) reads memory
        elif func.attr in {"to_file", "to_parquet", "to_csv", "to_excel"} and args and not _is_buffer(args[0]):
            found.append((node.lineno, f".{func.attr}(path)"))
        elif func.attr in PATH_NO_ARG and not node.keywords and (
            not args or (func.attr == "open" and isinstance(args[0], ast.Constant) and _MODE.fullmatch(str(args[0].value)))
        ):
            found.append((node.lineno, f".{func.attr}()"))
        elif func.attr in {"read_text"} and not args:
            found.append((node.lineno, f".{func.attr}()"))
        elif func.attr in PATH_ONE_ARG and len(args) == 1 and not node.keywords:
            found.append((node.lineno, f".{func.attr}(x)"))
    return found


def _is_buffer(node: ast.AST) -> bool:
    """``df.to_csv(buffer)`` writes into memory; ``df.to_csv(path)`` / ``df.to_csv("x.csv")`` into a file."""
    return isinstance(node, ast.Name | ast.Call) and not (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"Path", "str"})


def _app_files() -> list[Path]:
    return [ROOT / "app.py", *_files("planning"), *_files("layers"), *_files("app_pages")]


def test_only_store_modules_touch_files_or_databases():
    """Outside the store modules nothing opens, reads, writes or lists a file, or talks to a database.

    No exemption by variable name: a store's methods are recognised by their
    shape (``store.read_bytes(name)`` takes a document name,
    ``path.read_bytes()`` nothing), everything else that does I/O is named.
    """
    offenders = []
    for path in _app_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel in STORE_MODULES:
            continue
        offenders += [f"{rel}:{line} {what}" for line, what in _io_calls(ast.parse(path.read_text(encoding="utf-8")))]
    assert not offenders, "file or database I/O outside the store modules:\n" + "\n".join(offenders)


def test_the_io_rule_catches_each_kind_of_access():
    """The rule above is not vacuous: each way of touching a file is caught, a store call is not."""
    caught = _io_calls(ast.parse(
        "import sqlite3\nopen('x')\nos.replace(a, b)\nPath('x').read_text()\np.write_bytes(b'')\n"
        "gpd.read_file(p)\nstore.path('x').read_bytes()\nf.open('rb')\nq.exists()\n"))
    assert [line for line, _ in caught] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert _io_calls(ast.parse("store.read_bytes('a')\nstore.write_bytes('a', b'')\ntx.exists('a')\ns.replace('a', 'b')\n"
                               "df.to_csv(buffer)\nzf.open(name)\n")) == []


@pytest.mark.parametrize("path", _files("app_pages"), ids=lambda p: p.name)
def test_pages_do_not_import_folium(path):
    """Pages lay out what the domain and layers/ built; folium is used in layers/ only."""
    forbidden = _imported_modules(path) & {"folium", "branca"}
    assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


def test_no_bare_except():
    for package in ("planning", "layers", "app_pages"):
        for path in _files(package):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                assert not (isinstance(node, ast.ExceptHandler) and node.type is None), f"bare except in {path}"
