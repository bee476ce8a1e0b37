"""The kiosk in chromium, with every request outside 127.0.0.1 blocked (network cable pulled).

Two servers in kiosk mode (``HUAIYIN_KIOSK=1``, as ``make kiosk`` starts it),
each with its own state folder: one with the default idle time, one with an
8 s idle time and a 16 s attract time for the countdown, reset and tour.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planning.comments import SqliteCommentStore, validate_comment
from tests.e2e.conftest import ROOT, STEP_MS, folium_frame, start_app

XSS = "<script>alert(1)</script> 和 <img src=x onerror=alert(1)> 多种树"
SCREENSHOT = ROOT / "docs" / "screenshot-kiosk.png"
CENTER_JS = "() => { const c = window.map_div.getCenter(); return [c.lat, c.lng, window.map_div.getZoom()]; }"

#: Brings the comment marker ``id`` into view (un-clustered) and returns its point in the map's iframe.
MARKER_POINT_JS = """
(id) => new Promise((resolve) => {
  let cluster = null;
  window.map_div.eachLayer(l => { if (l instanceof L.MarkerClusterGroup && !cluster) { cluster = l; } });
  const marker = cluster.getLayers().find(m => m.feature.properties.id === id);
  cluster.zoomToShowLayer(marker, () => {
    const p = window.map_div.latLngToContainerPoint(marker.getLatLng());
    const box = window.map_div.getContainer().getBoundingClientRect();
    resolve({x: box.left + p.x, y: box.top + p.y});
  });
})
"""


def _kiosk(tmp: Path, **extra: str):
    env = {
        "HUAIYIN_KIOSK": "1",
        "HUAIYIN_STATE_DIR": str(tmp),
        "HUAIYIN_PUBLIC_URL": "https://plan.example.cn/",
        "STREAMLIT_CLIENT_TOOLBAR_MODE": "minimal",
        "STREAMLIT_UI_HIDE_TOP_BAR": "true",
        **extra,
    }
    return start_app(env)


@pytest.fixture(scope="module")
def kiosk_state(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("kiosk-state")


@pytest.fixture(scope="module")
def kiosk_url(kiosk_state):
    store = SqliteCommentStore(kiosk_state / "comments.sqlite3")
    seeded = store.add(validate_comment("关切", XSS, zone_id="axis-cbd"), session_key="seed", client_key="seed")
    store.approve(seeded.id, moderator="e2e", reply="已转交 <b>园林局</b>")
    proc, url = _kiosk(kiosk_state)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def idle_url(tmp_path_factory):
    proc, url = _kiosk(tmp_path_factory.mktemp("idle-state"), HUAIYIN_KIOSK_IDLE_SECONDS="8",
                       HUAIYIN_KIOSK_ATTRACT_SECONDS="16")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def touch_page(browser):
    """A 1920×1080 touch screen, offline, recording every dialog."""
    from tests.e2e.conftest import Offline

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, has_touch=True, locale="zh-CN")
    offline = Offline()
    context.route("**/*", offline)
    page = context.new_page()
    page.offline = offline
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def _open(page, url: str) -> None:
    page.goto(url)
    page.locator(".st-key-kiosk_btn_core-medical button").wait_for(timeout=STEP_MS)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator("#map_div").wait_for(state="attached", timeout=STEP_MS)
    page.wait_for_function(
        "() => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " const w = f && f.contentWindow; return !!(w && w.map_div && w.L && w.L.MarkerClusterGroup"
        " && (w.hyPending || 0) === 0); }", timeout=STEP_MS)
    page.wait_for_timeout(1500)


def _center(page) -> list[float]:
    return folium_frame(page).evaluate(CENTER_JS)


def test_kiosk_home_renders_offline_with_touch_sized_targets(kiosk_url, touch_page):
    page = touch_page
    _open(page, kiosk_url)
    assert page.get_by_role("heading", name="槐荫区“十四五”规划").is_visible()
    for selector in ('[data-testid="stSidebar"]', '[data-testid="stToolbar"]', '[data-testid="stMainMenu"]',
                     '[data-testid="stHeader"]'):
        assert not page.locator(selector).is_visible(), selector
    buttons = page.locator('[class*="st-key-kiosk_btn_"] button, .st-key-kiosk_lang_zh button, '
                           '.st-key-kiosk_lang_en button, .st-key-kiosk_home button, .st-key-kiosk_to_list button')
    assert buttons.count() == 15
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (buttons.nth(i).inner_text(), box)
    zoom_in = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".leaflet-control-zoom-in")
    assert zoom_in.bounding_box()["height"] >= 44
    assert page.locator('[data-testid="stImage"] img').first.bounding_box()["width"] >= 90  # the QR code
    page.screenshot(path=str(SCREENSHOT))
    assert page.offline.blocked == []


def test_planner_urls_lead_to_the_kiosk_home(kiosk_url, touch_page):
    page = touch_page
    for path in ("/moderation", "/import", "/exports", "/map?sel=zone:axis-cbd"):
        _open(page, kiosk_url + path)
        assert page.get_by_text("Page not found").first.is_visible()
        assert page.locator(".st-key-kiosk_btn_axis-cbd button").is_visible()
        assert page.locator("input[type=password]").count() == 0
        assert page.locator('[data-testid="stDownloadButton"], [data-testid="stFileUploader"]').count() == 0


def test_tapping_a_zone_button_flies_the_map_and_opens_the_card(kiosk_url, touch_page):
    page = touch_page
    _open(page, kiosk_url)
    before = _center(page)
    page.locator(".st-key-kiosk_btn_district-shangbu button").tap()
    page.get_by_role("heading", name="百年商埠历史文化区").wait_for(timeout=STEP_MS)
    page.wait_for_function(
        "([lat, lng]) => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " const c = f.contentWindow.map_div.getCenter(); return Math.abs(c.lat - lat) + Math.abs(c.lng - lng) > 0.01; }",
        arg=before[:2], timeout=STEP_MS)
    after = _center(page)
    assert after[2] > before[2]  # zoomed in on the district
    assert page.get_by_text("功能定位").first.is_visible()
    assert page.offline.blocked == []


def test_countdown_then_reset_to_home_in_chinese_then_attract_loop(idle_url, touch_page):
    page = touch_page
    _open(page, idle_url)
    home = _center(page)
    page.locator(".st-key-kiosk_lang_en button").tap()
    page.get_by_role("heading", name="Huaiyin District 14th Five-Year Plan").wait_for(timeout=STEP_MS)
    page.locator(".st-key-kiosk_btn_axis-jingshi button").tap()
    page.get_by_role("heading", name="Jingshi Road Urban Development and Landscape Axis").wait_for(timeout=STEP_MS)
    countdown = page.locator(".st-key-kiosk_countdown")
    countdown.wait_for(state="visible", timeout=STEP_MS)
    assert "Returning to the home screen in" in countdown.inner_text()
    box = page.query_selector('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.wheel(0, -200)  # a gesture inside the map's iframe counts as activity too
    countdown.wait_for(state="hidden", timeout=10000)
    assert page.get_by_role("heading", name="Jingshi Road Urban Development and Landscape Axis").is_visible()
    countdown.wait_for(state="visible", timeout=STEP_MS)
    page.get_by_role("heading", name="槐荫区“十四五”规划").wait_for(timeout=STEP_MS)  # reset: Chinese again
    page.get_by_role("heading", name="城市发展新布局").wait_for(timeout=STEP_MS)  # the home card, nothing selected
    assert not countdown.is_visible()
    page.wait_for_timeout(1500)
    back = _center(page)
    assert abs(back[0] - home[0]) + abs(back[1] - home[1]) < 0.005 and back[2] == home[2]
    page.locator(".st-key-kiosk_attract").wait_for(state="visible", timeout=STEP_MS)  # the tour begins
    page.get_by_role("heading", name="济南国际医学科学中心").wait_for(timeout=STEP_MS)
    page.mouse.click(960, 60)  # a touch ends the tour
    page.locator(".st-key-kiosk_attract").wait_for(state="hidden", timeout=STEP_MS)
    assert page.offline.blocked == []


def test_comments_are_shown_as_text_and_no_dialog_ever_opens(kiosk_url, kiosk_state, touch_page):
    page = touch_page
    _open(page, kiosk_url)
    page.locator(".st-key-kiosk_btn_axis-cbd button").tap()
    page.get_by_role("heading", name="央企总部城中央商务轴").wait_for(timeout=STEP_MS)
    page.get_by_text(XSS, exact=False).first.wait_for(timeout=STEP_MS)  # the card lists it, as text
    page.locator(".st-key-kiosk_side_comment button").tap()
    page.get_by_text("建议 Suggestion").tap()  # the visitor chooses a type: none is preselected
    page.locator("textarea").fill(XSS + " 第二条")
    page.locator('[data-testid="stFormSubmitButton"] button').first.tap()
    page.get_by_text("已收到，正在等待规划人员审核").wait_for(timeout=STEP_MS)
    store = SqliteCommentStore(kiosk_state / "comments.sqlite3")
    submitted = next(c for c in store.list(status="pending") if c.text.endswith("第二条"))
    assert submitted.text == XSS + " 第二条" and submitted.zone_id == "axis-cbd"
    store.approve(submitted.id, moderator="e2e")
    _open(page, kiosk_url)  # a new visitor
    point = folium_frame(page).evaluate(MARKER_POINT_JS, str(submitted.id))
    box = page.query_selector('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    popup = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=10000)
    page.wait_for_timeout(2500)  # the tap reran the app: the popup must still be open
    assert popup.is_visible()
    assert XSS in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    page.wait_for_timeout(1000)
    assert page.dialogs == []
    assert page.offline.blocked == []
