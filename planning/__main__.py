"""Command-line entry point: domain commands in planning.cli, the PostGIS store's in planning.db.

``python -m planning export …`` still works: the map exports need folium, which
the domain never imports, so that command is handed to ``python -m layers
export …`` in a new process (same arguments, same exit status).
"""

import subprocess
import sys

if len(sys.argv) > 1 and sys.argv[1] == "export":
    raise SystemExit(subprocess.call([sys.executable, "-m", "layers", *sys.argv[1:]]))  # noqa: S603 - our own module
if len(sys.argv) > 1 and sys.argv[1] == "db":
    from planning.db import main as db_main  # the PostGIS store's commands (init, migrate, status, load, dump)

    raise SystemExit(db_main(sys.argv[2:]))
from planning.cli import main  # noqa: E402 - after the dispatch above

raise SystemExit(main())
