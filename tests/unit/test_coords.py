"""GCJ-02 / BD-09 conversions: offsets near Jinan and exact inverses."""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely.geometry import Point, Polygon

from planning.coords import (
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    gcj02_to_wgs84_geometry,
    wgs84_to_gcj02,
    wgs84_to_gcj02_geometry,
)

GEOD = Geod(ellps="WGS84")
JINAN_WEST_STATION = (116.890, 36.670)


def _metres(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def test_gcj_offset_near_huaiyin_is_about_500_m_east():
    shifted = wgs84_to_gcj02(*JINAN_WEST_STATION)
    azimuth, _, dist = GEOD.inv(*JINAN_WEST_STATION, *shifted)
    assert 480 < dist < 520
    assert 80 < azimuth < 95  # almost due east


@pytest.mark.parametrize("lon", [116.80, 116.85, 116.90, 116.95])
@pytest.mark.parametrize("lat", [36.62, 36.68, 36.74])
def test_gcj_inverse_round_trips_within_a_centimetre(lon, lat):
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert _metres((lon, lat), back) < 0.01


def test_bd09_round_trip_within_a_metre():
    wgs = (116.9, 36.68)
    bd = gcj02_to_bd09(*wgs84_to_gcj02(*wgs))
    assert 1100 < _metres(wgs, bd) < 1400
    assert _metres(wgs, bd09_to_wgs84(*bd)) < 1.0


def test_outside_china_is_unchanged():
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)


def test_geometry_helpers_move_every_vertex():
    poly = Polygon([(116.9, 36.6), (116.95, 36.6), (116.95, 36.65), (116.9, 36.6)])
    back = gcj02_to_wgs84_geometry(wgs84_to_gcj02_geometry(poly))
    assert back.equals_exact(poly, 1e-8)
    assert wgs84_to_gcj02_geometry(Point(116.9, 36.6)).x > 116.905
