"""A damaged state file is reported on every page that reads it, in the user's language, and no page crashes.

Each corruption of ``tests/corruptions.py`` is applied to a copy of the shipped data; every page that reads the
file is opened through the app's router (AppTest) as a logged-in planner: no exception, and the page names the
file with what to do. Pages that do not read it keep working.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import texts
from tests.corruptions import CORRUPTIONS
from tests.helpers import GEODATA, ROOT

PLANNER = {"username": "planner1", "name": "规划员甲"}
MAP, TARGETS, TOUR, ANALYSIS, IMPORT, BULK, PLAN, SOURCES, MODERATION, LIST = (
    "app_pages/plan_map.py", "app_pages/dashboard.py", "app_pages/presentation.py", "app_pages/analysis.py",
    "app_pages/import_page.py", "app_pages/bulk_update.py", "app_pages/plan_text.py", "app_pages/data_sources.py",
    "app_pages/moderation.py", "app_pages/kiosk_list.py")

#: corruption -> (pages that must name the damaged file, words of the message that say what to do (zh))
READERS: dict[str, tuple[tuple[str, ...], str]] = {
    "overlay_json_truncated": ((MAP, ANALYSIS, IMPORT, SOURCES), "请从备份恢复"),
    "overlay_geojson_truncated": ((MAP, ANALYSIS, IMPORT, SOURCES), "请从备份恢复"),
    "overlay_empty_coordinates": ((MAP, ANALYSIS, IMPORT, SOURCES), "几何为空"),
    "audit_garbage_line": ((MAP, TARGETS, IMPORT, BULK, SOURCES), "请运维人员从备份恢复"),
    "outline_binary": ((PLAN, SOURCES), "请从代码仓库恢复"),
    "projects_100k_deep": ((MAP, SOURCES), "projects.geojson"),
    "comments_db_garbage": ((MAP, MODERATION), "请运维人员从备份恢复"),
    "tour_truncated": ((TOUR,), "broken.json"),
}
EVERY_PAGE = (MAP, TARGETS, TOUR, ANALYSIS, IMPORT, BULK, PLAN, SOURCES, MODERATION, LIST)


def _folder(tmp_path: Path, name: str) -> tuple[Path, Path]:
    folder, state = tmp_path / "geodata", tmp_path / "state"
    shutil.copytree(GEODATA, folder, ignore=shutil.ignore_patterns("audit.jsonl", "overlays", "*.lock"))
    state.mkdir()
    CORRUPTIONS[name][0](folder, state)
    return folder, state


def _open(page: str, monkeypatch: pytest.MonkeyPatch, folder: Path, state: Path, *, lang: str = "zh") -> AppTest:
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(folder))
    monkeypatch.setenv("HUAIYIN_STATE_DIR", str(state))
    monkeypatch.setenv("HUAIYIN_ACCOUNTS_FILE", str(state / "accounts.json"))
    monkeypatch.setenv("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["user"] = PLANNER
    at.query_params["lang"] = lang  # the app takes the language from the URL on first load
    at.run()
    if page != MAP:
        at.switch_page(page)
        at.run()
    assert not at.exception, (page, [e.message for e in at.exception])
    return at


@pytest.mark.parametrize("name", list(READERS))
def test_each_corruption_is_reported_on_every_page_that_reads_it(name, tmp_path, monkeypatch):
    folder, state = _folder(tmp_path, name)
    pages, what_to_do = READERS[name]
    file = CORRUPTIONS[name][1]
    for page in EVERY_PAGE:
        shown = texts(_open(page, monkeypatch, folder, state))
        assert "Traceback" not in shown and "Error:" not in shown, (page, shown[:500])
        if page in pages:
            assert file in shown, (page, file, shown[:800])
            assert what_to_do in shown, (page, what_to_do, shown[:800])


@pytest.mark.parametrize("name", ["overlay_geojson_truncated", "audit_garbage_line", "outline_binary"])
def test_the_message_follows_the_language(name, tmp_path, monkeypatch):
    folder, state = _folder(tmp_path, name)
    shown = texts(_open(MAP, monkeypatch, folder, state, lang="en"))
    assert "restore" in shown.lower() and CORRUPTIONS[name][1] in shown, shown[:800]
    assert "请" not in shown.split("Language")[0], "no Chinese message on the English page"


def test_a_damaged_accounts_file_is_explained_at_login(tmp_path, monkeypatch):
    folder, state = _folder(tmp_path, "accounts_truncated")
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(folder))
    monkeypatch.setenv("HUAIYIN_STATE_DIR", str(state))
    monkeypatch.setenv("HUAIYIN_ACCOUNTS_FILE", str(state / "accounts.json"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.sidebar.text_input(key="auth_username").input("planner1")
    at.sidebar.text_input(key="auth_password").input("secret-password")
    next(b for b in at.sidebar.button if b.label == "登录").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = texts(at)
    assert "accounts.json" in shown and "python -m planning account add" in shown, shown[:800]
