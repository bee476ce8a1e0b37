"""The planner's map page, driven through Streamlit's AppTest."""

from __future__ import annotations

import json
import re

from tests.helpers import file_stores, tiny_plan_docs, write_docs

from tests.app.conftest import click, layer_data, map_component, run_app, texts


def test_page_runs_on_shipped_data(monkeypatch):
    at = run_app(None, monkeypatch)
    assert at.title[0].value == "槐荫规划一张图"
    args = json.loads(map_component(at).proto.json_args)
    assert "L.geoJSON" in args["script"]
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])


def test_click_on_project_fills_panel(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    at = click(at, "projects", "p-in-b")
    assert "测试" in [s.value for s in at.subheader]
    body = texts(at)
    assert "开工" in body and "第一章: 开工建设" in body
    assert at.session_state["map_sel"] == "project:p-in-b"


def test_click_on_zone_fills_panel_with_area_targets_and_projects(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    at = click(at, "zones", "core-a")
    body = texts(at)
    assert "公顷" in body and "亩" in body
    assert at.session_state["map_sel"] == "zone:core-a"
    frames = [df.value for df in at.dataframe]
    assert any("总产值" in " ".join(map(str, f.iloc[:, 0])) for f in frames if len(f.columns) > 2)
    project_buttons = [b for b in at.button if b.key and b.key.startswith("map_pick_core-a_")]
    assert [b.key for b in project_buttons] == ["map_pick_core-a_p-in-a"]


def test_clicking_a_project_in_the_zone_panel_selects_it(tiny_folder, monkeypatch):
    at = click(run_app(tiny_folder, monkeypatch), "zones", "core-a")
    at.button(key="map_pick_core-a_p-in-a").click().run()
    assert at.session_state["map_sel"] == "project:p-in-a"
    args = json.loads(map_component(at).proto.json_args)
    assert "fitBounds" in args["feature_group"]  # the map fits it once, with context around it
    (south, west), (north, east) = at.session_state["map_fit"][0]
    lon, lat = 116.87, 36.67  # p-in-a in tests/helpers.py
    assert west < lon < east and south < lat < north
    assert 0.02 < north - south < 0.05  # about 3 km of surroundings, not a 300 m close-up


def test_filters_change_counts_and_table(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    assert "显示 3 / 共 3 个项目" in texts(at)
    at.multiselect(key="map_f_status__zh").set_value(["开工"]).run()
    assert "显示 1 / 共 3 个项目" in texts(at)
    at.toggle(key="map_table_on").set_value(True).run()
    table = next(df.value for df in at.dataframe if "编号" in df.value.columns)
    assert table["编号"].tolist() == ["p-in-b"]
    at.multiselect(key="map_f_status__zh").set_value([]).run()
    at.multiselect(key="map_f_zone__zh").set_value(["core-a"]).run()
    assert "显示 1 / 共 3 个项目" in texts(at)
    args = json.loads(map_component(at).proto.json_args)
    assert '"p-in-a"' in args["feature_group"] and '"p-none"' not in args["feature_group"]


def test_search_finds_partial_chinese_and_english_names(monkeypatch, tiny_folder):
    at = run_app(tiny_folder, monkeypatch)
    at.text_input(key="map_search").set_value("test").run()
    hits = [b for b in at.button if b.key and b.key.startswith("map_hit_")]
    assert {b.key for b in hits} >= {"map_hit_project_p-in-a", "map_hit_zone_core-a"}
    at.button(key="map_hit_project_p-none").click().run()
    assert at.session_state["map_sel"] == "project:p-none"


def test_language_switch_changes_every_label(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    zh = texts(at)
    at.radio(key="lang").set_value("en").run()
    en = texts(at)
    assert at.title[0].value == "Huaiyin Planning Map"
    for label in ("Basemap", "Filters", "Project status", "Category", "Zone", "Projects table", "Download CSV"):
        assert label in en
    for label in ("底图", "筛选", "项目表", "下载 CSV"):
        assert label in zh and label not in en


def test_filters_and_basemap_survive_a_language_switch(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    at.multiselect(key="map_f_status__zh").set_value(["开工"]).run()
    at.selectbox(key="map_basemap__zh").set_value("osm").run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.multiselect(key="map_f_status__en").value == ["开工"]
    assert at.selectbox(key="map_basemap__en").value == "osm"
    assert "1 of 3 projects shown" in texts(at)
    legends = " ".join(h.proto.body for h in at.get("html"))
    assert "Core" in legends and "核" not in legends  # the legend in the layer tree follows the language


def test_deep_link_restores_selection_filters_language(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch, query={"sel": "zone:core-a", "status": "未知", "lang": "en"})
    assert at.session_state["map_sel"] == "zone:core-a"
    assert at.multiselect(key="map_f_status__en").value == ["未知"]
    assert "2 of 3 projects shown" in texts(at)
    assert at.query_params["sel"] == "zone:core-a"


def test_selection_is_written_to_the_url(tiny_folder, monkeypatch):
    at = click(run_app(tiny_folder, monkeypatch), "projects", "p-none")
    assert at.query_params["sel"] == "project:p-none"


def test_broken_layer_gives_message_and_rest_loads(tmp_path, monkeypatch):
    docs = tiny_plan_docs()
    docs["zones.geojson"] = '{"type": "FeatureCollection", "features": [}'
    at = run_app(write_docs(tmp_path / "broken", docs), monkeypatch)
    body = texts(at)
    assert "zones.geojson" in body and "valid JSON" in body
    assert "显示 3 / 共 3 个项目" in body
    assert "p-in-a" in [f["properties"]["id"] for f in layer_data(at, "projects")["features"]]


def test_names_are_escaped_in_the_map(tmp_path, monkeypatch):
    docs = tiny_plan_docs()
    docs["projects.geojson"]["features"][0]["properties"]["name_zh"] = '<img src=x onerror=alert(1)>&"'
    at = run_app(write_docs(tmp_path / "xss", docs), monkeypatch)
    labels = [f["properties"]["n"] for f in layer_data(at, "projects")["features"]]
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;&quot;" in labels
    assert not any("<img" in label for label in labels)


def test_map_selection_ticks_the_row_in_the_table(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    at.toggle(key="map_table_on").set_value(True).run()
    at = click(at, "projects", "p-in-b")
    table = next(df for df in at.dataframe if "编号" in df.value.columns)
    assert table.key == "map_table::project:p-in-b::1"
    ticked = json.loads(table.proto.selection_default)["selection"]["rows"]
    assert [table.value["编号"].tolist()[i] for i in ticked] == ["p-in-b"]


def test_imported_overlay_is_drawn_on_the_map(tiny_folder, monkeypatch):
    from planning.imports import read_upload
    from planning.imports_apply import add_overlay

    shape = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "红线"},
             "geometry": {"type": "Polygon", "coordinates": [[[116.86, 36.66], [116.87, 36.66], [116.87, 36.67], [116.86, 36.66]]]}}]}
    add_overlay(file_stores(tiny_folder), read_upload("红线.geojson", json.dumps(shape).encode()), user="planner1",
                title="生态保护红线 <测试>", kind="生态保护红线", provenance="测试")
    at = run_app(tiny_folder, monkeypatch)
    groups = json.loads(map_component(at).proto.json_args)["feature_group"]
    assert "生态保护红线 &lt;测试&gt;" in groups and "<测试>" not in groups


def test_zone_panel_lists_the_carriers_the_plan_names_for_it(monkeypatch):
    at = click(run_app(None, monkeypatch), "zones", "belt-wei12")
    body = texts(at)
    assert "规划载体（已有地点）" in body
    for name in ("和谐广场", "华联商厦", "连城国际", "三箭和平广场", "济南路港商业广场", "绿地新城二期"):
        assert f"- {name}（商业综合体）" in body, name
    assert "示意位置在片区外" not in body  # every stated carrier is drawn inside
    at = click(at, "zones", "core-medical", count=2)
    assert "- 山东第一医科大学（高校 · 竣工）" in texts(at)


def test_project_panel_shows_both_roles_of_one_object(monkeypatch):
    at = click(run_app(None, monkeypatch), "projects", "prj-wuqi-station")
    body = texts(at)
    assert "**同一对象（现有要素）**：历史文化遗存 · 五七车站" in body
    at = click(at, "projects", "prj-jinan-cdc-relocation", count=2)
    assert "the plan states no site and no zone for it" in texts(at)


def test_a_link_to_a_zone_that_does_not_exist_says_so_and_offers_no_comment_form(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch, query={"sel": "zone:nonexistent"})
    assert [w.value for w in at.warning if "nonexistent" in w.value] == [
        "没有编号为“nonexistent”的片区：链接可能已过期，或该片区已被删除。"]
    assert not [ta for ta in at.text_area if ta.key and "comment" in ta.key]
    assert "未知" not in " ".join(w.value for w in at.warning)


def test_zone_filter_outlines_and_fits_the_zone(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    at.multiselect(key="map_f_zone__zh").set_value(["core-a"]).run()
    args = json.loads(map_component(at).proto.json_args)
    assert '"zone-filter"' in args["feature_group"] and "fitBounds" in args["feature_group"]
    bounds, token = at.session_state["map_fit"]
    at.multiselect(key="map_f_status__zh").set_value(["开工"]).run()
    assert at.session_state["map_fit"] == (bounds, token)  # another filter keeps the planner's view


def test_layer_tree_toggles_hide_layers_without_rebuilding_the_map(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    script = json.loads(map_component(at).proto.json_args)["script"]
    at.checkbox(key="map_show_zones").uncheck().run()
    args = json.loads(map_component(at).proto.json_args)
    assert args["script"] == script  # the mounted map stays; only the view group changes
    hidden = re.search(r"hidden = new Set\((\[[^)]*\])\)", args["feature_group"]).group(1)
    assert "zones" in json.loads(hidden)


def test_clear_filters_empties_every_filter(tiny_folder, monkeypatch):
    at = run_app(tiny_folder, monkeypatch)
    at.multiselect(key="map_f_zone__zh").set_value(["core-a"]).run()
    at.multiselect(key="map_f_status__zh").set_value(["开工"]).run()
    at.button(key="map_clear").click().run()
    assert "显示 3 / 共 3 个项目" in texts(at)
    assert all(not at.session_state[k] for k in ("map_f_zone", "map_f_status"))
    assert at.multiselect(key="map_f_zone__zh__1").value == []  # a fresh widget: the browser's old value is ignored
