"""FileStore: atomic writes, optimistic versions, folder confinement."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from planning.errors import DataSourceError, StaleWriteError
from planning.storage import FileStore, dump_feature_collection


def test_write_then_read_round_trip(tmp_path):
    store = FileStore(tmp_path)
    version = store.write_bytes("a.json", b'{"x": 1}')
    assert store.read_bytes("a.json") == b'{"x": 1}'
    assert store.version("a.json") == version


def test_stale_write_is_refused_and_file_unchanged(tmp_path):
    store = FileStore(tmp_path)
    v1 = store.write_bytes("a.json", b"1")
    store.write_bytes("a.json", b"2", expected_version=v1)
    with pytest.raises(StaleWriteError, match="was changed by someone else since you opened it"):
        store.write_bytes("a.json", b"3", expected_version=v1)
    assert store.read_bytes("a.json") == b"2"


def test_names_leaving_the_folder_are_refused(tmp_path):
    store = FileStore(tmp_path / "data")
    with pytest.raises(DataSourceError, match="leaves the store folder"):
        store.read_bytes("../secret.txt")
    with pytest.raises(DataSourceError, match="leaves the store folder"):
        store.write_bytes("../x.json", b"{}")
    assert not (tmp_path / "x.json").exists()


def test_missing_file_message_names_file_and_folder(tmp_path):
    with pytest.raises(DataSourceError, match=r"nope\.geojson: file not found in"):
        FileStore(tmp_path).read_bytes("nope.geojson")


def test_no_temporary_file_is_left_behind(tmp_path):
    store = FileStore(tmp_path)
    for i in range(5):
        store.write_bytes("a.json", str(i).encode())
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["a.json"]


def _increment(folder: str, rounds: int) -> None:
    store = FileStore(folder)
    for _ in range(rounds):
        while True:
            version = store.version("counter.json")
            value = json.loads(store.read_bytes("counter.json"))["n"]
            try:
                store.write_bytes("counter.json", json.dumps({"n": value + 1}).encode(), expected_version=version)
                break
            except StaleWriteError:
                continue


def test_concurrent_writers_lose_no_update(tmp_path):
    store = FileStore(tmp_path)
    store.write_bytes("counter.json", b'{"n": 0}')
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_increment, args=(str(tmp_path), 10)) for _ in range(6)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert json.loads(store.read_bytes("counter.json"))["n"] == 60


def test_feature_collection_rounds_to_six_decimals():
    data = dump_feature_collection(
        [{"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "Point", "coordinates": [116.123456789, 36.1]}}]
    )
    doc = json.loads(data)
    assert doc["features"][0]["geometry"]["coordinates"] == [116.123457, 36.1]
