"""Guided tours through the plan, stored as data (``geodata/tours/*.json``), not code.

A tour file lists steps. Each step names what the map shows (a zone, a
project, the features of a layer, or a bounding box), a title and a narrative
in Chinese and English, and its key figures as *references* into the plan::

    {"kind": "target", "ref": "t2025-med-output"}

Figures are resolved from the :class:`~planning.plan.Plan` when the step is
shown (:func:`resolve_figure`), so a number is never typed twice and an edited
target shows up in the tour at once. :func:`check_tour` collects every problem
of a tour file (file, step, field, value, what is expected), like
:mod:`planning.schema`, and keeps the valid steps. Nothing here reads files:
:func:`load_tours` reads through a store.
"""

from __future__ import annotations

from planning.messages import Messages
import re

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import geopandas as gpd
import pandas as pd

from planning.analysis import areas_m2, m2_to_ha, m2_to_mu
from planning.errors import DataSourceError
from planning.model import DISTRICT_SCOPE, STATUSES, UNITS, UNKNOWN_STATUS, Problem, Target
from planning.plan import Plan
from planning.schema import ID_PATTERN, SECTION_PATTERN, parse_json
from planning.storage import PlanStore

#: Folder of the tour files inside the data folder.
TOURS_FOLDER = "tours"
#: What a step can point the map at.
TARGET_KINDS: dict[str, str] = {
    "zone": "a zone id in ref",
    "project": "a project id in ref",
    "layer": "a layer id in ref, optionally with where: {property: value}",
    "bbox": "bbox: [min_lon, min_lat, max_lon, max_lat] in WGS84",
}
#: Key figures a step can show, each resolved from the plan.
FIGURE_KINDS: dict[str, str] = {
    "zone_area": f"a zone id (or {DISTRICT_SCOPE!r} for the district)",
    "target": "a target id of targets.json",
    "project_count": f"a zone id (or {DISTRICT_SCOPE!r} for the district)",
    "project_status": "a project id",
}
_TOUR_KEYS = {"title_zh", "title_en", "summary_zh", "summary_en", "order", "steps"}
_STEP_KEYS = {"id", "target", "title_zh", "title_en", "narrative_zh", "narrative_en", "figures", "source_section"}
_TEXT_KEYS = ("title_zh", "title_en", "narrative_zh", "narrative_en")
DEFAULT_ORDER = 100

Report = Callable[[str, Any, str], None]


@dataclass(frozen=True)
class TourProblem(Problem):
    """A problem in a tour file; ``feature`` is the step's index, ``feature_id`` its id."""

    ITEM_WORD: ClassVar[str] = "step"


@dataclass(frozen=True)
class StepTarget:
    """What the map shows at a step."""

    kind: str
    ref: str | None = None
    where: tuple[tuple[str, Any], ...] = ()
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class FigureRef:
    """A key figure as a reference into the plan (never a typed number)."""

    kind: str
    ref: str


@dataclass(frozen=True)
class TourStep:
    id: str
    target: StepTarget
    title_zh: str
    title_en: str
    narrative_zh: str
    narrative_en: str
    figures: tuple[FigureRef, ...] = ()
    source_section: str | None = None

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def narrative(self, lang: str) -> str:
        return self.narrative_zh if lang == "zh" else self.narrative_en


@dataclass(frozen=True)
class Tour:
    id: str
    file: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    steps: tuple[TourStep, ...]
    order: int = DEFAULT_ORDER

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def summary(self, lang: str) -> str:
        return self.summary_zh if lang == "zh" else self.summary_en


@dataclass(frozen=True)
class KeyFigure:
    """A resolved key figure: what it is, its value, and where the value comes from."""

    label: str
    value: str
    note: str


# --------------------------------------------------------------------------- checking


def _reporter(problems: list[Problem], file: str, index: int | None, step_id: str | None) -> Report:
    def report(field: str, value: Any, expected: str) -> None:
        problems.append(TourProblem(file, index, step_id, field, value, expected))

    return report


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _ids(gdf: gpd.GeoDataFrame) -> set[str]:
    return set(gdf["id"]) if not gdf.empty else set()


def _matching_ids(plan: Plan, layer_id: str, where: tuple[tuple[str, Any], ...]) -> list[str]:
    """Ids of the features of ``layer_id`` whose properties equal (or, for lists, contain) every ``where`` value."""
    gdf = plan.layer(layer_id)
    if gdf.empty:
        return []
    mask = pd.Series(True, index=gdf.index)
    for name, value in where:
        if name not in gdf.columns:
            return []
        mask &= gdf[name].apply(lambda v, want=value: want in v if isinstance(v, list) else v == want)
    return gdf.loc[mask, "id"].tolist()


def _check_bbox(raw: dict[str, Any], report: Report) -> tuple[float, float, float, float] | None:
    bbox = raw.get("bbox")
    if not (isinstance(bbox, list) and len(bbox) == 4 and all(_is_number(v) for v in bbox)):
        report("target.bbox", bbox, "[min_lon, min_lat, max_lon, max_lat]: four numbers")
        return None
    west, south, east, north = (float(v) for v in bbox)
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        report("target.bbox", bbox, "WGS84 degrees with min_lon < max_lon and min_lat < max_lat")
        return None
    return west, south, east, north


def _check_where(raw: dict[str, Any], plan: Plan, layer_id: str, report: Report) -> tuple[tuple[str, Any], ...] | None:
    where = raw.get("where", {})
    if not isinstance(where, dict) or not all(isinstance(v, str | int | float | bool) for v in where.values()):
        report("target.where", where, "an object {property: string, number or boolean}")
        return None
    columns = set(plan.layer(layer_id).columns)
    unknown = sorted(set(where) - columns)
    if unknown:
        report("target.where", unknown, f"properties of {layer_id} ({', '.join(sorted(columns - {'geometry'}))})")
        return None
    pairs = tuple(sorted(where.items()))
    if not _matching_ids(plan, layer_id, pairs):
        report("target.where", where, f"a filter that matches at least one feature of {layer_id}")
        return None
    return pairs


def check_target(raw: Any, plan: Plan, report: Report) -> StepTarget | None:
    """Check a step's ``target``; return it when it points at something that exists."""
    if not isinstance(raw, dict):
        report("target", raw, "an object with kind (" + ", ".join(TARGET_KINDS) + ")")
        return None
    kind = raw.get("kind")
    if kind not in TARGET_KINDS:
        report("target.kind", kind, "one of " + ", ".join(TARGET_KINDS))
        return None
    if kind == "bbox":
        bbox = _check_bbox(raw, report)
        return StepTarget("bbox", bbox=bbox) if bbox else None
    ref = raw.get("ref")
    known = {"zone": _ids(plan.zones), "project": _ids(plan.projects), "layer": set(plan.layers)}[kind]
    if ref not in known:
        report("target.ref", ref, f"{TARGET_KINDS[kind]} that exists ({len(known)} known)")
        return None
    if kind != "layer":
        return StepTarget(kind, ref=ref)
    where = _check_where(raw, plan, ref, report)
    return StepTarget("layer", ref=ref, where=where) if where is not None else None


def _figure_refs(plan: Plan) -> dict[str, set[str]]:
    zones = _ids(plan.zones) | {DISTRICT_SCOPE}
    return {
        "zone_area": zones,
        "project_count": zones,
        "target": {t.id for t in plan.targets},
        "project_status": _ids(plan.projects),
    }


def check_figures(raw: Any, plan: Plan, report: Report) -> tuple[FigureRef, ...] | None:
    """Check a step's ``figures``: each a ``{kind, ref}`` that resolves in the plan."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        report("figures", raw, "a list of {kind, ref}")
        return None
    known = _figure_refs(plan)
    figures: list[FigureRef] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) != {"kind", "ref"}:
            report(f"figures[{i}]", item, "an object with exactly kind and ref (figures are references, never numbers)")
        elif item["kind"] not in FIGURE_KINDS:
            report(f"figures[{i}].kind", item["kind"], "one of " + ", ".join(FIGURE_KINDS))
        elif item["ref"] not in known[item["kind"]]:
            report(f"figures[{i}].ref", item["ref"], f"{FIGURE_KINDS[item['kind']]} that exists")
        else:
            figures.append(FigureRef(item["kind"], item["ref"]))
    return tuple(figures) if len(figures) == len(raw) else None


def _check_step_fields(raw: dict[str, Any], report: Report) -> bool:
    ok = True
    for key in sorted(set(raw) - _STEP_KEYS):
        report(key, raw[key], "no such field (one of " + ", ".join(sorted(_STEP_KEYS)) + ")")
        ok = False
    for key in _TEXT_KEYS:
        if not _is_text(raw.get(key)):
            report(key, raw.get(key), "a non-empty string")
            ok = False
    section = raw.get("source_section")
    if section is not None and not (isinstance(section, str) and SECTION_PATTERN.match(section)):
        report("source_section", section, "a section id such as ch2-3 or box6")
        ok = False
    return ok


def check_step(raw: Any, index: int, file: str, plan: Plan, seen: set[str]) -> tuple[TourStep | None, list[Problem]]:
    """Check one step; return it (or ``None``) and every problem found."""
    problems: list[Problem] = []
    step_id = raw.get("id") if isinstance(raw, dict) else None
    report = _reporter(problems, file, index, step_id if isinstance(step_id, str) else None)
    if not isinstance(raw, dict):
        report("", raw, "a step object")
        return None, problems
    if not (isinstance(step_id, str) and ID_PATTERN.match(step_id)):
        report("id", step_id, "lowercase letters, digits, '-' or '_'")
    elif step_id in seen:
        report("id", step_id, "an id not used by another step of this tour")
    ok = _check_step_fields(raw, report)
    target = check_target(raw.get("target"), plan, report)
    figures = check_figures(raw.get("figures"), plan, report)
    if problems or not ok or target is None or figures is None:
        return None, problems
    seen.add(step_id)
    step = TourStep(step_id, target, *(raw[k].strip() for k in _TEXT_KEYS), figures, raw.get("source_section"))
    return step, problems


def _check_header(doc: dict[str, Any], report: Report) -> bool:
    ok = True
    for key in sorted(set(doc) - _TOUR_KEYS):
        report(key, doc[key], "no such field (one of " + ", ".join(sorted(_TOUR_KEYS)) + ")")
        ok = False
    for key in ("title_zh", "title_en"):
        if not _is_text(doc.get(key)):
            report(key, doc.get(key), "a non-empty string")
            ok = False
    for key in ("summary_zh", "summary_en"):
        if key in doc and not isinstance(doc[key], str):
            report(key, doc[key], "a string")
            ok = False
    if "order" in doc and not (isinstance(doc["order"], int) and not isinstance(doc["order"], bool)):
        report("order", doc["order"], "an integer (tours are listed by order, then by file name)")
        ok = False
    if not (isinstance(doc.get("steps"), list) and doc["steps"]):
        report("steps", doc.get("steps"), "a non-empty list of steps")
        ok = False
    return ok


def check_tour(doc: Any, file: str, plan: Plan) -> tuple[Tour | None, list[Problem]]:
    """Check a parsed tour document against the plan.

    Parameters
    ----------
    doc
        The parsed JSON of one tour file.
    file
        Its name for messages, e.g. ``tours/default.json``; the tour's id is the file's stem.
    plan
        The plan every reference (zone, project, layer, target) must exist in.

    Returns
    -------
    tuple
        The tour with its valid steps (``None`` when the file's header is broken
        or no step is valid) and every problem found.
    """
    problems: list[Problem] = []
    report = _reporter(problems, file, None, None)
    if not isinstance(doc, dict):
        report("", type(doc).__name__, "a JSON object with title_zh, title_en and steps")
        return None, problems
    if not _check_header(doc, report):
        return None, problems
    seen: set[str] = set()
    steps = []
    for index, raw in enumerate(doc["steps"]):
        step, step_problems = check_step(raw, index, file, plan, seen)
        problems.extend(step_problems)
        if step is not None:
            steps.append(step)
    if not steps:
        return None, problems
    stem = file.rsplit("/", 1)[-1].removesuffix(".json")
    tour = Tour(stem, file, doc["title_zh"].strip(), doc["title_en"].strip(), doc.get("summary_zh", ""),
                doc.get("summary_en", ""), tuple(steps), doc.get("order", DEFAULT_ORDER))
    return tour, problems


def load_tours(store: PlanStore, plan: Plan) -> tuple[list[Tour], list[Problem]]:
    """Every tour of the store (``*.json``), sorted by ``order`` then id, and every problem found."""
    tours: list[Tour] = []
    problems: list[Problem] = []
    for name in store.list_documents(".json"):
        file = f"{TOURS_FOLDER}/{name}"
        try:
            raw = store.read_bytes(name)
        except DataSourceError as exc:
            problems.append(TourProblem(file, None, None, None, str(exc), "a readable tour file"))
            continue
        doc, parse_problems = parse_json(raw, file)
        problems.extend(parse_problems)
        if doc is None:
            continue
        tour, tour_problems = check_tour(doc, file, plan)
        problems.extend(tour_problems)
        if tour is not None:
            tours.append(tour)
    return sorted(tours, key=lambda t: (t.order, t.id)), problems


# --------------------------------------------------------------------------- what a step shows


def step_features(plan: Plan, step: TourStep) -> dict[str, list[str]]:
    """Layer id → ids of the features the step highlights (empty for a bounding box)."""
    target = step.target
    if target.kind == "zone":
        return {"zones": [target.ref]}
    if target.kind == "project":
        return {"projects": [target.ref]}
    if target.kind == "layer":
        return {target.ref: _matching_ids(plan, target.ref, target.where)}
    return {}


def step_bounds(plan: Plan, step: TourStep) -> tuple[float, float, float, float] | None:
    """WGS84 bounds (west, south, east, north) of what the step shows; ``None`` if nothing is left of it."""
    if step.target.bbox is not None:
        return step.target.bbox
    frames = []
    for layer_id, ids in step_features(plan, step).items():
        gdf = plan.layer(layer_id)
        if not gdf.empty:
            frames.append(gdf[gdf["id"].isin(ids)])
    geoms = pd.concat(frames).geometry if frames else gpd.GeoSeries([])
    if geoms.empty:
        return None
    west, south, east, north = (float(v) for v in geoms.total_bounds)
    return west, south, east, north


# --------------------------------------------------------------------------- key figures

_TEXT = Messages("tours")


def _t(key: str, lang: str, **fmt: Any) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**fmt)


_CN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_KIND_NAMES = Messages("tour_kinds")


def _chapter(word: str) -> int | None:
    """第X章's X as a number (一 … 十九)."""
    if word in _CN_NUMBERS:
        return _CN_NUMBERS[word]
    if len(word) == 2 and word[0] == "十" and word[1] in _CN_NUMBERS:
        return 10 + _CN_NUMBERS[word[1]]
    return None


def source_note(label: str | None, lang: str) -> str:
    """Where the plan says it: the label as stored in Chinese, or its English form (box, item, chapter, line).

    ``专栏2 序号12`` → ``Plan, Box 2, item 12``; ``第二章 二、目标愿景 (line 77): “…”`` →
    ``Plan, chapter 2, line 77 (plan text, quoted in Chinese)``.
    """
    if not label or lang == "zh":
        return label or ""
    parts = ["Plan"]
    box = re.search(r"专栏\s*(\d+)", label)
    if box:
        parts.append(f"Box {box.group(1)}")
    chapter = re.search(r"第([一二三四五六七八九十]{1,2})章", label)
    if chapter and _chapter(chapter.group(1)):
        parts.append(f"chapter {_chapter(chapter.group(1))}")
    for pattern, word in ((r"序号\s*(\d+)", "item"), (r"第\s*(\d+)\s*行", "row"), (r"\(line (\d+)\)", "line")):
        found = re.search(pattern, label)
        if found:
            parts.append(f"{word} {found.group(1)}")
    text = ", ".join(parts)
    return f"{text} ({_t('quoted', lang)})" if "“" in label else text


def _name(row: pd.Series, lang: str) -> str:
    return str(row["name_en"] if lang == "en" and isinstance(row.get("name_en"), str) else row["name_zh"])


def format_quantity(value: float, unit: str | None, lang: str) -> str:
    """A value with its unit, e.g. ``500 亿元`` or, in English, ``CNY 50 bn`` (the bare number when the plan gives no unit)."""
    if unit is None:
        return f"{value:,.10g}"
    if lang == "zh":
        return f"{value:,.10g}{'' if unit == '%' else ' '}{unit}"
    if unit == "亿元":
        return f"CNY {value / 10:,.10g} bn"
    if unit == "亿美元":
        return f"USD {value / 10:,.10g} bn"
    if unit.startswith("万") and unit != "万亩":
        rest = UNITS[unit].removeprefix("10,000 ")
        return f"{value * 10000:,.0f} {rest}"
    english = UNITS.get(unit, unit)
    return f"{value:,.10g}{english}" if english == "%" else f"{value:,.10g} {english}"


def format_target(target: Target, lang: str) -> str:
    """The target value as a figure (``≥ 500 亿元（2025年）``); the plan's own words when it gives no number."""
    if target.target_value is None:
        shown = target.target_text or _t("no_target_value", lang)
    else:
        prefix = _t(target.comparison, lang) if target.comparison in ("at_least", "at_most") else ""
        shown = prefix + format_quantity(target.target_value, target.unit, lang)
    return _t("target_year", lang, value=shown, year=target.target_year) if target.target_year else shown


def _zone_area(plan: Plan, ref: str, lang: str) -> KeyFigure:
    if ref == DISTRICT_SCOPE:
        m2 = float(areas_m2(plan.layer("boundary")).sum())
        ha, mu = m2_to_ha(m2), m2_to_mu(m2)
        name, note = _t("district", lang), _t("area_note_surveyed", lang)
    else:
        zone = plan.feature("zones", ref)
        ha, mu = float(zone["area_ha"]), float(zone["area_mu"])
        name, note = _name(zone, lang), _t("area_note_approx", lang)
    value = _t("area", lang, ha=ha, mu=mu)
    return KeyFigure(_t("area_of", lang, name=name), value, note)


def _project_count(plan: Plan, ref: str, lang: str) -> KeyFigure:
    if ref == DISTRICT_SCOPE:
        projects, name = plan.projects, _t("district", lang)
    else:
        projects, name = plan.projects_in_zone(ref), _name(plan.feature("zones", ref), lang)
    counts = projects["status"].value_counts() if not projects.empty else pd.Series(dtype=int)
    note = " · ".join(
        _t("progress_unknown", lang, n=int(counts[s])) if s == UNKNOWN_STATUS else f"{s if lang == 'zh' else en} {int(counts[s])}"
        for s, en in STATUSES.items() if int(counts.get(s, 0))
    )
    return KeyFigure(_t("projects_in", lang, name=name), _t("count", lang, n=len(projects)), note)


def _project_status(plan: Plan, ref: str, lang: str) -> KeyFigure:
    project = plan.feature("projects", ref)
    status = str(project["status"])
    value = status if lang == "zh" else STATUSES.get(status, status)
    if status == UNKNOWN_STATUS:
        note = _t("status_note_unknown", lang)
    else:
        note = f"{project.get('status_date')} · {source_note(project.get('status_source'), lang)}"
    return KeyFigure(_name(project, lang), value, note)


def _target(plan: Plan, ref: str, lang: str) -> KeyFigure:
    target = next(t for t in plan.targets if t.id == ref)
    label = target.metric_zh if lang == "zh" else target.metric_en
    return KeyFigure(label, format_target(target, lang), source_note(target.source_label, lang))


_RESOLVERS: dict[str, Callable[[Plan, str, str], KeyFigure]] = {
    "zone_area": _zone_area,
    "project_count": _project_count,
    "project_status": _project_status,
    "target": _target,
}


def resolve_figure(plan: Plan, figure: FigureRef, lang: str) -> KeyFigure:
    """The figure's current value from the plan.

    A reference that no longer resolves (the data changed after the tour was
    checked) gives an explicit "unknown" figure, never a stale number.
    """
    known = _figure_refs(plan)
    if figure.kind not in _RESOLVERS or figure.ref not in known.get(figure.kind, set()):
        zh, en = _KIND_NAMES.get(figure.kind, (figure.kind, figure.kind))
        return KeyFigure(_t("gone_label", lang, kind=zh if lang == "zh" else en, ref=figure.ref), _t("gone", lang), "")
    return _RESOLVERS[figure.kind](plan, figure.ref, lang)
