"""Fuzzy search over zh, en, pinyin and aliases (planning/search.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from planning.search import SearchIndex, normalise, pinyin_keys


@pytest.fixture(scope="module")
def index(shipped_plan):
    return SearchIndex.from_layers(shipped_plan.layers)


def _ids(index, query):
    return [h.id for h in index.search(query)]


@pytest.mark.parametrize("query", ["树兰", "shu lan", "shulan", "Shulan", "SHU LAN", "树兰（济南）", "shulan jinan"])
def test_every_spelling_of_shulan_finds_it_first(index, query):
    assert _ids(index, query)[0] == "prj-shulan-hospital"


@pytest.mark.parametrize("query", ["metro", "地铁", "Metro Line", "subway"])
def test_metro_and_its_aliases_find_every_metro_line(index, shipped_plan, query):
    lines = set(shipped_plan.layer("metro_lines")["id"])
    assert len(lines) == 4
    hits = {(h.kind, h.id) for h in index.search(query)}
    assert {("metro_lines", i) for i in lines} <= hits


def test_a_typo_in_an_english_word_still_finds(index):
    assert "prj-shulan-hospital" in _ids(index, "hosptal")


def test_exact_names_rank_before_partial_ones(index):
    hits = index.search("央企总部城")
    assert (hits[0].kind, hits[0].id) == ("zone", "core-soe-hq")
    assert hits[0].score > hits[1].score


def test_nothing_found_is_an_empty_list(index):
    assert index.search("zzqqxx") == [] and index.search("   ") == []


def test_normalising_ignores_width_case_spaces_and_punctuation():
    assert normalise("树兰（济南） International") == normalise("树兰(济南)international")
    assert pinyin_keys("树兰")[0] == "shulan" and pinyin_keys("树兰")[1] == "sl"


def test_an_index_over_a_tiny_frame():
    frame = pd.DataFrame({"id": ["a", "b"], "name_zh": ["玉符河", "腊山湖"], "name_en": ["Yufu River", "Lashan Lake"]})
    index = SearchIndex.from_layers({"water": frame})
    assert [h.id for h in index.search("yu fu")] == ["a"]
    assert [h.kind for h in index.search("lashan")] == ["water"]
