"""The targets dashboard: one count of targets, what it needs when everything is grey, a chart with a legend."""

from __future__ import annotations

import json

from tests.app.conftest import run_app, texts


def test_dashboard_counts_the_tracked_targets_and_says_how_to_feed_it(monkeypatch, shipped_plan):
    from planning.targets import tracked_targets

    at = run_app(None, monkeypatch)
    at.switch_page("app_pages/dashboard.py").run()
    assert not at.exception
    body = texts(at)
    n = len(tracked_targets(shipped_plan.targets))
    assert f"共 {n} 项“十四五”目标指标" in body
    greys = [m.value for m in at.metric]
    if greys and greys[-1] == str(n):  # every indicator grey: the page says how to feed it
        assert any("批量更新" in i.value and "观测" in i.value for i in at.info)
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert charts, "no indicator chart"
    spec = json.dumps(charts[0], ensure_ascii=False)
    assert "规划路径" in spec and "目标值" in spec and '"legend"' in spec
