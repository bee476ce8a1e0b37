"""The database goes away in the middle of an edit: nothing changes, the error is clear, and it works again after.

These tests run their own PostgreSQL server (they stop it), not the session's.
The edit is interrupted from inside its transaction: the editor's clock is
called after the documents were read under the lock and before anything is
written, and there it terminates the editing connection
(``pg_terminate_backend``) or stops the server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from planning.edits import AUDIT_FILE, OBSERVATION_FIELDS, TARGETS_FILE, PlanEditor
from planning.errors import DataSourceError
from planning.plan import load_plan
from planning.postgis import DatabaseUnavailable, PostgisStore, load_folder
from tests.helpers import GEODATA, ROOT
from tests.pg import PgServer, PgUnavailable

VICTIM = "outage-victim"
TARGET = "t-1"


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    try:
        own = PgServer().start()
    except PgUnavailable as exc:
        pytest.fail(f"PostgreSQL with PostGIS is required and could not be started: {exc}", pytrace=False)
    yield own
    own.destroy()


@pytest.fixture
def url(server: PgServer) -> str:
    if not (server.data_dir / "postmaster.pid").exists():
        server.start()  # a failed test may have left it stopped
    import uuid

    found = server.create_database(f"outage_{uuid.uuid4().hex[:10]}")
    store = PostgisStore(found)
    load_folder(store, GEODATA)
    store.close()
    return found


def _first_target(store: PostgisStore) -> str:
    return load_plan(store).targets[0].id


def _state(url: str) -> tuple[bytes, bool]:
    """targets.json and whether an audit log exists, read through a new store."""
    fresh = PostgisStore(url)
    try:
        return fresh.read_bytes(TARGETS_FILE), fresh.exists(AUDIT_FILE)
    finally:
        fresh.close()


def _clock(action) -> callable:  # noqa: ANN001 - a callable run mid-edit
    def clock() -> dt.datetime:
        action()
        return dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)

    return clock


def _add(editor: PlanEditor, target: str, source: str):
    base = editor.snapshot(TARGETS_FILE, target, OBSERVATION_FIELDS)
    return editor.add_observation("planner1", target, 2024, 42.0, source, based_on=base)


def test_a_connection_killed_mid_edit_changes_nothing_and_the_next_edit_works(url):
    before = _state(url)
    store = PostgisStore(url, application_name=VICTIM)
    target = _first_target(store)

    def kill() -> None:
        with psycopg.connect(url, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s AND state <> 'idle'", (VICTIM,)).fetchone()[0]
        assert killed == 1, "the editing connection (inside its transaction) must be the one terminated"

    with pytest.raises(DatabaseUnavailable) as info:
        _add(PlanEditor(store, clock=_clock(kill)), target, "interrupted")
    assert isinstance(info.value, DataSourceError)
    assert "cannot be reached" in info.value.message("en") and "nothing was changed" in info.value.message("en")
    assert info.value.message("zh").startswith("无法连接规划数据库")
    assert _state(url) == before
    entry = _add(PlanEditor(store), target, "after the outage")  # the same store object reconnects
    assert entry.seq == 1
    assert [o.source for t in load_plan(store).targets if t.id == target for o in t.observations][-1] == "after the outage"
    store.close()


def test_a_server_stopped_mid_edit_changes_nothing_and_edits_work_when_it_is_back(url, server):
    before = _state(url)
    store = PostgisStore(url, application_name=VICTIM)
    target = _first_target(store)
    with pytest.raises(DatabaseUnavailable):
        _add(PlanEditor(store, clock=_clock(lambda: server.stop("immediate"))), target, "interrupted")
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        load_plan(store)  # still down: every read says so
    server.start()
    assert _state(url) == before
    assert _add(PlanEditor(store), target, "after the restart").seq == 1
    store.close()


def test_the_app_keeps_the_last_plan_with_a_clear_banner_while_the_database_is_down_and_recovers(
        url, server, tmp_path, monkeypatch):
    empty = tmp_path / "no-files"
    empty.mkdir()
    monkeypatch.setenv("HUAIYIN_DATABASE_URL", url)
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(empty))
    monkeypatch.setenv("HUAIYIN_DB_POOL_TIMEOUT", "2")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception and not at.error
    assert at.get("component_instance"), "the map is shown"
    server.stop("fast")
    try:
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        shown = " ".join(str(e.value) for e in at.warning)
        assert "数据库暂不可用" in shown and "无法连接规划数据库" in shown and "未做任何修改" in shown
        assert url.split(":")[2].split("@")[0] not in shown  # never the password
        assert at.get("component_instance"), "the last loaded plan is still on the map"
        at.sidebar.radio(key="lang").set_value("en").run()
        shown = " ".join(str(e.value) for e in at.warning)
        assert "cannot be reached" in shown and "nothing was changed" in shown
        at.sidebar.radio(key="lang").set_value("zh")
    finally:
        server.start()
    at.run()
    assert not at.exception and not at.error and not at.warning
    assert at.get("component_instance"), "the map is back"
