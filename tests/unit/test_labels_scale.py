"""Zone label placement at city scale: the synthetic 2,000 zones (10,000 projects) of the benchmark.

Placement used to cut each zone by the union of every zone drawn after it, which did not finish
on this set; it must complete and still put a multi-part zone's label in its largest part.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from layers.labels import labels_from_geo
from layers.prepare import layer_geojson
from layers.styles import ZONE_DRAW_ORDER
from tests.bench.synthetic import FULL, district_projected, random_points_inside, star_polygons, to_wgs84
from tests.helpers import GEODATA

TOP_KIND = ZONE_DRAW_ORDER[-1]


@pytest.fixture(scope="module")
def synthetic():
    """2,000 star zones and 10,000 project points as the benchmark draws them; every zone of the kind drawn
    on top is multi-part (its star plus a small disc 950 m east of its centre), and those zones do not touch each other."""
    rng = np.random.default_rng(FULL.seed)
    district = district_projected(GEODATA / "boundary.geojson")
    centres = random_points_inside(shapely.buffer(district, -FULL.max_radius_m * 1.4), FULL.zones, rng)
    stars = star_polygons(centres, FULL, rng)
    kinds = np.array([ZONE_DRAW_ORDER[i % (len(ZONE_DRAW_ORDER) - 1)] for i in range(FULL.zones)], dtype=object)
    tree = shapely.STRtree(shapely.buffer(stars, 1_050.0))
    top: list[int] = []
    for i in range(FULL.zones):  # greedily, zones far enough apart that neither part meets another's
        if not any(j in top for j in tree.query(shapely.buffer(stars[i], 1_050.0))):
            top.append(i)
    geoms = stars.copy()
    for i in top:
        kinds[i] = TOP_KIND
        disc = shapely.Point(centres[i, 0] + 950.0, centres[i, 1]).buffer(60.0)
        geoms[i] = shapely.MultiPolygon([disc, stars[i]])  # the small part first, as in the data of #13
    zones = gpd.GeoDataFrame({"id": [f"z{i:04d}" for i in range(FULL.zones)], "kind": kinds,
                              "name_zh": [f"片区{i:04d}" for i in range(FULL.zones)]},
                             geometry=to_wgs84(geoms), crs=4326)
    points = to_wgs84(shapely.points(random_points_inside(shapely.buffer(district, -20.0), FULL.projects, rng)))
    projects = gpd.GeoDataFrame({"id": [f"p{i:05d}" for i in range(FULL.projects)], "name_zh": "项目",
                                 "category": "医养健康", "status": "在建"}, geometry=points, crs=4326)
    geo = {"zones": layer_geojson(zones, "zones", lang="zh"), "projects": layer_geojson(projects, "projects", lang="zh")}
    return zones.set_index("id"), top, geo


def test_labels_of_2000_zones_are_placed_in_the_zone_as_drawn(synthetic):
    zones, _, geo = synthetic
    labels = labels_from_geo(geo)
    assert sorted(p.id for p in labels) == sorted(zones.index)
    drawn = {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]) for f in geo["zones"]["features"]}
    outside = [p.id for p in labels if not drawn[p.id].contains(shapely.Point(p.lon, p.lat))]
    assert outside == []


def test_multi_part_zones_are_labelled_on_their_largest_part(synthetic):
    zones, top, geo = synthetic
    assert len(top) >= 8 and all(zones.iloc[i]["geometry"].geom_type == "MultiPolygon" for i in top)
    by_id = {p.id: p for p in labels_from_geo(geo)}
    for i in top:
        zone = zones.iloc[i]
        small, large = sorted(zone["geometry"].geoms, key=lambda g: g.area)
        point = shapely.Point(by_id[zones.index[i]].lon, by_id[zones.index[i]].lat)
        assert large.contains(point), zones.index[i]
        assert not small.intersects(point), zones.index[i]
