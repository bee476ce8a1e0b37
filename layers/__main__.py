"""``python -m layers export html|png|factsheet|data``: the map exports (they need folium, so they live here)."""

import sys

from layers.cli import main

raise SystemExit(main(sys.argv[1:]))
