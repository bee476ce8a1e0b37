"""Presentation mode and the offline exports in a real browser, with every request outside 127.0.0.1 blocked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from layers.cli import main as export_main
from layers.tour import step_view
from planning.plan import load_plan
from planning.storage import FileStore
from planning.tours import load_tours, step_bounds
from tests.e2e.conftest import STEP_MS, folium_frame, wait_for_map
from tests.helpers import GEODATA

DOCS = Path(__file__).resolve().parents[2] / "docs"

VIEW_JS = "() => { const m = window.map_div, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"


@pytest.fixture(scope="module")
def default_tour():
    plan = load_plan(GEODATA)
    tours, problems = load_tours(FileStore(GEODATA / "tours"), plan)
    assert not problems
    tour = tours[0]
    views = [step_view(step_bounds(plan, step), gcj=False) for step in tour.steps]
    return tour, views


def _at_step(page, frame, tour, views, index: int, timeout: float = 20000) -> None:
    """The step's title and progress are shown and the map has flown to the step's view (within two pixels)."""
    step, n = tour.steps[index], len(tour.steps)
    page.get_by_role("heading", name=step.title_zh, exact=True).wait_for(timeout=timeout)
    page.get_by_text(f"第 {index + 1} / {n} 步", exact=False).first.wait_for(timeout=timeout)
    (lat, lon), zoom = views[index]
    frame.wait_for_function(
        "([lat, lon, zoom]) => { const m = window.map_div, c = m.getCenter(), px = 360 / (256 * 2 ** zoom);"
        " return Math.abs(c.lat - lat) < 2 * px && Math.abs(c.lng - lon) < 2 * px && m.getZoom() === zoom; }",
        arg=[lat, lon, zoom], timeout=timeout,
    )


def test_keyboard_steps_through_the_default_tour(page, app_url, default_tour):
    tour, views = default_tour
    n = len(tour.steps)
    page.goto(app_url + "/tour")
    wait_for_map(page)
    frame = folium_frame(page)
    frame.evaluate("() => { window.__tour_mounted = true; }")
    keys = ["ArrowRight", "PageDown", "Space", "ArrowDown"]
    seen_views = []
    for index in range(n):
        _at_step(page, frame, tour, views, index)
        seen_views.append(tuple(frame.evaluate(VIEW_JS)))
        if index == 2:
            page.wait_for_timeout(600)
            page.screenshot(path=str(DOCS / "screenshot-tour.png"))
        if index == n - 1:
            break
        if index == 4:  # with the focus inside the map, the keys still step the tour
            box = page.query_selector('iframe[title="streamlit_folium.st_folium"]').bounding_box()
            page.mouse.click(box["x"] + 40, box["y"] + box["height"] - 60)
        page.keyboard.press(keys[index % len(keys)])
    moves = sum(1 for a, b in zip(seen_views, seen_views[1:]) if a != b)
    assert moves == sum(1 for a, b in zip(views, views[1:]) if a != b) >= n - 2, "the map moved to every new view"
    assert frame.evaluate("() => window.__tour_mounted === true"), "stepping never remounted the map"
    page.keyboard.press("ArrowLeft")
    _at_step(page, frame, tour, views, n - 2)
    page.keyboard.press("Home")
    _at_step(page, frame, tour, views, 0)
    assert page.offline.blocked == []


def test_space_on_a_focused_button_steps_once(page, app_url, default_tour):
    tour, views = default_tour
    page.goto(app_url + "/tour")
    wait_for_map(page)
    frame = folium_frame(page)
    _at_step(page, frame, tour, views, 0)
    page.get_by_role("button", name="下一步 ▶").click()  # the button keeps the focus
    _at_step(page, frame, tour, views, 1)
    page.keyboard.press("Space")
    _at_step(page, frame, tour, views, 2)
    page.wait_for_timeout(1500)
    assert page.get_by_role("heading", name=tour.steps[2].title_zh, exact=True).is_visible()
    page.get_by_role("button", name="⟲ 从头开始").click()
    _at_step(page, frame, tour, views, 0)


def test_language_switch_shows_the_english_step(page, app_url, default_tour):
    tour, _ = default_tour
    page.goto(app_url + "/tour")
    wait_for_map(page)
    # in 全屏演示 the controls show for 2.5 s after the pointer moves: move onto the button and click it there,
    # as a person does (a loaded machine can take longer than 2.5 s between Playwright's checks and its click)
    button = page.get_by_role("button", name="English")
    button.wait_for(state="attached")
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 10, y)
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.get_by_role("heading", name=tour.steps[0].title_en, exact=True).wait_for(timeout=STEP_MS)
    assert page.get_by_text(f"Step 1 of {len(tour.steps)}").first.is_visible()


COUNT_JS = """() => {
  const m = Object.values(window).find(v => v instanceof L.Map);
  const counts = {};
  m.eachLayer(l => { if (l.feature) { const k = l.feature.properties.l; counts[k] = (counts[k] || 0) + 1; } });
  const zone = [];
  m.eachLayer(l => { if (l.feature && l.feature.properties.id === 'core-medical' && l.getPopup()) { zone.push(l.getPopup().getContent()); } });
  return {counts, popup: zone[0] || null, canvases: document.querySelectorAll('canvas').length};
}"""


def test_exported_html_opens_from_file_with_no_network(browser, tmp_path: Path):
    path = tmp_path / "plan.html"
    assert export_main(["export", "html", "-o", str(path), "--data", str(GEODATA)]) == 0
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []

    def only_local(route) -> None:  # noqa: ANN001 - playwright Route
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: errors.append(f"failed {request.url}"))
    page.goto(path.as_uri())
    page.wait_for_selector(".hy-legend", timeout=STEP_MS)
    found = page.evaluate(COUNT_JS)
    page.screenshot(path=str(tmp_path / "html.png"))
    context.close()
    assert found["counts"]["zones"] == 11
    assert found["counts"]["projects"] == 157
    assert found["canvases"] >= 1
    assert "济南国际医学科学中心" in found["popup"] and "公顷" in found["popup"]
    assert blocked == [] and errors == []


def test_factsheet_first_page_screenshot(tmp_path: Path):
    pdf = tmp_path / "sheet.pdf"
    assert export_main(["export", "factsheet", "--zone", "core-medical", "--lang", "zh", "-o", str(pdf),
                        "--data", str(GEODATA)]) == 0
    stem = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True)
    shot = DOCS / "screenshot-factsheet.png"
    shot.write_bytes(stem.with_suffix(".png").read_bytes())
    from PIL import Image

    with Image.open(shot) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01, "an A4 page"
        assert len(image.convert("RGB").getcolors(maxcolors=1_000_000)) > 200


def test_exports_page_downloads_a_factsheet_and_filtered_data(browser, app_url, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    page = context.new_page()
    page.goto(app_url + "/exports")
    page.get_by_role("button", name="下载 PDF").wait_for(timeout=STEP_MS)
    with page.expect_download(timeout=STEP_MS) as pdf:
        page.get_by_role("button", name="下载 PDF").click()
    pdf_path = tmp_path / pdf.value.suggested_filename
    pdf.value.save_as(pdf_path)
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert pdf_path.name == "huaiyin-core-medical-zh.pdf" and "济南国际医学科学中心" in text
    page.get_by_label("项目状态").click()
    page.keyboard.type("在建")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.get_by_text("1 个项目，90 个目标").wait_for(timeout=STEP_MS)
    with page.expect_download(timeout=STEP_MS) as csv:
        page.get_by_role("button", name="项目 CSV").click()
    csv_path = tmp_path / "projects.csv"
    csv.value.save_as(csv_path)
    rows = csv_path.read_text(encoding="utf-8-sig").splitlines()
    context.close()
    assert len(rows) == 2 and rows[1].startswith("prj-wide-bandgap-town,")
