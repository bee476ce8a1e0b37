"""Command-line entry point: domain commands live in planning.cli; map exports (which need folium) in layers.cli."""
import sys
if len(sys.argv) > 1 and sys.argv[1] == "export":
    from layers.cli import main as layers_main  # the command-line shell may use the map layer; the domain modules never do
    raise SystemExit(layers_main(sys.argv[1:]))
if len(sys.argv) > 1 and sys.argv[1] == "db":
    from planning.db import main as db_main  # the PostGIS store's commands (init, migrate, status, load, dump)
    raise SystemExit(db_main(sys.argv[2:]))
from planning.cli import main
raise SystemExit(main())
