"""A writer killed at every step of a commit: opening the stores completes or rolls back, and says so (#16).

The edit runs in a child process whose commit stops (``os._exit``) at one named
step of :meth:`planning.storage.FileTransaction._commit`; the parent then opens
the stores (which recovers) and checks that the document and the audit log
agree, and that no temporary file or journal is left.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planning.plan import load_plan
from tests.helpers import ROOT, file_stores, tiny_plan_docs, write_docs

CHILD = """
import os, sys
sys.path.insert(0, {root!r})
from planning.edits import PROJECTS_FILE, STATUS_FIELDS, PlanEditor
from planning.storage import FileStore, FileTransaction
kill_at = {step!r}
def step(self, name):
    if name == kill_at:
        os._exit(9)
FileTransaction._step = step
editor = PlanEditor(FileStore({folder!r}))
base = editor.snapshot(PROJECTS_FILE, "p-in-a", STATUS_FIELDS)
editor.set_status("killer", "p-in-a", "在建", "2026-01", "NEVER-SAVED", based_on=base)
"""

#: Step → whether the edit must be there after recovery (before the journal: rolled back; after: completed).
STEPS = {"temp": False, "journal": True, "rename": True, "append": True}


@pytest.mark.parametrize(("step", "completed"), STEPS.items())
def test_a_kill_at_each_commit_step_leaves_log_and_data_agreeing(tmp_path: Path, step: str, completed: bool):
    folder = write_docs(tmp_path / "plan", tiny_plan_docs())
    (folder / "projects.geojson").chmod(0o644)
    code = CHILD.format(root=str(ROOT), step=step, folder=str(folder))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr  # killed where asked
    stores = file_stores(folder)
    status = load_plan(stores.plan).feature("projects", "p-in-a")["status"]
    logged = [e for e in stores.audit.entries() if e.feature_id == "p-in-a"]
    assert (status == "在建") == completed
    assert bool(logged) == completed and len(logged) <= 1
    if completed:
        assert logged[0].after["status_source"] == "NEVER-SAVED"
        assert any("completed an interrupted commit" in line for line in stores.recovered)
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".journal-")]
    assert leftovers == []
    assert (folder / "projects.geojson").stat().st_mode & 0o777 == 0o644  # the mode survives the rename


def test_an_orphaned_temporary_file_is_removed_on_open(tmp_path: Path):
    folder = write_docs(tmp_path / "plan", tiny_plan_docs())
    orphan = folder / ".projects.geojson.abc123.tmp"
    orphan.write_bytes(b"half")
    stores = file_stores(folder)
    assert not orphan.exists()
    assert stores.recovered == [f"{folder}: removed {orphan.name}, left by an interrupted write of projects.geojson"]
    assert json.loads((folder / "projects.geojson").read_bytes())["features"]
