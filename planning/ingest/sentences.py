"""Targets in running text: "到2025年，高新技术企业突破240家", "“十四五”期间，每年至少培育2—3所重点学校".

A sentence (up to 。；！？) that sets a target year — "到20XX年", or the plan
period ("十四五"期间/末, "5年") — is cut into clauses at "，"; every clause
after the year phrase with a number and a unit (or an order of magnitude,
千亿级; or 全覆盖) is a target candidate. The metric is the clause's words
before the number, without the verbs that frame it (达到, 突破, 力争 …), or,
when those are empty, the words after the unit ("100位名师、名校长").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planning.ingest.candidates import CONFIDENCE, Candidate
from planning.ingest.document import Document, Paragraph, clean
from planning.ingest.names import normalise
from planning.ingest.values import MAGNITUDE, QUANTITY, as_number, comparison_of, magnitude

_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_TO_YEAR = re.compile(r"到\s*(20\d\d)\s*年")
_PERIOD = re.compile(r"[“\"]?十[四五六七]五[”\"]?\s*(期间|时期|末)|(?:争取|力争|用|未来)[5五]\s*年(?:内|时间)?|(?<![\d.])[5五]\s*年(?:内|时间)")
_PAST = re.compile(r"(19|20)\d\d\s*年(?!，?\s*(力争|争取|实现|达到|突破))")
#: Words that frame a number without being part of what is counted.
_VERBS = re.compile(
    r"^(?:全区|累计|力争|争取|努力|实现|完成|达到|突破|超过|建成|形成|创建|拉动|至少|每年|再|新增|培育|构建|引进培养|引进|培养|引育|聚集|集聚|打造|"
    r"建设|发展|取得|推动|确保|保持|提升|提高到|提高|增至|增长|年均|总量|规模|并|和|及|等|为|在|的|其中|使|让|以上|"
    r"5年|五年|具备)+"
)
_TRAILING = re.compile(r"(?:均|力争迈入|迈入|达到|突破|超过|力争|争取|实现|增长|至少|为|不低于|不少于|控制在|累计|以上|总数|数量)+$")
_CLAUSE = re.compile(r"[，,：:；;]")
#: A section that states the period's goals: every sentence in it speaks of the period's end.
_GOALS_SECTION = re.compile(r"十[四五六七]五.*目标|发展目标|主要目标")
#: "在…的基础上": what exists already, not a target.
_BASELINE_CLAUSE = re.compile(r"基础上|以来|已经|已达|现有")


def _sentences(paragraph: Paragraph) -> Iterator[str]:
    for m in _SENTENCE.finditer(paragraph.text):
        sentence = m.group(0).strip()
        if sentence:
            yield sentence


#: A clause that sets a target without naming the year: "新增…载体6家", "打造15分钟…圈", "覆盖率达到100%".
_TARGET_VERB = re.compile(r"新增|培育|打造|构建|建成|达到|确保|突破|超过|力争|争取|累计|新建|引进|聚集|集聚|形成")


def _year_of(sentence: str, period_end: int | None, goals: bool, plan_chapter: bool = False) -> tuple[int | None, int, str]:
    """(year, position after which clauses count, method)."""
    if m := _TO_YEAR.search(sentence):
        return int(m.group(1)), m.end(), "target_sentence"
    if period_end and (m := _PERIOD.search(sentence)):
        return period_end, m.start(), "target_sentence_period"
    if period_end and goals:
        return period_end, 0, "target_sentence_period"
    if period_end and plan_chapter:
        return period_end, 0, "target_clause_no_year"
    return None, 0, ""


def _strip_quotes(text: str) -> str:
    text = text.strip(" ，、")
    if text.count("“") != text.count("”"):
        text = text.strip("“”")
    return text


def _clean_metric(text: str) -> str:
    text = text.strip("。；！？")
    return _strip_quotes(_TRAILING.sub("", _VERBS.sub("", _strip_quotes(text))))


def _quantities(clause: str) -> list[tuple[float | None, str | None, str, int, int, str]]:
    """(value, unit, value text, start, end, extra) of each quantity in the clause."""
    found = []
    for m in QUANTITY.finditer(clause):
        found.append((float(m.group("num")), m.group("unit"), m.group(0), m.start(), m.end(),
                      "range" if m.group("num2") else ""))
    if not found and (m := MAGNITUDE.search(clause)):
        found.append((magnitude(clause), "亿元", m.group(0), m.start(), m.end(), "magnitude"))
    elif not found and (m := _CLUB.search(clause)):
        found.append((_MAGNITUDES_CLUB[m.group(1)], "亿元", m.group(0), m.start(), m.end(), "club"))
    elif not found and (m := _QUALITATIVE.search(clause)):
        found.append((None, None, m.group(0), m.start(), m.end(), "qualitative"))
    return found


#: A target without a number: "全覆盖", "全面达到功能区划要求", "完成上级下达任务".
_QUALITATIVE = re.compile(r"全覆盖|全面达到[^，。；]{0,20}要求|完成上级下达任务|全面达标")
_CLUB = re.compile(r"(千亿|百亿|万亿)俱乐部")
_MAGNITUDES_CLUB = {"千亿": 1000.0, "百亿": 100.0, "万亿": 10000.0}
_LEAD = re.compile(r"^(?:以上|以内|左右)")


def _after(text: str, *, to_list_end: bool) -> str:
    """The words after a quantity: up to the next quantity (after-style) or the first "、"."""
    text = _LEAD.sub("", text).strip()
    return text.rstrip("、") if to_list_end else re.split(r"[、]", text)[0]


def _metrics(clause: str, quantities: list) -> list[list[str]]:
    """The metric(s) of each quantity: the words before it, or after it when only verbs come before.

    A magnitude over a list ("智能制造、商务会展等百亿级产业集群") gives one metric per listed item.
    """
    first_before = _clean_metric(clause[: quantities[0][3]])
    after_style = len(first_before) < 2
    out = []
    for k, (_, _, _, start, end, extra) in enumerate(quantities):
        prev_end = quantities[k - 1][4] if k else 0
        next_start = quantities[k + 1][3] if k + 1 < len(quantities) else len(clause)
        after = _after(clause[end:next_start], to_list_end=True) if after_style else _after(clause[end:], to_list_end=False)
        if after_style:
            metric = _clean_metric(after)
        else:
            metric = _clean_metric(clause[prev_end:start])
        after = after.strip("。；，、 ")
        if extra == "magnitude" and after and not after_style:
            items = [i for i in re.split(r"[、和]", re.sub(r"等$", "", metric)) if i]
            out.append([_clean_metric(i) + after for i in items] if len(items) > 1 else [metric + after])
        elif not after_style and re.search(r"均(?:达到|为|不低于|超过)", clause[prev_end:start]) and "、" in metric:
            # "A、B均达到100%": one target each
            out.append([_clean_metric(i) for i in metric.split("、") if i])
        elif "等" in metric[:-1] and not after_style and len(normalise(metric.rsplit("等", 1)[1])) >= 4:
            # "孵化器及众创空间等各类创新创业载体": what is counted follows the examples
            out.append([_clean_metric(metric.rsplit("等", 1)[1]) or metric])
        else:
            out.append([metric])
    return out


def sentence_candidates(doc: Document, paragraphs: list[Paragraph], *, period_end: int | None,
                        period_start: int | None) -> list[Candidate]:
    """Every target stated in running text (outside the indicator tables)."""
    out: list[Candidate] = []
    first_plan_chapter = _first_plan_chapter(doc)
    for paragraph in paragraphs:
        section = doc.section_at(paragraph.start)
        goals = bool(section and _GOALS_SECTION.search(section.title))
        chapter = _chapter_of(section)
        plan_chapter = bool(first_plan_chapter and chapter and chapter >= first_plan_chapter)
        for sentence in _sentences(paragraph):
            if _past(sentence, period_start):
                continue
            year, after, method = _year_of(sentence, period_end, goals, plan_chapter)
            if year is None or (period_start and year < period_start):
                continue
            scope = _scope(paragraph.text)
            out.extend(_from_sentence(sentence, after, year, method, paragraph, section, scope))
    return out


def _chapter_of(section) -> int | None:
    if section is None or not section.id.startswith("ch"):
        return None
    return int(section.id[2:].split("-")[0])


def _first_plan_chapter(doc: Document) -> int | None:
    """The chapter after the one that states the period's goals: from there on the text is the plan's programme."""
    for section in doc.outline:
        if section.level >= 2 and _GOALS_SECTION.search(section.title):
            chapter = _chapter_of(section)
            return chapter + 1 if chapter else None
    return None


def _past(sentence: str, period_start: int | None) -> bool:
    """A sentence about the previous period (its name, or a year before this one) and no target year."""
    if _TO_YEAR.search(sentence) or not period_start:
        return False
    previous = _PERIOD_NAME.get(period_start - 5)
    if previous and previous in sentence:
        return True
    return any(int(y) < period_start for y in re.findall(r"((?:19|20)\d\d)\s*年", sentence))


_PERIOD_NAME = {2016: "十三五", 2021: "十四五", 2026: "十五五", 2031: "十六五"}


_CARRIER = re.compile(r"以(?P<name>[\u4e00-\u9fff“”]{3,20}?(?:产业园|园区|中心|基地|小镇))为(?:载体|依托|核心)")


def _scope(paragraph: str) -> str | None:
    """The carrier a paragraph is about ("以山东数字金融产业园为载体"), for metrics like "园区入驻企业"."""
    m = _CARRIER.search(clean(paragraph))
    return m.group("name") if m else None


def _from_sentence(sentence, after, year, method, paragraph, section, scope) -> Iterator[Candidate]:
    offset = 0
    for clause in _CLAUSE.split(sentence):
        start_of_clause = sentence.find(clause, offset)
        offset = start_of_clause + len(clause)
        if offset <= after and method == "target_sentence":
            continue
        clause_clean = _PERIOD.sub("", clean(clause)).lstrip("内")
        if _BASELINE_CLAUSE.search(clause_clean):
            continue
        quantities = _quantities(clause_clean)
        if not quantities or (method == "target_clause_no_year" and not _TARGET_VERB.search(clause_clean)):
            continue
        for (value, unit, text, _start, _end, extra), metrics in zip(quantities, _metrics(clause_clean, quantities)):
            for metric in metrics:
                if len(metric) < 2 or len(metric) > 40:
                    continue
                yield Candidate(
                    kind="target", sentence=sentence, section=section.id if section else None,
                    section_title=section.title if section else None, line_start=paragraph.start,
                    line_end=paragraph.end, confidence=CONFIDENCE[method], method=method, metric=metric,
                    unit=unit, value=as_number(value), value_text=clean(clause).strip(), year=year,
                    comparison=comparison_of(clause_clean, metric, has_value=value is not None, unit=unit),
                    cumulative="累计" in clause_clean,
                    scope=scope if scope and metric.startswith(("园区", "片区", "中心")) else None,
                    details={"range": text} if extra == "range" else {},
                )
