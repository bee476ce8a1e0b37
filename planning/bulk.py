"""Bulk updates from the sheets a district receives: a 项目调度表 (statuses) or an observations sheet (UI-free).

A *status sheet* has a row per project: project id or name, status, date,
source. An *observations sheet* has a row per value: target id, year, value,
source. :func:`read_sheet` reads a CSV (UTF-8 or GBK) or the first sheet of an
XLSX; :func:`preview` matches every row against the plan and sorts it into

* ``change`` — matched, valid, and different from what the plan holds;
* ``same`` — matched and already recorded (nothing to do);
* ``unmatched`` — no project/target with that id or name;
* ``conflict`` — the name fits several projects, the sheet gives the same
  project/target-year twice with different values, the plan already holds a
  different value for that year, or the plan's status is more recent;
* ``invalid`` — a field is missing or malformed (the field is named).

:func:`apply` writes every ``change`` row as one audited change set
(:meth:`planning.edits.PlanEditor.bulk_update`); :func:`undo` reverts it as
one. Nothing here guesses: a row that does not match exactly is not applied.
Messages are codes with parameters (:data:`REASONS` gives both languages).
"""

from __future__ import annotations

from planning.messages import Messages
import csv
import datetime as dt
import io
import math
import re
import secrets
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planning.edits import PROJECTS_FILE, STATUS_FIELDS, TARGETS_FILE, AuditEntry, PlanEditor
from planning.errors import PlanningError
from planning.imports import detect_encoding
from planning.model import STATUSES, UNKNOWN_STATUS

STATUS_SHEET, OBSERVATION_SHEET = "status", "observations"
MAX_ROWS = 5000
OUTCOMES = ("change", "same", "conflict", "unmatched", "invalid")

#: Column → accepted headers (compared without spaces, case and bracketed notes).
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    STATUS_SHEET: {
        "id": ("项目编号", "编号", "项目id", "id", "project_id", "projectid"),
        "name": ("项目名称", "名称", "项目", "name", "project", "name_zh", "name_en"),
        "status": ("状态", "项目状态", "进展", "status"),
        "date": ("日期", "状态日期", "调度日期", "date", "status_date"),
        "source": ("依据", "来源", "状态依据", "source", "status_source"),
    },
    OBSERVATION_SHEET: {
        "target": ("指标编号", "目标编号", "指标id", "target_id", "target", "id", "编号"),
        "year": ("年份", "年度", "year"),
        "value": ("数值", "观测值", "值", "value"),
        "source": ("来源", "数据来源", "依据", "source"),
    },
}
#: Headers of the empty templates (the first alias of each column).
TEMPLATE_HEADERS = {kind: [aliases[0] for aliases in cols.values()] for kind, cols in COLUMNS.items()}

#: File names of the empty templates (shipped in static/templates/, and offered on the bulk page).
TEMPLATE_FILES = {STATUS_SHEET: "project-status-template.csv", OBSERVATION_SHEET: "observations-template.csv"}

#: Status words a sheet may use besides the plan's own five and their English names.
STATUS_ALIASES = {"已开工": "开工", "新开工": "开工", "建设中": "在建", "续建": "在建", "已竣工": "竣工", "完工": "竣工"}

REASONS = Messages("bulk")
#: Field names as the user sees them in messages.
FIELD_LABELS = Messages("bulk_fields")


class BulkError(PlanningError):
    """A sheet that cannot be used at all; ``code`` and ``params`` name the file and what is wrong."""

    MESSAGES = Messages("bulk_errors")

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        zh, en = self.MESSAGES[self.code]
        return (zh if lang == "zh" else en).format(**self.params)


@dataclass(frozen=True)
class Row:
    """One sheet row as matched: ``line`` is the row number a spreadsheet shows (header = 1)."""

    line: int
    key: str  # the id or name as given
    outcome: str
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)
    feature_id: str | None = None
    name: str = ""
    name_en: str = ""
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Preview:
    kind: str
    file: str
    rows: tuple[Row, ...]

    def of(self, outcome: str) -> list[Row]:
        return [r for r in self.rows if r.outcome == outcome]

    def counts(self) -> dict[str, int]:
        return {o: len(self.of(o)) for o in OUTCOMES}


def reason_text(row: Row, lang: str) -> str:
    """The row's reason in ``lang``, with field names in that language."""
    zh, en = REASONS[row.reason]
    params = dict(row.params)
    if "field" in params:
        params["field"] = FIELD_LABELS[params["field"]][0 if lang == "zh" else 1]
    return (zh if lang == "zh" else en).format(**params)


# --- reading ------------------------------------------------------------------------------------


def _header(text: Any) -> str:
    return re.sub(r"[\s_]|[（(【\[].*?[）)】\]]", "", str(text)).lower()


def read_sheet(file: str, data: bytes) -> pd.DataFrame:
    """The table of a CSV or XLSX upload as text cells (first sheet of a workbook)."""
    if data[:2] == b"PK":
        try:
            frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object, engine="openpyxl")
        except (ValueError, KeyError, OSError, zipfile.BadZipFile, TypeError) as exc:
            raise BulkError("unreadable", file=file) from exc
        frame = frame.map(_cell)
    else:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        if not body.strip():
            raise BulkError("empty", file=file)
        codec = detect_encoding(body)
        if codec is None:
            raise BulkError("encoding", file=file)
        text = body.decode(codec)
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",\t;").delimiter
        except csv.Error:
            delimiter = ","
        try:
            frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as exc:
            raise BulkError("unreadable", file=file) from exc
    frame = frame.dropna(how="all")
    frame = frame[[any(str(v).strip() for v in row) for row in frame.itertuples(index=False)]]
    if frame.empty:
        raise BulkError("empty", file=file)
    if len(frame) > MAX_ROWS:
        raise BulkError("too_many", file=file, max=MAX_ROWS)
    return frame


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def columns_of(file: str, frame: pd.DataFrame, kind: str | None = None) -> tuple[str, dict[str, str]]:
    """The sheet kind and its column → header mapping (``kind`` None: recognised from the headers)."""
    headers = {_header(c): str(c) for c in frame.columns}
    found = {k: {col: next((headers[_header(a)] for a in aliases if _header(a) in headers), None)
                 for col, aliases in cols.items()} for k, cols in COLUMNS.items()}
    if kind is None:
        if found[STATUS_SHEET]["status"]:
            kind = STATUS_SHEET
        elif found[OBSERVATION_SHEET]["year"] and found[OBSERVATION_SHEET]["value"]:
            kind = OBSERVATION_SHEET
        else:
            expected = " / ".join("、".join(TEMPLATE_HEADERS[k]) for k in COLUMNS)
            raise BulkError("kind", file=file, columns=expected)
    cols = found[kind]
    required = ("status", "source") if kind == STATUS_SHEET else ("target", "year", "value", "source")
    missing = [TEMPLATE_HEADERS[kind][list(COLUMNS[kind]).index(c)] for c in required if not cols[c]]
    if kind == STATUS_SHEET and not (cols["id"] or cols["name"]):
        missing.insert(0, "项目编号/项目名称")
    if missing:
        raise BulkError("columns", file=file, columns="、".join(missing))
    return kind, {c: h for c, h in cols.items() if h}


# --- parsing cells ------------------------------------------------------------------------------


def parse_status(text: str) -> str | None:
    text = text.strip()
    english = {en.lower(): zh for zh, en in STATUSES.items()}
    status = STATUS_ALIASES.get(text) or (text if text in STATUSES else english.get(text.lower()))
    return None if status in (None, UNKNOWN_STATUS) else status


def parse_date(text: str) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY`` from the usual ways of writing a date; ``None`` when it is none."""
    text = text.strip()
    if re.fullmatch(r"(19|20)\d\d", text):
        return text
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s+[\d:]+)?", text)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def parse_number(text: str) -> float | int | None:
    cleaned = re.sub(r"[,，]", "", text).strip()
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", cleaned):
        return None
    value = float(cleaned)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and "." not in cleaned and "e" not in cleaned.lower() else value


# --- preview ------------------------------------------------------------------------------------


def _norm_name(text: Any) -> str:
    return re.sub(r"[\s（）()·・“”\"]", "", str(text or "")).lower()


def _status_row(line: int, cells: Mapping[str, str], projects: list[Mapping[str, Any]], today: dt.date) -> Row:
    key = cells.get("id") or cells.get("name") or ""
    for name in ("status", "date", "source"):
        if not cells.get(name) and name != "date":
            return Row(line, key, "invalid", "missing", {"field": name})
    status, date = parse_status(cells["status"]), parse_date(cells.get("date", "")) if cells.get("date") else None
    if status is None:
        return Row(line, key, "invalid", "bad_status", {"field": "status", "value": cells["status"]})
    if not cells.get("date"):
        return Row(line, key, "invalid", "missing", {"field": "date"})
    if date is None:
        return Row(line, key, "invalid", "bad_date", {"field": "date", "value": cells["date"]})
    if date > today.isoformat():
        return Row(line, key, "invalid", "future_date", {"field": "date", "value": cells["date"]})
    by_id = [p for p in projects if cells.get("id") and p["id"] == cells["id"].strip()]
    by_name = [p for p in projects if cells.get("name") and _norm_name(cells["name"]) in
               {_norm_name(p.get("name_zh")), _norm_name(p.get("name_en"))}]
    found, how = (by_id, "matched_id") if by_id else (by_name, "matched_name")
    if not found:
        return Row(line, key, "unmatched", "no_project", {"key": key})
    if len(found) > 1:
        return Row(line, key, "conflict", "ambiguous", {"key": key, "ids": "、".join(p["id"] for p in found)})
    project = found[0]
    before = {f: project.get(f) for f in STATUS_FIELDS}
    after = {"status": status, "status_date": date, "status_source": cells["source"].strip()}
    common = {"feature_id": project["id"], "name": str(project.get("name_zh") or ""),
              "name_en": str(project.get("name_en") or ""), "before": before, "after": after}
    if before == after:
        return Row(line, key, "same", "already", **common)
    current = str(before.get("status_date") or "")
    if before.get("status") not in (None, UNKNOWN_STATUS) and current and current[:len(date)] > date:
        return Row(line, key, "conflict", "newer", {"date": current, "status": before["status"]}, **common)
    return Row(line, key, "change", how, **common)


def _observation_row(line: int, cells: Mapping[str, str], targets: Mapping[str, Mapping[str, Any]]) -> Row:
    key = cells.get("target", "").strip()
    for name in ("target", "year", "value", "source"):
        if not cells.get(name):
            return Row(line, key, "invalid", "missing", {"field": name})
    year = parse_number(cells["year"])
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        return Row(line, key, "invalid", "bad_year", {"field": "year", "value": cells["year"]})
    value = parse_number(cells["value"])
    if value is None:
        return Row(line, key, "invalid", "bad_number", {"field": "value", "value": cells["value"]})
    target = targets.get(key)
    if target is None:
        return Row(line, key, "unmatched", "no_target", {"key": key})
    observation = {"year": year, "value": value, "source": cells["source"].strip()}
    common = {"feature_id": key, "name": str(target.get("metric_zh") or ""), "name_en": str(target.get("metric_en") or ""),
              "after": observation}
    old = next((o for o in target.get("observations") or [] if isinstance(o, dict) and o.get("year") == year), None)
    if old is not None:
        if old.get("value") == value:
            return Row(line, key, "same", "already", before=old, **common)
        return Row(line, key, "conflict", "year_taken", {"year": year, "value": old.get("value"),
                                                          "source": old.get("source", "")}, before=old, **common)
    return Row(line, key, "change", "matched_id", **common)


def _mark_duplicates(rows: list[Row], kind: str) -> list[Row]:
    """Two rows for the same project (or target and year) with different values both become conflicts."""
    def ident(r: Row) -> tuple[Any, ...]:
        return (r.feature_id,) if kind == STATUS_SHEET else (r.feature_id, r.after.get("year"))

    first: dict[tuple[Any, ...], Row] = {}
    out = []
    for row in rows:
        if row.outcome not in {"change", "same"} or row.feature_id is None:
            out.append(row)
            continue
        other = first.setdefault(ident(row), row)
        if other is not row and dict(other.after) != dict(row.after):
            out.append(Row(**{**row.__dict__, "outcome": "conflict", "reason": "duplicate", "params": {"other": other.line}}))
        elif other is not row:
            out.append(Row(**{**row.__dict__, "outcome": "same", "reason": "duplicate", "params": {"other": other.line}}))
        else:
            out.append(row)
    duplicated = {ident(r) for r in out if r.reason == "duplicate" and r.outcome == "conflict"}
    return [Row(**{**r.__dict__, "outcome": "conflict", "reason": "duplicate",
                   "params": {"other": next(o.line for o in out if o is not r and ident(o) == ident(r))}})
            if r.outcome == "change" and r.feature_id is not None and ident(r) in duplicated else r for r in out]


def preview(file: str, frame: pd.DataFrame, editor: PlanEditor, *, kind: str | None = None,
            today: dt.date | None = None) -> Preview:
    """Match every row of ``frame`` against the editor's current documents."""
    kind, cols = columns_of(file, frame, kind)
    today = today or dt.date.today()
    rows: list[Row] = []
    if kind == STATUS_SHEET:
        projects = [f.get("properties") or {} for f in editor.items(PROJECTS_FILE) if isinstance(f, dict)]
    else:
        targets = {t.get("id"): t for t in editor.items(TARGETS_FILE) if isinstance(t, dict)}
    for n, record in enumerate(frame.to_dict("records")):
        cells = {col: _cell(record.get(header)) for col, header in cols.items()}
        line = n + 2
        row = _status_row(line, cells, projects, today) if kind == STATUS_SHEET else _observation_row(line, cells, targets)
        rows.append(row)
    return Preview(kind, file, tuple(_mark_duplicates(rows, kind)))


# --- applying and undoing -----------------------------------------------------------------------


def apply(editor: PlanEditor, result: Preview, *, user: str, note: str | None = None) -> list[AuditEntry]:
    """Write every ``change`` row as one audited change set; the last entry is the ``bulk`` summary."""
    changes = result.of("change")
    if not changes:
        raise BulkError("nothing")
    bulk_id = f"bulk-{dt.date.today():%Y%m%d}-{secrets.token_hex(3)}"
    summary = {"bulk_id": bulk_id, "kind": result.kind, "file": result.file, "counts": result.counts()}
    if result.kind == STATUS_SHEET:
        items = [(r.feature_id, dict(r.before), dict(r.after)) for r in changes]
        return editor.bulk_update(user, PROJECTS_FILE, items, summary, note)  # type: ignore[arg-type]
    targets = {t.get("id"): t for t in editor.items(TARGETS_FILE) if isinstance(t, dict)}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for r in changes:
        grouped.setdefault(str(r.feature_id), []).append(dict(r.after))
    items = []
    for target_id, new in grouped.items():
        old = list(targets[target_id].get("observations") or [])
        items.append((target_id, {"observations": old}, {"observations": sorted(old + new, key=lambda o: o["year"])}))
    return editor.bulk_update(user, TARGETS_FILE, items, summary, note)


def undo(editor: PlanEditor, bulk_seq: int, *, user: str, note: str | None = None) -> list[AuditEntry]:
    """Revert a whole bulk update (refused, naming the entries, if any of its values changed since)."""
    return editor.undo_bulk(user, bulk_seq, note)


def history(editor: PlanEditor) -> list[tuple[AuditEntry, AuditEntry | None]]:
    """Every bulk update, newest first, with the entry that undid it (or ``None``)."""
    log = editor.log()
    undone = {e.reverts: e for e in log if e.action == "undo_bulk"}
    return [(e, undone.get(e.seq)) for e in reversed(log) if e.action == "bulk"]


def template_csv(kind: str) -> bytes:
    """An empty template (header row only; UTF-8 with BOM so Excel opens the Chinese headers)."""
    return ("\ufeff" + ",".join(TEMPLATE_HEADERS[kind]) + "\n").encode("utf-8")
