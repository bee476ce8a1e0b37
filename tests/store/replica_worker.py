"""One replica for the concurrency test: THREADS threads each add EDITS observations through PlanEditor.

``python -m tests.store.replica_worker URL TAG THREADS EDITS START TARGET...`` waits until the
Unix time START (so the replicas race), then each thread adds its observations to the targets in
turn, retrying on StaleWriteError (someone changed the target since the snapshot), exactly as a
planner would after reloading. Prints one JSON line: ``{"done": n, "retries": r, "errors": [...]}``.
"""

from __future__ import annotations

import json
import sys
import threading
import time

from planning.edits import OBSERVATION_FIELDS, TARGETS_FILE, PlanEditor
from planning.errors import StaleWriteError
from planning.postgis import PostgisStore


def _thread(editor: PlanEditor, tag: str, number: int, edits: int, targets: list[str], out: dict) -> None:
    for i in range(edits):
        target = targets[(number + i) % len(targets)]
        source = f"{tag}/t{number}/e{i}"
        while True:
            base = editor.snapshot(TARGETS_FILE, target, OBSERVATION_FIELDS)
            try:
                editor.add_observation(f"{tag}-t{number}", target, 2024, float(i), source, based_on=base)
                break
            except StaleWriteError:
                out["retries"] += 1
        out["done"] += 1


def main(argv: list[str]) -> int:
    url, tag, threads, edits, start, *targets = argv
    store = PostgisStore(url, application_name=f"replica-{tag}")
    editor = PlanEditor(store)
    out: dict = {"done": 0, "retries": 0, "errors": []}
    lock = threading.Lock()

    def run(number: int) -> None:
        mine = {"done": 0, "retries": 0}
        try:
            _thread(editor, tag, number, int(edits), targets, mine)
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on any
            mine["error"] = f"{type(exc).__name__}: {exc}"
        with lock:
            out["done"] += mine["done"]
            out["retries"] += mine["retries"]
            if "error" in mine:
                out["errors"].append(mine["error"])

    time.sleep(max(0.0, float(start) - time.time()))
    workers = [threading.Thread(target=run, args=(n,)) for n in range(int(threads))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    store.close()
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
