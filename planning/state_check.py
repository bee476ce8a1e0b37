"""Every state file of a deployment checked in one pass: what ``python -m planning validate`` adds to the layers.

The data folder's imported overlays, tours and audit log (including whether each
entry's fields hold what the editor writes), the plan text, the planner accounts and
the comments database. Each problem is a :class:`~planning.state_files.CorruptStateError`
with its message in Chinese and English; tour problems keep the tour checker's own
:class:`~planning.model.Problem` form (they name the step and field).
"""

from __future__ import annotations

from pathlib import Path

from planning.auth import load_accounts
from planning.comments import check_database
from planning.edits import PlanEditor
from planning.imports_apply import overlay_problems
from planning.model import Problem
from planning.plan import OUTLINE_FILE, Plan, read_document_text
from planning.state_files import CorruptStateError, StateCheck, check_state
from planning.storage import FileStore
from planning.tours import TOURS_FOLDER, load_tours


def _outline(store: FileStore) -> list[CorruptStateError]:
    read_document_text(store, OUTLINE_FILE)  # raises when damaged; a missing outline is the layers' concern
    return []


def _accounts(path: Path) -> list[CorruptStateError]:
    load_accounts(path)  # raises CorruptStateError when damaged; a missing file means "no accounts yet"
    return []


def state_checks(folder: Path, *, accounts_file: Path | None, comments_db: Path | None) -> list[StateCheck]:
    """The checks of every state file of the data folder ``folder`` and, when given, the accounts and comments."""
    store = FileStore(folder)
    checks: list[StateCheck] = [
        ("overlays", lambda: overlay_problems(folder)),
        ("audit", lambda: PlanEditor(store).readable_log()[1]),
        ("outline", lambda: _outline(store)),
    ]
    if accounts_file is not None:
        checks.append(("accounts", lambda: _accounts(accounts_file)))
    if comments_db is not None:
        checks.append(("comments", lambda: check_database(comments_db)))
    return checks


def check_folder(
    folder: Path, plan: Plan, *, accounts_file: Path | None = None, comments_db: Path | None = None
) -> tuple[list[CorruptStateError], list[Problem]]:
    """Problems of every state file, and of the tours (as the tour checker words them)."""
    problems = check_state(state_checks(folder, accounts_file=accounts_file, comments_db=comments_db))
    _, tour_problems = load_tours(FileStore(folder / TOURS_FOLDER), plan)
    return problems, list(tour_problems)
