"""An edit never takes a second pool connection while it holds a document lock.

If it did, a busy pool deadlocks: every other connection can belong to a
thread waiting for the lock this edit holds, and the edit waits for one of
them until a time-out refuses somebody's edit (seen as 200 simultaneous
target edits failing with "stayed locked … for 1200 s"). With one
connection in the pool, every kind of edit must therefore still work; with
more threads than connections, every edit must land.
"""

from __future__ import annotations

import threading

import pytest

from planning.dbpool import DbLimits
from planning.edits import OBSERVATION_FIELDS, STATUS_FIELDS, PROJECTS_FILE, TARGETS_FILE, PlanEditor
from planning.errors import StaleWriteError
from planning.plan import load_plan
from planning.postgis import PostgisStore, load_folder
from tests.helpers import GEODATA
from tests.store.conftest import new_schema

#: A lone connection: any second acquisition inside a transaction would wait its pool time-out and fail.
ONE = DbLimits(pool_size=1, pool_timeout=20.0)


@pytest.fixture
def one_connection(pg_url):
    store = PostgisStore(pg_url, schema=new_schema(), limits=ONE)
    load_folder(store, GEODATA)
    yield store
    store.close()


def test_every_kind_of_edit_works_on_a_pool_of_one_connection(one_connection):
    editor = PlanEditor(one_connection)
    plan = load_plan(one_connection)
    target = plan.targets[0].id
    project = plan.projects.iloc[0]["id"]
    seen = editor.snapshot(TARGETS_FILE, target, OBSERVATION_FIELDS)
    first = editor.add_observation("planner1", target, 2024, 1.5, "统计公报（池测试）", based_on=seen)
    seen = editor.snapshot(PROJECTS_FILE, project, STATUS_FIELDS)
    second = editor.set_status("planner1", project, "在建", "2024-05-01", "区重点项目调度表", based_on=seen)
    third = editor.revert("planner1", second.seq)
    assert [e.seq for e in editor.log()] == [first.seq, second.seq, third.seq] == [1, 2, 3]


def test_more_threads_than_connections_all_land(pg_url):
    store = PostgisStore(pg_url, schema=new_schema(), limits=DbLimits(pool_size=2, pool_timeout=120.0))
    load_folder(store, GEODATA)
    editor = PlanEditor(store)
    targets = [t.id for t in load_plan(store).targets[:3]]
    errors: list[str] = []

    def work(n: int) -> None:
        for i in range(3):
            target = targets[(n + i) % len(targets)]
            while True:
                seen = editor.snapshot(TARGETS_FILE, target, OBSERVATION_FIELDS)
                try:
                    editor.add_observation(f"t{n}", target, 2024, float(i), f"t{n}/e{i}", based_on=seen)
                    break
                except StaleWriteError:
                    continue
                except Exception as exc:  # noqa: BLE001 - collected and asserted below
                    errors.append(f"{type(exc).__name__}: {exc}")
                    return

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(e.seq for e in editor.log()) == list(range(1, 19))
    store.close()
