"""Writing a new plan's reviewed candidates into the data, as one audited change set, and undoing it as one.

:meth:`PlanIngestEdits.apply_plan_changes` takes a
:class:`planning.ingest.apply.ChangeSet`: new projects are added, carried-over
projects get the plan id in ``plan_ids``, the new source in ``sources`` and
their status at carry-over in ``plans``, new targets are added, and the plan
is registered in ``plans.json``. Everything is validated like every edit and
written in one transaction with one audit entry per change plus a
``plan_ingest`` entry listing them, which
:meth:`PlanIngestEdits.undo_plan_changes` reverts together (refused, naming
the entry, if any of those features was changed since).
"""

from __future__ import annotations

import copy
import json
from typing import Any

PLANS_FILE = "plans.json"
#: The ``document`` of the audit entries summarising a plan ingestion (undone by ``undo_plan_ingest``).
INGEST_DOCUMENT = "plan_ingest"
_CARRY_FIELDS = ("plan_ids", "sources", "plans")
#: The plan the shipped data is: a feature without ``plan_ids`` belongs to it.
BASE_PLAN = "14th"


def _registry(raw: bytes | None) -> dict[str, Any]:
    if not raw:
        return {"plans": []}
    doc = json.loads(raw.decode("utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("plans"), list):
        from planning.edits import EditError  # noqa: PLC0415 (edits imports this module)

        msg = f"{PLANS_FILE} is not an object with a list 'plans'; fix or remove it"
        raise EditError(msg)
    return doc


class PlanIngestEdits:
    """Mixed into :class:`planning.edits.PlanEditor` (uses its store, validation and audit machinery)."""

    def apply_plan_changes(self, user: str, changes, *, document: str, note: str | None = None) -> list:
        from planning.edits import PROJECTS_FILE, TARGETS_FILE, EditError  # noqa: PLC0415 - imported late to avoid an import cycle

        if changes.empty:
            msg = f"nothing to write into plan {changes.plan_id}: accept or merge some candidates first"
            raise EditError(msg)

        def change(docs, registry, log) -> list[tuple[str, str, Any, Any, Any, int | None]]:  # noqa: ARG001 - the change-set callback signature
            projects, targets = docs[PROJECTS_FILE], docs[TARGETS_FILE]
            rows: list[tuple[str, str, Any, Any, Any, int | None]] = []
            for feature in changes.new_projects:
                fid = feature["properties"]["id"]
                if projects.index_of(fid) is not None:
                    msg = f"{PROJECTS_FILE} already has a project {fid}: this plan was applied before (undo it first)"
                    raise EditError(msg)
                projects.items.append(copy.deepcopy(feature))
                rows.append(("ingest_project", PROJECTS_FILE, fid, None, copy.deepcopy(feature), None))
            for fid, carried in changes.carried_projects.items():
                rows.append(self._carry(projects, fid, carried))
            for target in changes.new_targets:
                if targets.index_of(target["id"]) is not None:
                    msg = f"{TARGETS_FILE} already has a target {target['id']}: this plan was applied before (undo it first)"
                    raise EditError(msg)
                targets.items.append(copy.deepcopy(target))
                rows.append(("ingest_target", TARGETS_FILE, target["id"], None, copy.deepcopy(target), None))
            before = next((p for p in registry["plans"] if p.get("id") == changes.plan_id), None)
            registry["plans"] = [p for p in registry["plans"] if p.get("id") != changes.plan_id] + [changes.plan_entry]
            rows.append(("register_plan", PLANS_FILE, changes.plan_id, before, copy.deepcopy(changes.plan_entry), None))
            return rows

        summary = {**changes.summary(), "document": document}
        return self._transact_plans(user, note, change, summary)

    def _carry(self, projects, fid: str, carried: dict[str, Any]) -> tuple[str, str, Any, Any, Any, int | None]:
        from planning.edits import PROJECTS_FILE  # noqa: PLC0415 - imported late to avoid an import cycle

        item = self._item(projects, fid)
        before = projects.snapshot(item, _CARRY_FIELDS)
        plan_ids = list(projects.get(item, "plan_ids") or [BASE_PLAN])
        plan_id = carried["plan_id"]
        history = list(projects.get(item, "plans") or [carried["previous"]])
        after = {
            "plan_ids": [*plan_ids, plan_id] if plan_id not in plan_ids else plan_ids,
            "sources": [*(projects.get(item, "sources") or []), carried["source"]],
            "plans": [*history, {"plan_id": plan_id, "status": None, "section": carried["source"]["section"],
                                 "label": carried["source"]["label"], "quote": carried["quote"]}],
        }
        self._apply_values(projects, item, after)
        return ("carry_project", PROJECTS_FILE, fid, before, after, None)

    def undo_plan_ingest(self, user: str, ingest_seq: int, note: str | None = None) -> list:
        """Take back everything a ``plan_ingest`` entry wrote, in one transaction."""
        from planning.edits import PROJECTS_FILE, TARGETS_FILE, EditError, UnknownFeatureError, _norm  # noqa: PLC0415 - imported late to avoid an import cycle

        target = next((e for e in self.log() if e.seq == ingest_seq and e.action == "plan_ingest"), None)
        if target is None:
            msg = f"audit entry #{ingest_seq} is not a plan ingestion"
            raise UnknownFeatureError(msg)
        seqs = list((target.after or {}).get("seqs") or [])

        def change(docs, registry, log) -> list[tuple[str, str, Any, Any, Any, int | None]]:
            undone = next((e for e in log if e.action == "undo_plan_ingest" and e.reverts == ingest_seq), None)
            if undone is not None:
                msg = f"plan ingestion #{ingest_seq} was already undone by #{undone.seq} ({undone.user}, {undone.at})"
                raise EditError(msg)
            rows: list[tuple[str, str, Any, Any, Any, int | None]] = []
            for seq in reversed(seqs):
                entry = next((e for e in log if e.seq == seq), None)
                if entry is None:
                    continue
                if entry.action == "register_plan":
                    registry["plans"] = [p for p in registry["plans"] if p.get("id") != entry.feature_id]
                    if entry.before:
                        registry["plans"].append(entry.before)
                    rows.append(("revert", PLANS_FILE, entry.feature_id, entry.after, entry.before, seq))
                    continue
                doc = docs[PROJECTS_FILE if entry.document == PROJECTS_FILE else TARGETS_FILE]
                index = doc.index_of(entry.feature_id)
                if entry.action in ("ingest_project", "ingest_target"):
                    if index is None or _norm(doc.items[index]) != _norm(entry.after):
                        self._refuse_revert(doc, entry, log)
                    rows.append(("revert", entry.document, entry.feature_id, doc.items.pop(index), None, seq))
                else:  # carry_project
                    if index is None or _norm(doc.snapshot(doc.items[index], _CARRY_FIELDS)) != _norm(entry.after):
                        self._refuse_revert(doc, entry, log)
                    item = doc.items[index]
                    now, _ = self._apply_values(doc, item, entry.before or {})
                    for name in _CARRY_FIELDS:
                        if name not in (entry.before or {}):
                            doc.remove(item, name)  # the project did not have it before the carry-over
                    rows.append(("revert", entry.document, entry.feature_id, now, entry.before, seq))
            return rows

        return self._transact_plans(user, note, change, None, undo_of=target)

    def _transact_plans(self, user: str, note: str | None, change, summary: dict[str, Any] | None, *, undo_of=None) -> list:
        from planning.edits import (  # noqa: PLC0415 - imported late to avoid an import cycle
            AUDIT_FILE, PROJECTS_FILE, TARGETS_FILE, AuditEntry, _check_note, _check_user, _Document, _next_seq,
            _norm, _parse_log,
        )

        user = _check_user(user)
        note = _check_note(note)
        with self._store.transaction(AUDIT_FILE, PROJECTS_FILE, TARGETS_FILE, PLANS_FILE) as store:
            raws = {name: store.read_bytes(name) for name in (PROJECTS_FILE, TARGETS_FILE)}
            docs = {name: _Document.parse(name, raw) for name, raw in raws.items()}
            registry = _registry(store.read_bytes(PLANS_FILE) if store.exists(PLANS_FILE) else None)
            log = _parse_log(store.read_bytes(AUDIT_FILE)) if store.exists(AUDIT_FILE) else []
            rows = change(docs, registry, log)
            data = {name: doc.dump() for name, doc in docs.items()}
            for name in data:
                self._validate(store, name, data[name], raws[name])
            first, now = _next_seq(log), self._now()
            if undo_of is None:
                last = ("plan_ingest", INGEST_DOCUMENT, summary["plan_id"], None,
                        {**summary, "seqs": list(range(first, first + len(rows)))}, None)
            else:
                last = ("undo_plan_ingest", INGEST_DOCUMENT, undo_of.feature_id, undo_of.after, None, undo_of.seq)
            entries = [AuditEntry(first + n, now, user, action, document, fid, _norm(before), _norm(after), note, reverts)
                       for n, (action, document, fid, before, after, reverts) in enumerate([*rows, last])]
            for name, payload in data.items():
                store.write_bytes(name, payload)
            store.write_bytes(PLANS_FILE, json.dumps(registry, ensure_ascii=False, indent=1).encode("utf-8"))
            for entry in entries:
                store.append_line(AUDIT_FILE, entry.to_json())
        return entries


def plan_registry(store) -> list[dict[str, Any]]:
    """The plans registered in the store (``plans.json``), oldest first; the shipped plan is implied."""
    if PLANS_FILE not in store.list_documents(".json"):
        return []
    return _registry(store.read_bytes(PLANS_FILE))["plans"]
