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


#: Public texts of :class:`DatabaseUnavailable` per kind: they name no host, port, database, user or driver text.
DATABASE_UNAVAILABLE_TEXT = {
    "unreachable": (
        "无法连接规划数据库，未做任何修改。数据库恢复后即可继续使用，请稍后刷新。",
        "the plan database cannot be reached; nothing was changed. "
        "The app works again as soon as the database is back: reload in a moment.",
    ),
    "full": (
        "规划数据库服务器已满（连接数已达上限），未做任何修改，请稍后再试。",
        "the plan database server is full (all its connections are in use); nothing was changed, "
        "try again in a moment.",
    ),
    "not_responding": (
        "规划数据库没有响应，未做任何修改。数据库恢复后即可继续使用，请稍后再试。",
        "the plan database is not responding; nothing was changed. "
        "The app works again as soon as the database answers: try again in a moment.",
    ),
}


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
