"""The error catalogue: every exception of the package, and where the texts of its codes live.

Every exception a caller may see is a :class:`PlanningError` (a ``ValueError``).
The base classes are defined here; the ones that belong to one concern are
defined next to it and listed in :data:`EXCEPTIONS` (``tests/unit/test_error_codes.py``
fails when a new exception is not listed). An exception with *codes* takes the
code as its first argument and finds its zh and en text in the message
catalogue (``locale/``, :class:`planning.messages.Messages`) under the namespace
given in :data:`EXCEPTIONS`; the test checks that every code raised anywhere in
``planning/`` has both texts.

=========================  ==========================  ======================================================
exception                  module                      meaning (codes: message namespace)
=========================  ==========================  ======================================================
PlanningError              planning.errors             base class: a problem with the plan's data or its use
DataSourceError            planning.errors             a document cannot be found, read or decoded
SchemaError                planning.errors             a document does not follow the data model (``problems``)
StaleWriteError            planning.errors             a write based on a version another writer replaced
DatabaseUnavailable        planning.errors             database unreachable / full / not responding (db_unavailable)
EditError                  planning.edits              an edit refused (unknown field, bad value)
UnknownFeatureError        planning.edits              an edit of a feature that does not exist
CorruptStateError          planning.state_files        a state file missing, unreadable or damaged (state_files)
BulkError                  planning.bulk               a bulk-update sheet that cannot be used (bulk_errors)
ReviewError                planning.ingest.review      an ingestion review step refused
CommentError               planning.comments           bad comment input, a rate limit, a refused step (comments)
StaleCommentError          planning.comments           a moderation step on a changed status (comments)
CommentStoreError          planning.comments           the comments database failed; nothing changed (comments)
ImportRefused              planning.imports            a GIS file refused (internal: becomes the import report)
=========================  ==========================  ======================================================
"""

from __future__ import annotations

from planning.messages import Messages

#: Every exception class of the package → the message namespace of its codes (``None``: free text).
EXCEPTIONS: dict[str, str | None] = {
    "PlanningError": None, "DataSourceError": None, "SchemaError": None, "StaleWriteError": None,
    "DatabaseUnavailable": "db_unavailable", "EditError": None, "UnknownFeatureError": None,
    "CorruptStateError": "state_files", "BulkError": "bulk_errors", "ReviewError": None,
    "CommentError": "comments", "StaleCommentError": "comments", "CommentStoreError": "comments",
    "ImportRefused": None, "_XmlRefused": None,
}

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


class DatabaseUnavailable(DataSourceError):  # noqa: N818 - established public name
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
