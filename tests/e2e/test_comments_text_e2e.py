"""Comments in chromium: nothing a visitor types is lost or cut, and no comment becomes a link anywhere.

A kiosk server (touch, 1920×1080) and a planner server share one state folder,
so a comment typed at the kiosk is moderated on the planners' page and read
back at the kiosk, on the phone page and in the exports.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from planning.comments import SqliteCommentStore, geojson_bytes, validate_comment
from tests.helpers import add_file_account
from tests.e2e.conftest import STEP_MS, Offline, start_app

#: Everything that a Markdown renderer, an auto-linker or a browser could turn into a link or a script.
LINKY = ("看 https://example.com 和 www.example.org，<a href=\"https://evil.example\">点我</a>，"
         "[链接](https://evil.example) [x](javascript:alert(1)) javascript:alert(2) <b>粗</b> **重**")
LONG = "公园" * 300  # 600 characters
PASSWORD = "e2e planner password"


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    folder = tmp_path_factory.mktemp("comments-state")
    store = SqliteCommentStore(folder / "comments.sqlite3")
    seeded = store.add(validate_comment("关切", LINKY, zone_id="axis-cbd", contact="mailto:x@example.com"),
                       session_key="seed", client_key="seed")
    store.approve(seeded.id, moderator="e2e", reply="回复 https://example.com/reply [r](https://evil.example)")
    return folder


@pytest.fixture(scope="module")
def kiosk(state):
    proc, url = start_app({"HUAIYIN_KIOSK": "1", "HUAIYIN_STATE_DIR": str(state),
                           "HUAIYIN_PUBLIC_URL": "https://plan.example.cn/"})
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def planner(state, tmp_path_factory):
    accounts = tmp_path_factory.mktemp("accounts") / "accounts.json"
    add_file_account(accounts, "planner1", PASSWORD, name="规划员甲")
    proc, url = start_app({"HUAIYIN_STATE_DIR": str(state), "HUAIYIN_ACCOUNTS_FILE": str(accounts)})
    yield url
    proc.terminate()
    proc.wait(10)


def _context(browser, width: int, height: int, *, touch: bool):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, locale="zh-CN",
                                  permissions=["clipboard-read", "clipboard-write"])
    offline = Offline()
    context.route("**/*", offline)
    page = context.new_page()
    page.offline = offline
    page.popups = []
    page.dialogs = []
    context.on("page", lambda p: page.popups.append(p.url))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return context, page


def _no_link_anywhere(page) -> None:
    """No <a> with an href to the comment's targets, and no javascript: link, in the page or any frame."""
    for frame in page.frames:
        hrefs = frame.evaluate("() => Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href') || '')")
        bad = [h for h in hrefs if "example" in h or h.lower().startswith("javascript")]
        assert bad == [], (frame.url, bad)


def _click_every_text(page, text: str) -> None:
    """Tap where the comment text is shown: nothing opens (no tab, no dialog, no navigation)."""
    before = page.url
    for element in page.get_by_text(text, exact=False).all():
        if element.is_visible():
            element.click()
    page.wait_for_timeout(800)
    assert page.popups == [] and page.dialogs == []
    assert page.url.split("?")[0] == before.split("?")[0]


def _kiosk_comment_tab(page, url: str) -> None:
    page.goto(url)
    page.locator(".st-key-kiosk_btn_axis-cbd button").wait_for(timeout=STEP_MS)
    page.locator(".st-key-kiosk_btn_axis-cbd button").tap()
    page.get_by_role("heading", name="央企总部城中央商务轴").wait_for(timeout=STEP_MS)


def test_a_600_character_paste_is_kept_marked_and_refused_then_sent_whole(browser, kiosk, state):
    context, page = _context(browser, 1920, 1080, touch=True)
    try:
        _kiosk_comment_tab(page, kiosk)
        page.locator(".st-key-kiosk_side_comment button").tap()
        box = page.locator(".st-key-kv_comment_text textarea")
        box.wait_for(timeout=STEP_MS)
        assert page.locator('[role="radiogroup"] input:checked').count() == 0  # no type is preselected
        page.evaluate("(t) => navigator.clipboard.writeText(t)", LONG)
        box.focus()
        page.keyboard.press("Control+V")
        counter = page.locator('[class*="st-key-hycount_500_kv_comment"]').first
        expect(counter).to_have_attribute("data-hyover", "1", timeout=STEP_MS)
        assert "600 / 500" in counter.get_attribute("data-hycount") and "100" in counter.get_attribute("data-hycount")
        assert box.input_value() == LONG  # the paste is whole in the box
        assert page.locator('[data-testid="InputInstructions"]:visible').count() == 0  # no “Press Ctrl+Enter”
        page.get_by_text("关切 Concern").tap()
        page.locator('[data-testid="stFormSubmitButton"] button').first.tap()
        page.get_by_text("请删减 100 个字后再提交").wait_for(timeout=STEP_MS)
        assert box.input_value() == LONG  # refused, and the text is still there
        store = SqliteCommentStore(state / "comments.sqlite3")
        assert not [c for c in store.list() if c.text.startswith("公园")]  # nothing stored, nothing cut
        box.focus()
        page.keyboard.press("Control+End")
        for _ in range(100):
            page.keyboard.press("Backspace", delay=20)  # a person's pace
        assert box.input_value() == LONG[:500]
        expect(counter).to_have_attribute("data-hyover", "0", timeout=STEP_MS)
        assert page.get_by_text("请删减 100 个字后再提交").is_hidden()  # the stale message went when typing resumed
        page.locator('[data-testid="stFormSubmitButton"] button').first.tap()
        page.get_by_text("查询编号：").first.wait_for(timeout=STEP_MS)
        stored = next(c for c in store.list() if c.text.startswith("公园"))
        assert stored.text == LONG[:500] and stored.kind == "关切"
        code = page.get_by_text("查询编号：").first.inner_text().split("查询编号：")[1].split("（")[0].strip()
        page.locator(".st-key-kv_comment_code input").fill(code)
        page.get_by_role("button", name="查询", exact=True).tap()
        page.get_by_text(f"意见 {stored.id}：待审核").wait_for(timeout=STEP_MS)
    finally:
        context.close()


def test_a_linky_comment_is_inert_text_at_the_kiosk_and_on_the_phone(browser, kiosk):
    for width, height, url in ((1920, 1080, kiosk), (390, 844, f"{kiosk}/m?sel=zone:axis-cbd")):
        context, page = _context(browser, width, height, touch=True)
        try:
            if url == kiosk:
                _kiosk_comment_tab(page, url)
            else:
                page.goto(url)
            page.get_by_text("https://example.com 和 www.example.org", exact=False).first.wait_for(timeout=STEP_MS)
            page.get_by_text("https://example.com/reply", exact=False).first.wait_for(timeout=STEP_MS)
            page.wait_for_timeout(1500)
            _no_link_anywhere(page)
            _click_every_text(page, "https://example.com")
            assert page.offline.blocked == []
        finally:
            context.close()


def test_a_linky_comment_is_inert_text_in_moderation_and_exports(browser, planner, state):
    context, page = _context(browser, 1600, 1000, touch=False)
    try:
        page.goto(f"{planner}/moderation")
        page.get_by_text("审核公众意见需要规划人员登录").wait_for(timeout=STEP_MS)
        page.get_by_text("规划人员登录").first.click()
        page.get_by_label("用户名").fill("planner1")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.get_by_role("tab", name="已公开（1）").click()
        page.get_by_text("https://example.com 和 www.example.org", exact=False).first.wait_for(timeout=STEP_MS)
        page.get_by_text("mailto:x@example.com").first.wait_for(timeout=10000)  # the contact, as text
        _no_link_anywhere(page)
        _click_every_text(page, "https://example.com")
        assert page.offline.blocked == []
    finally:
        context.close()
    store = SqliteCommentStore(state / "comments.sqlite3")
    exported = json.loads(geojson_bytes(store.list(status="approved")))
    texts = [f["properties"]["text"] for f in exported["features"]]
    assert LINKY in texts  # verbatim text, no markup added
