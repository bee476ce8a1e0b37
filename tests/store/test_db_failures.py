"""Connections that fail well: the database stopped, frozen and full each give their own clear message.

These tests run their own small PostgreSQL server (``max_connections`` 12, so
"full" is quick to reach) and stop, freeze (``SIGSTOP`` on every server
process) and fill it. They assert on the kind of failure and its public
message, that the call returned (bounds are generous multiples of the
configured time-outs, never a tight wall-clock budget), that nothing was
written, and that the same store object works again by itself once the
server is back. The app keeps serving the last loaded plan with a banner.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from planning.dbpool import DbLimits
from planning.edits import OBSERVATION_FIELDS, TARGETS_FILE, PlanEditor
from planning.errors import DatabaseUnavailable
from planning.plan import load_plan
from planning.postgis import PostgisStore, load_folder
from tests.helpers import GEODATA, ROOT
from tests.pg import PgServer, PgUnavailable

LIMITS = DbLimits(pool_size=2, pool_timeout=2.0, connect_timeout=2, statement_timeout=20.0, lock_timeout=10.0,
                  stall_probe_s=1.0)
#: A call must return within this many times its configured time-outs (generous: CI is a loaded 2-core box).
SLACK = 6
BOUND = SLACK * (LIMITS.pool_timeout + LIMITS.connect_timeout + LIMITS.stall_probe_s) + 10


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    try:
        own = PgServer(max_connections=12).start()
    except PgUnavailable as exc:
        pytest.fail(f"PostgreSQL with PostGIS is required and could not be started: {exc}", pytrace=False)
    yield own
    own.destroy()


@pytest.fixture
def url(server: PgServer) -> str:
    _signal(server.pids(), signal.SIGCONT)  # a failed test may have left it frozen or stopped
    if not (server.data_dir / "postmaster.pid").exists():
        server.start()
    found = server.create_database(f"fail_{uuid.uuid4().hex[:10]}")
    store = PostgisStore(found, limits=LIMITS)
    load_folder(store, GEODATA)
    store.close()
    return found


def _secrets(url: str) -> list[str]:
    """Parts of the URL that no public message may show: user, password, host, port, database."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    return [str(info[k]) for k in ("user", "password", "host", "port", "dbname")]


def _assert_public(exc: DatabaseUnavailable, url: str) -> None:
    for lang in ("zh", "en"):
        text = exc.message(lang)
        for secret in _secrets(url):
            assert secret not in text, (secret, text)
        for driver in ("psycopg", "libpq", "refused", "timeout expired", "server closed", "FATAL", "SQLSTATE"):
            assert driver.lower() not in text.lower(), (driver, text)
    assert "nothing was changed" in exc.message("en") and "未做任何修改" in exc.message("zh")


def _signal(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # a backend may have exited meanwhile
            os.kill(pid, sig)


def _timed(call: Callable[[], Any]) -> tuple[BaseException | None, float]:
    """Run ``call`` in a thread; its exception (``None``: it worked) and how long it took.

    The thread lets the test resume a frozen server even when the call hangs.
    """
    box: dict[str, BaseException | None] = {"exc": None}

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["exc"] = exc

    start = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(BOUND)
    assert not worker.is_alive(), f"the call did not return within {BOUND:.0f} s"
    return box["exc"], time.monotonic() - start


def _recovers(store: PostgisStore) -> None:
    """The same store object works again by itself (polled: the pool reconnects in the background)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            store.signature()
            return
        except DatabaseUnavailable:
            assert time.monotonic() < deadline, "the store did not recover after the server came back"
            time.sleep(0.5)


def test_a_stopped_server_is_unreachable_and_the_store_recovers(url, server):
    store = PostgisStore(url, limits=LIMITS)
    plan = load_plan(store)
    target = plan.targets[0].id
    before = store.read_bytes(TARGETS_FILE)
    editor = PlanEditor(store)
    base = editor.snapshot(TARGETS_FILE, target, OBSERVATION_FIELDS)
    server.stop("immediate")
    try:
        exc, _ = _timed(store.signature)
        assert isinstance(exc, DatabaseUnavailable), exc
        assert exc.kind == "unreachable" and "cannot be reached" in exc.message("en")
        _assert_public(exc, url)
        assert exc.detail, "the log and the planners get the driver's text"
        refused, _ = _timed(lambda: editor.add_observation("planner1", target, 2024, 1.0, "outage", based_on=base))
        assert isinstance(refused, DatabaseUnavailable) and refused.kind == "unreachable"
    finally:
        server.start()
    _recovers(store)
    assert store.read_bytes(TARGETS_FILE) == before, "the refused edit wrote nothing"
    store.close()


def test_a_frozen_server_is_not_responding_and_the_store_recovers(url, server):
    store = PostgisStore(url, limits=LIMITS)
    load_plan(store)  # the pool holds a connection to the server about to freeze
    pids = server.pids()
    _signal(pids, signal.SIGSTOP)
    try:
        exc, _ = _timed(store.signature)
    finally:
        _signal(pids, signal.SIGCONT)
    assert isinstance(exc, DatabaseUnavailable), exc
    assert exc.kind == "not_responding" and "not responding" in exc.message("en")
    assert exc.message("zh").startswith("规划数据库没有响应")
    _assert_public(exc, url)
    _recovers(store)
    store.close()


def test_a_statement_in_flight_on_a_frozen_server_returns(url, server):
    """The freeze hits while a statement waits for its answer: the watchdog ends the wait."""
    store = PostgisStore(url, limits=LIMITS)
    store.signature()
    pids = server.pids()

    def slow_then_frozen() -> None:
        with store.connection("a slow read") as conn:
            _signal(pids, signal.SIGSTOP)
            conn.execute("SELECT 1")

    try:
        exc, _ = _timed(slow_then_frozen)
    finally:
        _signal(pids, signal.SIGCONT)
    assert isinstance(exc, DatabaseUnavailable) and exc.kind == "not_responding", exc
    _recovers(store)
    store.close()


def test_a_full_server_says_try_again_not_unreachable(url, server):
    hogs: list[Any] = []
    try:
        with contextlib.suppress(psycopg.OperationalError):
            for _ in range(20):  # max_connections 12, 3 of them reserved for superusers
                hogs.append(psycopg.connect(url, connect_timeout=5))
        assert 0 < len(hogs) < 20, "the server refused some connections"
        store = PostgisStore(url, limits=LIMITS)
        exc, _ = _timed(store.signature)
        assert isinstance(exc, DatabaseUnavailable), exc
        assert exc.kind == "full" and "full" in exc.message("en") and "try again" in exc.message("en")
        assert "已满" in exc.message("zh")
        _assert_public(exc, url)
    finally:
        for hog in hogs:
            hog.close()
    _recovers(store)
    store.close()


def test_an_exhausted_pool_says_try_again(url):
    store = PostgisStore(url, limits=DbLimits(pool_size=1, pool_timeout=1.0, connect_timeout=2))
    store.signature()
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with store.connection("holding the only connection"):
            held.set()
            release.wait(BOUND)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    assert held.wait(BOUND)
    try:
        exc, _ = _timed(store.signature)
    finally:
        release.set()
        holder.join(BOUND)
    assert isinstance(exc, DatabaseUnavailable) and exc.kind == "full", exc
    store.signature()  # the connection is back: works at once
    store.close()


def _app(url: str, tmp_path, monkeypatch, *, kiosk: bool = False) -> AppTest:  # noqa: ANN001
    folder = tmp_path / "data"  # the plan comes from the database; the tours are still files (tours/)
    if not folder.exists():
        shutil.copytree(GEODATA, folder)
    for name, value in {"HUAIYIN_DATABASE_URL": url, "HUAIYIN_DATA_DIR": str(folder),
                        "HUAIYIN_STATE_DIR": str(tmp_path / "state"), "HUAIYIN_DB_POOL_TIMEOUT": "2",
                        "HUAIYIN_DB_CONNECT_TIMEOUT": "2", "HUAIYIN_KIOSK": "1" if kiosk else "0"}.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.get("component_instance"), "the map is shown"
    return at


def _shown(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("warning", "error", "caption", "markdown") for e in at.get(kind))


@pytest.mark.parametrize("kiosk", [False, True], ids=["desk", "kiosk"])
def test_read_pages_keep_serving_the_last_plan_with_a_banner(url, server, tmp_path, monkeypatch, kiosk):
    at = _app(url, tmp_path, monkeypatch, kiosk=kiosk)
    pages = ["app_pages/kiosk.py", "app_pages/kiosk_list.py"] if kiosk else [
        "app_pages/plan_map.py", "app_pages/kiosk_list.py", "app_pages/presentation.py"]
    for page in pages:  # each page loads what it shows once while the database is up
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
    server.stop("immediate")
    try:
        for page in pages:
            at.switch_page(page).run()
            assert not at.exception, [e.message for e in at.exception]
            banner = " ".join(str(w.value) for w in at.warning)
            assert "数据库暂不可用，显示的是" in banner and "的数据" in banner, (page, banner)
            for secret in _secrets(url):
                assert secret not in _shown(at), (page, secret)
            if page != "app_pages/kiosk_list.py":
                assert at.get("component_instance"), f"{page}: the map is still shown"
        if not kiosk:
            at.switch_page("app_pages/plan_map.py").run()
            at.sidebar.radio(key="lang").set_value("en").run()
            banner = " ".join(str(w.value) for w in at.warning)
            assert "Database unavailable, showing data as of" in banner
    finally:
        server.start()
    deadline = time.monotonic() + 120
    while True:  # recovers by itself: the banner goes once the database answers again
        at.run()
        banner = " ".join(str(w.value) for w in at.warning)
        if "数据库暂不可用" not in banner and "Database unavailable" not in banner:
            break
        assert time.monotonic() < deadline, "the banner stayed after the database came back"
        time.sleep(1)
    assert not at.exception
