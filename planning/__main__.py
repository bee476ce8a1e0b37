"""Command-line entry point."""

from planning.cli import main

raise SystemExit(main())
