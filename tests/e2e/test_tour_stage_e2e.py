"""The presenter's stage at 1920×1080 (a projector) in chromium: type sizes, full bleed, controls, overview fit."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ROOT, Offline, folium_frame, wait_for_map

SHOTS = ROOT / "docs" / "screenshots"
SIZES_JS = """() => {
  const px = s => Array.from(document.querySelectorAll(s)).map(e => parseFloat(getComputedStyle(e).fontSize));
  return {values: px('.hy-fig .v'), labels: px('.hy-fig .l'), notes: px('.hy-fig .n'), title: px('.st-key-tour_panel h3')};
}"""
#: The district outline's corners as screen points inside the map, and the map's size.
FIT_JS = """() => {
  let b = null;
  window.map_div.eachLayer(l => { if (l.feature && l.feature.properties.l === 'boundary' && l.getBounds) {
    b = b ? b.extend(l.getBounds()) : L.latLngBounds(l.getBounds().getSouthWest(), l.getBounds().getNorthEast()); } });
  const m = window.map_div, s = m.getSize(), nw = m.latLngToContainerPoint(b.getNorthWest()),
        se = m.latLngToContainerPoint(b.getSouthEast());
  return {w: s.x, h: s.y, x0: nw.x, y0: nw.y, x1: se.x, y1: se.y};
}"""


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    offline = Offline()
    context.route("**/*", offline)
    page = context.new_page()
    page.offline = offline
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_stage_type_sizes_full_bleed_map_and_hidden_controls_at_1920x1080(projector, app_url, lang):
    page = projector
    page.goto(f"{app_url}/tour?lang={lang}")
    wait_for_map(page)
    page.locator(".hy-fig .v").first.wait_for(timeout=30000)
    page.wait_for_timeout(2000)  # the fly to the first step
    sizes = page.evaluate(SIZES_JS)
    assert sizes["values"] and min(sizes["values"]) >= 40, sizes
    assert min(sizes["labels"]) >= 24 and min(sizes["title"]) >= 40, sizes
    # Full bleed: the map fills the height below the progress bar and most of the width; nothing scrolls.
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box["width"] >= 0.6 * 1920 and box["y"] + box["height"] <= 1080 and box["height"] >= 0.85 * 1080, box
    # The overview step shows the whole district, filling a good part of the map.
    fit = folium_frame(page).evaluate(FIT_JS)
    assert 0 <= fit["x0"] and fit["x1"] <= fit["w"] and 0 <= fit["y0"] and fit["y1"] <= fit["h"], fit
    assert max((fit["x1"] - fit["x0"]) / fit["w"], (fit["y1"] - fit["y0"]) / fit["h"]) >= 0.6, fit  # zoom 11: ~0.4
    # Controls are hidden until the pointer moves, then shown, then hidden again.
    controls = page.locator(".st-key-tour_controls")
    assert controls.evaluate("e => getComputedStyle(e).opacity") == "0"
    page.mouse.move(400, 300)
    page.mouse.move(420, 320)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.st-key-tour_controls')).opacity === '1'")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.st-key-tour_controls')).opacity === '0'",
                           timeout=15000)
    page.screenshot(path=str(SHOTS / f"tour-1920x1080-{lang}.png"))
    assert page.offline.blocked == []
