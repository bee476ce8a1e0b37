"""Screenshots of the planner's login, bulk-update and import pages (docs/screenshots/), zh and en, two desk sizes.

    .venv/bin/python scripts/screenshots_planner.py

Starts the app on a copy of geodata/ with a throwaway account on a free port,
drives Debian's chromium with every non-local request blocked (no tiles), and
writes ``{login,bulk,import}-{1600x1000,1280x720}-{zh,en}.png``. The sheets it
uploads are marked as test data and are never written to the shipped data.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.helpers import add_file_account  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Offline, start_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSWORD = "screenshot password"  # noqa: S105 - a throwaway account in a temporary folder
SIZES = ((1600, 1000), (1280, 720))
SHEET = ("项目编号,项目名称,状态,日期,依据\n"
         "prj-med-silicon-valley,,在建,2026-11-30,示例调度表（截图用，非真实数据）\n"
         "prj-shulan-hospital,,开工,2020,示例调度表（截图用，非真实数据）\n"
         ",不存在的项目,在建,2026-11-30,示例调度表（截图用，非真实数据）\n"
         "prj-im-cas-qilu-institute,,动工,2026-11-30,示例调度表（截图用，非真实数据）\n")
POINTS = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"示例点（截图用）"},' \
         '"geometry":{"type":"Point","coordinates":[116.93,36.66]}}]}'


def _login(page: Page, lang: str) -> None:
    page.get_by_text("规划人员登录" if lang == "zh" else "Planner login").click()
    page.get_by_label("用户名" if lang == "zh" else "Username").fill("planner")
    page.get_by_label("密码" if lang == "zh" else "Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录" if lang == "zh" else "Log in", exact=True).click()
    page.get_by_text("已登录" if lang == "zh" else "Logged in as").wait_for()


def _shoot(page: Page, name: str) -> None:
    """Once the script run is over (no running indicator) and the grids have painted."""
    page.wait_for_timeout(800)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(OUT / f"{name}.png"))


def main() -> int:
    base = Path(tempfile.mkdtemp(prefix="huaiyin-shots-"))
    shutil.copytree(ROOT / "geodata", base / "geodata")
    add_file_account(base / "accounts.json", "planner", PASSWORD, name="规划员")
    (base / "sheet.csv").write_text(SHEET, encoding="utf-8")
    (base / "points.geojson").write_text(POINTS, encoding="utf-8")
    proc, url = start_app({"HUAIYIN_DATA_DIR": str(base / "geodata"), "HUAIYIN_ACCOUNTS_FILE": str(base / "accounts.json"),
                           "HUAIYIN_STATE_DIR": str(base / "state")})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for width, height in SIZES:
                for lang in ("zh", "en"):
                    size = f"{width}x{height}"
                    ctx = browser.new_context(viewport={"width": width, "height": height},
                                              locale="zh-CN" if lang == "zh" else "en-US")
                    ctx.route("**/*", Offline())
                    page = ctx.new_page()
                    page.goto(f"{url}/plan?lang={lang}")
                    page.get_by_text("规划人员登录" if lang == "zh" else "Planner login").click()
                    page.get_by_label("用户名" if lang == "zh" else "Username").wait_for()
                    _shoot(page, f"login-{size}-{lang}")
                    page.goto(f"{url}/bulk?lang={lang}")
                    _login(page, lang)
                    page.locator('input[type="file"]').set_input_files(str(base / "sheet.csv"))
                    page.get_by_role("button", name="应用 " if lang == "zh" else "Apply ").wait_for()
                    _shoot(page, f"bulk-{size}-{lang}")
                    page.goto(f"{url}/import?lang={lang}")
                    page.locator('input[type="file"]').first.wait_for(state="attached")
                    page.locator('input[type="file"]').first.set_input_files(str(base / "points.geojson"))
                    page.get_by_text("points.geojson").first.wait_for()
                    kind = page.get_by_text("图层类型" if lang == "zh" else "Layer kind", exact=True).first
                    kind.wait_for()
                    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60000)
                    kind.scroll_into_view_if_needed()
                    _shoot(page, f"import-{size}-{lang}")
                    ctx.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
