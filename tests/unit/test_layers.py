"""Layer registry, styles, legend and the folium builders (rendered HTML asserted as text)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from layers import styles
from layers.assets import MissingAssetError, local_url
from layers.builders import MapOptions, build_base_map, build_projects_group, build_selection_group
from layers.legend import legend_html
from layers.prepare import label, layer_geojson, plan_geojson, to_script_json
from layers.registry import LAYERS, style_table
from planning.model import CATEGORIES, STATUSES
from planning.schema import LAYER_SCHEMAS

ROOT = Path(__file__).resolve().parents[2]


def test_every_registered_layer_has_a_schema_and_a_sources_row():
    sources = (ROOT / "geodata" / "SOURCES.md").read_text(encoding="utf-8")
    for layer_id in [spec.id for spec in LAYERS] + ["projects"]:
        assert layer_id in LAYER_SCHEMAS
        assert f"| {layer_id}.geojson |" in sources, layer_id
    for path in (ROOT / "geodata").glob("*.geojson"):
        assert f"| {path.name} |" in sources, path.name


def test_style_table_covers_every_status_category_and_metro_line():
    table = style_table()
    for status in STATUSES:
        for category in CATEGORIES:
            assert f"project:{status}:{category}" in table
        assert f"project-shape:{status}" in table


def test_labels_are_html_escaped():
    assert label({"name_zh": '<b onmouseover="x">&'}, "zh") == "&lt;b onmouseover=&quot;x&quot;&gt;&amp;"
    assert label({"name_zh": "槐荫", "name_en": None}, "en") == "槐荫"


def test_script_json_cannot_close_the_script_element():
    assert "</script>" not in to_script_json({"n": "</script><script>alert(1)</script>"})


def test_unknown_cdn_link_is_refused():
    with pytest.raises(MissingAssetError, match="is not vendored under static/vendor"):
        local_url("https://cdn.example.com/x.js")


@pytest.fixture(scope="module")
def shipped_geo(shipped_plan):
    return plan_geojson(shipped_plan.layers, lang="zh")


def test_base_map_uses_only_local_assets_and_draws_every_layer(shipped_geo):
    m = build_base_map(shipped_geo, MapOptions())
    html = m.get_root().render()
    external = set(re.findall(r'(?:src|href)="(https?://[^"]+)"', html))
    assert external == set()
    for spec in LAYERS:
        for feature in shipped_geo[spec.id]["features"][:1]:
            assert f'["{feature["properties"]["id"]}",' in html
    assert "groupedLayers" in html and "hy-legend" in html
    assert "MiniMap" not in html  # the overview inset showed an empty square: dropped


def test_workspace_map_keeps_legend_and_layer_control_off_the_map(shipped_geo):
    html = build_base_map(shipped_geo, MapOptions(workspace=True)).get_root().render()
    assert "L.control.groupedLayers" not in html and "create('div', 'hy-legend')" not in html
    assert '"zoomSnap": 0.25' in html


def test_gaode_basemap_shifts_overlays_to_gcj02(shipped_plan):
    wgs = layer_geojson(shipped_plan.layer("rail_stations"), "rail_stations", lang="zh")
    gcj = layer_geojson(shipped_plan.layer("rail_stations"), "rail_stations", lang="zh", gcj=True)
    (x0, y0), (x1, y1) = (f["features"][0]["geometry"]["coordinates"] for f in (wgs, gcj))
    assert 0.004 < x1 - x0 < 0.007 and 0 < y1 - y0 < 0.001  # ~500 m east, a little north


def test_no_tiles_basemap_has_no_tile_layer(shipped_geo):
    html = build_base_map(shipped_geo, MapOptions(basemap="none")).get_root().render()
    assert "L.tileLayer" not in html
    osm = build_base_map(shipped_geo, MapOptions(basemap="osm")).get_root().render()
    assert "tile.openstreetmap.org" in osm


def test_projects_group_keeps_every_project(shipped_geo):
    group = build_projects_group(shipped_geo["projects"], lang="zh")
    layer = next(iter(group._children.values()))
    assert layer.feature_count == len(shipped_geo["projects"]["features"])


def test_selection_group_is_empty_without_selection():
    assert not build_selection_group(None)._children


def test_legend_lists_every_status_and_shown_category_in_both_languages():
    zh = legend_html("zh", categories=["医养健康", "道路"], metro_lines=["1", "6"])
    en = legend_html("en", categories=["医养健康", "道路"], metro_lines=["1", "6"])
    for status, english in STATUSES.items():
        assert status in zh and english in en
    assert "医养健康" in zh and "Roads" in en and "智能制造" not in zh
    assert styles.METRO_COLORS["6"] in zh


@pytest.mark.parametrize("text", ["a{{b", "{%x", "{#y", "{{{", "</script>", "}}"])
def test_script_json_survives_jinja_and_script_parsing(text):
    import json

    out = to_script_json({"n": text})
    assert json.loads(out)["n"] == text
    assert not re.search(r"\{[{%#]", out) and "</" not in out


def test_packing_round_trips_every_geometry_type(shipped_plan):
    from layers.packing import pack_collection, unpack_collection

    geo = plan_geojson(shipped_plan.layers, lang="zh")
    for layer_id, collection in geo.items():
        back = unpack_collection(pack_collection(collection, layer_id))
        assert len(back["features"]) == len(collection["features"])
        for a, b in zip(collection["features"], back["features"], strict=True):
            assert a["properties"] == b["properties"]
            assert a["geometry"]["type"] == b["geometry"]["type"]
            flat_a = re.findall(r"-?\d+\.\d+", json.dumps(a["geometry"]["coordinates"]))
            flat_b = re.findall(r"-?\d+\.\d+", json.dumps(b["geometry"]["coordinates"]))
            assert [round(float(x), 6) for x in flat_a] == [round(float(x), 6) for x in flat_b]


def test_whole_column_keys_and_labels_equal_the_per_feature_ones(shipped_plan):
    """prepare's vectorised style keys and labels give exactly what the per-feature functions give."""
    import shapely

    from layers.prepare import _scalar_records, labels, project_keys
    from layers.registry import LAYER_BY_ID, project_key

    projects = shipped_plan.projects
    records = projects.drop(columns="geometry").to_dict("records")
    points = shapely.get_type_id(projects.geometry.values) == 0
    assert project_keys(projects, points) == [project_key(r, is_point=bool(p)) for r, p in zip(records, points)]
    for layer_id, gdf in shipped_plan.layers.items():
        rows = gdf.drop(columns="geometry").to_dict("records")
        for lang in ("zh", "en"):
            assert labels(gdf, lang) == [label(r, lang) for r in rows], layer_id
        if layer_id in LAYER_BY_ID:
            spec = LAYER_BY_ID[layer_id]
            assert [spec.style_key(r) for r in _scalar_records(gdf)] == [spec.style_key(r) for r in rows], layer_id


def test_labels_fall_back_to_chinese_then_id_and_are_escaped():
    import geopandas as gpd
    from shapely.geometry import Point

    from layers.prepare import labels

    gdf = gpd.GeoDataFrame({"id": ["a", "b", "c"], "name_zh": ["甲<b>", None, ""], "name_en": [None, "", None]},
                           geometry=[Point(0, 0)] * 3, crs=4326)
    assert labels(gdf, "en") == ["甲&lt;b&gt;", "b", "c"]
    assert labels(gdf, "zh") == ["甲&lt;b&gt;", "b", "c"]
