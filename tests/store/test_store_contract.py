"""The store contract, the same tests for the file store and the PostGIS store (``store`` is parametrised).

Reads, writes, versions, stale-write refusal, transactions with an audit line,
logs, documents that are kept whole, the editor on top of the store, threads
racing, and the shipped plan's round trip (write every document, read them
back, write them to a folder: it validates with zero problems and has the
same ids, properties and geometries, to 1e-7 degrees).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import shapely

from planning.edits import OBSERVATION_FIELDS, PROJECTS_FILE, STATUS_FIELDS, TARGETS_FILE, PlanEditor
from planning.errors import DataSourceError, SchemaError, StaleWriteError
from planning.plan import load_plan
from planning.storage import FileStore, atomic_write, dump_feature_collection, dump_json
from tests.helpers import GEODATA, tiny_plan_docs


def put_docs(store, docs: dict) -> None:
    """Write a plan built in code (``tests.helpers.tiny_plan_docs``) the way the project stores documents."""
    for name, doc in docs.items():
        if isinstance(doc, str):
            data = doc.encode("utf-8")
        elif name.endswith(".geojson"):
            data = dump_feature_collection(doc["features"])
        else:
            data = dump_json(doc)
        store.write_bytes(name, data)


def visible(store) -> list[str]:
    """Every document name except hidden ones (the file store keeps its lock files beside the documents)."""
    return [n for n in store.list_documents("") if not n.startswith(".")]


def copy_folder_into(store, folder: Path) -> list[str]:
    source = FileStore(folder)
    names = [n for n in source.list_documents("") if not n.startswith(".")]
    for name in names:
        store.write_bytes(name, source.read_bytes(name))
    return names


def copy_store_to(store, folder: Path) -> None:
    target = FileStore(folder)
    for name in visible(store):
        atomic_write(target.path(name), store.read_bytes(name))


# --- documents ------------------------------------------------------------------------------------------


def test_a_missing_document_has_no_version_and_reading_it_names_it(store):
    assert store.list_documents(".json") == []
    assert store.version("targets.json") is None
    with pytest.raises(DataSourceError, match=r"^targets\.json: .*not found"):
        store.read_bytes("targets.json")


def test_write_then_read_gives_the_bytes_and_the_version(store):
    v1 = store.write_bytes("a.json", b'{"n": 1}\n')
    assert store.read_bytes("a.json") == b'{"n": 1}\n'
    assert store.version("a.json") == v1
    v2 = store.write_bytes("a.json", b'{"n": 2}\n', expected_version=v1)
    assert v2 != v1 and store.version("a.json") == v2
    assert store.read_bytes("a.json") == b'{"n": 2}\n'


def test_a_write_based_on_an_old_version_is_refused_and_changes_nothing(store):
    v1 = store.write_bytes("a.json", b"1")
    store.write_bytes("a.json", b"2", expected_version=v1)
    with pytest.raises(StaleWriteError, match=r"^a\.json was changed by someone else since you opened it"):
        store.write_bytes("a.json", b"3", expected_version=v1)
    assert store.read_bytes("a.json") == b"2"


def test_list_documents_filters_by_suffix_and_sorts(store):
    for name in ("b.geojson", "a.geojson", "targets.json", "plan_outline.txt"):
        store.write_bytes(name, b'{"type":"FeatureCollection","features":[]}' if name.endswith("geojson") else b"x")
    assert store.list_documents(".geojson") == ["a.geojson", "b.geojson"]
    assert visible(store) == ["a.geojson", "b.geojson", "plan_outline.txt", "targets.json"]


def test_a_name_leaving_the_store_is_refused(store):
    with pytest.raises(DataSourceError, match="document name '../outside.json'"):
        store.read_bytes("../outside.json")
    with pytest.raises(DataSourceError, match="document name '../outside.json'"), store.transaction("../outside.json"):
        pass


def test_the_signature_changes_with_every_write(store):
    before = store.signature()
    store.write_bytes("a.json", b"1")
    after_write = store.signature()
    store.append_line("log.jsonl", '{"n":1}')
    after_append = store.signature()
    assert len({before, after_write, after_append}) == 3
    assert [entry[0] for entry in after_append] == ["a.json", "log.jsonl"]


def test_versions_change_per_document_only_for_the_one_written(store):
    store.write_bytes("projects.geojson", dump_feature_collection([]))
    store.write_bytes("zones.geojson", dump_feature_collection([]))
    before = store.versions()
    store.append_line("audit.jsonl", '{"n":1}')
    after_append = store.versions()
    assert {n: after_append[n] for n in before} == before  # an audit append changes no layer's version
    store.write_bytes("projects.geojson", dump_feature_collection([{"type": "Feature", "properties": {"id": "p"},
                                                                    "geometry": None}]))
    after_edit = store.versions()
    assert after_edit["zones.geojson"] == before["zones.geojson"]
    assert after_edit["projects.geojson"] != before["projects.geojson"]
    assert after_edit["audit.jsonl"] == after_append["audit.jsonl"]


def test_a_store_of_each_kind_deletes_and_reports_existence(store):
    store.write_bytes("a.json", b"1")
    assert store.exists("a.json")
    with store.transaction("a.json", "b.json") as tx:
        tx.delete("a.json")
        tx.write_bytes("b.json", b"2")
        assert tx.exists("a.json")  # staged changes are not visible inside the transaction
    assert not store.exists("a.json") and store.read_bytes("b.json") == b"2"
    store.delete("b.json")
    assert visible(store) == []


# --- logs -----------------------------------------------------------------------------------------------


def test_append_line_adds_one_line_each_and_refuses_line_breaks(store):
    store.append_line("log.jsonl", '{"a": 1}')
    store.append_line("log.jsonl", '{"a": 2}\n')
    with pytest.raises(DataSourceError, match="must not contain line breaks"):
        store.append_line("log.jsonl", '{"a":\n 3}')
    assert store.read_bytes("log.jsonl") == b'{"a": 1}\n{"a": 2}\n'


def test_a_torn_last_line_is_cut_before_appending(store):
    store.write_bytes("log.jsonl", b'{"a": 1}\n{"a": 2')  # a writer killed mid-line
    assert store.read_bytes("log.jsonl") == b'{"a": 1}\n{"a": 2'
    store.append_line("log.jsonl", '{"b": 3}')
    assert store.read_bytes("log.jsonl") == b'{"a": 1}\n{"b": 3}\n'


# --- transactions ---------------------------------------------------------------------------------------


def test_a_transaction_commits_the_document_and_its_audit_line_together(store):
    store.write_bytes("a.json", b"old")
    with store.transaction("log.jsonl", "a.json") as tx:
        assert tx.read_bytes("a.json") == b"old"
        assert not tx.exists("log.jsonl")
        tx.write_bytes("a.json", b"new")
        tx.append_line("log.jsonl", '{"seq":1}')
        assert tx.read_bytes("a.json") == b"old"  # staged changes are not visible before the commit
    assert store.read_bytes("a.json") == b"new"
    assert store.read_bytes("log.jsonl") == b'{"seq":1}\n'


def test_a_failed_transaction_writes_nothing(store):
    store.write_bytes("a.json", b"old")

    class Boom(Exception):  # noqa: N818 - internal control-flow signal, not an error for users
        pass

    with pytest.raises(Boom), store.transaction("log.jsonl", "a.json") as tx:
        tx.write_bytes("a.json", b"new")
        tx.append_line("log.jsonl", "x")
        raise Boom
    assert store.read_bytes("a.json") == b"old"
    assert store.version("log.jsonl") is None


def test_a_transaction_refuses_documents_it_has_not_locked(store):
    with pytest.raises(DataSourceError, match=r"^b\.json is not locked by this transaction \(locked: a\.json\)$"), \
            store.transaction("a.json") as tx:
        tx.write_bytes("b.json", b"x")
    with pytest.raises(DataSourceError, match="needs the names"), store.transaction():
        pass


def test_a_stale_write_inside_a_transaction_is_refused(store):
    v1 = store.write_bytes("a.json", b"1")
    store.write_bytes("a.json", b"2")
    with pytest.raises(StaleWriteError), store.transaction("a.json") as tx:
        tx.write_bytes("a.json", b"3", expected_version=v1)
    assert store.read_bytes("a.json") == b"2"


# --- layers and documents kept whole --------------------------------------------------------------------


def test_a_layer_reads_back_with_its_ids_properties_order_and_geometries(store):
    docs = tiny_plan_docs()
    put_docs(store, docs)
    for name in ("zones.geojson", "projects.geojson", "boundary.geojson"):
        assert store.read_bytes(name) == dump_feature_collection(docs[name]["features"]), name
    props = json.loads(store.read_bytes("projects.geojson"))["features"][1]["properties"]
    assert list(props) == list(docs["projects.geojson"]["features"][1]["properties"])  # key order kept


def test_a_layer_written_in_another_layout_reads_back_equal(store):
    features = tiny_plan_docs()["zones.geojson"]["features"]
    features[0]["geometry"]["coordinates"][0][0] = [116.123456789, 36.987654321]
    features[0]["geometry"]["coordinates"][0][-1] = [116.123456789, 36.987654321]
    data = json.dumps({"type": "FeatureCollection", "features": features}, indent=2).encode()
    store.write_bytes("zones.geojson", data)
    back = json.loads(store.read_bytes("zones.geojson"))["features"]
    assert [f["properties"] for f in back] == [f["properties"] for f in features]
    for a, b in zip(features, back, strict=True):  # coordinates to 1e-9 degrees (PostGIS keeps 9 decimals)
        assert shapely.geometry.shape(a["geometry"]).equals_exact(shapely.geometry.shape(b["geometry"]), 1e-9)


@pytest.mark.parametrize(
    "data",
    [
        b"{not json",
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":null},'
        b'{"type":"Feature","properties":{"id":"a"},"geometry":null}]}',  # duplicate ids
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"no id"},"geometry":null}]}',
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"z"},'
        b'"geometry":{"type":"Point","coordinates":[116.9,36.6,20.0]}}]}',  # 3D
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"p"},'
        b'"geometry":{"type":"Point","coordinates":"here"}}]}',  # not a geometry
        b'{"type":"FeatureCollection","name":"extra member","features":[]}',
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"n","v":NaN},"geometry":null}]}',
    ],
    ids=["not-json", "duplicate-ids", "no-id", "3d", "bad-geometry", "extra-member", "nan"],
)
def test_a_layer_that_cannot_be_rows_is_kept_whole_and_reported_the_same(store, tmp_path, data):
    put_docs(store, tiny_plan_docs())
    store.write_bytes("zones.geojson", data)
    assert store.read_bytes("zones.geojson") == data
    reference = tmp_path / "reference"
    copy_store_to(store, reference)
    problems = [str(p) for p in load_plan(store).problems]
    assert problems == [str(p) for p in load_plan(reference).problems]
    assert problems, "the broken layer must be reported"


def test_text_and_json_documents_are_byte_exact(store):
    outline = "第二章 擘画新蓝图\r\n\t含制表符与 emoji 🚇\n".encode()
    store.write_bytes("plan_outline.txt", outline)
    store.write_bytes("targets.json", b'{"targets": [], "note": "\\u00e9 kept as written"}')
    assert store.read_bytes("plan_outline.txt") == outline
    assert store.read_bytes("targets.json") == b'{"targets": [], "note": "\\u00e9 kept as written"}'


# --- the editor on the store ----------------------------------------------------------------------------


def test_the_editor_commits_the_change_with_exactly_one_audit_entry(store):
    put_docs(store, tiny_plan_docs())
    editor = PlanEditor(store)
    base = editor.snapshot(PROJECTS_FILE, "p-in-a", STATUS_FIELDS)
    entry = editor.set_status("planner1", "p-in-a", "在建", "2024-05", "区重点项目调度表", based_on=base)
    plan = load_plan(store)
    assert plan.feature("projects", "p-in-a")["status"] == "在建"
    assert [e.seq for e in editor.log()] == [entry.seq] == [1]
    assert plan.feature("projects", "p-in-b")["status"] == "开工"  # the other features unchanged
    with pytest.raises(StaleWriteError, match="p-in-a' was changed by someone else"):
        editor.set_status("planner2", "p-in-a", "竣工", "2024-06", "x", based_on=base)
    assert len(editor.log()) == 1


def test_an_edit_refused_by_validation_writes_neither_document_nor_audit(store):
    put_docs(store, tiny_plan_docs())
    editor = PlanEditor(store)
    before = store.read_bytes(PROJECTS_FILE)
    base = editor.snapshot(PROJECTS_FILE, "p-in-a", ("zone_override",))
    with pytest.raises(SchemaError):
        editor.update_project("planner1", "p-in-a", {"zone_override": ["no-such-zone"]}, based_on=base)
    assert store.read_bytes(PROJECTS_FILE) == before
    assert editor.log() == []


def test_threads_adding_observations_lose_nothing(store):
    put_docs(store, tiny_plan_docs())
    editor = PlanEditor(store)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(5):
                target = ("t-1", "t-2")[i % 2]
                while True:
                    base = editor.snapshot(TARGETS_FILE, target, OBSERVATION_FIELDS)
                    try:
                        editor.add_observation("planner", target, 2000 + n * 5 + i, float(i), f"thread {n}", based_on=base)
                        break
                    except StaleWriteError:
                        continue
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    log = editor.log()
    assert sorted(e.seq for e in log) == list(range(1, 21))
    observations = [o for t in load_plan(store).targets for o in t.observations]
    assert sorted(o.year for o in observations) == list(range(2000, 2020))


# --- the shipped plan -----------------------------------------------------------------------------------


def _features(folder: Path) -> dict[str, list[dict]]:
    out = {}
    for path in sorted(folder.glob("*.geojson")):
        out[path.name] = json.loads(path.read_text(encoding="utf-8"))["features"]
    return out


def test_the_shipped_plan_round_trips_through_the_store(store, tmp_path):
    names = copy_folder_into(store, GEODATA)
    assert visible(store) == sorted(names)
    plan = load_plan(store)
    assert plan.problems == []
    assert (len(plan.zones), len(plan.projects), len(plan.targets)) == (11, 157, 90)
    out = tmp_path / "out"
    copy_store_to(store, out)
    assert load_plan(out).problems == []
    original, dumped = _features(GEODATA), _features(out)
    assert list(dumped) == list(original)
    for name, features in original.items():
        assert [f["properties"] for f in dumped[name]] == [f["properties"] for f in features], name
        for a, b in zip(features, dumped[name], strict=True):
            ga, gb = shapely.geometry.shape(a["geometry"]), shapely.geometry.shape(b["geometry"])
            assert ga.geom_type == gb.geom_type and ga.equals_exact(gb, 1e-7), (name, a["properties"]["id"])
    for name in ("targets.json", "plan_outline.txt", "SOURCES.md"):
        assert (out / name).read_bytes() == (GEODATA / name).read_bytes()


def test_feature_ids_follow_the_layer_without_reading_geometries(store):
    assert store.feature_ids("zones.geojson") is None
    put_docs(store, tiny_plan_docs())
    assert store.feature_ids("zones.geojson") == {"core-a", "axis-b"}
    store.write_bytes("zones.geojson", dump_feature_collection([
        {"type": "Feature", "properties": {"id": "only"}, "geometry": None}]))
    assert store.feature_ids("zones.geojson") == {"only"}  # the remembered ids follow the new version


def test_one_feature_is_read_and_replaced_without_touching_the_others(store):
    put_docs(store, tiny_plan_docs())
    before = json.loads(store.read_bytes(PROJECTS_FILE))["features"]
    with store.transaction(PROJECTS_FILE) as tx:
        index, feature = tx.read_feature(PROJECTS_FILE, "p-in-b")
        assert (index, feature["properties"]["id"]) == (1, "p-in-b")
        assert tx.read_feature(PROJECTS_FILE, "nope") is None
        feature["properties"]["status"] = "在建"
        tx.write_feature(PROJECTS_FILE, feature)
    after = json.loads(store.read_bytes(PROJECTS_FILE))["features"]
    assert [f["properties"]["id"] for f in after] == [f["properties"]["id"] for f in before]
    assert after[1]["properties"]["status"] == "在建"
    assert after[0] == before[0] and after[2] == before[2]
    assert load_plan(store).problems == []
