"""Every state file of a deployment checked in one pass: what ``python -m planning validate`` adds to the layers.

The stores' imported overlays, tours and audit log (including whether each
entry's fields hold what the editor writes), the plan text, the planner accounts and
the comments database. Each problem is a :class:`~planning.state_files.CorruptStateError`
with its message in Chinese and English; tour problems keep the tour checker's own
:class:`~planning.model.Problem` form (they name the step and field).
"""

from __future__ import annotations

from pathlib import Path

from planning.auth import load_accounts
from planning.comments import check_database
from planning.imports_apply import overlay_problems
from planning.model import Problem
from planning.plan import OUTLINE_FILE, Plan, read_document_text
from planning.state_files import CorruptStateError, StateCheck, check_state
from planning.storage import PlanStore
from planning.stores import Stores
from planning.tours import load_tours


def _outline(store: PlanStore) -> list[CorruptStateError]:
    read_document_text(store, OUTLINE_FILE)  # raises when damaged; a missing outline is the layers' concern
    return []


def _accounts(stores: Stores) -> list[CorruptStateError]:
    load_accounts(stores.accounts, stores.accounts_document)  # raises when damaged; none means "no accounts yet"
    return []


def state_checks(stores: Stores, *, comments_db: Path | None) -> list[StateCheck]:
    """The checks of every state file of ``stores`` (overlays, audit log, outline, accounts) and the comments file."""
    checks: list[StateCheck] = [
        ("overlays", lambda: overlay_problems(stores)),
        ("audit", lambda: stores.audit.readable()[1]),
        ("outline", lambda: _outline(stores.plan)),
        ("accounts", lambda: _accounts(stores)),
    ]
    if comments_db is not None:
        checks.append(("comments", lambda: check_database(comments_db)))
    return checks


def check_stores(
    stores: Stores, plan: Plan, *, comments_db: Path | None = None
) -> tuple[list[CorruptStateError], list[Problem]]:
    """Problems of every state file, and of the tours (as the tour checker words them)."""
    problems = check_state(state_checks(stores, comments_db=comments_db))
    _, tour_problems = load_tours(stores.tours, plan)
    return problems, list(tour_problems)
