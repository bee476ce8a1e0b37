"""The plan's own text, cut into sections with stable ids, so every feature can link to its source.

Section ids: ``chN`` (第N章), ``chN-M`` (its section M, 一、二、…), ``chN-M-K``
(（K） under it) and ``boxN`` (专栏N). The table of contents at the top of
the document is skipped: sections start at the first chapter heading that
is followed by body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CHAPTER = re.compile(r"^第([一二三四五六七八九十]+)章\s*(.+)$")
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_SUBSECTION = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")
_BOX = re.compile(r"^专栏\s*(\d+)\s*(.+)$")
_TOC_LEADER = re.compile(r"(\.{3,}|…{2,}|\t\d+\s*$)")


def _numeral(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS[text[1]]
    if len(text) == 2 and text.endswith("十"):
        return _NUMERALS[text[0]] * 10
    return _NUMERALS[text[0]] if len(text) == 1 else _NUMERALS[text[0]] * 10 + _NUMERALS[text[2]]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    level: int  # 1 chapter, 2 section, 3 subsection, 4 box
    start: int  # 1-based line number of the heading
    end: int  # 1-based line number of the last line (inclusive)


def _short_title(text: str) -> str:
    title = re.split(r"[。：]", text.strip(), maxsplit=1)[0]
    return title[:40]


def _heading(line: str, chapter: int, section: int) -> tuple[str, str, int] | None:
    stripped = line.strip()
    if _TOC_LEADER.search(stripped):
        return None
    if m := _CHAPTER.match(stripped):
        return f"ch{_numeral(m.group(1))}", stripped, 1
    if m := _BOX.match(stripped):
        return f"box{int(m.group(1))}", stripped, 4
    if chapter and (m := _SECTION.match(stripped)):
        return f"ch{chapter}-{_numeral(m.group(1))}", _short_title(stripped), 2
    if chapter and section and (m := _SUBSECTION.match(stripped)):
        return f"ch{chapter}-{section}-{_numeral(m.group(1))}", _short_title(stripped), 3
    return None


def parse_outline(text: str) -> list[Section]:
    """Sections of the outline in document order."""
    lines = text.splitlines()
    found: list[tuple[str, str, int, int]] = []
    chapter = section = 0
    for number, line in enumerate(lines, start=1):
        head = _heading(line, chapter, section)
        if head is None:
            continue
        sid, title, level = head
        if level == 1:
            chapter, section = int(sid[2:]), 0
        elif level == 2:
            section = int(sid.rsplit("-", 1)[1])
        found.append((sid, title, level, number))
    sections = []
    for i, (sid, title, level, start) in enumerate(found):
        end = len(lines)
        for later in found[i + 1 :]:
            box_ends = level == 4
            if box_ends or (later[2] != 4 and later[2] <= level):
                end = later[3] - 1
                break
        sections.append(Section(sid, title, level, start, end))
    return sections


_PARAGRAPH_END = ("。", "：", "；", "！", "？", "”", "）", "」")


def section_text(text: str, section: Section) -> str:
    """The section's paragraphs, heading included: lines broken mid-sentence by the PDF extraction are joined."""
    paragraphs: list[str] = []
    for line in text.splitlines()[section.start - 1 : section.end]:
        stripped = line.strip()
        if not stripped:
            continue
        previous = paragraphs[-1] if len(paragraphs) > 1 else ""
        joinable = bool(previous) and not previous.endswith(_PARAGRAPH_END) and "\t" not in previous and not previous.endswith("-")
        if joinable and _heading(stripped, 1, 1) is None and "\t" not in line:
            paragraphs[-1] += stripped
        else:
            paragraphs.append(stripped)
    return "\n".join(paragraphs)
