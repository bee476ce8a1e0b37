"""The kiosk's layouts in chromium with touch: landscape 1920×1080 and portrait 1080×1920, Chinese and English.

For each: the map's share of the screen (landscape ≥ 60 % of the width,
portrait ≥ 55 % of the height, on top, the zone buttons below it), a legend
on the map, the page itself not scrolling, and the comment form's submit
button on screen and working by touch. The attract screen covers the whole
screen. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ROOT, STEP_MS, Offline, start_app

SHOTS = ROOT / "docs" / "screenshots"
MAP = 'iframe[title="streamlit_folium.st_folium"]'
SIZES = [(1920, 1080), (1080, 1920)]


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    proc, url = start_app({"HUAIYIN_KIOSK": "1", "HUAIYIN_STATE_DIR": str(tmp_path_factory.mktemp("layout-state")),
                           "HUAIYIN_PUBLIC_URL": "https://plan.example.cn/"})
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def attract(tmp_path_factory):
    proc, url = start_app({"HUAIYIN_KIOSK": "1", "HUAIYIN_STATE_DIR": str(tmp_path_factory.mktemp("attract-state")),
                           "HUAIYIN_KIOSK_IDLE_SECONDS": "6", "HUAIYIN_KIOSK_ATTRACT_SECONDS": "6"})
    yield url
    proc.terminate()
    proc.wait(10)


def _screen(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True, locale="zh-CN")
    offline = Offline()
    context.route("**/*", offline)
    page = context.new_page()
    page.offline = offline
    return context, page


def _settle(page) -> None:
    """The map drawn and the layout script's sizes applied (the panel's box got its height)."""
    page.frame_locator(MAP).locator(".hy-legend").wait_for(state="attached", timeout=STEP_MS)
    page.wait_for_function("() => { const p = document.querySelector('.st-key-kiosk_panel');"
                           " return p && p.style.maxHeight !== ''; }", timeout=STEP_MS)
    page.wait_for_timeout(800)


def _no_page_scroll(page, height: int) -> None:
    main = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    assert main <= height + 2, f"the page scrolls: {main} px for a {height} px screen"


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_share_legend_and_a_reachable_submit_button(browser, kiosk, width, height, lang):
    context, page = _screen(browser, width, height)
    try:
        page.goto(kiosk)
        page.locator(".st-key-kiosk_btn_axis-cbd button").wait_for(timeout=STEP_MS)
        if lang == "en":
            page.locator(".st-key-kiosk_lang_en button").tap()
            page.get_by_text("About this zone").wait_for(timeout=STEP_MS)
        page.locator(".st-key-kiosk_btn_axis-cbd button").tap()
        page.get_by_role("heading", name="央企总部城中央商务轴" if lang == "zh" else "Central SOE Headquarters City Central Business Axis").first.wait_for(timeout=STEP_MS)
        _settle(page)
        box = page.locator(MAP).bounding_box()
        buttons = page.locator(".st-key-kiosk_btn_axis-cbd button").bounding_box()
        assert box["y"] + box["height"] <= height + 1
        if width > height:
            assert box["width"] >= 0.60 * width, box
        else:
            assert box["height"] >= 0.55 * height and box["width"] >= 0.95 * width, box
            assert buttons["y"] >= box["y"] + box["height"], "zone buttons below the map"
        assert buttons["y"] + buttons["height"] <= height
        _no_page_scroll(page, height)
        page.screenshot(path=str(SHOTS / f"kiosk-{width}x{height}-{lang}.png"))

        page.locator(".st-key-kiosk_side_comment button").tap()
        form = page.locator('[data-testid="stForm"]').filter(has=page.locator(".st-key-kv_comment_text"))
        submit = form.locator('[data-testid="stFormSubmitButton"] button')
        submit.wait_for(timeout=STEP_MS)
        _settle(page)
        sub = submit.bounding_box()
        assert 0 <= sub["y"] and sub["y"] + sub["height"] <= height, f"submit at {sub} on a {height} px screen"
        _no_page_scroll(page, height)
        page.locator(".st-key-kv_comment_text textarea").fill("希望增加自行车道" if lang == "zh" else "More bike lanes")
        page.get_by_text("支持 Support").tap()
        submit.tap()
        page.get_by_text("查询编号：" if lang == "zh" else "Your code:").first.wait_for(timeout=STEP_MS)
        page.screenshot(path=str(SHOTS / f"kiosk-comment-{width}x{height}-{lang}.png"))
        assert page.offline.blocked == []
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_attract_screen_covers_the_screen_with_the_zone_name_and_a_touch_ends_it(browser, attract, width, height):
    context, page = _screen(browser, width, height)
    try:
        page.goto(attract)
        overlay = page.locator(".st-key-kiosk_attract")
        overlay.wait_for(timeout=STEP_MS)
        page.locator(".hy-attract-name").wait_for(timeout=STEP_MS)
        page.wait_for_timeout(1500)  # the map has flown to the zone
        box = overlay.bounding_box()
        assert box["width"] >= width - 1 and box["height"] >= height - 1
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.hy-attract-name')).fontSize)")
        assert size >= 60
        assert "触摸屏幕开始 / Touch to start" in overlay.inner_text()
        page.screenshot(path=str(SHOTS / f"kiosk-attract-{width}x{height}.png"))
        page.touchscreen.tap(width // 2, height // 2)
        overlay.wait_for(state="detached", timeout=STEP_MS)
        assert page.locator(".st-key-kiosk_countdown").count() == 0
    finally:
        context.close()
