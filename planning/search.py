"""Fuzzy search over every named feature: Chinese, English, pinyin and aliases.

"shu lan", "shulan", "树兰" and "Shulan" all find 树兰（济南）国际医院; "metro"
and "地铁" find every metro line. Text is normalised (NFKC, lower case, no
spaces or punctuation) before matching, so spacing and full-width brackets do
not matter. A hit's score says how it matched; higher is better:

=====  =====================================================
100    the whole name (or its pinyin) is the query
 90    the name starts with the query
 80    the query is inside the name, its pinyin or an alias
 60    the query is inside the feature's category
 50    every query word is close to a word of the name (typos)
=====  =====================================================

UI-free: the index is built from the plan's layers and returns ids; pages
decide how to show the hits.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from pypinyin import Style, lazy_pinyin

from planning.model import CATEGORIES

#: Layers searched, in the order hits of equal score are listed, and the selection kind of each.
SEARCHED_LAYERS: dict[str, str] = {
    "zones": "zone",
    "projects": "project",
    "metro_lines": "metro_lines",
    "metro_stations": "metro_stations",
    "rail_stations": "rail_stations",
    "heritage": "heritage",
    "parks": "parks",
    "water": "water",
}

#: Words people type for what the plan names otherwise (each side finds the other).
ALIASES: dict[str, tuple[str, ...]] = {
    "地铁": ("轨道交通", "metro"),
    "metro": ("轨道交通", "地铁"),
    "subway": ("轨道交通", "metro"),
    "轻轨": ("轨道交通",),
    "医院": ("hospital",),
    "hospital": ("医院",),
    "学校": ("中小学", "school"),
    "school": ("学校", "中小学"),
    "幼儿园": ("kindergarten",),
    "kindergarten": ("幼儿园",),
    "公园": ("park",),
    "park": ("公园",),
    "火车站": ("济南西站", "railway station"),
    "高铁站": ("济南西站",),
    "cbd": ("中央商务",),
}

_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: object) -> str:
    """Lower case, NFKC (full-width → half-width), without spaces or punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text or "")).lower())


def pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin without tones, initials) of ``text``; other characters pass through."""
    full = lazy_pinyin(text, errors="default")
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")
    return normalise("".join(full)), normalise("".join(initials))


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\W_]+", unicodedata.normalize("NFKC", text).lower()) if len(w) >= 3]


@dataclass(frozen=True)
class Hit:
    """One search result: the selection kind and id, both names, and how well it matched."""

    kind: str
    id: str
    name_zh: str
    name_en: str
    category: str | None
    score: int


@dataclass(frozen=True)
class _Entry:
    kind: str
    id: str
    name_zh: str
    name_en: str
    category: str | None
    order: int
    names: tuple[str, ...]  # normalised zh, en and pinyin of the name
    initials: str
    secondary: tuple[str, ...]  # normalised category names
    words: tuple[str, ...] = field(default=())

    def score(self, query: str, query_words: list[str], *, fuzzy: bool) -> int:
        if not query:
            return 0
        if query in self.names:
            return 100
        if any(n.startswith(query) for n in self.names):
            return 90
        if any(query in n for n in self.names) or (len(query) >= 2 and self.initials.startswith(query)):
            return 80
        if any(query in s for s in self.secondary):
            return 60
        if fuzzy and query_words and all(any(_close(q, w) for w in self.words) for q in query_words):
            return 50
        return 0


def _close(a: str, b: str) -> bool:
    if len(a) < 4 or abs(len(a) - len(b)) > 2:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


class SearchIndex:
    """Every named feature of the searched layers, ready to match queries."""

    def __init__(self, entries: Iterable[_Entry]) -> None:
        self._entries = tuple(entries)

    def __len__(self) -> int:
        return len(self._entries)

    @classmethod
    def from_layers(cls, layers: Mapping[str, pd.DataFrame]) -> SearchIndex:
        entries = []
        for order, (layer_id, kind) in enumerate(SEARCHED_LAYERS.items()):
            frame = layers.get(layer_id)
            if frame is None or frame.empty:
                continue
            columns = [c for c in ("id", "name_zh", "name_en", "category") if c in frame.columns]
            for row in frame[columns].itertuples(index=False):
                entries.append(_entry(kind, order, row._asdict()))
        return cls(entries)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best ``limit`` hits for ``query`` (and for its aliases), best first.

        Typo-tolerant matching (score 50) is tried only when the exact kinds find fewer than five hits.
        """
        variants = _variants(query)
        best: dict[tuple[str, str], tuple[int, _Entry]] = {}
        for fuzzy in (False, True):
            if fuzzy and len(best) >= 5:
                break
            for i, text in enumerate(variants):
                q, words = normalise(text), _words(text)
                for entry in self._entries:
                    s = entry.score(q, words, fuzzy=fuzzy)
                    if i:
                        s = min(s, 80)  # an alias match is never an exact one
                    key = (entry.kind, entry.id)
                    if s and s > best.get(key, (0, entry))[0]:
                        best[key] = (s, entry)
        ranked = sorted(best.values(), key=lambda se: (-se[0], se[1].order, len(se[1].name_zh), se[1].name_zh))
        return [Hit(e.kind, e.id, e.name_zh, e.name_en, e.category, s) for s, e in ranked[:limit]]


def _variants(query: str) -> list[str]:
    """The query, then the query with each alias it contains replaced by what it stands for."""
    variants = [query]
    low = unicodedata.normalize("NFKC", query).lower()
    for alias, targets in ALIASES.items():
        if alias in low:
            variants.extend(low.replace(alias, target) for target in targets)
    return variants


def _entry(kind: str, order: int, row: dict[str, object]) -> _Entry:
    name_zh = str(row.get("name_zh") or "")
    name_en = str(row.get("name_en") or "")
    full, initials = pinyin_keys(name_zh)
    category = row.get("category") if isinstance(row.get("category"), str) else None
    secondary: tuple[str, ...] = ()
    if category:
        secondary = (normalise(category), normalise(CATEGORIES.get(category, "")), pinyin_keys(category)[0])
    names = tuple(n for n in (normalise(name_zh), normalise(name_en), full) if n)
    return _Entry(kind, str(row["id"]), name_zh, name_en, category, order, names, initials, secondary,
                  tuple(_words(name_en)))
