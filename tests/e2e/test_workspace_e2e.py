"""The planner's map workspace at desk sizes: map coverage, legend off the map, zone labels that click
through to their zone, a 清除筛选 that always clears. Every request outside 127.0.0.1 is blocked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import Offline, folium_frame, wait_for_map

DESKS = [(1600, 1000), (1280, 720)]
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

#: Centre the map on a (lat, lon) at a zoom where symbols are small against the zones, and return where it is.
POINT_AT_JS = """
([lat, lon, zoom]) => {
  const m = window.map_div;
  m.setView([lat, lon], zoom, {animate: false});
  const p = m.latLngToContainerPoint([lat, lon]);
  const box = m.getContainer().getBoundingClientRect();
  return {x: box.left + p.x, y: box.top + p.y};
}
"""


@pytest.fixture(params=DESKS, ids=lambda s: f"{s[0]}x{s[1]}")
def desk(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    offline = Offline()
    context.route("**/*", offline)
    pg = context.new_page()
    pg.offline = offline
    yield pg
    context.close()


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def _overlap(a, b) -> float:
    w = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(w, 0) * max(h, 0)


def test_the_map_fills_the_window_and_the_legend_is_beside_it(desk, app_url):
    desk.goto(app_url)
    wait_for_map(desk)
    size = desk.viewport_size
    viewport = {"x": 0, "y": 0, "width": size["width"], "height": size["height"]}
    the_map = _box(desk, IFRAME)
    assert _overlap(the_map, viewport) >= 0.70 * size["width"] * size["height"]
    frame = folium_frame(desk)
    assert frame.locator(".hy-legend").count() == 0 and frame.locator(".leaflet-control-layers").count() == 0
    legend = desk.locator(".hy-legend-tree").first
    legend.wait_for()
    assert _overlap(legend.bounding_box(), the_map) == 0
    assert desk.offline.blocked == []


def _label_points(frame):
    return frame.evaluate("""() => { const out = []; window.map_div.eachLayer(l => {
        if (l instanceof L.Tooltip && l.options.permanent && l._latlng) {
          out.push([l._latlng.lat, l._latlng.lng, l._content]); } }); return out; }""")


def _zone_heading(page, name: str) -> None:
    page.locator(".st-key-hy_panel").get_by_role("heading", name=name).first.wait_for(timeout=10000)


def test_a_click_on_each_zone_label_point_selects_that_zone(desk, app_url, shipped_plan):
    desk.goto(app_url)
    wait_for_map(desk)
    frame = folium_frame(desk)
    labels = _label_points(frame)
    assert len(labels) == len(shipped_plan.zones)
    names = dict(zip(shipped_plan.zones["name_zh"], shipped_plan.zones["id"], strict=True))
    iframe = desk.query_selector(IFRAME).bounding_box()
    for lat, lon, text in labels:
        for attempt in range(3):  # a click during a rerun can be dropped by the browser: try again
            point = frame.evaluate(POINT_AT_JS, [lat, lon, 14])
            desk.mouse.click(iframe["x"] + point["x"], iframe["y"] + point["y"])
            try:
                _zone_heading(desk, text)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        desk.wait_for_function(f"() => decodeURIComponent(location.search).includes('sel=zone:{names[text]}')")
    assert desk.offline.blocked == []


def _count_text(page) -> str:
    return page.locator(".st-key-hy_header").inner_text()


def test_clear_filters_clears_every_time(desk, app_url, shipped_plan):
    total = len(shipped_plan.projects)
    desk.goto(app_url)
    wait_for_map(desk)
    all_shown = f"显示 {total} / 共 {total} 个项目"
    zone_box = desk.locator('[data-testid="stMultiSelect"]').filter(
        has=desk.locator('[data-testid="stWidgetLabel"]', has_text=re.compile("^所在片区$"))).first
    zones = shipped_plan.zones["name_zh"].tolist()[:5]  # the first options are shown without scrolling the list
    for i in range(20):
        zone = zones[i % len(zones)]
        for attempt in range(3):
            zone_box.click()
            try:
                desk.get_by_role("option").first.wait_for(timeout=5000)
                desk.get_by_role("option", name=re.compile(f"^{re.escape(zone)} \\(")).first.click(timeout=8000)
                break
            except PlaywrightTimeout:
                desk.keyboard.press("Escape")
                if attempt == 2:
                    raise
        desk.keyboard.press("Escape")
        desk.wait_for_function(f"() => !document.querySelector('.st-key-hy_header').innerText.includes('{all_shown}')",
                               timeout=20000)
        assert zone in zone_box.inner_text(), f"try {i + 1}: no chip for {zone}"
        desk.get_by_role("button", name="清除筛选").click()
        desk.wait_for_function(f"() => document.querySelector('.st-key-hy_header').innerText.includes('{all_shown}')",
                               timeout=20000)
        desk.wait_for_timeout(200)
        assert zone not in zone_box.inner_text(), f"try {i + 1}: the chip stayed"
    assert all_shown in _count_text(desk)
