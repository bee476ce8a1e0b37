"""Project candidates: the items of 专栏 boxes, and names of projects in running text.

A project box lists its items by category: "道路工程：张刘片区市政道路一期工程、
…、青岛路西延、…等。" Items are split at "、" outside brackets; "等" ends the
list. In running text, a proper name after a verb of building (建设, 推进,
实施, 加快 …) that ends in a kind of facility (中心, 医院, 学校, 工程, 项目,
线, 路 …) is a candidate with a lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planning.ingest.candidates import CONFIDENCE, Candidate
from planning.ingest.document import Document, Paragraph, clean
from planning.ingest.names import normalise
from planning.outline import Section

_ITEM_LIST = re.compile(r"^(?P<category>[^：:。，]{2,14})[：:](?P<items>.+)$")
_PROJECT_BOX = re.compile(r"项目|工程")
#: A box title that announces a list ("城市更新重点工程") rather than naming one project.
_LIST_TITLE = re.compile(r"(重点|重大|主要)(项目|工程)|项目$|工程$(?<=(重点|重大)工程)")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]是")
_SPLIT = re.compile(r"[、；;]")
_ENDS = re.compile(r"(等|等项目|等工程)?[。．.，,；;、]*$")
#: What the name of a project or facility ends with.
_FACILITY = (
    "产业园", "科技园", "物流园", "实验室", "研究院", "中心", "医院", "学校", "中学", "小学", "幼儿园", "工程", "项目",
    "号线", "大道", "大桥", "高速", "高铁", "改扩建", "西延", "北延", "南延", "东延", "路", "馆", "基地", "小镇",
    "广场", "公园", "大厦", "大世界", "综合体", "站", "港", "库", "园", "城", "院", "楼", "试点", "修缮", "治理",
    "地下空间开发", "设施", "校区",
)
_PHASE = re.compile(r"(?:[一二三四五六七八九]+|\d+)期$")
_TRIGGER = re.compile(
    r"(?:规划建设|加快建设|推进建设|开工建设|高标准建设|高水平建设|加快推进|全力推进|积极推进|重点推进|有序推进|推进|"
    r"建设|实施|加快|启动|建成|新建|改扩建|迁建|打造|依托|引进|完成|开展|落地)"
)
_STRIP_VERBS = re.compile(r"^(?:推进|实施|打造|发展|建设|加快|完成|开展|启动|全面|重点|积极|有序|做好|抓好|持续)+")
_TAIL = re.compile(r"(?:等项目建设|等项目|等工程|项目建设|等|建设)$")
_GENERIC = re.compile(
    r"^(一批|一流|一个|各类|重点|重大|全区|全市|全省|高品质|现代化|国际化|城市|区域|智慧|新型|特色|基础|多样化|更加|成为|"
    r"社区|街道|基层|我区|本区|全国|省会|市场|产业|发展|提升|完善|集成)"
)


def _name_like(item: str) -> bool:
    base = _PHASE.sub("", item)
    return 4 <= len(item) <= 40 and base.endswith(_FACILITY) and not _GENERIC.match(item) and "，" not in item


def _items(text: str) -> list[str]:
    items: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and _SPLIT.match(char):
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [name for item in items if (name := _ENDS.sub("", clean(item)).strip())]


def box_candidates(doc: Document, section: Section, paragraphs: list[Paragraph]) -> list[Candidate]:  # noqa: ARG001 - one signature for every extractor
    """Items of a project box: one candidate per item, with the box's category heading."""
    if not _PROJECT_BOX.search(section.title):
        return []
    confidence = CONFIDENCE["box_item"]
    out = []
    title = clean(re.sub(r"^专栏\s*\d+\s*", "", section.title))
    if not _LIST_TITLE.search(title):
        # "“京沪会客厅”展示服务窗口建设工程": the box is one project, its paragraphs describe it.
        out.append(Candidate(
            kind="project", sentence=section.title, section=section.id, section_title=section.title,
            line_start=section.start, line_end=section.start, confidence=confidence, method="box_item", name=title,
        ))
        return out
    for paragraph in paragraphs:
        if not (section.start < paragraph.start <= section.end):
            continue
        m = _ITEM_LIST.match(clean(paragraph.text))
        if not m:
            continue
        for name in _items(m.group("items")):
            if len(name) < 3 or len(name) > 40 or "，" in name or _ORDINAL.match(name):
                continue
            out.append(Candidate(
                kind="project", sentence=paragraph.text, section=section.id, section_title=section.title,
                line_start=paragraph.start, line_end=paragraph.end, confidence=confidence, method="box_item",
                name=name, category=m.group("category").strip(),
            ))
    return out


def text_candidates(doc: Document, paragraphs: list[Paragraph], known: set[str]) -> list[Candidate]:
    """Project names in running text, except those already found (``known``: names of box items)."""
    out: list[Candidate] = []
    seen = {normalise(k) for k in known}
    for paragraph in paragraphs:
        section = doc.section_at(paragraph.start)
        for sentence, name in _names(paragraph.text):
            key = normalise(name)
            if key in seen:
                continue
            seen.add(key)
            out.append(Candidate(
                kind="project", sentence=sentence, section=section.id if section else None,
                section_title=section.title if section else None, line_start=paragraph.start,
                line_end=paragraph.end, confidence=CONFIDENCE["text_project"], method="text_project", name=name,
            ))
    return out


def _names(text: str) -> Iterator[tuple[str, str]]:
    """(sentence, name) for every facility-like item of a list that follows a verb of building."""
    for sentence in re.findall(r"[^。；！？]+[。；！？]?", text):
        cleaned = clean(sentence)
        for trigger in _TRIGGER.finditer(cleaned):
            span = re.split(r"[，。；：]", cleaned[trigger.end():], maxsplit=1)[0]
            for raw in _items(span):
                item = _TAIL.sub("", _STRIP_VERBS.sub("", raw.strip("“”"))).strip("“”")
                if _name_like(item) and item.count("“") == item.count("”"):
                    yield sentence.strip(), item
