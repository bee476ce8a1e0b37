"""The map page's projects table: on demand, paged, sorted and found on the server; selection both ways."""

from __future__ import annotations

import copy
import io
import json
from types import SimpleNamespace

import pandas as pd
import pytest

from tests.app.conftest import click, run_app, texts
from tests.helpers import tiny_plan_docs, write_docs

N_PROJECTS = 60  # more than two pages of 25


@pytest.fixture
def many_folder(tmp_path):
    """The tiny plan with 60 projects ``p-00`` … ``p-59`` (names 项目00 …, statuses cycling)."""
    docs = tiny_plan_docs()
    template = docs["projects.geojson"]["features"][0]
    statuses = ["未知", "开工", "在建", "竣工"]
    features = []
    for i in range(N_PROJECTS):
        f = copy.deepcopy(template)
        f["properties"].update(id=f"p-{i:02d}", name_zh=f"项目{i:02d}", name_en=f"Project {i:02d}",
                               status=statuses[i % 4], status_date=None if i % 4 == 0 else "2021",
                               status_source=None if i % 4 == 0 else "第一章: 开工建设")
        f["geometry"] = {"type": "Point", "coordinates": [116.86 + i * 0.0005, 36.66]}
        features.append(f)
    docs["projects.geojson"]["features"] = features
    return write_docs(tmp_path / "many", docs)


def _table(at):
    return next(df for df in at.dataframe if "编号" in df.value.columns)


def _open(at):
    at.toggle(key="map_table_on").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_first_view_sends_no_table(many_folder, monkeypatch):
    at = run_app(many_folder, monkeypatch)
    assert not [df for df in at.dataframe if "编号" in df.value.columns]
    assert "显示项目表（60 个项目）" in [t.label for t in at.toggle]
    assert "下载 CSV" in texts(at)  # the downloads do not wait for the table


def test_only_one_page_of_rows_is_sent_and_pages_turn(many_folder, monkeypatch):
    at = _open(run_app(many_folder, monkeypatch))
    assert _table(at).value["编号"].tolist() == [f"p-{i:02d}" for i in range(25)]
    assert "第 1–25 行，共 60 行" in texts(at)
    at.number_input(key="map_table_page").set_value(3).run()
    assert _table(at).value["编号"].tolist() == [f"p-{i:02d}" for i in range(50, 60)]
    assert "第 51–60 行，共 60 行" in texts(at)


def test_sorting_and_finding_run_on_all_rows(many_folder, monkeypatch):
    at = _open(run_app(many_folder, monkeypatch))
    at.toggle(key="map_table_desc").set_value(True).run()
    assert _table(at).value["编号"].tolist()[:2] == ["p-59", "p-58"]
    at.toggle(key="map_table_desc").set_value(False).run()
    at.selectbox(key="map_table_sort__zh").set_value("status").run()
    first = _table(at).value
    # lifecycle order (储备, 开工, 在建, 竣工, 未知) over all 60 rows: the 15 started, then 10 of the 15 under way
    assert first["状态"].tolist() == ["开工"] * 15 + ["在建"] * 10
    at.text_input(key="map_table_find").set_value("project 4").run()
    assert sorted(_table(at).value["编号"]) == [f"p-4{i}" for i in range(10)]
    assert "共 10 行" in texts(at)


def test_a_project_selected_on_the_map_turns_the_table_to_its_page(many_folder, monkeypatch):
    at = click(_open(run_app(many_folder, monkeypatch)), "projects", "p-42")
    table = _table(at)
    assert at.number_input(key="map_table_page").value == 2
    assert table.key == "map_table::project:p-42::2"
    ticked = json.loads(table.proto.selection_default)["selection"]["rows"]
    assert [table.value["编号"].tolist()[i] for i in ticked] == ["p-42"]


def test_a_row_picked_in_the_table_selects_the_project(many_folder, monkeypatch):
    import streamlit  # noqa: PLC0415

    from app_pages import table_view  # noqa: PLC0415

    at = _open(run_app(many_folder, monkeypatch))
    at.number_input(key="map_table_page").set_value(2).run()
    key = _table(at).key
    # What Streamlit hands the on_select callback: this session's state with the picked row.
    session = {"map_table_ids": at.session_state["map_table_ids"],
               key: SimpleNamespace(selection=SimpleNamespace(rows=[3]))}
    monkeypatch.setattr(streamlit, "session_state", session)
    table_view._on_select(key)  # noqa: SLF001
    assert session["map_sel"] == "project:p-28"


def test_downloads_export_every_filtered_row_not_the_page(many_folder, monkeypatch):
    from app_pages.map_view import csv_bytes  # noqa: PLC0415
    from planning.plan import load_plan  # noqa: PLC0415

    at = _open(run_app(many_folder, monkeypatch))
    at.multiselect(key="map_f_status__zh").set_value(["开工"]).run()
    assert "第 1–15 行，共 15 行" in texts(at)
    plan = load_plan(many_folder)
    ids = tuple(sorted(plan.projects.loc[plan.projects["status"] == "开工", "id"]))
    rows = pd.read_csv(io.BytesIO(csv_bytes(plan, ids)))
    assert len(rows) == 15
    assert len(_table(at).value) == 15
