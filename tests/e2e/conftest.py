"""End-to-end fixtures: the app served by Streamlit on a free port, and Debian's chromium via Playwright.

Every request that does not go to 127.0.0.1 is aborted and recorded, so a
test can assert that nothing left the machine.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run", "--disable-gpu", "--disable-dev-shm-usage",
]


#: The limit of one browser step (a wait, a click, a download), in ms. CI is a loaded 2-core machine where one
#: Streamlit rerun can take many seconds: the limit is generous, and each step waits on a condition, so a fast
#: machine never waits for it. Override with HUAIYIN_E2E_STEP_MS.
STEP_MS = int(os.environ.get("HUAIYIN_E2E_STEP_MS") or 180_000)
#: How long a starting app may show no sign of life before the test gives up (s).
START_STALL_S = 600.0
expect.set_options(timeout=STEP_MS)  # expect(...) assertions wait as long as any other step


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = START_STALL_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} not ready after {timeout}s")


def start_app(env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, **(env_extra or {}))
    env.setdefault("HUAIYIN_STATE_DIR", tempfile.mkdtemp(prefix="huaiyin-e2e-state-"))  # comments DB etc.
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "server.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, proc)
    return proc, url


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    proc, url = start_app()
    yield url
    proc.terminate()
    proc.wait(10)


# The session's one Playwright browser (`browser`) is defined in tests/conftest.py, so the
# end-to-end and the replica tests share it: two sync Playwright instances cannot coexist.


class Offline:
    """Aborts every request that leaves 127.0.0.1 and remembers it."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route) -> None:  # noqa: ANN001 - playwright Route
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    context.set_default_timeout(STEP_MS)
    context.set_default_navigation_timeout(STEP_MS)
    offline = Offline()
    context.route("**/*", offline)
    pg = context.new_page()
    pg.offline = offline
    yield pg
    context.close()


def map_frame(page):
    return page.frame_locator('iframe[title="streamlit_folium.st_folium"]')


def wait_for_map(page, timeout: float = STEP_MS) -> None:
    """Wait until the map iframe has drawn its canvas/vector layers."""
    frame = map_frame(page)
    frame.locator("#map_div").wait_for(state="attached", timeout=timeout)
    frame.locator(".leaflet-map-pane").wait_for(state="attached", timeout=timeout)
    page.wait_for_function(
        "() => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " const w = f && f.contentWindow; return !!(w && w.map_div && (w.hyPending || 0) === 0); }",
        timeout=timeout,
    )


def folium_frame(page):
    """The Frame object of the map iframe (for evaluating JS inside it)."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    handle = page.query_selector('iframe[title="streamlit_folium.st_folium"]')
    return handle.content_frame()


FEATURE_POINT_JS = """
([layer, id, at]) => {
  const m = window.map_div;
  let found = null;
  m.eachLayer(l => {
    if (!found && l.feature && l.feature.properties && l.feature.properties.l === layer && l.feature.properties.id === id) {
      found = l;
    }
  });
  if (!found) { return null; }
  const ll = at ? L.latLng(at[0], at[1]) : (found.getLatLng ? found.getLatLng() : found.getCenter());
  m.setView(ll, m.getZoom(), {animate: false});
  const p = m.latLngToContainerPoint(ll);
  const box = m.getContainer().getBoundingClientRect();
  return {x: box.left + p.x, y: box.top + p.y};
}
"""

LAYER_COUNT_JS = """
(layer) => { let n = 0; window.map_div.eachLayer(l => { if (l.feature && l.feature.properties.l === layer) { n++; } }); return n; }
"""


def clear_spot(layer_id: str, feature_id: str) -> list[float]:
    """A (lat, lon) inside the zone that no other zone and no project covers, for clicking."""
    import geopandas as gpd

    from planning.plan import load_plan

    plan = load_plan(ROOT / "geodata")
    zones = plan.layer(layer_id).to_crs(4548)
    own = zones[zones["id"] == feature_id].geometry.iloc[0]
    others = zones[zones["id"] != feature_id].geometry.union_all()
    busy = gpd.GeoSeries(plan.projects.geometry, crs=4326).to_crs(4548).buffer(250).union_all()
    spot = own.difference(others).difference(busy).buffer(-50)
    point = gpd.GeoSeries([spot.representative_point()], crs=4548).to_crs(4326).iloc[0]
    return [point.y, point.x]


def click_feature(page, layer: str, feature_id: str, at: list[float] | None = None) -> None:
    """Click a drawn feature (canvas) by finding its screen position through Leaflet."""
    frame = folium_frame(page)
    point = frame.evaluate(FEATURE_POINT_JS, [layer, feature_id, at])
    assert point is not None, f"{layer} {feature_id} is not on the map"
    page.wait_for_timeout(300)
    iframe_box = page.query_selector('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.click(iframe_box["x"] + point["x"], iframe_box["y"] + point["y"])
