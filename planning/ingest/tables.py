"""Indicator tables (主要指标): one target candidate per row.

A table is a 专栏 box whose rows are tab-separated cells, or the same table
flattened by the extraction into one cell per line. The header names the
columns: 序号, the indicator (指标名称 / 主要指标, with its unit in brackets),
year columns (the first is the baseline, one under 规划目标 or the last is the
target, one under 完成情况 is what was achieved), 年均增长 (growth) and 指标属性
(预期性 / 约束性). "[x]" means five-year cumulative; a row whose only text is
in the indicator column continues the previous row's name (a wrapped cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planning.ingest.candidates import CONFIDENCE, Candidate
from planning.ingest.document import Document, clean
from planning.ingest.values import CellValue, as_number, comparison_of, parse_cell, split_metric_unit
from planning.outline import Section

_HEADER_CELL = re.compile(r"^(序号|编号|指标名称|主要指标|指标|类别|\d{4}\s*年|规划目标|目标值?|完成情况|实际完成|年均增长.*|增速.*|指标属性|属性|备注|单位)$")
_CATEGORY = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*\S+")
_SEPARATOR = re.compile(r"^[-—\s\t|]+$")
_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass
class Column:
    label: str
    group: str = ""

    @property
    def role(self) -> str:
        label = self.label
        if label in ("序号", "编号"):
            return "seq"
        if "属性" in label:
            return "attribute"
        if "指标" in label or label == "类别":
            return "name"
        if _YEAR.search(label):
            return "year"
        if "增长" in label or "增速" in label:
            return "growth"
        return "other"

    @property
    def year(self) -> int | None:
        m = _YEAR.search(self.label)
        return int(m.group(1)) if m else None


@dataclass
class Row:
    cells: list[str]
    start: int
    end: int
    category: str | None
    lines: list[str] = field(default_factory=list)
    complete: bool = True  # False: a flattened row with fewer values than value columns (an empty cell vanished)


def _cells(line: str) -> list[str]:
    return [clean(c) for c in line.split("\t")]


def _is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_HEADER_CELL.match(c) for c in filled)


def _columns(header_rows: list[list[str]]) -> list[Column]:
    width = max(len(r) for r in header_rows)
    columns = [Column("") for _ in range(width)]
    for r_index, row in enumerate(header_rows):
        group = ""
        for i in range(width):
            cell = row[i] if i < len(row) else ""
            if r_index == 0 and len(header_rows) > 1:
                group = cell or group
                columns[i].group = group if not _YEAR.search(group) else ""
                if not columns[i].label or cell:
                    columns[i].label = cell or columns[i].label
            elif cell:
                columns[i].label = cell
    return columns


def _assign(columns: list[Column]) -> dict[str, int]:
    """Column index of each role: name, seq, attribute, baseline, target, achieved, growth, achieved_growth."""
    roles: dict[str, int] = {}
    years = [i for i, c in enumerate(columns) if c.role == "year"]
    for i, col in enumerate(columns):
        role = col.role
        if role in ("name", "seq", "attribute") and role not in roles:
            roles[role] = i
        elif role == "growth":
            key = "achieved_growth" if "完成" in col.group or "实际" in col.group else "growth"
            roles.setdefault(key, i)
    for i in years:
        group = columns[i].group
        if "完成" in group or "实际" in group:
            roles.setdefault("achieved", i)
        elif "目标" in group:
            roles.setdefault("target", i)
    plain = [i for i in years if i not in roles.values()]
    if plain:
        roles.setdefault("baseline", plain[0])
    if "target" not in roles and len(plain) > 1:
        roles["target"] = plain[-1]
    roles.setdefault("name", 0)
    return roles


def _rows(doc: Document, section: Section) -> tuple[list[list[str]], list[Row]]:
    header: list[list[str]] = []
    rows: list[Row] = []
    category = None
    for number in range(section.start + 1, section.end + 1):
        raw = doc.lines[number - 1]
        text = raw.strip()
        if not text or _SEPARATOR.match(text) or text.startswith("注"):
            continue
        if "\t" not in raw:
            if _CATEGORY.match(text):
                category = re.sub(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*", "", clean(text))
            continue
        cells = _cells(raw)
        filled = [c for c in cells if c]
        if not rows and _is_header(cells):
            header.append(cells)
            continue
        if not header:
            continue
        if len(filled) == 1 and _CATEGORY.match(filled[0]):
            category = re.sub(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*", "", filled[0])
            continue
        rows.append(Row(cells, number, number, category, [raw]))
    return header, rows


def _merge_wrapped(rows: list[Row], roles: dict[str, int]) -> list[Row]:
    """A row with text only in the indicator column is the rest of the previous row's name."""
    merged: list[Row] = []
    name = roles["name"]
    for row in rows:
        others = [c for i, c in enumerate(row.cells) if i != name and c]
        if merged and not others and name < len(row.cells) and row.cells[name]:
            last = merged[-1]
            last.cells[name] += row.cells[name]
            last.end = row.end
            last.lines.append(row.lines[0])
            continue
        merged.append(row)
    return merged


def _cell(row: Row, roles: dict[str, int], role: str) -> str:
    i = roles.get(role)
    return row.cells[i] if i is not None and i < len(row.cells) else ""


_VALUE_TOKEN = re.compile(r"^([\[［【]?[<＞>＜≤≥]?\s*\d+(\.\d+)?.*|—|-|–|--|完成上级下达任务)$")
_SEQ = re.compile(r"^\d{1,2}$")


def _flat_rows(doc: Document, section: Section) -> tuple[list[list[str]], list[Row]]:
    """The same table flattened by the extraction: one cell per line, empty cells gone.

    The header is the run of header-like lines; a row starts at the next 序号
    (1, 2, …) or, without a 序号 column, at a line that is not a value; lines
    before the row's first value continue its indicator name (a wrapped cell).
    """
    tokens = [(n, clean(doc.lines[n - 1])) for n in range(section.start + 1, section.end + 1)
              if doc.lines[n - 1].strip() and not _SEPARATOR.match(doc.lines[n - 1].strip())]
    header: list[str] = []
    i = 0
    while i < len(tokens) and _HEADER_CELL.match(tokens[i][1]):
        header.append(tokens[i][1])
        i += 1
    if len(header) < 3:
        return [], []
    has_seq = header[0] in ("序号", "编号")
    rows: list[Row] = []
    category = None
    expected = 1
    current: dict | None = None
    for number, text in tokens[i:]:
        if text.startswith("注"):
            break
        if _CATEGORY.match(text):
            category = re.sub(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*", "", text)
            continue
        starts = (has_seq and _SEQ.match(text) and int(text) == expected) or (
            not has_seq and current is not None and current["values"] and not _VALUE_TOKEN.match(text)
            and not _ATTRIBUTE.match(text)) or (not has_seq and current is None)
        if starts:
            current = {"seq": text if has_seq else "", "name": "" if has_seq else text, "values": [],
                       "attr": "", "start": number, "end": number, "lines": [doc.lines[number - 1]],
                       "category": category}
            rows.append(current)  # type: ignore[arg-type]
            expected += 1 if has_seq else 0
            continue
        if current is None:
            continue
        current["end"] = number
        current["lines"].append(doc.lines[number - 1])
        if _ATTRIBUTE.match(text):
            current["attr"] = text
        elif not current["values"] and not _VALUE_TOKEN.match(text):
            current["name"] += text
        else:
            current["values"].append(text)
    columns = _columns([header])
    roles = _assign(columns)
    value_roles = sorted((i for r, i in roles.items() if r not in ("name", "seq", "attribute")))
    out = []
    for raw in rows:
        cells = [""] * len(header)
        if "seq" in roles:
            cells[roles["seq"]] = raw["seq"]
        cells[roles["name"]] = raw["name"]
        if "attribute" in roles:
            cells[roles["attribute"]] = raw["attr"]
        for index, value in zip(value_roles, raw["values"]):
            cells[index] = value
        row = Row(cells, raw["start"], raw["end"], raw["category"], raw["lines"])
        row.complete = len(raw["values"]) == len(value_roles)
        out.append(row)
    return [header], out


def is_indicator_table(doc: Document, section: Section) -> bool:
    header, rows = _rows(doc, section)
    if not header:
        header, rows = _flat_rows(doc, section)
    return bool(header) and len(rows) >= 2 and any("指标" in c for r in header for c in r)


def _years(columns: list[Column], roles: dict[str, int], role: str) -> int | None:
    i = roles.get(role)
    return columns[i].year if i is not None else None


def _growth(row: Row, roles: dict[str, int], role: str) -> float | None:
    return parse_cell(_cell(row, roles, role)).value if role in roles else None


def table_candidates(doc: Document, section: Section, *, period_start: int | None) -> list[Candidate]:
    """One target candidate per row of the indicator table in ``section`` (a 专栏 box)."""
    header, raw_rows = _rows(doc, section)
    flat = not header
    if flat:
        header, raw_rows = _flat_rows(doc, section)
    if not header:
        return []
    columns = _columns(header)
    roles = _assign(columns)
    out = []
    for row in raw_rows if flat else _merge_wrapped(raw_rows, roles):
        candidate = _row_candidate(row, columns, roles, section, period_start)
        if candidate is not None:
            out.append(candidate)
    return out


def _row_candidate(row: Row, columns: list[Column], roles: dict[str, int], section: Section,
                   period_start: int | None) -> Candidate | None:
    metric, unit = split_metric_unit(_cell(row, roles, "name"))
    if not metric or _ATTRIBUTE.match(metric):
        return None
    target = parse_cell(_cell(row, roles, "target")) if "target" in roles else CellValue(None, "", False, None)
    baseline = parse_cell(_cell(row, roles, "baseline")) if "baseline" in roles else CellValue(None, "", False, None)
    growth = _growth(row, roles, "growth")
    year = _years(columns, roles, "target")
    has_value = target.value is not None or growth is not None
    comparison = target.comparison or comparison_of("", metric, has_value=has_value)
    attribute = _cell(row, roles, "attribute") or None
    details = {}
    if "achieved" in roles:
        achieved = parse_cell(_cell(row, roles, "achieved"))
        details["achieved"] = {"text": achieved.text, "value": as_number(achieved.value),
                               "year": _years(columns, roles, "achieved"),
                               "growth_pct": as_number(_growth(row, roles, "achieved_growth"))}
    return Candidate(
        kind="target", sentence="\n".join(row.lines), section=section.id, section_title=section.title,
        line_start=row.start, line_end=row.end,
        confidence=CONFIDENCE["indicator_table"] if row.complete else CONFIDENCE["indicator_table"] - 0.25,
        method="indicator_table",
        metric=metric, unit=unit, value=as_number(target.value), value_text=target.text, year=year,
        comparison=comparison, cumulative=target.cumulative or baseline.cumulative,
        baseline_value=as_number(baseline.value), baseline_text=baseline.text or None,
        baseline_year=_years(columns, roles, "baseline"), growth_pct=as_number(growth),
        attribute=attribute if attribute in ("预期性", "约束性") else None, scope="district",
        category=row.category, previous_plan=bool(period_start and year and year < period_start), details=details,
    )
