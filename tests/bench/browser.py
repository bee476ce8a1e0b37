"""What a person waits for in the browser: time to a painted map, click → panel, bytes, memory.

Each app (ours, two peers, a bare page) is served by its own ``streamlit run``
on 127.0.0.1 and opened in headless Debian chromium (Playwright) with every
non-local request aborted. An init script in every frame watches the
st_folium map (``window.map_div``) and logs, at the next animation frame,
each change in the number of drawn features (vector layers and markers); the
map counts as painted at the first frame that shows the final number (the
number then stays unchanged for ``SETTLE_MS``). Bytes are what the page's
Chrome DevTools Protocol session saw: HTTP responses (encoded) plus
WebSocket frames both ways.

The peers, written out by :func:`write_peer_apps` next to a link to the
app's ``static/`` (so they get the same local Leaflet copies):

- ``bare``: one ``st_folium`` map of the district outline (the floor of
  Streamlit + folium itself);
- ``explore``: ``st_folium(gdf.explore())`` of every layer (zones, projects,
  then the rest), the clicked feature's name shown as a heading;
- ``geojson``: one plain ``folium.GeoJson`` per layer, same heading.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, wait_ready

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SETTLE_MS = 1500
PAINT_TIMEOUT_S = 600
CLICK_TIMEOUT_S = 90

#: Logs [epoch ms, drawn features] at the animation frame after each change (iframes only).
PAINT_WATCH_JS = """
(() => {
  if (window.top === window) { return; }
  const log = []; window.__hyPaintLog = log; let last = -1;
  setInterval(() => {
    const m = window.map_div;
    if (!m || !m._layers) { return; }
    let n = 0;
    for (const k in m._layers) { const l = m._layers[k]; if (l._latlng || l._latlngs) { n++; } }
    if (n !== last) { last = n; requestAnimationFrame(() => log.push([performance.timeOrigin + performance.now(), n])); }
  }, 20);
})();
"""

#: Screen position (in the iframe) of a drawn point feature with ``properties.id``; the map is
#: first centred on it without animation so it is inside the view.
POINT_OF_JS = """
(id) => {
  const m = window.map_div; let found = null;
  m.eachLayer(l => { if (!found && l.getLatLng && l.feature && l.feature.properties && l.feature.properties.id === id) { found = l; } });
  if (!found) { return null; }
  m.setView(found.getLatLng(), Math.max(m.getZoom(), 14), {animate: false});
  if (found._icon) {  // a marker image: click its middle (the anchor is its bottom tip)
    const r = found._icon.getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2};
  }
  const p = m.latLngToContainerPoint(found.getLatLng());
  return {x: p.x, y: p.y};
}
"""

PEER_COMMON = """
import os
import folium
import streamlit as st
from streamlit_folium import st_folium
from layers.assets import localize
from planning.plan import load_plan

st.set_page_config(layout="wide")

@st.cache_resource
def layers(folder):
    return load_plan(folder).layers

def show(m, key):
    localize(m)
    out = st_folium(m, key=key, height=680, use_container_width=True, returned_objects=["last_active_drawing"])
    props = ((out or {}).get("last_active_drawing") or {}).get("properties") or {}
    if props.get("name_zh"):
        st.subheader(props["name_zh"])

data = layers(os.environ["HUAIYIN_DATA_DIR"])
order = [k for k in ("zones", "projects") if k in data] + [k for k in data if k not in ("zones", "projects")]
"""

PEERS = {
    "bare": """
import os
import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium
from layers.assets import localize

st.set_page_config(layout="wide")

@st.cache_resource
def outline(folder):
    return gpd.read_file(os.path.join(folder, "boundary.geojson"))

m = folium.Map(location=(36.676, 116.895), zoom_start=12, tiles=None)
folium.GeoJson(outline(os.environ["HUAIYIN_DATA_DIR"])).add_to(m)
localize(m)
st_folium(m, key="bare_map", height=680, use_container_width=True, returned_objects=[])
""",
    "explore": PEER_COMMON + """
m = None
for name in order:
    if not data[name].empty:
        m = data[name].explore(name=name, tiles=None) if m is None else data[name].explore(m=m, name=name)
show(m, "explore_map")
""",
    "geojson": PEER_COMMON + """
m = folium.Map(location=(36.676, 116.895), zoom_start=12, tiles=None)
for name in order:
    if not data[name].empty:
        folium.GeoJson(data[name], name=name).add_to(m)
show(m, "geojson_map")
""",
}


def write_peer_apps(workdir: Path) -> dict[str, Path]:
    """The peer scripts in ``workdir`` (with ``static`` linked to the app's), by name."""
    link = workdir / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)
    out = {}
    for name, text in PEERS.items():
        path = workdir / f"peer_{name}.py"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        out[name] = path
    return out


@dataclass
class Server:
    """One ``streamlit run`` of a script on a data folder."""

    proc: subprocess.Popen
    url: str

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def start_server(script: Path, folder: Path, state_dir: Path) -> Server:
    port = free_port()
    env = dict(os.environ, HUAIYIN_DATA_DIR=str(folder), HUAIYIN_STATE_DIR=str(state_dir),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--server.enableStaticServing", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=script.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc, timeout=180)
    except (RuntimeError, TimeoutError):
        proc.kill()
        raise
    return Server(proc, url)


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def renderer_pss_mb() -> float:
    """Proportional memory (Pss) of this process's chromium renderers, in MB."""
    tree, total, stack = _children(), 0, [os.getpid()]
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, []))
        try:
            if b"--type=renderer" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class Traffic:
    """Bytes a page moved (HTTP responses, WebSocket frames both ways), from its CDP session."""

    def __init__(self, page: Any) -> None:
        self.total = 0
        self.requests = 0
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.loadingFinished", self._http)
        cdp.on("Network.webSocketFrameReceived", self._ws)
        cdp.on("Network.webSocketFrameSent", self._ws)
        self._cdp = cdp

    def _http(self, event: dict) -> None:
        self.total += int(event.get("encodedDataLength", 0))
        self.requests += 1

    def _ws(self, event: dict) -> None:
        payload = event.get("response", {}).get("payloadData", "")
        opcode = event.get("response", {}).get("opcode", 1)
        self.total += len(payload) * 3 // 4 if opcode == 2 else len(payload.encode())


@dataclass
class PageRun:
    """One page load (and optionally one click) of one app."""

    paint_s: float
    features: int
    first_view_bytes: int
    requests: int
    click_s: float | None = None
    click_bytes: int | None = None


def _abort_remote(route: Any) -> None:
    if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()


def new_context(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    context.route("**/*", _abort_remote)
    context.add_init_script(PAINT_WATCH_JS)
    return context


def _frame(page: Any) -> Any:
    page.wait_for_selector(FRAME, state="attached", timeout=PAINT_TIMEOUT_S * 1000)
    return page.query_selector(FRAME).content_frame()


def wait_painted(page: Any) -> tuple[float, int]:
    """Seconds from navigation start to the first frame showing the final feature count, and that count."""
    deadline = time.monotonic() + PAINT_TIMEOUT_S
    while time.monotonic() < deadline:
        if page.query_selector('[data-testid="stException"]'):
            raise RuntimeError("the app raised: " + page.inner_text('[data-testid="stException"]')[:300])
        if not page.query_selector(FRAME):
            time.sleep(0.1)
            continue
        frame = _frame(page)
        # ours also says when its layer bundle is still on the way (hyPending)
        log, pending = frame.evaluate("() => [window.__hyPaintLog || [], window.hyPending || 0]") if frame else ([], 0)
        if log and log[-1][1] > 0 and not pending:
            now = frame.evaluate("() => performance.timeOrigin + performance.now()")
            if now - log[-1][0] >= SETTLE_MS:
                start = page.evaluate("() => performance.timeOrigin")
                return (log[-1][0] - start) / 1000, int(log[-1][1])
        time.sleep(0.1)
    raise TimeoutError("the map did not paint")


def load_page(browser: Any, url: str) -> tuple[Any, Any, PageRun]:
    """Open ``url`` in a fresh context; returns the context, page and its paint measurement."""
    context = new_context(browser)
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url, wait_until="commit")
    paint, features = wait_painted(page)
    run = PageRun(paint, features, traffic.total, traffic.requests)
    page.traffic = traffic  # for the click that may follow
    return context, page, run


def click_point(page: Any, feature_id: str, heading: str, run: PageRun) -> None:
    """Click a point feature and wait until a heading with its name shows (click → panel)."""
    frame = _frame(page)
    point = frame.evaluate(POINT_OF_JS, feature_id)
    if point is None:
        raise RuntimeError(f"{feature_id} is not drawn")
    page.wait_for_timeout(400)  # let the view settle after setView
    box = page.query_selector(FRAME).bounding_box()
    before = page.traffic.total
    start = time.perf_counter()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.get_by_role("heading", name=heading).first.wait_for(timeout=CLICK_TIMEOUT_S * 1000)
    run.click_s = time.perf_counter() - start
    page.wait_for_timeout(500)  # the rest of the rerun's messages
    run.click_bytes = page.traffic.total - before


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class AppRuns:
    """Every measurement of one app on one data set."""

    cold: list[float] = field(default_factory=list)
    warm: list[PageRun] = field(default_factory=list)
    renderer_mb: dict[int, float] = field(default_factory=dict)
    server_mb: float | None = None
    error: str | None = None

    def median(self, attr: str) -> float | None:
        values = [getattr(r, attr) for r in self.warm if getattr(r, attr) is not None]
        return statistics.median(values) if values else None


def sessions_memory(browser: Any, url: str, counts: tuple[int, ...]) -> dict[int, float]:
    """Renderer memory (Pss, MB) with 1, 5, 10 … sessions of ``url`` open, above an empty browser."""
    base = renderer_pss_mb()
    out: dict[int, float] = {}
    contexts = []
    try:
        for n in sorted(counts):
            while len(contexts) < n:
                context, _, _ = load_page(browser, url)
                contexts.append(context)
            time.sleep(1)
            out[n] = renderer_pss_mb() - base
    finally:
        for context in contexts:
            context.close()
    return out


def temp_state() -> Path:
    return Path(tempfile.mkdtemp(prefix="huaiyin-bench-state-"))
