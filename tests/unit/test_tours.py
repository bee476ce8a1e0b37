"""Guided tours: the shipped tours, validation that collects every problem, figures resolved from the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planning.plan import load_plan
from planning.storage import FileStore
from planning.tours import (
    FigureRef,
    TourProblem,
    check_tour,
    format_quantity,
    load_tours,
    resolve_figure,
    source_note,
    step_bounds,
    step_features,
)
from tests.helpers import GEODATA, tiny_plan_docs, write_docs

TOURS = GEODATA / "tours"


@pytest.fixture(scope="module")
def shipped_tours(shipped_plan):
    tours, problems = load_tours(FileStore(TOURS), shipped_plan)
    return tours, problems


def _step(**overrides):
    step = {
        "id": "s1", "target": {"kind": "zone", "ref": "core-a"}, "title_zh": "标题", "title_en": "Title",
        "narrative_zh": "叙述", "narrative_en": "Narrative", "figures": [{"kind": "target", "ref": "t-1"}],
    }
    step.update(overrides)
    return step


def _tour(*steps):
    return {"title_zh": "导览", "title_en": "Tour", "steps": list(steps)}


@pytest.fixture
def tiny_plan(tiny_folder):
    return load_plan(tiny_folder)


# --------------------------------------------------------------------------- shipped tours


def test_shipped_tours_load_without_problems(shipped_tours):
    tours, problems = shipped_tours
    assert [str(p) for p in problems] == []
    assert [t.id for t in tours] == ["default", "investor"]


def test_default_tour_walks_the_layout_and_flagships(shipped_tours, shipped_plan):
    default = shipped_tours[0][0]
    shown = {layer: set() for layer in ("zones", "projects")}
    for step in default.steps:
        for layer, ids in step_features(shipped_plan, step).items():
            shown.setdefault(layer, set()).update(ids)
    assert shown["zones"] == set(shipped_plan.zones["id"]), "两核三区、三纵三横: every zone is shown"
    assert {"prj-expo-center", "prj-shulan-hospital", "prj-wide-bandgap-town"} <= shown["projects"]


def test_investor_tour_covers_the_four_platforms_with_targets(shipped_tours, shipped_plan):
    investor = shipped_tours[0][1]
    targets = {s.target.ref for s in investor.steps}
    assert {"core-medical", "core-soe-hq", "prj-wide-bandgap-town", "prj-expo-center"} <= targets
    figure_targets = {f.ref for s in investor.steps for f in s.figures if f.kind == "target"}
    assert {"t2025-med-output", "t2025-soe-hq-new-hq-projects", "t2025-exhibition-direct-revenue"} <= figure_targets


#: A number, but not part of a name such as "2nd Ring Road" or "Line 6th" (Chinese units like 亿元 may follow).
_NUMBER = re.compile(r"(?<![A-Za-z\d.,])\d[\d,]*(?:\.\d+)?(?![A-Za-z\d])")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_resolves_and_no_narrative_repeats_a_figure(shipped_tours, shipped_plan, lang):
    """Figures come from the data; a narrative that types one of its figures' numbers would go stale."""
    for tour in shipped_tours[0]:
        for step in tour.steps:
            assert step.figures, f"{tour.id}/{step.id} has no key figure"
            narrative_numbers = set(_NUMBER.findall(step.narrative(lang)))
            for ref in step.figures:
                figure = resolve_figure(shipped_plan, ref, lang)
                assert figure.value not in ("未知", "unknown") or ref.kind == "project_status", (tour.id, step.id, ref)
                numbers = {n for n in _NUMBER.findall(figure.value) if n not in {"2025"}}
                assert not numbers & narrative_numbers, f"{tour.id}/{step.id} types {numbers & narrative_numbers}"


def test_medical_centre_figures_come_from_targets_json(shipped_plan):
    figure = resolve_figure(shipped_plan, FigureRef("target", "t2025-med-output"), "zh")
    assert figure.label == "总产值"
    assert figure.value == "≥ 500 亿元（2025年）"
    assert "line 361" in figure.note
    assert resolve_figure(shipped_plan, FigureRef("target", "t2025-med-output"), "en").value == "≥ CNY 50 bn (2025)"


# --------------------------------------------------------------------------- validation


def test_a_valid_tour_checks_clean(tiny_plan):
    tour, problems = check_tour(_tour(_step()), "tours/t.json", tiny_plan)
    assert problems == []
    assert tour.id == "t" and [s.id for s in tour.steps] == ["s1"]


def test_check_collects_every_problem_with_step_field_and_value(tiny_plan):
    doc = _tour(
        _step(),
        _step(id="s2", target={"kind": "zone", "ref": "nope"}),
        _step(id="s3", figures=[{"kind": "target", "ref": "t-1", "value": 500}]),
        _step(id="s1", narrative_en=""),
        _step(id="s5", target={"kind": "bbox", "bbox": [117.0, 36.7, 116.9, 36.6]}),
        _step(id="s6", target={"kind": "layer", "ref": "zones", "where": {"kind": "belt"}}),
        _step(id="s7", target={"kind": "circle"}, narative_zh="typo"),
        _step(id="s8", figures=[{"kind": "zone_area", "ref": "huaiyin"}, {"kind": "project_status", "ref": "p-x"}]),
        "not a step",
    )
    tour, problems = check_tour(doc, "tours/t.json", tiny_plan)
    found = {(p.feature, p.field) for p in problems}
    assert {
        (1, "target.ref"), (2, "figures[0]"), (3, "id"), (3, "narrative_en"), (4, "target.bbox"),
        (5, "target.where"), (6, "target.kind"), (6, "narative_zh"), (7, "figures[1].ref"), (8, ""),
    } <= found
    assert all(isinstance(p, TourProblem) and p.file == "tours/t.json" for p in problems)
    assert [s.id for s in tour.steps] == ["s1"], "valid steps are kept, broken ones left out"
    message = next(str(p) for p in problems if p.field == "target.ref")
    assert message.startswith("tours/t.json step 1 (id 's2'): field 'target.ref': got 'nope'; expected a zone id")


def test_typed_numbers_are_refused_as_figures(tiny_plan):
    _, problems = check_tour(_tour(_step(figures=[500])), "tours/t.json", tiny_plan)
    assert [p.field for p in problems] == ["figures[0]"]
    assert "never numbers" in problems[0].expected


def test_a_broken_header_gives_no_tour(tiny_plan):
    tour, problems = check_tour({"title_zh": "", "steps": [], "order": "1"}, "tours/t.json", tiny_plan)
    assert tour is None
    assert {p.field for p in problems} == {"title_zh", "title_en", "steps", "order"}
    assert check_tour([], "tours/t.json", tiny_plan)[0] is None


def test_load_tours_reports_a_bad_file_and_keeps_the_good_ones(tiny_plan, tmp_path: Path):
    folder = tmp_path / "tours"
    write_docs(folder, {"b.json": _tour(_step()), "a.json": "{not json", "c.json": dict(_tour(_step()), order=0)})
    tours, problems = load_tours(FileStore(folder), tiny_plan)
    assert [t.id for t in tours] == ["c", "b"], "sorted by order, then id"
    assert [p.file for p in problems] == ["tours/a.json"]
    assert "valid JSON" in str(problems[0])


# --------------------------------------------------------------------------- figures and views


def test_figures_follow_the_data_not_the_tour(tiny_folder: Path):
    docs = tiny_plan_docs()
    docs["targets.json"]["targets"][0]["target"] = {"year": 2025, "value": 650, "text": "650"}
    plan = load_plan(write_docs(tiny_folder, docs))
    assert resolve_figure(plan, FigureRef("target", "t-1"), "zh").value == "≥ 650 亿元（2025年）"
    assert resolve_figure(plan, FigureRef("project_count", "core-a"), "zh").value == "1 个"
    status = resolve_figure(plan, FigureRef("project_status", "p-in-b"), "en")
    assert (status.value, status.note) == ("Started", "2020 · Plan, chapter 1")
    area = resolve_figure(plan, FigureRef("zone_area", "core-a"), "zh")
    assert area.value.endswith("亩）") and "示意" in area.note


def test_a_reference_that_no_longer_resolves_shows_unknown(tiny_plan):
    figure = resolve_figure(tiny_plan, FigureRef("target", "gone"), "zh")
    assert (figure.label, figure.value) == ("未知的目标“gone”", "数据中已没有此项")  # says what is unknown
    english = resolve_figure(tiny_plan, FigureRef("target", "gone"), "en")
    assert (english.label, english.value) == ("Unknown target “gone”", "no longer in the data")


_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_english_figure_note_is_english_and_unknown_progress_is_said_in_words(shipped_plan, shipped_tours):
    for tour in shipped_tours[0]:
        for step in tour.steps:
            for ref in step.figures:
                english = resolve_figure(shipped_plan, ref, "en")
                assert not _CJK.search(english.note.replace("(plan text, quoted in Chinese)", "")), (ref, english.note)
                assert not _CJK.search(english.label + english.value), (ref, english)
    count = resolve_figure(shipped_plan, FigureRef("project_count", "axis-cbd"), "zh")
    assert "进展未知 " in count.note and "未知 1" not in count.note.replace("进展未知", "")
    assert "progress unknown: " in resolve_figure(shipped_plan, FigureRef("project_count", "axis-cbd"), "en").note


def test_source_notes_in_english_name_box_item_chapter_and_line():
    assert source_note("专栏2 序号12", "en") == "Plan, Box 2, item 12"
    assert source_note("第十一章 二、x (line 901): “到2025年”", "en") == (
        "Plan, chapter 11, line 901 (plan text, quoted in Chinese)")
    assert source_note("专栏2 序号12", "zh") == "专栏2 序号12"


def test_step_features_and_bounds(tiny_plan):
    tour, _ = check_tour(_tour(
        _step(),
        _step(id="p", target={"kind": "project", "ref": "p-in-b"}),
        _step(id="l", target={"kind": "layer", "ref": "zones", "where": {"kind": "axis"}}),
        _step(id="b", target={"kind": "bbox", "bbox": [116.8, 36.6, 117.0, 36.8]}),
    ), "tours/t.json", tiny_plan)
    zone, project, layer, bbox = tour.steps
    assert step_features(tiny_plan, zone) == {"zones": ["core-a"]}
    assert step_features(tiny_plan, layer) == {"zones": ["axis-b"]}
    assert step_features(tiny_plan, bbox) == {}
    assert step_bounds(tiny_plan, zone) == pytest.approx((116.85, 36.65, 116.90, 36.70))
    assert step_bounds(tiny_plan, project) == pytest.approx((116.89, 36.61, 116.89, 36.61))
    assert step_bounds(tiny_plan, bbox) == (116.8, 36.6, 117.0, 36.8)


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (500, "亿元", "zh", "500 亿元"),
        (500, "亿元", "en", "CNY 50 bn"),
        (6.7, "亿美元", "en", "USD 0.67 bn"),
        (13.5, "万人", "en", "135,000 people"),
        (60, "%", "zh", "60%"),
        (60, "%", "en", "60%"),
        (20, "家", "en", "20 organisations"),
    ],
)
def test_format_quantity(value, unit, lang, expected):
    assert format_quantity(value, unit, lang) == expected


def test_tour_files_are_utf8_json_with_both_languages():
    for path in sorted(TOURS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for step in doc["steps"]:
            assert re.search(r"[\u4e00-\u9fff]", step["title_zh"]), (path.name, step["id"])
            assert not re.search(r"[\u4e00-\u9fff]", step["title_en"]), (path.name, step["id"])


def test_highlighted_projects_are_labelled_with_their_escaped_names():
    import folium

    from layers.tour import build_highlight_group

    geo = {"projects": {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.9, 36.65]},
         "properties": {"id": "p1", "l": "projects", "k": "project:在建:x", "n": "树兰<医院>"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.8, 36.6]},
         "properties": {"id": "p2", "l": "projects", "k": "project:在建:x", "n": "不亮显"}}]}}
    group = build_highlight_group(geo, {"projects": ["p1"]})
    m = folium.Map()
    group.add_to(m)
    page = m.get_root().render()
    shown = json.dumps("树兰&lt;医院&gt;").replace("&", "\\u0026")  # the escaped name, as folium writes it in JS
    assert "hy-tour-label" in page and shown.strip('"') in page and "<医院>" not in page
    assert json.dumps("不亮显").strip('"') not in page
