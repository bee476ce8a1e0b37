"""Store tests: one throwaway PostgreSQL + PostGIS server for the session, and the stores under test.

The server is installed (Debian packages) and started on demand by
:mod:`tests.pg`; when that is impossible the tests FAIL with the reason —
they are never skipped, so a CI without PostgreSQL cannot pass silently.
``store`` is parametrised over the file store and the PostGIS store (each
PostGIS test gets its own schema), so the same tests run against both.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from planning.postgis import PostgisStore
from planning.storage import FileStore
from tests.pg import PgServer, PgUnavailable

STORE_KINDS = ("file", "postgis")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = PgServer()
        server.start()
    except PgUnavailable as exc:
        pytest.fail(f"PostgreSQL with PostGIS is required by tests/store and could not be started: {exc}",
                    pytrace=False)
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.url()


def new_schema() -> str:
    return f"t_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def postgis_store(pg_url: str) -> Iterator[PostgisStore]:
    store = PostgisStore(pg_url, schema=new_schema())
    yield store
    store.close()


@pytest.fixture
def fresh_database(pg_server: PgServer) -> str:
    """URL of a new empty database with PostGIS (for tests that use the default schema, like the app)."""
    return pg_server.create_database(f"db_{uuid.uuid4().hex[:12]}")


def make_store(kind: str, tmp_path: Path, pg_url: str | None) -> FileStore | PostgisStore:
    if kind == "file":
        return FileStore(tmp_path / f"store-{uuid.uuid4().hex[:6]}")
    assert pg_url is not None
    return PostgisStore(pg_url, schema=new_schema())


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FileStore | PostgisStore]:
    """An empty store of each kind."""
    url = request.getfixturevalue("pg_url") if request.param == "postgis" else None
    made = make_store(request.param, tmp_path, url)
    yield made
    if isinstance(made, PostgisStore):
        made.close()
