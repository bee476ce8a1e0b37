"""PostgreSQL + PostGIS as the shared store of the plan, for several app replicas.

:class:`PostgisStore` implements the same document interface as
:class:`~planning.storage.FileStore` (``list_documents``, ``read_bytes``,
``version``, ``write_bytes``, ``signature``, ``append_line`` and
``transaction``), so :func:`~planning.plan.load_plan` and
:class:`~planning.edits.PlanEditor` work on it unchanged. Underneath, the
documents are real tables (in the schema ``huaiyin`` by default):

``plan_documents``
    one row per document: its name, how it is stored, a ``version`` (a number
    from the sequence ``plan_version_seq``, new on every write) and, for
    documents kept whole (``targets.json``, ``plan_outline.txt`` …), the
    bytes.
``plan_features``
    one row per feature of every ``*.geojson`` layer: ``layer``, ``id``,
    ``ord`` (its position), ``props`` (``json``: the properties as written,
    key order kept), ``geom`` (``geometry(Geometry, 4326)``, with GiST
    indexes on ``geom`` and on ``geom_m``, the same geometry in EPSG:4548 kept by
    PostgreSQL as a generated column, for the measurements in metres).
``plan_lines``
    one row per line of every ``*.jsonl`` log, above all ``audit.jsonl`` (the
    view ``audit_log`` shows its entries as ``jsonb``).
``plan_targets`` / ``target_observations`` (views)
    the targets and their observations of ``targets.json``, for SQL reports.

A layer reads back as GeoJSON built from its rows (``ST_AsGeoJSON`` with 9
decimals, feature order and property order as written); a document that
cannot be represented as rows (not a FeatureCollection, duplicate or missing
ids, a geometry PostGIS refuses, a torn log) is kept whole instead, so every
document reads back as it was written and :func:`load_plan` reports its
problems exactly as for a file.

Concurrency: a write or a :meth:`PostgisStore.transaction` is one database
transaction that first takes a transaction-level advisory lock per document
(in sorted name order, so two transactions never deadlock); an edit therefore
re-reads the current document under the lock, and the audit line is inserted
in the same transaction as the change. Every write gives the document a new
``version``, so :meth:`PostgisStore.signature` changes and every replica
reloads on its next rerun. When the connection breaks (the server stops, the
backend is terminated), the transaction is rolled back by the server, nothing
is changed, and :class:`DatabaseUnavailable` says so.

The schema is created and migrated on first use (or by ``python -m planning
db init|migrate``), under an advisory lock, idempotently; the table
``schema_version`` lists the migrations applied.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from planning.dbpool import Connections, DbLimits, first_line, psycopg_module
from planning.errors import DatabaseUnavailable, DataSourceError, PlanningError  # noqa: F401 - DatabaseUnavailable re-exported
from planning.settings import settings_from_env
from planning.storage import FileStore, Signature, layer_ids, atomic_write, check_expected

DEFAULT_SCHEMA = "huaiyin"
FEATURES_SUFFIX = ".geojson"
LINES_SUFFIX = ".jsonl"
#: Distance and area computations in the database use the same CRS as planning.analysis.
PROJECTED_SRID = 4548
GEOJSON_DECIMALS = 9
#: A layer written with at least this many features gets its statistics refreshed at once.
ANALYZE_ROWS = 10_000
_SCHEMA_RE = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_MIGRATION_LOCK = 0x68_75_61_69_79_69_6E  # "huaiyin": one migrator at a time


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages and the store's name)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_url(url: str, variable: str = "HUAIYIN_DATABASE_URL") -> str:
    """``url`` if it is a PostgreSQL URL; :class:`PlanningError` naming ``variable`` otherwise."""
    if not re.fullmatch(r"postgres(ql)?://\S+", url or ""):
        msg = (
            f"{variable}={redact(url or '')!r}: expected a PostgreSQL URL such as "
            "postgresql://huaiyin:PASSWORD@127.0.0.1:5432/huaiyin"
        )
        raise PlanningError(msg)
    return url


def check_name(name: str) -> str:
    """A document name as :class:`~planning.storage.FileStore` accepts it: a plain file name.

    ``:`` is refused too: it separates a namespace (``overlays``, ``tours`` …) from the name in the table.
    """
    if not name or "/" in name or "\\" in name or ":" in name or name.startswith(".") or "\x00" in name:
        msg = f"document name {name!r} is not a plain file name (no folders, not hidden, no ':')"
        raise DataSourceError(msg)
    return name


def lock_key(schema: str, name: str) -> int:
    """A 64-bit advisory lock key for document ``name`` of ``schema`` (stable across processes)."""
    return int.from_bytes(hashlib.sha256(f"{schema}/{name}".encode()).digest()[:8], "big", signed=True)


# --- schema --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "plan documents, features (EPSG:4326, GiST), log lines, audit and target views", (
        "CREATE SEQUENCE plan_version_seq",
        # a random start: versions (and so signatures) of two databases never coincide
        "SELECT setval('plan_version_seq', floor(random() * 1099511627776)::bigint + 1)",
        """CREATE TABLE plan_documents (
            name text PRIMARY KEY CHECK (name !~ '[/\\\\]' AND name !~ '^[.]' AND name <> ''),
            storage text NOT NULL CHECK (storage IN ('features', 'lines', 'body')),
            body bytea,
            version bigint NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            CHECK ((storage = 'body') = (body IS NOT NULL))
        )""",
        f"""CREATE TABLE plan_features (
            layer text NOT NULL REFERENCES plan_documents (name) ON DELETE CASCADE,
            id text NOT NULL,
            ord integer NOT NULL,
            props json NOT NULL,
            members json,
            geom geometry(Geometry, 4326),
            geom_m geometry(Geometry, {PROJECTED_SRID}) GENERATED ALWAYS AS (ST_Transform(geom, {PROJECTED_SRID})) STORED,
            digest text NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (layer, id)
        )""",
        "CREATE INDEX plan_features_order ON plan_features (layer, ord)",
        "CREATE INDEX plan_features_geom ON plan_features USING gist (geom)",
        "CREATE INDEX plan_features_geom_m ON plan_features USING gist (geom_m)",
        """CREATE TABLE plan_lines (
            seq bigserial PRIMARY KEY,
            document text NOT NULL REFERENCES plan_documents (name) ON DELETE CASCADE,
            line text NOT NULL CHECK (strpos(line, E'\\n') = 0 AND strpos(line, E'\\r') = 0),
            added_at timestamptz NOT NULL DEFAULT now()
        )""",
        "CREATE INDEX plan_lines_document ON plan_lines (document, seq)",
        """CREATE VIEW audit_log AS
            SELECT seq, added_at, line::jsonb AS entry FROM plan_lines WHERE document = 'audit.jsonl'""",
        """CREATE VIEW plan_targets AS
            SELECT t.ord::int AS ord, t.target ->> 'id' AS id, t.target ->> 'scope' AS scope,
                   t.target ->> 'metric_zh' AS metric_zh, t.target ->> 'unit' AS unit, t.target
            FROM plan_documents d,
                 jsonb_array_elements(convert_from(d.body, 'UTF8')::jsonb -> 'targets') WITH ORDINALITY AS t (target, ord)
            WHERE d.name = 'targets.json' AND d.storage = 'body'""",
        """CREATE VIEW target_observations AS
            SELECT p.id AS target_id, (o ->> 'year')::int AS year, (o ->> 'value')::numeric AS value,
                   o ->> 'source' AS source
            FROM plan_targets p, jsonb_array_elements(p.target -> 'observations') AS o""",
    )),
    Migration(2, "public comments with a point geometry (EPSG:4326, GiST) and rate-limit submissions", (
        """CREATE TABLE comments (
            id bigserial PRIMARY KEY,
            token text NOT NULL UNIQUE,
            created_at text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('支持', '建议', '关切')),
            text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
            contact text CHECK (contact IS NULL OR char_length(contact) <= 100),
            zone_id text,
            lon double precision,
            lat double precision,
            lang text NOT NULL,
            status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
            reason text,
            reply text,
            moderator text,
            moderated_at text,
            replied_at text,
            geom geometry(Point, 4326) GENERATED ALWAYS AS (
                CASE WHEN lon IS NOT NULL AND lat IS NOT NULL THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END
            ) STORED,
            CHECK (zone_id IS NOT NULL OR (lon IS NOT NULL AND lat IS NOT NULL))
        )""",
        "CREATE INDEX comments_status ON comments (status, id)",
        "CREATE INDEX comments_zone ON comments (zone_id, status)",
        "CREATE INDEX comments_geom ON comments USING gist (geom)",
        """CREATE TABLE comment_submissions (
            id bigserial PRIMARY KEY,
            session_hash text NOT NULL,
            client_hash text NOT NULL,
            at double precision NOT NULL
        )""",
        "CREATE INDEX comment_submissions_session ON comment_submissions (session_hash, at)",
        "CREATE INDEX comment_submissions_client ON comment_submissions (client_hash, at)",
        "CREATE TABLE comment_meta (key text PRIMARY KEY, value text NOT NULL)",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


# --- documents as rows ---------------------------------------------------------------------------------

_CANONICAL_MEMBERS = ("type", "properties", "geometry")


@dataclass(frozen=True)
class FeatureRow:
    """One feature as stored: id, position, property JSON, other members, geometry JSON, digest."""

    id: str
    ord: int
    props: str
    members: str | None
    geom: str | None
    digest: str


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def feature_rows(data: bytes) -> list[FeatureRow] | None:
    """The rows of a GeoJSON FeatureCollection, or ``None`` when it must be kept whole.

    Rows need: valid UTF-8 JSON whose top level is exactly ``{"type":
    "FeatureCollection", "features": [...]}``, features that are objects with
    ``properties`` (an object with a non-empty string ``id``, unique) and
    ``geometry`` (an object or null), and finite numbers only.
    """
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(doc, dict) or list(doc) != ["type", "features"] or doc["type"] != "FeatureCollection":
        return None
    if not isinstance(doc["features"], list):
        return None
    rows: list[FeatureRow] = []
    seen: set[str] = set()
    for position, feature in enumerate(doc["features"]):
        row = _feature_row(feature, position)
        if row is None or row.id in seen:
            return None
        seen.add(row.id)
        rows.append(row)
    return rows


def _feature_row(feature: Any, position: int) -> FeatureRow | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None
    props, geometry = feature.get("properties"), feature.get("geometry", ...)
    if not isinstance(props, dict) or geometry is ... or not (geometry is None or isinstance(geometry, dict)):
        return None
    fid = props.get("id")
    if not isinstance(fid, str) or not fid:
        return None
    try:
        props_text = _compact(props)
        geom_text = None if geometry is None else _compact(geometry)
        members = None if tuple(feature) == _CANONICAL_MEMBERS else _compact(
            {k: (None if k in ("properties", "geometry") else v) for k, v in feature.items()})
    except ValueError:  # NaN or infinity: not JSON PostgreSQL accepts
        return None
    digest = hashlib.sha256("\x1f".join((props_text, members or "", geom_text or "null")).encode()).hexdigest()[:32]
    return FeatureRow(fid, position, props_text, members, geom_text, digest)


_INTEGRAL = re.compile(r"(?<=[\[,])-?\d+(?=[\],])")


def _as_floats(value: Any) -> Any:
    if isinstance(value, list):
        return [_as_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_floats(v) if k in ("coordinates", "geometries") else v for k, v in value.items()}
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def geometry_text(geojson: str | None) -> str:
    """PostGIS's GeoJSON of a geometry with every coordinate a float (``117.0``, not ``117``), as Python writes it."""
    if geojson is None:
        return "null"
    if _INTEGRAL.search(geojson) is None:
        return geojson
    return _compact(_as_floats(json.loads(geojson)))


def collection_bytes(rows: Sequence[tuple[str, str | None, str | None]]) -> bytes:
    """A FeatureCollection from ``(props, members, geometry)`` JSON texts, one feature a line.

    The layout is that of :func:`planning.storage.dump_feature_collection`,
    so a layer written by the project reads back byte for byte (coordinates
    are not rounded here: PostGIS gives up to 9 decimals).
    """
    lines = []
    for props, members, geom in rows:
        if members is None:
            lines.append('{"type":"Feature","properties":' + props + ',"geometry":' + geometry_text(geom) + "}")
        else:
            feature = json.loads(members)
            feature["properties"] = json.loads(props)
            feature["geometry"] = json.loads(geometry_text(geom))
            lines.append(_compact(feature))
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def log_lines(data: bytes) -> list[str] | None:
    """The lines of a JSON-lines log, or ``None`` when it must be kept whole (torn, not UTF-8, CR)."""
    if data and not data.endswith(b"\n"):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\r" in text or "\x00" in text:
        return None
    return text.split("\n")[:-1] if text else []


def check_line(line: str) -> str:
    """``line`` without its trailing newline; :class:`DataSourceError` when it holds a line break."""
    if "\n" in line.rstrip("\n") or "\r" in line:
        msg = "an appended line must not contain line breaks (serialise it as one JSON line)"
        raise DataSourceError(msg)
    return line.rstrip("\n")


def _cut_torn(body: bytes) -> bytes:
    """``body`` cut back to its last newline (a line torn by a killed writer is dropped), as FileStore does."""
    if not body or body.endswith(b"\n"):
        return body
    cut = body.rfind(b"\n")
    return body[: cut + 1] if cut >= 0 else b""


# --- the store -----------------------------------------------------------------------------------------


def _env_limits() -> DbLimits:
    return DbLimits.from_settings(settings_from_env())


class PostgisStore:
    """Plan documents in PostgreSQL + PostGIS (see the module docstring).

    Parameters
    ----------
    url
        ``postgresql://USER:PASSWORD@HOST:PORT/DATABASE`` (any libpq URL).
    schema
        Schema of the tables (created on first use).
    application_name
        Shown in ``pg_stat_activity`` (tests use it to find their connections).
    migrate
        Create or migrate the schema on first use (``False``: refuse a database that is not migrated).

    A store sees one *namespace* of the documents: the plan's own documents
    (no namespace), or those of :meth:`scoped` siblings (``overlays``,
    ``tours``, ``accounts``), kept in the same tables as ``namespace:name``
    and sharing this store's connections.
    """

    def __init__(self, url: str, *, schema: str = DEFAULT_SCHEMA, application_name: str = "huaiyin-plan",
                 migrate: bool = True, limits: DbLimits | None = None) -> None:
        check_url(url)
        if not _SCHEMA_RE.fullmatch(schema):
            msg = f"schema name {schema!r}: use lowercase letters, digits and _ (at most 63)"
            raise PlanningError(msg)
        self.url = url
        self.schema = schema
        self.name = redact(url) + ("" if schema == DEFAULT_SCHEMA else f" (schema {schema})")
        self.auto_migrate = migrate
        self.pool = Connections(url, schema, application_name, limits or _env_limits())
        self.prefix = ""
        self._ready = False
        self._ready_lock = threading.Lock()

    def scoped(self, namespace: str) -> PostgisStore:
        """A store of the documents of ``namespace`` (e.g. ``overlays``) in the same database and connections."""
        if not _SCHEMA_RE.fullmatch(namespace):
            msg = f"namespace {namespace!r}: use lowercase letters, digits and _"
            raise PlanningError(msg)
        child = copy.copy(self)
        child.prefix = f"{self.prefix}{namespace}:"
        child.name = f"{self.name} [{namespace}]"
        return child

    def _full(self, name: str) -> str:
        """The name of document ``name`` in the table (its namespace, then the name)."""
        return self.prefix + check_name(name)

    def _own(self, full_name: str) -> str | None:
        """The name without namespace of a table name of this store's namespace; ``None`` for another's."""
        rest = full_name[len(self.prefix):]
        return rest if full_name.startswith(self.prefix) and ":" not in rest else None

    # --- connections and errors

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Database errors become :class:`DataSourceError`; connection problems :class:`DatabaseUnavailable`."""
        psycopg = psycopg_module()
        try:
            yield
        except psycopg.errors.LockNotAvailable as exc:
            seconds = self.pool.limits.lock_timeout
            msg = f"{action}: the document stayed locked by another editor for {seconds:g} s; nothing was changed, try again"
            raise DataSourceError(msg) from exc
        except psycopg.errors.QueryCanceled as exc:
            seconds = self.pool.limits.statement_timeout
            msg = f"{action}: the database took longer than {seconds:g} s (HUAIYIN_DB_STATEMENT_TIMEOUT); nothing was changed"
            raise DataSourceError(msg) from exc
        except psycopg.OperationalError as exc:
            raise self.pool.unavailable(exc, action) from exc
        except psycopg.Error as exc:
            msg = f"{action}: the plan database refused it ({first_line(exc)}); nothing was changed"
            raise DataSourceError(msg) from exc

    @contextlib.contextmanager
    def connection(self, action: str) -> Iterator[Any]:
        """A healthy, migrated connection; database errors inside become :class:`DataSourceError`."""
        self.ensure_schema()
        with self._guard(action), self.pool.connection(action) as conn:
            yield conn

    def close(self) -> None:
        self.pool.close()

    # --- schema

    def schema_version(self) -> int:
        """The highest migration applied (0 for an empty database)."""
        with self._guard("reading the schema version"), self.pool.connection("reading the schema version") as conn:
            return _applied_version(conn, self.schema)

    def migrate(self) -> list[Migration]:
        """Create the schema and apply the missing migrations (idempotent); return those applied."""
        with self._guard("migrating the database schema"), self.pool.connection("migrating") as conn:
            applied = _migrate(conn, self.schema, self.name)
        with self._ready_lock:
            self._ready = True
        return applied

    def ensure_schema(self) -> None:
        """Check (once per store object) that the schema is current, migrating it when allowed."""
        with self._ready_lock:
            if self._ready:
                return
        found = self.schema_version()
        if found > SCHEMA_VERSION:
            msg = (
                f"the plan database {self.name} has schema version {found}, newer than this app knows "
                f"({SCHEMA_VERSION}): update the app"
            )
            raise DataSourceError(msg)
        if found < SCHEMA_VERSION:
            if not self.auto_migrate:
                msg = (
                    f"the plan database {self.name} has schema version {found}, this app needs {SCHEMA_VERSION}: "
                    "run `python -m planning db migrate`"
                )
                raise DataSourceError(msg)
            self.migrate()
        with self._ready_lock:
            self._ready = True

    # --- reading

    def list_documents(self, suffix: str) -> list[str]:
        with self.connection("listing the documents") as conn:
            names = [r[0] for r in conn.execute("SELECT name FROM plan_documents")]
        return sorted(n for n in map(self._own, names) if n is not None and n.endswith(suffix))

    def signature(self) -> Signature:
        """``(name, version, size)`` of every document: changes with any write by any replica."""
        with self.connection("reading the document versions") as conn:
            rows = conn.execute(
                "SELECT name, version, COALESCE(length(body), 0) FROM plan_documents").fetchall()
        own = ((self._own(full), version, size) for full, version, size in rows)
        return tuple(sorted((name, int(version), int(size)) for name, version, size in own if name is not None))

    def feature_ids(self, name: str) -> set[str] | None:
        """The ids of a layer's rows (one indexed query); a layer kept whole is parsed."""
        with self.connection(f"reading the ids of {name}") as conn:
            return _feature_ids(conn, self._full(name))

    def versions(self) -> dict[str, str]:
        """The version number of every document (one query; no document is read)."""
        return {name: f"v{version}" for name, version, _ in self.signature()}

    def read_bytes(self, name: str) -> bytes:
        full = self._full(name)
        with self.connection(f"reading {name}") as conn, _snapshot(conn):
            return _read(conn, full, self.name, name)

    def version(self, name: str) -> str | None:
        full = self._full(name)
        with self.connection(f"reading the version of {name}") as conn:
            row = conn.execute("SELECT version FROM plan_documents WHERE name = %s", (full,)).fetchone()
        return None if row is None else f"v{row[0]}"

    def exists(self, name: str) -> bool:
        return self.version(name) is not None

    def read_all(self) -> dict[str, bytes]:
        """Every document, read in one consistent snapshot."""
        with self.connection("reading every document") as conn, _snapshot(conn):
            names = sorted(n for n in (self._own(r[0]) for r in conn.execute("SELECT name FROM plan_documents")) if n)
            return {name: _read(conn, self._full(name), self.name, name) for name in names}

    # --- writing

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        with self.transaction(name) as store:
            store.write_bytes(name, data, expected_version=expected_version)
        return store.committed[name]

    def append_line(self, name: str, line: str) -> None:
        """Append one line to a log document (one transaction, under the document's lock)."""
        with self.transaction(name) as tx:
            tx.append_line(name, line)

    def delete(self, name: str) -> None:
        """Remove a document (and its rows)."""
        with self.transaction(name) as tx:
            tx.delete(name)

    @contextlib.contextmanager
    def transaction(self, *names: str) -> Iterator[PostgisTransaction]:
        """One database transaction holding the locks of ``names``; staged changes commit on exit.

        Same contract as :meth:`planning.storage.FileStore.transaction`: locks
        in sorted name order, reads see the committed documents (not the
        staged changes), nothing is written when the block raises.
        """
        ordered = sorted({check_name(n) for n in names})
        if not ordered:
            msg = "a transaction needs the names of the documents it locks"
            raise DataSourceError(msg)
        with self.connection(f"changing {', '.join(ordered)}") as conn, conn.transaction():
            for name in ordered:
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(self.schema, self._full(name)),))
            tx = PostgisTransaction(self, conn, frozenset(ordered))
            yield tx
            tx.commit()


class PostgisTransaction:
    """Staged changes of a :meth:`PostgisStore.transaction` (valid only inside its ``with`` block)."""

    def __init__(self, store: PostgisStore, conn: Any, names: frozenset[str]) -> None:
        self._store = store
        self._conn = conn
        self.names = names
        self._steps: list[tuple[str, str, Any]] = []
        self.committed: dict[str, str] = {}

    def _check_locked(self, name: str) -> None:
        if name not in self.names:
            msg = f"{name} is not locked by this transaction (locked: {', '.join(sorted(self.names))})"
            raise DataSourceError(msg)

    def _version(self, name: str) -> str | None:
        row = self._conn.execute("SELECT version FROM plan_documents WHERE name = %s",
                                 (self._store._full(name),)).fetchone()  # noqa: SLF001 - the store's own transaction
        return None if row is None else f"v{row[0]}"

    def exists(self, name: str) -> bool:
        return self._version(name) is not None

    def version(self, name: str) -> str | None:
        return self._version(name)

    def read_bytes(self, name: str) -> bytes:
        """The document's committed bytes (staged changes are not visible)."""
        return _read(self._conn, self._store._full(name), self._store.name, name)  # noqa: SLF001

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        """Stage replacing ``name`` by ``data`` (refused when ``expected_version`` is no longer current)."""
        self._check_locked(name)
        if expected_version is not None:
            check_expected(name, expected_version, self._version(name))
        self._steps.append(("write", name, bytes(data)))
        return "staged"

    def append_line(self, name: str, line: str) -> None:
        """Stage appending one line to ``name``."""
        self._check_locked(name)
        self._steps.append(("append", name, check_line(line)))

    def delete(self, name: str) -> None:
        """Stage removing ``name``."""
        self._check_locked(name)
        self._steps.append(("delete", name, None))

    def feature_ids(self, name: str) -> set[str] | None:
        """The ids of a layer (on this transaction's connection; the layer need not be locked)."""
        return _feature_ids(self._conn, self._store._full(name))  # noqa: SLF001 - the store's own transaction

    def read_feature(self, name: str, feature_id: str) -> tuple[int, dict[str, Any]] | None:
        """One row of a layer (by its primary key), as the layer reads back; a layer kept whole is parsed."""
        full = self._store._full(name)  # noqa: SLF001 - the store's own transaction
        kind = self._conn.execute("SELECT storage FROM plan_documents WHERE name = %s", (full,)).fetchone()
        if kind is None:
            return None
        if kind[0] != "features":
            doc = json.loads(_read(self._conn, full, self._store.name, name).decode("utf-8"))
            for index, feature in enumerate(doc.get("features") or []):
                if isinstance(feature, dict) and (feature.get("properties") or {}).get("id") == feature_id:
                    return index, feature
            return None
        row = self._conn.execute(
            "SELECT ord, props::text, members::text, ST_AsGeoJSON(geom, %s) FROM plan_features WHERE layer = %s AND id = %s",
            (GEOJSON_DECIMALS, full, feature_id)).fetchone()
        if row is None:
            return None
        feature = json.loads(collection_bytes([row[1:]]))["features"][0]
        return int(row[0]), feature

    def write_feature(self, name: str, feature: dict[str, Any]) -> None:
        """Stage replacing one row (the same id, the same position); nothing else of the layer is touched."""
        self._check_locked(name)
        self._steps.append(("feature", name, feature))

    def commit(self) -> None:
        """Apply the staged steps in order (the surrounding database transaction commits them)."""
        for kind, name, value in self._steps:
            full = self._store._full(name)  # noqa: SLF001 - the store's own transaction
            if kind == "write":
                _write(self._conn, full, value)
            elif kind == "feature":
                _write_feature(self._conn, full, value)
            elif kind == "append":
                _append(self._conn, full, value)
            else:
                self._conn.execute("DELETE FROM plan_documents WHERE name = %s", (full,))
                self.committed.pop(name, None)
                continue
            self.committed[name] = _bump(self._conn, full)
        self._steps.clear()


# --- SQL helpers (each runs on a connection inside the caller's transaction) ---------------------------


@contextlib.contextmanager
def _snapshot(conn: Any) -> Iterator[None]:
    """A consistent read-only snapshot; inside a caller's transaction (a read during an edit) that transaction's."""
    psycopg = psycopg_module()
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        yield
        return
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _feature_ids(conn: Any, full: str) -> set[str] | None:
    row = conn.execute("SELECT storage, body FROM plan_documents WHERE name = %s", (full,)).fetchone()
    if row is None:
        return None
    if row[0] == "features":
        return {r[0] for r in conn.execute("SELECT id FROM plan_features WHERE layer = %s", (full,))}
    return layer_ids(bytes(row[1])) if row[1] is not None else None


def _applied_version(conn: Any, schema: str) -> int:
    exists = conn.execute("SELECT to_regclass(%s)", (f"{schema}.schema_version",)).fetchone()[0]
    if exists is None:
        return 0
    return int(conn.execute("SELECT COALESCE(max(version), 0) FROM schema_version").fetchone()[0])


def _ensure_postgis(conn: Any, store_name: str) -> None:
    if conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone():
        return
    psycopg = psycopg_module()
    try:
        with conn.transaction():
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
    except psycopg.errors.InsufficientPrivilege as exc:
        msg = (
            f"PostGIS is not enabled in the plan database {store_name} and this user may not enable it: "
            "as a superuser, run CREATE EXTENSION postgis; in that database"
        )
        raise DataSourceError(msg) from exc
    except psycopg.errors.UndefinedFile as exc:
        msg = (
            f"PostGIS is not installed on the server of {store_name}: install Debian's postgis package "
            "(apt-get install postgis postgresql-postgis), then run python -m planning db init"
        )
        raise DataSourceError(msg) from exc


def _migrate(conn: Any, schema: str, store_name: str) -> list[Migration]:
    _ensure_postgis(conn, store_name)
    applied: list[Migration] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        conn.execute(f"SET LOCAL search_path TO {schema}, public")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, "
            "applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {r[0] for r in conn.execute("SELECT version FROM schema_version")}
        if done and max(done) > SCHEMA_VERSION:
            msg = f"the plan database {store_name} has schema version {max(done)}, newer than this app knows ({SCHEMA_VERSION})"
            raise DataSourceError(msg)
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, description) VALUES (%s, %s)",
                         (migration.version, migration.description))
            applied.append(migration)
    return applied


def _read(conn: Any, name: str, store_name: str, shown: str | None = None) -> bytes:
    row = conn.execute("SELECT storage, body FROM plan_documents WHERE name = %s", (name,)).fetchone()
    if row is None:
        msg = f"{shown or name}: not found in the plan database {store_name}"
        raise DataSourceError(msg)
    storage, body = row
    if storage == "body":
        return bytes(body)
    if storage == "lines":
        lines = [r[0] for r in conn.execute("SELECT line FROM plan_lines WHERE document = %s ORDER BY seq", (name,))]
        return "".join(line + "\n" for line in lines).encode("utf-8")
    rows = conn.execute(
        "SELECT props::text, members::text, ST_AsGeoJSON(geom, %s) FROM plan_features WHERE layer = %s ORDER BY ord",
        (GEOJSON_DECIMALS, name),
    ).fetchall()
    return collection_bytes(rows)


def _bump(conn: Any, name: str) -> str:
    row = conn.execute(
        "UPDATE plan_documents SET version = nextval('plan_version_seq'), updated_at = now() WHERE name = %s "
        "RETURNING version", (name,)).fetchone()
    return f"v{row[0]}"


def _set_storage(conn: Any, name: str, storage: str, body: bytes | None) -> None:
    """Create or retype the document row; drop rows of the other kinds."""
    conn.execute(
        "INSERT INTO plan_documents (name, storage, body, version) VALUES (%s, %s, %s, nextval('plan_version_seq')) "
        "ON CONFLICT (name) DO UPDATE SET storage = excluded.storage, body = excluded.body",
        (name, storage, body),
    )
    if storage != "features":
        conn.execute("DELETE FROM plan_features WHERE layer = %s", (name,))
    if storage != "lines":
        conn.execute("DELETE FROM plan_lines WHERE document = %s", (name,))


def _write(conn: Any, name: str, data: bytes) -> None:
    if name.endswith(FEATURES_SUFFIX):
        rows = feature_rows(data)
        if rows is not None and _write_features(conn, name, rows):
            return
    elif name.endswith(LINES_SUFFIX):
        lines = log_lines(data)
        if lines is not None:
            _set_storage(conn, name, "lines", None)
            conn.execute("DELETE FROM plan_lines WHERE document = %s", (name,))
            _insert_lines(conn, name, lines)
            return
    _set_storage(conn, name, "body", data)


def _insert_lines(conn: Any, name: str, lines: list[str]) -> None:
    if lines:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO plan_lines (document, line) VALUES (%s, %s)", [(name, ln) for ln in lines])


def _append(conn: Any, name: str, line: str) -> None:
    row = conn.execute("SELECT storage, body FROM plan_documents WHERE name = %s", (name,)).fetchone()
    if row is not None and row[0] == "features":
        msg = f"{name} is a GeoJSON layer; lines can only be appended to logs and text documents"
        raise DataSourceError(msg)
    if row is not None and row[0] == "body":
        kept = _cut_torn(bytes(row[1]))
        lines = log_lines(kept)
        if lines is None:  # not a clean log: append to the bytes, as a file would
            conn.execute("UPDATE plan_documents SET body = %s WHERE name = %s", (kept + (line + "\n").encode(), name))
            return
        _set_storage(conn, name, "lines", None)
        _insert_lines(conn, name, lines)
    elif row is None:
        _set_storage(conn, name, "lines", None)
    conn.execute("INSERT INTO plan_lines (document, line) VALUES (%s, %s)", (name, line))


_STAGE = """CREATE TEMP TABLE IF NOT EXISTS incoming_features (
    id text PRIMARY KEY, ord integer NOT NULL, props text NOT NULL, members text, geom text, digest text NOT NULL
) ON COMMIT DELETE ROWS"""


def _write_features(conn: Any, name: str, rows: list[FeatureRow]) -> bool:
    """Make the layer's rows equal ``rows``, touching only what changed; ``False`` if PostGIS refused them.

    Features are compared by digest: new or changed ones are copied in and
    upserted, removed ones deleted, moved ones renumbered, the others left
    alone (an edit of one project writes one row).
    """
    psycopg = psycopg_module()
    try:
        with conn.transaction():  # a savepoint: a refused geometry leaves the document to be stored whole
            _set_storage(conn, name, "features", None)
            existing = {fid: (digest, ord_) for fid, digest, ord_ in conn.execute(
                "SELECT id, digest, ord FROM plan_features WHERE layer = %s", (name,))}
            incoming = {r.id for r in rows}
            removed = [fid for fid in existing if fid not in incoming]
            if removed:
                conn.execute("DELETE FROM plan_features WHERE layer = %s AND id = ANY(%s)", (name, removed))
            changed = [r for r in rows if existing.get(r.id, ("",))[0] != r.digest]
            moved = [r for r in rows if r.id in existing and existing[r.id][0] == r.digest and existing[r.id][1] != r.ord]
            if moved:
                conn.execute(
                    "UPDATE plan_features f SET ord = m.ord FROM unnest(%s::text[], %s::int[]) AS m (id, ord) "
                    "WHERE f.layer = %s AND f.id = m.id", ([r.id for r in moved], [r.ord for r in moved], name))
            if changed:
                _upsert_features(conn, name, changed)
            if len(changed) >= ANALYZE_ROWS:  # fresh statistics, so the planner uses the spatial indexes
                conn.execute("ANALYZE plan_features")
    except psycopg.OperationalError:
        raise
    except psycopg.DatabaseError:
        return False
    return True


def _write_feature(conn: Any, name: str, feature: dict[str, Any]) -> None:
    """Replace one feature row of a layer kept as rows (or the whole document when it is kept whole)."""
    fid = feature["properties"]["id"]
    found = conn.execute("SELECT ord FROM plan_features WHERE layer = %s AND id = %s", (name, fid)).fetchone()
    row = _feature_row(feature, int(found[0])) if found is not None else None
    if row is None:
        doc = json.loads(_read(conn, name, "").decode("utf-8"))
        doc["features"] = [feature if (f.get("properties") or {}).get("id") == fid else f for f in doc["features"]]
        _write(conn, name, collection_bytes_of(doc["features"]))
        return
    _upsert_features(conn, name, [row])


def collection_bytes_of(features: list[dict[str, Any]]) -> bytes:
    """A FeatureCollection of ``features`` in the project's layout (one feature a line)."""
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(_compact(f) for f in features)
            + "\n]}\n").encode("utf-8")


def _upsert_features(conn: Any, name: str, rows: list[FeatureRow]) -> None:
    conn.execute(_STAGE)
    conn.execute("TRUNCATE incoming_features")
    with conn.cursor() as cur, cur.copy("COPY incoming_features (id, ord, props, members, geom, digest) FROM STDIN") as copy:
        for r in rows:
            copy.write_row((r.id, r.ord, r.props, r.members, r.geom, r.digest))
    conn.execute(
        """INSERT INTO plan_features AS f (layer, id, ord, props, members, geom, digest)
           SELECT %s, i.id, i.ord, i.props::json, i.members::json,
                  CASE WHEN i.geom IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(i.geom), 4326) END, i.digest
           FROM incoming_features i
           ON CONFLICT (layer, id) DO UPDATE SET ord = excluded.ord, props = excluded.props,
               members = excluded.members, geom = excluded.geom, digest = excluded.digest, updated_at = now()""",
        (name,),
    )


# --- configuration, load and dump ----------------------------------------------------------------------


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_folder` did: documents written, removed, and how each layer is stored."""

    written: list[str]
    removed: list[str]
    storage: dict[str, str]


#: Subfolders of a plan folder kept as namespaces of the database (see :meth:`PostgisStore.scoped`).
NAMESPACES = ("overlays", "tours")


def _folder_documents(folder: str | Path) -> dict[str, bytes]:
    """Every document of a plan folder (not the editors' hidden lock files)."""
    store = FileStore(folder)
    return {n: store.read_bytes(n) for n in store.list_documents("") if not n.startswith(".")}


def _replace_documents(target: PostgisStore, contents: dict[str, bytes], removed: list[str]) -> None:
    if not contents and not removed:
        return
    with target.transaction(*contents, *removed) as store:
        for name in removed:
            store.delete(name)
        for name, data in contents.items():
            store.write_bytes(name, data)


def load_folder(target: PostgisStore, folder: str | Path, *, replace: bool = False) -> LoadReport:
    """Load every document of a plan folder into the database (its ``overlays/`` and ``tours/`` too).

    Refused when the database already holds documents, unless ``replace``
    (then documents missing from the folder are removed too): a load must
    not silently overwrite edits made through the app. The plan's documents
    are one transaction; each namespace (overlays, tours) one more.
    """
    contents = _folder_documents(folder)
    if not contents:
        msg = f"{folder}: no documents to load (expected *.geojson, targets.json, plan_outline.txt …)"
        raise DataSourceError(msg)
    existing = target.list_documents("")
    if existing and not replace:
        msg = (
            f"the plan database {target.name} already holds {len(existing)} documents "
            f"({', '.join(existing[:4])}{' …' if len(existing) > 4 else ''}); "
            "use --replace to overwrite them (edits and the audit log in the database are then lost)"
        )
        raise DataSourceError(msg)
    removed = sorted(set(existing) - set(contents))
    _replace_documents(target, contents, removed)
    for namespace in NAMESPACES:
        scoped = target.scoped(namespace)
        docs = _folder_documents(Path(folder) / namespace)
        _replace_documents(scoped, docs, sorted(set(scoped.list_documents("")) - set(docs)))
    return LoadReport(written=sorted(contents), removed=removed, storage=storage_kinds(target))


def storage_kinds(source: PostgisStore) -> dict[str, str]:
    """How each document is stored: ``features`` (rows), ``lines`` or ``body`` (kept whole)."""
    with source.connection("reading the document kinds") as conn:
        return dict(conn.execute("SELECT name, storage FROM plan_documents ORDER BY name").fetchall())


def dump_folder(source: PostgisStore, folder: str | Path, *, overwrite: bool = False) -> list[str]:
    """Write every document of the database to ``folder`` (overlays and tours in their subfolders); return the names.

    Refused when ``folder`` already holds documents, unless ``overwrite``.
    """
    store = FileStore(folder)
    present = [n for n in store.list_documents("") if not n.startswith(".")]
    if present and not overwrite:
        msg = f"{folder} already holds {len(present)} files; dump into an empty folder or use --overwrite"
        raise DataSourceError(msg)
    documents = source.read_all()
    for name, data in documents.items():
        atomic_write(store.path(name), data)  # no lock files: nobody edits a folder being written
    for namespace in NAMESPACES:
        sub = FileStore(Path(folder) / namespace)
        for name, data in source.scoped(namespace).read_all().items():
            atomic_write(sub.path(name), data)
    return sorted(documents)
