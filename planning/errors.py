"""The package's exceptions: every one is a ``PlanningError`` (a ``ValueError``)."""

from __future__ import annotations


class PlanningError(ValueError):
    """Base class: a problem with the plan's data or its use."""


class DataSourceError(PlanningError):
    """A document cannot be found, read or decoded."""


class SchemaError(PlanningError):
    """A document does not follow the data model; ``problems`` lists every problem."""

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class StaleWriteError(PlanningError):
    """A write was based on a version that another writer has replaced meanwhile."""
