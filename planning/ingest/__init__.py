"""Plan ingestion: turn a plan document into reviewable zone, project and target candidates.

:func:`extract` is rule-based and deterministic (no network, no model): the
outline (:mod:`planning.outline`), the indicator tables (:mod:`.tables`),
target sentences (:mod:`.sentences`), 专栏 project lists and projects named in
running text (:mod:`.projects`), and the spatial layout's parts
(:mod:`.zones`). :func:`planning.ingest.matching.match` then proposes which
candidates are existing features ("the same object as prj-…"). Nothing is
written to the plan until a planner reviews it (:mod:`.review`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planning.ingest.candidates import KINDS, Candidate, Match
from planning.ingest.document import Document, read_document
from planning.ingest.projects import box_candidates, text_candidates
from planning.ingest.sentences import sentence_candidates
from planning.ingest.tables import is_indicator_table, table_candidates
from planning.ingest.zones import zone_candidates

__all__ = ["KINDS", "Candidate", "Document", "Extraction", "Match", "Period", "extract", "infer_period",
           "read_document"]

_PERIOD_NAMES = {"十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035), "十三五": (2016, 2020)}


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """"2026-2030" -> Period(2026, 2030); raises ValueError naming the value."""
        m = re.fullmatch(r"\s*(\d{4})\s*[-–—~]\s*(\d{4})\s*", text or "")
        if not m or int(m.group(1)) > int(m.group(2)):
            msg = f"period “{text}” is not of the form 2026-2030"
            raise ValueError(msg)
        return cls(int(m.group(1)), int(m.group(2)))

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


_NTH_PLAN = re.compile(r"第([一二三四五六七八九十]{1,3})个五年规划")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(text: str) -> int:
    if "十" not in text:
        return _NUMERALS[text]
    tens, _, units = text.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def infer_period(doc: Document) -> Period | None:
    """The plan period: from "第十五个五年规划" or "“十五五”规划" in the title, else the period the text names most."""
    head = "".join(doc.lines[:40])
    if m := _NTH_PLAN.search(head):
        n = _chinese_number(m.group(1))
        if n >= 3:  # the 3rd plan began in 1966 after the 1963–65 adjustment; every later one five years on
            start = 1966 + 5 * (n - 3)
            return Period(start, start + 4)
    for name, (start, end) in _PERIOD_NAMES.items():
        if re.search(rf"[“\"]?{name}[”\"]?\s*(?:规划|时期发展目标)", head):
            return Period(start, end)
    counts = {name: doc.text.count(name) for name in _PERIOD_NAMES}
    name = max(counts, key=counts.get)
    return Period(*_PERIOD_NAMES[name]) if counts[name] else None


@dataclass
class Extraction:
    document: Document
    period: Period | None
    candidates: list[Candidate] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Candidate]:
        return [c for c in self.candidates if c.kind == kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}


def extract(doc: Document, period: Period | None = None) -> Extraction:
    """Every candidate of the document, ordered by kind, then confidence (highest first), then line."""
    period = period or infer_period(doc)
    start, end = (period.start, period.end) if period else (None, None)
    boxes = [s for s in doc.outline if s.level == 4]
    tables = [s for s in boxes if is_indicator_table(doc, s)]
    paragraphs = doc.paragraphs
    in_table = {n for s in tables for n in range(s.start, s.end + 1)}
    text_paragraphs = [p for p in paragraphs if p.start not in in_table and "\t" not in p.text]
    found: list[Candidate] = []
    for section in tables:
        found.extend(table_candidates(doc, section, period_start=start))
    found.extend(sentence_candidates(doc, text_paragraphs, period_end=end, period_start=start))
    box_items: list[Candidate] = []
    for section in boxes:
        if section not in tables:
            box_items.extend(box_candidates(doc, section, text_paragraphs))
    found.extend(box_items)
    box_lines = {n for s in boxes if s not in tables for n in range(s.start, s.end + 1)}
    running = [p for p in text_paragraphs if p.start not in box_lines]
    found.extend(text_candidates(doc, running, {c.name for c in box_items if c.name}))
    found.extend(zone_candidates(doc, paragraphs))
    order = {kind: i for i, kind in enumerate(KINDS)}
    found.sort(key=lambda c: (order[c.kind], -c.confidence, c.line_start))
    return Extraction(document=doc, period=period, candidates=found)
