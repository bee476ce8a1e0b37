"""Every store of the app, opened once from the settings: :func:`open_stores` → :class:`Stores`.

This is the one place that decides where data lives. Without a database
(``HUAIYIN_DATABASE_URL`` unset) the plan is the data folder
(:class:`~planning.storage.FileStore`), imported overlays and tours are its
``overlays/`` and ``tours/`` subfolders, accounts the accounts file, comments
the SQLite file of the state folder. With a database, every one of them lives
in PostgreSQL (the plan's documents, and the namespaces ``overlays``,
``tours`` and ``accounts`` of the same tables; comments in their own table),
so every replica sees the same overlays, accounts and tours.

The app's data module (``app_pages/data.py``) calls :func:`open_stores` once
per process, the command line once per command; everything else receives
store objects, never folder paths.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from planning.edits import AuditLog, PlanEditor
from planning.settings import PACKAGE_ROOT, Settings, settings_from_env
from planning.storage import FileStore, PlanStore

#: The subfolders (file store) or namespaces (database) of the overlays and the tours.
OVERLAYS = "overlays"
TOURS = "tours"
ACCOUNTS = "accounts"
#: Name of the accounts document in the database (the file store uses the accounts file's own name).
ACCOUNTS_DOCUMENT = "accounts.json"


class Stores:
    """The stores of one deployment: plan, overlays, tours, accounts, comments and the audit log.

    ``comments`` is opened on first use (the SQLite file or the database
    table is created then, not by a command that never reads comments).
    ``docs`` is the project's own documentation folder (read-only, shipped
    with the code, e.g. ``target-rules.md``).
    """

    def __init__(
        self,
        *,
        plan: PlanStore,
        overlays: PlanStore,
        tours: PlanStore,
        accounts: PlanStore,
        accounts_document: str,
        open_comments: Callable[[], Any],
    ) -> None:
        self.plan = plan
        self.overlays = overlays
        self.tours = tours
        self.accounts = accounts
        self.accounts_document = accounts_document
        self._open_comments = open_comments
        self.docs: PlanStore = FileStore(PACKAGE_ROOT / "docs")
        #: What opening did to finish commits a killed writer left (file stores; see FileStore.recover).
        self.recovered: list[str] = []

    @property
    def name(self) -> str:
        """The plan store's name (the data folder, or the database URL without its password)."""
        return self.plan.name

    @cached_property
    def comments(self) -> Any:
        """The comment store (``planning.comments.CommentStore``)."""
        return self._open_comments()

    @property
    def audit(self) -> AuditLog:
        """The audit log of every edit and import."""
        return AuditLog(self.plan)

    def editor(self, *, clock: Callable[[], datetime] | None = None) -> PlanEditor:
        """An editor of the plan's projects and targets."""
        return PlanEditor(self.plan, clock=clock)

    def close(self) -> None:
        """Close the database connections (nothing to do for files)."""
        for store in (self.plan, self.__dict__.get("comments")):
            closer = getattr(store, "close", None)
            if closer is not None:
                with contextlib.suppress(Exception):  # closing must never hide the caller's own error
                    closer()


def _file_stores(settings: Settings) -> Stores:
    from planning.comments import SqliteCommentStore  # noqa: PLC0415 - opened on first use only

    folder = Path(settings.data_dir)
    accounts = Path(settings.accounts_file)
    stores = Stores(
        plan=FileStore(folder),
        overlays=FileStore(folder / OVERLAYS),
        tours=FileStore(folder / TOURS),
        accounts=FileStore(accounts.parent),
        accounts_document=accounts.name,
        open_comments=lambda: SqliteCommentStore(settings.comments_db),
    )
    for store in (stores.plan, stores.overlays, stores.accounts):
        stores.recovered += store.recover()
    return stores


def _database_stores(settings: Settings) -> Stores:
    from planning.dbpool import DbLimits  # noqa: PLC0415 - psycopg is needed only with a database
    from planning.postgis import PostgisStore  # noqa: PLC0415
    from planning.postgis_comments import comment_store_from_settings  # noqa: PLC0415

    url = settings.database_url
    root = PostgisStore(url, limits=DbLimits.from_settings(settings))
    return Stores(
        plan=root,
        overlays=root.scoped(OVERLAYS),
        tours=root.scoped(TOURS),
        accounts=root.scoped(ACCOUNTS),
        accounts_document=ACCOUNTS_DOCUMENT,
        open_comments=lambda: comment_store_from_settings(settings),
    )


def auth_documents(settings: Settings) -> PlanStore:
    """The store of the login sessions and lockouts (``planning.sessions``): the database, or a private folder."""
    if getattr(settings, "database_url", None):
        from planning.postgis import PostgisStore  # noqa: PLC0415 - psycopg only when a database is configured

        from planning.dbpool import DbLimits  # noqa: PLC0415

        return PostgisStore(settings.database_url, schema="huaiyin_auth", application_name="huaiyin-auth",
                            limits=DbLimits.from_settings(settings))
    from planning.storage import private_folder  # noqa: PLC0415

    return FileStore(private_folder(Path(settings.state_dir) / "auth"))


def open_stores(settings: Settings) -> Stores:
    """The stores the settings select: the database when ``database_url`` is set, else the folders."""
    if settings.database_url:
        return _database_stores(settings)
    return _file_stores(settings)


def folder_stores(settings: Settings, folder: str | Path) -> Stores:
    """The stores of the plan folder ``folder`` (a command given a folder works on files, not the database)."""
    return open_stores(dataclasses.replace(settings, data_dir=Path(folder), database_url=None))


def command_stores(folder: str | Path | None = None) -> Stores:
    """The stores of a command-line command: the folder it was given, else the configured ones."""
    settings = settings_from_env()
    return folder_stores(settings, folder) if folder is not None else open_stores(settings)
