"""Screenshots of the 规划导入 page (docs/screenshots/ingest-*.png): .venv/bin/python scripts/screenshots_ingest.py docs/screenshots"""

import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, ".")
from playwright.sync_api import sync_playwright
from planning.auth import add_account
from planning.storage import FileStore
from planning.sessions import COOKIE_NAME
from tests.e2e.conftest import ROOT, start_app

base = Path(tempfile.mkdtemp())
data = base / "geodata"
shutil.copytree(ROOT / "geodata", data, ignore=shutil.ignore_patterns("audit.jsonl"))
add_account(FileStore(base), "planner1", "shot password", name="规划员甲")
seed = next(
    p
    for p in (ROOT.parent / "shared/seed/000_978fa211d9488af2.txt", Path("/work/shared/seed/000_978fa211d9488af2.txt"))
    if p.is_file()
)
proc, url = start_app({"HUAIYIN_DATA_DIR": str(data), "HUAIYIN_ACCOUNTS_FILE": str(base / "accounts.json")})
out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
try:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium")
        ctx = b.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
        ctx.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
                else r.abort()
            ),
        )
        page = ctx.new_page()
        page.set_default_timeout(180000)
        page.goto(url)
        page.get_by_text("规划人员登录").click()
        page.get_by_label("用户名").fill("planner1")
        page.get_by_label("密码").fill("shot password")
        page.get_by_role("button", name="登录").click()
        for _ in range(240):
            if any(c["name"] == COOKIE_NAME for c in ctx.cookies()):
                break
            page.wait_for_timeout(500)
        page.goto(f"{url}/ingest")
        page.get_by_text("规划文本", exact=True).wait_for()
        page.locator("input[type=file]").set_input_files(str(seed))
        page.wait_for_timeout(4000)
        page.get_by_role("button", name="提取候选").click()
        page.get_by_text(re.compile("已从 .* 提取")).wait_for()
        page.get_by_text("项目", exact=True).first.click()
        page.get_by_text(re.compile("^项目 · ")).first.wait_for()
        page.wait_for_timeout(4000)
        for w, h in ((1600, 1000), (1280, 720)):
            page.set_viewport_size({"width": w, "height": h})
            page.wait_for_timeout(2500)
            page.mouse.wheel(0, 700)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / f"ingest-{w}x{h}-zh.png"))
        page.goto(f"{url}/ingest?lang=en")
        page.wait_for_timeout(3000)
        page.get_by_text("English", exact=True).first.click()
        page.wait_for_timeout(4000)
        page.get_by_text("Projects", exact=True).first.click()
        page.wait_for_timeout(5000)
        for w, h in ((1600, 1000), (1280, 720)):
            page.set_viewport_size({"width": w, "height": h})
            page.wait_for_timeout(2500)
            page.mouse.wheel(0, 700)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / f"ingest-{w}x{h}-en.png"))
finally:
    proc.terminate()
