"""Zone candidates from the spatial layout section: the named parts of a "两核三区、三纵三横" structure.

The layout sentence names the structure (构建“两核三区、三纵三横”的…布局); a
sentence per group lists its parts (“两核”，即A和B。); each part has a
paragraph that starts with its name, from which the role (打造…), lead
industries (发展…产业) and carriers (依托/串联/发挥…等…) are read. Each
detail keeps the words as the plan writes them.
"""

from __future__ import annotations

import re

from planning.ingest.candidates import CONFIDENCE, Candidate
from planning.ingest.document import Document, Paragraph, clean
from planning.outline import Section

_STRUCTURE = re.compile(r"[“\"]((?:[一两二三四五六七八九十]+[核区纵横带轴廊心极片团组轴][、，]?){2,})[”\"]")
_GROUP = re.compile(r"^[“\"](?P<group>[一两二三四五六七八九十]+[核区纵横带轴廊心极片团组])[”\"][，,]?\s*即(?P<names>[^。]+)。?")
_KIND = {"核": "core", "区": "district", "纵": "belt", "横": "axis", "带": "belt", "轴": "axis", "廊": "axis",
         "心": "core", "极": "core", "片": "district", "团": "district", "组": "district"}
_ROLE = re.compile(r"打造(?P<role>[^，。；]{2,40})")
_INDUSTRIES = re.compile(
    r"(?:大力发展|重点发展|积极发展|加快发展|做大做强做优)(?P<list>[^。；，]{2,80}?)(?:等?(?:产业|业态)|(?=[，。；]|$))"
)
_CARRIERS = re.compile(
    r"(?:依托|串联|发挥|整合|以|围绕|高水平建设|加快推进)(?P<list>[^。；]{2,120}?)等"
    r"(?:重点支撑项目|重要载体|龙头作用|景点|湖河湿地|项目|载体|资源)"
)


def _split(text: str) -> list[str]:
    parts = re.split(r"[、，和及]", clean(text))
    return [p.strip("“”") for p in parts if 1 < len(p.strip("“”")) <= 30]


def layout_section(doc: Document) -> Section | None:
    """The section whose text states the layout structure ("X核Y区…")."""
    for section in doc.outline:
        if section.level == 2 and "布局" in section.title:
            return section
    for section in doc.outline:
        body = "\n".join(doc.lines[section.start - 1 : section.end])
        if section.level >= 2 and _STRUCTURE.search(clean(body)):
            return section
    return None


def zone_candidates(doc: Document, paragraphs: list[Paragraph]) -> list[Candidate]:
    section = layout_section(doc)
    if section is None:
        return []
    inside = [p for p in paragraphs if section.start <= p.start <= section.end]
    structure = next((m.group(1) for p in inside if (m := _STRUCTURE.search(clean(p.text)))), None)
    out: list[Candidate] = []
    for paragraph in inside:
        m = _GROUP.match(clean(paragraph.text))
        if not m:
            continue
        group = m.group("group")
        kind = _KIND.get(group[-1], "district")
        for name in re.split(r"[、和及]", m.group("names")):
            name = name.strip(" “”")
            if not name:
                continue
            own = next((p for p in inside if clean(p.text).startswith(name + "。")), None)
            out.append(_zone(name, group, kind, structure, own or paragraph, section, own is not None))
    return out


def _zone(name, group, kind, structure, paragraph, section, has_paragraph) -> Candidate:
    text = clean(paragraph.text)
    details: dict = {"group": group, "zone_kind": kind, "structure": structure}
    if has_paragraph:
        if m := _ROLE.search(text):
            details["role"] = m.group("role")
        details["industries"] = [i for m in _INDUSTRIES.finditer(text) for i in _split(m.group("list"))]
        details["carriers"] = [c for m in _CARRIERS.finditer(text) for c in _split(m.group("list"))]
    return Candidate(
        kind="zone", sentence=paragraph.text, section=section.id, section_title=section.title,
        line_start=paragraph.start, line_end=paragraph.end,
        confidence=CONFIDENCE["layout_part"] if has_paragraph else CONFIDENCE["layout_part"] - 0.2,
        method="layout_part", name=name, details=details,
    )
