"""Every consumer of the stores, the same tests over the data folder and over PostGIS (``stores`` is parametrised).

Imports of an overlay (and its undo), export provenance, tours, accounts,
edits and comments all go through :func:`planning.stores.open_stores`; with a
database, nothing is written to the data folder and a second "replica"
(another ``open_stores`` of the same settings) sees every change.
"""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path

import pytest

from layers.export import provenance
from planning.auth import add_account, authenticate, load_accounts
from planning.cli import main as cli_main
from planning.comments import CommentDraft, RateLimit, RateLimits
from planning.edits import STATUS_FIELDS, PROJECTS_FILE
from planning.errors import StaleWriteError
from planning.imports import read_upload
from planning.imports_apply import active_overlays, add_overlay, import_history, overlay_metadata, undo_import
from planning.plan import load_plan
from planning.postgis import PostgisStore, load_folder
from planning.settings import Settings
from planning.storage import FileStore, dump_json
from planning.stores import Stores, open_stores
from planning.tours import load_tours
from tests.helpers import tiny_plan_docs, write_docs

RED_LINE = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "红线"},
                       "geometry": {"type": "Polygon", "coordinates": [
                           [[116.86, 36.66], [116.87, 36.66], [116.87, 36.67], [116.86, 36.66]]]}}]}).encode()
TOUR = {"title_zh": "测试导览", "title_en": "Test tour", "summary_zh": "摘要", "summary_en": "Summary", "order": 1,
        "steps": [{"id": "start", "target": {"kind": "layer", "ref": "boundary"}, "title_zh": "开始", "title_en": "Start",
                   "narrative_zh": "说明", "narrative_en": "Narrative", "figures": [], "source_section": "ch2-3"}]}
PASSWORD = "a long test password"


def _settings(tmp_path: Path, kind: str, url: str | None) -> Settings:
    return Settings(data_dir=tmp_path / "plan", accounts_file=tmp_path / "accounts" / "accounts.json",
                    state_dir=tmp_path / "state", database_url=url if kind == "postgis" else None)


@pytest.fixture(params=("file", "postgis"))
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings of a deployment holding the tiny plan: a data folder, or a fresh database loaded from one."""
    folder = write_docs(tmp_path / "plan", tiny_plan_docs())
    url = None
    if request.param == "postgis":
        url = request.getfixturevalue("pg_server").create_database(f"db_{uuid.uuid4().hex[:12]}")
        store = PostgisStore(url)
        load_folder(store, folder)
        store.close()
        for path in folder.iterdir():  # the replicas must not read the folder: empty it
            path.unlink()
    return _settings(tmp_path, request.param, url)


@pytest.fixture
def stores(settings: Settings) -> Stores:
    opened = open_stores(settings)
    yield opened
    opened.close()


@pytest.fixture
def replica(settings: Settings) -> Stores:
    """Another process's stores of the same deployment."""
    opened = open_stores(settings)
    yield opened
    opened.close()


def _files_written(settings: Settings) -> list[str]:
    roots = [Path(settings.data_dir), Path(settings.accounts_file).parent]
    return sorted(str(p) for root in roots if root.exists() for p in root.rglob("*") if p.is_file())


def test_an_overlay_is_imported_shared_and_withdrawn(settings, stores, replica):
    result = read_upload("红线.geojson", RED_LINE)
    entry = add_overlay(stores, result, user="planner1", title="生态保护红线", kind="生态保护红线", provenance="测试 2026")
    seen = overlay_metadata(replica)
    assert [(m["id"], m["title"], m["audit_seq"]) for m in seen] == [(entry.feature_id, "生态保护红线", entry.seq)]
    assert active_overlays(replica)[0].gdf.iloc[0]["名称"] == "红线"
    assert [r.kind for r in import_history(replica)] == ["overlay"]
    undo = undo_import(replica, entry.seq, user="planner2")
    assert undo[0].reverts == entry.seq
    assert overlay_metadata(stores) == []
    kept = json.loads(stores.overlays.read_bytes(f"{entry.feature_id}.json"))
    assert kept["withdrawn"]["by"] == "planner2"
    if settings.database_url:
        assert _files_written(settings) == []  # everything is in the database


def test_parallel_imports_of_one_file_give_one_layer_each(stores):
    result = read_upload("红线.geojson", RED_LINE)
    ids, errors = [], []

    def worker(n: int) -> None:
        try:
            ids.append(add_overlay(stores, result, user="planner1", title=f"层 {n}", kind="参考图层", provenance="x").feature_id)
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(ids)) == 5
    assert sorted(m["title"] for m in overlay_metadata(stores)) == [f"层 {n}" for n in range(5)]


def test_export_provenance_reads_the_configured_audit_log(stores, replica):
    assert provenance(replica).last_edit_seq is None
    editor = stores.editor()
    base = editor.snapshot(PROJECTS_FILE, "p-in-a", STATUS_FIELDS)
    entry = editor.set_status("planner1", "p-in-a", "在建", "2026-02", "调度表", based_on=base)
    found = provenance(replica)
    assert (found.last_edit_seq, found.last_edit_date) == (entry.seq, entry.at[:10])


def test_edits_are_shared_and_a_stale_one_is_refused(stores, replica):
    base = stores.editor().snapshot(PROJECTS_FILE, "p-in-a", STATUS_FIELDS)
    replica.editor().set_status("planner2", "p-in-a", "开工", "2026-01", "公告", based_on=base)
    with pytest.raises(StaleWriteError, match="status: you saw .* by planner2"):
        stores.editor().set_status("planner1", "p-in-a", "在建", "2026-02", "调度表", based_on=base)
    assert load_plan(stores.plan).feature("projects", "p-in-a")["status"] == "开工"
    assert [e.user for e in stores.audit.entries()] == ["planner2"]


def test_tours_are_read_from_the_tour_store(stores, replica):
    stores.tours.write_bytes("test.json", dump_json(TOUR))
    tours, problems = load_tours(replica.tours, load_plan(replica.plan))
    assert problems == [] and [t.title("en") for t in tours] == ["Test tour"]


def test_accounts_are_shared(settings, stores, replica):
    assert load_accounts(replica.accounts, replica.accounts_document) == {}
    add_account(stores.accounts, "planner1", PASSWORD, name="规划员甲", document=stores.accounts_document)
    accounts = load_accounts(replica.accounts, replica.accounts_document)
    assert authenticate(accounts, "planner1", PASSWORD).name == "规划员甲"
    if settings.database_url:
        assert _files_written(settings) == []


def test_comments_are_shared(stores, replica):
    draft = CommentDraft(kind="建议", text="多种树", contact=None, zone_id="core-a", lon=None, lat=None, lang="zh",
                         token=uuid.uuid4().hex)
    stored = stores.comments.add(draft, session_key="s", client_key="c",
                                 limits=RateLimits(RateLimit(3, 600), RateLimit(20, 3600)))
    assert [c.id for c in replica.comments.list()] == [stored.id]


def test_the_cli_imports_an_overlay_into_the_configured_store(settings, stores, tmp_path, monkeypatch, capsys):
    upload = tmp_path / "红线.geojson"
    upload.write_bytes(RED_LINE)
    monkeypatch.setenv("HUAIYIN_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("HUAIYIN_ACCOUNTS_FILE", str(settings.accounts_file))
    monkeypatch.setenv("HUAIYIN_STATE_DIR", str(settings.state_dir))
    if settings.database_url:
        monkeypatch.setenv("HUAIYIN_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("HUAIYIN_DATABASE_URL", raising=False)
    add_account(stores.accounts, "cli", PASSWORD, document=stores.accounts_document)  # --user must be an account
    assert cli_main(["import", str(upload), "--user", "cli", "--provenance", "测试", "--title", "农田"]) == 0
    assert "imported as overlay: audit entry #1" in capsys.readouterr().out
    assert [m["title"] for m in overlay_metadata(stores)] == ["农田"]
    assert stores.audit.entries()[-1].user == "cli"
    if settings.database_url:
        assert not (Path(settings.data_dir) / "overlays").exists()
        assert FileStore(settings.data_dir).list_documents("") == []
