"""Shared fixtures: the shipped plan loaded once, and a tiny valid plan folder built in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import GEODATA, tiny_plan_docs, write_docs


@pytest.fixture(scope="session")
def shipped_plan():
    from planning.plan import load_plan

    return load_plan(GEODATA)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright, shared by every browser test of the session."""
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    return write_docs(tmp_path / "plan", tiny_plan_docs())
