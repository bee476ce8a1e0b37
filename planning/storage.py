"""Storage: the only code in the project that reads or writes data files.

A store hands out the raw bytes of named documents (``zones.geojson``,
``targets.json`` …) with a version token, and writes documents atomically:
the new content goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old one, so a crash never leaves a half-written
file. Writers hold an exclusive lock file while they compare versions and
rename, so two writers never interleave, and a writer whose
``expected_version`` no longer matches is refused with :class:`StaleWriteError`
(optimistic versioning).

:class:`FileStore` keeps documents in a folder; other stores (a database)
implement the same :class:`PlanStore` protocol.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from planning.errors import DataSourceError, StaleWriteError

COORD_DECIMALS = 6


class PlanStore(Protocol):
    """What the loader and the editors need from a store."""

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

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        """Replace the document atomically; return the new version."""
        ...


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


class FileStore:
    """Documents as files in one folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.name = str(self.folder)

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

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """(name, mtime_ns, size) of every document: a cheap cache key that changes with any edit."""
        if not self.folder.is_dir():
            return ()
        return tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size)
            for p in sorted(self.folder.iterdir())
            if p.is_file() and not p.name.startswith(".")
        )

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
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_path = self.path(f".{name}.lock")
        with lock_path.open("a") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def write_bytes(self, name: str, data: bytes, *, expected_version: str | None = None) -> str:
        with self.lock(name):
            current = self.version(name)
            if expected_version is not None and current != expected_version:
                msg = (
                    f"{name} was changed by someone else since you opened it "
                    f"(your version {expected_version}, now {current}); reload and apply your edit again"
                )
                raise StaleWriteError(msg)
            atomic_write(self.path(name), data)
        return _digest(data)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


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
