"""The package's exceptions: every one is a ``PlanningError`` (a ``ValueError``)."""

from __future__ import annotations

from planning.messages import Messages

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


#: Public texts of :class:`DatabaseUnavailable` per kind: they name no host, port, database, user or driver text.
DATABASE_UNAVAILABLE_TEXT = Messages("db_unavailable")


class DatabaseUnavailable(DataSourceError):
    """The database cannot be reached, is full or does not answer; nothing was changed.

    ``kind`` is ``unreachable``, ``full`` or ``not_responding``. ``str()`` and
    :meth:`message` are public texts; :attr:`detail` (the action and the
    driver's message, which may name host, port, database and user) is for the
    log and for logged-in planners only.
    """

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind if kind in DATABASE_UNAVAILABLE_TEXT else "unreachable"
        self.zh, self.en = DATABASE_UNAVAILABLE_TEXT[self.kind]
        self.detail = detail
        super().__init__(f"{self.zh} / {self.en}")

    def message(self, lang: str) -> str:
        """The public message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.en
