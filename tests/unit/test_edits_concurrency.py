"""PlanEditor under real concurrency: many writer processes, and a writer killed mid-write.

The workers run in separate processes (``spawn``), so they share nothing but
the folder and its lock files. This module imports only the light part of the
package at the top (the loader, which pulls in geopandas, is imported inside
the tests) so that starting 50 workers stays fast.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
from tests.helpers import tiny_plan_docs, write_docs

from planning.edits import AUDIT_FILE, OBSERVATION_FIELDS, PROJECTS_FILE, STATUS_FIELDS, TARGETS_FILE, PlanEditor
from planning.errors import StaleWriteError
from planning.storage import FileStore, dump_feature_collection

WRITERS = 50
#: Fail only when nothing at all happens for this long (no worker starting, reaching the start line or finishing):
#: a loaded 2-core machine is slow, not stuck, and the test waits on progress rather than a total deadline.
STALL_SECONDS = 900


def _add_one_observation(folder: str, index: int, barrier: multiprocessing.synchronize.Barrier, progress) -> None:
    """One planner: read what they see, then add an observation, retrying on a stale write."""
    editor = PlanEditor(FileStore(folder))
    with progress.get_lock():
        progress.value += 1  # started
    barrier.wait()  # the parent aborts the barrier if a worker dies before it
    for _ in range(10 * WRITERS):
        seen = editor.snapshot(TARGETS_FILE, "t-1", OBSERVATION_FIELDS)
        try:
            editor.add_observation(
                f"planner-{index:02d}", "t-1", 2000 + index, index + 0.5, f"source {index}", based_on=seen
            )
            return
        except StaleWriteError:
            time.sleep(random.uniform(0, 0.01))  # noqa: S311 - jitter, not cryptography
    raise SystemExit(3)


def _wait_on_progress(procs: list, barrier, progress) -> None:
    """Join the workers while anything moves (a start, a finish, an audit line); fail after a long stall."""
    last_change, last_state = time.monotonic(), None
    while any(p.is_alive() for p in procs):
        if any(p.exitcode not in (None, 0) for p in procs):
            barrier.abort()  # a worker died: release the others instead of waiting for it at the start line
        state = (progress.value, sum(not p.is_alive() for p in procs))
        if state != last_state:
            last_change, last_state = time.monotonic(), state
        if time.monotonic() - last_change > STALL_SECONDS:
            for p in procs:
                p.kill()
            pytest.fail(f"no progress for {STALL_SECONDS} s: {state[0]} of {len(procs)} started, {state[1]} finished")
        next(p for p in procs if p.is_alive()).join(0.5)


def test_concurrent_writers_lose_no_observation(tmp_path):
    from planning.plan import load_plan

    folder = write_docs(tmp_path / "plan", tiny_plan_docs())
    ctx = multiprocessing.get_context("spawn")
    barrier, progress = ctx.Barrier(WRITERS), ctx.Value("i", 0)
    procs = [ctx.Process(target=_add_one_observation, args=(str(folder), i, barrier, progress)) for i in range(WRITERS)]
    for p in procs:
        p.start()
    _wait_on_progress(procs, barrier, progress)
    assert [p.exitcode for p in procs] == [0] * WRITERS

    target = json.loads((folder / TARGETS_FILE).read_text(encoding="utf-8"))["targets"][0]
    assert target["id"] == "t-1"
    assert sorted(o["source"] for o in target["observations"]) == sorted(f"source {i}" for i in range(WRITERS))
    assert len(target["observations"]) == WRITERS

    lines = (folder / AUDIT_FILE).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]  # every line is valid JSON
    assert [e["seq"] for e in entries] == list(range(1, WRITERS + 1))
    assert sorted(e["user"] for e in entries) == [f"planner-{i:02d}" for i in range(WRITERS)]
    for entry in entries:  # each entry applied on top of the one before: a consistent sequence
        assert len(entry["before"]["observations"]) == entry["seq"] - 1
        assert entry["after"]["observations"][:-1] == entry["before"]["observations"]
    assert entries[-1]["after"]["observations"] == target["observations"]
    assert PlanEditor(FileStore(folder)).log()[-1].seq == WRITERS

    plan = load_plan(folder)
    assert [str(p) for p in plan.problems] == []
    assert len(next(t for t in plan.targets if t.id == "t-1").observations) == WRITERS


# --- a writer killed in the middle of a write ---------------------------------------------


class _SlowHandle:
    """A file handle that writes half of the data, says so, and then hangs (until killed)."""

    def __init__(self, handle, ready: str) -> None:
        self._handle = handle
        self._ready = ready

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)

    def write(self, data: bytes) -> int:
        half = len(data) // 2
        self._handle.write(data[:half])
        self._handle.flush()
        Path(self._ready).write_text(str(half))
        time.sleep(600)
        return half

    def __getattr__(self, name):
        return getattr(self._handle, name)


def _write_slowly(folder: str, how: str, data: bytes, ready: str) -> None:
    """Child process: patch the temp-file writer to hang half-way, then write through the store."""
    real_fdopen = os.fdopen

    def slow_fdopen(fd, *args, **kwargs):
        return _SlowHandle(real_fdopen(fd, *args, **kwargs), ready)

    os.fdopen = slow_fdopen  # only in this child process
    if how == "store":
        FileStore(folder).write_bytes(PROJECTS_FILE, data)
    else:
        editor = PlanEditor(FileStore(folder))
        seen = editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
        editor.set_status("killed", "p-in-b", "竣工", "2024", "never saved", based_on=seen)


def _large_projects() -> bytes:
    """A valid projects document of a few MB (the tiny plan's projects, many times over)."""
    base = tiny_plan_docs()[PROJECTS_FILE]["features"]
    features = []
    for i in range(6000):
        feature = json.loads(json.dumps(base[i % len(base)]))
        feature["properties"]["id"] = f"p-{i:05d}"
        feature["properties"]["description_en"] = "x" * 400
        features.append(feature)
    return dump_feature_collection(features)


@pytest.mark.parametrize("how", ["store", "editor"])
def test_a_writer_killed_mid_write_leaves_the_previous_file(tmp_path, how):
    from planning.plan import load_plan

    folder = write_docs(tmp_path / "plan", tiny_plan_docs())
    original = (folder / PROJECTS_FILE).read_bytes()
    ready = tmp_path / "ready"
    data = _large_projects() if how == "store" else b""
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=_write_slowly, args=(str(folder), how, data, str(ready)))
    child.start()
    try:
        deadline = time.monotonic() + STALL_SECONDS  # one interpreter starting: a stall limit, not a budget
        def reached() -> bool:  # the marker is created, then written: wait for its content, not its name
            return ready.exists() and ready.read_text().strip() != ""

        while not reached() and time.monotonic() < deadline and child.is_alive():
            time.sleep(0.02)
        assert reached(), f"the writer never reached the middle of its write (exit code {child.exitcode})"
        temps = [p for p in folder.iterdir() if p.name.startswith(f".{PROJECTS_FILE}.") and p.name.endswith(".tmp")]
        assert len(temps) == 1
        assert temps[0].stat().st_size == int(ready.read_text()) > 0  # half of the new document is on disk
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
    assert child.exitcode == -signal.SIGKILL

    # the previous file is intact, complete and valid; the half-written temp file is only a stray
    assert (folder / PROJECTS_FILE).read_bytes() == original
    assert temps[0].exists()
    assert FileStore(folder).list_documents(".geojson") == ["boundary.geojson", PROJECTS_FILE, "zones.geojson"]
    assert all(not name.startswith(".") for name, _, _ in FileStore(folder).signature())
    plan = load_plan(folder)
    assert [str(p) for p in plan.problems] == []
    assert len(plan.projects) == 3

    # the killed writer logged nothing and left no lock behind: the next edit goes through as #1
    editor = PlanEditor(FileStore(folder))
    assert editor.log() == []
    entry = editor.set_status(
        "alive", "p-in-b", "在建", "2023", "公告", based_on=editor.snapshot(PROJECTS_FILE, "p-in-b", STATUS_FIELDS)
    )
    assert entry.seq == 1
    assert [str(p) for p in load_plan(folder).problems] == []
