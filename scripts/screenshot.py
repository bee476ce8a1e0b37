"""Take a screenshot of the running app with every non-local request blocked.

Usage: python scripts/screenshot.py URL OUT.png [--wait-map] [--width 1440] [--height 1000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Offline, wait_for_map  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out", type=Path)
    parser.add_argument("--wait-map", action="store_true")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--wait", type=int, default=2500, help="extra milliseconds to wait before the shot")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": args.width, "height": args.height})
        offline = Offline()
        context.route("**/*", offline)
        page = context.new_page()
        page.goto(args.url)
        page.wait_for_selector('[data-testid="stApp"]')
        if args.wait_map:
            wait_for_map(page)
        page.wait_for_timeout(args.wait)
        page.screenshot(path=str(args.out), full_page=args.full)
        browser.close()
    print(f"blocked {len(offline.blocked)} external request(s)")
    for url in offline.blocked[:10]:
        print("  ", url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
