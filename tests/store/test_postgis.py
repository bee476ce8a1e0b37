"""What only the PostGIS store has: migrations, configuration, tables, spatial queries, and ``python -m planning db``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planning.db import main as db_main
from planning.edits import PROJECTS_FILE, STATUS_FIELDS, PlanEditor
from planning.errors import DataSourceError, PlanningError
from planning.plan import load_plan
from planning.postgis import SCHEMA_VERSION, PostgisStore, load_folder, redact
from planning.stores import open_stores
from planning.postgis_spatial import (
    catchments,
    overlap_areas,
    overlap_areas_in_memory,
    zone_assignment,
)
from planning.settings import settings_from_env
from planning.storage import FileStore
from planning.transit import catchments as catchments_in_memory
from tests.helpers import GEODATA, tiny_plan_docs, write_docs
from tests.store.conftest import new_schema


def _sql(store: PostgisStore, query: str, *args):
    with store.connection("test query") as conn:
        return conn.execute(query, args).fetchall()


@pytest.fixture
def shipped(postgis_store: PostgisStore) -> PostgisStore:
    load_folder(postgis_store, GEODATA)
    return postgis_store


# --- schema and migrations ------------------------------------------------------------------------------


def test_migrations_are_idempotent_and_recorded(pg_url):
    store = PostgisStore(pg_url, schema=new_schema(), migrate=False)
    with pytest.raises(DataSourceError, match=r"has schema version 0, this app needs \d+: run `python -m planning db migrate`"):
        store.list_documents("")
    assert [m.version for m in store.migrate()] == list(range(1, SCHEMA_VERSION + 1))
    assert store.migrate() == []
    assert store.schema_version() == SCHEMA_VERSION
    assert store.list_documents("") == []
    store.close()


def test_a_database_migrated_by_a_newer_app_is_refused(postgis_store):
    postgis_store.migrate()
    _sql(postgis_store, "INSERT INTO schema_version (version, description) VALUES (99, 'from the future') RETURNING 1")
    newer = PostgisStore(postgis_store.url, schema=postgis_store.schema)
    with pytest.raises(DataSourceError, match="schema version 99, newer than this app knows"):
        newer.read_bytes("targets.json")
    newer.close()


def test_layers_are_rows_with_4326_geometries_and_spatial_indexes(shipped):
    counts = dict(_sql(shipped, "SELECT layer, count(*) FROM plan_features GROUP BY layer"))
    assert counts["projects.geojson"] == 157 and counts["zones.geojson"] == 11
    assert _sql(shipped, "SELECT DISTINCT ST_SRID(geom), ST_SRID(geom_m) FROM plan_features") == [(4326, 4548)]
    indexes = {r[0] for r in _sql(shipped, "SELECT indexdef FROM pg_indexes WHERE tablename = 'plan_features'")}
    assert any("USING gist (geom)" in i for i in indexes)
    assert any("USING gist (geom_m)" in i for i in indexes)
    kinds = dict(_sql(shipped, "SELECT name, storage FROM plan_documents"))
    assert kinds["targets.json"] == "body" and kinds["zones.geojson"] == "features"


def test_targets_and_observations_are_queryable_in_sql(shipped):
    assert _sql(shipped, "SELECT count(*) FROM plan_targets") == [(90,)]
    observed = _sql(shipped, "SELECT count(*) FROM target_observations")[0][0]
    in_file = sum(len(t["observations"]) for t in json.loads((GEODATA / "targets.json").read_text("utf-8"))["targets"])
    assert observed == in_file


def test_an_edit_updates_one_feature_row_and_the_audit_view(shipped):
    editor = PlanEditor(shipped)
    project = load_plan(shipped).projects.iloc[3]["id"]
    before = dict(_sql(shipped, "SELECT id, updated_at FROM plan_features WHERE layer = 'projects.geojson'"))
    base = editor.snapshot(PROJECTS_FILE, project, STATUS_FIELDS)
    editor.set_status("planner1", project, "竣工", "2025-01", "区住建局公告", based_on=base)
    after = dict(_sql(shipped, "SELECT id, updated_at FROM plan_features WHERE layer = 'projects.geojson'"))
    assert [pid for pid in after if after[pid] != before[pid]] == [project]
    rows = _sql(shipped, "SELECT entry ->> 'user', entry ->> 'feature_id', entry -> 'after' ->> 'status' FROM audit_log")
    assert rows == [("planner1", project, "竣工")]


# --- configuration --------------------------------------------------------------------------------------


def test_the_url_selects_the_store_and_its_password_is_never_shown(pg_url, tmp_path):
    settings = settings_from_env({"HUAIYIN_DATABASE_URL": pg_url, "HUAIYIN_DATA_DIR": str(tmp_path)})
    stores = open_stores(settings)
    assert all(isinstance(s, PostgisStore) for s in (stores.plan, stores.overlays, stores.tours, stores.accounts))
    password = pg_url.split(":")[2].split("@")[0]
    assert password not in stores.name and "***" in stores.name
    files = open_stores(settings_from_env({"HUAIYIN_DATA_DIR": str(tmp_path)}))
    assert all(isinstance(s, FileStore) for s in (files.plan, files.overlays, files.tours, files.accounts))
    with pytest.raises(PlanningError) as info:
        settings_from_env({"HUAIYIN_DATABASE_URL": "mysql://user:s3cret@db/plan"})
    assert "HUAIYIN_DATABASE_URL" in str(info.value) and "s3cret" not in str(info.value)
    assert redact("postgresql://u:pw@h:5432/d") == "postgresql://u:***@h:5432/d"
    stores.close()


def test_an_unreachable_server_gives_a_clear_error(tmp_path):
    store = PostgisStore("postgresql://huaiyin:pw@127.0.0.1:1/huaiyin")
    with pytest.raises(DataSourceError) as info:
        load_plan(store)
    text = str(info.value)
    assert "cannot be reached" in text and "nothing was changed" in text and "无法连接规划数据库" in text
    assert "pw@" not in text


# --- spatial queries equal the in-memory ones -----------------------------------------------------------


def test_zone_assignment_in_postgis_equals_the_loaded_plan(shipped):
    plan = load_plan(shipped)
    assert zone_assignment(shipped) == dict(zip(plan.projects["id"], plan.projects["zone_ids"], strict=True))


def test_zone_assignment_honours_overrides_like_the_loader(postgis_store, tmp_path):
    docs = tiny_plan_docs()
    docs["projects.geojson"]["features"][2]["properties"]["zone_override"] = ["axis-b", "unknown-zone"]
    load_folder(postgis_store, write_docs(tmp_path / "tiny", docs))
    plan = load_plan(postgis_store)
    found = zone_assignment(postgis_store)
    assert found == dict(zip(plan.projects["id"], plan.projects["zone_ids"], strict=True))
    assert found == {"p-in-a": ["core-a"], "p-in-b": ["axis-b"], "p-none": ["axis-b"]}


@pytest.mark.parametrize(("a", "b"), [("zones", "zones"), ("parks", "zones"), ("water", "parks")])
def test_overlap_areas_in_postgis_equal_geopandas(shipped, a, b):
    plan = load_plan(shipped)
    found = overlap_areas(shipped, f"{a}.geojson", f"{b}.geojson")
    expected = overlap_areas_in_memory(plan.layer(a), plan.layer(b), same_layer=a == b)
    assert [(o.a_id, o.b_id) for o in found] == [(o.a_id, o.b_id) for o in expected]
    assert all(abs(f.m2 - e.m2) <= 1e-6 * e.m2 for f, e in zip(found, expected, strict=True))
    if a == "zones":
        assert found, "the shipped zones overlap (a core and the axis crossing it)"


def test_catchments_in_postgis_equal_planning_transit(shipped):
    found = catchments(shipped)
    expected = catchments_in_memory(load_plan(shipped))
    assert len(found) == len(expected) == 2 * 22
    for column in ("station_id", "name_zh", "name_en", "kind", "radius_m", "project_ids", "project_count"):
        assert list(found[column]) == list(expected[column]), column
    assert (found["area_ha"] - expected["area_ha"]).abs().max() < 1e-6
    for mine, theirs in zip(found["zone_ha"], expected["zone_ha"], strict=True):
        assert list(mine) == list(theirs)
        assert all(abs(mine[k] - theirs[k]) < 1e-6 for k in mine)


# --- python -m planning db ------------------------------------------------------------------------------


def test_db_commands_init_load_status_dump(fresh_database, tmp_path):
    url = fresh_database
    lines: list[str] = []
    assert db_main(["--url", url, "init"], out=lines.append) == 0
    assert db_main(["--url", url, "migrate"], out=lines.append) == 0
    assert lines[-1].endswith("; nothing to do")
    assert db_main(["--url", url, "load", str(GEODATA)], out=lines.append) == 0
    assert "the plan in the database: 0 error(s)" in lines[-1]
    assert db_main(["--url", url, "load", str(GEODATA)], out=lines.append) == 1  # refused: already loaded
    assert db_main(["--url", url, "status"], out=lines.append) == 0
    assert any(line.strip().startswith("projects.geojson") and "features" in line for line in lines)
    out = tmp_path / "dump"
    assert db_main(["--url", url, "dump", str(out)], out=lines.append) == 0
    assert lines[-1] == f"the folder written: 0 error(s), 0 warning(s) in {out}"
    for path in sorted(GEODATA.glob("*.*")):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name  # byte for byte
    assert db_main(["--url", url, "dump", str(out)], out=lines.append) == 1  # refused: not empty


def test_db_load_refuses_a_folder_with_errors(fresh_database, tmp_path):
    docs = tiny_plan_docs()
    docs["projects.geojson"]["features"][0]["properties"]["status"] = "maybe"
    folder = write_docs(tmp_path / "bad", docs)
    lines: list[str] = []
    assert db_main(["--url", fresh_database, "load", str(folder)], out=lines.append) == 1
    assert any("status" in line and "ERROR" in line for line in lines)
    assert lines[-1].startswith(f"not loaded: fix the errors in {folder}")


def test_db_load_replace_makes_the_database_equal_the_folder(postgis_store, tmp_path):
    load_folder(postgis_store, GEODATA)
    tiny = write_docs(tmp_path / "tiny", tiny_plan_docs())
    shipped = len([p for p in GEODATA.iterdir() if p.is_file() and not p.name.startswith(".")])
    with pytest.raises(DataSourceError, match=f"already holds {shipped} documents"):
        load_folder(postgis_store, tiny)
    report = load_folder(postgis_store, tiny, replace=True)
    assert "water.geojson" in report.removed
    assert postgis_store.list_documents("") == sorted(p.name for p in Path(tiny).iterdir() if p.is_file())
    assert postgis_store.scoped("tours").list_documents("") == []  # the tiny folder has no tours: removed too
    assert load_plan(postgis_store).problems == []


def test_db_without_a_url_says_what_to_set(monkeypatch, capsys):
    monkeypatch.delenv("HUAIYIN_DATABASE_URL", raising=False)
    assert db_main(["status"]) == 1
    assert "set HUAIYIN_DATABASE_URL or pass --url" in capsys.readouterr().err
