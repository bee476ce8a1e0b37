"""Shared fixtures: the shipped plan loaded once, and a tiny valid plan folder built in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import GEODATA, tiny_plan_docs, write_docs


@pytest.fixture(scope="session")
def shipped_plan():
    from planning.plan import load_plan

    return load_plan(GEODATA)


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    return write_docs(tmp_path / "plan", tiny_plan_docs())
