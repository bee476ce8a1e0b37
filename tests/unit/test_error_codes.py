"""The error catalogue (planning/errors.py) lists every exception, and every code raised has zh and en text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from planning.errors import EXCEPTIONS
from planning.messages import Messages

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "planning").rglob("*.py"))


def _classes() -> dict[str, str]:
    """Every exception class defined in planning/ (a class whose base is an exception) → its file."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                if any(b.endswith(("Error", "Exception", "Unavailable", "Refused")) for b in bases):
                    found[node.name] = str(path.relative_to(ROOT))
    return found


def _raised_codes() -> list[tuple[str, str, str]]:
    """``(exception, code, where)`` of every call of a coded exception with a literal code."""
    coded = {name for name, namespace in EXCEPTIONS.items() if namespace}
    calls = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            first = node.args[0]
            if name in coded and isinstance(first, ast.Constant) and isinstance(first.value, str):
                calls.append((name, first.value, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return calls


def test_every_exception_of_the_package_is_in_the_catalogue():
    missing = {name: where for name, where in _classes().items() if name not in EXCEPTIONS}
    assert not missing, f"add these to planning/errors.py EXCEPTIONS (and its table): {missing}"
    stale = set(EXCEPTIONS) - set(_classes())
    assert not stale, f"planning/errors.py lists exceptions that no longer exist: {stale}"


def test_the_catalogue_table_names_every_exception():
    import planning.errors as errors  # noqa: PLC0415

    assert all(name in errors.__doc__ for name in EXCEPTIONS if not name.startswith("_"))


def test_coded_exceptions_are_raised_with_codes():
    assert len(_raised_codes()) > 20, "the scan finds the coded exceptions"


@pytest.mark.parametrize(("exception", "code", "where"), _raised_codes(), ids=lambda v: str(v))
def test_every_code_raised_has_zh_and_en_text(exception, code, where):
    namespace = EXCEPTIONS[exception]
    messages = Messages(namespace)
    assert code in messages, f"{where}: {exception}({code!r}) has no text in the {namespace} messages"
    zh, en = messages[code]
    assert zh.strip() and en.strip() and zh != en, f"{where}: {exception}({code!r}) needs both a zh and an en text"


@pytest.mark.parametrize("kind", ["unreachable", "full", "not_responding"])
def test_every_database_failure_kind_has_text(kind):
    zh, en = Messages("db_unavailable")[kind]
    assert zh and en and zh != en
