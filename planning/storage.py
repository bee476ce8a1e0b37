"""Storage: the only code in the project that reads or writes data files.

A store hands out the raw bytes of named documents (``zones.geojson``,
``targets.json`` …) with a version token, and writes documents atomically:
the new content goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old one, so a crash never leaves a half-written
file. Writers hold an exclusive lock file while they compare versions and
rename, so two writers never interleave, and a writer whose
``expected_version`` no longer matches is refused with :class:`StaleWriteError`
(optimistic versioning). :meth:`FileStore.append_line` appends to a JSON-lines
log under the same lock, and :meth:`FileStore.transaction` holds the locks of
several documents (taken in sorted name order) to commit a document together
with its audit line.

:class:`FileStore` keeps documents in a folder; other stores (a database)
implement the same :class:`PlanStore` protocol.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import stat
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from planning.errors import DataSourceError, StaleWriteError

COORD_DECIMALS = 6


Signature = tuple[tuple[str, int, int], ...]


class StoreTransaction(Protocol):
    """Staged changes of one :meth:`PlanStore.transaction` (valid only inside its ``with`` block)."""

    names: frozenset[str]

    def exists(self, name: str) -> bool: ...

    def read_bytes(self, name: str) -> bytes:
        """The committed bytes (staged changes are not visible)."""
        ...

    def version(self, name: str) -> str | None: ...

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        """Stage replacing ``name``; :class:`StaleWriteError` when ``expected_version`` is no longer current."""
        ...

    def append_line(self, name: str, line: str) -> None: ...

    def delete(self, name: str) -> None: ...

    def feature_ids(self, name: str) -> set[str] | None:
        """The ids of a layer (it need not be locked); ``None`` when absent. Reads through this transaction."""
        ...

    def read_feature(self, name: str, feature_id: str) -> tuple[int, dict[str, Any]] | None:
        """``(position, feature)`` of the feature with ``properties.id == feature_id`` of a GeoJSON layer.

        ``None`` when the layer or the feature is absent. A database reads one
        row; the file store parses the file once per transaction.
        """
        ...

    def write_feature(self, name: str, feature: dict[str, Any]) -> None:
        """Stage replacing the feature with the same id (read by :meth:`read_feature` in this transaction)."""
        ...


class PlanStore(Protocol):
    """Everything callers use of a store; :class:`FileStore` and ``PostgisStore`` implement all of it.

    A store holds named documents (plain file names, no folders). Every
    write is atomic and takes the document's writer lock; a
    :meth:`transaction` holds the locks of several documents (in sorted name
    order) and commits its staged changes together or not at all.
    """

    name: str

    def list_documents(self, suffix: str) -> list[str]:
        """Names of the documents ending in ``suffix``, sorted."""
        ...

    def read_bytes(self, name: str) -> bytes:
        """The document's bytes; :class:`DataSourceError` when missing."""
        ...

    def version(self, name: str) -> str | None:
        """A token that changes whenever the document changes; ``None`` if absent."""
        ...

    def exists(self, name: str) -> bool: ...

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        """Replace the document atomically; return the new version."""
        ...

    def append_line(self, name: str, line: str) -> None:
        """Append one line (no line breaks inside) to a log document, atomically."""
        ...

    def delete(self, name: str) -> None:
        """Remove the document (nothing happens when it is absent)."""
        ...

    def signature(self) -> Signature:
        """``(name, version-ish, size)`` of every document: changes with any write."""
        ...

    def feature_ids(self, name: str) -> set[str] | None:
        """The ids (``properties.id`` strings) of a GeoJSON layer's features; ``None`` when it is absent or unreadable.

        What an edit checks a reference against (a project's ``zone_override``
        names an existing zone), without reading or validating the layer's
        geometries: the database answers from its rows, the file store from
        the file (remembered until the file changes).
        """
        ...

    def versions(self) -> dict[str, str]:
        """A cheap version token per document (``projects.geojson`` → ``"…"``), for caches kept per layer.

        Changes whenever that document changes, and only then; reading it
        does not read the documents (file: modification time and size;
        database: the document's version number).
        """
        ...

    def transaction(self, *names: str) -> contextlib.AbstractContextManager[StoreTransaction]:
        """Hold the locks of ``names``; the staged changes commit on a normal exit."""
        ...


def check_expected(name: str, expected_version: str | None, current: str | None) -> None:
    """The one stale-write check: refuse a write based on a version that is no longer current."""
    if expected_version is not None and current != expected_version:
        msg = (
            f"{name} was changed by someone else since you opened it "
            f"(your version {expected_version}, now {current}); reload and apply your edit again"
        )
        raise StaleWriteError(msg)


def layer_ids(data: bytes) -> set[str] | None:
    """The string ``properties.id`` of every feature of a FeatureCollection; ``None`` when it is not one."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        return None
    ids = set()
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        fid = props.get("id") if isinstance(props, dict) else None
        if isinstance(fid, str) and fid:
            ids.add(fid)
    return ids


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


class FileStore:
    """Documents as files in one folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.name = str(self.folder)
        self._ids: dict[str, tuple[tuple[int, int], set[str] | None]] = {}
        self._ids_lock = threading.Lock()

    def feature_ids(self, name: str) -> set[str] | None:
        path = self.path(name)
        try:
            stat_ = path.stat()
        except FileNotFoundError:
            return None
        key = (stat_.st_mtime_ns, stat_.st_size)
        with self._ids_lock:
            known = self._ids.get(name)
        if known is not None and known[0] == key:
            return known[1]
        ids = layer_ids(path.read_bytes())
        with self._ids_lock:
            self._ids[name] = (key, ids)
        return ids

    def path(self, name: str) -> Path:
        """Path of document ``name``; refuses names that leave the folder."""
        candidate = (self.folder / name).resolve()
        if self.folder.resolve() not in candidate.parents:
            msg = f"document name {name!r} leaves the store folder {self.folder}; use a plain file name"
            raise DataSourceError(msg)
        return candidate

    def list_documents(self, suffix: str) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_file() and p.name.endswith(suffix))

    def signature(self) -> Signature:
        """(name, mtime_ns, size) of every document: a cheap cache key that changes with any edit."""
        if not self.folder.is_dir():
            return ()
        return tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size)
            for p in sorted(self.folder.iterdir())
            if p.is_file() and not p.name.startswith(".")
        )

    def versions(self) -> dict[str, str]:
        return {name: f"{mtime}-{size}" for name, mtime, size in self.signature()}

    def read_bytes(self, name: str) -> bytes:
        path = self.path(name)
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            msg = f"{name}: file not found in {self.folder}"
            raise DataSourceError(msg) from exc
        except OSError as exc:
            msg = f"{name}: cannot be read ({exc.strerror})"
            raise DataSourceError(msg) from exc

    def version(self, name: str) -> str | None:
        path = self.path(name)
        if not path.exists():
            return None
        return _digest(path.read_bytes())

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Exclusive advisory lock for writers of ``name`` (across processes)."""
        self.path(name)  # refuses a name that leaves the folder before anything is created
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_path = self.path(f".{name}.lock")
        with lock_path.open("a") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def recover(self) -> list[str]:
        """Complete every commit a killed writer left decided, remove orphaned temporary files; say what was done.

        Runs when the stores are opened (:func:`planning.stores.open_stores`).
        A journal is completed under the locks of the documents it names, so
        a live writer is never disturbed; a temporary file is removed only
        when nobody holds its document's lock.
        """
        if not self.folder.is_dir():
            return []
        report = []
        for journal_path in sorted(self.folder.glob(".journal-*.json")):
            try:
                journal = json.loads(journal_path.read_bytes().decode("utf-8"))
                names = sorted({n for _, n in journal["renames"]} | set(journal["deletes"]) | set(journal["sizes"]))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # being written by a live commit (atomic rename), or not ours: left alone
            with contextlib.ExitStack() as stack:
                for name in names:
                    stack.enter_context(self.lock(name))
                if not journal_path.exists():
                    continue  # its writer finished meanwhile
                _apply_journal(self.folder, journal)
                journal_path.unlink()
            report.append(f"{self.name}: completed an interrupted commit of {', '.join(names)}")
        for tmp in sorted(self.folder.glob(".*.tmp")):
            target = _temp_target(tmp.name)
            if target is None or target.startswith(".journal-"):
                continue
            with self._try_lock(target) as free:
                if free and tmp.exists():
                    tmp.unlink()
                    report.append(f"{self.name}: removed {tmp.name}, left by an interrupted write of {target}")
        return report

    @contextlib.contextmanager
    def _try_lock(self, name: str) -> Iterator[bool]:
        lock_path = self.folder / f".{name}.lock"
        with lock_path.open("a") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        with self.transaction(name) as tx:
            version = tx.write_bytes(name, data, expected_version=expected_version)
        return version

    def delete(self, name: str) -> None:
        """Remove ``name`` under its writer lock (nothing happens when it is absent)."""
        with self.transaction(name) as tx:
            tx.delete(name)

    def append_line(self, name: str, line: str) -> None:
        """Append one line (a newline is added) to ``name`` under its writer lock.

        The file is opened with ``O_APPEND`` and fsynced, so concurrent
        appenders never interleave and a returned call means the line is on
        disk. A torn last line left by a writer killed mid-append is cut off
        first, so every complete line stays a line of its own.
        """
        with self.lock(name):
            _append_line(self.path(name), line)

    @contextlib.contextmanager
    def transaction(self, *names: str) -> Iterator[FileTransaction]:
        """Hold the writer locks of ``names`` and commit the staged changes on exit.

        Locks are always taken in sorted name order (so two transactions never
        deadlock) and are the same lock files :meth:`write_bytes` and
        :meth:`append_line` use. Inside the block, read the current documents
        with ``tx.read_bytes`` (nobody else can change them meanwhile), stage
        changes with ``tx.write_bytes`` / ``tx.append_line``; on a normal exit
        they are committed in three steps: every new document is written to a
        fsynced temporary file, then the lines are appended (fsynced), then
        the temporary files are renamed over the documents. If the block
        raises, nothing is written. Reads inside the block do not see the
        staged changes.
        """
        ordered = sorted(set(names))
        if not ordered:
            msg = "a transaction needs the names of the documents it locks"
            raise DataSourceError(msg)
        for name in ordered:
            self.path(name)  # refuse names leaving the folder before locking anything
        with contextlib.ExitStack() as stack:
            for name in ordered:
                stack.enter_context(self.lock(name))
            tx = FileTransaction(self, frozenset(ordered))
            yield tx
            tx._commit()  # noqa: SLF001 - the store owns its transactions


class FileTransaction:
    """Staged writes of a :meth:`FileStore.transaction`; only valid inside the ``with`` block."""

    def __init__(self, store: FileStore, names: frozenset[str]) -> None:
        self._store = store
        self.names = names
        self._writes: dict[str, bytes] = {}
        self._appends: list[tuple[str, str]] = []
        self._deletes: set[str] = set()
        self._layers: dict[str, dict[str, Any]] = {}  # parsed layers of read_feature / write_feature

    def _check_locked(self, name: str) -> None:
        if name not in self.names:
            msg = f"{name} is not locked by this transaction (locked: {', '.join(sorted(self.names))})"
            raise DataSourceError(msg)

    def exists(self, name: str) -> bool:
        return self._store.path(name).is_file()

    def read_bytes(self, name: str) -> bytes:
        """The document's committed bytes (staged changes are not visible)."""
        return self._store.read_bytes(name)

    def version(self, name: str) -> str | None:
        return self._store.version(name)

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        """Stage replacing ``name`` by ``data``; return the version it will have."""
        self._check_locked(name)
        check_expected(name, expected_version, self._store.version(name))
        self._writes[name] = data
        self._deletes.discard(name)
        return _digest(data)

    def delete(self, name: str) -> None:
        """Stage removing ``name``."""
        self._check_locked(name)
        self._writes.pop(name, None)
        self._deletes.add(name)

    def _layer(self, name: str) -> dict[str, Any] | None:
        if name not in self._layers:
            if not self.exists(name):
                return None
            doc = json.loads(self._store.read_bytes(name).decode("utf-8"))
            if not (isinstance(doc, dict) and isinstance(doc.get("features"), list)):
                return None
            self._layers[name] = doc
        return self._layers[name]

    def feature_ids(self, name: str) -> set[str] | None:
        """The ids of a layer as committed (the store's cache, keyed by the file's size and time)."""
        return self._store.feature_ids(name)

    def read_feature(self, name: str, feature_id: str) -> tuple[int, dict[str, Any]] | None:
        """The feature by id: found by its line in a layer written one feature a line (no full parse), else parsed."""
        if not self.exists(name):
            return None
        raw = self._writes.get(name) or self._store.read_bytes(name)
        found = _find_line(raw, feature_id)
        if found is not None:
            return found[0], found[1]
        doc = self._layer(name)
        for index, feature in enumerate(doc["features"] if doc else []):
            props = feature.get("properties") if isinstance(feature, dict) else None
            if isinstance(props, dict) and props.get("id") == feature_id:
                return index, feature
        return None

    def write_feature(self, name: str, feature: dict[str, Any]) -> None:
        """Replace one feature: its line only when the layer is one feature a line, else the parsed layer."""
        self._check_locked(name)
        fid = feature["properties"]["id"]
        raw = self._writes.get(name) or self._store.read_bytes(name)
        found = _find_line(raw, fid)
        if found is not None:
            _, _, start, end = found
            self._writes[name] = raw[:start] + feature_line(feature) + raw[end:]
            return
        if self.read_feature(name, fid) is None or name not in self._layers:
            msg = f"{name} has no feature {fid!r} to replace"
            raise DataSourceError(msg)
        doc = self._layers[name]
        index = next(i for i, f in enumerate(doc["features"]) if (f.get("properties") or {}).get("id") == fid)
        doc["features"][index] = feature
        self._writes[name] = dump_feature_collection(doc["features"])

    def append_line(self, name: str, line: str) -> None:
        """Stage appending one line to ``name``."""
        self._check_locked(name)
        _check_line(line)
        self._appends.append((name, line))

    def _step(self, step: str) -> None:
        """A named point of the commit (nothing happens; the crash tests stop the process here)."""

    def _commit(self) -> None:
        """Crash-consistent commit: temporary files, then a journal, then the renames and appends, then no journal.

        1. every new document goes to a fsynced temporary file;
        2. a journal (``.journal-<id>.json``, written atomically) names the
           renames, the deletions and the lines to append with the size of
           each log before them: from here on the commit is decided;
        3. the temporary files are renamed over the documents, deleted
           documents removed, the lines appended (fsynced);
        4. the journal is removed.

        A process killed before step 2 leaves only temporary files (removed
        by :meth:`FileStore.recover`); killed after it, :meth:`FileStore.recover`
        completes the commit from the journal, so the audit log never records
        a change the document does not have, nor the reverse.
        """
        folder = self._store.folder
        prepared: list[tuple[str, Path]] = []
        try:
            for name, data in self._writes.items():
                prepared.append((name, _write_temp(self._store.path(name), data)))
                self._step("temp")
            sizes = {name: _size(self._store.path(name)) for name, _ in self._appends}
            journal = {"renames": [[tmp.name, name] for name, tmp in prepared], "deletes": sorted(self._deletes),
                       "appends": [[name, line] for name, line in self._appends], "sizes": sizes}
            journal_path = folder / f".journal-{uuid.uuid4().hex}.json"
            if prepared or self._appends or self._deletes:
                folder.mkdir(parents=True, exist_ok=True)
                atomic_write(journal_path, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
        except BaseException:
            for _, tmp in prepared:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            raise
        self._step("journal")
        _apply_journal(folder, journal, self._step)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(journal_path)
        self._writes.clear()
        self._appends.clear()
        self._deletes.clear()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _apply_journal(folder: Path, journal: dict[str, Any], step: Any = None) -> None:
    """Complete a decided commit (idempotent: a rename already done is skipped, a torn append redone)."""
    for tmp_name, name in journal["renames"]:
        tmp = folder / tmp_name
        if tmp.exists():
            os.replace(tmp, folder / name)
        if step:
            step("rename")
    for name in journal["deletes"]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / name)
    if journal["renames"] or journal["deletes"]:
        _fsync_dir(folder)
    for name, size in journal["sizes"].items():  # lines appended before a crash are cut and appended again
        path = folder / name
        if _size(path) > size:
            os.truncate(path, size)
    for name, line in journal["appends"]:
        _append_line(folder / name, line)
        if step:
            step("append")


_LAYOUT_HEAD = b'{"type":"FeatureCollection","features":[\n'
_LAYOUT_TAIL = b"\n]}\n"


def _find_line(raw: bytes, feature_id: str) -> tuple[int, dict[str, Any], int, int] | None:
    """``(index, feature, start, end)`` of the feature's line in the one-feature-a-line layout; ``None`` otherwise.

    ``start:end`` spans the feature's JSON (without the separating comma).
    Only a layer written by :func:`dump_feature_collection` qualifies; a
    candidate line must parse to a feature with exactly that id.
    """
    if not (raw.startswith(_LAYOUT_HEAD) and raw.endswith(_LAYOUT_TAIL)):
        return None
    needle = b'"id":' + json.dumps(feature_id, ensure_ascii=False).encode("utf-8")
    at = raw.find(needle, len(_LAYOUT_HEAD))
    while at >= 0:
        start = raw.rfind(b"\n", 0, at) + 1
        end = raw.find(b"\n", at)
        line = raw[start:end]
        body = line[:-1] if line.endswith(b",") else line
        try:
            feature = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None  # not the layout after all
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict) and props.get("id") == feature_id:
            return raw.count(b"\n", 0, start) - 1, feature, start, start + len(body)
        at = raw.find(needle, end)
    return None


def _temp_target(tmp_name: str) -> str | None:
    """The document a temporary file ``.<name>.<random>.tmp`` was written for."""
    if not (tmp_name.startswith(".") and tmp_name.endswith(".tmp")):
        return None
    stem = tmp_name[1:-4]
    return stem.rsplit(".", 1)[0] if "." in stem else None


def _check_line(line: str) -> None:
    if "\n" in line.rstrip("\n") or "\r" in line:
        msg = "an appended line must not contain line breaks (serialise it as one JSON line)"
        raise DataSourceError(msg)


def _append_line(path: Path, line: str) -> int:
    """Append ``line`` + newline to ``path`` (caller holds the lock); return the size before."""
    _check_line(line)
    data = (line.rstrip("\n") + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size:
            # cut a torn last line (a writer killed mid-append) back to the last newline
            tail_start = max(0, size - 65536)
            tail = os.pread(fd, size - tail_start, tail_start)
            if not tail.endswith(b"\n"):
                cut = tail.rfind(b"\n")
                while cut < 0 and tail_start > 0:
                    tail_start = max(0, tail_start - 65536)
                    tail = os.pread(fd, size - tail_start, tail_start)
                    cut = tail.rfind(b"\n")
                size = tail_start + cut + 1 if cut >= 0 else 0
                os.ftruncate(fd, size)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    return size


#: Mode of a document created by a store (an existing document keeps its own mode on every write).
NEW_FILE_MODE = 0o644


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE


def _write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to a fsynced temporary file next to ``path``, with ``path``'s mode; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; the rename must not change who can read the data
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def _fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (best effort: not every platform can fsync a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (the file's mode is kept)."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def as_store(source: str | Path | PlanStore) -> PlanStore:
    """``source`` as a store: a folder becomes its :class:`FileStore` (a convenience for scripts and tests)."""
    return FileStore(source) if isinstance(source, str | Path) else source


def file_size(path: str | Path) -> int | None:
    """Size in bytes of a file the user names; ``None`` when there is no such file."""
    path = Path(path)
    return path.stat().st_size if path.is_file() else None


def is_folder(path: str | Path) -> bool:
    """Whether ``path`` is an existing folder (a data folder given on the command line)."""
    return Path(path).is_dir()


def write_once(path: Path, data: bytes) -> None:
    """Write a content-addressed file unless it is already there (generated caches such as packed layers)."""
    if not path.exists():
        atomic_write(path, data)


def geopackage_bytes(tables: dict[str, Any]) -> bytes:
    """A GeoPackage holding each GeoDataFrame of ``tables`` as a layer.

    GDAL cannot append a layer to an in-memory GeoPackage, so the file is built in a private temporary
    folder that is removed before this returns.
    """
    import pyogrio  # noqa: PLC0415 - only exports need it

    with tempfile.TemporaryDirectory(prefix="huaiyin-export-") as tmp:
        path = Path(tmp) / "export.gpkg"
        for index, (name, gdf) in enumerate(tables.items()):
            pyogrio.write_dataframe(gdf, path, layer=name, driver="GPKG", append=index > 0)
        return path.read_bytes()


def read_file(path: str | Path) -> bytes:
    """The bytes of a file the user names (an upload given on the command line), not a store document."""
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        msg = f"{path.name}: cannot be read ({exc.strerror})"
        raise DataSourceError(msg) from exc


def _round_coords(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORD_DECIMALS)
    if isinstance(value, list | tuple):
        return [_round_coords(v) for v in value]
    return value


def _rounded_geometry(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    if geometry is None:
        return None
    out = dict(geometry)
    if "coordinates" in out:
        out["coordinates"] = _round_coords(out["coordinates"])
    if "geometries" in out:
        out["geometries"] = [_rounded_geometry(g) for g in out["geometries"]]
    return out


def feature_line(feature: dict[str, Any]) -> bytes:
    """One feature as :func:`dump_feature_collection` writes its line (coordinates rounded, no comma)."""
    rounded = {**feature, "geometry": _rounded_geometry(feature.get("geometry"))}
    return json.dumps(rounded, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dump_feature_collection(features: list[dict[str, Any]]) -> bytes:
    """Serialise features as a GeoJSON FeatureCollection, one feature a line."""
    lines = []
    for feature in features:
        rounded = {**feature, "geometry": _rounded_geometry(feature.get("geometry"))}
        lines.append(json.dumps(rounded, ensure_ascii=False, separators=(",", ":")))
    body = ",\n".join(lines)
    return ('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n").encode("utf-8")


def write_feature_collection(path: str | Path, features: list[dict[str, Any]]) -> None:
    """Atomically write ``features`` to ``path`` (used by the data scripts)."""
    atomic_write(Path(path), dump_feature_collection(features))


def dump_json(obj: Any) -> bytes:
    """Serialise a JSON document the way the project stores them."""
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents) readable only by the app's user (mode 700): for secrets and sessions."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder
