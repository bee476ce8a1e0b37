"""Audited, validated, atomic edits of the plan by logged-in planners.

:class:`PlanEditor` changes ``projects.geojson`` and ``targets.json`` of one
store. Every edit

* holds the writer locks of the audit log and of the document (always in
  sorted name order: ``audit.jsonl`` before ``projects.geojson`` before
  ``targets.json``), re-reads the current document under them and applies the
  change on top of it, so two planners editing different projects of the same
  file both succeed and no update is lost;
* is refused with :class:`~planning.errors.StaleWriteError` when the values the
  planner saw (``based_on``) are no longer the current ones, naming each field,
  the value seen, the value now and who changed it last;
* validates the whole new document with the same rules as :func:`load_plan`
  and writes nothing when any problem is found
  (:class:`~planning.errors.SchemaError` listing every problem);
* is recorded as one JSON line of ``audit.jsonl`` (an :class:`AuditEntry`
  with the values before and after), committed together with the document:
  the new document goes to a fsynced temporary file, the audit line is
  appended and fsynced, then the temporary file is renamed over the document.

Imports (:mod:`planning.imports_apply`) use :meth:`PlanEditor.import_projects`
and :meth:`PlanEditor.undo_import_projects` (many projects in one transaction,
one entry each plus an ``import`` summary entry) and :meth:`PlanEditor.record`
(an audit entry for a change outside the editor's documents, such as an
overlay layer).

Reads and writes go through a store (:class:`~planning.storage.PlanStore`); this module
touches no file itself.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planning.edits_plans import PlanIngestEdits
from planning.errors import PlanningError, SchemaError, StaleWriteError
from planning.model import STATUSES, Problem
from planning.state_files import CorruptStateError, aware_timestamp, parse_json_bytes
from planning.schema import LAYER_SCHEMAS, check_feature_collection, check_targets, check_zone_references, parse_json
from planning.storage import PlanStore, StoreTransaction, dump_feature_collection, dump_json

AUDIT_FILE = "audit.jsonl"
PROJECTS_FILE = "projects.geojson"
#: Same name as ``planning.plan.TARGETS_FILE`` (not imported from there: that module pulls in geopandas).
TARGETS_FILE = "targets.json"
ZONES_FILE = "zones.geojson"
EDITABLE_DOCUMENTS = (PROJECTS_FILE, TARGETS_FILE)
#: The ``document`` of the audit entries summarising an import (not a file: undone by ``undo_import``).
IMPORTS_DOCUMENT = "imports"
#: The ``document`` of the audit entries summarising a bulk update (planning/bulk.py; undone by ``undo_bulk``).
BULK_DOCUMENT = "bulk"

#: The fields ``based_on`` must give for each edit (``update_project``: the keys of ``changes``).
STATUS_FIELDS = ("status", "status_date", "status_source")
OBSERVATION_FIELDS = ("observations",)
MOVE_FIELDS = ("geometry", "geometry_source", "geometry_quality")

#: Fields ``update_project`` refuses, with the edit to use instead.
_NOT_BY_UPDATE = {
    "id": "the id of a project cannot be changed (the audit log and other documents refer to it); add a new project instead",
    "geometry": "use move_project to change the position",
    "status": "use set_status to change the status",
    "status_date": "use set_status to change the status",
    "status_source": "use set_status to change the status",
}
YEAR_MIN, YEAR_MAX = 2000, 2100
_SHOW_CHARS = 160


class EditError(PlanningError):
    """An edit refused before anything was written: a bad value, nothing to change, a misuse."""


class UnknownFeatureError(EditError):
    """The project or target to edit is not in the document (or the audit entry is not in the log)."""


@dataclass(frozen=True)
class AuditEntry:
    """One line of ``audit.jsonl``: who changed what, when, and the values before and after.

    ``before`` / ``after`` hold the changed fields only (property names, and
    ``"geometry"`` for a move); a field missing from ``before`` did not exist
    before. For an added or removed feature they hold the whole feature
    (``before`` is ``None`` for an addition, ``after`` for a removal).
    """

    seq: int
    at: str
    user: str
    action: str
    document: str
    feature_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None = None
    reverts: int | None = None

    @property
    def whole_feature(self) -> bool:
        """True for an addition or a removal of a whole feature."""
        return self.before is None or self.after is None

    def fields(self) -> frozenset[str] | None:
        """Names of the fields changed; ``None`` when the whole feature was added or removed."""
        if self.whole_feature:
            return None
        return frozenset(self.before or {}) | frozenset(self.after or {})

    def touches(self, fields: Iterable[str] | None) -> bool:
        """Whether this entry changed any of ``fields`` (``None``: any field)."""
        mine = self.fields()
        return mine is None or fields is None or bool(mine & set(fields))

    def to_json(self) -> str:
        """The entry as one JSON line (no line break)."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AuditEntry:
        seq = raw.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            msg = f"seq {seq!r} is not a positive whole number"
            raise ValueError(msg)
        for name in ("at", "user", "action", "document"):
            if not isinstance(raw.get(name), str):
                msg = f"{name} {raw.get(name)!r} is not a string"
                raise ValueError(msg)
        return cls(
            seq=seq,
            at=raw["at"],
            user=raw["user"],
            action=raw["action"],
            document=raw["document"],
            feature_id=raw.get("feature_id"),
            before=raw.get("before"),
            after=raw.get("after"),
            note=raw.get("note"),
            reverts=raw.get("reverts"),
        )


# --- values ------------------------------------------------------------------------


def _norm(value: Any) -> Any:
    """A plain-JSON copy of ``value`` for comparing and storing.

    Tuples become lists, numpy scalars Python numbers, NaN and pandas' NA
    ``None``, shapely geometries their GeoJSON mapping: what the UI reads from
    a GeoDataFrame compares equal to what the file holds.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if type(value).__name__ == "NAType":
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number
    if hasattr(value, "__geo_interface__"):
        return _norm(value.__geo_interface__)
    if isinstance(value, Mapping):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    if hasattr(value, "tolist"):
        return _norm(value.tolist())
    return value


def _show(value: Any) -> str:
    text = json.dumps(_norm(value), ensure_ascii=False)
    return text if len(text) <= _SHOW_CHARS else text[: _SHOW_CHARS - 1] + "…"


def _clean_text(value: Any) -> Any:
    """Strip strings; an empty string means "no value" (``None``)."""
    if isinstance(value, str):
        return value.strip() or None
    return value


def _check_user(user: Any) -> str:
    if not isinstance(user, str) or not user.strip():
        msg = f"an edit needs the name of the logged-in user; got {user!r}"
        raise EditError(msg)
    return user.strip()


def _check_note(note: Any) -> str | None:
    if note is not None and not isinstance(note, str):
        msg = f"the note must be text or None; got {note!r}"
        raise EditError(msg)
    return _clean_text(note)


def _check_position(lon: Any, lat: Any) -> tuple[float, float]:
    for name, value in (("longitude", lon), ("latitude", lat)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
            msg = f"{name} {value!r} is not a finite number"
            raise EditError(msg)
    if not (-180 <= float(lon) <= 180 and -90 <= float(lat) <= 90):
        msg = f"position ({lon}, {lat}) is not a WGS84 longitude/latitude (lon -180..180, lat -90..90)"
        raise EditError(msg)
    return round(float(lon), 6), round(float(lat), 6)


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


# --- documents ---------------------------------------------------------------------


class _Document:
    """A parsed ``projects.geojson`` or ``targets.json``: its items (features or targets) by id."""

    def __init__(self, name: str, doc: Any) -> None:
        self.name = name
        self.doc = doc
        self.is_projects = name == PROJECTS_FILE
        self.noun = "project" if self.is_projects else "target"

    @classmethod
    def parse(cls, name: str, raw: bytes) -> _Document:
        doc, problems = parse_json(raw, name)
        if doc is None:
            raise SchemaError(_problem_message(f"{name} cannot be edited, it has", problems), problems)
        if name == PROJECTS_FILE:
            if not (isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list)):
                problems = check_feature_collection(doc, name, LAYER_SCHEMAS["projects"]).problems
                raise SchemaError(_problem_message(f"{name} cannot be edited, it has", problems), problems)
            extra = sorted(set(doc) - {"type", "features"})
            if extra:
                msg = (
                    f"{name} cannot be edited: it has top-level members other than type and features "
                    f"({', '.join(extra)}) that the editor would drop; remove them from the file first"
                )
                raise EditError(msg)
        elif not (isinstance(doc, dict) and isinstance(doc.get("targets"), list)):
            _, problems = check_targets(doc, name, None)
            raise SchemaError(_problem_message(f"{name} cannot be edited, it has", problems), problems)
        return cls(name, doc)

    @property
    def items(self) -> list[Any]:
        return self.doc["features"] if self.is_projects else self.doc["targets"]

    def item_id(self, item: Any) -> Any:
        if self.is_projects:
            props = item.get("properties") if isinstance(item, dict) else None
            return props.get("id") if isinstance(props, dict) else None
        return item.get("id") if isinstance(item, dict) else None

    def index_of(self, item_id: str) -> int | None:
        for index, item in enumerate(self.items):
            if self.item_id(item) == item_id:
                return index
        return None

    def _holder(self, item: dict[str, Any], name: str) -> dict[str, Any]:
        if self.is_projects and name != "geometry":
            props = item.get("properties")
            if not isinstance(props, dict):
                props = item["properties"] = {}
            return props
        return item

    def has(self, item: dict[str, Any], name: str) -> bool:
        return name in self._holder(item, name)

    def get(self, item: dict[str, Any], name: str) -> Any:
        return self._holder(item, name).get(name)

    def put(self, item: dict[str, Any], name: str, value: Any) -> None:
        self._holder(item, name)[name] = value

    def remove(self, item: dict[str, Any], name: str) -> None:
        self._holder(item, name).pop(name, None)

    def snapshot(self, item: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
        """Deep copy of the fields ``names`` that exist on ``item``."""
        return {n: copy.deepcopy(self.get(item, n)) for n in names if self.has(item, n)}

    def dump(self) -> bytes:
        if self.is_projects:
            return dump_feature_collection(self.items)
        return dump_json(self.doc)


def _problem_message(headline: str, problems: list[Problem]) -> str:
    count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
    return f"{headline} {count}:\n" + "\n".join(f"- {p}" for p in problems)


def _next_seq(log: list[AuditEntry]) -> int:
    return max((e.seq for e in log), default=0) + 1


def _parse_log(raw: bytes) -> list[AuditEntry]:
    """The entries of the log; a damaged line raises :class:`CorruptStateError` (which names the line)."""
    return _parse_lines(raw, strict=True)[0]


def _parse_lines(raw: bytes, *, strict: bool) -> tuple[list[AuditEntry], list[CorruptStateError]]:
    """The entries of the log; a damaged line raises (``strict``) or is skipped and reported."""
    entries: list[AuditEntry] = []
    problems: list[CorruptStateError] = []
    lines = raw.split(b"\n")
    complete = raw.endswith(b"\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append(AuditEntry.from_dict(parse_json_bytes(line, AUDIT_FILE, area="audit")))
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            if number == len(lines) and not complete:
                break  # a line still being appended (or torn by a killed writer): not committed
            found = exc.short() if isinstance(exc, CorruptStateError) else (f"不是有效的审计记录：{exc}", f"not a valid audit entry: {exc}")
            problem = CorruptStateError("audit_line", file=AUDIT_FILE, area="audit", line=number, detail=found)
            if strict:
                raise problem from exc
            problems.append(problem)
    return entries, problems


def audit_field_problems(entries: list[AuditEntry]) -> list[CorruptStateError]:
    """Entries whose fields do not hold what the editor writes (a time with a zone, a positive rising number)."""
    problems = []
    last = 0
    for number, entry in enumerate(entries, start=1):
        if not aware_timestamp(entry.at):
            problems.append(CorruptStateError("audit_field", file=AUDIT_FILE, area="audit", line=number, field="at",
                                              value=entry.at, expected=("带时区的 ISO 8601 时间", "an ISO 8601 time with a zone")))
        if not isinstance(entry.seq, int) or entry.seq <= last:
            problems.append(CorruptStateError("audit_field", file=AUDIT_FILE, area="audit", line=number, field="seq",
                                              value=entry.seq, expected=(f"大于 {last} 的编号", f"a number above {last}")))
        last = entry.seq if isinstance(entry.seq, int) else last
    return problems


Change = Callable[[_Document, list[AuditEntry]], tuple[dict[str, Any] | None, dict[str, Any] | None]]


class AuditLog:
    """The audit log of one store (``audit.jsonl``): what exports, tours and the history read."""

    def __init__(self, store: PlanStore) -> None:
        self.store = store

    def entries(self) -> list[AuditEntry]:
        """Every entry, oldest first (empty when nothing was edited yet)."""
        if not self.store.exists(AUDIT_FILE):
            return []
        return _parse_log(self.store.read_bytes(AUDIT_FILE))

    def version(self) -> str | None:
        """Changes with every entry appended (``None`` before the first)."""
        return self.store.version(AUDIT_FILE)

    def readable(self) -> tuple[list[AuditEntry], list[CorruptStateError]]:
        """The readable entries and a problem per damaged line, for views that must keep working.

        Edits use :meth:`entries`, which refuses a damaged log (an edit must not be numbered or judged from a partial one).
        """
        if not self.store.exists(AUDIT_FILE):
            return [], []
        entries, problems = _parse_lines(self.store.read_bytes(AUDIT_FILE), strict=False)
        return entries, problems + audit_field_problems(entries)


class PlanEditor(PlanIngestEdits):
    """Audited, validated, atomic edits of one store's projects and targets.

    Parameters
    ----------
    store
        Any :class:`~planning.storage.PlanStore` (the data folder's or the database's).
    clock
        Returns the current time (timezone-aware); tests pass a fixed clock.
    """

    def __init__(self, store: PlanStore, *, clock: Callable[[], datetime] | None = None) -> None:
        if isinstance(store, str | Path):
            msg = "PlanEditor needs a store object (planning.stores.open_stores(settings).plan), not a folder path"
            raise TypeError(msg)
        self._store = store
        self._clock = clock or (lambda: datetime.now(UTC))

    @property
    def store(self) -> PlanStore:
        return self._store

    # --- reading ---------------------------------------------------------------------

    def log(self) -> list[AuditEntry]:
        """Every audit entry, oldest first (empty when nothing was edited yet)."""
        return AuditLog(self._store).entries()

    def readable_log(self) -> tuple[list[AuditEntry], list[CorruptStateError]]:
        """The readable entries and a problem per damaged line, for views that must keep working.

        Edits use :meth:`log`, which refuses a damaged log (an edit must not be numbered or judged from a partial one).
        """
        return AuditLog(self._store).readable()

    def history(self, document: str, feature_id: str) -> list[AuditEntry]:
        """The audit entries of one project or target, oldest first."""
        # for display: a damaged line elsewhere in the log is reported by the pages, not fatal here
        return [e for e in self.readable_log()[0] if e.document == document and e.feature_id == feature_id]

    def items(self, document: str) -> list[Any]:
        """A copy of every project feature or target object of ``document``, as stored now."""
        return copy.deepcopy(self._document(self._store, document).items)

    def feature(self, document: str, feature_id: str) -> dict[str, Any]:
        """A copy of the current project feature or target object."""
        doc = self._document(self._store, document)
        return copy.deepcopy(self._item(doc, feature_id))

    def snapshot(self, document: str, feature_id: str, fields: Iterable[str]) -> dict[str, Any]:
        """The current values of ``fields`` (``None`` when absent): what to keep as ``based_on``.

        Call it when the planner opens the edit form and pass the result back
        with the edit; do not call it again just before saving, or edits made
        by others meanwhile would be overwritten unseen.
        """
        doc = self._document(self._store, document)
        item = self._item(doc, feature_id)
        return {name: copy.deepcopy(doc.get(item, name)) for name in fields}

    # --- edits -----------------------------------------------------------------------

    def set_status(
        self,
        user: str,
        project_id: str,
        status: str,
        status_date: str | None,
        status_source: str | None,
        note: str | None = None,
        *,
        based_on: Mapping[str, Any],
    ) -> AuditEntry:
        """Set a project's status, with the date and the text that states it.

        ``based_on``: the ``status``, ``status_date`` and ``status_source`` the planner saw.
        """
        if status not in STATUSES:
            msg = f"status {status!r} is not one of {', '.join(STATUSES)}"
            raise EditError(msg)
        values = {"status": status, "status_date": _clean_text(status_date), "status_source": _clean_text(status_source)}
        return self._edit(user, "set_status", PROJECTS_FILE, project_id, note, based_on, STATUS_FIELDS, values)

    def add_observation(
        self,
        user: str,
        target_id: str,
        year: int,
        value: float,
        source: str,
        note: str | None = None,
        *,
        based_on: Mapping[str, Any],
    ) -> AuditEntry:
        """Append an observation ``{year, value, source}`` to a target.

        ``based_on``: ``{"observations": [...]}`` as the planner saw them.
        """
        if isinstance(year, bool) or not isinstance(year, numbers.Integral):
            msg = f"observation year {year!r} is not a whole number such as 2023"
            raise EditError(msg)
        if not YEAR_MIN <= int(year) <= YEAR_MAX:
            msg = f"observation year {year} is outside {YEAR_MIN}..{YEAR_MAX}"
            raise EditError(msg)
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            msg = f"observation value {value!r} for target {target_id!r} is not a number; enter a number such as 123.4"
            raise EditError(msg)
        if not math.isfinite(float(value)):
            msg = f"observation value {value!r} for target {target_id!r} is not a finite number"
            raise EditError(msg)
        if not isinstance(source, str) or not source.strip():
            msg = f"an observation needs its source (where the value was published); got {source!r}"
            raise EditError(msg)
        observation = {
            "year": int(year),
            "value": int(value) if isinstance(value, numbers.Integral) else float(value),
            "source": source.strip(),
        }

        def change(doc: _Document, log: list[AuditEntry]) -> tuple[dict[str, Any], dict[str, Any]]:
            item = self._item(doc, target_id)
            self._check_based_on(doc, item, target_id, based_on, OBSERVATION_FIELDS, log)
            old = doc.get(item, "observations")
            new = [*copy.deepcopy(old), observation] if isinstance(old, list) else [observation]
            before = doc.snapshot(item, OBSERVATION_FIELDS)
            doc.put(item, "observations", new)
            return before, {"observations": copy.deepcopy(new)}

        return self._transact(user, "add_observation", TARGETS_FILE, target_id, note, change)

    def update_project(
        self,
        user: str,
        project_id: str,
        changes: Mapping[str, Any],
        note: str | None = None,
        *,
        based_on: Mapping[str, Any],
    ) -> AuditEntry:
        """Correct a project's attributes (``name_zh``, ``category``, ``zone_override`` …).

        ``based_on``: the values the planner saw of every key of ``changes``
        (``None`` for a property the project does not have).
        """
        if not isinstance(changes, Mapping) or not changes:
            msg = "update_project needs at least one property to change"
            raise EditError(msg)
        for name in changes:
            if not isinstance(name, str) or not name:
                msg = f"property name {name!r} is not a non-empty string"
                raise EditError(msg)
            if name in _NOT_BY_UPDATE:
                msg = f"update_project cannot change {name!r} of project {project_id!r}: {_NOT_BY_UPDATE[name]}"
                raise EditError(msg)
        values = {name: _clean_text(_norm(value)) for name, value in changes.items()}
        return self._edit(user, "update_project", PROJECTS_FILE, project_id, note, based_on, tuple(values), values)

    def move_project(
        self,
        user: str,
        project_id: str,
        lon: float,
        lat: float,
        note: str | None = None,
        *,
        based_on: Mapping[str, Any],
        geometry_quality: str | None = None,
    ) -> AuditEntry:
        """Move a point project to ``(lon, lat)`` (WGS84).

        Records ``geometry_source`` "moved by USER on YYYY-MM-DD" and sets
        ``geometry_quality`` to the one given, else ``approximate``.
        ``based_on``: the ``geometry``, ``geometry_source`` and
        ``geometry_quality`` the planner saw (a GeoJSON mapping or a shapely
        geometry).
        """
        user = _check_user(user)
        lon, lat = _check_position(lon, lat)
        values = {
            "geometry": _point(lon, lat),
            "geometry_source": f"moved by {user} on {self._today()}",
            "geometry_quality": geometry_quality or "approximate",
        }

        def change(doc: _Document, log: list[AuditEntry]) -> tuple[dict[str, Any], dict[str, Any]]:
            item = self._item(doc, project_id)
            self._check_based_on(doc, item, project_id, based_on, MOVE_FIELDS, log)
            current = doc.get(item, "geometry")
            gtype = current.get("type") if isinstance(current, dict) else None
            if gtype != "Point":
                msg = (
                    f"project {project_id!r} has a {gtype} footprint; move_project moves point projects only "
                    "(correct the footprint in the data files)"
                )
                raise EditError(msg)
            if _norm(current) == values["geometry"] and doc.get(item, "geometry_quality") == values["geometry_quality"]:
                msg = f"nothing to change: project {project_id!r} is already at ({lon}, {lat})"
                raise EditError(msg)
            return self._apply_values(doc, item, values)

        return self._transact(user, "move_project", PROJECTS_FILE, project_id, note, change, per_feature=True)

    def add_project(
        self, user: str, properties: Mapping[str, Any], lon: float, lat: float, note: str | None = None
    ) -> AuditEntry:
        """Add a point project; ``properties`` must give everything the schema requires.

        Defaults: ``status`` 未知 (with ``status_date``/``status_source`` null),
        ``zone_override`` null, ``geometry_quality`` approximate and
        ``geometry_source`` "placed by USER on YYYY-MM-DD". The id must be new.
        """
        user = _check_user(user)
        if not isinstance(properties, Mapping):
            msg = f"the properties of a new project must be a mapping; got {type(properties).__name__}"
            raise EditError(msg)
        project_id = properties.get("id")
        if not isinstance(project_id, str) or not project_id.strip():
            msg = f"a new project needs an id (lowercase letters, digits, '-' or '_'); got {project_id!r}"
            raise EditError(msg)
        lon, lat = _check_position(lon, lat)
        props: dict[str, Any] = {"id": project_id}
        props.update({k: _clean_text(_norm(v)) for k, v in properties.items() if k != "id"})
        defaults = {
            "status": "未知",
            "status_date": None,
            "status_source": None,
            "zone_override": None,
            "geometry_quality": "approximate",
            "geometry_source": f"placed by {user} on {self._today()}",
        }
        for name, value in defaults.items():
            if props.get(name) is None:
                props[name] = value
        feature = {"type": "Feature", "properties": props, "geometry": _point(lon, lat)}

        def change(doc: _Document, log: list[AuditEntry]) -> tuple[None, dict[str, Any]]:  # noqa: ARG001
            if doc.index_of(project_id) is not None:
                msg = f"{PROJECTS_FILE} already has a project with id {project_id!r}; choose another id"
                raise EditError(msg)
            doc.items.append(feature)
            return None, copy.deepcopy(feature)

        return self._transact(user, "add_project", PROJECTS_FILE, project_id, note, change)

    def revert(self, user: str, seq: int, note: str | None = None) -> AuditEntry:
        """Put back the values of entry ``seq`` as a new logged change (``reverts=seq``).

        Reverting an ``add_project`` removes the project. Refused with
        :class:`StaleWriteError` when the fields the entry changed (the whole
        feature for an addition) no longer hold the values it wrote, naming the
        later entries that changed them.
        """
        user = _check_user(user)
        target = next((e for e in self.log() if e.seq == seq), None)
        if target is None:
            msg = f"there is no audit entry #{seq} in {AUDIT_FILE}"
            raise UnknownFeatureError(msg)
        if target.document not in EDITABLE_DOCUMENTS or not isinstance(target.feature_id, str):
            msg = f"audit entry #{seq} ({target.action} of {target.document}) cannot be reverted by the editor"
            raise EditError(msg)
        if target.before is None and target.after is None:
            msg = f"audit entry #{seq} ({target.action}) records no values to revert"
            raise EditError(msg)
        fid = target.feature_id

        def change(doc: _Document, log: list[AuditEntry]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
            index = doc.index_of(fid)
            item = doc.items[index] if index is not None else None
            if target.before is None:  # an addition: remove the feature if it is still as added
                if item is None or _norm(item) != _norm(target.after):
                    self._refuse_revert(doc, target, log)
                del doc.items[index]  # type: ignore[arg-type]
                return copy.deepcopy(item), None
            if target.after is None:  # a removal: add the feature back
                if item is not None:
                    self._refuse_revert(doc, target, log)
                restored = copy.deepcopy(target.before)
                doc.items.append(restored)
                return None, copy.deepcopy(restored)
            fields = sorted(set(target.before) | set(target.after))
            if item is None or _norm(doc.snapshot(item, fields)) != _norm(target.after):
                self._refuse_revert(doc, target, log)
            before = doc.snapshot(item, fields)
            for name in fields:
                if name in target.before:
                    doc.put(item, name, copy.deepcopy(target.before[name]))
                else:
                    doc.remove(item, name)
            return before, doc.snapshot(item, fields)

        return self._transact(user, "revert", target.document, fid, note, change, reverts=seq)

    # --- imports ---------------------------------------------------------------------

    def record(  # noqa: PLR0913 - keyword arguments of one documented call
        self,
        user: str,
        action: str,
        document: str,
        feature_id: str | None,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        note: str | None = None,
        *,
        reverts: int | None = None,
        apply: Callable[[AuditEntry], None] | None = None,
        prepare: Callable[[list[AuditEntry]], tuple[str | None, Mapping[str, Any] | None]] | None = None,
    ) -> AuditEntry:
        """Log a change the editor does not make itself (an imported overlay layer) under the audit lock.

        ``prepare(log)``, when given, runs first under the lock and returns the
        entry's ``feature_id`` and ``after`` (an import id is allocated there,
        so parallel imports never get the same id). ``apply(entry)`` runs
        while the lock is held, before the line is written (it sees the
        entry's ``seq``); if it raises, nothing is logged. Changes to the
        documents the editor owns are refused: use the edits above, which
        validate them.
        """
        user = _check_user(user)
        note = _check_note(note)
        if document in EDITABLE_DOCUMENTS:
            msg = f"{document} is changed through the editor's own edits, not record()"
            raise EditError(msg)
        with self._store.transaction(AUDIT_FILE) as store:
            log = _parse_log(store.read_bytes(AUDIT_FILE)) if store.exists(AUDIT_FILE) else []
            if prepare is not None:
                feature_id, after = prepare(log)
            entry = AuditEntry(_next_seq(log), self._now(), user, action, document, feature_id,
                               _norm(before), _norm(after), note, reverts)
            if apply is not None:
                apply(entry)
            store.append_line(AUDIT_FILE, entry.to_json())
        return entry

    def import_projects(
        self, user: str, features: list[Mapping[str, Any]], summary: Mapping[str, Any], note: str | None = None
    ) -> list[AuditEntry]:
        """Add whole project features from an import, all or nothing.

        Writes one ``import_project`` entry per feature (each revertible on
        its own, like an addition) and then one ``import`` entry for
        :data:`IMPORTS_DOCUMENT` whose ``feature_id`` is
        ``summary["import_id"]`` and whose ``after`` is ``summary`` with the
        project ids and their entries' seqs. The new document is validated
        like every edit; an id already in use is refused.
        """
        import_id = summary.get("import_id") if isinstance(summary, Mapping) else None
        if not isinstance(import_id, str) or not import_id:
            msg = f"an import needs a summary with an import_id; got {summary!r:.80}"
            raise EditError(msg)
        # exactly as they will be stored (coordinates rounded), so the audit entries match the file
        added = json.loads(dump_feature_collection([_norm(f) for f in features]))["features"]
        ids = [f.get("properties", {}).get("id") if isinstance(f, dict) else None for f in added]
        if not added or any(not isinstance(i, str) or not i for i in ids) or len(set(ids)) != len(ids):
            msg = f"an import needs features with distinct string ids; got {ids!r:.200}"
            raise EditError(msg)

        def change(doc: _Document, log: list[AuditEntry]) -> list[tuple[str, str, Any, Any, Any, int | None]]:
            clashes = [i for i in ids if doc.index_of(i) is not None]
            if clashes:
                msg = f"{PROJECTS_FILE} already has project(s) {', '.join(clashes)}; choose other ids or skip them"
                raise EditError(msg)
            doc.items.extend(copy.deepcopy(added))
            first = _next_seq(log)
            rows = [("import_project", PROJECTS_FILE, i, None, f, None) for i, f in zip(ids, added, strict=True)]
            after = {**dict(summary), "projects": ids, "seqs": list(range(first, first + len(ids)))}
            return [*rows, ("import", IMPORTS_DOCUMENT, import_id, None, after, None)]

        return self._transact_batch(user, note, change)

    def undo_import_projects(self, user: str, import_seq: int, note: str | None = None) -> list[AuditEntry]:
        """Remove every project an ``import`` entry added, in one transaction.

        Projects already removed by a revert are skipped; a project changed
        since the import is refused (revert its later edits first), naming the
        entries. Writes one ``revert`` entry per removed project and an
        ``undo_import`` entry (``reverts=import_seq``).
        """
        target = self._import_entry(self.log(), import_seq)
        seqs = list((target.after or {}).get("seqs") or [])

        def change(doc: _Document, log: list[AuditEntry]) -> list[tuple[str, str, Any, Any, Any, int | None]]:
            self._import_entry(log, import_seq)  # again under the lock: nobody undid it meanwhile
            rows: list[tuple[str, str, Any, Any, Any, int | None]] = []
            for seq in seqs:
                entry = next((e for e in log if e.seq == seq), None)
                if entry is None or not isinstance(entry.feature_id, str):
                    continue
                index = doc.index_of(entry.feature_id)
                reverted = any(e.reverts == seq for e in log)
                if index is None and reverted:
                    continue
                if index is None or _norm(doc.items[index]) != _norm(entry.after):
                    self._refuse_revert(doc, entry, log)
                rows.append(("revert", PROJECTS_FILE, entry.feature_id, doc.items.pop(index), None, seq))
            return [*rows, ("undo_import", IMPORTS_DOCUMENT, target.feature_id, target.after, None, import_seq)]

        return self._transact_batch(user, note, change)

    @staticmethod
    def _import_entry(log: list[AuditEntry], import_seq: int) -> AuditEntry:
        target = next((e for e in log if e.seq == import_seq), None)
        if target is None or target.action != "import" or target.document != IMPORTS_DOCUMENT:
            msg = f"audit entry #{import_seq} is not an import"
            raise UnknownFeatureError(msg)
        undone = next((e for e in log if e.action == "undo_import" and e.reverts == import_seq), None)
        if undone is not None:
            msg = f"import #{import_seq} was already undone by #{undone.seq} ({undone.user}, {undone.at})"
            raise EditError(msg)
        return target

    # --- bulk updates ------------------------------------------------------------------

    def bulk_update(
        self,
        user: str,
        document: str,
        changes: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]],
        summary: Mapping[str, Any],
        note: str | None = None,
    ) -> list[AuditEntry]:
        """Set values on many features of ``document`` at once, all or nothing (a 项目调度表, an observations sheet).

        ``changes``: ``(feature_id, based_on, values)`` per feature; each is
        checked against ``based_on`` like a single edit (a feature changed
        since the preview refuses the whole update) and recorded as one
        ``bulk_set`` entry; then one ``bulk`` entry for :data:`BULK_DOCUMENT`
        (``feature_id`` ``summary["bulk_id"]``) lists the entries' seqs, which
        :meth:`undo_bulk` reverts together.
        """
        self._check_document(document)
        bulk_id = summary.get("bulk_id") if isinstance(summary, Mapping) else None
        ids = [fid for fid, _, _ in changes]
        if not isinstance(bulk_id, str) or not bulk_id or not ids or len(set(ids)) != len(ids):
            msg = f"a bulk update needs a bulk_id and distinct feature ids; got {bulk_id!r}, {ids!r:.200}"
            raise EditError(msg)

        def change(doc: _Document, log: list[AuditEntry]) -> list[tuple[str, str, Any, Any, Any, int | None]]:
            rows: list[tuple[str, str, Any, Any, Any, int | None]] = []
            for fid, based_on, values in changes:
                item = self._item(doc, fid)
                self._check_based_on(doc, item, fid, based_on, tuple(values), log)
                before, after = self._apply_values(doc, item, values)
                rows.append(("bulk_set", document, fid, before, after, None))
            first = _next_seq(log)
            after = {**dict(summary), "document": document, "features": ids, "seqs": list(range(first, first + len(ids)))}
            return [*rows, ("bulk", BULK_DOCUMENT, bulk_id, None, after, None)]

        return self._transact_batch(user, note, change, document)

    def undo_bulk(self, user: str, bulk_seq: int, note: str | None = None) -> list[AuditEntry]:
        """Put back every value a ``bulk`` entry set, in one transaction (refused if any was changed since)."""
        target = next((e for e in self.log() if e.seq == bulk_seq and e.action == "bulk"), None)
        if target is None or not isinstance(target.after, dict):
            msg = f"audit entry #{bulk_seq} is not a bulk update"
            raise UnknownFeatureError(msg)
        document = str(target.after.get("document"))
        seqs = list(target.after.get("seqs") or [])

        def change(doc: _Document, log: list[AuditEntry]) -> list[tuple[str, str, Any, Any, Any, int | None]]:
            undone = next((e for e in log if e.action == "undo_bulk" and e.reverts == bulk_seq), None)
            if undone is not None:
                msg = f"bulk update #{bulk_seq} was already undone by #{undone.seq} ({undone.user}, {undone.at})"
                raise EditError(msg)
            rows: list[tuple[str, str, Any, Any, Any, int | None]] = []
            for seq in seqs:
                entry = next((e for e in log if e.seq == seq), None)
                if entry is None or not isinstance(entry.feature_id, str) or any(e.reverts == seq for e in log):
                    continue
                index = doc.index_of(entry.feature_id)
                fields = sorted(set(entry.before or {}) | set(entry.after or {}))
                if index is None or _norm(doc.snapshot(doc.items[index], fields)) != _norm(entry.after):
                    self._refuse_revert(doc, entry, log)
                now, _ = self._apply_values(doc, doc.items[index], entry.before or {})
                rows.append(("revert", document, entry.feature_id, now, entry.before, seq))
            return [*rows, ("undo_bulk", BULK_DOCUMENT, target.feature_id, target.after, None, bulk_seq)]

        return self._transact_batch(user, note, change, document)

    def _transact_batch(
        self,
        user: str,
        note: str | None,
        change: Callable[[_Document, list[AuditEntry]], list[tuple[str, str, Any, Any, Any, int | None]]],
        document: str = PROJECTS_FILE,
    ) -> list[AuditEntry]:
        """Like :meth:`_transact` for several entries: rows of (action, document, feature_id, before, after, reverts)."""
        user = _check_user(user)
        note = _check_note(note)
        with self._store.transaction(AUDIT_FILE, document) as store:
            raw = store.read_bytes(document)
            doc = _Document.parse(document, raw)
            log = _parse_log(store.read_bytes(AUDIT_FILE)) if store.exists(AUDIT_FILE) else []
            rows = change(doc, log)
            data = doc.dump()
            self._validate(store, document, data, raw)
            first, now = _next_seq(log), self._now()
            entries = [
                AuditEntry(first + n, now, user, action, document, fid, _norm(before), _norm(after), note, reverts)
                for n, (action, document, fid, before, after, reverts) in enumerate(rows)
            ]
            store.write_bytes(document, data)
            for entry in entries:
                store.append_line(AUDIT_FILE, entry.to_json())
        return entries

    # --- machinery -------------------------------------------------------------------

    def _today(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%d")

    def _now(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @staticmethod
    def _check_document(name: str) -> None:
        if name not in EDITABLE_DOCUMENTS:
            msg = f"{name} cannot be edited here; the editor changes {' and '.join(EDITABLE_DOCUMENTS)}"
            raise EditError(msg)

    def _document(self, store: PlanStore | StoreTransaction, name: str) -> _Document:
        self._check_document(name)
        return _Document.parse(name, store.read_bytes(name))

    @staticmethod
    def _item(doc: _Document, feature_id: str) -> dict[str, Any]:
        index = doc.index_of(feature_id)
        if index is None:
            msg = f"{doc.name} has no {doc.noun} with id {feature_id!r}; reload the plan (it may have been removed or renamed)"
            raise UnknownFeatureError(msg)
        return doc.items[index]

    @staticmethod
    def _apply_values(doc: _Document, item: dict[str, Any], values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        before = doc.snapshot(item, values)
        for name, value in values.items():
            doc.put(item, name, copy.deepcopy(value))
        return before, copy.deepcopy(dict(values))

    def _edit(
        self,
        user: str,
        action: str,
        document: str,
        feature_id: str,
        note: str | None,
        based_on: Mapping[str, Any],
        required: tuple[str, ...],
        values: dict[str, Any],
    ) -> AuditEntry:
        """Set ``values`` on one feature after checking ``based_on``."""

        def change(doc: _Document, log: list[AuditEntry]) -> tuple[dict[str, Any], dict[str, Any]]:
            item = self._item(doc, feature_id)
            self._check_based_on(doc, item, feature_id, based_on, required, log)
            before, after = self._apply_values(doc, item, values)
            if _norm(before) == _norm(after):
                shown = ", ".join(f"{k} = {_show(v)}" for k, v in after.items())
                msg = f"nothing to change: {doc.noun} {feature_id!r} already has {shown}"
                raise EditError(msg)
            return before, after

        return self._transact(user, action, document, feature_id, note, change, per_feature=document == PROJECTS_FILE)

    def _transact(
        self,
        user: str,
        action: str,
        document: str,
        feature_id: str,
        note: str | None,
        change: Change,
        *,
        reverts: int | None = None,
        per_feature: bool = False,
    ) -> AuditEntry:
        """Lock, re-read, change, validate, then commit the document with its audit line.

        ``per_feature``: the change edits one existing project; only that
        project is read, validated and written (one row in a database).
        """
        user = _check_user(user)
        note = _check_note(note)
        self._check_document(document)
        with self._store.transaction(AUDIT_FILE, document) as store:
            if per_feature:
                return self._transact_feature(store, user, action, feature_id, note, change, reverts)
            raw = store.read_bytes(document)
            doc = _Document.parse(document, raw)
            log = _parse_log(store.read_bytes(AUDIT_FILE)) if store.exists(AUDIT_FILE) else []
            before, after = change(doc, log)
            data = doc.dump()
            self._validate(store, document, data, raw, only=self._changed_items(doc, feature_id))
            entry = AuditEntry(
                seq=_next_seq(log),
                at=self._now(),
                user=user,
                action=action,
                document=document,
                feature_id=feature_id,
                before=_norm(before),
                after=_norm(after),
                note=note,
                reverts=reverts,
            )
            store.write_bytes(document, data)
            store.append_line(AUDIT_FILE, entry.to_json())
        return entry

    @staticmethod
    def _zone_ids(store: StoreTransaction) -> set[str] | None:
        """The zone ids of ``zones.geojson``, looked up by id (not re-read and re-validated); ``None`` when absent.

        Read through the edit's own transaction (zones are not locked): a
        second connection taken here would wait on a pool whose other
        connections wait for this edit's lock. A zone that :func:`load_plan`
        refuses (a broken geometry) still counts as existing here; ``validate``
        and the map report it.
        """
        return store.feature_ids(ZONES_FILE)

    @staticmethod
    def _problems(document: str, data: bytes | dict[str, Any], zone_ids: set[str] | None) -> list[Problem]:
        doc, problems = (data, []) if isinstance(data, dict) else parse_json(data, document)
        if doc is None:
            return problems
        if document == PROJECTS_FILE:
            checked = check_feature_collection(doc, document, LAYER_SCHEMAS["projects"])
            problems = list(checked.problems)
            if zone_ids is not None:
                problems += check_zone_references(checked.features, zone_ids, document)
            return problems
        return check_targets(doc, document, zone_ids)[1]

    def _transact_feature(
        self, store: StoreTransaction, user: str, action: str, feature_id: str, note: str | None, change: Change,
        reverts: int | None,
    ) -> AuditEntry:
        """The per-feature edit inside :meth:`_transact`'s transaction: read, change, validate, write one project."""
        found = store.read_feature(PROJECTS_FILE, feature_id)
        if found is None:  # absent (or the layer is not a readable collection): the whole-document path says why
            doc = _Document.parse(PROJECTS_FILE, store.read_bytes(PROJECTS_FILE))
            self._item(doc, feature_id)
            msg = f"{PROJECTS_FILE}: project {feature_id!r} cannot be read for editing"
            raise EditError(msg)
        index, feature = found
        original = copy.deepcopy(feature)
        doc = _Document(PROJECTS_FILE, {"type": "FeatureCollection", "features": [feature]})
        log = _parse_log(store.read_bytes(AUDIT_FILE)) if store.exists(AUDIT_FILE) else []
        before, after = change(doc, log)
        # exactly as it will be stored (coordinates rounded), so what is validated is what is written
        stored = json.loads(dump_feature_collection([feature]))["features"][0]
        self._validate(store, PROJECTS_FILE, b"", b"", only=[(index, stored)], was=[(index, original)])
        entry = AuditEntry(_next_seq(log), self._now(), user, action, PROJECTS_FILE, feature_id,
                           _norm(before), _norm(after), note, reverts)
        store.write_feature(PROJECTS_FILE, stored)
        store.append_line(AUDIT_FILE, entry.to_json())
        return entry

    def _feature_problems(
        self, document: str, data: bytes, zone_ids: set[str] | None, only: list[tuple[int, Any]] | None
    ) -> list[Problem]:
        """Problems of the whole document, or of the ``(index, feature)`` pairs ``only`` (each keeping its index)."""
        if only is None:
            return self._problems(document, data, zone_ids)
        found = self._problems(document, {"type": "FeatureCollection", "features": [f for _, f in only]}, zone_ids)
        return [dataclasses.replace(p, feature=only[p.feature][0]) if p.feature is not None else p for p in found]

    @staticmethod
    def _changed_items(doc: _Document, feature_id: str) -> list[tuple[int, Any]] | None:
        """The one project an edit changed, with its index (validated alone); ``None`` for targets (small: whole)."""
        if not doc.is_projects:
            return None
        index = doc.index_of(feature_id)
        return [] if index is None else [(index, doc.items[index])]

    def _validate(
        self,
        store: StoreTransaction,
        document: str,
        data: bytes,
        old: bytes,
        *,
        only: list[tuple[int, Any]] | None = None,
        was: list[tuple[int, Any]] | None = None,
    ) -> None:
        """Validate the new document, or with ``only`` just those ``(index, feature)`` of ``projects.geojson``.

        A per-feature edit changes one feature (never an id), so checking it
        alone finds every problem the edit can cause; each problem keeps the
        feature's index in the file.
        """
        zone_ids = self._zone_ids(store)
        problems = self._feature_problems(document, data, zone_ids, only)
        if not problems:
            return
        headline = f"{document}: the edit was not saved; the new document would have"
        message = _problem_message(headline, problems)
        if self._feature_problems(document, old, zone_ids, was):
            message += f"\n({document} already had problems before this edit: fix the file first)"
        raise SchemaError(message, problems)

    def _check_based_on(
        self,
        doc: _Document,
        item: dict[str, Any],
        feature_id: str,
        based_on: Any,
        required: Iterable[str],
        log: list[AuditEntry],
    ) -> None:
        if not isinstance(based_on, Mapping):
            msg = f"based_on must be a mapping of the values you saw; got {type(based_on).__name__}"
            raise EditError(msg)
        missing = [name for name in required if name not in based_on]
        if missing:
            msg = (
                f"based_on must give the values you saw of {', '.join(missing)} "
                "(keep PlanEditor.snapshot(...) from when the form was opened)"
            )
            raise EditError(msg)
        changed = [
            (name, seen, doc.get(item, name))
            for name, seen in based_on.items()
            if _norm(seen) != _norm(doc.get(item, name))
        ]
        if not changed:
            return
        parts = []
        for name, seen, now in changed:
            last = next(
                (e for e in reversed(log) if e.document == doc.name and e.feature_id == feature_id and e.touches([name])),
                None,
            )
            who = (
                f"last changed by {last.user} at {last.at}, #{last.seq} {last.action}"
                if last
                else "changed outside the editor"
            )
            parts.append(f"{name}: you saw {_show(seen)}, now {_show(now)} ({who})")
        msg = (
            f"{doc.name}: {doc.noun} {feature_id!r} was changed by someone else since you opened it: "
            + "; ".join(parts)
            + f". Reload the {doc.noun} and apply your edit again."
        )
        raise StaleWriteError(msg)

    @staticmethod
    def _refuse_revert(doc: _Document, target: AuditEntry, log: list[AuditEntry]) -> None:
        later = [
            e
            for e in log
            if e.seq > target.seq
            and e.document == target.document
            and e.feature_id == target.feature_id
            and e.touches(target.fields())
        ]
        since = (
            ", ".join(
                f"#{e.seq} {e.action}" + (f" of #{e.reverts}" if e.reverts else "") + f" by {e.user} at {e.at}"
                for e in later
            )
            if later
            else "changed outside the editor"
        )
        msg = (
            f"cannot revert #{target.seq} ({target.action} of {doc.noun} {target.feature_id!r} in {doc.name} "
            f"by {target.user} at {target.at}): the {doc.noun} has changed since: {since}. "
            "Revert the later entries first (newest first) or edit the values directly."
        )
        raise StaleWriteError(msg)
