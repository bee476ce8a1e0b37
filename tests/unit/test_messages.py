"""The message catalogue: both languages for every message, the same placeholders, and every key the code uses."""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from planning import messages

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u9fff]")
#: Messages in the other language on purpose: the kiosk's attract screen greets every visitor in both,
#: and a language switch names the other language in that language.
BILINGUAL = {"kiosk.attract", "presentation.other_lang"}
#: Latin words a Chinese message may contain: names of formats, systems and products.
ZH_LATIN_OK = {"GeoJSON", "Excel", "GeoPackage", "Shapefile", "WGS84", "CGCS2000", "PostGIS", "PostgreSQL", "Gauss",
               "Kruger", "Krüger", "English", "Leaflet", "Streamlit", "OpenStreetMap", "Gaode", "Tianditu", "Baidu", "Tencent"}


def _catalogue(lang: str):
    return read_po(io.BytesIO((messages.LOCALE_DIR / messages.po_name(lang)).read_bytes()))


def _fields(text: str) -> set[str]:
    """Placeholder names; ``what_zh``/``what_en`` (a value given in each language) count as ``what``."""
    return {re.sub(r"_?(zh|en)$", "", name) for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_has_both_languages_and_the_same_placeholders():
    zh = {m.id: m.string for m in _catalogue("zh") if m.id}
    en = {m.id: m.string for m in _catalogue("en") if m.id}
    assert set(zh) == set(en), sorted(set(zh) ^ set(en))[:20]
    assert not [k for k, v in {**zh, **en}.items() if not v.strip()]
    assert not [k for k in zh if _fields(zh[k]) != _fields(en[k])]


def test_chinese_messages_are_chinese_and_english_ones_are_not():
    zh = {m.id: m.string for m in _catalogue("zh") if m.id}
    en = {m.id: m.string for m in _catalogue("en") if m.id}
    def latin_words(v: str) -> set[str]:
        return {w for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", "", v)) if not w.isupper()} - ZH_LATIN_OK

    latin_only = [(k, v) for k, v in zh.items() if not HAN.search(v) and latin_words(v)]
    assert not latin_only, latin_only
    def prose(v: str) -> str:  # without placeholders and the operator's commands (python -m planning …)
        return re.sub(r"python -m planning[ a-z_-]*|\{[^}]*\}", "", v)

    english_sentences = [k for k, v in zh.items()
                         if k not in BILINGUAL and re.search(r"\b[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}\b", prose(v))]
    assert not english_sentences, english_sentences
    # English messages may name a Chinese term the user sees on the map or in the plan, never be Chinese only
    chinese_only = [k for k, v in en.items() if k not in BILINGUAL and HAN.search(v) and not re.search(r"[A-Za-z]{2,}", v)]
    assert not chinese_only, chinese_only


def test_the_catalogue_compiles_to_mo_and_reads_back():
    for lang in messages.LOCALES:
        buffer = io.BytesIO()
        write_mo(buffer, _catalogue(lang))
        assert buffer.getvalue()
    assert messages.text("page_map", "zh") == "规划地图"
    assert messages.text("page_map", "en") == "Plan map"
    with pytest.raises(KeyError):
        messages.text("no.such.message", "zh")


def _modules() -> list[Path]:
    return [p for d in ("app_pages", "layers", "planning") for p in sorted((ROOT / d).rglob("*.py"))] + [ROOT / "app.py"]


def _literal_keys(path: Path) -> list[tuple[str, int]]:
    """Message keys the module looks up with a literal: ``t("k")``, ``tr("k")`` of a scoped table, ``TABLE["k"]``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tables: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name):
            target = node.targets[0]
            if isinstance(target, ast.Name) and node.value.func.id == "Messages" and node.value.args:
                tables[target.id] = node.value.args[0].value  # type: ignore[attr-defined]
    aliases = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                and node.value.func.id == "scoped" and isinstance(node.value.args[0], ast.Name)):
            aliases[node.targets[0].id] = tables.get(node.value.args[0].id)  # type: ignore[attr-defined]
    found = []

    def key(ns: str | None, node: ast.AST) -> None:
        if ns is not None and isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((f"{ns}.{node.value}" if ns else node.value, node.lineno))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            if node.func.id == "t" and "t" not in aliases:
                key("", node.args[0])
            elif node.func.id in aliases:
                key(aliases[node.func.id], node.args[0])
            elif node.func.id == "translate" and len(node.args) > 1 and isinstance(node.args[0], ast.Name):
                key(tables.get(node.args[0].id), node.args[1])
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in tables:
            key(tables[node.value.id], node.slice)
    return found


def test_every_literal_key_in_the_code_is_in_the_catalogue():
    missing = [f"{p.relative_to(ROOT)}:{line} {k}" for p in _modules() for k, line in _literal_keys(p) if not messages.has(k)]
    assert not missing, missing


def _pair_tables(path: Path) -> list[str]:
    """Dict literals of ``(zh, en)`` string pairs with Chinese first (three or more entries)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict) and len(node.values) >= 3:
            pairs = [v for v in node.values if isinstance(v, ast.Tuple) and len(v.elts) == 2
                     and all(isinstance(e, ast.Constant | ast.JoinedStr) for e in v.elts)]
            first = [v.elts[0].value for v in pairs if isinstance(v.elts[0], ast.Constant)]
            if len(pairs) == len(node.values) and any(HAN.search(str(f)) for f in first):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_table_of_zh_en_pairs_is_left_in_the_code():
    left = [t for p in _modules() for t in _pair_tables(p)]
    assert not left, f"move these (zh, en) tables into the catalogue with scripts/tables_to_po.py: {left}"
