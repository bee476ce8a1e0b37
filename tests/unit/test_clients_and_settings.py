"""Minor hardening of issue #16: client addresses from trusted proxies only (item 4), the metrics endpoint, a bad
setting named clearly, and ``--crs GCJ-02`` meaning what the CRS question's GCJ-02 answer means (item 10)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import subprocess
import sys

import pytest

from app_pages.asgi import HideMetrics
from planning.clients import client_address, parse_trusted_proxies, real_peer
from planning.errors import PlanningError
from planning.imports import ImportOptions, read_upload
from planning.settings import settings_from_env
from tests.helpers import ROOT

LOCAL_PROXY = parse_trusted_proxies("127.0.0.1,::1")


# --------------------------------------------------------------------------- trusted proxies


def test_without_trusted_proxies_forwarded_headers_are_ignored():
    for spoof in ("1.1.1.1", "2.2.2.2", "3.3.3.3, 4.4.4.4"):
        assert client_address(None, [spoof], ()) == "local", "a local client cannot pick its address"
        assert client_address("203.0.113.9", [spoof], ()) == "203.0.113.9"


def test_rotating_headers_from_an_untrusted_client_all_give_one_key():
    keys = {client_address("203.0.113.9", [f"10.0.0.{i}"], LOCAL_PROXY) for i in range(12)}
    assert keys == {"203.0.113.9"}, "12 posts with rotating headers count as one client"


def test_a_trusted_proxy_names_the_client_right_to_left():
    assert client_address(None, ["198.51.100.7"], LOCAL_PROXY) == "198.51.100.7"
    # the client prepended a fake hop; nginx appended the real address it saw
    assert client_address(None, ["6.6.6.6, 198.51.100.7"], LOCAL_PROXY) == "198.51.100.7"
    two_proxies = parse_trusted_proxies("127.0.0.1, 10.0.0.0/8")
    assert client_address(None, ["198.51.100.7, 10.1.2.3"], two_proxies) == "198.51.100.7"
    assert client_address(None, ["[2001:db8::1]:4711"], LOCAL_PROXY) == "2001:db8::1"
    assert client_address(None, ["not-an-ip, 198.51.100.7"], LOCAL_PROXY) == "198.51.100.7"
    assert client_address(None, [], LOCAL_PROXY) == "127.0.0.1"


def test_the_web_servers_own_rewrite_of_a_local_peer_is_undone():
    # uvicorn (FORWARDED_ALLOW_IPS unset) trusts 127.0.0.1 and reports the header's last hop as the peer
    peer = real_peer("5.5.5.5", ["5.5.5.5"], server_rewrites_local=True)
    assert peer is None and client_address(peer, ["5.5.5.5"], ()) == "local"
    assert real_peer("203.0.113.9", ["5.5.5.5"], server_rewrites_local=True) == "203.0.113.9"
    assert real_peer("5.5.5.5", ["5.5.5.5"], server_rewrites_local=False) == "5.5.5.5"


def test_trusted_proxies_are_a_setting_that_names_a_bad_entry():
    assert settings_from_env({}).trusted_proxies == ()
    nets = settings_from_env({"HUAIYIN_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"}).trusted_proxies
    assert [str(n) for n in nets] == ["127.0.0.1/32", "10.0.0.0/8"]
    with pytest.raises(PlanningError, match=r"HUAIYIN_TRUSTED_PROXIES: 'nginx' is not an IP address"):
        settings_from_env({"HUAIYIN_TRUSTED_PROXIES": "127.0.0.1,nginx"})


def test_the_comment_and_login_pages_use_the_one_client_address():
    comments_ui = (ROOT / "app_pages" / "comments_ui.py").read_text(encoding="utf-8")
    login = (ROOT / "app_pages" / "login.py").read_text(encoding="utf-8")
    assert "data.client_address()" in comments_ui and "data.client_address()" in login
    assert "st.context.ip_address" not in comments_ui + login, "no page reads the raw address itself"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert makefile.count("FORWARDED_ALLOW_IPS= ") >= 2, "make run and make kiosk keep uvicorn from rewriting addresses"


# --------------------------------------------------------------------------- metrics, settings, --crs


def _call(middleware: HideMetrics, path: str) -> int:
    sent: list[dict] = []

    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"metrics"})

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    middleware.app = inner
    # in a thread of its own: the shared Playwright browser of the e2e tests keeps an event loop in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, middleware({"type": "http", "path": path}, receive, send)).result()
    return sent[0]["status"]


def test_metrics_are_not_served_unless_the_operator_asks(monkeypatch):
    monkeypatch.delenv("HUAIYIN_METRICS", raising=False)
    hidden = HideMetrics(None)
    assert _call(hidden, "/_stcore/metrics") == 404 and _call(hidden, "/base/_stcore/metrics/") == 404
    assert _call(hidden, "/_stcore/health") == 200 and _call(hidden, "/") == 200
    monkeypatch.setenv("HUAIYIN_METRICS", "1")
    assert _call(HideMetrics(None), "/_stcore/metrics") == 200
    server = (ROOT / "server.py").read_text(encoding="utf-8")
    assert "Middleware(HideMetrics)" in server


def test_a_non_numeric_stale_days_is_named_not_a_traceback():
    with pytest.raises(PlanningError, match=r"HUAIYIN_STALE_DAYS='abc': expected a whole number"):
        settings_from_env({"HUAIYIN_STALE_DAYS": "abc"})
    done = subprocess.run([sys.executable, "-m", "planning", "validate"], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HUAIYIN_STALE_DAYS": "abc"}, timeout=600)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "HUAIYIN_STALE_DAYS='abc'" in done.stderr


def test_the_app_shows_a_bad_setting_as_a_message(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("HUAIYIN_STALE_DAYS", "abc")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "HUAIYIN_STALE_DAYS" in at.error[0].value and "配置有误" in at.error[0].value


@pytest.mark.parametrize("crs", ["GCJ-02", "gcj02", "BD-09"])
def test_crs_gcj02_is_accepted_like_the_questions_answer(crs):
    raw = b"name,lon,lat\na,116.9,36.66\n"
    result = read_upload("a.csv", raw, options=ImportOptions(crs=crs))
    assert result.ready, result.summary()
    assert result.detected.datum == ("bd09" if crs.startswith("BD") else "gcj02")
    point = result.gdf.geometry.iloc[0]
    assert abs(point.x - 116.9) > 1e-4, "shifted back to WGS84"


def test_the_cli_accepts_crs_gcj02(tmp_path):
    (tmp_path / "a.csv").write_text("name,lon,lat\na,116.9,36.66\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "planning", "import", str(tmp_path / "a.csv"), "--crs", "GCJ-02",
                           "--dry-run", "--folder", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "not understood" not in done.stdout and "datum gcj02" in done.stdout, done.stdout + done.stderr
